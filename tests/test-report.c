/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly cost review against hand-computed periods built through the
 * real API (orders, lock, purchases, market quotes), and the decomposition
 * against an independent exact computation over random period pairs. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-test-world.h"
#include "jc-master.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-report.h"

typedef JcTestWorld World;

static int
world_setup (void **state)
{
  *state = jc_test_world_new ();
  return 0;
}

static int
world_teardown (void **state)
{
  jc_test_world_free (*state);
  return 0;
}

static gint64
amount (GPtrArray  *list,
        const char *key)
{
  for (guint i = 0; i < list->len; i++)
    {
      JcReportAmount *a = g_ptr_array_index (list, i);

      if (strcmp (a->key, key) == 0)
        return a->fen;
    }
  fail_msg ("no amount for %s", key);
  return -1;
}

static JcReportRow *
row (JcReport   *r,
     const char *code)
{
  for (guint i = 0; i < r->rows->len; i++)
    {
      JcReportRow *x = g_ptr_array_index (r->rows, i);

      if (strcmp (x->item_code, code) == 0)
        return x;
    }
  fail_msg ("no row for %s", code);
  return NULL;
}

#define assert_close(a, b) \
  G_STMT_START { \
    double a_ = (a), b_ = (b); \
    if (fabs (a_ - b_) > 1e-9) \
      fail_msg ("%s = %.12f, expected %.12f", #a, a_, b_); \
  } G_STMT_END

static void
test_month (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, &error);
  const JcReportComparison *y;
  double l, p, ml, mp;

  assert_no_error (error);
  assert_non_null (r);
  assert_int_equal (r->spend_fen, 14100 + 13800 + 4500 + 0);
  assert_int_equal (r->n_days, 3);
  assert_int_equal (r->provisional_days, 1);
  assert_int_equal (r->by_canteen->len, 2);
  assert_int_equal (amount (r->by_canteen, "CT01"), 4600 + 6200 + 4500 + 2600 + 0);
  assert_int_equal (amount (r->by_canteen, "CT02"), 6900 + 3100 + 4500);
  assert_int_equal (r->by_category->len, 4);
  assert_int_equal (amount (r->by_category, "蔬菜"), 14100);
  assert_int_equal (amount (r->by_category, "肉禽蛋"), 13800);
  assert_int_equal (amount (r->by_category, "水产"), 4500);
  assert_int_equal (amount (r->by_category, "豆制品"), 0);
  /* by category position: 蔬菜 1, 肉禽蛋 3, 水产 4, 豆制品 5 */
  assert_string_equal (((JcReportAmount *) r->by_category->pdata[0])->key, "蔬菜");
  assert_string_equal (((JcReportAmount *) r->by_category->pdata[3])->key, "豆制品");

  /* by item */
  assert_int_equal (row (r, "V001")->qty_milli[JC_REPORT_M], 60000);
  assert_int_equal (row (r, "V001")->cost_fen[JC_REPORT_M], 14100);
  assert_int_equal (row (r, "V001")->qty_milli[JC_REPORT_YOY_BASE], 37001);
  assert_int_equal (row (r, "V001")->cost_fen[JC_REPORT_YOY_BASE], 7030);
  assert_int_equal (row (r, "V001")->cost_fen[JC_REPORT_MOM_BASE], 2400);
  assert_int_equal (row (r, "M001")->qty_milli[JC_REPORT_M], 4500);
  assert_int_equal (row (r, "M001")->cost_fen[JC_REPORT_M], 13800);
  assert_true (row (r, "S001")->in[JC_REPORT_M]);
  assert_int_equal (row (r, "S001")->qty_milli[JC_REPORT_M], 0);
  assert_false (row (r, "G001")->in[JC_REPORT_M]);
  assert_int_equal (row (r, "G001")->cost_fen[JC_REPORT_YOY_BASE], 6000);

  /* savings: V001 12500 − 11500, M001 9000 − 9300, A001 0, S001 0 */
  assert_int_equal (r->savings_vs_market_fen, 700);
  assert_int_equal (r->n_savings_lines, 4);

  /* month on month */
  assert_string_equal (r->mom.month, "2026-09");
  assert_true (r->mom.has_base);
  assert_int_equal (r->mom.base_fen, 2400);
  assert_int_equal (r->mom.change_fen, 32400 - 2400);

  /* year on year */
  y = &r->yoy;
  assert_string_equal (y->month, "2025-10");
  assert_true (y->has_base);
  assert_int_equal (y->base_fen, 22630);
  assert_int_equal (y->change_fen, 32400 - 22630);
  /* volume = 7030 × 22999 / 37001 + 9600 × 500 / 4000
   *        = 4369.6919… + 1200 → 5570 */
  assert_int_equal (y->d.volume_effect_fen, 5570);
  assert_int_equal (y->d.price_effect_fen, (14100 + 13800) - (7030 + 9600) - 5570);
  assert_int_equal (y->d.new_fen, 4500);        /* A001, and S001's 0 */
  assert_int_equal (y->d.dropped_fen, -6000);   /* G001 */
  assert_int_equal (y->d.price_effect_fen + y->d.volume_effect_fen + y->d.new_fen +
                    y->d.dropped_fen, y->change_fen);
  assert_int_equal (y->d.n_common, 2);
  assert_true (y->d.has_indices);
  l = (14100.0 / 60000 * 37001 + 13800.0 / 4500 * 4000) / (7030 + 9600);
  p = (14100.0 + 13800) / (7030.0 / 37001 * 60000 + 9600.0 / 4000 * 4500);
  assert_close (y->d.laspeyres, l);
  assert_close (y->d.paasche, p);
  assert_close (y->d.fisher, sqrt (l * p));
  /* market means: V001 (2500 + 2600) / 2 against (2000 + 2200) / 2; M001
   * 30000 against 25000 (the second source's 9999 is not the reference) */
  assert_true (y->has_market);
  ml = (2550.0 * 37001 + 30000.0 * 4000) / (2100.0 * 37001 + 25000.0 * 4000);
  mp = (2550.0 * 60000 + 30000.0 * 4500) / (2100.0 * 60000 + 25000.0 * 4500);
  assert_close (y->market_laspeyres, ml);
  assert_close (y->market_paasche, mp);
  assert_close (y->market_fisher, sqrt (ml * mp));
}

