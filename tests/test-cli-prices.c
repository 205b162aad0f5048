/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jicai-cli's price sources and prices (the cli suite, helpers in
 * jc-test-cli.c): sources and their credentials, imports (Xinfadi JSON,
 * GB18030 CSV), unmapped names, held prices, fetches from file and HTTP
 * sources with partial failures and cancellation, and bad input. */
#include "config.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-cli.h"
#include "jc-test-store.h"

/* ---- sources -------------------------------------------------------- */

#define SECRET "s3cr3t-T0ken-4711"

static void
assert_no_secret (const Run *r)
{
  if (strstr (r->out, SECRET) != NULL || strstr (r->err, SECRET) != NULL)
    {
      dump (r);
      fail_msg ("the credentials were printed");
    }
}

static void
test_sources (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JC_TEST_TOKEN=" SECRET, NULL };
  static const char *const keys[] = {
    "name", "adapter", "url", "params", "has_credentials", "priority", "enabled", "schedule", NULL
  };
  g_autoptr(Run) add = dbe (f, env, "sources", "add", "usda", "--adapter", "usda", "--url",
                            "https://marsapi.ams.usda.gov/services/v1.2/reports/2306",
                            "--credentials-from-env", "JC_TEST_TOKEN", "--priority", "50",
                            "--params", "q=commodity=Tomatoes&api_key=abc", NULL);
  g_autoptr(Run) add2 = db (f, "sources", "add", "新发地", "--adapter", "xinfadi", "--url",
                            "http://www.xinfadi.com.cn/getPriceData.html", "--schedule", "05:30",
                            NULL);
  g_autoptr(Run) add3 = db (f, "sources", "add", "备用", "--adapter=csv", "--url=file:///tmp/x.csv",
                            "--disabled", NULL);
  g_autoptr(Run) human = db (f, "sources", "list", NULL);
  g_autoptr(Run) list = db (f, "sources", "list", "--json", NULL);
  g_autoptr(cJSON) json = NULL;
  g_autoptr(GBytes) file = NULL;
  cJSON *o;

  assert_ok (add);
  assert_contains (add->out, "Added price source usda (usda).");
  assert_no_secret (add);
  assert_ok (add2);
  assert_ok (add3);
  assert_ok (human);
  assert_no_secret (human);
  assert_contains (human->out, "set");
  assert_true (g_str_has_suffix (human->out, "\n3 sources\n"));
  /* Secret-looking parameters are not shown either. */
  assert_null (strstr (human->out, "api_key=abc"));
  assert_contains (human->out, "api_key=***");

  assert_no_secret (list);
  json = parse_json (list);
  assert_int_equal (json_size (json), 3);
  /* preferred first: priority 50 before the default 100 */
  o = cJSON_GetArrayItem (json, 0);
  assert_keys (o, keys);
  assert_string_equal (json_str (o, "name"), "usda");
  assert_string_equal (json_str (o, "adapter"), "usda");
  assert_string_equal (json_str (o, "url"),
                       "https://marsapi.ams.usda.gov/services/v1.2/reports/2306");
  assert_string_equal (json_str (o, "params"), "q=commodity=Tomatoes&api_key=***");
  assert_true (json_bool (o, "has_credentials"));
  assert_int_equal (json_int (o, "priority"), 50);
  assert_true (json_bool (o, "enabled"));
  assert_json_null (o, "schedule");
  o = find_by (json, "name", "新发地");
  assert_false (json_bool (o, "has_credentials"));
  assert_int_equal (json_int (o, "priority"), 100);
  assert_string_equal (json_str (o, "schedule"), "05:30");
  o = find_by (json, "name", "备用");
  assert_false (json_bool (o, "enabled"));

  /* The secret is stored (fetches need it), just never printed. */
  file = jc_test_store_snapshot (f->path);
  assert_non_null (g_bytes_get_data (file, NULL));

  /* edit: rename, re-enable, new priority; the credentials stay */
  {
    g_autoptr(Run) edit = db (f, "sources", "edit", "备用", "--name", "backup", "--enabled",
                              "--priority", "5", "--schedule", "", NULL);
    g_autoptr(Run) edit2 = db (f, "sources", "edit", "usda", "--url",
                               "https://marsapi.ams.usda.gov/services/v1.2/reports/2307", NULL);
    g_autoptr(Run) after = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) a = NULL;

    assert_ok (edit);
    assert_contains (edit->out, "Updated price source backup.");
    assert_ok (edit2);
    assert_no_secret (after);
    a = parse_json (after);
    assert_null (find_by (a, "name", "备用"));
    o = cJSON_GetArrayItem (a, 0);
    assert_string_equal (json_str (o, "name"), "backup");
    assert_true (json_bool (o, "enabled"));
    assert_int_equal (json_int (o, "priority"), 5);
    o = find_by (a, "name", "usda");
    assert_true (json_bool (o, "has_credentials"));
    assert_true (g_str_has_suffix (json_str (o, "url"), "/2307"));
  }
  {
    g_autoptr(Run) clear = db (f, "sources", "edit", "usda", "--clear-credentials", NULL);
    g_autoptr(Run) after = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) a = NULL;

    assert_ok (clear);
    a = parse_json (after);
    assert_false (json_bool (find_by (a, "name", "usda"), "has_credentials"));
  }
  {
    g_autoptr(Run) rm = db (f, "sources", "remove", "backup", NULL);
    g_autoptr(Run) again = db (f, "sources", "remove", "backup", NULL);
    g_autoptr(Run) after = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) a = NULL;

    assert_ok (rm);
    assert_contains (rm->out, "Removed price source backup.");
    assert_failure (again, "No price source “backup”");
    a = parse_json (after);
    assert_int_equal (json_size (a), 2);
  }
}

