/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-statements-dialog.c: the canteen statements of a month, for one
 * canteen or all of them, as PDF or XLSX.
 *
 * Each file is written under a hidden ".partial" name in the target folder
 * and renamed only once it is complete and the run is still wanted, so a
 * cancelled or failed run never leaves half a statement behind; the files
 * finished before stay and the summary says how many.  Statements already
 * in the folder are replaced only after one question for all of them; the
 * open database is never written over. */
#include "config.h"

#define G_LOG_DOMAIN "jc-statements-dialog"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-date.h"
#include "jc-output.h"
#include "jc-plan-doc.h"
#include "jc-save-file.h"
#include "jc-statements-dialog-private.h"
#include "jc-statements-tasks.h"
#include "jc-ui-util.h"

#define N_MONTHS 13

typedef JcStatementsCanteen Canteen;

struct _JcStatementsDialog {
  AdwWindow             parent_instance;

  char                 *db_path;
  char                 *date;            /* "YYYY-MM-DD" the months end with */
  GCancellable         *cancellable;     /* the canteen list */
  GCancellable         *export_cancellable;
  gboolean              loading;
  gboolean              exporting;
  struct Job           *job;             /* the run under way, NULL: none */
  GPtrArray            *months;          /* char *, "YYYY-MM", oldest first */
  GPtrArray            *canteens;        /* Canteen *, by code */
  GtkStringList        *month_names;
  GtkStringList        *canteen_names;   /* "All canteens", then each canteen */
  AdwMessageDialog     *replace_dialog;  /* asking to replace files, or NULL */
  char                 *folder;          /* where the last run wrote */
  guint                 n_written;
  guint                 step_delay_ms;

  GtkWidget            *export_button;
  GtkSpinner           *spinner;
  AdwComboRow          *month_row;
  AdwComboRow          *canteen_row;
  AdwComboRow          *format_row;
  GtkWidget            *progress_box;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkWidget            *result_box;
  GtkImage             *result_icon;
  GtkLabel             *result_label;
  GtkWidget            *open_button;
};

G_DEFINE_FINAL_TYPE (JcStatementsDialog, jc_statements_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (JcStatementsDialog *self)
{
  gboolean idle = !self->loading && !self->exporting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statements.export",
                                 idle && self->db_path != NULL && self->canteens != NULL &&
                                 self->canteens->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statements.cancel", self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statements.open-folder",
                                 idle && self->folder != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->month_row), !self->exporting);
  gtk_widget_set_sensitive (GTK_WIDGET (self->canteen_row), idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !self->exporting);
  gtk_spinner_set_spinning (self->spinner, self->loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);
}

static void
show_result (JcStatementsDialog *self,
             const char         *text,
             gboolean            is_error)
{
  gtk_label_set_text (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon,
                                is_error ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), "success");
    }
  gtk_widget_set_visible (self->open_button, self->folder != NULL);
  gtk_widget_set_visible (self->result_box, text != NULL);
}

/* ---- the choices ----------------------------------------------------------- */

/* The 13 months that end with the month of `date`; the one before chosen. */
static void
fill_months (JcStatementsDialog *self)
{
  char last[JC_MONTH_LEN];

  g_ptr_array_set_size (self->months, 0);
  if (!jc_date_get_month (self->date, last))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      jc_month_format (g_date_time_get_year (now), g_date_time_get_month (now), last);
    }
  for (int k = N_MONTHS - 1; k >= 0; k--)
    {
      char month[JC_MONTH_LEN];

      if (jc_month_shift (last, -k, month))
        g_ptr_array_add (self->months, g_strdup (month));
    }
  gtk_string_list_splice (self->month_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->month_names)),
                          (const char * const *) self->months->pdata);
  /* Statements are made after a month is over: the last whole month first
   * (the month of `date` is offered too, for a statement to date). */
  adw_combo_row_set_selected (self->month_row, self->months->len - 2);
}

