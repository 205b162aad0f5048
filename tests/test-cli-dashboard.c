/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `jicai-cli dashboard` (the cli suite, helpers in jc-test-cli.c): on the
 * demo world of 2026-11-27 the JSON has its documented keys in order, with
 * figures that other commands confirm (the canteens, `report --json`'s
 * spend of the month, `prices log`); the text says the same in English and
 * in Chinese; --date chooses the day; a bad date, a missing database and an
 * empty one each say what is wrong or what to do next. */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "jc-test-cli.h"
#include "jc-test-store.h"

#define TODAY "2026-11-27"

static const char *const today_env[] = { "JICAI_TODAY=" TODAY, NULL };

static int
setup_demo (void **state)
{
  Fixture *f;
  g_autoptr(Run) init = NULL;

  setup (state);
  f = *state;
  init = run (today_env, "--db", f->path, "init", "--demo", NULL);
  assert_ok (init);
  return 0;
}

static cJSON *
member (cJSON      *o,
        const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (v == NULL)
    fail_msg ("no “%s”", key);
  return v;
}

/* A JSON number that is an integer (fen, milli-units, counts). */
static gint64
json_whole (cJSON      *o,
            const char *key)
{
  double v = json_num (o, key);

  if (v != (double) (gint64) v)
    fail_msg ("“%s” is not a whole number: %g", key, v);
  return (gint64) v;
}

