/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "jc-application.h"

G_BEGIN_DECLS

#define JC_TYPE_WINDOW (jc_window_get_type ())
G_DECLARE_FINAL_TYPE (JcWindow, jc_window, JC, WINDOW, AdwApplicationWindow)

JcWindow *jc_window_new (JcApplication *app);

G_END_DECLS
