/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-csv.c: see jc-csv.h. */

#include "config.h"

#define G_LOG_DOMAIN "jc-csv"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-csv.h"

G_DEFINE_QUARK (jc-csv-error-quark, jc_csv_error)

/* ---- decoding ------------------------------------------------------------ */

char *
jc_csv_decode (const char     *data,
               gsize           len,
               const char     *name,
               gsize          *out_len,
               JcCsvEncoding  *out_encoding,
               GError        **error)
{
  char *out;
  gsize n = 0;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (out_len != NULL, NULL);

  if (data == NULL)
    data = "";
  if (name == NULL)
    name = _("The file");
  *out_len = 0;
  if (out_encoding != NULL)
    *out_encoding = JC_CSV_ENCODING_UTF8;
  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                   ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error (error, JC_CSV_ERROR, JC_CSV_ERROR_UTF16,
                   _("%s is UTF-16 text; save it as “CSV UTF-8” or plain CSV"), name);
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, JC_CSV_ERROR, JC_CSV_ERROR_BINARY, _("%s is not a CSV text file"), name);
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (g_utf8_validate_len (data, len, NULL))
    {
      *out_len = len;
      return g_strndup (data, len);
    }
  out = g_convert (data, (gssize) len, "UTF-8", "GB18030", NULL, &n, NULL);
  if (out == NULL)
    {
      g_set_error (error, JC_CSV_ERROR, JC_CSV_ERROR_ENCODING,
                   _("%s is neither UTF-8 nor GB18030 text; save it as “CSV UTF-8”"), name);
      return NULL;
    }
  if (out_encoding != NULL)
    *out_encoding = JC_CSV_ENCODING_GB18030;
  *out_len = n;
  return out;
}

/* ---- splitting ----------------------------------------------------------- */

typedef struct {
  JcCsvRowFunc  func;
  gpointer      user_data;
  GString      *buf;            /* the fields of the record, each NUL-terminated */
  GArray       *starts;         /* gsize: where each field starts in buf */
  GPtrArray    *ptrs;           /* const char *: the fields handed to func */
  guint         cur_line;
  guint         rec_line;
  gboolean      between;        /* no record started yet */
  guint         n_fields_done;  /* fields ended so far, in all records */
  GError       *error;
} Parse;

static void
field_cb (void   *s,
          size_t  len,
          void   *data)
{
  Parse *st = data;
  gsize start = st->buf->len;

  if (st->error != NULL)
    return;
  if (st->between)
    {
      st->rec_line = st->cur_line;
      st->between = FALSE;
    }
  if (len > 0)
    g_string_append_len (st->buf, s, len);
  g_string_append_c (st->buf, '\0');
  g_array_append_val (st->starts, start);
  st->n_fields_done++;
}

