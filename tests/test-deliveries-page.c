/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The deliveries page as procurement staff use it, on real widgets under
 * Xvfb, over a small world: seven canteens in Shanghai (one on Chongming,
 * too far for its early window), three vehicles at the 江桥 depot, the
 * orders of a delivery date and its locked purchase plan.
 *
 * The empty states (no locked plan, no vehicle, nothing planned yet); the
 * Plan Deliveries button running the solver on its worker and the routes,
 * figures and warnings shown as core saved them; a stop moved by hand
 * (Alt+Down, Move To another vehicle, drag and drop onto a
 * route's header and onto a stop, an unassigned stop given to a vehicle)
 * with every figure as jc_delivery_move_stop() computes it; Re-optimise and
 * another day ask first while the edits are not saved; Save, then a fresh
 * page shows the saved routes; reload keeps edits, Discard drops them; the
 * solver stopped by hand keeps its best plan; a click on the map selects
 * the stop drawn there; the document choice; the PDF export.  PNGs go to
 * $JICAI_SCREENSHOT_DIR: deliveries-page-en.png, deliveries-page-zh_CN.png,
 * deliveries-page-small-zh_CN.png and deliveries-page-small-edited-en.png
 * (the page in a 1000×700 window), deliveries-page-empty-en.png,
 * deliveries-page-edited-en.png.
 * Every label shown has room for its text at both sizes. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "jc-test-ui.h"
#include "jc-deliveries-page-private.h"
#include "jc-delivery-map.h"
#include "jc-delivery.h"
#include "jc-plan.h"
#include "jc-prices.h"

#define DATE "2026-12-01"
#define DATE_OPEN "2026-12-02"    /* orders, plan not locked */
#define DATE_ZH "2026-12-03"      /* locked too, for the Chinese screenshots */

/* The page's share of a 1000×700 window: the sidebar takes 220 pixels
 * and its separator one. */
#define SMALL_W 779
#define SMALL_H 652

static struct {
  char *dir;
  char *db_path;          /* the world */
  char *bare_path;        /* the same without vehicles */
} fx;

/* ---- helpers ----------------------------------------------------------- */

/* Every label that is mapped has room for its text: its laid-out text is
 * no wider than the label (ellipsized labels say so with "…" and are
 * allowed to be narrower). */
static void
assert_no_clipped_labels (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) == PANGO_ELLIPSIZE_NONE)
    {
      int text_w = 0, text_h = 0;

      pango_layout_get_pixel_size (gtk_label_get_layout (GTK_LABEL (widget)), &text_w, &text_h);
      if (gtk_widget_get_width (widget) < text_w || gtk_widget_get_height (widget) < text_h)
        fail_msg ("label “%s” is %d×%d for %d×%d", gtk_label_get_text (GTK_LABEL (widget)),
                  gtk_widget_get_width (widget), gtk_widget_get_height (widget), text_w, text_h);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    assert_no_clipped_labels (c);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;  /* the widget keeps it */
    }
  return NULL;
}

/* What dragging the row of (route, index) onto the row of (to_route,
 * to_index) does: the row's drag source gives its content, the other
 * row's drop target takes it. */
static void
drag_and_drop (JcDeliveriesPage *page,
               int               route,
               int               index,
               int               to_route,
               int               to_index)
{
  GtkWidget *from = _jc_deliveries_page_get_row (page, route, index);
  GtkWidget *to = _jc_deliveries_page_get_row (page, to_route, to_index);
  GtkDragSource *drag;
  GtkDropTarget *drop;
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GError) error = NULL;
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  assert_non_null (from);
  assert_non_null (to);
  drag = find_controller (from, GTK_TYPE_DRAG_SOURCE);
  drop = find_controller (to, GTK_TYPE_DROP_TARGET);
  assert_non_null (drag);
  assert_non_null (drop);
  g_signal_emit_by_name (drag, "prepare", 5.0, 5.0, &content);
  assert_non_null (content);
  g_value_init (&value, G_TYPE_STRING);
  assert_true (gdk_content_provider_get_value (content, &value, &error));
  assert_no_error (error);
  g_signal_emit_by_name (drop, "drop", &value, 5.0, 5.0, &accepted);
  assert_true (accepted);
  g_value_unset (&value);
  jc_test_pump (30);
}

