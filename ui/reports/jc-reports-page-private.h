/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page-private.h: what the Reports page's files share (the
 * page's struct, as GNOME Text Editor's editor-page-private.h does) and,
 * for the UI tests, the real widgets of the page.
 *
 *   jc-reports-page.c          construction, the month, the canteen, loading
 *   jc-reports-page-view.c     the key figures, the charts, the movers table
 *   jc-reports-item-dialog.c   one item's 13 months, from a mover's row
 *   jc-reports-page-actions.c  exports, print, the page's document actions
 *   jc-report-tasks.c          the worker threads all of them start
 *
 * Nothing outside ui/reports/ and the tests includes this. */
#pragma once

#include "jc-report.h"
#include "jc-report-tasks.h"
#include "jc-reports-page.h"
#include "jc-store.h"

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

/* ---- shared by the page's files --------------------------------------------- */

/* A row of the movers table: a reference on the data it indexes. */
typedef struct {
  JcReportData   *data;
  JcReportPeriod  base;
  guint           index;
} JcReportsMoverRow;

struct _JcReportsPage {
  AdwBin                parent_instance;

  JcStore              *store;            /* borrowed; the workers open their own */
  char                 *db_path;          /* its file */
  char                  month[8];
  char                 *canteen;          /* NULL: all canteens */
  JcReportPeriod        base;             /* of the movers table */
  GCancellable         *cancellable;      /* exports, print, the item's months */
  GCancellable         *load_cancellable;
  gboolean              loading;
  guint                 working;
  JcReportData         *data;             /* on show, NULL: none */
  int                   popover_year;
  GPtrArray            *canteen_codes;    /* char *, parallel to the drop-down after "All" */
  gboolean              filling_canteens;
  GListStore           *movers;           /* JcOrderRow of JcReportsMoverRow */
  GtkSortListModel     *sorted;           /* the movers in the column view's order */
  GtkSingleSelection   *selection;
  GtkWindow            *item_dialog;      /* weak */
  GCancellable         *item_cancellable;
  GtkPrintOperation    *print_op;
  char                 *print_export;     /* the tests' print-to-file */

  GtkLabel             *figure_value[JC_REPORTS_N_FIGURES];
  GtkLabel             *figure_note[JC_REPORTS_N_FIGURES];
  GtkWidget            *figure_card[JC_REPORTS_N_FIGURES];
  GtkWidget            *chart[JC_REPORTS_N_CHARTS];
  GtkLabel             *chart_title[JC_REPORTS_N_CHARTS];
  GtkWidget            *month_buttons[12];

  GtkMenuButton        *month_button;
  GtkPopover           *month_popover;
  GtkLabel             *year_label;
  GtkGrid              *month_grid;
  GtkDropDown          *canteen_dropdown;
  GtkWidget            *export_button;
  GtkStringList        *canteen_list;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkStack             *content_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *empty_page;
  GtkLabel             *title_label;
  GtkGrid              *figures_grid;
  GtkLabel             *claim_label;
  GtkLabel             *decomposition_label;
  GtkGrid              *charts_grid;
  GtkLabel             *movers_title;
  GtkDropDown          *base_dropdown;
  GtkStack             *movers_stack;
  GtkColumnView        *movers_view;
  GtkLabel             *movers_empty;
};

/* jc-reports-page.c */
char *                    _jc_reports_format_month (const char *month);
gboolean                  _jc_reports_chinese_ui (void);
void                      _jc_reports_page_update_actions (JcReportsPage *self);
const JcReport *          _jc_reports_page_current_report (JcReportsPage *self);

/* jc-reports-page-view.c */
const char *              _jc_reports_canteen_name (const JcReportData *data,
                                                    const char *code);
char *                    _jc_reports_format_unit_cost (gint64 milliyuan);
const JcReportMover *     _jc_reports_mover_of (const JcReportsMoverRow *row);
const JcReportsMoverRow * _jc_reports_row_of (gpointer item);
void                      _jc_reports_page_add_figure (JcReportsPage *self,
                                                       JcReportsFigure figure,
                                                       const char *title);
void                      _jc_reports_page_update_figures (JcReportsPage *self);
void                      _jc_reports_page_update_texts (JcReportsPage *self);
void                      _jc_reports_page_add_chart (JcReportsPage *self,
                                                      JcReportsChart chart,
                                                      int column,
                                                      int row,
                                                      int span,
                                                      int height);
void                      _jc_reports_page_update_charts (JcReportsPage *self);
void                      _jc_reports_page_add_mover_columns (JcReportsPage *self);
void                      _jc_reports_page_update_mover_titles (JcReportsPage *self);
void                      _jc_reports_page_fill_movers (JcReportsPage *self);
void                      _jc_reports_page_on_base_changed_cb (JcReportsPage *self);
char *                    _jc_reports_format_mover_cell (const JcReportsMoverRow *row,
                                                         JcReportsMoverColumn column,
                                                         char **out_tooltip,
                                                         const char **out_css);

/* jc-reports-item-dialog.c: a click on a mover's row. */
void                      _jc_reports_page_on_movers_activate_cb (JcReportsPage *self,
                                                                  guint position);

/* jc-reports-page-actions.c */
void                      _jc_reports_page_start_export (JcReportsPage *self,
                                                         JcReportExportKind kind,
                                                         const char *path);
/* Installs the page's document actions (export, print, open a file). */
void                      _jc_reports_page_class_actions_init (GtkWidgetClass *widget_class);

/* ---- for the tests ------------------------------------------------------------ */

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
