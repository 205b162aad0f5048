/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-deliver.c: `jicai-cli deliver` (the delivery plan of a date: shown
 * when saved, else built from the locked purchase plan; --optimise builds
 * it again), its documents (--pdf), the detour factor (--detour), and
 * `deliver matrix import FILE | clear`.
 *
 * The solver runs 5 seconds of wall time by default (--seconds); with
 * --iterations it stops after that many iterations instead, which gives
 * the same plan for the same --seed on any machine. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-delivery-doc.h"
#include "jc-orders.h"
#include "jc-units.h"

static const CliOption deliver_options[] = {
  { "date", CLI_OPT_VALUE, "DATE", N_("the delivery date, YYYY-MM-DD"), FALSE },
  CLI_JSON_OPTION,
  { "pdf", CLI_OPT_VALUE, "FILE", N_("also write the delivery documents as a PDF (A4)"), FALSE },
  CLI_FORCE_OPTION,
  { "docs", CLI_OPT_VALUE, "LIST",
    N_("which documents go into the PDF: sheets,picking,notes (default: all)"), FALSE },
  { "optimise", CLI_OPT_FLAG, NULL,
    N_("build the plan again with the solver, replacing the saved one"), FALSE },
  { "seconds", CLI_OPT_VALUE, "S", N_("solver time limit in seconds of wall time (default 5)"),
    FALSE },
  { "iterations", CLI_OPT_VALUE, "N",
    N_("solver iteration limit instead of a time limit (repeatable results)"), FALSE },
  { "seed", CLI_OPT_VALUE, "N", N_("solver random seed (default 1)"), FALSE },
  { "detour", CLI_OPT_VALUE, "FACTOR",
    N_("store the detour factor applied to great-circle distances (e.g. 1.3)"), FALSE },
  { NULL }
};

static const CliOption matrix_options[] = {
  { NULL }
};

/* ---- output ----------------------------------------------------------- */

static cJSON *
stop_to_json (const JcDeliveryStop *s)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *lines = cJSON_AddArrayToObject (o, "lines");

  cJSON_AddStringToObject (o, "canteen", s->canteen_code ? s->canteen_code : "");
  cJSON_AddStringToObject (o, "name", s->canteen_name ? s->canteen_name : "");
  cJSON_AddNumberToObject (o, "part", s->part);
  cJSON_AddNumberToObject (o, "n_parts", s->n_parts);
  cli_json_add_int (o, "load_g", s->load_g);
  cli_json_add_int (o, "leg_m", s->leg_m);
  cJSON_AddNumberToObject (o, "arrival_s", s->arrival_s);
  cJSON_AddNumberToObject (o, "start_s", s->start_s);
  cJSON_AddNumberToObject (o, "window_start", s->window_start);
  cJSON_AddNumberToObject (o, "window_end", s->window_end);
  cJSON_AddBoolToObject (o, "late", s->late);
  for (guint i = 0; i < s->lines->len; i++)
    {
      const JcDeliveryLine *l = s->lines->pdata[i];
      cJSON *lj = cJSON_CreateObject ();

      cJSON_AddStringToObject (lj, "item", l->item_code ? l->item_code : "");
      cli_json_add_int (lj, "qty_milli", l->qty_milli);
      cJSON_AddStringToObject (lj, "unit", jc_base_unit_to_string (l->base_unit));
      cli_json_add_int (lj, "mass_g", l->mass_g);
      cJSON_AddItemToArray (lines, lj);
    }
  return o;
}

