/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store: opening, refusing what is not ours, migrating, master data. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-error.h"
#include "jc-master-save.h"
#include "jc-prices.h"
#include "jc-store-private.h"
#include "jc-test-store.h"

/* dir, and path: the database's location on the engine of the run */
typedef JcTestDbFile Fixture;

static void
raw_exec (const char *path,
          const char *sql)
{
  jc_test_db_exec (path, sql);
}

static JcItem *
make_item (const char *code,
           const char *name)
{
  JcItem *item = jc_item_new ();

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup ("veg");
  item->base_unit = JC_BASE_UNIT_KG;
  return item;
}

static JcCanteen *
make_canteen (const char *code)
{
  JcCanteen *c = jc_canteen_new ();

  c->code = g_strdup (code);
  c->name = g_strdup ("市财政局食堂");
  c->lat = 31.23;
  c->lon = 121.47;
  c->diners = 300;
  return c;
}

static void
test_new_database (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(GPtrArray) cats = NULL;

  assert_no_error (error);
  assert_non_null (store);
  assert_int_equal (jc_store_get_schema_version (store), JC_STORE_SCHEMA_VERSION);
  assert_true (jc_store_is_empty (store));
  cats = jc_store_list_categories (store, &error);
  assert_int_equal (cats->len, 7);
  assert_string_equal (((JcCategory *) cats->pdata[0])->name, "蔬菜");

  /* the store's own connection enforces foreign keys */
  assert_false (_jc_store_exec (store, "INSERT INTO item_aliases (alias, item_id) "
                                       "VALUES ('nothing', 999)", &error));
  assert_non_null (error);
  {
    g_autofree char *lower = g_ascii_strdown (error->message, -1);

    assert_contains (lower, "foreign key");
  }
  g_clear_error (&error);
  assert_int_equal (jc_test_db_count (f->path, "SELECT COUNT(*) FROM item_aliases"), 0);
  if (!jc_test_store_on_pg ())
    {
      /* the journal mode is the file's: any connection reads it */
      g_autofree char *mode = jc_test_db_text (f->path, "PRAGMA journal_mode");

      assert_string_equal (mode, "wal");
    }
}

static void
test_nested_folder_created (void **state)
{
  Fixture *f = *state;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "jicai.db", NULL);
  g_autoptr(JcStore) store = jc_store_open (nested, NULL);

  jc_test_store_sqlite_only ("the missing folders of a path");
  assert_non_null (store);
  assert_true (g_file_test (nested, G_FILE_TEST_EXISTS));
}

/* A database an older jicai left is upgraded and keeps its data. */
static void
test_old_database_migrated (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;

  jc_test_store_sqlite_only ("migrations 1-9 (PostgreSQL starts at the baseline)");
  {
    g_autoptr(JcStore) old = _jc_store_open_at_version (f->path, 1, &error);

    assert_no_error (error);
    assert_int_equal (jc_store_get_schema_version (old), 1);
    /* as version 1 wrote them: piece masses in whole grams */
    assert_int_equal (jc_test_db_exec (f->path,
                                       "INSERT INTO items (code, name, category_id, pinyin, "
                                       "base_unit, piece_mass_g) VALUES "
                                       "('V001', '大白菜', 1, 'dbc', 'kg', NULL), "
                                       "('M001', '鸡蛋', 3, 'jd', 'piece', 55)"), 2);
    /* version 1 has no price tables yet */
    assert_int_equal (jc_store_count_prices (old, NULL), -1);
  }
  {
    g_autoptr(JcStore) store = jc_store_open (f->path, &error);
    g_autoptr(JcItem) item = NULL;

    assert_no_error (error);
    assert_int_equal (jc_store_get_schema_version (store), JC_STORE_SCHEMA_VERSION);
    item = jc_store_get_item (store, "V001", &error);
    assert_no_error (error);
    assert_string_equal (item->name, "大白菜");
    assert_string_equal (item->pinyin, "dbc");
    assert_int_equal (item->piece_mass_mg, 0);
    g_clear_pointer (&item, jc_item_free);
    /* 55 g is 55000 mg now */
    item = jc_store_get_item (store, "M001", &error);
    assert_no_error (error);
    assert_int_equal (item->piece_mass_mg, 55000);
    assert_int_equal (jc_store_count_prices (store, &error), 0);
    assert_int_equal (jc_store_count_orders (store, &error), 0);
  }
}

