/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-tasks.c: the Dashboard page's database work on a GTask
 * thread (see jc-dashboard-tasks.h). */
#include "config.h"

#define G_LOG_DOMAIN "jc-dashboard-tasks"

#include "jc-dashboard-tasks.h"
#include "jc-task.h"

static gpointer
load_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  JcTaskData *td = task_data;   /* date: today, YYYY-MM-DD */

  return jc_dashboard_read (store, td->date, cancellable, error);
}

void
jc_dashboard_task_load (JcStore             *store,
                        const char          *today,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store != NULL);
  g_return_if_fail (today != NULL);

  task = jc_task_new_for_store (NULL, NULL, store, today, jc_dashboard_task_load, cancellable,
                                callback, user_data);
  jc_task_run_pointer (task, load_func, (GDestroyNotify) jc_dashboard_free);
}

JcDashboard *
jc_dashboard_task_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  return jc_task_propagate_pointer (result, jc_dashboard_task_load, error);
}
