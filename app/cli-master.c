/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-master.c: what `catalog`, `canteens`, `vehicles` and `sources` do
 * alike — add, edit and remove one record, checking everything that can be
 * checked before the database is opened, and saving through the domain
 * (jc-master-save.h), which validates before the store writes. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>

#include "cli-private.h"

/* Reports `error` (from the store) and says the command failed. */
static CliExit
store_failed (Cli    *cli,
              GError *error)
{
  cli_error_gerror (cli, error);
  return CLI_EXIT_FAILED;
}

CliExit
cli_master_add (Cli                  *cli,
                const CliMasterKind  *kind,
                gpointer              record)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  kind->apply (cli, record);
  /* Everything that can be checked without the database is checked before
   * it is opened, so a bad value leaves the file exactly as it was. */
  if (cli->n_errors == 0 && !kind->validate (record, &error))
    cli_error_gerror (cli, error);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!kind->insert (store, record, &error))
    return store_failed (cli, error);
  return CLI_EXIT_OK;
}

CliExit
cli_master_edit (Cli                  *cli,
                 const CliMasterKind  *kind,
                 gpointer             *out_record)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gpointer scratch;
  gpointer record;
  CliExit status = cli_check_active (cli);

  *out_record = NULL;
  if (status != CLI_EXIT_OK)
    return status;
  if (!cli_has_any (cli, kind->edit_changes))
    return cli_usage_error (cli, _("nothing to change; give at least one option"));
  /* The values are checked once on a blank record, before the database. */
  scratch = kind->new_record ();
  kind->apply (cli, scratch);
  kind->free_record (scratch);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  record = kind->get (store, cli_arg (cli, 0), &error);
  if (record == NULL)
    return store_failed (cli, error);
  kind->apply (cli, record);
  if (cli->n_errors > 0)
    {
      kind->free_record (record);
      return CLI_EXIT_FAILED;
    }
  if (!kind->update (store, record, &error))
    {
      kind->free_record (record);
      return store_failed (cli, error);
    }
  *out_record = record;
  return CLI_EXIT_OK;
}

CliExit
cli_master_remove (Cli                 *cli,
                   const CliMasterKind *kind)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!kind->delete (store, cli_arg (cli, 0), &error))
    return store_failed (cli, error);
  return CLI_EXIT_OK;
}
