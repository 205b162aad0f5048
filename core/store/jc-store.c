/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store.c: opening (refusing what is not ours, migrating through
 * jc-store-schema.c), the statement cache, errors (storage faults become
 * sentences saying what to do), transactions and savepoints (none written
 * into a database file moved or replaced under us), settings.  No table of
 * the domain is read or written here. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <errno.h>
#include <stdarg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-db-location.h"
#include "jc-error.h"
#include "jc-output.h"
#include "jc-store-private.h"
#include "jc-store-schema.h"

struct _JcStore {
  sqlite3    *db;
  char       *path;
  int         schema_version;
  GHashTable *stmts;  /* SQL text → sqlite3_stmt, prepared once */
  GArray     *units;  /* gboolean per open savepoint: a transaction of its own? */
  gboolean    protected;  /* its files are refused as export targets */
  gboolean    moved;      /* the last write found its file moved or replaced */
  guint       busy_ms;    /* how long a write waits for another writer */
  JcStoreBusyFunc busy_func;  /* told once per wait that we are waiting */
  gpointer    busy_data;
  gint64      stage_fetch_id;  /* the staged import this connection writes, 0: none */
  guint       stage_changes;   /* changed quotes it has staged */
};

/* Sets a JC_STORE_ERROR `code` with a printf-style message; FALSE. */
gboolean
_jc_store_error_printf (GError     **error,
                        int          code,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  g_set_error_literal (error, JC_STORE_ERROR, code, "");
  if (error != NULL && *error != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_vprintf (format, args);
    }
  va_end (args);
  return FALSE;
}

/* ---- storage faults -------------------------------------------------
 * The one place where a fault of the disk or of the file under the
 * database (full, unreadable, read-only, damaged, gone, moved) becomes a
 * store error code and a sentence that says what happened to the change
 * and what to do.  Nothing here retries or repairs anything. */

/* The sentence for a database file moved, deleted or replaced while open. */
static char *
moved_text (const char *path)
{
  return g_strdup_printf (_("the database file “%s” was moved, deleted or replaced while jicai "
                            "had it open: nothing was written to it. Reopen the database (close "
                            "jicai and start it again) to go on"), path);
}

/**
 * _jc_store_fault_text:
 * What SQLite's result `rc` means for the file at `path` when it is a
 * storage fault, and what to do; `sys_errno` is the system's error behind
 * it (0: not known).  The store error code goes to *out_code.
 * Returns: (transfer full) (nullable): the sentence, lower case first, or
 * NULL when `rc` is no storage fault.
 */
char *
_jc_store_fault_text (int          rc,
                      int          sys_errno,
                      const char  *path,
                      int         *out_code)
{
  const char *file = path != NULL ? path : "";

  if ((rc & 0xff) == SQLITE_IOERR &&
      (sys_errno == ENOSPC || sys_errno == EDQUOT || sys_errno == EFBIG))
    rc = SQLITE_FULL;
  if (rc == SQLITE_READONLY_DBMOVED)
    {
      *out_code = JC_STORE_ERROR_MOVED;
      return moved_text (file);
    }
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      *out_code = JC_STORE_ERROR_DISK_FULL;
      return g_strdup_printf (_("the disk holding “%s” is full: nothing of this change was "
                                "saved. Free some space on that disk, then try again"), file);
    case SQLITE_IOERR:
      *out_code = JC_STORE_ERROR_IO;
      return g_strdup_printf (_("the disk holding “%s” could not be read or written (%s): "
                                "nothing of this change was saved. Check the disk, or the "
                                "network share it is on, then try again"),
                              file, sys_errno != 0 ? g_strerror (sys_errno) : sqlite3_errstr (rc));
    case SQLITE_READONLY:
      *out_code = JC_STORE_ERROR_READ_ONLY;
      return g_strdup_printf (_("the database file “%s” is read-only: nothing was changed. "
                                "Make the file and its folder writable for you, then try "
                                "again"), file);
    case SQLITE_CORRUPT:
      *out_code = JC_STORE_ERROR_CORRUPT;
      return g_strdup_printf (_("the database “%s” is damaged: nothing was changed. Stop "
                                "working in it and restore the latest backup (jicai-cli "
                                "restore FILE)"), file);
    case SQLITE_NOTADB:
      *out_code = JC_STORE_ERROR_NOT_DATABASE;
      return g_strdup_printf (_("“%s” is no longer a database jicai can read (was the file "
                                "replaced?): nothing was changed. Reopen it, or restore the "
                                "latest backup"), file);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      *out_code = JC_STORE_ERROR_CANT_OPEN;
      return g_strdup_printf (_("cannot open “%s” or create the files SQLite keeps beside it "
                                "(its -wal and -shm) (%s): the file and its folder must exist "
                                "and be writable for you"),
                              file, sys_errno != 0 ? g_strerror (sys_errno) : sqlite3_errstr (rc));
    default:
      return NULL;
    }
}

