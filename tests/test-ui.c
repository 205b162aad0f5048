/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The GUI as a person uses it, on real widgets under Xvfb: a database with
 * the demo world, the main window on it, a canteen added through the
 * editor (a wrong latitude first), the catalog searched by pinyin
 * initials, price sources added, edited, disabled and removed, the
 * database screens (welcome, error, demo loading), and a PNG of every
 * section in English and in Chinese for a person to look at
 * ($JICAI_SCREENSHOT_DIR/<section>-<lang>.png). */
#include "config.h"

#include <adwaita.h>
#include <curl/curl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "jc-test-ui.h"
#include "jc-application.h"
#include "jc-canteen-editor-private.h"
#include "jc-canteens-page-private.h"
#include "jc-catalog-page-private.h"
#include "jc-demo.h"
#include "jc-item-editor-private.h"
#include "jc-orders.h"
#include "jc-orders-page-private.h"
#include "jc-plan-page-private.h"
#include "jc-preferences-window-private.h"
#include "jc-calendar.h"
#include "jc-store-private.h"
#include "jc-prices-page-private.h"
#include "jc-record.h"
#include "jc-source-editor-private.h"
#include "jc-sources-page-private.h"
#include "jc-vehicle-editor.h"
#include "jc-vehicles-page-private.h"
#include "jc-window-private.h"

/* The demo's last market day; the application's "today" in these tests. */
#define TODAY "2026-11-27"
#define TOMORROW "2026-11-28"

static struct {
  char          *dir;
  char          *db_path;
  JcApplication *app;
} fx;

/* ---- helpers ---------------------------------------------------------- */

static JcWindow *
open_window (void)
{
  JcWindow *window = jc_window_new (fx.app);

  gtk_window_present (GTK_WINDOW (window));
  jc_test_settle (GTK_WIDGET (window));
  return window;
}

static void
close_window (JcWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  jc_test_pump (50);
}

static gboolean
strv_has (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the database ----------------------------------------------------- */

static gboolean
demo_is_placeholder (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/jicai/Jicai/demo/catalog.tsv",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;

  return data == NULL || (size >= 11 && memcmp (data, "placeholder", 11) == 0);
}

static void
insert_item (JcStore    *store,
             const char *code,
             const char *name,
             const char *category)
{
  g_autoptr(JcItem) item = jc_item_new ();
  g_autoptr(GError) error = NULL;

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup (category);
  assert_true (jc_store_insert_item (store, item, &error));
  assert_no_error (error);
}

/* Used only while resources/demo/ holds placeholders. */
static void
load_fixture (JcStore *store)
{
  static const struct { const char *code, *name; double lat, lon; } canteens[] = {
    { "CT01", "市政府机关食堂", 31.230416, 121.473701 },
    { "CT02", "市政大厦机关食堂", 31.2279, 121.4701 },
    { "CT03", "徐汇区机关食堂", 31.1885, 121.4365 },
  };
  g_autoptr(GError) error = NULL;

  insert_item (store, "V001", "大白菜", "veg");
  insert_item (store, "V004", "小白菜", "veg");
  insert_item (store, "V039", "土豆", "veg");
  insert_item (store, "V051", "大葱", "veg");
  insert_item (store, "M001", "五花肉", "meat");
  insert_item (store, "S005", "白玉北豆腐", "soy");
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (canteens[i].code);
      c->name = g_strdup (canteens[i].name);
      c->lat = canteens[i].lat;
      c->lon = canteens[i].lon;
      c->diners = 500;
      assert_true (jc_store_insert_canteen (store, c, &error));
    }
  {
    g_autoptr(JcVehicle) v = jc_vehicle_new ();

    v->plate = g_strdup ("沪A7K352");
    v->capacity_kg = 2000;
    v->depot = g_strdup ("江桥");
    v->depot_lat = 31.255;
    v->depot_lon = 121.3345;
    assert_true (jc_store_insert_vehicle (store, v, &error));
  }
}

static int
setup (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  GDate today;

  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "jicai.db", NULL);
  jc_test_set_screenshot_dir (fx.dir);

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  g_date_set_dmy (&today, 27, G_DATE_NOVEMBER, 2026);  /* TODAY */
  if (demo_is_placeholder ())
    load_fixture (store);
  else
    {
      assert_true (jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error));
      assert_no_error (error);
    }
  g_clear_pointer (&store, jc_store_free);

  fx.app = jc_application_new ();
  jc_application_set_db_path (fx.app, fx.db_path);
  assert_true (g_application_register (G_APPLICATION (fx.app), NULL, &error));
  assert_no_error (error);
  assert_non_null (jc_application_get_store (fx.app));
  return 0;
}

