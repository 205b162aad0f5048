/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-input.c: see jc-input.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jc-input.h"
#include "jc-output.h"

G_DEFINE_QUARK (jc-input-error-quark, jc_input_error)

char *
jc_input_format_size (guint64 bytes)
{
  g_autofree char *s = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_auto(GStrv) parts = g_strsplit (s, "\xC2\xA0", -1);

  return g_strjoinv (" ", parts);
}

/* A folder, pipe, device or socket, named for a person; NULL for a file. */
static const char *
kind_of (const struct stat *st)
{
  if (S_ISDIR (st->st_mode))
    return _("a folder");
  if (S_ISFIFO (st->st_mode))
    return _("a pipe");
  if (S_ISCHR (st->st_mode) || S_ISBLK (st->st_mode))
    return _("a device");
  if (S_ISSOCK (st->st_mode))
    return _("a socket");
  if (!S_ISREG (st->st_mode))
    return _("neither a file nor a folder");
  return NULL;
}

static gboolean
refuse_kind (const char         *path,
             const struct stat  *st,
             const char         *what,
             GError            **error)
{
  const char *kind = kind_of (st);

  if (kind == NULL)
    return TRUE;
  /* TRANSLATORS: "/tmp/x is a folder, not an order file; choose the file itself" */
  g_set_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_NOT_FILE,
               _("%s is %s, not %s; choose the file itself"), path, kind, what);
  return FALSE;
}

static GBytes *
refuse_errno (const char  *path,
              int          saved,
              GError     **error)
{
  g_set_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_FAILED, _("Could not read %s: %s"), path,
               g_strerror (saved));
  return NULL;
}

static GBytes *
refuse_changed (const char  *path,
                GError     **error)
{
  g_set_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_CHANGED,
               _("%s changed while it was being read; nothing was imported. Wait until it is "
                 "written completely, then try again"), path);
  return NULL;
}

gboolean
jc_input_check_file (const char  *path,
                     const char  *what,
                     GError     **error)
{
  struct stat st;

  g_return_val_if_fail (path != NULL && what != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      refuse_errno (path, errno, error);
      return FALSE;
    }
  return refuse_kind (path, &st, what, error);
}

GBytes *
jc_input_read_file (const char  *path,
                    guint64      max_bytes,
                    const char  *what,
                    GError     **error)
{
  g_autofree char *buf = NULL;
  struct stat st, before, after;
  gsize size, got = 0;
  int fd;

  g_return_val_if_fail (path != NULL && what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!jc_output_check_input (path, error))
    return NULL;
  /* What the name is, before opening it: opening a pipe would wait for a
   * writer, reading a device would never end. */
  if (g_stat (path, &st) != 0)
    return refuse_errno (path, errno, error);
  if (!refuse_kind (path, &st, what, error))
    return NULL;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    return refuse_errno (path, errno, error);
  /* what was opened, which may not be what was looked at */
  if (fstat (fd, &before) != 0)
    {
      int saved = errno;

      close (fd);
      return refuse_errno (path, saved, error);
    }
  if (!refuse_kind (path, &before, what, error))
    {
      close (fd);
      return NULL;
    }
  if ((guint64) before.st_size > max_bytes)
    {
      g_autofree char *have = jc_input_format_size ((guint64) before.st_size);
      g_autofree char *limit = jc_input_format_size (max_bytes);

      close (fd);
      /* TRANSLATORS: "big.csv is too large (50.0 MiB; an order file may be at most 20.0 MiB)" */
      g_set_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_TOO_LARGE,
                   _("%s is too large (%s; %s may be at most %s)"), path, have, what, limit);
      return NULL;
    }
  size = (gsize) before.st_size;
  /* One byte more than the size: a file that grew since is noticed. */
  buf = g_malloc (size + 1);
  while (got < size + 1)
    {
      ssize_t n = read (fd, buf + got, size + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          return refuse_errno (path, saved, error);
        }
      if (n == 0)
        break;
      got += (gsize) n;
    }
  if (fstat (fd, &after) != 0)
    after = before;
  close (fd);
  if (got != size || after.st_size != before.st_size ||
      after.st_mtim.tv_sec != before.st_mtim.tv_sec ||
      after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
    return refuse_changed (path, error);
  return g_bytes_new_take (g_steal_pointer (&buf), got);
}
