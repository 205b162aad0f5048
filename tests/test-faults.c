/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-faults.c: storage faults (issue 13 item 7) — a disk that fills up
 * or fails during a price import, an order save, a plan lock, a purchase
 * recording and a backup; a read-only database or folder; the database
 * file moved, deleted or replaced while it is open.  Each must give the
 * store error that says what to do, leave the database whole with the
 * operation wholly absent, and let the process go on.  The faults come
 * from a SQLite VFS the test installs (jc-test-vfs.c), so no root and no
 * small filesystem are needed; the CLI's disk-full case runs jicai-cli
 * under a file size limit (RLIMIT_FSIZE), which holds for root too.  Only
 * the chmod case needs a user that permissions stop: as root it runs in a
 * child that becomes nobody (uid 65534), and skips, saying so, only when
 * that child cannot run.  SQLite only, and not registered on PostgreSQL:
 * the faults are a SQLite VFS's and the files' (a server that drops
 * mid-transaction is issue 14 item 5's). */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-test-vfs.h"
#include "jc-test-world.h"
#include "jc-error.h"
#include "jc-price-import.h"
#include "jc-store-sqlite.h"

/* "table=count;…" for every table of the database: the whole visible
 * state an operation can change. */
static char *
table_counts (JcStore *store)
{
  sqlite3 *db = _jc_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *counts = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  assert_int_equal (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                        -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM \"%s\"",
                                              (char *) tables->pdata[i]);

      assert_int_equal (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
      assert_int_equal (sqlite3_step (stmt), SQLITE_ROW);
      g_string_append_printf (counts, "%s=%lld;", (char *) tables->pdata[i],
                              (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return g_string_free (counts, FALSE);
}

/* The integrity check passes and every table has the counts `expected`,
 * through `store` and through a connection opened afresh. */
static void
assert_whole (JcStore    *store,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) fresh = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *fresh_counts = NULL;

  assert_true (jc_store_check_integrity (store, &error));
  assert_no_error (error);
  counts = table_counts (store);
  assert_string_equal (counts, expected);
  fresh = jc_store_open (jc_store_get_path (store), &error);
  assert_no_error (error);
  assert_true (jc_store_check_integrity (fresh, &error));
  assert_no_error (error);
  fresh_counts = table_counts (fresh);
  assert_string_equal (fresh_counts, expected);
}

typedef gboolean (*Operation) (JcTestWorld *w,
                               GError     **error);

static gboolean op_backup (JcTestWorld  *w,
                           GError      **error);

/* Runs `op` with writes to files ending in `suffix` failing with `rc`
 * after `budget` bytes: the operation fails with `code` and a message
 * holding `words` and the file's path, the fault was hit, and nothing of
 * it is in the database, which stays whole and usable; run again with
 * the disk "freed", it succeeds and changes the database (a backup: makes
 * its file). */
static void
check_fault (JcTestWorld *w,
             Operation    op,
             const char  *suffix,
             gint64       budget,
             int          rc,
             int          code,
             const char  *words,
             const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = table_counts (w->store);
  g_autofree char *after = NULL;
  gboolean ok;
  guint failures;

  jc_test_vfs_fail_writes (suffix, budget, rc);
  ok = op (w, &error);
  failures = jc_test_vfs_failures ();
  jc_test_vfs_reset ();
  if (ok)
    fail_msg ("the operation succeeded on a full disk (%u writes refused)", failures);
  assert_true (failures > 0);
  assert_error (error, JC_STORE_ERROR, code);
  assert_contains (error->message, words);
  assert_contains (error->message, path);
  print_message ("%s\n", error->message);
  assert_whole (w->store, before);

  g_clear_error (&error);
  assert_true (op (w, &error));
  assert_no_error (error);
  after = table_counts (w->store);
  if (op != op_backup)
    assert_string_not_equal (after, before);
}

static int
setup (void **state)
{
  jc_test_vfs_install ();
  *state = jc_test_world_new ();
  return 0;
}

static int
teardown (void **state)
{
  jc_test_vfs_reset ();
  jc_test_world_free (*state);
  return 0;
}

/* ---- disk full / I/O error during each kind of write --------------- */

/* 5 items × 600 days: 3,000 rows, several hundred KiB of WAL; each call
 * the 600 days after the last call's, so that each has rows to store. */
static gboolean
op_price_import (JcTestWorld  *w,
                 GError      **error)
{
  static guint calls;
  g_autofree char *path = g_build_filename (w->dir, "prices.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n");
  g_autoptr(GDate) day = g_date_new_dmy (1, 1, 2015);
  const char *names[] = { "大白菜", "猪肉", "草鱼", "花生油", "豆腐" };
  JcImportReport report;
  gboolean ok;

  g_date_add_days (day, 600 * calls++);
  for (guint d = 0; d < 600; d++, g_date_add_days (day, 1))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_string_append_printf (csv, "%s,1.0,1.%u,1.9,,冀,斤,%04u-%02u-%02u\n", names[i], d % 9,
                              g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
  assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  jc_import_report_init (&report);
  ok = jc_prices_import_file (w->store, path, "csv", NULL, "新发地", NULL, NULL, NULL, NULL, NULL,
                              &report, error);
  jc_import_report_clear (&report);
  return ok;
}

static void
test_full_price_import (void **state)
{
  JcTestWorld *w = *state;
  check_fault (w, op_price_import, "-wal", 64 * 1024, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL,
               "is full: nothing of this change was saved. Free some space",
               jc_store_get_path (w->store));
  /* a full disk at the first byte as well as part-way */
  check_fault (w, op_price_import, "-wal", 0, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL, "is full",
               jc_store_get_path (w->store));
}

static gboolean
op_order_save (JcTestWorld  *w,
               GError      **error)
{
  g_autoptr(JcOrder) o = jc_store_get_order (w->store, "CT02", "2026-11-20", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2020, 1, 1, 9, 0, 0);

  assert_non_null (o);
  g_ptr_array_add (o->lines, jc_order_line_parse (jc_test_world_item (w, "M001"), "2.5", "kg", "",
                                                  NULL));
  return jc_orders_save (w->store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, error);
}

static void
test_full_order_save (void **state)
{
  JcTestWorld *w = *state;

  check_fault (w, op_order_save, "-wal", 2048, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL,
               "is full: nothing of this change was saved", jc_store_get_path (w->store));
}

/* An I/O error (a failing disk, a lost network share) instead of a full
 * one: named as such, the system's reason quoted. */
static void
test_io_error_order_save (void **state)
{
  JcTestWorld *w = *state;

  check_fault (w, op_order_save, "-wal", 0, SQLITE_IOERR_WRITE, JC_STORE_ERROR_IO,
               "could not be read or written", jc_store_get_path (w->store));
}

static gboolean
op_lock (JcTestWorld  *w,
         GError      **error)
{
  return jc_plan_lock (w->store, "2026-11-20", 7, "staff", error);
}

static gboolean
op_buy (JcTestWorld  *w,
        GError      **error)
{
  return jc_plan_record_purchase (w->store, "2026-11-20", "V001", 12000, 2400, "staff", "",
                                  error);
}

static void
test_full_plan_lock_and_purchase (void **state)
{
  JcTestWorld *w = *state;

  jc_test_world_quote (w, w->src, "V001", "2026-11-19", 2500);
  jc_test_world_order (w, "CT01", "2026-11-20", "V001", "12");
  check_fault (w, op_lock, "-wal", 4096, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL,
               "is full: nothing of this change was saved", jc_store_get_path (w->store));
  check_fault (w, op_buy, "-wal", 1024, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL,
               "is full: nothing of this change was saved", jc_store_get_path (w->store));
}

static gboolean
op_backup (JcTestWorld  *w,
           GError      **error)
{
  g_autofree char *path = g_build_filename (w->dir, "backup.db", NULL);

  return jc_store_backup (w->store, path, FALSE, NULL, NULL, error);
}

/* The backup's disk fills up: no backup file, no temporary file, the
 * database untouched; with space again the backup is made. */
static void
test_full_backup (void **state)
{
  JcTestWorld *w = *state;
  g_autofree char *target = g_build_filename (w->dir, "backup.db", NULL);
  g_autofree char *names = jc_test_list_dir (w->dir);
  g_autofree char *names_after = NULL;

  check_fault (w, op_backup, NULL, 16 * 1024, SQLITE_FULL, JC_STORE_ERROR_DISK_FULL,
               "is full", target);
  /* check_fault made the backup at its second try */
  assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_unlink (target);
  names_after = jc_test_list_dir (w->dir);
  assert_string_equal (names_after, names);
}

/* The backup's failure itself leaves nothing beside the target. */
static void
test_full_backup_leaves_no_temp (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = jc_test_list_dir (w->dir);
  g_autofree char *names_after = NULL;

  jc_test_vfs_fail_writes (NULL, 4096, SQLITE_FULL);
  assert_false (op_backup (w, &error));
  jc_test_vfs_reset ();
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DISK_FULL);
  names_after = jc_test_list_dir (w->dir);
  assert_string_equal (names_after, names);
}

/* ---- read-only --------------------------------------------------------- */

/* Opening a database whose file cannot be written says so and why, and
 * changes nothing. */
static void
test_read_only_file (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  JcStore *store;

  g_clear_pointer (&w->store, jc_store_free);
  before = jc_test_read (path);
  jc_test_vfs_read_only (TRUE);
  store = jc_store_open (path, &error);
  jc_test_vfs_reset ();
  assert_null (store);
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_READ_ONLY);
  assert_contains (error->message, path);
  assert_contains (error->message, "is read-only: nothing was changed. Make the file and its "
                                   "folder writable");
  after = jc_test_read (path);
  assert_true (g_bytes_equal (before, after));
}

/* A write refused as read-only by the file system while the database is
 * open (a share remounted read-only): the write's error says so, and the
 * store goes on. */
static void
test_read_only_write (void **state)
{
  JcTestWorld *w = *state;

  check_fault (w, op_order_save, "-wal", 0, SQLITE_READONLY, JC_STORE_ERROR_READ_ONLY,
               "is read-only: nothing was changed", jc_store_get_path (w->store));
}

/* The folder is read-only: the -wal and -shm files beside the database
 * cannot be made.  Refused at open, saying which files and where. */
static void
test_read_only_folder (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  JcStore *store;

  g_clear_pointer (&w->store, jc_store_free);
  assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));   /* the last close removed it */
  jc_test_vfs_no_side_files (TRUE);
  store = jc_store_open (path, &error);
  assert_true (jc_test_vfs_failures () > 0);
  jc_test_vfs_reset ();
  assert_null (store);
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN);
  assert_true (g_str_has_prefix (error->message, "Cannot open “"));
  assert_contains (error->message, path);
  assert_contains (error->message, "-wal and -shm");
  assert_contains (error->message, "the file and its folder must exist and be writable for you");
  g_clear_error (&error);
  w->store = jc_store_open (path, &error);
  assert_no_error (error);
}

