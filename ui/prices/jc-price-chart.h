/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-chart.h: a price history on screen.  Paints through
 * core/jc-chart (the same module the PDF exports use) in the widget's
 * colours; the pointer, or the arrow keys when it has the focus, moves a
 * guide over the days and shows that day's low, average and high. */
#pragma once

#include <gtk/gtk.h>

#include "jc-chart.h"

G_BEGIN_DECLS

#define JC_TYPE_PRICE_CHART (jc_price_chart_get_type ())
G_DECLARE_FINAL_TYPE (JcPriceChart, jc_price_chart, JC, PRICE_CHART, GtkWidget)

GtkWidget  *jc_price_chart_new            (void);
/* `points` (JcPricePoint, nullable) is copied; `from`/`to` (YYYY-MM-DD,
 * nullable) are the dates the axis spans. */
void        jc_price_chart_set_points     (JcPriceChart *self,
                                           GArray       *points,
                                           const char   *from,
                                           const char   *to);
guint       jc_price_chart_get_n_points   (JcPriceChart *self);
void        jc_price_chart_set_unit       (JcPriceChart *self,
                                           const char   *unit);
void        jc_price_chart_set_hover      (JcPriceChart *self,
                                           int           index);
int         jc_price_chart_get_hover      (JcPriceChart *self);
/* The hovered day's prices, NULL when none is. */
const char *jc_price_chart_get_hover_text (JcPriceChart *self);
/* For tests: the chart as last painted. */
JcChart    *jc_price_chart_get_chart      (JcPriceChart *self);

G_END_DECLS
