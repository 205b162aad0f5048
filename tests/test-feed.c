/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Feed parsers: every cleaning rule, the duplicate collapse, malformed
 * inputs, and the real price files with their real defects (the CSV
 * feed's own cases are in test-feed-csv.c).
 *
 * The expected counts of the real files were computed by a separate
 * Python implementation of the rules (csv module, regexes, fractions) and
 * agree with the defect counts in ../shared/data/SOURCES.md: for example
 * the vegetable series' 282 `0,0,0` rows, 360 = 30 + 330 low/avg/high
 * violations, and 672 byte-identical duplicate rows = 664 collapsed + 8
 * that are `0,0,0` rows (rejected rows are reported, not collapsed). */
#include "config.h"

#include "jc-test-feed.h"

static void
test_reason_names (void **state)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < N_REASONS; i++)
    {
      const char *key = jc_reject_reason_to_key (i);

      assert_true (*key != '\0');
      assert_true (*jc_reject_reason_to_string (i) != '\0');
      assert_false (g_hash_table_contains (keys, key));
      g_hash_table_add (keys, (gpointer) key);
    }
  assert_string_equal (jc_reject_reason_to_string (JC_REJECT_ZERO_PRICE), "all prices zero");
  assert_string_equal (jc_reject_reason_to_key (JC_REJECT_AVG_OUTSIDE), "avg_outside");
}

/* Each rule once, hand-made rows. */
static void
test_each_reason (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new ("2025-01-01", "2025-12-31");
  g_autofree char *json = NULL;
  const char *d = "2025-02-08";
  guint expect[N_REASONS] = { 0 };

  /* kept */
  jc_feed_batch_add_raw (b, 1, "大白菜", "蔬菜", "", "冀", "斤", d, "0.55", "0.58", "0.6");
  /* 2 */ jc_feed_batch_add_raw (b, 2, "鲜姜", NULL, "普通", NULL, "斤", d, "0", "0.00", "0");
  expect[JC_REJECT_ZERO_PRICE] = 1;
  /* 3 */ jc_feed_batch_add_raw (b, 3, "玫瑰香", NULL, NULL, NULL, "斤", d, "6.00", "6.80", "5.00");
  expect[JC_REJECT_LOW_ABOVE_HIGH] = 1;
  /* 4, 5 */ jc_feed_batch_add_raw (b, 4, "凯特芒果", NULL, NULL, NULL, "斤", d, "5.00", "0.00", "5.50");
  jc_feed_batch_add_raw (b, 5, "芹菜", NULL, NULL, NULL, "斤", d, "1.0", "2.5", "2.0");
  expect[JC_REJECT_AVG_OUTSIDE] = 2;
  /* 6, 7 */ jc_feed_batch_add_raw (b, 6, "鸽子蛋", NULL, NULL, NULL, "斤", d, "2.7（个）", "2.85（个）", "3（个）");
  jc_feed_batch_add_raw (b, 7, "黄瓜", NULL, NULL, NULL, "斤", d, "1.0", "1.1", "1.2元");
  expect[JC_REJECT_UNIT_IN_PRICE] = 2;
  /* 8–13 */ jc_feed_batch_add_raw (b, 8, "黄瓜", NULL, NULL, NULL, "斤", d, "--", "1", "2");
  jc_feed_batch_add_raw (b, 9, "黄瓜", NULL, NULL, NULL, "斤", d, "1", "", "2");
  jc_feed_batch_add_raw (b, 10, "黄瓜", NULL, NULL, NULL, "斤", d, "1", "1.5", "N/A");
  jc_feed_batch_add_raw (b, 11, "黄瓜", NULL, NULL, NULL, "斤", d, "1,2", "1.5", "2");
  jc_feed_batch_add_raw (b, 12, "黄瓜", NULL, NULL, NULL, "斤", d, "1e3", "1.5", "2");
  jc_feed_batch_add_raw (b, 13, "黄瓜", NULL, NULL, NULL, "斤", d, "1.2.3", "1.5", "2");
  expect[JC_REJECT_BAD_NUMBER] = 6;
  /* 14 */ jc_feed_batch_add_raw (b, 14, "黄瓜", NULL, NULL, NULL, "斤", d, "-1.5", "1", "2");
  expect[JC_REJECT_NEGATIVE] = 1;
  /* 15, 16 */ jc_feed_batch_add_raw (b, 15, "Limes", NULL, NULL, NULL, "lb", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 16, "黄瓜", NULL, NULL, NULL, "", d, "1", "1", "1");
  expect[JC_REJECT_UNKNOWN_UNIT] = 2;
  /* 17, 18 */ jc_feed_batch_add_raw (b, 17, " \xEF\xBB\xBF\xEF\xBB\xBF ", NULL, NULL, NULL, "斤", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 18, "", NULL, NULL, NULL, "斤", d, "", "", "");
  expect[JC_REJECT_EMPTY_NAME] = 2;
  /* 19–22 */ jc_feed_batch_add_raw (b, 19, "黄瓜", NULL, NULL, NULL, "斤", "2025-02-30", "1", "1", "1");
  jc_feed_batch_add_raw (b, 20, "黄瓜", NULL, NULL, NULL, "斤", "2025-13-01", "1", "1", "1");
  jc_feed_batch_add_raw (b, 21, "黄瓜", NULL, NULL, NULL, "斤", "2/8/25", "1", "1", "1");
  jc_feed_batch_add_raw (b, 22, "黄瓜", NULL, NULL, NULL, "斤", "yesterday", "1", "1", "1");
  expect[JC_REJECT_BAD_DATE] = 4;
  /* 23, 24 */ jc_feed_batch_add_raw (b, 23, "黄瓜", NULL, NULL, NULL, "斤", "2024-12-31", "1", "1", "1");
  jc_feed_batch_add_raw (b, 24, "黄瓜", NULL, NULL, NULL, "斤", "2026-01-01 00:00:00", "1", "1", "1");
  expect[JC_REJECT_DATE_OUT_OF_RANGE] = 2;
  /* 25–27 */ jc_feed_batch_add_raw (b, 25, NULL, NULL, NULL, NULL, "斤", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 26, "黄瓜", NULL, NULL, NULL, "斤", NULL, "1", "1", "1");
  jc_feed_batch_add_raw (b, 27, "黄瓜", NULL, NULL, NULL, "斤", d, "1", NULL, "1");
  expect[JC_REJECT_MISSING_FIELD] = 3;

  assert_counts (b, 27, 1, 0, expect);
  assert_quote (quote_at (b, 0), "大白菜", "斤", d, 550, 580, 600);
  assert_string_equal (quote_at (b, 0)->category, "蔬菜");
  assert_string_equal (quote_at (b, 0)->origin, "冀");
  assert_int_equal (quote_at (b, 0)->unit_milli_kg, 500);

  /* in input order, with the line, the field and the value */
  for (guint i = 0; i < 26; i++)
    assert_int_equal (reject_at (b, i)->line, i + 2);
  assert_int_equal (reject_at (b, 4)->reason, JC_REJECT_UNIT_IN_PRICE);
  assert_contains (reject_at (b, 4)->detail, "low price");
  assert_contains (reject_at (b, 4)->detail, "2.7（个）");
  assert_contains (reject_at (b, 5)->detail, "high price “1.2元”");
  assert_contains (reject_at (b, 6)->detail, "“--”");
  assert_contains (reject_at (b, 7)->detail, "average price “”");
  assert_contains (reject_at (b, 12)->detail, "-1.5");
  assert_contains (reject_at (b, 13)->detail, "lb");
  assert_contains (reject_at (b, 17)->detail, "2025-02-30");
  assert_contains (reject_at (b, 21)->detail, "2024-12-31");
  assert_contains (reject_at (b, 23)->detail, "name");
  assert_contains (reject_at (b, 25)->detail, "average price");
  assert_contains (reject_at (b, 1)->detail, "6.00");
  assert_contains (reject_at (b, 1)->detail, "5.00");

  json = jc_feed_batch_dup_rejects_json (b);
  assert_string_equal (json, "{\"zero_price\":1,\"low_above_high\":1,\"avg_outside\":2,"
                             "\"unit_in_price\":2,\"bad_number\":6,\"negative\":1,"
                             "\"unknown_unit\":2,\"empty_name\":2,\"bad_date\":4,"
                             "\"date_out_of_range\":2,\"missing_field\":3}");
}

