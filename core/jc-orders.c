/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders.c: the rules of orders — lines from typed text, the cutoff,
 * saving (versions, lock and amendments, cutoff and late amendments,
 * orders after the plan's lock, status, the audit trail), declining a late
 * order, the board's cost estimate, unusual quantities.  It reads and
 * writes through the store (jc-store-orders.h) and holds no SQL. */
#include "config.h"

#define G_LOG_DOMAIN "jc-orders"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-date.h"
#include "jc-format.h"
#include "jc-orders.h"
#include "jc-prices.h"
#include "jc-store-orders.h"
#include "jc-store-plan.h"

#define DEFAULT_CUTOFF "14:00"
#define SPIKE_FACTOR 5
#define SPIKE_WEEKS 8

/**
 * jc_order_line_parse:
 * A line for `item` from the quantity text and unit a person typed.  The
 * quantity must be a number ≥ 0 with at most 9 decimals, converted
 * exactly and rounded once to the milli base unit, and not a nonzero
 * number that rounds to nothing; the unit any unit the item converts from;
 * the note at most JC_MAX_TEXT_CHARS characters.
 */
JcOrderLine *
jc_order_line_parse (const JcItem  *item,
                     const char    *qty_text,
                     const char    *unit,
                     const char    *note,
                     GError       **error)
{
  g_autoptr(JcOrderLine) l = NULL;
  g_autoptr(GError) local = NULL;
  JcItemUnits iu = jc_item_get_units (item);
  JcUnitFactor f;
  JcDecimal typed;
  gint64 q = 0;
  g_autofree char *qv = jc_format_quote_value (qty_text);  /* for messages */

  if (jc_format_count_chars (note) > JC_MAX_TEXT_CHARS)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   ngettext ("note: longer than %d character (%s)",
                             "note: longer than %d characters (%s)", JC_MAX_TEXT_CHARS),
                   JC_MAX_TEXT_CHARS, item->name);
      return NULL;
    }
  if (!jc_decimal_parse (qty_text, &typed, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW))
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     _("quantity: “%s” is too large"), qv);
      else if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     ngettext ("quantity: “%s” has more than %d decimal",
                               "quantity: “%s” has more than %d decimals", JC_DECIMAL_MAX_DECIMALS),
                     qv, JC_DECIMAL_MAX_DECIMALS);
      else
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     _("quantity: “%s” is not a number"), qv);
      return NULL;
    }
  if (jc_decimal_sign (&typed) < 0)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: “%s” is negative"), qv);
      return NULL;
    }
  if (!jc_unit_resolve (&iu, unit, &f, &local))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("unit: %s (%s)"), local->message, item->name);
      return NULL;
    }
  l = jc_order_line_new ();
  /* the typed value converted exactly, rounded once (DESIGN.md) */
  if (!jc_decimal_qty_to_base (&typed, &f, &l->qty_milli, &local) ||
      !jc_decimal_scale (&typed, 3, 1, 1, &q, &local))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: “%s” is too large"), qv);
      return NULL;
    }
  if (l->qty_milli == 0 && !jc_decimal_is_zero (&typed))
    {
      /* 0.125 g of an item in kg: a line of nothing would lock into the
       * plan and leave a cost nobody can be charged for */
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: %s %s of %s is less than the smallest quantity, 0.001 %s"),
                   qv, unit && *unit ? unit : jc_base_unit_to_display (item->base_unit),
                   item->name, jc_base_unit_to_display (item->base_unit));
      return NULL;
    }
  l->item_id = item->id;
  l->item_code = g_strdup (item->code);
  l->item_name = g_strdup (item->name);
  g_free (l->unit);
  l->unit = g_strdup (unit && *unit ? unit : jc_base_unit_to_display (item->base_unit));
  g_strstrip (l->unit);
  l->unit_qty_milli = q;
  g_free (l->note);
  l->note = g_strdup (note ? note : "");
  return g_steal_pointer (&l);
}

/* The cutoff of a delivery date as local "YYYY-MM-DDTHH:MM": the one set
 * for that date, else the default time (setting "cutoff_time", 14:00) on
 * the last working day before it by the office calendar (Friday for a
 * Monday delivery, never a Sunday). */
