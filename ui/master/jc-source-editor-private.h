/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-source-editor.h"

G_BEGIN_DECLS

/* JC_FIELD_NAME, _ADAPTER (an AdwComboRow), _URL, _CREDENTIALS, _PRIORITY,
 * _SCHEDULE */
static inline GtkWidget *
_jc_source_editor_get_row (JcSourceEditor *self,
                           JcField         field)
{
  return _jc_master_editor_get_row (JC_MASTER_EDITOR (self), field);
}

static inline GtkLabel *
_jc_source_editor_get_caption (JcSourceEditor *self,
                               JcField         field)
{
  return _jc_master_editor_get_caption (JC_MASTER_EDITOR (self), field);
}

static inline GtkWidget *
_jc_source_editor_get_save_button (JcSourceEditor *self)
{
  return _jc_master_editor_get_save_button (JC_MASTER_EDITOR (self));
}

GtkWidget *_jc_source_editor_get_params_row   (JcSourceEditor *self);
GtkSwitch *_jc_source_editor_get_enabled_switch (JcSourceEditor *self);
GtkWidget *_jc_source_editor_get_clear_button (JcSourceEditor *self);
GtkLabel  *_jc_source_editor_get_credentials_note (JcSourceEditor *self);

G_END_DECLS
