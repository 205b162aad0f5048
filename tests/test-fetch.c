/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc_fetch() against a real HTTP(S) server on 127.0.0.1: every fault a
 * market server can produce ends in the error a person can act on, with
 * the right number of attempts, in bounded time, and no credential ever
 * shows up in a message or a log line. */
#include "config.h"

#define G_LOG_DOMAIN "test-fetch"

#include <curl/curl.h>
#include <signal.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-test-server.h"
#include "jc-fetch.h"

static JcTestServer *server;

/* Every log line of the process, so a test can look for secrets in them. */
static GMutex log_lock;
static GPtrArray *log_lines;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0)
      g_ptr_array_add (log_lines, g_strdup (fields[i].value));
  g_mutex_unlock (&log_lock);
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
assert_logs_free_of (const char *secret)
{
  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_lines->len; i++)
    if (strstr (g_ptr_array_index (log_lines, i), secret) != NULL)
      {
        g_mutex_unlock (&log_lock);
        fail_msg ("log line “%s” contains “%s”", (char *) g_ptr_array_index (log_lines, i), secret);
      }
  g_mutex_unlock (&log_lock);
}

static guint
log_line_count (void)
{
  guint n;

  g_mutex_lock (&log_lock);
  n = log_lines->len;
  g_mutex_unlock (&log_lock);
  return n;
}

/* Short timeouts so that the whole suite takes seconds. */
static void
fast_options (JcFetchOptions *o)
{
  jc_fetch_options_init (o);
  o->connect_timeout_ms = 3000;
  o->timeout_ms = 15000;
  o->low_speed_timeout_s = 2;
  o->backoff_ms = 50;
  o->max_retries = 3;
  o->max_retry_after_s = 5;
}

static gint64
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000;
}

static char *
url_for (const char *path)
{
  return jc_test_server_url (server, path);
}

static void
assert_body (GBytes     *bytes,
             const char *expected,
             gsize       len)
{
  assert_non_null (bytes);
  assert_int_equal (g_bytes_get_size (bytes), len);
  assert_memory_equal (g_bytes_get_data (bytes, NULL), expected, len);
}

/* ---- success ------------------------------------------------------------ */

static void
test_get (void **state)
{
  g_autofree char *url = url_for ("/hello");
  g_autofree char *ua = NULL;
  g_autofree char *method = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *json = "{\"prodName\":\"大白菜\",\"avgPrice\":1.2}";
  JcFetchOptions o;
  guint attempts = 99;

  fast_options (&o);
  jc_test_server_serve (server, "/hello", "application/json; charset=utf-8", json);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, json, strlen (json));
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (server, "/hello"), 1);
  method = jc_test_server_dup_method (server, "/hello");
  assert_string_equal (method, "GET");
  ua = jc_test_server_dup_header (server, "/hello", "User-Agent");
  assert_string_equal (ua, "jicai/" PACKAGE_VERSION " (+canteen procurement)");
}

static void
test_defaults (void **state)
{
  JcFetchOptions o;

  memset (&o, 0xff, sizeof o);
  jc_fetch_options_init (&o);
  assert_int_equal (o.connect_timeout_ms, 10000);
  assert_int_equal (o.timeout_ms, 60000);
  assert_int_equal (o.low_speed_timeout_s, 20);
  assert_int_equal (o.max_bytes, 64 * 1024 * 1024);
  assert_int_equal (o.max_retries, 3);
  assert_int_equal (o.backoff_ms, 500);
  assert_int_equal (o.max_retry_after_s, 120);
  assert_null (o.credentials);
  assert_null (o.ca_file);
  assert_non_null (o.user_agent);
}

static void
test_empty_body (void **state)
{
  g_autofree char *url = url_for ("/empty");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  JcTestReply r = { .kind = JC_TEST_REPLY_BODY, .status = 204 };

  fast_options (&o);
  jc_test_server_add_reply (server, "/empty", &r);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_non_null (body);
  assert_int_equal (g_bytes_get_size (body), 0);
}

static void
test_form_encode (void **state)
{
  g_autofree char *a = jc_fetch_form_encode ("current", "1", "limit", "20", NULL);
  g_autofree char *b = jc_fetch_form_encode ("prodName", "大白菜", NULL);
  g_autofree char *c = jc_fetch_form_encode ("q", "a b&c=d/é+%", "unreserved", "AZaz09-._~", NULL);
  g_autofree char *d = jc_fetch_form_encode ("empty", "", NULL);

  assert_string_equal (a, "current=1&limit=20");
  assert_string_equal (b, "prodName=%E5%A4%A7%E7%99%BD%E8%8F%9C");
  assert_string_equal (c, "q=a%20b%26c%3Dd%2F%C3%A9%2B%25&unreserved=AZaz09-._~");
  assert_string_equal (d, "empty=");
}

