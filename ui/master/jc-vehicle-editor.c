/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicle-editor.c: add or edit a vehicle. */
#include "config.h"

#define G_LOG_DOMAIN "jc-vehicle-editor"

#include <glib/gi18n.h>

#include "jc-form.h"
#include "jc-ui-util.h"
#include "jc-vehicle-editor-private.h"

struct _JcVehicleEditor {
  AdwWindow       parent_instance;

  JcStore        *store;      /* borrowed from the application */
  JcVehicle      *original;   /* NULL: a new vehicle */
  JcForm         *form;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkWidget      *plate_row;
  GtkWidget      *capacity_row;
  GtkWidget      *depot_row;
  GtkWidget      *lat_row;
  GtkWidget      *lon_row;
  GtkWidget      *start_time_row;
  GtkWidget      *speed_row;
  GtkWidget      *service_row;
  GtkSwitch      *active_switch;
  GtkLabel       *general_caption;
  GtkLabel       *vehicle_caption;
  GtkLabel       *depot_caption;
  GtkLabel       *schedule_caption;
};

G_DEFINE_FINAL_TYPE (JcVehicleEditor, jc_vehicle_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
substitute (gpointer record,
            JcField  field)
{
  JcVehicle *v = record;

  switch ((int) field)
    {
    case JC_FIELD_PLATE: g_free (v->plate); v->plate = g_strdup ("x"); return TRUE;
    case JC_FIELD_CAPACITY: v->capacity_kg = 1; return TRUE;
    case JC_FIELD_DEPOT: g_free (v->depot); v->depot = g_strdup (""); return TRUE;
    case JC_FIELD_DEPOT_LAT: v->depot_lat = 0; return TRUE;
    case JC_FIELD_DEPOT_LON: v->depot_lon = 0; return TRUE;
    case JC_FIELD_START_TIME: v->start_time = 0; return TRUE;
    case JC_FIELD_SPEED: v->speed_kmh = 1; return TRUE;
    case JC_FIELD_SERVICE: v->service_min = 0; return TRUE;
    default: return FALSE;
    }
}

static gboolean
parse_int (JcForm     *form,
           JcVehicle  *v,
           JcField     field,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  g_autofree char *text = jc_form_dup_text (form, field);
  g_autoptr(GError) error = NULL;

  return jc_form_check (form, jc_parse_int_field (field, text, min, max, out, &error), &error,
                        substitute, v);
}

static JcVehicle *
validate (JcVehicleEditor *self)
{
  JcForm *form = self->form;
  g_autoptr(JcVehicle) v = self->original ? jc_vehicle_copy (self->original) : jc_vehicle_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lat = jc_form_dup_text (form, JC_FIELD_DEPOT_LAT);
  g_autofree char *lon = jc_form_dup_text (form, JC_FIELD_DEPOT_LON);
  g_autofree char *start = jc_form_dup_text (form, JC_FIELD_START_TIME);
  gint64 n = 0;
  gboolean valid;

  jc_form_reset (form);
  g_free (v->plate);
  v->plate = jc_form_dup_text (form, JC_FIELD_PLATE);
  g_free (v->depot);
  v->depot = jc_form_dup_text (form, JC_FIELD_DEPOT);
  v->active = gtk_switch_get_active (self->active_switch);

  if (parse_int (form, v, JC_FIELD_CAPACITY, 1, 100000, &n))
    v->capacity_kg = n;
  jc_form_check (form, jc_parse_degrees_field (JC_FIELD_DEPOT_LAT, lat, -90, 90, &v->depot_lat,
                                               &error),
                 &error, substitute, v);
  jc_form_check (form, jc_parse_degrees_field (JC_FIELD_DEPOT_LON, lon, -180, 180, &v->depot_lon,
                                               &error),
                 &error, substitute, v);
  jc_form_check (form, jc_parse_time_field (JC_FIELD_START_TIME, start, &v->start_time, &error),
                 &error, substitute, v);
  if (parse_int (form, v, JC_FIELD_SPEED, 1, 200, &n))
    v->speed_kmh = (int) n;
  if (parse_int (form, v, JC_FIELD_SERVICE, 0, 240, &n))
    v->service_min = (int) n;

  jc_form_check_record (form, (JcFormValidateFunc) jc_vehicle_validate, substitute, v);

  valid = jc_form_finish (form, GTK_WIDGET (self), self->store != NULL);
  return valid ? g_steal_pointer (&v) : NULL;
}

static void
form_changed_cb (gpointer user_data)
{
  /* validating marks the rows; the value itself is not needed here */
  JcVehicle *v = validate (JC_VEHICLE_EDITOR (user_data));

  g_clear_pointer (&v, jc_vehicle_free);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcVehicleEditor *self = JC_VEHICLE_EDITOR (widget);
  g_autoptr(JcVehicle) v = validate (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (v == NULL || self->store == NULL)
    return;
  if (self->original != NULL)
    ok = jc_store_update_vehicle (self->store, v, &error);
  else
    ok = jc_store_insert_vehicle (self->store, v, &error);
  if (!jc_form_check_save (self->form, ok, &error))
    return;
  g_signal_emit (self, signals[SAVED], 0, v->plate);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jc_vehicle_editor_dispose (GObject *object)
{
  JcVehicleEditor *self = JC_VEHICLE_EDITOR (object);

  g_clear_pointer (&self->form, jc_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_VEHICLE_EDITOR);
  G_OBJECT_CLASS (jc_vehicle_editor_parent_class)->dispose (object);
}

static void
jc_vehicle_editor_finalize (GObject *object)
{
  JcVehicleEditor *self = JC_VEHICLE_EDITOR (object);

  g_clear_pointer (&self->original, jc_vehicle_free);
  G_OBJECT_CLASS (jc_vehicle_editor_parent_class)->finalize (object);
}

static void
jc_vehicle_editor_class_init (JcVehicleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_vehicle_editor_dispose;
  object_class->finalize = jc_vehicle_editor_finalize;

  /**
   * JcVehicleEditor::saved:
   * @plate: the plate of the vehicle as saved
   * The vehicle is in the store; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-vehicle-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, plate_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, depot_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, speed_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, service_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, general_caption);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, vehicle_caption);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, depot_caption);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, schedule_caption);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fill (JcVehicleEditor *self,
      const JcVehicle *v,
      gboolean         with_position)
{
  g_autofree char *capacity = v->capacity_kg > 0
                              ? g_strdup_printf ("%" G_GINT64_FORMAT, v->capacity_kg) : NULL;
  g_autofree char *lat = jc_ui_format_degrees (v->depot_lat);
  g_autofree char *lon = jc_ui_format_degrees (v->depot_lon);
  g_autofree char *start = jc_format_time (v->start_time);
  g_autofree char *speed = g_strdup_printf ("%d", v->speed_kmh);
  g_autofree char *service = g_strdup_printf ("%d", v->service_min);

  set_text (self->plate_row, v->plate);
  set_text (self->capacity_row, capacity);
  set_text (self->depot_row, v->depot);
  if (with_position)
    {
      set_text (self->lat_row, lat);
      set_text (self->lon_row, lon);
    }
  set_text (self->start_time_row, start);
  set_text (self->speed_row, speed);
  set_text (self->service_row, service);
  gtk_switch_set_active (self->active_switch, v->active);
}

static void
jc_vehicle_editor_init (JcVehicleEditor *self)
{
  JcForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = form = jc_form_new (form_changed_cb, self);
  jc_form_set_general_caption (form, self->general_caption);
  jc_form_add_field (form, JC_FIELD_PLATE, self->plate_row, self->vehicle_caption);
  jc_form_add_field (form, JC_FIELD_CAPACITY, self->capacity_row, self->vehicle_caption);
  jc_form_add_field (form, JC_FIELD_DEPOT, self->depot_row, self->depot_caption);
  jc_form_add_field (form, JC_FIELD_DEPOT_LAT, self->lat_row, self->depot_caption);
  jc_form_add_field (form, JC_FIELD_DEPOT_LON, self->lon_row, self->depot_caption);
  jc_form_add_field (form, JC_FIELD_START_TIME, self->start_time_row, self->schedule_caption);
  jc_form_add_field (form, JC_FIELD_SPEED, self->speed_row, self->schedule_caption);
  jc_form_add_field (form, JC_FIELD_SERVICE, self->service_row, self->schedule_caption);

  {
    /* A new vehicle starts from core's defaults, but without a position:
     * 0°, 0° is somewhere in the ocean, not a depot. */
    g_autoptr(JcVehicle) defaults = jc_vehicle_new ();

    fill (self, defaults, FALSE);
  }
  adw_window_title_set_title (self->window_title, _("New Vehicle"));
  jc_form_untouch_all (form);
  form_changed_cb (self);
}

/**
 * jc_vehicle_editor_new:
 * @parent: the window it is modal for
 * @store: (transfer none): the store to write to; must outlive the editor
 * @vehicle: (nullable): the vehicle to edit, NULL to add one
 * Returns: (transfer none): the editor, a toplevel the caller presents.
 */
JcVehicleEditor *
jc_vehicle_editor_new (GtkWindow       *parent,
                       JcStore         *store,
                       const JcVehicle *vehicle)
{
  JcVehicleEditor *self = g_object_new (JC_TYPE_VEHICLE_EDITOR, "transient-for", parent, NULL);

  self->store = store;
  if (vehicle != NULL)
    {
      self->original = jc_vehicle_copy (vehicle);
      fill (self, vehicle, TRUE);
      adw_window_title_set_title (self->window_title, _("Edit Vehicle"));
      adw_window_title_set_subtitle (self->window_title, vehicle->plate);
    }
  jc_form_untouch_all (self->form);
  form_changed_cb (self);
  return self;
}

GtkWidget *
_jc_vehicle_editor_get_row (JcVehicleEditor *self,
                            JcField          field)
{
  return jc_form_get_row (self->form, field);
}

GtkLabel *
_jc_vehicle_editor_get_caption (JcVehicleEditor *self,
                                JcField          field)
{
  return jc_form_get_caption (self->form, field);
}

GtkWidget *
_jc_vehicle_editor_get_save_button (JcVehicleEditor *self)
{
  return self->save_button;
}
