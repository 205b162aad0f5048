/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-preview.h: a paged document on screen — one page at a time,
 * scaled to fit, drawn by the same functions as the printer and the PDF
 * (JcPagedDoc, core/jc-paged-doc.h) — and the window that presents it with
 * "Page N of M", previous/next page and the page's own Print and Export
 * buttons.  It draws; it never writes a file nor prints: its buttons
 * activate the page's actions. */
#pragma once

#include <gtk/gtk.h>

#include "jc-paged-doc.h"

G_BEGIN_DECLS

#define JC_TYPE_DOC_PREVIEW (jc_doc_preview_get_type ())
G_DECLARE_FINAL_TYPE (JcDocPreview, jc_doc_preview, JC, DOC_PREVIEW, GtkWidget)

/* A preview of `doc` (a reference is taken) at its first page. */
GtkWidget  *jc_doc_preview_new         (JcPagedDoc   *doc);
JcPagedDoc *jc_doc_preview_get_doc     (JcDocPreview *preview);
/* 0-based; "page" notifies. */
guint       jc_doc_preview_get_page    (JcDocPreview *preview);
void        jc_doc_preview_set_page    (JcDocPreview *preview,
                                        guint         page);
/* At least 1. */
guint       jc_doc_preview_get_n_pages (JcDocPreview *preview);

#define JC_TYPE_DOC_PREVIEW_WINDOW (jc_doc_preview_window_get_type ())
G_DECLARE_FINAL_TYPE (JcDocPreviewWindow, jc_doc_preview_window, JC, DOC_PREVIEW_WINDOW,
                      GtkWindow)

/* A window titled with the document's title, modal over the window of
 * `parent` (the page), destroyed with it; Page Up/Left and Page Down/Right
 * turn the pages, Escape closes.  Not yet presented. */
JcDocPreviewWindow *jc_doc_preview_window_new          (GtkWidget          *parent,
                                                        JcPagedDoc         *doc);
/* A Print button activating `action` ("plan.print") on the parent. */
void          jc_doc_preview_window_set_print_action   (JcDocPreviewWindow *window,
                                                        const char         *action);
/* An "Export PDF…" button that closes the window and activates `action`
 * ("plan.export-pdf") on the parent; `enabled` FALSE greys it. */
void          jc_doc_preview_window_set_export_action  (JcDocPreviewWindow *window,
                                                        const char         *action,
                                                        gboolean            enabled);
JcDocPreview *jc_doc_preview_window_get_preview        (JcDocPreviewWindow *window);
/* The counter's text, "Page 1 of 3" (borrowed). */
const char   *jc_doc_preview_window_get_counter        (JcDocPreviewWindow *window);
/* One page back (step < 0) or on (step > 0), as the buttons do. */
void          jc_doc_preview_window_turn               (JcDocPreviewWindow *window,
                                                        int                 step);

G_END_DECLS
