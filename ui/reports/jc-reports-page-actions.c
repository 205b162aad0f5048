/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page-actions.c: what the Reports page does with its month's
 * review — export it as PDF, XLSX or CSV through a file chooser, print it,
 * open the file written — and the actions that start these.  The documents
 * are written by jc-report-tasks.c's workers; nothing here reads the
 * database or runs a thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-reports-page"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-order-row.h"
#include "jc-report-doc.h"
#include "jc-report-tasks.h"
#include "jc-reports-page-private.h"
#include "jc-task.h"
#include "jc-ui-util.h"
#include "jc-units.h"

/* ---- exports ------------------------------------------------------------------------------ */

static const char *const export_suffix[] = { "pdf", "xlsx", "csv" };

typedef struct {
  JcReportsPage *self;
  char          *path;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_object_unref (call->self);
  g_free (call->path);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportCall, export_call_free)

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  JcReportsPage *self = call->self;
  const char *path = call->path;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (!jc_report_task_export_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working--;
  _jc_reports_page_update_actions (self);
  if (error != NULL)
    {
      /* TRANSLATORS: heading of an export error: "Could Not Write review-2026-10.pdf" */
      g_autofree char *heading = g_strdup_printf (_("Could Not Write %s"), name);
      g_autofree char *message = g_strdup_printf ("%s\n\n%s", path, error->message);

      jc_ui_show_error (GTK_WIDGET (self), heading, message);
      return;
    }
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    g_autofree char *escaped = g_markup_escape_text (name, -1);
    /* TRANSLATORS: a toast after an export: "Saved review-2026-10.pdf" */
    g_autofree char *text = g_strdup_printf (_("Saved %s"), escaped);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_button_label (toast, _("Open"));
    adw_toast_set_action_name (toast, "reports.open-file");
    adw_toast_set_action_target_value (toast, g_variant_new_string (uri ? uri : ""));
    if (overlay != NULL)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    else
      g_object_unref (g_object_ref_sink (toast));
  }
}

void
_jc_reports_page_start_export (JcReportsPage      *self,
              JcReportExportKind  kind,
              const char         *path)
{
  ExportCall *call;

  if (self->store == NULL || path == NULL)
    return;
  call = g_new0 (ExportCall, 1);
  call->self = g_object_ref (self);
  call->path = g_strdup (path);
  self->working++;
  _jc_reports_page_update_actions (self);
  jc_report_task_export (self->store, self->month, self->canteen, kind, path,
                         self->cancellable, on_export_done, call);
}

static void
on_export_chooser_response (JcReportsPage *self,
                            int            response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  JcReportExportKind kind;

  if (self->chooser == NULL)
    return;
  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "jc-kind"));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  path = file ? g_file_get_path (file) : NULL;
  _jc_reports_page_start_export (self, kind, path);
}

static void
choose_export_file (JcReportsPage      *self,
                    JcReportExportKind  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *titles[] = {
    _("Export the Review as PDF"), _("Export the Review as XLSX"),
    _("Export the Items as CSV"),
  };
  const char *filters[] = { _("PDF documents"), _("Excel workbooks"), _("CSV files") };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (titles[kind],
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  if (self->canteen != NULL)
    /* TRANSLATORS: the suggested file name of the review of one canteen */
    name = g_strdup_printf (_("cost-review-%s-%s.%s"), self->month, self->canteen,
                            export_suffix[kind]);
  else
    /* TRANSLATORS: the suggested file name of the review; %s the month */
    name = g_strdup_printf (_("cost-review-%s.%s"), self->month, export_suffix[kind]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, filters[kind]);
  gtk_file_filter_add_suffix (filter, export_suffix[kind]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "jc-kind", GINT_TO_POINTER (kind));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcReportExportKind kind = JC_REPORT_EXPORT_PDF;

  if (g_str_equal (action_name, "reports.export-xlsx"))
    kind = JC_REPORT_EXPORT_XLSX;
  else if (g_str_equal (action_name, "reports.export-csv"))
    kind = JC_REPORT_EXPORT_CSV;
  choose_export_file (JC_REPORTS_PAGE (widget), kind);
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    jc_ui_show_error (widget, _("Could Not Open the File"), error->message);
}

static void
open_file_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  if (*uri == '\0')
    return;
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, on_open_done, g_object_ref (widget));
}

/* ---- print --------------------------------------------------------------------------------- */

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  JcPagedDoc *doc = g_object_get_data (G_OBJECT (op), "jc-doc");

  gtk_print_operation_set_n_pages (op, MAX ((int) jc_paged_doc_get_n_pages (
                                              doc, gtk_print_context_get_width (context),
                                              gtk_print_context_get_height (context)), 1));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  JcPagedDoc *doc = g_object_get_data (G_OBJECT (op), "jc-doc");

  jc_paged_doc_draw_page (doc, gtk_print_context_get_cairo_context (context), (guint) page,
                          gtk_print_context_get_width (context),
                          gtk_print_context_get_height (context));
}

static void
run_print (JcReportsPage *self,
           JcPagedDoc    *doc)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *export = g_steal_pointer (&self->print_export);
  GtkPaperSize *a4;
  GtkPrintOperationAction action = export != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                  : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  g_clear_object (&self->print_op);
  self->print_op = gtk_print_operation_new ();
  /* "Cost review MONTH" */
  gtk_print_operation_set_job_name (self->print_op, jc_paged_doc_get_title (doc));
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, export == NULL);
  if (export != NULL)
    gtk_print_operation_set_export_filename (self->print_op, export);
  g_object_set_data_full (G_OBJECT (self->print_op), "jc-doc", doc,
                          (GDestroyNotify) jc_paged_doc_unref);
  g_signal_connect (self->print_op, "begin-print", G_CALLBACK (on_begin_print_cb), NULL);
  g_signal_connect (self->print_op, "draw-page", G_CALLBACK (on_draw_page_cb), NULL);
  if (gtk_print_operation_run (self->print_op, action,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Review"), error->message);
}

static void
on_pages_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JcReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcPagedDoc *doc = jc_report_task_pages_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working--;
  _jc_reports_page_update_actions (self);
  if (doc == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Review"), error->message);
      return;
    }
  run_print (self, doc);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcReportsPage *self = JC_REPORTS_PAGE (widget);

  if (self->store == NULL)
    return;
  /* the pages are laid out on a worker: the trend reads 13 months */
  self->working++;
  _jc_reports_page_update_actions (self);
  jc_report_task_pages (self->store, self->month, self->canteen, self->cancellable,
                        on_pages_done, g_object_ref (self));
}

/* ---- class ------------------------------------------------------------------ */

void
_jc_reports_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-xlsx", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "reports.open-file", "s", open_file_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "reports.print", NULL);
}
