/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The price chart on image and PDF surfaces, no display: 0, 1, 2 and 1,000
 * points, gaps, flat series; what is painted where, and the price axis. */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-chart.h"

#define W 640
#define H 320

typedef struct {
  cairo_surface_t *surface;
  cairo_t         *cr;
} Canvas;

static void
canvas_open (Canvas *c)
{
  c->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  c->cr = cairo_create (c->surface);
  cairo_set_source_rgb (c->cr, 1, 1, 1);
  cairo_paint (c->cr);
}

/* For a person to look at, when JICAI_SCREENSHOT_DIR is set. */
static void
canvas_save (Canvas     *c,
             const char *name)
{
  const char *dir = g_getenv ("JICAI_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  assert_int_equal (cairo_surface_write_to_png (c->surface, path), CAIRO_STATUS_SUCCESS);
}

static void
canvas_close (Canvas *c)
{
  cairo_destroy (c->cr);
  cairo_surface_destroy (c->surface);
}

static void
pixel (Canvas *c,
       int     x,
       int     y,
       int    *r,
       int    *g,
       int    *b)
{
  unsigned char *data;
  int stride;
  guint32 px;

  cairo_surface_flush (c->surface);
  data = cairo_image_surface_get_data (c->surface);
  stride = cairo_image_surface_get_stride (c->surface);
  x = CLAMP (x, 0, W - 1);
  y = CLAMP (y, 0, H - 1);
  memcpy (&px, data + y * stride + x * 4, sizeof px);
  *r = (px >> 16) & 0xff;
  *g = (px >> 8) & 0xff;
  *b = px & 0xff;
}

/* The average line: the default style's blue, nearly opaque. */
static gboolean
is_line (Canvas *c,
         double  x,
         double  y)
{
  for (int dx = -2; dx <= 2; dx++)
    for (int dy = -2; dy <= 2; dy++)
      {
        int r, g, b;

        pixel (c, (int) x + dx, (int) y + dy, &r, &g, &b);
        if (b > 180 && r < 130)
          return TRUE;
      }
  return FALSE;
}

/* The band: the blue at 22 % over white. */
static gboolean
is_band (Canvas *c,
         double  x,
         double  y)
{
  int r, g, b;

  pixel (c, (int) x, (int) y, &r, &g, &b);
  return b - r > 20 && r > 150;
}

static gboolean
is_blank (Canvas *c,
          double  x,
          double  y)
{
  int r, g, b;

  pixel (c, (int) x, (int) y, &r, &g, &b);
  return r > 245 && g > 245 && b > 245;
}

static guint
count_painted (Canvas *c)
{
  guint n = 0;

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      if (!is_blank (c, x, y))
        n++;
  return n;
}

static JcPricePoint
point (const char *date,
       gint64      low,
       gint64      avg,
       gint64      high)
{
  JcPricePoint p = { { 0 } };

  g_strlcpy (p.date, date, sizeof p.date);
  p.low_milliyuan = low;
  p.avg_milliyuan = avg;
  p.high_milliyuan = high;
  return p;
}

/* `n` consecutive days from 2023-01-01, a wave between 0.9 and 1.5 yuan. */
static GArray *
make_series (guint n)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (JcPricePoint));
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, G_DATE_JANUARY, 2023);
  for (guint i = 0; i < n; i++)
    {
      char date[11];
      gint64 avg = 1200 + (gint64) ((i * 37) % 300) - 150 + (gint64) (i % 7) * 10;
      JcPricePoint p;

      g_snprintf (date, sizeof date, "%04u-%02u-%02u", g_date_get_year (&d),
                  g_date_get_month (&d), g_date_get_day (&d));
      p = point (date, avg - 100 - (gint64) (i % 5) * 10, avg, avg + 120);
      g_array_append_val (a, p);
      g_date_add_days (&d, 1);
    }
  return a;
}