/* The fault sentence of `rc` for this store, or NULL. */
static char *
store_fault_text (JcStore *store,
                  int      rc,
                  int     *out_code)
{
  const char *path = store != NULL ? store->path : NULL;

  if (store != NULL && store->moved &&
      (rc == SQLITE_CONSTRAINT_COMMITHOOK || rc == SQLITE_READONLY_DBMOVED))
    {
      *out_code = JC_STORE_ERROR_MOVED;
      return moved_text (path);
    }
  return _jc_store_fault_text (rc, store != NULL && store->db != NULL ?
                                   sqlite3_system_errno (store->db) : 0,
                               path, out_code);
}

/* Wraps an SQLite result code in a message a person can act on: `what`
 * (NULL: nothing) and what SQLite says, each once — SQLite's text for a
 * failed exec is often the very text `what` holds ("X: X" never).  A busy
 * database is said in a sentence of its own: which writer waits on whom is
 * nothing the person can act on, how long and what to do is. */
gboolean
_jc_store_set_error (JcStore    *store,
                     int         rc,
                     const char *what,
                     GError    **error)
{
  const char *msg = store && store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);
  g_autofree char *fault = NULL;
  g_autofree char *busy = NULL;
  int code;

  fault = store_fault_text (store, rc, &code);
  if (fault != NULL)
    {
      /* _jc_store_exec passes SQLite's own words as `what`, the opening
       * the path: the sentence, which names the file, replaces them */
      if (what == NULL || g_strcmp0 (what, msg) == 0 || g_strcmp0 (what, sqlite3_errstr (rc)) == 0 ||
          (store != NULL && g_strcmp0 (what, store->path) == 0))
        {
          fault[0] = g_ascii_toupper (fault[0]);
          return _jc_store_error_printf (error, code, "%s", fault);
        }
      return _jc_store_error_printf (error, code, "%s: %s", what, fault);
    }
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = JC_STORE_ERROR_BUSY;
      {
        guint seconds = store != NULL ? (store->busy_ms + 999) / 1000 : 0;

        busy = g_strdup_printf (ngettext ("another desk or program kept the database busy for "
                                          "%u second, longer than we wait; nothing was saved. "
                                          "Try again when its work (an import, a backup) has "
                                          "finished",
                                          "another desk or program kept the database busy for "
                                          "%u seconds, longer than we wait; nothing was saved. "
                                          "Try again when its work (an import, a backup) has "
                                          "finished", seconds), seconds);
        msg = busy;
      }
      break;
    default:
      code = JC_STORE_ERROR_FAILED;
      break;
    }
  if (what == NULL || *what == '\0' || g_strcmp0 (what, msg) == 0)
    return _jc_store_error_printf (error, code, "%s", msg);
  if (msg == NULL || *msg == '\0' || g_str_has_suffix (what, msg))
    return _jc_store_error_printf (error, code, "%s", what);
  return _jc_store_error_printf (error, code, "%s: %s", what, msg);
}

/* TRUE when the file at the store's path is no longer the one it has open
 * (unlinked, or another file renamed into its place): SQLite compares the
 * inode of the path with the open file's. */
