/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fetching and importing prices end to end: a real HTTP server on loopback
 * replaying Xinfadi pages, with faults; every failure leaves the price
 * tables exactly as they were and leaves a line in the fetch log. */
#include "config.h"

#include <curl/curl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-test-server.h"
#include "jc-error.h"
#include "jc-format.h"
#include "jc-price-import.h"
#include "jc-store-private.h"
#include "jc-test-store.h"

typedef struct {
  char         *dir;
  char         *path;   /* the database's location (jc-test-store.h) */
  JcStore      *store;
  JcTestServer *server;
  JcSource     *source;
  JcFetchOptions opts;
} Fixture;

/* A Xinfadi page as the site answers: prices as strings. */
static char *
page (int         current,
      int         limit,
      int         count,
      const char *records)
{
  return g_strdup_printf ("{\"current\":%d,\"limit\":%d,\"count\":%d,\"list\":[%s]}",
                          current, limit, count, records);
}

static char *
record (const char *name,
        const char *low,
        const char *avg,
        const char *high,
        const char *unit,
        const char *date)
{
  return g_strdup_printf ("{\"id\":1,\"prodName\":\"%s\",\"prodCatid\":1186,\"prodCat\":\"蔬菜\","
                          "\"prodPcatid\":null,\"prodPcat\":\"\",\"lowPrice\":\"%s\","
                          "\"highPrice\":\"%s\",\"avgPrice\":\"%s\",\"place\":\"冀\","
                          "\"specInfo\":\"\",\"unitInfo\":\"%s\",\"pubDate\":\"%s 00:00:00\","
                          "\"status\":null}", name, low, high, avg, unit, date);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  const char *names[][2] = { { "V001", "大白菜" }, { "V002", "土豆" }, { "V003", "菠菜" } };

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JcItem) it = jc_item_new ();

      it->code = g_strdup (names[i][0]);
      it->name = g_strdup (names[i][1]);
      it->category = g_strdup ("veg");
      assert_true (jc_store_insert_item (f->store, it, NULL));
    }
  f->server = jc_test_server_new (NULL, NULL, &error);
  assert_no_error (error);
  f->source = jc_source_new ();
  f->source->name = g_strdup ("新发地");
  f->source->adapter = g_strdup ("xinfadi");
  f->source->url = jc_test_server_url (f->server, "/getPriceData.html");
  f->source->params = (g_free (f->source->params), g_strdup ("limit=2"));
  assert_true (jc_store_insert_source (f->store, f->source, NULL));
  jc_fetch_options_init (&f->opts);
  f->opts.connect_timeout_ms = 2000;
  f->opts.timeout_ms = 5000;
  f->opts.low_speed_timeout_s = 1;
  f->opts.backoff_ms = 20;
  f->opts.max_retries = 2;
  f->opts.max_bytes = 1024 * 1024;
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_test_server_free (f->server);
  jc_source_free (f->source);
  jc_store_free (f->store);
  jc_test_store_location_free (f->path);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* Every row of the price tables, as text: equal dumps, equal tables. */