static int
teardown (void **state)
{
  g_clear_object (&fx.app);
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

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

/* ---- adding a canteen ------------------------------------------------- */

static void
test_add_canteen (void **state)
{
  JcWindow *window;
  JcCanteenEditor *editor;
  GtkWidget *save;
  GtkWidget *lat;
  GtkLabel *caption;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcCanteen) saved = NULL;
  g_autoptr(JcCanteen) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GListModel *shown;
  gboolean listed = FALSE;

  jc_test_set_language ("en");
  window = open_window ();
  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  before = jc_store_list_canteens (jc_application_get_store (fx.app), TRUE, &error);
  assert_non_null (before);
  existing = jc_canteen_copy (g_ptr_array_index (before, 0));

  /* Ctrl+N */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) != NULL, 2000);
  editor = JC_CANTEEN_EDITOR (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  save = _jc_canteen_editor_get_save_button (editor);
  lat = _jc_canteen_editor_get_row (editor, JC_FIELD_LAT);
  caption = _jc_canteen_editor_get_caption (editor, JC_FIELD_LAT);
  assert_false (gtk_widget_get_sensitive (save));  /* nothing filled in yet */

  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)), "TEST1");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_NAME)),
                         "测试机关食堂");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_AGENCY)),
                         "市测试局");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_ADDRESS)),
                         "黄浦区测试路1号");
  gtk_editable_set_text (GTK_EDITABLE (lat), "95");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_LON)),
                         "121.4737");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_WINDOW_START)),
                         "07:15");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_WINDOW_END)),
                         "08:45");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_DINERS)), "350");
  jc_test_settle (GTK_WIDGET (editor));

  /* A latitude of 95 is wrong: Save is off, the row is marked, the caption
   * under its group names the field and the value. */
  assert_false (gtk_widget_get_sensitive (save));
  assert_true (gtk_widget_has_css_class (lat, "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "latitude");
  assert_contains (gtk_label_get_text (caption), "95");
  assert_false (gtk_widget_has_css_class (_jc_canteen_editor_get_row (editor, JC_FIELD_LON),
                                          "error"));
  jc_test_screenshot (GTK_WIDGET (editor), "canteen-editor-error-en");

  gtk_editable_set_text (GTK_EDITABLE (lat), "31.2304");
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  assert_false (gtk_widget_has_css_class (lat, "error"));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));

  /* A code another canteen has is flagged as it is typed, before any
   * Save: the message goes on the code row, Save waits for a different
   * code, nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)),
                         existing->code);
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) == GTK_WINDOW (editor));
  assert_true (gtk_widget_has_css_class (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE),
                                         "error"));
  assert_contains (gtk_label_get_text (_jc_canteen_editor_get_caption (editor, JC_FIELD_CODE)),
                   existing->code);
  assert_false (gtk_widget_get_sensitive (save));
  after = jc_store_list_canteens (jc_application_get_store (fx.app), TRUE, &error);
  assert_int_equal (after->len, before->len);
  jc_test_screenshot (GTK_WIDGET (editor), "canteen-editor-duplicate-en");

  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)), "TEST1");
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));

  /* In the database, as a second connection reads it. */
  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  saved = jc_store_get_canteen (check, "TEST1", &error);
  assert_no_error (error);
  assert_non_null (saved);
  assert_string_equal (saved->name, "测试机关食堂");
  assert_string_equal (saved->agency, "市测试局");
  assert_string_equal (saved->address, "黄浦区测试路1号");
  assert_true (fabs (saved->lat - 31.2304) < 1e-9);
  assert_true (fabs (saved->lon - 121.4737) < 1e-9);
  assert_int_equal (saved->window_start, 7 * 60 + 15);
  assert_int_equal (saved->window_end, 8 * 60 + 45);
  assert_int_equal (saved->diners, 350);
  assert_true (saved->active);

  /* And in the list, selected. */
  jc_test_settle (GTK_WIDGET (window));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (_jc_window_get_page (window, "canteens")));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);

      if (g_str_equal (jc_record_get_key (record), "TEST1"))
        {
          listed = TRUE;
          assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (shown), i));
        }
    }
  assert_true (listed);
  jc_test_screenshot (GTK_WIDGET (window), "canteens-added-en");
  close_window (window);
}

