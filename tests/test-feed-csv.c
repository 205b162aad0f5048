/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CSV price feed: header names and layouts, line numbers, CR-only
 * files, GBK and damaged UTF-8, column mappings, mislabelled columns,
 * refused files and stray quotes. */
#include "config.h"

#include "jc-test-feed.h"

static void
test_csv_headers (void **state)
{
  /* English, any order, a quoted comma, CR LF */
  {
    g_autoptr(JcFeedBatch) b = parse_csv_text (
      "pubDate,highPrice,prodName,lowPrice,avgPrice,unitInfo,place,specInfo,prodCat,prodPcat\r\n"
      "2025-02-08 00:00:00,0.6,大白菜,0.55,0.58,斤,\"冀,鲁\",,蔬菜,\r\n"
      "2025-02-08 00:00:00,1.5,娃娃菜,1.2,1.35,箱,豫鄂,\"大 \"\"精品\"\"\",蔬菜,\r\n", NULL);

    assert_counts (b, 2, 2, 0, NO_REJECTS);
    assert_quote (quote_at (b, 0), "大白菜", "斤", "2025-02-08", 550, 580, 600);
    assert_string_equal (quote_at (b, 0)->origin, "冀,鲁");
    assert_string_equal (quote_at (b, 0)->category, "蔬菜");
    assert_string_equal (quote_at (b, 1)->spec, "大 \"精品\"");
    assert_string_equal (quote_at (b, 1)->unit, "箱");
    assert_int_equal (quote_at (b, 1)->line, 3);
  }
  /* Chinese, no 单位 column: per 斤; a BOM at the start and mid-file */
  {
    g_autoptr(JcFeedBatch) b = parse_csv_text (
      "\xEF\xBB\xBF发布日期,品名,最高价,平均价,最低价\n"
      "2016-05-05,菠萝,3.00,2.50,2.00\n"
      "\xEF\xBB\xBF" "2016-04-28,\xEF\xBB\xBF生台农小芒果,6.00,5.00,4.00\n"
      "2016-04-28,\"\xEF\xBB\xBF\xEF\xBB\xBF木耳菜\",2.5,2.25,2\n", NULL);

    assert_counts (b, 3, 3, 0, NO_REJECTS);
    assert_quote (quote_at (b, 0), "菠萝", "斤", "2016-05-05", 2000, 2500, 3000);
    assert_quote (quote_at (b, 1), "生台农小芒果", "斤", "2016-04-28", 4000, 5000, 6000);
    assert_quote (quote_at (b, 2), "木耳菜", "斤", "2016-04-28", 2000, 2250, 2500);
    assert_int_equal (jc_feed_batch_get_warnings (b)->len, 0);
  }
}

/* Line numbers survive empty lines and quoted line breaks; a short line is
 * MISSING_FIELD, not the end of the file. */
static void
test_csv_lines (void **state)
{
  g_autoptr(JcFeedBatch) b = parse_csv_text (
    "品名,最低价,平均价,最高价,发布日期\n"   /* 1 */
    "白菜,1,2,3,2025-01-01\n"                 /* 2 */
    "\n"                                      /* 3 */
    "白菜,1,2\n"                              /* 4 */
    "\"长\n名\",1,2,3,2025-01-01\n"           /* 5–6 */
    "萝卜,3,2,1,2025-01-01\r\n"               /* 7 */
    "\r\n"                                    /* 8 */
    "萝卜,1,2,3,2025-01-01,extra\n"           /* 9 */
    "\xEF\xBB\xBF\xEF\xBB\xBF\n"              /* 10 */
    "豆角,1,2,3,2025-01-01", NULL);           /* 11, no final line break */
  const JcReject *r;

  assert_counts (b, 7, 3, 0,
                 (const guint[N_REASONS]) { [JC_REJECT_MISSING_FIELD] = 3,
                                            [JC_REJECT_LOW_ABOVE_HIGH] = 1 });
  assert_int_equal (quote_at (b, 0)->line, 2);
  assert_string_equal (quote_at (b, 1)->market_name, "长\n名");
  assert_int_equal (quote_at (b, 1)->line, 5);
  assert_int_equal (quote_at (b, 2)->line, 11);
  r = reject_at (b, 0);
  assert_int_equal (r->reason, JC_REJECT_MISSING_FIELD);
  assert_int_equal (r->line, 4);
  assert_contains (r->detail, "3 fields");
  assert_int_equal (reject_at (b, 1)->line, 7);
  assert_int_equal (reject_at (b, 2)->line, 9);
  assert_int_equal (reject_at (b, 3)->line, 10);
}