/* The checks of test_read_only_chmod, for a user whom file permissions
 * stop, on the closed database at `path` in the folder `dir`, both owned
 * by that user: NULL when they hold, else what failed.  Plain checks, not
 * cmocka's, because as root they run in a child process (below), where a
 * failed assertion would jump into cmocka's runner in the child. */
static char *
read_only_chmod_checks (const char *path,
                        const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;

  if (g_chmod (path, 0444) != 0)
    return g_strdup_printf ("chmod 0444 %s: %s", path, g_strerror (errno));
  store = jc_store_open (path, &error);
  if (store != NULL)
    return g_strdup ("a read-only database file was opened for writing");
  if (!g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_READ_ONLY) ||
      strstr (error->message, "is read-only") == NULL)
    return g_strdup_printf ("read-only file: expected JC_STORE_ERROR_READ_ONLY saying "
                            "\"is read-only\", got %s %d: %s", g_quark_to_string (error->domain),
                            error->code, error->message);
  g_clear_error (&error);
  if (g_chmod (path, 0644) != 0 || g_chmod (dir, 0555) != 0)
    return g_strdup_printf ("chmod %s or %s: %s", path, dir, g_strerror (errno));
  store = jc_store_open (path, &error);
  if (g_chmod (dir, 0755) != 0)
    return g_strdup_printf ("chmod 0755 %s: %s", dir, g_strerror (errno));
  if (store != NULL)
    return g_strdup ("a database in a read-only folder was opened for writing");
  if (!(g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN) ||
        g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_READ_ONLY)) ||
      strstr (error->message, path) == NULL)
    return g_strdup_printf ("read-only folder: expected JC_STORE_ERROR_CANT_OPEN or _READ_ONLY "
                            "naming %s, got %s %d: %s", path, g_quark_to_string (error->domain),
                            error->code, error->message);
  return NULL;
}