/* What pressing `accel` over the page does: the page's own shortcut for
 * it, run as the key would run it.  FALSE: no such shortcut. */
static gboolean
press (GtkWidget  *page,
       const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);
  g_autoptr(GtkShortcutTrigger) want = gtk_shortcut_trigger_parse_string (accel);

  assert_non_null (want);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)); k++)
        {
          g_autoptr(GtkShortcut) sc = g_list_model_get_item (G_LIST_MODEL (c), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), want))
            {
              gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0, page,
                                            gtk_shortcut_get_arguments (sc));
              jc_test_pump (20);
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* The mapped button of that action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action_button (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
format_km (gint64 metres)
{
  gint64 tenths = (metres + 50) / 100;

  return g_strdup_printf ("%lld.%lld km", (long long) (tenths / 10), (long long) (tenths % 10));
}

static char *
format_t (gint64 grams)
{
  gint64 h = (grams + 5000) / 10000;

  return g_strdup_printf ("%lld.%02lld t", (long long) (h / 100), (long long) (h % 100));
}

static JcDeliveryPlan *
load_saved (const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  JcDeliveryPlan *plan;

  assert_no_error (error);
  plan = jc_delivery_load (store, date, &error);
  assert_no_error (error);
  return plan;
}

/* The order of the stops, "CT01,CT03|CT02||" (routes separated by "|",
 * then the unassigned). */
static char *
stops_signature (const JcDeliveryPlan *plan)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        g_string_append_printf (s, "%s%s", i ? "," : "",
                                ((JcDeliveryStop *) route->stops->pdata[i])->canteen_code);
      g_string_append_c (s, '|');
    }
  for (guint i = 0; i < plan->unassigned->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "",
                            ((JcDeliveryStop *) plan->unassigned->pdata[i])->canteen_code);
  return g_string_free (s, FALSE);
}

/* ---- the world --------------------------------------------------------- */

typedef struct {
  const char *code, *name;
  double      lat, lon;
  int         from, to;      /* window, minutes */
  gint64      veg, meat, rice;  /* kg × 1000 */
} CanteenDef;

static const CanteenDef canteens[] = {
  { "CT01", "市政府机关食堂", 31.230416, 121.473701, 390, 510, 180000, 60000, 150000 },
  { "CT02", "市政大厦机关食堂", 31.227900, 121.470100, 390, 510, 160000, 50000, 125000 },
  { "CT03", "市财政局食堂", 31.198500, 121.450500, 420, 540, 70000, 20000, 50000 },
  { "CT04", "市卫健委食堂", 31.197800, 121.501200, 420, 540, 90000, 30000, 75000 },
  { "CT05", "市公安局机关食堂", 31.278300, 121.485100, 360, 480, 200000, 70000, 175000 },
  { "CT06", "市档案局食堂", 31.207600, 121.406500, 420, 540, 40000, 10000, 25000 },
  /* on Chongming island, with a window no vehicle reaches in time */
  { "CT07", "崇明区机关食堂", 31.622500, 121.397500, 360, 375, 50000, 10000, 25000 },
};

