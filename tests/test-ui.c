/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window as a person uses it, on real widgets under Xvfb, over a
 * database with the demo world (test-ui-fixture.h): a PNG of every section,
 * editor and dialog in English and in Chinese for a person to look at
 * ($JICAI_SCREENSHOT_DIR/<section>-<lang>.png), File → Import Orders…, the
 * shortcuts, the window's saved state, the database screens (welcome,
 * error, demo loading).  The master-data pages are test-ui-master.c, the
 * preferences test-ui-preferences.c. */
#include "config.h"

#include "test-ui-fixture.h"

/* ---- the sections in both languages ---------------------------------- */

/* Opens a toplevel through `action` on `widget`, photographs it, closes it. */
static void
screenshot_toplevel (GtkWidget  *widget,
                     const char *action,
                     GType       type,
                     const char *name,
                     const char *language)
{
  g_autofree char *file = g_strdup_printf ("%s-%s", name, language);
  GtkWindow *toplevel;

  gtk_widget_activate_action (widget, action, NULL);
  jc_test_pump_until (jc_test_find_toplevel (type) != NULL, 3000);
  toplevel = jc_test_find_toplevel (type);
  assert_non_null (toplevel);
  jc_test_settle (GTK_WIDGET (toplevel));
  jc_test_pump (250);  /* header bars cross-fade their titles in */
  jc_test_screenshot (GTK_WIDGET (toplevel), file);
  gtk_window_destroy (toplevel);
  jc_test_pump (30);
}

/* The editors (one empty, two filled in), the preferences, the shortcuts
 * and the about window: every string a translator has to check. */
static void
screenshot_dialogs (JcWindow   *window,
                    const char *language)
{
  const char *editors[][3] = {
    { "catalog", "item-editor", "page.edit" },
    { "canteens", "canteen-editor", "page.add" },
    { "vehicles", "vehicle-editor", "page.edit" },
    { "sources", "source-editor", "page.edit" },
  };
  GType types[] = { JC_TYPE_ITEM_EDITOR, JC_TYPE_CANTEEN_EDITOR, JC_TYPE_VEHICLE_EDITOR,
                    JC_TYPE_SOURCE_EDITOR };

  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      GtkWidget *page = _jc_window_get_page (window, editors[i][0]);

      jc_window_show_section (window, editors[i][0]);
      jc_test_settle (GTK_WIDGET (window));
      if (JC_IS_SOURCES_PAGE (page))
        /* the demo has one source */
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (_jc_list_page_get_shown (JC_LIST_PAGE (page))),
                                         0, TRUE);
      else if (g_str_equal (editors[i][2], "page.edit"))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (_jc_list_page_get_shown (JC_LIST_PAGE (page))),
                                         1, TRUE);
      screenshot_toplevel (page, editors[i][2], types[i], editors[i][1], language);
    }
  screenshot_toplevel (GTK_WIDGET (window), "app.preferences", JC_TYPE_PREFERENCES_WINDOW,
                       "preferences", language);
  {
    /* The second section of the shortcuts (prices and orders); the window
     * keeps its overlay, hidden, for the first one next. */
    g_autofree char *file = g_strdup_printf ("shortcuts-orders-%s", language);
    GtkWindow *overlay;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
    jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) != NULL, 3000);
    overlay = jc_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
    assert_non_null (overlay);
    g_object_set (overlay, "section-name", "prices-orders", NULL);
    jc_test_settle (GTK_WIDGET (overlay));
    jc_test_pump (250);
    jc_test_screenshot (GTK_WIDGET (overlay), file);
    g_object_set (overlay, "section-name", "shortcuts", NULL);
    gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
    jc_test_pump (30);
  }
  screenshot_toplevel (GTK_WIDGET (window), "win.show-help-overlay", GTK_TYPE_SHORTCUTS_WINDOW,
                       "shortcuts", language);
  screenshot_toplevel (GTK_WIDGET (window), "app.about", ADW_TYPE_ABOUT_WINDOW, "about",
                       language);
}

