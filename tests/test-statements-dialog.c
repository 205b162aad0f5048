/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The canteen statements dialog as procurement staff use it, on real
 * widgets under Xvfb, over the demo world loaded into a temporary database
 * with "today" fixed at 2026-11-27 (one more canteen without any order, one
 * demo canteen deactivated): the dialog offers the 13 months ending with the
 * month it is opened on and every active canteen; exporting a month for all
 * canteens through the dialog's own code path (what Export… does once the
 * folder chooser answered) writes one PDF, or one XLSX, per active canteen,
 * whose text names the canteen and the month and whose total is the one
 * jc_statement_build() computes; a canteen with no locked plan still gets
 * its statement and the summary says so; a cancelled run keeps the files
 * finished and leaves no partial file; a folder that cannot be written
 * gives a message naming the canteen and the file.  Also: the plan page's
 * variance limit is kept in GSettings.  PNGs go to $JICAI_SCREENSHOT_DIR:
 * statements-dialog-en.png, statements-dialog-zh_CN.png. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <zip.h>

#include "jc-demo.h"
#include "jc-master.h"
#include "jc-plan-doc.h"
#include "jc-plan-page-private.h"
#include "jc-statements-dialog-private.h"
#include "jc-store.h"
#include "jc-test-ui.h"
#include "jc-test-xlsx.h"
#include "jc-units.h"

#define TODAY "2026-11-27"
#define MONTH "2026-10"
#define NEW_CODE "CT90"
#define NEW_NAME "市测试新食堂"
#define GONE_CODE "CT17"

static struct {
  char      *dir;
  char      *db_path;
  GPtrArray *active;     /* JcCanteen *, the active canteens by code */
} fx;

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  return jc_test_run_tool (argv);
}

static JcCanteen *
active_canteen (const char *code)
{
  for (guint i = 0; i < fx.active->len; i++)
    {
      JcCanteen *c = g_ptr_array_index (fx.active, i);

      if (g_str_equal (c->code, code))
        return c;
    }
  fail_msg ("no active canteen %s", code);
  return NULL;
}

