/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-vehicle-editor.h"

G_BEGIN_DECLS

static inline GtkWidget *
_jc_vehicle_editor_get_row (JcVehicleEditor *self,
                            JcField          field)
{
  return _jc_master_editor_get_row (JC_MASTER_EDITOR (self), field);
}

static inline GtkLabel *
_jc_vehicle_editor_get_caption (JcVehicleEditor *self,
                                JcField          field)
{
  return _jc_master_editor_get_caption (JC_MASTER_EDITOR (self), field);
}

static inline GtkWidget *
_jc_vehicle_editor_get_save_button (JcVehicleEditor *self)
{
  return _jc_master_editor_get_save_button (JC_MASTER_EDITOR (self));
}

G_END_DECLS
