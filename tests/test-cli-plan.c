/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jicai-cli's office calendar, purchase plan, purchases and statements
 * (the cli suite, helpers in jc-test-cli.c): the plan's JSON, lock and
 * unlock, late orders, recorded purchases (exact decimals, supplements,
 * removal) and a canteen's monthly statement. */
#include "config.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include "jc-test-store.h"
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-cli.h"

/* ---- plan, purchases, statement ------------------------------------- */

#define PLAN_DATE "2026-11-28"   /* the day of xinfadi_page's prices */

/* c01: 30 kg 大白菜 + 1 箱 (20 kg) 土豆; c02: 10 kg 大白菜 + 60 eggs (no
 * price).  Past the cutoff, so accepted late. */
static void
add_plan_world (Fixture *f)
{
  g_autofree char *page = write_file (f, "page1.json", xinfadi_page, -1);
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) a = NULL;
  g_autoptr(Run) b = NULL;

  add_order_world (f);
  imp = db (f, "prices", "import", page, NULL);
  assert_ok (imp);
  a = db (f, "orders", "submit", "--canteen", "c01", "--date", PLAN_DATE, "--item", "dbc=30",
          "--item", "potato=1箱", "--accept-late", "测试", NULL);
  b = db (f, "orders", "submit", "--canteen", "c02", "--date", PLAN_DATE, "--item", "dbc=10",
          "--item", "egg=60", "--accept-late", "测试", NULL);
  assert_ok (a);
  assert_ok (b);
}

/* The office calendar: add, list, remove; bad input refused with the
 * file left as it was. */
static void
test_calendar (void **state)
{
  Fixture *f = *state;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  {
    g_autoptr(Run) r = db (f, "calendar", "list", NULL);

    assert_ok (r);
    assert_contains (r->out, "0 calendar entries");
    assert_contains (r->out, "Monday to Friday");
  }
  {
    g_autoptr(Run) a = db (f, "calendar", "add", "2026-10-01", "--holiday", "--name", "国庆节", NULL);
    g_autoptr(Run) b = db (f, "calendar", "add", "2026-10-10", "--workday", "--name", "调休", NULL);
    g_autoptr(Run) c = db (f, "calendar", "add", "2026-12-04", "--holiday", NULL);

    assert_ok (a);
    assert_contains (a->out, "Added holiday 2026-10-01");
    assert_ok (b);
    assert_contains (b->out, "2026-10-10");
    assert_ok (c);
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "list", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (r);
    cJSON *e;

    assert_int_equal (cJSON_GetArraySize (json), 3);
    e = cJSON_GetArrayItem (json, 0);
    assert_string_equal (json_str (e, "date"), "2026-10-01");
    assert_string_equal (json_str (e, "kind"), "holiday");
    assert_string_equal (json_str (e, "name"), "国庆节");
    e = cJSON_GetArrayItem (json, 1);
    assert_string_equal (json_str (e, "kind"), "workday");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "list", "--from", "2026-10-02", "--to", "2026-10-31",
                           "--json", NULL);
    g_autoptr(cJSON) json = parse_json (r);

    assert_int_equal (cJSON_GetArraySize (json), 1);
    assert_string_equal (json_str (cJSON_GetArrayItem (json, 0), "date"), "2026-10-10");
  }
  /* the holiday Friday moves Monday's default cutoff to Thursday */
  {
    g_autoptr(Run) r = db (f, "orders", "cutoff", "--date", "2026-12-07", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (r);

    assert_string_equal (json_str (json, "cutoff"), "2026-12-03T14:00");
  }

  before = jc_test_store_snapshot (f->path);
  {
    g_autoptr(Run) r = db (f, "calendar", "add", "2026-13-01", "--holiday", NULL);

    assert_failure (r, "date: “2026-13-01” is not a date (YYYY-MM-DD)");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "add", "2026-12-08", "--holiday", "--workday", NULL);

    assert_usage (r, "options “--holiday” and “--workday” exclude each other");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "add", "2026-12-08", NULL);

    assert_usage (r, "“--holiday” (a weekday off) or “--workday”");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "add", "2026-12-05", "--holiday", NULL);

    assert_failure (r, "2026-12-05 is a Saturday or Sunday");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "add", "2026-12-04", "--holiday", NULL);

    assert_failure (r, "2026-12-04 already has an entry in the office calendar; remove it first");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "remove", "2026-12-03", NULL);

    assert_failure (r, "calendar remove: 2026-12-03 has no entry in the office calendar");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "remove", "tomorrow", NULL);

    assert_failure (r, "date: “tomorrow” is not a date (YYYY-MM-DD)");
  }
  {
    g_autoptr(Run) r = db (f, "calendar", "list", "--from", "2026-12-31", "--to", "2026-01-01", NULL);

    assert_failure (r, "--from 2026-12-31 is after --to 2026-01-01");
  }
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));

  {
    g_autoptr(Run) r = db (f, "calendar", "remove", "2026-12-04", NULL);
    g_autoptr(Run) c = db (f, "orders", "cutoff", "--date", "2026-12-07", "--json", NULL);
    g_autoptr(cJSON) json = NULL;

    assert_ok (r);
    assert_contains (r->out, "Removed the calendar entry of 2026-12-04");
    json = parse_json (c);
    assert_string_equal (json_str (json, "cutoff"), "2026-12-04T14:00");
  }
}

