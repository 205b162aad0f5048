/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The route solver: every answer checked by the independent checker, small
 * cases against a brute-force optimum, determinism, fleet limits,
 * cancellation, and the checker itself against hand-made bad solutions. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-route.h"

typedef struct {
  JcRouteProblem *p;
  gint64         *slow_time;   /* type 1's own travel times, or NULL */
} Instance;

static void
instance_clear (Instance *in)
{
  g_clear_pointer (&in->p, jc_route_problem_free);
  g_clear_pointer (&in->slow_time, g_free);
}

/* A random instance: points in a 100 × 100 square, rounded Euclidean
 * distances (plus a random one-way surcharge when `asym`), demands 1–20.
 * Type 0: capacity 60 from depot 0; with `hetero` a type 1 of capacity 90
 * from the last depot, driving 1.5× slower on its own matrix. */
static Instance
random_instance (guint32  seed,
                 int      n_depots,
                 int      nc,
                 gboolean tw,
                 gboolean asym,
                 gboolean hetero,
                 int      count0,
                 int      count1)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Instance in = { 0 };
  int n = n_depots + nc;
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  JcRouteProblem *p;

  p = in.p = jc_route_problem_new (n_depots, nc, hetero ? 2 : 1);
  for (int i = 0; i < n; i++)
    {
      x[i] = g_rand_double_range (rand, 0, 100);
      y[i] = g_rand_double_range (rand, 0, 100);
    }
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        gint64 d = (gint64) floor (hypot (x[i] - x[j], y[i] - y[j]) + 0.5);

        if (asym && i != j)
          d += g_rand_int_range (rand, 0, 15);
        p->dist[i * n + j] = d;
      }
  for (int c = n_depots; c < n; c++)
    p->demand[c] = g_rand_int_range (rand, 1, 21);
  p->types[0].depot = 0;
  p->types[0].capacity = 60;
  p->types[0].count = count0;
  p->types[0].earliest = 0;
  p->types[0].latest = tw ? 1500 : JC_ROUTE_NO_LIMIT;
  if (hetero)
    {
      in.slow_time = g_new (gint64, (gsize) n * n);
      for (int i = 0; i < n * n; i++)
        in.slow_time[i] = p->dist[i] * 3 / 2;
      p->types[1].depot = n_depots - 1;
      p->types[1].capacity = 90;
      p->types[1].count = count1;
      p->types[1].earliest = tw ? 50 : 0;
      p->types[1].latest = tw ? 2000 : JC_ROUTE_NO_LIMIT;
      p->types[1].time = in.slow_time;
    }
  if (tw)
    for (int c = n_depots; c < n; c++)
      {
        gint64 ready = g_rand_int_range (rand, 0, 800);
        gint64 width = g_rand_int_range (rand, 30, 250);

        p->ready[c] = ready;
        /* reachable by type 0 in any case */
        p->due[c] = MAX (ready + width, p->dist[c] + 5);
        p->service[c] = 10;
      }
  return in;
}

