/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order forms: every kind of bad file — not a zip, a DTD, a zip bomb, too
 * large, GB18030 and broken CSV, empty files, formulas, merged cells, data
 * on other sheets — each named by file, row and column, storing nothing. */
#include "config.h"

#include "jc-test-order-form.h"

static void
test_not_a_zip (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = csv_file (f, "renamed.xlsx", "CT01,2026-12-01,大白菜,10,kg,\n");
  g_autoptr(JcImportPlan) plan = prepare (f, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcParsedForm) form = jc_order_form_read (path, &error);

  assert_null (form);
  assert_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX);
  g_clear_error (&error);
  assert_error_at (plan_file (plan, 0), "", "renamed.xlsx is not an XLSX file (not a zip archive)");
  assert_refused (f, plan, before);

  /* a zip that is not a workbook, and a workbook that is not our form */
  {
    g_autofree char *p2 = path_in (f, "other.xlsx");
    g_autofree char *p3 = make_form (f, "plain.xlsx", "CT01");
    int err = 0;
    zip_t *za = zip_open (p2, ZIP_CREATE | ZIP_TRUNCATE, &err);
    zip_source_t *src = zip_source_buffer (za, "hello", 5, 0);

    zip_file_add (za, "readme.txt", src, 0);
    assert_int_equal (zip_close (za), 0);
    g_clear_pointer (&form, jc_parsed_form_free);
    form = jc_order_form_read (p2, &error);
    assert_null (form);
    assert_contains (error->message, "other.xlsx is not an XLSX file (it has no “xl/workbook.xml”)");
    g_clear_error (&error);

    zip_patch (p3, "xl/sharedStrings.xml", "jicai-order-form v1;CT01;2026-12-01", "x");
    zip_patch (p3, "xl/workbook.xml", "jicai-order-form v1;CT01;2026-12-01", "x");
    form = jc_order_form_read (p3, &error);
    assert_null (form);
    assert_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM);
    assert_contains (error->message, "plain.xlsx is not a jicai order form");
  }
}

/* External entities and entity expansion never get a chance: a part that
 * declares a DTD is refused before it is parsed. */
static void
test_xxe (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "xxe.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autoptr(JcImportPlan) plan = NULL;

  set_cell (path, ref, "inlineStr", "<is><t>&xxe;</t></is>");
  zip_patch (path, SHEET, "standalone=\"yes\"?>",
             "standalone=\"yes\"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "",
                   "xxe.xlsx is refused: its part “xl/worksheets/sheet1.xml” declares a DTD or entities");
  assert_refused (f, plan, before);
}

/* An entity reference in a cell (no DTD: "&nbsp;" typed into the XML by
 * some other program) is an error naming the cell, not text dropped so
 * that "5&nbsp;" reads as 5. */
static void
test_entity_in_cell (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "entity.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autofree char *what = g_strdup_printf ("entity.xlsx is refused: cell '2026-12-01'!%s holds an entity "
                                           "reference (&nbsp;), which Excel never writes; open "
                                           "the file in Excel and save it again", ref);
  g_autoptr(JcImportPlan) plan = NULL;

  set_text (path, ref, "5&nbsp;");
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "", what);
  assert_refused (f, plan, before);
}

static void
add_zero_entry (zip_t      *za,
                const char *name,
                void       *zeros,
                gsize       size)
{
  zip_source_t *src = zip_source_buffer (za, zeros, size, 0);
  zip_int64_t idx = zip_file_add (za, name, src, 0);

  assert_true (idx >= 0);
  assert_int_equal (zip_set_file_compression (za, (zip_uint64_t) idx, ZIP_CM_DEFLATE, 9), 0);
}

