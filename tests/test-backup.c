/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Backups and restores (jc-store-backup.c, `jicai-cli backup/restore`): a
 * backup taken while another connection writes is the committed state; a
 * restore brings back every row of every table, keeps the replaced
 * database aside, upgrades an older schema and refuses what is not a
 * jicai database of a known schema without changing anything.
 *
 * SQLite only, and not registered on PostgreSQL: the online backup API,
 * the database files and SQLite's column types are what it checks (the
 * office database is backed up with pg_dump, issue 14 item 7). */
#include "config.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <sys/wait.h>

#include "jc-test-util.h"
#include "jc-backup.h"
#include "jc-demo.h"
#include "jc-error.h"
#include "jc-output.h"
#include "jc-store-sqlite.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct {
  char *dir;
  char *path;   /* this test's database: a copy of the demo */
} Fixture;

static char *demo_dir;
static char *demo_path;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (from, &data, &len, &error) ||
      !g_file_set_contents (to, data, (gssize) len, &error))
    fail_msg ("copying %s: %s", from, error->message);
}

static int
group_setup (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  GDate today;

  demo_dir = jc_test_tmpdir ();
  demo_path = g_build_filename (demo_dir, "demo.db", NULL);
  store = jc_store_open (demo_path, &error);
  assert_non_null (store);
  g_date_set_dmy (&today, 17, 11, 2026);
  if (!jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error))
    fail_msg ("demo: %s", error->message);
  return 0;
}

