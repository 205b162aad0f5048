/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-csv.c: CSV price files (Xinfadi scrapes in their many shapes,
 * re-shaped USDA terminal prices).  jc-csv splits the fields; this file
 * finds out which column is what and hands each row to the batch. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <string.h>

#include "jc-csv.h"
#include "jc-feed.h"
#include "jc-feed-private.h"
#include "jc-format.h"
#include "jc-units.h"

/* Columns we can know, Xinfadi-style then USDA-style. */
typedef enum {
  COL_NAME,
  COL_CATEGORY,
  COL_SPEC,
  COL_ORIGIN,
  COL_UNIT,
  COL_DATE,
  COL_LOW,
  COL_AVG,
  COL_HIGH,
  N_XINFADI_COLS,
  COL_IGNORED = N_XINFADI_COLS,   /* a header name we know and do not use */
  COL_U_DATE,
  COL_U_COMMODITY,
  COL_U_VARIETY,
  COL_U_PACKAGE,
  COL_U_ITEM_SIZE,
  COL_U_PROPERTIES,
  COL_U_GRADE,
  COL_U_ORGANIC,
  COL_U_ORIGIN,
  COL_U_CATEGORY,
  COL_U_LOW,
  COL_U_HIGH,
  COL_U_MOSTLY_LOW,
  COL_U_MOSTLY_HIGH,
  N_COLS
} Col;

static const struct {
  const char *name;  /* lower case */
  Col         col;
} header_names[] = {
  { "品名", COL_NAME }, { "prodname", COL_NAME }, { "名称", COL_NAME },
  { "类别", COL_CATEGORY }, { "分类", COL_CATEGORY }, { "prodcat", COL_CATEGORY },
  { "规格", COL_SPEC }, { "specinfo", COL_SPEC },
  { "产地", COL_ORIGIN }, { "place", COL_ORIGIN },
  { "单位", COL_UNIT }, { "unitinfo", COL_UNIT },
  { "发布日期", COL_DATE }, { "日期", COL_DATE }, { "pubdate", COL_DATE },
  { "最低价", COL_LOW }, { "lowprice", COL_LOW },
  { "平均价", COL_AVG }, { "avgprice", COL_AVG },
  { "最高价", COL_HIGH }, { "highprice", COL_HIGH },
  { "prodpcat", COL_IGNORED }, { "id", COL_IGNORED },
  { "report_date", COL_U_DATE },
  { "commodity", COL_U_COMMODITY },
  { "variety", COL_U_VARIETY },
  { "package", COL_U_PACKAGE }, { "pack_size", COL_U_PACKAGE },
  { "item_size", COL_U_ITEM_SIZE },
  { "properties", COL_U_PROPERTIES },
  { "grade", COL_U_GRADE },
  { "organic", COL_U_ORGANIC },
  { "origin", COL_U_ORIGIN },
  { "category", COL_U_CATEGORY },
  { "low_price", COL_U_LOW },
  { "high_price", COL_U_HIGH },
  { "mostly_low_price", COL_U_MOSTLY_LOW },
  { "mostly_high_price", COL_U_MOSTLY_HIGH },
};

/* ---- mappings ---- */

static const struct {
  const char *key;
  gsize       offset;
  gboolean    required;
} mapping_keys[] = {
  { "name", G_STRUCT_OFFSET (JcCsvMapping, name), TRUE },
  { "category", G_STRUCT_OFFSET (JcCsvMapping, category), FALSE },
  { "spec", G_STRUCT_OFFSET (JcCsvMapping, spec), FALSE },
  { "origin", G_STRUCT_OFFSET (JcCsvMapping, origin), FALSE },
  { "unit", G_STRUCT_OFFSET (JcCsvMapping, unit), FALSE },
  { "date", G_STRUCT_OFFSET (JcCsvMapping, date), TRUE },
  { "low", G_STRUCT_OFFSET (JcCsvMapping, low), TRUE },
  { "avg", G_STRUCT_OFFSET (JcCsvMapping, avg), TRUE },
  { "high", G_STRUCT_OFFSET (JcCsvMapping, high), TRUE },
};