char *
jc_orders_cutoff_for (JcStore    *store,
                      const char *date)
{
  g_autofree char *set = _jc_store_get_cutoff (store, date);
  g_autofree char *time = NULL;
  char day[JC_DATE_LEN];
  int minutes;

  if (set != NULL)
    return g_steal_pointer (&set);
  time = jc_store_get_setting (store, "cutoff_time");
  if (time == NULL || !jc_parse_time_field (JC_FIELD_NONE, time, &minutes, NULL))
    {
      g_free (time);
      time = g_strdup (DEFAULT_CUTOFF);
      jc_parse_time_field (JC_FIELD_NONE, time, &minutes, NULL);
    }
  /* a bad date, or no working day in the calendar's reach */
  if (!jc_store_last_working_day_before (store, date, day, NULL) && !jc_date_shift (date, -1, day))
    return g_strdup ("");
  return g_strdup_printf ("%sT%02d:%02d", day, minutes / 60, minutes % 60);
}

gboolean
jc_orders_set_cutoff (JcStore     *store,
                      const char  *date,
                      const char  *cutoff_iso,
                      GError     **error)
{
  int h, mi;
  char day[JC_DATE_LEN] = "";

  if (!jc_date_check ("date", date, error))
    return FALSE;
  if (cutoff_iso != NULL && strlen (cutoff_iso) == 16)
    g_strlcpy (day, cutoff_iso, sizeof day);
  if (!jc_date_is_valid (day) || cutoff_iso[10] != 'T' || cutoff_iso[13] != ':' ||
      !g_ascii_isdigit (cutoff_iso[11]) || !g_ascii_isdigit (cutoff_iso[12]) ||
      !g_ascii_isdigit (cutoff_iso[14]) || !g_ascii_isdigit (cutoff_iso[15]) ||
      sscanf (cutoff_iso + 11, "%2d:%2d", &h, &mi) != 2 || h > 23 || mi > 59)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("cutoff: “%s” is not a date and time (YYYY-MM-DDTHH:MM)"),
                   cutoff_iso ? cutoff_iso : "");
      return FALSE;
    }
  /* Orders close before the goods are delivered, on the delivery day at
   * the latest. */
  if (strcmp (day, date) > 0)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("cutoff: %s is after the delivery date %s"), cutoff_iso, date);
      return FALSE;
    }
  return _jc_store_set_cutoff (store, date, cutoff_iso, error);
}

/* Back to the office's default (the cutoff time on the last working day
 * before). */
gboolean
jc_orders_reset_cutoff (JcStore     *store,
                        const char  *date,
                        GError     **error)
{
  return _jc_store_set_cutoff (store, date, NULL, error);
}

gboolean
jc_orders_cutoff_is_set (JcStore    *store,
                         const char *date)
{
  g_autofree char *set = _jc_store_get_cutoff (store, date);

  return set != NULL;
}

