/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page-actions.c: the plan page's actions — lock (asking when
 * canteens are not in), unlock, the late orders (buy as supplementary,
 * decline) and their banner, removing a recorded purchase, the purchase
 * order's export, print and preview, the statements, the day's steps.
 * Every database call goes to a worker of jc-plan-tasks.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-plan-doc.h"
#include "jc-plan-page-private.h"
#include "jc-plan-tasks.h"
#include "jc-print-operation.h"
#include "jc-save-file.h"
#include "jc-statements-dialog.h"
#include "jc-ui-util.h"

/* ---- lock, unlock -------------------------------------------------------------- */

/* The end of a lock, an unlock, a settled late order or a removed purchase on
 * the worker: the page is idle again and shows the error under
 * `heading`, or `toast` and the plan read again. */
static void
finish_work (JcPlanPage   *self,
             GAsyncResult *result,
             const char   *heading,
             const char   *toast)
{
  g_autoptr(GError) error = NULL;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  _jc_plan_page_set_busy (self);
  if (error != NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }
  jc_ui_toast (GTK_WIDGET (self), toast);
  _jc_plan_page_load_plan (self);
}

static void
on_lock_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Lock the Plan"),
               _("Plan locked: the orders of the day are frozen"));
}

static void
start_lock (JcPlanPage *self)
{
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_lock (self->store, self->date, g_get_user_name (),
                     _jc_plan_page_work_cancellable (self),
                     on_lock_done, g_object_ref (self));
}

static void
on_lock_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JcPlanPage       *self)
{
  if (g_str_equal (response, "lock") && self->db_path != NULL && !self->working)
    start_lock (self);
}

/* "A, B, C and 4 more": at most `shown` names of the canteens. */
static char *
format_canteen_names (GPtrArray *rows,
                      guint      shown)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = MIN (rows->len, shown);

  for (guint i = 0; i < n; i++)
    {
      JcBoardRow *r = rows->pdata[i];

      if (i > 0)
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, r->canteen_name);
    }
  if (rows->len > n)
    /* TRANSLATORS: after a list of canteen names: "and 4 more" */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more", rows->len - n),
                            rows->len - n);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
ask_lock (JcPlanPage *self,
          GPtrArray  *missing)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *names = format_canteen_names (missing, 6);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (ngettext ("%u Canteen Is Not In", "%u Canteens Are Not In",
                                       missing->len), missing->len);
  /* TRANSLATORS: %s the canteens' names ("A, B and 3 more"), %s the delivery date */
  body = g_strdup_printf (_("%s have no submitted order for %s (a draft or none). Lock the plan "
                            "without them? An order they submit later is a late order, outside "
                            "the locked plan until you settle it."), names, date);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "lock", _("_Lock Without Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lock",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_lock_response_cb), self, 0);
  g_set_weak_pointer (&self->lock_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_lock_check_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlanLate) late = jc_plan_task_late_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  _jc_plan_page_set_busy (self);
  if (late == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Lock the Plan"), error->message);
      return;
    }
  if (late->missing->len > 0)
    ask_lock (self, late->missing);
  else
    start_lock (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  /* Who is not in, read afresh: the lock asks first when anyone is missing. */
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_late (self->store, self->date, _jc_plan_page_work_cancellable (self),
                     on_lock_check_done, g_object_ref (self));
}

/* ---- late orders: supplementary purchase, decline ---------------------------- */

static void
on_settle_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Settle the Late Order"),
               _("Late order settled"));
}

