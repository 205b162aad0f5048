/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard on real widgets under Xvfb, on the demo world of
 * 2026-11-27: every tile shows what the core functions return for that
 * day (the orders of the 28th, the latest fetch, the day's movers, the
 * plan of the 28th, November's spend), pressing a tile emits
 * "open-section", and an empty database and no database have their own
 * states.  PNGs go to $JICAI_SCREENSHOT_DIR/dashboard-page-<lang>.png. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "jc-test-ui.h"
#include "jc-dashboard-page-private.h"
#include "jc-demo.h"
#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-report.h"

#define TODAY    "2026-11-27"
#define TOMORROW "2026-11-28"

static struct {
  char *dir;
  char *db_path;
  char *empty_path;
  GPtrArray *stores;   /* JcStore *: the pages borrow them */
} fx;

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcStore) empty = NULL;
  GDate today;

  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "jicai.db", NULL);
  fx.empty_path = g_build_filename (fx.dir, "empty.db", NULL);
  fx.stores = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_store_free);
  jc_test_set_screenshot_dir (fx.dir);

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
  jc_test_pump (50);
  g_clear_pointer (&fx.stores, g_ptr_array_unref);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  g_free (fx.empty_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* A store on `db_path`, kept open until the teardown. */
static JcStore *
open_store (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  JcStore *store = jc_store_open (db_path, &error);

  assert_no_error (error);
  g_ptr_array_add (fx.stores, store);
  return store;
}

static GtkWindow *
open_page (const char       *db_path,
           JcDashboardPage **out_page)
{
  JcDashboardPage *page = JC_DASHBOARD_PAGE (g_object_new (JC_TYPE_DASHBOARD_PAGE, "date", TODAY, NULL));
  GtkWindow *window;

  jc_dashboard_page_set_store (page, db_path != NULL ? open_store (db_path) : NULL);
  window = jc_test_present (GTK_WIDGET (page), 1180, 760);
  if (db_path != NULL)
    jc_test_pump_until (!_jc_dashboard_page_is_loading (page), 20000);
  assert_false (_jc_dashboard_page_is_loading (page));
  jc_test_settle (GTK_WIDGET (window));
  *out_page = page;
  return window;
}

static const char *
text_of (JcDashboardPage *page,
         const char      *name)
{
  GtkLabel *label = _jc_dashboard_page_get_label (page, name);

  if (label == NULL)
    fail_msg ("no label “%s” on the dashboard", name);
  return gtk_label_get_text (label);
}

static void
open_section_cb (JcDashboardPage *page,
                 const char      *section,
                 gpointer         user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (section);
}

/* ---- the figures ---------------------------------------------------------- */

static void
test_figures (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  g_autoptr(GPtrArray) market = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(JcReport) report = NULL;
  g_autofree char *expect = NULL;
  g_autofree char *section = NULL;
  const JcFetchLogEntry *f;
  JcDashboardPage *page;
  GtkWindow *window;
  guint n_submitted = 0, n_draft = 0, n_none = 0;
  const char *top_up = NULL, *top_down = NULL;
  gint64 best_up = 0, best_down = 0;
  int stale;

  assert_no_error (error);
  stale = jc_store_get_stale_days (store);

  jc_test_set_language ("en");
  window = open_page (fx.db_path, &page);
  assert_string_equal (_jc_dashboard_page_get_state (page), "dashboard");
  jc_test_screenshot (GTK_WIDGET (window), "dashboard-page-en");

  /* 1. the orders of tomorrow */
  board = jc_orders_board (store, TOMORROW, stale, &error);
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
    }
  expect = g_strdup_printf ("%u of %u canteen%s submitted", n_submitted, board->len, board->len == 1 ? "" : "s");
  assert_string_equal (text_of (page, "orders-count"), expect);
  g_free (expect);
  expect = g_strdup_printf ("%u draft%s · %u not started", n_draft, n_draft == 1 ? "" : "s", n_none);
  assert_string_equal (text_of (page, "orders-detail"), expect);
  g_free (expect);
  {
    g_autofree char *cutoff = jc_orders_cutoff_for (store, TOMORROW);
    g_autofree char *shown = jc_order_format_cutoff (cutoff, NULL, NULL);

    assert_string_equal (text_of (page, "orders-cutoff"), shown);
  }
  if (n_submitted < board->len)
    {
      for (guint i = 0; i < board->len; i++)
        {
          const JcBoardRow *row = board->pdata[i];

          if (row->status == JC_ORDER_DRAFT)
            {
              /* drafts come first in the list of canteens waited for */
              assert_contains (text_of (page, "orders-waiting"), row->canteen_name);
              break;
            }
        }
      assert_contains (text_of (page, "orders-waiting"), "Waiting for: ");
    }

  /* 2. the latest fetch */
  log = jc_store_list_fetch_log (store, 1, &error);
  assert_no_error (error);
  unmapped = jc_store_list_unmapped (store, &error);
  assert_no_error (error);
  /* the demo's prices come with their fetch log entry: where they came from */
  assert_int_equal (log->len, 1);
  assert_null (_jc_dashboard_page_get_label (page, "fetch-empty"));
    {
      f = log->pdata[0];
      assert_string_equal (f->status, "ok");
      assert_true (f->rows_new > 10000);
      assert_contains (text_of (page, "fetch-source"), "新发地");
      /* the message as stored, in the language the demo was loaded in */
      assert_string_equal (text_of (page, "fetch-message"), f->message);
      assert_contains (f->message, "… " TODAY);
      expect = g_strdup_printf ("%u", f->rows_new);
      assert_contains (f->message, expect);
      g_clear_pointer (&expect, g_free);
      assert_string_equal (text_of (page, "fetch-status"),
                           g_str_equal (f->status, "ok") ? "Succeeded" : g_str_equal (f->status, "failed") ? "Failed" : f->status);
      assert_contains (text_of (page, "fetch-source"), f->source_name);
      expect = g_strdup_printf ("%u new · %u changed · %u rejected · %u unmapped",
                                f->rows_new, f->rows_changed, f->rows_rejected, f->rows_unmapped);
      assert_string_equal (text_of (page, "fetch-counts"), expect);
      g_free (expect);
      expect = g_strdup_printf ("%u market name%s to map", unmapped->len, unmapped->len == 1 ? "" : "s");
      assert_string_equal (text_of (page, "fetch-unmapped"), expect);
      g_clear_pointer (&expect, g_free);
    }

  /* 3. the day's movers */
  market = jc_store_market_overview (store, TODAY, stale, &error);
  assert_no_error (error);
  for (guint i = 0; i < market->len; i++)
    {
      const JcMarketRow *row = market->pdata[i];
      gint64 c;

      if (!row->has_prev_day || row->stale || row->prev_day_avg_milliyuan <= 0)
        continue;
      c = jc_change_permille (row->avg_milliyuan, row->prev_day_avg_milliyuan);
      if (c > best_up || (c == best_up && c > 0 && g_strcmp0 (row->item_name, top_up) < 0))
        best_up = c, top_up = row->item_name;
      if (c < best_down || (c == best_down && c < 0 && g_strcmp0 (row->item_name, top_down) < 0))
        best_down = c, top_down = row->item_name;
    }
  assert_non_null (top_up);
  assert_non_null (top_down);
  assert_string_equal (text_of (page, "up-name-0"), top_up);
  assert_string_equal (text_of (page, "down-name-0"), top_down);
  expect = g_strdup_printf ("+%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%%", best_up / 10, best_up % 10);
  assert_string_equal (text_of (page, "up-pct-0"), expect);
  g_clear_pointer (&expect, g_free);
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (_jc_dashboard_page_get_label (page, "up-pct-0")), "error"));
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (_jc_dashboard_page_get_label (page, "down-pct-0")), "success"));
  assert_null (_jc_dashboard_page_get_label (page, "up-name-5"));

  /* 4. the plan of tomorrow */
  plan = jc_plan_load (store, TOMORROW, stale, &error);
  assert_no_error (error);
  if (plan->lines->len == 0)
    assert_non_null (_jc_dashboard_page_get_label (page, "plan-empty"));
  else
    {
      expect = jc_order_format_money (plan->total_cost_fen);
      assert_string_equal (text_of (page, "plan-total"), expect);
      g_clear_pointer (&expect, g_free);
      assert_string_equal (text_of (page, "plan-status"), plan->status == JC_PLAN_LOCKED ? "Locked" : "Open");
      expect = g_strdup_printf ("%u line%s", plan->lines->len, plan->lines->len == 1 ? "" : "s");
      assert_string_equal (text_of (page, "plan-lines"), expect);
      g_clear_pointer (&expect, g_free);
      assert_true ((plan->no_price->len > 0) == (_jc_dashboard_page_get_label (page, "plan-no-price") != NULL));
    }

  /* 5. the month so far: the review's figure for the month (nothing after
   * today is locked), and the same 27 days a year before, summed here plan
   * by plan (actual cost, planned where nothing was recorded). */
  report = jc_report_build (store, "2026-11", NULL, &error);
  assert_no_error (error);
  assert_true (report->n_days > 0);
  expect = jc_order_format_money (report->spend_fen);
  assert_string_equal (text_of (page, "month-spend"), expect);
  g_clear_pointer (&expect, g_free);
  {
    gint64 ly = 0;
    guint ly_days = 0;
    g_autofree char *base = NULL;

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
    assert_true (ly < report->yoy.base_fen);   /* fewer days than the whole month */
    base = jc_order_format_money (ly);
    assert_contains (text_of (page, "month-yoy"), base);
    assert_contains (text_of (page, "month-yoy"), "2025-11-01 to 2025-11-27");
  }

  /* Of the two price tiles, the fetch's is the one looked up (the market
   * tile once took its place, then left none, and leaked its key). */
  {
    GtkWidget *prices = GTK_WIDGET (_jc_dashboard_page_get_tile (page, "prices"));
    GtkWidget *head;
    GtkWidget *image;

    assert_non_null (prices);
    head = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (prices)));
    image = gtk_widget_get_first_child (head);
    assert_true (GTK_IS_IMAGE (image));
    assert_string_equal (gtk_image_get_icon_name (GTK_IMAGE (image)),
                         "emblem-synchronizing-symbolic");
  }

  /* Pressing a tile asks for its section. */
  g_signal_connect (page, "open-section", G_CALLBACK (open_section_cb), &section);
  assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_jc_dashboard_page_get_tile (page, "orders"))));
  g_signal_emit_by_name (_jc_dashboard_page_get_tile (page, "orders"), "clicked");
  jc_test_pump (20);
  assert_string_equal (section, "orders");
  g_signal_emit_by_name (_jc_dashboard_page_get_tile (page, "reports"), "clicked");
  jc_test_pump (20);
  assert_string_equal (section, "reports");
  gtk_widget_activate_action (GTK_WIDGET (page), "dashboard.open-section", "s", "plan");
  assert_string_equal (section, "plan");

  /* A reload keeps the tiles. */
  jc_dashboard_page_reload (page);
  jc_test_pump_until (!_jc_dashboard_page_is_loading (page), 20000);
  assert_string_equal (_jc_dashboard_page_get_state (page), "dashboard");
  assert_non_null (_jc_dashboard_page_get_label (page, "month-spend"));

  jc_test_close_window (window);
}

