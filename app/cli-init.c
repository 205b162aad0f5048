/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-init.c: `jicai-cli init [--demo]` — create or upgrade the database,
 * and optionally fill an empty one with the demo world. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-db-location.h"
#include "jc-demo.h"

static const CliOption init_options[] = {
  { "demo", CLI_OPT_FLAG, NULL,
    N_("load the demo world: 17 canteens, the catalog, 4 vehicles, 15 months of prices "
       "and orders"), FALSE },
  { NULL }
};

static void
on_progress_cb (double      fraction,
                const char *what,
                gpointer    user_data)
{
  cli_progress_draw (fraction, what);
}

/* A database this command created and then could not fill is removed:
 * a failed `init --demo` leaves nothing behind. */
static void
remove_database (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static gboolean
store_is_empty (JcStore  *store,
                gboolean *out,
                GError  **error)
{
  /* jc_store_is_empty() looks at items and canteens only; vehicles would
   * collide with the demo's plates too. */
  g_autoptr(GPtrArray) vehicles = jc_store_list_vehicles (store, TRUE, error);

  if (vehicles == NULL)
    return FALSE;
  *out = jc_store_is_empty (store) && vehicles->len == 0;
  return TRUE;
}

static void
print_summary (const char          *path,
               const JcDemoSummary *s)
{
  g_autoptr(CliTable) table = cli_table_new (2);
  g_autofree char *items = g_strdup_printf ("%u", s->n_items);
  g_autofree char *canteens = g_strdup_printf ("%u", s->n_canteens);
  g_autofree char *vehicles = g_strdup_printf ("%u", s->n_vehicles);
  g_autofree char *prices = g_strdup_printf ("%u", s->n_prices);
  g_autofree char *orders = g_strdup_printf (ngettext ("%u (%u line)", "%u (%u lines)",
                                                        s->n_order_lines),
                                              s->n_orders, s->n_order_lines);
  g_autofree char *span = g_strdup_printf (_("%s to %s"), s->first_date, s->last_date);
  g_autofree char *plans = g_strdup_printf (ngettext ("%u locked, %u purchase recorded",
                                                      "%u locked, %u purchases recorded",
                                                      s->n_purchases),
                                            s->n_plans, s->n_purchases);

  printf (_("Loaded the demo world into “%s”:\n"), path);
  cli_table_add (table, _("catalog items"), items);
  cli_table_add (table, _("canteens"), canteens);
  cli_table_add (table, _("vehicles"), vehicles);
  cli_table_add (table, _("price rows"), prices);
  cli_table_add (table, _("orders"), orders);
  cli_table_add (table, _("past plans"), plans);
  cli_table_add (table, _("date span"), span);
  cli_table_print (table, stdout);
}

static CliExit
run_init (Cli *cli)
{
  g_autofree char *path = cli_dup_db_path (cli);
  g_autofree char *shown = path != NULL ? jc_db_location_display (path) : NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean demo = cli_has (cli, "demo");
  /* the office database is there before jicai's tables are */
  gboolean existed = path != NULL && (jc_db_location_kind (path) == JC_DB_LOCATION_POSTGRESQL ||
                                      g_file_test (path, G_FILE_TEST_EXISTS));
  gboolean empty = FALSE;
  JcDemoSummary summary = { 0 };
  GDate today;

  if (path == NULL || (demo && !cli_get_today (cli, &today)))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, TRUE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!demo)
    {
      if (existed)
        printf (_("The database “%s” is ready (schema version %d).\n"), shown,
                jc_store_get_schema_version (store));
      else
        printf (_("Created the database “%s” (schema version %d).\n"), shown,
                jc_store_get_schema_version (store));
      return CLI_EXIT_OK;
    }

  if (store_is_empty (store, &empty, &error) && !empty)
    g_set_error (&error, JC_DEMO_ERROR, JC_DEMO_ERROR_NOT_EMPTY,
                 _("The database “%s” already has data; the demo needs an empty database"),
                 shown);
  else if (error == NULL)
    {
      gboolean tty = isatty (STDERR_FILENO);

      if (jc_demo_load (store, &today, tty ? on_progress_cb : NULL, NULL, NULL, &summary,
                        &error))
        {
          if (tty)
            cli_progress_clear ();
          print_summary (shown, &summary);
          return CLI_EXIT_OK;
        }
      if (tty)
        cli_progress_clear ();
    }

  g_clear_pointer (&store, jc_store_free);
  if (!existed)
    remove_database (path);
  return cli_fail (cli, error);
}

const CliCommand cli_init_command = {
  NULL, "init", "[--demo]",
  N_("Create the database, or upgrade one an older jicai wrote."),
  N_("With --demo, an empty database is filled with the demo world, its prices ending "
     "today (or on $JICAI_TODAY, YYYY-MM-DD); a database with data is refused."),
  NULL, 0, 0, init_options, run_init
};
