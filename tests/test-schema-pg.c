/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PostgreSQL baseline (core/store/jc-store-schema-pg.c) against what
 * SQLite's migrations leave: the same tables, columns in the same order,
 * types, nullability, defaults, keys, foreign keys, indexes and seed rows,
 * and constraints that refuse the same writes; the catalogue of both
 * engines; the checks of an office database (server version, encoding,
 * collation, another program's tables, a newer schema).  Runs on the
 * server named by $JICAI_TEST_PG, each test in a schema of its own (the
 * checks in databases of their own, made and dropped here).  Without
 * $JICAI_TEST_PG it says loudly that it skipped, and fails instead when
 * $JICAI_REQUIRE_PG is 1 (.ci/run sets it), as test-db does. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "jc-test-util.h"

#include "jc-db.h"
#include "jc-error.h"
#include "jc-store.h"
#include "jc-store-schema-pg.h"

typedef struct {
  JcDb *pg;       /* in `schema` */
  JcDb *lite;     /* the file jc_store_open() made */
  char *schema;
  char *dir;
  GPtrArray *databases;  /* made by the test, dropped at its end */
} Fixture;

static const char *pg_location;

/* ---- helpers ------------------------------------------------------------ */

static void
exec_ok (JcDb       *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!jc_db_exec (db, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

/* The rows of `sql` (one text parameter, or none), each as its columns
 * joined by "|", NULL as "NULL". */
static GPtrArray *
rows_of (JcDb       *db,
         const char *sql,
         const char *param)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  JcDbStmt *stmt = jc_db_stmt_new (db, sql, &error);
  JcDbStep step;

  if (stmt == NULL)
    fail_msg ("%s: %s", sql, error->message);
  if (param != NULL)
    jc_db_bind_text (stmt, 1, param);
  while ((step = jc_db_step (stmt, &error)) == JC_DB_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < jc_db_column_count (stmt); i++)
        {
          const char *v = jc_db_column_text (stmt, i);

          g_string_append_printf (row, "%s%s", i > 0 ? "|" : "", v != NULL ? v : "NULL");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  jc_db_stmt_free (stmt);
  if (step == JC_DB_ERROR)
    fail_msg ("%s: %s", sql, error->message);
  return rows;
}

static gint64
count_of (JcDb       *db,
          const char *sql)
{
  g_autoptr(GPtrArray) rows = rows_of (db, sql, NULL);

  assert_int_equal (rows->len, 1);
  return g_ascii_strtoll (g_ptr_array_index (rows, 0), NULL, 10);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Fails naming `what` and the first difference unless `a` (SQLite) and `b`
 * (PostgreSQL) hold the same strings; sorted first when `sort`. */
static void
assert_same (const char *what,
             GPtrArray  *a,
             GPtrArray  *b,
             gboolean    sort)
{
  if (sort)
    {
      g_ptr_array_sort (a, compare_strings);
      g_ptr_array_sort (b, compare_strings);
    }
  for (guint i = 0; i < MAX (a->len, b->len); i++)
    {
      const char *x = i < a->len ? g_ptr_array_index (a, i) : "(nothing)";
      const char *y = i < b->len ? g_ptr_array_index (b, i) : "(nothing)";

      if (strcmp (x, y) != 0)
        fail_msg ("%s differ at %u: SQLite has “%s”, the PostgreSQL baseline “%s”", what, i, x, y);
    }
}

/* The location of the database `name` on the server of $JICAI_TEST_PG. */
static char *
location_of_database (const char *name)
{
  const char *scheme = strstr (pg_location, "://");
  const char *path, *query;

  if (scheme == NULL)
    return g_strdup_printf ("%s dbname=%s", pg_location, name);  /* service=… */
  path = strchr (scheme + 3, '/');
  if (path == NULL)
    path = scheme + 3 + strcspn (scheme + 3, "?");
  query = path + strcspn (path, "?");
  return g_strdup_printf ("%.*s/%s%s", (int) (path - pg_location), pg_location, name, query);
}

static JcDb *
open_ok (const char *location)
{
  g_autoptr(GError) error = NULL;
  JcDb *db = jc_db_open (location, JC_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    fail_msg ("%s", error->message);
  return db;
}

/* A database of the test's own, made with `options`, and a connection
 * to it. */
static JcDb *
make_database (Fixture    *f,
               const char *suffix,
               const char *options)
{
  g_autofree char *name = g_strdup_printf ("jc_test_schema_pg_%d_%s", (int) getpid (), suffix);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", name);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s %s", name, options);
  g_autofree char *location = location_of_database (name);

  exec_ok (f->pg, drop);
  exec_ok (f->pg, create);
  g_ptr_array_add (f->databases, g_steal_pointer (&name));
  return open_ok (location);
}

static void
create_baseline (JcDb *db)
{
  g_autoptr(GError) error = NULL;

  assert_true (jc_db_begin (db, &error));
  if (!_jc_store_pg_create_baseline (db, &error))
    fail_msg ("%s", error->message);
  assert_true (jc_db_commit (db, &error));
}

static int
setup (void **state)
{
  static int counter;
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;

  f->databases = g_ptr_array_new_with_free_func (g_free);
  f->dir = jc_test_tmpdir ();
  path = g_build_filename (f->dir, "jicai.db", NULL);
  store = jc_store_open (path, &error);
  if (store == NULL)
    fail_msg ("%s", error->message);
  g_clear_pointer (&store, jc_store_free);
  f->lite = open_ok (path);

  f->schema = g_strdup_printf ("jc_test_schema_pg_%d_%d", (int) getpid (), ++counter);
  f->pg = open_ok (pg_location);
  sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s; "
                         "SET search_path TO %s", f->schema, f->schema, f->schema);
  exec_ok (f->pg, sql);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;
  g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", f->schema);

  jc_db_rollback (f->pg);
  jc_db_exec (f->pg, sql, NULL);
  for (guint i = 0; i < f->databases->len; i++)
    {
      /* FORCE: a failed test's connection may be open still */
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                               (const char *) g_ptr_array_index (f->databases, i));

      jc_db_exec (f->pg, drop, NULL);
    }
  g_ptr_array_unref (f->databases);
  g_clear_pointer (&f->pg, jc_db_close);
  g_clear_pointer (&f->lite, jc_db_close);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->schema);
  g_free (f);
  return 0;
}

/* ---- the baseline ------------------------------------------------------- */

/* It applies in one transaction on an empty schema and records its
 * version as SQLite does: one row of schema_version. */
static void
test_baseline_applies (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = _jc_store_list_tables (f->pg, &error);

  assert_non_null (tables);
  assert_int_equal (tables->len, 0);
  create_baseline (f->pg);
  g_clear_pointer (&tables, g_ptr_array_unref);
  tables = _jc_store_list_tables (f->pg, &error);
  assert_non_null (tables);
  assert_true (tables->len > 20);
  assert_int_equal (count_of (f->pg, "SELECT COUNT(*) FROM schema_version"), 1);
  assert_int_equal (count_of (f->pg, "SELECT version FROM schema_version"),
                    JC_STORE_PG_BASELINE_VERSION);
  assert_int_equal (count_of (f->lite, "SELECT version FROM schema_version"),
                    JC_STORE_PG_BASELINE_VERSION);
  /* a second run on the same schema is refused, and leaves it usable */
  assert_false (_jc_store_pg_create_baseline (f->pg, &error));
  assert_non_null (error);
  assert_non_null (strstr (error->message, "already exists"));
}

/* What each engine's catalogue says of a table, column by column. */
static GPtrArray *
columns_of (JcDb       *db,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = _jc_store_list_columns (db, table, &error);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (columns == NULL)
    fail_msg ("%s: %s", table, error->message);
  for (guint i = 0; i < columns->len; i++)
    {
      JcStoreColumn *c = g_ptr_array_index (columns, i);

      g_ptr_array_add (out, g_strdup_printf ("%s.%s %s%s", table, c->name, c->type,
                                             c->not_null ? " NOT NULL" : ""));
    }
  return out;
}

/* The same query for each table, the table's name as the parameter, the
 * rows prefixed with it. */
static GPtrArray *
per_table (JcDb       *db,
           GPtrArray  *tables,
           const char *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(GPtrArray) rows = rows_of (db, sql, table);

      for (guint j = 0; j < rows->len; j++)
        g_ptr_array_add (out, g_strdup_printf ("%s: %s", table,
                                               (const char *) g_ptr_array_index (rows, j)));
    }
  return out;
}

