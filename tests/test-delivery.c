/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The delivery plan: loads in grams from a locked purchase plan, split
 * canteens, windows, distances (great circle, imported matrix and its
 * refusals), save/load, moves by hand, the documents and the CLI. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-delivery-doc.h"
#include "jc-delivery-private.h"
#include "jc-orders.h"
#include "jc-plan.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define DATE "2026-12-01"

typedef struct {
  char    *dir;
  char    *path;
  JcStore *store;
} Fixture;

/* The canteens' loads in grams, as the test world orders them:
 *   CT01: 100 kg rice + 20 chickens × 1.5 kg + 20 L oil + 5 garlic (no mass) = 150 kg
 *   CT02: 80 kg rice + 10 L oil                                              =  90 kg
 *   CT03: 50 kg rice + 10 chickens                                           =  65 kg
 *   CT04: 1100 kg rice + 101 chickens + 200 L oil = 1451.5 kg, more than the
 *         largest vehicle (1000 kg): two parts, 1000 kg and 451.5 kg */
static const struct {
  const char *code;
  const char *name;
  double      lat, lon;
  int         ws, we;
  gint64      load_g;
} canteens[] = {
  { "CT01", "市政府机关食堂", 31.230416, 121.473701, 7 * 60, 9 * 60, 150000 },
  { "CT02", "市财政局食堂", 31.198500, 121.450500, 7 * 60, 9 * 60, 90000 },
  { "CT03", "市卫健委食堂", 31.197800, 121.501200, 7 * 60, 7 * 60 + 30, 65000 },
  { "CT04", "市公安局机关食堂", 31.270000, 121.420000, 7 * 60, 10 * 60, 1451500 },
};

static JcItem *
add_item (JcStore    *store,
          const char *code,
          const char *name,
          const char *category,
          JcBaseUnit  unit,
          gint64      piece_mass_mg)
{
  JcItem *item = jc_item_new ();

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup (category);
  item->base_unit = unit;
  item->piece_mass_mg = piece_mass_mg;
  assert_true (jc_store_insert_item (store, item, NULL));
  return item;
}

static void
add_vehicle (JcStore    *store,
             const char *plate,
             gint64      capacity_kg)
{
  g_autoptr(JcVehicle) v = jc_vehicle_new ();

  v->plate = g_strdup (plate);
  v->capacity_kg = capacity_kg;
  v->depot = g_strdup ("江桥");
  v->depot_lat = 31.255;
  v->depot_lon = 121.3345;
  v->start_time = 5 * 60 + 30;
  v->speed_kmh = 30;
  v->service_min = 15;
  assert_true (jc_store_insert_vehicle (store, v, NULL));
}

static void
order (JcStore    *store,
       const char *canteen,
       JcItem    **items,
       const char *const *qty)
{
  g_autoptr(JcOrder) o = jc_store_get_order (store, canteen, DATE, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *unit = jc_base_unit_to_string (items[i]->base_unit);
      JcOrderLine *l = jc_order_line_parse (items[i], qty[i],
                                            items[i]->base_unit == JC_BASE_UNIT_PIECE ? "个" : unit,
                                            "", &error);

      assert_no_error (error);
      g_ptr_array_add (o->lines, l);
    }
  assert_true (jc_orders_save (store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, &error));
  assert_no_error (error);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcItem) rice = NULL, chicken = NULL, oil = NULL, garlic = NULL;

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, &error);
  assert_no_error (error);
  rice = add_item (f->store, "G001", "大米", "grain", JC_BASE_UNIT_KG, 0);
  oil = add_item (f->store, "G002", "大豆油", "grain", JC_BASE_UNIT_L, 0);
  chicken = add_item (f->store, "M001", "白条鸡", "meat", JC_BASE_UNIT_PIECE, 1500000);
  garlic = add_item (f->store, "V001", "蒜头", "veg", JC_BASE_UNIT_PIECE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (canteens[i].code);
      c->name = g_strdup (canteens[i].name);
      c->address = g_strdup_printf ("测试路%u号", i + 1);
      c->lat = canteens[i].lat;
      c->lon = canteens[i].lon;
      c->window_start = canteens[i].ws;
      c->window_end = canteens[i].we;
      assert_true (jc_store_insert_canteen (f->store, c, NULL));
    }
  add_vehicle (f->store, "沪A10000", 1000);
  add_vehicle (f->store, "沪B20000", 800);
  {
    JcItem *i1[] = { rice, chicken, oil, garlic, NULL };
    const char *q1[] = { "100", "20", "20", "5" };
    JcItem *i2[] = { rice, oil, NULL };
    const char *q2[] = { "80", "10" };
    JcItem *i3[] = { rice, chicken, NULL };
    const char *q3[] = { "50", "10" };
    JcItem *i4[] = { rice, chicken, oil, NULL };
    const char *q4[] = { "1100", "101", "200" };

    order (f->store, "CT01", i1, q1);
    order (f->store, "CT02", i2, q2);
    order (f->store, "CT03", i3, q3);
    order (f->store, "CT04", i4, q4);
  }
  assert_true (jc_plan_lock (f->store, DATE, 7, "staff", &error));
  assert_no_error (error);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_test_rmtree (f->dir);
  jc_test_store_location_free (f->path);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static void
