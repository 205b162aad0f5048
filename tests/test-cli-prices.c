/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The jicai-cli binary as a user runs it: exit statuses, the JSON on stdout,
 * the one-line messages on stderr, and that a refused command leaves the
 * database file byte for byte as it was. */
#include "config.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-prices.h"
#include "jc-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

typedef struct {
  char *dir;
  char *path;   /* the database */
} Fixture;

/* Runs jicai-cli with `args`; `env` is NULL or "KEY=VALUE" strings. */
static Run *
run_argv (const char *const *env,
          const char *const *args)
{
  const char *cli = g_getenv ("JICAI_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  assert_non_null (cli);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "JICAI_DB");
  envp = g_environ_unsetenv (envp, "JICAI_TODAY");
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);

      envp = g_environ_setenv (envp, kv[0], kv[1], TRUE);
    }
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  /* stdin is /dev/null: a command that would ask for confirmation must
   * refuse, never wait for a test run from a terminal. */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    fail_msg ("could not run %s: %s", cli, error->message);
  assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

static Run *
run_va (const char *const *env,
        const char        *first,
        va_list            ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  g_ptr_array_add (args, NULL);
  return run_argv (env, (const char *const *) args->pdata);
}

/* run (env, "catalog", "list", NULL) */
static Run *
run (const char *const *env,
     const char        *first,
     ...)
{
  Run *r;
  va_list ap;

  va_start (ap, first);
  r = run_va (env, first, ap);
  va_end (ap);
  return r;
}

/* db (f, "catalog", "list", NULL): with --db pointing at the fixture. */
static Run *
db (Fixture    *f,
    const char *first,
    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (NULL, (const char *const *) args->pdata);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
dump (const Run *r)
{
  print_message ("exit %d\n--- stdout\n%s--- stderr\n%s---\n", r->status, r->out, r->err);
}

static void
assert_ok (const Run *r)
{
  if (r->status != 0 || r->err[0] != '\0')
    {
      dump (r);
      fail_msg ("expected success without messages");
    }
}

/* Exit 1 with exactly one line on stderr containing `expected`, and no
 * output. */
static void
assert_failure (const Run  *r,
                const char *expected)
{
  if (r->status != 1 || count_lines (r->err) != 1 || strstr (r->err, expected) == NULL ||
      r->out[0] != '\0')
    {
      dump (r);
      fail_msg ("expected exit 1 and the one line “%s”", expected);
    }
  assert_true (g_str_has_prefix (r->err, "jicai-cli: "));
}

/* Exit 1 with a line on stderr containing `expected` (a file's problems
 * end with a summary line), and no output. */
static void
assert_refused (const Run  *r,
                const char *expected)
{
  if (r->status != 1 || strstr (r->err, expected) == NULL || r->out[0] != '\0')
    {
      dump (r);
      fail_msg ("expected exit 1 and a line with “%s”", expected);
    }
}

/* Exit 2: one line naming the problem, one pointing at --help. */
static void
assert_usage (const Run  *r,
              const char *expected)
{
  g_auto(GStrv) lines = g_strsplit (r->err, "\n", -1);

  if (r->status != 2 || count_lines (r->err) != 2 || strstr (lines[0], expected) == NULL ||
      strstr (lines[1], "--help") == NULL || r->out[0] != '\0')
    {
      dump (r);
      fail_msg ("expected a usage error “%s”", expected);
    }
}

static cJSON *
parse_json (const Run *r)
{
  cJSON *json;

  assert_ok (r);
  json = cJSON_Parse (r->out);
  if (json == NULL)
    fail_msg ("not JSON: %s", r->out);
  return json;
}

static cJSON *
find_by (cJSON      *array,
         const char *key,
         const char *value)
{
  cJSON *o;

  assert_true (cJSON_IsArray (array));
  cJSON_ArrayForEach (o, array)
    {
      cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

      if (cJSON_IsString (v) && g_str_equal (v->valuestring, value))
        return o;
    }
  return NULL;
}

static const char *
json_str (cJSON      *o,
          const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!cJSON_IsString (v))
    fail_msg ("“%s” is not a string", key);
  return v->valuestring;
}

static double
json_num (cJSON      *o,
          const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!cJSON_IsNumber (v))
    fail_msg ("“%s” is not a number", key);
  return v->valuedouble;
}

static gboolean
json_bool (cJSON      *o,
           const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!cJSON_IsBool (v))
    fail_msg ("“%s” is not a boolean", key);
  return cJSON_IsTrue (v);
}

static void
assert_json_null (cJSON      *o,
                  const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!cJSON_IsNull (v))
    fail_msg ("“%s” is not null", key);
}

/* The whole list as JSON (inactive too). */
static cJSON *
list_json (Fixture    *f,
           const char *kind)
{
  g_autoptr(Run) r = db (f, kind, "list", "--json", "--all", NULL);

  return parse_json (r);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = jc_test_tmpdir ();
  f->path = g_build_filename (f->dir, "jicai.db", NULL);
  *state = f;
  return 0;
}

