/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-page.h: the first page — today's state at a glance: the
 * orders for tomorrow, the latest price fetch, the day's biggest market
 * moves, the plan of the next delivery date and the month's spend so far.
 * Each tile is a button; pressing it emits "open-section" with "orders",
 * "prices", "plan" or "reports" (also the action "dashboard.open-section",
 * a string).  The page reads on a worker thread with its own store. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_DASHBOARD_PAGE (jc_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (JcDashboardPage, jc_dashboard_page, JC, DASHBOARD_PAGE, AdwBin)

GtkWidget  *jc_dashboard_page_new          (const char      *db_path);
void        jc_dashboard_page_set_db_path  (JcDashboardPage *self,
                                            const char      *db_path);
const char *jc_dashboard_page_get_db_path  (JcDashboardPage *self);
void        jc_dashboard_page_set_date     (JcDashboardPage *self,
                                            const char      *date);
const char *jc_dashboard_page_get_date     (JcDashboardPage *self);
void        jc_dashboard_page_reload       (JcDashboardPage *self);

G_END_DECLS
