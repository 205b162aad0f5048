/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-demo-task.c: jc_demo_load() on a worker thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-demo-task"

#include <glib/gstdio.h>

#include "jc-db-location.h"
#include "jc-demo-task.h"

typedef struct {
  char                   *path;
  GDate                   today;
  JcDemoTaskProgressFunc  progress;
  JcDemoSummary           summary;
} DemoData;

typedef struct {
  GTask  *task;
  double  fraction;
  char   *what;
} Progress;

static void
demo_data_free (gpointer data)
{
  DemoData *d = data;

  g_free (d->path);
  g_free (d);
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->task);
  g_free (p->what);
  g_free (p);
}

static gboolean
progress_on_main (gpointer data)
{
  Progress *p = data;
  DemoData *d = g_task_get_task_data (p->task);

  if (d->progress != NULL && !g_task_get_completed (p->task))
    d->progress (g_task_get_source_object (p->task), p->fraction, p->what);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker: hands the news to the caller's thread. */
static void
progress_in_thread (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  GTask *task = user_data;
  Progress *p = g_new0 (Progress, 1);

  p->task = g_object_ref (task);
  p->fraction = fraction;
  p->what = g_strdup (what);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_on_main, p,
                              progress_free);
}

/* A database this task created and could not fill is removed again, so the
 * next start offers the choice again instead of an empty database. */
static void
remove_database (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
run_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DemoData *d = task_data;
  /* the office database is there before jicai's tables are */
  gboolean existed = jc_db_location_kind (d->path) == JC_DB_LOCATION_POSTGRESQL ||
                     g_file_test (d->path, G_FILE_TEST_EXISTS);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (d->path, &error);
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = jc_demo_load (store, &d->today, progress_in_thread, task, cancellable, &d->summary, &error);
  g_clear_pointer (&store, jc_store_free);
  if (!ok)
    {
      if (!existed)
        remove_database (d->path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * jc_demo_task_run_async:
 * @source: the object the callbacks are about (a window); kept alive
 *   until the task is done
 * @path: the database file; created if missing, and removed again if the
 *   demo cannot be loaded into it
 * @today: the last price day of the demo
 * @progress: (nullable): called on the caller's main context
 * Loads the demo world into the database at `path` on a worker thread.
 */
void
jc_demo_task_run_async (GObject                *source,
                        const char             *path,
                        const GDate            *today,
                        JcDemoTaskProgressFunc  progress,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  DemoData *d;

  g_return_if_fail (path != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  d = g_new0 (DemoData, 1);
  d->path = g_strdup (path);
  d->today = *today;
  d->progress = progress;
  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, jc_demo_task_run_async);
  g_task_set_task_data (task, d, demo_data_free);
  /* jc_demo_load() checks the cancellable itself and rolls back. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * jc_demo_task_run_finish:
 * @summary: (out) (optional): what was loaded
 * Returns: TRUE when the demo is in the database; FALSE with `error` set
 * (G_IO_ERROR_CANCELLED when cancelled) and nothing kept.
 */
gboolean
jc_demo_task_run_finish (GAsyncResult   *result,
                         JcDemoSummary  *summary,
                         GError        **error)
{
  GTask *task = G_TASK (result);

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == jc_demo_task_run_async, FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (summary != NULL)
    *summary = ((DemoData *) g_task_get_task_data (task))->summary;
  return TRUE;
}
