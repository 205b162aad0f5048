/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store.c: opening, refusing, migrating; settings; master data. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-error.h"
#include "jc-output.h"
#include "jc-pinyin.h"
#include "jc-store-private.h"

struct _JcStore {
  sqlite3    *db;
  char       *path;
  int         schema_version;
  GHashTable *stmts;  /* SQL text → sqlite3_stmt, prepared once */
  GArray     *units;  /* gboolean per open savepoint: a transaction of its own? */
  gboolean    protected;  /* its files are refused as export targets */
};

/* Numbered migrations.  Each moves the schema from version N-1 to N in one
 * transaction.  Never edit a released one: add the next. */
static const char *migrations[] = {
  /* 1: master data */
  "CREATE TABLE schema_version (version INTEGER NOT NULL);"
  "INSERT INTO schema_version (version) VALUES (0);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE categories ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE,"
  "  position INTEGER NOT NULL);"
  "INSERT INTO categories (code, name, position) VALUES"
  "  ('veg', '蔬菜', 1), ('fruit', '水果', 2), ('meat', '肉禽蛋', 3),"
  "  ('aquatic', '水产', 4), ('soy', '豆制品', 5), ('grain', '粮油', 6),"
  "  ('condiment', '调料', 7);"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL REFERENCES categories (id),"
  "  pinyin TEXT NOT NULL DEFAULT '',"
  "  base_unit TEXT NOT NULL CHECK (base_unit IN ('kg', 'piece', 'L')),"
  "  pack_milli BIGINT CHECK (pack_milli IS NULL OR pack_milli > 0),"
  "  piece_mass_g BIGINT CHECK (piece_mass_g IS NULL OR piece_mass_g > 0),"
  "  loss_permille INTEGER NOT NULL DEFAULT 0 CHECK (loss_permille BETWEEN 0 AND 999),"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE item_aliases ("
  "  alias TEXT PRIMARY KEY,"
  "  item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE);"
  "CREATE INDEX item_aliases_item ON item_aliases (item_id);"
  "CREATE TABLE canteens ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  agency TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  lat DOUBLE PRECISION NOT NULL,"
  "  lon DOUBLE PRECISION NOT NULL,"
  "  window_start INTEGER NOT NULL,"
  "  window_end INTEGER NOT NULL,"
  "  diners INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (window_end > window_start));"
  "CREATE TABLE vehicles ("
  "  id INTEGER PRIMARY KEY,"
  "  plate TEXT NOT NULL UNIQUE,"
  "  capacity_kg BIGINT NOT NULL CHECK (capacity_kg > 0),"
  "  depot TEXT NOT NULL DEFAULT '',"
  "  depot_lat DOUBLE PRECISION NOT NULL,"
  "  depot_lon DOUBLE PRECISION NOT NULL,"
  "  start_time INTEGER NOT NULL,"
  "  speed_kmh INTEGER NOT NULL,"
  "  service_min INTEGER NOT NULL,"
  "  active INTEGER NOT NULL DEFAULT 1);",

  /* 2: price sources; market quotes as fetched, mapped to items and
   * normalised per base unit; their revisions; the fetch log */
  "CREATE TABLE price_sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  adapter TEXT NOT NULL,"
  "  url TEXT NOT NULL,"
  "  params TEXT NOT NULL DEFAULT '',"
  "  credentials TEXT NOT NULL DEFAULT '',"
  "  priority INTEGER NOT NULL DEFAULT 100,"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  schedule TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE fetch_log ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES price_sources (id) ON DELETE SET NULL,"
  "  source_name TEXT NOT NULL,"
  "  started_at TEXT NOT NULL,"
  "  finished_at TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'cancelled')),"
  "  rows_seen INTEGER NOT NULL DEFAULT 0,"
  "  rows_new INTEGER NOT NULL DEFAULT 0,"
  "  rows_changed INTEGER NOT NULL DEFAULT 0,"
  "  rows_same INTEGER NOT NULL DEFAULT 0,"
  "  rows_rejected INTEGER NOT NULL DEFAULT 0,"
  "  rows_duplicate INTEGER NOT NULL DEFAULT 0,"
  "  rows_unmapped INTEGER NOT NULL DEFAULT 0,"
  "  rejects TEXT NOT NULL DEFAULT '',"
  "  message TEXT NOT NULL DEFAULT '');"
  "CREATE TABLE prices ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES price_sources (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  market_name TEXT NOT NULL,"
  "  spec TEXT NOT NULL DEFAULT '',"
  "  origin TEXT NOT NULL DEFAULT '',"
  "  unit TEXT NOT NULL,"
  "  unit_milli_kg BIGINT NOT NULL DEFAULT 0,"
  "  category TEXT NOT NULL DEFAULT '',"
  "  low_milliyuan BIGINT NOT NULL,"
  "  avg_milliyuan BIGINT NOT NULL,"
  "  high_milliyuan BIGINT NOT NULL,"
  "  item_id INTEGER REFERENCES items (id),"
  "  base_low BIGINT,"
  "  base_avg BIGINT,"
  "  base_high BIGINT,"
  "  fetch_id INTEGER,"
  "  UNIQUE (market_name, source_id, date, spec, origin, unit),"
  "  CHECK (low_milliyuan <= avg_milliyuan AND avg_milliyuan <= high_milliyuan));"
  "CREATE INDEX prices_item_date ON prices (item_id, date) WHERE item_id IS NOT NULL;"
  "CREATE INDEX prices_date ON prices (date) WHERE item_id IS NOT NULL;"
  "CREATE TABLE price_revisions ("
  "  id INTEGER PRIMARY KEY,"
  "  price_id INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,"
  "  fetch_id INTEGER,"
  "  changed_at TEXT NOT NULL,"
  "  old_low BIGINT NOT NULL,"
  "  old_avg BIGINT NOT NULL,"
  "  old_high BIGINT NOT NULL,"
  "  new_low BIGINT NOT NULL,"
  "  new_avg BIGINT NOT NULL,"
  "  new_high BIGINT NOT NULL);",

  /* 3: orders, their lines, their audit trail, cutoffs */
  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  canteen_id INTEGER NOT NULL REFERENCES canteens (id),"
  "  delivery_date TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'locked')),"
  "  version INTEGER NOT NULL DEFAULT 1,"
  "  created_at TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL,"
  "  submitted_at TEXT NOT NULL DEFAULT '',"
  "  late INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (canteen_id, delivery_date));"
  "CREATE INDEX orders_date ON orders (delivery_date);"
  "CREATE TABLE order_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES items (id),"
  "  qty_milli BIGINT NOT NULL CHECK (qty_milli >= 0),"
  "  unit TEXT NOT NULL DEFAULT '',"
  "  unit_qty_milli BIGINT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (order_id, item_id));"
  "CREATE INDEX order_lines_item ON order_lines (item_id);"
  "CREATE TABLE order_audit ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  item_id INTEGER REFERENCES items (id),"
  "  before TEXT NOT NULL DEFAULT '',"
  "  after TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  version INTEGER NOT NULL);"
  "CREATE INDEX order_audit_order ON order_audit (order_id);"
  "CREATE TABLE order_cutoffs ("
  "  delivery_date TEXT PRIMARY KEY,"
  "  cutoff_at TEXT NOT NULL);",

  /* 4: locked purchase plans (a snapshot of the plan at lock), actual
   * purchases, and the plan's audit trail */
  "CREATE TABLE plans ("
  "  delivery_date TEXT PRIMARY KEY,"
  "  locked_at TEXT NOT NULL,"
  "  locked_by TEXT NOT NULL,"
  "  stale_days INTEGER NOT NULL,"
  "  total_cost_fen BIGINT NOT NULL);"
  "CREATE TABLE plan_lines ("
  "  delivery_date TEXT NOT NULL REFERENCES plans (delivery_date) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES items (id),"
  "  demand_milli BIGINT NOT NULL,"
  "  loss_permille INTEGER NOT NULL,"
  "  pack_milli BIGINT NOT NULL,"
  "  gross_milli BIGINT NOT NULL,"
  "  packs BIGINT NOT NULL,"
  "  purchase_milli BIGINT NOT NULL,"
  "  price_milliyuan BIGINT,"
  "  price_date TEXT NOT NULL DEFAULT '',"
  "  stale INTEGER NOT NULL DEFAULT 0,"
  "  cost_fen BIGINT NOT NULL,"
  "  PRIMARY KEY (delivery_date, item_id));"
  "CREATE TABLE plan_shares ("
  "  delivery_date TEXT NOT NULL,"
  "  item_id INTEGER NOT NULL,"
  "  canteen_id INTEGER NOT NULL REFERENCES canteens (id),"
  "  qty_milli BIGINT NOT NULL,"
  "  share_fen BIGINT NOT NULL,"
  "  PRIMARY KEY (delivery_date, item_id, canteen_id),"
  "  FOREIGN KEY (delivery_date, item_id) REFERENCES plan_lines (delivery_date, item_id) "
  "    ON DELETE CASCADE);"
  "CREATE INDEX plan_shares_canteen ON plan_shares (canteen_id, delivery_date);"
  "CREATE TABLE purchases ("
  "  delivery_date TEXT NOT NULL,"
  "  item_id INTEGER NOT NULL,"
  "  qty_milli BIGINT NOT NULL CHECK (qty_milli >= 0),"
  "  price_milliyuan BIGINT NOT NULL CHECK (price_milliyuan >= 0),"
  "  cost_fen BIGINT NOT NULL,"
  "  recorded_at TEXT NOT NULL,"
  "  recorded_by TEXT NOT NULL,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (delivery_date, item_id),"
  "  FOREIGN KEY (delivery_date, item_id) REFERENCES plan_lines (delivery_date, item_id));"
  "CREATE TABLE plan_audit ("
  "  id INTEGER PRIMARY KEY,"
  "  delivery_date TEXT NOT NULL,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  reason TEXT NOT NULL DEFAULT '');",

  /* 5: deliveries — the imported distance matrix (keys are canteen codes
   * or "depot:NAME"), and the saved delivery plan of each date: its stops
   * (vehicle NULL: unassigned) and the lines each stop part carries, so a
   * split canteen and a stop moved by hand come back as they were */
  "CREATE TABLE delivery_matrix ("
  "  from_key TEXT NOT NULL,"
  "  to_key TEXT NOT NULL,"
  "  distance_m BIGINT NOT NULL CHECK (distance_m >= 0),"
  "  time_s BIGINT CHECK (time_s IS NULL OR time_s >= 0),"
  "  PRIMARY KEY (from_key, to_key));"
  "CREATE TABLE delivery_plans ("
  "  delivery_date TEXT PRIMARY KEY,"
  "  saved_at TEXT NOT NULL,"
  "  saved_by TEXT NOT NULL,"
  "  edited INTEGER NOT NULL DEFAULT 0,"
  "  solve_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,"
  "  detour_permille INTEGER NOT NULL);"
  "CREATE TABLE delivery_stops ("
  "  id INTEGER PRIMARY KEY,"
  "  delivery_date TEXT NOT NULL REFERENCES delivery_plans (delivery_date) ON DELETE CASCADE,"
  "  vehicle_id INTEGER REFERENCES vehicles (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL,"
  "  canteen_id INTEGER NOT NULL REFERENCES canteens (id),"
  "  part INTEGER NOT NULL DEFAULT 1,"
  "  n_parts INTEGER NOT NULL DEFAULT 1,"
  "  CHECK (part BETWEEN 1 AND n_parts));"
  "CREATE INDEX delivery_stops_date ON delivery_stops (delivery_date, vehicle_id, position);"
  "CREATE TABLE delivery_stop_lines ("
  "  stop_id INTEGER NOT NULL REFERENCES delivery_stops (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES items (id),"
  "  qty_milli BIGINT NOT NULL CHECK (qty_milli >= 0),"
  "  PRIMARY KEY (stop_id, item_id));"
  "INSERT INTO settings (key, value) VALUES ('detour_permille', '1300');",

  /* 6: orders accepted after their date's plan was locked (after_lock:
   * pending = not in the locked plan, supplemented = bought as a
   * supplementary purchase, declined = refused with decline_reason), and
   * the supplementary lines of a locked plan, one canteen's late quantity
   * of an item each, priced like the plan, with their own actual purchase */
  "ALTER TABLE orders ADD COLUMN after_lock TEXT NOT NULL DEFAULT '' "
  "  CHECK (after_lock IN ('', 'pending', 'supplemented', 'declined'));"
  "ALTER TABLE orders ADD COLUMN decline_reason TEXT NOT NULL DEFAULT '';"
  "CREATE TABLE plan_supplements ("
  "  id INTEGER PRIMARY KEY,"
  "  delivery_date TEXT NOT NULL REFERENCES plans (delivery_date) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES items (id),"
  "  canteen_id INTEGER NOT NULL REFERENCES canteens (id),"
  "  demand_milli BIGINT NOT NULL,"
  "  loss_permille INTEGER NOT NULL,"
  "  pack_milli BIGINT NOT NULL,"
  "  gross_milli BIGINT NOT NULL,"
  "  packs BIGINT NOT NULL,"
  "  purchase_milli BIGINT NOT NULL,"
  "  price_milliyuan BIGINT,"
  "  price_date TEXT NOT NULL DEFAULT '',"
  "  stale INTEGER NOT NULL DEFAULT 0,"
  "  cost_fen BIGINT NOT NULL,"
  "  added_at TEXT NOT NULL,"
  "  added_by TEXT NOT NULL,"
  "  actual_qty_milli BIGINT CHECK (actual_qty_milli IS NULL OR actual_qty_milli >= 0),"
  "  actual_price_milliyuan BIGINT,"
  "  actual_cost_fen BIGINT,"
  "  recorded_at TEXT NOT NULL DEFAULT '',"
  "  recorded_by TEXT NOT NULL DEFAULT '',"
  "  note TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX plan_supplements_date ON plan_supplements (delivery_date, item_id);",

  /* 7: the office calendar — holidays on weekdays and 调休 working
   * weekends; every other day follows Monday to Friday */
  "CREATE TABLE calendar_entries ("
  "  date TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),"
  "  name TEXT NOT NULL DEFAULT '');",

  /* 8: prices quoted per something else than the unit the source prints
   * (a per-source or every-source override of a market name: 'pack',
   * 'piece' or a stated unit such as '斤' or '5 L'); quotes held for review
   * (far from the item's recent median, or outside the category's range
   * when there is no history) and what was done with them; the category
   * ranges, per base unit, in milli-yuan */
  "CREATE TABLE price_quoted_per ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER REFERENCES price_sources (id) ON DELETE CASCADE,"
  "  market_name TEXT NOT NULL,"
  "  quoted_per TEXT NOT NULL CHECK (quoted_per <> ''));"
  "CREATE UNIQUE INDEX price_quoted_per_key ON price_quoted_per (market_name, COALESCE(source_id, 0));"
  "ALTER TABLE prices ADD COLUMN quoted_per TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE prices ADD COLUMN held INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE prices ADD COLUMN held_median BIGINT;"
  "CREATE INDEX prices_held ON prices (item_id, date) WHERE held = 1;"
  "CREATE TABLE price_ranges ("
  "  category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,"
  "  base_unit TEXT NOT NULL CHECK (base_unit IN ('kg', 'piece', 'L')),"
  "  low_milliyuan BIGINT NOT NULL CHECK (low_milliyuan > 0),"
  "  high_milliyuan BIGINT NOT NULL,"
  "  PRIMARY KEY (category_id, base_unit),"
  "  CHECK (high_milliyuan > low_milliyuan));"
  "INSERT INTO price_ranges (category_id, base_unit, low_milliyuan, high_milliyuan) "
  "  SELECT c.id, r.unit, r.low, r.high FROM categories c JOIN ("
  "    SELECT 'veg' AS cat, 'kg' AS unit, 100 AS low, 100000 AS high"
  "    UNION ALL SELECT 'fruit', 'kg', 200, 200000"
  "    UNION ALL SELECT 'meat', 'kg', 2000, 500000"
  "    UNION ALL SELECT 'aquatic', 'kg', 2000, 1000000"
  "    UNION ALL SELECT 'soy', 'kg', 1000, 100000"
  "    UNION ALL SELECT 'grain', 'kg', 1000, 60000"
  "    UNION ALL SELECT 'grain', 'L', 1000, 60000"
  "    UNION ALL SELECT 'condiment', 'kg', 500, 300000"
  "    UNION ALL SELECT 'condiment', 'L', 500, 300000"
  "    UNION ALL SELECT 'meat', 'piece', 100, 50000"
  "    UNION ALL SELECT 'aquatic', 'piece', 500, 500000"
  "    UNION ALL SELECT 'soy', 'piece', 200, 50000"
  "  ) r ON r.cat = c.code;"
  "CREATE TABLE price_hold_audit ("
  "  id INTEGER PRIMARY KEY,"
  "  price_id INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,"
  "  at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('release', 'convert')),"
  "  quoted_per TEXT NOT NULL DEFAULT '',"
  "  reason TEXT NOT NULL DEFAULT '');",
  /* 9: exact decimals (issue 11 item 3): a quote's low, avg and high as
   * printed ("1.00045", up to nine decimals) so that a name mapped or
   * re-read per another unit later converts the exact figure, NULL in rows
   * stored before; an item's mean piece mass in milligrams (was whole
   * grams), so that 52.5 g is kept exactly. */
  "ALTER TABLE prices ADD COLUMN low_exact TEXT;"
  "ALTER TABLE prices ADD COLUMN avg_exact TEXT;"
  "ALTER TABLE prices ADD COLUMN high_exact TEXT;"
  "ALTER TABLE items ADD COLUMN piece_mass_mg BIGINT "
  "  CHECK (piece_mass_mg IS NULL OR piece_mass_mg > 0);"
  "UPDATE items SET piece_mass_mg = piece_mass_g * 1000 WHERE piece_mass_g IS NOT NULL;"
  "ALTER TABLE items DROP COLUMN piece_mass_g;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == JC_STORE_SCHEMA_VERSION);

static gboolean
set_store_error (GError     **error,
                 int          code,
                 const char  *format,
                 ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_store_error (GError     **error,
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

/* Wraps an SQLite result code in a message a person can act on. */
gboolean
_jc_store_set_error (JcStore    *store,
                     int         rc,
                     const char *what,
                     GError    **error)
{
  const char *msg = store && store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      code = JC_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_NOTADB:
      code = JC_STORE_ERROR_NOT_DATABASE;
      break;
    case SQLITE_READONLY:
      code = JC_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = JC_STORE_ERROR_BUSY;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR:
      code = JC_STORE_ERROR_CANT_OPEN;
      break;
    default:
      code = JC_STORE_ERROR_FAILED;
      break;
    }
  return set_store_error (error, code, "%s: %s", what, msg);
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

  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup (errmsg ? errmsg : sqlite3_errstr (rc));

      sqlite3_free (errmsg);
      return _jc_store_set_error (store, rc, what, error);
    }
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
    return set_store_error (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path,
                            sqlite3_errstr (rc != SQLITE_OK ? rc : SQLITE_CANTOPEN));
  rc = file->pMethods->xFileSize (file, &size);
  if (rc != SQLITE_OK)
    return set_store_error (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path, sqlite3_errstr (rc));
  if (size == 0)
    return TRUE;  /* an empty file: SQLite treats it as a new database */
  if (size < (sqlite3_int64) sizeof buf)
    return set_store_error (error, JC_STORE_ERROR_NOT_DATABASE,
                            _("“%s” is not an SQLite database; it was left untouched"), path);
  rc = file->pMethods->xRead (file, buf, sizeof buf, 0);
  if (rc != SQLITE_OK)
    return set_store_error (error, JC_STORE_ERROR_CANT_OPEN,
                            _("Cannot read the database “%s”: %s"), path, sqlite3_errstr (rc));
  if (memcmp (buf, magic, sizeof magic) != 0)
    return set_store_error (error, JC_STORE_ERROR_NOT_DATABASE,
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
    return set_store_error (error, (rc & 0xff) == SQLITE_CORRUPT ? JC_STORE_ERROR_CORRUPT
                                                                 : JC_STORE_ERROR_NOT_DATABASE,
                            _("The database “%s” is damaged (%s); it was left untouched"),
                            store->path, sqlite3_errstr (rc));
  return _jc_store_set_error (store, rc, store->path, error);
}

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
      if (!_jc_store_exec (store, migrations[v - 1], error) || !_jc_store_exec (store, bump, error) ||
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
  g_return_val_if_fail (version >= 1 && version <= JC_STORE_SCHEMA_VERSION, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_store_error (error, JC_STORE_ERROR_CANT_OPEN,
                       _("“%s” is a folder, not a database file"), path);
      return NULL;
    }
  if (!exists)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          set_store_error (error, JC_STORE_ERROR_CANT_OPEN,
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
      set_store_error (error, JC_STORE_ERROR_CANT_OPEN, _("Cannot open the database “%s”: %s"),
                       path, store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      return NULL;
    }
  if (exists && !check_header (store->db, path, error))
    return NULL;
  if (sqlite3_db_readonly (store->db, "main") == 1)
    {
      set_store_error (error, JC_STORE_ERROR_READ_ONLY,
                       _("The database “%s” is not writable"), path);
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, 5000);

  if (!read_version (store, &current, error))
    return NULL;
  if (current == -2)
    {
      set_store_error (error, JC_STORE_ERROR_NOT_DATABASE,
                       _("“%s” is an SQLite database of another program, not a jicai "
                         "database; it was left untouched"), path);
      return NULL;
    }
  if (current > JC_STORE_SCHEMA_VERSION)
    {
      set_store_error (error, JC_STORE_ERROR_TOO_NEW,
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
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  if (current < 0)
    current = 0;
  store->schema_version = current;
  if (current < version && !migrate (store, current, version, error))
    return NULL;

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
  return _jc_store_exec (store, "BEGIN IMMEDIATE", error);
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
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = _jc_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
jc_store_set_setting (JcStore     *store,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO settings (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  _jc_store_bind_text (stmt, 2, value);
  return _jc_store_step_done (store, stmt, _("Could not save a setting"), error);
}

/* ---- categories ---------------------------------------------------- */

static JcCategory *
category_from_row (sqlite3_stmt *stmt)
{
  JcCategory *c = jc_category_new ();

  c->code = _jc_store_column_dup (stmt, 0);
  c->name = _jc_store_column_dup (stmt, 1);
  c->position = sqlite3_column_int (stmt, 2);
  return c;
}

GPtrArray *
jc_store_list_categories (JcStore  *store,
                          GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT code, name, position FROM categories ORDER BY position, code", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, category_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the categories"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

JcCategory *
jc_store_find_category (JcStore     *store,
                        const char  *code_or_name,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT code, name, position FROM categories WHERE code = ? OR name = ?", error);
  JcCategory *c = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, code_or_name);
  _jc_store_bind_text (stmt, 2, code_or_name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = category_from_row (stmt);
  sqlite3_reset (stmt);
  if (c == NULL)
    g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY,
                 _("category: unknown category “%s”"), code_or_name ? code_or_name : "");
  return c;
}

/* ---- items --------------------------------------------------------- */

#define ITEM_COLUMNS \
  "i.id, i.code, i.name, c.code, i.pinyin, i.base_unit, i.pack_milli, " \
  "i.piece_mass_mg, i.loss_permille, i.active "

static JcItem *
item_from_row (sqlite3_stmt *stmt)
{
  JcItem *item = jc_item_new ();

  item->id = sqlite3_column_int64 (stmt, 0);
  item->code = _jc_store_column_dup (stmt, 1);
  item->name = _jc_store_column_dup (stmt, 2);
  item->category = _jc_store_column_dup (stmt, 3);
  item->pinyin = _jc_store_column_dup (stmt, 4);
  if (!jc_base_unit_from_string ((const char *) sqlite3_column_text (stmt, 5), &item->base_unit))
    item->base_unit = JC_BASE_UNIT_KG;
  item->pack_milli = sqlite3_column_int64 (stmt, 6);
  item->piece_mass_mg = sqlite3_column_int64 (stmt, 7);
  item->loss_permille = sqlite3_column_int (stmt, 8);
  item->active = sqlite3_column_int (stmt, 9) != 0;
  return item;
}

/* Fills in the aliases of `items` (sorted by nothing in particular) with one
 * query rather than one per item. */
static gboolean
load_aliases (JcStore    *store,
              GPtrArray  *items,
              gint64      only_id,
              GError    **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT item_id, alias FROM item_aliases WHERE item_id = ? OR ? = 0 ORDER BY item_id, alias",
    error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_id, &item->id, item);
    }
  sqlite3_bind_int64 (stmt, 1, only_id);
  sqlite3_bind_int64 (stmt, 2, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      JcItem *item = g_hash_table_lookup (by_id, &id);
      GPtrArray *list;

      if (item == NULL)
        continue;
      list = g_hash_table_lookup (lists, &item->id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (lists, &item->id, list);
        }
      g_ptr_array_add (list, _jc_store_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the aliases"), error);
  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JcItem *item = g_hash_table_lookup (by_id, key);
      GPtrArray *list = value;

      g_ptr_array_add (list, NULL);
      g_strfreev (item->aliases);
      item->aliases = (char **) g_ptr_array_steal (list, NULL);
    }
  return TRUE;
}

static GPtrArray *
collect (JcStore        *store,
         sqlite3_stmt   *stmt,
         gpointer      (*from_row) (sqlite3_stmt *),
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
jc_store_list_items (JcStore   *store,
                     gboolean   include_inactive,
                     GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.active = 1 OR ? = 1 ORDER BY c.position, i.code", error);
  g_autoptr(GPtrArray) items = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  items = collect (store, stmt, (gpointer) item_from_row, (GDestroyNotify) jc_item_free,
                   _("Could not read the catalog"), error);
  if (items == NULL || !load_aliases (store, items, 0, error))
    return NULL;
  return g_steal_pointer (&items);
}

static JcItem *
get_item_where (JcStore     *store,
                const char  *sql,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  JcItem *item = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _jc_store_set_error (store, rc, _("Could not read the catalog"), error);
  else if (item == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                 _("No catalog item “%s”"), key ? key : "");
  if (item != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, item);
      if (!load_aliases (store, one, item->id, error))
        g_clear_pointer (&item, jc_item_free);
    }
  return item;
}

JcItem *
jc_store_get_item (JcStore     *store,
                   const char  *code,
                   GError     **error)
{
  return get_item_where (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.code = ?", code, error);
}

JcItem *
jc_store_find_item_by_name (JcStore     *store,
                            const char  *name_or_alias,
                            GError     **error)
{
  return get_item_where (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.id = COALESCE ((SELECT MIN(x.id) FROM items x WHERE x.name = ?1),"
    "                       (SELECT a.item_id FROM item_aliases a WHERE a.alias = ?1))",
    name_or_alias, error);
}

static gboolean
exists (JcStore     *store,
        const char  *sql,
        const char  *key,
        gint64       except_id,
        gboolean    *out,
        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not check for duplicates"), error);
  *out = rc == SQLITE_ROW;
  return TRUE;
}

/* Checks what only the database can: the category exists, code and aliases
 * are not taken by another item. */
static gboolean
check_item (JcStore       *store,
            const JcItem  *item,
            gint64        *category_id,
            GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;

  if (!jc_item_validate (item, error))
    return FALSE;
  stmt = _jc_store_prepare (store, "SELECT id FROM categories WHERE code = ? OR name = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, item->category);
  _jc_store_bind_text (stmt, 2, item->category);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY,
                   _("category: unknown category “%s”"), item->category);
      return FALSE;
    }
  *category_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!exists (store, "SELECT 1 FROM items WHERE code = ? AND id <> ?", item->code, item->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
                   _("code: “%s” is already used by another item"), item->code);
      return FALSE;
    }
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    {
      if (!exists (store, "SELECT 1 FROM item_aliases WHERE alias = ? AND item_id <> ?", *a,
                   item->id, &dup, error))
        return FALSE;
      if (dup)
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_ALIASES,
                       _("aliases: “%s” already names another item"), *a);
          return FALSE;
        }
      for (char **b = item->aliases; b != a; b++)
        if (g_str_equal (*a, *b))
          {
            g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_ALIASES,
                         _("aliases: “%s” is listed twice"), *a);
            return FALSE;
          }
    }
  return TRUE;
}

static void
bind_item (sqlite3_stmt *stmt,
           const JcItem *item,
           gint64        category_id)
{
  g_autofree char *pinyin = NULL;

  if (item->pinyin == NULL || *item->pinyin == '\0')
    pinyin = jc_pinyin_initials (item->name);
  else
    pinyin = g_strdup (item->pinyin);
  _jc_store_bind_text (stmt, 1, item->code);
  _jc_store_bind_text (stmt, 2, item->name);
  sqlite3_bind_int64 (stmt, 3, category_id);
  _jc_store_bind_text (stmt, 4, pinyin);
  _jc_store_bind_text (stmt, 5, jc_base_unit_to_string (item->base_unit));
  if (item->pack_milli > 0)
    sqlite3_bind_int64 (stmt, 6, item->pack_milli);
  else
    sqlite3_bind_null (stmt, 6);
  if (item->piece_mass_mg > 0)
    sqlite3_bind_int64 (stmt, 7, item->piece_mass_mg);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, item->loss_permille);
  sqlite3_bind_int (stmt, 9, item->active ? 1 : 0);
}

static gboolean
write_aliases (JcStore       *store,
               const JcItem  *item,
               GError       **error)
{
  sqlite3_stmt *del = _jc_store_prepare (store, "DELETE FROM item_aliases WHERE item_id = ?", error);
  sqlite3_stmt *ins;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, item->id);
  if (!_jc_store_step_done (store, del, _("Could not save the aliases"), error))
    return FALSE;
  ins = _jc_store_prepare (store, "INSERT INTO item_aliases (alias, item_id) VALUES (?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    {
      sqlite3_reset (ins);
      _jc_store_bind_text (ins, 1, *a);
      sqlite3_bind_int64 (ins, 2, item->id);
      if (!_jc_store_step_done (store, ins, _("Could not save the aliases"), error))
        return FALSE;
    }
  return TRUE;
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

/**
 * jc_store_insert_item:
 * Validates and stores a new item with its aliases; sets item->id (and
 * item->pinyin when it was empty).
 */
gboolean
jc_store_insert_item (JcStore  *store,
                      JcItem   *item,
                      GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id = 0;
  gboolean ok;

  item->id = 0;
  if (!check_item (store, item, &category_id, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO items (code, name, category_id, pinyin, base_unit, pack_milli, "
    "piece_mass_mg, loss_permille, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_item (stmt, item, category_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        item->id = sqlite3_column_int64 (stmt, 0);
      ok = _jc_store_step_done (store, stmt, _("Could not save the item"), error) && item->id > 0;
    }
  ok = ok && write_aliases (store, item, error);
  if (ok && (item->pinyin == NULL || *item->pinyin == '\0'))
    {
      g_free (item->pinyin);
      item->pinyin = jc_pinyin_initials (item->name);
    }
  if (!ok)
    item->id = 0;
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

gboolean
jc_store_update_item (JcStore       *store,
                      const JcItem  *item,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id = 0;
  gboolean ok;

  g_return_val_if_fail (item->id > 0, FALSE);

  if (!check_item (store, item, &category_id, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "UPDATE items SET code = ?, name = ?, category_id = ?, pinyin = ?, base_unit = ?, "
    "pack_milli = ?, piece_mass_mg = ?, loss_permille = ?, active = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_item (stmt, item, category_id);
      sqlite3_bind_int64 (stmt, 10, item->id);
      ok = _jc_store_step_done (store, stmt, _("Could not save the item"), error);
    }
  if (ok && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                   _("No catalog item “%s”"), item->code);
      ok = FALSE;
    }
  ok = ok && write_aliases (store, item, error);
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

/* Deletes a row that nothing refers to.  A row with history (prices, orders)
 * is refused with IN_USE: deactivating keeps that history readable. */
static gboolean
delete_row (JcStore     *store,
            const char  *sql,
            const char  *key,
            const char  *kind,
            GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return set_store_error (error, JC_STORE_ERROR_IN_USE,
                            _("%s “%s” has history (prices or orders) and cannot be removed; "
                              "deactivate it instead"), kind, key);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, kind, error);
  if (sqlite3_changes (store->db) == 0)
    return set_store_error (error, JC_STORE_ERROR_NOT_FOUND, _("No %s “%s”"), kind, key);
  return TRUE;
}

gboolean
jc_store_delete_item (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  return delete_row (store, "DELETE FROM items WHERE code = ?", code, _("catalog item"), error);
}

/* ---- canteens ------------------------------------------------------ */

#define CANTEEN_COLUMNS \
  "id, code, name, agency, address, lat, lon, window_start, window_end, diners, active "

static JcCanteen *
canteen_from_row (sqlite3_stmt *stmt)
{
  JcCanteen *c = jc_canteen_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->code = _jc_store_column_dup (stmt, 1);
  c->name = _jc_store_column_dup (stmt, 2);
  c->agency = _jc_store_column_dup (stmt, 3);
  c->address = _jc_store_column_dup (stmt, 4);
  c->lat = sqlite3_column_double (stmt, 5);
  c->lon = sqlite3_column_double (stmt, 6);
  c->window_start = sqlite3_column_int (stmt, 7);
  c->window_end = sqlite3_column_int (stmt, 8);
  c->diners = sqlite3_column_int (stmt, 9);
  c->active = sqlite3_column_int (stmt, 10) != 0;
  return c;
}

GPtrArray *
jc_store_list_canteens (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE active = 1 OR ? = 1 ORDER BY code", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  return collect (store, stmt, (gpointer) canteen_from_row, (GDestroyNotify) jc_canteen_free,
                  _("Could not read the canteens"), error);
}

JcCanteen *
jc_store_get_canteen (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE code = ?", error);
  JcCanteen *c = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = canteen_from_row (stmt);
  sqlite3_reset (stmt);
  if (c == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"),
                 code ? code : "");
  return c;
}

static gboolean
write_canteen (JcStore          *store,
               const char       *sql,
               const JcCanteen  *c,
               gint64           *out_id,
               GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;
  int rc;

  if (!jc_canteen_validate (c, error))
    return FALSE;
  if (!exists (store, "SELECT 1 FROM canteens WHERE code = ? AND id <> ?", c->code, c->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
                   _("code: “%s” is already used by another canteen"), c->code);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, c->code);
  _jc_store_bind_text (stmt, 2, c->name);
  _jc_store_bind_text (stmt, 3, c->agency);
  _jc_store_bind_text (stmt, 4, c->address);
  sqlite3_bind_double (stmt, 5, c->lat);
  sqlite3_bind_double (stmt, 6, c->lon);
  sqlite3_bind_int (stmt, 7, c->window_start);
  sqlite3_bind_int (stmt, 8, c->window_end);
  sqlite3_bind_int (stmt, 9, c->diners);
  sqlite3_bind_int (stmt, 10, c->active ? 1 : 0);
  if (out_id == NULL)
    sqlite3_bind_int64 (stmt, 11, c->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not save the canteen"), error);
  if (out_id == NULL && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"), c->code);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_store_insert_canteen (JcStore    *store,
                         JcCanteen  *canteen,
                         GError    **error)
{
  gint64 id = 0;

  canteen->id = 0;
  if (!write_canteen (store,
        "INSERT INTO canteens (code, name, agency, address, lat, lon, window_start, "
        "window_end, diners, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        canteen, &id, error))
    return FALSE;
  canteen->id = id;
  return TRUE;
}

gboolean
jc_store_update_canteen (JcStore          *store,
                         const JcCanteen  *canteen,
                         GError          **error)
{
  g_return_val_if_fail (canteen->id > 0, FALSE);

  return write_canteen (store,
    "UPDATE canteens SET code = ?, name = ?, agency = ?, address = ?, lat = ?, lon = ?, "
    "window_start = ?, window_end = ?, diners = ?, active = ? WHERE id = ?",
    canteen, NULL, error);
}

gboolean
jc_store_delete_canteen (JcStore     *store,
                         const char  *code,
                         GError     **error)
{
  return delete_row (store, "DELETE FROM canteens WHERE code = ?", code, _("canteen"), error);
}

/* ---- vehicles ------------------------------------------------------ */

#define VEHICLE_COLUMNS \
  "id, plate, capacity_kg, depot, depot_lat, depot_lon, start_time, speed_kmh, service_min, active "

static JcVehicle *
vehicle_from_row (sqlite3_stmt *stmt)
{
  JcVehicle *v = jc_vehicle_new ();

  v->id = sqlite3_column_int64 (stmt, 0);
  v->plate = _jc_store_column_dup (stmt, 1);
  v->capacity_kg = sqlite3_column_int64 (stmt, 2);
  v->depot = _jc_store_column_dup (stmt, 3);
  v->depot_lat = sqlite3_column_double (stmt, 4);
  v->depot_lon = sqlite3_column_double (stmt, 5);
  v->start_time = sqlite3_column_int (stmt, 6);
  v->speed_kmh = sqlite3_column_int (stmt, 7);
  v->service_min = sqlite3_column_int (stmt, 8);
  v->active = sqlite3_column_int (stmt, 9) != 0;
  return v;
}

GPtrArray *
jc_store_list_vehicles (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE active = 1 OR ? = 1 ORDER BY plate", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  return collect (store, stmt, (gpointer) vehicle_from_row, (GDestroyNotify) jc_vehicle_free,
                  _("Could not read the vehicles"), error);
}

JcVehicle *
jc_store_get_vehicle (JcStore     *store,
                      const char  *plate,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE plate = ?", error);
  JcVehicle *v = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, plate);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = vehicle_from_row (stmt);
  sqlite3_reset (stmt);
  if (v == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No vehicle “%s”"),
                 plate ? plate : "");
  return v;
}

static gboolean
write_vehicle (JcStore          *store,
               const char       *sql,
               const JcVehicle  *v,
               gint64           *out_id,
               GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;
  int rc;

  if (!jc_vehicle_validate (v, error))
    return FALSE;
  if (!exists (store, "SELECT 1 FROM vehicles WHERE plate = ? AND id <> ?", v->plate, v->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE,
                   _("plate: “%s” is already used by another vehicle"), v->plate);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, v->plate);
  sqlite3_bind_int64 (stmt, 2, v->capacity_kg);
  _jc_store_bind_text (stmt, 3, v->depot);
  sqlite3_bind_double (stmt, 4, v->depot_lat);
  sqlite3_bind_double (stmt, 5, v->depot_lon);
  sqlite3_bind_int (stmt, 6, v->start_time);
  sqlite3_bind_int (stmt, 7, v->speed_kmh);
  sqlite3_bind_int (stmt, 8, v->service_min);
  sqlite3_bind_int (stmt, 9, v->active ? 1 : 0);
  if (out_id == NULL)
    sqlite3_bind_int64 (stmt, 10, v->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not save the vehicle"), error);
  if (out_id == NULL && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No vehicle “%s”"), v->plate);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_store_insert_vehicle (JcStore    *store,
                         JcVehicle  *vehicle,
                         GError    **error)
{
  gint64 id = 0;

  vehicle->id = 0;
  if (!write_vehicle (store,
        "INSERT INTO vehicles (plate, capacity_kg, depot, depot_lat, depot_lon, start_time, "
        "speed_kmh, service_min, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        vehicle, &id, error))
    return FALSE;
  vehicle->id = id;
  return TRUE;
}

gboolean
jc_store_update_vehicle (JcStore          *store,
                         const JcVehicle  *vehicle,
                         GError          **error)
{
  g_return_val_if_fail (vehicle->id > 0, FALSE);

  return write_vehicle (store,
    "UPDATE vehicles SET plate = ?, capacity_kg = ?, depot = ?, depot_lat = ?, depot_lon = ?, "
    "start_time = ?, speed_kmh = ?, service_min = ?, active = ? WHERE id = ?",
    vehicle, NULL, error);
}

gboolean
jc_store_delete_vehicle (JcStore     *store,
                         const char  *plate,
                         GError     **error)
{
  return delete_row (store, "DELETE FROM vehicles WHERE plate = ?", plate, _("vehicle"), error);
}

/* ---- sources, prices, orders (bulk writers) ------------------------ */

gint64
_jc_store_count (JcStore     *store,
       const char  *sql,
       GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  gint64 n = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _jc_store_set_error (store, rc, _("Could not count"), error);
  return n;
}

gint64
jc_store_count_orders (JcStore  *store,
                       GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM orders", error);
}

gboolean
jc_store_put_order (JcStore                 *store,
                    gint64                   canteen_id,
                    const char              *delivery_date,
                    const char              *status,
                    const JcStoreOrderLine  *lines,
                    guint                    n_lines,
                    GError                 **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  gint64 order_id = 0;
  gboolean ok;

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO orders (canteen_id, delivery_date, status, version, created_at, updated_at, "
    "submitted_at) VALUES (?, ?, ?, 1, ?4, ?4, CASE WHEN ?3 = 'draft' THEN '' ELSE ?4 END) "
    "RETURNING id", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, canteen_id);
      _jc_store_bind_text (stmt, 2, delivery_date);
      _jc_store_bind_text (stmt, 3, status);
      _jc_store_bind_text (stmt, 4, stamp);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        order_id = sqlite3_column_int64 (stmt, 0);
      ok = _jc_store_step_done (store, stmt, _("Could not save the order"), error) && order_id > 0;
    }
  if (ok)
    stmt = _jc_store_prepare (store,
      "INSERT INTO order_lines (order_id, item_id, qty_milli, unit, unit_qty_milli) "
      "VALUES (?, ?, ?, ?, ?)", error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_lines; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_int64 (stmt, 2, lines[i].item_id);
      sqlite3_bind_int64 (stmt, 3, lines[i].qty_milli);
      _jc_store_bind_text (stmt, 4, lines[i].unit);
      sqlite3_bind_int64 (stmt, 5, lines[i].unit ? lines[i].unit_qty_milli : lines[i].qty_milli);
      ok = _jc_store_step_done (store, stmt, _("Could not save an order line"), error);
    }
  return _jc_store_savepoint_end (store, ok, error) && ok;
}