/* The int member at the key's offset (GLib's G_STRUCT_MEMBER: the offset
 * is an int member's, so the pointer is aligned for int). */
#define MAPPING_COL(m, i) G_STRUCT_MEMBER (int, (m), mapping_keys[i].offset)
#define MAPPING_COL_C(m, i) (*(const int *) G_STRUCT_MEMBER_P ((m), mapping_keys[i].offset))
#define MAX_COLUMN 9999

void
jc_csv_mapping_init (JcCsvMapping *mapping)
{
  g_return_if_fail (mapping != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (mapping_keys); i++)
    MAPPING_COL (mapping, i) = -1;
}

static int
mapping_key_index (const char *key)
{
  if (g_str_equal (key, "place"))
    key = "origin";
  else if (g_str_equal (key, "cat"))
    key = "category";
  for (guint i = 0; i < G_N_ELEMENTS (mapping_keys); i++)
    if (g_str_equal (key, mapping_keys[i].key))
      return (int) i;
  return -1;
}

gboolean
jc_csv_mapping_parse (const char   *text,
                      JcCsvMapping *mapping,
                      GError      **error)
{
  g_auto(GStrv) parts = NULL;
  JcCsvMapping m;

  g_return_val_if_fail (mapping != NULL, FALSE);

  jc_csv_mapping_init (&m);
  parts = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *eq, *key, *value;
      guint64 column;
      int k;

      if (*part == '\0')
        continue;
      eq = strchr (part, '=');
      if (eq == NULL)
        {
          g_autofree char *qpart = jc_format_quote_value (part);

          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                       _("Column mapping: “%s” is not FIELD=COLUMN"), qpart);
          return FALSE;
        }
      *eq = '\0';
      key = g_strstrip (part);
      value = g_strstrip (eq + 1);
      k = mapping_key_index (key);
      if (k < 0)
        {
          g_autofree char *qkey = jc_format_quote_value (key);

          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                       _("Column mapping: unknown field “%s” (known: name, category, spec, "
                         "origin, unit, date, low, avg, high)"), qkey);
          return FALSE;
        }
      if (!g_ascii_string_to_unsigned (value, 10, 0, MAX_COLUMN, &column, NULL))
        {
          g_autofree char *qvalue = jc_format_quote_value (value);

          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                       _("Column mapping: “%s” for %s is not a column number (0 is the "
                         "first column)"), qvalue, key);
          return FALSE;
        }
      if (MAPPING_COL (&m, k) >= 0)
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                       _("Column mapping: %s is given twice"), mapping_keys[k].key);
          return FALSE;
        }
      MAPPING_COL (&m, k) = (int) column;
    }
  for (guint i = 0; i < G_N_ELEMENTS (mapping_keys); i++)
    if (mapping_keys[i].required && MAPPING_COL (&m, i) < 0)
      {
        g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                     _("Column mapping: the column of %s is missing "
                       "(name, date, low, avg and high are required)"),
                     mapping_keys[i].key);
        return FALSE;
      }
  *mapping = m;
  return TRUE;
}

char *
jc_csv_mapping_to_string (const JcCsvMapping *mapping)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (mapping != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (mapping_keys); i++)
    if (MAPPING_COL_C (mapping, i) >= 0)
      g_string_append_printf (s, "%s%s=%d", s->len > 0 ? "," : "", mapping_keys[i].key,
                              MAPPING_COL_C (mapping, i));
  return g_string_free (s, FALSE);
}

/* ---- parsing ---- */

typedef enum {
  KIND_UNDECIDED,
  KIND_XINFADI,
  KIND_USDA,
} Kind;

