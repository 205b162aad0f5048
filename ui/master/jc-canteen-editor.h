/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-canteen-editor.h: the window that adds or edits one canteen.  It
 * validates as the person types and writes to the store only a canteen
 * that passed; what the store refuses is shown on its row. */
#pragma once

#include <adwaita.h>

#include "jc-master-editor.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_CANTEEN_EDITOR (jc_canteen_editor_get_type ())
G_DECLARE_FINAL_TYPE (JcCanteenEditor, jc_canteen_editor, JC, CANTEEN_EDITOR, JcMasterEditor)

JcCanteenEditor *jc_canteen_editor_new (GtkWindow       *parent,
                                        JcStore         *store,
                                        const JcCanteen *canteen);

G_END_DECLS