static char *
dump (JcStore *store)
{
  const char *tables[] = {
    "SELECT * FROM prices ORDER BY id",
    "SELECT * FROM price_revisions ORDER BY id",
    "SELECT * FROM item_aliases ORDER BY alias",
  };
  GString *out = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *rows = jc_test_db_rows (jc_store_get_path (store), tables[t]);

      g_string_append (out, rows);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

/* The three pages of a good five-row fetch (limit 2). */
static void
serve_good_pages (Fixture    *f,
                  const char *cabbage_avg)
{
  g_autofree char *r1 = record ("大白菜", "0.55", cabbage_avg, "0.6", "斤", "2026-11-28");
  g_autofree char *r2 = record ("土豆", "1.0", "1.1", "1.2", "斤", "2026-11-28");
  g_autofree char *r3 = record ("菠菜", "2.0", "2.5", "3.0", "斤", "2026-11-28");
  g_autofree char *r4 = record ("紫甘蓝", "1.0", "1.2", "1.5", "斤", "2026-11-28");
  g_autofree char *r5 = record ("大白菜", "20", "22", "24", "箱", "2026-11-28");
  g_autofree char *a = g_strdup_printf ("%s,%s", r1, r2);
  g_autofree char *b = g_strdup_printf ("%s,%s", r3, r4);
  g_autofree char *p1 = page (1, 2, 5, a);
  g_autofree char *p2 = page (2, 2, 5, b);
  g_autofree char *p3 = page (3, 2, 5, r5);
  JcTestReply reply = { JC_TEST_REPLY_BODY, 200, "application/json;charset=UTF-8", NULL, -1,
                        NULL, NULL, 0, 0, 1 };

  jc_test_server_clear (f->server);
  reply.body = p1;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  reply.body = p2;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  reply.body = p3;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
}

static gboolean
fetch (Fixture         *f,
       JcImportReport  *r,
       GError         **error)
{
  jc_import_report_init (r);
  return jc_prices_fetch_source (f->store, f->source, "2026-11-28", "2026-11-28", &f->opts, NULL,
                                 NULL, NULL, r, error);
}

static void
test_paged_fetch (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *post1 = NULL;
  g_autofree char *post3 = NULL;
  JcImportReport r;
  JcRefPrice ref;

  serve_good_pages (f, "0.58");
  assert_true (fetch (f, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.pages, 3);
  assert_int_equal (r.rows_seen, 5);
  assert_int_equal (r.rows_new, 5);
  /* 紫甘蓝 is not in the catalog, 大白菜 per 箱 has no pack: both to map */
  assert_int_equal (r.rows_unmapped, 2);
  assert_int_equal (jc_test_server_count (f->server, "/getPriceData.html"), 3);
  post1 = jc_test_server_dup_post (f->server, "/getPriceData.html", 0, NULL);
  post3 = jc_test_server_dup_post (f->server, "/getPriceData.html", 2, NULL);
  assert_contains (post1, "limit=2");
  assert_contains (post1, "current=1");
  assert_contains (post1, "pubDateStartTime=2026%2F11%2F28");
  assert_contains (post3, "current=3");
  jc_import_report_clear (&r);

  assert_true (jc_store_reference_price (f->store, 1, "2026-11-28", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 1160);
  unmapped = jc_store_list_unmapped (f->store, NULL);
  assert_int_equal (unmapped->len, 2);
  log = jc_store_list_fetch_log (f->store, 5, NULL);
  assert_string_equal (((JcFetchLogEntry *) log->pdata[0])->status, "ok");
  assert_int_equal (((JcFetchLogEntry *) log->pdata[0])->rows_new, 5);

  /* the same days again: nothing new, nothing duplicated */
  serve_good_pages (f, "0.58");
  assert_true (fetch (f, &r, &error));
  assert_int_equal (r.rows_same, 5);
  assert_int_equal (r.rows_new, 0);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 5);
  jc_import_report_clear (&r);

  /* a changed price replaces the old one, and the change is kept */
  serve_good_pages (f, "0.59");
  assert_true (fetch (f, &r, &error));
  assert_int_equal (r.rows_changed, 1);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 5);
  assert_int_equal (jc_store_count_revisions (f->store, NULL), 1);
  assert_true (jc_store_reference_price (f->store, 1, "2026-11-28", 7, &ref, NULL));
  assert_int_equal (ref.price_milliyuan, 1180);
  jc_import_report_clear (&r);
}

/* Bad rows are counted per reason and never stored; the rest is. */
static void
test_bad_rows (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *recs = NULL;
  g_autofree char *body = NULL;
  JcImportReport r;
  const char *parts[9];

  parts[0] = record ("大白菜", "--", "0.5", "0.6", "斤", "2026-11-28");
  parts[1] = record ("土豆", "", "1.1", "1.2", "斤", "2026-11-28");
  parts[2] = record ("菠菜", "1.2元", "1.3", "1.4", "斤", "2026-11-28");
  parts[3] = record ("菠菜", "-1", "1.3", "1.4", "斤", "2026-11-28");
  parts[4] = record ("菠菜", "1", "1.3", "1.4", "furlong", "2026-11-28");
  parts[5] = record ("菠菜", "1", "1.3", "1.4", "斤", "2026-12-28");   /* out of range */
  parts[6] = record ("菠菜", "1", "1.3", "1.4", "斤", "2026-11-28");
  parts[7] = record ("菠菜", "1", "1.3", "1.4", "斤", "2026-11-28");   /* duplicate */
  parts[8] = NULL;
  {
    g_autofree char *good = g_strjoinv (",", (char **) parts);

    recs = g_strdup_printf ("%s,{\"prodName\":null,\"lowPrice\":\"1\"},"
                            "{\"prodName\":\"土豆\",\"lowPrice\":null,\"avgPrice\":\"1\","
                            "\"highPrice\":\"1\",\"unitInfo\":\"斤\","
                            "\"pubDate\":\"2026-11-28 00:00:00\"}", good);
  }
  body = page (1, 100, 10, recs);
  f->source->params = (g_free (f->source->params), g_strdup ("limit=100"));
  jc_test_server_serve (f->server, "/getPriceData.html", "application/json", body);
  assert_true (fetch (f, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_seen, 10);
  assert_int_equal (r.rows_new, 1);
  assert_int_equal (r.rows_duplicate, 1);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_BAD_NUMBER], 3);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_UNIT_IN_PRICE], 1);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_NEGATIVE], 1);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_UNKNOWN_UNIT], 1);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_DATE_OUT_OF_RANGE], 1);
  assert_int_equal (r.rejected_by_reason[JC_REJECT_MISSING_FIELD], 1);
  assert_true (r.reject_examples->len >= 7);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 1);
  jc_import_report_clear (&r);
  for (guint i = 0; i < 8; i++)
    g_free ((char *) parts[i]);
}

