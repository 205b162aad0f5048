/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-tasks.c: the Dashboard page's database work on a GTask
 * thread (see jc-dashboard-tasks.h). */
#include "config.h"

#define G_LOG_DOMAIN "jc-dashboard-tasks"

#include "jc-dashboard-tasks.h"
#include "jc-task.h"

/* base.date is today, YYYY-MM-DD. */
typedef struct {
  JcTaskData base;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(JcStore) store = jc_task_open_store (task);
  JcDashboard *d;
  GError *error = NULL;

  if (store == NULL)
    return;
  d = jc_dashboard_read (store, td->base.date, cancellable, &error);
  if (d == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, d, (GDestroyNotify) jc_dashboard_free);
}

void
jc_dashboard_task_load (const char          *db_path,
                        const char          *today,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (today != NULL);

  task = jc_task_new (g_new0 (TaskData, 1), (GDestroyNotify) task_data_free, db_path, today,
                      jc_dashboard_task_load, cancellable, callback, user_data);
  g_task_run_in_thread (task, load_thread);
}

JcDashboard *
jc_dashboard_task_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  return jc_task_propagate_pointer (result, jc_dashboard_task_load, error);
}
