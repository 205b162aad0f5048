/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page.c: the market today, an item's history, fetching. */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-price-import.h"
#include "jc-prices-page-private.h"
#include "jc-store.h"
#include "jc-ui-util.h"
#include "jc-units.h"

#define FETCH_DAYS 7
#define DEFAULT_RANGE "3m"

/* ---- one row of the market -------------------------------------------- */

#define JC_TYPE_MARKET_OBJECT (jc_market_object_get_type ())
G_DECLARE_FINAL_TYPE (JcMarketObject, jc_market_object, JC, MARKET_OBJECT, GObject)

struct _JcMarketObject {
  GObject      parent_instance;
  JcMarketRow *row;
};

G_DEFINE_FINAL_TYPE (JcMarketObject, jc_market_object, G_TYPE_OBJECT)

static void
jc_market_object_finalize (GObject *object)
{
  g_clear_pointer (&JC_MARKET_OBJECT (object)->row, jc_market_row_free);
  G_OBJECT_CLASS (jc_market_object_parent_class)->finalize (object);
}

static void
jc_market_object_class_init (JcMarketObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_market_object_finalize;
}

static void
jc_market_object_init (JcMarketObject *self)
{
}

/* Takes `row`. */
static JcMarketObject *
jc_market_object_new (JcMarketRow *row)
{
  JcMarketObject *self = g_object_new (JC_TYPE_MARKET_OBJECT, NULL);

  self->row = row;
  return self;
}

/* ---- the page --------------------------------------------------------- */

struct _JcPricesPage {
  AdwBin              parent_instance;

  char               *db_path;
  char               *date;         /* YYYY-MM-DD */
  char               *range;        /* "1m", "3m", "1y", "all" */
  gboolean            disposed;
  gboolean            loaded_once;
  GCancellable       *load_cancellable;
  GCancellable       *history_cancellable;
  GCancellable       *fetch_cancellable;
  gint64              history_item_id;   /* what the chart shows, 0: nothing */

  char               *query;
  char               *category_filter;   /* a category code, NULL: all */
  GPtrArray          *categories;        /* JcCategory */
  GtkStringList      *category_names;
  GListStore         *rows;              /* JcMarketObject */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  GtkLabel           *date_label;
  GtkSpinner         *busy_spinner;
  GtkWidget          *fetch_button;
  GtkRevealer        *fetch_revealer;
  GtkProgressBar     *fetch_progress;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkWidget          *info_map_button;
  GtkWidget          *info_source_button;
  gboolean            offer_add_source;  /* info_source_button adds, not only opens */
  AdwViewStack       *view_stack;
  GtkEditable        *search_entry;
  GtkDropDown        *category_dropdown;
  GtkLabel           *count_label;
  GtkStack           *market_stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *spec_column;     /* borrowed from the column view */
  GtkColumnViewColumn *origin_column;
  GtkLabel           *history_title;
  GtkLabel           *history_subtitle;
  GtkSpinner         *history_spinner;
  GtkStack           *history_stack;
  GtkLabel           *history_error_label;
  JcPriceChart       *chart;
  GtkWidget          *range_1m;
  GtkWidget          *range_3m;
  GtkWidget          *range_1y;
  GtkWidget          *range_all;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  AdwViewStackPage   *to_map_page;
  JcUnmappedView     *unmapped_view;
  GtkInfoBar         *held_bar;
  GtkLabel           *held_label;
  AdwViewStackPage   *held_page;
  JcHeldView         *held_view;
};