static void
screenshot_sections (const char *language)
{
  JcWindow *window;
  const char * const *sections = _jc_window_list_sections ();

  jc_test_set_language (language);
  window = open_window ();
  assert_string_equal (_jc_window_get_screen (window), "main");
  assert_int_equal (g_strv_length ((char **) sections), 10);
  for (guint i = 0; sections[i] != NULL; i++)
    {
      /* "window-": the page suites write their own "<page>-<lang>.png" */
      g_autofree char *name = g_strdup_printf ("window-%s-%s", sections[i], language);
      GtkWidget *page = _jc_window_get_page (window, sections[i]);

      /* Alt+1 … Alt+9, Alt+0 go through this action. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (jc_window_get_section (window), sections[i]);
      assert_true (gtk_widget_get_mapped (page));
      if (g_str_equal (sections[i], "prices"))
        {
          /* The real page, on the database of the application, showing
           * the market of today: the demo's last market day. */
          JcPricesPage *prices = JC_PRICES_PAGE (page);

          assert_string_equal (jc_prices_page_get_db_path (prices), fx.db_path);
          assert_string_equal (jc_prices_page_get_date (prices), TODAY);
          jc_test_pump_until (!_jc_prices_page_get_loading (prices), 20000);
          assert_false (_jc_prices_page_get_loading (prices));
          if (!demo_is_placeholder ())
            {
              assert_string_equal (_jc_prices_page_get_market_state (prices), "list");
              assert_true (g_list_model_get_n_items (_jc_prices_page_get_shown (prices)) > 50);
              assert_string_equal (_jc_prices_page_get_row (prices, 0)->date, TODAY);
              /* the first item's history under the list */
              gtk_selection_model_select_item (GTK_SELECTION_MODEL (_jc_prices_page_get_shown (prices)),
                                               0, TRUE);
              jc_test_pump_until (!_jc_prices_page_get_loading (prices) &&
                          jc_price_chart_get_n_points (_jc_prices_page_get_chart (prices)) > 0,
                          20000);
              assert_true (jc_price_chart_get_n_points (_jc_prices_page_get_chart (prices)) > 0);
            }
          jc_test_settle (GTK_WIDGET (window));
        }
      else if (g_str_equal (sections[i], "plan"))
        {
          /* The plan of tomorrow's deliveries, from the orders sent so far. */
          JcPlanPage *plan = JC_PLAN_PAGE (page);

          assert_string_equal (jc_plan_page_get_db_path (plan), fx.db_path);
          assert_string_equal (jc_plan_page_get_date (plan), TOMORROW);
          jc_test_pump_until (!_jc_plan_page_is_busy (plan) && _jc_plan_page_get_plan (plan) != NULL, 20000);
          assert_non_null (_jc_plan_page_get_plan (plan));
          assert_string_equal (_jc_plan_page_get_plan (plan)->date, TOMORROW);
          jc_test_settle (GTK_WIDGET (window));
        }
      else if (g_str_equal (sections[i], "orders"))
        {
          /* Tomorrow's deliveries, every canteen on the board. */
          JcOrdersPage *orders = JC_ORDERS_PAGE (page);

          assert_string_equal (jc_orders_page_get_db_path (orders), fx.db_path);
          assert_string_equal (jc_orders_page_get_date (orders), TOMORROW);
          jc_test_pump_until (!_jc_orders_page_is_loading (orders) && _jc_orders_page_is_settled (orders),
                      20000);
          assert_false (_jc_orders_page_is_loading (orders));
          if (!demo_is_placeholder ())
            assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (orders)), 17);
          jc_test_settle (GTK_WIDGET (window));
        }
      jc_test_screenshot (GTK_WIDGET (window), name);
    }
  screenshot_dialogs (window, language);
  close_window (window);
}

static void
test_sections_zh_CN (void **state)
{
  screenshot_sections ("zh_CN");
}

static void
test_sections_en (void **state)
{
  screenshot_sections ("en");
}

/* File → Import Orders… shows the orders and asks for the forms. */
static void
test_import_orders_action (void **state)
{
  JcWindow *window;
  GtkWindow *chooser;

  jc_test_set_language ("en");
  window = open_window ();
  jc_window_show_section (window, "catalog");
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-orders", NULL));
  assert_string_equal (jc_window_get_section (window), "orders");
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  close_window (window);
}

/* Back Up the Database…: in the menu, offered the dated name, and the copy
 * made on a worker is a whole database the store opens with the same
 * catalog, said in a toast; the window stays usable throughout. */
