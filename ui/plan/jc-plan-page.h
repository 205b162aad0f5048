/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page.h: the consolidated purchase plan of a delivery date — its
 * status and key figures, the lines by category with their reference and
 * actual prices and the variances, each line's split over the canteens;
 * locking and unlocking the plan, recording what was bought, and the
 * purchase order as PDF, XLSX, print and preview.  The page is given the
 * application's store (jc_plan_page_set_store); every database call runs on
 * a worker thread with its own connection to the same database. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_PLAN_PAGE (jc_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (JcPlanPage, jc_plan_page, JC, PLAN_PAGE, AdwBin)

GtkWidget  *jc_plan_page_new          (JcStore    *store);
void        jc_plan_page_set_store    (JcPlanPage *self,
                                       JcStore    *store);
JcStore    *jc_plan_page_get_store    (JcPlanPage *self);
const char *jc_plan_page_get_db_path  (JcPlanPage *self);
void        jc_plan_page_set_date     (JcPlanPage *self,
                                       const char *date);
const char *jc_plan_page_get_date     (JcPlanPage *self);
void        jc_plan_page_reload       (JcPlanPage *self);

G_END_DECLS
