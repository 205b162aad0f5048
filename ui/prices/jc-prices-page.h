/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page.h: the market prices page.  "Today" lists every item's
 * latest market price on the page's date, per base unit, with its change
 * against the previous market day and the previous week, searchable and
 * sortable; the selected item's history is charted below.  "To Map" lists
 * the market names no item claims yet.  Fetch pulls the last 7 days from
 * every enabled source.
 *
 * The page is given the window's JcStore (jc_prices_page_set_store(), as
 * every page is) but reads nothing on it: every read and the fetch run on
 * worker threads (jc-price-tasks.h), each opening its own JcStore on the
 * store's file, so the window never waits.  Actions (on the page, prefix "prices."):
 * fetch, cancel-fetch, reload, search, range (a string state:
 * "1m", "3m", "1y", "all"), show-view (a string: "market", "to-map"). */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_PRICES_PAGE (jc_prices_page_get_type ())
G_DECLARE_FINAL_TYPE (JcPricesPage, jc_prices_page, JC, PRICES_PAGE, AdwBin)

/* `store` (nullable, transfer none): the database; it must stay open
 * until another is set.  The date defaults to $JICAI_TODAY, else today. */
GtkWidget  *jc_prices_page_new         (JcStore      *store);
void        jc_prices_page_set_store   (JcPricesPage *self,
                                        JcStore      *store);
JcStore    *jc_prices_page_get_store   (JcPricesPage *self);
/* The file of the store shown, NULL: none. */
const char *jc_prices_page_get_db_path (JcPricesPage *self);
/* The market day shown, "YYYY-MM-DD"; reloads. */
void        jc_prices_page_set_date    (JcPricesPage *self,
                                        const char   *date);
const char *jc_prices_page_get_date    (JcPricesPage *self);
/* Reads the prices again (the selection and the filters stay). */
void        jc_prices_page_reload      (JcPricesPage *self);
/* Starts fetching the 7 days up to the page's date from every enabled
 * source; does nothing while a fetch runs.  Same as "prices.fetch". */
void        jc_prices_page_fetch       (JcPricesPage *self);
void        jc_prices_page_import      (JcPricesPage *self);
void        jc_prices_page_import_paths (JcPricesPage       *self,
                                        const char * const *paths);
gboolean    jc_prices_page_get_fetching (JcPricesPage *self);

G_END_DECLS
