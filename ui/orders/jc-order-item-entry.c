/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-item-entry.c: the order editor's entry row, made for typing.
 *
 * The item entry with its completion list (name, pinyin initials, code —
 * jc_item_matches(), best match first), the quantity, the unit dropdown
 * that answers to typed letters, and the note.  Enter in any of them adds
 * the line, checked by jc_order_line_parse(), and brings the focus back to
 * the item entry.  It hands lines to jc-order-lines-view.c; it does not
 * show them, and it reads nothing from the database. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>

#include "jc-order-editor-private.h"
#include "jc-pinyin.h"
#include "jc-record.h"
#include "jc-ui-util.h"

static void
set_entry_text (JcOrderEditor *self,
                GtkEntry      *entry,
                const char    *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  self->setting_text = FALSE;
}

void
_jc_order_editor_show_entry_error (JcOrderEditor *self,
                                   const char    *message,
                                   GtkWidget     *field)
{
  gtk_label_set_text (self->entry_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error_label), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->item_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->qty_entry), "error");
  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
      if (GTK_IS_EDITABLE (field))
        gtk_editable_select_region (GTK_EDITABLE (field), 0, -1);
    }
}

void
_jc_order_editor_clear_entry_error (JcOrderEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->entry_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->item_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->qty_entry), "error");
}

static void
show_hint (JcOrderEditor *self,
           const char    *hint)
{
  gtk_label_set_text (self->entry_hint_label, hint ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->entry_hint_label), hint != NULL && *hint != '\0');
}

static void
set_units (JcOrderEditor *self,
           const JcItem  *item,
           const char    *select)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  g_auto(GStrv) units = NULL;
  guint position = 0;

  if (item != NULL)
    {
      JcItemUnits iu = jc_item_get_units (item);

      units = jc_unit_list_for_item (&iu);
    }
  else
    {
      /* Until an item is chosen the dropdown only says what it is for. */
      units = g_new0 (char *, 2);
      units[0] = g_strdup (C_("unit placeholder", "Unit"));
    }
  gtk_string_list_splice (self->units, 0, n, (const char * const *) units);
  for (guint i = 0; units[i] != NULL; i++)
    if (g_strcmp0 (units[i], select) == 0)
      position = i;
  gtk_drop_down_set_selected (self->unit_dropdown, position);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), item != NULL);
}

static const char *
selected_unit (JcOrderEditor *self)
{
  guint position = gtk_drop_down_get_selected (self->unit_dropdown);

  if (position == GTK_INVALID_LIST_POSITION || self->picked == NULL)
    return NULL;
  return gtk_string_list_get_string (self->units, position);
}

void
_jc_order_editor_clear_entry_row (JcOrderEditor *self)
{
  self->picked = NULL;
  set_entry_text (self, self->item_entry, "");
  set_entry_text (self, self->qty_entry, "");
  set_entry_text (self, self->note_entry, "");
  set_units (self, NULL, NULL);
  g_clear_pointer (&self->query, g_free);
  gtk_filter_changed (GTK_FILTER (self->item_filter), GTK_FILTER_CHANGE_LESS_STRICT);
  gtk_popover_popdown (self->completion_popover);
  show_hint (self, NULL);
}

static char *
price_hint (JcOrderEditor *self,
            const JcItem  *item)
{
  const JcRefPrice *ref = self->prices ? g_hash_table_lookup (self->prices, &item->id) : NULL;
  const char *unit = jc_ui_base_unit_label (item->base_unit);

  if (ref != NULL && ref->found)
    {
      g_autofree char *price = jc_format_price (ref->price_milliyuan);
      g_autofree char *amount = g_strdup_printf ("%s%s", C_("currency", "¥"), price);

      if (ref->stale)
        /* TRANSLATORS: an item, its reference price, its unit and the date of the price */
        return g_strdup_printf (_("%s: reference price %s per %s (from %s)"), item->name, amount,
                                unit, ref->date);
      /* TRANSLATORS: an item, its reference price and its unit */
      return g_strdup_printf (_("%s: reference price %s per %s"), item->name, amount, unit);
    }
  /* TRANSLATORS: %s is an item */
  return g_strdup_printf (_("%s: no reference price; the line is not counted in the estimate"),
                          item->name);
}

/* The entry row is for `item` now: its units, and its line if it has one
 * (entering it again replaces that line). */