G_DEFINE_FINAL_TYPE (JcPricesPage, jc_prices_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATE,
  PROP_RANGE,
  PROP_FETCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_history (JcPricesPage *self,
                          gboolean      force);

/* ---- dates ------------------------------------------------------------ */

static gboolean
parse_date (const char *text,
            GDate      *out)
{
  guint64 y, m, d;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* $JICAI_TODAY when it is a date, else today. */
static char *
default_date (void)
{
  const char *env = g_getenv ("JICAI_TODAY");
  g_autoptr(GDateTime) now = NULL;
  GDate date;

  if (parse_date (env, &date))
    return format_date (&date);
  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* The first day of the chart's range, NULL: everything. */
static char *
range_start (const char *date,
             const char *range)
{
  GDate d;

  if (!parse_date (date, &d) || g_strcmp0 (range, "all") == 0)
    return NULL;
  if (g_strcmp0 (range, "1m") == 0)
    g_date_subtract_months (&d, 1);
  else if (g_strcmp0 (range, "1y") == 0)
    g_date_subtract_years (&d, 1);
  else
    g_date_subtract_months (&d, 3);
  g_date_add_days (&d, 1);
  return format_date (&d);
}

/* ---- texts ------------------------------------------------------------ */

static const char *
price_unit_label (JcBaseUnit unit)
{
  switch (unit)
    {
    /* TRANSLATORS: a price per base unit; Chinese: "元/kg" */
    case JC_BASE_UNIT_KG: return C_("price unit", "¥/kg");
    /* TRANSLATORS: a price per piece; Chinese: "元/个" */
    case JC_BASE_UNIT_PIECE: return C_("price unit", "¥/piece");
    /* TRANSLATORS: a price per litre; Chinese: "元/L" */
    case JC_BASE_UNIT_L: return C_("price unit", "¥/L");
    default: return "";
    }
}

/* A price for a column of prices: 2 or 3 decimals as the value has them,
 * exact; a figure space (as wide as a digit in tabular figures) stands in
 * for a missing third decimal, so that the decimal points line up. */
static char *
format_price_cell (gint64 milliyuan)
{
  char *text = jc_format_price (milliyuan);
  const char *dot = strchr (text, '.');

  if (dot != NULL && strlen (dot + 1) == 2)
    {
      char *padded = g_strconcat (text, "\u2007", NULL);

      g_free (text);
      return padded;
    }
  return text;
}

/* "↑ 3.4%": a change in ‰ as a percentage with one decimal. */
static char *
format_change (gint64 permille)
{
  g_autofree char *number = jc_format_decimal (permille < 0 ? -permille : permille, 1, 1);

  if (permille > 0)
    return g_strdup_printf ("↑ %s%%", number);
  if (permille < 0)
    return g_strdup_printf ("↓ %s%%", number);
  return g_strdup_printf ("%s%%", number);
}

/* ---- cells ------------------------------------------------------------ */

typedef enum {
  COL_ITEM,
  COL_SPEC,
  COL_ORIGIN,
  COL_LOW,
  COL_AVG,
  COL_HIGH,
  COL_UNIT,
  COL_DAY,
  COL_WEEK,
  COL_DATE,
} Column;

static gboolean
column_is_number (Column col)
{
  return col == COL_LOW || col == COL_AVG || col == COL_HIGH || col == COL_DAY || col == COL_WEEK;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column_is_number (col))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (col == COL_DATE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_list_item_set_child (list_item, box);
      return;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
set_change_class (GtkWidget *label,
                  gint64     permille,
                  gboolean   known)
{
  /* as Chinese markets show it: red is up, green is down */
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "dim-label");
  if (!known || permille == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, permille > 0 ? "error" : "success");
}

static void
bind_change (GtkWidget *label,
             gint64     now,
             gboolean   known,
             gint64     before,
             gboolean   week)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *price = NULL;
  gint64 permille = known ? jc_change_permille (now, before) : 0;

  if (known)
    {
      text = format_change (permille);
      price = jc_format_price (before);
      tooltip = week ? g_strdup_printf (_("A week before: %s"), price)
                     : g_strdup_printf (_("The market day before: %s"), price);
    }
  else
    {
      /* TRANSLATORS: no price to compare with */
      text = g_strdup (C_("price change", "—"));
      tooltip = g_strdup (week ? _("No price a week before") : _("No price on an earlier day"));
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  set_change_class (label, permille, known);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  const JcMarketRow *row = JC_MARKET_OBJECT (gtk_list_item_get_item (list_item))->row;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (col)
    {
    case COL_ITEM:
      text = g_strdup (row->item_name);
      /* TRANSLATORS: an item's name and its catalog code */
      tooltip = g_strdup_printf (C_("item with code", "%s (%s)"), row->item_name, row->item_code);
      break;
    case COL_SPEC:
      text = g_strdup (row->spec);
      tooltip = g_strdup (row->spec);
      break;
    case COL_ORIGIN:
      text = g_strdup (row->origin);
      tooltip = g_strdup (row->origin);
      break;
    case COL_LOW:
      text = format_price_cell (row->low_milliyuan);
      break;
    case COL_AVG:
      text = format_price_cell (row->avg_milliyuan);
      break;
    case COL_HIGH:
      text = format_price_cell (row->high_milliyuan);
      break;
    case COL_UNIT:
      text = g_strdup (price_unit_label (row->base_unit));
      break;
    case COL_DAY:
      bind_change (child, row->avg_milliyuan, row->has_prev_day, row->prev_day_avg_milliyuan, FALSE);
      return;
    case COL_WEEK:
      bind_change (child, row->avg_milliyuan, row->has_prev_week, row->prev_week_avg_milliyuan,
                   TRUE);
      return;
    case COL_DATE:
      {
        GtkWidget *label = gtk_widget_get_first_child (child);
        GtkWidget *icon = gtk_widget_get_next_sibling (label);

        gtk_label_set_text (GTK_LABEL (label), row->date);
        gtk_widget_set_visible (icon, row->stale);
        if (row->stale)
          {
            /* TRANSLATORS: tooltip of a price too old to count as today's */
            tooltip = g_strdup_printf (_("Last quoted on %s"), row->date);
            gtk_widget_add_css_class (label, "warning");
          }
        else
          gtk_widget_remove_css_class (label, "warning");
        gtk_widget_set_tooltip_text (child, tooltip);
        return;
      }
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  gtk_widget_set_tooltip_text (child, tooltip && *tooltip ? tooltip : NULL);
}

static gint64
change_key (gint64   now,
            gboolean known,
            gint64   before)
{
  /* no price to compare with sorts below every change */
  return known ? jc_change_permille (now, before) : G_MININT64;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const JcMarketRow *ra = JC_MARKET_OBJECT ((gpointer) a)->row;
  const JcMarketRow *rb = JC_MARKET_OBJECT ((gpointer) b)->row;
  int r = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COL_ITEM:
      /* Chinese names sort by their pinyin initials, as a person looks them up */
      r = g_strcmp0 (ra->pinyin, rb->pinyin);
      if (r == 0)
        r = jc_ui_compare_text (ra->item_name, rb->item_name);
      break;
    case COL_SPEC:
      r = jc_ui_compare_text (ra->spec, rb->spec);
      break;
    case COL_ORIGIN:
      r = jc_ui_compare_text (ra->origin, rb->origin);
      break;
    case COL_LOW:
      r = jc_ui_compare_int (ra->low_milliyuan, rb->low_milliyuan);
      break;
    case COL_AVG:
      r = jc_ui_compare_int (ra->avg_milliyuan, rb->avg_milliyuan);
      break;
    case COL_HIGH:
      r = jc_ui_compare_int (ra->high_milliyuan, rb->high_milliyuan);
      break;
    case COL_UNIT:
      r = jc_ui_compare_int (ra->base_unit, rb->base_unit);
      break;
    case COL_DAY:
      r = jc_ui_compare_int (change_key (ra->avg_milliyuan, ra->has_prev_day, ra->prev_day_avg_milliyuan),
                             change_key (rb->avg_milliyuan, rb->has_prev_day, rb->prev_day_avg_milliyuan));
      break;
    case COL_WEEK:
      r = jc_ui_compare_int (change_key (ra->avg_milliyuan, ra->has_prev_week, ra->prev_week_avg_milliyuan),
                             change_key (rb->avg_milliyuan, rb->has_prev_week, rb->prev_week_avg_milliyuan));
      break;
    case COL_DATE:
      r = g_strcmp0 (ra->date, rb->date);
      break;
    default:
      break;
    }
  if (r == 0)
    r = g_strcmp0 (ra->item_code, rb->item_code);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
add_columns (JcPricesPage *self)
{
  struct {
    const char *title;
    Column col;
    gboolean expand;
  } columns[] = {
    { C_("column title", "Item"), COL_ITEM, TRUE },
    { C_("column title", "Spec"), COL_SPEC, FALSE },
    { C_("column title", "Origin"), COL_ORIGIN, FALSE },
    { C_("column title", "Low"), COL_LOW, FALSE },
    { C_("column title", "Average"), COL_AVG, FALSE },
    { C_("column title", "High"), COL_HIGH, FALSE },
    { C_("column title", "Unit"), COL_UNIT, FALSE },
    { C_("column title", "Day Change"), COL_DAY, FALSE },
    { C_("column title", "Week Change"), COL_WEEK, FALSE },
    { C_("column title", "Quoted"), COL_DATE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      gpointer data = GINT_TO_POINTER (columns[i].col);
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, data, NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), data);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), data);
      column = gtk_column_view_column_new (columns[i].title, factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->column_view, column);
      if (columns[i].col == COL_SPEC)
        self->spec_column = column;
      else if (columns[i].col == COL_ORIGIN)
        self->origin_column = column;
    }
}

/* ---- busy state ------------------------------------------------------- */

static void
update_busy (JcPricesPage *self)
{
  gboolean loading = self->load_cancellable != NULL;
  gboolean history = self->history_cancellable != NULL;
  gboolean fetching = self->fetch_cancellable != NULL;

  gtk_spinner_set_spinning (self->busy_spinner, loading && self->loaded_once);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), loading && self->loaded_once);
  gtk_spinner_set_spinning (self->history_spinner, history);
  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), history);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prices.fetch",
                                 !fetching && self->db_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prices.import",
                                 !fetching && self->db_path != NULL);
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
  if (!self->loaded_once && self->db_path != NULL)
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

