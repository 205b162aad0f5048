/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order forms: the XLSX and CSV templates, reading filled forms back, the
 * preview, one transaction per file (every kind of bad file is in
 * test-order-form-files.c). */
#include "config.h"

#include "jc-test-order-form.h"
#include "jc-format.h"

static void
test_template_structure (void **state)
{
  Fixture *f = *state;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) sst = NULL;
  g_autoptr(JcParsedForm) form = NULL;
  g_autofree char *marker = jc_order_form_marker ("CT01", DATE);
  xmlDoc *wb, *sheet, *styles;

  /* Last week's order, for the reference column. */
  {
    g_autoptr(JcOrder) o = jc_store_get_order (f->store, "CT01", PREV_DATE, NULL);
    g_autoptr(JcItem) cabbage = jc_store_get_item (f->store, "V001", NULL);
    g_autoptr(GDateTime) then = g_date_time_new_local (2026, 11, 20, 9, 0, 0);

    g_ptr_array_add (o->lines, jc_order_line_parse (cabbage, "31", "斤", "", NULL));
    assert_true (jc_orders_save (f->store, o, JC_ORDER_SAVE_SUBMIT, "a", NULL, then, &error));
  }
  path = make_form (f, "CT01.xlsx", "CT01");
  sst = shared_strings (path);

  /* one sheet named by the date; the marker as a defined name */
  wb = zip_xml (path, "xl/workbook.xml");
  assert_int_equal (xpath_count (wb, "//" E ("sheet")), 1);
  {
    g_autofree char *name = xpath_string (wb, "//" E ("sheet") "/@name");
    g_autofree char *defined = xpath_string (wb, "//" E ("definedName") "[@name='jicai_form']");

    assert_string_equal (name, DATE);
    assert_contains (defined, marker);
  }
  xmlFreeDoc (wb);

  sheet = zip_xml (path, SHEET);
  /* the header block: canteen, date, cutoff, instructions, marker (hidden
     in H1, visible in B7) */
  {
    g_autofree char *b2 = xpath_string (sheet, "//" E ("c") "[@r='B2']/" E ("v"));
    g_autofree char *b3 = xpath_string (sheet, "//" E ("c") "[@r='B3']/" E ("v"));
    g_autofree char *b4 = xpath_string (sheet, "//" E ("c") "[@r='B4']/" E ("v"));
    g_autofree char *b5 = xpath_string (sheet, "//" E ("c") "[@r='B5']/" E ("v"));
    g_autofree char *b6 = xpath_string (sheet, "//" E ("c") "[@r='B6']/" E ("v"));
    g_autofree char *h1 = xpath_string (sheet, "//" E ("c") "[@r='H1']/" E ("v"));
    g_autofree char *b7 = xpath_string (sheet, "//" E ("c") "[@r='B7']/" E ("v"));

    assert_string_equal (sst->pdata[atoi (b2)], "CT01");
    assert_string_equal (sst->pdata[atoi (b3)], DATE);
    assert_string_equal (sst->pdata[atoi (b4)], "2026-11-30 14:00");
    assert_contains (sst->pdata[atoi (b5)], "数量");
    assert_contains (sst->pdata[atoi (b6)], "Quantity column");
    assert_string_equal (sst->pdata[atoi (h1)], marker);
    assert_string_equal (sst->pdata[atoi (b7)], marker);
    assert_true (sst_index (sst, "市政府机关食堂") >= 0);
  }
  /* H is hidden */
  assert_int_equal (xpath_count (sheet, "//" E ("col") "[@min='8'][@max='8'][@hidden='1']"), 1);
  /* protected, with the quantity column validated: a decimal 0 … 100000
     and a Chinese input message */
  assert_int_equal (xpath_count (sheet, "//" E ("sheetProtection") "[@sheet='1']"), 1);
  /* "between" is the default operator, which libxlsxwriter leaves out */
  assert_int_equal (xpath_count (sheet, "//" E ("dataValidation") "[@type='decimal']"
                                        "[not(@operator) or @operator='between']"), 1);
  {
    g_autofree char *sqref = xpath_string (sheet, "//" E ("dataValidation") "/@sqref");
    g_autofree char *prompt = xpath_string (sheet, "//" E ("dataValidation") "/@prompt");
    g_autofree char *max = xpath_string (sheet, "//" E ("dataValidation") "/" E ("formula2"));
    g_autofree char *min = xpath_string (sheet, "//" E ("dataValidation") "/" E ("formula1"));

    assert_true (g_str_has_prefix (sqref, "E"));
    assert_contains (prompt, "数量");
    assert_string_equal (min, "0");
    assert_string_equal (max, "100000");
  }

  /* categories head their items, in category order; inactive items are
     not offered */
  {
    guint veg = row_of (path, "B", "蔬菜");
    guint meat = row_of (path, "B", "肉禽蛋");
    guint grain = row_of (path, "B", "粮油");
    guint v001 = row_of (path, "A", "V001");
    guint v004 = row_of (path, "A", "V004");
    guint m001 = row_of (path, "A", "M001");
    guint g001 = row_of (path, "A", "G001");

    assert_int_equal (veg, JC_ORDER_FORM_FIRST_ROW);
    assert_true (veg < v001 && v001 < v004 && v004 < meat && meat < m001 && m001 < grain &&
                 grain < g001);
    assert_int_equal (row_of (path, "A", "V009"), 0);
    assert_int_equal (row_of (path, "B", "水果"), 0);   /* no fruit in this catalog */

    /* units: weight goods in 公斤, counted goods in 个, liquids in L */
    {
      g_autofree char *e1 = g_strdup_printf ("//" E ("c") "[@r='C%u']/" E ("v"), v001);
      g_autofree char *e2 = g_strdup_printf ("//" E ("c") "[@r='C%u']/" E ("v"), m001);
      g_autofree char *e3 = g_strdup_printf ("//" E ("c") "[@r='C%u']/" E ("v"), g001);
      g_autofree char *u1 = xpath_string (sheet, e1);
      g_autofree char *u2 = xpath_string (sheet, e2);
      g_autofree char *u3 = xpath_string (sheet, e3);

      assert_string_equal (sst->pdata[atoi (u1)], "公斤");
      assert_string_equal (sst->pdata[atoi (u2)], "个");
      assert_string_equal (sst->pdata[atoi (u3)], "L");
    }
    /* last week's quantity, a number (31 斤 = 15.5 kg), none for eggs */
    {
      g_autofree char *e1 = g_strdup_printf ("//" E ("c") "[@r='D%u']", v001);
      g_autofree char *e2 = g_strdup_printf ("//" E ("c") "[@r='D%u']/" E ("v"), m001);
      g_autofree char *type = NULL;
      g_autofree char *value = NULL;
      g_autofree char *none = xpath_string (sheet, e2);
      g_autofree char *te = g_strdup_printf ("%s/@t", e1);
      g_autofree char *ve = g_strdup_printf ("%s/" E ("v"), e1);

      type = xpath_string (sheet, te);
      value = xpath_string (sheet, ve);
      assert_string_equal (type, "");   /* a number, not a string */
      assert_string_equal (value, "15.5");
      assert_string_equal (none, "");
    }

    /* locked and unlocked cells, through their styles */
    styles = zip_xml (path, "xl/styles.xml");
    {
      const char *cols[] = { "A", "B", "C", "D", "E", "F" };
      gboolean unlocked[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE };

      for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
        {
          g_autofree char *se = g_strdup_printf ("//" E ("c") "[@r='%s%u']/@s", cols[c], v001);
          g_autofree char *s = xpath_string (sheet, se);
          g_autofree char *xe = g_strdup_printf ("(//" E ("cellXfs") "/" E ("xf") ")[%d]/"
                                                 E ("protection") "/@locked", atoi (s) + 1);
          g_autofree char *locked = xpath_string (styles, xe);

          assert_true (*s != '\0');
          if (unlocked[c])
            assert_string_equal (locked, "0");
          else
            assert_string_not_equal (locked, "0");
        }
      /* a category heading's quantity cell is locked */
      {
        g_autofree char *se = g_strdup_printf ("//" E ("c") "[@r='E%u']/@s", veg);
        g_autofree char *s = xpath_string (sheet, se);
        g_autofree char *xe = g_strdup_printf ("(//" E ("cellXfs") "/" E ("xf") ")[%d]/"
                                               E ("protection") "/@locked", atoi (s) + 1);
        g_autofree char *locked = xpath_string (styles, xe);

        assert_string_not_equal (locked, "0");
      }
    }
    xmlFreeDoc (styles);
  }
  xmlFreeDoc (sheet);

  /* Our own reader sees an empty form of CT01 for the date, without
     problems; importing it as is imports nothing. */
  form = jc_order_form_read (path, &error);
  assert_no_error (error);
  assert_string_equal (form->canteen, "CT01");
  assert_string_equal (form->date, DATE);
  assert_int_equal (form->rows->len, 0);
  assert_int_equal (form->problems->len, 0);
  {
    g_autoptr(JcImportPlan) plan = prepare (f, path);

    assert_error_at (plan_file (plan, 0), "", "has no quantities filled in");
  }
  (void) now;

  /* Unknown canteen, bad date: refused before writing anything. */
  {
    g_autofree char *other = path_in (f, "nope.xlsx");

    assert_false (jc_order_form_write (f->store, "CT99", DATE, other, JC_OUTPUT_NONE, &error));
    assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    assert_false (jc_order_form_write (f->store, "CT01", "2026-02-30", other, JC_OUTPUT_NONE, &error));
    assert_contains (error->message, "2026-02-30");
    g_clear_error (&error);
    assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

static void
test_template_csv (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (f, "CT02.csv");
  g_autofree char *text = NULL;
  g_autoptr(GString) filled = NULL;
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) stored = NULL;

  assert_true (jc_order_form_write_csv (f->store, "CT02", DATE, path, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  assert_true (g_file_get_contents (path, &text, NULL, NULL));
  assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "canteen,date,item,qty,unit,note\r\n"));
  assert_contains (text, "CT02,2026-12-01,大白菜,,公斤,\r\n");
  assert_contains (text, "CT02,2026-12-01,鸡蛋,,个,\r\n");
  assert_contains (text, "CT02,2026-12-01,食用油,,L,\r\n");
  assert_null (strstr (text, "旧菜"));

  /* as is: nothing to import */
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "", "has no quantities filled in");
  g_clear_pointer (&plan, jc_import_plan_free);

  /* filled in: 30 斤 of cabbage, 2 L of oil */
  filled = g_string_new (text);
  g_string_replace (filled, "大白菜,,公斤,", "大白菜,30,斤,要新鲜", 1);
  g_string_replace (filled, "食用油,,L,", "食用油,2,L,", 1);
  write_text (path, filled->str);
  plan = prepare (f, path);
  dump_messages (plan_file (plan, 0));
  assert_false (jc_import_plan_has_errors (plan));
  assert_true (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_no_error (error);
  stored = jc_store_get_order (f->store, "CT02", DATE, NULL);
  assert_int_equal (stored->status, JC_ORDER_SUBMITTED);
  assert_int_equal (stored->lines->len, 2);
  assert_int_equal (line_of (stored, "V001")->qty_milli, 15000);
  assert_int_equal (line_of (stored, "V001")->unit_qty_milli, 30000);
  assert_string_equal (line_of (stored, "V001")->unit, "斤");
  assert_string_equal (line_of (stored, "V001")->note, "要新鲜");
  assert_int_equal (line_of (stored, "G001")->qty_milli, 2000);
}

