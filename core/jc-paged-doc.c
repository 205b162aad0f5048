/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-paged-doc.c: see jc-paged-doc.h. */

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "jc-paged-doc.h"

struct _JcPagedDoc {
  gatomicrefcount        ref_count;
  char                  *title;
  char                  *pdf_title;
  const JcPagedDocFuncs *funcs;
  gpointer               data;
  GDestroyNotify         destroy;
};

JcPagedDoc *
jc_paged_doc_new (const char            *title,
                  const JcPagedDocFuncs *funcs,
                  gpointer               data,
                  GDestroyNotify         destroy)
{
  JcPagedDoc *doc;

  g_return_val_if_fail (funcs != NULL, NULL);
  g_return_val_if_fail (funcs->get_n_pages != NULL && funcs->draw_page != NULL, NULL);

  doc = g_new0 (JcPagedDoc, 1);
  g_atomic_ref_count_init (&doc->ref_count);
  doc->title = g_strdup (title != NULL ? title : "");
  doc->funcs = funcs;
  doc->data = data;
  doc->destroy = destroy;
  return doc;
}

JcPagedDoc *
jc_paged_doc_ref (JcPagedDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  g_atomic_ref_count_inc (&doc->ref_count);
  return doc;
}

void
jc_paged_doc_unref (JcPagedDoc *doc)
{
  if (doc == NULL || !g_atomic_ref_count_dec (&doc->ref_count))
    return;
  if (doc->destroy != NULL)
    doc->destroy (doc->data);
  g_free (doc->title);
  g_free (doc->pdf_title);
  g_free (doc);
}

const char *
jc_paged_doc_get_title (const JcPagedDoc *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->title;
}

void
jc_paged_doc_set_pdf_title (JcPagedDoc *doc,
                            const char *pdf_title)
{
  g_return_if_fail (doc != NULL);
  g_free (doc->pdf_title);
  doc->pdf_title = g_strdup (pdf_title);
}

guint
jc_paged_doc_get_n_pages (const JcPagedDoc *doc,
                          double            page_w,
                          double            page_h)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->funcs->get_n_pages (doc->data, page_w, page_h);
}

void
jc_paged_doc_draw_page (const JcPagedDoc *doc,
                        cairo_t          *cr,
                        guint             page,
                        double            page_w,
                        double            page_h)
{
  g_return_if_fail (doc != NULL && cr != NULL);
  doc->funcs->draw_page (doc->data, cr, page, page_w, page_h);
}

gboolean
jc_paged_doc_write_pdf (const JcPagedDoc *doc,
                        const char       *path,
                        JcOutputFlags     flags,
                        GError          **error)
{
  g_autoptr(JcOutput) out = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n;

  g_return_val_if_fail (doc != NULL && path != NULL, FALSE);

  out = jc_output_begin (path, flags, error);
  if (out == NULL)
    return FALSE;
  surface = cairo_pdf_surface_create (jc_output_get_temp_path (out), JC_PAGED_DOC_A4_WIDTH,
                                      JC_PAGED_DOC_A4_HEIGHT);
  if (doc->pdf_title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->pdf_title);
  cr = cairo_create (surface);
  n = jc_paged_doc_get_n_pages (doc, JC_PAGED_DOC_A4_WIDTH, JC_PAGED_DOC_A4_HEIGHT);
  for (guint p = 0; p < n; p++)
    {
      jc_paged_doc_draw_page (doc, cr, p, JC_PAGED_DOC_A4_WIDTH, JC_PAGED_DOC_A4_HEIGHT);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* TRANSLATORS: %s the file, %s cairo's reason (in English) */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return jc_output_commit (out, error);
}
