/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-calendar.c: the SQL of the office calendar's entries: plain
 * reads and writes.  What an entry may be (a weekday holiday, a weekend
 * workday, one a date) and how far back the calendar is read are
 * jc-calendar.c's to decide. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-error.h"
#include "jc-store-calendar.h"
#include "jc-store-private.h"

static gpointer
entry_from_row (JcDbStmt *stmt)
{
  JcCalendarEntry *e = g_new0 (JcCalendarEntry, 1);

  g_strlcpy (e->date, jc_db_column_text (stmt, 0), sizeof e->date);
  if (!jc_calendar_kind_from_string (jc_db_column_text (stmt, 1), &e->kind))
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT date, kind, name FROM calendar_entries WHERE date >= ? AND date <= ? ORDER BY date",
    error);

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "ss", from ? from : "0000-00-00", to ? to : "9999-99-99");
  return _jc_store_step_all (store, stmt, entry_from_row, (GDestroyNotify) jc_calendar_entry_free,
                             _("Could not read the office calendar"), error);
}

gboolean
jc_store_add_calendar_entry (JcStore         *store,
                             const char      *date,
                             JcCalendarKind   kind,
                             const char      *name,
                             GError         **error)
{
  return _jc_store_run (store, "INSERT INTO calendar_entries (date, kind, name) VALUES (?, ?, ?)",
                        _("Could not save the calendar entry"), error, "sss", date,
                        jc_calendar_kind_to_string (kind), name);
}

gboolean
jc_store_remove_calendar_entry (JcStore     *store,
                                const char  *date,
                                GError     **error)
{
  if (!jc_date_check (_("date"), date, error))
    return FALSE;
  if (!_jc_store_run (store, "DELETE FROM calendar_entries WHERE date = ?",
                      _("Could not remove the calendar entry"), error, "s", date))
    return FALSE;
  if (_jc_store_changes (store) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                   _("%s has no entry in the office calendar"), date);
      return FALSE;
    }
  return TRUE;
}