/* The Xinfadi adapter posts a paged query: the server must receive
 * exactly the bytes jc_fetch_form_encode() made. */
static void
test_post_form (void **state)
{
  g_autofree char *url = url_for ("/getPriceData.html");
  g_autofree char *form = jc_fetch_form_encode ("limit", "20", "current", "2",
                                                "pubDateStartTime", "2024/01/01",
                                                "prodName", "大白菜", NULL);
  g_autofree char *got = NULL;
  g_autofree char *ctype = NULL;
  g_autofree char *method = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  gsize len = 0;

  fast_options (&o);
  assert_string_equal (form, "limit=20&current=2&pubDateStartTime=2024%2F01%2F01"
                             "&prodName=%E5%A4%A7%E7%99%BD%E8%8F%9C");
  jc_test_server_serve (server, "/getPriceData.html", "application/json", "{\"count\":0}");
  body = jc_fetch (url, form, &o, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_body (body, "{\"count\":0}", 11);

  got = jc_test_server_dup_post (server, "/getPriceData.html", 0, &len);
  assert_non_null (got);
  assert_int_equal (len, strlen (form));
  assert_memory_equal (got, form, len);
  method = jc_test_server_dup_method (server, "/getPriceData.html");
  assert_string_equal (method, "POST");
  ctype = jc_test_server_dup_header (server, "/getPriceData.html", "Content-Type");
  assert_string_equal (ctype, "application/x-www-form-urlencoded");
}

static void
test_file_url (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "价格 feed.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) again = NULL;
  const char *content = "{\"list\":[{\"prodName\":\"菠菜\"}]}\n";
  guint attempts = 0;

  assert_true (g_file_set_contents (path, content, -1, NULL));
  body = jc_fetch (uri, NULL, NULL, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, content, strlen (content));
  assert_int_equal (attempts, 1);

  /* the offline demo replays a saved POST response: the form is ignored */
  again = jc_fetch (uri, "limit=20&current=1", NULL, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_body (again, content, strlen (content));
  jc_test_rmtree (dir);
}

static void
test_file_missing (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "no-such-feed.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *expected = g_strdup_printf ("Could not read %s: No such file or directory", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint attempts = 0;

  body = jc_fetch (uri, NULL, NULL, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_FILE);
  assert_string_equal (error->message, expected);
  assert_int_equal (attempts, 1);
  g_clear_error (&error);

  /* a folder is not a feed */
  g_clear_pointer (&uri, g_free);
  uri = g_filename_to_uri (dir, NULL, NULL);
  body = jc_fetch (uri, NULL, NULL, NULL, NULL, NULL, NULL, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_FILE);
  assert_contains (error->message, dir);
  jc_test_rmtree (dir);
}

typedef struct {
  GArray  *received;
  guint64  total;
} ProgressLog;

static void
on_progress (guint64  received,
             guint64  total,
             gpointer user_data)
{
  ProgressLog *log = user_data;

  g_array_append_val (log->received, received);
  log->total = total;
}

static void
test_progress (void **state)
{
  g_autofree char *url = url_for ("/big.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GString) csv = g_string_new ("item,price\n");
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (guint64)), 0 };
  JcFetchOptions o;

  fast_options (&o);
  while (csv->len < 3 * 1024 * 1024)
    g_string_append (csv, "大白菜,1200\n");
  jc_test_server_serve (server, "/big.csv", "text/csv; charset=utf-8", csv->str);
  body = jc_fetch (url, NULL, &o, NULL, on_progress, &log, NULL, &error);
  assert_no_error (error);
  assert_body (body, csv->str, csv->len);

  assert_true (log.received->len >= 1);
  for (guint i = 1; i < log.received->len; i++)
    assert_true (g_array_index (log.received, guint64, i) > g_array_index (log.received, guint64, i - 1));
  assert_int_equal (g_array_index (log.received, guint64, log.received->len - 1), csv->len);
  assert_int_equal (log.total, csv->len);
  g_array_unref (log.received);
}

/* First two requests see 3 pages, the third sees 2: what a feed looks
 * like when it is republished between pages. */
static void
test_sequence (void **state)
{
  g_autofree char *url = url_for ("/pages");
  JcTestReply three = { .kind = JC_TEST_REPLY_BODY, .body = "{\"pages\":3}", .body_len = -1, .times = 2 };
  JcTestReply two = { .kind = JC_TEST_REPLY_BODY, .body = "{\"pages\":2}", .body_len = -1 };
  const char *expected[] = { "{\"pages\":3}", "{\"pages\":3}", "{\"pages\":2}", "{\"pages\":2}" };
  JcFetchOptions o;

  fast_options (&o);
  jc_test_server_add_reply (server, "/pages", &three);
  jc_test_server_add_reply (server, "/pages", &two);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = jc_fetch (url, "current=1", &o, NULL, NULL, NULL, NULL, &error);

      assert_no_error (error);
      assert_body (body, expected[i], strlen (expected[i]));
    }
  assert_int_equal (jc_test_server_count (server, "/pages"), 4);
}

