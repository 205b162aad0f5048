/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-schema.c: the schema of the database as numbered migrations
 * (jc-store.c runs them).  The tables' constraints, CHECKs and
 * triggers are the database's own defences and live here; what the
 * application decides does not. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include "jc-store-schema.h"

/* What a plan line is priced and bought at, the same for the lines of a
 * locked plan (4) and its supplementary lines (6).  Part of two released
 * migrations: never edit it either. */
#define PLAN_LINE_COLUMNS \
  "  demand_milli BIGINT NOT NULL," \
  "  loss_permille INTEGER NOT NULL," \
  "  pack_milli BIGINT NOT NULL," \
  "  gross_milli BIGINT NOT NULL," \
  "  packs BIGINT NOT NULL," \
  "  purchase_milli BIGINT NOT NULL," \
  "  price_milliyuan BIGINT," \
  "  price_date TEXT NOT NULL DEFAULT ''," \
  "  stale INTEGER NOT NULL DEFAULT 0," \
  "  cost_fen BIGINT NOT NULL,"

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
  PLAN_LINE_COLUMNS
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
  PLAN_LINE_COLUMNS
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
  /* 10: large imports staged in bounded transactions (issue 13 item 6).
   * An import's quotes are written under its fetch log id while a row of
   * price_imports names it: every reader leaves them out until the import
   * is published, in one short transaction that applies the changed
   * quotes staged in price_import_changes (the last change of each)
   * and deletes its price_imports row; their revisions, written while
   * staging, are hidden until then like the quotes.  host, pid and beat (Unix seconds of its last chunk) tell a
   * running import from one that was killed, whose rows the next open or
   * import removes, with the source made for it (new_source_id). */
  "CREATE TABLE price_imports ("
  "  fetch_id INTEGER PRIMARY KEY REFERENCES fetch_log (id) ON DELETE CASCADE,"
  "  new_source_id INTEGER,"
  "  host TEXT NOT NULL,"
  "  pid INTEGER NOT NULL,"
  "  beat BIGINT NOT NULL);"
  "CREATE TABLE price_import_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  price_id INTEGER NOT NULL REFERENCES prices (id) ON DELETE CASCADE,"
  "  fetch_id INTEGER NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  low_milliyuan BIGINT NOT NULL,"
  "  avg_milliyuan BIGINT NOT NULL,"
  "  high_milliyuan BIGINT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  item_id INTEGER,"
  "  base_low BIGINT,"
  "  base_avg BIGINT,"
  "  base_high BIGINT,"
  "  quoted_per TEXT NOT NULL,"
  "  held INTEGER NOT NULL,"
  "  held_median BIGINT,"
  "  low_exact TEXT,"
  "  avg_exact TEXT,"
  "  high_exact TEXT);"
  "CREATE INDEX price_import_changes_price ON price_import_changes (price_id);"
  "CREATE INDEX price_revisions_fetch ON price_revisions (fetch_id) WHERE fetch_id IS NOT NULL;"
  "CREATE INDEX prices_fetch ON prices (fetch_id) WHERE fetch_id IS NOT NULL;",
};

guint
_jc_store_schema_n_migrations (void)
{
  return G_N_ELEMENTS (migrations);
}

/* The SQL that moves the schema from `version` - 1 to `version`. */
const char *
_jc_store_schema_migration (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= G_N_ELEMENTS (migrations), NULL);
  return migrations[version - 1];
}

