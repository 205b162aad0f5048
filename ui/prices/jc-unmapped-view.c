/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-unmapped-view.c: market names to map.  Its loading and mapping run
 * in jc-price-tasks.c: it must not read the database nor run a thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-unmapped-view"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-columns.h"
#include "jc-price-tasks.h"
#include "jc-prices.h"
#include "jc-record.h"
#include "jc-store.h"
#include "jc-suggest.h"
#include "jc-ui-util.h"
#include "jc-unmapped-view-private.h"

#define MAX_SUGGESTIONS 3
/* a suggestion this close (one name holds the other) is the likely one */
#define STRONG_SCORE 700

/* ---- one row: a market name and its suggestions ----------------------- */

#define JC_TYPE_UNMAPPED_ROW (jc_unmapped_row_get_type ())
G_DECLARE_FINAL_TYPE (JcUnmappedRow, jc_unmapped_row, JC, UNMAPPED_ROW, GObject)

struct _JcUnmappedRow {
  GObject     parent_instance;
  JcUnmapped *u;
  char      **codes;    /* suggested items, best first */
  char      **names;
  int        *scores;
  guint       n;
};

G_DEFINE_FINAL_TYPE (JcUnmappedRow, jc_unmapped_row, G_TYPE_OBJECT)

static void
jc_unmapped_row_finalize (GObject *object)
{
  JcUnmappedRow *self = JC_UNMAPPED_ROW (object);

  g_clear_pointer (&self->u, jc_unmapped_free);
  g_strfreev (self->codes);
  g_strfreev (self->names);
  g_free (self->scores);
  G_OBJECT_CLASS (jc_unmapped_row_parent_class)->finalize (object);
}

static void
jc_unmapped_row_class_init (JcUnmappedRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_unmapped_row_finalize;
}

static void
jc_unmapped_row_init (JcUnmappedRow *self)
{
}

/* Takes `u`; `suggestions` index `items`. */
static JcUnmappedRow *
jc_unmapped_row_new (JcUnmapped *u,
                     GArray     *suggestions,
                     GPtrArray  *items)
{
  JcUnmappedRow *self = g_object_new (JC_TYPE_UNMAPPED_ROW, NULL);

  self->u = u;
  self->n = suggestions->len;
  self->codes = g_new0 (char *, self->n + 1);
  self->names = g_new0 (char *, self->n + 1);
  self->scores = g_new0 (int, self->n + 1);
  for (guint i = 0; i < self->n; i++)
    {
      const JcSuggestion *s = &g_array_index (suggestions, JcSuggestion, i);
      const JcItem *item = g_ptr_array_index (items, s->index);

      self->codes[i] = g_strdup (item->code);
      self->names[i] = g_strdup (item->name);
      self->scores[i] = s->score;
    }
  return self;
}

/* ---- the view --------------------------------------------------------- */

struct _JcUnmappedView {
  AdwBin              parent_instance;

  JcStore            *store;    /* borrowed */
  char               *db_path;  /* its file */
  gboolean            disposed;
  GCancellable       *load_cancellable;
  GCancellable       *map_cancellable;
  gboolean            loaded_once;
  char               *query;

  GListStore         *rows;     /* JcUnmappedRow */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GListStore         *items;    /* JcRecord of every active item, for the search */

  GtkEditable        *search_entry;
  GtkLabel           *count_label;
  GtkSpinner         *spinner;
  GtkInfoBar         *message_bar;
  GtkLabel           *message_label;
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
};

