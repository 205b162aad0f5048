/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-window.c: the main window — the database screens (welcome, loading,
 * error, main), the sidebar of sections and the window's actions; its
 * backups are jc-window-backup.c.  It holds no rule: the pages ask core. */
#include "config.h"

#define G_LOG_DOMAIN "jc-window"

#include <glib/gi18n.h>

#include "jc-canteens-page.h"
#include "jc-dashboard-page.h"
#include "jc-deliveries-page.h"
#include "jc-catalog-page.h"
#include "jc-connect-dialog.h"
#include "jc-date.h"
#include "jc-demo-task.h"
#include "jc-orders-page.h"
#include "jc-plan-page.h"
#include "jc-prices-page.h"
#include "jc-reports-page.h"
#include "jc-sources-page.h"
#include "jc-ui-util.h"
#include "jc-vehicles-page.h"
#include "jc-window-backup.h"
#include "jc-window-private.h"

typedef struct {
  const char *id;
  const char *icon;
  const char *title;    /* NC_("section", …) */
  gboolean    master;   /* master data: below the line in the sidebar */
  const char *search;   /* the page's action for Ctrl+F (win.search), or NULL */
  const char *add;      /* the page's action for Ctrl+N (win.add-record), or NULL */
} Section;

/* The sidebar, in order; Alt+1 … Alt+9, then Alt+0, follow it. */
static const Section sections[] = {
  { "dashboard", "view-grid-symbolic", NC_("section", "Dashboard"), FALSE, NULL, NULL },
  { "prices", "x-office-spreadsheet-symbolic", NC_("section", "Prices"), FALSE, "prices.search",
    NULL },
  { "orders", "emblem-documents-symbolic", NC_("section", "Orders"), FALSE, NULL, NULL },
  { "plan", "x-office-calendar-symbolic", NC_("section", "Purchase Plan"), FALSE, NULL, NULL },
  { "deliveries", "mark-location-symbolic", NC_("section", "Deliveries"), FALSE, NULL, NULL },
  { "reports", "x-office-document-symbolic", NC_("section", "Reports"), FALSE, NULL, NULL },
  { "catalog", "emoji-food-symbolic", NC_("section", "Catalog"), TRUE, "page.search", "page.add" },
  { "canteens", "system-users-symbolic", NC_("section", "Canteens"), TRUE, "page.search",
    "page.add" },
  { "vehicles", "emoji-travel-symbolic", NC_("section", "Vehicles"), TRUE, "page.search",
    "page.add" },
  { "sources", "network-server-symbolic", NC_("section", "Price Sources"), TRUE, "page.search",
    "page.add" },
};

static const char *const section_ids[] = {
  "dashboard", "prices", "orders", "plan", "deliveries", "reports", "catalog", "canteens",
  "vehicles", "sources", NULL
};

/* Alt+1 … Alt+9, Alt+0: no more sections than digits. */
G_STATIC_ASSERT (G_N_ELEMENTS (sections) <= 10);

G_STATIC_ASSERT (G_N_ELEMENTS (sections) + 1 == G_N_ELEMENTS (section_ids));

struct _JcWindow {
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *load_cancellable;
  gboolean              loading;
  gboolean              disposed;
  JcApplication        *app;          /* weak */
  gulong                app_handler;
  GBinding             *summary_binding;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkLabel             *welcome_error_label;
  GtkProgressBar       *progress_bar;
  JcWindowBackup       *backup;        /* jc-window-backup.c; NULL once disposed */
  AdwStatusPage        *error_page;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *sidebar_title;
  AdwWindowTitle       *content_title;
  GtkStack             *content_stack;
  JcDashboardPage      *dashboard_page;
  JcPricesPage         *prices_page;
  JcOrdersPage         *orders_page;
  JcPlanPage           *plan_page;
  JcDeliveriesPage     *deliveries_page;
  JcReportsPage        *reports_page;
  JcCatalogPage        *catalog_page;
  JcCanteensPage       *canteens_page;
  JcVehiclesPage       *vehicles_page;
  JcSourcesPage        *sources_page;
};

