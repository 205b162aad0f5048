/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Reports page as procurement staff use it, on real widgets under Xvfb,
 * over the world of tests/jc-test-world.h (locked plans in 2026-10, 2026-09
 * and 2025-10): the month before "today" shown first; the key figures, the
 * claim and the price movers equal jc-report's values and the hand-computed
 * ones; the movers against last month; one canteen's review; an item's 13
 * months; a month without locked plans; months switched faster than they
 * compute; PDF, XLSX and CSV through the page's export and the print job
 * exported to PDF, read back with pdftotext and libzip; a failing export.
 * PNGs go to $JICAI_SCREENSHOT_DIR: reports-page-en.png,
 * reports-page-movers-en.png, reports-page-zh_CN.png, reports-page-empty-en.png,
 * reports-item-en.png. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "jc-test-ui.h"
#include "jc-test-world.h"
#include "jc-chart.h"
#include "jc-demo.h"
#include "jc-order-format.h"
#include "jc-report-doc.h"
#include "jc-report.h"
#include "jc-reports-page-private.h"

static struct {
  JcTestWorld *world;
  char        *db_path;
  GPtrArray   *stores;   /* the pages', open until the end */
} fx;

/* ---- helpers ----------------------------------------------------------- */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
wait_idle (JcReportsPage *page)
{
  jc_test_pump (20);
  jc_test_pump_until (!_jc_reports_page_is_busy (page), 20000);
  assert_false (_jc_reports_page_is_busy (page));
  jc_test_pump (20);
}

static GtkWindow *
open_page (JcReportsPage **out_page)
{
  JcStore *store = jc_store_open (fx.db_path, NULL);
  GtkWidget *page;
  GtkWindow *window;

  assert_non_null (store);
  g_ptr_array_add (fx.stores, store);
  page = jc_reports_page_new (store);
  window = jc_test_present (page, 1280, 900);

  jc_test_settle (GTK_WIDGET (window));
  wait_idle (JC_REPORTS_PAGE (page));
  jc_test_settle (GTK_WIDGET (window));
  *out_page = JC_REPORTS_PAGE (page);
  return window;
}

static JcReport *
build (const char *month,
       const char *canteen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  JcReport *r;

  assert_no_error (error);
  r = jc_report_build (store, month, canteen, &error);
  assert_no_error (error);
  assert_non_null (r);
  return r;
}

static const char *
figure (JcReportsPage   *page,
        JcReportsFigure  f)
{
  return gtk_label_get_text (_jc_reports_page_get_figure (page, f, FALSE));
}

static char *
mover_cell (JcReportsPage        *page,
            guint                 position,
            JcReportsMoverColumn  column)
{
  char *text = _jc_reports_page_dup_mover_cell (page, position, column, NULL);

  assert_non_null (text);
  return text;
}

#define assert_mover(page, pos, column, want)                                 \
  G_STMT_START {                                                             \
    g_autofree char *got_ = mover_cell ((page), (pos), (column));            \
    assert_string_equal (got_, (want));                                      \
  } G_STMT_END

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  return jc_test_run_tool (argv);
}

/* One member of a zip file, as text. */
static char *
zip_member (const char *path,
            const char *name)
{
  int err = 0;
  zip_t *z = zip_open (path, ZIP_RDONLY, &err);
  zip_stat_t st;
  zip_file_t *f;
  char *text;

  assert_non_null (z);
  assert_int_equal (zip_stat (z, name, 0, &st), 0);
  text = g_malloc0 (st.size + 1);
  f = zip_fopen (z, name, 0);
  assert_non_null (f);
  assert_int_equal (zip_fread (f, text, st.size), (zip_int64_t) st.size);
  zip_fclose (f);
  zip_close (z);
  return text;
}

/* ---- Chinese first: GLib decides once per process whether to translate -- */