/* The catalogue of the baseline is SQLite's after every migration: same
 * tables, columns in the same order with the same types (integer, text,
 * real) and nullability.  A column or table added to one engine only
 * fails here. */
static void
test_catalogue_equals_sqlite (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lite_tables = NULL;
  g_autoptr(GPtrArray) pg_tables = NULL;

  /* migrations above the baseline are not run here yet: when one is
   * added, run its PostgreSQL text after the baseline below */
  assert_int_equal (JC_STORE_SCHEMA_VERSION, JC_STORE_PG_BASELINE_VERSION);
  create_baseline (f->pg);
  lite_tables = _jc_store_list_tables (f->lite, &error);
  assert_non_null (lite_tables);
  pg_tables = _jc_store_list_tables (f->pg, &error);
  assert_non_null (pg_tables);
  assert_true (lite_tables->len >= 31);
  assert_same ("the tables", lite_tables, pg_tables, FALSE);
  for (guint i = 0; i < lite_tables->len; i++)
    {
      const char *table = g_ptr_array_index (lite_tables, i);
      g_autoptr(GPtrArray) lite = columns_of (f->lite, table);
      g_autoptr(GPtrArray) pg = columns_of (f->pg, table);

      assert_true (lite->len > 0);
      assert_same ("the columns", lite, pg, FALSE);
    }
  /* a table that is not there has no columns, on either engine */
  {
    g_autoptr(GPtrArray) lite = _jc_store_list_columns (f->lite, "no_such_table", &error);
    g_autoptr(GPtrArray) pg = _jc_store_list_columns (f->pg, "no_such_table", &error);

    assert_non_null (lite);
    assert_non_null (pg);
    assert_int_equal (lite->len, 0);
    assert_int_equal (pg->len, 0);
  }
  /* sorted by bytes on both */
  for (guint i = 1; i < pg_tables->len; i++)
    assert_true (strcmp (g_ptr_array_index (pg_tables, i - 1), g_ptr_array_index (pg_tables, i)) < 0);
}