static int
setup_db (void **state)
{
  Fixture *f;
  g_autoptr(Run) r = NULL;

  setup (state);
  f = *state;
  r = db (f, "init", NULL);
  assert_ok (r);
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f);
  return 0;
}

static void
add_sample_item (Fixture    *f,
                 const char *code)
{
  g_autoptr(Run) r = db (f, "catalog", "add", code, "--name", "大白菜", "--category", "veg",
                         "--unit", "kg", NULL);

  assert_ok (r);
}

static void
add_sample_canteen (Fixture    *f,
                    const char *code,
                    const char *name)
{
  g_autoptr(Run) r = db (f, "canteens", "add", code, "--name", name, "--lat", "31.2",
                         "--lon", "121.4", NULL);

  assert_ok (r);
}

static void
add_sample_vehicle (Fixture    *f,
                    const char *plate)
{
  g_autoptr(Run) r = db (f, "vehicles", "add", plate, "--capacity", "2000", "--depot-lat", "31.1",
                         "--depot-lon", "121.3", NULL);

  assert_ok (r);
}

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
  sqlite3 *sdb = NULL;

  store = jc_store_open (f->path, &error);
  assert_no_error (error);
  jc_store_free (store);
  assert_int_equal (sqlite3_open (f->path, &sdb), SQLITE_OK);
  assert_int_equal (sqlite3_exec (sdb, "UPDATE schema_version SET version = 99", NULL, NULL,
                                  NULL), SQLITE_OK);
  assert_int_equal (sqlite3_close (sdb), SQLITE_OK);
  before = jc_test_read (f->path);

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
  after = jc_test_read (f->path);
  assert_true (g_bytes_equal (before, after));
}

/* ---- catalog ------------------------------------------------------- */