G_DEFINE_FINAL_TYPE (JcWindow, jc_window, ADW_TYPE_APPLICATION_WINDOW)

static const Section *
find_section (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].id, id) == 0)
      return &sections[i];
  return NULL;
}

static const char *
section_title (const Section *section)
{
  return g_dpgettext2 (NULL, "section", section->title);
}

/* ---- the database: welcome, loading, error, main ---------------------- */

static JcApplication *
get_app (JcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return JC_IS_APPLICATION (app) ? JC_APPLICATION (app) : NULL;
}

static void
update_load_actions (JcWindow *self)
{
  JcApplication *app = get_app (self);
  gboolean can_start = !self->loading && app != NULL;
  gboolean has_store = !self->loading && app != NULL && jc_application_get_store (app) != NULL;
  gboolean backing_up = self->backup != NULL && _jc_window_backup_is_busy (self->backup);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-empty", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", self->loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-office", can_start);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-orders", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fetch-prices", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", has_store && !backing_up);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore",
                                 can_start && !backing_up);
}

/* The pages that read on worker threads get the database file, not the
 * store: each worker opens its own.  A new file shows its market today and
 * its orders for tomorrow; the same file is read again. */
static void
update_worker_pages (JcWindow      *self,
                     JcApplication *app,
                     JcStore       *store)
{
  const char *path = store != NULL ? jc_application_get_db_path (app) : NULL;
  GDate date;
  char today[11], tomorrow[11], last_month[8];

  if (path == NULL)
    {
      jc_dashboard_page_set_store (self->dashboard_page, NULL);
      jc_prices_page_set_store (self->prices_page, NULL);
      jc_orders_page_set_store (self->orders_page, NULL);
      jc_plan_page_set_store (self->plan_page, NULL);
      jc_deliveries_page_set_store (self->deliveries_page, NULL);
      jc_reports_page_set_store (self->reports_page, NULL);
      return;
    }
  jc_application_get_today (app, &date);
  g_date_strftime (today, sizeof today, "%Y-%m-%d", &date);
  g_date_add_days (&date, 1);
  g_date_strftime (tomorrow, sizeof tomorrow, "%Y-%m-%d", &date);
  g_date_subtract_days (&date, 1);
  g_date_subtract_months (&date, 1);
  g_date_strftime (last_month, sizeof last_month, "%Y-%m", &date);

  /* The date first: without a file yet, setting it reads nothing. */
  if (g_strcmp0 (jc_dashboard_page_get_db_path (self->dashboard_page), path) != 0)
    {
      jc_dashboard_page_set_date (self->dashboard_page, today);
      jc_dashboard_page_set_store (self->dashboard_page, store);
    }
  else
    jc_dashboard_page_reload (self->dashboard_page);
  if (g_strcmp0 (jc_prices_page_get_db_path (self->prices_page), path) != 0)
    {
      jc_prices_page_set_date (self->prices_page, today);
      jc_prices_page_set_store (self->prices_page, store);
    }
  else
    {
      jc_prices_page_set_store (self->prices_page, store);
      jc_prices_page_reload (self->prices_page);
    }
  if (g_strcmp0 (jc_orders_page_get_db_path (self->orders_page), path) != 0)
    {
      jc_orders_page_set_date (self->orders_page, tomorrow);
      jc_orders_page_set_store (self->orders_page, store);
    }
  else
    jc_orders_page_reload (self->orders_page);
  /* the plan of tomorrow's deliveries, built from the orders being sent */
  if (g_strcmp0 (jc_plan_page_get_db_path (self->plan_page), path) != 0)
    {
      jc_plan_page_set_date (self->plan_page, tomorrow);
      jc_plan_page_set_store (self->plan_page, store);
    }
  else
    {
      jc_plan_page_set_store (self->plan_page, store);
      jc_plan_page_reload (self->plan_page);
    }
  /* and its deliveries, once the plan is locked */
  if (g_strcmp0 (jc_deliveries_page_get_db_path (self->deliveries_page), path) != 0)
    {
      jc_deliveries_page_set_date (self->deliveries_page, tomorrow);
      jc_deliveries_page_set_store (self->deliveries_page, store);
    }
  else
    {
      jc_deliveries_page_set_store (self->deliveries_page, store);
      jc_deliveries_page_reload (self->deliveries_page);
    }
  /* the review of the last whole month */
  if (g_strcmp0 (jc_reports_page_get_db_path (self->reports_page), path) != 0)
    {
      jc_reports_page_set_month (self->reports_page, last_month);
      jc_reports_page_set_store (self->reports_page, store);
    }
  else
    {
      jc_reports_page_set_store (self->reports_page, store);
      jc_reports_page_reload (self->reports_page);
    }
}

