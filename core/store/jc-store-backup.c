/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-backup.c: copies of the whole database with SQLite's online
 * backup API — a backup into a new file, a restore from one — and the
 * integrity check.  A backup reads one snapshot (a read transaction held
 * across the steps, so the GUI may keep writing through WAL) into a
 * temporary file beside the target that is renamed into place only when
 * complete: a crash leaves the target absent or whole.  A restore first
 * checks that the file is a sound jicai database of a schema this build
 * knows, keeps the database it replaces aside, and writes the copy in one
 * transaction of the live database.  This file decides no business rule and
 * never writes over a file that exists unless told to. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-error.h"
#include "jc-output.h"
#include "jc-db-location.h"
#include "jc-store-sqlite.h"

/* Pages copied per step: 1 MiB of 4 KiB pages, a progress report each. */
#define STEP_PAGES 256
/* How long a step waits in all for a writer that holds the lock. */
#define BUSY_WAIT_US (30 * G_USEC_PER_SEC)

/* "Could not copy the database to PATH: what SQLite said"; FALSE. */
static gboolean
copy_error (sqlite3     *db,
            int          rc,
            int          code,
            const char  *path,
            GError     **error)
{
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *fault = _jc_store_fault_text (rc, db != NULL ? sqlite3_system_errno (db) : 0,
                                                 path, &code);

  return _jc_store_error_printf (error, code, _("Could not copy the database to “%s”: %s"),
                                 path, fault != NULL ? fault : msg);
}

/* Copies `src` into `dest` page by page, reporting progress; both are
 * "main".  Waits for a writer holding `dest` (or a checkpoint holding
 * `src`) up to BUSY_WAIT_US. */
static gboolean
copy_pages (sqlite3              *dest,
            sqlite3              *src,
            const char           *path,
            JcStoreProgressFunc   progress,
            gpointer              user_data,
            GError              **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  gint64 waited = 0;
  int rc;

  if (backup == NULL)
    return copy_error (dest, SQLITE_ERROR, JC_STORE_ERROR_FAILED, path, error);
  for (;;)
    {
      rc = sqlite3_backup_step (backup, STEP_PAGES);
      if (progress != NULL)
        {
          int total = sqlite3_backup_pagecount (backup);
          int remaining = sqlite3_backup_remaining (backup);

          progress (total > 0 ? (double) (total - remaining) / total : 1.0, user_data);
        }
      if (rc == SQLITE_OK)
        continue;
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < BUSY_WAIT_US)
        {
          g_usleep (20000);
          waited += 20000;
          continue;
        }
      break;
    }
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE && (rc & 0xff) != SQLITE_BUSY)
    return copy_error (dest, rc, JC_STORE_ERROR_FAILED, path, error);
  if (rc != SQLITE_DONE)
    return _jc_store_error_printf (error, JC_STORE_ERROR_BUSY,
                                   _("Could not copy the database to “%s”: %s"), path,
                                   sqlite3_errstr (rc));
  return TRUE;
}

static gboolean
exec_raw (sqlite3     *db,
          const char  *sql,
          const char  *path,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return copy_error (db, rc, JC_STORE_ERROR_FAILED, path, error);
  return TRUE;
}

/* Writes the pages of `store`'s snapshot into the new file `temp`, which
 * then stands alone: a rollback journal, not WAL. */
static gboolean
backup_into (JcStore              *store,
             const char           *temp,
             const char           *path,
             JcStoreProgressFunc   progress,
             gpointer              user_data,
             GError              **error)
{
  sqlite3 *src = _jc_store_get_db (store);
  sqlite3 *dest = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      copy_error (dest, rc, JC_STORE_ERROR_CANT_OPEN, path, error);
      sqlite3_close (dest);
      return FALSE;
    }
  /* One snapshot for all the steps: in WAL the writers go on meanwhile and
   * the copy does not restart. */
  ok = _jc_store_exec (store, "BEGIN", error) &&
       _jc_store_exec (store, "SELECT COUNT(*) FROM sqlite_master", error);
  if (ok)
    ok = copy_pages (dest, src, path, progress, user_data, error);
  jc_store_rollback (store);
  if (ok)
    ok = exec_raw (dest, "PRAGMA journal_mode = DELETE", path, error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    ok = _jc_store_error_printf (error, JC_STORE_ERROR_FAILED,
                                 _("Could not copy the database to “%s”: %s"), path,
                                 sqlite3_errstr (rc));
  return ok;
}

