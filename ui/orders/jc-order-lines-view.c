/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-lines-view.c: the lines of the order on show.
 *
 * Each line is a JcOrderEditorLine (the order line and its estimated cost
 * at the date's reference price) in a JcOrderRow; this file puts, replaces
 * and finds them, shows them in the column view (sortable, the quantity
 * editable in place), and flags unusual quantities, checked on a worker
 * thread once the typing pauses.  It does not read the entry row (that is
 * jc-order-item-entry.c) and saves nothing (jc-order-editor-save.c). */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>

#include "jc-columns.h"
#include "jc-order-editor-private.h"
#include "jc-order-format.h"
#include "jc-order-tasks.h"
#include "jc-ui-util.h"

void
_jc_order_editor_line_free (JcOrderEditorLine *el)
{
  if (el == NULL)
    return;
  jc_order_line_free (el->line);
  g_free (el);
}

const JcItem *
_jc_order_editor_item_by_id (JcOrderEditor *self,
                             gint64         id)
{
  return self->items_by_id ? g_hash_table_lookup (self->items_by_id, &id) : NULL;
}

/* Takes `line`; prices it at the date's reference price. */
JcOrderEditorLine *
_jc_order_editor_line_new (JcOrderEditor *self,
                           JcOrderLine   *line)
{
  JcOrderEditorLine *el = g_new0 (JcOrderEditorLine, 1);
  const JcItem *item = _jc_order_editor_item_by_id (self, line->item_id);
  const JcRefPrice *ref = self->prices ? g_hash_table_lookup (self->prices, &line->item_id) : NULL;

  el->line = line;
  el->base_unit = item ? item->base_unit : JC_BASE_UNIT_KG;
  if (ref != NULL && ref->found &&
      jc_line_cost_fen (line->qty_milli, ref->price_milliyuan, &el->cost_fen, NULL))
    {
      el->has_price = TRUE;
      el->stale_price = ref->stale;
      g_strlcpy (el->price_date, ref->date, sizeof el->price_date);
    }
  return el;
}

const JcOrderEditorLine *
_jc_order_editor_line_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

guint
_jc_order_editor_find_line (JcOrderEditor *self,
                            GListModel    *model,
                            gint64         item_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (model, i);

      if (_jc_order_editor_line_of (row)->line->item_id == item_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The order to save: the stored state with the lines on show. */
JcOrder *
_jc_order_editor_build_order (JcOrderEditor *self)
{
  JcOrder *order = jc_order_dup (self->order);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  g_ptr_array_set_size (order->lines, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      g_ptr_array_add (order->lines, jc_order_line_copy (_jc_order_editor_line_of (row)->line));
    }
  return order;
}

/* ---- unusual quantities -------------------------------------------------- */

void
_jc_order_editor_apply_spikes (JcOrderEditor *self,
                               GPtrArray     *spikes)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  for (guint i = 0; i < spikes->len; i++)
    {
      JcSpike *s = spikes->pdata[i];

      g_hash_table_insert (by_code, s->item_code, s);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      JcOrderEditorLine *el = jc_order_row_get_data (row);
      JcSpike *s = g_hash_table_lookup (by_code, el->line->item_code);
      gboolean spike = s != NULL && s->qty_milli == el->line->qty_milli;

      if (spike != el->spike || (spike && s->median_milli != el->median_milli))
        {
          el->spike = spike;
          el->median_milli = spike ? s->median_milli : 0;
          /* The same row again: the views rebind it and keep the selection. */
          g_list_model_items_changed (G_LIST_MODEL (self->lines), i, 1, 1);
        }
    }
}

static void
on_spikes_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JcOrderEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spikes = jc_order_task_find_spikes_finish (result, &error);

  if (spikes == NULL)
    {
      /* A failed check only leaves the flags as they were; saving checks again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not look for unusual quantities: %s", error->message);
      return;
    }
  _jc_order_editor_apply_spikes (self, spikes);
}

static gboolean
spike_timeout_cb (gpointer user_data)
{
  JcOrderEditor *self = user_data;
  g_autoptr(JcOrder) order = NULL;

  self->spike_timeout = 0;
  if (!self->loaded)
    return G_SOURCE_REMOVE;
  if (self->spike_cancellable != NULL)
    g_cancellable_cancel (self->spike_cancellable);
  g_clear_object (&self->spike_cancellable);
  self->spike_cancellable = g_cancellable_new ();
  order = _jc_order_editor_build_order (self);
  jc_order_task_find_spikes (self->db_path, order, self->spike_cancellable, on_spikes_found,
                             g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Typing stays fast: the check runs once the typing pauses. */
void
_jc_order_editor_schedule_spike_check (JcOrderEditor *self)
{
  g_clear_handle_id (&self->spike_timeout, g_source_remove);
  self->spike_timeout = g_timeout_add (400, spike_timeout_cb, self);
}

static void
select_line (JcOrderEditor *self,
             JcOrderRow    *row)
{
  GListModel *model = G_LIST_MODEL (self->line_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) it = g_list_model_get_item (model, i);

      if (it == row)
        {
          jc_ui_select_position (self->lines_view, i);
          return;
        }
    }
}

/* Puts a line on the order, or replaces the line of the same item. */
void
_jc_order_editor_put_line (JcOrderEditor *self,
                           JcOrderLine   *line)
{
  guint position = _jc_order_editor_find_line (self, G_LIST_MODEL (self->lines), line->item_id);
  g_autoptr(JcOrderRow) row = jc_order_row_new (_jc_order_editor_line_new (self, line),
                                                (GDestroyNotify) _jc_order_editor_line_free);

  if (position == GTK_INVALID_LIST_POSITION)
    g_list_store_append (self->lines, row);
  else
    {
      g_autoptr(JcOrderRow) old = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
      JcOrderEditorLine *el = jc_order_row_get_data (row);
      const JcOrderEditorLine *was = _jc_order_editor_line_of (old);

      /* Flagged until the check says otherwise. */
      el->spike = was->spike && was->line->qty_milli == line->qty_milli;
      el->median_milli = was->median_milli;
      g_list_store_splice (self->lines, position, 1, (gpointer *) &row, 1);
    }
  select_line (self, row);
  _jc_order_editor_mark_changed (self);
}

/* Enter on a line: into the entry row, to change it. */
static void
on_lines_view_activate_cb (JcOrderEditor *self,
                           guint          position)
{
  g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->line_selection), position);
  const JcItem *item;

  if (row == NULL)
    return;
  item = _jc_order_editor_item_by_id (self, _jc_order_editor_line_of (row)->line->item_id);
  if (item == NULL)
    return;
  _jc_order_editor_pick_item (self, item);
  gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->qty_entry), 0, -1);
}

