/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-vehicles.c: `jicai-cli vehicles list|add|edit|remove`. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>

#include "cli-private.h"
#include "jc-master-save.h"

#define VEHICLE_OPTIONS(required)                                                      \
  { "capacity", CLI_OPT_VALUE, "KG", N_("load capacity in kg, 1 to 100000"), required }, \
  { "depot", CLI_OPT_VALUE, "NAME", N_("the depot it leaves from"), FALSE },           \
  { "depot-lat", CLI_OPT_VALUE, "DEGREES", N_("depot latitude, WGS84, -90 to 90"), required }, \
  { "depot-lon", CLI_OPT_VALUE, "DEGREES",                                             \
    N_("depot longitude, WGS84, -180 to 180"), required },                             \
  { "start", CLI_OPT_VALUE, "HH:MM", N_("time it leaves the depot (default 05:30)"), FALSE }, \
  { "speed", CLI_OPT_VALUE, "KMH", N_("mean speed in km/h, 1 to 200 (default 30)"), FALSE }, \
  { "service", CLI_OPT_VALUE, "MIN",                                                   \
    N_("minutes spent at each stop, 0 to 240 (default 15)"), FALSE }

static const CliOption list_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  { "all", CLI_OPT_FLAG, NULL, N_("include inactive vehicles"), FALSE },
  { NULL }
};

static const CliOption add_options[] = {
  VEHICLE_OPTIONS (TRUE),
  { NULL }
};

static const CliOption edit_options[] = {
  VEHICLE_OPTIONS (FALSE),
  { "plate", CLI_OPT_VALUE, "NEW-PLATE", N_("give the vehicle a new plate"), FALSE },
  { "active", CLI_OPT_FLAG, NULL, N_("put the vehicle back in service"), FALSE },
  { "inactive", CLI_OPT_FLAG, NULL, N_("take the vehicle out of service"), FALSE },
  { NULL }
};

static const char *const edit_changes[] = {
  "capacity", "depot", "depot-lat", "depot-lon", "start", "speed", "service", "plate",
  "active", "inactive", NULL
};

/* Applies the options given to `vehicle`, reporting every bad value; see
 * apply_options() in cli-catalog.c. */