static void
set_status_description (AdwStatusPage *page,
                        const char    *text)
{
  /* The description is markup; file names and messages are not. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_status_page_set_description (page, escaped);
}

/* The window's title and the sidebar's subtitle name the database open:
 * a file's name (its whole path in the tooltip) or the office database. */
static void
update_title (JcWindow *self,
              JcStore  *store)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *what = NULL;
  g_autofree char *title = NULL;

  if (store == NULL || self->app == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Jicai"));
      adw_window_title_set_subtitle (self->sidebar_title, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title), NULL);
      return;
    }
  what = jc_connect_describe_location (jc_application_get_db_path (self->app), &tooltip);
  /* TRANSLATORS: the window's title: the application, then the database open */
  title = g_strdup_printf (_("Jicai — %s"), what);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_subtitle (self->sidebar_title, what);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sidebar_title), tooltip);
}

static void
update_from_store (JcWindow *self)
{
  JcApplication *app = self->app;
  JcStore *store = app ? jc_application_get_store (app) : NULL;
  const GError *error = app ? jc_application_get_store_error (app) : NULL;

  update_title (self, store);

  jc_catalog_page_set_store (self->catalog_page, store);
  jc_canteens_page_set_store (self->canteens_page, store);
  jc_vehicles_page_set_store (self->vehicles_page, store);
  jc_sources_page_set_store (self->sources_page, store);
  update_worker_pages (self, app, store);
  update_load_actions (self);
  if (self->loading)
    return;
  if (store != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "main");
  else if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* The message is core's, exactly; then what the person can do. */
      text = g_strdup_printf ("%s\n\n%s", error->message,
                              _("Nothing was changed. To work with another database file, "
                                "start Jicai with --db FILE."));
      set_status_description (self->error_page, text);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("There is no database at “%s” yet. Load the demo data to look "
                                "around, or start empty and add your own catalog, canteens and "
                                "vehicles."),
                              app ? jc_application_get_db_path (app) : "");
      set_status_description (self->welcome_page, text);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
}

static void
on_demo_progress (GObject    *source,
                  double      fraction,
                  const char *what)
{
  JcWindow *self = JC_WINDOW (source);

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->progress_bar, what);
}

