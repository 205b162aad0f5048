/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io.h: the public benchmark instance formats, read into a
 * JcRouteProblem, and the CVRPLIB solution text.
 *
 *  - TSPLIB95 / CVRPLIB `.vrp`: NAME, COMMENT, TYPE (CVRP), DIMENSION,
 *    CAPACITY, EDGE_WEIGHT_TYPE EUC_2D (each distance rounded to the nearest
 *    integer, TSPLIB nint), EXACT_2D (CMT: unrounded; stored scaled, see
 *    `scale`), EXPLICIT with EDGE_WEIGHT_FORMAT FULL_MATRIX, LOWER_ROW,
 *    LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW; NODE_COORD_SECTION,
 *    EDGE_WEIGHT_SECTION, DEMAND_SECTION, DEPOT_SECTION (one depot, ended
 *    by -1), optional VEHICLES, DISTANCE (the vehicles' latest return:
 *    route length with service times) and SERVICE_TIME (every customer's),
 *    DISPLAY_DATA_SECTION (skipped), EOF.  At most JC_ROUTE_IO_MAX_NODES.
 *  - Solomon VRPTW `.txt`: name line, VEHICLE (NUMBER, CAPACITY), CUSTOMER
 *    table (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE,
 *    SERVICE TIME); distances and travel times are the Euclidean distance
 *    truncated to one decimal (the CVRPLIB convention), stored ×10.
 *
 * Errors are JC_ROUTE_IO_ERROR and name the file, the line and what is
 * wrong ("X.vrp:7: DIMENSION “abc” is not a whole number"). */
#pragma once

#include <gio/gio.h>

#include "jc-route.h"

G_BEGIN_DECLS

#define JC_ROUTE_IO_ERROR (jc_route_io_error_quark ())
GQuark jc_route_io_error_quark (void);

typedef enum {
  JC_ROUTE_IO_ERROR_READ,      /* cannot read the file */
  JC_ROUTE_IO_ERROR_SYNTAX,    /* a line that does not parse */
  JC_ROUTE_IO_ERROR_MISSING,   /* a required keyword or section is absent */
  JC_ROUTE_IO_ERROR_VALUE,     /* a value out of range or inconsistent */
  JC_ROUTE_IO_ERROR_UNSUPPORTED,
} JcRouteIoError;

typedef enum {
  JC_ROUTE_FORMAT_VRP,
  JC_ROUTE_FORMAT_SOLOMON,
} JcRouteFormat;

typedef struct {
  char          *name;
  char          *comment;
  JcRouteFormat  format;
  int            dimension;     /* nodes including the depot */
  gint64         capacity;
  int            vehicles;      /* fleet limit from VEHICLES, the Solomon
                                 * NUMBER, or -kN in the name; -1: none */
  gint64         scale;         /* stored distance = true distance × scale
                                 * (1 for rounded EUC_2D and EXPLICIT, 10 for
                                 * Solomon, 1000 for EXACT_2D) */
  double        *x;             /* coordinates per node, NULL for EXPLICIT */
  double        *y;
  gboolean       fleet_is_limit; /* the file states the fleet its best known
                                 * solutions keep to (VEHICLES, the Solomon
                                 * NUMBER, an Augerat "No of trucks: N"
                                 * COMMENT); FALSE when `vehicles` only comes
                                 * from -kN in the name (the X set: k is the
                                 * minimum number of routes, not a limit) */
  gint64         distance_limit; /* DISTANCE × scale (the route length limit,
                                 * service times included), or
                                 * JC_ROUTE_NO_LIMIT */
  gint64         service_time;  /* SERVICE_TIME × scale, 0 when absent */
} JcRouteInstance;

/* The largest DIMENSION (nodes, depot included) the reader accepts: the
 * solver keeps a full n×n matrix of 8-byte distances (3.2 GB at 20 000
 * nodes), so larger files are refused before anything is allocated. */
#define JC_ROUTE_IO_MAX_NODES 20000

void jc_route_instance_free (JcRouteInstance *instance);

/* Reads an instance; the format is told by the content, not the name.
 * `limit_fleet`: make the vehicle type's count the instance's fleet limit
 * (when it has one) instead of unlimited. */
JcRouteProblem *jc_route_read_file  (const char       *path,
                                     gboolean          limit_fleet,
                                     JcRouteInstance **out_instance,
                                     GError          **error);
JcRouteProblem *jc_route_read_data  (const char       *name_for_messages,
                                     const char       *data,
                                     gsize             length,
                                     gboolean          limit_fleet,
                                     JcRouteInstance **out_instance,
                                     GError          **error);

/* The CVRPLIB solution text: "Route #k: c1 c2 …" (customers numbered from
 * 1, i.e. node index − n_depots + 1, depot omitted), then "Cost N" with the
 * cost in the instance's units (divided by scale, with as many decimals as
 * the scale has digits). */
char *jc_route_format_sol (const JcRouteInstance *instance,
                           const JcRouteProblem  *problem,
                           const JcRouteSolution *solution);

/* Reads a `.sol` file's routes and cost (for the benchmark and tests):
 * returns a solution with stops as node indices, and *cost as printed. */
JcRouteSolution *jc_route_read_sol (const char            *path,
                                    const JcRouteProblem  *problem,
                                    double                *cost,
                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcRouteInstance, jc_route_instance_free)

G_END_DECLS
