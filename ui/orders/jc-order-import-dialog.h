/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-import-dialog.h: importing filled order forms.  The files are
 * checked on a worker thread (jc_order_import_prepare()) and shown per file
 * and canteen: lines added, changed and removed, the warnings, and the
 * errors with their row and column.  "Import" stores the files without
 * errors (jc_order_import_apply(), a worker thread); after the cutoff it
 * asks for the reason of the late amendment first. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_ORDER_IMPORT_DIALOG (jc_order_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JcOrderImportDialog, jc_order_import_dialog, JC, ORDER_IMPORT_DIALOG,
                      AdwWindow)

JcOrderImportDialog *jc_order_import_dialog_new (GtkWindow          *parent,
                                                 const char         *db_path,
                                                 const char * const *paths);

G_END_DECLS
