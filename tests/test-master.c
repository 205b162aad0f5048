/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Master-data validation and the field parsers the CLI and GUI share. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-master.h"

static JcItem *
good_item (void)
{
  JcItem *item = jc_item_new ();

  item->code = g_strdup ("V001");
  item->name = g_strdup ("大白菜");
  item->category = g_strdup ("veg");
  item->base_unit = JC_BASE_UNIT_KG;
  item->loss_permille = 100;
  return item;
}

static JcCanteen *
good_canteen (void)
{
  JcCanteen *c = jc_canteen_new ();

  c->code = g_strdup ("CT01");
  c->name = g_strdup ("市政府机关食堂");
  c->lat = 31.2304;
  c->lon = 121.4737;
  c->window_start = 7 * 60;
  c->window_end = 9 * 60;
  c->diners = 800;
  return c;
}

static JcVehicle *
good_vehicle (void)
{
  JcVehicle *v = jc_vehicle_new ();

  v->plate = g_strdup ("沪A12345");
  v->capacity_kg = 2000;
  v->depot_lat = 31.2;
  v->depot_lon = 121.4;
  return v;
}

static void
test_item_validation (void **state)
{
  g_autoptr(JcItem) item = good_item ();
  g_autoptr(GError) error = NULL;

  assert_true (jc_item_validate (item, &error));

  g_free (item->code);
  item->code = g_strdup ("");
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE);
  g_clear_error (&error);

  g_free (item->code);
  item->code = g_strdup ("V 1;DROP");
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE);
  assert_contains (error->message, "V 1;DROP");
  g_clear_error (&error);

  g_free (item->code);
  item->code = g_strdup ("V001");
  item->loss_permille = 1000;
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LOSS);
  assert_contains (error->message, "1000");
  g_clear_error (&error);

  item->loss_permille = 0;
  item->pack_milli = -1;
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PACK);
  g_clear_error (&error);

  item->pack_milli = 0;
  g_free (item->name);
  item->name = g_strdup ("");
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
  g_clear_error (&error);
  g_free (item->name);
  item->name = g_strdup ("\xE3\x80\x80");
  assert_false (jc_item_validate (item, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
}

static void
test_canteen_validation (void **state)
{
  g_autoptr(JcCanteen) c = good_canteen ();
  g_autoptr(GError) error = NULL;

  assert_true (jc_canteen_validate (c, &error));

  c->lat = 95.0;
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LAT);
  assert_contains (error->message, "latitude");
  assert_contains (error->message, "95");
  g_clear_error (&error);

  c->lat = 31.2;
  c->lon = -181;
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LON);
  g_clear_error (&error);

  c->lon = 121.4;
  c->window_end = 6 * 60;
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_WINDOW_END);
  assert_contains (error->message, "06:00");
  assert_contains (error->message, "07:00");
  g_clear_error (&error);

  c->window_end = c->window_start;
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_WINDOW_END);
  g_clear_error (&error);

  c->window_end = 9 * 60;
  c->diners = -3;
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_DINERS);
  g_clear_error (&error);

  /* a name of only white space (U+3000 the ideographic space) is no name */
  c->diners = 300;
  g_free (c->name);
  c->name = g_strdup ("\xE3\x80\x80\t ");
  assert_false (jc_canteen_validate (c, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
}

static void
test_vehicle_validation (void **state)
{
  g_autoptr(JcVehicle) v = good_vehicle ();
  g_autoptr(GError) error = NULL;

  assert_true (jc_vehicle_validate (v, &error));
  v->capacity_kg = 0;
  assert_false (jc_vehicle_validate (v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CAPACITY);
  g_clear_error (&error);
  v->capacity_kg = 2000;
  v->depot_lat = 91;
  assert_false (jc_vehicle_validate (v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_DEPOT_LAT);
  assert_contains (error->message, "depot latitude");
  g_clear_error (&error);
  v->depot_lat = 31.2;
  v->speed_kmh = 0;
  assert_false (jc_vehicle_validate (v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_SPEED);
  g_clear_error (&error);
  v->speed_kmh = 30;
  g_free (v->plate);
  v->plate = NULL;
  assert_false (jc_vehicle_validate (v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE);
  g_clear_error (&error);

  /* a plate of only white space is no plate */
  {
    const char *blank[] = { " ", "\t", "\xE3\x80\x80", " \xC2\xA0\t\xE3\x80\x80 " };

    for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
      {
        g_free (v->plate);
        v->plate = g_strdup (blank[i]);
        assert_false (jc_vehicle_validate (v, &error));
        assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE);
        assert_contains (error->message, "blank");
        g_clear_error (&error);
      }
  }
}

static void
test_int_parser (void **state)
{
  g_autoptr(GError) error = NULL;
  gint64 v = 0;

  assert_true (jc_parse_int_field (JC_FIELD_CAPACITY, " 2000 ", 1, 100000, &v, &error));
  assert_int_equal (v, 2000);

  assert_false (jc_parse_int_field (JC_FIELD_CAPACITY, "abc", 1, 100000, &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_CAPACITY);
  assert_contains (error->message, "capacity");
  assert_contains (error->message, "abc");
  g_clear_error (&error);

  assert_false (jc_parse_int_field (JC_FIELD_CAPACITY, "-5", 1, 100000, &v, &error));
  assert_contains (error->message, "negative");
  g_clear_error (&error);

  assert_false (jc_parse_int_field (JC_FIELD_CAPACITY, "99999999999999999999999", 1, 100000,
                                    &v, &error));
  assert_contains (error->message, "too large");
  g_clear_error (&error);

  assert_false (jc_parse_int_field (JC_FIELD_CAPACITY, "-99999999999999999999", 1, 100000,
                                    &v, &error));
  assert_contains (error->message, "negative");
  g_clear_error (&error);

  assert_false (jc_parse_int_field (JC_FIELD_CAPACITY, "12.5", 1, 100000, &v, &error));
  assert_contains (error->message, "whole number");
  g_clear_error (&error);

  assert_false (jc_parse_int_field (JC_FIELD_DINERS, "", 0, 100000, &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_DINERS);
  assert_int_equal (v, 2000);  /* untouched on failure */
}

static void
test_milli_parser (void **state)
{
  g_autoptr(GError) error = NULL;
  gint64 v = 0;

  assert_true (jc_parse_milli_field (JC_FIELD_PACK, "25", 0, JC_MAX_MILLI, &v, &error));
  assert_int_equal (v, 25000);
  assert_true (jc_parse_milli_field (JC_FIELD_PACK, "0.5", 0, JC_MAX_MILLI, &v, &error));
  assert_int_equal (v, 500);
  assert_false (jc_parse_milli_field (JC_FIELD_PACK, "-1", 0, JC_MAX_MILLI, &v, &error));
  assert_contains (error->message, "negative");
  g_clear_error (&error);
  assert_false (jc_parse_milli_field (JC_FIELD_PACK, "1e999", 0, JC_MAX_MILLI, &v, &error));
  assert_contains (error->message, "not a number");
  g_clear_error (&error);
  assert_false (jc_parse_milli_field (JC_FIELD_PACK, "99999999999999999999", 0, JC_MAX_MILLI,
                                      &v, &error));
  assert_contains (error->message, "too large");
}

/* Issue 11 item 3: a piece mass with decimals, in any mass unit, kept
 * exactly in milligrams; a tenth decimal refused naming the field. */
static void
test_piece_mass_parser (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 v = -1;

  assert_true (jc_parse_piece_mass ("52.5", &v, &error));
  assert_int_equal (v, 52500);
  assert_true (jc_parse_piece_mass ("0.0525 kg", &v, &error));
  assert_int_equal (v, 52500);
  assert_true (jc_parse_piece_mass ("0.0525kg", &v, &error));
  assert_int_equal (v, 52500);
  assert_true (jc_parse_piece_mass ("1.05两", &v, &error));
  assert_int_equal (v, 52500);
  assert_true (jc_parse_piece_mass ("0.105斤", &v, &error));
  assert_int_equal (v, 52500);
  /* nine decimals of a kg: 0.052500500 kg = 52500.5 mg → 52501, once */
  assert_true (jc_parse_piece_mass ("0.052500500kg", &v, &error));
  assert_int_equal (v, 52501);
  /* rounded once, half up: 52.5005 g = 52500.5 mg → 52501 */
  assert_true (jc_parse_piece_mass ("52.5005", &v, &error));
  assert_int_equal (v, 52501);
  assert_true (jc_parse_piece_mass ("0", &v, &error));
  assert_int_equal (v, 0);
  assert_true (jc_parse_piece_mass ("100000", &v, &error));
  assert_int_equal (v, JC_MAX_PIECE_MASS_MG);
  assert_no_error (error);

  assert_false (jc_parse_piece_mass ("52.5000000001", &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PIECE_MASS);
  assert_contains (error->message, "piece mass");
  assert_contains (error->message, "more than 9 decimals");
  g_clear_error (&error);
  assert_false (jc_parse_piece_mass ("100000.001", &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PIECE_MASS);
  g_clear_error (&error);
  assert_false (jc_parse_piece_mass ("5 L", &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PIECE_MASS);
  assert_contains (error->message, "“L”");
  g_clear_error (&error);
  assert_false (jc_parse_piece_mass ("-3", &v, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_PIECE_MASS);
  g_clear_error (&error);
  assert_false (jc_parse_piece_mass ("0.0001", &v, &error));
  assert_contains (error->message, "less than 1 mg");
  g_clear_error (&error);

  text = jc_format_piece_mass (52500);
  assert_string_equal (text, "52.5");
}

static void
test_degrees_and_time (void **state)
{
  g_autoptr(GError) error = NULL;
  double d = 0;
  int m = 0;

  assert_true (jc_parse_degrees_field (JC_FIELD_LAT, "31.2304", -90, 90, &d, &error));
  assert_true (d > 31.23 && d < 31.231);
  assert_false (jc_parse_degrees_field (JC_FIELD_LAT, "95", -90, 90, &d, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LAT);
  assert_contains (error->message, "“95”");
  g_clear_error (&error);
  assert_false (jc_parse_degrees_field (JC_FIELD_LAT, "nan", -90, 90, &d, &error));
  g_clear_error (&error);
  assert_false (jc_parse_degrees_field (JC_FIELD_LAT, "31,2", -90, 90, &d, &error));
  g_clear_error (&error);
  /* a 10 MB value: the messages quote 80 characters of it */
  {
    g_autofree char *huge = g_strnfill (10 * 1024 * 1024, 'n');
    g_autoptr(JcCanteen) c = good_canteen ();
    gint64 v = 0;

    assert_false (jc_parse_degrees_field (JC_FIELD_LAT, huge, -90, 90, &d, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    assert_false (jc_parse_int_field (JC_FIELD_DINERS, huge, 0, 100000, &v, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    assert_false (jc_parse_milli_field (JC_FIELD_PACK, huge, 0, JC_MAX_MILLI, &v, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    assert_false (jc_parse_piece_mass (huge, &v, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, huge, &m, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    g_free (c->name);
    c->name = g_strdup (huge);
    assert_false (jc_canteen_validate (c, &error));
    assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME);
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
    g_free (c->code);
    c->code = g_strdup (huge);
    assert_false (jc_canteen_validate (c, &error));
    assert_true (strlen (error->message) < 300);
    g_clear_error (&error);
  }

  /* only a plain decimal: strtod() would read these as 16, 10 and 30 */
  {
    const char *not_plain[] = { "0x10", "0X1A", "1e1", "3E1", "0x1p4", "inf", "--1", "1.2.3",
                                "+", ".", "" };

    for (guint i = 0; i < G_N_ELEMENTS (not_plain); i++)
      {
        d = -1;
        assert_false (jc_parse_degrees_field (JC_FIELD_LON, not_plain[i], -180, 180, &d, &error));
        assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_LON);
        assert_true (d == -1);
        g_clear_error (&error);
      }
  }
  assert_true (jc_parse_degrees_field (JC_FIELD_LAT, " -31.5 ", -90, 90, &d, &error));
  assert_true (d == -31.5);
  assert_true (jc_parse_degrees_field (JC_FIELD_LAT, "+.5", -90, 90, &d, &error));
  assert_true (d == 0.5);

  assert_true (jc_parse_time_field (JC_FIELD_WINDOW_START, "07:30", &m, &error));
  assert_int_equal (m, 450);
  assert_true (jc_parse_time_field (JC_FIELD_WINDOW_START, "7:05", &m, &error));
  assert_int_equal (m, 425);
  assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, "24:00", &m, &error));
  g_clear_error (&error);
  assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, "7:5", &m, &error));
  g_clear_error (&error);
  assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, "+7:00", &m, &error));
  g_clear_error (&error);
  assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, "7:-5", &m, &error));
  g_clear_error (&error);
  assert_false (jc_parse_time_field (JC_FIELD_WINDOW_START, "seven", &m, &error));
  assert_contains (error->message, "seven");
}

static void
test_item_matches (void **state)
{
  g_autoptr(JcItem) item = good_item ();

  g_free (item->pinyin);
  item->pinyin = g_strdup ("dbc");
  g_strfreev (item->aliases);
  item->aliases = g_strsplit ("黄心白菜|白菜", "|", -1);
  assert_true (jc_item_matches (item, ""));
  assert_true (jc_item_matches (item, "dbc"));
  assert_true (jc_item_matches (item, "DB"));
  assert_true (jc_item_matches (item, "白菜"));
  assert_true (jc_item_matches (item, "v00"));
  assert_true (jc_item_matches (item, "黄心"));
  assert_false (jc_item_matches (item, "xbc"));
  assert_false (jc_item_matches (item, "菠菜"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_item_validation),
    cmocka_unit_test (test_canteen_validation),
    cmocka_unit_test (test_vehicle_validation),
    cmocka_unit_test (test_int_parser),
    cmocka_unit_test (test_milli_parser),
    cmocka_unit_test (test_piece_mass_parser),
    cmocka_unit_test (test_degrees_and_time),
    cmocka_unit_test (test_item_matches),
  };

  return cmocka_run_group_tests_name ("master", tests, NULL, NULL);
}
