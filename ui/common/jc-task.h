/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-task.h: the plumbing the pages' worker tasks share.
 *
 * A worker task carries its own data struct whose first member is a
 * JcTaskData (the database path and the date or month the task is about);
 * the thread opens its own JcStore on that path with jc_task_open_store().
 * The task has no source object: it must not own a widget, or the widget
 * could be finalized on the worker thread. */
#pragma once

#include <gio/gio.h>

#include "jc-store.h"

G_BEGIN_DECLS

typedef struct {
  char *db_path;
  char *date;
} JcTaskData;

/* Takes `task_data` (a struct starting with a JcTaskData, zero-filled) and
 * sets its db_path and date to copies of `db_path` and `date` (either may be
 * NULL).  `task_data_free` must call jc_task_data_clear().
 * Returns: (transfer full): the task, with `source_tag` set. */
GTask    *jc_task_new                (gpointer             task_data,
                                      GDestroyNotify       task_data_free,
                                      const char          *db_path,
                                      const char          *date,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* jc_task_new() for the pages that hold the store they work on: the
 * worker opens its own connection to the same database (a JcStore is one
 * connection for one thread). */
GTask    *jc_task_new_for_store      (gpointer             task_data,
                                      GDestroyNotify       task_data_free,
                                      JcStore             *store,
                                      const char          *date,
                                      gpointer             source_tag,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Frees the path and date, not `data` itself. */
void      jc_task_data_clear         (JcTaskData          *data);

/* On the worker thread: opens a JcStore on the task's db path.  Returns NULL
 * when the task is cancelled or the store cannot be opened; the task has
 * then been given its error and the thread must just return.
 * Returns: (transfer full) (nullable): the store. */
JcStore  *jc_task_open_store         (GTask               *task);

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