typedef struct {
  JcFeedBatch        *batch;
  const JcCsvMapping *mapping;
  const JcCsvRow     *row;       /* the record being read */
  guint               rec_line;
  Kind                kind;
  int                 col[N_COLS];
  guint               n_fields;
  GError             *error;
} CsvState;

static const char *
field (CsvState *st,
       guint     i)
{
  return st->row->fields[i];
}

static const char *
column (CsvState   *st,
        Col         c,
        const char *absent)
{
  return st->col[c] >= 0 ? field (st, (guint) st->col[c]) : absent;
}

static Col
header_col (const char *cell)
{
  g_autofree char *lower = NULL;
  const char *start = cell, *end;
  const guchar *u;

  /* trim spaces and BOMs; headers are short */
  for (;;)
    {
      u = (const guchar *) start;
      if (*start == ' ' || *start == '\t')
        start++;
      else if (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        start += 3;
      else
        break;
    }
  end = start + strlen (start);
  while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  lower = g_ascii_strdown (start, end - start);
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (g_str_equal (lower, header_names[i].name))
      return header_names[i].col;
  return N_COLS;
}

static gboolean
is_number (const char *text)
{
  g_autofree char *typed = jc_decimal_text_from_double_text (text);
  gint64 v;

  /* "2.2999999999999998", a spreadsheet's double, is a number too */
  return jc_parse_decimal (typed != NULL ? typed : text, 3, &v, NULL);
}

static gboolean
has_digit (const char *text)
{
  for (; *text != '\0'; text++)
    if (g_ascii_isdigit (*text))
      return TRUE;
  return FALSE;
}

static char *
first_line_text (CsvState *st)
{
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < st->row->n_fields; i++)
    {
      const char *f = field (st, i);

      if (i > 0)
        g_string_append_c (s, ',');
      while (g_str_has_prefix (f, "\xEF\xBB\xBF"))  /* a BOM is invisible in a message */
        f += 3;
      g_string_append (s, f);
    }
  text = g_string_free (s, FALSE);
  return jc_format_quote_value (text);
}

/* Decides from the first record what the columns are.  TRUE when the
 * record is a header (not a row). */