static gboolean
file_has_moved (JcStore *store)
{
  int moved = 0;

  if (sqlite3_file_control (store->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK)
    return FALSE;
  return moved != 0;
}

/* Before each commit of a write: a file moved under us turns the commit
 * into a rollback, so nothing is written into a file nobody will see. */
static int
commit_hook (void *data)
{
  JcStore *store = data;

  store->moved = file_has_moved (store);
  return store->moved ? 1 : 0;
}

/* The -wal file goes by the database's name: left behind by a store whose
 * file was moved, its frames would be read as part of whatever file is put
 * at that name next.  What was committed goes into the moved file it
 * belongs to (its open descriptor), and the -wal is emptied.  Best effort:
 * another connection reading holds part of it back. */
static void
fold_wal_of_moved (JcStore *store)
{
  if (sqlite3_get_autocommit (store->db))
    sqlite3_wal_checkpoint_v2 (store->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

/* After BEGIN IMMEDIATE: refuses to start writing into a moved file (the
 * commit hook would refuse its commit; this says so before any work). */
static gboolean
check_unmoved (JcStore  *store,
               GError  **error)
{
  if (!file_has_moved (store))
    return TRUE;
  store->moved = TRUE;
  _jc_store_exec (store, "ROLLBACK", NULL);
  fold_wal_of_moved (store);
  return _jc_store_set_error (store, SQLITE_READONLY_DBMOVED, NULL, error);
}

sqlite3 *
_jc_store_get_db (JcStore *store)
{
  return store->db;
}

/* Returns a statement prepared once per store and reset for use; the store
 * owns it. */
sqlite3_stmt *
_jc_store_prepare (JcStore     *store,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->stmts, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _jc_store_set_error (store, rc, _("Could not prepare a query"), error);
      return NULL;
    }
  g_hash_table_insert (store->stmts, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_jc_store_exec (JcStore     *store,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, &errmsg);

  /* SQLite's own text is what sqlite3_errmsg() says: no `what` of ours */
  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return _jc_store_set_error (store, rc, NULL, error);
  return TRUE;
}

char *
jc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "jicai", "jicai.db", NULL);
}

/* --db PATH, else $JICAI_DB, else the default. */
char *
jc_store_resolve_path (const char *cli_path)
{
  const char *env = g_getenv ("JICAI_DB");

  if (cli_path != NULL && *cli_path != '\0')
    return g_strdup (cli_path);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return jc_store_default_path ();
}

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

void
jc_store_free (JcStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->stmts, g_hash_table_unref);
  g_clear_pointer (&store->units, g_array_unref);
  /* SQLite does not checkpoint a moved file on close, and leaves its -wal */
  if (store->db != NULL && file_has_moved (store))
    fold_wal_of_moved (store);
  if (store->db != NULL)
    sqlite3_close (store->db);
  if (store->protected)
    _jc_output_unprotect (store->path);
  g_free (store->path);
  g_free (store);
}

const char *
jc_store_get_path (JcStore *store)
{
  return store->path;
}

int
jc_store_get_schema_version (JcStore *store)
{
  return store->schema_version;
}

/* Looks at the first bytes before SQLite reads or changes anything, so a
 * file that is not ours is refused without being touched.  The bytes are
 * read through the connection's own file handle: opening and closing the
 * file ourselves would drop every POSIX lock this process holds on it
 * (fcntl locks belong to the process, not to the descriptor), and another
 * process would then take itself for the last connection and delete the
 * WAL under our other connections. */
static gboolean
check_header (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char buf[16] = { 0 };
  sqlite3_file *file = NULL;
  sqlite3_int64 size = 0;
  int rc;

  rc = sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file);
  if (rc != SQLITE_OK || file == NULL || file->pMethods == NULL)
    return _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path,
                            sqlite3_errstr (rc != SQLITE_OK ? rc : SQLITE_CANTOPEN));
  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path, sqlite3_errstr (rc));
  if (size == 0)
    return TRUE;  /* an empty file: SQLite treats it as a new database */
  if (size < (sqlite3_int64) sizeof buf)
    return _jc_store_error_printf (error, JC_STORE_ERROR_NOT_DATABASE,
                            _("“%s” is not an SQLite database; it was left untouched"), path);
  rc = file->pMethods->xRead (file, buf, sizeof buf, 0);
  if (rc != SQLITE_OK)
    return _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path, sqlite3_errstr (rc));
  if (memcmp (buf, magic, sizeof magic) != 0)
    return _jc_store_error_printf (error, JC_STORE_ERROR_NOT_DATABASE,
                            _("“%s” is not an SQLite database; it was left untouched"), path);
  return TRUE;
}

/* Reads the schema version without writing: -1 for a database that has no
 * tables at all (new), -2 for one that has tables but is not jicai's. */