typedef struct {
  char *path;
  char *date;
} LoadData;

typedef struct {
  GPtrArray *categories;
  GPtrArray *rows;
} LoadResult;

static void
load_data_free (LoadData *d)
{
  g_free (d->path);
  g_free (d->date);
  g_free (d);
}

static void
load_result_free (LoadResult *r)
{
  g_clear_pointer (&r->categories, g_ptr_array_unref);
  g_clear_pointer (&r->rows, g_ptr_array_unref);
  g_free (r);
}

/* A worker opens its own store: a JcStore is one connection for one
 * thread.  It never creates a database that is not there. */
static JcStore *
open_store (const char  *path,
            GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The database %s does not exist"),
                   path);
      return NULL;
    }
  return jc_store_open (path, error);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  GPtrArray *rows = NULL;
  LoadResult *r;

  store = open_store (d->path, &error);
  if (store != NULL)
    categories = jc_store_list_categories (store, &error);
  if (categories != NULL)
    rows = jc_store_market_overview (store, d->date, jc_store_get_stale_days (store), &error);
  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  r = g_new0 (LoadResult, 1);
  r->categories = g_steal_pointer (&categories);
  r->rows = rows;
  g_task_return_pointer (task, r, (GDestroyNotify) load_result_free);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  JcPricesPage *self = JC_PRICES_PAGE (source);
  g_autoptr(GError) error = NULL;
  LoadResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  const JcMarketRow *selected;
  gint64 keep = 0;
  guint position;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      g_clear_pointer (&r, load_result_free);
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
      update_busy (self);
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
      g_ptr_array_add (objects, jc_market_object_new (r->rows->pdata[i]));
      r->rows->pdata[i] = NULL;
    }
  load_result_free (r);

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
  update_busy (self);
  load_history (self, TRUE);
}

