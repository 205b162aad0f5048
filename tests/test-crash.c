/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Kill tests: jicai-cli children doing a large price import, an order
 * import, a plan lock, a purchase recording, a delivery save and a backup
 * are SIGKILLed at random moments spread over each operation's measured
 * duration.  After every kill the database must pass PRAGMA
 * integrity_check and the operation must be wholly present or wholly
 * absent: every table holds the rows it held before the operation or the
 * rows an uninterrupted run leaves, nothing in between.  A backup's target
 * is absent or a whole, sound copy.
 *
 * The moments come from a seeded generator: the seed is printed, and
 * JICAI_CRASH_SEED=N replays the same draws (the moments are the same; what
 * the child reached by then depends on the machine's load).
 * JICAI_CRASH_KILLS=N sets the kills per operation (default 9).
 *
 * The price imports are staged in chunks of 1,000 quotes and published in
 * a transaction of their own: the import is killed at moments spread over
 * its run (most land while it stages), the re-import that changes every
 * quote once it has staged everything (in its publish).  Each kill is
 * told by what it left before the database is opened again: nothing
 * staged, a part staged, all staged but not published.
 *
 * SQLite only, and not registered on PostgreSQL: what a killed writer
 * leaves in the file (WAL, integrity_check) is SQLite's; the counts go
 * through the driver layer (jc-test-store.h). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-store-sqlite.h"

#define TODAY "2026-11-17"      /* the demo world's last day of prices */
#define DATE "2099-12-01"       /* the delivery date the operations work on */
#define N_PRICE_DAYS 60         /* the price file: this many days of every market name */
#define MAX_ATTEMPTS_FACTOR 3   /* tries per kill wanted, at most */

typedef struct {
  const char *name;
  const char *base;        /* the database state it starts from */
  const char *args[10];    /* after --db DB; "@DIR" is replaced by the folder */
  gboolean    is_backup;
  gboolean    at_publish;  /* a staged import killed once all is staged */
} Operation;

typedef struct {
  char       *dir;
  GRand      *rand;
  guint       seed;
  guint       kills_per_op;
  guint       total_kills;
  GString    *summary;
  gint64      n_quotes;    /* in each price file */
} World;

static World world;

/* ---- running jicai-cli ---------------------------------------------------- */

static GPtrArray *
make_argv (const char         *db,
           const char *const  *args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("JICAI_CLI")));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (args[i][0] == '@')
        g_ptr_array_add (argv, g_build_filename (world.dir, args[i] + 1, NULL));
      else
        g_ptr_array_add (argv, g_strdup (args[i]));
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

static char **
make_env (void)
{
  char **env = g_get_environ ();

  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_setenv (env, "JICAI_TODAY", TODAY, TRUE);
  env = g_environ_setenv (env, "JICAI_IMPORT_CHUNK_ROWS", "1000", TRUE);
  env = g_environ_unsetenv (env, "JICAI_DB");
  return env;
}

/* Runs to the end; fails the test unless it succeeds.  Returns the wall
 * time in microseconds. */
static gint64
run_whole (const char         *db,
           const char *const  *args)
{
  g_autoptr(GPtrArray) argv = make_argv (db, args);
  g_auto(GStrv) env = make_env ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &out, &err, &status, &error))
    fail_msg ("could not run jicai-cli: %s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    fail_msg ("jicai-cli %s failed: %s\n%s", args[0], error->message, err);
  return g_get_monotonic_time () - start;
}

/* Starts the child, waits `delay_us` and kills it.  TRUE when it was still
 * running, FALSE when it had finished (and exited 0) before. */
