/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Units, conversion and rounding: exact integers, half up, overflow refused. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-units.h"
#include "jc-error.h"

static const JcItemUnits kg_item = { JC_BASE_UNIT_KG, 0, 0 };
static const JcItemUnits kg_pack_item = { JC_BASE_UNIT_KG, 15000, 0 };      /* 15 kg box */
static const JcItemUnits egg_item = { JC_BASE_UNIT_PIECE, 0, 55000 };       /* 55 g each */
static const JcItemUnits litre_item = { JC_BASE_UNIT_L, 5000, 0 };          /* 5 L drum */

static gint64
to_base (const JcItemUnits *item,
         const char        *unit,
         gint64             qty_milli)
{
  g_autoptr(GError) error = NULL;
  JcUnitFactor f;
  gint64 out = 0;

  assert_true (jc_unit_resolve (item, unit, &f, &error));
  assert_no_error (error);
  assert_true (jc_qty_to_base (qty_milli, &f, &out, &error));
  return out;
}

static void
test_mass_units (void **state)
{
  assert_int_equal (to_base (&kg_item, "斤", 1000), 500);
  assert_int_equal (to_base (&kg_item, "两", 1000), 50);
  assert_int_equal (to_base (&kg_item, "g", 1000), 1);
  assert_int_equal (to_base (&kg_item, "克", 250000), 250);
  assert_int_equal (to_base (&kg_item, "kg", 1234), 1234);
  assert_int_equal (to_base (&kg_item, "公斤", 2000), 2000);
  assert_int_equal (to_base (&kg_item, "千克", 2000), 2000);
  assert_int_equal (to_base (&kg_item, "吨", 1500), 1500000);
  assert_int_equal (to_base (&kg_item, "", 700), 700);
  assert_int_equal (to_base (&kg_item, " 斤 ", 3000), 1500);
}

static void
test_zero (void **state)
{
  assert_int_equal (to_base (&kg_item, "斤", 0), 0);
  assert_int_equal (to_base (&egg_item, "kg", 0), 0);
}

/* 1 g = 0.001 kg = 1 milli-kg: 0.4 g rounds to 0, 0.5 g up to 1 milli. */
static void
test_half_up_at_the_edge (void **state)
{
  assert_int_equal (to_base (&kg_item, "g", 400), 0);
  assert_int_equal (to_base (&kg_item, "g", 500), 1);
  assert_int_equal (to_base (&kg_item, "g", 1499), 1);
  assert_int_equal (to_base (&kg_item, "g", 1500), 2);
  /* 1 斤 = 500 milli-kg: 0.001 斤 = 0.5 milli-kg → 1 */
  assert_int_equal (to_base (&kg_item, "斤", 1), 1);
}

static void
test_pieces_with_mean_mass (void **state)
{
  /* 1 kg of 55 g eggs = 18.1818… pieces → 18182 milli-pieces */
  assert_int_equal (to_base (&egg_item, "kg", 1000), 18182);
  /* 1 斤 = 9.0909… pieces → 9091 */
  assert_int_equal (to_base (&egg_item, "斤", 1000), 9091);
  assert_int_equal (to_base (&egg_item, "个", 30000), 30000);

  /* a mass kept to the milligram converts with one rounding at the end:
   * 1 kg of 52.5 g pieces = 19.0476… → 19048 (52 g: 19231, 53 g: 18868) */
  {
    JcItemUnits quail = { JC_BASE_UNIT_PIECE, 0, 52500 };
    JcItemUnits by_weight = { JC_BASE_UNIT_KG, 0, 52500 };

    assert_int_equal (to_base (&quail, "kg", 1000), 19048);
    assert_int_equal (to_base (&quail, "斤", 2500), 23810);
    /* 3 pieces of a kg item = 157.5 g → 0.158 kg */
    assert_int_equal (to_base (&by_weight, "个", 3000), 158);
  }
}

static void
test_packs (void **state)
{
  assert_int_equal (to_base (&kg_pack_item, "箱", 2000), 30000);
  assert_int_equal (to_base (&litre_item, "桶", 1000), 5000);
  assert_int_equal (to_base (&litre_item, "ml", 500000), 500);
}