static void
build_world (const char *path,
             gboolean    with_vehicles)
{
  static const struct { const char *code, *name; JcBaseUnit unit; gint64 pack; } items[] = {
    { "V001", "大白菜", JC_BASE_UNIT_KG, 0 },
    { "M001", "五花肉", JC_BASE_UNIT_KG, 0 },
    { "G001", "大米", JC_BASE_UNIT_KG, 25000 },
  };
  static const struct { const char *plate; gint64 cap; } vehicles[] = {
    { "沪A10001", 1000 }, { "沪A10002", 1000 }, { "沪A10003", 600 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (path, &error);
  gint64 item_ids[G_N_ELEMENTS (items)];

  assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(JcItem) item = jc_item_new ();

      item->code = g_strdup (items[i].code);
      item->name = g_strdup (items[i].name);
      item->category = g_strdup (i == 0 ? "veg" : i == 1 ? "meat" : "grain");
      item->base_unit = items[i].unit;
      item->pack_milli = items[i].pack;
      assert_true (jc_store_insert_item (store, item, &error));
      assert_no_error (error);
      item_ids[i] = item->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();
      JcStoreOrderLine lines[3] = { { 0 } };
      gint64 qty[3] = { canteens[i].veg, canteens[i].meat, canteens[i].rice };

      c->code = g_strdup (canteens[i].code);
      c->name = g_strdup (canteens[i].name);
      c->address = g_strdup ("上海市");
      c->lat = canteens[i].lat;
      c->lon = canteens[i].lon;
      c->window_start = canteens[i].from;
      c->window_end = canteens[i].to;
      c->diners = 300;
      assert_true (jc_store_insert_canteen (store, c, &error));
      assert_no_error (error);
      for (guint k = 0; k < 3; k++)
        {
          lines[k].item_id = item_ids[k];
          lines[k].qty_milli = qty[k];
        }
      assert_true (jc_store_put_order (store, c->id, DATE, "submitted", lines, 3, &error));
      assert_no_error (error);
      assert_true (jc_store_put_order (store, c->id, DATE_ZH, "submitted", lines, 3, &error));
      assert_no_error (error);
      assert_true (jc_store_put_order (store, c->id, DATE_OPEN, "submitted", lines, 1, &error));
      assert_no_error (error);
    }
  for (guint i = 0; with_vehicles && i < G_N_ELEMENTS (vehicles); i++)
    {
      g_autoptr(JcVehicle) v = jc_vehicle_new ();

      v->plate = g_strdup (vehicles[i].plate);
      v->capacity_kg = vehicles[i].cap;
      v->depot = g_strdup ("江桥");
      v->depot_lat = 31.245000;
      v->depot_lon = 121.328000;
      v->start_time = 5 * 60 + 30;
      v->speed_kmh = 30;
      v->service_min = 10;
      v->active = TRUE;
      assert_true (jc_store_insert_vehicle (store, v, &error));
      assert_no_error (error);
    }
  assert_true (jc_plan_lock (store, DATE, jc_store_get_stale_days (store), "tester", &error));
  assert_no_error (error);
  assert_true (jc_plan_lock (store, DATE_ZH, jc_store_get_stale_days (store), "tester", &error));
  assert_no_error (error);
}

static int
setup (void **state)
{
  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "deliveries.db", NULL);
  fx.bare_path = g_build_filename (fx.dir, "no-vehicles.db", NULL);
  jc_test_set_screenshot_dir (fx.dir);
  build_world (fx.db_path, TRUE);
  build_world (fx.bare_path, FALSE);
  return 0;
}

