/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and state of the deliveries page. */
#pragma once

#include "jc-date-bar.h"
#include "jc-delivery.h"
#include "jc-delivery-tasks.h"
#include "jc-deliveries-page.h"

G_BEGIN_DECLS

gboolean              _jc_deliveries_page_is_busy        (JcDeliveriesPage *self);
gboolean              _jc_deliveries_page_is_edited      (JcDeliveriesPage *self);
const JcDeliveryPlan *_jc_deliveries_page_get_plan       (JcDeliveriesPage *self);
const char           *_jc_deliveries_page_get_state      (JcDeliveriesPage *self);
GtkLabel             *_jc_deliveries_page_get_label      (JcDeliveriesPage *self,
                                                          const char       *name);
GtkWidget            *_jc_deliveries_page_get_list       (JcDeliveriesPage *self);
GtkWidget            *_jc_deliveries_page_get_map        (JcDeliveriesPage *self);
/* The list row of (route, index) (index -1: the route's header). */
GtkWidget            *_jc_deliveries_page_get_row        (JcDeliveriesPage *self,
                                                          int               route,
                                                          int               index);
GtkWidget            *_jc_deliveries_page_get_widget     (JcDeliveriesPage *self,
                                                          const char       *name);
/* The route or stop selected (route == routes->len: an unassigned stop;
 * index -1: the route itself); FALSE: nothing. */
gboolean              _jc_deliveries_page_get_selection  (JcDeliveriesPage *self,
                                                          int              *route,
                                                          int              *index);
gboolean              _jc_deliveries_page_select         (JcDeliveriesPage *self,
                                                          int               route,
                                                          int               index);
/* A click on the map at (x, y) of the drawing area. */
void                  _jc_deliveries_page_click_map      (JcDeliveriesPage *self,
                                                          double            x,
                                                          double            y);
/* The texts of the list row of (route, index) (index -1: the route's
 * header), joined with "\n". */
char                 *_jc_deliveries_page_dup_row_text   (JcDeliveriesPage *self,
                                                          int               route,
                                                          int               index);
gboolean              _jc_deliveries_page_row_has_css    (JcDeliveriesPage *self,
                                                          int               route,
                                                          int               index,
                                                          const char       *css_class);
/* The solver's time for a re-optimisation (default 5 s). */
void                  _jc_deliveries_page_set_solver_seconds (JcDeliveriesPage *self,
                                                              double            seconds);
/* What Export PDF does once the file chooser answers `path`. */
void                  _jc_deliveries_page_export_to      (JcDeliveriesPage *self,
                                                          const char       *path);
GtkWindow            *_jc_deliveries_page_get_dialog     (JcDeliveriesPage *self);

/* ---- inside the page: the files of the page share its struct ------------- *
 *
 * jc-deliveries-page.c (construction, state, the figures, loading, the
 * date), jc-deliveries-page-routes.c (the selection, the list of routes and
 * stops with its drag and drop, the map) and jc-deliveries-page-actions.c
 * (moving stops, save, discard, re-optimise, print, export) include this
 * part; no other file of the ui does.  The database and the solver are only
 * reached through jc-delivery-tasks.c, on worker threads. */

#define DEFAULT_SOLVER_SECONDS 5.0

/* What a row of the list stands for. */
typedef struct {
  int route;   /* routes->len: the unassigned stops */
  int index;   /* -1: the route's header */
} RowInfo;

struct _JcDeliveriesPage {
  AdwBin              parent_instance;

  JcStore            *store;             /* borrowed, NULL: no database */
  char               *db_path;           /* its file */
  char                date[11];
  GCancellable       *cancellable;        /* every worker of the page */
  GCancellable       *load_cancellable;
  GCancellable       *solve_cancellable;  /* stops the solver, keeps the best */
  gboolean            loading;
  gboolean            working;            /* a save or export runs */
  gboolean            solving;
  gboolean            printing;
  gboolean            stopped;            /* the solver was stopped by hand */
  JcDeliveryPlanRef  *ref;                /* the plan on show, NULL: none */
  gboolean            plan_locked;
  char              **late_not_in;     /* late orders not in the locked plan */
  guint               n_vehicles;
  gboolean            dirty;              /* hand edits not saved */
  int                 sel_route;          /* -1: nothing selected */
  int                 sel_index;          /* -1: the route itself */
  gboolean            syncing;            /* the page selects a row itself */
  double              solver_seconds;
  char               *pending_date;       /* asked to discard edits for it */
  GMenu              *move_menu;
  GtkWindow          *dialog;             /* weak: a confirmation on show */