static void
test_unknown_and_unconvertible (void **state)
{
  g_autoptr(GError) error = NULL;
  JcUnitFactor f;

  assert_false (jc_unit_resolve (&kg_item, "furlong", &f, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_UNKNOWN_UNIT);
  assert_contains (error->message, "furlong");
  g_clear_error (&error);

  assert_false (jc_unit_resolve (&kg_item, "箱", &f, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE);
  g_clear_error (&error);

  assert_false (jc_unit_resolve (&kg_item, "L", &f, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE);
  g_clear_error (&error);

  /* pieces without a mean mass do not convert to kg */
  {
    JcItemUnits bare = { JC_BASE_UNIT_PIECE, 0, 0 };

    assert_false (jc_unit_resolve (&bare, "kg", &f, &error));
    assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE);
  }
  assert_true (jc_unit_is_known ("斤"));
  assert_false (jc_unit_is_known ("元"));
}

/* 斤 → kg → 斤 comes back exactly for every whole milli-斤 that is even. */
static void
test_jin_kg_round_trip (void **state)
{
  JcUnitFactor jin, kg_in_jin;
  JcItemUnits jin_item = { JC_BASE_UNIT_KG, 0, 0 };

  assert_true (jc_unit_resolve (&jin_item, "斤", &jin, NULL));
  kg_in_jin.num = jin.den;
  kg_in_jin.den = jin.num;
  for (gint64 q = 0; q < 200000; q += 2)
    {
      gint64 kg = 0, back = 0;

      assert_true (jc_qty_to_base (q, &jin, &kg, NULL));
      assert_true (jc_qty_to_base (kg, &kg_in_jin, &back, NULL));
      assert_int_equal (back, q);
    }
}

static void
test_price_conversion (void **state)
{
  JcUnitFactor f;
  gint64 p = 0;

  /* 3.20 元/斤 = 6400 milli-yuan/kg (DESIGN.md) */
  assert_true (jc_unit_resolve (&kg_item, "斤", &f, NULL));
  assert_true (jc_price_to_base (3200, &f, &p, NULL));
  assert_int_equal (p, 6400);
  /* 100 元 per 15 kg box = 6666.67 milli-yuan/kg → 6667 (half up, once) */
  assert_true (jc_unit_resolve (&kg_pack_item, "箱", &f, NULL));
  assert_true (jc_price_to_base (100000, &f, &p, NULL));
  assert_int_equal (p, 6667);
  /* 12 元 per kg of 55 g eggs = 0.66 元 per egg */
  assert_true (jc_unit_resolve (&egg_item, "kg", &f, NULL));
  assert_true (jc_price_to_base (12000, &f, &p, NULL));
  assert_int_equal (p, 660);
}

static void
test_line_cost (void **state)
{
  gint64 fen = 0;

  /* 2.5 kg × 6.400 元/kg = 16.00 元 */
  assert_true (jc_line_cost_fen (2500, 6400, &fen, NULL));
  assert_int_equal (fen, 1600);
  /* half-fen boundaries: 1 milli × 4.999 元 = 0.4999 fen → 0, × 5 元 = 0.5 fen → 1 */
  assert_true (jc_line_cost_fen (1, 4999, &fen, NULL));
  assert_int_equal (fen, 0);
  assert_true (jc_line_cost_fen (1, 5000, &fen, NULL));
  assert_int_equal (fen, 1);
  assert_true (jc_line_cost_fen (3, 5000, &fen, NULL));
  assert_int_equal (fen, 2);   /* 1.5 → 2 */
  assert_true (jc_line_cost_fen (0, 123456, &fen, NULL));
  assert_int_equal (fen, 0);
  /* negative (a credit) rounds half away from zero */
  assert_true (jc_line_cost_fen (-3, 5000, &fen, NULL));
  assert_int_equal (fen, -2);
}

static void
test_overflow_refused (void **state)
{
  g_autoptr(GError) error = NULL;
  gint64 out = 0;
  JcUnitFactor f;

  assert_false (jc_line_cost_fen (G_MAXINT64, G_MAXINT64, &out, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);

  assert_false (jc_checked_add (G_MAXINT64, 1, &out, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);

  assert_true (jc_unit_resolve (&kg_item, "吨", &f, NULL));
  assert_false (jc_qty_to_base (G_MAXINT64 / 10, &f, &out, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* huge but representable */
  assert_true (jc_line_cost_fen (JC_MAX_MILLI, 1000, &out, NULL));
  assert_int_equal (out, JC_MAX_MILLI / 10);
}

static void
test_parse_decimal (void **state)
{
  g_autoptr(GError) error = NULL;
  gint64 v = 0;

  assert_true (jc_parse_decimal ("3.2", 3, &v, NULL));
  assert_int_equal (v, 3200);
  assert_true (jc_parse_decimal (" 12 ", 3, &v, NULL));
  assert_int_equal (v, 12000);
  assert_true (jc_parse_decimal ("0.0005", 3, &v, NULL));
  assert_int_equal (v, 1);
  assert_true (jc_parse_decimal ("0.0004999", 3, &v, NULL));
  assert_int_equal (v, 0);
  assert_true (jc_parse_decimal ("-1.5", 3, &v, NULL));
  assert_int_equal (v, -1500);
  assert_true (jc_parse_decimal (".5", 2, &v, NULL));
  assert_int_equal (v, 50);
  assert_true (jc_parse_decimal ("0", 3, &v, NULL));
  assert_int_equal (v, 0);

  assert_false (jc_parse_decimal ("1.2元", 3, &v, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_INVALID_NUMBER);
  assert_contains (error->message, "1.2元");
  g_clear_error (&error);
  assert_false (jc_parse_decimal ("", 3, &v, &error));
  g_clear_error (&error);
  assert_false (jc_parse_decimal ("--", 3, &v, &error));
  g_clear_error (&error);
  assert_false (jc_parse_decimal ("1e5", 3, &v, &error));
  g_clear_error (&error);
  assert_false (jc_parse_decimal ("99999999999999999999", 3, &v, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);

  /* a 10 MB value: the message quotes its first 80 characters */
  {
    g_autofree char *huge = g_strnfill (10 * 1024 * 1024, '7');
    JcItemUnits kg = { JC_BASE_UNIT_KG, 0, 0 };
    JcUnitFactor f;

    huge[1] = 'x';
    assert_false (jc_parse_decimal (huge, 3, &v, &error));
    assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_INVALID_NUMBER);
    assert_true (strlen (error->message) < 300);
    assert_contains (error->message, "7777…");
    g_clear_error (&error);
    huge[1] = '.';   /* 7.777…: more decimals than kept */
    assert_false (jc_parse_decimal (huge, 3, &v, &error));
    assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE);
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    memset (huge, 'u', 1001);
    assert_false (jc_unit_resolve (&kg, huge, &f, &error));
    assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_UNKNOWN_UNIT);
    assert_true (strlen (error->message) < 300);
  }
}

/* Issue 11 item 3: the typed decimal is converted exactly and rounded once. */
static void
test_decimal_exact (void **state)
{
  g_autoptr(GError) error = NULL;
  JcItemUnits kg = { JC_BASE_UNIT_KG, 15000, 0 };
  JcItemUnits box_odd = { JC_BASE_UNIT_KG, 1, 0 };  /* a pack of 1 g */
  JcUnitFactor f;
  JcDecimal d;
  gint64 v = 0;

  assert_true (jc_decimal_parse ("1.0009", &d, NULL));
  assert_int_equal (d.num, 10009);
  assert_int_equal (d.decimals, 4);

  /* 1.0009 斤 = 500.45 g → 500 g (rounding the input first gave 501) */
  assert_true (jc_unit_resolve (&kg, "斤", &f, NULL));
  assert_true (jc_decimal_qty_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, 500);
  /* 1.00045 元/斤 = 2.0009 元/kg → 2.001 (not 1.000 × 2 = 2.000) */
  assert_true (jc_decimal_parse ("1.00045", &d, NULL));
  assert_true (jc_decimal_price_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, 2001);
  /* 1.0005 箱 of 15 kg = 15.0075 kg → 15008 (not 1.001 × 15 = 15.015) */
  assert_true (jc_decimal_parse ("1.0005", &d, NULL));
  assert_true (jc_unit_resolve (&kg, "箱", &f, NULL));
  assert_true (jc_decimal_qty_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, 15008);
  /* 0.0123456 元/g = 12.3456 元/kg → 12.346 (not 0.012 × 1000 = 12.000) */
  assert_true (jc_decimal_parse ("0.0123456", &d, NULL));
  assert_true (jc_unit_resolve (&kg, "g", &f, NULL));
  assert_true (jc_decimal_price_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, 12346);
  /* a price per pack of 1 g: 0.0000015 元 per box = 0.0015 元/kg → 2 milli-yuan (half up) */
  assert_true (jc_decimal_parse ("0.0000015", &d, NULL));
  assert_true (jc_unit_resolve (&box_odd, "箱", &f, NULL));
  assert_true (jc_decimal_price_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, 2);

  /* halves round up, once: 0.0005 kg → 1 g, 0.0004999999 → 0, -0.0005 → -1 */
  assert_true (jc_decimal_parse ("0.0005", &d, NULL));
  assert_true (jc_decimal_scale (&d, 3, 1, 1, &v, NULL));
  assert_int_equal (v, 1);
  assert_true (jc_decimal_parse ("0.000499999", &d, NULL));
  assert_true (jc_decimal_scale (&d, 3, 1, 1, &v, NULL));
  assert_int_equal (v, 0);
  assert_true (jc_decimal_parse ("-0.0005", &d, NULL));
  assert_true (jc_decimal_scale (&d, 3, 1, 1, &v, NULL));
  assert_int_equal (v, -1);

  /* nine decimals are taken, a tenth significant one refused, trailing zeros ignored */
  assert_true (jc_decimal_parse ("0.123456789", &d, NULL));
  assert_int_equal (d.num, 123456789);
  assert_int_equal (d.decimals, 9);
  assert_true (jc_decimal_parse ("2.5000000000000", &d, NULL));
  assert_int_equal (d.num, 25);
  assert_int_equal (d.decimals, 1);
  assert_false (jc_decimal_parse ("0.1234567891", &d, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE);
  assert_contains (error->message, "0.1234567891");
  g_clear_error (&error);
  assert_false (jc_parse_decimal ("1.0000000001", 3, &v, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE);
  g_clear_error (&error);

  /* huge values are refused, never wrapped */
  assert_false (jc_decimal_parse ("9223372036854775808", &d, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_true (jc_decimal_parse ("9223372036854775807", &d, NULL));
  assert_true (jc_unit_resolve (&kg, "吨", &f, NULL));
  assert_false (jc_decimal_qty_to_base (&d, &f, &v, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);
  assert_true (jc_decimal_parse ("1000000000.001", &d, NULL));
  assert_false (jc_decimal_qty_to_base (&d, &f, &v, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW);
  g_clear_error (&error);
  /* a double written out in full is read as what was typed */
  {
    g_autofree char *a = jc_decimal_text_from_double_text ("2.2999999999999998");
    g_autofree char *b = jc_decimal_text_from_double_text ("1.0004500000000001");
    g_autofree char *c = jc_decimal_text_from_double_text ("1.0009");

    assert_string_equal (a, "2.3");
    assert_string_equal (b, "1.00045");
    assert_null (c);  /* short: taken as written */
  }
  /* the largest quantity still taken: 10^12 kg */
  assert_true (jc_decimal_parse ("1000000000000", &d, NULL));
  assert_true (jc_unit_resolve (&kg, "kg", &f, NULL));
  assert_true (jc_decimal_qty_to_base (&d, &f, &v, NULL));
  assert_int_equal (v, JC_MAX_MILLI);
}

static void
test_format (void **state)
{
  g_autofree char *a = jc_format_fen (123456);
  g_autofree char *b = jc_format_fen (-5);
  g_autofree char *c = jc_format_price (6400);
  g_autofree char *d = jc_format_qty (1500);
  g_autofree char *e = jc_format_qty (2000);
  g_autofree char *f = jc_format_price (1);
  g_autofree char *g = jc_format_fen (G_MININT64);

  assert_string_equal (a, "1234.56");
  assert_string_equal (b, "-0.05");
  assert_string_equal (c, "6.40");
  assert_string_equal (d, "1.5");
  assert_string_equal (e, "2");
  assert_string_equal (f, "0.001");
  assert_string_equal (g, "-92233720368547758.08");
}

static void
test_unit_list (void **state)
{
  g_auto(GStrv) kg = jc_unit_list_for_item (&kg_pack_item);
  g_auto(GStrv) eggs = jc_unit_list_for_item (&egg_item);

  assert_string_equal (kg[0], "kg");
  assert_true (g_strv_contains ((const char * const *) kg, "斤"));
  assert_true (g_strv_contains ((const char * const *) kg, "箱"));
  assert_string_equal (eggs[0], "个");
  assert_true (g_strv_contains ((const char * const *) eggs, "斤"));
  for (char **u = kg; *u; u++)
    {
      JcUnitFactor f;

      assert_true (jc_unit_resolve (&kg_pack_item, *u, &f, NULL));
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_mass_units),
    cmocka_unit_test (test_zero),
    cmocka_unit_test (test_half_up_at_the_edge),
    cmocka_unit_test (test_pieces_with_mean_mass),
    cmocka_unit_test (test_packs),
    cmocka_unit_test (test_unknown_and_unconvertible),
    cmocka_unit_test (test_jin_kg_round_trip),
    cmocka_unit_test (test_price_conversion),
    cmocka_unit_test (test_line_cost),
    cmocka_unit_test (test_overflow_refused),
    cmocka_unit_test (test_parse_decimal),
    cmocka_unit_test (test_decimal_exact),
    cmocka_unit_test (test_format),
    cmocka_unit_test (test_unit_list),
  };

  return cmocka_run_group_tests_name ("units", tests, NULL, NULL);
}
