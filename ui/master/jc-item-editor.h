/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-item-editor.h: the window that adds or edits one catalog item.  It
 * validates as the person types and writes to the store only an item that
 * passed; what the store refuses is shown on its row. */
#pragma once

#include <adwaita.h>

#include "jc-master-editor.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_ITEM_EDITOR (jc_item_editor_get_type ())
G_DECLARE_FINAL_TYPE (JcItemEditor, jc_item_editor, JC, ITEM_EDITOR, JcMasterEditor)

JcItemEditor *jc_item_editor_new (GtkWindow    *parent,
                                  JcStore      *store,
                                  const JcItem *item);

G_END_DECLS