static int
group_teardown (void **state)
{
  jc_test_rmtree (demo_dir);
  g_free (demo_dir);
  g_free (demo_path);
  return 0;
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = jc_test_tmpdir ();
  f->path = g_build_filename (f->dir, "jicai.db", NULL);
  copy_file (demo_path, f->path);
  *state = f;
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

static char *
file_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Every table of the database at `path`: name → sorted array of its rows,
 * each row its values with their types, read straight with sqlite3 (this
 * suite is SQLite's only: its file, its online backup, its types). */
static GHashTable *
dump_tables (const char *path)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  assert_int_equal (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  assert_int_equal (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                        "AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL),
                    SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < names->len; t++)
    {
      const char *name = g_ptr_array_index (names, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

      assert_int_equal (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              int type = sqlite3_column_type (stmt, c);
              const unsigned char *text = sqlite3_column_text (stmt, c);

              g_string_append_printf (row, "%s%d:%s", c > 0 ? "|" : "", type,
                                      type == SQLITE_NULL ? "" : (const char *) text);
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_hash_table_insert (tables, g_strdup (name), rows);
    }
  sqlite3_close (db);
  return tables;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every table of `a` and `b` holds the same rows. */
static void
assert_same_tables (const char *a,
                    const char *b)
{
  g_autoptr(GHashTable) ta = dump_tables (a);
  g_autoptr(GHashTable) tb = dump_tables (b);
  GHashTableIter iter;
  gpointer key, value;
  guint n_rows = 0;

  assert_int_equal (g_hash_table_size (ta), g_hash_table_size (tb));
  g_hash_table_iter_init (&iter, ta);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *ra = value;
      GPtrArray *rb = g_hash_table_lookup (tb, key);

      if (rb == NULL)
        fail_msg ("table %s is missing", (char *) key);
      g_ptr_array_sort (ra, compare_rows);
      g_ptr_array_sort (rb, compare_rows);
      if (ra->len != rb->len)
        fail_msg ("table %s: %u rows, not %u", (char *) key, rb->len, ra->len);
      for (guint i = 0; i < ra->len; i++)
        if (strcmp (g_ptr_array_index (ra, i), g_ptr_array_index (rb, i)) != 0)
          fail_msg ("table %s, row %u: %s, not %s", (char *) key, i,
                    (char *) g_ptr_array_index (rb, i), (char *) g_ptr_array_index (ra, i));
      n_rows += ra->len;
    }
  assert_true (n_rows > 1000);
}

/* Refused before the database was opened: not a byte changed. */
static void
assert_same_bytes (const char *a,
                   const char *b)
{
  g_autoptr(GBytes) da = jc_test_read (a);
  g_autoptr(GBytes) db = jc_test_read (b);

  assert_true (g_bytes_equal (da, db));
}

static gint64
count (JcStore    *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = _jc_store_count (store, sql, &error);

  assert_null (error);
  return n;
}

static void
assert_file_absent (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    fail_msg ("%s exists", path);
}

/* Names in `dir` that start with `prefix`. */
static guint
count_named (const char *dir,
             const char *prefix)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  assert_non_null (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  g_dir_close (d);
  return n;
}

/* ---- backup -------------------------------------------------------------- */

static void
test_backup_while_writing (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) writer = jc_store_open (f->path, &error);
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcStore) copy = NULL;
  g_autofree char *target = file_in (f, "backup.db");
  g_autofree char *wal = g_strconcat (target, "-wal", NULL);
  g_autofree char *journal = g_strconcat (target, "-journal", NULL);
  gint64 n_items;

  assert_non_null (writer);
  assert_non_null (store);
  n_items = count (store, "SELECT COUNT(*) FROM items");
  /* the app is in the middle of a write: the backup neither waits for it
   * nor sees it */
  assert_true (jc_store_begin (writer, &error));
  if (!_jc_store_exec (writer, "DELETE FROM prices", &error))
    fail_msg ("%s", error->message);
  if (!jc_store_backup (store, target, FALSE, NULL, NULL, &error))
    fail_msg ("backup: %s", error->message);
  assert_true (jc_store_commit (writer, &error));
  assert_int_equal (count (writer, "SELECT COUNT(*) FROM prices"), 0);

  /* a file of its own: no WAL beside it, no temporary left */
  assert_file_absent (wal);
  assert_file_absent (journal);
  assert_int_equal (count_named (f->dir, ".backup.db"), 0);
  copy = jc_store_open (target, &error);
  assert_non_null (copy);
  assert_true (jc_store_check_integrity (copy, &error));
  assert_int_equal (count (copy, "SELECT COUNT(*) FROM items"), n_items);
  assert_true (count (copy, "SELECT COUNT(*) FROM prices") > 1000);
}

static void
test_backup_refuses (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autofree char *target = file_in (f, "there.db");
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *data = NULL;

  assert_non_null (store);
  assert_true (g_file_set_contents (target, "mine", -1, NULL));
  assert_false (jc_store_backup (store, target, FALSE, NULL, NULL, &error));
  assert_true (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS));
  assert_true (g_file_get_contents (target, &data, NULL, NULL));
  assert_string_equal (data, "mine");
  g_clear_error (&error);

  /* the database and its WAL, even when told to replace */
  assert_false (jc_store_backup (store, f->path, TRUE, NULL, NULL, &error));
  assert_true (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE));
  g_clear_error (&error);
  assert_false (jc_store_backup (store, wal, TRUE, NULL, NULL, &error));
  assert_true (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE));
  g_clear_error (&error);
  assert_false (jc_store_backup (store, f->dir, TRUE, NULL, NULL, &error));
  assert_true (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FOLDER));
  g_clear_error (&error);

  /* replaced when told to */
  assert_true (jc_store_backup (store, target, TRUE, NULL, NULL, &error));
  assert_true (jc_store_inspect_backup (NULL, target, NULL, &error));
  assert_int_equal (count_named (f->dir, ".there.db"), 0);
}

/* ---- restore ------------------------------------------------------------- */

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  double *last = user_data;

  assert_true (fraction >= *last && fraction <= 1.0);
  *last = fraction;
}