/* A failing fetch names the source and the file, never the credentials. */
static void
test_sources_credentials_in_errors (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JC_TEST_TOKEN=" SECRET, NULL };
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *url = g_filename_to_uri (missing, NULL, NULL);
  g_autoptr(Run) add = dbe (f, env, "sources", "add", "local", "--adapter", "xinfadi", "--url",
                            url, "--credentials-from-env", "JC_TEST_TOKEN", NULL);
  g_autoptr(Run) fetch = dbe (f, env, "prices", "fetch", "--source", "local", "--to",
                              "2026-11-28", NULL);
  g_autoptr(Run) fetch_json = dbe (f, env, "prices", "fetch", "--json", "--to", "2026-11-28",
                                   NULL);
  g_autoptr(Run) log = db (f, "prices", "log", "--json", NULL);

  assert_ok (add);
  assert_failure (fetch, "Source local: ");
  assert_contains (fetch->err, "missing.json");
  assert_no_secret (fetch);
  assert_int_equal (fetch_json->status, 1);
  assert_no_secret (fetch_json);
  assert_contains (fetch_json->out, "\"ok\":\tfalse");
  assert_no_secret (log);
}

static void
test_sources_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "sources", "add", "x", "--adapter", "rss", "--url", "http://a.example/", NULL },
      "sources add: adapter: unknown adapter “rss” (xinfadi, csv, usda or json)" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "ftp://a.example/p.csv", NULL },
      "url: “ftp://a.example/p.csv” is not an http://, https:// or file:// address" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "prices.csv", NULL },
      "url: “prices.csv” is not an http://, https:// or file:// address" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "http://a.example/", "--priority",
        "1001", NULL },
      "priority: “1001” is too large (at most 1000)" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "http://a.example/", "--priority",
        "-1", NULL },
      "priority: “-1” is negative" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "http://a.example/", "--priority",
        "high", NULL },
      "priority: “high” is not a whole number" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "http://a.example/", "--schedule",
        "25:00", NULL },
      "schedule: “25:00” is not a time of day (HH:MM)" },
    { { "sources", "add", "x", "--adapter", "csv", "--url", "http://a.example/",
        "--credentials-from-env", "JC_TEST_NOT_SET", NULL },
      "credentials: the environment variable JC_TEST_NOT_SET is not set or empty" },
    { { "sources", "add", "", "--adapter", "csv", "--url", "http://a.example/", NULL },
      "name: is required" },
    { { "sources", "add", "s1", "--adapter", "csv", "--url", "http://a.example/", NULL },
      "name: “s1” is already used by another price source" },
    { { "sources", "edit", "s1", "--adapter", "xml", NULL }, "unknown adapter “xml”" },
    { { "sources", "edit", "nope", "--priority", "1", NULL }, "No price source “nope”" },
    { { "sources", "remove", "nope", NULL }, "No price source “nope”" },
  };
  g_autoptr(Run) add = db (f, "sources", "add", "s1", "--adapter", "csv", "--url",
                           "http://a.example/p.csv", NULL);

  assert_ok (add);
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));

  /* A password in the URL is refused, and not echoed back. */
  {
    g_autoptr(GBytes) before = jc_test_store_snapshot (f->path);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(Run) r = db (f, "sources", "add", "x", "--adapter", "csv", "--url",
                           "https://bob:" SECRET "@a.example/p.csv", NULL);

    assert_failure (r, "has a password in it; pass credentials with --credentials-from-env");
    assert_no_secret (r);
    after = jc_test_store_snapshot (f->path);
    assert_true (g_bytes_equal (before, after));
  }
  /* Several bad values: one line each, nothing written. */
  {
    g_autoptr(Run) r = db (f, "sources", "add", "x", "--adapter", "rss", "--url", "gopher://x",
                           "--priority", "9999", NULL);

    assert_int_equal (r->status, 1);
    assert_int_equal (count_lines (r->err), 3);
    assert_contains (r->err, "adapter");
    assert_contains (r->err, "url");
    assert_contains (r->err, "priority");
  }
  {
    g_autoptr(Run) list = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);

    assert_int_equal (json_size (json), 1);
  }
}

/* ---- prices --------------------------------------------------------- */

static void
test_prices_import_xinfadi (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "page1.json", xinfadi_page, -1);
  static const char *const keys[] = {
    "item", "source", "date", "low_milliyuan", "avg_milliyuan", "high_milliyuan",
    "market_name", "spec", "origin", "unit", "market_unit", NULL
  };
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  add_price_catalog (f);
  imp = db (f, "prices", "import", page, "--source", "新发地存档", NULL);
  assert_ok (imp);
  /* 6 seen: 3 new (大白菜, 土豆, 娃娃菜), 1 duplicate, 2 rejected */
  assert_contains (imp->out, "1 page, 6 rows seen: 3 new, 0 changed, 0 unchanged, 1 duplicated, "
                             "2 rejected");
  assert_contains (imp->out, "rejected, all prices zero: 1");
  assert_contains (imp->out, "rejected, unit text in a price: 1");
  assert_contains (imp->out, "line 6: ");
  assert_contains (imp->out, "1 row is not mapped to the catalog yet (1 names: 娃娃菜)");
  assert_contains (imp->out, "prices unmapped");

  list = db (f, "prices", "list", "--json", NULL);
  json = parse_json (list);
  assert_int_equal (json_size (json), 2);
  o = cJSON_GetArrayItem (json, 0);
  assert_keys (o, keys);
  assert_string_equal (json_str (o, "item"), "dbc");
  assert_string_equal (json_str (o, "source"), "新发地存档");
  assert_string_equal (json_str (o, "date"), "2026-11-28");
  /* 0.55 / 0.58 / 0.60 元 per 斤 = 1100 / 1160 / 1200 milli-yuan per kg */
  assert_int_equal (json_int (o, "low_milliyuan"), 1100);
  assert_int_equal (json_int (o, "avg_milliyuan"), 1160);
  assert_int_equal (json_int (o, "high_milliyuan"), 1200);
  assert_string_equal (json_str (o, "market_name"), "大白菜");
  assert_string_equal (json_str (o, "spec"), "");
  assert_string_equal (json_str (o, "origin"), "冀鲁豫鄂");
  assert_string_equal (json_str (o, "unit"), "kg");
  assert_string_equal (json_str (o, "market_unit"), "斤");
  o = cJSON_GetArrayItem (json, 1);
  assert_string_equal (json_str (o, "item"), "potato");
  assert_int_equal (json_int (o, "low_milliyuan"), 2400);
  assert_int_equal (json_int (o, "avg_milliyuan"), 2700);
  assert_int_equal (json_int (o, "high_milliyuan"), 3000);
  assert_string_equal (json_str (o, "spec"), "大");

  /* --item and the dates filter; the human table shows yuan */
  {
    g_autoptr(Run) one = db (f, "prices", "list", "--item", "potato", "--json", NULL);
    g_autoptr(Run) none = db (f, "prices", "list", "--from", "2026-11-29", "--json", NULL);
    g_autoptr(Run) human = db (f, "prices", "list", "--to", "2026-11-28", NULL);
    g_autoptr(cJSON) a = parse_json (one);
    g_autoptr(cJSON) b = parse_json (none);

    assert_int_equal (json_size (a), 1);
    assert_int_equal (json_size (b), 0);
    assert_ok (human);
    assert_contains (human->out, "1.16");
    assert_true (g_str_has_suffix (human->out, "\n2 prices\n"));
  }

  /* The same file again: nothing new, and no second source. */
  again = db (f, "prices", "import", page, "--source", "新发地存档", "--json", NULL);
  {
    g_autoptr(cJSON) report = parse_json (again);
    cJSON *r = cJSON_GetArrayItem (report, 0);
    cJSON *rejected = cJSON_GetObjectItemCaseSensitive (r, "rejected");
    g_autoptr(Run) sources = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) s = parse_json (sources);

    assert_int_equal (json_size (report), 1);
    assert_true (json_bool (r, "ok"));
    assert_json_null (r, "error");
    assert_true (g_str_has_suffix (json_str (r, "file"), "page1.json"));
    assert_int_equal (json_int (r, "rows_seen"), 6);
    assert_int_equal (json_int (r, "rows_new"), 0);
    assert_int_equal (json_int (r, "rows_same"), 3);
    assert_int_equal (json_int (r, "rows_duplicate"), 1);
    assert_int_equal (json_int (r, "rows_rejected"), 2);
    assert_int_equal (json_int (rejected, "zero_price"), 1);
    assert_int_equal (json_int (rejected, "unit_in_price"), 1);
    assert_int_equal (cJSON_GetArraySize (rejected), 2);
    assert_int_equal (json_int (r, "rows_unmapped"), 1);
    assert_int_equal (json_size (s), 1);
  }
  assert_int_equal (count_prices (f), 3);
}