static void
test_redirect_followed (void **state)
{
  g_autofree char *url = url_for ("/old");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcTestReply moved = { .kind = JC_TEST_REPLY_BODY, .status = 301, .location = "/new" };
  JcFetchOptions o;

  fast_options (&o);
  jc_test_server_add_reply (server, "/old", &moved);
  jc_test_server_serve (server, "/new", NULL, "moved here");
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_body (body, "moved here", 10);
  assert_int_equal (jc_test_server_count (server, "/old"), 1);
  assert_int_equal (jc_test_server_count (server, "/new"), 1);
}

/* ---- HTTP status -------------------------------------------------------- */

static void
test_404 (void **state)
{
  g_autofree char *url = url_for ("/nope");
  g_autofree char *expected = g_strdup_printf ("Could not fetch http://127.0.0.1:%u/nope: "
                                               "the server answered 404 Not Found",
                                               jc_test_server_get_port (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/nope", JC_TEST_FAULT_404, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_HTTP);
  assert_string_equal (error->message, expected);
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (server, "/nope"), 1);
}

static void
test_500_retried_then_error (void **state)
{
  g_autofree char *url = url_for ("/broken");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  jc_test_server_fault (server, "/broken", JC_TEST_FAULT_500, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_HTTP);
  assert_contains (error->message, "the server answered 500 Internal Server Error (4 attempts)");
  assert_int_equal (attempts, 4);
  assert_int_equal (jc_test_server_count (server, "/broken"), 4);
  /* backoff 50, 100, 200 ms (+ jitter, at most 50 % more) */
  assert_true (elapsed_ms (start) >= 350);
  assert_true (elapsed_ms (start) < 3000);
}

static void
test_503_retry_after (void **state)
{
  g_autofree char *url = url_for ("/busy");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  jc_test_server_fault (server, "/busy", JC_TEST_FAULT_503_THEN_OK, "fresh prices");
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, "fresh prices", 12);
  assert_int_equal (attempts, 2);
  assert_int_equal (jc_test_server_count (server, "/busy"), 2);
  /* Retry-After: 1 is honoured, not the 50 ms backoff */
  assert_true (elapsed_ms (start) >= 1000);
  assert_true (elapsed_ms (start) < 4000);
}

static char *
http_date (GDateTime *t)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

  return g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d GMT",
                          days[g_date_time_get_day_of_week (t) - 1],
                          g_date_time_get_day_of_month (t),
                          months[g_date_time_get_month (t) - 1],
                          g_date_time_get_year (t), g_date_time_get_hour (t),
                          g_date_time_get_minute (t), g_date_time_get_second (t));
}

/* Retry-After as an HTTP date an hour away: understood (we wait more than
 * the backoff) and capped (we do not wait an hour). */
static void
test_retry_after_date_capped (void **state)
{
  g_autofree char *url = url_for ("/later");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);
  g_autofree char *date = http_date (later);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcTestReply busy = { .kind = JC_TEST_REPLY_BODY, .status = 503, .retry_after = date, .times = 1 };
  JcTestReply ok = { .kind = JC_TEST_REPLY_BODY, .body = "ok", .body_len = -1 };
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  o.max_retry_after_s = 1;
  jc_test_server_add_reply (server, "/later", &busy);
  jc_test_server_add_reply (server, "/later", &ok);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, "ok", 2);
  assert_int_equal (attempts, 2);
  assert_true (elapsed_ms (start) >= 1000);
  assert_true (elapsed_ms (start) < 4000);
}