/* The user the root run drops to: nobody. */
#define UNPRIVILEGED_ID 65534
/* A child's exit status: it could not become that user or reach the
 * database as that user. */
#define CHMOD_CANNOT_RUN 77

/* As root, whom permissions do not stop: the checks run in a child that
 * becomes nobody (setgroups, setresgid, setresuid — what `setpriv
 * --reuid=65534 --regid=65534 --clear-groups` does) on the database and
 * its folder handed to nobody.  TRUE when the checks held; FALSE with
 * `why` when the child could not be that user or reach the files (then
 * the test skips, saying so); a failed check fails the test. */
static gboolean
read_only_chmod_as_nobody (const char  *path,
                           const char  *dir,
                           char       **why)
{
  int pipe_fds[2];
  g_autoptr(GString) report = g_string_new (NULL);
  char buffer[512];
  ssize_t n;
  pid_t pid;
  int status;

  if (chown (dir, UNPRIVILEGED_ID, UNPRIVILEGED_ID) != 0 ||
      chown (path, UNPRIVILEGED_ID, UNPRIVILEGED_ID) != 0)
    {
      *why = g_strdup_printf ("cannot hand %s to uid %d: %s", path, UNPRIVILEGED_ID,
                              g_strerror (errno));
      return FALSE;
    }
  assert_int_equal (pipe (pipe_fds), 0);
  pid = fork ();
  assert_true (pid >= 0);
  if (pid == 0)
    {
      g_autofree char *failure = NULL;
      gid_t gid = UNPRIVILEGED_ID;

      close (pipe_fds[0]);
      if (setgroups (1, &gid) != 0 || setresgid (gid, gid, gid) != 0 ||
          setresuid (UNPRIVILEGED_ID, UNPRIVILEGED_ID, UNPRIVILEGED_ID) != 0 ||
          geteuid () != UNPRIVILEGED_ID)
        failure = g_strdup_printf ("cannot become uid %d: %s", UNPRIVILEGED_ID, g_strerror (errno));
      else if (access (path, R_OK | W_OK) != 0)
        failure = g_strdup_printf ("uid %d cannot reach %s: %s", UNPRIVILEGED_ID, path,
                                   g_strerror (errno));
      if (failure != NULL)
        {
          (void) !write (pipe_fds[1], failure, strlen (failure));
          _exit (CHMOD_CANNOT_RUN);
        }
      failure = read_only_chmod_checks (path, dir);
      if (failure != NULL)
        (void) !write (pipe_fds[1], failure, strlen (failure));
      _exit (failure != NULL ? 1 : 0);
    }
  close (pipe_fds[1]);
  while ((n = read (pipe_fds[0], buffer, sizeof buffer)) > 0)
    g_string_append_len (report, buffer, n);
  close (pipe_fds[0]);
  assert_int_equal (waitpid (pid, &status, 0), pid);
  if (!WIFEXITED (status))
    fail_msg ("the unprivileged child died (status %d): %s", status, report->str);
  if (WEXITSTATUS (status) == CHMOD_CANNOT_RUN)
    {
      *why = g_strdup (report->str);
      return FALSE;
    }
  if (WEXITSTATUS (status) != 0)
    fail_msg ("as uid %d: %s", UNPRIVILEGED_ID, report->str);
  return TRUE;
}