/* A CSV as Chinese Excel saves it: GB18030, a Chinese header; rows
 * refused for three different reasons. */
static void
test_prices_import_gb18030 (void **state)
{
  Fixture *f = *state;
  static const char utf8[] =
    "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\r\n"
    "大白菜,0.7,0.9,1.1,,冀陕辽,斤,2026-11-27 00:00:00\r\n"
    "土豆,1.0,1.1,1.2,大,冀豫,斤,2026-11-27\r\n"
    "土豆,1.5,1.4,1.3,小,冀豫,斤,2026-11-27\r\n"
    "白萝卜,1.0,0.5,1.2,,鲁,斤,2026-11-27\r\n"
    "大白菜,1.4,1.8,2.2,,冀陕辽,公斤,2026/11/27\r\n"
    "大白菜,0.7,0.9,1.1,,冀陕辽,箩,2026-11-27\r\n";
  g_autofree char *gb = NULL;
  g_autofree char *path = NULL;
  gsize len = 0;
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) json_run = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(cJSON) report = NULL;
  g_autoptr(cJSON) prices = NULL;
  cJSON *r, *rejected;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  assert_non_null (gb);
  assert_false (g_utf8_validate (gb, (gssize) len, NULL));
  path = write_file (f, "菜价.csv", gb, (gssize) len);
  add_price_catalog (f);

  imp = db (f, "prices", "import", path, "--source", "存档", NULL);
  assert_ok (imp);
  assert_contains (imp->out, "6 rows seen: 3 new, 0 changed, 0 unchanged, 0 duplicated, "
                             "3 rejected");
  assert_contains (imp->out, "rejected, low price above high price: 1");
  assert_contains (imp->out, "rejected, average outside low…high: 1");
  assert_contains (imp->out, "rejected, unknown unit: 1");
  assert_contains (imp->out, "GB18030");

  /* The same file again, as JSON. */
  json_run = db (f, "prices", "import", path, "--source", "存档", "--format", "csv", "--json",
                 NULL);
  report = parse_json (json_run);
  r = cJSON_GetArrayItem (report, 0);
  rejected = cJSON_GetObjectItemCaseSensitive (r, "rejected");
  assert_int_equal (json_int (r, "rows_seen"), 6);
  assert_int_equal (json_int (r, "rows_same"), 3);
  assert_int_equal (json_int (r, "rows_rejected"), 3);
  assert_int_equal (json_int (rejected, "low_above_high"), 1);
  assert_int_equal (json_int (rejected, "avg_outside"), 1);
  assert_int_equal (json_int (rejected, "unknown_unit"), 1);
  assert_int_equal (json_size (cJSON_GetObjectItemCaseSensitive (r, "reject_examples")), 3);

  /* 大白菜 per 斤 and per 公斤 are two quotes, the same price per kg */
  list = db (f, "prices", "list", "--item", "dbc", "--json", NULL);
  prices = parse_json (list);
  assert_int_equal (json_size (prices), 2);
  for (int i = 0; i < 2; i++)
    {
      cJSON *o = cJSON_GetArrayItem (prices, i);

      assert_int_equal (json_int (o, "low_milliyuan"), 1400);
      assert_int_equal (json_int (o, "avg_milliyuan"), 1800);
      assert_int_equal (json_int (o, "high_milliyuan"), 2200);
    }
}

/* A file that cannot be read or parsed stores nothing and leaves no
 * source behind; the other files of the same command are stored. */
static void
test_prices_import_failure (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = write_file (f, "good.json", xinfadi_page, -1);
  g_autofree char *bad = write_file (f, "bad.json", "<html>502 Bad Gateway</html>", -1);
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) sources = NULL;
  g_autoptr(cJSON) json = NULL;

  add_price_catalog (f);
  r = db (f, "prices", "import", bad, good, "--format", "xinfadi", NULL);
  assert_int_equal (r->status, 1);
  assert_int_equal (count_lines (r->err), 1);
  assert_contains (r->err, "jicai-cli: prices import: ");
  assert_contains (r->err, "bad.json");
  assert_contains (r->out, "good.json → Import good.json: 1 page, 6 rows seen: 3 new");
  sources = db (f, "sources", "list", "--json", NULL);
  json = parse_json (sources);
  assert_int_equal (json_size (json), 1);
  assert_non_null (find_by (json, "name", "Import good.json"));
  assert_int_equal (count_prices (f), 3);
}

