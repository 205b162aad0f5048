/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-schema.h: the numbered migrations of the schema, for
 * jc-store.c, which runs them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       _jc_store_schema_n_migrations (void);
const char *_jc_store_schema_migration    (guint version);

G_END_DECLS
