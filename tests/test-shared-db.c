/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One database file, two processes: the app keeps a store open on its main
 * thread and opens more in worker threads, while jicai-cli (a scheduled
 * `prices fetch`, a `catalog list`) opens and closes the same file again and
 * again.  Every write of both sides must survive, the file must stay whole,
 * and the app's WAL must never be deleted under it: closing any descriptor
 * of the file would drop all of the process's POSIX locks, and the other
 * process would take itself for the last connection and remove the WAL.
 *
 * SQLite only, and not registered on PostgreSQL: POSIX locks, the WAL and
 * the file's integrity_check are SQLite's (the office database's many
 * clients are issue 14 item 6's concurrency test). */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-store.h"

typedef JcTestDbFile Fixture;

static JcItem *
make_item (const char *code)
{
  JcItem *item = jc_item_new ();

  item->code = g_strdup (code);
  item->name = g_strdup ("大白菜");
  item->category = g_strdup ("veg");
  item->base_unit = JC_BASE_UNIT_KG;
  return item;
}

static void
insert (JcStore    *store,
        const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcItem) item = make_item (code);

  if (!jc_store_insert_item (store, item, &error))
    fail_msg ("writing %s: %s", code, error ? error->message : "?");
}

/* A worker thread's store, as a long JcTask (an import, a fetch, building
 * a plan) holds one while the main store stays open. */
static gpointer
open_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  JcStore *store = jc_store_open (data, &error);

  if (store == NULL)
    g_printerr ("worker: %s\n", error->message);
  return store;
}

static JcStore *
open_in_worker (const char *path)
{
  GThread *thread = g_thread_new ("worker", open_thread, (gpointer) path);
  JcStore *store = g_thread_join (thread);

  assert_non_null (store);
  return store;
}

static void
cli (const char *path,
     ...)
{
  const char *exe = g_getenv ("JICAI_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list ap;

  assert_non_null (exe);
  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) path);
  va_start (ap, path);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &out, &err, &status, &error))
    fail_msg ("could not run %s: %s", exe, error->message);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    fail_msg ("jicai-cli %s failed: %s", (char *) argv->pdata[3], err);
}

/* Fails when a descriptor of this process points at a deleted file of
 * the database (its -wal or -shm removed by another process). */
static void
assert_no_deleted_files (const char *dir,
                         const char *when)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  assert_non_null (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, dir) &&
          g_str_has_suffix (target, " (deleted)"))
        fail_msg ("%s: this process still uses %s", when, target);
    }
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
  assert_string_equal ((const char *) sqlite3_column_text (stmt, 0), "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_cli_beside_open_store (void **state)
{
  Fixture *f = *state;
  enum { ROUNDS = 6 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  JcStore *app;

  app = jc_store_open (f->path, &error);
  assert_no_error (error);
  insert (app, "APP-START");
  g_ptr_array_add (codes, g_strdup ("APP-START"));

  for (int i = 0; i < ROUNDS; i++)
    {
      g_autofree char *worker = g_strdup_printf ("WORKER-%02d", i);
      g_autofree char *main_code = g_strdup_printf ("APP-%02d", i);
      g_autofree char *cli_code = g_strdup_printf ("CLI-%02d", i);

      /* the app opens a store in a worker while its main store is open,
       * and holds it while the other process opens, reads, writes and
       * closes the file */
      JcStore *held = open_in_worker (f->path);

      cli (f->path, "catalog", "list", NULL);
      insert (app, main_code);
      cli (f->path, "catalog", "add", cli_code, "--name", "菠菜", "--category", "veg",
           "--unit", "kg", NULL);
      insert (held, worker);
      jc_store_free (held);
      assert_no_deleted_files (f->dir, worker);
      g_ptr_array_add (codes, g_steal_pointer (&worker));
      g_ptr_array_add (codes, g_steal_pointer (&main_code));
      g_ptr_array_add (codes, g_steal_pointer (&cli_code));
    }
  /* a write after the last round, then the app sees the other side's too */
  insert (app, "APP-END");
  g_ptr_array_add (codes, g_strdup ("APP-END"));
  for (guint i = 0; i < codes->len; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JcItem) item = jc_store_get_item (app, codes->pdata[i], &local);

      if (item == NULL)
        fail_msg ("the app does not see %s: %s", (char *) codes->pdata[i],
                  local ? local->message : "not found");
    }
  jc_store_free (app);

  /* after everything is closed: every write of both sides is in the file */
  {
    g_autoptr(JcStore) store = jc_store_open (f->path, &error);
    g_autoptr(GPtrArray) items = NULL;

    assert_no_error (error);
    items = jc_store_list_items (store, TRUE, &error);
    assert_no_error (error);
    assert_int_equal (items->len, codes->len);
    for (guint i = 0; i < codes->len; i++)
      {
        g_autoptr(GError) local = NULL;
        g_autoptr(JcItem) item = jc_store_get_item (store, codes->pdata[i], &local);

        if (item == NULL)
          fail_msg ("%s was lost: %s", (char *) codes->pdata[i],
                    local ? local->message : "not found");
      }
  }
  assert_integrity_ok (f->path);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    jc_test_db_file_unit_test (test_cli_beside_open_store),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
