/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-calendar.h: the office calendar's entries in the database —
 * plain reads and writes (whether an entry may be added is decided by
 * jc_calendar_add_entry() in core/jc-calendar.c). */
#pragma once

#include <glib.h>

#include "jc-calendar-types.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* Entries dated from `from` to `to` (either NULL: open), by date;
 * JcCalendarEntry *s the array owns. */
GPtrArray  *jc_store_list_calendar       (JcStore         *store,
                                          const char      *from,
                                          const char      *to,
                                          GError         **error);
/* Writes one entry as given (jc_calendar_add_entry() decides whether it
 * may be). */
gboolean    jc_store_add_calendar_entry  (JcStore         *store,
                                          const char      *date,
                                          JcCalendarKind   kind,
                                          const char      *name,
                                          GError         **error);
/* Removes the entry of `date`; JC_STORE_ERROR_NOT_FOUND when it has none. */
gboolean    jc_store_remove_calendar_entry (JcStore       *store,
                                          const char      *date,
                                          GError         **error);

G_END_DECLS
