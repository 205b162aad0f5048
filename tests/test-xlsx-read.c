/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-xlsx-read, the one XLSX reader of core, on workbooks written here
 * part by part: sheets by name, shared and inline strings, numbers as
 * typed, dates, defined names, merged ranges, and the defences — not a
 * zip, no workbook, a DTD, a part too large or packed too tightly. */
#include "config.h"

#include <string.h>
#include <zip.h>

#include "jc-test-util.h"
#include "jc-xlsx-read.h"

static const JcXlsxLimits limits = {
  .max_part_bytes = 1024 * 1024,
  .max_total_bytes = 2 * 1024 * 1024,
  .max_ratio = 100,
  .ratio_min_bytes = 64 * 1024,
  .max_entries = 50,
};

#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<sheets><sheet name=\"订单\" sheetId=\"1\" r:id=\"rId1\"/>" \
  "<sheet name=\"Notes\" sheetId=\"2\" r:id=\"rId2\"/></sheets>" \
  "<definedNames><definedName name=\"jc_marker\">\"a;\"\"b\"\";c\"</definedName></definedNames>" \
  "</workbook>"

#define RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>" \
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" \
  "</Relationships>"

#define SST \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<si><t>大白菜</t></si>" \
  "<si><r><t>two </t></r><r><t>runs</t></r><rPh><t>ignored</t></rPh></si>" \
  "</sst>"

#define SHEET1 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>2.2999999999999998</v></c>" \
  "<c r=\"C1\" t=\"inlineStr\"><is><t>inline</t></is></c></row>" \
  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>1</v></c><c r=\"AB3\" t=\"b\"><v>1</v></c>" \
  "<c r=\"C3\"><v>46357</v></c><c r=\"D3\"><f>1+1</f><v>2</v></c><c r=\"E3\" s=\"1\"/></row>" \
  "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A5:B6\"/></mergeCells></worksheet>"

#define SHEET2 \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData/></worksheet>"

typedef struct {
  const char *name;
  const char *text;
  gsize       len;    /* 0: strlen (text) */
} Part;

/* The bytes of a zip holding `parts` (NULL-terminated). */
static GBytes *
make_zip (const Part *parts)
{
  g_autofree char *dir = g_dir_make_tmp ("jc-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.xlsx", NULL);
  char *data = NULL;
  gsize len = 0;
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  assert_non_null (za);
  for (const Part *p = parts; p->name != NULL; p++)
    {
      zip_source_t *src = zip_source_buffer (za, p->text, p->len ? p->len : strlen (p->text), 0);

      assert_true (zip_file_add (za, p->name, src, 0) >= 0);
    }
  assert_int_equal (zip_close (za), 0);
  assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return g_bytes_new_take (data, len);
}

static JcXlsx *
open_parts (const Part  *parts,
            GError     **error)
{
  g_autoptr(GBytes) bytes = make_zip (parts);

  return jc_xlsx_open ("t.xlsx", bytes, &limits, error);
}

static const Part good[] = {
  { "xl/workbook.xml", WORKBOOK },
  { "xl/_rels/workbook.xml.rels", RELS },
  { "xl/sharedStrings.xml", SST },
  { "xl/worksheets/sheet1.xml", SHEET1 },
  { "xl/worksheets/sheet2.xml", SHEET2 },
  { NULL, NULL },
};

typedef struct {
  GPtrArray *cells;   /* "A1 kind formula text" */
  GString   *rows;
} Seen;

static void
on_cell (const JcXlsxCell *cell,
         gpointer          data)
{
  Seen *seen = data;
  g_autofree char *col = jc_xlsx_col_letters (cell->col);
  g_autofree char *date = jc_xlsx_cell_date_text (cell);

  g_ptr_array_add (seen->cells, g_strdup_printf ("%s%u %d %d %s %s", col, cell->row, cell->kind,
                                                 cell->formula, cell->text, date));
}

static void
on_row_end (guint    row,
            gpointer data)
{
  Seen *seen = data;

  g_string_append_printf (seen->rows, "%u;", row);
}