iter_options (JcRouteOptions *o,
              guint64         seed)
{
  jc_route_options_init (o);
  o->seconds = 0;
  o->max_iterations = 3000;
  o->seed = seed;
}

static JcDeliveryPlan *
build (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JcRouteOptions o;
  JcDeliveryPlan *plan;

  iter_options (&o, 1);
  plan = jc_delivery_build (f->store, DATE, &o, "tester", NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_non_null (plan);
  return plan;
}

/* A text that names every route's stops in order: equal texts, equal plans. */
static char *
signature (const JcDeliveryPlan *plan)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      g_string_append_printf (s, "%s:", route->plate);
      for (guint i = 0; i < route->stops->len; i++)
        {
          const JcDeliveryStop *st = route->stops->pdata[i];

          g_string_append_printf (s, " %s/%d %lld@%lld", st->canteen_code, st->part,
                                  (long long) st->load_g, (long long) st->start_s);
        }
      g_string_append_printf (s, " = %lld m %lld g;", (long long) route->distance_m,
                              (long long) route->load_g);
    }
  g_string_append_printf (s, " unassigned %u", plan->unassigned->len);
  return g_string_free (s, FALSE);
}

/* ---- the plan ----------------------------------------------------------- */

static void
test_build (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcDeliveryPlan) plan = build (f);
  gint64 per_canteen[G_N_ELEMENTS (canteens)] = { 0 };
  gint64 rice_ct04 = 0, total = 0;
  int parts_ct04 = 0, whole_ct04 = 0;

  assert_int_equal (plan->routes->len, 2);
  assert_string_equal (((JcDeliveryRoute *) plan->routes->pdata[0])->plate, "沪A10000");
  assert_int_equal (plan->unassigned->len, 0);
  assert_int_equal (plan->no_mass->len, 1);
  assert_string_equal (plan->no_mass->pdata[0], "V001");
  assert_false (plan->from_matrix);
  assert_int_equal (plan->detour_permille, 1300);
  assert_non_null (plan->saved_at);
  assert_string_equal (plan->saved_by, "tester");

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      gint64 load = 0, dist = 0;

      for (guint i = 0; i < route->stops->len; i++)
        {
          const JcDeliveryStop *st = route->stops->pdata[i];
          gint64 lines_g = 0;
          guint k;

          for (k = 0; k < G_N_ELEMENTS (canteens); k++)
            if (g_str_equal (canteens[k].code, st->canteen_code))
              break;
          assert_true (k < G_N_ELEMENTS (canteens));
          per_canteen[k] += st->load_g;
          /* each part within the vehicle it rides */
          assert_true (st->load_g <= route->capacity_kg * 1000);
          for (guint j = 0; j < st->lines->len; j++)
            {
              const JcDeliveryLine *l = st->lines->pdata[j];

              lines_g += l->mass_g;
              if (g_str_equal (st->canteen_code, "CT04") && g_str_equal (l->item_code, "G001"))
                rice_ct04 += l->qty_milli;
              /* the lines that fit whole travel whole */
              if (g_str_equal (st->canteen_code, "CT04") && !g_str_equal (l->item_code, "G001"))
                {
                  whole_ct04++;
                  assert_int_equal (l->qty_milli, g_str_equal (l->item_code, "M001") ? 101000 : 200000);
                }
            }
          assert_int_equal (lines_g, st->load_g);
          if (g_str_equal (st->canteen_code, "CT04"))
            {
              parts_ct04++;
              assert_int_equal (st->n_parts, 2);
            }
          else
            assert_int_equal (st->n_parts, 1);
          /* inside its window: served not before it opens, not after it closes */
          assert_true (st->start_s >= canteens[k].ws * 60);
          assert_true (st->start_s <= canteens[k].we * 60);
          assert_false (st->late);
          assert_true (st->arrival_s <= st->start_s);
          load += st->load_g;
          dist += st->leg_m;
        }
      assert_int_equal (route->load_g, load);
      assert_int_equal (route->overload_g, 0);
      assert_true (route->distance_m > dist || route->stops->len == 0);
      total += load;
    }
  /* every canteen served, its parts adding up to its load to the gram */
  for (guint k = 0; k < G_N_ELEMENTS (canteens); k++)
    assert_int_equal (per_canteen[k], canteens[k].load_g);
  assert_int_equal (parts_ct04, 2);
  assert_int_equal (rice_ct04, 1100000);
  assert_int_equal (whole_ct04, 2);
  assert_int_equal (total, 1756500);
  assert_int_equal (plan->load_g, 1756500);
  assert_int_equal (plan->n_late, 0);
}

