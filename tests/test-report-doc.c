/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cost review's documents read back the way a person or a spreadsheet
 * would: the PDF through pdftotext and pdftoppm, the workbook through
 * libzip + libxml2, and each report chart painted on an image surface.
 * The world is tests/jc-test-world.h's, as test-report.c's. */
#include "config.h"

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "jc-test-util.h"
#include "jc-test-xlsx.h"
#include "jc-test-world.h"
#include "jc-chart.h"
#include "jc-master.h"
#include "jc-paged-doc.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-report.h"
#include "jc-report-doc.h"
#include "jc-units.h"
typedef JcTestWorld World;

static int
world_setup (void **state)
{
  *state = jc_test_world_new ();
  return 0;
}

static int
world_teardown (void **state)
{
  jc_test_world_free (*state);
  return 0;
}

/* Pixels of `surface` in the rectangle that are not white. */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  const unsigned char *data;
  int stride, w, h;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  for (int y = MAX (y0, 0); y < MIN (y1, h); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);

        if ((px & 0xffffff) != 0xffffff)
          n++;
      }
  return n;
}

/* ---- XLSX read back ------------------------------------------------- */

typedef JcTestCell Cell;

static gboolean
zip_has (const char *path,
         const char *prefix)
{
  int err = 0;
  zip_t *z = zip_open (path, ZIP_RDONLY, &err);
  gboolean found = FALSE;

  assert_non_null (z);
  for (zip_int64_t i = 0; i < zip_get_num_entries (z, 0); i++)
    if (g_str_has_prefix (zip_get_name (z, (zip_uint64_t) i, 0), prefix))
      found = TRUE;
  zip_close (z);
  return found;
}

/* A numeric cell of yuan, back to fen exactly. */
static gint64
cell_fen (GHashTable *cells,
          const char *ref)
{
  const Cell *c = g_hash_table_lookup (cells, ref);
  gint64 fen = 0;

  if (c == NULL)
    fail_msg ("no cell %s", ref);
  assert_true (c->numeric);
  assert_non_null (c->value);
  assert_true (jc_parse_decimal (c->value, 2, &fen, NULL));
  return fen;
}

/* The text of the shared string `index` of the workbook at `path`. */
static char *
shared_string (const char *path,
               const char *index)
{
  g_autofree char *xml = jc_test_zip_read (path, "xl/sharedStrings.xml");
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), "sharedStrings.xml", NULL, XML_PARSE_NONET);
  guint64 want = g_ascii_strtoull (index, NULL, 10), i = 0;
  char *text = NULL;

  assert_non_null (doc);
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (si->type == XML_ELEMENT_NODE && xmlStrEqual (si->name, (const xmlChar *) "si")
        && i++ == want)
      {
        xmlChar *content = xmlNodeGetContent (si);

        text = g_strdup ((const char *) content);
        xmlFree (content);
      }
  xmlFreeDoc (doc);
  assert_non_null (text);
  return text;
}

/* A text cell of the sheet `cells` of the workbook at `path`. */
static char *
cell_text (const char *path,
           GHashTable *cells,
           const char *ref)
{
  const Cell *c = g_hash_table_lookup (cells, ref);

  if (c == NULL)
    fail_msg ("no cell %s", ref);
  assert_false (c->numeric);
  assert_non_null (c->value);
  return shared_string (path, c->value);
}

/* ---- tests ---------------------------------------------------------- */

static void
test_claim (void **state)
{
  World *w = *state;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, NULL);
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;
  g_autofree char *market = NULL;
  g_autofree char *want_zh = NULL;
  g_autofree char *want_en = NULL;

  assert_non_null (r);
  assert_true (r->yoy.has_market);
  market = g_strdup_printf ("%.2f", r->yoy.market_fisher * 100);
  /* 9770 / 22630 = 43.172779… % */
  want_zh = g_strdup_printf ("采购成本同比上升 43.17%%，同期市场价格指数 %s", market);
  want_en = g_strdup_printf ("Procurement cost rose 43.17%% year on year while the market price "
                             "index was %s", market);
  zh = jc_report_claim_text (r, FALSE);
  en = jc_report_claim_text (r, TRUE);
  assert_string_equal (zh, want_zh);
  assert_string_equal (en, want_en);
}