static void
test_dashboard_json (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = dbe (f, today_env, "dashboard", "--json", NULL);
  g_autoptr(Run) rep = db (f, "report", "--month", "2026-11", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (r);
  g_autoptr(cJSON) report = parse_json (rep);
  g_autoptr(cJSON) canteens = list_json (f, "canteens");
  static const char *const top[] = { "date", "empty", "orders", "fetch", "market", "plan", "month", NULL };
  static const char *const orders_keys[] = { "delivery_date", "error", "canteens", "submitted",
                                             "draft", "not_started", "late_not_in_plan", "cutoff",
                                             "past_cutoff", "waiting", NULL };
  static const char *const fetch_keys[] = { "error", "unmapped_names", "latest", NULL };
  static const char *const latest_keys[] = { "source", "status", "started_at", "finished_at",
                                             "rows_new", "rows_changed", "rows_rejected",
                                             "rows_unmapped", "message", NULL };
  static const char *const market_keys[] = { "error", "up", "down", NULL };
  static const char *const mover_keys[] = { "item", "name", "avg_milliyuan", "prev_avg_milliyuan",
                                            "change_permille", NULL };
  static const char *const plan_keys[] = { "date", "error", "status", "lines", "total_cost_fen",
                                           "no_price", NULL };
  static const char *const month_keys[] = { "error", "from", "to", "spend_fen", "days", "last_year",
                                            "change_fen", "change_permille", NULL };
  static const char *const ly_keys[] = { "from", "to", "spend_fen", "days", NULL };
  cJSON *orders, *fetch, *latest, *market, *plan, *month, *ly, *w;
  gint64 spend, ly_spend;

  assert_keys (json, top);
  assert_string_equal (json_str (json, "date"), TODAY);
  assert_false (json_bool (json, "empty"));

  /* the orders for the 28th: none submitted yet, all 17 canteens waited for */
  orders = member (json, "orders");
  assert_keys (orders, orders_keys);
  assert_string_equal (json_str (orders, "delivery_date"), "2026-11-28");
  assert_json_null (orders, "error");
  assert_int_equal (json_whole (orders, "canteens"), json_size (canteens));
  assert_int_equal (json_whole (orders, "canteens"), 17);
  assert_int_equal (json_whole (orders, "submitted") + json_whole (orders, "draft") +
                    json_whole (orders, "not_started"), 17);
  assert_int_equal (json_size (member (orders, "waiting")),
                    json_whole (orders, "draft") + json_whole (orders, "not_started"));
  cJSON_ArrayForEach (w, member (orders, "waiting"))
    {
      cJSON *c = find_by (canteens, "code", json_str (w, "canteen"));

      assert_non_null (c);
      assert_string_equal (json_str (w, "name"), json_str (c, "name"));
      assert_true (g_str_equal (json_str (w, "status"), "draft") ||
                   g_str_equal (json_str (w, "status"), "not_started"));
    }
  /* the office default: 14:00 the day before */
  assert_string_equal (json_str (orders, "cutoff"), TODAY "T14:00");
  (void) json_bool (orders, "past_cutoff");

  /* the demo's prices come with their fetch log entry */
  fetch = member (json, "fetch");
  assert_keys (fetch, fetch_keys);
  assert_json_null (fetch, "error");
  assert_true (json_whole (fetch, "unmapped_names") >= 0);
  latest = member (fetch, "latest");
  assert_keys (latest, latest_keys);
  assert_string_equal (json_str (latest, "status"), "ok");
  assert_string_equal (json_str (latest, "source"), "新发地");
  assert_true (json_whole (latest, "rows_new") > 10000);
  assert_contains (json_str (latest, "message"), "… " TODAY);

  /* the movers: at most five each way, rises largest first */
  market = member (json, "market");
  assert_keys (market, market_keys);
  assert_true (json_size (member (market, "up")) > 0 && json_size (member (market, "up")) <= 5);
  assert_true (json_size (member (market, "down")) > 0 && json_size (member (market, "down")) <= 5);
  {
    gint64 prev = G_MAXINT64;

    cJSON_ArrayForEach (w, member (market, "up"))
      {
        gint64 c = json_whole (w, "change_permille");

        assert_keys (w, mover_keys);
        assert_true (c > 0 && c <= prev);
        assert_true (json_whole (w, "avg_milliyuan") > json_whole (w, "prev_avg_milliyuan"));
        prev = c;
      }
    cJSON_ArrayForEach (w, member (market, "down"))
      {
        assert_keys (w, mover_keys);
        assert_true (json_whole (w, "change_permille") < 0);
        assert_true (json_whole (w, "avg_milliyuan") < json_whole (w, "prev_avg_milliyuan"));
      }
  }

  /* the plan of the 28th: no orders, so nothing to buy */
  plan = member (json, "plan");
  assert_keys (plan, plan_keys);
  assert_string_equal (json_str (plan, "date"), "2026-11-28");
  assert_string_equal (json_str (plan, "status"), "open");
  assert_int_equal (json_whole (plan, "lines"), 0);
  assert_int_equal (json_whole (plan, "total_cost_fen"), 0);
  assert_int_equal (json_size (member (plan, "no_price")), 0);

  /* the month so far is the review's month: nothing after today is locked */
  month = member (json, "month");
  assert_keys (month, month_keys);
  assert_string_equal (json_str (month, "from"), "2026-11-01");
  assert_string_equal (json_str (month, "to"), TODAY);
  spend = json_whole (month, "spend_fen");
  assert_int_equal (spend, json_whole (report, "spend_fen"));
  assert_true (spend > 0);
  assert_int_equal (json_whole (month, "days"), json_whole (report, "days"));
  ly = member (month, "last_year");
  assert_keys (ly, ly_keys);
  assert_string_equal (json_str (ly, "from"), "2025-11-01");
  assert_string_equal (json_str (ly, "to"), "2025-11-27");
  ly_spend = json_whole (ly, "spend_fen");
  assert_true (ly_spend > 0);
  /* fewer days than the whole of November 2025 */
  assert_true (ly_spend < json_whole (member (report, "yoy"), "base_fen"));
  assert_int_equal (json_whole (month, "change_fen"), spend - ly_spend);
  {
    double exact = (double) (spend - ly_spend) * 1000.0 / (double) ly_spend;

    assert_int_equal (json_whole (month, "change_permille"),
                      (gint64) (exact >= 0 ? exact + 0.5 : exact - 0.5));
  }
}

/* --date picks the day, over JICAI_TODAY; the month follows it. */
static void
test_dashboard_date (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = dbe (f, today_env, "dashboard", "--date", "2026-11-10", "--json", NULL);
  g_autoptr(Run) eq = dbe (f, today_env, "dashboard", "--date=2026-11-10", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (r);
  g_autoptr(cJSON) json2 = parse_json (eq);
  cJSON *month = member (json, "month");

  assert_string_equal (json_str (json, "date"), "2026-11-10");
  assert_string_equal (json_str (member (json, "orders"), "delivery_date"), "2026-11-11");
  assert_string_equal (json_str (member (json, "plan"), "date"), "2026-11-11");
  assert_string_equal (json_str (month, "to"), "2026-11-10");
  assert_string_equal (json_str (member (month, "last_year"), "to"), "2025-11-10");
  assert_string_equal (r->out, eq->out);
  (void) json2;
}

static void
test_dashboard_text (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = dbe (f, today_env, "dashboard", NULL);
  g_autoptr(Run) j = dbe (f, today_env, "dashboard", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (j);
  g_autofree char *localedir = NULL;
  g_autofree char *cli_dir = g_path_get_dirname (g_getenv ("JICAI_CLI"));
  g_autofree char *build_dir = g_path_get_dirname (cli_dir);
  g_autofree char *mo = NULL;
  g_autofree char *locale_env = NULL;
  cJSON *up0 = cJSON_GetArrayItem (member (member (json, "market"), "up"), 0);

  assert_ok (r);
  assert_true (g_str_has_prefix (r->out, "Today, " TODAY "\n"));
  assert_contains (r->out, "Orders for Tomorrow\n  Delivery date 2026-11-28\n");
  assert_contains (r->out, "  0 of 17 canteens submitted\n");
  assert_contains (r->out, "  Waiting for: ");
  assert_contains (r->out, "Latest Price Fetch\n  Succeeded\n  新发地 · ");
  assert_contains (r->out, "Today’s Biggest Market Moves\n");
  assert_contains (r->out, json_str (up0, "name"));
  assert_contains (r->out, "Purchase Plan\n  Delivery date 2026-11-28\n"
                           "  Nothing to buy yet — no orders for this date.\n");
  assert_contains (r->out, "Spend This Month\n  Locked delivery days 2026-11-01 to 2026-11-27\n  ¥");
  assert_contains (r->out, "  Same days last year (2025-11-01 to 2025-11-27): ¥");
  {
    /* the largest rise as a percent with one decimal */
    gint64 pm = json_whole (up0, "change_permille");
    g_autofree char *pct = g_strdup_printf ("+%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%%\n",
                                            pm / 10, pm % 10);

    assert_contains (r->out, pct);
  }
  assert_null (strstr (r->out, "The database has no canteens"));

  /* in Chinese, from the build's catalogue */
  localedir = g_build_filename (build_dir, "po", NULL);
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", "jicai.mo", NULL);
  assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  locale_env = g_strdup_printf ("JICAI_LOCALEDIR=%s", localedir);
  {
    const char *env[] = { "JICAI_TODAY=" TODAY, "LANGUAGE=zh_CN", locale_env, NULL };
    g_autoptr(Run) zh = dbe (f, env, "dashboard", NULL);
    g_autoptr(Run) zh_json = dbe (f, env, "dashboard", "--json", NULL);

    assert_ok (zh);
    assert_true (g_str_has_prefix (zh->out, "今天，" TODAY "\n"));
    assert_contains (zh->out, "明日订单\n");
    assert_contains (zh->out, "已提交 0 个食堂（共 17 个）");
    assert_contains (zh->out, "尚未提交：");
    assert_contains (zh->out, "最近一次价格抓取\n  成功\n");
    assert_null (strstr (zh->out, "Waiting for"));
    assert_null (strstr (zh->out, "Spend This Month"));
    /* JSON is the same whatever the language */
    assert_string_equal (zh_json->out, j->out);
  }
}

/* An empty database: every tile empty, and the text says what to do next. */
static void
test_dashboard_empty (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = dbe (f, today_env, "dashboard", NULL);
  g_autoptr(Run) j = dbe (f, today_env, "dashboard", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (j);
  cJSON *month = member (json, "month");

  assert_ok (r);
  assert_contains (r->out, "The database has no canteens and no items yet: load the demo world "
                           "with “jicai-cli init --demo”");
  assert_contains (r->out, "No canteens yet — add canteens to take orders.");
  assert_contains (r->out, "No price fetch yet — add a source and fetch the prices.");
  assert_contains (r->out, "No price changes today.");
  assert_contains (r->out, "No locked plan this month yet.");
  assert_true (json_bool (json, "empty"));
  assert_int_equal (json_whole (member (json, "orders"), "canteens"), 0);
  assert_json_null (member (json, "fetch"), "latest");
  assert_int_equal (json_size (member (member (json, "market"), "up")), 0);
  assert_int_equal (json_whole (month, "spend_fen"), 0);
  assert_json_null (month, "change_fen");
  assert_json_null (month, "change_permille");
}

static void
test_dashboard_bad_input (void **state)
{
  Fixture *f = *state;
  g_autoptr(GBytes) before = jc_test_store_snapshot (f->path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "nothing-here.db", NULL);
  const char *bad_today[] = { "JICAI_TODAY=2026-11-31", NULL };
  g_autoptr(Run) bad = db (f, "dashboard", "--date", "2026-02-30", NULL);
  g_autoptr(Run) bad_json = db (f, "dashboard", "--date", "tomorrow", "--json", NULL);
  g_autoptr(Run) bad_env = dbe (f, bad_today, "dashboard", NULL);
  g_autoptr(Run) no_value = db (f, "dashboard", "--date", NULL);
  g_autoptr(Run) extra = db (f, "dashboard", "today", NULL);
  g_autoptr(Run) gone = run (today_env, "--db", missing, "dashboard", NULL);

  assert_failure (bad, "date: “2026-02-30” is not a date (YYYY-MM-DD)");
  assert_failure (bad_json, "date: “tomorrow” is not a date (YYYY-MM-DD)");
  assert_failure (bad_env, "JICAI_TODAY: “2026-11-31” is not a date (YYYY-MM-DD)");
  assert_usage (no_value, "--date");
  assert_usage (extra, "today");
  /* a database that is not there is not created: init is the way */
  assert_failure (gone, "there is no database");
  assert_contains (gone->err, "create it with “jicai-cli init”");
  assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_dashboard_json, setup_demo, teardown),
    cmocka_unit_test_setup_teardown (test_dashboard_date, setup_demo, teardown),
    cmocka_unit_test_setup_teardown (test_dashboard_text, setup_demo, teardown),
    cmocka_unit_test_setup_teardown (test_dashboard_empty, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_dashboard_bad_input, setup_db, teardown),
  };

  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-dashboard");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
