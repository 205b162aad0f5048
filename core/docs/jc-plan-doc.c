/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-doc.c: the purchase order as a paged document (cairo + pango on
 * any cairo_t, PDF through jc_paged_doc_write_pdf()) and as a workbook
 * (libxlsxwriter), and the table renderer it shares with the canteen
 * statement (jc-statement-doc.c, through jc-plan-doc-private.h).
 *
 * Both documents are first turned into a plain table — a title, header
 * lines, columns and rows of already formatted text — and one renderer
 * paginates and draws that, so the screen preview, the print and the PDF
 * are the same pages.  Labels are bilingual, Chinese first. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-plan-doc"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jc-error.h"
#include "jc-master.h"
#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-plan-doc.h"
#include "jc-plan-doc-private.h"
#include "jc-doc-text.h"
#include "jc-format.h"
#include "jc-prices.h"
#include "jc-units.h"

G_DEFINE_QUARK (jc-plan-doc-error-quark, jc_plan_doc_error)

#define MARGIN      36.0

/* Row heights in points. */
#define H_HEADER    24.0
#define H_CATEGORY  18.0
#define H_LINE      15.0
#define H_SUBTOTAL  16.0
#define H_TOTAL     22.0
#define H_TEXT      14.0
#define H_SPACE     10.0
#define H_SIGN      64.0
#define H_INFO      14.0


static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

Doc *
doc_new (const Column *cols,
         guint         n_cols)
{
  Doc *doc = g_new0 (Doc, 1);

  g_assert (n_cols <= MAX_COLS);
  doc->info = g_ptr_array_new_with_free_func (g_free);
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->cols = cols;
  doc->n_cols = n_cols;
  doc->generated_at = jc_doc_generated_at ();
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

void
doc_free (Doc *doc)
{
  g_free (doc->title);
  g_ptr_array_unref (doc->info);
  g_ptr_array_unref (doc->rows);
  g_free (doc->generated_at);
  g_array_unref (doc->page_starts);
  g_free (doc);
}

/* Adds a row; the cells are taken (NULL for an empty cell). */
Row *
doc_add (Doc     *doc,
         RowKind  kind,
         ...)
{
  Row *row = g_new0 (Row, 1);
  va_list ap;

  row->kind = kind;
  va_start (ap, kind);
  for (guint i = 0; i < doc->n_cols; i++)
    row->cells[i] = va_arg (ap, char *);
  va_end (ap);
  g_ptr_array_add (doc->rows, row);
  return row;
}

/* A row whose only text spans the page. */
void
doc_add_text (Doc        *doc,
              RowKind     kind,
              char       *text)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->cells[0] = text;
  g_ptr_array_add (doc->rows, row);
}

static double
row_height (RowKind kind)
{
  switch (kind)
    {
    case ROW_CATEGORY: return H_CATEGORY;
    case ROW_LINE: return H_LINE;
    case ROW_SUBTOTAL: return H_SUBTOTAL;
    case ROW_TOTAL: return H_TOTAL;
    case ROW_TEXT:
    case ROW_WARNING: return H_TEXT;
    case ROW_SPACE: return H_SPACE;
    case ROW_SIGN: return H_SIGN;
    default: g_return_val_if_reached (H_LINE);
    }
}

static double
body_top (const Doc *doc)
{
  return MARGIN + 30.0 + H_INFO * doc->info->len + 8.0;
}

static double
body_bottom (void)
{
  return JC_PLAN_DOC_A4_HEIGHT - MARGIN - 22.0;
}

/* Splits the rows into pages: a row never straddles a page, a category
 * heading is never the last row of a page, the table header repeats. */
void
doc_paginate (Doc *doc)
{
  double top = body_top (doc) + H_HEADER;
  double bottom = body_bottom ();
  double y = top;
  guint first = 0;

  g_array_set_size (doc->page_starts, 0);
  g_array_append_val (doc->page_starts, first);
  for (guint i = 0; i < doc->rows->len; i++)
    {
      Row *row = g_ptr_array_index (doc->rows, i);
      double h = row_height (row->kind);
      double need = h + (row->kind == ROW_CATEGORY ? H_LINE : 0.0);

      if (y + need > bottom && i > g_array_index (doc->page_starts, guint,
                                                  doc->page_starts->len - 1))
        {
          g_array_append_val (doc->page_starts, i);
          y = top;
        }
      y += h;
    }
}

