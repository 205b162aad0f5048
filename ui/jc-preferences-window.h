/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-preferences-window.h: the preferences, bound to GSettings. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_PREFERENCES_WINDOW (jc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (JcPreferencesWindow, jc_preferences_window, JC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

JcPreferencesWindow *jc_preferences_window_new (GtkWindow *parent,
                                                JcStore   *store);

G_END_DECLS
