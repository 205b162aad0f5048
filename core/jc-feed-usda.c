/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-usda.c: USDA AMS MyMarketNews (MARS) terminal-market reports,
 * and what a MARS package weighs when its text says so. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-feed.h"
#include "jc-feed-private.h"
#include "jc-units.h"

/* ---- packages ---- */

/* grams of one unit = num / den */
static const struct {
  const char *word;
  gint64      num;
  gint64      den;
} mass_words[] = {
  { "lb", 45359237, 100000 },          /* 0.45359237 kg exactly */
  { "lbs", 45359237, 100000 },
  { "pound", 45359237, 100000 },
  { "pounds", 45359237, 100000 },
  { "cwt", 45359237, 1000 },           /* hundredweight, 100 lb */
  { "oz", 45359237, 1600000 },         /* 1/16 lb */
  { "ounce", 45359237, 1600000 },
  { "ounces", 45359237, 1600000 },
  { "kg", 1000, 1 },
  { "kgs", 1000, 1 },
  { "kilo", 1000, 1 },
  { "kilos", 1000, 1 },
  { "kilogram", 1000, 1 },
  { "kilograms", 1000, 1 },
  { "g", 1, 1 },
  { "gram", 1, 1 },
  { "grams", 1, 1 },
};

static gboolean
read_digits (const char **pp,
             gint64      *out)
{
  const char *p = *pp;
  gint64 v = 0;
  int n = 0;

  while (g_ascii_isdigit (*p) && n < 9)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n == 0 || g_ascii_isdigit (*p))
    return FALSE;
  *pp = p;
  *out = v;
  return TRUE;
}

/* "40", "2.5", "4 1/2", "3/4" → num / den.  *integer: it was a plain
 * whole number (a count). */
static gboolean
read_number (const char **pp,
             gint64      *num,
             gint64      *den,
             gboolean    *integer)
{
  const char *p = *pp;
  gint64 a, b, c;

  if (!read_digits (&p, &a))
    return FALSE;
  *num = a;
  *den = 1;
  *integer = TRUE;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (*den >= 1000000)
            return FALSE;
          *num = *num * 10 + (*p - '0');
          *den *= 10;
          p++;
        }
      *integer = FALSE;
    }
  else if (*p == '/' && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_digits (&p, &b) || b == 0)
        return FALSE;
      *den = b;
      *integer = FALSE;
    }
  else if (*p == ' ' && g_ascii_isdigit (p[1]))
    {
      /* "4 1/2": only when a fraction follows, else it is "12 6-oz" */
      const char *q = p + 1;

      if (read_digits (&q, &b) && *q == '/' && g_ascii_isdigit (q[1]))
        {
          q++;
          if (!read_digits (&q, &c) || c == 0)
            return FALSE;
          *num = a * c + b;
          *den = c;
          *integer = FALSE;
          p = q;
        }
    }
  *pp = p;
  return TRUE;
}

/* After a number: " lb", "-lb", "lb", "lb." followed by a non-letter. */
static gboolean
read_mass_word (const char **pp,
                gint64      *num,
                gint64      *den)
{
  const char *p = *pp;
  const char *w;
  gsize n;

  if (*p == ' ' || *p == '-')
    p++;
  w = p;
  while (g_ascii_isalpha (*p))
    p++;
  n = p - w;
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (mass_words); i++)
    if (strlen (mass_words[i].word) == n && strncmp (mass_words[i].word, w, n) == 0)
      {
        if (*p == '.')
          p++;
        *num = mass_words[i].num;
        *den = mass_words[i].den;
        *pp = p;
        return TRUE;
      }
  return FALSE;
}

static gboolean
grams (gint64  count,
       gint64  num,
       gint64  den,
       gint64  unit_num,
       gint64  unit_den,
       gint64 *out)
{
  gint64 g;

  /* count × num/den × unit_num/unit_den, rounded half up once */
  if (!jc_mul_div_round (count * num, unit_num, den * unit_den, &g, NULL) || g <= 0)
    return FALSE;
  *out = g;
  return TRUE;
}

gboolean
jc_usda_package_to_kg_milli (const char *package,
                             gint64     *milli_kg)
{
  g_autofree char *text = NULL;
  const char *p;
  gint64 num, den, unum, uden;
  gboolean integer;

  g_return_val_if_fail (milli_kg != NULL, FALSE);

  *milli_kg = 0;
  if (package == NULL)
    return FALSE;
  text = g_strstrip (g_ascii_strdown (package, -1));
  p = text;
  if (g_str_has_prefix (p, "per "))
    p += 4;

  /* a bare unit: "lb", "cwt" */
  if (read_mass_word (&p, &unum, &uden) && *p == '\0')
    return grams (1, 1, 1, unum, uden, milli_kg);
  p = text;

  /* skip leading words: "sacks 10 5-lb film bags" */
  while (*p != '\0' && !g_ascii_isdigit (*p))
    {
      if (!g_ascii_isalpha (*p) && *p != ' ')
        return FALSE;
      p++;
    }
  if (!read_number (&p, &num, &den, &integer))
    return FALSE;
  /* "40 lb cartons", "5 kg/11 lb flats" (the first mass counts) */
  if (read_mass_word (&p, &unum, &uden))
    return grams (1, num, den, unum, uden, milli_kg);
  /* "10 5-lb film bags", "12 6-oz cups": a count of fixed sub-packs */
  if (integer && *p == ' ' && g_ascii_isdigit (p[1]))
    {
      gint64 count = num;

      p++;
      if (read_number (&p, &num, &den, &integer) && read_mass_word (&p, &unum, &uden))
        return grams (count, num, den, unum, uden, milli_kg);
    }
  return FALSE;
}

/* ---- reports ---- */

typedef enum {
  TEXT_OK,
  TEXT_ABSENT,      /* missing or null */
  TEXT_WRONG_TYPE,
} TextStatus;

static TextStatus
get_text (const cJSON  *record,
          const char   *name,
          const char  **out)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive (record, name);

  *out = NULL;
  if (v == NULL || cJSON_IsNull (v))
    return TEXT_ABSENT;
  if (!cJSON_IsString (v) || v->valuestring == NULL)
    return TEXT_WRONG_TYPE;
  *out = v->valuestring;
  return TEXT_OK;
}

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
      const char **slot = (const char **) ((char *) &row + texts[i].offset);
      const char *value;

      if (*slot != NULL)
        continue;  /* "package" before "pack_size" */
      if (get_text (record, texts[i].member, &value) == TEXT_WRONG_TYPE)
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
