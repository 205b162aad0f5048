/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page-actions.c: the deliveries page's actions — moving stops
 * by hand, save and discard of the edits, re-optimising with the solver
 * (asking before it replaces edits), print and PDF export of the chosen
 * documents, the day's steps.  Every database call and the solver run on a
 * worker of jc-delivery-tasks.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-deliveries-page"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jc-deliveries-page-private.h"
#include "jc-delivery-map.h"
#include "jc-delivery-tasks.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-task.h"
#include "jc-print-operation.h"
#include "jc-save-file.h"
#include "jc-ui-util.h"

JcDeliveryDocs
_jc_deliveries_page_chosen_docs (JcDeliveriesPage *self)
{
  JcDeliveryDocs docs = 0;

  if (gtk_check_button_get_active (self->sheets_check))
    docs |= JC_DELIVERY_DOC_ROUTE_SHEETS;
  if (gtk_check_button_get_active (self->picking_check))
    docs |= JC_DELIVERY_DOC_PICKING_LISTS;
  if (gtk_check_button_get_active (self->notes_check))
    docs |= JC_DELIVERY_DOC_NOTES;
  return docs;
}

/* ---- moving stops by hand ------------------------------------------------------------- */

void
_jc_deliveries_page_move_selected_to (JcDeliveriesPage *self,
                                      int               to_route,
                                      int               to_index)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  g_autoptr(GError) error = NULL;
  JcDeliveryRoute *dest;

  if (plan == NULL || _jc_deliveries_page_selected_stop (self) == NULL || to_route < 0 ||
      (guint) to_route >= plan->routes->len || self->loading || self->working ||
      self->solving || self->printing)
    return;
  if (to_route == self->sel_route && to_index == self->sel_index)
    return;
  if (!jc_delivery_move_stop (plan, (guint) self->sel_route, (guint) self->sel_index,
                              (guint) to_route, (guint) MAX (to_index, 0), &error))
    {
      jc_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  dest = plan->routes->pdata[to_route];
  self->sel_route = to_route;
  self->sel_index = MIN (MAX (to_index, 0), (int) dest->stops->len - 1);
  self->dirty = TRUE;
  _jc_deliveries_page_refresh (self);
}

static void
move_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  _jc_deliveries_page_move_selected_to (self, self->sel_route, self->sel_index - 1);
}

static void
move_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  _jc_deliveries_page_move_selected_to (self, self->sel_route, self->sel_index + 1);
}

/* To the end of another vehicle's route. */
static void
move_to_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  int to = g_variant_get_int32 (parameter);
  JcDeliveryRoute *dest;

  if (plan == NULL || to < 0 || (guint) to >= plan->routes->len || to == self->sel_route)
    return;
  dest = plan->routes->pdata[to];
  _jc_deliveries_page_move_selected_to (self, to, (int) dest->stops->len);
}

static void
show_move_menu_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_menu_button_popup (JC_DELIVERIES_PAGE (widget)->move_button);
}

/* ---- save, discard, re-optimise ----------------------------------------------------------- */

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDeliveryPlan *plan = jc_delivery_task_save_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  if (plan == NULL)
    {
      _jc_deliveries_page_set_busy (self);
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Save the Routes"), error->message);
      return;
    }
  _jc_deliveries_page_show_plan (self, plan);
  _jc_deliveries_page_show_state_page (self);
  _jc_deliveries_page_set_busy (self);
  jc_ui_toast (GTK_WIDGET (self), _("Routes saved"));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  if (self->ref == NULL || self->db_path == NULL || !self->dirty)
    return;
  self->working = TRUE;
  _jc_deliveries_page_set_busy (self);
  jc_delivery_task_save (self->store, self->ref, g_get_user_name (), self->cancellable,
                         on_save_done, g_object_ref (self));
}

static void
discard_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  self->dirty = FALSE;
  _jc_deliveries_page_load_plan (self);
}

static void
on_build_progress (GObject *target,
                   double   fraction)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (target);

  if (self->solving)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
on_build_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDeliveryPlan *plan = jc_delivery_task_build_finish (result, &error);

  /* Stop cancels the solver, which then returns its best: a cancelled
   * task means the page moved on (another date or file, or it went away). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->solving = FALSE;
  g_clear_object (&self->solve_cancellable);
  if (plan == NULL)
    {
      _jc_deliveries_page_set_busy (self);
      if (g_error_matches (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_PLAN))
        {
          self->plan_locked = FALSE;
          _jc_deliveries_page_show_plan (self, NULL);
          _jc_deliveries_page_show_state_page (self);
        }
      else if (g_error_matches (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_VEHICLES))
        {
          self->n_vehicles = 0;
          _jc_deliveries_page_show_plan (self, NULL);
          _jc_deliveries_page_show_state_page (self);
        }
      else
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Plan the Deliveries"),
                          error->message);
      _jc_deliveries_page_set_busy (self);
      return;
    }
  _jc_deliveries_page_show_plan (self, plan);
  _jc_deliveries_page_show_state_page (self);
  _jc_deliveries_page_set_busy (self);
  {
    g_autofree char *km = _jc_deliveries_page_format_km (plan->distance_m);
    g_autofree char *text = NULL;

    if (self->stopped)
      /* TRANSLATORS: a toast after stopping the solver; %s the total distance */
      text = g_strdup_printf (_("Stopped: the best routes so far are kept, %s"), km);
    else
      /* TRANSLATORS: a toast after planning; %s the total distance */
      text = g_strdup_printf (_("Routes planned and saved: %s"), km);
    jc_ui_toast (GTK_WIDGET (self), text);
  }
  self->stopped = FALSE;
}