gboolean
jc_orders_is_past_cutoff (JcStore    *store,
                          const char *date,
                          GDateTime  *now)
{
  g_autofree char *cutoff = jc_orders_cutoff_for (store, date);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) real_now = NULL;
  int y, mo, d, h, mi;

  if (sscanf (cutoff, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
    return FALSE;
  at = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (at == NULL)
    return FALSE;
  if (now == NULL)
    now = real_now = g_date_time_new_now_local ();
  return g_date_time_compare (now, at) > 0;
}

typedef struct {
  GHashTable *rows;    /* canteen code → JcBoardRow */
  GHashTable *prices;  /* item id → JcRefPrice */
} BoardCost;

static void
add_line_cost (const char *canteen,
               gint64      item_id,
               gint64      qty_milli,
               gpointer    data)
{
  BoardCost *bc = data;
  JcBoardRow *row = g_hash_table_lookup (bc->rows, canteen);
  JcRefPrice *ref = g_hash_table_lookup (bc->prices, &item_id);
  gint64 fen = 0;

  if (row == NULL)
    return;
  if (ref == NULL || !ref->found || !jc_line_cost_fen (qty_milli, ref->price_milliyuan, &fen, NULL))
    {
      row->n_no_price++;
      return;
    }
  row->est_cost_fen += fen;
}

/* Every active canteen with its order's state for the date and the
 * order's estimated cost at the reference prices. */
GPtrArray *
jc_orders_board (JcStore     *store,
                 const char  *date,
                 int          stale_days,
                 GError     **error)
{
  g_autoptr(GPtrArray) rows = _jc_store_board_rows (store, date, error);
  g_autoptr(GHashTable) prices = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  BoardCost bc;

  if (rows == NULL)
    return NULL;
  prices = jc_store_reference_prices (store, date, stale_days, error);
  if (prices == NULL)
    return NULL;
  by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      JcBoardRow *r = rows->pdata[i];

      g_hash_table_insert (by_code, r->canteen_code, r);
    }
  bc.rows = by_code;
  bc.prices = prices;
  if (!_jc_store_foreach_order_line (store, date, add_line_cost, &bc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * jc_orders_missing_canteens:
 * The active canteens whose order of `date` would not be in a plan locked
 * now: a draft, or no order at all.  JcBoardRow *s (code, name, status).
 */
GPtrArray *
jc_orders_missing_canteens (JcStore     *store,
                            const char  *date,
                            GError     **error)
{
  g_autoptr(GPtrArray) rows = _jc_store_board_rows (store, date, error);
  g_autoptr(GPtrArray) out = NULL;

  if (rows == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_board_row_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JcBoardRow *r = rows->pdata[i];

      if (r->status == JC_ORDER_NOT_STARTED || r->status == JC_ORDER_DRAFT)
        g_ptr_array_add (out, g_steal_pointer (&rows->pdata[i]));
    }
  return g_steal_pointer (&out);
}

/**
 * jc_orders_list_pending_late:
 * The orders of `date` accepted after its plan was locked that are not in
 * the locked plan yet, by canteen code.
 */
GPtrArray *
jc_orders_list_pending_late (JcStore     *store,
                             const char  *date,
                             GError     **error)
{
  g_autoptr(GPtrArray) all = jc_store_list_orders (store, date, error);
  g_autoptr(GPtrArray) out = NULL;

  if (all == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_free);
  for (guint i = 0; i < all->len; i++)
    {
      JcOrder *o = all->pdata[i];

      if (o->after_lock == JC_ORDER_AFTER_LOCK_PENDING)
        g_ptr_array_add (out, g_steal_pointer (&all->pdata[i]));
    }
  return g_steal_pointer (&out);
}

static int
cmp_int64 (gconstpointer a,
           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/**
 * jc_orders_find_spikes:
 * The lines of `order` whose quantity is more than 5× the canteen's own
 * median for that item over the 8 weeks before the delivery date (items
 * with no such history are not flagged).  Returns JcSpike *s.
 */
GPtrArray *
jc_orders_find_spikes (JcStore        *store,
                       const JcOrder  *order,
                       GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_spike_free);
  char from[JC_DATE_LEN];

  if (!jc_date_shift (order->date, -SPIKE_WEEKS * 7, from))
    return g_steal_pointer (&out);
  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];
      g_autoptr(GArray) hist = _jc_store_item_order_history (store, order->canteen_id, l->item_id,
                                                             from, order->date, error);
      gint64 median;
      guint n;

      if (hist == NULL)
        return NULL;
      n = hist->len;
      if (n == 0)
        continue;
      g_array_sort (hist, cmp_int64);
      if (n % 2 == 1)
        median = g_array_index (hist, gint64, n / 2);
      else
        median = (g_array_index (hist, gint64, n / 2 - 1) + g_array_index (hist, gint64, n / 2) + 1) / 2;
      if (median > 0 && l->qty_milli > median * SPIKE_FACTOR)
        {
          JcSpike *s = g_new0 (JcSpike, 1);

          s->item_code = g_strdup (l->item_code);
          s->qty_milli = l->qty_milli;
          s->median_milli = median;
          g_ptr_array_add (out, s);
        }
    }
  return g_steal_pointer (&out);
}

/* A new state for the order of `date`: the lines of the same canteen's
 * order a week before (same weekday), on top of the current order. */
JcOrder *
jc_orders_copy_last_week (JcStore     *store,
                          const char  *canteen_code,
                          const char  *date,
                          GError     **error)
{
  g_autoptr(JcOrder) order = jc_store_get_order (store, canteen_code, date, error);
  g_autoptr(JcOrder) last = NULL;
  char prev[JC_DATE_LEN];

  if (order == NULL)
    return NULL;
  if (!jc_date_shift (date, -7, prev))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date);
      return NULL;
    }
  last = jc_store_get_order (store, canteen_code, prev, error);
  if (last == NULL)
    return NULL;
  g_ptr_array_set_size (order->lines, 0);
  for (guint i = 0; i < last->lines->len; i++)
    g_ptr_array_add (order->lines, jc_order_line_copy (last->lines->pdata[i]));
  return g_steal_pointer (&order);
}