static void
test_restore_every_row (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcStore) reopened = NULL;
  g_autofree char *backup = file_in (f, "backup.db");
  g_autofree char *before = file_in (f, "before.db");
  g_autofree char *aside = NULL;
  double last = 0;
  int version = 0;

  assert_non_null (store);
  assert_true (jc_store_backup (store, backup, FALSE, on_progress_cb, &last, &error));
  assert_true (last == 1.0);

  /* the day after the backup: rows changed, removed and added */
  if (!_jc_store_exec (store, "DELETE FROM prices WHERE rowid % 3 = 0;"
                             "UPDATE canteens SET name = name || '（改）';"
                             "INSERT INTO settings (key, value) VALUES ('x.after', '1');",
                       &error))
    fail_msg ("%s", error->message);
  assert_true (jc_store_backup (store, before, FALSE, NULL, NULL, &error));

  /* restored while this connection stays open, as the app's would */
  last = 0;
  if (!jc_store_restore (f->path, backup, on_progress_cb, &last, &aside, &version, &error))
    fail_msg ("restore: %s", error->message);
  assert_int_equal (version, JC_STORE_SCHEMA_VERSION);
  assert_non_null (aside);
  assert_true (g_str_has_prefix (aside, f->path));
  assert_true (g_regex_match_simple ("\\.before-restore-[0-9]{8}-[0-9]{6}$", aside, 0, 0));
  assert_same_tables (backup, f->path);
  assert_same_tables (before, aside);
  assert_int_equal (count (store, "SELECT COUNT(*) FROM settings WHERE key = 'x.after'"), 0);

  reopened = jc_store_open (f->path, &error);
  assert_non_null (reopened);
  assert_true (jc_store_check_integrity (reopened, &error));
}

static void
test_restore_older_schema (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = file_in (f, "old.db");
  g_autoptr(JcStore) store = NULL;
  int version = 0;

  store = _jc_store_open_at_version (old, 5, &error);
  assert_non_null (store);
  if (!_jc_store_exec (store, "INSERT INTO settings (key, value) VALUES ('x.old', 'v5')", &error))
    fail_msg ("%s", error->message);
  g_clear_pointer (&store, jc_store_free);

  assert_true (jc_store_restore (f->path, old, NULL, NULL, NULL, &version, &error));
  assert_int_equal (version, 5);
  store = jc_store_open (f->path, &error);
  assert_non_null (store);
  assert_int_equal (jc_store_get_schema_version (store), JC_STORE_SCHEMA_VERSION);
  assert_int_equal (count (store, "SELECT COUNT(*) FROM settings WHERE value = 'v5'"), 1);
  assert_int_equal (count (store, "SELECT COUNT(*) FROM items"), 0);
}

static void
assert_restore_refused (Fixture    *f,
                        const char *file,
                        int         code,
                        const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;

  assert_false (jc_store_inspect_backup (f->path, file, NULL, &error));
  g_clear_error (&error);
  assert_false (jc_store_restore (f->path, file, NULL, NULL, &aside, NULL, &error));
  if (!g_error_matches (error, JC_STORE_ERROR, code) || strstr (error->message, words) == NULL)
    fail_msg ("%s: %s", file, error->message);
  assert_non_null (strstr (error->message, "nothing was restored"));
  assert_null (aside);
  assert_int_equal (count_named (f->dir, "jicai.db.before-restore-"), 0);
  assert_same_bytes (demo_path, f->path);
}

