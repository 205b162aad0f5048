/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h: what the libFuzzer targets share — a private directory
 * under /tmp for the targets that read files, and quiet logging.  Header
 * only (static inline), as tests/jc-test-util.h.  A target must never
 * write outside /tmp, keep state between runs that changes what a run
 * does (but for the store of the store-backed targets), or leak. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *fuzz_dir;

static void
fuzz_silent_log (const gchar    *domain,
                 GLogLevelFlags  level,
                 const gchar    *message,
                 gpointer        user_data)
{
  /* g_warning() of a bad input is expected; a critical is a bug. */
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    {
      g_printerr ("fuzz: %s: %s\n", domain ? domain : "", message);
      abort ();
    }
}

static void
fuzz_remove_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fuzz_dir == NULL)
    return;
  dir = g_dir_open (fuzz_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* A fresh directory under /tmp for this process, removed at exit. */
static inline void
fuzz_init (void)
{
  g_log_set_default_handler (fuzz_silent_log, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (fuzz_dir == NULL)
    {
      fuzz_dir = g_strdup ("/tmp/jicai-fuzz-XXXXXX");
      if (g_mkdtemp (fuzz_dir) == NULL)
        abort ();
      atexit (fuzz_remove_dir);
    }
}

/* Writes the input to `name` in the private directory; returns the path. */
static inline char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  char *path = g_build_filename (fuzz_dir, name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();
  return path;
}

/* The input as a NUL-terminated string (inputs may hold NULs: the text
 * then ends at the first). */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}
