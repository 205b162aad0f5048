/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-connect-dialog.h: "Connect to Office Database" — host, port,
 * database, user, password, encryption and "Remember Password"; it
 * connects on a worker thread and, once the store is open, hands it to the
 * application.  "Use a File on This Computer" goes back to SQLite. */
#pragma once

#include <adwaita.h>

#include "jc-application.h"

G_BEGIN_DECLS

#define JC_TYPE_CONNECT_DIALOG (jc_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JcConnectDialog, jc_connect_dialog, JC, CONNECT_DIALOG, AdwWindow)

/* A dialog over `parent` that connects `app`, filled in with the office
 * database used last (GSettings "office-location") and its kept password. */
JcConnectDialog *jc_connect_dialog_new (GtkWindow     *parent,
                                        JcApplication *app);

/* How a window names the database `location`: a file's name, or "office
 * database NAME on HOST" — never a password.  `tooltip` (optional) gets the
 * file's whole path or the location as it may be shown.
 * Returns: (transfer full): the text. */
char            *jc_connect_describe_location (const char  *location,
                                               char       **tooltip);

G_END_DECLS
