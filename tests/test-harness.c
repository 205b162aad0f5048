/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store suites' harness (tests/jc-test-store.c) on the engine of the
 * run: `harness` on SQLite, `harness-pg` on the PostgreSQL of
 * $JICAI_TEST_PG.  Two locations are two databases that do not see each
 * other, every connection to a location lands in it, and freeing one
 * leaves nothing behind.  It must not test the store: only where the
 * store suites keep their data. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"

#include "jc-db.h"

/* The schema a PostgreSQL location selects, from its options. */
static char *
schema_of (const char *location)
{
  const char *p = strstr (location, "search_path%3D");
  gsize len;

  if (p != NULL)
    p += strlen ("search_path%3D");
  else
    {
      p = strstr (location, "search_path=");
      assert_non_null (p);
      p += strlen ("search_path=");
    }
  len = strcspn (p, "&' ");
  return g_strndup (p, len);
}

/* Whether the database of `location` still exists: the SQLite file, or
 * the schema on the server. */
static gboolean
exists (const char *location,
        const char *schema)
{
  g_autofree char *sql = NULL;

  if (!jc_test_store_on_pg ())
    return g_file_test (location, G_FILE_TEST_EXISTS);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM information_schema.schemata "
                         "WHERE schema_name = '%s'", schema);
  return jc_test_db_count (g_getenv ("JICAI_TEST_PG"), sql) == 1;
}

static void
test_two_locations_apart (void **state)
{
  char *a = jc_test_store_location ();
  char *b = jc_test_store_location ();
  g_autofree char *schema_a = jc_test_store_on_pg () ? schema_of (a) : NULL;
  g_autofree char *schema_b = jc_test_store_on_pg () ? schema_of (b) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *rows = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;

  assert_string_not_equal (a, b);
  if (jc_test_store_on_pg ())
    {
      assert_int_equal (jc_db_location_kind (a), JC_DB_LOCATION_POSTGRESQL);
      assert_string_not_equal (schema_a, schema_b);
      /* fresh and empty, but there */
      assert_true (exists (a, schema_a));
    }
  else
    {
      assert_int_equal (jc_db_location_kind (a), JC_DB_LOCATION_PATH);
      /* nothing until the store (or a test) creates it */
      assert_false (exists (a, NULL));
    }

  /* written in a through a connection of its own */
  {
    g_autoptr(JcDb) db = jc_db_open (a, JC_DB_OPEN_CREATE, &error);

    assert_no_error (error);
    assert_true (jc_db_exec (db, "CREATE TABLE t (id BIGINT PRIMARY KEY, s TEXT)", &error));
    assert_true (jc_db_exec (db, "INSERT INTO t (id, s) VALUES (1, '大白菜'), (2, NULL)", &error));
    assert_no_error (error);
    assert_int_equal (jc_db_get_engine (db), jc_test_store_on_pg () ? JC_DB_ENGINE_POSTGRESQL
                                                                    : JC_DB_ENGINE_SQLITE);
  }
  /* every other connection to a sees it: the raw checks */
  assert_int_equal (jc_test_db_count (a, "SELECT COUNT(*) FROM t"), 2);
  text = jc_test_db_text (a, "SELECT s FROM t WHERE id = 1");
  assert_string_equal (text, "大白菜");
  g_clear_pointer (&text, g_free);
  text = jc_test_db_text (a, "SELECT s FROM t WHERE id = 2");
  assert_null (text);
  rows = jc_test_db_rows (a, "SELECT id, s FROM t ORDER BY id");
  assert_string_equal (rows, "1|大白菜|\n2|NULL|\n");
  assert_int_equal (jc_test_db_exec (a, "UPDATE t SET s = 'x' WHERE id >= 1"), 2);
  tables = jc_test_db_tables (a);
  assert_int_equal (tables->len, 1);
  assert_string_equal (tables->pdata[0], "t");
  g_clear_pointer (&tables, g_ptr_array_unref);

  /* b sees nothing of a */
  {
    g_autoptr(JcDb) db = jc_db_open (b, JC_DB_OPEN_CREATE, &error);
    JcDbStmt *stmt;

    assert_no_error (error);
    stmt = jc_db_stmt_new (db, "SELECT COUNT(*) FROM t", &error);
    if (stmt != NULL)  /* SQLite prepares against the schema: no table t */
      {
        assert_int_equal (jc_db_step (stmt, &error), JC_DB_ERROR);
        jc_db_stmt_free (stmt);
      }
    assert_non_null (error);
  }
  tables = jc_test_db_tables (b);
  assert_int_equal (tables->len, 0);

  /* freed: gone, the other one untouched */
  jc_test_store_location_free (g_strdup (a));
  assert_false (exists (a, schema_a));
  assert_true (exists (b, schema_b));
  jc_test_store_location_free (b);
  assert_false (exists (b, schema_b));
  g_free (a);
}

/* The fixture of the two-engine suites: a folder of the test's own
 * whatever the engine, and the database on the engine of the run. */
static void
test_fixture (void **state)
{
  JcTestDbFile *f = *state;

  assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
  if (jc_test_store_on_pg ())
    assert_int_equal (jc_db_location_kind (f->path), JC_DB_LOCATION_POSTGRESQL);
  else
    {
      g_autofree char *expected = g_build_filename (f->dir, "jicai.db", NULL);

      assert_string_equal (f->path, expected);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JcDb) db = jc_db_open (f->path, JC_DB_OPEN_CREATE, &error);

    assert_no_error (error);
    assert_non_null (db);
  }
  assert_int_equal (jc_test_db_exec (f->path, "CREATE TABLE u (x BIGINT)"), 0);
  assert_int_equal (jc_test_db_count (f->path, "SELECT COUNT(*) FROM u"), 0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_two_locations_apart),
    jc_test_store_unit_test (test_fixture),
  };

  jc_test_store_init ("harness");
  return cmocka_run_group_tests_name (jc_test_store_on_pg () ? "harness (PostgreSQL)"
                                                             : "harness (SQLite)",
                                      tests, NULL, NULL);
}
