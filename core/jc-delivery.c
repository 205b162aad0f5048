/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery.c: the delivery plan of a date, built from the locked
 * purchase plan with the route solver, saved, loaded and re-evaluated,
 * and edited by hand; distances (great circle, the imported matrix —
 * imported by jc-delivery-matrix.c).
 *
 * The plan keeps in its private part the routing problem of its stops
 * (node per stop, one vehicle type per route), so that a stop moved by
 * hand is re-evaluated at once with the same distances and times the
 * solver used.  No SQL here: jc-store-delivery.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-delivery"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jc-date.h"
#include "jc-output.h"
#include "jc-delivery-private.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-store-delivery.h"
#include "jc-store-plan.h"

G_DEFINE_QUARK (jc-delivery-error-quark, jc_delivery_error)

#define EARTH_RADIUS_M 6371008.8   /* IUGG mean radius */
#define DEFAULT_DETOUR JC_DELIVERY_DEFAULT_DETOUR

typedef struct {
  JcRouteProblem *problem;
  gint64        **type_time;   /* n_types n×n matrices */
  int             n_types;
  GHashTable     *node_of;     /* JcDeliveryStop * → node index */
} Priv;

static void
priv_free (Priv *priv)
{
  if (priv == NULL)
    return;
  for (int t = 0; t < priv->n_types; t++)
    g_free (priv->type_time[t]);
  g_free (priv->type_time);
  g_clear_pointer (&priv->problem, jc_route_problem_free);
  g_clear_pointer (&priv->node_of, g_hash_table_unref);
  g_free (priv);
}

/* ---- settings ---------------------------------------------------------- */

int
jc_delivery_get_detour_permille (JcStore *store)
{
  g_autofree char *v = jc_store_get_setting (store, "detour_permille");
  gint64 permille;

  if (v == NULL || !g_ascii_string_to_signed (v, 10, JC_DELIVERY_DETOUR_MIN,
                                              JC_DELIVERY_DETOUR_MAX, &permille, NULL))
    return DEFAULT_DETOUR;
  return (int) permille;
}

gboolean
jc_delivery_set_detour_permille (JcStore  *store,
                                 int       permille,
                                 GError  **error)
{
  char v[16];

  if (permille < JC_DELIVERY_DETOUR_MIN || permille > JC_DELIVERY_DETOUR_MAX)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID,
                   _("The detour factor must be between %d.%03d and %d.%03d, not %d.%03d"),
                   JC_DELIVERY_DETOUR_MIN / 1000, JC_DELIVERY_DETOUR_MIN % 1000,
                   JC_DELIVERY_DETOUR_MAX / 1000, JC_DELIVERY_DETOUR_MAX % 1000,
                   permille / 1000, ABS (permille % 1000));
      return FALSE;
    }
  g_snprintf (v, sizeof v, "%d", permille);
  return jc_store_set_setting (store, "detour_permille", v, error);
}

/* ---- distances ------------------------------------------------------- */

gint64
jc_delivery_great_circle_m (double lat1,
                            double lon1,
                            double lat2,
                            double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);
  double c = 2.0 * atan2 (sqrt (a), sqrt (MAX (0.0, 1.0 - a)));

  return (gint64) llround (EARTH_RADIUS_M * c);
}

/* ---- the world the plan is built in ---------------------------------- */

typedef struct {
  GPtrArray  *vehicles;     /* JcVehicle *, active, by plate */
  GPtrArray  *canteen_list;
  GHashTable *canteens;     /* id → JcCanteen * */
  GPtrArray  *item_list;
  GHashTable *items;        /* id → JcItem * */
  GPtrArray  *category_list;
  GHashTable *categories;   /* code → JcCategory * */
  GHashTable *matrix;       /* "from\tto" → JcDeliveryPair * */
  int         detour_permille;
} World;