static void
test_plan_json (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) table = NULL;
  g_autoptr(cJSON) json = NULL;
  static const char *const contract[] = {
    "item", "demand_milli", "gross_milli", "packs", "purchase_milli", "price_milliyuan",
    "price_date", "stale", "cost_fen",
  };
  cJSON *lines, *dbc, *potato, *egg, *no_price;

  add_plan_world (f);
  r = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
  json = parse_json (r);
  assert_string_equal (json_str (json, "date"), PLAN_DATE);
  assert_string_equal (json_str (json, "status"), "open");
  /* 40 kg × 1.16 元 = 46.40; 20 kg × 2.70 元 = 54.00 */
  assert_int_equal (json_int (json, "total_cost_fen"), 4640 + 5400);
  lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
  assert_int_equal (json_size (lines), 3);
  for (int i = 0; i < cJSON_GetArraySize (lines); i++)
    for (guint k = 0; k < G_N_ELEMENTS (contract); k++)
      if (!cJSON_HasObjectItem (cJSON_GetArrayItem (lines, i), contract[k]))
        fail_msg ("line %d has no “%s”", i, contract[k]);
  dbc = find_by (lines, "item", "dbc");
  assert_int_equal (json_int (dbc, "demand_milli"), 40000);
  assert_int_equal (json_int (dbc, "gross_milli"), 40000);
  assert_json_null (dbc, "packs");
  assert_int_equal (json_int (dbc, "purchase_milli"), 40000);
  assert_int_equal (json_int (dbc, "price_milliyuan"), 1160);
  assert_string_equal (json_str (dbc, "price_date"), PLAN_DATE);
  assert_false (json_bool (dbc, "stale"));
  assert_int_equal (json_int (dbc, "cost_fen"), 4640);
  potato = find_by (lines, "item", "potato");
  assert_int_equal (json_int (potato, "packs"), 1);
  assert_int_equal (json_int (potato, "purchase_milli"), 20000);
  assert_int_equal (json_int (potato, "price_milliyuan"), 2700);
  assert_int_equal (json_int (potato, "cost_fen"), 5400);
  egg = find_by (lines, "item", "egg");
  assert_int_equal (json_int (egg, "demand_milli"), 60000);
  assert_json_null (egg, "price_milliyuan");
  assert_json_null (egg, "price_date");
  assert_int_equal (json_int (egg, "cost_fen"), 0);
  no_price = cJSON_GetObjectItemCaseSensitive (json, "no_price");
  assert_int_equal (json_size (no_price), 1);
  assert_string_equal (cJSON_GetArrayItem (no_price, 0)->valuestring, "egg");
  /* integers as raw text, never 1e+04 */
  assert_contains (r->out, "\"total_cost_fen\":\t10040,");

  table = db (f, "plan", "--date", PLAN_DATE, NULL);
  assert_ok (table);
  assert_contains (table->out, "total ¥100.40");
  assert_contains (table->out, "No price (not in the total): egg");

  {
    g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
    g_autofree char *xlsx = g_build_filename (f->dir, "plan.xlsx", NULL);
    g_autoptr(Run) files = db (f, "plan", "--date", PLAN_DATE, "--pdf", pdf, "--xlsx", xlsx,
                               NULL);
    g_autoptr(GBytes) p = NULL;
    g_autoptr(GBytes) x = NULL;

    assert_ok (files);
    p = jc_test_read (pdf);
    x = jc_test_read (xlsx);
    assert_memory_equal (g_bytes_get_data (p, NULL), "%PDF", 4);
    assert_memory_equal (g_bytes_get_data (x, NULL), "PK", 2);
  }
  {
    g_autoptr(Run) bad = db (f, "plan", "--date", "2026-13-01", NULL);
    g_autoptr(Run) missing = db (f, "plan", NULL);

    assert_failure (bad, "plan: date: “2026-13-01” is not a date");
    assert_usage (missing, "option “--date” is required");
  }
}

static void
test_plan_lock_unlock (void **state)
{
  Fixture *f = *state;

  add_plan_world (f);
  {
    g_autoptr(Run) lock = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);
    g_autoptr(Run) again = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);
    g_autoptr(Run) show = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (show);

    assert_ok (lock);
    assert_contains (lock->out, "Locked the plan for " PLAN_DATE ": 3 lines, total ¥100.40.");
    assert_failure (again, "already locked");
    assert_string_equal (json_str (json, "status"), "locked");
    assert_int_equal (json_int (json, "total_cost_fen"), 10040);
  }
  {
    g_autoptr(Run) no_reason = db (f, "plan", "unlock", "--date", PLAN_DATE, NULL);
    g_autoptr(Run) blank = db (f, "plan", "unlock", "--date", PLAN_DATE, "--reason", "  ", NULL);
    g_autoptr(Run) unlock = db (f, "plan", "unlock", "--date", PLAN_DATE, "--reason", "订单有误",
                                NULL);
    g_autoptr(Run) twice = db (f, "plan", "unlock", "--date", PLAN_DATE, "--reason", "x", NULL);
    g_autoptr(Run) show = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (show);

    assert_usage (no_reason, "option “--reason” is required");
    assert_failure (blank, "plan unlock: reason: a reason is required");
    assert_ok (unlock);
    assert_failure (twice, "not locked");
    assert_string_equal (json_str (json, "status"), "open");
  }
}

/* Late orders after the lock: the lock names who is not in and needs a
 * confirmation (--yes without a terminal); a late order needs a reason and
 * is shown as not in the locked plan until bought as a supplementary
 * purchase, declined with a reason, or the plan is reopened. */