/* Names, categories, specs and origins above JC_MAX_TEXT_CHARS characters
 * (counted in characters, trimmed) are refused whole, with the field named
 * and the value quoted short; at the limit they are kept. */
static void
test_text_too_long (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  g_autoptr(GString) han = g_string_new (NULL);
  g_autofree char *a200 = g_strnfill (JC_MAX_TEXT_CHARS, 'a');
  g_autofree char *a201 = g_strnfill (JC_MAX_TEXT_CHARS + 1, 'a');
  g_autofree char *padded = g_strdup_printf ("  %s\t", a200);
  gsize huge_len = 10 * 1024 * 1024;
  g_autofree char *huge = g_strnfill (huge_len, 'x');
  const char *d = "2025-02-08";
  guint expect[N_REASONS] = { 0 };

  for (guint i = 0; i < JC_MAX_TEXT_CHARS; i++)
    g_string_append (han, "菜");   /* 600 bytes, 200 characters */

  /* kept: at the limit, in characters, and with blanks around */
  jc_feed_batch_add_raw (b, 1, han->str, NULL, NULL, NULL, "斤", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 2, "黄瓜", a200, a200, padded, "斤", d, "1", "1", "1");
  /* refused: one character more in each field */
  jc_feed_batch_add_raw (b, 3, a201, NULL, NULL, NULL, "斤", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 4, "黄瓜", a201, NULL, NULL, "斤", d, "1", "1", "1");
  g_string_append (han, "菜");
  jc_feed_batch_add_raw (b, 5, "黄瓜", NULL, han->str, NULL, "斤", d, "1", "1", "1");
  jc_feed_batch_add_raw (b, 6, "黄瓜", NULL, NULL, huge, "斤", d, "1", "1", "1");
  expect[JC_REJECT_TEXT_TOO_LONG] = 4;

  assert_counts (b, 6, 2, 0, expect);
  assert_int_equal (g_utf8_strlen (quote_at (b, 0)->market_name, -1), JC_MAX_TEXT_CHARS);
  assert_string_equal (quote_at (b, 1)->origin, a200);
  assert_contains (reject_at (b, 0)->detail, "name is longer than 200 characters");
  assert_contains (reject_at (b, 1)->detail, "category is longer than 200 characters");
  assert_contains (reject_at (b, 2)->detail, "spec is longer than 200 characters");
  assert_contains (reject_at (b, 2)->detail, "菜菜…");
  assert_contains (reject_at (b, 3)->detail, "origin is longer than 200 characters");
  /* a 10 MB field: the message quotes 80 characters of it */
  assert_true (strlen (reject_at (b, 3)->detail) < 300);
  for (guint i = 0; i < 4; i++)
    assert_int_equal (reject_at (b, i)->line, i + 3);
  {
    g_autofree char *json = jc_feed_batch_dup_rejects_json (b);

    assert_string_equal (json, "{\"text_too_long\":4}");
  }
}

/* The first rule that fails names the reason. */
static void
test_reason_order (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, "2025-06-30");

  jc_feed_batch_add_raw (b, 1, "", NULL, NULL, NULL, "斤", "bad", "0", "0", "0");
  jc_feed_batch_add_raw (b, 2, "", NULL, NULL, NULL, "斤", "2025-07-01", "0", "0", "0");
  jc_feed_batch_add_raw (b, 3, "", NULL, NULL, NULL, "lb", "2025-01-01", "0", "0", "0");
  jc_feed_batch_add_raw (b, 4, "x", NULL, NULL, NULL, "lb", "2025-01-01", "--", "0", "0");
  jc_feed_batch_add_raw (b, 5, "x", NULL, NULL, NULL, "斤", "2025-01-01", "--", "1元", "-1");
  jc_feed_batch_add_raw (b, 6, "x", NULL, NULL, NULL, "斤", "2025-01-01", "1", "1元", "-1");
  jc_feed_batch_add_raw (b, 7, "x", NULL, NULL, NULL, "斤", "2025-01-01", "1", "1", "-1");
  jc_feed_batch_add_raw (b, 8, "x", NULL, NULL, NULL, "斤", "2025-01-01", "3", "9", "2");

  assert_int_equal (reject_at (b, 0)->reason, JC_REJECT_BAD_DATE);
  assert_int_equal (reject_at (b, 1)->reason, JC_REJECT_DATE_OUT_OF_RANGE);
  assert_int_equal (reject_at (b, 2)->reason, JC_REJECT_EMPTY_NAME);
  assert_int_equal (reject_at (b, 3)->reason, JC_REJECT_UNKNOWN_UNIT);
  assert_int_equal (reject_at (b, 4)->reason, JC_REJECT_BAD_NUMBER);
  assert_int_equal (reject_at (b, 5)->reason, JC_REJECT_UNIT_IN_PRICE);
  assert_int_equal (reject_at (b, 6)->reason, JC_REJECT_NEGATIVE);
  assert_int_equal (reject_at (b, 7)->reason, JC_REJECT_LOW_ABOVE_HIGH);
  assert_invariant (b);
}

