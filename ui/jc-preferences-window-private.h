/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows. */
#pragma once

#include "jc-preferences-window.h"

G_BEGIN_DECLS

GtkEditable *_jc_preferences_window_get_cutoff_row     (JcPreferencesWindow *self);
GtkLabel    *_jc_preferences_window_get_cutoff_caption (JcPreferencesWindow *self);
guint        _jc_preferences_window_get_n_writes       (JcPreferencesWindow *self);
GtkEditable *_jc_preferences_window_get_calendar_date_row (JcPreferencesWindow *self);
GtkEditable *_jc_preferences_window_get_calendar_name_row (JcPreferencesWindow *self);
AdwComboRow *_jc_preferences_window_get_calendar_kind_row (JcPreferencesWindow *self);
GtkWidget   *_jc_preferences_window_get_calendar_add_button (JcPreferencesWindow *self);
GtkLabel    *_jc_preferences_window_get_calendar_caption (JcPreferencesWindow *self);
GtkListBox  *_jc_preferences_window_get_calendar_list (JcPreferencesWindow *self);
AdwActionRow  *_jc_preferences_window_get_backup_dir_row (JcPreferencesWindow *self);
GtkWidget     *_jc_preferences_window_get_backup_dir_reset_button (JcPreferencesWindow *self);
GtkAdjustment *_jc_preferences_window_get_backup_keep_adjustment (JcPreferencesWindow *self);
GtkLabel      *_jc_preferences_window_get_backup_caption (JcPreferencesWindow *self);
/* As if `path` had been chosen with Choose… */
void           _jc_preferences_window_choose_backup_dir (JcPreferencesWindow *self,
                                                         const char          *path);

G_END_DECLS