static void
assert_y_covers (JcChart            *chart,
                 const JcPricePoint *pts,
                 guint               n)
{
  gint64 lo = G_MAXINT64, hi = G_MININT64, ymin, ymax;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, pts[i].low_milliyuan);
      hi = MAX (hi, pts[i].high_milliyuan);
    }
  assert_true (jc_chart_get_y_range (chart, &ymin, &ymax));
  assert_true (ymin <= lo);
  assert_true (ymax >= hi);
  assert_true (ymax > ymin);
  /* and not so wide that the data is a flat line at the bottom */
  if (hi > lo)
    assert_true (ymax - ymin <= 3 * (hi - lo) + 200);
}

/* ---- tests ------------------------------------------------------------ */

static void
test_no_points (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  Canvas c;

  canvas_open (&c);
  jc_chart_set_domain (chart, "2026-10-28", "2026-11-28");
  jc_chart_paint (chart, c.cr, W, H);
  assert_int_equal (jc_chart_get_n_points (chart), 0);
  assert_false (jc_chart_get_y_range (chart, NULL, NULL));
  assert_int_equal (jc_chart_index_at (chart, W / 2.0), -1);
  /* the "no prices" text is there */
  assert_true (count_painted (&c) > 50);
  /* a hover on nothing is ignored */
  jc_chart_set_hover (chart, 3);
  assert_int_equal (jc_chart_get_hover (chart), -1);
  canvas_close (&c);
}

static void
test_one_point (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  JcPricePoint p = point ("2026-11-28", 1100, 1160, 1200);
  JcChartRect plot;
  Canvas c;
  double x, y;

  canvas_open (&c);
  jc_chart_set_points (chart, &p, 1);
  jc_chart_set_unit (chart, "¥/kg");
  jc_chart_paint (chart, c.cr, W, H);
  assert_y_covers (chart, &p, 1);
  assert_true (jc_chart_get_plot_area (chart, &plot));
  x = jc_chart_x_for_index (chart, 0);
  y = jc_chart_y_for_value (chart, 1160);
  /* in the middle of the plot, drawn as a dot */
  assert_true (x > plot.x + plot.width * 0.4 && x < plot.x + plot.width * 0.6);
  assert_true (y > plot.y && y < plot.y + plot.height);
  assert_true (is_line (&c, x, y));
  assert_int_equal (jc_chart_index_at (chart, plot.x + 1), 0);
  canvas_save (&c, "chart-one-point");
  canvas_close (&c);
}

static void
test_two_points (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  JcPricePoint p[2] = {
    point ("2026-11-27", 1000, 1100, 1300),
    point ("2026-11-28", 1200, 1300, 1500),
  };
  Canvas c;
  double x0, x1, xm, ym, band_y;

  canvas_open (&c);
  jc_chart_set_points (chart, p, 2);
  jc_chart_paint (chart, c.cr, W, H);
  assert_y_covers (chart, p, 2);
  x0 = jc_chart_x_for_index (chart, 0);
  x1 = jc_chart_x_for_index (chart, 1);
  assert_true (x1 > x0 + 100);
  /* the line halfway, at the mean of the two averages */
  xm = (x0 + x1) / 2;
  ym = jc_chart_y_for_value (chart, 1200);
  assert_true (is_line (&c, xm, ym));
  /* the band between the average and the high, halfway */
  band_y = (jc_chart_y_for_value (chart, 1200) + jc_chart_y_for_value (chart, 1400)) / 2;
  assert_true (is_band (&c, xm, band_y));
  /* above the highs: nothing but the background (or a grid line) */
  assert_false (is_band (&c, xm, jc_chart_y_for_value (chart, 1450)));
  canvas_close (&c);
}

