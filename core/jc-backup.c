/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-backup.c: see jc-backup.h. */
#include "config.h"

#define G_LOG_DOMAIN "jc-backup"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "jc-backup.h"
#include "jc-date.h"
#include "jc-error.h"

void
jc_backup_daily_clear (JcBackupDaily *result)
{
  g_clear_pointer (&result->path, g_free);
}

gboolean
jc_backup_get_policy (JcStore     *store,
                      const char  *dir,
                      int          keep,
                      char       **out_dir,
                      int         *out_keep,
                      GError     **error)
{
  g_autofree char *set_dir = jc_store_get_setting (store, "backup_dir");
  g_autofree char *set_keep = jc_store_get_setting (store, "backup_keep");

  if (keep <= 0 && set_keep != NULL && *set_keep != '\0')
    {
      gint64 v;

      if (!g_ascii_string_to_signed (set_keep, 10, 1, JC_BACKUP_KEEP_MAX, &v, NULL))
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                       _("backup_keep: “%s” is not a number of backups from 1 to %d"), set_keep,
                       JC_BACKUP_KEEP_MAX);
          return FALSE;
        }
      keep = (int) v;
    }
  if (keep <= 0)
    keep = JC_BACKUP_KEEP_DEFAULT;
  if (keep > JC_BACKUP_KEEP_MAX)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("keep: %d is out of range (1 to %d)"), keep, JC_BACKUP_KEEP_MAX);
      return FALSE;
    }
  if (dir != NULL && *dir != '\0')
    *out_dir = g_strdup (dir);
  else if (set_dir != NULL && *set_dir != '\0')
    *out_dir = g_steal_pointer (&set_dir);
  else
    *out_dir = jc_backup_default_dir (store);
  *out_keep = keep;
  return TRUE;
}

char *
jc_backup_default_dir (JcStore *store)
{
  g_autofree char *db = g_canonicalize_filename (jc_store_get_path (store), NULL);
  g_autofree char *parent = g_path_get_dirname (db);

  return g_build_filename (parent, "backups", NULL);
}

/* NAME of "NAME.db" (or the whole base name). */
static char *
stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/* Whether `name` is "STEM-YYYY-MM-DD.db". */
static gboolean
is_daily_backup (const char *name,
                 const char *stem_text)
{
  gsize n = strlen (stem_text);
  char date[JC_DATE_LEN];

  if (strncmp (name, stem_text, n) != 0 || name[n] != '-' || strlen (name + n + 1) != 13 ||
      !g_str_has_suffix (name, ".db"))
    return FALSE;
  memcpy (date, name + n + 1, JC_DATE_LEN - 1);
  date[JC_DATE_LEN - 1] = '\0';
  return jc_date_is_valid (date);
}

static int
cmp_names (gconstpointer a,
           gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

gboolean
jc_backup_daily (JcStore       *store,
                 const char    *dir,
                 int            keep,
                 JcBackupDaily *out,
                 GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDir) d = NULL;
  char today[JC_DATE_LEN];
  const char *entry;
  int n_keep;

  g_return_val_if_fail (store != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (jc_store_is_office (store))
    return jc_store_backup (store, "", FALSE, NULL, NULL, error);  /* says how it is done */
  if (!jc_backup_get_policy (store, dir, keep, &folder, &n_keep, error))
    return FALSE;
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the backup folder %s: %s; choose another in the settings"),
                   folder, g_strerror (saved));
      return FALSE;
    }
  name = stem (jc_store_get_path (store));
  jc_date_today_string (today);
  {
    g_autofree char *file = g_strdup_printf ("%s-%s.db", name, today);

    out->path = g_build_filename (folder, file, NULL);
  }
  if (!g_file_test (out->path, G_FILE_TEST_EXISTS))
    {
      if (!jc_store_backup (store, out->path, FALSE, NULL, NULL, error))
        return FALSE;
      out->made = TRUE;
    }
  /* the rotation: the newest n_keep of this database's daily backups */
  d = g_dir_open (folder, 0, error);
  if (d == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (is_daily_backup (entry, name))
      g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, cmp_names);
  for (guint i = 0; names->len > (guint) n_keep && i < names->len - (guint) n_keep; i++)
    {
      g_autofree char *old = g_build_filename (folder, names->pdata[i], NULL);

      if (g_remove (old) == 0)
        out->removed++;
      else
        g_warning ("Could not remove the old backup %s: %s", old, g_strerror (errno));
    }
  return TRUE;
}