/* ---- drawing -------------------------------------------------------- */

static double
doc_table_width (const Doc *doc)
{
  double w = 0;

  for (guint i = 0; i < doc->n_cols; i++)
    w += doc->cols[i].width;
  return w;
}

static const JcDocSignLayout plan_sign = { "日期 Date：", 40, 44, 50, 56 };

static void
draw_row (cairo_t     *cr,
          PangoLayout *layout,
          const Doc   *doc,
          const Row   *row,
          double       y)
{
  double width = doc_table_width (doc);
  double h = row_height (row->kind);
  gboolean bold = row->kind == ROW_SUBTOTAL || row->kind == ROW_TOTAL;
  double size = row->kind == ROW_TOTAL ? 9.5 : 8.0;

  switch (row->kind)
    {
    case ROW_CATEGORY:
      jc_doc_draw_band (cr, layout, MARGIN, y, h, width, row->cells[0]);
      return;
    case ROW_TEXT:
    case ROW_WARNING:
      jc_doc_draw_note (cr, layout, MARGIN, y, width, 0.25, row->kind == ROW_WARNING,
                        row->cells[0]);
      return;
    case ROW_SPACE:
      return;
    case ROW_SIGN:
      jc_doc_draw_signatures (cr, layout, doc->signers, &plan_sign, MARGIN, y, width);
      return;
    case ROW_LINE:
    case ROW_SUBTOTAL:
    case ROW_TOTAL:
    default:
      break;
    }

  jc_doc_draw_cells (cr, layout, doc->cols, doc->n_cols, row->cells, row->kind != ROW_LINE,
                     MARGIN, y, h, size, bold, width);
  if (row->kind == ROW_TOTAL)
    {
      cairo_move_to (cr, MARGIN, y + 1);
      cairo_line_to (cr, MARGIN + width, y + 1);
      cairo_stroke (cr);
    }
}

static void
doc_draw_page (cairo_t   *cr,
               const Doc *doc,
               guint      page,
               double     page_w,
               double     page_h)
{
  double scale = MIN (page_w / JC_PLAN_DOC_A4_WIDTH, page_h / JC_PLAN_DOC_A4_HEIGHT);
  guint n_pages = doc->page_starts->len;
  guint first, end;
  PangoLayout *layout;
  double y;

  g_return_if_fail (page < n_pages);
  first = g_array_index (doc->page_starts, guint, page);
  end = page + 1 < n_pages ? g_array_index (doc->page_starts, guint, page + 1) : doc->rows->len;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, JC_PLAN_DOC_A4_WIDTH, JC_PLAN_DOC_A4_HEIGHT);
  cairo_fill (cr);
  layout = pango_cairo_create_layout (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_text (cr, layout, 16.0, TRUE, MARGIN, MARGIN, 0, PANGO_ALIGN_LEFT, doc->title);
  y = MARGIN + 30.0;
  for (guint i = 0; i < doc->info->len; i++)
    {
      jc_doc_show_text (cr, layout, 8.5, FALSE, MARGIN, y, doc_table_width (doc), PANGO_ALIGN_LEFT,
                 g_ptr_array_index (doc->info, i));
      y += H_INFO;
    }

  y = body_top (doc);
  jc_doc_draw_header (cr, layout, doc->cols, doc->n_cols, MARGIN, y, H_HEADER,
                      doc_table_width (doc));
  y += H_HEADER;
  for (guint i = first; i < end; i++)
    {
      const Row *row = g_ptr_array_index (doc->rows, i);

      draw_row (cr, layout, doc, row, y);
      y += row_height (row->kind);
    }

  jc_doc_draw_footer (cr, layout, MARGIN, doc_table_width (doc), JC_PLAN_DOC_A4_HEIGHT, MARGIN,
                      doc->generated_at, page, n_pages);

  g_object_unref (layout);
  cairo_restore (cr);
}