static void
assert_refused_untouched (const char *path,
                          int         code,
                          const char *needle)
{
  g_autoptr(GBytes) before = jc_test_read (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  JcStore *store = jc_store_open (path, &error);

  assert_null (store);
  assert_error (error, JC_STORE_ERROR, code);
  assert_contains (error->message, needle);
  after = jc_test_read (path);
  assert_true (g_bytes_equal (before, after));
}

static void
test_newer_database_refused (void **state)
{
  Fixture *f = *state;

  jc_test_store_sqlite_only ("compares the bytes of the file");
  jc_store_free (jc_store_open (f->path, NULL));
  raw_exec (f->path, "UPDATE schema_version SET version = 99");
  assert_refused_untouched (f->path, JC_STORE_ERROR_TOO_NEW, "newer version");
}

static void
test_not_sqlite_refused (void **state)
{
  Fixture *f = *state;

  jc_test_store_sqlite_only ("a file that is not an SQLite database");
  assert_true (g_file_set_contents (f->path, "canteen,date,item\nCT01,2026-01-01,V001\n", -1, NULL));
  assert_refused_untouched (f->path, JC_STORE_ERROR_NOT_DATABASE, "not an SQLite database");
}

static void
test_corrupt_refused (void **state)
{
  Fixture *f = *state;
  g_autofree char *data = NULL;
  gsize len = 0;

  jc_test_store_sqlite_only ("a damaged file");
  {
    g_autoptr(JcStore) store = jc_store_open (f->path, NULL);
    g_autoptr(JcItem) item = make_item ("V001", "大白菜");

    assert_true (jc_store_insert_item (store, item, NULL));
  }
  /* keep the 100-byte header, scramble the schema page behind it */
  assert_true (g_file_get_contents (f->path, &data, &len, NULL));
  assert_true (len > 4096);
  for (gsize i = 100; i < 4096; i++)
    data[i] = (char) (i * 7 + 3);
  assert_true (g_file_set_contents (f->path, data, len, NULL));
  assert_refused_untouched (f->path, JC_STORE_ERROR_CORRUPT, "damaged");
}

static void
test_other_programs_database_refused (void **state)
{
  Fixture *f = *state;

  jc_test_store_sqlite_only ("compares the bytes of the file");
  raw_exec (f->path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)");
  assert_refused_untouched (f->path, JC_STORE_ERROR_NOT_DATABASE, "another program");
}

static void
test_unwritable_path_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "jicai.db", NULL);

  jc_test_store_sqlite_only ("paths");
  /* The tests run as root, so permissions do not stop writes: a path
   * whose parent is a regular file can never be created. */
  assert_true (g_file_set_contents (file, "x", 1, NULL));
  assert_null (jc_store_open (under_file, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN);
  assert_contains (error->message, under_file);
  g_clear_error (&error);

  assert_null (jc_store_open (f->dir, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CANT_OPEN);
  assert_contains (error->message, "folder");
}

static void
test_resolve_path (void **state)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_setenv ("JICAI_DB", "/tmp/env.db", TRUE);
  a = jc_store_resolve_path ("/tmp/cli.db");
  b = jc_store_resolve_path (NULL);
  g_unsetenv ("JICAI_DB");
  c = jc_store_resolve_path (NULL);
  assert_string_equal (a, "/tmp/cli.db");
  assert_string_equal (b, "/tmp/env.db");
  assert_true (g_str_has_suffix (c, "/jicai/jicai.db"));
}