static void
test_prices_and_dates (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  static const struct {
    const char *text;
    gint64      milli;
  } prices[] = {
    { "6", 6000 }, { "6.00", 6000 }, { " 6.5 ", 6500 }, { ".5", 500 }, { "1.", 1000 },
    { "0.0005", 1 }, { "0.0004", 0 }, { "2.2999999999999998", 2300 }, { "+3", 3000 },
    { "\xEF\xBB\xBF" "4.25", 4250 }, { "12345678.125", 12345678125 },
  };
  static const struct {
    const char *text;
    const char *iso;
  } dates[] = {
    { "2025-02-08", "2025-02-08" }, { "2025-02-08 00:00:00", "2025-02-08" },
    { "2016/5/3", "2016-05-03" }, { "2016-5-3", "2016-05-03" }, { "9/1/2026", "2026-09-01" },
    { "09/01/2026", "2026-09-01" }, { "2026-09-26T14:30:43+00:00", "2026-09-26" },
    { " 2024-02-29 ", "2024-02-29" },
  };
  static const char *bad_dates[] = {
    "2023-02-29", "2021-12", "12/31/21", "2021-12-01 25:00:00", "2021-12-01x",
    "2021/12-01", "0000-01-01", "", "2021-12-01 00:00:00 garbage",
  };

  for (guint i = 0; i < G_N_ELEMENTS (prices); i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "p%u", i);
      jc_feed_batch_add_raw (b, i + 1, name, NULL, NULL, NULL, "斤", "2025-01-01",
                             prices[i].text, prices[i].text, prices[i].text);
    }
  /* "0.0004" is 0,0,0 once rounded */
  assert_int_equal (jc_feed_batch_count_rejects (b, JC_REJECT_ZERO_PRICE), 1);
  assert_int_equal (jc_feed_batch_get_quotes (b)->len, G_N_ELEMENTS (prices) - 1);
  for (guint i = 0, k = 0; i < G_N_ELEMENTS (prices); i++)
    {
      if (prices[i].milli == 0)
        continue;
      assert_int_equal (quote_at (b, k)->low_milliyuan, prices[i].milli);
      assert_int_equal (quote_at (b, k)->high_milliyuan, prices[i].milli);
      k++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(JcFeedBatch) d = jc_feed_batch_new (NULL, NULL);

      jc_feed_batch_add_raw (d, 1, "x", NULL, NULL, NULL, "kg", dates[i].text, "1", "1", "1");
      if (jc_feed_batch_get_quotes (d)->len != 1)
        fail_msg ("date “%s” refused", dates[i].text);
      assert_string_equal (quote_at (d, 0)->date, dates[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(JcFeedBatch) d = jc_feed_batch_new (NULL, NULL);

      jc_feed_batch_add_raw (d, 1, "x", NULL, NULL, NULL, "kg", bad_dates[i], "1", "1", "1");
      if (jc_feed_batch_count_rejects (d, JC_REJECT_BAD_DATE) != 1)
        fail_msg ("date “%s” accepted", bad_dates[i]);
    }

  /* the range is inclusive, and a time of day does not matter */
  {
    g_autoptr(JcFeedBatch) r = jc_feed_batch_new ("2021-10-12", "2021-10-25");

    jc_feed_batch_add_raw (r, 1, "x", NULL, NULL, NULL, "斤", "2021-10-11 23:59:59", "1", "1", "1");
    jc_feed_batch_add_raw (r, 2, "x", NULL, NULL, NULL, "斤", "2021-10-12 00:00:00", "1", "1", "1");
    jc_feed_batch_add_raw (r, 3, "x", NULL, NULL, NULL, "斤", "2021/10/25", "1", "1", "1");
    jc_feed_batch_add_raw (r, 4, "x", NULL, NULL, NULL, "斤", "10/26/2021", "1", "1", "1");
    assert_counts (r, 4, 2, 0,
                   (const guint[N_REASONS]) { [JC_REJECT_DATE_OUT_OF_RANGE] = 2 });
    assert_string_equal (quote_at (r, 1)->date, "2021-10-25");
  }
}

/* Identical rows collapse; the unit, spec and origin are part of the key,
 * the category is not; "6" and "6.00" are the same price. */
static void
test_duplicates (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  const char *d = "2025-02-08";

  jc_feed_batch_add_raw (b, 1, "大白菜", "蔬菜", "", "冀", "斤", d, "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 2, "大白菜", "蔬菜", "", "冀", "箱", d, "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 3, "大白菜", "蔬菜", "", "冀", "斤", d, "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 4, " 大白菜\xEF\xBB\xBF", "", NULL, " 冀 ", "斤", "2025-02-08 00:00:00",
                         "0.550", "0.58", ".6");
  jc_feed_batch_add_raw (b, 5, "大白菜", "蔬菜", "大", "冀", "斤", d, "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 6, "大白菜", "蔬菜", "", "鲁", "斤", d, "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 7, "大白菜", "蔬菜", "", "冀", "斤", "2025-02-09", "0.55", "0.58", "0.6");
  jc_feed_batch_add_raw (b, 8, "大白菜", "蔬菜", "", "冀", "斤", d, "0.55", "0.59", "0.6");
  jc_feed_batch_add_raw (b, 9, "大白菜", "蔬菜", "", "冀", "斤", d, "6", "6.5", "7");
  jc_feed_batch_add_raw (b, 10, "大白菜", "蔬菜", "", "冀", "斤", d, "6.00", "6.50", "7.00");
  /* rejected rows are each reported, never collapsed */
  jc_feed_batch_add_raw (b, 11, "鲜姜", NULL, "普通", NULL, "斤", d, "0", "0", "0");
  jc_feed_batch_add_raw (b, 12, "鲜姜", NULL, "普通", NULL, "斤", d, "0", "0", "0");

  assert_counts (b, 12, 7, 3, (const guint[N_REASONS]) { [JC_REJECT_ZERO_PRICE] = 2 });
  assert_string_equal (quote_at (b, 0)->unit, "斤");
  assert_string_equal (quote_at (b, 1)->unit, "箱");
  assert_int_equal (quote_at (b, 1)->unit_milli_kg, 0);
  assert_int_equal (quote_at (b, 2)->line, 5);
  assert_string_equal (quote_at (b, 2)->spec, "大");
  /* strings are interned: equal texts, one pointer */
  assert_ptr_equal (quote_at (b, 0)->market_name, quote_at (b, 1)->market_name);
}

/* Many rows, many duplicates: the hash set grows and still finds them. */
static void
test_duplicates_at_scale (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  guint line = 0;

  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 20000; i++)
      {
        char name[32], low[32];

        g_snprintf (name, sizeof name, "品%u", i % 500);
        g_snprintf (low, sizeof low, "%u.%02u", i / 500, i % 100);
        jc_feed_batch_add_raw (b, ++line, name, NULL, NULL, NULL, "斤", "2025-01-01", low, low, low);
      }
  /* (name, price) repeats nothing inside a round (i is determined by
   * i % 500 and i / 500); round 2 repeats round 1; i = 0, 100, …, 400
   * price 0.00 (zero, rejected, in both rounds) */
  assert_counts (b, 40000, 20000 - 5, 20000 - 5,
                 (const guint[N_REASONS]) { [JC_REJECT_ZERO_PRICE] = 10 });
}