/* The same with real permissions, for a user they stop: as that user
 * itself, or as root through a child that becomes nobody. */
static void
test_read_only_chmod (void **state)
{
  JcTestWorld *w = *state;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));
  g_autofree char *failure = NULL;

  g_clear_pointer (&w->store, jc_store_free);
  if (geteuid () == 0)
    {
      if (!read_only_chmod_as_nobody (path, w->dir, &failure))
        {
          print_message ("SKIPPED test_read_only_chmod: running as root, and the check as uid %d "
                         "could not run (%s); test_read_only_file covers the case through the "
                         "test VFS\n", UNPRIVILEGED_ID, failure);
          g_clear_pointer (&failure, g_free);  /* skip() jumps over the cleanup */
          w->store = jc_store_open (path, NULL);
          g_clear_pointer (&path, g_free);
          skip ();
          return;
        }
    }
  else
    {
      failure = read_only_chmod_checks (path, w->dir);
      if (failure != NULL)
        fail_msg ("%s", failure);
    }
  w->store = jc_store_open (path, NULL);
  assert_non_null (w->store);
}

/* ---- moved, deleted, replaced ------------------------------------------ */

/* The setting `key` as another connection reads the file at `path`. */
static char *
setting_in (const char *path,
            const char *key)
{
  g_autoptr(JcStore) store = jc_store_open (path, NULL);

  assert_non_null (store);
  return jc_store_get_setting (store, key);
}

