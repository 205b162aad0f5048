/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-store.h: the store of the targets whose readers check rows against
 * the master data (purchases, the distance matrix): a copy of the demo
 * database in the private directory under /tmp for each process.  Imports that
 * succeed add to it; each import is still all or nothing. */
#pragma once

#include "fuzz-common.h"
#include "jc-demo.h"
#include "jc-store.h"

#include <unistd.h>

static JcStore *fuzz_store;

static void
fuzz_store_close (void)
{
  g_clear_pointer (&fuzz_store, jc_store_free);
}

/* The demo takes a while to load under the sanitizers, and libFuzzer's
 * -jobs starts the target twice: it is loaded once into a template under
 * /tmp (kept for later runs) and copied for each process. */
static inline gboolean
fuzz_store_make_template (const char  *template_path,
                          GError     **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.%d", template_path, (int) getpid ());
  JcStore *store = jc_store_open (tmp, error);
  GDate today;
  gboolean ok;

  if (store == NULL)
    return FALSE;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2026);
  ok = jc_demo_load (store, &today, NULL, NULL, NULL, NULL, error);
  jc_store_free (store);
  return ok && g_rename (tmp, template_path) == 0;
}

static inline void
fuzz_store_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_path = g_strdup_printf ("/tmp/jicai-fuzz-demo-%d.db", (int) getuid ());
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  fuzz_init ();
  path = g_build_filename (fuzz_dir, "fuzz.db", NULL);
  if (!g_file_test (template_path, G_FILE_TEST_EXISTS)
      && !fuzz_store_make_template (template_path, &error))
    {
      g_printerr ("fuzz: no demo store: %s\n", error ? error->message : "?");
      abort ();
    }
  if (!g_file_get_contents (template_path, &contents, &len, &error)
      || !g_file_set_contents (path, contents, (gssize) len, &error)
      || (fuzz_store = jc_store_open (path, &error)) == NULL)
    {
      g_printerr ("fuzz: no demo store: %s\n", error->message);
      abort ();
    }
  /* registered after fuzz_init()'s: runs first, before the files go */
  atexit (fuzz_store_close);
}
