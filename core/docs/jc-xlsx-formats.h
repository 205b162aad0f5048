/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-xlsx-formats.h: the one set of cell formats of the workbooks — the
 * purchase order and the statements (jc-plan-doc.c, jc-statement-doc.c),
 * the cost review (jc-report-workbook.c) and the order form
 * (jc-order-form-write.c): the column headings, money with "¥" and
 * thousands separators, prices, quantities, percentages, indices and the
 * totals line, so that every workbook shows a number the same way.
 *
 * libxlsxwriter writes only the formats a cell uses, so a workbook may
 * make the whole set and use part of it.  It must not write cells nor know
 * what a workbook holds. */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

typedef struct {
  lxw_format *header;       /* column headings: bold on light blue, thin border, wrapped */
  lxw_format *money;        /* yuan: "¥#,##0.00" */
  lxw_format *price;        /* yuan per unit, to the li: "¥#,##0.000" */
  lxw_format *qty;          /* quantities, up to three decimals: "#,##0.###" */
  lxw_format *pct;          /* a ratio as a percentage: "0.00%" */
  lxw_format *index;        /* a price index: "0.0000" */
  lxw_format *total;        /* the totals line's label: bold, double rule above */
  lxw_format *total_money;  /* the totals line's amount: the same, "¥#,##0.00" */
  lxw_format *title;        /* a sheet's title line: bold */
  lxw_format *wrap;         /* long text: wrapped, at the top of its cell */
} JcXlsxFormats;

/* Adds the set to `wb` (which owns the formats) and fills `f`. */
void        jc_xlsx_formats_init      (lxw_workbook  *wb,
                                       JcXlsxFormats *f);

/* A column heading's format: bold on light blue with a thin border, and
 * with `wrap` its text wrapped (JcXlsxFormats.header).  For a workbook
 * whose headings stay on one line (the order form). */
lxw_format *jc_xlsx_add_header_format (lxw_workbook  *wb,
                                       gboolean       wrap);

/* The one place money becomes a double: fen as a cell of yuan (its format
 * `money` shows two decimals); and milli-units — quantities, prices in
 * milli-yuan — as a cell of units. */
double      jc_xlsx_fen               (gint64         fen);
double      jc_xlsx_milli             (gint64         milli);

G_END_DECLS
