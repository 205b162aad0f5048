/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-users.c: `jicai-cli users setup|add|list|remove` — the people of the office
 * database, each a PostgreSQL login in the group of a role (procurement,
 * canteen manager, reviewer).  The password is read from the terminal
 * without echo, or from the first line of stdin when it is no terminal:
 * never from the command line, never printed.  On a database file these
 * commands say that roles need the office database. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-db-location.h"
#include "jc-error.h"
#include "jc-store-roles-pg.h"

static const CliOption add_options[] = {
  { "role", CLI_OPT_VALUE, "ROLE", N_("procurement, canteen or reviewer"), TRUE },
  { "canteen", CLI_OPT_VALUE, "CODE", N_("a canteen manager's canteen"), FALSE },
  { NULL }
};

static const CliOption list_options[] = {
  CLI_JSON_OPTION,
  { NULL }
};

/* The database the command names: --db, JICAI_DB or the default, as
 * given (a PostgreSQL location is no path). */
static char *
location_of (Cli *cli)
{
  return jc_store_resolve_path (cli->db_path);
}

/* One line of stdin without its newline; NULL at the end of input. */
static char *
read_line (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (c == EOF && line->len == 0)
    return NULL;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* Reads a line from the terminal with echo off, `prompt` on stderr. */
static char *
read_hidden (const char *prompt)
{
  struct termios old, quiet;
  gboolean restore;
  char *line;

  fprintf (stderr, "%s", prompt);
  fflush (stderr);
  restore = tcgetattr (STDIN_FILENO, &old) == 0;
  if (restore)
    {
      quiet = old;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = read_line ();
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
  fprintf (stderr, "\n");
  return line;
}

static char *
read_password (Cli        *cli,
               const char *name)
{
  g_autofree char *first = NULL;

  if (!isatty (STDIN_FILENO))
    first = read_line ();
  else
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), name);
      g_autofree char *again = NULL;

      first = read_hidden (prompt);
      if (first != NULL && *first != '\0')
        {
          again = read_hidden (_("The same password again: "));
          if (g_strcmp0 (first, again) != 0)
            {
              cli_error (cli, _("the two passwords differ; nothing was changed"));
              return NULL;
            }
        }
    }
  if (first == NULL || *first == '\0')
    {
      cli_error (cli, _("a password is needed: type it when asked, or give it on the first "
                        "line of stdin (never on the command line)"));
      return NULL;
    }
  return g_steal_pointer (&first);
}

static CliExit
run_add (Cli *cli)
{
  g_autofree char *location = location_of (cli);
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = cli_arg (cli, 0);
  const char *role = cli_get (cli, "role");
  const char *canteen = cli_get (cli, "canteen");

  if (!g_str_equal (role, "procurement") && !g_str_equal (role, "canteen") &&
      !g_str_equal (role, "reviewer"))
    return cli_usage_error (cli, _("--role: “%s” is no role (procurement, canteen, reviewer)"),
                            role);
  if (g_str_equal (role, "canteen") && canteen == NULL)
    return cli_usage_error (cli, _("a canteen manager needs “--canteen CODE”"));
  if (!g_str_equal (role, "canteen") && canteen != NULL)
    return cli_usage_error (cli, _("only a canteen manager has “--canteen”"));
  /* refused before a password is asked for */
  if (jc_db_location_kind (location) != JC_DB_LOCATION_POSTGRESQL)
    {
      g_set_error_literal (&error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED,
                           _("Users and roles need the office database (PostgreSQL); a database "
                             "file on this desk has none"));
      return cli_fail (cli, error);
    }
  password = read_password (cli, name);
  if (password == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_store_users_add (location, name, role, canteen, password, &error))
    {
      memset (password, 0, strlen (password));
      return cli_fail (cli, error);
    }
  memset (password, 0, strlen (password));
  if (canteen != NULL)
    printf (_("Added %s, canteen manager of %s.\n"), name, canteen);
  else
    printf (_("Added %s (%s).\n"), name, role);
  return CLI_EXIT_OK;
}

static CliExit
run_list (Cli *cli)
{
  g_autofree char *location = location_of (cli);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  users = jc_store_users_list (location, &error);
  if (users == NULL)
    return cli_fail (cli, error);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < users->len; i++)
        {
          JcStoreUser *u = g_ptr_array_index (users, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "name", u->name);
          cJSON_AddStringToObject (o, "role", u->role);
          cJSON_AddStringToObject (o, "canteen", u->canteen);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (3);
      g_autofree char *count = NULL;

      if (users->len > 0)
        cli_table_add (table, _("name"), _("role"), _("canteen"));
      for (guint i = 0; i < users->len; i++)
        {
          JcStoreUser *u = g_ptr_array_index (users, i);

          cli_table_add (table, u->name, u->role, u->canteen);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u user", "%u users", users->len), users->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static CliExit
run_remove (Cli *cli)
{
  g_autofree char *location = location_of (cli);
  g_autoptr(GError) error = NULL;
  const char *name = cli_arg (cli, 0);

  if (!jc_store_users_remove (location, name, &error))
    return cli_fail (cli, error);
  printf (_("Removed the user %s.\n"), name);
  return CLI_EXIT_OK;
}

static CliExit
run_setup (Cli *cli)
{
  g_autofree char *location = location_of (cli);
  g_autoptr(GError) error = NULL;

  if (!jc_store_users_setup (location, &error))
    return cli_fail (cli, error);
  printf ("%s\n", _("The roles, their rights and the row-level security of the office database "
                    "are installed."));
  return CLI_EXIT_OK;
}

const CliCommand cli_users_commands[] = {
  { "users", "setup", "",
    N_("Install the roles and their rights in the office database (its administrator, once)."),
    N_("Creates the group roles jicai_procurement, jicai_canteen, jicai_reviewer and "
       "jicai_backup, their GRANTs, the users table and the row-level security policies in "
       "the database's schema. Run it as a superuser after init; running it again changes "
       "nothing."),
    NULL, 0, 0, NULL, run_setup },
  { "users", "add", "NAME --role procurement|canteen|reviewer [--canteen CODE]",
    N_("Add a user of the office database (asks for the password)."),
    N_("The user is a PostgreSQL login in the group of its role. The password is read from "
       "the terminal without echo, or from the first line of stdin when that is no terminal; "
       "never from the command line. Needs the office database and a procurement login."),
    "NAME", 1, 1, add_options, run_add },
  { "users", "list", "[--json]",
    N_("List the users of the office database."),
    NULL, NULL, 0, 0, list_options, run_list },
  { "users", "remove", "NAME",
    N_("Remove a user of the office database (drops the login)."),
    NULL, "NAME", 1, 1, NULL, run_remove },
  { NULL }
};
