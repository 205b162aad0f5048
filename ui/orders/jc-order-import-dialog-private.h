/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the state and the real widgets of the import dialog. */
#pragma once

#include "jc-order-form.h"
#include "jc-order-import-dialog.h"

G_BEGIN_DECLS

gboolean            _jc_order_import_dialog_is_busy       (JcOrderImportDialog *self);
const JcImportPlan *_jc_order_import_dialog_get_plan      (JcOrderImportDialog *self);
GtkWidget          *_jc_order_import_dialog_get_import_button (JcOrderImportDialog *self);
GtkEditable        *_jc_order_import_dialog_get_reason    (JcOrderImportDialog *self);
GtkWidget          *_jc_order_import_dialog_get_preview   (JcOrderImportDialog *self);

G_END_DECLS