/* Lines that end with CR only still have their numbers. */
static void
test_csv_cr_only (void **state)
{
  g_autoptr(JcFeedBatch) b = parse_csv_text ("品名,最低价,平均价,最高价,发布日期\r"
                                             "白菜,1,2,3,2025-01-01\r"
                                             "萝卜,3,2,1,2025-01-01\r"
                                             "豆角,1,2,3,2025-01-01\r", NULL);

  assert_counts (b, 3, 2, 0, (const guint[N_REASONS]) { [JC_REJECT_LOW_ABOVE_HIGH] = 1 });
  assert_int_equal (quote_at (b, 1)->line, 4);
  assert_int_equal (reject_at (b, 0)->line, 3);
}

static void
test_csv_no_header (void **state)
{
  g_autoptr(JcFeedBatch) seven = parse_csv_text (
    "大白菜,0.45,0.48,0.50,\\新,斤,2021-07-16\r\r\n"
    "娃娃菜,0.50,0.60,0.70,大\\冀新,斤,2021-07-16\r\r\n", NULL);
  g_autoptr(JcFeedBatch) six = parse_csv_text (
    "大白菜,0.40,0.50,0.60,存储,2021-03-22\n"
    "菠菜,0.50,0.75,1.00,长杆\\冀,2021-03-22\n", NULL);

  assert_counts (seven, 2, 2, 0, NO_REJECTS);
  assert_quote (quote_at (seven, 0), "大白菜", "斤", "2021-07-16", 450, 480, 500);
  assert_string_equal (quote_at (seven, 1)->spec, "大\\冀新");
  assert_int_equal (quote_at (seven, 1)->line, 2);
  assert_counts (six, 2, 2, 0, NO_REJECTS);
  assert_quote (quote_at (six, 1), "菠菜", "斤", "2021-03-22", 500, 750, 1000);
  assert_string_equal (quote_at (six, 1)->spec, "长杆\\冀");
}

static void
test_csv_gbk (void **state)
{
  const char *utf8 = "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                     "鸡蛋,4.5,5.0,5.5,,,斤,2021-12-10 00:00:00\n"
                     "娃娃菜,1.0,1.1,1.2,大,冀豫,斤,2021-12-10 00:00:00\n";
  gsize len = 0;
  g_autofree char *gbk = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  assert_non_null (gbk);
  assert_false (g_utf8_validate (gbk, len, NULL));
  assert_true (jc_feed_parse_csv (gbk, len, NULL, b, &error));
  assert_no_error (error);
  assert_counts (b, 2, 2, 0, NO_REJECTS);
  assert_quote (quote_at (b, 0), "鸡蛋", "斤", "2021-12-10", 4500, 5000, 5500);
  assert_string_equal (quote_at (b, 1)->origin, "冀豫");
  assert_true (has_warning (b, "GB18030"));
}

/* A UTF-8 file with one damaged byte is not GBK: read it as UTF-8 and
 * mark the byte, rather than turn all of it into mojibake. */
static void
test_csv_damaged_utf8 (void **state)
{
  const char *text = "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                     "大白菜,0.7,0.9,1.1,,冀陕辽,斤,2021-12-10 00:00:00\n"
                     "娃娃菜\xff,1.0,1.1,1.2,大,冀豫,斤,2021-12-10 00:00:00\n"
                     "小白菜,1.3,1.45,1.6,,,斤,2021-12-10 00:00:00\n";
  g_autoptr(JcFeedBatch) b = parse_csv_text (text, NULL);

  assert_counts (b, 3, 3, 0, NO_REJECTS);
  assert_string_equal (quote_at (b, 0)->market_name, "大白菜");
  assert_string_equal (quote_at (b, 1)->market_name, "娃娃菜\xEF\xBF\xBD");
  assert_true (has_warning (b, "1 byte"));
  assert_false (has_warning (b, "read as GB18030"));
}

