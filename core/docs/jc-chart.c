/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-chart.c: a price history on any cairo surface. */
#include "config.h"

#define G_LOG_DOMAIN "jc-chart"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-chart.h"
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
  guint64 y, m, d;

  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return 0;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    return (gint32) g_date_get_julian (&date);
  }
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

  date_from_day (day, &date);
  switch (step->kind)
    {
    case STEP_DAY:
    case STEP_WEEK:
      return g_strdup_printf ("%02u-%02u", (guint) g_date_get_month (&date),
                              (guint) g_date_get_day (&date));
    case STEP_MONTH:
      return g_strdup_printf ("%04u-%02u", (guint) g_date_get_year (&date),
                              (guint) g_date_get_month (&date));
    case STEP_YEAR:
    default:
      return g_strdup_printf ("%04u", (guint) g_date_get_year (&date));
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
static gint64
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

static void
set_color (cairo_t            *cr,
           const JcChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
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

/* ---- report charts ---------------------------------------------------- */

#define REPORT_FONT "Noto Sans CJK SC 7.5"

/* A rise is red and a fall green, as Chinese financial reports colour them. */
static const JcChartColor color_rise = { 0.80, 0.15, 0.15, 1.0 };
static const JcChartColor color_fall = { 0.10, 0.55, 0.25, 1.0 };
static const JcChartColor color_total = { 0.208, 0.518, 0.894, 1.0 };
static const JcChartColor color_muted = { 0.208, 0.518, 0.894, 0.55 };
static const JcChartColor color_market = { 0.90, 0.50, 0.10, 1.0 };

/* Saves `cr`, clips to the rectangle, moves the origin there and returns
 * a layout in the report font. */
static PangoLayout *
report_begin (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h)
{
  PangoLayout *layout;
  PangoFontDescription *font;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_set_line_width (cr, 1.0);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string (REPORT_FONT);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
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

/* "-2050000.50" → "-2,050,000.50": groups of three digits before the point,
 * as the pages write money (jc_order_format_money) in both languages */
static char *
group_digits (const char *plain)
{
  const char *digits = plain[0] == '-' ? plain + 1 : plain;
  const char *dot = strchr (digits, '.');
  gsize n_int = dot != NULL ? (gsize) (dot - digits) : strlen (digits);
  GString *s = g_string_new (plain[0] == '-' ? "-" : NULL);

  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  if (dot != NULL)
    g_string_append (s, dot);
  return g_string_free (s, FALSE);
}

/* An amount of fen as the charts write it next to a bar: "1,234.50". */
static char *
format_amount (gint64 fen)
{
  g_autofree char *plain = jc_format_fen (fen);

  return group_digits (plain);
}

/**
 * jc_chart_format_axis_fen:
 * Returns: (transfer full): the label of a value-axis tick at `fen`: whole
 * yuan when `step` (fen) is a whole number of yuan, with digit groups
 * ("2,050,000", "-1,234.50").
 */
char *
jc_chart_format_axis_fen (gint64 fen,
                          gint64 step)
{
  g_autofree char *plain = NULL;

  if (step > 0 && step % 100 == 0)
    plain = g_strdup_printf ("%" G_GINT64_FORMAT, fen / 100);
  else
    plain = jc_format_fen (fen);
  return group_digits (plain);
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

static void
paint_title_missing (cairo_t            *cr,
                     PangoLayout        *layout,
                     const JcChartStyle *style,
                     double              w,
                     double              h,
                     const char         *text)
{
  set_color (cr, &style->guide);
  show_at (cr, layout, text, w / 2, h / 2, 0.5, 0.5);
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
  if (w < 1 || h < 1)
    return;
  jc_chart_style_init (&style);
  layout = report_begin (cr, x, y, w, h);
  if (n == 0)
    {
      paint_title_missing (cr, layout, &style, w, h, _("No data"));
      report_end (cr, layout);
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
  if (w < 1 || h < 1)
    return;
  jc_chart_style_init (&style);
  layout = report_begin (cr, x, y, w, h);
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
      paint_title_missing (cr, layout, &style, w, h, missing);
      report_end (cr, layout);
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
  if (w < 1 || h < 1)
    return;
  if (labels == NULL)
    labels = default_labels;
  jc_chart_style_init (&style);
  layout = report_begin (cr, x, y, w, h);
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
  if (w < 1 || h < 1)
    return;
  jc_chart_style_init (&style);
  layout = report_begin (cr, x, y, w, h);
  if (n == 0)
    {
      paint_title_missing (cr, layout, &style, w, h, _("No data"));
      report_end (cr, layout);
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
