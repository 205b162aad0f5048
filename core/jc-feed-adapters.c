/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-adapters.c: the table of feed adapters — which feeds there are,
 * their names, and the guess of which one some bytes are.  A new feed is
 * a new file with its JcFeedAdapter entry and one line here.  It parses
 * nothing itself and knows no feed's fields. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib.h>
#include <string.h>

#include "jc-feed.h"
#include "jc-feed-private.h"

/* In the order of the guess: the most particular first, the fallback
 * (no sniff) last. */
static const JcFeedAdapter *const adapters[] = {
  &_jc_feed_adapter_xinfadi,
  &_jc_feed_adapter_usda,
  &_jc_feed_adapter_csv,
};

const JcFeedAdapter *
jc_feed_adapter_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    if (g_ascii_strcasecmp (name, adapters[i]->name) == 0 ||
        (adapters[i]->alias != NULL && g_ascii_strcasecmp (name, adapters[i]->alias) == 0))
      return adapters[i];
  return NULL;
}

const JcFeedAdapter *
jc_feed_adapter_get (JcFeedFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    if (adapters[i]->format == format)
      return adapters[i];
  g_return_val_if_reached (&_jc_feed_adapter_csv);
}

const char *
jc_feed_format_to_string (JcFeedFormat format)
{
  return jc_feed_adapter_get (format)->name;
}

gboolean
jc_feed_format_from_string (const char   *text,
                            JcFeedFormat *format)
{
  const JcFeedAdapter *a;

  g_return_val_if_fail (format != NULL, FALSE);

  a = jc_feed_adapter_lookup (text);
  if (a == NULL)
    return FALSE;
  *format = a->format;
  return TRUE;
}

JcFeedFormat
jc_feed_guess_format (const char *data,
                      gsize       len)
{
  g_return_val_if_fail (data != NULL || len == 0, JC_FEED_FORMAT_CSV);

  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    if (adapters[i]->sniff == NULL || adapters[i]->sniff (data, len))
      return adapters[i]->format;
  return JC_FEED_FORMAT_CSV;
}