/* Defaults, primary keys, unique keys, foreign keys with their ON DELETE,
 * indexes (unique, partial) and the seed rows are the same. */
static void
test_constraints_equal_sqlite (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  struct {
    const char *what;
    const char *lite;
    const char *pg;
  } queries[] = {
    { "the defaults",
      "SELECT name, IFNULL(dflt_value, 'none') FROM pragma_table_info(?) ORDER BY cid",
      "SELECT a.attname, COALESCE(regexp_replace(pg_get_expr(d.adbin, d.adrelid), "
      "  '::[a-z ]+$', ''), 'none') "
      "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      "WHERE n.nspname = current_schema() AND c.relname = CAST(? AS TEXT) AND a.attnum > 0 "
      "AND NOT a.attisdropped ORDER BY a.attnum" },
    { "the primary keys",
      "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info(?) "
      "  WHERE pk > 0 ORDER BY pk) HAVING COUNT(*) > 0",
      "SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM pg_constraint k "
      "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
      "CROSS JOIN unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) "
      "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum "
      "WHERE n.nspname = current_schema() AND t.relname = CAST(? AS TEXT) AND k.contype = 'p' "
      "GROUP BY k.oid" },
    { "the unique keys",
      "SELECT (SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_info(l.name) "
      "  ORDER BY seqno)) FROM pragma_index_list(?) l WHERE l.origin = 'u'",
      "SELECT string_agg(a.attname, ',' ORDER BY u.ord) FROM pg_constraint k "
      "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
      "CROSS JOIN unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) "
      "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum "
      "WHERE n.nspname = current_schema() AND t.relname = CAST(? AS TEXT) AND k.contype = 'u' "
      "GROUP BY k.oid" },
    { "the foreign keys",
      "SELECT group_concat(\"from\", ',') || ' -> ' || \"table\" || '(' || "
      "  group_concat(\"to\", ',') || ') ON DELETE ' || on_delete "
      "FROM (SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq) GROUP BY id",
      "SELECT string_agg(a.attname, ',' ORDER BY u.ord) || ' -> ' || r.relname || '(' || "
      "  string_agg(b.attname, ',' ORDER BY u.ord) || ') ON DELETE ' || "
      "  CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' "
      "    WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' ELSE 'SET DEFAULT' END "
      "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
      "JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
      "CROSS JOIN unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(attnum, refnum, ord) "
      "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum "
      "JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = u.refnum "
      "WHERE n.nspname = current_schema() AND t.relname = CAST(? AS TEXT) AND k.contype = 'f' "
      "GROUP BY k.oid, r.relname, k.confdeltype" },
    { "the indexes",
      "SELECT name, \"unique\", partial FROM pragma_index_list(?) WHERE origin = 'c'",
      "SELECT i.relname, CASE WHEN x.indisunique THEN 1 ELSE 0 END, "
      "  CASE WHEN x.indpred IS NULL THEN 0 ELSE 1 END "
      "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
      "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
      "WHERE n.nspname = current_schema() AND t.relname = CAST(? AS TEXT) "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid "
      "  AND k.contype IN ('p', 'u'))" },
  };

  create_baseline (f->pg);
  tables = _jc_store_list_tables (f->lite, &error);
  assert_non_null (tables);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) lite = per_table (f->lite, tables, queries[i].lite);
      g_autoptr(GPtrArray) pg = per_table (f->pg, tables, queries[i].pg);

      assert_true (lite->len > 0);
      assert_same (queries[i].what, lite, pg, TRUE);
    }

  {
    static const char *const seeds[] = {
      "SELECT id, code, name, position FROM categories ORDER BY id",
      "SELECT key, value FROM settings ORDER BY key",
      ("SELECT category_id, base_unit, low_milliyuan, high_milliyuan FROM price_ranges "
       "ORDER BY category_id, base_unit"),
    };

    for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
      {
        g_autoptr(GPtrArray) lite = rows_of (f->lite, seeds[i], NULL);
        g_autoptr(GPtrArray) pg = rows_of (f->pg, seeds[i], NULL);

        assert_true (lite->len > 0);
        assert_same (seeds[i], lite, pg, FALSE);
      }
  }
}

