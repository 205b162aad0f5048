/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page-actions.c: what the Reports page does with its month's
 * review — export it as PDF, XLSX or CSV through the save chooser
 * (jc-save-file), print it (jc-print-operation, over the review's
 * JcPagedDoc), open the file written — and the actions that start these.  The documents
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
#include "jc-print-operation.h"
#include "jc-report-doc.h"
#include "jc-report-tasks.h"
#include "jc-reports-page-private.h"
#include "jc-save-file.h"
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

static void
start_export (JcReportsPage      *self,
              JcReportExportKind  kind,
              const char         *path,
              JcOutputFlags       flags)
{
  ExportCall *call;

  if (self->store == NULL || path == NULL)
    return;
  call = g_new0 (ExportCall, 1);
  call->self = g_object_ref (self);
  call->path = g_strdup (path);
  self->working++;
  _jc_reports_page_update_actions (self);
  jc_report_task_export (self->store, self->month, self->canteen, kind, path, flags,
                         self->cancellable, on_export_done, call);
}

/* What the chooser's Save does: a file that is there is replaced. */
void
_jc_reports_page_start_export (JcReportsPage      *self,
                               JcReportExportKind  kind,
                               const char         *path)
{
  start_export (self, kind, path, JC_OUTPUT_REPLACE);
}

static void
on_export_file_chosen (GtkWidget     *parent,
                       const char    *path,
                       JcOutputFlags  flags,
                       gpointer       user_data)
{
  start_export (JC_REPORTS_PAGE (parent), (JcReportExportKind) GPOINTER_TO_INT (user_data), path,
                flags);
}

static void
choose_export_file (JcReportsPage      *self,
                    JcReportExportKind  kind)
{
  g_autofree char *name = NULL;
  g_autofree char *pattern = g_strconcat ("*.", export_suffix[kind], NULL);
  const char *titles[] = {
    _("Export the Review as PDF"), _("Export the Review as XLSX"),
    _("Export the Items as CSV"),
  };
  const char *filters[] = { _("PDF documents"), _("Excel workbooks"), _("CSV files") };

  if (self->canteen != NULL)
    /* TRANSLATORS: the suggested file name of the review of one canteen */
    name = g_strdup_printf (_("cost-review-%s-%s.%s"), self->month, self->canteen,
                            export_suffix[kind]);
  else
    /* TRANSLATORS: the suggested file name of the review; %s the month */
    name = g_strdup_printf (_("cost-review-%s.%s"), self->month, export_suffix[kind]);
  jc_save_file_choose (GTK_WIDGET (self), titles[kind], name, filters[kind], pattern,
                       on_export_file_chosen, GINT_TO_POINTER (kind), NULL);
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

/* Prints `doc` (taken) through the one print operation of the ui; the
 * tests' print-to-file exports its pages instead. */
static void
run_print (JcReportsPage *self,
           JcPagedDoc    *doc)
{
  g_autoptr(JcPagedDoc) owned = doc;
  g_autofree char *export = g_steal_pointer (&self->print_export);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  g_clear_object (&self->print_op);
  self->print_op = GTK_PRINT_OPERATION (jc_print_operation_new (owned));
  if (export == NULL)
    {
      jc_print_operation_run_dialog (JC_PRINT_OPERATION (self->print_op), GTK_WIDGET (self),
                                     _("Could Not Print the Review"));
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_print_operation_set_allow_async (self->print_op, FALSE);
  gtk_print_operation_set_export_filename (self->print_op, export);
  if (gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_EXPORT,
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
