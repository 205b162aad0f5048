/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-chart.c: a price history on any cairo surface — the chart object, its
 * layout, axes and series; the cost review's charts are jc-report-chart.c. */
#include "config.h"

#define G_LOG_DOMAIN "jc-chart"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-date.h"
#include "jc-chart-private.h"
#include "jc-units.h"

#define DEFAULT_FONT "Sans 9"
#define TICK_LEN 4.0
#define LABEL_GAP 14.0      /* between two date labels, pixels */
#define MIN_Y_STEP 10       /* 0.01 yuan */

struct _JcChart {
  GArray       *points;   /* JcPricePoint, by date */
  GArray       *days;     /* gint32 Julian day of each point */
  char         *from;
  char         *to;
  char         *unit;
  char         *empty_text;
  char         *font;
  JcChartStyle  style;
  int           hover;

  /* the layout of the last paint */
  gboolean      laid_out;
  JcChartRect   plot;
  gint32        d0, d1;   /* the x domain, d1 > d0 */
  gboolean      has_y;
  gint64        y_min, y_max;
};

typedef enum {
  STEP_DAY,
  STEP_WEEK,
  STEP_MONTH,
  STEP_YEAR,
} StepKind;

typedef struct {
  StepKind kind;
  guint    n;
} Step;

static const Step x_steps[] = {
  { STEP_DAY, 1 }, { STEP_DAY, 2 }, { STEP_WEEK, 1 }, { STEP_WEEK, 2 },
  { STEP_MONTH, 1 }, { STEP_MONTH, 2 }, { STEP_MONTH, 3 }, { STEP_MONTH, 6 },
  { STEP_YEAR, 1 }, { STEP_YEAR, 2 }, { STEP_YEAR, 5 }, { STEP_YEAR, 10 },
  { STEP_YEAR, 25 }, { STEP_YEAR, 100 },
};

/* ---- dates ------------------------------------------------------------ */

/* "YYYY-MM-DD" (anything may follow) → Julian day, 0 when it is not one. */
static gint32
parse_day (const char *text)
{
  char head[JC_DATE_LEN];
  GDate date;

  if (text == NULL || strlen (text) < 10)
    return 0;
  g_strlcpy (head, text, sizeof head);
  if (!jc_date_parse (head, &date))
    return 0;
  return (gint32) g_date_get_julian (&date);
}

static void
date_from_day (gint32  day,
               GDate  *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) day);
}

static gboolean
is_tick (gint32      day,
         const Step *step)
{
  GDate date;

  if (step->kind == STEP_DAY)
    return day % (gint32) step->n == 0;
  date_from_day (day, &date);
  switch (step->kind)
    {
    case STEP_WEEK:
      return g_date_get_weekday (&date) == G_DATE_MONDAY && (day / 7) % (gint32) step->n == 0;
    case STEP_MONTH:
      return g_date_get_day (&date) == 1 && (g_date_get_month (&date) - 1) % step->n == 0;
    case STEP_YEAR:
      return g_date_get_day_of_year (&date) == 1 && g_date_get_year (&date) % step->n == 0;
    case STEP_DAY:
    default:
      return FALSE;
    }
}

static char *
format_tick (gint32      day,
             const Step *step)
{
  GDate date;
  char text[JC_DATE_LEN];

  date_from_day (day, &date);
  jc_date_format (&date, text);   /* "YYYY-MM-DD" */
  switch (step->kind)
    {
    case STEP_DAY:
    case STEP_WEEK:
      return g_strdup (text + 5);         /* "MM-DD" */
    case STEP_MONTH:
      return g_strndup (text, 7);         /* "YYYY-MM" */
    case STEP_YEAR:
    default:
      return g_strndup (text, 4);         /* "YYYY" */
    }
}

/* ---- the object ------------------------------------------------------- */

/**
 * jc_chart_style_init:
 * Fills `style` with colours for a light background and the default font.
 */