static void
test_great_circle (void **state)
{
  /* Beijing (Tiananmen) – Shanghai (People's Square): about 1,067 km */
  gint64 d = jc_delivery_great_circle_m (39.9042, 116.4074, 31.2304, 121.4737);
  double p1 = 39.9042 * G_PI / 180, p2 = 31.2304 * G_PI / 180, dl = (121.4737 - 116.4074) * G_PI / 180;
  double cosines = acos (sin (p1) * sin (p2) + cos (p1) * cos (p2) * cos (dl)) * 6371008.8;

  (void) state;
  assert_true (llabs (d - 1067000) <= 1067000 / 200);
  assert_true (fabs ((double) d - cosines) < 2.0);
  assert_int_equal (jc_delivery_great_circle_m (31.2, 121.4, 31.2, 121.4), 0);
  /* one degree of latitude: 111.2 km */
  assert_true (llabs (jc_delivery_great_circle_m (0, 0, 1, 0) - 111195) <= 1);
}

static void
test_no_plan (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcRouteOptions o;
  JcDeliveryPlan *plan;

  iter_options (&o, 1);
  plan = jc_delivery_build (f->store, "2026-12-02", &o, "t", NULL, NULL, NULL, &error);
  assert_null (plan);
  assert_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_PLAN);
  assert_contains (error->message, "no locked purchase plan for 2026-12-02");
  assert_contains (error->message, "plan lock");
  g_clear_error (&error);
  plan = jc_delivery_build (f->store, "2026-13-01", &o, "t", NULL, NULL, NULL, &error);
  assert_null (plan);
  assert_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID);
  g_clear_error (&error);
  /* nothing saved: nothing to load */
  assert_null (jc_delivery_load (f->store, "2026-12-02", &error));
  assert_no_error (error);
}