/* The document as a JcPagedDoc: it holds its own laid-out table (every
 * cell a copy), so nothing of the plan or statement it was made from needs
 * to outlive it. */
static guint
paged_n_pages (gconstpointer data,
               double        page_w,
               double        page_h)
{
  const Doc *doc = data;

  return doc->page_starts->len;
}

static void
paged_draw_page (gconstpointer data,
                 cairo_t      *cr,
                 guint         page,
                 double        page_w,
                 double        page_h)
{
  doc_draw_page (cr, data, page, page_w, page_h);
}

static const JcPagedDocFuncs doc_paged_funcs = { paged_n_pages, paged_draw_page };

JcPagedDoc *
doc_paged_new (Doc        *doc,
               const char *title)
{
  return jc_paged_doc_new (title, &doc_paged_funcs, doc, (GDestroyNotify) doc_free);
}

/* ---- the purchase order --------------------------------------------- */

static const Column plan_columns[] = {
  { "品名\nItem", 120, FALSE },
  { "需求\nDemand", 52, TRUE },
  { "损耗‰\nLoss", 36, TRUE },
  { "毛需求\nGross", 52, TRUE },
  { "件数\nPacks", 36, TRUE },
  { "采购量\nPurchase", 56, TRUE },
  { "单位\nUnit", 30, FALSE },
  { "单价 ¥/单位\nPrice", 60, TRUE },
  { "金额 ¥\nCost", 81, TRUE },
};

static const char *plan_signers[] = {
  "采购员 Buyer：", "复核 Checked by：", "负责人 Approved by：", NULL
};

/* "¥12.34" (the plan's amounts are never below zero) */
char *
yuan (gint64 fen)
{
  return jc_format_money (fen, JC_FORMAT_YUAN);
}

static void
add_subtotal (Doc        *doc,
              const char *category,
              gint64      fen)
{
  doc_add (doc, ROW_SUBTOTAL, g_strdup_printf ("小计 Subtotal · %s", category),
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, yuan (fen));
}

/* The canteens with a share in the plan (a locked snapshot does not keep
 * n_canteens). */
static guint
count_canteens (const JcPlan *plan)
{
  g_autoptr(GHashTable) seen = NULL;

  if (plan->n_canteens > 0)
    return plan->n_canteens;
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);

      for (guint s = 0; l->shares != NULL && s < l->shares->len; s++)
        g_hash_table_add (seen, &g_array_index (l->shares, JcPlanShare, s).canteen_id);
    }
  return g_hash_table_size (seen);
}