static void
test_catalog (void **state)
{
  Fixture *f = *state;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(Run) add = db (f, "catalog", "add", "dbc", "--name", "大白菜", "--category", "veg",
                           "--unit", "kg", "--pack", "15", "--loss", "50", "--alias", "白菜",
                           "--alias", "黄芽白", NULL);
  g_autoptr(Run) add2 = db (f, "catalog", "add", "egg", "--name", "鸡蛋", "--category", "肉禽蛋",
                            "--unit", "piece", "--piece-mass", "55", "--pack", "2.5",
                            "--pinyin", "JD", NULL);
  g_autoptr(Run) human = NULL;
  cJSON *o, *aliases;

  assert_ok (add);
  assert_contains (add->out, "dbc");
  assert_ok (add2);

  json = list_json (f, "catalog");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "code", "dbc");
  assert_non_null (o);
  assert_string_equal (json_str (o, "name"), "大白菜");
  assert_string_equal (json_str (o, "category"), "veg");
  assert_string_equal (json_str (o, "category_name"), "蔬菜");
  assert_string_equal (json_str (o, "base_unit"), "kg");
  assert_true (json_num (o, "pack_milli") == 15000);
  assert_true (json_num (o, "loss_permille") == 50);
  assert_json_null (o, "piece_mass_g");
  assert_string_equal (json_str (o, "pinyin"), "dbc");
  assert_true (json_bool (o, "active"));
  aliases = cJSON_GetObjectItemCaseSensitive (o, "aliases");
  assert_true (cJSON_IsArray (aliases));
  assert_int_equal (cJSON_GetArraySize (aliases), 2);
  assert_string_equal (cJSON_GetArrayItem (aliases, 0)->valuestring, "白菜");
  assert_string_equal (cJSON_GetArrayItem (aliases, 1)->valuestring, "黄芽白");

  o = find_by (json, "code", "egg");
  assert_string_equal (json_str (o, "category"), "meat");
  assert_string_equal (json_str (o, "base_unit"), "piece");
  assert_true (json_num (o, "pack_milli") == 2500);
  assert_true (json_num (o, "piece_mass_g") == 55);
  assert_true (json_num (o, "loss_permille") == 0);
  assert_string_equal (json_str (o, "pinyin"), "jd");
  assert_int_equal (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, "aliases")), 0);

  human = db (f, "catalog", "list", NULL);
  assert_ok (human);
  assert_contains (human->out, "大白菜");
  assert_contains (human->out, "白菜, 黄芽白");
  assert_contains (human->out, "15 kg");
  assert_true (g_str_has_suffix (human->out, "\n2 items\n"));

  /* search by pinyin initials, alias, code */
  {
    g_autoptr(Run) by_pinyin = db (f, "catalog", "list", "--json", "--search", "db", NULL);
    g_autoptr(Run) by_alias = db (f, "catalog", "list", "--json", "--search", "黄芽", NULL);
    g_autoptr(Run) none = db (f, "catalog", "list", "--search", "zzz", NULL);
    g_autoptr(cJSON) a = parse_json (by_pinyin);
    g_autoptr(cJSON) b = parse_json (by_alias);

    assert_int_equal (cJSON_GetArraySize (a), 1);
    assert_non_null (find_by (a, "code", "dbc"));
    assert_int_equal (cJSON_GetArraySize (b), 1);
    assert_non_null (find_by (b, "code", "dbc"));
    assert_ok (none);
    assert_string_equal (none->out, "0 items\n");
  }

  /* edit: only what is given changes; a new name gets new initials */
  {
    g_autoptr(Run) edit = db (f, "catalog", "edit", "dbc", "--name", "小白菜", "--loss", "80",
                              "--alias", "青菜", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (edit);
    after = list_json (f, "catalog");
    o = find_by (after, "code", "dbc");
    assert_string_equal (json_str (o, "name"), "小白菜");
    assert_string_equal (json_str (o, "pinyin"), "xbc");
    assert_true (json_num (o, "loss_permille") == 80);
    assert_true (json_num (o, "pack_milli") == 15000);
    aliases = cJSON_GetObjectItemCaseSensitive (o, "aliases");
    assert_int_equal (cJSON_GetArraySize (aliases), 1);
    assert_string_equal (cJSON_GetArrayItem (aliases, 0)->valuestring, "青菜");
  }

  /* --pack 0 removes the pack; --clear-aliases; --code renames;
   * --inactive hides it from the default list */
  {
    g_autoptr(Run) edit = db (f, "catalog", "edit", "dbc", "--pack", "0", "--clear-aliases",
                              "--code", "xbc", "--inactive", "--unit", "L", NULL);
    g_autoptr(Run) active_only = db (f, "catalog", "list", "--json", NULL);
    g_autoptr(Run) human_all = db (f, "catalog", "list", "--all", NULL);
    g_autoptr(cJSON) visible = parse_json (active_only);
    g_autoptr(cJSON) all = NULL;

    assert_ok (edit);
    assert_null (find_by (visible, "code", "xbc"));
    assert_non_null (find_by (visible, "code", "egg"));
    all = list_json (f, "catalog");
    assert_null (find_by (all, "code", "dbc"));
    o = find_by (all, "code", "xbc");
    assert_non_null (o);
    assert_json_null (o, "pack_milli");
    assert_string_equal (json_str (o, "base_unit"), "L");
    assert_false (json_bool (o, "active"));
    assert_int_equal (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, "aliases")), 0);
    assert_ok (human_all);
    assert_contains (human_all->out, "inactive");
  }
  {
    g_autoptr(Run) reactivate = db (f, "catalog", "edit", "xbc", "--active", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (reactivate);
    after = list_json (f, "catalog");
    assert_true (json_bool (find_by (after, "code", "xbc"), "active"));
  }

  /* remove */
  {
    g_autoptr(Run) rm = db (f, "catalog", "remove", "xbc", NULL);
    g_autoptr(Run) again = db (f, "catalog", "remove", "xbc", NULL);
    g_autoptr(Run) edit_gone = db (f, "catalog", "edit", "xbc", "--loss", "1", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    after = list_json (f, "catalog");
    assert_int_equal (cJSON_GetArraySize (after), 1);
    assert_null (find_by (after, "code", "xbc"));
    assert_failure (again, "No catalog item “xbc”");
    assert_failure (edit_gone, "No catalog item “xbc”");
  }
}

/* A quantity at the limit is printed as an integer, not as 1e+15. */
static void
test_catalog_json_integers (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "catalog", "add", "rice", "--name", "大米", "--category", "grain",
                           "--unit", "kg", "--pack", "1000000000000", NULL);
  g_autoptr(Run) list = db (f, "catalog", "list", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (list);

  assert_ok (add);
  assert_contains (list->out, "1000000000000000");
  assert_null (strstr (list->out, "e+"));
  assert_true (json_num (find_by (json, "code", "rice"), "pack_milli") == 1e15);
}

/* Records history behind the CLI's back, as `orders import` will: an order
 * of `canteen_code` with one line of `item_code`. */
static void
add_history (Fixture    *f,
             const char *item_code,
             const char *canteen_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = NULL;
  g_autoptr(JcCanteen) canteen = NULL;
  JcStoreOrderLine line = { 0, 5000, NULL, 0 };

  assert_no_error (error);
  item = jc_store_get_item (store, item_code, &error);
  assert_no_error (error);
  canteen = jc_store_get_canteen (store, canteen_code, &error);
  assert_no_error (error);
  line.item_id = item->id;
  assert_true (jc_store_put_order (store, canteen->id, "2026-11-30", "submitted", &line, 1,
                                   &error));
  assert_no_error (error);
}

static void
test_remove_in_use (void **state)
{
  Fixture *f = *state;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  add_sample_item (f, "dbc");
  add_sample_canteen (f, "c01", "市府食堂");
  add_history (f, "dbc", "c01");
  before = jc_test_read (f->path);
  {
    g_autoptr(Run) item = db (f, "catalog", "remove", "dbc", NULL);
    g_autoptr(Run) canteen = db (f, "canteens", "remove", "c01", NULL);

    assert_failure (item, "has history");
    assert_contains (item->err, "deactivate it instead");
    assert_contains (item->err, "“dbc”");
    assert_failure (canteen, "deactivate it instead");
  }
  after = jc_test_read (f->path);
  assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(Run) deactivate = db (f, "catalog", "edit", "dbc", "--inactive", NULL);
    g_autoptr(cJSON) json = NULL;

    assert_ok (deactivate);
    json = list_json (f, "catalog");
    assert_false (json_bool (find_by (json, "code", "dbc"), "active"));
  }
}

