/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-password.h: how the GUI hands libpq the office database's password
 * without it ever being part of a location: libpq gets it as the
 * "password" connection parameter at open (PQconnectdbParams with
 * expand_dbname), never through the URI text the app keeps, shows or logs.
 *
 * The GUI reads the password from libsecret (ui/jc-office-secret.c) or from
 * its dialog.  The CLI never calls this: it relies on libpq's own ~/.pgpass
 * or service file (PGPASSFILE, PGSERVICEFILE), so no password is ever on
 * its command line.  Nothing here writes, logs or shows a password. */
#pragma once

#include "jc-db.h"

G_BEGIN_DECLS

/* Opens `location` as jc_db_open() does, giving libpq `password` (over any
 * set with jc_db_set_password(); NULL: none of ours) for a PostgreSQL
 * location; an SQLite location ignores it.
 * Returns: (transfer full): the connection, or NULL with `error` set. */
JcDb  *jc_db_open_with_password (const char     *location,
                                 const char     *password,
                                 JcDbOpenFlags   flags,
                                 GError        **error);

/* The password every later jc_db_open() of `location` in this process gives
 * libpq — the store of the main thread and the connections its workers open
 * (jc_store_open_same()) — kept in memory only; NULL forgets it. */
void   jc_db_set_password       (const char     *location,
                                 const char     *password);

/* Whether a password is set for `location` (for the tests). */
gboolean jc_db_has_password     (const char     *location);

/* For jc-db-pg.c: the password to give libpq for `location` — the one of
 * jc_db_open_with_password() running on this thread, else the one set for
 * it, else NULL.
 * Returns: (transfer full) (nullable): the password. */
char  *_jc_db_password_for      (const char     *location);

G_END_DECLS