static void
fill_canteens (JcStatementsDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_strv_builder_add (builder, _("All canteens"));
  for (guint i = 0; self->canteens != NULL && i < self->canteens->len; i++)
    {
      Canteen *c = g_ptr_array_index (self->canteens, i);
      g_autofree char *name = g_strdup_printf ("%s %s", c->code, c->name);

      g_strv_builder_add (builder, name);
    }
  names = g_strv_builder_end (builder);
  gtk_string_list_splice (self->canteen_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->canteen_names)),
                          (const char * const *) names);
  adw_combo_row_set_selected (self->canteen_row, 0);
}

static const char *
selected_month (JcStatementsDialog *self)
{
  guint i = adw_combo_row_get_selected (self->month_row);

  return i < self->months->len ? g_ptr_array_index (self->months, i) : NULL;
}

/* NULL: all canteens. */
static Canteen *
selected_canteen (JcStatementsDialog *self)
{
  guint i = adw_combo_row_get_selected (self->canteen_row);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || self->canteens == NULL ||
      i > self->canteens->len)
    return NULL;
  return g_ptr_array_index (self->canteens, i - 1);
}

static JcStatementsFormat
selected_format (JcStatementsDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? JC_STATEMENTS_XLSX
                                                             : JC_STATEMENTS_PDF;
}

static char *
file_name (const char         *code,
           const char         *month,
           JcStatementsFormat  format)
{
  return g_strdup_printf ("statement-%s-%s.%s", code, month,
                          format == JC_STATEMENTS_XLSX ? "xlsx" : "pdf");
}

/* ---- the canteens, on a worker --------------------------------------------- */

static void
on_canteens_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JcStatementsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *canteens = jc_statements_task_canteens_finish (result, &error);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_pointer (&self->canteens, g_ptr_array_unref);
  self->canteens = canteens;
  fill_canteens (self);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not read the canteens: %s"),
                                               error->message);

      show_result (self, text, TRUE);
    }
  else if (canteens->len == 0)
    show_result (self, _("There is no active canteen."), TRUE);
  update_actions (self);
}

static void
load_canteens (JcStatementsDialog *self)
{
  if (self->db_path == NULL)
    return;
  self->loading = TRUE;
  update_actions (self);
  jc_statements_task_canteens (self->db_path, self->cancellable, on_canteens_loaded,
                               g_object_ref (self));
}

/* ---- the export, on a worker ----------------------------------------------- */

typedef JcStatementsTarget Target;

/* A run: shared by the dialog and its progress reports (atomic rc box);
 * the weak reference lets a report find the dialog if it still exists. */
typedef struct Job {
  char               *db_path;
  char               *month;
  JcStatementsFormat  format;
  JcOutputFlags       flags;           /* replace existing files? */
  GPtrArray          *targets;         /* Target * */
  guint               step_delay_ms;
  GWeakRef            dialog;
} Job;

static void
job_clear (Job *job)
{
  g_free (job->db_path);
  g_free (job->month);
  g_ptr_array_unref (job->targets);
  g_weak_ref_clear (&job->dialog);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) job_clear);
}

typedef JcStatementsOutcome Outcome;

/* The worker reached the statement at `index` of `job`. */
static void
on_progress (guint    index,
             gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(JcStatementsDialog) self = g_weak_ref_get (&job->dialog);
  Target *t;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  guint n;

  if (self == NULL || self->job != job)
    return;
  n = job->targets->len;
  t = g_ptr_array_index (job->targets, index);
  /* TRANSLATORS: progress of the export; %s the canteen's code and name */
  text = g_strdup_printf (_("Writing the statement of %s %s…"), t->code, t->name);
  gtk_label_set_text (self->progress_label, text);
  /* TRANSLATORS: progress of the export, "3 of 17" */
  count = g_strdup_printf (_("%u of %u"), index + 1, n);
  gtk_progress_bar_set_text (self->progress_bar, count);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) index / (double) n);
  self->n_written = index;
}

