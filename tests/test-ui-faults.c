/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Storage faults as the window shows them, on real widgets under Xvfb over
 * the demo world (test-ui-fixture.h): a full disk during a write, a
 * database that opens read-only, the database file replaced while the
 * window is open.  Each is said in the words of the store (a dialog, or
 * the error screen), nothing is written, and the window goes on.  The
 * faults come from the test VFS (jc-test-vfs.c), installed before the
 * application opens anything. */
#include "config.h"

#include "test-ui-fixture.h"
#include "jc-test-vfs.h"
#include "jc-store-sqlite.h"

/* Selects the canteen `code` on the canteens page and toggles it active or
 * not, as the button does; returns the page. */
static JcListPage *
toggle_canteen (JcWindow   *window,
                const char *code)
{
  JcListPage *page = JC_LIST_PAGE (_jc_window_get_page (window, "canteens"));
  GListModel *shown = _jc_list_page_get_shown (page);
  gboolean found = FALSE;

  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (shown) && !found; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);

      if (g_str_equal (jc_record_get_key (record), code))
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), i, TRUE);
          found = TRUE;
        }
    }
  assert_true (found);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  return page;
}

/* The message dialog shown, its body holding `words`; closed. */
static void
assert_dialog_says (const char *words)
{
  GtkWindow *dialog;

  jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 3000);
  dialog = jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  assert_non_null (dialog);
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), words);
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), fx.db_path);
  gtk_window_destroy (dialog);
  jc_test_pump (30);
}

static gboolean
canteen_active (const char *path,
                const char *code)
{
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcCanteen) canteen = NULL;

  assert_non_null (store);
  canteen = jc_store_get_canteen (store, code, NULL);
  assert_non_null (canteen);
  return canteen->active;
}

/* The disk fills up as a canteen is deactivated: the dialog says the disk
 * is full and nothing was saved, the canteen stays active; with space
 * again the same button works. */
static void
test_disk_full (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  JcWindow *window;

  jc_test_set_language ("en");
  g_settings_set_boolean (settings, "show-inactive", TRUE);
  window = open_window ();
  assert_true (canteen_active (fx.db_path, "CT02"));
  jc_test_vfs_fail_writes ("-wal", 0, SQLITE_FULL);
  toggle_canteen (window, "CT02");
  assert_true (jc_test_vfs_failures () > 0);
  jc_test_vfs_reset ();
  assert_dialog_says ("is full: nothing of this change was saved. Free some space");
  assert_true (canteen_active (fx.db_path, "CT02"));
  assert_string_equal (_jc_window_get_screen (window), "main");

  toggle_canteen (window, "CT02");
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_false (canteen_active (fx.db_path, "CT02"));
  toggle_canteen (window, "CT02");   /* as it was, for the next test */
  assert_true (canteen_active (fx.db_path, "CT02"));
  close_window (window);
}

/* A database that can only be opened read-only: the error screen says so
 * and what to do; the window stays, and opens the database again once it
 * is writable. */
static void
test_read_only (void **state)
{
  g_autofree char *copy = g_build_filename (fx.dir, "read-only.db", NULL);
  JcWindow *window;

  jc_test_set_language ("en");
  window = open_window ();
  assert_true (jc_store_backup (jc_application_get_store (fx.app), copy, FALSE, NULL, NULL, NULL));
  jc_test_vfs_read_only (TRUE);
  jc_application_set_db_path (fx.app, copy);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_vfs_reset ();
  assert_string_equal (_jc_window_get_screen (window), "error");
  assert_null (jc_application_get_store (fx.app));
  assert_contains (adw_status_page_get_description (_jc_window_get_error_page (window)),
                   "is read-only: nothing was changed. Make the file and its folder writable");
  jc_application_set_db_path (fx.app, fx.db_path);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "main");
  close_window (window);
}

/* The database file replaced while the window has it open (a copy put in
 * its place): a write says the file was replaced and to reopen it, and
 * writes into neither file. */
static void
test_replaced (void **state)
{
  g_autofree char *copy = g_build_filename (fx.dir, "copy.db", NULL);
  g_autofree char *old = g_strconcat (fx.db_path, ".old", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  JcWindow *window;

  jc_test_set_language ("en");
  window = open_window ();
  assert_true (jc_store_backup (jc_application_get_store (fx.app), copy, FALSE, NULL, NULL, NULL));
  assert_int_equal (g_rename (fx.db_path, old), 0);
  assert_int_equal (g_rename (copy, fx.db_path), 0);
  before = jc_test_read (fx.db_path);

  toggle_canteen (window, "CT02");
  assert_dialog_says ("was moved, deleted or replaced while jicai had it open: nothing was "
                      "written to it. Reopen the database");
  assert_string_equal (_jc_window_get_screen (window), "main");
  after = jc_test_read (fx.db_path);
  assert_true (g_bytes_equal (before, after));
  assert_true (canteen_active (fx.db_path, "CT02"));
  close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_disk_full),
    cmocka_unit_test (test_read_only),
    cmocka_unit_test (test_replaced),
  };

  jc_test_vfs_install ();
  return test_ui_run ("ui-faults", tests, G_N_ELEMENTS (tests));
}
