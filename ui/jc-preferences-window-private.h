/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows. */
#pragma once

#include "jc-preferences-window.h"

G_BEGIN_DECLS

GtkEditable *_jc_preferences_window_get_cutoff_row     (JcPreferencesWindow *self);
GtkLabel    *_jc_preferences_window_get_cutoff_caption (JcPreferencesWindow *self);
guint        _jc_preferences_window_get_n_writes       (JcPreferencesWindow *self);

G_END_DECLS