/* Reads the market on a worker thread; a read still running is
 * cancelled.  `names_too`: the names to map as well. */
static void
reload (JcPricesPage *self,
        gboolean      names_too)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  LoadData *d;

  /* TRANSLATORS: the market day the page shows */
  label = g_strdup_printf (_("Market day %s"), self->date);
  gtk_label_set_text (self->date_label, label);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (g_strcmp0 (jc_unmapped_view_get_db_path (self->unmapped_view), self->db_path) != 0)
    jc_unmapped_view_set_db_path (self->unmapped_view, self->db_path);
  else if (names_too)
    jc_unmapped_view_reload (self->unmapped_view);
  /* a fetch, an import or a mapping can hold or release prices */
  if (g_strcmp0 (jc_held_view_get_db_path (self->held_view), self->db_path) != 0)
    jc_held_view_set_db_path (self->held_view, self->db_path);
  else if (names_too)
    jc_held_view_reload (self->held_view);
  if (self->db_path == NULL)
    {
      self->loaded_once = TRUE;
      g_list_store_remove_all (self->rows);
      gtk_stack_set_visible_child_name (self->market_stack, "empty");
      update_state (self);
      update_busy (self);
      load_history (self, TRUE);
      return;
    }
  d = g_new0 (LoadData, 1);
  d->path = g_strdup (self->db_path);
  d->date = g_strdup (self->date);
  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, jc_prices_page_reload);
  g_task_set_task_data (task, d, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
  update_state (self);
  update_busy (self);
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

  reload (self, TRUE);
}

/* ---- the history of the selected item --------------------------------- */

typedef struct {
  char   *path;
  gint64  item_id;
  char   *from;
  char   *to;
} HistoryData;

static void
history_data_free (HistoryData *d)
{
  g_free (d->path);
  g_free (d->from);
  g_free (d->to);
  g_free (d);
}

static void
history_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HistoryData *d = task_data;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GArray *points = NULL;

  store = open_store (d->path, &error);
  if (store != NULL)
    points = jc_store_price_history (store, d->item_id, d->from, d->to, &error);
  if (points == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, points, (GDestroyNotify) g_array_unref);
}

static void
history_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JcPricesPage *self = JC_PRICES_PAGE (source);
  HistoryData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = g_task_propagate_pointer (G_TASK (result), &error);
  const JcMarketRow *row;
  g_autofree char *days = NULL;
  g_autofree char *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    return;
  g_clear_object (&self->history_cancellable);
  update_busy (self);
  if (points == NULL)
    {
      gtk_label_set_text (self->history_error_label, error->message);
      gtk_stack_set_visible_child_name (self->history_stack, "error");
      return;
    }
  row = get_selected_row (self);
  jc_price_chart_set_unit (self->chart, row ? price_unit_label (row->base_unit) : NULL);
  jc_price_chart_set_points (self->chart, points, d->from, d->to);
  self->history_item_id = d->item_id;
  if (row != NULL)
    {
      days = g_strdup_printf (ngettext ("%u market day", "%u market days", points->len),
                              points->len);
      /* TRANSLATORS: under the chart: item code · price unit · number of market days */
      subtitle = g_strdup_printf (C_("chart subtitle", "%s · %s · %s"), row->item_code,
                                  price_unit_label (row->base_unit), days);
      gtk_label_set_text (self->history_subtitle, subtitle);
    }
  gtk_stack_set_visible_child_name (self->history_stack, "chart");
}

/* Reads the selected item's history for the range; `force` reads it even
 * when the chart shows that item already. */