static void
on_demo_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  JcWindow *self = JC_WINDOW (source);
  JcApplication *app = get_app (self);
  g_autoptr(GError) error = NULL;
  JcDemoSummary summary = { 0 };
  gboolean ok = jc_demo_task_run_finish (result, &summary, &error);

  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);
  if (self->disposed || app == NULL)
    return;
  if (ok)
    {
      g_autofree char *message = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->welcome_error_label), FALSE);
      /* The worker's store is closed; this thread opens its own.  Its
       * store-changed shows the main screen (or the error). */
      if (!jc_application_open_store (app, NULL))
        return;
      {
        g_autofree char *items = g_strdup_printf (ngettext ("%u item", "%u items", summary.n_items),
                                                  summary.n_items);
        g_autofree char *canteens = g_strdup_printf (ngettext ("%u canteen", "%u canteens",
                                                               summary.n_canteens),
                                                     summary.n_canteens);
        g_autofree char *vehicles = g_strdup_printf (ngettext ("%u vehicle", "%u vehicles",
                                                               summary.n_vehicles),
                                                     summary.n_vehicles);

        /* TRANSLATORS: the three parts are "12 items", "8 canteens", "3 vehicles" */
        message = g_strdup_printf (_("Demo data loaded: %s, %s, %s"), items, canteens, vehicles);
      }
      _jc_window_toast (self, message);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_widget_set_visible (GTK_WIDGET (self->welcome_error_label), FALSE);
  else
    {
      g_autofree char *text = g_strdup_printf (_("The demo data could not be loaded: %s"),
                                               error->message);

      gtk_label_set_text (self->welcome_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->welcome_error_label), TRUE);
    }
  update_from_store (self);
}

static void
load_demo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);
  JcApplication *app = get_app (self);
  GDate today;

  if (self->loading || app == NULL)
    return;
  self->loading = TRUE;
  self->load_cancellable = g_cancellable_new ();
  jc_application_get_today (app, &today);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Opening the database…"));
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  update_load_actions (self);
  jc_demo_task_run_async (G_OBJECT (self), jc_application_get_db_path (app), &today,
                          on_demo_progress, self->load_cancellable, on_demo_loaded, NULL);
}

static void
cancel_load_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);

  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
    }
}

static void
start_empty_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);
  JcApplication *app = get_app (self);

  if (self->loading || app == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_error_label), FALSE);
  /* Emits store-changed: the main screen, or the error screen. */
  jc_application_open_store (app, NULL);
}

/* Connect to Office Database…: the dialog opens the store on its thread
 * and hands it to the application (store-changed). */
static void
connect_office_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);
  JcApplication *app = get_app (self);

  if (app == NULL || self->loading)
    return;
  gtk_window_present (GTK_WINDOW (jc_connect_dialog_new (GTK_WINDOW (self), app)));
}

/* ---- sections --------------------------------------------------------- */

static GtkWidget *
create_sidebar_row (const Section *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name (section->icon);
  GtkWidget *label = gtk_label_new (section_title (section));

  gtk_widget_set_name (row, section->id);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

/* A line between the day's work and the master data. */
static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const Section *section = find_section (gtk_widget_get_name (GTK_WIDGET (row)));
  const Section *previous = before ? find_section (gtk_widget_get_name (GTK_WIDGET (before)))
                                   : NULL;

  if (section != NULL && previous != NULL && section->master && !previous->master)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        {
          GtkWidget *separator = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

          gtk_widget_set_margin_top (separator, 6);
          gtk_widget_set_margin_bottom (separator, 6);
          gtk_list_box_row_set_header (row, separator);
        }
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
on_sidebar_row_selected_cb (JcWindow      *self,
                            GtkListBoxRow *row)
{
  const Section *section;

  if (row == NULL)
    return;
  section = find_section (gtk_widget_get_name (GTK_WIDGET (row)));
  if (section == NULL)
    return;
  gtk_stack_set_visible_child_name (self->content_stack, section->id);
  adw_window_title_set_title (self->content_title, section_title (section));
  /* A list page says how many records it shows under the title. */
  if (self->summary_binding != NULL)
    {
      g_binding_unbind (self->summary_binding);
      g_clear_object (&self->summary_binding);
    }
  adw_window_title_set_subtitle (self->content_title, NULL);
  {
    GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

    if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "summary") != NULL)
      self->summary_binding = g_object_ref (g_object_bind_property (page, "summary",
                                                                    self->content_title,
                                                                    "subtitle",
                                                                    G_BINDING_SYNC_CREATE));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", section->search != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-record", section->add != NULL);
  /* The fetch log may have grown since: a fetch on the prices page. */
  if (g_str_equal (section->id, "sources"))
    jc_sources_page_reload (self->sources_page);
  /* Orders, fetches and plans change on the other pages: read the day again. */
  if (g_str_equal (section->id, "dashboard") &&
      jc_dashboard_page_get_store (self->dashboard_page) != NULL)
    jc_dashboard_page_reload (self->dashboard_page);
  g_settings_set_string (self->settings, "last-section", section->id);
}

