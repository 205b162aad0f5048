/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Internal API of the store, for the store's own files and the tests. */
#pragma once

#include <sqlite3.h>

#include "jc-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Opens (creating if needed) and migrates only up to `version`: lets the
 * tests make a database as an older jicai left it. */
JcStore      *_jc_store_open_at_version (const char  *path,
                                         int          version,
                                         GError     **error);
sqlite3      *_jc_store_get_db          (JcStore     *store);
sqlite3_stmt *_jc_store_prepare         (JcStore     *store,
                                         const char  *sql,
                                         GError     **error);
gboolean      _jc_store_set_error       (JcStore     *store,
                                         int          rc,
                                         const char  *what,
                                         GError     **error);

G_END_DECLS