static void
test_plan_late_orders (void **state)
{
  Fixture *f = *state;

  add_plan_world (f);
  add_sample_canteen (f, "c03", "审计局食堂");
  {
    g_autoptr(Run) no_tty = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);
    g_autoptr(Run) show = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (show);
    g_autoptr(Run) yes = db (f, "plan", "lock", "--date", PLAN_DATE, "--yes", NULL);

    assert_int_equal (no_tty->status, 1);
    assert_contains (no_tty->err, "the plan for " PLAN_DATE " was not locked: confirm with --yes");
    assert_contains (no_tty->out, "1 canteen is not in the plan for " PLAN_DATE);
    assert_contains (no_tty->out, "c03  审计局食堂  (no order)");
    assert_string_equal (json_str (json, "status"), "open");
    assert_ok (yes);
    assert_contains (yes->out, "Locked the plan for " PLAN_DATE);
  }
  {
    g_autoptr(Run) no_reason = db (f, "orders", "submit", "--canteen", "c03", "--date", PLAN_DATE,
                                   "--item", "dbc=5", NULL);
    g_autoptr(Run) late = db (f, "orders", "submit", "--canteen", "c03", "--date", PLAN_DATE,
                              "--item", "dbc=5", "--accept-late", "来客接待", NULL);
    g_autoptr(Run) list = db (f, "orders", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) orders = parse_json (list);
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (plan);
    g_autoptr(Run) table = db (f, "plan", "--date", PLAN_DATE, NULL);
    cJSON *late_orders = cJSON_GetObjectItemCaseSensitive (json, "late_orders");

    assert_int_equal (no_reason->status, 1);
    assert_contains (no_reason->err, "--accept-late REASON");
    assert_ok (late);
    assert_true (json_bool (find_by (orders, "canteen", "c01"), "in_locked_plan"));
    assert_false (json_bool (find_by (orders, "canteen", "c03"), "in_locked_plan"));
    assert_string_equal (json_str (find_by (orders, "canteen", "c03"), "after_lock"), "pending");
    assert_int_equal (json_size (late_orders), 1);
    assert_string_equal (json_str (cJSON_GetArrayItem (late_orders, 0), "canteen"), "c03");
    assert_int_equal (json_int (json, "total_cost_fen"), 10040);   /* unchanged */
    assert_ok (table);
    assert_contains (table->out, "1 late order is not in the locked plan: c03");
  }
  {
    g_autoptr(Run) no_tty = db (f, "plan", "supplement", "--date", PLAN_DATE, "--canteen", "c03",
                                NULL);
    g_autoptr(Run) yes = db (f, "plan", "supplement", "--date", PLAN_DATE, "--canteen", "c03",
                             "--yes", NULL);
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (plan);
    g_autoptr(Run) list = db (f, "orders", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) orders = parse_json (list);
    g_autoptr(Run) st = db (f, "statement", "--canteen", "c03", "--month", "2026-11", "--json",
                            NULL);
    g_autoptr(cJSON) statement = parse_json (st);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
    cJSON *sup = cJSON_GetArrayItem (lines, json_size (lines) - 1);

    assert_int_equal (no_tty->status, 1);
    assert_contains (no_tty->err, "nothing was bought for c03: confirm with --yes");
    assert_ok (yes);
    /* 5 kg × 1.16 元, at the plan's price */
    assert_contains (yes->out, "supplementary purchase: 1 line, ¥5.80");
    assert_true (json_bool (sup, "supplement"));
    assert_string_equal (json_str (sup, "supplement_canteen"), "c03");
    assert_int_equal (json_int (sup, "demand_milli"), 5000);
    assert_int_equal (json_int (sup, "price_milliyuan"), 1160);
    assert_int_equal (json_int (sup, "cost_fen"), 580);
    assert_int_equal (json_int (json, "total_cost_fen"), 10040 + 580);
    assert_int_equal (json_size (cJSON_GetObjectItemCaseSensitive (json, "late_orders")), 0);
    assert_true (json_bool (find_by (orders, "canteen", "c03"), "in_locked_plan"));
    assert_int_equal (json_int (statement, "total_fen"), 580);
  }
  {
    g_autoptr(Run) amend = db (f, "orders", "submit", "--canteen", "c02", "--date", PLAN_DATE,
                               "--item", "dbc=12", "--accept-late", "加量", NULL);
    g_autoptr(Run) blank = db (f, "orders", "decline", "--date", PLAN_DATE, "--canteen", "c02",
                               "--reason", " ", NULL);
    g_autoptr(Run) decline = db (f, "orders", "decline", "--date", PLAN_DATE, "--canteen", "c02",
                                 "--reason", "车辆已满", NULL);
    g_autoptr(Run) list = db (f, "orders", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) orders = parse_json (list);
    g_autoptr(Run) show = db (f, "orders", "show", "--canteen", "c02", "--date", PLAN_DATE, NULL);
    cJSON *c02 = find_by (orders, "canteen", "c02");

    assert_ok (amend);
    assert_failure (blank, "needs a reason");
    assert_ok (decline);
    assert_false (json_bool (c02, "in_locked_plan"));
    assert_string_equal (json_str (c02, "after_lock"), "declined");
    assert_string_equal (json_str (c02, "decline_reason"), "车辆已满");
    assert_ok (show);
    assert_contains (show->out, "Declined by procurement: 车辆已满");
  }
  {
    g_autoptr(Run) reopen = db (f, "plan", "reopen", "--date", PLAN_DATE, "--reason", "重新汇总",
                                NULL);
    g_autoptr(Run) list = db (f, "orders", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) orders = parse_json (list);

    assert_ok (reopen);
    assert_json_null (find_by (orders, "canteen", "c03"), "in_locked_plan");
    assert_json_null (find_by (orders, "canteen", "c03"), "after_lock");
  }
}