void
jc_chart_style_init (JcChartStyle *style)
{
  g_return_if_fail (style != NULL);

  style->foreground = (JcChartColor) { 0.0, 0.0, 0.0, 0.8 };
  style->grid = (JcChartColor) { 0.0, 0.0, 0.0, 0.1 };
  /* Adwaita's blue 3, #3584e4 */
  style->band = (JcChartColor) { 0.208, 0.518, 0.894, 0.22 };
  style->line = (JcChartColor) { 0.208, 0.518, 0.894, 1.0 };
  style->guide = (JcChartColor) { 0.0, 0.0, 0.0, 0.45 };
  style->label_bg = (JcChartColor) { 1.0, 1.0, 1.0, 0.92 };
  style->font = NULL;
}

/**
 * jc_chart_new:
 * Returns: (transfer full): an empty chart; free with jc_chart_free().
 */
JcChart *
jc_chart_new (void)
{
  JcChart *chart = g_new0 (JcChart, 1);

  chart->points = g_array_new (FALSE, TRUE, sizeof (JcPricePoint));
  chart->days = g_array_new (FALSE, TRUE, sizeof (gint32));
  chart->hover = -1;
  jc_chart_style_init (&chart->style);
  return chart;
}

void
jc_chart_free (JcChart *chart)
{
  if (chart == NULL)
    return;
  g_array_unref (chart->points);
  g_array_unref (chart->days);
  g_free (chart->from);
  g_free (chart->to);
  g_free (chart->unit);
  g_free (chart->empty_text);
  g_free (chart->font);
  g_free (chart);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const JcPricePoint *) a)->date, ((const JcPricePoint *) b)->date);
}

void
jc_chart_set_points (JcChart            *chart,
                     const JcPricePoint *points,
                     guint               n)
{
  gboolean sorted = TRUE;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (points != NULL || n == 0);

  g_array_set_size (chart->points, 0);
  g_array_set_size (chart->days, 0);
  for (guint i = 0; i < n; i++)
    if (parse_day (points[i].date) != 0)
      g_array_append_val (chart->points, points[i]);
  for (guint i = 1; i < chart->points->len; i++)
    if (compare_points (&g_array_index (chart->points, JcPricePoint, i - 1),
                        &g_array_index (chart->points, JcPricePoint, i)) > 0)
      sorted = FALSE;
  if (!sorted)
    g_array_sort (chart->points, compare_points);
  for (guint i = 0; i < chart->points->len; i++)
    {
      gint32 day = parse_day (g_array_index (chart->points, JcPricePoint, i).date);

      g_array_append_val (chart->days, day);
    }
  chart->hover = -1;
  chart->laid_out = FALSE;
  chart->has_y = FALSE;
}

guint
jc_chart_get_n_points (JcChart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->points->len;
}

const JcPricePoint *
jc_chart_get_point (JcChart *chart,
                    guint    index)
{
  g_return_val_if_fail (chart != NULL, NULL);

  if (index >= chart->points->len)
    return NULL;
  return &g_array_index (chart->points, JcPricePoint, index);
}

void
jc_chart_set_domain (JcChart    *chart,
                     const char *from,
                     const char *to)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->from);
  g_free (chart->to);
  chart->from = g_strdup (from);
  chart->to = g_strdup (to);
}

void
jc_chart_set_unit (JcChart    *chart,
                   const char *unit)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->unit);
  chart->unit = g_strdup (unit);
}

void
jc_chart_set_empty_text (JcChart    *chart,
                         const char *text)
{
  g_return_if_fail (chart != NULL);

  g_free (chart->empty_text);
  chart->empty_text = g_strdup (text);
}

void
jc_chart_set_style (JcChart            *chart,
                    const JcChartStyle *style)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (style != NULL);

  g_free (chart->font);
  chart->style = *style;
  chart->font = g_strdup (style->font);
  chart->style.font = chart->font;
}

void
jc_chart_set_hover (JcChart *chart,
                    int      index)
{
  g_return_if_fail (chart != NULL);

  chart->hover = index >= 0 && (guint) index < chart->points->len ? index : -1;
}

int
jc_chart_get_hover (JcChart *chart)
{
  g_return_val_if_fail (chart != NULL, -1);

  return chart->hover;
}

/* ---- layout ----------------------------------------------------------- */

/* 1, 2 or 5 × 10^k milli-yuan, at least `raw`, at least MIN_Y_STEP. */
gint64
nice_step (gint64 raw)
{
  static const gint64 mantissas[] = { 1, 2, 5, 10 };
  gint64 mag = 1;

  if (raw <= MIN_Y_STEP)
    return MIN_Y_STEP;
  while (mag <= G_MAXINT64 / 10 && mag * 10 <= raw)
    mag *= 10;
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * mag >= raw)
      return mantissas[i] * mag;
  return 10 * mag;
}

