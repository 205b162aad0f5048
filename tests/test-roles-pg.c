/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The roles of the office database (core/store/jc-store-roles-pg.c), proved
 * by PostgreSQL itself: `test-roles-pg postgresql` installs the baseline
 * and the roles in a schema of its own on $JICAI_TEST_PG, adds a
 * procurement login, which adds two canteen managers and a reviewer
 * without CREATEROLE, and connects as each with its own login and password
 * to check every permitted action and every refusal, with its sentence.
 * Roles belong to the whole cluster: their names are unique to the run and
 * dropped at its end.  Without $JICAI_TEST_PG it skips loudly (fails when
 * $JICAI_REQUIRE_PG is 1).  `test-roles-pg sqlite`: on a database file the
 * commands say that roles need the office database. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "jc-test-util.h"

#include "jc-db.h"
#include "jc-error.h"
#include "jc-store-roles-pg.h"
#include "jc-store-schema-pg.h"

#define DATE "2026-12-09"           /* a Wednesday; its cutoff is set to 17:00 the day before */
#define MONDAY "2026-12-14"         /* the default cutoff: Friday 14:00 */
#define LOCKED "2026-12-01"         /* a locked plan with both canteens' shares */

typedef struct {
  JcDb *admin;
  char *schema;
  char *prefix;      /* of the group roles */
  char *host;
  char *port;
  char *dbname;
  char *zone;        /* of the administrator's session when the roles were installed */
  char *buyer, *mgr_a, *mgr_b, *reviewer, *dumper;   /* logins */
  JcDb *db_buyer, *db_a, *db_b, *db_reviewer;
  gint64 order_b;    /* canteen B's order of DATE */
} World;

static const char *pg_location;

static void
exec_ok (JcDb       *db,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!jc_db_exec (db, sql, &error))
    fail_msg ("%s: %s", sql, error->message);
}

static void G_GNUC_PRINTF (2, 3)
exec_printf (JcDb       *db,
             const char *format,
             ...)
{
  va_list ap;
  g_autofree char *sql = NULL;

  va_start (ap, format);
  sql = g_strdup_vprintf (format, ap);
  va_end (ap);
  exec_ok (db, sql);
}

/* The first column of the first row of `sql` as a number. */
static gint64
count (JcDb       *db,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt = jc_db_stmt_new (db, sql, &error);
  gint64 n = -1;

  if (stmt == NULL)
    fail_msg ("%s: %s", sql, error->message);
  if (jc_db_step (stmt, &error) != JC_DB_ROW)
    fail_msg ("%s: %s", sql, error ? error->message : "no row");
  n = jc_db_column_int64 (stmt, 0);
  jc_db_stmt_free (stmt);
  return n;
}

static char *
text (JcDb       *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  JcDbStmt *stmt = jc_db_stmt_new (db, sql, &error);
  char *t;

  if (stmt == NULL)
    fail_msg ("%s: %s", sql, error->message);
  if (jc_db_step (stmt, &error) != JC_DB_ROW)
    fail_msg ("%s: %s", sql, error ? error->message : "no row");
  t = g_strdup (jc_db_column_text (stmt, 0));
  jc_db_stmt_free (stmt);
  return t;
}

/* `sql` refused by the database as a refusal (JC_STORE_ERROR_DENIED), with
 * `sentence` for the person of `role`. */
static void
refused (JcDb       *db,
         const char *role,
         const char *sql,
         const char *sentence)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;

  if (jc_db_exec (db, sql, &error))
    fail_msg ("not refused for %s: %s", role, sql);
  if (!g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_DENIED))
    fail_msg ("%s: not a refusal: %s", sql, error->message);
  said = _jc_store_pg_denied_text ("42501", error->message, role);
  if (g_strcmp0 (said, sentence) != 0)
    fail_msg ("%s: “%s” said “%s”, expected “%s”", sql, error->message, said, sentence);
}

/* The office database's baseline (jc-store-schema-pg.c). */
static void
install_baseline (JcDb *db)
{
  g_autoptr(GError) error = NULL;

  if (!_jc_store_pg_create_baseline (db, &error))
    fail_msg ("%s", error->message);
}