typedef struct {
  const char *args[20];
  const char *expected;
} BadCase;

/* Each case fails with exit 1 and the one line `expected`, and the
 * database file is byte for byte what it was. */
static void
check_bad_cases (Fixture       *f,
                 const BadCase *cases,
                 guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GBytes) before = jc_test_read (f->path);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(Run) r = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);
      r = run_argv (NULL, (const char *const *) args->pdata);
      assert_failure (r, cases[i].expected);
      after = jc_test_read (f->path);
      if (!g_bytes_equal (before, after))
        fail_msg ("case %u (%s) changed the database", i, cases[i].expected);
    }
}

#define ITEM "--name", "x", "--category", "veg"

static void
test_catalog_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "catalog", "add", "x", ITEM, "--unit", "box", NULL },
      "catalog add: base unit: “box” is not a base unit (kg, piece or L)" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "abc", NULL },
      "catalog add: pack size: “abc” is not a number" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "-5", NULL },
      "pack size: “-5” is negative" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "99999999999999999999", NULL },
      "pack size: “99999999999999999999” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "1000000000000.001", NULL },
      "pack size: “1000000000000.001” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "1000", NULL },
      "loss rate: “1000” is too large (at most 999)" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "5%", NULL },
      "loss rate: “5%” is not a whole number" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "-1", NULL },
      "loss rate: “-1” is negative" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--piece-mass", "99999999999999999999999",
        NULL },
      "piece mass: “99999999999999999999999” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "piece", "--piece-mass", "52.5000000001", NULL },
      "piece mass: “52.5000000001” has more than 9 decimals" },
    { { "catalog", "add", "x", ITEM, "--unit", "piece", "--piece-mass", "5 L", NULL },
      "piece mass: “L” is not a unit of mass (g, kg, 斤 or 两)" },
    { { "catalog", "add", "dbc", ITEM, "--unit", "kg", NULL },
      "code: “dbc” is already used by another item" },
    { { "catalog", "add", "x", "--name", "x", "--category", "sweets", "--unit", "kg", NULL },
      "category: unknown category “sweets”" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--alias", "白菜", NULL },
      "aliases: “白菜” already names another item" },
    { { "catalog", "add", "x y", ITEM, "--unit", "kg", NULL },
      "code: “x y” may only contain" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pinyin", "d b", NULL },
      "pinyin: “d b” may only contain the letters a to z" },
    { { "catalog", "edit", "dbc", "--loss", "abc", NULL }, "loss rate: “abc” is not a whole number" },
    { { "catalog", "edit", "dbc", "--unit", "kilo", NULL }, "base unit: “kilo” is not a base unit" },
    { { "catalog", "edit", "dbc", "--code", "egg", NULL }, "code: “egg” is already used" },
    { { "catalog", "edit", "egg", "--alias", "白菜", NULL }, "aliases: “白菜” already names" },
    { { "catalog", "edit", "dbc", "--category", "sweets", NULL }, "unknown category “sweets”" },
  };
  g_autoptr(Run) add = db (f, "catalog", "add", "dbc", "--name", "大白菜", "--category", "veg",
                           "--unit", "kg", "--alias", "白菜", NULL);

  assert_ok (add);
  add_sample_item (f, "egg");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "catalog");

    assert_int_equal (cJSON_GetArraySize (json), 2);
  }
}

/* Every bad value on the line is reported, each on its own line. */
static void
test_several_problems (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = db (f, "canteens", "add", "c1", "--name", "x", "--lat", "95", "--lon", "abc",
                         "--diners", "-4", NULL);
  g_auto(GStrv) lines = NULL;

  assert_int_equal (r->status, 1);
  assert_int_equal (count_lines (r->err), 3);
  lines = g_strsplit (r->err, "\n", -1);
  assert_string_equal (lines[0], "jicai-cli: canteens add: latitude: “95” is out of range (-90 to 90)");
  assert_string_equal (lines[1], "jicai-cli: canteens add: longitude: “abc” is not a number");
  assert_string_equal (lines[2], "jicai-cli: canteens add: diners: “-4” is negative");
}

/* ---- canteens ------------------------------------------------------ */

