/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Order forms: the XLSX and CSV templates, reading filled forms back, the
 * preview, one transaction per file — and every kind of bad file, each of
 * which must be named by file, row and column and must store nothing. */
#include "config.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "jc-test-util.h"
#include "jc-error.h"
#include "jc-order-form.h"
#include "jc-order-form-write.h"
#include "jc-orders.h"

#define DATE "2026-12-01"
#define PREV_DATE "2026-11-24"
#define SHEET "xl/worksheets/sheet1.xml"

typedef struct {
  char    *dir;
  char    *db;
  JcStore *store;
} Fixture;

static JcItem *
make_item (const char *code,
           const char *name,
           const char *category,
           JcBaseUnit  unit)
{
  JcItem *item = jc_item_new ();

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup (category);
  item->base_unit = unit;
  return item;
}

static void
insert_item (JcStore *store,
             JcItem  *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcItem) owned = item;

  assert_true (jc_store_insert_item (store, owned, &error));
  assert_no_error (error);
}

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(JcCanteen) c = jc_canteen_new ();
  JcItem *item;

  f->dir = jc_test_tmpdir ();
  f->db = g_build_filename (f->dir, "forms.db", NULL);
  f->store = jc_store_open (f->db, NULL);
  assert_non_null (f->store);

  insert_item (f->store, make_item ("V001", "大白菜", "veg", JC_BASE_UNIT_KG));
  insert_item (f->store, make_item ("V002", "小白菜", "veg", JC_BASE_UNIT_KG));
  insert_item (f->store, make_item ("V003", "白萝卜", "veg", JC_BASE_UNIT_KG));
  item = make_item ("V004", "土豆", "veg", JC_BASE_UNIT_KG);
  item->pack_milli = 20000;
  g_strfreev (item->aliases);
  item->aliases = g_strsplit ("马铃薯", ",", -1);
  insert_item (f->store, item);
  item = make_item ("V009", "旧菜", "veg", JC_BASE_UNIT_KG);
  item->active = FALSE;
  insert_item (f->store, item);
  item = make_item ("M001", "鸡蛋", "meat", JC_BASE_UNIT_PIECE);
  item->piece_mass_mg = 50000;
  insert_item (f->store, item);
  insert_item (f->store, make_item ("G001", "食用油", "grain", JC_BASE_UNIT_L));

  c->code = g_strdup ("CT01");
  c->name = g_strdup ("市政府机关食堂");
  c->lat = 31.23;
  c->lon = 121.47;
  assert_true (jc_store_insert_canteen (f->store, c, NULL));
  c->id = 0;
  g_free (c->code);
  g_free (c->name);
  c->code = g_strdup ("CT02");
  c->name = g_strdup ("公安局食堂");
  assert_true (jc_store_insert_canteen (f->store, c, NULL));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f);
  return 0;
}

static GDateTime *
before_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 10, 0, 0);
}

