/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal API of the store, for the store's own files and the tests. */
#pragma once

#include "jc-db.h"
#include "jc-store.h"
#include "jc-store-orders.h"
#include "jc-store-plan.h"
#include "jc-store-report.h"

G_BEGIN_DECLS

/* Opens (creating if needed) and migrates only up to `version`: lets the
 * tests make a database as an older jicai left it. */
JcStore      *_jc_store_open_at_version (const char  *path,
                                         int          version,
                                         GError     **error);
/* The store's connection (jc-db.h). */
JcDb         *_jc_store_get_conn        (JcStore     *store);
/* A statement of the literal `sql`, prepared once per connection, reset
 * and without bindings; NULL with `error` set. */
JcDbStmt     *_jc_store_prepare         (JcStore     *store,
                                         const char  *sql,
                                         GError     **error);
/* After a step or an exec on the store's connection failed (called with
 * no error): sets `error` saying that `what` failed and why — storage
 * faults as sentences saying what to do, a busy database as a wait that
 * ran out — with the store's error code.  FALSE. */
gboolean      _jc_store_db_failed       (JcStore     *store,
                                         const char  *what,
                                         GError     **error);
gboolean      _jc_store_error_printf    (GError      **error,
                                         int           code,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (3, 4);

void          _jc_store_set_busy_timeout (JcStore     *store,
                                          guint        ms);
/* The first schema with staged imports (price_imports). */
#define JC_STORE_STAGE_SCHEMA_VERSION 10

/* The condition that keeps a staged import's quotes out of a reader's
 * query: `alias` is the prices table's name in it. */
#define JC_PRICE_PUBLISHED(alias) \
  " COALESCE(" alias ".fetch_id, 0) NOT IN (SELECT fetch_id FROM price_imports) "

/* The staged import this connection is writing (jc-store-prices.c): its
 * fetch log id, 0 for none, and how many changed quotes it staged. */
gint64        _jc_store_get_stage       (JcStore     *store,
                                         guint       *n_changes);
void          _jc_store_set_stage       (JcStore     *store,
                                         gint64       fetch_id,
                                         guint        n_changes);
/* Removes what imports killed or failed part-way left staged (bounded
 * transactions); called when a database is opened. */
gboolean      _jc_store_clean_stale_imports (JcStore  *store,
                                             GError  **error);

gboolean      _jc_store_exec            (JcStore      *store,
                                         const char   *sql,
                                         GError      **error);
gboolean      _jc_store_step_done       (JcStore      *store,
                                         JcDbStmt     *stmt,
                                         const char   *what,
                                         GError      **error);
void          _jc_store_bind_text       (JcDbStmt     *stmt,
                                         int           i,
                                         const char   *text);
char         *_jc_store_column_dup      (JcDbStmt     *stmt,
                                         int           i);
gboolean      _jc_store_savepoint_begin (JcStore      *store,
                                         GError      **error);
gboolean      _jc_store_savepoint_end   (JcStore      *store,
                                         gboolean      ok,
                                         GError      **error);
/* Binds the parameters of `stmt` in order, one letter of `types` each:
 * 's' const char * (NULL binds ""), 'i' gint64, 'd' int, 'b' gboolean
 * (stored 0 or 1), 'f' double, 'k' gint64 id (0 or less binds NULL), 'N' a gboolean
 * and a gint64 (the value when the flag is TRUE, else NULL). */
void          _jc_store_bind            (JcDbStmt     *stmt,
                                         const char   *types,
                                         ...);
/* A write: prepares `sql`, binds it as _jc_store_bind() does and steps it
 * to its end; `what` says what failed. */
gboolean      _jc_store_run             (JcStore      *store,
                                         const char   *sql,
                                         const char   *what,
                                         GError      **error,
                                         const char   *types,
                                         ...);
/* Rows the last write changed. */
gint64        _jc_store_changes         (JcStore      *store);
/* The store's error code of the last failed step or exec (JC_STORE_ERROR_*,
 * e.g. CONSTRAINT for a foreign key that refused a delete), -1 for none. */
int           _jc_store_last_code       (JcStore      *store);

/* Reads the current row of a statement into a new record. */
typedef gpointer (*JcStoreRowRead) (JcDbStmt     *stmt);
/* Called for each row of a statement. */
typedef void     (*JcStoreRowFunc) (JcDbStmt     *stmt,
                                    gpointer      data);
/* Steps a prepared and bound `stmt` through all its rows, calling `func`
 * on each, and resets it; `what` says what failed. */
gboolean      _jc_store_step_each       (JcStore        *store,
                                         JcDbStmt       *stmt,
                                         JcStoreRowFunc  func,
                                         gpointer        data,
                                         const char     *what,
                                         GError        **error);
/* All rows of `stmt`, each read by `read`, in an array freeing them with
 * `free_func`; NULL with `error` set when a step fails. */
GPtrArray    *_jc_store_step_all        (JcStore        *store,
                                         JcDbStmt       *stmt,
                                         JcStoreRowRead  read,
                                         GDestroyNotify  free_func,
                                         const char     *what,
                                         GError        **error);

/* _jc_store_step_all() and _jc_store_step_each() of `sql` bound as
 * _jc_store_bind() does: a whole query in one call. */
GPtrArray    *_jc_store_query_all       (JcStore        *store,
                                         const char     *sql,
                                         JcStoreRowRead  read,
                                         GDestroyNotify  free_func,
                                         const char     *what,
                                         GError        **error,
                                         const char     *types,
                                         ...);
gboolean      _jc_store_query_each      (JcStore        *store,
                                         const char     *sql,
                                         JcStoreRowFunc  func,
                                         gpointer        data,
                                         const char     *what,
                                         GError        **error,
                                         const char     *types,
                                         ...);
/* The first row of `stmt` read by `read`, or NULL: without an error when
 * there is none, with one when the step failed.  Resets it. */
gpointer      _jc_store_step_first      (JcStore        *store,
                                         JcDbStmt       *stmt,
                                         JcStoreRowRead  read,
                                         const char     *what,
                                         GError        **error);
/* The first column of the first row of `stmt` in `out`: 1 when there was
 * a row, 0 when none (`out` untouched), -1 with `error` set.  Resets it. */
int           _jc_store_step_int64      (JcStore        *store,
                                         JcDbStmt       *stmt,
                                         gint64         *out,
                                         const char     *what,
                                         GError        **error);
/* A write with RETURNING id: the id in `out_id` (untouched when no row). */
gboolean      _jc_store_step_returning  (JcStore        *store,
                                         JcDbStmt       *stmt,
                                         gint64         *out_id,
                                         const char     *what,
                                         GError        **error);

/* Row readers every subject shares. */
typedef struct {
  gint64  id;
  char   *text;
} JcStoreIdText;
/* Column 0 as a new string ("" for NULL). */
gpointer      _jc_store_text_from_row   (JcDbStmt       *stmt);
/* Column 0 as the id, column 1 as the text; free with _jc_store_id_text_free. */
gpointer      _jc_store_id_text_from_row (JcDbStmt      *stmt);
void          _jc_store_id_text_free    (gpointer        p);
/* A JcStoreRowFunc appending column 0 to a GArray of gint64 (`data`). */
void          _jc_store_append_int64    (JcDbStmt       *stmt,
                                         gpointer        data);

/* Now as the store stamps its rows: UTC, "YYYY-MM-DDTHH:MM:SSZ". */
char         *_jc_store_now_iso         (void);
gint64        _jc_store_count           (JcStore      *store,
                                         const char   *sql,
                                         GError      **error);

/* Prices (jc-store-prices.c), shared with jc-store-price-held.c and
 * jc-store-market.c. */
void          _jc_store_bind_nullable   (JcDbStmt     *stmt,
                                         int           i,
                                         gboolean      present,
                                         gint64        v);
gint64        _jc_store_mean_half_up    (gint64        sum,
                                         gint64        n);
gboolean      _jc_store_window_start    (const char   *date,
                                         int           stale_days,
                                         char          out[11],
                                         GError      **error);

G_END_DECLS
