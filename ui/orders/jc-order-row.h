/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-row.h: one row of the orders UI's lists (a board row, an order
 * line, an audit entry) as a GObject, so list models and column views can
 * hold it.  The row owns its plain struct and frees it with the function
 * it was given; the lists of the orders UI are small (a canteen's order,
 * the canteens of a day), so a GListStore of these is enough. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define JC_TYPE_ORDER_ROW (jc_order_row_get_type ())
G_DECLARE_FINAL_TYPE (JcOrderRow, jc_order_row, JC, ORDER_ROW, GObject)

JcOrderRow *jc_order_row_new      (gpointer        data,
                                   GDestroyNotify  free_func);
gpointer    jc_order_row_get_data (JcOrderRow     *self);
void        jc_order_row_replace_data (JcOrderRow *self,
                                   gpointer        data);

G_END_DECLS
