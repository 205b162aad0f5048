/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-task.c: the plumbing the pages' worker tasks share (see jc-task.h).
 * It must not touch a widget nor call core beyond opening a store. */
#include "config.h"

#define G_LOG_DOMAIN "jc-task"

#include <glib/gi18n.h>

#include "jc-task.h"

static void
plain_data_free (JcTaskData *data)
{
  jc_task_data_clear (data);
  g_free (data);
}

GTask *
jc_task_new (gpointer             task_data,
             GDestroyNotify       task_data_free,
             const char          *db_path,
             const char          *date,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  JcTaskData *data;

  if (task_data == NULL)
    {
      task_data = g_new0 (JcTaskData, 1);
      task_data_free = (GDestroyNotify) plain_data_free;
    }
  data = task_data;
  data->db_path = g_strdup (db_path);
  data->date = g_strdup (date);
  data->has_db = db_path != NULL;
  data->context = g_main_context_ref_thread_default ();
  data->task = task;
  g_weak_ref_init (&data->target, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  return task;
}

GTask *
jc_task_new_for_store (gpointer             task_data,
                       GDestroyNotify       task_data_free,
                       JcStore             *store,
                       const char          *date,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  const char *path = store != NULL ? jc_store_get_path (store) : NULL;
  GTask *task = jc_task_new (task_data, task_data_free, path, date, source_tag, cancellable,
                             callback, user_data);
  JcTaskData *data = g_task_get_task_data (task);

  /* the office database: the worker connects (jc_task_open_store()), for
   * a connection is network work the main thread must not wait for */
  if (store == NULL || jc_store_is_office (store))
    return task;
  /* Opening the same file again would make a new, empty database. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_set_error (&data->open_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The database %s does not exist"), path);
  else
    data->store = jc_store_open_same (store, &data->open_error);
  return task;
}

void
jc_task_data_clear (JcTaskData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->date, g_free);
  g_clear_pointer (&data->store, jc_store_free);
  g_clear_error (&data->open_error);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_weak_ref_clear (&data->target);
}

JcStore *
jc_task_open_store (GTask *task)
{
  JcTaskData *data = g_task_get_task_data (task);
  GError *error = NULL;
  JcStore *store;

  if (g_task_get_check_cancellable (task) && g_task_return_error_if_cancelled (task))
    return NULL;
  if (data->open_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&data->open_error));
      return NULL;
    }
  if (data->store != NULL)
    return g_steal_pointer (&data->store);
  store = jc_store_open (data->db_path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  return store;
}

/* The worker's store, or none for a task without a database.
 * Returns: FALSE when the task has been given its error. */
static gboolean
open_for_run (GTask    *task,
              JcStore **store)
{
  JcTaskData *data = g_task_get_task_data (task);

  *store = NULL;
  if (data->has_db)
    return (*store = jc_task_open_store (task)) != NULL;
  return !(g_task_get_check_cancellable (task) && g_task_return_error_if_cancelled (task));
}

static void
pointer_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  JcTaskData *data = task_data;
  JcTaskPointerFunc func = (JcTaskPointerFunc) data->func;
  g_autoptr(JcStore) store = NULL;
  GError *error = NULL;
  gpointer result;

  if (!open_for_run (task, &store))
    return;
  result = func (store, task_data, cancellable, &error);
  if (result != NULL)
    g_task_return_pointer (task, result, data->result_free);
  else
    g_task_return_error (task, error);
}

static void
boolean_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  JcTaskData *data = task_data;
  JcTaskBooleanFunc func = (JcTaskBooleanFunc) data->func;
  g_autoptr(JcStore) store = NULL;
  GError *error = NULL;

  if (!open_for_run (task, &store))
    return;
  if (func (store, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jc_task_run_pointer (GTask             *task,
                     JcTaskPointerFunc  func,
                     GDestroyNotify     result_free)
{
  JcTaskData *data = g_task_get_task_data (task);

  data->func = (gpointer) func;
  data->result_free = result_free;
  g_task_run_in_thread (task, pointer_thread);
}

void
jc_task_run_boolean (GTask             *task,
                     JcTaskBooleanFunc  func)
{
  JcTaskData *data = g_task_get_task_data (task);

  data->func = (gpointer) func;
  g_task_run_in_thread (task, boolean_thread);
}

void
jc_task_post (gpointer        task_data,
              GSourceFunc     func,
              gpointer        data,
              GDestroyNotify  data_free)
{
  JcTaskData *td = task_data;
  GSource *source = g_idle_source_new ();

  /* Not g_main_context_invoke(): while the main thread is between two
   * iterations the worker could acquire the context and run `func` itself. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, data_free);
  g_source_set_static_name (source, "[jc-task] post");
  g_source_attach (source, td->context);
  g_source_unref (source);
}

void
jc_task_set_progress (GTask              *task,
                      GObject            *target,
                      JcTaskProgressFunc  func)
{
  JcTaskData *data = g_task_get_task_data (task);

  g_weak_ref_set (&data->target, target);
  data->progress = (gpointer) func;
}

typedef struct {
  GTask   *task;      /* a reference: keeps the task data */
  GObject *target;    /* a reference, dropped on the main thread */
  double   fraction;
  char    *text;
} Progress;

static void
progress_free (Progress *p)
{
  g_clear_object (&p->target);
  g_object_unref (p->task);
  g_free (p->text);
  g_free (p);
}

static gboolean
progress_cb (gpointer user_data)
{
  Progress *p = user_data;
  JcTaskData *data = g_task_get_task_data (p->task);

  ((JcTaskProgressFunc) data->progress) (p->target, data, p->fraction, p->text);
  return G_SOURCE_REMOVE;
}

void
jc_task_progress (gpointer  task_data,
                  double    fraction,
                  char     *text)
{
  JcTaskData *data = task_data;
  GObject *target = g_weak_ref_get (&data->target);
  Progress *p;

  if (target == NULL || data->progress == NULL)
    {
      /* no reference was taken: nothing to drop here */
      g_free (text);
      return;
    }
  p = g_new0 (Progress, 1);
  p->task = g_object_ref (data->task);
  p->target = target;
  p->fraction = fraction;
  p->text = text;
  jc_task_post (data, progress_cb, p, (GDestroyNotify) progress_free);
}

gpointer
jc_task_propagate_pointer (GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
jc_task_propagate_boolean (GAsyncResult  *result,
                           gpointer       source_tag,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
jc_task_set_db_path (char       **field,
                     const char  *db_path)
{
  if (g_strcmp0 (*field, db_path) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (db_path);
  return TRUE;
}

void
jc_task_restart_cancellable (GCancellable **cancellable)
{
  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *cancellable = g_cancellable_new ();
}