static void
test_screens_zh_CN (void **state)
{
  JcReportsPage *page;
  GtkWindow *window;

  jc_test_set_language ("zh_CN");
  window = open_page (&page);
  assert_string_equal (jc_reports_page_get_month (page), "2026-10");
  assert_string_equal (_jc_reports_page_get_state (page), "report");
  /* the claim in the language of the window: the PDF cover's Chinese one */
  {
    g_autoptr(JcReport) r = build ("2026-10", NULL);
    g_autofree char *zh = jc_report_claim_text (r, FALSE);

    assert_string_equal (gtk_label_get_text (_jc_reports_page_get_label (page, "claim")), zh);
  }
  jc_test_screenshot (GTK_WIDGET (window), "reports-page-zh_CN");
  jc_test_close_window (window);
}

/* ---- the review of 2026-10 ----------------------------------------------- */

static void
test_review (void **state)
{
  g_autoptr(JcReport) r = build ("2026-10", NULL);
  const JcReportComparison *y = &r->yoy;
  JcReportsPage *page;
  GtkWindow *window;
  gint64 effects = 0;

  jc_test_set_language ("en");
  window = open_page (&page);
  assert_string_equal (jc_reports_page_get_month (page), "2026-10");
  assert_string_equal (_jc_reports_page_get_state (page), "report");
  assert_int_equal (_jc_reports_page_get_report (page)->spend_fen, r->spend_fen);

  /* The key figures: jc-report's values as the PDF cover prints them, and
   * the hand-computed ones of test-report.c. */
  {
    g_autofree char *spend = jc_order_format_money (r->spend_fen);
    g_autofree char *mom = jc_report_format_change (&r->mom);
    g_autofree char *yoy = jc_report_format_change (y);
    g_autofree char *ours = jc_report_format_index (y->has_base && y->d.has_indices,
                                                    y->d.fisher);
    g_autofree char *market = jc_report_format_index (y->has_base && y->has_market,
                                                      y->market_fisher);
    g_autofree char *savings = jc_order_format_money (r->savings_vs_market_fen);
    g_autofree char *claim = jc_report_claim_text (r, TRUE);

    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), spend);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), "¥324.00");
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_MOM), mom);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_MOM), "+1250.00%");   /* 30000 / 2400 */
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_YOY), yoy);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_YOY), "+43.17%");     /* 9770 / 22630 */
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_OUR_INDEX), ours);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_MARKET_INDEX), market);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SAVINGS), savings);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SAVINGS), "¥7.00");
    assert_string_equal (gtk_label_get_text (_jc_reports_page_get_label (page, "claim")), claim);
    assert_contains (claim, "rose 43.17% year on year");
    assert_contains (gtk_label_get_text (_jc_reports_page_get_figure (page,
                                           JC_REPORTS_FIGURE_SPEND, TRUE)),
                     "3 locked days, 1 provisional");
    assert_contains (gtk_label_get_text (_jc_reports_page_get_label (page, "decomposition")),
                     "price +¥57.00");
  }

  /* The movers against a year before: M001 and V001 bought in both.
   * M001 ¥24.000 → 13800 / 4.5 = ¥30.667 (+27.8%), market 25 → 30 (+20.0%),
   * cost effect 13800 − 9600 × 4500 / 4000 = +¥30.00; V001 7030 / 37.001
   * = ¥1.900 → ¥2.350 (+23.7%), market 2.10 → 2.55 (+21.4%), cost effect
   * 14100 − round (7030 × 60000 / 37001) = +¥27.00. */
  assert_int_equal (_jc_reports_page_get_n_movers (page), 2);
  assert_mover (page, 0, JC_REPORTS_MOVER_ITEM, "猪肉");
  assert_mover (page, 0, JC_REPORTS_MOVER_BEFORE, "24.000");
  assert_mover (page, 0, JC_REPORTS_MOVER_NOW, "30.667");
  assert_mover (page, 0, JC_REPORTS_MOVER_CHANGE, "+27.8%");
  assert_mover (page, 0, JC_REPORTS_MOVER_MARKET, "+20.0%");
  assert_mover (page, 0, JC_REPORTS_MOVER_EFFECT, "+¥30.00");
  assert_mover (page, 1, JC_REPORTS_MOVER_ITEM, "大白菜");
  assert_mover (page, 1, JC_REPORTS_MOVER_CATEGORY, "蔬菜");
  assert_mover (page, 1, JC_REPORTS_MOVER_BEFORE, "1.900");
  assert_mover (page, 1, JC_REPORTS_MOVER_NOW, "2.350");
  assert_mover (page, 1, JC_REPORTS_MOVER_CHANGE, "+23.7%");
  assert_mover (page, 1, JC_REPORTS_MOVER_MARKET, "+21.4%");
  assert_mover (page, 1, JC_REPORTS_MOVER_EFFECT, "+¥27.00");
  {
    const char *css = NULL;
    g_free (_jc_reports_page_dup_mover_cell (page, 0, JC_REPORTS_MOVER_CHANGE, &css));

    assert_string_equal (css, "error");   /* a rise, red */
  }
  /* the items' cost effects add up to the decomposition's price effect */
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autoptr(GArray) movers = jc_report_movers (store, r, JC_REPORT_YOY_BASE, 0, NULL);

    assert_non_null (movers);
    for (guint i = 0; i < movers->len; i++)
      effects += g_array_index (movers, JcReportMover, i).price_effect_fen;
    assert_int_equal (effects, y->d.price_effect_fen);
  }
  jc_test_screenshot (GTK_WIDGET (window), "reports-page-en");
  {
    /* the lower half: the category chart and the movers table */
    GtkWidget *scroller = gtk_widget_get_ancestor (
      _jc_reports_page_get_chart (page, JC_REPORTS_CHART_TREND), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    jc_test_settle (GTK_WIDGET (window));
    jc_test_screenshot (GTK_WIDGET (window), "reports-page-movers-en");
    gtk_adjustment_set_value (adj, 0);
  }

  /* Against last month: V001 only, ¥2.400 → ¥2.350. */
  _jc_reports_page_choose_base (page, JC_REPORT_MOM_BASE);
  jc_test_pump (50);
  assert_int_equal (_jc_reports_page_get_n_movers (page), 1);
  assert_mover (page, 0, JC_REPORTS_MOVER_BEFORE, "2.400");
  assert_mover (page, 0, JC_REPORTS_MOVER_CHANGE, "−2.1%");
  assert_mover (page, 0, JC_REPORTS_MOVER_MARKET, "+2.0%");   /* 2500 → 2550 */
  assert_contains (gtk_label_get_text (_jc_reports_page_get_label (page, "movers-title")),
                   "September 2026");
  _jc_reports_page_choose_base (page, JC_REPORT_YOY_BASE);
  jc_test_pump (50);
  assert_int_equal (_jc_reports_page_get_n_movers (page), 2);

  /* One item's 13 months. */
  assert_true (_jc_reports_page_activate_item (page, "M001"));
  jc_test_pump_until (_jc_reports_page_get_item_dialog (page) != NULL &&
                      _jc_reports_item_dialog_get_months (
                        _jc_reports_page_get_item_dialog (page)) != NULL,
                      20000);
  {
    GtkWindow *dialog = _jc_reports_page_get_item_dialog (page);
    GArray *months = _jc_reports_item_dialog_get_months (dialog);
    const JcReportItemMonth *first = &g_array_index (months, JcReportItemMonth, 0);
    const JcReportItemMonth *last = &g_array_index (months, JcReportItemMonth, 12);

    assert_int_equal (months->len, 13);
    assert_string_equal (first->month, "2025-10");
    assert_int_equal (first->cost_fen, 9600);
    assert_int_equal (first->unit_cost_milliyuan, 24000);
    assert_int_equal (first->market_milliyuan, 25000);
    assert_string_equal (last->month, "2026-10");
    assert_int_equal (last->qty_milli, 4500);
    assert_int_equal (last->cost_fen, 13800);
    assert_int_equal (last->unit_cost_milliyuan, 30667);
    assert_true (last->has_market);
    assert_int_equal (last->market_milliyuan, 30000);
    assert_false (g_array_index (months, JcReportItemMonth, 5).in);
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "reports-item-en");
    gtk_window_destroy (dialog);
    jc_test_pump (50);
  }

  /* One canteen: the whole page recomputes with CT02's shares. */
  {
    g_autoptr(JcReport) c = build ("2026-10", "CT02");
    g_autofree char *spend = jc_order_format_money (c->spend_fen);
    g_autofree char *yoy = jc_report_format_change (&c->yoy);

    assert_true (_jc_reports_page_choose_canteen (page, "CT02"));
    wait_idle (page);
    assert_string_equal (_jc_reports_page_get_canteen (page), "CT02");
    assert_string_equal (_jc_reports_page_get_report (page)->canteen, "CT02");
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), spend);
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), "¥145.00");
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_YOY), yoy);
    /* the canteen by its name, not its code */
    assert_contains (gtk_label_get_text (_jc_reports_page_get_label (page, "title")),
                     "二号机关食堂");
    assert_true (_jc_reports_page_choose_canteen (page, NULL));
    wait_idle (page);
    assert_null (_jc_reports_page_get_canteen (page));
    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), "¥324.00");
  }
  /* sorted by a column's header: the smaller cost effect first */
  _jc_reports_page_sort_movers (page, JC_REPORTS_MOVER_EFFECT, TRUE);
  jc_test_pump (20);
  assert_mover (page, 0, JC_REPORTS_MOVER_EFFECT, "+¥27.00");
  assert_mover (page, 1, JC_REPORTS_MOVER_EFFECT, "+¥30.00");
  _jc_reports_page_sort_movers (page, JC_REPORTS_MOVER_CHANGE, FALSE);
  jc_test_pump (20);
  assert_mover (page, 0, JC_REPORTS_MOVER_ITEM, "猪肉");
  jc_test_close_window (window);
}