static void
apply_options (Cli       *cli,
               JcVehicle *vehicle)
{
  const char *value;
  int active = cli_active_option (cli);
  gint64 n;
  double d;
  int t;

  value = cli_get (cli, "plate");
  if (value != NULL)
    cli_set_str (&vehicle->plate, value);
  if (cli_opt_int (cli, "capacity", JC_FIELD_CAPACITY, 1, 100000, &n))
    vehicle->capacity_kg = n;
  value = cli_get (cli, "depot");
  if (value != NULL)
    cli_set_str (&vehicle->depot, value);
  if (cli_opt_degrees (cli, "depot-lat", JC_FIELD_LAT, -90.0, 90.0, &d))
    vehicle->depot_lat = d;
  if (cli_opt_degrees (cli, "depot-lon", JC_FIELD_LON, -180.0, 180.0, &d))
    vehicle->depot_lon = d;
  if (cli_opt_time (cli, "start", JC_FIELD_START_TIME, &t))
    vehicle->start_time = t;
  if (cli_opt_int (cli, "speed", JC_FIELD_SPEED, 1, 200, &n))
    vehicle->speed_kmh = (int) n;
  if (cli_opt_int (cli, "service", JC_FIELD_SERVICE, 0, 240, &n))
    vehicle->service_min = (int) n;
  if (active >= 0)
    vehicle->active = active == 1;
}

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all = cli_has (cli, "all");

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  vehicles = jc_store_list_vehicles (store, all, &error);
  if (vehicles == NULL)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < vehicles->len; i++)
        {
          JcVehicle *v = g_ptr_array_index (vehicles, i);
          g_autofree char *start = jc_format_time (v->start_time);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "plate", v->plate);
          cli_json_add_int (o, "capacity_kg", v->capacity_kg);
          cJSON_AddStringToObject (o, "depot", v->depot);
          cJSON_AddNumberToObject (o, "depot_lat", v->depot_lat);
          cJSON_AddNumberToObject (o, "depot_lon", v->depot_lon);
          cJSON_AddStringToObject (o, "start_time", start);
          cli_json_add_int (o, "speed_kmh", v->speed_kmh);
          cli_json_add_int (o, "service_min", v->service_min);
          cJSON_AddBoolToObject (o, "active", v->active);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (all ? 9 : 8);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 1);
      cli_table_set_right (table, 3);
      cli_table_set_right (table, 4);
      cli_table_set_right (table, 6);
      cli_table_set_right (table, 7);
      if (vehicles->len > 0)
        cli_table_add (table, _("plate"), _("capacity kg"), _("depot"), _("latitude"),
                       _("longitude"), _("start"), _("km/h"), _("service min"), _("status"));
      for (guint i = 0; i < vehicles->len; i++)
        {
          JcVehicle *v = g_ptr_array_index (vehicles, i);
          g_autofree char *capacity = g_strdup_printf ("%" G_GINT64_FORMAT, v->capacity_kg);
          g_autofree char *lat = g_strdup_printf ("%.6f", v->depot_lat);
          g_autofree char *lon = g_strdup_printf ("%.6f", v->depot_lon);
          g_autofree char *start = jc_format_time (v->start_time);
          g_autofree char *speed = g_strdup_printf ("%d", v->speed_kmh);
          g_autofree char *service = g_strdup_printf ("%d", v->service_min);

          cli_table_add (table, v->plate, capacity, v->depot, lat, lon, start, speed, service,
                         v->active ? _("active") : _("inactive"));
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u vehicle", "%u vehicles", vehicles->len),
                               vehicles->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static const CliMasterKind vehicle_kind = {
  .new_record = (gpointer (*) (void)) jc_vehicle_new,
  .free_record = (void (*) (gpointer)) jc_vehicle_free,
  .apply = (void (*) (Cli *, gpointer)) apply_options,
  .validate = (gboolean (*) (gconstpointer, GError **)) jc_vehicle_validate,
  .get = (gpointer (*) (JcStore *, const char *, GError **)) jc_store_get_vehicle,
  .insert = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_vehicle,
  .update = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_vehicle,
  .delete = jc_store_delete_vehicle,
  .edit_changes = edit_changes,
};

static CliExit
run_add (Cli *cli)
{
  g_autoptr(JcVehicle) vehicle = jc_vehicle_new ();
  CliExit status;

  vehicle->plate = g_strdup (cli_arg (cli, 0));
  status = cli_master_add (cli, &vehicle_kind, vehicle);
  if (status != CLI_EXIT_OK)
    return status;
  printf (_("Added vehicle %s.\n"), vehicle->plate);
  return CLI_EXIT_OK;
}

static CliExit
run_edit (Cli *cli)
{
  g_autoptr(JcVehicle) vehicle = NULL;
  CliExit status = cli_master_edit (cli, &vehicle_kind, (gpointer *) &vehicle);

  if (status == CLI_EXIT_OK)
    printf (_("Updated vehicle %s.\n"), vehicle->plate);
  return status;
}

static CliExit
run_remove (Cli *cli)
{
  CliExit status = cli_master_remove (cli, &vehicle_kind);

  if (status == CLI_EXIT_OK)
    printf (_("Removed vehicle %s.\n"), cli_arg (cli, 0));
  return status;
}

const CliCommand cli_vehicles_commands[] = {
  { "vehicles", "list", "[--json] [--all]",
    N_("List the vehicles (those in service unless --all)."),
    NULL, NULL, 0, 0, list_options, run_list },
  { "vehicles", "add",
    "PLATE --capacity KG --depot-lat DEGREES --depot-lon DEGREES [OPTION…]",
    N_("Add a delivery vehicle; its plate is its key."),
    NULL, "PLATE", 1, 1, add_options, run_add },
  { "vehicles", "edit", "PLATE [OPTION…]",
    N_("Change a vehicle; only the options given change."),
    NULL, "PLATE", 1, 1, edit_options, run_edit },
  { "vehicles", "remove", "PLATE",
    N_("Remove a vehicle."),
    NULL, "PLATE", 1, 1, NULL, run_remove },
  { NULL }
};