static void
world_free (World *w)
{
  g_clear_pointer (&w->vehicles, g_ptr_array_unref);
  g_clear_pointer (&w->canteens, g_hash_table_unref);
  g_clear_pointer (&w->canteen_list, g_ptr_array_unref);
  g_clear_pointer (&w->items, g_hash_table_unref);
  g_clear_pointer (&w->item_list, g_ptr_array_unref);
  g_clear_pointer (&w->categories, g_hash_table_unref);
  g_clear_pointer (&w->category_list, g_ptr_array_unref);
  g_clear_pointer (&w->matrix, g_hash_table_unref);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static int
cmp_vehicle_plate (gconstpointer a,
                   gconstpointer b)
{
  const JcVehicle *va = *(JcVehicle **) a, *vb = *(JcVehicle **) b;

  return strcmp (va->plate, vb->plate);
}

static World *
world_load (JcStore  *store,
            GError  **error)
{
  g_autoptr(World) w = g_new0 (World, 1);

  w->vehicles = jc_store_list_vehicles (store, FALSE, error);
  if (w->vehicles == NULL)
    return NULL;
  g_ptr_array_sort (w->vehicles, cmp_vehicle_plate);
  w->canteen_list = jc_store_list_canteens (store, TRUE, error);
  if (w->canteen_list == NULL)
    return NULL;
  w->canteens = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < w->canteen_list->len; i++)
    {
      JcCanteen *c = w->canteen_list->pdata[i];

      g_hash_table_insert (w->canteens, &c->id, c);
    }
  w->item_list = jc_store_list_items (store, TRUE, error);
  if (w->item_list == NULL)
    return NULL;
  w->items = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < w->item_list->len; i++)
    {
      JcItem *it = w->item_list->pdata[i];

      g_hash_table_insert (w->items, &it->id, it);
    }
  w->category_list = jc_store_list_categories (store, error);
  if (w->category_list == NULL)
    return NULL;
  w->categories = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < w->category_list->len; i++)
    {
      JcCategory *c = w->category_list->pdata[i];

      g_hash_table_insert (w->categories, c->code, c);
    }
  w->matrix = _jc_store_delivery_matrix_read (store, error);
  if (w->matrix == NULL)
    return NULL;
  w->detour_permille = jc_delivery_get_detour_permille (store);
  return g_steal_pointer (&w);
}

/* The mass of `qty_milli` of an item in grams: kg and L count 1 g per
 * milli-unit, pieces their piece mass in mg, rounded half up once at the
 * end; FALSE when a piece item has no mass. */
gboolean
_jc_delivery_mass_of (const JcItem *item,
                      gint64        qty_milli,
                      gint64       *out_g)
{
  switch (item->base_unit)
    {
    case JC_BASE_UNIT_KG:
    case JC_BASE_UNIT_L:
      *out_g = qty_milli;
      return TRUE;
    case JC_BASE_UNIT_PIECE:
    default:
      if (item->piece_mass_mg <= 0)
        {
          *out_g = 0;
          return FALSE;
        }
      /* milli-pieces × mg / 10^6 = g, rounded once */
      return jc_mul_div_round (qty_milli, item->piece_mass_mg, 1000000, out_g, NULL);
    }
}

static int
cmp_line (gconstpointer a,
          gconstpointer b)
{
  const JcDeliveryLine *la = *(JcDeliveryLine **) a, *lb = *(JcDeliveryLine **) b;

  if (la->category_position != lb->category_position)
    return la->category_position < lb->category_position ? -1 : 1;
  return g_strcmp0 (la->item_code, lb->item_code);
}

static void
add_no_mass (JcDeliveryPlan *plan,
             const char     *code)
{
  for (guint i = 0; i < plan->no_mass->len; i++)
    if (g_str_equal (plan->no_mass->pdata[i], code))
      return;
  g_ptr_array_add (plan->no_mass, g_strdup (code));
}

/* Fills a stop's canteen, its lines' names and masses and its load from
 * the world as it is now. */
static void
fill_stop (const World    *w,
           JcDeliveryPlan *plan,
           JcDeliveryStop *stop)
{
  const JcCanteen *c = g_hash_table_lookup (w->canteens, &stop->canteen_id);

  if (c != NULL)
    {
      g_free (stop->canteen_code);
      stop->canteen_code = g_strdup (c->code);
      g_free (stop->canteen_name);
      stop->canteen_name = g_strdup (c->name);
      g_free (stop->address);
      stop->address = g_strdup (c->address);
      stop->lat = c->lat;
      stop->lon = c->lon;
      stop->window_start = c->window_start;
      stop->window_end = c->window_end;
    }
  stop->load_g = 0;
  for (guint i = 0; i < stop->lines->len; i++)
    {
      JcDeliveryLine *l = stop->lines->pdata[i];
      const JcItem *it = g_hash_table_lookup (w->items, &l->item_id);
      const JcCategory *cat;

      if (it == NULL)
        continue;
      g_free (l->item_code);
      l->item_code = g_strdup (it->code);
      g_free (l->item_name);
      l->item_name = g_strdup (it->name);
      g_free (l->category);
      l->category = g_strdup (it->category);
      cat = g_hash_table_lookup (w->categories, it->category);
      g_free (l->category_name);
      l->category_name = g_strdup (cat ? cat->name : it->category);
      l->category_position = cat ? cat->position : 0;
      l->base_unit = it->base_unit;
      if (!_jc_delivery_mass_of (it, l->qty_milli, &l->mass_g))
        add_no_mass (plan, it->code);
      stop->load_g += l->mass_g;
    }
  g_ptr_array_sort (stop->lines, cmp_line);
}