static void
test_restore_refuses (void **state)
{
  Fixture *f = *state;
  g_autofree char *text = file_in (f, "prices.csv");
  g_autofree char *other = file_in (f, "other.db");
  g_autofree char *newer = file_in (f, "newer.db");
  g_autofree char *damaged = file_in (f, "damaged.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  sqlite3 *db = NULL;

  assert_true (g_file_set_contents (text, "name,low,avg,high\n", -1, NULL));
  assert_restore_refused (f, text, JC_STORE_ERROR_NOT_DATABASE, "not an SQLite database");

  assert_int_equal (sqlite3_open (other, &db), SQLITE_OK);
  assert_int_equal (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL,
                                  NULL), SQLITE_OK);
  sqlite3_close (db);
  assert_restore_refused (f, other, JC_STORE_ERROR_NOT_DATABASE, "not a jicai database");

  store = jc_store_open (newer, &error);
  assert_non_null (store);
  if (!_jc_store_exec (store, "UPDATE schema_version SET version = 99", &error))
    fail_msg ("%s", error->message);
  g_clear_pointer (&store, jc_store_free);
  assert_restore_refused (f, newer, JC_STORE_ERROR_TOO_NEW, "newer version of jicai");

  /* a backup with a page overwritten in its middle */
  copy_file (demo_path, damaged);
  assert_true (g_file_get_contents (damaged, &data, &len, NULL));
  assert_true (len > 200000);
  memset (data + 4096 * 20, 0x5a, 4096 * 4);
  assert_true (g_file_set_contents (damaged, data, (gssize) len, NULL));
  assert_restore_refused (f, damaged, JC_STORE_ERROR_CORRUPT, "is damaged");

  /* the database itself */
  {
    g_autoptr(JcStore) open = jc_store_open (f->path, &error);

    assert_non_null (open);
    assert_false (jc_store_inspect_backup (NULL, f->path, NULL, &error));
    assert_true (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE));
  }
  /* … and when no connection of this process has it open */
  {
    g_autofree char *copy = file_in (f, "copy.db");
    g_autofree char *aside = NULL;

    copy_file (demo_path, copy);
    g_clear_error (&error);
    assert_false (jc_store_restore (copy, copy, NULL, NULL, &aside, NULL, &error));
    assert_non_null (strstr (error->message, "not a backup; nothing was restored"));
    assert_null (aside);
  }
}

/* ---- the command line ----------------------------------------------------- */

