/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-solve.c: the vehicle-routing solver.
 *
 * Slack Induction by String Removals (Christiaens & Vanden Berghe, "Slack
 * induction by string removals for vehicle routing problems", Transportation
 * Science 54(2), 2020): each iteration removes a few strings of consecutive
 * customers from routes near a random seed customer, reinserts them greedily
 * (cheapest feasible position, each position skipped with a small "blink"
 * probability) in one of four orders, and accepts the result by simulated
 * annealing.  Customers the fleet cannot take stay absent and cost a penalty
 * larger than any detour, so fewer unassigned customers always come first.
 *
 * Speed: a route keeps, per position, the earliest start of service
 * (forward) and the latest start that keeps the rest of the route within
 * its windows (backward), so inserting a customer is checked in O(1) for
 * capacity and windows; a customer is tried in the routes of its nearest
 * neighbours first; an iteration only copies the routes it touched.
 *
 * Deterministic: the random numbers are xoshiro256** seeded by splitmix64
 * from options->seed, nothing depends on addresses or hash order, and with
 * an iteration limit the temperature follows the iterations, not the
 * clock.
 *
 * Why one file of about 1,150 lines: the route state, the O(1) insertion
 * checks, the ruin and recreate steps and the annealing loop share one
 * private set of structures and inline helpers on the hot path; split, they
 * would need a private header exposing all of them for no reader's gain. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jc-route.h"

/* ---- random numbers ---------------------------------------------------- */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
rng_seed (Rng    *r,
          guint64 seed)
{
  guint64 x = seed;

  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, 1). */
