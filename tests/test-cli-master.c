/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jicai-cli's master data (the cli suite, helpers in jc-test-cli.c):
 * catalog, canteens and vehicles — add, edit, list, remove, the JSON
 * integers, aligned tables, and every bad value refused with the database
 * left as it was. */
#include "config.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-cli.h"
#include "jc-test-store.h"

/* ---- catalog ------------------------------------------------------- */

static void
test_catalog (void **state)
{
  Fixture *f = *state;
  g_autoptr(cJSON) json = NULL;
  g_autoptr(Run) add = db (f, "catalog", "add", "dbc", "--name", "大白菜", "--category", "veg",
                           "--unit", "kg", "--pack", "15", "--loss", "50", "--alias", "白菜",
                           "--alias", "黄芽白", NULL);
  g_autoptr(Run) add2 = db (f, "catalog", "add", "egg", "--name", "鸡蛋", "--category", "肉禽蛋",
                            "--unit", "piece", "--piece-mass", "55", "--pack", "2.5",
                            "--pinyin", "JD", NULL);
  g_autoptr(Run) human = NULL;
  cJSON *o, *aliases;

  assert_ok (add);
  assert_contains (add->out, "dbc");
  assert_ok (add2);

  json = list_json (f, "catalog");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "code", "dbc");
  assert_non_null (o);
  assert_string_equal (json_str (o, "name"), "大白菜");
  assert_string_equal (json_str (o, "category"), "veg");
  assert_string_equal (json_str (o, "category_name"), "蔬菜");
  assert_string_equal (json_str (o, "base_unit"), "kg");
  assert_true (json_num (o, "pack_milli") == 15000);
  assert_true (json_num (o, "loss_permille") == 50);
  assert_json_null (o, "piece_mass_g");
  assert_string_equal (json_str (o, "pinyin"), "dbc");
  assert_true (json_bool (o, "active"));
  aliases = cJSON_GetObjectItemCaseSensitive (o, "aliases");
  assert_true (cJSON_IsArray (aliases));
  assert_int_equal (cJSON_GetArraySize (aliases), 2);
  assert_string_equal (cJSON_GetArrayItem (aliases, 0)->valuestring, "白菜");
  assert_string_equal (cJSON_GetArrayItem (aliases, 1)->valuestring, "黄芽白");

  o = find_by (json, "code", "egg");
  assert_string_equal (json_str (o, "category"), "meat");
  assert_string_equal (json_str (o, "base_unit"), "piece");
  assert_true (json_num (o, "pack_milli") == 2500);
  assert_true (json_num (o, "piece_mass_g") == 55);
  assert_true (json_num (o, "loss_permille") == 0);
  assert_string_equal (json_str (o, "pinyin"), "jd");
  assert_int_equal (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, "aliases")), 0);

  human = db (f, "catalog", "list", NULL);
  assert_ok (human);
  assert_contains (human->out, "大白菜");
  assert_contains (human->out, "白菜, 黄芽白");
  assert_contains (human->out, "15 kg");
  assert_true (g_str_has_suffix (human->out, "\n2 items\n"));

  /* search by pinyin initials, alias, code */
  {
    g_autoptr(Run) by_pinyin = db (f, "catalog", "list", "--json", "--search", "db", NULL);
    g_autoptr(Run) by_alias = db (f, "catalog", "list", "--json", "--search", "黄芽", NULL);
    g_autoptr(Run) none = db (f, "catalog", "list", "--search", "zzz", NULL);
    g_autoptr(cJSON) a = parse_json (by_pinyin);
    g_autoptr(cJSON) b = parse_json (by_alias);

    assert_int_equal (cJSON_GetArraySize (a), 1);
    assert_non_null (find_by (a, "code", "dbc"));
    assert_int_equal (cJSON_GetArraySize (b), 1);
    assert_non_null (find_by (b, "code", "dbc"));
    assert_ok (none);
    assert_string_equal (none->out, "0 items\n");
  }

  /* edit: only what is given changes; a new name gets new initials */
  {
    g_autoptr(Run) edit = db (f, "catalog", "edit", "dbc", "--name", "小白菜", "--loss", "80",
                              "--alias", "青菜", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (edit);
    after = list_json (f, "catalog");
    o = find_by (after, "code", "dbc");
    assert_string_equal (json_str (o, "name"), "小白菜");
    assert_string_equal (json_str (o, "pinyin"), "xbc");
    assert_true (json_num (o, "loss_permille") == 80);
    assert_true (json_num (o, "pack_milli") == 15000);
    aliases = cJSON_GetObjectItemCaseSensitive (o, "aliases");
    assert_int_equal (cJSON_GetArraySize (aliases), 1);
    assert_string_equal (cJSON_GetArrayItem (aliases, 0)->valuestring, "青菜");
  }

  /* --pack 0 removes the pack; --clear-aliases; --code renames;
   * --inactive hides it from the default list */
  {
    g_autoptr(Run) edit = db (f, "catalog", "edit", "dbc", "--pack", "0", "--clear-aliases",
                              "--code", "xbc", "--inactive", "--unit", "L", NULL);
    g_autoptr(Run) active_only = db (f, "catalog", "list", "--json", NULL);
    g_autoptr(Run) human_all = db (f, "catalog", "list", "--all", NULL);
    g_autoptr(cJSON) visible = parse_json (active_only);
    g_autoptr(cJSON) all = NULL;

    assert_ok (edit);
    assert_null (find_by (visible, "code", "xbc"));
    assert_non_null (find_by (visible, "code", "egg"));
    all = list_json (f, "catalog");
    assert_null (find_by (all, "code", "dbc"));
    o = find_by (all, "code", "xbc");
    assert_non_null (o);
    assert_json_null (o, "pack_milli");
    assert_string_equal (json_str (o, "base_unit"), "L");
    assert_false (json_bool (o, "active"));
    assert_int_equal (cJSON_GetArraySize (cJSON_GetObjectItemCaseSensitive (o, "aliases")), 0);
    assert_ok (human_all);
    assert_contains (human_all->out, "inactive");
  }
  {
    g_autoptr(Run) reactivate = db (f, "catalog", "edit", "xbc", "--active", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (reactivate);
    after = list_json (f, "catalog");
    assert_true (json_bool (find_by (after, "code", "xbc"), "active"));
  }

  /* remove */
  {
    g_autoptr(Run) rm = db (f, "catalog", "remove", "xbc", NULL);
    g_autoptr(Run) again = db (f, "catalog", "remove", "xbc", NULL);
    g_autoptr(Run) edit_gone = db (f, "catalog", "edit", "xbc", "--loss", "1", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    after = list_json (f, "catalog");
    assert_int_equal (cJSON_GetArraySize (after), 1);
    assert_null (find_by (after, "code", "xbc"));
    assert_failure (again, "No catalog item “xbc”");
    assert_failure (edit_gone, "No catalog item “xbc”");
  }
}

/* A quantity at the limit is printed as an integer, not as 1e+15. */
static void
test_catalog_json_integers (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "catalog", "add", "rice", "--name", "大米", "--category", "grain",
                           "--unit", "kg", "--pack", "1000000000000", NULL);
  g_autoptr(Run) list = db (f, "catalog", "list", "--json", NULL);
  g_autoptr(cJSON) json = parse_json (list);

  assert_ok (add);
  assert_contains (list->out, "1000000000000000");
  assert_null (strstr (list->out, "e+"));
  assert_true (json_num (find_by (json, "code", "rice"), "pack_milli") == 1e15);
}

/* Records history behind the CLI's back, as `orders import` will: an order
 * of `canteen_code` with one line of `item_code`. */
static void
add_history (Fixture    *f,
             const char *item_code,
             const char *canteen_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (f->path, &error);
  g_autoptr(JcItem) item = NULL;
  g_autoptr(JcCanteen) canteen = NULL;
  JcStoreOrderLine line = { 0, 5000, NULL, 0 };

  assert_no_error (error);
  item = jc_store_get_item (store, item_code, &error);
  assert_no_error (error);
  canteen = jc_store_get_canteen (store, canteen_code, &error);
  assert_no_error (error);
  line.item_id = item->id;
  assert_true (jc_store_put_order (store, canteen->id, "2026-11-30", "submitted", &line, 1,
                                   &error));
  assert_no_error (error);
}

static void
test_remove_in_use (void **state)
{
  Fixture *f = *state;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  add_sample_item (f, "dbc");
  add_sample_canteen (f, "c01", "市府食堂");
  add_history (f, "dbc", "c01");
  before = jc_test_store_snapshot (f->path);
  {
    g_autoptr(Run) item = db (f, "catalog", "remove", "dbc", NULL);
    g_autoptr(Run) canteen = db (f, "canteens", "remove", "c01", NULL);

    assert_failure (item, "has history");
    assert_contains (item->err, "deactivate it instead");
    assert_contains (item->err, "“dbc”");
    assert_failure (canteen, "deactivate it instead");
  }
  after = jc_test_store_snapshot (f->path);
  assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(Run) deactivate = db (f, "catalog", "edit", "dbc", "--inactive", NULL);
    g_autoptr(cJSON) json = NULL;

    assert_ok (deactivate);
    json = list_json (f, "catalog");
    assert_false (json_bool (find_by (json, "code", "dbc"), "active"));
  }
}