static int
cli (Fixture     *f,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  const char *arg;
  int status = 0;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("JICAI_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, f->path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_unsetenv (envp, "JICAI_DB");
  assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL,
                             NULL, out, err, &status, NULL));
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void **state)
{
  Fixture *f = *state;
  g_autofree char *backup = file_in (f, "b.db");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(cJSON) doc = NULL;

  if (g_getenv ("JICAI_CLI") == NULL)
    {
      print_message ("JICAI_CLI is not set: the command line is not tested\n");
      return;
    }
  assert_int_equal (cli (f, &out, &err, "backup", backup, "--json", NULL), 0);
  doc = cJSON_Parse (out);
  assert_non_null (doc);
  assert_string_equal (cJSON_GetObjectItem (doc, "backup")->valuestring, backup);
  assert_int_equal (cJSON_GetObjectItem (doc, "schema_version")->valueint,
                    JC_STORE_SCHEMA_VERSION);
  assert_true (cJSON_GetObjectItem (doc, "bytes")->valuedouble > 100000);
  g_clear_pointer (&doc, cJSON_Delete);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* not again over it without --force */
  assert_int_equal (cli (f, &out, &err, "backup", backup, NULL), 1);
  assert_non_null (strstr (err, "exists; pass --force to replace it"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (cli (f, &out, &err, "backup", backup, "--force", NULL), 0);
  assert_non_null (strstr (out, "Backed up"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a restore asks; without a terminal it needs --yes */
  assert_int_equal (cli (f, &out, &err, "restore", backup, NULL), 1);
  assert_non_null (strstr (err, "was not restored: confirm with --yes"));
  assert_int_equal (count_named (f->dir, "jicai.db.before-restore-"), 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_int_equal (cli (f, &out, &err, "restore", backup, "--yes", "--json", NULL), 0);
  doc = cJSON_Parse (out);
  assert_non_null (doc);
  assert_string_equal (cJSON_GetObjectItem (doc, "restored_from")->valuestring, backup);
  assert_true (g_str_has_prefix (cJSON_GetObjectItem (doc, "kept_aside")->valuestring, f->path));
  assert_true (g_file_test (cJSON_GetObjectItem (doc, "kept_aside")->valuestring,
                            G_FILE_TEST_EXISTS));
  assert_int_equal (cJSON_GetObjectItem (doc, "backup_schema_version")->valueint,
                    JC_STORE_SCHEMA_VERSION);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* a file that is not a backup: one line, nothing kept aside */
  assert_int_equal (cli (f, &out, &err, "restore", "/etc/hostname", "--yes", NULL), 1);
  assert_non_null (strstr (err, "is not a jicai backup"));
  assert_int_equal (count_named (f->dir, "jicai.db.before-restore-"), 1);
}

/* The daily backup: one file a day named after the database, made once,
 * the newest N kept (the office setting or --keep), nothing else in the
 * folder touched, and a bad setting refused by name. */
static void
test_daily (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcStore) store = jc_store_open (f->path, NULL);
  g_autofree char *folder = file_in (f, "nightly");
  g_autofree char *other = g_build_filename (folder, "jicai-notes.txt", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *days[] = { "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04" };
  JcBackupDaily daily;

  assert_non_null (store);
  assert_int_equal (g_mkdir_with_parents (folder, 0700), 0);
  assert_true (g_file_set_contents (other, "keep me", -1, NULL));
  assert_true (jc_store_set_setting (store, "backup_keep", "2", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *expect = g_strdup_printf ("jicai-%s.db", days[i]);

      g_setenv ("JICAI_TODAY", days[i], TRUE);
      assert_true (jc_backup_daily (store, folder, 0, &daily, &error));
      assert_null (error);
      assert_true (daily.made);
      assert_true (g_str_has_suffix (daily.path, expect));
      assert_int_equal (daily.removed, i >= 2 ? 1 : 0);
      jc_backup_daily_clear (&daily);
    }
  /* once a day: the second run of the day makes nothing */
  assert_true (jc_backup_daily (store, folder, 0, &daily, &error));
  assert_false (daily.made);
  jc_backup_daily_clear (&daily);
  assert_int_equal (count_named (folder, "jicai-2026-12-0"), 2);
  assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  {
    g_autofree char *newest = g_build_filename (folder, "jicai-2026-12-04.db", NULL);
    g_autoptr(JcStore) copy = jc_store_open (newest, &error);

    assert_non_null (copy);
    assert_true (jc_store_check_integrity (copy, &error));
  }
  /* a bad office setting is named */
  assert_true (jc_store_set_setting (store, "backup_keep", "lots", NULL));
  assert_false (jc_backup_daily (store, folder, 0, &daily, &error));
  assert_non_null (strstr (error->message, "backup_keep: “lots”"));
  g_clear_error (&error);
  assert_true (jc_store_set_setting (store, "backup_keep", "", NULL));

  /* the command line: --daily with --keep, into the default folder */
  g_setenv ("JICAI_TODAY", "2026-12-05", TRUE);
  if (g_getenv ("JICAI_CLI") != NULL)
    {
      g_autofree char *beside = file_in (f, "backups");

      assert_int_equal (cli (f, &out, &err, "backup", "--daily", "--keep", "1", NULL), 0);
      assert_non_null (strstr (out, "jicai-2026-12-05.db"));
      assert_int_equal (count_named (beside, "jicai-2026-12-05.db"), 1);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      assert_int_equal (cli (f, &out, &err, "backup", "--daily", "x.db", NULL), 2);
      assert_non_null (strstr (err, "--daily names its own file"));
    }
  g_unsetenv ("JICAI_TODAY");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_backup_while_writing, setup, teardown),
    cmocka_unit_test_setup_teardown (test_backup_refuses, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore_every_row, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore_older_schema, setup, teardown),
    cmocka_unit_test_setup_teardown (test_restore_refuses, setup, teardown),
    cmocka_unit_test_setup_teardown (test_cli, setup, teardown),
    cmocka_unit_test_setup_teardown (test_daily, setup, teardown),
  };

  return cmocka_run_group_tests (tests, group_setup, group_teardown);
}
