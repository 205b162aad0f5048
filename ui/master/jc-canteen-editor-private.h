/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-canteen-editor.h"

G_BEGIN_DECLS

GtkWidget *_jc_canteen_editor_get_row         (JcCanteenEditor *self,
                                               JcField          field);
GtkLabel  *_jc_canteen_editor_get_caption     (JcCanteenEditor *self,
                                               JcField          field);
GtkWidget *_jc_canteen_editor_get_save_button (JcCanteenEditor *self);

G_END_DECLS