static JcDb *
connect_as (World      *w,
            const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("postgresql://%s:pw-%s@%s:%s/%s", login, login, w->host,
                                          w->port, w->dbname);
  JcDb *db = jc_db_open (uri, JC_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    fail_msg ("%s: %s", login, error->message);
  exec_printf (db, "SET search_path TO %s", w->schema);
  return db;
}

static void
set_now (World      *w,
         const char *timestamp)
{
  exec_printf (w->admin, "CREATE OR REPLACE FUNCTION jicai_now () RETURNS timestamp "
                         "LANGUAGE sql STABLE AS $$ SELECT timestamp '%s' $$", timestamp);
}

static int
group_setup (void **state)
{
  World *w = g_new0 (World, 1);
  g_autoptr(GError) error = NULL;
  int pid = (int) getpid ();
  g_autofree char *pw = NULL;
  char *addr;

  w->admin = jc_db_open (pg_location, JC_DB_OPEN_DEFAULT, &error);
  if (w->admin == NULL)
    fail_msg ("%s", error->message);
  w->schema = g_strdup_printf ("jc_test_roles_%d", pid);
  w->prefix = g_strdup_printf ("jtr%d", pid);
  w->buyer = g_strdup_printf ("jtu%d_buyer", pid);
  w->mgr_a = g_strdup_printf ("jtu%d_mgr_a", pid);
  w->mgr_b = g_strdup_printf ("jtu%d_mgr_b", pid);
  w->reviewer = g_strdup_printf ("jtu%d_reviewer", pid);
  w->dumper = g_strdup_printf ("jtu%d_dump", pid);
  exec_printf (w->admin, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s; SET search_path TO %s",
               w->schema, w->schema, w->schema);

  /* where the users log in with their passwords: TCP, as a desk does */
  addr = text (w->admin, "SELECT COALESCE(host(inet_server_addr()), '')");
  w->host = *addr != '\0' ? addr : (g_free (addr), g_strdup ("localhost"));
  if (strchr (w->host, ':') != NULL)
    {
      char *bracketed = g_strdup_printf ("[%s]", w->host);

      g_free (w->host);
      w->host = bracketed;
    }
  w->port = text (w->admin, "SELECT COALESCE(inet_server_port()::text, '')");
  if (*w->port == '\0')
    {
      g_free (w->port);
      w->port = g_strdup (g_getenv ("PGPORT") ? g_getenv ("PGPORT") : "5432");
    }
  w->dbname = text (w->admin, "SELECT current_database()");

  install_baseline (w->admin);
  exec_ok (w->admin,
    "INSERT INTO canteens (code, name, lat, lon, window_start, window_end) VALUES "
    "  ('ca', '甲食堂', 39.9, 116.4, 420, 600), ('cb', '乙食堂', 39.8, 116.3, 420, 600);"
    "INSERT INTO items (code, name, category_id, base_unit) "
    "  SELECT 'cabbage', '白菜', id, 'kg' FROM categories WHERE code = 'veg';"
    "INSERT INTO price_sources (name, adapter, url, credentials) "
    "  VALUES ('market', 'csv', 'file:///x', 'secret-token');"
    "INSERT INTO prices (source_id, date, market_name, unit, low_milliyuan, avg_milliyuan, "
    "  high_milliyuan) SELECT id, '2026-12-07', '白菜', 'kg', 1000, 1200, 1400 FROM price_sources;"
    "INSERT INTO vehicles (plate, capacity_kg, depot_lat, depot_lon, start_time, speed_kmh, "
    "  service_min) VALUES ('京A12345', 2000, 39.9, 116.4, 360, 30, 10);"
    "INSERT INTO order_cutoffs (delivery_date, cutoff_at) VALUES ('" DATE "', '2026-12-08T17:00');"
    "INSERT INTO plans (delivery_date, locked_at, locked_by, stale_days, total_cost_fen) "
    "  VALUES ('" LOCKED "', '2026-11-30T15:00:00Z', 'admin', 3, 1000);"
    "INSERT INTO plan_lines (delivery_date, item_id, demand_milli, loss_permille, pack_milli, "
    "  gross_milli, packs, purchase_milli, cost_fen) "
    "  SELECT '" LOCKED "', id, 2000, 0, 1000, 2000, 2, 2000, 1000 FROM items;"
    "INSERT INTO plan_shares (delivery_date, item_id, canteen_id, qty_milli, share_fen) "
    "  SELECT '" LOCKED "', i.id, c.id, 1000, 500 FROM items i, canteens c;");

  if (!_jc_store_pg_install_roles_prefixed (w->admin, w->prefix, &error))
    fail_msg ("%s", error->message);
  /* installing again changes nothing and fails nothing */
  if (!_jc_store_pg_install_roles_prefixed (w->admin, w->prefix, &error))
    fail_msg ("again: %s", error->message);
  w->zone = text (w->admin, "SELECT current_setting('TimeZone')");

  /* the administrator adds the first procurement login; procurement the rest */
  pw = g_strdup_printf ("pw-%s", w->buyer);
  if (!_jc_store_pg_user_add (w->admin, w->buyer, "procurement", NULL, pw, &error))
    fail_msg ("%s", error->message);
  w->db_buyer = connect_as (w, w->buyer);
  exec_printf (w->admin, "CREATE ROLE %s LOGIN PASSWORD 'pw-%s' IN ROLE %s_backup", w->dumper,
               w->dumper, w->prefix);
  *state = w;
  return 0;
}

static int
group_teardown (void **state)
{
  World *w = *state;
  g_autoptr(GPtrArray) users = NULL;

  g_clear_pointer (&w->db_buyer, jc_db_close);
  g_clear_pointer (&w->db_a, jc_db_close);
  g_clear_pointer (&w->db_b, jc_db_close);
  g_clear_pointer (&w->db_reviewer, jc_db_close);
  jc_db_rollback (w->admin);
  users = _jc_store_pg_user_list (w->admin, NULL);
  exec_printf (w->admin, "DROP SCHEMA %s CASCADE", w->schema);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      JcStoreUser *u = g_ptr_array_index (users, i);

      exec_printf (w->admin, "DROP ROLE IF EXISTS %s", u->name);
    }
  exec_printf (w->admin, "DROP ROLE IF EXISTS %s, %s, %s", w->buyer, w->mgr_a, w->mgr_b);
  exec_printf (w->admin, "DROP ROLE IF EXISTS %s, %s", w->reviewer, w->dumper);
  exec_printf (w->admin, "DROP OWNED BY %s_procurement, %s_canteen, %s_reviewer, %s_backup",
               w->prefix, w->prefix, w->prefix, w->prefix);
  exec_printf (w->admin, "DROP ROLE %s_procurement, %s_canteen, %s_reviewer, %s_backup",
               w->prefix, w->prefix, w->prefix, w->prefix);
  jc_db_close (w->admin);
  g_free (w->schema);
  g_free (w->prefix);
  g_free (w->host);
  g_free (w->port);
  g_free (w->dbname);
  g_free (w->zone);
  g_free (w->buyer);
  g_free (w->mgr_a);
  g_free (w->mgr_b);
  g_free (w->reviewer);
  g_free (w->dumper);
  g_free (w);
  return 0;
}

