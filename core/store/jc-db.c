/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db.c: the engine-neutral half of the driver layer — which engine a
 * location names, the statement cache of a connection, transactions, and
 * the calls that hand each operation to the engine's table
 * (jc-db-sqlite.c, jc-db-pg.c).  It must not know an engine's API beyond
 * libpq's reading of a connection string, nor hold SQL of the domain. */
#include "config.h"

#define G_LOG_DOMAIN "jc-db"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <string.h>

#include "jc-db-private.h"
#include "jc-error.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PQconninfoOption, PQconninfoFree)

gboolean
_jc_db_set_error (GError     **error,
                  int          code,
                  const char  *what,
                  const char  *detail)
{
  if (detail != NULL && *detail != '\0')
    g_set_error (error, JC_STORE_ERROR, code, "%s: %s", what, detail);
  else
    g_set_error_literal (error, JC_STORE_ERROR, code, what);
  return FALSE;
}

/* ---- locations ------------------------------------------------------ */

JcDbLocationKind
jc_db_location_kind (const char *location)
{
  const char *s = location;

  g_return_val_if_fail (location != NULL, JC_DB_LOCATION_PATH);

  while (g_ascii_isspace (*s))
    s++;
  if (g_ascii_strncasecmp (s, "postgresql://", strlen ("postgresql://")) == 0 ||
      g_ascii_strncasecmp (s, "postgres://", strlen ("postgres://")) == 0 ||
      g_ascii_strncasecmp (s, "service=", strlen ("service=")) == 0)
    return JC_DB_LOCATION_POSTGRESQL;
  return JC_DB_LOCATION_PATH;
}

static const char *
option_value (const PQconninfoOption *options,
              const char             *keyword)
{
  for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      return o->val != NULL && *o->val != '\0' ? o->val : NULL;
  return NULL;
}

/* What libpq could not read, without a password: a URI's scheme and what
 * follows its user information, or a string's first keyword=value. */
static char *
display_unreadable (const char *location)
{
  const char *sep = strstr (location, "://");

  if (sep != NULL)
    {
      const char *rest = sep + 3;
      const char *end = rest + strcspn (rest, "/?");
      const char *at = g_strrstr_len (rest, end - rest, "@");

      return g_strdup_printf ("%.*s%s", (int) (rest - location), location,
                              at != NULL ? at + 1 : rest);
    }
  /* service=NAME, what follows may hold a password */
  location += strspn (location, " \t\n");
  return g_strndup (location, strcspn (location, " \t\n"));
}

char *
jc_db_location_display (const char *location)
{
  g_autoptr(PQconninfoOption) options = NULL;
  const char *service, *host, *port, *user, *dbname;
  GString *out;

  g_return_val_if_fail (location != NULL, NULL);

  if (jc_db_location_kind (location) == JC_DB_LOCATION_PATH)
    return g_strdup (location);
  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return display_unreadable (location);
  service = option_value (options, "service");
  host = option_value (options, "host");
  if (host == NULL)
    host = option_value (options, "hostaddr");
  port = option_value (options, "port");
  user = option_value (options, "user");
  dbname = option_value (options, "dbname");

  out = g_string_new (NULL);
  if (service != NULL)
    g_string_append_printf (out, "service=%s", service);
  if (service == NULL || host != NULL || user != NULL || dbname != NULL)
    {
      if (service != NULL)
        g_string_append_c (out, ' ');
      g_string_append (out, "postgresql://");
      if (user != NULL)
        g_string_append_printf (out, "%s@", user);
      if (host != NULL)
        g_string_append (out, host);
      if (port != NULL)
        g_string_append_printf (out, ":%s", port);
      if (dbname != NULL)
        g_string_append_printf (out, "/%s", dbname);
    }
  return g_string_free (out, FALSE);
}

gboolean
_jc_db_location_readable (const char  *location,
                          GError     **error)
{
  g_autoptr(PQconninfoOption) options = NULL;
  g_autofree char *display = NULL;
  g_autofree char *why = NULL;
  char *errmsg = NULL;

  options = PQconninfoParse (location, &errmsg);
  if (options != NULL)
    return TRUE;
  why = g_strdup (errmsg != NULL ? errmsg : _("out of memory"));
  PQfreemem (errmsg);
  display = jc_db_location_display (location);
  g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_BAD_LOCATION,
               _("“%s” is a malformed PostgreSQL connection URI (%s); nothing was created"),
               display, g_strstrip (why));
  return FALSE;
}

gboolean
jc_db_location_check (const char  *location,
                      GError     **error)
{
  g_autofree char *display = NULL;

  g_return_val_if_fail (location != NULL, FALSE);

  if (jc_db_location_kind (location) == JC_DB_LOCATION_PATH)
    return TRUE;
  if (!_jc_db_location_readable (location, error))
    return FALSE;
  display = jc_db_location_display (location);
  g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED,
               _("“%s” names an office database on PostgreSQL, which is not available in "
                 "this version of jicai; nothing was created. Give the path of a database "
                 "file instead"), display);
  return FALSE;
}