static void
make_routes (const World    *w,
             JcDeliveryPlan *plan)
{
  for (guint i = 0; i < w->vehicles->len; i++)
    {
      const JcVehicle *v = w->vehicles->pdata[i];
      JcDeliveryRoute *r = _jc_delivery_route_new ();

      r->vehicle_id = v->id;
      r->plate = g_strdup (v->plate);
      r->capacity_kg = v->capacity_kg;
      r->depot = g_strdup (v->depot);
      r->depot_lat = v->depot_lat;
      r->depot_lon = v->depot_lon;
      r->depart_s = v->start_time * 60;
      r->return_s = r->depart_s;
      g_ptr_array_add (plan->routes, r);
    }
}

/* ---- the routing problem --------------------------------------------- */

typedef struct {
  const char *key;    /* matrix key */
  double      lat;
  double      lon;
} Place;

static char *
depot_key (const JcVehicle *v)
{
  return g_strdup_printf ("depot:%s", v->depot);
}

/* Distance and (matrix) time between two places; *from_matrix tells
 * whether the matrix had the pair. */
static gint64
place_dist (const World *w,
            const Place *a,
            const Place *b,
            gint64      *time_s,
            gboolean    *from_matrix)
{
  g_autofree char *k = NULL;
  const JcDeliveryPair *p;

  *time_s = -1;
  *from_matrix = TRUE;
  if (g_str_equal (a->key, b->key))
    return 0;
  k = g_strdup_printf ("%s\t%s", a->key, b->key);
  p = g_hash_table_lookup (w->matrix, k);
  if (p != NULL)
    {
      *time_s = p->time_s;
      return p->distance_m;
    }
  *from_matrix = FALSE;
  return (jc_delivery_great_circle_m (a->lat, a->lon, b->lat, b->lon) * w->detour_permille + 500)
         / 1000;
}

/* Seconds to drive `dist_m` at `speed_kmh`, half a second up. */
static gint64
drive_s (gint64 dist_m,
         int    speed_kmh)
{
  if (speed_kmh <= 0)
    speed_kmh = 1;
  return (dist_m * 36 + speed_kmh * 5) / ((gint64) speed_kmh * 10);
}

/* Builds the problem of `stops` (nodes n_depots… in this order) for the
 * world's vehicles (type t = vehicle t).  *all_matrix: every pair of
 * distinct places came from the matrix. */
static Priv *
priv_new (const World *w,
          GPtrArray   *stops,
          gboolean    *all_matrix)
{
  Priv *priv = g_new0 (Priv, 1);
  g_autoptr(GPtrArray) depot_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (Place));
  g_autofree int *vehicle_depot = g_new0 (int, MAX (1, w->vehicles->len));
  g_autofree gint64 *mtime = NULL;
  JcRouteProblem *p;
  int n_depots, n;

  *all_matrix = TRUE;
  for (guint v = 0; v < w->vehicles->len; v++)
    {
      const JcVehicle *veh = w->vehicles->pdata[v];
      g_autofree char *key = depot_key (veh);
      guint d;

      for (d = 0; d < depot_keys->len; d++)
        if (g_str_equal (depot_keys->pdata[d], key))
          break;
      if (d == depot_keys->len)
        {
          Place pl = { NULL, veh->depot_lat, veh->depot_lon };

          g_ptr_array_add (depot_keys, g_steal_pointer (&key));
          g_array_append_val (places, pl);
        }
      vehicle_depot[v] = (int) d;
    }
  if (depot_keys->len == 0)
    {
      /* no vehicle: one dummy depot so that the stops still have nodes */
      Place pl = { NULL, 0, 0 };

      g_ptr_array_add (depot_keys, g_strdup ("depot:"));
      g_array_append_val (places, pl);
    }
  for (guint d = 0; d < depot_keys->len; d++)
    g_array_index (places, Place, d).key = depot_keys->pdata[d];
  n_depots = (int) depot_keys->len;
  for (guint s = 0; s < stops->len; s++)
    {
      const JcDeliveryStop *stop = stops->pdata[s];
      Place pl = { stop->canteen_code ? stop->canteen_code : "", stop->lat, stop->lon };

      g_array_append_val (places, pl);
    }
  n = (int) places->len;

  p = jc_route_problem_new (n_depots, n - n_depots, (int) w->vehicles->len);
  priv->problem = p;
  priv->node_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  mtime = g_new (gint64, (gsize) n * (gsize) n);
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      {
        gboolean fm;
        gint64 t;

        p->dist[(gsize) i * n + j] = i == j ? 0 : place_dist (w, &g_array_index (places, Place, i),
                                                              &g_array_index (places, Place, j),
                                                              &t, &fm);
        if (i == j)
          {
            t = 0;
            fm = TRUE;
          }
        mtime[(gsize) i * n + j] = t;
        if (!fm)
          *all_matrix = FALSE;
      }
  for (guint s = 0; s < stops->len; s++)
    {
      const JcDeliveryStop *stop = stops->pdata[s];
      int node = n_depots + (int) s;

      p->demand[node] = stop->load_g;
      p->ready[node] = (gint64) stop->window_start * 60;
      p->due[node] = (gint64) stop->window_end * 60;
      p->service[node] = 0;
      g_hash_table_insert (priv->node_of, stops->pdata[s], GINT_TO_POINTER (node));
    }
  priv->n_types = (int) w->vehicles->len;
  priv->type_time = g_new0 (gint64 *, MAX (1, priv->n_types));
  for (int t = 0; t < priv->n_types; t++)
    {
      const JcVehicle *veh = w->vehicles->pdata[t];
      gint64 *tt = g_new (gint64, (gsize) n * (gsize) n);

      /* the vehicle's own speed; its service time rides on the way out of
       * each stop, so that each type unloads at its own pace */
      for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
          {
            gsize k = (gsize) i * n + j;

            if (i == j)
              tt[k] = 0;
            else
              tt[k] = (mtime[k] >= 0 ? mtime[k] : drive_s (p->dist[k], veh->speed_kmh))
                      + (i >= n_depots ? (gint64) veh->service_min * 60 : 0);
          }
      priv->type_time[t] = tt;
      p->types[t].depot = vehicle_depot[t];
      p->types[t].capacity = veh->capacity_kg * 1000;
      p->types[t].earliest = (gint64) veh->start_time * 60;
      p->types[t].latest = JC_ROUTE_NO_LIMIT;
      p->types[t].count = 1;
      p->types[t].time = tt;
    }
  return priv;
}