typedef struct {
  const char *what;
  int         fault;       /* JcTestFault, or -1 for a custom body */
  const char *body;
  GQuark      domain;
  int         code;
} Case;

static void
test_faults_leave_tables_unchanged (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  JcImportReport r;
  Case cases[] = {
    { "500", JC_TEST_FAULT_500, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_HTTP },
    { "404", JC_TEST_FAULT_404, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_HTTP },
    { "reset", JC_TEST_FAULT_RESET, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_RESET },
    { "timeout mid-body", JC_TEST_FAULT_STALL, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_TIMEOUT },
    { "truncated", JC_TEST_FAULT_TRUNCATE, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_TRUNCATED },
    { "too large", JC_TEST_FAULT_HUGE, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE },
    { "too large, chunked", JC_TEST_FAULT_HUGE_CHUNKED, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE },
    { "redirect loop", JC_TEST_FAULT_REDIRECT_LOOP, NULL, JC_FETCH_ERROR, JC_FETCH_ERROR_REDIRECTS },
    { "HTML", -1, "<!DOCTYPE html><html><body>维护中</body></html>", JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED },
    { "malformed JSON", -1, "{\"current\":1,\"limit\":2,\"count\":5,\"list\":[{\"prodName\":", JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED },
    { "no list", -1, "{\"current\":1,\"count\":5}", JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED },
  };

  /* something stored first, so "unchanged" means something */
  serve_good_pages (f, "0.58");
  assert_true (fetch (f, &r, NULL));
  jc_import_report_clear (&r);
  before = dump (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) log = NULL;
      g_autofree char *after = NULL;

      jc_test_server_clear (f->server);
      if (cases[i].fault >= 0)
        jc_test_server_fault (f->server, "/getPriceData.html", cases[i].fault, NULL);
      else
        jc_test_server_serve (f->server, "/getPriceData.html", "application/json", cases[i].body);
      assert_false (fetch (f, &r, &error));
      if (error == NULL || error->domain != cases[i].domain || error->code != cases[i].code)
        fail_msg ("%s: expected %s:%d, got %s", cases[i].what, g_quark_to_string (cases[i].domain),
                  cases[i].code, error ? error->message : "success");
      assert_contains (error->message, "新发地");
      after = dump (f->store);
      if (strcmp (before, after) != 0)
        fail_msg ("%s: the price tables changed", cases[i].what);
      log = jc_store_list_fetch_log (f->store, 1, NULL);
      assert_string_equal (((JcFetchLogEntry *) log->pdata[0])->status, "failed");
      assert_string_equal (((JcFetchLogEntry *) log->pdata[0])->message, error->message);
      g_clear_error (&error);
      jc_import_report_clear (&r);
    }
}

/* 503 with Retry-After and 429 are retried and then succeed. */
static void
test_retries_succeed (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *rec = record ("大白菜", "0.55", "0.58", "0.6", "斤", "2026-11-28");
  g_autofree char *body = page (1, 2, 1, rec);
  JcImportReport r;
  gint64 t0;

  jc_test_server_fault (f->server, "/getPriceData.html", JC_TEST_FAULT_503_THEN_OK, body);
  t0 = g_get_monotonic_time ();
  assert_true (fetch (f, &r, &error));
  assert_no_error (error);
  assert_true (g_get_monotonic_time () - t0 >= 900 * 1000);   /* waited Retry-After: 1 */
  assert_int_equal (jc_test_server_count (f->server, "/getPriceData.html"), 2);
  jc_import_report_clear (&r);

  jc_test_server_clear (f->server);
  jc_test_server_fault (f->server, "/getPriceData.html", JC_TEST_FAULT_429_THEN_OK, body);
  assert_true (fetch (f, &r, &error));
  assert_int_equal (r.rows_same, 1);
  jc_import_report_clear (&r);
}

