/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders.c: order rules that need no SQL — lines from typed text, the
 * cutoff, the board's cost estimate, unusual quantities. */
#include "config.h"

#define G_LOG_DOMAIN "jc-orders"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-orders.h"
#include "jc-prices.h"
#include "jc-store-private.h"

G_DEFINE_QUARK (jc-orders-error-quark, jc_orders_error)

#define DEFAULT_CUTOFF "14:00"
#define SPIKE_FACTOR 5
#define SPIKE_WEEKS 8

const char *
jc_order_status_to_string (JcOrderStatus status)
{
  switch (status)
    {
    case JC_ORDER_NOT_STARTED: return "not-started";
    case JC_ORDER_DRAFT: return "draft";
    case JC_ORDER_SUBMITTED: return "submitted";
    case JC_ORDER_LOCKED: return "locked";
    default: g_return_val_if_reached ("draft");
    }
}

const char *
jc_order_status_to_display (JcOrderStatus status)
{
  switch (status)
    {
    case JC_ORDER_NOT_STARTED: return C_("order status", "Not started");
    case JC_ORDER_DRAFT: return C_("order status", "Draft");
    case JC_ORDER_SUBMITTED: return C_("order status", "Submitted");
    case JC_ORDER_LOCKED: return C_("order status", "Locked");
    default: g_return_val_if_reached ("");
    }
}

const char *
jc_order_after_lock_to_string (JcOrderAfterLock state)
{
  switch (state)
    {
    case JC_ORDER_AFTER_LOCK_NONE: return "";
    case JC_ORDER_AFTER_LOCK_PENDING: return "pending";
    case JC_ORDER_AFTER_LOCK_SUPPLEMENTED: return "supplemented";
    case JC_ORDER_AFTER_LOCK_DECLINED: return "declined";
    default: g_return_val_if_reached ("");
    }
}

const char *
jc_order_after_lock_to_display (JcOrderAfterLock state)
{
  switch (state)
    {
    case JC_ORDER_AFTER_LOCK_NONE: return "";
    case JC_ORDER_AFTER_LOCK_PENDING: return _("Not in the locked plan");
    case JC_ORDER_AFTER_LOCK_SUPPLEMENTED: return _("Supplementary purchase");
    case JC_ORDER_AFTER_LOCK_DECLINED: return _("Declined");
    default: g_return_val_if_reached ("");
    }
}

gboolean
jc_order_in_locked_plan (const JcOrder *order)
{
  g_return_val_if_fail (order != NULL, FALSE);

  if (order->after_lock == JC_ORDER_AFTER_LOCK_PENDING ||
      order->after_lock == JC_ORDER_AFTER_LOCK_DECLINED)
    return FALSE;
  return order->status == JC_ORDER_LOCKED;
}

JcOrderLine *
jc_order_line_new (void)
{
  JcOrderLine *l = g_new0 (JcOrderLine, 1);

  l->unit = g_strdup ("");
  l->note = g_strdup ("");
  return l;
}

JcOrderLine *
jc_order_line_copy (const JcOrderLine *line)
{
  JcOrderLine *l = g_memdup2 (line, sizeof *line);

  l->item_code = g_strdup (line->item_code);
  l->item_name = g_strdup (line->item_name);
  l->unit = g_strdup (line->unit);
  l->note = g_strdup (line->note);
  return l;
}

void
jc_order_line_free (JcOrderLine *line)
{
  if (line == NULL)
    return;
  g_free (line->item_code);
  g_free (line->item_name);
  g_free (line->unit);
  g_free (line->note);
  g_free (line);
}

JcOrder *
jc_order_new (void)
{
  JcOrder *o = g_new0 (JcOrder, 1);

  o->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_line_free);
  return o;
}

void
jc_order_free (JcOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->canteen_code);
  g_free (order->decline_reason);
  g_free (order->updated_at);
  g_free (order->submitted_at);
  g_ptr_array_unref (order->lines);
  g_free (order);
}

void
jc_audit_entry_free (JcAuditEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->at);
  g_free (e->who);
  g_free (e->action);
  g_free (e->item_code);
  g_free (e->before);
  g_free (e->after);
  g_free (e->reason);
  g_free (e);
}

