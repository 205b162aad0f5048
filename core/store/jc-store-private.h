/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal API of the store, for the store's own files and the tests. */
#pragma once

#include <sqlite3.h>

#include "jc-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* One connection (jc-store.c opens it; jc-store-schema.c migrates it). */
struct _JcStore {
  sqlite3    *db;
  char       *path;
  int         schema_version;
  GHashTable *stmts;  /* SQL text → sqlite3_stmt, prepared once */
  GArray     *units;  /* gboolean per open savepoint: a transaction of its own? */
  gboolean    protected;  /* its files are refused as export targets */
};

/* jc-store-schema.c: runs the migrations from+1 … to. */
gboolean      _jc_store_migrate         (JcStore      *store,
                                         int           from,
                                         int           to,
                                         GError      **error);

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
gboolean      _jc_store_evaluate_hold   (JcStore      *store,
                                         const JcItem *item,
                                         const char   *date,
                                         gint64        avg,
                                         gboolean     *held,
                                         gboolean     *has_median,
                                         gint64       *median,
                                         GError      **error);

/* Orders (jc-store-orders.c), for jc-orders.c. */
char         *_jc_store_get_cutoff      (JcStore      *store,
                                         const char   *date);
gboolean      _jc_store_set_cutoff      (JcStore      *store,
                                         const char   *date,
                                         const char   *cutoff,
                                         GError      **error);
GPtrArray    *_jc_store_board_rows      (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_foreach_order_line (JcStore   *store,
                                         const char   *date,
                                         void        (*func) (const char *canteen,
                                                              gint64      item_id,
                                                              gint64      qty_milli,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
gboolean      _jc_store_foreach_plan_demand (JcStore  *store,
                                         const char   *date,
                                         void        (*func) (gint64      canteen_id,
                                                              const char *canteen_code,
                                                              gint64      item_id,
                                                              gint64      qty_milli,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
GArray       *_jc_store_item_order_history (JcStore   *store,
                                         gint64        canteen_id,
                                         gint64        item_id,
                                         const char   *from,
                                         const char   *to,
                                         GError      **error);

/* Late orders (jc-store-orders.c), for jc-plan.c. */
gboolean      _jc_store_orders_reopen_late (JcStore   *store,
                                         const char   *date,
                                         const char   *who,
                                         const char   *reason,
                                         GError      **error);
gboolean      _jc_store_order_set_supplemented (JcStore *store,
                                         gint64        order_id,
                                         const char   *who,
                                         const char   *reason,
                                         int           version,
                                         GError      **error);

/* Plans (jc-store-plan.c), for jc-plan.c. */
gboolean      _jc_store_plan_is_locked  (JcStore      *store,
                                         const char   *date,
                                         gboolean     *locked,
                                         GError      **error);
gboolean      _jc_store_plan_write      (JcStore      *store,
                                         gconstpointer plan,
                                         int           stale_days,
                                         const char   *who,
                                         GError      **error);
gpointer      _jc_store_plan_read       (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_plan_delete     (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_plan_audit      (JcStore      *store,
                                         const char   *date,
                                         const char   *who,
                                         const char   *action,
                                         const char   *reason,
                                         GError      **error);
gboolean      _jc_store_put_purchase    (JcStore      *store,
                                         const char   *date,
                                         gint64        item_id,
                                         gint64        qty_milli,
                                         gint64        price_milliyuan,
                                         gint64        cost_fen,
                                         const char   *who,
                                         const char   *note,
                                         GError      **error);
gboolean      _jc_store_delete_purchase (JcStore      *store,
                                         const char   *date,
                                         gint64        item_id,
                                         gboolean     *out_removed,
                                         GError      **error);
gint64        _jc_store_plan_add_supplement (JcStore  *store,
                                         const char   *date,
                                         gint64        canteen_id,
                                         gconstpointer line,
                                         const char   *who,
                                         GError      **error);
gboolean      _jc_store_put_supplement_purchase (JcStore *store,
                                         const char   *date,
                                         gint64        supplement_id,
                                         gint64        qty_milli,
                                         gint64        price_milliyuan,
                                         gint64        cost_fen,
                                         const char   *who,
                                         const char   *note,
                                         GError      **error);
gint64        _jc_store_count_purchases (JcStore      *store,
                                         const char   *date,
                                         GError      **error);

/* Monthly cost review (jc-store-report.c), for jc-report.c.  Each reads a
 * whole date range [from, to) in one query, in (date, item id, supplement
 * id) order: a line of a locked plan has supplement id 0, a supplementary
 * purchase (补单) its own id, and its one share is the late canteen's. */
typedef struct {
  const char *date;
  gint64      item_id;
  gint64      supplement_id;
  const char *item_code;
  const char *item_name;
  const char *category_name;
  int         category_position;
  gint64      purchase_milli;
  gboolean    has_price;
  gint64      price_milliyuan;
  gint64      cost_fen;        /* planned */
  gboolean    has_actual;
  gint64      actual_qty_milli;
  gint64      actual_cost_fen;
} JcStoreReportLine;

gboolean      _jc_store_foreach_report_line (JcStore  *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (const JcStoreReportLine *line,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
gboolean      _jc_store_foreach_report_share (JcStore *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (const char *date,
                                                              gint64      item_id,
                                                              gint64      supplement_id,
                                                              const char *canteen_code,
                                                              gint64      qty_milli,
                                                              gint64      share_fen,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
/* The reference source's daily average price of each item over [from,
 * to): per item and day, the preferred enabled source that quoted it (as
 * jc_store_reference_price() chooses), the mean of its quotes rounded
 * half up.  In (item id, date) order. */
gboolean      _jc_store_foreach_market_day (JcStore   *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (gint64      item_id,
                                                              const char *date,
                                                              gint64      avg_milliyuan,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);

G_END_DECLS
