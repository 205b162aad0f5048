/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-chart-private.h: the drawing helpers the price chart (jc-chart.c)
 * shares with the cost review's charts (jc-report-chart.c).  The short
 * names are macros for prefixed symbols. */
#pragma once

#include <pango/pangocairo.h>

#include "jc-chart.h"

G_BEGIN_DECLS

#define nice_step _jc_chart_nice_step
#define set_color _jc_chart_set_color
#define set_text  _jc_chart_set_text

gint64 nice_step (gint64 raw);
void set_color (cairo_t *cr,
                const JcChartColor *c);
void set_text (PangoLayout *layout,
               const char *text,
               int *width,
               int *height);

G_END_DECLS
