/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The jicai-cli binary as a user runs it (the cli suite, one file per
 * group of commands, helpers in jc-test-cli.c): help and usage errors, init
 * and opening a database, the demo world and its monthly review — exit
 * statuses, the JSON on stdout, the one-line messages on stderr, and that a
 * refused command leaves the database file byte for byte as it was. */
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

/* ---- help and usage ------------------------------------------------ */

static void
test_help (void **state)
{
  static const char *const commands[][2] = {
    { "init", NULL },
    { "catalog", "list" }, { "catalog", "add" }, { "catalog", "edit" }, { "catalog", "remove" },
    { "canteens", "list" }, { "canteens", "add" }, { "canteens", "edit" }, { "canteens", "remove" },
    { "vehicles", "list" }, { "vehicles", "add" }, { "vehicles", "edit" }, { "vehicles", "remove" },
    { "sources", "list" }, { "sources", "add" }, { "sources", "edit" }, { "sources", "remove" },
    { "prices", "fetch" }, { "prices", "import" }, { "prices", "list" }, { "prices", "unmapped" },
    { "prices", "map" }, { "prices", "held" }, { "prices", "release" }, { "prices", "ranges" },
    { "prices", "range" }, { "prices", "log" }, { "prices", "today" },
    { "orders", "template" }, { "orders", "import" }, { "orders", "list" }, { "orders", "show" },
    { "orders", "submit" }, { "orders", "history" },
    { "plan", NULL }, { "plan", "lock" }, { "plan", "unlock" },
    { "purchases", "record" }, { "purchases", "list" }, { "statement", NULL },
  };
  g_autoptr(Run) top = run (NULL, "--help", NULL);
  g_autoptr(Run) version = run (NULL, "--version", NULL);

  assert_ok (top);
  assert_true (g_str_has_prefix (top->out, "Usage: jicai-cli"));
  assert_contains (top->out, "catalog add");
  assert_contains (top->out, "vehicles remove");
  assert_contains (top->out, "sources add");
  assert_contains (top->out, "prices fetch");
  assert_contains (top->out, "orders submit");
  assert_contains (top->out, "plan lock");
  assert_contains (top->out, "purchases record");
  assert_contains (top->out, "statement");
  assert_ok (version);
  assert_string_equal (version->out, "jicai-cli " PACKAGE_VERSION "\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *usage = NULL;
      g_autoptr(Run) r = NULL;
      g_autoptr(Run) h = NULL;

      if (commands[i][1] != NULL)
        {
          usage = g_strdup_printf ("Usage: jicai-cli [--db PATH] %s %s", commands[i][0],
                                   commands[i][1]);
          r = run (NULL, commands[i][0], commands[i][1], "--help", NULL);
          h = run (NULL, commands[i][0], commands[i][1], "-h", NULL);
        }
      else
        {
          usage = g_strdup_printf ("Usage: jicai-cli [--db PATH] %s", commands[i][0]);
          r = run (NULL, commands[i][0], "--help", NULL);
          h = run (NULL, commands[i][0], "-h", NULL);
        }
      assert_ok (r);
      assert_true (g_str_has_prefix (r->out, usage));
      assert_contains (r->out, "--help");
      assert_string_equal (r->out, h->out);
    }

  /* A group lists its subcommands. */
  {
    g_autoptr(Run) r = run (NULL, "canteens", "--help", NULL);

    assert_ok (r);
    assert_contains (r->out, "list");
    assert_contains (r->out, "add");
    assert_contains (r->out, "edit");
    assert_contains (r->out, "remove");
  }
  /* The options of a command are in its help. */
  {
    g_autoptr(Run) r = run (NULL, "vehicles", "add", "--help", NULL);

    assert_contains (r->out, "--capacity KG");
    assert_contains (r->out, "--depot-lat DEGREES");
    assert_contains (r->out, "--service MIN");
  }
  /* --help wins over a bad option on the same line. */
  {
    g_autoptr(Run) r = run (NULL, "catalog", "add", "--bogus", "--help", NULL);

    assert_ok (r);
    assert_true (g_str_has_prefix (r->out, "Usage: jicai-cli [--db PATH] catalog add"));
  }
}

