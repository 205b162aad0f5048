/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-demo.h: the demo world — 17 Shanghai agency canteens, a catalog named
 * as the Xinfadi market names its goods, 4 vehicles, 15 months of real
 * market prices shifted to end today, and deterministic orders for the same
 * span.  The data is compiled into the program (resources/demo/). */
#pragma once

#include <gio/gio.h>

#include "jc-store.h"

G_BEGIN_DECLS

typedef void (*JcProgressFunc) (double      fraction,
                                const char *what,
                                gpointer    user_data);

typedef struct {
  guint n_items;
  guint n_canteens;
  guint n_vehicles;
  guint n_prices;
  guint n_orders;
  guint n_order_lines;
  guint n_plans;        /* past delivery dates locked */
  guint n_purchases;    /* actual purchases recorded for them */
  char  first_date[11];
  char  last_date[11];
} JcDemoSummary;

gboolean jc_demo_load (JcStore        *store,
                       const GDate    *today,
                       JcProgressFunc  progress,
                       gpointer        user_data,
                       GCancellable   *cancellable,
                       JcDemoSummary  *summary,
                       GError        **error);

G_END_DECLS
