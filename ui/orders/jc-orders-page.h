/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders-page.h: the orders of a delivery date — every canteen's
 * status, lines and estimated cost, the cutoff and the time left; the order
 * editor of one canteen; importing filled order forms and saving blank
 * ones.  The page is given the store to show; it reads and writes through
 * worker threads, each with its own store on the same database file. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_ORDERS_PAGE (jc_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (JcOrdersPage, jc_orders_page, JC, ORDERS_PAGE, AdwBin)

GtkWidget  *jc_orders_page_new          (JcStore      *store);
void        jc_orders_page_set_store    (JcOrdersPage *self,
                                         JcStore      *store);
const char *jc_orders_page_get_db_path  (JcOrdersPage *self);
void        jc_orders_page_set_date     (JcOrdersPage *self,
                                         const char   *date);
const char *jc_orders_page_get_date     (JcOrdersPage *self);
void        jc_orders_page_reload       (JcOrdersPage *self);
void        jc_orders_page_open_order   (JcOrdersPage *self,
                                         const char   *canteen_code);
void        jc_orders_page_import_files (JcOrdersPage *self,
                                         GListModel   *files);

G_END_DECLS
