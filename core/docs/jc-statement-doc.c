/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-statement-doc.c: a canteen's monthly (or one day's) statement (对账单)
 * — built from the locked plans' allocations, drawn as pages by the
 * purchase order's table renderer (jc-plan-doc.c, through
 * jc-plan-doc-private.h) and written as PDF and XLSX.  The only SQL is
 * jc_plan_load()'s and the store's reads of canteens. */
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
#include "jc-date.h"
#include "jc-doc-text.h"
#include "jc-format.h"
#include "jc-prices.h"
#include "jc-units.h"

/* ---- statements ----------------------------------------------------- */

static void
statement_line_free (JcStatementLine *line)
{
  g_free (line->item_code);
  g_free (line->item_name);
  g_free (line);
}

static void
statement_day_free (JcStatementDay *day)
{
  g_ptr_array_unref (day->lines);
  g_free (day);
}

void
jc_statement_free (JcStatement *statement)
{
  if (statement == NULL)
    return;
  g_free (statement->canteen_code);
  g_free (statement->canteen_name);
  g_free (statement->period);
  g_ptr_array_unref (statement->days);
  g_free (statement);
}

/* "YYYY-MM" → the month's days; "YYYY-MM-DD" → that day. */
static gboolean
period_days (const char  *period,
             GDate       *first,
             guint       *n_days)
{
  char day[JC_DATE_LEN];

  if (jc_month_first_day (period, day) && jc_date_parse (day, first))
    {
      *n_days = (guint) jc_month_get_n_days (period);
      return TRUE;
    }
  if (jc_date_parse (period, first))
    {
      *n_days = 1;
      return TRUE;
    }
  return FALSE;
}

/**
 * jc_statement_build_many:
 * The statements of the canteens `canteen_codes` (NULL-terminated) over
 * `period`, in that order, reading each day's plan once for all of them:
 * a month of statements for every canteen costs one pass over the month.
 */
GPtrArray *
jc_statement_build_many (JcStore            *store,
                         const char * const *canteen_codes,
                         const char         *period,
                         GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_id = NULL;   /* canteen id → index into all */
  g_autofree JcStatementDay **today = NULL;
  GDate day;
  guint n_days = 0, n;
  int stale_days;

  g_return_val_if_fail (store != NULL && canteen_codes != NULL && period != NULL, NULL);
  if (!period_days (period, &day, &n_days))
    {
      g_set_error (error, JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_INVALID,
                   _("month: “%s” is not a month (YYYY-MM) or a date (YYYY-MM-DD)"), period);
      return NULL;
    }
  n = g_strv_length ((char **) canteen_codes);
  all = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_statement_free);
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint c = 0; c < n; c++)
    {
      g_autoptr(JcCanteen) canteen = jc_store_get_canteen (store, canteen_codes[c], error);
      JcStatement *st;

      if (canteen == NULL)
        return NULL;
      st = g_new0 (JcStatement, 1);
      st->canteen_code = g_strdup (canteen->code);
      st->canteen_name = g_strdup (canteen->name);
      st->period = g_strdup (period);
      st->days = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_day_free);
      g_ptr_array_add (all, st);
      g_hash_table_insert (by_id, g_memdup2 (&canteen->id, sizeof canteen->id),
                           GUINT_TO_POINTER (c + 1));
    }
  stale_days = jc_store_get_stale_days (store);
  today = g_new0 (JcStatementDay *, MAX (n, 1));

  for (guint i = 0; i < n_days; i++, g_date_add_days (&day, 1))
    {
      g_autoptr(JcPlan) plan = NULL;
      char date[JC_DATE_LEN];

      jc_date_format (&day, date);
      plan = jc_plan_load (store, date, stale_days, error);
      if (plan == NULL)
        return NULL;
      if (plan->status != JC_PLAN_LOCKED)
        continue;
      memset (today, 0, sizeof *today * MAX (n, 1));
      for (guint l = 0; l < plan->lines->len; l++)
        {
          JcPlanLine *pl = g_ptr_array_index (plan->lines, l);

          for (guint s = 0; s < pl->shares->len; s++)
            {
              JcPlanShare *share = &g_array_index (pl->shares, JcPlanShare, s);
              guint c = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &share->canteen_id));
              JcStatementDay *sd;
              JcStatementLine *line;

              if (c == 0)
                continue;
              sd = today[c - 1];
              if (sd == NULL)
                {
                  JcStatement *st = g_ptr_array_index (all, c - 1);

                  sd = today[c - 1] = g_new0 (JcStatementDay, 1);
                  memcpy (sd->date, date, sizeof sd->date);
                  sd->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) statement_line_free);
                  g_ptr_array_add (st->days, sd);
                }
              line = g_new0 (JcStatementLine, 1);
              line->item_code = g_strdup (pl->item_code);
              line->item_name = g_strdup (pl->item_name);
              line->base_unit = pl->base_unit;
              line->qty_milli = share->qty_milli;
              line->share_fen = share->share_fen;
              line->provisional = !pl->has_actual;
              g_ptr_array_add (sd->lines, line);
              sd->total_fen += share->share_fen;
              sd->provisional |= line->provisional;
            }
        }
      for (guint c = 0; c < n; c++)
        if (today[c] != NULL)
          {
            JcStatement *st = g_ptr_array_index (all, c);

            st->total_fen += today[c]->total_fen;
            if (today[c]->provisional)
              st->n_provisional_days++;
          }
    }
  return g_steal_pointer (&all);
}