static void
test_save_load_move (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcDeliveryPlan) plan = build (f);
  g_autoptr(JcDeliveryPlan) loaded = NULL;
  g_autoptr(JcDeliveryPlan) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = signature (plan);
  g_autofree char *sig_loaded = NULL;
  g_autofree char *sig_moved = NULL;
  g_autofree char *sig_again = NULL;
  guint from_r = 0, from_i = 0, to_r, others;
  JcDeliveryRoute *to;
  JcDeliveryStop *moved;
  gint64 cap_g;

  loaded = jc_delivery_load (f->store, DATE, &error);
  assert_no_error (error);
  assert_non_null (loaded);
  sig_loaded = signature (loaded);
  assert_string_equal (sig, sig_loaded);
  assert_int_equal (loaded->distance_m, plan->distance_m);
  assert_false (loaded->edited);
  assert_false (loaded->stale);
  assert_string_equal (loaded->saved_by, "tester");

  /* CT03 (window 07:00–07:30) to the end of the fuller route */
  for (guint r = 0; r < loaded->routes->len; r++)
    {
      JcDeliveryRoute *route = loaded->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        if (g_str_equal (((JcDeliveryStop *) route->stops->pdata[i])->canteen_code, "CT03"))
          {
            from_r = r;
            from_i = i;
          }
    }
  to_r = ((JcDeliveryRoute *) loaded->routes->pdata[0])->stops->len >=
         ((JcDeliveryRoute *) loaded->routes->pdata[1])->stops->len ? 0 : 1;
  to = loaded->routes->pdata[to_r];
  others = to->stops->len - (to_r == from_r ? 1 : 0);
  assert_true (others >= 2);  /* two stops of 15 min from 07:00 first */
  moved = ((JcDeliveryRoute *) loaded->routes->pdata[from_r])->stops->pdata[from_i];
  assert_true (jc_delivery_move_stop (loaded, from_r, from_i, to_r, to->stops->len, &error));
  assert_no_error (error);
  assert_true (loaded->edited);
  assert_ptr_equal (to->stops->pdata[to->stops->len - 1], moved);
  assert_true (moved->late);
  assert_true (moved->start_s > 7 * 3600 + 30 * 60);
  assert_true (loaded->n_late >= 1);
  /* the figures follow the stops */
  for (guint r = 0; r < loaded->routes->len; r++)
    {
      JcDeliveryRoute *route = loaded->routes->pdata[r];
      gint64 load = 0;

      for (guint i = 0; i < route->stops->len; i++)
        load += ((JcDeliveryStop *) route->stops->pdata[i])->load_g;
      assert_int_equal (route->load_g, load);
      cap_g = route->capacity_kg * 1000;
      assert_int_equal (route->overload_g, MAX (0, load - cap_g));
    }
  assert_int_equal (loaded->load_g, 1756500);
  /* out of range: refused, nothing moves */
  sig_moved = signature (loaded);
  assert_false (jc_delivery_move_stop (loaded, 5, 0, 0, 0, &error));
  assert_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID);
  g_clear_error (&error);
  assert_false (jc_delivery_move_stop (loaded, 0, 99, 0, 0, &error));
  g_clear_error (&error);
  {
    g_autofree char *still = signature (loaded);

    assert_string_equal (still, sig_moved);
  }
  /* to the unassigned list and back */
  assert_true (jc_delivery_move_stop (loaded, to_r, to->stops->len - 1, loaded->routes->len, 0, &error));
  assert_int_equal (loaded->unassigned->len, 1);
  assert_int_equal (loaded->load_g, 1756500 - 65000);
  assert_true (jc_delivery_move_stop (loaded, loaded->routes->len, 0, to_r, to->stops->len, &error));
  assert_no_error (error);
  {
    g_autofree char *back = signature (loaded);

    assert_string_equal (back, sig_moved);
  }

  /* saved, it comes back as moved */
  assert_true (jc_delivery_save (f->store, loaded, "editor", &error));
  assert_no_error (error);
  again = jc_delivery_load (f->store, DATE, &error);
  assert_no_error (error);
  sig_again = signature (again);
  assert_string_equal (sig_again, sig_moved);
  assert_true (again->edited);
  assert_string_equal (again->saved_by, "editor");
  assert_int_equal (again->n_late, loaded->n_late);
  assert_int_equal (again->distance_m, loaded->distance_m);
  assert_false (again->stale);

  /* the purchase plan unlocked: the saved delivery plan says it is stale */
  assert_true (jc_plan_unlock (f->store, DATE, "staff", "改单", &error));
  assert_no_error (error);
  {
    g_autoptr(JcDeliveryPlan) stale = jc_delivery_load (f->store, DATE, &error);

    assert_no_error (error);
    assert_true (stale->stale);
  }
}

static void
test_deterministic (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDeliveryPlan) a = NULL;
  g_autoptr(JcDeliveryPlan) b = NULL;
  g_autofree char *sa = NULL, *sb = NULL;
  JcRouteOptions o;

  iter_options (&o, 42);
  a = jc_delivery_build (f->store, DATE, &o, "t", NULL, NULL, NULL, &error);
  assert_no_error (error);
  b = jc_delivery_build (f->store, DATE, &o, "t", NULL, NULL, NULL, &error);
  assert_no_error (error);
  sa = signature (a);
  sb = signature (b);
  assert_string_equal (sa, sb);
}