static JcStatement *
build_statement (const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  JcStatement *st;

  assert_no_error (error);
  st = jc_statement_build (store, code, MONTH, &error);
  assert_no_error (error);
  assert_non_null (st);
  return st;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The file names in `dir`, sorted, hidden ones included. */
static GPtrArray *
list_dir (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  assert_non_null (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static char *
expected_name (const char *code,
               const char *ext)
{
  return g_strdup_printf ("statement-%s-%s.%s", code, MONTH, ext);
}

static JcStatementsDialog *
open_dialog (void)
{
  JcStatementsDialog *dialog = jc_statements_dialog_new (NULL, fx.db_path, TODAY);

  gtk_window_present (GTK_WINDOW (dialog));
  jc_test_pump_until (!_jc_statements_dialog_is_busy (dialog), 10000);
  assert_false (_jc_statements_dialog_is_busy (dialog));
  jc_test_settle (GTK_WIDGET (dialog));
  return dialog;
}

static void
close_dialog (JcStatementsDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  jc_test_pump (50);
}

static void
export_and_wait (JcStatementsDialog *dialog,
                 const char         *path)
{
  _jc_statements_dialog_export_to (dialog, path);
  assert_true (_jc_statements_dialog_is_busy (dialog));
  jc_test_pump_until (!_jc_statements_dialog_is_busy (dialog), 60000);
  assert_false (_jc_statements_dialog_is_busy (dialog));
}

static const char *
result_text (JcStatementsDialog *dialog)
{
  GtkLabel *label = _jc_statements_dialog_get_result (dialog);

  assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
  return gtk_label_get_text (label);
}

/* ---- XLSX read back ------------------------------------------------- */

static xmlDoc *
read_xml (const char *xlsx,
          const char *name)
{
  g_autofree char *xml = jc_test_zip_read (xlsx, name);
  xmlDoc *doc = xmlReadMemory (xml, (int) strlen (xml), name, NULL, XML_PARSE_NONET);

  assert_non_null (doc);
  return doc;
}

static void
collect_elements (xmlNode    *node,
                  const char *name,
                  GPtrArray  *out)
{
  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type == XML_ELEMENT_NODE && xmlStrEqual (n->name, (const xmlChar *) name))
        g_ptr_array_add (out, n);
      collect_elements (n->children, name, out);
    }
}

static char *
node_text (xmlNode *node)
{
  xmlChar *text = xmlNodeGetContent (node);
  char *s = g_strdup ((const char *) text);

  xmlFree (text);
  return s;
}

/* The cells of the first sheet as text: ref ("F12") → the string (shared
 * strings resolved) or the number as written. */
static GHashTable *
read_cells (const char *xlsx)
{
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) si = g_ptr_array_new ();
  g_autoptr(GPtrArray) cs = g_ptr_array_new ();
  xmlDoc *shared = read_xml (xlsx, "xl/sharedStrings.xml");
  xmlDoc *sheet = read_xml (xlsx, "xl/worksheets/sheet1.xml");

  collect_elements (xmlDocGetRootElement (shared), "si", si);
  for (guint i = 0; i < si->len; i++)
    g_ptr_array_add (strings, node_text (g_ptr_array_index (si, i)));
  collect_elements (xmlDocGetRootElement (sheet), "c", cs);
  for (guint i = 0; i < cs->len; i++)
    {
      xmlNode *c = g_ptr_array_index (cs, i);
      xmlChar *ref = xmlGetProp (c, (const xmlChar *) "r");
      xmlChar *t = xmlGetProp (c, (const xmlChar *) "t");
      char *value = NULL;

      for (xmlNode *v = c->children; v != NULL; v = v->next)
        if (v->type == XML_ELEMENT_NODE && xmlStrEqual (v->name, (const xmlChar *) "v"))
          value = node_text (v);
      if (value != NULL && t != NULL && xmlStrEqual (t, (const xmlChar *) "s"))
        {
          guint64 k = g_ascii_strtoull (value, NULL, 10);

          assert_true (k < strings->len);
          g_free (value);
          value = g_strdup (g_ptr_array_index (strings, k));
        }
      if (value != NULL)
        g_hash_table_insert (cells, g_strdup ((const char *) ref), value);
      xmlFree (ref);
      xmlFree (t);
    }
  xmlFreeDoc (shared);
  xmlFreeDoc (sheet);
  return cells;
}

/* The statement's total as the workbook states it, in fen: column F of the
 * row whose column C says "合计 Total". */
static gint64
xlsx_total_fen (GHashTable *cells)
{
  for (guint row = 1; row < 10000; row++)
    {
      g_autofree char *c = g_strdup_printf ("C%u", row);
      g_autofree char *f = g_strdup_printf ("F%u", row);
      const char *label = g_hash_table_lookup (cells, c);
      gint64 fen = -1;

      if (label == NULL || !g_str_equal (label, "合计 Total"))
        continue;
      {
        const char *value = g_hash_table_lookup (cells, f);
        g_autofree char *typed = NULL;

        assert_non_null (value);
        /* the cell keeps a double ("57.299999999999997"): the decimal it is */
        typed = jc_decimal_text_from_double_text (value);
        assert_true (jc_parse_decimal (typed != NULL ? typed : value, 2, &fen, NULL));
        return fen;
      }
    }
  fail_msg ("no total row");
  return -1;
}

static gboolean
has_value (GHashTable *cells,
           const char *text)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (value, text))
      return TRUE;
  return FALSE;
}

