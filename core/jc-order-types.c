/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-types.c: the order records' states as text and their
 * new/copy/free.  No SQL, no rule. */
#include "config.h"

#define G_LOG_DOMAIN "jc-orders"

#include <glib/gi18n-lib.h>

#include "jc-order-types.h"

G_DEFINE_QUARK (jc-orders-error-quark, jc_orders_error)

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