static void
data_range (JcChart *chart,
            gint64  *lo,
            gint64  *hi)
{
  *lo = G_MAXINT64;
  *hi = G_MININT64;
  for (guint i = 0; i < chart->points->len; i++)
    {
      const JcPricePoint *p = &g_array_index (chart->points, JcPricePoint, i);

      *lo = MIN (*lo, MIN (p->low_milliyuan, p->avg_milliyuan));
      *hi = MAX (*hi, MAX (p->high_milliyuan, p->avg_milliyuan));
    }
}

/* The price axis: whole steps around the data; a flat series gets room
 * above and below so that its line sits in the middle. */
static gint64
layout_y (JcChart *chart,
          double   plot_height)
{
  gint64 lo, hi, step;
  guint n_ticks = (guint) CLAMP (plot_height / 40.0, 2.0, 8.0);

  data_range (chart, &lo, &hi);
  if (lo == hi)
    {
      gint64 pad = MAX (lo / 10, 100);

      lo = MAX (lo - pad, MIN (lo, 0));
      hi = hi + pad;
    }
  step = nice_step ((hi - lo + n_ticks - 1) / n_ticks);
  /* floor and ceiling to whole steps, for negative values too */
  chart->y_min = lo >= 0 ? lo / step * step : -((-lo + step - 1) / step) * step;
  chart->y_max = hi >= 0 ? (hi + step - 1) / step * step : -(-hi / step) * step;
  if (chart->y_max == chart->y_min)
    chart->y_max += step;
  chart->has_y = TRUE;
  return step;
}

static void
layout_x_domain (JcChart *chart)
{
  gint32 from = parse_day (chart->from);
  gint32 to = parse_day (chart->to);

  chart->d0 = from;
  chart->d1 = to;
  if (chart->days->len > 0)
    {
      gint32 first = g_array_index (chart->days, gint32, 0);
      gint32 last = g_array_index (chart->days, gint32, chart->days->len - 1);

      chart->d0 = from != 0 ? MIN (from, first) : first;
      chart->d1 = to != 0 ? MAX (to, last) : last;
    }
  if (chart->d0 == 0 && chart->d1 == 0)
    {
      chart->d0 = 2;
      chart->d1 = 3;
    }
  else if (chart->d0 == 0)
    chart->d0 = chart->d1;
  else if (chart->d1 == 0)
    chart->d1 = chart->d0;
  if (chart->d1 <= chart->d0)
    {
      /* one day: put it in the middle */
      gint32 mid = chart->d0;

      chart->d0 = MAX (mid - 1, 1);
      chart->d1 = mid + 1;
    }
}

static double
x_for_day (JcChart *chart,
           double   day)
{
  /* each day is a slot, its point in the middle: the first and the last
   * point are not cut by the edges */
  return chart->plot.x + (day - chart->d0 + 0.5) / (double) (chart->d1 - chart->d0 + 1)
                         * chart->plot.width;
}

double
jc_chart_x_for_index (JcChart *chart,
                      guint    index)
{
  g_return_val_if_fail (chart != NULL, 0.0);
  g_return_val_if_fail (index < chart->days->len, 0.0);

  return x_for_day (chart, g_array_index (chart->days, gint32, index));
}

double
jc_chart_y_for_value (JcChart *chart,
                      gint64   milliyuan)
{
  g_return_val_if_fail (chart != NULL, 0.0);

  if (!chart->has_y || chart->y_max <= chart->y_min)
    return chart->plot.y + chart->plot.height;
  return chart->plot.y + chart->plot.height
         - (double) (milliyuan - chart->y_min) / (double) (chart->y_max - chart->y_min)
           * chart->plot.height;
}

gboolean
jc_chart_get_y_range (JcChart *chart,
                      gint64  *min,
                      gint64  *max)
{
  g_return_val_if_fail (chart != NULL, FALSE);

  if (!chart->has_y)
    return FALSE;
  if (min != NULL)
    *min = chart->y_min;
  if (max != NULL)
    *max = chart->y_max;
  return TRUE;
}

