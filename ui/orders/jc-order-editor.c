/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-editor.c: one canteen's order, typed fast — the editor's shell.
 *
 * The widget itself: its construction, its state (header, totals, which
 * actions are enabled), loading an order on a worker thread, copying last
 * week's order, the editor.* actions and the question on leaving with
 * unsaved changes.  The entry row with its completion list is in
 * jc-order-item-entry.c, the lines in jc-order-lines-view.c, the history
 * in jc-order-history.c and the save loop in jc-order-editor-save.c; the
 * struct they share is in jc-order-editor-private.h.  No SQL here and no
 * rule of the order: the rules stay in core, the database work in
 * jc-order-tasks.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>

#include "jc-date.h"
#include "jc-date-bar.h"
#include "jc-order-editor-private.h"
#include "jc-order-format.h"
#include "jc-order-tasks.h"
#include "jc-record.h"
#include "jc-ui-util.h"

G_DEFINE_FINAL_TYPE (JcOrderEditor, jc_order_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CLOSED,
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- state --------------------------------------------------------------- */

static gboolean
is_modified (JcOrderEditor *self)
{
  return self->loaded && self->edit_serial != self->saved_serial;
}

static void
update_totals (JcOrderEditor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  guint n_no_price = 0;
  gint64 total = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *money = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      const JcOrderEditorLine *el = _jc_order_editor_line_of (row);

      if (!el->has_price)
        n_no_price++;
      else if (!jc_checked_add (total, el->cost_fen, &total, NULL))
        n_no_price++;
    }
  money = jc_order_format_money (total);
  g_string_append_printf (text, ngettext ("%u line", "%u lines", n), n);
  g_string_append (text, " · ");
  /* TRANSLATORS: the estimated cost of an order at the reference prices */
  g_string_append_printf (text, _("Estimated cost %s"), money);
  if (n_no_price > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u line without a reference price is not counted",
                                              "%u lines without a reference price are not counted",
                                              n_no_price),
                              n_no_price);
    }
  gtk_label_set_text (self->totals_label, text->str);
  gtk_stack_set_visible_child_name (self->lines_stack, n > 0 ? "lines" : "empty");
}

void
_jc_order_editor_update_header (JcOrderEditor *self)
{
  g_autofree char *title = NULL;
  g_autofree char *date = jc_date_bar_format_date (self->date);
  g_autofree char *cutoff = jc_order_format_cutoff (self->cutoff, NULL, NULL);
  g_autofree char *delivery = NULL;
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a canteen's code and name */
  title = g_strdup_printf (C_("canteen", "%s · %s"), self->canteen ? self->canteen : "",
                           self->canteen_name ? self->canteen_name : "");
  gtk_label_set_text (self->title_label, title);
  /* TRANSLATORS: %s is the delivery date */
  delivery = g_strdup_printf (_("Delivery %s"), date);
  subtitle = cutoff && *cutoff ? g_strconcat (delivery, " · ", cutoff, NULL) : g_strdup (delivery);
  gtk_label_set_text (self->subtitle_label, subtitle);
  if (self->order != NULL)
    {
      jc_order_set_status_pill (GTK_WIDGET (self->status_label), self->order->status);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->late_label), self->order->late);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->late_label), FALSE);
    }

  if (self->order != NULL && self->order->after_lock == JC_ORDER_AFTER_LOCK_DECLINED)
    {
      g_autofree char *text = g_strdup_printf (_("Procurement declined this late order: %s. It "
                                                 "is neither delivered nor charged."),
                                               self->order->decline_reason
                                                 ? self->order->decline_reason : "");

      gtk_label_set_text (self->notice_label, text);
      gtk_info_bar_set_revealed (self->notice_bar, TRUE);
    }
  else if (self->order != NULL && self->order->after_lock == JC_ORDER_AFTER_LOCK_PENDING)
    {
      gtk_label_set_text (self->notice_label,
                          _("This order came after the purchase plan was locked and is not in it "
                            "yet: procurement buys it as a supplementary purchase, declines it, "
                            "or reopens the plan."));
      gtk_info_bar_set_revealed (self->notice_bar, TRUE);
    }
  else if (self->order != NULL && self->order->status == JC_ORDER_LOCKED)
    {
      gtk_label_set_text (self->notice_label,
                          _("This order is locked in the purchase plan. Every change to it is an "
                            "amendment: it needs a reason and is recorded with your name."));
      gtk_info_bar_set_revealed (self->notice_bar, TRUE);
    }
  else if (self->order != NULL && self->past_cutoff)
    {
      gtk_label_set_text (self->notice_label,
                          _("The cutoff for this delivery date has passed. A change now is a late "
                            "amendment that procurement staff accept, with a reason."));
      gtk_info_bar_set_revealed (self->notice_bar, TRUE);
    }
  else
    gtk_info_bar_set_revealed (self->notice_bar, FALSE);
}