static void
test_prices_unmapped_map (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "page1.json", xinfadi_page, -1);
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) unmapped = NULL;
  g_autoptr(Run) map = NULL;
  g_autoptr(Run) after = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  add_price_catalog (f);
  {
    g_autoptr(Run) add = db (f, "catalog", "add", "wwc", "--name", "小白菜心", "--category", "veg",
                             "--unit", "kg", NULL);

    assert_ok (add);
  }
  imp = db (f, "prices", "import", page, NULL);
  assert_ok (imp);
  unmapped = db (f, "prices", "unmapped", "--json", NULL);
  json = parse_json (unmapped);
  assert_int_equal (json_size (json), 1);
  o = cJSON_GetArrayItem (json, 0);
  assert_string_equal (json_str (o, "market_name"), "娃娃菜");
  assert_string_equal (json_str (o, "category"), "蔬菜");
  assert_string_equal (json_str (o, "unit"), "斤");
  assert_int_equal (json_int (o, "rows"), 1);
  assert_string_equal (json_str (o, "last_date"), "2026-11-28");
  assert_int_equal (json_int (o, "last_avg_milliyuan"), 1350);
  {
    g_autoptr(Run) human = db (f, "prices", "unmapped", NULL);

    assert_ok (human);
    assert_contains (human->out, "娃娃菜");
    assert_contains (human->out, "prices map MARKET_NAME ITEM_CODE");
  }

  map = db (f, "prices", "map", "娃娃菜", "wwc", NULL);
  assert_ok (map);
  assert_contains (map->out, "Mapped “娃娃菜” to wwc (小白菜心): 1 quote now has prices per kg.");
  after = db (f, "prices", "unmapped", NULL);
  assert_ok (after);
  assert_string_equal (after->out, "0 unmapped names\n");
  list = db (f, "prices", "list", "--item", "wwc", "--json", NULL);
  {
    g_autoptr(cJSON) prices = parse_json (list);

    assert_int_equal (json_size (prices), 1);
    assert_int_equal (json_int (cJSON_GetArrayItem (prices, 0), "avg_milliyuan"), 2700);
  }
  /* The name is now an alias: the next import maps it by itself. */
  {
    g_autoptr(cJSON) items = list_json (f, "catalog");
    cJSON *aliases = cJSON_GetObjectItemCaseSensitive (find_by (items, "code", "wwc"), "aliases");

    assert_int_equal (cJSON_GetArraySize (aliases), 1);
    assert_string_equal (cJSON_GetArrayItem (aliases, 0)->valuestring, "娃娃菜");
  }
  {
    g_autoptr(Run) bad = db (f, "prices", "map", "娃娃菜", "nope", NULL);

    assert_failure (bad, "No catalog item “nope”");
  }
}

/* The market's real oil rows (2021q4 scrape: a 5 L drum's price printed
 * per 斤): held on import, listed with a suggestion, left out of the price
 * list; released by id, or mapped as quoted per pack. */
