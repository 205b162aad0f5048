/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-editor.c: one canteen's order, typed fast.
 *
 * The entry row is the heart of it: the item entry with its completion
 * list (name, pinyin initials, code — jc_item_matches()), the quantity,
 * the unit and the note.  Enter in any of them adds the line, checked by
 * jc_order_line_parse(), and brings the focus back to the item entry.
 * Saving goes through one loop on a worker thread: the save is tried, and
 * what the store refuses (unusual quantities to confirm, the cutoff, a
 * locked order, someone else's change) is asked of the person and tried
 * again, so the rules stay in core. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-editor"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-order-editor-private.h"
#include "jc-order-format.h"
#include "jc-order-row.h"
#include "jc-order-tasks.h"
#include "jc-pinyin.h"
#include "jc-record.h"
#include "jc-ui-util.h"

/* One line as the editor shows it: the order line and what it costs. */
typedef struct {
  JcOrderLine *line;
  JcBaseUnit   base_unit;
  gboolean     has_price;
  gboolean     stale_price;
  char         price_date[11];
  gint64       cost_fen;
  gboolean     spike;
  gint64       median_milli;
} EditorLine;

typedef enum {
  ASK_LATE,
  ASK_AMEND,
} AskKind;

struct _JcOrderEditor {
  AdwBin              parent_instance;

  char               *db_path;
  char               *canteen;
  char               *date;
  char               *canteen_name;
  char               *cutoff;
  gboolean            past_cutoff;
  JcOrder            *order;          /* the stored state; its lines are in `lines` */
  GHashTable         *prices;         /* gint64 * item id → JcRefPrice * */
  GHashTable         *items_by_id;    /* gint64 * → JcItem *, borrowed from `items` */

  GListStore         *items;          /* JcRecord of every active item */
  GtkCustomFilter    *item_filter;
  GtkCustomSorter    *item_sorter;
  GtkSingleSelection *completion;
  char               *query;          /* case-folded item entry text */
  const JcItem       *picked;         /* the item the entry row is for */
  GtkStringList      *units;

  GListStore         *lines;          /* JcOrderRow of EditorLine */
  GtkSingleSelection *line_selection;
  GListStore         *history;        /* JcOrderRow of JcAuditEntry */

  GCancellable       *cancellable;    /* everything of the order loaded */
  GCancellable       *spike_cancellable;
  guint               spike_timeout;
  guint               edit_serial;    /* counts the changes */
  guint               saved_serial;   /* the change the store has */
  guint               saving_serial;
  gboolean            loaded;
  gboolean            busy;
  gboolean            show_history;
  gboolean            close_after_save;
  gboolean            setting_text;

  /* the save loop */
  gboolean            save_submit;
  JcOrderSaveFlags    save_flags;
  char               *save_reason;
  gboolean            spikes_confirmed;

  GtkPopover         *completion_popover;
  GtkListView        *completion_view;

  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_label;
  GtkLabel           *late_label;
  GtkLabel           *modified_label;
  GtkSpinner         *busy_spinner;
  GtkInfoBar         *conflict_bar;
  GtkInfoBar         *notice_bar;
  GtkLabel           *notice_label;
  GtkStack           *content_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *error_page;
  GtkStack           *lines_stack;
  GtkColumnView      *lines_view;
  GtkEntry           *item_entry;
  GtkEntry           *qty_entry;
  GtkDropDown        *unit_dropdown;
  GtkEntry           *note_entry;
  GtkLabel           *entry_error_label;
  GtkLabel           *entry_hint_label;
  GtkLabel           *totals_label;
  GtkRevealer        *history_revealer;
  GtkStack           *history_stack;
  GtkListView        *history_view;
  GtkLabel           *history_empty_label;
};

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

static void run_save          (JcOrderEditor *self);
static void load_history      (JcOrderEditor *self);
static void update_state      (JcOrderEditor *self);

/* ---- lines --------------------------------------------------------------- */

static void
editor_line_free (EditorLine *el)
{
  if (el == NULL)
    return;
  jc_order_line_free (el->line);
  g_free (el);
}

static const JcItem *
item_by_id (JcOrderEditor *self,
            gint64         id)
{
  return self->items_by_id ? g_hash_table_lookup (self->items_by_id, &id) : NULL;
}

/* Takes `line`; prices it at the date's reference price. */
static EditorLine *
editor_line_new (JcOrderEditor *self,
                 JcOrderLine   *line)
{
  EditorLine *el = g_new0 (EditorLine, 1);
  const JcItem *item = item_by_id (self, line->item_id);
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

static const EditorLine *
editor_line_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

static guint
find_line (JcOrderEditor *self,
           GListModel    *model,
           gint64         item_id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (model, i);

      if (editor_line_of (row)->line->item_id == item_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The order to save: the stored state with the lines on show. */
static JcOrder *
build_order (JcOrderEditor *self)
{
  JcOrder *order = jc_order_dup (self->order);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  g_ptr_array_set_size (order->lines, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      g_ptr_array_add (order->lines, jc_order_line_copy (editor_line_of (row)->line));
    }
  return order;
}

static gboolean
is_modified (JcOrderEditor *self)
{
  return self->loaded && self->edit_serial != self->saved_serial;
}

/* ---- unusual quantities -------------------------------------------------- */

static void
apply_spikes (JcOrderEditor *self,
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
      EditorLine *el = jc_order_row_get_data (row);
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
  apply_spikes (self, spikes);
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
  order = build_order (self);
  jc_order_task_find_spikes (self->db_path, order, self->spike_cancellable, on_spikes_found,
                             g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Typing stays fast: the check runs once the typing pauses. */
static void
schedule_spike_check (JcOrderEditor *self)
{
  g_clear_handle_id (&self->spike_timeout, g_source_remove);
  self->spike_timeout = g_timeout_add (400, spike_timeout_cb, self);
}

/* ---- state --------------------------------------------------------------- */

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
      const EditorLine *el = editor_line_of (row);

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

static void
update_header (JcOrderEditor *self)
{
  g_autofree char *title = NULL;
  g_autofree char *date = jc_order_format_date (self->date);
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

static void
update_state (JcOrderEditor *self)
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

static void
mark_changed (JcOrderEditor *self)
{
  self->edit_serial++;
  update_totals (self);
  update_state (self);
  schedule_spike_check (self);
}

/* ---- the entry row ------------------------------------------------------- */

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

static void
show_entry_error (JcOrderEditor *self,
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

static void
clear_entry_error (JcOrderEditor *self)
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

static void
clear_entry_row (JcOrderEditor *self)
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
static void
pick_item (JcOrderEditor *self,
           const JcItem  *item)
{
  guint position = find_line (self, G_LIST_MODEL (self->lines), item->id);
  g_autofree char *hint = NULL;

  self->picked = item;
  set_entry_text (self, self->item_entry, item->name);
  gtk_popover_popdown (self->completion_popover);
  clear_entry_error (self);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
      const JcOrderLine *line = editor_line_of (row)->line;
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
  show_entry_error (self, message, GTK_WIDGET (self->item_entry));
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
  clear_entry_error (self);
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
    pick_item (self, item);
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
            pick_item (self, jc_record_get_data (record));
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
  pick_item (self, jc_record_get_data (record));
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

static void add_line (JcOrderEditor *self);

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
      add_line (self);
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
static void
put_line (JcOrderEditor *self,
          JcOrderLine   *line)
{
  guint position = find_line (self, G_LIST_MODEL (self->lines), line->item_id);
  g_autoptr(JcOrderRow) row = jc_order_row_new (editor_line_new (self, line),
                                                (GDestroyNotify) editor_line_free);

  if (position == GTK_INVALID_LIST_POSITION)
    g_list_store_append (self->lines, row);
  else
    {
      g_autoptr(JcOrderRow) old = g_list_model_get_item (G_LIST_MODEL (self->lines), position);
      EditorLine *el = jc_order_row_get_data (row);
      const EditorLine *was = editor_line_of (old);

      /* Flagged until the check says otherwise. */
      el->spike = was->spike && was->line->qty_milli == line->qty_milli;
      el->median_milli = was->median_milli;
      g_list_store_splice (self->lines, position, 1, (gpointer *) &row, 1);
    }
  select_line (self, row);
  mark_changed (self);
}

static void
add_line (JcOrderEditor *self)
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
    pick_item (self, item);
  qty = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  if (*qty == '\0')
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is an item */
      message = g_strdup_printf (_("quantity: type how much %s to order"), item->name);
      show_entry_error (self, message, GTK_WIDGET (self->qty_entry));
      return;
    }
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  line = jc_order_line_parse (item, qty, selected_unit (self), note, &error);
  if (line == NULL)
    {
      /* The unit comes from the item's own list: a refused line is a
       * refused quantity. */
      show_entry_error (self, error->message, GTK_WIDGET (self->qty_entry));
      return;
    }
  put_line (self, line);
  clear_entry_error (self);
  clear_entry_row (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->item_entry));
}

static void
on_add_line_cb (JcOrderEditor *self)
{
  add_line (self);
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
  item = item_by_id (self, editor_line_of (row)->line->item_id);
  if (item == NULL)
    return;
  pick_item (self, item);
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
  const EditorLine *el;
  const JcItem *item;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  JcOrderLine *line;

  if (gtk_editable_label_get_editing (label) || row == NULL)
    return;
  el = editor_line_of (row);
  item = item_by_id (self, el->line->item_id);
  before = jc_format_qty (el->line->unit_qty_milli);
  text = gtk_editable_get_text (GTK_EDITABLE (label));
  if (item == NULL || g_str_equal (text, before))
    return;
  line = jc_order_line_parse (item, text, el->line->unit, el->line->note, &error);
  if (line == NULL)
    {
      show_entry_error (self, error->message, NULL);
      gtk_editable_set_text (GTK_EDITABLE (label), before);
      return;
    }
  clear_entry_error (self);
  put_line (self, line);
}

static void
line_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  JcOrderEditor *self = g_object_get_data (G_OBJECT (factory), "jc-editor");
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
  const EditorLine *el = editor_line_of (gtk_list_item_get_item (list_item));
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
  const EditorLine *ea = editor_line_of ((gpointer) a), *eb = editor_line_of ((gpointer) b);
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
  struct {
    const char *title;
    LineColumn column;
    gboolean expand;
    int width;
  } columns[] = {
    { C_("column title", "Code"), LINE_CODE, FALSE, 70 },
    { C_("column title", "Item"), LINE_ITEM, TRUE, 130 },
    { C_("column title", "Quantity"), LINE_QTY, FALSE, 90 },
    { C_("column title", "Unit"), LINE_UNIT, FALSE, 56 },
    { C_("column title", "In Base Units"), LINE_BASE, FALSE, 110 },
    { C_("column title", "Estimated Cost"), LINE_COST, FALSE, 120 },
    { C_("column title", "Note"), LINE_NOTE, TRUE, 110 },
    { C_("column title", "Unusual"), LINE_FLAG, FALSE, 76 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gpointer data = GINT_TO_POINTER (columns[i].column);
      g_autoptr(GtkColumnViewColumn) col = NULL;
      g_autoptr(GtkSorter) sorter = NULL;

      g_object_set_data (G_OBJECT (factory), "jc-editor", self);
      g_signal_connect (factory, "setup", G_CALLBACK (line_setup_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (line_bind_cb), data);
      col = gtk_column_view_column_new (columns[i].title, factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (line_compare_cb, data, NULL));
      gtk_column_view_column_set_sorter (col, sorter);
      gtk_column_view_column_set_resizable (col, TRUE);
      gtk_column_view_column_set_expand (col, columns[i].expand);
      gtk_column_view_column_set_fixed_width (col, columns[i].width);
      gtk_column_view_append_column (self->lines_view, col);
    }
}

/* ---- the completion list and the history -------------------------------- */

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

static void
load_history (JcOrderEditor *self)
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

static void
set_show_history (JcOrderEditor *self,
                  gboolean       show)
{
  if (self->show_history == show)
    return;
  self->show_history = show;
  gtk_revealer_set_reveal_child (self->history_revealer, show);
  if (show && self->loaded)
    load_history (self);
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
      update_state (self);
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
      if (item_by_id (self, line->item_id) == NULL)
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
      g_ptr_array_add (rows, jc_order_row_new (editor_line_new (self, line),
                                               (GDestroyNotify) editor_line_free));
    }
  g_ptr_array_set_size (self->order->lines, 0);
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       rows->pdata, rows->len);
  apply_spikes (self, data->spikes);

  self->loaded = TRUE;
  self->saved_serial = self->edit_serial;
  clear_entry_row (self);
  clear_entry_error (self);
  gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
  update_header (self);
  update_totals (self);
  update_state (self);
  gtk_stack_set_visible_child_name (self->content_stack, "order");
  if (self->show_history)
    load_history (self);
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
  update_header (self);
  gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
  gtk_spinner_start (self->loading_spinner);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  update_state (self);
  jc_order_task_load_order (db_path, canteen_code, date, self->cancellable, on_order_loaded,
                            g_object_ref (self));
}

/* ---- saving ---------------------------------------------------------------- */

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

static GtkWindow *
parent_window (JcOrderEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
ask_reason (JcOrderEditor *self,
            AskKind        kind,
            const char     *store_message)
{
  g_autofree char *date = jc_order_format_date (self->date);
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
  dialog = adw_message_dialog_new (parent_window (self), heading, body);
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
  dialog = adw_message_dialog_new (parent_window (self), _("Submit Unusual Quantities?"), body->str);
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
  update_state (self);
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
          update_header (self);
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
      apply_spikes (self, saved->spikes);
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
  update_header (self);
  update_state (self);
  jc_ui_toast (GTK_WIDGET (self), self->save_submit ? _("Order submitted") : _("Draft saved"));
  if (self->show_history)
    load_history (self);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0);
  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
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
  update_state (self);
  order = build_order (self);
  jc_order_task_save (self->db_path, order,
                      self->save_flags | (self->save_submit ? JC_ORDER_SAVE_SUBMIT : 0),
                      self->save_reason, self->save_submit && !self->spikes_confirmed,
                      self->cancellable, on_saved, g_object_ref (self));
}

static void
start_save (JcOrderEditor *self,
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

/* ---- copying last week ----------------------------------------------------- */

static void
replace_lines (JcOrderEditor *self,
               JcOrder       *from)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < from->lines->len; i++)
    {
      JcOrderLine *line = jc_order_line_copy (from->lines->pdata[i]);

      g_ptr_array_add (rows, jc_order_row_new (editor_line_new (self, line),
                                               (GDestroyNotify) editor_line_free));
    }
  g_list_store_splice (self->lines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->lines)),
                       rows->pdata, rows->len);
  mark_changed (self);
}

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        JcOrderEditor    *self)
{
  JcOrder *from = g_object_get_data (G_OBJECT (dialog), "jc-order");

  if (g_str_equal (response, "replace") && self->loaded)
    replace_lines (self, from);
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
  update_state (self);
  if (last == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Copy Last Week’s Order"), error->message);
      return;
    }
  jc_order_date_shift (self->date, -7, date);
  if (last->lines->len == 0)
    {
      g_autofree char *message = NULL;
      g_autofree char *day = jc_order_format_date (date);

      /* TRANSLATORS: %s is a date a week before the delivery date */
      message = g_strdup_printf (_("No order of %s to copy"), day);
      jc_ui_toast (GTK_WIDGET (self), message);
      return;
    }
  if (n == 0)
    {
      replace_lines (self, last);
      return;
    }
  /* TRANSLATORS: the lines on the order now, and the lines of last week's order */
  body = g_strdup_printf (ngettext ("Replace the %u line of this order with the %u lines of the "
                                    "order a week before?",
                                    "Replace the %u lines of this order with the %u lines of the "
                                    "order a week before?", n),
                          n, last->lines->len);
  dialog = adw_message_dialog_new (parent_window (self), _("Replace the Lines?"), body);
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
  start_save (JC_ORDER_EDITOR (widget), FALSE);
}

static void
submit_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start_save (JC_ORDER_EDITOR (widget), TRUE);
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
  update_state (self);
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
  add_line (JC_ORDER_EDITOR (widget));
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
  position = find_line (self, G_LIST_MODEL (self->lines), editor_line_of (row)->line->item_id);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  g_list_store_remove (self->lines, position);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->line_selection));
  if (n > 0)
    jc_ui_select_position (self->lines_view, MIN (selected, n - 1));
  mark_changed (self);
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
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      start_save (self, FALSE);
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
      g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
      return;
    }
  /* TRANSLATORS: %s is a canteen code */
  body = g_strdup_printf (_("The order of %s has changes that are not saved."), self->canteen);
  dialog = adw_message_dialog_new (parent_window (self), _("Save the Changes?"), body);
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
  gtk_widget_class_bind_template_callback (widget_class, on_item_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lines_view_activate_cb);

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
  GtkListItemFactory *factory;
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GtkEventController *keys;
  GtkEventController *focus;
  GtkShortcutController *shortcuts;
  GtkWidget *scrolled;

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->items_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  self->items = g_list_store_new (JC_TYPE_RECORD);
  self->lines = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->history = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->units = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (self->units));
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), FALSE);

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

  /* The lines: sortable by column, Enter edits a line, Delete removes it. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->lines)),
                                    g_object_ref (gtk_column_view_get_sorter (self->lines_view)));
  self->line_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->line_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->line_selection, TRUE);
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (self->line_selection));
  add_line_columns (self);
  g_signal_connect_object (self->line_selection, "notify::selected", G_CALLBACK (update_state),
                           self, G_CONNECT_SWAPPED);
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (shortcuts), "jc-lines-keys");
  gtk_shortcut_controller_add_shortcut (shortcuts,
    gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Delete|KP_Delete"),
                      gtk_named_action_new ("editor.delete-line")));
  gtk_widget_add_controller (GTK_WIDGET (self->lines_view), GTK_EVENT_CONTROLLER (shortcuts));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (history_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (history_bind_cb), self);
  gtk_list_view_set_factory (self->history_view, factory);
  g_object_unref (factory);
  {
    g_autoptr(GtkNoSelection) none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->history)));

    gtk_list_view_set_model (self->history_view, GTK_SELECTION_MODEL (none));
  }
  update_totals (self);
  update_state (self);
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
  const EditorLine *el = row ? editor_line_of (row) : NULL;

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
