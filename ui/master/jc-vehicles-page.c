/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicles-page.c: the vehicles list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-vehicles-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-vehicle-editor.h"
#include "jc-vehicles-page-private.h"
#include "jc-master-save.h"
#include "jc-ui-util.h"

struct _JcVehiclesPage {
  JcListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (JcVehiclesPage, jc_vehicles_page, JC_TYPE_LIST_PAGE)

/* ---- columns ---------------------------------------------------------- */

static char *
start_text (gconstpointer data, gpointer user_data)
{
  return jc_format_time (((const JcVehicle *) data)->start_time);
}

static int
start_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcVehicle *) a)->start_time,
                            ((const JcVehicle *) b)->start_time);
}

/* ---- what JcListPage asks ----------------------------------------------- */

/* Every one, active or not: the page filters. */
static GPtrArray *
list_all (JcStore  *store,
          GError  **error)
{
  return jc_store_list_vehicles (store, TRUE, error);
}

static gboolean
match (JcListPage   *page,
       gconstpointer data,
       const char   *query)
{
  const JcVehicle *v = data;
  g_autofree char *plate = NULL;
  g_autofree char *depot = NULL;

  if (*query == '\0')
    return TRUE;
  /* Plates are searched anywhere: people remember the digits at the end. */
  plate = g_utf8_casefold (v->plate, -1);
  depot = g_utf8_casefold (v->depot, -1);
  return strstr (plate, query) != NULL || strstr (depot, query) != NULL;
}

static char *
describe_count (JcListPage *page,
                guint       n_shown,
                guint       n_listed)
{
  const char *query = jc_list_page_get_query (page);

  if (query != NULL && *query != '\0')
    /* TRANSLATORS: "3 of 17 vehicles" shown by a search */
    return g_strdup_printf (ngettext ("%u of %u vehicle", "%u of %u vehicles", n_listed),
                            n_shown, n_listed);
  return g_strdup_printf (ngettext ("%u vehicle", "%u vehicles", n_shown), n_shown);
}

static char *
describe_no_results (JcListPage *page,
                     const char *search)
{
  if (search != NULL)
    return g_strdup_printf (_("No vehicle matches “%s”. Search looks at plates and depots."),
                            search);
  return g_strdup (_("Every vehicle is deactivated. Turn on “Show deactivated” to see them."));
}

static GtkWindow *
new_editor (JcListPage   *page,
            GtkWindow    *parent,
            JcStore      *store,
            gconstpointer data)
{
  return GTK_WINDOW (jc_vehicle_editor_new (parent, store, data));
}

static char *
describe_saved (JcListPage *page,
                const char *plate)
{
  return g_strdup_printf (_("Vehicle “%s” saved"), plate);
}

static gboolean
set_active (JcListPage    *page,
            JcStore       *store,
            gconstpointer  data,
            gboolean       active,
            GError       **error)
{
  g_autoptr(JcVehicle) copy = jc_vehicle_copy (data);

  copy->active = active;
  return jc_master_save_vehicle (store, copy, error);
}

static char *
describe_toggled (JcListPage    *page,
                  gconstpointer  data,
                  gboolean       active)
{
  const JcVehicle *vehicle = data;

  return g_strdup_printf (active ? _("Vehicle “%s” is active again")
                                 : _("Vehicle “%s” deactivated"), vehicle->plate);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_vehicles_page_class_init (JcVehiclesPageClass *klass)
{
  JcListPageClass *page_class = JC_LIST_PAGE_CLASS (klass);

  page_class->activate_label = N_("_Activate");
  page_class->deactivate_label = N_("_Deactivate");
  page_class->activate_tooltip = N_("Make the selected vehicle active again");
  page_class->deactivate_tooltip = N_("Deactivate the selected vehicle: it gets no more routes, "
                                      "and its history stays");
  page_class->list = list_all;
  page_class->wrap = (JcRecord *(*) (gpointer)) jc_record_new_vehicle;
  page_class->load_error_title = N_("Could Not Read the Vehicles");
  page_class->match = match;
  page_class->describe_count = describe_count;
  page_class->describe_no_results = describe_no_results;
  page_class->new_editor = new_editor;
  page_class->describe_saved = describe_saved;
  page_class->set_active = set_active;
  page_class->describe_toggled = describe_toggled;
  page_class->toggle_error_title = N_("Could Not Change the Vehicle");

  jc_list_page_class_set_template (GTK_WIDGET_CLASS (klass),
                                   "/io/github/jicai/Jicai/ui/jc-vehicles-page.ui",
                                   "toggle_active_button", "toggle_active_icon_button",
                                   "show_inactive_check");
}

static void
jc_vehicles_page_init (JcVehiclesPage *self)
{
  const JcListColumn columns[] = {
    { C_("column title", "Plate"), JC_COLUMN_TEXT, NULL, NULL, FALSE,
      JC_LIST_FIELD (STRING, JcVehicle, plate) },
    { C_("column title", "Capacity (kg)"), JC_COLUMN_NUMBER, NULL, NULL, FALSE,
      JC_LIST_FIELD (INT64, JcVehicle, capacity_kg) },
    { C_("column title", "Depot"), JC_COLUMN_TEXT, NULL, NULL, TRUE,
      JC_LIST_FIELD (STRING, JcVehicle, depot) },
    { C_("column title", "Start"), JC_COLUMN_TEXT, start_text, start_compare, FALSE },
    { C_("column title", "Speed (km/h)"), JC_COLUMN_NUMBER, NULL, NULL, FALSE,
      JC_LIST_FIELD (INT, JcVehicle, speed_kmh) },
    { C_("column title", "Service (min)"), JC_COLUMN_NUMBER, NULL, NULL, FALSE,
      JC_LIST_FIELD (INT, JcVehicle, service_min) },
    { C_("column title", "Active"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  jc_list_page_add_columns (JC_LIST_PAGE (self), columns, G_N_ELEMENTS (columns));
}

/**
 * jc_vehicles_page_set_store:
 * @store: (nullable) (transfer none): the store to show; it must stay open
 *   until another is set
 */
void
jc_vehicles_page_set_store (JcVehiclesPage *self,
                            JcStore        *store)
{
  g_return_if_fail (JC_IS_VEHICLES_PAGE (self));

  jc_list_page_set_store (JC_LIST_PAGE (self), store);
}

/**
 * jc_vehicles_page_reload:
 * Reads the vehicles from the store again, keeping the selection.
 */
void
jc_vehicles_page_reload (JcVehiclesPage *self)
{
  g_return_if_fail (JC_IS_VEHICLES_PAGE (self));

  jc_list_page_reload_and_select (JC_LIST_PAGE (self), NULL);
}