/* ---- deactivating, and editing by activating a row --------------------- */

static gboolean
shown_has (GListModel *shown,
           const char *key,
           guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);

      if (g_str_equal (jc_record_get_key (record), key))
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_deactivate_canteen (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JcCanteen) stored = NULL;
  g_autoptr(GError) error = NULL;
  JcCanteensPage *page;
  GListModel *shown;
  JcWindow *window;
  JcCanteenEditor *editor;
  guint position = 0;

  jc_test_set_language ("en");
  g_settings_set_boolean (settings, "show-inactive", FALSE);
  window = open_window ();
  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_CANTEENS_PAGE (_jc_window_get_page (window, "canteens"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  assert_true (shown_has (shown, "CT02", &position));

  /* Double-click or Enter on a row opens it in the editor. */
  g_signal_emit_by_name (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), "activate", position);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) != NULL, 2000);
  editor = JC_CANTEEN_EDITOR (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));
  assert_non_null (editor);
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE))),
                       "CT02");
  gtk_window_destroy (GTK_WINDOW (editor));
  jc_test_pump (30);

  /* Deactivated: still in the store, gone from the list of active ones. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  stored = jc_store_get_canteen (jc_application_get_store (fx.app), "CT02", &error);
  assert_no_error (error);
  assert_false (stored->active);
  assert_false (shown_has (shown, "CT02", NULL));

  /* "Show deactivated" (one setting for all lists) brings it back. */
  g_settings_set_boolean (settings, "show-inactive", TRUE);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (shown_has (shown, "CT02", &position));
  jc_test_screenshot (GTK_WIDGET (window), "canteens-deactivated-en");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&stored, jc_canteen_free);
  stored = jc_store_get_canteen (jc_application_get_store (fx.app), "CT02", &error);
  assert_true (stored->active);
  g_settings_set_boolean (settings, "show-inactive", FALSE);
  close_window (window);
}

/* ---- searching the catalog -------------------------------------------- */

static void
test_catalog_search (void **state)
{
  JcWindow *window;
  JcCatalogPage *page;
  GListModel *shown;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_matching = 0;
  guint n_all;
  gboolean has_dbc = FALSE;

  jc_test_set_language ("en");
  window = open_window ();
  /* Ctrl+F lands in the search entry of the page on show. */
  jc_window_show_section (window, "catalog");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_CATALOG_PAGE (_jc_window_get_page (window, "catalog"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  n_all = g_list_model_get_n_items (shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  jc_test_pump (20);
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
    GtkWidget *entry = GTK_WIDGET (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)));

    assert_non_null (focus);
    assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  items = jc_store_list_items (jc_application_get_store (fx.app), FALSE, &error);
  assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (jc_item_matches (g_ptr_array_index (items, i), "dbc"))
      n_matching++;
  assert_true (n_matching >= 1);
  assert_true (n_matching < n_all);

  gtk_editable_set_text (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)), "dbc");
  /* GtkSearchEntry waits a moment before it searches. */
  jc_test_pump_until (g_list_model_get_n_items (shown) == n_matching, 3000);
  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (g_list_model_get_n_items (shown), n_matching);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);
      const JcItem *item = jc_record_get_data (record);

      assert_true (jc_item_matches (item, "dbc"));
      if (g_str_equal (item->name, "大白菜"))
        has_dbc = TRUE;
    }
  assert_true (has_dbc);

  /* What is on screen, not only the model. */
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (strv_has (labels, "大白菜"));
  assert_false (strv_has (labels, "土豆"));
  assert_false (strv_has (labels, "小白菜"));
  jc_test_screenshot (GTK_WIDGET (window), "catalog-search-en");

  gtk_editable_set_text (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)), "");
  jc_test_pump_until (g_list_model_get_n_items (shown) == n_all, 3000);
  assert_int_equal (g_list_model_get_n_items (shown), n_all);
  close_window (window);
}

/* ---- adding an item -------------------------------------------------- */