/* All the plan's stops: the routes' in order, then the unassigned. */
static GPtrArray *
all_stops (JcDeliveryPlan *plan)
{
  GPtrArray *stops = g_ptr_array_new ();

  for (guint r = 0; r < plan->routes->len; r++)
    {
      JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint s = 0; s < route->stops->len; s++)
        g_ptr_array_add (stops, route->stops->pdata[s]);
    }
  for (guint s = 0; s < plan->unassigned->len; s++)
    g_ptr_array_add (stops, plan->unassigned->pdata[s]);
  return stops;
}

static void
plan_prepare (const World    *w,
              JcDeliveryPlan *plan)
{
  g_autoptr(GPtrArray) stops = all_stops (plan);

  priv_free (plan->priv);
  plan->priv = priv_new (w, stops, &plan->from_matrix);
  plan->priv_destroy = (GDestroyNotify) priv_free;
  plan->detour_permille = w->detour_permille;
}

/* Re-evaluates every route and the totals from the stops. */
static void
plan_evaluate (JcDeliveryPlan *plan)
{
  Priv *priv = plan->priv;
  const JcRouteProblem *p = priv->problem;

  plan->distance_m = 0;
  plan->load_g = 0;
  plan->n_late = 0;
  plan->overload_g = 0;
  for (guint r = 0; r < plan->routes->len; r++)
    {
      JcDeliveryRoute *route = plan->routes->pdata[r];
      int n = (int) route->stops->len;
      g_autofree int *nodes = g_new0 (int, MAX (1, n));
      g_autofree gint64 *arrival = g_new0 (gint64, MAX (1, n));
      g_autofree gint64 *start = g_new0 (gint64, MAX (1, n));
      JcRouteEval ev = { 0 };
      int prev;

      g_assert ((int) r < priv->n_types);
      for (int s = 0; s < n; s++)
        nodes[s] = GPOINTER_TO_INT (g_hash_table_lookup (priv->node_of, route->stops->pdata[s]));
      route->n_late = 0;
      if (n == 0)
        {
          route->load_g = 0;
          route->overload_g = 0;
          route->distance_m = 0;
          route->depart_s = (int) p->types[r].earliest;
          route->return_s = route->depart_s;
          continue;
        }
      jc_route_evaluate (p, (int) r, nodes, n, &ev, arrival, start);
      route->load_g = ev.load;
      route->overload_g = ev.overload;
      route->distance_m = ev.distance;
      route->depart_s = ev.departure;
      route->return_s = ev.return_time;
      prev = p->types[r].depot;
      for (int s = 0; s < n; s++)
        {
          JcDeliveryStop *stop = route->stops->pdata[s];

          stop->leg_m = jc_route_dist (p, prev, nodes[s]);
          stop->arrival_s = arrival[s];
          stop->start_s = start[s];
          stop->late = start[s] > p->due[nodes[s]];
          if (stop->late)
            route->n_late++;
          prev = nodes[s];
        }
      plan->distance_m += route->distance_m;
      plan->load_g += route->load_g;
      plan->n_late += route->n_late;
      plan->overload_g += route->overload_g;
    }
  for (guint s = 0; s < plan->unassigned->len; s++)
    {
      JcDeliveryStop *stop = plan->unassigned->pdata[s];

      stop->leg_m = 0;
      stop->arrival_s = 0;
      stop->start_s = 0;
      stop->late = FALSE;
    }
}