void
_jc_order_editor_pick_item (JcOrderEditor *self,
                            const JcItem  *item)
{
  guint position = _jc_order_editor_find_line (self, G_LIST_MODEL (self->lines), item->id);
  g_autofree char *hint = NULL;

  self->picked = item;
  set_entry_text (self, self->item_entry, item->name);
  gtk_popover_popdown (self->completion_popover);
  _jc_order_editor_clear_entry_error (self);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
      const JcOrderLine *line = _jc_order_editor_line_of (row)->line;
      g_autofree char *qty = jc_format_qty (line->unit_qty_milli);

      set_units (self, item, line->unit);
      set_entry_text (self, self->qty_entry, qty);
      set_entry_text (self, self->note_entry, line->note);
      /* TRANSLATORS: an item already on the order, its quantity and unit */
      hint = g_strdup_printf (_("%s is on the order already (%s %s): Enter replaces that line"),
                              item->name, qty, line->unit);
    }
  else
    {
      set_units (self, item, NULL);
      set_entry_text (self, self->qty_entry, "");
      hint = price_hint (self, item);
    }
  show_hint (self, hint);
}

/* How well an item matches the query: lower is better. */
static int
match_rank (const JcItem *item,
            const char   *query)
{
  g_autofree char *code = NULL;

  if (query == NULL || *query == '\0')
    return 9;
  code = g_utf8_casefold (item->code, -1);
  if (g_str_equal (code, query))
    return 0;
  if (item->pinyin != NULL && g_str_equal (item->pinyin, query))
    return 1;
  if (g_str_equal (item->name, query))
    return 2;
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    if (g_str_equal (*a, query))
      return 2;
  if (item->pinyin != NULL && g_str_has_prefix (item->pinyin, query))
    return 3;
  if (g_str_has_prefix (item->name, query))
    return 4;
  if (g_str_has_prefix (code, query))
    return 5;
  return 6;
}

static gboolean
item_filter_cb (gpointer item,
                gpointer user_data)
{
  JcOrderEditor *self = user_data;

  return jc_item_matches (jc_record_get_data (item), self->query);
}

static int
item_sort_cb (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  JcOrderEditor *self = user_data;
  const JcItem *ia = jc_record_get_data (JC_RECORD ((gpointer) a));
  const JcItem *ib = jc_record_get_data (JC_RECORD ((gpointer) b));
  int r = jc_ui_compare_int (match_rank (ia, self->query), match_rank (ib, self->query));

  /* Shorter names first: "大白菜" before "大白菜心". */
  if (r == 0)
    r = jc_ui_compare_int (g_utf8_strlen (ia->name, -1), g_utf8_strlen (ib->name, -1));
  if (r == 0)
    r = jc_ui_compare_text (ia->code, ib->code);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* An item the text names exactly: its code, name, pinyin initials (when
 * only one item has them) or an alias. */
static const JcItem *
resolve_exact (JcOrderEditor *self,
               const char    *text)
{
  GListModel *model = G_LIST_MODEL (self->completion);
  g_autoptr(JcRecord) first = NULL;
  g_autoptr(JcRecord) second = NULL;
  const JcItem *item;

  if (text == NULL || *text == '\0' || g_list_model_get_n_items (model) == 0)
    return NULL;
  first = g_list_model_get_item (model, 0);
  item = jc_record_get_data (first);
  if (match_rank (item, self->query) > 2)
    return NULL;
  if (g_list_model_get_n_items (model) > 1)
    {
      second = g_list_model_get_item (model, 1);
      /* Two items with the same pinyin initials: the person chooses. */
      if (match_rank (jc_record_get_data (second), self->query) == match_rank (item, self->query) &&
          match_rank (item, self->query) == 1)
        return NULL;
    }
  return item;
}

/* The item of the entry row: the one picked, else the one the completion
 * list has selected (while it is shown), else the one the text names
 * exactly, else the only match.  NULL with the error shown otherwise. */
static const JcItem *
resolve_item (JcOrderEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->item_entry));
  GListModel *model = G_LIST_MODEL (self->completion);
  guint n = g_list_model_get_n_items (model);
  const JcItem *item = NULL;
  g_autofree char *message = NULL;

  if (self->picked != NULL)
    return self->picked;
  if (gtk_widget_get_visible (GTK_WIDGET (self->completion_popover)))
    {
      JcRecord *record = gtk_single_selection_get_selected_item (self->completion);

      if (record != NULL)
        return jc_record_get_data (record);
    }
  item = resolve_exact (self, text);
  if (item == NULL && n == 1 && *text != '\0')
    {
      g_autoptr(JcRecord) only = g_list_model_get_item (model, 0);

      item = jc_record_get_data (only);
    }
  if (item != NULL)
    return item;

  if (*text == '\0')
    message = g_strdup (_("item: type an item’s name, its pinyin initials or its code"));
  else if (n == 0)
    /* TRANSLATORS: %s is what was typed in the item entry */
    message = g_strdup_printf (_("item: “%s” is not in the catalog"), text);
  else
    /* TRANSLATORS: %s is what was typed in the item entry */
    message = g_strdup_printf (ngettext ("item: “%s” matches %u item; choose it with Up, Down and Enter",
                                         "item: “%s” matches %u items; choose one with Up, Down and Enter",
                                         n),
                               text, n);
  _jc_order_editor_show_entry_error (self, message, GTK_WIDGET (self->item_entry));
  return NULL;
}