static void
test_usage_errors (void **state)
{
  Fixture *f = *state;
  static const struct {
    const char *args[12];
    const char *expected;
  } cases[] = {
    { { NULL }, "a command is required" },
    { { "frobnicate", NULL }, "unknown command “frobnicate”" },
    { { "--frob", "init", NULL }, "unknown option “--frob”" },
    { { "catalog", NULL }, "a subcommand is required" },
    { { "catalog", "frob", NULL }, "unknown subcommand “frob”" },
    { { "catalog", "list", "--bogus", NULL }, "unknown option “--bogus”" },
    { { "catalog", "list", "-x", NULL }, "unknown option “-x”" },
    { { "catalog", "list", "--json=yes", NULL }, "option “--json” takes no value" },
    { { "catalog", "list", "extra", NULL }, "unexpected argument “extra”" },
    { { "catalog", "add", "--name", "x", "--category", "veg", "--unit", "kg", NULL },
      "missing argument CODE" },
    { { "catalog", "add", "x", "--category", "veg", "--unit", "kg", "--name", NULL },
      "option “--name” needs a value (NAME)" },
    { { "catalog", "add", "x", "--category", "veg", "--unit", "kg", NULL },
      "option “--name” is required" },
    { { "catalog", "edit", "x", NULL }, "nothing to change" },
    { { "catalog", "edit", "x", "--active", "--inactive", NULL }, "exclude each other" },
    { { "catalog", "remove", NULL }, "missing argument CODE" },
    { { "canteens", "add", "c1", "--name", "x", "--lon", "121", NULL },
      "option “--lat” is required" },
    { { "canteens", "edit", "c1", NULL }, "nothing to change" },
    { { "vehicles", "add", "A1", "--depot-lat", "1", "--depot-lon", "1", NULL },
      "option “--capacity” is required" },
    { { "vehicles", "remove", "A1", "A2", NULL }, "unexpected argument “A2”" },
    { { "vehicles", NULL }, "a subcommand is required" },
    { { "init", "--demo", "now", NULL }, "unexpected argument “now”" },
    { { "sources", "add", "s", "--url", "file:///x", NULL }, "option “--adapter” is required" },
    { { "sources", "edit", "s", NULL }, "nothing to change" },
    { { "sources", "edit", "s", "--enabled", "--disabled", NULL }, "exclude each other" },
    { { "prices", "map", NULL }, "missing argument MARKET_NAME" },
    { { "prices", "import", NULL }, "missing argument FILE…" },
    { { "prices", "list", "x", NULL }, "unexpected argument “x”" },
    { { "orders", "template", "--canteen", "c01", "--date", "2099-12-01", NULL },
      "option “--output” is required" },
    { { "orders", "template", "--canteen", "c01", "--date", "2099-12-01", "-o", NULL },
      "option “-o” needs a value (FILE)" },
    { { "orders", "template", "-x", NULL }, "unknown option “-x”" },
    { { "orders", "list", NULL }, "option “--date” is required" },
    { { "orders", "submit", "--canteen", "c01", NULL }, "option “--date” is required" },
    { { "orders", "import", NULL }, "missing argument FILE…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Run) r = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);
      r = run_argv (NULL, (const char *const *) args->pdata);
      assert_usage (r, cases[i].expected);
      /* A usage error never creates the database. */
      assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
    }

  /* --db without a path, at the start and after a command. */
  {
    g_autoptr(Run) a = run (NULL, "--db", NULL);
    g_autoptr(Run) b = run (NULL, "catalog", "list", "--db", NULL);
    g_autoptr(Run) c = run (NULL, "--db=", "init", NULL);

    assert_usage (a, "option “--db” needs a path");
    assert_usage (b, "option “--db” needs a value");
    assert_usage (c, "option “--db” needs a path");
  }
}

/* ---- init and opening ---------------------------------------------- */

static void
test_init (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) first = db (f, "init", NULL);
  g_autoptr(Run) again = NULL;
  g_autoptr(Run) human = NULL;
  g_autoptr(GBytes) bytes = NULL;

  jc_test_store_sqlite_only ("the file's header");
  assert_ok (first);
  assert_contains (first->out, "Created the database");
  assert_contains (first->out, f->path);
  bytes = jc_test_read (f->path);
  assert_true (g_bytes_get_size (bytes) > 16);
  assert_memory_equal (g_bytes_get_data (bytes, NULL), "SQLite format 3", 16);

  again = db (f, "init", NULL);
  assert_ok (again);
  {
    g_autofree char *ready = g_strdup_printf ("is ready (schema version %d)",
                                              JC_STORE_SCHEMA_VERSION);

    assert_contains (again->out, ready);
  }

  for (guint i = 0; i < 3; i++)
    {
      const char *kind = (const char *[]) { "catalog", "canteens", "vehicles" }[i];
      g_autoptr(Run) r = db (f, kind, "list", "--json", NULL);
      g_autoptr(cJSON) json = parse_json (r);

      assert_true (cJSON_IsArray (json));
      assert_int_equal (cJSON_GetArraySize (json), 0);
    }
  human = db (f, "catalog", "list", NULL);
  assert_ok (human);
  assert_string_equal (human->out, "0 items\n");
}