static cJSON *
plan_to_json (const JcDeliveryPlan *plan)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *routes, *unassigned;

  cJSON_AddStringToObject (o, "date", plan->date);
  cli_json_add_str_or_null (o, "saved_at", plan->saved_at, TRUE);
  cli_json_add_str_or_null (o, "saved_by", plan->saved_by, TRUE);
  cJSON_AddBoolToObject (o, "edited", plan->edited);
  cJSON_AddNumberToObject (o, "solve_seconds", plan->solve_seconds);
  cJSON_AddNumberToObject (o, "detour_permille", plan->detour_permille);
  cJSON_AddBoolToObject (o, "from_matrix", plan->from_matrix);
  cJSON_AddBoolToObject (o, "stale", plan->stale);
  cli_json_add_int (o, "distance_m", plan->distance_m);
  cli_json_add_int (o, "load_g", plan->load_g);
  cJSON_AddNumberToObject (o, "n_late", plan->n_late);
  cli_json_add_int (o, "overload_g", plan->overload_g);
  routes = cJSON_AddArrayToObject (o, "routes");
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      cJSON *rj = cJSON_CreateObject ();
      cJSON *stops;

      cJSON_AddStringToObject (rj, "vehicle", route->plate);
      cli_json_add_int (rj, "capacity_kg", route->capacity_kg);
      cJSON_AddStringToObject (rj, "depot", route->depot ? route->depot : "");
      cJSON_AddNumberToObject (rj, "depart_s", route->depart_s);
      cJSON_AddNumberToObject (rj, "return_s", route->return_s);
      cli_json_add_int (rj, "distance_m", route->distance_m);
      cli_json_add_int (rj, "load_g", route->load_g);
      cli_json_add_int (rj, "overload_g", route->overload_g);
      cJSON_AddNumberToObject (rj, "n_late", route->n_late);
      stops = cJSON_AddArrayToObject (rj, "stops");
      for (guint s = 0; s < route->stops->len; s++)
        cJSON_AddItemToArray (stops, stop_to_json (route->stops->pdata[s]));
      cJSON_AddItemToArray (routes, rj);
    }
  unassigned = cJSON_AddArrayToObject (o, "unassigned");
  for (guint s = 0; s < plan->unassigned->len; s++)
    cJSON_AddItemToArray (unassigned, stop_to_json (plan->unassigned->pdata[s]));
  cli_json_add_ptr_array (o, "no_mass", plan->no_mass);
  return o;
}

static char *
kg (gint64 g)
{
  return jc_format_decimal (g, 3, 1);
}

static void
add_stop_row (CliTable             *t,
              const char           *number,
              const JcDeliveryStop *s)
{
  g_autofree char *name = s->n_parts > 1
    /* TRANSLATORS: a canteen's code and name, and which part of its load */
    ? g_strdup_printf (_("%s %s (part %d of %d)"), s->canteen_code, s->canteen_name, s->part,
                       s->n_parts)
    : g_strdup_printf ("%s %s", s->canteen_code, s->canteen_name);
  g_autofree char *window = g_strdup_printf ("%02d:%02d-%02d:%02d", s->window_start / 60,
                                             s->window_start % 60, s->window_end / 60,
                                             s->window_end % 60);
  g_autofree char *arr = jc_format_clock (s->start_s);
  g_autofree char *arrival = s->late ? g_strdup_printf ("%s %s", arr, _("LATE")) : g_strdup (arr);
  g_autofree char *load = kg (s->load_g);
  g_autofree char *leg = jc_format_km (s->leg_m);

  cli_table_add (t, number, name, window, arrival, load, leg);
}

