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
#include "jc-db-sqlite.h"
#include "jc-error.h"
#include "jc-output.h"
#include "jc-store-sqlite.h"
#include "jc-store-schema.h"
#include "jc-store-roles-pg.h"
#include "jc-store-schema-pg.h"

struct _JcStore {
  JcDb       *conn;   /* every statement goes through it (jc-db.h) */
  sqlite3    *db;     /* SQLite: its handle, for what only SQLite has */
  char       *path;
  int         schema_version;
  GArray     *units;  /* gboolean per open savepoint: a transaction of its own? */
  gboolean    protected;  /* its files are refused as export targets */
  gboolean    moved;      /* the last write found its file moved or replaced */
  guint       busy_ms;    /* how long a write waits for another writer */
  JcStoreBusyFunc busy_func;  /* told once per wait that we are waiting */
  gpointer    busy_data;
  char       *role;   /* PostgreSQL: the login's role in jicai, NULL for none */
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
/* Why a write gave up waiting for another writer. */
static char *
busy_text (JcStore *store)
{
  guint seconds = store != NULL ? (store->busy_ms + 999) / 1000 : 0;

  return g_strdup_printf (ngettext ("another desk or program kept the database busy for "
                                    "%u second, longer than we wait; nothing was saved. "
                                    "Try again when its work (an import, a backup) has "
                                    "finished",
                                    "another desk or program kept the database busy for "
                                    "%u seconds, longer than we wait; nothing was saved. "
                                    "Try again when its work (an import, a backup) has "
                                    "finished", seconds), seconds);
}

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
      busy = busy_text (store);
      msg = busy;
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