static void
test_prices_held (void **state)
{
  Fixture *f = *state;
  const char *dir = g_getenv ("JICAI_TEST_DATA");
  g_autofree char *oil = g_build_filename (dir, "feeds", "xinfadi-2021q4-oil-excerpt.csv", NULL);
  static const char *const keys[] = {
    "id", "source", "market_name", "item", "date", "market_unit", "quoted_per", "low_milliyuan",
    "avg_milliyuan", "high_milliyuan", "unit", "base_low_milliyuan", "base_avg_milliyuan",
    "base_high_milliyuan", "median_milliyuan", "range_low_milliyuan", "range_high_milliyuan",
    "suggest", "suggest_unit", "suggested_avg_milliyuan", "suggestion", NULL
  };
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) held = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autofree char *peanut_id = NULL;
  cJSON *o;

  {
    g_autoptr(Run) a = db (f, "catalog", "add", "G010", "--name", "金龙鱼调和油", "--category",
                           "grain", "--unit", "kg", "--pack", "4.6", NULL);
    g_autoptr(Run) b = db (f, "catalog", "add", "G011", "--name", "福临门大豆油", "--category",
                           "grain", "--unit", "kg", "--pack", "4.6", NULL);
    g_autoptr(Run) c = db (f, "catalog", "add", "G012", "--name", "鲁花花生油", "--category",
                           "grain", "--unit", "kg", "--pack", "4.6", NULL);

    assert_ok (a);
    assert_ok (b);
    assert_ok (c);
  }
  imp = db (f, "prices", "import", oil, "--source", "新发地",
            "--columns", "name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8,category=0", NULL);
  assert_ok (imp);
  assert_contains (imp->out, "6 new");
  assert_contains (imp->out, "6 prices are held for review");
  assert_contains (imp->out, "prices held");

  /* held quotes are not in the price list */
  list = db (f, "prices", "list", "--json", NULL);
  json = parse_json (list);
  assert_int_equal (json_size (json), 0);
  g_clear_pointer (&json, cJSON_Delete);

  held = db (f, "prices", "held", "--json", NULL);
  json = parse_json (held);
  assert_int_equal (json_size (json), 6);
  o = cJSON_GetArrayItem (json, 0);   /* newest first, then by name */
  assert_keys (o, keys);
  assert_string_equal (json_str (o, "source"), "新发地");
  assert_string_equal (json_str (o, "market_name"), "福临门大豆油");
  assert_string_equal (json_str (o, "date"), "2021-11-30");
  o = find_by (json, "market_name", "金龙鱼调和油");
  assert_string_equal (json_str (o, "item"), "G010");
  assert_string_equal (json_str (o, "market_unit"), "斤");
  assert_string_equal (json_str (o, "quoted_per"), "");
  assert_int_equal (json_int (o, "avg_milliyuan"), 61500);
  assert_int_equal (json_int (o, "base_avg_milliyuan"), 123000);
  assert_string_equal (json_str (o, "unit"), "kg");
  assert_true (cJSON_IsNull (cJSON_GetObjectItemCaseSensitive (o, "median_milliyuan")));
  assert_int_equal (json_int (o, "range_low_milliyuan"), 1000);
  assert_int_equal (json_int (o, "range_high_milliyuan"), 60000);
  assert_string_equal (json_str (o, "suggest"), "pack");
  assert_int_equal (json_int (o, "suggested_avg_milliyuan"), 13370);
  assert_string_equal (json_str (o, "suggestion"), "quoted per pack (4.6 kg)?");
  o = find_by (json, "market_name", "鲁花花生油");
  peanut_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (o, "id"));
  {
    g_autoptr(Run) human = db (f, "prices", "held", NULL);

    assert_ok (human);
    assert_contains (human->out, "quoted per pack (4.6 kg)?");
    assert_contains (human->out, "61.50/斤");
    assert_contains (human->out, "123.00/kg");
    assert_contains (human->out, "range 1.00–60.00");
    assert_contains (human->out, "6 held prices");
  }

  /* release one as it is; an id that is not held releases nothing */
  {
    g_autoptr(Run) bad = db (f, "prices", "release", peanut_id, "99999", NULL);
    g_autoptr(Run) none = db (f, "prices", "release", NULL);
    g_autoptr(Run) rel = NULL;
    g_autoptr(Run) listed = NULL;
    g_autoptr(cJSON) prices = NULL;

    assert_failure (bad, "Quote 99999 is not held");
    assert_failure (none, "give the ids of held prices, or --all");
    rel = db (f, "prices", "release", peanut_id, "--reason", "checked with the market", NULL);
    assert_ok (rel);
    assert_contains (rel->out, "Released 1 held price");
    listed = db (f, "prices", "list", "--item", "G012", "--json", NULL);
    prices = parse_json (listed);
    assert_int_equal (json_size (prices), 1);
    assert_int_equal (json_int (cJSON_GetArrayItem (prices, 0), "avg_milliyuan"), 282000);
  }

  /* say the source quotes the blend per pack: converted and released */
  {
    g_autoptr(Run) piece = db (f, "prices", "map", "福临门大豆油", "--item", "G011", "--per-piece",
                               NULL);
    g_autoptr(Run) no_item = db (f, "prices", "map", "福临门大豆油", NULL);
    g_autoptr(Run) map = db (f, "prices", "map", "金龙鱼调和油", "--item", "G010", "--source", "新发地",
                             "--per-pack", NULL);
    g_autoptr(Run) listed = NULL;
    g_autoptr(cJSON) prices = NULL;

    assert_failure (piece, "no mean piece mass");
    assert_failure (no_item, "the catalog item is required");
    assert_ok (map);
    assert_contains (map->out, "Mapped “金龙鱼调和油” to G010 (金龙鱼调和油).\n");
    assert_contains (map->out, "2 quotes of “金龙鱼调和油” are read as quoted per pack.");
    assert_contains (map->out, "2 held prices are now in range and released.");
    listed = db (f, "prices", "list", "--item", "G010", "--json", NULL);
    prices = parse_json (listed);
    assert_int_equal (json_size (prices), 2);
    assert_int_equal (json_int (cJSON_GetArrayItem (prices, 0), "avg_milliyuan"), 13370);
  }
  {
    g_autoptr(Run) all = db (f, "prices", "release", "--all", NULL);
    g_autoptr(Run) after = db (f, "prices", "held", NULL);

    assert_ok (all);
    assert_contains (all->out, "Released 3 held prices");
    assert_ok (after);
    assert_string_equal (after->out, "0 held prices\n");
  }
}

/* The category ranges an office keeps: listed, changed, refused when
 * wrong; a wider range lets the same rows through. */