static void
test_add_item (void **state)
{
  JcWindow *window;
  JcItemEditor *editor;
  GtkWidget *save;
  GtkWidget *pack;
  GtkLabel *caption;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcItem) saved = NULL;
  g_autoptr(GError) error = NULL;

  jc_test_set_language ("en");
  window = open_window ();
  jc_window_show_section (window, "catalog");
  jc_test_settle (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR) != NULL, 2000);
  editor = JC_ITEM_EDITOR (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  save = _jc_item_editor_get_save_button (editor);
  pack = _jc_item_editor_get_row (editor, JC_FIELD_PACK);
  caption = _jc_item_editor_get_caption (editor, JC_FIELD_PACK);

  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_CODE)), "T900");
  /* The pinyin initials follow the name. */
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_NAME)), "测试白菜");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_item_editor_get_pinyin_row (editor))),
                       "csbc");
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_ALIASES)),
                         "试验白菜、 实验白菜 ,");
  gtk_editable_set_text (GTK_EDITABLE (pack), "12.5kg");
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_LOSS)), "80");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (save));
  assert_true (gtk_widget_has_css_class (pack, "error"));
  assert_contains (gtk_label_get_text (caption), "pack size");
  assert_contains (gtk_label_get_text (caption), "12.5kg");

  gtk_editable_set_text (GTK_EDITABLE (pack), "12.5");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_has_css_class (pack, "error"));
  assert_true (gtk_widget_get_sensitive (save));

  /* a piece mass with decimals in any mass unit; a tenth decimal is
   * refused naming the field */
  {
    GtkWidget *mass = _jc_item_editor_get_row (editor, JC_FIELD_PIECE_MASS);
    GtkLabel *mass_caption = _jc_item_editor_get_caption (editor, JC_FIELD_PIECE_MASS);

    gtk_editable_set_text (GTK_EDITABLE (mass), "52.5000000001");
    jc_test_settle (GTK_WIDGET (editor));
    assert_true (gtk_widget_has_css_class (mass, "error"));
    assert_false (gtk_widget_get_sensitive (save));
    assert_contains (gtk_label_get_text (mass_caption), "piece mass");
    assert_contains (gtk_label_get_text (mass_caption), "more than 9 decimals");
    jc_test_screenshot (GTK_WIDGET (editor), "item-editor-piece-mass-error");
    gtk_editable_set_text (GTK_EDITABLE (mass), "0.0525 kg");
    jc_test_settle (GTK_WIDGET (editor));
    assert_false (gtk_widget_has_css_class (mass, "error"));
    assert_true (gtk_widget_get_sensitive (save));
  }
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR));

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  saved = jc_store_get_item (check, "T900", &error);
  assert_no_error (error);
  assert_string_equal (saved->name, "测试白菜");
  assert_string_equal (saved->pinyin, "csbc");
  assert_int_equal (saved->pack_milli, 12500);
  assert_int_equal (saved->piece_mass_mg, 52500);
  assert_int_equal (saved->loss_permille, 80);
  assert_int_equal (saved->base_unit, JC_BASE_UNIT_KG);
  assert_int_equal (g_strv_length (saved->aliases), 2);
  assert_true (g_strv_contains ((const char * const *) saved->aliases, "试验白菜"));
  assert_true (g_strv_contains ((const char * const *) saved->aliases, "实验白菜"));
  close_window (window);
}

/* ---- preferences ------------------------------------------------------ */

static char *
stored_setting (const char *key)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_get_setting (store, key) : NULL;
}

/* The cutoff and the staleness window are the office's: they are saved in
 * the database, where the CLI and the planner read them. */
static void
test_preferences (void **state)
{
  g_autofree char *cutoff = NULL;
  JcPreferencesWindow *prefs;
  GtkEditable *row;
  GtkLabel *caption;

  jc_test_set_language ("en");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "cutoff_time", "14:00", NULL));
  }
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  row = _jc_preferences_window_get_cutoff_row (prefs);
  caption = _jc_preferences_window_get_cutoff_caption (prefs);
  assert_string_equal (gtk_editable_get_text (row), "14:00");
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);  /* opening writes nothing */

  gtk_editable_set_text (row, "25:00");
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "25:00");
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  cutoff = stored_setting ("cutoff_time");
  assert_string_equal (cutoff, "14:00");  /* a wrong time is not saved */
  g_clear_pointer (&cutoff, g_free);

  gtk_editable_set_text (row, "9:30");
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  cutoff = stored_setting ("cutoff_time");
  assert_string_equal (cutoff, "09:30");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autofree char *rule = jc_orders_cutoff_for (store, "2026-12-01");

    assert_string_equal (rule, "2026-11-30T09:30");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);

  /* no database: the office rules cannot be edited */
  prefs = jc_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_jc_preferences_window_get_cutoff_row (prefs))));
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
}