void
_jc_order_editor_update_state (JcOrderEditor *self)
{
  gboolean ready = self->loaded && !self->busy;
  JcOrderRow *selected = gtk_single_selection_get_selected_item (self->line_selection);

  gtk_widget_set_visible (GTK_WIDGET (self->modified_label), is_modified (self));
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), self->busy);
  gtk_spinner_set_spinning (self->busy_spinner, self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.copy-last-week", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", !self->busy && self->db_path);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.history", self->loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-line", self->loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete-line",
                                 self->loaded && selected != NULL);
}

void
_jc_order_editor_mark_changed (JcOrderEditor *self)
{
  self->edit_serial++;
  update_totals (self);
  _jc_order_editor_update_state (self);
  _jc_order_editor_schedule_spike_check (self);
}

static void
set_show_history (JcOrderEditor *self,
                  gboolean       show)
{
  if (self->show_history == show)
    return;
  self->show_history = show;
  gtk_revealer_set_reveal_child (self->history_revealer, show);
  if (show && self->loaded)
    _jc_order_editor_load_history (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_HISTORY]);
}

/* ---- loading -------------------------------------------------------------- */

static void
on_order_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JcOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrderEditorData) data = jc_order_task_load_order_finish (result, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->loading_spinner);
  if (data == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      _jc_order_editor_update_state (self);
      return;
    }

  g_free (self->canteen_name);
  self->canteen_name = g_steal_pointer (&data->canteen_name);
  g_free (self->cutoff);
  self->cutoff = g_steal_pointer (&data->cutoff);
  self->past_cutoff = data->past_cutoff;
  g_clear_pointer (&self->prices, g_hash_table_unref);
  self->prices = g_steal_pointer (&data->prices);

  g_hash_table_remove_all (self->items_by_id);
  for (guint i = 0; i < data->items->len; i++)
    {
      JcItem *item = g_steal_pointer (&data->items->pdata[i]);

      g_hash_table_insert (self->items_by_id, &item->id, item);
      g_ptr_array_add (records, jc_record_new_item (item));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       records->pdata, records->len);

  jc_order_free (self->order);
  self->order = g_steal_pointer (&data->order);
  for (guint i = 0; i < self->order->lines->len; i++)
    {
      JcOrderLine *line = g_steal_pointer (&self->order->lines->pdata[i]);

      /* A line of an item that is no longer active still belongs to the order. */
      if (_jc_order_editor_item_by_id (self, line->item_id) == NULL)
        {
          g_autoptr(JcItem) gone = jc_item_new ();

          gone->id = line->item_id;
          gone->code = g_strdup (line->item_code);
          gone->name = g_strdup (line->item_name);
          gone->category = g_strdup ("");
          gone->pinyin = g_strdup ("");
          gone->aliases = g_new0 (char *, 1);
          g_hash_table_insert (self->items_by_id, &gone->id, gone);
          g_ptr_array_add (records, jc_record_new_item (g_steal_pointer (&gone)));
          g_list_store_append (self->items, records->pdata[records->len - 1]);
        }
      g_ptr_array_add (rows, jc_order_row_new (_jc_order_editor_line_new (self, line),
                                               (GDestroyNotify) _jc_order_editor_line_free));
    }
  g_ptr_array_set_size (self->order->lines, 0);
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       rows->pdata, rows->len);
  _jc_order_editor_apply_spikes (self, data->spikes);

  self->loaded = TRUE;
  self->saved_serial = self->edit_serial;
  _jc_order_editor_clear_entry_row (self);
  _jc_order_editor_clear_entry_error (self);
  gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
  _jc_order_editor_update_header (self);
  update_totals (self);
  _jc_order_editor_update_state (self);
  gtk_stack_set_visible_child_name (self->content_stack, "order");
  if (self->show_history)
    _jc_order_editor_load_history (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_entry));
}

