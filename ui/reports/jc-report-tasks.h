/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-tasks.h: the Reports page's database work, on worker threads.
 *
 * Every call runs on a GTask thread (jc-task) with its own connection to
 * the database of the `store` it is given (jc_store_open_same(); the given
 * store itself is never used off the main thread), makes the core calls
 * (jc-report.h, jc-report-doc.h), closes the connection and hands back
 * plain values the main thread owns after _finish.  Nothing here touches a
 * widget and nothing here writes SQL.  Pass a reference to the
 * widget as `user_data` and drop it in the callback.  A cancelled call
 * finishes with G_IO_ERROR_CANCELLED. */
#pragma once

#include <gio/gio.h>

#include "jc-report.h"
#include "jc-report-doc.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* Months in the page's trend charts and an item's history: the PDF's. */
#define JC_REPORT_TASK_MONTHS JC_REPORT_DOC_TREND_MONTHS

/* Everything the page shows for one month (and canteen).  Reference
 * counted (g_atomic_rc_box): the movers borrow the report's rows, so a row
 * of the movers table holds a reference. */
typedef struct {
  JcReport  *report;
  char       months[JC_REPORT_TASK_MONTHS][8];
  gint64     trend_fen[JC_REPORT_TASK_MONTHS];
  double     ours[JC_REPORT_TASK_MONTHS];      /* chained Fisher, NaN: no link */
  double     market[JC_REPORT_TASK_MONTHS];
  GArray    *movers[JC_REPORT_N_PERIODS];      /* JcReportMover; [MOM_BASE], [YOY_BASE] */
  GPtrArray *canteens;                         /* JcCanteen *, active, by code */
} JcReportData;

JcReportData *jc_report_data_ref   (JcReportData *data);
void          jc_report_data_unref (JcReportData *data);

typedef enum {
  JC_REPORT_EXPORT_PDF,
  JC_REPORT_EXPORT_XLSX,
  JC_REPORT_EXPORT_CSV,
} JcReportExportKind;

void          jc_report_task_load          (JcStore             *store,
                                            const char          *month,
                                            const char          *canteen_or_null,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns: (transfer full): the month's review, trend and movers. */
JcReportData *jc_report_task_load_finish   (GAsyncResult        *result,
                                            GError             **error);

/* Builds the review afresh on the worker and writes it to `path`
 * (`flags`: JC_OUTPUT_REPLACE to replace a file that is there). */
void          jc_report_task_export        (JcStore             *store,
                                            const char          *month,
                                            const char          *canteen_or_null,
                                            JcReportExportKind   kind,
                                            const char          *path,
                                            JcOutputFlags        flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      jc_report_task_export_finish (GAsyncResult        *result,
                                            GError             **error);

/* One item's JC_REPORT_TASK_MONTHS months ending with `month`. */
void          jc_report_task_history       (JcStore             *store,
                                            const char          *month,
                                            const char          *canteen_or_null,
                                            const char          *item_code,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns: (transfer full): a GArray of JcReportItemMonth, oldest first. */
GArray       *jc_report_task_history_finish (GAsyncResult       *result,
                                             GError            **error);

/* The review as a paged document (jc_report_doc_paged_new()), laid out on
 * the worker, for a print job. */
void          jc_report_task_pages         (JcStore             *store,
                                            const char          *month,
                                            const char          *canteen_or_null,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns: (transfer full): the document, self-contained. */
JcPagedDoc   *jc_report_task_pages_finish  (GAsyncResult        *result,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcReportData, jc_report_data_unref)

G_END_DECLS