G_DEFINE_FINAL_TYPE (JcUnmappedView, jc_unmapped_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_N_NAMES,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_MAPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_busy (JcUnmappedView *self)
{
  return self->load_cancellable != NULL || self->map_cancellable != NULL;
}

static void
set_busy (JcUnmappedView *self,
          gboolean        was_busy)
{
  gboolean busy = is_busy (self);

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tomap.map",
                                 self->map_cancellable == NULL && self->db_path != NULL);
  if (busy != was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_message (JcUnmappedView *self,
              GtkMessageType  type,
              const char     *text)
{
  gtk_info_bar_set_message_type (self->message_bar, type);
  gtk_label_set_text (self->message_label, text);
  gtk_info_bar_set_revealed (self->message_bar, TRUE);
}

static void
on_message_response_cb (JcUnmappedView *self,
                        int             response)
{
  gtk_info_bar_set_revealed (self->message_bar, FALSE);
}

static void
update_state (JcUnmappedView *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;

  if (n_shown != n_all)
    /* TRANSLATORS: "3 of 12 names", market names shown by a search */
    count = g_strdup_printf (ngettext ("%u of %u name", "%u of %u names", n_all), n_shown, n_all);
  else
    count = g_strdup_printf (ngettext ("%u name", "%u names", n_all), n_all);
  gtk_label_set_text (self->count_label, n_all > 0 ? count : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_all > 0);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "error"))
    return;
  if (!self->loaded_once && self->db_path != NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/* ---- cells ------------------------------------------------------------ */

static void create_item_popover_cb (GtkMenuButton *button,
                                    gpointer       user_data);

typedef enum {
  COL_NAME,
  COL_CATEGORY,
  COL_UNIT,
  COL_ROWS,
  COL_LAST_DATE,
  COL_LAST_PRICE,
  COL_MAP,
} Column;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  if (col == COL_MAP)
    {
      GtkWidget *other;

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      for (guint i = 0; i < MAX_SUGGESTIONS; i++)
        {
          GtkWidget *button = gtk_button_new ();

          /* the action comes with its target, in bind */
          gtk_widget_set_visible (button, FALSE);
          gtk_box_append (GTK_BOX (child), button);
        }
      other = gtk_menu_button_new ();
      gtk_menu_button_set_label (GTK_MENU_BUTTON (other), _("Other Item…"));
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (other), create_item_popover_cb,
                                             jc_columns_get_owner (GTK_LIST_ITEM_FACTORY (factory)),
                                             NULL);
      gtk_widget_set_tooltip_text (other, _("Search the catalog for the item this name means"));
      gtk_box_append (GTK_BOX (child), other);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      if (col == COL_ROWS || col == COL_LAST_PRICE)
        {
          gtk_label_set_xalign (GTK_LABEL (child), 1.0f);
          gtk_widget_add_css_class (child, "numeric");
        }
      else
        {
          gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
    }
  gtk_list_item_set_child (list_item, child);
}

static void
bind_map_cell (GtkWidget     *box,
               JcUnmappedRow *row)
{
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < MAX_SUGGESTIONS; i++, child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *tooltip = NULL;

      if (i >= row->n)
        {
          gtk_widget_set_visible (child, FALSE);
          continue;
        }
      gtk_button_set_label (GTK_BUTTON (child), row->names[i]);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (child), "(ss)", row->u->market_name,
                                        row->codes[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (child), "tomap.map");
      /* TRANSLATORS: tooltip of a button: map the market name (first) to the
       * catalog item (its name, then its code) */
      tooltip = g_strdup_printf (_("Map “%s” to %s (%s)"), row->u->market_name, row->names[i],
                                 row->codes[i]);
      gtk_widget_set_tooltip_text (child, tooltip);
      if (i == 0 && row->scores[i] >= STRONG_SCORE)
        gtk_widget_add_css_class (child, "suggested-action");
      else
        gtk_widget_remove_css_class (child, "suggested-action");
      gtk_widget_set_visible (child, TRUE);
    }
  /* the "other item" button learns which name it maps */
  g_object_set_data_full (G_OBJECT (child), "jc-market-name", g_strdup (row->u->market_name),
                          g_free);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (child));
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  JcUnmappedRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (col)
    {
    case COL_NAME:
      text = g_strdup (row->u->market_name);
      break;
    case COL_CATEGORY:
      text = g_strdup (row->u->category);
      break;
    case COL_UNIT:
      text = g_strdup (row->u->unit);
      break;
    case COL_ROWS:
      text = g_strdup_printf ("%u", row->u->n_rows);
      break;
    case COL_LAST_DATE:
      text = g_strdup (row->u->last_date);
      break;
    case COL_LAST_PRICE:
      text = jc_format_price (row->u->last_avg_milliyuan);
      break;
    case COL_MAP:
      bind_map_cell (child, row);
      return;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  if (col == COL_NAME || col == COL_CATEGORY)
    gtk_widget_set_tooltip_text (child, text && *text ? text : NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const JcUnmapped *ua = JC_UNMAPPED_ROW ((gpointer) a)->u;
  const JcUnmapped *ub = JC_UNMAPPED_ROW ((gpointer) b)->u;
  int r;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COL_CATEGORY:
      r = jc_ui_compare_text (ua->category, ub->category);
      break;
    case COL_UNIT:
      r = jc_ui_compare_text (ua->unit, ub->unit);
      break;
    case COL_ROWS:
      r = jc_ui_compare_int (ua->n_rows, ub->n_rows);
      break;
    case COL_LAST_DATE:
      r = g_strcmp0 (ua->last_date, ub->last_date);
      break;
    case COL_LAST_PRICE:
      r = jc_ui_compare_int (ua->last_avg_milliyuan, ub->last_avg_milliyuan);
      break;
    case COL_NAME:
    case COL_MAP:
    default:
      r = 0;
      break;
    }
  if (r == 0)
    r = jc_ui_compare_text (ua->market_name, ub->market_name);
  if (r == 0)
    r = jc_ui_compare_text (ua->unit, ub->unit);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_columns (JcUnmappedView *self)
{
  const JcColumnSpec columns[] = {
    { C_("column title", "Market Name"), COL_NAME },
    { C_("column title", "Category"), COL_CATEGORY },
    { C_("column title", "Unit"), COL_UNIT },
    { C_("column title", "Quotes"), COL_ROWS },
    { C_("column title", "Last Quoted"), COL_LAST_DATE },
    { C_("column title", "Last Price"), COL_LAST_PRICE },
    { C_("column title", "Map To"), COL_MAP, .expand = TRUE, .unsorted = TRUE },
  };

  jc_columns_add (self->column_view, columns, G_N_ELEMENTS (columns), G_CALLBACK (cell_setup_cb),
                  G_CALLBACK (cell_bind_cb), compare_rows, self);
}

/* ---- the "other item" popover ----------------------------------------- */

static gboolean
item_match_cb (gpointer item,
               gpointer user_data)
{
  GtkFilter *filter = user_data;

  return jc_item_matches (jc_record_get_data (item), g_object_get_data (G_OBJECT (filter), "query"));
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (list_item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const JcItem *item = jc_record_get_data (gtk_list_item_get_item (list_item));
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_text (GTK_LABEL (name), item->name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), item->code);
}

static void
map_from_popover (GtkWidget   *list_view,
                  GListModel  *model,
                  guint        position)
{
  GtkWidget *popover = gtk_widget_get_ancestor (list_view, GTK_TYPE_POPOVER);
  GtkWidget *button = popover ? gtk_widget_get_parent (popover) : NULL;
  g_autoptr(JcRecord) record = NULL;
  const char *name;

  if (button == NULL || position >= g_list_model_get_n_items (model))
    return;
  record = g_list_model_get_item (model, position);
  name = g_object_get_data (G_OBJECT (button), "jc-market-name");
  gtk_popover_popdown (GTK_POPOVER (popover));
  if (name != NULL)
    gtk_widget_activate_action (button, "tomap.map", "(ss)", name, jc_record_get_key (record));
}

static void
on_item_activate_cb (GtkListView *list_view,
                     guint        position,
                     gpointer     user_data)
{
  map_from_popover (GTK_WIDGET (list_view),
                    G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
}

static void
on_item_search_changed_cb (GtkSearchEntry *entry,
                           GtkFilter      *filter)
{
  g_object_set_data_full (G_OBJECT (filter), "query",
                          g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)))),
                          g_free);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter maps to the first item found. */
