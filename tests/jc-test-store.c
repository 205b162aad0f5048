/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-store.c: a fresh database location per test on SQLite or
 * PostgreSQL, and raw checks through a second connection of the driver
 * layer (jc-test-store.h says what each promises).  Test code only: it
 * must not reach into the store (no jc-store-private.h) nor call an
 * engine's library directly. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-test-store.h"

#include "jc-db.h"

/* What a location handed out stands for: the folder of its file, or its
 * schema on the server. */
typedef struct {
  char *dir;     /* SQLite */
  char *schema;  /* PostgreSQL */
} Place;

static GHashTable *places;  /* location → Place */

static const char *
engine_name (void)
{
  const char *engine = g_getenv ("JICAI_TEST_ENGINE");

  return engine != NULL && *engine != '\0' ? engine : "sqlite";
}

gboolean
jc_test_store_on_pg (void)
{
  return g_str_equal (engine_name (), "postgresql");
}

static const char *
server (void)
{
  const char *pg = g_getenv ("JICAI_TEST_PG");

  return pg != NULL && *pg != '\0' ? pg : NULL;
}

void
jc_test_store_init (const char *suite)
{
  if (!g_str_equal (engine_name (), "sqlite") && !jc_test_store_on_pg ())
    {
      fprintf (stderr, "\nFAILED: %s: $JICAI_TEST_ENGINE is “%s”: it may be sqlite or postgresql.\n\n",
               suite, engine_name ());
      exit (1);
    }
  if (jc_test_store_on_pg ())
    {
      g_autofree char *what = g_strdup_printf ("the suite %s", suite);

      jc_test_pg_server_or_exit (what);
    }
}

static JcDb *
open_flags_or_fail (const char    *location,
                    JcDbOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  JcDb *db = jc_db_open (location, flags, &error);

  if (db == NULL)
    fail_msg ("cannot open %s: %s", location, error->message);
  return db;
}

static JcDb *
open_or_fail (const char *location)
{
  return open_flags_or_fail (location, JC_DB_OPEN_DEFAULT);
}

static void
exec_or_fail (JcDb       *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!jc_db_exec (db, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

static void
place_drop (Place *place)
{
  if (place->dir != NULL)
    jc_test_rmtree (place->dir);
  if (place->schema != NULL && server () != NULL)
    {
      g_autoptr(JcDb) db = jc_db_open (server (), JC_DB_OPEN_DEFAULT, NULL);
      g_autofree char *sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", place->schema);

      if (db == NULL || !jc_db_exec (db, sql, NULL))
        fprintf (stderr, "jc-test-store: could not drop schema %s\n", place->schema);
    }
  g_free (place->dir);
  g_free (place->schema);
  g_free (place);
}

/* A failed test jumps over its teardown: drop what is left at exit. */
static void
drop_leftovers (void)
{
  g_clear_pointer (&places, g_hash_table_unref);
}

/* `base` with the schema as the first of its search path, in the form of
 * `base`: a URI parameter, or a keyword of a `key=value` string. */
static char *
with_search_path (const char *base,
                  const char *schema)
{
  if (g_ascii_strncasecmp (base, "postgresql://", 13) == 0
      || g_ascii_strncasecmp (base, "postgres://", 11) == 0)
    return g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", base,
                            strchr (base, '?') != NULL ? "&" : "?", schema);
  return g_strdup_printf ("%s options='-csearch_path=%s'", base, schema);
}

static char *
new_location (const char *dir)
{
  static int counter;
  Place *place = g_new0 (Place, 1);
  char *location;

  if (places == NULL)
    {
      places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) place_drop);
      atexit (drop_leftovers);
    }
  if (!jc_test_store_on_pg ())
    {
      if (dir == NULL)
        place->dir = jc_test_tmpdir ();
      location = g_build_filename (dir != NULL ? dir : place->dir, "jicai.db", NULL);
    }
  else
    {
      g_autoptr(JcDb) db = NULL;
      g_autofree char *sql = NULL;

      g_assert (server () != NULL);  /* jc_test_store_init() exits first */
      place->schema = g_strdup_printf ("jc_test_%d_%d", (int) getpid (), ++counter);
      db = open_or_fail (server ());
      sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s",
                             place->schema, place->schema);
      exec_or_fail (db, sql);
      location = with_search_path (server (), place->schema);
    }
  g_hash_table_replace (places, g_strdup (location), place);
  return location;
}

char *
jc_test_store_location (void)
{
  return new_location (NULL);
}

char *
jc_test_store_location_in (const char *dir)
{
  return new_location (dir);
}