static void
test_backup_action (void **state)
{
  g_autofree char *path = g_build_filename (fx.dir, "backup-from-gui.db", NULL);
  g_autoptr(JcStore) copy = NULL;
  g_autoptr(JcStore) live = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GError) error = NULL;
  JcWindow *window;
  GtkWindow *chooser;

  jc_test_set_language ("en");
  window = open_window ();
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.backup", NULL));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  assert_string_equal (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)),
                       "jicai-backup-" TODAY ".db");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jc_test_pump (50);

  _jc_window_backup_to (window, path);
  assert_true (_jc_window_is_backing_up (window));
  jc_test_pump_until (!_jc_window_is_backing_up (window), 30000);
  assert_false (_jc_window_is_backing_up (window));
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* said in a toast over the window's content */
  jc_test_pump_until (jc_test_find_label (GTK_WIDGET (window), "Backed up to backup-from-gui.db")
                      != NULL, 3000);
  assert_non_null (jc_test_find_label (GTK_WIDGET (window), "Backed up to backup-from-gui.db"));

  live = jc_store_open (fx.db_path, &error);
  assert_null (error);
  copy = jc_store_open (path, &error);
  assert_null (error);
  assert_true (jc_store_check_integrity (copy, &error));
  items = jc_store_list_items (live, TRUE, &error);
  copied = jc_store_list_items (copy, TRUE, &error);
  assert_non_null (items);
  assert_non_null (copied);
  assert_int_equal (copied->len, items->len);
  assert_true (items->len > 0);

  /* a second backup over the same name is refused, not written over */
  _jc_window_backup_to (window, path);
  jc_test_pump_until (!_jc_window_is_backing_up (window), 30000);
  jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 3000);
  assert_non_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  close_window (window);
}

/* Restore the Database…: in the menu; a restore run (as if chosen and
 * confirmed) brings back what the backup holds, keeps the replaced
 * database aside, and the window works on the restored one. */
static void
test_restore_action (void **state)
{
  g_autofree char *path = g_build_filename (fx.dir, "before-change.db", NULL);
  g_autofree char *changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;
  JcWindow *window;
  JcStore *store;

  jc_test_set_language ("en");
  window = open_window ();
  jc_test_settle (GTK_WIDGET (window));
  store = jc_application_get_store (fx.app);
  assert_non_null (store);
  assert_true (jc_store_backup (store, path, FALSE, NULL, NULL, &error));
  assert_null (error);
  assert_true (jc_store_set_setting (store, "restore-test", "changed after the backup", &error));

  _jc_window_restore_from (window, path);
  assert_true (_jc_window_is_backing_up (window));
  jc_test_pump_until (!_jc_window_is_backing_up (window), 30000);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  store = jc_application_get_store (fx.app);
  assert_non_null (store);
  changed = jc_store_get_setting (store, "restore-test");
  assert_null (changed);
  assert_string_equal (_jc_window_get_screen (window), "main");

  /* the database as it was is kept aside, beside it */
  dir = g_dir_open (fx.dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    kept = kept || strstr (name, ".before-restore-") != NULL;
  assert_true (kept);

  /* a file that is no backup is refused, and said so */
  {
    g_autofree char *junk = g_build_filename (fx.dir, "not-a-backup.db", NULL);

    assert_true (g_file_set_contents (junk, "hello", -1, NULL));
    _jc_window_restore_from (window, junk);
    jc_test_pump_until (!_jc_window_is_backing_up (window), 30000);
    jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 3000);
    assert_non_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    gtk_window_destroy (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  }
  close_window (window);
}

/* Restore the Database… asks for the backup with the platform's chooser
 * (GtkFileChooserNative: a dialog of GTK's own without a portal); Cancel
 * leaves everything as it was. */
static void
test_restore_chooser (void **state)
{
  JcWindow *window;
  GtkWindow *chooser;

  jc_test_set_language ("en");
  window = open_window ();
  assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  assert_non_null (chooser);
  assert_string_equal (gtk_window_get_title (chooser), "Restore the Database");
  assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                    GTK_FILE_CHOOSER_ACTION_OPEN);
  /* a second activation while it is open opens no other */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.restore", NULL));
  jc_test_pump (50);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  assert_false (_jc_window_is_backing_up (window));
  close_window (window);
}

/* Opens the window and waits for the daily backup it starts to end. */
static JcWindow *
open_window_after_daily_backup (void)
{
  JcWindow *window = open_window ();

  jc_test_pump_until (_jc_window_daily_backup_finished (window), 30000);
  assert_true (_jc_window_daily_backup_finished (window));
  return window;
}

