/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The plan page's recording of what was bought, on real widgets under Xvfb:
 * typing line after line with the keyboard alone, the late orders of a
 * locked plan (buy as supplementary, decline), the values typed and saved
 * when the window closes, and the reason dialogs.  The fixture and helpers
 * are test-plan-page.c's (test-plan-page.h); this file is linked into the
 * same test. */

#include "config.h"

#include "test-plan-page.h"

static gboolean
focus_in (GtkWindow  *window,
          GtkEditable *entry)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));
}

static const JcPlanLine *
stored_line (const char *code)
{
  static JcPlan *plan;

  g_clear_pointer (&plan, jc_plan_free);
  plan = load_plan (DATE3);
  return jc_plan_find_line (plan, code);
}

/* Issue 11 item 7: typing line after line, keyboard only, loses nothing. */
void
test_recording (void **state)
{
  g_autoptr(JcPlan) plan = load_plan (DATE3);
  const char *codes[5];
  JcPlanPage *page;
  GtkWindow *window;
  GtkEditable *qty, *price;
  GtkWidget *error;

  jc_test_set_language ("en");
  assert_int_equal (plan->status, JC_PLAN_LOCKED);
  assert_int_equal (plan->lines->len, 5);
  for (guint i = 0; i < 5; i++)
    codes[i] = ((JcPlanLine *) plan->lines->pdata[i])->item_code;
  window = open_page (DATE3, &page);
  qty = _jc_plan_page_get_qty_entry (page);
  price = _jc_plan_page_get_price_entry (page);
  error = GTK_WIDGET (_jc_plan_page_get_label (page, "actual-error"));

  /* Type a quantity and a price, click another line: they are saved. */
  assert_true (_jc_plan_page_select_item (page, codes[0]));
  jc_test_pump (20);
  gtk_editable_set_text (qty, "12.5");
  gtk_editable_set_text (price, "1.3");
  assert_true (_jc_plan_page_select_item (page, codes[1]));
  wait_idle (page);
  assert_true (stored_line (codes[0])->has_actual);
  assert_int_equal (stored_line (codes[0])->actual_qty_milli, 12500);
  assert_int_equal (stored_line (codes[0])->actual_price_milliyuan, 1300);
  /* the entries now belong to the line clicked */
  assert_contains (label_text (page, "drill-title"),
                   ((JcPlanLine *) plan->lines->pdata[1])->item_name);
  assert_string_equal (gtk_editable_get_text (qty), "");
  assert_string_equal (gtk_editable_get_text (price), "");
  /* and the line saved shows what was typed */
  {
    g_autofree char *cell = _jc_plan_page_dup_cell_text (page, codes[0],
                                                         JC_PLAN_COLUMN_ACTUAL_QTY, NULL);

    assert_string_equal (cell, "12.5");
  }

  /* Enter in the quantity goes to the price; Enter in the price saves and
   * goes to the quantity of the next line. */
  gtk_widget_grab_focus (GTK_WIDGET (qty));
  gtk_editable_set_text (qty, "3");
  jc_test_enter (qty);
  assert_true (focus_in (window, price));
  gtk_editable_set_text (price, "2.5");
  jc_test_enter (price);
  assert_true (focus_in (window, qty));
  assert_contains (label_text (page, "drill-title"),
                   ((JcPlanLine *) plan->lines->pdata[2])->item_name);
  /* typing on while the save runs and the plan is read again: kept */
  gtk_editable_set_text (qty, "7");
  wait_idle (page);
  assert_int_equal (stored_line (codes[1])->actual_qty_milli, 3000);
  assert_int_equal (stored_line (codes[1])->actual_price_milliyuan, 2500);
  assert_string_equal (gtk_editable_get_text (qty), "7");
  assert_contains (label_text (page, "drill-title"),
                   ((JcPlanLine *) plan->lines->pdata[2])->item_name);
  assert_true (focus_in (window, qty));

  /* An error goes away as soon as the value is fixed. */
  gtk_editable_set_text (qty, "7 kg");
  gtk_editable_set_text (price, "4");
  jc_test_enter (price);
  assert_true (gtk_widget_get_visible (error));
  assert_contains (gtk_label_get_text (GTK_LABEL (error)), "Actual quantity");
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (qty), "error"));
  gtk_editable_set_text (qty, "7 k");    /* still wrong: the error stays */
  assert_true (gtk_widget_get_visible (error));
  gtk_editable_set_text (qty, "7");
  assert_false (gtk_widget_get_visible (error));
  assert_false (gtk_widget_has_css_class (GTK_WIDGET (qty), "error"));
  gtk_editable_set_text (price, "0");
  jc_test_enter (price);
  assert_contains (gtk_label_get_text (GTK_LABEL (error)), "Actual price");
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (price), "error"));
  gtk_editable_set_text (price, "4.0000000001");
  assert_true (gtk_widget_get_visible (error));
  gtk_editable_set_text (price, "4.000000001");
  assert_false (gtk_widget_get_visible (error));
  assert_false (gtk_widget_has_css_class (GTK_WIDGET (price), "error"));

  /* Values that cannot be saved keep their line: clicking away brings the
   * selection back, with the error, and nothing is stored. */
  gtk_editable_set_text (qty, "lots");
  assert_true (_jc_plan_page_select_item (page, codes[4]));
  jc_test_pump (20);
  assert_contains (label_text (page, "drill-title"),
                   ((JcPlanLine *) plan->lines->pdata[2])->item_name);
  assert_string_equal (gtk_editable_get_text (qty), "lots");
  assert_true (gtk_widget_get_visible (error));
  assert_false (stored_line (codes[2])->has_actual);
  gtk_editable_set_text (qty, "7.0005");
  assert_false (gtk_widget_get_visible (error));
  jc_test_enter (price);
  wait_idle (page);
  /* 7.0005 rounds once, half up, to 7.001 */
  assert_int_equal (stored_line (codes[2])->actual_qty_milli, 7001);
  assert_int_equal (stored_line (codes[2])->actual_price_milliyuan, 4000);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-recording-en");

  /* A recorded purchase is removed for a reason, on a worker. */
  assert_true (_jc_plan_page_select_item (page, codes[0]));
  wait_idle (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "plan.remove-purchase", NULL);
  jc_test_pump_until (_jc_plan_page_get_remove_dialog (page) != NULL, 5000);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (_jc_plan_page_get_remove_dialog (page));
    GtkWidget *entry;

    assert_non_null (dialog);
    assert_contains (adw_message_dialog_get_body (dialog), "12.5");
    assert_false (adw_message_dialog_get_response_enabled (dialog, "remove"));
    entry = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (entry), "记错了行");
    assert_true (adw_message_dialog_get_response_enabled (dialog, "remove"));
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "plan-remove-purchase-en");
    jc_test_respond (dialog, "remove");
  }
  wait_idle (page);
  jc_test_pump_until (!jc_plan_find_line ((JcPlan *) _jc_plan_page_get_plan (page),
                                          codes[0])->has_actual, 10000);
  assert_false (stored_line (codes[0])->has_actual);
  assert_true (stored_line (codes[1])->has_actual);
  assert_string_equal (gtk_editable_get_text (qty), "");

  /* Going to another day saves what was typed, for the day left. */
  assert_true (_jc_plan_page_select_item (page, codes[3]));
  jc_test_pump (20);
  gtk_editable_set_text (qty, "1");
  gtk_editable_set_text (price, "2");
  jc_plan_page_set_date (page, DATE2);
  wait_idle (page);
  jc_test_pump_until (!_jc_plan_page_is_busy (page) && stored_line (codes[3])->has_actual, 10000);
  assert_int_equal (stored_line (codes[3])->actual_qty_milli, 1000);
  assert_int_equal (stored_line (codes[3])->actual_price_milliyuan, 2000);
  assert_string_equal (jc_plan_page_get_date (page), DATE2);
  jc_test_close_window (window);
}

