/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicles-page.c: the vehicles list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-vehicles-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-vehicle-editor.h"
#include "jc-vehicles-page-private.h"
#include "jc-record.h"
#include "jc-ui-util.h"

struct _JcVehiclesPage {
  AdwBin              parent_instance;

  JcStore            *store;       /* borrowed from the application */
  gboolean            show_inactive;
  char               *summary;     /* "17 canteens", for the header bar */
  char               *query;       /* case-folded search text */
  GListStore         *records;     /* every vehicle, active or not */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;

  GtkEditable        *search_entry;
  GtkWidget          *show_inactive_check;
  GtkColumnView      *column_view;
  GtkStack           *stack;
  AdwStatusPage      *no_results_page;
  GtkButton          *toggle_active_button;
  GtkButton          *toggle_active_icon_button;
};

G_DEFINE_FINAL_TYPE (JcVehiclesPage, jc_vehicles_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_INACTIVE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- columns ---------------------------------------------------------- */

static char *
plate_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcVehicle *) data)->plate);
}

static int
plate_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcVehicle *) a)->plate, ((const JcVehicle *) b)->plate);
}

static char *
capacity_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, ((const JcVehicle *) data)->capacity_kg);
}

static int
capacity_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcVehicle *) a)->capacity_kg,
                            ((const JcVehicle *) b)->capacity_kg);
}

static char *
depot_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcVehicle *) data)->depot);
}

static int
depot_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcVehicle *) a)->depot, ((const JcVehicle *) b)->depot);
}

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

static char *
speed_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%d", ((const JcVehicle *) data)->speed_kmh);
}

static int
speed_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcVehicle *) a)->speed_kmh, ((const JcVehicle *) b)->speed_kmh);
}

static char *
service_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%d", ((const JcVehicle *) data)->service_min);
}

static int
service_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcVehicle *) a)->service_min,
                            ((const JcVehicle *) b)->service_min);
}