/* ---- fixture ----------------------------------------------------------- */

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcCanteen) fresh = jc_canteen_new ();
  g_autoptr(JcCanteen) gone = NULL;
  GDate today;

  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "jicai.db", NULL);
  jc_test_set_screenshot_dir (fx.dir);

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, G_DATE_NOVEMBER, 2026);  /* TODAY */
  assert_true (jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error));
  assert_no_error (error);

  /* A canteen that joined without any order yet: no share in any plan. */
  fresh->code = g_strdup (NEW_CODE);
  fresh->name = g_strdup (NEW_NAME);
  fresh->lat = 31.2;
  fresh->lon = 121.45;
  fresh->window_start = 7 * 60;
  fresh->window_end = 9 * 60;
  fresh->diners = 200;
  fresh->active = TRUE;
  assert_true (jc_store_insert_canteen (store, fresh, &error));
  assert_no_error (error);
  /* A canteen that left: no statement for it any more. */
  gone = jc_store_get_canteen (store, GONE_CODE, &error);
  assert_no_error (error);
  gone->active = FALSE;
  assert_true (jc_store_update_canteen (store, gone, &error));
  assert_no_error (error);

  fx.active = jc_store_list_canteens (store, FALSE, &error);
  assert_no_error (error);
  assert_true (fx.active->len >= 17);
  return 0;
}

static int
teardown (void **state)
{
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  g_ptr_array_unref (fx.active);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* ---- tests ------------------------------------------------------------- */

static void
test_screens_zh_CN (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "zh", NULL);
  g_autofree char *path = g_build_filename (folder, "statement-CT05-" MONTH ".pdf", NULL);
  JcStatementsDialog *dialog;

  jc_test_set_language ("zh_CN");
  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, "CT05", JC_STATEMENTS_PDF));
  export_and_wait (dialog, path);
  assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "statements-dialog-zh_CN");
  close_dialog (dialog);
  jc_test_set_language ("en");
}

/* The months end with the month of the date given; every active canteen is
 * offered by code and name, the deactivated one is not. */
static void
test_choices (void **state)
{
  JcStatementsDialog *dialog = open_dialog ();
  GListModel *months = _jc_statements_dialog_get_months (dialog);
  GListModel *canteens = _jc_statements_dialog_get_canteens (dialog);

  assert_int_equal (g_list_model_get_n_items (months), 13);
  assert_string_equal (gtk_string_list_get_string (GTK_STRING_LIST (months), 0), "2025-11");
  assert_string_equal (gtk_string_list_get_string (GTK_STRING_LIST (months), 12), "2026-11");
  /* the last whole month first: statements are made after a month is over */
  assert_string_equal (_jc_statements_dialog_get_month (dialog), "2026-10");

  assert_int_equal (g_list_model_get_n_items (canteens), 1 + fx.active->len);
  assert_string_equal (gtk_string_list_get_string (GTK_STRING_LIST (canteens), 0),
                       "All canteens");
  for (guint i = 0; i < fx.active->len; i++)
    {
      JcCanteen *c = g_ptr_array_index (fx.active, i);
      g_autofree char *shown = g_strdup_printf ("%s %s", c->code, c->name);

      assert_string_equal (gtk_string_list_get_string (GTK_STRING_LIST (canteens), i + 1),
                           shown);
      assert_string_not_equal (c->code, GONE_CODE);
    }
  assert_false (_jc_statements_dialog_select (dialog, MONTH, GONE_CODE, JC_STATEMENTS_PDF));
  assert_false (_jc_statements_dialog_select (dialog, "2026-12", NULL, JC_STATEMENTS_PDF));
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NEW_CODE, JC_STATEMENTS_PDF));
  close_dialog (dialog);
}

