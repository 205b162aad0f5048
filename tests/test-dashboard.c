/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard's read model (core/jc-dashboard.c) on the demo world of
 * 2026-11-27: every figure equals what the store and the domain modules
 * say when asked directly here (the orders board of the 28th, the fetch
 * log, the market overview, the plan of the 28th, November's spend and the
 * same 27 days of November 2025); an empty database has every tile empty;
 * a bad date is refused; the month periods around the 29th of February. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-dashboard.h"
#include "jc-demo.h"
#include "jc-report.h"

#define TODAY    "2026-11-27"
#define TOMORROW "2026-11-28"

/* two databases, each a location of its own (jc-test-store.h) */
static struct {
  char *db_path;
  char *empty_path;
} fx;

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcStore) empty = NULL;
  GDate today;

  fx.db_path = jc_test_store_location ();
  fx.empty_path = jc_test_store_location ();
  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, G_DATE_NOVEMBER, 2026);  /* TODAY */
  assert_true (jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error));
  assert_no_error (error);
  empty = jc_store_open (fx.empty_path, &error);
  assert_no_error (error);
  return 0;
}

static int
teardown (void **state)
{
  jc_test_store_location_free (g_steal_pointer (&fx.db_path));
  jc_test_store_location_free (g_steal_pointer (&fx.empty_path));
  return 0;
}

static void
test_orders (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  g_autoptr(JcDashboard) d = NULL;
  g_autoptr(GPtrArray) board = NULL;
  g_autofree char *cutoff = NULL;
  guint n_submitted = 0, n_draft = 0, n_none = 0, n_late = 0;
  guint w = 0;

  assert_no_error (error);
  d = jc_dashboard_read (store, TODAY, NULL, &error);
  assert_no_error (error);
  assert_string_equal (d->today, TODAY);
  assert_string_equal (d->tomorrow, TOMORROW);
  assert_null (d->orders_error);

  board = jc_orders_board (store, TOMORROW, jc_store_get_stale_days (store), &error);
  assert_no_error (error);
  assert_true (board->len > 0);
  for (guint i = 0; i < board->len; i++)
    {
      const JcBoardRow *row = board->pdata[i];

      if (row->status == JC_ORDER_SUBMITTED || row->status == JC_ORDER_LOCKED)
        n_submitted++;
      else if (row->status == JC_ORDER_DRAFT)
        n_draft++;
      else
        n_none++;
      if (row->after_lock == JC_ORDER_AFTER_LOCK_PENDING)
        n_late++;
    }
  assert_int_equal (d->n_canteens, board->len);
  assert_int_equal (d->n_submitted, n_submitted);
  assert_int_equal (d->n_draft, n_draft);
  assert_int_equal (d->n_not_started, n_none);
  assert_int_equal (d->n_late_out, n_late);
  assert_int_equal (d->waiting->len, n_draft + n_none);
  /* the demo has 17 canteens, none submitted for the 28th yet */
  assert_int_equal (d->n_canteens, 17);
  assert_true (d->waiting->len > JC_DASHBOARD_N_WAITING_SHOWN);
  /* drafts first, then those not started, each in the board's order */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < board->len; i++)
      {
        const JcBoardRow *row = board->pdata[i];
        const JcDashboardWaiting *wt;
        gboolean draft = row->status == JC_ORDER_DRAFT;
        gboolean none = !draft && row->status != JC_ORDER_SUBMITTED && row->status != JC_ORDER_LOCKED;

        if (!(pass == 0 ? draft : none))
          continue;
        wt = d->waiting->pdata[w++];
        assert_string_equal (wt->canteen_code, row->canteen_code);
        assert_string_equal (wt->canteen_name, row->canteen_name);
        assert_int_equal (wt->status, draft ? JC_ORDER_DRAFT : JC_ORDER_NOT_STARTED);
      }
  assert_int_equal (w, d->waiting->len);
  cutoff = jc_orders_cutoff_for (store, TOMORROW);
  assert_string_equal (d->cutoff, cutoff);
  assert_int_equal (d->past_cutoff, jc_orders_is_past_cutoff (store, TOMORROW, NULL));
}