static char *
describe_outcome (JcStatementsDialog *self,
                  Job                *job,
                  const Outcome      *o)
{
  GString *s = g_string_new (NULL);
  guint n = job->targets->len;

  if (o->error != NULL)
    {
      g_string_append (s, o->error->message);
      if (o->n_written > 0)
        {
          g_string_append_c (s, '\n');
          g_string_append_printf (s, ngettext ("Before that, %u statement was written to %s.",
                                               "Before that, %u statements were written to %s.",
                                               o->n_written),
                                  o->n_written, self->folder);
        }
      return g_string_free (s, FALSE);
    }
  if (o->cancelled)
    {
      g_string_append_printf (s, ngettext ("Cancelled: %u statement of %u was written to %s.",
                                           "Cancelled: %u statements of %u were written to %s.",
                                           o->n_written),
                              o->n_written, n, self->folder);
      g_string_append_c (s, ' ');
      g_string_append (s, _("The one being written was removed."));
      return g_string_free (s, FALSE);
    }
  if (n == 1)
    {
      Target *t = g_ptr_array_index (job->targets, 0);

      /* TRANSLATORS: %s %s the canteen's code and name, %s the month, %s the file */
      g_string_append_printf (s, _("The statement of %s %s for %s was written to %s."),
                              t->code, t->name, job->month, t->path);
      if (o->n_empty > 0)
        {
          g_string_append_c (s, ' ');
          g_string_append_printf (s, _("It lists no delivery day: the canteen had no locked "
                                       "plan in %s."), job->month);
        }
      return g_string_free (s, FALSE);
    }
  g_string_append_printf (s, ngettext ("%u statement written to %s.",
                                       "%u statements written to %s.", o->n_written),
                          o->n_written, self->folder);
  if (o->n_empty > 0)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("%u canteen had no locked plan in %s: its statement "
                                           "lists no delivery day.",
                                           "%u canteens had no locked plan in %s: their "
                                           "statements list no delivery day.", o->n_empty),
                              o->n_empty, job->month);
    }
  return g_string_free (s, FALSE);
}

/* The dialog and the run a worker's end is about. */
typedef struct {
  JcStatementsDialog *self;
  Job                *job;
} ExportCall;

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportCall *call = user_data;
  g_autoptr(JcStatementsDialog) self = call->self;
  g_autoptr(GError) error = NULL;
  Job *job = call->job;
  Outcome *o = jc_statements_task_export_finish (result, &error);
  g_autofree char *text = NULL;

  g_free (call);
  if (self->job != job)
    {
      g_clear_pointer (&o, jc_statements_outcome_free);
      job_unref (job);
      return;
    }
  job_unref (job);
  g_clear_pointer (&self->job, job_unref);
  self->exporting = FALSE;
  gtk_widget_set_visible (self->progress_box, FALSE);
  if (o == NULL)
    {
      show_result (self, error->message, TRUE);
      update_actions (self);
      return;
    }
  self->n_written = o->n_written;
  text = describe_outcome (self, job, o);
  /* Nothing to open when nothing was written. */
  if (o->n_written == 0 && (o->error != NULL || o->cancelled))
    g_clear_pointer (&self->folder, g_free);
  show_result (self, text, o->error != NULL);
  update_actions (self);
  jc_statements_outcome_free (o);
}

