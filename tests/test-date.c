/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-date: strict "YYYY-MM-DD" and "YYYY-MM", leap years, month ends,
 * shifting by days and months, and today honouring $JICAI_TODAY. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-date.h"
#include "jc-error.h"

static void
test_parse (void **state)
{
  static const char *const good[] = {
    "2026-12-07", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "2026-01-31",
  };
  static const char *const bad[] = {
    "", "2026-12-7", "2026-1-07", "26-12-07", "2026/12/07", "2026-12-07 ", " 2026-12-07",
    "2026-12-07x", "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01",
    "2026-00-10", "2026-12-00", "0000-01-01", "yesterday", "+026-12-07", "2026-1a-07",
    "２０２６-12-07",
  };
  GDate d;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      char back[JC_DATE_LEN];

      assert_true (jc_date_parse (good[i], &d));
      jc_date_format (&d, back);
      assert_string_equal (back, good[i]);
      assert_true (jc_date_is_valid (good[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      assert_false (jc_date_parse (bad[i], &d));
      assert_false (g_date_valid (&d));
    }
  assert_false (jc_date_is_valid (NULL));
}

static void
test_shift (void **state)
{
  char out[JC_DATE_LEN];
  int n = 0;

  assert_true (jc_date_shift ("2024-02-28", 1, out));
  assert_string_equal (out, "2024-02-29");
  assert_true (jc_date_shift ("2026-02-28", 1, out));
  assert_string_equal (out, "2026-03-01");
  assert_true (jc_date_shift ("2026-12-31", 1, out));
  assert_string_equal (out, "2027-01-01");
  assert_true (jc_date_shift ("2026-03-01", -1, out));
  assert_string_equal (out, "2026-02-28");
  assert_true (jc_date_shift ("2026-12-07", 0, out));
  assert_string_equal (out, "2026-12-07");
  assert_true (jc_date_shift ("2026-12-07", -365, out));
  assert_string_equal (out, "2025-12-07");
  assert_false (jc_date_shift ("0001-01-01", -1, out));
  assert_false (jc_date_shift ("9999-12-31", 1, out));
  assert_false (jc_date_shift ("2026-02-30", 1, out));

  assert_true (jc_date_days_between ("2024-02-01", "2024-03-01", &n));
  assert_int_equal (n, 29);
  assert_true (jc_date_days_between ("2026-03-01", "2026-02-01", &n));
  assert_int_equal (n, -28);
  assert_false (jc_date_days_between ("2026-03-01", "2026-02-31", &n));

  assert_true (jc_date_get_month ("2026-12-07", out));
  assert_string_equal (out, "2026-12");
  assert_false (jc_date_get_month ("2026-12", out));
}

static void
test_months (void **state)
{
  char month[JC_MONTH_LEN];
  char day[JC_DATE_LEN];
  int y = 0, m = 0;

  assert_true (jc_month_parse ("2026-12", &y, &m));
  assert_int_equal (y, 2026);
  assert_int_equal (m, 12);
  assert_false (jc_month_parse ("2026-13", NULL, NULL));
  assert_false (jc_month_parse ("2026-00", NULL, NULL));
  assert_false (jc_month_parse ("2026-1", NULL, NULL));
  assert_false (jc_month_parse ("2026-12-01", NULL, NULL));
  assert_false (jc_month_parse (NULL, NULL, NULL));

  jc_month_format (2026, 1, month);
  assert_string_equal (month, "2026-01");
  assert_true (jc_month_shift ("2026-01", -1, month));
  assert_string_equal (month, "2025-12");
  assert_true (jc_month_shift ("2026-12", 1, month));
  assert_string_equal (month, "2027-01");
  assert_true (jc_month_shift ("2026-11", -12, month));
  assert_string_equal (month, "2025-11");
  assert_true (jc_month_shift ("2026-11", 25, month));
  assert_string_equal (month, "2028-12");
  assert_false (jc_month_shift ("0001-01", -1, month));
  assert_false (jc_month_shift ("9999-12", 1, month));

  assert_int_equal (jc_month_get_n_days ("2024-02"), 29);
  assert_int_equal (jc_month_get_n_days ("2026-02"), 28);
  assert_int_equal (jc_month_get_n_days ("2000-02"), 29);
  assert_int_equal (jc_month_get_n_days ("1900-02"), 28);
  assert_int_equal (jc_month_get_n_days ("2026-04"), 30);
  assert_int_equal (jc_month_get_n_days ("2026-12"), 31);
  assert_int_equal (jc_month_get_n_days ("2026-13"), 0);

  assert_true (jc_month_first_day ("2026-02", day));
  assert_string_equal (day, "2026-02-01");
  assert_true (jc_month_last_day ("2024-02", day));
  assert_string_equal (day, "2024-02-29");
  assert_true (jc_month_last_day ("2026-11", day));
  assert_string_equal (day, "2026-11-30");
  assert_false (jc_month_last_day ("2026-1x", day));
}

static void
test_today (void **state)
{
  static const char *const bad[] = { "2026-02-30", "2026-11-9", "yesterday", "2026/11/29" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *local = g_date_time_format (now, "%Y-%m-%d");
  char out[JC_DATE_LEN];
  GDate d;

  g_setenv ("JICAI_TODAY", "2024-02-29", TRUE);
  assert_true (jc_date_today (&d, NULL));
  jc_date_format (&d, out);
  assert_string_equal (out, "2024-02-29");
  jc_date_today_string (out);
  assert_string_equal (out, "2024-02-29");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("JICAI_TODAY: “%s” is not a date (YYYY-MM-DD)",
                                                   bad[i]);

      g_setenv ("JICAI_TODAY", bad[i], TRUE);
      assert_false (jc_date_today (&d, &error));
      assert_non_null (error);
      assert_string_equal (error->message, expected);
      /* The local date all the same (unless midnight passed meanwhile). */
      assert_true (g_date_valid (&d));
      jc_date_today_string (out);
      assert_true (jc_date_is_valid (out));
    }

  g_setenv ("JICAI_TODAY", "", TRUE);
  assert_true (jc_date_today (&d, NULL));
  g_unsetenv ("JICAI_TODAY");
  assert_true (jc_date_today (&d, NULL));
  jc_date_format (&d, out);
  if (strcmp (out, local) != 0)
    {
      /* Midnight passed between the two readings. */
      g_autoptr(GDateTime) again = g_date_time_new_now_local ();
      g_autofree char *later = g_date_time_format (again, "%Y-%m-%d");

      assert_string_equal (out, later);
    }
}

/* The one date check behind every "is not a date" message: the field named
 * as asked, the value quoted, the validation error domain. */
static void
test_check (void **state)
{
  g_autoptr(GError) error = NULL;

  assert_true (jc_date_check ("date", "2024-02-29", &error));
  assert_no_error (error);
  assert_false (jc_date_check ("date", "2023-02-29", &error));
  assert_true (g_error_matches (error, JC_VALIDATE_ERROR, JC_FIELD_NONE));
  assert_string_equal (error->message, "date: “2023-02-29” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);
  assert_false (jc_date_check ("from", "2026-1-07", &error));
  assert_string_equal (error->message, "from: “2026-1-07” is not a date (YYYY-MM-DD)");
  g_clear_error (&error);
  assert_false (jc_date_check (NULL, NULL, &error));
  assert_string_equal (error->message, "“” is not a date (YYYY-MM-DD)");
}

/* Stored moments are UTC with a Z, whatever zone they were taken in. */
static void
test_timestamp (void **state)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) at = g_date_time_new (tz, 2026, 12, 8, 7, 38, 16);
  g_autofree char *text = jc_timestamp_format (at);
  g_autofree char *now = jc_timestamp_format (NULL);

  assert_string_equal (text, "2026-12-07T23:38:16Z");
  assert_int_equal (strlen (now), 20);
  assert_int_equal (now[19], 'Z');
  assert_true (jc_date_is_valid ((char[]) { now[0], now[1], now[2], now[3], now[4], now[5], now[6],
                                            now[7], now[8], now[9], '\0' }));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_parse),
    cmocka_unit_test (test_shift),
    cmocka_unit_test (test_months),
    cmocka_unit_test (test_today),
    cmocka_unit_test (test_check),
    cmocka_unit_test (test_timestamp),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