static gboolean
read_version (JcStore  *store,
              int      *out,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;
  int n_tables = 0;
  gboolean has_version = FALSE;

  rc = sqlite3_prepare_v2 (store->db,
                           "SELECT name FROM sqlite_master WHERE type = 'table'",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      n_tables++;
      if (g_strcmp0 (name, "schema_version") == 0)
        has_version = TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  if (n_tables == 0)
    {
      *out = -1;
      return TRUE;
    }
  if (!has_version)
    {
      *out = -2;
      return TRUE;
    }
  rc = sqlite3_prepare_v2 (store->db, "SELECT MAX(version) FROM schema_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      goto fail;
    }
  *out = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    return _jc_store_error_printf (error, (rc & 0xff) == SQLITE_CORRUPT ? JC_STORE_ERROR_CORRUPT
                                                                 : JC_STORE_ERROR_NOT_DATABASE,
                            _("The database “%s” is damaged (%s); it was left untouched"),
                            store->path, sqlite3_errstr (rc));
  return _jc_store_set_error (store, rc, store->path, error);
}


/* Moves the schema from version `from` to `to`, one transaction per
 * migration. */
static gboolean
migrate (JcStore  *store,
         int       from,
         int       to,
         GError  **error)
{
  for (int v = from + 1; v <= to; v++)
    {
      g_autofree char *bump = g_strdup_printf ("UPDATE schema_version SET version = %d", v);

      if (!_jc_store_exec (store, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!_jc_store_exec (store, _jc_store_schema_migration ((guint) v), error) || !_jc_store_exec (store, bump, error) ||
          !_jc_store_exec (store, "COMMIT", error))
        {
          g_prefix_error (error, _("Could not upgrade the database to version %d: "), v);
          _jc_store_exec (store, "ROLLBACK", NULL);
          return FALSE;
        }
      store->schema_version = v;
    }
  return TRUE;
}

/* SQLite's busy handler.  A writer that finds the database locked by
 * another writer tries again every few milliseconds (SQLite's own timeout
 * sleeps up to 100 ms between tries, so a writer committing in chunks with
 * a short pause between them would never be caught in a pause), tells the
 * busy function once when it has waited a second, and gives up after
 * `busy_ms`. */
static int
on_busy_cb (void *data,
            int   count)
{
  JcStore *store = data;
  guint delay_us = count < 10 ? 500 : 2000;
  gint64 waited_us;

  /* the first ten tries: 0.5 ms apart, then 2 ms */
  waited_us = count < 10 ? (gint64) count * 500 : 5000 + (gint64) (count - 10) * 2000;
  if (waited_us >= (gint64) store->busy_ms * 1000)
    return 0;
  if (store->busy_func != NULL && waited_us < 1000000 && waited_us + delay_us >= 1000000)
    store->busy_func (store, store->busy_data);
  g_usleep (delay_us);
  return 1;
}

/* How long a write waits for another writer before it fails (ms). */
void
_jc_store_set_busy_timeout (JcStore *store,
                            guint    ms)
{
  store->busy_ms = ms;
}

gint64
_jc_store_get_stage (JcStore *store,
                     guint   *n_changes)
{
  if (n_changes != NULL)
    *n_changes = store->stage_changes;
  return store->stage_fetch_id;
}

void
_jc_store_set_stage (JcStore *store,
                     gint64   fetch_id,
                     guint    n_changes)
{
  store->stage_fetch_id = fetch_id;
  store->stage_changes = n_changes;
}

/**
 * jc_store_set_busy_func:
 * `func` is called (in the thread using the store) once in each wait for
 * another writer that lasts more than a second, so that the caller can say
 * that it waits; NULL: say nothing.
 */
void
jc_store_set_busy_func (JcStore         *store,
                        JcStoreBusyFunc  func,
                        gpointer         user_data)
{
  store->busy_func = func;
  store->busy_data = user_data;
}

JcStore *
_jc_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_autoptr(JcStore) store = NULL;
  gboolean exists;
  int current = -1;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (_jc_store_schema_n_migrations () == JC_STORE_SCHEMA_VERSION, NULL);
  g_return_val_if_fail (version >= 1 && version <= JC_STORE_SCHEMA_VERSION, NULL);

  /* a PostgreSQL URI is no path: never a folder "postgresql:" */
  if (!jc_db_location_check (path, error))
    return NULL;
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                       _("“%s” is a folder, not a database file"), path);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          _jc_store_error_printf (error, JC_STORE_ERROR_CANT_OPEN,
                           _("Cannot create the database “%s”: %s"), path, g_strerror (saved));
          return NULL;
        }
    }

  store = g_new0 (JcStore, 1);
  store->path = g_strdup (path);
  /* Keyed by the SQL's address: the queries are string literals, and
   * hashing their text on every call showed in the import profile. */
  store->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, stmt_finalize);
  store->units = g_array_new (FALSE, FALSE, sizeof (gboolean));

  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  /* From here on no export may write over the database's files. */
  _jc_output_protect (path);
  store->protected = TRUE;
  if (rc != SQLITE_OK)
    {
      _jc_store_set_error (store, rc, NULL, error);
      return NULL;
    }
  if (exists && !check_header (store->db, path, error))
    return NULL;
  if (sqlite3_db_readonly (store->db, "main") == 1)
    {
      _jc_store_set_error (store, SQLITE_READONLY, NULL, error);
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  store->busy_ms = JC_STORE_BUSY_MS;
  sqlite3_busy_handler (store->db, on_busy_cb, store);
  sqlite3_commit_hook (store->db, commit_hook, store);

  if (!read_version (store, &current, error))
    return NULL;
  if (current == -2)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_NOT_DATABASE,
                       _("“%s” is an SQLite database of another program, not a jicai "
                         "database; it was left untouched"), path);
      return NULL;
    }
  if (current > JC_STORE_SCHEMA_VERSION)
    {
      _jc_store_error_printf (error, JC_STORE_ERROR_TOO_NEW,
                       _("The database “%s” was written by a newer version of jicai "
                         "(schema %d; this version knows up to %d); it was left untouched"),
                       path, current, JC_STORE_SCHEMA_VERSION);
      return NULL;
    }

  /* Only now, with the file known to be ours and not too new, change it. */
  if (!_jc_store_exec (store, "PRAGMA journal_mode = WAL", error) ||
      !_jc_store_exec (store, "PRAGMA foreign_keys = ON", error) ||
      !_jc_store_exec (store, "PRAGMA synchronous = NORMAL", error) ||
      !_jc_store_exec (store, "PRAGMA cache_size = -65536", error))
    {
      if (error != NULL && *error != NULL && strstr ((*error)->message, path) == NULL)
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (current < 0)
    current = 0;
  store->schema_version = current;
  if (current < version && !migrate (store, current, version, error))
    return NULL;
  /* what a killed import staged goes now; a busy database keeps it for
   * the next open or import (the import cleans it too) */
  if (store->schema_version >= JC_STORE_STAGE_SCHEMA_VERSION)
    _jc_store_clean_stale_imports (store, NULL);

  return g_steal_pointer (&store);
}

