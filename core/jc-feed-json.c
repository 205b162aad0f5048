/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-json.c: what the JSON feed adapters (Xinfadi, USDA MARS) share —
 * reading a whole JSON document with messages a person can act on (an
 * HTML error page, a truncated body), member type names and price members
 * as text.  No feed's own fields here, and no batch. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <cjson/cJSON.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-feed.h"
#include "jc-feed-private.h"

/* ---- JSON, for the Xinfadi and USDA adapters ---- */

const char *
_jc_json_type_name (const cJSON *v)
{
  if (v == NULL)
    return _("missing");
  if (cJSON_IsNull (v))
    return "null";
  if (cJSON_IsBool (v))
    return _("a boolean");
  if (cJSON_IsNumber (v))
    return _("a number");
  if (cJSON_IsString (v))
    return _("a string");
  if (cJSON_IsArray (v))
    return _("an array");
  if (cJSON_IsObject (v))
    return _("an object");
  return _("invalid");
}

JcJsonText
_jc_json_get_text (const cJSON  *record,
                   const char   *name,
                   const char  **out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (record, name);

  *out = NULL;
  if (v == NULL || cJSON_IsNull (v))
    return JC_JSON_TEXT_ABSENT;
  if (!cJSON_IsString (v) || v->valuestring == NULL)
    return JC_JSON_TEXT_WRONG_TYPE;
  *out = v->valuestring;
  return JC_JSON_TEXT_OK;
}

/* Skips white space and a UTF-8 BOM. */
static const char *
skip_json_blank (const char *p,
                 const char *end)
{
  for (;;)
    {
      if (p < end && g_ascii_isspace (*p))
        p++;
      else if (end - p >= 3 && (guchar) p[0] == 0xEF && (guchar) p[1] == 0xBB &&
               (guchar) p[2] == 0xBF)
        p += 3;
      else
        return p;
    }
}

/* A GError for bytes that are not the JSON we expect, with what they are. */
static gboolean
refuse_non_json (const char  *data,
                 gsize        len,
                 const char  *what,
                 GError     **error)
{
  const char *end = data + len;
  const char *p = skip_json_blank (data, end);

  if (p == end)
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                   _("The %s response is empty"), what);
      return FALSE;
    }
  if (*p == '<')
    {
      const char *t = g_strstr_len (p, MIN (end - p, 65536), "<title>");
      g_autofree char *title = NULL;

      if (t != NULL)
        {
          const char *te = g_strstr_len (t, MIN (end - t, 1024), "</title>");

          if (te != NULL)
            title = g_utf8_make_valid (t + 7, MIN (te - (t + 7), 120));
        }
      if (title != NULL)
        g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                     _("The %s response is an HTML page (“%s”), not JSON"), what,
                     g_strstrip (title));
      else
        g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                     _("The %s response is an HTML page, not JSON"), what);
      return FALSE;
    }
  return TRUE;
}

/* Whether the text ends inside a string or an open [ or {: a body cut off
 * in transit, not a server speaking another language. */
static gboolean
json_is_unfinished (const char *p,
                    const char *end)
{
  gsize depth = 0;
  gboolean in_string = FALSE;

  for (; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && depth > 0)
        depth--;
    }
  return in_string || depth > 0;
}

cJSON *
_jc_feed_parse_json (const char  *data,
            gsize        len,
            const char  *what,
            GError     **error)
{
  const char *end = data + len;
  const char *start = skip_json_blank (data, end);
  const char *stop = NULL;
  cJSON *root;

  if (!refuse_non_json (data, len, what, error))
    return NULL;
  root = cJSON_ParseWithLengthOpts (start, end - start, &stop, FALSE);
  if (root == NULL)
    {
      gsize at = stop != NULL && stop >= data && stop <= end ? (gsize) (stop - data) : len;

      if (json_is_unfinished (start, end))
        g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                     ngettext ("The %s response is not valid JSON: it ends early after %zu byte "
                               "(truncated?)",
                               "The %s response is not valid JSON: it ends early after %zu bytes "
                               "(truncated?)", (unsigned long) MIN (len, G_MAXULONG)),
                     what, len);
      else
        g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                     _("The %s response is not valid JSON (error at byte %zu of %zu)"),
                     what, at, len);
      return NULL;
    }
  if (skip_json_blank (stop, end) != end)
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                   _("The %s response has data after the JSON document (byte %zu of %zu)"),
                   what, (gsize) (stop - data), len);
      cJSON_Delete (root);
      return NULL;
    }
  return root;
}

/* A price member as text: strings as they are, numbers with 15 significant
 * digits (exact for any decimal price of up to 15 digits), null and other
 * types as a word that the cleaning rules refuse as BAD_NUMBER.  NULL when
 * the member is absent. */
const char *
_jc_json_price_text (const cJSON *record,
            const char  *name,
            char         buf[G_ASCII_DTOSTR_BUF_SIZE])
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (record, name);

  if (v == NULL)
    return NULL;
  if (cJSON_IsString (v) && v->valuestring != NULL)
    return v->valuestring;
  if (cJSON_IsNumber (v))
    {
      if (!isfinite (v->valuedouble))
        return "NaN";
      /* cJSON keeps no text of a number (valuestring is NULL), only the
       * double.  %.17g writes that double in full, and parse_price()
       * takes it back, through jc_decimal_text_from_double_text(), to the
       * shortest decimal of at most 15 significant digits that gives the
       * same double: for a JSON number of at most 15 significant digits
       * (every price a market publishes) that is exactly the text the
       * market sent, so 1.00045 is read as 1.00045 and converted exactly
       * from there.  A longer number is taken as %.17g wrote it and
       * refused for its many decimals, never rounded twice. */
      g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.17g", v->valuedouble);
      return buf;  /* parse_price() takes it back to the shortest decimal */
    }
  if (cJSON_IsNull (v))
    return "null";
  if (cJSON_IsBool (v))
    return cJSON_IsTrue (v) ? "true" : "false";
  return cJSON_IsArray (v) ? "[…]" : "{…}";
}
