/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the order-form suites share (test-order-form.c, the forms and the
 * import; test-order-form-files.c, every kind of bad file): the fixture,
 * editing a workbook's zip and cells as a person would, preparing an
 * import and asserting what it says and that nothing was stored. */
#pragma once

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

static G_GNUC_UNUSED JcItem *
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

static G_GNUC_UNUSED void
insert_item (JcStore *store,
             JcItem  *item)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcItem) owned = item;

  assert_true (jc_store_insert_item (store, owned, &error));
  assert_no_error (error);
}

static G_GNUC_UNUSED int
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

static G_GNUC_UNUSED int
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

static G_GNUC_UNUSED GDateTime *
before_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 10, 0, 0);
}

static G_GNUC_UNUSED GDateTime *
after_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 15, 0, 0);
}

static G_GNUC_UNUSED char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static G_GNUC_UNUSED void
write_text (const char *path,
            const char *text)
{
  assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* ---- zip helpers ------------------------------------------------------- */

static G_GNUC_UNUSED char *
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
static G_GNUC_UNUSED void
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

static G_GNUC_UNUSED void
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
static G_GNUC_UNUSED void
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

static G_GNUC_UNUSED void
set_number (const char *xlsx,
            const char *ref,
            const char *number)
{
  g_autofree char *inner = g_strdup_printf ("<v>%s</v>", number);

  set_cell (xlsx, ref, NULL, inner);
}

static G_GNUC_UNUSED void
set_text (const char *xlsx,
          const char *ref,
          const char *text)
{
  g_autofree char *inner = g_strdup_printf ("<is><t>%s</t></is>", text);

  set_cell (xlsx, ref, "inlineStr", inner);
}

/* ---- XML helpers ------------------------------------------------------- */

static G_GNUC_UNUSED xmlDoc *
zip_xml (const char *xlsx,
         const char *entry)
{
  g_autofree char *text = zip_get (xlsx, entry);
  xmlDoc *doc = xmlReadMemory (text, (int) strlen (text), entry, NULL, XML_PARSE_NONET);

  assert_non_null (doc);
  return doc;
}

static G_GNUC_UNUSED char *
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

static G_GNUC_UNUSED int
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
static G_GNUC_UNUSED GPtrArray *
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

static G_GNUC_UNUSED int
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
static G_GNUC_UNUSED guint
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
static G_GNUC_UNUSED char *
qty_ref (const char *xlsx,
         const char *code)
{
  guint row = row_of (xlsx, "A", code);

  assert_true (row >= JC_ORDER_FORM_FIRST_ROW);
  return g_strdup_printf ("E%u", row);
}

/* ---- import helpers ---------------------------------------------------- */

static G_GNUC_UNUSED char *
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

static G_GNUC_UNUSED JcImportPlan *
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

static G_GNUC_UNUSED JcImportFile *
plan_file (JcImportPlan *plan,
           guint         i)
{
  assert_true (i < plan->files->len);
  return plan->files->pdata[i];
}

static G_GNUC_UNUSED void
dump_messages (const JcImportFile *file)
{
  for (guint i = 0; i < file->errors->len; i++)
    print_message ("  error: %s\n", ((JcFormMessage *) file->errors->pdata[i])->text);
  for (guint i = 0; i < file->warnings->len; i++)
    print_message ("  warning: %s\n", ((JcFormMessage *) file->warnings->pdata[i])->text);
}

/* The file has an error whose one-line text names the file and `where`
 * ("row 14, column E (quantity)") and says `what`. */
static G_GNUC_UNUSED const JcFormMessage *
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

static G_GNUC_UNUSED Snapshot
snapshot (Fixture *f)
{
  g_autoptr(JcOrder) o = jc_store_get_order (f->store, "CT01", DATE, NULL);
  Snapshot s = { jc_store_count_orders (f->store, NULL), o->version };

  return s;
}

/* A file with errors: the plan says so, apply refuses it, nothing changes. */
static G_GNUC_UNUSED void
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
static G_GNUC_UNUSED Snapshot
stored_baseline (Fixture *f)
{
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) o = jc_store_get_order (f->store, "CT01", DATE, NULL);
  g_autoptr(JcItem) item = jc_store_get_item (f->store, "V003", NULL);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (o->lines, jc_order_line_parse (item, "7", "kg", "", NULL));
  assert_true (jc_orders_save (f->store, o, JC_ORDER_SAVE_SUBMIT, "canteen", NULL, now, &error));
  assert_no_error (error);
  return snapshot (f);
}

static G_GNUC_UNUSED const JcOrderLine *
line_of (const JcOrder *o,
         const char    *code)
{
  for (guint i = 0; i < o->lines->len; i++)
    if (g_str_equal (((JcOrderLine *) o->lines->pdata[i])->item_code, code))
      return o->lines->pdata[i];
  fail_msg ("no line %s in the order of %s", code, o->canteen_code);
  return NULL;
}

static G_GNUC_UNUSED const JcImportChange *
change_of (const JcImportOrder *io,
           const char          *code)
{
  for (guint i = 0; i < io->changes->len; i++)
    if (g_str_equal (((JcImportChange *) io->changes->pdata[i])->item_code, code))
      return io->changes->pdata[i];
  fail_msg ("no change of %s", code);
  return NULL;
}

static G_GNUC_UNUSED char *
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