static void
load_history (JcPricesPage *self,
              gboolean      force)
{
  const JcMarketRow *row = get_selected_row (self);
  g_autoptr(GTask) task = NULL;
  HistoryData *d;

  if (self->history_cancellable != NULL)
    g_cancellable_cancel (self->history_cancellable);
  g_clear_object (&self->history_cancellable);
  if (row == NULL || self->db_path == NULL)
    {
      self->history_item_id = 0;
      jc_price_chart_set_points (self->chart, NULL, NULL, NULL);
      gtk_label_set_text (self->history_title, _("Price History"));
      gtk_label_set_text (self->history_subtitle, "");
      gtk_stack_set_visible_child_name (self->history_stack, "none");
      update_busy (self);
      return;
    }
  if (!force && row->item_id == self->history_item_id)
    {
      update_busy (self);
      return;
    }
  gtk_label_set_text (self->history_title, row->item_name);
  if (row->item_id != self->history_item_id)
    gtk_label_set_text (self->history_subtitle, row->item_code);

  d = g_new0 (HistoryData, 1);
  d->path = g_strdup (self->db_path);
  d->item_id = row->item_id;
  d->from = range_start (self->date, self->range);
  d->to = g_strdup (self->date);
  self->history_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->history_cancellable, history_done_cb, NULL);
  g_task_set_source_tag (task, load_history);
  g_task_set_task_data (task, d, (GDestroyNotify) history_data_free);
  g_task_run_in_thread (task, history_thread);
  update_busy (self);
}

/* ---- fetching --------------------------------------------------------- */

static void start_work (JcPricesPage *self,
                        GPtrArray    *files);

typedef struct {
  char         *path;
  char         *from;
  char         *to;
  GMainContext *context;    /* where progress goes: the page's */
  JcPricesPage *page;       /* the task's source object, borrowed; only passed back */
  GCancellable *cancellable;
  /* the worker's place, for the progress */
  guint         source_index;
  guint         n_sources;
  char         *source_name;
  GPtrArray    *files;      /* paths to import instead of fetching, or NULL */
  /* set by the worker when there was nothing to fetch from */
  gboolean      no_source;  /* not one source */
  gboolean      all_disabled;
} FetchData;

typedef struct {
  guint      n_sources;
  guint      n_ok;
  guint      pages;
  guint      rows_new;
  guint      rows_changed;
  guint      rows_same;
  guint      rows_rejected;
  guint      rows_duplicate;
  guint      rows_unmapped;
  gboolean   cancelled;
  GPtrArray *errors;     /* char *, one per source that failed */
} FetchResult;

typedef struct {
  JcPricesPage  *page;        /* a reference */
  GCancellable  *cancellable; /* a reference: which fetch this is */
  double         fraction;    /* < 0: unknown */
  char          *text;
} FetchProgress;

static void
fetch_data_free (FetchData *d)
{
  g_free (d->path);
  g_free (d->from);
  g_free (d->to);
  g_main_context_unref (d->context);
  g_free (d->source_name);
  g_clear_pointer (&d->files, g_ptr_array_unref);
  g_free (d);
}

static void
fetch_result_free (FetchResult *r)
{
  g_clear_pointer (&r->errors, g_ptr_array_unref);
  g_free (r);
}

static void
fetch_progress_free (FetchProgress *p)
{
  g_object_unref (p->page);
  g_object_unref (p->cancellable);
  g_free (p->text);
  g_free (p);
}

