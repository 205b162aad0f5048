/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-task.h: the plumbing the pages' worker tasks share.
 *
 * A worker task (ui/FEATURE/jc-*-tasks.c) carries its own data struct whose
 * first member is a JcTaskData (the database, the date or month the task is
 * about, and this module's private state).  The task is made on the main
 * thread, where it gets its database connection:
 *
 *  - jc_task_new_for_store() from the store the page holds: the task's own
 *    connection is opened there and then with jc_store_open_same(), so the
 *    page may close its store at any time after (the window does so when the
 *    database changes); WAL lets the worker write beside the page's reader.
 *    A NULL store makes a task without a database.
 *  - jc_task_new() from a database path, for the pages that still keep one:
 *    the worker opens the path itself.
 *
 * Then one call runs it: jc_task_run_pointer() or jc_task_run_boolean()
 * take a JcTaskPointerFunc / JcTaskBooleanFunc, run it on a GTask thread
 * with the worker's connection (checking the cancellable first), close the
 * connection and return its result or GError; jc_task_propagate_pointer()
 * and jc_task_propagate_boolean() are the typed _finish.  A cancelled task
 * finishes with G_IO_ERROR_CANCELLED, unless the caller turned
 * g_task_set_check_cancellable() off (a run that reports what it did).
 * Progress reaches the main thread through jc_task_progress() (to the
 * function and widget given by jc_task_set_progress(), while the widget
 * lives) or jc_task_post(), on the context the task was made in.
 *
 * The task has no source object: it must not own a widget, or the widget
 * could be finalized on the worker thread.  Nothing here touches a widget
 * or calls core beyond opening a store. */
#pragma once

#include <gio/gio.h>

#include "jc-store.h"

G_BEGIN_DECLS

typedef struct {
  char           *db_path;
  char           *date;
  /*< private >*/
  JcStore        *store;        /* the worker's, from jc_store_open_same() */
  GError         *open_error;
  gboolean        has_db;
  gpointer        func;
  GDestroyNotify  result_free;
  GMainContext   *context;
  GTask          *task;         /* not a reference: the task owns this */
  GWeakRef        target;
  gpointer        progress;
} JcTaskData;

/* Takes `task_data` (a struct starting with a JcTaskData, zero-filled) and
 * sets its db_path and date to copies of `db_path` and `date` (either may be
 * NULL).  `task_data_free` must call jc_task_data_clear().  A NULL
 * `task_data` (and `task_data_free`): a plain JcTaskData, freed here.
 * Returns: (transfer full): the task, with `source_tag` set. */
GTask    *jc_task_new                (gpointer             task_data,
                                      GDestroyNotify       task_data_free,
                                      const char          *db_path,
                                      const char          *date,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* jc_task_new() for the pages that hold the store they work on (nullable:
 * a task without a database): the worker's own connection to the same
 * database is opened now with jc_store_open_same() (a JcStore is one
 * connection for one thread at a time).  A store whose file is gone gives
 * the task G_IO_ERROR_NOT_FOUND rather than a new empty database. */
GTask    *jc_task_new_for_store      (gpointer             task_data,
                                      GDestroyNotify       task_data_free,
                                      JcStore             *store,
                                      const char          *date,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Frees the path, date and an unused connection, not `data` itself. */
void      jc_task_data_clear         (JcTaskData          *data);

/* On the worker thread: the task's own JcStore.  Returns NULL when the
 * task is cancelled (and checks its cancellable) or the store cannot be
 * opened; the task has then been given its error and the thread must just
 * return.
 * Returns: (transfer full) (nullable): the store. */
JcStore  *jc_task_open_store         (GTask               *task);

/* The work of a task, on the worker thread: `store` is the task's own
 * connection (NULL for a task without a database), `task_data` the task's
 * data.  NULL / FALSE with `error` set on failure. */
typedef gpointer (*JcTaskPointerFunc) (JcStore       *store,
                                       gpointer       task_data,
                                       GCancellable  *cancellable,
                                       GError       **error);
typedef gboolean (*JcTaskBooleanFunc) (JcStore       *store,
                                       gpointer       task_data,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Runs `func` on a worker thread; the task returns its result, freed with
 * `result_free` if nobody takes it, or its error. */
void      jc_task_run_pointer        (GTask               *task,
                                      JcTaskPointerFunc    func,
                                      GDestroyNotify       result_free);
void      jc_task_run_boolean        (GTask               *task,
                                      JcTaskBooleanFunc    func);

/* From the worker: calls `func` (`data`) on the main context the task of
 * `task_data` (its JcTaskData) was made in, then frees `data` with
 * `data_free` there. */
void      jc_task_post               (gpointer             task_data,
                                      GSourceFunc          func,
                                      gpointer             data,
                                      GDestroyNotify       data_free);

/* Shows the progress of the task whose data is `task_data` on `target`,
 * on the main thread; `text` may be NULL. */
typedef void (*JcTaskProgressFunc) (GObject    *target,
                                    gpointer    task_data,
                                    double      fraction,
                                    const char *text);

/* Before running the task: jc_task_progress() calls `func` with `target`
 * (a weak reference: nothing is shown once it is gone). */
void      jc_task_set_progress       (GTask               *task,
                                      GObject             *target,
                                      JcTaskProgressFunc   func);
/* From the worker: posts `fraction` and `text` (taken, nullable) to the
 * progress function; the task and its data stay alive until it has run,
 * and the last reference to the target is dropped on the main thread. */
void      jc_task_progress           (gpointer             task_data,
                                      double               fraction,
                                      char                *text);

/* The _finish of a task made with jc_task_new() and `source_tag`. */
gpointer  jc_task_propagate_pointer  (GAsyncResult        *result,
                                      gpointer             source_tag,
                                      GError             **error);
gboolean  jc_task_propagate_boolean  (GAsyncResult        *result,
                                      gpointer             source_tag,
                                      GError             **error);

/* ---- for the pages that start these tasks ------------------------------- */

/* Replaces *`field` with a copy of `db_path`.
 * Returns: FALSE when it was already that path (nothing changed). */
gboolean  jc_task_set_db_path        (char               **field,
                                      const char          *db_path);
/* Cancels the work under way on *`cancellable` and puts a fresh
 * cancellable in its place. */
void      jc_task_restart_cancellable (GCancellable      **cancellable);

typedef gboolean (*JcTaskDateCheck) (const char *value,
                                     int         shift,
                                     char       *out);

/* Checks `value` with `check` (a date or month shift function, called with
 * shift 0) and stores the normalised form in `field` (`size` bytes).  A bad
 * value is a programmer error: it logs a critical naming `func` and saying
 * "is not `what`".  Inline so that the critical carries the page's
 * G_LOG_DOMAIN.
 * Returns: TRUE when `field` changed. */
static inline gboolean
jc_task_set_date (char            *field,
                  gsize            size,
                  const char      *value,
                  JcTaskDateCheck  check,
                  const char      *func,
                  const char      *what)
{
  char normal[16] = "";

  g_return_val_if_fail (size <= sizeof normal, FALSE);

  if (!check (value, 0, normal))
    {
      g_critical ("%s: “%s” is not %s", func, value, what);
      return FALSE;
    }
  if (g_str_equal (field, normal))
    return FALSE;
  g_strlcpy (field, normal, size);
  return TRUE;
}

G_END_DECLS