/* Procurement adds the canteen managers and the reviewer, without
 * CREATEROLE; nobody else can; a name already taken or a canteen that is
 * not one is refused. */
static void
test_users (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pw_a = g_strdup_printf ("pw-%s", w->mgr_a);
  g_autofree char *pw_b = g_strdup_printf ("pw-%s", w->mgr_b);
  g_autofree char *pw_r = g_strdup_printf ("pw-%s", w->reviewer);
  g_autofree char *role_a = NULL;
  JcStoreUser *u;

  sql = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname = '%s' AND "
                         "(rolcreaterole OR rolsuper)", w->buyer);
  assert_int_equal (count (w->db_buyer, sql), 0);
  if (!_jc_store_pg_user_add (w->db_buyer, w->mgr_a, "canteen", "ca", pw_a, &error) ||
      !_jc_store_pg_user_add (w->db_buyer, w->mgr_b, "canteen", "cb", pw_b, &error) ||
      !_jc_store_pg_user_add (w->db_buyer, w->reviewer, "reviewer", NULL, pw_r, &error))
    fail_msg ("%s", error->message);

  assert_false (_jc_store_pg_user_add (w->db_buyer, w->mgr_a, "canteen", "ca", pw_a, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  assert_false (_jc_store_pg_user_add (w->db_buyer, "jt_nobody", "canteen", "zz", "pw", &error));
  assert_contains (error->message, "no active canteen zz");
  g_clear_error (&error);
  /* procurement removes only users of the office, never another role */
  assert_false (_jc_store_pg_user_remove (w->db_buyer, "postgres", &error));
  assert_contains (error->message, "no user postgres");
  g_clear_error (&error);

  users = _jc_store_pg_user_list (w->db_buyer, &error);
  assert_non_null (users);
  assert_int_equal (users->len, 4);
  u = g_ptr_array_index (users, 1);   /* by name: buyer, mgr_a, mgr_b, reviewer */
  assert_string_equal (u->name, w->mgr_a);
  assert_string_equal (u->role, "canteen");
  assert_string_equal (u->canteen, "ca");
  u = g_ptr_array_index (users, 3);
  assert_string_equal (u->role, "reviewer");
  assert_string_equal (u->canteen, "");

  w->db_a = connect_as (w, w->mgr_a);
  w->db_b = connect_as (w, w->mgr_b);
  w->db_reviewer = connect_as (w, w->reviewer);
  role_a = _jc_store_pg_session_role (w->db_a);
  assert_string_equal (role_a, "canteen");

  /* jicai_now() as installed: the office's wall clock, in the zone of the
   * installing session; a client's own TimeZone does not move it */
  exec_ok (w->db_a, "SET TimeZone = 'Pacific/Kiritimati'");
  g_free (sql);
  sql = g_strdup_printf ("SELECT abs(extract(epoch FROM jicai_now () - (now () AT TIME ZONE '%s')))::bigint",
                         w->zone);
  assert_true (count (w->db_a, sql) <= 2);
  exec_ok (w->db_a, "SET TimeZone = 'Etc/GMT+12'");
  assert_true (count (w->db_a, sql) <= 2);
  set_now (w, "2026-12-08 16:00");

  /* nobody else adds, removes or lists users, or writes the mapping */
  assert_false (_jc_store_pg_user_add (w->db_a, "jt_x", "procurement", NULL, "pw", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DENIED);
  assert_string_equal (error->message, "Only procurement staff can add or remove users");
  g_clear_error (&error);
  assert_false (_jc_store_pg_user_remove (w->db_reviewer, w->buyer, &error));
  assert_string_equal (error->message, "Only procurement staff can add or remove users");
  g_clear_error (&error);
  assert_null (_jc_store_pg_user_list (w->db_a, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DENIED);
  g_clear_error (&error);
  sql = (g_free (sql), g_strdup_printf ("UPDATE users SET role = 'procurement' WHERE name = '%s'",
                                        w->mgr_a));
  refused (w->db_a, "canteen", sql,
           "Canteen managers can change only their own canteen's orders; the catalog, prices, "
           "plans, purchases and vehicles are procurement's");
  refused (w->db_buyer, "procurement", sql,
           "Only the administrator of the office database can change this");
}

/* A canteen manager writes the own canteen's order before the cutoff,
 * cannot see or touch another canteen's, and the history says who. */
static void
test_canteen_orders (void **state)
{
  World *w = *state;
  g_autofree char *who = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *actor = NULL;
  gint64 order_a, canteen_b;

  exec_ok (w->db_a,
    "INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
    "  SELECT id, '" DATE "', 'draft', '2026-12-08T08:00:00Z' FROM canteens WHERE code = 'ca'");
  order_a = count (w->db_a, "SELECT id FROM orders WHERE delivery_date = '" DATE "'");
  exec_ok (w->db_a,
    "INSERT INTO order_lines (order_id, item_id, qty_milli, unit_qty_milli) "
    "  SELECT o.id, i.id, 5000, 5000 FROM orders o, items i WHERE o.delivery_date = '" DATE "'");
  exec_ok (w->db_a, "UPDATE order_lines SET qty_milli = 6000, unit_qty_milli = 6000");
  exec_ok (w->db_a, "UPDATE orders SET status = 'submitted', version = version + 1");
  /* the client writes "root"; the database records the login */
  sql = g_strdup_printf ("INSERT INTO order_audit (order_id, at, who, action, version) "
                         "VALUES (%" G_GINT64_FORMAT ", '2026-12-08T08:00:00Z', 'root', 'submit', 2)",
                         order_a);
  exec_ok (w->db_a, sql);
  who = text (w->admin, "SELECT who FROM order_audit WHERE action = 'submit'");
  assert_string_equal (who, w->mgr_a);
  actor = _jc_store_actor (w->db_a);
  assert_string_equal (actor, w->mgr_a);

  exec_ok (w->db_b,
    "INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
    "  SELECT id, '" DATE "', 'draft', '2026-12-08T09:00:00Z' FROM canteens WHERE code = 'cb';"
    "INSERT INTO order_lines (order_id, item_id, qty_milli, unit_qty_milli) "
    "  SELECT o.id, i.id, 7000, 7000 FROM orders o, items i WHERE o.delivery_date = '" DATE "'");
  w->order_b = count (w->admin, "SELECT o.id FROM orders o JOIN canteens c ON c.id = o.canteen_id "
                                "WHERE c.code = 'cb'");
  canteen_b = count (w->admin, "SELECT id FROM canteens WHERE code = 'cb'");
  assert_int_equal (count (w->admin, "SELECT count(*) FROM orders"), 2);
  assert_int_equal (count (w->admin, "SELECT count(*) FROM order_lines"), 2);

  /* A sees only its own order, its own canteen, its own shares */
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM orders"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM order_lines"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM order_audit"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM canteens"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM plan_shares"), 1);
  assert_int_equal (count (w->db_a, "SELECT sum(share_fen) FROM plan_shares"), 500);
  /* …and changes nothing of B's: its rows are not there to change */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE order_lines SET qty_milli = 1 WHERE order_id = %" G_GINT64_FORMAT,
                         w->order_b);
  exec_ok (w->db_a, sql);
  exec_ok (w->db_a, "DELETE FROM orders WHERE canteen_id <> "
                    "(SELECT id FROM canteens WHERE code = 'ca')");
  assert_int_equal (count (w->admin, "SELECT qty_milli FROM order_lines l JOIN orders o "
                                     "ON o.id = l.order_id JOIN canteens c ON c.id = o.canteen_id "
                                     "WHERE c.code = 'cb'"), 7000);
  assert_int_equal (count (w->admin, "SELECT count(*) FROM orders"), 2);
  /* writing a row for B is refused */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
                         "VALUES (%" G_GINT64_FORMAT ", '" MONDAY "', 'draft', 'x')", canteen_b);
  refused (w->db_a, "canteen", sql, "Canteen managers can change only their own canteen's orders");
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO order_lines (order_id, item_id, qty_milli, unit_qty_milli) "
                         "SELECT %" G_GINT64_FORMAT ", id, 1, 1 FROM items", w->order_b);
  refused (w->db_a, "canteen", sql, "Canteen managers can change only their own canteen's orders");
  g_free (sql);
  sql = g_strdup_printf ("UPDATE orders SET canteen_id = %" G_GINT64_FORMAT, canteen_b);
  refused (w->db_a, "canteen", sql, "Canteen managers can change only their own canteen's orders");
  assert_int_equal (count (w->admin, "SELECT count(*) FROM orders"), 2);
}