static void
show_completion (JcOrderEditor *self)
{
  graphene_rect_t bounds;
  GdkRectangle rect;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->completion)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->item_entry)))
    {
      gtk_popover_popdown (self->completion_popover);
      return;
    }
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->item_entry), GTK_WIDGET (self), &bounds))
    {
      rect.x = (int) bounds.origin.x;
      rect.y = (int) bounds.origin.y;
      rect.width = (int) bounds.size.width;
      rect.height = (int) bounds.size.height;
      gtk_popover_set_pointing_to (self->completion_popover, &rect);
    }
  gtk_widget_set_size_request (GTK_WIDGET (self->completion_view),
                               MAX (gtk_widget_get_width (GTK_WIDGET (self->item_entry)), 320), -1);
  gtk_popover_popup (self->completion_popover);
}

static void
move_completion (JcOrderEditor *self,
                 int            delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->completion));
  guint selected = gtk_single_selection_get_selected (self->completion);
  int next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : (int) n - 1;
  else
    next = CLAMP ((int) selected + delta, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->completion, (guint) next);
  gtk_widget_activate_action (GTK_WIDGET (self->completion_view), "list.scroll-to-item", "u",
                              (guint) next);
}

static void
on_item_entry_changed_cb (JcOrderEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->item_entry));
  g_autofree char *query = g_utf8_casefold (text, -1);

  if (self->setting_text)
    return;
  self->picked = NULL;
  g_strstrip (query);
  g_free (self->query);
  self->query = g_steal_pointer (&query);
  gtk_filter_changed (GTK_FILTER (self->item_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->item_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->completion, 0);
  _jc_order_editor_clear_entry_error (self);
  show_hint (self, NULL);
  set_units (self, NULL, NULL);
  if (*self->query != '\0')
    show_completion (self);
  else
    gtk_popover_popdown (self->completion_popover);
}

/* Enter in the item entry: take the item and go on to the quantity. */
static void
commit_item (JcOrderEditor *self)
{
  const JcItem *item = resolve_item (self);

  if (item == NULL)
    return;
  if (item != self->picked)
    _jc_order_editor_pick_item (self, item);
  gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->qty_entry), 0, -1);
}

static void
on_item_entry_activate_cb (JcOrderEditor *self)
{
  commit_item (self);
}

