/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-source-editor.h: the window that adds or edits one price source.  It
 * validates as the person types (jc_source_validate) and writes to the
 * store only a source that passed; what the store refuses (a name another
 * source has) is shown on its row.  Stored credentials are never shown:
 * the field starts empty, and empty keeps them unless Clear was pressed. */
#pragma once

#include <adwaita.h>

#include "jc-master-editor.h"
#include "jc-prices.h"

G_BEGIN_DECLS

#define JC_TYPE_SOURCE_EDITOR (jc_source_editor_get_type ())
G_DECLARE_FINAL_TYPE (JcSourceEditor, jc_source_editor, JC, SOURCE_EDITOR, JcMasterEditor)

JcSourceEditor *jc_source_editor_new (GtkWindow      *parent,
                                      JcStore        *store,
                                      const JcSource *source);

G_END_DECLS