/* The result changes between pages: nothing is stored. */
static void
test_page_count_changes (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = record ("大白菜", "0.55", "0.58", "0.6", "斤", "2026-11-28");
  g_autofree char *r2 = record ("土豆", "1.0", "1.1", "1.2", "斤", "2026-11-28");
  g_autofree char *two = g_strdup_printf ("%s,%s", r1, r2);
  g_autofree char *p1 = page (1, 2, 3, two);
  g_autofree char *p2 = page (2, 2, 4, r1);
  JcTestReply reply = { JC_TEST_REPLY_BODY, 200, "application/json", NULL, -1, NULL, NULL, 0, 0, 1 };
  JcImportReport r;

  reply.body = p1;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  reply.body = p2;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  assert_false (fetch (f, &r, &error));
  assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
  assert_contains (error->message, "changed while it was being fetched");
  assert_int_equal (jc_store_count_prices (f->store, NULL), 0);
  jc_import_report_clear (&r);
}

/* A source that sends more rows per page than the limit asked (limit=2
 * here), or more rows in all than it announced, is refused before its rows
 * can fill the database (a source announcing 6,000 rows and sending 20,000
 * a page would have stored 6,000,000). */
static void
test_page_larger_than_asked (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *r1 = record ("大白菜", "0.55", "0.58", "0.6", "斤", "2026-11-28");
  g_autofree char *r2 = record ("土豆", "1.0", "1.1", "1.2", "斤", "2026-11-28");
  g_autofree char *three = g_strdup_printf ("%s,%s,%s", r1, r2, r1);
  g_autofree char *two = g_strdup_printf ("%s,%s", r1, r2);
  g_autofree char *big = page (1, 2, 6, three);
  g_autofree char *first = page (1, 2, 3, two);
  g_autofree char *second = page (2, 2, 3, two);
  JcTestReply reply = { JC_TEST_REPLY_BODY, 200, "application/json", NULL, -1, NULL, NULL, 0, 0, 1 };
  JcImportReport r;

  reply.body = big;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  assert_false (fetch (f, &r, &error));
  assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
  assert_contains (error->message, "Page 1 has 3 rows, more than the 2 asked for");
  assert_int_equal (jc_store_count_prices (f->store, NULL), 0);
  jc_import_report_clear (&r);
  g_clear_error (&error);

  /* 3 announced, 4 sent over two pages of 2 */
  jc_test_server_clear (f->server);
  reply.body = first;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  reply.body = second;
  jc_test_server_add_reply (f->server, "/getPriceData.html", &reply);
  assert_false (fetch (f, &r, &error));
  assert_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED);
  assert_contains (error->message, "The source sent 4 rows by page 2, more than the 3 it announced");
  assert_int_equal (jc_store_count_prices (f->store, NULL), 0);
  jc_import_report_clear (&r);
}

static void
test_tls_self_signed_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = g_build_filename (g_getenv ("JICAI_TEST_DATA"), "tls", "cert.pem", NULL);
  g_autofree char *key = g_build_filename (g_getenv ("JICAI_TEST_DATA"), "tls", "key.pem", NULL);
  g_autoptr(JcTestServer) tls = NULL;
  g_autofree char *url = NULL;
  JcImportReport r;

  if (!jc_test_server_tls_supported ())
    fail_msg ("libmicrohttpd without TLS: the TLS check cannot run");
  tls = jc_test_server_new (cert, key, &error);
  assert_no_error (error);
  url = jc_test_server_url (tls, "/getPriceData.html");
  assert_true (g_str_has_prefix (url, "https://"));
  g_free (f->source->url);
  f->source->url = g_strdup (url);
  jc_test_server_serve (tls, "/getPriceData.html", "application/json", "{}");
  assert_false (fetch (f, &r, &error));
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TLS);
  assert_int_equal (jc_store_count_prices (f->store, NULL), 0);
  jc_import_report_clear (&r);
}

