/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-private.h: what the delivery planner (jc-delivery.c) and its
 * documents (jc-delivery-doc.c) share.  The records are in
 * jc-delivery-types.h, their SQL in store/jc-store-delivery.h. */
#pragma once

#include "jc-delivery.h"
#include "jc-store-delivery.h"

G_BEGIN_DECLS

gboolean        _jc_delivery_mass_of     (const JcItem *item,
                                          gint64        qty_milli,
                                          gint64       *out_g);

G_END_DECLS