static int
teardown (void **state)
{
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  g_free (fx.bare_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* ---- the page ----------------------------------------------------------- */

static void
wait_idle (JcDeliveriesPage *page)
{
  jc_test_pump (20);
  jc_test_pump_until (!_jc_deliveries_page_is_busy (page), 30000);
  assert_false (_jc_deliveries_page_is_busy (page));
  jc_test_pump (20);
}

static GtkWindow *
open_page (const char        *db_path,
           const char        *date,
           int                width,
           int                height,
           JcDeliveriesPage **out_page)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = jc_deliveries_page_new (NULL);
  g_autoptr(GError) error = NULL;
  JcStore *store = db_path != NULL ? jc_store_open (db_path, &error) : NULL;

  assert_no_error (error);
  /* the page borrows the store: the window keeps it open */
  if (store != NULL)
    g_object_set_data_full (G_OBJECT (window), "jc-test-store", store,
                            (GDestroyNotify) jc_store_free);
  jc_deliveries_page_set_date (JC_DELIVERIES_PAGE (page), date);
  jc_deliveries_page_set_store (JC_DELIVERIES_PAGE (page), store);
  _jc_deliveries_page_set_solver_seconds (JC_DELIVERIES_PAGE (page), 0.5);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  jc_test_settle (window);
  wait_idle (JC_DELIVERIES_PAGE (page));
  jc_test_settle (window);
  *out_page = JC_DELIVERIES_PAGE (page);
  return GTK_WINDOW (window);
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  jc_test_pump (100);
}

static const char *
label_text (JcDeliveriesPage *page,
            const char       *name)
{
  return gtk_label_get_text (_jc_deliveries_page_get_label (page, name));
}

/* Every figure the page shows is the plan's. */
static void
assert_figures (JcDeliveriesPage     *page,
                const JcDeliveryPlan *want)
{
  g_autofree char *km = format_km (want->distance_m);
  g_autofree char *t = format_t (want->load_g);
  g_autofree char *late = g_strdup_printf (want->n_late == 1 ? "%d late stop" : "%d late stops",
                                           want->n_late);
  g_autofree char *unassigned = g_strdup_printf ("%u unassigned", want->unassigned->len);
  const JcDeliveryPlan *shown = _jc_deliveries_page_get_plan (page);
  g_autofree char *sig_want = stops_signature (want);
  g_autofree char *sig_shown = stops_signature (shown);
  guint used = 0;

  assert_string_equal (sig_shown, sig_want);
  assert_int_equal (shown->distance_m, want->distance_m);
  assert_int_equal (shown->load_g, want->load_g);
  assert_int_equal (shown->n_late, want->n_late);
  assert_int_equal (shown->overload_g, want->overload_g);
  assert_contains (label_text (page, "distance"), km);
  assert_contains (label_text (page, "load"), t);
  assert_string_equal (label_text (page, "late"), late);
  assert_string_equal (label_text (page, "unassigned"), unassigned);
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (_jc_deliveries_page_get_label (page, "late")),
                                         "error") == (want->n_late > 0));
  for (guint r = 0; r < want->routes->len; r++)
    {
      const JcDeliveryRoute *route = want->routes->pdata[r];
      g_autofree char *header = _jc_deliveries_page_dup_row_text (page, (int) r, -1);
      g_autofree char *rkm = format_km (route->distance_m);
      g_autofree char *rt = format_t (route->load_g);

      if (route->stops->len > 0)
        used++;
      assert_non_null (header);
      assert_contains (header, route->plate);
      assert_contains (header, rkm);
      assert_contains (header, rt);
      assert_true (_jc_deliveries_page_row_has_css (page, (int) r, -1, "error") ==
                   (route->overload_g > 0 || route->n_late > 0));
      for (guint i = 0; i < route->stops->len; i++)
        {
          const JcDeliveryStop *s = route->stops->pdata[i];
          g_autofree char *row = _jc_deliveries_page_dup_row_text (page, (int) r, (int) i);
          g_autofree char *arrival = jc_format_clock (s->arrival_s);

          assert_non_null (row);
          assert_contains (row, s->canteen_name);
          assert_contains (row, s->canteen_code);
          assert_contains (row, arrival);
          assert_true (_jc_deliveries_page_row_has_css (page, (int) r, (int) i, "error") ==
                       s->late);
        }
      assert_null (_jc_deliveries_page_dup_row_text (page, (int) r, (int) route->stops->len));
    }
  {
    g_autofree char *routes = g_strdup_printf ("%u of %u vehicles used", used,
                                               want->routes->len);

    assert_string_equal (label_text (page, "routes"), routes);
  }
}

/* ---- Chinese first: GLib decides once per process whether to translate -- */

static void
test_screens_zh_CN (void **state)
{
  g_autoptr(GError) error = NULL;
  JcDeliveriesPage *page;
  GtkWindow *window;

  jc_test_set_language ("zh_CN");
  /* plan the date in core, then show it */
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
    g_autoptr(JcDeliveryPlan) plan = NULL;
    JcRouteOptions options;

    assert_no_error (error);
    jc_route_options_init (&options);
    options.seconds = 0.5;
    plan = jc_delivery_build (store, DATE_ZH, &options, "tester", NULL, NULL, NULL, &error);
    assert_no_error (error);
    assert_non_null (plan);
  }
  window = open_page (fx.db_path, DATE_ZH, 1280, 800, &page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "plan");
  assert_true (_jc_deliveries_page_select (page, 0, 0));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-zh_CN");
  assert_no_clipped_labels (GTK_WIDGET (window));
  gtk_window_set_default_size (window, SMALL_W, SMALL_H);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_pump (100);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-small-zh_CN");
  assert_no_clipped_labels (GTK_WIDGET (window));
  close_window (window);
}

