/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-usda.c: USDA AMS MyMarketNews (MARS) terminal-market reports,
 * (what a MARS package weighs is jc-feed-package.c). */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-feed.h"
#include "jc-feed-private.h"
#include "jc-units.h"

static void
add_record (JcFeedBatch *batch,
            guint        index,
            const cJSON *record)
{
  static const struct {
    const char *member;
    gsize       offset;
  } texts[] = {
    { "report_date", G_STRUCT_OFFSET (JcUsdaRow, report_date) },
    { "commodity", G_STRUCT_OFFSET (JcUsdaRow, commodity) },
    { "variety", G_STRUCT_OFFSET (JcUsdaRow, variety) },
    { "package", G_STRUCT_OFFSET (JcUsdaRow, package) },
    { "pack_size", G_STRUCT_OFFSET (JcUsdaRow, package) },
    { "item_size", G_STRUCT_OFFSET (JcUsdaRow, item_size) },
    { "properties", G_STRUCT_OFFSET (JcUsdaRow, properties) },
    { "grade", G_STRUCT_OFFSET (JcUsdaRow, grade) },
    { "origin", G_STRUCT_OFFSET (JcUsdaRow, origin) },
    { "category", G_STRUCT_OFFSET (JcUsdaRow, category) },
  };
  JcUsdaRow row = { 0 };
  const cJSON *organic;
  char bufs[4][G_ASCII_DTOSTR_BUF_SIZE];

  if (!cJSON_IsObject (record))
    {
      jc_feed_batch_reject (batch, JC_REJECT_MISSING_FIELD, index,
                            _("record %u is %s, not an object"), index,
                            _jc_json_type_name (record));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char **slot = &G_STRUCT_MEMBER (const char *, &row, texts[i].offset);
      const char *value;

      if (*slot != NULL)
        continue;  /* "package" before "pack_size" */
      if (_jc_json_get_text (record, texts[i].member, &value) == JC_JSON_TEXT_WRONG_TYPE)
        {
          jc_feed_batch_reject (batch, JC_REJECT_MISSING_FIELD, index,
                                _("%s is %s, not a string"), texts[i].member,
                                _jc_json_type_name (cJSON_GetObjectItemCaseSensitive (
                                  record, texts[i].member)));
          return;
        }
      *slot = value;
    }
  organic = cJSON_GetObjectItemCaseSensitive (record, "organic");
  if (cJSON_IsString (organic))
    row.organic = organic->valuestring;
  else if (cJSON_IsBool (organic))
    row.organic = cJSON_IsTrue (organic) ? "Y" : "N";
  row.low = _jc_json_price_text (record, "low_price", bufs[0]);
  row.high = _jc_json_price_text (record, "high_price", bufs[1]);
  row.mostly_low = _jc_json_price_text (record, "mostly_low_price", bufs[2]);
  row.mostly_high = _jc_json_price_text (record, "mostly_high_price", bufs[3]);
  jc_feed_batch_add_usda (batch, index, &row);
}

static gboolean
is_details_section (const cJSON *section)
{
  const cJSON *name = cJSON_GetObjectItemCaseSensitive (section, "reportSection");
  g_autofree char *lower = NULL;

  if (!cJSON_IsString (name) || name->valuestring == NULL)
    return FALSE;
  lower = g_ascii_strdown (name->valuestring, -1);
  return strstr (lower, "detail") != NULL;
}

gboolean
jc_feed_parse_usda (const char   *data,
                    gsize         len,
                    JcFeedBatch  *batch,
                    GError      **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *note = NULL;
  gsize converted_len = 0;
  g_autoptr(cJSON) root = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  const cJSON *record;
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
  root = _jc_feed_parse_json (data, len, "USDA MARS", error);
  if (root == NULL)
    return FALSE;

  if (cJSON_IsObject (root))
    {
      const cJSON *results = cJSON_GetObjectItemCaseSensitive (root, "results");

      if (!cJSON_IsArray (results))
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                       _("The USDA MARS response has no “results” array (it is %s)"),
                       _jc_json_type_name (results));
          return FALSE;
        }
      g_ptr_array_add (lists, (gpointer) results);
    }
  else if (cJSON_IsArray (root))
    {
      const cJSON *section;
      gboolean any_details = FALSE;

      /* ?allSections=true: [{"reportSection": "Report Header", "results": […]},
       * {"reportSection": "Report Details", "results": […]}] */
      cJSON_ArrayForEach (section, root)
        if (is_details_section (section) &&
            cJSON_IsArray (cJSON_GetObjectItemCaseSensitive (section, "results")))
          any_details = TRUE;
      cJSON_ArrayForEach (section, root)
        {
          const cJSON *results = cJSON_GetObjectItemCaseSensitive (section, "results");

          if (cJSON_IsArray (results) && (!any_details || is_details_section (section)))
            g_ptr_array_add (lists, (gpointer) results);
        }
      if (lists->len == 0)
        {
          g_set_error_literal (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                               _("The USDA MARS response is an array without a section "
                                 "that has “results”"));
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                   _("The USDA MARS response is %s, not an object with “results”"),
                   _jc_json_type_name (root));
      return FALSE;
    }

  for (guint i = 0; i < lists->len; i++)
    cJSON_ArrayForEach (record, (const cJSON *) g_ptr_array_index (lists, i))
      add_record (batch, ++index, record);
  if (note != NULL)
    jc_feed_batch_add_warning (batch, "%s", note);
  return TRUE;
}

/* ---- the adapter ---- */

/* Any other JSON. */
static gboolean
usda_sniff (const char *data,
            gsize       len)
{
  const char *end = data + len;
  const char *p = _jc_feed_skip_blank (data, end);

  return p < end && (*p == '{' || *p == '[');
}

static gboolean
usda_parse (const char          *data,
            gsize                len,
            const JcCsvMapping  *mapping,
            JcFeedBatch         *batch,
            JcXinfadiPage       *page_out,
            GError             **error)
{
  return jc_feed_parse_usda (data, len, batch, error);
}

const JcFeedAdapter _jc_feed_adapter_usda = {
  .name = "usda",
  .alias = "mars",
  .format = JC_FEED_FORMAT_USDA,
  .sniff = usda_sniff,
  .parse = usda_parse,
};
