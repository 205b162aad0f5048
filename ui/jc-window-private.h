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

G_END_DECLS
