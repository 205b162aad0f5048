/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-output: an export never replaces the open database or its -wal/-shm,
 * never an existing file it was not allowed to replace, and leaves no
 * temporary file behind, whether it succeeds, fails or is abandoned. */
#include "config.h"

#include "jc-test-store.h"
#include <string.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-store.h"

typedef JcTestDbFile Fixture;

static void
assert_file_text (const char *path,
                  const char *text)
{
  g_autofree char *data = NULL;

  assert_true (g_file_get_contents (path, &data, NULL, NULL));
  assert_string_equal (data, text);
}

static void
test_new_and_existing (void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;

  assert_true (jc_output_save (out, JC_OUTPUT_NONE, "a,b\n", 4, &error));
  assert_no_error (error);
  assert_file_text (out, "a,b\n");

  /* an existing file is refused unless replacing is allowed, and stays as it was */
  assert_false (jc_output_check (out, JC_OUTPUT_NONE, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS);
  assert_contains (error->message, out);
  g_clear_error (&error);
  assert_false (jc_output_save (out, JC_OUTPUT_NONE, "x\n", 2, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS);
  g_clear_error (&error);
  assert_file_text (out, "a,b\n");

  /* replaced when allowed */
  assert_true (jc_output_save (out, JC_OUTPUT_REPLACE, "c,d\n", 4, &error));
  assert_no_error (error);
  assert_file_text (out, "c,d\n");

  listing = jc_test_list_dir (f->dir);
  assert_string_equal (listing, "out.csv");
}

static void
test_created_meanwhile (void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename (f->dir, "late.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOutput) o = jc_output_begin (out, JC_OUTPUT_NONE, &error);

  assert_no_error (error);
  assert_true (g_str_has_prefix (jc_output_get_temp_path (o), f->dir));
  assert_true (jc_output_write (o, "new", 3, &error));
  /* someone else writes the file while the document is being made */
  assert_true (g_file_set_contents (out, "theirs", -1, NULL));
  assert_false (jc_output_commit (o, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS);
  g_clear_pointer (&o, jc_output_free);
  assert_file_text (out, "theirs");
  listing = jc_test_list_dir (f->dir);
  assert_string_equal (listing, "late.pdf");
}

static void
test_abandoned_and_failed (void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename (f->dir, "doc.xlsx", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no", "such", "doc.xlsx", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  JcOutput *o;

  /* written, then given up (a cancel, a failed drawing): nothing is left */
  o = jc_output_begin (out, JC_OUTPUT_NONE, &error);
  assert_no_error (error);
  assert_true (g_file_test (jc_output_get_temp_path (o), G_FILE_TEST_EXISTS));
  assert_true (jc_output_write (o, "half", 4, &error));
  jc_output_free (o);
  listing = jc_test_list_dir (f->dir);
  assert_string_equal (listing, "");

  /* a folder that does not exist: refused, naming the file */
  assert_false (jc_output_save (missing, JC_OUTPUT_REPLACE, "x", 1, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FAILED);
  assert_contains (error->message, missing);
  g_clear_error (&error);

  /* a folder as the target */
  assert_false (jc_output_save (f->dir, JC_OUTPUT_REPLACE, "x", 1, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_FOLDER);
}

static void
assert_database_whole (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (path, &error);
  g_autoptr(JcItem) item = NULL;

  assert_no_error (error);
  item = jc_store_get_item (store, "V001", &error);
  assert_no_error (error);
  assert_non_null (item);
  assert_string_equal (item->name, "大白菜");
  if (!jc_test_store_on_pg ())
    {
      /* the file's own check; on PostgreSQL wholeness is the server's */
      g_autofree char *check = jc_test_db_text (path, "PRAGMA integrity_check");

      assert_string_equal (check, "ok");
    }
}

static void
test_open_database_refused (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcItem) item = jc_item_new ();
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autofree char *link = g_build_filename (f->dir, "other-name.pdf", NULL);
  g_autofree char *dotted = g_build_filename (f->dir, ".", "jicai.db", NULL);
  g_autofree char *listing = NULL;
  const char *const targets[] = { f->path, wal, shm, journal, link, dotted };
  JcStore *store = jc_store_open (f->path, &error);

  assert_no_error (error);
  item->code = g_strdup ("V001");
  item->name = g_strdup ("大白菜");
  item->category = g_strdup ("veg");
  item->base_unit = JC_BASE_UNIT_KG;
  assert_true (jc_store_insert_item (store, item, &error));
  assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* another name for the same file */
  assert_int_equal (symlink (f->path, link), 0);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    for (int replace = 0; replace <= 1; replace++)
      {
        JcOutputFlags flags = replace ? JC_OUTPUT_REPLACE : JC_OUTPUT_NONE;

        if (jc_output_save (targets[i], flags, "%PDF-1.5\n", 9, &error))
          fail_msg ("%s was written over (replace %d)", targets[i], replace);
        assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE);
        assert_contains (error->message, "open database");
        g_clear_error (&error);
      }
  listing = jc_test_list_dir (f->dir);
  assert_string_equal (listing, "jicai.db jicai.db-shm jicai.db-wal other-name.pdf");
  jc_store_free (store);
  assert_database_whole (f->path);

  /* once no store has it open, it is a file like any other */
  assert_true (jc_output_check (f->path, JC_OUTPUT_REPLACE, &error));
  assert_no_error (error);
}

/* A JcPagedDoc of three pages: written as a three-page A4 PDF through
 * jc-output, never over an existing file, its data freed once. */
static guint pages_drawn;
static guint data_freed;

static guint
three_pages (gconstpointer data,
             double        page_w,
             double        page_h)
{
  return 3;
}

static void
draw_numbered (gconstpointer data,
               cairo_t      *cr,
               guint         page,
               double        page_w,
               double        page_h)
{
  assert_true (page < 3);
  assert_true (page_w > 595 && page_w < 596 && page_h > 841 && page_h < 842);
  cairo_save (cr);
  cairo_rectangle (cr, 10 * (page + 1), 10, 20, 20);
  cairo_fill (cr);
  cairo_restore (cr);
  pages_drawn++;
}

static void
count_free (gpointer data)
{
  data_freed++;
  g_free (data);
}

static const JcPagedDocFuncs numbered_funcs = { three_pages, draw_numbered };

static void
test_paged_doc_pdf (void **state)
{
  Fixture *f = *state;
  g_autofree char *out = g_build_filename (f->dir, "doc.pdf", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  JcPagedDoc *doc;
  gsize len;

  pages_drawn = data_freed = 0;
  doc = jc_paged_doc_new ("Numbered", &numbered_funcs, g_strdup ("x"), count_free);
  assert_string_equal (jc_paged_doc_get_title (doc), "Numbered");
  assert_int_equal (jc_paged_doc_get_n_pages (doc, 100, 100), 3);

  assert_true (jc_paged_doc_write_pdf (doc, out, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  assert_int_equal (pages_drawn, 3);
  assert_true (g_file_get_contents (out, &data, &len, NULL));
  assert_true (len > 5 && memcmp (data, "%PDF-", 5) == 0);
  assert_non_null (memmem (data, len, "/Count 3", 8));

  /* an existing file stays as it was */
  assert_false (jc_paged_doc_write_pdf (doc, out, JC_OUTPUT_NONE, &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS);
  assert_int_equal (pages_drawn, 3);

  jc_paged_doc_ref (doc);
  jc_paged_doc_unref (doc);
  assert_int_equal (data_freed, 0);
  jc_paged_doc_unref (doc);
  assert_int_equal (data_freed, 1);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    jc_test_db_file_unit_test (test_new_and_existing),
    jc_test_db_file_unit_test (test_created_meanwhile),
    jc_test_db_file_unit_test (test_abandoned_and_failed),
    jc_test_db_file_unit_test (test_open_database_refused),
    jc_test_db_file_unit_test (test_paged_doc_pdf),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
