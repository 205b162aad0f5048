/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page.c: the Prices page itself — its construction and
 * properties, the state of the market list (search, category, selection),
 * reading the market of the day and the selected item's history (on
 * jc-price-tasks.c's workers), and the badges of the views beside it.  Its
 * rows and cells are in jc-prices-page-view.c, fetching, importing and the
 * actions in jc-prices-page-actions.c; the struct they share is in
 * jc-prices-page-private.h.  It must not read the database itself nor run
 * a thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-date.h"
#include "jc-price-tasks.h"
#include "jc-prices-page-private.h"
#include "jc-ui-util.h"

G_DEFINE_FINAL_TYPE (JcPricesPage, jc_prices_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  PROP_RANGE,
  PROP_FETCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_history (JcPricesPage *self,
                          gboolean      force);

/* ---- dates ------------------------------------------------------------ */

/* The first day of the chart's range, NULL: everything. */
static char *
range_start (const char *date,
             const char *range)
{
  GDate d;
  char out[JC_DATE_LEN];

  if (!jc_date_parse (date, &d) || g_strcmp0 (range, "all") == 0)
    return NULL;
  if (g_strcmp0 (range, "1m") == 0)
    g_date_subtract_months (&d, 1);
  else if (g_strcmp0 (range, "1y") == 0)
    g_date_subtract_years (&d, 1);
  else
    g_date_subtract_months (&d, 3);
  g_date_add_days (&d, 1);
  jc_date_format (&d, out);
  return g_strdup (out);
}

/* ---- busy state ------------------------------------------------------- */

void
_jc_prices_page_update_busy (JcPricesPage *self)
{
  gboolean loading = self->load_cancellable != NULL;
  gboolean history = self->history_cancellable != NULL;
  gboolean fetching = self->fetch_cancellable != NULL;

  gtk_spinner_set_spinning (self->busy_spinner, loading && self->loaded_once);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), loading && self->loaded_once);
  gtk_spinner_set_spinning (self->history_spinner, history);
  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), history);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prices.fetch",
                                 !fetching && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prices.import",
                                 !fetching && self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prices.cancel-fetch", fetching);
  gtk_revealer_set_reveal_child (self->fetch_revealer, fetching);
}

/* ---- filtering and state ---------------------------------------------- */

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  JcPricesPage *self = user_data;
  const JcMarketRow *row = JC_MARKET_OBJECT (item)->row;
  char *no_aliases[] = { NULL };
  JcItem it = { 0 };

  if (self->category_filter != NULL && g_strcmp0 (row->category, self->category_filter) != 0)
    return FALSE;
  /* name, pinyin initials ("dbc" finds 大白菜) or code, as the catalog searches */
  it.code = row->item_code;
  it.name = row->item_name;
  it.pinyin = row->pinyin;
  it.aliases = no_aliases;
  return jc_item_matches (&it, self->query);
}

static void
update_state (JcPricesPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *visible = gtk_stack_get_visible_child_name (self->market_stack);
  g_autofree char *count = NULL;

  if (n_shown != n_all)
    /* TRANSLATORS: "3 of 162 items" shown by a search or a category */
    count = g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", n_all), n_shown, n_all);
  else
    count = g_strdup_printf (ngettext ("%u item", "%u items", n_all), n_all);
  gtk_label_set_text (self->count_label, n_all > 0 ? count : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_all > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), n_all > 0);

  if (g_strcmp0 (visible, "error") == 0)
    return;
  if (!self->loaded_once && self->store != NULL)
    gtk_stack_set_visible_child_name (self->market_stack, "loading");
  else if (n_all == 0)
    gtk_stack_set_visible_child_name (self->market_stack, "empty");
  else if (n_shown == 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (self->query != NULL && *self->query != '\0')
        text = g_strdup_printf (_("No item with a price matches “%s”. Search looks at names, "
                                  "pinyin initials and codes."),
                                gtk_editable_get_text (self->search_entry));
      else
        text = g_strdup (_("No item of this category has a price."));
      escaped = g_markup_escape_text (text, -1);
      adw_status_page_set_description (self->no_results_page, escaped);
      gtk_stack_set_visible_child_name (self->market_stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->market_stack, "list");
}

