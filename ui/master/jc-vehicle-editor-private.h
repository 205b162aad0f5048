/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real rows of the editor. */
#pragma once

#include "jc-vehicle-editor.h"

G_BEGIN_DECLS

GtkWidget *_jc_vehicle_editor_get_row         (JcVehicleEditor *self,
                                               JcField          field);
GtkLabel  *_jc_vehicle_editor_get_caption     (JcVehicleEditor *self,
                                               JcField          field);
GtkWidget *_jc_vehicle_editor_get_save_button (JcVehicleEditor *self);

G_END_DECLS