static void
test_purchases_record (void **state)
{
  Fixture *f = *state;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  g_autoptr(Run) lock = NULL;

  add_plan_world (f);
  lock = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);
  assert_ok (lock);

  /* line 3: a quantity that is not a number; line 4: an unknown unit */
  bad = write_file (f, "bad.csv",
                    "date,item,qty,unit,price,price_unit\n"
                    PLAN_DATE ",dbc,82,斤,1.2,斤\n"
                    PLAN_DATE ",土豆,lots,箱,50,箱\n"
                    PLAN_DATE ",dbc,1,桶,1,kg\n", -1);
  {
    g_autoptr(Run) r = db (f, "purchases", "record", bad, NULL);
    g_autoptr(Run) list = db (f, "purchases", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);

    if (r->status != 1 || strstr (r->err, "bad.csv:3:3: qty") == NULL ||
        strstr (r->err, "bad.csv:4:4: unit") == NULL || strstr (r->err, "nothing was stored") == NULL)
      {
        dump (r);
        fail_msg ("expected the bad lines named");
      }
    assert_int_equal (count_lines (r->err), 3);
    assert_int_equal (json_int (json, "n_actual"), 0);
  }

  /* GB18030, an item by name, quantities and prices in other units */
  {
    const char *utf8 = "date,item,qty,unit,price,price_unit\r\n"
                       PLAN_DATE ",dbc,82,斤,1.2,斤\r\n"
                       PLAN_DATE ",土豆,1,箱,50,箱\r\n";
    gsize len = 0;
    g_autofree char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, NULL);

    good = write_file (f, "good.csv", gb, (gssize) len);
  }
  {
    g_autoptr(Run) r = db (f, "purchases", "record", good, NULL);
    g_autoptr(Run) list = db (f, "purchases", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(Run) table = db (f, "purchases", "list", "--date", PLAN_DATE, NULL);
    g_autoptr(cJSON) json = parse_json (list);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
    cJSON *dbc = find_by (lines, "item", "dbc");
    cJSON *potato = find_by (lines, "item", "potato");
    cJSON *egg = find_by (lines, "item", "egg");

    assert_ok (r);
    assert_contains (r->out, "Recorded 2 purchases");
    assert_int_equal (json_int (json, "n_actual"), 2);
    /* 41 kg at 2.40 元/kg = 98.40; 20 kg at 2.50 元/kg = 50.00 */
    assert_int_equal (json_int (dbc, "actual_qty_milli"), 41000);
    assert_int_equal (json_int (dbc, "actual_price_milliyuan"), 2400);
    assert_int_equal (json_int (dbc, "actual_cost_fen"), 9840);
    assert_int_equal (json_int (dbc, "qty_change_permille"), 25);
    assert_int_equal (json_int (dbc, "price_change_permille"), 1069);
    assert_int_equal (json_int (potato, "actual_cost_fen"), 5000);
    assert_int_equal (json_int (potato, "price_change_permille"), -74);
    assert_json_null (egg, "actual_cost_fen");
    assert_json_null (egg, "price_change_permille");
    assert_int_equal (json_int (json, "actual_total_fen"), 9840 + 5000);
    assert_ok (table);
    assert_contains (table->out, "+1069");
  }
}

/* Issue 11 item 3: a typed decimal is converted exactly and rounded once,
 * in every field; nine decimals are taken, a tenth is refused by name. */
