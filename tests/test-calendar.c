/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The office calendar: working days, the last one before a delivery date,
 * and what hangs on it — which reference prices are current and the day
 * the default order cutoff falls on.  2026-12-07 is a Monday. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"

#define MONDAY    "2026-12-07"
#define TUESDAY   "2026-12-08"
#define FRIDAY    "2026-12-04"
#define THURSDAY  "2026-12-03"
#define SATURDAY  "2026-12-05"
#define SUNDAY    "2026-12-06"

typedef struct {
  char     *dir;
  char     *path;   /* the database's location (jc-test-store.h) */
  JcStore  *store;
  JcItem   *item;
  JcSource *source;
} Fixture;

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, NULL);
  assert_non_null (f->store);
  f->item = jc_item_new ();
  f->item->code = g_strdup ("V001");
  f->item->name = g_strdup ("大白菜");
  f->item->category = g_strdup ("veg");
  assert_true (jc_store_insert_item (f->store, f->item, NULL));
  f->source = jc_source_new ();
  f->source->name = g_strdup ("新发地");
  f->source->adapter = g_strdup ("xinfadi");
  f->source->url = g_strdup ("file:///dev/null");
  assert_true (jc_store_insert_source (f->store, f->source, NULL));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_item_free (f->item);
  jc_source_free (f->source);
  jc_test_store_location_free (f->path);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

static void
put_price (Fixture    *f,
           const char *date,
           gint64      avg_per_jin)
{
  JcPriceQuote q = { "大白菜", "", "", "", "斤", date, avg_per_jin, avg_per_jin, avg_per_jin };
  JcPutResult put;
  g_autoptr(GError) error = NULL;

  assert_true (jc_price_put_quote (f->store, f->source->id, 0, &q, f->item, &put, &error));
  assert_no_error (error);
}

/* The reference price of the cabbage for `date`, by the store's calendar. */
static JcRefPrice
reference (Fixture    *f,
           const char *date)
{
  JcRefPrice ref;
  g_autoptr(GError) error = NULL;

  assert_true (jc_store_reference_price (f->store, f->item->id, date, 7, &ref, &error));
  assert_no_error (error);
  assert_true (ref.found);
  return ref;
}

static void
add_entry (Fixture        *f,
           const char     *date,
           JcCalendarKind  kind)
{
  g_autoptr(GError) error = NULL;

  assert_true (jc_calendar_add_entry (f->store, date, kind, "test", &error));
  assert_no_error (error);
}

static void
assert_last_working_day (Fixture    *f,
                         const char *date,
                         const char *expected)
{
  char day[11];
  g_autoptr(GError) error = NULL;

  assert_true (jc_store_last_working_day_before (f->store, date, day, &error));
  assert_no_error (error);
  assert_string_equal (day, expected);
}

