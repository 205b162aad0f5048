/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Prices quoted per pack, per piece or per a stated unit, and quotes held
 * for review (jc-prices.h): the median rule, the category range without
 * history, the exact conversion, release, and re-evaluation on map. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

typedef struct {
  char    *dir;
  char    *path;   /* the database's location (jc-test-store.h) */
  JcStore *store;
  JcItem  *oil;       /* grain, kg, a 5 L drum of 4.6 kg */
  JcItem  *cabbage;   /* veg, kg */
  gint64   xfd;
  gint64   backup;
} Fixture;

static gint64
add_source (JcStore    *store,
            const char *name,
            int         priority)
{
  g_autoptr(JcSource) s = jc_source_new ();

  s->name = g_strdup (name);
  s->adapter = g_strdup ("xinfadi");
  s->url = g_strdup ("http://127.0.0.1:1/getPriceData.html");
  s->priority = priority;
  assert_true (jc_store_insert_source (store, s, NULL));
  return s->id;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, NULL);
  assert_non_null (f->store);
  f->oil = jc_item_new ();
  f->oil->code = g_strdup ("G010");
  f->oil->name = g_strdup ("金龙鱼调和油");
  f->oil->category = g_strdup ("grain");
  f->oil->base_unit = JC_BASE_UNIT_KG;
  f->oil->pack_milli = 4600;
  assert_true (jc_store_insert_item (f->store, f->oil, NULL));
  f->cabbage = jc_item_new ();
  f->cabbage->code = g_strdup ("V001");
  f->cabbage->name = g_strdup ("大白菜");
  f->cabbage->category = g_strdup ("veg");
  f->cabbage->base_unit = JC_BASE_UNIT_KG;
  assert_true (jc_store_insert_item (f->store, f->cabbage, NULL));
  f->xfd = add_source (f->store, "新发地", 10);
  f->backup = add_source (f->store, "backup", 50);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_item_free (f->oil);
  jc_item_free (f->cabbage);
  jc_test_store_location_free (f->path);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* Stores one quote (low = avg = high) and returns whether it is held. */
static gboolean
put (Fixture      *f,
     gint64        source,
     const JcItem *item,
     const char   *name,
     const char   *unit,
     const char   *date,
     gint64        price)
{
  JcPriceQuote q = { name, "", "", "", unit, date, price, price, price, 0 };
  g_autoptr(GError) error = NULL;
  JcPutResult r;
  gboolean mapped = FALSE, held = FALSE;

  assert_true (jc_price_put_quote_full (f->store, source, 0, &q, item, &r, &mapped, &held, &error));
  assert_no_error (error);
  assert_true (mapped);
  return held;
}

static void
day (int   n,
     char  out[11])
{
  g_autoptr(GDateTime) d = g_date_time_new_utc (2026, 9, 1, 0, 0, 0);
  g_autoptr(GDateTime) e = g_date_time_add_days (d, n);
  g_autofree char *s = g_date_time_format (e, "%Y-%m-%d");

  g_strlcpy (out, s, 11);
}

static gint64
listed_avg (Fixture    *f,
            const char *code,
            const char *date,
            guint      *n)
{
  g_autoptr(GPtrArray) rows = jc_store_list_prices (f->store, code, date, date, NULL);
  gint64 avg = -1;

  assert_non_null (rows);
  *n = rows->len;
  if (rows->len > 0)
    avg = ((JcPriceRow *) rows->pdata[0])->avg_milliyuan;
  return avg;
}

/* The median of the last 30 quoted days, not of all history; > 5× and
 * < ⅕ are held, exactly 5× and ⅕ are not; held quotes are in no price
 * list, reference price or history. */
