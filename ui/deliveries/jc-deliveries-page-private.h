/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and state of the deliveries page. */
#pragma once

#include "jc-delivery.h"
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

G_END_DECLS