/* After the cutoff a canteen manager changes nothing of that date; when
 * procurement reopens it (a later cutoff), again.  The default cutoff is
 * the office's time on the last working day before. */
static void
test_cutoff (void **state)
{
  World *w = *state;
  const char *closed = "The order of " DATE " is closed: its cutoff passed at 17:00 on 2026-12-08";

  set_now (w, "2026-12-08 17:30");
  refused (w->db_a, "canteen", "UPDATE order_lines SET qty_milli = 8000", closed);
  refused (w->db_a, "canteen", "UPDATE orders SET status = 'draft'", closed);
  refused (w->db_a, "canteen", "DELETE FROM order_lines", closed);
  assert_int_equal (count (w->admin, "SELECT min(qty_milli) FROM order_lines"), 6000);
  /* procurement still changes it (a late amendment) */
  exec_ok (w->db_buyer, "UPDATE order_lines SET note = 'late' WHERE qty_milli = 6000");

  /* reopened: procurement sets a later cutoff */
  exec_ok (w->db_buyer, "UPDATE order_cutoffs SET cutoff_at = '2026-12-08T18:00' "
                        "WHERE delivery_date = '" DATE "'");
  exec_ok (w->db_a, "UPDATE order_lines SET qty_milli = 8000");
  assert_int_equal (count (w->admin, "SELECT max(qty_milli) FROM order_lines"), 8000);

  /* the default: Friday 14:00 for a Monday; the settings move it, a
   * calendar holiday on Friday moves it to Thursday */
  set_now (w, "2026-12-11 13:59");
  exec_ok (w->db_a, "INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
                    "SELECT id, '" MONDAY "', 'draft', 'x' FROM canteens WHERE code = 'ca'");
  set_now (w, "2026-12-11 14:00");   /* open until the minute has passed, as in jc-orders.c */
  exec_ok (w->db_a, "UPDATE orders SET version = 2 WHERE delivery_date = '" MONDAY "'");
  set_now (w, "2026-12-11 14:01");
  refused (w->db_a, "canteen", "UPDATE orders SET version = 2 WHERE delivery_date = '" MONDAY "'",
           "The order of " MONDAY " is closed: its cutoff passed at 14:00 on 2026-12-11");
  exec_ok (w->db_buyer, "INSERT INTO settings (key, value) VALUES ('cutoff_time', '16:30')");
  exec_ok (w->db_a, "UPDATE orders SET version = 3 WHERE delivery_date = '" MONDAY "'");
  exec_ok (w->db_buyer, "INSERT INTO calendar_entries (date, kind) VALUES ('2026-12-11', 'holiday')");
  refused (w->db_a, "canteen", "UPDATE orders SET version = 4 WHERE delivery_date = '" MONDAY "'",
           "The order of " MONDAY " is closed: its cutoff passed at 16:30 on 2026-12-10");

  /* a client cannot move the database's clock: jicai_now() is the
   * administrator's */
  refused (w->db_a, "canteen",
           "CREATE OR REPLACE FUNCTION jicai_now () RETURNS timestamp LANGUAGE sql "
           "AS $$ SELECT timestamp '2000-01-01' $$",
           "Canteen managers can change only their own canteen's orders; the catalog, prices, "
           "plans, purchases and vehicles are procurement's");
  set_now (w, "2026-12-08 16:00");
}

