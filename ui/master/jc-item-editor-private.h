/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-item-editor.h"

G_BEGIN_DECLS

static inline GtkWidget *
_jc_item_editor_get_row (JcItemEditor *self,
                         JcField       field)
{
  return _jc_master_editor_get_row (JC_MASTER_EDITOR (self), field);
}

static inline GtkLabel *
_jc_item_editor_get_caption (JcItemEditor *self,
                             JcField       field)
{
  return _jc_master_editor_get_caption (JC_MASTER_EDITOR (self), field);
}

static inline GtkWidget *
_jc_item_editor_get_save_button (JcItemEditor *self)
{
  return _jc_master_editor_get_save_button (JC_MASTER_EDITOR (self));
}

GtkWidget *_jc_item_editor_get_pinyin_row  (JcItemEditor *self);

G_END_DECLS