static inline double
rng_unit (Rng *r)
{
  return (double) (rng_next (r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n). */
static inline int
rng_int (Rng *r,
         int  n)
{
  return (int) (((rng_next (r) >> 32) * (guint64) n) >> 32);
}

/* ---- solution state ---------------------------------------------------- */

typedef struct {
  int           type;
  int           depot;
  const gint64 *tm;
  gint64        cap;
  gint64        earliest;
  gint64        latest;
  int           n;        /* customers */
  int           alloc;    /* room for alloc customers (+ 2 depot ends) */
  int          *node;     /* node[0] and node[n+1]: the depot */
  gint64       *fwd;      /* earliest start of service at each position */
  gint64       *bwd;      /* latest start keeping the rest feasible */
  gint64        load;
  gint64        dist;
} Rt;

typedef struct {
  int     nslots;
  Rt     *r;
  int    *wr;      /* per node: route slot, -1 when not in a route */
  int    *wp;      /* per node: position in its route, 1..n */
  int    *unas;    /* customers not in a route */
  int     nunas;
  int    *used;    /* per type: non-empty routes */
  int     nroutes;
  gint64  dist;
} Sol;

typedef struct {
  const JcRouteProblem *p;
  int            n;
  int            nd;
  int            nc;
  int            ntypes;
  const gint64  *D;
  gint64        *dem;
  gint64        *rdy;
  gint64        *due;
  gint64        *svc;
  gboolean       tw;
  int           *type_first;
  int           *type_nslots;
  int            nslots;
  int            K;         /* neighbour list length */
  int           *nb;        /* per customer (index c - nd): K nearest customers */
  gint64        *d0;        /* per node: distance from the nearest depot */
  gint64         penalty;   /* per unassigned customer */
  Rng            rng;

  /* scratch, allocated once */
  int           *removed;
  int            nremoved;
  gint64        *keys;
  guint         *stamp;
  guint          stampv;
  int           *cand;
  int           *dirty;
  int            ndirty;
  gboolean      *is_dirty;
  int           *ruined;
  guint64       *absence;
  int           *never;     /* customers no vehicle can serve even alone */
  int            nnever;

  /* parameters */
  double         cbar;
  int            lmax;
  double         alpha;     /* probability of a split string */
  double         beta;      /* split depth */
  double         blink;
  guint32        blink32;
  int            kins;      /* neighbours whose routes are tried first */
  double         t0f;       /* start temperature / mean customer distance */
  double         tff;       /* final temperature / mean customer distance */
  gboolean       open_always; /* a new route competes with every insertion */
} Ctx;

static void
rt_reserve (Rt  *rt,
            int  n)
{
  if (n <= rt->alloc)
    return;
  rt->alloc = MAX (n, rt->alloc * 2);
  rt->node = g_renew (int, rt->node, rt->alloc + 2);
  rt->fwd = g_renew (gint64, rt->fwd, rt->alloc + 2);
  rt->bwd = g_renew (gint64, rt->bwd, rt->alloc + 2);
}

static void
sol_init (Ctx *x,
          Sol *s)
{
  memset (s, 0, sizeof *s);
  s->nslots = x->nslots;
  s->r = g_new0 (Rt, x->nslots);
  for (int t = 0; t < x->ntypes; t++)
    {
      const JcRouteVehicleType *vt = &x->p->types[t];

      for (int k = 0; k < x->type_nslots[t]; k++)
        {
          Rt *rt = &s->r[x->type_first[t] + k];

          rt->type = t;
          rt->depot = vt->depot;
          rt->tm = vt->time != NULL ? vt->time
                   : x->p->time != NULL ? x->p->time : x->p->dist;
          rt->cap = vt->capacity;
          rt->earliest = vt->earliest;
          rt->latest = vt->latest;
          rt_reserve (rt, 8);
          rt->n = 0;
          rt->node[0] = rt->node[1] = rt->depot;
          rt->fwd[0] = rt->fwd[1] = rt->earliest;
          rt->bwd[0] = rt->bwd[1] = rt->latest;
        }
    }
  s->wr = g_new (int, x->n);
  s->wp = g_new0 (int, x->n);
  for (int i = 0; i < x->n; i++)
    s->wr[i] = -1;
  s->unas = g_new (int, MAX (x->nc, 1));
  s->nunas = 0;
  s->used = g_new0 (int, x->ntypes);
}

static void
sol_clear (Sol *s)
{
  for (int i = 0; i < s->nslots; i++)
    {
      g_free (s->r[i].node);
      g_free (s->r[i].fwd);
      g_free (s->r[i].bwd);
    }
  g_free (s->r);
  g_free (s->wr);
  g_free (s->wp);
  g_free (s->unas);
  g_free (s->used);
}

/* Recomputes route `k`'s ends, times, load, distance and the positions of
 * its customers, keeping the solution's totals. */
static void
rt_update (Ctx *x,
           Sol *s,
           int  k)
{
  Rt *rt = &s->r[k];
  const gint64 *D = x->D;
  const gint64 *tm = rt->tm;
  int n = x->n;
  int m = rt->n;
  gint64 load = 0, dist = 0;

  rt->node[0] = rt->depot;
  rt->node[m + 1] = rt->depot;
  rt->fwd[0] = rt->earliest;
  for (int i = 1; i <= m + 1; i++)
    {
      int a = rt->node[i - 1], b = rt->node[i];
      gint64 arr = rt->fwd[i - 1] + x->svc[a] + tm[(gsize) a * n + b];

      rt->fwd[i] = MAX (arr, x->rdy[b]);
      dist += D[(gsize) a * n + b];
      if (i <= m)
        {
          load += x->dem[b];
          s->wr[b] = k;
          s->wp[b] = i;
        }
    }
  if (m == 0)
    {
      dist = 0;
      rt->fwd[1] = rt->earliest;
    }
  rt->bwd[m + 1] = rt->latest;
  for (int i = m; i >= 0; i--)
    {
      int a = rt->node[i], b = rt->node[i + 1];
      gint64 lat = rt->bwd[i + 1] - x->svc[a] - tm[(gsize) a * n + b];

      rt->bwd[i] = i > 0 ? MIN (x->due[a], lat) : lat;
    }
  s->dist += dist - rt->dist;
  rt->dist = dist;
  rt->load = load;
}

static void
rt_copy (Rt       *to,
         const Rt *from)
{
  rt_reserve (to, from->n);
  to->n = from->n;
  memcpy (to->node, from->node, sizeof (int) * (from->n + 2));
  memcpy (to->fwd, from->fwd, sizeof (gint64) * (from->n + 2));
  memcpy (to->bwd, from->bwd, sizeof (gint64) * (from->n + 2));
  to->load = from->load;
  to->dist = from->dist;
}

static void
mark_dirty (Ctx *x,
            int  k)
{
  if (!x->is_dirty[k])
    {
      x->is_dirty[k] = TRUE;
      x->dirty[x->ndirty++] = k;
    }
}

/* Copies the routes touched in this iteration (and the small arrays) from
 * `from` to `to`. */
static void
sol_sync (Ctx       *x,
          Sol       *to,
          const Sol *from)
{
  for (int d = 0; d < x->ndirty; d++)
    {
      int k = x->dirty[d];
      Rt *rt = &to->r[k];

      rt_copy (rt, &from->r[k]);
      for (int i = 1; i <= rt->n; i++)
        {
          to->wr[rt->node[i]] = k;
          to->wp[rt->node[i]] = i;
        }
    }
  memcpy (to->unas, from->unas, sizeof (int) * from->nunas);
  to->nunas = from->nunas;
  for (int i = 0; i < to->nunas; i++)
    to->wr[to->unas[i]] = -1;
  memcpy (to->used, from->used, sizeof (int) * x->ntypes);
  to->nroutes = from->nroutes;
  to->dist = from->dist;
}

static void
clear_dirty (Ctx *x)
{
  for (int d = 0; d < x->ndirty; d++)
    x->is_dirty[x->dirty[d]] = FALSE;
  x->ndirty = 0;
}

static guint64
absence_sum (Ctx       *x,
             const Sol *s)
{
  guint64 sum = 0;

  for (int i = 0; i < s->nunas; i++)
    sum += x->absence[s->unas[i]];
  return sum;
}

static inline gint64
sol_cost (Ctx       *x,
          const Sol *s)
{
  return s->dist + x->penalty * s->nunas;
}

/* ---- ruin -------------------------------------------------------------- */

static void
remove_positions (Ctx *x,
                  Sol *s,
                  int  k,
                  int  from,
                  int  len,
                  int  keep_from,
                  int  keep_len)
{
  Rt *rt = &s->r[k];
  int w = 1;

  for (int i = 1; i <= rt->n; i++)
    {
      int c = rt->node[i];
      gboolean in_string = i >= from && i < from + len;
      gboolean kept = i >= keep_from && i < keep_from + keep_len;

      if (in_string && !kept)
        {
          x->removed[x->nremoved++] = c;
          s->wr[c] = -1;
        }
      else
        rt->node[w++] = c;
    }
  rt->n = w - 1;
  if (rt->n == 0)
    {
      s->used[rt->type]--;
      s->nroutes--;
    }
  mark_dirty (x, k);
  rt_update (x, s, k);
}

static void
ruin (Ctx *x,
      Sol *s)
{
  Rng *rng = &x->rng;
  int assigned = x->nc - s->nunas - x->nnever;
  double avg_card, ls_max, ks_max;
  int ks, nruined = 0;
  int seed;

  x->nremoved = 0;
  if (s->nroutes == 0 || assigned == 0)
    return;
  avg_card = (double) assigned / s->nroutes;
  ls_max = MIN ((double) x->lmax, avg_card);
  ks_max = 4.0 * x->cbar / (1.0 + ls_max) - 1.0;
  ks = (int) floor (1.0 + rng_unit (rng) * ks_max);
  ks = MAX (ks, 1);

  /* the seed: a random customer in a route */
  do
    seed = x->nd + rng_int (rng, x->nc);
  while (s->wr[seed] < 0);

  for (int j = -1; j < x->K && nruined < ks; j++)
    {
      int c = j < 0 ? seed : x->nb[(gsize) (seed - x->nd) * x->K + j];
      int k = s->wr[c];
      Rt *rt;
      int lmax_t, l, pos;
      gboolean seen = FALSE;

      if (k < 0)
        continue;
      for (int r = 0; r < nruined; r++)
        if (x->ruined[r] == k)
          seen = TRUE;
      if (seen)
        continue;
      rt = &s->r[k];
      lmax_t = (int) MIN ((double) rt->n, ls_max);
      lmax_t = MAX (lmax_t, 1);
      l = 1 + rng_int (rng, lmax_t);
      pos = s->wp[c];
      x->ruined[nruined++] = k;
      if (l >= rt->n || rng_unit (rng) >= x->alpha)
        {
          /* a string of l containing c */
          int lo = MAX (1, pos - l + 1), hi = MIN (pos, rt->n - l + 1);
          int from = lo + rng_int (rng, hi - lo + 1);

          remove_positions (x, s, k, from, l, 0, 0);
        }
      else
        {
          /* a split string: l + m customers, m consecutive ones kept */
          int m = 1, len, lo, hi, from, keep;

          while (l + m < rt->n && rng_unit (rng) >= x->beta)
            m++;
          len = l + m;
          lo = MAX (1, pos - len + 1);
          hi = MIN (pos, rt->n - len + 1);
          from = lo + rng_int (rng, hi - lo + 1);
          keep = from + rng_int (rng, l + 1);
          remove_positions (x, s, k, from, len, keep, m);
        }
    }
}

/* ---- recreate ---------------------------------------------------------- */

static inline void
try_route (Ctx    *x,
           Sol    *s,
           int     k,
           int     u,
           gint64 *best,
           int    *bk,
           int    *bpos)
{
  const Rt *rt = &s->r[k];
  const gint64 *D = x->D;
  const gint64 *tm = rt->tm;
  const gsize n = (gsize) x->n;
  const gint64 *Du = D + (gsize) u * n;

  if (rt->load + x->dem[u] > rt->cap)
    return;
  for (int i = 0; i <= rt->n; i++)
    {
      int a = rt->node[i], b = rt->node[i + 1];
      gint64 delta = D[a * n + u] + Du[b] - D[a * n + b];

      if (delta >= *best)
        continue;
      if (x->tw)
        {
          gint64 st = rt->fwd[i] + x->svc[a] + tm[a * n + u];

          if (st < x->rdy[u])
            st = x->rdy[u];
          if (st > x->due[u])
            continue;
          if (st + x->svc[u] + tm[(gsize) u * n + b] > rt->bwd[i + 1])
            continue;
        }
      if ((guint32) rng_next (&x->rng) < x->blink32)
        continue;
      *best = delta;
      *bk = k;
      *bpos = i;
    }
}

static void
insert_at (Ctx *x,
           Sol *s,
           int  k,
           int  gap,
           int  u)
{
  Rt *rt = &s->r[k];

  rt_reserve (rt, rt->n + 1);
  memmove (&rt->node[gap + 2], &rt->node[gap + 1], sizeof (int) * (rt->n + 1 - gap));
  rt->node[gap + 1] = u;
  if (rt->n == 0)
    {
      s->used[rt->type]++;
      s->nroutes++;
    }
  rt->n++;
  mark_dirty (x, k);
  rt_update (x, s, k);
}

/* The cheapest new route for u if it costs less than `best`, or -1. */
static int
new_route_slot (Ctx    *x,
                Sol    *s,
                int     u,
                gint64  best)
{
  int best_t = -1;
  gsize n = (gsize) x->n;

  for (int t = 0; t < x->ntypes; t++)
    {
      const Rt *proto;
      gint64 c, st;

      if (s->used[t] >= x->type_nslots[t])
        continue;
      proto = &s->r[x->type_first[t]];
      if (x->dem[u] > proto->cap)
        continue;
      c = x->D[proto->depot * n + u] + x->D[u * n + proto->depot];
      if (c >= best)
        continue;
      st = MAX (x->rdy[u], proto->earliest + proto->tm[proto->depot * n + u]);
      if (st > x->due[u] || st + x->svc[u] + proto->tm[u * n + proto->depot] > proto->latest)
        continue;
      best = c;
      best_t = t;
    }
  if (best_t < 0)
    return -1;
  for (int k = 0; k < x->type_nslots[best_t]; k++)
    if (s->r[x->type_first[best_t] + k].n == 0)
      return x->type_first[best_t] + k;
  g_assert_not_reached ();
  return -1;
}

static void
insert_one (Ctx *x,
            Sol *s,
            int  u)
{
  gint64 best = G_MAXINT64;
  int bk = -1, bpos = -1, ncand = 0;
  const int *nb = x->nb + (gsize) (u - x->nd) * x->K;

  /* the routes of u's nearest neighbours first */
  if (++x->stampv == 0)
    {
      memset (x->stamp, 0, sizeof (guint) * MAX (x->nslots, 1));
      x->stampv = 1;
    }
  for (int j = 0; j < x->kins; j++)
    {
      int k = s->wr[nb[j]];

      if (k >= 0 && x->stamp[k] != x->stampv)
        {
          x->stamp[k] = x->stampv;
          x->cand[ncand++] = k;
        }
    }
  for (int j = 0; j < ncand; j++)
    try_route (x, s, x->cand[j], u, &best, &bk, &bpos);
  if (bk < 0)
    for (int k = 0; k < s->nslots; k++)
      if (s->r[k].n > 0 && x->stamp[k] != x->stampv)
        try_route (x, s, k, u, &best, &bk, &bpos);
  if (bk < 0 || x->open_always)
    {
      int k = new_route_slot (x, s, u, best);

      if (k >= 0)
        {
          bk = k;
          bpos = 0;
        }
    }
  if (bk < 0)
    {
      s->unas[s->nunas++] = u;
      s->wr[u] = -1;
      x->absence[u]++;
      return;
    }
  insert_at (x, s, bk, bpos, u);
}

static int
cmp_keys_desc (const void *a,
               const void *b,
               void       *data)
{
  const gint64 *keys = data;
  int ia = *(const int *) a, ib = *(const int *) b;

  if (keys[ia] != keys[ib])
    return keys[ia] > keys[ib] ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Inserts x->removed and the customers absent from s; `order` 0–3 random,
 * 4–7 by demand, 8–9 far from the depot first, 10 close first, -1 drawn
 * with those weights. */
static void
recreate (Ctx *x,
          Sol *s,
          int  order)
{
  Rng *rng = &x->rng;
  int w = order >= 0 ? order : rng_int (rng, 11);
  int nprio = s->nunas;
  int *list = x->removed;
  int n;

  /* customers absent before go first, the most often absent first */
  if (nprio > 0)
    {
      memmove (list + nprio, list, sizeof (int) * x->nremoved);
      memcpy (list, s->unas, sizeof (int) * nprio);
      x->nremoved += nprio;
      s->nunas = 0;
      for (int i = 0; i < nprio; i++)
        x->keys[list[i]] = (gint64) x->absence[list[i]];
      g_qsort_with_data (list, nprio, sizeof (int), cmp_keys_desc, x->keys);
    }
  n = x->nremoved - nprio;
  list += nprio;
  if (w < 4)
    {
      for (int i = n - 1; i > 0; i--)
        {
          int j = rng_int (rng, i + 1), t = list[i];

          list[i] = list[j];
          list[j] = t;
        }
    }
  else
    {
      for (int i = 0; i < n; i++)
        {
          int c = list[i];

          x->keys[c] = w < 8 ? x->dem[c] : w < 10 ? x->d0[c] : -x->d0[c];
        }
      g_qsort_with_data (list, n, sizeof (int), cmp_keys_desc, x->keys);
    }
  for (int i = 0; i < x->nremoved; i++)
    insert_one (x, s, x->removed[i]);
  x->nremoved = 0;
}

/* ---- the best solution, kept compact ----------------------------------- */

typedef struct {
  int     nroutes;
  int    *rtype;
  int    *rlen;
  int    *flat;
  int     nunas;
  int    *unas;
  gint64  dist;
} Best;

static void
best_save (Ctx        *x,
           Best       *b,
           const Sol  *s)
{
  int f = 0;

  b->nroutes = 0;
  for (int k = 0; k < s->nslots; k++)
    {
      const Rt *rt = &s->r[k];

      if (rt->n == 0)
        continue;
      b->rtype[b->nroutes] = rt->type;
      b->rlen[b->nroutes] = rt->n;
      memcpy (b->flat + f, rt->node + 1, sizeof (int) * rt->n);
      f += rt->n;
      b->nroutes++;
    }
  b->nunas = s->nunas;
  memcpy (b->unas, s->unas, sizeof (int) * s->nunas);
  b->dist = s->dist;
}

static int
cmp_int (const void *a,
         const void *b)
{
  int ia = *(const int *) a, ib = *(const int *) b;

  return ia < ib ? -1 : ia > ib;
}

static JcRouteSolution *
best_to_solution (const JcRouteProblem *p,
                  const Ctx            *x,
                  const Best           *b,
                  guint64               iterations,
                  double                seconds)
{
  JcRouteSolution *sol = g_new0 (JcRouteSolution, 1);
  int f = 0;

  sol->n_routes = b->nroutes;
  sol->routes = g_new0 (JcRoute, MAX (b->nroutes, 1));
  for (int r = 0; r < b->nroutes; r++)
    {
      JcRoute *route = &sol->routes[r];

      route->type = b->rtype[r];
      route->n_stops = b->rlen[r];
      route->stops = g_new (int, MAX (b->rlen[r], 1));
      memcpy (route->stops, b->flat + f, sizeof (int) * b->rlen[r]);
      f += b->rlen[r];
    }
  sol->n_unassigned = b->nunas + x->nnever;
  sol->unassigned = g_new0 (int, MAX (sol->n_unassigned, 1));
  memcpy (sol->unassigned, b->unas, sizeof (int) * b->nunas);
  memcpy (sol->unassigned + b->nunas, x->never, sizeof (int) * x->nnever);
  qsort (sol->unassigned, sol->n_unassigned, sizeof (int), cmp_int);
  sol->iterations = iterations;
  sol->seconds = seconds;
  jc_route_solution_update (p, sol);
  return sol;
}

/* ---- set-up ------------------------------------------------------------ */

typedef struct {
  gint64 d;
  int    c;
} NbEntry;

static int
cmp_nb (const void *a,
        const void *b)
{
  const NbEntry *x = a, *y = b;

  if (x->d != y->d)
    return x->d < y->d ? -1 : 1;
  return x->c < y->c ? -1 : x->c > y->c;
}

static void
ctx_init (Ctx                  *x,
          const JcRouteProblem *p)
{
  int n = p->n_nodes;
  g_autofree NbEntry *tmp = NULL;
  gint64 maxd = 0;

  memset (x, 0, sizeof *x);
  x->p = p;
  x->n = n;
  x->nd = p->n_depots;
  x->nc = n - p->n_depots;
  x->ntypes = p->n_types;
  x->D = p->dist;
  x->dem = g_new0 (gint64, n);
  x->rdy = g_new0 (gint64, n);
  x->due = g_new (gint64, n);
  x->svc = g_new0 (gint64, n);
  for (int i = 0; i < n; i++)
    {
      x->due[i] = JC_ROUTE_NO_LIMIT;
      if (i < x->nd)
        continue;
      x->dem[i] = p->demand[i];
      if (p->ready != NULL)
        x->rdy[i] = p->ready[i];
      if (p->due != NULL)
        x->due[i] = p->due[i];
      if (p->service != NULL)
        x->svc[i] = p->service[i];
      if (x->rdy[i] > 0 || x->due[i] != JC_ROUTE_NO_LIMIT)
        x->tw = TRUE;
    }
  x->type_first = g_new0 (int, x->ntypes);
  x->type_nslots = g_new0 (int, x->ntypes);
  x->nslots = 0;
  for (int t = 0; t < x->ntypes; t++)
    {
      const JcRouteVehicleType *vt = &p->types[t];

      x->type_first[t] = x->nslots;
      x->type_nslots[t] = vt->count < 0 ? x->nc : MIN (vt->count, x->nc);
      x->nslots += x->type_nslots[t];
      if (vt->latest != JC_ROUTE_NO_LIMIT || vt->earliest > 0)
        x->tw = TRUE;
    }

  for (gsize i = 0; i < (gsize) n * n; i++)
    maxd = MAX (maxd, p->dist[i]);
  x->penalty = 2 * maxd + 1;

  x->d0 = g_new0 (gint64, n);
  for (int c = x->nd; c < n; c++)
    {
      gint64 m = G_MAXINT64;

      for (int d = 0; d < x->nd; d++)
        m = MIN (m, p->dist[(gsize) d * n + c] + p->dist[(gsize) c * n + d]);
      x->d0[c] = m;
    }

  x->K = MAX (MIN (x->nc - 1, 100), 0);
  x->nb = g_new0 (int, MAX ((gsize) x->nc * x->K, 1));
  tmp = g_new (NbEntry, MAX (x->nc, 1));
  for (int c = x->nd; c < n; c++)
    {
      int m = 0;

      for (int o = x->nd; o < n; o++)
        if (o != c)
          {
            tmp[m].d = p->dist[(gsize) c * n + o] + p->dist[(gsize) o * n + c];
            tmp[m].c = o;
            m++;
          }
      qsort (tmp, m, sizeof (NbEntry), cmp_nb);
      for (int j = 0; j < x->K; j++)
        x->nb[(gsize) (c - x->nd) * x->K + j] = tmp[j].c;
    }

  x->removed = g_new0 (int, MAX (x->nc, 1) * 2);
  x->keys = g_new0 (gint64, n);
  x->stamp = g_new0 (guint, MAX (x->nslots, 1));
  x->cand = g_new0 (int, MAX (x->nslots, 1));
  x->dirty = g_new0 (int, MAX (x->nslots, 1));
  x->is_dirty = g_new0 (gboolean, MAX (x->nslots, 1));
  x->ruined = g_new0 (int, MAX (x->nslots, 1) + 64);
  x->absence = g_new0 (guint64, n);
  x->never = g_new0 (int, MAX (x->nc, 1));

  x->cbar = 10.0;
  x->lmax = 10;
  x->alpha = 0.5;
  x->beta = 0.01;
  x->blink = 0.01;
  x->blink32 = (guint32) (x->blink * 4294967296.0);
  x->kins = MIN (x->K, 40);
  x->t0f = 0.16;
  x->tff = 0.0016;
  x->open_always = TRUE;
}

static void
ctx_clear (Ctx *x)
{
  g_free (x->dem);
  g_free (x->rdy);
  g_free (x->due);
  g_free (x->svc);
  g_free (x->type_first);
  g_free (x->type_nslots);
  g_free (x->d0);
  g_free (x->nb);
  g_free (x->removed);
  g_free (x->keys);
  g_free (x->stamp);
  g_free (x->cand);
  g_free (x->dirty);
  g_free (x->is_dirty);
  g_free (x->ruined);
  g_free (x->absence);
  g_free (x->never);
}

static gboolean
servable_alone (const Ctx *x,
                int        u)
{
  const JcRouteProblem *p = x->p;
  gsize n = (gsize) x->n;

  for (int t = 0; t < x->ntypes; t++)
    {
      const JcRouteVehicleType *vt = &p->types[t];
      const gint64 *tm = vt->time != NULL ? vt->time : p->time != NULL ? p->time : p->dist;
      gint64 st;

      if (x->type_nslots[t] == 0 || vt->capacity < x->dem[u])
        continue;
      st = MAX (x->rdy[u], vt->earliest + tm[vt->depot * n + u]);
      if (st <= x->due[u] && st + x->svc[u] + tm[u * n + vt->depot] <= vt->latest)
        return TRUE;
    }
  return FALSE;
}

/* The mean distance between two customers (over at most about a million
 * pairs, taken in a fixed pattern). */
static double
mean_distance (const Ctx *x)
{
  int step = MAX (1, x->nc / 1000);
  double sum = 0;
  guint64 count = 0;

  for (int i = x->nd; i < x->n; i += step)
    for (int j = x->nd; j < x->n; j++)
      if (i != j)
        {
          sum += (double) x->D[(gsize) i * x->n + j];
          count++;
        }
  return count > 0 ? sum / (double) count : 1.0;
}

/* ---- clocks ------------------------------------------------------------ */

static double
clock_now (JcRouteClock clock)
{
  if (clock == JC_ROUTE_CLOCK_CPU)
    {
      struct timespec ts;

      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
      return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
    }
  return (double) g_get_monotonic_time () * 1e-6;
}

static gboolean
better (int    nunas_a,
        gint64 dist_a,
        int    nunas_b,
        gint64 dist_b)
{
  return nunas_a < nunas_b || (nunas_a == nunas_b && dist_a < dist_b);
}

/**
 * jc_route_solve:
 * Returns the best solution found within the options' time or iteration
 * limit (or when cancelled), to free with jc_route_solution_free(); NULL
 * with JC_ROUTE_ERROR_INVALID when the problem or the options are not
 * usable.  With an iteration limit the search depends on the seed only
 * (the same routes every run) unless a time limit given as well cuts it
 * short.  Progress is reported at most every 0.1 s of wall time, soon
 * after a better solution is found, and once at the end with the result.
 */
JcRouteSolution *
jc_route_solve (const JcRouteProblem  *problem,
                const JcRouteOptions  *options,
                GCancellable          *cancellable,
                JcRouteProgressFunc    progress,
                gpointer               user_data,
                GError               **error)
{
  Ctx x;
  Sol cur, work;
  Best best;
  double t_start, seconds, last_report, t0, tf, temp = 0;
  guint64 it = 0, max_it;
  JcRouteSolution *result;
  gboolean improved_unreported = FALSE;

  g_return_val_if_fail (problem != NULL && options != NULL, NULL);

  if (!jc_route_problem_validate (problem, error))
    return NULL;
  if (options->seconds <= 0 && options->max_iterations == 0)
    {
      g_set_error_literal (error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INVALID,
                           _("The solver needs a time limit or an iteration limit"));
      return NULL;
    }

  t_start = clock_now (options->clock);
  last_report = (double) g_get_monotonic_time () * 1e-6;
  seconds = options->seconds;
  max_it = options->max_iterations;

  ctx_init (&x, problem);
  rng_seed (&x.rng, options->seed);
  sol_init (&x, &cur);
  sol_init (&x, &work);
  best.rtype = g_new0 (int, MAX (x.nc, 1));
  best.rlen = g_new0 (int, MAX (x.nc, 1));
  best.flat = g_new0 (int, MAX (x.nc, 1));
  best.unas = g_new0 (int, MAX (x.nc, 1));

  /* the first solution: everybody inserted, the largest demands first;
   * a customer no vehicle could serve even alone (back too late) is left
   * out of the search */
  for (int c = x.nd; c < x.n; c++)
    if (servable_alone (&x, c))
      x.removed[x.nremoved++] = c;
    else
      x.never[x.nnever++] = c;
  recreate (&x, &work, 4);
  sol_sync (&x, &cur, &work);
  clear_dirty (&x);
  best_save (&x, &best, &cur);
  improved_unreported = TRUE;

  {
    /* the temperatures scale with the mean distance between customers
     * (SISR's 100 → 1 on X's 1000 × 1000 square, where that mean is about
     * 520): a scale tied to the cost per customer runs too cold on
     * clustered instances with few long routes (Solomon C2) */
    double mean = mean_distance (&x);

    t0 = MAX (x.t0f * mean, 1e-9);
    tf = MAX (x.tff * mean, 1e-9);
  }

  for (;;)
    {
      double now = clock_now (options->clock);
      double frac = 0, shown = 0, wall;
      gint64 cc, nc;
      gboolean accept;

      if (seconds > 0)
        {
          if (now - t_start >= seconds)
            break;
          frac = shown = (now - t_start) / seconds;
        }
      if (max_it > 0)
        {
          if (it >= max_it)
            break;
          /* deterministic: the temperature follows the iterations */
          frac = (double) it / (double) max_it;
          shown = MAX (shown, frac);
        }
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        break;
      if (x.nc == 0)
        break;

      temp = t0 * pow (tf / t0, frac);
      it++;
      ruin (&x, &work);
      recreate (&x, &work, -1);
      cc = sol_cost (&x, &cur);
      nc = sol_cost (&x, &work);
      if (cur.nunas > 0 && frac < 0.5)
        {
          /* the fleet is short: accept what serves more customers, or the
           * same number with customers that were absent less often (the
           * hard ones get placed), as SISR's fleet minimisation does; if
           * the fleet is still short halfway, it truly is, and annealing
           * shortens the routes of those that can be served */
          guint64 an = absence_sum (&x, &work), ac = absence_sum (&x, &cur);

          accept = work.nunas < cur.nunas
                   || (work.nunas == cur.nunas && (an < ac || (an == ac && nc < cc)));
        }
      else
        accept = (double) nc < (double) cc - temp * log (rng_unit (&x.rng) + 1e-300);
      if (accept)
        {
          sol_sync (&x, &cur, &work);
          if (better (cur.nunas, cur.dist, best.nunas, best.dist))
            {
              best_save (&x, &best, &cur);
              improved_unreported = TRUE;
            }
        }
      else
        sol_sync (&x, &work, &cur);
      clear_dirty (&x);

      if (progress != NULL && (improved_unreported || (it & 63) == 0))
        {
          wall = (double) g_get_monotonic_time () * 1e-6;
          if (wall - last_report >= 0.1)
            {
              JcRouteSolution *snap = best_to_solution (problem, &x, &best, it,
                                                        clock_now (options->clock) - t_start);

              progress (MIN (shown, 1.0), snap, user_data);
              jc_route_solution_free (snap);
              last_report = wall;
              improved_unreported = FALSE;
            }
        }
    }

  result = best_to_solution (problem, &x, &best, it, clock_now (options->clock) - t_start);
  if (progress != NULL)
    progress (1.0, result, user_data);

  g_free (best.rtype);
  g_free (best.rlen);
  g_free (best.flat);
  g_free (best.unas);
  sol_clear (&cur);
  sol_clear (&work);
  ctx_clear (&x);
  return result;
}
