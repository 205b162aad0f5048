/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-sqlite.c: the SQLite engine of the driver layer — a thin wrapper
 * over sqlite3_* and the mapping of SQLite's result codes to the store's
 * error codes.  It must not check what a file holds (the store refuses
 * files that are not its own) nor change a database's journal mode. */
#include "config.h"

#define G_LOG_DOMAIN "jc-db"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "jc-db-private.h"
#include "jc-error.h"

typedef struct {
  JcDb     parent;
  sqlite3 *db;
} SqliteDb;

typedef struct {
  JcDbStmt      parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define SDB(d) (((SqliteDb *) (d))->db)
#define SSTMT(s) (((SqliteStmt *) (s))->stmt)

/* The store's error code for an (extended) SQLite result code. */
static int
error_code (int rc)
{
  switch (rc)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return JC_STORE_ERROR_DUPLICATE;
    default:
      break;
    }
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return JC_STORE_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return JC_STORE_ERROR_BUSY;
    case SQLITE_READONLY:
      return JC_STORE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
      return JC_STORE_ERROR_CORRUPT;
    case SQLITE_NOTADB:
      return JC_STORE_ERROR_NOT_DATABASE;
    case SQLITE_AUTH:
      return JC_STORE_ERROR_DENIED;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      return JC_STORE_ERROR_CANT_OPEN;
    default:
      return JC_STORE_ERROR_FAILED;
    }
}

static gboolean
set_error (sqlite3     *db,
           int          rc,
           const char  *what,
           GError     **error)
{
  return _jc_db_set_error (error, error_code (rc), what,
                           db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

static JcDb *
sqlite_open (const char     *location,
             JcDbOpenFlags   flags,
             GError        **error)
{
  SqliteDb *self = g_new0 (SqliteDb, 1);
  int rc = sqlite3_open_v2 (location, &self->db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                            ((flags & JC_DB_OPEN_CREATE) ? SQLITE_OPEN_CREATE : 0), NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, 5000);
      rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot open the database “%s”"), location);

      set_error (self->db, rc, what, error);
      sqlite3_close (self->db);
      g_free (self);
      return NULL;
    }
  return &self->parent;
}

static void
sqlite_close (JcDb *db)
{
  sqlite3_close (SDB (db));
  g_free (db);
}

static JcDbStmt *
sqlite_prepare (JcDb        *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (SDB (db), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  SqliteStmt *self;

  if (rc != SQLITE_OK)
    {
      set_error (SDB (db), rc, _("Could not prepare a query"), error);
      return NULL;
    }
  self = g_new0 (SqliteStmt, 1);
  self->stmt = stmt;
  return &self->parent;
}

static void
sqlite_stmt_free (JcDbStmt *stmt)
{
  sqlite3_finalize (SSTMT (stmt));
  g_free (stmt);
}

static void
sqlite_reset (JcDbStmt *stmt)
{
  sqlite3_reset (SSTMT (stmt));
  sqlite3_clear_bindings (SSTMT (stmt));
}

static int
sqlite_param_count (JcDbStmt *stmt)
{
  return sqlite3_bind_parameter_count (SSTMT (stmt));
}

static void
sqlite_bind_null (JcDbStmt *stmt,
                  int       i)
{
  sqlite3_bind_null (SSTMT (stmt), i);
}

static void
sqlite_bind_int64 (JcDbStmt *stmt,
                   int       i,
                   gint64    v)
{
  sqlite3_bind_int64 (SSTMT (stmt), i, v);
}

static void
sqlite_bind_text (JcDbStmt   *stmt,
                  int         i,
                  const char *text)
{
  sqlite3_bind_text (SSTMT (stmt), i, text, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_double (JcDbStmt *stmt,
                    int       i,
                    double    v)
{
  sqlite3_bind_double (SSTMT (stmt), i, v);
}

static JcDbStep
sqlite_step (JcDbStmt  *stmt,
             GError   **error)
{
  int rc = sqlite3_step (SSTMT (stmt));

  if (rc == SQLITE_ROW)
    return JC_DB_ROW;
  if (rc == SQLITE_DONE)
    return JC_DB_DONE;
  set_error (SDB (stmt->db), rc, _("The database refused a query"), error);
  return JC_DB_ERROR;
}

static int
sqlite_column_count (JcDbStmt *stmt)
{
  return sqlite3_data_count (SSTMT (stmt));
}

static gboolean
sqlite_column_is_null (JcDbStmt *stmt,
                       int       i)
{
  return sqlite3_column_type (SSTMT (stmt), i) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (JcDbStmt *stmt,
                     int       i)
{
  return sqlite3_column_int64 (SSTMT (stmt), i);
}

static const char *
sqlite_column_text (JcDbStmt *stmt,
                    int       i)
{
  return (const char *) sqlite3_column_text (SSTMT (stmt), i);
}

static double
sqlite_column_double (JcDbStmt *stmt,
                      int       i)
{
  return sqlite3_column_double (SSTMT (stmt), i);
}

static gint64
sqlite_changes (JcDb *db)
{
  return sqlite3_changes64 (SDB (db));
}

static gboolean
sqlite_exec (JcDb        *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (SDB (db), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (SDB (db), rc, _("The database refused a query"), error);
  return TRUE;
}

static gboolean
sqlite_in_transaction (JcDb *db)
{
  return !sqlite3_get_autocommit (SDB (db));
}

static int
sqlite_server_version (JcDb *db)
{
  return sqlite3_libversion_number ();
}

const JcDbDriver _jc_db_sqlite_driver = {
  .engine = JC_DB_ENGINE_SQLITE,
  /* the write lock at once, so that two writers queue on the busy
   * timeout instead of one failing when its read lock cannot grow */
  .begin_sql = "BEGIN IMMEDIATE",
  .open = sqlite_open,
  .close = sqlite_close,
  .prepare = sqlite_prepare,
  .stmt_free = sqlite_stmt_free,
  .reset = sqlite_reset,
  .param_count = sqlite_param_count,
  .bind_null = sqlite_bind_null,
  .bind_int64 = sqlite_bind_int64,
  .bind_text = sqlite_bind_text,
  .bind_double = sqlite_bind_double,
  .step = sqlite_step,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_text = sqlite_column_text,
  .column_double = sqlite_column_double,
  .changes = sqlite_changes,
  .exec = sqlite_exec,
  .in_transaction = sqlite_in_transaction,
  .server_version = sqlite_server_version,
};