/* ---- splitting a canteen too heavy for the largest vehicle ------------- */

typedef struct {
  JcDeliveryStop *stop;
  gint64          room;
} Part;

static JcDeliveryLine *
line_piece (const JcDeliveryLine *l,
            gint64                qty_milli,
            gint64                mass_g)
{
  JcDeliveryLine *c = g_new0 (JcDeliveryLine, 1);

  c->item_id = l->item_id;
  c->item_code = g_strdup (l->item_code);
  c->item_name = g_strdup (l->item_name);
  c->category = g_strdup (l->category);
  c->category_name = g_strdup (l->category_name);
  c->category_position = l->category_position;
  c->base_unit = l->base_unit;
  c->qty_milli = qty_milli;
  c->mass_g = mass_g;
  return c;
}

static JcDeliveryStop *
stop_shell (const JcDeliveryStop *s)
{
  JcDeliveryStop *c = _jc_delivery_stop_new ();

  c->canteen_id = s->canteen_id;
  c->canteen_code = g_strdup (s->canteen_code);
  c->canteen_name = g_strdup (s->canteen_name);
  c->address = g_strdup (s->address);
  c->lat = s->lat;
  c->lon = s->lon;
  c->window_start = s->window_start;
  c->window_end = s->window_end;
  return c;
}

static int
cmp_line_mass_desc (gconstpointer a,
                    gconstpointer b)
{
  const JcDeliveryLine *la = *(JcDeliveryLine **) a, *lb = *(JcDeliveryLine **) b;

  if (la->mass_g != lb->mass_g)
    return la->mass_g > lb->mass_g ? -1 : 1;
  return g_strcmp0 (la->item_code, lb->item_code);
}

/* Splits `stop` into parts of at most `cap_g` each (whole lines first
 * fit, the rest by quantity — pieces in whole pieces, so that the parts'
 * masses add up to the canteen's exactly).  Appends the parts to `out`. */
static void
split_stop (const World    *w,
            JcDeliveryStop *stop,
            gint64          cap_g,
            GPtrArray      *out)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) rest = g_ptr_array_new ();
  gint64 k;
  guint n_parts = 0;

  if (stop->load_g <= cap_g || cap_g <= 0)
    {
      g_ptr_array_add (out, stop);
      return;
    }
  k = (stop->load_g + cap_g - 1) / cap_g;
  for (gint64 i = 0; i < k; i++)
    {
      Part part = { stop_shell (stop), cap_g };

      g_array_append_val (parts, part);
    }
  /* borrowed: a copy would take the free function along */
  lines = g_ptr_array_sized_new (stop->lines->len);
  for (guint i = 0; i < stop->lines->len; i++)
    g_ptr_array_add (lines, stop->lines->pdata[i]);
  g_ptr_array_sort (lines, cmp_line_mass_desc);
  for (guint i = 0; i < lines->len; i++)
    {
      const JcDeliveryLine *l = lines->pdata[i];
      guint p;

      for (p = 0; p < parts->len; p++)
        if (g_array_index (parts, Part, p).room >= l->mass_g)
          break;
      if (p < parts->len)
        {
          Part *part = &g_array_index (parts, Part, p);

          g_ptr_array_add (part->stop->lines, line_piece (l, l->qty_milli, l->mass_g));
          part->room -= l->mass_g;
        }
      else
        g_ptr_array_add (rest, (gpointer) l);
    }
  for (guint i = 0; i < rest->len; i++)
    {
      const JcDeliveryLine *l = rest->pdata[i];
      const JcItem *it = g_hash_table_lookup (w->items, &l->item_id);
      gint64 qty = l->qty_milli, mass = l->mass_g;
      guint p = 0;

      while (qty > 0)
        {
          Part *part;
          gint64 take_q, take_m;

          if (p == parts->len)
            {
              Part fresh = { stop_shell (stop), cap_g };

              g_array_append_val (parts, fresh);
            }
          part = &g_array_index (parts, Part, p);
          if (mass <= part->room)
            {
              take_q = qty;
              take_m = mass;
            }
          else if (l->base_unit == JC_BASE_UNIT_PIECE && it != NULL && it->piece_mass_mg > 0)
            {
              /* the whole pieces that fit, and their mass rounded once
               * (n × mass ≤ room, so the rounded mass is ≤ room too) */
              gint64 n = (gint64) ((__int128) part->room * 1000 / it->piece_mass_mg);

              take_q = n * 1000;
              if (!jc_mul_div_round (n, it->piece_mass_mg, 1000, &take_m, NULL))
                take_m = part->room;
            }
          else
            {
              take_q = part->room;
              take_m = part->room;
            }
          if (take_q <= 0)
            {
              if (part->room == cap_g)
                {
                  /* not one piece fits an empty vehicle: it goes as it is
                   * (and cannot be served) */
                  take_q = qty;
                  take_m = mass;
                }
              else
                {
                  p++;
                  continue;
                }
            }
          g_ptr_array_add (part->stop->lines, line_piece (l, take_q, take_m));
          part->room -= take_m;
          qty -= take_q;
          mass -= take_m;
          p++;
        }
    }
  for (guint p = 0; p < parts->len; p++)
    if (g_array_index (parts, Part, p).stop->lines->len > 0)
      n_parts++;
  {
    int part_no = 0;

    for (guint p = 0; p < parts->len; p++)
      {
        JcDeliveryStop *ps = g_array_index (parts, Part, p).stop;

        if (ps->lines->len == 0)
          {
            _jc_delivery_stop_free (ps);
            continue;
          }
        ps->part = ++part_no;
        ps->n_parts = (int) n_parts;
        ps->load_g = 0;
        for (guint i = 0; i < ps->lines->len; i++)
          ps->load_g += ((JcDeliveryLine *) ps->lines->pdata[i])->mass_g;
        g_ptr_array_sort (ps->lines, cmp_line);
        g_ptr_array_add (out, ps);
      }
  }
  _jc_delivery_stop_free (stop);
}