static void
test_export_all_pdf (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "pdf", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) files = NULL;
  JcStatementsDialog *dialog;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_PDF));
  export_and_wait (dialog, folder);

  /* One file per active canteen, nothing else. */
  files = list_dir (folder);
  assert_int_equal (files->len, fx.active->len);
  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), fx.active->len);
  for (guint i = 0; i < fx.active->len; i++)
    {
      JcCanteen *c = g_ptr_array_index (fx.active, i);
      g_autofree char *name = expected_name (c->code, "pdf");
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(JcStatement) st = build_statement (c->code);
      g_autofree char *fen = jc_format_fen (st->total_fen);
      g_autofree char *total = g_strdup_printf ("¥%s", fen);
      g_autofree char *text = NULL;

      assert_string_equal (g_ptr_array_index (files, i), name);
      text = pdf_text (path);
      assert_contains (text, c->name);
      assert_contains (text, MONTH);
      assert_contains (text, total);
      /* October is all locked in the demo: real money for the old canteens. */
      if (!g_str_equal (c->code, NEW_CODE))
        assert_true (st->total_fen > 0);
    }
  /* The canteen without a plan gets its statement, and the summary says so. */
  {
    g_autofree char *name = expected_name (NEW_CODE, "pdf");
    g_autofree char *path = g_build_filename (folder, name, NULL);
    g_autofree char *text = pdf_text (path);

    assert_contains (text, NEW_NAME);
    assert_contains (text, "¥0.00");
    assert_contains (text, "Delivery days：0");
  }
  summary = g_strdup_printf ("%u statements written to %s.", fx.active->len, folder);
  assert_contains (result_text (dialog), summary);
  assert_contains (result_text (dialog), "1 canteen had no locked plan in " MONTH);
  assert_true (gtk_widget_get_mapped (_jc_statements_dialog_get_open_button (dialog)));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "statements-dialog-en");
  close_dialog (dialog);
}

static void
test_export_all_xlsx (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "xlsx", NULL);
  g_autoptr(GPtrArray) files = NULL;
  JcStatementsDialog *dialog;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_XLSX));
  export_and_wait (dialog, folder);

  files = list_dir (folder);
  assert_int_equal (files->len, fx.active->len);
  for (guint i = 0; i < fx.active->len; i++)
    {
      JcCanteen *c = g_ptr_array_index (fx.active, i);
      g_autofree char *name = expected_name (c->code, "xlsx");
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(JcStatement) st = build_statement (c->code);
      g_autoptr(GHashTable) cells = NULL;

      assert_string_equal (g_ptr_array_index (files, i), name);
      cells = read_cells (path);
      assert_true (has_value (cells, c->name));
      assert_true (has_value (cells, c->code));
      assert_true (has_value (cells, MONTH));
      assert_int_equal (xlsx_total_fen (cells), st->total_fen);
    }
  close_dialog (dialog);
}

/* One canteen: the file chosen, nothing else. */
static void
test_export_one (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "one", NULL);
  g_autofree char *path = g_build_filename (folder, "mine.xlsx", NULL);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GHashTable) cells = NULL;
  g_autoptr(JcStatement) st = build_statement ("CT03");
  JcStatementsDialog *dialog;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, "CT03", JC_STATEMENTS_XLSX));
  export_and_wait (dialog, path);
  files = list_dir (folder);
  assert_int_equal (files->len, 1);
  assert_string_equal (g_ptr_array_index (files, 0), "mine.xlsx");
  cells = read_cells (path);
  assert_true (has_value (cells, active_canteen ("CT03")->name));
  assert_int_equal (xlsx_total_fen (cells), st->total_fen);
  assert_contains (result_text (dialog), path);
  assert_contains (result_text (dialog), "CT03");
  close_dialog (dialog);
}

/* Cancel while the second file is being written: the first stays, the
 * second is removed, no partial file anywhere, and the message says so. */
