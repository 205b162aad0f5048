/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the purchase plan page. */
#pragma once

#include "jc-date-bar.h"
#include "jc-order-row.h"
#include "jc-plan.h"
#include "jc-plan-page.h"
#include "jc-plan-tasks.h"

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

/* ---- inside the page: the files of the page share its struct ------------- *
 *
 * jc-plan-page.c (construction, state, the figures, loading),
 * jc-plan-page-table.c (the rows and columns of the table),
 * jc-plan-page-actuals.c (recording what was bought, the close that waits
 * for the saves) and jc-plan-page-actions.c (lock, unlock, late orders,
 * remove a purchase, export, print, preview, statements) include this part;
 * no other file of the ui does.  The database is only ever read and written
 * through jc-plan-tasks.c, on worker threads. */

/* A plan shared by the rows, the preview and a print job. */
typedef struct {
  JcPlan *plan;
} PlanRef;

typedef enum {
  ROW_CATEGORY,
  ROW_LINE,
  ROW_TOTAL,
} RowKind;

typedef struct {
  RowKind     kind;
  PlanRef    *ref;
  JcPlanLine *line;         /* ROW_LINE, owned by ref->plan */
  char       *title;        /* ROW_CATEGORY */
  gint64      planned_fen;  /* the category's or the plan's */
  gint64      actual_fen;   /* Σ recorded actual costs */
  guint       n_actual;
} PlanRow;

struct _JcPlanPage {
  AdwBin              parent_instance;

  JcStore            *store;             /* borrowed, NULL: no database */
  char               *db_path;           /* its file */
  char                date[11];
  GCancellable       *cancellable;       /* every worker of the page */
  GCancellable       *load_cancellable;
  gboolean            loading;
  gboolean            working;           /* a lock, unlock, record or export runs */
  PlanRef            *ref;               /* the plan on show, NULL: none */
  char               *keep_item;         /* the line to select after a load */
  gint64              keep_supplement;   /* its supplement, 0: the plan's own line */
  int                 threshold;         /* ‰ */
  GListStore         *rows;              /* JcOrderRow of PlanRow */
  GtkSingleSelection *selection;
  GtkWindow          *unlock_dialog;     /* weak */
  GtkWindow          *remove_dialog;     /* weak */
  /* The actuals entries: the line they hold, whether something was typed
   * since the page filled them, and the saves not finished yet (one after
   * another, so that a clerk typing line after line never waits). */
  char               *form_item;
  gint64              form_supplement;   /* 0: the plan's own line, else a 补单 line */
  gboolean            form_dirty;
  gboolean            form_filling;      /* the page sets the entries' text */
  gboolean            rows_filling;      /* _jc_plan_page_fill_rows() replaces the rows */
  gboolean            reverting;         /* back to a line that could not be saved */
  GtkEntry           *error_entry;       /* the entry the error is about, NULL: a save's */
  GQueue             *saves;             /* PendingSave */
  gboolean            saving;
  /* The window is closing: it closes when the saves are done. */
  GtkWindow          *close_window;      /* weak: the window held open for the saves */
  gulong              close_handler;     /* on the root's close-request */
  gboolean            close_pending;     /* close it when the last save is done */
  gboolean            close_allowed;     /* the saves are done, or the clerk let them go */
  GtkWindow          *lock_dialog;       /* weak: "lock with canteens missing?" */
  JcPlanLate         *late;              /* late orders not in the plan, or NULL */
  GCancellable       *late_cancellable;
  GtkInfoBar         *late_bar;          /* "N late orders are not in the locked plan" */
  GtkLabel           *late_label;
  GtkBox             *late_list;         /* a row per late order, with its actions */
  GtkWindow          *preview;           /* weak */
  GSettings          *settings;          /* the variance limit is kept there */