static void
on_search_changed_cb (JcPricesPage *self)
{
  g_free (self->query);
  self->query = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_category_selected_cb (JcPricesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  const char *code = NULL;

  /* position 0 is "All categories" */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->categories->len)
    code = ((JcCategory *) g_ptr_array_index (self->categories, selected - 1))->code;
  if (g_strcmp0 (code, self->category_filter) == 0)
    return;
  g_free (self->category_filter);
  self->category_filter = g_strdup (code);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* The dropdown keeps its choice across reloads. */
static void
set_categories (JcPricesPage *self,
                GPtrArray    *categories)
{
  g_autofree char *keep = g_strdup (self->category_filter);
  guint selected = 0;

  g_ptr_array_unref (self->categories);
  self->categories = g_ptr_array_ref (categories);
  g_signal_handlers_block_by_func (self->category_dropdown, on_category_selected_cb, self);
  gtk_string_list_splice (self->category_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->category_names)) - 1,
                          NULL);
  for (guint i = 0; i < categories->len; i++)
    {
      JcCategory *cat = g_ptr_array_index (categories, i);

      gtk_string_list_append (self->category_names, cat->name);
      if (g_strcmp0 (cat->code, keep) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->category_dropdown, on_category_selected_cb, self);
  if (selected == 0 && self->category_filter != NULL)
    {
      g_clear_pointer (&self->category_filter, g_free);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }
}

static const JcMarketRow *
get_selected_row (JcPricesPage *self)
{
  JcMarketObject *obj = gtk_single_selection_get_selected_item (self->selection);

  return obj ? obj->row : NULL;
}

static guint
find_item (JcPricesPage *self,
           gint64        item_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcMarketObject) obj = g_list_model_get_item (model, i);

      if (obj->row->item_id == item_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_selection_changed_cb (JcPricesPage *self)
{
  load_history (self, FALSE);
}

/* ---- loading the market ----------------------------------------------- */

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcPricesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcPriceMarket *r = jc_price_task_load_market_finish (result, &error);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  const JcMarketRow *selected;
  gint64 keep = 0;
  guint position;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      g_clear_pointer (&r, jc_price_market_free);
      return;
    }
  g_clear_object (&self->load_cancellable);
  self->loaded_once = TRUE;
  if (r == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      g_list_store_remove_all (self->rows);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->market_stack, "error");
      update_state (self);
      _jc_prices_page_update_busy (self);
      return;
    }
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->market_stack), "error") == 0)
    gtk_stack_set_visible_child_name (self->market_stack, "loading");

  set_categories (self, r->categories);
  {
    gboolean any_spec = FALSE, any_origin = FALSE;

    for (guint i = 0; i < r->rows->len; i++)
      {
        const JcMarketRow *row = r->rows->pdata[i];

        any_spec |= row->spec != NULL && *row->spec != '\0';
        any_origin |= row->origin != NULL && *row->origin != '\0';
      }
    /* The spec and origin columns show what the market published; a source
     * that publishes neither (the demo's feed) would leave two columns
     * empty on every row. */
    gtk_column_view_column_set_visible (self->spec_column, any_spec);
    gtk_column_view_column_set_visible (self->origin_column, any_origin);
  }
  for (guint i = 0; i < r->rows->len; i++)
    {
      g_ptr_array_add (objects, _jc_market_object_new (r->rows->pdata[i]));
      r->rows->pdata[i] = NULL;
    }
  jc_price_market_free (r);

  /* the same item stays selected, and its history is read again: a fetch
   * may have changed it */
  selected = get_selected_row (self);
  if (selected != NULL)
    keep = selected->item_id;
  g_signal_handlers_block_by_func (self->selection, on_selection_changed_cb, self);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       objects->pdata, objects->len);
  position = keep != 0 ? find_item (self, keep) : GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  g_signal_handlers_unblock_by_func (self->selection, on_selection_changed_cb, self);
  update_state (self);
  _jc_prices_page_update_busy (self);
  load_history (self, TRUE);
}