static gboolean
on_item_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        JcOrderEditor         *self)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->completion_popover));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        {
          if (self->query == NULL || *self->query == '\0' || self->picked != NULL)
            return FALSE;
          show_completion (self);
        }
      else
        move_completion (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      move_completion (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (!shown)
        return FALSE;
      move_completion (self, 8);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      if (!shown)
        return FALSE;
      move_completion (self, -8);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      commit_item (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      /* Tab takes the item shown first and moves on as Tab does. */
      if (shown && self->picked == NULL)
        {
          JcRecord *record = gtk_single_selection_get_selected_item (self->completion);

          if (record != NULL)
            _jc_order_editor_pick_item (self, jc_record_get_data (record));
        }
      gtk_popover_popdown (self->completion_popover);
      return FALSE;
    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      gtk_popover_popdown (self->completion_popover);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_item_focus_leave_cb (JcOrderEditor *self)
{
  gtk_popover_popdown (self->completion_popover);
}

static void
on_completion_activate_cb (JcOrderEditor *self,
                           guint          position)
{
  g_autoptr(JcRecord) record = g_list_model_get_item (G_LIST_MODEL (self->completion), position);

  if (record == NULL)
    return;
  _jc_order_editor_pick_item (self, jc_record_get_data (record));
  gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
}

static void
on_qty_entry_changed_cb (JcOrderEditor *self)
{
  if (!self->setting_text)
    gtk_widget_remove_css_class (GTK_WIDGET (self->qty_entry), "error");
}

/* The unit dropdown answers to typing: the first letter of a unit ("k"
 * for kg), the unit's character ("斤") or its pinyin initial ("j" for 斤);
 * typing again goes on to the next unit that matches. */
static gboolean
select_unit_by_char (JcOrderEditor *self,
                     gunichar       c)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);
  guint start = selected == GTK_INVALID_LIST_POSITION ? 0 : selected + 1;
  gunichar lc = g_unichar_tolower (c);

  for (guint k = 0; k < n; k++)
    {
      guint i = (start + k) % n;
      const char *unit = gtk_string_list_get_string (self->units, i);
      g_autofree char *initials = jc_pinyin_initials (unit);
      gunichar first = g_unichar_tolower (g_utf8_get_char (unit));

      if (first == lc || (initials != NULL && g_unichar_tolower (g_utf8_get_char (initials)) == lc &&
                          g_utf8_get_char (unit) >= 0x80))
        {
          gtk_drop_down_set_selected (self->unit_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
on_unit_key_pressed_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        JcOrderEditor         *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);
  gunichar c;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      _jc_order_editor_add_line (self);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (n > 0)
        gtk_drop_down_set_selected (self->unit_dropdown,
                                    selected == GTK_INVALID_LIST_POSITION ? 0 : (selected + 1) % n);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (n > 0)
        gtk_drop_down_set_selected (self->unit_dropdown,
                                    selected == GTK_INVALID_LIST_POSITION || selected == 0
                                    ? n - 1 : selected - 1);
      return TRUE;
    default:
      break;
    }
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isgraph (c))
    return FALSE;
  select_unit_by_char (self, c);
  return TRUE;
}

void
_jc_order_editor_add_line (JcOrderEditor *self)
{
  const JcItem *item;
  const char *qty;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  JcOrderLine *line;

  if (!self->loaded)
    return;
  item = resolve_item (self);
  if (item == NULL)
    return;
  if (item != self->picked)
    _jc_order_editor_pick_item (self, item);
  qty = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  if (*qty == '\0')
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is an item */
      message = g_strdup_printf (_("quantity: type how much %s to order"), item->name);
      _jc_order_editor_show_entry_error (self, message, GTK_WIDGET (self->qty_entry));
      return;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  line = jc_order_line_parse (item, qty, selected_unit (self), note, &error);
  if (line == NULL)
    {
      /* The unit comes from the item's own list: a refused line is a
       * refused quantity. */
      _jc_order_editor_show_entry_error (self, error->message, GTK_WIDGET (self->qty_entry));
      return;
    }
  _jc_order_editor_put_line (self, line);
  _jc_order_editor_clear_entry_error (self);
  _jc_order_editor_clear_entry_row (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_entry));
}

static void
on_add_line_cb (JcOrderEditor *self)
{
  _jc_order_editor_add_line (self);
}

/* ---- the completion list ------------------------------------------------- */

static void
completion_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 1.0f);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
completion_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  user_data)
{
  const JcItem *item = jc_record_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *text = NULL;

  gtk_label_set_text (GTK_LABEL (name), item->name);
  /* TRANSLATORS: in the item completion list: code, pinyin initials, base unit */
  text = g_strdup_printf (C_("completion", "%s · %s · %s"), item->code,
                          item->pinyin ? item->pinyin : "", jc_ui_base_unit_label (item->base_unit));
  gtk_label_set_text (GTK_LABEL (detail), text);
}

/* ---- set-up ---------------------------------------------------------------- */

void
_jc_order_editor_class_item_entry_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_item_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line_cb);
}

void
_jc_order_editor_item_entry_init (JcOrderEditor *self)
{
  GtkListItemFactory *factory;
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkEventController *keys;
  GtkEventController *focus;
  GtkWidget *scrolled;

  /* The completion list: matches of what is typed, best first. */
  self->item_filter = gtk_custom_filter_new (item_filter_cb, self, NULL);
  self->item_sorter = gtk_custom_sorter_new (item_sort_cb, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                        g_object_ref (GTK_FILTER (self->item_filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (GTK_SORTER (self->item_sorter)));
  self->completion = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->completion, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (completion_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (completion_bind_cb), NULL);
  self->completion_view = GTK_LIST_VIEW (gtk_list_view_new (
    GTK_SELECTION_MODEL (g_object_ref (self->completion)), factory));
  gtk_list_view_set_single_click_activate (self->completion_view, TRUE);
  /* The focus stays in the item entry while the list is shown. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->completion_view), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->completion_view), "navigation-sidebar");
  g_signal_connect_swapped (self->completion_view, "activate",
                            G_CALLBACK (on_completion_activate_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->completion_view));
  self->completion_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->completion_popover, scrolled);
  gtk_popover_set_autohide (self->completion_popover, FALSE);
  gtk_popover_set_has_arrow (self->completion_popover, FALSE);
  gtk_popover_set_position (self->completion_popover, GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (GTK_WIDGET (self->completion_popover), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->completion_popover), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->completion_popover), GTK_WIDGET (self));

  /* Keys before the entry's own handling: Up, Down and Enter belong to the list. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "jc-item-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_item_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->item_entry), keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_item_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->item_entry), focus);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "jc-unit-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_unit_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->unit_dropdown), keys);
}