/**
 * jc_store_backup:
 * Copies the database of `store` into a new file `path`, consistent as of
 * the moment it starts while other connections go on writing.  The file
 * is written under a temporary name beside `path` and renamed when whole.
 * `path` must not exist unless `replace`, nor be a file of an open
 * database.  `store` must not be inside a transaction.
 */
/* FALSE with JC_STORE_ERROR_UNSUPPORTED when `store` is the office
 * database: its server keeps it, its backups are pg_dump's. */
static gboolean
sqlite_only (JcStore  *store,
             GError  **error)
{
  if (store != NULL && _jc_store_get_db (store) != NULL)
    return TRUE;
  return _jc_store_error_printf (error, JC_STORE_ERROR_UNSUPPORTED,
                                 _("The office database is backed up and checked on its server "
                                   "with PostgreSQL's own tools (pg_dump with the backup role, "
                                   "see docs/DEPLOYMENT.md), not from a desk"));
}

gboolean
jc_store_backup (JcStore              *store,
                 const char           *path,
                 gboolean              replace,
                 JcStoreProgressFunc   progress,
                 gpointer              user_data,
                 GError              **error)
{
  g_autoptr(JcOutput) output = NULL;
  g_autofree char *journal = NULL;

  g_return_val_if_fail (store != NULL && path != NULL, FALSE);

  if (!sqlite_only (store, error))
    return FALSE;
  if (!sqlite3_get_autocommit (_jc_store_get_db (store)))
    return _jc_store_error_printf (error, JC_STORE_ERROR_FAILED,
                                   _("Could not copy the database to “%s”: a transaction is "
                                     "open"), path);
  output = jc_output_begin (path, replace ? JC_OUTPUT_REPLACE : JC_OUTPUT_NONE, error);
  if (output == NULL)
    return FALSE;
  journal = g_strconcat (jc_output_get_temp_path (output), "-journal", NULL);
  if (!backup_into (store, jc_output_get_temp_path (output), path, progress, user_data, error))
    {
      g_unlink (journal);
      return FALSE;
    }
  return jc_output_commit (output, error);
}

/* ---- restore ----------------------------------------------------------- */

static gboolean check_not_database (const char  *db_path,
                                    const char  *path,
                                    GError     **error);

/* Opens `path` read-only and checks that it is a sound jicai database this
 * build can read; its schema version in *out_version. */
static sqlite3 *
open_backup (const char  *path,
             int         *out_version,
             GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  size_t len = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  FILE *file;
  int version = -1;
  int rc;

  if (!jc_output_check_input (path, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                              _("“%s” is a folder, not a backup file"), path);
      return NULL;
    }
  /* Not a database of ours (refused above): reading it ourselves drops
   * no lock that matters. */
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;

      _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN, _("Cannot read “%s”: %s"), path,
                              g_strerror (saved));
      return NULL;
    }
  len = fread (head, 1, sizeof head, file);
  fclose (file);
  if (len < sizeof magic || memcmp (head, magic, sizeof magic) != 0)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_NOT_DATABASE,
                              _("“%s” is not a jicai backup (not an SQLite database); nothing "
                                "was restored"), path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
        rc = SQLITE_CORRUPT;
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_CORRUPT,
                              _("“%s” is damaged (%s); nothing was restored"), path,
                              sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  rc = sqlite3_prepare_v2 (db, "SELECT MAX(version) FROM schema_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_INTEGER)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version < 1)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_NOT_DATABASE,
                              _("“%s” is an SQLite database but not a jicai database; nothing "
                                "was restored"), path);
      sqlite3_close (db);
      return NULL;
    }
  if (version > JC_STORE_SCHEMA_VERSION)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_TOO_NEW,
                              _("“%s” was written by a newer version of jicai (schema %d; this "
                                "version knows up to %d); nothing was restored"),
                              path, version, JC_STORE_SCHEMA_VERSION);
      sqlite3_close (db);
      return NULL;
    }
  *out_version = version;
  return db;
}

/**
 * jc_store_inspect_backup:
 * Checks, without changing anything, that `path` is a sound jicai database
 * of a schema version this build reads, and not the database at `db_path`
 * (may be NULL) or one of its files; the version in *out_version.
 */
