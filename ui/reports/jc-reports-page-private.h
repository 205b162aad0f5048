/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the Reports page. */
#pragma once

#include "jc-report.h"
#include "jc-report-tasks.h"
#include "jc-reports-page.h"

G_BEGIN_DECLS

typedef enum {
  JC_REPORTS_FIGURE_SPEND,
  JC_REPORTS_FIGURE_MOM,
  JC_REPORTS_FIGURE_YOY,
  JC_REPORTS_FIGURE_OUR_INDEX,
  JC_REPORTS_FIGURE_MARKET_INDEX,
  JC_REPORTS_FIGURE_SAVINGS,
  JC_REPORTS_N_FIGURES
} JcReportsFigure;

typedef enum {
  JC_REPORTS_CHART_TREND,
  JC_REPORTS_CHART_INDEX,
  JC_REPORTS_CHART_WATERFALL,
  JC_REPORTS_CHART_CANTEENS,
  JC_REPORTS_CHART_CATEGORIES,
  JC_REPORTS_N_CHARTS
} JcReportsChart;

typedef enum {
  JC_REPORTS_MOVER_ITEM,
  JC_REPORTS_MOVER_CATEGORY,
  JC_REPORTS_MOVER_BEFORE,
  JC_REPORTS_MOVER_NOW,
  JC_REPORTS_MOVER_CHANGE,
  JC_REPORTS_MOVER_MARKET,
  JC_REPORTS_MOVER_EFFECT,
  JC_REPORTS_N_MOVER_COLUMNS
} JcReportsMoverColumn;

gboolean        _jc_reports_page_is_busy        (JcReportsPage *self);
const JcReport *_jc_reports_page_get_report     (JcReportsPage *self);
/* The content shown: "no-database", "loading", "error", "empty", "report". */
const char     *_jc_reports_page_get_state      (JcReportsPage *self);
GtkLabel       *_jc_reports_page_get_figure     (JcReportsPage  *self,
                                                 JcReportsFigure figure,
                                                 gboolean        note);
/* "title", "claim", "decomposition", "status", "movers-title" */
GtkLabel       *_jc_reports_page_get_label      (JcReportsPage *self,
                                                 const char    *name);
const char     *_jc_reports_page_get_empty_title (JcReportsPage *self);
GtkMenuButton  *_jc_reports_page_get_month_button (JcReportsPage *self);
GtkWidget      *_jc_reports_page_get_chart      (JcReportsPage  *self,
                                                 JcReportsChart  chart);
/* Picks the canteen in the drop-down (NULL: all); FALSE when it is not
 * listed. */
gboolean        _jc_reports_page_choose_canteen (JcReportsPage *self,
                                                 const char    *code);
const char     *_jc_reports_page_get_canteen    (JcReportsPage *self);
void            _jc_reports_page_choose_base    (JcReportsPage  *self,
                                                 JcReportPeriod  base);
guint           _jc_reports_page_get_n_movers   (JcReportsPage *self);
char           *_jc_reports_page_dup_mover_cell (JcReportsPage        *self,
                                                 guint                 position,
                                                 JcReportsMoverColumn  column,
                                                 const char          **out_css);
/* What a click on the column's header does; JC_REPORTS_N_MOVER_COLUMNS:
 * the movers' own order again. */
void            _jc_reports_page_sort_movers    (JcReportsPage        *self,
                                                 JcReportsMoverColumn  column,
                                                 gboolean              ascending);
/* What a click on the item's row does; FALSE when it is not listed. */
gboolean        _jc_reports_page_activate_item  (JcReportsPage *self,
                                                 const char    *item_code);
GtkWindow      *_jc_reports_page_get_item_dialog (JcReportsPage *self);
/* NULL while the item's months are read. */
GArray         *_jc_reports_item_dialog_get_months (GtkWindow  *dialog);
/* What the file chooser's Save does. */
void            _jc_reports_page_export_to      (JcReportsPage      *self,
                                                 JcReportExportKind  kind,
                                                 const char         *path);
/* The print job's pages exported to a PDF (GtkPrintOperation's export). */
void            _jc_reports_page_print_to_file  (JcReportsPage *self,
                                                 const char    *path);

G_END_DECLS
