/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The driver layer (core/store/jc-db*.c) on both engines: one test body,
 * run by `test-db sqlite` on a temporary file and by `test-db postgresql`
 * on the server named by $JICAI_TEST_PG (a libpq connection string; the
 * test command sets it inside a throw-away pg_virtualenv cluster).  Each
 * PostgreSQL test works in a schema of its own, dropped at its end.
 * Without $JICAI_TEST_PG the PostgreSQL run says loudly that it skipped,
 * and fails instead when $JICAI_REQUIRE_PG is 1 (.ci/run sets it). */
#include "config.h"

#include <unistd.h>

#include "jc-test-util.h"

#include "jc-db.h"
#include "jc-error.h"

typedef struct {
  JcDb *db;
  char *dir;      /* SQLite: the folder of the file */
  char *schema;   /* PostgreSQL: the schema of this test */
} Fixture;

static gboolean on_pg;
static const char *pg_location;

/* A second connection to the database of `f`, in its schema. */
static JcDb *
open_again (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JcDb *db;

  if (!on_pg)
    {
      g_autofree char *path = g_build_filename (f->dir, "db.sqlite", NULL);

      db = jc_db_open (path, JC_DB_OPEN_DEFAULT, &error);
    }
  else
    {
      db = jc_db_open (pg_location, JC_DB_OPEN_DEFAULT, &error);
      if (db != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("SET search_path TO %s", f->schema);

          assert_true (jc_db_exec (db, sql, &error));
        }
    }
  if (db == NULL)
    fail_msg ("%s", error->message);
  return db;
}

static int
setup (void **state)
{
  static int counter;
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  if (!on_pg)
    {
      g_autofree char *path = NULL;

      f->dir = jc_test_tmpdir ();
      path = g_build_filename (f->dir, "db.sqlite", NULL);
      f->db = jc_db_open (path, JC_DB_OPEN_CREATE, &error);
    }
  else
    {
      g_autofree char *sql = NULL;

      f->schema = g_strdup_printf ("jc_test_db_%d_%d", (int) getpid (), ++counter);
      f->db = jc_db_open (pg_location, JC_DB_OPEN_DEFAULT, &error);
      sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s; "
                             "SET search_path TO %s", f->schema, f->schema, f->schema);
      if (f->db != NULL && !jc_db_exec (f->db, sql, &error))
        g_clear_pointer (&f->db, jc_db_close);
    }
  if (f->db == NULL)
    fail_msg ("%s", error->message);
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  if (f->schema != NULL && f->db != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", f->schema);

      jc_db_rollback (f->db);
      jc_db_exec (f->db, sql, NULL);
    }
  g_clear_pointer (&f->db, jc_db_close);
  if (f->dir != NULL)
    jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->schema);
  g_free (f);
  return 0;
}