/* ---- an empty month, months switched quickly ---------------------------- */

static void
test_empty_and_switching (void **state)
{
  JcReportsPage *page;
  GtkWindow *window;

  jc_test_set_language ("en");
  {
    /* without a database: a state that says so, nothing to export */
    g_autoptr(GtkWidget) none = g_object_ref_sink (jc_reports_page_new (NULL));

    assert_string_equal (_jc_reports_page_get_state (JC_REPORTS_PAGE (none)), "no-database");
    assert_null (_jc_reports_page_get_report (JC_REPORTS_PAGE (none)));
  }
  window = open_page (&page);
  jc_reports_page_set_month (page, "2026-11");
  wait_idle (page);
  assert_string_equal (_jc_reports_page_get_state (page), "empty");
  assert_string_equal (_jc_reports_page_get_empty_title (page), "No locked plans in November 2026");
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "reports-page-empty-en");

  /* A month without a year before: YoY "—" with a tooltip. */
  jc_reports_page_set_month (page, "2026-09");
  wait_idle (page);
  assert_string_equal (_jc_reports_page_get_state (page), "report");
  assert_string_equal (figure (page, JC_REPORTS_FIGURE_YOY), "—");
  assert_string_equal (figure (page, JC_REPORTS_FIGURE_OUR_INDEX), "—");
  assert_non_null (gtk_widget_get_tooltip_text (
    gtk_widget_get_parent (GTK_WIDGET (_jc_reports_page_get_figure (page, JC_REPORTS_FIGURE_YOY,
                                                                    FALSE)))));

  /* Faster than they compute: only the last month is shown. */
  jc_reports_page_set_month (page, "2025-10");
  jc_reports_page_set_month (page, "2026-11");
  jc_reports_page_set_month (page, "2026-10");
  wait_idle (page);
  assert_string_equal (_jc_reports_page_get_report (page)->month, "2026-10");
  assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), "¥324.00");

  /* The month menu: a year back, then August. */
  {
    GtkMenuButton *button = _jc_reports_page_get_month_button (page);
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
    GtkWidget *august;

    gtk_menu_button_popup (button);
    jc_test_pump_until (gtk_widget_get_mapped (popover), 5000);
    assert_true (gtk_widget_get_mapped (popover));
    august = find_button (popover, "August");
    assert_non_null (august);
    g_signal_emit_by_name (august, "clicked");
    wait_idle (page);
    assert_string_equal (jc_reports_page_get_month (page), "2026-08");
    assert_string_equal (_jc_reports_page_get_state (page), "empty");
    assert_string_equal (gtk_menu_button_get_label (button), "August 2026");
    jc_reports_page_set_month (page, "2026-10");
    wait_idle (page);
  }

  /* The previous and next month buttons' actions. */
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.previous-month", NULL);
  wait_idle (page);
  assert_string_equal (jc_reports_page_get_month (page), "2026-09");
  assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), "¥24.00");
  gtk_widget_activate_action (GTK_WIDGET (page), "reports.next-month", NULL);
  wait_idle (page);
  assert_string_equal (jc_reports_page_get_month (page), "2026-10");
  jc_test_close_window (window);
}

