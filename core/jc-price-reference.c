/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-reference.c: DESIGN.md's reference price and the office's
 * staleness window — which days count, which source is preferred is the
 * store's query; how far back a price may be, when it is stale (dated
 * before the last working day before the delivery date) and the window's
 * range and default are decided here, over the store's plain reads.
 * No SQL here (that is core/store/). */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-date.h"
#include "jc-error.h"
#include "jc-prices.h"

#define MIN_STALE_DAYS 1
#define MAX_STALE_DAYS 60

int
jc_store_get_stale_days (JcStore *store)
{
  g_autofree char *v = jc_store_get_setting (store, "stale_days");
  gint64 days;

  if (v == NULL || !g_ascii_string_to_signed (v, 10, MIN_STALE_DAYS, MAX_STALE_DAYS, &days, NULL))
    return JC_DEFAULT_STALE_DAYS;
  return (int) days;
}

gboolean
jc_store_set_stale_days (JcStore  *store,
                         int       days,
                         GError  **error)
{
  g_autofree char *v = NULL;

  if (days < MIN_STALE_DAYS || days > MAX_STALE_DAYS)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   ngettext ("staleness window: %d day is out of range (1 to 60)",
                             "staleness window: %d days is out of range (1 to 60)",
                             (unsigned long) ABS (days)),
                   days);
      return FALSE;
    }
  v = g_strdup_printf ("%d", days);
  return jc_store_set_setting (store, "stale_days", v, error);
}

/* The reference prices of one item (item_id > 0) or of every item. */
static GHashTable *
reference_prices (JcStore     *store,
                  gint64       item_id,
                  const char  *date,
                  int          stale_days,
                  GError     **error)
{
  g_autoptr(GHashTable) out = NULL;
  char from[JC_DATE_LEN];
  char current_from[JC_DATE_LEN];
  GHashTableIter iter;
  JcRefPrice *ref;

  if (!jc_date_shift (date, -CLAMP (stale_days, 0, 366), from))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return NULL;
    }
  if (!jc_store_last_working_day_before (store, date, current_from, error))
    return NULL;
  out = _jc_store_latest_prices (store, item_id, from, date, error);
  if (out == NULL)
    return NULL;
  g_hash_table_iter_init (&iter, out);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &ref))
    /* Monday's plan is made on Friday, on Friday's market */
    ref->stale = strcmp (ref->date, current_from) < 0;
  return g_steal_pointer (&out);
}

/**
 * jc_store_reference_price:
 * DESIGN.md's reference price of an item for date D: the average price of
 * the latest day up to D, within `stale_days` before D, from the preferred
 * enabled source (lowest priority number) that quoted it that day; marked
 * stale when dated before the last working day before D (the office
 * calendar); else out->found is FALSE ("no price" — never zero).
 */
gboolean
jc_store_reference_price (JcStore     *store,
                          gint64       item_id,
                          const char  *date,
                          int          stale_days,
                          JcRefPrice  *out,
                          GError     **error)
{
  g_autoptr(GHashTable) all = NULL;
  JcRefPrice *ref;

  g_return_val_if_fail (item_id > 0, FALSE);

  memset (out, 0, sizeof *out);
  all = reference_prices (store, item_id, date, stale_days, error);
  if (all == NULL)
    return FALSE;
  ref = g_hash_table_lookup (all, &item_id);
  if (ref != NULL)
    *out = *ref;
  return TRUE;
}

/* The same for every item at once: item id (gint64 *) → JcRefPrice *. */
GHashTable *
jc_store_reference_prices (JcStore     *store,
                           const char  *date,
                           int          stale_days,
                           GError     **error)
{
  return reference_prices (store, 0, date, stale_days, error);
}
