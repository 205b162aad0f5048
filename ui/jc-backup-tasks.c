/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-backup-tasks.c: see jc-backup-tasks.h. */
#include "config.h"

#define G_LOG_DOMAIN "jc-backup-tasks"

#include "jc-backup-tasks.h"

typedef struct {
  JcTaskData  base;
  char       *path;
  gboolean    replace;
} Backup;

static void
backup_free (Backup *b)
{
  jc_task_data_clear (&b->base);
  g_free (b->path);
  g_free (b);
}

static void
on_step (double   fraction,
         gpointer user_data)
{
  jc_task_progress (user_data, fraction, NULL);
}

static gboolean
backup_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  Backup *b = task_data;

  return jc_store_backup (store, b->path, b->replace, on_step, b, error);
}

void
jc_backup_task_run (JcStore             *store,
                    const char          *path,
                    gboolean             replace,
                    GObject             *target,
                    JcTaskProgressFunc   progress,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Backup *b = g_new0 (Backup, 1);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store != NULL && path != NULL);

  b->path = g_strdup (path);
  b->replace = replace;
  task = jc_task_new_for_store (b, (GDestroyNotify) backup_free, store, NULL, jc_backup_task_run,
                                cancellable, callback, user_data);
  if (target != NULL && progress != NULL)
    jc_task_set_progress (task, target, progress);
  jc_task_run_boolean (task, backup_func);
}

gboolean
jc_backup_task_run_finish (GAsyncResult  *result,
                           GError       **error)
{
  return jc_task_propagate_boolean (result, jc_backup_task_run, error);
}

void
jc_daily_backup_free (JcBackupDaily *daily)
{
  if (daily == NULL)
    return;
  jc_backup_daily_clear (daily);
  g_free (daily);
}

static gpointer
daily_func (JcStore       *store,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JcBackupDaily) daily = g_new0 (JcBackupDaily, 1);

  if (!jc_backup_daily (store, NULL, 0, daily, error))
    return NULL;
  return g_steal_pointer (&daily);
}

void
jc_daily_backup_task_run (JcStore             *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (store != NULL);

  task = jc_task_new_for_store (NULL, NULL, store, NULL, jc_daily_backup_task_run, cancellable,
                                callback, user_data);
  jc_task_run_pointer (task, daily_func, (GDestroyNotify) jc_daily_backup_free);
}

JcBackupDaily *
jc_daily_backup_task_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return jc_task_propagate_pointer (result, jc_daily_backup_task_run, error);
}

static gpointer
restore_func (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  Backup *b = task_data;
  char *aside = NULL;

  if (!jc_store_restore (b->base.db_path, b->path, NULL, NULL, &aside, NULL, error))
    return NULL;
  return aside;
}

void
jc_restore_task_run (const char          *db_path,
                     const char          *path,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Backup *b = g_new0 (Backup, 1);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL && path != NULL);

  b->path = g_strdup (path);
  /* a task without a store of its own: the restore opens the database
   * itself, with the backup checked first */
  task = jc_task_new_for_store (b, (GDestroyNotify) backup_free, NULL, NULL, jc_restore_task_run,
                                cancellable, callback, user_data);
  b->base.db_path = g_strdup (db_path);
  jc_task_run_pointer (task, restore_func, g_free);
}

char *
jc_restore_task_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  return jc_task_propagate_pointer (result, jc_restore_task_run, error);
}
