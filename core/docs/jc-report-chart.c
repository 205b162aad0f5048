/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-chart.c: the cost review's charts drawn on any cairo_t — the
 * spend trend, the two-line index and price comparisons, the waterfall of
 * the change and the bar charts — in the review's font and colours.  The
 * price chart object and its axes are jc-chart.c's.  It must not include
 * GTK or hold money in a double beyond a pixel position. */
#include "config.h"

#define G_LOG_DOMAIN "jc-chart"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-chart-private.h"
#include "jc-units.h"

/* ---- report charts ---------------------------------------------------- */

#define REPORT_FONT "Noto Sans CJK SC 7.5"

/* A rise is red and a fall green, as Chinese financial reports colour them. */
static const JcChartColor color_rise = { 0.80, 0.15, 0.15, 1.0 };
static const JcChartColor color_fall = { 0.10, 0.55, 0.25, 1.0 };
static const JcChartColor color_total = { 0.208, 0.518, 0.894, 1.0 };
static const JcChartColor color_muted = { 0.208, 0.518, 0.894, 0.55 };
static const JcChartColor color_market = { 0.90, 0.50, 0.10, 1.0 };

/* Begins a chart in the w × h rectangle at (x, y): FALSE when it is empty
 * (nothing to draw); else saves `cr`, clips to the rectangle, moves the
 * origin there, fills `style` and returns in `layout` a layout in the
 * report font — report_end() undoes it all. */
static gboolean
report_begin (cairo_t       *cr,
              double         x,
              double         y,
              double         w,
              double         h,
              JcChartStyle  *style,
              PangoLayout  **layout)
{
  PangoFontDescription *font;

  if (w < 1 || h < 1)
    return FALSE;
  jc_chart_style_init (style);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_set_line_width (cr, 1.0);
  *layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (REPORT_FONT);
  pango_layout_set_font_description (*layout, font);
  pango_font_description_free (font);
  return TRUE;
}

static void
report_end (cairo_t     *cr,
            PangoLayout *layout)
{
  g_object_unref (layout);
  cairo_restore (cr);
}

/* Shows `text` with its reference point at (x, y): `ax`, `ay` in 0…1 say
 * which point of the text that is (0, 0: top left; 0.5, 1: bottom centre). */
static void
show_at (cairo_t     *cr,
         PangoLayout *layout,
         const char  *text,
         double       x,
         double       y,
         double       ax,
         double       ay)
{
  int w, h;

  set_text (layout, text, &w, &h);
  cairo_move_to (cr, x - ax * w, y - ay * h);
  pango_cairo_show_layout (cr, layout);
}

/* An amount of fen as the charts write it next to a bar: "1,234.50", a
 * fall with the true minus "−" as the pages write it. */
static char *
format_amount (gint64 fen)
{
  return jc_format_money (fen, JC_FORMAT_GROUPS | JC_FORMAT_TRUE_MINUS);
}

/**
 * jc_chart_format_axis_fen:
 * Returns: (transfer full): the label of a value-axis tick at `fen`: whole
 * yuan when `step` (fen) is a whole number of yuan, with digit groups
 * ("2,050,000", "−1,234.50", the true minus as the pages write it).
 */
char *
jc_chart_format_axis_fen (gint64 fen,
                          gint64 step)
{
  if (step > 0 && step % 100 == 0)
    return jc_format_decimal_full (fen / 100, 0, 0, JC_FORMAT_GROUPS | JC_FORMAT_TRUE_MINUS);
  return jc_format_money (fen, JC_FORMAT_GROUPS | JC_FORMAT_TRUE_MINUS);
}