static void
test_zip_bomb (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = path_in (f, "bomb.xlsx");
  g_autofree char *path2 = path_in (f, "ratio.xlsx");
  gsize big = 30 * 1024 * 1024, small = 2 * 1024 * 1024;
  g_autofree void *zeros = g_malloc0 (big);
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcParsedForm) form = NULL;
  GStatBuf st;
  int err = 0;
  zip_t *za;

  /* 30 MB of zeros packs into a few dozen KB */
  za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  assert_non_null (za);
  {
    zip_source_t *src = zip_source_buffer (za, "<workbook/>", 11, 0);

    zip_file_add (za, "xl/workbook.xml", src, 0);
  }
  add_zero_entry (za, SHEET, zeros, big);
  assert_int_equal (zip_close (za), 0);
  assert_int_equal (g_stat (path, &st), 0);
  assert_true (st.st_size < 200 * 1024);
  /* Garble the packed data in the middle: had the reader inflated it, it
     would complain about broken data, not about the size the zip's
     directory declares. */
  {
    int fd = g_open (path, O_WRONLY, 0);
    char junk[512];

    memset (junk, 0xA5, sizeof junk);
    assert_true (fd >= 0);
    assert_int_equal (pwrite (fd, junk, sizeof junk, st.st_size / 2), (ssize_t) sizeof junk);
    close (fd);
  }

  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "",
                   "bomb.xlsx is refused: its part “xl/worksheets/sheet1.xml” would unpack to 30.0 MiB");
  assert_refused (f, plan, before);

  /* under the size limit but packed 1000 to 1 */
  za = zip_open (path2, ZIP_CREATE | ZIP_TRUNCATE, &err);
  add_zero_entry (za, "xl/sharedStrings.xml", zeros, small);
  assert_int_equal (zip_close (za), 0);
  form = jc_order_form_read (path2, &error);
  assert_null (form);
  assert_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_TOO_LARGE);
  assert_contains (error->message, "more than 100 times); this may be a zip bomb");
}

static void
test_too_large (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = path_in (f, "big.csv");
  g_autoptr(JcImportPlan) plan = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  /* sparse: 50 MB on paper, no blocks written */
  assert_true (fd >= 0);
  assert_int_equal (ftruncate (fd, 50 * 1024 * 1024), 0);
  close (fd);
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "",
                   "big.csv is too large (50.0 MiB; an order file may be at most 20.0 MiB)");
  assert_refused (f, plan, before);
}

static void
test_gb18030_csv (void **state)
{
  Fixture *f = *state;
  const char *utf8 = "canteen,date,item,qty,unit,note\r\n"
                     "CT01,2026-12-01,大白菜,30,斤,要新鲜\r\n"
                     "CT01,2026-12-01,马铃薯,1.5,箱,\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = NULL;
  gsize len = 0;
  g_autofree char *path = path_in (f, "gbk.csv");
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) o = NULL;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &len, &error);
  assert_no_error (error);
  assert_false (g_utf8_validate (gb, (gssize) len, NULL));
  assert_true (g_file_set_contents (path, gb, (gssize) len, NULL));
  plan = prepare (f, path);
  dump_messages (plan_file (plan, 0));
  assert_int_equal (plan_file (plan, 0)->errors->len, 0);
  assert_true (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_no_error (error);
  o = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (line_of (o, "V001")->qty_milli, 15000);
  assert_string_equal (line_of (o, "V001")->note, "要新鲜");
  assert_int_equal (line_of (o, "V004")->qty_milli, 30000);

  /* neither UTF-8 nor GB18030 */
  {
    g_autofree char *bad = path_in (f, "latin.csv");
    g_autoptr(JcImportPlan) plan2 = NULL;

    assert_true (g_file_set_contents (bad, "canteen,date,item,qty,unit,note\nCT01,2026-12-01,\x80\xFF,1,kg,\n",
                                      -1, NULL));
    plan2 = prepare (f, bad);
    assert_error_at (plan_file (plan2, 0), "", "latin.csv is neither UTF-8 nor GB18030 text");
  }
}

static void
test_empty_file (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *csv = path_in (f, "empty.csv");
  g_autofree char *xlsx = path_in (f, "empty.xlsx");
  g_autofree char *bom = path_in (f, "bom.csv");
  g_autofree char *header = csv_file (f, "header.csv", "");
  const char *paths[] = { csv, xlsx, bom, header, NULL };
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JcImportPlan) plan = NULL;

  write_text (csv, "");
  write_text (xlsx, "");
  write_text (bom, "\xEF\xBB\xBF\r\n");
  plan = jc_order_import_prepare_at (f->store, paths, now, &error);
  assert_no_error (error);
  assert_error_at (plan_file (plan, 0), "", "empty.csv is empty");
  assert_error_at (plan_file (plan, 1), "", "empty.xlsx is empty");
  assert_error_at (plan_file (plan, 2), "", "bom.csv is empty");
  assert_error_at (plan_file (plan, 3), "", "header.csv has no quantities filled in");
  assert_refused (f, plan, before);
}