static void
test_canteens (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "canteens", "add", "c01", "--name", "市委机关食堂", "--agency",
                           "市委办公厅", "--address", "人民大道200号", "--lat", "31.230416",
                           "--lon", "121.473701", "--window", "06:30-08:15", "--diners", "850",
                           NULL);
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  assert_ok (add);
  add_sample_canteen (f, "c02", "Finance Bureau");
  json = list_json (f, "canteens");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "code", "c01");
  assert_non_null (o);
  assert_string_equal (json_str (o, "name"), "市委机关食堂");
  assert_string_equal (json_str (o, "agency"), "市委办公厅");
  assert_string_equal (json_str (o, "address"), "人民大道200号");
  assert_true (json_num (o, "lat") == 31.230416);
  assert_true (json_num (o, "lon") == 121.473701);
  assert_string_equal (json_str (o, "window_start"), "06:30");
  assert_string_equal (json_str (o, "window_end"), "08:15");
  assert_true (json_num (o, "diners") == 850);
  assert_true (json_bool (o, "active"));
  /* defaults */
  o = find_by (json, "code", "c02");
  assert_string_equal (json_str (o, "window_start"), "07:00");
  assert_string_equal (json_str (o, "window_end"), "09:00");
  assert_true (json_num (o, "diners") == 0);
  assert_string_equal (json_str (o, "agency"), "");

  {
    g_autoptr(Run) edit = db (f, "canteens", "edit", "c02", "--window", "05:45-07:00", "--lat",
                              "-33.5", "--diners", "120", "--code", "c03", "--inactive", NULL);
    g_autoptr(Run) active_only = db (f, "canteens", "list", "--json", NULL);
    g_autoptr(cJSON) visible = parse_json (active_only);
    g_autoptr(cJSON) all = NULL;

    assert_ok (edit);
    assert_int_equal (cJSON_GetArraySize (visible), 1);
    all = list_json (f, "canteens");
    assert_null (find_by (all, "code", "c02"));
    o = find_by (all, "code", "c03");
    assert_string_equal (json_str (o, "window_start"), "05:45");
    assert_string_equal (json_str (o, "window_end"), "07:00");
    assert_true (json_num (o, "lat") == -33.5);
    assert_true (json_num (o, "lon") == 121.4);
    assert_true (json_num (o, "diners") == 120);
    assert_false (json_bool (o, "active"));
  }
  {
    g_autoptr(Run) human = db (f, "canteens", "list", NULL);

    assert_ok (human);
    assert_contains (human->out, "06:30-08:15");
    assert_true (g_str_has_suffix (human->out, "\n1 canteen\n"));
  }
  {
    g_autoptr(Run) rm = db (f, "canteens", "remove", "c03", NULL);
    g_autoptr(Run) again = db (f, "canteens", "remove", "c03", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    assert_failure (again, "No canteen “c03”");
    after = list_json (f, "canteens");
    assert_int_equal (cJSON_GetArraySize (after), 1);
  }
}

/* The name column is padded by display width: 市委机关食堂 takes twelve
 * columns, not six characters or eighteen bytes. */
static void
test_table_alignment (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) list = NULL;
  g_auto(GStrv) lines = NULL;
  glong column = -1;

  add_sample_canteen (f, "c01", "市委机关食堂");
  add_sample_canteen (f, "c02", "Finance");
  add_sample_canteen (f, "c03", "区·Mixed 食堂");
  list = db (f, "canteens", "list", NULL);
  assert_ok (list);
  lines = g_strsplit (list->out, "\n", -1);
  assert_int_equal (g_strv_length (lines), 6);  /* header, 3 rows, count, "" */
  for (guint i = 1; i <= 3; i++)
    {
      const char *at = strstr (lines[i], "07:00-09:00");
      g_autofree char *prefix = NULL;
      glong width = 0;

      assert_non_null (at);
      prefix = g_strndup (lines[i], (gsize) (at - lines[i]));
      for (const char *p = prefix; *p; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      if (column < 0)
        column = width;
      assert_int_equal (width, column);
    }
  assert_string_equal (lines[4], "3 canteens");
}

static void
test_canteens_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "canteens", "add", "c9", "--name", "x", "--lat", "95", "--lon", "121", NULL },
      "jicai-cli: canteens add: latitude: “95” is out of range (-90 to 90)\n" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "-181", NULL },
      "longitude: “-181” is out of range (-180 to 180)" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "north", "--lon", "121", NULL },
      "latitude: “north” is not a number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "nan", "--lon", "121", NULL },
      "latitude: “nan” is not a number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "09:00-07:00", NULL },
      "window end: 07:00 is not after the start 09:00" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "08:00-08:00", NULL },
      "window end: 08:00 is not after the start 08:00" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "0700", NULL },
      "delivery window: “0700” is not a window (HH:MM-HH:MM)" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "07:00-24:30", NULL },
      "window end: “24:30” is not a time of day" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "-5", NULL },
      "diners: “-5” is negative" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "many", NULL },
      "diners: “many” is not a whole number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "18446744073709551617", NULL },
      "diners: “18446744073709551617” is too large" },
    { { "canteens", "add", "c01", "--name", "x", "--lat", "31", "--lon", "121", NULL },
      "code: “c01” is already used by another canteen" },
    { { "canteens", "edit", "c01", "--window", "10:00-09:00", NULL },
      "window end: 09:00 is not after the start 10:00" },
    { { "canteens", "edit", "c01", "--lat", "-91", NULL },
      "latitude: “-91” is out of range (-90 to 90)" },
    { { "canteens", "edit", "c01", "--code", "c02", NULL },
      "code: “c02” is already used by another canteen" },
    { { "canteens", "edit", "c99", "--diners", "5", NULL }, "No canteen “c99”" },
  };

  add_sample_canteen (f, "c01", "市府食堂");
  add_sample_canteen (f, "c02", "财政局食堂");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "canteens");

    assert_int_equal (cJSON_GetArraySize (json), 2);
    assert_string_equal (json_str (find_by (json, "code", "c01"), "window_end"), "09:00");
  }
}