static void
test_workbook (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcXlsx) x = open_parts (good, &error);
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) rows = g_string_new (NULL);
  Seen seen = { cells, rows };
  const JcXlsxSheet *sheet;

  assert_no_error (error);
  assert_non_null (x);
  assert_int_equal (jc_xlsx_get_n_sheets (x), 2);
  assert_string_equal (jc_xlsx_get_sheet (x, 0)->name, "订单");
  assert_string_equal (jc_xlsx_get_sheet (x, 0)->part, "xl/worksheets/sheet1.xml");
  assert_true (jc_xlsx_get_sheet (x, 0)->worksheet);
  sheet = jc_xlsx_find_sheet (x, "Notes");
  assert_non_null (sheet);
  assert_string_equal (sheet->part, "xl/worksheets/sheet2.xml");
  assert_null (jc_xlsx_find_sheet (x, "notes"));
  assert_string_equal (jc_xlsx_get_defined_name (x, "jc_marker"), "a;\"b\";c");
  assert_null (jc_xlsx_get_defined_name (x, "other"));

  assert_true (jc_xlsx_read_sheet (x, jc_xlsx_find_sheet (x, "订单"), on_cell, on_row_end, &seen,
                                   merges, &error));
  assert_no_error (error);
  assert_int_equal (cells->len, 7);
  assert_string_equal (cells->pdata[0], "A1 1 0 大白菜 大白菜");
  /* the number as typed, not as the double Excel keeps (and as a date,
   * day 2 of Excel's count) */
  assert_string_equal (cells->pdata[1], "B1 0 0 2.3 1900-01-01");
  assert_string_equal (cells->pdata[2], "C1 1 0 inline inline");
  assert_string_equal (cells->pdata[3], "A3 1 0 two runs two runs");
  assert_string_equal (cells->pdata[4], "AB3 2 0 TRUE TRUE");
  /* a day count from 1899-12-30 */
  assert_string_equal (cells->pdata[5], "C3 0 0 46357 2026-12-01");
  assert_string_equal (cells->pdata[6], "D3 0 1 2 1900-01-01");
  assert_string_equal (rows->str, "1;3;");
  assert_int_equal (merges->len, 1);
  assert_string_equal (merges->pdata[0], "A5:B6");

  g_ptr_array_set_size (cells, 0);
  assert_true (jc_xlsx_read_sheet (x, sheet, on_cell, NULL, &seen, NULL, &error));
  assert_int_equal (cells->len, 0);
}

static void
test_refs (void **state)
{
  guint col = 0, row = 0;
  g_autofree char *a = jc_xlsx_col_letters (0);
  g_autofree char *z = jc_xlsx_col_letters (25);
  g_autofree char *aa = jc_xlsx_col_letters (26);
  g_autofree char *xfd = jc_xlsx_col_letters (16383);

  assert_string_equal (a, "A");
  assert_string_equal (z, "Z");
  assert_string_equal (aa, "AA");
  assert_string_equal (xfd, "XFD");
  assert_true (jc_xlsx_parse_ref ("E12", &col, &row));
  assert_int_equal (col, 4);
  assert_int_equal (row, 12);
  assert_true (jc_xlsx_parse_ref ("xfd1048576", &col, &row));
  assert_int_equal (col, 16383);
  assert_int_equal (row, 1048576);
  assert_false (jc_xlsx_parse_ref ("XFE1", &col, &row));
  assert_false (jc_xlsx_parse_ref ("A0", &col, &row));
  assert_false (jc_xlsx_parse_ref ("A1048577", &col, &row));
  assert_false (jc_xlsx_parse_ref ("12", &col, &row));
  assert_false (jc_xlsx_parse_ref ("A1:B2", &col, &row));
  assert_false (jc_xlsx_parse_ref (NULL, &col, &row));
}

static void
test_refused (void **state)
{
  g_autoptr(GError) error = NULL;
  JcXlsx *x;

  {
    g_autoptr(GBytes) plain = g_bytes_new_static ("a,b\n1,2\n", 8);

    x = jc_xlsx_open ("plain.xlsx", plain, &limits, &error);
  }
  assert_null (x);
  assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX);
  assert_contains (error->message, "plain.xlsx is not an XLSX file (not a zip archive)");
  g_clear_error (&error);

  {
    static const Part no_workbook[] = { { "readme.txt", "hello" }, { NULL, NULL } };

    x = open_parts (no_workbook, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_NOT_XLSX);
    assert_contains (error->message, "t.xlsx is not an XLSX file (it has no “xl/workbook.xml”)");
    g_clear_error (&error);
  }

  /* a DTD is refused before the part is parsed: no external entity */
  {
    static const Part xxe[] = {
      { "xl/workbook.xml", WORKBOOK },
      { "xl/_rels/workbook.xml.rels", RELS },
      { "xl/sharedStrings.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<sst><si><t>&x;</t></si></sst>" },
      { NULL, NULL },
    };

    x = open_parts (xxe, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message,
                     "t.xlsx is refused: its part “xl/sharedStrings.xml” declares a DTD or entities");
    g_clear_error (&error);
  }

  /* a cell naming a shared string that is not there */
  {
    static const Part bad_index[] = {
      { "xl/workbook.xml", WORKBOOK },
      { "xl/_rels/workbook.xml.rels", RELS },
      { "xl/sharedStrings.xml", SST },
      { "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>" },
      { NULL, NULL },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (bad_index, &error);

    assert_non_null (ok);
    assert_false (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                      &error));
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message, "shared string “7”");
  }
}