static void
test_prices_ranges (void **state)
{
  Fixture *f = *state;
  const char *dir = g_getenv ("JICAI_TEST_DATA");
  g_autofree char *oil = g_build_filename (dir, "feeds", "xinfadi-2021q4-oil-excerpt.csv", NULL);
  g_autoptr(Run) list = db (f, "prices", "ranges", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (list);
  cJSON *o = NULL;
  cJSON *it;

  cJSON_ArrayForEach (it, json)
    if (g_str_equal (json_str (it, "category"), "grain") && g_str_equal (json_str (it, "unit"), "kg"))
      o = it;
  assert_non_null (o);
  assert_int_equal (json_int (o, "low_milliyuan"), 1000);
  assert_int_equal (json_int (o, "high_milliyuan"), 60000);
  {
    g_autoptr(Run) bad = db (f, "prices", "range", "grain", "--unit", "kg", "--low", "5", "--high",
                             "2", NULL);
    g_autoptr(Run) nuts = db (f, "prices", "range", "nuts", "--unit", "kg", "--low", "1", "--high",
                              "2", NULL);
    g_autoptr(Run) unit = db (f, "prices", "range", "grain", "--unit", "斤", "--low", "1",
                              "--high", "2", NULL);
    g_autoptr(Run) set = db (f, "prices", "range", "grain", "--unit", "kg", "--low", "1", "--high",
                             "300", NULL);
    g_autoptr(Run) add = db (f, "catalog", "add", "G012", "--name", "鲁花花生油", "--category",
                             "grain", "--unit", "kg", "--pack", "4.6", NULL);
    g_autoptr(Run) imp = NULL;

    assert_failure (bad, "the highest price must be above the lowest");
    assert_failure (nuts, "No category “nuts”");
    assert_failure (unit, "is not a base unit");
    assert_ok (set);
    assert_contains (set->out, "The usual prices of grain are now 1.00 to 300.00 ¥ per kg.");
    assert_ok (add);
    imp = db (f, "prices", "import", oil, "--source", "新发地",
              "--columns", "name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8,category=0", NULL);
    assert_ok (imp);
    /* 282 元/kg is inside 1–300: nothing held */
    assert_null (strstr (imp->out, "held"));
  }
}

/* A source whose URL is a file: the same adapter and transfer code as
 * the real feed.  Fetching twice stores nothing twice. */
static void
test_prices_fetch_file_source (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "feed.json", xinfadi_page, -1);
  g_autofree char *url = g_filename_to_uri (page, NULL, NULL);
  g_autoptr(Run) add = NULL;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) second = NULL;
  g_autoptr(Run) log = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *o;
  gint64 n;

  add_price_catalog (f);
  add = db (f, "sources", "add", "本地", "--adapter", "xinfadi", "--url", url, NULL);
  assert_ok (add);
  first = dbe (f, (const char *[]) { "JICAI_TODAY=2026-11-28", NULL }, "prices", "fetch", NULL);
  assert_ok (first);
  assert_contains (first->out, "本地: 1 page, 6 rows seen: 3 new, 0 changed, 0 unchanged, "
                               "1 duplicated, 2 rejected");
  n = count_prices (f);
  assert_int_equal (n, 3);
  second = db (f, "prices", "fetch", "--source", "本地", "--from", "2026-11-28", "--to",
               "2026-11-28", NULL);
  assert_ok (second);
  assert_contains (second->out, "0 new, 0 changed, 3 unchanged");
  assert_int_equal (count_prices (f), n);

  /* Another day: every row is for another day, none is stored. */
  {
    g_autoptr(Run) other = db (f, "prices", "fetch", "--from", "2026-11-29", "--to",
                               "2026-11-30", NULL);

    assert_ok (other);
    assert_contains (other->out, "0 new, 0 changed, 0 unchanged");
    assert_contains (other->out, "6 rows are for other days than the dates asked for");
    assert_int_equal (count_prices (f), n);
  }

  log = db (f, "prices", "log", "--json", "--limit", "2", NULL);
  json = parse_json (log);
  assert_int_equal (json_size (json), 2);
  o = cJSON_GetArrayItem (json, 1);   /* newest first */
  assert_string_equal (json_str (o, "source"), "本地");
  assert_string_equal (json_str (o, "status"), "ok");
  assert_int_equal (json_int (o, "rows_seen"), 6);
  assert_int_equal (json_int (o, "rows_new"), 0);
  assert_int_equal (json_int (o, "rows_same"), 3);
  assert_int_equal (json_int (o, "rows_duplicate"), 1);
  assert_int_equal (json_int (o, "rows_rejected"), 2);
  assert_int_equal (json_int (o, "rows_unmapped"), 1);
  assert_int_equal (json_int (cJSON_GetObjectItemCaseSensitive (o, "rejected"), "zero_price"), 1);
  assert_json_null (o, "message");
  {
    g_autoptr(Run) human = db (f, "prices", "log", NULL);

    assert_ok (human);
    assert_true (g_str_has_suffix (human->out, "\n3 fetches\n"));
  }

  /* --from alone runs to today; --to alone is that one day. */
  {
    const char *env[] = { "JICAI_TODAY=2026-11-30", NULL };
    g_autoptr(Run) since = dbe (f, env, "prices", "fetch", "--from", "2026-11-27", NULL);
    g_autoptr(Run) until = dbe (f, env, "prices", "fetch", "--to", "2026-11-27", NULL);
    g_autoptr(Run) later = dbe (f, env, "prices", "fetch", "--from", "2026-12-05", NULL);

    assert_ok (since);
    assert_contains (since->out, "0 new, 0 changed, 3 unchanged");
    assert_ok (until);
    assert_contains (until->out, "0 new, 0 changed, 0 unchanged");
    assert_ok (later);
    assert_contains (later->out, "0 new, 0 changed, 0 unchanged");
  }
}

/* One source fails: it is reported and logged, the other is stored. */
static void
test_prices_fetch_partial_failure (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "feed.json", xinfadi_page, -1);
  g_autofree char *url = g_filename_to_uri (page, NULL, NULL);
  g_autofree char *gone = g_build_filename (f->dir, "gone.json", NULL);
  g_autofree char *gone_url = g_filename_to_uri (gone, NULL, NULL);
  g_autoptr(Run) a = NULL;
  g_autoptr(Run) b = NULL;
  g_autoptr(Run) fetch = NULL;
  g_autoptr(Run) log = NULL;
  g_autoptr(cJSON) json = NULL;

  add_price_catalog (f);
  a = db (f, "sources", "add", "broken", "--adapter", "xinfadi", "--url", gone_url, "--priority",
          "1", NULL);
  b = db (f, "sources", "add", "good", "--adapter", "xinfadi", "--url", url, NULL);
  assert_ok (a);
  assert_ok (b);
  fetch = db (f, "prices", "fetch", "--to", "2026-11-28", NULL);
  assert_int_equal (fetch->status, 1);
  assert_int_equal (count_lines (fetch->err), 1);
  assert_true (g_str_has_prefix (fetch->err, "jicai-cli: prices fetch: Source broken: "));
  assert_contains (fetch->err, "gone.json");
  assert_contains (fetch->out, "good: 1 page, 6 rows seen: 3 new");
  assert_int_equal (count_prices (f), 3);
  log = db (f, "prices", "log", "--json", NULL);
  json = parse_json (log);
  assert_int_equal (json_size (json), 2);
  assert_string_equal (json_str (find_by (json, "source", "broken"), "status"), "failed");
  assert_contains (json_str (find_by (json, "source", "broken"), "message"), "gone.json");
  assert_string_equal (json_str (find_by (json, "source", "good"), "status"), "ok");

  /* A disabled source is skipped unless named; none enabled is an error. */
  {
    g_autoptr(Run) d1 = db (f, "sources", "edit", "broken", "--disabled", NULL);
    g_autoptr(Run) d2 = db (f, "sources", "edit", "good", "--disabled", NULL);
    g_autoptr(Run) none = db (f, "prices", "fetch", NULL);
    g_autoptr(Run) named = db (f, "prices", "fetch", "--source", "good", "--from", "2026-11-28",
                               "--to", "2026-11-28", NULL);

    assert_ok (d1);
    assert_ok (d2);
    assert_failure (none, "there is no enabled price source");
    assert_ok (named);
    assert_contains (named->out, "3 unchanged");
  }
}

/* The demo's 新发地 source reads a saved answer beside the database:
 * fetching it must succeed and add no row the demo already has. */