static void
exec_ok (JcDb       *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!jc_db_exec (db, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

static JcDbStmt *
prepare_ok (JcDb       *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt = jc_db_prepare (db, sql, &error);

  if (stmt == NULL)
    fail_msg ("%s: %s", sql, error->message);
  return stmt;
}

static void
step_done (JcDbStmt *stmt)
{
  g_autoptr(GError) error = NULL;
  JcDbStep r = jc_db_step (stmt, &error);

  if (r == JC_DB_ERROR)
    fail_msg ("%s", error->message);
  assert_int_equal (r, JC_DB_DONE);
}

static gint64
count_rows (JcDb       *db,
            const char *sql)
{
  JcDbStmt *stmt = prepare_ok (db, sql);
  gint64 n;

  assert_int_equal (jc_db_step (stmt, NULL), JC_DB_ROW);
  n = jc_db_column_int64 (stmt, 0);
  jc_db_reset (stmt);
  return n;
}

static const char create_t[] =
  "CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT, s TEXT, f DOUBLE PRECISION, "
  "z TEXT, lit TEXT)";

/* Every type bound and read back, NULL included; a `?` and quotes inside
 * literals and in the bound text are text, not placeholders. */
static void
test_roundtrip (void **state)
{
  Fixture *f = *state;
  const char *tricky = "it's a \"?\" -- not /* a */ comment; $1 ?";
  JcDbStmt *ins, *sel;

  assert_int_equal (jc_db_get_engine (f->db),
                    on_pg ? JC_DB_ENGINE_POSTGRESQL : JC_DB_ENGINE_SQLITE);
  exec_ok (f->db, create_t);
  ins = prepare_ok (f->db, "INSERT INTO t (id, n, s, f, z, lit) "
                           "VALUES (?, ?, ?, ?, ?, 'a ''?'' b ?')");
  assert_int_equal (jc_db_param_count (ins), 5);
  jc_db_bind_int64 (ins, 1, 1);
  jc_db_bind_int64 (ins, 2, 6400);
  jc_db_bind_text (ins, 3, tricky);
  jc_db_bind_double (ins, 4, 0.1);
  jc_db_bind_null (ins, 5);
  step_done (ins);
  assert_int_equal (jc_db_changes (f->db), 1);

  sel = prepare_ok (f->db, "SELECT n, s, f, z, lit, id FROM t "
                           "WHERE id = ? AND s <> '?' /* ? */ AND lit LIKE '%?%' -- ?\n");
  assert_int_equal (jc_db_param_count (sel), 1);
  jc_db_bind_int64 (sel, 1, 1);
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_ROW);
  assert_int_equal (jc_db_column_count (sel), 6);
  assert_int_equal (jc_db_column_int64 (sel, 0), 6400);
  assert_string_equal (jc_db_column_text (sel, 1), tricky);
  assert_true (jc_db_column_double (sel, 2) == 0.1);
  assert_true (jc_db_column_is_null (sel, 3));
  assert_null (jc_db_column_text (sel, 3));
  assert_false (jc_db_column_is_null (sel, 4));
  assert_string_equal (jc_db_column_text (sel, 4), "a '?' b ?");
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_DONE);

  /* the cached statement again, bound afresh */
  assert_ptr_equal (jc_db_prepare (f->db, "SELECT n, s, f, z, lit, id FROM t "
                                          "WHERE id = ? AND s <> '?' /* ? */ AND lit LIKE '%?%' -- ?\n",
                                   NULL), sel);
  jc_db_bind_int64 (sel, 1, 2);
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_DONE);
}

/* The ends of gint64 and zero survive the trip exactly. */
static void
test_int64_extremes (void **state)
{
  Fixture *f = *state;
  const gint64 values[] = { G_MININT64, G_MININT64 + 1, -1, 0, 1, G_MAXINT64 - 1, G_MAXINT64 };
  JcDbStmt *ins, *sel;

  exec_ok (f->db, create_t);
  ins = prepare_ok (f->db, "INSERT INTO t (id, n) VALUES (?, ?)");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      jc_db_reset (ins);
      jc_db_bind_int64 (ins, 1, i);
      jc_db_bind_int64 (ins, 2, values[i]);
      step_done (ins);
    }
  sel = prepare_ok (f->db, "SELECT n FROM t ORDER BY id");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      assert_int_equal (jc_db_step (sel, NULL), JC_DB_ROW);
      assert_true (jc_db_column_int64 (sel, 0) == values[i]);
    }
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_DONE);
  jc_db_reset (sel);
  /* compared on the server, not only read back */
  sel = prepare_ok (f->db, "SELECT COUNT(*) FROM t WHERE n = ? OR n = ?");
  jc_db_bind_int64 (sel, 1, G_MAXINT64);
  jc_db_bind_int64 (sel, 2, G_MININT64);
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_ROW);
  assert_int_equal (jc_db_column_int64 (sel, 0), 2);
  jc_db_reset (sel);
}

/* Chinese text is stored as UTF-8 characters, compared and measured as
 * such. */