static void
test_cancel (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "cancel", NULL);
  g_autoptr(GPtrArray) files = NULL;
  JcCanteen *first = g_ptr_array_index (fx.active, 0);
  JcCanteen *second = g_ptr_array_index (fx.active, 1);
  g_autofree char *first_name = expected_name (first->code, "pdf");
  g_autofree char *first_path = g_build_filename (folder, first_name, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  g_autofree char *progress = g_strdup_printf ("2 of %u", fx.active->len);
  GtkProgressBar *bar;
  JcStatementsDialog *dialog;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  bar = _jc_statements_dialog_get_progress (dialog);
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_PDF));
  _jc_statements_dialog_set_step_delay (dialog, 1500);
  _jc_statements_dialog_export_to (dialog, folder);
  jc_test_pump_until (g_strcmp0 (gtk_progress_bar_get_text (bar), progress) == 0, 20000);
  assert_string_equal (gtk_progress_bar_get_text (bar), progress);
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "statements-dialog-progress-en");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "statements.cancel", NULL);
  jc_test_pump_until (!_jc_statements_dialog_is_busy (dialog), 20000);
  assert_false (_jc_statements_dialog_is_busy (dialog));

  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), 1);
  files = list_dir (folder);
  assert_int_equal (files->len, 1);
  assert_string_equal (g_ptr_array_index (files, 0), first_name);
  text = pdf_text (first_path);
  assert_contains (text, first->name);
  (void) second;
  expected = g_strdup_printf ("Cancelled: 1 statement of %u was written to %s.", fx.active->len,
                              folder);
  assert_contains (result_text (dialog), expected);
  assert_false (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  close_dialog (dialog);
}

/* Closing the window while it writes cancels too: no partial file. */
static void
test_close_while_writing (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "close", NULL);
  g_autoptr(GPtrArray) files = NULL;
  JcStatementsDialog *dialog;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_XLSX));
  _jc_statements_dialog_set_step_delay (dialog, 1500);
  _jc_statements_dialog_export_to (dialog, folder);
  jc_test_pump (300);
  gtk_window_close (GTK_WINDOW (dialog));
  jc_test_pump (3000);
  files = list_dir (folder);
  for (guint i = 0; i < files->len; i++)
    {
      const char *name = g_ptr_array_index (files, i);

      assert_true (g_str_has_prefix (name, "statement-"));
      assert_true (g_str_has_suffix (name, ".xlsx"));
    }
  assert_true (files->len < fx.active->len);
}

static void
test_unwritable (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "missing", "folder", NULL);
  JcCanteen *first = g_ptr_array_index (fx.active, 0);
  g_autofree char *name = expected_name (first->code, "pdf");
  g_autofree char *path = g_build_filename (folder, name, NULL);
  JcStatementsDialog *dialog = open_dialog ();
  const char *text;

  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_PDF));
  export_and_wait (dialog, folder);
  text = result_text (dialog);
  assert_contains (text, first->code);
  assert_contains (text, first->name);
  assert_contains (text, path);
  assert_false (strstr (text, ".partial") != NULL);
  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), 0);
  assert_false (gtk_widget_get_visible (_jc_statements_dialog_get_open_button (dialog)));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "statements-dialog-error-en");
  close_dialog (dialog);
}

/* The third file cannot be written: the message names its canteen and its
 * file, the two before stay and are counted, nothing partial is left. */
static void
test_error_midway (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "midway", NULL);
  JcCanteen *third = g_ptr_array_index (fx.active, 2);
  g_autofree char *name = expected_name (third->code, "pdf");
  g_autofree char *blocker = g_build_filename (folder, name, NULL);
  g_autofree char *before = g_strdup_printf ("Before that, 2 statements were written to %s.",
                                             folder);
  g_autoptr(GPtrArray) files = NULL;
  JcStatementsDialog *dialog;
  const char *text;

  /* A folder where the file should go. */
  g_mkdir_with_parents (blocker, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_PDF));
  export_and_wait (dialog, folder);
  text = result_text (dialog);
  assert_contains (text, third->code);
  assert_contains (text, third->name);
  assert_contains (text, blocker);
  assert_contains (text, before);
  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), 2);
  files = list_dir (folder);
  assert_int_equal (files->len, 3);     /* two statements and the folder in the way */
  for (guint i = 0; i < 3; i++)
    {
      JcCanteen *c = g_ptr_array_index (fx.active, i);
      g_autofree char *expected = expected_name (c->code, "pdf");

      assert_string_equal (g_ptr_array_index (files, i), expected);
    }
  assert_true (gtk_widget_get_visible (_jc_statements_dialog_get_open_button (dialog)));
  close_dialog (dialog);
}