static void
test_fetch_and_market (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  g_autoptr(JcDashboard) d = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  g_autoptr(GPtrArray) market = NULL;
  const JcFetchLogEntry *f;
  guint n_up = 0, n_down = 0;

  assert_no_error (error);
  d = jc_dashboard_read (store, TODAY, NULL, &error);
  assert_no_error (error);

  /* the latest fetch: the demo's prices come with their log entry */
  log = jc_store_list_fetch_log (store, 1, &error);
  assert_no_error (error);
  assert_int_equal (log->len, 1);
  f = log->pdata[0];
  assert_null (d->fetch_error);
  assert_non_null (d->fetch);
  assert_int_equal (d->fetch->id, f->id);
  assert_string_equal (d->fetch->status, "ok");
  assert_string_equal (d->fetch->source_name, f->source_name);
  assert_int_equal (d->fetch->rows_new, f->rows_new);
  assert_true (d->fetch->rows_new > 10000);
  unmapped = jc_store_list_unmapped (store, &error);
  assert_no_error (error);
  assert_int_equal (d->n_unmapped, unmapped->len);

  /* the movers, from the overview: rises largest first, falls largest
   * first, at most five each way, never a zero change or a stale price */
  market = jc_store_market_overview (store, TODAY, jc_store_get_stale_days (store), &error);
  assert_no_error (error);
  for (guint i = 0; i < market->len; i++)
    {
      const JcMarketRow *row = market->pdata[i];
      gint64 c;

      if (!row->has_prev_day || row->stale || row->prev_day_avg_milliyuan <= 0)
        continue;
      c = jc_change_permille (row->avg_milliyuan, row->prev_day_avg_milliyuan);
      n_up += c > 0;
      n_down += c < 0;
    }
  assert_null (d->market_error);
  assert_int_equal (d->up->len, MIN (n_up, JC_DASHBOARD_N_MOVERS));
  assert_int_equal (d->down->len, MIN (n_down, JC_DASHBOARD_N_MOVERS));
  assert_true (d->up->len > 0);
  assert_true (d->down->len > 0);
  for (guint i = 0; i < d->up->len; i++)
    {
      const JcDashboardMover *m = d->up->pdata[i];

      assert_true (m->change_permille > 0);
      assert_int_equal (m->change_permille, jc_change_permille (m->avg_milliyuan, m->prev_avg_milliyuan));
      if (i > 0)
        assert_true (m->change_permille <= ((JcDashboardMover *) d->up->pdata[i - 1])->change_permille);
    }
  for (guint i = 0; i < d->down->len; i++)
    {
      const JcDashboardMover *m = d->down->pdata[i];

      assert_true (m->change_permille < 0);
      if (i > 0)
        assert_true (m->change_permille >= ((JcDashboardMover *) d->down->pdata[i - 1])->change_permille);
    }
  /* no mover left out is larger than the last one shown */
  for (guint i = 0; i < market->len; i++)
    {
      const JcMarketRow *row = market->pdata[i];
      const JcDashboardMover *last = d->up->pdata[d->up->len - 1];
      gboolean shown = FALSE;
      gint64 c;

      if (!row->has_prev_day || row->stale || row->prev_day_avg_milliyuan <= 0)
        continue;
      c = jc_change_permille (row->avg_milliyuan, row->prev_day_avg_milliyuan);
      for (guint j = 0; j < d->up->len; j++)
        shown |= g_str_equal (((JcDashboardMover *) d->up->pdata[j])->item_code, row->item_code);
      if (c > 0 && !shown)
        assert_true (c <= last->change_permille);
    }
}