JcStatement *
jc_statement_build (JcStore     *store,
                    const char  *canteen_code,
                    const char  *period,
                    GError     **error)
{
  const char *codes[] = { canteen_code, NULL };
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (store != NULL && canteen_code != NULL && period != NULL, NULL);
  all = jc_statement_build_many (store, codes, period, error);
  if (all == NULL)
    return NULL;
  return g_ptr_array_steal_index (all, 0);
}

static const Column statement_columns[] = {
  { "日期\nDate", 68, FALSE },
  { "编码\nCode", 58, FALSE },
  { "品名\nItem", 140, FALSE },
  { "订购量\nOrdered", 80, TRUE },
  { "单位\nUnit", 36, FALSE },
  { "分摊金额 ¥\nShare", 86, TRUE },
  { "依据\nBasis", 55, FALSE },
};

static const char *statement_signers[] = {
  "食堂确认 Canteen：", "采购员 Buyer：", "负责人 Approved by：", NULL
};

static Doc *
statement_doc_new (const JcStatement *st)
{
  g_autoptr(Doc) doc = doc_new (statement_columns, G_N_ELEMENTS (statement_columns));

  doc->title = g_strdup ("对账单 Canteen statement");
  doc->signers = statement_signers;
  g_ptr_array_add (doc->info, g_strdup_printf ("食堂 Canteen：%s %s", st->canteen_code,
                                               st->canteen_name));
  g_ptr_array_add (doc->info, g_strdup_printf ("期间 Period：%s · 配送日 Delivery days：%u",
                                               st->period, st->days->len));
  g_ptr_array_add (doc->info,
                   g_strdup_printf ("暂估天数 Provisional days：%u（按计划成本 at planned "
                                    "cost）· 实际 = actual, 暂估 = provisional",
                                    st->n_provisional_days));
  for (guint d = 0; d < st->days->len; d++)
    {
      JcStatementDay *day = g_ptr_array_index (st->days, d);

      doc_add_text (doc, ROW_CATEGORY,
                    g_strdup_printf ("%s%s", day->date,
                                     day->provisional ? " · 暂估 provisional" : " · 实际 actual"));
      for (guint i = 0; i < day->lines->len; i++)
        {
          JcStatementLine *l = g_ptr_array_index (day->lines, i);

          doc_add (doc, ROW_LINE, g_strdup (day->date), g_strdup (l->item_code),
                   g_strdup (l->item_name), jc_format_qty (l->qty_milli),
                   g_strdup (jc_base_unit_to_display (l->base_unit)), jc_format_fen (l->share_fen),
                   g_strdup (l->provisional ? "暂估" : "实际"));
        }
      doc_add (doc, ROW_SUBTOTAL, g_strdup_printf ("当日合计 Day total · %s", day->date), NULL,
               NULL, NULL, NULL, yuan (day->total_fen), NULL);
    }
  doc_add (doc, ROW_TOTAL, g_strdup ("合计 Total"), NULL, NULL, NULL, NULL,
           yuan (st->total_fen), NULL);
  doc_add_text (doc, ROW_SPACE, NULL);
  doc_add_text (doc, ROW_SIGN, NULL);
  doc_paginate (doc);
  return g_steal_pointer (&doc);
}

