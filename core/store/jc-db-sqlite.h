/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-sqlite.h: what the store's SQLite-only parts (opening a file and
 * refusing what is not ours, the busy handler, the commit hook, backups)
 * need of the SQLite engine under a JcDb.  For core/store only; nothing
 * here may be used on a PostgreSQL connection. */
#pragma once

#include <sqlite3.h>

#include "jc-db.h"

G_BEGIN_DECLS

/* A connection of the driver layer around `handle`, which it then owns
 * (jc_db_close() closes it).  Nothing of the database is read or
 * changed: the store has opened and checked the file itself. */
JcDb    *_jc_db_sqlite_adopt   (sqlite3 *handle);
/* The SQLite handle under `db`, NULL on another engine. */
sqlite3 *_jc_db_sqlite_handle  (JcDb    *db);
/* The extended result code of the last failed step or exec on `db`
 * (SQLITE_OK when none failed yet). */
int      _jc_db_sqlite_last_rc (JcDb    *db);

G_END_DECLS