static void
start_job (JcStatementsDialog *self,
           Job                *job,
           const char         *folder)
{
  ExportCall *call = g_new0 (ExportCall, 1);

  g_free (self->folder);
  self->folder = g_strdup (folder);
  self->n_written = 0;

  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  self->job = g_atomic_rc_box_acquire (job);
  self->exporting = TRUE;
  show_result (self, NULL, FALSE);
  gtk_label_set_text (self->progress_label, "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "");
  gtk_widget_set_visible (self->progress_box, TRUE);
  update_actions (self);

  call->self = g_object_ref (self);
  call->job = g_atomic_rc_box_acquire (job);
  jc_statements_task_export (job->db_path, job->month, job->format, job->flags, job->targets,
                             job->step_delay_ms, on_progress, g_atomic_rc_box_acquire (job),
                             (GDestroyNotify) job_unref, self->export_cancellable,
                             on_export_done, call);
}

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (g_object_get_data (G_OBJECT (dialog),
                                                                      "statements"));
  Job *job = user_data;

  if (self->replace_dialog == dialog)
    self->replace_dialog = NULL;
  if (g_strcmp0 (response, "replace") == 0 && !self->exporting)
    {
      job->flags = JC_OUTPUT_REPLACE;
      start_job (self, job, g_object_get_data (G_OBJECT (dialog), "folder"));
    }
  update_actions (self);
}

/* Asks once before statements already in `folder` are replaced. */
static void
ask_to_replace (JcStatementsDialog *self,
                Job                *job,
                const char         *folder,
                guint               n_existing)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  heading = g_strdup_printf (ngettext ("Replace %u Existing Statement?",
                                       "Replace %u Existing Statements?", n_existing),
                             n_existing);
  body = g_strdup_printf (ngettext ("%u of the %u statements already exists in %s. Replacing "
                                    "it overwrites its contents.",
                                    "%u of the %u statements already exist in %s. Replacing "
                                    "them overwrites their contents.", n_existing),
                          n_existing, job->targets->len, folder);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "statements", self);
  g_object_set_data_full (G_OBJECT (dialog), "folder", g_strdup (folder), g_free);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_replace_response),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_unref,
                         0);
  self->replace_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _jc_statements_dialog_export_to:
 * @path: the folder (all canteens) or the file (one canteen)
 * Writes the statements of the selected month in the selected format on a
 * worker; what the dialog does once the file chooser answered.  A file
 * chosen in the save dialog was confirmed there; statements already in a
 * chosen folder are replaced only after one question.
 */
void
_jc_statements_dialog_export_to (JcStatementsDialog *self,
                                 const char         *path)
{
  Canteen *one = selected_canteen (self);
  const char *month = selected_month (self);
  g_autofree char *folder = NULL;
  Job *job;
  guint n_existing = 0;

  g_return_if_fail (JC_IS_STATEMENTS_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (self->exporting || self->loading || self->db_path == NULL || month == NULL ||
      self->canteens == NULL || self->canteens->len == 0)
    return;
  job = g_atomic_rc_box_new0 (Job);
  job->db_path = g_strdup (self->db_path);
  job->month = g_strdup (month);
  job->format = selected_format (self);
  /* the save dialog asked before a file was replaced */
  job->flags = one != NULL ? JC_OUTPUT_REPLACE : JC_OUTPUT_NONE;
  job->step_delay_ms = self->step_delay_ms;
  job->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_statements_target_free);
  g_weak_ref_init (&job->dialog, self);
  for (guint i = 0; i < self->canteens->len; i++)
    {
      Canteen *c = g_ptr_array_index (self->canteens, i);
      Target *t;

      if (one != NULL && c != one)
        continue;
      t = g_new0 (Target, 1);
      t->code = g_strdup (c->code);
      t->name = g_strdup (c->name);
      if (one != NULL)
        t->path = g_strdup (path);
      else
        {
          g_autofree char *name = file_name (c->code, month, job->format);

          t->path = g_build_filename (path, name, NULL);
          /* a stat, no reading: quick enough for the main thread (a
           * folder in the way is no file to replace: the run reports it) */
          if (g_file_test (t->path, G_FILE_TEST_EXISTS) &&
              !g_file_test (t->path, G_FILE_TEST_IS_DIR))
            n_existing++;
        }
      g_ptr_array_add (job->targets, t);
    }
  folder = one != NULL ? g_path_get_dirname (path) : g_strdup (path);
  if (n_existing > 0)
    ask_to_replace (self, job, folder, n_existing);
  else
    start_job (self, job, folder);
  job_unref (job);
}