  if (store->db == NULL)
    return FALSE;  /* the office database has no file of ours */
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

JcDb *
_jc_store_get_conn (JcStore *store)
{
  return store->conn;
}

gboolean
_jc_store_db_failed (JcStore     *store,
                     const char  *what,
                     GError     **error)
{
  const GError *last;

  if (store->db != NULL)
    return _jc_store_set_error (store, _jc_db_sqlite_last_rc (store->conn), what, error);
  last = jc_db_last_error (store->conn);
  if (last == NULL)
    return _jc_store_error_printf (error, JC_STORE_ERROR_FAILED, "%s", what);
  if (last->code == JC_STORE_ERROR_DENIED)
    {
      /* the database's refusal as a sentence naming who may do it */
      g_autofree char *denied = _jc_store_pg_denied_text (NULL, last->message, store->role);

      if (denied != NULL)
        return _jc_store_error_printf (error, last->code, "%s", denied);
    }
  if (last->code == JC_STORE_ERROR_BUSY)
    {
      g_autofree char *busy = busy_text (store);

      if (what == NULL || *what == '\0')
        {
          busy[0] = g_ascii_toupper (busy[0]);
          return _jc_store_error_printf (error, last->code, "%s", busy);
        }
      return _jc_store_error_printf (error, last->code, "%s: %s", what, busy);
    }
  if (what == NULL || *what == '\0')
    return _jc_store_error_printf (error, last->code, "%s", last->message);
  return _jc_store_error_printf (error, last->code, "%s: %s", what, last->message);
}

/* PostgreSQL: after the server dropped the connection (restarted, a
 * network cut, an administrator ended it), the next statement outside a
 * unit of writing opens it again — the failed one was reported, and what
 * it wrote was rolled back by the server.  Inside a unit nothing is
 * reopened: the unit fails whole and its caller rolls it back. */
static gboolean
reconnect_if_lost (JcStore  *store,
                   GError  **error)
{
  const GError *last;
  JcDb *conn;

  if (store->db != NULL || store->units->len > 0)
    return TRUE;
  last = jc_db_last_error (store->conn);
  if (last == NULL || last->code != JC_STORE_ERROR_CONNECTION_LOST ||
      jc_db_in_transaction (store->conn))
    return TRUE;
  conn = jc_db_open (store->path, JC_DB_OPEN_DEFAULT, error);
  if (conn == NULL)
    return FALSE;
  g_debug ("Reconnected to the office database");
  jc_db_close (store->conn);
  store->conn = conn;
  return TRUE;
}

/* Returns a statement prepared once per connection (jc_db_prepare(): `sql`
 * is a literal) and reset for use; the connection owns it. */
JcDbStmt *
_jc_store_prepare (JcStore     *store,
                   const char  *sql,
                   GError     **error)
{
  g_autoptr(GError) failure = NULL;
  JcDbStmt *stmt;

  if (!reconnect_if_lost (store, error))
    return NULL;
  stmt = jc_db_prepare (store->conn, sql, &failure);

  if (stmt != NULL)
    return stmt;
  if (store->db != NULL)
    _jc_store_set_error (store, sqlite3_extended_errcode (store->db), _("Could not prepare a query"),
                         error);
  else
    g_propagate_error (error, g_steal_pointer (&failure));
  return NULL;
}

gboolean
_jc_store_exec (JcStore     *store,
                const char  *sql,
                GError     **error)
{
  if (!reconnect_if_lost (store, error))
    return FALSE;
  if (jc_db_exec (store->conn, sql, NULL))
    return TRUE;
  /* the engine's own words: no `what` of ours */
  return _jc_store_db_failed (store, NULL, error);
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

void
jc_store_free (JcStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->units, g_array_unref);
  /* SQLite does not checkpoint a moved file on close, and leaves its -wal */
  if (store->db != NULL && file_has_moved (store))
    fold_wal_of_moved (store);
  /* closes the SQLite handle too */
  g_clear_pointer (&store->conn, jc_db_close);
  if (store->protected)
    _jc_output_unprotect (store->path);
  g_free (store->path);
  g_free (store->role);
  g_free (store);
}

const char *
jc_store_get_path (JcStore *store)
{
  return store->path;
}

char *
jc_store_get_display_name (JcStore *store)
{
  return jc_db_location_display (store->path);
}

gboolean
jc_store_is_office (JcStore *store)
{
  return jc_db_get_engine (store->conn) == JC_DB_ENGINE_POSTGRESQL;
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

/* PostgreSQL: the writers' lock, held to the end of the transaction.  One
 * writer at a time, as SQLite's BEGIN IMMEDIATE gives: a write reads what
 * every earlier write committed (READ COMMITTED, each statement sees the
 * latest commits) and no two writes interleave, so no update is lost and
 * no write waits on another in a cycle.  It is tried every few
 * milliseconds as SQLite's busy handler tries, telling the busy function
 * once when a second has passed, and given up after `busy_ms`.  The lock
 * is the schema's: jicai's tables in another schema of the same database
 * (the tests') are another store. */
#define JC_STORE_PG_WRITE_LOCK \
  "SELECT pg_try_advisory_xact_lock (1784776545, hashtext (current_schema ()))"

static gboolean
pg_write_lock (JcStore  *store,
               GError  **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean told = FALSE;

  for (guint n = 0;; n++)
    {
      JcDbStmt *stmt = _jc_store_prepare (store, JC_STORE_PG_WRITE_LOCK, error);
      gint64 got = 0;
      gint64 waited_us;

      if (stmt == NULL || _jc_store_step_int64 (store, stmt, &got, NULL, error) < 0)
        return FALSE;
      if (got != 0)
        return TRUE;
      waited_us = g_get_monotonic_time () - start;
      if (waited_us >= (gint64) store->busy_ms * 1000)
        {
          g_autofree char *busy = busy_text (store);

          busy[0] = g_ascii_toupper (busy[0]);
          return _jc_store_error_printf (error, JC_STORE_ERROR_BUSY, "%s", busy);
        }
      if (!told && waited_us >= 1000000 && store->busy_func != NULL)
        {
          told = TRUE;
          store->busy_func (store, store->busy_data);
        }
      g_usleep (n < 10 ? 500 : 2000);
    }
}

/* Opens a transaction that writes: SQLite's BEGIN IMMEDIATE (writers queue
 * on the busy handler; nothing is written into a file moved under us), or
 * PostgreSQL's BEGIN and the writers' lock. */
static gboolean
write_begin (JcStore  *store,
             GError  **error)
{
  if (store->db != NULL)
    return _jc_store_exec (store, "BEGIN IMMEDIATE", error) && check_unmoved (store, error);
  if (!_jc_store_exec (store, "BEGIN", error))
    return FALSE;
  if (pg_write_lock (store, error))
    return TRUE;
  _jc_store_exec (store, "ROLLBACK", NULL);
  return FALSE;
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

/* The office database at `location`: checked (server, collation, not
 * another program's, not newer), created from the PostgreSQL baseline
 * when empty — in one transaction under the writers' lock, so that two
 * desks opening a new database at once create it once. */
static JcStore *
open_pg (const char  *location,
         int          version,
         GError     **error)
{
  g_autoptr(JcStore) store = g_new0 (JcStore, 1);
  int current = 0;

  store->path = g_strdup (location);
  store->units = g_array_new (FALSE, FALSE, sizeof (gboolean));
  store->busy_ms = JC_STORE_BUSY_MS;
  store->conn = jc_db_open (location, JC_DB_OPEN_DEFAULT, error);
  if (store->conn == NULL)
    return NULL;
  if (!_jc_store_pg_check (store->conn, &current, error))
    return NULL;
  store->role = _jc_store_pg_session_role (store->conn);
  if (current == 0)
    {
      if (!write_begin (store, error))
        return NULL;
      /* another desk may have created it while we waited for the lock */
      if (!_jc_store_pg_check (store->conn, &current, error) ||
          (current == 0 && !_jc_store_pg_create_baseline (store->conn, error)) ||
          !_jc_store_exec (store, "COMMIT", error))
        {
          jc_store_rollback (store);
          g_prefix_error (error, _("Could not create the jicai tables in the office database; "
                                   "nothing was created: "));
          return NULL;
        }
      if (current == 0)
        current = JC_STORE_PG_BASELINE_VERSION;
    }
  if (current < version || version < JC_STORE_PG_BASELINE_VERSION)
    {
      /* every later schema change comes as a migration for both engines */
      _jc_store_error_printf (error, JC_STORE_ERROR_UNSUPPORTED,
                              _("The office database has schema %d; this version of jicai "
                                "cannot upgrade it to %d"), current, version);
      return NULL;
    }
  store->schema_version = current;
  if (store->schema_version >= JC_STORE_STAGE_SCHEMA_VERSION)
    _jc_store_clean_stale_imports (store, NULL);
  return g_steal_pointer (&store);
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
  if (jc_db_location_kind (path) == JC_DB_LOCATION_POSTGRESQL)
    return open_pg (path, version, error);
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
  store->units = g_array_new (FALSE, FALSE, sizeof (gboolean));

  rc = sqlite3_open_v2 (path, &store->db,
                        SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  /* the connection owns the handle from here on, even a failed one */
  if (store->db != NULL)
    store->conn = _jc_db_sqlite_adopt (store->db);
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT (SELECT COUNT(*) FROM items) + (SELECT COUNT(*) FROM canteens) + "
    "(SELECT COUNT(*) FROM vehicles) + (SELECT COUNT(*) FROM price_sources)", NULL);
  gint64 n = -1;

  return stmt != NULL && _jc_store_step_int64 (store, stmt, &n, NULL, NULL) == 1 && n == 0;
}

gboolean
jc_store_begin (JcStore  *store,
                GError  **error)
{
  return write_begin (store, error);
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
  if (jc_db_in_transaction (store->conn))
    _jc_store_exec (store, "ROLLBACK", NULL);
}

/* Runs a statement that returns no rows; resets it. */
gboolean
_jc_store_step_done (JcStore   *store,
                     JcDbStmt  *stmt,
                     const char *what,
                     GError   **error)
{
  JcDbStep rc = jc_db_step (stmt, NULL);

  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    return _jc_store_db_failed (store, what, error);
  return TRUE;
}

static void
bind_valist (JcDbStmt    *stmt,
             const char  *types,
             va_list      ap)
{
  int i;

  for (i = 0; types[i] != '\0'; i++)
    switch (types[i])
      {
      case 's':
        _jc_store_bind_text (stmt, i + 1, va_arg (ap, const char *));
        break;
      case 'i':
        jc_db_bind_int64 (stmt, i + 1, va_arg (ap, gint64));
        break;
      case 'd':
        jc_db_bind_int64 (stmt, i + 1, va_arg (ap, int));
        break;
      case 'b':
        jc_db_bind_int64 (stmt, i + 1, va_arg (ap, gboolean) ? 1 : 0);
        break;
      case 'f':
        jc_db_bind_double (stmt, i + 1, va_arg (ap, double));
        break;
      case 'N':
        {
          gboolean present = va_arg (ap, gboolean);
          gint64 v = va_arg (ap, gint64);

          if (present)
            jc_db_bind_int64 (stmt, i + 1, v);
          else
            jc_db_bind_null (stmt, i + 1);
        }
        break;
      case 'k':
        {
          gint64 id = va_arg (ap, gint64);

          if (id > 0)
            jc_db_bind_int64 (stmt, i + 1, id);
          else
            jc_db_bind_null (stmt, i + 1);
        }
        break;
      default:
        g_assert_not_reached ();
      }
  /* a type string one letter short binds every later value to the wrong
   * parameter: say so where it happens */
  if (i != jc_db_param_count (stmt))
    g_critical ("“%s” takes %d parameters; %d were bound", types, jc_db_param_count (stmt), i);
}

void
_jc_store_bind (JcDbStmt    *stmt,
                const char  *types,
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
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);
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
  return jc_db_changes (store->conn);
}

int
_jc_store_last_code (JcStore *store)
{
  const GError *last = jc_db_last_error (store->conn);

  return last != NULL ? last->code : -1;
}

gboolean
_jc_store_step_each (JcStore         *store,
                     JcDbStmt        *stmt,
                     JcStoreRowFunc   func,
                     gpointer         data,
                     const char      *what,
                     GError         **error)
{
  JcDbStep rc;

  while ((rc = jc_db_step (stmt, NULL)) == JC_DB_ROW)
    func (stmt, data);
  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    return _jc_store_db_failed (store, what, error);
  return TRUE;
}

gpointer
_jc_store_step_first (JcStore         *store,
                      JcDbStmt        *stmt,
                      JcStoreRowRead   read,
                      const char      *what,
                      GError         **error)
{
  JcDbStep rc = jc_db_step (stmt, NULL);
  gpointer row = rc == JC_DB_ROW ? read (stmt) : NULL;

  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    _jc_store_db_failed (store, what, error);
  return row;
}

int
_jc_store_step_int64 (JcStore       *store,
                      JcDbStmt      *stmt,
                      gint64        *out,
                      const char    *what,
                      GError       **error)
{
  JcDbStep rc = jc_db_step (stmt, NULL);

  if (rc == JC_DB_ROW)
    *out = jc_db_column_int64 (stmt, 0);
  jc_db_reset (stmt);
  if (rc == JC_DB_ROW)
    return 1;
  if (rc == JC_DB_DONE)
    return 0;
  _jc_store_db_failed (store, what, error);
  return -1;
}

gboolean
_jc_store_step_returning (JcStore       *store,
                          JcDbStmt      *stmt,
                          gint64        *out_id,
                          const char    *what,
                          GError       **error)
{
  JcDbStep rc = jc_db_step (stmt, NULL);

  if (rc == JC_DB_ROW)
    {
      *out_id = jc_db_column_int64 (stmt, 0);
      rc = jc_db_step (stmt, NULL);
    }
  jc_db_reset (stmt);
  if (rc != JC_DB_DONE)
    return _jc_store_db_failed (store, what, error);
  return TRUE;
}

typedef struct {
  JcStoreRowRead  read;
  GPtrArray      *out;
} StepAll;

static void
add_row (JcDbStmt *stmt,
         gpointer  data)
{
  StepAll *all = data;

  g_ptr_array_add (all->out, all->read (stmt));
}

GPtrArray *
_jc_store_step_all (JcStore         *store,
                    JcDbStmt        *stmt,
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
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);
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
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);
  va_list ap;