/* Main thread. */
static gboolean
fetch_progress_cb (gpointer user_data)
{
  FetchProgress *p = user_data;
  JcPricesPage *self = p->page;

  if (self->disposed || self->fetch_cancellable != p->cancellable ||
      g_cancellable_is_cancelled (p->cancellable))
    return G_SOURCE_REMOVE;
  if (p->fraction < 0)
    gtk_progress_bar_pulse (self->fetch_progress);
  else
    gtk_progress_bar_set_fraction (self->fetch_progress, CLAMP (p->fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->fetch_progress, p->text);
  return G_SOURCE_REMOVE;
}

/* Worker thread: hands the state over to the main thread, touches no widget. */
static void
post_progress (FetchData  *d,
               double      fraction,
               char       *text)
{
  FetchProgress *p = g_new0 (FetchProgress, 1);

  /* the task holds the page until its callback has run on the main
   * thread, so this reference is never the last one here */
  p->page = g_object_ref (d->page);
  p->cancellable = g_object_ref (d->cancellable);
  p->fraction = fraction;
  p->text = text;
  g_main_context_invoke_full (d->context, G_PRIORITY_DEFAULT, fetch_progress_cb, p,
                              (GDestroyNotify) fetch_progress_free);
}

static void
import_progress_cb (JcImportPhase phase,
                    guint         done,
                    guint         total,
                    guint         rows,
                    gpointer      user_data)
{
  FetchData *d = user_data;
  double part = total > 0 ? (double) done / total : 0.5;
  char *text;

  if (phase == JC_IMPORT_PHASE_FETCHING)
    {
      part *= 0.8;
      if (total > 0)
        /* TRANSLATORS: fetch progress: source name, pages fetched, pages in all, rows read */
        text = g_strdup_printf (ngettext ("%s: page %u of %u, %u row", "%s: page %u of %u, %u rows",
                                          rows), d->source_name, done, total, rows);
      else
        text = g_strdup_printf (ngettext ("%s: page %u, %u row", "%s: page %u, %u rows", rows),
                                d->source_name, done, rows);
    }
  else
    {
      part = 0.8 + 0.2 * part;
      /* TRANSLATORS: fetch progress: source name, rows stored, rows in all */
      text = g_strdup_printf (ngettext ("%s: storing %u of %u row", "%s: storing %u of %u rows",
                                        total),
                              d->source_name, done, total);
    }
  post_progress (d, (d->source_index + part) / MAX (d->n_sources, 1), text);
}

static void
add_report (FetchResult          *r,
            const JcImportReport *report)
{
  r->n_ok++;
  r->pages += report->pages;
  r->rows_new += report->rows_new;
  r->rows_changed += report->rows_changed;
  r->rows_same += report->rows_same;
  r->rows_rejected += report->rows_rejected;
  r->rows_duplicate += report->rows_duplicate;
  r->rows_unmapped += report->rows_unmapped;
}

/* Imports saved feeds (CSV, Xinfadi JSON, USDA JSON; the format is guessed
 * from the content), each file its own transaction, on the worker. */
static void
import_files (GTask        *task,
              JcStore      *store,
              FetchData    *d,
              GCancellable *cancellable)
{
  FetchResult *r = g_new0 (FetchResult, 1);

  r->errors = g_ptr_array_new_with_free_func (g_free);
  r->n_sources = d->files->len;
  d->n_sources = d->files->len;
  for (guint i = 0; i < d->files->len; i++)
    {
      const char *path = g_ptr_array_index (d->files, i);
      g_autoptr(GError) local = NULL;
      JcImportReport report;

      d->source_index = i;
      g_free (d->source_name);
      d->source_name = g_path_get_basename (path);
      jc_import_report_init (&report);
      if (jc_prices_import_file (store, path, NULL, NULL, NULL, NULL, NULL, cancellable,
                                 import_progress_cb, d, &report, &local))
        add_report (r, &report);
      else if (g_cancellable_is_cancelled (cancellable))
        {
          jc_import_report_clear (&report);
          r->cancelled = TRUE;
          break;
        }
      else
        g_ptr_array_add (r->errors, g_strdup (local->message));
      jc_import_report_clear (&report);
    }
  g_task_return_pointer (task, r, (GDestroyNotify) fetch_result_free);
}

static void
fetch_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *d = task_data;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) enabled = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  FetchResult *r;

  store = open_store (d->path, &error);
  if (store != NULL && d->files != NULL)
    {
      import_files (task, store, d, cancellable);
      return;
    }
  if (store != NULL)
    sources = jc_store_list_sources (store, &error);
  if (sources == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < sources->len; i++)
    if (((JcSource *) g_ptr_array_index (sources, i))->enabled)
      g_ptr_array_add (enabled, g_ptr_array_index (sources, i));
  if (enabled->len == 0)
    {
      /* the page offers the way out; the message says what is missing */
      d->no_source = sources->len == 0;
      d->all_disabled = sources->len > 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               sources->len == 0
                               ? _("There is no price source to fetch from yet. Add the market’s "
                                   "price source (its address and format) first.")
                               : _("Every price source is disabled. Enable one on the Price "
                                   "Sources page first."));
      return;
    }

  r = g_new0 (FetchResult, 1);
  r->errors = g_ptr_array_new_with_free_func (g_free);
  r->n_sources = enabled->len;
  d->n_sources = enabled->len;
  for (guint i = 0; i < enabled->len; i++)
    {
      const JcSource *src = g_ptr_array_index (enabled, i);
      g_autoptr(GError) local = NULL;
      JcImportReport report;

      d->source_index = i;
      g_free (d->source_name);
      d->source_name = g_strdup (src->name);
      /* TRANSLATORS: fetch progress: the source being asked */
      post_progress (d, (double) i / enabled->len, g_strdup_printf (_("%s: connecting…"), src->name));
      jc_import_report_init (&report);
      if (jc_prices_fetch_source (store, src, d->from, d->to, NULL, cancellable, import_progress_cb,
                                  d, &report, &local))
        add_report (r, &report);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
               g_cancellable_is_cancelled (cancellable))
        {
          jc_import_report_clear (&report);
          r->cancelled = TRUE;
          break;
        }
      else
        g_ptr_array_add (r->errors, g_strdup (local->message));
      jc_import_report_clear (&report);
    }
  g_task_return_pointer (task, r, (GDestroyNotify) fetch_result_free);
}