/* The office calendar in Preferences: a bad date is told at once, a
 * holiday added with Enter moves Monday's cutoff to Thursday, a holiday
 * on a Saturday is refused with core's reason, the remove button takes
 * the entry away again.  2026-12-04 is a Friday. */
static void
test_preferences_calendar (void **state)
{
  const char *languages[] = { "en", "zh_CN" };
  JcPreferencesWindow *prefs;
  GtkEditable *date_row;
  GtkLabel *caption;
  GtkListBox *list;

  jc_test_set_language ("en");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "cutoff_time", "14:00", NULL));
  }
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 900);
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  date_row = _jc_preferences_window_get_calendar_date_row (prefs);
  caption = _jc_preferences_window_get_calendar_caption (prefs);
  list = _jc_preferences_window_get_calendar_list (prefs);
  assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));

  /* a date that is none: said under the rows, nothing written */
  gtk_editable_set_text (date_row, "2026-13-01");
  jc_test_enter (date_row);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "“2026-13-01” is not a date (YYYY-MM-DD)");
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);

  /* Friday a holiday, by Enter in the name */
  gtk_editable_set_text (date_row, "2026-12-04");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 0);
  gtk_editable_set_text (_jc_preferences_window_get_calendar_name_row (prefs), "测试假日");
  jc_test_enter (_jc_preferences_window_get_calendar_name_row (prefs));
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));
  assert_string_equal (gtk_editable_get_text (date_row), "");
  assert_non_null (gtk_widget_get_first_child (GTK_WIDGET (list)));
  assert_null (gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (list))));
  assert_non_null (jc_test_find_label (GTK_WIDGET (list), "2026-12-04 · 测试假日"));
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autofree char *cutoff = jc_orders_cutoff_for (store, "2026-12-07");

    assert_string_equal (cutoff, "2026-12-03T14:00");
  }

  /* a 调休 workday, by the Add button */
  gtk_editable_set_text (date_row, "2026-12-05");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 1);
  g_signal_emit_by_name (_jc_preferences_window_get_calendar_add_button (prefs), "clicked");
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_non_null (jc_test_find_label (GTK_WIDGET (list), "2026-12-05"));

  /* a holiday on a Sunday: core's reason, the entry not added */
  gtk_editable_set_text (date_row, "2026-12-06");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 0);
  jc_test_enter (date_row);
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "2026-12-06 is a Saturday or Sunday");
  assert_string_equal (gtk_editable_get_text (date_row), "2026-12-06");  /* kept to correct */

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-calendar-%s", languages[i]);
      JcPreferencesWindow *shown;

      jc_test_set_language (languages[i]);
      shown = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
      gtk_window_set_default_size (GTK_WINDOW (shown), 640, 1000);
      gtk_window_present (GTK_WINDOW (shown));
      jc_test_settle (GTK_WIDGET (shown));
      jc_test_screenshot (GTK_WIDGET (shown), name);
      gtk_window_destroy (GTK_WINDOW (shown));
      jc_test_pump (30);
    }
  jc_test_set_language ("en");

  /* the remove buttons take both away */
  for (guint n = 2; n > 0; n--)
    {
      GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
      GtkWidget *button = NULL;

      assert_non_null (row);
      for (GtkWidget *w = row; w != NULL;)
        {
          if (GTK_IS_BUTTON (w))
            {
              button = w;
              break;
            }
          if (gtk_widget_get_first_child (w) != NULL)
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != row && gtk_widget_get_next_sibling (w) == NULL)
                w = gtk_widget_get_parent (w);
              w = w == row ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
      assert_non_null (button);
      g_signal_emit_by_name (button, "clicked");
      while (_jc_preferences_window_get_n_writes (prefs) > 0)
        jc_test_pump (10);
      jc_test_settle (GTK_WIDGET (prefs));
    }
  assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autoptr(GPtrArray) entries = jc_store_list_calendar (store, NULL, NULL, NULL);
    g_autofree char *cutoff = jc_orders_cutoff_for (store, "2026-12-07");

    assert_int_equal (entries->len, 0);
    assert_string_equal (cutoff, "2026-12-04T14:00");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
}