/* Late orders of a locked plan: the banner names them, with the actions
 * to buy one as a supplementary purchase and to decline one with a reason
 * (Enter in the reason closes the dialog). */
void
test_late_orders (void **state)
{
  JcPlanPage *page;
  GtkWindow *window;
  GtkWidget *bar;
  AdwMessageDialog *dialog;
  g_autoptr(GtkEditable) entry = NULL;

  jc_test_set_language ("en");
  window = open_page (DATE2, &page);
  bar = _jc_plan_page_get_late_bar (page);
  assert_false (gtk_widget_get_visible (bar));
  dialog = click_lock_expecting_question (page);
  jc_test_respond (dialog, "lock");
  wait_idle_page (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page)->status == JC_PLAN_LOCKED, 10000);
  assert_false (gtk_widget_get_visible (bar));

  submit_late (DATE2, "CT02", "V002", 5000);
  submit_late (DATE2, "CT03", "M001", 2000);
  reload (page);
  assert_true (gtk_widget_get_visible (bar));
  assert_non_null (jc_test_find_label (bar, "2 late orders are not in the locked plan: they are "
                                            "neither bought nor delivered until you buy each as "
                                            "a supplementary purchase, decline it, or reopen the "
                                            "plan."));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-late-en");

  /* Buy as Supplementary asks first, naming the canteen, the lines and
   * their cost at the plan's prices; Cancel buys nothing */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.supplement", "s", "CT02"));
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog),
                       "Buy the Late Order of 市政大厦机关食堂 (CT02) as Supplementary?");
  assert_non_null (strstr (adw_message_dialog_get_body (dialog), "1 line is bought for "));
  assert_non_null (strstr (adw_message_dialog_get_body (dialog), "at the plan's prices: ¥31.50"));
  assert_true (adw_message_dialog_has_response (dialog, "supplement"));
  assert_string_equal (adw_message_dialog_get_response_label (dialog, "supplement"),
                       "_Buy as Supplementary");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "plan-supplement-ask-en");
  jc_test_respond (dialog, "cancel");
  wait_idle_page (page);
  {
    g_autoptr(JcPlan) p = load_plan (DATE2);

    assert_int_equal (p->n_supplements, 0);
  }
  assert_true (gtk_widget_get_visible (bar));

  /* CT02 bought as a supplementary purchase: 5 kg × 1.05 loss at 6.00 元 */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.supplement", "s", "CT02"));
  dialog = jc_test_wait_for_dialog ();
  jc_test_respond (dialog, "supplement");
  wait_idle_page (page);
  {
    g_autoptr(JcPlan) p = load_plan (DATE2);
    const JcPlanLine *sup = p->lines->pdata[p->lines->len - 1];

    assert_int_equal (p->n_supplements, 1);
    assert_string_equal (sup->item_code, "V002");
    assert_int_equal (sup->purchase_milli, 5250);
    assert_int_equal (sup->cost_fen, 3150);
  }
  assert_int_equal (_jc_plan_page_get_plan (page)->n_supplements, 1);
  assert_non_null (jc_test_find_label (bar, "1 late order is not in the locked plan: it is "
                                            "neither bought nor delivered until you buy it as a "
                                            "supplementary purchase, decline it, or reopen the "
                                            "plan."));

  /* CT03 declined: Enter in the reason answers, and the dialog is gone */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.decline", "s", "CT03"));
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog), "Decline the Late Order of CT03?");
  entry = g_object_ref (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)));
  gtk_editable_set_text (entry, "Vehicles are full");
  jc_test_enter (entry);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  wait_idle_page (page);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT03", DATE2, &error);

    assert_int_equal (o->after_lock, JC_ORDER_AFTER_LOCK_DECLINED);
    assert_string_equal (o->decline_reason, "Vehicles are full");
  }
  assert_false (gtk_widget_get_visible (bar));
  jc_test_close_window (window);
}