/* The daily backup at start: without today's backup, the window makes it
 * on a worker once it is on screen — NAME-YYYY-MM-DD.db in the office's
 * backup folder (backups/ beside the database), a whole database — and,
 * opened again the same day, makes nothing new.  A backup folder that
 * cannot be made is told in a toast whose Details say what to do. */
static void
test_daily_backup_at_start (void **state)
{
  g_autofree char *folder = g_build_filename (fx.dir, "backups", NULL);
  g_autofree char *daily = g_build_filename (folder, "jicai-" TODAY ".db", NULL);
  g_autofree char *blocker = g_build_filename (fx.dir, "not-a-folder", NULL);
  g_autofree char *bad_folder = g_build_filename (blocker, "backups", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf first, again;
  JcWindow *window;
  guint n_files = 0;

  jc_test_set_language ("en");
  jc_test_rmtree (folder);
  assert_false (g_file_test (daily, G_FILE_TEST_EXISTS));

  window = open_window_after_daily_backup ();
  assert_null (_jc_window_get_daily_backup_error (window));
  assert_true (g_file_test (daily, G_FILE_TEST_IS_REGULAR));
  {
    g_autoptr(JcStore) copy = jc_store_open (daily, &error);
    g_autoptr(JcStore) live = jc_store_open (fx.db_path, &error);
    g_autoptr(GPtrArray) items = NULL;
    g_autoptr(GPtrArray) copied = NULL;

    assert_no_error (error);
    assert_true (jc_store_check_integrity (copy, &error));
    items = jc_store_list_items (live, TRUE, &error);
    copied = jc_store_list_items (copy, TRUE, &error);
    assert_true (items->len > 0);
    assert_int_equal (copied->len, items->len);
  }
  assert_int_equal (g_stat (daily, &first), 0);
  close_window (window);

  /* the same day again: today's is there, nothing new is made */
  window = open_window_after_daily_backup ();
  assert_null (_jc_window_get_daily_backup_error (window));
  assert_int_equal (g_stat (daily, &again), 0);
  assert_int_equal (again.st_ino, first.st_ino);
  assert_int_equal (again.st_mtime, first.st_mtime);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    while (g_dir_read_name (dir) != NULL)
      n_files++;
    assert_int_equal (n_files, 1);
  }
  close_window (window);

  /* a backup folder that cannot be made: a toast, and its Details */
  assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, NULL));
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "backup_dir", bad_folder, NULL));
  }
  window = open_window_after_daily_backup ();
  assert_non_null (_jc_window_get_daily_backup_error (window));
  assert_contains (_jc_window_get_daily_backup_error (window), bad_folder);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  /* a toast that stays, with its Details */
  jc_test_pump_until (jc_test_find_label (GTK_WIDGET (window),
                                          "Today’s backup of the database could not be made")
                      != NULL, 3000);
  assert_non_null (jc_test_find_label (GTK_WIDGET (window),
                                       "Today’s backup of the database could not be made"));
  jc_test_pump (300);  /* the toast slides in */
  jc_test_screenshot (GTK_WIDGET (window), "window-daily-backup-failed-en");
  assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.daily-backup-details", NULL));
  {
    AdwMessageDialog *dialog = jc_test_wait_for_dialog ();
    g_autofree char *body = NULL;

    g_object_get (dialog, "body", &body, NULL);
    assert_contains (body, bad_folder);
    assert_contains (body, "Preferences");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  close_window (window);
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "backup_dir", "", NULL));
  }
  g_remove (blocker);
}

/* ---- shortcuts and window state ---------------------------------------- */

static gboolean
window_has_shortcut (GtkWidget  *widget,
                     const char *trigger,
                     const char *action,
                     const char *argument)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *sa = gtk_shortcut_get_action (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GVariant *args = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_NAMED_ACTION (sa) || g_strcmp0 (text, trigger) != 0 ||
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (sa)), action) != 0)
            continue;
          if (argument == NULL ||
              (args != NULL && g_strcmp0 (g_variant_get_string (args, NULL), argument) == 0))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
app_has_accel (const char *action,
               const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), action);

  return g_strv_contains ((const char * const *) accels, accel);
}