static Doc *
plan_doc_new (const JcPlan *plan)
{
  g_autoptr(Doc) doc = doc_new (plan_columns, G_N_ELEMENTS (plan_columns));
  const char *supplements = _("Supplementary purchases");
  g_autofree char *category = NULL;   /* the group's key */
  g_autofree char *label = NULL;      /* its name in the subtotal */
  gint64 subtotal = 0;

  doc->title = g_strdup ("采购单 Purchase order");
  doc->signers = plan_signers;
  g_ptr_array_add (doc->info, g_strdup_printf ("配送日期 Delivery date：%s", plan->date));
  if (plan->status == JC_PLAN_LOCKED)
    g_ptr_array_add (doc->info,
                     g_strdup_printf ("状态 Status：已锁定 locked · 锁定人 by %s · 锁定于 at %s",
                                      plan->locked_by ? plan->locked_by : "",
                                      plan->locked_at ? plan->locked_at : ""));
  else
    g_ptr_array_add (doc->info,
                     g_strdup ("状态 Status：未锁定 open（按当前订单计算 computed from the "
                               "current orders）"));
  g_ptr_array_add (doc->info,
                   g_strdup_printf ("食堂 Canteens：%u · 品种 Items：%u · 价格过期 Stale "
                                    "prices：%u · 无价格 No price：%u",
                                    count_canteens (plan), plan->lines->len, plan->n_stale,
                                    plan->no_price->len));

  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      gboolean sup = l->supplement_id != 0 && l->shares->len > 0;
      const char *canteen = sup ? g_array_index (l->shares, JcPlanShare, 0).canteen_code : NULL;
      /* the supplementary purchases (补单) of late orders, after the plan
       * as locked, in groups of their own, one a canteen, as on the plan
       * page */
      g_autofree char *group = sup ? g_strdup_printf ("\x01%s", canteen)
                                   : g_strdup (l->category_name);
      char *price = NULL;
      char *item;

      if (category == NULL || g_strcmp0 (category, group) != 0)
        {
          if (category != NULL)
            add_subtotal (doc, label, subtotal);
          g_free (category);
          category = g_steal_pointer (&group);
          g_free (label);
          subtotal = 0;
          if (sup)
            {
              g_autofree char *who = NULL;

              if (l->supplement_canteen_name != NULL && l->supplement_canteen_name[0] != '\0')
                who = g_strdup_printf ("%s %s", canteen, l->supplement_canteen_name);
              else
                who = g_strdup (canteen);
              /* "Supplementary purchases · for CT02 name" */
              doc_add_text (doc, ROW_CATEGORY, g_strdup_printf (_("%s · for %s"), supplements,
                                                               who));
              label = g_strdup_printf (_("%s · for %s"), supplements, canteen);
            }
          else
            {
              doc_add_text (doc, ROW_CATEGORY, g_strdup_printf ("%s %s", l->category_name,
                                                               l->category));
              label = g_strdup (l->category_name);
            }
        }
      item = g_strdup_printf ("%s %s", l->item_name, l->item_code);
      if (sup)
        {
          char *marked = g_strdup_printf (_("%s · for %s"), item, canteen);

          g_free (item);
          item = marked;
        }
      if (l->has_price)
        {
          g_autofree char *p = jc_format_price (l->price_milliyuan);

          price = g_strdup_printf ("%s%s", p, l->stale ? " *" : "");
        }
      else
        price = g_strdup ("无价格");
      subtotal += l->cost_fen;
      doc_add (doc, ROW_LINE,
               item,
               jc_format_qty (l->demand_milli),
               g_strdup_printf ("%d", l->loss_permille),
               jc_format_qty (l->gross_milli),
               l->packs >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, l->packs) : g_strdup ("—"),
               jc_format_qty (l->purchase_milli),
               g_strdup (jc_base_unit_to_display (l->base_unit)),
               price,
               l->has_price ? jc_format_fen (l->cost_fen) : g_strdup ("—"));
    }
  if (category != NULL)
    add_subtotal (doc, label, subtotal);
  doc_add (doc, ROW_TOTAL, g_strdup_printf ("合计 Total（%u 个品种 items）", plan->lines->len),
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, yuan (plan->total_cost_fen));
  if (plan->n_actual > 0)
    {
      g_autofree char *actual = jc_format_fen (plan->actual_total_fen);

      doc_add_text (doc, ROW_TEXT,
                    g_strdup_printf ("实际采购 Actual（%u 项已记录 lines recorded，其余按计划 the "
                                     "rest as planned）：¥%s", plan->n_actual, actual));
    }
  if (plan->n_stale > 0)
    doc_add_text (doc, ROW_TEXT,
                  g_strdup ("* 价格过期：报价早于配送日前的最后一个工作日 Stale price: quoted before "
                            "the last working day before the delivery date"));
  if (plan->no_price->len > 0)
    {
      doc_add_text (doc, ROW_WARNING,
                    g_strdup_printf ("无价格，未计入合计 No price, not in the total（%u）：",
                                     plan->no_price->len));
      for (guint i = 0; i < plan->lines->len; i++)
        {
          const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
          g_autofree char *qty = NULL;

          if (l->has_price)
            continue;
          qty = jc_format_qty (l->purchase_milli);
          doc_add_text (doc, ROW_WARNING,
                        g_strdup_printf ("  · %s %s — 采购量 purchase %s %s", l->item_code,
                                         l->item_name, qty,
                                         jc_base_unit_to_display (l->base_unit)));
        }
    }
  doc_add_text (doc, ROW_SPACE, NULL);
  doc_add_text (doc, ROW_SIGN, NULL);
  doc_paginate (doc);
  return g_steal_pointer (&doc);
}

