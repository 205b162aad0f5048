/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-statements-tasks.c: the statements dialog's work on GTask threads.
 * It must not touch a widget: progress goes back to the caller's main
 * context through its own function. */
#include "config.h"

#define G_LOG_DOMAIN "jc-statements-tasks"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-plan-doc.h"
#include "jc-statements-tasks.h"
#include "jc-task.h"

void
jc_statements_canteen_free (JcStatementsCanteen *canteen)
{
  g_free (canteen->code);
  g_free (canteen->name);
  g_free (canteen);
}

void
jc_statements_target_free (JcStatementsTarget *target)
{
  g_free (target->code);
  g_free (target->name);
  g_free (target->path);
  g_free (target);
}

void
jc_statements_outcome_free (JcStatementsOutcome *outcome)
{
  g_clear_error (&outcome->error);
  g_free (outcome);
}

/* ---- the canteens ------------------------------------------------------- */

static gpointer
canteens_func (JcStore       *store,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) list = jc_store_list_canteens (store, FALSE, error);
  GPtrArray *canteens;

  if (list == NULL)
    return NULL;
  canteens = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_statements_canteen_free);
  for (guint i = 0; i < list->len; i++)
    {
      JcCanteen *jc = g_ptr_array_index (list, i);
      JcStatementsCanteen *c = g_new0 (JcStatementsCanteen, 1);

      c->code = g_strdup (jc->code);
      c->name = g_strdup (jc->name);
      g_ptr_array_add (canteens, c);
    }
  return canteens;
}

void
jc_statements_task_canteens (const char          *db_path,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = jc_task_new (NULL, NULL, db_path, NULL, jc_statements_task_canteens,
                                       cancellable, callback, user_data);

  jc_task_run_pointer (task, canteens_func, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
jc_statements_task_canteens_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return jc_task_propagate_pointer (result, jc_statements_task_canteens, error);
}

/* ---- the export ---------------------------------------------------------- */

/* Shared by the task and its progress reports (atomic rc box). */
typedef struct {
  JcTaskData                base;            /* db_path, date: the month */
  JcStatementsFormat        format;
  JcOutputFlags             flags;
  GPtrArray                *targets;         /* JcStatementsTarget * */
  guint                     step_delay_ms;
  JcStatementsProgressFunc  progress;
  gpointer                  progress_data;
  GDestroyNotify            progress_destroy;
} ExportData;

static void
export_data_clear (ExportData *data)
{
  jc_task_data_clear (&data->base);
  g_ptr_array_unref (data->targets);
  if (data->progress_destroy != NULL)
    data->progress_destroy (data->progress_data);
}

static void
export_data_unref (ExportData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) export_data_clear);
}

typedef struct {
  ExportData *data;
  guint       index;
} Progress;

