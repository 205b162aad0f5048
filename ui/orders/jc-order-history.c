/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-history.c: the order editor's history pane — who changed what
 * on the order and why, newest first, read on a worker thread when the
 * pane is shown or the order is saved.  It only shows: it changes nothing
 * of the order. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>

#include "jc-order-editor-private.h"
#include "jc-order-format.h"
#include "jc-order-tasks.h"
#include "jc-record.h"

static void
history_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "caption");
  gtk_widget_add_css_class (gtk_widget_get_first_child (box), "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
history_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 JcOrderEditor            *self)
{
  const JcAuditEntry *e = jc_order_row_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *head = gtk_widget_get_first_child (box);
  GtkWidget *what = gtk_widget_get_next_sibling (head);
  GtkWidget *why = gtk_widget_get_next_sibling (what);
  g_autofree char *at = jc_order_format_timestamp (e->at, FALSE);
  g_autofree char *head_text = NULL;
  g_autoptr(GString) what_text = g_string_new (jc_order_format_action (e->action));

  /* TRANSLATORS: in the order history: when and who */
  head_text = g_strdup_printf (C_("order history", "%s · %s"), at, e->who ? e->who : "");
  gtk_label_set_text (GTK_LABEL (head), head_text);
  if (e->item_code != NULL)
    {
      const char *name = NULL;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

      for (guint i = 0; i < n && name == NULL; i++)
        {
          g_autoptr(JcRecord) record = g_list_model_get_item (G_LIST_MODEL (self->items), i);
          const JcItem *item = jc_record_get_data (record);

          if (g_strcmp0 (item->code, e->item_code) == 0)
            name = item->name;
        }
      g_string_append_printf (what_text, ": %s %s", e->item_code, name ? name : "");
    }
  if (e->item_code != NULL && ((e->before && *e->before) || (e->after && *e->after)))
    g_string_append_printf (what_text, "\n%s → %s", e->before && *e->before ? e->before : "—",
                            e->after && *e->after ? e->after : "—");
  gtk_label_set_text (GTK_LABEL (what), what_text->str);
  if (e->reason != NULL && *e->reason != '\0')
    {
      g_autofree char *reason = g_strdup_printf (_("Reason: %s"), e->reason);

      gtk_label_set_text (GTK_LABEL (why), reason);
      gtk_widget_set_visible (why, TRUE);
    }
  else
    gtk_widget_set_visible (why, FALSE);
}

static void
on_history_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(JcOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = jc_order_task_history_finish (result, &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      gtk_label_set_text (self->history_empty_label, error->message);
      gtk_stack_set_visible_child_name (self->history_stack, "empty");
      return;
    }
  /* Newest first: the last change is what a person asks about. */
  for (guint i = entries->len; i > 0; i--)
    g_ptr_array_add (rows, jc_order_row_new (g_steal_pointer (&entries->pdata[i - 1]),
                                             (GDestroyNotify) jc_audit_entry_free));
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       rows->pdata, rows->len);
  if (rows->len == 0)
    {
      gtk_label_set_text (self->history_empty_label, _("No changes recorded yet."));
      gtk_stack_set_visible_child_name (self->history_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->history_stack, "list");
}

void
_jc_order_editor_load_history (JcOrderEditor *self)
{
  g_list_store_remove_all (self->history);
  if (self->order == NULL || self->order->id == 0)
    {
      gtk_label_set_text (self->history_empty_label,
                          _("No history yet: this order has not been saved."));
      gtk_stack_set_visible_child_name (self->history_stack, "empty");
      return;
    }
  jc_order_task_history (self->db_path, self->order->id, self->cancellable, on_history_loaded,
                         g_object_ref (self));
}

void
_jc_order_editor_history_init (JcOrderEditor *self)
{
  GtkListItemFactory *factory;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (history_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (history_bind_cb), self);
  gtk_list_view_set_factory (self->history_view, factory);
  g_object_unref (factory);
  {
    g_autoptr(GtkNoSelection) none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->history)));

    gtk_list_view_set_model (self->history_view, GTK_SELECTION_MODEL (none));
  }
}