/* ---- vehicles ------------------------------------------------------ */

static void
test_vehicles (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "vehicles", "add", "沪A12345", "--capacity", "2000", "--depot",
                           "浦东仓库", "--depot-lat", "31.2", "--depot-lon", "121.5", "--start",
                           "05:00", "--speed", "35", "--service", "10", NULL);
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  assert_ok (add);
  add_sample_vehicle (f, "沪B2");
  json = list_json (f, "vehicles");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "plate", "沪A12345");
  assert_non_null (o);
  assert_true (json_num (o, "capacity_kg") == 2000);
  assert_string_equal (json_str (o, "depot"), "浦东仓库");
  assert_true (json_num (o, "depot_lat") == 31.2);
  assert_true (json_num (o, "depot_lon") == 121.5);
  assert_string_equal (json_str (o, "start_time"), "05:00");
  assert_true (json_num (o, "speed_kmh") == 35);
  assert_true (json_num (o, "service_min") == 10);
  assert_true (json_bool (o, "active"));
  /* defaults */
  o = find_by (json, "plate", "沪B2");
  assert_string_equal (json_str (o, "start_time"), "05:30");
  assert_true (json_num (o, "speed_kmh") == 30);
  assert_true (json_num (o, "service_min") == 15);

  {
    g_autoptr(Run) edit = db (f, "vehicles", "edit", "沪B2", "--plate", "沪C3", "--capacity",
                              "1500", "--start", "04:45", "--inactive", NULL);
    g_autoptr(Run) human = db (f, "vehicles", "list", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (edit);
    after = list_json (f, "vehicles");
    assert_null (find_by (after, "plate", "沪B2"));
    o = find_by (after, "plate", "沪C3");
    assert_true (json_num (o, "capacity_kg") == 1500);
    assert_string_equal (json_str (o, "start_time"), "04:45");
    assert_true (json_num (o, "depot_lat") == 31.1);
    assert_false (json_bool (o, "active"));
    assert_ok (human);
    assert_null (strstr (human->out, "沪C3"));
    assert_true (g_str_has_suffix (human->out, "\n1 vehicle\n"));
  }
  {
    g_autoptr(Run) rm = db (f, "vehicles", "remove", "沪C3", NULL);
    g_autoptr(Run) again = db (f, "vehicles", "remove", "沪C3", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    assert_failure (again, "No vehicle “沪C3”");
    after = list_json (f, "vehicles");
    assert_int_equal (cJSON_GetArraySize (after), 1);
  }
}

#define VEHICLE "--depot-lat", "31", "--depot-lon", "121"

static void
test_vehicles_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "vehicles", "add", "A2", "--capacity", "lots", VEHICLE, NULL },
      "vehicles add: capacity: “lots” is not a whole number" },
    { { "vehicles", "add", "A2", "--capacity", "-100", VEHICLE, NULL },
      "capacity: “-100” is negative" },
    { { "vehicles", "add", "A2", "--capacity", "99999999999999999999", VEHICLE, NULL },
      "capacity: “99999999999999999999” is too large (at most 100000)" },
    { { "vehicles", "add", "A2", "--capacity", "100001", VEHICLE, NULL },
      "capacity: “100001” is too large (at most 100000)" },
    { { "vehicles", "add", "A2", "--capacity", "0", VEHICLE, NULL },
      "capacity: “0” is too small (at least 1)" },
    { { "vehicles", "add", "A2", "--capacity", "1.5", VEHICLE, NULL },
      "capacity: “1.5” is not a whole number" },
    { { "vehicles", "add", "A2", "--capacity", "100", "--depot-lat", "91", "--depot-lon", "121",
        NULL },
      "latitude: “91” is out of range (-90 to 90)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--start", "5:3", NULL },
      "start time: “5:3” is not a time (HH:MM)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--speed", "0", NULL },
      "speed: “0” is too small (at least 1)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--service", "-1", NULL },
      "service time: “-1” is negative" },
    { { "vehicles", "add", "A1", "--capacity", "100", VEHICLE, NULL },
      "plate: “A1” is already used by another vehicle" },
    { { "vehicles", "edit", "A1", "--capacity", "0", NULL }, "capacity: “0” is too small" },
    { { "vehicles", "edit", "A9", "--capacity", "10", NULL }, "No vehicle “A9”" },
  };

  add_sample_vehicle (f, "A1");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "vehicles");

    assert_int_equal (cJSON_GetArraySize (json), 1);
    assert_true (json_num (find_by (json, "plate", "A1"), "capacity_kg") == 2000);
  }
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
  before = jc_test_read (f->path);
  {
    g_autoptr(Run) again = run (env, "--db", f->path, "init", "--demo", NULL);

    assert_failure (again, "already has data; the demo needs an empty database");
  }
  after = jc_test_read (f->path);
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
  before = jc_test_read (f->path);
  r = run (env, "--db", f->path, "init", "--demo", NULL);
  assert_failure (r, "already has data");
  after = jc_test_read (f->path);
  assert_true (g_bytes_equal (before, after));
}