/* A change that is not zero never reads as 0.00%: -¥10.34 on a base of
 * ¥2,500,000 is "-0.0004%" (and is coloured as a fall: the page colours by
 * the sign of the fen, the sign shown here); the claim says it fell. */
static void
test_small_change (void **state)
{
  /* a fall with the true minus sign U+2212, as the Reports page and the
   * Dashboard write it, never the ASCII "-" */
  struct { gint64 change, base; const char *text; } cases[] = {
    { -1034, 250000000, "−0.0004%" },
    { 1034, 250000000, "+0.0004%" },
    { -1034, 20500000, "−0.01%" },        /* 0.00504…%: two decimals do not read 0 */
    { -1, 250000000000, "−<0.0001%" },
    { 0, 250000000, "0.00%" },
    { 9770, 22630, "+43.17%" },
    { -40, 1000000, "−0.004%" },
    { -50, 1000000, "−0.01%" },           /* halves away from zero */
    { -100, 1000000, "−0.01%" },
    { 1034, 0, "—" },
  };
  JcReport r = { 0 };
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jc_report_format_percent (cases[i].change, cases[i].base, TRUE);

      assert_string_equal (text, cases[i].text);
    }
  {
    JcReportComparison c = { 0 };
    g_autofree char *text = NULL;

    c.has_base = TRUE;
    c.base_fen = 250000000;
    c.change_fen = -1034;
    text = jc_report_format_change (&c);
    assert_string_equal (text, "−0.0004%");
  }
  r.yoy.has_base = TRUE;
  r.yoy.base_fen = 250000000;
  r.yoy.change_fen = -1034;
  zh = jc_report_claim_text (&r, FALSE);
  en = jc_report_claim_text (&r, TRUE);
  assert_string_equal (zh, "采购成本同比下降 0.0004%，同期无市场价格指数");
  assert_string_equal (en, "Procurement cost fell 0.0004% year on year; the market has no price "
                           "index for the period");
}

/* The review's PDF writes a fall with the true minus sign U+2212, as the
 * Reports page and the Dashboard do: the YoY change and its decomposition
 * on the cover, never an ASCII "-" before an amount or a percentage. */