/* Values typed and the window closed right away (no Enter, no other
 * line): the close waits for the save, then the window goes.  A wrong
 * value holds the close with a question. */
void
test_close_saves (void **state)
{
  g_autoptr(JcPlan) plan = load_plan (DATE3);
  const JcPlanLine *line = plan->lines->pdata[4];
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  JcPlanPage *page;
  GtkWindow *window;
  GtkEditable *qty, *price;

  jc_test_set_language ("en");
  window = open_page (DATE3, &page);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  qty = _jc_plan_page_get_qty_entry (page);
  price = _jc_plan_page_get_price_entry (page);
  assert_true (_jc_plan_page_select_item (page, line->item_code));
  jc_test_pump (20);

  /* wrong: the window stays, and says why */
  gtk_editable_set_text (qty, "lots");
  gtk_editable_set_text (price, "2.2");
  gtk_window_close (window);
  dialog = jc_test_wait_for_dialog ();
  heading = g_strdup_printf ("The Purchase of %s Is Not Saved", line->item_name);
  assert_string_equal (adw_message_dialog_get_heading (dialog), heading);
  assert_contains (adw_message_dialog_get_body (dialog), "Actual quantity");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "plan-close-unsaved-en");
  jc_test_respond (dialog, "keep");
  assert_non_null (window);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  assert_false (stored_line (line->item_code)->has_actual);

  /* fixed and closed at once: saved on the worker, then the window closes */
  gtk_editable_set_text (qty, "9.5");
  gtk_window_close (window);
  assert_non_null (window);
  jc_test_pump_until (window == NULL, 10000);
  assert_null (window);
  assert_true (stored_line (line->item_code)->has_actual);
  assert_int_equal (stored_line (line->item_code)->actual_qty_milli, 9500);
  assert_int_equal (stored_line (line->item_code)->actual_price_milliyuan, 2200);
}