static void
test_utf8 (void **state)
{
  Fixture *f = *state;
  const char *name = "大白菜（精品）·中文 ¥";
  JcDbStmt *ins, *sel;

  exec_ok (f->db, create_t);
  ins = prepare_ok (f->db, "INSERT INTO t (id, s) VALUES (1, ?)");
  jc_db_bind_text (ins, 1, name);
  step_done (ins);
  sel = prepare_ok (f->db, "SELECT s, length(s) FROM t WHERE s = ?");
  jc_db_bind_text (sel, 1, name);
  assert_int_equal (jc_db_step (sel, NULL), JC_DB_ROW);
  assert_string_equal (jc_db_column_text (sel, 0), name);
  assert_int_equal (jc_db_column_int64 (sel, 1), g_utf8_strlen (name, -1));
  jc_db_reset (sel);
}

static void
step_refused (JcDbStmt *stmt,
              int       code)
{
  g_autoptr(GError) error = NULL;

  assert_int_equal (jc_db_step (stmt, &error), JC_DB_ERROR);
  assert_non_null (error);
  if (!g_error_matches (error, JC_STORE_ERROR, code))
    fail_msg ("expected code %d, got %d: %s", code, error->code, error->message);
}

/* A unique key refuses a second row as a duplicate; a foreign key and NOT
 * NULL as the schema's constraint. */
static void
test_constraints (void **state)
{
  Fixture *f = *state;
  JcDbStmt *stmt;

  exec_ok (f->db, "CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE)");
  exec_ok (f->db, "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))");
  stmt = prepare_ok (f->db, "INSERT INTO p (id, code) VALUES (?, ?)");
  jc_db_bind_int64 (stmt, 1, 1);
  jc_db_bind_text (stmt, 2, "BC01");
  step_done (stmt);
  jc_db_reset (stmt);
  jc_db_bind_int64 (stmt, 1, 2);
  jc_db_bind_text (stmt, 2, "BC01");
  step_refused (stmt, JC_STORE_ERROR_DUPLICATE);
  jc_db_reset (stmt);
  jc_db_bind_int64 (stmt, 1, 1);
  jc_db_bind_text (stmt, 2, "BC02");
  step_refused (stmt, JC_STORE_ERROR_DUPLICATE);
  jc_db_reset (stmt);
  jc_db_bind_int64 (stmt, 1, 3);
  jc_db_bind_null (stmt, 2);
  step_refused (stmt, JC_STORE_ERROR_CONSTRAINT);

  stmt = prepare_ok (f->db, "INSERT INTO c (id, p_id) VALUES (1, ?)");
  jc_db_bind_int64 (stmt, 1, 99);
  step_refused (stmt, JC_STORE_ERROR_CONSTRAINT);
  jc_db_reset (stmt);
  jc_db_bind_int64 (stmt, 1, 1);
  step_done (stmt);
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM p"), 1);
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM c"), 1);
}

/* A rolled back transaction leaves nothing; a committed one all; changes
 * counts the rows of the last write. */
static void
test_transactions (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcDbStmt *ins;

  exec_ok (f->db, create_t);
  ins = prepare_ok (f->db, "INSERT INTO t (id, n) VALUES (?, 7)");
  assert_false (jc_db_in_transaction (f->db));
  assert_true (jc_db_begin (f->db, &error));
  assert_true (jc_db_in_transaction (f->db));
  for (int i = 1; i <= 3; i++)
    {
      jc_db_reset (ins);
      jc_db_bind_int64 (ins, 1, i);
      step_done (ins);
    }
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM t"), 3);
  jc_db_rollback (f->db);
  assert_false (jc_db_in_transaction (f->db));
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM t"), 0);

  assert_true (jc_db_begin (f->db, &error));
  for (int i = 1; i <= 3; i++)
    {
      jc_db_reset (ins);
      jc_db_bind_int64 (ins, 1, i);
      step_done (ins);
    }
  assert_true (jc_db_commit (f->db, &error));
  assert_false (jc_db_in_transaction (f->db));
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM t"), 3);
  exec_ok (f->db, "UPDATE t SET n = 8 WHERE id >= 2");
  assert_int_equal (jc_db_changes (f->db), 2);
  /* a query changes nothing */
  assert_int_equal (count_rows (f->db, "SELECT COUNT(*) FROM t"), 3);
  assert_int_equal (jc_db_changes (f->db), 2);

  /* what another connection sees: only what was committed */
  {
    g_autoptr(JcDb) other = open_again (f);

    assert_true (jc_db_begin (f->db, &error));
    exec_ok (f->db, "DELETE FROM t");
    assert_int_equal (jc_db_changes (f->db), 3);
    jc_db_rollback (f->db);
    assert_int_equal (count_rows (other, "SELECT COUNT(*) FROM t"), 3);
  }
}