static void
test_demo_bad_today (void **state)
{
  Fixture *f = *state;
  static const char *const dates[] = { "2026-02-30", "2026-11-9", "yesterday", "2026/11/29" };

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

/* ---- shared by the price and order tests ---------------------------- */

/* dbe (f, env, "prices", "fetch", NULL): with --db and extra environment. */
static Run *
dbe (Fixture           *f,
     const char *const *env,
     const char        *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (env, (const char *const *) args->pdata);
}

/* Writes `len` bytes (-1: a string) to a file in the fixture's folder. */
static char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static gint64
count_prices (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  gint64 n;

  assert_no_error (error);
  n = jc_store_count_prices (store, &error);
  assert_no_error (error);
  return n;
}

static guint
json_size (cJSON *array)
{
  assert_true (cJSON_IsArray (array));
  return (guint) cJSON_GetArraySize (array);
}

/* The object has exactly these members, in this order. */
static void
assert_keys (cJSON             *o,
             const char *const *keys)
{
  cJSON *member = o->child;
  guint i = 0;

  for (; keys[i] != NULL; i++, member = member->next)
    {
      if (member == NULL || g_strcmp0 (member->string, keys[i]) != 0)
        fail_msg ("member %u is “%s”, expected “%s”", i, member ? member->string : "(none)",
                  keys[i]);
    }
  if (member != NULL)
    fail_msg ("unexpected member “%s”", member->string);
}

static gint64
json_int (cJSON      *o,
          const char *key)
{
  return (gint64) json_num (o, key);
}

/* The catalog the price and order tests use: 大白菜 and 土豆 by weight
 * (土豆 in 箱 of 20 kg, alias 马铃薯), 鸡蛋 counted (50 g each). */
static void
add_price_catalog (Fixture *f)
{
  g_autoptr(Run) a = db (f, "catalog", "add", "dbc", "--name", "大白菜", "--category", "veg",
                         "--unit", "kg", NULL);
  g_autoptr(Run) b = db (f, "catalog", "add", "potato", "--name", "土豆", "--category", "veg",
                         "--unit", "kg", "--pack", "20", "--alias", "马铃薯", NULL);
  g_autoptr(Run) c = db (f, "catalog", "add", "egg", "--name", "鸡蛋", "--category", "meat",
                         "--unit", "piece", "--piece-mass", "50", NULL);

  assert_ok (a);
  assert_ok (b);
  assert_ok (c);
}

/* A getPriceData answer as the Xinfadi API gives it: six records of
 * 2026-11-28 — two good ones, one duplicate, one name the catalog does not
 * know, one with all prices zero, one with a unit in the price. */
static const char xinfadi_page[] =
  "{\"current\":1,\"limit\":20,\"count\":6,\"list\":["
  "{\"prodName\":\"大白菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"0.55\",\"avgPrice\":\"0.58\","
  "\"highPrice\":\"0.6\",\"place\":\"冀鲁豫鄂\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"},"
  "{\"prodName\":\"大白菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"0.55\",\"avgPrice\":\"0.58\","
  "\"highPrice\":\"0.60\",\"place\":\"冀鲁豫鄂\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"},"
  "{\"prodName\":\"土豆\",\"prodCat\":\"蔬菜\",\"lowPrice\":1.2,\"avgPrice\":1.35,"
  "\"highPrice\":1.5,\"place\":\"内蒙\",\"specInfo\":\"大\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"},"
  "{\"prodName\":\"娃娃菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"1.2\",\"avgPrice\":\"1.35\","
  "\"highPrice\":\"1.5\",\"place\":\"豫鄂\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"},"
  "{\"prodName\":\"鸡蛋\",\"prodCat\":\"肉禽蛋\",\"lowPrice\":\"0\",\"avgPrice\":\"0\","
  "\"highPrice\":\"0\",\"place\":\"\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"},"
  "{\"prodName\":\"菠萝\",\"prodCat\":\"水果\",\"lowPrice\":\"2.7（个）\",\"avgPrice\":\"3\","
  "\"highPrice\":\"3.5\",\"place\":\"\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
  "\"pubDate\":\"2026-11-28 00:00:00\"}"
  "]}";

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
  file = jc_test_read (f->path);
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
    g_autoptr(GBytes) before = jc_test_read (f->path);
    g_autoptr(GBytes) after = NULL;
    g_autoptr(Run) r = db (f, "sources", "add", "x", "--adapter", "csv", "--url",
                           "https://bob:" SECRET "@a.example/p.csv", NULL);

    assert_failure (r, "has a password in it; pass credentials with --credentials-from-env");
    assert_no_secret (r);
    after = jc_test_read (f->path);
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