/* Whole steps around [lo, hi], which always contains 0. */
static gint64
fen_axis (gint64  lo,
          gint64  hi,
          guint   n_ticks,
          gint64 *axis_lo,
          gint64 *axis_hi)
{
  gint64 step;

  lo = MIN (lo, 0);
  hi = MAX (hi, 0);
  if (lo == hi)
    hi = lo + 100;
  step = nice_step ((hi / 2 - lo / 2 + n_ticks - 1) / n_ticks * 2);
  *axis_lo = lo >= 0 ? 0 : -((-lo + step - 1) / step) * step;
  *axis_hi = hi <= 0 ? 0 : (hi + step - 1) / step * step;
  if (*axis_hi == *axis_lo)
    *axis_hi += step;
  return step;
}

static double
y_of_fen (gint64 v,
          gint64 lo,
          gint64 hi,
          double top,
          double height)
{
  return top + height - (double) (v - lo) / (double) (hi - lo) * height;
}

/* Horizontal grid lines and labels of a fen axis; returns the left margin. */
static double
paint_fen_axis (cairo_t            *cr,
                PangoLayout        *layout,
                const JcChartStyle *style,
                gint64              lo,
                gint64              hi,
                gint64              step,
                double              top,
                double              height,
                double              width)
{
  double left = 0;

  for (gint64 v = lo; v <= hi; v += step)
    {
      g_autofree char *t = jc_chart_format_axis_fen (v, step);
      int tw, th;

      set_text (layout, t, &tw, &th);
      left = MAX (left, (double) tw);
    }
  left += 10;
  for (gint64 v = lo; v <= hi; v += step)
    {
      g_autofree char *t = jc_chart_format_axis_fen (v, step);
      double yy = round (y_of_fen (v, lo, hi, top, height)) + 0.5;

      set_color (cr, v == 0 ? &style->foreground : &style->grid);
      cairo_move_to (cr, left, yy);
      cairo_line_to (cr, width - 4, yy);
      cairo_stroke (cr);
      set_color (cr, &style->foreground);
      show_at (cr, layout, t, left - 5, yy, 1.0, 0.5);
    }
  show_at (cr, layout, "¥", 2, 0, 0.0, 0.0);
  return left;
}

/* `text` in the middle of the chart instead of a plot, and the chart's
 * end. */
static void
report_missing (cairo_t            *cr,
                PangoLayout        *layout,
                const JcChartStyle *style,
                double              w,
                double              h,
                const char         *text)
{
  set_color (cr, &style->guide);
  show_at (cr, layout, text, w / 2, h / 2, 0.5, 0.5);
  report_end (cr, layout);
}

void
jc_chart_paint_spend_trend (cairo_t           *cr,
                            double             x,
                            double             y,
                            double             w,
                            double             h,
                            const gint64      *fen,
                            const char *const *month_labels,
                            guint              n)
{
  JcChartStyle style;
  PangoLayout *layout;
  gint64 lo = 0, hi = 0, alo, ahi, step;
  int tw = 0, th = 0;
  double top, plot_h, left, slot;
  guint every = 1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n == 0 || fen != NULL);
  if (!report_begin (cr, x, y, w, h, &style, &layout))
    return;
  if (n == 0)
    {
      report_missing (cr, layout, &style, w, h, _("No data"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, fen[i]);
      hi = MAX (hi, fen[i]);
    }
  set_text (layout, "2026-10", &tw, &th);
  top = th + 6;
  plot_h = MAX (h - top - th - 8, 1);
  step = fen_axis (lo, hi, (guint) CLAMP (plot_h / 30.0, 2.0, 6.0), &alo, &ahi);
  left = paint_fen_axis (cr, layout, &style, alo, ahi, step, top, plot_h, w);
  slot = MAX (w - left - 4, 1) / n;
  while (every < n && slot * every < tw + 6)
    every++;
  for (guint i = 0; i < n; i++)
    {
      double bx = left + slot * i + slot * 0.15;
      double y0 = y_of_fen (0, alo, ahi, top, plot_h);
      double y1 = y_of_fen (fen[i], alo, ahi, top, plot_h);

      set_color (cr, i + 1 == n ? &color_total : &color_muted);
      cairo_rectangle (cr, bx, MIN (y0, y1), slot * 0.7, MAX (fabs (y1 - y0), 0.5));
      cairo_fill (cr);
      if (month_labels != NULL && month_labels[i] != NULL && (n - 1 - i) % every == 0)
        {
          set_color (cr, &style.foreground);
          show_at (cr, layout, month_labels[i], left + slot * (i + 0.5), top + plot_h + 4,
                   0.5, 0.0);
        }
    }
  report_end (cr, layout);
}