static void
test_pdf_true_minus (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, &error);
  g_autofree char *pdf = g_build_filename (w->dir, "minus.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) squeezed = NULL;

  assert_no_error (error);
  assert_true (r->yoy.has_base);
  /* a fall of the whole and of the price effect */
  r->yoy.change_fen = -9770;
  r->yoy.d.price_effect_fen = -12345;
  assert_true (jc_report_export_pdf (w->store, r, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  squeezed = g_string_new (text);
  g_string_replace (squeezed, " ", "", 0);
  assert_contains (squeezed->str, "\u2212¥97.70");       /* the change */
  assert_contains (squeezed->str, "\u2212¥123.45");      /* the price effect */
  assert_contains (squeezed->str, "\u221243.17%");       /* YoY: -9770 / 22630 */
  assert_null (strstr (squeezed->str, "-¥"));
  assert_null (strstr (squeezed->str, "-43.17%"));
}

static void
test_trend (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  gint64 fen[13];
  char months[13][8];
  double ours[13], market[13];

  assert_true (jc_report_spend_trend (w->store, "2026-10", 13, fen, &error));
  assert_no_error (error);
  assert_int_equal (fen[0], 22630);      /* 2025-10 */
  assert_int_equal (fen[11], 2400);      /* 2026-09 */
  assert_int_equal (fen[12], 32400);     /* 2026-10 */
  for (guint i = 1; i < 11; i++)
    assert_int_equal (fen[i], 0);
  assert_true (jc_report_trend (w->store, "2026-10", "CT02", 13, months, fen, ours, market,
                                &error));
  assert_no_error (error);
  assert_string_equal (months[0], "2025-10");
  assert_string_equal (months[12], "2026-10");
  assert_int_equal (fen[12], 6900 + 3100 + 4500);
  assert_true (ours[0] == 100.0);
  assert_true (isnan (ours[1]));
  assert_false (jc_report_spend_trend (w->store, "2026-13", 13, fen, &error));
  assert_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID);
}

static void
test_pdf (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, &error);
  g_autofree char *pdf = g_build_filename (w->dir, "review.pdf", NULL);
  g_autofree char *prefix = g_build_filename (w->dir, "page", NULL);
  g_autofree char *text = NULL;
  g_autofree char *market = NULL;

  assert_no_error (error);
  assert_true (jc_report_export_pdf (w->store, r, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  assert_contains (text, "月度采购成本分析");
  assert_contains (text, "Monthly cost review");
  assert_contains (text, "2026-10");
  assert_contains (text, "¥324.00");        /* the spend */
  assert_contains (text, "+1250.00%");      /* MoM: 30000 / 2400 */
  assert_contains (text, "+43.17%");        /* YoY */
  assert_contains (text, "¥7.00");          /* savings */
  {
    /* provisional days "1 / 3": pdftotext may squeeze the spaces */
    g_autoptr(GString) squeezed = g_string_new (text);

    g_string_replace (squeezed, " ", "", 0);
    assert_contains (squeezed->str, "1/3");
  }
  assert_contains (text, "采购成本同比上升 43.17%");
  market = g_strdup_printf ("同期市场价格指数 %.2f", r->yoy.market_fisher * 100);
  assert_contains (text, market);
  assert_contains (text, "Procurement cost rose 43.17% year on year");
  assert_contains (text, "近 13 个月支出");
  assert_contains (text, "同比变化分解");
  assert_contains (text, "按食堂");
  assert_contains (text, "按类别");
  assert_contains (text, "蔬菜");
  assert_contains (text, "CT02");
  assert_contains (text, "V001 大白菜");
  assert_contains (text, "M001 猪肉");
  assert_contains (text, "第 1 页 / 共 4 页");
  assert_contains (text, "第 4 页 / 共 4 页");
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", pdf, prefix,
                           NULL };
    g_free (jc_test_run_tool (argv));
  }
  for (guint p = 1; p <= 2; p++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.png", prefix, p);
      cairo_surface_t *image;

      assert_true (g_file_test (name, G_FILE_TEST_EXISTS));
      image = cairo_image_surface_create_from_png (name);
      assert_int_equal (cairo_surface_status (image), CAIRO_STATUS_SUCCESS);
      /* more than text: boxes on the cover, bars and lines on the charts */
      assert_true (count_ink (image, 0, 0, cairo_image_surface_get_width (image),
                              cairo_image_surface_get_height (image)) > 3000);
      cairo_surface_destroy (image);
    }
  /* the paged document: the pages of the PDF, the title in its metadata,
   * and a document owning its report needs nothing else */
  {
    g_autoptr(JcReportDoc) rdoc = jc_report_doc_new (w->store, r, &error);
    g_autoptr(JcPagedDoc) doc = NULL;
    g_autoptr(JcReport) r2 = jc_report_build (w->store, "2026-10", NULL, &error);
    g_autoptr(JcPagedDoc) owning = NULL;
    g_autofree char *again = g_build_filename (w->dir, "again.pdf", NULL);
    const char *argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = jc_test_run_tool (argv);
    guint n;

    assert_no_error (error);
    n = jc_report_doc_get_n_pages (rdoc);
    assert_int_equal (n, 4);
    assert_non_null (strstr (info, "Pages:"));
    assert_contains (info, "Monthly cost review 2026-10");
    assert_int_equal (atoi (strstr (info, "Pages:") + strlen ("Pages:")), 4);
    doc = jc_report_doc_paged_new (g_steal_pointer (&rdoc));
    assert_int_equal (jc_paged_doc_get_n_pages (doc, 595.2756, 841.8898), n);
    assert_non_null (strstr (jc_paged_doc_get_title (doc), "2026-10"));
    owning = jc_report_doc_paged_new (jc_report_doc_new_full (w->store, g_steal_pointer (&r2),
                                                              &error));
    assert_no_error (error);
    assert_true (jc_paged_doc_write_pdf (owning, again, JC_OUTPUT_NONE, &error));
    assert_no_error (error);
    {
      const char *argv2[] = { "pdfinfo", again, NULL };
      g_autofree char *info2 = jc_test_run_tool (argv2);

      assert_non_null (strstr (info2, "Pages:"));
      assert_int_equal (atoi (strstr (info2, "Pages:") + strlen ("Pages:")), 4);
    }
  }
}