/* Reads the market on a worker thread; a read still running is
 * cancelled.  `names_too`: the names to map as well. */
void
_jc_prices_page_reload (JcPricesPage *self,
                        gboolean      names_too)
{
  g_autofree char *label = NULL;

  /* TRANSLATORS: the market day the page shows */
  label = g_strdup_printf (_("Market day %s"), self->date);
  gtk_label_set_text (self->date_label, label);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  /* setting the store reloads a view: the page's store may have been
   * replaced by another on the same file, never without `names_too` */
  if (names_too ||
      g_strcmp0 (jc_unmapped_view_get_db_path (self->unmapped_view), self->db_path) != 0)
    jc_unmapped_view_set_store (self->unmapped_view, self->store);
  /* a fetch, an import or a mapping can hold or release prices */
  if (names_too || g_strcmp0 (jc_held_view_get_db_path (self->held_view), self->db_path) != 0)
    jc_held_view_set_store (self->held_view, self->store);
  if (self->store == NULL)
    {
      self->loaded_once = TRUE;
      g_list_store_remove_all (self->rows);
      gtk_stack_set_visible_child_name (self->market_stack, "empty");
      update_state (self);
      _jc_prices_page_update_busy (self);
      load_history (self, TRUE);
      return;
    }
  self->load_cancellable = g_cancellable_new ();
  jc_price_task_load_market (self->store, self->date, self->load_cancellable, load_done_cb,
                             g_object_ref (self));
  update_state (self);
  _jc_prices_page_update_busy (self);
}

/**
 * jc_prices_page_reload:
 * Reads the market and the names to map again, on worker threads; reads
 * still running are cancelled.  The selection and the filters stay.
 */
void
jc_prices_page_reload (JcPricesPage *self)
{
  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  _jc_prices_page_reload (self, TRUE);
}

/* ---- the history of the selected item --------------------------------- */

/* What the chart is asked for, back with the points. */
typedef struct {
  JcPricesPage *page;     /* a reference */
  gint64        item_id;
  char         *from;
  char         *to;
} HistoryCall;

static void
history_call_free (HistoryCall *call)
{
  g_object_unref (call->page);
  g_free (call->from);
  g_free (call->to);
  g_free (call);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HistoryCall *call = user_data;
  JcPricesPage *self = call->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = jc_price_task_history_finish (result, &error);
  const JcMarketRow *row;
  g_autofree char *days = NULL;
  g_autofree char *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      history_call_free (call);
      return;
    }
  g_clear_object (&self->history_cancellable);
  _jc_prices_page_update_busy (self);
  if (points == NULL)
    {
      gtk_label_set_text (self->history_error_label, error->message);
      gtk_stack_set_visible_child_name (self->history_stack, "error");
      history_call_free (call);
      return;
    }
  row = get_selected_row (self);
  jc_price_chart_set_unit (self->chart, row ? _jc_price_unit_label (row->base_unit) : NULL);
  jc_price_chart_set_points (self->chart, points, call->from, call->to);
  self->history_item_id = call->item_id;
  if (row != NULL)
    {
      days = g_strdup_printf (ngettext ("%u market day", "%u market days", points->len),
                              points->len);
      /* TRANSLATORS: under the chart: item code · price unit · number of market days */
      subtitle = g_strdup_printf (C_("chart subtitle", "%s · %s · %s"), row->item_code,
                                  _jc_price_unit_label (row->base_unit), days);
      gtk_label_set_text (self->history_subtitle, subtitle);
    }
  gtk_stack_set_visible_child_name (self->history_stack, "chart");
  history_call_free (call);
}

