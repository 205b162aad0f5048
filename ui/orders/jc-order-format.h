/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-format.h: how the orders UI writes money, timestamps, the
 * cutoff, order statuses and history actions for a person to read (a day
 * is written by jc_date_bar_format_date(), numbers by core's jc-format).
 * Display only: the rules (is the cutoff past, what does a line cost)
 * stay in core. */
#pragma once

#include <adwaita.h>

#include "jc-orders.h"

G_BEGIN_DECLS

char       *jc_order_format_money      (gint64         fen);
char       *jc_order_format_timestamp  (const char    *iso_utc,
                                        gboolean       short_form);
char       *jc_order_format_cutoff     (const char    *cutoff,
                                        GDateTime     *now,
                                        gboolean      *out_past);
char       *jc_order_format_cutoff_time (const char   *cutoff,
                                        GDateTime     *now);
char       *jc_order_format_duration   (GTimeSpan      span);
char       *jc_order_format_base_qty   (gint64         qty_milli,
                                        JcBaseUnit     unit);
const char *jc_order_format_action     (const char    *action);
void        jc_order_set_status_pill   (GtkWidget     *label,
                                        JcOrderStatus  status);
void        jc_order_ensure_style      (void);

G_END_DECLS
