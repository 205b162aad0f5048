/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page-actuals.c: recording what was bought on the plan page — the
 * entries of the selected line, their checks, the queue of saves that run
 * one after another on the worker, and the window's close that waits for
 * them.  It must not read the database itself: jc-plan-tasks.c does. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-page"

#include <glib/gi18n.h>

#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-plan-page-private.h"
#include "jc-plan-tasks.h"
#include "jc-prices.h"
#include "jc-ui-util.h"

static void start_next_save (JcPlanPage *self);

void
_jc_plan_page_pending_save_free (PendingSave *ps)
{
  g_free (ps->item_code);
  g_free (ps->item_name);
  g_free (ps->qty_text);
  g_free (ps->price_text);
  g_free (ps);
}

static void
clear_actual_error (JcPlanPage *self)
{
  gtk_label_set_text (self->actual_error, "");
  gtk_widget_set_visible (GTK_WIDGET (self->actual_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->qty_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_entry), "error");
  self->error_entry = NULL;
}

static void
show_actual_error (JcPlanPage *self,
                   GtkEntry   *entry,
                   const char *message)
{
  gtk_label_set_text (self->actual_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->actual_error), TRUE);
  self->error_entry = entry;
  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
    }
}

/* The page's own change of an entry: not typing. */
static void
fill_entry (JcPlanPage *self,
            GtkEntry   *entry,
            const char *text)
{
  self->form_filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  self->form_filling = FALSE;
}

void
_jc_plan_page_update_actual_form (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  const JcPlanLine *l = _jc_plan_page_selected_line (self);
  gboolean locked = plan != NULL && plan->status == JC_PLAN_LOCKED;
  gboolean keep_typed;
  g_autofree char *title = NULL;

  /* A reload (after the previous line's save) while this line's values are
   * being typed keeps them. */
  keep_typed = self->form_dirty && _jc_plan_line_is (l, self->form_item, self->form_supplement);
  if (!keep_typed)
    clear_actual_error (self);
  if (!locked)
    title = g_strdup (_("Lock the plan to record what was bought"));
  else if (l == NULL)
    title = g_strdup (_("Select a line to record what was bought"));
  else
    /* TRANSLATORS: heading of the actuals entry: "Bought: 大白菜" */
    title = g_strdup_printf (_("Bought: %s"), l->item_name);
  gtk_label_set_text (self->actual_title, title);
  if (l == NULL)
    {
      fill_entry (self, self->qty_entry, "");
      fill_entry (self, self->price_entry, "");
      gtk_label_set_text (self->qty_unit_label, "");
      gtk_label_set_text (self->price_unit_label, "");
      g_clear_pointer (&self->form_item, g_free);
      self->form_dirty = FALSE;
      return;
    }
  {
    g_autofree char *qty = jc_format_qty (l->has_actual ? l->actual_qty_milli : l->purchase_milli);
    g_autofree char *price = NULL;
    g_autofree char *per = NULL;

    if (l->has_actual)
      price = jc_format_price (l->actual_price_milliyuan);
    else if (l->has_price)
      price = jc_format_price (l->price_milliyuan);
    if (!keep_typed)
      {
        fill_entry (self, self->qty_entry, l->has_actual ? qty : "");
        fill_entry (self, self->price_entry, l->has_actual && price ? price : "");
        g_free (self->form_item);
        self->form_item = g_strdup (l->item_code);
        self->form_supplement = l->supplement_id;
        self->form_dirty = FALSE;
      }
    gtk_entry_set_placeholder_text (self->qty_entry, l->has_actual ? NULL : qty);
    gtk_entry_set_placeholder_text (self->price_entry, l->has_actual ? NULL : price);
    gtk_label_set_text (self->qty_unit_label, jc_ui_base_unit_label (l->base_unit));
    /* TRANSLATORS: a unit price: "¥/kg" */
    per = g_strdup_printf (_("¥/%s"), jc_ui_base_unit_label (l->base_unit));
    gtk_label_set_text (self->price_unit_label, per);
  }
}