static void
test_median_rule (void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) hist = NULL;
  JcRefPrice ref;
  char d[11];
  guint n;

  /* 40 days at 20 元/kg, then 30 days at 5 元/kg (per 斤: half) */
  for (int i = 0; i < 40; i++)
    {
      day (i, d);
      assert_false (put (f, f->xfd, f->cabbage, "大白菜", "斤", d, 10000));
    }
  for (int i = 40; i < 70; i++)
    {
      day (i, d);
      assert_false (put (f, f->xfd, f->cabbage, "大白菜", "斤", d, 2500));
    }
  /* median of the last 30 days is 5000/kg (of all 70 days it would be
   * 20000, and 30 元/kg would pass) */
  day (70, d);
  assert_true (put (f, f->xfd, f->cabbage, "大白菜", "斤", d, 15000));
  assert_int_equal (jc_store_count_held (f->store, NULL), 1);
  assert_int_equal (listed_avg (f, "V001", d, &n), -1);
  assert_int_equal (n, 0);
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, d, 7, &ref, NULL));
  assert_true (ref.found);
  assert_int_equal (ref.price_milliyuan, 5000);   /* the day before's, not the held one */
  assert_string_equal (ref.date, "2026-11-09");
  assert_false (ref.stale);   /* Monday's price is current for Tuesday (office calendar) */
  hist = jc_store_price_history (f->store, f->cabbage->id, d, d, NULL);
  assert_int_equal (hist->len, 0);

  /* exactly 5× and exactly ⅕ pass; one milli-yuan beyond is held */
  day (71, d);
  assert_false (put (f, f->backup, f->cabbage, "大白菜", "kg", d, 25000));
  day (72, d);
  assert_false (put (f, f->backup, f->cabbage, "大白菜", "kg", d, 1000));
  day (73, d);
  assert_true (put (f, f->backup, f->cabbage, "大白菜", "kg", d, 25001));
  day (74, d);
  assert_true (put (f, f->backup, f->cabbage, "大白菜", "kg", d, 999));
  assert_int_equal (jc_store_count_held (f->store, NULL), 3);

  {
    g_autoptr(GPtrArray) held = jc_price_list_held (f->store, NULL);
    JcHeldQuote *h;

    assert_int_equal (held->len, 3);
    h = held->pdata[2];   /* newest first: the 斤 quote is the oldest */
    assert_string_equal (h->market_name, "大白菜");
    assert_string_equal (h->unit, "斤");
    assert_int_equal (h->avg_milliyuan, 15000);
    assert_int_equal (h->base_avg_milliyuan, 30000);
    assert_true (h->has_median);
    assert_int_equal (h->median_milliyuan, 5000);
    assert_false (h->has_range);
  }
}

