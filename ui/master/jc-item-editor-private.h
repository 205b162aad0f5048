/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-item-editor.h"

G_BEGIN_DECLS

GtkWidget *_jc_item_editor_get_row         (JcItemEditor *self,
                                            JcField       field);
GtkLabel  *_jc_item_editor_get_caption     (JcItemEditor *self,
                                            JcField       field);
GtkWidget *_jc_item_editor_get_pinyin_row  (JcItemEditor *self);
GtkWidget *_jc_item_editor_get_save_button (JcItemEditor *self);

G_END_DECLS