static void
count_reason (AdwMessageDialog *dialog,
              const char       *reason,
              gpointer          owner)
{
  GPtrArray *answers = g_object_get_data (G_OBJECT (owner), "answers");

  g_ptr_array_add (answers, g_strdup (reason));
}

/* The plan page's reason dialogs (unlock, reopen, decline, remove a
 * purchase) are one: the answer is disabled while the reason is blank,
 * Enter answers once with the reason trimmed and closes the dialog;
 * Cancel answers nothing. */
void
test_reason_dialog (void **state)
{
  GtkWindow *window = jc_test_present (gtk_label_new ("owner"), 400, 300);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  jc_test_set_language ("en");
  g_object_set_data (G_OBJECT (window), "answers", answers);
  dialog = jc_ui_ask_reason (gtk_window_get_child (window), "Unlock the Plan?", "Say why.",
                             "Reason", "unlock", "_Unlock", count_reason, window);
  jc_test_pump (20);
  assert_ptr_equal (jc_test_wait_for_dialog (), dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  assert_false (adw_message_dialog_get_response_enabled (dialog, "unlock"));
  gtk_editable_set_text (entry, "   ");
  assert_false (adw_message_dialog_get_response_enabled (dialog, "unlock"));
  jc_test_enter (entry);
  assert_int_equal (answers->len, 0);
  assert_ptr_equal (jc_test_wait_for_dialog (), dialog);
  gtk_editable_set_text (entry, "  价格录错  ");
  assert_true (adw_message_dialog_get_response_enabled (dialog, "unlock"));
  g_object_ref (entry);
  jc_test_enter (entry);
  jc_test_enter (entry);      /* again, on a closed dialog: nothing more */
  g_object_unref (entry);
  jc_test_pump (50);
  assert_int_equal (answers->len, 1);
  assert_string_equal (g_ptr_array_index (answers, 0), "价格录错");
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Cancel: no answer */
  dialog = jc_ui_ask_reason (gtk_window_get_child (window), "Decline?", "Say why.", "Reason",
                             "decline", "_Decline", count_reason, window);
  jc_test_pump (20);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "x");
  jc_test_respond (dialog, "cancel");
  assert_int_equal (answers->len, 1);
  jc_test_close_window (window);
}