static void
test_plan_and_month (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  g_autoptr(JcDashboard) d = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(JcReport) report = NULL;
  gint64 ly = 0;
  guint ly_days = 0;

  assert_no_error (error);
  d = jc_dashboard_read (store, TODAY, NULL, &error);
  assert_no_error (error);

  plan = jc_plan_load (store, TOMORROW, jc_store_get_stale_days (store), &error);
  assert_no_error (error);
  assert_null (d->plan_error);
  assert_int_equal (d->plan_status, plan->status);
  assert_int_equal (d->plan_n_lines, plan->lines->len);
  assert_int_equal (d->plan_total_cost_fen, plan->total_cost_fen);
  assert_int_equal (d->plan_no_price->len, plan->no_price->len);
  for (guint i = 0; i < plan->no_price->len; i++)
    assert_string_equal (d->plan_no_price->pdata[i], plan->no_price->pdata[i]);

  /* the month so far is the review's figure for the month: nothing after
   * today is locked */
  report = jc_report_build (store, "2026-11", NULL, &error);
  assert_no_error (error);
  assert_null (d->month_error);
  assert_string_equal (d->month_from, "2026-11-01");
  assert_string_equal (d->month_to, TODAY);
  assert_string_equal (d->ly_from, "2025-11-01");
  assert_string_equal (d->ly_to, "2025-11-27");
  assert_true (d->month_days > 0);
  assert_int_equal (d->month_fen, report->spend_fen);
  assert_int_equal (d->month_days, report->n_days);
  /* the same 27 days a year before, summed here plan by plan */
  for (int day = 1; day <= 27; day++)
    {
      g_autofree char *date = g_strdup_printf ("2025-11-%02d", day);
      g_autoptr(JcPlan) p = jc_plan_load (store, date, 7, &error);

      assert_no_error (error);
      if (p->status == JC_PLAN_LOCKED)
        {
          ly += p->actual_total_fen;
          ly_days++;
        }
    }
  assert_true (ly_days > 0);
  assert_int_equal (d->ly_fen, ly);
  assert_int_equal (d->ly_days, ly_days);
  assert_true (d->has_yoy);
  assert_int_equal (d->yoy_change_fen, d->month_fen - ly);
  {
    /* per mille, half away from zero, in doubles here: the figures are far
     * below 2^53 */
    double exact = (double) (d->month_fen - ly) * 1000.0 / (double) ly;
    gint64 expect = (gint64) (exact >= 0 ? exact + 0.5 : exact - 0.5);

    assert_int_equal (d->yoy_permille, expect);
  }
}

static void
test_empty (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.empty_path, &error);
  g_autoptr(JcDashboard) d = NULL;

  assert_no_error (error);
  d = jc_dashboard_read (store, TODAY, NULL, &error);
  assert_no_error (error);
  assert_null (d->orders_error);
  assert_int_equal (d->n_canteens, 0);
  assert_int_equal (d->waiting->len, 0);
  assert_null (d->fetch_error);
  assert_null (d->fetch);
  assert_int_equal (d->n_unmapped, 0);
  assert_null (d->market_error);
  assert_int_equal (d->up->len, 0);
  assert_int_equal (d->down->len, 0);
  assert_null (d->plan_error);
  assert_int_equal (d->plan_n_lines, 0);
  assert_int_equal (d->plan_total_cost_fen, 0);
  assert_null (d->month_error);
  assert_int_equal (d->month_days, 0);
  assert_int_equal (d->month_fen, 0);
  assert_false (d->has_yoy);
}

static void
test_bad_date (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.empty_path, &error);
  const char *bad[] = { "2026-02-30", "2026-11-7", "27.11.2026", "", "2026-11-27x", NULL };

  assert_no_error (error);
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(JcDashboard) d = jc_dashboard_read (store, bad[i], NULL, &error);

      assert_null (d);
      assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      assert_contains (error->message, "is not a date");
      g_clear_error (&error);
    }
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(JcDashboard) d = NULL;

    g_cancellable_cancel (cancellable);
    d = jc_dashboard_read (store, TODAY, cancellable, &error);
    assert_null (d);
    assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_month_periods (void **state)
{
  char from[11], ly_from[11], ly_to[11];

  assert_true (jc_dashboard_month_periods ("2028-02-29", from, ly_from, ly_to));
  assert_string_equal (from, "2028-02-01");
  assert_string_equal (ly_from, "2027-02-01");
  assert_string_equal (ly_to, "2027-02-28");
  assert_true (jc_dashboard_month_periods ("2026-01-01", from, ly_from, ly_to));
  assert_string_equal (from, "2026-01-01");
  assert_string_equal (ly_from, "2025-01-01");
  assert_string_equal (ly_to, "2025-01-01");
  assert_false (jc_dashboard_month_periods ("2026-13-01", from, ly_from, ly_to));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_orders),
    cmocka_unit_test (test_fetch_and_market),
    cmocka_unit_test (test_plan_and_month),
    cmocka_unit_test (test_empty),
    cmocka_unit_test (test_bad_date),
    cmocka_unit_test (test_month_periods),
  };

  jc_test_store_init ("dashboard");
  return cmocka_run_group_tests (tests, setup, teardown);
}
