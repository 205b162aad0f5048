/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The purchase plan and the allocation, against hand-computed cases. */
#include "config.h"

#include "jc-test-store.h"
#include <string.h>

#include "jc-test-util.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-plan-doc.h"
#include "jc-prices.h"
#include "jc-report.h"

static JcPlanLine
line (gint64 demand,
      int    loss,
      gint64 pack)
{
  JcPlanLine l = { 0 };

  l.demand_milli = demand;
  l.loss_permille = loss;
  l.pack_milli = pack;
  return l;
}

static void
test_gross_half_up (void **state)
{
  JcPlanLine l;

  l = line (1000, 5, 0);
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 1005);
  assert_int_equal (l.purchase_milli, 1005);
  assert_int_equal (l.packs, -1);

  l = line (500, 1, 0);     /* 500.5 → 501 */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 501);
  l = line (499, 1, 0);     /* 499.499 → 499 */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 499);
  l = line (1500, 999, 0);  /* 2998.5 → 2999 */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 2999);
  l = line (0, 100, 0);
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 0);
  l = line (12345, 0, 0);
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 12345);
}

static void
test_packs (void **state)
{
  JcPlanLine l;

  l = line (25000, 0, 25000);   /* exactly one pack */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.packs, 1);
  assert_int_equal (l.purchase_milli, 25000);
  l = line (25001, 0, 25000);   /* just above: two */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.packs, 2);
  assert_int_equal (l.purchase_milli, 50000);
  l = line (24876, 5, 25000);   /* 24876 × 1.005 = 25000.38 → 25000: one */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.gross_milli, 25000);
  assert_int_equal (l.packs, 1);
  l = line (24877, 5, 25000);   /* 25001.385 → 25001: two */
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.packs, 2);
  l = line (0, 0, 25000);
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.packs, 0);
  assert_int_equal (l.purchase_milli, 0);
}

static void
test_cost (void **state)
{
  JcPlanLine l = line (10000, 100, 0);

  /* 11 kg at 6.400 元/kg = 70.40 元 */
  l.has_price = TRUE;
  l.price_milliyuan = 6400;
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.cost_fen, 7040);
  /* half a fen rounds up: 1 milli-kg at 5 元 = 0.5 fen → 1 */
  l = line (1, 0, 0);
  l.has_price = TRUE;
  l.price_milliyuan = 5000;
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.cost_fen, 1);
  /* no price: no cost */
  l = line (1000, 0, 0);
  assert_true (jc_plan_line_compute (&l, NULL));
  assert_int_equal (l.cost_fen, 0);
}

static void
test_allocation_cases (void **state)
{
  const char *keys[] = { "CT01", "CT02", "CT03" };
  gint64 w[] = { 1, 1, 1 };
  gint64 s[3];

  /* 100 fen over three equal canteens: 34 33 33, the tie to CT01 */
  assert_true (jc_allocate (100, w, keys, 3, s, NULL));
  assert_int_equal (s[0], 34);
  assert_int_equal (s[1], 33);
  assert_int_equal (s[2], 33);
  /* tie order follows the code, not the position */
  {
    const char *rev[] = { "CT03", "CT02", "CT01" };

    assert_true (jc_allocate (100, w, rev, 3, s, NULL));
    assert_int_equal (s[0], 33);
    assert_int_equal (s[2], 34);
  }
  /* one canteen ordering zero pays nothing */
  {
    gint64 w2[] = { 3000, 0, 1000 };

    assert_true (jc_allocate (101, w2, keys, 3, s, NULL));
    assert_int_equal (s[1], 0);
    assert_int_equal (s[0], 76);   /* 75.75 → 75 + the remainder */
    assert_int_equal (s[2], 25);   /* 25.25 */
  }
  /* all zero */
  {
    gint64 w3[] = { 0, 0, 0 };

    assert_true (jc_allocate (0, w3, keys, 3, s, NULL));
    assert_int_equal (s[0] + s[1] + s[2], 0);
  }
  /* largest remainder, not the largest share: 10 fen by 1:2:3 =
   * 1.67 3.33 5.00 → floors 1 3 5, the one fen left to CT01 (.67) */
  {
    gint64 w4[] = { 1, 2, 3 };

    assert_true (jc_allocate (10, w4, keys, 3, s, NULL));
    assert_int_equal (s[0], 2);
    assert_int_equal (s[1], 3);
    assert_int_equal (s[2], 5);
  }
  /* equal remainders: by code.  10 fen by 1:1:4 = 1.67 1.67 6.67 → 2 2 6 */
  {
    gint64 w5[] = { 1, 1, 4 };

    assert_true (jc_allocate (10, w5, keys, 3, s, NULL));
    assert_int_equal (s[0], 2);
    assert_int_equal (s[1], 2);
    assert_int_equal (s[2], 6);
  }
}

