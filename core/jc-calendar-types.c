/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-calendar-types.c: see jc-calendar-types.h. */
#include "config.h"

#include "jc-calendar-types.h"

void
jc_calendar_entry_free (JcCalendarEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry);
}

const char *
jc_calendar_kind_to_string (JcCalendarKind kind)
{
  return kind == JC_CALENDAR_WORKDAY ? "workday" : "holiday";
}

gboolean
jc_calendar_kind_from_string (const char     *text,
                              JcCalendarKind *out)
{
  if (g_strcmp0 (text, "holiday") == 0)
    *out = JC_CALENDAR_HOLIDAY;
  else if (g_strcmp0 (text, "workday") == 0)
    *out = JC_CALENDAR_WORKDAY;
  else
    return FALSE;
  return TRUE;
}