void
_jc_plan_page_on_selection_changed_cb (JcPlanPage *self)
{
  const JcPlanLine *l;

  if (self->rows_filling || self->reverting)
    return;
  l = _jc_plan_page_selected_line (self);
  /* Leaving a line with typed values saves them; values that cannot be
   * saved bring the selection back to their line, with the error. */
  if (self->form_dirty && self->form_item != NULL &&
      !_jc_plan_line_is (l, self->form_item, self->form_supplement) &&
      !_jc_plan_page_leave_form (self))
    {
      guint position = GTK_INVALID_LIST_POSITION;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

      for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
          const PlanRow *row = _jc_plan_row_of (item);

          if (row->kind == ROW_LINE && _jc_plan_line_is (row->line, self->form_item,
                                                         self->form_supplement))
            position = i;
        }
      if (position != GTK_INVALID_LIST_POSITION)
        {
          self->reverting = TRUE;
          gtk_single_selection_set_selected (self->selection, position);
          self->reverting = FALSE;
          _jc_plan_page_update_drill (self);
          _jc_plan_page_update_actions (self);
          return;
        }
    }
  _jc_plan_page_update_drill (self);
  _jc_plan_page_update_actual_form (self);
  _jc_plan_page_update_actions (self);
}

void
_jc_plan_page_set_actual_sensitive (JcPlanPage *self,
                                    gboolean    sensitive)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A text entry that turns insensitive with the focus keeps its cursor
   * blinking: the focus goes back to the table first. */
  if (!sensitive && focus != NULL && gtk_widget_is_ancestor (focus, self->actual_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->plan_view));
  gtk_widget_set_sensitive (self->actual_box, sensitive);
}

/* ---- recording actuals ------------------------------------------------------------ */

/* The typed actual quantity (base units) or price (yuan per base unit):
 * exact, rounded once to the milli-unit, greater than zero.  FALSE with
 * the message to show. */
