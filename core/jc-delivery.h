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

#include <gio/gio.h>

#include "jc-delivery-types.h"
#include "jc-output.h"
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
 * stored then.  Returns the number of pairs.  The file may be
 * JC_DELIVERY_MATRIX_MAX_FILE_BYTES at the most. */
#define JC_DELIVERY_MATRIX_MAX_FILE_BYTES ((guint64) 256 * 1024 * 1024)
/* A leg longer than this is refused at import, never later by the
 * solver: 5,000 km, 48 hours. */
#define JC_DELIVERY_MATRIX_MAX_DISTANCE_M 5000000
#define JC_DELIVERY_MATRIX_MAX_TIME_S     (48 * 3600)
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

/* The documents (route sheets, picking lists, delivery notes) and the map:
 * core/docs/jc-delivery-doc.h and jc-delivery-map.h. */

G_END_DECLS