static void
start_build (JcDeliveriesPage *self)
{
  if (self->db_path == NULL || self->solving)
    return;
  self->solving = TRUE;
  self->stopped = FALSE;
  self->dirty = FALSE;
  g_clear_object (&self->solve_cancellable);
  self->solve_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Planning the routes…"));
  _jc_deliveries_page_set_busy (self);
  jc_delivery_task_build (self->store, self->date, self->solver_seconds, g_get_user_name (),
                          self->solve_cancellable, G_OBJECT (self), on_build_progress,
                          self->cancellable, on_build_done, g_object_ref (self));
}

static void
on_build_confirm_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JcDeliveriesPage *self)
{
  if (g_str_equal (response, "reoptimise"))
    start_build (self);
}

GtkWidget *
_jc_deliveries_page_confirm_dialog_new (JcDeliveriesPage *self,
                                        const char       *heading,
                                        const char       *body,
                                        const char       *response_id,
                                        const char       *response_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  return dialog;
}

static void
build_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  GtkWidget *dialog;

  if (!self->dirty)
    {
      start_build (self);
      return;
    }
  dialog = _jc_deliveries_page_confirm_dialog_new (self, _("Re-optimise the Routes?"),
                               _("The routes changed by hand are not saved. The solver plans "
                                 "all routes afresh and the changes are lost."),
                               "reoptimise", _("_Re-optimise"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_build_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_build_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  if (self->solve_cancellable == NULL)
    return;
  self->stopped = TRUE;
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping…"));
  g_cancellable_cancel (self->solve_cancellable);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_deliveries_page_reload (JC_DELIVERIES_PAGE (widget));
}

/* ---- documents: print, export ----------------------------------------------------------------- */

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  JcDeliveriesPage        *self)
{
  self->printing = FALSE;
  _jc_deliveries_page_update_actions (self);
}

/* The chosen documents as the printer, the preview and the PDF draw them;
 * the document holds the plan until it is gone. */
static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  g_autoptr(JcPagedDoc) doc = NULL;
  g_autoptr(JcPrintOperation) op = NULL;

  if (self->ref == NULL || _jc_deliveries_page_chosen_docs (self) == 0)
    return;
  gtk_popover_popdown (self->output_popover);
  doc = jc_delivery_doc_paged_new (self->ref->plan, _jc_deliveries_page_chosen_docs (self),
                                   jc_delivery_plan_ref_ref (self->ref),
                                   (GDestroyNotify) jc_delivery_plan_ref_unref);
  op = jc_print_operation_new (doc);
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done_cb), self, 0);
  /* The pages are drawn from the plan as it is: no moves until printed. */
  self->printing = TRUE;
  _jc_deliveries_page_update_actions (self);
  jc_print_operation_run_dialog (op, widget, _("Could Not Print the Delivery Documents"));
  if (gtk_print_operation_is_finished (GTK_PRINT_OPERATION (op)))
    on_print_done_cb (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_RESULT_CANCEL, self);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jc_delivery_task_export_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  _jc_deliveries_page_set_busy (self);
  if (error != NULL)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Export the Delivery Documents"),
                      error->message);
  else
    jc_ui_toast (GTK_WIDGET (self), _("Delivery documents saved"));
}

static void
export_to (JcDeliveriesPage *self,
           const char       *path,
           JcOutputFlags     flags)
{
  self->working = TRUE;
  _jc_deliveries_page_set_busy (self);
  jc_delivery_task_export (self->ref, _jc_deliveries_page_chosen_docs (self), path, flags,
                           self->cancellable, on_export_done, g_object_ref (self));
}

/* The file chosen, the chooser having asked before replacing it. */
static void
on_export_file_chosen (GtkWidget     *parent,
                       const char    *path,
                       JcOutputFlags  flags,
                       gpointer       user_data)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (parent);

  if (self->ref == NULL || self->working)
    return;
  export_to (self, path, flags);
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->ref == NULL)
    return;
  gtk_popover_popdown (self->output_popover);
  /* TRANSLATORS: the suggested file name of the delivery documents; %s the date */
  name = g_strdup_printf (_("deliveries-%s.pdf"), self->date);
  jc_save_file_choose (widget, _("Export the Delivery Documents as PDF"), name,
                       _("PDF documents"), "*.pdf", on_export_file_chosen, NULL, NULL);
}

static void
on_docs_toggled_cb (JcDeliveriesPage *self)
{
  _jc_deliveries_page_update_actions (self);
}

void
_jc_deliveries_page_export_to (JcDeliveriesPage *self,
                               const char       *path)
{
  if (self->ref != NULL && !self->working)
    export_to (self, path, JC_OUTPUT_REPLACE);
}

/* Installs the page's actions and their keys, and binds the output
 * choices' callback: called from class_init, after the template is set. */
void
_jc_deliveries_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_docs_toggled_cb);
  gtk_widget_class_install_action (widget_class, "deliveries.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.build", NULL, build_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.cancel-build", NULL,
                                   cancel_build_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.discard", NULL, discard_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-up", NULL, move_up_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-down", NULL,
                                   move_down_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-to", "i", move_to_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.show-move-menu", NULL,
                                   show_move_menu_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.export-pdf", NULL,
                                   export_pdf_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "deliveries.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "deliveries.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "deliveries.show-move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "deliveries.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "deliveries.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "deliveries.print", NULL);
}