static void
test_csv_mapping_text (void **state)
{
  static const char *bad[] = {
    "name=2,low=3,high=4,avg=5",                      /* no date */
    "name=2,low=3,high=4,avg=5,date=x",
    "name=2,low=3,high=4,avg=5,date=-1",
    "name=2,low=3,high=4,avg=5,date=8,colour=1",
    "name=2,low=3,high=4,avg=5,date=8,name=1",
    "name 2,low=3,high=4,avg=5,date=8",
    "",
  };
  JcCsvMapping m;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assert_true (jc_csv_mapping_parse ("name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8", &m, &error));
  assert_no_error (error);
  assert_int_equal (m.name, 2);
  assert_int_equal (m.low, 3);
  assert_int_equal (m.high, 4);
  assert_int_equal (m.avg, 5);
  assert_int_equal (m.origin, 6);
  assert_int_equal (m.unit, 7);
  assert_int_equal (m.date, 8);
  assert_int_equal (m.category, -1);
  assert_int_equal (m.spec, -1);
  text = jc_csv_mapping_to_string (&m);
  assert_string_equal (text, "name=2,origin=6,unit=7,date=8,low=3,avg=5,high=4");

  assert_true (jc_csv_mapping_parse (" name = 0 , place=1, cat=2,spec=3,low=4,avg=5,high=6,date=7,", &m, &error));
  assert_int_equal (m.origin, 1);
  assert_int_equal (m.category, 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;

      if (jc_csv_mapping_parse (bad[i], &m, &e))
        fail_msg ("mapping “%s” accepted", bad[i]);
      assert_error (e, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING);
    }
}

/* The 2021q4 scrape wrote low, high, avg under a low, avg, high header. */
static void
test_csv_mislabelled_columns (void **state)
{
  const char *text = "prodCat,prodPcat,prodName,lowPrice,avgPrice,highPrice,place,unitInfo,pubDate\n"
                     "水产,,鲫鱼,8.0,9.0,8.5,,斤,2021-09-09 00:00:00\n"
                     "水产,,草鱼,6.0,6.0,6.0,,斤,2021-09-09 00:00:00\n"
                     "蔬菜,,菜花,3.0,3.2,3.1,冀,斤,2021-09-08 00:00:00\n";
  g_autoptr(JcFeedBatch) as_labelled = parse_csv_text (text, NULL);
  GPtrArray *warnings = jc_feed_batch_get_warnings (as_labelled);
  const char *hint = "name=2,category=0,origin=6,unit=7,date=8,low=3,avg=5,high=4";
  JcCsvMapping m;
  g_autoptr(GError) error = NULL;

  assert_counts (as_labelled, 3, 1, 0, (const guint[N_REASONS]) { [JC_REJECT_AVG_OUTSIDE] = 2 });
  assert_int_equal (jc_feed_batch_get_n_swap_fits (as_labelled), 2);
  assert_int_equal (warnings->len, 1);
  assert_contains (g_ptr_array_index (warnings, 0), hint);

  /* the hint, given back, reads the file right; the header line is skipped */
  assert_true (jc_csv_mapping_parse (hint, &m, &error));
  {
    g_autoptr(JcFeedBatch) b = parse_csv_text (text, &m);

    assert_counts (b, 3, 3, 0, NO_REJECTS);
    assert_quote (quote_at (b, 0), "鲫鱼", "斤", "2021-09-09", 8000, 8500, 9000);
    assert_string_equal (quote_at (b, 0)->category, "水产");
    assert_quote (quote_at (b, 2), "菜花", "斤", "2021-09-08", 3000, 3100, 3200);
    assert_string_equal (quote_at (b, 2)->origin, "冀");
    assert_int_equal (jc_feed_batch_get_warnings (b)->len, 0);
  }
  /* a mapping on a file without a header: the first line is a row */
  assert_true (jc_csv_mapping_parse ("name=0,low=1,avg=2,high=3,date=4", &m, &error));
  {
    g_autoptr(JcFeedBatch) b = parse_csv_text ("白菜,1,2,3,2025-01-01\n萝卜,1,1,1,2025-01-01\n", &m);

    assert_counts (b, 2, 2, 0, NO_REJECTS);
  }
}

static void
test_csv_refused (void **state)
{
  static const struct {
    const char *text;
    gsize       len;     /* 0: strlen */
    int         code;
    const char *needle;
  } cases[] = {
    { "DATE,PRICE\n1998-01,13.25\n", 0, JC_FEED_ERROR_UNKNOWN_FORMAT, "DATE,PRICE" },
    { "commodity,variety,package,pounds\nTomatoes,VINE RIPES,cartons 2 layer,20.0\n", 0,
      JC_FEED_ERROR_UNKNOWN_FORMAT, "lacks" },
    { "品名,最低价,最高价,发布日期\n白菜,1,3,2025-01-01\n", 0, JC_FEED_ERROR_UNKNOWN_FORMAT, "lacks" },
    { "白菜,1,2,3,2025-01-01,斤,x,y\n", 0, JC_FEED_ERROR_UNKNOWN_FORMAT, "neither" },
    { "", 0, JC_FEED_ERROR_MALFORMED, "empty" },
    { "\r\n\n  \n", 0, JC_FEED_ERROR_MALFORMED, "empty" },
    { "品名,最低价\0,平均价", 17, JC_FEED_ERROR_ENCODING, "NUL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].len ? cases[i].len : strlen (cases[i].text);

      assert_false (jc_feed_parse_csv (cases[i].text, len, NULL, b, &error));
      assert_error (error, JC_FEED_ERROR, cases[i].code);
      assert_contains (error->message, cases[i].needle);
      assert_int_equal (jc_feed_batch_get_n_seen (b), 0);
    }

  /* a mapping that points past the file's columns */
  {
    g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
    g_autoptr(GError) error = NULL;
    JcCsvMapping m;
    const char *text = "白菜,1,2,3,2025-01-01\n";

    assert_true (jc_csv_mapping_parse ("name=0,low=1,avg=2,high=3,date=7", &m, NULL));
    assert_false (jc_feed_parse_csv (text, strlen (text), &m, b, &error));
    assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING);
    assert_contains (error->message, "date=7");
    assert_int_equal (jc_feed_batch_get_n_seen (b), 0);
  }
}