/* Two series as lines over the same x slots, with value labels of
 * `decimals` decimals; `reference` (finite) is kept in range and drawn
 * dashed.  A NaN leaves a gap. */
static void
paint_two_lines (cairo_t           *cr,
                 double             x,
                 double             y,
                 double             w,
                 double             h,
                 const double      *ours,
                 const double      *market,
                 const char        *name_ours,
                 const char        *name_market,
                 const char *const *labels,
                 guint              n,
                 double             reference,
                 int                decimals,
                 const char        *missing)
{
  JcChartStyle style;
  PangoLayout *layout;
  const double *series[2] = { ours, market };
  const JcChartColor *colors[2] = { &color_total, &color_market };
  const char *names[2] = { name_ours, name_market };
  gboolean has_ref = isfinite (reference);
  double lo = has_ref ? reference : INFINITY, hi = has_ref ? reference : -INFINITY;
  double stepv, top, plot_h, left = 0, slot, min_step = pow (10.0, -decimals), legend_x;
  int tw = 0, th = 0;
  guint every = 1, n_ticks;
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL);
  if (!report_begin (cr, x, y, w, h, &style, &layout))
    return;
  for (guint s = 0; s < 2; s++)
    for (guint i = 0; series[s] != NULL && i < n; i++)
      if (isfinite (series[s][i]))
        {
          lo = MIN (lo, series[s][i]);
          hi = MAX (hi, series[s][i]);
          any = TRUE;
        }
  if (!any)
    {
      report_missing (cr, layout, &style, w, h, missing);
      return;
    }
  set_text (layout, "2026-10", &tw, &th);
  top = th + 8;
  plot_h = MAX (h - top - th - 8, 1);
  n_ticks = (guint) CLAMP (plot_h / 30.0, 2.0, 6.0);
  /* 1, 2 or 5 × 10^k */
  {
    double raw = MAX ((hi - lo) / n_ticks, min_step);
    double mag = pow (10.0, floor (log10 (raw)));

    stepv = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
    lo = floor (lo / stepv) * stepv;
    hi = ceil (hi / stepv) * stepv;
    if (hi - lo < stepv)
      hi = lo + stepv;
  }
  for (double v = lo; v <= hi + stepv / 2; v += stepv)
    {
      g_autofree char *t = g_strdup_printf ("%.*f", decimals, v);

      set_text (layout, t, &tw, &th);
      left = MAX (left, (double) tw);
    }
  left += 10;
  for (double v = lo; v <= hi + stepv / 2; v += stepv)
    {
      g_autofree char *t = g_strdup_printf ("%.*f", decimals, v);
      double yy = round (top + plot_h - (v - lo) / (hi - lo) * plot_h) + 0.5;

      set_color (cr, &style.grid);
      cairo_move_to (cr, left, yy);
      cairo_line_to (cr, w - 4, yy);
      cairo_stroke (cr);
      set_color (cr, &style.foreground);
      show_at (cr, layout, t, left - 5, yy, 1.0, 0.5);
    }
  /* the base, dashed */
  if (has_ref)
    {
      static const double dash[] = { 4.0, 3.0 };
      double yy = top + plot_h - (reference - lo) / (hi - lo) * plot_h;

      set_color (cr, &style.guide);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, left, yy);
      cairo_line_to (cr, w - 4, yy);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  slot = MAX (w - left - 4, 1) / MAX (n, 1);
  set_text (layout, "2026-10", &tw, &th);
  while (every < n && slot * every < tw + 6)
    every++;
  for (guint i = 0; labels != NULL && i < n; i++)
    if (labels[i] != NULL && (n - 1 - i) % every == 0)
      {
        set_color (cr, &style.foreground);
        show_at (cr, layout, labels[i], left + slot * (i + 0.5), top + plot_h + 4, 0.5, 0.0);
      }
  cairo_set_line_width (cr, 2.0);
  legend_x = left + 4;
  for (guint s = 0; s < 2; s++)
    {
      gboolean pen = FALSE;

      if (series[s] == NULL)
        continue;
      set_color (cr, colors[s]);
      for (guint i = 0; i < n; i++)
        {
          double px = left + slot * (i + 0.5);
          double py;

          if (!isfinite (series[s][i]))
            {
              pen = FALSE;
              continue;
            }
          py = top + plot_h - (series[s][i] - lo) / (hi - lo) * plot_h;
          if (pen)
            cairo_line_to (cr, px, py);
          else
            cairo_move_to (cr, px, py);
          pen = TRUE;
          cairo_arc (cr, px, py, 2.0, 0, 2 * G_PI);
          cairo_move_to (cr, px, py);
        }
      cairo_stroke (cr);
      /* the legend */
      cairo_rectangle (cr, legend_x, 3, 14, 4);
      cairo_fill (cr);
      set_color (cr, &style.foreground);
      show_at (cr, layout, names[s], legend_x + 18, 5, 0.0, 0.5);
      set_text (layout, names[s], &tw, &th);
      legend_x += MAX (90.0, tw + 36.0);
    }
  report_end (cr, layout);
}