#define ITEM "--name", "x", "--category", "veg"

static void
test_catalog_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "catalog", "add", "x", ITEM, "--unit", "box", NULL },
      "catalog add: base unit: “box” is not a base unit (kg, piece or L)" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "abc", NULL },
      "catalog add: pack size: “abc” is not a number" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "-5", NULL },
      "pack size: “-5” is negative" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "99999999999999999999", NULL },
      "pack size: “99999999999999999999” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pack", "1000000000000.001", NULL },
      "pack size: “1000000000000.001” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "1000", NULL },
      "loss rate: “1000” is too large (at most 999)" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "5%", NULL },
      "loss rate: “5%” is not a whole number" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--loss", "-1", NULL },
      "loss rate: “-1” is negative" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--piece-mass", "99999999999999999999999",
        NULL },
      "piece mass: “99999999999999999999999” is too large" },
    { { "catalog", "add", "x", ITEM, "--unit", "piece", "--piece-mass", "52.5000000001", NULL },
      "piece mass: “52.5000000001” has more than 9 decimals" },
    { { "catalog", "add", "x", ITEM, "--unit", "piece", "--piece-mass", "5 L", NULL },
      "piece mass: “L” is not a unit of mass (g, kg, 斤 or 两)" },
    { { "catalog", "add", "dbc", ITEM, "--unit", "kg", NULL },
      "code: “dbc” is already used by another item" },
    { { "catalog", "add", "x", "--name", "x", "--category", "sweets", "--unit", "kg", NULL },
      "category: unknown category “sweets”" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--alias", "白菜", NULL },
      "aliases: “白菜” already names another item" },
    { { "catalog", "add", "x y", ITEM, "--unit", "kg", NULL },
      "code: “x y” may only contain" },
    { { "catalog", "add", "x", ITEM, "--unit", "kg", "--pinyin", "d b", NULL },
      "pinyin: “d b” may only contain the letters a to z" },
    { { "catalog", "edit", "dbc", "--loss", "abc", NULL }, "loss rate: “abc” is not a whole number" },
    { { "catalog", "edit", "dbc", "--unit", "kilo", NULL }, "base unit: “kilo” is not a base unit" },
    { { "catalog", "edit", "dbc", "--code", "egg", NULL }, "code: “egg” is already used" },
    { { "catalog", "edit", "egg", "--alias", "白菜", NULL }, "aliases: “白菜” already names" },
    { { "catalog", "edit", "dbc", "--category", "sweets", NULL }, "unknown category “sweets”" },
  };
  g_autoptr(Run) add = db (f, "catalog", "add", "dbc", "--name", "大白菜", "--category", "veg",
                           "--unit", "kg", "--alias", "白菜", NULL);

  assert_ok (add);
  add_sample_item (f, "egg");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "catalog");

    assert_int_equal (cJSON_GetArraySize (json), 2);
  }
}

