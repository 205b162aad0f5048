/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-xlsx-formats.c: the workbooks' cell formats (see the header). */
#include "config.h"

#include "jc-xlsx-formats.h"

#define JC_XLSX_HEADER_FILL 0xD9E1F2
#define JC_XLSX_MONEY       "¥#,##0.00"
#define JC_XLSX_PRICE       "¥#,##0.000"
#define JC_XLSX_QTY         "#,##0.###"
#define JC_XLSX_PCT         "0.00%"
#define JC_XLSX_INDEX       "0.0000"

lxw_format *
jc_xlsx_add_header_format (lxw_workbook *wb,
                           gboolean      wrap)
{
  lxw_format *f;

  g_return_val_if_fail (wb != NULL, NULL);

  f = workbook_add_format (wb);
  format_set_bold (f);
  format_set_bg_color (f, JC_XLSX_HEADER_FILL);
  format_set_border (f, LXW_BORDER_THIN);
  if (wrap)
    format_set_text_wrap (f);
  return f;
}

static lxw_format *
add_num_format (lxw_workbook *wb,
                const char   *num_format)
{
  lxw_format *f = workbook_add_format (wb);

  format_set_num_format (f, num_format);
  return f;
}

void
jc_xlsx_formats_init (lxw_workbook  *wb,
                      JcXlsxFormats *f)
{
  g_return_if_fail (wb != NULL);
  g_return_if_fail (f != NULL);

  f->header = jc_xlsx_add_header_format (wb, TRUE);
  f->money = add_num_format (wb, JC_XLSX_MONEY);
  f->price = add_num_format (wb, JC_XLSX_PRICE);
  f->qty = add_num_format (wb, JC_XLSX_QTY);
  f->pct = add_num_format (wb, JC_XLSX_PCT);
  f->index = add_num_format (wb, JC_XLSX_INDEX);

  f->total = workbook_add_format (wb);
  format_set_bold (f->total);
  format_set_top (f->total, LXW_BORDER_DOUBLE);
  f->total_money = workbook_add_format (wb);
  format_set_bold (f->total_money);
  format_set_top (f->total_money, LXW_BORDER_DOUBLE);
  format_set_num_format (f->total_money, JC_XLSX_MONEY);

  f->title = workbook_add_format (wb);
  format_set_bold (f->title);
  f->wrap = workbook_add_format (wb);
  format_set_text_wrap (f->wrap);
  format_set_align (f->wrap, LXW_ALIGN_VERTICAL_TOP);
}

double
jc_xlsx_fen (gint64 fen)
{
  return (double) fen / 100.0;
}

double
jc_xlsx_milli (gint64 milli)
{
  return (double) milli / 1000.0;
}
