/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal API of the store, for the store's own files and the tests. */
#pragma once

#include <sqlite3.h>

#include "jc-store.h"
#include "jc-store-orders.h"
#include "jc-store-plan.h"
#include "jc-store-report.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Opens (creating if needed) and migrates only up to `version`: lets the
 * tests make a database as an older jicai left it. */
JcStore      *_jc_store_open_at_version (const char  *path,
                                         int          version,
                                         GError     **error);
sqlite3      *_jc_store_get_db          (JcStore     *store);
sqlite3_stmt *_jc_store_prepare         (JcStore     *store,
                                         const char  *sql,
                                         GError     **error);
gboolean      _jc_store_error_printf    (GError      **error,
                                         int           code,
                                         const char   *format,
                                         ...) G_GNUC_PRINTF (3, 4);
gboolean      _jc_store_set_error       (JcStore     *store,
                                         int          rc,
                                         const char  *what,
                                         GError     **error);

gboolean      _jc_store_exec            (JcStore      *store,
                                         const char   *sql,
                                         GError      **error);
gboolean      _jc_store_step_done       (JcStore      *store,
                                         sqlite3_stmt *stmt,
                                         const char   *what,
                                         GError      **error);
void          _jc_store_bind_text       (sqlite3_stmt *stmt,
                                         int           i,
                                         const char   *text);
char         *_jc_store_column_dup      (sqlite3_stmt *stmt,
                                         int           i);
gboolean      _jc_store_savepoint_begin (JcStore      *store,
                                         GError      **error);
gboolean      _jc_store_savepoint_end   (JcStore      *store,
                                         gboolean      ok,
                                         GError      **error);
gint64        _jc_store_count           (JcStore      *store,
                                         const char   *sql,
                                         GError      **error);

/* Prices (jc-store-prices.c), shared with jc-store-price-held.c and
 * jc-store-market.c. */
void          _jc_store_bind_nullable   (sqlite3_stmt *stmt,
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