/* A canteen manager reads the catalog and the market prices and touches
 * nothing of procurement's. */
static void
test_canteen_not_procurement (void **state)
{
  World *w = *state;
  const char *not_theirs = "Canteen managers can change only their own canteen's orders; the "
                           "catalog, prices, plans, purchases and vehicles are procurement's";
  const char *const writes[] = {
    "UPDATE prices SET avg_milliyuan = 1",
    "INSERT INTO prices (source_id, date, market_name, unit, low_milliyuan, avg_milliyuan, "
    "  high_milliyuan) SELECT id, '2026-12-08', '白菜', 'kg', 1, 1, 1 FROM price_sources",
    "UPDATE plans SET total_cost_fen = 0",
    "DELETE FROM plan_shares",
    "INSERT INTO purchases (delivery_date, item_id, qty_milli, price_milliyuan, cost_fen, "
    "  recorded_at, recorded_by) SELECT '" LOCKED "', id, 1, 1, 1, 'x', 'x' FROM items",
    "UPDATE vehicles SET capacity_kg = 1",
    "UPDATE items SET name = 'x'",
    "INSERT INTO categories (code, name, position) VALUES ('x', 'x', 9)",
    "UPDATE canteens SET name = 'x'",
    "UPDATE order_cutoffs SET cutoff_at = '2026-12-09T23:00'",
    "INSERT INTO calendar_entries (date, kind) VALUES ('2026-12-08', 'workday')",
    "UPDATE settings SET value = '23:59'",
    "INSERT INTO plan_audit (delivery_date, at, who, action) VALUES ('x', 'x', 'x', 'lock')",
    "SELECT credentials FROM price_sources",
    "SELECT count(*) FROM vehicles",
    "SELECT count(*) FROM purchases",
    "SELECT count(*) FROM plan_lines",
    "SELECT count(*) FROM users",
  };

  assert_int_equal (count (w->db_a, "SELECT count(*) FROM items"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM categories"), 7);
  assert_int_equal (count (w->db_a, "SELECT avg_milliyuan FROM prices"), 1200);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM price_sources WHERE enabled = 1"), 1);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM plans"), 1);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    refused (w->db_a, "canteen", writes[i], not_theirs);
}