/* A saved page imports through the same path; file:// fetches too. */
static void
test_import_file_and_file_url (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *rec = record ("大白菜", "0.55", "0.58", "0.6", "斤", "2026-11-28");
  g_autofree char *body = page (1, 20, 1, rec);
  g_autofree char *path = g_build_filename (f->dir, "page.json", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "p.csv", NULL);
  JcImportReport r;

  assert_true (g_file_set_contents (path, body, -1, NULL));
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (f->store, path, NULL, NULL, "saved", NULL, NULL, NULL, NULL,
                                      NULL, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_new, 1);
  jc_import_report_clear (&r);

  g_free (f->source->url);
  f->source->url = g_filename_to_uri (path, NULL, NULL);
  assert_true (fetch (f, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_new, 1);   /* another source: its own quote */
  jc_import_report_clear (&r);

  /* a CSV with a Chinese header, GB18030 as Chinese Excel saves it */
  {
    const char *utf8 = "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                       "土豆,1.0,1.1,1.2,,冀,斤,2026-11-27\n菠菜,0,0,0,,,斤,2026-11-27\n";
    g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, NULL, NULL);

    assert_true (g_file_set_contents (csv, gb, -1, NULL));
    jc_import_report_init (&r);
    assert_true (jc_prices_import_file (f->store, csv, "csv", NULL, "saved", NULL, NULL, NULL, NULL,
                                        NULL, &r, &error));
    assert_no_error (error);
    assert_int_equal (r.rows_new, 1);
    assert_int_equal (r.rejected_by_reason[JC_REJECT_ZERO_PRICE], 1);
    jc_import_report_clear (&r);
  }

  /* a spec longer than JC_MAX_TEXT_CHARS: the row is refused, counted and
   * shown as an example, and nothing of it is stored */
  {
    g_autofree char *spec = g_strnfill (JC_MAX_TEXT_CHARS + 1, 's');
    g_autofree char *text = g_strdup_printf ("品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                                             "洋葱,1.0,1.1,1.2,%s,冀,斤,2026-11-26\n"
                                             "芹菜,1.0,1.1,1.2,,冀,斤,2026-11-26\n", spec);
    guint before = jc_store_count_prices (f->store, NULL);

    assert_true (g_file_set_contents (csv, text, -1, NULL));
    jc_import_report_init (&r);
    assert_true (jc_prices_import_file (f->store, csv, "csv", NULL, "saved", NULL, NULL, NULL, NULL,
                                        NULL, &r, &error));
    assert_no_error (error);
    assert_int_equal (r.rows_new, 1);
    assert_int_equal (r.rows_rejected, 1);
    assert_int_equal (r.rejected_by_reason[JC_REJECT_TEXT_TOO_LONG], 1);
    assert_int_equal (r.reject_examples->len, 1);
    assert_contains (r.reject_examples->pdata[0], "spec is longer than 200 characters");
    assert_contains (r.reject_examples->pdata[0], "text too long");
    assert_int_equal (jc_store_count_prices (f->store, NULL), before + 1);
    jc_import_report_clear (&r);
  }

  /* a missing file */
  jc_import_report_init (&r);
  assert_false (jc_prices_import_file (f->store, "/nonexistent/x.csv", NULL, NULL, "saved", NULL,
                                       NULL, NULL, NULL, NULL, &r, &error));
  assert_contains (error->message, "/nonexistent/x.csv");
  jc_import_report_clear (&r);
}

/* ---- staged imports -------------------------------------------------- */

/* What the store committed, through a second connection. */
static gint64
raw_count (JcStore    *store,
           const char *sql)
{
  return jc_test_db_count (jc_store_get_path (store), sql);
}

/* A CSV of `n_days` × 30 names (大白菜 mapped to V001, the others not),
 * avg `avg_tenths` / 10 yuan per 斤. */
static char *
write_big_csv (Fixture    *f,
               const char *name,
               guint       n_days,
               guint       avg_tenths)
{
  g_autoptr(GString) text = g_string_new ("品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n");
  char *path = g_build_filename (f->dir, name, NULL);
  GDate day;

  g_date_set_dmy (&day, 1, 1, 2024);
  for (guint d = 0; d < n_days; d++)
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      for (guint m = 0; m < 30; m++)
        {
          g_autofree char *market = m == 0 ? g_strdup ("大白菜") : g_strdup_printf ("菜%02u", m);

          g_string_append_printf (text, "%s,%u.%u,%u.%u,%u.%u,,冀,斤,%s\n", market,
                                  avg_tenths / 10, avg_tenths % 10, avg_tenths / 10,
                                  avg_tenths % 10, avg_tenths / 10 + 1, avg_tenths % 10, date);
        }
      g_date_add_days (&day, 1);
    }
  assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  return path;
}

