/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-report.c: the SQL of the monthly cost review — a month's locked
 * plan lines with their purchases, their shares, and the market's daily
 * prices, each in one pass over the month (never one query per day). */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-store-private.h"

/* The callers' functions and data, for the rows of _jc_store_step_each(). */
typedef struct {
  void   (*func) (const JcStoreReportLine *line, gpointer data);
  gpointer data;
} ReportLineCall;

static void
call_report_line (JcDbStmt *stmt,
                  gpointer      data)
{
  ReportLineCall *call = data;
  JcStoreReportLine line = { 0 };

  line.date = jc_db_column_text (stmt, 0);
  line.item_id = jc_db_column_int64 (stmt, 1);
  line.item_code = jc_db_column_text (stmt, 2);
  line.item_name = jc_db_column_text (stmt, 3);
  line.category_name = jc_db_column_text (stmt, 4);
  line.category_position = (int) jc_db_column_int64 (stmt, 5);
  line.purchase_milli = jc_db_column_int64 (stmt, 6);
  line.has_price = !jc_db_column_is_null (stmt, 7);
  line.price_milliyuan = jc_db_column_int64 (stmt, 7);
  line.cost_fen = jc_db_column_int64 (stmt, 8);
  line.has_actual = !jc_db_column_is_null (stmt, 9);
  line.actual_qty_milli = jc_db_column_int64 (stmt, 9);
  line.actual_cost_fen = jc_db_column_int64 (stmt, 10);
  line.supplement_id = jc_db_column_int64 (stmt, 11);
  call->func (&line, call->data);
}

typedef struct {
  void   (*func) (const char *date, gint64 item_id, gint64 supplement_id,
                  const char *canteen_code, gint64 qty_milli, gint64 share_fen, gpointer data);
  gpointer data;
} ShareCall;

static void
call_report_share (JcDbStmt *stmt,
                   gpointer      data)
{
  ShareCall *call = data;

  call->func (jc_db_column_text (stmt, 0), jc_db_column_int64 (stmt, 1),
              jc_db_column_int64 (stmt, 5),
              jc_db_column_text (stmt, 2), jc_db_column_int64 (stmt, 3),
              jc_db_column_int64 (stmt, 4), call->data);
}

/* The first row of an (item, day) is the preferred source: the market day
 * it gives, the mean of its quotes' averages. */
typedef struct {
  void   (*func) (gint64 item_id, const char *date, gint64 avg_milliyuan, gpointer data);
  gpointer data;
  gint64   last_item;
  char    *last_date;
} MarketDayCall;

static void
call_market_day (JcDbStmt *stmt,
                 gpointer      data)
{
  MarketDayCall *call = data;
  gint64 item_id = jc_db_column_int64 (stmt, 0);
  const char *date = jc_db_column_text (stmt, 1);
  gint64 sum = jc_db_column_int64 (stmt, 2);
  gint64 n = jc_db_column_int64 (stmt, 3);

  if (item_id == call->last_item && call->last_date != NULL && strcmp (date, call->last_date) == 0)
    return;
  call->last_item = item_id;
  g_free (call->last_date);
  call->last_date = g_strdup (date);
  call->func (item_id, date, n > 0 ? (2 * sum + n) / (2 * n) : 0, call->data);
}

gboolean
_jc_store_foreach_report_line (JcStore     *store,
                               const char  *from,
                               const char  *to,
                               void       (*func) (const JcStoreReportLine *line,
                                                   gpointer                 data),
                               gpointer     data,
                               GError     **error)
{
  ReportLineCall call = { func, data };

  return _jc_store_query_each (store,
    "SELECT l.delivery_date, l.item_id, i.code, i.name, c.name, c.position, "
    "l.purchase_milli, l.price_milliyuan, l.cost_fen, p.qty_milli, p.cost_fen, 0 "
    "FROM plan_lines l JOIN items i ON i.id = l.item_id "
    "JOIN categories c ON c.id = i.category_id "
    "LEFT JOIN purchases p ON p.delivery_date = l.delivery_date AND p.item_id = l.item_id "
    "WHERE l.delivery_date >= ?1 AND l.delivery_date < ?2 "
    "UNION ALL "
    "SELECT s.delivery_date, s.item_id, i.code, i.name, c.name, c.position, "
    "s.purchase_milli, s.price_milliyuan, s.cost_fen, s.actual_qty_milli, s.actual_cost_fen, s.id "
    "FROM plan_supplements s JOIN items i ON i.id = s.item_id "
    "JOIN categories c ON c.id = i.category_id "
    "WHERE s.delivery_date >= ?1 AND s.delivery_date < ?2 "
    "ORDER BY 1, 2, 12",
    call_report_line, &call, _("Could not read the month's plans"), error, "ss", from, to);
}

gboolean
_jc_store_foreach_report_share (JcStore     *store,
                                const char  *from,
                                const char  *to,
                                void       (*func) (const char *date,
                                                    gint64      item_id,
                                                    gint64      supplement_id,
                                                    const char *canteen_code,
                                                    gint64      qty_milli,
                                                    gint64      share_fen,
                                                    gpointer    data),
                                gpointer     data,
                                GError     **error)
{
  /* The primary key's order: no sort.  Ties in the allocation are broken
   * by canteen code by jc_allocate() itself, whatever the order. */
  ShareCall call = { func, data };

  return _jc_store_query_each (store,
    "SELECT s.delivery_date, s.item_id, c.code, s.qty_milli, s.share_fen, 0 "
    "FROM plan_shares s JOIN canteens c ON c.id = s.canteen_id "
    "WHERE s.delivery_date >= ?1 AND s.delivery_date < ?2 "
    "UNION ALL "
    "SELECT s.delivery_date, s.item_id, c.code, s.demand_milli, s.cost_fen, s.id "
    "FROM plan_supplements s JOIN canteens c ON c.id = s.canteen_id "
    "WHERE s.delivery_date >= ?1 AND s.delivery_date < ?2 "
    "ORDER BY 1, 2, 6",
    call_report_share, &call, _("Could not read the month's shares"), error, "ss", from, to);
}

gboolean
_jc_store_foreach_market_day (JcStore     *store,
                              const char  *from,
                              const char  *to,
                              void       (*func) (gint64      item_id,
                                                  const char *date,
                                                  gint64      avg_milliyuan,
                                                  gpointer    data),
                              gpointer     data,
                              GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT p.item_id, p.date, SUM(p.base_avg), COUNT(*) "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id "
    "WHERE p.item_id IS NOT NULL AND p.base_avg IS NOT NULL AND p.held = 0 AND s.enabled = 1 "
    "AND p.date >= ? AND p.date < ? AND" JC_PRICE_PUBLISHED ("p")
    "GROUP BY p.item_id, p.date, s.priority, p.source_id "
    "ORDER BY p.item_id, p.date, s.priority, p.source_id", error);
  MarketDayCall call = { func, data, 0, NULL };
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "ss", from, to);
  ok = _jc_store_step_each (store, stmt, call_market_day, &call,
                            _("Could not read the market prices"), error);
  g_free (call.last_date);
  return ok;
}