/* ---- documents ------------------------------------------------------------ */

static void
test_exports (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "review.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "review.xlsx", NULL);
  g_autofree char *csv = g_build_filename (dir, "review.csv", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no", "such", "folder", "bad.pdf", NULL);
  JcReportsPage *page;
  GtkWindow *window;

  jc_test_set_language ("en");
  window = open_page (&page);

  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_PDF, pdf);
  wait_idle (page);
  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_XLSX, xlsx);
  wait_idle (page);
  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_CSV, csv);
  wait_idle (page);
  {
    g_autofree char *text = pdf_text (pdf);

    assert_contains (text, "Monthly cost review");
    assert_contains (text, "2026-10");
    assert_contains (text, "¥324.00");
    assert_contains (text, "+43.17%");
  }
  {
    g_autofree char *workbook = zip_member (xlsx, "xl/workbook.xml");
    g_autofree char *summary = zip_member (xlsx, "xl/worksheets/sheet1.xml");

    assert_contains (workbook, "Summary");
    assert_contains (summary, "<v>324</v>");   /* B3: the spend in yuan */
  }
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    lines = g_strsplit (text, "\n", -1);
    assert_string_equal (lines[0], "item,category,q0_milli,c0_fen,q1_milli,c1_fen,change_fen");
    assert_contains (text, "V001,蔬菜,37001,7030,60000,14100,7070\n");
    assert_contains (text, "G001,");   /* dropped: in the year before only */
  }

  /* The print job's pages, exported by GtkPrintOperation: the PDF's. */
  _jc_reports_page_print_to_file (page, printed);
  wait_idle (page);
  jc_test_pump_until (g_file_test (printed, G_FILE_TEST_EXISTS), 10000);
  {
    g_autofree char *text = pdf_text (printed);

    assert_contains (text, "Monthly cost review");
    assert_contains (text, "2026-10");
    assert_contains (text, "¥324.00");
    assert_contains (text, "Page 1 of");
  }
  {
    /* as many pages as the review's PDF */
    const char *argv[] = { "pdfinfo", printed, NULL };
    g_autofree char *info = jc_test_run_tool (argv);
    g_autoptr(JcReport) r = build ("2026-10", NULL);
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autoptr(JcReportDoc) doc = jc_report_doc_new (store, r, NULL);
    const char *line;

    assert_non_null (doc);
    assert_true (jc_report_doc_get_n_pages (doc) >= 4);
    line = strstr (info, "Pages:");
    assert_non_null (line);
    assert_int_equal (atoi (line + strlen ("Pages:")), jc_report_doc_get_n_pages (doc));
  }

  /* A file that cannot be written: an error naming it, nothing left. */
  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_PDF, bad);
  wait_idle (page);
  {
    AdwMessageDialog *dialog = jc_test_wait_for_dialog ();

    assert_non_null (dialog);
    assert_contains (adw_message_dialog_get_heading (dialog), "bad.pdf");
    assert_contains (adw_message_dialog_get_body (dialog), bad);
    jc_test_respond (dialog, "close");
  }
  assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* The chooser confirmed replacing an existing file: it is replaced. */
  assert_true (g_file_set_contents (csv, "old", -1, NULL));
  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_CSV, csv);
  wait_idle (page);
  {
    g_autofree char *text = NULL;

    assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    assert_true (g_str_has_prefix (text, "item,category"));
  }

  /* The database itself, even after that confirmation: refused, saying
   * why, and the database is as it was. */
  _jc_reports_page_export_to (page, JC_REPORT_EXPORT_PDF, fx.db_path);
  wait_idle (page);
  {
    AdwMessageDialog *dialog = jc_test_wait_for_dialog ();
    g_autoptr(JcStore) store = NULL;
    g_autoptr(JcItem) item = NULL;

    assert_non_null (dialog);
    assert_contains (adw_message_dialog_get_body (dialog), "is the open database");
    assert_contains (adw_message_dialog_get_body (dialog), "Choose another file name");
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "reports-export-database-en");
    jc_test_respond (dialog, "close");
    store = jc_store_open (fx.db_path, NULL);
    assert_non_null (store);
    item = jc_store_get_item (store, "V001", NULL);
    assert_non_null (item);
  }
  jc_test_close_window (window);
  jc_test_rmtree (dir);
}