typedef struct {
  JcStore      *other;        /* another connection, as another desk's */
  JcStore      *importer;
  gint64        visible;      /* what the other must see during the import */
  gint64        old_avg;      /* V001's avg it must see, 0: do not look */
  guint         looks;
  GCancellable *cancel;       /* cancelled at the first look when set */
  guint         waits;
  guint         log_lines;    /* the fetch log the other sees */
} Watch;

static void
watch_progress_cb (JcImportPhase phase,
                   guint         done,
                   guint         total,
                   guint         rows,
                   gpointer      user_data)
{
  Watch *w = user_data;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (phase == JC_IMPORT_PHASE_WAITING)
    {
      w->waits++;
      g_cancellable_cancel (w->cancel);
      return;
    }
  if (phase != JC_IMPORT_PHASE_STORING || done < 4096)
    return;
  w->looks++;
  /* chunks of 100 quotes are committed, yet the other desk sees none */
  if (w->old_avg == 0)
    assert_true (raw_count (w->other, "SELECT COUNT(*) FROM prices") >= w->visible + 4000);
  else
    assert_true (raw_count (w->other, "SELECT COUNT(*) FROM price_import_changes") >= 4000);
  assert_int_equal (raw_count (w->other, "SELECT COUNT(*) FROM price_imports"), 1);
  assert_int_equal (jc_store_count_prices (w->other, NULL), w->visible);
  /* the re-import's revisions are written, hidden with it */
  assert_int_equal (jc_store_count_revisions (w->other, NULL), 0);
  if (w->old_avg > 0)
    assert_true (raw_count (w->other, "SELECT COUNT(*) FROM price_revisions") >= 4000);
  log = jc_store_list_fetch_log (w->other, 1000, NULL);
  assert_int_equal (log->len, w->log_lines);
  if (w->old_avg > 0)
    {
      list = jc_store_list_prices (w->other, "V001", NULL, NULL, NULL);
      assert_true (list->len > 0);
      for (guint i = 0; i < list->len; i++)
        assert_int_equal (((JcPriceRow *) list->pdata[i])->avg_milliyuan, w->old_avg);
    }
  if (w->cancel != NULL)
    g_cancellable_cancel (w->cancel);
}

/* A large import is written in chunks that no other connection sees, and
 * appears at once: new quotes, then changed ones with their revisions. */
static void
test_staged_import_published_at_once (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_big_csv (f, "big1.csv", 300, 12);
  g_autofree char *second = write_big_csv (f, "big2.csv", 300, 15);
  g_autoptr(JcStore) other = jc_store_open_same (f->store, NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) log = NULL;
  Watch w = { other, f->store, 0, 0, 0, NULL, 0, 0 };
  JcImportReport r;

  g_setenv ("JICAI_IMPORT_CHUNK_ROWS", "100", TRUE);
  w.visible = jc_store_count_prices (other, NULL);
  log = jc_store_list_fetch_log (other, 1000, NULL);
  w.log_lines = log->len;
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (f->store, first, "csv", NULL, "big", NULL, NULL, NULL,
                                      watch_progress_cb, &w, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_new, 9000);
  assert_true (w.looks >= 2);
  assert_int_equal (jc_store_count_prices (other, NULL), w.visible + 9000);
  assert_int_equal (raw_count (other, "SELECT COUNT(*) FROM price_imports"), 0);
  jc_import_report_clear (&r);

  /* every quote changed: staged aside, applied at the publish */
  w.visible += 9000;
  w.old_avg = 2400;   /* 1.2 元/斤 */
  w.looks = 0;
  w.log_lines++;
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (f->store, second, "csv", NULL, "big", NULL, NULL, NULL,
                                      watch_progress_cb, &w, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_changed, 9000);
  assert_true (w.looks >= 2);
  assert_int_equal (jc_store_count_revisions (other, NULL), 9000);
  assert_int_equal (raw_count (other, "SELECT COUNT(*) FROM price_import_changes"), 0);
  list = jc_store_list_prices (other, "V001", NULL, NULL, NULL);
  assert_int_equal (list->len, 300);
  for (guint i = 0; i < list->len; i++)
    assert_int_equal (((JcPriceRow *) list->pdata[i])->avg_milliyuan, 3000);
  jc_import_report_clear (&r);
  g_unsetenv ("JICAI_IMPORT_CHUNK_ROWS");
}