/* The question before statements are replaced, or NULL. */
AdwMessageDialog *
_jc_statements_dialog_get_replace_question (JcStatementsDialog *self)
{
  g_return_val_if_fail (JC_IS_STATEMENTS_DIALOG (self), NULL);
  return self->replace_dialog;
}

/* ---- the file chooser ------------------------------------------------------ */

static void
on_path_chosen_cb (GtkWidget     *widget,
                   const char    *path,
                   JcOutputFlags  flags,
                   gpointer       user_data)
{
  /* A file chosen was confirmed by the chooser, a folder's statements
   * are asked about by the export. */
  _jc_statements_dialog_export_to (JC_STATEMENTS_DIALOG (widget), path);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (widget);
  Canteen *one = selected_canteen (self);
  const char *month = selected_month (self);
  JcStatementsFormat format = selected_format (self);

  if (month == NULL)
    return;
  if (one == NULL)
    jc_save_file_choose_folder (widget, _("Choose a Folder for the Statements"), self->folder,
                                on_path_chosen_cb, NULL, NULL);
  else
    {
      static const JcSaveFileFilter pdf = { N_("PDF documents"), "*.pdf" };
      static const JcSaveFileFilter xlsx = { N_("Excel workbooks"), "*.xlsx" };
      const JcSaveFileFilter *f = format == JC_STATEMENTS_PDF ? &pdf : &xlsx;
      JcSaveFileFilter filter = { _(f->name), f->pattern };
      g_autofree char *name = file_name (one->code, month, format);

      jc_save_file_choose_full (widget, _("Save the Statement"), name, self->folder, &filter, 1,
                                on_path_chosen_cb, NULL, NULL);
    }
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  gtk_widget_action_set_enabled (widget, "statements.cancel", FALSE);
}

static void
on_folder_opened (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JcStatementsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Open the Folder"), error->message);
}

static void
open_folder_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (widget);
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (self->folder == NULL)
    return;
  uri = g_filename_to_uri (self->folder, NULL, NULL);
  if (uri == NULL)
    return;
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_folder_opened, g_object_ref (self));
}

/* ---- the object ------------------------------------------------------------ */

static gboolean
jc_statements_dialog_close_request (GtkWindow *window)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (window);

  /* Closing while it writes is a cancel: no half file stays. */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  return GTK_WINDOW_CLASS (jc_statements_dialog_parent_class)->close_request (window);
}

static void
jc_statements_dialog_constructed (GObject *object)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (object);

  G_OBJECT_CLASS (jc_statements_dialog_parent_class)->constructed (object);
  fill_months (self);
  fill_canteens (self);
  load_canteens (self);
  update_actions (self);
}

static void
jc_statements_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_statements_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      break;
    case PROP_DATE:
      g_free (self->date);
      self->date = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_statements_dialog_dispose (GObject *object)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_STATEMENTS_DIALOG);
  G_OBJECT_CLASS (jc_statements_dialog_parent_class)->dispose (object);
}

static void
jc_statements_dialog_finalize (GObject *object)
{
  JcStatementsDialog *self = JC_STATEMENTS_DIALOG (object);

  g_clear_pointer (&self->job, job_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->month_names);
  g_clear_object (&self->canteen_names);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->canteens, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->date);
  g_free (self->folder);
  G_OBJECT_CLASS (jc_statements_dialog_parent_class)->finalize (object);
}