/* One stray quote must not make the rest of the file one field: the file
 * is refused, naming the line where the quote opened. */
static void
test_csv_stray_quote (void **state)
{
  static const struct {
    const char *text;
    const char *needle;
  } cases[] = {
    /* the quote opens and never closes (the report of issue 11) */
    { "品名,最低价,平均价,最高价,规格,单位,发布日期\n"
      "芋头,1.5,1.55,1.6,普通,斤,2013-06-10\n"
      "山药豆,2,2.5,3,普通,斤,2013-06-10\n"
      "山药,1.8,2.65,3.5,普通,斤,2013-06-10\n"
      "铁棍山药,5,6,7,普通,斤,2013-06-10\n"
      "姜,1,1,1,\"普通,斤,2013-06-10\n"
      "鲜姜,0,0,0,普通,斤,2013-06-10\n"
      "土豆,0.8,1.05,1.3,普通,斤,2013-06-10\n",
      "Line 6: a quote opens a field that never ends" },
    /* CRLF, the quote on the last line, no line end */
    { "品名,最低价,平均价,最高价,规格,单位,发布日期\r\n"
      "芋头,1.5,1.55,1.6,普通,斤,2013-06-10\r\n"
      "姜,1,1,1,\"普通,斤,2013-06-10",
      "Line 3: a quote opens a field that never ends" },
    /* the quote of line 3 is closed by the next quote, on line 5, and
     * text follows it */
    { "品名,最低价,平均价,最高价,规格,单位,发布日期\n"
      "芋头,1.5,1.55,1.6,普通,斤,2013-06-10\n"
      "姜,1,1,1,\"普通,斤,2013-06-10\n"
      "土豆,0.8,1.05,1.3,普通,斤,2013-06-10\n"
      "葱,1,1,1,\"普通\",斤,2013-06-10\n",
      "Line 3: a quote opens a field that is closed on line 5" },
    /* a quote inside an unquoted field */
    { "品名,最低价,平均价,最高价,规格,单位,发布日期\n"
      "芋头,1.5,1.55,1.6,普通,斤,2013-06-10\n"
      "姜,1,1,1,普\"通,斤,2013-06-10\n",
      "Line 3: a quote in the middle of a field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
      g_autoptr(GError) error = NULL;

      assert_false (jc_feed_parse_csv (cases[i].text, strlen (cases[i].text), NULL, b, &error));
      assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
      assert_contains (error->message, cases[i].needle);
      assert_contains (error->message, "Nothing was imported");
    }

  /* quoted fields done right still read, commas and doubled quotes kept */
  {
    g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
    g_autoptr(GError) error = NULL;
    const char *text = "品名,最低价,平均价,最高价,规格,单位,发布日期\n"
                       "\"大白菜\",1,2,3,\"普通, \"\"特级\"\"\",斤,2025-01-01\n"
                       "芋头,1.5,1.55,1.6,\"多行\n规格\",斤,2025-01-01\n";

    assert_true (jc_feed_parse_csv (text, strlen (text), NULL, b, &error));
    assert_no_error (error);
    assert_int_equal (jc_feed_batch_get_n_seen (b), 2);
  }
}

/* ---- USDA MARS JSON (hand-made records in the MARS field names) ---- */

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_csv_headers),
    cmocka_unit_test (test_csv_lines),
    cmocka_unit_test (test_csv_cr_only),
    cmocka_unit_test (test_csv_no_header),
    cmocka_unit_test (test_csv_gbk),
    cmocka_unit_test (test_csv_damaged_utf8),
    cmocka_unit_test (test_csv_mapping_text),
    cmocka_unit_test (test_csv_mislabelled_columns),
    cmocka_unit_test (test_csv_refused),
    cmocka_unit_test (test_csv_stray_quote),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
