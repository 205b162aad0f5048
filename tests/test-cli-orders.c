/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jicai-cli's orders (the cli suite, helpers in jc-test-cli.c): the order
 * form, the cutoff, imports good and bad, submit/show/history, and orders
 * written by several processes at once. */
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

static void
test_orders_template (void **state)
{
  Fixture *f = *state;
  g_autofree char *xlsx = g_build_filename (f->dir, "c01.xlsx", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "c01.csv", NULL);
  g_autofree char *txt = g_build_filename (f->dir, "c01.txt", NULL);
  g_autofree char *eq = g_strdup_printf ("--output=%s", csv);
  g_autoptr(Run) a = NULL;
  g_autoptr(Run) b = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) text = NULL;

  add_order_world (f);
  a = db (f, "orders", "template", "--canteen", "c01", "--date", FUTURE, "-o", xlsx, NULL);
  assert_ok (a);
  assert_contains (a->out, "Wrote the order form of c01 for " FUTURE);
  bytes = jc_test_read (xlsx);
  assert_true (g_bytes_get_size (bytes) > 1000);
  assert_memory_equal (g_bytes_get_data (bytes, NULL), "PK", 2);

  b = db (f, "orders", "template", "--canteen", "c01", "--date", FUTURE, eq, NULL);
  assert_ok (b);
  text = jc_test_read (csv);
  assert_true (g_str_has_prefix (g_bytes_get_data (text, NULL),
                                 "\xEF\xBB\xBF" "canteen,date,item,qty,unit,note\r\n"));
  assert_non_null (g_strstr_len (g_bytes_get_data (text, NULL), (gssize) g_bytes_get_size (text),
                                 "c01," FUTURE ",大白菜,,"));

  {
    g_autoptr(Run) bad_ext = db (f, "orders", "template", "--canteen", "c01", "--date", FUTURE,
                                 "-o", txt, NULL);
    g_autoptr(Run) no_canteen = db (f, "orders", "template", "--canteen", "c99", "--date",
                                    FUTURE, "-o", txt, NULL);
    g_autofree char *other = g_build_filename (f->dir, "c99.xlsx", NULL);
    g_autoptr(Run) no_canteen2 = db (f, "orders", "template", "--canteen", "c99", "--date",
                                     FUTURE, "-o", other, NULL);
    g_autoptr(Run) bad_date = db (f, "orders", "template", "--canteen", "c01", "--date",
                                  "2099-02-30", "-o", xlsx, NULL);

    assert_failure (bad_ext, "must end in .xlsx or .csv");
    assert_failure (no_canteen, "must end in .xlsx or .csv");
    assert_failure (no_canteen2, "No canteen “c99”");
    assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
    assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
    assert_failure (bad_date, "date: “2099-02-30” is not a date");
  }
}

static const char good_orders_csv[] =
  "\xEF\xBB\xBF" "canteen,date,item,qty,unit,note\r\n"
  "c01," FUTURE ",大白菜,30,斤,要新鲜\r\n"
  "c01," FUTURE ",egg,300,个,\r\n"
  "c01," FUTURE ",马铃薯,2,箱,\"大个的,不要发芽\"\r\n"
  "c02,2099/12/1,dbc,5,kg,\r\n";

/* The cutoff of one date: shown, set, refused after the delivery date (and
 * nothing changed then), reset to the office default. */