static void
add_columns (JcVehiclesPage *self)
{
  struct {
    const char *title;
    JcColumnKind kind;
    JcColumnTextFunc text;
    JcColumnCompareFunc compare;
    gboolean expand;
  } columns[] = {
    { C_("column title", "Plate"), JC_COLUMN_TEXT, plate_text, plate_compare, FALSE },
    { C_("column title", "Capacity (kg)"), JC_COLUMN_NUMBER, capacity_text, capacity_compare, FALSE },
    { C_("column title", "Depot"), JC_COLUMN_TEXT, depot_text, depot_compare, TRUE },
    { C_("column title", "Start"), JC_COLUMN_TEXT, start_text, start_compare, FALSE },
    { C_("column title", "Speed (km/h)"), JC_COLUMN_NUMBER, speed_text, speed_compare, FALSE },
    { C_("column title", "Service (min)"), JC_COLUMN_NUMBER, service_text, service_compare, FALSE },
    { C_("column title", "Active"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = jc_column_new (columns[i].title, columns[i].kind,
                                                          columns[i].text, columns[i].compare,
                                                          self, columns[i].expand);

      gtk_column_view_append_column (self->column_view, col);
    }
}

/* ---- filtering and state ---------------------------------------------- */

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  JcVehiclesPage *self = user_data;
  const JcVehicle *v = jc_record_get_data (item);
  g_autofree char *plate = NULL;
  g_autofree char *depot = NULL;

  if (!v->active && !self->show_inactive)
    return FALSE;
  if (self->query == NULL || *self->query == '\0')
    return TRUE;
  /* Plates are searched anywhere: people remember the digits at the end. */
  plate = g_utf8_casefold (v->plate, -1);
  depot = g_utf8_casefold (v->depot, -1);
  return strstr (plate, self->query) != NULL || strstr (depot, self->query) != NULL;
}

static JcRecord *
get_selected (JcVehiclesPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (JcVehiclesPage *self)
{
  JcRecord *record = get_selected (self);
  gboolean activate = record != NULL && !jc_record_get_active (record);
  const char *tooltip = activate ? _("Make the selected vehicle active again")
                                 : _("Deactivate the selected vehicle: it gets no more routes, "
                                     "and its history stays");

  gtk_button_set_label (self->toggle_active_button, activate ? _("_Activate") : _("_Deactivate"));
  gtk_button_set_icon_name (self->toggle_active_icon_button,
                            activate ? "object-select-symbolic" : "action-unavailable-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle_active_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle_active_icon_button), tooltip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.toggle-active", record != NULL);
}

static void
update_state (JcVehiclesPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_listed = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      if (self->show_inactive || jc_record_get_active (record))
        n_listed++;
    }
  if (self->query != NULL && *self->query != '\0')
    /* TRANSLATORS: "3 of 17 vehicles" shown by a search */
    count = g_strdup_printf (ngettext ("%u of %u vehicle", "%u of %u vehicles", n_listed),
                             n_shown, n_listed);
  else
    count = g_strdup_printf (ngettext ("%u vehicle", "%u vehicles", n_shown), n_shown);
  if (n_all == 0)
    g_clear_pointer (&count, g_free);
  if (g_strcmp0 (count, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&count);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_all > 0);
  gtk_widget_set_sensitive (self->show_inactive_check, n_all > 0);
  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (self->query != NULL && *self->query != '\0')
        text = g_strdup_printf (_("No vehicle matches “%s”. Search looks at plates and depots."),
                                gtk_editable_get_text (self->search_entry));
      else
        text = g_strdup (_("Every vehicle is deactivated. Turn on “Show deactivated” to see them."));
      escaped = g_markup_escape_text (text, -1);
      adw_status_page_set_description (self->no_results_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static void
on_search_changed_cb (JcVehiclesPage *self)
{
  g_free (self->query);
  self->query = g_utf8_casefold (gtk_editable_get_text (self->search_entry), -1);
  g_strstrip (self->query);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Escape in the search entry clears it. */
static void
on_stop_search_cb (JcVehiclesPage *self)
{
  gtk_editable_set_text (self->search_entry, "");
}

static guint
find_position (JcVehiclesPage *self,
               const char     *key)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (jc_record_get_key (record), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Reloads from the store and selects `key` (or keeps the selection). */
static void
reload_and_select (JcVehiclesPage *self,
                   const char     *key)
{
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint position;

  if (key == NULL && get_selected (self) != NULL)
    keep = g_strdup (jc_record_get_key (get_selected (self)));
  else
    keep = g_strdup (key);

  if (self->store != NULL)
    {
      vehicles = jc_store_list_vehicles (self->store, TRUE, &error);
      if (vehicles == NULL)
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Read the Vehicles"), error->message);
    }
  if (vehicles != NULL)
    {
      gsize n = 0;
      g_autofree gpointer *data = g_ptr_array_steal (vehicles, &n);

      /* The records take the structs over, in the store's order. */
      for (gsize i = 0; i < n; i++)
        g_ptr_array_add (records, jc_record_new_vehicle (data[i]));
    }
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       records->pdata, records->len);

  position = keep ? find_position (self, keep) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && key != NULL &&
      *gtk_editable_get_text (self->search_entry) != '\0')
    {
      /* The saved vehicle does not match the search: show it anyway. */
      gtk_editable_set_text (self->search_entry, "");
      on_search_changed_cb (self);
      position = find_position (self, key);
    }
  if (position != GTK_INVALID_LIST_POSITION)
    jc_ui_select_position (self->column_view, position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  update_state (self);
}

/* ---- actions ---------------------------------------------------------- */

static void
on_editor_saved_cb (JcVehiclesPage *self,
                    const char     *plate,
                    GtkWindow      *editor)
{
  g_autofree char *message = g_strdup_printf (_("Vehicle “%s” saved"), plate);

  reload_and_select (self, plate);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
open_editor (JcVehiclesPage  *self,
             const JcVehicle *vehicle)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JcVehicleEditor *editor;

  if (self->store == NULL)
    return;
  editor = jc_vehicle_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                  vehicle);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (JC_VEHICLES_PAGE (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (widget);
  JcRecord *record = get_selected (self);

  if (record != NULL)
    open_editor (self, jc_record_get_data (record));
}

static void
toggle_active_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (widget);
  JcRecord *record = get_selected (self);
  g_autoptr(JcVehicle) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (record == NULL || self->store == NULL)
    return;
  v = jc_vehicle_copy (jc_record_get_data (record));
  v->active = !v->active;
  if (!jc_store_update_vehicle (self->store, v, &error))
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Change the Vehicle"), error->message);
      return;
    }
  message = g_strdup_printf (v->active ? _("Vehicle “%s” is active again")
                                       : _("Vehicle “%s” deactivated"), v->plate);
  reload_and_select (self, v->plate);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_column_view_activate_cb (JcVehiclesPage *self,
                            guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "page.edit", NULL);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_vehicles_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      g_value_set_boolean (value, self->show_inactive);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_vehicles_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      if (self->show_inactive != g_value_get_boolean (value))
        {
          self->show_inactive = g_value_get_boolean (value);
          if (self->filter == NULL)  /* still building the template */
            {
              g_object_notify_by_pspec (object, pspec);
              break;
            }
          gtk_filter_changed (GTK_FILTER (self->filter), self->show_inactive
                                                         ? GTK_FILTER_CHANGE_LESS_STRICT
                                                         : GTK_FILTER_CHANGE_MORE_STRICT);
          update_state (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_vehicles_page_dispose (GObject *object)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_VEHICLES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->records);
  G_OBJECT_CLASS (jc_vehicles_page_parent_class)->dispose (object);
}

static void
jc_vehicles_page_finalize (GObject *object)
{
  JcVehiclesPage *self = JC_VEHICLES_PAGE (object);

  g_free (self->query);
  g_free (self->summary);
  G_OBJECT_CLASS (jc_vehicles_page_parent_class)->finalize (object);
}

static void
jc_vehicles_page_class_init (JcVehiclesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_vehicles_page_get_property;
  object_class->set_property = jc_vehicles_page_set_property;
  object_class->dispose = jc_vehicles_page_dispose;
  object_class->finalize = jc_vehicles_page_finalize;

  properties[PROP_SHOW_INACTIVE] =
    g_param_spec_boolean ("show-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many records are listed, for the header bar; NULL when none. */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-vehicles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, show_inactive_check);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, toggle_active_button);
  gtk_widget_class_bind_template_child (widget_class, JcVehiclesPage, toggle_active_icon_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "page.toggle-active", NULL,
                                   toggle_active_activated);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
}

static void
jc_vehicles_page_init (JcVehiclesPage *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (JC_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry),
                                           GTK_WIDGET (self->column_view));

  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
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

  self->store = store;
  reload_and_select (self, NULL);
}

/**
 * jc_vehicles_page_reload:
 * Reads the vehicles from the store again, keeping the selection.
 */
void
jc_vehicles_page_reload (JcVehiclesPage *self)
{
  g_return_if_fail (JC_IS_VEHICLES_PAGE (self));

  reload_and_select (self, NULL);
}

GtkEditable *
_jc_vehicles_page_get_search_entry (JcVehiclesPage *self)
{
  return self->search_entry;
}

GListModel *
_jc_vehicles_page_get_shown (JcVehiclesPage *self)
{
  return G_LIST_MODEL (self->selection);
}

GtkWidget *
_jc_vehicles_page_get_column_view (JcVehiclesPage *self)
{
  return GTK_WIDGET (self->column_view);
}