static void
test_db_option_forms (void **state)
{
  Fixture *f = *state;
  g_autofree char *eq = g_strdup_printf ("--db=%s", f->path);
  g_autofree char *env = g_strdup_printf ("JICAI_DB=%s", f->path);
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "nested.db", NULL);
  g_autoptr(Run) init = run ((const char *[]) { env, NULL }, "init", NULL);
  g_autoptr(Run) add = run (NULL, eq, "catalog", "add", "tofu", "--name", "豆腐", "--category",
                            "soy", "--unit", "kg", NULL);
  g_autoptr(Run) after = run (NULL, "catalog", "list", "--json", "--db", f->path, NULL);
  g_autoptr(Run) via_env = run ((const char *[]) { env, NULL }, "catalog", "list", "--json", NULL);
  g_autoptr(Run) mkdirs = run (NULL, "--db", nested, "init", NULL);
  g_autoptr(cJSON) a = parse_json (after);
  g_autoptr(cJSON) b = parse_json (via_env);

  jc_test_store_sqlite_only ("paths and their folders");
  assert_ok (init);
  assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  assert_ok (add);
  assert_non_null (find_by (a, "code", "tofu"));
  assert_non_null (find_by (b, "code", "tofu"));
  /* init creates the folders on the way. */
  assert_ok (mkdirs);
  assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
}

/* Only init creates a database: a typo in --db must not leave an empty one
 * behind and report an empty catalog. */
static void
test_missing_database (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) list = db (f, "catalog", "list", NULL);
  g_autoptr(Run) add = db (f, "canteens", "add", "c1", "--name", "x", "--lat", "1", "--lon", "1",
                           NULL);

  jc_test_store_sqlite_only ("a missing file");
  assert_failure (list, "there is no database");
  assert_contains (list->err, f->path);
  assert_contains (list->err, "jicai-cli init");
  assert_failure (add, "there is no database");
  assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_not_sqlite (void **state)
{
  Fixture *f = *state;
  static const char text[] = "canteen,date,item,qty\nc01,2026-11-30,dbc,5\n";
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Run) init = NULL;
  g_autoptr(Run) demo = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) add = NULL;

  jc_test_store_sqlite_only ("a file that is not an SQLite database");
  assert_true (g_file_set_contents (f->path, text, -1, NULL));
  before = jc_test_read (f->path);
  init = db (f, "init", NULL);
  demo = run ((const char *[]) { "JICAI_TODAY=2026-11-29", NULL }, "--db", f->path, "init",
              "--demo", NULL);
  list = db (f, "catalog", "list", "--json", NULL);
  add = db (f, "catalog", "add", "x", "--name", "x", "--category", "veg", "--unit", "kg", NULL);
  assert_failure (init, "is not an SQLite database; it was left untouched");
  assert_failure (demo, "is not an SQLite database");
  assert_failure (list, "is not an SQLite database");
  assert_failure (add, "is not an SQLite database");
  after = jc_test_read (f->path);
  assert_true (g_bytes_equal (before, after));
}

