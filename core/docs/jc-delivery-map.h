/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-map.h: the delivery map of a plan drawn with cairo, and
 * what it shares with the pages that show it beside other widgets — the
 * colour of each route, so a route's card wears the colour of its line
 * on the map, and the canteen's short name the map writes beside a stop.
 *
 * The map's hit test (jc_delivery_map_hit()) reports an unassigned stop as
 * route JC_DELIVERY_MAP_UNASSIGNED (plan) — one past the last route — with
 * its index in plan->unassigned. */
#pragma once

#include <cairo.h>

#include "jc-delivery.h"

G_BEGIN_DECLS

/* The map of the plan: depot(s), canteens and routes on their coordinates
 * (equirectangular around the mean latitude, fitted into w×h with a
 * margin), one colour per route, stop numbers, the highlighted route
 * (-1: none) drawn on top.  The same drawing serves the page and the route
 * sheets. */
void      jc_delivery_draw_map      (cairo_t              *cr,
                                     const JcDeliveryPlan *plan,
                                     double                width,
                                     double                height,
                                     int                   highlight_route);
/* Which stop is drawn at (x, y) in a map of width×height (within a few
 * points): TRUE with its route and index. */
gboolean  jc_delivery_map_hit       (const JcDeliveryPlan *plan,
                                     double                width,
                                     double                height,
                                     double                x,
                                     double                y,
                                     guint                *out_route,
                                     guint                *out_index);

#define JC_DELIVERY_MAP_UNASSIGNED(plan) ((plan)->routes->len)

/* The colour of route `route` (a fixed palette that colour-blind readers
 * tell apart, repeating after JC_DELIVERY_MAP_N_COLORS routes); channels
 * 0…1. */
#define JC_DELIVERY_MAP_N_COLORS 8
void   jc_delivery_map_route_color (guint        route,
                                    double      *red,
                                    double      *green,
                                    double      *blue);
/* Where the map of width×height draws the stop (route, index) — route
 * JC_DELIVERY_MAP_UNASSIGNED (plan) for an unassigned one — and the radius
 * of its disc: FALSE when there is no such stop or no map to draw. */
gboolean jc_delivery_map_stop_position (const JcDeliveryPlan *plan,
                                        double                width,
                                        double                height,
                                        guint                 route,
                                        guint                 index,
                                        double               *x,
                                        double               *y,
                                        double               *radius);
/* The canteen's name without a trailing "食堂"/"机关" ("市政府机关食堂" →
 * "市政府"), or the name itself when nothing is left; newly allocated. */
char  *jc_delivery_map_short_name  (const char  *canteen_name);

G_END_DECLS