void
jc_chart_paint_index_compare (cairo_t           *cr,
                              double             x,
                              double             y,
                              double             w,
                              double             h,
                              const double      *ours,
                              const double      *market,
                              const char *const *labels,
                              guint              n)
{
  paint_two_lines (cr, x, y, w, h, ours, market, _("Ours"), _("Market"), labels, n, 100.0, 1,
                   _("No price index"));
}

void
jc_chart_paint_price_compare (cairo_t           *cr,
                              double             x,
                              double             y,
                              double             w,
                              double             h,
                              const gint64      *ours_milliyuan,
                              const gboolean    *has_ours,
                              const gint64      *market_milliyuan,
                              const gboolean    *has_market,
                              const char        *name_ours,
                              const char        *name_market,
                              const char *const *labels,
                              guint              n)
{
  g_autofree double *a = g_new (double, MAX (n, 1));
  g_autofree double *b = g_new (double, MAX (n, 1));

  g_return_if_fail (n == 0 || (ours_milliyuan != NULL && has_ours != NULL &&
                               market_milliyuan != NULL && has_market != NULL));
  /* yuan as pixel geometry and axis labels only */
  for (guint i = 0; i < n; i++)
    {
      a[i] = has_ours[i] ? (double) ours_milliyuan[i] / 1000.0 : NAN;
      b[i] = has_market[i] ? (double) market_milliyuan[i] / 1000.0 : NAN;
    }
  paint_two_lines (cr, x, y, w, h, a, b, name_ours, name_market, labels, n, NAN, 2,
                   _("No unit cost and no market price"));
}

/* The running totals of a waterfall: bar i goes from from[i] to to[i]. */
static void
waterfall_bars (gint64  base_fen,
                gint64  price_fen,
                gint64  volume_fen,
                gint64  new_fen,
                gint64  dropped_fen,
                gint64  total_fen,
                gint64 *from,
                gint64 *to)
{
  gint64 effects[4] = { price_fen, volume_fen, new_fen, dropped_fen };
  gint64 run = base_fen;

  from[0] = 0;
  to[0] = base_fen;
  for (guint i = 0; i < 4; i++)
    {
      from[i + 1] = run;
      run += effects[i];
      to[i + 1] = run;
    }
  from[5] = 0;
  to[5] = total_fen;
}