static void
test_formula (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "formula.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autofree char *inner = g_strdup_printf ("<f>D%s*2</f><v>31</v>", ref + 1);
  g_autofree char *where = g_strdup_printf ("row %s, column E (quantity)", ref + 1);
  g_autoptr(JcImportPlan) plan = NULL;

  set_cell (path, ref, NULL, inner);
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), where, "formulas are not accepted, type the number");
  assert_refused (f, plan, before);
}

static void
test_merged_cells (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "merged.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autofree char *merge = g_strdup_printf ("</sheetData><mergeCells count=\"1\"><mergeCell ref=\"E%s:E%d\"/>"
                                            "</mergeCells>", ref + 1, atoi (ref + 1) + 1);
  g_autofree char *where = g_strdup_printf ("row %s, column E (quantity)", ref + 1);
  g_autoptr(JcImportPlan) plan = NULL;

  set_number (path, ref, "5");
  zip_patch (path, SHEET, "</sheetData>", merge);
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), where, "merged cells (E");
  assert_refused (f, plan, before);
}

/* Adds a second worksheet, with `cells` in its sheetData. */
static void
add_sheet (const char *xlsx,
           const char *cells)
{
  g_autofree char *sheet = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>%s</sheetData></worksheet>", cells);

  zip_put (xlsx, "xl/worksheets/sheet2.xml", sheet);
  zip_patch (xlsx, "xl/workbook.xml", "</sheets>",
             "<sheet name=\"Sheet2\" sheetId=\"2\" r:id=\"rId99\"/></sheets>");
  zip_patch (xlsx, "xl/_rels/workbook.xml.rels", "</Relationships>",
             "<Relationship Id=\"rId99\" "
             "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
             "Target=\"worksheets/sheet2.xml\"/></Relationships>");
}

static void
test_extra_sheets (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "extra.xlsx", "CT01");
  g_autofree char *empty = make_form (f, "extra-empty.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(JcImportPlan) plan2 = NULL;

  set_number (path, ref, "5");
  add_sheet (path, "<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t>鸡蛋 200</t></is></c></row>");
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "",
                   "extra.xlsx has data on sheet “Sheet2” (cell C3), but an order form has one sheet");
  assert_refused (f, plan, before);

  /* an empty "Sheet2", as Excel adds: harmless */
  set_number (empty, ref, "5");
  add_sheet (empty, "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>");
  plan2 = prepare (f, empty);
  dump_messages (plan_file (plan2, 0));
  assert_int_equal (plan_file (plan2, 0)->errors->len, 0);
}

static void
test_bad_csv_syntax (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *quote = csv_file (f, "quote.csv",
                                     "CT01,2026-12-01,大白菜,10,kg,\n"
                                     "CT01,2026-12-01,大白菜 \"big\",10,kg,\n");
  g_autofree char *header = path_in (f, "hdr.csv");
  g_autofree char *multi = csv_file (f, "multi.csv",
                                     "CT01,2026-12-01,大白菜,10,kg,\"line one\nline two\"\n"
                                     "CT01,2026-12-01,鸡蛋,-3,个,\n");
  const char *paths[] = { quote, header, multi, NULL };
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JcImportPlan) plan = NULL;

  write_text (header, "canteen,date,item,qty,price\nCT01,2026-12-01,大白菜,10,3\n");
  plan = jc_order_import_prepare_at (f->store, paths, now, &error);
  assert_error_at (plan_file (plan, 0), "", "quote.csv: line 3: a quote in the wrong place");
  assert_error_at (plan_file (plan, 1), "", "hdr.csv: line 1: unknown column “price”");
  /* a quoted note over two lines: the next record is on line 4 */
  assert_error_at (plan_file (plan, 2), "line 4, column qty", "“-3” is negative");
  assert_refused (f, plan, before);
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_not_a_zip),
    T (test_xxe),
    T (test_entity_in_cell),
    T (test_zip_bomb),
    T (test_too_large),
    T (test_gb18030_csv),
    T (test_empty_file),
    T (test_formula),
    T (test_merged_cells),
    T (test_extra_sheets),
    T (test_bad_csv_syntax),
  };

  return cmocka_run_group_tests_name ("order-form-files", tests, NULL, NULL);
}