/* ---- the empty states ------------------------------------------------------ */

static void
test_empty_states (void **state)
{
  JcDeliveriesPage *page;
  GtkWindow *window;

  jc_test_set_language ("en");
  /* a date whose purchase plan is open: lock it first, with a way there */
  window = open_page (fx.db_path, DATE_OPEN, 1280, 800, &page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "no-plan");
  assert_null (_jc_deliveries_page_get_plan (page));
  assert_false (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "figures")));
  assert_false (gtk_widget_is_visible (_jc_deliveries_page_get_widget (page, "build-button")));
  assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.build", NULL) &&
                _jc_deliveries_page_is_busy (page));
  {
    GtkWidget *button = find_action_button (GTK_WIDGET (page), "win.show-section");

    /* the status page's button opens the purchase plan section */
    assert_non_null (button);
    assert_string_equal (g_variant_get_string (gtk_actionable_get_action_target_value (
                                                 GTK_ACTIONABLE (button)), NULL), "plan");
  }
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-empty-en");

  /* the locked date, nothing planned yet */
  jc_deliveries_page_set_date (page, DATE);
  wait_idle (page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "no-delivery");
  close_window (window);

  /* no vehicle at all */
  window = open_page (fx.bare_path, DATE, 1280, 800, &page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "no-vehicles");
  close_window (window);

  /* no database */
  window = open_page (NULL, DATE, 1000, 700, &page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "no-database");
  close_window (window);
}

/* ---- planning, moving, saving ---------------------------------------------------- */