static gboolean
parse_actual (GtkEntry  *entry,
              gboolean   is_price,
              gint64    *out,
              char     **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  JcUnitFactor one = { 1, 1 };
  JcDecimal d;
  gint64 v = 0;
  gboolean ok;

  ok = jc_decimal_parse (text, &d, &error) && jc_decimal_qty_to_base (&d, &one, &v, &error);
  if (!ok && g_error_matches (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
    {
      *message = is_price
        ? g_strdup_printf (ngettext ("Actual price: “%s” has more than %d decimal",
                                     "Actual price: “%s” has more than %d decimals",
                                     JC_DECIMAL_MAX_DECIMALS),
                           text, JC_DECIMAL_MAX_DECIMALS)
        : g_strdup_printf (ngettext ("Actual quantity: “%s” has more than %d decimal",
                                     "Actual quantity: “%s” has more than %d decimals",
                                     JC_DECIMAL_MAX_DECIMALS),
                           text, JC_DECIMAL_MAX_DECIMALS);
      return FALSE;
    }
  if (!ok || v <= 0 || v > JC_MAX_MILLI)
    {
      *message = is_price
        ? g_strdup (_("Actual price: enter the price in yuan per base unit, greater than "
                      "zero, like 1.30"))
        : g_strdup (_("Actual quantity: enter an amount greater than zero, like 21.5"));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static void
on_actual_entry_changed_cb (JcPlanPage  *self,
                            GtkEditable *entry)
{
  gint64 v;
  g_autofree char *message = NULL;

  if (self->form_filling)
    return;
  self->form_dirty = TRUE;
  /* the error goes as soon as the value it is about is right */
  if (self->error_entry == NULL)
    clear_actual_error (self);
  else if (GTK_ENTRY (entry) == self->error_entry &&
           parse_actual (self->error_entry, self->error_entry == self->price_entry, &v, &message))
    clear_actual_error (self);
}

static void
on_qty_entry_activate_cb (JcPlanPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->price_entry));
}

static void
on_record_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PendingSave *ps;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ps = g_queue_pop_head (self->saves);
  if (error != NULL)
    {
      g_autofree char *message = NULL;
      const JcPlanLine *l = _jc_plan_page_selected_line (self);

      /* a save failed: the window stays open on the error */
      self->close_pending = FALSE;

      /* TRANSLATORS: a save of the actuals failed: "Not saved: 大白菜 (41 kg at 2.40): …" */
      message = g_strdup_printf (_("Not saved: %s (%s at %s): %s"), ps->item_name, ps->qty_text,
                                 ps->price_text, error->message);
      /* The values come back into the entries when nothing else is typed
       * there; the message names them in any case. */
      if (g_str_equal (ps->date, self->date) && !self->form_dirty)
        {
          g_free (self->keep_item);
          self->keep_item = g_strdup (ps->item_code);
          self->keep_supplement = ps->supplement_id;
          if (l != NULL && !_jc_plan_line_is (l, ps->item_code, ps->supplement_id))
            _jc_plan_page_select_line (self, ps->item_code, ps->supplement_id);
          fill_entry (self, self->qty_entry, ps->qty_text);
          fill_entry (self, self->price_entry, ps->price_text);
          g_free (self->form_item);
          self->form_item = g_strdup (ps->item_code);
          self->form_supplement = ps->supplement_id;
          self->form_dirty = TRUE;
        }
      show_actual_error (self, NULL, message);
    }
  else
    {
      g_autofree char *saved = g_strdup_printf (_("Saved: %s"), ps->item_name);

      jc_ui_toast (GTK_WIDGET (self), saved);
    }
  _jc_plan_page_pending_save_free (ps);
  start_next_save (self);
}

/* One save at a time, in the order typed; the plan is read again when the
 * last one is done. */
static void
start_next_save (JcPlanPage *self)
{
  PendingSave *ps = g_queue_peek_head (self->saves);

  if (ps == NULL)
    {
      self->saving = FALSE;
      _jc_plan_page_set_busy (self);
      if (self->close_pending && self->close_window != NULL)
        {
          /* all typed values are stored: the window closes as asked */
          self->close_pending = FALSE;
          self->close_allowed = TRUE;
          gtk_window_close (self->close_window);
          return;
        }
      self->close_pending = FALSE;
      _jc_plan_page_load_plan (self);
      return;
    }
  self->saving = TRUE;
  _jc_plan_page_set_busy (self);
  jc_plan_task_record (self->store, ps->date, ps->item_code, ps->supplement_id, ps->qty_milli,
                       ps->price_milliyuan,
                       g_get_user_name (), _jc_plan_page_work_cancellable (self), on_record_done,
                       g_object_ref (self));
}

/* The name of the item the entries hold. */
static const char *
current_form_name (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);

  for (guint i = 0; plan != NULL && i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      if (_jc_plan_line_is (l, self->form_item, self->form_supplement))
        return l->item_name;
    }
  return self->form_item;
}

/* Checks the entries and queues their save for the line they hold.  FALSE
 * (with the error shown on the entry) when a value is wrong. */
static gboolean
save_form (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  g_autofree char *message = NULL;
  PendingSave *ps;
  gint64 qty = 0, price = 0;
  const char *name = self->form_item;

  if (plan == NULL || self->form_item == NULL)
    return FALSE;
  clear_actual_error (self);
  if (!parse_actual (self->qty_entry, FALSE, &qty, &message))
    {
      show_actual_error (self, self->qty_entry, message);
      return FALSE;
    }
  if (!parse_actual (self->price_entry, TRUE, &price, &message))
    {
      show_actual_error (self, self->price_entry, message);
      return FALSE;
    }
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      if (_jc_plan_line_is (l, self->form_item, self->form_supplement))
        name = l->item_name;
    }
  ps = g_new0 (PendingSave, 1);
  g_strlcpy (ps->date, self->date, sizeof ps->date);
  ps->item_code = g_strdup (self->form_item);
  ps->supplement_id = self->form_supplement;
  ps->item_name = g_strdup (name);
  ps->qty_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry))));
  ps->price_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_entry))));
  ps->qty_milli = qty;
  ps->price_milliyuan = price;
  self->form_dirty = FALSE;
  g_queue_push_tail (self->saves, ps);
  if (!self->saving)
    start_next_save (self);
  return TRUE;
}

