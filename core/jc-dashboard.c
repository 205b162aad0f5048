/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard.c: the day at a glance, read from the store into one plain
 * struct.  It only reads: through the domain modules (orders, plan, report)
 * and the store's read calls; it writes nothing, holds no SQL and formats
 * nothing (see jc-dashboard.h). */
#include "config.h"

#define G_LOG_DOMAIN "jc-dashboard"

#include <stdlib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-dashboard.h"
#include "jc-report.h"

static void
mover_free (JcDashboardMover *m)
{
  g_free (m->item_code);
  g_free (m->item_name);
  g_free (m);
}

static void
waiting_free (JcDashboardWaiting *w)
{
  g_free (w->canteen_code);
  g_free (w->canteen_name);
  g_free (w);
}

void
jc_dashboard_free (JcDashboard *d)
{
  if (d == NULL)
    return;
  g_free (d->orders_error);
  g_clear_pointer (&d->waiting, g_ptr_array_unref);
  g_free (d->cutoff);
  g_free (d->fetch_error);
  g_clear_pointer (&d->fetch, jc_fetch_log_entry_free);
  g_free (d->market_error);
  g_clear_pointer (&d->up, g_ptr_array_unref);
  g_clear_pointer (&d->down, g_ptr_array_unref);
  g_free (d->plan_error);
  g_clear_pointer (&d->plan_no_price, g_ptr_array_unref);
  g_free (d->month_error);
  g_free (d);
}

static int
mover_up_cmp (gconstpointer a,
              gconstpointer b)
{
  const JcDashboardMover *ma = *(JcDashboardMover **) a, *mb = *(JcDashboardMover **) b;

  if (ma->change_permille != mb->change_permille)
    return ma->change_permille > mb->change_permille ? -1 : 1;
  return g_strcmp0 (ma->item_name, mb->item_name);
}

static int
mover_down_cmp (gconstpointer a,
                gconstpointer b)
{
  const JcDashboardMover *ma = *(JcDashboardMover **) a, *mb = *(JcDashboardMover **) b;

  if (ma->change_permille != mb->change_permille)
    return ma->change_permille < mb->change_permille ? -1 : 1;
  return g_strcmp0 (ma->item_name, mb->item_name);
}

