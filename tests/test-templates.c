/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every shipped template instantiates, maps and goes away without a
 * warning (meson runs this with G_DEBUG=fatal-warnings, so any warning or
 * critical aborts the test). */
#include "config.h"

#include <adwaita.h>

#include "jc-test-util.h"
#include "jc-canteen-editor.h"
#include "jc-canteens-page.h"
#include "jc-catalog-page.h"
#include "jc-connect-dialog.h"
#include "jc-dashboard-page.h"
#include "jc-deliveries-page.h"
#include "jc-item-editor.h"
#include "jc-order-editor.h"
#include "jc-order-import-dialog.h"
#include "jc-orders-page.h"
#include "jc-plan-page.h"
#include "jc-preferences-window.h"
#include "jc-price-chart.h"
#include "jc-prices-page.h"
#include "jc-reports-page.h"
#include "jc-source-editor.h"
#include "jc-sources-page.h"
#include "jc-unmapped-view.h"
#include "jc-vehicle-editor.h"
#include "jc-vehicles-page.h"
#include "jc-window.h"

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* g_object_new, sink, show it (in a window of its own if it is not one),
 * destroy. */
static void
instantiate (GType type)
{
  GObject *object = g_object_new (type, NULL);

  assert_non_null (object);
  g_object_ref_sink (object);
  assert_true (G_TYPE_CHECK_INSTANCE_TYPE (object, type));
  if (GTK_IS_WINDOW (object))
    {
      gtk_window_present (GTK_WINDOW (object));
      pump (100);
      gtk_window_destroy (GTK_WINDOW (object));
    }
  else
    {
      GtkWidget *window = gtk_window_new ();

      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (object));
      gtk_window_present (GTK_WINDOW (window));
      pump (100);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_object_unref (object);
  pump (20);
}

static void
test_window (void **state)
{
  instantiate (JC_TYPE_WINDOW);
}

static void
test_catalog_page (void **state)
{
  instantiate (JC_TYPE_CATALOG_PAGE);
}

static void
test_canteens_page (void **state)
{
  instantiate (JC_TYPE_CANTEENS_PAGE);
}

static void
test_vehicles_page (void **state)
{
  instantiate (JC_TYPE_VEHICLES_PAGE);
}

static void
test_item_editor (void **state)
{
  instantiate (JC_TYPE_ITEM_EDITOR);
}

static void
test_canteen_editor (void **state)
{
  instantiate (JC_TYPE_CANTEEN_EDITOR);
}

static void
test_vehicle_editor (void **state)
{
  instantiate (JC_TYPE_VEHICLE_EDITOR);
}

static void
test_preferences_window (void **state)
{
  instantiate (JC_TYPE_PREFERENCES_WINDOW);
}

static void
test_prices_page (void **state)
{
  instantiate (JC_TYPE_PRICES_PAGE);
}

static void
test_price_chart (void **state)
{
  instantiate (JC_TYPE_PRICE_CHART);
}

static void
test_unmapped_view (void **state)
{
  instantiate (JC_TYPE_UNMAPPED_VIEW);
}

static void
test_orders_page (void **state)
{
  instantiate (JC_TYPE_ORDERS_PAGE);
}

static void
test_order_editor (void **state)
{
  instantiate (JC_TYPE_ORDER_EDITOR);
}

static void
test_order_import_dialog (void **state)
{
  instantiate (JC_TYPE_ORDER_IMPORT_DIALOG);
}

static void
test_connect_dialog (void **state)
{
  instantiate (JC_TYPE_CONNECT_DIALOG);
}

static void
test_plan_page (void **state)
{
  instantiate (JC_TYPE_PLAN_PAGE);
}

static void
test_dashboard_page (void **state)
{
  instantiate (JC_TYPE_DASHBOARD_PAGE);
}

static void
test_deliveries_page (void **state)
{
  instantiate (JC_TYPE_DELIVERIES_PAGE);
}

static void
test_reports_page (void **state)
{
  instantiate (JC_TYPE_REPORTS_PAGE);
}

static void
test_sources_page (void **state)
{
  instantiate (JC_TYPE_SOURCES_PAGE);
}

static void
test_source_editor (void **state)
{
  instantiate (JC_TYPE_SOURCE_EDITOR);
}

/* The shortcuts window is not a template: GtkApplication loads it from
 * <resource-base-path>/gtk/help-overlay.ui for every window. */
static void
test_help_overlay (void **state)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/jicai/Jicai/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  assert_non_null (overlay);
  assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_present (GTK_WINDOW (overlay));
  pump (100);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_window),
    cmocka_unit_test (test_catalog_page),
    cmocka_unit_test (test_canteens_page),
    cmocka_unit_test (test_vehicles_page),
    cmocka_unit_test (test_item_editor),
    cmocka_unit_test (test_canteen_editor),
    cmocka_unit_test (test_vehicle_editor),
    cmocka_unit_test (test_preferences_window),
    cmocka_unit_test (test_prices_page),
    cmocka_unit_test (test_dashboard_page),
    cmocka_unit_test (test_deliveries_page),
    cmocka_unit_test (test_reports_page),
    cmocka_unit_test (test_price_chart),
    cmocka_unit_test (test_unmapped_view),
    cmocka_unit_test (test_orders_page),
    cmocka_unit_test (test_order_editor),
    cmocka_unit_test (test_order_import_dialog),
    cmocka_unit_test (test_connect_dialog),
    cmocka_unit_test (test_plan_page),
    cmocka_unit_test (test_sources_page),
    cmocka_unit_test (test_source_editor),
    cmocka_unit_test (test_help_overlay),
  };

  gtk_init ();
  adw_init ();
  return cmocka_run_group_tests (tests, NULL, NULL);
}