static void
jc_statements_dialog_class_init (JcStatementsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = jc_statements_dialog_constructed;
  object_class->get_property = jc_statements_dialog_get_property;
  object_class->set_property = jc_statements_dialog_set_property;
  object_class->dispose = jc_statements_dialog_dispose;
  object_class->finalize = jc_statements_dialog_finalize;
  window_class->close_request = jc_statements_dialog_close_request;

  /**
   * JcStatementsDialog:db-path:
   * The database file; the workers open their own store on it.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * JcStatementsDialog:date:
   * "YYYY-MM-DD": the months offered are the 13 ending with its month,
   * which is chosen at first.  Today when unset.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-statements-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, canteen_row);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, result_box);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, JcStatementsDialog, open_button);

  gtk_widget_class_install_action (widget_class, "statements.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "statements.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "statements.open-folder", NULL,
                                   open_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jc_statements_dialog_init (JcStatementsDialog *self)
{
  const char *formats[] = { N_("PDF document"), N_("XLSX workbook"), NULL };
  g_autoptr(GtkStringList) format_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->months = g_ptr_array_new_null_terminated (N_MONTHS, g_free, TRUE);
  self->month_names = gtk_string_list_new (NULL);
  self->canteen_names = gtk_string_list_new (NULL);
  for (guint i = 0; formats[i] != NULL; i++)
    gtk_string_list_append (format_names, _(formats[i]));
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (self->month_names));
  adw_combo_row_set_model (self->canteen_row, G_LIST_MODEL (self->canteen_names));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (format_names));
}

/**
 * jc_statements_dialog_new:
 * @parent: (nullable): the window it is modal to
 * @db_path: the database file
 * @date: (nullable): "YYYY-MM-DD"; its month is offered first
 * Returns: (transfer none): the dialog, not yet presented.
 */
JcStatementsDialog *
jc_statements_dialog_new (GtkWindow  *parent,
                          const char *db_path,
                          const char *date)
{
  return g_object_new (JC_TYPE_STATEMENTS_DIALOG, "transient-for", parent, "db-path", db_path,
                       "date", date, NULL);
}

/* ---- test hooks ------------------------------------------------------------ */

gboolean
_jc_statements_dialog_is_busy (JcStatementsDialog *self)
{
  return self->loading || self->exporting;
}

GListModel *
_jc_statements_dialog_get_months (JcStatementsDialog *self)
{
  return G_LIST_MODEL (self->month_names);
}

GListModel *
_jc_statements_dialog_get_canteens (JcStatementsDialog *self)
{
  return G_LIST_MODEL (self->canteen_names);
}

const char *
_jc_statements_dialog_get_month (JcStatementsDialog *self)
{
  return selected_month (self);
}

gboolean
_jc_statements_dialog_select (JcStatementsDialog *self,
                              const char         *month,
                              const char         *canteen,
                              JcStatementsFormat  format)
{
  guint m = 0, c = 0;

  if (!g_ptr_array_find_with_equal_func (self->months, month, g_str_equal, &m))
    return FALSE;
  if (canteen != NULL)
    {
      guint i;

      for (i = 0; self->canteens != NULL && i < self->canteens->len; i++)
        if (g_str_equal (((Canteen *) g_ptr_array_index (self->canteens, i))->code, canteen))
          break;
      if (self->canteens == NULL || i == self->canteens->len)
        return FALSE;
      c = i + 1;
    }
  adw_combo_row_set_selected (self->month_row, m);
  adw_combo_row_set_selected (self->canteen_row, c);
  adw_combo_row_set_selected (self->format_row, format == JC_STATEMENTS_XLSX ? 1 : 0);
  return TRUE;
}

void
_jc_statements_dialog_set_step_delay (JcStatementsDialog *self,
                                      guint               ms)
{
  self->step_delay_ms = ms;
}

guint
_jc_statements_dialog_get_n_written (JcStatementsDialog *self)
{
  return self->n_written;
}

GtkLabel *
_jc_statements_dialog_get_result (JcStatementsDialog *self)
{
  return self->result_label;
}

GtkProgressBar *
_jc_statements_dialog_get_progress (JcStatementsDialog *self)
{
  return self->progress_bar;
}

GtkWidget *
_jc_statements_dialog_get_open_button (JcStatementsDialog *self)
{
  return self->open_button;
}