/* ---- connections and statements ------------------------------------- */

JcDb *
jc_db_open (const char     *location,
            JcDbOpenFlags   flags,
            GError        **error)
{
  const JcDbDriver *driver;
  JcDb *db;

  g_return_val_if_fail (location != NULL, NULL);

  driver = jc_db_location_kind (location) == JC_DB_LOCATION_POSTGRESQL ? &_jc_db_pg_driver
                                                                        : &_jc_db_sqlite_driver;
  db = driver->open (location, flags, error);
  if (db == NULL)
    return NULL;
  db->driver = driver;
  db->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                     (GDestroyNotify) jc_db_stmt_free);
  return db;
}

void
jc_db_close (JcDb *db)
{
  if (db == NULL)
    return;
  /* statements first: each belongs to the connection */
  g_clear_pointer (&db->stmts, g_hash_table_unref);
  db->driver->close (db);
}

JcDbEngine
jc_db_get_engine (JcDb *db)
{
  return db->driver->engine;
}

int
jc_db_server_version (JcDb *db)
{
  return db->driver->server_version (db);
}

JcDbStmt *
jc_db_prepare (JcDb        *db,
               const char  *sql,
               GError     **error)
{
  JcDbStmt *stmt = g_hash_table_lookup (db->stmts, sql);

  if (stmt != NULL)
    {
      db->driver->reset (stmt);
      return stmt;
    }
  stmt = db->driver->prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  stmt->db = db;
  g_hash_table_insert (db->stmts, (gpointer) sql, stmt);
  return stmt;
}

JcDbStmt *
jc_db_stmt_new (JcDb        *db,
                const char  *sql,
                GError     **error)
{
  JcDbStmt *stmt = db->driver->prepare (db, sql, error);

  if (stmt != NULL)
    stmt->db = db;
  return stmt;
}

void
jc_db_stmt_free (JcDbStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->driver->stmt_free (stmt);
}

void
jc_db_reset (JcDbStmt *stmt)
{
  stmt->db->driver->reset (stmt);
}

int
jc_db_param_count (JcDbStmt *stmt)
{
  return stmt->db->driver->param_count (stmt);
}

void
jc_db_bind_null (JcDbStmt *stmt,
                 int       i)
{
  stmt->db->driver->bind_null (stmt, i);
}

void
jc_db_bind_int64 (JcDbStmt *stmt,
                  int       i,
                  gint64    v)
{
  stmt->db->driver->bind_int64 (stmt, i, v);
}

void
jc_db_bind_text (JcDbStmt   *stmt,
                 int         i,
                 const char *text)
{
  if (text == NULL)
    stmt->db->driver->bind_null (stmt, i);
  else
    stmt->db->driver->bind_text (stmt, i, text);
}

void
jc_db_bind_double (JcDbStmt *stmt,
                   int       i,
                   double    v)
{
  stmt->db->driver->bind_double (stmt, i, v);
}

JcDbStep
jc_db_step (JcDbStmt  *stmt,
            GError   **error)
{
  return stmt->db->driver->step (stmt, error);
}

int
jc_db_column_count (JcDbStmt *stmt)
{
  return stmt->db->driver->column_count (stmt);
}

gboolean
jc_db_column_is_null (JcDbStmt *stmt,
                      int       i)
{
  return stmt->db->driver->column_is_null (stmt, i);
}

gint64
jc_db_column_int64 (JcDbStmt *stmt,
                    int       i)
{
  return stmt->db->driver->column_int64 (stmt, i);
}

const char *
jc_db_column_text (JcDbStmt *stmt,
                   int       i)
{
  return stmt->db->driver->column_text (stmt, i);
}

double
jc_db_column_double (JcDbStmt *stmt,
                     int       i)
{
  return stmt->db->driver->column_double (stmt, i);
}

gint64
jc_db_changes (JcDb *db)
{
  return db->driver->changes (db);
}

gboolean
jc_db_exec (JcDb        *db,
            const char  *sql,
            GError     **error)
{
  return db->driver->exec (db, sql, error);
}

/* ---- transactions --------------------------------------------------- */

gboolean
jc_db_begin (JcDb    *db,
             GError **error)
{
  return db->driver->exec (db, db->driver->begin_sql, error);
}

gboolean
jc_db_commit (JcDb    *db,
              GError **error)
{
  return db->driver->exec (db, "COMMIT", error);
}

void
jc_db_rollback (JcDb *db)
{
  if (db->driver->in_transaction (db))
    db->driver->exec (db, "ROLLBACK", NULL);
}

gboolean
jc_db_in_transaction (JcDb *db)
{
  return db->driver->in_transaction (db);
}