static void
on_item_search_activate_cb (GtkSearchEntry *entry,
                            GtkListView    *list_view)
{
  map_from_popover (GTK_WIDGET (list_view),
                    G_LIST_MODEL (gtk_list_view_get_model (list_view)), 0);
}

static void
create_item_popover_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  JcUnmappedView *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkCustomFilter *filter = gtk_custom_filter_new (item_match_cb, NULL, NULL);
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkWidget *list_view;

  /* the filter reads its query from itself */
  gtk_custom_filter_set_filter_func (filter, item_match_cb, filter, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                        GTK_FILTER (filter));
  selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (list_view), TRUE);
  gtk_widget_add_css_class (list_view, "navigation-sidebar");

  g_object_set (entry, "placeholder-text", _("Name, pinyin initials or code"), NULL);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_item_search_changed_cb), filter);
  g_signal_connect (entry, "activate", G_CALLBACK (on_item_search_activate_cb), list_view);
  g_signal_connect (list_view, "activate", G_CALLBACK (on_item_activate_cb), NULL);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/* ---- loading ---------------------------------------------------------- */

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcUnmappedView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPriceUnmapped) r = jc_price_task_load_unmapped_finish (result, &error);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean was_busy;
  guint before;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;
  was_busy = is_busy (self);
  g_clear_object (&self->load_cancellable);
  set_busy (self, was_busy);
  before = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  if (r == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_list_store_remove_all (self->rows);
    }
  else
    {
      if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "error"))
        gtk_stack_set_visible_child_name (self->stack, "loading");
      for (guint i = 0; i < r->suggestions->len; i++)
        {
          g_ptr_array_add (rows, jc_unmapped_row_new (r->unmapped->pdata[i],
                                                      r->suggestions->pdata[i], r->items));
          r->unmapped->pdata[i] = NULL;
        }
      g_list_store_splice (self->rows, 0, before, rows->pdata, rows->len);
      for (guint i = 0; i < r->items->len; i++)
        {
          g_ptr_array_add (records, jc_record_new_item (r->items->pdata[i]));
          r->items->pdata[i] = NULL;
        }
      g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                           records->pdata, records->len);
    }
  self->loaded_once = TRUE;
  update_state (self);
  if (before != g_list_model_get_n_items (G_LIST_MODEL (self->rows)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NAMES]);
}