/* ---- constraints at work, on both engines ------------------------------------ */

static void
refused (JcDb       *db,
         const char *sql,
         int         code)
{
  g_autoptr(GError) error = NULL;

  if (jc_db_exec (db, sql, &error))
    fail_msg ("%s: accepted", sql);
  if (!g_error_matches (error, JC_STORE_ERROR, code))
    fail_msg ("%s: refused with code %d (%s), not %d", sql, error->code, error->message, code);
}

/* The writes each engine refuses, and what a delete takes with it. */
static void
constraints_on (JcDb *db)
{
  /* a duplicate: unique column, composite unique key, primary key,
   * the expression index of price_quoted_per */
  refused (db, "INSERT INTO categories (code, name, position) VALUES ('veg', '别的', 9)",
           JC_STORE_ERROR_DUPLICATE);
  refused (db, "INSERT INTO settings (key, value) VALUES ('detour_permille', '1')",
           JC_STORE_ERROR_DUPLICATE);
  exec_ok (db, "INSERT INTO price_quoted_per (source_id, market_name, quoted_per) "
               "VALUES (NULL, '大白菜', 'pack')");
  refused (db, "INSERT INTO price_quoted_per (source_id, market_name, quoted_per) "
               "VALUES (NULL, '大白菜', 'piece')", JC_STORE_ERROR_DUPLICATE);
  /* a missing foreign key, a CHECK, a NOT NULL */
  refused (db, "INSERT INTO items (code, name, category_id, base_unit) "
               "VALUES ('I1', '白菜', 999999, 'kg')", JC_STORE_ERROR_CONSTRAINT);
  refused (db, "INSERT INTO items (code, name, category_id, base_unit) "
               "VALUES ('I1', '白菜', 1, 'lb')", JC_STORE_ERROR_CONSTRAINT);
  refused (db, "INSERT INTO items (code, name, category_id, base_unit, loss_permille) "
               "VALUES ('I1', '白菜', 1, 'kg', 1000)", JC_STORE_ERROR_CONSTRAINT);
  refused (db, "INSERT INTO items (code, name, category_id, base_unit) "
               "VALUES ('I1', NULL, 1, 'kg')", JC_STORE_ERROR_CONSTRAINT);
  refused (db, "INSERT INTO canteens (code, name, lat, lon, window_start, window_end) "
               "VALUES ('C1', '一中', 39.9, 116.4, 480, 420)", JC_STORE_ERROR_CONSTRAINT);

  /* ON DELETE CASCADE and SET NULL; a reference without either holds */
  exec_ok (db, "INSERT INTO items (code, name, category_id, base_unit) "
               "VALUES ('I1', '白菜', 1, 'kg')");
  exec_ok (db, "INSERT INTO canteens (code, name, lat, lon, window_start, window_end) "
               "VALUES ('C1', '一中', 39.9, 116.4, 420, 480)");
  exec_ok (db, "INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
               "SELECT id, '2026-12-09', 'draft', '2026-12-08T05:00:00Z' FROM canteens");
  exec_ok (db, "INSERT INTO order_lines (order_id, item_id, qty_milli, unit_qty_milli) "
               "SELECT o.id, i.id, 1500, 1500 FROM orders o, items i");
  exec_ok (db, "INSERT INTO order_audit (order_id, at, who, action, version) "
               "SELECT id, '2026-12-08T05:00:00Z', 'test', 'create', 1 FROM orders");
  refused (db, "INSERT INTO order_lines (order_id, item_id, qty_milli, unit_qty_milli) "
               "SELECT o.id, i.id, 1, 1 FROM orders o, items i", JC_STORE_ERROR_DUPLICATE);
  refused (db, "DELETE FROM items", JC_STORE_ERROR_CONSTRAINT);
  exec_ok (db, "DELETE FROM orders");
  assert_int_equal (count_of (db, "SELECT COUNT(*) FROM order_lines"), 0);
  assert_int_equal (count_of (db, "SELECT COUNT(*) FROM order_audit"), 0);
  exec_ok (db, "INSERT INTO price_sources (name, adapter, url) VALUES ('新发地', 'xinfadi', 'x')");
  exec_ok (db, "INSERT INTO fetch_log (source_id, source_name, started_at, finished_at, status) "
               "SELECT id, name, '', '', 'ok' FROM price_sources");
  exec_ok (db, "DELETE FROM price_sources");
  assert_int_equal (count_of (db, "SELECT COUNT(*) FROM fetch_log WHERE source_id IS NULL"), 1);
  assert_int_equal (count_of (db, "SELECT COUNT(*) FROM price_quoted_per"), 1);
}

