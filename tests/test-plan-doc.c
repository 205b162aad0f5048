/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The purchase order (PDF, XLSX) and the canteen statement, read back the
 * way a person or a spreadsheet would: pdftotext, pdftoppm, and the
 * workbook's XML. */
#include "config.h"

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-test-xlsx.h"
#include "jc-orders.h"
#include "jc-plan-doc.h"
#include "jc-plan.h"
#include "jc-prices.h"

typedef struct {
  char    *dir;
  char    *path;   /* the database's location (jc-test-store.h) */
  JcStore *store;
} Fixture;

static void
add_item (JcStore    *store,
          const char *code,
          const char *name,
          const char *category,
          gint64      pack,
          int         loss)
{
  g_autoptr(JcItem) item = jc_item_new ();

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup (category);
  item->pack_milli = pack;
  item->loss_permille = loss;
  assert_true (jc_store_insert_item (store, item, NULL));
}

static void
submit (JcStore    *store,
        const char *canteen,
        const char *date,
        const char *item_code,
        const char *qty)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 9, 0, 0);
  g_autoptr(JcItem) item = jc_store_get_item (store, item_code, NULL);
  g_autoptr(JcOrder) o = jc_store_get_order (store, canteen, date, NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->lines, jc_order_line_parse (item, qty, "kg", "", NULL));
  assert_true (jc_orders_save (store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, &error));
  assert_no_error (error);
}

/* Three items (rice in 25 kg bags and a stale price, cabbage with 10 %
 * loss, fish without a price), two canteens ordering on 12-01 and 12-02,
 * both plans locked. */
static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(JcItem) rice = NULL;
  g_autoptr(JcItem) cabbage = NULL;
  const char *codes[] = { "CT01", "CT02" };
  const char *dates[] = { "2026-12-01", "2026-12-02" };
  JcPutResult put;

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, NULL);
  assert_non_null (f->store);
  add_item (f->store, "G001", "大米", "grain", 25000, 0);
  add_item (f->store, "V001", "大白菜", "veg", 0, 100);
  add_item (f->store, "A001", "草鱼", "aquatic", 0, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (codes[i]);
      c->name = g_strdup (i == 0 ? "市政府食堂" : "市教育局食堂");
      c->lat = 31.2;
      c->lon = 121.4;
      assert_true (jc_store_insert_canteen (f->store, c, NULL));
    }
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_strdup ("file:///dev/null");
  assert_true (jc_store_insert_source (f->store, src, NULL));
  rice = jc_store_get_item (f->store, "G001", NULL);
  cabbage = jc_store_get_item (f->store, "V001", NULL);
  {
    JcPriceQuote r = { "大米", "", "", "", "斤", "2026-11-27", 2000, 2000, 2000 };  /* Friday: stale for Tuesday */
    JcPriceQuote c = { "大白菜", "", "", "", "斤", "2026-12-01", 600, 640, 700 };

    assert_true (jc_price_put_quote (f->store, src->id, 0, &r, rice, &put, NULL));
    assert_true (jc_price_put_quote (f->store, src->id, 0, &c, cabbage, &put, NULL));
  }
  for (guint d = 0; d < 2; d++)
    {
      submit (f->store, "CT01", dates[d], "G001", "30");
      submit (f->store, "CT01", dates[d], "V001", "10");
      submit (f->store, "CT02", dates[d], "V001", "10");
      submit (f->store, "CT02", dates[d], "A001", "5");
      assert_true (jc_plan_lock (f->store, dates[d], 7, "staff", NULL));
    }
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_test_store_location_free (f->path);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f);
  return 0;
}

/* ---- XLSX read back ------------------------------------------------- */

typedef JcTestCell Cell;

static const Cell *
cell_at (GHashTable *cells,
         char        col,
         guint       row)
{
  g_autofree char *ref = g_strdup_printf ("%c%u", col, row);

  return g_hash_table_lookup (cells, ref);
}

/* A numeric cell of yuan, back to fen exactly. */
static gint64
cell_fen (const Cell *c)
{
  gint64 fen = 0;

  assert_non_null (c);
  assert_true (c->numeric);
  assert_true (jc_parse_decimal (c->value, 2, &fen, NULL));
  return fen;
}