static void
reset (JcOrderEditor *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->spike_cancellable != NULL)
    g_cancellable_cancel (self->spike_cancellable);
  g_clear_object (&self->spike_cancellable);
  g_clear_handle_id (&self->spike_timeout, g_source_remove);
  self->loaded = FALSE;
  self->busy = FALSE;
  self->close_after_save = FALSE;
  g_clear_pointer (&self->save_reason, g_free);
  g_clear_pointer (&self->order, jc_order_free);
  self->picked = NULL;
  g_list_store_remove_all (self->lines);
  g_list_store_remove_all (self->history);
}

/**
 * jc_order_editor_load:
 * Shows the order of `canteen_code` for `date` (a worker thread reads it);
 * whatever was on show is dropped.
 */
void
jc_order_editor_load (JcOrderEditor *self,
                      const char    *db_path,
                      const char    *canteen_code,
                      const char    *date)
{
  g_return_if_fail (JC_IS_ORDER_EDITOR (self));
  g_return_if_fail (db_path != NULL && canteen_code != NULL && date != NULL);

  reset (self);
  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  g_free (self->canteen);
  self->canteen = g_strdup (canteen_code);
  g_free (self->date);
  self->date = g_strdup (date);
  g_clear_pointer (&self->canteen_name, g_free);
  g_clear_pointer (&self->cutoff, g_free);
  self->cancellable = g_cancellable_new ();
  _jc_order_editor_update_header (self);
  gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  _jc_order_editor_update_state (self);
  jc_order_task_load_order (db_path, canteen_code, date, self->cancellable, on_order_loaded,
                            g_object_ref (self));
}

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        JcOrderEditor    *self)
{
  JcOrder *from = g_object_get_data (G_OBJECT (dialog), "jc-order");

  if (g_str_equal (response, "replace") && self->loaded)
    _jc_order_editor_replace_lines (self, from);
}

static void
on_last_week_copied (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(JcOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrder) last = jc_order_task_copy_last_week_finish (result, &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  char date[11] = "";
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  _jc_order_editor_update_state (self);
  if (last == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Copy Last Week’s Order"), error->message);
      return;
    }
  jc_date_shift (self->date, -7, date);
  if (last->lines->len == 0)
    {
      g_autofree char *message = NULL;
      g_autofree char *day = jc_date_bar_format_date (date);

      /* TRANSLATORS: %s is a date a week before the delivery date */
      message = g_strdup_printf (_("No order of %s to copy"), day);
      jc_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  if (n == 0)
    {
      _jc_order_editor_replace_lines (self, last);
      return;
    }
  /* TRANSLATORS: the lines on the order now, and the lines of last week's order */
  body = g_strdup_printf (ngettext ("Replace the %u line of this order with the %u lines of the "
                                    "order a week before?",
                                    "Replace the %u lines of this order with the %u lines of the "
                                    "order a week before?", n),
                          n, last->lines->len);
  dialog = adw_message_dialog_new (_jc_order_editor_get_parent_window (self), _("Replace the Lines?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jc-order", g_steal_pointer (&last),
                          (GDestroyNotify) jc_order_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ---------------------------------------------------------------- */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _jc_order_editor_start_save (JC_ORDER_EDITOR (widget), FALSE);
}

static void
submit_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _jc_order_editor_start_save (JC_ORDER_EDITOR (widget), TRUE);
}

static void
copy_last_week_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (widget);

  if (!self->loaded || self->busy)
    return;
  self->busy = TRUE;
  _jc_order_editor_update_state (self);
  jc_order_task_copy_last_week (self->db_path, self->canteen, self->date, self->cancellable,
                                on_last_week_copied, g_object_ref (self));
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (widget);
  g_autofree char *db_path = g_strdup (self->db_path);
  g_autofree char *canteen = g_strdup (self->canteen);
  g_autofree char *date = g_strdup (self->date);

  if (db_path != NULL && canteen != NULL && date != NULL)
    jc_order_editor_load (self, db_path, canteen, date);
}

static void
add_line_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _jc_order_editor_add_line (JC_ORDER_EDITOR (widget));
}

static void
delete_line_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (widget);
  guint selected = gtk_single_selection_get_selected (self->line_selection);
  JcOrderRow *row = gtk_single_selection_get_selected_item (self->line_selection);
  guint position;
  guint n;

  if (row == NULL)
    return;
  position = _jc_order_editor_find_line (self, G_LIST_MODEL (self->lines),
                                         _jc_order_editor_line_of (row)->line->item_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  g_list_store_remove (self->lines, position);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->line_selection));
  if (n > 0)
    jc_ui_select_position (self->lines_view, MIN (selected, n - 1));
  _jc_order_editor_mark_changed (self);
  if (n == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->item_entry));
}

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  jc_order_editor_request_close (JC_ORDER_EDITOR (widget));
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      JcOrderEditor    *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->saved_serial = self->edit_serial;
      _jc_order_editor_emit_closed (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      _jc_order_editor_start_save (self, FALSE);
    }
}