static void
check_uncreatable (const char *path)
{
  g_autofree char *env = g_strdup_printf ("JICAI_DB=%s", path);
  g_autofree char *eq = g_strdup_printf ("--db=%s", path);
  g_autoptr(Run) a = run (NULL, "--db", path, "init", NULL);
  g_autoptr(Run) b = run (NULL, eq, "init", "--demo", NULL);
  g_autoptr(Run) c = run ((const char *[]) { env, NULL }, "init", NULL);

  assert_failure (a, "Cannot create the database");
  assert_contains (a->err, path);
  assert_failure (b, "Cannot create the database");
  assert_failure (c, "Cannot create the database");
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Tests run as root, so a read-only folder would not stop a write: a path
 * whose parent is a regular file cannot be created by anyone. */
static void
test_uncreatable_path (void **state)
{
  Fixture *f = *state;
  g_autofree char *plain = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under = g_build_filename (plain, "x.db", NULL);

  jc_test_store_sqlite_only ("paths");
  assert_true (g_file_set_contents (plain, "not a folder\n", -1, NULL));
  check_uncreatable (under);
  if (g_file_test ("/etc/hostname", G_FILE_TEST_IS_REGULAR))
    check_uncreatable ("/etc/hostname/x.db");
}

static void
test_newer_schema (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  JcStore *store;

  store = jc_store_open (f->path, &error);
  assert_no_error (error);
  jc_store_free (store);
  assert_int_equal (jc_test_db_exec (f->path, "UPDATE schema_version SET version = 99"), 1);
  before = jc_test_store_snapshot (f->path);

  {
    g_autoptr(Run) init = db (f, "init", NULL);
    g_autoptr(Run) list = db (f, "catalog", "list", "--json", NULL);
    g_autoptr(Run) add = db (f, "vehicles", "add", "A1", "--capacity", "100", "--depot-lat", "1",
                             "--depot-lon", "1", NULL);

    assert_failure (init, "was written by a newer version of jicai");
    assert_contains (init->err, "schema 99");
    assert_failure (list, "newer version");
    assert_failure (add, "newer version");
  }
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
}

/* ---- the demo world ------------------------------------------------ */

/* The value after `label` on its line of the init --demo summary; the
 * returned string lives until the next call. */
static const char *
summary_value (const char *out,
               const char *label)
{
  static char *value = NULL;
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  g_clear_pointer (&value, g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], label) && lines[i][strlen (label)] == ' ')
      {
        value = g_strstrip (g_strdup (lines[i] + strlen (label)));
        return value;
      }
  fail_msg ("no “%s” in the summary:\n%s", label, out);
  return NULL;
}

static void
test_demo (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JICAI_TODAY=2026-11-29", NULL };
  g_autoptr(Run) init = run (env, "--db", f->path, "init", "--demo", NULL);
  g_autoptr(cJSON) items = NULL;
  g_autoptr(cJSON) canteens = NULL;
  g_autoptr(cJSON) vehicles = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  /* No progress bar: stderr is a pipe here. */
  assert_ok (init);
  assert_contains (init->out, "Loaded the demo world");
  assert_contains (init->out, "2026-11-29");
  assert_string_equal (summary_value (init->out, "canteens"), "17");
  assert_string_equal (summary_value (init->out, "vehicles"), "4");
  assert_true (atoi (summary_value (init->out, "catalog items")) >= 150);
  assert_true (atoi (summary_value (init->out, "price rows")) > 0);
  assert_true (atoi (summary_value (init->out, "orders")) > 0);
  assert_true (g_str_has_suffix (summary_value (init->out, "date span"), " to 2026-11-29"));

  items = list_json (f, "catalog");
  canteens = list_json (f, "canteens");
  vehicles = list_json (f, "vehicles");
  assert_true (cJSON_GetArraySize (items) >= 150);
  assert_int_equal (cJSON_GetArraySize (canteens), 17);
  assert_int_equal (cJSON_GetArraySize (vehicles), 4);

  /* A second load is refused and changes nothing. */
  before = jc_test_store_snapshot (f->path);
  {
    g_autoptr(Run) again = run (env, "--db", f->path, "init", "--demo", NULL);

    assert_failure (again, "already has data; the demo needs an empty database");
  }
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
}