/* Reviewers read everything and write nothing. */
static void
test_reviewer (void **state)
{
  World *w = *state;
  const char *read_only = "Reviewers can read but not change anything";
  const char *const tables[] = { "orders", "order_lines", "order_audit", "canteens", "prices",
                                 "plan_shares", "users", "vehicles", "price_sources" };
  const char *const writes[] = {
    "UPDATE orders SET version = version + 1",
    "DELETE FROM order_lines",
    ("INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
     "  SELECT id, '2026-12-30', 'draft', 'x' FROM canteens"),
    "UPDATE prices SET avg_milliyuan = 1",
    "UPDATE plans SET total_cost_fen = 0",
    "UPDATE vehicles SET capacity_kg = 1",
    "UPDATE items SET name = 'x'",
    "DELETE FROM users",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      assert_int_equal (count (w->db_reviewer, sql), count (w->admin, sql));
    }
  assert_int_equal (count (w->db_reviewer, "SELECT count(*) FROM orders"), 3);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    refused (w->db_reviewer, "reviewer", writes[i], read_only);
}

/* Procurement: every row, every table; its history entries say who. */
static void
test_procurement (void **state)
{
  World *w = *state;
  g_autofree char *who = NULL;

  assert_int_equal (count (w->db_buyer, "SELECT count(*) FROM orders"), 3);
  exec_ok (w->db_buyer,
    "UPDATE prices SET avg_milliyuan = 1300;"
    "UPDATE vehicles SET capacity_kg = 2500;"
    "UPDATE items SET pinyin = 'baicai';"
    "INSERT INTO purchases (delivery_date, item_id, qty_milli, price_milliyuan, cost_fen, "
    "  recorded_at, recorded_by) SELECT '" LOCKED "', id, 2000, 1300, 260, 'x', 'root' FROM items;"
    "INSERT INTO plan_audit (delivery_date, at, who, action) VALUES ('" LOCKED "', 'x', 'root', 'lock');"
    "UPDATE orders SET status = 'locked' WHERE delivery_date = '" DATE "'");
  who = text (w->admin, "SELECT who FROM plan_audit");
  assert_string_equal (who, w->buyer);
  g_free (who);
  who = text (w->admin, "SELECT recorded_by FROM purchases");
  assert_string_equal (who, w->buyer);
  g_free (who);
  /* the administrator's own sessions (a copy, a restore) keep what they write */
  exec_ok (w->admin, "INSERT INTO plan_audit (delivery_date, at, who, action) "
                     "VALUES ('" LOCKED "', 'y', 'copied', 'unlock')");
  who = text (w->admin, "SELECT who FROM plan_audit WHERE at = 'y'");
  assert_string_equal (who, "copied");
}

/* The backup role reads every row of every table (row-level security
 * would silently leave rows out of a dump made by any other role). */