static void
print_plan (const JcDeliveryPlan *plan)
{
  g_autofree char *total_km = jc_format_km (plan->distance_m);
  g_autofree char *total_kg = kg (plan->load_g);

  if (plan->saved_at == NULL)
    printf (_("Delivery plan for %s\n"), plan->date);
  else if (plan->edited)
    printf (_("Delivery plan for %s (saved %s by %s, edited by hand)\n"), plan->date,
            plan->saved_at, plan->saved_by ? plan->saved_by : "");
  else
    printf (_("Delivery plan for %s (saved %s by %s)\n"), plan->date, plan->saved_at,
            plan->saved_by ? plan->saved_by : "");
  if (plan->stale)
    printf ("%s\n", _("The purchase plan has changed since this delivery plan was saved: "
                      "run with --optimise to build it again."));
  printf (_("Distances: %s; detour factor %d.%03d\n"),
          plan->from_matrix ? _("the imported matrix") : _("great circle × detour factor"),
          plan->detour_permille / 1000, plan->detour_permille % 1000);
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      g_autoptr(CliTable) t = cli_table_new (6);
      g_autofree char *dep = jc_format_clock (route->depart_s);
      g_autofree char *ret = jc_format_clock (route->return_s);
      g_autofree char *rkm = jc_format_km (route->distance_m);
      g_autofree char *rkg = kg (route->load_g);

      printf ("\n");
      if (route->overload_g > 0)
        {
          g_autofree char *over = kg (route->overload_g);

          printf (ngettext ("%s (%lld kg, %s): %u stop, %s kg, %s km, departs %s, back %s, "
                            "OVERLOADED by %s kg\n",
                            "%s (%lld kg, %s): %u stops, %s kg, %s km, departs %s, back %s, "
                            "OVERLOADED by %s kg\n", route->stops->len),
                  route->plate, (long long) route->capacity_kg, route->depot, route->stops->len,
                  rkg, rkm, dep, ret, over);
        }
      else
        printf (ngettext ("%s (%lld kg, %s): %u stop, %s kg, %s km, departs %s, back %s\n",
                          "%s (%lld kg, %s): %u stops, %s kg, %s km, departs %s, back %s\n",
                          route->stops->len),
                route->plate, (long long) route->capacity_kg, route->depot, route->stops->len,
                rkg, rkm, dep, ret);
      if (route->stops->len == 0)
        continue;
      cli_table_set_right (t, 0);
      cli_table_set_right (t, 4);
      cli_table_set_right (t, 5);
      cli_table_add (t, "#", _("canteen"), _("window"), _("arrival"), _("load kg"), _("leg km"));
      for (guint s = 0; s < route->stops->len; s++)
        {
          g_autofree char *n = g_strdup_printf ("%u", s + 1);

          add_stop_row (t, n, route->stops->pdata[s]);
        }
      cli_table_print (t, stdout);
    }
  if (plan->unassigned->len > 0)
    {
      g_autoptr(CliTable) t = cli_table_new (6);

      printf ("\n%s\n", _("Not assigned (the fleet cannot carry or reach them in time):"));
      for (guint s = 0; s < plan->unassigned->len; s++)
        add_stop_row (t, "-", plan->unassigned->pdata[s]);
      cli_table_print (t, stdout);
    }
  if (plan->no_mass->len > 0)
    {
      g_autofree char *codes = NULL;

      g_ptr_array_add (plan->no_mass, NULL);
      codes = g_strjoinv (", ", (char **) plan->no_mass->pdata);
      g_ptr_array_remove_index (plan->no_mass, plan->no_mass->len - 1);
      printf ("\n%s %s\n", _("Counted as 0 kg (pieces without a piece mass):"), codes);
    }
  printf ("\n");
  printf (_("Total: %s km, %s kg, %d late, %u unassigned.\n"), total_km, total_kg, plan->n_late,
          plan->unassigned->len);
}

/* ---- deliver ------------------------------------------------------------- */

static gboolean
parse_docs (Cli            *cli,
            JcDeliveryDocs *out)
{
  const char *text = cli_get (cli, "docs");
  g_auto(GStrv) words = NULL;

  *out = JC_DELIVERY_DOC_ALL;
  if (text == NULL)
    return TRUE;
  *out = 0;
  words = g_strsplit (text, ",", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = g_strstrip (words[i]);

      if (g_str_equal (w, "sheets"))
        *out |= JC_DELIVERY_DOC_ROUTE_SHEETS;
      else if (g_str_equal (w, "picking"))
        *out |= JC_DELIVERY_DOC_PICKING_LISTS;
      else if (g_str_equal (w, "notes"))
        *out |= JC_DELIVERY_DOC_NOTES;
      else if (g_str_equal (w, "all"))
        *out |= JC_DELIVERY_DOC_ALL;
      else
        {
          cli_error (cli, _("docs: “%s” is not one of sheets, picking, notes"), w);
          return FALSE;
        }
    }
  if (*out == 0)
    {
      cli_error (cli, _("docs: name at least one of sheets, picking, notes"));
      return FALSE;
    }
  return TRUE;
}