/* ---- build, save, load, move ------------------------------------------- */

static gboolean
check_date (const char  *date,
            GError     **error)
{
  if (!jc_date_is_valid (date))
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID,
                   _("“%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  return TRUE;
}

static int
cmp_stop_canteen (gconstpointer a,
                  gconstpointer b)
{
  const JcDeliveryStop *sa = *(JcDeliveryStop **) a, *sb = *(JcDeliveryStop **) b;

  return g_strcmp0 (sa->canteen_code, sb->canteen_code);
}

typedef struct {
  JcRouteProgressFunc func;
  gpointer            data;
} ProgressRelay;

/**
 * jc_delivery_build:
 * Builds, saves and returns the delivery plan of `date` (see the header).
 * Errors: JC_DELIVERY_ERROR_NO_PLAN, _NO_VEHICLES, _INVALID (the date), or
 * a store error.  Cancelling keeps the best plan found so far.
 */
JcDeliveryPlan *
jc_delivery_build (JcStore               *store,
                   const char            *date,
                   const JcRouteOptions  *options,
                   const char            *who,
                   GCancellable          *cancellable,
                   JcRouteProgressFunc    progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autoptr(World) w = NULL;
  g_autoptr(JcPlan) purchase = NULL;
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autoptr(GHashTable) by_canteen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) whole = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GPtrArray) solvable = g_ptr_array_new ();
  g_autoptr(JcRouteSolution) sol = NULL;
  JcRouteOptions defaults;
  gboolean locked = FALSE, all_matrix;
  gint64 max_cap = 0;
  Priv *sub;

  g_return_val_if_fail (store != NULL, NULL);
  if (!check_date (date, error))
    return NULL;
  if (!_jc_store_plan_is_locked (store, date, &locked, error))
    return NULL;
  if (!locked)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_PLAN,
                   _("There is no locked purchase plan for %s: lock the plan first "
                     "(the Purchase plan page, or “jicai-cli plan lock --date %s”)"), date, date);
      return NULL;
    }
  w = world_load (store, error);
  if (w == NULL)
    return NULL;
  if (w->vehicles->len == 0)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_VEHICLES,
                   _("There is no active vehicle to deliver with: add one or make one active"));
      return NULL;
    }
  purchase = jc_plan_load (store, date, jc_store_get_stale_days (store), error);
  if (purchase == NULL)
    return NULL;

  plan = _jc_delivery_plan_new (date);
  make_routes (w, plan);

  /* the canteens' ordered quantities, one stop per canteen */
  for (guint i = 0; i < purchase->lines->len; i++)
    {
      const JcPlanLine *l = purchase->lines->pdata[i];

      for (guint k = 0; l->shares != NULL && k < l->shares->len; k++)
        {
          const JcPlanShare *sh = &g_array_index (l->shares, JcPlanShare, k);
          JcDeliveryStop *stop;
          JcDeliveryLine *dl;

          if (sh->qty_milli <= 0)
            continue;
          stop = g_hash_table_lookup (by_canteen, &sh->canteen_id);
          if (stop == NULL)
            {
              stop = _jc_delivery_stop_new ();
              stop->canteen_id = sh->canteen_id;
              g_hash_table_insert (by_canteen, &stop->canteen_id, stop);
              g_ptr_array_add (whole, stop);
            }
          dl = g_new0 (JcDeliveryLine, 1);
          dl->item_id = l->item_id;
          dl->qty_milli = sh->qty_milli;
          g_ptr_array_add (stop->lines, dl);
        }
    }
  for (guint i = 0; i < whole->len; i++)
    fill_stop (w, plan, whole->pdata[i]);
  g_ptr_array_sort (whole, cmp_stop_canteen);
  for (guint v = 0; v < w->vehicles->len; v++)
    max_cap = MAX (max_cap, ((JcVehicle *) w->vehicles->pdata[v])->capacity_kg * 1000);
  for (guint i = 0; i < whole->len; i++)
    split_stop (w, whole->pdata[i], max_cap, parts);

  /* what no vehicle can carry or reach in time is unassigned from the
   * start; the solver gets the rest */
  sub = priv_new (w, parts, &all_matrix);
  for (guint s = 0; s < parts->len; s++)
    {
      JcDeliveryStop *stop = parts->pdata[s];
      int node = sub->problem->n_depots + (int) s;
      gboolean ok = FALSE;

      for (int t = 0; t < sub->problem->n_types && !ok; t++)
        {
          const JcRouteVehicleType *ty = &sub->problem->types[t];
          gint64 at = ty->earliest + ty->time[(gsize) ty->depot * sub->problem->n_nodes + node];

          ok = stop->load_g <= ty->capacity && at <= sub->problem->due[node];
        }
      g_ptr_array_add (ok ? solvable : plan->unassigned, stop);
    }
  priv_free (sub);

  if (solvable->len > 0)
    {
      if (options == NULL)
        {
          jc_route_options_init (&defaults);
          options = &defaults;
        }
      sub = priv_new (w, solvable, &all_matrix);
      sol = jc_route_solve (sub->problem, options, cancellable, progress, user_data, error);
      if (sol == NULL)
        {
          priv_free (sub);
          for (guint s = 0; s < solvable->len; s++)
            _jc_delivery_stop_free (solvable->pdata[s]);
          return NULL;
        }
      for (int r = 0; r < sol->n_routes; r++)
        {
          const JcRoute *rt = &sol->routes[r];
          JcDeliveryRoute *route = plan->routes->pdata[rt->type];

          for (int s = 0; s < rt->n_stops; s++)
            {
              int k = rt->stops[s] - sub->problem->n_depots;

              g_ptr_array_add (route->stops, solvable->pdata[k]);
              solvable->pdata[k] = NULL;
            }
        }
      /* the rest, solver's unassigned or not, is unassigned: never lost */
      for (guint s = 0; s < solvable->len; s++)
        if (solvable->pdata[s] != NULL)
          g_ptr_array_add (plan->unassigned, solvable->pdata[s]);
      plan->solve_seconds = sol->seconds;
      priv_free (sub);
    }
  g_ptr_array_sort (plan->unassigned, cmp_stop_canteen);

  plan_prepare (w, plan);
  plan_evaluate (plan);
  if (!jc_delivery_save (store, plan, who ? who : g_get_user_name (), error))
    return NULL;
  return g_steal_pointer (&plan);
}