static void
test_xlsx (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, &error);
  g_autofree char *path = g_build_filename (w->dir, "review.xlsx", NULL);
  g_autoptr(GHashTable) summary = NULL;
  g_autoptr(GHashTable) canteens = NULL;
  g_autoptr(GHashTable) cats = NULL;
  g_autoptr(GHashTable) items = NULL;
  g_autoptr(GHashTable) dec = NULL;

  assert_no_error (error);
  assert_true (jc_report_export_xlsx (w->store, r, path, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  summary = jc_test_xlsx_read_sheet (path, "xl/worksheets/sheet1.xml");
  assert_int_equal (cell_fen (summary, "B3"), r->spend_fen);
  assert_int_equal (cell_fen (summary, "B3"), 32400);
  canteens = jc_test_xlsx_read_sheet (path, "xl/worksheets/sheet2.xml");
  assert_int_equal (cell_fen (canteens, "B2") + cell_fen (canteens, "B3"), r->spend_fen);
  assert_int_equal (cell_fen (canteens, "B4"), r->spend_fen);   /* the total */
  cats = jc_test_xlsx_read_sheet (path, "xl/worksheets/sheet3.xml");
  assert_int_equal (cell_fen (cats, "B2"), 14100);
  assert_int_equal (cell_fen (cats, "B6"), 32400);
  assert_true (zip_has (path, "xl/charts/chart"));
  items = jc_test_xlsx_read_sheet (path, "xl/worksheets/sheet4.xml");
  /* A001 first (aquatic? no: by category position, then code) — find V001's
   * cost in M by summing the column instead */
  {
    gint64 sum = 0;

    for (guint row = 2; row < 2 + r->rows->len; row++)
      {
        g_autofree char *ref = g_strdup_printf ("I%u", row);

        if (g_hash_table_lookup (items, ref) != NULL)
          sum += cell_fen (items, ref);
      }
    assert_int_equal (sum, r->spend_fen);
  }
  dec = jc_test_xlsx_read_sheet (path, "xl/worksheets/sheet5.xml");
  assert_int_equal (cell_fen (dec, "B2"), 22630);
  assert_int_equal (cell_fen (dec, "B3") + cell_fen (dec, "B4") + cell_fen (dec, "B5")
                    + cell_fen (dec, "B6"), cell_fen (dec, "B7"));
  assert_int_equal (cell_fen (dec, "B8"), 32400);
  assert_int_equal (cell_fen (dec, "C2"), 2400);
}

typedef void (*PaintFunc) (cairo_t *cr, double x, double y, double w, double h);

static void
paint_trend (cairo_t *cr, double x, double y, double w, double h)
{
  const gint64 fen[] = { 22630, 0, 0, 5000, 0, 0, 0, 0, 0, 0, 0, 2400, 32400 };
  const char *labels[] = { "25-10", "25-11", "25-12", "26-01", "26-02", "26-03", "26-04",
                           "26-05", "26-06", "26-07", "26-08", "26-09", "26-10" };

  jc_chart_paint_spend_trend (cr, x, y, w, h, fen, labels, 13);
}

static void
paint_index (cairo_t *cr, double x, double y, double w, double h)
{
  const double ours[] = { 100, 101.5, NAN, 99.2, 104 };
  const double market[] = { 100, 102, 103, 101, 106 };
  const char *labels[] = { "a", "b", "c", "d", "e" };

  jc_chart_paint_index_compare (cr, x, y, w, h, ours, market, labels, 5);
}

static void
paint_waterfall (cairo_t *cr, double x, double y, double w, double h)
{
  jc_chart_paint_waterfall (cr, x, y, w, h, 22630, 2100, 5570, 4500, -6000, 28800, NULL);
}

/* effects small beside the totals: the axis does not start at 0 */
static void
paint_waterfall_zoom (cairo_t *cr, double x, double y, double w, double h)
{
  jc_chart_paint_waterfall (cr, x, y, w, h, 216751657, -757721, 5253036, 0, 0, 221246972, NULL);
}

static void
paint_bars (cairo_t *cr, double x, double y, double w, double h)
{
  const gint64 fen[] = { 14100, 13800, 4500, 0, -300 };
  const char *labels[] = { "蔬菜", "肉禽蛋", "水产", "豆制品", "退货 Returns" };

  jc_chart_paint_bars (cr, x, y, w, h, fen, labels, 5);
}

static void
test_charts (void **state)
{
  const PaintFunc funcs[] = { paint_trend, paint_index, paint_waterfall, paint_bars,
                              paint_waterfall_zoom };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (funcs); i++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 500, 400);
      cairo_t *cr = cairo_create (s);
      guint inside, outside;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      funcs[i] (cr, 50, 60, 400, 280);
      /* the state is restored: the source is still black */
      {
        double red = 1, green = 1, blue = 1, alpha = 0;

        assert_int_equal (cairo_pattern_get_rgba (cairo_get_source (cr), &red, &green, &blue,
                                                  &alpha), CAIRO_STATUS_SUCCESS);
        assert_true (red == 0 && green == 0 && blue == 0);
      }
      inside = count_ink (s, 50, 60, 450, 340);
      outside = count_ink (s, 0, 0, 500, 400) - inside;
      if (inside < 1500)
        fail_msg ("chart %u: only %u pixels drawn", i, inside);
      assert_int_equal (outside, 0);
      if (i == 2 || i == 4)
        {
          /* a rise is red, a fall green */
          gboolean red = FALSE, green = FALSE;
          const unsigned char *data = cairo_image_surface_get_data (s);
          int stride = cairo_image_surface_get_stride (s);

          for (int y = 60; y < 340; y++)
            for (int x = 50; x < 450; x++)
              {
                guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
                guint r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

                red |= r > 180 && g < 80 && b < 80;
                green |= g > 110 && r < 60 && b < 100;
              }
          assert_true (red);
          assert_true (green);
        }
      if (g_getenv ("JICAI_TEST_KEEP_PNG") != NULL)
        {
          g_autofree char *name = g_strdup_printf ("/tmp/rdoc/chart-%u.png", i);

          cairo_surface_write_to_png (s, name);
        }
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  /* nothing to show is still drawn, and a zero-sized area is not */
  {
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
    cairo_t *cr = cairo_create (s);

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    jc_chart_paint_bars (cr, 0, 0, 0, 0, NULL, NULL, 0);
    assert_int_equal (count_ink (s, 0, 0, 200, 100), 0);
    jc_chart_paint_spend_trend (cr, 0, 0, 200, 100, NULL, NULL, 0);
    assert_true (count_ink (s, 0, 0, 200, 100) > 0);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
  }
}