/* ---- the matrix ---------------------------------------------------------- */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_matrix (void **state)
{
  Fixture *f = *state;
  const char *keys[] = { "depot:江桥", "CT01", "CT02", "CT03", "CT04" };
  g_autoptr(GString) csv = g_string_new ("from,to,distance_m,time_s\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autofree char *good = NULL;
  guint n = 0;

  /* distance (i, j) = 1000 × (10 i + j) m, a time only for some */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    for (guint j = 0; j < G_N_ELEMENTS (keys); j++)
      if (i != j)
        {
          if ((i + j) % 2 == 0)
            g_string_append_printf (csv, "%s,%s,%u,\n", keys[i], keys[j], 1000 * (10 * i + j));
          else
            g_string_append_printf (csv, "%s,%s,%u,%u\n", keys[i], keys[j], 1000 * (10 * i + j),
                                    60 * (i + j));
        }
  good = write_file (f, "good.csv", csv->str);
  assert_true (jc_delivery_import_matrix (f->store, good, &n, &error));
  assert_no_error (error);
  assert_int_equal (n, 20);
  assert_int_equal (jc_delivery_count_matrix (f->store, NULL), 20);

  plan = build (f);
  assert_true (plan->from_matrix);
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      guint prev = 0;

      for (guint i = 0; i < route->stops->len; i++)
        {
          const JcDeliveryStop *st = route->stops->pdata[i];
          guint k = (guint) (st->canteen_code[3] - '0');

          /* the leg is the matrix's (two parts of one canteen: 0) */
          assert_int_equal (st->leg_m, prev == k ? 0 : 1000 * (10 * prev + k));
          prev = k;
        }
    }

  /* bad files: the line named, nothing stored (the 20 pairs stay) */
  {
    const struct { const char *name; const char *text; const char *expect; } bad[] = {
      { "unknown.csv", "from,to,distance_m\nCT01,CT02,100\nCT01,CT99,100\n",
        "unknown.csv:3: to: “CT99”" },
      { "negative.csv", "from,to,distance_m\nCT01,CT02,100\nCT02,CT01,-5\n",
        "negative.csv:3: distance_m: “-5” is negative" },
      { "nan.csv", "from,to,distance_m\nCT01,CT02,12km\n",
        "nan.csv:2: distance_m: “12km” is not a whole number" },
      { "column.csv", "from,to,time_s\nCT01,CT02,100\n",
        "column.csv:1: the column “distance_m” is missing" },
      { "dup.csv", "from,to,distance_m\nCT01,CT02,100\nCT02,CT01,100\nCT01,CT02,120\n",
        "dup.csv:4: the pair CT01 → CT02 is already on line 2" },
      { "time.csv", "from,to,distance_m,time_s\nCT01,CT02,100,soon\n",
        "time.csv:2: time_s: “soon”" },
      { "quote.csv", "from,to,distance_m\n\"CT01,CT02,100\n", "quote.csv:" },
      /* what the solver would refuse at every later `deliver`, or what
       * ran the clock into "返回 −12:−52": refused at import */
      { "far.csv", "from,to,distance_m\nCT01,CT02,5000001\n",
        "far.csv:2: distance_m: more than 5000 km (5000000 m)" },
      { "huge.csv", "from,to,distance_m\nCT01,CT02,99999999999999999999\n",
        "huge.csv:2: distance_m: more than 5000 km" },
      { "slow.csv", "from,to,distance_m,time_s\nCT01,CT02,100,172801\n",
        "slow.csv:2: time_s: more than 48 hours (172800 s)" },
      { "ages.csv", "from,to,distance_m,time_s\nCT01,CT02,100,2147483648\n",
        "ages.csv:2: time_s: more than 48 hours" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *path = write_file (f, bad[i].name, bad[i].text);

        assert_false (jc_delivery_import_matrix (f->store, path, &n, &error));
        assert_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID);
        assert_contains (error->message, bad[i].expect);
        g_clear_error (&error);
        assert_int_equal (jc_delivery_count_matrix (f->store, NULL), 20);
      }
  }
  assert_true (jc_delivery_clear_matrix (f->store, &error));
  assert_int_equal (jc_delivery_count_matrix (f->store, NULL), 0);
}

