/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-usda: a USDA MyMarketNews response through jc_feed_parse_usda().
 * Must not touch a store or the network. */
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

  if (jc_feed_parse_usda ((const char *) data, size, batch, &error))
    g_free (jc_feed_batch_dup_rejects_json (batch));
  return 0;
}