/* Every bad value on the line is reported, each on its own line. */
static void
test_several_problems (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) r = db (f, "canteens", "add", "c1", "--name", "x", "--lat", "95", "--lon", "abc",
                         "--diners", "-4", NULL);
  g_auto(GStrv) lines = NULL;

  assert_int_equal (r->status, 1);
  assert_int_equal (count_lines (r->err), 3);
  lines = g_strsplit (r->err, "\n", -1);
  assert_string_equal (lines[0], "jicai-cli: canteens add: latitude: “95” is out of range (-90 to 90)");
  assert_string_equal (lines[1], "jicai-cli: canteens add: longitude: “abc” is not a number");
  assert_string_equal (lines[2], "jicai-cli: canteens add: diners: “-4” is negative");
}

/* ---- canteens ------------------------------------------------------ */

static void
test_canteens (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "canteens", "add", "c01", "--name", "市委机关食堂", "--agency",
                           "市委办公厅", "--address", "人民大道200号", "--lat", "31.230416",
                           "--lon", "121.473701", "--window", "06:30-08:15", "--diners", "850",
                           NULL);
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  assert_ok (add);
  add_sample_canteen (f, "c02", "Finance Bureau");
  json = list_json (f, "canteens");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "code", "c01");
  assert_non_null (o);
  assert_string_equal (json_str (o, "name"), "市委机关食堂");
  assert_string_equal (json_str (o, "agency"), "市委办公厅");
  assert_string_equal (json_str (o, "address"), "人民大道200号");
  assert_true (json_num (o, "lat") == 31.230416);
  assert_true (json_num (o, "lon") == 121.473701);
  assert_string_equal (json_str (o, "window_start"), "06:30");
  assert_string_equal (json_str (o, "window_end"), "08:15");
  assert_true (json_num (o, "diners") == 850);
  assert_true (json_bool (o, "active"));
  /* defaults */
  o = find_by (json, "code", "c02");
  assert_string_equal (json_str (o, "window_start"), "07:00");
  assert_string_equal (json_str (o, "window_end"), "09:00");
  assert_true (json_num (o, "diners") == 0);
  assert_string_equal (json_str (o, "agency"), "");

  {
    g_autoptr(Run) edit = db (f, "canteens", "edit", "c02", "--window", "05:45-07:00", "--lat",
                              "-33.5", "--diners", "120", "--code", "c03", "--inactive", NULL);
    g_autoptr(Run) active_only = db (f, "canteens", "list", "--json", NULL);
    g_autoptr(cJSON) visible = parse_json (active_only);
    g_autoptr(cJSON) all = NULL;

    assert_ok (edit);
    assert_int_equal (cJSON_GetArraySize (visible), 1);
    all = list_json (f, "canteens");
    assert_null (find_by (all, "code", "c02"));
    o = find_by (all, "code", "c03");
    assert_string_equal (json_str (o, "window_start"), "05:45");
    assert_string_equal (json_str (o, "window_end"), "07:00");
    assert_true (json_num (o, "lat") == -33.5);
    assert_true (json_num (o, "lon") == 121.4);
    assert_true (json_num (o, "diners") == 120);
    assert_false (json_bool (o, "active"));
  }
  {
    g_autoptr(Run) human = db (f, "canteens", "list", NULL);

    assert_ok (human);
    assert_contains (human->out, "06:30-08:15");
    assert_true (g_str_has_suffix (human->out, "\n1 canteen\n"));
  }
  {
    g_autoptr(Run) rm = db (f, "canteens", "remove", "c03", NULL);
    g_autoptr(Run) again = db (f, "canteens", "remove", "c03", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    assert_failure (again, "No canteen “c03”");
    after = list_json (f, "canteens");
    assert_int_equal (cJSON_GetArraySize (after), 1);
  }
}