void
jc_test_store_location_free (char *location)
{
  if (location == NULL)
    return;
  if (places == NULL || !g_hash_table_remove (places, location))
    fail_msg ("%s is not a location of jc_test_store_location()", location);
  g_free (location);
}

int
jc_test_store_setup (void **state)
{
  JcTestDbFile *f = g_new0 (JcTestDbFile, 1);

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  *state = f;
  return 0;
}

int
jc_test_store_teardown (void **state)
{
  JcTestDbFile *f = *state;

  jc_test_store_location_free (f->path);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* ---- raw checks ------------------------------------------------------- */

static JcDbStmt *
query_or_fail (JcDb       *db,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt = jc_db_stmt_new (db, sql, &error);

  if (stmt == NULL)
    fail_msg ("%s: %s", sql, error->message);
  return stmt;
}

static JcDbStep
step_or_fail (JcDbStmt   *stmt,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  JcDbStep r = jc_db_step (stmt, &error);

  if (r == JC_DB_ERROR)
    fail_msg ("%s: %s", sql, error->message);
  return r;
}

gint64
jc_test_db_count (const char *location,
                  const char *sql)
{
  g_autoptr(JcDb) db = open_or_fail (location);
  JcDbStmt *stmt = query_or_fail (db, sql);
  gint64 n;

  if (step_or_fail (stmt, sql) != JC_DB_ROW)
    fail_msg ("%s: no row", sql);
  n = jc_db_column_int64 (stmt, 0);
  jc_db_stmt_free (stmt);
  return n;
}

char *
jc_test_db_text (const char *location,
                 const char *sql)
{
  g_autoptr(JcDb) db = open_or_fail (location);
  JcDbStmt *stmt = query_or_fail (db, sql);
  char *text;

  if (step_or_fail (stmt, sql) != JC_DB_ROW)
    fail_msg ("%s: no row", sql);
  text = g_strdup (jc_db_column_text (stmt, 0));
  jc_db_stmt_free (stmt);
  return text;
}

char *
jc_test_db_rows (const char *location,
                 const char *sql)
{
  g_autoptr(JcDb) db = open_or_fail (location);
  JcDbStmt *stmt = query_or_fail (db, sql);
  GString *rows = g_string_new (NULL);

  while (step_or_fail (stmt, sql) == JC_DB_ROW)
    {
      for (int c = 0; c < jc_db_column_count (stmt); c++)
        g_string_append_printf (rows, "%s|", jc_db_column_is_null (stmt, c)
                                             ? "NULL" : jc_db_column_text (stmt, c));
      g_string_append_c (rows, '\n');
    }
  jc_db_stmt_free (stmt);
  return g_string_free (rows, FALSE);
}

gint64
jc_test_db_exec (const char *location,
                 const char *sql)
{
  g_autoptr(JcDb) db = open_flags_or_fail (location, JC_DB_OPEN_CREATE);

  exec_or_fail (db, sql);
  return jc_db_changes (db);
}

GPtrArray *
jc_test_db_tables (const char *location)
{
  g_autoptr(JcDb) db = open_or_fail (location);
  const char *sql = jc_db_get_engine (db) == JC_DB_ENGINE_SQLITE
    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    : "SELECT table_name FROM information_schema.tables "
      "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
  JcDbStmt *stmt = query_or_fail (db, sql);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  while (step_or_fail (stmt, sql) == JC_DB_ROW)
    g_ptr_array_add (names, g_strdup (jc_db_column_text (stmt, 0)));
  jc_db_stmt_free (stmt);
  /* sorted here: the engines' collations need not agree */
  g_ptr_array_sort (names, jc_test_compare_names);
  return names;
}

GBytes *
jc_test_store_snapshot (const char *location)
{
  g_autoptr(GPtrArray) tables = NULL;
  GString *all;

  if (!jc_test_store_on_pg ())
    return jc_test_read (location);
  all = g_string_new (NULL);
  tables = jc_test_db_tables (location);
  for (guint t = 0; t < tables->len; t++)
    {
      const char *name = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      g_autofree char *rows = jc_test_db_rows (location, sql);
      g_auto(GStrv) lines = g_strsplit (rows, "\n", -1);

      /* in an order of our own: the engines' row orders need not agree */
      qsort (lines, g_strv_length (lines), sizeof (char *), (GCompareFunc) jc_test_compare_names);
      g_string_append_printf (all, "== %s\n", name);
      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          g_string_append_printf (all, "%s\n", lines[i]);
    }
  return g_string_free_to_bytes (all);
}