static void
test_plan_and_move (void **state)
{
  g_autoptr(JcDeliveryPlan) saved = NULL;
  g_autoptr(JcDeliveryPlan) want = NULL;
  g_autoptr(GError) error = NULL;
  JcDeliveriesPage *page;
  GtkWindow *window;
  int route = -1, index = -1, other = -1;

  jc_test_set_language ("en");
  window = open_page (fx.db_path, DATE, 1280, 800, &page);
  assert_string_equal (_jc_deliveries_page_get_state (page), "no-delivery");

  /* the Plan Deliveries button: the solver on its worker, with progress */
  {
    GtkWidget *button = find_action_button (GTK_WIDGET (page), "deliveries.build");

    assert_non_null (button);
    assert_true (gtk_widget_is_sensitive (button));
    /* the button's own action, run at once: gtk_widget_activate() clicks
     * after the press animation (250 ms), and a quick solver could start
     * and finish between two looks at the page under load */
    assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.build", NULL));
  }
  assert_true (_jc_deliveries_page_is_busy (page));
  assert_true (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "progress-box")));
  wait_idle (page);
  assert_false (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "progress-box")));
  assert_string_equal (_jc_deliveries_page_get_state (page), "plan");
  saved = load_saved (DATE);
  assert_non_null (saved);
  assert_non_null (saved->saved_at);
  assert_figures (page, saved);
  assert_contains (label_text (page, "status"), "Saved by ");
  assert_false (_jc_deliveries_page_is_edited (page));
  assert_false (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "edited-box")));
  /* Chongming cannot be reached in its window: unassigned, and said so */
  assert_int_equal (saved->unassigned->len, 1);
  assert_string_equal (((JcDeliveryStop *) saved->unassigned->pdata[0])->canteen_code, "CT07");
  assert_contains (label_text (page, "info"), "崇明区机关食堂 (CT07)");
  assert_true (gtk_widget_has_css_class (
    GTK_WIDGET (_jc_deliveries_page_get_label (page, "unassigned")), "error"));
  {
    g_autofree char *row = _jc_deliveries_page_dup_row_text (page, (int) saved->routes->len, 0);

    assert_non_null (row);
    assert_contains (row, "崇明区机关食堂");
  }

  /* a route with two stops or more, and another vehicle */
  for (guint r = 0; r < saved->routes->len && route < 0; r++)
    if (((JcDeliveryRoute *) saved->routes->pdata[r])->stops->len >= 2)
      route = (int) r;
  assert_true (route >= 0);
  other = route == 0 ? 1 : 0;
  jc_test_settle (GTK_WIDGET (window));

  /* Alt+Down on the first stop: it is visited second */
  assert_true (_jc_deliveries_page_select (page, route, 0));
  assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.move-up", NULL) &&
                _jc_deliveries_page_is_edited (page));
  assert_true (press (GTK_WIDGET (page), "<Alt>Down"));
  want = load_saved (DATE);
  assert_true (jc_delivery_move_stop (want, (guint) route, 0, (guint) route, 1, &error));
  assert_no_error (error);
  assert_figures (page, want);
  assert_true (_jc_deliveries_page_is_edited (page));
  assert_true (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "edited-box")));
  assert_string_equal (label_text (page, "edited"), "Edited — not saved");
  /* the selection follows the stop */
  assert_true (_jc_deliveries_page_get_selection (page, &route, &index));
  assert_int_equal (index, 1);
  /* Alt+Up and Alt+Down again: back and forth, the same figures */
  assert_true (press (GTK_WIDGET (page), "<Alt>Up"));
  assert_true (_jc_deliveries_page_get_selection (page, &route, &index));
  assert_int_equal (index, 0);
  assert_true (press (GTK_WIDGET (page), "<Alt>Down"));
  assert_true (_jc_deliveries_page_get_selection (page, &route, &index));
  assert_int_equal (index, 1);
  assert_figures (page, want);
  /* nothing is written until Save */
  {
    g_autoptr(JcDeliveryPlan) again = load_saved (DATE);
    g_autofree char *a = stops_signature (again);
    g_autofree char *b = stops_signature (saved);

    assert_string_equal (a, b);
  }

  /* Ctrl+M opens the Move To menu, listing the other vehicles */
  {
    GtkMenuButton *move = GTK_MENU_BUTTON (_jc_deliveries_page_get_widget (page, "move-button"));
    GMenuModel *menu = gtk_menu_button_get_menu_model (move);

    assert_true (press (GTK_WIDGET (page), "<Control>m"));
    jc_test_pump (50);
    assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (move))));
    assert_int_equal (g_menu_model_get_n_items (menu), want->routes->len - 1);
    for (int k = 0; k < g_menu_model_get_n_items (menu); k++)
      {
        g_autofree char *label = NULL;

        assert_true (g_menu_model_get_item_attribute (menu, k, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
        assert_null (strstr (label, ((JcDeliveryRoute *) want->routes->pdata[route])->plate));
      }
    gtk_menu_button_popdown (move);
    jc_test_pump (50);
  }

  /* Move To the other vehicle: at the end of its route */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.move-to", "i", other));
  jc_test_pump (20);
  {
    JcDeliveryRoute *dest = want->routes->pdata[other];

    assert_true (jc_delivery_move_stop (want, (guint) route, 1, (guint) other, dest->stops->len,
                                        &error));
    assert_no_error (error);
    assert_figures (page, want);
    assert_true (_jc_deliveries_page_get_selection (page, &route, &index));
    assert_int_equal (route, other);
    assert_int_equal (index, (int) dest->stops->len - 1);
  }
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-edited-en");
  assert_no_clipped_labels (GTK_WIDGET (window));
  /* in a 1000×700 window the page gets what the 220-pixel sidebar leaves:
   * the toolbar and the figures still show whole */
  gtk_window_set_default_size (window, SMALL_W, SMALL_H);
  jc_test_pump (100);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_get_width (GTK_WIDGET (window)) <= SMALL_W);
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-small-edited-en");
  assert_no_clipped_labels (GTK_WIDGET (window));

  /* Re-optimise asks first, and Cancel keeps the edits */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.build", NULL));
  jc_test_pump_until (_jc_deliveries_page_get_dialog (page) != NULL, 5000);
  assert_non_null (_jc_deliveries_page_get_dialog (page));
  jc_test_respond (ADW_MESSAGE_DIALOG (_jc_deliveries_page_get_dialog (page)), "cancel");
  assert_false (_jc_deliveries_page_is_busy (page));
  assert_true (_jc_deliveries_page_is_edited (page));
  assert_figures (page, want);

  /* another day asks too, and Cancel stays on this one with the edits */
  assert_true (gtk_widget_activate (find_action_button (GTK_WIDGET (page), "date-bar.next-day")));
  jc_test_pump_until (_jc_deliveries_page_get_dialog (page) != NULL, 5000);
  assert_non_null (_jc_deliveries_page_get_dialog (page));
  jc_test_respond (ADW_MESSAGE_DIALOG (_jc_deliveries_page_get_dialog (page)), "cancel");
  assert_string_equal (jc_deliveries_page_get_date (page), DATE);
  assert_true (_jc_deliveries_page_is_edited (page));
  assert_figures (page, want);

  /* Save: stored, read back, and a fresh page shows it */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.save", NULL));
  wait_idle (page);
  assert_false (_jc_deliveries_page_is_edited (page));
  assert_false (gtk_widget_get_visible (_jc_deliveries_page_get_widget (page, "edited-box")));
  {
    g_autoptr(JcDeliveryPlan) stored = load_saved (DATE);

    assert_figures (page, stored);
    assert_int_equal (stored->distance_m, want->distance_m);
    assert_true (stored->edited);
  }
  assert_contains (label_text (page, "status"), "changed by hand");
  close_window (window);

  window = open_page (fx.db_path, DATE, 1280, 800, &page);
  assert_figures (page, want);

  /* Discard: a move, then back to what is saved */
  assert_true (_jc_deliveries_page_select (page, other, 0));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.move-down", NULL));
  jc_test_pump (20);
  assert_true (_jc_deliveries_page_is_edited (page));
  /* reload() keeps hand edits */
  jc_deliveries_page_reload (page);
  jc_test_pump (50);
  assert_true (_jc_deliveries_page_is_edited (page));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.discard", NULL));
  wait_idle (page);
  assert_false (_jc_deliveries_page_is_edited (page));
  assert_figures (page, want);

  /* drag a stop onto another vehicle's header: to the end of its route */
  {
    JcDeliveryRoute *dest = want->routes->pdata[route];

    drag_and_drop (page, other, 0, route, -1);
    assert_true (jc_delivery_move_stop (want, (guint) other, 0, (guint) route, dest->stops->len,
                                        &error));
    assert_no_error (error);
    assert_figures (page, want);
    assert_true (_jc_deliveries_page_is_edited (page));
    /* and back onto the first stop of its own vehicle: it goes first */
    drag_and_drop (page, route, (int) dest->stops->len - 1, other, 0);
    assert_true (jc_delivery_move_stop (want, (guint) route, dest->stops->len - 1, (guint) other,
                                        0, &error));
    assert_no_error (error);
    assert_figures (page, want);
  }

  /* an unassigned stop to a vehicle: there, and late, and marked */
  assert_true (_jc_deliveries_page_select (page, (int) want->routes->len, 0));
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.move-to", "i", 2));
  jc_test_pump (20);
  {
    JcDeliveryRoute *dest = want->routes->pdata[2];

    assert_true (jc_delivery_move_stop (want, want->routes->len, 0, 2, dest->stops->len,
                                        &error));
    assert_no_error (error);
    assert_true (want->n_late > 0);
    assert_figures (page, want);
    assert_true (_jc_deliveries_page_row_has_css (page, 2, (int) dest->stops->len - 1, "error"));
  }
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.discard", NULL));
  wait_idle (page);
  close_window (window);
}

