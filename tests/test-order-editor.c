/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The order editor as a clerk uses it, on real widgets under Xvfb: a
 * phoned-in order typed with the keyboard only (pinyin initials, Enter,
 * quantity, Tab, unit, Enter — a wrong quantity, an item entered again, a
 * line deleted), submitted with Ctrl+Enter and read back from the
 * database; a late submission with unusual quantities after the cutoff;
 * an amendment to a locked order.  These tests run in the orders page's
 * test process (main() in test-orders-page.c), on the database of
 * test-orders-page-fixture.c. */
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

/* ---- a phoned-in order, keyboard only ------------------------------------ */

void
test_keyboard_entry (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  GtkWidget *board;
  GtkEntry *item_entry, *qty_entry, *note_entry;
  GtkDropDown *unit;
  GtkPopover *completion;
  GtkLabel *error_label;
  GListModel *lines;
  const JcOrderLine *line;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  jc_test_set_language ("en");
  window = open_page (fx.date, &page);
  assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (page)), 3);
  assert_string_equal (gtk_label_get_text (_jc_orders_page_get_count_label (page)),
                       "1 of 3 submitted");
  assert_contains (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "left");

  /* The board: focus it; Alt+Right and Alt+Left step a day; Down, Up,
   * Enter on CT01. */
  board = _jc_orders_page_get_board_view (page);
  gtk_widget_grab_focus (board);
  jc_test_pump (20);
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK));
  assert_string_not_equal (jc_orders_page_get_date (page), fx.date);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  /* The board of the next day came in; the keyboard is still on it. */
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  assert_string_equal (jc_orders_page_get_date (page), fx.date);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Down, 0));
  assert_int_equal (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (_jc_orders_page_get_board (page))), 1);
  assert_true (press (window, GDK_KEY_Up, 0));
  assert_int_equal (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (_jc_orders_page_get_board (page))), 0);
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (_jc_orders_page_is_editing (page));
  editor = wait_for_editor (window, page);
  assert_string_equal (jc_order_editor_get_canteen (editor), "CT01");

  item_entry = _jc_order_editor_get_item_entry (editor);
  qty_entry = _jc_order_editor_get_qty_entry (editor);
  note_entry = _jc_order_editor_get_note_entry (editor);
  unit = _jc_order_editor_get_unit_dropdown (editor);
  completion = _jc_order_editor_get_completion_popover (editor);
  error_label = _jc_order_editor_get_error_label (editor);
  lines = _jc_order_editor_get_lines (editor);
  assert_true (focus_is_in (window, item_entry));
  assert_int_equal (g_list_model_get_n_items (lines), 0);

  /* 1. dbc → 大白菜 first; Enter; 30; Tab; j → 斤; Enter. */
  type_text (window, "dbc");
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_get_visible (GTK_WIDGET (completion)));
  assert_string_equal (completion_name (editor, 0), "大白菜");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (completion)));
  assert_true (focus_is_in (window, qty_entry));
  type_text (window, "30");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (focus_is_in (window, unit));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "kg");
  assert_true (press (window, GDK_KEY_j, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "斤");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 1);
  line = line_of_item (editor, "V001");
  assert_non_null (line);
  assert_int_equal (line->qty_milli, 15000);
  assert_string_equal (line->unit, "斤");
  assert_true (focus_is_in (window, item_entry));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), "");

  /* 2. xbc Enter 12.5 Enter: the base unit, kg. */
  type_text (window, "xbc");
  assert_string_equal (completion_name (editor, 0), "小白菜");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "12.5");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 2);
  assert_int_equal (line_of_item (editor, "V002")->qty_milli, 12500);

  /* 3. 大 lists several items; Down picks the second; a note after two Tabs. */
  type_text (window, "大");
  assert_true (g_list_model_get_n_items (_jc_order_editor_get_completion (editor)) >= 3);
  second = g_strdup (completion_name (editor, 1));
  jc_test_settle (GTK_WIDGET (completion));
  jc_test_screenshot (GTK_WIDGET (completion), "orders-completion-en");
  assert_true (press (window, GDK_KEY_Down, 0));
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), second);
  type_text (window, "2");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (focus_is_in (window, note_entry));
  type_text (window, "要新鲜");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);

  /* 4. A bad quantity: the error under the row names the field, nothing added. */
  type_text (window, "td");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "-1");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_contains (gtk_label_get_text (error_label), "quantity");
  assert_contains (gtk_label_get_text (error_label), "-1");
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (qty_entry), "error"));
  assert_true (focus_is_in (window, qty_entry));
  jc_test_settle (GTK_WIDGET (window));
  type_text (window, "20");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 4);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_int_equal (line_of_item (editor, "V004")->qty_milli, 20000);

  /* 5. Eggs by weight: 3 kg of 50 g eggs are 60 pieces. */
  type_text (window, "jd");
  assert_string_equal (completion_name (editor, 0), "鸡蛋");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "3");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "个");
  assert_true (press (window, GDK_KEY_k, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "kg");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (line_of_item (editor, "M002")->qty_milli, 60000);

  /* 6. 大白菜 again: its line comes back into the row; 40 斤 replaces 30 斤. */
  type_text (window, "dbc");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (qty_entry)), "30");
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "斤");
  type_text (window, "40");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_int_equal (line_of_item (editor, "V001")->qty_milli, 20000);

  /* 7. 芹菜 by its code, then Delete takes it off again. */
  type_text (window, "V011");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "5");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 6);
  assert_non_null (line_of_item (editor, "V011"));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    if (g_str_equal (_jc_order_editor_get_line (editor, i, NULL)->item_code, "V011"))
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (lines), i);
  gtk_widget_grab_focus (_jc_order_editor_get_lines_view (editor));
  assert_true (press (window, GDK_KEY_Delete, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_null (line_of_item (editor, "V011"));
  assert_true (jc_order_editor_get_modified (editor));

  /* 8. Shift+Tab from the item entry reaches the lines; Down to 小白菜;
   * Enter brings it into the entry row: 13 kg instead of 12.5. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  /* GtkWindow binds Shift+Tab as Tab with Shift (GTK matches the
   * ISO_Left_Tab an X server sends to it by keycode). */
  assert_true (press (window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  assert_true (focus_is_in (window, _jc_order_editor_get_lines_view (editor)));
  assert_true (press (window, GDK_KEY_Home, 0));
  for (guint i = 0; i < 6; i++)
    {
      guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (lines));

      if (selected != GTK_INVALID_LIST_POSITION &&
          g_str_equal (_jc_order_editor_get_line (editor, selected, NULL)->item_code, "V002"))
        break;
      assert_true (press (window, GDK_KEY_Down, 0));
    }
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (focus_is_in (window, qty_entry));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), "小白菜");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (qty_entry)), "12.5");
  type_text (window, "13");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_int_equal (line_of_item (editor, "V002")->qty_milli, 13000);

  /* Ready to submit: a look at it, with the next item half typed. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  type_text (window, "hg");
  jc_test_settle (GTK_WIDGET (window));
  assert_contains (gtk_label_get_text (_jc_order_editor_get_totals_label (editor)), "5 lines");
  jc_test_screenshot (GTK_WIDGET (window), "orders-editor-en");
  type_text (window, "");

  /* Ctrl+Enter submits. */
  assert_true (press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
  jc_test_pump_until (_jc_order_editor_is_ready (editor) &&
              _jc_order_editor_get_status (editor) == JC_ORDER_SUBMITTED, 10000);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_SUBMITTED);
  assert_false (jc_order_editor_get_modified (editor));
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* In the database, as another connection reads it: exactly the typed lines. */
  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT01", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_SUBMITTED);
  assert_int_equal (order->lines->len, 5);
  {
    static const struct { const char *code; gint64 qty; gint64 unit_qty; const char *unit; } want[] = {
      { "M002", 60000, 3000, "kg" },
      { "V001", 20000, 40000, "斤" },
      { "V002", 13000, 13000, "kg" },
      { "V004", 20000, 20000, "kg" },
    };
    guint found = 0;

    for (guint i = 0; i < order->lines->len; i++)
      {
        JcOrderLine *l = order->lines->pdata[i];

        for (guint k = 0; k < G_N_ELEMENTS (want); k++)
          if (g_str_equal (l->item_code, want[k].code))
            {
              assert_int_equal (l->qty_milli, want[k].qty);
              assert_int_equal (l->unit_qty_milli, want[k].unit_qty);
              assert_string_equal (l->unit, want[k].unit);
              found++;
            }
        if (g_str_equal (l->item_name, second))
          {
            assert_int_equal (l->qty_milli, 2000);
            assert_string_equal (l->note, "要新鲜");
          }
      }
    assert_int_equal (found, G_N_ELEMENTS (want));
  }

  /* Escape: back to the board, which shows the submission. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  assert_true (press (window, GDK_KEY_Escape, 0));
  assert_false (_jc_orders_page_is_editing (page));
  jc_test_pump_until (!_jc_orders_page_is_loading (page) && _jc_orders_page_is_settled (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (gtk_label_get_text (_jc_orders_page_get_count_label (page)),
                       "2 of 3 submitted");
  jc_test_screenshot (GTK_WIDGET (window), "orders-board-en");
  jc_test_close_window (window);
}

/* ---- after the cutoff ------------------------------------------------------ */

