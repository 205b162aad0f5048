/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route.c: the routing problem, the evaluation of a route, the
 * independent solution checker.  The solver is in jc-route-solve.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-route.h"

G_DEFINE_QUARK (jc-route-error-quark, jc_route_error)

/* Distances, times and demands above this are refused, so that sums over a
 * route of a few thousand stops and the solver's penalties cannot overflow. */
#define JC_ROUTE_MAX_VALUE ((gint64) 1 << 40)

/**
 * jc_route_problem_new:
 * Returns a problem with n_depots + n_customers nodes, every matrix entry,
 * demand and service time 0, every window [0, JC_ROUTE_NO_LIMIT], and
 * n_types zeroed vehicle types.  Free with jc_route_problem_free().
 */
JcRouteProblem *
jc_route_problem_new (int n_depots,
                      int n_customers,
                      int n_types)
{
  JcRouteProblem *p;
  gsize n;

  g_return_val_if_fail (n_depots >= 1 && n_customers >= 0 && n_types >= 0, NULL);

  n = (gsize) n_depots + (gsize) n_customers;
  p = g_new0 (JcRouteProblem, 1);
  p->n_nodes = (int) n;
  p->n_depots = n_depots;
  p->dist = g_new0 (gint64, n * n);
  p->time = NULL;
  p->demand = g_new0 (gint64, n);
  p->ready = g_new0 (gint64, n);
  p->due = g_new (gint64, n);
  for (gsize i = 0; i < n; i++)
    p->due[i] = JC_ROUTE_NO_LIMIT;
  p->service = g_new0 (gint64, n);
  p->n_types = n_types;
  p->types = g_new0 (JcRouteVehicleType, MAX (n_types, 1));
  return p;
}

void
jc_route_problem_free (JcRouteProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->dist);
  g_free (problem->time);
  g_free (problem->demand);
  g_free (problem->ready);
  g_free (problem->due);
  g_free (problem->service);
  g_free (problem->types);
  g_free (problem);
}

static const gint64 *
type_times (const JcRouteProblem *p,
            int                   type)
{
  if (p->types[type].time != NULL)
    return p->types[type].time;
  if (p->time != NULL)
    return p->time;
  return p->dist;
}

static gboolean
check_matrix (const JcRouteProblem *p,
              const gint64         *m,
              const char           *what,
              GError              **error)
{
  int n = p->n_nodes;

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        gint64 v = m[(gsize) i * n + j];

        if (v < 0 || v > JC_ROUTE_MAX_VALUE)
          {
            /* TRANSLATORS: the first %s is "distance" or "travel time" */
            g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                         _("The %s from node %d to node %d is %lld: it must be between 0 and %lld"),
                         what, i, j, (long long) v, (long long) JC_ROUTE_MAX_VALUE);
            return FALSE;
          }
      }
  return TRUE;
}

/**
 * jc_route_problem_validate:
 * Returns TRUE when the problem can be given to the solver; otherwise sets
 * a JC_ROUTE_ERROR_INVALID error naming the node or vehicle type and what
 * is wrong.
 */
