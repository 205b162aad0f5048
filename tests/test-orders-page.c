/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The orders page as a clerk uses it, on real widgets under Xvfb: the
 * board of a delivery date (its canteens, counts and cutoff, the dates
 * before and after), the cutoff of one date changed and reset, order files
 * imported (into a locked order, with a reason), and orders that came
 * after the plan's lock.  PNGs of the board, the editor and the import
 * preview in English and Chinese go to
 * $JICAI_SCREENSHOT_DIR/orders-*-<lang>.png.
 *
 * The order editor's own tests (a phoned-in order typed with the keyboard
 * only, a late submission, an amendment to a locked order) are in
 * test-order-editor.c; both files share test-orders-page-fixture.c and run
 * in this one process, in the order main() gives. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "test-orders-page-fixture.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-record.h"

/* ---- screenshots in Chinese -------------------------------------------- */

static void
test_screens_zh_CN (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  JcOrderImportDialog *dialog;

  jc_test_set_language ("zh_CN");
  window = open_page (fx.date, &page);
  assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (page)), 3);
  jc_test_screenshot (GTK_WIDGET (window), "orders-board-zh_CN");

  jc_orders_page_open_order (page, "CT02");
  wait_for_editor (window, page);
  jc_test_screenshot (GTK_WIDGET (window), "orders-editor-zh_CN");

  write_import_files ();
  dialog = import (page, good_csv, bad_csv);
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-import-zh_CN");
  gtk_window_close (GTK_WINDOW (dialog));
  jc_test_pump (50);
  jc_test_close_window (window);
}

/* ---- the cutoff of one date ---------------------------------------------- */

static char *
cutoff_in_store (const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);

  assert_no_error (error);
  return jc_orders_cutoff_for (store, date);
}

/* Procurement moves one date's cutoff from the popover beside it: a bad
 * time is refused in place and nothing is stored; "16:30" alone means the
 * day before; the board shows the new cutoff; the office default comes
 * back with one button. */
static void
test_cutoff_override (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  GDate day;
  char date[11], before[11];
  g_autofree char *expect = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *office = NULL;
  g_autofree char *parsed = NULL;

  jc_test_set_language ("en");
  g_date_clear (&day, 1);
  g_date_set_parse (&day, fx.date);
  g_date_add_days (&day, 3);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
  g_date_subtract_days (&day, 1);
  g_date_strftime (before, sizeof before, "%Y-%m-%d", &day);
  office = cutoff_in_store (date);

  /* what a person may type */
  parsed = _jc_orders_page_parse_cutoff (date, "16:30");
  expect = g_strdup_printf ("%sT16:30", before);
  assert_string_equal (parsed, expect);
  g_clear_pointer (&parsed, g_free);
  parsed = _jc_orders_page_parse_cutoff (date, " 2026-11-30 08:05 ");
  assert_string_equal (parsed, "2026-11-30T08:05");
  g_clear_pointer (&parsed, g_free);
  assert_null (_jc_orders_page_parse_cutoff (date, "25:00"));
  assert_null (_jc_orders_page_parse_cutoff (date, "2026-02-30 10:00"));
  assert_null (_jc_orders_page_parse_cutoff (date, "tomorrow"));
  assert_null (_jc_orders_page_parse_cutoff (date, "16:30 extra"));

  window = open_page (date, &page);
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))));

  /* a bad time: said beside the entry, nothing stored */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "half past four");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump (50);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_error (page))));
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                           "“half past four”"));
  stored = cutoff_in_store (date);
  assert_string_equal (stored, office);
  g_clear_pointer (&stored, g_free);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page)), "orders-cutoff-error-en");

  /* after the delivery date: refused by core, the message shown */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "2099-12-31 10:00");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                              "after the delivery date") != NULL, 5000);
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                           "after the delivery date"));

  /* "16:30": the day before, stored, the board reads it back */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "16:30");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump_until (!gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))) &&
                      !_jc_orders_page_is_loading (page), 5000);
  stored = cutoff_in_store (date);
  assert_string_equal (stored, expect);
  g_clear_pointer (&stored, g_free);
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "16:30") != NULL,
                      5000);
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "16:30"));

  /* the office default again */
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autofree char *shown = g_strdup_printf ("%s 16:30", before);

    /* the popover opens on the cutoff in force */
    assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page))),
                         shown);
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.reset-cutoff", NULL);
  jc_test_pump_until (!gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))) &&
                      !_jc_orders_page_is_loading (page), 5000);
  stored = cutoff_in_store (date);
  assert_string_equal (stored, office);
  jc_test_close_window (window);

  /* the popover in Chinese, for a person to look at */
  jc_test_set_language ("zh_CN");
  window = open_page (date, &page);
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page)), "orders-cutoff-zh_CN");
  jc_test_close_window (window);
  jc_test_set_language ("en");
}

/* ---- importing files ---------------------------------------------------------- */