static void
on_supplement_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           JcPlanPage       *self)
{
  const char *canteen = g_object_get_data (G_OBJECT (dialog), "canteen");

  if (!g_str_equal (response, "supplement") || self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_supplement (self->store, self->date, canteen, g_get_user_name (),
                           _jc_plan_page_work_cancellable (self), on_settle_done,
                           g_object_ref (self));
}

/* What would be bought is known: ask, naming the canteen, the lines and
 * their cost at the plan's prices. */
static void
on_supplement_preview_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlanSupplementPreview) preview = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *money = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root;
  GtkWidget *dialog;

  preview = jc_plan_task_supplement_preview_finish (result, &error);
  if (preview == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  _jc_plan_page_set_busy (self);
  if (preview == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Settle the Late Order"), error->message);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  date = jc_date_bar_format_date (self->date);
  money = jc_order_format_money (preview->cost_fen);
  /* TRANSLATORS: %s the canteen's name, then its code */
  heading = g_strdup_printf (_("Buy the Late Order of %s (%s) as Supplementary?"),
                             preview->canteen_name, preview->canteen_code);
  /* TRANSLATORS: the number of lines, the delivery date, the cost */
  g_string_append_printf (body, ngettext ("%u line is bought for %s at the plan's prices: %s, "
                                          "charged to this canteen alone.",
                                          "%u lines are bought for %s at the plan's prices: %s, "
                                          "charged to this canteen alone.", preview->n_lines),
                          preview->n_lines, date, money);
  if (preview->n_no_price > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, ngettext ("%u of them has no price and is not in that cost.",
                                              "%u of them have no price and are not in that cost.",
                                              preview->n_no_price), preview->n_no_price);
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "supplement", _("_Buy as Supplementary"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "supplement",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "supplement");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "canteen", g_strdup (preview->canteen_code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_supplement_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
supplement_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  if (self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_supplement_preview (self->store, self->date,
                                   g_variant_get_string (parameter, NULL),
                                   _jc_plan_page_work_cancellable (self),
                                   on_supplement_preview_done, g_object_ref (self));
}

static void
on_decline_reason_cb (AdwMessageDialog *dialog,
                      const char       *reason,
                      gpointer          owner)
{
  JcPlanPage *self = owner;
  const char *canteen = g_object_get_data (G_OBJECT (dialog), "canteen");

  if (self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_decline (self->store, self->date, canteen, g_get_user_name (), reason,
                        _jc_plan_page_work_cancellable (self), on_settle_done, g_object_ref (self));
}

static void
decline_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  const char *canteen = g_variant_get_string (parameter, NULL);
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  heading = g_strdup_printf (_("Decline the Late Order of %s?"), canteen);
  /* TRANSLATORS: %s the delivery date */
  body = g_strdup_printf (_("It is not delivered on %s and not charged. The canteen sees the "
                            "reason with its order."), date);
  dialog = jc_ui_ask_reason (widget, heading, body, _("Reason the canteen will see"), "decline",
                             _("_Decline"), on_decline_reason_cb, self);
  g_object_set_data_full (G_OBJECT (dialog), "canteen", g_strdup (canteen), g_free);
}

static GtkWidget *
late_button (const char *label,
             const char *action,
             const char *canteen)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (canteen != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                            g_variant_new_string (canteen));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* The banner of the late orders that are not in the locked plan: one row
 * each with its actions, and the plan's reopen. */
void
_jc_plan_page_update_late (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  GtkWidget *child;
  guint n = self->late != NULL ? self->late->pending->len : 0;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->late_list))) != NULL)
    gtk_box_remove (self->late_list, child);
  if (plan == NULL || plan->status != JC_PLAN_LOCKED || n == 0)
    {
      gtk_info_bar_set_revealed (self->late_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->late_bar), FALSE);
      return;
    }
  text = g_strdup_printf (ngettext ("%u late order is not in the locked plan: it is neither "
                                    "bought nor delivered until you buy it as a supplementary "
                                    "purchase, decline it, or reopen the plan.",
                                    "%u late orders are not in the locked plan: they are neither "
                                    "bought nor delivered until you buy each as a supplementary "
                                    "purchase, decline it, or reopen the plan.", n), n);
  gtk_label_set_text (self->late_label, text);
  for (guint i = 0; i < n; i++)
    {
      const JcOrder *o = self->late->pending->pdata[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label;
      g_autofree char *what = NULL;
      g_autofree char *when = NULL;

      if (o->updated_at != NULL && strlen (o->updated_at) >= 16)
        when = g_strndup (o->updated_at + 11, 5);
      /* TRANSLATORS: a late order: canteen code, number of lines, when (UTC HH:MM) */
      what = g_strdup_printf (ngettext ("%s · %u line · %s UTC", "%s · %u lines · %s UTC",
                                        o->lines->len),
                              o->canteen_code, o->lines->len, when ? when : "—");
      label = gtk_label_new (what);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), late_button (_("_Buy as Supplementary"), "plan.supplement",
                                                  o->canteen_code));
      gtk_box_append (GTK_BOX (row), late_button (_("_Decline…"), "plan.decline",
                                                  o->canteen_code));
      gtk_box_append (self->late_list, row);
    }
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_widget_set_halign (row, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (row), late_button (_("_Reopen the Plan…"), "plan.unlock", NULL));
    gtk_box_append (self->late_list, row);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->late_bar), TRUE);
  gtk_info_bar_set_revealed (self->late_bar, TRUE);
}