static void
test_backup (void **state)
{
  World *w = *state;
  g_autoptr(JcDb) dump = connect_as (w, w->dumper);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = '%s' ORDER BY 1", w->schema);
  JcDbStmt *stmt = jc_db_stmt_new (w->admin, sql, &error);
  guint n = 0;

  exec_printf (dump, "SET ROLE %s_backup", w->prefix);
  assert_non_null (stmt);
  while (jc_db_step (stmt, &error) == JC_DB_ROW)
    {
      g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM %s",
                                            jc_db_column_text (stmt, 0));

      assert_int_equal (count (dump, q), count (w->admin, q));
      n++;
    }
  assert_null (error);
  jc_db_stmt_free (stmt);
  assert_true (n > 20);
  assert_int_equal (count (dump, "SELECT count(*) FROM orders"), 3);
  assert_int_equal (count (w->db_a, "SELECT count(*) FROM orders"), 2);
  refused (dump, NULL, "UPDATE orders SET version = 9",
           "This database user has no role in jicai; ask the administrator of the office "
           "database to add it with “jicai-cli users add”");
}

/* A canteen deactivated: its manager reads and writes none of its rows
 * until it is active again. */
static void
test_deactivated (void **state)
{
  World *w = *state;
  g_autofree char *sql = NULL;

  assert_int_equal (count (w->db_b, "SELECT count(*) FROM orders"), 1);
  exec_ok (w->db_buyer, "UPDATE canteens SET active = 0 WHERE code = 'cb'");
  assert_int_equal (count (w->db_b, "SELECT count(*) FROM orders"), 0);
  assert_int_equal (count (w->db_b, "SELECT count(*) FROM canteens"), 0);
  sql = g_strdup_printf ("INSERT INTO orders (canteen_id, delivery_date, status, updated_at) "
                         "VALUES (%" G_GINT64_FORMAT ", '2026-12-30', 'draft', 'x')",
                         count (w->admin, "SELECT id FROM canteens WHERE code = 'cb'"));
  refused (w->db_b, "canteen", sql, "Canteen managers can change only their own canteen's orders");
  exec_ok (w->db_buyer, "UPDATE canteens SET active = 1 WHERE code = 'cb'");
  assert_int_equal (count (w->db_b, "SELECT count(*) FROM orders"), 1);
}

/* A password of printable ASCII travels as its SCRAM verifier, the one
 * PostgreSQL would make (computed with Python's hashlib for this salt);
 * another password as typed, and both log in. */
static void
test_passwords (void **state)
{
  World *w = *state;
  const guint8 salt[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
  g_autofree char *verifier = _jc_store_pg_scram_verifier ("pencil", salt, sizeof salt);
  g_autofree char *name = g_strdup_printf ("%s_zh", w->reviewer);
  g_autofree char *escaped = g_uri_escape_string ("口令 Ünïcode", NULL, FALSE);
  g_autofree char *uri = g_strdup_printf ("postgresql://%s:%s@%s:%s/%s", name, escaped, w->host,
                                          w->port, w->dbname);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  assert_string_equal (verifier, "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$zHCdol2044/ZyWzPLi7oxApCkamKw9Z+E4U/QApd/5Y=:dd5peBOitVnLNFu7VmwP+HiDaaw4OUCv396eVCWhYiE=");
  if (!_jc_store_pg_user_add (w->db_buyer, name, "reviewer", NULL, "口令 Ünïcode", &error))
    fail_msg ("%s", error->message);
  {
    g_autoptr(JcDb) db = jc_db_open (uri, JC_DB_OPEN_DEFAULT, &error);

    if (db == NULL)
      fail_msg ("%s", error->message);
  }
  sql = g_strdup_printf ("SELECT count(*) FROM pg_authid WHERE rolname IN ('%s', '%s') "
                         "AND rolpassword LIKE 'SCRAM-SHA-256$4096:%%'", name, w->mgr_a);
  assert_int_equal (count (w->admin, sql), 2);
  if (!_jc_store_pg_user_remove (w->db_buyer, name, &error))
    fail_msg ("%s", error->message);
}

/* The sentences of refusals that are none, and of the SQLite engine. */
static void
test_sentences (void **state)
{
  g_autofree char *s = NULL;

  (void) state;
  assert_null (_jc_store_pg_denied_text ("23505", "duplicate key", "canteen"));
  assert_null (_jc_store_pg_denied_text (NULL, "syntax error at or near", "canteen"));
  s = _jc_store_pg_denied_text (NULL, "The database refused a query: the order of 2026-12-09 is "
                                      "closed: its cutoff passed at 2026-12-08T17:00", "canteen");
  assert_string_equal (s, "The order of 2026-12-09 is closed: its cutoff passed at 17:00 on "
                          "2026-12-08");
}

/* jicai-cli users add/list/remove on the office database, as procurement,
 * the password on stdin. */
static void
test_cli (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("postgresql://%s:pw-%s@%s:%s/%s?options=-csearch_path%%3D%s",
                                          w->buyer, w->buyer, w->host, w->port, w->dbname, w->schema);
  g_autofree char *name = g_strdup_printf ("%s_cli", w->reviewer);
  const char *cli = g_getenv ("JICAI_CLI");
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) users = NULL;

  if (cli == NULL)
    skip ();
  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                        G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        cli, "--db", uri, "users", "add", name, "--role", "reviewer", NULL);
  assert_non_null (p);
  assert_true (g_subprocess_communicate_utf8 (p, "cli-secret\n", NULL, &out, &err, &error));
  if (g_subprocess_get_exit_status (p) != 0)
    fail_msg ("users add: %s", err);
  assert_contains (out, name);
  assert_null (strstr (out, "cli-secret"));
  g_clear_object (&p);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* the new login logs in with the password given on stdin */
  {
    g_autofree char *login = g_strdup_printf ("postgresql://%s:cli-secret@%s:%s/%s", name,
                                              w->host, w->port, w->dbname);
    g_autoptr(JcDb) db = jc_db_open (login, JC_DB_OPEN_DEFAULT, &error);

    if (db == NULL)
      fail_msg ("%s", error->message);
  }

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        cli, "--db", uri, "users", "list", "--json", NULL);
  assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error));
  assert_int_equal (g_subprocess_get_exit_status (p), 0);
  {
    g_autofree char *entry = g_strdup_printf ("{\"name\":\"%s\",\"role\":\"reviewer\","
                                              "\"canteen\":\"\"}", name);
    g_autofree char *compact = g_strdelimit (g_strdup (out), "\n\t ", '\x01');
    g_autoptr(GString) squeezed = g_string_new (NULL);

    for (const char *c = compact; *c; c++)
      if (*c != '\x01')
        g_string_append_c (squeezed, *c);
    assert_contains (squeezed->str, entry);
  }
  g_clear_object (&p);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                        cli, "--db", uri, "users", "remove", name, NULL);
  assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error));
  assert_int_equal (g_subprocess_get_exit_status (p), 0);
  users = _jc_store_pg_user_list (w->admin, &error);
  for (guint i = 0; i < users->len; i++)
    assert_string_not_equal (((JcStoreUser *) g_ptr_array_index (users, i))->name, name);
}