/* Σ shares = cost to the fen and every share within 1 fen of its exact
 * share, over thousands of random plans. */
static void
test_allocation_property (void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);

  for (int round = 0; round < 5000; round++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 40);
      g_autofree gint64 *w = g_new (gint64, n);
      g_autofree gint64 *s = g_new (gint64, n);
      g_autofree char **keys = g_new0 (char *, n + 1);
      gint64 total = g_rand_int_range (rand, 0, 2000000);
      __int128 sum_w = 0;
      gint64 sum_s = 0;

      for (guint i = 0; i < n; i++)
        {
          w[i] = g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 1, 500000);
          sum_w += w[i];
          keys[i] = g_strdup_printf ("C%04u", g_rand_int_range (rand, 0, 9999));
        }
      if (sum_w == 0)
        {
          w[0] = 1;
          sum_w = 1;
        }
      assert_true (jc_allocate (total, w, (const char **) keys, n, s, NULL));
      for (guint i = 0; i < n; i++)
        {
          __int128 exact_num = (__int128) total * w[i];   /* exact share × sum_w */
          __int128 lo = (__int128) (s[i] - 1) * sum_w;
          __int128 hi = (__int128) (s[i] + 1) * sum_w;

          sum_s += s[i];
          assert_true (exact_num > lo && exact_num < hi);
          assert_true (s[i] >= 0);
        }
      assert_int_equal (sum_s, total);
      for (guint i = 0; i < n; i++)
        g_free (keys[i]);
    }
}