/* ---- saving: the rules of an order's life --------------------------- */

static char *
line_text (const JcOrderLine *l)
{
  g_autofree char *q = jc_format_qty (l->unit_qty_milli);
  g_autofree char *base = jc_format_qty (l->qty_milli);

  if (l->note != NULL && *l->note != '\0')
    return g_strdup_printf ("%s %s (%s) — %s", q, l->unit && *l->unit ? l->unit : "", base, l->note);
  return g_strdup_printf ("%s %s (%s)", q, l->unit && *l->unit ? l->unit : "", base);
}


static gboolean
validate_lines (const JcOrder  *order,
                GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];

      if (l->item_id <= 0)
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u: no catalog item"), i + 1);
          return FALSE;
        }
      if (l->qty_milli < 0 || l->qty_milli > JC_MAX_MILLI)
        {
          g_autofree char *q = jc_format_qty (l->qty_milli);

          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u (%s): quantity %s is out of range"), i + 1,
                       l->item_code ? l->item_code : "", q);
          return FALSE;
        }
      if (g_hash_table_contains (seen, &l->item_id))
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u (%s): the item is already on the order"), i + 1,
                       l->item_code ? l->item_code : "");
          return FALSE;
        }
      g_hash_table_add (seen, &l->item_id);
    }
  return TRUE;
}

static gboolean
same_line (const JcOrderLine *a,
           const JcOrderLine *b)
{
  return a->qty_milli == b->qty_milli && a->unit_qty_milli == b->unit_qty_milli &&
         g_strcmp0 (a->unit ? a->unit : "", b->unit ? b->unit : "") == 0 &&
         g_strcmp0 (a->note ? a->note : "", b->note ? b->note : "") == 0;
}