/* `utf8` in UTF-16 (`codeset` "UTF-16LE" or "UTF-16BE"), after a byte
 * order mark when `bom`; its length in bytes in `len`. */
static char *
utf16 (const char *utf8,
       const char *codeset,
       gboolean    bom,
       gsize      *len)
{
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree char *body = g_convert (utf8, -1, codeset, "UTF-8", NULL, &n, &error);
  char *out;

  assert_no_error (error);
  out = g_malloc (n + 2);
  if (bom)
    {
      gboolean le = g_str_equal (codeset, "UTF-16LE");

      out[0] = le ? '\xFF' : '\xFE';
      out[1] = le ? '\xFE' : '\xFF';
    }
  memcpy (out + (bom ? 2 : 0), body, n);
  *len = n + (bom ? 2 : 0);
  return out;
}

/* Whether a part declares a DTD is decided by parsing it, so a UTF-16
 * part is refused as a UTF-8 one is, and "<!DOCTYPE" in a comment is
 * nothing. */
static void
test_dtd_parsed (void **state)
{
  g_autoptr(GError) error = NULL;
  gsize sst_len = 0, sheet_len = 0;
  g_autofree char *sst16 = utf16 ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                  "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                  "<sst><si><t>大白菜&x;</t></si></sst>", "UTF-16LE", TRUE, &sst_len);
  /* big-endian, no byte order mark: the declaration alone says UTF-16 */
  g_autofree char *sheet16 = utf16 ("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                                    "<!DOCTYPE worksheet [<!ENTITY y \"z\">]>"
                                    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                                    "<is><t>a&y;</t></is></c></row></sheetData></worksheet>",
                                    "UTF-16BE", FALSE, &sheet_len);
  JcXlsx *x;

  {
    const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml", sst16, sst_len },
      { NULL, NULL, 0 },
    };

    x = open_parts (parts, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message,
                     "t.xlsx is refused: its part “xl/sharedStrings.xml” declares a DTD or entities");
    g_clear_error (&error);
  }
  {
    const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml", SST, 0 },
      { "xl/worksheets/sheet1.xml", sheet16, sheet_len },
      { NULL, NULL, 0 },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (parts, &error);

    assert_no_error (error);
    assert_false (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                      &error));
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message,
                     "t.xlsx is refused: its part “xl/worksheets/sheet1.xml” declares a DTD or entities");
    assert_int_equal (cells->len, 0);
    g_clear_error (&error);
  }
  /* an external DTD alone, in the workbook part */
  {
    static const Part parts[] = {
      { "xl/workbook.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE workbook SYSTEM \"http://example.com/w.dtd\">"
        "<workbook><sheets><sheet name=\"A\" sheetId=\"1\"/></sheets></workbook>", 0 },
      { NULL, NULL, 0 },
    };

    x = open_parts (parts, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message, "its part “xl/workbook.xml” declares a DTD or entities");
    g_clear_error (&error);
  }
  /* the words in a comment or a cell are no declaration */
  {
    static const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml",
        "<?xml version=\"1.0\"?>\n<!-- no <!DOCTYPE here --><sst><si><t><![CDATA[<!ENTITY>]]></t></si></sst>",
        0 },
      { "xl/worksheets/sheet1.xml",
        "<worksheet><!-- <!DOCTYPE --><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
        "</row></sheetData></worksheet>", 0 },
      { NULL, NULL, 0 },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (parts, &error);

    assert_no_error (error);
    assert_non_null (ok);
    assert_true (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                     &error));
    assert_no_error (error);
    assert_int_equal (cells->len, 1);
    assert_string_equal (cells->pdata[0], "A1 1 0 <!ENTITY> <!ENTITY>");
  }
}

/* An entity reference is an error naming the cell (or the shared
 * string), never text left out — even far past the cell the reader has
 * reached when the parser stops. */
