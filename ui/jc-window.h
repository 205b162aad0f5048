/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-window.h: the main window — a sidebar of sections beside their pages,
 * and before that the welcome, loading and error screens of the database. */
#pragma once

#include <adwaita.h>

#include "jc-application.h"

G_BEGIN_DECLS

#define JC_TYPE_WINDOW (jc_window_get_type ())
G_DECLARE_FINAL_TYPE (JcWindow, jc_window, JC, WINDOW, AdwApplicationWindow)

JcWindow   *jc_window_new          (JcApplication *app);
void        jc_window_show_section (JcWindow      *self,
                                    const char    *section);
const char *jc_window_get_section  (JcWindow      *self);

G_END_DECLS
