/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown. */
#pragma once

#include "jc-price-chart.h"
#include "jc-prices.h"
#include "jc-prices-page.h"
#include "jc-held-view.h"
#include "jc-unmapped-view.h"

G_BEGIN_DECLS

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