/* A second statement runs while the first is stepped through its rows,
 * as the store does. */
static void
test_interleaved (void **state)
{
  Fixture *f = *state;
  JcDbStmt *outer, *inner;
  gint64 sum = 0;

  exec_ok (f->db, create_t);
  exec_ok (f->db, "INSERT INTO t (id, n) VALUES (1, 10)");
  exec_ok (f->db, "INSERT INTO t (id, n) VALUES (2, 20)");
  outer = prepare_ok (f->db, "SELECT id FROM t ORDER BY id");
  while (jc_db_step (outer, NULL) == JC_DB_ROW)
    {
      inner = prepare_ok (f->db, "SELECT n FROM t WHERE id = ?");
      jc_db_bind_int64 (inner, 1, jc_db_column_int64 (outer, 0));
      assert_int_equal (jc_db_step (inner, NULL), JC_DB_ROW);
      sum += jc_db_column_int64 (inner, 0);
    }
  assert_int_equal (sum, 30);
}

/* SQL the engine cannot read is refused at prepare, as a failure. */
static void
test_bad_sql (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt;

  assert_null (jc_db_prepare (f->db, "SELEC 1", &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_FAILED));
  g_clear_error (&error);
  /* a statement of its own, made at run time */
  stmt = jc_db_stmt_new (f->db, "SELECT 1 + 1", &error);
  assert_non_null (stmt);
  assert_int_equal (jc_db_step (stmt, NULL), JC_DB_ROW);
  assert_int_equal (jc_db_column_int64 (stmt, 0), 2);
  jc_db_stmt_free (stmt);
  /* the connection works on after both */
  exec_ok (f->db, create_t);
}

/* Two writers at once: SQLite makes the second wait and then says busy;
 * PostgreSQL lets both run and refuses the commit that would lose the
 * other's write (serialization failure) as busy. */
static void
test_busy (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcDb) other = NULL;
  g_autoptr(GError) error = NULL;

  exec_ok (f->db, create_t);
  other = open_again (f);
  assert_true (jc_db_begin (f->db, &error));
  exec_ok (f->db, "INSERT INTO t (id, n) SELECT COUNT(*) + 1, 1 FROM t");
  if (!on_pg)
    {
      exec_ok (other, "PRAGMA busy_timeout = 50");
      assert_false (jc_db_begin (other, &error));
      assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_BUSY));
      jc_db_rollback (f->db);
      return;
    }
  assert_true (jc_db_begin (other, &error));
  exec_ok (other, "INSERT INTO t (id, n) SELECT COUNT(*) + 100, 2 FROM t");
  assert_true (jc_db_commit (f->db, &error));
  assert_false (jc_db_commit (other, &error));
  if (!g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_BUSY))
    fail_msg ("%s", error->message);
  jc_db_rollback (other);
  assert_int_equal (count_rows (other, "SELECT COUNT(*) FROM t"), 1);
}

/* PostgreSQL only: a connection the server ends is said to be lost. */
static void
test_connection_lost (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcDb) other = NULL;
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt, *kill;
  gint64 pid;

  pid = count_rows (f->db, "SELECT pg_backend_pid()");
  /* prepared while the connection lives: running it finds the end */
  stmt = prepare_ok (f->db, "SELECT 1");
  other = open_again (f);
  kill = jc_db_stmt_new (other, "SELECT pg_terminate_backend(?, 5000)", &error);
  assert_non_null (kill);
  jc_db_bind_int64 (kill, 1, pid);
  assert_int_equal (jc_db_step (kill, NULL), JC_DB_ROW);
  jc_db_stmt_free (kill);

  assert_int_equal (jc_db_step (stmt, &error), JC_DB_ERROR);
  if (!g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CONNECTION_LOST))
    fail_msg ("%s", error->message);
  assert_non_null (strstr (error->message, "connection to the office database was lost"));
  /* the teardown's schema drop goes through the other connection */
  jc_db_close (f->db);
  f->db = g_steal_pointer (&other);
}

