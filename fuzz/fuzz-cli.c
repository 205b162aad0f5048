/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-cli: jicai-cli's option parser (app/cli-args.c) on every command's
 * option table.  The first byte picks the command; the rest, split at NUL
 * bytes, is the argument words.  When the words parse, every option given
 * is read back with the value parsers the commands use (whole numbers,
 * milli-units, degrees, times, dates).  Never runs a command: no store,
 * no files. */
#include "fuzz-common.h"
#include "cli-private.h"
#include "jc-error.h"
#include "jc-units.h"

static const CliCommand *const *commands;
static guint n_commands;

static void
add_commands (GPtrArray        *all,
              const CliCommand *table)
{
  for (const CliCommand *c = table; c->name != NULL; c++)
    g_ptr_array_add (all, (gpointer) c);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  static GPtrArray *all;

  fuzz_init ();
  all = g_ptr_array_new ();
  g_ptr_array_add (all, (gpointer) &cli_init_command);
  g_ptr_array_add (all, (gpointer) &cli_plan_command);
  g_ptr_array_add (all, (gpointer) &cli_statement_command);
  g_ptr_array_add (all, (gpointer) &cli_report_command);
  g_ptr_array_add (all, (gpointer) &cli_dashboard_command);
  g_ptr_array_add (all, (gpointer) &cli_deliver_command);
  add_commands (all, cli_catalog_commands);
  add_commands (all, cli_canteens_commands);
  add_commands (all, cli_vehicles_commands);
  add_commands (all, cli_sources_commands);
  add_commands (all, cli_prices_commands);
  add_commands (all, cli_orders_commands);
  add_commands (all, cli_plan_commands);
  add_commands (all, cli_purchases_commands);
  add_commands (all, cli_deliver_commands);
  add_commands (all, cli_route_commands);
  add_commands (all, cli_calendar_commands);
  commands = (const CliCommand *const *) all->pdata;
  n_commands = all->len;
  return 0;
}

static void
read_values (Cli *cli)
{
  for (const CliOption *o = cli->command->options; o != NULL && o->name != NULL; o++)
    {
      gint64 v;
      double d;
      int t;
      char date[11];

      if (o->kind != CLI_OPT_VALUE || !cli_has (cli, o->name))
        continue;
      cli_opt_int (cli, o->name, JC_FIELD_NONE, 0, 1000000, &v);
      cli_opt_milli (cli, o->name, JC_FIELD_NONE, 0, JC_MAX_MILLI, &v);
      cli_opt_degrees (cli, o->name, JC_FIELD_NONE, -90, 90, &d);
      cli_opt_time (cli, o->name, JC_FIELD_NONE, &t);
      cli_opt_date (cli, o->name, date);
    }
  g_strfreev (cli_dup_list (cli, "alias"));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  Cli cli = { 0 };
  CliExit status;
  gsize start = 1;

  if (size < 1)
    return 0;
  for (gsize i = 1; i <= size; i++)
    if (i == size || data[i] == '\0')
      {
        if (words->len < 64)
          g_ptr_array_add (words, g_strndup ((const char *) data + start, i - start));
        start = i + 1;
      }
  cli.values = g_hash_table_new (g_str_hash, g_str_equal);
  cli.lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
  cli.args = g_ptr_array_new ();
  cli.what = g_strdup ("fuzz");
  if (cli_parse_command (&cli, commands[data[0] % n_commands], (int) words->len,
                         (char **) words->pdata, &status))
    read_values (&cli);
  g_hash_table_unref (cli.values);
  g_hash_table_unref (cli.lists);
  g_ptr_array_unref (cli.args);
  g_free (cli.what);
  g_free (cli.db_path);
  return 0;
}
