/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-doc-private.h: what the cost review's PDF (jc-report-doc.c)
 * and its workbook (jc-report-workbook.c) share. */
#pragma once

#include "jc-master.h"
#include "jc-report.h"

G_BEGIN_DECLS

/* An item whose unit cost moved between the year-before month and M. */
typedef struct {
  const JcReportRow *row;
  double             permille;   /* unit cost change, a ratio */
} Mover;

/* FALSE when the row is not in both months with a quantity and a cost. */
gboolean _jc_report_mover_of      (const JcReportRow *row,
                                   Mover             *out);
/* "name (code)" of a canteen in `canteens`, the code alone for one that is
 * no longer there. */
char    *_jc_report_canteen_label (GPtrArray         *canteens,
                                   const char        *code);

G_END_DECLS
