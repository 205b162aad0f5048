/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fixture of the GUI tests of the window and the master-data pages
 * (test-ui-fixture.h). */
#include "config.h"

#include "test-ui-fixture.h"

TestUiFixture fx;

/* ---- helpers ---------------------------------------------------------- */

JcWindow *
open_window (void)
{
  JcWindow *window = jc_window_new (fx.app);

  gtk_window_present (GTK_WINDOW (window));
  jc_test_settle (GTK_WIDGET (window));
  return window;
}

void
close_window (JcWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  jc_test_pump (50);
}

gboolean
strv_has (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* ---- the database ----------------------------------------------------- */

gboolean
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
  /* the daily backups the windows started write into the folder */
  jc_test_pump_until (_jc_window_count_daily_backups_running () == 0, 30000);
  g_clear_object (&fx.app);
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

int
test_ui_run (const char              *name,
             const struct CMUnitTest *tests,
             size_t                   n_tests)
{
  int rc;

  /* "Today" is the demo's last market day (the prices page shows it, the
   * orders page shows the day after). */
  g_setenv ("JICAI_TODAY", TODAY, TRUE);
  /* once, before any thread starts, as the application's main does */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  jc_test_ui_init ();
  /* Chinese first: GLib decides once per process whether to translate
   * (g_dgettext), and a C.UTF-8 process that has only seen English
   * decides not to; every program here has screens in both. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  /* No blinking cursor: its timer firing just after a window lost the
   * focus under Xvfb warns "GtkText - did not receive a focus-out event",
   * and warnings are fatal here. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  rc = _cmocka_run_group_tests (name, tests, n_tests, setup, teardown);
  curl_global_cleanup ();
  return rc;
}