/* ---- orders --------------------------------------------------------- */

#define FUTURE "2099-12-01"   /* long before its cutoff */
#define PAST "2020-01-06"     /* long after its cutoff */

static void
add_order_world (Fixture *f)
{
  add_price_catalog (f);
  add_sample_canteen (f, "c01", "市府食堂");
  add_sample_canteen (f, "c02", "财政局食堂");
}

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
  before = jc_test_read (f->path);
  refused = db (f, "orders", "import", path, NULL);
  assert_int_equal (refused->status, 1);
  assert_contains (refused->out, "c01 市府食堂, " FUTURE " (not-started, version 0): 3 added, "
                                 "0 changed, 0 removed, 0 unchanged");
  assert_contains (refused->out, "+ dbc 大白菜: 30 斤");
  assert_contains (refused->out, "+ potato 土豆: 2 箱");
  assert_string_equal (refused->err, "jicai-cli: orders import: nothing was imported: confirm "
                                     "with --yes (there is no terminal to ask on)\n");
  after = jc_test_read (f->path);
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
  before = jc_test_read (f->path);
  only_bad = db (f, "orders", "import", bad, "--yes", NULL);
  assert_int_equal (only_bad->status, 1);
  assert_string_equal (only_bad->out, "");
  assert_int_equal (count_lines (only_bad->err), 2);
  assert_contains (only_bad->err, line3);
  assert_contains (only_bad->err, line4);
  assert_contains (only_bad->err, "菠萝蜜");
  after = jc_test_read (f->path);
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
  before = jc_test_read (f->path);
  refused = db (f, "orders", "submit", "--canteen", "c01", "--date", PAST, "--item", "dbc=3",
                NULL);
  assert_failure (refused, "The cutoff for " PAST " was 2020-01-03T14:00");  /* Monday: Friday's cutoff */
  assert_contains (refused->err, "give --accept-late REASON");
  after = jc_test_read (f->path);
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

  before = jc_test_read (f->path);
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
  after = jc_test_read (f->path);
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
    sqlite3 *sdb = NULL;
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

    assert_int_equal (sqlite3_open (f->path, &sdb), SQLITE_OK);
    assert_int_equal (sqlite3_exec (sdb, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal (sqlite3_close (sdb), SQLITE_OK);
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
    sqlite3 *sdb = NULL;
    sqlite3_stmt *stmt = NULL;

    assert_int_equal (sqlite3_open (f->path, &sdb), SQLITE_OK);
    assert_int_equal (sqlite3_prepare_v2 (sdb, "SELECT reason FROM plan_audit WHERE action = "
                                               "'remove-purchase'", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
    assert_string_equal ((const char *) sqlite3_column_text (stmt, 0), "egg: 记错了行");
    assert_int_equal (sqlite3_step (stmt), SQLITE_DONE);
    sqlite3_finalize (stmt);
    assert_int_equal (sqlite3_close (sdb), SQLITE_OK);
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
    cmocka_unit_test (test_help),
    cmocka_unit_test_setup_teardown (test_usage_errors, setup, teardown),
    cmocka_unit_test_setup_teardown (test_init, setup, teardown),
    cmocka_unit_test_setup_teardown (test_db_option_forms, setup, teardown),
    cmocka_unit_test_setup_teardown (test_missing_database, setup, teardown),
    cmocka_unit_test_setup_teardown (test_not_sqlite, setup, teardown),
    cmocka_unit_test_setup_teardown (test_uncreatable_path, setup, teardown),
    cmocka_unit_test_setup_teardown (test_newer_schema, setup, teardown),
    cmocka_unit_test_setup_teardown (test_catalog, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_catalog_json_integers, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_remove_in_use, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_catalog_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_several_problems, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_canteens, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_table_alignment, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_canteens_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_vehicles, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_vehicles_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_demo, setup, teardown),
    cmocka_unit_test_setup_teardown (test_report_demo, setup, teardown),
    cmocka_unit_test_setup_teardown (test_demo_refuses_data, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_demo_bad_today, setup, teardown),
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
    cmocka_unit_test_setup_teardown (test_prices_bad_input, setup_db, teardown),
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
  return cmocka_run_group_tests (tests, NULL, NULL);
}
