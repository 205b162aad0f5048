/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-canteens.c: `jicai-cli canteens list|add|edit|remove`. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <string.h>

#include "cli-private.h"
#include "jc-master-save.h"

#define CANTEEN_OPTIONS(required)                                                      \
  { "name", CLI_OPT_VALUE, "NAME", N_("the canteen's name"), required },               \
  { "agency", CLI_OPT_VALUE, "AGENCY", N_("the agency it feeds"), FALSE },             \
  { "address", CLI_OPT_VALUE, "ADDRESS", N_("the delivery address"), FALSE },          \
  { "lat", CLI_OPT_VALUE, "DEGREES", N_("latitude, WGS84, -90 to 90"), required },     \
  { "lon", CLI_OPT_VALUE, "DEGREES", N_("longitude, WGS84, -180 to 180"), required },  \
  { "window", CLI_OPT_VALUE, "HH:MM-HH:MM",                                            \
    N_("delivery window (default 07:00-09:00)"), FALSE },                              \
  { "diners", CLI_OPT_VALUE, "N", N_("diners a day, 0 to 100000"), FALSE }

static const CliOption list_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  { "all", CLI_OPT_FLAG, NULL, N_("include inactive canteens"), FALSE },
  { NULL }
};

static const CliOption add_options[] = {
  CANTEEN_OPTIONS (TRUE),
  { NULL }
};

static const CliOption edit_options[] = {
  CANTEEN_OPTIONS (FALSE),
  { "code", CLI_OPT_VALUE, "NEW-CODE", N_("give the canteen a new code"), FALSE },
  { "active", CLI_OPT_FLAG, NULL, N_("make the canteen active again"), FALSE },
  { "inactive", CLI_OPT_FLAG, NULL, N_("deactivate the canteen; its history stays"), FALSE },
  { NULL }
};

static const char *const edit_changes[] = {
  "name", "agency", "address", "lat", "lon", "window", "diners", "code", "active", "inactive",
  NULL
};

static void
apply_window (Cli        *cli,
              const char *text,
              JcCanteen  *canteen)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  const char *dash = strchr (text, '-');
  int s = 0, e = 0;
  gboolean ok = TRUE;

  if (dash == NULL)
    {
      cli_error (cli, _("%s: “%s” is not a window (HH:MM-HH:MM)"), _("delivery window"), text);
      return;
    }
  start = g_strndup (text, (gsize) (dash - text));
  if (!jc_parse_time_field (JC_FIELD_WINDOW_START, start, &s, &error))
    {
      cli_error_gerror (cli, error);
      g_clear_error (&error);
      ok = FALSE;
    }
  if (!jc_parse_time_field (JC_FIELD_WINDOW_END, dash + 1, &e, &error))
    {
      cli_error_gerror (cli, error);
      ok = FALSE;
    }
  if (ok)
    {
      canteen->window_start = s;
      canteen->window_end = e;
    }
}

/* Applies the options given to `canteen`, reporting every bad value; see
 * apply_options() in cli-catalog.c. */