static void
test_import (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  JcOrderImportDialog *dialog;
  const JcImportPlan *plan;
  const JcImportFile *good, *bad;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gboolean row_column = FALSE;

  jc_test_set_language ("en");
  write_import_files ();
  window = open_page (fx.date, &page);
  dialog = import (page, good_csv, bad_csv);
  plan = _jc_order_import_dialog_get_plan (dialog);
  assert_non_null (plan);
  assert_int_equal (plan->files->len, 2);
  good = plan->files->pdata[0];
  bad = plan->files->pdata[1];
  assert_int_equal (good->state, JC_IMPORT_FILE_READY);
  assert_int_equal (bad->state, JC_IMPORT_FILE_INVALID);
  assert_true (bad->n_errors >= 3);
  for (guint i = 0; i < bad->errors->len; i++)
    {
      JcFormMessage *m = bad->errors->pdata[i];

      if (m->row == 3 && m->column != NULL)
        row_column = TRUE;
    }
  assert_true (row_column);
  /* CT03's order is locked (test_locked_amendment): the import is an
   * amendment, and waits for its reason. */
  assert_false (gtk_widget_get_sensitive (_jc_order_import_dialog_get_import_button (dialog)));
  gtk_editable_set_text (_jc_order_import_dialog_get_reason (dialog), "Revised order by e-mail");
  jc_test_pump (20);
  assert_true (gtk_widget_get_sensitive (_jc_order_import_dialog_get_import_button (dialog)));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-import-en");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL);
  jc_test_pump_until (_jc_orders_page_get_import_dialog (page) == NULL, 10000);
  assert_null (_jc_orders_page_get_import_dialog (page));

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT03", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->lines->len, 3);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_close_window (window);
}

/* ---- a late order after the plan's lock ------------------------------------ */

/* The board marks an order accepted after the plan was locked as not in
 * the plan, and a declined one as declined. */
static void
test_not_in_plan (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcItem) item = NULL;
  g_autoptr(GError) error = NULL;
  JcOrderLine *line = jc_order_line_new ();

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  assert_true (jc_plan_lock (store, fx.late_date, 7, "planner", &error));
  assert_no_error (error);
  order = jc_store_get_order (store, "CT03", fx.late_date, &error);
  assert_no_error (error);
  item = jc_store_get_item (store, "V007", &error);
  assert_no_error (error);
  line->item_id = item->id;
  line->item_code = g_strdup (item->code);
  line->qty_milli = line->unit_qty_milli = 4000;
  g_ptr_array_add (order->lines, line);
  assert_true (jc_orders_save (store, order, JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE,
                                    "planner", "电话补报", NULL, &error));
  assert_no_error (error);

  jc_test_set_language ("en");
  window = open_page (fx.late_date, &page);
  assert_non_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Not in plan"));
  jc_test_screenshot (GTK_WIDGET (window), "orders-not-in-plan-en");
  jc_test_close_window (window);

  assert_true (jc_orders_decline (store, fx.late_date, "CT03", "planner", "车辆已满", &error));
  assert_no_error (error);
  window = open_page (fx.late_date, &page);
  assert_non_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Declined"));
  assert_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Not in plan"));
  jc_test_close_window (window);
}

/* ---- the order form's file chooser --------------------------------------- */

/* Saving a canteen's order form offers both forms it can be written in:
 * the XLSX workbook first (the name suggested ends in .xlsx) and CSV. */
static void
test_save_form_filters (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  GtkWindow *chooser;
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) xlsx = NULL;
  g_autoptr(GtkFileFilter) csv = NULL;
  g_autofree char *name = NULL;

  jc_test_set_language ("en");
  window = open_page (fx.date, &page);
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "orders.save-template", NULL));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  assert_ptr_equal (gtk_window_get_transient_for (chooser), window);
  assert_true (g_str_has_prefix (gtk_window_get_title (chooser), "Save the Order Form of "));
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  assert_true (g_str_has_prefix (name, "order-form-"));
  assert_true (g_str_has_suffix (name, ".xlsx"));
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  assert_int_equal (g_list_model_get_n_items (filters), 2);
  xlsx = g_list_model_get_item (filters, 0);
  csv = g_list_model_get_item (filters, 1);
  assert_string_equal (gtk_file_filter_get_name (xlsx), "Excel workbook (XLSX)");
  assert_string_equal (gtk_file_filter_get_name (csv), "CSV");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
  assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  jc_test_close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate. */
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_keyboard_entry),
    cmocka_unit_test (test_late_submit),
    cmocka_unit_test (test_cutoff_override),
    cmocka_unit_test (test_locked_amendment),
    cmocka_unit_test (test_import),
    cmocka_unit_test (test_not_in_plan),
    cmocka_unit_test (test_save_form_filters),
  };
  int ret;

  jc_test_ui_init ();
  ret = cmocka_run_group_tests (tests, setup, teardown);
  g_free (good_csv);
  g_free (bad_csv);
  return ret;
}

