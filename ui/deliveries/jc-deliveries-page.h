/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page.h: the delivery plan of a date — which vehicle brings
 * which canteen its goods, in what order and when — with its key figures,
 * one card per vehicle with its stops, and the map; moving stops by hand
 * (figures re-evaluated at once, saved on request), re-optimising with the
 * solver, printing and exporting the route sheets, picking lists and
 * delivery notes.  The page is given the application's store
 * (jc_deliveries_page_set_store); database, solver and export work runs on
 * worker threads with their own connection to the same database. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_DELIVERIES_PAGE (jc_deliveries_page_get_type ())
G_DECLARE_FINAL_TYPE (JcDeliveriesPage, jc_deliveries_page, JC, DELIVERIES_PAGE, AdwBin)

GtkWidget  *jc_deliveries_page_new          (JcStore          *store);
void        jc_deliveries_page_set_store    (JcDeliveriesPage *self,
                                             JcStore          *store);
JcStore    *jc_deliveries_page_get_store    (JcDeliveriesPage *self);
const char *jc_deliveries_page_get_db_path  (JcDeliveriesPage *self);
void        jc_deliveries_page_set_date     (JcDeliveriesPage *self,
                                             const char       *date);
const char *jc_deliveries_page_get_date     (JcDeliveriesPage *self);
void        jc_deliveries_page_reload       (JcDeliveriesPage *self);

G_END_DECLS