/* `report --json` over the demo world: the contract's fields, spend equal
 * to the sum by canteen and by category, a year-on-year base (2025-10 is
 * in the demo's span) and a decomposition that adds up to the change. */
static gint64
json_fen (cJSON      *o,
          const char *key)
{
  return (gint64) json_num (o, key);
}

static gint64
json_sum (cJSON *object)
{
  cJSON *v;
  gint64 sum = 0;

  assert_true (cJSON_IsObject (object));
  cJSON_ArrayForEach (v, object)
    {
      assert_true (cJSON_IsNumber (v));
      sum += (gint64) v->valuedouble;
    }
  return sum;
}

static void
test_report_demo (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JICAI_TODAY=2026-11-29", NULL };
  g_autoptr(Run) init = run (env, "--db", f->path, "init", "--demo", NULL);
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) empty = NULL;
  g_autoptr(Run) text = NULL;
  g_autoptr(Run) bad = NULL;
  g_autoptr(cJSON) o = NULL;
  g_autoptr(cJSON) e = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "items.csv", NULL);
  g_autofree char *csv = NULL;
  cJSON *yoy, *mom;
  gint64 spend;

  assert_ok (init);
  r = db (f, "report", "--month", "2026-10", "--json", NULL);
  o = parse_json (r);
  assert_string_equal (json_str (o, "month"), "2026-10");
  spend = json_fen (o, "spend_fen");
  assert_true (spend > 0);
  assert_true (json_num (o, "provisional_days") >= 0);
  assert_int_equal (json_sum (cJSON_GetObjectItemCaseSensitive (o, "by_canteen")), spend);
  assert_int_equal (json_sum (cJSON_GetObjectItemCaseSensitive (o, "by_category")), spend);
  mom = cJSON_GetObjectItemCaseSensitive (o, "mom");
  assert_int_equal (json_fen (mom, "base_fen") + json_fen (mom, "change_fen"), spend);
  yoy = cJSON_GetObjectItemCaseSensitive (o, "yoy");
  assert_true (json_fen (yoy, "base_fen") > 0);
  assert_int_equal (json_fen (yoy, "base_fen") + json_fen (yoy, "change_fen"), spend);
  assert_int_equal (json_fen (yoy, "price_effect_fen") + json_fen (yoy, "volume_effect_fen") +
                    json_fen (yoy, "new_fen") + json_fen (yoy, "dropped_fen"),
                    json_fen (yoy, "change_fen"));
  assert_true (json_fen (yoy, "new_fen") >= 0);
  assert_true (json_fen (yoy, "dropped_fen") <= 0);
  assert_true (json_num (yoy, "laspeyres") > 0.5 && json_num (yoy, "laspeyres") < 2);
  assert_true (fabs (json_num (yoy, "fisher") -
                     sqrt (json_num (yoy, "laspeyres") * json_num (yoy, "paasche"))) < 1e-12);
  assert_true (json_num (yoy, "market_fisher") > 0.5);
  (void) json_num (o, "savings_vs_market_fen");

  /* before the demo's span: spend 0, no bases, and nulls in what needs one */
  empty = db (f, "report", "--month", "2020-01", "--json", NULL);
  e = parse_json (empty);
  assert_int_equal (json_fen (e, "spend_fen"), 0);
  assert_int_equal (json_sum (cJSON_GetObjectItemCaseSensitive (e, "by_canteen")), 0);
  assert_json_null (cJSON_GetObjectItemCaseSensitive (e, "mom"), "base_fen");
  assert_json_null (cJSON_GetObjectItemCaseSensitive (e, "yoy"), "change_fen");
  assert_json_null (cJSON_GetObjectItemCaseSensitive (e, "yoy"), "price_effect_fen");
  assert_json_null (cJSON_GetObjectItemCaseSensitive (e, "yoy"), "market_fisher");

  /* the summary and the CSV */
  text = db (f, "report", "--month", "2026-10", "--csv", csv_path, NULL);
  assert_ok (text);
  assert_contains (text->out, "Year on year (against 2025-10)");
  assert_contains (text->out, "Savings against the market");
  /* Money and changes as the Reports page writes them: digits grouped, a
   * fall with the true minus sign before the ¥ (not "¥-50864.02"). */
  assert_contains (text->out, "Month on month (against 2026-09): base ¥1,719,818.89, "
                              "change \u2212¥50,864.02 (\u22123.0%)");
  assert_contains (text->out, "price effect \u2212¥13,418.30, volume effect ¥125.91");
  assert_null (strstr (text->out, "¥-"));
  assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  assert_true (g_str_has_prefix (csv, "item,category,q0_milli,c0_fen,q1_milli,c1_fen,change_fen\n"));

  bad = db (f, "report", "--month", "2026-13", NULL);
  assert_failure (bad, "is not a month");

  /* the PDF and the workbook */
  {
    g_autofree char *pdf = g_build_filename (f->dir, "review.pdf", NULL);
    g_autofree char *xlsx = g_build_filename (f->dir, "review.xlsx", NULL);
    g_autofree char *nowhere = g_build_filename (f->dir, "no", "dir", "review.pdf", NULL);
    g_autofree char *data = NULL;
    gsize len = 0;
    g_autoptr(Run) docs = db (f, "report", "--month", "2026-10", "--pdf", pdf, "--xlsx", xlsx,
                              NULL);
    g_autoptr(Run) fail = NULL;
    g_autoptr(Run) blank = NULL;

    assert_ok (docs);
    assert_contains (docs->out, "Wrote");
    assert_true (g_file_get_contents (pdf, &data, &len, NULL));
    assert_true (len > 1000 && g_str_has_prefix (data, "%PDF-"));
    g_clear_pointer (&data, g_free);
    assert_true (g_file_get_contents (xlsx, &data, &len, NULL));
    assert_true (len > 1000 && g_str_has_prefix (data, "PK"));
    fail = db (f, "report", "--month", "2026-10", "--pdf", nowhere, NULL);
    assert_failure (fail, "Could not write");
    assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    blank = db (f, "report", "--month", "2026-10", "--xlsx", "", NULL);
    assert_failure (blank, "xlsx: a file name is required");
  }
}