/* ---- the lines' columns ------------------------------------------------- */

typedef enum {
  LINE_CODE,
  LINE_ITEM,
  LINE_QTY,
  LINE_UNIT,
  LINE_BASE,
  LINE_COST,
  LINE_NOTE,
  LINE_FLAG,
} LineColumn;

static void
on_qty_label_editing_cb (GtkEditableLabel *label,
                         GParamSpec       *pspec,
                         JcOrderEditor    *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "jc-list-item");
  JcOrderRow *row = list_item ? gtk_list_item_get_item (list_item) : NULL;
  const JcOrderEditorLine *el;
  const JcItem *item;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  JcOrderLine *line;

  if (gtk_editable_label_get_editing (label) || row == NULL)
    return;
  el = _jc_order_editor_line_of (row);
  item = _jc_order_editor_item_by_id (self, el->line->item_id);
  before = jc_format_qty (el->line->unit_qty_milli);
  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (item == NULL || g_str_equal (text, before))
    return;
  line = jc_order_line_parse (item, text, el->line->unit, el->line->note, &error);
  if (line == NULL)
    {
      _jc_order_editor_show_entry_error (self, error->message, NULL);
      gtk_editable_set_text (GTK_EDITABLE (label), before);
      return;
    }
  _jc_order_editor_clear_entry_error (self);
  _jc_order_editor_put_line (self, line);
}

