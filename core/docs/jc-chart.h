/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-chart.h: the one chart module.  Paints a price history — the day's
 * low–high range as a translucent band, the day's average as a line, axes
 * with dates and prices, and an optional hover guide — onto any cairo_t: a
 * widget's snapshot, a PDF page of a report, a print page.  Text goes
 * through pangocairo.
 *
 * It must not: include GTK, hold money in a double (prices stay integer
 * milli-yuan; doubles are only pixel coordinates), or read the store.
 *
 * Dates are calendar days on the x axis, so a day without a quote (a market
 * holiday, a weekend) is a gap in x.  Gaps of up to JC_CHART_MAX_GAP_DAYS
 * days are bridged: the line is drawn straight across, as the market price
 * of those days is the last one known (the staleness window of DESIGN.md).
 * A longer gap breaks the band and the line, so nobody reads a price into a
 * month the market did not quote.  A lone point between two breaks is drawn
 * as a dot on a low–high bar. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "jc-prices.h"

G_BEGIN_DECLS

#define JC_CHART_MAX_GAP_DAYS 7

typedef struct {
  double red, green, blue, alpha;
} JcChartColor;

typedef struct {
  JcChartColor foreground;  /* text and axes */
  JcChartColor grid;
  JcChartColor band;        /* low–high, translucent */
  JcChartColor line;        /* the average */
  JcChartColor guide;       /* the hover guide */
  JcChartColor label_bg;    /* behind the hover label */
  const char  *font;        /* a Pango font description; NULL: "Sans 9" */
} JcChartStyle;

typedef struct {
  double x, y, width, height;
} JcChartRect;

typedef struct _JcChart JcChart;

/* Colours for a light background. */
void      jc_chart_style_init       (JcChartStyle       *style);

JcChart  *jc_chart_new              (void);
void      jc_chart_free             (JcChart            *chart);

/* Copies `n` points (sorted by date here if they are not).  Points whose
 * date does not parse are left out. */
void      jc_chart_set_points       (JcChart            *chart,
                                     const JcPricePoint *points,
                                     guint               n);
guint     jc_chart_get_n_points     (JcChart            *chart);
/* Borrowed; NULL when `index` is out of range. */
const JcPricePoint *jc_chart_get_point (JcChart         *chart,
                                        guint            index);

/* The dates the x axis spans, YYYY-MM-DD; NULL: the first / last point. */
void      jc_chart_set_domain       (JcChart            *chart,
                                     const char         *from,
                                     const char         *to);
/* Shown above the price axis, e.g. "¥/kg"; NULL: none. */
void      jc_chart_set_unit         (JcChart            *chart,
                                     const char         *unit);
/* Shown in the middle when there are no points; NULL: a default. */
void      jc_chart_set_empty_text   (JcChart            *chart,
                                     const char         *text);
void      jc_chart_set_style        (JcChart            *chart,
                                     const JcChartStyle *style);
/* The point under the pointer, -1: none. */
void      jc_chart_set_hover        (JcChart            *chart,
                                     int                 index);
int       jc_chart_get_hover        (JcChart            *chart);

/* Paints the whole chart into (0, 0, width, height) of `cr` (user units:
 * pixels on screen, points on a PDF page).  Leaves the state of `cr` as it
 * found it.  What follows reads the layout of the last paint. */
void      jc_chart_paint            (JcChart            *chart,
                                     cairo_t            *cr,
                                     double              width,
                                     double              height);

/* The price axis of the last paint in milli-yuan, FALSE before a paint
 * with points. */
gboolean  jc_chart_get_y_range      (JcChart            *chart,
                                     gint64             *min,
                                     gint64             *max);
/* The plotting area of the last paint, inside the axes. */
gboolean  jc_chart_get_plot_area    (JcChart            *chart,
                                     JcChartRect        *out);
double    jc_chart_x_for_index      (JcChart            *chart,
                                     guint               index);
double    jc_chart_y_for_value      (JcChart            *chart,
                                     gint64              milliyuan);
