/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The jicai-cli binary as a user runs it: exit statuses, the JSON on stdout,
 * the one-line messages on stderr, and that a refused command leaves the
 * database file byte for byte as it was. */
#include "config.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "jc-test-util.h"
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
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                     &run->err, &wait_status, &error))
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
  };
  g_autoptr(Run) top = run (NULL, "--help", NULL);
  g_autoptr(Run) version = run (NULL, "--version", NULL);

  assert_ok (top);
  assert_true (g_str_has_prefix (top->out, "Usage: jicai-cli"));
  assert_contains (top->out, "catalog add");
  assert_contains (top->out, "vehicles remove");
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
  assert_contains (again->out, "is ready (schema version 3)");

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
    cmocka_unit_test_setup_teardown (test_demo_refuses_data, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_demo_bad_today, setup, teardown),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
