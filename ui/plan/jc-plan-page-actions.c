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
  g_autofree char *date = jc_order_format_date (self->date);
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
  g_autofree char *lines = NULL;
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
  date = jc_order_format_date (self->date);
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
  g_autofree char *date = jc_order_format_date (self->date);
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
  g_autofree char *date = jc_order_format_date (self->date);
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
  g_autofree char *date = jc_order_format_date (self->date);
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

static void
on_export_chooser_response (JcPlanPage *self,
                            int         response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  JcPlanExportKind kind;

  if (self->chooser == NULL)
    return;
  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "jc-kind"));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL || self->db_path == NULL)
    return;
  self->working = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_export (self->store, self->date, kind, path, _jc_plan_page_work_cancellable (self),
                       on_export_done, g_object_ref (self));
}

static void
choose_export_file (JcPlanPage       *self,
                    JcPlanExportKind  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (kind == JC_PLAN_EXPORT_PDF
                                                 ? _("Export the Purchase Order as PDF")
                                                 : _("Export the Purchase Order as XLSX"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  /* TRANSLATORS: the suggested file name of the purchase order; %s the date */
  name = g_strdup_printf (_("purchase-order-%s.%s"), self->date,
                          kind == JC_PLAN_EXPORT_PDF ? "pdf" : "xlsx");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (kind == JC_PLAN_EXPORT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "jc-kind", GINT_TO_POINTER (kind));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   PlanRef           *ref)
{
  guint n = jc_plan_doc_n_pages (ref->plan, gtk_print_context_get_width (context),
                                 gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (op, MAX (n, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 PlanRef           *ref)
{
  jc_plan_doc_draw_page (gtk_print_context_get_cairo_context (context), ref->plan, (guint) page,
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  GtkPaperSize *a4;

  if (self->ref == NULL)
    return;
  g_clear_object (&self->print_op);
  self->print_op = gtk_print_operation_new ();
  /* TRANSLATORS: the print job's name; %s the delivery date */
  job = g_strdup_printf (_("Purchase order %s"), self->date);
  gtk_print_operation_set_job_name (self->print_op, job);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  g_signal_connect_data (self->print_op, "begin-print", G_CALLBACK (on_begin_print_cb),
                         _jc_plan_ref_ref (self->ref), (GClosureNotify) _jc_plan_ref_unref, 0);
  g_signal_connect_data (self->print_op, "draw-page", G_CALLBACK (on_draw_page_cb),
                         _jc_plan_ref_ref (self->ref), (GClosureNotify) _jc_plan_ref_unref, 0);
  if (gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    jc_ui_show_error (widget, _("Could Not Print the Purchase Order"), error->message);
}

/* The preview: the purchase order's pages as the PDF and the printer get
 * them, drawn by the same function, one page at a time scaled to fit. */
typedef struct {
  PlanRef   *ref;
  guint      page;
  guint      n_pages;
  GtkWidget *area;
  GtkLabel  *label;
  GtkWidget *previous;
  GtkWidget *next;
} Preview;

static void
preview_free (Preview *p)
{
  _jc_plan_ref_unref (p->ref);
  g_free (p);
}

static void
preview_update (Preview *p)
{
  /* TRANSLATORS: the preview's page counter: "Page 1 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), p->page + 1, p->n_pages);

  gtk_label_set_text (p->label, text);
  gtk_widget_set_sensitive (p->previous, p->page > 0);
  gtk_widget_set_sensitive (p->next, p->page + 1 < p->n_pages);
  gtk_widget_queue_draw (p->area);
}

#define PAGE_W JC_PLAN_DOC_A4_WIDTH
#define PAGE_H JC_PLAN_DOC_A4_HEIGHT

static void
preview_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  Preview *p = user_data;
  double margin = 16;
  double s = MIN ((width - 2 * margin) / PAGE_W, (height - 2 * margin) / PAGE_H);
  double x, y;

  if (s <= 0)
    return;
  x = (width - PAGE_W * s) / 2;
  y = (height - PAGE_H * s) / 2;
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 2, y + 3, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  jc_plan_doc_draw_page (cr, p->ref->plan, p->page, PAGE_W, PAGE_H);
  cairo_restore (cr);
}

static void
on_preview_previous_cb (GtkButton *button,
                        Preview   *p)
{
  if (p->page > 0)
    p->page--;
  preview_update (p);
}

static void
on_preview_next_cb (GtkButton *button,
                    Preview   *p)
{
  if (p->page + 1 < p->n_pages)
    p->page++;
  preview_update (p);
}

static gboolean
preview_key_cb (GtkWidget *window,
                GVariant  *args,
                gpointer   user_data)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "jc-preview");
  int step = g_variant_get_int32 (args);

  if (step == 0)
    gtk_window_close (GTK_WINDOW (window));
  else if (step < 0)
    on_preview_previous_cb (NULL, p);
  else
    on_preview_next_cb (NULL, p);
  return TRUE;
}

static void
on_preview_export_cb (GtkButton  *button,
                      JcPlanPage *self)
{
  if (self->preview != NULL)
    gtk_window_close (self->preview);
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.export-pdf", NULL);
}

static void
on_preview_print_cb (GtkButton  *button,
                     JcPlanPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.print", NULL);
}

static void
preview_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window, *header, *nav, *export, *print;
  GtkEventController *keys;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  Preview *p;
  struct { guint key; int step; } bindings[] = {
    { GDK_KEY_Escape, 0 }, { GDK_KEY_Page_Up, -1 }, { GDK_KEY_Left, -1 },
    { GDK_KEY_Page_Down, 1 }, { GDK_KEY_Right, 1 },
  };

  if (self->ref == NULL)
    return;
  if (self->preview != NULL)
    gtk_window_destroy (self->preview);
  p = g_new0 (Preview, 1);
  p->ref = _jc_plan_ref_ref (self->ref);
  p->n_pages = MAX (jc_plan_doc_n_pages (p->ref->plan, PAGE_W, PAGE_H), 1);

  window = gtk_window_new ();
  date = jc_order_format_date (self->date);
  /* TRANSLATORS: the preview window's title; %s the delivery date */
  title = g_strdup_printf (_("Purchase Order %s"), date);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_set_data_full (G_OBJECT (window), "jc-preview", p, (GDestroyNotify) preview_free);

  header = gtk_header_bar_new ();
  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  p->previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (p->previous, _("Previous page (Page Up)"));
  p->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (p->next, _("Next page (Page Down)"));
  p->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (p->label), "numeric");
  gtk_box_append (GTK_BOX (nav), p->previous);
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (p->label));
  gtk_box_append (GTK_BOX (nav), p->next);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), nav);
  export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_widget_set_sensitive (export, self->db_path != NULL && !self->working);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), export);
  print = gtk_button_new_from_icon_name ("document-print-symbolic");
  gtk_widget_set_tooltip_text (print, _("Print"));
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), print);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect (p->previous, "clicked", G_CALLBACK (on_preview_previous_cb), p);
  g_signal_connect (p->next, "clicked", G_CALLBACK (on_preview_next_cb), p);
  g_signal_connect_object (export, "clicked", G_CALLBACK (on_preview_export_cb), self, 0);
  g_signal_connect_object (print, "clicked", G_CALLBACK (on_preview_print_cb), self, 0);

  p->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (p->area, TRUE);
  gtk_widget_set_vexpand (p->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (p->area), preview_draw_cb, p, NULL);
  gtk_window_set_child (GTK_WINDOW (window), p->area);

  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (bindings[i].key, 0),
                                       gtk_callback_action_new (preview_key_cb, NULL, NULL),
                                       "i", bindings[i].step));
  gtk_widget_add_controller (window, keys);

  preview_update (p);
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
previous_day_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _jc_plan_page_shift_date (JC_PLAN_PAGE (widget), -1);
}

static void
next_day_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _jc_plan_page_shift_date (JC_PLAN_PAGE (widget), 1);
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
  Preview *p = g_object_get_data (G_OBJECT (preview), "jc-preview");

  return p != NULL ? p->n_pages : 0;
}

guint
_jc_plan_preview_get_page (GtkWindow *preview)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "jc-preview");

  return p != NULL ? p->page : 0;
}

/* Installs the page's actions and their keys: called from class_init. */
void
_jc_plan_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "plan.previous-day", NULL, previous_day_activated);
  gtk_widget_class_install_action (widget_class, "plan.next-day", NULL, next_day_activated);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "plan.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "plan.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "plan.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "plan.print", NULL);
}