/* The name column is padded by display width: 市委机关食堂 takes twelve
 * columns, not six characters or eighteen bytes. */
static void
test_table_alignment (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) list = NULL;
  g_auto(GStrv) lines = NULL;
  glong column = -1;

  add_sample_canteen (f, "c01", "市委机关食堂");
  add_sample_canteen (f, "c02", "Finance");
  add_sample_canteen (f, "c03", "区·Mixed 食堂");
  list = db (f, "canteens", "list", NULL);
  assert_ok (list);
  lines = g_strsplit (list->out, "\n", -1);
  assert_int_equal (g_strv_length (lines), 6);  /* header, 3 rows, count, "" */
  for (guint i = 1; i <= 3; i++)
    {
      const char *at = strstr (lines[i], "07:00-09:00");
      g_autofree char *prefix = NULL;
      glong width = 0;

      assert_non_null (at);
      prefix = g_strndup (lines[i], (gsize) (at - lines[i]));
      for (const char *p = prefix; *p; p = g_utf8_next_char (p))
        width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      if (column < 0)
        column = width;
      assert_int_equal (width, column);
    }
  assert_string_equal (lines[4], "3 canteens");
}

static void
test_canteens_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "canteens", "add", "c9", "--name", "x", "--lat", "95", "--lon", "121", NULL },
      "jicai-cli: canteens add: latitude: “95” is out of range (-90 to 90)\n" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "-181", NULL },
      "longitude: “-181” is out of range (-180 to 180)" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "north", "--lon", "121", NULL },
      "latitude: “north” is not a number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "nan", "--lon", "121", NULL },
      "latitude: “nan” is not a number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "0x10", NULL },
      "longitude: “0x10” is not a number" },
    { { "canteens", "add", "c9", "--name", "\xE3\x80\x80\t", "--lat", "31", "--lon", "121", NULL },
      "name: is only blank space" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "09:00-07:00", NULL },
      "window end: 07:00 is not after the start 09:00" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "08:00-08:00", NULL },
      "window end: 08:00 is not after the start 08:00" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "0700", NULL },
      "delivery window: “0700” is not a window (HH:MM-HH:MM)" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--window",
        "07:00-24:30", NULL },
      "window end: “24:30” is not a time of day" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "-5", NULL },
      "diners: “-5” is negative" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "many", NULL },
      "diners: “many” is not a whole number" },
    { { "canteens", "add", "c9", "--name", "x", "--lat", "31", "--lon", "121", "--diners",
        "18446744073709551617", NULL },
      "diners: “18446744073709551617” is too large" },
    { { "canteens", "add", "c01", "--name", "x", "--lat", "31", "--lon", "121", NULL },
      "code: “c01” is already used by another canteen" },
    { { "canteens", "edit", "c01", "--window", "10:00-09:00", NULL },
      "window end: 09:00 is not after the start 10:00" },
    { { "canteens", "edit", "c01", "--lat", "-91", NULL },
      "latitude: “-91” is out of range (-90 to 90)" },
    { { "canteens", "edit", "c01", "--code", "c02", NULL },
      "code: “c02” is already used by another canteen" },
    { { "canteens", "edit", "c99", "--diners", "5", NULL }, "No canteen “c99”" },
  };

  add_sample_canteen (f, "c01", "市府食堂");
  add_sample_canteen (f, "c02", "财政局食堂");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "canteens");

    assert_int_equal (cJSON_GetArraySize (json), 2);
    assert_string_equal (json_str (find_by (json, "code", "c01"), "window_end"), "09:00");
  }
}

