/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-calendar-types.h: the office calendar's entries as records — what the
 * store reads and writes and the calendar decides with.  Below the store:
 * no rule and no SQL here. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JC_CALENDAR_HOLIDAY,   /* a weekday the office does not work */
  JC_CALENDAR_WORKDAY,   /* a weekend day it works (调休) */
} JcCalendarKind;

typedef struct {
  char            date[11];   /* YYYY-MM-DD */
  JcCalendarKind  kind;
  char           *name;       /* "国庆节", may be "" */
} JcCalendarEntry;

void        jc_calendar_entry_free       (JcCalendarEntry *entry);
/* "holiday" / "workday", and back; FALSE for anything else. */
const char *jc_calendar_kind_to_string   (JcCalendarKind   kind);
gboolean    jc_calendar_kind_from_string (const char      *text,
                                          JcCalendarKind  *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcCalendarEntry, jc_calendar_entry_free)

G_END_DECLS