/* ---- a filled form ----------------------------------------------------- */

static void
test_import_filled_xlsx (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autofree char *path = make_form (f, "CT01.xlsx", "CT01");
  g_autofree char *v001 = qty_ref (path, "V001");
  g_autofree char *m001 = qty_ref (path, "M001");
  g_autofree char *g001 = qty_ref (path, "G001");
  g_autofree char *note = g_strdup_printf ("F%s", v001 + 1);
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(JcOrder) stored = NULL;
  JcImportFile *file;
  JcImportOrder *io;

  /* What Excel writes: numbers as numbers (2.2999999999999998 is how it
     keeps a typed 2.3), text as text. */
  set_number (path, v001, "12.5");
  set_number (path, m001, "300");
  set_number (path, g001, "2.2999999999999998");
  set_text (path, note, "要新鲜");

  plan = prepare (f, path);
  file = plan_file (plan, 0);
  dump_messages (file);
  assert_int_equal (file->format, JC_FORM_FORMAT_XLSX);
  assert_int_equal (file->errors->len, 0);
  assert_int_equal (file->warnings->len, 0);
  assert_int_equal (file->orders->len, 1);
  io = file->orders->pdata[0];
  assert_string_equal (io->canteen_code, "CT01");
  assert_string_equal (io->date, DATE);
  assert_int_equal (io->status, JC_ORDER_NOT_STARTED);
  assert_int_equal (io->version, 0);
  assert_int_equal (io->changes->len, 3);
  assert_int_equal (change_of (io, "V001")->kind, JC_IMPORT_CHANGE_ADD);
  assert_int_equal (change_of (io, "V001")->after_milli, 12500);
  assert_int_equal (change_of (io, "V001")->row, (guint) atoi (v001 + 1));
  /* nothing stored by prepare */
  assert_int_equal (jc_store_count_orders (f->store, NULL), 0);

  assert_true (jc_order_import_apply (f->store, plan, 0, "canteen-mgr", now, &error));
  assert_no_error (error);
  assert_int_equal (file->state, JC_IMPORT_FILE_STORED);
  assert_contains (file->outcome, "CT01 2026-12-01: 3 added, 0 changed, 0 removed, submitted");
  stored = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (stored->status, JC_ORDER_SUBMITTED);
  assert_int_equal (stored->version, 1);
  assert_int_equal (stored->lines->len, 3);
  assert_int_equal (line_of (stored, "V001")->qty_milli, 12500);
  assert_string_equal (line_of (stored, "V001")->unit, "公斤");
  assert_string_equal (line_of (stored, "V001")->note, "要新鲜");
  assert_int_equal (line_of (stored, "M001")->qty_milli, 300000);
  assert_int_equal (line_of (stored, "G001")->qty_milli, 2300);
  /* applying the same plan again does nothing more */
  assert_true (jc_order_import_apply (f->store, plan, 0, "canteen-mgr", now, &error));
  g_clear_pointer (&stored, jc_order_free);
  stored = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (stored->version, 1);

  /* A second form: cabbage changed, oil dropped, eggs as they were. */
  {
    g_autofree char *path2 = make_form (f, "CT01-b.xlsx", "CT01");
    g_autofree char *c2 = qty_ref (path2, "V001");
    g_autofree char *e2 = qty_ref (path2, "M001");
    g_autoptr(JcImportPlan) plan2 = NULL;
    const JcImportChange *c;

    set_number (path2, c2, "10");
    set_number (path2, e2, "300");
    plan2 = prepare (f, path2);
    file = plan_file (plan2, 0);
    assert_int_equal (file->errors->len, 0);
    io = file->orders->pdata[0];
    assert_int_equal (io->status, JC_ORDER_SUBMITTED);
    assert_int_equal (io->version, 1);
    assert_int_equal (io->n_unchanged, 1);
    assert_int_equal (io->changes->len, 2);
    c = change_of (io, "V001");
    assert_int_equal (c->kind, JC_IMPORT_CHANGE_CHANGE);
    assert_int_equal (c->before_milli, 12500);
    assert_int_equal (c->after_milli, 10000);
    assert_string_equal (c->before_text, "12.5 公斤");
    assert_string_equal (c->after_text, "10 公斤");
    c = change_of (io, "G001");
    assert_int_equal (c->kind, JC_IMPORT_CHANGE_REMOVE);
    assert_int_equal (c->before_milli, 2300);
    assert_int_equal (c->after_milli, 0);
    assert_true (jc_order_import_apply (f->store, plan2, 0, "canteen-mgr", now, &error));
    g_clear_pointer (&stored, jc_order_free);
    stored = jc_store_get_order (f->store, "CT01", DATE, NULL);
    assert_int_equal (stored->version, 2);
    assert_int_equal (stored->lines->len, 2);
    assert_int_equal (line_of (stored, "V001")->qty_milli, 10000);
  }
}