/* ---- vehicles ------------------------------------------------------ */

static void
test_vehicles (void **state)
{
  Fixture *f = *state;
  g_autoptr(Run) add = db (f, "vehicles", "add", "沪A12345", "--capacity", "2000", "--depot",
                           "浦东仓库", "--depot-lat", "31.2", "--depot-lon", "121.5", "--start",
                           "05:00", "--speed", "35", "--service", "10", NULL);
  g_autoptr(cJSON) json = NULL;
  cJSON *o;

  assert_ok (add);
  add_sample_vehicle (f, "沪B2");
  json = list_json (f, "vehicles");
  assert_int_equal (cJSON_GetArraySize (json), 2);
  o = find_by (json, "plate", "沪A12345");
  assert_non_null (o);
  assert_true (json_num (o, "capacity_kg") == 2000);
  assert_string_equal (json_str (o, "depot"), "浦东仓库");
  assert_true (json_num (o, "depot_lat") == 31.2);
  assert_true (json_num (o, "depot_lon") == 121.5);
  assert_string_equal (json_str (o, "start_time"), "05:00");
  assert_true (json_num (o, "speed_kmh") == 35);
  assert_true (json_num (o, "service_min") == 10);
  assert_true (json_bool (o, "active"));
  /* defaults */
  o = find_by (json, "plate", "沪B2");
  assert_string_equal (json_str (o, "start_time"), "05:30");
  assert_true (json_num (o, "speed_kmh") == 30);
  assert_true (json_num (o, "service_min") == 15);

  {
    g_autoptr(Run) edit = db (f, "vehicles", "edit", "沪B2", "--plate", "沪C3", "--capacity",
                              "1500", "--start", "04:45", "--inactive", NULL);
    g_autoptr(Run) human = db (f, "vehicles", "list", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (edit);
    after = list_json (f, "vehicles");
    assert_null (find_by (after, "plate", "沪B2"));
    o = find_by (after, "plate", "沪C3");
    assert_true (json_num (o, "capacity_kg") == 1500);
    assert_string_equal (json_str (o, "start_time"), "04:45");
    assert_true (json_num (o, "depot_lat") == 31.1);
    assert_false (json_bool (o, "active"));
    assert_ok (human);
    assert_null (strstr (human->out, "沪C3"));
    assert_true (g_str_has_suffix (human->out, "\n1 vehicle\n"));
  }
  {
    g_autoptr(Run) rm = db (f, "vehicles", "remove", "沪C3", NULL);
    g_autoptr(Run) again = db (f, "vehicles", "remove", "沪C3", NULL);
    g_autoptr(cJSON) after = NULL;

    assert_ok (rm);
    assert_failure (again, "No vehicle “沪C3”");
    after = list_json (f, "vehicles");
    assert_int_equal (cJSON_GetArraySize (after), 1);
  }
}

#define VEHICLE "--depot-lat", "31", "--depot-lon", "121"

static void
test_vehicles_bad_input (void **state)
{
  Fixture *f = *state;
  static const BadCase cases[] = {
    { { "vehicles", "add", "A2", "--capacity", "lots", VEHICLE, NULL },
      "vehicles add: capacity: “lots” is not a whole number" },
    { { "vehicles", "add", "A2", "--capacity", "-100", VEHICLE, NULL },
      "capacity: “-100” is negative" },
    { { "vehicles", "add", "A2", "--capacity", "99999999999999999999", VEHICLE, NULL },
      "capacity: “99999999999999999999” is too large (at most 100000)" },
    { { "vehicles", "add", "A2", "--capacity", "100001", VEHICLE, NULL },
      "capacity: “100001” is too large (at most 100000)" },
    { { "vehicles", "add", "A2", "--capacity", "0", VEHICLE, NULL },
      "capacity: “0” is too small (at least 1)" },
    { { "vehicles", "add", "A2", "--capacity", "1.5", VEHICLE, NULL },
      "capacity: “1.5” is not a whole number" },
    { { "vehicles", "add", "A2", "--capacity", "100", "--depot-lat", "91", "--depot-lon", "121",
        NULL },
      "latitude: “91” is out of range (-90 to 90)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--start", "5:3", NULL },
      "start time: “5:3” is not a time (HH:MM)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--speed", "0", NULL },
      "speed: “0” is too small (at least 1)" },
    { { "vehicles", "add", "A2", "--capacity", "100", VEHICLE, "--service", "-1", NULL },
      "service time: “-1” is negative" },
    { { "vehicles", "add", "A1", "--capacity", "100", VEHICLE, NULL },
      "plate: “A1” is already used by another vehicle" },
    { { "vehicles", "edit", "A1", "--capacity", "0", NULL }, "capacity: “0” is too small" },
    { { "vehicles", "edit", "A9", "--capacity", "10", NULL }, "No vehicle “A9”" },
  };

  add_sample_vehicle (f, "A1");
  check_bad_cases (f, cases, G_N_ELEMENTS (cases));
  {
    g_autoptr(cJSON) json = list_json (f, "vehicles");

    assert_int_equal (cJSON_GetArraySize (json), 1);
    assert_true (json_num (find_by (json, "plate", "A1"), "capacity_kg") == 2000);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_catalog, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_catalog_json_integers, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_remove_in_use, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_catalog_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_several_problems, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_canteens, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_table_alignment, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_canteens_bad_input, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_vehicles, setup_db, teardown),
    cmocka_unit_test_setup_teardown (test_vehicles_bad_input, setup_db, teardown),
  };

  /* JC_TEST_FILTER=test_purchases_* runs only those (cmocka's glob) */
  if (g_getenv ("JC_TEST_FILTER") != NULL)
    cmocka_set_test_filter (g_getenv ("JC_TEST_FILTER"));
  jc_test_store_init ("cli-master");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