/* ---- the map, the solver stopped, the documents -------------------------------------- */

static void
test_map_stop_export (void **state)
{
  JcDeliveriesPage *page;
  GtkWindow *window;
  GtkWidget *map;
  const JcDeliveryPlan *plan;
  gboolean clicked = FALSE;

  jc_test_set_language ("en");
  window = open_page (fx.db_path, DATE, 1280, 800, &page);
  plan = _jc_deliveries_page_get_plan (page);
  assert_non_null (plan);
  map = _jc_deliveries_page_get_map (page);
  assert_true (gtk_widget_get_width (map) > 200 && gtk_widget_get_height (map) > 200);

  /* a click where the map draws a stop selects it in the list */
  for (guint r = 0; r < plan->routes->len && !clicked; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      double x, y, radius;
      int sr, si;

      if (route->stops->len < 2)
        continue;
      assert_true (jc_delivery_map_stop_position (plan, gtk_widget_get_width (map),
                                                  gtk_widget_get_height (map), r, 1, &x, &y,
                                                  &radius));
      _jc_deliveries_page_click_map (page, x + radius / 2, y - radius / 2);
      assert_true (_jc_deliveries_page_get_selection (page, &sr, &si));
      assert_int_equal (sr, (int) r);
      assert_int_equal (si, 1);
      {
        GtkListBoxRow *row = gtk_list_box_get_selected_row (
          GTK_LIST_BOX (_jc_deliveries_page_get_list (page)));
        g_autofree char *text = _jc_deliveries_page_dup_row_text (page, sr, si);
        const JcDeliveryStop *s = route->stops->pdata[1];

        assert_non_null (row);
        assert_true (row == gtk_list_box_get_selected_row (
                       GTK_LIST_BOX (_jc_deliveries_page_get_list (page))));
        assert_contains (text, s->canteen_name);
        assert_contains (label_text (page, "selection"), s->canteen_name);
      }
      clicked = TRUE;
    }
  assert_true (clicked);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "deliveries-page-en");
  /* empty ground clears it */
  _jc_deliveries_page_click_map (page, 2, 2);
  {
    int sr, si;

    assert_false (_jc_deliveries_page_get_selection (page, &sr, &si));
  }

  /* the PDF export on its worker */
  {
    g_autofree char *path = g_build_filename (fx.dir, "deliveries.pdf", NULL);
    g_autoptr(GBytes) bytes = NULL;

    _jc_deliveries_page_export_to (page, path);
    assert_true (_jc_deliveries_page_is_busy (page));
    wait_idle (page);
    assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    bytes = jc_test_read (path);
    assert_true (g_bytes_get_size (bytes) > 1000);
    assert_memory_equal (g_bytes_get_data (bytes, NULL), "%PDF", 4);
  }
  /* no documents chosen: nothing to print or export */
  {
    GtkWidget *output = gtk_widget_get_ancestor (_jc_deliveries_page_get_widget (page, "notes-check"),
                                                 GTK_TYPE_POPOVER);
    GtkWidget *export;

    gtk_popover_popup (GTK_POPOVER (output));
    jc_test_settle (GTK_WIDGET (window));
    export = find_action_button (output, "deliveries.export-pdf");
    assert_non_null (export);
    assert_true (gtk_widget_get_sensitive (export));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_jc_deliveries_page_get_widget (page, "sheets-check")), FALSE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_jc_deliveries_page_get_widget (page, "picking-check")), FALSE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_jc_deliveries_page_get_widget (page, "notes-check")), FALSE);
    jc_test_pump (20);
    assert_false (gtk_widget_get_sensitive (export));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (_jc_deliveries_page_get_widget (page, "notes-check")), TRUE);
    jc_test_pump (20);
    assert_true (gtk_widget_get_sensitive (export));
    gtk_popover_popdown (GTK_POPOVER (output));
    jc_test_pump (20);
  }

  /* a long solver run stopped by hand keeps the best plan so far, saved */
  _jc_deliveries_page_set_solver_seconds (page, 60);
  {
    gint64 started = g_get_monotonic_time ();

    assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.build", NULL));
    jc_test_pump (400);
    assert_true (_jc_deliveries_page_is_busy (page));
    assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deliveries.cancel-build", NULL));
    wait_idle (page);
    assert_true (g_get_monotonic_time () - started < 20 * G_USEC_PER_SEC);
  }
  assert_string_equal (_jc_deliveries_page_get_state (page), "plan");
  {
    g_autoptr(JcDeliveryPlan) stored = load_saved (DATE);

    assert_figures (page, stored);
    assert_false (stored->edited);
  }
  close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_empty_states),
    cmocka_unit_test (test_plan_and_move),
    cmocka_unit_test (test_map_stop_export),
  };

  jc_test_ui_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
