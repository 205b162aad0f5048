/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-print-operation.h: printing a paged document (JcPagedDoc,
 * core/jc-paged-doc.h) — the purchase order, the delivery documents, the
 * cost review, a statement — through one GtkPrintOperation that owns the
 * document and draws its pages with the document's own functions.  A4 by
 * default, in points, the job named by the document's title, the dialog
 * asynchronous.  It only prints: the preview is jc-doc-preview.h, the PDF
 * file jc_paged_doc_write_pdf(). */
#pragma once

#include <gtk/gtk.h>

#include "jc-doc-preview.h"
#include "jc-paged-doc.h"

G_BEGIN_DECLS

#define JC_TYPE_PRINT_OPERATION (jc_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (JcPrintOperation, jc_print_operation, JC, PRINT_OPERATION,
                      GtkPrintOperation)

/* An operation printing `doc` (a reference is taken). */
JcPrintOperation *jc_print_operation_new        (JcPagedDoc       *doc);
JcPagedDoc       *jc_print_operation_get_doc    (JcPrintOperation *op);

/* Shows the print dialog over the window of `parent` and prints; an error
 * (now or when the asynchronous job ends) is shown on `parent` through
 * jc_ui_show_error() under `error_title`.  The operation holds itself
 * until the job is done. */
void              jc_print_operation_run_dialog (JcPrintOperation *op,
                                                 GtkWidget        *parent,
                                                 const char       *error_title);

G_END_DECLS