gboolean
jc_route_problem_validate (const JcRouteProblem *p,
                           GError              **error)
{
  int n;
  gint64 max_cap = 0;

  g_return_val_if_fail (p != NULL, FALSE);

  n = p->n_nodes;
  if (p->n_depots < 1 || n < p->n_depots)
    {
      g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                   ngettext ("The problem needs at least one depot (it has %d of %d node)",
                             "The problem needs at least one depot (it has %d of %d nodes)",
                             (unsigned long) MAX (n, 0)),
                   p->n_depots, n);
      return FALSE;
    }
  if (p->dist == NULL || p->demand == NULL)
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                           _("The problem has no distance matrix or no demands"));
      return FALSE;
    }
  if (p->n_types < 1 || p->types == NULL)
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                           _("The problem has no vehicle type"));
      return FALSE;
    }
  if ((p->ready == NULL) != (p->due == NULL))
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                           _("Time windows need both ready and due times"));
      return FALSE;
    }
  if (!check_matrix (p, p->dist, _("distance"), error))
    return FALSE;
  if (p->time != NULL && !check_matrix (p, p->time, _("travel time"), error))
    return FALSE;

  for (int t = 0; t < p->n_types; t++)
    {
      const JcRouteVehicleType *vt = &p->types[t];

      if (vt->depot < 0 || vt->depot >= p->n_depots)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Vehicle type %d: depot %d is not a depot node (0 to %d)"),
                       t, vt->depot, p->n_depots - 1);
          return FALSE;
        }
      if (vt->capacity <= 0)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Vehicle type %d: the capacity %lld is not positive"),
                       t, (long long) vt->capacity);
          return FALSE;
        }
      if (vt->count < -1)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Vehicle type %d: the count %d is negative"), t, vt->count);
          return FALSE;
        }
      if (vt->earliest < 0 || vt->earliest > JC_ROUTE_MAX_VALUE
          || (vt->latest != JC_ROUTE_NO_LIMIT && vt->latest > JC_ROUTE_MAX_VALUE)
          || vt->latest < vt->earliest)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Vehicle type %d: the working time %lld to %lld is not usable"),
                       t, (long long) vt->earliest, (long long) vt->latest);
          return FALSE;
        }
      if (vt->time != NULL && !check_matrix (p, vt->time, _("travel time"), error))
        {
          g_prefix_error (error, _("Vehicle type %d: "), t);
          return FALSE;
        }
      if (vt->count != 0)
        max_cap = MAX (max_cap, vt->capacity);
    }
  if (max_cap == 0 && n > p->n_depots)
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                           _("No vehicle is available (every vehicle type has a count of 0)"));
      return FALSE;
    }

  for (int i = 0; i < n; i++)
    {
      gint64 ready = p->ready != NULL ? p->ready[i] : 0;
      gint64 due = p->due != NULL ? p->due[i] : JC_ROUTE_NO_LIMIT;
      gint64 service = p->service != NULL ? p->service[i] : 0;
      gboolean reachable = FALSE;

      if (i < p->n_depots)
        continue;
      if (p->demand[i] < 0 || p->demand[i] > JC_ROUTE_MAX_VALUE)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Node %d: the demand %lld is negative or too large"),
                       i, (long long) p->demand[i]);
          return FALSE;
        }
      if (p->demand[i] > max_cap)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Node %d: the demand %lld exceeds the largest vehicle capacity %lld"),
                       i, (long long) p->demand[i], (long long) max_cap);
          return FALSE;
        }
      if (service < 0 || service > JC_ROUTE_MAX_VALUE)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Node %d: the service time %lld is negative or too large"),
                       i, (long long) service);
          return FALSE;
        }
      if (ready < 0 || ready > JC_ROUTE_MAX_VALUE
          || (due != JC_ROUTE_NO_LIMIT && due > JC_ROUTE_MAX_VALUE) || due < ready)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Node %d: the time window %lld to %lld is not ordered or out of range"),
                       i, (long long) ready, (long long) due);
          return FALSE;
        }
      /* reachable in its window; one that cannot also be brought back
       * within a vehicle's working time is the solver's to list unassigned */
      for (int t = 0; t < p->n_types && !reachable; t++)
        {
          const JcRouteVehicleType *vt = &p->types[t];
          const gint64 *tm = type_times (p, t);

          if (vt->count == 0 || vt->capacity < p->demand[i])
            continue;
          if (vt->earliest + tm[(gsize) vt->depot * n + i] <= due)
            reachable = TRUE;
        }
      if (!reachable)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                       _("Node %d: no vehicle that can carry its demand can reach it before its time window closes at %lld"),
                       i, (long long) due);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * jc_route_evaluate:
 * Drives stops[] with a vehicle of `type` leaving its depot no earlier
 * than the type's earliest time, waiting where it arrives before a window
 * opens, and fills `out` (and `arrival`/`start` when not NULL).
 */