  if (stmt == NULL)
    return FALSE;
  va_start (ap, types);
  bind_valist (stmt, types, ap);
  va_end (ap);
  return _jc_store_step_each (store, stmt, func, data, what, error);
}

gpointer
_jc_store_text_from_row (JcDbStmt *stmt)
{
  return _jc_store_column_dup (stmt, 0);
}

gpointer
_jc_store_id_text_from_row (JcDbStmt *stmt)
{
  JcStoreIdText *r = g_new (JcStoreIdText, 1);

  r->id = jc_db_column_int64 (stmt, 0);
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
_jc_store_append_int64 (JcDbStmt *stmt,
                        gpointer  data)
{
  gint64 v = jc_db_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) data, v);
}

char *
_jc_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
_jc_store_bind_text (JcDbStmt   *stmt,
                     int         i,
                     const char *text)
{
  jc_db_bind_text (stmt, i, text ? text : "");
}

char *
_jc_store_column_dup (JcDbStmt *stmt,
                      int       i)
{
  const char *t = jc_db_column_text (stmt, i);

  return g_strdup (t ? t : "");
}

char *
jc_store_get_setting (JcStore    *store,
                      const char *key)
{
  JcDbStmt *stmt = _jc_store_prepare (store, "SELECT value FROM settings WHERE key = ?", NULL);

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
  gboolean own = !jc_db_in_transaction (store->conn);

  if (own ? !write_begin (store, error) : !_jc_store_exec (store, "SAVEPOINT jc_write", error))
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
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);
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