/**
 * jc_delivery_save:
 * Stores the plan as the saved plan of its date (replacing any), with the
 * time and `who`; sets plan->saved_at and saved_by.
 */
gboolean
jc_delivery_save (JcStore         *store,
                  JcDeliveryPlan  *plan,
                  const char      *who,
                  GError         **error)
{
  g_autofree char *at = jc_timestamp_format (NULL);

  g_return_val_if_fail (store != NULL && plan != NULL, FALSE);
  if (who == NULL)
    who = g_get_user_name ();
  if (!_jc_store_delivery_write (store, plan, at, who, error))
    return FALSE;
  g_free (plan->saved_at);
  plan->saved_at = g_steal_pointer (&at);
  g_free (plan->saved_by);
  plan->saved_by = g_strdup (who);
  return TRUE;
}

static void
add_qty (GHashTable *qty,
         gint64      canteen_id,
         gint64      item_id,
         gint64      milli)
{
  char *key = g_strdup_printf ("%lld/%lld", (long long) canteen_id, (long long) item_id);
  gint64 *v = g_hash_table_lookup (qty, key);

  if (v == NULL)
    {
      v = g_new0 (gint64, 1);
      g_hash_table_insert (qty, key, v);
    }
  else
    g_free (key);
  *v += milli;
}

static void
add_stop_qty (GHashTable           *qty,
              const JcDeliveryStop *stop,
              int                   sign)
{
  for (guint i = 0; i < stop->lines->len; i++)
    {
      const JcDeliveryLine *l = stop->lines->pdata[i];

      add_qty (qty, stop->canteen_id, l->item_id, sign * l->qty_milli);
    }
}