/* The text of shared string number `index` (a cell's <v>): the index-th
 * <si> of xl/sharedStrings.xml. */
static const char *
shared_string (const char *xml,
               const char *index)
{
  static char *text = NULL;
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), "sharedStrings.xml", NULL,
                               XML_PARSE_NONET);
  guint64 want = g_ascii_strtoull (index, NULL, 10);
  guint64 n = 0;

  assert_non_null (doc);
  g_clear_pointer (&text, g_free);
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (si->type == XML_ELEMENT_NODE && xmlStrEqual (si->name, (const xmlChar *) "si") &&
        n++ == want)
      {
        xmlChar *t = xmlNodeGetContent (si);

        text = g_strdup ((const char *) t);
        xmlFree (t);
        break;
      }
  xmlFreeDoc (doc);
  assert_non_null (text);
  return text;
}

/* ---- tests ---------------------------------------------------------- */

static void
test_plan_pdf (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlan) plan = jc_plan_load (f->store, "2026-12-01", 7, &error);
  g_autofree char *pdf = g_build_filename (f->dir, "plan.pdf", NULL);
  g_autofree char *png_prefix = g_build_filename (f->dir, "page1", NULL);
  g_autofree char *png = g_strconcat (png_prefix, ".png", NULL);
  g_autofree char *text = NULL;
  cairo_surface_t *image;
  guint dark = 0;

  assert_no_error (error);
  assert_int_equal (plan->total_cost_fen, 22816);
  assert_int_equal (jc_plan_doc_n_pages (plan, JC_PLAN_DOC_A4_WIDTH, JC_PLAN_DOC_A4_HEIGHT), 1);
  /* the page count does not depend on the size drawn at */
  assert_int_equal (jc_plan_doc_n_pages (plan, 300, 200), 1);
  assert_true (jc_plan_export_pdf (plan, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);

  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  assert_contains (text, "采购单");
  assert_contains (text, "2026-12-01");
  assert_contains (text, "大白菜");
  assert_contains (text, "大米");
  assert_contains (text, "¥228.16");          /* the total */
  assert_contains (text, "A001 草鱼");         /* listed as without a price */
  assert_contains (text, "No price");
  assert_contains (text, "第 1 页 / 共 1 页");
  assert_contains (text, "staff");            /* locked by */
  assert_contains (text, "采购员");
  assert_contains (text, "复核");
  assert_contains (text, "负责人");
  assert_contains (text, "4.00 *");            /* rice's stale price */

  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                           pdf, png_prefix, NULL };
    g_free (jc_test_run_tool (argv));
  }
  assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  image = cairo_image_surface_create_from_png (png);
  assert_int_equal (cairo_surface_status (image), CAIRO_STATUS_SUCCESS);
  {
    int w = cairo_image_surface_get_width (image);
    int h = cairo_image_surface_get_height (image);
    int stride = cairo_image_surface_get_stride (image);
    const guchar *data = cairo_image_surface_get_data (image);

    assert_true (w > 300 && h > 500);   /* A4 at 50 dpi: 413 × 585 */
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        {
          const guchar *px = data + y * stride + x * 4;

          if (px[0] < 128 && px[1] < 128 && px[2] < 128)
            dark++;
        }
  }
  cairo_surface_destroy (image);
  assert_true (dark > 2000);
  if (g_getenv ("JICAI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("JICAI_SCREENSHOT_DIR"),
                                                "plan-page1.png", NULL);
      g_autofree char *bytes = NULL;
      gsize len = 0;

      g_mkdir_with_parents (g_getenv ("JICAI_SCREENSHOT_DIR"), 0755);
      if (g_file_get_contents (png, &bytes, &len, NULL))
        g_file_set_contents (copy, bytes, (gssize) len, NULL);
    }
}


/* The number of pages of a PDF file, as pdfinfo reads it. */
static guint
pdf_n_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = jc_test_run_tool (argv);
  const char *line = strstr (info, "Pages:");

  assert_non_null (line);
  return (guint) atoi (line + strlen ("Pages:"));
}