/* Reads the selected item's history for the range; `force` reads it even
 * when the chart shows that item already. */
static void
load_history (JcPricesPage *self,
              gboolean      force)
{
  const JcMarketRow *row = get_selected_row (self);
  HistoryCall *call;

  if (self->history_cancellable != NULL)
    g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (row == NULL || self->store == NULL)
    {
      self->history_item_id = 0;
      jc_price_chart_set_points (self->chart, NULL, NULL, NULL);
      gtk_label_set_text (self->history_title, _("Price History"));
      gtk_label_set_text (self->history_subtitle, "");
      gtk_stack_set_visible_child_name (self->history_stack, "none");
      _jc_prices_page_update_busy (self);
      return;
    }
  if (!force && row->item_id == self->history_item_id)
    {
      _jc_prices_page_update_busy (self);
      return;
    }
  gtk_label_set_text (self->history_title, row->item_name);
  if (row->item_id != self->history_item_id)
    gtk_label_set_text (self->history_subtitle, row->item_code);

  call = g_new0 (HistoryCall, 1);
  call->page = g_object_ref (self);
  call->item_id = row->item_id;
  call->from = range_start (self->date, self->range);
  call->to = g_strdup (self->date);
  self->history_cancellable = g_cancellable_new ();
  jc_price_task_history (self->store, call->item_id, call->from, call->to,
                         self->history_cancellable, history_done_cb, call);
  _jc_prices_page_update_busy (self);
}

static void
on_held_n_held_cb (JcPricesPage *self)
{
  guint n = jc_held_view_get_n_held (self->held_view);
  g_autofree char *text = NULL;

  adw_view_stack_page_set_badge_number (self->held_page, n);
  adw_view_stack_page_set_needs_attention (self->held_page, n > 0);
  text = g_strdup_printf (ngettext ("%u price is held for review: it is far from its item's "
                                    "usual price, and plans leave it out until it is released "
                                    "or its unit is corrected.",
                                    "%u prices are held for review: they are far from their "
                                    "items' usual prices, and plans leave them out until they "
                                    "are released or their unit is corrected.", n), n);
  gtk_label_set_text (self->held_label, text);
  gtk_info_bar_set_revealed (self->held_bar, n > 0);
}

static void
on_unmapped_n_names_cb (JcPricesPage *self)
{
  guint n = jc_unmapped_view_get_n_names (self->unmapped_view);

  adw_view_stack_page_set_badge_number (self->to_map_page, n);
  adw_view_stack_page_set_needs_attention (self->to_map_page, n > 0);
}

/* ---- GObject ---------------------------------------------------------- */