/* Does the saved plan still carry what the locked purchase plan orders? */
static gboolean
check_stale (JcStore         *store,
             JcDeliveryPlan  *plan,
             GError         **error)
{
  g_autoptr(GHashTable) qty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JcPlan) purchase = NULL;
  gboolean locked = FALSE;
  GHashTableIter it;
  gpointer value;

  if (!_jc_store_plan_is_locked (store, plan->date, &locked, error))
    return FALSE;
  plan->stale = !locked;
  if (!locked)
    return TRUE;
  purchase = jc_plan_load (store, plan->date, jc_store_get_stale_days (store), error);
  if (purchase == NULL)
    return FALSE;
  for (guint i = 0; i < purchase->lines->len; i++)
    {
      const JcPlanLine *l = purchase->lines->pdata[i];

      for (guint k = 0; l->shares != NULL && k < l->shares->len; k++)
        {
          const JcPlanShare *sh = &g_array_index (l->shares, JcPlanShare, k);

          add_qty (qty, sh->canteen_id, l->item_id, sh->qty_milli);
        }
    }
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint s = 0; s < route->stops->len; s++)
        add_stop_qty (qty, route->stops->pdata[s], -1);
    }
  for (guint s = 0; s < plan->unassigned->len; s++)
    add_stop_qty (qty, plan->unassigned->pdata[s], -1);
  g_hash_table_iter_init (&it, qty);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (*(gint64 *) value != 0)
      plan->stale = TRUE;
  return TRUE;
}

/**
 * jc_delivery_load:
 * The saved plan of `date` re-evaluated now, or NULL without an error.
 */
JcDeliveryPlan *
jc_delivery_load (JcStore     *store,
                  const char  *date,
                  GError     **error)
{
  g_autoptr(JcDeliveryPlan) raw = NULL;
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autoptr(World) w = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  if (!check_date (date, error))
    return NULL;
  raw = _jc_store_delivery_read (store, date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (raw == NULL)
    return NULL;
  w = world_load (store, error);
  if (w == NULL)
    return NULL;
  plan = _jc_delivery_plan_new (date);
  plan->saved_at = g_steal_pointer (&raw->saved_at);
  plan->saved_by = g_steal_pointer (&raw->saved_by);
  plan->edited = raw->edited;
  plan->solve_seconds = raw->solve_seconds;
  make_routes (w, plan);
  for (guint r = 0; r < raw->routes->len; r++)
    {
      JcDeliveryRoute *saved = raw->routes->pdata[r];
      GPtrArray *to = plan->unassigned;

      /* a vehicle no longer active leaves its stops unassigned */
      for (guint k = 0; k < plan->routes->len; k++)
        if (((JcDeliveryRoute *) plan->routes->pdata[k])->vehicle_id == saved->vehicle_id)
          to = ((JcDeliveryRoute *) plan->routes->pdata[k])->stops;
      while (saved->stops->len > 0)
        g_ptr_array_add (to, g_ptr_array_steal_index (saved->stops, 0));
    }
  while (raw->unassigned->len > 0)
    g_ptr_array_add (plan->unassigned, g_ptr_array_steal_index (raw->unassigned, 0));
  for (guint r = 0; r < plan->routes->len; r++)
    {
      JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint s = 0; s < route->stops->len; s++)
        fill_stop (w, plan, route->stops->pdata[s]);
    }
  for (guint s = 0; s < plan->unassigned->len; s++)
    fill_stop (w, plan, plan->unassigned->pdata[s]);
  plan_prepare (w, plan);
  plan_evaluate (plan);
  if (!check_stale (store, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static GPtrArray *
stop_list (JcDeliveryPlan *plan,
           guint           route)
{
  if (route == plan->routes->len)
    return plan->unassigned;
  return ((JcDeliveryRoute *) plan->routes->pdata[route])->stops;
}

/**
 * jc_delivery_move_stop:
 * Moves a stop (route index routes->len: the unassigned list) and
 * re-evaluates; see the header.
 */
gboolean
jc_delivery_move_stop (JcDeliveryPlan  *plan,
                       guint            from_route,
                       guint            from_index,
                       guint            to_route,
                       guint            to_index,
                       GError         **error)
{
  GPtrArray *from, *to;
  gpointer stop;

  g_return_val_if_fail (plan != NULL && plan->priv != NULL, FALSE);
  if (from_route > plan->routes->len || to_route > plan->routes->len)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID,
                   _("There is no route %u (the plan has %u)"),
                   MAX (from_route, to_route) + 1, plan->routes->len);
      return FALSE;
    }
  from = stop_list (plan, from_route);
  to = stop_list (plan, to_route);
  if (from_index >= from->len)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID,
                   _("Route %u has no stop %u"), from_route + 1, from_index + 1);
      return FALSE;
    }
  if (to_index > to->len)
    {
      g_set_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID,
                   _("Route %u has no position %u"), to_route + 1, to_index + 1);
      return FALSE;
    }
  stop = g_ptr_array_steal_index (from, from_index);
  g_ptr_array_insert (to, (gint) MIN (to_index, to->len), stop);
  plan->edited = TRUE;
  plan_evaluate (plan);
  return TRUE;
}