void
jc_route_evaluate (const JcRouteProblem *p,
                   int                   type,
                   const int            *stops,
                   int                   n_stops,
                   JcRouteEval          *out,
                   gint64               *arrival,
                   gint64               *start)
{
  const JcRouteVehicleType *vt;
  const gint64 *tm;
  int n, prev;
  gint64 t, dist = 0, load = 0, lateness = 0;
  int n_late = 0;

  g_return_if_fail (p != NULL && out != NULL && type >= 0 && type < p->n_types);

  vt = &p->types[type];
  tm = type_times (p, type);
  n = p->n_nodes;
  memset (out, 0, sizeof *out);

  t = vt->earliest;
  if (n_stops > 0 && p->ready != NULL)
    {
      gint64 leg = tm[(gsize) vt->depot * n + stops[0]];

      /* leave as late as possible without waiting at the first stop */
      t = MAX (vt->earliest, p->ready[stops[0]] - leg);
    }
  out->departure = t;
  prev = vt->depot;
  for (int i = 0; i < n_stops; i++)
    {
      int c = stops[i];
      gint64 arr, st;

      dist += p->dist[(gsize) prev * n + c];
      arr = t + tm[(gsize) prev * n + c];
      st = p->ready != NULL ? MAX (arr, p->ready[c]) : arr;
      if (p->due != NULL && st > p->due[c])
        {
          lateness += st - p->due[c];
          n_late++;
        }
      if (arrival != NULL)
        arrival[i] = arr;
      if (start != NULL)
        start[i] = st;
      load += p->demand[c];
      t = st + (p->service != NULL ? p->service[c] : 0);
      prev = c;
    }
  if (n_stops > 0)
    {
      dist += p->dist[(gsize) prev * n + vt->depot];
      t += tm[(gsize) prev * n + vt->depot];
    }
  if (vt->latest != JC_ROUTE_NO_LIMIT && t > vt->latest)
    {
      lateness += t - vt->latest;
      n_late++;
    }
  out->distance = dist;
  out->load = load;
  out->overload = MAX (0, load - vt->capacity);
  out->lateness = lateness;
  out->n_late = n_late;
  out->return_time = t;
}

/**
 * jc_route_solution_update:
 * Recomputes every figure of the solution from its routes' stops.
 */
void
jc_route_solution_update (const JcRouteProblem *p,
                          JcRouteSolution      *s)
{
  g_return_if_fail (p != NULL && s != NULL);

  s->distance = 0;
  for (int r = 0; r < s->n_routes; r++)
    {
      JcRoute *route = &s->routes[r];
      JcRouteEval ev;

      g_free (route->arrival);
      g_free (route->start);
      route->arrival = g_new0 (gint64, MAX (route->n_stops, 1));
      route->start = g_new0 (gint64, MAX (route->n_stops, 1));
      jc_route_evaluate (p, route->type, route->stops, route->n_stops, &ev,
                         route->arrival, route->start);
      route->distance = ev.distance;
      route->load = ev.load;
      route->departure = ev.departure;
      route->return_time = ev.return_time;
      s->distance += ev.distance;
    }
}

void
jc_route_solution_free (JcRouteSolution *s)
{
  if (s == NULL)
    return;
  for (int r = 0; r < s->n_routes; r++)
    {
      g_free (s->routes[r].stops);
      g_free (s->routes[r].arrival);
      g_free (s->routes[r].start);
    }
  g_free (s->routes);
  g_free (s->unassigned);
  g_free (s);
}

/**
 * jc_route_solution_copy:
 * Returns a deep copy, to free with jc_route_solution_free().
 */
