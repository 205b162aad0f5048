/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c: jc-format — money, prices, quantities, distances and
 * percentages as text, exactly, with the sign decided in one place. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-format.h"

#define ASSERT_TEXT(expr, expected) \
  G_STMT_START { g_autofree char *t_ = (expr); assert_string_equal (t_, expected); } G_STMT_END

static void
test_sign (void **state)
{
  assert_string_equal (jc_format_sign (0, JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS), "");
  assert_string_equal (jc_format_sign (5, JC_FORMAT_NONE), "");
  assert_string_equal (jc_format_sign (5, JC_FORMAT_PLUS), "+");
  assert_string_equal (jc_format_sign (-5, JC_FORMAT_NONE), "-");
  assert_string_equal (jc_format_sign (-5, JC_FORMAT_TRUE_MINUS), "\u2212");
  assert_string_equal (jc_format_sign (-5, JC_FORMAT_TRUE_MINUS), "−");
  assert_string_equal (jc_format_sign (G_MININT64, JC_FORMAT_NONE), "-");
}

static void
test_money (void **state)
{
  ASSERT_TEXT (jc_format_fen (0), "0.00");
  ASSERT_TEXT (jc_format_fen (5), "0.05");
  ASSERT_TEXT (jc_format_fen (-5), "-0.05");
  ASSERT_TEXT (jc_format_fen (123456), "1234.56");
  ASSERT_TEXT (jc_format_money (123456, JC_FORMAT_NONE), "1234.56");
  ASSERT_TEXT (jc_format_money (123456, JC_FORMAT_GROUPS), "1,234.56");
  ASSERT_TEXT (jc_format_money (123456, JC_FORMAT_GROUPS | JC_FORMAT_YUAN), "¥1,234.56");
  ASSERT_TEXT (jc_format_money (12345, JC_FORMAT_GROUPS | JC_FORMAT_YUAN), "¥123.45");
  ASSERT_TEXT (jc_format_money (0, JC_FORMAT_YUAN | JC_FORMAT_PLUS), "¥0.00");
  ASSERT_TEXT (jc_format_money (700, JC_FORMAT_YUAN | JC_FORMAT_PLUS), "+¥7.00");
  ASSERT_TEXT (jc_format_money (-700, JC_FORMAT_YUAN), "-¥7.00");
  ASSERT_TEXT (jc_format_money (-123456789, JC_FORMAT_YUAN | JC_FORMAT_GROUPS
                                | JC_FORMAT_TRUE_MINUS), "−¥1,234,567.89");
  /* large values: every digit, no rounding */
  ASSERT_TEXT (jc_format_money (100000000000000000, JC_FORMAT_GROUPS),
               "1,000,000,000,000,000.00");
  ASSERT_TEXT (jc_format_money (G_MAXINT64, JC_FORMAT_GROUPS), "92,233,720,368,547,758.07");
  ASSERT_TEXT (jc_format_money (G_MININT64, JC_FORMAT_NONE), "-92233720368547758.08");
  ASSERT_TEXT (jc_format_money (99999999, JC_FORMAT_GROUPS), "999,999.99");
  ASSERT_TEXT (jc_format_money (100000, JC_FORMAT_GROUPS), "1,000.00");
}

static void
test_price_qty (void **state)
{
  ASSERT_TEXT (jc_format_price (2500), "2.50");
  ASSERT_TEXT (jc_format_price (2125), "2.125");
  ASSERT_TEXT (jc_format_price (0), "0.00");
  ASSERT_TEXT (jc_format_price (-1), "-0.001");
  ASSERT_TEXT (jc_format_qty (12500), "12.5");
  ASSERT_TEXT (jc_format_qty (3000), "3");
  ASSERT_TEXT (jc_format_qty (1), "0.001");
  ASSERT_TEXT (jc_format_qty (-1500), "-1.5");
  ASSERT_TEXT (jc_format_qty (0), "0");
  ASSERT_TEXT (jc_format_qty_unit (12500, "kg"), "12.5 kg");
  ASSERT_TEXT (jc_format_decimal (12340, 3, 0), "12.34");
  ASSERT_TEXT (jc_format_decimal (12340, 3, 3), "12.340");
  ASSERT_TEXT (jc_format_decimal (7, 0, 0), "7");
  ASSERT_TEXT (jc_format_decimal_full (-1234567, 3, 1, JC_FORMAT_GROUPS | JC_FORMAT_TRUE_MINUS),
               "−1,234.567");
}

static void
test_km (void **state)
{
  ASSERT_TEXT (jc_format_km (0), "0.0");
  ASSERT_TEXT (jc_format_km (12345), "12.3");
  ASSERT_TEXT (jc_format_km (12350), "12.4");   /* halves up */
  ASSERT_TEXT (jc_format_km (49), "0.0");
  ASSERT_TEXT (jc_format_km (50), "0.1");
  ASSERT_TEXT (jc_format_km (1000000), "1000.0");
}

/* One clock for the Deliveries page, the CLI and the route sheet: to the
 * nearest minute (the page used to cut 08:29:45 to 08:29 where the sheet
 * printed 08:30), on a 24-hour dial, and a time past what an int holds
 * never turns negative. */
