/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stored quotes, revisions, mapping, and the reference price (DESIGN.md). */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-error.h"
#include "jc-fetch.h"
#include "jc-master-save.h"
#include "jc-prices.h"
#include "jc-store.h"
#include "jc-test-store.h"

typedef struct {
  char    *path;      /* the database's location (jc-test-store.h) */
  JcStore *store;
  JcItem  *cabbage;   /* kg, per 斤 on the market */
  JcItem  *eggs;      /* pieces of 50 g */
  gint64   xfd;       /* priority 10 */
  gint64   backup;    /* priority 50 */
} Fixture;

static gint64
add_source (JcStore    *store,
            const char *name,
            int         priority)
{
  g_autoptr(JcSource) s = jc_source_new ();
  g_autoptr(GError) error = NULL;

  s->name = g_strdup (name);
  s->adapter = g_strdup ("xinfadi");
  s->url = g_strdup ("http://127.0.0.1:1/getPriceData.html");
  s->priority = priority;
  assert_true (jc_store_insert_source (store, s, &error));
  assert_no_error (error);
  return s->id;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->path = jc_test_store_location ();
  f->store = jc_store_open (f->path, NULL);
  f->cabbage = jc_item_new ();
  f->cabbage->code = g_strdup ("V001");
  f->cabbage->name = g_strdup ("大白菜");
  f->cabbage->category = g_strdup ("veg");
  f->cabbage->base_unit = JC_BASE_UNIT_KG;
  assert_true (jc_store_insert_item (f->store, f->cabbage, NULL));
  f->eggs = jc_item_new ();
  f->eggs->code = g_strdup ("M001");
  f->eggs->name = g_strdup ("鸡蛋");
  f->eggs->category = g_strdup ("meat");
  f->eggs->base_unit = JC_BASE_UNIT_PIECE;
  f->eggs->piece_mass_mg = 50000;
  assert_true (jc_store_insert_item (f->store, f->eggs, NULL));
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
  jc_item_free (f->cabbage);
  jc_item_free (f->eggs);
  jc_test_store_location_free (f->path);
  g_free (f);
  return 0;
}

static JcPutResult
put (Fixture      *f,
     gint64        source,
     const JcItem *item,
     const char   *name,
     const char   *unit,
     const char   *date,
     gint64        low,
     gint64        avg,
     gint64        high)
{
  JcPriceQuote q = { name, "蔬菜", "", "", unit, date, low, avg, high };
  g_autoptr(GError) error = NULL;
  JcPutResult r = JC_PUT_SAME;

  assert_true (jc_price_put_quote (f->store, source, 0, &q, item, &r, &error));
  assert_no_error (error);
  return r;
}