static GDateTime *
after_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 15, 0, 0);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_text (const char *path,
            const char *text)
{
  assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* ---- zip helpers ------------------------------------------------------- */

static char *
zip_get (const char *xlsx,
         const char *entry)
{
  int err = 0;
  zip_t *za = zip_open (xlsx, ZIP_RDONLY, &err);
  zip_stat_t st;
  zip_file_t *zf;
  char *buf;

  assert_non_null (za);
  zip_stat_init (&st);
  assert_int_equal (zip_stat (za, entry, 0, &st), 0);
  buf = g_malloc0 (st.size + 1);
  zf = zip_fopen (za, entry, 0);
  assert_non_null (zf);
  assert_int_equal (zip_fread (zf, buf, st.size), (zip_int64_t) st.size);
  zip_fclose (zf);
  zip_discard (za);
  return buf;
}

/* Replaces or adds an entry. */
static void
zip_put (const char *xlsx,
         const char *entry,
         const char *content)
{
  int err = 0;
  zip_t *za = zip_open (xlsx, 0, &err);
  size_t len = strlen (content);
  char *copy = malloc (len + 1);
  zip_source_t *src;
  zip_int64_t idx;

  assert_non_null (za);
  memcpy (copy, content, len + 1);
  src = zip_source_buffer (za, copy, len, 1);
  assert_non_null (src);
  idx = zip_name_locate (za, entry, 0);
  if (idx >= 0)
    assert_int_equal (zip_file_replace (za, (zip_uint64_t) idx, src, 0), 0);
  else
    assert_true (zip_file_add (za, entry, src, ZIP_FL_ENC_UTF_8) >= 0);
  assert_int_equal (zip_close (za), 0);
}

static void
zip_patch (const char *xlsx,
           const char *entry,
           const char *from,
           const char *to)
{
  g_autofree char *text = zip_get (xlsx, entry);
  g_autoptr(GString) s = g_string_new (text);
  const char *at = strstr (text, from);

  if (at == NULL)
    fail_msg ("“%s” is not in %s", from, entry);
  g_string_erase (s, at - text, (gssize) strlen (from));
  g_string_insert (s, at - text, to);
  zip_put (xlsx, entry, s->str);
}

/* Sets a cell of the form sheet as a person filling it in would: `type`
 * NULL for a number, "inlineStr" for text; `inner` the cell's XML. */
static void
set_cell (const char *xlsx,
          const char *ref,
          const char *type,
          const char *inner)
{
  g_autofree char *text = zip_get (xlsx, SHEET);
  g_autoptr(GString) s = g_string_new (text);
  g_autofree char *open = g_strdup_printf ("<c r=\"%s\"", ref);
  g_autofree char *style = NULL;
  g_autofree char *cell = NULL;
  const char *at = strstr (text, open);

  if (at != NULL && (at[strlen (open)] == ' ' || at[strlen (open)] == '>' || at[strlen (open)] == '/'))
    {
      const char *gt = strchr (at, '>');
      const char *end;
      const char *s_attr = strstr (at, " s=\"");

      if (s_attr != NULL && s_attr < gt)
        style = g_strndup (s_attr + 4, (gsize) (strchr (s_attr + 4, '"') - (s_attr + 4)));
      end = gt[-1] == '/' ? gt + 1 : strstr (gt, "</c>") + 4;
      cell = g_strdup_printf ("<c r=\"%s\"%s%s%s%s%s%s>%s</c>", ref, style ? " s=\"" : "",
                              style ? style : "", style ? "\"" : "", type ? " t=\"" : "",
                              type ? type : "", type ? "\"" : "", inner);
      g_string_erase (s, at - text, end - at);
      g_string_insert (s, at - text, cell);
    }
  else
    {
      /* Not in the sheet yet: at the end of its row. */
      guint col, row;
      const char *p = ref;
      g_autofree char *row_open = NULL;
      const char *row_at, *row_end;

      while (g_ascii_isalpha (*p))
        p++;
      row = (guint) atoi (p);
      col = 0;
      (void) col;
      row_open = g_strdup_printf ("<row r=\"%u\"", row);
      row_at = strstr (text, row_open);
      assert_non_null (row_at);
      row_end = strstr (row_at, "</row>");
      assert_non_null (row_end);
      cell = g_strdup_printf ("<c r=\"%s\"%s%s%s>%s</c>", ref, type ? " t=\"" : "",
                              type ? type : "", type ? "\"" : "", inner);
      g_string_insert (s, row_end - text, cell);
    }
  zip_put (xlsx, SHEET, s->str);
}

static void
set_number (const char *xlsx,
            const char *ref,
            const char *number)
{
  g_autofree char *inner = g_strdup_printf ("<v>%s</v>", number);

  set_cell (xlsx, ref, NULL, inner);
}

static void
set_text (const char *xlsx,
          const char *ref,
          const char *text)
{
  g_autofree char *inner = g_strdup_printf ("<is><t>%s</t></is>", text);

  set_cell (xlsx, ref, "inlineStr", inner);
}

/* ---- XML helpers ------------------------------------------------------- */

static xmlDoc *
zip_xml (const char *xlsx,
         const char *entry)
{
  g_autofree char *text = zip_get (xlsx, entry);
  xmlDoc *doc = xmlReadMemory (text, (int) strlen (text), entry, NULL, XML_PARSE_NONET);

  assert_non_null (doc);
  return doc;
}

static char *
xpath_string (xmlDoc     *doc,
              const char *expr)
{
  xmlXPathContext *ctx = xmlXPathNewContext (doc);
  g_autofree char *full = g_strdup_printf ("string(%s)", expr);
  xmlXPathObject *obj = xmlXPathEvalExpression ((const xmlChar *) full, ctx);
  char *out;

  assert_non_null (obj);
  out = g_strdup ((const char *) obj->stringval);
  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  return out;
}

static int
xpath_count (xmlDoc     *doc,
             const char *expr)
{
  xmlXPathContext *ctx = xmlXPathNewContext (doc);
  xmlXPathObject *obj = xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
  int n;

  assert_non_null (obj);
  n = obj->nodesetval ? obj->nodesetval->nodeNr : 0;
  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  return n;
}

#define E(name) "*[local-name()='" name "']"

/* The shared strings of a workbook, in order. */
static GPtrArray *
shared_strings (const char *xlsx)
{
  xmlDoc *doc = zip_xml (xlsx, "xl/sharedStrings.xml");
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  int n = xpath_count (doc, "//" E ("si"));

  for (int i = 1; i <= n; i++)
    {
      g_autofree char *expr = g_strdup_printf ("(//" E ("si") ")[%d]", i);

      g_ptr_array_add (out, xpath_string (doc, expr));
    }
  xmlFreeDoc (doc);
  return out;
}

static int
sst_index (GPtrArray  *sst,
           const char *text)
{
  for (guint i = 0; i < sst->len; i++)
    if (g_str_equal (sst->pdata[i], text))
      return (int) i;
  return -1;
}

/* The sheet row of the cell in column `col` holding the shared string
 * `text`, 0 if none. */
static guint
row_of (const char *xlsx,
        const char *col,
        const char *text)
{
  g_autoptr(GPtrArray) sst = shared_strings (xlsx);
  int idx = sst_index (sst, text);
  xmlDoc *doc;
  g_autofree char *expr = NULL;
  g_autofree char *ref = NULL;

  if (idx < 0)
    return 0;
  doc = zip_xml (xlsx, SHEET);
  expr = g_strdup_printf ("//" E ("c") "[starts-with(@r,'%s')][@t='s'][" E ("v") "='%d']/@r", col, idx);
  ref = xpath_string (doc, expr);
  xmlFreeDoc (doc);
  if (*ref == '\0')
    return 0;
  return (guint) atoi (ref + strlen (col));
}

/* "E12": the quantity cell of an item in a form. */
static char *
qty_ref (const char *xlsx,
         const char *code)
{
  guint row = row_of (xlsx, "A", code);

  assert_true (row >= JC_ORDER_FORM_FIRST_ROW);
  return g_strdup_printf ("E%u", row);
}

/* ---- import helpers ---------------------------------------------------- */

static char *
make_form (Fixture    *f,
           const char *name,
           const char *canteen)
{
  g_autoptr(GError) error = NULL;
  char *path = path_in (f, name);

  assert_true (jc_order_form_write (f->store, canteen, DATE, path, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  return path;
}

static JcImportPlan *
prepare (Fixture    *f,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  const char *paths[] = { path, NULL };
  JcImportPlan *plan = jc_order_import_prepare_at (f->store, paths, now, &error);

  assert_no_error (error);
  assert_non_null (plan);
  return plan;
}

static JcImportFile *
plan_file (JcImportPlan *plan,
           guint         i)
{
  assert_true (i < plan->files->len);
  return plan->files->pdata[i];
}

static void
dump_messages (const JcImportFile *file)
{
  for (guint i = 0; i < file->errors->len; i++)
    print_message ("  error: %s\n", ((JcFormMessage *) file->errors->pdata[i])->text);
  for (guint i = 0; i < file->warnings->len; i++)
    print_message ("  warning: %s\n", ((JcFormMessage *) file->warnings->pdata[i])->text);
}

/* The file has an error whose one-line text names the file and `where`
 * ("row 14, column E (quantity)") and says `what`. */
static const JcFormMessage *
assert_error_at (const JcImportFile *file,
                 const char         *where,
                 const char         *what)
{
  g_autofree char *prefix = *where ? g_strdup_printf ("%s: %s: ", file->path, where)
                                   : g_strdup (file->path);

  for (guint i = 0; i < file->errors->len; i++)
    {
      const JcFormMessage *m = file->errors->pdata[i];

      if (g_str_has_prefix (m->text, prefix) && strstr (m->text, what) != NULL)
        {
          assert_string_equal (m->file, file->path);
          assert_int_equal (m->kind, JC_FORM_MESSAGE_ERROR);
          return m;
        }
    }
  dump_messages (file);
  fail_msg ("no error “%s … %s” in %s", prefix, what, file->path);
  return NULL;
}

typedef struct {
  gint64 n_orders;
  int    version;
} Snapshot;

static Snapshot
snapshot (Fixture *f)
{
  g_autoptr(JcOrder) o = jc_store_get_order (f->store, "CT01", DATE, NULL);
  Snapshot s = { jc_store_count_orders (f->store, NULL), o->version };

  return s;
}

/* A file with errors: the plan says so, apply refuses it, nothing changes. */
static void
assert_refused (Fixture      *f,
                JcImportPlan *plan,
                Snapshot      before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  Snapshot after;

  assert_true (jc_import_plan_has_errors (plan));
  assert_false (jc_order_import_apply (f->store, plan, 0, "test", now, &error));
  assert_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_IMPORTED);
  assert_int_equal (plan_file (plan, 0)->state, JC_IMPORT_FILE_INVALID);
  assert_contains (plan_file (plan, 0)->outcome, "not imported");
  after = snapshot (f);
  assert_int_equal (after.n_orders, before.n_orders);
  assert_int_equal (after.version, before.version);
}

/* An order stored before a bad import, so "unchanged" means something. */
static Snapshot
stored_baseline (Fixture *f)
{
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) o = jc_store_get_order (f->store, "CT01", DATE, NULL);
  g_autoptr(JcItem) item = jc_store_get_item (f->store, "V003", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->lines, jc_order_line_parse (item, "7", "kg", "", NULL));
  assert_true (jc_store_save_order (f->store, o, JC_ORDER_SAVE_SUBMIT, "canteen", NULL, now, &error));
  assert_no_error (error);
  return snapshot (f);
}

static const JcOrderLine *
line_of (const JcOrder *o,
         const char    *code)
{
  for (guint i = 0; i < o->lines->len; i++)
    if (g_str_equal (((JcOrderLine *) o->lines->pdata[i])->item_code, code))
      return o->lines->pdata[i];
  fail_msg ("no line %s in the order of %s", code, o->canteen_code);
  return NULL;
}

static const JcImportChange *
change_of (const JcImportOrder *io,
           const char          *code)
{
  for (guint i = 0; i < io->changes->len; i++)
    if (g_str_equal (((JcImportChange *) io->changes->pdata[i])->item_code, code))
      return io->changes->pdata[i];
  fail_msg ("no change of %s", code);
  return NULL;
}

static char *
csv_file (Fixture    *f,
          const char *name,
          const char *body)
{
  char *path = path_in (f, name);
  g_autofree char *text = g_strconcat ("canteen,date,item,qty,unit,note\n", body, NULL);

  write_text (path, text);
  return path;
}

/* ---- the template ------------------------------------------------------ */

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
    assert_true (jc_store_save_order (f->store, o, JC_ORDER_SAVE_SUBMIT, "a", NULL, then, &error));
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
test_several_files (void **state)
{
  Fixture *f = *state;
  g_autofree char *good = csv_file (f, "good.csv",
                                    "CT02,2026-12-01,大白菜,10,kg,\n"
                                    "CT02,2026-12-01,鸡蛋,120,个,\n");
  g_autofree char *bad = NULL;
  g_autofree char *where = NULL;
  g_autoptr(JcImportPlan) bad_plan = form_with_qty (f, "bad.xlsx", "V001", "-1", FALSE, &where);
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
  assert_true (jc_store_save_order (f->store, theirs, 0, "desk2", NULL, now, NULL));
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
      assert_true (jc_store_save_order (f->store, o, JC_ORDER_SAVE_SUBMIT, "a", NULL, then, NULL));
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
    T (test_duplicate_lines),
    T (test_canteen_mismatch),
    T (test_date_mismatch),
    T (test_not_a_zip),
    T (test_xxe),
    T (test_zip_bomb),
    T (test_too_large),
    T (test_gb18030_csv),
    T (test_empty_file),
    T (test_formula),
    T (test_merged_cells),
    T (test_extra_sheets),
    T (test_several_files),
    T (test_conflict_and_cutoff),
    T (test_spike_warning),
    T (test_error_cap),
    T (test_bad_csv_syntax),
  };

  return cmocka_run_group_tests_name ("order-form", tests, NULL, NULL);
}