/**
 * jc_unmapped_view_reload:
 * Reads the unmapped names again on a worker thread; a load still running
 * is cancelled.
 */
void
jc_unmapped_view_reload (JcUnmappedView *self)
{
  gboolean was_busy;

  g_return_if_fail (JC_IS_UNMAPPED_VIEW (self));

  was_busy = is_busy (self);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->store == NULL)
    {
      guint before = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

      g_list_store_remove_all (self->rows);
      g_list_store_remove_all (self->items);
      self->loaded_once = TRUE;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_busy (self, was_busy);
      update_state (self);
      if (before > 0)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NAMES]);
      return;
    }
  self->load_cancellable = g_cancellable_new ();
  jc_price_task_load_unmapped (self->store, MAX_SUGGESTIONS, self->load_cancellable, load_done_cb,
                               g_object_ref (self));
  set_busy (self, was_busy);
  update_state (self);
}

/* ---- mapping ---------------------------------------------------------- */

/* The mapping asked for, back with its answer. */
typedef struct {
  JcUnmappedView *view;    /* a reference */
  char           *market_name;
  char           *item_code;
} MapCall;

static void
map_call_free (MapCall *call)
{
  g_object_unref (call->view);
  g_free (call->market_name);
  g_free (call->item_code);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MapCall, map_call_free)

static void
map_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(MapCall) call = user_data;
  JcUnmappedView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *item_name = NULL;
  guint rows = 0;
  gboolean was_busy;

  if (!jc_price_task_map_name_finish (result, &item_name, &rows, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->disposed)
    return;
  was_busy = is_busy (self);
  g_clear_object (&self->map_cancellable);
  set_busy (self, was_busy);
  if (error != NULL)
    {
      /* TRANSLATORS: the market name, then why it could not be mapped */
      text = g_strdup_printf (_("Could not map “%s”: %s"), call->market_name, error->message);
      show_message (self, GTK_MESSAGE_ERROR, text);
      return;
    }
  /* TRANSLATORS: "“黄心大白菜” is now 大白菜: 12 prices count for it", after a mapping */
  text = g_strdup_printf (ngettext ("“%s” is now %s: %u price counts for it",
                                    "“%s” is now %s: %u prices count for it", rows),
                          call->market_name, item_name, rows);
  show_message (self, GTK_MESSAGE_INFO, text);
  jc_unmapped_view_reload (self);
  g_signal_emit (self, signals[SIGNAL_MAPPED], 0, call->market_name, call->item_code, rows);
}

static void
map_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JcUnmappedView *self = JC_UNMAPPED_VIEW (widget);
  MapCall *call;
  gboolean was_busy;

  if (self->store == NULL || self->map_cancellable != NULL)
    return;
  was_busy = is_busy (self);
  call = g_new0 (MapCall, 1);
  call->view = g_object_ref (self);
  g_variant_get (parameter, "(ss)", &call->market_name, &call->item_code);
  self->map_cancellable = g_cancellable_new ();
  jc_price_task_map_name (self->store, call->market_name, call->item_code, self->map_cancellable,
                          map_done_cb, call);
  set_busy (self, was_busy);
}

/* ---- search over the names -------------------------------------------- */