static void
test_unit_mass (void **state)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  static const struct {
    const char *unit;
    gint64      grams;
  } units[] = {
    { "斤", 500 }, { "kg", 1000 }, { "公斤", 1000 }, { "两", 50 }, { "g", 1 }, { "吨", 1000000 },
    { "个", 0 }, { "箱", 0 }, { "盒", 0 }, { "袋", 0 }, { "L", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    jc_feed_batch_add_raw (b, i + 1, "x", NULL, NULL, NULL, units[i].unit, "2025-01-01", "1", "1", "1");
  assert_counts (b, G_N_ELEMENTS (units), G_N_ELEMENTS (units), 0, NO_REJECTS);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    assert_int_equal (quote_at (b, i)->unit_milli_kg, units[i].grams);
}

/* ---- USDA packages ---- */

static void
test_usda_packages (void **state)
{
  static const struct {
    const char *package;
    gint64      grams;
  } ok[] = {
    { "40 lb cartons", 18144 },              /* 18143.6948 */
    { "25 lb sacks", 11340 },                /* 11339.809 */
    { "50 lb sacks loose", 22680 },          /* 22679.6185 */
    { "20 lb cartons loose", 9072 },         /* 9071.8474 */
    { "15 lb cartons", 6804 },               /* 6803.8856 */
    { "35 lb cartons", 15876 },              /* 15875.733 */
    { "10-lb cartons", 4536 },               /* 4535.9237 */
    { "4 1/2 lb flats", 2041 },              /* 2041.1657 */
    { "2.5 lb bags", 1134 },                 /* 1133.9809 */
    { "5 kg/11 lb flats", 5000 },            /* the first mass */
    { "sacks 10 5-lb film bags", 22680 },
    { "sacks 24 2-lb film bags", 21772 },    /* 21772.434 */
    { "sacks 48 1-lb film bags", 21772 },
    { "cartons 30 1-lb film bags", 13608 },  /* 13607.771 */
    { "flats 12 6-oz cups with lids", 2041 },/* 72 oz = 2041.1657 */
    { "lb", 454 },                           /* 453.59237 */
    { "per lb", 454 },
    { "cwt", 45359 },                        /* 45359.237 */
    { "  40 LB Cartons ", 18144 },
  };
  static const char *refused[] = {
    "cartons 2 layer", "flats 2 layer", "1 1/9 bushel cartons", "flats 12 1-pint cups with lids",
    "cartons", "cartons bunched", "film bags 30s", "", "lb cartons 40", "0 lb cartons",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      gint64 g = -1;

      if (!jc_usda_package_to_kg_milli (ok[i].package, &g))
        fail_msg ("“%s” not converted", ok[i].package);
      if (g != ok[i].grams)
        fail_msg ("“%s”: %" G_GINT64_FORMAT " g, expected %" G_GINT64_FORMAT, ok[i].package, g,
                  ok[i].grams);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      gint64 g = -1;

      if (jc_usda_package_to_kg_milli (refused[i], &g))
        fail_msg ("“%s” converted to %" G_GINT64_FORMAT " g", refused[i], g);
      assert_int_equal (g, 0);
    }
}

/* ---- Xinfadi JSON ---- */

static void
assert_sample_page (JcFeedBatch         *b,
                    const JcXinfadiPage *page)
{
  assert_counts (b, 20, 20, 0, NO_REJECTS);
  assert_quote (quote_at (b, 0), "大白菜", "斤", "2025-02-08", 550, 580, 600);
  assert_string_equal (quote_at (b, 0)->category, "蔬菜");
  assert_string_equal (quote_at (b, 0)->origin, "冀鲁豫鄂");
  assert_string_equal (quote_at (b, 0)->spec, "");
  assert_int_equal (quote_at (b, 0)->line, 1);
  assert_string_equal (quote_at (b, 3)->market_name, "圆白菜");
  assert_string_equal (quote_at (b, 3)->spec, "甘蓝");
  assert_quote (quote_at (b, 19), "绿菜花", "斤", "2025-02-08", 1900, 2100, 2300);
  assert_int_equal (quote_at (b, 19)->line, 20);
  if (page != NULL)
    {
      assert_int_equal (page->current, 1);
      assert_int_equal (page->limit, 20);
      assert_int_equal (page->count, 505709);
      assert_int_equal (page->n_records, 20);
    }
}

static void
test_xinfadi_sample_page (void **state)
{
  g_autofree char *path = fixture ("xinfadi-getPriceData-2025-02-08-page1.json");
  g_autoptr(GBytes) bytes = jc_test_read (path);
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  JcXinfadiPage page = { 0 };
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  assert_true (jc_feed_parse_xinfadi (data, len, b, &page, &error));
  assert_no_error (error);
  assert_sample_page (b, &page);
  assert_int_equal (jc_feed_guess_format (data, len), JC_FEED_FORMAT_XINFADI);

  /* the same page again: every row a duplicate */
  assert_true (jc_feed_parse_xinfadi (data, len, b, NULL, &error));
  assert_counts (b, 40, 20, 20, NO_REJECTS);
}

static void
test_xinfadi_single_record (void **state)
{
  g_autofree char *path = fixture ("xinfadi-getPriceData-record-2022-07-05.json");
  g_autoptr(GBytes) bytes = jc_test_read (path);
  g_autofree char *page = g_strdup_printf ("{\"current\":3,\"limit\":20,\"count\":41,\"list\":[%.*s]}",
                                           (int) g_bytes_get_size (bytes),
                                           (const char *) g_bytes_get_data (bytes, NULL));
  g_autoptr(JcFeedBatch) b = parse_xinfadi_text (page);

  assert_counts (b, 1, 1, 0, NO_REJECTS);
  assert_quote (quote_at (b, 0), "大白菜", "斤", "2022-07-05", 500, 600, 700);
  assert_string_equal (quote_at (b, 0)->origin, "冀");
}

static void
assert_malformed (const char *text,
                  const char *needle)
{
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  assert_false (jc_feed_parse_xinfadi (text, strlen (text), b, NULL, &error));
  assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
  assert_contains (error->message, needle);
  assert_int_equal (jc_feed_batch_get_n_seen (b), 0);
}

static void
test_xinfadi_malformed (void **state)
{
  g_autofree char *path = fixture ("xinfadi-getPriceData-2025-02-08-page1.json");
  g_autoptr(GBytes) bytes = jc_test_read (path);
  g_autofree char *half = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2);

  /* what a server says when the API is down or blocks us (hand-made) */
  assert_malformed ("<!DOCTYPE html>\n<html><head><title>403 Forbidden</title></head>"
                    "<body>nginx</body></html>", "403 Forbidden");
  assert_malformed ("  <html><body>维护中</body></html>", "HTML");
  assert_malformed (half, "truncated");
  assert_malformed ("", "empty");
  assert_malformed ("\xEF\xBB\xBF \n", "empty");
  assert_malformed ("{\"current\":1,\"limit\":20,\"count\":1,\"list\":{\"prodName\":\"x\"}}", "list");
  assert_malformed ("{\"current\":1,\"limit\":20,\"count\":1,\"list\":\"[]\"}", "list");
  assert_malformed ("{\"current\":1,\"limit\":20,\"count\":1}", "list");
  assert_malformed ("{\"current\":1,\"limit\":20,\"list\":[]}", "count");
  assert_malformed ("{\"count\":\"many\",\"list\":[]}", "count");
  assert_malformed ("[{\"prodName\":\"大白菜\"}]", "object");
  assert_malformed ("{\"count\":0,\"list\":[]} trailing", "after");
  assert_malformed ("{\"count\":0,\"list\":[],}", "not valid JSON");

  /* an empty last page is fine */
  {
    g_autoptr(JcFeedBatch) b = parse_xinfadi_text ("{\"current\":99,\"limit\":20,\"count\":1960,\"list\":[]}");

    assert_counts (b, 0, 0, 0, NO_REJECTS);
  }
}

