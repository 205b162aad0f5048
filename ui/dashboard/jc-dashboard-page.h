/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-page.h: the first page — today's state at a glance: the
 * orders for tomorrow, the latest price fetch, the day's biggest market
 * moves, the plan of the next delivery date and the month's spend so far.
 * Each tile is a button; pressing it emits "open-section" with "orders",
 * "prices", "plan" or "reports" (also the action "dashboard.open-section",
 * a string).  The page reads on a worker thread (jc-dashboard-tasks.h)
 * with a connection of its own on the store's file. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_DASHBOARD_PAGE (jc_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (JcDashboardPage, jc_dashboard_page, JC, DASHBOARD_PAGE, AdwBin)

GtkWidget  *jc_dashboard_page_new          (JcStore         *store);
void        jc_dashboard_page_set_store    (JcDashboardPage *self,
                                            JcStore         *store);
JcStore    *jc_dashboard_page_get_store    (JcDashboardPage *self);
const char *jc_dashboard_page_get_db_path  (JcDashboardPage *self);
void        jc_dashboard_page_set_date     (JcDashboardPage *self,
                                            const char      *date);
const char *jc_dashboard_page_get_date     (JcDashboardPage *self);
void        jc_dashboard_page_reload       (JcDashboardPage *self);

G_END_DECLS