static void
test_429_then_ok (void **state)
{
  g_autofree char *url = url_for ("/throttled");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/throttled", JC_TEST_FAULT_429_THEN_OK, "ok after 429");
  body = jc_fetch (url, "current=1", &o, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, "ok after 429", 12);
  assert_int_equal (attempts, 2);
  assert_int_equal (jc_test_server_count (server, "/throttled"), 2);
  /* a retried POST sends the same form again */
  {
    g_autofree char *first = jc_test_server_dup_post (server, "/throttled", 0, NULL);
    g_autofree char *second = jc_test_server_dup_post (server, "/throttled", 1, NULL);

    assert_string_equal (first, "current=1");
    assert_string_equal (second, "current=1");
  }
}

static void
test_no_retries_when_zero (void **state)
{
  g_autofree char *url = url_for ("/broken-once");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  o.max_retries = 0;
  jc_test_server_fault (server, "/broken-once", JC_TEST_FAULT_500, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_HTTP);
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (server, "/broken-once"), 1);
}

/* ---- the connection ------------------------------------------------------ */

static void
test_reset (void **state)
{
  g_autofree char *url = url_for ("/reset");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/reset", JC_TEST_FAULT_RESET, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_RESET);
  assert_contains (error->message, "the connection was broken (");
  assert_contains (error->message, "Connection reset by peer");
  assert_contains (error->message, "(4 attempts)");
  assert_int_equal (attempts, 4);
  assert_int_equal (jc_test_server_count (server, "/reset"), 4);
}

/* A server that closes without a word (FIN rather than RST): the same. */
static void
test_closed_without_answer (void **state)
{
  g_autofree char *url = url_for ("/hangup");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  o.max_retries = 1;
  jc_test_server_fault (server, "/hangup", JC_TEST_FAULT_CLOSE, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_RESET);
  assert_contains (error->message, "the server closed the connection without answering (2 attempts)");
  assert_int_equal (attempts, 2);
  assert_int_equal (jc_test_server_count (server, "/hangup"), 2);
}

static void
test_reset_then_ok (void **state)
{
  g_autofree char *url = url_for ("/flaky");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/flaky", JC_TEST_FAULT_RESET_THEN_OK, "second time lucky");
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_no_error (error);
  assert_body (body, "second time lucky", 17);
  assert_int_equal (attempts, 2);
}

/* A body that stops half-way: the low-speed limit ends it, and a timeout
 * is retried. */
static void
test_stall (void **state)
{
  g_autofree char *url = url_for ("/stall");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  o.low_speed_timeout_s = 1;
  o.max_retries = 1;
  jc_test_server_fault (server, "/stall", JC_TEST_FAULT_STALL, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TIMEOUT);
  assert_contains (error->message, "the server stopped sending for 1 s (2 attempts)");
  assert_int_equal (attempts, 2);
  assert_int_equal (jc_test_server_count (server, "/stall"), 2);
  /* 1 s of silence per attempt, detected on time (curl's own low-speed
   * check averages over several seconds and would take ~6 s each) */
  assert_true (elapsed_ms (start) >= 2000);
  assert_true (elapsed_ms (start) < 5000);
}

static void
test_total_timeout (void **state)
{
  g_autofree char *url = url_for ("/slow");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  o.low_speed_timeout_s = 30;
  o.timeout_ms = 1500;
  o.max_retries = 0;
  jc_test_server_fault (server, "/slow", JC_TEST_FAULT_STALL, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TIMEOUT);
  assert_contains (error->message, "the transfer took longer than 1.5 s");
  assert_int_equal (attempts, 1);
  assert_true (elapsed_ms (start) >= 1400);
  assert_true (elapsed_ms (start) < 5000);
}

/* Sizes are g_format_size()'s, which puts a no-break space (U+00A0)
 * between number and unit. */
static void
test_truncated (void **state)
{
  g_autofree char *url = url_for ("/truncated");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/truncated", JC_TEST_FAULT_TRUNCATE, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TRUNCATED);
  assert_contains (error->message, "the connection closed after 100 bytes of 1.0\u00a0KiB");
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (server, "/truncated"), 1);
}