static void
test_canteen (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r2 = jc_report_build (w->store, "2026-10", "CT02", &error);
  g_autoptr(JcReport) r1 = NULL;

  assert_no_error (error);
  assert_int_equal (r2->spend_fen, 6900 + 3100 + 4500);
  assert_int_equal (r2->n_days, 2);
  assert_int_equal (r2->provisional_days, 1);
  assert_int_equal (r2->by_canteen->len, 1);
  assert_int_equal (amount (r2->by_canteen, "CT02"), r2->spend_fen);
  /* V001's 7030 fen by 10:30 → 1757.5 / 5272.5, the tie's fen to CT01;
   * 37001 milli-kg → 9250.25 / 27750.75 → CT02 27751 */
  assert_true (r2->yoy.has_base);
  assert_int_equal (r2->yoy.base_fen, 5272 + 6000);
  assert_int_equal (row (r2, "V001")->qty_milli[JC_REPORT_YOY_BASE], 27751);
  assert_int_equal (row (r2, "V001")->cost_fen[JC_REPORT_YOY_BASE], 5272);
  assert_int_equal (r2->yoy.change_fen, 14500 - 11272);
  assert_int_equal (r2->yoy.d.price_effect_fen + r2->yoy.d.volume_effect_fen +
                    r2->yoy.d.new_fen + r2->yoy.d.dropped_fen, r2->yoy.change_fen);
  assert_false (r2->mom.has_base);    /* CT02 ordered nothing in 2026-09 */
  /* savings: V001 7500 − 6900, M001 3000 − 3100 */
  assert_int_equal (r2->savings_vs_market_fen, 500);

  r1 = jc_report_build (w->store, "2026-10", "CT01", &error);
  assert_no_error (error);
  assert_int_equal (r1->spend_fen + r2->spend_fen, 32400);
  assert_int_equal (r1->savings_vs_market_fen + r2->savings_vs_market_fen, 700);
  assert_int_equal (r1->yoy.base_fen, 1758 + 9600);
  assert_true (r1->mom.has_base);
  assert_int_equal (r1->mom.base_fen, 2400);

  assert_null (jc_report_build (w->store, "2026-10", "CT99", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
}

/* 2026-09 has data, 2025-09 and 2026-08 have none: no yoy, no mom. */
static void
test_no_base (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-09", NULL, &error);

  assert_no_error (error);
  assert_int_equal (r->spend_fen, 2400);
  assert_int_equal (r->provisional_days, 0);
  assert_false (r->yoy.has_base);
  assert_false (r->mom.has_base);
  assert_int_equal (r->savings_vs_market_fen, 10000 * 2500 / 10000 - 2400);
}

/* A month with nothing: spend 0, no days, every base absent or empty. */
static void
test_empty_month (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-07", NULL, &error);
  g_autoptr(JcReport) nov = NULL;

  assert_no_error (error);
  assert_int_equal (r->spend_fen, 0);
  assert_int_equal (r->n_days, 0);
  assert_int_equal (r->provisional_days, 0);
  assert_int_equal (r->by_canteen->len, 0);
  assert_int_equal (r->by_category->len, 0);
  assert_int_equal (r->rows->len, 0);
  assert_false (r->mom.has_base);
  assert_false (r->yoy.has_base);
  assert_int_equal (r->savings_vs_market_fen, 0);

  /* an empty month after one with data: everything dropped */
  nov = jc_report_build (w->store, "2026-11", NULL, &error);
  assert_no_error (error);
  assert_int_equal (nov->spend_fen, 0);
  assert_true (nov->mom.has_base);
  assert_int_equal (nov->mom.base_fen, 32400);
  assert_int_equal (nov->mom.change_fen, -32400);
  assert_int_equal (nov->mom.d.dropped_fen, -32400);
  assert_int_equal (nov->mom.d.volume_effect_fen, 0);
  assert_false (nov->mom.d.has_indices);
}

static void
test_bad_month (void **state)
{
  World *w = *state;
  const char *bad[] = { "2026-13", "2026-00", "2026-1", "202610", "2026-10-01", "", "abcd-ef" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      assert_null (jc_report_build (w->store, bad[i], NULL, &error));
      assert_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID);
    }
}

/* ---- the pure decomposition ----------------------------------------- */

static void
test_decompose_cases (void **state)
{
  JcReportItem p0[] = { { 1, 1000, 3 }, { 2, 500, 1000 }, { 3, 700, 0 } };
  JcReportItem p1[] = { { 2, 600, 1000 }, { 1, 1000, 4 }, { 4, 50, 10 }, { 3, 0, 0 } };
  JcDecomposition d;
  g_autoptr(GError) error = NULL;

  /* 1: 1000 × 1/3 = 333.33; 2: 0 → volume 333; item 3 has q = 0 both
   * times: not common, its 700 is dropped */
  assert_true (jc_report_decompose (p0, 3, p1, 4, &d, &error));
  assert_int_equal (d.volume_effect_fen, 333);
  assert_int_equal (d.price_effect_fen, (1000 + 600) - (1000 + 500) - 333);
  assert_int_equal (d.new_fen, 50);
  assert_int_equal (d.dropped_fen, -700);
  assert_int_equal (d.change_fen, 1650 - 2200);
  assert_int_equal (d.n_common, 2);

  /* halves away from zero: 1 × (3 − 2) / 2 = 0.5 → 1; −0.5 → −1 */
  {
    JcReportItem a[] = { { 1, 1, 2 } };
    JcReportItem b[] = { { 1, 9, 3 } };
    JcReportItem c[] = { { 1, 9, 1 } };

    assert_true (jc_report_decompose (a, 1, b, 1, &d, NULL));
    assert_int_equal (d.volume_effect_fen, 1);
    assert_true (jc_report_decompose (a, 1, c, 1, &d, NULL));
    assert_int_equal (d.volume_effect_fen, -1);
    assert_int_equal (d.price_effect_fen, 9);
  }
  /* nothing at all */
  assert_true (jc_report_decompose (NULL, 0, NULL, 0, &d, NULL));
  assert_int_equal (d.change_fen, 0);
  assert_false (d.has_indices);
  /* a repeated id is summed */
  {
    JcReportItem a[] = { { 7, 100, 10 }, { 7, 100, 10 } };
    JcReportItem b[] = { { 7, 300, 30 } };

    assert_true (jc_report_decompose (a, 2, b, 1, &d, NULL));
    assert_int_equal (d.volume_effect_fen, 100);   /* 200 × 10 / 20 */
    assert_int_equal (d.price_effect_fen, 0);
    assert_close (d.laspeyres, 1.0);
  }
}

/* round half away from zero of n / d, d > 0, independently */
static gint64
round_ref (__int128 n,
           __int128 d)
{
  __int128 a = n < 0 ? -n : n;
  __int128 q = a / d;
  __int128 r = a % d;

  if (2 * r >= d)
    q++;
  return (gint64) (n < 0 ? -q : q);
}

static void
test_decompose_property (void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);

  for (guint iter = 0; iter < 5000; iter++)
    {
      JcReportItem p0[8], p1[8];
      guint n0 = 0, n1 = 0;
      __int128 num = 0, den = 1, sum0 = 0, sum1 = 0;
      JcDecomposition d;
      g_autoptr(GError) error = NULL;

      /* ids 1..6; each in p0, p1, both or neither; ≤ 4 common ones with
       * q0 ≤ 10^4, so Π q0 and the numerators fit 128 bits */
      for (gint64 id = 1; id <= 6; id++)
        {
          int where = g_rand_int_range (rand, 0, 4);
          gboolean zero0 = g_rand_int_range (rand, 0, 10) == 0;
          gboolean zero1 = g_rand_int_range (rand, 0, 10) == 0;
          JcReportItem a = { id, g_rand_int_range (rand, 0, 1000000),
                             zero0 ? 0 : g_rand_int_range (rand, 1, 10001) };
          JcReportItem b = { id, g_rand_int_range (rand, 0, 1000000),
                             zero1 ? 0 : g_rand_int_range (rand, 1, 10001) };

          if (where & 1)
            {
              p0[n0++] = a;
              sum0 += a.cost_fen;
            }
          if (where & 2)
            {
              p1[n1++] = b;
              sum1 += b.cost_fen;
            }
          if (where == 3 && a.qty_milli > 0 && b.qty_milli > 0)
            {
              /* num/den + c0 (q1 − q0) / q0 */
              num = num * a.qty_milli + (__int128) a.cost_fen * (b.qty_milli - a.qty_milli) * den;
              den *= a.qty_milli;
            }
        }
      assert_true (jc_report_decompose (p0, n0, p1, n1, &d, &error));
      assert_no_error (error);
      assert_int_equal (d.change_fen, (gint64) (sum1 - sum0));
      assert_int_equal (d.price_effect_fen + d.volume_effect_fen + d.new_fen + d.dropped_fen,
                        (gint64) (sum1 - sum0));
      assert_int_equal (d.volume_effect_fen, round_ref (num, den));
      assert_true (d.new_fen >= 0);
      assert_true (d.dropped_fen <= 0);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_month),
    cmocka_unit_test (test_canteen),
    cmocka_unit_test (test_no_base),
    cmocka_unit_test (test_empty_month),
    cmocka_unit_test (test_bad_month),
  };
  const struct CMUnitTest pure[] = {
    cmocka_unit_test (test_decompose_cases),
    cmocka_unit_test (test_decompose_property),
  };
  int failed;

  jc_test_store_init ("report");
  failed = cmocka_run_group_tests_name ("report", tests, world_setup, world_teardown);

  return failed + cmocka_run_group_tests_name ("decompose", pure, NULL, NULL);
}
