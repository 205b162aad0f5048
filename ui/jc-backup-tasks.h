/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-backup-tasks.h: the window's whole-database backup on a GTask thread
 * (jc_store_backup(): SQLite's online backup, consistent while the pages
 * read and write), with its progress; the office's daily backup
 * (jc_backup_daily(), as `jicai-cli backup --daily`); and the restore of
 * one.  No widget is touched here beyond the progress callback the caller
 * gives. */
#pragma once

#include <gio/gio.h>

#include "jc-backup.h"
#include "jc-store.h"
#include "jc-task.h"

G_BEGIN_DECLS

/* Copies the database of `store` to `path` (replacing a file there only
 * when `replace`; never the database or its files).  `progress` is shown on
 * `target` while it lives. */
void      jc_backup_task_run         (JcStore             *store,
                                      const char          *path,
                                      gboolean             replace,
                                      GObject             *target,
                                      JcTaskProgressFunc   progress,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  jc_backup_task_run_finish  (GAsyncResult        *result,
                                      GError             **error);

/* Makes today's daily backup of the database of `store` in the office's
 * backup folder unless it is there already, and removes the oldest beyond
 * the number kept (office settings backup_dir and backup_keep). */
void           jc_daily_backup_task_run        (JcStore             *store,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (transfer full): what was done (free with jc_daily_backup_free()),
 * or NULL with `error` set. */
JcBackupDaily *jc_daily_backup_task_run_finish (GAsyncResult        *result,
                                                GError             **error);
void           jc_daily_backup_free            (JcBackupDaily       *daily);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcBackupDaily, jc_daily_backup_free)

/* Replaces the database at `db_path` by the backup at `path`
 * (jc_store_restore(): checked first, the replaced database kept aside, an
 * older schema upgraded).  The result is the path the replaced database
 * was kept under. */
void      jc_restore_task_run        (const char          *db_path,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns: (transfer full): where the replaced database is kept, or NULL
 * with `error` set. */
char     *jc_restore_task_run_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