static void
test_exact_decimals (void **state)
{
  Fixture *f = *state;
  g_autofree char *page = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *buy = NULL;
  g_autofree char *fine = NULL;

  add_order_world (f);

  /* 1.0009 斤 = 500.45 g → 500 g (rounding the input first gave 501) */
  {
    g_autoptr(Run) submit = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE,
                                "--item", "dbc=1.0009斤", "--item", "potato=1.0005箱",
                                "--item", "egg=0.123456789", NULL);
    g_autoptr(Run) show = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE,
                              "--json", NULL);
    g_autoptr(cJSON) json = parse_json (show);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");

    assert_ok (submit);
    assert_int_equal (json_int (find_by (lines, "item", "dbc"), "qty_milli"), 500);
    /* 1.0005 箱 of 20 kg = 20.01 kg (not 1.001 × 20 = 20.02) */
    assert_int_equal (json_int (find_by (lines, "item", "potato"), "qty_milli"), 20010);
    assert_int_equal (json_int (find_by (lines, "item", "egg"), "qty_milli"), 123);
  }
  /* a tenth decimal, a huge value: refused, naming the field */
  {
    g_autoptr(Run) ten = db (f, "orders", "submit", "--canteen", "c02", "--date", FUTURE,
                             "--item", "dbc=1.0000000001斤", NULL);
    g_autoptr(Run) huge = db (f, "orders", "submit", "--canteen", "c02", "--date", FUTURE,
                              "--item", "dbc=99999999999999999吨", NULL);

    assert_failure (ten, "dbc: quantity: “1.0000000001” has more than 9 decimals");
    assert_failure (huge, "dbc: quantity: “99999999999999999” is too large");
  }

  /* prices: a Xinfadi JSON number and a CSV text of 1.00045 元/斤 are
   * 2.0009 元/kg → 2.001 (rounding to 1.000 元/斤 first gave 2.000) */
  page = write_file (f, "page.json",
                     "{\"current\":1,\"limit\":20,\"count\":1,\"list\":["
                     "{\"prodName\":\"大白菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":1.00045,"
                     "\"avgPrice\":1.00045,\"highPrice\":1.5,\"place\":\"冀\",\"specInfo\":\"\","
                     "\"unitInfo\":\"斤\",\"pubDate\":\"2026-11-27 00:00:00\"}]}", -1);
  csv = write_file (f, "prices.csv",
                    "品名,单位,发布日期,最低价,平均价,最高价\n"
                    "土豆,斤,2026-11-27,1.00045,1.00045,1.0000000001\n"
                    "土豆,斤,2026-11-28,1.00045,1.00045,1.1\n", -1);
  {
    g_autoptr(Run) a = db (f, "prices", "import", page, "--source", "新发地", NULL);
    g_autoptr(Run) b = db (f, "prices", "import", csv, "--source", "存档", NULL);
    g_autoptr(Run) list = db (f, "prices", "list", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);
    cJSON *dbc = find_by (json, "item", "dbc");
    cJSON *potato = find_by (json, "item", "potato");

    assert_ok (a);
    assert_ok (b);
    /* the tenth decimal of line 2 is refused, by field */
    assert_contains (b->out, "high price “1.0000000001” has more than 9 decimals");
    assert_int_equal (json_size (json), 2);
    assert_int_equal (json_int (dbc, "avg_milliyuan"), 2001);
    assert_int_equal (json_int (dbc, "low_milliyuan"), 2001);
    assert_int_equal (json_int (potato, "avg_milliyuan"), 2001);
    assert_string_equal (json_str (potato, "date"), "2026-11-28");
  }
  /* a name not mapped at import keeps its figures as printed: mapped
   * later, 1.00045 元/斤 is still 2.001 元/kg (the stored 1.000 元/斤 gave
   * 2.000), also read through a "quoted per" override */
  {
    g_autofree char *later = write_file (f, "later.csv",
                                         "品名,单位,发布日期,最低价,平均价,最高价\n"
                                         "精品白菜,斤,2026-11-26,1.00045,1.00045,1.5\n"
                                         "袋装白菜,袋,2026-11-26,1.00045,1.00045,1.00045\n", -1);
    g_autoptr(Run) imp = db (f, "prices", "import", later, "--source", "存档", NULL);
    g_autoptr(Run) map = db (f, "prices", "map", "精品白菜", "dbc", NULL);
    g_autoptr(Run) per = db (f, "prices", "map", "袋装白菜", "dbc", "--per", "斤", NULL);
    g_autoptr(Run) list = db (f, "prices", "list", "--item", "dbc", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);
    cJSON *fine_cabbage = find_by (json, "market_name", "精品白菜");
    cJSON *bag = find_by (json, "market_name", "袋装白菜");

    assert_ok (imp);
    assert_ok (map);
    assert_ok (per);
    assert_int_equal (json_int (fine_cabbage, "low_milliyuan"), 2001);
    assert_int_equal (json_int (fine_cabbage, "avg_milliyuan"), 2001);
    assert_int_equal (json_int (fine_cabbage, "high_milliyuan"), 3000);
    assert_int_equal (json_int (bag, "avg_milliyuan"), 2001);
  }

  /* purchases: 1.0005 箱 and a price in 元/g, exactly */
  {
    g_autoptr(Run) a = db (f, "orders", "submit", "--canteen", "c01", "--date", PLAN_DATE,
                           "--item", "dbc=30", "--item", "potato=1箱", "--accept-late", "测试",
                           NULL);
    g_autoptr(Run) lock = db (f, "plan", "lock", "--date", PLAN_DATE, "--yes", NULL);

    assert_ok (a);
    assert_ok (lock);
  }
  buy = write_file (f, "buy.csv",
                    "date,item,qty,unit,price,price_unit\n"
                    PLAN_DATE ",dbc,30000,g,0.0024005,g\n"
                    PLAN_DATE ",potato,1.0005,箱,2.0000000001,kg\n", -1);
  {
    g_autoptr(Run) r = db (f, "purchases", "record", buy, NULL);

    assert_refused (r, "buy.csv:3:5: price: “2.0000000001” has more than 9 decimals");
    assert_int_equal (count_lines (r->err), 2);
  }
  fine = write_file (f, "fine.csv",
                     "date,item,qty,unit,price,price_unit\n"
                     PLAN_DATE ",dbc,30000,g,0.0024005,g\n"
                     PLAN_DATE ",potato,1.0005,箱,50.0000005,箱\n", -1);
  {
    g_autoptr(Run) r = db (f, "purchases", "record", fine, NULL);
    g_autoptr(Run) list = db (f, "purchases", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
    cJSON *dbc = find_by (lines, "item", "dbc");
    cJSON *potato = find_by (lines, "item", "potato");

    assert_ok (r);
    /* 0.0024005 元/g = 2.4005 元/kg → 2.401 (not 0.002 × 1000 = 2.000) */
    assert_int_equal (json_int (dbc, "actual_qty_milli"), 30000);
    assert_int_equal (json_int (dbc, "actual_price_milliyuan"), 2401);
    /* 1.0005 箱 = 20.01 kg; 50.0000005 元/箱 = 2.500000025 元/kg → 2.500 */
    assert_int_equal (json_int (potato, "actual_qty_milli"), 20010);
    assert_int_equal (json_int (potato, "actual_price_milliyuan"), 2500);
  }
  /* piece masses: 52.5 g and 0.0525 kg are kept exactly (52500 mg) and
   * 1 kg of them is 1000 / 52.5 = 19.0476… pieces → 19.048, rounded once
   * (whole grams gave 52 or 53 g: 19.231 or 18.868) */
  {
    g_autoptr(Run) a = db (f, "catalog", "add", "qe", "--name", "鹌鹑蛋", "--category", "meat",
                           "--unit", "piece", "--piece-mass", "52.5", NULL);
    g_autoptr(Run) b = db (f, "catalog", "add", "qe2", "--name", "大鹌鹑蛋", "--category", "meat",
                           "--unit", "piece", "--piece-mass", "0.0525kg", NULL);
    g_autoptr(Run) ten = db (f, "catalog", "edit", "qe", "--piece-mass", "52.5000000001", NULL);
    g_autoptr(Run) list = db (f, "catalog", "list", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);
    g_autoptr(Run) submit = NULL;
    g_autoptr(Run) show = NULL;
    g_autoptr(cJSON) order = NULL;
    cJSON *lines;

    assert_ok (a);
    assert_ok (b);
    assert_failure (ten, "piece mass: “52.5000000001” has more than 9 decimals");
    assert_int_equal (json_int (find_by (json, "code", "qe"), "piece_mass_mg"), 52500);
    assert_int_equal (json_int (find_by (json, "code", "qe"), "piece_mass_g"), 53);
    assert_int_equal (json_int (find_by (json, "code", "qe2"), "piece_mass_mg"), 52500);

    submit = db (f, "orders", "submit", "--canteen", "c02", "--date", FUTURE,
                 "--item", "qe=1kg", "--item", "qe2=2.5斤", NULL);
    show = db (f, "orders", "show", "--canteen", "c02", "--date", FUTURE, "--json", NULL);
    order = parse_json (show);
    lines = cJSON_GetObjectItemCaseSensitive (order, "lines");
    assert_ok (submit);
    assert_int_equal (json_int (find_by (lines, "item", "qe"), "qty_milli"), 19048);
    /* 1250 g / 52.5 g = 23.8095… → 23.810 */
    assert_int_equal (json_int (find_by (lines, "item", "qe2"), "qty_milli"), 23810);
  }
}