/* PostgreSQL only: service=NAME reaches the server through libpq's service
 * file, as an office's desks are set up. */
static void
test_service (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcDb) db = NULL;
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "pg_service.conf", NULL);
  g_autofree char *conf = NULL;
  g_autofree char *old = g_strdup (g_getenv ("PGSERVICEFILE"));
  JcDbStmt *stmt = prepare_ok (f->db, "SELECT current_database()");

  assert_int_equal (jc_db_step (stmt, NULL), JC_DB_ROW);
  conf = g_strdup_printf ("[jicai_office]\ndbname=%s\n", jc_db_column_text (stmt, 0));
  jc_db_reset (stmt);
  assert_true (g_file_set_contents (file, conf, -1, NULL));
  g_setenv ("PGSERVICEFILE", file, TRUE);
  db = jc_db_open ("service=jicai_office", JC_DB_OPEN_DEFAULT, &error);
  if (old != NULL)
    g_setenv ("PGSERVICEFILE", old, TRUE);
  else
    g_unsetenv ("PGSERVICEFILE");
  jc_test_rmtree (dir);
  if (db == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (jc_db_get_engine (db), JC_DB_ENGINE_POSTGRESQL);
  assert_int_equal (count_rows (db, "SELECT 6 * 7"), 42);
}

/* `?` becomes $n only outside literals, quoted names and comments. */
static void
test_placeholders (void **state)
{
  static const struct {
    const char *sql;
    const char *expected;
    int n;
  } cases[] = {
    { "SELECT 1", "SELECT 1", 0 },
    { "a = ? AND b = ?", "a = $1 AND b = $2", 2 },
    { "x = '?' AND y = ?", "x = '?' AND y = $1", 1 },
    { "x = 'it''s ?' || ?", "x = 'it''s ?' || $1", 1 },
    { "\"od?d\" = ?", "\"od?d\" = $1", 1 },
    { "? -- what?\n, ?", "$1 -- what?\n, $2", 2 },
    { "? /* a /* nested? */ still? */ ?", "$1 /* a /* nested? */ still? */ $2", 2 },
    { "E'\\'?' = ?", "E'\\'?' = $1", 1 },
    { "'\\' = ?", "'\\' = $1", 1 },
    { "$$ ? $$ = ? AND $tag$ ?$$ $tag$ = ?", "$$ ? $$ = $1 AND $tag$ ?$$ $tag$ = $2", 2 },
    { "'unterminated ?", "'unterminated ?", 0 },
    /* SQLite's numbered parameters (the store's ?1 used twice) */
    { "code = ?1 OR name = ?1", "code = $1 OR name = $1", 1 },
    { "a = ?2 AND b = ?1 AND c = ?12", "a = $2 AND b = $1 AND c = $12", 12 },
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *out = _jc_db_number_placeholders (cases[i].sql, &n);

      assert_string_equal (out, cases[i].expected);
      assert_int_equal (n, cases[i].n);
    }
}

/* What a location names, and that no PostgreSQL location is taken for a
 * file. */