guint
jc_plan_doc_n_pages (const JcPlan *plan,
                     double        page_w,
                     double        page_h)
{
  g_autoptr(Doc) doc = NULL;

  g_return_val_if_fail (plan != NULL, 0);
  doc = plan_doc_new (plan);
  return doc->page_starts->len;
}

void
jc_plan_doc_draw_page (cairo_t      *cr,
                       const JcPlan *plan,
                       guint         page,
                       double        page_w,
                       double        page_h)
{
  g_autoptr(Doc) doc = NULL;

  g_return_if_fail (cr != NULL && plan != NULL);
  doc = plan_doc_new (plan);
  doc_draw_page (cr, doc, page, page_w, page_h);
}

JcPagedDoc *
jc_plan_doc_paged_new (const JcPlan *plan)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (plan != NULL, NULL);
  /* TRANSLATORS: the print job's name; %s the delivery date */
  title = g_strdup_printf (_("Purchase order %s"), plan->date);
  return doc_paged_new (plan_doc_new (plan), title);
}

gboolean
jc_plan_export_pdf (const JcPlan   *plan,
                    const char     *path,
                    JcOutputFlags   flags,
                    GError        **error)
{
  g_autoptr(JcPagedDoc) paged = NULL;

  g_return_val_if_fail (plan != NULL && path != NULL, FALSE);
  paged = jc_plan_doc_paged_new (plan);
  return jc_paged_doc_write_pdf (paged, path, flags, error);
}

/* ---- XLSX ----------------------------------------------------------- */

static gboolean
lxw_check (lxw_error    err,
           const char  *path,
           GError     **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_FAILED,
               _("Could not write %s: %s"), path, lxw_strerror (err));
  return FALSE;
}

/* A workbook written to the output's temporary file. */
lxw_workbook *
workbook_start (const char     *path,
                JcOutputFlags   flags,
                JcOutput      **out,
                GError        **error)
{
  lxw_workbook_options options = { 0 };
  lxw_workbook *wb;

  *out = jc_output_begin (path, flags, error);
  if (*out == NULL)
    return NULL;
  options.constant_memory = LXW_FALSE;
  wb = workbook_new_opt (jc_output_get_temp_path (*out), &options);
  if (wb == NULL)
    {
      g_clear_pointer (out, jc_output_free);
      g_set_error (error, JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_FAILED,
                   _("Could not write %s"), path);
    }
  return wb;
}

gboolean
workbook_finish (lxw_workbook  *wb,
                 JcOutput      *out,
                 GError       **error)
{
  g_autoptr(JcOutput) owned = out;
  lxw_error err = workbook_close (wb);

  if (!lxw_check (err, jc_output_get_path (owned), error))
    return FALSE;
  return jc_output_commit (owned, error);
}

void
write_headers (lxw_worksheet     *ws,
               const char *const *labels,
               lxw_format        *format)
{
  for (lxw_col_t c = 0; labels[c] != NULL; c++)
    worksheet_write_string (ws, 0, c, labels[c], format);
  worksheet_set_row (ws, 0, 30, NULL);
  worksheet_freeze_panes (ws, 1, 0);
}

/* The item's name, and for a supplementary line the late canteen's code
 * and name after it, as the plan page marks it. */
static char *
supplement_item_name (const JcPlanLine *l)
{
  g_autofree char *canteen = NULL;

  if (l->supplement_id == 0 || l->shares->len == 0)
    return g_strdup (l->item_name);
  if (l->supplement_canteen_name != NULL && l->supplement_canteen_name[0] != '\0')
    canteen = g_strdup_printf ("%s %s", g_array_index (l->shares, JcPlanShare, 0).canteen_code,
                               l->supplement_canteen_name);
  else
    canteen = g_strdup (g_array_index (l->shares, JcPlanShare, 0).canteen_code);
  /* TRANSLATORS: a supplementary line: the item's name, the late canteen's code */
  return g_strdup_printf (_("%s · for %s"), l->item_name, canteen);
}