static void
assert_moved (GError     *error,
              const char *path)
{
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_MOVED);
  assert_contains (error->message, path);
  assert_contains (error->message, "was moved, deleted or replaced while jicai had it open: "
                                   "nothing was written to it. Reopen the database");
}

/* Another file put in the database's place (a copy restored by hand, a
 * sync tool): no write of the open store goes into the old file or the
 * new one, each says why; what the store had committed stays with the old
 * file, never read as part of the new one (the -wal goes by the name). */
static void
test_replaced (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));
  g_autofree char *old = g_strconcat (path, ".old", NULL);
  g_autofree char *backup = g_build_filename (w->dir, "backup.db", NULL);
  g_autofree char *in_old = NULL;
  g_autofree char *in_new = NULL;
  g_autoptr(GBytes) new_before = NULL;
  g_autoptr(GBytes) new_after = NULL;

  assert_true (jc_store_set_setting (w->store, "fault_probe", "in the backup", &error));
  assert_true (op_backup (w, &error));
  assert_no_error (error);
  /* committed, in the -wal only */
  assert_true (jc_store_set_setting (w->store, "fault_probe", "in the old file", &error));
  assert_no_error (error);
  assert_int_equal (g_rename (path, old), 0);
  assert_int_equal (g_rename (backup, path), 0);
  new_before = jc_test_read (path);

  /* a single statement (its own transaction: the commit hook) */
  assert_false (jc_store_set_setting (w->store, "fault_probe", "lost", &error));
  assert_moved (error, path);
  g_clear_error (&error);
  /* a unit of writing (refused at its start) */
  assert_false (op_order_save (w, &error));
  assert_moved (error, path);
  g_clear_error (&error);
  /* a transaction of its own */
  assert_false (jc_store_begin (w->store, &error));
  assert_moved (error, path);
  g_clear_error (&error);
  /* reading goes on, in the file it has open */
  in_old = jc_store_get_setting (w->store, "fault_probe");
  assert_string_equal (in_old, "in the old file");

  g_clear_pointer (&w->store, jc_store_free);
  new_after = jc_test_read (path);
  assert_true (g_bytes_equal (new_before, new_after));
  in_new = setting_in (path, "fault_probe");
  assert_string_equal (in_new, "in the backup");
  g_free (in_old);
  in_old = setting_in (old, "fault_probe");
  assert_string_equal (in_old, "in the old file");
  /* reopened, the database in its place takes writes again */
  w->store = jc_store_open (path, &error);
  assert_no_error (error);
  assert_true (jc_store_set_setting (w->store, "fault_probe", "after", &error));
  assert_no_error (error);
  assert_true (jc_store_check_integrity (w->store, &error));
  assert_no_error (error);
}

