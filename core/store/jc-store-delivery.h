/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-delivery.h: the SQL of delivery plans and the distance matrix
 * (jc-store-delivery.c), for jc-delivery.c.  Plain reads and writes of the
 * records of jc-delivery-types.h. */
#pragma once

#include <glib.h>

#include "jc-delivery-types.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* Replaces the stored matrix by `pairs` (JcDeliveryPair *) in one
 * transaction; NULL or empty: clears it. */
gboolean        _jc_store_delivery_matrix_replace (JcStore    *store,
                                                   GPtrArray  *pairs,
                                                   GError    **error);
/* The stored matrix: "from\ttto" → JcDeliveryPair * (owned). */
GHashTable     *_jc_store_delivery_matrix_read    (JcStore    *store,
                                                   GError    **error);
/* Replaces the saved plan of plan->date: its routes' stops (by the
 * route's vehicle_id) and the unassigned ones, with their lines (item_id
 * and qty_milli). */
gboolean        _jc_store_delivery_write          (JcStore              *store,
                                                   const JcDeliveryPlan *plan,
                                                   const char           *saved_at,
                                                   const char           *who,
                                                   GError              **error);
/* The saved plan as stored: one route per vehicle that has stops (only
 * vehicle_id set), stops with canteen_id, part, n_parts and lines with
 * item_id and qty_milli only; stops without a vehicle in unassigned.  NULL
 * without an error when none is saved. */
JcDeliveryPlan *_jc_store_delivery_read           (JcStore    *store,
                                                   const char *date,
                                                   GError    **error);
gboolean        _jc_store_delivery_delete         (JcStore    *store,
                                                   const char *date,
                                                   GError    **error);

G_END_DECLS
