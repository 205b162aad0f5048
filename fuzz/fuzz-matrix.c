/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-matrix: a distance matrix CSV (`deliver matrix import FILE`)
 * through jc_delivery_import_matrix() from a file under /tmp, against the
 * demo store. */
#include "fuzz-store.h"
#include "jc-delivery.h"

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
  g_autofree char *path = fuzz_write_file ("matrix.csv", data, size);
  g_autoptr(GError) error = NULL;
  guint pairs = 0;

  jc_delivery_import_matrix (fuzz_store, path, &pairs, &error);
  g_unlink (path);
  return 0;
}