static void
test_orders_cutoff (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) show = NULL;
  g_autoptr(Run) set = NULL;
  g_autoptr(Run) late = NULL;
  g_autoptr(Run) both = NULL;
  g_autoptr(Run) json = NULL;
  g_autoptr(Run) reset = NULL;
  g_autoptr(cJSON) doc = NULL;

  show = db (f, "orders", "cutoff", "--date", "2099-12-01", NULL);
  assert_ok (show);
  assert_contains (show->out, "close at 2099-11-30 14:00");
  assert_contains (show->out, "the office default");

  set = db (f, "orders", "cutoff", "--date", "2099-12-01", "--at", "2099-11-30T17:45", NULL);
  assert_ok (set);
  assert_contains (set->out, "close at 2099-11-30 17:45");
  assert_contains (set->out, "set for this date");

  late = db (f, "orders", "cutoff", "--date", "2099-12-01", "--at", "2099-12-02T08:00", NULL);
  assert_failure (late, "2099-12-02T08:00 is after the delivery date 2099-12-01");
  both = db (f, "orders", "cutoff", "--date", "2099-12-01", "--at", "2099-11-30T10:00",
             "--reset", NULL);
  assert_usage (both, "--at and --reset");

  json = db (f, "orders", "cutoff", "--date", "2099-12-01", "--json", NULL);
  assert_ok (json);
  doc = parse_json (json);
  assert_string_equal (cJSON_GetObjectItem (doc, "cutoff")->valuestring, "2099-11-30T17:45");
  assert_true (cJSON_IsTrue (cJSON_GetObjectItem (doc, "set_for_date")));
  assert_true (cJSON_IsFalse (cJSON_GetObjectItem (doc, "past_cutoff")));

  reset = db (f, "orders", "cutoff", "--date", "2099-12-01", "--reset", NULL);
  assert_ok (reset);
  assert_contains (reset->out, "close at 2099-11-30 14:00");
  assert_contains (reset->out, "the office default");
}

static void
test_orders_import (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = write_file (f, "orders.csv", good_orders_csv, -1);
  static const char *const order_keys[] = {
    "canteen", "date", "status", "version", "late", "submitted_at", "updated_at", "lines",
    "in_locked_plan", "after_lock", "decline_reason", NULL
  };
  static const char *const line_keys[] = {
    "item", "name", "qty_milli", "base_unit", "unit", "unit_qty_milli", "note", NULL
  };
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) imp = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) again = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *o, *lines, *l;

  add_order_world (f);

  /* No terminal to ask on and no --yes: the preview, then a refusal. */
  before = jc_test_store_snapshot (f->path);
  refused = db (f, "orders", "import", path, NULL);
  assert_int_equal (refused->status, 1);
  assert_contains (refused->out, "c01 市府食堂, " FUTURE " (not-started, version 0): 3 added, "
                                 "0 changed, 0 removed, 0 unchanged");
  assert_contains (refused->out, "+ dbc 大白菜: 30 斤");
  assert_contains (refused->out, "+ potato 土豆: 2 箱");
  assert_string_equal (refused->err, "jicai-cli: orders import: nothing was imported: confirm "
                                     "with --yes (there is no terminal to ask on)\n");
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));

  imp = db (f, "orders", "import", path, "--yes", NULL);
  assert_ok (imp);
  assert_contains (imp->out, "orders.csv imported: c01 " FUTURE ": 3 added, 0 changed, "
                             "0 removed, submitted; c02 " FUTURE ": 1 added");

  list = db (f, "orders", "list", "--date", FUTURE, "--json", NULL);
  json = parse_json (list);
  assert_int_equal (json_size (json), 2);
  o = find_by (json, "canteen", "c01");
  assert_keys (o, order_keys);
  assert_string_equal (json_str (o, "date"), FUTURE);
  assert_string_equal (json_str (o, "status"), "submitted");
  assert_int_equal (json_int (o, "version"), 1);
  assert_false (json_bool (o, "late"));
  lines = cJSON_GetObjectItemCaseSensitive (o, "lines");
  assert_int_equal (json_size (lines), 3);
  l = find_by (lines, "item", "dbc");
  assert_keys (l, line_keys);
  assert_string_equal (json_str (l, "name"), "大白菜");
  assert_int_equal (json_int (l, "qty_milli"), 15000);
  assert_string_equal (json_str (l, "base_unit"), "kg");
  assert_string_equal (json_str (l, "unit"), "斤");
  assert_int_equal (json_int (l, "unit_qty_milli"), 30000);
  assert_string_equal (json_str (l, "note"), "要新鲜");
  assert_int_equal (json_int (find_by (lines, "item", "egg"), "qty_milli"), 300000);
  l = find_by (lines, "item", "potato");
  assert_int_equal (json_int (l, "qty_milli"), 40000);
  assert_string_equal (json_str (l, "note"), "大个的,不要发芽");
  o = find_by (json, "canteen", "c02");
  lines = cJSON_GetObjectItemCaseSensitive (o, "lines");
  assert_int_equal (json_size (lines), 1);
  assert_int_equal (json_int (cJSON_GetArrayItem (lines, 0), "qty_milli"), 5000);

  /* The same file again changes nothing. */
  again = db (f, "orders", "import", path, "-y", NULL);
  assert_ok (again);
  assert_contains (again->out, "c01 " FUTURE ": unchanged");

  /* The board: every canteen, with its status. */
  {
    g_autoptr(Run) board = db (f, "orders", "list", "--date", FUTURE, NULL);

    assert_ok (board);
    assert_contains (board->out, "Orders for delivery on " FUTURE "; cutoff 2099-11-30 14:00");
    assert_contains (board->out, "市府食堂");
    assert_contains (board->out, "Submitted");
    assert_true (g_str_has_suffix (board->out,
                                   "\n2 canteens: 2 submitted, 0 locked, 0 draft, 0 not started\n"));
  }
}

