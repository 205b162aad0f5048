/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-doc.c: the monthly cost review as an A4 PDF (cairo + pango,
 * the charts of jc-chart.c) and as a workbook (libxlsxwriter).  Laid out
 * like jc-plan-doc.c: bilingual labels, Chinese first, the same font, a
 * footer with the page number on every page. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-report-doc"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-output.h"
#include "jc-prices.h"
#include "jc-doc-text.h"
#include "jc-format.h"
#include "jc-paged-doc.h"
#include "jc-report-doc.h"
#include "jc-report-doc-private.h"
#include "jc-units.h"

G_DEFINE_QUARK (jc-report-doc-error-quark, jc_report_doc_error)

#define PAGE_W      595.2756
#define PAGE_H      841.8898
#define MARGIN      40.0
#define CONTENT_W   (PAGE_W - 2 * MARGIN)
#define BODY_TOP    (MARGIN + 34.0)
#define BODY_BOTTOM (PAGE_H - MARGIN - 22.0)
#define N_CHART_PAGES 2
#define MAX_COLS    6

#define H_TITLE     26.0
#define H_HEADER    18.0
#define H_LINE      14.0

/* ---- figures ---------------------------------------------------------- */

/* "¥12.34", "−¥12.34": a fall with the true minus sign U+2212, as the
 * Reports page and the Dashboard write it */
static char *
yuan (gint64 fen)
{
  return jc_format_money (fen, JC_FORMAT_YUAN | JC_FORMAT_TRUE_MINUS);
}

/**
 * jc_report_format_percent:
 * Returns: (transfer full): `change` / `base` as a percentage (see
 * jc_format_percent()), "—" when `base` is zero.
 */
char *
jc_report_format_percent (gint64   change,
                          gint64   base,
                          gboolean sign)
{
  char *text = jc_format_percent (change, base,
                                  JC_FORMAT_TRUE_MINUS | (sign ? JC_FORMAT_PLUS : JC_FORMAT_NONE));

  return text != NULL ? text : g_strdup ("—");
}

static char *
comparison_percent (const JcReportComparison *c)
{
  if (!c->has_base || c->base_fen == 0)
    return g_strdup ("—");
  return jc_report_format_percent (c->change_fen, c->base_fen, TRUE);
}

static char *
index_text (gboolean has,
            double   ratio)
{
  return has && isfinite (ratio) ? g_strdup_printf ("%.2f", ratio * 100.0) : g_strdup ("—");
}

/**
 * jc_report_claim_text:
 * Returns: (transfer full): the claim check sentence of the cover.
 */
char *
jc_report_claim_text (const JcReport *report,
                      gboolean        english)
{
  const JcReportComparison *y;
  g_autofree char *pct = NULL;
  g_autofree char *market = NULL;
  gint64 bp;

  g_return_val_if_fail (report != NULL, NULL);

  y = &report->yoy;
  if (!y->has_base || y->base_fen == 0)
    return g_strdup (english ? "No data for the same month a year before: no year-on-year claim"
                             : "上年同月无数据，无法做同比核对");
  pct = jc_format_percent (ABS (y->change_fen), ABS (y->base_fen), JC_FORMAT_NONE);
  /* the sign of the change in fen decides, not its rounded percentage */
  bp = y->change_fen < 0 ? -1 : y->change_fen > 0;
  if (y->has_market)
    market = g_strdup_printf ("%.2f", y->market_fisher * 100.0);
  if (english)
    {
      const char *verb = bp < 0 ? "fell" : bp > 0 ? "rose" : "was unchanged";
      g_autofree char *head = bp == 0 ? g_strdup ("Procurement cost was unchanged year on year")
                                      : g_strdup_printf ("Procurement cost %s %s year on year",
                                                         verb, pct);

      if (market == NULL)
        return g_strdup_printf ("%s; the market has no price index for the period", head);
      return g_strdup_printf ("%s while the market price index was %s", head, market);
    }
  else
    {
      g_autofree char *head = bp == 0 ? g_strdup ("采购成本同比持平")
                                      : g_strdup_printf ("采购成本同比%s %s",
                                                         bp < 0 ? "下降" : "上升", pct);

      if (market == NULL)
        return g_strdup_printf ("%s，同期无市场价格指数", head);
      return g_strdup_printf ("%s，同期市场价格指数 %s", head, market);
    }
}