static void
test_too_large_by_content_length (void **state)
{
  g_autofree char *url = url_for ("/huge");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (guint64)), 0 };
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  o.max_bytes = 1024 * 1024;
  jc_test_server_fault (server, "/huge", JC_TEST_FAULT_HUGE, NULL);
  body = jc_fetch (url, NULL, &o, NULL, on_progress, &log, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE);
  assert_contains (error->message, "the response (8.0\u00a0MiB) is larger than the limit of 1.0\u00a0MiB");
  assert_int_equal (attempts, 1);
  /* refused on the header, before any of the body */
  assert_int_equal (log.received->len, 0);
  g_array_unref (log.received);
}

static void
test_too_large_streamed (void **state)
{
  g_autofree char *url = url_for ("/huge-chunked");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  ProgressLog log = { g_array_new (FALSE, FALSE, sizeof (guint64)), 0 };
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  o.max_bytes = 1024 * 1024;
  jc_test_server_fault (server, "/huge-chunked", JC_TEST_FAULT_HUGE_CHUNKED, NULL);
  body = jc_fetch (url, NULL, &o, NULL, on_progress, &log, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE);
  assert_contains (error->message, "the response is larger than the limit of 1.0\u00a0MiB");
  assert_int_equal (attempts, 1);
  /* stopped near the limit, not after the 8 MiB */
  for (guint i = 0; i < log.received->len; i++)
    assert_true (g_array_index (log.received, guint64, i) < 2 * 1024 * 1024);
  assert_int_equal (log.total, 0);
  g_array_unref (log.received);
}

/* A gzip bomb: a few KiB on the wire that unpack to 8 MiB.  The fetch stops
 * at the limit, and says it was the unpacked size that exceeded it, not the
 * few KiB sent. */
static void
test_too_large_gzip (void **state)
{
  g_autofree char *url = url_for ("/bomb");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GZlibCompressor) zc = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autofree char *plain = g_strnfill (8 * 1024 * 1024, 'x');
  gsize packed_cap = 64 * 1024, read = 0, written = 0;
  g_autofree char *packed = g_malloc (packed_cap);
  JcTestReply reply = { JC_TEST_REPLY_BODY, 200, "application/json", NULL, -1, NULL, NULL, 0, 0,
                        0, "gzip" };
  JcFetchOptions o;

  assert_int_equal (g_converter_convert (G_CONVERTER (zc), plain, 8 * 1024 * 1024, packed,
                                         packed_cap, G_CONVERTER_INPUT_AT_END, &read, &written,
                                         &error),
                    G_CONVERTER_FINISHED);
  assert_true (written < 64 * 1024);
  reply.body = packed;
  reply.body_len = (gssize) written;
  jc_test_server_clear (server);
  jc_test_server_add_reply (server, "/bomb", &reply);
  fast_options (&o);
  o.max_bytes = 1024 * 1024;
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE);
  assert_contains (error->message, "as sent, unpacks to more than the limit of 1.0\u00a0MiB");
}

static void
test_max_bytes_boundary (void **state)
{
  g_autofree char *url = url_for ("/exact");
  g_autofree char *thousand = g_strnfill (1000, 'p');
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) none = NULL;
  JcFetchOptions o;

  fast_options (&o);
  jc_test_server_serve (server, "/exact", NULL, thousand);
  o.max_bytes = 1000;
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_body (body, thousand, 1000);

  o.max_bytes = 999;
  none = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_null (none);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TOO_LARGE);
}

static void
test_redirect_loop (void **state)
{
  g_autofree char *url = url_for ("/loop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  fast_options (&o);
  jc_test_server_fault (server, "/loop", JC_TEST_FAULT_REDIRECT_LOOP, NULL);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_REDIRECTS);
  assert_contains (error->message, "more than 5 redirects");
  assert_int_equal (attempts, 1);
  /* the first request and five redirects */
  assert_int_equal (jc_test_server_count (server, "/loop"), 6);
}

/* A feed server must not be able to make us read a local file. */
static void
test_redirect_to_file_refused (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *url = url_for ("/evil");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcTestReply evil = { .kind = JC_TEST_REPLY_BODY, .status = 302, .location = uri };
  JcFetchOptions o;

  fast_options (&o);
  assert_true (g_file_set_contents (path, "local secret", -1, NULL));
  jc_test_server_add_reply (server, "/evil", &evil);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_REDIRECTS);
  assert_contains (error->message, "not http or https");
  jc_test_rmtree (dir);
}

