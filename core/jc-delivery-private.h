/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-private.h: what the delivery planner (jc-delivery.c), its
 * SQL (jc-store-delivery.c) and its documents (jc-delivery-doc.c) share. */
#pragma once

#include "jc-delivery.h"

G_BEGIN_DECLS

typedef struct {
  char   *from_key;     /* canteen code or "depot:NAME" */
  char   *to_key;
  gint64  distance_m;
  gint64  time_s;       /* -1: none */
} JcDeliveryPair;

void            _jc_delivery_pair_free   (JcDeliveryPair *pair);
JcDeliveryStop *_jc_delivery_stop_new    (void);
void            _jc_delivery_stop_free   (JcDeliveryStop *stop);
void            _jc_delivery_line_free   (JcDeliveryLine *line);
JcDeliveryRoute *_jc_delivery_route_new  (void);
void            _jc_delivery_route_free  (JcDeliveryRoute *route);
JcDeliveryPlan *_jc_delivery_plan_new    (const char *date);
gboolean        _jc_delivery_mass_of     (const JcItem *item,
                                          gint64        qty_milli,
                                          gint64       *out_g);

/* jc-store-delivery.c */
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