/* ---- price movers ----------------------------------------------------- */


gboolean
_jc_report_mover_of (const JcReportRow *row,
          Mover             *out)
{
  gint64 q0 = row->qty_milli[JC_REPORT_YOY_BASE], c0 = row->cost_fen[JC_REPORT_YOY_BASE];
  gint64 q1 = row->qty_milli[JC_REPORT_M], c1 = row->cost_fen[JC_REPORT_M];

  if (!row->in[JC_REPORT_M] || !row->in[JC_REPORT_YOY_BASE] || q0 <= 0 || q1 <= 0 || c0 <= 0)
    return FALSE;
  out->row = row;
  out->permille = ((double) c1 / (double) q1) / ((double) c0 / (double) q0) * 1000.0 - 1000.0;
  return TRUE;
}

static int
cmp_mover (gconstpointer a,
           gconstpointer b)
{
  const Mover *x = a, *y = b;
  double dx = fabs (x->permille), dy = fabs (y->permille);

  if (dx != dy)
    return dx > dy ? -1 : 1;
  return strcmp (x->row->item_code, y->row->item_code);
}

static GArray *
movers_new (const JcReport *r)
{
  GArray *movers = g_array_new (FALSE, FALSE, sizeof (Mover));

  for (guint i = 0; i < r->rows->len; i++)
    {
      Mover m;

      if (_jc_report_mover_of (g_ptr_array_index (r->rows, i), &m))
        g_array_append_val (movers, m);
    }
  g_array_sort (movers, cmp_mover);
  if (movers->len > JC_REPORT_DOC_N_MOVERS)
    g_array_set_size (movers, JC_REPORT_DOC_N_MOVERS);
  return movers;
}

/* ---- the document ----------------------------------------------------- */

typedef enum {
  ROW_TITLE,
  ROW_HEADER,
  ROW_LINE,
  ROW_TOTAL,
} RowKind;

typedef struct {
  double   width;
  gboolean right;
} Col;

typedef struct {
  RowKind    kind;
  const Col *cols;
  guint      n_cols;
  char      *cells[MAX_COLS];
  double     h;             /* taller than its kind's height where a cell wraps */
} Row;

typedef struct {
  const JcReport *r;
  gint64          trend_fen[JC_REPORT_DOC_TREND_MONTHS];
  char            months[JC_REPORT_DOC_TREND_MONTHS][8];
  double          ours[JC_REPORT_DOC_TREND_MONTHS];
  double          market[JC_REPORT_DOC_TREND_MONTHS];
  GPtrArray      *rows;          /* Row * */
  GArray         *page_starts;   /* guint: the first row of each table page */
  char           *generated_at;
  GPtrArray      *canteens;      /* JcCanteen *, for their names in the charts */
  char           *canteen;       /* "name (code)" of the review's canteen, or NULL */
} Doc;

static const Col amount_cols[] = { { 300, FALSE }, { 120, TRUE }, { 95.28, TRUE } };
static const Col mover_cols[] = {
  { 175.28, FALSE }, { 80, TRUE }, { 80, TRUE }, { 80, TRUE }, { 100, TRUE },
};