static void
test_items (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) a = make_item ("V001", "大白菜");
  g_autoptr(JcItem) b = make_item ("V002", "菠菜");
  g_autoptr(JcItem) dup = make_item ("V001", "别的");
  g_autoptr(JcItem) got = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_strfreev (a->aliases);
  a->aliases = g_strsplit ("黄心白菜|白菜", "|", -1);
  a->pack_milli = 10000;
  a->loss_permille = 80;
  assert_true (jc_store_insert_item (store, a, &error));
  assert_no_error (error);
  assert_true (a->id > 0);
  assert_true (jc_store_insert_item (store, b, &error));

  /* duplicate code: refused, named, nothing written */
  assert_false (jc_store_insert_item (store, dup, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE);
  assert_contains (error->message, "V001");
  g_clear_error (&error);
  list = jc_store_list_items (store, TRUE, &error);
  assert_int_equal (list->len, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* an alias already naming another item */
  g_free (dup->code);
  dup->code = g_strdup ("V003");
  g_strfreev (dup->aliases);
  dup->aliases = g_strsplit ("白菜", "|", -1);
  assert_false (jc_store_insert_item (store, dup, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_ALIASES);
  g_clear_error (&error);

  /* unknown category */
  g_strfreev (dup->aliases);
  dup->aliases = g_new0 (char *, 1);
  g_free (dup->category);
  dup->category = g_strdup ("toys");
  assert_false (jc_store_insert_item (store, dup, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY);
  assert_contains (error->message, "toys");
  g_clear_error (&error);

  /* a category may be named by its Chinese name too */
  g_free (dup->category);
  dup->category = g_strdup ("水果");
  assert_true (jc_store_insert_item (store, dup, &error));
  assert_no_error (error);

  got = jc_store_get_item (store, "V001", &error);
  assert_no_error (error);
  assert_string_equal (got->name, "大白菜");
  assert_int_equal (got->pack_milli, 10000);
  assert_int_equal (got->loss_permille, 80);
  assert_int_equal (g_strv_length (got->aliases), 2);
  assert_true (g_strv_contains ((const char * const *) got->aliases, "黄心白菜"));
  g_clear_pointer (&got, jc_item_free);

  got = jc_store_find_item_by_name (store, "黄心白菜", &error);
  assert_no_error (error);
  assert_string_equal (got->code, "V001");
  g_clear_pointer (&got, jc_item_free);
  got = jc_store_find_item_by_name (store, "菠菜", &error);
  assert_string_equal (got->code, "V002");
  g_clear_pointer (&got, jc_item_free);
  assert_null (jc_store_find_item_by_name (store, "榴莲", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* update: aliases replaced, deactivated items hidden by default */
  g_strfreev (a->aliases);
  a->aliases = g_strsplit ("绍菜", "|", -1);
  a->active = FALSE;
  assert_true (jc_store_update_item (store, a, &error));
  got = jc_store_get_item (store, "V001", &error);
  assert_int_equal (g_strv_length (got->aliases), 1);
  assert_string_equal (got->aliases[0], "绍菜");
  assert_false (got->active);
  list = jc_store_list_items (store, FALSE, &error);
  assert_int_equal (list->len, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* renaming to a taken code is refused */
  g_free (a->code);
  a->code = g_strdup ("V002");
  assert_false (jc_store_update_item (store, a, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE);
  g_clear_error (&error);

  assert_true (jc_store_delete_item (store, "V003", &error));
  assert_false (jc_store_delete_item (store, "V003", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_in_use_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = make_item ("V001", "大白菜");
  gint64 source;

  assert_true (jc_store_insert_item (store, item, &error));
  {
    g_autoptr(JcSource) src = jc_source_new ();
    JcPriceQuote q = { "大白菜", "蔬菜", "", "冀", "斤", "2026-11-28", 500, 600, 700 };
    JcPutResult put;

    src->name = g_strdup ("test");
    src->adapter = g_strdup ("csv");
    src->url = g_strdup ("file:///dev/null");
    assert_true (jc_store_insert_source (store, src, &error));
    source = src->id;
    assert_true (jc_price_put_quote (store, source, 0, &q, item, &put, &error));
    assert_int_equal (put, JC_PUT_NEW);
  }
  assert_false (jc_store_delete_item (store, "V001", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_IN_USE);
  assert_contains (error->message, "deactivate");
  g_clear_error (&error);
  g_clear_pointer (&item, jc_item_free);
  item = jc_store_get_item (store, "V001", &error);
  assert_non_null (item);

  /* a price with low > high is refused by the schema */
  {
    JcPriceQuote bad = { "大白菜", "蔬菜", "", "", "斤", "2026-11-29", 800, 600, 700 };
    JcPutResult put;

    assert_false (jc_price_put_quote (store, source, 0, &bad, item, &put, &error));
    g_clear_error (&error);
  }
  assert_int_equal (jc_store_count_prices (store, &error), 1);
}

static void
test_canteens_and_vehicles (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcCanteen) c = make_canteen ("CT01");
  g_autoptr(JcCanteen) c2 = make_canteen ("CT01");
  g_autoptr(JcCanteen) got = NULL;
  g_autoptr(JcVehicle) v = jc_vehicle_new ();
  g_autoptr(JcVehicle) v2 = NULL;
  g_autoptr(GPtrArray) list = NULL;

  assert_true (jc_store_insert_canteen (store, c, &error));
  assert_no_error (error);
  assert_false (jc_store_insert_canteen (store, c2, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE);
  g_clear_error (&error);

  c2->code[3] = '2';
  c2->lat = 95;
  assert_false (jc_master_save_canteen (store, c2, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LAT);
  g_clear_error (&error);
  list = jc_store_list_canteens (store, TRUE, &error);
  assert_int_equal (list->len, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  c->diners = 450;
  c->window_start = 6 * 60 + 30;
  assert_true (jc_store_update_canteen (store, c, &error));
  got = jc_store_get_canteen (store, "CT01", &error);
  assert_int_equal (got->diners, 450);
  assert_int_equal (got->window_start, 390);
  assert_true (got->lat > 31.229 && got->lat < 31.231);

  v->plate = g_strdup ("沪A12345");
  v->capacity_kg = 2000;
  v->depot = g_strdup ("配送中心");
  v->depot_lat = 31.2;
  v->depot_lon = 121.4;
  assert_true (jc_store_insert_vehicle (store, v, &error));
  v2 = jc_vehicle_copy (v);
  v2->id = 0;
  assert_false (jc_store_insert_vehicle (store, v2, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE);
  g_clear_error (&error);
  v->active = FALSE;
  assert_true (jc_store_update_vehicle (store, v, &error));
  list = jc_store_list_vehicles (store, FALSE, &error);
  assert_int_equal (list->len, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = jc_store_list_vehicles (store, TRUE, &error);
  assert_int_equal (list->len, 1);
  assert_true (jc_store_delete_vehicle (store, "沪A12345", &error));
  assert_true (jc_store_delete_canteen (store, "CT01", &error));
}

static void
test_transaction_rollback (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = make_item ("V001", "大白菜");
  g_autoptr(JcItem) got = NULL;

  assert_true (jc_store_begin (store, &error));
  assert_true (jc_store_insert_item (store, item, &error));
  jc_store_rollback (store);
  got = jc_store_get_item (store, "V001", &error);
  assert_null (got);
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
}

static void
test_settings (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcStore) store = jc_store_open (f->path, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  assert_null (jc_store_get_setting (store, "cutoff"));
  assert_true (jc_store_set_setting (store, "cutoff", "14:00", NULL));
  assert_true (jc_store_set_setting (store, "cutoff", "15:30", NULL));
  a = jc_store_get_setting (store, "cutoff");
  assert_string_equal (a, "15:30");
  jc_store_free (g_steal_pointer (&store));
  store = jc_store_open (f->path, NULL);
  b = jc_store_get_setting (store, "cutoff");
  assert_string_equal (b, "15:30");
}

static gpointer
insert_in_worker (gpointer data)
{
  JcStore *worker = data;
  g_autoptr(JcItem) item = make_item ("V002", "菠菜");
  gboolean ok = jc_store_insert_item (worker, item, NULL);

  jc_store_free (worker);
  return GINT_TO_POINTER (ok);
}

/* A second connection to the same file, for a worker thread: it sees what
 * the first wrote, and what it writes in its thread the first sees. */
static void
test_open_same (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcStore) same = NULL;
  g_autoptr(JcItem) item = make_item ("V001", "大白菜");
  g_autoptr(JcItem) seen = NULL;
  g_autoptr(JcItem) back = NULL;
  GThread *thread;

  assert_non_null (store);
  assert_true (jc_store_insert_item (store, item, &error));
  same = jc_store_open_same (store, &error);
  assert_no_error (error);
  assert_non_null (same);
  assert_ptr_not_equal (same, store);
  assert_string_equal (jc_store_get_path (same), jc_store_get_path (store));
  assert_int_equal (jc_store_get_schema_version (same), JC_STORE_SCHEMA_VERSION);
  seen = jc_store_get_item (same, "V001", &error);
  assert_no_error (error);
  assert_string_equal (seen->name, "大白菜");

  thread = g_thread_new ("store-worker", insert_in_worker, jc_store_open_same (store, NULL));
  assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  back = jc_store_get_item (store, "V002", &error);
  assert_no_error (error);
  assert_string_equal (back->name, "菠菜");
}

/* A unit of writing undoes itself whole when it fails, inside a caller's
 * transaction as outside one. */
static void
test_write_unit (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) a = make_item ("V001", "大白菜");
  g_autoptr(JcItem) b = make_item ("V002", "菠菜");
  g_autoptr(JcItem) got = NULL;

  assert_true (jc_store_write_begin (store, &error));
  assert_true (jc_store_insert_item (store, a, &error));
  assert_false (jc_store_write_end (store, FALSE, &error));
  assert_no_error (error);
  got = jc_store_get_item (store, "V001", NULL);
  assert_null (got);

  assert_true (jc_store_begin (store, &error));
  assert_true (jc_store_write_begin (store, &error));
  assert_true (jc_store_insert_item (store, b, &error));
  assert_true (jc_store_write_end (store, TRUE, &error));
  assert_true (jc_store_commit (store, &error));
  got = jc_store_get_item (store, "V002", &error);
  assert_no_error (error);
  assert_non_null (got);
}

/* Master data is validated by the domain before the store writes it: the
 * save entry points refuse a bad record with the validator's own error and
 * write nothing; the store itself checks only what the database decides. */
static void
test_master_save_validates_first (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = make_item ("V001", "大白菜");
  g_autoptr(JcCanteen) canteen = make_canteen ("CT01");
  g_autoptr(JcVehicle) vehicle = jc_vehicle_new ();
  g_autoptr(GPtrArray) list = NULL;

  item->loss_permille = 1000;
  assert_false (jc_item_validate (item, &expected));
  assert_false (jc_master_save_item (store, item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LOSS);
  assert_string_equal (error->message, expected->message);
  g_clear_error (&error);
  g_clear_error (&expected);
  list = jc_store_list_items (store, TRUE, &error);
  assert_int_equal (list->len, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* a good one is inserted, then updated through the same entry point */
  item->loss_permille = 50;
  assert_true (jc_master_save_item (store, item, &error));
  assert_no_error (error);
  assert_true (item->id > 0);
  item->loss_permille = 60;
  assert_true (jc_master_save_item (store, item, &error));
  list = jc_store_list_items (store, TRUE, &error);
  assert_int_equal (list->len, 1);
  assert_int_equal (((JcItem *) g_ptr_array_index (list, 0))->loss_permille, 60);
  g_clear_pointer (&list, g_ptr_array_unref);

  canteen->lon = 181;
  assert_false (jc_canteen_validate (canteen, &expected));
  assert_false (jc_master_save_canteen (store, canteen, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LON);
  assert_string_equal (error->message, expected->message);
  g_clear_error (&error);
  g_clear_error (&expected);
  list = jc_store_list_canteens (store, TRUE, &error);
  assert_int_equal (list->len, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  vehicle->plate = g_strdup ("沪A12345");
  vehicle->depot = g_strdup ("配送中心");
  vehicle->capacity_kg = -1;
  assert_false (jc_vehicle_validate (vehicle, &expected));
  assert_false (jc_master_save_vehicle (store, vehicle, &error));
  assert_error (error, expected->domain, expected->code);
  assert_string_equal (error->message, expected->message);
  g_clear_error (&error);
  list = jc_store_list_vehicles (store, TRUE, &error);
  assert_int_equal (list->len, 0);
}

/* An optional master text of only blank space (U+3000 from a Chinese input
 * method, a tab, spaces) is stored empty, through the GUI's and the CLI's
 * one entry point; a source name of only blank space is refused, naming
 * the field. */
static void
test_master_save_blank_optional (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcCanteen) canteen = make_canteen ("CT01");
  g_autoptr(JcCanteen) got_canteen = NULL;
  g_autoptr(JcVehicle) vehicle = jc_vehicle_new ();
  g_autoptr(JcVehicle) got_vehicle = NULL;
  g_autoptr(JcSource) source = jc_source_new ();
  g_autoptr(JcSource) got_source = NULL;

  assert_non_null (store);
  canteen->agency = g_strdup ("\xE3\x80\x80\xE3\x80\x80");
  canteen->address = g_strdup (" \t\xC2\xA0 ");
  assert_true (jc_master_save_canteen (store, canteen, &error));
  assert_no_error (error);
  got_canteen = jc_store_get_canteen (store, "CT01", &error);
  assert_non_null (got_canteen);
  assert_string_equal (got_canteen->agency != NULL ? got_canteen->agency : "", "");
  assert_string_equal (got_canteen->address != NULL ? got_canteen->address : "", "");
  /* text around the blanks is kept as typed */
  g_free (canteen->agency);
  canteen->agency = g_strdup ("\xE3\x80\x80市财政局");
  assert_true (jc_master_save_canteen (store, canteen, &error));
  g_clear_pointer (&got_canteen, jc_canteen_free);
  got_canteen = jc_store_get_canteen (store, "CT01", &error);
  assert_string_equal (got_canteen->agency, "\xE3\x80\x80市财政局");

  vehicle->plate = g_strdup ("沪A12345");
  vehicle->depot = g_strdup ("   ");
  vehicle->capacity_kg = 2000;
  vehicle->depot_lat = 31.2;
  vehicle->depot_lon = 121.4;
  assert_true (jc_master_save_vehicle (store, vehicle, &error));
  got_vehicle = jc_store_get_vehicle (store, "沪A12345", &error);
  assert_non_null (got_vehicle);
  assert_string_equal (got_vehicle->depot != NULL ? got_vehicle->depot : "", "");

  /* a blank schedule is no schedule, not "not a time of day" */
  source->name = g_strdup ("\xE3\x80\x80 ");
  source->adapter = g_strdup ("csv");
  source->url = g_strdup ("https://a.example/prices.csv");
  g_free (source->schedule);
  source->schedule = g_strdup ("\xE3\x80\x80");
  g_free (source->params);
  source->params = g_strdup ("\t");
  assert_false (jc_master_save_source (store, source, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
  assert_contains (error->message, "name");
  assert_contains (error->message, "blank");
  g_clear_error (&error);
  g_free (source->name);
  source->name = g_strdup ("市场");
  assert_true (jc_master_save_source (store, source, &error));
  assert_no_error (error);
  got_source = jc_store_get_source (store, "市场", &error);
  assert_non_null (got_source);
  assert_string_equal (got_source->schedule != NULL ? got_source->schedule : "", "");
  assert_string_equal (got_source->params != NULL ? got_source->params : "", "");
}

static void
count_busy_cb (JcStore  *store,
               gpointer  data)
{
  (*(guint *) data)++;
}

/* No message says a thing twice ("X: X"), and a write that finds the
 * database held by another writer longer than it waits says so in a
 * sentence naming what to do, never SQLite's "database is locked" — for
 * every kind of write: a BEGIN, a statement, a unit of writing. */
static void
test_error_texts (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcStore) other = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = make_item ("V001", "大白菜");
  guint waited = 0;

  jc_test_store_sqlite_only ("SQLite's own messages and its write lock");
  /* SQLite's own text for a failed exec is the whole message */
  assert_false (_jc_store_exec (store, "SELECT * FROM no_such_table", &error));
  assert_string_equal (error->message, "no such table: no_such_table");
  g_clear_error (&error);

  /* another connection holds the write lock */
  assert_true (jc_store_begin (other, &error));
  assert_true (jc_store_set_setting (other, "k", "v", &error));
  _jc_store_set_busy_timeout (store, 1200);
  {
    const char *what[] = { "begin", "write", "unit" };

    for (guint i = 0; i < G_N_ELEMENTS (what); i++)
      {
        gboolean ok;

        if (i == 0)
          ok = jc_store_begin (store, &error);
        else if (i == 1)
          ok = jc_store_set_setting (store, "k", "w", &error);
        else
          ok = jc_store_write_begin (store, &error) && jc_store_insert_item (store, item, &error);
        assert_false (ok);
        assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_BUSY);
        if (strstr (error->message, "locked") != NULL)
          fail_msg ("%s: “%s” says SQLite's words", what[i], error->message);
        assert_contains (error->message, "another desk or program kept the database busy for 2 "
                                         "seconds, longer than we wait; nothing was saved. Try "
                                         "again when its work (an import, a backup) has finished");
        /* never "X: X" */
        {
          const char *colon = strstr (error->message, ": ");

          if (colon != NULL && g_str_has_suffix (error->message, colon + 2) &&
              strncmp (error->message, colon + 2, (gsize) (colon - error->message)) == 0)
            fail_msg ("%s: “%s” is doubled", what[i], error->message);
        }
        g_clear_error (&error);
      }
  }
  jc_store_rollback (other);

  /* a waiting writer is told once it has waited a second */
  assert_true (jc_store_begin (other, &error));
  jc_store_set_busy_func (store, count_busy_cb, &waited);
  assert_false (jc_store_set_setting (store, "k", "w", &error));
  assert_int_equal (waited, 1);
  g_clear_error (&error);
  jc_store_rollback (other);
  assert_true (jc_store_set_setting (store, "k", "w", &error));
  assert_no_error (error);
}

/* The office database: a connection the server drops is a clear error
 * for the statement that found it, nothing of an open unit is kept, and
 * the next action connects again (PostgreSQL only: a file has no server). */
static void
test_connection_lost (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *sql = NULL;
  gint64 pid;

  if (!jc_test_store_on_pg ())
    {
      print_message ("PostgreSQL only: a file has no server to drop the connection\n");
      skip ();
    }
  store = jc_store_open (f->path, &error);
  assert_no_error (error);
  assert_true (jc_store_set_setting (store, "k", "before", &error));

  /* a unit of writing cut in the middle: refused, nothing of it kept */
  pid = _jc_store_count (store, "SELECT pg_backend_pid ()", &error);
  assert_true (pid > 0);
  assert_true (jc_store_write_begin (store, &error));
  assert_true (jc_store_set_setting (store, "k", "inside", &error));
  sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")", pid);
  assert_int_equal (jc_test_db_count (f->path, sql), 1);
  assert_false (jc_store_set_setting (store, "k", "lost", &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CONNECTION_LOST));
  assert_non_null (strstr (error->message, "The connection to the office database was lost"));
  g_clear_error (&error);
  assert_false (jc_store_write_end (store, FALSE, NULL));

  /* the next action connects again and sees what was committed */
  value = jc_store_get_setting (store, "k");
  assert_string_equal (value, "before");
  assert_true (jc_store_set_setting (store, "k", "after", &error));
  assert_no_error (error);
  g_free (value);
  value = jc_test_db_text (f->path, "SELECT value FROM settings WHERE key = 'k'");
  assert_string_equal (value, "after");

  /* dropped between two actions: the first says so, the next works */
  pid = _jc_store_count (store, "SELECT pg_backend_pid ()", &error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ")", pid);
  assert_int_equal (jc_test_db_count (f->path, sql), 1);
  assert_false (jc_store_set_setting (store, "k", "lost", &error));
  assert_true (g_error_matches (error, JC_STORE_ERROR, JC_STORE_ERROR_CONNECTION_LOST));
  g_clear_error (&error);
  assert_true (jc_store_set_setting (store, "k", "again", &error));
  g_free (value);
  value = jc_test_db_text (f->path, "SELECT value FROM settings WHERE key = 'k'");
  assert_string_equal (value, "again");
}

#define T(fn) jc_test_store_unit_test (fn)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_new_database),
    T (test_nested_folder_created),
    T (test_old_database_migrated),
    T (test_newer_database_refused),
    T (test_not_sqlite_refused),
    T (test_corrupt_refused),
    T (test_other_programs_database_refused),
    T (test_unwritable_path_refused),
    T (test_resolve_path),
    T (test_items),
    T (test_delete_in_use_refused),
    T (test_canteens_and_vehicles),
    T (test_master_save_validates_first),
    T (test_master_save_blank_optional),
    T (test_error_texts),
    T (test_transaction_rollback),
    T (test_settings),
    T (test_open_same),
    T (test_write_unit),
    T (test_connection_lost),
  };

  jc_test_store_init ("store");
  return cmocka_run_group_tests_name ("store", tests, NULL, NULL);
}