/* The plain week, no entries. */
static void
test_plain_week (void **state)
{
  g_autoptr(JcCalendar) cal = jc_calendar_new ();
  g_autoptr(GError) error = NULL;
  char day[11];

  assert_true (jc_calendar_is_working_day (cal, MONDAY));
  assert_true (jc_calendar_is_working_day (cal, FRIDAY));
  assert_false (jc_calendar_is_working_day (cal, SATURDAY));
  assert_false (jc_calendar_is_working_day (cal, SUNDAY));
  /* Monday → Friday, Tuesday → Monday, Sunday → Friday, Saturday → Friday */
  assert_true (jc_calendar_last_working_day_before (cal, MONDAY, day, NULL));
  assert_string_equal (day, FRIDAY);
  assert_true (jc_calendar_last_working_day_before (cal, TUESDAY, day, NULL));
  assert_string_equal (day, MONDAY);
  assert_true (jc_calendar_last_working_day_before (cal, SUNDAY, day, NULL));
  assert_string_equal (day, FRIDAY);
  assert_true (jc_calendar_last_working_day_before (cal, SATURDAY, day, NULL));
  assert_string_equal (day, FRIDAY);
  /* across a month and a year */
  assert_true (jc_calendar_last_working_day_before (cal, "2027-01-01", day, NULL));
  assert_string_equal (day, "2026-12-31");
  assert_false (jc_calendar_last_working_day_before (cal, "2026-02-30", day, &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
  assert_contains (error->message, "2026-02-30");
}

/* Entries: a holiday Friday sends Monday back to Thursday; a 调休
 * Saturday is the working day before Monday; a holiday Monday sends
 * Tuesday back to Friday. */
static void
test_entries (void **state)
{
  g_autoptr(JcCalendar) cal = jc_calendar_new ();
  char day[11];

  jc_calendar_add (cal, FRIDAY, JC_CALENDAR_HOLIDAY);
  assert_false (jc_calendar_is_working_day (cal, FRIDAY));
  assert_true (jc_calendar_last_working_day_before (cal, MONDAY, day, NULL));
  assert_string_equal (day, THURSDAY);
  jc_calendar_add (cal, SATURDAY, JC_CALENDAR_WORKDAY);
  assert_true (jc_calendar_is_working_day (cal, SATURDAY));
  assert_true (jc_calendar_last_working_day_before (cal, MONDAY, day, NULL));
  assert_string_equal (day, SATURDAY);
  jc_calendar_add (cal, MONDAY, JC_CALENDAR_HOLIDAY);
  assert_true (jc_calendar_last_working_day_before (cal, TUESDAY, day, NULL));
  assert_string_equal (day, SATURDAY);
}

/* Monday's plan is made on Friday: Friday's price is current, Thursday's
 * stale; a price of the delivery day itself is current. */
static void
test_friday_price_current_for_monday (void **state)
{
  Fixture *f = *state;
  JcRefPrice ref;

  put_price (f, THURSDAY, 600);
  ref = reference (f, MONDAY);
  assert_string_equal (ref.date, THURSDAY);
  assert_true (ref.stale);

  put_price (f, FRIDAY, 640);
  ref = reference (f, MONDAY);
  assert_string_equal (ref.date, FRIDAY);
  assert_false (ref.stale);
  assert_int_equal (ref.price_milliyuan, 1280);

  /* Tuesday's plan on Monday's market: Friday's is stale for it */
  ref = reference (f, TUESDAY);
  assert_string_equal (ref.date, FRIDAY);
  assert_true (ref.stale);

  put_price (f, MONDAY, 660);
  ref = reference (f, MONDAY);
  assert_string_equal (ref.date, MONDAY);
  assert_false (ref.stale);
}

/* A holiday on Friday: Monday's plan is made on Thursday, whose price is
 * then current.  Removing the holiday makes it stale again. */
static void
test_holiday_friday (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;

  put_price (f, THURSDAY, 600);
  add_entry (f, FRIDAY, JC_CALENDAR_HOLIDAY);
  assert_last_working_day (f, MONDAY, THURSDAY);
  assert_false (reference (f, MONDAY).stale);

  assert_true (jc_store_remove_calendar_entry (f->store, FRIDAY, &error));
  assert_no_error (error);
  assert_last_working_day (f, MONDAY, FRIDAY);
  assert_true (reference (f, MONDAY).stale);
}

/* A 调休 working Saturday: Monday's plan is made on Saturday, on
 * Saturday's market.  Friday's price is then stale for Monday; Saturday's
 * is current. */
static void
test_workday_saturday (void **state)
{
  Fixture *f = *state;
  JcRefPrice ref;

  put_price (f, FRIDAY, 640);
  assert_false (reference (f, MONDAY).stale);
  add_entry (f, SATURDAY, JC_CALENDAR_WORKDAY);
  assert_last_working_day (f, MONDAY, SATURDAY);
  assert_true (reference (f, MONDAY).stale);
  put_price (f, SATURDAY, 700);
  ref = reference (f, MONDAY);
  assert_string_equal (ref.date, SATURDAY);
  assert_false (ref.stale);
  /* a Sunday delivery is planned on that Saturday too */
  assert_last_working_day (f, SUNDAY, SATURDAY);
}

/* The plan counts a Friday price as current for Monday: no stale lines. */
static void
test_plan_monday (void **state)
{
  Fixture *f = *state;
  g_autoptr(JcCanteen) c = jc_canteen_new ();
  g_autoptr(JcOrder) o = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 4, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  c->code = g_strdup ("CT01");
  c->name = g_strdup ("食堂");
  c->lat = 39.9;
  c->lon = 116.4;
  assert_true (jc_store_insert_canteen (f->store, c, NULL));
  o = jc_store_get_order (f->store, "CT01", MONDAY, NULL);
  g_ptr_array_add (o->lines, jc_order_line_parse (f->item, "10", "kg", "", NULL));
  assert_true (jc_orders_save (f->store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, &error));
  assert_no_error (error);
  put_price (f, FRIDAY, 640);

  plan = jc_plan_build (f->store, MONDAY, 7, &error);
  assert_no_error (error);
  assert_int_equal (plan->lines->len, 1);
  assert_int_equal (plan->n_stale, 0);
  assert_false (((JcPlanLine *) plan->lines->pdata[0])->stale);
  g_clear_pointer (&plan, jc_plan_free);

  /* a 调休 Saturday makes it stale */
  add_entry (f, SATURDAY, JC_CALENDAR_WORKDAY);
  plan = jc_plan_build (f->store, MONDAY, 7, &error);
  assert_no_error (error);
  assert_int_equal (plan->n_stale, 1);
  assert_true (((JcPlanLine *) plan->lines->pdata[0])->stale);
}

/* The default cutoff of a Monday delivery is Friday 14:00, never Sunday;
 * it moves with a holiday and with a 调休 Saturday; a cutoff set for one
 * date stays as it was. */
static void
test_default_cutoff (void **state)
{
  Fixture *f = *state;
  g_autofree char *monday = jc_orders_cutoff_for (f->store, MONDAY);
  g_autofree char *tuesday = jc_orders_cutoff_for (f->store, TUESDAY);
  g_autofree char *holiday = NULL;
  g_autofree char *workday = NULL;
  g_autofree char *set = NULL;
  g_autofree char *late = NULL;
  g_autoptr(GError) error = NULL;

  assert_string_equal (monday, FRIDAY "T14:00");
  assert_string_equal (tuesday, MONDAY "T14:00");

  assert_true (jc_store_set_setting (f->store, "cutoff_time", "16:30", NULL));
  add_entry (f, FRIDAY, JC_CALENDAR_HOLIDAY);
  holiday = jc_orders_cutoff_for (f->store, MONDAY);
  assert_string_equal (holiday, THURSDAY "T16:30");
  add_entry (f, SATURDAY, JC_CALENDAR_WORKDAY);
  workday = jc_orders_cutoff_for (f->store, MONDAY);
  assert_string_equal (workday, SATURDAY "T16:30");

  /* past the cutoff on Thursday evening when Friday is a holiday */
  assert_true (jc_store_remove_calendar_entry (f->store, SATURDAY, NULL));
  {
    g_autoptr(GDateTime) thu_evening = g_date_time_new_local (2026, 12, 3, 17, 0, 0);
    g_autoptr(GDateTime) thu_noon = g_date_time_new_local (2026, 12, 3, 12, 0, 0);

    assert_true (jc_orders_is_past_cutoff (f->store, MONDAY, thu_evening));
    assert_false (jc_orders_is_past_cutoff (f->store, MONDAY, thu_noon));
  }

  /* an override of one date is kept as set */
  assert_true (jc_orders_set_cutoff (f->store, MONDAY, "2026-12-06T20:00", &error));
  assert_no_error (error);
  set = jc_orders_cutoff_for (f->store, MONDAY);
  assert_string_equal (set, "2026-12-06T20:00");
  assert_true (jc_orders_reset_cutoff (f->store, MONDAY, NULL));
  late = jc_orders_cutoff_for (f->store, MONDAY);
  assert_string_equal (late, THURSDAY "T16:30");
}

/* What the store refuses, with what it says. */
static void
test_store_refusals (void **state)
{
  Fixture *f = *state;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;

  assert_false (jc_calendar_add_entry (f->store, "2026-13-01", JC_CALENDAR_HOLIDAY, "", &error));
  assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
  assert_contains (error->message, "“2026-13-01” is not a date");
  g_clear_error (&error);
  assert_false (jc_calendar_add_entry (f->store, "12/07/2026", JC_CALENDAR_HOLIDAY, "", &error));
  assert_contains (error->message, "is not a date (YYYY-MM-DD)");
  g_clear_error (&error);
  /* a holiday on a Saturday, a workday on a Tuesday: would change nothing */
  assert_false (jc_calendar_add_entry (f->store, SATURDAY, JC_CALENDAR_HOLIDAY, "", &error));
  assert_contains (error->message, "Saturday or Sunday");
  g_clear_error (&error);
  assert_false (jc_calendar_add_entry (f->store, TUESDAY, JC_CALENDAR_WORKDAY, "", &error));
  assert_contains (error->message, "is a weekday");
  g_clear_error (&error);
  /* one entry per date */
  add_entry (f, FRIDAY, JC_CALENDAR_HOLIDAY);
  assert_false (jc_calendar_add_entry (f->store, FRIDAY, JC_CALENDAR_HOLIDAY, "", &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DUPLICATE);
  assert_contains (error->message, "remove it first");
  g_clear_error (&error);
  /* removing a date without an entry */
  assert_false (jc_store_remove_calendar_entry (f->store, THURSDAY, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
  assert_contains (error->message, THURSDAY);
  g_clear_error (&error);
  /* a name too long */
  assert_false (jc_calendar_add_entry (f->store, MONDAY, JC_CALENDAR_HOLIDAY,
                                             "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一",
                                             &error));
  assert_contains (error->message, "40 characters");
  g_clear_error (&error);

  entries = jc_store_list_calendar (f->store, NULL, NULL, &error);
  assert_non_null (entries);
  assert_int_equal (entries->len, 1);
  assert_string_equal (((JcCalendarEntry *) entries->pdata[0])->date, FRIDAY);
  assert_string_equal (((JcCalendarEntry *) entries->pdata[0])->name, "test");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_plain_week),
    cmocka_unit_test (test_entries),
    cmocka_unit_test_setup_teardown (test_friday_price_current_for_monday, setup, teardown),
    cmocka_unit_test_setup_teardown (test_holiday_friday, setup, teardown),
    cmocka_unit_test_setup_teardown (test_workday_saturday, setup, teardown),
    cmocka_unit_test_setup_teardown (test_plan_monday, setup, teardown),
    cmocka_unit_test_setup_teardown (test_default_cutoff, setup, teardown),
    cmocka_unit_test_setup_teardown (test_store_refusals, setup, teardown),
  };

  jc_test_store_init ("calendar");
  return cmocka_run_group_tests (tests, NULL, NULL);
}
