/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-calendar.c: `jicai-cli calendar list|add|remove` — the office
 * calendar's holidays and 调休 working weekends. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>

#include "cli-private.h"
#include "jc-calendar.h"
#include "jc-date.h"
#include "jc-error.h"

static const CliOption list_options[] = {
  { "from", CLI_OPT_VALUE, "DATE", N_("the first date listed (YYYY-MM-DD)"), FALSE },
  { "to", CLI_OPT_VALUE, "DATE", N_("the last date listed (YYYY-MM-DD)"), FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption add_options[] = {
  { "holiday", CLI_OPT_FLAG, NULL, N_("the office does not work on this weekday"), FALSE },
  { "workday", CLI_OPT_FLAG, NULL, N_("the office works on this Saturday or Sunday (调休)"), FALSE },
  { "name", CLI_OPT_VALUE, "TEXT", N_("what the day is, e.g. 国庆节 (up to 40 characters)"), FALSE },
  { NULL }
};

static const char *
kind_display (JcCalendarKind kind)
{
  return kind == JC_CALENDAR_WORKDAY ? _("workday (调休)") : _("holiday");
}

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  char from[11] = "", to[11] = "";
  gboolean has_from = cli_opt_date (cli, "from", from);
  gboolean has_to = cli_opt_date (cli, "to", to);

  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;
  if (has_from && has_to && g_strcmp0 (from, to) > 0)
    {
      cli_error (cli, _("--from %s is after --to %s"), from, to);
      return CLI_EXIT_FAILED;
    }
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  entries = jc_store_list_calendar (store, has_from ? from : NULL, has_to ? to : NULL, &error);
  if (entries == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < entries->len; i++)
        {
          JcCalendarEntry *e = g_ptr_array_index (entries, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "date", e->date);
          cJSON_AddStringToObject (o, "kind", jc_calendar_kind_to_string (e->kind));
          cJSON_AddStringToObject (o, "name", e->name);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (3);
      g_autofree char *count = NULL;

      if (entries->len > 0)
        cli_table_add (table, _("date"), _("kind"), _("name"));
      for (guint i = 0; i < entries->len; i++)
        {
          JcCalendarEntry *e = g_ptr_array_index (entries, i);

          cli_table_add (table, e->date, kind_display (e->kind), e->name);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u calendar entry", "%u calendar entries", entries->len),
                               entries->len);
      printf ("%s\n", count);
      if (entries->len == 0)
        printf ("%s\n", _("Working days are Monday to Friday. Add a holiday or a 调休 workday "
                          "with “jicai-cli calendar add DATE --holiday|--workday”."));
    }
  return CLI_EXIT_OK;
}

static CliExit
run_add (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *date = cli_arg (cli, 0);
  gboolean holiday = cli_has (cli, "holiday");
  gboolean workday = cli_has (cli, "workday");
  JcCalendarKind kind;

  if (holiday && workday)
    return cli_usage_error (cli, _("options “--holiday” and “--workday” exclude each other"));
  if (!holiday && !workday)
    return cli_usage_error (cli, _("say what the day is: “--holiday” (a weekday off) or "
                                   "“--workday” (a 调休 Saturday or Sunday worked)"));
  kind = holiday ? JC_CALENDAR_HOLIDAY : JC_CALENDAR_WORKDAY;
  if (!jc_date_check (_("date"), date, &error))
    return cli_fail (cli, error);
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_calendar_add_entry (store, date, kind, cli_get (cli, "name"), &error))
    return cli_fail (cli, error);
  if (kind == JC_CALENDAR_HOLIDAY)
    printf (_("Added holiday %s: the office does not work that day.\n"), date);
  else
    printf (_("Added 调休 workday %s: the office works that day.\n"), date);
  return CLI_EXIT_OK;
}

static CliExit
run_remove (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *date = cli_arg (cli, 0);

  if (!jc_date_check (_("date"), date, &error))
    return cli_fail (cli, error);
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_store_remove_calendar_entry (store, date, &error))
    return cli_fail (cli, error);
  printf (_("Removed the calendar entry of %s.\n"), date);
  return CLI_EXIT_OK;
}

const CliCommand cli_calendar_commands[] = {
  { "calendar", "list", "[--from DATE] [--to DATE] [--json]",
    N_("List the office calendar's holidays and 调休 workdays."),
    N_("Working days are Monday to Friday, except the holidays listed, plus the 调休 "
       "workdays listed. The plan marks a price stale when it is older than the last "
       "working day before delivery, and the default order cutoff falls on that day."),
    NULL, 0, 0, list_options, run_list },
  { "calendar", "add", "DATE --holiday|--workday [--name TEXT]",
    N_("Add a holiday (a weekday off) or a 调休 workday (a weekend day worked)."),
    NULL, "DATE", 1, 1, add_options, run_add },
  { "calendar", "remove", "DATE",
    N_("Remove the calendar entry of a date."),
    NULL, "DATE", 1, 1, NULL, run_remove },
  { NULL }
};