/* A dashboard tile opens its section. */
static void
on_dashboard_open_section_cb (JcWindow   *self,
                              const char *section_id)
{
  jc_window_show_section (self, section_id);
}

static void
on_sidebar_row_activated_cb (JcWindow      *self,
                             GtkListBoxRow *row)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (JcWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_section_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);

  jc_window_show_section (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Search and add belong to the page on show; the pages have the actions. */
static void
page_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  const Section *section = find_section (gtk_stack_get_visible_child_name (self->content_stack));
  const char *page_action;

  if (section == NULL || page == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return;
  page_action = g_str_equal (action_name, "win.search") ? section->search : section->add;
  if (page_action != NULL)
    gtk_widget_activate_action (page, page_action, NULL);
}

/* File → Import Orders…: the orders section asks for the forms. */
static void
import_orders_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return;
  jc_window_show_section (self, "orders");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  jc_orders_page_import_files (self->orders_page, NULL);
}

/* Ctrl+I imports orders where the orders are on show; elsewhere the key is
 * left to whoever else wants it. */
static gboolean
import_orders_shortcut_cb (GtkWidget *widget,
                           GVariant  *args,
                           gpointer   user_data)
{
  JcWindow *self = JC_WINDOW (widget);

  if (g_strcmp0 (jc_window_get_section (self), "orders") != 0 ||
      !gtk_widget_is_sensitive (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, "win.import-orders", NULL);
}

/* Fetch Prices: the prices section pulls the last 7 days from every
 * enabled source (on its worker thread, with progress and Cancel). */
static void
fetch_prices_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return;
  jc_window_show_section (self, "prices");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  jc_prices_page_fetch (self->prices_page);
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
jc_window_close_request (GtkWindow *window)
{
  JcWindow *self = JC_WINDOW (window);
  int width = 0, height = 0;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  return GTK_WINDOW_CLASS (jc_window_parent_class)->close_request (window);
}

/* "application" is set after construction (and could change): follow the
 * store of whichever application the window belongs to. */
static void
on_application_changed_cb (JcWindow *self)
{
  JcApplication *app = get_app (self);

  if (self->disposed)
    return;
  if (self->app_handler != 0 && self->app != NULL)
    g_signal_handler_disconnect (self->app, self->app_handler);
  self->app_handler = 0;
  g_set_weak_pointer (&self->app, app);
  if (app != NULL)
    self->app_handler = g_signal_connect_swapped (app, "store-changed",
                                                  G_CALLBACK (update_from_store), self);
  update_from_store (self);
}

static void
jc_window_dispose (GObject *object)
{
  JcWindow *self = JC_WINDOW (object);

  self->disposed = TRUE;
  g_clear_pointer (&self->backup, _jc_window_backup_free);
  if (self->app_handler != 0 && self->app != NULL)
    g_signal_handler_disconnect (self->app, self->app_handler);
  self->app_handler = 0;
  g_clear_weak_pointer (&self->app);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->summary_binding != NULL)
    {
      g_binding_unbind (self->summary_binding);
      g_clear_object (&self->summary_binding);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jc_window_parent_class)->dispose (object);
}