/* A price source list that cannot be read is an error with a Retry, not
 * the "No Price Sources Yet" screen; an empty one is that screen.  The
 * table is renamed away under the page, then back. */
static void
test_sources_error (void **state)
{
  const char *languages[] = { "en", "zh_CN" };
  g_autofree char *path = g_build_filename (fx.dir, "sources-error.db", NULL);
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  JcSourcesPage *page;
  GtkWindow *window;
  GtkWidget *retry;

  assert_non_null (store);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *empty_name = g_strdup_printf ("sources-empty-%s", languages[i]);
      g_autofree char *error_name = g_strdup_printf ("sources-error-%s", languages[i]);

      jc_test_set_language (languages[i]);
      page = g_object_new (JC_TYPE_SOURCES_PAGE, NULL);
      window = jc_test_present (GTK_WIDGET (page), 1000, 640);
      jc_sources_page_set_store (page, store);
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "empty");
      assert_false (jc_list_page_has_load_error (JC_LIST_PAGE (page)));
      jc_test_screenshot (GTK_WIDGET (window), empty_name);

      assert_true (_jc_store_exec (store, "ALTER TABLE price_sources RENAME TO price_sources_away",
                                   NULL));
      jc_sources_page_reload (page);
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "error");
      assert_true (jc_list_page_has_load_error (JC_LIST_PAGE (page)));
      assert_contains (adw_status_page_get_description (_jc_list_page_get_error_page (JC_LIST_PAGE (page))),
                       "price_sources");
      if (i == 0)
        assert_string_equal (adw_status_page_get_title (_jc_list_page_get_error_page (JC_LIST_PAGE (page))),
                             "Could Not Read the Price Sources");
      jc_test_screenshot (GTK_WIDGET (window), error_name);

      /* the table back, Retry: the list (empty) again */
      assert_true (_jc_store_exec (store, "ALTER TABLE price_sources_away RENAME TO price_sources",
                                   NULL));
      retry = adw_status_page_get_child (_jc_list_page_get_error_page (JC_LIST_PAGE (page)));
      assert_true (GTK_IS_BUTTON (retry));
      g_signal_emit_by_name (retry, "clicked");
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "empty");
      jc_test_close_window (window);
    }
  jc_test_set_language ("en");
}

/* ---- price sources ----------------------------------------------------- */

static JcSourceEditor *
wait_source_editor (void)
{
  JcSourceEditor *editor;

  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) != NULL, 2000);
  editor = JC_SOURCE_EDITOR (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  return editor;
}

static void
set_row (JcSourceEditor *editor,
         JcField         field,
         const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_jc_source_editor_get_row (editor, field)), text);
}

static void
save_source_editor (JcSourceEditor *editor)
{
  GtkWidget *save = _jc_source_editor_get_save_button (editor);

  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR));
}

static JcSource *
stored_source (const char *name)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_get_source (store, name, NULL) : NULL;
}

static gint64
stored_source_prices (gint64 id)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_count_source_prices (store, id, NULL) : -1;
}

static void
select_source (JcSourcesPage *page,
               const char    *name)
{
  GListModel *shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  guint position = 0;

  assert_true (shown_has (shown, name, &position));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
}

