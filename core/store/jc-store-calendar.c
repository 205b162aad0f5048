/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-calendar.c: the SQL of the office calendar's entries. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-store-private.h"

#define MAX_NAME_CHARS 40

static JcCalendarEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  JcCalendarEntry *e = g_new0 (JcCalendarEntry, 1);

  g_strlcpy (e->date, (const char *) sqlite3_column_text (stmt, 0), sizeof e->date);
  if (!jc_calendar_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &e->kind))
    e->kind = JC_CALENDAR_HOLIDAY;
  e->name = _jc_store_column_dup (stmt, 2);
  return e;
}

GPtrArray *
jc_store_list_calendar (JcStore     *store,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT date, kind, name FROM calendar_entries WHERE date >= ? AND date <= ? ORDER BY date",
    error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_calendar_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, from ? from : "0000-00-00");
  _jc_store_bind_text (stmt, 2, to ? to : "9999-99-99");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the office calendar"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static JcCalendarEntry *
get_entry (JcStore     *store,
           const char  *date,
           GError     **error)
{
  g_autoptr(GPtrArray) one = jc_store_list_calendar (store, date, date, error);

  if (one == NULL || one->len == 0)
    return NULL;
  return g_ptr_array_steal_index (one, 0);
}

gboolean
jc_store_add_calendar_entry (JcStore         *store,
                             const char      *date,
                             JcCalendarKind   kind,
                             const char      *name,
                             GError         **error)
{
  g_autoptr(JcCalendarEntry) existing = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  sqlite3_stmt *stmt;

  if (!jc_calendar_check_date (_("date"), date, error))
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
  existing = get_entry (store, date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_DUPLICATE,
                   _("%s already has an entry in the office calendar; remove it first"), date);
      return FALSE;
    }
  stmt = _jc_store_prepare (store,
    "INSERT INTO calendar_entries (date, kind, name) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  _jc_store_bind_text (stmt, 2, jc_calendar_kind_to_string (kind));
  _jc_store_bind_text (stmt, 3, clean);
  return _jc_store_step_done (store, stmt, _("Could not save the calendar entry"), error);
}

gboolean
jc_store_remove_calendar_entry (JcStore     *store,
                                const char  *date,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!jc_calendar_check_date (_("date"), date, error))
    return FALSE;
  stmt = _jc_store_prepare (store, "DELETE FROM calendar_entries WHERE date = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  if (!_jc_store_step_done (store, stmt, _("Could not remove the calendar entry"), error))
    return FALSE;
  if (sqlite3_changes (_jc_store_get_db (store)) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                   _("%s has no entry in the office calendar"), date);
      return FALSE;
    }
  return TRUE;
}

JcCalendar *
jc_store_load_calendar (JcStore     *store,
                        const char  *date,
                        int          days,
                        GError     **error)
{
  g_autoptr(JcCalendar) calendar = jc_calendar_new ();
  g_autoptr(GPtrArray) entries = NULL;
  char from[11];
  GDate d;

  if (!jc_calendar_check_date (_("date"), date, error))
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_date_subtract_days (&d, (guint) CLAMP (days, 0, 3660));
  g_snprintf (from, sizeof from, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
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
  g_autoptr(JcCalendar) calendar = jc_store_load_calendar (store, date, 62, error);

  if (calendar == NULL)
    return FALSE;
  return jc_calendar_last_working_day_before (calendar, date, out, error);
}