/**
 * jc_chart_waterfall_axis:
 * The value axis of jc_chart_paint_waterfall(): whole steps from `lo` to
 * `hi` (fen), about `n_ticks` of them.  When the effects are small beside
 * the two totals, the axis starts near the lowest running total instead of
 * zero, so that the effects can be seen; the two full bars are then cut
 * and the axis is drawn broken.  Returns: TRUE when the axis does not
 * start at zero (`lo` > 0: a broken axis).
 */
gboolean
jc_chart_waterfall_axis (gint64  base_fen,
                         gint64  price_fen,
                         gint64  volume_fen,
                         gint64  new_fen,
                         gint64  dropped_fen,
                         gint64  total_fen,
                         guint   n_ticks,
                         gint64 *lo,
                         gint64 *hi,
                         gint64 *step)
{
  gint64 from[6], to[6];
  gint64 dlo = 0, dhi = 0, tlo = G_MAXINT64, thi = G_MININT64;

  g_return_val_if_fail (lo != NULL && hi != NULL && step != NULL, FALSE);

  n_ticks = MAX (n_ticks, 2);
  waterfall_bars (base_fen, price_fen, volume_fen, new_fen, dropped_fen, total_fen, from, to);
  for (guint i = 0; i < 6; i++)
    {
      dlo = MIN (dlo, MIN (from[i], to[i]));
      dhi = MAX (dhi, MAX (from[i], to[i]));
      tlo = MIN (tlo, i == 0 || i == 5 ? to[i] : MIN (from[i], to[i]));
      thi = MAX (thi, MAX (from[i], to[i]));
    }
  *step = fen_axis (dlo, dhi, n_ticks, lo, hi);
  if (tlo > 0 && thi - tlo < thi / 4)
    {
      gint64 span = MAX (thi - tlo, 1);

      *step = fen_axis (0, span + span / 2, n_ticks, lo, hi);
      *lo = MAX ((tlo - span / 2) / *step * *step, 0);
      *hi = *lo + (thi - *lo + *step - 1) / *step * *step;
    }
  return *lo > 0;
}

/* The standard break mark: a band of the background between two parallel
 * zig-zags, across [x0, x1] around `y`. */