/* Issue 11 item 4: a line whose quantity rounds to nothing is refused at
 * every entry, naming the file, line and field. */
static void
test_zero_lines_refused (void **state)
{
  Fixture *f = *state;
  g_autofree char *form = NULL;

  add_order_world (f);
  {
    g_autoptr(Run) submit = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE,
                                "--item", "dbc=0.125g", NULL);
    g_autoptr(Run) zero = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE,
                              "--item", "dbc=0.4999", "--item", "egg=0.0004", NULL);

    assert_failure (submit, "dbc: quantity: 0.125 g of 大白菜 is less than the smallest quantity, "
                            "0.001 kg");
    assert_failure (zero, "egg: quantity: 0.0004 个 of 鸡蛋 is less than the smallest quantity");
  }
  form = write_file (f, "c01.csv",
                     "canteen,date,item,qty,unit,note\n"
                     "c01," FUTURE ",dbc,0.125,g,\n"
                     "c01," FUTURE ",egg,6,,\n", -1);
  {
    g_autoptr(Run) imp = db (f, "orders", "import", form, NULL);
    g_autoptr(Run) show = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, NULL);

    if (imp->status == 0 || strstr (imp->err, "c01.csv") == NULL ||
        strstr (imp->err, "line 2") == NULL || strstr (imp->err, "quantity") == NULL ||
        strstr (imp->err, "less than the smallest quantity") == NULL)
      {
        dump (imp);
        fail_msg ("expected the zero line refused by file, line and field");
      }
    /* nothing half-written */
    assert_false (show->status == 0 && strstr (show->out, "egg") != NULL);
  }
}

/* Issue 11 item 4: no purchase on a line nobody ordered; a month already
 * blocked by one is repaired with `purchases remove`. */
/* A `canteen` column records that canteen's supplementary line (补单)
 * instead of the plan's own line of the item; an unknown canteen, or one
 * without a supplementary line of the item, is named with its line and
 * column, and then nothing is stored.  A file without the column records
 * as before. */