static void
set_range (JcPricesPage *self,
           const char   *range)
{
  if (g_strcmp0 (range, "1m") != 0 && g_strcmp0 (range, "3m") != 0 &&
      g_strcmp0 (range, "1y") != 0 && g_strcmp0 (range, "all") != 0)
    range = JC_PRICES_DEFAULT_RANGE;
  if (g_strcmp0 (self->range, range) == 0)
    return;
  g_free (self->range);
  self->range = g_strdup (range);
  if (self->chart != NULL)
    load_history (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
}

void
_jc_prices_page_notify_fetching (JcPricesPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

static void
jc_prices_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JcPricesPage *self = JC_PRICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_RANGE:
      g_value_set_string (value, self->range);
      break;
    case PROP_FETCHING:
      g_value_set_boolean (value, self->fetch_cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_prices_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JcPricesPage *self = JC_PRICES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      jc_prices_page_set_date (self, g_value_get_string (value));
      break;
    case PROP_RANGE:
      set_range (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_prices_page_dispose (GObject *object)
{
  JcPricesPage *self = JC_PRICES_PAGE (object);

  /* the workers finish on their own; their results are dropped */
  self->disposed = TRUE;
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->history_cancellable != NULL)
    g_cancellable_cancel (self->history_cancellable);
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->history_cancellable);
  g_clear_object (&self->fetch_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_PRICES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_object (&self->category_names);
  G_OBJECT_CLASS (jc_prices_page_parent_class)->dispose (object);
}

static void
jc_prices_page_finalize (GObject *object)
{
  JcPricesPage *self = JC_PRICES_PAGE (object);

  g_free (self->db_path);
  g_free (self->date);
  g_free (self->range);
  g_free (self->query);
  g_free (self->category_filter);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  G_OBJECT_CLASS (jc_prices_page_parent_class)->finalize (object);
}

static void
jc_prices_page_class_init (JcPricesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_prices_page_get_property;
  object_class->set_property = jc_prices_page_set_property;
  object_class->dispose = jc_prices_page_dispose;
  object_class->finalize = jc_prices_page_finalize;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RANGE] =
    g_param_spec_string ("range", NULL, NULL, JC_PRICES_DEFAULT_RANGE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FETCHING] =
    g_param_spec_boolean ("fetching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JC_TYPE_PRICE_CHART);
  g_type_ensure (JC_TYPE_UNMAPPED_VIEW);
  g_type_ensure (JC_TYPE_HELD_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-prices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, fetch_revealer);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, fetch_progress);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, info_bar);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, info_map_button);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, info_source_button);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, market_stack);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, history_title);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, history_subtitle);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, history_spinner);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, history_stack);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, history_error_label);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, range_1m);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, range_3m);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, range_1y);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, range_all);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, to_map_page);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, unmapped_view);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, held_bar);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, held_label);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, held_page);
  gtk_widget_class_bind_template_child (widget_class, JcPricesPage, held_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  _jc_prices_page_class_actions_init (widget_class);
}

static void
jc_prices_page_init (JcPricesPage *self)
{
  GtkSortListModel *sorted;

  self->range = g_strdup (JC_PRICES_DEFAULT_RANGE);
  self->date = g_malloc (JC_DATE_LEN);
  jc_date_today_string (self->date);   /* $JICAI_TODAY moves today */
  gtk_widget_init_template (GTK_WIDGET (self));

  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  self->category_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->category_names, _("All categories"));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->category_names));
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_category_selected_cb), self);

  self->rows = g_list_store_new (JC_TYPE_MARKET_OBJECT);
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  _jc_prices_page_add_columns (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unmapped_view, "notify::n-names",
                           G_CALLBACK (on_unmapped_n_names_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->held_view, "notify::n-held",
                           G_CALLBACK (on_held_n_held_cb), self, G_CONNECT_SWAPPED);
  _jc_prices_page_update_busy (self);
  update_state (self);
}

GtkWidget *
jc_prices_page_new (JcStore *store)
{
  JcPricesPage *self = g_object_new (JC_TYPE_PRICES_PAGE, NULL);

  jc_prices_page_set_store (self, store);
  return GTK_WIDGET (self);
}

/**
 * jc_prices_page_set_store:
 * @store: (nullable) (transfer none): the database to show, NULL: none; it
 *   must stay open until another is set
 * Reads the prices on worker threads, each on its own store on the same
 * file; the same file again reads nothing unless nothing was read yet.
 */
