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
#include "jc-db-location.h"
#include "jc-backup.h"

static const CliOption backup_options[] = {
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document"), FALSE },
  CLI_FORCE_OPTION,
  { "daily", CLI_OPT_FLAG, NULL,
    N_("make today's backup in the backup folder unless it exists, and keep only the newest"),
    FALSE },
  { "dir", CLI_OPT_VALUE, "DIR",
    N_("with --daily: the backup folder (default: the office setting, else backups/ beside "
       "the database)"), FALSE },
  { "keep", CLI_OPT_VALUE, "N",
    N_("with --daily: how many daily backups to keep (default: the office setting, else 14)"),
    FALSE },
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

/* `backup --daily`: today's backup and the rotation (core/jc-backup.c). */
static CliExit
run_daily (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JcBackupDaily daily = { 0 };
  gint64 keep = 0;
  CliExit rc = CLI_EXIT_OK;

  if (cli_arg (cli, 0) != NULL)
    return cli_usage_error (cli, _("--daily names its own file; give no FILE"));
  if (cli_get (cli, "keep") != NULL &&
      !cli_opt_int_labeled (cli, "keep", "keep", 1, JC_BACKUP_KEEP_MAX, &keep))
    return CLI_EXIT_USAGE;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_backup_daily (store, cli_get (cli, "dir"), (int) keep, &daily, &error))
    return cli_fail (cli, error);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) doc = cJSON_CreateObject ();

      cJSON_AddStringToObject (doc, "database", jc_store_get_path (store));
      cJSON_AddStringToObject (doc, "backup", daily.path);
      cJSON_AddBoolToObject (doc, "made", daily.made);
      cli_json_add_int (doc, "removed", daily.removed);
      if (!cli_json_print (cli, doc))
        rc = CLI_EXIT_FAILED;
    }
  else if (daily.made)
    printf (ngettext ("Backed up to “%s”; %u older backup removed.\n",
                      "Backed up to “%s”; %u older backups removed.\n", daily.removed),
            daily.path, daily.removed);
  else
    printf (_("Today's backup “%s” was already there.\n"), daily.path);
  jc_backup_daily_clear (&daily);
  return rc;
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

  if (cli_has (cli, "daily"))
    return run_daily (cli);
  if (target == NULL)
    return cli_usage_error (cli, _("FILE is missing: the file to write the backup to"));
  if (cli_get (cli, "dir") != NULL || cli_get (cli, "keep") != NULL)
    return cli_usage_error (cli, _("--dir and --keep go with --daily"));
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

  if (db_path == NULL)
    return CLI_EXIT_FAILED;
  /* the office database is restored on its server: jc_store_restore()
   * refuses it before reading the backup, saying how */
  if (jc_db_location_kind (db_path) == JC_DB_LOCATION_POSTGRESQL &&
      !jc_store_restore (db_path, source, NULL, NULL, NULL, NULL, &error))
    {
      cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }
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
  NULL, "backup", "FILE [--force] [--json] | --daily [--dir DIR] [--keep N] [--json]",
  N_("Copy the whole database into a new file, also while the app has it open."),
  N_("The copy is the database as it was when the command started. It is written under a "
     "temporary name beside FILE and renamed when complete, so FILE is never a partial copy. "
     "An existing FILE is replaced only with --force; the database itself never. "
     "With --daily, the backup is DIR/NAME-YYYY-MM-DD.db, made once a day (run it from cron or "
     "a systemd timer), and only the newest N of them are kept."),
  "FILE", 0, 1, backup_options, run_backup
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