/**
 * jc_store_open:
 * Opens the database at `path`, creating it if it does not exist and
 * migrating it if an older jicai wrote it.  A file that is not an SQLite
 * database, a damaged one, another program's, one from a newer jicai, or
 * one that cannot be written is refused and left as it was.
 * Returns: (transfer full): the store, or NULL with `error` set.
 */
JcStore *
jc_store_open (const char  *path,
               GError     **error)
{
  return _jc_store_open_at_version (path, JC_STORE_SCHEMA_VERSION, error);
}

/**
 * jc_store_open_same:
 * A new connection to the database that `store` is connected to, for a
 * worker thread: a JcStore is used from one thread at a time, and WAL lets
 * the connections read side by side with one writer.  The file is opened
 * as jc_store_open() opens it (it is already at this build's schema, so
 * nothing is migrated).
 * Returns: (transfer full): the new connection, or NULL with `error` set.
 */
JcStore *
jc_store_open_same (JcStore  *store,
                    GError  **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  return jc_store_open (store->path, error);
}

/* TRUE when the database holds no master data and no price source: the
 * demo may be loaded into it.  A failed query counts as "not empty". */
gboolean
jc_store_is_empty (JcStore *store)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM canteens) + "
    "(SELECT COUNT(*) FROM vehicles) + (SELECT COUNT(*) FROM price_sources)", NULL);
  gboolean empty = FALSE;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int64 (stmt, 0) == 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return empty;
}

gboolean
jc_store_begin (JcStore  *store,
                GError  **error)
{
  return _jc_store_exec (store, "BEGIN IMMEDIATE", error) && check_unmoved (store, error);
}

gboolean
jc_store_commit (JcStore  *store,
                 GError  **error)
{
  return _jc_store_exec (store, "COMMIT", error);
}

void
jc_store_rollback (JcStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    _jc_store_exec (store, "ROLLBACK", NULL);
}