/* The whole plan from a store: drafts are left out, shares add up. */
static void
test_plan_from_store (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcItem) rice = jc_item_new ();
  g_autoptr(JcItem) cabbage = jc_item_new ();
  g_autoptr(JcItem) fish = jc_item_new ();
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "CT01", "CT02", "CT03" };
  JcPutResult put;

  rice->code = g_strdup ("G001");
  rice->name = g_strdup ("大米");
  rice->category = g_strdup ("grain");
  rice->pack_milli = 25000;
  cabbage->code = g_strdup ("V001");
  cabbage->name = g_strdup ("大白菜");
  cabbage->category = g_strdup ("veg");
  cabbage->loss_permille = 100;
  fish->code = g_strdup ("A001");
  fish->name = g_strdup ("草鱼");
  fish->category = g_strdup ("aquatic");
  assert_true (jc_store_insert_item (store, rice, NULL));
  assert_true (jc_store_insert_item (store, cabbage, NULL));
  assert_true (jc_store_insert_item (store, fish, NULL));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (codes[i]);
      c->name = g_strdup ("食堂");
      c->lat = 31.2;
      c->lon = 121.4;
      assert_true (jc_store_insert_canteen (store, c, NULL));
    }
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_strdup ("file:///dev/null");
  assert_true (jc_store_insert_source (store, src, NULL));
  {
    /* Friday's: stale for Tuesday's plan, made on Monday's market */
    JcPriceQuote r = { "大米", "", "", "", "斤", "2026-11-27", 2000, 2000, 2000 };
    JcPriceQuote c = { "大白菜", "", "", "", "斤", "2026-12-01", 600, 640, 700 };

    assert_true (jc_price_put_quote (store, src->id, 0, &r, rice, &put, NULL));
    assert_true (jc_price_put_quote (store, src->id, 0, &c, cabbage, &put, NULL));
  }
  /* CT01 30 kg rice + 10 kg cabbage; CT02 10 kg cabbage + 5 kg fish;
   * CT03 a draft (left out) */
  {
    struct { const char *canteen; JcItem *item; const char *qty; JcOrderSaveFlags f; } lines[] = {
      { "CT01", rice, "30", JC_ORDER_SAVE_SUBMIT },
      { "CT01", cabbage, "10", JC_ORDER_SAVE_SUBMIT },
      { "CT02", cabbage, "10", JC_ORDER_SAVE_SUBMIT },
      { "CT02", fish, "5", JC_ORDER_SAVE_SUBMIT },
      { "CT03", cabbage, "99", 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      {
        g_autoptr(JcOrder) o = jc_store_get_order (store, lines[i].canteen, "2026-12-01", NULL);

        g_ptr_array_add (o->lines, jc_order_line_parse (lines[i].item, lines[i].qty, "kg", "", NULL));
        assert_true (jc_orders_save (store, o, lines[i].f, "t", NULL, now, &error));
      }
  }

  plan = jc_plan_build (store, "2026-12-01", 7, &error);
  assert_no_error (error);
  assert_int_equal (plan->lines->len, 3);
  assert_int_equal (plan->n_canteens, 2);
  {
    JcPlanLine *veg = plan->lines->pdata[0];     /* 蔬菜 first */
    JcPlanLine *fishl = plan->lines->pdata[1];   /* 水产 */
    JcPlanLine *ricel = plan->lines->pdata[2];   /* 粮油 */

    assert_string_equal (veg->item_code, "V001");
    assert_int_equal (veg->demand_milli, 20000);
    assert_int_equal (veg->gross_milli, 22000);
    assert_int_equal (veg->price_milliyuan, 1280);
    assert_false (veg->stale);
    assert_int_equal (veg->cost_fen, 2816);       /* 22 kg × 1.28 元 */
    assert_int_equal (veg->shares->len, 2);
    assert_int_equal (g_array_index (veg->shares, JcPlanShare, 0).share_fen, 1408);
    assert_int_equal (g_array_index (veg->shares, JcPlanShare, 1).share_fen, 1408);

    assert_string_equal (fishl->item_code, "A001");
    assert_false (fishl->has_price);
    assert_int_equal (fishl->cost_fen, 0);

    assert_int_equal (ricel->packs, 2);
    assert_int_equal (ricel->purchase_milli, 50000);
    assert_true (ricel->stale);
    assert_string_equal (ricel->price_date, "2026-11-27");
    assert_int_equal (ricel->cost_fen, 20000);    /* 50 kg × 4 元 */
    assert_int_equal (g_array_index (ricel->shares, JcPlanShare, 0).share_fen, 20000);
  }
  assert_int_equal (plan->total_cost_fen, 2816 + 20000);
  assert_int_equal (plan->no_price->len, 1);
  assert_string_equal (plan->no_price->pdata[0], "A001");
  assert_int_equal (plan->n_stale, 1);
  assert_int_equal (plan->status, JC_PLAN_OPEN);

  /* lock: the orders freeze and the plan is kept as it was */
  assert_false (jc_plan_record_purchase (store, "2026-12-01", "V001", 22000, 1300, "t", "", &error));
  assert_contains (error->message, "not locked");
  g_clear_error (&error);
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_no_error (error);
  assert_false (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_contains (error->message, "already locked");
  g_clear_error (&error);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT01", "2026-12-01", NULL);
    g_autoptr(JcPlan) locked = NULL;
    JcPlanLine *veg;

    assert_int_equal (o->status, JC_ORDER_LOCKED);
    /* an amendment after lock does not move the locked plan */
    ((JcOrderLine *) o->lines->pdata[1])->qty_milli = 99000;
    assert_true (jc_orders_save (store, o, 0, "staff", "加餐", now, &error));
    locked = jc_plan_load (store, "2026-12-01", 7, &error);
    assert_no_error (error);
    assert_int_equal (locked->status, JC_PLAN_LOCKED);
    assert_int_equal (locked->n_canteens, 2);
    assert_string_equal (locked->locked_by, "staff");
    assert_int_equal (locked->total_cost_fen, 2816 + 20000);
    veg = jc_plan_find_line (locked, "V001");
    assert_int_equal (veg->demand_milli, 20000);
    assert_int_equal (g_array_index (veg->shares, JcPlanShare, 0).share_fen, 1408);
    assert_int_equal (locked->no_price->len, 1);
    assert_int_equal (locked->n_stale, 1);
  }

  /* actual purchases: the canteens share what was really paid */
  assert_true (jc_plan_record_purchase (store, "2026-12-01", "V001", 21500, 1301, "staff", "", &error));
  assert_false (jc_plan_record_purchase (store, "2026-12-01", "X999", 1, 1, "staff", "", &error));
  assert_contains (error->message, "X999");
  g_clear_error (&error);
  {
    g_autoptr(JcPlan) actual = jc_plan_load (store, "2026-12-01", 7, &error);
    JcPlanLine *veg = jc_plan_find_line (actual, "V001");

    assert_true (veg->has_actual);
    /* 21.5 kg × 1.301 元 = 27.9715 元 → 2797 fen, shared 1399 / 1398 */
    assert_int_equal (veg->actual_cost_fen, 2797);
    assert_int_equal (g_array_index (veg->shares, JcPlanShare, 0).share_fen, 1399);
    assert_int_equal (g_array_index (veg->shares, JcPlanShare, 1).share_fen, 1398);
    assert_int_equal (actual->actual_total_fen, 2797 + 20000);
    assert_int_equal (actual->n_actual, 1);
  }

  /* unlock: needs a reason, and not once purchases are recorded */
  assert_false (jc_plan_unlock (store, "2026-12-01", "staff", "", &error));
  g_clear_error (&error);
  assert_false (jc_plan_unlock (store, "2026-12-01", "staff", "计划有误", &error));
  assert_contains (error->message, "Purchases are recorded");
  g_clear_error (&error);

  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

/* Lock, unlock with a reason, lock again: the orders follow. */
static void
test_unlock (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcItem) item = jc_item_new ();
  g_autoptr(JcCanteen) c = jc_canteen_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrder) o = NULL;

  item->code = g_strdup ("V001");
  item->name = g_strdup ("大白菜");
  item->category = g_strdup ("veg");
  assert_true (jc_store_insert_item (store, item, NULL));
  c->code = g_strdup ("CT01");
  c->name = g_strdup ("食堂");
  c->lat = 31.2;
  c->lon = 121.4;
  assert_true (jc_store_insert_canteen (store, c, NULL));

  assert_false (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_contains (error->message, "no submitted orders");
  g_clear_error (&error);

  o = jc_store_get_order (store, "CT01", "2026-12-01", NULL);
  g_ptr_array_add (o->lines, jc_order_line_parse (item, "5", "kg", "", NULL));
  assert_true (jc_orders_save (store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, NULL));
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_true (jc_plan_unlock (store, "2026-12-01", "staff", "订单有误", &error));
  assert_no_error (error);
  g_clear_pointer (&o, jc_order_free);
  o = jc_store_get_order (store, "CT01", "2026-12-01", NULL);
  assert_int_equal (o->status, JC_ORDER_SUBMITTED);
  assert_false (jc_plan_unlock (store, "2026-12-01", "staff", "again", &error));
  assert_contains (error->message, "not locked");
  g_clear_error (&error);
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

static gint64
share_of (const JcPlanLine *l,
          const char       *canteen)
{
  for (guint k = 0; k < l->shares->len; k++)
    {
      const JcPlanShare *sh = &g_array_index (l->shares, JcPlanShare, k);

      if (g_str_equal (sh->canteen_code, canteen))
        return sh->qty_milli;
    }
  return 0;
}

static gboolean
submit_late (JcStore      *store,
             const JcItem *item,
             const char   *canteen,
             const char   *qty,
             const char   *reason,
             GError      **error)
{
  g_autoptr(GDateTime) late = g_date_time_new_local (2026, 11, 30, 16, 0, 0);
  g_autoptr(JcOrder) o = jc_store_get_order (store, canteen, "2026-12-01", NULL);

  g_ptr_array_set_size (o->lines, 0);
  g_ptr_array_add (o->lines, jc_order_line_parse (item, qty, "kg", "", NULL));
  return jc_orders_save (store, o, JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE, "staff",
                              reason, late, error);
}

/* Orders accepted after the lock: refused without a reason, kept out of
 * the locked plan until procurement reopens it, buys them as a
 * supplementary purchase (priced like the plan, shared to the late canteen,
 * on its statement) or declines them with a reason the canteen sees. */
static void
test_late_orders (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcItem) cabbage = jc_item_new ();
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  const char *codes[] = { "CT01", "CT02", "CT03", "CT04" };
  JcPutResult put;
  guint n = 0;

  cabbage->code = g_strdup ("V001");
  cabbage->name = g_strdup ("大白菜");
  cabbage->category = g_strdup ("veg");
  cabbage->loss_permille = 100;
  assert_true (jc_store_insert_item (store, cabbage, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (codes[i]);
      c->name = g_strdup_printf ("食堂%u", i + 1);
      c->lat = 31.2;
      c->lon = 121.4;
      c->active = i < 3;   /* CT04 is closed */
      assert_true (jc_store_insert_canteen (store, c, NULL));
    }
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_strdup ("file:///dev/null");
  assert_true (jc_store_insert_source (store, src, NULL));
  {
    JcPriceQuote q = { "大白菜", "", "", "", "斤", "2026-12-01", 600, 640, 700 };

    assert_true (jc_price_put_quote (store, src->id, 0, &q, cabbage, &put, NULL));
  }
  /* CT01 submits 10 kg; CT02 keeps a draft; CT03 has no order */
  {
    g_autoptr(JcOrder) a = jc_store_get_order (store, "CT01", "2026-12-01", NULL);
    g_autoptr(JcOrder) b = jc_store_get_order (store, "CT02", "2026-12-01", NULL);

    g_ptr_array_add (a->lines, jc_order_line_parse (cabbage, "10", "kg", "", NULL));
    assert_true (jc_orders_save (store, a, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, NULL));
    g_ptr_array_add (b->lines, jc_order_line_parse (cabbage, "3", "kg", "", NULL));
    assert_true (jc_orders_save (store, b, 0, "t", NULL, now, NULL));
  }

  /* who is not in: the draft and the canteen with no order, not the closed one */
  missing = jc_orders_missing_canteens (store, "2026-12-01", &error);
  assert_no_error (error);
  assert_int_equal (missing->len, 2);
  assert_string_equal (((JcBoardRow *) missing->pdata[0])->canteen_code, "CT02");
  assert_int_equal (((JcBoardRow *) missing->pdata[0])->status, JC_ORDER_DRAFT);
  assert_string_equal (((JcBoardRow *) missing->pdata[1])->canteen_code, "CT03");
  assert_int_equal (((JcBoardRow *) missing->pdata[1])->status, JC_ORDER_NOT_STARTED);
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_no_error (error);

  /* a late order for the locked date: refused without a reason, nothing kept */
  assert_false (submit_late (store, cabbage, "CT03", "5", NULL, &error));
  assert_true (g_error_matches (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED));
  assert_contains (error->message, "reason");
  g_clear_error (&error);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT03", "2026-12-01", NULL);

    assert_int_equal (o->id, 0);
  }
  /* with a reason: submitted, late, not in the locked plan */
  assert_true (submit_late (store, cabbage, "CT03", "5", "来客接待", &error));
  assert_no_error (error);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT03", "2026-12-01", NULL);
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, NULL);

    assert_int_equal (o->status, JC_ORDER_SUBMITTED);
    assert_true (o->late);
    assert_int_equal (o->after_lock, JC_ORDER_AFTER_LOCK_PENDING);
    assert_false (jc_order_in_locked_plan (o));
    assert_int_equal (plan->lines->len, 1);
    assert_int_equal (share_of (plan->lines->pdata[0], "CT03"), 0);
  }
  pending = jc_orders_list_pending_late (store, "2026-12-01", &error);
  assert_no_error (error);
  assert_int_equal (pending->len, 1);
  assert_string_equal (((JcOrder *) pending->pdata[0])->canteen_code, "CT03");
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* (b) supplementary purchase: 5 kg → 5.5 kg gross at the plan's 1.28 元/kg */
  assert_false (jc_plan_supplement (store, "2026-12-01", "CT01", "staff", "", &n, &error));
  assert_contains (error->message, "no late order");
  g_clear_error (&error);
  assert_true (jc_plan_supplement (store, "2026-12-01", "CT03", "staff", "补单", &n, &error));
  assert_no_error (error);
  assert_int_equal (n, 1);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT03", "2026-12-01", NULL);
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, &error);
    g_autoptr(JcStatement) st = jc_statement_build (store, "CT03", "2026-12", &error);
    JcPlanLine *sup;

    assert_no_error (error);
    assert_int_equal (o->status, JC_ORDER_LOCKED);
    assert_int_equal (o->after_lock, JC_ORDER_AFTER_LOCK_SUPPLEMENTED);
    assert_true (jc_order_in_locked_plan (o));
    assert_int_equal (plan->lines->len, 2);
    assert_int_equal (plan->n_supplements, 1);
    assert_int_equal (((JcPlanLine *) plan->lines->pdata[0])->supplement_id, 0);
    sup = plan->lines->pdata[1];
    assert_true (sup->supplement_id > 0);
    assert_int_equal (sup->demand_milli, 5000);
    assert_int_equal (sup->gross_milli, 5500);
    assert_int_equal (sup->price_milliyuan, 1280);
    assert_int_equal (sup->cost_fen, 704);          /* 5.5 kg × 1.28 元 */
    assert_int_equal (sup->shares->len, 1);
    assert_int_equal (share_of (sup, "CT03"), 5000);
    assert_int_equal (plan->total_cost_fen, 1408 + 704);
    assert_int_equal (plan->n_canteens, 2);
    assert_int_equal (st->total_fen, 704);
  }

  /* (c) decline: needs a reason; the canteen sees it; nothing delivered */
  assert_true (submit_late (store, cabbage, "CT02", "3", "电话补报", &error));
  assert_false (jc_orders_decline (store, "2026-12-01", "CT02", "staff", "  ", &error));
  assert_contains (error->message, "reason");
  g_clear_error (&error);
  assert_true (jc_orders_decline (store, "2026-12-01", "CT02", "staff", "车辆已满", &error));
  assert_no_error (error);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT02", "2026-12-01", NULL);
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, NULL);
    g_autoptr(JcStatement) st = jc_statement_build (store, "CT02", "2026-12", NULL);

    assert_int_equal (o->after_lock, JC_ORDER_AFTER_LOCK_DECLINED);
    assert_string_equal (o->decline_reason, "车辆已满");
    assert_false (jc_order_in_locked_plan (o));
    for (guint i = 0; i < plan->lines->len; i++)
      assert_int_equal (share_of (plan->lines->pdata[i], "CT02"), 0);
    assert_int_equal (st->total_fen, 0);
  }
  assert_false (jc_orders_decline (store, "2026-12-01", "CT02", "staff", "again", &error));
  g_clear_error (&error);

  /* (a) reopen: the plan is rebuilt from every order but the declined one */
  assert_true (jc_plan_unlock (store, "2026-12-01", "staff", "重新汇总", &error));
  assert_no_error (error);
  {
    g_autoptr(JcOrder) o = jc_store_get_order (store, "CT03", "2026-12-01", NULL);

    assert_int_equal (o->status, JC_ORDER_SUBMITTED);
    assert_int_equal (o->after_lock, JC_ORDER_AFTER_LOCK_NONE);
  }
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  {
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, NULL);
    g_autoptr(JcOrder) declined = jc_store_get_order (store, "CT02", "2026-12-01", NULL);

    assert_int_equal (plan->lines->len, 1);
    assert_int_equal (plan->n_supplements, 0);
    assert_int_equal (((JcPlanLine *) plan->lines->pdata[0])->demand_milli, 15000);
    assert_int_equal (share_of (plan->lines->pdata[0], "CT02"), 0);
    assert_int_equal (declined->after_lock, JC_ORDER_AFTER_LOCK_DECLINED);
  }

  /* once a purchase is recorded (here a supplementary one), no reopening */
  assert_true (submit_late (store, cabbage, "CT02", "4", "再次补报", &error));
  assert_true (jc_plan_supplement (store, "2026-12-01", "CT02", "staff", NULL, &n, &error));
  {
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, NULL);
    JcPlanLine *sup = plan->lines->pdata[1];

    assert_true (jc_plan_record_supplement_purchase (store, "2026-12-01", sup->supplement_id,
                                                     4400, 1300, "staff", "", &error));
    assert_no_error (error);
  }
  {
    g_autoptr(JcPlan) plan = jc_plan_load (store, "2026-12-01", 7, NULL);
    JcPlanLine *sup = plan->lines->pdata[1];

    assert_true (sup->has_actual);
    assert_int_equal (sup->actual_cost_fen, 572);   /* 4.4 kg × 1.30 元 */
    assert_int_equal (g_array_index (sup->shares, JcPlanShare, 0).share_fen, 572);
  }
  assert_false (jc_plan_unlock (store, "2026-12-01", "staff", "重新汇总", &error));
  assert_contains (error->message, "Purchases are recorded");
  g_clear_error (&error);

  /* the monthly review counts the supplementary purchase, charged to CT02:
   * 15 kg → 16.5 kg × 1.28 元 planned, and 4.4 kg × 1.30 元 bought */
  {
    g_autoptr(JcReport) all = jc_report_build (store, "2026-12", NULL, &error);
    g_autoptr(JcReport) ct02 = NULL;
    gint64 ct02_fen = -1;

    assert_no_error (error);
    assert_int_equal (all->spend_fen, 2112 + 572);
    for (guint i = 0; i < all->by_canteen->len; i++)
      {
        JcReportAmount *a = all->by_canteen->pdata[i];

        if (g_str_equal (a->key, "CT02"))
          ct02_fen = a->fen;
      }
    assert_int_equal (ct02_fen, 572);
    ct02 = jc_report_build (store, "2026-12", "CT02", &error);
    assert_no_error (error);
    assert_int_equal (ct02->spend_fen, 572);
  }

  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

