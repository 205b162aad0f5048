/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-pg.c: the PostgreSQL engine of the driver layer, on libpq.  A
 * statement is rewritten once (`?` → `$n`) and prepared once per
 * connection (PQprepare under a name of its own); each run is
 * PQexecPrepared with every parameter as text, its types inferred by the
 * server as for a quoted literal.  A run's rows come back as one whole
 * PGresult, read row by row by jc_db_step(): the store runs a query while
 * it steps through another (SQLite allows it), and libpq's single-row mode
 * would forbid that — the connection would be busy until the first query
 * was read to its end.  The store's results are bounded (lists, a month);
 * its large work is writes.
 *
 * It must not retry, reconnect or decide anything: it reports what the
 * server said, as the store's error codes. */
#include "config.h"

#define G_LOG_DOMAIN "jc-db"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "jc-db-password.h"
#include "jc-db-private.h"
#include "jc-error.h"

typedef struct {
  JcDb    parent;
  PGconn *conn;
  guint   next_name;
  gint64  changes;
} PgDb;

typedef struct {
  JcDbStmt   parent;
  char       name[32];
  int        n_params;
  char     **values;    /* n_params texts, NULL for SQL NULL */
  PGresult  *res;       /* the rows of the current run */
  int        row;       /* the current row of `res`, -1 before the first */
  gboolean   ran;       /* executed since the last reset */
} PgStmt;

#define PDB(d) ((PgDb *) (d))
#define PSTMT(s) ((PgStmt *) (s))

/* ---- placeholders --------------------------------------------------- */

/* The length of the dollar-quote tag at `s` ("$tag$" or "$$"), 0 if
 * there is none. */
static gsize
dollar_tag_len (const char *s)
{
  gsize n = 1;

  if (s[0] != '$' || g_ascii_isdigit (s[1]))
    return 0;
  while (g_ascii_isalnum (s[n]) || s[n] == '_')
    n++;
  return s[n] == '$' ? n + 1 : 0;
}

char *
_jc_db_number_placeholders (const char *sql,
                            int        *out_n)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int n = 0;
  const char *p = sql;

  while (*p != '\0')
    {
      const char *start = p;
      gsize tag;

      if (*p == '?' && g_ascii_isdigit (p[1]))
        {
          /* ?NNN, SQLite's numbered parameter, is PostgreSQL's $NNN */
          int k = 0;

          for (p++; g_ascii_isdigit (*p); p++)
            k = k * 10 + (*p - '0');
          g_string_append_printf (out, "$%d", k);
          n = MAX (n, k);
          continue;
        }
      if (*p == '?')
        {
          g_string_append_printf (out, "$%d", ++n);
          p++;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          /* a literal or a quoted identifier: a doubled quote is one
           * quote; in E'…' a backslash escapes the next character */
          char q = *p;
          gboolean escapes = q == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                             (p - 1 == sql || !(g_ascii_isalnum (p[-2]) || p[-2] == '_'));

          for (p++; *p != '\0'; p++)
            {
              if (escapes && *p == '\\' && p[1] != '\0')
                p++;
              else if (*p == q && p[1] == q)
                p++;
              else if (*p == q)
                {
                  p++;
                  break;
                }
            }
        }
      else if (p[0] == '-' && p[1] == '-')
        p += strcspn (p, "\n");
      else if (p[0] == '/' && p[1] == '*')
        {
          /* block comments nest in PostgreSQL */
          int depth = 1;

          for (p += 2; *p != '\0' && depth > 0; p++)
            if (p[0] == '/' && p[1] == '*')
              depth++, p++;
            else if (p[0] == '*' && p[1] == '/')
              depth--, p++;
        }
      else if ((tag = dollar_tag_len (p)) > 0 &&
               (p == sql || !(g_ascii_isalnum (p[-1]) || p[-1] == '_')))
        {
          const char *end = NULL;

          for (const char *q = p + tag; *q != '\0'; q++)
            if (strncmp (q, p, tag) == 0)
              {
                end = q + tag;
                break;
              }
          p = end != NULL ? end : p + strlen (p);
        }
      else
        p++;
      g_string_append_len (out, start, p - start);
    }
  if (out_n != NULL)
    *out_n = n;
  return g_string_free (out, FALSE);
}

/* ---- errors --------------------------------------------------------- */

/* The store's error code for what the server (or libpq) said. */
static int
error_code (PGconn     *conn,
            const char *state)
{
  if (PQstatus (conn) == CONNECTION_BAD)
    return JC_STORE_ERROR_CONNECTION_LOST;
  if (state == NULL)
    return JC_STORE_ERROR_FAILED;
  if (g_str_equal (state, "23505"))
    return JC_STORE_ERROR_DUPLICATE;
  if (g_str_has_prefix (state, "23"))
    return JC_STORE_ERROR_CONSTRAINT;
  /* serialization failure, deadlock, lock not available: run again */
  if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") ||
      g_str_equal (state, "55P03"))
    return JC_STORE_ERROR_BUSY;
  /* connection exceptions; the server shutting down or starting */
  if (g_str_has_prefix (state, "08") || g_str_equal (state, "57P01") ||
      g_str_equal (state, "57P02") || g_str_equal (state, "57P03"))
    return JC_STORE_ERROR_CONNECTION_LOST;
  if (g_str_equal (state, "25006"))
    return JC_STORE_ERROR_READ_ONLY;
  if (g_str_equal (state, "42501") || g_str_has_prefix (state, "28"))
    return JC_STORE_ERROR_DENIED;
  return JC_STORE_ERROR_FAILED;
}