static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static void
doc_free (Doc *doc)
{
  g_ptr_array_unref (doc->rows);
  g_array_unref (doc->page_starts);
  g_free (doc->generated_at);
  g_clear_pointer (&doc->canteens, g_ptr_array_unref);
  g_free (doc->canteen);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

static double
row_height (RowKind kind)
{
  switch (kind)
    {
    case ROW_TITLE: return H_TITLE;
    case ROW_HEADER: return H_HEADER;
    case ROW_TOTAL: return H_HEADER;
    case ROW_LINE:
    default: return H_LINE;
    }
}

/* "市政府机关食堂 (CT01)": a canteen as the review names it, by the name
 * a reader knows with the code beside it; the code alone for a canteen
 * that is no longer in `canteens`. */
char *
_jc_report_canteen_label (GPtrArray  *canteens,
               const char *code)
{
  for (guint i = 0; canteens != NULL && i < canteens->len; i++)
    {
      const JcCanteen *c = g_ptr_array_index (canteens, i);

      if (g_strcmp0 (c->code, code) == 0 && c->name != NULL && *c->name != '\0')
        return g_strdup_printf ("%s (%s)", c->name, code);
    }
  return g_strdup (code);
}

/* Adds a row; the cells are taken. */
static void
doc_add (Doc       *doc,
         RowKind    kind,
         const Col *cols,
         guint      n_cols,
         ...)
{
  Row *row = g_new0 (Row, 1);
  va_list ap;

  g_assert (n_cols <= MAX_COLS);
  row->kind = kind;
  row->cols = cols;
  row->n_cols = n_cols;
  va_start (ap, n_cols);
  for (guint i = 0; i < n_cols; i++)
    row->cells[i] = va_arg (ap, char *);
  va_end (ap);
  row->h = row_height (kind);
  g_ptr_array_add (doc->rows, row);
}

static char *
share_text (gint64 part,
            gint64 whole)
{
  char *text = jc_format_share_percent (part, whole, JC_FORMAT_NONE);

  return text != NULL ? text : g_strdup ("—");
}

/* With `canteens`, the keys are canteen codes, shown by name and code. */
static void
add_amounts (Doc        *doc,
             const char *title,
             const char *key_label,
             GPtrArray  *amounts,
             GPtrArray  *canteens,
             gint64      total)
{
  doc_add (doc, ROW_TITLE, amount_cols, 1, g_strdup (title));
  doc_add (doc, ROW_HEADER, amount_cols, 3, g_strdup (key_label), g_strdup ("支出 Spend"),
           g_strdup ("占比 Share"));
  for (guint i = 0; i < amounts->len; i++)
    {
      const JcReportAmount *a = g_ptr_array_index (amounts, i);

      doc_add (doc, ROW_LINE, amount_cols, 3,
               canteens != NULL ? _jc_report_canteen_label (canteens, a->key)
                                : g_strdup (a->key),
               yuan (a->fen), share_text (a->fen, total));
    }
  doc_add (doc, ROW_TOTAL, amount_cols, 3, g_strdup ("合计 Total"), yuan (total),
           g_strdup (total != 0 ? "100.00%" : "—"));
}

static void
doc_build_tables (Doc *doc)
{
  const JcReport *r = doc->r;
  g_autoptr(GArray) movers = movers_new (r);
  g_autofree char *title = NULL;

  add_amounts (doc, "按食堂 Spend by canteen", "食堂 Canteen", r->by_canteen, doc->canteens,
               r->spend_fen);
  add_amounts (doc, "按类别 Spend by category", "类别 Category", r->by_category, NULL,
               r->spend_fen);
  title = g_strdup_printf ("单位成本变动前 %u 名 Top %u price movers (%s → %s)",
                           (guint) JC_REPORT_DOC_N_MOVERS, (guint) JC_REPORT_DOC_N_MOVERS,
                           r->yoy.month, r->month);
  doc_add (doc, ROW_TITLE, mover_cols, 1, g_steal_pointer (&title));
  doc_add (doc, ROW_HEADER, mover_cols, 5, g_strdup ("品种 Item"), g_strdup ("上年 c0"),
           g_strdup ("本月 c1"), g_strdup ("变化 Change"), g_strdup ("单价 Unit ‰"));
  for (guint i = 0; i < movers->len; i++)
    {
      const Mover *m = &g_array_index (movers, Mover, i);
      gint64 c0 = m->row->cost_fen[JC_REPORT_YOY_BASE], c1 = m->row->cost_fen[JC_REPORT_M];

      doc_add (doc, ROW_LINE, mover_cols, 5,
               g_strdup_printf ("%s %s", m->row->item_code, m->row->item_name),
               yuan (c0), yuan (c1), yuan (c1 - c0),
               g_strdup_printf ("%s%.0f‰",
                                jc_format_sign (m->permille < 0 ? -1 : 1,
                                                JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS),
                                fabs (m->permille)));
    }
  if (movers->len == 0)
    doc_add (doc, ROW_LINE, mover_cols, 1,
             g_strdup ("无两期都有采购的品种 No item bought in both months"));
}

/* A line whose text wraps in its column (a long canteen name) grows by
 * the lines it needs, so that nothing is cut or drawn over the next row. */
static void
doc_measure (Doc *doc)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();
  int one_line = 0;

  pango_font_description_set_family (font, JC_DOC_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (8.0 * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, "食 Ag", -1);
  pango_layout_get_size (layout, NULL, &one_line);
  for (guint i = 0; i < doc->rows->len; i++)
    {
      Row *row = g_ptr_array_index (doc->rows, i);
      int tallest = one_line;

      if (row->kind != ROW_LINE || row->n_cols < 2)
        continue;
      for (guint c = 0; c < row->n_cols; c++)
        {
          int height = 0;

          if (row->cells[c] == NULL || *row->cells[c] == '\0')
            continue;
          pango_layout_set_width (layout, (int) ((row->cols[c].width - 6) * PANGO_SCALE));
          pango_layout_set_text (layout, row->cells[c], -1);
          pango_layout_get_size (layout, NULL, &height);
          tallest = MAX (tallest, height);
        }
      /* a line as tall as before, plus the extra lines' height */
      row->h = H_LINE + (double) (tallest - one_line) / PANGO_SCALE;
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A title and a header stay with the row after them; a row never
 * straddles a page. */
static void
doc_paginate (Doc *doc)
{
  double y = BODY_TOP;
  guint first = 0;

  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, first);
  for (guint i = 0; i < doc->rows->len; i++)
    {
      const Row *row = g_ptr_array_index (doc->rows, i);
      double need = row->h;

      for (guint j = i; j + 1 < doc->rows->len; j++)
        {
          const Row *cur = g_ptr_array_index (doc->rows, j);
          const Row *next = g_ptr_array_index (doc->rows, j + 1);

          if (cur->kind != ROW_TITLE && cur->kind != ROW_HEADER)
            break;
          need += next->h;
        }
      if (y + need > BODY_BOTTOM
          && i > g_array_index (doc->page_starts, guint, doc->page_starts->len - 1))
        {
          g_array_append_val (doc->page_starts, i);
          y = BODY_TOP;
        }
      y += row->h;
    }
}

static Doc *
doc_new (JcStore         *store,
         const JcReport  *r,
         GError         **error)
{
  g_autoptr(Doc) doc = g_new0 (Doc, 1);

  doc->r = r;
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  doc->generated_at = jc_doc_generated_at ();
  if (!jc_report_trend (store, r->month, r->canteen, JC_REPORT_DOC_TREND_MONTHS, doc->months,
                        doc->trend_fen, doc->ours, doc->market, error))
    return NULL;
  doc->canteens = jc_store_list_canteens (store, TRUE, error);
  if (doc->canteens == NULL)
    return NULL;
  if (r->canteen != NULL)
    doc->canteen = _jc_report_canteen_label (doc->canteens, r->canteen);
  doc_build_tables (doc);
  doc_measure (doc);
  doc_paginate (doc);
  return g_steal_pointer (&doc);
}

static guint
doc_n_pages (const Doc *doc)
{
  return 1 + N_CHART_PAGES + doc->page_starts->len;
}

/* ---- drawing ---------------------------------------------------------- */

/* The height `text` takes in points, wrapped at `width` in the documents' font. */
static double
text_height (PangoLayout *layout,
             double       size,
             gboolean     bold,
             double       width,
             const char  *text)
{
  PangoFontDescription *font = pango_font_description_new ();
  int h = 0;

  pango_font_description_set_family (font, JC_DOC_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
draw_frame (cairo_t     *cr,
            PangoLayout *layout,
            const Doc   *doc,
            guint        page,
            const char  *heading)
{
  g_autofree char *head = g_strdup_printf ("%s · %s%s%s", heading, doc->r->month,
                                           doc->canteen ? " · " : "",
                                           doc->canteen ? doc->canteen : "");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page > 0)
    {
      /* a long canteen name: the running head in smaller type, wrapped, so
       * that it stays above the body */
      double size = 12.0;

      while (size > 7.0 && text_height (layout, size, TRUE, CONTENT_W, head) > BODY_TOP - MARGIN - 4)
        size -= 1.0;
      jc_doc_show_wrapped (cr, layout, size, TRUE, MARGIN, MARGIN, CONTENT_W, PANGO_ALIGN_LEFT, head);
    }
  jc_doc_draw_footer (cr, layout, MARGIN, CONTENT_W, PAGE_H, MARGIN, doc->generated_at, page,
                      doc_n_pages (doc));
}

static void
draw_figure (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       w,
             const char  *label,
             const char  *value,
             const char  *note)
{
  cairo_set_source_rgb (cr, 0.95, 0.96, 0.99);
  cairo_rectangle (cr, x, y, w, 70);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  jc_doc_show_wrapped (cr, layout, 8.0, FALSE, x + 8, y + 6, w - 16, PANGO_ALIGN_LEFT, label);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_wrapped (cr, layout, 17.0, TRUE, x + 8, y + 22, w - 16, PANGO_ALIGN_LEFT, value);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  jc_doc_show_wrapped (cr, layout, 7.0, FALSE, x + 8, y + 52, w - 16, PANGO_ALIGN_LEFT, note);
}

static void
draw_cover (cairo_t     *cr,
            PangoLayout *layout,
            const Doc   *doc)
{
  const JcReport *r = doc->r;
  const JcReportComparison *y = &r->yoy;
  g_autofree char *spend = yuan (r->spend_fen);
  g_autofree char *mom = comparison_percent (&r->mom);
  g_autofree char *yoy = comparison_percent (y);
  g_autofree char *ours = index_text (y->has_base && y->d.has_indices, y->d.fisher);
  g_autofree char *market = index_text (y->has_base && y->has_market, y->market_fisher);
  g_autofree char *savings = yuan (r->savings_vs_market_fen);
  g_autofree char *prov = g_strdup_printf ("%u / %u", r->provisional_days, r->n_days);
  g_autofree char *mom_note = g_strdup_printf ("对比 against %s", r->mom.month);
  g_autofree char *yoy_note = g_strdup_printf ("对比 against %s", y->month);
  g_autofree char *sav_note = g_strdup_printf ("%u 行 %s", r->n_savings_lines,
                                              r->n_savings_lines == 1 ? "line" : "lines");
  g_autofree char *claim_zh = jc_report_claim_text (r, FALSE);
  g_autofree char *claim_en = jc_report_claim_text (r, TRUE);
  g_autofree char *sub = g_strdup_printf ("月份 Month：%s    食堂 Canteen：%s", r->month,
                                          doc->canteen ? doc->canteen : "全部 All");
  double cw = (CONTENT_W - 2 * 10) / 3, top = MARGIN + 90;

  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_wrapped (cr, layout, 20.0, TRUE, MARGIN, MARGIN + 10, CONTENT_W, PANGO_ALIGN_LEFT,
             "月度采购成本分析");
  jc_doc_show_wrapped (cr, layout, 12.0, FALSE, MARGIN, MARGIN + 40, CONTENT_W, PANGO_ALIGN_LEFT,
             "Monthly cost review");
  jc_doc_show_wrapped (cr, layout, 9.0, FALSE, MARGIN, MARGIN + 62, CONTENT_W, PANGO_ALIGN_LEFT, sub);
  {
    /* a long canteen name wraps the subtitle: the figures move down under it */
    int sub_h = 0;

    pango_layout_get_size (layout, NULL, &sub_h);
    top = MAX (top, MARGIN + 62 + (double) sub_h / PANGO_SCALE + 10);
  }

  draw_figure (cr, layout, MARGIN, top, cw, "本月支出 Spend", spend, "分摊实际成本 allocated cost");
  draw_figure (cr, layout, MARGIN + cw + 10, top, cw, "环比 Month on month", mom, mom_note);
  draw_figure (cr, layout, MARGIN + 2 * (cw + 10), top, cw, "同比 Year on year", yoy, yoy_note);
  draw_figure (cr, layout, MARGIN, top + 80, cw, "我方价格指数 Our index", ours,
               "同比，上年同月 = 100 base = 100");
  draw_figure (cr, layout, MARGIN + cw + 10, top + 80, cw, "市场价格指数 Market index",
               market, "同比，上年同月 = 100 base = 100");
  draw_figure (cr, layout, MARGIN + 2 * (cw + 10), top + 80, cw, "较市场节约 Savings", savings,
               sav_note);
  draw_figure (cr, layout, MARGIN, top + 160, cw, "暂估天数 Provisional days", prov,
               "按计划成本计 at planned cost");

  cairo_set_source_rgb (cr, 0.208, 0.518, 0.894);
  cairo_rectangle (cr, MARGIN, top + 250, 4, 52);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_wrapped (cr, layout, 8.0, TRUE, MARGIN + 12, top + 246, CONTENT_W - 12, PANGO_ALIGN_LEFT,
             "核对 Claim check");
  jc_doc_show_wrapped (cr, layout, 11.0, TRUE, MARGIN + 12, top + 262, CONTENT_W - 12, PANGO_ALIGN_LEFT,
             claim_zh);
  jc_doc_show_wrapped (cr, layout, 9.0, FALSE, MARGIN + 12, top + 282, CONTENT_W - 12, PANGO_ALIGN_LEFT,
             claim_en);

  if (y->has_base)
    {
      g_autofree char *pe = yuan (y->d.price_effect_fen);
      g_autofree char *ve = yuan (y->d.volume_effect_fen);
      g_autofree char *ne = yuan (y->d.new_fen);
      g_autofree char *de = yuan (y->d.dropped_fen);
      g_autofree char *ch = yuan (y->change_fen);
      g_autofree char *line = g_strdup_printf (
        "同比变化 Change %s = 价格 price %s + 数量 volume %s + 新增 new %s + 停购 dropped %s",
        ch, pe, ve, ne, de);

      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      jc_doc_show_wrapped (cr, layout, 8.5, FALSE, MARGIN, top + 320, CONTENT_W, PANGO_ALIGN_LEFT, line);
    }
}

static void
draw_chart_title (cairo_t     *cr,
                  PangoLayout *layout,
                  double       y,
                  const char  *title)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_wrapped (cr, layout, 10.0, TRUE, MARGIN, y, CONTENT_W, PANGO_ALIGN_LEFT, title);
}

static void
draw_charts_1 (cairo_t     *cr,
               PangoLayout *layout,
               const Doc   *doc)
{
  const char *labels[JC_REPORT_DOC_TREND_MONTHS];
  const JcReportComparison *y = &doc->r->yoy;
  double top = BODY_TOP, slot = (BODY_BOTTOM - BODY_TOP) / 3;

  for (guint i = 0; i < JC_REPORT_DOC_TREND_MONTHS; i++)
    labels[i] = doc->months[i] + 2;   /* "26-10" */
  draw_chart_title (cr, layout, top, "近 13 个月支出 Spend over 13 months");
  jc_chart_paint_spend_trend (cr, MARGIN, top + 20, CONTENT_W, slot - 30, doc->trend_fen,
                              labels, JC_REPORT_DOC_TREND_MONTHS);
  top += slot;
  draw_chart_title (cr, layout, top,
                    "价格指数（环比链式 Fisher，首月 = 100）Chained price index, ours vs market");
  jc_chart_paint_index_compare (cr, MARGIN, top + 20, CONTENT_W, slot - 30, doc->ours,
                                doc->market, labels, JC_REPORT_DOC_TREND_MONTHS);
  top += slot;
  draw_chart_title (cr, layout, top, "同比变化分解 Year-on-year change, decomposed");
  if (y->has_base)
    jc_chart_paint_waterfall (cr, MARGIN, top + 20, CONTENT_W, slot - 30, y->base_fen,
                              y->d.price_effect_fen, y->d.volume_effect_fen, y->d.new_fen,
                              y->d.dropped_fen, y->base_fen + y->change_fen, NULL);
  else
    jc_doc_show_wrapped (cr, layout, 9.0, FALSE, MARGIN, top + 40, CONTENT_W, PANGO_ALIGN_CENTER,
               "上年同月无数据 No data in the same month a year before");
}

/* Bars of `amounts`; with `canteens`, the keys are canteen codes, shown by
 * the canteen's name where it fits. */
static void
draw_amount_bars (cairo_t     *cr,
                  double       y,
                  double       h,
                  GPtrArray   *amounts,
                  GPtrArray   *canteens)
{
  g_autofree gint64 *values = g_new0 (gint64, MAX (amounts->len, 1));
  g_autofree const char **labels = g_new0 (const char *, MAX (amounts->len, 1));
  g_autofree const char **names = g_new0 (const char *, MAX (amounts->len, 1));

  for (guint i = 0; i < amounts->len; i++)
    {
      const JcReportAmount *a = g_ptr_array_index (amounts, i);

      values[i] = a->fen;
      labels[i] = a->key;
      names[i] = a->key;
      for (guint j = 0; canteens != NULL && j < canteens->len; j++)
        {
          const JcCanteen *c = g_ptr_array_index (canteens, j);

          if (g_strcmp0 (c->code, a->key) == 0 && c->name != NULL && *c->name != '\0')
            names[i] = c->name;
        }
    }
  if (canteens != NULL)
    jc_chart_paint_named_bars (cr, MARGIN, y, CONTENT_W, h, values, names, labels, amounts->len);
  else
    jc_chart_paint_bars (cr, MARGIN, y, CONTENT_W, h, values, labels, amounts->len);
}

static void
draw_charts_2 (cairo_t     *cr,
               PangoLayout *layout,
               const Doc   *doc)
{
  double top = BODY_TOP, slot = (BODY_BOTTOM - BODY_TOP) / 2;

  draw_chart_title (cr, layout, top, "按食堂支出 Spend by canteen");
  draw_amount_bars (cr, top + 22, MIN (slot - 32, 26.0 * MAX (doc->r->by_canteen->len, 1)),
                    doc->r->by_canteen, doc->canteens);
  top += slot;
  draw_chart_title (cr, layout, top, "按类别支出 Spend by category");
  draw_amount_bars (cr, top + 22, MIN (slot - 32, 26.0 * MAX (doc->r->by_category->len, 1)),
                    doc->r->by_category, NULL);
}

static void
draw_row (cairo_t     *cr,
          PangoLayout *layout,
          const Row   *row,
          double       y)
{
  double x = MARGIN, h = row->h;

  if (row->kind == ROW_TITLE)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      jc_doc_show_wrapped (cr, layout, 10.0, TRUE, MARGIN, y + 8, CONTENT_W, PANGO_ALIGN_LEFT,
                 row->cells[0]);
      return;
    }
  if (row->kind == ROW_HEADER)
    {
      cairo_set_source_rgb (cr, 0.85, 0.88, 0.95);
      cairo_rectangle (cr, MARGIN, y, CONTENT_W, h);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < row->n_cols; c++)
    {
      double w = row->cols[c].width;

      if (row->n_cols == 1)
        w = CONTENT_W;
      jc_doc_show_wrapped (cr, layout, 8.0, row->kind != ROW_LINE, x + 3,
                           y + (row_height (row->kind) - 8.0 * 1.45) / 2, w - 6,
                 row->cols[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, row->cells[c]);
      x += row->cols[c].width;
    }
  cairo_set_line_width (cr, row->kind == ROW_LINE ? 0.3 : 0.6);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_move_to (cr, MARGIN, y + h);
  cairo_line_to (cr, MARGIN + CONTENT_W, y + h);
  cairo_stroke (cr);
}

static void
draw_table_page (cairo_t     *cr,
                 PangoLayout *layout,
                 const Doc   *doc,
                 guint        table_page)
{
  guint first = g_array_index (doc->page_starts, guint, table_page);
  guint end = table_page + 1 < doc->page_starts->len
                ? g_array_index (doc->page_starts, guint, table_page + 1) : doc->rows->len;
  double y = BODY_TOP;

  for (guint i = first; i < end; i++)
    {
      const Row *row = g_ptr_array_index (doc->rows, i);

      draw_row (cr, layout, row, y);
      y += row->h;
    }
}

static void
doc_draw_page (cairo_t   *cr,
               const Doc *doc,
               guint      page)
{
  PangoLayout *layout;

  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  if (page == 0)
    {
      draw_frame (cr, layout, doc, page, "");
      draw_cover (cr, layout, doc);
    }
  else if (page == 1)
    {
      draw_frame (cr, layout, doc, page, "图表 Charts");
      draw_charts_1 (cr, layout, doc);
    }
  else if (page == 2)
    {
      draw_frame (cr, layout, doc, page, "图表 Charts");
      draw_charts_2 (cr, layout, doc);
    }
  else
    {
      draw_frame (cr, layout, doc, page, "明细 Tables");
      draw_table_page (cr, layout, doc, page - 1 - N_CHART_PAGES);
    }
  g_object_unref (layout);
  cairo_restore (cr);
}

gboolean
jc_report_export_pdf (JcStore         *store,
                      const JcReport  *report,
                      const char      *path,
                      JcOutputFlags    flags,
                      GError         **error)
{
  g_autoptr(JcPagedDoc) paged = NULL;
  JcReportDoc *doc;

  g_return_val_if_fail (store != NULL && report != NULL && path != NULL, FALSE);

  doc = jc_report_doc_new (store, report, error);
  if (doc == NULL)
    return FALSE;
  paged = jc_report_doc_paged_new (doc);
  return jc_paged_doc_write_pdf (paged, path, flags, error);
}

/* ---- the figures as text ---------------------------------------------- */

char *
jc_report_format_change (const JcReportComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);

  return comparison_percent (comparison);
}

char *
jc_report_format_index (gboolean has,
                        double   ratio)
{
  return index_text (has, ratio);
}

/* ---- the pages for printing ------------------------------------------- */

struct _JcReportDoc {
  Doc      *doc;
  JcReport *owned;   /* the report, when the document owns it */
};

JcReportDoc *
jc_report_doc_new (JcStore         *store,
                   const JcReport  *report,
                   GError         **error)
{
  Doc *doc;
  JcReportDoc *self;

  g_return_val_if_fail (store != NULL && report != NULL, NULL);

  doc = doc_new (store, report, error);
  if (doc == NULL)
    return NULL;
  self = g_new0 (JcReportDoc, 1);
  self->doc = doc;
  return self;
}

JcReportDoc *
jc_report_doc_new_full (JcStore   *store,
                        JcReport  *report,
                        GError   **error)
{
  JcReportDoc *self;

  g_return_val_if_fail (store != NULL && report != NULL, NULL);

  self = jc_report_doc_new (store, report, error);
  if (self == NULL)
    {
      jc_report_free (report);
      return NULL;
    }
  self->owned = report;
  return self;
}

void
jc_report_doc_free (JcReportDoc *doc)
{
  if (doc == NULL)
    return;
  doc_free (doc->doc);
  g_clear_pointer (&doc->owned, jc_report_free);
  g_free (doc);
}

guint
jc_report_doc_get_n_pages (const JcReportDoc *doc)
{
  g_return_val_if_fail (doc != NULL, 0);

  return doc_n_pages (doc->doc);
}

void
jc_report_doc_draw_page (const JcReportDoc *doc,
                         cairo_t           *cr,
                         guint              page,
                         double             page_w,
                         double             page_h)
{
  double s;

  g_return_if_fail (doc != NULL && cr != NULL);

  if (page >= doc_n_pages (doc->doc) || page_w <= 0 || page_h <= 0)
    return;
  s = MIN (page_w / PAGE_W, page_h / PAGE_H);
  cairo_save (cr);
  cairo_translate (cr, (page_w - PAGE_W * s) / 2, (page_h - PAGE_H * s) / 2);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  doc_draw_page (cr, doc->doc, page);
  cairo_restore (cr);
}

static guint
paged_n_pages (gconstpointer data,
               double        page_w,
               double        page_h)
{
  return jc_report_doc_get_n_pages (data);
}

static void
paged_draw_page (gconstpointer data,
                 cairo_t      *cr,
                 guint         page,
                 double        page_w,
                 double        page_h)
{
  jc_report_doc_draw_page (data, cr, page, page_w, page_h);
}

static const JcPagedDocFuncs paged_funcs = { paged_n_pages, paged_draw_page };

JcPagedDoc *
jc_report_doc_paged_new (JcReportDoc *doc)
{
  g_autofree char *title = NULL;
  g_autofree char *pdf_title = NULL;
  JcPagedDoc *paged;

  g_return_val_if_fail (doc != NULL, NULL);
  /* TRANSLATORS: the print job's name; %s the month "YYYY-MM" */
  title = g_strdup_printf (_("Cost review %s"), doc->doc->r->month);
  pdf_title = g_strdup_printf ("月度采购成本分析 Monthly cost review %s", doc->doc->r->month);
  paged = jc_paged_doc_new (title, &paged_funcs, doc, (GDestroyNotify) jc_report_doc_free);
  jc_paged_doc_set_pdf_title (paged, pdf_title);
  return paged;
}
