/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-output.c: checked, atomic writing of exported files (see the header).
 * It must never open a database file: closing any descriptor of it would
 * drop this process's locks on it.  It only stat()s them. */
#include "config.h"

#define G_LOG_DOMAIN "jc-output"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jc-output.h"

G_DEFINE_QUARK (jc-output-error-quark, jc_output_error)

struct _JcOutput {
  char          *path;
  char          *temp;
  int            fd;
  JcOutputFlags  flags;
  gboolean       committed;
};

/* ---- the open databases ----------------------------------------------- */

static GMutex protected_lock;
static GHashTable *protected_paths;  /* resolved path → count (GUINT_TO_POINTER) */

static const char *const db_suffixes[] = { "", "-wal", "-shm", "-journal" };

/* `path` with its folder's symbolic links resolved (the file itself may
 * not exist yet), absolute. */
static char *
resolve_path (const char *path)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (abs);
  g_autofree char *base = g_path_get_basename (abs);
  g_autofree char *real_dir = realpath (dir, NULL);

  if (real_dir == NULL)
    return g_steal_pointer (&abs);
  return g_build_filename (real_dir, base, NULL);
}

void
_jc_output_protect (const char *db_path)
{
  g_autofree char *key = resolve_path (db_path);
  guint n;

  g_mutex_lock (&protected_lock);
  if (protected_paths == NULL)
    protected_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (protected_paths, key));
  g_hash_table_insert (protected_paths, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
  g_mutex_unlock (&protected_lock);
}

void
_jc_output_unprotect (const char *db_path)
{
  g_autofree char *key = resolve_path (db_path);
  guint n;

  g_mutex_lock (&protected_lock);
  n = protected_paths ? GPOINTER_TO_UINT (g_hash_table_lookup (protected_paths, key)) : 0;
  if (n > 1)
    g_hash_table_insert (protected_paths, g_strdup (key), GUINT_TO_POINTER (n - 1));
  else if (n == 1)
    g_hash_table_remove (protected_paths, key);
  g_mutex_unlock (&protected_lock);
}

/* TRUE when `path` is one of the files of an open database: the same
 * file (device and inode) where both exist, else the same resolved path. */
static gboolean
is_database_file (const char *path,
                  char      **db_out)
{
  g_autofree char *resolved = resolve_path (path);
  GStatBuf target;
  gboolean target_exists = g_stat (path, &target) == 0;
  gboolean found = FALSE;
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&protected_lock);
  if (protected_paths != NULL)
    {
      g_hash_table_iter_init (&iter, protected_paths);
      while (!found && g_hash_table_iter_next (&iter, &key, NULL))
        for (guint i = 0; !found && i < G_N_ELEMENTS (db_suffixes); i++)
          {
            g_autofree char *file = g_strconcat (key, db_suffixes[i], NULL);
            GStatBuf st;

            if (target_exists && g_stat (file, &st) == 0)
              found = st.st_dev == target.st_dev && st.st_ino == target.st_ino;
            else
              found = g_strcmp0 (file, resolved) == 0;
            if (found && db_out != NULL)
              *db_out = g_strdup (key);
          }
    }
  g_mutex_unlock (&protected_lock);
  return found;
}

/* ---- checking the target --------------------------------------------- */

gboolean
jc_output_check (const char     *path,
                 JcOutputFlags   flags,
                 GError        **error)
{
  g_autofree char *db = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error_literal (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FAILED,
                           _("No file name was given to write to"));
      return FALSE;
    }
  if (is_database_file (path, &db))
    {
      g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE,
                   _("“%s” is the open database “%s” or one of its files; it was not "
                     "replaced. Choose another file name"), path, db);
      return FALSE;
    }
  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FOLDER,
                   _("“%s” is a folder; give a file name"), path);
      return FALSE;
    }
  if (!(flags & JC_OUTPUT_REPLACE) && g_lstat (path, &st) == 0)
    {
      g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS,
                   _("“%s” exists"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_output_check_input (const char  *path,
                       GError     **error)
{
  g_autofree char *db = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!is_database_file (path, &db))
    return TRUE;
  g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE,
               _("“%s” is the open database “%s” or one of its files, not a file to import; "
                 "it was not read. Choose the file to import"), path, db);
  return FALSE;
}