static void
test_new_same_changed (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) rows = NULL;

  assert_int_equal (put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-28", 550, 580, 600), JC_PUT_NEW);
  assert_int_equal (put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-28", 550, 580, 600), JC_PUT_SAME);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 1);
  assert_int_equal (jc_store_count_revisions (f->store, NULL), 0);

  /* a changed price replaces the old one and the change is kept */
  assert_int_equal (put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-28", 550, 590, 650), JC_PUT_CHANGED);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 1);
  assert_int_equal (jc_store_count_revisions (f->store, NULL), 1);

  /* the unit is part of the key: per 箱 on the same day is another quote */
  assert_int_equal (put (f, f->xfd, NULL, "大白菜", "箱", "2026-11-28", 20000, 22000, 24000), JC_PUT_NEW);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 2);

  rows = jc_store_list_prices (f->store, "V001", NULL, NULL, NULL);
  assert_int_equal (rows->len, 1);
  /* per base unit: 5.90 元/斤 = 11.80 元/kg */
  assert_int_equal (((JcPriceRow *) rows->pdata[0])->avg_milliyuan, 1180);
  assert_int_equal (((JcPriceRow *) rows->pdata[0])->high_milliyuan, 1300);
}

static void
test_reference_price (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcRefPrice ref;

  /* nothing at all: no price, never zero */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-29", 7, &ref, &error));
  assert_false (ref.found);

  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-20", 500, 500, 500);
  put (f, f->backup, f->cabbage, "大白菜", "斤", "2026-11-25", 600, 600, 600);
  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-25", 700, 700, 700);

  /* the day itself, preferred source (lower priority number) */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-25", 7, &ref, &error));
  assert_true (ref.found);
  assert_false (ref.stale);
  assert_int_equal (ref.price_milliyuan, 1400);
  assert_int_equal (ref.source_id, f->xfd);

  /* no quote on D: the latest within the window, stale */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-29", 7, &ref, &error));
  assert_true (ref.found);
  assert_true (ref.stale);
  assert_string_equal (ref.date, "2026-11-25");
  assert_int_equal (ref.price_milliyuan, 1400);

  /* exactly at the window's edge (D − 7) still counts; one day beyond does not */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-27", 7, &ref, &error));
  assert_string_equal (ref.date, "2026-11-25");
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-12-02", 7, &ref, &error));
  assert_true (ref.found);
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-12-03", 7, &ref, &error));
  assert_false (ref.found);

  /* a later date is never used for an earlier D */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-21", 7, &ref, &error));
  assert_string_equal (ref.date, "2026-11-20");
  assert_int_equal (ref.price_milliyuan, 1000);

  /* a disabled source is not used */
  {
    g_autoptr(JcSource) s = jc_store_get_source (f->store, "新发地", &error);

    s->enabled = FALSE;
    assert_true (jc_store_update_source (f->store, s, &error));
    assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-25", 7, &ref, &error));
    assert_int_equal (ref.source_id, f->backup);
    assert_int_equal (ref.price_milliyuan, 1200);
  }

  assert_false (jc_store_reference_price (f->store, f->cabbage->id, "2026-13-45", 7, &ref, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
}

/* Several quotes of one item on one day (grades, origins): their mean,
 * half up. */
static void
test_reference_mean_of_quotes (void **state)
{
  Fixture *f = *state;
  JcPriceQuote a = { "大白菜", "", "普通", "冀", "斤", "2026-11-25", 500, 500, 500 };
  JcPriceQuote b = { "大白菜", "", "精品", "鲁", "斤", "2026-11-25", 700, 751, 800 };
  JcPutResult r;
  JcRefPrice ref;
  g_autoptr(GHashTable) all = NULL;

  assert_true (jc_price_put_quote (f->store, f->xfd, 0, &a, f->cabbage, &r, NULL));
  assert_true (jc_price_put_quote (f->store, f->xfd, 0, &b, f->cabbage, &r, NULL));
  /* (1000 + 1502) / 2 = 1251 */
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-25", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 1251);

  all = jc_store_reference_prices (f->store, "2026-11-25", 7, NULL);
  assert_int_equal (g_hash_table_size (all), 1);
  assert_int_equal (((JcRefPrice *) g_hash_table_lookup (all, &f->cabbage->id))->price_milliyuan, 1251);
}

static void
test_unmapped_and_mapping (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  g_autoptr(JcItem) item = NULL;
  guint n = 0;
  JcRefPrice ref;

  put (f, f->xfd, NULL, "黄心大白菜", "斤", "2026-11-24", 400, 450, 500);
  put (f, f->xfd, NULL, "黄心大白菜", "斤", "2026-11-25", 410, 460, 510);
  put (f, f->xfd, NULL, "黄心大白菜", "袋", "2026-11-25", 4000, 4500, 5000);
  put (f, f->xfd, NULL, "散装鸡蛋", "斤", "2026-11-25", 3000, 3200, 3400);

  unmapped = jc_store_list_unmapped (f->store, &error);
  assert_int_equal (unmapped->len, 3);
  assert_string_equal (((JcUnmapped *) unmapped->pdata[0])->market_name, "黄心大白菜");
  assert_int_equal (((JcUnmapped *) unmapped->pdata[0])->n_rows, 2);
  assert_int_equal (((JcUnmapped *) unmapped->pdata[0])->last_avg_milliyuan, 460);
  g_clear_pointer (&unmapped, g_ptr_array_unref);

  /* mapping converts what converts; the 袋 quotes (no pack) stay to map */
  assert_true (jc_price_map_market_name (f->store, "黄心大白菜", "V001", &n, &error));
  assert_no_error (error);
  assert_int_equal (n, 2);
  item = jc_store_get_item (f->store, "V001", NULL);
  assert_true (g_strv_contains ((const char * const *) item->aliases, "黄心大白菜"));
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-25", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 920);
  unmapped = jc_store_list_unmapped (f->store, &error);
  assert_int_equal (unmapped->len, 2);
  g_clear_pointer (&unmapped, g_ptr_array_unref);

  /* eggs quoted per 斤, item counted in pieces of 50 g: 32 元/斤 ÷ 10 = 3.2 元 each */
  assert_true (jc_price_map_market_name (f->store, "散装鸡蛋", "M001", &n, &error));
  assert_int_equal (n, 1);
  assert_true (jc_store_reference_price (f->store, f->eggs->id, "2026-11-25", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 320);

  /* mapping to an unknown item changes nothing */
  assert_false (jc_price_map_market_name (f->store, "黄心大白菜", "NOPE", &n, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
}

static void
test_history (void **state)
{
  Fixture *f = *state;
  g_autoptr(GArray) h = NULL;

  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-24", 400, 450, 500);
  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-25", 410, 460, 510);
  put (f, f->backup, f->cabbage, "大白菜", "斤", "2026-11-26", 900, 900, 900);
  h = jc_store_price_history (f->store, f->cabbage->id, "2026-11-01", "2026-11-30", NULL);
  /* only the preferred source's series */
  assert_int_equal (h->len, 2);
  assert_string_equal (g_array_index (h, JcPricePoint, 1).date, "2026-11-25");
  assert_int_equal (g_array_index (h, JcPricePoint, 1).avg_milliyuan, 920);
  assert_int_equal (g_array_index (h, JcPricePoint, 0).low_milliyuan, 800);
}

static void
test_sources (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcSource) s = jc_source_new ();
  g_autoptr(GPtrArray) all = NULL;

  s->name = g_strdup ("USDA Chicago");
  s->adapter = g_strdup ("ftp");
  s->url = g_strdup ("https://example.invalid/x");
  assert_false (jc_master_save_source (f->store, s, &error));
  assert_contains (error->message, "ftp");
  g_clear_error (&error);
  g_free (s->adapter);
  s->adapter = g_strdup ("usda");
  g_free (s->url);
  s->url = g_strdup ("gopher://x");
  assert_false (jc_master_save_source (f->store, s, &error));
  assert_contains (error->message, "gopher://x");
  g_clear_error (&error);
  g_free (s->url);
  s->url = g_strdup ("https://example.invalid/x");
  s->credentials = (g_free (s->credentials), g_strdup ("user:secret"));
  assert_true (jc_store_insert_source (f->store, s, &error));
  s->id = 0;
  assert_false (jc_store_insert_source (f->store, s, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
  assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);
  all = jc_store_list_sources (f->store, &error);
  assert_int_equal (all->len, 3);
  assert_string_equal (((JcSource *) all->pdata[0])->name, "新发地");
  assert_true (jc_store_delete_source (f->store, "USDA Chicago", &error));
  assert_false (jc_store_delete_source (f->store, "USDA Chicago", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
}

/* Each refusal names its field, so that the source editor can show it on
 * the right row; credentials never appear in a message. */
static void
test_source_fields (void **state)
{
  static const struct {
    const char *adapter, *url, *credentials, *schedule;
    int priority;
    JcField field;
  } cases[] = {
    { "rss", "https://a.example/p", "", "", 100, JC_FIELD_ADAPTER },
    { "csv", "ftp://x", "", "", 100, JC_FIELD_URL },
    { "csv", "https://a.example/p", "user:se\ncret", "", 100, JC_FIELD_CREDENTIALS },
    { "csv", "https://a.example/p", "", "", 1001, JC_FIELD_PRIORITY },
    { "csv", "https://a.example/p", "", "25:00", 100, JC_FIELD_SCHEDULE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JcSource) s = jc_source_new ();
      g_autoptr(GError) error = NULL;

      s->name = g_strdup ("x");
      s->adapter = g_strdup (cases[i].adapter);
      s->url = g_strdup (cases[i].url);
      g_free (s->credentials);
      s->credentials = g_strdup (cases[i].credentials);
      g_free (s->schedule);
      s->schedule = g_strdup (cases[i].schedule);
      s->priority = cases[i].priority;
      assert_false (jc_source_validate (s, &error));
      assert_error (error, JC_VALIDATE_ERROR, cases[i].field);
      assert_null (strstr (error->message, "cret"));
      assert_string_not_equal (jc_field_to_string (cases[i].field), "");
    }
}

/* What a list may show of a source's address and parameters. */
static void
test_source_display (void **state)
{
  g_autofree char *a = jc_fetch_display_url ("https://bob:hunter22@a.example/p?day=1&api_key=XYZ");
  g_autofree char *b = jc_fetch_display_url ("file:///srv/prices/x.csv");
  g_autofree char *c = jc_fetch_redact_params ("limit=20&token=abc&prodName=白菜");

  assert_null (strstr (a, "hunter22"));
  assert_null (strstr (a, "bob"));
  assert_null (strstr (a, "XYZ"));
  assert_non_null (strstr (a, "api_key=***"));
  assert_non_null (strstr (a, "day=1"));
  assert_string_equal (b, "file:///srv/prices/x.csv");
  assert_string_equal (c, "limit=20&token=***&prodName=白菜");
}

static void
test_fetch_log (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) log = NULL;
  JcFetchLogEntry e = { 0 };
  gint64 id;

  e.source_name = (char *) "新发地";
  e.started_at = (char *) "2026-11-29T05:30:00Z";
  e.status = (char *) "ok";
  id = jc_store_log_fetch (f->store, &e, f->xfd, NULL);
  assert_true (id > 0);
  e.finished_at = (char *) "2026-11-29T05:31:00Z";
  e.rows_seen = 120;
  e.rows_rejected = 3;
  e.rejects = (char *) "{\"all prices zero\": 3}";
  assert_true (jc_store_finish_fetch_log (f->store, id, &e, NULL));
  log = jc_store_list_fetch_log (f->store, 10, NULL);
  assert_int_equal (log->len, 1);
  assert_int_equal (((JcFetchLogEntry *) log->pdata[0])->rows_seen, 120);
  assert_string_equal (((JcFetchLogEntry *) log->pdata[0])->rejects, "{\"all prices zero\": 3}");
}

static void
test_market_overview (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) rows = NULL;
  JcMarketRow *r;

  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-18", 400, 500, 600);   /* a week+ before */
  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-27", 500, 550, 600);   /* previous day */
  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-28", 500, 600, 700);
  put (f, f->backup, f->cabbage, "大白菜", "斤", "2026-11-28", 900, 900, 900);  /* less preferred */
  put (f, f->xfd, f->eggs, "鸡蛋", "个", "2026-11-10", 500, 600, 700);          /* stale */

  rows = jc_store_market_overview (f->store, "2026-11-29", 7, NULL);
  assert_int_equal (rows->len, 2);
  r = rows->pdata[0];
  assert_string_equal (r->item_code, "V001");
  assert_string_equal (r->date, "2026-11-28");
  assert_false (r->stale);
  assert_int_equal (r->avg_milliyuan, 1200);
  assert_true (r->has_prev_day);
  assert_int_equal (r->prev_day_avg_milliyuan, 1100);
  assert_true (r->has_prev_week);
  assert_int_equal (r->prev_week_avg_milliyuan, 1000);
  assert_int_equal (jc_change_permille (r->avg_milliyuan, r->prev_day_avg_milliyuan), 91);
  assert_int_equal (jc_change_permille (r->avg_milliyuan, r->prev_week_avg_milliyuan), 200);
  r = rows->pdata[1];
  assert_string_equal (r->item_code, "M001");
  assert_true (r->stale);
  assert_false (r->has_prev_day);
  assert_int_equal (jc_change_permille (900, 1000), -100);
  assert_int_equal (jc_change_permille (1, 0), 0);
}

/* The staleness window is the office's, kept in the database. */
static void
test_stale_days_setting (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcRefPrice ref;

  assert_int_equal (jc_store_get_stale_days (f->store), JC_DEFAULT_STALE_DAYS);
  put (f, f->xfd, f->cabbage, "大白菜", "斤", "2026-11-20", 500, 500, 500);
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-29",
                                         jc_store_get_stale_days (f->store), &ref, NULL));
  assert_false (ref.found);
  assert_true (jc_store_set_stale_days (f->store, 10, &error));
  assert_int_equal (jc_store_get_stale_days (f->store), 10);
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-29",
                                         jc_store_get_stale_days (f->store), &ref, NULL));
  assert_true (ref.found && ref.stale);
  assert_false (jc_store_set_stale_days (f->store, 0, &error));
  assert_contains (error->message, "0 days");
  g_clear_error (&error);
  assert_false (jc_store_set_stale_days (f->store, 61, &error));
  g_clear_error (&error);
  assert_true (jc_store_set_setting (f->store, "stale_days", "lots", NULL));
  assert_int_equal (jc_store_get_stale_days (f->store), JC_DEFAULT_STALE_DAYS);
}

/* Issue 11 item 3: a quote imported before its name is mapped keeps its
 * figures as printed; mapping it later (or through a "quoted per"
 * override) converts them exactly with one rounding: 1.00045 元/斤 is
 * 2.0009 元/kg → 2.001, not 1.000 元/斤 → 2.000. */
static void
test_exact_quote_mapped_later (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcDecimal exact[3];
  JcPriceQuote q = { "精品白菜", "蔬菜", "", "", "斤", "2026-11-25", 1000, 1000, 1500, 0, exact };
  JcPriceQuote bag = { "袋装白菜", "蔬菜", "", "", "袋", "2026-11-25", 1000, 1000, 1000, 0, exact };
  JcPutResult r = JC_PUT_SAME;
  JcMapResult res = { 0 };
  JcRefPrice ref;

  assert_true (jc_decimal_parse ("1.00045", &exact[0], NULL));
  exact[1] = exact[0];
  assert_true (jc_decimal_parse ("1.5", &exact[2], NULL));
  assert_true (jc_price_put_quote (f->store, f->xfd, 0, &q, NULL, &r, &error));
  assert_no_error (error);
  assert_int_equal (r, JC_PUT_NEW);
  /* the same quote again: nothing changes */
  assert_true (jc_price_put_quote (f->store, f->xfd, 0, &q, NULL, &r, &error));
  assert_int_equal (r, JC_PUT_SAME);
  assert_true (jc_price_put_quote (f->store, f->xfd, 0, &bag, NULL, &r, &error));

  assert_true (jc_price_map_market_name_as (f->store, "精品白菜", "V001", NULL, NULL, &res, &error));
  assert_no_error (error);
  assert_int_equal (res.mapped, 1);
  assert_true (jc_store_reference_price (f->store, f->cabbage->id, "2026-11-25", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 2001);

  /* a bag quoted per 斤 (the override): also from the exact figure */
  memset (&res, 0, sizeof res);
  assert_true (jc_price_map_market_name_as (f->store, "袋装白菜", "V001", NULL, "斤", &res, &error));
  assert_no_error (error);
  assert_int_equal (res.mapped, 1);
  {
    g_autofree char *row = jc_test_db_rows (f->path,
      "SELECT base_low, base_avg, base_high, avg_exact FROM prices WHERE market_name = '袋装白菜'");

    assert_string_equal (row, "2001|2001|3000|1.00045|\n");
  }

  /* a row stored without exact figures (before they were kept) converts
   * from its milli-yuan */
  {
    JcPriceQuote old = { "老白菜", "蔬菜", "", "", "斤", "2026-11-25", 1000, 1000, 1000, 0, NULL };
    g_autofree char *row = NULL;

    assert_true (jc_price_put_quote (f->store, f->backup, 0, &old, NULL, &r, &error));
    memset (&res, 0, sizeof res);
    assert_true (jc_price_map_market_name_as (f->store, "老白菜", "V001", NULL, NULL, &res, &error));
    assert_int_equal (res.mapped, 1);
    row = jc_test_db_rows (f->path, "SELECT base_avg, CASE WHEN avg_exact IS NULL THEN 1 ELSE 0 END "
                                    "FROM prices WHERE market_name = '老白菜'");
    assert_string_equal (row, "2000|1|\n");
  }
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_new_same_changed),
    T (test_reference_price),
    T (test_reference_mean_of_quotes),
    T (test_unmapped_and_mapping),
    T (test_history),
    T (test_sources),
    T (test_source_fields),
    T (test_source_display),
    T (test_fetch_log),
    T (test_market_overview),
    T (test_stale_days_setting),
    T (test_exact_quote_mapped_later),
  };

  jc_test_store_init ("prices");
  return cmocka_run_group_tests_name ("prices", tests, NULL, NULL);
}