void
jc_prices_page_set_store (JcPricesPage *self,
                          JcStore      *store)
{
  const char *path = store != NULL ? jc_store_get_path (store) : NULL;

  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  self->store = store;
  if (g_strcmp0 (self->db_path, path) == 0 && self->loaded_once)
    return;
  if (g_strcmp0 (self->db_path, path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (path);
      self->loaded_once = FALSE;
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
    }
  jc_prices_page_reload (self);
}

JcStore *
jc_prices_page_get_store (JcPricesPage *self)
{
  g_return_val_if_fail (JC_IS_PRICES_PAGE (self), NULL);

  return self->store;
}

const char *
jc_prices_page_get_db_path (JcPricesPage *self)
{
  g_return_val_if_fail (JC_IS_PRICES_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_prices_page_set_date:
 * @date: "YYYY-MM-DD"; anything else is refused with a critical
 */
void
jc_prices_page_set_date (JcPricesPage *self,
                         const char   *date)
{
  GDate d;

  g_return_if_fail (JC_IS_PRICES_PAGE (self));
  g_return_if_fail (jc_date_parse (date, &d));

  if (g_strcmp0 (self->date, date) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (date);
  jc_prices_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
jc_prices_page_get_date (JcPricesPage *self)
{
  g_return_val_if_fail (JC_IS_PRICES_PAGE (self), NULL);

  return self->date;
}

/* ---- for the tests ---------------------------------------------------- */

gboolean
_jc_prices_page_get_loading (JcPricesPage *self)
{
  return self->load_cancellable != NULL || self->history_cancellable != NULL ||
         jc_unmapped_view_get_busy (self->unmapped_view) ||
         jc_held_view_get_busy (self->held_view);
}

GListModel *
_jc_prices_page_get_shown (JcPricesPage *self)
{
  return G_LIST_MODEL (self->selection);
}

const JcMarketRow *
_jc_prices_page_get_row (JcPricesPage *self,
                         guint         position)
{
  g_autoptr(JcMarketObject) obj = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  /* the store keeps its own reference */
  return obj ? obj->row : NULL;
}

GtkEditable *
_jc_prices_page_get_search_entry (JcPricesPage *self)
{
  return self->search_entry;
}

GtkDropDown *
_jc_prices_page_get_category_dropdown (JcPricesPage *self)
{
  return self->category_dropdown;
}

GtkWidget *
_jc_prices_page_get_column_view (JcPricesPage *self)
{
  return GTK_WIDGET (self->column_view);
}

gboolean
_jc_prices_page_column_shown (JcPricesPage *self,
                              const char   *which)
{
  GtkColumnViewColumn *column = g_str_equal (which, "spec") ? self->spec_column
                                                            : self->origin_column;

  return gtk_column_view_column_get_visible (column);
}

JcPriceChart *
_jc_prices_page_get_chart (JcPricesPage *self)
{
  return self->chart;
}

GtkWidget *
_jc_prices_page_get_range_button (JcPricesPage *self,
                                  const char   *range)
{
  if (g_strcmp0 (range, "1m") == 0)
    return self->range_1m;
  if (g_strcmp0 (range, "3m") == 0)
    return self->range_3m;
  if (g_strcmp0 (range, "1y") == 0)
    return self->range_1y;
  return self->range_all;
}

GtkWidget *
_jc_prices_page_get_fetch_button (JcPricesPage *self)
{
  return self->fetch_button;
}

GtkInfoBar *
_jc_prices_page_get_info_bar (JcPricesPage *self)
{
  return self->info_bar;
}

const char *
_jc_prices_page_get_info_text (JcPricesPage *self)
{
  return gtk_info_bar_get_revealed (self->info_bar) ? gtk_label_get_text (self->info_label) : NULL;
}

JcUnmappedView *
_jc_prices_page_get_unmapped_view (JcPricesPage *self)
{
  return self->unmapped_view;
}

JcHeldView *
_jc_prices_page_get_held_view (JcPricesPage *self)
{
  return self->held_view;
}

GtkWidget *
_jc_prices_page_get_held_bar (JcPricesPage *self)
{
  return GTK_WIDGET (self->held_bar);
}

const char *
_jc_prices_page_get_market_state (JcPricesPage *self)
{
  return gtk_stack_get_visible_child_name (self->market_stack);
}

GtkWidget *
_jc_prices_page_get_info_source_button (JcPricesPage *self)
{
  return self->info_source_button;
}
