/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the purchase plan page. */
#pragma once

#include "jc-plan.h"
#include "jc-plan-page.h"

G_BEGIN_DECLS

typedef enum {
  JC_PLAN_COLUMN_ITEM,
  JC_PLAN_COLUMN_DEMAND,
  JC_PLAN_COLUMN_LOSS,
  JC_PLAN_COLUMN_GROSS,
  JC_PLAN_COLUMN_PACKS,
  JC_PLAN_COLUMN_PURCHASE,
  JC_PLAN_COLUMN_UNIT,
  JC_PLAN_COLUMN_PRICE,
  JC_PLAN_COLUMN_COST,
  JC_PLAN_COLUMN_ACTUAL_QTY,
  JC_PLAN_COLUMN_ACTUAL_PRICE,
  JC_PLAN_COLUMN_ACTUAL_COST,
  JC_PLAN_COLUMN_QTY_VARIANCE,
  JC_PLAN_COLUMN_PRICE_VARIANCE,
  JC_PLAN_N_COLUMNS
} JcPlanColumn;

gboolean      _jc_plan_page_is_busy          (JcPlanPage *self);
const JcPlan *_jc_plan_page_get_plan         (JcPlanPage *self);
GtkWidget    *_jc_plan_page_get_view         (JcPlanPage *self);
/* The item names beside the table, and the table's scrolled window. */
GtkWidget    *_jc_plan_page_get_names_view   (JcPlanPage *self);
GtkScrolledWindow *_jc_plan_page_get_scroller (JcPlanPage *self);
GListModel   *_jc_plan_page_get_rows         (JcPlanPage *self);
gboolean      _jc_plan_page_select_item      (JcPlanPage *self,
                                              const char *item_code);
char         *_jc_plan_page_dup_cell_text    (JcPlanPage *self,
                                              const char *item_code,
                                              JcPlanColumn column,
                                              const char **out_css);
GtkLabel     *_jc_plan_page_get_label        (JcPlanPage *self,
                                              const char *name);
GtkWidget    *_jc_plan_page_get_lock_button  (JcPlanPage *self);
/* The banner of late orders not in the locked plan, and the lock's
 * "canteens are not in" question (NULL when not shown). */
GtkWidget    *_jc_plan_page_get_late_bar     (JcPlanPage *self);
GtkWindow    *_jc_plan_page_get_lock_dialog  (JcPlanPage *self);
GtkWidget    *_jc_plan_page_get_unlock_button (JcPlanPage *self);
GtkEditable  *_jc_plan_page_get_qty_entry    (JcPlanPage *self);
GtkEditable  *_jc_plan_page_get_price_entry  (JcPlanPage *self);
GtkWindow    *_jc_plan_page_get_unlock_dialog (JcPlanPage *self);
GtkWindow    *_jc_plan_page_get_remove_dialog (JcPlanPage *self);
GtkWindow    *_jc_plan_page_get_preview      (JcPlanPage *self);
guint         _jc_plan_preview_get_n_pages   (GtkWindow  *preview);
guint         _jc_plan_preview_get_page      (GtkWindow  *preview);
GtkSpinButton *_jc_plan_page_get_threshold_spin (JcPlanPage *self);

G_END_DECLS