static void
test_thousand_points (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  g_autoptr(GArray) series = make_series (1200);
  const JcPricePoint *pts = (const JcPricePoint *) (gpointer) series->data;
  Canvas c;
  guint painted = 0;

  canvas_open (&c);
  jc_chart_set_points (chart, pts, series->len);
  jc_chart_set_unit (chart, "¥/kg");
  jc_chart_set_hover (chart, 600);
  jc_chart_paint (chart, c.cr, W, H);
  assert_int_equal (jc_chart_get_n_points (chart), 1200);
  assert_y_covers (chart, pts, series->len);
  for (guint i = 0; i < series->len; i += 97)
    if (is_line (&c, jc_chart_x_for_index (chart, i),
                 jc_chart_y_for_value (chart, pts[i].avg_milliyuan)))
      painted++;
  /* the hover guide may cover one of them; the rest are drawn */
  assert_true (painted >= 11);
  /* the pointer finds the day under it */
  assert_int_equal (jc_chart_index_at (chart, jc_chart_x_for_index (chart, 500)), 500);
  assert_int_equal (jc_chart_get_hover (chart), 600);
  canvas_save (&c, "chart-1200-points");
  canvas_close (&c);
}

/* A long gap (a market closed for weeks) breaks the line; a short one (a
 * weekend, a holiday) is bridged. */
static void
test_gaps (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  JcPricePoint p[] = {
    point ("2026-01-01", 900, 1000, 1100),
    point ("2026-01-02", 900, 1000, 1100),
    point ("2026-01-05", 900, 1000, 1100),   /* 3 days later: bridged */
    point ("2026-01-06", 900, 1000, 1100),
    point ("2026-03-01", 900, 1000, 1100),   /* 54 days later: broken */
    point ("2026-03-02", 900, 1000, 1100),
    point ("2026-03-20", 1300, 1400, 1500),  /* a lone point after 18 days */
  };
  Canvas c;
  double y = 0;

  canvas_open (&c);
  jc_chart_set_points (chart, p, G_N_ELEMENTS (p));
  jc_chart_paint (chart, c.cr, W, H);
  assert_y_covers (chart, p, G_N_ELEMENTS (p));
  y = jc_chart_y_for_value (chart, 1000);
  assert_true (is_line (&c, (jc_chart_x_for_index (chart, 1) + jc_chart_x_for_index (chart, 2)) / 2, y));
  assert_true (is_band (&c, (jc_chart_x_for_index (chart, 1) + jc_chart_x_for_index (chart, 2)) / 2,
                        jc_chart_y_for_value (chart, 1050)));
  assert_false (is_line (&c, (jc_chart_x_for_index (chart, 3) + jc_chart_x_for_index (chart, 4)) / 2, y));
  assert_false (is_band (&c, (jc_chart_x_for_index (chart, 3) + jc_chart_x_for_index (chart, 4)) / 2,
                         jc_chart_y_for_value (chart, 1050)));
  /* the lone point is drawn */
  assert_true (is_line (&c, jc_chart_x_for_index (chart, 6), jc_chart_y_for_value (chart, 1400)));
  canvas_save (&c, "chart-gaps");
  canvas_close (&c);
}

/* A price that did not move: the line is in the plot, not on its edge. */
static void
test_flat (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  g_autoptr(GArray) a = g_array_new (FALSE, TRUE, sizeof (JcPricePoint));
  JcChartRect plot;
  Canvas c;
  double y;

  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-11-%02u", i);
      JcPricePoint p = point (date, 2000, 2000, 2000);

      g_array_append_val (a, p);
    }
  canvas_open (&c);
  jc_chart_set_points (chart, (const JcPricePoint *) (gpointer) a->data, a->len);
  jc_chart_paint (chart, c.cr, W, H);
  assert_y_covers (chart, (const JcPricePoint *) (gpointer) a->data, a->len);
  assert_true (jc_chart_get_plot_area (chart, &plot));
  y = jc_chart_y_for_value (chart, 2000);
  assert_true (y > plot.y + plot.height * 0.2 && y < plot.y + plot.height * 0.8);
  assert_true (is_line (&c, jc_chart_x_for_index (chart, 15), y));
  canvas_save (&c, "chart-flat");
  canvas_close (&c);
}