/* The file deleted under the open store: nothing is written into the
 * deleted file, and the write says so. */
static void
test_deleted (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));

  assert_int_equal (g_unlink (path), 0);
  assert_false (op_order_save (w, &error));
  assert_moved (error, path);
  g_clear_error (&error);
  assert_false (jc_store_set_setting (w->store, "fault_probe", "x", &error));
  assert_moved (error, path);
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ---- the CLI on a full disk --------------------------------------------- */

typedef struct {
  rlim_t limit;
} ChildLimit;

static void
limit_file_size (gpointer data)
{
  ChildLimit *l = data;
  struct rlimit r = { l->limit, l->limit };

  signal (SIGXFSZ, SIG_IGN);   /* a write beyond the limit fails with EFBIG instead */
  setrlimit (RLIMIT_FSIZE, &r);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* jicai-cli prices import on a disk that fills up: exit status 1, one
 * clear sentence, nothing imported, the database whole. */
static void
test_cli_full_disk (void **state)
{
  JcTestWorld *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (jc_store_get_path (w->store));
  g_autofree char *csv = g_build_filename (w->dir, "prices.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JcStore) fresh = NULL;
  g_autofree char *fresh_counts = NULL;
  ChildLimit limit;
  int status = 0;

  /* write prices.csv through the import (it must fit in the limit too) */
  assert_true (op_price_import (w, &error));
  assert_no_error (error);
  before = table_counts (w->store);
  g_clear_pointer (&w->store, jc_store_free);   /* checkpointed: no -wal left */
  /* the import's WAL grows past 128 KiB; the database file is only read */
  limit.limit = 128 * 1024;

  {
    const char *argv[] = { g_getenv ("JICAI_CLI"), "--db", path, "prices", "import", csv,
                           "--source", "另一个", NULL };

    assert_non_null (argv[0]);
    assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                               limit_file_size, &limit, &out, &err, &status, &error));
  }
  print_message ("%s", err);
  assert_true (WIFEXITED (status));
  assert_int_equal (WEXITSTATUS (status), 1);
  /* a write across the limit is "full", one at it an I/O error (EFBIG):
   * either sentence says nothing was saved and what to do */
  assert_true (strstr (err, "is full: nothing of this change was saved. Free some space") != NULL ||
               strstr (err, "could not be read or written (") != NULL);
  assert_contains (err, "nothing of this change was saved");
  assert_int_equal (count_lines (err), 1);
  assert_contains (err, path);

  fresh = jc_store_open (path, &error);
  assert_no_error (error);
  assert_true (jc_store_check_integrity (fresh, &error));
  assert_no_error (error);
  fresh_counts = table_counts (fresh);
  /* the fetch log may say the import failed, if the disk had room for it;
   * no price and no new source */
  {
    g_autofree char *prices_before = g_strdup (strstr (before, ";prices="));
    const char *prices_after = strstr (fresh_counts, ";prices=");

    assert_non_null (prices_before);
    assert_non_null (prices_after);
    *strchr (prices_before + 1, ';') = '\0';
    assert_true (g_str_has_prefix (prices_after, prices_before));
  }
  w->store = g_steal_pointer (&fresh);
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_full_price_import),
    T (test_full_order_save),
    T (test_io_error_order_save),
    T (test_full_plan_lock_and_purchase),
    T (test_full_backup),
    T (test_full_backup_leaves_no_temp),
    T (test_read_only_file),
    T (test_read_only_write),
    T (test_read_only_folder),
    T (test_read_only_chmod),
    T (test_replaced),
    T (test_deleted),
    T (test_cli_full_disk),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