static void
on_progress (double                  fraction,
             const JcRouteSolution  *best,
             gpointer                user_data)
{
  g_autofree char *label = NULL;

  if (best == NULL)
    return;
  label = g_strdup_printf (_("solving: %.1f km"), best->distance / 1000.0);
  cli_progress_draw (fraction, label);
}

static CliExit
run_deliver (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  const char *pdf = cli_get (cli, "pdf");
  const char *detour_text = cli_get (cli, "detour");
  gboolean json = cli_has (cli, "json");
  gboolean ok = TRUE, has_date = cli_has (cli, "date");
  JcRouteOptions options;
  JcDeliveryDocs docs;
  gint64 seed = 1, iterations = 0, detour = 0, tenths;
  char date[11] = "";

  jc_route_options_init (&options);
  if (has_date)
    ok = cli_opt_date (cli, "date", date);
  if (pdf != NULL && *pdf == '\0')
    {
      cli_error (cli, _("pdf: a file name is required"));
      ok = FALSE;
    }
  ok = parse_docs (cli, &docs) && ok;
  if (cli_has (cli, "seconds"))
    {
      g_autoptr(GError) e = NULL;

      if (!jc_parse_decimal (cli_get (cli, "seconds"), 1, &tenths, &e) || tenths < 1 ||
          tenths > 36000)
        {
          cli_error (cli, _("seconds: “%s” is not a time from 0.1 to 3600 seconds"),
                     cli_get (cli, "seconds"));
          ok = FALSE;
        }
      else
        options.seconds = tenths / 10.0;
    }
  if (cli_has (cli, "iterations"))
    {
      if (cli_opt_int_labeled (cli, "iterations", "iterations", 1, G_GINT64_CONSTANT (1000000000000),
                               &iterations))
        {
          options.max_iterations = (guint64) iterations;
          if (!cli_has (cli, "seconds"))
            options.seconds = 0;
        }
      else
        ok = FALSE;
    }
  if (cli_has (cli, "seed"))
    {
      if (cli_opt_int_labeled (cli, "seed", "seed", 0, G_MAXINT64, &seed))
        options.seed = (guint64) seed;
      else
        ok = FALSE;
    }
  if (detour_text != NULL)
    {
      g_autoptr(GError) e = NULL;

      if (!jc_parse_decimal (detour_text, 3, &detour, &e) || detour < JC_DELIVERY_DETOUR_MIN ||
          detour > JC_DELIVERY_DETOUR_MAX)
        {
          cli_error (cli, _("detour: “%s” is not a factor from 1 to 5 (e.g. 1.3)"), detour_text);
          ok = FALSE;
        }
    }
  if (!has_date && detour_text == NULL)
    return cli_usage_error (cli, _("--date is required (or --detour alone to set the detour "
                                   "factor)"));
  if (!ok)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL || !cli_check_outputs (cli, "pdf", NULL))
    return CLI_EXIT_FAILED;
  if (detour_text != NULL)
    {
      if (!jc_delivery_set_detour_permille (store, (int) detour, &error))
        return cli_fail (cli, error);
      if (!json)
        printf (_("Detour factor set to %d.%03d.\n"), (int) detour / 1000, (int) detour % 1000);
      if (!has_date)
        return CLI_EXIT_OK;
    }

  if (!cli_has (cli, "optimise"))
    {
      plan = jc_delivery_load (store, date, &error);
      if (error != NULL)
        return cli_fail (cli, error);
    }
  if (plan == NULL)
    {
      gboolean tty = isatty (STDERR_FILENO);

      plan = jc_delivery_build (store, date, &options, g_get_user_name (), NULL,
                                tty ? on_progress : NULL, NULL, &error);
      if (tty)
        cli_progress_clear ();
      if (plan == NULL)
        return cli_fail (cli, error);
    }
  if (pdf != NULL && !jc_delivery_export_pdf (plan, docs, pdf, cli_output_flags (cli), &error))
    return cli_fail (cli, error);
  pending = jc_orders_list_pending_late (store, date, &error);
  if (pending == NULL)
    return cli_fail (cli, error);
  if (json)
    {
      g_autoptr(cJSON) o = plan_to_json (plan);
      cJSON *late = cJSON_CreateArray ();

      /* the late orders that are not in the locked plan, so not delivered */
      for (guint i = 0; i < pending->len; i++)
        cJSON_AddItemToArray (late, cJSON_CreateString (
          ((JcOrder *) g_ptr_array_index (pending, i))->canteen_code));
      cJSON_AddItemToObject (o, "late_orders_not_in", late);
      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
      return CLI_EXIT_OK;
    }
  print_plan (plan);
  if (pending->len > 0)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < pending->len; i++)
        g_string_append_printf (codes, "%s%s", i ? ", " : "",
                                ((JcOrder *) g_ptr_array_index (pending, i))->canteen_code);
      printf (ngettext ("Not delivered: %u late order is not in the locked plan (%s); settle it "
                        "on the plan first (plan supplement, orders decline or plan reopen).\n",
                        "Not delivered: %u late orders are not in the locked plan (%s); settle "
                        "them on the plan first (plan supplement, orders decline or plan "
                        "reopen).\n", pending->len),
              pending->len, codes->str);
    }
  if (pdf != NULL)
    printf (_("Wrote %s\n"), pdf);
  return CLI_EXIT_OK;
}