/* ---- writing ----------------------------------------------------------- */

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FAILED, _("Could not write “%s”: %s"),
               path, g_strerror (saved));
  return FALSE;
}

JcOutput *
jc_output_begin (const char     *path,
                 JcOutputFlags   flags,
                 GError        **error)
{
  g_autoptr(JcOutput) out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (!jc_output_check (path, flags, error))
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strdup_printf (".%s.XXXXXX", base);

  out = g_new0 (JcOutput, 1);
  out->fd = -1;
  out->flags = flags;
  out->path = g_strdup (path);
  out->temp = g_build_filename (dir, name, NULL);
  out->fd = g_mkstemp_full (out->temp, O_RDWR | O_CLOEXEC, 0666);
  if (out->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&out->temp, g_free);
      set_errno_error (error, saved, path);
      return NULL;
    }
  return g_steal_pointer (&out);
}

const char *
jc_output_get_temp_path (JcOutput *output)
{
  g_return_val_if_fail (output != NULL, NULL);
  return output->temp;
}

const char *
jc_output_get_path (JcOutput *output)
{
  g_return_val_if_fail (output != NULL, NULL);
  return output->path;
}

gboolean
jc_output_write (JcOutput    *output,
                 const void  *data,
                 gsize        len,
                 GError     **error)
{
  const char *p = data;

  g_return_val_if_fail (output != NULL && output->fd >= 0, FALSE);

  while (len > 0)
    {
      ssize_t n = write (output->fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, output->path);
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Makes the rename itself durable. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

gboolean
jc_output_commit (JcOutput  *output,
                  GError   **error)
{
  int fd;

  g_return_val_if_fail (output != NULL && output->temp != NULL && !output->committed, FALSE);

  /* The writers (cairo, libxlsxwriter) may have replaced the file behind
   * our descriptor: sync the file that carries the name. */
  if (output->fd >= 0)
    close (output->fd);
  output->fd = -1;
  fd = g_open (output->temp, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      return set_errno_error (error, saved, output->path);
    }
  close (fd);

  /* Checked again: the database may have been opened meanwhile, or the
   * file created. */
  if (!jc_output_check (output->path, output->flags, error))
    return FALSE;
  if (output->flags & JC_OUTPUT_REPLACE)
    {
      if (g_rename (output->temp, output->path) != 0)
        return set_errno_error (error, errno, output->path);
    }
  else
    {
      /* link() fails when the name exists: no window to lose a file that
       * appeared after the check. */
      if (link (output->temp, output->path) != 0)
        {
          int saved = errno;

          if (saved == EEXIST)
            {
              g_set_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS, _("“%s” exists"),
                           output->path);
              return FALSE;
            }
          /* file systems without hard links */
          if (g_rename (output->temp, output->path) != 0)
            return set_errno_error (error, errno, output->path);
        }
      else
        g_unlink (output->temp);
    }
  output->committed = TRUE;
  sync_folder (output->path);
  return TRUE;
}

void
jc_output_free (JcOutput *output)
{
  if (output == NULL)
    return;
  if (output->fd >= 0)
    close (output->fd);
  if (!output->committed && output->temp != NULL)
    g_unlink (output->temp);
  g_free (output->temp);
  g_free (output->path);
  g_free (output);
}

gboolean
jc_output_save (const char     *path,
                JcOutputFlags   flags,
                const void     *data,
                gsize           len,
                GError        **error)
{
  g_autoptr(JcOutput) out = jc_output_begin (path, flags, error);

  return out != NULL && jc_output_write (out, data, len, error) && jc_output_commit (out, error);
}