static void
read_orders (JcStore     *store,
             int          stale_days,
             JcDashboard *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = jc_orders_board (store, d->tomorrow, stale_days, &error);
  g_autoptr(GPtrArray) not_started = g_ptr_array_new ();

  if (rows == NULL)
    {
      d->orders_error = g_strdup (error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const JcBoardRow *row = rows->pdata[i];
      JcDashboardWaiting *w;

      d->n_canteens++;
      if (row->after_lock == JC_ORDER_AFTER_LOCK_PENDING)
        d->n_late_out++;
      switch (row->status)
        {
        case JC_ORDER_SUBMITTED:
        case JC_ORDER_LOCKED:
          d->n_submitted++;
          continue;
        case JC_ORDER_DRAFT:
          d->n_draft++;
          break;
        case JC_ORDER_NOT_STARTED:
        default:
          d->n_not_started++;
          break;
        }
      w = g_new0 (JcDashboardWaiting, 1);
      w->canteen_code = g_strdup (row->canteen_code);
      w->canteen_name = g_strdup (row->canteen_name);
      w->status = row->status == JC_ORDER_DRAFT ? JC_ORDER_DRAFT : JC_ORDER_NOT_STARTED;
      if (w->status == JC_ORDER_DRAFT)
        g_ptr_array_add (d->waiting, w);
      else
        g_ptr_array_add (not_started, w);
    }
  /* drafts first: they are nearly there */
  for (guint i = 0; i < not_started->len; i++)
    g_ptr_array_add (d->waiting, not_started->pdata[i]);
  d->cutoff = jc_orders_cutoff_for (store, d->tomorrow);
  d->past_cutoff = jc_orders_is_past_cutoff (store, d->tomorrow, NULL);
}

static void
read_fetch (JcStore     *store,
            JcDashboard *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = jc_store_list_fetch_log (store, 1, &error);
  g_autoptr(GPtrArray) unmapped = NULL;

  if (log == NULL)
    {
      d->fetch_error = g_strdup (error->message);
      return;
    }
  if (log->len > 0)
    d->fetch = g_ptr_array_steal_index (log, 0);
  unmapped = jc_store_list_unmapped (store, &error);
  if (unmapped == NULL)
    {
      d->fetch_error = g_strdup (error->message);
      return;
    }
  d->n_unmapped = unmapped->len;
}

static void
read_market (JcStore     *store,
             int          stale_days,
             JcDashboard *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = jc_store_market_overview (store, d->today, stale_days, &error);

  if (rows == NULL)
    {
      d->market_error = g_strdup (error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const JcMarketRow *row = rows->pdata[i];
      JcDashboardMover *m;
      gint64 change;

      if (!row->has_prev_day || row->stale || row->prev_day_avg_milliyuan <= 0)
        continue;
      change = jc_change_permille (row->avg_milliyuan, row->prev_day_avg_milliyuan);
      if (change == 0)
        continue;
      m = g_new0 (JcDashboardMover, 1);
      m->item_code = g_strdup (row->item_code);
      m->item_name = g_strdup (row->item_name);
      m->avg_milliyuan = row->avg_milliyuan;
      m->prev_avg_milliyuan = row->prev_day_avg_milliyuan;
      m->change_permille = change;
      g_ptr_array_add (change > 0 ? d->up : d->down, m);
    }
  g_ptr_array_sort (d->up, mover_up_cmp);
  g_ptr_array_sort (d->down, mover_down_cmp);
  if (d->up->len > JC_DASHBOARD_N_MOVERS)
    g_ptr_array_set_size (d->up, JC_DASHBOARD_N_MOVERS);
  if (d->down->len > JC_DASHBOARD_N_MOVERS)
    g_ptr_array_set_size (d->down, JC_DASHBOARD_N_MOVERS);
}

static void
read_plan (JcStore     *store,
           int          stale_days,
           JcDashboard *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlan) plan = jc_plan_load (store, d->tomorrow, stale_days, &error);

  if (plan == NULL)
    {
      d->plan_error = g_strdup (error != NULL ? error->message : "?");
      return;
    }
  d->plan_status = plan->status;
  d->plan_n_lines = plan->lines->len;
  d->plan_total_cost_fen = plan->total_cost_fen;
  for (guint i = 0; i < plan->no_price->len; i++)
    g_ptr_array_add (d->plan_no_price, g_strdup (plan->no_price->pdata[i]));
}

gboolean
jc_dashboard_month_periods (const char *today,
                            char        month_from[11],
                            char        ly_from[11],
                            char        ly_to[11])
{
  GDate day, from, last_from, last_to;
  GDateYear year;
  GDateMonth month;

  if (!jc_date_parse (today, &day))
    return FALSE;
  year = g_date_get_year (&day);
  month = g_date_get_month (&day);
  g_date_clear (&from, 1);
  g_date_set_dmy (&from, 1, month, year);
  g_date_clear (&last_from, 1);
  g_date_set_dmy (&last_from, 1, month, year - 1);
  g_date_clear (&last_to, 1);
  g_date_set_dmy (&last_to,
                  MIN (g_date_get_day (&day), g_date_get_days_in_month (month, year - 1)),
                  month, year - 1);
  jc_date_format (&from, month_from);
  jc_date_format (&last_from, ly_from);
  jc_date_format (&last_to, ly_to);
  return TRUE;
}

/* The month from its first day to today, against the same days of the
 * month a year before. */
static void
read_month (JcStore     *store,
            JcDashboard *d)
{
  g_autoptr(GError) error = NULL;

  jc_dashboard_month_periods (d->today, d->month_from, d->ly_from, d->ly_to);
  g_strlcpy (d->month_to, d->today, sizeof d->month_to);
  if (!jc_report_spend_between (store, d->month_from, d->month_to, &d->month_fen,
                                &d->month_days, &error) ||
      !jc_report_spend_between (store, d->ly_from, d->ly_to, &d->ly_fen, &d->ly_days, &error))
    {
      d->month_error = g_strdup (error->message);
      return;
    }
  if (d->ly_days > 0 && d->ly_fen != 0)
    {
      /* per mille of last year's, half away from zero */
      gint64 num = (d->month_fen - d->ly_fen) * 1000;

      d->has_yoy = TRUE;
      d->yoy_change_fen = d->month_fen - d->ly_fen;
      d->yoy_permille = (num >= 0 ? num + d->ly_fen / 2 : num - d->ly_fen / 2) / d->ly_fen;
    }
}

/**
 * jc_dashboard_read:
 * @store: the store to read
 * @today: the day, "YYYY-MM-DD"; the orders and the plan are of the next day
 * @cancellable: (nullable): checked between the tiles
 *
 * Returns: (transfer full) (nullable): the figures; NULL with @error set
 * for a bad @today or when cancelled.
 */
JcDashboard *
jc_dashboard_read (JcStore       *store,
                   const char    *today,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(JcDashboard) d = NULL;
  GDate day;
  int stale_days;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jc_date_parse (today, &day))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a date (YYYY-MM-DD)", today != NULL ? today : "");
      return NULL;
    }
  d = g_new0 (JcDashboard, 1);
  d->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiting_free);
  d->up = g_ptr_array_new_with_free_func ((GDestroyNotify) mover_free);
  d->down = g_ptr_array_new_with_free_func ((GDestroyNotify) mover_free);
  d->plan_no_price = g_ptr_array_new_with_free_func (g_free);
  jc_date_format (&day, d->today);
  g_date_add_days (&day, 1);
  jc_date_format (&day, d->tomorrow);
  stale_days = jc_store_get_stale_days (store);

  read_orders (store, stale_days, d);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  read_fetch (store, d);
  read_market (store, stale_days, d);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  read_plan (store, stale_days, d);
  read_month (store, d);
  return g_steal_pointer (&d);
}