static void
count_saved_cb (guint *n)
{
  (*n)++;
}

void
test_late_submit (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  AdwMessageDialog *dialog;
  GListModel *lines;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean spike = FALSE;
  gboolean saw_late = FALSE;
  g_autoptr(GtkEditable) reason_entry = NULL;
  guint n_saved = 0;
  guint n_submits = 0;

  jc_test_set_language ("en");
  window = open_page (fx.late_date, &page);
  assert_contains (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "Cutoff passed");
  jc_orders_page_open_order (page, "CT02");
  editor = wait_for_editor (window, page);
  lines = _jc_order_editor_get_lines (editor);

  /* Ctrl+Shift+C: last week's draft of CT02, two lines. */
  assert_true (press (window, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  jc_test_pump_until (g_list_model_get_n_items (lines) == 2 && _jc_order_editor_is_ready (editor), 10000);
  assert_int_equal (g_list_model_get_n_items (lines), 2);
  assert_non_null (line_of_item (editor, "V007"));

  /* 150 kg of 大白菜: fifteen times the usual 10 kg. */
  gtk_widget_grab_focus (GTK_WIDGET (_jc_order_editor_get_item_entry (editor)));
  type_text (window, "dbc");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "150");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);
  /* The flag comes once the typing pauses. */
  jc_test_pump_until ((_jc_order_editor_get_line (editor, 2, &spike), spike), 5000);
  assert_true (spike);

  /* Submit: first the unusual quantity, then the cutoff. */
  assert_true (press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
  dialog = jc_test_wait_for_dialog ();
  assert_contains (adw_message_dialog_get_body (dialog), "大白菜");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-spikes-en");
  jc_test_respond (dialog, "submit");
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog), "Accept a Late Amendment?");
  assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Canteen phoned at 15:10, visitors tomorrow");
  assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-late-en");
  /* Enter in the reason: the dialog closes at once and the order is
   * submitted once; a second Enter (a held-down key) sends nothing more. */
  reason_entry = g_object_ref (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)));
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_saved_cb), &n_saved);
  jc_test_enter (reason_entry);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  jc_test_enter (reason_entry);
  jc_test_pump_until (_jc_order_editor_is_ready (editor) &&
              _jc_order_editor_get_status (editor) == JC_ORDER_SUBMITTED, 10000);
  jc_test_pump (300);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_SUBMITTED);
  assert_int_equal (n_saved, 1);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_signal_handlers_disconnect_by_data (editor, &n_saved);

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT02", fx.late_date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_SUBMITTED);
  assert_true (order->late);
  assert_int_equal (order->lines->len, 3);
  history = jc_store_order_history (check, order->id, &error);
  assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      JcAuditEntry *e = history->pdata[i];

      if (g_str_equal (e->action, "submit"))
        n_submits++;
      if (g_str_equal (e->action, "late"))
        {
          saw_late = TRUE;
          assert_string_equal (e->reason, "Canteen phoned at 15:10, visitors tomorrow");
        }
    }
  assert_true (saw_late);
  assert_int_equal (n_submits, 1);

  /* Ctrl+H: the history pane, newest first. */
  assert_true (press (window, GDK_KEY_h, GDK_CONTROL_MASK));
  jc_test_pump_until (g_list_model_get_n_items (_jc_order_editor_get_history (editor)) == history->len,
              5000);
  assert_int_equal (g_list_model_get_n_items (_jc_order_editor_get_history (editor)), history->len);
  jc_test_pump (600);  /* the pane slides in */
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "orders-history-en");
  jc_test_close_window (window);
}