/* Would saving `order` over `old` change nothing at all? */
static gboolean
order_unchanged (const JcOrder    *old,
                 const JcOrder    *order,
                 JcOrderSaveFlags  flags)
{
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_int64_hash, g_int64_equal);

  if ((flags & JC_ORDER_SAVE_SUBMIT) && old->status == JC_ORDER_DRAFT)
    return FALSE;
  if (old->lines->len != order->lines->len)
    return FALSE;
  for (guint i = 0; i < old->lines->len; i++)
    {
      JcOrderLine *l = old->lines->pdata[i];

      g_hash_table_insert (by_item, &l->item_id, l);
    }
  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];
      JcOrderLine *was = g_hash_table_lookup (by_item, &l->item_id);

      if (was == NULL || !same_line (was, l))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_order_unit (JcStore          *store,
                 JcOrder          *order,
                 JcOrderSaveFlags  flags,
                 const char       *who,
                 const char       *reason,
                 GDateTime        *now,
                 GError          **error)
{
  g_autoptr(JcOrder) old = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) old_lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *at = jc_timestamp_format (now);
  gboolean has_reason = reason != NULL && *reason != '\0';
  gboolean late = FALSE;
  gboolean plan_locked = FALSE;
  gboolean after_lock = FALSE;
  JcOrderAfterLock after_state;
  JcOrderStatus status;
  const char *change_action;
  int version;

  old = _jc_store_order_load (store, order->canteen_id, order->canteen_code, order->date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if ((old == NULL && order->id != 0) || (old != NULL && old->id != order->id) ||
      (old != NULL && old->version != order->version))
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT,
                   _("The order of %s for %s was changed by someone else since it was opened "
                     "(version %d, now %d); reload it and make the change again"),
                   order->canteen_code, order->date, order->version, old ? old->version : 0);
      return FALSE;
    }
  if (old != NULL && order_unchanged (old, order, flags))
    return TRUE;   /* nothing to save: no new version, no audit line */
  if (old != NULL && old->status == JC_ORDER_LOCKED && !has_reason)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("The order of %s for %s is locked; a change is an amendment and needs a reason"),
                   order->canteen_code, order->date);
      return FALSE;
    }
  if (!_jc_store_plan_is_locked (store, order->date, &plan_locked, error))
    return FALSE;
  /* Once the plan is locked, submitting an order or changing one that was
   * submitted no longer reaches the plan: it is accepted only with a
   * reason, and it stays out of the locked plan until procurement settles
   * it (reopen, supplementary purchase, decline).  A draft stays a draft. */
  after_lock = plan_locked &&
               ((flags & JC_ORDER_SAVE_SUBMIT) ||
                (old != NULL && (old->status == JC_ORDER_SUBMITTED || old->status == JC_ORDER_LOCKED)));
  if (after_lock && !has_reason)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("The plan for %s is locked: the order of %s would not be in it, so it is "
                     "accepted only as a late order with a reason"),
                   order->date, order->canteen_code);
      return FALSE;
    }
  if (jc_orders_is_past_cutoff (store, order->date, now))
    {
      g_autofree char *cutoff = jc_orders_cutoff_for (store, order->date);

      if (!(flags & JC_ORDER_SAVE_ACCEPT_LATE))
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF,
                       _("The cutoff for %s was %s; procurement staff can accept the change as a "
                         "late amendment"), order->date, cutoff);
          return FALSE;
        }
      if (!has_reason)
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF,
                       _("A late amendment for %s needs a reason"), order->date);
          return FALSE;
        }
      late = TRUE;
    }
  if (!validate_lines (order, error))
    return FALSE;

  status = old ? old->status : JC_ORDER_DRAFT;
  if ((flags & JC_ORDER_SAVE_SUBMIT) && status != JC_ORDER_LOCKED)
    status = JC_ORDER_SUBMITTED;
  version = old ? old->version + 1 : 1;
  change_action = old && old->status == JC_ORDER_LOCKED ? "amend" : NULL;
  after_state = old ? old->after_lock : JC_ORDER_AFTER_LOCK_NONE;
  if (after_lock)
    {
      after_state = JC_ORDER_AFTER_LOCK_PENDING;
      late = TRUE;
    }
  else if (!plan_locked && (flags & JC_ORDER_SAVE_SUBMIT))
    after_state = JC_ORDER_AFTER_LOCK_NONE;   /* a declined order submitted again after a reopen */

  if (old == NULL)
    {
      if (!_jc_store_order_insert (store, order, status, at,
                                   status == JC_ORDER_SUBMITTED ? at : "", late, after_state,
                                   error))
        return FALSE;
      if (!_jc_store_order_audit (store, order->id, at, who, "create", 0, "", "", reason, version,
                                  error))
        return FALSE;
    }
  else
    {
      if (!_jc_store_order_update (store, order, order->version, status, at,
                                   status == JC_ORDER_SUBMITTED && old->status != JC_ORDER_SUBMITTED
                                   ? at : NULL,
                                   late, after_state, error))
        return FALSE;
      for (guint i = 0; i < old->lines->len; i++)
        {
          JcOrderLine *l = old->lines->pdata[i];

          g_hash_table_insert (old_lines, &l->item_id, l);
        }
    }

  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];
      JcOrderLine *was = g_hash_table_lookup (old_lines, &l->item_id);
      g_autofree char *after = line_text (l);

      if (was == NULL)
        {
          if (!_jc_store_order_line_insert (store, order->id, l, error) ||
              !_jc_store_order_audit (store, order->id, at, who, change_action ? change_action : "add", l->item_id,
                      "", after, reason, version, error))
            return FALSE;
        }
      else
        {
          g_hash_table_remove (old_lines, &l->item_id);
          if (!same_line (was, l))
            {
              g_autofree char *before = line_text (was);

              if (!_jc_store_order_line_update (store, order->id, l, error) ||
                  !_jc_store_order_audit (store, order->id, at, who, change_action ? change_action : "change",
                          l->item_id, before, after, reason, version, error))
                return FALSE;
            }
        }
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, old_lines);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        JcOrderLine *was = value;
        g_autofree char *before = line_text (was);

        if (!_jc_store_order_line_delete (store, order->id, was->item_id, error) ||
            !_jc_store_order_audit (store, order->id, at, who, change_action ? change_action : "remove",
                    was->item_id, before, "", reason, version, error))
          return FALSE;
      }
  }
  if (status == JC_ORDER_SUBMITTED && (old == NULL || old->status != JC_ORDER_SUBMITTED) &&
      !_jc_store_order_audit (store, order->id, at, who, "submit", 0, old ? jc_order_status_to_string (old->status) : "",
              "submitted", reason, version, error))
    return FALSE;
  if (late && !_jc_store_order_audit (store, order->id, at, who, "late", 0, "", "", reason, version, error))
    return FALSE;
  if (after_lock &&
      !_jc_store_order_audit (store, order->id, at, who, "after-lock", 0, "", "pending", reason, version, error))
    return FALSE;

  order->version = version;
  order->status = status;
  order->late = order->late || late;
  order->after_lock = after_state;
  if (after_state != JC_ORDER_AFTER_LOCK_DECLINED)
    g_clear_pointer (&order->decline_reason, g_free);
  g_free (order->updated_at);
  order->updated_at = g_strdup (at);
  return TRUE;
}