static void
apply_options (Cli       *cli,
               JcCanteen *canteen)
{
  const char *window = cli_get (cli, "window");
  const char *value;
  int active = cli_active_option (cli);
  gint64 n;
  double d;

  value = cli_get (cli, "code");
  if (value != NULL)
    cli_set_str (&canteen->code, value);
  value = cli_get (cli, "name");
  if (value != NULL)
    cli_set_str (&canteen->name, value);
  value = cli_get (cli, "agency");
  if (value != NULL)
    cli_set_str (&canteen->agency, value);
  value = cli_get (cli, "address");
  if (value != NULL)
    cli_set_str (&canteen->address, value);
  if (cli_opt_degrees (cli, "lat", JC_FIELD_LAT, -90.0, 90.0, &d))
    canteen->lat = d;
  if (cli_opt_degrees (cli, "lon", JC_FIELD_LON, -180.0, 180.0, &d))
    canteen->lon = d;
  if (window != NULL)
    apply_window (cli, window, canteen);
  if (cli_opt_int (cli, "diners", JC_FIELD_DINERS, 0, 100000, &n))
    canteen->diners = (int) n;
  if (active >= 0)
    canteen->active = active == 1;
}

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) canteens = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all = cli_has (cli, "all");

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  canteens = jc_store_list_canteens (store, all, &error);
  if (canteens == NULL)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < canteens->len; i++)
        {
          JcCanteen *c = g_ptr_array_index (canteens, i);
          g_autofree char *start = jc_format_time (c->window_start);
          g_autofree char *end = jc_format_time (c->window_end);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "code", c->code);
          cJSON_AddStringToObject (o, "name", c->name);
          cJSON_AddStringToObject (o, "agency", c->agency);
          cJSON_AddStringToObject (o, "address", c->address);
          cJSON_AddNumberToObject (o, "lat", c->lat);
          cJSON_AddNumberToObject (o, "lon", c->lon);
          cJSON_AddStringToObject (o, "window_start", start);
          cJSON_AddStringToObject (o, "window_end", end);
          cli_json_add_int (o, "diners", c->diners);
          cJSON_AddBoolToObject (o, "active", c->active);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (all ? 8 : 7);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 4);
      cli_table_set_right (table, 5);
      cli_table_set_right (table, 6);
      if (canteens->len > 0)
        cli_table_add (table, _("code"), _("name"), _("agency"), _("window"), _("diners"),
                       _("latitude"), _("longitude"), _("status"));
      for (guint i = 0; i < canteens->len; i++)
        {
          JcCanteen *c = g_ptr_array_index (canteens, i);
          g_autofree char *start = jc_format_time (c->window_start);
          g_autofree char *end = jc_format_time (c->window_end);
          g_autofree char *window = g_strdup_printf ("%s-%s", start, end);
          g_autofree char *diners = g_strdup_printf ("%d", c->diners);
          g_autofree char *lat = g_strdup_printf ("%.6f", c->lat);
          g_autofree char *lon = g_strdup_printf ("%.6f", c->lon);

          cli_table_add (table, c->code, c->name, c->agency, window, diners, lat, lon,
                         c->active ? _("active") : _("inactive"));
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u canteen", "%u canteens", canteens->len),
                               canteens->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static const CliMasterKind canteen_kind = {
  .new_record = (gpointer (*) (void)) jc_canteen_new,
  .free_record = (void (*) (gpointer)) jc_canteen_free,
  .apply = (void (*) (Cli *, gpointer)) apply_options,
  .validate = (gboolean (*) (gconstpointer, GError **)) jc_canteen_validate,
  .get = (gpointer (*) (JcStore *, const char *, GError **)) jc_store_get_canteen,
  .insert = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_canteen,
  .update = (gboolean (*) (JcStore *, gpointer, GError **)) jc_master_save_canteen,
  .delete = jc_store_delete_canteen,
  .edit_changes = edit_changes,
};

static CliExit
run_add (Cli *cli)
{
  g_autoptr(JcCanteen) canteen = jc_canteen_new ();
  CliExit status;

  canteen->code = g_strdup (cli_arg (cli, 0));
  status = cli_master_add (cli, &canteen_kind, canteen);
  if (status != CLI_EXIT_OK)
    return status;
  printf (_("Added canteen %s (%s).\n"), canteen->code, canteen->name);
  return CLI_EXIT_OK;
}

static CliExit
run_edit (Cli *cli)
{
  g_autoptr(JcCanteen) canteen = NULL;
  CliExit status = cli_master_edit (cli, &canteen_kind, (gpointer *) &canteen);

  if (status == CLI_EXIT_OK)
    printf (_("Updated canteen %s.\n"), canteen->code);
  return status;
}

static CliExit
run_remove (Cli *cli)
{
  CliExit status = cli_master_remove (cli, &canteen_kind);

  if (status == CLI_EXIT_OK)
    printf (_("Removed canteen %s.\n"), cli_arg (cli, 0));
  return status;
}

const CliCommand cli_canteens_commands[] = {
  { "canteens", "list", "[--json] [--all]",
    N_("List the canteens (active ones unless --all)."),
    NULL, NULL, 0, 0, list_options, run_list },
  { "canteens", "add", "CODE --name NAME --lat DEGREES --lon DEGREES [OPTION…]",
    N_("Add a canteen."),
    N_("CODE: letters, digits, “-”, “_” and “.”, at most 32 characters."),
    "CODE", 1, 1, add_options, run_add },
  { "canteens", "edit", "CODE [OPTION…]",
    N_("Change a canteen; only the options given change."),
    NULL, "CODE", 1, 1, edit_options, run_edit },
  { "canteens", "remove", "CODE",
    N_("Remove a canteen that has no orders."),
    N_("A canteen with orders cannot be removed; deactivate it with "
       "“canteens edit CODE --inactive” instead."),
    "CODE", 1, 1, NULL, run_remove },
  { NULL }
};