static void
test_constraints_behave_alike (void **state)
{
  Fixture *f = *state;

  create_baseline (f->pg);
  constraints_on (f->lite);
  constraints_on (f->pg);
}

/* An id beyond 2^31 is stored, referenced and read back on both; on
 * PostgreSQL the identity hands out such ids too. */
static void
big_ids_on (JcDb *db)
{
  const gint64 big = G_GINT64_CONSTANT (5000000000);
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt;

  stmt = jc_db_stmt_new (db, "INSERT INTO categories (id, code, name, position) "
                             "VALUES (?, 'big', '大', 8)", &error);
  assert_non_null (stmt);
  jc_db_bind_int64 (stmt, 1, big);
  assert_int_equal (jc_db_step (stmt, &error), JC_DB_DONE);
  jc_db_stmt_free (stmt);
  stmt = jc_db_stmt_new (db, "INSERT INTO items (id, code, name, category_id, base_unit) "
                             "VALUES (?, 'I9', '九', ?, 'kg') RETURNING id, category_id", &error);
  assert_non_null (stmt);
  jc_db_bind_int64 (stmt, 1, big + 1);
  jc_db_bind_int64 (stmt, 2, big);
  assert_int_equal (jc_db_step (stmt, &error), JC_DB_ROW);
  assert_int_equal (jc_db_column_int64 (stmt, 0), big + 1);
  assert_int_equal (jc_db_column_int64 (stmt, 1), big);
  assert_int_equal (jc_db_step (stmt, &error), JC_DB_DONE);
  jc_db_stmt_free (stmt);
  assert_int_equal (count_of (db, "SELECT c.id FROM items i JOIN categories c ON c.id = i.category_id "
                                  "WHERE i.code = 'I9'"), big);
}