/**
 * jc_orders_save:
 * Saves `order` (its lines are the new state) if it is still at
 * order->version; on success order->id, version and status are updated.
 * One unit of writing: refused or failed, nothing changes.  Reading the
 * stored version and writing the new one happen inside it, so that of two
 * desks saving the same version one gets JC_STORE_ERROR_CONFLICT.
 */
gboolean
jc_orders_save (JcStore           *store,
                JcOrder           *order,
                JcOrderSaveFlags   flags,
                const char        *who,
                const char        *reason,
                GDateTime         *now,
                GError           **error)
{
  gint64 id = order->id;
  int version = order->version;
  gboolean ok;

  g_return_val_if_fail (order != NULL && order->canteen_id > 0, FALSE);

  if (!jc_date_check ("date", order->date, error))
    return FALSE;
  if (who == NULL)
    who = g_get_user_name ();
  if (!jc_store_write_begin (store, error))
    return FALSE;
  ok = save_order_unit (store, order, flags, who, reason, now, error);
  if (!ok)
    {
      order->id = id;
      order->version = version;
    }
  return jc_store_write_end (store, ok, error) && ok;
}

/**
 * jc_orders_decline:
 * Declines the pending late order of `canteen_code` for `date` with a
 * reason the canteen sees.  Refused without a reason or when the order is
 * not a late order waiting outside the locked plan.
 */
gboolean
jc_orders_decline (JcStore     *store,
                   const char  *date,
                   const char  *canteen_code,
                   const char  *who,
                   const char  *reason,
                   GError     **error)
{
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *at = jc_timestamp_format (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));
  gint64 canteen_id;
  gboolean ok;

  if (!jc_date_check ("date", date, error))
    return FALSE;
  if (*trimmed == '\0')
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("Declining the late order of %s for %s needs a reason the canteen will see"),
                   canteen_code ? canteen_code : "", date);
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  canteen_id = _jc_store_canteen_id (store, canteen_code, error);
  if (canteen_id == 0)
    return FALSE;
  if (!jc_store_write_begin (store, error))
    return FALSE;
  order = _jc_store_order_load (store, canteen_id, canteen_code, date, &local);
  ok = local == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  if (ok && (order == NULL || order->after_lock != JC_ORDER_AFTER_LOCK_PENDING))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("%s has no late order for %s waiting outside the locked plan"),
                   canteen_code, date);
      ok = FALSE;
    }
  ok = ok &&
       _jc_store_order_decline (store, order->id, order->version, trimmed, at, error) &&
       _jc_store_order_audit (store, order->id, at, who, "decline", 0, "pending", "declined",
                              trimmed, order->version + 1, error);
  return jc_store_write_end (store, ok, error) && ok;
}

/**
 * jc_orders_lock:
 * Freezes (`lock`) the submitted orders of a date, or reopens the locked
 * ones; reopening needs a reason, which the history keeps.  `who` NULL:
 * the user's login name.  The number of orders changed goes to `out_n`.
 */
gboolean
jc_orders_lock (JcStore     *store,
                const char  *date,
                gboolean     lock,
                const char  *who,
                const char  *reason,
                guint       *out_n,
                GError     **error)
{
  if (!lock && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("Unlocking the orders of %s needs a reason"), date ? date : "");
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  return jc_store_lock_orders (store, date, lock, who, reason, out_n, error);
}