/* An import cancelled after chunks were committed leaves the tables as
 * they were, the source made for it removed, and a "cancelled" line. */
static void
test_staged_import_cancelled (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = write_big_csv (f, "big.csv", 300, 12);
  g_autoptr(JcStore) other = jc_store_open_same (f->store, NULL);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *before = dump (f->store);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(JcSource) gone = NULL;
  Watch w = { other, f->store, 0, 0, 0, cancel, 0, 0 };
  JcImportReport r;

  g_setenv ("JICAI_IMPORT_CHUNK_ROWS", "100", TRUE);
  w.visible = jc_store_count_prices (other, NULL);
  log = jc_store_list_fetch_log (other, 1000, NULL);
  w.log_lines = log->len;
  g_clear_pointer (&log, g_ptr_array_unref);
  jc_import_report_init (&r);
  assert_false (jc_prices_import_file (f->store, csv, "csv", NULL, "big", NULL, NULL, cancel,
                                       watch_progress_cb, &w, &r, &error));
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_int_equal (w.looks, 1);
  after = dump (f->store);
  assert_string_equal (before, after);
  assert_int_equal (raw_count (other, "SELECT COUNT(*) FROM price_imports"), 0);
  gone = jc_store_get_source (other, "big", NULL);
  assert_null (gone);
  log = jc_store_list_fetch_log (other, 1, NULL);
  assert_int_equal (log->len, 1);
  assert_string_equal (((JcFetchLogEntry *) log->pdata[0])->status, "cancelled");
  jc_import_report_clear (&r);
  g_unsetenv ("JICAI_IMPORT_CHUNK_ROWS");
}

/* What an import left staged when it was killed goes when the database is
 * next opened; an import still running (its process alive) is left alone,
 * and another import waits for it (and can be cancelled while it waits). */
static void
test_staged_leftovers (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = write_big_csv (f, "small.csv", 2, 12);
  g_autoptr(JcStore) dying = jc_store_open_same (f->store, NULL);
  g_autoptr(JcStore) again = NULL;
  g_autoptr(JcSource) made = jc_source_new ();
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  JcFetchLogEntry e = { 0 };
  JcPriceQuote q = { "大白菜", "蔬菜", "", "冀", "斤", "2025-01-01", 1000, 1100, 1200, 500, NULL };
  gint64 prices = raw_count (f->store, "SELECT COUNT(*) FROM prices");
  gint64 logs = raw_count (f->store, "SELECT COUNT(*) FROM fetch_log");
  gint64 sources = raw_count (f->store, "SELECT COUNT(*) FROM price_sources");
  gint64 fetch_id;
  JcPutResult put;
  Watch w = { f->store, NULL, 0, 0, 0, cancel, 0, 0 };
  JcImportReport r;
  pid_t child;
  int status;

  made->name = g_strdup ("made");
  made->adapter = g_strdup ("csv");
  made->url = g_strdup ("file:///made.csv");
  e.source_name = (char *) "made";
  e.started_at = (char *) "2026-12-08T00:00:00Z";
  fetch_id = jc_store_stage_begin (dying, made, &e, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_true (fetch_id > 0);
  assert_true (jc_store_write_quote (dying, made->id, fetch_id, &q, 0, NULL, "", FALSE, FALSE, 0,
                                     &put, &error));
  assert_true (jc_store_stage_next_chunk (dying, &error));
  jc_store_rollback (dying);   /* the open chunk: let the others write */
  assert_int_equal (raw_count (f->store, "SELECT COUNT(*) FROM prices"), prices + 1);
  assert_int_equal (jc_store_count_prices (f->store, NULL), prices);

  /* alive (this process): opening again keeps it, an import waits */
  again = jc_store_open_same (f->store, &error);
  assert_no_error (error);
  assert_int_equal (raw_count (again, "SELECT COUNT(*) FROM price_imports"), 1);
  jc_store_free (g_steal_pointer (&again));
  jc_import_report_init (&r);
  assert_false (jc_prices_import_file (f->store, csv, "csv", NULL, "other", NULL, NULL, cancel,
                                       watch_progress_cb, &w, &r, &error));
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_int_equal (w.waits, 1);
  g_clear_error (&error);
  jc_import_report_clear (&r);

  /* killed: its process is gone */
  child = fork ();
  if (child == 0)
    _exit (0);
  assert_int_equal (waitpid (child, &status, 0), child);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE price_imports SET pid = %d", (int) child);

    assert_true (_jc_store_exec (dying, sql, &error));
  }
  jc_store_free (g_steal_pointer (&dying));
  assert_int_equal (jc_store_count_prices (f->store, NULL), prices);
  again = jc_store_open_same (f->store, &error);
  assert_no_error (error);
  assert_int_equal (raw_count (again, "SELECT COUNT(*) FROM prices"), prices);
  assert_int_equal (raw_count (again, "SELECT COUNT(*) FROM fetch_log"), logs + 1); /* "cancelled" */
  assert_int_equal (raw_count (again, "SELECT COUNT(*) FROM price_sources"), sources);
  assert_int_equal (raw_count (again, "SELECT COUNT(*) FROM price_imports"), 0);

  /* and the next import goes ahead */
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (again, csv, "csv", NULL, "other", NULL, NULL, NULL, NULL,
                                      NULL, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_new, 60);
  jc_import_report_clear (&r);
}

