/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery.h: the delivery plan of a date — which vehicle brings which
 * canteen its goods, in what order and when — built from the locked
 * purchase plan with the route solver (jc-route.h), and its documents:
 * a route sheet per driver, a picking list per canteen (by category), a
 * delivery note per stop with signature lines.
 *
 * Loads are the canteens' ordered quantities in grams: kg and L items
 * count 1 g per milli-unit, pieces count their piece mass (an item without
 * one counts nothing and is listed in `no_mass`).  Distances are metres,
 * from the imported distance matrix when it covers a pair, else the
 * great-circle distance × the office's detour factor (setting
 * "detour_permille", default 1300); times are seconds after midnight, from
 * the vehicle's speed; each stop takes the vehicle's service time.  A
 * canteen whose load exceeds the largest vehicle is split into parts that
 * each fit one vehicle (whole lines where they fit, the rest by quantity).
 *
 * The plan is saved per date; moving a stop by hand changes it in memory
 * with every figure re-evaluated at once (distance, load, arrival,
 * lateness), and jc_delivery_save stores it. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-route.h"
#include "jc-store.h"
#include "jc-units.h"

G_BEGIN_DECLS

#define JC_DELIVERY_ERROR (jc_delivery_error_quark ())
GQuark jc_delivery_error_quark (void);

typedef enum {
  JC_DELIVERY_ERROR_NO_PLAN,      /* no locked purchase plan for the date */
  JC_DELIVERY_ERROR_NO_VEHICLES,  /* no active vehicle */
  JC_DELIVERY_ERROR_INVALID,      /* bad input: date, matrix file, move */
  JC_DELIVERY_ERROR_FAILED,       /* a file could not be written */
} JcDeliveryError;

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
  int        arrival_s;         /* seconds after midnight */
  int        start_s;           /* start of unloading (≥ window start) */
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
  int        depart_s;
  int        return_s;
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
} JcDeliveryPlan;

void            jc_delivery_plan_free  (JcDeliveryPlan *plan);

/* Builds the delivery plan of `date` from its locked purchase plan with the
 * solver (options NULL: 5 s, seed 1), saves it and returns it.  Runs in a
 * worker thread in the GUI; progress as jc_route_solve's. */
JcDeliveryPlan *jc_delivery_build      (JcStore               *store,
                                        const char            *date,
                                        const JcRouteOptions  *options,
                                        const char            *who,
                                        GCancellable          *cancellable,
                                        JcRouteProgressFunc    progress,
                                        gpointer               user_data,
                                        GError               **error);
/* The saved delivery plan of `date`, re-evaluated against the current
 * vehicles, canteens and distances; NULL without an error when there is
 * none. */
JcDeliveryPlan *jc_delivery_load       (JcStore      *store,
                                        const char   *date,
                                        GError      **error);
gboolean        jc_delivery_save       (JcStore              *store,
                                        JcDeliveryPlan       *plan,
                                        const char           *who,
                                        GError              **error);

/* Moves the stop at (from_route, from_index) to position to_index of route
 * to_route (to_index = the route's length: at the end) and re-evaluates
 * both routes and the totals.  Refused (FALSE, error) only for indices out
 * of range; overload and lateness are allowed and shown. */
gboolean        jc_delivery_move_stop  (JcDeliveryPlan  *plan,
                                        guint            from_route,
                                        guint            from_index,
                                        guint            to_route,
                                        guint            to_index,
                                        GError         **error);

/* ---- distances -------------------------------------------------------- */

/* Great-circle distance in metres (haversine, mean Earth radius). */
gint64          jc_delivery_great_circle_m (double lat1, double lon1,
                                            double lat2, double lon2);
/* Imports a distance/time matrix CSV (UTF-8, header
 * "from,to,distance_m[,time_s]"; from/to are canteen codes or "depot:NAME"
 * for a vehicle's depot), replacing the stored one in one transaction.
 * Every bad line is named (file:line: field: what is wrong) and nothing is
 * stored then.  Returns the number of pairs. */
gboolean        jc_delivery_import_matrix  (JcStore      *store,
                                            const char   *path,
                                            guint        *out_pairs,
                                            GError      **error);

/* Empties the imported matrix: every distance is the great circle × the
 * detour factor again. */
gboolean        jc_delivery_clear_matrix   (JcStore      *store,
                                            GError      **error);
/* How many pairs the imported matrix has. */
guint           jc_delivery_count_matrix   (JcStore      *store,
                                            GError      **error);

/* The detour factor in permille (setting "detour_permille", default 1300,
 * within JC_DELIVERY_DETOUR_MIN…MAX; a bad stored value reads as the
 * default). */
#define JC_DELIVERY_DETOUR_MIN 1000
#define JC_DELIVERY_DETOUR_MAX 5000
int             jc_delivery_get_detour_permille (JcStore  *store);
gboolean        jc_delivery_set_detour_permille (JcStore  *store,
                                                 int       permille,
                                                 GError  **error);

/* ---- documents -------------------------------------------------------- */

typedef enum {
  JC_DELIVERY_DOC_ROUTE_SHEETS  = 1 << 0,  /* one per vehicle, with the map */
  JC_DELIVERY_DOC_PICKING_LISTS = 1 << 1,  /* one per canteen, by category */
  JC_DELIVERY_DOC_NOTES         = 1 << 2,  /* one per stop, signature lines */
  JC_DELIVERY_DOC_ALL           = 0x7,
} JcDeliveryDocs;

guint     jc_delivery_doc_n_pages   (const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     double                page_w,
                                     double                page_h);
void      jc_delivery_doc_draw_page (cairo_t              *cr,
                                     const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     guint                 page,
                                     double                page_w,
                                     double                page_h);
/* The chosen documents as a paged document, titled "Deliveries DATE" in the
 * user's language, laid out once.  The route sheets' maps draw from `plan`,
 * so it must live as long as the document: the document keeps `owner` (what
 * keeps the plan alive, e.g. a reference on a box holding it) and calls
 * `release (owner)` with its last reference.  `release` NULL: the caller
 * keeps the plan alive for as long as the document lives. */
JcPagedDoc *jc_delivery_doc_paged_new (const JcDeliveryPlan *plan,
                                       JcDeliveryDocs        docs,
                                       gpointer              owner,
                                       GDestroyNotify        release);
gboolean  jc_delivery_export_pdf    (const JcDeliveryPlan *plan,
                                     JcDeliveryDocs        docs,
                                     const char           *path,
                                     JcOutputFlags         flags,
                                     GError              **error);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDeliveryPlan, jc_delivery_plan_free)

G_END_DECLS
