/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-workbook.c: the monthly cost review as a workbook
 * (libxlsxwriter: summary, by canteen, by category with its chart, items,
 * decomposition) and its by-item table as CSV.  The review's figures come
 * from jc-report.c; the PDF is jc-report-doc.c's.  No SQL but the list of
 * canteens, no drawing here. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-report-doc"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jc-output.h"
#include "jc-prices.h"
#include "jc-format.h"
#include "jc-master.h"
#include "jc-report-doc.h"
#include "jc-report-doc-private.h"
#include "jc-units.h"
#include "jc-xlsx-formats.h"

/* ---- the workbook ----------------------------------------------------- */

static void
write_headers (lxw_worksheet     *ws,
               const char *const *labels,
               lxw_format        *format)
{
  for (lxw_col_t c = 0; labels[c] != NULL; c++)
    worksheet_write_string (ws, 0, c, labels[c], format);
  worksheet_freeze_panes (ws, 1, 0);
}

/* A label and a number of yuan, or the label alone without a value. */
static void
summary_money (lxw_worksheet *ws,
               lxw_row_t      row,
               const char    *label,
               gboolean       has,
               gint64         fen,
               const JcXlsxFormats *f)
{
  worksheet_write_string (ws, row, 0, label, NULL);
  if (has)
    worksheet_write_number (ws, row, 1, jc_xlsx_fen (fen), f->money);
}

static void
summary_ratio (lxw_worksheet *ws,
               lxw_row_t      row,
               const char    *label,
               gboolean       has,
               double         value,
               lxw_format    *format)
{
  worksheet_write_string (ws, row, 0, label, NULL);
  if (has && isfinite (value))
    worksheet_write_number (ws, row, 1, value, format);
}

static lxw_row_t
summary_comparison (lxw_worksheet            *ws,
                    lxw_row_t                 row,
                    const char               *name,
                    const JcReportComparison *c,
                    const JcXlsxFormats            *f)
{
  g_autofree char *l_month = g_strdup_printf ("%s基期 %s base month", name, name);
  g_autofree char *l_base = g_strdup_printf ("%s基数 %s base ¥", name, name);
  g_autofree char *l_change = g_strdup_printf ("%s变化 %s change ¥", name, name);
  g_autofree char *l_pct = g_strdup_printf ("%s %s %%", name, name);

  worksheet_write_string (ws, row, 0, l_month, NULL);
  worksheet_write_string (ws, row++, 1, c->month, NULL);
  summary_money (ws, row++, l_base, c->has_base, c->base_fen, f);
  summary_money (ws, row++, l_change, c->has_base, c->change_fen, f);
  summary_ratio (ws, row++, l_pct, c->has_base && c->base_fen != 0,
                 c->base_fen != 0 ? (double) c->change_fen / (double) c->base_fen : 0.0, f->pct);
  return row;
}

static void
write_summary (lxw_worksheet  *ws,
               const JcReport *r,
               GPtrArray      *canteens,
               const JcXlsxFormats  *f)
{
  static const char *const headers[] = { "项目 Item", "数值 Value", NULL };
  const JcReportComparison *y = &r->yoy;
  gboolean idx = y->has_base && y->d.has_indices;
  gboolean mkt = y->has_base && y->has_market;
  g_autofree char *claim_zh = jc_report_claim_text (r, FALSE);
  g_autofree char *claim_en = jc_report_claim_text (r, TRUE);
  g_autofree char *canteen = r->canteen ? _jc_report_canteen_label (canteens, r->canteen) : NULL;
  lxw_row_t row = 1;

  write_headers (ws, headers, f->header);
  worksheet_set_column (ws, 0, 0, 34, NULL);
  worksheet_set_column (ws, 1, 1, 18, NULL);
  worksheet_write_string (ws, row, 0, "月份 Month", NULL);
  worksheet_write_string (ws, row++, 1, r->month, NULL);
  summary_money (ws, row++, "支出 Spend ¥", TRUE, r->spend_fen, f);   /* B3 */
  worksheet_write_string (ws, row, 0, "食堂 Canteen", NULL);
  worksheet_write_string (ws, row++, 1, canteen ? canteen : "全部 All", f->wrap);
  worksheet_write_string (ws, row, 0, "配送天数 Days", NULL);
  worksheet_write_number (ws, row++, 1, r->n_days, NULL);
  worksheet_write_string (ws, row, 0, "暂估天数 Provisional days", NULL);
  worksheet_write_number (ws, row++, 1, r->provisional_days, NULL);
  row = summary_comparison (ws, row, "环比 MoM", &r->mom, f);
  row = summary_comparison (ws, row, "同比 YoY", y, f);
  summary_ratio (ws, row++, "我方拉氏 Laspeyres (ours)", idx, y->d.laspeyres, f->index);
  summary_ratio (ws, row++, "我方帕氏 Paasche (ours)", idx, y->d.paasche, f->index);
  summary_ratio (ws, row++, "我方费雪 Fisher (ours)", idx, y->d.fisher, f->index);
  summary_ratio (ws, row++, "市场拉氏 Laspeyres (market)", mkt, y->market_laspeyres, f->index);
  summary_ratio (ws, row++, "市场帕氏 Paasche (market)", mkt, y->market_paasche, f->index);
  summary_ratio (ws, row++, "市场费雪 Fisher (market)", mkt, y->market_fisher, f->index);
  summary_money (ws, row++, "较市场节约 Savings vs market ¥", TRUE, r->savings_vs_market_fen, f);
  worksheet_write_string (ws, row, 0, "有参考价的行 Lines with a reference price", NULL);
  worksheet_write_number (ws, row++, 1, r->n_savings_lines, NULL);
  worksheet_write_string (ws, row, 0, "核对 Claim check", NULL);
  worksheet_write_string (ws, row++, 1, claim_zh, NULL);
  worksheet_write_string (ws, row++, 1, claim_en, NULL);
}