gboolean
jc_plan_export_xlsx (const JcPlan   *plan,
                     const char     *path,
                     JcOutputFlags   flags,
                     GError        **error)
{
  static const char *const headers[] = {
    "类别 Category", "编码 Code", "品名 Item", "需求 Demand", "损耗‰ Loss", "毛需求 Gross",
    "件数 Packs", "采购量 Purchase", "单位 Unit", "单价 Price ¥/unit", "价格日期 Price date",
    "价格过期 Stale", "金额 Cost ¥", "实购量 Actual qty", "实价 Actual price ¥/unit",
    "实际金额 Actual cost ¥", NULL
  };
  JcOutput *out = NULL;
  g_autoptr(GPtrArray) canteens = g_ptr_array_new ();   /* borrowed codes */
  g_autoptr(GHashTable) canteen_col = g_hash_table_new (g_str_hash, g_str_equal);
  lxw_workbook *wb;
  lxw_worksheet *ws, *alloc;
  JcXlsxFormats f;
  lxw_row_t row;
  gint64 *canteen_totals;
  gint64 alloc_total = 0;

  g_return_val_if_fail (plan != NULL && path != NULL, FALSE);
  wb = workbook_start (path, flags, &out, error);
  if (wb == NULL)
    return FALSE;
  jc_xlsx_formats_init (wb, &f);

  ws = workbook_add_worksheet (wb, "采购单 Purchase order");
  write_headers (ws, headers, f.header);
  worksheet_freeze_panes (ws, 1, 3);
  worksheet_set_column (ws, 0, 0, 10, NULL);
  worksheet_set_column (ws, 1, 1, 9, NULL);
  worksheet_set_column (ws, 2, 2, 16, NULL);
  worksheet_set_column (ws, 3, 15, 12, NULL);
  worksheet_set_column (ws, 10, 10, 12, NULL);
  row = 1;
  for (guint i = 0; i < plan->lines->len; i++, row++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      g_autofree char *name = supplement_item_name (l);

      /* a supplementary line (补单) as on the plan page: in the group
       * "Supplementary purchases", "item · for CT02 name" */
      worksheet_write_string (ws, row, 0, l->supplement_id != 0 ? _("Supplementary purchases")
                                                                : l->category_name, NULL);
      worksheet_write_string (ws, row, 1, l->item_code, NULL);
      worksheet_write_string (ws, row, 2, name, NULL);
      worksheet_write_number (ws, row, 3, jc_xlsx_milli (l->demand_milli), f.qty);
      worksheet_write_number (ws, row, 4, l->loss_permille, NULL);
      worksheet_write_number (ws, row, 5, jc_xlsx_milli (l->gross_milli), f.qty);
      if (l->packs >= 0)
        worksheet_write_number (ws, row, 6, (double) l->packs, NULL);
      worksheet_write_number (ws, row, 7, jc_xlsx_milli (l->purchase_milli), f.qty);
      worksheet_write_string (ws, row, 8, jc_base_unit_to_display (l->base_unit), NULL);
      if (l->has_price)
        {
          worksheet_write_number (ws, row, 9, jc_xlsx_milli (l->price_milliyuan), f.price);
          worksheet_write_string (ws, row, 10, l->price_date, NULL);
          worksheet_write_string (ws, row, 11, l->stale ? "过期 stale" : "", NULL);
          worksheet_write_number (ws, row, 12, jc_xlsx_fen (l->cost_fen), f.money);
        }
      else
        {
          worksheet_write_string (ws, row, 9, "无价格 no price", NULL);
        }
      if (l->has_actual)
        {
          worksheet_write_number (ws, row, 13, jc_xlsx_milli (l->actual_qty_milli), f.qty);
          worksheet_write_number (ws, row, 14, jc_xlsx_milli (l->actual_price_milliyuan),
                                  f.price);
          worksheet_write_number (ws, row, 15, jc_xlsx_fen (l->actual_cost_fen), f.money);
        }
      for (guint s = 0; s < l->shares->len; s++)
        {
          JcPlanShare *share = &g_array_index (l->shares, JcPlanShare, s);

          if (!g_hash_table_contains (canteen_col, share->canteen_code))
            {
              g_hash_table_insert (canteen_col, share->canteen_code, GUINT_TO_POINTER (0));
              g_ptr_array_add (canteens, share->canteen_code);
            }
        }
    }
  worksheet_write_string (ws, row, 2, "合计 Total", f.total);
  worksheet_write_number (ws, row, 12, jc_xlsx_fen (plan->total_cost_fen), f.total_money);
  if (plan->n_actual > 0)
    worksheet_write_number (ws, row, 15, jc_xlsx_fen (plan->actual_total_fen), f.total_money);
  if (plan->no_price->len > 0)
    {
      g_autoptr(GString) codes = g_string_new ("无价格，未计入合计 No price, not in the total: ");

      for (guint i = 0; i < plan->no_price->len; i++)
        g_string_append_printf (codes, "%s%s", i ? ", " : "",
                                (char *) g_ptr_array_index (plan->no_price, i));
      worksheet_write_string (ws, row + 2, 0, codes->str, NULL);
    }

  /* item × canteen, canteens by code */
  {
    /* few canteens: an insertion sort by code */
    for (guint i = 1; i < canteens->len; i++)
      for (guint j = i; j > 0 && g_strcmp0 (canteens->pdata[j - 1], canteens->pdata[j]) > 0; j--)
        {
          gpointer t = canteens->pdata[j];

          canteens->pdata[j] = canteens->pdata[j - 1];
          canteens->pdata[j - 1] = t;
        }
  }
  for (guint i = 0; i < canteens->len; i++)
    g_hash_table_insert (canteen_col, canteens->pdata[i], GUINT_TO_POINTER (i));
  canteen_totals = g_new0 (gint64, canteens->len + 1);
  alloc = workbook_add_worksheet (wb, "分摊 Allocation");
  worksheet_write_string (alloc, 0, 0, "编码 Code", f.header);
  worksheet_write_string (alloc, 0, 1, "品名 Item", f.header);
  worksheet_write_string (alloc, 0, 2, "分摊金额 Cost shared ¥", f.header);
  for (guint i = 0; i < canteens->len; i++)
    worksheet_write_string (alloc, 0, (lxw_col_t) (3 + i), canteens->pdata[i], f.header);
  worksheet_set_row (alloc, 0, 30, NULL);
  worksheet_freeze_panes (alloc, 1, 3);
  worksheet_set_column (alloc, 0, 0, 9, NULL);
  worksheet_set_column (alloc, 1, 1, 16, NULL);
  worksheet_set_column (alloc, 2, (lxw_col_t) (2 + canteens->len), 12, NULL);
  row = 1;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      gint64 base = l->has_actual ? l->actual_cost_fen : l->cost_fen;

      g_autofree char *name = NULL;

      if (!l->has_actual && !l->has_price)
        continue;
      name = supplement_item_name (l);
      worksheet_write_string (alloc, row, 0, l->item_code, NULL);
      worksheet_write_string (alloc, row, 1, name, NULL);
      worksheet_write_number (alloc, row, 2, jc_xlsx_fen (base), f.money);
      alloc_total += base;
      for (guint s = 0; s < l->shares->len; s++)
        {
          JcPlanShare *share = &g_array_index (l->shares, JcPlanShare, s);
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (canteen_col, share->canteen_code));

          worksheet_write_number (alloc, row, (lxw_col_t) (3 + c), jc_xlsx_fen (share->share_fen),
                                  f.money);
          canteen_totals[c] += share->share_fen;
        }
      row++;
    }
  worksheet_write_string (alloc, row, 1, "合计 Total", f.total);
  worksheet_write_number (alloc, row, 2, jc_xlsx_fen (alloc_total), f.total_money);
  for (guint i = 0; i < canteens->len; i++)
    worksheet_write_number (alloc, row, (lxw_col_t) (3 + i), jc_xlsx_fen (canteen_totals[i]),
                            f.total_money);
  g_free (canteen_totals);

  return workbook_finish (wb, out, error);
}