static void
show_info (JcPricesPage   *self,
           GtkMessageType  type,
           const char     *text,
           gboolean        offer_mapping)
{
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_label_set_text (self->info_label, text);
  gtk_widget_set_visible (self->info_map_button, offer_mapping);
  gtk_widget_set_visible (self->info_source_button, FALSE);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static char *
describe_fetch (JcPricesPage *self,
                FetchData    *d,
                FetchResult  *r)
{
  GString *s = g_string_new (NULL);

  if (r->cancelled)
    g_string_append (s, _("Fetch cancelled: the source being fetched kept nothing."));
  if (r->n_ok > 0 && d->files != NULL)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* TRANSLATORS: after importing price files: files imported, then rows
       * new, changed, unchanged, refused, and to map */
      g_string_append_printf (s, ngettext ("Imported %u file: %u new, %u changed, %u unchanged, "
                                           "%u rejected, %u to map.",
                                           "Imported %u files: %u new, %u changed, %u unchanged, "
                                           "%u rejected, %u to map.", r->n_ok),
                              r->n_ok, r->rows_new, r->rows_changed, r->rows_same,
                              r->rows_rejected, r->rows_unmapped);
    }
  else if (r->n_ok > 0)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* TRANSLATORS: after a fetch: the number of sources that answered,
       * the first and the last day fetched, then rows new, changed,
       * unchanged, refused, and stored under a market name no item claims
       * yet (to map) */
      g_string_append_printf (s, ngettext ("Fetched %2$s to %3$s from %1$u source: %4$u new, "
                                           "%5$u changed, %6$u unchanged, %7$u rejected, "
                                           "%8$u to map.",
                                           "Fetched %2$s to %3$s from %1$u sources: %4$u new, "
                                           "%5$u changed, %6$u unchanged, %7$u rejected, "
                                           "%8$u to map.", r->n_ok),
                              r->n_ok, d->from, d->to, r->rows_new, r->rows_changed, r->rows_same,
                              r->rows_rejected, r->rows_unmapped);
    }
  for (guint i = 0; i < r->errors->len; i++)
    {
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, g_ptr_array_index (r->errors, i));
    }
  return g_string_free (s, FALSE);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  JcPricesPage *self = JC_PRICES_PAGE (source);
  FetchData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  FetchResult *r = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;
  GtkMessageType type;

  if (self->disposed)
    {
      g_clear_pointer (&r, fetch_result_free);
      return;
    }
  g_clear_object (&self->fetch_cancellable);
  update_busy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
  if (r == NULL && (d->no_source || d->all_disabled))
    {
      /* Nothing to fetch from: the way to a source, not an error. */
      show_info (self, GTK_MESSAGE_INFO, error->message, FALSE);
      self->offer_add_source = d->no_source;
      gtk_button_set_label (GTK_BUTTON (self->info_source_button),
                            d->no_source ? _("_Add Price Source…") : _("Open Price _Sources"));
      gtk_widget_set_visible (self->info_source_button, TRUE);
      gtk_widget_grab_focus (self->info_source_button);
      return;
    }
  if (r == NULL)
    {
      /* TRANSLATORS: the reason follows */
      text = g_strdup_printf (_("Could not fetch prices: %s"), error->message);
      show_info (self, GTK_MESSAGE_ERROR, text, FALSE);
      return;
    }
  text = describe_fetch (self, d, r);
  if (r->errors->len > 0)
    type = r->n_ok > 0 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_ERROR;
  else
    type = r->cancelled ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO;
  show_info (self, type, text, r->rows_unmapped > 0);
  fetch_result_free (r);
  /* what is stored now */
  jc_prices_page_reload (self);
}

/**
 * jc_prices_page_fetch:
 * Fetches the FETCH_DAYS days up to the page's date from every enabled
 * source on a worker thread, showing progress; the prices are read again
 * when it is done.
 */
void
jc_prices_page_fetch (JcPricesPage *self)
{
  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  start_work (self, NULL);
}

/**
 * jc_prices_page_import_paths:
 * Imports saved price files (CSV, Xinfadi or USDA JSON) on a worker thread,
 * with the same progress, Cancel and report as a fetch.  Each file is one
 * transaction: all of it or nothing.
 */
void
jc_prices_page_import_paths (JcPricesPage       *self,
                             const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (files, g_strdup (paths[i]));
  if (files->len > 0)
    start_work (self, g_steal_pointer (&files));
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            JcPricesPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (list, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      jc_prices_page_import_paths (self, (const char * const *) paths->pdata);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Asks for price files and imports them. */
void
jc_prices_page_import (JcPricesPage *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkRoot *root;

  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  if (self->fetch_cancellable != NULL || self->db_path == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Import Price Files"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Price files (CSV, JSON)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Fetches (files NULL) or imports `files` (taken) on a worker thread. */
static void
start_work (JcPricesPage *self,
            GPtrArray    *files)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) owned = files;
  FetchData *d;
  GDate from;

  if (self->fetch_cancellable != NULL || self->db_path == NULL || !parse_date (self->date, &from))
    return;
  g_date_subtract_days (&from, FETCH_DAYS - 1);
  d = g_new0 (FetchData, 1);
  d->path = g_strdup (self->db_path);
  d->from = format_date (&from);
  d->to = g_strdup (self->date);
  d->context = g_main_context_ref_thread_default ();
  d->page = self;
  d->files = g_steal_pointer (&owned);
  self->fetch_cancellable = g_cancellable_new ();
  d->cancellable = self->fetch_cancellable;

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  gtk_progress_bar_set_fraction (self->fetch_progress, 0.0);
  gtk_progress_bar_set_text (self->fetch_progress, _("Starting…"));
  task = g_task_new (self, self->fetch_cancellable, fetch_done_cb, NULL);
  g_task_set_source_tag (task, jc_prices_page_fetch);
  /* a cancelled fetch still reports the sources it finished */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, d, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
  update_busy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHING]);
}