/* A file with an error stores nothing and says where the error is; the
 * good file given with it is stored. */
static void
test_orders_import_bad (void **state)
{
  Fixture *f = *state;
  static const char bad_csv[] =
    "canteen,date,item,qty,unit,note\n"
    "c01,2099-12-02,大白菜,30,斤,\n"
    "c01,2099-12-02,egg,abc,个,\n"
    "c01,2099-12-02,菠萝蜜,3,kg,\n";
  g_autofree char *bad = write_file (f, "bad.csv", bad_csv, -1);
  g_autofree char *good = write_file (f, "good.csv", good_orders_csv, -1);
  g_autofree char *line3 = g_strdup_printf ("jicai-cli: orders import: %s: line 3, column qty: "
                                            "“abc” is not a number", bad);
  g_autofree char *line4 = g_strdup_printf ("jicai-cli: orders import: %s: line 4, column item: ",
                                            bad);
  g_autoptr(Run) only_bad = NULL;
  g_autoptr(Run) both = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  add_order_world (f);
  before = jc_test_store_snapshot (f->path);
  only_bad = db (f, "orders", "import", bad, "--yes", NULL);
  assert_int_equal (only_bad->status, 1);
  assert_string_equal (only_bad->out, "");
  assert_int_equal (count_lines (only_bad->err), 2);
  assert_contains (only_bad->err, line3);
  assert_contains (only_bad->err, line4);
  assert_contains (only_bad->err, "菠萝蜜");
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(Run) list = db (f, "orders", "list", "--date", "2099-12-02", "--json", NULL);

    assert_ok (list);
    assert_string_equal (list->out, "[]\n");
  }

  both = db (f, "orders", "import", bad, good, "--yes", NULL);
  assert_int_equal (both->status, 1);
  assert_contains (both->err, line3);
  assert_contains (both->out, "good.csv imported");
  {
    g_autoptr(Run) l1 = db (f, "orders", "list", "--date", "2099-12-02", "--json", NULL);
    g_autoptr(Run) l2 = db (f, "orders", "list", "--date", FUTURE, "--json", NULL);
    g_autoptr(cJSON) j2 = parse_json (l2);

    assert_ok (l1);
    assert_string_equal (l1->out, "[]\n");
    assert_int_equal (json_size (j2), 2);
  }
}

/* A count before a noun agrees with it: one line is "1 line", not "1 lines". */
static void
test_orders_submit_one_line (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) submit = NULL;
  g_autoptr(Run) again = NULL;

  add_order_world (f);
  submit = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=30斤",
               NULL);
  assert_ok (submit);
  assert_contains (submit->out, "Submitted the order of c01 for " FUTURE ": version 0 → 1, "
                                "1 line (1 added, 0 changed, 0 removed).");
  again = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=30斤",
              "--item", "egg=60", NULL);
  assert_ok (again);
  assert_contains (again->out, "version 1 → 2, 2 lines (1 added, 0 changed, 0 removed).");
}