  JcDateBar          *date_bar;
  GtkLabel           *status_label;
  GtkSpinner         *spinner;
  GtkSpinButton      *threshold_spin;
  GtkWidget          *lock_button;
  GtkWidget          *unlock_button;
  GtkLabel           *lines_label;
  GtkLabel           *canteens_label;
  GtkLabel           *planned_label;
  GtkLabel           *actual_label;
  GtkLabel           *difference_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkStack           *content_stack;
  GtkColumnView      *plan_view;
  GtkColumnView      *names_view;       /* the item column, kept in sight */
  GtkFlowBox         *figures_box;
  GtkScrolledWindow  *names_scroller;
  GtkScrolledWindow  *plan_scroller;
  AdwStatusPage      *error_page;
  GtkLabel           *drill_title;
  GtkGrid            *drill_grid;
  GtkLabel           *drill_total;
  GtkLabel           *actual_title;
  GtkWidget          *actual_box;
  GtkEntry           *qty_entry;
  GtkEntry           *price_entry;
  GtkLabel           *qty_unit_label;
  GtkLabel           *price_unit_label;
  GtkLabel           *actual_error;
};

/* What was typed for a line, waiting for its worker. */
typedef struct {
  char   date[11];
  char  *item_code;
  gint64 supplement_id;
  char  *item_name;
  char  *qty_text;
  char  *price_text;
  gint64 qty_milli;
  gint64 price_milliyuan;
} PendingSave;


static inline const JcPlan *
_jc_plan_page_current_plan (JcPlanPage *self)
{
  return self->ref != NULL ? self->ref->plan : NULL;
}

static inline const PlanRow *
_jc_plan_row_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

/* A line of the plan is its item and, for a supplementary purchase (补单)
 * of a late order, its supplement: the same item may be on both. */
static inline gboolean
_jc_plan_line_is (const JcPlanLine *l,
                  const char       *item_code,
                  gint64            supplement_id)
{
  return l != NULL && item_code != NULL && l->supplement_id == supplement_id &&
         g_str_equal (l->item_code, item_code);
}

/* The cancellable of every worker of the page. */
static inline GCancellable *
_jc_plan_page_work_cancellable (JcPlanPage *self)
{
  return self->cancellable;
}

/* jc-plan-page.c: the page's state and view */
void  _jc_plan_page_update_drill (JcPlanPage *self);
void  _jc_plan_page_update_actions (JcPlanPage *self);
void  _jc_plan_page_set_busy (JcPlanPage *self);
void  _jc_plan_page_load_plan (JcPlanPage *self);

/* jc-plan-page-table.c: the table's rows and columns */
PlanRef            *_jc_plan_ref_new (JcPlan *plan);
PlanRef            *_jc_plan_ref_ref (PlanRef *ref);
void                _jc_plan_ref_unref (PlanRef *ref);
char               *_jc_plan_page_format_signed_money (gint64 fen);
void                _jc_plan_page_add_columns (JcPlanPage *self);
void                _jc_plan_page_refresh_cells (JcPlanPage *self);
const JcPlanLine   *_jc_plan_page_selected_line (JcPlanPage *self);
void                _jc_plan_page_fill_rows (JcPlanPage *self, PlanRef *ref);
gboolean            _jc_plan_page_select_line (JcPlanPage *self,
                                               const char *item_code,
                                               gint64 supplement_id);

/* jc-plan-page-actuals.c: recording what was bought */
void      _jc_plan_page_class_actuals_init (GtkWidgetClass *widget_class);
void      _jc_plan_page_pending_save_free (PendingSave *ps);
void      _jc_plan_page_update_actual_form (JcPlanPage *self);
void      _jc_plan_page_on_selection_changed_cb (JcPlanPage *self);
void      _jc_plan_page_set_actual_sensitive (JcPlanPage *self, gboolean sensitive);
gboolean  _jc_plan_page_leave_form (JcPlanPage *self);
gboolean  _jc_plan_page_on_root_close_request_cb (GtkWindow *window, JcPlanPage *self);
void      _jc_plan_page_record_activated (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter);

/* jc-plan-page-actions.c: the page's actions */
void  _jc_plan_page_class_actions_init (GtkWidgetClass *widget_class);
void  _jc_plan_page_update_late (JcPlanPage *self);
void  _jc_plan_page_build_late_bar (JcPlanPage *self);

G_END_DECLS