static AdwMessageDialog *
wait_message_dialog (void)
{
  jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  assert_non_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  return ADW_MESSAGE_DIALOG (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer_message_dialog (AdwMessageDialog *dialog,
                       const char       *response)
{
  adw_message_dialog_response (dialog, response);
  jc_test_pump (30);
  if (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == GTK_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  jc_test_pump (30);
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *needle)
{
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

#define TEST_SOURCE "测试批发市场"

/* Fetch Prices from the menu, then the sources as a person manages them:
 * a source added through the editor (a wrong address first, then a name
 * another source has), edited to disabled (its credentials kept, then
 * cleared), the demo's market asked to be removed (its prices would go:
 * Disable is offered, and taken), and a source without prices removed. */
static void
test_sources (void **state)
{
  g_autoptr(JcSource) xfd = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *caption_text = NULL;
  JcWindow *window;
  JcSourcesPage *page;
  JcPricesPage *prices;
  JcSourceEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *url;
  GListModel *shown;
  gint64 n_prices;
  guint n_before;

  if (demo_is_placeholder ())
    skip ();  /* the demo's market source and its prices are needed */
  xfd = stored_source ("新发地");
  assert_non_null (xfd);
  n_prices = stored_source_prices (xfd->id);
  jc_test_set_language ("en");
  window = open_window ();

  /* Fetch Prices: the prices section fetches from the demo's file://
   * source, on its worker thread. */
  prices = JC_PRICES_PAGE (_jc_window_get_page (window, "prices"));
  jc_window_show_section (window, "dashboard");
  jc_test_settle (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch-prices", NULL);
  assert_string_equal (jc_window_get_section (window), "prices");
  jc_test_pump_until (jc_prices_page_get_fetching (prices), 2000);
  jc_test_pump_until (!jc_prices_page_get_fetching (prices), 30000);
  assert_false (jc_prices_page_get_fetching (prices));
  jc_test_pump_until (!_jc_prices_page_get_loading (prices), 10000);

  /* Alt+0 */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "sources");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_SOURCES_PAGE (_jc_window_get_page (window, "sources"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  n_before = g_list_model_get_n_items (shown);
  assert_true (shown_has (shown, "新发地", NULL));
  /* The fetch is in the log: the list says how it went. */
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (labels_contain (labels, " new, "));
  g_ptr_array_set_size (labels, 0);

  /* Ctrl+N: a wrong address keeps Save off and says why on its row. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  editor = wait_source_editor ();
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  url = _jc_source_editor_get_row (editor, JC_FIELD_URL);
  set_row (editor, JC_FIELD_NAME, "新发地");
  adw_combo_row_set_selected (ADW_COMBO_ROW (_jc_source_editor_get_row (editor, JC_FIELD_ADAPTER)),
                              1);  /* csv */
  set_row (editor, JC_FIELD_URL, "ftp://x");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_true (gtk_widget_has_css_class (url, "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (_jc_source_editor_get_caption (editor, JC_FIELD_URL))));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_URL)),
                   "ftp://x");
  assert_false (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"));
  jc_test_screenshot (GTK_WIDGET (editor), "source-editor-error-en");

  /* A login in the address belongs under Credentials. */
  set_row (editor, JC_FIELD_URL, "https://bob:hunter22@prices.example/daily.csv");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_true (gtk_widget_has_css_class (url, "error"));
  assert_null (strstr (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_URL)),
                       "hunter22"));

  set_row (editor, JC_FIELD_URL, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
  gtk_editable_set_text (GTK_EDITABLE (_jc_source_editor_get_params_row (editor)), "limit=50");
  set_row (editor, JC_FIELD_CREDENTIALS, "bob:hunter22");
  set_row (editor, JC_FIELD_PRIORITY, "1001");
  set_row (editor, JC_FIELD_SCHEDULE, "6:15");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_has_css_class (url, "error"));
  assert_true (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_PRIORITY),
                                         "error"));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  set_row (editor, JC_FIELD_PRIORITY, "20");
  jc_test_settle (GTK_WIDGET (editor));

  /* The name is the store's to refuse: the message on the name row,
   * nothing written. */
  gtk_widget_activate (_jc_source_editor_get_save_button (editor));
  jc_test_pump_until (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"),
              2000);
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) == GTK_WINDOW (editor));
  assert_true (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_NAME)),
                   "新发地");
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_int_equal (g_list_model_get_n_items (shown), n_before);

  set_row (editor, JC_FIELD_NAME, TEST_SOURCE);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_non_null (saved);
    assert_string_equal (saved->adapter, "csv");
    assert_string_equal (saved->url, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
    assert_string_equal (saved->params, "limit=50");
    assert_string_equal (saved->credentials, "bob:hunter22");
    assert_int_equal (saved->priority, 20);
    assert_string_equal (saved->schedule, "06:15");
    assert_true (saved->enabled);
  }
  /* Listed and selected; the secrets are not on screen. */
  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (g_list_model_get_n_items (shown), n_before + 1);
  {
    guint position = 0;

    assert_true (shown_has (shown, TEST_SOURCE, &position));
    assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (shown), position));
  }
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (labels_contain (labels, "api_key=***"));
  assert_false (labels_contain (labels, "SECRET42"));
  assert_false (labels_contain (labels, "hunter22"));
  assert_true (strv_has (labels, "Set"));
  g_ptr_array_set_size (labels, 0);
  /* A source's name is never cut, however narrow the window: the address
   * and the last fetch give way ("新发地" was "新…" at 881 px). */
  {
    GtkWidget *name = jc_test_find_label (_jc_list_page_get_column_view (JC_LIST_PAGE (page)),
                                          "新发地");
    int min = 0, nat = 0;

    assert_non_null (name);
    gtk_widget_measure (name, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    assert_int_equal (min, nat);
    assert_true (gtk_widget_get_width (name) >= nat);
  }
  jc_test_screenshot (GTK_WIDGET (window), "sources-added-en");

  /* Edit: the credentials are not shown back; empty keeps them. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit", NULL);
  editor = wait_source_editor ();
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_source_editor_get_row (editor, JC_FIELD_CREDENTIALS))),
                       "");
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (_jc_source_editor_get_credentials_note (editor))));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_credentials_note (editor)),
                   "Leave the field empty");
  assert_true (gtk_widget_get_mapped (_jc_source_editor_get_clear_button (editor)));
  jc_test_screenshot (GTK_WIDGET (editor), "source-editor-edit-en");
  gtk_switch_set_active (_jc_source_editor_get_enabled_switch (editor), FALSE);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_false (saved->enabled);
    assert_string_equal (saved->credentials, "bob:hunter22");
    assert_string_equal (saved->url, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
  }

  /* Clear removes them. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit", NULL);
  editor = wait_source_editor ();
  gtk_widget_activate (_jc_source_editor_get_clear_button (editor));
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_source_editor_get_credentials_note (editor)),
                      "removed") != NULL, 2000);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_string_equal (saved->credentials, "");
    assert_false (saved->enabled);
  }

  /* Removing the demo's market would take its prices: the question says
   * how many and offers Disable (the default). */
  assert_true (n_prices > 0);
  select_source (page, "新发地");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.remove", NULL);
  dialog = wait_message_dialog ();
  caption_text = g_strdup_printf ("%u stored prices", (guint) n_prices);
  assert_contains (adw_message_dialog_get_body (dialog), caption_text);
  assert_true (adw_message_dialog_has_response (dialog, "disable"));
  assert_true (adw_message_dialog_has_response (dialog, "delete"));
  assert_string_equal (adw_message_dialog_get_default_response (dialog), "disable");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "sources-remove-en");
  answer_message_dialog (dialog, "disable");
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autoptr(JcSource) kept = stored_source ("新发地");

    assert_non_null (kept);
    assert_false (kept->enabled);
    assert_int_equal (stored_source_prices (kept->id), n_prices);
  }
  /* (enabled again for the tests after this one) */
  select_source (page, "新发地");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autoptr(JcSource) kept = stored_source ("新发地");

    assert_true (kept->enabled);
  }

  /* A source without prices goes after a plain question. */
  select_source (page, TEST_SOURCE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.remove", NULL);
  dialog = wait_message_dialog ();
  assert_false (adw_message_dialog_has_response (dialog, "disable"));
  answer_message_dialog (dialog, "delete");
  jc_test_pump_until (!_jc_sources_page_get_busy (page), 10000);
  assert_false (_jc_sources_page_get_busy (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_null (stored_source (TEST_SOURCE));
  assert_false (shown_has (shown, TEST_SOURCE, NULL));
  assert_int_equal (g_list_model_get_n_items (shown), n_before);
  close_window (window);
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
  int rc;
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate
     * (g_dgettext), and a C.UTF-8 process that has only seen English so
     * far decides not to. */
    cmocka_unit_test (test_sections_zh_CN),
    cmocka_unit_test (test_sections_en),
    cmocka_unit_test (test_add_canteen),
    cmocka_unit_test (test_deactivate_canteen),
    cmocka_unit_test (test_catalog_search),
    cmocka_unit_test (test_add_item),
    cmocka_unit_test (test_preferences),
    cmocka_unit_test (test_preferences_calendar),
    cmocka_unit_test (test_sources_error),
    cmocka_unit_test (test_sources),
    cmocka_unit_test (test_import_orders_action),
    cmocka_unit_test (test_shortcuts),
    cmocka_unit_test (test_window_state),
    cmocka_unit_test (test_database_screens),
    cmocka_unit_test (test_load_demo),
  };

  /* "Today" is the demo's last market day (the prices page shows it, the
   * orders page shows the day after). */
  g_setenv ("JICAI_TODAY", TODAY, TRUE);
  /* once, before any thread starts, as the application's main does */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  jc_test_ui_init ();
  rc = cmocka_run_group_tests (tests, setup, teardown);
  curl_global_cleanup ();
  return rc;
}