/**
 * jc_order_editor_request_close:
 * Asks to leave the order: with unsaved changes the person chooses to save
 * them as a draft, drop them or stay; then JcOrderEditor::closed is
 * emitted.
 */
void
jc_order_editor_request_close (JcOrderEditor *self)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_if_fail (JC_IS_ORDER_EDITOR (self));

  gtk_popover_popdown (self->completion_popover);
  if (!is_modified (self))
    {
      _jc_order_editor_emit_closed (self);
      return;
    }
  /* TRANSLATORS: %s is a canteen code */
  body = g_strdup_printf (_("The order of %s has changes that are not saved."), self->canteen);
  dialog = adw_message_dialog_new (_jc_order_editor_get_parent_window (self), _("Save the Changes?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save Draft"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------------ */

static void
jc_order_editor_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (widget);

  GTK_WIDGET_CLASS (jc_order_editor_parent_class)->size_allocate (widget, width, height, baseline);
  /* The completion list is our child: it follows the item entry. */
  gtk_popover_present (self->completion_popover);
}

static void
jc_order_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_HISTORY:
      g_value_set_boolean (value, self->show_history);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_order_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_HISTORY:
      set_show_history (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_order_editor_dispose (GObject *object)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (object);

  reset (self);
  if (self->completion_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->completion_popover));
  self->completion_popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_ORDER_EDITOR);
  g_clear_object (&self->completion);
  g_clear_object (&self->item_filter);
  g_clear_object (&self->item_sorter);
  g_clear_object (&self->line_selection);
  g_clear_object (&self->lines);
  g_clear_object (&self->history);
  g_clear_object (&self->items);
  g_clear_object (&self->units);
  g_clear_pointer (&self->items_by_id, g_hash_table_unref);
  g_clear_pointer (&self->prices, g_hash_table_unref);
  G_OBJECT_CLASS (jc_order_editor_parent_class)->dispose (object);
}

static void
jc_order_editor_finalize (GObject *object)
{
  JcOrderEditor *self = JC_ORDER_EDITOR (object);

  g_free (self->db_path);
  g_free (self->canteen);
  g_free (self->date);
  g_free (self->canteen_name);
  g_free (self->cutoff);
  g_free (self->query);
  g_free (self->save_reason);
  G_OBJECT_CLASS (jc_order_editor_parent_class)->finalize (object);
}

static void
jc_order_editor_class_init (JcOrderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_order_editor_get_property;
  object_class->set_property = jc_order_editor_set_property;
  object_class->dispose = jc_order_editor_dispose;
  object_class->finalize = jc_order_editor_finalize;
  widget_class->size_allocate = jc_order_editor_size_allocate;

  /**
   * JcOrderEditor:show-history:
   * Whether the history pane is shown (Ctrl+H).
   */
  properties[PROP_SHOW_HISTORY] =
    g_param_spec_boolean ("show-history", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JcOrderEditor::closed:
   * The person is done with the order (saved, or changes dropped).
   */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * JcOrderEditor::saved:
   * The order was saved (as a draft or submitted).
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-order-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, late_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, modified_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, notice_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, lines_stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, lines_view);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, item_entry);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, qty_entry);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, note_entry);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, entry_error_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, entry_hint_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, totals_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, history_revealer);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, history_stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, history_view);
  gtk_widget_class_bind_template_child (widget_class, JcOrderEditor, history_empty_label);
  _jc_order_editor_class_item_entry_init (widget_class);
  _jc_order_editor_class_lines_init (widget_class);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, submit_activated);
  gtk_widget_class_install_action (widget_class, "editor.copy-last-week", NULL,
                                   copy_last_week_activated);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "editor.add-line", NULL, add_line_activated);
  gtk_widget_class_install_action (widget_class, "editor.delete-line", NULL, delete_line_activated);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_activated);
  gtk_widget_class_install_property_action (widget_class, "editor.history", "show-history");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "editor.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.copy-last-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "editor.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "editor.back",
                                       NULL);
}

