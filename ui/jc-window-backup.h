/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-window-backup.h: what the main window's two files share
 * (jc-window.c and jc-window-backup.c, as Text Editor splits its window's
 * actions out).  jc-window-backup.c holds Back Up the Database…, Restore
 * the Database… and the daily backup the window makes once it is on
 * screen; its state lives in a JcWindowBackup the window owns.  The work
 * itself runs in jc-backup-tasks.c on workers; nothing here blocks the main
 * thread.  Nothing outside these two files includes this. */
#pragma once

#include "jc-window.h"

G_BEGIN_DECLS

typedef struct _JcWindowBackup JcWindowBackup;

/* ---- jc-window-backup.c ------------------------------------------------- */

/* Installs win.backup, win.restore and win.daily-backup-details. */
void            _jc_window_backup_class_init (GtkWidgetClass *widget_class);
/* The state of `window`'s backups; the daily backup starts after the
 * window first maps, when it has a database. */
JcWindowBackup *_jc_window_backup_new        (JcWindow       *window);
/* At the window's dispose: results arriving later are dropped. */
void            _jc_window_backup_free       (JcWindowBackup *backup);
/* A backup or restore the user asked for is under way (the actions wait). */
gboolean        _jc_window_backup_is_busy    (JcWindowBackup *backup);

/* ---- jc-window.c ---------------------------------------------------------- */

/* NULL once the window is disposed. */
JcWindowBackup *_jc_window_get_backup        (JcWindow       *self);
/* Shows `toast` (taken) over the window's content; or `message`, plain text. */
void            _jc_window_add_toast         (JcWindow       *self,
                                              AdwToast       *toast);
void            _jc_window_toast             (JcWindow       *self,
                                              const char     *message);
/* Enables the window's actions for what it shows and does now. */
void            _jc_window_update_actions    (JcWindow       *self);

G_END_DECLS