/* Statements already in the folder are replaced only after one question
 * for all of them; “Cancel” leaves every file as it was. */
static void
test_replace_asked (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "again", NULL);
  JcCanteen *first = g_ptr_array_index (fx.active, 0);
  g_autofree char *name = expected_name (first->code, "xlsx");
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *heading = NULL;
  JcStatementsDialog *dialog;
  AdwMessageDialog *question;

  g_mkdir (folder, 0755);
  dialog = open_dialog ();
  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_XLSX));
  export_and_wait (dialog, folder);
  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), fx.active->len);
  assert_true (g_file_set_contents (path, "mine", -1, NULL));

  /* again into the same folder: a question, and nothing written yet */
  _jc_statements_dialog_export_to (dialog, folder);
  question = _jc_statements_dialog_get_replace_question (dialog);
  assert_non_null (question);
  assert_false (_jc_statements_dialog_is_busy (dialog));
  heading = g_strdup_printf ("Replace %u Existing Statements?", fx.active->len);
  assert_string_equal (adw_message_dialog_get_heading (question), heading);
  assert_contains (adw_message_dialog_get_body (question), folder);
  jc_test_settle (GTK_WIDGET (question));
  jc_test_screenshot (GTK_WIDGET (question), "statements-dialog-replace-en");
  jc_test_respond (question, "cancel");
  jc_test_pump (50);
  assert_null (_jc_statements_dialog_get_replace_question (dialog));
  assert_false (_jc_statements_dialog_is_busy (dialog));
  assert_true (g_file_get_contents (path, &data, NULL, NULL));
  assert_string_equal (data, "mine");
  g_clear_pointer (&data, g_free);

  /* and once more, replacing */
  jc_test_set_language ("zh_CN");
  _jc_statements_dialog_export_to (dialog, folder);
  question = _jc_statements_dialog_get_replace_question (dialog);
  assert_non_null (question);
  jc_test_settle (GTK_WIDGET (question));
  jc_test_screenshot (GTK_WIDGET (question), "statements-dialog-replace-zh_CN");
  jc_test_set_language ("en");
  jc_test_respond (question, "replace");
  assert_true (_jc_statements_dialog_is_busy (dialog));
  jc_test_pump_until (!_jc_statements_dialog_is_busy (dialog), 60000);
  assert_int_equal (_jc_statements_dialog_get_n_written (dialog), fx.active->len);
  assert_true (g_file_get_contents (path, &data, NULL, NULL));
  assert_true (g_str_has_prefix (data, "PK"));
  close_dialog (dialog);
}