static void
test_clock (void **state)
{
  ASSERT_TEXT (jc_format_clock (0), "00:00");
  ASSERT_TEXT (jc_format_clock (8 * 3600 + 29 * 60 + 29), "08:29");
  ASSERT_TEXT (jc_format_clock (8 * 3600 + 29 * 60 + 30), "08:30");   /* halves up */
  ASSERT_TEXT (jc_format_clock (23 * 3600 + 59 * 60 + 45), "00:00");
  ASSERT_TEXT (jc_format_clock (25 * 3600 + 10 * 60), "01:10");
  ASSERT_TEXT (jc_format_clock (-5), "00:00");
  ASSERT_TEXT (jc_format_clock ((gint64) G_MAXINT + 1), "03:14");
}

static void
test_percent (void **state)
{
  ASSERT_TEXT (jc_format_percent (0, 2500, JC_FORMAT_PLUS), "0.00%");
  ASSERT_TEXT (jc_format_percent (30000, 2400, JC_FORMAT_PLUS), "+1250.00%");
  ASSERT_TEXT (jc_format_percent (30000, 2400, JC_FORMAT_NONE), "1250.00%");
  ASSERT_TEXT (jc_format_percent (-1, 3, JC_FORMAT_PLUS), "-33.33%");
  ASSERT_TEXT (jc_format_percent (-2, 3, JC_FORMAT_PLUS), "-66.67%");   /* halves away */
  ASSERT_TEXT (jc_format_percent (-2, 3, JC_FORMAT_TRUE_MINUS), "−66.67%");
  ASSERT_TEXT (jc_format_percent (1, 20000, JC_FORMAT_PLUS), "+0.01%");  /* 0.005 % */
  /* a change that is not zero never reads as 0.00% */
  ASSERT_TEXT (jc_format_percent (-1034, 250000000, JC_FORMAT_PLUS), "-0.0004%");
  ASSERT_TEXT (jc_format_percent (1, 2000000000, JC_FORMAT_PLUS), "+<0.0001%");
  ASSERT_TEXT (jc_format_percent (-1, 2000000000, JC_FORMAT_TRUE_MINUS), "−<0.0001%");
  assert_null (jc_format_percent (5, 0, JC_FORMAT_NONE));
  ASSERT_TEXT (jc_format_share_percent (1, 8, JC_FORMAT_NONE), "12.50%");
  ASSERT_TEXT (jc_format_share_percent (1, 30000, JC_FORMAT_NONE), "0.00%");
  assert_null (jc_format_share_percent (1, 0, JC_FORMAT_NONE));
  ASSERT_TEXT (jc_format_permille_percent (125, JC_FORMAT_PLUS), "+12.5%");
  ASSERT_TEXT (jc_format_permille_percent (0, JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS), "0.0%");
  ASSERT_TEXT (jc_format_permille_percent (-3, JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS), "−0.3%");
  ASSERT_TEXT (jc_format_permille_percent (-3, JC_FORMAT_NONE), "-0.3%");
  ASSERT_TEXT (jc_format_permille_percent (12345, JC_FORMAT_GROUPS), "1234.5%");
}

/* A bad value in a message: at most JC_QUOTE_MAX_CHARS characters, whole
 * characters, valid UTF-8, "…" when cut. */
static void
test_quote_value (void **state)
{
  g_autofree char *a80 = g_strnfill (JC_QUOTE_MAX_CHARS, 'a');
  g_autofree char *a81 = g_strnfill (JC_QUOTE_MAX_CHARS + 1, 'a');
  g_autofree char *a80_cut = g_strconcat (a80, "…", NULL);
  g_autoptr(GString) han = g_string_new (NULL);
  gsize huge_len = 10 * 1024 * 1024;
  g_autofree char *huge = g_strnfill (huge_len, 'x');
  g_autofree char *bad = g_strnfill (huge_len, (char) 0x80);

  ASSERT_TEXT (jc_format_quote_value (NULL), "");
  ASSERT_TEXT (jc_format_quote_value (""), "");
  ASSERT_TEXT (jc_format_quote_value ("3kg"), "3kg");
  ASSERT_TEXT (jc_format_quote_value (a80), a80);
  ASSERT_TEXT (jc_format_quote_value (a81), a80_cut);
  /* characters, not bytes: 81 three-byte characters keep 80 */
  for (guint i = 0; i <= JC_QUOTE_MAX_CHARS; i++)
    g_string_append (han, "菜");
  {
    g_autofree char *q = jc_format_quote_value (han->str);

    assert_true (g_utf8_validate (q, -1, NULL));
    assert_int_equal (g_utf8_strlen (q, -1), JC_QUOTE_MAX_CHARS + 1);
    assert_true (g_str_has_suffix (q, "菜…"));
  }
  /* a 10 MB field, and 10 MB of bytes that are not UTF-8 */
  {
    g_autofree char *q = jc_format_quote_value (huge);
    g_autofree char *r = jc_format_quote_value (bad);

    assert_true (strlen (q) < 300);
    assert_true (g_str_has_suffix (q, "x…"));
    assert_true (g_utf8_validate (r, -1, NULL));
    assert_int_equal (g_utf8_strlen (r, -1), JC_QUOTE_MAX_CHARS + 1);
    assert_true (strlen (r) < 300);
  }
  assert_int_equal (jc_format_count_chars (NULL), 0);
  assert_int_equal (jc_format_count_chars ("a菜b"), 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sign),
    cmocka_unit_test (test_money),
    cmocka_unit_test (test_price_qty),
    cmocka_unit_test (test_km),
    cmocka_unit_test (test_clock),
    cmocka_unit_test (test_percent),
    cmocka_unit_test (test_quote_value),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