void
_jc_plan_page_build_late_bar (JcPlanPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->info_bar));

  self->late_bar = GTK_INFO_BAR (gtk_info_bar_new ());
  gtk_info_bar_set_message_type (self->late_bar, GTK_MESSAGE_WARNING);
  gtk_widget_add_css_class (GTK_WIDGET (self->late_bar), "late-orders");
  self->late_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->late_label, TRUE);
  gtk_label_set_wrap_mode (self->late_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->late_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->late_label), "heading");
  self->late_list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_list));
  gtk_widget_set_hexpand (box, TRUE);
  gtk_info_bar_add_child (self->late_bar, box);
  gtk_info_bar_set_revealed (self->late_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->late_bar), FALSE);
  gtk_widget_insert_after (GTK_WIDGET (self->late_bar), parent, GTK_WIDGET (self->info_bar));
}

static void
on_unlock_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Unlock the Plan"),
               _("Plan unlocked: the orders can change again"));
}

static void
on_unlock_reason_cb (AdwMessageDialog *dialog,
                     const char       *reason,
                     gpointer          owner)
{
  JcPlanPage *self = owner;

  if (self->db_path == NULL)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_unlock (self->store, self->date, g_get_user_name (), reason,
                       _jc_plan_page_work_cancellable (self), on_unlock_done, g_object_ref (self));
}

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* TRANSLATORS: the body of the unlock dialog; %s is the delivery date */
  body = g_strdup_printf (_("The orders of %s open again for changes and the plan is computed "
                            "afresh. Say why; the reason is kept with the plan."), date);
  dialog = jc_ui_ask_reason (widget, _("Unlock the Plan?"), body, _("Reason"), "unlock",
                             _("_Unlock"), on_unlock_reason_cb, self);
  g_set_weak_pointer (&self->unlock_dialog, GTK_WINDOW (dialog));
}

/* ---- removing a recorded purchase ---------------------------------------------- */

static void
on_remove_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Remove the Purchase"),
               _("Purchase removed"));
}

static void
on_remove_reason_cb (AdwMessageDialog *dialog,
                     const char       *reason,
                     gpointer          owner)
{
  JcPlanPage *self = owner;
  const char *item_code = g_object_get_data (G_OBJECT (dialog), "item-code");

  if (self->db_path == NULL || item_code == NULL)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_remove_purchase (self->store, self->date, item_code, g_get_user_name (), reason,
                                _jc_plan_page_work_cancellable (self), on_remove_done,
                                g_object_ref (self));
}

static void
remove_purchase_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  const JcPlanLine *l = _jc_plan_page_selected_line (self);
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *qty = NULL;
  g_autofree char *price = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (l == NULL || !l->has_actual)
    return;
  qty = jc_format_qty (l->actual_qty_milli);
  price = jc_format_price (l->actual_price_milliyuan);
  /* TRANSLATORS: the body of the remove-purchase dialog: item, delivery
   * date, quantity, its unit, price, the unit it is per */
  body = g_strdup_printf (_("The purchase of %s recorded for %s (%s %s at %s ¥/%s) is removed "
                            "and the line counts at its planned cost again. Say why; the reason "
                            "is kept with the plan."),
                          l->item_name, date, qty, jc_ui_base_unit_label (l->base_unit), price,
                          jc_ui_base_unit_label (l->base_unit));
  dialog = jc_ui_ask_reason (widget, _("Remove the Recorded Purchase?"), body, _("Reason"),
                             "remove", _("_Remove"), on_remove_reason_cb, self);
  g_object_set_data_full (G_OBJECT (dialog), "item-code", g_strdup (l->item_code), g_free);
  g_set_weak_pointer (&self->remove_dialog, GTK_WINDOW (dialog));
}

/* ---- documents: export, print, preview ------------------------------------------ */

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  _jc_plan_page_set_busy (self);
  if (error != NULL)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Export the Purchase Order"),
                      error->message);
  else
    jc_ui_toast (GTK_WIDGET (self), _("Purchase order saved"));
}

