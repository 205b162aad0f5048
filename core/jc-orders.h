/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders.h: canteen orders for a delivery date.
 *
 * An order moves draft → submitted → locked.  Every save names the version
 * it was based on (optimistic locking): a save based on an old version is
 * refused with JC_STORE_ERROR_CONFLICT and changes nothing, so no update is
 * ever lost.  After the cutoff a change is refused unless procurement staff
 * accept it as a late amendment; after lock every change is an amendment
 * with a reason.  Every change is written to the audit trail with who (the
 * OS user), when, and the line before and after. */
#pragma once

#include <glib.h>

#include "jc-order-types.h"
#include "jc-store.h"
#include "jc-store-orders.h"

G_BEGIN_DECLS

/* A line from what a person typed: quantity text and unit for the item.
 * Errors name the field and the value. */
JcOrderLine *jc_order_line_parse     (const JcItem *item,
                                      const char   *qty_text,
                                      const char   *unit,
                                      const char   *note,
                                      GError      **error);

char        *jc_orders_cutoff_for    (JcStore     *store,
                                      const char  *date);
gboolean     jc_orders_set_cutoff    (JcStore     *store,
                                      const char  *date,
                                      const char  *cutoff_iso,
                                      GError     **error);
/* The cutoff of one delivery date instead of the office default; on the
 * delivery date at the latest.  Reset: back to the default. */
gboolean     jc_orders_reset_cutoff  (JcStore     *store,
                                      const char  *date,
                                      GError     **error);
gboolean     jc_orders_cutoff_is_set (JcStore     *store,
                                      const char  *date);
gboolean     jc_orders_is_past_cutoff (JcStore    *store,
                                      const char  *date,
                                      GDateTime   *now);

/* Saves `order` (its lines are the new state) if it is still at
 * order->version: the rules of versions (JC_STORE_ERROR_CONFLICT), lock
 * and amendments (JC_ORDERS_ERROR_LOCKED), the cutoff and late amendments
 * (JC_ORDERS_ERROR_AFTER_CUTOFF), orders after the plan's lock (pending)
 * and the status; every change is audited.  One unit of writing: refused
 * or failed, nothing changes.  On success order->id, version and status
 * are updated. */
gboolean     jc_orders_save          (JcStore           *store,
                                      JcOrder           *order,
                                      JcOrderSaveFlags   flags,
                                      const char        *who,
                                      const char        *reason,
                                      GDateTime         *now,
                                      GError           **error);

GPtrArray   *jc_orders_board         (JcStore     *store,
                                      const char  *date,
                                      int          stale_days,
                                      GError     **error);
GPtrArray   *jc_orders_find_spikes   (JcStore       *store,
                                      const JcOrder *order,
                                      GError       **error);
/* The active canteens whose order of `date` is not in (a draft, or no
 * order at all), as JcBoardRow (code, name, status), by code. */
GPtrArray   *jc_orders_missing_canteens (JcStore   *store,
                                      const char  *date,
                                      GError     **error);
/* The orders of `date` accepted after its plan was locked and still not
 * in it (JcOrder *, by canteen code). */
GPtrArray   *jc_orders_list_pending_late (JcStore  *store,
                                      const char  *date,
                                      GError     **error);
/* Declines a pending late order with a reason the canteen sees: it is
 * neither delivered nor charged.  Audited; one transaction. */
gboolean     jc_orders_decline       (JcStore     *store,
                                      const char  *date,
                                      const char  *canteen_code,
                                      const char  *who,
                                      const char  *reason,
                                      GError     **error);
/* Freezes (lock) or reopens the submitted orders of a date; reopening
 * needs a reason.  Audited; one unit of writing. */
gboolean     jc_orders_lock          (JcStore     *store,
                                      const char  *date,
                                      gboolean     lock,
                                      const char  *who,
                                      const char  *reason,
                                      guint       *out_n,
                                      GError     **error);
JcOrder     *jc_orders_copy_last_week (JcStore    *store,
                                      const char  *canteen_code,
                                      const char  *date,
                                      GError     **error);


G_END_DECLS