/* The entries are about to show another line (or another day): what was
 * typed is saved.  Both cleared: nothing to save.  FALSE: a value is
 * wrong, the error is shown and the values stay. */
gboolean
_jc_plan_page_leave_form (JcPlanPage *self)
{
  const char *qty = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  const char *price = gtk_editable_get_text (GTK_EDITABLE (self->price_entry));
  g_autofree char *q = g_strstrip (g_strdup (qty));
  g_autofree char *p = g_strstrip (g_strdup (price));

  if (!self->form_dirty || self->form_item == NULL)
    return TRUE;
  if (*q == '\0' && *p == '\0')
    {
      self->form_dirty = FALSE;
      return TRUE;
    }
  return save_form (self);
}

static void
on_unsaved_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        JcPlanPage       *self)
{
  if (!g_str_equal (response, "close") || self->close_window == NULL)
    return;
  /* what is typed is let go, as the clerk chose */
  self->form_dirty = FALSE;
  self->close_allowed = TRUE;
  gtk_window_close (self->close_window);
}

/* The window is asked to close (its close button, Ctrl+W, the app's
 * quit): what is typed in the actuals and not saved yet is saved first,
 * on the worker, and the window closes when every save is done.  A typed
 * value that is wrong holds the close with a question; a failed save holds
 * it with its error on the page. */
gboolean
_jc_plan_page_on_root_close_request_cb (GtkWindow  *window,
                                        JcPlanPage *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->close_allowed || self->db_path == NULL)
    return FALSE;
  g_set_weak_pointer (&self->close_window, window);
  if (!self->saving && gtk_widget_is_sensitive (self->actual_box) &&
      !_jc_plan_page_leave_form (self))
    {
      /* TRANSLATORS: %s the item whose typed purchase is wrong */
      heading = g_strdup_printf (_("The Purchase of %s Is Not Saved"),
                                 self->form_item != NULL ? current_form_name (self) : "");
      dialog = ADW_MESSAGE_DIALOG (
        adw_message_dialog_new (window, heading, gtk_label_get_text (self->actual_error)));
      adw_message_dialog_add_responses (dialog,
                                        "keep", _("_Keep Editing"),
                                        "close", _("_Close Without Saving"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (!self->saving)
    return FALSE;
  self->close_pending = TRUE;
  return TRUE;
}

void
_jc_plan_page_record_activated (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  if (_jc_plan_page_selected_line (self) == NULL)
    return;
  save_form (self);
}

/* Enter in the price: save, and on to the quantity of the next line. */
static void
on_price_entry_activate_cb (JcPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint current = gtk_single_selection_get_selected (self->selection);

  if (_jc_plan_page_selected_line (self) == NULL || !gtk_widget_is_sensitive (self->actual_box) ||
      !save_form (self))
    return;
  for (guint i = current + 1; current != GTK_INVALID_LIST_POSITION && i < n; i++)
    {
      g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (_jc_plan_row_of (item)->kind == ROW_LINE)
        {
          jc_ui_select_position (self->plan_view, i);
          gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
          return;
        }
    }
}

static void
on_plan_view_activate_cb (JcPlanPage *self,
                          guint       position)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);

  /* Enter on a line of a locked plan: type what was bought. */
  if (plan != NULL && plan->status == JC_PLAN_LOCKED && _jc_plan_page_selected_line (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
}

/* The entries' callbacks: called from class_init, after the template is
 * set. */
void
_jc_plan_page_class_actuals_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_plan_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_actual_entry_changed_cb);
}