static gboolean
row_match_cb (gpointer item,
              gpointer user_data)
{
  JcUnmappedView *self = user_data;
  JcUnmappedRow *row = item;
  g_autofree char *name = NULL;

  if (self->query == NULL || *self->query == '\0')
    return TRUE;
  name = g_utf8_casefold (row->u->market_name, -1);
  return strstr (name, self->query) != NULL;
}

static void
on_search_changed_cb (JcUnmappedView *self)
{
  g_free (self->query);
  self->query = g_utf8_casefold (g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry))),
                                 -1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_unmapped_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JcUnmappedView *self = JC_UNMAPPED_VIEW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_N_NAMES:
      g_value_set_uint (value, jc_unmapped_view_get_n_names (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_unmapped_view_dispose (GObject *object)
{
  JcUnmappedView *self = JC_UNMAPPED_VIEW (object);

  self->disposed = TRUE;
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->map_cancellable != NULL)
    g_cancellable_cancel (self->map_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->map_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_UNMAPPED_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (jc_unmapped_view_parent_class)->dispose (object);
}

static void
jc_unmapped_view_finalize (GObject *object)
{
  JcUnmappedView *self = JC_UNMAPPED_VIEW (object);

  g_free (self->db_path);
  g_free (self->query);
  G_OBJECT_CLASS (jc_unmapped_view_parent_class)->finalize (object);
}

static void
jc_unmapped_view_class_init (JcUnmappedViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_unmapped_view_get_property;
  object_class->dispose = jc_unmapped_view_dispose;
  object_class->finalize = jc_unmapped_view_finalize;

  /* the file of the store shown: set with jc_unmapped_view_set_store() */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_NAMES] =
    g_param_spec_uint ("n-names", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JcUnmappedView::mapped:
   * @market_name: the name mapped
   * @item_code: the item it now belongs to
   * @rows: how many stored quotes were mapped
   * Emitted on the main thread once a mapping is stored.
   */
  signals[SIGNAL_MAPPED] =
    g_signal_new ("mapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-unmapped-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, count_label);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, message_bar);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, message_label);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, stack);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcUnmappedView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_response_cb);

  gtk_widget_class_install_action (widget_class, "tomap.map", "(ss)", map_activated);
}

static void
jc_unmapped_view_init (JcUnmappedView *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (JC_TYPE_UNMAPPED_ROW);
  self->items = g_list_store_new (JC_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (row_match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  set_busy (self, FALSE);
  update_state (self);
}

GtkWidget *
jc_unmapped_view_new (void)
{
  return g_object_new (JC_TYPE_UNMAPPED_VIEW, NULL);
}

void
jc_unmapped_view_set_store (JcUnmappedView *self,
                            JcStore        *store)
{
  const char *path = store != NULL ? jc_store_get_path (store) : NULL;

  g_return_if_fail (JC_IS_UNMAPPED_VIEW (self));

  self->store = store;
  if (g_strcmp0 (self->db_path, path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
      self->loaded_once = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
    }
  jc_unmapped_view_reload (self);
}

const char *
jc_unmapped_view_get_db_path (JcUnmappedView *self)
{
  g_return_val_if_fail (JC_IS_UNMAPPED_VIEW (self), NULL);

  return self->db_path;
}

guint
jc_unmapped_view_get_n_names (JcUnmappedView *self)
{
  g_return_val_if_fail (JC_IS_UNMAPPED_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

gboolean
jc_unmapped_view_get_busy (JcUnmappedView *self)
{
  g_return_val_if_fail (JC_IS_UNMAPPED_VIEW (self), FALSE);

  return is_busy (self);
}

/* ---- for the tests ---------------------------------------------------- */

GListModel *
_jc_unmapped_view_get_shown (JcUnmappedView *self)
{
  return G_LIST_MODEL (self->selection);
}

static JcUnmappedRow *
row_at (JcUnmappedView *self,
        guint           position)
{
  g_autoptr(JcUnmappedRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  /* the model keeps its own reference */
  return row;
}

const JcUnmapped *
_jc_unmapped_view_get_row (JcUnmappedView *self,
                           guint           position)
{
  JcUnmappedRow *row = row_at (self, position);

  return row ? row->u : NULL;
}

const char * const *
_jc_unmapped_view_get_suggestions (JcUnmappedView *self,
                                   guint           position)
{
  JcUnmappedRow *row = row_at (self, position);

  return row ? (const char * const *) row->codes : NULL;
}

GtkWidget *
_jc_unmapped_view_get_column_view (JcUnmappedView *self)
{
  return GTK_WIDGET (self->column_view);
}
