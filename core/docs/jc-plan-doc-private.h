/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-doc-private.h: the table renderer of the purchase order
 * (jc-plan-doc.c) that a canteen's statement (jc-statement-doc.c) shares —
 * a document as a title, header lines, columns and rows of formatted text,
 * paginated and drawn on A4 — and the workbook set-up both use.  The short
 * names are macros for prefixed symbols, so that nothing outside the
 * documents library can clash with them. */
#pragma once

#include <cairo.h>
#include <xlsxwriter.h>

#include "jc-doc-text.h"
#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-xlsx-formats.h"

G_BEGIN_DECLS

#define MAX_COLS    10

typedef enum {
  ROW_CATEGORY,
  ROW_LINE,
  ROW_SUBTOTAL,
  ROW_TOTAL,
  ROW_TEXT,
  ROW_WARNING,
  ROW_SPACE,
  ROW_SIGN,
} RowKind;

typedef struct {
  RowKind  kind;
  char    *cells[MAX_COLS];
} Row;

typedef JcDocColumn Column;

typedef struct {
  char         *title;
  GPtrArray    *info;         /* char *: the lines under the title */
  const Column *cols;
  guint         n_cols;
  GPtrArray    *rows;         /* Row * */
  const char  **signers;      /* NULL-terminated */
  char         *generated_at;
  GArray       *page_starts;  /* guint: the first row of each page */
} Doc;

#define doc_add         _jc_plan_doc_doc_add
#define doc_add_text    _jc_plan_doc_doc_add_text
#define doc_new         _jc_plan_doc_doc_new
#define doc_free        _jc_plan_doc_doc_free
#define doc_paged_new   _jc_plan_doc_doc_paged_new
#define doc_paginate    _jc_plan_doc_doc_paginate
#define workbook_finish _jc_plan_doc_workbook_finish
#define workbook_start  _jc_plan_doc_workbook_start
#define write_headers   _jc_plan_doc_write_headers
#define yuan            _jc_plan_doc_yuan

Row *doc_add (Doc *doc,
              RowKind kind,
              ...);
void doc_add_text (Doc *doc,
                   RowKind kind,
                   char *text);
Doc *doc_new (const Column *cols,
              guint n_cols);
void doc_free (Doc *doc);
JcPagedDoc *doc_paged_new (Doc *doc,
                           const char *title);
void doc_paginate (Doc *doc);
gboolean workbook_finish (lxw_workbook *wb,
                          JcOutput *out,
                          GError **error);
lxw_workbook *workbook_start (const char *path,
                              JcOutputFlags flags,
                              JcOutput **out,
                              GError **error);
void write_headers (lxw_worksheet *ws,
                    const char *const *labels,
                    lxw_format *format);
char *yuan (gint64 fen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Doc, doc_free)

G_END_DECLS