static void
test_orders_submit_show_history (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) submit = NULL;
  g_autoptr(Run) show = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *lines;

  add_order_world (f);
  submit = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=30斤",
               "--item", "马铃薯=1箱", "--item", "egg=60", "--note", "dbc=切好", NULL);
  assert_ok (submit);
  assert_contains (submit->out, "Submitted the order of c01 for " FUTURE ": version 0 → 1, "
                                "3 lines (3 added, 0 changed, 0 removed).");
  show = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, "--json", NULL);
  json = parse_json (show);
  assert_string_equal (json_str (json, "status"), "submitted");
  assert_int_equal (json_int (json, "version"), 1);
  assert_string_equal (json_str (json, "canteen_name"), "市府食堂");
  assert_string_equal (json_str (json, "cutoff"), "2099-11-30T14:00");
  assert_false (json_bool (json, "past_cutoff"));
  lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
  assert_int_equal (json_size (lines), 3);
  assert_int_equal (json_int (find_by (lines, "item", "dbc"), "qty_milli"), 15000);
  assert_string_equal (json_str (find_by (lines, "item", "dbc"), "note"), "切好");
  assert_int_equal (json_int (find_by (lines, "item", "potato"), "qty_milli"), 20000);
  assert_int_equal (json_int (find_by (lines, "item", "egg"), "qty_milli"), 60000);

  /* Lines not named stay; 0 removes one; --replace keeps only those named. */
  {
    g_autoptr(Run) change = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE,
                                "--item", "dbc=20", "--item", "egg=0", NULL);
    g_autoptr(Run) after = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE,
                               "--json", NULL);
    g_autoptr(cJSON) a = parse_json (after);
    cJSON *al = cJSON_GetObjectItemCaseSensitive (a, "lines");

    assert_ok (change);
    assert_contains (change->out, "version 1 → 2, 2 lines (0 added, 1 changed, 1 removed)");
    assert_int_equal (json_size (al), 2);
    assert_int_equal (json_int (find_by (al, "item", "dbc"), "qty_milli"), 20000);
    /* the note stays with its line */
    assert_string_equal (json_str (find_by (al, "item", "dbc"), "note"), "切好");
  }
  {
    g_autoptr(Run) replace = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE,
                                 "--item", "egg=12", "--replace", NULL);
    g_autoptr(Run) human = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, NULL);

    assert_ok (replace);
    assert_contains (replace->out, "1 line (1 added, 0 changed, 2 removed)");
    assert_ok (human);
    assert_contains (human->out, "Order of c01 (市府食堂) for " FUTURE ": Submitted, version 3");
    assert_contains (human->out, "鸡蛋");
    assert_true (g_str_has_suffix (human->out, "\n1 line\n"));
  }

  /* The audit trail: who, what, before and after. */
  {
    g_autoptr(Run) history = db (f, "orders", "history", "--canteen", "c01", "--date", FUTURE,
                                 "--json", NULL);
    g_autoptr(cJSON) h = parse_json (history);
    static const char *const keys[] = {
      "at", "who", "action", "item", "before", "after", "reason", "version", NULL
    };
    cJSON *e;
    guint n_change = 0;

    assert_true (json_size (h) >= 8);
    e = cJSON_GetArrayItem (h, 0);
    assert_keys (e, keys);
    assert_string_equal (json_str (e, "action"), "create");
    assert_string_equal (json_str (e, "who"), g_get_user_name ());
    assert_json_null (e, "item");
    assert_json_null (e, "reason");
    cJSON_ArrayForEach (e, h)
      if (g_str_equal (json_str (e, "action"), "change"))
        {
          n_change++;
          assert_string_equal (json_str (e, "item"), "dbc");
          assert_contains (json_str (e, "before"), "30 斤");
          assert_contains (json_str (e, "after"), "20");
          assert_int_equal (json_int (e, "version"), 2);
        }
    assert_int_equal (n_change, 1);
    assert_non_null (find_by (h, "action", "submit"));
    assert_non_null (find_by (h, "action", "remove"));
  }
  {
    g_autoptr(Run) human = db (f, "orders", "history", "--canteen", "c01", "--date", FUTURE, NULL);
    g_autoptr(Run) empty = db (f, "orders", "history", "--canteen", "c02", "--date", FUTURE,
                               "--json", NULL);

    assert_ok (human);
    assert_contains (human->out, g_get_user_name ());
    assert_contains (human->out, "30 斤 (15) — 切好 → 20 kg (20) — 切好");
    assert_ok (empty);
    assert_string_equal (empty->out, "[]\n");
  }
}