/* Runs a statement that returns no rows; resets it. */
gboolean
_jc_store_step_done (JcStore      *store,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, what, error);
  return TRUE;
}

static void
bind_valist (sqlite3_stmt *stmt,
             const char   *types,
             va_list       ap)
{
  int i;

  for (i = 0; types[i] != '\0'; i++)
    switch (types[i])
      {
      case 's':
        _jc_store_bind_text (stmt, i + 1, va_arg (ap, const char *));
        break;
      case 'i':
        sqlite3_bind_int64 (stmt, i + 1, va_arg (ap, gint64));
        break;
      case 'd':
        sqlite3_bind_int (stmt, i + 1, va_arg (ap, int));
        break;
      case 'b':
        sqlite3_bind_int (stmt, i + 1, va_arg (ap, gboolean) ? 1 : 0);
        break;
      case 'f':
        sqlite3_bind_double (stmt, i + 1, va_arg (ap, double));
        break;
      case 'N':
        {
          gboolean present = va_arg (ap, gboolean);
          gint64 v = va_arg (ap, gint64);

          if (present)
            sqlite3_bind_int64 (stmt, i + 1, v);
          else
            sqlite3_bind_null (stmt, i + 1);
        }
        break;
      case 'k':
        {
          gint64 id = va_arg (ap, gint64);

          if (id > 0)
            sqlite3_bind_int64 (stmt, i + 1, id);
          else
            sqlite3_bind_null (stmt, i + 1);
        }
        break;
      default:
        g_assert_not_reached ();
      }
  /* a type string one letter short binds every later value to the wrong
   * parameter: say so where it happens */
  if (i != sqlite3_bind_parameter_count (stmt))
    g_critical ("“%s” takes %d parameters; %d were bound", sqlite3_sql (stmt),
                sqlite3_bind_parameter_count (stmt), i);
}

void
_jc_store_bind (sqlite3_stmt *stmt,
                const char   *types,
                ...)
{
  va_list ap;

  va_start (ap, types);
  bind_valist (stmt, types, ap);
  va_end (ap);
}

gboolean
_jc_store_run (JcStore     *store,
               const char  *sql,
               const char  *what,
               GError     **error,
               const char  *types,
               ...)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  va_list ap;

  if (stmt == NULL)
    return FALSE;
  va_start (ap, types);
  bind_valist (stmt, types, ap);
  va_end (ap);
  return _jc_store_step_done (store, stmt, what, error);
}

gint64
_jc_store_changes (JcStore *store)
{
  return sqlite3_changes64 (store->db);
}

gboolean
_jc_store_step_each (JcStore         *store,
                     sqlite3_stmt    *stmt,
                     JcStoreRowFunc   func,
                     gpointer         data,
                     const char      *what,
                     GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, what, error);
  return TRUE;
}

gpointer
_jc_store_step_first (JcStore         *store,
                      sqlite3_stmt    *stmt,
                      JcStoreRowRead   read,
                      const char      *what,
                      GError         **error)
{
  int rc = sqlite3_step (stmt);
  gpointer row = rc == SQLITE_ROW ? read (stmt) : NULL;

  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _jc_store_set_error (store, rc, what, error);
  return row;
}

int
_jc_store_step_int64 (JcStore       *store,
                      sqlite3_stmt  *stmt,
                      gint64        *out,
                      const char    *what,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  _jc_store_set_error (store, rc, what, error);
  return -1;
}

gboolean
_jc_store_step_returning (JcStore       *store,
                          sqlite3_stmt  *stmt,
                          gint64        *out_id,
                          const char    *what,
                          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, what, error);
  return TRUE;
}

typedef struct {
  JcStoreRowRead  read;
  GPtrArray      *out;
} StepAll;

static void
add_row (sqlite3_stmt *stmt,
         gpointer      data)
{
  StepAll *all = data;

  g_ptr_array_add (all->out, all->read (stmt));
}

GPtrArray *
_jc_store_step_all (JcStore         *store,
                    sqlite3_stmt    *stmt,
                    JcStoreRowRead   read,
                    GDestroyNotify   free_func,
                    const char      *what,
                    GError         **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  StepAll all = { read, out };

  if (!_jc_store_step_each (store, stmt, add_row, &all, what, error))
    return NULL;
  return g_steal_pointer (&out);
}