static void
test_entity_reference (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sheet = g_string_new ("<?xml version=\"1.0\"?>\n<worksheet><sheetData>");
  JcXlsx *x;

  for (guint row = 1; row <= 6; row++)
    {
      g_string_append_printf (sheet, "<row r=\"%u\">", row);
      for (guint col = 0; col < 10; col++)
        g_string_append_printf (sheet, "<c r=\"%c%u\"><v>%u</v></c>", 'A' + col, row, col);
      g_string_append (sheet, "</row>");
    }
  g_string_append (sheet, "<row r=\"7\"><c t=\"inlineStr\"><is><t>x</t></is></c>"
                          "<c t=\"inlineStr\"><is><t>500&nbsp;g</t></is></c></row>"
                          "</sheetData></worksheet>");
  {
    const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml", SST, 0 },
      { "xl/worksheets/sheet1.xml", sheet->str, 0 },
      { NULL, NULL, 0 },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (parts, &error);

    assert_no_error (error);
    assert_false (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                      &error));
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message,
                     "t.xlsx is refused: cell 订单!B7 holds an entity reference (&nbsp;), which "
                     "Excel never writes; open the file in Excel and save it again");
    g_clear_error (&error);
  }
  {
    static const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml",
        "<?xml version=\"1.0\"?>\n<sst><si><t>a &amp; b &#x41;</t></si><si><t>c&copy;</t></si></sst>", 0 },
      { NULL, NULL, 0 },
    };

    x = open_parts (parts, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_MALFORMED);
    assert_contains (error->message,
                     "t.xlsx is refused: shared string 2 in “xl/sharedStrings.xml” holds an entity "
                     "reference (&copy;)");
    g_clear_error (&error);
  }
  /* a sheet name Excel quotes in a reference is quoted here too */
  {
    static const Part parts[] = {
      { "xl/workbook.xml",
        "<workbook><sheets><sheet name=\"Tom's list\" sheetId=\"1\"/></sheets></workbook>", 0 },
      { "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"2\"><c r=\"C2\"><v>1&x;</v></c></row></sheetData>"
        "</worksheet>", 0 },
      { NULL, NULL, 0 },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (parts, &error);

    assert_no_error (error);
    assert_false (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                      &error));
    assert_contains (error->message, "t.xlsx is refused: cell 'Tom''s list'!C2 holds an entity "
                                     "reference (&x;)");
    g_clear_error (&error);
  }
  /* the predefined entities and character references are text */
  {
    static const Part parts[] = {
      { "xl/workbook.xml", WORKBOOK, 0 },
      { "xl/_rels/workbook.xml.rels", RELS, 0 },
      { "xl/sharedStrings.xml",
        "<?xml version=\"1.0\"?>\n<sst><si><t>a &amp; &lt;b&gt; &#x41;</t></si></sst>", 0 },
      { "xl/worksheets/sheet1.xml",
        "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>"
        "</worksheet>", 0 },
      { NULL, NULL, 0 },
    };
    g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rows = g_string_new (NULL);
    Seen seen = { cells, rows };
    g_autoptr(JcXlsx) ok = open_parts (parts, &error);

    assert_no_error (error);
    assert_true (jc_xlsx_read_sheet (ok, jc_xlsx_get_sheet (ok, 0), on_cell, NULL, &seen, NULL,
                                     &error));
    assert_no_error (error);
    assert_string_equal (cells->pdata[0], "A1 1 0 a & <b> A a & <b> A");
  }
}

static void
test_limits (void **state)
{
  g_autoptr(GError) error = NULL;
  gsize big = 2 * 1024 * 1024;
  g_autofree char *zeros = g_malloc (big + 1);
  JcXlsx *x;

  memset (zeros, ' ', big);
  zeros[big] = '\0';
  /* over the part limit, from the directory alone */
  {
    const Part parts[] = { { "xl/workbook.xml", WORKBOOK }, { "xl/worksheets/sheet1.xml", zeros },
                           { NULL, NULL } };

    x = open_parts (parts, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE);
    assert_contains (error->message, "would unpack to 2.0 MiB (at most 1.0 MiB is read)");
    g_clear_error (&error);
  }
  /* under it, but packed more than 100 to 1 */
  zeros[200 * 1024] = '\0';
  {
    const Part parts[] = { { "xl/workbook.xml", WORKBOOK }, { "xl/worksheets/sheet1.xml", zeros },
                           { NULL, NULL } };

    x = open_parts (parts, &error);
    assert_null (x);
    assert_error (error, JC_XLSX_ERROR, JC_XLSX_ERROR_TOO_LARGE);
    assert_contains (error->message, "(more than 100 times); this may be a zip bomb");
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_workbook),
    cmocka_unit_test (test_refs),
    cmocka_unit_test (test_refused),
    cmocka_unit_test (test_limits),
    cmocka_unit_test (test_dtd_parsed),
    cmocka_unit_test (test_entity_reference),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