/* With `canteens`, the keys are canteen codes, written by name and code. */
static lxw_row_t
write_amounts (lxw_worksheet *ws,
               const char    *key_label,
               GPtrArray     *amounts,
               GPtrArray     *canteens,
               gint64         total,
               const JcXlsxFormats *f)
{
  const char *headers[] = { key_label, "支出 Spend ¥", "占比 Share", NULL };
  lxw_row_t row = 1;

  write_headers (ws, headers, f->header);
  worksheet_set_column (ws, 0, 0, canteens != NULL ? 36 : 20, NULL);
  worksheet_set_column (ws, 1, 2, 14, NULL);
  for (guint i = 0; i < amounts->len; i++, row++)
    {
      const JcReportAmount *a = g_ptr_array_index (amounts, i);
      g_autofree char *key = canteens != NULL ? _jc_report_canteen_label (canteens, a->key)
                                              : g_strdup (a->key);

      worksheet_write_string (ws, row, 0, key, f->wrap);
      worksheet_write_number (ws, row, 1, jc_xlsx_fen (a->fen), f->money);
      if (total != 0)
        worksheet_write_number (ws, row, 2, (double) a->fen / (double) total, f->pct);
    }
  worksheet_write_string (ws, row, 0, "合计 Total", NULL);
  worksheet_write_number (ws, row, 1, jc_xlsx_fen (total), f->total_money);
  return row;
}

static void
write_items (lxw_worksheet  *ws,
             const JcReport *r,
             const JcXlsxFormats  *f)
{
  static const char *const headers[] = {
    "编码 Code", "品名 Item", "类别 Category", "上年数量 Qty M−12", "上年金额 Cost M−12 ¥",
    "上月数量 Qty M−1", "上月金额 Cost M−1 ¥", "本月数量 Qty M", "本月金额 Cost M ¥",
    "同比变化 Change ¥", "单位成本变化 Unit cost ‰", NULL
  };
  static const JcReportPeriod periods[] = { JC_REPORT_YOY_BASE, JC_REPORT_MOM_BASE, JC_REPORT_M };
  lxw_row_t row = 1;

  write_headers (ws, headers, f->header);
  worksheet_set_column (ws, 0, 2, 12, NULL);
  worksheet_set_column (ws, 3, 10, 14, NULL);
  for (guint i = 0; i < r->rows->len; i++, row++)
    {
      const JcReportRow *x = g_ptr_array_index (r->rows, i);
      Mover m;

      worksheet_write_string (ws, row, 0, x->item_code, NULL);
      worksheet_write_string (ws, row, 1, x->item_name, NULL);
      worksheet_write_string (ws, row, 2, x->category_name, NULL);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        if (x->in[periods[p]])
          {
            worksheet_write_number (ws, row, (lxw_col_t) (3 + 2 * p),
                                    jc_xlsx_milli (x->qty_milli[periods[p]]), f->qty);
            worksheet_write_number (ws, row, (lxw_col_t) (4 + 2 * p),
                                    jc_xlsx_fen (x->cost_fen[periods[p]]), f->money);
          }
      worksheet_write_number (ws, row, 9, jc_xlsx_fen (x->cost_fen[JC_REPORT_M]
                                                       - x->cost_fen[JC_REPORT_YOY_BASE]),
                              f->money);
      if (_jc_report_mover_of (x, &m))
        worksheet_write_number (ws, row, 10, round (m.permille), NULL);
    }
}

