/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-task.c: the plumbing the pages' worker tasks share. */
#include "config.h"

#define G_LOG_DOMAIN "jc-task"

#include "jc-task.h"

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
  JcTaskData *data = task_data;

  data->db_path = g_strdup (db_path);
  data->date = g_strdup (date);
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
  g_return_val_if_fail (store != NULL, NULL);

  /* TODO(store): jc_store_open_same() once core/store/ offers it */
  return jc_task_new (task_data, task_data_free, jc_store_get_path (store), date, source_tag,
                      cancellable, callback, user_data);
}

void
jc_task_data_clear (JcTaskData *data)
{
  g_clear_pointer (&data->db_path, g_free);
  g_clear_pointer (&data->date, g_free);
}

JcStore *
jc_task_open_store (GTask *task)
{
  JcTaskData *data = g_task_get_task_data (task);
  GError *error = NULL;
  JcStore *store;

  if (g_task_return_error_if_cancelled (task))
    return NULL;
  store = jc_store_open (data->db_path, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  return store;
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