/* Issue 11 item 4: an order line of 0 left in a database from before every
 * entry refused one makes no plan line, so nothing can be bought on it. */
static void
test_zero_line_left_out (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcItem) cabbage = jc_item_new ();
  g_autoptr(JcItem) egg = jc_item_new ();
  g_autoptr(JcCanteen) c = jc_canteen_new ();
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrder) o = NULL;
  g_autoptr(JcPlan) plan = NULL;

  cabbage->code = g_strdup ("V001");
  cabbage->name = g_strdup ("大白菜");
  cabbage->category = g_strdup ("veg");
  egg->code = g_strdup ("E001");
  egg->name = g_strdup ("鸡蛋");
  egg->category = g_strdup ("veg");
  assert_true (jc_store_insert_item (store, cabbage, NULL));
  assert_true (jc_store_insert_item (store, egg, NULL));
  c->code = g_strdup ("CT01");
  c->name = g_strdup ("食堂");
  c->lat = 31.2;
  c->lon = 121.4;
  assert_true (jc_store_insert_canteen (store, c, NULL));
  o = jc_store_get_order (store, "CT01", "2026-12-01", NULL);
  g_ptr_array_add (o->lines, jc_order_line_parse (cabbage, "5", "kg", "", NULL));
  g_ptr_array_add (o->lines, jc_order_line_parse (egg, "0.5", "kg", "", NULL));
  assert_true (jc_orders_save (store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, NULL));
  /* what 0.125 g imported as before the fix */
  assert_int_equal (jc_test_db_exec (path, "UPDATE order_lines SET qty_milli = 0 WHERE item_id = "
                                           "(SELECT id FROM items WHERE code = 'E001')"), 1);

  plan = jc_plan_build (store, "2026-12-01", 7, &error);
  assert_no_error (error);
  assert_int_equal (plan->lines->len, 1);
  assert_null (jc_plan_find_line (plan, "E001"));
  assert_true (jc_plan_lock (store, "2026-12-01", 7, "staff", &error));
  assert_no_error (error);
  assert_false (jc_plan_record_purchase (store, "2026-12-01", "E001", 5000, 10750, "staff", "",
                                         &error));
  assert_contains (error->message, "not in the plan");
  g_clear_error (&error);
  assert_true (jc_plan_record_purchase (store, "2026-12-01", "V001", 5000, 1000, "staff", "",
                                        &error));
  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_gross_half_up),
    cmocka_unit_test (test_packs),
    cmocka_unit_test (test_cost),
    cmocka_unit_test (test_allocation_cases),
    cmocka_unit_test (test_allocation_property),
    cmocka_unit_test (test_plan_from_store),
    cmocka_unit_test (test_unlock),
    cmocka_unit_test (test_late_orders),
    cmocka_unit_test (test_zero_line_left_out),
  };

  jc_test_store_init ("plan");
  return cmocka_run_group_tests_name ("plan", tests, NULL, NULL);
}