static void
line_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  JcOrderEditor *self = jc_columns_get_owner (GTK_LIST_ITEM_FACTORY (factory));
  LineColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case LINE_QTY:
      child = gtk_editable_label_new ("");
      gtk_editable_set_alignment (GTK_EDITABLE (child), 1.0f);
      gtk_editable_set_width_chars (GTK_EDITABLE (child), 6);
      gtk_widget_add_css_class (child, "numeric");
      gtk_widget_set_tooltip_text (child, _("Click to change the quantity here, or press Enter "
                                            "on the line to change it in the entry row"));
      /* The keyboard moves over the rows; Enter on a row edits it below. */
      gtk_widget_set_focusable (child, FALSE);
      g_object_set_data (G_OBJECT (child), "jc-list-item", list_item);
      g_signal_connect_object (child, "notify::editing", G_CALLBACK (on_qty_label_editing_cb),
                               self, 0);
      break;
    case LINE_FLAG:
      child = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (child, "warning");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      break;
    case LINE_BASE:
    case LINE_COST:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 1.0f);
      gtk_widget_add_css_class (child, "numeric");
      break;
    case LINE_CODE:
    case LINE_ITEM:
    case LINE_UNIT:
    case LINE_NOTE:
    default:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      break;
    }
  if (GTK_IS_LABEL (child))
    gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
  gtk_list_item_set_child (list_item, child);
}

static void
line_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  LineColumn column = GPOINTER_TO_INT (user_data);
  const JcOrderEditorLine *el = _jc_order_editor_line_of (gtk_list_item_get_item (list_item));
  const JcOrderLine *l = el->line;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (column)
    {
    case LINE_CODE:
      text = g_strdup (l->item_code);
      break;
    case LINE_ITEM:
      text = g_strdup (l->item_name);
      tooltip = g_strdup (l->item_name);
      break;
    case LINE_QTY:
      {
        g_autofree char *qty = jc_format_qty (l->unit_qty_milli);

        gtk_editable_set_text (GTK_EDITABLE (child), qty);
      }
      return;
    case LINE_UNIT:
      /* No unit entered: the base unit. */
      text = g_strdup (l->unit && *l->unit ? l->unit : jc_base_unit_to_display (el->base_unit));
      break;
    case LINE_BASE:
      text = jc_order_format_base_qty (l->qty_milli, el->base_unit);
      break;
    case LINE_COST:
      if (el->has_price)
        {
          text = jc_order_format_money (el->cost_fen);
          if (el->stale_price)
            /* TRANSLATORS: %s is the date of the price used */
            tooltip = g_strdup_printf (_("At the latest reference price, of %s"), el->price_date);
        }
      else
        {
          text = g_strdup (C_("estimated cost", "no price"));
          tooltip = g_strdup (_("No reference price for this item: the line is not counted in the "
                                "estimated cost"));
        }
      gtk_widget_set_opacity (child, el->has_price ? 1.0 : 0.55);
      break;
    case LINE_NOTE:
      text = g_strdup (l->note);
      tooltip = g_strdup (l->note);
      break;
    case LINE_FLAG:
      gtk_widget_set_visible (child, el->spike);
      if (el->spike)
        {
          g_autofree char *qty = jc_order_format_base_qty (l->qty_milli, el->base_unit);
          g_autofree char *median = jc_order_format_base_qty (el->median_milli, el->base_unit);

          /* TRANSLATORS: an unusual quantity: the quantity and the usual one */
          tooltip = g_strdup_printf (_("Unusual: %s is more than 5 times the usual %s (the "
                                       "canteen’s median over the last 8 weeks)"), qty, median);
        }
      gtk_widget_set_tooltip_text (child, tooltip);
      return;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  gtk_widget_set_tooltip_text (child, tooltip && *tooltip ? tooltip : NULL);
}