static void
test_prices_fetch_demo (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JICAI_TODAY=2026-11-29", NULL };
  g_autoptr(Run) init = dbe (f, env, "init", "--demo", NULL);
  g_autoptr(Run) today = NULL;
  g_autoptr(Run) week = NULL;
  gint64 before, after;

  assert_ok (init);
  before = count_prices (f);
  assert_true (before > 0);
  today = dbe (f, env, "prices", "fetch", "--source", "新发地", NULL);
  assert_ok (today);
  assert_contains (today->out, "新发地: 1 page, ");
  assert_contains (today->out, ": 0 new, 0 changed, ");
  assert_contains (today->out, "0 duplicated, 0 rejected");
  week = dbe (f, env, "prices", "fetch", "--from", "2026-11-23", "--to", "2026-11-29", "--json",
              NULL);
  {
    g_autoptr(cJSON) json = parse_json (week);
    cJSON *r = cJSON_GetArrayItem (json, 0);

    assert_int_equal (json_size (json), 1);
    assert_true (json_bool (r, "ok"));
    assert_true (json_int (r, "rows_seen") > 0);
    assert_int_equal (json_int (r, "rows_new"), 0);
    assert_int_equal (json_int (r, "rows_changed"), 0);
    assert_int_equal (json_int (r, "rows_same"), json_int (r, "rows_seen") -
                                                 json_int (r, "rows_rejected"));
  }
  after = count_prices (f);
  assert_int_equal (before, after);

  /* The market today: every item priced, changes in ‰. */
  {
    g_autoptr(Run) market = dbe (f, env, "prices", "today", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (market);
    cJSON *o = cJSON_GetArrayItem (json, 0);

    assert_true (json_size (json) > 100);
    assert_string_equal (json_str (o, "date"), "2026-11-29");
    assert_false (json_bool (o, "stale"));
  }
}

/* Ctrl-C while a transfer hangs: the fetch stops at once, stores nothing
 * and logs the cancellation. */
static void
test_prices_fetch_cancel (void **state)
{
  Fixture *f = *state;
  struct sockaddr_in addr = { 0 };
  socklen_t addr_len = sizeof addr;
  int sock = socket (AF_INET, SOCK_STREAM, 0);
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  struct pollfd pfd;
  const char *argv[12];
  gint64 started;
  int out_fd, err_fd, wait_status = 0;
  GPid pid;

  /* A server that accepts connections (the kernel does, from the
   * backlog) and never answers. */
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  assert_true (sock >= 0);
  assert_int_equal (bind (sock, (struct sockaddr *) &addr, sizeof addr), 0);
  assert_int_equal (listen (sock, 8), 0);
  assert_int_equal (getsockname (sock, (struct sockaddr *) &addr, &addr_len), 0);
  url = g_strdup_printf ("http://127.0.0.1:%u/getPriceData.html", ntohs (addr.sin_port));
  {
    g_autoptr(Run) add = db (f, "sources", "add", "slow", "--adapter", "xinfadi", "--url", url,
                             NULL);

    assert_ok (add);
  }

  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "no_proxy", "*", TRUE);
  envp = g_environ_setenv (envp, "NO_PROXY", "*", TRUE);
  argv[0] = g_getenv ("JICAI_CLI");
  argv[1] = "--db";
  argv[2] = f->path;
  argv[3] = "prices";
  argv[4] = "fetch";
  argv[5] = "--from";
  argv[6] = "2026-11-28";
  argv[7] = NULL;
  assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL,
                                         NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error));
  assert_no_error (error);

  /* Wait until the fetch has connected, then press Ctrl-C. */
  pfd.fd = sock;
  pfd.events = POLLIN;
  assert_int_equal (poll (&pfd, 1, 20000), 1);
  g_usleep (300 * 1000);
  started = g_get_monotonic_time ();
  assert_int_equal (kill (pid, SIGINT), 0);
  assert_int_equal (waitpid (pid, &wait_status, 0), pid);
  g_spawn_close_pid (pid);
  /* jc_fetch notices a cancellation within milliseconds. */
  assert_true (g_get_monotonic_time () - started < 5 * G_USEC_PER_SEC);
  close (sock);

  {
    g_autoptr(GIOChannel) o = g_io_channel_unix_new (out_fd);
    g_autoptr(GIOChannel) e = g_io_channel_unix_new (err_fd);

    g_io_channel_set_close_on_unref (o, TRUE);
    g_io_channel_set_close_on_unref (e, TRUE);
    g_io_channel_read_to_end (o, &out, NULL, NULL);
    g_io_channel_read_to_end (e, &err, NULL, NULL);
  }
  if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 1)
    fail_msg ("expected exit 1 after Ctrl-C; stderr: %s", err ? err : "");
  assert_string_equal (out, "");
  assert_string_equal (err, "jicai-cli: prices fetch: cancelled; nothing of slow was stored\n");
  assert_int_equal (count_prices (f), 0);
  {
    g_autoptr(Run) log = db (f, "prices", "log", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (log);

    assert_int_equal (json_size (json), 1);
    assert_string_equal (json_str (cJSON_GetArrayItem (json, 0), "status"), "cancelled");
  }
}