GPtrArray *
_jc_store_query_all (JcStore         *store,
                     const char      *sql,
                     JcStoreRowRead   read,
                     GDestroyNotify   free_func,
                     const char      *what,
                     GError         **error,
                     const char      *types,
                     ...)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  va_list ap;

  if (stmt == NULL)
    return NULL;
  va_start (ap, types);
  bind_valist (stmt, types, ap);
  va_end (ap);
  return _jc_store_step_all (store, stmt, read, free_func, what, error);
}

gboolean
_jc_store_query_each (JcStore         *store,
                      const char      *sql,
                      JcStoreRowFunc   func,
                      gpointer         data,
                      const char      *what,
                      GError         **error,
                      const char      *types,
                      ...)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  va_list ap;

  if (stmt == NULL)
    return FALSE;
  va_start (ap, types);
  bind_valist (stmt, types, ap);
  va_end (ap);
  return _jc_store_step_each (store, stmt, func, data, what, error);
}

gpointer
_jc_store_text_from_row (sqlite3_stmt *stmt)
{
  return _jc_store_column_dup (stmt, 0);
}

gpointer
_jc_store_id_text_from_row (sqlite3_stmt *stmt)
{
  JcStoreIdText *r = g_new (JcStoreIdText, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->text = _jc_store_column_dup (stmt, 1);
  return r;
}

void
_jc_store_id_text_free (gpointer p)
{
  JcStoreIdText *r = p;

  g_free (r->text);
  g_free (r);
}

void
_jc_store_append_int64 (sqlite3_stmt *stmt,
                        gpointer      data)
{
  gint64 v = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) data, v);
}

char *
_jc_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_jc_store_bind_text (sqlite3_stmt *stmt,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (stmt, i, text ? text : "", -1, SQLITE_TRANSIENT);
}

char *
_jc_store_column_dup (sqlite3_stmt *stmt,
            int           i)
{
  const char *t = (const char *) sqlite3_column_text (stmt, i);

  return g_strdup (t ? t : "");
}

char *
jc_store_get_setting (JcStore    *store,
                      const char *key)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, "SELECT value FROM settings WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", key);
  return _jc_store_step_first (store, stmt, _jc_store_text_from_row, NULL, NULL);
}

gboolean
jc_store_set_setting (JcStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  return _jc_store_run (store,
    "INSERT INTO settings (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", _("Could not save a setting"), error,
    "ss", key, value);
}


/* Opens a unit of writing that a failure part-way undoes whole: inside
 * the caller's transaction a savepoint; outside one a transaction of its
 * own, BEGIN IMMEDIATE, so that two writers queue on the busy timeout
 * instead of one failing with "database is locked" when its read lock
 * cannot be upgraded. */
gboolean
_jc_store_savepoint_begin (JcStore  *store,
                           GError  **error)
{
  gboolean own = sqlite3_get_autocommit (store->db) != 0;

  if (!_jc_store_exec (store, own ? "BEGIN IMMEDIATE" : "SAVEPOINT jc_write", error))
    return FALSE;
  if (own && !check_unmoved (store, error))
    return FALSE;
  g_array_append_val (store->units, own);
  return TRUE;
}

gboolean
_jc_store_savepoint_end (JcStore   *store,
                         gboolean   ok,
                         GError   **error)
{
  gboolean own;

  g_return_val_if_fail (store->units->len > 0, FALSE);
  own = g_array_index (store->units, gboolean, store->units->len - 1);
  g_array_set_size (store->units, store->units->len - 1);
  if (own)
    {
      if (ok && _jc_store_exec (store, "COMMIT", error))
        return TRUE;
      _jc_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  if (ok)
    return _jc_store_exec (store, "RELEASE jc_write", error);
  _jc_store_exec (store, "ROLLBACK TO jc_write", NULL);
  _jc_store_exec (store, "RELEASE jc_write", NULL);
  return FALSE;
}

/* ---- sources, prices, orders (bulk writers) ------------------------ */

gint64
_jc_store_count (JcStore     *store,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (_jc_store_step_int64 (store, stmt, &n, _("Could not count"), error) < 1)
    return -1;
  return n;
}

gboolean
jc_store_write_begin (JcStore  *store,
                      GError  **error)
{
  return _jc_store_savepoint_begin (store, error);
}

gboolean
jc_store_write_end (JcStore   *store,
                    gboolean   ok,
                    GError   **error)
{
  return _jc_store_savepoint_end (store, ok, error);
}