static gboolean
set_error (PgDb        *db,
           PGresult    *res,
           const char  *what,
           GError     **error)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *detail = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  int code = error_code (db->conn, state);
  g_autofree char *message = NULL;

  if (primary == NULL)
    primary = PQerrorMessage (db->conn);
  message = detail != NULL ? g_strdup_printf ("%s (%s)", primary, detail) : g_strdup (primary);
  g_strstrip (message);
  if (code == JC_STORE_ERROR_CONNECTION_LOST)
    what = _("The connection to the office database was lost");
  return _jc_db_set_error (error, code, what, message);
}

/* ---- connections ---------------------------------------------------- */

static void
on_notice (void       *data,
           const char *message)
{
  g_debug ("%s", message);
}

static JcDb *
pg_open (const char     *location,
         JcDbOpenFlags   flags,
         GError        **error)
{
  /* later keywords win: the location's own settings over our default
   * timeout, and our encoding over the location's */
  static const char *const keywords[] = {
    "connect_timeout", "dbname", "fallback_application_name", "client_encoding", "password",
    NULL
  };
  /* the GUI's password (jc-db-password.h), never part of the location;
   * NULL leaves libpq to the location's own or ~/.pgpass */
  g_autofree char *password = _jc_db_password_for (location);
  const char *values[] = { "10", location, "jicai", "UTF8", password, NULL };
  PgDb *self;

  if (!_jc_db_location_readable (location, error))
    return NULL;
  self = g_new0 (PgDb, 1);
  self->conn = PQconnectdbParams (keywords, values, 1);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *display = jc_db_location_display (location);
      g_autofree char *what = g_strdup_printf (_("Cannot connect to the office database “%s”"),
                                               display);
      g_autofree char *why = g_strdup (self->conn != NULL ? PQerrorMessage (self->conn)
                                                          : _("out of memory"));

      _jc_db_set_error (error, JC_STORE_ERROR_CANT_OPEN, what, g_strstrip (why));
      PQfinish (self->conn);
      g_free (self);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, on_notice, NULL);
  return &self->parent;
}

static void
pg_close (JcDb *db)
{
  PQfinish (PDB (db)->conn);
  g_free (db);
}

/* ---- statements ----------------------------------------------------- */

static void
clear_values (PgStmt *self)
{
  for (int i = 0; i < self->n_params; i++)
    g_clear_pointer (&self->values[i], g_free);
}

static JcDbStmt *
pg_prepare (JcDb        *db,
            const char  *sql,
            GError     **error)
{
  PgDb *pdb = PDB (db);
  int n = 0;
  g_autofree char *text = _jc_db_number_placeholders (sql, &n);
  PgStmt *self = g_new0 (PgStmt, 1);
  PGresult *res;

  g_snprintf (self->name, sizeof self->name, "jc%u", ++pdb->next_name);
  res = PQprepare (pdb->conn, self->name, text, 0, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      set_error (pdb, res, _("Could not prepare a query"), error);
      PQclear (res);
      g_free (self);
      return NULL;
    }
  PQclear (res);
  self->n_params = n;
  self->values = g_new0 (char *, MAX (n, 1));
  self->row = -1;
  return &self->parent;
}

static void
pg_reset (JcDbStmt *stmt)
{
  PgStmt *self = PSTMT (stmt);

  g_clear_pointer (&self->res, PQclear);
  self->row = -1;
  self->ran = FALSE;
  clear_values (self);
}

static void
pg_stmt_free (JcDbStmt *stmt)
{
  PgStmt *self = PSTMT (stmt);
  PGconn *conn = PDB (stmt->db)->conn;

  pg_reset (stmt);
  /* a statement of its own (jc_db_stmt_new) goes while the connection
   * lives on; cached ones go with the connection */
  if (PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) != PQTRANS_INERROR)
    {
      g_autofree char *sql = g_strdup_printf ("DEALLOCATE %s", self->name);

      PQclear (PQexec (conn, sql));
    }
  g_free (self->values);
  g_free (self);
}

static int
pg_param_count (JcDbStmt *stmt)
{
  return PSTMT (stmt)->n_params;
}

static void
set_value (JcDbStmt *stmt,
           int       i,
           char     *text)
{
  PgStmt *self = PSTMT (stmt);

  if (i < 1 || i > self->n_params)
    {
      g_critical ("parameter %d of a statement that takes %d", i, self->n_params);
      g_free (text);
      return;
    }
  g_free (self->values[i - 1]);
  self->values[i - 1] = text;
}

static void
pg_bind_null (JcDbStmt *stmt,
              int       i)
{
  set_value (stmt, i, NULL);
}

