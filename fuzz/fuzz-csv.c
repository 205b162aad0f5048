/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv: the one CSV reader of core (jc-csv): the bytes decoded as
 * the readers do, then split into records. */
#include "fuzz-common.h"
#include "jc-csv.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  JcCsvEncoding encoding;
  JcCsvStop stop;

  text = jc_csv_decode ((const char *) data, size, "fuzz.csv", &len, &encoding, &error);
  if (text == NULL)
    return 0;
  records = jc_csv_read_records (text, len, "fuzz.csv", &stop, &error);
  return 0;
}
