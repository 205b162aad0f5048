/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jicai-cli: the command line.  Sets up the locale, reads the global
 * options, finds the command and runs it.  The contract (commands, JSON
 * fields, exit statuses) is docs/cli.md; the commands are in cli-*.c. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cli-private.h"

typedef struct {
  const char       *name;
  const CliCommand *commands;
} CliGroup;

static const CliGroup groups[] = {
  { "catalog", cli_catalog_commands },
  { "canteens", cli_canteens_commands },
  { "vehicles", cli_vehicles_commands },
  { "sources", cli_sources_commands },
  { "prices", cli_prices_commands },
  { "orders", cli_orders_commands },
  { "plan", cli_plan_commands },
  { "purchases", cli_purchases_commands },
  { "deliver", cli_deliver_commands },
  { "route", cli_route_commands },
  { "calendar", cli_calendar_commands },
  { "users", cli_users_commands },
};

/* Commands of one word.  "plan" is both: "plan --date D" shows the plan,
 * "plan lock …" is a command of the group. */
static const CliCommand *const singles[] = {
  &cli_init_command,
  &cli_plan_command,
  &cli_statement_command,
  &cli_report_command,
  &cli_dashboard_command,
  &cli_deliver_command,
  &cli_backup_command,
  &cli_restore_command,
};

static void
print_help (void)
{
  g_autofree char *default_path = jc_store_default_path ();
  g_autoptr(CliTable) commands = cli_table_new (2);
  g_autoptr(CliTable) options = cli_table_new (2);

  printf (_("Usage: %s [--db PATH] COMMAND [ARGUMENT…] [OPTION…]\n"), CLI_PROGRAM);
  printf ("\n%s\n", _("jicai (集采): centralized procurement of canteen raw materials."));
  printf ("\n%s\n", _("Commands:"));
  for (guint s = 0; s < G_N_ELEMENTS (singles); s++)
    {
      g_autofree char *words = g_strdup_printf ("  %s", singles[s]->name);

      cli_table_add (commands, words, _(singles[s]->summary));
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (const CliCommand *c = groups[g].commands; c->name != NULL; c++)
      {
        g_autofree char *words = g_strdup_printf ("  %s %s", c->group, c->name);

        cli_table_add (commands, words, _(c->summary));
      }
  cli_table_print (commands, stdout);
  printf ("\n%s\n", _("Options:"));
  cli_table_add (options, "  --db PATH", _("the database file (default: $JICAI_DB, else below)"));
  cli_table_add (options, "  --version", _("print the version and exit"));
  cli_table_add (options, "  -h, --help", _("show this help and exit"));
  cli_table_print (options, stdout);
  printf ("\n");
  printf (_("Run “%s COMMAND --help” for the options of a command.\n"), CLI_PROGRAM);
  printf (_("Default database: %s\n"), default_path);
  printf ("%s\n", _("Exit status: 0 success; 1 failure (a bad value, a refusal, not found); "
                    "2 usage error."));
}

static const CliCommand *
find_command (const CliCommand *commands,
              const char       *name)
{
  for (const CliCommand *c = commands; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  return NULL;
}

static char *
list_names (const CliCommand *commands)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (const CliCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", c->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Finds the command named at argv[*i] (and argv[*i + 1] for a group),
 * moving *i past the words.  NULL: help was printed or a usage problem
 * reported; *out_exit says which. */
static const CliCommand *
resolve_command (Cli      *cli,
                 int       argc,
                 char    **argv,
                 int      *i,
                 CliExit  *out_exit)
{
  const char *word = argv[*i];

  *out_exit = CLI_EXIT_OK;
  for (guint s = 0; s < G_N_ELEMENTS (singles); s++)
    {
      const char *sub = *i + 1 < argc ? argv[*i + 1] : NULL;
      gboolean group_word = FALSE;

      if (!g_str_equal (word, singles[s]->name))
        continue;
      /* a word after it that is not an option names a subcommand */
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        if (g_str_equal (word, groups[g].name) && sub != NULL && sub[0] != '-')
          group_word = TRUE;
      if (group_word)
        break;
      *i += 1;
      return singles[s];
    }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      const CliCommand *command;
      const char *sub;
      g_autofree char *names = NULL;

      if (!g_str_equal (word, groups[g].name))
        continue;
      cli->what = g_strdup (word);
      sub = *i + 1 < argc ? argv[*i + 1] : NULL;
      if (sub != NULL && (g_str_equal (sub, "--help") || g_str_equal (sub, "-h")))
        {
          cli_print_group_help (word, groups[g].commands);
          return NULL;
        }
      names = list_names (groups[g].commands);
      if (sub == NULL || sub[0] == '-')
        {
          *out_exit = cli_usage_error (cli, _("a subcommand is required (%s)"), names);
          return NULL;
        }
      command = find_command (groups[g].commands, sub);
      if (command == NULL)
        {
          *out_exit = cli_usage_error (cli, _("unknown subcommand “%s” (known: %s)"), sub, names);
          return NULL;
        }
      *i += 2;
      return command;
    }
  *out_exit = cli_usage_error (cli, _("unknown command “%s”"), word);
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("JICAI_LOCALEDIR");
  const CliCommand *command;
  CliExit status = CLI_EXIT_OK;
  Cli cli = { 0 };
  int i;

  /* libcurl's global state, once, before any thread starts (prices fetch
   * runs the transfers in a worker thread). */
  if (curl_global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    {
      fprintf (stderr, "%s: could not initialise libcurl\n", CLI_PROGRAM);
      return CLI_EXIT_FAILED;
    }
  setlocale (LC_ALL, "");
  /* Numbers in JSON, tables and messages always use a decimal point. */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (CLI_PROGRAM);

  cli.values = g_hash_table_new (g_str_hash, g_str_equal);
  cli.lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
  cli.args = g_ptr_array_new ();

  for (i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_str_equal (a, "--help") || g_str_equal (a, "-h"))
        {
          print_help ();
          goto out;
        }
      if (g_str_equal (a, "--version"))
        {
          printf ("%s %s\n", CLI_PROGRAM, PACKAGE_VERSION);
          goto out;
        }
      if (g_str_equal (a, "--db") || g_str_has_prefix (a, "--db="))
        {
          const char *value = a[4] == '=' ? a + 5 : (i + 1 < argc ? argv[++i] : NULL);

          if (value == NULL || *value == '\0')
            {
              status = cli_usage_error (&cli, _("option “--db” needs a path"));
              goto out;
            }
          g_free (cli.db_path);
          cli.db_path = g_strdup (value);
          continue;
        }
      if (a[0] == '-')
        {
          status = cli_usage_error (&cli, _("unknown option “%s”"), a);
          goto out;
        }
      break;
    }
  if (i >= argc)
    {
      status = cli_usage_error (&cli, _("a command is required"));
      goto out;
    }

  command = resolve_command (&cli, argc, argv, &i, &status);
  if (command == NULL)
    goto out;
  g_free (cli.what);
  cli.what = command->group != NULL ? g_strdup_printf ("%s %s", command->group, command->name)
                                    : g_strdup (command->name);
  if (!cli_parse_command (&cli, command, argc - i, argv + i, &status))
    goto out;
  status = command->run (&cli);

out:
  status = cli_finish_output (&cli, status);
  g_free (cli.db_path);
  g_free (cli.what);
  g_hash_table_unref (cli.values);
  g_hash_table_unref (cli.lists);
  g_ptr_array_unref (cli.args);
  curl_global_cleanup ();
  return (int) status;
}