static gboolean
decide_layout (CsvState *st)
{
  guint n = st->row->n_fields;
  int found[N_COLS];
  guint n_known = 0;

  st->n_fields = n;
  for (guint c = 0; c < N_COLS; c++)
    {
      st->col[c] = -1;
      found[c] = -1;
    }
  for (guint i = 0; i < n; i++)
    {
      Col c = header_col (field (st, i));

      if (c == N_COLS)
        continue;
      n_known++;
      if (found[c] < 0)
        found[c] = (int) i;
    }

  if (st->mapping != NULL)
    {
      const JcCsvMapping *m = st->mapping;

      for (guint i = 0; i < G_N_ELEMENTS (mapping_keys); i++)
        {
          int c = MAPPING_COL_C (m, i);

          if (c >= (int) n)
            {
              g_set_error (&st->error, JC_FEED_ERROR, JC_FEED_ERROR_BAD_MAPPING,
                           ngettext ("Column mapping: %s=%d, but line %u has only %u column "
                                     "(0 is the first)",
                                     "Column mapping: %s=%d, but line %u has only %u columns "
                                     "(0 is the first)", n),
                           mapping_keys[i].key, c, st->rec_line, n);
              return TRUE;
            }
          st->col[i] = c;
        }
      st->kind = KIND_XINFADI;
      return n_known >= 2 ||
             (!has_digit (field (st, (guint) m->low)) && !has_digit (field (st, (guint) m->avg)) &&
              !has_digit (field (st, (guint) m->high)));
    }

  if (found[COL_U_COMMODITY] >= 0 && found[COL_U_LOW] >= 0 && found[COL_U_HIGH] >= 0 &&
      found[COL_U_DATE] >= 0 && found[COL_U_PACKAGE] >= 0)
    {
      memcpy (st->col, found, sizeof found);
      st->kind = KIND_USDA;
      return TRUE;
    }
  if (found[COL_NAME] >= 0 && found[COL_LOW] >= 0 && found[COL_AVG] >= 0 &&
      found[COL_HIGH] >= 0 && found[COL_DATE] >= 0)
    {
      memcpy (st->col, found, sizeof found);
      st->kind = KIND_XINFADI;
      return TRUE;
    }
  if ((n == 6 || n == 7) && is_number (field (st, 1)) && is_number (field (st, 2)) &&
      is_number (field (st, 3)))
    {
      /* the html-table scrapes: 品名,最低价,平均价,最高价,规格/产地,[单位,]发布日期 */
      st->col[COL_NAME] = 0;
      st->col[COL_LOW] = 1;
      st->col[COL_AVG] = 2;
      st->col[COL_HIGH] = 3;
      st->col[COL_SPEC] = 4;
      if (n == 7)
        st->col[COL_UNIT] = 5;
      st->col[COL_DATE] = (int) n - 1;
      st->kind = KIND_XINFADI;
      return FALSE;
    }

  {
    g_autofree char *line = first_line_text (st);

    if (n_known >= 2)
      g_set_error (&st->error, JC_FEED_ERROR, JC_FEED_ERROR_UNKNOWN_FORMAT,
                   _("The header “%s” lacks price columns we need: 品名, 最低价, 平均价, "
                     "最高价, 发布日期 (or prodName, lowPrice, avgPrice, highPrice, pubDate; "
                     "or USDA report_date, commodity, package, low_price, high_price). "
                     "Name the columns with a mapping (--columns)"), line);
    else
      g_set_error (&st->error, JC_FEED_ERROR, JC_FEED_ERROR_UNKNOWN_FORMAT,
                   _("Line 1 “%s” is neither a price header we know (品名,最低价,平均价,"
                     "最高价,…,发布日期 or prodName,lowPrice,avgPrice,highPrice,…,pubDate or "
                     "USDA report_date,commodity,package,low_price,high_price) nor a "
                     "header-less Xinfadi row. Name the columns with a mapping (--columns)"),
                   line);
  }
  return TRUE;
}

static void
on_record (CsvState *st)
{
  guint n = st->row->n_fields;

  if (st->kind == KIND_UNDECIDED)
    {
      gboolean header = decide_layout (st);

      if (st->error != NULL || header)
        return;
    }
  if (n != st->n_fields)
    {
      jc_feed_batch_reject (st->batch, JC_REJECT_MISSING_FIELD, st->rec_line,
                            ngettext ("the line has %u field, the first line %u",
                                      "the line has %u fields, the first line %u", n),
                            n, st->n_fields);
      return;
    }
  if (st->kind == KIND_USDA)
    {
      JcUsdaRow row = {
        .report_date = column (st, COL_U_DATE, NULL),
        .commodity = column (st, COL_U_COMMODITY, NULL),
        .variety = column (st, COL_U_VARIETY, NULL),
        .package = column (st, COL_U_PACKAGE, NULL),
        .item_size = column (st, COL_U_ITEM_SIZE, NULL),
        .properties = column (st, COL_U_PROPERTIES, NULL),
        .grade = column (st, COL_U_GRADE, NULL),
        .organic = column (st, COL_U_ORGANIC, NULL),
        .origin = column (st, COL_U_ORIGIN, NULL),
        .category = column (st, COL_U_CATEGORY, NULL),
        .low = column (st, COL_U_LOW, NULL),
        .high = column (st, COL_U_HIGH, NULL),
        .mostly_low = column (st, COL_U_MOSTLY_LOW, NULL),
        .mostly_high = column (st, COL_U_MOSTLY_HIGH, NULL),
      };

      jc_feed_batch_add_usda (st->batch, st->rec_line, &row);
    }
  else
    jc_feed_batch_add_raw (st->batch, st->rec_line,
                           column (st, COL_NAME, NULL),
                           column (st, COL_CATEGORY, NULL),
                           column (st, COL_SPEC, NULL),
                           column (st, COL_ORIGIN, NULL),
                           column (st, COL_UNIT, "斤"),
                           column (st, COL_DATE, NULL),
                           column (st, COL_LOW, NULL),
                           column (st, COL_AVG, NULL),
                           column (st, COL_HIGH, NULL));
}