JcRouteSolution *
jc_route_solution_copy (const JcRouteSolution *s)
{
  JcRouteSolution *c;

  g_return_val_if_fail (s != NULL, NULL);

  c = g_new0 (JcRouteSolution, 1);
  *c = *s;
  c->routes = g_new0 (JcRoute, MAX (s->n_routes, 1));
  for (int r = 0; r < s->n_routes; r++)
    {
      const JcRoute *from = &s->routes[r];
      JcRoute *to = &c->routes[r];
      gsize k = (gsize) MAX (from->n_stops, 1);

      *to = *from;
      to->stops = g_new0 (int, k);
      to->arrival = g_new0 (gint64, k);
      to->start = g_new0 (gint64, k);
      if (from->n_stops > 0)
        {
          memcpy (to->stops, from->stops, sizeof (int) * from->n_stops);
          if (from->arrival != NULL)
            memcpy (to->arrival, from->arrival, sizeof (gint64) * from->n_stops);
          if (from->start != NULL)
            memcpy (to->start, from->start, sizeof (gint64) * from->n_stops);
        }
    }
  c->unassigned = g_new0 (int, MAX (s->n_unassigned, 1));
  if (s->n_unassigned > 0)
    memcpy (c->unassigned, s->unassigned, sizeof (int) * s->n_unassigned);
  return c;
}

/**
 * jc_route_solution_check:
 * Returns TRUE when every customer is served exactly once or listed
 * unassigned, every route keeps its vehicle's capacity and every window,
 * the fleet is not exceeded and the stored figures are what the stops
 * give.  Otherwise sets JC_ROUTE_ERROR_INFEASIBLE with a message naming
 * the route and the stop (numbered from 1) and the node.
 */