gboolean
jc_statement_export_pdf (JcStore        *store,
                         const char     *canteen_code,
                         const char     *period,
                         const char     *path,
                         JcOutputFlags   flags,
                         GError        **error)
{
  g_autoptr(JcStatement) st = jc_statement_build (store, canteen_code, period, error);

  return st != NULL && jc_statement_write_pdf (st, path, flags, error);
}

gboolean
jc_statement_write_pdf (const JcStatement  *st,
                        const char         *path,
                        JcOutputFlags       flags,
                        GError            **error)
{
  g_autoptr(JcPagedDoc) paged = NULL;

  g_return_val_if_fail (st != NULL && path != NULL, FALSE);
  paged = jc_statement_doc_paged_new (st);
  return jc_paged_doc_write_pdf (paged, path, flags, error);
}

JcPagedDoc *
jc_statement_doc_paged_new (const JcStatement *statement)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (statement != NULL, NULL);
  /* TRANSLATORS: a print job's name; %s the canteen's code, %s the month
   * "YYYY-MM" or the date */
  title = g_strdup_printf (_("Statement %s %s"), statement->canteen_code, statement->period);
  return doc_paged_new (statement_doc_new (statement), title);
}

gboolean
jc_statement_export_xlsx (JcStore        *store,
                          const char     *canteen_code,
                          const char     *period,
                          const char     *path,
                          JcOutputFlags   flags,
                          GError        **error)
{
  g_autoptr(JcStatement) st = jc_statement_build (store, canteen_code, period, error);

  return st != NULL && jc_statement_write_xlsx (st, path, flags, error);
}

gboolean
jc_statement_write_xlsx (const JcStatement  *st,
                         const char         *path,
                         JcOutputFlags       flags,
                         GError            **error)
{
  static const char *const headers[] = {
    "日期 Date", "编码 Code", "品名 Item", "订购量 Ordered", "单位 Unit", "分摊金额 Share ¥",
    "依据 Basis", NULL
  };
  JcOutput *out = NULL;
  lxw_workbook *wb;
  lxw_worksheet *ws;
  JcXlsxFormats f;
  lxw_row_t row = 1;

  wb = workbook_start (path, flags, &out, error);
  if (wb == NULL)
    return FALSE;
  jc_xlsx_formats_init (wb, &f);
  ws = workbook_add_worksheet (wb, "对账单 Statement");
  write_headers (ws, headers, f.header);
  worksheet_set_column (ws, 0, 1, 11, NULL);
  worksheet_set_column (ws, 2, 2, 18, NULL);
  worksheet_set_column (ws, 3, 6, 14, NULL);
  for (guint d = 0; d < st->days->len; d++)
    {
      JcStatementDay *day = g_ptr_array_index (st->days, d);

      for (guint i = 0; i < day->lines->len; i++, row++)
        {
          JcStatementLine *l = g_ptr_array_index (day->lines, i);

          worksheet_write_string (ws, row, 0, day->date, NULL);
          worksheet_write_string (ws, row, 1, l->item_code, NULL);
          worksheet_write_string (ws, row, 2, l->item_name, NULL);
          worksheet_write_number (ws, row, 3, jc_xlsx_milli (l->qty_milli), f.qty);
          worksheet_write_string (ws, row, 4, jc_base_unit_to_display (l->base_unit), NULL);
          worksheet_write_number (ws, row, 5, jc_xlsx_fen (l->share_fen), f.money);
          worksheet_write_string (ws, row, 6, l->provisional ? "暂估 provisional" : "实际 actual",
                                  NULL);
        }
      worksheet_write_string (ws, row, 2, "当日合计 Day total", f.total);
      worksheet_write_number (ws, row, 5, jc_xlsx_fen (day->total_fen), f.total_money);
      row++;
    }
  worksheet_write_string (ws, row, 2, "合计 Total", f.total);
  worksheet_write_number (ws, row, 5, jc_xlsx_fen (st->total_fen), f.total_money);
  worksheet_write_string (ws, row + 2, 0, st->canteen_code, NULL);
  worksheet_write_string (ws, row + 2, 1, st->canteen_name, NULL);
  worksheet_write_string (ws, row + 2, 2, st->period, NULL);
  return workbook_finish (wb, out, error);
}