static void
jc_order_editor_init (JcOrderEditor *self)
{
  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  self->items = g_list_store_new (JC_TYPE_RECORD);
  self->lines = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->history = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->units = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (self->units));
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), FALSE);

  _jc_order_editor_item_entry_init (self);
  _jc_order_editor_lines_init (self);
  _jc_order_editor_history_init (self);
  update_totals (self);
  _jc_order_editor_update_state (self);
}

/**
 * jc_order_editor_get_canteen:
 * Returns: (transfer none) (nullable): the canteen code of the order on show.
 */
const char *
jc_order_editor_get_canteen (JcOrderEditor *self)
{
  g_return_val_if_fail (JC_IS_ORDER_EDITOR (self), NULL);

  return self->canteen;
}

/**
 * jc_order_editor_get_date:
 * Returns: (transfer none) (nullable): the delivery date of the order on show.
 */
const char *
jc_order_editor_get_date (JcOrderEditor *self)
{
  g_return_val_if_fail (JC_IS_ORDER_EDITOR (self), NULL);

  return self->date;
}

/**
 * jc_order_editor_get_modified:
 * Returns: whether the order on show has changes the store does not have.
 */
gboolean
jc_order_editor_get_modified (JcOrderEditor *self)
{
  g_return_val_if_fail (JC_IS_ORDER_EDITOR (self), FALSE);

  return is_modified (self);
}

/* ---- for the editor's other files ------------------------------------------ */

GtkWindow *
_jc_order_editor_get_parent_window (JcOrderEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
_jc_order_editor_emit_saved (JcOrderEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
}

void
_jc_order_editor_emit_closed (JcOrderEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

/* ---- for the tests --------------------------------------------------------- */

GtkEntry *
_jc_order_editor_get_item_entry (JcOrderEditor *self)
{
  return self->item_entry;
}

GtkEntry *
_jc_order_editor_get_qty_entry (JcOrderEditor *self)
{
  return self->qty_entry;
}

GtkDropDown *
_jc_order_editor_get_unit_dropdown (JcOrderEditor *self)
{
  return self->unit_dropdown;
}

GtkEntry *
_jc_order_editor_get_note_entry (JcOrderEditor *self)
{
  return self->note_entry;
}

GtkLabel *
_jc_order_editor_get_error_label (JcOrderEditor *self)
{
  return self->entry_error_label;
}

GtkLabel *
_jc_order_editor_get_totals_label (JcOrderEditor *self)
{
  return self->totals_label;
}

GtkPopover *
_jc_order_editor_get_completion_popover (JcOrderEditor *self)
{
  return self->completion_popover;
}

GListModel *
_jc_order_editor_get_completion (JcOrderEditor *self)
{
  return G_LIST_MODEL (self->completion);
}

GListModel *
_jc_order_editor_get_lines (JcOrderEditor *self)
{
  return G_LIST_MODEL (self->line_selection);
}

GtkWidget *
_jc_order_editor_get_lines_view (JcOrderEditor *self)
{
  return GTK_WIDGET (self->lines_view);
}

GListModel *
_jc_order_editor_get_history (JcOrderEditor *self)
{
  return G_LIST_MODEL (self->history);
}

const JcOrderLine *
_jc_order_editor_get_line (JcOrderEditor *self,
                           guint          position,
                           gboolean      *spike)
{
  g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->line_selection), position);
  const JcOrderEditorLine *el = row ? _jc_order_editor_line_of (row) : NULL;

  if (spike != NULL)
    *spike = el ? el->spike : FALSE;
  return el ? el->line : NULL;
}

gboolean
_jc_order_editor_is_ready (JcOrderEditor *self)
{
  return self->loaded && !self->busy;
}

JcOrderStatus
_jc_order_editor_get_status (JcOrderEditor *self)
{
  return self->order ? self->order->status : JC_ORDER_NOT_STARTED;
}