/* The plan page's variance limit outlives the page, in GSettings. */
static void
test_threshold_setting (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *page = jc_plan_page_new (NULL);
  GtkWindow *window = jc_test_present (page, 900, 600);
  GtkSpinButton *spin = _jc_plan_page_get_threshold_spin (JC_PLAN_PAGE (page));

  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (g_settings_get_int (settings, "plan-variance-threshold"), 50);
  assert_int_equal (gtk_spin_button_get_value_as_int (spin), 50);
  gtk_spin_button_set_value (spin, 120);
  assert_int_equal (g_settings_get_int (settings, "plan-variance-threshold"), 120);
  jc_test_close_window (window);

  /* The next session's page starts with it. */
  page = jc_plan_page_new (NULL);
  window = jc_test_present (page, 900, 600);
  spin = _jc_plan_page_get_threshold_spin (JC_PLAN_PAGE (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (gtk_spin_button_get_value_as_int (spin), 120);
  g_settings_set_int (settings, "plan-variance-threshold", 75);
  jc_test_pump (20);
  assert_int_equal (gtk_spin_button_get_value_as_int (spin), 75);
  jc_test_close_window (window);
  g_settings_reset (settings, "plan-variance-threshold");
}

/* The plan page opens the dialog on its database and its date. */
static void
test_from_plan_page (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  GtkWidget *page = jc_plan_page_new (store);
  GtkWindow *window = jc_test_present (page, 1100, 700);
  GtkWindow *dialog;

  assert_no_error (error);

  /* A test that failed before may have left one open. */
  while ((dialog = jc_test_find_toplevel (JC_TYPE_STATEMENTS_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  jc_plan_page_set_date (JC_PLAN_PAGE (page), "2026-11-15");
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_activate_action (page, "plan.statements", NULL));
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_STATEMENTS_DIALOG) != NULL, 5000);
  dialog = jc_test_find_toplevel (JC_TYPE_STATEMENTS_DIALOG);
  assert_non_null (dialog);
  assert_true (gtk_window_get_transient_for (dialog) == window);
  jc_test_pump_until (!_jc_statements_dialog_is_busy (JC_STATEMENTS_DIALOG (dialog)), 10000);
  assert_string_equal (_jc_statements_dialog_get_month (JC_STATEMENTS_DIALOG (dialog)), MONTH);
  assert_int_equal (g_list_model_get_n_items (
                      _jc_statements_dialog_get_canteens (JC_STATEMENTS_DIALOG (dialog))),
                    1 + fx.active->len);
  gtk_window_destroy (dialog);
  jc_test_close_window (window);
}

/* Export… asks through the shared chooser: a folder for all canteens, a
 * file for one, offering the format chosen (the writing after the answer
 * is what the tests above drive through _jc_statements_dialog_export_to). */
static void
test_choosers (void **state)
{
  JcStatementsDialog *dialog;
  GtkWindow *chooser;
  g_autofree char *name = NULL;
  g_autofree char *want = expected_name ("CT03", "pdf");

  jc_test_set_language ("en");
  dialog = open_dialog ();

  assert_true (_jc_statements_dialog_select (dialog, MONTH, NULL, JC_STATEMENTS_PDF));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "statements.export", NULL));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  assert_ptr_equal (gtk_window_get_transient_for (chooser), GTK_WINDOW (dialog));
  assert_string_equal (gtk_window_get_title (chooser), "Choose a Folder for the Statements");
  assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
  assert_false (_jc_statements_dialog_is_busy (dialog));

  assert_true (_jc_statements_dialog_select (dialog, MONTH, "CT03", JC_STATEMENTS_PDF));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "statements.export", NULL));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  assert_string_equal (gtk_window_get_title (chooser), "Save the Statement");
  assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                    GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  assert_string_equal (name, want);
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
    g_autoptr(GtkFileFilter) pdf = NULL;

    assert_int_equal (g_list_model_get_n_items (filters), 1);
    pdf = g_list_model_get_item (filters, 0);
    assert_string_equal (gtk_file_filter_get_name (pdf), "PDF documents");
  }
  /* closing the dialog takes its chooser along */
  close_dialog (dialog);
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
  assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate. */
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_choices),
    cmocka_unit_test (test_export_all_pdf),
    cmocka_unit_test (test_export_all_xlsx),
    cmocka_unit_test (test_export_one),
    cmocka_unit_test (test_cancel),
    cmocka_unit_test (test_close_while_writing),
    cmocka_unit_test (test_unwritable),
    cmocka_unit_test (test_error_midway),
    cmocka_unit_test (test_replace_asked),
    cmocka_unit_test (test_threshold_setting),
    cmocka_unit_test (test_from_plan_page),
    cmocka_unit_test (test_choosers),
  };

  jc_test_ui_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