static void
test_orders_submit_cutoff (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) accepted = NULL;
  g_autoptr(Run) history = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(cJSON) json = NULL;
  cJSON *late;

  add_order_world (f);
  before = jc_test_store_snapshot (f->path);
  refused = db (f, "orders", "submit", "--canteen", "c01", "--date", PAST, "--item", "dbc=3",
                NULL);
  assert_failure (refused, "The cutoff for " PAST " was 2020-01-03T14:00");  /* Monday: Friday's cutoff */
  assert_contains (refused->err, "give --accept-late REASON");
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));

  accepted = db (f, "orders", "submit", "--canteen", "c01", "--date", PAST, "--item", "dbc=3",
                 "--accept-late", "电话确认,市府加餐", NULL);
  assert_ok (accepted);
  assert_contains (accepted->out, "accepted late");
  history = db (f, "orders", "history", "--canteen", "c01", "--date", PAST, "--json", NULL);
  json = parse_json (history);
  late = find_by (json, "action", "late");
  assert_non_null (late);
  assert_string_equal (json_str (late, "reason"), "电话确认,市府加餐");
  assert_string_equal (json_str (late, "who"), g_get_user_name ());
  assert_string_equal (json_str (find_by (json, "action", "add"), "item"), "dbc");
  {
    g_autoptr(Run) list = db (f, "orders", "list", "--date", PAST, "--json", NULL);
    g_autoptr(cJSON) l = parse_json (list);

    assert_true (json_bool (cJSON_GetArrayItem (l, 0), "late"));
  }
  {
    g_autoptr(Run) empty_reason = db (f, "orders", "submit", "--canteen", "c01", "--date", PAST,
                                      "--item", "dbc=4", "--accept-late", " ", NULL);

    assert_failure (empty_reason, "accept-late: a reason is required");
  }
}

static void
test_orders_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc", NULL },
      "orders submit: item: “dbc” is not CODE=QTY[UNIT] (e.g. dbc=30斤)" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=lots", NULL },
      "dbc: quantity: “lots” is not a number" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=-3", NULL },
      "dbc: quantity: “-3” is negative" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=3箱", NULL },
      "dbc: unit: " },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "nope=3", NULL },
      "item: no catalog item has the code or name “nope”" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=3",
        "--item", "大白菜=4", NULL },
      "item: dbc (大白菜) is given twice" },
    { { "orders", "submit", "--canteen", "c99", "--date", FUTURE, "--item", "dbc=3", NULL },
      "No canteen “c99”" },
    { { "orders", "submit", "--canteen", "c01", "--date", "2099-13-01", "--item", "dbc=3", NULL },
      "date: “2099-13-01” is not a date (YYYY-MM-DD)" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, NULL },
      "the order of c01 for " FUTURE " has no lines; give them with --item CODE=QTY" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=3", "--note",
        "egg=x", NULL },
      "note: egg is not on the order; give it with --item" },
    { { "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=3",
        "--expect-version", "x", NULL },
      "expect-version: “x” is not a whole number" },
    { { "orders", "list", "--date", "tomorrow", NULL },
      "date: “tomorrow” is not a date (YYYY-MM-DD)" },
    { { "orders", "show", "--canteen", "c99", "--date", FUTURE, NULL }, "No canteen “c99”" },
    { { "orders", "history", "--canteen", "c99", "--date", FUTURE, NULL }, "No canteen “c99”" },
    { { "orders", "import", "/nonexistent/o.csv", "--yes", NULL },
      "/nonexistent/o.csv: no such file" },
  };

  add_order_world (f);
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
}