static void
test_connect_refused (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  JcTestServer *gone = jc_test_server_new (NULL, NULL, &error);
  JcFetchOptions o;
  guint attempts = 0;

  assert_no_error (error);
  /* a port that was just free and is closed again */
  url = jc_test_server_url (gone, "/x");
  jc_test_server_free (gone);

  fast_options (&o);
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_CONNECT);
  assert_contains (error->message, "could not connect to the server (Connection refused)");
  assert_int_equal (attempts, 1);
}

static void
test_bad_url (void **state)
{
  const char *bad[] = {
    "ftp://127.0.0.1/prices.csv",
    "gopher://127.0.0.1/",
    "127.0.0.1/no-scheme",
    "not a url",
    "",
    "http://",
  };
  JcFetchOptions o;

  fast_options (&o);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint attempts = 99;

      body = jc_fetch (bad[i], NULL, &o, NULL, NULL, NULL, &attempts, &error);
      assert_null (body);
      assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_BAD_URL);
      assert_contains (error->message, "Could not fetch ");
      assert_int_equal (attempts, 0);
    }
}

/* The proxy of the environment is used (nothing in jc_fetch disables it):
 * with http_proxy pointing at the test server, a request for another host
 * arrives there, in absolute form. */
static void
test_proxy_from_environment (void **state)
{
  const char *target = "http://prices.example.invalid/feed.json";
  g_autofree char *proxy = url_for ("");
  g_autofree char *host = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;

  fast_options (&o);
  jc_test_server_serve (server, target, "application/json", "{\"via\":\"proxy\"}");
  g_setenv ("http_proxy", proxy, TRUE);
  body = jc_fetch (target, NULL, &o, NULL, NULL, NULL, NULL, &error);
  g_unsetenv ("http_proxy");
  assert_no_error (error);
  assert_body (body, "{\"via\":\"proxy\"}", 15);
  assert_int_equal (jc_test_server_count (server, target), 1);
  host = jc_test_server_dup_header (server, target, "Host");
  assert_string_equal (host, "prices.example.invalid");
}

/* ---- TLS ---------------------------------------------------------------- */

static void
test_tls_verified (void **state)
{
  g_autofree char *cert = g_build_filename (g_getenv ("JICAI_TEST_DATA"), "tls", "cert.pem", NULL);
  g_autofree char *key = g_build_filename (g_getenv ("JICAI_TEST_DATA"), "tls", "key.pem", NULL);
  g_autoptr(JcTestServer) tls = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  JcFetchOptions o;
  guint attempts = 0;

  if (!jc_test_server_tls_supported ())
    {
      print_message ("libmicrohttpd has no TLS: skipping\n");
      skip ();
    }
  tls = jc_test_server_new (cert, key, &error);
  assert_no_error (error);
  jc_test_server_serve (tls, "/secure", "application/json", "{\"tls\":true}");
  url = jc_test_server_url (tls, "/secure");
  assert_true (g_str_has_prefix (url, "https://127.0.0.1:"));

  /* the system's CAs do not know a self-signed certificate: refused */
  fast_options (&o);
  refused = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (refused);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_TLS);
  assert_contains (error->message, "certificate");
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (tls, "/secure"), 0);
  g_clear_error (&error);

  /* trusting exactly that certificate: the same request goes through,
   * so the refusal above was verification, not a broken server */
  o.ca_file = cert;
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
  assert_no_error (error);
  assert_body (body, "{\"tls\":true}", 12);
  assert_int_equal (jc_test_server_count (tls, "/secure"), 1);
}

/* ---- credentials ---------------------------------------------------------- */

static void
test_credentials_sent (void **state)
{
  g_autofree char *url = url_for ("/auth");
  g_autofree char *expected_basic = NULL;
  g_autofree char *b64 = g_base64_encode ((const guchar *) "alice:s3cret:pw", 15);
  const struct { const char *credentials; const char *header; } cases[] = {
    { "alice:s3cret:pw", NULL },
    { "tok-0123456789", "Bearer tok-0123456789" },
    { "Bearer abc.def.ghi", "Bearer abc.def.ghi" },
    { "Token xyz-987", "Token xyz-987" },
  };
  JcFetchOptions o;

  expected_basic = g_strconcat ("Basic ", b64, NULL);
  fast_options (&o);
  jc_test_server_serve (server, "/auth", NULL, "ok");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *got = NULL;

      o.credentials = cases[i].credentials;
      body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, NULL, &error);
      assert_no_error (error);
      got = jc_test_server_dup_header (server, "/auth", "Authorization");
      assert_string_equal (got, cases[i].header ? cases[i].header : expected_basic);
    }
}

