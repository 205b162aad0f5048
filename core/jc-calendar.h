/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-calendar.h: the office calendar — which days are working days.
 * Monday to Friday by default; the office adds entries for its holidays
 * (a weekday off) and its 调休 working weekends (a Saturday or Sunday
 * worked).  The plan's staleness rule (a price dated on or after the last
 * working day before delivery date D is current) and the default order
 * cutoff (the cutoff time on that same day) both ask it.  No GTK here. */
#pragma once

#include <glib.h>

#include "jc-calendar-types.h"
#include "jc-store.h"
#include "jc-store-calendar.h"

G_BEGIN_DECLS

/* A set of entries over the Monday-to-Friday week. */
typedef struct _JcCalendar JcCalendar;

JcCalendar *jc_calendar_new              (void);
void        jc_calendar_free             (JcCalendar      *calendar);
void        jc_calendar_add              (JcCalendar      *calendar,
                                          const char      *date,
                                          JcCalendarKind   kind);
/* Whether `date` (YYYY-MM-DD, valid) is a working day: an entry decides,
 * else Monday to Friday are and Saturday and Sunday are not. */
gboolean    jc_calendar_is_working_day   (const JcCalendar *calendar,
                                          const char      *date);
/* Whether `date` is a Saturday or a Sunday (FALSE for a bad date). */
gboolean    jc_calendar_is_weekend       (const char      *date);
/* The last working day strictly before `date` into `out` (YYYY-MM-DD).
 * Fails (JC_VALIDATE_ERROR) on a bad date, or when no day of the 60
 * before it is a working day. */
gboolean    jc_calendar_last_working_day_before (const JcCalendar *calendar,
                                          const char      *date,
                                          char             out[11],
                                          GError         **error);

/* Adds one entry.  Refuses a bad date, a holiday on a weekend or a
 * 调休 workday on a weekday (each would change nothing), a name longer
 * than 40 characters, and a date that already has an entry
 * (JC_STORE_ERROR_DUPLICATE: remove it first). */
gboolean    jc_calendar_add_entry        (JcStore         *store,
                                          const char      *date,
                                          JcCalendarKind   kind,
                                          const char      *name,
                                          GError         **error);
/* The calendar with the entries of the `days` days before `date` (enough
 * for jc_calendar_last_working_day_before() of `date` when days ≥ 60). */
JcCalendar *jc_store_load_calendar       (JcStore         *store,
                                          const char      *date,
                                          int              days,
                                          GError         **error);
/* The last working day before delivery date `date` by the office
 * calendar of the store: the reference market day of the plan of `date`
 * and the day its default order cutoff falls on. */
gboolean    jc_store_last_working_day_before (JcStore     *store,
                                          const char      *date,
                                          char             out[11],
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcCalendar, jc_calendar_free)

G_END_DECLS
