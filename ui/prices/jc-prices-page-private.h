/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page-private.h: what the Prices page's files share (the
 * page's struct, as GNOME Text Editor's editor-page-private.h does) and,
 * for the UI tests, the real widgets and the rows as shown.
 *
 *   jc-prices-page.c          construction, state, the market and the chart
 *   jc-prices-page-view.c     the market's rows, cells, columns and texts
 *   jc-prices-page-actions.c  fetch, import, the page's actions and bars
 *   jc-price-tasks.c          the worker threads all of them start
 *
 * Nothing outside ui/prices/ and the tests includes this. */
#pragma once

#include "jc-price-chart.h"
#include "jc-prices.h"
#include "jc-prices-page.h"
#include "jc-held-view.h"
#include "jc-store.h"
#include "jc-unmapped-view.h"

G_BEGIN_DECLS

/* ---- one row of the market (jc-prices-page-view.c) ---------------------- */

#define JC_TYPE_MARKET_OBJECT (jc_market_object_get_type ())
G_DECLARE_FINAL_TYPE (JcMarketObject, jc_market_object, JC, MARKET_OBJECT, GObject)

struct _JcMarketObject {
  GObject      parent_instance;
  JcMarketRow *row;
};

/* Takes `row`. */
JcMarketObject *_jc_market_object_new          (JcMarketRow  *row);

/* ---- the page ------------------------------------------------------------ */

struct _JcPricesPage {
  AdwBin              parent_instance;

  JcStore            *store;        /* borrowed; the workers open their own on its file */
  char               *db_path;      /* the store's file */
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

#define JC_PRICES_FETCH_DAYS 7
#define JC_PRICES_DEFAULT_RANGE "3m"

/* jc-prices-page-view.c */
void            _jc_prices_page_add_columns    (JcPricesPage *self);
/* "¥/kg", "¥/piece", "¥/L" */
const char     *_jc_price_unit_label           (JcBaseUnit    unit);

/* jc-prices-page.c */
void            _jc_prices_page_update_busy    (JcPricesPage *self);
/* Reads the market again; `names_too`: the names to map and the held
 * prices as well. */
void            _jc_prices_page_reload         (JcPricesPage *self,
                                                gboolean      names_too);
void            _jc_prices_page_notify_fetching (JcPricesPage *self);

/* jc-prices-page-actions.c: installs the page's actions and binds the
 * template callbacks of the bars. */
void            _jc_prices_page_class_actions_init (GtkWidgetClass *widget_class);

/* ---- for the tests ---------------------------------------------------------- */

/* TRUE while the prices or a history are being read. */
gboolean           _jc_prices_page_get_loading      (JcPricesPage *self);
GListModel        *_jc_prices_page_get_shown        (JcPricesPage *self);
const JcMarketRow *_jc_prices_page_get_row          (JcPricesPage *self,
                                                     guint         position);
GtkEditable       *_jc_prices_page_get_search_entry (JcPricesPage *self);
GtkDropDown       *_jc_prices_page_get_category_dropdown (JcPricesPage *self);
GtkWidget         *_jc_prices_page_get_column_view  (JcPricesPage *self);
/* Whether the "spec" or the "origin" column is shown. */
gboolean           _jc_prices_page_column_shown     (JcPricesPage *self,
                                                     const char   *which);
JcPriceChart      *_jc_prices_page_get_chart        (JcPricesPage *self);
GtkWidget         *_jc_prices_page_get_range_button (JcPricesPage *self,
                                                     const char   *range);
GtkWidget         *_jc_prices_page_get_fetch_button (JcPricesPage *self);
GtkInfoBar        *_jc_prices_page_get_info_bar     (JcPricesPage *self);
const char        *_jc_prices_page_get_info_text    (JcPricesPage *self);
GtkWidget         *_jc_prices_page_get_info_source_button (JcPricesPage *self);
JcUnmappedView    *_jc_prices_page_get_unmapped_view (JcPricesPage *self);
JcHeldView        *_jc_prices_page_get_held_view    (JcPricesPage *self);
GtkWidget         *_jc_prices_page_get_held_bar     (JcPricesPage *self);
const char        *_jc_prices_page_get_market_state (JcPricesPage *self);

G_END_DECLS
