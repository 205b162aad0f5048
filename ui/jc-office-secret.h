/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-office-secret.h: the office database's password of this desk, kept by
 * libsecret (the desktop's keyring; its file backend in the tests) under
 * the schema "org.jicai.OfficeDatabase" with the attributes host, port,
 * database and user.  Never in a file of ours, a setting, a log or a
 * location string.  The CLI never asks libsecret: it relies on libpq's own
 * ~/.pgpass or service file.
 *
 * The calls block (the keyring may be a D-Bus service): call them on a
 * worker thread, or the _async lookup from the main thread. */
#pragma once

#include <gio/gio.h>

#include "jc-db-uri.h"

G_BEGIN_DECLS

/* Keeps `password` for the connection of `fields` (replacing the one kept).
 * Returns: TRUE, or FALSE with `error` set. */
gboolean  jc_office_secret_store         (const JcDbPgFields  *fields,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* The password kept for `fields`, NULL with no `error` when none is.
 * Returns: (transfer full) (nullable): the password. */
char     *jc_office_secret_lookup        (const JcDbPgFields  *fields,
                                          GCancellable        *cancellable,
                                          GError             **error);
void      jc_office_secret_lookup_async  (const JcDbPgFields  *fields,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *jc_office_secret_lookup_finish (GAsyncResult        *result,
                                          GError             **error);

/* Forgets the password kept for `fields`; TRUE also when none was kept. */
gboolean  jc_office_secret_clear         (const JcDbPgFields  *fields,
                                          GCancellable        *cancellable,
                                          GError             **error);

G_END_DECLS