static void
test_credentials_never_shown (void **state)
{
  g_autofree char *with_userinfo = NULL;
  g_autofree char *shown = g_strdup_printf ("http://127.0.0.1:%u/private?page=1&api_key=***",
                                            jc_test_server_get_port (server));
  const char *secrets[] = { "s3cret-pw", "hunter2pw", "bob", "alice", "k3y-value" };
  const JcTestFault faults[] = { JC_TEST_FAULT_404, JC_TEST_FAULT_500, JC_TEST_FAULT_RESET };
  guint log_before = log_line_count ();
  JcFetchOptions o;

  with_userinfo = g_strdup_printf ("http://bob:hunter2pw@127.0.0.1:%u/private?page=1&api_key=k3y-value",
                                   jc_test_server_get_port (server));
  fast_options (&o);
  o.max_retries = 1;
  o.credentials = "alice:s3cret-pw";
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;

      jc_test_server_fault (server, "/private", faults[i], NULL);
      body = jc_fetch (with_userinfo, NULL, &o, NULL, NULL, NULL, NULL, &error);
      assert_null (body);
      assert_true (error->domain == JC_FETCH_ERROR);
      assert_contains (error->message, shown);
      for (guint j = 0; j < G_N_ELEMENTS (secrets); j++)
        if (strstr (error->message, secrets[j]) != NULL)
          fail_msg ("“%s” shows “%s”", error->message, secrets[j]);
    }
  /* the retries logged something, and none of it is a secret */
  assert_true (log_line_count () > log_before);
  for (guint j = 0; j < G_N_ELEMENTS (secrets); j++)
    assert_logs_free_of (secrets[j]);
}

/* A line break in the credentials would inject a request header. */
static void
test_credentials_with_line_break (void **state)
{
  g_autofree char *url = url_for ("/inject");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JcFetchOptions o;
  guint attempts = 99;

  fast_options (&o);
  o.credentials = "Bearer tok-123\r\nX-Injected: yes";
  jc_test_server_serve (server, "/inject", NULL, "x");
  body = jc_fetch (url, NULL, &o, NULL, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, JC_FETCH_ERROR, JC_FETCH_ERROR_FAILED);
  assert_contains (error->message, "credentials contain a line break");
  assert_null (strstr (error->message, "tok-123"));
  assert_int_equal (attempts, 0);
  assert_int_equal (jc_test_server_count (server, "/inject"), 0);
}

/* ---- cancellation --------------------------------------------------------- */

