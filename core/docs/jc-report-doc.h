/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-doc.h: the monthly cost review (jc-report.h) as documents: an
 * A4 PDF — a cover with the key figures and the claim check, the charts of
 * jc-chart.h, the tables, "第 N 页 / 共 M 页" — and a workbook with one
 * sheet per table, numbers as numbers; the by-item table as CSV (the
 * CLI's `report --csv` and the Reports page write the same file); the PDF's
 * pages on any cairo_t for printing (JcReportDoc).
 *
 * Money stays integer fen; it becomes yuan only at an XLSX cell or in
 * formatted text.  Nothing here runs SQL: the trend of the last 13 months
 * comes from jc_report_trend(). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-report.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_REPORT_DOC_ERROR (jc_report_doc_error_quark ())

typedef enum {
  JC_REPORT_DOC_ERROR_FAILED,   /* the file could not be written */
} JcReportDocError;

GQuark    jc_report_doc_error_quark (void);

/* Months in the spend trend and the chained index chart. */
#define JC_REPORT_DOC_TREND_MONTHS 13
/* Rows in the table of price movers. */
#define JC_REPORT_DOC_N_MOVERS 20

/* Writes the review as an A4 PDF at `path` (through a temporary file, so a
 * failure leaves no half file).  `store` gives the 13-month trend. */
gboolean  jc_report_export_pdf   (JcStore         *store,
                                  const JcReport  *report,
                                  const char      *path,
                                  JcOutputFlags    flags,
                                  GError         **error);
/* Writes the review as a workbook: sheets "汇总 Summary" (B3: the spend in
 * yuan), "按食堂 By canteen", "按类别 By category" (with a column chart),
 * "品种 Items", "分解 Decomposition".  `store` may be NULL (it is unused
 * today; kept for symmetry with the PDF). */
gboolean  jc_report_export_xlsx  (JcStore         *store,
                                  const JcReport  *report,
                                  const char      *path,
                                  JcOutputFlags    flags,
                                  GError         **error);

/* The claim check of the cover: "采购成本同比下降 X.XX%，同期市场价格指数
 * Y.YY" when `english` is FALSE, the English sentence otherwise. */
char     *jc_report_claim_text   (const JcReport  *report,
                                  gboolean         english);

/* Writes the by-item table against the same month a year before as CSV:
 * "item,category,q0_milli,c0_fen,q1_milli,c1_fen,change_fen", one line per
 * item with a line in M or in M−12.  Through a temporary file. */
gboolean  jc_report_export_csv   (const JcReport  *report,
                                  const char      *path,
                                  JcOutputFlags    flags,
                                  GError         **error);

/* The figures as the cover shows them: a change against a base as a
 * percentage with two decimals and a sign ("+43.17%"), "—" without a base
 * or with a zero one; an index ratio × 100 with two decimals ("104.10"),
 * "—" when `has` is FALSE. */
char     *jc_report_format_change (const JcReportComparison *comparison);
/* `change` / `base` as a percentage with two decimals, and up to four
 * when a change that is not zero would read as 0.00% ("−0.0004%"; smaller
 * still: "−<0.0001%"), a fall with the true minus sign U+2212 as on the
 * screens; with `sign` a rise gets a "+".  "—" for a zero base. */
char     *jc_report_format_percent (gint64                  change,
                                    gint64                  base,
                                    gboolean                sign);
char     *jc_report_format_index  (gboolean                  has,
                                   double                    ratio);

/* ---- the PDF's pages, for printing ------------------------------------ */

typedef struct _JcReportDoc JcReportDoc;

/* Lays out the review's pages (reads the 13-month trend from `store`).
 * `report` is borrowed and must outlive the document. */
JcReportDoc *jc_report_doc_new         (JcStore          *store,
                                        const JcReport   *report,
                                        GError          **error);
/* The same, owning `report` (transfer full; freed with the document, or at
 * once on an error). */
JcReportDoc *jc_report_doc_new_full    (JcStore          *store,
                                        JcReport         *report,
                                        GError          **error);
void         jc_report_doc_free        (JcReportDoc      *doc);
guint        jc_report_doc_get_n_pages (const JcReportDoc *doc);
/* Draws page `page` (0-based) as jc_report_export_pdf() writes it, the A4
 * page scaled to fit page_w × page_h at the origin; the state of `cr` is
 * restored. */
void         jc_report_doc_draw_page   (const JcReportDoc *doc,
                                        cairo_t           *cr,
                                        guint              page,
                                        double             page_w,
                                        double             page_h);

/* The review as a paged document (transfer full of `doc`), titled "Cost
 * review MONTH" in the user's language; its PDF carries the bilingual
 * title of the review.  A `doc` made by jc_report_doc_new() borrows its
 * report, which must then outlive the paged document; one made by
 * jc_report_doc_new_full() is self-contained. */
JcPagedDoc  *jc_report_doc_paged_new   (JcReportDoc      *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcReportDoc, jc_report_doc_free)

G_END_DECLS