/* Two jicai-cli processes change the same order.  B read version 1; A
 * saves version 2; B's save, based on version 1, is refused — A's lines
 * stay exactly as A left them. */
static void
test_orders_concurrency (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) first = NULL;
  g_autoptr(Run) b_reads = NULL;
  g_autoptr(Run) a_saves = NULL;
  g_autoptr(Run) b_saves = NULL;
  g_autoptr(Run) after = NULL;
  g_autoptr(cJSON) seen = NULL;
  g_autoptr(cJSON) json = NULL;
  g_autofree char *version = NULL;
  cJSON *lines;

  add_order_world (f);
  first = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=10",
              NULL);
  assert_ok (first);
  b_reads = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, "--json", NULL);
  seen = parse_json (b_reads);
  version = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (seen, "version"));
  assert_string_equal (version, "1");

  a_saves = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=12",
                "--item", "egg=30", "--expect-version", version, NULL);
  assert_ok (a_saves);
  b_saves = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=99",
                "--item", "potato=1箱", "--expect-version", version, NULL);
  assert_failure (b_saves, "was changed by someone else");
  assert_contains (b_saves->err, "version 1, now 2");

  after = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, "--json", NULL);
  json = parse_json (after);
  assert_int_equal (json_int (json, "version"), 2);
  lines = cJSON_GetObjectItemCaseSensitive (json, "lines");
  assert_int_equal (json_size (lines), 2);
  assert_int_equal (json_int (find_by (lines, "item", "dbc"), "qty_milli"), 12000);
  assert_int_equal (json_int (find_by (lines, "item", "egg"), "qty_milli"), 30000);
  assert_null (find_by (lines, "item", "potato"));
  {
    g_autoptr(Run) history = db (f, "orders", "history", "--canteen", "c01", "--date", FUTURE,
                                 "--json", NULL);
    g_autoptr(cJSON) h = parse_json (history);
    cJSON *e;

    cJSON_ArrayForEach (e, h)
      assert_true (json_int (e, "version") <= 2);
  }
}

/* Processes really at the same time, each adding its own line without
 * --expect-version: every save re-reads inside its own write transaction,
 * so no line is lost. */
static void
test_orders_parallel_submits (void **state)
{
  Fixture *f = *state;
  enum { N = 6 };
  GPid pids[N];
  g_autoptr(Run) after = NULL;
  g_autoptr(cJSON) json = NULL;
  g_auto(GStrv) envp = g_get_environ ();

  add_sample_canteen (f, "c01", "市府食堂");
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *code = g_strdup_printf ("i%u", i);
      g_autoptr(Run) add = db (f, "catalog", "add", code, "--name", code, "--category", "veg",
                               "--unit", "kg", NULL);

      assert_ok (add);
    }
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *item = g_strdup_printf ("i%u=%u", i, i + 1);
      const char *argv[] = { g_getenv ("JICAI_CLI"), "--db", f->path, "orders", "submit",
                             "--canteen", "c01", "--date", FUTURE, "--item", item, NULL };
      g_autoptr(GError) error = NULL;

      assert_true (g_spawn_async (NULL, (char **) argv, envp,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                                  G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pids[i], &error));
    }
  for (guint i = 0; i < N; i++)
    {
      int wait_status = 0;

      assert_int_equal (waitpid (pids[i], &wait_status, 0), pids[i]);
      g_spawn_close_pid (pids[i]);
      assert_true (WIFEXITED (wait_status));
      assert_int_equal (WEXITSTATUS (wait_status), 0);
    }
  after = db (f, "orders", "show", "--canteen", "c01", "--date", FUTURE, "--json", NULL);
  json = parse_json (after);
  assert_int_equal (json_int (json, "version"), N);
  assert_int_equal (json_size (cJSON_GetObjectItemCaseSensitive (json, "lines")), N);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_orders_template, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_import, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_cutoff, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_import_bad, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_submit_one_line, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_submit_show_history, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_submit_cutoff, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_concurrency, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_orders_parallel_submits, setup_db, teardown),
  };

  /* JC_TEST_FILTER=test_purchases_* runs only those (cmocka's glob) */
  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-orders");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