static void
test_location (void **state)
{
  static const char *const pg[] = {
    "postgresql://postgres@127.0.0.1:5432/jicai", "postgres://h/db", "POSTGRESQL://h/db",
    "service=office", "  postgresql://h/db",
  };
  static const char *const paths[] = {
    "/tmp/jicai.db", "jicai.db", "postgresql:foo", "./service=office", "postgresql.db",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (pg); i++)
    assert_int_equal (jc_db_location_kind (pg[i]), JC_DB_LOCATION_POSTGRESQL);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      assert_int_equal (jc_db_location_kind (paths[i]), JC_DB_LOCATION_PATH);
      assert_true (jc_db_location_check (paths[i], NULL));
    }

  /* a location libpq can read may be tried */
  assert_true (jc_db_location_check ("postgresql://postgres@127.0.0.1:5432/jicai", &error));
  assert_no_error (error);
  assert_true (jc_db_location_check ("service=office", &error));
  assert_no_error (error);
  assert_false (jc_db_location_check ("postgresql://h/db?no_such_option=1", &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_BAD_LOCATION));
  assert_non_null (strstr (error->message, "malformed"));
  g_clear_error (&error);
  assert_false (jc_db_location_check ("postgresql://[::1/db", &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_BAD_LOCATION));
  g_clear_error (&error);

  /* never a password in what is shown */
  shown = jc_db_location_display ("postgresql://clerk:s3cret@db.office:5433/jicai");
  assert_string_equal (shown, "postgresql://clerk@db.office:5433/jicai");
  g_free (shown);
  shown = jc_db_location_display ("postgresql://clerk:s3cret@db.office/jicai?bad_option=1");
  assert_null (strstr (shown, "s3cret"));
  g_free (shown);
  shown = jc_db_location_display ("service=office password=s3cret");
  assert_string_equal (shown, "service=office");
  g_free (shown);
  shown = jc_db_location_display ("service=office password=s3cret 'broken");
  assert_string_equal (shown, "service=office");
  g_free (shown);
  assert_false (jc_db_location_check ("postgresql://clerk:s3cret@h/db?no_such_option=1", &error));
  assert_null (strstr (error->message, "s3cret"));
  g_clear_error (&error);
  shown = jc_db_location_display ("/home/clerk/jicai.db");
  assert_string_equal (shown, "/home/clerk/jicai.db");
}

/* A PostgreSQL server that does not answer is refused as a connection
 * that cannot be opened, naming it without its password, and a malformed
 * URI as malformed before anything is tried (no server needed). */
static void
test_open_refused (void **state)
{
  g_autoptr(GError) error = NULL;
  JcDb *db;

  (void) state;
  db = jc_db_open ("postgresql://nobody:s3cret@127.0.0.1:1/nothing?connect_timeout=5",
                   JC_DB_OPEN_DEFAULT, &error);
  assert_null (db);
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN));
  assert_non_null (strstr (error->message, "nobody@127.0.0.1:1/nothing"));
  assert_null (strstr (error->message, "s3cret"));
  g_clear_error (&error);
  db = jc_db_open ("postgresql://h/db?no_such_option=1", JC_DB_OPEN_DEFAULT, &error);
  assert_null (db);
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_BAD_LOCATION));
}

int
main (int    argc,
      char **argv)
{
#define ENGINE_TESTS \
    cmocka_unit_test_setup_teardown (test_roundtrip, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_int64_extremes, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_utf8, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_constraints, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_transactions, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_interleaved, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_bad_sql, setup, teardown), \
    cmocka_unit_test_setup_teardown (test_busy, setup, teardown)
  const struct CMUnitTest sqlite_tests[] = {
    ENGINE_TESTS,
    cmocka_unit_test (test_placeholders),
    cmocka_unit_test (test_location),
    cmocka_unit_test (test_open_refused),
  };
  const struct CMUnitTest pg_tests[] = {
    ENGINE_TESTS,
    cmocka_unit_test_setup_teardown (test_connection_lost, setup, teardown),
    cmocka_unit_test_setup_teardown (test_service, setup, teardown),
  };
#undef ENGINE_TESTS
  const char *engine = argc > 1 ? argv[1] : "sqlite";

  on_pg = g_str_equal (engine, "postgresql");
  if (!on_pg)
    return cmocka_run_group_tests_name ("db (SQLite)", sqlite_tests, NULL, NULL);

  pg_location = jc_test_pg_server_or_exit ("the driver");
  return cmocka_run_group_tests_name ("db (PostgreSQL)", pg_tests, NULL, NULL);
}
