/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the dashboard page. */
#pragma once

#include "jc-dashboard-page.h"

G_BEGIN_DECLS

gboolean   _jc_dashboard_page_is_loading (JcDashboardPage *self);
/* "no-database", "loading", "error" or "dashboard" */
const char *_jc_dashboard_page_get_state (JcDashboardPage *self);
/* The tile that opens `section` ("orders", "prices", "plan", "reports"). */
GtkButton *_jc_dashboard_page_get_tile   (JcDashboardPage *self,
                                          const char      *section);
/* A figure of a tile by name, e.g. "orders-count", "fetch-status",
 * "up-name-0", "plan-total", "month-spend"; NULL when there is none. */
GtkLabel  *_jc_dashboard_page_get_label  (JcDashboardPage *self,
                                          const char      *name);

G_END_DECLS
