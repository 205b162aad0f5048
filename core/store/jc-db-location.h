/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-location.h: what a database location (`--db`, $JICAI_DB, the GUI's
 * database) names — a file for SQLite, or the office database on
 * PostgreSQL.  The one place that decides it, so that no caller takes a
 * connection URI for a path (and makes a folder "postgresql:").  It must
 * not open anything; it never puts a password into a message. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JC_DB_LOCATION_PATH,        /* an SQLite database file */
  JC_DB_LOCATION_POSTGRESQL,  /* postgresql://…, postgres://… or service=NAME */
} JcDbLocationKind;

/* What `location` names: PostgreSQL for a value starting “postgresql://”
 * or “postgres://” (in any case) or “service=”, a path for anything
 * else. */
JcDbLocationKind jc_db_location_kind      (const char  *location);

/* `location` as it may be shown and logged: a path as it is; a
 * PostgreSQL location as user@host:port/database or service=NAME, never
 * with its password (the text as given when libpq cannot read it).
 * Returns: (transfer full): the text. */
char            *jc_db_location_display   (const char  *location);

/* TRUE when `location` can be tried: a path, or a PostgreSQL location
 * libpq can read; JC_STORE_ERROR_BAD_LOCATION naming a malformed URI,
 * without touching anything. */
gboolean         jc_db_location_check     (const char  *location,
                                           GError     **error);

G_END_DECLS