/* Many lines: several pages, every one numbered, the total on the last. */
static void
test_plan_pages (void **state)
{
  g_autoptr(JcPlan) plan = g_new0 (JcPlan, 1);
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  memcpy (plan->date, "2026-12-03", 11);
  plan->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_plan_line_free);
  plan->no_price = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 120; i++)
    {
      JcPlanLine *l = g_new0 (JcPlanLine, 1);

      l->item_code = g_strdup_printf ("V%03u", i);
      l->item_name = g_strdup ("青菜");
      l->category = g_strdup (i < 60 ? "veg" : "meat");
      l->category_name = g_strdup (i < 60 ? "蔬菜" : "肉类");
      l->demand_milli = 1000;
      l->has_price = TRUE;
      l->price_milliyuan = 2000;
      memcpy (l->price_date, "2026-12-03", 11);
      assert_true (jc_plan_line_compute (l, NULL));
      l->shares = g_array_new (FALSE, TRUE, sizeof (JcPlanShare));
      plan->total_cost_fen += l->cost_fen;
      g_ptr_array_add (plan->lines, l);
    }
  n = jc_plan_doc_n_pages (plan, JC_PLAN_DOC_A4_WIDTH, JC_PLAN_DOC_A4_HEIGHT);
  assert_true (n >= 3);
  assert_true (jc_plan_export_pdf (plan, pdf, JC_OUTPUT_NONE, &error));
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  for (guint p = 1; p <= n; p++)
    {
      g_autofree char *mark = g_strdup_printf ("第 %u 页 / 共 %u 页", p, n);

      assert_contains (text, mark);
    }
  assert_contains (text, "¥240.00");
  assert_int_equal (pdf_n_pages (pdf), n);
  /* the paged document: the same pages, and the plan not needed after */
  {
    g_autoptr(JcPagedDoc) doc = jc_plan_doc_paged_new (plan);
    g_autofree char *again = g_build_filename (dir, "again.pdf", NULL);

    g_clear_pointer (&plan, jc_plan_free);
    assert_int_equal (jc_paged_doc_get_n_pages (doc, JC_PLAN_DOC_A4_WIDTH, JC_PLAN_DOC_A4_HEIGHT),
                      n);
    assert_int_equal (jc_paged_doc_get_n_pages (doc, 300, 200), n);
    assert_non_null (strstr (jc_paged_doc_get_title (doc), "2026-12-03"));
    assert_true (jc_paged_doc_write_pdf (doc, again, JC_OUTPUT_NONE, &error));
    assert_no_error (error);
    assert_int_equal (pdf_n_pages (again), n);
  }
  jc_test_rmtree (dir);
}

