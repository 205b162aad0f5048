/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-market.c: the SQL of the fetch log, the market overview (every
 * item's reference price today against before) and the staleness window
 * setting. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

/* ---- fetch log ----------------------------------------------------- */

/* Parameters 1 to 12 of a fetch log row, the same for the first write and
 * the last; an insert's 13 and 14 are its source and start. */
static void
bind_fetch_log (JcDbStmt *	stmt,
                gboolean                insert,
                const JcFetchLogEntry  *e,
                const char             *finished_at,
                gint64                  id)
{
  _jc_store_bind (stmt, insert ? "kssdddddddssss" : "kssdddddddss", id, finished_at, e->status ? e->status : "ok",
                  (int) e->rows_seen, (int) e->rows_new, (int) e->rows_changed,
                  (int) e->rows_same, (int) e->rows_rejected, (int) e->rows_duplicate,
                  (int) e->rows_unmapped, e->rejects, e->message, e->source_name, e->started_at);
}

gint64
jc_store_log_fetch (JcStore                *store,
                    const JcFetchLogEntry  *e,
                    gint64                  source_id,
                    GError                **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "INSERT INTO fetch_log (source_id, finished_at, status, rows_seen, rows_new, rows_changed, "
    "rows_same, rows_rejected, rows_duplicate, rows_unmapped, rejects, message, source_name, "
    "started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  bind_fetch_log (stmt, TRUE, e, e->finished_at ? e->finished_at : e->started_at, source_id);
  if (!_jc_store_step_returning (store, stmt, &id, _("Could not write the fetch log"), error))
    return 0;
  return id;
}

gboolean
jc_store_finish_fetch_log (JcStore                *store,
                           gint64                  id,
                           const JcFetchLogEntry  *e,
                           GError                **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "UPDATE fetch_log SET finished_at = ?2, status = ?3, rows_seen = ?4, rows_new = ?5, "
    "rows_changed = ?6, rows_same = ?7, rows_rejected = ?8, rows_duplicate = ?9, "
    "rows_unmapped = ?10, rejects = ?11, message = ?12 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_fetch_log (stmt, FALSE, e, e->finished_at, id);
  return _jc_store_step_done (store, stmt, _("Could not write the fetch log"), error);
}

static gpointer
fetch_log_from_row (JcDbStmt *stmt)
{
  JcFetchLogEntry *e = g_new0 (JcFetchLogEntry, 1);

  e->id = jc_db_column_int64 (stmt, 0);
  e->source_name = _jc_store_column_dup (stmt, 1);
  e->started_at = _jc_store_column_dup (stmt, 2);
  e->finished_at = _jc_store_column_dup (stmt, 3);
  e->status = _jc_store_column_dup (stmt, 4);
  e->rows_seen = (guint) (int) jc_db_column_int64 (stmt, 5);
  e->rows_new = (guint) (int) jc_db_column_int64 (stmt, 6);
  e->rows_changed = (guint) (int) jc_db_column_int64 (stmt, 7);
  e->rows_same = (guint) (int) jc_db_column_int64 (stmt, 8);
  e->rows_rejected = (guint) (int) jc_db_column_int64 (stmt, 9);
  e->rows_duplicate = (guint) (int) jc_db_column_int64 (stmt, 10);
  e->rows_unmapped = (guint) (int) jc_db_column_int64 (stmt, 11);
  e->rejects = _jc_store_column_dup (stmt, 12);
  e->message = _jc_store_column_dup (stmt, 13);
  return e;
}

GPtrArray *
jc_store_list_fetch_log (JcStore  *store,
                         guint     limit,
                         GError  **error)
{
  return _jc_store_query_all (store,
    "SELECT id, source_name, started_at, finished_at, status, rows_seen, rows_new, rows_changed, "
    "rows_same, rows_rejected, rows_duplicate, rows_unmapped, rejects, message "
    "FROM fetch_log WHERE id NOT IN (SELECT fetch_id FROM price_imports) "
    "ORDER BY id DESC LIMIT ?",
    fetch_log_from_row, (GDestroyNotify) jc_fetch_log_entry_free, _("Could not read the fetch log"),
    error, "d", (int) MIN (limit, (guint) G_MAXINT));
}


static gint64
days_between (const char *a,
              const char *b)
{
  int days;

  if (!jc_date_days_between (a, b, &days))
    return G_MAXINT;
  return days;
}

GPtrArray *
jc_store_market_overview (JcStore     *store,
                          const char  *date,
                          int          stale_days,
                          GError     **error)
{
  /* per item and day, the preferred source's quotes: the first row per
   * (item, date) in this order */
  JcDbStmt *stmt;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_market_row_free);
  JcMarketRow *row = NULL;
  char from[11];
  char last_date[11] = "";
  JcDbStep rc;

  if (!_jc_store_window_start (date, 60, from, error))
    return NULL;
  stmt = _jc_store_prepare (store,
    "SELECT i.id, i.code, i.name, c.code, i.pinyin, i.base_unit, p.date, s.priority, p.source_id, "
    "  MIN(p.base_low), SUM(p.base_avg), COUNT(*), MAX(p.base_high), MAX(p.spec), MAX(p.origin) "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id "
    "JOIN items i ON i.id = p.item_id JOIN categories c ON c.id = i.category_id "
    "WHERE p.base_avg IS NOT NULL AND p.held = 0 AND s.enabled = 1 AND i.active = 1 AND"
    JC_PRICE_PUBLISHED ("p")
    "AND p.date >= ? AND p.date <= ? "
    "GROUP BY i.id, i.code, i.name, c.code, c.position, i.pinyin, i.base_unit, p.date, s.priority, "
    "  p.source_id "
    "ORDER BY c.position, i.code, p.date DESC, s.priority, p.source_id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, from);
  _jc_store_bind_text (stmt, 2, date);
  while ((rc = jc_db_step (stmt, NULL)) == JC_DB_ROW)
    {
      gint64 id = jc_db_column_int64 (stmt, 0);
      const char *day = jc_db_column_text (stmt, 6);
      gint64 avg = _jc_store_mean_half_up (jc_db_column_int64 (stmt, 10), jc_db_column_int64 (stmt, 11));

      if (row == NULL || row->item_id != id)
        {
          row = g_new0 (JcMarketRow, 1);
          row->item_id = id;
          row->item_code = _jc_store_column_dup (stmt, 1);
          row->item_name = _jc_store_column_dup (stmt, 2);
          row->category = _jc_store_column_dup (stmt, 3);
          row->pinyin = _jc_store_column_dup (stmt, 4);
          if (!jc_base_unit_from_string (jc_db_column_text (stmt, 5), &row->base_unit))
            row->base_unit = JC_BASE_UNIT_KG;
          g_strlcpy (row->date, day, sizeof row->date);
          row->low_milliyuan = jc_db_column_int64 (stmt, 9);
          row->avg_milliyuan = avg;
          row->high_milliyuan = jc_db_column_int64 (stmt, 12);
          row->spec = _jc_store_column_dup (stmt, 13);
          row->origin = _jc_store_column_dup (stmt, 14);
          row->stale = days_between (row->date, date) > stale_days;
          g_ptr_array_add (out, row);
          g_strlcpy (last_date, day, sizeof last_date);
          continue;
        }
      if (g_strcmp0 (day, last_date) == 0)
        continue;   /* a less preferred source on the same day */
      g_strlcpy (last_date, day, sizeof last_date);
      if (!row->has_prev_day)
        {
          row->has_prev_day = TRUE;
          row->prev_day_avg_milliyuan = avg;
        }
      if (!row->has_prev_week && days_between (day, row->date) >= 7)
        {
          row->has_prev_week = TRUE;
          row->prev_week_avg_milliyuan = avg;
        }
    }
  jc_db_reset (stmt);
  if (rc != JC_DB_DONE)
    {
      _jc_store_db_failed (store, _("Could not read the market prices"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}