static void
record_cb (int   c,
           void *data)
{
  Parse *st = data;

  if (st->error == NULL && st->starts->len > 0)
    {
      JcCsvRow row;

      g_ptr_array_set_size (st->ptrs, 0);
      for (guint i = 0; i < st->starts->len; i++)
        g_ptr_array_add (st->ptrs, st->buf->str + g_array_index (st->starts, gsize, i));
      g_ptr_array_add (st->ptrs, NULL);
      row.line = st->rec_line;
      row.n_fields = st->starts->len;
      row.fields = (const char *const *) st->ptrs->pdata;
      if (!st->func (&row, st->user_data, &st->error) && st->error == NULL)
        g_set_error_literal (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_FAILED,
                             _("The file could not be read"));
    }
  g_string_truncate (st->buf, 0);
  g_array_set_size (st->starts, 0);
  st->between = TRUE;
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

/* libcsv's parser states (csv.c): FIELD_BEGUN is 2. */
#define CSV_FIELD_BEGUN 2

/* TRUE inside a quoted field whose closing quote has not come yet. */
static gboolean
quote_is_open (const struct csv_parser *parser)
{
  return parser->quoted && parser->pstate == CSV_FIELD_BEGUN;
}

/* Names the line where the quote that went wrong was opened: a stray
 * quote makes everything after it one field, so the line where the
 * parser gives up can be thousands of lines further on. */
static void
set_parse_error (Parse             *st,
                 struct csv_parser *parser,
                 guint              quote_line,
                 guint              quote_field,
                 JcCsvStop         *stop)
{
  int code = csv_error (parser);
  guint line = st->cur_line;
  guint field = st->starts->len + 1;

  /* libcsv's own texts ("error parsing data while strict checking
   * enabled") say nothing a person can act on: sentences instead */
  if (code == CSV_ENOMEM)
    g_set_error (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_FAILED,
                 _("Line %u: there is not enough memory to read this line; close other "
                   "programs and import the file again. Nothing was imported"), st->cur_line);
  else if (code != CSV_EPARSE)
    g_set_error (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_MALFORMED,
                 _("Line %u: a field is too large to read; check that this is the CSV file "
                   "meant. Nothing was imported"), st->cur_line);
  else if (quote_is_open (parser))
    {
      line = quote_line;
      field = quote_field;
      g_set_error (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_QUOTE_UNCLOSED,
                   _("Line %u: a quote opens a field that never ends (no closing quote up to "
                     "the end of the file). A quote inside a field must be doubled (\"\") and "
                     "the whole field put in quotes; correct the line and import the file "
                     "again. Nothing was imported"), quote_line);
    }
  else if (parser->quoted)
    {
      line = quote_line;
      field = quote_field;
      g_set_error (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_QUOTE_TRAILING,
                   _("Line %u: a quote opens a field that is closed on line %u and followed "
                     "by more text. A quote inside a field must be doubled (\"\") and the whole "
                     "field put in quotes; correct the line and import the file again. Nothing "
                     "was imported"), quote_line, st->cur_line);
    }
  else
    g_set_error (&st->error, JC_CSV_ERROR, JC_CSV_ERROR_QUOTE_INSIDE,
                 _("Line %u: a quote in the middle of a field. A field with a quote in it "
                   "must be in quotes as a whole, its quotes doubled (\"\"); correct the line "
                   "and import the file again. Nothing was imported"), st->cur_line);
  if (stop != NULL)
    {
      stop->line = line;
      stop->end_line = st->cur_line;
      stop->field = field;
    }
}

gboolean
jc_csv_parse (const char    *text,
              gsize          len,
              const char    *name,
              JcCsvRowFunc   func,
              gpointer       user_data,
              JcCsvStop     *stop,
              GError       **error)
{
  struct csv_parser parser;
  Parse st = { 0 };
  const char *p, *end;
  char eol;
  guint quote_line = 0, quote_field = 0;
  gboolean csv_error_seen = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (stop != NULL)
    *stop = (JcCsvStop) { 0 };
  /* Strict: a stray quote must not swallow the rest of the file into one
   * field. */
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
    {
      g_set_error_literal (error, JC_CSV_ERROR, JC_CSV_ERROR_FAILED,
                           _("Could not start the CSV parser"));
      if (name != NULL)
        g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  st.func = func;
  st.user_data = user_data;
  st.buf = g_string_sized_new (512);
  st.starts = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 16);
  st.ptrs = g_ptr_array_sized_new (17);
  st.between = TRUE;

  /* Line by line, so that each record knows the line it starts on; libcsv
   * keeps its state across calls, so quoted fields may span lines.  (A
   * CR CR LF file counts its lines by the LF, as an editor shows them.) */
  p = text;
  end = text + len;
  eol = len > 0 && memchr (text, '\n', len) != NULL ? '\n' : '\r';  /* old Mac files: CR */
  while (p < end && st.error == NULL)
    {
      const char *nl = memchr (p, eol, end - p);
      const char *next = nl != NULL ? nl + 1 : end;
      gboolean was_open = quote_is_open (&parser);
      guint fields_before = st.n_fields_done;

      st.cur_line++;
      if (st.between && line_has_content (p, next))
        {
          st.rec_line = st.cur_line;
          st.between = FALSE;
        }
      if (csv_parse (&parser, p, next - p, field_cb, record_cb, &st) != (size_t) (next - p))
        {
          if (st.error == NULL)
            {
              if (!was_open || st.n_fields_done != fields_before)
                {
                  quote_line = st.cur_line;
                  quote_field = st.starts->len + 1;
                }
              set_parse_error (&st, &parser, quote_line, quote_field, stop);
              csv_error_seen = TRUE;
            }
          break;
        }
      /* A field that is still open at the end of the line opened on this
       * line, unless it was open before and no field ended since. */
      if (quote_is_open (&parser) && (!was_open || st.n_fields_done != fields_before))
        {
          quote_line = st.cur_line;
          quote_field = st.starts->len + 1;
        }
      p = next;
    }
  if (st.error == NULL && csv_fini (&parser, field_cb, record_cb, &st) != 0 && st.error == NULL)
    {
      set_parse_error (&st, &parser, quote_line, quote_field, stop);
      csv_error_seen = TRUE;
    }
  csv_free (&parser);
  g_string_free (st.buf, TRUE);
  g_array_unref (st.starts);
  g_ptr_array_unref (st.ptrs);

  if (st.error != NULL)
    {
      if (csv_error_seen && name != NULL)
        g_prefix_error (&st.error, "%s: ", name);
      g_propagate_error (error, st.error);
      return FALSE;
    }
  return TRUE;
}

/* ---- every record at once ---------------------------------------------- */

void
jc_csv_record_free (JcCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record);
}

static gboolean
keep_record (const JcCsvRow  *row,
             gpointer         user_data,
             GError         **error)
{
  GPtrArray *records = user_data;
  JcCsvRecord *r = g_new0 (JcCsvRecord, 1);

  r->line = row->line;
  r->n_fields = row->n_fields;
  r->fields = g_strdupv ((char **) row->fields);
  g_ptr_array_add (records, r);
  return TRUE;
}

GPtrArray *
jc_csv_read_records (const char  *text,
                     gsize        len,
                     const char  *name,
                     JcCsvStop   *stop,
                     GError     **error)
{
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) jc_csv_record_free);

  if (!jc_csv_parse (text, len, name, keep_record, records, stop, error))
    return NULL;
  return g_steal_pointer (&records);
}