/* Out of order and bad dates: sorted, the bad ones left out. */
static void
test_unsorted (void **state)
{
  g_autoptr(JcChart) chart = jc_chart_new ();
  JcPricePoint p[] = {
    point ("2026-11-28", 1, 2, 3),
    point ("not a day", 1, 2, 3),
    point ("2026-11-02", 4, 5, 6),
    point ("2026-02-30", 4, 5, 6),
  };

  jc_chart_set_points (chart, p, G_N_ELEMENTS (p));
  assert_int_equal (jc_chart_get_n_points (chart), 2);
  assert_string_equal (jc_chart_get_point (chart, 0)->date, "2026-11-02");
  assert_string_equal (jc_chart_get_point (chart, 1)->date, "2026-11-28");
  assert_null (jc_chart_get_point (chart, 2));
}

static void
test_describe (void **state)
{
  JcPricePoint p = point ("2026-11-28", 1100, 1160, 1200);
  g_autofree char *text = jc_chart_describe_point (&p);

  assert_string_equal (text, "2026-11-28  Low 1.10  Avg 1.16  High 1.20");
}

/* The same module on a PDF page, as an export prints it; a domain wider
 * than the data; a tiny and a zero-sized area. */
static void
test_pdf (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GArray) many = make_series (1000);
  JcPricePoint one = point ("2026-11-28", 1100, 1160, 1200);
  JcPricePoint two[2] = { point ("2026-11-20", 1100, 1160, 1200),
                          point ("2026-11-28", 1000, 1050, 1250) };
  JcPricePoint gap[3] = { point ("2026-01-01", 1100, 1160, 1200),
                          point ("2026-02-20", 1000, 1050, 1250),
                          point ("2026-02-21", 1000, 1050, 1250) };
  struct { const JcPricePoint *pts; guint n; } cases[] = {
    { NULL, 0 }, { &one, 1 }, { two, 2 },
    { (const JcPricePoint *) (gpointer) many->data, many->len }, { gap, 3 },
  };
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *contents = NULL;
  gsize len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JcChart) chart = jc_chart_new ();
      gint64 ymin, ymax;

      jc_chart_set_points (chart, cases[i].pts, cases[i].n);
      jc_chart_set_domain (chart, i == 2 ? "2026-10-28" : NULL, i == 2 ? "2026-11-30" : NULL);
      jc_chart_set_unit (chart, "元/kg");
      jc_chart_set_hover (chart, (int) cases[i].n / 2);
      cairo_save (cr);
      cairo_translate (cr, 40, 60);
      jc_chart_paint (chart, cr, 515, 300);
      cairo_restore (cr);
      assert_int_equal (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      if (cases[i].n > 0)
        assert_y_covers (chart, cases[i].pts, cases[i].n);
      else
        assert_false (jc_chart_get_y_range (chart, &ymin, &ymax));
      jc_chart_paint (chart, cr, 30, 20);
      jc_chart_paint (chart, cr, 0, 0);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  assert_int_equal (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  assert_true (g_file_get_contents (path, &contents, &len, NULL));
  assert_true (len > 2000);
  assert_memory_equal (contents, "%PDF", 4);
  jc_test_rmtree (dir);
}

/* ---- the report charts' value axis -------------------------------------- */

/* Tick labels of a money axis are whole yuan with digit groups, as the
 * pages write money; a step below one yuan keeps the fen. */
static void
test_axis_labels (void **state)
{
  struct { gint64 fen, step; const char *text; } cases[] = {
    { 205000000, 5000000, "2,050,000" },
    { 0, 100, "0" },
    { 99900, 100, "999" },
    { 100000, 100, "1,000" },
    { -123456700, 1000000, "\u22121,234,567" },
    { -123450, 50, "\u22121,234.50" },
    { 12345, 5, "123.45" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jc_chart_format_axis_fen (cases[i].fen, cases[i].step);

      assert_string_equal (text, cases[i].text);
    }
}

/* Counts the columns of `s` in [x0, x1) where a bar of the totals' blue is
 * cut by a short gap: blue, then up to `max_gap` rows of something else,
 * then blue again (a break mark across a bar). */
static guint
count_cut_bars (cairo_surface_t *s,
                int              x0,
                int              x1,
                int              max_gap)
{
  const unsigned char *data;
  int stride, height = cairo_image_surface_get_height (s);
  guint n = 0;

  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (int x = x0; x < x1; x++)
    {
      int run = 0, gap = 0;

      for (int y = 0; y < height; y++)
        {
          guint32 px;
          guint r, g, b;
          gboolean blue;

          memcpy (&px, data + y * stride + x * 4, sizeof px);
          r = (px >> 16) & 0xff;
          g = (px >> 8) & 0xff;
          b = px & 0xff;
          /* Adwaita's blue 3, #3584e4 */
          blue = ABS ((int) r - 0x35) < 20 && ABS ((int) g - 0x84) < 20 && ABS ((int) b - 0xe4) < 20;
          if (blue && gap > 0 && gap <= max_gap && run >= 3)
            {
              /* blue again after a short gap in a bar */
              n++;
              break;
            }
          if (blue)
            {
              run = gap > 0 ? 1 : run + 1;
              gap = 0;
            }
          else if (run > 0)
            gap++;
        }
    }
  return n;
}

/* The waterfall's value axis starts at zero unless the effects are small
 * beside the totals; then it starts above zero, and the chart says so: the
 * full bars are drawn broken (the zig-zag band across them) and a note
 * names where the axis starts. */
static void
test_waterfall_axis (void **state)
{
  gint64 lo, hi, step;
  cairo_surface_t *s;
  cairo_t *cr;

  /* large effects: from zero, not broken */
  assert_false (jc_chart_waterfall_axis (22630, 2100, 5570, 4500, -6000, 28800, 5,
                                         &lo, &hi, &step));
  assert_true (lo <= 0);
  assert_true (hi >= 22630 + 2100 + 5570 + 4500);
  assert_true (step > 0);

  /* ¥2.17 million with effects of a few ten thousand: broken */
  assert_true (jc_chart_waterfall_axis (216751657, -757721, 5253036, 0, 0, 221246972, 5,
                                        &lo, &hi, &step));
  assert_true (lo > 0);
  assert_true (lo <= 216751657 - 757721);
  assert_true (hi >= 221246972);
  assert_int_equal (lo % step, 0);
  {
    g_autofree char *first = jc_chart_format_axis_fen (lo, step);

    /* "2,150,000": grouped */
    assert_non_null (strchr (first, ','));
  }

  /* what is painted: the two full bars cut by the break mark when broken,
   * whole when not */
  s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 300);
  cr = cairo_create (s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jc_chart_paint_waterfall (cr, 0, 0, 600, 300, 216751657, -757721, 5253036, 0, 0, 221246972,
                            NULL);
  assert_true (count_cut_bars (s, 0, 600, 10) >= 20);
  {
    const char *dir = g_getenv ("JICAI_SCREENSHOT_DIR");

    if (dir != NULL && *dir != '\0')
      {
        g_autofree char *path = g_build_filename (dir, "chart-waterfall-broken.png", NULL);

        g_mkdir_with_parents (dir, 0755);
        cairo_surface_write_to_png (s, path);
      }
  }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  jc_chart_paint_waterfall (cr, 0, 0, 600, 300, 22630, 2100, 5570, 4500, -6000, 28800, NULL);
  assert_int_equal (count_cut_bars (s, 0, 600, 10), 0);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_no_points),
    cmocka_unit_test (test_one_point),
    cmocka_unit_test (test_two_points),
    cmocka_unit_test (test_thousand_points),
    cmocka_unit_test (test_gaps),
    cmocka_unit_test (test_flat),
    cmocka_unit_test (test_unsorted),
    cmocka_unit_test (test_describe),
    cmocka_unit_test (test_pdf),
    cmocka_unit_test (test_axis_labels),
    cmocka_unit_test (test_waterfall_axis),
  };

  return cmocka_run_group_tests_name ("chart", tests, NULL, NULL);
}
