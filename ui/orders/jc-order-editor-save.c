/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-editor-save.c: the order editor's save loop.
 *
 * A save is tried on a worker thread (jc_order_task_save()); what the
 * store and the order rules refuse — unusual quantities to confirm, the
 * cutoff passed, a locked order, someone else's change — is asked of the
 * person here and the save is tried again with their answer, so the rules
 * stay in core.  It changes no line (it only flags the unusual ones a
 * save reports) and never touches the database itself. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>

#include "jc-date-bar.h"
#include "jc-order-editor-private.h"
#include "jc-order-format.h"
#include "jc-order-tasks.h"
#include "jc-ui-util.h"

typedef enum {
  ASK_LATE,
  ASK_AMEND,
} AskKind;

static void run_save (JcOrderEditor *self);

static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "accept", *text != '\0');
}

static void
on_reason_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  /* What a click on the button does: the response, then the close
   * (adw_message_dialog_response() alone leaves the dialog open, and a
   * second Enter would send the change again). */
  if (!adw_message_dialog_get_response_enabled (dialog, "accept"))
    return;
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
on_reason_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JcOrderEditor    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "accept") || *reason == '\0' || !self->loaded)
    {
      self->close_after_save = FALSE;
      return;
    }
  /* One answer, one save: the change is on its way. */
  g_signal_handlers_disconnect_by_data (entry, dialog);
  adw_message_dialog_set_response_enabled (dialog, "accept", FALSE);
  g_free (self->save_reason);
  self->save_reason = g_steal_pointer (&reason);
  /* A locked order is past its cutoff too: the amendment is accepted late. */
  self->save_flags |= JC_ORDER_SAVE_ACCEPT_LATE;
  run_save (self);
}

static void
ask_reason (JcOrderEditor *self,
            AskKind        kind,
            const char     *store_message)
{
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *cutoff = jc_order_format_cutoff_time (self->cutoff, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry = gtk_entry_new ();
  const char *heading;
  const char *accept;

  if (kind == ASK_LATE)
    {
      heading = _("Accept a Late Amendment?");
      accept = _("_Accept Late Amendment");
      /* TRANSLATORS: the delivery date, and when its cutoff was ("14:00 yesterday") */
      body = g_strdup_printf (_("The cutoff for orders delivered on %s was %s. Procurement staff "
                                "can accept this change as a late amendment; it is recorded with "
                                "your name and the reason."), date, cutoff);
    }
  else
    {
      heading = _("Amend a Locked Order?");
      accept = _("_Amend");
      /* TRANSLATORS: a canteen code and the delivery date */
      body = g_strdup_printf (_("The order of %s for %s is locked in the purchase plan. Changing it "
                                "is an amendment, recorded with your name and the reason."),
                              self->canteen, date);
    }
  g_debug ("%s", store_message);
  dialog = adw_message_dialog_new (_jc_order_editor_get_parent_window (self), heading, body);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "accept", accept, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_reason_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_spikes_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JcOrderEditor    *self)
{
  if (!g_str_equal (response, "submit") || !self->loaded)
    return;
  self->spikes_confirmed = TRUE;
  run_save (self);
}

static void
ask_spikes (JcOrderEditor *self,
            GPtrArray     *spikes)
{
  g_autoptr(GString) body = g_string_new (_("These lines are more than 5 times what the canteen "
                                            "usually orders (its median over the last 8 weeks):"));
  GtkWidget *dialog;

  g_string_append_c (body, '\n');
  for (guint i = 0; i < spikes->len; i++)
    {
      JcSpike *s = spikes->pdata[i];
      const JcItem *item = NULL;
      g_autofree char *qty = NULL;
      g_autofree char *median = NULL;
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->items_by_id);
      while (item == NULL && g_hash_table_iter_next (&iter, NULL, &value))
        if (g_strcmp0 (((JcItem *) value)->code, s->item_code) == 0)
          item = value;
      qty = jc_order_format_base_qty (s->qty_milli, item ? item->base_unit : JC_BASE_UNIT_KG);
      median = jc_order_format_base_qty (s->median_milli, item ? item->base_unit : JC_BASE_UNIT_KG);
      g_string_append_c (body, '\n');
      /* TRANSLATORS: an unusual line: the item, its quantity, the usual quantity */
      g_string_append_printf (body, _("%s: %s (usually %s)"), item ? item->name : s->item_code,
                              qty, median);
    }
  dialog = adw_message_dialog_new (_jc_order_editor_get_parent_window (self),
                                   _("Submit Unusual Quantities?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Check Again"),
                                    "submit", _("_Submit Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_spikes_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(JcOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrderSaveResult) saved = jc_order_task_save_finish (result, &error);
  JcOrder *order;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  _jc_order_editor_update_state (self);
  if (saved == NULL)
    {
      if (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT))
        {
          self->close_after_save = FALSE;
          gtk_info_bar_set_revealed (self->conflict_bar, TRUE);
        }
      else if (g_error_matches (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF) &&
               !(self->save_flags & JC_ORDER_SAVE_ACCEPT_LATE))
        {
          self->past_cutoff = TRUE;
          _jc_order_editor_update_header (self);
          ask_reason (self, ASK_LATE, error->message);
        }
      else if (g_error_matches (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED) &&
               self->save_reason == NULL)
        ask_reason (self, ASK_AMEND, error->message);
      else
        {
          self->close_after_save = FALSE;
          jc_ui_show_error (GTK_WIDGET (self), _("Could Not Save the Order"), error->message);
        }
      return;
    }
  if (saved->order == NULL)
    {
      _jc_order_editor_apply_spikes (self, saved->spikes);
      ask_spikes (self, saved->spikes);
      return;
    }

  order = saved->order;
  self->order->id = order->id;
  self->order->version = order->version;
  self->order->status = order->status;
  self->order->late = order->late;
  self->order->after_lock = order->after_lock;
  g_free (self->order->decline_reason);
  self->order->decline_reason = g_strdup (order->decline_reason);
  g_free (self->order->updated_at);
  self->order->updated_at = g_strdup (order->updated_at);
  self->saved_serial = self->saving_serial;
  g_clear_pointer (&self->save_reason, g_free);
  gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
  _jc_order_editor_update_header (self);
  _jc_order_editor_update_state (self);
  jc_ui_toast (GTK_WIDGET (self), self->save_submit ? _("Order submitted") : _("Draft saved"));
  if (self->show_history)
    _jc_order_editor_load_history (self);
  _jc_order_editor_emit_saved (self);
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      _jc_order_editor_emit_closed (self);
    }
}

static void
run_save (JcOrderEditor *self)
{
  g_autoptr(JcOrder) order = NULL;

  if (!self->loaded || self->busy)
    return;
  self->busy = TRUE;
  self->saving_serial = self->edit_serial;
  _jc_order_editor_update_state (self);
  order = _jc_order_editor_build_order (self);
  jc_order_task_save (self->db_path, order,
                      self->save_flags | (self->save_submit ? JC_ORDER_SAVE_SUBMIT : 0),
                      self->save_reason, self->save_submit && !self->spikes_confirmed,
                      self->cancellable, on_saved, g_object_ref (self));
}

void
_jc_order_editor_start_save (JcOrderEditor *self,
                             gboolean       submit)
{
  if (!self->loaded || self->busy)
    return;
  self->save_submit = submit;
  self->save_flags = JC_ORDER_SAVE_DEFAULT;
  g_clear_pointer (&self->save_reason, g_free);
  self->spikes_confirmed = FALSE;
  run_save (self);
}