static JcRouteSolution *
solve_iters (const JcRouteProblem *p,
             guint64               iterations,
             guint64               seed)
{
  g_autoptr(GError) error = NULL;
  JcRouteOptions o;
  JcRouteSolution *s;

  jc_route_options_init (&o);
  o.seconds = 0;
  o.max_iterations = iterations;
  o.seed = seed;
  s = jc_route_solve (p, &o, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_non_null (s);
  return s;
}

static void
assert_valid (const JcRouteProblem  *p,
              const JcRouteSolution *s)
{
  g_autoptr(GError) error = NULL;

  if (!jc_route_solution_check (p, s, &error))
    fail_msg ("solution rejected: %s", error->message);
}

static void
test_random_feasible (void **state)
{
  struct {
    int n_depots, nc;
    gboolean tw, asym, hetero;
    int count0, count1;
  } cases[] = {
    { 1, 30, FALSE, FALSE, FALSE, -1, 0 },
    { 1, 60, TRUE, FALSE, FALSE, -1, 0 },
    { 1, 40, FALSE, TRUE, FALSE, -1, 0 },
    { 1, 40, TRUE, TRUE, FALSE, -1, 0 },
    { 2, 50, FALSE, FALSE, TRUE, 4, -1 },
    { 3, 50, TRUE, TRUE, TRUE, 3, -1 },
    { 2, 45, TRUE, FALSE, TRUE, 5, 4 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    for (guint32 seed = 1; seed <= 3; seed++)
      {
        Instance in = random_instance (seed * 101 + k, cases[k].n_depots, cases[k].nc,
                                       cases[k].tw, cases[k].asym, cases[k].hetero,
                                       cases[k].count0, cases[k].count1);
        g_autoptr(GError) error = NULL;
        JcRouteSolution *s;

        assert_true (jc_route_problem_validate (in.p, &error));
        s = solve_iters (in.p, 3000, seed);
        assert_valid (in.p, s);
        /* the fleet is generous except in the last case: everybody served */
        if (cases[k].count0 < 0 || cases[k].count1 < 0)
          assert_int_equal (s->n_unassigned, 0);
        assert_int_equal (s->iterations, 3000);
        jc_route_solution_free (s);
        instance_clear (&in);
      }
}

/* ---- brute force ------------------------------------------------------- */

typedef struct {
  const JcRouteProblem *p;
  gint64               *route_best;   /* per subset of customers */
} Brute;

static void
brute_dfs (Brute *b,
           int    mask,
           int    last,
           gint64 time,
           gint64 dist,
           gint64 load)
{
  const JcRouteProblem *p = b->p;
  const JcRouteVehicleType *vt = &p->types[0];
  int n = p->n_nodes;
  gint64 back = time + p->dist[last * n + vt->depot];

  if (mask != 0 && (vt->latest == JC_ROUTE_NO_LIMIT || back <= vt->latest))
    b->route_best[mask] = MIN (b->route_best[mask], dist + p->dist[last * n + vt->depot]);
  for (int c = p->n_depots; c < n; c++)
    {
      int bit = 1 << (c - p->n_depots);
      gint64 st;

      if ((mask & bit) != 0 || load + p->demand[c] > vt->capacity)
        continue;
      st = MAX (time + p->dist[last * n + c], p->ready[c]);
      if (st > p->due[c])
        continue;
      brute_dfs (b, mask | bit, c, st + p->service[c], dist + p->dist[last * n + c],
                 load + p->demand[c]);
    }
}

/* The optimum of a one-type problem (time = distance), by enumerating
 * every route and combining disjoint routes; G_MAXINT64 if infeasible. */
static gint64
brute_force (const JcRouteProblem *p)
{
  int nc = p->n_nodes - p->n_depots;
  int full = (1 << nc) - 1;
  int maxr = p->types[0].count < 0 ? nc : p->types[0].count;
  Brute b = { p, NULL };
  g_autofree gint64 *f = NULL;   /* f[r * 2^nc + S]: S in exactly r routes */
  gint64 best = G_MAXINT64;

  b.route_best = g_new (gint64, full + 1);
  for (int s = 0; s <= full; s++)
    b.route_best[s] = G_MAXINT64;
  brute_dfs (&b, 0, p->types[0].depot, p->types[0].earliest, 0, 0);
  f = g_new (gint64, (gsize) (maxr + 1) * (full + 1));
  for (int i = 0; i < (maxr + 1) * (full + 1); i++)
    f[i] = G_MAXINT64;
  f[0] = 0;
  for (int r = 1; r <= maxr; r++)
    for (int s = 1; s <= full; s++)
      {
        int low = s & -s;

        /* T: a subset of s holding its lowest customer */
        for (int t = s; t > 0; t = (t - 1) & s)
          {
            gint64 rest;

            if ((t & low) == 0 || b.route_best[t] == G_MAXINT64)
              continue;
            rest = f[(gsize) (r - 1) * (full + 1) + (s & ~t)];
            if (rest == G_MAXINT64)
              continue;
            f[(gsize) r * (full + 1) + s] = MIN (f[(gsize) r * (full + 1) + s],
                                                 rest + b.route_best[t]);
          }
      }
  for (int r = 0; r <= maxr; r++)
    best = MIN (best, f[(gsize) r * (full + 1) + full]);
  g_free (b.route_best);
  return best;
}

static void
test_small_optimal (void **state)
{
  int solved = 0;

  for (guint32 seed = 1; seed <= 24; seed++)
    {
      gboolean tw = seed % 2 == 0;
      gboolean asym = seed % 3 == 0;
      int nc = 5 + (int) (seed % 4);   /* 5 … 8 customers */
      int count = seed % 5 == 0 ? 3 : -1;
      Instance in = random_instance (seed * 7919, 1, nc, tw, asym, FALSE, count, 0);
      gint64 opt;
      JcRouteSolution *s;

      if (!jc_route_problem_validate (in.p, NULL))
        {
          instance_clear (&in);
          continue;
        }
      opt = brute_force (in.p);
      s = solve_iters (in.p, 2000, seed);
      assert_valid (in.p, s);
      if (opt == G_MAXINT64)
        assert_true (s->n_unassigned > 0);
      else
        {
          assert_int_equal (s->n_unassigned, 0);
          if (s->distance != opt)
            fail_msg ("seed %u, %d customers%s%s: solver %lld, optimum %lld", seed, nc,
                      tw ? ", windows" : "", asym ? ", asymmetric" : "",
                      (long long) s->distance, (long long) opt);
          solved++;
        }
      jc_route_solution_free (s);
      instance_clear (&in);
    }
  assert_true (solved >= 18);
}

/* ---- determinism ------------------------------------------------------- */

static gboolean
same_routes (const JcRouteSolution *a,
             const JcRouteSolution *b)
{
  if (a->n_routes != b->n_routes || a->distance != b->distance
      || a->n_unassigned != b->n_unassigned)
    return FALSE;
  for (int r = 0; r < a->n_routes; r++)
    {
      if (a->routes[r].type != b->routes[r].type || a->routes[r].n_stops != b->routes[r].n_stops)
        return FALSE;
      if (memcmp (a->routes[r].stops, b->routes[r].stops, sizeof (int) * a->routes[r].n_stops) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_deterministic (void **state)
{
  Instance in = random_instance (42, 2, 70, TRUE, TRUE, TRUE, 4, -1);
  JcRouteSolution *a, *b, *c;

  a = solve_iters (in.p, 4000, 9);
  b = solve_iters (in.p, 4000, 9);
  assert_valid (in.p, a);
  assert_true (same_routes (a, b));
  c = solve_iters (in.p, 4000, 10);
  assert_valid (in.p, c);
  assert_int_equal (c->n_unassigned, 0);
  jc_route_solution_free (a);
  jc_route_solution_free (b);
  jc_route_solution_free (c);
  instance_clear (&in);
}

/* ---- validation and fleet limits ---------------------------------------- */

static void
test_validate (void **state)
{
  Instance in = random_instance (5, 1, 10, TRUE, FALSE, FALSE, -1, 0);
  g_autoptr(GError) error = NULL;
  JcRouteOptions o;

  in.p->demand[4] = 61;   /* the only vehicle carries 60 */
  assert_false (jc_route_problem_validate (in.p, &error));
  assert_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID);
  assert_contains (error->message, "Node 4");
  assert_contains (error->message, "61");
  g_clear_error (&error);
  jc_route_options_init (&o);
  o.max_iterations = 10;
  assert_null (jc_route_solve (in.p, &o, NULL, NULL, NULL, &error));
  assert_contains (error->message, "Node 4");
  g_clear_error (&error);
  in.p->demand[4] = 60;

  in.p->ready[6] = 300;
  in.p->due[6] = 200;
  assert_false (jc_route_problem_validate (in.p, &error));
  assert_contains (error->message, "Node 6");
  g_clear_error (&error);
  in.p->due[6] = in.p->dist[6] - 1;   /* closes before anyone can get there */
  in.p->ready[6] = 0;
  assert_false (jc_route_problem_validate (in.p, &error));
  assert_contains (error->message, "Node 6");
  g_clear_error (&error);
  in.p->due[6] = 1000;

  in.p->dist[2 * in.p->n_nodes + 3] = -1;
  assert_false (jc_route_problem_validate (in.p, &error));
  assert_contains (error->message, "node 2 to node 3");
  g_clear_error (&error);
  in.p->dist[2 * in.p->n_nodes + 3] = 5;
  assert_true (jc_route_problem_validate (in.p, &error));
  instance_clear (&in);

  /* nothing to deliver: no route, nothing unassigned */
  {
    g_autoptr(JcRouteProblem) empty = jc_route_problem_new (1, 0, 1);
    JcRouteSolution *s;

    empty->types[0].capacity = 10;
    empty->types[0].count = 1;
    empty->types[0].latest = JC_ROUTE_NO_LIMIT;
    s = solve_iters (empty, 100, 1);
    assert_int_equal (s->n_routes, 0);
    assert_int_equal (s->n_unassigned, 0);
    assert_int_equal (s->distance, 0);
    assert_valid (empty, s);
    jc_route_solution_free (s);
  }
}

static void
test_fleet_too_small (void **state)
{
  /* 40 customers of about 10 each, two vehicles of 60: at most about 12
   * customers can be served; the rest must be listed, none dropped */
  Instance in = random_instance (77, 1, 40, FALSE, FALSE, FALSE, 2, 0);
  JcRouteSolution *s = solve_iters (in.p, 3000, 1);
  gint64 served = 0;

  assert_valid (in.p, s);
  assert_true (s->n_routes <= 2);
  assert_true (s->n_unassigned > 0);
  for (int r = 0; r < s->n_routes; r++)
    served += s->routes[r].n_stops;
  assert_int_equal (served + s->n_unassigned, 40);
  for (int i = 1; i < s->n_unassigned; i++)
    assert_true (s->unassigned[i - 1] < s->unassigned[i]);
  jc_route_solution_free (s);
  instance_clear (&in);

  /* node 3 can be reached but nobody gets back by the latest return
   * (1500): valid, listed unassigned, everyone else served */
  in = random_instance (78, 1, 20, TRUE, FALSE, FALSE, -1, 0);
  in.p->ready[3] = 1495;
  in.p->due[3] = 1499;
  assert_true (jc_route_problem_validate (in.p, NULL));
  s = solve_iters (in.p, 1000, 1);
  assert_valid (in.p, s);
  assert_int_equal (s->n_unassigned, 1);
  assert_int_equal (s->unassigned[0], 3);
  jc_route_solution_free (s);
  instance_clear (&in);
}

/* ---- cancellation and progress ----------------------------------------- */

typedef struct {
  GCancellable *cancellable;
  int           calls;
  gint64        last_distance;
  double        last_fraction;
} ProgressData;

static void
on_progress (double                 fraction,
             const JcRouteSolution *best,
             gpointer               user_data)
{
  ProgressData *d = user_data;

  d->calls++;
  d->last_distance = best->distance;
  d->last_fraction = fraction;
  assert_true (fraction >= 0 && fraction <= 1);
  assert_true (best->n_routes > 0);
  if (d->calls == 2)
    g_cancellable_cancel (d->cancellable);
}

static void
test_cancel (void **state)
{
  Instance in = random_instance (3, 1, 120, TRUE, FALSE, FALSE, -1, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressData d = { cancellable, 0, 0, 0 };
  JcRouteOptions o;
  JcRouteSolution *s;
  gint64 t0 = g_get_monotonic_time ();

  jc_route_options_init (&o);
  o.seconds = 60;
  s = jc_route_solve (in.p, &o, cancellable, on_progress, &d, &error);
  assert_no_error (error);
  assert_non_null (s);
  assert_true (g_get_monotonic_time () - t0 < 10 * G_USEC_PER_SEC);
  assert_true (d.calls >= 2);
  assert_valid (in.p, s);
  assert_int_equal (s->n_unassigned, 0);
  assert_int_equal (d.last_distance, s->distance);
  jc_route_solution_free (s);

  /* no limit at all is refused */
  o.seconds = 0;
  o.max_iterations = 0;
  assert_null (jc_route_solve (in.p, &o, NULL, NULL, NULL, &error));
  assert_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID);
  instance_clear (&in);
}

static void
on_progress_count (double                 fraction,
                   const JcRouteSolution *best,
                   gpointer               user_data)
{
  ProgressData *d = user_data;

  d->calls++;
  assert_true (fraction >= d->last_fraction);
  d->last_fraction = fraction;
  /* the best so far never gets worse */
  assert_true (d->calls == 1 || best->distance <= d->last_distance);
  d->last_distance = best->distance;
}

static void
test_progress_rate (void **state)
{
  Instance in = random_instance (8, 1, 80, FALSE, FALSE, FALSE, -1, 0);
  g_autoptr(GError) error = NULL;
  ProgressData d = { NULL, 0, 0, 0 };
  JcRouteOptions o;
  JcRouteSolution *s;

  jc_route_options_init (&o);
  o.seconds = 0.5;
  s = jc_route_solve (in.p, &o, NULL, on_progress_count, &d, &error);
  assert_no_error (error);
  /* about ten a second, and the last one is the answer */
  assert_true (d.calls >= 1 && d.calls <= 8);
  assert_true (d.last_fraction == 1.0);
  assert_int_equal (d.last_distance, s->distance);
  assert_valid (in.p, s);
  jc_route_solution_free (s);
  instance_clear (&in);
}

/* ---- the checker ------------------------------------------------------- */

static void
test_check_rejects (void **state)
{
  Instance in = random_instance (11, 1, 12, TRUE, FALSE, FALSE, -1, 0);
  JcRouteSolution *good = solve_iters (in.p, 500, 1);
  JcRouteSolution *bad;
  g_autoptr(GError) error = NULL;
  int r;

  assert_valid (in.p, good);
  assert_true (good->n_routes >= 2);

  /* a customer twice: route 2's first stop also put into route 1 */
  bad = jc_route_solution_copy (good);
  bad->routes[0].stops = g_renew (int, bad->routes[0].stops, bad->routes[0].n_stops + 1);
  bad->routes[0].stops[bad->routes[0].n_stops++] = bad->routes[1].stops[0];
  jc_route_solution_update (in.p, bad);
  assert_false (jc_route_solution_check (in.p, bad, &error));
  assert_error (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE);
  assert_contains (error->message, "Route 2, stop 1");
  assert_contains (error->message, "second time");
  g_clear_error (&error);
  jc_route_solution_free (bad);

  /* a customer dropped */
  bad = jc_route_solution_copy (good);
  bad->routes[0].n_stops--;
  jc_route_solution_update (in.p, bad);
  assert_false (jc_route_solution_check (in.p, bad, &error));
  assert_contains (error->message, "neither served nor listed");
  g_clear_error (&error);
  jc_route_solution_free (bad);

  /* overload: demands raised on route 1's last stop */
  bad = jc_route_solution_copy (good);
  r = 0;
  in.p->demand[bad->routes[r].stops[bad->routes[r].n_stops - 1]] += 60;
  jc_route_solution_update (in.p, bad);
  assert_false (jc_route_solution_check (in.p, bad, &error));
  assert_contains (error->message, "Route 1, stop");
  assert_contains (error->message, "capacity 60");
  g_clear_error (&error);
  in.p->demand[bad->routes[r].stops[bad->routes[r].n_stops - 1]] -= 60;
  jc_route_solution_free (bad);

  /* a late stop: route 1's second stop must start by its ready time */
  bad = jc_route_solution_copy (good);
  if (bad->routes[0].n_stops < 2)
    r = 1;
  assert_true (bad->routes[r].n_stops >= 2);
  {
    int c = bad->routes[r].stops[1];
    gint64 old_due = in.p->due[c];
    g_autofree char *want = g_strdup_printf ("Route %d, stop 2 (node %d)", r + 1, c);

    in.p->due[c] = bad->routes[r].start[1] - 1;
    jc_route_solution_update (in.p, bad);
    assert_false (jc_route_solution_check (in.p, bad, &error));
    assert_contains (error->message, want);
    assert_contains (error->message, "after the window closes");
    g_clear_error (&error);
    in.p->due[c] = old_due;
  }
  jc_route_solution_free (bad);

  /* figures that are not what the stops give */
  bad = jc_route_solution_copy (good);
  bad->routes[0].distance += 1;
  bad->distance += 1;
  assert_false (jc_route_solution_check (in.p, bad, &error));
  assert_contains (error->message, "Route 1");
  g_clear_error (&error);
  jc_route_solution_free (bad);

  /* more vehicles than the fleet has */
  in.p->types[0].count = good->n_routes - 1;
  assert_false (jc_route_solution_check (in.p, good, &error));
  assert_contains (error->message, "3 routes use it. The fleet has only 2 vehicles of that type.");
  g_clear_error (&error);
  in.p->types[0].count = -1;

  /* evaluate: what the GUI shows when a stop is moved by hand */
  {
    JcRouteEval ev;
    JcRoute *route = &good->routes[0];

    jc_route_evaluate (in.p, route->type, route->stops, route->n_stops, &ev, NULL, NULL);
    assert_int_equal (ev.distance, route->distance);
    assert_int_equal (ev.lateness, 0);
    assert_int_equal (ev.n_late, 0);
    assert_int_equal (ev.overload, 0);
  }
  jc_route_solution_free (good);
  instance_clear (&in);
}

/* The evaluation by hand: depot 0, customers 1 and 2 on a line. */
static void
test_evaluate_by_hand (void **state)
{
  g_autoptr(JcRouteProblem) p = jc_route_problem_new (1, 2, 1);
  int stops[] = { 1, 2 };
  gint64 arr[2], st[2];
  JcRouteEval ev;

  /* 0 —10— 1 —5— 2, symmetric */
  p->dist[0 * 3 + 1] = p->dist[1 * 3 + 0] = 10;
  p->dist[1 * 3 + 2] = p->dist[2 * 3 + 1] = 5;
  p->dist[0 * 3 + 2] = p->dist[2 * 3 + 0] = 15;
  p->demand[1] = 3;
  p->demand[2] = 4;
  p->ready[1] = 100;
  p->due[1] = 120;
  p->service[1] = 7;
  p->ready[2] = 0;
  p->due[2] = 110;
  p->types[0].capacity = 6;
  p->types[0].count = 1;
  p->types[0].latest = JC_ROUTE_NO_LIMIT;
  jc_route_evaluate (p, 0, stops, 2, &ev, arr, st);
  assert_int_equal (ev.departure, 90);    /* no waiting at the first stop */
  assert_int_equal (arr[0], 100);
  assert_int_equal (st[0], 100);
  assert_int_equal (arr[1], 112);
  assert_int_equal (ev.lateness, 2);
  assert_int_equal (ev.n_late, 1);
  assert_int_equal (ev.load, 7);
  assert_int_equal (ev.overload, 1);
  assert_int_equal (ev.distance, 30);
  assert_int_equal (ev.return_time, 127);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_evaluate_by_hand),
    cmocka_unit_test (test_random_feasible),
    cmocka_unit_test (test_small_optimal),
    cmocka_unit_test (test_deterministic),
    cmocka_unit_test (test_validate),
    cmocka_unit_test (test_fleet_too_small),
    cmocka_unit_test (test_cancel),
    cmocka_unit_test (test_progress_rate),
    cmocka_unit_test (test_check_rejects),
  };

  return cmocka_run_group_tests_name ("route", tests, NULL, NULL);
}