static gboolean
progress_cb (gpointer user_data)
{
  Progress *p = user_data;

  if (p->data->progress != NULL)
    p->data->progress (p->index, p->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *p)
{
  export_data_unref (p->data);
  g_free (p);
}

static void
report_progress (ExportData *data,
                 guint       index)
{
  Progress *p = g_new0 (Progress, 1);

  p->data = g_atomic_rc_box_acquire (data);
  p->index = index;
  jc_task_post (data, progress_cb, p, (GDestroyNotify) progress_free);
}

/* The test hook: a slow disk. */
static void
step_delay (ExportData   *data,
            GCancellable *cancellable)
{
  for (guint ms = 0; ms < data->step_delay_ms && !g_cancellable_is_cancelled (cancellable);
       ms += 5)
    g_usleep (5000);
}

/* The core's message names the hidden file; the person knows the file by
 * its real name. */
static char *
real_message (const char *message,
              const char *tmp,
              const char *path)
{
  GString *s = g_string_new (message);

  g_string_replace (s, tmp, path, 0);
  return g_string_free (s, FALSE);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  const char *month = data->base.date;
  JcStatementsOutcome *o = g_new0 (JcStatementsOutcome, 1);
  g_autoptr(JcStore) store = NULL;
  GError *error = NULL;

  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) code_list = NULL;

  store = jc_store_open (data->base.db_path, &error);
  if (store == NULL)
    {
      o->error = error;
      g_task_return_pointer (task, o, (GDestroyNotify) jc_statements_outcome_free);
      return;
    }
  /* Every statement of the month in one pass over its plans, then the files. */
  for (guint i = 0; i < data->targets->len; i++)
    g_strv_builder_add (codes, ((JcStatementsTarget *) g_ptr_array_index (data->targets, i))->code);
  code_list = g_strv_builder_end (codes);
  report_progress (data, 0);
  statements = jc_statement_build_many (store, (const char * const *) code_list, month, &error);
  if (statements == NULL)
    {
      o->error = error;
      g_task_return_pointer (task, o, (GDestroyNotify) jc_statements_outcome_free);
      return;
    }
  for (guint i = 0; i < data->targets->len; i++)
    {
      JcStatementsTarget *t = g_ptr_array_index (data->targets, i);
      g_autofree char *dir = g_path_get_dirname (t->path);
      g_autofree char *base = g_path_get_basename (t->path);
      g_autofree char *hidden = g_strdup_printf (".%s.partial", base);
      g_autofree char *tmp = g_build_filename (dir, hidden, NULL);
      const JcStatement *st = g_ptr_array_index (statements, i);
      gboolean ok;

      if (g_cancellable_is_cancelled (cancellable))
        {
          o->cancelled = TRUE;
          break;
        }
      report_progress (data, i);
      /* The target first (not the database, not a file nobody agreed to
       * replace), then the hidden file, which a stale run may have left. */
      ok = jc_output_check (t->path, data->flags, &error);
      if (ok)
        ok = data->format == JC_STATEMENTS_XLSX
               ? jc_statement_write_xlsx (st, tmp, JC_OUTPUT_REPLACE, &error)
               : jc_statement_write_pdf (st, tmp, JC_OUTPUT_REPLACE, &error);
      if (ok)
        step_delay (data, cancellable);
      if (ok && g_cancellable_is_cancelled (cancellable))
        {
          g_remove (tmp);
          o->cancelled = TRUE;
          break;
        }
      if (ok && !jc_output_check (t->path, data->flags, &error))
        ok = FALSE;
      else if (ok && g_rename (tmp, t->path) != 0)
        {
          int saved = errno;

          g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s",
                       g_strerror (saved));
          ok = FALSE;
        }
      if (!ok)
        {
          g_autofree char *message = real_message (error->message, tmp, t->path);

          g_remove (tmp);
          if (strstr (message, t->path) != NULL)
            /* TRANSLATORS: %s %s the canteen's code and name, %s what went wrong
             * with which file */
            o->error = g_error_new (JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_FAILED,
                                    _("The statement of %s %s: %s"), t->code, t->name, message);
          else
            /* TRANSLATORS: %s %s the canteen's code and name, %s the file, %s why */
            o->error = g_error_new (JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_FAILED,
                                    _("Could not write the statement of %s %s to %s: %s"),
                                    t->code, t->name, t->path, message);
          g_clear_error (&error);
          break;
        }
      o->n_written++;
      if (st->days->len == 0)
        o->n_empty++;
    }
  g_task_return_pointer (task, o, (GDestroyNotify) jc_statements_outcome_free);
}

void
jc_statements_task_export (const char              *db_path,
                           const char              *month,
                           JcStatementsFormat       format,
                           JcOutputFlags            flags,
                           GPtrArray               *targets,
                           guint                    step_delay_ms,
                           JcStatementsProgressFunc progress,
                           gpointer                 progress_data,
                           GDestroyNotify           progress_destroy,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  ExportData *data = g_atomic_rc_box_new0 (ExportData);
  g_autoptr(GTask) task = NULL;

  data->format = format;
  data->flags = flags;
  data->targets = g_ptr_array_ref (targets);
  data->step_delay_ms = step_delay_ms;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_destroy = progress_destroy;
  task = jc_task_new (data, (GDestroyNotify) export_data_unref, db_path, month,
                      jc_statements_task_export, cancellable, callback, user_data);
  /* The outcome says what was cancelled and what was written. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

JcStatementsOutcome *
jc_statements_task_export_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return jc_task_propagate_pointer (result, jc_statements_task_export, error);
}