static void
test_shortcuts (void **state)
{
  const char * const *sections = _jc_window_list_sections ();
  JcWindow *window = open_window ();

  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Alt>%u", (i + 1) % 10);

      assert_true (window_has_shortcut (GTK_WIDGET (window), trigger, "win.show-section",
                                        sections[i]));
    }
  assert_true (window_has_shortcut (GTK_WIDGET (window), "<Control>f", "win.search", NULL));
  assert_true (window_has_shortcut (GTK_WIDGET (window), "<Control>n", "win.add-record", NULL));
  assert_true (app_has_accel ("app.quit", "<Control>q"));
  assert_true (app_has_accel ("app.preferences", "<Control>comma"));
  assert_true (app_has_accel ("win.show-help-overlay", "<Control>question"));

  /* Add belongs to the list pages only; Ctrl+F also searches the prices. */
  jc_window_show_section (window, "prices");
  jc_test_settle (GTK_WIDGET (window));
  assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL) &&
                jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  jc_test_pump (20);
  {
    JcPricesPage *prices = JC_PRICES_PAGE (_jc_window_get_page (window, "prices"));
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
    GtkWidget *entry = GTK_WIDGET (_jc_prices_page_get_search_entry (prices));

    assert_non_null (focus);
    assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
  close_window (window);
}

static void
test_window_state (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last = NULL;
  JcWindow *window = open_window ();
  int width = 0, height = 0;

  jc_window_show_section (window, "vehicles");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  jc_test_settle (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  jc_test_pump (50);
  last = g_settings_get_string (settings, "last-section");
  assert_string_equal (last, "vehicles");
  assert_int_equal (g_settings_get_int (settings, "window-width"), 1000);
  assert_int_equal (g_settings_get_int (settings, "window-height"), 700);

  window = open_window ();
  assert_string_equal (jc_window_get_section (window), "vehicles");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  assert_int_equal (width, 1000);
  assert_int_equal (height, 700);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  close_window (window);
}

/* ---- the database screens --------------------------------------------- */

static void
test_database_screens (void **state)
{
  g_autofree char *missing = g_build_filename (fx.dir, "new", "jicai.db", NULL);
  g_autofree char *garbage = g_build_filename (fx.dir, "notes.db", NULL);
  static const char text[] = "These are not the droids you are looking for.\n";
  g_autofree char *contents = NULL;
  JcWindow *window;

  jc_test_set_language ("en");
  window = open_window ();

  /* No file: the welcome screen, and nothing created by looking. */
  jc_application_set_db_path (fx.app, missing);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "welcome");
  assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  jc_test_screenshot (GTK_WIDGET (window), "welcome-en");

  /* Start empty: a new database, empty lists that say so. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "main");
  assert_true (g_file_test (missing, G_FILE_TEST_EXISTS));
  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "canteens-empty-en");

  /* Not a database: the error screen with the exact message, the file as
   * it was. */
  assert_true (g_file_set_contents (garbage, text, -1, NULL));
  jc_application_set_db_path (fx.app, garbage);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "error");
  assert_null (jc_application_get_store (fx.app));
  assert_non_null (jc_application_get_store_error (fx.app));
  assert_contains (adw_status_page_get_description (_jc_window_get_error_page (window)),
                   "not an SQLite database");
  assert_true (g_file_get_contents (garbage, &contents, NULL, NULL));
  assert_string_equal (contents, text);
  jc_test_screenshot (GTK_WIDGET (window), "database-error-en");

  /* An office database that cannot be reached (port 1 on loopback: no
   * server there): the error screen saying so, not the welcome screen
   * offering to make it (which made a folder "postgresql:" with a file in
   * it). */
  {
    g_autofree char *cwd = g_get_current_dir ();
    g_autofree char *taken = NULL;

    assert_int_equal (g_chdir (fx.dir), 0);
    taken = g_build_filename (fx.dir, "postgresql:", NULL);
    jc_application_set_db_path (fx.app, "postgresql://postgres@127.0.0.1:1/jicai");
    jc_test_settle (GTK_WIDGET (window));
    assert_string_equal (_jc_window_get_screen (window), "error");
    assert_null (jc_application_get_store (fx.app));
    assert_contains (adw_status_page_get_description (_jc_window_get_error_page (window)),
                     "Cannot connect to the office database “postgresql://postgres@127.0.0.1:1/jicai”");
    assert_false (g_file_test (taken, G_FILE_TEST_EXISTS));
    assert_int_equal (g_chdir (cwd), 0);
  }

  jc_application_set_db_path (fx.app, fx.db_path);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "main");
  close_window (window);
}