static void
test_big_ids (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt;

  create_baseline (f->pg);
  big_ids_on (f->lite);
  big_ids_on (f->pg);
  exec_ok (f->pg, "ALTER TABLE canteens ALTER COLUMN id RESTART WITH 4294967296");
  stmt = jc_db_stmt_new (f->pg, "INSERT INTO canteens (code, name, lat, lon, window_start, "
                                "window_end, diners) VALUES ('C9', '九中', 0, 0, 1, 2, ?) "
                                "RETURNING id", &error);
  assert_non_null (stmt);
  jc_db_bind_int64 (stmt, 1, G_GINT64_CONSTANT (3000000000));
  assert_int_equal (jc_db_step (stmt, &error), JC_DB_ROW);
  assert_int_equal (jc_db_column_int64 (stmt, 0), G_GINT64_CONSTANT (4294967296));
  jc_db_stmt_free (stmt);
  assert_int_equal (count_of (f->pg, "SELECT diners FROM canteens WHERE code = 'C9'"),
                    G_GINT64_CONSTANT (3000000000));
}

/* ---- the checks of an office database ---------------------------------------- */

#define GOOD_DATABASE "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0"

static void
check_refused (JcDb       *db,
               int         code,
               const char *needle1,
               const char *needle2)
{
  g_autoptr(GError) error = NULL;
  int version = -7;

  assert_false (_jc_store_pg_check (db, &version, &error));
  assert_int_equal (version, -7);
  if (!g_error_matches (error, JC_STORE_ERROR, code))
    fail_msg ("refused with %d (%s), not %d", error->code, error->message, code);
  if (strstr (error->message, needle1) == NULL || strstr (error->message, needle2) == NULL)
    fail_msg ("“%s” does not say “%s” and “%s”", error->message, needle1, needle2);
}

/* An empty database is version 0 and stays empty; the baseline's is 10;
 * another program's tables and a newer schema are refused, untouched. */