static gboolean
run_killed (const char         *db,
            const char *const  *args,
            gint64              delay_us)
{
  g_autoptr(GPtrArray) argv = make_argv (db, args);
  g_auto(GStrv) env = make_env ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;
  pid_t done;

  if (!g_spawn_async (NULL, (char **) argv->pdata, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    fail_msg ("could not run jicai-cli: %s", error->message);
  g_usleep ((gulong) delay_us);
  done = waitpid (pid, &status, WNOHANG);
  if (done == pid)
    {
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        fail_msg ("jicai-cli %s failed on its own (status %d)", args[0], status);
      return FALSE;
    }
  assert_int_equal (kill (pid, SIGKILL), 0);
  assert_int_equal (waitpid (pid, &status, 0), pid);
  g_spawn_close_pid (pid);
  /* it may have finished between the look and the kill */
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

/* What a killed import left staged, looked at through SQLite before the
 * database is opened as the app opens it (which removes it): 0 nothing
 * staged, 1 a part, 2 all of it but not published. */
typedef enum { STAGED_NONE, STAGED_PART, STAGED_ALL } Staged;

static gint64
staged_quotes (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  /* new quotes staged, or changes of published ones */
  if (sqlite3_prepare_v2 (db,
        "SELECT (SELECT COUNT(*) FROM price_imports), "
        "(SELECT COUNT(*) FROM prices WHERE fetch_id IN (SELECT fetch_id FROM price_imports)) + "
        "(SELECT COUNT(*) FROM price_import_changes)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0) == 0 ? -1 : sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  return n;
}

static Staged
look_staged (const char *path)
{
  sqlite3 *db = NULL;
  gint64 n;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  n = staged_quotes (db);
  sqlite3_close (db);
  if (n < 0)
    return STAGED_NONE;
  return n >= world.n_quotes ? STAGED_ALL : STAGED_PART;
}

/* Starts a price import and, once every quote is staged (committed, not
 * published), waits `delay_us` and kills it; with `delay_us` < 0 lets it
 * finish and returns how long it ran from then.  Returns -1 when it ended
 * before it was seen all staged (it must have succeeded), else the time
 * (µs) from all staged to the kill or the end. */
static gint64
run_to_publish (const char         *db,
                const char *const  *args,
                gint64              delay_us)
{
  g_autoptr(GPtrArray) argv = make_argv (db, args);
  g_auto(GStrv) env = make_env ();
  g_autoptr(GError) error = NULL;
  sqlite3 *look = NULL;
  gint64 seen = 0;
  GPid pid;
  int status = 0;

  if (!g_spawn_async (NULL, (char **) argv->pdata, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                      G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    fail_msg ("could not run jicai-cli: %s", error->message);
  assert_int_equal (sqlite3_open_v2 (db, &look, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  sqlite3_busy_timeout (look, 1000);
  while (waitpid (pid, &status, WNOHANG) == 0)
    {
      if (staged_quotes (look) >= world.n_quotes)
        {
          seen = g_get_monotonic_time ();
          break;
        }
      g_usleep (500);
    }
  sqlite3_close (look);
  if (seen == 0)
    {
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        fail_msg ("jicai-cli %s failed on its own (status %d)", args[0], status);
      return -1;
    }
  if (delay_us >= 0)
    {
      g_usleep ((gulong) delay_us);
      kill (pid, SIGKILL);
    }
  assert_int_equal (waitpid (pid, &status, 0), pid);
  g_spawn_close_pid (pid);
  if (delay_us < 0 && (!WIFEXITED (status) || WEXITSTATUS (status) != 0))
    fail_msg ("jicai-cli %s failed (status %d)", args[0], status);
  if (delay_us >= 0 && !(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
    return -1;   /* it ended between the look and the kill */
  return g_get_monotonic_time () - seen;
}

/* ---- files ---------------------------------------------------------------- */

static char *
path_in (const char *name)
{
  return g_build_filename (world.dir, name, NULL);
}

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
copy_db (const char *from,
         const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *wal = g_strconcat (from, "-wal", NULL);
  gsize len = 0;

  /* a base is always closed cleanly: no WAL beside it */
  assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  remove_db (to);
  if (!g_file_get_contents (from, &data, &len, &error) ||
      !g_file_set_contents_full (to, data, (gssize) len, G_FILE_SET_CONTENTS_NONE, 0666, &error))
    fail_msg ("copying %s: %s", from, error->message);
}

static void
write_text (const char *name,
            GString    *text)
{
  g_autofree char *path = path_in (name);

  assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
}

/* ---- the database, looked at ---------------------------------------------- */

/* "table=rows;…" over every table, through a store opened as the app opens
 * it (recovering a WAL a killed writer left); fails the test unless the
 * integrity check passes. */
static char *
check_and_count (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (path, &error);
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = NULL;

  if (store == NULL)
    fail_msg ("%s does not open: %s", path, error->message);
  if (!jc_store_check_integrity (store, &error))
    fail_msg ("%s", error->message);
  /* through a second connection, the store open beside it */
  tables = jc_test_db_tables (path);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"", name);

      g_string_append_printf (counts, "%s=%lld;", name, (long long) jc_test_db_count (path, sql));
    }
  return g_string_free (g_steal_pointer (&counts), FALSE);
}

/* ---- the fixtures: the demo world and the files the operations read ------- */

/* Catalog codes, canteen codes. */
static GPtrArray *
query_column (const char *db,
              const char *sql)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  /* opened as the app opens it: closing it leaves no WAL behind */
  g_autoptr(JcStore) store = jc_store_open (db, &error);
  g_autofree char *rows = NULL;
  g_auto(GStrv) lines = NULL;

  assert_non_null (store);
  rows = jc_test_db_rows (db, sql);
  lines = g_strsplit (rows, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      gsize len = strlen (lines[i]);

      assert_true (g_str_has_suffix (lines[i], "|"));
      g_ptr_array_add (values, g_strndup (lines[i], len - 1));
    }
  return values;
}

static void
make_files (const char *demo)
{
  g_autoptr(GPtrArray) markets = query_column (demo, "SELECT DISTINCT market_name FROM prices "
                                                     "ORDER BY market_name LIMIT 400");
  g_autoptr(GPtrArray) items = query_column (demo, "SELECT code FROM items WHERE active = 1 "
                                                   "AND base_unit = 'kg' ORDER BY code LIMIT 40");
  g_autoptr(GPtrArray) canteens = query_column (demo, "SELECT code FROM canteens "
                                                      "WHERE active = 1 ORDER BY code");
  g_autoptr(GString) prices = g_string_new ("prodCat,prodPcat,prodName,lowPrice,avgPrice,"
                                            "highPrice,place,unitInfo,pubDate\n");
  g_autoptr(GString) changed = g_string_new (prices->str);
  g_autoptr(GString) orders = g_string_new ("canteen,date,item,qty,unit,note\n");
  g_autoptr(GString) purchases = g_string_new ("date,item,qty,unit,price,price_unit\n");
  GDate day;

  assert_true (markets->len > 50);
  assert_true (items->len > 10);
  assert_true (canteens->len > 5);
  /* a large price file: days after the demo's last, every market name */
  g_date_set_dmy (&day, 18, 11, 2026);
  for (guint d = 0; d < N_PRICE_DAYS; d++)
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      for (guint m = 0; m < markets->len; m++)
        {
          g_string_append_printf (prices, "蔬菜,,%s,%u.0,%u.5,%u.0,,斤,%s 00:00:00\n",
                                  (char *) g_ptr_array_index (markets, m), 1 + (d + m) % 9,
                                  1 + (d + m) % 9, 2 + (d + m) % 9, date);
          /* the same quotes, every price changed */
          g_string_append_printf (changed, "蔬菜,,%s,%u.1,%u.6,%u.1,,斤,%s 00:00:00\n",
                                  (char *) g_ptr_array_index (markets, m), 1 + (d + m) % 9,
                                  1 + (d + m) % 9, 2 + (d + m) % 9, date);
        }
      g_date_add_days (&day, 1);
    }
  write_text ("prices.csv", prices);
  write_text ("prices2.csv", changed);

  /* every canteen orders every item */
  for (guint c = 0; c < canteens->len; c++)
    for (guint i = 0; i < items->len; i++)
      g_string_append_printf (orders, "%s," DATE ",%s,%u,kg,\n",
                              (char *) g_ptr_array_index (canteens, c),
                              (char *) g_ptr_array_index (items, i), 1 + (c + i) % 7);
  write_text ("orders.csv", orders);

  for (guint i = 0; i < items->len; i++)
    g_string_append_printf (purchases, DATE ",%s,%u,kg,3.5,kg\n",
                            (char *) g_ptr_array_index (items, i), 10 + i);
  write_text ("purchases.csv", purchases);
}

/* The states the operations start from, each closed cleanly. */
static void
make_bases (void)
{
  g_autofree char *demo = path_in ("demo.db");
  g_autofree char *ordered = path_in ("ordered.db");
  g_autofree char *locked = path_in ("locked.db");
  g_autofree char *imported = path_in ("imported.db");

  run_whole (demo, (const char *[]) { "init", "--demo", NULL });
  make_files (demo);
  copy_db (demo, imported);
  run_whole (imported, (const char *[]) { "prices", "import", "@prices.csv", NULL });
  {
    /* the quotes one price file stores */
    g_autoptr(GPtrArray) a = query_column (demo, "SELECT COUNT(*) FROM prices");
    g_autoptr(GPtrArray) b = query_column (imported, "SELECT COUNT(*) FROM prices");

    world.n_quotes = g_ascii_strtoll (b->pdata[0], NULL, 10) -
                     g_ascii_strtoll (a->pdata[0], NULL, 10);
    assert_true (world.n_quotes > 5000);
  }
  copy_db (demo, ordered);
  run_whole (ordered, (const char *[]) { "orders", "import", "@orders.csv", "--yes", NULL });
  copy_db (ordered, locked);
  run_whole (locked, (const char *[]) { "plan", "lock", "--date", DATE, "--yes", NULL });
}

static const Operation operations[] = {
  { "price import", "demo.db", { "prices", "import", "@prices.csv", NULL } },
  { "price re-import", "imported.db", { "prices", "import", "@prices2.csv", NULL }, FALSE, TRUE },
  { "order import", "demo.db", { "orders", "import", "@orders.csv", "--yes", NULL } },
  { "plan lock", "ordered.db", { "plan", "lock", "--date", DATE, "--yes", NULL } },
  { "purchase recording", "locked.db", { "purchases", "record", "@purchases.csv", NULL } },
  { "delivery save", "locked.db", { "deliver", "--date", DATE, "--iterations", "3000",
                                    "--seed", "1", NULL } },
  { "backup", "demo.db", { "backup", "@backup.db", NULL }, TRUE },
};

/* ---- the test ------------------------------------------------------------- */

static void
check_backup_target (const char *expected_counts)
{
  g_autofree char *target = path_in ("backup.db");
  g_autofree char *counts = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_test (target, G_FILE_TEST_EXISTS))
    return;
  /* present: a whole copy, nothing less */
  if (!jc_store_inspect_backup (NULL, target, NULL, &error))
    fail_msg ("the backup is there but not whole: %s", error->message);
  counts = check_and_count (target);
  assert_string_equal (counts, expected_counts);
}

static void
remove_backup_files (void)
{
  GDir *d = g_dir_open (world.dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "backup.db") || g_str_has_prefix (name, ".backup.db."))
      g_ptr_array_add (names, path_in (name));
  g_dir_close (d);
  for (guint i = 0; i < names->len; i++)
    g_remove (g_ptr_array_index (names, i));
}

static void
crash_operation (const Operation *op)
{
  g_autofree char *base = path_in (op->base);
  g_autofree char *work = path_in ("work.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint kills = 0, present = 0, absent = 0, finished = 0;
  guint staged[3] = { 0 };
  gint64 duration;

  /* what a whole run leaves, and how long it takes */
  copy_db (base, work);
  before = check_and_count (work);
  remove_db (work);
  copy_db (base, work);
  remove_backup_files ();
  if (op->at_publish)
    {
      /* from all staged to the end of the run */
      duration = run_to_publish (work, op->args, -1);
      if (duration < 0)
        fail_msg ("%s: never seen with every quote staged", op->name);
    }
  else
    duration = run_whole (work, op->args);
  after = op->is_backup ? g_strdup (before) : check_and_count (work);
  if (!op->is_backup && g_strcmp0 (before, after) == 0)
    fail_msg ("%s: a whole run changed no table", op->name);
  if (op->is_backup)
    check_backup_target (before);

  for (guint attempt = 0; kills < world.kills_per_op &&
                          attempt < world.kills_per_op * MAX_ATTEMPTS_FACTOR; attempt++)
    {
      /* over the whole run but its last fifth: a warm run ends sooner
       * than the first, measured one */
      gint64 delay = g_rand_int_range (world.rand, 0, (gint32) MAX (duration * 4 / 5, 2));
      g_autofree char *counts = NULL;

      gboolean killed, is_present = FALSE;  /* gcc -O1 misses that fail_msg never returns */
      Staged st = STAGED_NONE;

      copy_db (base, work);
      remove_backup_files ();
      if (op->at_publish)
        killed = run_to_publish (work, op->args, delay) >= 0;
      else
        killed = run_killed (work, op->args, delay);
      if (!op->is_backup)
        st = look_staged (work);
      counts = check_and_count (work);
      if (op->is_backup)
        {
          g_autofree char *target = path_in ("backup.db");

          assert_string_equal (counts, before);
          is_present = g_file_test (target, G_FILE_TEST_EXISTS);
          check_backup_target (before);
        }
      else if (g_str_equal (counts, after))
        is_present = TRUE;
      else if (g_str_equal (counts, before))
        is_present = FALSE;
      else
        fail_msg ("%s killed after %.3f s: neither before nor after\n  before %s\n  after  %s\n"
                  "  found  %s\n(seed %u)", op->name, delay / 1e6, before, after, counts,
                  world.seed);
      /* staged and not published: nothing of it may be seen, and opening
       * the database removed it */
      if (st != STAGED_NONE && is_present)
        fail_msg ("%s killed after %.3f s with quotes staged: the import is there (seed %u)",
                  op->name, delay / 1e6, world.seed);
      if (killed)
        staged[st]++;
      if (!killed)
        {
          /* it had finished: the whole operation must be there */
          assert_true (is_present);
          finished++;
        }
      else if (is_present)
        {
          kills++;
          present++;
        }
      else
        {
          kills++;
          absent++;
        }
    }
  g_string_append_printf (world.summary,
                          "  %-18s %s %6.3f s: %2u kills, afterwards %u wholly absent "
                          "and %u wholly present (%u more runs finished before their moment)\n",
                          op->name, op->at_publish ? "all staged to end" : "whole run",
                          duration / 1e6, kills, absent, present, finished);
  if (staged[STAGED_PART] + staged[STAGED_ALL] > 0)
    g_string_append_printf (world.summary,
                            "  %-18s kills while staging %u, with all staged before the publish "
                            "%u, before staging or after the publish %u\n", "",
                            staged[STAGED_PART], staged[STAGED_ALL], staged[STAGED_NONE]);
  world.total_kills += kills;
  remove_db (work);
  remove_backup_files ();
}

static void
test_kills (void **state)
{
  if (g_getenv ("JICAI_CLI") == NULL)
    {
      print_message ("JICAI_CLI is not set: nothing to kill\n");
      return;
    }
  make_bases ();
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    crash_operation (&operations[i]);
  print_message ("crash: seed %u; rerun with JICAI_CRASH_SEED=%u\n%s", world.seed, world.seed,
                 world.summary->str);
  print_message ("crash: %u kills in all, every database intact, every operation all or "
                 "nothing\n", world.total_kills);
  assert_true (world.total_kills >= MIN (50, world.kills_per_op * G_N_ELEMENTS (operations)));
}

int
main (void)
{
  const char *seed = g_getenv ("JICAI_CRASH_SEED");
  const char *kills = g_getenv ("JICAI_CRASH_KILLS");
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kills),
  };
  int rc;

  world.seed = seed != NULL ? (guint) g_ascii_strtoull (seed, NULL, 10) : g_random_int ();
  world.kills_per_op = kills != NULL ? (guint) g_ascii_strtoull (kills, NULL, 10) : 9;
  world.rand = g_rand_new_with_seed (world.seed);
  world.summary = g_string_new (NULL);
  world.dir = jc_test_tmpdir ();
  print_message ("crash: seed %u (JICAI_CRASH_SEED=%u replays these moments)\n", world.seed,
                 world.seed);
  rc = cmocka_run_group_tests (tests, NULL, NULL);
  jc_test_rmtree (world.dir);
  g_free (world.dir);
  g_rand_free (world.rand);
  g_string_free (world.summary, TRUE);
  return rc;
}