static int
line_compare_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  LineColumn column = GPOINTER_TO_INT (user_data);
  const JcOrderEditorLine *ea = _jc_order_editor_line_of ((gpointer) a);
  const JcOrderEditorLine *eb = _jc_order_editor_line_of ((gpointer) b);
  int r = 0;

  switch (column)
    {
    case LINE_ITEM:
      r = jc_ui_compare_text (ea->line->item_name, eb->line->item_name);
      break;
    case LINE_QTY:
    case LINE_BASE:
      r = jc_ui_compare_int (ea->line->qty_milli, eb->line->qty_milli);
      break;
    case LINE_UNIT:
      r = jc_ui_compare_text (ea->line->unit, eb->line->unit);
      break;
    case LINE_COST:
      r = jc_ui_compare_int (ea->has_price ? ea->cost_fen : -1, eb->has_price ? eb->cost_fen : -1);
      break;
    case LINE_NOTE:
      r = jc_ui_compare_text (ea->line->note, eb->line->note);
      break;
    case LINE_FLAG:
      r = jc_ui_compare_int (eb->spike, ea->spike);
      break;
    case LINE_CODE:
    default:
      break;
    }
  if (r == 0)
    r = jc_ui_compare_text (ea->line->item_code, eb->line->item_code);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_line_columns (JcOrderEditor *self)
{
  const JcColumnSpec columns[] = {
    { C_("column title", "Code"), LINE_CODE, FALSE, 70 },
    { C_("column title", "Item"), LINE_ITEM, TRUE, 130 },
    { C_("column title", "Quantity"), LINE_QTY, FALSE, 90 },
    { C_("column title", "Unit"), LINE_UNIT, FALSE, 56 },
    { C_("column title", "In Base Units"), LINE_BASE, FALSE, 110 },
    { C_("column title", "Estimated Cost"), LINE_COST, FALSE, 120 },
    { C_("column title", "Note"), LINE_NOTE, TRUE, 110 },
    { C_("column title", "Unusual"), LINE_FLAG, FALSE, 76 },
  };

  jc_columns_add (self->lines_view, columns, G_N_ELEMENTS (columns), G_CALLBACK (line_setup_cb),
                  G_CALLBACK (line_bind_cb), line_compare_cb, self);
}

/* Replaces every line with copies of the lines of `from`. */
void
_jc_order_editor_replace_lines (JcOrderEditor *self,
                                JcOrder       *from)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < from->lines->len; i++)
    {
      JcOrderLine *line = jc_order_line_copy (from->lines->pdata[i]);

      g_ptr_array_add (rows, jc_order_row_new (_jc_order_editor_line_new (self, line),
                                               (GDestroyNotify) _jc_order_editor_line_free));
    }
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       rows->pdata, rows->len);
  _jc_order_editor_mark_changed (self);
}

/* ---- set-up ---------------------------------------------------------------- */

void
_jc_order_editor_class_lines_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_lines_view_activate_cb);
}

void
_jc_order_editor_lines_init (JcOrderEditor *self)
{
  GtkSortListModel *sorted;
  GtkShortcutController *shortcuts;

  /* The lines: sortable by column, Enter edits a line, Delete removes it. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->lines)),
                                    g_object_ref (gtk_column_view_get_sorter (self->lines_view)));
  self->line_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->line_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->line_selection, TRUE);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->line_selection));
  add_line_columns (self);
  g_signal_connect_object (self->line_selection, "notify::selected",
                           G_CALLBACK (_jc_order_editor_update_state), self, G_CONNECT_SWAPPED);
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (shortcuts), "jc-lines-keys");
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                      gtk_named_action_new ("editor.delete-line")));
  gtk_widget_add_controller (GTK_WIDGET (self->lines_view), GTK_EVENT_CONTROLLER (shortcuts));
}
