/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-backup.h: the office's daily backup — which file a day's backup is,
 * whether today's is made, and how many are kept (the rotation).  The copy
 * itself is the store's (jc_store_backup(), consistent while others work).
 * Office settings in the database: "backup_dir" (default: the folder
 * "backups" beside the database) and "backup_keep" (default 14 days). */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_BACKUP_KEEP_DEFAULT 14
#define JC_BACKUP_KEEP_MAX     3660

typedef struct {
  char    *path;      /* today's backup */
  gboolean made;      /* FALSE: it was there already */
  guint    removed;   /* older backups removed beyond the number kept */
} JcBackupDaily;

void       jc_backup_daily_clear (JcBackupDaily *result);

/* The folder and the number kept: the arguments when given (`dir` not
 * NULL, `keep` > 0), else the office settings, else the defaults.
 * FALSE when a setting is out of range (keep 1…3660). */
gboolean   jc_backup_get_policy  (JcStore     *store,
                                  const char  *dir,
                                  int          keep,
                                  char       **out_dir,
                                  int         *out_keep,
                                  GError     **error);

/* The folder without a backup_dir setting: "backups" beside the database.
 * Returns: (transfer full): its path. */
char      *jc_backup_default_dir (JcStore     *store);

/* Makes today's backup DIR/NAME-YYYY-MM-DD.db (NAME: the database file's
 * name without ".db"; today honours $JICAI_TODAY) unless it exists, then
 * removes the oldest backups of that NAME beyond `keep`.  Never removes
 * another file. */
gboolean   jc_backup_daily       (JcStore       *store,
                                  const char    *dir,
                                  int            keep,
                                  JcBackupDaily *out,
                                  GError       **error);

G_END_DECLS