/* A database that cannot be read is an error screen, never the empty
 * dashboard. */
static void
assert_error_screen (const char *language)
{
  g_autofree char *base = g_strdup_printf ("not-a-database-%s.db", language);
  g_autofree char *path = g_build_filename (fx.dir, base, NULL);
  g_autofree char *name = g_strdup_printf ("dashboard-page-error-%s", language);
  g_autofree char *note = g_build_filename (fx.dir, "note.txt", NULL);
  JcDashboardPage *page;
  GtkWindow *window;
  JcStore *store;

  /* The page is given a store, and its worker opens the file again: put a
   * note in the database's place in between. */
  g_remove (path);
  store = open_store (path);
  assert_true (g_file_set_contents (note, "this is not a database, but a note\n", -1, NULL));
  assert_int_equal (g_rename (note, path), 0);
  page = JC_DASHBOARD_PAGE (g_object_new (JC_TYPE_DASHBOARD_PAGE, "date", TODAY, NULL));
  jc_dashboard_page_set_store (page, store);
  window = jc_test_present (GTK_WIDGET (page), 1180, 760);
  jc_test_pump_until (!_jc_dashboard_page_is_loading (page), 20000);
  assert_false (_jc_dashboard_page_is_loading (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_dashboard_page_get_state (page), "error");
  assert_null (_jc_dashboard_page_get_label (page, "fetch-empty"));
  jc_test_screenshot (GTK_WIDGET (window), name);
  jc_test_close_window (window);
}

static void
test_empty (void **state)
{
  JcDashboardPage *page;
  GtkWindow *window;

  jc_test_set_language ("en");
  window = open_page (fx.empty_path, &page);
  assert_string_equal (_jc_dashboard_page_get_state (page), "dashboard");
  assert_non_null (_jc_dashboard_page_get_label (page, "orders-empty"));
  assert_non_null (_jc_dashboard_page_get_label (page, "fetch-empty"));
  assert_non_null (_jc_dashboard_page_get_label (page, "market-empty"));
  assert_non_null (_jc_dashboard_page_get_label (page, "plan-empty"));
  assert_non_null (_jc_dashboard_page_get_label (page, "month-empty"));
  jc_test_screenshot (GTK_WIDGET (window), "dashboard-page-empty-en");
  assert_error_screen ("en");

  jc_dashboard_page_set_store (page, NULL);
  jc_test_pump (20);
  assert_string_equal (_jc_dashboard_page_get_state (page), "no-database");
  assert_null (_jc_dashboard_page_get_tile (page, "orders"));
  jc_test_close_window (window);
}

static void
test_screens_zh_CN (void **state)
{
  JcDashboardPage *page;
  GtkWindow *window;

  jc_test_set_language ("zh_CN");
  window = open_page (fx.db_path, &page);
  assert_string_equal (_jc_dashboard_page_get_state (page), "dashboard");
  jc_test_screenshot (GTK_WIDGET (window), "dashboard-page-zh_CN");
  /* 17 canteens waited for, 4 named: "…、市卫健委食堂及另外 13 个", not "等，另有" */
  assert_contains (text_of (page, "orders-waiting"), "及另外 13 个");
  assert_null (strstr (text_of (page, "orders-waiting"), "另有"));
  jc_test_close_window (window);
  window = open_page (fx.empty_path, &page);
  assert_string_equal (_jc_dashboard_page_get_state (page), "dashboard");
  assert_non_null (_jc_dashboard_page_get_label (page, "fetch-empty"));
  jc_test_screenshot (GTK_WIDGET (window), "dashboard-page-empty-zh_CN");
  jc_test_close_window (window);
  assert_error_screen ("zh_CN");
  jc_test_set_language ("en");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate. */
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_figures),
    cmocka_unit_test (test_empty),
  };

  jc_test_ui_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