static void
write_decomposition (lxw_worksheet  *ws,
                     const JcReport *r,
                     const JcXlsxFormats  *f)
{
  static const char *const headers[] = {
    "项目 Component", "同比 Year on year ¥", "环比 Month on month ¥", NULL
  };
  static const char *const labels[] = {
    "基期支出 Base", "价格 Price effect", "数量 Volume effect", "新增 New items",
    "停购 Dropped items", "变化 Change", "本月支出 This month",
  };
  const JcReportComparison *cs[2] = { &r->yoy, &r->mom };

  write_headers (ws, headers, f->header);
  worksheet_set_column (ws, 0, 0, 22, NULL);
  worksheet_set_column (ws, 1, 2, 18, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    worksheet_write_string (ws, (lxw_row_t) (1 + i), 0, labels[i], NULL);
  for (guint c = 0; c < 2; c++)
    {
      const JcReportComparison *x = cs[c];
      gint64 v[7];

      if (!x->has_base)
        continue;
      v[0] = x->base_fen;
      v[1] = x->d.price_effect_fen;
      v[2] = x->d.volume_effect_fen;
      v[3] = x->d.new_fen;
      v[4] = x->d.dropped_fen;
      v[5] = x->change_fen;
      v[6] = r->spend_fen;
      for (guint i = 0; i < G_N_ELEMENTS (v); i++)
        worksheet_write_number (ws, (lxw_row_t) (1 + i), (lxw_col_t) (1 + c), jc_xlsx_fen (v[i]),
                                i == 5 || i == 6 ? f->total_money : f->money);
    }
}

gboolean
jc_report_export_xlsx (JcStore         *store,
                       const JcReport  *report,
                       const char      *path,
                       JcOutputFlags    flags,
                       GError         **error)
{
  static const char *const sheet_cat = "按类别 By category";
  g_autoptr(JcOutput) out = NULL;
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_error err;
  JcXlsxFormats f;
  lxw_row_t total_row;
  g_autoptr(GPtrArray) canteens = NULL;

  g_return_val_if_fail (store != NULL && report != NULL && path != NULL, FALSE);

  canteens = jc_store_list_canteens (store, TRUE, error);
  if (canteens == NULL)
    return FALSE;
  out = jc_output_begin (path, flags, error);
  if (out == NULL)
    return FALSE;
  wb = workbook_new (jc_output_get_temp_path (out));
  if (wb == NULL)
    {
      g_set_error (error, JC_REPORT_DOC_ERROR, JC_REPORT_DOC_ERROR_FAILED,
                   _("Could not write %s"), path);
      return FALSE;
    }
  jc_xlsx_formats_init (wb, &f);
  write_summary (workbook_add_worksheet (wb, "汇总 Summary"), report, canteens, &f);
  write_amounts (workbook_add_worksheet (wb, "按食堂 By canteen"), "食堂 Canteen",
                 report->by_canteen, canteens, report->spend_fen, &f);
  ws = workbook_add_worksheet (wb, sheet_cat);
  total_row = write_amounts (ws, "类别 Category", report->by_category, NULL, report->spend_fen,
                             &f);
  if (report->by_category->len > 0)
    {
      lxw_chart *chart = workbook_add_chart (wb, LXW_CHART_COLUMN);
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      chart_series_set_categories (series, sheet_cat, 1, 0, total_row - 1, 0);
      chart_series_set_values (series, sheet_cat, 1, 1, total_row - 1, 1);
      chart_series_set_name (series, "支出 Spend ¥");
      chart_title_set_name (chart, "按类别支出 Spend by category");
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      worksheet_insert_chart (ws, 1, 4, chart);
    }
  write_items (workbook_add_worksheet (wb, "品种 Items"), report, &f);
  write_decomposition (workbook_add_worksheet (wb, "分解 Decomposition"), report, &f);
  err = workbook_close (wb);
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, JC_REPORT_DOC_ERROR, JC_REPORT_DOC_ERROR_FAILED,
                   _("Could not write %s: %s"), path, lxw_strerror (err));
      return FALSE;
    }
  return jc_output_commit (out, error);
}

/* ---- the by-item CSV -------------------------------------------------- */

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * jc_report_export_csv:
 * The by-item table against M−12, written through jc_output_save().
 */
gboolean
jc_report_export_csv (const JcReport  *report,
                      const char      *path,
                      JcOutputFlags    flags,
                      GError         **error)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  out = g_string_new ("item,category,q0_milli,c0_fen,q1_milli,c1_fen,change_fen\n");
  for (guint i = 0; i < report->rows->len; i++)
    {
      const JcReportRow *row = g_ptr_array_index (report->rows, i);
      gint64 q0 = row->qty_milli[JC_REPORT_YOY_BASE], c0 = row->cost_fen[JC_REPORT_YOY_BASE];
      gint64 q1 = row->qty_milli[JC_REPORT_M], c1 = row->cost_fen[JC_REPORT_M];

      if (!row->in[JC_REPORT_M] && !row->in[JC_REPORT_YOY_BASE])
        continue;
      csv_field (out, row->item_code);
      g_string_append_c (out, ',');
      csv_field (out, row->category_name);
      g_string_append_printf (out, ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                              ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "\n",
                              q0, c0, q1, c1, c1 - c0);
    }
  return jc_output_save (path, flags, out->str, out->len, error);
}