gboolean
jc_prices_page_get_fetching (JcPricesPage *self)
{
  g_return_val_if_fail (JC_IS_PRICES_PAGE (self), FALSE);

  return self->fetch_cancellable != NULL;
}

/* ---- actions and signals ---------------------------------------------- */

static void
fetch_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  jc_prices_page_fetch (JC_PRICES_PAGE (widget));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_prices_page_import (JC_PRICES_PAGE (widget));
}

static void
cancel_fetch_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);

  if (self->fetch_cancellable != NULL)
    {
      g_cancellable_cancel (self->fetch_cancellable);
      gtk_progress_bar_set_text (self->fetch_progress, _("Cancelling…"));
    }
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_prices_page_reload (JC_PRICES_PAGE (widget));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "market");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
on_info_bar_response_cb (JcPricesPage *self,
                         int           response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  if (response == 1)
    adw_view_stack_set_visible_child_name (self->view_stack, "to-map");
  else if (response == 2)
    {
      /* the Price Sources page, and its editor on a new source */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", "sources");
      if (self->offer_add_source)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.add-record", NULL);
    }
}

static void
on_unmapped_mapped_cb (JcPricesPage   *self,
                       const char     *market_name,
                       const char     *item_code,
                       guint           rows)
{
  /* the mapped quotes now count for their item (or are held); the view
   * reloads itself */
  reload (self, FALSE);
  jc_held_view_reload (self->held_view);
}

static void
on_held_bar_response_cb (JcPricesPage *self,
                         int           response)
{
  if (response == 1)
    adw_view_stack_set_visible_child_name (self->view_stack, "held");
}

static void
on_held_changed_cb (JcPricesPage *self)
{
  /* released or converted prices now count for their items */
  reload (self, FALSE);
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
    range = DEFAULT_RANGE;
  if (g_strcmp0 (self->range, range) == 0)
    return;
  g_free (self->range);
  self->range = g_strdup (range);
  if (self->chart != NULL)
    load_history (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
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
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
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
    case PROP_DB_PATH:
      jc_prices_page_set_db_path (self, g_value_get_string (value));
      break;
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

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RANGE] =
    g_param_spec_string ("range", NULL, NULL, DEFAULT_RANGE,
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
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unmapped_mapped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_held_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_held_changed_cb);

  gtk_widget_class_install_action (widget_class, "prices.fetch", NULL, fetch_activated);
  gtk_widget_class_install_action (widget_class, "prices.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "prices.cancel-fetch", NULL,
                                   cancel_fetch_activated);
  gtk_widget_class_install_action (widget_class, "prices.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "prices.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "prices.show-view", "s", show_view_activated);
  gtk_widget_class_install_property_action (widget_class, "prices.range", "range");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "prices.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "prices.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "prices.search", NULL);
}

static void
jc_prices_page_init (JcPricesPage *self)
{
  GtkSortListModel *sorted;

  self->range = g_strdup (DEFAULT_RANGE);
  self->date = default_date ();
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
  add_columns (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unmapped_view, "notify::n-names",
                           G_CALLBACK (on_unmapped_n_names_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->held_view, "notify::n-held",
                           G_CALLBACK (on_held_n_held_cb), self, G_CONNECT_SWAPPED);
  update_busy (self);
  update_state (self);
}

GtkWidget *
jc_prices_page_new (const char *db_path)
{
  JcPricesPage *self = g_object_new (JC_TYPE_PRICES_PAGE, NULL);

  jc_prices_page_set_db_path (self, db_path);
  return GTK_WIDGET (self);
}

/**
 * jc_prices_page_set_db_path:
 * @db_path: (nullable): the database file, NULL: none
 * Reads the prices from the file on worker threads.
 */
void
jc_prices_page_set_db_path (JcPricesPage *self,
                            const char   *db_path)
{
  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  if (g_strcmp0 (self->db_path, db_path) == 0 && self->loaded_once)
    return;
  if (g_strcmp0 (self->db_path, db_path) != 0)
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
      self->loaded_once = FALSE;
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
    }
  jc_prices_page_reload (self);
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
  g_return_if_fail (parse_date (date, &d));

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