/* ---- a locked order ---------------------------------------------------------- */

void
test_locked_amendment (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_amend = FALSE;
  guint n_locked = 0;

  /* Procurement locks the day's submitted orders for the purchase plan. */
  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  assert_true (jc_store_lock_orders (store, fx.date, TRUE, "planner", NULL, &n_locked, &error));
  assert_no_error (error);
  assert_int_equal (n_locked, 2);

  jc_test_set_language ("en");
  window = open_page (fx.date, &page);
  jc_orders_page_open_order (page, "CT01");
  editor = wait_for_editor (window, page);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_LOCKED);

  /* 2 kg of 黄瓜 more, Ctrl+S: an amendment, with a reason. */
  type_text (window, "hg");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "2");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (press (window, GDK_KEY_s, GDK_CONTROL_MASK));
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog), "Amend a Locked Order?");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Kitchen asked for cucumbers");
  jc_test_respond (dialog, "accept");
  jc_test_pump_until (_jc_order_editor_is_ready (editor) && !jc_order_editor_get_modified (editor), 10000);
  assert_false (jc_order_editor_get_modified (editor));

  order = jc_store_get_order (store, "CT01", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_LOCKED);
  assert_int_equal (order->lines->len, 6);
  history = jc_store_order_history (store, order->id, &error);
  assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      JcAuditEntry *e = history->pdata[i];

      if (g_str_equal (e->action, "amend"))
        {
          saw_amend = TRUE;
          assert_string_equal (e->item_code, "V008");
          assert_string_equal (e->reason, "Kitchen asked for cucumbers");
        }
    }
  assert_true (saw_amend);
  jc_test_close_window (window);
}