gboolean
jc_store_inspect_backup (const char  *db_path,
                         const char  *path,
                         int         *out_version,
                         GError     **error)
{
  int version = 0;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, FALSE);

  if (db_path != NULL && !check_not_database (db_path, path, error))
    return FALSE;
  db = open_backup (path, &version, error);
  if (db == NULL)
    return FALSE;
  sqlite3_close (db);
  if (out_version != NULL)
    *out_version = version;
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/* Refuses the database itself, or one of its files, as the backup to
 * restore from (another process may have it open, not only this one). */
static gboolean
check_not_database (const char  *db_path,
                    const char  *path,
                    GError     **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db_path, suffixes[i], NULL);

      if (same_file (file, path))
        return _jc_store_error_printf (error, JC_STORE_ERROR_FAILED,
                                       _("“%s” is the database “%s” or one of its files, not a "
                                         "backup; nothing was restored"), path, db_path);
    }
  return TRUE;
}

/* "DB.before-restore-YYYYMMDD-HHMMSS", a free name. */
static char *
aside_name (const char *db_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *name = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);

  for (int n = 2; g_file_test (name, G_FILE_TEST_EXISTS) && n < 100; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s.before-restore-%s-%d", db_path, stamp, n);
    }
  return name;
}

/**
 * jc_store_restore:
 * Replaces the database at `db_path` by the backup `path`: checked first
 * as jc_store_inspect_backup() does (anything else is refused and nothing
 * changes), the current database is copied aside to
 * "DB_PATH.before-restore-YYYYMMDD-HHMMSS" (its name in *out_aside, NULL
 * when there was no database), then the backup is written into the live
 * database in one transaction — other connections see the old data or the
 * new, never a mix — and a backup of an older schema is migrated.
 * *out_version: the schema version the backup had.
 */
gboolean
jc_store_restore (const char           *db_path,
                  const char           *path,
                  JcStoreProgressFunc   progress,
                  gpointer              user_data,
                  char                **out_aside,
                  int                  *out_version,
                  GError              **error)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcStore) migrated = NULL;
  g_autofree char *aside = NULL;
  gboolean existed;
  sqlite3 *src;
  int version = 0;
  gboolean ok;

  g_return_val_if_fail (db_path != NULL && path != NULL, FALSE);

  if (jc_db_location_kind (db_path) == JC_DB_LOCATION_POSTGRESQL)
    return sqlite_only (NULL, error);
  if (!check_not_database (db_path, path, error))
    return FALSE;
  src = open_backup (path, &version, error);
  if (src == NULL)
    return FALSE;
  existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  store = jc_store_open (db_path, error);
  if (store == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }
  if (existed)
    {
      aside = aside_name (db_path);
      if (!jc_store_backup (store, aside, FALSE, NULL, NULL, error))
        {
          g_prefix_error (error, _("The current database could not be kept aside; nothing was "
                                   "restored: "));
          sqlite3_close (src);
          return FALSE;
        }
    }
  ok = copy_pages (_jc_store_get_db (store), src, db_path, progress, user_data, error);
  sqlite3_close (src);
  if (!ok)
    return FALSE;
  /* Reopened, so that the schema is read anew and an older one migrated. */
  g_clear_pointer (&store, jc_store_free);
  migrated = jc_store_open (db_path, error);
  if (migrated == NULL)
    return FALSE;
  if (out_aside != NULL)
    *out_aside = g_steal_pointer (&aside);
  if (out_version != NULL)
    *out_version = version;
  return TRUE;
}

/* ---- integrity --------------------------------------------------------- */

/**
 * jc_store_check_integrity:
 * Runs SQLite's full integrity check.  FALSE with JC_STORE_ERROR_CORRUPT
 * and the first problems named when the database is damaged.
 */
gboolean
jc_store_check_integrity (JcStore  *store,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  guint n = 0;
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!sqlite_only (store, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (_jc_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _jc_store_set_error (store, rc, _("Could not check the database"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") == 0)
        continue;
      if (n++ < 3)
        g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not check the database"), error);
  if (n > 0)
    return _jc_store_error_printf (error, JC_STORE_ERROR_CORRUPT,
                                   _("The database “%s” is damaged: %s"),
                                   jc_store_get_path (store), problems->str);
  return TRUE;
}
