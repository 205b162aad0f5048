/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-paged-doc.h: a document drawn page by page on cairo — the purchase
 * order, the delivery documents, the cost review, a canteen's statement.
 * One interface for the three places a document goes: the printer (through
 * the ui's print operation), the on-screen preview and the PDF file, so all
 * three draw the same pages with the same functions.
 *
 * A document is an A4 layout scaled to fit the page it is drawn on; the
 * number of pages does not depend on that size.  This module knows no
 * document; each document module offers a constructor returning a
 * JcPagedDoc (jc_plan_doc_paged_new() and its peers).  No GTK here. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "jc-output.h"

G_BEGIN_DECLS

/* A4 portrait in PostScript points. */
#define JC_PAGED_DOC_A4_WIDTH  595.2756
#define JC_PAGED_DOC_A4_HEIGHT 841.8898

typedef struct _JcPagedDoc JcPagedDoc;

/* What a document module supplies.  `data` is the module's own document;
 * both functions are called from any one thread at a time. */
typedef struct {
  /* How many pages; at least 1 for a document worth printing. */
  guint (*get_n_pages) (gconstpointer data,
                        double        page_w,
                        double        page_h);
  /* Draws page `page` (0-based) in a page_w × page_h area at the origin of
   * `cr`; the state of `cr` is restored. */
  void  (*draw_page)   (gconstpointer data,
                        cairo_t      *cr,
                        guint         page,
                        double        page_w,
                        double        page_h);
} JcPagedDocFuncs;

/* `title` names the document (the print job, the preview's title), in the
 * user's language; `funcs` must outlive the document (a static table);
 * `destroy` frees `data` with the last reference. */
JcPagedDoc *jc_paged_doc_new         (const char            *title,
                                      const JcPagedDocFuncs *funcs,
                                      gpointer               data,
                                      GDestroyNotify         destroy);
JcPagedDoc *jc_paged_doc_ref         (JcPagedDoc            *doc);
void        jc_paged_doc_unref       (JcPagedDoc            *doc);

const char *jc_paged_doc_get_title   (const JcPagedDoc      *doc);
/* The title written into the PDF's metadata by jc_paged_doc_write_pdf()
 * (none unless set). */
void        jc_paged_doc_set_pdf_title (JcPagedDoc          *doc,
                                        const char          *pdf_title);
guint       jc_paged_doc_get_n_pages (const JcPagedDoc      *doc,
                                      double                 page_w,
                                      double                 page_h);
void        jc_paged_doc_draw_page   (const JcPagedDoc      *doc,
                                      cairo_t               *cr,
                                      guint                  page,
                                      double                 page_w,
                                      double                 page_h);

/* Writes every page to `path` as an A4 PDF through jc-output (a temporary
 * file renamed into place; never over a database, never over an existing
 * file without JC_OUTPUT_REPLACE).  JC_OUTPUT_ERROR, or
 * G_IO_ERROR_FAILED naming the file and cairo's reason. */
gboolean    jc_paged_doc_write_pdf   (const JcPagedDoc      *doc,
                                      const char            *path,
                                      JcOutputFlags          flags,
                                      GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPagedDoc, jc_paged_doc_unref)

G_END_DECLS
