/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-order-form: an order form file, XLSX or CSV (told by the content,
 * as `orders import` does for a file named .xlsx or .csv), through
 * jc_order_form_read() from a file under /tmp. */
#include "fuzz-common.h"
#include "jc-order-form.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  gboolean zip = size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
  g_autofree char *path = fuzz_write_file (zip ? "form.xlsx" : "form.csv", data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcParsedForm) form = jc_order_form_read (path, &error);

  if (form != NULL)
    g_free (jc_parsed_form_locate (form, 1, 0));
  g_unlink (path);
  return 0;
}