static void
test_write_failure (void **state)
{
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcReport) r = jc_report_build (w->store, "2026-10", NULL, NULL);
  g_autofree char *bad = g_build_filename (w->dir, "no", "such", "dir", "x.xlsx", NULL);

  /* the folder is missing: refused before anything is drawn, naming the file */
  assert_false (jc_report_export_xlsx (w->store, r, bad, JC_OUTPUT_NONE, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FAILED);
  assert_contains (error->message, bad);
  g_clear_error (&error);
  assert_false (jc_report_export_pdf (w->store, r, bad, JC_OUTPUT_NONE, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FAILED);
  assert_contains (error->message, bad);
}

/* The review names each canteen as the screen does, by its name with the
 * code beside it; a long name wraps onto a second line of a taller row
 * instead of being cut or running over the next one. */
static void
test_canteen_names (void **state)
{
  static const char *const long_name =
    "北京市西城区人民政府机关第二职工食堂南楼二层自助餐厅与清真窗口合并核算";
  World *w = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcCanteen) ct02 = jc_store_get_canteen (w->store, "CT02", &error);
  g_autofree char *old_name = NULL;
  g_autofree char *pdf = g_build_filename (w->dir, "names.pdf", NULL);
  g_autofree char *one = g_build_filename (w->dir, "names-ct02.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (w->dir, "names.xlsx", NULL);
  g_autofree char *xlsx_one = g_build_filename (w->dir, "names-ct02.xlsx", NULL);
  g_autofree char *want_long = g_strdup_printf ("%s (CT02)", long_name);
  g_autofree char *squeezed_long = g_strdup_printf ("%s(CT02)", long_name);
  g_autoptr(JcReport) all = NULL;
  g_autoptr(JcReport) r2 = NULL;

  assert_no_error (error);
  old_name = g_steal_pointer (&ct02->name);
  ct02->name = g_strdup (long_name);
  assert_true (jc_store_update_canteen (w->store, ct02, &error));
  assert_no_error (error);
  all = jc_report_build (w->store, "2026-10", NULL, &error);
  assert_no_error (error);
  r2 = jc_report_build (w->store, "2026-10", "CT02", &error);
  assert_no_error (error);

  assert_true (jc_report_export_pdf (w->store, all, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-f", "4", "-l", "4", pdf, "-", NULL };
    g_autofree char *text = jc_test_run_tool (argv);
    g_autoptr(GString) s = g_string_new (text);
    g_auto(GStrv) lines = NULL;
    gboolean code_alone = FALSE;

    /* the whole name, its lines joined: nothing cut with "…" */
    g_string_replace (s, " ", "", 0);
    g_string_replace (s, "\n", "", 0);
    assert_contains (s->str, "一号机关食堂(CT01)");
    assert_contains (s->str, squeezed_long);
    assert_null (strstr (text, "…"));
    /* no row of the table is only a code any more */
    lines = g_strsplit (text, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (g_strstrip (lines[i]), "CT0"))
        code_alone = TRUE;
    assert_false (code_alone);
  }
  {
    /* the wrapped row pushes the rows after it down: the canteens' total
     * is still on its own line, under the two canteens */
    const char *argv[] = { "pdftotext", "-layout", "-f", "4", "-l", "4", pdf, "-", NULL };
    g_autofree char *text = jc_test_run_tool (argv);
    const char *name = strstr (text, "北京市西城区");
    const char *total = strstr (text, "合计 Total");

    assert_non_null (name);
    assert_non_null (total);
    assert_true (name < total);
    assert_contains (total, "¥324.00");
  }
  assert_true (jc_report_export_pdf (w->store, r2, one, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-f", "1", "-l", "1", one, "-", NULL };
    g_autofree char *text = jc_test_run_tool (argv);
    g_autoptr(GString) s = g_string_new (text);

    g_string_replace (s, " ", "", 0);
    g_string_replace (s, "\n", "", 0);
    assert_contains (s->str, squeezed_long);    /* the cover */
  }

  assert_true (jc_report_export_xlsx (w->store, all, xlsx, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    g_autoptr(GHashTable) canteens = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet2.xml");
    g_autofree char *a2 = cell_text (xlsx, canteens, "A2");
    g_autofree char *a3 = cell_text (xlsx, canteens, "A3");

    /* the bigger spender first: CT01 17900, CT02 14500 */
    assert_string_equal (a2, "一号机关食堂 (CT01)");
    assert_string_equal (a3, want_long);
    assert_int_equal (cell_fen (canteens, "B3"), 14500);
  }
  assert_true (jc_report_export_xlsx (w->store, r2, xlsx_one, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    g_autoptr(GHashTable) summary = jc_test_xlsx_read_sheet (xlsx_one, "xl/worksheets/sheet1.xml");
    g_autofree char *a4 = cell_text (xlsx_one, summary, "A4");
    g_autofree char *b4 = cell_text (xlsx_one, summary, "B4");

    assert_string_equal (a4, "食堂 Canteen");
    assert_string_equal (b4, want_long);
  }

  g_free (ct02->name);
  ct02->name = g_steal_pointer (&old_name);
  assert_true (jc_store_update_canteen (w->store, ct02, &error));
  assert_no_error (error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_claim),
    cmocka_unit_test (test_small_change),
    cmocka_unit_test (test_trend),
    cmocka_unit_test (test_pdf),
    cmocka_unit_test (test_pdf_true_minus),
    cmocka_unit_test (test_xlsx),
    cmocka_unit_test (test_charts),
    cmocka_unit_test (test_write_failure),
    cmocka_unit_test (test_canteen_names),
  };

  jc_test_store_init ("report-doc");
  return cmocka_run_group_tests (tests, world_setup, world_teardown);
}