static void
jc_window_class_init (JcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jc_window_dispose;
  window_class->close_request = jc_window_close_request;

  g_type_ensure (JC_TYPE_DASHBOARD_PAGE);
  g_type_ensure (JC_TYPE_PRICES_PAGE);
  g_type_ensure (JC_TYPE_ORDERS_PAGE);
  g_type_ensure (JC_TYPE_PLAN_PAGE);
  g_type_ensure (JC_TYPE_DELIVERIES_PAGE);
  g_type_ensure (JC_TYPE_REPORTS_PAGE);
  g_type_ensure (JC_TYPE_CATALOG_PAGE);
  g_type_ensure (JC_TYPE_CANTEENS_PAGE);
  g_type_ensure (JC_TYPE_VEHICLES_PAGE);
  g_type_ensure (JC_TYPE_SOURCES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jicai/Jicai/ui/jc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, welcome_error_label);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, prices_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, orders_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, plan_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, deliveries_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, catalog_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, canteens_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, vehicles_page);
  gtk_widget_class_bind_template_child (widget_class, JcWindow, sources_page);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dashboard_open_section_cb);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, page_action_activated);
  gtk_widget_class_install_action (widget_class, "win.add-record", NULL, page_action_activated);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_activated);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_activated);
  gtk_widget_class_install_action (widget_class, "win.connect-office", NULL,
                                   connect_office_activated);
  gtk_widget_class_install_action (widget_class, "win.import-orders", NULL,
                                   import_orders_activated);
  gtk_widget_class_install_action (widget_class, "win.fetch-prices", NULL,
                                   fetch_prices_activated);
  _jc_window_backup_class_init (widget_class);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, i < 9 ? GDK_KEY_1 + i : GDK_KEY_0,
                                         GDK_ALT_MASK, "win.show-section", "s", sections[i].id);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                import_orders_shortcut_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-record", NULL);
}

static void
jc_window_init (JcWindow *self)
{
  g_autofree char *last = NULL;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup = _jc_window_backup_new (self);

  self->settings = g_settings_new (APP_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "show-inactive", self->catalog_page, "show-inactive",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-inactive", self->canteens_page, "show-inactive",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-inactive", self->vehicles_page, "show-inactive",
                   G_SETTINGS_BIND_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_list_box_append (self->sidebar_list, create_sidebar_row (&sections[i]));
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed_cb), NULL);
  on_application_changed_cb (self);

  last = g_settings_get_string (self->settings, "last-section");
  jc_window_show_section (self, find_section (last) ? last : sections[0].id);
  update_load_actions (self);
}

/**
 * jc_window_new:
 * Returns: (transfer none): a new main window of `app`.
 */
JcWindow *
jc_window_new (JcApplication *app)
{
  return g_object_new (JC_TYPE_WINDOW, "application", app, NULL);
}

/**
 * jc_window_show_section:
 * @section: a section id: "dashboard", "prices", "orders", "plan",
 *   "deliveries", "reports", "catalog", "canteens", "vehicles" or "sources"
 */
void
jc_window_show_section (JcWindow   *self,
                        const char *section)
{
  g_return_if_fail (JC_IS_WINDOW (self));
  g_return_if_fail (find_section (section) != NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), section))
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
}

/**
 * jc_window_get_section:
 * Returns: (transfer none): the id of the section on show.
 */
const char *
jc_window_get_section (JcWindow *self)
{
  g_return_val_if_fail (JC_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

void
_jc_window_add_toast (JcWindow *self,
                      AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_jc_window_toast (JcWindow   *self,
                  const char *message)
{
  /* the title is markup; a message is not */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  _jc_window_add_toast (self, adw_toast_new (escaped));
}

JcWindowBackup *
_jc_window_get_backup (JcWindow *self)
{
  return self->backup;
}

void
_jc_window_update_actions (JcWindow *self)
{
  if (!self->disposed)
    update_load_actions (self);
}

const char * const *
_jc_window_list_sections (void)
{
  return section_ids;
}

GtkWidget *
_jc_window_get_page (JcWindow   *self,
                     const char *section)
{
  return gtk_stack_get_child_by_name (self->content_stack, section);
}

const char *
_jc_window_get_screen (JcWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

AdwStatusPage *
_jc_window_get_error_page (JcWindow *self)
{
  return self->error_page;
}