gboolean
jc_route_solution_check (const JcRouteProblem  *p,
                         const JcRouteSolution *s,
                         GError               **error)
{
  g_autofree int *seen = NULL;
  g_autofree int *used = NULL;
  gint64 total = 0;

  g_return_val_if_fail (p != NULL && s != NULL, FALSE);

  seen = g_new0 (int, p->n_nodes);
  used = g_new0 (int, MAX (p->n_types, 1));
  if (s->n_routes < 0 || s->n_unassigned < 0
      || (s->n_routes > 0 && s->routes == NULL)
      || (s->n_unassigned > 0 && s->unassigned == NULL))
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                           _("The solution's route or unassigned list is malformed"));
      return FALSE;
    }
  for (int r = 0; r < s->n_routes; r++)
    {
      const JcRoute *route = &s->routes[r];

      if (route->type < 0 || route->type >= p->n_types)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Route %d: vehicle type %d does not exist"), r + 1, route->type);
          return FALSE;
        }
      if (route->n_stops < 0 || (route->n_stops > 0 && route->stops == NULL))
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Route %d: the stop list is malformed"), r + 1);
          return FALSE;
        }
      used[route->type]++;
      for (int i = 0; i < route->n_stops; i++)
        {
          int c = route->stops[i];

          if (c < p->n_depots || c >= p->n_nodes)
            {
              g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                           _("Route %d, stop %d: node %d is not a customer"), r + 1, i + 1, c);
              return FALSE;
            }
          if (seen[c] != 0)
            {
              g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                           _("Route %d, stop %d: node %d is visited a second time"),
                           r + 1, i + 1, c);
              return FALSE;
            }
          seen[c] = r + 1;
        }
    }
  /* then the rules, once every stop is known to be a single visit */
  for (int r = 0; r < s->n_routes; r++)
    {
      const JcRoute *route = &s->routes[r];
      const JcRouteVehicleType *vt = &p->types[route->type];
      g_autofree gint64 *arr = NULL;
      g_autofree gint64 *st = NULL;
      JcRouteEval ev;

      arr = g_new0 (gint64, MAX (route->n_stops, 1));
      st = g_new0 (gint64, MAX (route->n_stops, 1));
      jc_route_evaluate (p, route->type, route->stops, route->n_stops, &ev, arr, st);
      if (ev.overload > 0)
        {
          gint64 load = 0;
          int i;

          for (i = 0; i < route->n_stops; i++)
            {
              load += p->demand[route->stops[i]];
              if (load > vt->capacity)
                break;
            }
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Route %d, stop %d (node %d): the load %lld exceeds the capacity %lld"),
                       r + 1, i + 1, route->stops[MIN (i, route->n_stops - 1)],
                       (long long) ev.load, (long long) vt->capacity);
          return FALSE;
        }
      for (int i = 0; i < route->n_stops && p->due != NULL; i++)
        if (st[i] > p->due[route->stops[i]])
          {
            g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                         _("Route %d, stop %d (node %d): service starts at %lld, after the window closes at %lld"),
                         r + 1, i + 1, route->stops[i], (long long) st[i],
                         (long long) p->due[route->stops[i]]);
            return FALSE;
          }
      if (vt->latest != JC_ROUTE_NO_LIMIT && ev.return_time > vt->latest)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Route %d, return to the depot: at %lld, after the latest return %lld"),
                       r + 1, (long long) ev.return_time, (long long) vt->latest);
          return FALSE;
        }
      if (route->distance != ev.distance || route->load != ev.load
          || route->departure != ev.departure || route->return_time != ev.return_time)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Route %d: the stored distance, load or times (%lld, %lld, %lld, %lld) are not what the stops give (%lld, %lld, %lld, %lld)"),
                       r + 1, (long long) route->distance, (long long) route->load,
                       (long long) route->departure, (long long) route->return_time,
                       (long long) ev.distance, (long long) ev.load,
                       (long long) ev.departure, (long long) ev.return_time);
          return FALSE;
        }
      for (int i = 0; i < route->n_stops; i++)
        if (route->arrival == NULL || route->start == NULL
            || route->arrival[i] != arr[i] || route->start[i] != st[i])
          {
            g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                         _("Route %d, stop %d (node %d): the stored arrival or start is not what the route gives (%lld, %lld)"),
                         r + 1, i + 1, route->stops[i], (long long) arr[i], (long long) st[i]);
            return FALSE;
          }
      total += ev.distance;
    }
  for (int i = 0; i < s->n_unassigned; i++)
    {
      int c = s->unassigned[i];

      if (c < p->n_depots || c >= p->n_nodes)
        {
          g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                       _("Unassigned entry %d: node %d is not a customer"), i + 1, c);
          return FALSE;
        }
      if (seen[c] != 0)
        {
          if (seen[c] > 0)
            g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                         _("Node %d is listed unassigned but served by route %d"), c, seen[c]);
          else
            g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                         _("Node %d is listed unassigned twice"), c);
          return FALSE;
        }
      seen[c] = -1;
    }
  for (int c = p->n_depots; c < p->n_nodes; c++)
    if (seen[c] == 0)
      {
        g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                     _("Node %d is neither served nor listed unassigned"), c);
        return FALSE;
      }
  for (int t = 0; t < p->n_types; t++)
    if (p->types[t].count >= 0 && used[t] > p->types[t].count)
      {
        g_autofree char *routes = g_strdup_printf (ngettext ("Vehicle type %d: %d route uses it.",
                                                             "Vehicle type %d: %d routes use it.",
                                                             (unsigned long) MAX (used[t], 0)),
                                                   t, used[t]);
        g_autofree char *vehicles =
          g_strdup_printf (ngettext ("The fleet has only %d vehicle of that type.",
                                     "The fleet has only %d vehicles of that type.",
                                     (unsigned long) p->types[t].count),
                           p->types[t].count);

        g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE, "%s %s", routes, vehicles);
        return FALSE;
      }
  if (total != s->distance)
    {
      g_set_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                   _("The total distance %lld is not the sum of the routes' %lld"),
                   (long long) s->distance, (long long) total);
      return FALSE;
    }
  return TRUE;
}

void
jc_route_options_init (JcRouteOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seconds = 5.0;
  options->max_iterations = 0;
  options->seed = 1;
  options->clock = JC_ROUTE_CLOCK_WALL;
}
