/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route.h: the vehicle-routing problem the delivery planner and the
 * benchmark mode share, and its solver.
 *
 * A problem is a set of nodes with an integer distance and travel-time
 * matrix.  Nodes 0 .. n_depots-1 are depots, the rest are customers, each
 * with a demand, a time window [ready, due] for the start of service and a
 * service time.  Vehicles come in types (capacity, depot, earliest departure,
 * latest return, how many, optionally their own travel times).  A solution
 * serves every customer exactly once, each route within its vehicle's
 * capacity and every customer's window (waiting is allowed, arriving late is
 * not), and minimises the total distance.  Customers that cannot be served
 * by the fleet are returned as unassigned, never dropped silently.
 *
 * Units are the caller's: the delivery planner uses metres, seconds and
 * grams; the benchmark mode uses the instance's own (rounded or scaled)
 * distances.  Everything is integer, so results are exact and repeatable.
 *
 * The solver is deterministic for a given seed and iteration limit; under a
 * time limit it is anytime (it returns the best solution found when the time
 * is up, when cancelled, or when it reports progress). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JC_ROUTE_NO_LIMIT G_MAXINT64

/* Errors of jc_route_problem_validate, jc_route_solution_check and
 * jc_route_solve. */
#define JC_ROUTE_ERROR (jc_route_error_quark ())
GQuark jc_route_error_quark (void);

typedef enum {
  JC_ROUTE_ERROR_INVALID,      /* the problem or the options are not usable */
  JC_ROUTE_ERROR_INFEASIBLE,   /* a solution breaks a rule (check) */
} JcRouteError;

typedef struct {
  int           depot;      /* node index, < n_depots */
  gint64        capacity;   /* > 0 */
  gint64        earliest;   /* earliest departure from the depot */
  gint64        latest;     /* latest return to the depot, JC_ROUTE_NO_LIMIT: none */
  int           count;      /* vehicles of this type; -1: as many as needed */
  const gint64 *time;       /* n×n travel times of this type (owned by the
                             * caller, must outlive the problem), NULL: the
                             * problem's */
} JcRouteVehicleType;

typedef struct {
  int                  n_nodes;
  int                  n_depots;
  gint64              *dist;      /* n×n, row-major, ≥ 0; need not be symmetric */
  gint64              *time;      /* n×n travel times, NULL: equal to dist */
  gint64              *demand;    /* n; 0 for depots */
  gint64              *ready;     /* n; NULL: no windows */
  gint64              *due;       /* n; NULL: no windows */
  gint64              *service;   /* n; NULL: no service times */
  int                  n_types;
  JcRouteVehicleType  *types;
} JcRouteProblem;

/* Allocates a problem with all arrays zeroed (dist, demand, ready, due,
 * service allocated; time NULL; ready = 0 and due = JC_ROUTE_NO_LIMIT).
 * n_types vehicle types are allocated zeroed. */
JcRouteProblem *jc_route_problem_new      (int n_depots,
                                           int n_customers,
                                           int n_types);
void            jc_route_problem_free     (JcRouteProblem *problem);
/* Checks the problem is solvable in principle: sizes, non-negative
 * distances and demands, every customer's demand within the largest
 * capacity, windows ordered, a customer reachable in its window from some
 * depot.  The message names the node (numbered as the caller numbers it:
 * node index) and what is wrong. */
gboolean        jc_route_problem_validate (const JcRouteProblem *problem,
                                           GError              **error);

static inline gint64
jc_route_dist (const JcRouteProblem *p, int from, int to)
{
  return p->dist[(gsize) from * (gsize) p->n_nodes + (gsize) to];
}

typedef struct {
  int     type;        /* index into problem->types */
  int     n_stops;
  int    *stops;       /* customer node indices, in visiting order */
  gint64  distance;
  gint64  load;
  gint64 *arrival;     /* n_stops: arrival time at each stop */
  gint64 *start;       /* n_stops: start of service (≥ arrival, ≥ ready) */
  gint64  departure;   /* from the depot (as late as possible without waiting
                        * at the first stop, not before earliest) */
  gint64  return_time; /* back at the depot */
} JcRoute;

typedef struct {
  int      n_routes;
  JcRoute *routes;
  gint64   distance;       /* Σ route distances */
  int      n_unassigned;
  int     *unassigned;     /* customer node indices */
  guint64  iterations;     /* solver iterations done */
  double   seconds;        /* solver time used */
} JcRouteSolution;

void             jc_route_solution_free  (JcRouteSolution *solution);
JcRouteSolution *jc_route_solution_copy  (const JcRouteSolution *solution);

/* What one route costs and whether it keeps the rules: used by the checker
 * and by the GUI when a person moves a stop by hand. */
typedef struct {
  gint64 distance;
  gint64 load;
  gint64 overload;     /* max (0, load − capacity) */
  gint64 lateness;     /* Σ max (0, start − due) over stops and the return */
  int    n_late;       /* stops (and the return) that are late */
  gint64 departure;
  gint64 return_time;
} JcRouteEval;

/* Evaluates stops[0..n_stops-1] driven by a vehicle of type `type`,
 * filling `arrival`/`start` when not NULL (n_stops each). */
void      jc_route_evaluate       (const JcRouteProblem *problem,
                                   int                   type,
                                   const int            *stops,
                                   int                   n_stops,
                                   JcRouteEval          *out,
                                   gint64               *arrival,
                                   gint64               *start);
/* Recomputes every route's figures (distance, load, arrival, start,
 * departure, return) and the total from the stops. */
void      jc_route_solution_update (const JcRouteProblem *problem,
                                    JcRouteSolution      *solution);
/* Checks a solution independently of the solver: every customer served
 * exactly once or listed unassigned, each route within capacity and
 * windows, vehicle counts within the fleet, figures as recomputed.  The
 * message names the route and the stop. */
gboolean  jc_route_solution_check (const JcRouteProblem  *problem,
                                   const JcRouteSolution *solution,
                                   GError               **error);

typedef enum {
  JC_ROUTE_CLOCK_WALL,         /* seconds of wall time (the GUI) */
  JC_ROUTE_CLOCK_CPU,          /* seconds of the solving thread's CPU time
                                * (benchmarks on a shared machine) */
} JcRouteClock;

typedef struct {
  double       seconds;        /* ≤ 0: no time limit */
  guint64      max_iterations; /* 0: no iteration limit; one of the two is needed */
  guint64      seed;
  JcRouteClock clock;
} JcRouteOptions;

void jc_route_options_init (JcRouteOptions *options); /* 5 s wall, seed 1 */

/* Called from the solving thread, at most about ten times a second and
 * whenever a better solution is found: fraction of the time or iterations
 * used (0..1), and the best solution so far (owned by the solver, valid
 * during the call only). */
typedef void (*JcRouteProgressFunc) (double                  fraction,
                                     const JcRouteSolution  *best,
                                     gpointer                user_data);

/* Solves; returns the best solution found (never NULL unless the problem is
 * invalid, with the reason in error).  Cancelling returns the best so far
 * (cancellation is not an error here: the caller checks the cancellable).
 * Customers no vehicle can serve are in solution->unassigned. */
JcRouteSolution *jc_route_solve (const JcRouteProblem  *problem,
                                 const JcRouteOptions  *options,
                                 GCancellable          *cancellable,
                                 JcRouteProgressFunc    progress,
                                 gpointer               user_data,
                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcRouteProblem, jc_route_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcRouteSolution, jc_route_solution_free)

G_END_DECLS