void
jc_board_row_free (JcBoardRow *row)
{
  if (row == NULL)
    return;
  g_free (row->canteen_code);
  g_free (row->canteen_name);
  g_free (row);
}

void
jc_spike_free (JcSpike *spike)
{
  if (spike == NULL)
    return;
  g_free (spike->item_code);
  g_free (spike);
}

/**
 * jc_order_line_parse:
 * A line for `item` from the quantity text and unit a person typed.  The
 * quantity must be a number ≥ 0 with at most 9 decimals, converted
 * exactly and rounded once to the milli base unit, and not a nonzero
 * number that rounds to nothing; the unit any unit the item converts from.
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

  if (!jc_decimal_parse (qty_text, &typed, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW))
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     _("quantity: “%s” is too large"), qty_text ? qty_text : "");
      else if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     ngettext ("quantity: “%s” has more than %d decimal",
                               "quantity: “%s” has more than %d decimals", JC_DECIMAL_MAX_DECIMALS),
                     qty_text, JC_DECIMAL_MAX_DECIMALS);
      else
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     _("quantity: “%s” is not a number"), qty_text ? qty_text : "");
      return NULL;
    }
  if (jc_decimal_sign (&typed) < 0)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: “%s” is negative"), qty_text);
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
                   _("quantity: “%s” is too large"), qty_text);
      return NULL;
    }
  if (l->qty_milli == 0 && !jc_decimal_is_zero (&typed))
    {
      /* 0.125 g of an item in kg: a line of nothing would lock into the
       * plan and leave a cost nobody can be charged for */
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: %s %s of %s is less than the smallest quantity, 0.001 %s"),
                   qty_text, unit && *unit ? unit : jc_base_unit_to_display (item->base_unit),
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
  char day[11];
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
  if (!jc_store_last_working_day_before (store, date, day, NULL))
    {
      GDate d;

      /* a bad date, or no working day in the calendar's reach */
      g_date_clear (&d, 1);
      g_date_set_parse (&d, date);
      if (!g_date_valid (&d))
        return g_strdup ("");
      g_date_subtract_days (&d, 1);
      g_snprintf (day, sizeof day, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                  g_date_get_day (&d));
    }
  return g_strdup_printf ("%sT%02d:%02d", day, minutes / 60, minutes % 60);
}

gboolean
jc_orders_set_cutoff (JcStore     *store,
                      const char  *date,
                      const char  *cutoff_iso,
                      GError     **error)
{
  int y, mo, d, h, mi;
  GDate delivery;
  char day[11];

  g_date_clear (&delivery, 1);
  if (date != NULL)
    g_date_set_parse (&delivery, date);
  if (date == NULL || strlen (date) != 10 || !g_date_valid (&delivery))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  if (cutoff_iso == NULL ||
      sscanf (cutoff_iso, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5 ||
      strlen (cutoff_iso) != 16 || !g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("cutoff: “%s” is not a date and time (YYYY-MM-DDTHH:MM)"),
                   cutoff_iso ? cutoff_iso : "");
      return FALSE;
    }
  /* Orders close before the goods are delivered, on the delivery day at
   * the latest. */
  g_snprintf (day, sizeof day, "%04d-%02d-%02d", y, mo, d);
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
  char from[11];
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, order->date);
  if (!g_date_valid (&d))
    return g_steal_pointer (&out);
  g_date_subtract_days (&d, SPIKE_WEEKS * 7);
  g_snprintf (from, sizeof from, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
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
  char prev[11];
  GDate d;

  if (order == NULL)
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_date_subtract_days (&d, 7);
  g_snprintf (prev, sizeof prev, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
  last = jc_store_get_order (store, canteen_code, prev, error);
  if (last == NULL)
    return NULL;
  g_ptr_array_set_size (order->lines, 0);
  for (guint i = 0; i < last->lines->len; i++)
    g_ptr_array_add (order->lines, jc_order_line_copy (last->lines->pdata[i]));
  return g_steal_pointer (&order);
}
