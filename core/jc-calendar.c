/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-calendar.c: working days by the office calendar (no SQL here: the
 * entries come from jc-store-calendar.c). */
#include "config.h"

#define G_LOG_DOMAIN "jc-calendar"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-date.h"
#include "jc-error.h"

/* How far back a working day is looked for: a longer run of days off
 * than this is a mistake in the entries. */
#define MAX_DAYS_OFF 60

struct _JcCalendar {
  GHashTable *entries;   /* "YYYY-MM-DD" → GINT_TO_POINTER (kind + 1) */
};

JcCalendar *
jc_calendar_new (void)
{
  JcCalendar *calendar = g_new0 (JcCalendar, 1);

  calendar->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return calendar;
}

void
jc_calendar_free (JcCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_clear_pointer (&calendar->entries, g_hash_table_unref);
  g_free (calendar);
}

void
jc_calendar_add (JcCalendar     *calendar,
                 const char     *date,
                 JcCalendarKind  kind)
{
  g_return_if_fail (calendar != NULL && date != NULL);

  g_hash_table_replace (calendar->entries, g_strdup (date), GINT_TO_POINTER (kind + 1));
}


static gboolean
is_weekend (const GDate *d)
{
  GDateWeekday wd = g_date_get_weekday (d);

  return wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY;
}

static gboolean
is_working (const JcCalendar *calendar,
            const GDate      *d)
{
  char key[11];
  gpointer v;

  jc_date_format (d, key);
  v = g_hash_table_lookup (calendar->entries, key);
  if (v != NULL)
    return GPOINTER_TO_INT (v) - 1 == JC_CALENDAR_WORKDAY;
  return !is_weekend (d);
}

gboolean
jc_calendar_is_working_day (const JcCalendar *calendar,
                            const char       *date)
{
  GDate d;

  g_return_val_if_fail (calendar != NULL, FALSE);
  if (!jc_date_parse (date, &d))
    return FALSE;
  return is_working (calendar, &d);
}

gboolean
jc_calendar_last_working_day_before (const JcCalendar  *calendar,
                                     const char        *date,
                                     char               out[11],
                                     GError           **error)
{
  GDate d;

  g_return_val_if_fail (calendar != NULL, FALSE);
  if (!jc_date_check (_("date"), date, error))
    return FALSE;
  jc_date_parse (date, &d);
  for (int i = 0; i < MAX_DAYS_OFF; i++)
    {
      g_date_subtract_days (&d, 1);
      if (is_working (calendar, &d))
        {
          jc_date_format (&d, out);
          return TRUE;
        }
    }
  g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
               ngettext ("office calendar: the %d day before %s is not a working day; "
                         "remove some of its holidays",
                         "office calendar: none of the %d days before %s is a working day; "
                         "remove some of its holidays", MAX_DAYS_OFF),
               MAX_DAYS_OFF, date);
  return FALSE;
}

gboolean
jc_calendar_is_weekend (const char *date)
{
  GDate d;

  return jc_date_parse (date, &d) && is_weekend (&d);
}

/* ---- the office calendar of a store ------------------------------------ */

#define MAX_NAME_CHARS 40

/**
 * jc_calendar_add_entry:
 * Adds one entry to the store's office calendar.  Refuses a bad date, a
 * holiday on a weekend or a 调休 workday on a weekday (each would change
 * nothing), a name longer than 40 characters, and a date that already has
 * an entry (JC_STORE_ERROR_DUPLICATE: remove it first).
 */
gboolean
jc_calendar_add_entry (JcStore         *store,
                       const char      *date,
                       JcCalendarKind   kind,
                       const char      *name,
                       GError         **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(GPtrArray) existing = NULL;

  if (!jc_date_check (_("date"), date, error))
    return FALSE;
  if (!g_utf8_validate (clean, -1, NULL) || g_utf8_strlen (clean, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   ngettext ("name: longer than %d character", "name: longer than %d characters",
                             MAX_NAME_CHARS),
                   MAX_NAME_CHARS);
      return FALSE;
    }
  if (kind == JC_CALENDAR_HOLIDAY && jc_calendar_is_weekend (date))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("%s is a Saturday or Sunday, not a working day anyway: a holiday "
                     "is entered only for a weekday"), date);
      return FALSE;
    }
  if (kind == JC_CALENDAR_WORKDAY && !jc_calendar_is_weekend (date))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("%s is a weekday, a working day anyway: a 调休 workday is entered "
                     "only for a Saturday or Sunday"), date);
      return FALSE;
    }
  existing = jc_store_list_calendar (store, date, date, error);
  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DUPLICATE,
                   _("%s already has an entry in the office calendar; remove it first"), date);
      return FALSE;
    }
  return jc_store_add_calendar_entry (store, date, kind, clean, error);
}

JcCalendar *
jc_store_load_calendar (JcStore     *store,
                        const char  *date,
                        int          days,
                        GError     **error)
{
  g_autoptr(JcCalendar) calendar = jc_calendar_new ();
  g_autoptr(GPtrArray) entries = NULL;
  char from[JC_DATE_LEN];

  if (!jc_date_check (_("date"), date, error))
    return NULL;
  /* a date too early to have a window starts it at the first day there is */
  if (!jc_date_shift (date, -CLAMP (days, 0, 3660), from))
    g_strlcpy (from, "0001-01-01", sizeof from);
  entries = jc_store_list_calendar (store, from, date, error);
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      JcCalendarEntry *e = g_ptr_array_index (entries, i);

      jc_calendar_add (calendar, e->date, e->kind);
    }
  return g_steal_pointer (&calendar);
}

gboolean
jc_store_last_working_day_before (JcStore     *store,
                                  const char  *date,
                                  char         out[11],
                                  GError     **error)
{
  g_autoptr(JcCalendar) calendar = jc_store_load_calendar (store, date, MAX_DAYS_OFF + 2, error);

  if (calendar == NULL)
    return FALSE;
  return jc_calendar_last_working_day_before (calendar, date, out, error);
}
