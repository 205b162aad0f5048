/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-types.h: the records of a delivery plan — plan, routes,
 * stops, lines, distance pairs — with their new/free.  Plain values: the
 * store reads and writes them, the delivery planner (jc-delivery.h)
 * builds and evaluates them.  Nothing here reads the database. */
#pragma once

#include <glib.h>

#include "jc-units.h"

G_BEGIN_DECLS

/* The detour factor when none is set (permille). */
#define JC_DELIVERY_DEFAULT_DETOUR 1300

typedef struct {
  gint64      item_id;
  char       *item_code;
  char       *item_name;
  char       *category;         /* code */
  char       *category_name;
  int         category_position;
  JcBaseUnit  base_unit;
  gint64      qty_milli;        /* carried on this stop */
  gint64      mass_g;
} JcDeliveryLine;

typedef struct {
  gint64     canteen_id;
  char      *canteen_code;
  char      *canteen_name;
  char      *address;
  double     lat;
  double     lon;
  int        window_start;      /* minutes after midnight */
  int        window_end;
  int        part;              /* 1 … n_parts */
  int        n_parts;           /* 1 unless the canteen's load is split */
  gint64     load_g;
  GPtrArray *lines;             /* JcDeliveryLine *, by category position, item code */
  /* evaluated on the route: */
  gint64     leg_m;             /* from the previous stop (or the depot) */
  gint64     arrival_s;         /* seconds after midnight; past 86400 the next day */
  gint64     start_s;           /* start of unloading (≥ window start) */
  gboolean   late;              /* start after the window's end */
} JcDeliveryStop;

typedef struct {
  gint64     vehicle_id;
  char      *plate;
  gint64     capacity_kg;
  char      *depot;
  double     depot_lat;
  double     depot_lon;
  GPtrArray *stops;             /* JcDeliveryStop *, in visiting order */
  /* evaluated: */
  gint64     load_g;
  gint64     overload_g;        /* > 0 only after a move by hand */
  gint64     distance_m;        /* including the way back to the depot */
  gint64     depart_s;          /* seconds after midnight */
  gint64     return_s;
  int        n_late;
} JcDeliveryRoute;

typedef struct {
  char       date[11];
  GPtrArray *routes;            /* JcDeliveryRoute *, one per active vehicle, by plate */
  GPtrArray *unassigned;        /* JcDeliveryStop * the fleet cannot serve */
  GPtrArray *no_mass;           /* item codes (char *) counted as 0 g */
  gint64     distance_m;
  gint64     load_g;
  int        n_late;
  gint64     overload_g;
  gboolean   from_matrix;       /* every distance from the imported matrix */
  int        detour_permille;
  gboolean   edited;            /* moved by hand since the solver ran */
  char      *saved_at;          /* NULL: not saved */
  char      *saved_by;
  double     solve_seconds;
  gboolean   stale;             /* loaded: the date's purchase plan is no longer
                                 * locked, or its quantities differ from the
                                 * saved stops' (build again) */
  /*< private >*/
  gpointer   priv;
  GDestroyNotify priv_destroy;  /* frees priv; set by its maker */
} JcDeliveryPlan;


typedef struct {
  char   *from_key;     /* canteen code or "depot:NAME" */
  char   *to_key;
  gint64  distance_m;
  gint64  time_s;       /* -1: none */
} JcDeliveryPair;

void             jc_delivery_plan_free    (JcDeliveryPlan  *plan);
void            _jc_delivery_pair_free    (JcDeliveryPair  *pair);
JcDeliveryStop  *_jc_delivery_stop_new    (void);
void            _jc_delivery_stop_free    (JcDeliveryStop  *stop);
void            _jc_delivery_line_free    (JcDeliveryLine  *line);
JcDeliveryRoute *_jc_delivery_route_new   (void);
void            _jc_delivery_route_free   (JcDeliveryRoute *route);
JcDeliveryPlan  *_jc_delivery_plan_new    (const char      *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDeliveryPlan, jc_delivery_plan_free)

G_END_DECLS