static void
test_purchases_record_supplement (void **state)
{
  Fixture *f = *state;
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;

  add_plan_world (f);
  add_sample_canteen (f, "c03", "审计局食堂");
  {
    g_autoptr(Run) lock = db (f, "plan", "lock", "--date", PLAN_DATE, "--yes", NULL);
    g_autoptr(Run) late = db (f, "orders", "submit", "--canteen", "c03", "--date", PLAN_DATE,
                              "--item", "dbc=5", "--accept-late", "来客接待", NULL);
    g_autoptr(Run) sup = db (f, "plan", "supplement", "--date", PLAN_DATE, "--canteen", "c03",
                             "--yes", NULL);

    assert_ok (lock);
    assert_ok (late);
    assert_ok (sup);
  }

  bad = write_file (f, "bad.csv",
                    "date,item,qty,unit,price,price_unit,canteen\n"
                    PLAN_DATE ",dbc,5,kg,1.3,kg,c99\n"
                    PLAN_DATE ",dbc,5,kg,1.3,kg,c01\n"
                    PLAN_DATE ",土豆,1,kg,1.3,kg,c03\n"
                    PLAN_DATE ",dbc,5,kg,1.3,kg,c03\n"
                    PLAN_DATE ",dbc,41,kg,2.4,kg,\n", -1);
  {
    g_autoptr(Run) r = db (f, "purchases", "record", bad, NULL);
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (plan);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");

    if (r->status != 1 || strstr (r->err, "bad.csv:2:7: canteen: “c99” is not a canteen code") == NULL ||
        strstr (r->err, "bad.csv:3:7: canteen: c01 has no supplementary purchase (补单) of dbc") == NULL ||
        strstr (r->err, "bad.csv:4:7: canteen: c03 has no supplementary purchase (补单) of potato") == NULL ||
        strstr (r->err, "bad.csv: 3 problems; nothing was stored") == NULL)
      {
        dump (r);
        fail_msg ("expected the bad canteens named");
      }
    assert_int_equal (count_lines (r->err), 4);
    for (guint i = 0; i < json_size (lines); i++)
      assert_json_null (cJSON_GetArrayItem (lines, i), "actual_cost_fen");
  }

  /* the canteen's supplementary line and the plan's own line of the same
   * item, in one file; the column may stand anywhere */
  good = write_file (f, "good.csv",
                     "canteen,date,item,qty,unit,price,price_unit\n"
                     "c03," PLAN_DATE ",dbc,5,kg,1.3,kg\n"
                     "," PLAN_DATE ",dbc,41,kg,2.4,kg\n", -1);
  {
    g_autoptr(Run) r = db (f, "purchases", "record", good, NULL);
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(cJSON) json = parse_json (plan);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
    cJSON *own = NULL, *sup = NULL;

    assert_ok (r);
    assert_contains (r->out, "Recorded 2 purchases");
    for (guint i = 0; i < json_size (lines); i++)
      {
        cJSON *l = cJSON_GetArrayItem (lines, i);

        if (g_strcmp0 (json_str (l, "item"), "dbc") != 0)
          continue;
        if (json_bool (l, "supplement"))
          sup = l;
        else
          own = l;
      }
    assert_non_null (own);
    assert_non_null (sup);
    assert_string_equal (json_str (sup, "supplement_canteen"), "c03");
    assert_int_equal (json_int (sup, "actual_qty_milli"), 5000);
    assert_int_equal (json_int (sup, "actual_cost_fen"), 650);     /* 5 kg × 1.30 */
    assert_int_equal (json_int (own, "actual_cost_fen"), 9840);    /* 41 kg × 2.40 */
  }
}

static void
test_purchases_remove (void **state)
{
  Fixture *f = *state;
  g_autofree char *csv = NULL;

  add_plan_world (f);
  {
    g_autoptr(Run) lock = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);

    assert_ok (lock);
  }
  csv = write_file (f, "p.csv", "date,item,qty,unit,price,price_unit\n"
                                PLAN_DATE ",dbc,41,kg,2.4,kg\n", -1);
  {
    g_autoptr(Run) rec = db (f, "purchases", "record", csv, NULL);

    assert_ok (rec);
  }
  /* the bad state of a database from before the fix: c02's egg line of
   * 0 (0.125 g would import as 0), locked into the plan, with a purchase
   * of 53.75 元 recorded on it; raw SQL, since every entry refuses it now */
  {
    const char *sql =
      "UPDATE order_lines SET qty_milli = 0, unit_qty_milli = 0 "
      "WHERE item_id = (SELECT id FROM items WHERE code = 'egg');"
      "UPDATE plan_lines SET demand_milli = 0, gross_milli = 0, purchase_milli = 0, cost_fen = 0 "
      "WHERE delivery_date = '" PLAN_DATE "' AND item_id = (SELECT id FROM items WHERE code = 'egg');"
      "UPDATE plan_shares SET qty_milli = 0, share_fen = 0 WHERE delivery_date = '" PLAN_DATE "' "
      "AND item_id = (SELECT id FROM items WHERE code = 'egg');"
      "INSERT INTO purchases (delivery_date, item_id, qty_milli, price_milliyuan, cost_fen, "
      "recorded_at, recorded_by) SELECT '" PLAN_DATE "', id, 5000, 10750, 5375, "
      "'2026-11-28T10:00', 'test' FROM items WHERE code = 'egg';";

    jc_test_db_exec (f->path, sql);
  }
  {
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(Run) st = db (f, "statement", "--canteen", "c01", "--month", "2026-11", NULL);

    /* that is the state the issue reports */
    assert_failure (plan, "no quantities to be shared by");
    assert_failure (st, "no quantities to be shared by");
  }
  /* recording on that line again is refused: nobody ordered it */
  {
    g_autofree char *again = write_file (f, "again.csv",
                                         "date,item,qty,unit,price,price_unit\n"
                                         PLAN_DATE ",egg,5,,10.75,\n", -1);
    g_autoptr(Run) r = db (f, "purchases", "record", again, NULL);

    assert_refused (r, "again.csv:2: item: nobody ordered egg for " PLAN_DATE);
  }
  {
    g_autoptr(Run) no_reason = db (f, "purchases", "remove", "--date", PLAN_DATE, "--item", "egg",
                                   NULL);
    g_autoptr(Run) blank = db (f, "purchases", "remove", "--date", PLAN_DATE, "--item", "egg",
                               "--reason", " ", NULL);
    g_autoptr(Run) unknown = db (f, "purchases", "remove", "--date", PLAN_DATE, "--item", "nope",
                                 "--reason", "x", NULL);
    g_autoptr(Run) ok = db (f, "purchases", "remove", "--date", PLAN_DATE, "--item", "egg",
                            "--reason", "记错了行", NULL);
    g_autoptr(Run) twice = db (f, "purchases", "remove", "--date", PLAN_DATE, "--item", "egg",
                               "--reason", "记错了行", NULL);

    assert_usage (no_reason, "option “--reason” is required");
    assert_failure (blank, "purchases remove: reason: a reason is required");
    assert_failure (unknown, "nope");
    assert_ok (ok);
    assert_contains (ok->out, "Removed the purchase of egg recorded for " PLAN_DATE);
    assert_failure (twice, "No purchase of egg is recorded for " PLAN_DATE);
  }
  /* the month works again, and the other purchase is still there */
  {
    g_autoptr(Run) plan = db (f, "plan", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(Run) list = db (f, "purchases", "list", "--date", PLAN_DATE, "--json", NULL);
    g_autoptr(Run) st = db (f, "statement", "--canteen", "c01", "--month", "2026-11", NULL);
    g_autoptr(Run) report = db (f, "report", "--month", "2026-11", "--json", NULL);
    g_autoptr(cJSON) json = parse_json (list);
    cJSON *lines = cJSON_GetObjectItemCaseSensitive (json, "lines");

    assert_ok (plan);
    assert_ok (st);
    assert_ok (report);
    assert_int_equal (json_int (json, "n_actual"), 1);
    assert_int_equal (json_int (find_by (lines, "item", "dbc"), "actual_cost_fen"), 9840);
    assert_json_null (find_by (lines, "item", "egg"), "actual_cost_fen");
  }
  /* the removal is in the plan's history, with who and why */
  {
    g_autofree char *rows = jc_test_db_rows (f->path, "SELECT reason FROM plan_audit WHERE action = "
                                                      "'remove-purchase'");

    /* one row, this one */
    assert_string_equal (rows, "egg: 记错了行|\n");
  }
}

