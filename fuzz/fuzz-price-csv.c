/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-price-csv: a price CSV file through jc_feed_parse_csv(), as
 * `prices import` reads it: the layout guessed from the first line, or,
 * when the input starts with a line "#columns=MAPPING", with that mapping
 * (the --columns option). */
#include "fuzz-common.h"
#include "jc-feed.h"

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
  g_autoptr(JcFeedBatch) batch = jc_feed_batch_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  JcCsvMapping mapping;
  const JcCsvMapping *use = NULL;
  const char *text = (const char *) data;

  if (size > 9 && memcmp (data, "#columns=", 9) == 0)
    {
      const char *nl = memchr (data, '\n', size);
      g_autofree char *spec = NULL;

      if (nl == NULL)
        return 0;
      spec = g_strndup (text + 9, (gsize) (nl - (text + 9)));
      if (!jc_csv_mapping_parse (spec, &mapping, NULL))
        return 0;
      use = &mapping;
      size -= (size_t) (nl + 1 - text);
      text = nl + 1;
    }
  jc_feed_parse_csv (text, size, use, batch, &error);
  return 0;
}
