/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-statements-tasks.h: the statements dialog's work on worker threads —
 * the active canteens, and the statements of a month written one file
 * after another.
 *
 * Each call runs on a GTask thread (jc-task) that opens its own JcStore on
 * `db_path`, makes the core calls (jc-plan-doc.h, jc-output.h) and hands
 * back plain values the main thread owns after _finish.  Nothing here
 * touches a widget: the progress of a run reaches the caller through a
 * function called on the caller's main context.  Pass a reference to the
 * dialog as `user_data` and drop it in the callback. */
#pragma once

#include <gio/gio.h>

#include "jc-output.h"

G_BEGIN_DECLS

typedef enum {
  JC_STATEMENTS_PDF,
  JC_STATEMENTS_XLSX,
} JcStatementsFormat;

/* An active canteen on offer. */
typedef struct {
  char *code;
  char *name;
} JcStatementsCanteen;

void       jc_statements_canteen_free          (JcStatementsCanteen *canteen);

/* A cancelled call finishes with G_IO_ERROR_CANCELLED. */
void       jc_statements_task_canteens         (const char          *db_path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (transfer full): the active canteens (JcStatementsCanteen), by
 * code. */
GPtrArray *jc_statements_task_canteens_finish  (GAsyncResult        *result,
                                                GError             **error);

/* One statement to write: the canteen and the file. */
typedef struct {
  char *code;
  char *name;
  char *path;
} JcStatementsTarget;

void       jc_statements_target_free           (JcStatementsTarget  *target);

/* How a run ended: the files written, the statements that list no delivery
 * day, whether it was cancelled (the file being written removed), or the
 * error that stopped it (the files before it stay). */
typedef struct {
  guint     n_written;
  guint     n_empty;
  gboolean  cancelled;
  GError   *error;
} JcStatementsOutcome;

void       jc_statements_outcome_free          (JcStatementsOutcome *outcome);

/* Called on the caller's main context as the run reaches the target at
 * `index`. */
typedef void (*JcStatementsProgressFunc) (guint    index,
                                          gpointer user_data);

/* Writes the statement of `month` ("YYYY-MM") of each of `targets`
 * (JcStatementsTarget; a reference is taken) in `format`, each under a
 * hidden ".partial" name renamed once complete.  `flags`: whether an
 * existing file is replaced.  `step_delay_ms`: a wait after each file
 * before it is kept (the tests' slow disk).  Cancelling stops after the
 * file being written, which is removed; the outcome says so, the task does
 * not fail. */
void       jc_statements_task_export           (const char              *db_path,
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
                                                gpointer                 user_data);
/* Returns: (transfer full): how the run ended; NULL only when the task
 * itself failed. */
JcStatementsOutcome *jc_statements_task_export_finish (GAsyncResult  *result,
                                                       GError       **error);

G_END_DECLS