  JcDateBar          *date_bar;
  GtkLabel           *status_label;
  GtkSpinner         *spinner;
  GtkWidget          *edited_box;
  GtkLabel           *edited_label;
  GtkWidget          *build_button;
  GtkMenuButton      *output_button;
  GtkPopover         *output_popover;
  GtkCheckButton     *sheets_check;
  GtkCheckButton     *picking_check;
  GtkCheckButton     *notes_check;
  GtkWidget          *progress_box;
  GtkProgressBar     *progress_bar;
  GtkWidget          *figures_box;
  GtkLabel           *routes_label;
  GtkLabel           *distance_label;
  GtkLabel           *load_label;
  GtkLabel           *late_label;
  GtkLabel           *unassigned_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkStack           *content_stack;
  GtkPaned           *paned;
  GtkLabel           *selection_label;
  GtkMenuButton      *move_button;
  GtkListBox         *stops_list;
  GtkDrawingArea     *map_area;
  AdwStatusPage      *error_page;
};


static inline JcDeliveryPlan *
_jc_deliveries_page_current_plan (JcDeliveriesPage *self)
{
  return self->ref != NULL ? self->ref->plan : NULL;
}

/* jc-deliveries-page.c: the page's state and view */
void  _jc_deliveries_page_refresh (JcDeliveriesPage *self);
void  _jc_deliveries_page_update_actions (JcDeliveriesPage *self);
void  _jc_deliveries_page_set_busy (JcDeliveriesPage *self);
void  _jc_deliveries_page_show_plan (JcDeliveriesPage *self, JcDeliveryPlan *plan);
void  _jc_deliveries_page_show_state_page (JcDeliveriesPage *self);
void  _jc_deliveries_page_load_plan (JcDeliveriesPage *self);

/* jc-deliveries-page-routes.c: the list of routes and stops, the map */
void                    _jc_deliveries_page_class_routes_init (GtkWidgetClass *widget_class);
char                   *_jc_deliveries_page_format_km (gint64 metres);
char                   *_jc_deliveries_page_format_tonnes (gint64 grams);
char                   *_jc_deliveries_page_format_kg (gint64 grams);
gint64                  _jc_deliveries_page_used_capacity_g (const JcDeliveryPlan *plan);
guint                   _jc_deliveries_page_routes_used (const JcDeliveryPlan *plan);
const JcDeliveryStop   *_jc_deliveries_page_selected_stop (JcDeliveriesPage *self);
void                    _jc_deliveries_page_clamp_selection (JcDeliveriesPage *self);
void                    _jc_deliveries_page_update_selection_label (JcDeliveriesPage *self);
void                    _jc_deliveries_page_rebuild_list (JcDeliveriesPage *self);
void                    _jc_deliveries_page_map_draw_cb (GtkDrawingArea *area,
                                                         cairo_t *cr,
                                                         int width,
                                                         int height,
                                                         gpointer user_data);
void                    _jc_deliveries_page_on_map_pressed_cb (GtkGestureClick *gesture,
                                                               int n_press,
                                                               double x,
                                                               double y,
                                                               JcDeliveriesPage *self);
void                    _jc_deliveries_page_rebuild_move_menu (JcDeliveriesPage *self);

/* jc-deliveries-page-actions.c: the page's actions */
void            _jc_deliveries_page_class_actions_init (GtkWidgetClass *widget_class);
JcDeliveryDocs  _jc_deliveries_page_chosen_docs (JcDeliveriesPage *self);
void            _jc_deliveries_page_move_selected_to (JcDeliveriesPage *self,
                                                      int to_route,
                                                      int to_index);
GtkWidget      *_jc_deliveries_page_confirm_dialog_new (JcDeliveriesPage *self,
                                                        const char *heading,
                                                        const char *body,
                                                        const char *response_id,
                                                        const char *response_label);

G_END_DECLS