/* Wrong-typed members reject their record only (hand-made records). */
static void
test_xinfadi_wrong_types (void **state)
{
  const char *page =
    "{\"current\":1,\"limit\":20,\"count\":15,\"list\":["
    /* 1 kept: numbers as numbers */
    "{\"prodName\":\"大白菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":0.55,\"avgPrice\":0.58,\"highPrice\":0.6,"
    "\"place\":\"冀\",\"specInfo\":\"\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08 00:00:00\"},"
    /* 2 */ "{\"prodName\":\"a\",\"lowPrice\":\"--\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 3 */ "{\"prodName\":\"a\",\"lowPrice\":\"1\",\"avgPrice\":\"\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 4 */ "{\"prodName\":\"a\",\"lowPrice\":\"1\",\"avgPrice\":\"1.1\",\"highPrice\":\"1.2元\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 5 */ "{\"prodName\":\"a\",\"lowPrice\":null,\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 6 */ "{\"prodName\":\"a\",\"lowPrice\":\"-0.5\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 7 */ "{\"prodName\":\"a\",\"lowPrice\":true,\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 8 */ "{\"prodName\":123,\"lowPrice\":\"1\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 9 */ "{\"prodName\":\"a\",\"lowPrice\":\"1\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"pubDate\":\"2025-02-08\"},"
    /* 10 */ "17,"
    /* 11 kept: null and missing optional texts */
    "{\"prodName\":\"油菜\",\"prodCat\":null,\"lowPrice\":\"1.0\",\"avgPrice\":\"1.25\",\"highPrice\":\"1.5\","
    "\"place\":null,\"specInfo\":null,\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08 00:00:00\"},"
    /* 12 */ "{\"prodName\":\"a\",\"lowPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 13 */ "{\"prodName\":\"a\",\"lowPrice\":\"1\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-30 00:00:00\"},"
    /* 14 */ "{\"prodName\":\"\\ufeff \",\"lowPrice\":\"1\",\"avgPrice\":\"1\",\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    /* 15 */ "{\"prodName\":\"a\",\"lowPrice\":[1],\"avgPrice\":{},\"highPrice\":\"2\",\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"}"
    "]}";
  g_autoptr(JcFeedBatch) b = parse_xinfadi_text (page);

  assert_counts (b, 15, 2, 0,
                 (const guint[N_REASONS]) {
                   [JC_REJECT_BAD_NUMBER] = 5, [JC_REJECT_UNIT_IN_PRICE] = 1,
                   [JC_REJECT_NEGATIVE] = 1, [JC_REJECT_MISSING_FIELD] = 4,
                   [JC_REJECT_BAD_DATE] = 1, [JC_REJECT_EMPTY_NAME] = 1,
                 });
  assert_quote (quote_at (b, 0), "大白菜", "斤", "2025-02-08", 550, 580, 600);
  assert_quote (quote_at (b, 1), "油菜", "斤", "2025-02-08", 1000, 1250, 1500);
  assert_string_equal (quote_at (b, 1)->category, "");
  assert_string_equal (quote_at (b, 1)->origin, "");
  assert_int_equal (quote_at (b, 1)->line, 11);
  assert_contains (reject_at (b, 3)->detail, "null");
  assert_contains (reject_at (b, 6)->detail, "prodName");
  assert_contains (reject_at (b, 6)->detail, "number");
  assert_contains (reject_at (b, 7)->detail, "unitInfo");
  assert_int_equal (reject_at (b, 8)->line, 10);
  assert_contains (reject_at (b, 8)->detail, "not an object");
}

/* JSON numbers are read back exactly (0.58 is 0.57999… as a double). */
static void
test_xinfadi_number_prices (void **state)
{
  g_autoptr(JcFeedBatch) b = parse_xinfadi_text (
    "{\"count\":3,\"list\":["
    "{\"prodName\":\"a\",\"lowPrice\":0.29,\"avgPrice\":0.58,\"highPrice\":1.005,\"unitInfo\":\"斤\",\"pubDate\":\"2025-02-08\"},"
    "{\"prodName\":\"b\",\"lowPrice\":2.675,\"avgPrice\":3,\"highPrice\":1e1,\"unitInfo\":\"kg\",\"pubDate\":\"2025-02-08\"},"
    "{\"prodName\":\"c\",\"lowPrice\":1e20,\"avgPrice\":3,\"highPrice\":4,\"unitInfo\":\"kg\",\"pubDate\":\"2025-02-08\"}"
    "]}");

  assert_counts (b, 3, 2, 0, (const guint[N_REASONS]) { [JC_REJECT_BAD_NUMBER] = 1 });
  assert_quote (quote_at (b, 0), "a", "斤", "2025-02-08", 290, 580, 1005);
  assert_quote (quote_at (b, 1), "b", "kg", "2025-02-08", 2675, 3000, 10000);
}

/* ---- CSV, hand-made ---- */

static void
test_usda_json (void **state)
{
  const char *report =
    "{\"reportSection\":\"Report Details\",\"stats\":{\"totalRows:\":14},\"results\":["
    /* 1 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Bananas\",\"variety\":null,\"package\":\"40 lb cartons\","
    "\"organic\":\"N\",\"origin\":\"Colombia\",\"low_price\":\"21.00\",\"high_price\":\"21.00\","
    "\"mostly_low_price\":null,\"mostly_high_price\":null},"
    /* 2 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Carrots\",\"variety\":\"\",\"package\":\"50 lb sacks\","
    "\"item_size\":\"jumbo\",\"origin\":\"Mexico\",\"low_price\":28,\"high_price\":32,"
    "\"mostly_low_price\":29,\"mostly_high_price\":30},"
    /* 3 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Avocados\",\"variety\":\"HASS\",\"package\":\"cartons 2 layer\","
    "\"item_size\":\"48s\",\"organic\":\"Y\",\"origin\":\"Mexico\",\"low_price\":\"48.00\",\"high_price\":\"48.00\","
    "\"mostly_low_price\":\"N/A\",\"mostly_high_price\":\"N/A\"},"
    /* 4 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Celery\",\"package\":\"cartons\",\"low_price\":\"N/A\",\"high_price\":\"36.00\"},"
    /* 5 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Celery\",\"package\":\"cartons\",\"low_price\":null,\"high_price\":\"36.00\"},"
    /* 6 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Celery\",\"package\":\"cartons\",\"high_price\":\"36.00\"},"
    /* 7 */ "{\"report_date\":\"09/31/2026\",\"commodity\":\"Celery\",\"package\":\"cartons\",\"low_price\":1,\"high_price\":2},"
    /* 8 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Limes\",\"package\":\"40 lb cartons\",\"low_price\":\"20.5\",\"high_price\":\"21\"},"
    /* 9 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Limes\",\"variety\":\"Key\",\"package\":\"10 lb cartons\",\"low_price\":\"20.001\",\"high_price\":\"20.002\"},"
    /* 10 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Mangoes\",\"package\":\" \",\"low_price\":\"1\",\"high_price\":\"2\"},"
    /* 11 */ "{\"report_date\":\"09/01/2026\",\"commodity\":42,\"package\":\"cartons\",\"low_price\":\"1\",\"high_price\":\"2\"},"
    /* 12 */ "\"not a record\","
    /* 13 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Limes\",\"package\":\"40 lb cartons\",\"low_price\":\"22\",\"high_price\":\"21\"},"
    /* 14 */ "{\"report_date\":\"09/01/2026\",\"commodity\":\"Limes\",\"package\":\"40 lb cartons\",\"low_price\":10,\"high_price\":12,"
    "\"mostly_low_price\":14,\"mostly_high_price\":16}"
    "]}";
  g_autoptr(JcFeedBatch) b = parse_usda_text (report);
  const JcQuote *q;

  assert_counts (b, 14, 5, 0,
                 (const guint[N_REASONS]) {
                   [JC_REJECT_BAD_NUMBER] = 2, [JC_REJECT_MISSING_FIELD] = 3,
                   [JC_REJECT_BAD_DATE] = 1, [JC_REJECT_UNKNOWN_UNIT] = 1,
                   [JC_REJECT_LOW_ABOVE_HIGH] = 1, [JC_REJECT_AVG_OUTSIDE] = 1,
                 });
  q = quote_at (b, 0);
  assert_quote (q, "Bananas", "40 lb cartons", "2026-09-01", 21000, 21000, 21000);
  assert_int_equal (q->unit_milli_kg, 18144);
  assert_string_equal (q->origin, "Colombia");
  assert_string_equal (q->spec, "");
  q = quote_at (b, 1);
  /* avg from the mostly prices */
  assert_quote (q, "Carrots", "50 lb sacks", "2026-09-01", 28000, 29500, 32000);
  assert_string_equal (q->spec, "jumbo");
  q = quote_at (b, 2);
  assert_quote (q, "Avocados HASS", "cartons 2 layer", "2026-09-01", 48000, 48000, 48000);
  assert_string_equal (q->spec, "48s organic");
  assert_int_equal (q->unit_milli_kg, 0);
  assert_quote (quote_at (b, 3), "Limes", "40 lb cartons", "2026-09-01", 20500, 20750, 21000);
  /* 20.0015 rounds half up */
  assert_quote (quote_at (b, 4), "Limes Key", "10 lb cartons", "2026-09-01", 20001, 20002, 20002);
  assert_int_equal (quote_at (b, 4)->line, 9);
  assert_int_equal (jc_feed_guess_format (report, strlen (report)), JC_FEED_FORMAT_USDA);
}

static void
test_usda_sections (void **state)
{
  /* ?allSections=true: the header section has no prices and is skipped */
  g_autoptr(JcFeedBatch) b = parse_usda_text (
    "[{\"reportSection\":\"Report Header\",\"results\":[{\"report_date\":\"09/01/2026\","
    "\"report_title\":\"Chicago Terminal Market Fruit Prices\"}]},"
    "{\"reportSection\":\"Report Details\",\"results\":[{\"report_date\":\"09/01/2026\","
    "\"commodity\":\"Bananas\",\"package\":\"40 lb cartons\",\"low_price\":\"21\",\"high_price\":\"23\"}]}]");

  assert_counts (b, 1, 1, 0, NO_REJECTS);
  assert_quote (quote_at (b, 0), "Bananas", "40 lb cartons", "2026-09-01", 21000, 22000, 23000);

  {
    static const char *bad[] = {
      "{\"results\":{}}", "{\"report\":[]}", "[1,2]", "\"results\"", "<html><title>Unauthorized</title></html>",
      "{\"results\":[{\"commodity\":\"x\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JcFeedBatch) e = jc_feed_batch_new (NULL, NULL);
        g_autoptr(GError) error = NULL;

        assert_false (jc_feed_parse_usda (bad[i], strlen (bad[i]), e, &error));
        assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
        assert_int_equal (jc_feed_batch_get_n_seen (e), 0);
      }
  }
}

static void
test_guess_format (void **state)
{
  const char *xinfadi = " {\"count\":1,\"list\":[]}";
  const char *usda = "[{\"results\":[]}]";

  assert_int_equal (jc_feed_guess_format ("品名,最低价", strlen ("品名,最低价")), JC_FEED_FORMAT_CSV);
  assert_int_equal (jc_feed_guess_format ("", 0), JC_FEED_FORMAT_CSV);
  assert_int_equal (jc_feed_guess_format (xinfadi, strlen (xinfadi)), JC_FEED_FORMAT_XINFADI);
  assert_int_equal (jc_feed_guess_format (usda, strlen (usda)), JC_FEED_FORMAT_USDA);
}

/* ---- the fixtures: excerpts of the real files (tests/data/feeds) ---- */

typedef struct {
  const char *name;
  Fmt         fmt;
  const char *mapping;
  guint       seen, quotes, dups;
  guint       rejects[N_REASONS];
} FileCase;

#define Q4_MAPPING "name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8,category=0"
#define Q4_NOCAT_MAPPING "name=0,low=1,high=2,avg=3,origin=4,unit=5,date=6"

static const FileCase fixtures[] = {
  { "xinfadi-fruit-2013-2016-excerpt.csv", FMT_CSV, NULL, 200, 154, 42,
    { [JC_REJECT_LOW_ABOVE_HIGH] = 3, [JC_REJECT_AVG_OUTSIDE] = 1 } },
  { "xinfadi-veg-2013-2016-excerpt.csv", FMT_CSV, NULL, 181, 152, 8,
    { [JC_REJECT_ZERO_PRICE] = 15, [JC_REJECT_LOW_ABOVE_HIGH] = 1, [JC_REJECT_AVG_OUTSIDE] = 2,
      [JC_REJECT_UNIT_IN_PRICE] = 1, [JC_REJECT_EMPTY_NAME] = 1, [JC_REJECT_MISSING_FIELD] = 1 } },
  { "xinfadi-2021q4-excerpt.csv", FMT_CSV, NULL, 201, 55, 0, { [JC_REJECT_AVG_OUTSIDE] = 146 } },
  { "xinfadi-2021q4-excerpt.csv", FMT_CSV, Q4_MAPPING,
    201, 198, 3, { 0 } },
  { "xinfadi-2021q4-nocat-excerpt.csv", FMT_CSV, NULL, 136, 6, 0, { [JC_REJECT_AVG_OUTSIDE] = 130 } },
  { "xinfadi-2021q4-nocat-excerpt.csv", FMT_CSV, Q4_NOCAT_MAPPING,
    136, 133, 3, { 0 } },
  { "xinfadi-2021-12-spec-excerpt.csv", FMT_CSV, NULL, 150, 150, 0, { 0 } },
  { "xinfadi-2021-12-10-gbk.csv", FMT_CSV, NULL, 140, 140, 0, { 0 } },
  { "xinfadi-2021-03-22-noheader-gbk.csv", FMT_CSV, NULL, 13, 13, 0, { 0 } },
  { "xinfadi-2021-07-16-noheader.csv", FMT_CSV, NULL, 20, 20, 0, { 0 } },
  { "usda-terminal-2026-09-slice.csv", FMT_CSV, NULL, 62, 62, 0, { 0 } },
  { "xinfadi-getPriceData-2025-02-08-page1.json", FMT_XINFADI, NULL, 20, 20, 0, { 0 } },
};

static void
run_case (const char     *path,
          const FileCase *c)
{
  g_autoptr(JcFeedBatch) b = NULL;

  print_message ("    %s%s%s\n", c->name, c->mapping ? " with " : "", c->mapping ? c->mapping : "");
  b = parse_path_ok (path, c->fmt, c->mapping);
  assert_counts (b, c->seen, c->quotes, c->dups, c->rejects);
}

static void
test_fixture_counts (void **state)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = fixture (fixtures[i].name);

      run_case (path, &fixtures[i]);
    }
}

/* What the fixtures hold, row by row where it matters. */
static void
test_fixture_content (void **state)
{
  g_autofree char *fruit = fixture ("xinfadi-fruit-2013-2016-excerpt.csv");
  g_autofree char *veg = fixture ("xinfadi-veg-2013-2016-excerpt.csv");
  g_autofree char *gbk = fixture ("xinfadi-2021-12-10-gbk.csv");
  g_autofree char *gbk6 = fixture ("xinfadi-2021-03-22-noheader-gbk.csv");
  g_autofree char *crcrlf = fixture ("xinfadi-2021-07-16-noheader.csv");
  g_autofree char *q4 = fixture ("xinfadi-2021q4-excerpt.csv");
  g_autofree char *usda = fixture ("usda-terminal-2026-09-slice.csv");

  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (fruit, FMT_CSV, NULL);

    /* the mid-file BOM is gone */
    assert_quote (find_quote (b, "生台农小芒果", "2016-04-28"), "生台农小芒果", "斤", "2016-04-28",
                  4000, 5000, 6000);
    /* "6" before 2013-06-13, "6.00" after: the same number */
    assert_quote (quote_at (b, 0), "红灯", "斤", "2013-06-10", 6000, 9000, 12000);
    /* 玫瑰香,6.00,6.80,5.00 */
    assert_int_equal (reject_at (b, 0)->reason, JC_REJECT_LOW_ABOVE_HIGH);
    assert_int_equal (reject_at (b, 0)->line, 129);
    assert_contains (reject_at (b, 0)->detail, "6.00");
    assert_int_equal (reject_at (b, 1)->reason, JC_REJECT_AVG_OUTSIDE);
    assert_int_equal (reject_at (b, 1)->line, 144);
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (veg, FMT_CSV, NULL);
    GArray *rejects = jc_feed_batch_get_rejects (b);
    gboolean saw_unit_text = FALSE;

    assert_quote (find_quote (b, "木耳菜", "2016-04-28"), "木耳菜", "斤", "2016-04-28", 2000, 2250, 2500);
    assert_string_equal (find_quote (b, "木耳菜", "2016-04-28")->spec, "水菜");
    for (guint i = 0; i < rejects->len; i++)
      {
        const JcReject *r = &g_array_index (rejects, JcReject, i);

        if (r->reason == JC_REJECT_UNIT_IN_PRICE)
          {
            assert_contains (r->detail, "2.7（个）");
            saw_unit_text = TRUE;
          }
      }
    assert_true (saw_unit_text);
    /* the four-BOM last line is the last reject */
    assert_int_equal (reject_at (b, rejects->len - 1)->reason, JC_REJECT_MISSING_FIELD);
    assert_int_equal (reject_at (b, rejects->len - 1)->line, 182);
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (gbk, FMT_CSV, NULL);

    assert_true (has_warning (b, "GB18030"));
    assert_quote (quote_at (b, 0), "大白菜", "斤", "2021-12-10", 700, 900, 1100);
    assert_string_equal (quote_at (b, 0)->origin, "冀陕辽");
    assert_string_equal (quote_at (b, 1)->spec, "大");
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (gbk6, FMT_CSV, NULL);

    assert_quote (quote_at (b, 0), "大白菜", "斤", "2021-03-22", 400, 500, 600);
    assert_string_equal (quote_at (b, 0)->spec, "存储");
    assert_string_equal (quote_at (b, 4)->spec, "长杆\\冀");
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (crcrlf, FMT_CSV, NULL);

    assert_quote (quote_at (b, 0), "大白菜", "斤", "2021-07-16", 450, 480, 500);
    assert_string_equal (quote_at (b, 0)->spec, "\\新");
    assert_int_equal (quote_at (b, 19)->line, 20);
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (q4, FMT_CSV, NULL);

    assert_true (has_warning (b, "name=2,category=0,origin=6,unit=7,date=8,low=3,avg=5,high=4"));
  }
  {
    g_autoptr(JcFeedBatch) b = parse_path_ok (usda, FMT_CSV, NULL);
    const JcQuote *q = quote_at (b, 2);

    /* Avocados HASS 36s: low 38, high 41, mostly 39–40 */
    assert_quote (q, "Avocados HASS", "cartons 2 layer", "2026-09-01", 38000, 39500, 41000);
    assert_string_equal (q->spec, "36s");
    assert_string_equal (q->origin, "Mexico");
    assert_int_equal (q->unit_milli_kg, 0);
    q = find_quote (b, "Bananas THAI TYPE", NULL);
    assert_int_equal (q->unit_milli_kg, 15876);
    q = quote_at (b, 49);
    assert_quote (q, "Carrots", "sacks 10 5-lb film bags", "2026-09-01", 38000, 38500, 39000);
    assert_int_equal (q->unit_milli_kg, 22680);
    assert_int_equal (q->line, 51);
  }
}

/* ---- the real files (../shared/data) ---- */

static const char *
shared_data (void)
{
  const char *dir = g_getenv ("JICAI_SHARED_DATA");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

#define REQUIRE_SHARED_DATA(dir)                                               \
  G_STMT_START {                                                               \
    if ((dir) == NULL)                                                         \
      {                                                                        \
        print_message ("skipped: ../shared/data absent (JICAI_SHARED_DATA); "  \
                       "the fixture tests above cover excerpts\n");            \
        skip ();                                                               \
      }                                                                        \
  } G_STMT_END

static const FileCase real_files[] = {
  { "raw/xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv", FMT_CSV, NULL,
    40000, 7116, 59, { [JC_REJECT_AVG_OUTSIDE] = 32825 } },
  { "raw/xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv", FMT_CSV,
    Q4_MAPPING, 40000, 39748, 252, { 0 } },
  { "raw/xinfadi-getpricedata-2021q4/caijia_2021-10-12_to_2021-10-25_nocat.csv", FMT_CSV, NULL,
    5980, 1109, 0, { [JC_REJECT_AVG_OUTSIDE] = 4871 } },
  { "raw/xinfadi-getpricedata-2021q4/caijia_2021-10-12_to_2021-10-25_nocat.csv", FMT_CSV,
    Q4_NOCAT_MAPPING, 5980, 5944, 36, { 0 } },
  { "raw/xinfadi-getpricedata-2021-12-spec/prive_duo_utf8.csv", FMT_CSV, NULL, 580, 580, 0, { 0 } },
  { "raw/xinfadi-getpricedata-2021-12-spec/prive_data1_gbk.csv", FMT_CSV, NULL, 140, 140, 0, { 0 } },
  { "raw/xinfadi-html-table-2021/caijia_2021-07-16_noheader.csv", FMT_CSV, NULL, 20, 20, 0, { 0 } },
  { "raw/xinfadi-html-table-2021/caijia_2021-03-22_noheader_gbk.csv", FMT_CSV, NULL, 13, 13, 0, { 0 } },
  { "raw/xinfadi-html-2013-2016/XinFDFruit_2013-06-10_to_2016-05-05.csv", FMT_CSV, NULL,
    79621, 78624, 464, { [JC_REJECT_LOW_ABOVE_HIGH] = 3, [JC_REJECT_AVG_OUTSIDE] = 530 } },
  { "raw/xinfadi-html-2013-2016/XinFDVeg_2013-06-10_to_2016-05-03.from_xlsx.csv", FMT_CSV, NULL,
    110609, 109300, 664,
    { [JC_REJECT_ZERO_PRICE] = 282, [JC_REJECT_LOW_ABOVE_HIGH] = 30, [JC_REJECT_AVG_OUTSIDE] = 330,
      [JC_REJECT_UNIT_IN_PRICE] = 1, [JC_REJECT_EMPTY_NAME] = 1, [JC_REJECT_MISSING_FIELD] = 1 } },
  { "raw/usda-terminal-2026-09-slice/terminal_2026-09_first_rows.csv", FMT_CSV, NULL, 62, 62, 0, { 0 } },
  { "samples/xinfadi_getPriceData_2025-02-08_page1.json", FMT_XINFADI, NULL, 20, 20, 0, { 0 } },
};

static void
test_real_file_counts (void **state)
{
  const char *dir = shared_data ();

  REQUIRE_SHARED_DATA (dir);
  for (guint i = 0; i < G_N_ELEMENTS (real_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, real_files[i].name, NULL);
      gint64 t0 = g_get_monotonic_time ();

      run_case (path, &real_files[i]);
      print_message ("      %.0f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
    }
}

/* The files that are not price feeds are refused with a reason, never
 * half-read. */
static void
test_real_files_refused (void **state)
{
  static const struct {
    const char *name;
    Fmt         fmt;
    int         code;
    const char *needle;
  } cases[] = {
    { "raw/usda-terminal-sweetcorn-weekly/corn_sweet_weekly_bicolor_white_yellow_1998-2018.csv",
      FMT_CSV, JC_FEED_ERROR_UNKNOWN_FORMAT, "DATE,BI-COLOR,WHITE,YELLOW" },
    { "raw/usda-terminal-sweetcorn-weekly/corn_sweet_monthly_bicolor_1998-2019.csv",
      FMT_CSV, JC_FEED_ERROR_UNKNOWN_FORMAT, "DATE,PRICE" },
    { "raw/usda-mars-reference/markets_db.csv", FMT_CSV, JC_FEED_ERROR_UNKNOWN_FORMAT, "slug_id" },
    { "raw/usda-mars-reference/package_to_pounds.csv", FMT_CSV, JC_FEED_ERROR_UNKNOWN_FORMAT, "lacks" },
    { "raw/usda-mars-reference/MARS_to_TONW.csv", FMT_CSV, JC_FEED_ERROR_UNKNOWN_FORMAT, "MARS commodity" },
    /* a text with two truncated JSON examples: not JSON */
    { "samples/usda_mars_docs_examples.txt", FMT_USDA, JC_FEED_ERROR_MALFORMED, "not valid JSON" },
  };
  const char *dir = shared_data ();

  REQUIRE_SHARED_DATA (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      JcFeedBatch *b = parse_path (path, cases[i].fmt, NULL, &error);

      assert_null (b);
      assert_error (error, JC_FEED_ERROR, cases[i].code);
      assert_contains (error->message, cases[i].needle);
    }

  /* the second example of the USDA text alone: a MARS envelope, truncated */
  {
    g_autofree char *path = g_build_filename (dir, "samples/usda_mars_docs_examples.txt", NULL);
    g_autoptr(GBytes) bytes = jc_test_read (path);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    const char *start = strstr (text, "reports/1095");
    g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
    g_autoptr(GError) error = NULL;

    assert_non_null (start);
    start = strchr (start, '{');
    assert_non_null (start);
    assert_false (jc_feed_parse_usda (start, strlen (start), b, &error));
    assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
    assert_contains (error->message, "truncated");
  }
}

static void
test_real_file_content (void **state)
{
  const char *dir = shared_data ();

  REQUIRE_SHARED_DATA (dir);
  {
    g_autofree char *path = g_build_filename (
      dir, "raw/xinfadi-html-2013-2016/XinFDVeg_2013-06-10_to_2016-05-03.from_xlsx.csv", NULL);
    g_autoptr(JcFeedBatch) b = parse_path_ok (path, FMT_CSV, NULL);
    GArray *rejects = jc_feed_batch_get_rejects (b);
    guint lines[N_REASONS] = { 0 };

    for (guint i = 0; i < rejects->len; i++)
      {
        const JcReject *r = &g_array_index (rejects, JcReject, i);

        lines[r->reason] = r->line;
      }
    /* the lines SOURCES.md names */
    assert_int_equal (lines[JC_REJECT_UNIT_IN_PRICE], 23476);
    assert_int_equal (lines[JC_REJECT_EMPTY_NAME], 43447);
    assert_int_equal (lines[JC_REJECT_MISSING_FIELD], 110610);
    assert_quote (find_quote (b, "木耳菜", "2016-04-28"), "木耳菜", "斤", "2016-04-28", 2000, 2250, 2500);
  }
  {
    g_autofree char *path = g_build_filename (
      dir, "raw/xinfadi-html-2013-2016/XinFDFruit_2013-06-10_to_2016-05-05.csv", NULL);
    g_autoptr(JcFeedBatch) b = parse_path_ok (path, FMT_CSV, NULL);

    assert_int_equal (find_quote (b, "生台农小芒果", "2016-04-28")->line, 79022);
    assert_quote (find_quote (b, "生台农小芒果", "2016-04-28"), "生台农小芒果", "斤", "2016-04-28",
                  4000, 5000, 6000);
  }
  {
    g_autofree char *path = g_build_filename (
      dir, "raw/xinfadi-getpricedata-2021q4/caijia_2021-09-08_to_2021-12-07.csv", NULL);
    g_autoptr(JcFeedBatch) b = parse_path_ok (path, FMT_CSV, Q4_MAPPING);
    GArray *quotes = jc_feed_batch_get_quotes (b);
    g_autoptr(GHashTable) days = g_hash_table_new (g_str_hash, g_str_equal);
    guint per_unit[5] = { 0 };
    static const char *units[5] = { "斤", "个", "盒", "袋", "箱" };

    for (guint i = 0; i < quotes->len; i++)
      {
        const JcQuote *q = &g_array_index (quotes, JcQuote, i);

        g_hash_table_add (days, (gpointer) q->date);
        for (guint u = 0; u < 5; u++)
          if (g_str_equal (q->unit, units[u]))
            per_unit[u]++;
      }
    /* 91 days, 2021-09-08 … 2021-12-07 */
    assert_int_equal (g_hash_table_size (days), 91);
    assert_int_equal (per_unit[0] + per_unit[1] + per_unit[2] + per_unit[3] + per_unit[4], quotes->len);
    assert_true (per_unit[1] > 0 && per_unit[4] > 0);
  }
  {
    g_autofree char *path = g_build_filename (dir, "samples/xinfadi_getPriceData_2025-02-08_page1.json", NULL);
    g_autoptr(JcFeedBatch) b = parse_path_ok (path, FMT_XINFADI, NULL);

    assert_sample_page (b, NULL);
  }
}

/* package_to_pounds.csv pairs MARS package texts with their pounds: where
 * the text states a mass we agree with it, to the gram, except for the one
 * package that states two masses ("5 kg/11 lb flats": we take 5 kg); the
 * layer packages we refuse to guess. */
static void
test_real_package_pounds (void **state)
{
  const char *dir = shared_data ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint converted = 0, refused = 0;

  REQUIRE_SHARED_DATA (dir);
  path = g_build_filename (dir, "raw/usda-mars-reference/package_to_pounds.csv", NULL);
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_strchomp (lines[i]), ",", -1);
      gint64 g = 0, pounds_milli = 0, expect;

      if (g_strv_length (f) != 4)
        continue;
      if (!jc_usda_package_to_kg_milli (f[2], &g))
        {
          assert_true (strstr (f[2], "layer") != NULL);
          refused++;
          continue;
        }
      converted++;
      if (g_str_equal (f[2], "5 kg/11 lb flats"))
        {
          assert_int_equal (g, 5000);
          continue;
        }
      assert_true (jc_parse_decimal (f[3], 3, &pounds_milli, NULL));
      /* grams = pounds × 453.59237, half up */
      expect = (pounds_milli * 45359237 + 50000000) / 100000000;
      assert_int_equal (g, expect);
    }
  assert_int_equal (converted, 14);
  assert_int_equal (refused, 3);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_reason_names),
    cmocka_unit_test (test_each_reason),
    cmocka_unit_test (test_reason_order),
    cmocka_unit_test (test_text_too_long),
    cmocka_unit_test (test_prices_and_dates),
    cmocka_unit_test (test_duplicates),
    cmocka_unit_test (test_duplicates_at_scale),
    cmocka_unit_test (test_unit_mass),
    cmocka_unit_test (test_usda_packages),
    cmocka_unit_test (test_xinfadi_sample_page),
    cmocka_unit_test (test_xinfadi_single_record),
    cmocka_unit_test (test_xinfadi_malformed),
    cmocka_unit_test (test_xinfadi_wrong_types),
    cmocka_unit_test (test_xinfadi_number_prices),
    cmocka_unit_test (test_usda_json),
    cmocka_unit_test (test_usda_sections),
    cmocka_unit_test (test_guess_format),
    cmocka_unit_test (test_fixture_counts),
    cmocka_unit_test (test_fixture_content),
    cmocka_unit_test (test_real_file_counts),
    cmocka_unit_test (test_real_files_refused),
    cmocka_unit_test (test_real_file_content),
    cmocka_unit_test (test_real_package_pounds),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
