/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-print-operation.c: a GtkPrintOperation that draws a JcPagedDoc
 * (jc-print-operation.h).  It counts and draws the document's pages in the
 * size the printer gives; it knows no document and writes no file. */
#include "config.h"

#define G_LOG_DOMAIN "jc-print-operation"


#include "jc-print-operation.h"
#include "jc-ui-util.h"

struct _JcPrintOperation
{
  GtkPrintOperation  parent_instance;

  JcPagedDoc        *doc;
  GtkWidget         *parent;        /* weak: where an error is shown */
  char              *error_title;
  gboolean           running;       /* holds a reference while the job runs */
  gboolean           reported;      /* this run's error is shown */
};

G_DEFINE_FINAL_TYPE (JcPrintOperation, jc_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
jc_print_operation_begin_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  JcPrintOperation *self = JC_PRINT_OPERATION (operation);
  guint n = jc_paged_doc_get_n_pages (self->doc, gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (operation, (int) MAX (n, 1));
}

static void
jc_print_operation_draw_page (GtkPrintOperation *operation,
                              GtkPrintContext   *context,
                              int                page_nr)
{
  JcPrintOperation *self = JC_PRINT_OPERATION (operation);

  jc_paged_doc_draw_page (self->doc, gtk_print_context_get_cairo_context (context),
                          (guint) page_nr, gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

static void
show_error (JcPrintOperation *self,
            const GError     *error)
{
  if (self->reported || error == NULL)
    return;
  self->reported = TRUE;
  if (self->parent != NULL)
    jc_ui_show_error (self->parent, self->error_title ? self->error_title : "", error->message);
}

static void
jc_print_operation_done (GtkPrintOperation       *operation,
                         GtkPrintOperationResult  result)
{
  JcPrintOperation *self = JC_PRINT_OPERATION (operation);
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      show_error (self, error);
    }
  if (self->running)
    {
      self->running = FALSE;
      g_object_unref (self);
    }
}

static void
jc_print_operation_dispose (GObject *object)
{
  JcPrintOperation *self = JC_PRINT_OPERATION (object);

  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (jc_print_operation_parent_class)->dispose (object);
}

static void
jc_print_operation_finalize (GObject *object)
{
  JcPrintOperation *self = JC_PRINT_OPERATION (object);

  g_clear_pointer (&self->doc, jc_paged_doc_unref);
  g_free (self->error_title);

  G_OBJECT_CLASS (jc_print_operation_parent_class)->finalize (object);
}

static void
jc_print_operation_class_init (JcPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = jc_print_operation_dispose;
  object_class->finalize = jc_print_operation_finalize;
  print_class->begin_print = jc_print_operation_begin_print;
  print_class->draw_page = jc_print_operation_draw_page;
  print_class->done = jc_print_operation_done;
}

static void
jc_print_operation_init (JcPrintOperation *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPaperSize *a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * jc_print_operation_new:
 * Returns: (transfer full): an operation printing `doc`, its job named by
 * the document's title.
 */
JcPrintOperation *
jc_print_operation_new (JcPagedDoc *doc)
{
  JcPrintOperation *self;

  g_return_val_if_fail (doc != NULL, NULL);

  self = g_object_new (JC_TYPE_PRINT_OPERATION, "job-name", jc_paged_doc_get_title (doc), NULL);
  self->doc = jc_paged_doc_ref (doc);
  return self;
}

JcPagedDoc *
jc_print_operation_get_doc (JcPrintOperation *self)
{
  g_return_val_if_fail (JC_IS_PRINT_OPERATION (self), NULL);

  return self->doc;
}

/**
 * jc_print_operation_run_dialog:
 * @parent: the page printing; errors show on its window
 * @error_title: the heading of an error ("Could Not Print the Purchase Order")
 */
void
jc_print_operation_run_dialog (JcPrintOperation *self,
                               GtkWidget        *parent,
                               const char       *error_title)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkPrintOperationResult result;

  g_return_if_fail (JC_IS_PRINT_OPERATION (self));
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (!self->running);

  g_set_weak_pointer (&self->parent, parent);
  g_free (self->error_title);
  self->error_title = g_strdup (error_title);
  root = gtk_widget_get_root (parent);
  self->running = TRUE;
  self->reported = FALSE;
  g_object_ref (self);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->running)
    {
      /* "done" was not emitted (a synchronous answer): let go here */
      self->running = FALSE;
      g_object_unref (self);
    }
}
