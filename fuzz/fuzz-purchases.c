/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-purchases: a purchases CSV (`purchases record FILE`) through
 * jc_purchases_import_csv() from a file under /tmp, against the demo
 * store. */
#include "fuzz-store.h"
#include "jc-purchases.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_store_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_write_file ("purchases.csv", data, size);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  jc_purchases_import_csv (fuzz_store, path, "fuzz", problems, &n, &error);
  g_unlink (path);
  return 0;
}