/* On a database file: roles need the office database; nothing created. */
static void
test_sqlite (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "desk.jicai", NULL);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("JICAI_CLI");
  const char *const commands[][6] = {
    { "users", "list", NULL },
    { "users", "list", "--json", NULL },
    { "users", "remove", "wang", NULL },
    { "users", "add", "wang", "--role", "reviewer", NULL },
    { "users", "setup", NULL },
  };

  (void) state;
  assert_null (jc_store_users_list (path, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED);
  assert_contains (error->message, "Users and roles need the office database");
  g_clear_error (&error);
  {
    g_autoptr(JcDb) db = jc_db_open (path, JC_DB_OPEN_CREATE, &error);
    g_autofree char *actor = NULL;

    assert_non_null (db);
    assert_false (_jc_store_pg_install_roles (db, &error));
    assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED);
    g_clear_error (&error);
    actor = _jc_store_actor (db);
    assert_string_equal (actor, g_get_user_name ());
  }
  g_unlink (path);
  for (guint i = 0; cli != NULL && i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr(GSubprocess) p = NULL;

      g_ptr_array_add (argv, (gpointer) cli);
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, path);
      for (guint j = 0; commands[i][j] != NULL; j++)
        g_ptr_array_add (argv, (gpointer) commands[i][j]);
      g_ptr_array_add (argv, NULL);
      p = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                             G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                             &error);
      assert_non_null (p);
      assert_true (g_subprocess_communicate_utf8 (p, "pw\n", NULL, &out, &err, &error));
      assert_int_equal (g_subprocess_get_exit_status (p), 1);
      assert_string_equal (out, "");
      assert_contains (err, "Users and roles need the office database (PostgreSQL)");
      assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  jc_test_rmtree (dir);
}

int
main (int    argc,
      char **argv)
{
  const struct CMUnitTest pg_tests[] = {
    cmocka_unit_test (test_users),
    cmocka_unit_test (test_canteen_orders),
    cmocka_unit_test (test_cutoff),
    cmocka_unit_test (test_canteen_not_procurement),
    cmocka_unit_test (test_reviewer),
    cmocka_unit_test (test_procurement),
    cmocka_unit_test (test_backup),
    cmocka_unit_test (test_deactivated),
    cmocka_unit_test (test_passwords),
    cmocka_unit_test (test_sentences),
    cmocka_unit_test (test_cli),
  };
  const struct CMUnitTest sqlite_tests[] = {
    cmocka_unit_test (test_sqlite),
  };
  const char *engine = argc > 1 ? argv[1] : "sqlite";

  if (!g_str_equal (engine, "postgresql"))
    return cmocka_run_group_tests_name ("roles (SQLite)", sqlite_tests, NULL, NULL);
  pg_location = jc_test_pg_server_or_exit ("the roles of the office database");
  return cmocka_run_group_tests_name ("roles (PostgreSQL)", pg_tests, group_setup, group_teardown);
}