static void
test_demo_refuses_data (void **state)
{
  Fixture *f = *state;
  const char *env[] = { "JICAI_TODAY=2026-11-29", NULL };
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(Run) r = NULL;

  /* Only a vehicle: still not empty. */
  add_sample_vehicle (f, "沪A00001");
  before = jc_test_store_snapshot (f->path);
  r = run (env, "--db", f->path, "init", "--demo", NULL);
  assert_failure (r, "already has data");
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
}

static void
test_demo_bad_today (void **state)
{
  Fixture *f = *state;
  static const char *const dates[] = { "2026-02-30", "2026-11-9", "yesterday", "2026/11/29" };

  jc_test_store_sqlite_only ("that no file was created");
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *env = g_strdup_printf ("JICAI_TODAY=%s", dates[i]);
      g_autofree char *expected = g_strdup_printf ("JICAI_TODAY: “%s” is not a date (YYYY-MM-DD)",
                                                   dates[i]);
      g_autoptr(Run) r = run ((const char *[]) { env, NULL }, "--db", f->path, "init", "--demo",
                              NULL);

      assert_failure (r, expected);
      assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
    }
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  assert_non_null (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A PostgreSQL location (--db or JICAI_DB) is never taken for a path: a
 * server that is not there, a service that is not defined, a malformed
 * URI, a restore into the office database are refused, creating nothing
 * (no folder "postgresql:", no file), exit 1 as for any bad value, and its
 * password is never echoed.  (Port 1 on loopback: no server listens
 * there, also inside the test command's throw-away cluster.) */
static void
test_postgresql_location (void **state)
{
  Fixture *f = *state;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *backup = g_build_filename (f->dir, "..", "jicai-no-such-backup.db", NULL);
  static const struct {
    const char *env;
    const char *db;
    const char *command;
    const char *expected;
  } cases[] = {
    { NULL, "postgresql://postgres@127.0.0.1:1/jicai", "init",
      "Cannot connect to the office database “postgresql://postgres@127.0.0.1:1/jicai”" },
    { NULL, "postgres://clerk:s3cret@127.0.0.1:1/jicai", "init",
      "Cannot connect to the office database “postgresql://clerk@127.0.0.1:1/jicai”" },
    { "PGSERVICEFILE=/nonexistent", "service=office", "catalog",
      "Cannot connect to the office database “service=office”" },
    { NULL, "postgresql://db.office/jicai?no_such_option=1", "init",
      "is a malformed PostgreSQL connection URI" },
    { "JICAI_DB=postgresql://clerk:s3cret@127.0.0.1:1/jicai", NULL, "init",
      "Cannot connect to the office database" },
    { "JICAI_DB=service=office", NULL, "restore",
      "The office database is backed up and checked on its server" },
  };

  /* the CLI runs here: a path made of the URI would land in this folder */
  assert_int_equal (g_chdir (f->dir), 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *env[] = { cases[i].env, NULL };
      GPtrArray *args = g_ptr_array_new ();
      g_autoptr(Run) r = NULL;

      if (cases[i].db != NULL)
        {
          g_ptr_array_add (args, (gpointer) "--db");
          g_ptr_array_add (args, (gpointer) cases[i].db);
        }
      g_ptr_array_add (args, (gpointer) cases[i].command);
      if (g_str_equal (cases[i].command, "init"))
        g_ptr_array_add (args, (gpointer) "--demo");
      else if (g_str_equal (cases[i].command, "catalog"))
        g_ptr_array_add (args, (gpointer) "list");
      else
        {
          g_ptr_array_add (args, (gpointer) backup);
          g_ptr_array_add (args, (gpointer) "--yes");
        }
      g_ptr_array_add (args, NULL);
      r = run_argv (cases[i].env != NULL ? env : NULL, (const char *const *) args->pdata);
      g_ptr_array_unref (args);
      assert_failure (r, cases[i].expected);
      assert_null (strstr (r->err, "s3cret"));
      if (count_entries (f->dir) != 0)
        fail_msg ("case %u created something in %s", i, f->dir);
    }
  assert_int_equal (g_chdir (cwd), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_help),
    cmocka_unit_test_setup_teardown (test_usage_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_init, setup, teardown),
    cmocka_unit_test_setup_teardown (test_db_option_forms, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_database, setup, teardown),
    cmocka_unit_test_setup_teardown (test_not_sqlite, setup, teardown),
    cmocka_unit_test_setup_teardown (test_uncreatable_path, setup, teardown),
    cmocka_unit_test_setup_teardown (test_newer_schema, setup, teardown),
    cmocka_unit_test_setup_teardown (test_demo, setup, teardown),
    cmocka_unit_test_setup_teardown (test_report_demo, setup, teardown),
    cmocka_unit_test_setup_teardown (test_demo_refuses_data, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_demo_bad_today, setup, teardown),
    cmocka_unit_test_setup_teardown (test_postgresql_location, setup, teardown),
  };

  /* JC_TEST_FILTER=test_purchases_* runs only those (cmocka's glob) */
  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-basics");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
