/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-cli.c: what the CLI test files (test-cli-*.c) share — running the
 * jicai-cli binary, a fixture with its own temporary folder and database,
 * the checks of exit status and messages, JSON look-ups, and the small
 * worlds several files build (a catalog, canteens, a Xinfadi answer).  Each
 * test gets its own folder, so the files run in parallel. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "jc-test-cli.h"
#include "jc-test-store.h"

void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

/* Runs jicai-cli with `args`; `env` is NULL or "KEY=VALUE" strings. */
Run *
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

/* The arguments from `first` on, after "--db PATH" when `db_path` is not
 * NULL. */
static Run *
run_va (const char *const *env,
        const char        *db_path,
        const char        *first,
        va_list            ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  if (db_path != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, (gpointer) db_path);
    }
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  g_ptr_array_add (args, NULL);
  return run_argv (env, (const char *const *) args->pdata);
}

/* run (env, "catalog", "list", NULL) */
Run *
run (const char *const *env,
     const char        *first,
     ...)
{
  Run *r;
  va_list ap;

  va_start (ap, first);
  r = run_va (env, NULL, first, ap);
  va_end (ap);
  return r;
}

/* db (f, "catalog", "list", NULL): with --db pointing at the fixture. */
Run *
db (Fixture    *f,
    const char *first,
    ...)
{
  Run *r;
  va_list ap;

  va_start (ap, first);
  r = run_va (NULL, f->path, first, ap);
  va_end (ap);
  return r;
}
guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

void
dump (const Run *r)
{
  print_message ("exit %d\n--- stdout\n%s--- stderr\n%s---\n", r->status, r->out, r->err);
}

void
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
void
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
void
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
void
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

cJSON *
parse_json (const Run *r)
{
  cJSON *json;

  assert_ok (r);
  json = cJSON_Parse (r->out);
  if (json == NULL)
    fail_msg ("not JSON: %s", r->out);
  return json;
}

cJSON *
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

/* The member `key` of `o`, failing the test unless `is` says it is
 * `what` ("a string"). */
static cJSON *
json_member (cJSON       *o,
             const char  *key,
             cJSON_bool (*is) (const cJSON *const item),
             const char  *what)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!is (v))
    fail_msg ("“%s” is not %s", key, what);
  return v;
}

const char *
json_str (cJSON      *o,
          const char *key)
{
  return json_member (o, key, cJSON_IsString, "a string")->valuestring;
}

double
json_num (cJSON      *o,
          const char *key)
{
  return json_member (o, key, cJSON_IsNumber, "a number")->valuedouble;
}

gboolean
json_bool (cJSON      *o,
           const char *key)
{
  return cJSON_IsTrue (json_member (o, key, cJSON_IsBool, "a boolean"));
}

void
assert_json_null (cJSON      *o,
                  const char *key)
{
  cJSON *v = cJSON_GetObjectItemCaseSensitive (o, key);

  if (!cJSON_IsNull (v))
    fail_msg ("“%s” is not null", key);
}

/* The whole list as JSON (inactive too). */
cJSON *
list_json (Fixture    *f,
           const char *kind)
{
  g_autoptr(Run) r = db (f, kind, "list", "--json", "--all", NULL);

  return parse_json (r);
}

int
setup (void **state)
{
  return jc_test_store_setup (state);
}

int
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

int
teardown (void **state)
{
  return jc_test_store_teardown (state);
}
void
add_sample_item (Fixture    *f,
                 const char *code)
{
  g_autoptr(Run) r = db (f, "catalog", "add", code, "--name", "大白菜", "--category", "veg",
                         "--unit", "kg", NULL);

  assert_ok (r);
}

void
add_sample_canteen (Fixture    *f,
                    const char *code,
                    const char *name)
{
  g_autoptr(Run) r = db (f, "canteens", "add", code, "--name", name, "--lat", "31.2",
                         "--lon", "121.4", NULL);

  assert_ok (r);
}

void
add_sample_vehicle (Fixture    *f,
                    const char *plate)
{
  g_autoptr(Run) r = db (f, "vehicles", "add", plate, "--capacity", "2000", "--depot-lat", "31.1",
                         "--depot-lon", "121.3", NULL);

  assert_ok (r);
}

/* dbe (f, env, "prices", "fetch", NULL): with --db and extra environment. */
Run *
dbe (Fixture           *f,
     const char *const *env,
     const char        *first,
     ...)
{
  Run *r;
  va_list ap;

  va_start (ap, first);
  r = run_va (env, f->path, first, ap);
  va_end (ap);
  return r;
}
/* Writes `len` bytes (-1: a string) to a file in the fixture's folder. */
char *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      len)
{
  char *path = g_build_filename (f->dir, name, NULL);

  assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

gint64
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

guint
json_size (cJSON *array)
{
  assert_true (cJSON_IsArray (array));
  return (guint) cJSON_GetArraySize (array);
}

/* The object has exactly these members, in this order. */
void
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

gint64
json_int (cJSON      *o,
          const char *key)
{
  return (gint64) json_num (o, key);
}

/* The catalog the price and order tests use: 大白菜 and 土豆 by weight
 * (土豆 in 箱 of 20 kg, alias 马铃薯), 鸡蛋 counted (50 g each). */
void
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
const char xinfadi_page[] =
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

void
add_order_world (Fixture *f)
{
  add_price_catalog (f);
  add_sample_canteen (f, "c01", "市府食堂");
  add_sample_canteen (f, "c02", "财政局食堂");
}

/* Each case fails with exit 1 and the one line `expected`, and the
 * database file is byte for byte what it was. */
void
check_bad_cases (Fixture       *f,
                 const BadCase *cases,
                 guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(GBytes) before = jc_test_store_snapshot (f->path);
      g_autoptr(GBytes) after = NULL;
      g_autoptr(Run) r = NULL;

      g_ptr_array_add (args, (gpointer) "--db");
      g_ptr_array_add (args, f->path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) cases[i].args[j]);
      g_ptr_array_add (args, NULL);
      r = run_argv (NULL, (const char *const *) args->pdata);
      assert_failure (r, cases[i].expected);
      after = jc_test_store_snapshot (f->path);
      if (!g_bytes_equal (before, after))
        fail_msg ("case %u (%s) changed the database", i, cases[i].expected);
    }
}
