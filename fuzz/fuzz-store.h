/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-store.h: the store of the targets whose readers check rows against
 * the master data (purchases, the distance matrix): a demo database made
 * once per process in the private directory under /tmp.  Imports that
 * succeed add to it; each import is still all or nothing. */
#pragma once

#include "fuzz-common.h"
#include "jc-demo.h"
#include "jc-store.h"

static JcStore *fuzz_store;

static void
fuzz_store_close (void)
{
  g_clear_pointer (&fuzz_store, jc_store_free);
}

static inline void
fuzz_store_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GDate today;

  fuzz_init ();
  path = g_build_filename (fuzz_dir, "fuzz.db", NULL);
  fuzz_store = jc_store_open (path, &error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2026);
  if (fuzz_store == NULL
      || !jc_demo_load (fuzz_store, &today, NULL, NULL, NULL, NULL, &error))
    {
      g_printerr ("fuzz: no demo store: %s\n", error ? error->message : "?");
      abort ();
    }
  /* registered after fuzz_init()'s: runs first, before the files go */
  atexit (fuzz_store_close);
}
