/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-uri.h: the office database's location made from the fields a person
 * types (host, port, database, user, TLS mode), and taken apart again to
 * offer them next time.  The URI it makes never holds a password: the GUI
 * gives libpq the password at connect time (jc-db-password.h), the CLI
 * relies on libpq's own ~/.pgpass or service file.
 *
 * It must not connect, read libpq or hold a password; it decides nothing
 * about which engine a location names (jc-db-location.h does). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields of an office database location, as typed (decoded). */
typedef struct {
  char *host;
  char *port;
  char *dbname;
  char *user;
  char *sslmode;
} JcDbPgFields;

void                jc_db_pg_fields_free    (JcDbPgFields *fields);

/* The TLS modes offered (libpq's `sslmode` names): "prefer" (the default:
 * TLS when the server offers it), "require", "verify-full"; NULL-ended. */
const char * const *jc_db_pg_sslmodes       (void);

/* A libpq URI postgresql://USER@HOST:PORT/DBNAME?sslmode=MODE with every
 * byte of the user, host and database name outside RFC 3986's unreserved
 * characters percent-encoded (so `@`, `/`, `:`, `?`, `%` and 中文 survive
 * libpq's reading); an IPv6 address is put in brackets.  Leading and
 * trailing blanks of a field are dropped.  An empty field, a port outside
 * 1–65535, a host with a blank or a comma, a control character or an
 * unknown `sslmode` is refused with JC_VALIDATE_ERROR and the field's
 * JcField code (JC_FIELD_HOST, _PORT, _DATABASE, _USER, _SSLMODE) and a
 * message naming it.  `sslmode` NULL or empty is "prefer".
 * Returns: (transfer full): the location, or NULL with `error` set. */
char               *jc_db_location_build_pg (const char  *host,
                                             const char  *port,
                                             const char  *dbname,
                                             const char  *user,
                                             const char  *sslmode,
                                             GError     **error);

/* The fields of a location jc_db_location_build_pg() made (any
 * postgresql:// or postgres:// URI of that shape), decoded; NULL when
 * `location` is not of that shape (a path, service=NAME, a URI with a
 * password or other parameters).
 * Returns: (transfer full) (nullable): the fields. */
JcDbPgFields       *jc_db_location_split_pg (const char  *location);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDbPgFields, jc_db_pg_fields_free)

G_END_DECLS
