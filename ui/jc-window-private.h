/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: what the window shows. */
#pragma once

#include "jc-window.h"

G_BEGIN_DECLS

const char * const *_jc_window_list_sections (void);
GtkWidget          *_jc_window_get_page      (JcWindow   *self,
                                              const char *section);
const char         *_jc_window_get_screen    (JcWindow   *self);
AdwStatusPage      *_jc_window_get_error_page (JcWindow  *self);
/* Back Up the Database as if `path` had been chosen (not existing before). */
void                _jc_window_backup_to     (JcWindow   *self,
                                              const char *path);
gboolean            _jc_window_is_backing_up (JcWindow   *self);
/* Restore the Database from `path` as if chosen and confirmed. */
void                _jc_window_restore_from  (JcWindow   *self,
                                              const char *path);
/* The daily backup after the window mapped has ended (or had nothing to
 * do); the message it failed with, else NULL. */
gboolean            _jc_window_daily_backup_finished  (JcWindow *self);
const char         *_jc_window_get_daily_backup_error (JcWindow *self);
/* Daily backups of any window still running (the tests wait for none). */
guint               _jc_window_count_daily_backups_running (void);

G_END_DECLS
