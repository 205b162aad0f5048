/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store.h: the database.  All SQL of jicai lives in jc-store*.c, written
 * in the subset of SQL that PostgreSQL also accepts (placeholders are `?`,
 * which a PostgreSQL backend rewrites to `$n`).  A JcStore is one connection:
 * use it from one thread at a time; a worker thread opens its own with
 * jc_store_open_same() (WAL lets readers and one writer work side by side).
 *
 * The store (core/store/) is a library of its own and the only code that
 * links sqlite3 (the `sql-symbols` test checks it).  It offers plain loads,
 * writes and queries and decides no business rule: the domain modules of
 * core decide and write through it. */
#pragma once

#include <glib.h>

#include "jc-master.h"

G_BEGIN_DECLS

/* The schema version this build writes.  A database with a higher version
 * was written by a newer jicai and is refused. */
#define JC_STORE_SCHEMA_VERSION 10

typedef struct _JcStore JcStore;

/* How long a write waits for another writer (a chunk of a large import,
 * another desk's save) before it fails with JC_STORE_ERROR_BUSY. */
#define JC_STORE_BUSY_MS 30000

/* Called once in a wait for another writer that lasts over a second. */
typedef void (*JcStoreBusyFunc) (JcStore  *store,
                                 gpointer  user_data);

typedef struct {
  gint64 item_id;
  gint64 qty_milli;        /* base units */
  const char *unit;        /* as entered, NULL: base unit */
  gint64 unit_qty_milli;   /* as entered, in milli of `unit` */
} JcStoreOrderLine;

char       *jc_store_default_path    (void);
char       *jc_store_resolve_path    (const char  *cli_path);
JcStore    *jc_store_open            (const char  *path,
                                      GError     **error);
/* A new connection to the same database, for a worker thread. */
JcStore    *jc_store_open_same       (JcStore     *store,
                                      GError     **error);
void        jc_store_free            (JcStore     *store);
/* The location it was opened with (a path, or a PostgreSQL location
 * that may hold a password: show jc_store_get_display_name() instead). */
const char *jc_store_get_path        (JcStore     *store);
/* The location as it may be shown and logged: never a password.
 * Returns: (transfer full). */
char       *jc_store_get_display_name (JcStore    *store);
/* TRUE for the office database on PostgreSQL, FALSE for a file. */
gboolean    jc_store_is_office       (JcStore     *store);
int         jc_store_get_schema_version (JcStore  *store);
gboolean    jc_store_is_empty        (JcStore     *store);
void        jc_store_set_busy_func   (JcStore         *store,
                                      JcStoreBusyFunc  func,
                                      gpointer         user_data);

gboolean    jc_store_begin           (JcStore     *store,
                                      GError     **error);
gboolean    jc_store_commit          (JcStore     *store,
                                      GError     **error);
void        jc_store_rollback        (JcStore     *store);
/* One unit of writing that a failure part-way undoes whole: inside the
 * caller's transaction a savepoint, outside one a transaction of its own
 * (BEGIN IMMEDIATE, so that two writers queue instead of one failing).
 * Every write_begin is matched by a write_end, which commits when `ok`
 * and undoes otherwise; it returns FALSE when it undid or failed. */
gboolean    jc_store_write_begin     (JcStore     *store,
                                      GError     **error);
gboolean    jc_store_write_end       (JcStore     *store,
                                      gboolean     ok,
                                      GError     **error);

char       *jc_store_get_setting     (JcStore     *store,
                                      const char  *key);
gboolean    jc_store_set_setting     (JcStore     *store,
                                      const char  *key,
                                      const char  *value,
                                      GError     **error);

/* Master data.  Lists return GPtrArrays that own their elements, ordered by
 * code (items by category position then code). */
GPtrArray  *jc_store_list_categories (JcStore     *store,
                                      GError     **error);
JcCategory *jc_store_find_category   (JcStore     *store,
                                      const char  *code_or_name,
                                      GError     **error);

GPtrArray  *jc_store_list_items      (JcStore     *store,
                                      gboolean     include_inactive,
                                      GError     **error);
JcItem     *jc_store_get_item        (JcStore     *store,
                                      const char  *code,
                                      GError     **error);
JcItem     *jc_store_find_item_by_name (JcStore   *store,
                                      const char  *name_or_alias,
                                      GError     **error);
gboolean    jc_store_insert_item     (JcStore     *store,
                                      JcItem      *item,
                                      GError     **error);
gboolean    jc_store_update_item     (JcStore     *store,
                                      const JcItem *item,
                                      GError     **error);
gboolean    jc_store_delete_item     (JcStore     *store,
                                      const char  *code,
                                      GError     **error);

GPtrArray  *jc_store_list_canteens   (JcStore     *store,
                                      gboolean     include_inactive,
                                      GError     **error);
JcCanteen  *jc_store_get_canteen     (JcStore     *store,
                                      const char  *code,
                                      GError     **error);
gboolean    jc_store_insert_canteen  (JcStore     *store,
                                      JcCanteen   *canteen,
                                      GError     **error);
gboolean    jc_store_update_canteen  (JcStore     *store,
                                      const JcCanteen *canteen,
                                      GError     **error);
gboolean    jc_store_delete_canteen  (JcStore     *store,
                                      const char  *code,
                                      GError     **error);

GPtrArray  *jc_store_list_vehicles   (JcStore     *store,
                                      gboolean     include_inactive,
                                      GError     **error);
JcVehicle  *jc_store_get_vehicle     (JcStore     *store,
                                      const char  *plate,
                                      GError     **error);
gboolean    jc_store_insert_vehicle  (JcStore     *store,
                                      JcVehicle   *vehicle,
                                      GError     **error);
gboolean    jc_store_update_vehicle  (JcStore     *store,
                                      const JcVehicle *vehicle,
                                      GError     **error);
gboolean    jc_store_delete_vehicle  (JcStore     *store,
                                      const char  *plate,
                                      GError     **error);

/* Orders (the orders module builds on these). */
gboolean    jc_store_put_order       (JcStore     *store,
                                      gint64       canteen_id,
                                      const char  *delivery_date,
                                      const char  *status,
                                      const JcStoreOrderLine *lines,
                                      guint        n_lines,
                                      GError     **error);
gint64      jc_store_count_orders    (JcStore     *store,
                                      GError     **error);

/* Backups (jc-store-backup.c).  `progress` (may be NULL) is called after
 * each step with the fraction copied, 0…1. */
typedef void (*JcStoreProgressFunc) (double    fraction,
                                     gpointer  user_data);

gboolean    jc_store_backup          (JcStore     *store,
                                      const char  *path,
                                      gboolean     replace,
                                      JcStoreProgressFunc progress,
                                      gpointer     user_data,
                                      GError     **error);
gboolean    jc_store_inspect_backup  (const char  *db_path,
                                      const char  *path,
                                      int         *out_version,
                                      GError     **error);
gboolean    jc_store_restore         (const char  *db_path,
                                      const char  *path,
                                      JcStoreProgressFunc progress,
                                      gpointer     user_data,
                                      char       **out_aside,
                                      int         *out_version,
                                      GError     **error);
/* PRAGMA integrity_check: FALSE with JC_STORE_ERROR_CORRUPT when damaged. */
gboolean    jc_store_check_integrity (JcStore     *store,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcStore, jc_store_free)

G_END_DECLS