/* Without history: the category range, which the office can change. */
static void
test_category_range (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) ranges = jc_store_list_price_ranges (f->store, NULL);
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < ranges->len; i++)
    {
      JcPriceRange *r = ranges->pdata[i];

      if (strcmp (r->category, "grain") == 0 && r->base_unit == JC_BASE_UNIT_KG)
        {
          found = TRUE;
          assert_int_equal (r->low_milliyuan, 1000);
          assert_int_equal (r->high_milliyuan, 60000);
        }
    }
  assert_true (found);

  /* the market's 61.5 "per 斤" for a 5 L drum: 123 元/kg, no history */
  assert_true (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", "2026-11-30", 61500));
  /* 13 元/kg is in range */
  assert_false (put (f, f->backup, f->oil, "金龙鱼调和油", "kg", "2026-11-29", 13000));
  {
    g_autoptr(GPtrArray) held = jc_price_list_held (f->store, NULL);
    JcHeldQuote *h = held->pdata[0];

    assert_int_equal (held->len, 1);
    /* held before its history existed: compared with the range */
    assert_false (h->has_median);
    assert_true (h->has_range);
    assert_int_equal (h->range_high_milliyuan, 60000);
    assert_int_equal (h->suggest, JC_HOLD_SUGGEST_PACK);
    assert_int_equal (h->suggested_avg_milliyuan, 13370);
  }

  /* an office that buys dearer goods widens the range */
  assert_true (jc_store_set_price_range (f->store, "grain", JC_BASE_UNIT_KG, 1000, 200000, &error));
  assert_no_error (error);
  assert_false (jc_store_set_price_range (f->store, "grain", JC_BASE_UNIT_KG, 5000, 4000, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
  g_clear_error (&error);
  assert_false (jc_store_set_price_range (f->store, "nuts", JC_BASE_UNIT_KG, 1, 2, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autoptr(JcItem) rice = jc_item_new ();

    rice->code = g_strdup ("G001");
    rice->name = g_strdup ("东北大米");
    rice->category = g_strdup ("grain");
    rice->base_unit = JC_BASE_UNIT_KG;
    assert_true (jc_store_insert_item (f->store, rice, NULL));
    /* 150 元/kg passes the wider range, 250 元/kg does not */
    assert_false (put (f, f->xfd, rice, "东北大米", "kg", "2026-11-30", 150000));
    assert_true (put (f, f->xfd, rice, "东北大米", "kg", "2026-11-30", 250000));
  }
  /* no range at all: nothing to compare with, not held */
  assert_true (jc_store_set_price_range (f->store, "veg", JC_BASE_UNIT_KG, 0, 0, &error));
  assert_false (put (f, f->xfd, f->cabbage, "大白菜", "kg", "2026-11-30", 900000));
}

/* "quoted per" is exact with one rounding; a source's own override wins
 * over the every-source one and applies to that source only. */
static void
test_override_conversion (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcUnitFactor u;
  JcMapResult res;
  guint n;

  assert_true (jc_quoted_per_factor (f->oil, "pack", &u, &error));
  assert_int_equal (u.num * 1000, 4600 * u.den);
  assert_true (jc_quoted_per_factor (f->oil, "500 g", &u, NULL));
  assert_int_equal (u.num * 2, u.den);
  assert_true (jc_quoted_per_factor (f->oil, "2.5 kg", &u, NULL));
  assert_int_equal (u.num * 2, u.den * 5);
  assert_false (jc_quoted_per_factor (f->oil, "5 L", &u, &error));
  assert_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE);
  g_clear_error (&error);
  assert_false (jc_quoted_per_factor (f->oil, "piece", &u, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
  g_clear_error (&error);
  assert_false (jc_quoted_per_factor (f->cabbage, "pack", &u, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
  g_clear_error (&error);
  assert_false (jc_quoted_per_factor (f->oil, "0 kg", &u, &error));
  g_clear_error (&error);

  /* a refused override changes nothing: no override is kept */
  assert_false (jc_price_map_market_name_as (f->store, "金龙鱼调和油", "G010", "新发地", "5 L",
                                             NULL, &error));
  g_clear_error (&error);
  {
    g_autofree char *per = jc_store_dup_quoted_per (f->store, f->xfd, "金龙鱼调和油", NULL);

    assert_string_equal (per, "");
  }

  assert_true (jc_price_map_market_name_as (f->store, "金龙鱼调和油", "G010", "新发地", "pack",
                                            &res, &error));
  assert_no_error (error);
  /* 61.5 per drum of 4.6 kg = 13369.565… → 13370 milli-yuan/kg */
  assert_false (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", "2026-11-30", 61500));
  assert_int_equal (listed_avg (f, "G010", "2026-11-30", &n), 13370);
  /* the other source is still read per the unit it prints */
  assert_false (put (f, f->backup, f->oil, "金龙鱼调和油", "斤", "2026-11-29", 6500));
  assert_int_equal (listed_avg (f, "G010", "2026-11-29", &n), 13000);

  /* half up, once: 2 milli-yuan per 4 kg is 0.5 → 1 */
  assert_true (jc_price_map_market_name_as (f->store, "大白菜", "V001", NULL, "4 kg", &res, NULL));
  assert_true (jc_store_set_price_range (f->store, "veg", JC_BASE_UNIT_KG, 0, 0, NULL));
  assert_false (put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-30", 2));
  assert_int_equal (listed_avg (f, "V001", "2026-11-30", &n), 1);
  /* the source's own override wins over the every-source one */
  assert_true (jc_price_map_market_name_as (f->store, "大白菜", "V001", "backup", "kg", &res, NULL));
  assert_false (put (f, f->backup, f->cabbage, "大白菜", "斤", "2026-11-29", 2000));
  assert_int_equal (listed_avg (f, "V001", "2026-11-29", &n), 2000);
}

static gint64
count_audit (Fixture    *f,
             const char *sql)
{
  return _jc_store_count (f->store, sql, NULL);
}

/* Released as they are, audited, in one transaction. */
static void
test_release (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[2];
  guint n = 0;

  assert_true (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", "2026-11-30", 61500));
  assert_true (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", "2026-11-29", 61500));
  held = jc_price_list_held (f->store, NULL);
  assert_int_equal (held->len, 2);
  ids[0] = ((JcHeldQuote *) held->pdata[0])->id;
  ids[1] = ids[0] + 1000;

  /* one id that is not held fails the whole release */
  assert_false (jc_store_release_held (f->store, ids, 2, FALSE, "checked", &n, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_int_equal (jc_store_count_held (f->store, NULL), 2);
  assert_int_equal (count_audit (f, "SELECT COUNT(*) FROM price_hold_audit"), 0);

  assert_true (jc_store_release_held (f->store, ids, 1, FALSE, "checked with the market", &n,
                                      &error));
  assert_no_error (error);
  assert_int_equal (n, 1);
  assert_int_equal (jc_store_count_held (f->store, NULL), 1);
  assert_int_equal (listed_avg (f, "G010", "2026-11-30", &n), 123000);
  assert_int_equal (count_audit (f, "SELECT COUNT(*) FROM price_hold_audit WHERE action = 'release' "
                                    "AND reason = 'checked with the market' AND who <> ''"), 1);

  assert_true (jc_store_release_held (f->store, NULL, 0, TRUE, NULL, &n, &error));
  assert_int_equal (n, 1);
  assert_int_equal (jc_store_count_held (f->store, NULL), 0);
}

/* Mapping a name as quoted per pack converts its quotes and releases the
 * held ones that are then in range, oldest first; the suggestion said so. */
static void
test_map_reevaluates (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;
  JcMapResult res = { 0 };
  char d[11];
  guint n;

  for (int i = 0; i < 30; i++)
    {
      day (i, d);
      assert_false (put (f, f->backup, f->oil, "金龙鱼调和油", "kg", d, 13000));
    }
  for (int i = 30; i < 33; i++)
    {
      day (i, d);
      assert_true (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", d, 61500));
    }
  /* a quote that would stay out of range even per pack */
  day (33, d);
  assert_true (put (f, f->xfd, f->oil, "金龙鱼调和油", "斤", d, 600000));

  held = jc_price_list_held (f->store, NULL);
  assert_int_equal (held->len, 4);
  {
    JcHeldQuote *h = held->pdata[1];
    g_autofree char *text = jc_held_quote_dup_suggestion (h);

    assert_true (h->has_median);
    assert_int_equal (h->median_milliyuan, 13000);
    assert_int_equal (h->suggest, JC_HOLD_SUGGEST_PACK);
    assert_non_null (strstr (text, "4.6"));
  }

  assert_true (jc_price_map_market_name_as (f->store, "金龙鱼调和油", "G010", "新发地", "pack",
                                            &res, &error));
  assert_no_error (error);
  assert_int_equal (res.converted, 4);
  assert_int_equal (res.released, 3);
  assert_int_equal (res.held, 1);
  assert_int_equal (jc_store_count_held (f->store, NULL), 1);
  day (30, d);
  assert_int_equal (listed_avg (f, "G010", d, &n), 13370);
  assert_int_equal (count_audit (f, "SELECT COUNT(*) FROM price_hold_audit WHERE action = 'convert' "
                                    "AND quoted_per = 'pack'"), 3);
  /* the other source's quotes were not touched */
  day (0, d);
  assert_int_equal (listed_avg (f, "G010", d, &n), 13000);
}

/* A price typed ten times too high is suggested as such. */
static void
test_suggest_ten (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) held = NULL;
  char d[11];

  for (int i = 0; i < 10; i++)
    {
      day (i, d);
      assert_false (put (f, f->xfd, f->cabbage, "大白菜", "斤", d, 800));
    }
  day (10, d);
  assert_true (put (f, f->xfd, f->cabbage, "大白菜", "斤", d, 8000));
  held = jc_price_list_held (f->store, NULL);
  assert_int_equal (held->len, 1);
  assert_int_equal (((JcHeldQuote *) held->pdata[0])->suggest, JC_HOLD_SUGGEST_TEN_HIGH);
  assert_int_equal (((JcHeldQuote *) held->pdata[0])->suggested_avg_milliyuan, 1600);
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_median_rule),
    T (test_category_range),
    T (test_override_conversion),
    T (test_release),
    T (test_map_reevaluates),
    T (test_suggest_ten),
  };

  jc_test_store_init ("price-hold");
  return cmocka_run_group_tests_name ("price-hold", tests, NULL, NULL);
}