static gpointer
cancel_later_thread (gpointer data)
{
  g_usleep (300 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

/* The user presses Cancel while a body is stalled: the call returns at
 * once, not after the low-speed timeout. */
static void
test_cancel_stalled_body (void **state)
{
  g_autofree char *url = url_for ("/stall-cancel");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  GThread *thread;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  o.low_speed_timeout_s = 20;
  jc_test_server_fault (server, "/stall-cancel", JC_TEST_FAULT_STALL, NULL);
  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  body = jc_fetch (url, NULL, &o, cancellable, NULL, NULL, &attempts, &error);
  g_thread_join (thread);
  assert_null (body);
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_int_equal (attempts, 1);
  assert_true (elapsed_ms (start) >= 300);
  assert_true (elapsed_ms (start) < 800);
}

/* Cancel while waiting to retry: the wait is on the cancellable. */
static void
test_cancel_during_backoff (void **state)
{
  g_autofree char *url = url_for ("/broken-slow-retry");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  GThread *thread;
  JcFetchOptions o;
  guint attempts = 0;
  gint64 start = g_get_monotonic_time ();

  fast_options (&o);
  o.backoff_ms = 20000;
  jc_test_server_fault (server, "/broken-slow-retry", JC_TEST_FAULT_500, NULL);
  thread = g_thread_new ("cancel", cancel_later_thread, cancellable);
  body = jc_fetch (url, NULL, &o, cancellable, NULL, NULL, &attempts, &error);
  g_thread_join (thread);
  assert_null (body);
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_int_equal (attempts, 1);
  assert_int_equal (jc_test_server_count (server, "/broken-slow-retry"), 1);
  assert_true (elapsed_ms (start) < 800);
}

static void
test_cancelled_before (void **state)
{
  g_autofree char *url = url_for ("/never");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint attempts = 99;

  jc_test_server_serve (server, "/never", NULL, "x");
  g_cancellable_cancel (cancellable);
  body = jc_fetch (url, NULL, NULL, cancellable, NULL, NULL, &attempts, &error);
  assert_null (body);
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_int_equal (attempts, 0);
  assert_int_equal (jc_test_server_count (server, "/never"), 0);
}

/* ---- threads -------------------------------------------------------------- */

typedef struct {
  char   *url;
  GBytes *body;
  GError *error;
} Job;

static gpointer
fetch_thread (gpointer data)
{
  Job *job = data;
  JcFetchOptions o;

  fast_options (&o);
  job->body = jc_fetch (job->url, NULL, &o, NULL, NULL, NULL, NULL, &job->error);
  return NULL;
}

/* One easy handle per call, so fetches in parallel threads share nothing. */
static void
test_parallel_threads (void **state)
{
  Job jobs[6] = { { 0 } };
  GThread *threads[G_N_ELEMENTS (jobs)];

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/market/%u", i);
      g_autofree char *body = g_strdup_printf ("market %u", i);

      jc_test_server_serve (server, path, NULL, body);
      jobs[i].url = url_for (path);
      threads[i] = g_thread_new ("fetch", fetch_thread, &jobs[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      g_autofree char *expected = g_strdup_printf ("market %u", i);

      g_thread_join (threads[i]);
      assert_no_error (jobs[i].error);
      assert_body (jobs[i].body, expected, strlen (expected));
      g_bytes_unref (jobs[i].body);
      g_free (jobs[i].url);
    }
}

static int
group_setup (void **state)
{
  g_autoptr(GError) error = NULL;

  server = jc_test_server_new (NULL, NULL, &error);
  if (server == NULL)
    {
      print_error ("test server: %s\n", error->message);
      return -1;
    }
  return 0;
}

static int
group_teardown (void **state)
{
  g_clear_pointer (&server, jc_test_server_free);
  return 0;
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_defaults),
    cmocka_unit_test (test_form_encode),
    cmocka_unit_test (test_get),
    cmocka_unit_test (test_empty_body),
    cmocka_unit_test (test_post_form),
    cmocka_unit_test (test_file_url),
    cmocka_unit_test (test_file_missing),
    cmocka_unit_test (test_progress),
    cmocka_unit_test (test_sequence),
    cmocka_unit_test (test_redirect_followed),
    cmocka_unit_test (test_404),
    cmocka_unit_test (test_500_retried_then_error),
    cmocka_unit_test (test_503_retry_after),
    cmocka_unit_test (test_retry_after_date_capped),
    cmocka_unit_test (test_429_then_ok),
    cmocka_unit_test (test_no_retries_when_zero),
    cmocka_unit_test (test_reset),
    cmocka_unit_test (test_closed_without_answer),
    cmocka_unit_test (test_reset_then_ok),
    cmocka_unit_test (test_stall),
    cmocka_unit_test (test_total_timeout),
    cmocka_unit_test (test_truncated),
    cmocka_unit_test (test_too_large_by_content_length),
    cmocka_unit_test (test_too_large_streamed),
    cmocka_unit_test (test_too_large_gzip),
    cmocka_unit_test (test_max_bytes_boundary),
    cmocka_unit_test (test_redirect_loop),
    cmocka_unit_test (test_redirect_to_file_refused),
    cmocka_unit_test (test_connect_refused),
    cmocka_unit_test (test_bad_url),
    cmocka_unit_test (test_proxy_from_environment),
    cmocka_unit_test (test_tls_verified),
    cmocka_unit_test (test_credentials_sent),
    cmocka_unit_test (test_credentials_never_shown),
    cmocka_unit_test (test_credentials_with_line_break),
    cmocka_unit_test (test_cancel_stalled_body),
    cmocka_unit_test (test_cancel_during_backoff),
    cmocka_unit_test (test_cancelled_before),
    cmocka_unit_test (test_parallel_threads),
  };
  static const char *const proxy_vars[] = {
    "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
    "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
  };
  int rc;

  /* A peer that goes away mid-write must not kill the test with SIGPIPE. */
  signal (SIGPIPE, SIG_IGN);
  /* A proxy set where the tests run must not catch the loopback server;
   * test_proxy_from_environment sets its own. */
  for (guint i = 0; i < G_N_ELEMENTS (proxy_vars); i++)
    g_unsetenv (proxy_vars[i]);
  /* As the app's main does: once, before any thread. */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  rc = cmocka_run_group_tests_name ("fetch", tests, group_setup, group_teardown);

  curl_global_cleanup ();
  return rc;
}