static void
test_statement_json (void **state)
{
  Fixture *f = *state;
  g_autofree char *csv = NULL;
  g_autoptr(Run) lock = NULL;
  g_autoptr(Run) rec = NULL;
  gint64 sum_all = 0;
  const char *canteens[] = { "c01", "c02" };

  add_plan_world (f);
  lock = db (f, "plan", "lock", "--date", PLAN_DATE, NULL);
  assert_ok (lock);
  csv = write_file (f, "p.csv", "date,item,qty,unit,price,price_unit\n"
                                PLAN_DATE ",dbc,41,kg,2.4,kg\n", -1);
  rec = db (f, "purchases", "record", csv, NULL);
  assert_ok (rec);

  for (guint c = 0; c < 2; c++)
    {
      g_autoptr(Run) r = db (f, "statement", "--canteen", canteens[c], "--month", "2026-11",
                             "--json", NULL);
      g_autoptr(cJSON) json = parse_json (r);
      cJSON *days = cJSON_GetObjectItemCaseSensitive (json, "days");
      gint64 sum_days = 0;

      assert_string_equal (json_str (json, "canteen"), canteens[c]);
      assert_string_equal (json_str (json, "period"), "2026-11");
      assert_int_equal (json_size (days), 1);
      for (int d = 0; d < cJSON_GetArraySize (days); d++)
        {
          cJSON *day = cJSON_GetArrayItem (days, d);
          cJSON *lines = cJSON_GetObjectItemCaseSensitive (day, "lines");
          gint64 sum_lines = 0;

          for (int l = 0; l < cJSON_GetArraySize (lines); l++)
            sum_lines += json_int (cJSON_GetArrayItem (lines, l), "share_fen");
          assert_int_equal (sum_lines, json_int (day, "total_fen"));
          sum_days += json_int (day, "total_fen");
        }
      assert_int_equal (sum_days, json_int (json, "total_fen"));
      sum_all += sum_days;
      if (c == 0)
        {
          /* 98.40 × 30/40 = 73.80 actual; potato 54.00 planned */
          assert_int_equal (json_int (json, "total_fen"), 7380 + 5400);
          assert_int_equal (json_int (json, "provisional_days"), 1);
          assert_true (json_bool (find_by (cJSON_GetObjectItemCaseSensitive (
                                             cJSON_GetArrayItem (days, 0), "lines"),
                                           "item", "potato"), "provisional"));
        }
    }
  /* the canteens' statements add up to the plan */
  assert_int_equal (sum_all, 9840 + 5400);
  {
    g_autoptr(Run) bad = db (f, "statement", "--canteen", "c01", "--month", "2026-13", NULL);
    g_autoptr(Run) unknown = db (f, "statement", "--canteen", "c99", "--month", "2026-11", NULL);
    g_autofree char *pdf = g_build_filename (f->dir, "st.pdf", NULL);
    g_autoptr(Run) files = db (f, "statement", "--canteen", "c01", "--month", "2026-11", "--pdf",
                               pdf, NULL);

    assert_failure (bad, "month: “2026-13” is not a month");
    assert_failure (unknown, "c99");
    assert_ok (files);
    assert_contains (files->out, "total ¥127.80");
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_calendar, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_plan_json, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_plan_lock_unlock, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_plan_late_orders, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_purchases_record, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_purchases_record_supplement, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_exact_decimals, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_zero_lines_refused, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_purchases_remove, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_statement_json, setup_db, teardown),
  };

  /* JC_TEST_FILTER=test_purchases_* runs only those (cmocka's glob) */
  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-plan");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