static void
test_plan_xlsx (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autofree char *xlsx = g_build_filename (f->dir, "plan.xlsx", NULL);
  g_autoptr(GHashTable) sheet = NULL;
  g_autoptr(GHashTable) alloc = NULL;
  guint total_row;
  guint rows = 0;

  /* with one purchase recorded: the allocation is of the actual cost */
  assert_true (jc_plan_record_purchase (f->store, "2026-12-01", "V001", 21500, 1301, "staff", "",
                                        &error));
  plan = jc_plan_load (f->store, "2026-12-01", 7, &error);
  assert_no_error (error);
  assert_true (jc_plan_export_xlsx (plan, xlsx, JC_OUTPUT_NONE, &error));
  assert_no_error (error);

  sheet = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet1.xml");
  /* header row 1, the lines 2…4, the totals row 5 */
  total_row = plan->lines->len + 2;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      const Cell *demand = cell_at (sheet, 'D', i + 2);
      const Cell *purchase = cell_at (sheet, 'H', i + 2);
      gint64 milli = 0;

      assert_non_null (demand);
      assert_true (demand->numeric);
      assert_true (jc_parse_decimal (demand->value, 3, &milli, NULL));
      assert_int_equal (milli, l->demand_milli);
      assert_true (purchase->numeric);
      assert_true (jc_parse_decimal (purchase->value, 3, &milli, NULL));
      assert_int_equal (milli, l->purchase_milli);
      if (l->has_price)
        assert_int_equal (cell_fen (cell_at (sheet, 'M', i + 2)), l->cost_fen);
      else
        assert_false (cell_at (sheet, 'J', i + 2)->numeric);   /* "无价格" */
    }
  {
    const Cell *total = cell_at (sheet, 'M', total_row);
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                                 plan->total_cost_fen / 100,
                                                 plan->total_cost_fen % 100);

    assert_non_null (total);
    assert_true (total->numeric);
    assert_string_equal (total->value, expected);      /* "228.16" */
    assert_string_equal (total->value, "228.16");
    assert_int_equal (cell_fen (cell_at (sheet, 'P', total_row)), plan->actual_total_fen);
  }

  /* the allocation: per item, the canteens' cells add up to the item's
   * cost cell; the column totals add up to the whole */
  alloc = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet2.xml");
  for (guint r = 2; cell_at (alloc, 'A', r) != NULL; r++)
    {
      gint64 base = cell_fen (cell_at (alloc, 'C', r));
      gint64 sum = 0;

      for (char c = 'D'; c <= 'E'; c++)
        if (cell_at (alloc, c, r) != NULL)
          sum += cell_fen (cell_at (alloc, c, r));
      assert_int_equal (sum, base);
      rows++;
    }
  assert_int_equal (rows, 2);   /* the fish has no price and no purchase */
  {
    guint t = rows + 2;

    assert_int_equal (cell_fen (cell_at (alloc, 'C', t)), plan->actual_total_fen);
    assert_int_equal (cell_fen (cell_at (alloc, 'D', t)) + cell_fen (cell_at (alloc, 'E', t)),
                      plan->actual_total_fen);
    /* V001 actual 2797 fen: CT01 1399 + G001 20000 */
    assert_int_equal (cell_fen (cell_at (alloc, 'D', t)), 1399 + 20000);
  }
}