static void
pg_bind_int64 (JcDbStmt *stmt,
               int       i,
               gint64    v)
{
  set_value (stmt, i, g_strdup_printf ("%" G_GINT64_FORMAT, v));
}

static void
pg_bind_text (JcDbStmt   *stmt,
              int         i,
              const char *text)
{
  set_value (stmt, i, g_strdup (text));
}

static void
pg_bind_double (JcDbStmt *stmt,
                int       i,
                double    v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* shortest text that reads back as the same double */
  set_value (stmt, i, g_strdup (g_ascii_dtostr (buf, sizeof buf, v)));
}

/* Rows an INSERT, UPDATE or DELETE changed; a query changes nothing. */
static void
note_changes (PgDb     *db,
              PGresult *res)
{
  const char *status = PQcmdStatus (res);

  if (g_str_has_prefix (status, "INSERT") || g_str_has_prefix (status, "UPDATE") ||
      g_str_has_prefix (status, "DELETE") || g_str_has_prefix (status, "MERGE"))
    db->changes = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
}

static JcDbStep
pg_step (JcDbStmt  *stmt,
         GError   **error)
{
  PgStmt *self = PSTMT (stmt);
  PgDb *db = PDB (stmt->db);

  if (!self->ran)
    {
      PGresult *res = PQexecPrepared (db->conn, self->name, self->n_params,
                                      (const char *const *) self->values, NULL, NULL, 0);
      ExecStatusType status = PQresultStatus (res);

      self->ran = TRUE;
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          set_error (db, res, _("The database refused a query"), error);
          PQclear (res);
          return JC_DB_ERROR;
        }
      note_changes (db, res);
      self->res = res;
      self->row = -1;
    }
  if (self->res == NULL)
    return JC_DB_DONE;
  if (self->row + 1 < PQntuples (self->res))
    {
      self->row++;
      return JC_DB_ROW;
    }
  self->row = PQntuples (self->res);
  return JC_DB_DONE;
}

/* The value of column `i` of the current row, NULL for SQL NULL or no
 * row. */
static const char *
value_at (JcDbStmt *stmt,
          int       i)
{
  PgStmt *self = PSTMT (stmt);

  if (self->res == NULL || self->row < 0 || self->row >= PQntuples (self->res) ||
      i < 0 || i >= PQnfields (self->res) || PQgetisnull (self->res, self->row, i))
    return NULL;
  return PQgetvalue (self->res, self->row, i);
}

static int
pg_column_count (JcDbStmt *stmt)
{
  PgStmt *self = PSTMT (stmt);

  if (self->res == NULL || self->row < 0 || self->row >= PQntuples (self->res))
    return 0;
  return PQnfields (self->res);
}

static gboolean
pg_column_is_null (JcDbStmt *stmt,
                   int       i)
{
  return value_at (stmt, i) == NULL;
}

static gint64
pg_column_int64 (JcDbStmt *stmt,
                 int       i)
{
  const char *v = value_at (stmt, i);

  if (v == NULL)
    return 0;
  /* a boolean reads as SQLite stores one */
  if (v[0] == 't' && v[1] == '\0')
    return 1;
  return g_ascii_strtoll (v, NULL, 10);
}

static const char *
pg_column_text (JcDbStmt *stmt,
                int       i)
{
  return value_at (stmt, i);
}

static double
pg_column_double (JcDbStmt *stmt,
                  int       i)
{
  const char *v = value_at (stmt, i);

  return v != NULL ? g_ascii_strtod (v, NULL) : 0.0;
}

static gint64
pg_changes (JcDb *db)
{
  return PDB (db)->changes;
}

static gboolean
pg_exec (JcDb        *db,
         const char  *sql,
         GError     **error)
{
  PGresult *res = PQexec (PDB (db)->conn, sql);
  ExecStatusType status = PQresultStatus (res);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (ok)
    note_changes (PDB (db), res);
  else
    set_error (PDB (db), res, _("The database refused a query"), error);
  PQclear (res);
  return ok;
}

static gboolean
pg_in_transaction (JcDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (PDB (db)->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

static int
pg_server_version (JcDb *db)
{
  return PQserverVersion (PDB (db)->conn);
}

const JcDbDriver _jc_db_pg_driver = {
  .engine = JC_DB_ENGINE_POSTGRESQL,
  /* the nearest to SQLite's one writer at a time: a transaction that
   * would see another's write fails with 40001 (busy) instead of losing
   * an update */
  .begin_sql = "BEGIN ISOLATION LEVEL SERIALIZABLE",
  .open = pg_open,
  .close = pg_close,
  .prepare = pg_prepare,
  .stmt_free = pg_stmt_free,
  .reset = pg_reset,
  .param_count = pg_param_count,
  .bind_null = pg_bind_null,
  .bind_int64 = pg_bind_int64,
  .bind_text = pg_bind_text,
  .bind_double = pg_bind_double,
  .step = pg_step,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_text = pg_column_text,
  .column_double = pg_column_double,
  .changes = pg_changes,
  .exec = pg_exec,
  .in_transaction = pg_in_transaction,
  .server_version = pg_server_version,
};