static void
test_fixtures (void **state)
{
  Fixture *f = *state;
  const char *data = g_getenv ("JICAI_TEST_DATA");
  g_autofree char *good = g_build_filename (data, "orders", "good.csv", NULL);
  g_autofree char *zh = g_build_filename (data, "orders", "chinese-header.csv", NULL);
  g_autofree char *gb = g_build_filename (data, "orders", "gb18030.csv", NULL);
  g_autofree char *not_zip = g_build_filename (data, "orders", "not-a-zip.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(JcOrder) ct01 = NULL;
  g_autoptr(JcOrder) ct02 = NULL;

  assert_non_null (data);
  plan = prepare (f, good);
  dump_messages (plan_file (plan, 0));
  assert_int_equal (plan_file (plan, 0)->errors->len, 0);
  assert_int_equal (plan_file (plan, 0)->orders->len, 2);
  assert_true (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_no_error (error);
  ct01 = jc_store_get_order (f->store, "CT01", DATE, NULL);
  ct02 = jc_store_get_order (f->store, "CT02", DATE, NULL);
  assert_int_equal (ct01->lines->len, 3);
  assert_int_equal (line_of (ct01, "V001")->qty_milli, 15000);
  assert_int_equal (line_of (ct01, "M001")->qty_milli, 300000);
  assert_int_equal (line_of (ct01, "V004")->qty_milli, 40000);
  assert_string_equal (line_of (ct01, "V004")->note, "大个的,不要发芽");
  assert_int_equal (ct02->lines->len, 1);
  assert_int_equal (line_of (ct02, "G001")->qty_milli, 5000);
  g_clear_pointer (&plan, jc_import_plan_free);

  /* the Chinese header, in UTF-8 and in GB18030: the same order */
  for (guint k = 0; k < 2; k++)
    {
      const char *paths[] = { k == 0 ? zh : gb, NULL };
      g_autoptr(JcOrder) o = NULL;
      JcImportOrder *io;

      plan = jc_order_import_prepare_at (f->store, paths, now, &error);
      assert_no_error (error);
      dump_messages (plan_file (plan, 0));
      assert_int_equal (plan_file (plan, 0)->errors->len, 0);
      io = plan_file (plan, 0)->orders->pdata[0];
      assert_int_equal (change_of (io, "V001")->after_milli, 12500);
      assert_int_equal (change_of (io, "M001")->after_milli, 40000);
      assert_int_equal (change_of (io, "V004")->kind, JC_IMPORT_CHANGE_REMOVE);
      if (k == 1)
        {
          assert_true (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
          o = jc_store_get_order (f->store, "CT01", DATE, NULL);
          assert_string_equal (line_of (o, "M001")->note, "按重量");
        }
      g_clear_pointer (&plan, jc_import_plan_free);
    }

  plan = prepare (f, not_zip);
  assert_error_at (plan_file (plan, 0), "", "not-a-zip.xlsx is not an XLSX file (not a zip archive)");
}

/* ---- bad files --------------------------------------------------------- */

static void
test_unknown_item (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = csv_file (f, "typo.csv",
                                    "CT01,2026-12-01,大白菜,10,kg,\n"
                                    "CT01,2026-12-01,大白采,5,kg,\n"
                                    "CT01,2026-12-01,dbc,5,kg,\n");
  g_autoptr(JcImportPlan) plan = prepare (f, path);
  const JcFormMessage *m;

  m = assert_error_at (plan_file (plan, 0), "line 3, column item", "unknown item “大白采”");
  /* the nearest catalog names, the intended one first */
  assert_contains (m->message, "did you mean 大白菜 (V001), ");
  assert_contains (m->message, "小白菜 (V002)");
  assert_int_equal (m->row, 3);
  assert_string_equal (m->column, "item");
  /* pinyin initials find it too */
  m = assert_error_at (plan_file (plan, 0), "line 4, column item", "unknown item “dbc”");
  assert_contains (m->message, "did you mean 大白菜 (V001)");
  assert_int_equal (plan_file (plan, 0)->errors->len, 2);
  assert_int_equal (plan_file (plan, 0)->orders->len, 0);
  assert_refused (f, plan, before);

  /* an inactive item, and an XLSX form whose code is not in the catalog */
  {
    g_autofree char *p2 = csv_file (f, "old.csv", "CT01,2026-12-01,V009,5,kg,\n");
    g_autoptr(JcImportPlan) plan2 = prepare (f, p2);
    g_autofree char *x = make_form (f, "code.xlsx", "CT01");
    g_autofree char *ref = qty_ref (x, "V002");
    g_autoptr(JcImportPlan) plan3 = NULL;
    g_autofree char *where = NULL;

    assert_error_at (plan_file (plan2, 0), "line 2, column item", "旧菜 (V009) is no longer in the catalog");
    assert_refused (f, plan2, before);

    /* the row of 小白菜 with its (locked) code mangled */
    set_number (x, ref, "3");
    assert_int_equal (atoi (ref + 1), 11);
    set_text (x, "A11", "V0X2");
    plan3 = prepare (f, x);
    where = g_strdup_printf ("row %d, column A (item code)", atoi (ref + 1));
    m = assert_error_at (plan_file (plan3, 0), where, "unknown item code “V0X2” (小白菜)");
    assert_contains (m->message, "did you mean 小白菜 (V002)");
    assert_refused (f, plan3, before);
  }
}

static void
test_unknown_unit (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = csv_file (f, "unit.csv",
                                    "CT01,2026-12-01,大白菜,10,kg,\n"
                                    "CT01,2026-12-01,鸡蛋,10,furlong,\n");
  g_autoptr(JcImportPlan) plan = prepare (f, path);
  const JcFormMessage *m;

  m = assert_error_at (plan_file (plan, 0), "line 3, column unit", "unknown unit “furlong”");
  assert_contains (m->message, "鸡蛋 (M001) is ordered in 个, kg, 斤");
  assert_refused (f, plan, before);
}

static void
test_unconvertible_unit (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = csv_file (f, "box.csv",
                                    "CT01,2026-12-01,土豆,2,箱,\n"
                                    "CT01,2026-12-01,大白菜,2,箱,\n"
                                    "CT01,2026-12-01,食用油,2,kg,\n");
  g_autoptr(JcImportPlan) plan = prepare (f, path);

  /* 土豆 has a pack of 20 kg: fine; 大白菜 has none; oil is not weighed */
  assert_error_at (plan_file (plan, 0), "line 3, column unit",
                   "大白菜 (V001) has no pack size, so it cannot be ordered in “箱”");
  assert_error_at (plan_file (plan, 0), "line 4, column unit",
                   "食用油 (G001) cannot be ordered in “kg”; use L, ml");
  assert_int_equal (plan_file (plan, 0)->errors->len, 2);
  assert_refused (f, plan, before);
}

/* One XLSX form with one bad quantity; returns the plan. */
static JcImportPlan *
form_with_qty (Fixture    *f,
               const char *name,
               const char *code,
               const char *value,
               gboolean    as_text,
               char      **out_where)
{
  g_autofree char *path = make_form (f, name, "CT01");
  g_autofree char *good = qty_ref (path, "V003");
  g_autofree char *ref = qty_ref (path, code);

  set_number (path, good, "4");
  if (as_text)
    set_text (path, ref, value);
  else
    set_number (path, ref, value);
  *out_where = g_strdup_printf ("row %s, column E (quantity)", ref + 1);
  return prepare (f, path);
}

static void
test_negative (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *where = NULL;
  g_autoptr(JcImportPlan) plan = form_with_qty (f, "neg.xlsx", "V001", "-5", FALSE, &where);
  const JcFormMessage *m = assert_error_at (plan_file (plan, 0), where, "“-5” is negative");

  assert_string_equal (m->column, "E (quantity)");
  assert_int_equal (plan_file (plan, 0)->errors->len, 1);
  assert_refused (f, plan, before);
}

static void
test_non_numeric (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *where = NULL;
  g_autofree char *where2 = NULL;
  g_autoptr(JcImportPlan) plan = form_with_qty (f, "text.xlsx", "V001", "两斤", TRUE, &where);
  g_autoptr(JcImportPlan) plan2 = form_with_qty (f, "unit-in-qty.csv.xlsx", "V001", "3kg", TRUE, &where2);

  assert_error_at (plan_file (plan, 0), where, "“两斤” is not a number");
  assert_refused (f, plan, before);
  assert_error_at (plan_file (plan2, 0), where2, "“3kg” is not a number; type only the number");
  assert_refused (f, plan2, before);

  /* CSV: the column as the header names it */
  {
    g_autofree char *path = path_in (f, "zh.csv");
    g_autoptr(JcImportPlan) plan3 = NULL;

    write_text (path, "食堂,日期,品名,数量,单位,备注\nCT01,2026-12-01,大白菜,十,公斤,\n");
    plan3 = prepare (f, path);
    assert_error_at (plan_file (plan3, 0), "line 2, column 数量", "“十” is not a number");
    assert_refused (f, plan3, before);
  }
}

static void
test_absurd (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *where = NULL;
  g_autofree char *where2 = NULL;
  g_autoptr(JcImportPlan) plan = form_with_qty (f, "huge.xlsx", "V001", "200000", FALSE, &where);
  g_autoptr(JcImportPlan) plan2 = form_with_qty (f, "exp.xlsx", "V001", "1E-3", FALSE, &where2);

  assert_error_at (plan_file (plan, 0), where, "200000 公斤 of 大白菜 is absurd (more than 100000 公斤)");
  assert_refused (f, plan, before);
  /* how Excel may keep a tiny or huge number: refused, clearly */
  assert_error_at (plan_file (plan2, 0), where2, "“1E-3” is written with an exponent");
  assert_refused (f, plan2, before);

  /* in a larger unit: 200 吨 */
  {
    g_autofree char *path = csv_file (f, "t.csv", "CT01,2026-12-01,大白菜,200,吨,\n");
    g_autoptr(JcImportPlan) plan3 = prepare (f, path);

    assert_error_at (plan_file (plan3, 0), "line 2, column qty", "200 吨 of 大白菜 is absurd");
    assert_refused (f, plan3, before);
  }
}

/* A note above JC_MAX_TEXT_CHARS characters is refused, not cut; one at
 * the limit (in characters, not bytes) is kept. */
static void
test_long_note (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autoptr(GString) note = g_string_new (NULL);

  for (guint i = 0; i < JC_MAX_TEXT_CHARS; i++)
    g_string_append (note, "新");
  {
    g_autofree char *row = g_strdup_printf ("CT01,2026-12-01,大白菜,10,公斤,%s\n", note->str);
    g_autofree char *path = csv_file (f, "note200.csv", row);
    g_autoptr(JcImportPlan) plan = prepare (f, path);

    assert_int_equal (plan_file (plan, 0)->errors->len, 0);
  }
  g_string_append (note, "鲜");
  {
    g_autofree char *row = g_strdup_printf ("CT01,2026-12-01,大白菜,10,公斤,%s\n", note->str);
    g_autofree char *path = csv_file (f, "note201.csv", row);
    g_autoptr(JcImportPlan) plan = prepare (f, path);

    assert_error_at (plan_file (plan, 0), "line 2, column note",
                     "the note is longer than 200 characters");
    assert_refused (f, plan, before);
  }
}

static void
test_duplicate_lines (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = csv_file (f, "dup.csv",
                                    "CT01,2026-12-01,大白菜,10,kg,\n"
                                    "CT01,2026-12-01,鸡蛋,100,个,\n"
                                    "CT01,2026-12-01,V001,4,斤,\n"
                                    "CT02,2026-12-01,大白菜,10,kg,\n");
  g_autoptr(JcImportPlan) plan = prepare (f, path);

  /* the same item for another canteen is not a duplicate */
  assert_error_at (plan_file (plan, 0), "line 4, column item",
                   "大白菜 (V001) is already ordered on line 2 for CT01 on 2026-12-01");
  assert_int_equal (plan_file (plan, 0)->errors->len, 1);
  assert_refused (f, plan, before);
}

static void
test_canteen_mismatch (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "ct.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autoptr(JcImportPlan) plan = NULL;

  set_number (path, ref, "5");
  set_text (path, "B2", "CT02");
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "row 2, column B (canteen)",
                   "the form was made for canteen CT01 but this cell says “CT02”");
  assert_refused (f, plan, before);

  /* a CSV naming a canteen that does not exist: reported once */
  {
    g_autofree char *p2 = csv_file (f, "ct99.csv",
                                    "CT99,2026-12-01,大白菜,10,kg,\n"
                                    "CT99,2026-12-01,鸡蛋,10,个,\n");
    g_autoptr(JcImportPlan) plan2 = prepare (f, p2);

    assert_error_at (plan_file (plan2, 0), "line 2, column canteen",
                     "no canteen “CT99” (the canteens are CT01, CT02)");
    assert_int_equal (plan_file (plan2, 0)->errors->len, 1);
    assert_refused (f, plan2, before);
  }
  /* a form whose marker names a canteen that is gone */
  {
    g_autofree char *p3 = make_form (f, "gone.xlsx", "CT02");
    g_autofree char *r3 = qty_ref (p3, "V001");
    g_autoptr(JcImportPlan) plan3 = NULL;

    set_number (p3, r3, "5");
    assert_true (jc_store_delete_canteen (f->store, "CT02", NULL));
    plan3 = prepare (f, p3);
    assert_error_at (plan_file (plan3, 0), "row 2, column B (canteen)", "no canteen “CT02”");
    assert_refused (f, plan3, before);
  }
}

static void
test_date_mismatch (void **state)
{
  Fixture *f = *state;
  Snapshot before = stored_baseline (f);
  g_autofree char *path = make_form (f, "date.xlsx", "CT01");
  g_autofree char *ref = qty_ref (path, "V001");
  g_autoptr(JcImportPlan) plan = NULL;

  set_number (path, ref, "5");
  set_text (path, "B3", "2026-12-02");
  plan = prepare (f, path);
  assert_error_at (plan_file (plan, 0), "row 3, column B (delivery date)",
                   "the form was made for delivery on 2026-12-01 but this cell says “2026-12-02”");
  assert_refused (f, plan, before);

  /* the same date typed into the cell, which Excel keeps as a day number:
     accepted */
  {
    g_autofree char *p2 = make_form (f, "serial.xlsx", "CT01");
    g_autofree char *r2 = qty_ref (p2, "V001");
    g_autoptr(JcImportPlan) plan2 = NULL;

    set_number (p2, r2, "5");
    set_number (p2, "B3", "46357");   /* 2026-12-01 */
    plan2 = prepare (f, p2);
    dump_messages (plan_file (plan2, 0));
    assert_int_equal (plan_file (plan2, 0)->errors->len, 0);
  }
  /* CSV: not a date */
  {
    g_autofree char *p3 = csv_file (f, "d.csv", "CT01,2026-13-01,大白菜,10,kg,\n");
    g_autoptr(JcImportPlan) plan3 = prepare (f, p3);

    assert_error_at (plan_file (plan3, 0), "line 2, column date", "“2026-13-01” is not a date");
    assert_refused (f, plan3, before);
  }
}

static void
test_several_files (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = csv_file (f, "good.csv",
                                    "CT02,2026-12-01,大白菜,10,kg,\n"
                                    "CT02,2026-12-01,鸡蛋,120,个,\n");
  g_autofree char *bad = NULL;
  g_autofree char *where = NULL;
  /* writes bad.xlsx; its own plan is checked by other tests */
  JcImportPlan *bad_plan = form_with_qty (f, "bad.xlsx", "V001", "-1", FALSE, &where);
  const char *paths[] = { good, NULL, NULL };
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(JcOrder) ct01 = NULL;
  g_autoptr(JcOrder) ct02 = NULL;

  bad = path_in (f, "bad.xlsx");
  paths[1] = bad;
  plan = jc_order_import_prepare_at (f->store, paths, now, &error);
  assert_no_error (error);
  assert_int_equal (plan_file (plan, 0)->errors->len, 0);
  assert_int_equal (plan_file (plan, 0)->state, JC_IMPORT_FILE_READY);
  assert_error_at (plan_file (plan, 1), where, "negative");
  for (guint i = 0; i < plan_file (plan, 1)->errors->len; i++)
    assert_contains (((JcFormMessage *) plan_file (plan, 1)->errors->pdata[i])->text, "bad.xlsx");

  assert_false (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_IMPORTED);
  assert_contains (error->message, "1 of 2 files was not imported");
  assert_contains (error->message, "bad.xlsx");
  assert_null (strstr (error->message, "good.csv"));
  assert_int_equal (plan_file (plan, 0)->state, JC_IMPORT_FILE_STORED);
  assert_int_equal (plan_file (plan, 1)->state, JC_IMPORT_FILE_INVALID);
  ct02 = jc_store_get_order (f->store, "CT02", DATE, NULL);
  ct01 = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (ct02->lines->len, 2);
  assert_int_equal (line_of (ct02, "M001")->qty_milli, 120000);
  assert_int_equal (ct01->version, 0);
  assert_int_equal (jc_store_count_orders (f->store, NULL), 1);

  /* two files with the same canteen and day: the second is refused */
  {
    g_autofree char *again = csv_file (f, "again.csv", "CT02,2026-12-01,大白菜,11,kg,\n");
    g_autofree char *again2 = csv_file (f, "again2.csv", "CT02,2026-12-01,大白菜,12,kg,\n");
    const char *two[] = { again, again2, NULL };
    g_autoptr(JcImportPlan) p2 = jc_order_import_prepare_at (f->store, two, now, &error);

    assert_int_equal (plan_file (p2, 0)->errors->len, 0);
    assert_error_at (plan_file (p2, 1), "", "which ");
    assert_contains (((JcFormMessage *) plan_file (p2, 1)->errors->pdata[0])->text, "again.csv also has");
  }
  jc_import_plan_free (bad_plan);
}

static void
test_conflict_and_cutoff (void **state)
{
  Fixture *f = *state;
  g_autofree char *path = csv_file (f, "two.csv",
                                    "CT01,2026-12-01,大白菜,10,kg,\n"
                                    "CT02,2026-12-01,大白菜,20,kg,\n");
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(GDateTime) late = after_cutoff ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JcImportPlan) plan = prepare (f, path);
  g_autoptr(JcOrder) theirs = jc_store_get_order (f->store, "CT02", DATE, NULL);
  g_autoptr(JcItem) eggs = jc_store_get_item (f->store, "M001", NULL);
  g_autoptr(JcOrder) ct01 = NULL;
  JcImportFile *file = plan_file (plan, 0);

  /* someone saves CT02's order between preview and apply */
  g_ptr_array_add (theirs->lines, jc_order_line_parse (eggs, "60", "个", "", NULL));
  assert_true (jc_orders_save (f->store, theirs, 0, "desk2", NULL, now, NULL));
  assert_false (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_int_equal (file->state, JC_IMPORT_FILE_FAILED);
  assert_contains (file->outcome, "CT02 2026-12-01: The order of CT02 for 2026-12-01 was changed by someone else");
  /* nothing of the file: CT01's order (saved first) was rolled back */
  ct01 = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (ct01->version, 0);
  assert_int_equal (jc_store_count_orders (f->store, NULL), 1);
  g_clear_error (&error);
  g_clear_pointer (&plan, jc_import_plan_free);

  /* after the cutoff: a warning; refused without ACCEPT_LATE; stored as a
     late amendment with one and a reason */
  plan = jc_order_import_prepare_at (f->store, (const char *[]) { path, NULL }, late, &error);
  file = plan_file (plan, 0);
  assert_int_equal (file->errors->len, 0);
  assert_int_equal (file->warnings->len, 2);
  assert_int_equal (((JcFormMessage *) file->warnings->pdata[0])->kind, JC_FORM_MESSAGE_LATE);
  assert_contains (((JcFormMessage *) file->warnings->pdata[0])->text,
                   "two.csv: line 2, column date: the cutoff for CT01's order of 2026-12-01 was 2026-11-30 14:00");
  assert_true (((JcImportOrder *) file->orders->pdata[0])->late);
  assert_false (jc_order_import_apply (f->store, plan, 0, "test", late, &error));
  assert_contains (file->outcome, "cutoff");
  g_clear_error (&error);
  assert_int_equal (jc_store_count_orders (f->store, NULL), 1);
  jc_import_plan_set_reason (plan, "电话确认");
  assert_true (jc_order_import_apply (f->store, plan, JC_ORDER_SAVE_ACCEPT_LATE, "staff", late, &error));
  assert_no_error (error);
  g_clear_pointer (&ct01, jc_order_free);
  ct01 = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_true (ct01->late);
  assert_int_equal (ct01->status, JC_ORDER_SUBMITTED);
}

static void
test_spike_warning (void **state)
{
  Fixture *f = *state;
  g_autoptr(GDateTime) then = g_date_time_new_local (2026, 9, 1, 8, 0, 0);
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcItem) cabbage = jc_store_get_item (f->store, "V001", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = csv_file (f, "spike.csv",
                                    "CT01,2026-12-01,大白菜,100,kg,\n"
                                    "CT01,2026-12-01,鸡蛋,100,个,\n");
  g_autoptr(JcImportPlan) plan = NULL;
  const JcFormMessage *m;

  for (int w = 1; w <= 8; w++)
    {
      GDate d;
      char iso[11];
      g_autoptr(JcOrder) o = NULL;

      g_date_clear (&d, 1);
      g_date_set_dmy (&d, 1, 12, 2026);
      g_date_subtract_days (&d, 7 * w);
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &d);
      o = jc_store_get_order (f->store, "CT01", iso, NULL);
      g_ptr_array_add (o->lines, jc_order_line_parse (cabbage, "10", "kg", "", NULL));
      assert_true (jc_orders_save (f->store, o, JC_ORDER_SAVE_SUBMIT, "a", NULL, then, NULL));
    }
  plan = prepare (f, path);
  assert_false (jc_import_plan_has_errors (plan));
  assert_true (jc_import_plan_has_warnings (plan));
  assert_int_equal (plan_file (plan, 0)->warnings->len, 1);
  m = plan_file (plan, 0)->warnings->pdata[0];
  assert_int_equal (m->kind, JC_FORM_MESSAGE_SPIKE);
  assert_contains (m->text, "spike.csv: line 2, column qty: 100 kg of 大白菜 for CT01 is more than 5 times "
                            "this canteen's usual 10 kg");
  /* the caller confirmed: stored */
  assert_true (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_no_error (error);
}

static void
test_error_cap (void **state)
{
  Fixture *f = *state;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(JcImportPlan) plan = NULL;
  JcImportFile *file;

  for (int i = 0; i < 80; i++)
    g_string_append_printf (body, "CT01,2026-12-01,大白菜,x%d,kg,\n", i);
  path = csv_file (f, "many.csv", body->str);
  plan = prepare (f, path);
  file = plan_file (plan, 0);
  assert_int_equal (file->n_errors, 80);
  assert_int_equal (file->errors->len, JC_ORDER_FORM_MAX_ERRORS + 1);
  assert_error_at (file, "line 2, column qty", "“x0” is not a number");
  assert_error_at (file, "", "many.csv has 30 more errors not shown");
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_template_structure),
    T (test_template_csv),
    T (test_import_filled_xlsx),
    T (test_fixtures),
    T (test_unknown_item),
    T (test_unknown_unit),
    T (test_unconvertible_unit),
    T (test_negative),
    T (test_non_numeric),
    T (test_absurd),
    T (test_long_note),
    T (test_duplicate_lines),
    T (test_canteen_mismatch),
    T (test_date_mismatch),
    T (test_several_files),
    T (test_conflict_and_cutoff),
    T (test_spike_warning),
    T (test_error_cap),
  };

  return cmocka_run_group_tests_name ("order-form", tests, NULL, NULL);
}