static void
paint_break_mark (cairo_t            *cr,
                  const JcChartStyle *style,
                  double              x0,
                  double              x1,
                  double              y)
{
  const double amp = 2.5, gap = 2.0, period = 5.0;
  int n = MAX ((int) ceil ((x1 - x0) / period), 1);
  double step = (x1 - x0) / n;

  cairo_save (cr);
  /* the band */
  cairo_move_to (cr, x0, y - gap);
  for (int i = 1; i <= n; i++)
    cairo_line_to (cr, x0 + step * i, y - gap + (i % 2 ? -amp : amp) * 0.5);
  for (int i = n; i >= 0; i--)
    cairo_line_to (cr, x0 + step * i, y + gap + (i % 2 ? -amp : amp) * 0.5);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  /* its two edges */
  set_color (cr, &style->foreground);
  cairo_set_line_width (cr, 0.8);
  for (int e = -1; e <= 1; e += 2)
    {
      cairo_move_to (cr, x0, y + e * gap + amp * 0.5);
      for (int i = 1; i <= n; i++)
        cairo_line_to (cr, x0 + step * i, y + e * gap + (i % 2 ? -amp : amp) * 0.5);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
jc_chart_paint_waterfall (cairo_t           *cr,
                          double             x,
                          double             y,
                          double             w,
                          double             h,
                          gint64             base_fen,
                          gint64             price_fen,
                          gint64             volume_fen,
                          gint64             new_fen,
                          gint64             dropped_fen,
                          gint64             total_fen,
                          const char *const *labels)
{
  static const char *const default_labels[] = {
    "上年同月 Base", "价格 Price", "数量 Volume", "新增 New", "停购 Dropped", "本月 This month",
  };
  /* the room under the plot for the break mark of a broken axis */
  const double break_h = 12.0;
  JcChartStyle style;
  PangoLayout *layout;
  gint64 from[6], to[6];
  gint64 alo, ahi, step;
  int tw = 0, th = 0;
  double top, plot_h, left, slot, bottom;
  gboolean broken;

  g_return_if_fail (cr != NULL);
  if (labels == NULL)
    labels = default_labels;
  if (!report_begin (cr, x, y, w, h, &style, &layout))
    return;
  waterfall_bars (base_fen, price_fen, volume_fen, new_fen, dropped_fen, total_fen, from, to);
  set_text (layout, "0", &tw, &th);
  top = th + 6;
  plot_h = MAX (h - top - 2 * th - 10, 1);
  broken = jc_chart_waterfall_axis (base_fen, price_fen, volume_fen, new_fen, dropped_fen,
                                    total_fen, (guint) CLAMP (plot_h / 30.0, 2.0, 6.0),
                                    &alo, &ahi, &step);
  if (broken)
    {
      /* a line for the note above the amounts over the bars */
      top += th + 2;
      plot_h = MAX (plot_h - break_h - th - 2, 1);
      step = 0;
      jc_chart_waterfall_axis (base_fen, price_fen, volume_fen, new_fen, dropped_fen, total_fen,
                               (guint) CLAMP (plot_h / 30.0, 2.0, 6.0), &alo, &ahi, &step);
    }
  bottom = top + plot_h + (broken ? break_h : 0);
  left = paint_fen_axis (cr, layout, &style, alo, ahi, step, top, plot_h, w);
  slot = MAX (w - left - 4, 1) / 6.0;
  if (broken)
    {
      g_autofree char *from_text = jc_chart_format_axis_fen (alo, step);
      /* TRANSLATORS: above a chart whose value axis does not start at zero;
       * %s is the amount in yuan where it starts, "2,050,000" */
      g_autofree char *note = g_strdup_printf (_("Axis broken: starts at ¥%s, not 0"), from_text);

      /* the value axis, down through the break to the zero line */
      set_color (cr, &style.foreground);
      cairo_move_to (cr, round (left) + 0.5, top);
      cairo_line_to (cr, round (left) + 0.5, bottom);
      cairo_move_to (cr, left, round (bottom) + 0.5);
      cairo_line_to (cr, w - 4, round (bottom) + 0.5);
      cairo_stroke (cr);
      show_at (cr, layout, note, w - 4, 0, 1.0, 0.0);
    }
  pango_layout_set_width (layout, (int) (MAX (slot - 2, 1) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  for (guint i = 0; i < 6; i++)
    {
      double bx = left + slot * i + slot * 0.18;
      /* a full bar stands on the zero line, under the break when there is one */
      double y0 = (i == 0 || i == 5) ? (broken ? bottom : y_of_fen (0, alo, ahi, top, plot_h))
                                     : y_of_fen (from[i], alo, ahi, top, plot_h);
      double y1 = y_of_fen (to[i], alo, ahi, top, plot_h);
      g_autofree char *value = format_amount (i == 0 || i == 5 ? to[i] : to[i] - from[i]);
      const JcChartColor *c;

      if (i == 0 || i == 5)
        c = &color_total;
      else
        c = to[i] >= from[i] ? &color_rise : &color_fall;
      set_color (cr, c);
      cairo_rectangle (cr, bx, MIN (y0, y1), slot * 0.64, MAX (fabs (y1 - y0), 1.0));
      cairo_fill (cr);
      if ((i == 0 || i == 5) && broken)
        paint_break_mark (cr, &style, bx - 2, bx + slot * 0.64 + 2, top + plot_h + break_h / 2);
      if (i < 5)
        {
          /* the connector to the next bar */
          double yy = round (y1) + 0.5;

          set_color (cr, &style.guide);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, bx + slot * 0.64, yy);
          cairo_line_to (cr, bx + slot, yy);
          cairo_stroke (cr);
          cairo_set_line_width (cr, 1.0);
        }
      set_color (cr, &style.foreground);
      pango_layout_set_text (layout, value, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, left + slot * i + 1, MIN (y0, y1) - th - 1);
      pango_cairo_show_layout (cr, layout);
      pango_layout_set_text (layout, labels[i] != NULL ? labels[i] : "", -1);
      cairo_move_to (cr, left + slot * i + 1, bottom + 3);
      pango_cairo_show_layout (cr, layout);
    }
  if (broken)
    paint_break_mark (cr, &style, left - 5, left + 5, top + plot_h + break_h / 2);
  report_end (cr, layout);
}

/* Bars with `labels`; a label wider than the label column is replaced by
 * its entry in `short_labels` (when there is one), else ellipsized. */
static void
paint_bars (cairo_t           *cr,
            double             x,
            double             y,
            double             w,
            double             h,
            const gint64      *values_fen,
            const char *const *labels,
            const char *const *short_labels,
            guint              n)
{
  JcChartStyle style;
  PangoLayout *layout;
  gint64 lo = 0, hi = 0;
  double label_w = 0, value_w = 0, row_h, x0, span;
  int tw, th;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n == 0 || values_fen != NULL);
  if (!report_begin (cr, x, y, w, h, &style, &layout))
    return;
  if (n == 0)
    {
      report_missing (cr, layout, &style, w, h, _("No data"));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = format_amount (values_fen[i]);

      lo = MIN (lo, values_fen[i]);
      hi = MAX (hi, values_fen[i]);
      set_text (layout, labels != NULL && labels[i] != NULL ? labels[i] : "", &tw, &th);
      label_w = MAX (label_w, (double) tw);
      set_text (layout, v, &tw, &th);
      value_w = MAX (value_w, (double) tw);
    }
  label_w = MIN (label_w, w * 0.35) + 6;
  value_w += 6;
  if (hi == lo)
    hi = lo + 1;
  row_h = h / n;
  span = MAX (w - label_w - value_w - 4, 1);
  /* the zero line */
  x0 = label_w + (double) (0 - lo) / (double) (hi - lo) * span;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = format_amount (values_fen[i]);
      double bx = label_w + (double) (values_fen[i] - lo) / (double) (hi - lo) * span;
      double bh = MIN (row_h * 0.7, 18.0);
      double cy = row_h * (i + 0.5);
      const char *label = labels != NULL && labels[i] != NULL ? labels[i] : "";

      set_color (cr, values_fen[i] >= 0 ? &color_total : &color_fall);
      cairo_rectangle (cr, MIN (x0, bx), cy - bh / 2, MAX (fabs (bx - x0), 1.0), bh);
      cairo_fill (cr);
      set_color (cr, &style.foreground);
      set_text (layout, label, &tw, &th);
      if (tw > label_w - 6 && short_labels != NULL && short_labels[i] != NULL)
        label = short_labels[i];
      pango_layout_set_width (layout, (int) ((label_w - 6) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      show_at (cr, layout, label, 0, cy, 0.0, 0.5);
      pango_layout_set_width (layout, -1);
      show_at (cr, layout, v, MAX (x0, bx) + 4, cy, 0.0, 0.5);
    }
  set_color (cr, &style.foreground);
  cairo_move_to (cr, round (x0) + 0.5, 0);
  cairo_line_to (cr, round (x0) + 0.5, h);
  cairo_stroke (cr);
  report_end (cr, layout);
}

void
jc_chart_paint_bars (cairo_t           *cr,
                     double             x,
                     double             y,
                     double             w,
                     double             h,
                     const gint64      *values_fen,
                     const char *const *labels,
                     guint              n)
{
  paint_bars (cr, x, y, w, h, values_fen, labels, NULL, n);
}

void
jc_chart_paint_named_bars (cairo_t           *cr,
                           double             x,
                           double             y,
                           double             w,
                           double             h,
                           const gint64      *values_fen,
                           const char *const *names,
                           const char *const *codes,
                           guint              n)
{
  paint_bars (cr, x, y, w, h, values_fen, names, codes, n);
}
