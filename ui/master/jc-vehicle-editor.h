/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicle-editor.h: the window that adds or edits one vehicle.  It
 * validates as the person types and writes to the store only a vehicle that
 * passed; what the store refuses is shown on its row. */
#pragma once

#include <adwaita.h>

#include "jc-master-editor.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_VEHICLE_EDITOR (jc_vehicle_editor_get_type ())
G_DECLARE_FINAL_TYPE (JcVehicleEditor, jc_vehicle_editor, JC, VEHICLE_EDITOR, JcMasterEditor)

JcVehicleEditor *jc_vehicle_editor_new (GtkWindow       *parent,
                                        JcStore         *store,
                                        const JcVehicle *vehicle);

G_END_DECLS
