/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-sqlite.h: the parts of the store that exist only on SQLite — the
 * handle under the store's connection, SQLite result codes turned into the
 * store's errors (storage faults as sentences), for the file checks of
 * jc-store.c, the backups of jc-store-backup.c and the tests of both.  No
 * subject file of the store may include it: their SQL runs on both
 * engines through jc-store-private.h. */
#pragma once

#include <sqlite3.h>

#include "jc-store-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The SQLite handle of `store`; NULL on PostgreSQL. */
sqlite3      *_jc_store_get_db          (JcStore     *store);
/* Sets `error` for SQLite result code `rc`: what failed (`what`) and why,
 * storage faults as sentences; FALSE. */
gboolean      _jc_store_set_error       (JcStore     *store,
                                         int          rc,
                                         const char  *what,
                                         GError     **error);
char         *_jc_store_fault_text      (int          rc,
                                         int          sys_errno,
                                         const char  *path,
                                         int         *out_code);

G_END_DECLS
