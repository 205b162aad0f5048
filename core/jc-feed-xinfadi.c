/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-xinfadi.c: one page of Beijing Xinfadi's getPriceData JSON API.
 * Structure problems refuse the page; problems of one record reject that
 * record and keep the others. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-feed.h"
#include "jc-feed-private.h"

static gboolean
get_int (const cJSON *root,
         const char  *name,
         gboolean     required,
         gint64      *out,
         GError     **error)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (root, name);
  guint64 u;

  *out = 0;
  if (v == NULL && !required)
    return TRUE;
  if (cJSON_IsNumber (v) && isfinite (v->valuedouble) && v->valuedouble >= 0 &&
      v->valuedouble < 9e15 && v->valuedouble == floor (v->valuedouble))
    {
      *out = (gint64) v->valuedouble;
      return TRUE;
    }
  if (cJSON_IsString (v) && g_ascii_string_to_unsigned (v->valuestring, 10, 0, G_MAXINT64, &u, NULL))
    {
      *out = (gint64) u;
      return TRUE;
    }
  g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
               _("In the Xinfadi response, “%s” is %s, not a whole number"), name,
               _jc_json_type_name (v));
  return FALSE;
}

static void
add_record (JcFeedBatch *batch,
            guint        index,
            const cJSON *record)
{
  static const struct {
    const char *member;
    gboolean    required;
  } texts[] = {
    { "prodName", TRUE }, { "prodCat", FALSE }, { "specInfo", FALSE },
    { "place", FALSE }, { "unitInfo", TRUE }, { "pubDate", TRUE },
  };
  const char *value[G_N_ELEMENTS (texts)];
  char low_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char avg_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char high_buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!cJSON_IsObject (record))
    {
      jc_feed_batch_reject (batch, JC_REJECT_MISSING_FIELD, index,
                            _("record %u is %s, not an object"), index, _jc_json_type_name (record));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      JcJsonText s = _jc_json_get_text (record, texts[i].member, &value[i]);

      if (s == JC_JSON_TEXT_WRONG_TYPE)
        {
          jc_feed_batch_reject (batch, JC_REJECT_MISSING_FIELD, index,
                                _("%s is %s, not a string"), texts[i].member,
                                _jc_json_type_name (cJSON_GetObjectItemCaseSensitive (record,
                                                                                  texts[i].member)));
          return;
        }
      if (s == JC_JSON_TEXT_ABSENT && texts[i].required)
        {
          jc_feed_batch_reject (batch, JC_REJECT_MISSING_FIELD, index, _("no %s"),
                                texts[i].member);
          return;
        }
    }
  jc_feed_batch_add_raw (batch, index, value[0], value[1], value[2], value[3], value[4],
                         value[5],
                         _jc_json_price_text (record, "lowPrice", low_buf),
                         _jc_json_price_text (record, "avgPrice", avg_buf),
                         _jc_json_price_text (record, "highPrice", high_buf));
}

gboolean
jc_feed_parse_xinfadi (const char     *data,
                       gsize           len,
                       JcFeedBatch    *batch,
                       JcXinfadiPage  *page_out,
                       GError        **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *note = NULL;
  gsize converted_len = 0;
  g_autoptr(cJSON) root = NULL;
  const cJSON *list, *record;
  JcXinfadiPage page = { 0 };
  guint index = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!jc_feed_decode (data, len, &converted, &converted_len, &note, error))
    return FALSE;
  if (converted != NULL)
    {
      data = converted;
      len = converted_len;
    }
  root = _jc_feed_parse_json (data, len, "Xinfadi", error);
  if (root == NULL)
    return FALSE;
  if (!cJSON_IsObject (root))
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                   _("The Xinfadi response is %s, not an object with “list” and “count”"),
                   _jc_json_type_name (root));
      return FALSE;
    }
  list = cJSON_GetObjectItemCaseSensitive (root, "list");
  if (!cJSON_IsArray (list))
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                   _("The Xinfadi response has no “list” array (it is %s)"),
                   _jc_json_type_name (list));
      return FALSE;
    }
  if (!get_int (root, "count", TRUE, &page.count, error) ||
      !get_int (root, "current", FALSE, &page.current, error) ||
      !get_int (root, "limit", FALSE, &page.limit, error))
    return FALSE;

  cJSON_ArrayForEach (record, list)
    add_record (batch, ++index, record);
  page.n_records = index;
  if (note != NULL)
    jc_feed_batch_add_warning (batch, "%s", note);
  if (page_out != NULL)
    *page_out = page;
  return TRUE;
}

/* ---- the adapter ---- */

/* A JSON object with a "list" member near its start. */
static gboolean
xinfadi_sniff (const char *data,
               gsize       len)
{
  const char *end = data + len;
  const char *p = _jc_feed_skip_blank (data, end);

  return p < end && *p == '{' && g_strstr_len (p, MIN ((gsize) (end - p), 4096), "\"list\"") != NULL;
}

static gboolean
xinfadi_parse (const char          *data,
               gsize                len,
               const JcCsvMapping  *mapping,
               JcFeedBatch         *batch,
               JcXinfadiPage       *page_out,
               GError             **error)
{
  return jc_feed_parse_xinfadi (data, len, batch, page_out, error);
}

const JcFeedAdapter _jc_feed_adapter_xinfadi = {
  .name = "xinfadi",
  .format = JC_FEED_FORMAT_XINFADI,
  .sniff = xinfadi_sniff,
  .parse = xinfadi_parse,
  .paged = TRUE,
};
