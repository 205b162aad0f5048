/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicle-editor.c: add or edit a vehicle. */
#include "config.h"

#define G_LOG_DOMAIN "jc-vehicle-editor"

#include <glib/gi18n.h>

#include "jc-master-editor.h"
#include "jc-master-save.h"
#include "jc-ui-util.h"
#include "jc-vehicle-editor-private.h"

struct _JcVehicleEditor {
  JcMasterEditor  parent_instance;

  JcVehicle      *original;   /* NULL: a new vehicle */

  GtkWidget      *plate_row;
  GtkWidget      *capacity_row;
  GtkWidget      *depot_row;
  GtkWidget      *lat_row;
  GtkWidget      *lon_row;
  GtkWidget      *start_time_row;
  GtkWidget      *speed_row;
  GtkWidget      *service_row;
  GtkSwitch      *active_switch;
  GtkLabel       *vehicle_caption;
  GtkLabel       *depot_caption;
  GtkLabel       *schedule_caption;
};

G_DEFINE_FINAL_TYPE (JcVehicleEditor, jc_vehicle_editor, JC_TYPE_MASTER_EDITOR)

#define EDITOR(self) JC_MASTER_EDITOR (self)

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
  JcForm *form = jc_master_editor_get_form (EDITOR (self));
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

  valid = jc_form_finish (form, GTK_WIDGET (self),
                          jc_master_editor_get_store (EDITOR (self)) != NULL);
  return valid ? g_steal_pointer (&v) : NULL;
}

static void
jc_vehicle_editor_finalize (GObject *object)
{
  JcVehicleEditor *self = JC_VEHICLE_EDITOR (object);

  g_clear_pointer (&self->original, jc_vehicle_free);
  G_OBJECT_CLASS (jc_vehicle_editor_parent_class)->finalize (object);
}

static gpointer
build (JcMasterEditor *editor)
{
  return validate (JC_VEHICLE_EDITOR (editor));
}

static gboolean
save (JcStore   *store,
      gpointer   record,
      GError   **error)
{
  return jc_master_save_vehicle (store, record, error);
}

static const char *
get_key (gconstpointer record)
{
  return ((JcVehicle *) record)->plate;
}

static void
jc_vehicle_editor_class_init (JcVehicleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JcMasterEditorClass *editor_class = JC_MASTER_EDITOR_CLASS (klass);

  object_class->finalize = jc_vehicle_editor_finalize;
  editor_class->build = build;
  editor_class->save = save;
  editor_class->get_key = get_key;
  editor_class->free_record = (GDestroyNotify) jc_vehicle_free;

  jc_master_editor_class_set_template (widget_class,
                                       "/io/github/jicai/Jicai/ui/jc-vehicle-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, plate_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, depot_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, speed_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, service_row);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, vehicle_caption);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, depot_caption);
  gtk_widget_class_bind_template_child (widget_class, JcVehicleEditor, schedule_caption);
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

  jc_master_editor_set_text (self->plate_row, v->plate);
  jc_master_editor_set_text (self->capacity_row, capacity);
  jc_master_editor_set_text (self->depot_row, v->depot);
  if (with_position)
    {
      jc_master_editor_set_text (self->lat_row, lat);
      jc_master_editor_set_text (self->lon_row, lon);
    }
  jc_master_editor_set_text (self->start_time_row, start);
  jc_master_editor_set_text (self->speed_row, speed);
  jc_master_editor_set_text (self->service_row, service);
  gtk_switch_set_active (self->active_switch, v->active);
}

static void
jc_vehicle_editor_init (JcVehicleEditor *self)
{
  JcForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  form = jc_master_editor_get_form (EDITOR (self));
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
  jc_master_editor_set_title (EDITOR (self), _("New Vehicle"), NULL);
  jc_master_editor_start (EDITOR (self));
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

  jc_master_editor_set_store (EDITOR (self), store);
  if (vehicle != NULL)
    {
      self->original = jc_vehicle_copy (vehicle);
      fill (self, vehicle, TRUE);
      jc_master_editor_set_title (EDITOR (self), _("Edit Vehicle"), vehicle->plate);
    }
  jc_master_editor_start (EDITOR (self));
  return self;
}