static gboolean
line_has_content (const char *p,
                  const char *end)
{
  for (; p < end; p++)
    if (*p != '\r' && *p != '\n' && *p != ' ' && *p != '\t')
      return TRUE;
  return FALSE;
}

static gboolean
row_cb (const JcCsvRow  *row,
        gpointer         data,
        GError         **error)
{
  CsvState *st = data;

  st->row = row;
  st->rec_line = row->line;
  on_record (st);
  st->row = NULL;
  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_feed_parse_csv (const char         *data,
                   gsize               len,
                   const JcCsvMapping *mapping_or_null,
                   JcFeedBatch        *batch,
                   GError            **error)
{
  g_autofree char *converted = NULL;
  g_autofree char *note = NULL;
  gsize converted_len = 0;
  g_autoptr(GError) local = NULL;
  CsvState st = { 0 };
  guint seen_before, swaps_before;

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
  if (!line_has_content (data, data + len))
    {
      g_set_error_literal (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED, _("The file is empty"));
      return FALSE;
    }
  st.batch = batch;
  st.mapping = mapping_or_null;
  st.kind = KIND_UNDECIDED;
  seen_before = jc_feed_batch_get_n_seen (batch);
  swaps_before = jc_feed_batch_get_n_swap_fits (batch);

  if (!jc_csv_parse (data, len, NULL, row_cb, &st, NULL, &local))
    {
      /* a refused file, or a layout problem found on the first record,
       * before any row */
      if (local->domain == JC_CSV_ERROR)
        g_set_error_literal (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (note != NULL)
    jc_feed_batch_add_warning (batch, "%s", note);
  if (st.kind == KIND_XINFADI && mapping_or_null == NULL)
    {
      guint seen = jc_feed_batch_get_n_seen (batch) - seen_before;
      guint swaps = jc_feed_batch_get_n_swap_fits (batch) - swaps_before;

      if (seen > 0 && swaps * 2 > seen)
        {
          JcCsvMapping m;
          g_autofree char *text = NULL;

          jc_csv_mapping_init (&m);
          m.name = st.col[COL_NAME];
          m.category = st.col[COL_CATEGORY];
          m.spec = st.col[COL_SPEC];
          m.origin = st.col[COL_ORIGIN];
          m.unit = st.col[COL_UNIT];
          m.date = st.col[COL_DATE];
          m.low = st.col[COL_LOW];
          m.avg = st.col[COL_HIGH];
          m.high = st.col[COL_AVG];
          text = jc_csv_mapping_to_string (&m);
          jc_feed_batch_add_warning (batch,
                                     ngettext ("%u of %u row has the average above the high "
                                               "price and would be valid with the two exchanged: "
                                               "the header looks mislabelled. Try the column "
                                               "mapping “%s”",
                                               "%u of %u rows have the average above the high "
                                               "price and would be valid with the two exchanged: "
                                               "the header looks mislabelled. Try the column "
                                               "mapping “%s”", seen),
                                     swaps, seen, text);
        }
    }
  return TRUE;
}

/* ---- the adapter ---- */

static gboolean
csv_parse (const char          *data,
           gsize                len,
           const JcCsvMapping  *mapping,
           JcFeedBatch         *batch,
           JcXinfadiPage       *page_out,
           GError             **error)
{
  return jc_feed_parse_csv (data, len, mapping, batch, error);
}

/* No sniff: what is not JSON is read as CSV. */
const JcFeedAdapter _jc_feed_adapter_csv = {
  .name = "csv",
  .format = JC_FEED_FORMAT_CSV,
  .parse = csv_parse,
};
