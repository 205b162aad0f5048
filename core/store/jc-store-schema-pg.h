/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-schema-pg.h: the schema on PostgreSQL (its baseline, the checks
 * of an office database before it is used) and the engines' catalogue (the
 * tables and columns a database holds), for the store and its tests. */
#pragma once

#include <glib.h>

#include "jc-db.h"

G_BEGIN_DECLS

/* The schema version the PostgreSQL baseline creates: an office database
 * starts here, later versions are migrations run on both engines. */
#define JC_STORE_PG_BASELINE_VERSION 10

/* The oldest PostgreSQL server jicai works with (PQserverVersion's form). */
#define JC_STORE_PG_MIN_SERVER_VERSION 150000

/* Creates on an empty PostgreSQL schema (the connection's current one)
 * the schema that SQLite's migrations 1 to JC_STORE_PG_BASELINE_VERSION
 * leave, seed rows included, and records that version.  Runs in the
 * caller's transaction and neither begins nor ends one. */
gboolean    _jc_store_pg_create_baseline (JcDb     *db,
                                          GError  **error);

/* The SQL of the baseline as it runs (several statements). */
const char *_jc_store_pg_baseline_sql    (void);

/* Whether the PostgreSQL database of `db` is one jicai may use, reading
 * only: a server of version 15 or later (JC_STORE_ERROR_UNSUPPORTED), a
 * UTF-8 database sorting text by bytes (collation C, else
 * JC_STORE_ERROR_UNSUPPORTED saying how to create one), whose current
 * schema is empty (version 0 in `out_version`) or jicai's (its version),
 * not another program's (JC_STORE_ERROR_NOT_DATABASE) nor of a newer
 * jicai (JC_STORE_ERROR_TOO_NEW).  Nothing is created or changed. */
gboolean    _jc_store_pg_check           (JcDb     *db,
                                          int      *out_version,
                                          GError  **error);
/* The same with the oldest server accepted and the newest schema known
 * given: lets the tests fake what they cannot make. */
gboolean    _jc_store_pg_check_full      (JcDb     *db,
                                          int       min_server_version,
                                          int       max_schema_version,
                                          int      *out_version,
                                          GError  **error);

/* ---- catalogue, on either engine --------------------------------------- */

/* A column as the catalogue reports it. */
typedef struct {
  char     *name;
  /* "integer" (any integer type), "text", "real" (floating point), else
   * the engine's own type name in lower case */
  char     *type;
  /* declared NOT NULL or part of the primary key (SQLite does not mark a
   * primary key NOT NULL; PostgreSQL does) */
  gboolean  not_null;
} JcStoreColumn;

void        _jc_store_column_free        (JcStoreColumn *column);

/* The names of the tables of the database (SQLite: the main database
 * without its sqlite_* tables; PostgreSQL: the base tables of the
 * current schema), sorted by bytes.
 * Returns: (transfer full) (element-type utf8): the names, or NULL with
 * `error` set. */
GPtrArray  *_jc_store_list_tables        (JcDb        *db,
                                          GError     **error);

/* The columns of `table` in their order; an empty array for a table that
 * does not exist.
 * Returns: (transfer full) (element-type JcStoreColumn): the columns, or
 * NULL with `error` set. */
GPtrArray  *_jc_store_list_columns       (JcDb        *db,
                                          const char  *table,
                                          GError     **error);

G_END_DECLS