/* The file chosen, the chooser having asked before replacing it. */
static void
on_export_file_chosen (GtkWidget     *parent,
                       const char    *path,
                       JcOutputFlags  flags,
                       gpointer       user_data)
{
  JcPlanPage *self = JC_PLAN_PAGE (parent);
  JcPlanExportKind kind = GPOINTER_TO_INT (user_data);

  if (self->store == NULL)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_export (self->store, self->date, kind, path, flags,
                       _jc_plan_page_work_cancellable (self), on_export_done,
                       g_object_ref (self));
}

static void
choose_export_file (JcPlanPage       *self,
                    JcPlanExportKind  kind)
{
  g_autofree char *name = NULL;

  /* TRANSLATORS: the suggested file name of the purchase order; %s the date */
  name = g_strdup_printf (_("purchase-order-%s.%s"), self->date,
                          kind == JC_PLAN_EXPORT_PDF ? "pdf" : "xlsx");
  if (kind == JC_PLAN_EXPORT_PDF)
    jc_save_file_choose (GTK_WIDGET (self), _("Export the Purchase Order as PDF"), name,
                         _("PDF documents"), "*.pdf", on_export_file_chosen,
                         GINT_TO_POINTER (kind), NULL);
  else
    jc_save_file_choose (GTK_WIDGET (self), _("Export the Purchase Order as XLSX"), name,
                         _("Excel workbooks"), "*.xlsx", on_export_file_chosen,
                         GINT_TO_POINTER (kind), NULL);
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_export_file (JC_PLAN_PAGE (widget), JC_PLAN_EXPORT_PDF);
}

static void
export_xlsx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_export_file (JC_PLAN_PAGE (widget), JC_PLAN_EXPORT_XLSX);
}

/* The purchase order as the printer, the preview and the PDF draw it. */
static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  g_autoptr(JcPagedDoc) doc = NULL;
  g_autoptr(JcPrintOperation) op = NULL;

  if (self->ref == NULL)
    return;
  doc = jc_plan_doc_paged_new (self->ref->plan);
  op = jc_print_operation_new (doc);
  jc_print_operation_run_dialog (op, widget, _("Could Not Print the Purchase Order"));
}

static void
preview_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  g_autoptr(JcPagedDoc) doc = NULL;
  JcDocPreviewWindow *window;

  if (self->ref == NULL)
    return;
  if (self->preview != NULL)
    gtk_window_destroy (self->preview);
  doc = jc_plan_doc_paged_new (self->ref->plan);
  window = jc_doc_preview_window_new (widget, doc);
  jc_doc_preview_window_set_print_action (window, "plan.print");
  jc_doc_preview_window_set_export_action (window, "plan.export-pdf",
                                           self->store != NULL && !self->working);
  g_set_weak_pointer (&self->preview, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- actions -------------------------------------------------------------------- */

static void
statements_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  JcStatementsDialog *dialog;

  if (self->db_path == NULL)
    return;
  dialog = jc_statements_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->db_path, self->date);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _jc_plan_page_load_plan (JC_PLAN_PAGE (widget));
}

guint
_jc_plan_preview_get_n_pages (GtkWindow *preview)
{
  if (!JC_IS_DOC_PREVIEW_WINDOW (preview))
    return 0;
  return jc_doc_preview_get_n_pages (
    jc_doc_preview_window_get_preview (JC_DOC_PREVIEW_WINDOW (preview)));
}

guint
_jc_plan_preview_get_page (GtkWindow *preview)
{
  if (!JC_IS_DOC_PREVIEW_WINDOW (preview))
    return 0;
  return jc_doc_preview_get_page (
    jc_doc_preview_window_get_preview (JC_DOC_PREVIEW_WINDOW (preview)));
}

/* Installs the page's actions and their keys: called from class_init. */
void
_jc_plan_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "plan.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "plan.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "plan.supplement", "s", supplement_activated);
  gtk_widget_class_install_action (widget_class, "plan.decline", "s", decline_activated);
  gtk_widget_class_install_action (widget_class, "plan.record", NULL,
                                   _jc_plan_page_record_activated);
  gtk_widget_class_install_action (widget_class, "plan.remove-purchase", NULL,
                                   remove_purchase_activated);
  gtk_widget_class_install_action (widget_class, "plan.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "plan.export-xlsx", NULL, export_xlsx_activated);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "plan.preview", NULL, preview_activated);
  gtk_widget_class_install_action (widget_class, "plan.statements", NULL, statements_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "plan.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "plan.print", NULL);
}
