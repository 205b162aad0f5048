/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the connect dialog's rows and state. */
#pragma once

#include "jc-connect-dialog.h"

G_BEGIN_DECLS

typedef enum {
  JC_CONNECT_ROW_HOST,
  JC_CONNECT_ROW_PORT,
  JC_CONNECT_ROW_DATABASE,
  JC_CONNECT_ROW_USER,
  JC_CONNECT_ROW_PASSWORD,
} JcConnectRow;

GtkEditable *_jc_connect_dialog_get_row      (JcConnectDialog *self,
                                              JcConnectRow     row);
AdwComboRow *_jc_connect_dialog_get_sslmode  (JcConnectDialog *self);
GtkSwitch   *_jc_connect_dialog_get_remember (JcConnectDialog *self);
/* The message shown under the fields, or NULL when none is. */
const char  *_jc_connect_dialog_get_error    (JcConnectDialog *self);
GtkWidget   *_jc_connect_dialog_get_spinner  (JcConnectDialog *self);
/* A connection attempt is running. */
gboolean     _jc_connect_dialog_is_busy      (JcConnectDialog *self);
/* The password lookup of the dialog's opening has ended. */
gboolean     _jc_connect_dialog_lookup_done  (JcConnectDialog *self);
void         _jc_connect_dialog_connect      (JcConnectDialog *self);
void         _jc_connect_dialog_cancel       (JcConnectDialog *self);
void         _jc_connect_dialog_use_file     (JcConnectDialog *self);

G_END_DECLS