static void
test_check_schema (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDb) db = make_database (f, "good", GOOD_DATABASE);
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *newer = NULL;
  int version = -1;

  assert_true (_jc_store_pg_check (db, &version, &error));
  assert_int_equal (version, 0);
  tables = _jc_store_list_tables (db, &error);
  assert_int_equal (tables->len, 0);
  g_clear_pointer (&tables, g_ptr_array_unref);

  /* a search path naming no schema that exists: nowhere to work */
  exec_ok (db, "SET search_path TO no_such_schema");
  check_refused (db, JC_STORE_ERROR_UNSUPPORTED, "has no schema to work in", "search_path");
  exec_ok (db, "RESET search_path");

  exec_ok (db, "CREATE TABLE ledger (id BIGINT PRIMARY KEY)");
  check_refused (db, JC_STORE_ERROR_NOT_DATABASE, "not a jicai database", "ledger");
  tables = _jc_store_list_tables (db, &error);
  assert_int_equal (tables->len, 1);
  exec_ok (db, "DROP TABLE ledger");

  create_baseline (db);
  assert_true (_jc_store_pg_check (db, &version, &error));
  assert_int_equal (version, JC_STORE_PG_BASELINE_VERSION);

  newer = g_strdup_printf ("UPDATE schema_version SET version = %d", JC_STORE_SCHEMA_VERSION + 1);
  exec_ok (db, newer);
  check_refused (db, JC_STORE_ERROR_TOO_NEW, "written by a newer version of jicai",
                 "it was left untouched");
  assert_int_equal (count_of (db, "SELECT version FROM schema_version"), JC_STORE_SCHEMA_VERSION + 1);
}

/* A server older than needed is named with the version needed (faked by
 * asking for more than there is); a database sorting text by another
 * collation (of the C library or ICU), or not in UTF-8, is refused saying
 * how to create one. */
static void
test_check_server_and_database (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDb) collated = make_database (f, "collated", "ENCODING 'UTF8' "
                                            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
  g_autoptr(JcDb) ascii = make_database (f, "ascii", "ENCODING 'SQL_ASCII' "
                                         "LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
  /* collation C in datcollate, but ICU's order for text */
  g_autoptr(JcDb) icu = make_database (f, "icu", "ENCODING 'UTF8' LOCALE_PROVIDER icu "
                                       "ICU_LOCALE 'und' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' "
                                       "TEMPLATE template0");
  g_autofree char *found = g_strdup_printf ("PostgreSQL %d.", jc_db_server_version (f->pg) / 10000);
  int version = -7;

  assert_true (jc_db_server_version (f->pg) >= 150000);
  assert_true (jc_db_server_version (f->lite) >= 3035000);
  assert_false (_jc_store_pg_check_full (f->pg, 990000, JC_STORE_SCHEMA_VERSION, &version, &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED));
  assert_non_null (strstr (error->message, found));
  assert_non_null (strstr (error->message, "PostgreSQL 99 or later"));
  assert_int_equal (version, -7);

  check_refused (collated, JC_STORE_ERROR_UNSUPPORTED, "“C.UTF-8”",
                 "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
  check_refused (ascii, JC_STORE_ERROR_UNSUPPORTED, "SQL_ASCII", "ENCODING 'UTF8'");
  check_refused (icu, JC_STORE_ERROR_UNSUPPORTED, "collation “ICU”", "LC_COLLATE 'C'");
  /* neither was changed */
  {
    g_autoptr(GPtrArray) tables = _jc_store_list_tables (collated, &error);

    assert_int_equal (tables->len, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_baseline_applies, setup, teardown),
    cmocka_unit_test_setup_teardown (test_catalogue_equals_sqlite, setup, teardown),
    cmocka_unit_test_setup_teardown (test_constraints_equal_sqlite, setup, teardown),
    cmocka_unit_test_setup_teardown (test_constraints_behave_alike, setup, teardown),
    cmocka_unit_test_setup_teardown (test_big_ids, setup, teardown),
    cmocka_unit_test_setup_teardown (test_check_schema, setup, teardown),
    cmocka_unit_test_setup_teardown (test_check_server_and_database, setup, teardown),
  };

  pg_location = jc_test_pg_server_or_exit ("the PostgreSQL baseline");
  return cmocka_run_group_tests_name ("schema-pg", tests, NULL, NULL);
}