/* Pixels of about the colour (r, g, b) in 0…255. */
static guint
count_colour (cairo_surface_t *surface,
              int              r,
              int              g,
              int              b)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        const guchar *p = data + y * stride + x * 4;   /* BGRA */

        if (ABS (p[2] - r) < 12 && ABS (p[1] - g) < 12 && ABS (p[0] - b) < 12)
          n++;
      }
  return n;
}

/* The item chart: our unit cost blue, the market's mean orange; a month
 * without a value leaves a gap. */
static void
test_price_chart (void **state)
{
  gint64 ours[3] = { 24000, 0, 30667 }, market[3] = { 25000, 0, 30000 };
  gboolean has[3] = { TRUE, FALSE, TRUE }, none[3] = { FALSE, FALSE, FALSE };
  const char *labels[3] = { "25-10", "25-11", "25-12" };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jc_chart_paint_price_compare (cr, 0, 0, 400, 200, ours, has, market, has, "ours", "market",
                                labels, 3);
  assert_true (count_colour (surface, 53, 132, 228) > 20);    /* ours */
  assert_true (count_colour (surface, 230, 128, 26) > 20);    /* market */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jc_chart_paint_price_compare (cr, 0, 0, 400, 200, ours, none, market, none, "ours", "market",
                                labels, 3);
  assert_int_equal (count_colour (surface, 230, 128, 26), 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* ---- the core calls the page makes ----------------------------------------- */

static void
test_core (void **state)
{
  g_autoptr(JcReport) r = build ("2026-10", NULL);
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
  g_autoptr(GArray) movers = NULL;
  g_autoptr(GError) error = NULL;
  JcReportItemMonth months[3];
  char m[8];

  assert_true (jc_report_month_shift ("2026-01", -1, m));
  assert_string_equal (m, "2025-12");
  assert_true (jc_report_month_shift ("2025-12", 13, m));
  assert_string_equal (m, "2027-01");
  assert_false (jc_report_month_shift ("2026-13", 0, m));
  assert_false (jc_report_month_shift ("26-10", 0, m));

  /* without a store: no market */
  movers = jc_report_movers (NULL, r, JC_REPORT_YOY_BASE, 1, &error);
  assert_no_error (error);
  assert_int_equal (movers->len, 1);
  assert_string_equal (g_array_index (movers, JcReportMover, 0).row->item_code, "M001");
  assert_false (g_array_index (movers, JcReportMover, 0).has_market);

  /* one canteen's share of an item: CT02 bought 1 + 1.5 kg of M001 */
  assert_true (jc_report_item_history (store, "2026-10", "CT02", "M001", 3, months, &error));
  assert_no_error (error);
  assert_string_equal (months[0].month, "2026-08");
  assert_false (months[0].in);
  assert_false (months[1].in);
  assert_true (months[2].in);
  assert_int_equal (months[2].cost_fen, 3100 + 4500);
  assert_int_equal (months[2].qty_milli, 2500);
  assert_false (jc_report_item_history (store, "2026-10", NULL, "NOPE", 3, months, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_false (jc_report_item_history (store, "2026-1", NULL, "M001", 3, months, &error));
  assert_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID);
}

/* ---- the demo world ------------------------------------------------------------- */

/* The page on real-sized data (17 canteens, the Xinfadi catalog, 15 months
 * of locked plans, built with jc_demo_load): the figures against
 * jc-report's, how long it takes, and screenshots reports-page-demo-en.png,
 * reports-page-demo-movers-en.png and reports-page-demo-zh_CN.png. */
static void
test_demo (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *saved = NULL;
  JcReportsPage *page;
  GtkWindow *window;
  gint64 start;

  /* The demo world, 15 months of real prices and locked plans ending on
   * "today" (2026-11-15): the page opens on October. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JcStore) store = jc_store_open (db, &error);
    GDate today;

    assert_no_error (error);
    g_date_clear (&today, 1);
    g_date_set_dmy (&today, 15, G_DATE_NOVEMBER, 2026);
    assert_true (jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error));
    assert_no_error (error);
  }
  saved = fx.db_path;
  fx.db_path = g_strdup (db);
  jc_test_set_language ("en");
  start = g_get_monotonic_time ();
  window = open_page (&page);
  g_print ("the review of %s computed and shown in %.2f s\n", jc_reports_page_get_month (page),
           (g_get_monotonic_time () - start) / 1e6);
  {
    g_autoptr(JcReport) r = build (jc_reports_page_get_month (page), NULL);
    g_autofree char *spend = jc_order_format_money (r->spend_fen);

    assert_string_equal (figure (page, JC_REPORTS_FIGURE_SPEND), spend);
  }
  jc_test_screenshot (GTK_WIDGET (window), "reports-page-demo-en");
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (
      _jc_reports_page_get_chart (page, JC_REPORTS_CHART_TREND), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * 0.55);
    jc_test_settle (GTK_WIDGET (window));
    jc_test_screenshot (GTK_WIDGET (window), "reports-page-demo-movers-en");
  }
  jc_test_close_window (window);
  jc_test_set_language ("zh_CN");
  window = open_page (&page);
  jc_test_screenshot (GTK_WIDGET (window), "reports-page-demo-zh_CN");
  jc_test_close_window (window);
  jc_test_set_language ("en");
  g_free (fx.db_path);
  fx.db_path = g_steal_pointer (&saved);
}

/* ---- the fixture ------------------------------------------------------------ */

static int
setup (void **state)
{
  fx.world = jc_test_world_new ();
  /* the page opens its own stores */
  jc_store_free (fx.world->store);
  fx.world->store = NULL;
  fx.db_path = g_strdup (fx.world->path);
  fx.stores = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_store_free);
  jc_test_set_screenshot_dir (fx.world->dir);
  return 0;
}

static int
teardown (void **state)
{
  g_clear_pointer (&fx.stores, g_ptr_array_unref);
  jc_test_world_free (fx.world);
  g_free (fx.db_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_review),
    cmocka_unit_test (test_empty_and_switching),
    cmocka_unit_test (test_exports),
    cmocka_unit_test (test_core),
    cmocka_unit_test (test_price_chart),
    cmocka_unit_test (test_demo),
  };

  /* "today" is in November 2026: the page opens on October */
  g_setenv ("JICAI_TODAY", "2026-11-15", TRUE);
  jc_test_ui_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