/* 12-01 provisional (nothing recorded), 12-02 bought: every line. */
static void
test_statement (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStatement) st = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "st.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "st.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) sheet = NULL;

  assert_true (jc_plan_record_purchase (f->store, "2026-12-02", "V001", 22000, 1300, "staff", "",
                                        &error));
  assert_true (jc_plan_record_purchase (f->store, "2026-12-02", "G001", 50000, 4100, "staff", "",
                                        &error));
  assert_true (jc_plan_record_purchase (f->store, "2026-12-02", "A001", 5000, 20000, "staff", "",
                                        &error));
  assert_no_error (error);

  st = jc_statement_build (f->store, "CT01", "2026-12", &error);
  assert_no_error (error);
  assert_int_equal (st->days->len, 2);
  {
    JcStatementDay *d1 = st->days->pdata[0];
    JcStatementDay *d2 = st->days->pdata[1];

    assert_string_equal (d1->date, "2026-12-01");
    assert_true (d1->provisional);
    assert_int_equal (d1->total_fen, 1408 + 20000);     /* planned */
    assert_string_equal (d2->date, "2026-12-02");
    assert_false (d2->provisional);
    assert_int_equal (d2->total_fen, 1430 + 20500);     /* 22 kg × 1.30, 50 kg × 4.10 */
  }
  assert_int_equal (st->n_provisional_days, 1);
  assert_int_equal (st->total_fen, 21408 + 21930);
  /* the two canteens' statements add up to the plans' costs */
  {
    g_autoptr(JcStatement) other = jc_statement_build (f->store, "CT02", "2026-12", &error);
    g_autoptr(JcPlan) p1 = jc_plan_load (f->store, "2026-12-01", 7, NULL);
    g_autoptr(JcPlan) p2 = jc_plan_load (f->store, "2026-12-02", 7, NULL);

    assert_int_equal (other->total_fen + st->total_fen,
                      p1->actual_total_fen + p2->actual_total_fen);
    assert_int_equal (other->total_fen, 1408 + 1430 + 10000);
  }
  /* both canteens in one pass: the same statements, in the order asked */
  {
    const char *codes[] = { "CT02", "CT01", NULL };
    g_autoptr(GPtrArray) many = jc_statement_build_many (f->store, codes, "2026-12", &error);
    g_autoptr(JcStatement) other = jc_statement_build (f->store, "CT02", "2026-12", NULL);
    JcStatement *m0, *m1;

    assert_no_error (error);
    assert_int_equal (many->len, 2);
    m0 = many->pdata[0];
    m1 = many->pdata[1];
    assert_string_equal (m0->canteen_code, "CT02");
    assert_string_equal (m1->canteen_code, "CT01");
    assert_int_equal (m0->total_fen, other->total_fen);
    assert_int_equal (m1->total_fen, st->total_fen);
    assert_int_equal (m1->days->len, st->days->len);
    assert_int_equal (m1->n_provisional_days, st->n_provisional_days);
    for (guint d = 0; d < st->days->len; d++)
      {
        JcStatementDay *a = st->days->pdata[d];
        JcStatementDay *b = m1->days->pdata[d];

        assert_string_equal (a->date, b->date);
        assert_int_equal (a->lines->len, b->lines->len);
        assert_int_equal (a->total_fen, b->total_fen);
      }
    codes[0] = "CT99";
    assert_null (jc_statement_build_many (f->store, codes, "2026-12", &error));
    assert_contains (error->message, "CT99");
    g_clear_error (&error);
  }
  /* one day */
  {
    g_autoptr(JcStatement) day = jc_statement_build (f->store, "CT01", "2026-12-02", &error);

    assert_int_equal (day->days->len, 1);
    assert_int_equal (day->total_fen, 21930);
    assert_int_equal (day->n_provisional_days, 0);
  }
  assert_null (jc_statement_build (f->store, "CT01", "2026-13", &error));
  assert_error (error, JC_PLAN_DOC_ERROR, JC_PLAN_DOC_ERROR_INVALID);
  g_clear_error (&error);
  assert_null (jc_statement_build (f->store, "CT99", "2026-12", &error));
  assert_contains (error->message, "CT99");
  g_clear_error (&error);

  assert_true (jc_statement_export_pdf (f->store, "CT01", "2026-12", pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  /* the statement as a paged document: the PDF's pages */
  {
    g_autoptr(JcPagedDoc) doc = jc_statement_doc_paged_new (st);

    assert_int_equal (jc_paged_doc_get_n_pages (doc, JC_PLAN_DOC_A4_WIDTH, JC_PLAN_DOC_A4_HEIGHT),
                      pdf_n_pages (pdf));
    assert_non_null (strstr (jc_paged_doc_get_title (doc), "CT01"));
  }
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  assert_contains (text, "对账单");
  assert_contains (text, "市政府食堂");
  assert_contains (text, "暂估 provisional");
  assert_contains (text, "¥433.38");
  assert_contains (text, "¥214.08");
  assert_contains (text, "¥219.30");

  assert_true (jc_statement_export_xlsx (f->store, "CT01", "2026-12", xlsx, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  sheet = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet1.xml");
  /* 2 lines + day total, 2 lines + day total, the month total in row 8 */
  assert_int_equal (cell_fen (cell_at (sheet, 'F', 4)), 21408);
  assert_int_equal (cell_fen (cell_at (sheet, 'F', 7)), 21930);
  assert_int_equal (cell_fen (cell_at (sheet, 'F', 8)), 43338);
}

/* A late order of CT02 bought as a supplementary purchase (补单): the
 * purchase order marks its line as the plan page does, in a group of its
 * own naming the canteen, and the workbook says the same. */
static void
test_plan_supplement (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT02", "2026-12-01", NULL);
  g_autoptr(JcItem) rice = jc_store_get_item (f->store, "G001", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 30, 18, 0, 0);
  g_autofree char *pdf = g_build_filename (f->dir, "supplement.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "supplement.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) sheet = NULL;
  g_autoptr(GHashTable) alloc = NULL;
  const JcPlanLine *sup = NULL;
  guint n = 0, sup_row = 0, own_row = 0;

  g_ptr_array_add (order->lines, jc_order_line_parse (rice, "5", "kg", "", NULL));
  assert_true (jc_orders_save (f->store, order,
                                    JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE, "staff",
                                    "电话补报", now, &error));
  assert_no_error (error);
  assert_true (jc_plan_supplement (f->store, "2026-12-01", "CT02", "staff", "补单", &n, &error));
  assert_no_error (error);
  assert_int_equal (n, 1);
  /* and CT01's late fish: a group of its own */
  {
    g_autoptr(JcOrder) o1 = jc_store_get_order (f->store, "CT01", "2026-12-01", NULL);
    g_autoptr(JcItem) fish = jc_store_get_item (f->store, "A001", NULL);

    g_ptr_array_add (o1->lines, jc_order_line_parse (fish, "3", "kg", "", NULL));
    assert_true (jc_orders_save (f->store, o1,
                                      JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE, "staff",
                                      "电话补报", now, &error));
    assert_no_error (error);
    assert_true (jc_plan_supplement (f->store, "2026-12-01", "CT01", "staff", "补单", &n,
                                     &error));
    assert_no_error (error);
  }
  plan = jc_plan_load (f->store, "2026-12-01", 7, &error);
  assert_no_error (error);
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);

      if (l->supplement_id != 0 && g_str_equal (l->item_code, "G001"))
        {
          sup = l;
          sup_row = i + 2;
        }
      else if (g_str_equal (l->item_code, "G001"))
        own_row = i + 2;
    }
  assert_true (own_row > 0);
  assert_non_null (sup);
  assert_string_equal (sup->item_code, "G001");

  assert_true (jc_plan_export_pdf (plan, pdf, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

    text = jc_test_run_tool (argv);
  }
  /* the group's heading names the canteen, the line names its code; the
   * plan's own rice line stays unmarked */
  assert_contains (text, "Supplementary purchases · for CT02 市教育局食堂");
  assert_contains (text, "大米 G001 · for CT02");
  assert_contains (text, "小计 Subtotal · Supplementary purchases · for CT02");
  assert_contains (text, "Supplementary purchases · for CT01 市政府食堂");
  assert_contains (text, "草鱼 A001 · for CT01");
  assert_true (strstr (text, "Supplementary purchases · for CT01") >
               strstr (text, "小计 Subtotal · Supplementary purchases · for CT02"));
  assert_true (strstr (text, "大米 G001 · for CT02") > strstr (text, "Supplementary purchases"));
  {
    const char *first = strstr (text, "大米 G001");

    assert_non_null (first);
    assert_false (g_str_has_prefix (first, "大米 G001 ·"));
  }

  assert_true (jc_plan_export_xlsx (plan, xlsx, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  sheet = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet1.xml");
  alloc = jc_test_xlsx_read_sheet (xlsx, "xl/worksheets/sheet2.xml");
  {
    g_autofree char *shared = jc_test_zip_read (xlsx, "xl/sharedStrings.xml");
    const Cell *group = cell_at (sheet, 'A', sup_row);
    const Cell *name = cell_at (sheet, 'C', sup_row);

    assert_non_null (group);
    assert_non_null (name);
    assert_false (group->numeric);
    assert_contains (shared, "Supplementary purchases");
    assert_contains (shared, "大米 · for CT02 市教育局食堂");
    /* the cells point at those strings, not the plan's own line's */
    assert_string_equal (shared_string (shared, group->value), "Supplementary purchases");
    assert_string_equal (shared_string (shared, name->value), "大米 · for CT02 市教育局食堂");
    assert_string_equal (shared_string (shared, cell_at (sheet, 'C', own_row)->value), "大米");
  }
  {
    g_autofree char *shared = jc_test_zip_read (xlsx, "xl/sharedStrings.xml");
    gboolean found = FALSE;

    for (guint r = 2; cell_at (alloc, 'A', r) != NULL; r++)
      if (g_strcmp0 (shared_string (shared, cell_at (alloc, 'B', r)->value),
                     "大米 · for CT02 市教育局食堂") == 0)
        found = TRUE;
    assert_true (found);
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_plan_pdf, setup, teardown),
    cmocka_unit_test (test_plan_pages),
    cmocka_unit_test_setup_teardown (test_plan_xlsx, setup, teardown),
    cmocka_unit_test_setup_teardown (test_statement, setup, teardown),
    cmocka_unit_test_setup_teardown (test_plan_supplement, setup, teardown),
  };

  jc_test_store_init ("plan-doc");
  return cmocka_run_group_tests_name ("plan-doc", tests, NULL, NULL);
}
