/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-backup.c: `jicai-cli backup FILE` and `jicai-cli restore FILE` — a
 * copy of the whole database (jc_store_backup(), safe while the app has it
 * open) and putting one back (jc_store_restore(), which keeps the replaced
 * database aside).  Only arguments and output here: the copying, the
 * checks and the naming are the store's. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cli-private.h"

static const CliOption backup_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  CLI_FORCE_OPTION,
  { NULL }
};

static const CliOption restore_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  { "yes", CLI_OPT_FLAG, NULL, N_("restore without asking for confirmation"), FALSE, 'y' },
  { NULL }
};

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  cli_progress_draw (fraction, user_data);
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

static CliExit
run_backup (Cli *cli)
{
  const char *target = cli_arg (cli, 0);
  gboolean tty = isatty (STDERR_FILENO) && !cli_has (cli, "json");
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  label = g_strdup (_("Copying the database"));
  ok = jc_store_backup (store, target, cli_has (cli, "force"), tty ? on_progress_cb : NULL,
                        label, &error);
  if (tty)
    cli_progress_clear ();
  if (!ok)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) doc = cJSON_CreateObject ();

      cJSON_AddStringToObject (doc, "database", jc_store_get_path (store));
      cJSON_AddStringToObject (doc, "backup", target);
      cli_json_add_int (doc, "schema_version", jc_store_get_schema_version (store));
      cli_json_add_int (doc, "bytes", file_size (target));
      return cli_json_print (cli, doc) ? CLI_EXIT_OK : CLI_EXIT_FAILED;
    }
  printf (_("Backed up “%s” to “%s”.\n"), jc_store_get_path (store), target);
  return CLI_EXIT_OK;
}

static CliExit
run_restore (Cli *cli)
{
  const char *source = cli_arg (cli, 0);
  g_autofree char *db_path = cli_dup_db_path (cli);
  gboolean tty = isatty (STDERR_FILENO) && !cli_has (cli, "json");
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *label = NULL;
  int version = 0;
  gboolean ok;

  /* Checked before asking: a file that is not a backup is refused at once
   * (jc_store_restore() checks again). */
  if (!jc_store_inspect_backup (db_path, source, &version, &error))
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  if (g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *question = NULL;
      g_autofree char *not_done = NULL;

      question = g_strdup_printf (_("Replace the database “%s” by the backup “%s”? The current "
                                    "database is kept aside."), db_path, source);
      not_done = g_strdup_printf (_("“%s” was not restored"), source);
      if (!cli_confirm (cli, question, not_done))
        return CLI_EXIT_FAILED;
    }
  label = g_strdup (_("Restoring the database"));
  ok = jc_store_restore (db_path, source, tty ? on_progress_cb : NULL, label, &aside, &version,
                         &error);
  if (tty)
    cli_progress_clear ();
  if (!ok)
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) doc = cJSON_CreateObject ();

      cJSON_AddStringToObject (doc, "database", db_path);
      cJSON_AddStringToObject (doc, "restored_from", source);
      cli_json_add_int (doc, "backup_schema_version", version);
      cli_json_add_int (doc, "schema_version", JC_STORE_SCHEMA_VERSION);
      cli_json_add_str_or_null (doc, "kept_aside", aside, FALSE);
      return cli_json_print (cli, doc) ? CLI_EXIT_OK : CLI_EXIT_FAILED;
    }
  printf (_("Restored “%s” into “%s”.\n"), source, db_path);
  if (version < JC_STORE_SCHEMA_VERSION)
    printf (_("The backup had schema version %d; it was upgraded to %d.\n"), version,
            JC_STORE_SCHEMA_VERSION);
  if (aside != NULL)
    printf (_("The replaced database was kept as “%s”.\n"), aside);
  return CLI_EXIT_OK;
}

const CliCommand cli_backup_command = {
  NULL, "backup", "FILE [--force] [--json]",
  N_("Copy the whole database into a new file, also while the app has it open."),
  N_("The copy is the database as it was when the command started. It is written under a "
     "temporary name beside FILE and renamed when complete, so FILE is never a partial copy. "
     "An existing FILE is replaced only with --force; the database itself never."),
  "FILE", 1, 1, backup_options, run_backup
};

const CliCommand cli_restore_command = {
  NULL, "restore", "FILE [--yes] [--json]",
  N_("Replace the database by a backup, keeping the current one aside."),
  N_("FILE must be a sound jicai database of a schema version this jicai knows; anything else "
     "is refused and nothing changes. The current database is first copied to "
     "DATABASE.before-restore-YYYYMMDD-HHMMSS, then replaced in one transaction; a backup "
     "of an older version is upgraded. Asks first; without a terminal it needs --yes."),
  "FILE", 1, 1, restore_options, run_restore
};