/* ---- deliver matrix ------------------------------------------------------ */

static CliExit
run_matrix (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action = cli_arg (cli, 0);

  if (g_str_equal (action, "import"))
    {
      const char *path = cli_arg (cli, 1);
      guint n = 0;

      if (path == NULL)
        return cli_usage_error (cli, _("import needs the FILE"));
      store = cli_open_store (cli, FALSE);
      if (store == NULL)
        return CLI_EXIT_FAILED;
      if (!jc_delivery_import_matrix (store, path, &n, &error))
        {
          g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

          for (guint i = 0; lines[i] != NULL; i++)
            cli_error (cli, "%s", lines[i]);
          return CLI_EXIT_FAILED;
        }
      printf (ngettext ("Imported %u distance pair.\n", "Imported %u distance pairs.\n", n), n);
      return CLI_EXIT_OK;
    }
  if (g_str_equal (action, "clear"))
    {
      if (cli_arg (cli, 1) != NULL)
        return cli_usage_error (cli, _("clear takes no FILE"));
      store = cli_open_store (cli, FALSE);
      if (store == NULL)
        return CLI_EXIT_FAILED;
      if (!jc_delivery_clear_matrix (store, &error))
        return cli_fail (cli, error);
      printf ("%s\n", _("Cleared the distance matrix."));
      return CLI_EXIT_OK;
    }
  return cli_usage_error (cli, _("unknown action “%s” (known: import, clear)"), action);
}

const CliCommand cli_deliver_command = {
  NULL, "deliver",
  "--date DATE [--json] [--pdf FILE] [--force] [--docs sheets,picking,notes] [--optimise] "
  "[--seconds S] "
  "[--iterations N] [--seed N] [--detour FACTOR]",
  N_("Show the delivery plan of a date: routes, loads, times; route sheets, picking lists and "
     "delivery notes."),
  N_("The saved plan is shown when there is one (re-evaluated against the vehicles, canteens and "
     "distances as they are now); otherwise, or with --optimise, it is built from the locked "
     "purchase plan and saved. The solver runs 5 s of wall time, or --iterations N for the same "
     "result with the same --seed everywhere. Distances come from the imported matrix (“deliver "
     "matrix import”), else the great-circle distance × the detour factor (--detour, default "
     "1.3)."),
  NULL, 0, 0, deliver_options, run_deliver
};

const CliCommand cli_deliver_commands[] = {
  { "deliver", "matrix", "import FILE | clear",
    N_("Import the distance/time matrix from a CSV file, or clear it."),
    N_("The header is from,to,distance_m[,time_s]; from and to are canteen codes or depot:NAME "
       "for a vehicle's depot. Every bad line is reported with its line number and then nothing "
       "is stored; an import replaces the matrix."),
    "ACTION [FILE]", 1, 2, matrix_options, run_matrix },
  { NULL }
};