static void
test_prices_today (void **state)
{
  Fixture *f = *state;
  static const char two_days[] =
    "{\"current\":1,\"limit\":20,\"count\":2,\"list\":["
    "{\"prodName\":\"大白菜\",\"lowPrice\":\"0.4\",\"avgPrice\":\"0.5\",\"highPrice\":\"0.6\","
    "\"unitInfo\":\"斤\",\"pubDate\":\"2026-11-27 00:00:00\"},"
    "{\"prodName\":\"大白菜\",\"lowPrice\":\"0.5\",\"avgPrice\":\"0.55\",\"highPrice\":\"0.6\","
    "\"unitInfo\":\"斤\",\"pubDate\":\"2026-11-28 00:00:00\"}]}";
  g_autofree char *page = write_file (f, "two.json", two_days, -1);
  static const char *const keys[] = {
    "item", "name", "category", "unit", "date", "stale", "low_milliyuan", "avg_milliyuan",
    "high_milliyuan", "prev_day_avg_milliyuan", "day_change_permille", "prev_week_avg_milliyuan",
    "week_change_permille", "spec", "origin", NULL
  };
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) today = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  add_price_catalog (f);
  imp = db (f, "prices", "import", page, NULL);
  assert_ok (imp);
  today = dbe (f, (const char *[]) { "JICAI_TODAY=2026-11-28", NULL }, "prices", "today",
               "--json", NULL);
  json = parse_json (today);
  assert_int_equal (json_size (json), 1);
  o = cJSON_GetArrayItem (json, 0);
  assert_keys (o, keys);
  assert_string_equal (json_str (o, "item"), "dbc");
  assert_string_equal (json_str (o, "unit"), "kg");
  assert_string_equal (json_str (o, "date"), "2026-11-28");
  assert_false (json_bool (o, "stale"));
  assert_int_equal (json_int (o, "avg_milliyuan"), 1100);
  assert_int_equal (json_int (o, "prev_day_avg_milliyuan"), 1000);
  assert_int_equal (json_int (o, "day_change_permille"), 100);
  assert_json_null (o, "prev_week_avg_milliyuan");
  assert_json_null (o, "week_change_permille");
  {
    g_autoptr(Run) later = db (f, "prices", "today", "--date", "2026-12-10", "--json", NULL);
    g_autoptr(Run) human = db (f, "prices", "today", "--date", "2026-12-10", NULL);
    g_autoptr(cJSON) l = parse_json (later);

    assert_true (json_bool (cJSON_GetArrayItem (l, 0), "stale"));
    assert_ok (human);
    assert_contains (human->out, "+100‰");
    assert_contains (human->out, "stale");
  }
}

/* `prices today` signs a change as the rest of the text does: a fall with
 * the true minus sign, no change with no sign at all. */
static void
test_prices_today_signs (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = write_file (f, "prices.csv",
                                      "品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n"
                                      "大白菜,0.4,0.5,0.6,,冀,公斤,2026-11-27\n"
                                      "大白菜,0.4,0.45,0.6,,冀,公斤,2026-11-28\n"
                                      "土豆,1.0,1.1,1.2,,冀,公斤,2026-11-27\n"
                                      "土豆,1.0,1.1,1.2,,冀,公斤,2026-11-28\n", -1);
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) human = NULL;

  add_price_catalog (f);
  imp = db (f, "prices", "import", path, "--source", "存档", NULL);
  assert_ok (imp);
  human = db (f, "prices", "today", "--date", "2026-11-28", NULL);
  assert_ok (human);
  assert_contains (human->out, "0.45  \u2212100\u2030");
  assert_contains (human->out, "1.10     0\u2030");
  assert_null (strstr (human->out, "-100"));
  assert_null (strstr (human->out, "+0"));
}

static void
test_prices_bad_input (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "page.json", xinfadi_page, -1);
  g_autofree char *missing = g_build_filename (f->dir, "missing.json", NULL);
  g_autofree char *missing_msg = g_strdup_printf ("%s: no such file", missing);
  const BadCase cases[] = {
    { { "prices", "list", "--from", "2026-13-01", NULL },
      "prices list: from: “2026-13-01” is not a date (YYYY-MM-DD)" },
    { { "prices", "list", "--to", "yesterday", NULL },
      "to: “yesterday” is not a date (YYYY-MM-DD)" },
    { { "prices", "list", "--from", "2026-11-05", "--to", "2026-11-01", NULL },
      "to: 2026-11-01 is before --from 2026-11-05" },
    { { "prices", "list", "--item", "nope", NULL }, "No catalog item “nope”" },
    { { "prices", "fetch", "--source", "nope", NULL }, "No price source “nope”" },
    { { "prices", "fetch", "--from", "2026-02-30", NULL },
      "from: “2026-02-30” is not a date (YYYY-MM-DD)" },
    { { "prices", "import", page, "--format", "pdf", NULL },
      "format: unknown format “pdf” (xinfadi, csv or usda)" },
    { { "prices", "import", page, "--columns", "name=0,low=1", NULL },
      "Column mapping: the column of date is missing" },
    { { "prices", "import", page, "--format", "xinfadi", "--columns",
        "name=0,low=1,avg=2,high=3,date=4", NULL },
      "columns: only CSV files have columns" },
    { { "prices", "import", missing, NULL }, missing_msg },
    { { "prices", "log", "--limit", "0", NULL }, "limit: “0” is too small (at least 1)" },
    { { "prices", "today", "--date", "2026-11", NULL },
      "date: “2026-11” is not a date (YYYY-MM-DD)" },
    { { "prices", "map", "娃娃菜", "nope", NULL }, "No catalog item “nope”" },
    { { "sources", "remove", "nope", NULL }, "No price source “nope”" },
  };

  add_price_catalog (f);
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(Run) list = db (f, "sources", "list", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);

    assert_int_equal (json_size (json), 0);
  }
}

/* Removing a source would delete its prices: only on request. */
static void
test_sources_remove_with_prices (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = write_file (f, "page.json", xinfadi_page, -1);
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) rm = NULL;
  g_autoptr(Run) forced = NULL;

  add_price_catalog (f);
  imp = db (f, "prices", "import", page, "--source", "存档", NULL);
  assert_ok (imp);
  rm = db (f, "sources", "remove", "存档", NULL);
  /* every stored quote counts, the unmapped one too (it used to count
   * only the mapped ones) */
  assert_failure (rm, "price source “存档” has 3 stored prices; removing it would delete them");
  assert_int_equal (count_prices (f), 3);
  forced = db (f, "sources", "remove", "存档", "--delete-prices", NULL);
  assert_ok (forced);
  assert_int_equal (count_prices (f), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_sources, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_sources_credentials_in_errors, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_sources_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_sources_remove_with_prices, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_import_xinfadi, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_import_gb18030, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_import_failure, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_unmapped_map, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_held, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_ranges, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_fetch_file_source, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_fetch_partial_failure, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_fetch_demo, setup, teardown),
    cmocka_unit_test_setup_teardown (test_prices_fetch_cancel, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_today, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_today_signs, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_prices_bad_input, setup_db, teardown),
  };

  /* JC_TEST_FILTER=test_purchases_* runs only those (cmocka's glob) */
  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-prices");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