/* Loading the demo from the welcome screen runs on a worker thread: the
 * window keeps drawing frames meanwhile; cancelling keeps nothing. */
static void
test_load_demo (void **state)
{
  g_autofree char *cancelled = g_build_filename (fx.dir, "cancelled.db", NULL);
  g_autofree char *loaded = g_build_filename (fx.dir, "demo.db", NULL);
  JcWindow *window;
  guint frames = 0;
  guint id;

  jc_test_set_language ("en");
  g_setenv ("JICAI_TODAY", "2026-11-27", TRUE);
  window = open_window ();

  jc_application_set_db_path (fx.app, cancelled);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (_jc_window_get_screen (window), "welcome");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  assert_string_equal (_jc_window_get_screen (window), "loading");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  jc_test_pump_until (!g_str_equal (_jc_window_get_screen (window), "loading"), 30000);
  assert_string_equal (_jc_window_get_screen (window), "welcome");
  assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  jc_application_set_db_path (fx.app, loaded);
  jc_test_settle (GTK_WIDGET (window));
  /* No database yet: the pages that read on worker threads have none. */
  assert_null (jc_prices_page_get_db_path (JC_PRICES_PAGE (_jc_window_get_page (window, "prices"))));
  assert_null (jc_orders_page_get_db_path (JC_ORDERS_PAGE (_jc_window_get_page (window, "orders"))));
  assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-orders", NULL) &&
                g_str_equal (_jc_window_get_screen (window), "main"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL);
  assert_string_equal (_jc_window_get_screen (window), "loading");
  id = gtk_widget_add_tick_callback (GTK_WIDGET (window), jc_test_count_frame_cb, &frames, NULL);
  jc_test_pump_until (frames >= 3 || !g_str_equal (_jc_window_get_screen (window), "loading"), 10000);
  if (g_str_equal (_jc_window_get_screen (window), "loading"))
    jc_test_screenshot (GTK_WIDGET (window), "loading-en");
  jc_test_pump_until (!g_str_equal (_jc_window_get_screen (window), "loading"), 60000);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), id);
  assert_true (frames >= 3);
  if (demo_is_placeholder ())
    {
      /* The demo tables are not there yet: the failure is shown, the new
       * file removed again. */
      assert_string_equal (_jc_window_get_screen (window), "welcome");
      assert_false (g_file_test (loaded, G_FILE_TEST_EXISTS));
    }
  else
    {
      g_autoptr(GPtrArray) canteens = NULL;
      JcPricesPage *prices = JC_PRICES_PAGE (_jc_window_get_page (window, "prices"));
      JcOrdersPage *orders = JC_ORDERS_PAGE (_jc_window_get_page (window, "orders"));

      assert_string_equal (_jc_window_get_screen (window), "main");
      canteens = jc_store_list_canteens (jc_application_get_store (fx.app), TRUE, NULL);
      assert_int_equal (canteens->len, 17);
      /* The new database reaches the prices and the orders. */
      assert_string_equal (jc_prices_page_get_db_path (prices), loaded);
      assert_string_equal (jc_orders_page_get_db_path (orders), loaded);
      jc_window_show_section (window, "prices");
      jc_test_pump_until (!_jc_prices_page_get_loading (prices), 20000);
      assert_true (g_list_model_get_n_items (_jc_prices_page_get_shown (prices)) > 50);
      jc_window_show_section (window, "orders");
      jc_test_pump_until (!_jc_orders_page_is_loading (orders), 20000);
      assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (orders)), 17);
    }

  jc_application_set_db_path (fx.app, fx.db_path);
  jc_test_settle (GTK_WIDGET (window));
  close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate
     * (g_dgettext), and a C.UTF-8 process that has only seen English so
     * far decides not to. */
    cmocka_unit_test (test_sections_zh_CN),
    cmocka_unit_test (test_sections_en),
    cmocka_unit_test (test_import_orders_action),
    cmocka_unit_test (test_backup_action),
    cmocka_unit_test (test_restore_action),
    cmocka_unit_test (test_restore_chooser),
    cmocka_unit_test (test_daily_backup_at_start),
    cmocka_unit_test (test_shortcuts),
    cmocka_unit_test (test_window_state),
    cmocka_unit_test (test_database_screens),
    cmocka_unit_test (test_load_demo),
  };

  return test_ui_run ("ui", tests, G_N_ELEMENTS (tests));
}