gboolean
jc_chart_get_plot_area (JcChart     *chart,
                        JcChartRect *out)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!chart->laid_out)
    return FALSE;
  *out = chart->plot;
  return TRUE;
}

int
jc_chart_index_at (JcChart *chart,
                   double   x)
{
  double day;
  guint lo = 0, hi;
  const gint32 *days;

  g_return_val_if_fail (chart != NULL, -1);

  if (!chart->laid_out || chart->days->len == 0 || chart->plot.width <= 0)
    return -1;
  if (x < chart->plot.x - 8 || x > chart->plot.x + chart->plot.width + 8)
    return -1;
  day = chart->d0 - 0.5 + (x - chart->plot.x) / chart->plot.width * (chart->d1 - chart->d0 + 1);
  days = (const gint32 *) (gpointer) chart->days->data;
  /* the first point on or after `day`, then the nearer of it and the one before */
  hi = chart->days->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (days[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == chart->days->len)
    return (int) lo - 1;
  if (lo > 0 && day - days[lo - 1] < days[lo] - day)
    return (int) lo - 1;
  return (int) lo;
}

/**
 * jc_chart_describe_point:
 * Returns: (transfer full): the day's prices as one line of text.
 */
char *
jc_chart_describe_point (const JcPricePoint *point)
{
  g_autofree char *low = NULL;
  g_autofree char *avg = NULL;
  g_autofree char *high = NULL;

  g_return_val_if_fail (point != NULL, NULL);

  low = jc_format_price (point->low_milliyuan);
  avg = jc_format_price (point->avg_milliyuan);
  high = jc_format_price (point->high_milliyuan);
  /* TRANSLATORS: the prices of one market day under the pointer in a price
   * chart: the date, then the lowest, the average and the highest price in
   * yuan.  Chinese: "%s 低 %s 均 %s 高 %s" */
  return g_strdup_printf (_("%s  Low %s  Avg %s  High %s"), point->date, low, avg, high);
}

/* ---- painting --------------------------------------------------------- */

void
set_color (cairo_t            *cr,
           const JcChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

void
set_text (PangoLayout *layout,
          const char  *text,
          int         *width,
          int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* About how many ticks a step puts on the domain (one more than whole
 * periods fit), without walking the days: this runs on every paint, and
 * a hover repaints. */
static double
estimate_ticks (JcChart    *chart,
                const Step *step)
{
  static const double period_days[] = {
    [STEP_DAY] = 1.0, [STEP_WEEK] = 7.0, [STEP_MONTH] = 30.44, [STEP_YEAR] = 365.25,
  };
  double span = chart->d1 - chart->d0 + 1;

  return span / (period_days[step->kind] * step->n) + 1.0;
}

/* The finest step whose labels fit side by side. */
static const Step *
choose_x_step (JcChart     *chart,
               PangoLayout *layout)
{
  for (guint i = 0; i < G_N_ELEMENTS (x_steps); i++)
    {
      const Step *step = &x_steps[i];
      g_autofree char *sample = format_tick (chart->d0, step);
      int w, h;

      set_text (layout, sample, &w, &h);
      if (estimate_ticks (chart, step) * (w + LABEL_GAP) <= chart->plot.width)
        return step;
    }
  return &x_steps[G_N_ELEMENTS (x_steps) - 1];
}

static void
paint_axes (JcChart     *chart,
            cairo_t     *cr,
            PangoLayout *layout,
            gint64       y_step,
            double       width)
{
  const JcChartRect *p = &chart->plot;
  const Step *step;
  double last_right = -G_MAXDOUBLE;
  int w, h;

  /* horizontal grid and price labels */
  cairo_set_line_width (cr, 1.0);
  for (gint64 v = chart->y_min; chart->has_y && v <= chart->y_max; v += y_step)
    {
      double y = round (jc_chart_y_for_value (chart, v)) + 0.5;
      g_autofree char *text = jc_format_price (v);

      set_color (cr, &chart->style.grid);
      cairo_move_to (cr, p->x, y);
      cairo_line_to (cr, p->x + p->width, y);
      cairo_stroke (cr);
      set_text (layout, text, &w, &h);
      set_color (cr, &chart->style.foreground);
      cairo_move_to (cr, p->x - 6 - w, y - h / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* the axes */
  set_color (cr, &chart->style.guide);
  cairo_move_to (cr, round (p->x) + 0.5, p->y);
  cairo_line_to (cr, round (p->x) + 0.5, p->y + p->height);
  cairo_line_to (cr, p->x + p->width, p->y + p->height);
  cairo_stroke (cr);

  /* dates */
  step = choose_x_step (chart, layout);
  for (gint32 d = chart->d0; d <= chart->d1; d++)
    {
      g_autofree char *text = NULL;
      double x, left;

      if (!is_tick (d, step))
        continue;
      x = round (x_for_day (chart, d)) + 0.5;
      set_color (cr, &chart->style.guide);
      cairo_move_to (cr, x, p->y + p->height);
      cairo_line_to (cr, x, p->y + p->height + TICK_LEN);
      cairo_stroke (cr);
      text = format_tick (d, step);
      set_text (layout, text, &w, &h);
      left = x - w / 2.0;
      /* a label that would run off the edge or into its neighbour waits */
      if (left < 0 || left + w > width || left < last_right + LABEL_GAP / 2)
        continue;
      set_color (cr, &chart->style.foreground);
      cairo_move_to (cr, left, p->y + p->height + TICK_LEN + 2);
      pango_cairo_show_layout (cr, layout);
      last_right = left + w;
    }

  if (chart->unit != NULL && *chart->unit != '\0')
    {
      set_text (layout, chart->unit, &w, &h);
      set_color (cr, &chart->style.foreground);
      cairo_move_to (cr, MAX (p->x - w / 2.0, 2.0), p->y - h - 6);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
paint_segment (JcChart *chart,
               cairo_t *cr,
               guint    first,
               guint    last)
{
  const JcPricePoint *pts = (const JcPricePoint *) (gpointer) chart->points->data;

  if (first == last)
    {
      double x = jc_chart_x_for_index (chart, first);

      set_color (cr, &chart->style.band);
      cairo_set_line_width (cr, 5.0);
      cairo_move_to (cr, x, jc_chart_y_for_value (chart, pts[first].low_milliyuan));
      cairo_line_to (cr, x, jc_chart_y_for_value (chart, pts[first].high_milliyuan));
      cairo_stroke (cr);
      set_color (cr, &chart->style.line);
      cairo_arc (cr, x, jc_chart_y_for_value (chart, pts[first].avg_milliyuan), 3.0, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }

  /* the band: along the highs, back along the lows */
  cairo_move_to (cr, jc_chart_x_for_index (chart, first),
                 jc_chart_y_for_value (chart, pts[first].high_milliyuan));
  for (guint i = first + 1; i <= last; i++)
    cairo_line_to (cr, jc_chart_x_for_index (chart, i),
                   jc_chart_y_for_value (chart, pts[i].high_milliyuan));
  for (guint i = last + 1; i-- > first;)
    cairo_line_to (cr, jc_chart_x_for_index (chart, i),
                   jc_chart_y_for_value (chart, pts[i].low_milliyuan));
  cairo_close_path (cr);
  set_color (cr, &chart->style.band);
  cairo_fill (cr);

  /* the average */
  cairo_move_to (cr, jc_chart_x_for_index (chart, first),
                 jc_chart_y_for_value (chart, pts[first].avg_milliyuan));
  for (guint i = first + 1; i <= last; i++)
    cairo_line_to (cr, jc_chart_x_for_index (chart, i),
                   jc_chart_y_for_value (chart, pts[i].avg_milliyuan));
  set_color (cr, &chart->style.line);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
}

static void
paint_series (JcChart *chart,
              cairo_t *cr)
{
  const gint32 *days = (const gint32 *) (gpointer) chart->days->data;
  guint first = 0;

  cairo_save (cr);
  /* a little beyond the plot, so the line's width is not cut at the edge */
  cairo_rectangle (cr, chart->plot.x, chart->plot.y - 3, chart->plot.width + 3,
                   chart->plot.height + 3);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 1; i <= chart->days->len; i++)
    if (i == chart->days->len || days[i] - days[i - 1] > JC_CHART_MAX_GAP_DAYS)
      {
        paint_segment (chart, cr, first, i - 1);
        first = i;
      }
  cairo_restore (cr);
}

static void
paint_hover (JcChart     *chart,
             cairo_t     *cr,
             PangoLayout *layout)
{
  const JcPricePoint *pt = jc_chart_get_point (chart, (guint) chart->hover);
  const JcChartRect *p = &chart->plot;
  g_autofree char *text = jc_chart_describe_point (pt);
  double x = round (jc_chart_x_for_index (chart, (guint) chart->hover)) + 0.5;
  double bx, by;
  int w, h;

  set_color (cr, &chart->style.guide);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x, p->y);
  cairo_line_to (cr, x, p->y + p->height);
  cairo_stroke (cr);
  for (int k = 0; k < 2; k++)
    {
      double y = jc_chart_y_for_value (chart, k == 0 ? pt->low_milliyuan : pt->high_milliyuan);

      cairo_move_to (cr, x - 4, y);
      cairo_line_to (cr, x + 4, y);
      cairo_stroke (cr);
    }
  set_color (cr, &chart->style.label_bg);
  cairo_arc (cr, x, jc_chart_y_for_value (chart, pt->avg_milliyuan), 5.0, 0, 2 * G_PI);
  cairo_fill (cr);
  set_color (cr, &chart->style.line);
  cairo_arc (cr, x, jc_chart_y_for_value (chart, pt->avg_milliyuan), 3.5, 0, 2 * G_PI);
  cairo_fill (cr);

  set_text (layout, text, &w, &h);
  bx = x + 8;
  if (bx + w + 12 > p->x + p->width)
    bx = x - 8 - w - 12;
  bx = MAX (bx, p->x + 2);
  by = p->y + 4;
  rounded_rect (cr, bx, by, w + 12, h + 8, 4);
  set_color (cr, &chart->style.label_bg);
  cairo_fill_preserve (cr);
  set_color (cr, &chart->style.grid);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  set_color (cr, &chart->style.foreground);
  cairo_move_to (cr, bx + 6, by + 4);
  pango_cairo_show_layout (cr, layout);
}

/**
 * jc_chart_paint:
 * Paints the chart into the rectangle (0, 0, width, height) of `cr`.
 */
void
jc_chart_paint (JcChart *chart,
                cairo_t *cr,
                double   width,
                double   height)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  gint64 y_step = 0;
  int text_w = 0, text_h = 0;
  double left = 0, top, bottom, right;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  chart->laid_out = FALSE;
  chart->has_y = FALSE;
  if (width < 1 || height < 1)
    return;

  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (chart->font ? chart->font : DEFAULT_FONT);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  set_text (layout, "0123456789", &text_w, &text_h);

  top = text_h + 12;
  bottom = text_h + TICK_LEN + 8;
  right = 16;
  layout_x_domain (chart);

  if (chart->points->len == 0)
    {
      const char *text = chart->empty_text ? chart->empty_text : _("No prices in this period");
      int w, h;

      chart->plot = (JcChartRect) { 8, top, MAX (width - 16, 1), MAX (height - top - bottom, 1) };
      chart->laid_out = TRUE;
      pango_layout_set_width (layout, (int) (MAX (width - 16, 1) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      set_text (layout, text, &w, &h);
      set_color (cr, &chart->style.guide);
      cairo_move_to (cr, 8, MAX ((height - h) / 2.0, 0));
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      return;
    }

  /* the price axis first: its labels decide the left margin */
  y_step = layout_y (chart, MAX (height - top - bottom, 1));
  for (gint64 v = chart->y_min; v <= chart->y_max; v += y_step)
    {
      g_autofree char *t = jc_format_price (v);
      int w, h;

      set_text (layout, t, &w, &h);
      left = MAX (left, (double) w);
    }
  left += 12;
  if (chart->unit != NULL)
    {
      int w, h;

      set_text (layout, chart->unit, &w, &h);
      left = MAX (left, w / 2.0 + 4);
    }
  chart->plot = (JcChartRect) { left, top, MAX (width - left - right, 1),
                                MAX (height - top - bottom, 1) };
  chart->laid_out = TRUE;

  paint_axes (chart, cr, layout, y_step, width);
  paint_series (chart, cr);
  if (chart->hover >= 0)
    paint_hover (chart, cr, layout);
  cairo_restore (cr);
}