/* The point nearest to `x` (from the last paint), -1 when there are none
 * or `x` is outside the plot area by more than a few pixels. */
int       jc_chart_index_at         (JcChart            *chart,
                                     double              x);

/* "2026-11-28  Low 1.10  Avg 1.16  High 1.20", translated.  Owned by the
 * caller. */
char     *jc_chart_describe_point   (const JcPricePoint *point);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcChart, jc_chart_free)


/* ---- report charts ---------------------------------------------------- */

/* The charts of the monthly cost review (jc-report-doc.c).  Each paints
 * inside the rectangle (x, y, w, h) of `cr` and nothing outside it (it
 * clips), on any cairo_t, and leaves the state of `cr` as it found it.
 * Money arrives in integer fen; doubles are only pixel geometry (and the
 * index values, which are ratios).  Text is "Noto Sans CJK SC". */

/* Spend per month as vertical bars, the last bar (the month reviewed)
 * emphasised.  `month_labels` has `n` entries ("2026-10"); n ≤ 60. */
void      jc_chart_paint_spend_trend   (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        const gint64       *fen,
                                        const char *const  *month_labels,
                                        guint               n);
/* Two index lines, ours and the market's, with a dashed reference line at
 * 100 (the base).  A NaN value leaves a gap. */
void      jc_chart_paint_index_compare (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        const double       *ours,
                                        const double       *market,
                                        const char *const  *labels,
                                        guint               n);
/* Two price lines over the same months, e.g. our unit cost and the
 * market's monthly mean, in milli-yuan per base unit; an entry whose
 * has_… flag is FALSE leaves a gap.  The axis is in yuan. */
void      jc_chart_paint_price_compare (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        const gint64       *ours_milliyuan,
                                        const gboolean     *has_ours,
                                        const gint64       *market_milliyuan,
                                        const gboolean     *has_market,
                                        const char         *name_ours,
                                        const char         *name_market,
                                        const char *const  *labels,
                                        guint               n);
/* The base, the four effects and the month as a waterfall: the base and
 * the month as full bars, each effect floating from the running total,
 * a rise red and a fall green (as Chinese reports colour them).  `labels`
 * has six entries: base, price, volume, new, dropped, this month; NULL:
 * the default bilingual ones. */
void      jc_chart_paint_waterfall     (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        gint64              base_fen,
                                        gint64              price_fen,
                                        gint64              volume_fen,
                                        gint64              new_fen,
                                        gint64              dropped_fen,
                                        gint64              total_fen,
                                        const char *const  *labels);
/* The value axis of the waterfall: TRUE when it does not start at zero
 * (the effects are small beside the totals), and then the chart draws the
 * axis and the two full bars broken, with a note saying where it starts. */
gboolean  jc_chart_waterfall_axis      (gint64              base_fen,
                                        gint64              price_fen,
                                        gint64              volume_fen,
                                        gint64              new_fen,
                                        gint64              dropped_fen,
                                        gint64              total_fen,
                                        guint               n_ticks,
                                        gint64             *lo,
                                        gint64             *hi,
                                        gint64             *step);
/* A value-axis label: whole yuan when `step` (fen) allows, with digit
 * groups ("2,050,000"). */
char     *jc_chart_format_axis_fen     (gint64              fen,
                                        gint64              step);
/* Horizontal bars, one per label, with the amount at the end of each. */
void      jc_chart_paint_bars          (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        const gint64       *values_fen,
                                        const char *const  *labels,
                                        guint               n);
/* The same bars labelled by `names` (a canteen's name); a name wider than
 * the label column (about a third of `w`) is shown by its entry in `codes`
 * instead. */
void      jc_chart_paint_named_bars    (cairo_t            *cr,
                                        double              x,
                                        double              y,
                                        double              w,
                                        double              h,
                                        const gint64       *values_fen,
                                        const char *const  *names,
                                        const char *const  *codes,
                                        guint               n);

G_END_DECLS