static void
test_detour (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDeliveryPlan) a = build (f);
  g_autoptr(JcDeliveryPlan) b = NULL;
  const JcDeliveryStop *st;

  assert_int_equal (jc_delivery_get_detour_permille (f->store), 1300);
  assert_false (jc_delivery_set_detour_permille (f->store, 999, &error));
  assert_error (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_INVALID);
  g_clear_error (&error);
  assert_true (jc_delivery_set_detour_permille (f->store, 1000, &error));
  /* the saved plan re-evaluated with the new factor: each leg is the
   * great circle itself */
  b = jc_delivery_load (f->store, DATE, &error);
  assert_no_error (error);
  assert_int_equal (b->detour_permille, 1000);
  st = ((JcDeliveryRoute *) b->routes->pdata[0])->stops->pdata[0];
  assert_int_equal (st->leg_m, jc_delivery_great_circle_m (31.255, 121.3345, st->lat, st->lon));
  assert_true (b->distance_m < a->distance_m);
}

static void
test_pdf (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcDeliveryPlan) plan = build (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "d.pdf", NULL);
  g_autofree char *png_base = g_build_filename (f->dir, "page", NULL);
  g_autofree char *png = g_build_filename (f->dir, "page-1.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *n_text = NULL;
  guint pages = jc_delivery_doc_n_pages (plan, JC_DELIVERY_DOC_ALL, 595.2756, 841.8898);
  /* a route sheet per vehicle with stops, a picking list and a note per stop */
  guint min_pages = 2 + 5 + 5;

  assert_true (pages >= min_pages);
  assert_int_equal (jc_delivery_doc_n_pages (plan, JC_DELIVERY_DOC_ROUTE_SHEETS, 595.2756, 841.8898), 2);
  assert_true (jc_delivery_export_pdf (plan, JC_DELIVERY_DOC_ALL, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  /* poppler-utils is in tools/debian-packages.txt: a missing tool is a failure */
  assert_non_null (text);
  assert_contains (text, "沪A10000");
  assert_contains (text, "沪B20000");
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    assert_contains (text, canteens[i].name);
  assert_contains (text, "司机 Driver");
  assert_contains (text, "食堂收货人 Canteen receiver");
  assert_contains (text, "拣货单 Picking list");
  assert_contains (text, "送货单 Delivery note");
  /* the receipt sentence whole, not cut at the page's edge */
  assert_contains (text, "note any difference under Received.");
  assert_contains (text, "load last stop first");
  assert_contains (text, "白条鸡");
  assert_contains (text, "（1/2）");
  n_text = g_strdup_printf ("Page %u of %u", pages, pages);
  assert_contains (text, "Page 1 of");
  assert_contains (text, n_text);
  {
    const char *argv[] = { "pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", pdf, png_base, NULL };
    g_autofree char *out = jc_test_run_tool (argv);
    g_autoptr(GBytes) bytes = NULL;

    assert_non_null (out);
    /* pdftoppm pads the page number to the width of the page count */
    if (!g_file_test (png, G_FILE_TEST_EXISTS))
      {
        g_free (png);
        png = g_build_filename (f->dir, "page-01.png", NULL);
      }
    bytes = jc_test_read (png);
    assert_true (g_bytes_get_size (bytes) > 2000);
    assert_memory_equal (g_bytes_get_data (bytes, NULL), "\x89PNG", 4);
  }
}

/* ---- the command line ----------------------------------------------------- */

static gboolean
cli (Fixture     *f,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JICAI_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL,
                             NULL, out, err, &status, NULL));
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_cli (void **state)
{
  Fixture *f = *state;
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL;
  g_autoptr(cJSON) doc = NULL;
  g_autoptr(cJSON) doc2 = NULL;
  g_autofree char *bad = NULL;
  cJSON *routes, *r, *s;
  gint64 total = 0;
  guint n_stops = 0;

  if (g_getenv ("JICAI_CLI") == NULL)
    {
      print_message ("JICAI_CLI is not set: the command line is not tested\n");
      return;
    }
  assert_true (cli (f, &out, &err, "deliver", "--date", DATE, "--json", "--iterations", "2000",
                    "--seed", "3", NULL));
  doc = cJSON_Parse (out);
  assert_non_null (doc);
  assert_string_equal (cJSON_GetObjectItem (doc, "date")->valuestring, DATE);
  routes = cJSON_GetObjectItem (doc, "routes");
  assert_int_equal (cJSON_GetArraySize (routes), 2);
  cJSON_ArrayForEach (r, routes)
    {
      gint64 load = 0;

      assert_true (cJSON_IsString (cJSON_GetObjectItem (r, "vehicle")));
      cJSON_ArrayForEach (s, cJSON_GetObjectItem (r, "stops"))
        {
          load += (gint64) cJSON_GetObjectItem (s, "load_g")->valuedouble;
          assert_true (cJSON_IsFalse (cJSON_GetObjectItem (s, "late")));
          assert_true (cJSON_GetArraySize (cJSON_GetObjectItem (s, "lines")) > 0);
          n_stops++;
        }
      assert_int_equal ((gint64) cJSON_GetObjectItem (r, "load_g")->valuedouble, load);
      total += load;
    }
  assert_int_equal (n_stops, 5);
  assert_int_equal (total, 1756500);
  assert_int_equal (cJSON_GetArraySize (cJSON_GetObjectItem (doc, "unassigned")), 0);
  assert_true (cJSON_GetObjectItem (doc, "distance_m")->valuedouble > 0);

  /* shown again: the saved plan, the same document but for nothing */
  assert_true (cli (f, &out2, NULL, "deliver", "--date", DATE, "--json", NULL));
  doc2 = cJSON_Parse (out2);
  assert_non_null (doc2);
  assert_true (cJSON_Compare (cJSON_GetObjectItem (doc, "routes"),
                              cJSON_GetObjectItem (doc2, "routes"), TRUE));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* no locked plan: a clear line, exit 1 */
  assert_false (cli (f, &out, &err, "deliver", "--date", "2026-12-05", NULL));
  assert_contains (err, "no locked purchase plan");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a bad matrix: the file and line on stderr */
  bad = write_file (f, "bad.csv", "from,to,distance_m\nCT01,CT02,x\n");
  assert_false (cli (f, &out, &err, "deliver", "matrix", "import", bad, NULL));
  assert_contains (err, "bad.csv:2: distance_m");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the detour factor */
  assert_true (cli (f, &out, &err, "deliver", "--detour", "1.25", NULL));
  assert_int_equal (jc_delivery_get_detour_permille (f->store), 1250);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_false (cli (f, &out, &err, "deliver", "--detour", "0.5", NULL));
  assert_contains (err, "detour");
}

/* Issue 11 item 3: a load counts pieces by their mass in milligrams,
 * rounded once: 3 pieces of 52.5 g are 157.5 g → 158 g (whole grams gave
 * 156 or 159). */
static void
test_piece_mass_load (void **state)
{
  g_autoptr(JcItem) quail = jc_item_new ();
  gint64 g = -1;

  quail->base_unit = JC_BASE_UNIT_PIECE;
  quail->piece_mass_mg = 52500;
  assert_true (_jc_delivery_mass_of (quail, 3000, &g));
  assert_int_equal (g, 158);
  /* 1 kg ordered is 19.048 pieces: 1000.02 g → 1000 */
  assert_true (_jc_delivery_mass_of (quail, 19048, &g));
  assert_int_equal (g, 1000);
  quail->piece_mass_mg = 0;
  assert_false (_jc_delivery_mass_of (quail, 3000, &g));
  assert_int_equal (g, 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_great_circle),
    cmocka_unit_test (test_piece_mass_load),
    cmocka_unit_test_setup_teardown (test_build, setup, teardown),
    cmocka_unit_test_setup_teardown (test_no_plan, setup, teardown),
    cmocka_unit_test_setup_teardown (test_save_load_move, setup, teardown),
    cmocka_unit_test_setup_teardown (test_deterministic, setup, teardown),
    cmocka_unit_test_setup_teardown (test_matrix, setup, teardown),
    cmocka_unit_test_setup_teardown (test_detour, setup, teardown),
    cmocka_unit_test_setup_teardown (test_pdf, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cli, setup, teardown),
  };

  jc_test_store_init ("delivery");
  return cmocka_run_group_tests_name ("delivery", tests, NULL, NULL);
}