/* A quote may come more than once in one file with other prices: each
 * change is a revision from the prices before it, in the file's order, and
 * the quote ends with the last — for a published quote and for one new in
 * the import, as when one transaction held the whole import. */
static void
test_staged_quote_changed_twice (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.csv", NULL);
  g_autofree char *chain = NULL;
  JcImportReport r;

  assert_true (g_file_set_contents (first, "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                                           "大白菜,1.0,1.1,1.2,,冀,斤,2025-01-01\n", -1, NULL));
  assert_true (g_file_set_contents (again, "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                                           "大白菜,1.3,1.4,1.5,,冀,斤,2025-01-01\n"
                                           "土豆,2.0,2.1,2.2,,冀,斤,2025-01-01\n"
                                           "大白菜,1.6,1.7,1.8,,冀,斤,2025-01-01\n"
                                           "土豆,2.3,2.4,2.5,,冀,斤,2025-01-01\n"
                                           "大白菜,1.0,1.1,1.2,,冀,斤,2025-01-01\n"
                                           "土豆,2.6,2.7,2.8,,冀,斤,2025-01-01\n", -1, NULL));
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (f->store, first, "csv", NULL, "twice", NULL, NULL, NULL,
                                      NULL, NULL, &r, &error));
  jc_import_report_clear (&r);
  jc_import_report_init (&r);
  assert_true (jc_prices_import_file (f->store, again, "csv", NULL, "twice", NULL, NULL, NULL,
                                      NULL, NULL, &r, &error));
  assert_no_error (error);
  assert_int_equal (r.rows_new, 1);
  assert_int_equal (r.rows_changed, 5);
  jc_import_report_clear (&r);

  chain = jc_test_db_rows (f->path,
    "SELECT p.market_name, r.old_avg, r.new_avg FROM price_revisions r "
    "JOIN prices p ON p.id = r.price_id ORDER BY r.id");
  assert_string_equal (chain, "大白菜|1100|1400|\n大白菜|1400|1700|\n土豆|2100|2400|\n"
                              "大白菜|1700|1100|\n土豆|2400|2700|\n");
  g_clear_pointer (&chain, g_free);
  chain = jc_test_db_rows (f->path,
    "SELECT market_name, low_milliyuan, avg_milliyuan, high_milliyuan FROM prices "
    "ORDER BY market_name");
  assert_string_equal (chain, "土豆|2600|2700|2800|\n大白菜|1000|1100|1200|\n");
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_paged_fetch),
    T (test_bad_rows),
    T (test_faults_leave_tables_unchanged),
    T (test_retries_succeed),
    T (test_page_count_changes),
    T (test_page_larger_than_asked),
    T (test_tls_self_signed_refused),
    T (test_import_file_and_file_url),
    T (test_staged_import_published_at_once),
    T (test_staged_import_cancelled),
    T (test_staged_leftovers),
    T (test_staged_quote_changed_twice),
  };
  int rc;

  jc_test_store_init ("price-import");
  curl_global_init (CURL_GLOBAL_DEFAULT);
  rc = cmocka_run_group_tests_name ("price-import", tests, NULL, NULL);
  curl_global_cleanup ();
  return rc;
}
