/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-csv, the one CSV reader of core: decoding (BOM, UTF-8, GB18030,
 * UTF-16 and binary refused), records with the line they start on, and a
 * stray quote refusing the file, naming the file, the line and the field. */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-csv.h"

static GPtrArray *
read_text (const char  *text,
           const char  *name,
           JcCsvStop   *stop,
           GError     **error)
{
  return jc_csv_read_records (text, strlen (text), name, stop, error);
}

static void
assert_record (GPtrArray         *records,
               guint              i,
               guint              line,
               const char *const *fields)
{
  JcCsvRecord *r;

  assert_true (i < records->len);
  r = records->pdata[i];
  assert_int_equal (r->line, line);
  assert_int_equal (r->n_fields, g_strv_length ((char **) fields));
  for (guint k = 0; fields[k] != NULL; k++)
    assert_string_equal (r->fields[k], fields[k]);
  assert_null (r->fields[r->n_fields]);
}

static void
test_decode (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = NULL, *bom = NULL, *gb_text = NULL, *gb = NULL;
  JcCsvEncoding enc;
  gsize len = 0, gb_len = 0;
  const char *zh = "品名,数量\n大白菜,10\n";

  utf8 = jc_csv_decode (zh, strlen (zh), "a.csv", &len, &enc, &error);
  assert_no_error (error);
  assert_string_equal (utf8, zh);
  assert_int_equal (len, strlen (zh));
  assert_int_equal (enc, JC_CSV_ENCODING_UTF8);

  {
    g_autofree char *with_bom = g_strconcat ("\xEF\xBB\xBF", zh, NULL);

    bom = jc_csv_decode (with_bom, strlen (with_bom), "a.csv", &len, &enc, &error);
    assert_no_error (error);
    assert_string_equal (bom, zh);
  }

  gb = g_convert (zh, -1, "GB18030", "UTF-8", NULL, &gb_len, NULL);
  assert_non_null (gb);
  gb_text = jc_csv_decode (gb, gb_len, "gb.csv", &len, &enc, &error);
  assert_no_error (error);
  assert_string_equal (gb_text, zh);
  assert_int_equal (enc, JC_CSV_ENCODING_GB18030);

  assert_null (jc_csv_decode ("\xFF\xFE" "a\0b\0", 6, "u16.csv", &len, NULL, &error));
  assert_error (error, JC_CSV_ERROR, JC_CSV_ERROR_UTF16);
  assert_contains (error->message, "u16.csv is UTF-16 text");
  g_clear_error (&error);

  assert_null (jc_csv_decode ("a,b\0c", 5, "bin.csv", &len, NULL, &error));
  assert_error (error, JC_CSV_ERROR, JC_CSV_ERROR_BINARY);
  assert_contains (error->message, "bin.csv is not a CSV text file");
  g_clear_error (&error);

  /* 0x80 alone is neither UTF-8 nor a GB18030 character */
  assert_null (jc_csv_decode ("a,\x80\n", 4, "latin.csv", &len, NULL, &error));
  assert_error (error, JC_CSV_ERROR, JC_CSV_ERROR_ENCODING);
  assert_contains (error->message, "latin.csv is neither UTF-8 nor GB18030 text");
  g_clear_error (&error);

  {
    g_autofree char *empty = jc_csv_decode (NULL, 0, "e.csv", &len, NULL, &error);

    assert_no_error (error);
    assert_string_equal (empty, "");
  }
}

static void
test_records (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = NULL;

  /* quoted commas, doubled quotes, a field over two lines, blank lines */
  r = read_text ("a,b,c\n"
                 "\n"
                 "1,\"x, \"\"y\"\"\",3\n"
                 "2,\"one\ntwo\",4\n"
                 "  \n"
                 "5,,\n", NULL, NULL, &error);
  assert_no_error (error);
  assert_non_null (r);
  assert_record (r, 0, 1, (const char *[]) { "a", "b", "c", NULL });
  assert_record (r, 1, 3, (const char *[]) { "1", "x, \"y\"", "3", NULL });
  assert_record (r, 2, 4, (const char *[]) { "2", "one\ntwo", "4", NULL });
  assert_record (r, 3, 7, (const char *[]) { "5", "", "", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* CR LF, and a last line without its end */
  r = read_text ("a,b\r\n1,2\r\n3,4", NULL, NULL, &error);
  assert_no_error (error);
  assert_int_equal (r->len, 3);
  assert_record (r, 2, 3, (const char *[]) { "3", "4", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* old Mac files: lines end with CR alone */
  r = read_text ("a,b\r1,2\r3,4\r", NULL, NULL, &error);
  assert_no_error (error);
  assert_int_equal (r->len, 3);
  assert_record (r, 1, 2, (const char *[]) { "1", "2", NULL });
  assert_record (r, 2, 3, (const char *[]) { "3", "4", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  r = read_text ("", NULL, NULL, &error);
  assert_no_error (error);
  assert_int_equal (r->len, 0);
}

static void
test_stray_quote (void **state)
{
  static const struct {
    const char *text;
    int         code;
    const char *needle;
    guint       line;
    guint       field;
  } cases[] = {
    { "a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n", JC_CSV_ERROR_QUOTE_UNCLOSED,
      "m.csv: Line 3: a quote opens a field that never ends", 3, 2 },
    { "a,b,c\n1,\"2,3\n4,5,6\n7,\"8\",9\n", JC_CSV_ERROR_QUOTE_TRAILING,
      "m.csv: Line 2: a quote opens a field that is closed on line 4", 2, 2 },
    { "a,b,c\n1,2,3\n4,5,6\"x\n", JC_CSV_ERROR_QUOTE_INSIDE,
      "m.csv: Line 3: a quote in the middle of a field", 3, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      JcCsvStop stop;

      assert_null (read_text (cases[i].text, "m.csv", &stop, &error));
      assert_error (error, JC_CSV_ERROR, cases[i].code);
      assert_contains (error->message, cases[i].needle);
      assert_contains (error->message, "Nothing was imported");
      assert_int_equal (stop.line, cases[i].line);
      assert_int_equal (stop.field, cases[i].field);
    }

  /* without a name, the message starts with the line */
  {
    g_autoptr(GError) error = NULL;

    assert_null (read_text ("a\n\"b\n", NULL, NULL, &error));
    assert_true (g_str_has_prefix (error->message, "Line 2: a quote opens"));
  }
}

static gboolean
stop_at_second (const JcCsvRow  *row,
                gpointer         user_data,
                GError         **error)
{
  guint *n = user_data;

  if (++*n == 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "line %u refused", row->line);
      return FALSE;
    }
  return TRUE;
}

static void
test_row_func_stops (void **state)
{
  g_autoptr(GError) error = NULL;
  const char *text = "a\nb\nc\n";
  guint n = 0;

  assert_false (jc_csv_parse (text, strlen (text), "x.csv", stop_at_second, &n, NULL, &error));
  /* the row function's own error, unchanged */
  assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_string_equal (error->message, "line 2 refused");
  assert_int_equal (n, 2);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_decode),
    cmocka_unit_test (test_records),
    cmocka_unit_test (test_stray_quote),
    cmocka_unit_test (test_row_func_stops),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
