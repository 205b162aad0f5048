/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page.h: the delivery plan of a date — which vehicle brings
 * which canteen its goods, in what order and when — with its key figures,
 * one card per vehicle with its stops, and the map; moving stops by hand
 * (figures re-evaluated at once, saved on request), re-optimising with the
 * solver, printing and exporting the route sheets, picking lists and
 * delivery notes.  Database, solver and export work runs on worker threads
 * with their own store on the database file. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_DELIVERIES_PAGE (jc_deliveries_page_get_type ())
G_DECLARE_FINAL_TYPE (JcDeliveriesPage, jc_deliveries_page, JC, DELIVERIES_PAGE, AdwBin)

GtkWidget  *jc_deliveries_page_new          (const char       *db_path);
void        jc_deliveries_page_set_db_path  (JcDeliveriesPage *self,
                                             const char       *db_path);
const char *jc_deliveries_page_get_db_path  (JcDeliveriesPage *self);
void        jc_deliveries_page_set_date     (JcDeliveriesPage *self,
                                             const char       *date);
const char *jc_deliveries_page_get_date     (JcDeliveriesPage *self);
void        jc_deliveries_page_reload       (JcDeliveriesPage *self);

G_END_DECLS
