/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-args.c: the argument parser of jicai-cli, its help text, the option
 * values as core types, opening the store and asking for confirmation.
 * It prints through cli-output.c and is never called by it.  Hand-written rather than GOptionContext so that option
 * values reach core as the bytes the user typed (GOptionContext converts
 * strings from the locale's charset and fails on Chinese under LANG=C), and
 * so that every problem is one line in our own words. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-date.h"
#include "jc-db-location.h"
#include "jc-input.h"

/* Every command takes these two besides its own. */
static const CliOption db_option = {
  "db", CLI_OPT_VALUE, "PATH",
  N_("the database file (default: $JICAI_DB, else ~/.local/share/jicai/jicai.db)"), FALSE
};
static const CliOption help_option = {
  "help", CLI_OPT_FLAG, NULL, N_("show this help and exit"), FALSE
};

gboolean
cli_check_input_file (Cli        *cli,
                      const char *path,
                      const char *what)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      cli_error (cli, _("%s: no such file"), path);
      return FALSE;
    }
  if (!jc_input_check_file (path, what, &error))
    {
      cli_error_gerror (cli, error);
      return FALSE;
    }
  return TRUE;
}

JcOutputFlags
cli_output_flags (Cli *cli)
{
  return cli_has (cli, "force") ? JC_OUTPUT_REPLACE : JC_OUTPUT_NONE;
}

gboolean
cli_check_outputs (Cli *cli,
                   ...)
{
  gboolean ok = TRUE;
  va_list ap;

  va_start (ap, cli);
  for (const char *option = va_arg (ap, const char *); option != NULL;
       option = va_arg (ap, const char *))
    {
      const char *path = cli_get (cli, option);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        continue;
      if (*path == '\0')
        {
          cli_error (cli, _("%s: a file name is required"), option);
          ok = FALSE;
        }
      else if (!jc_output_check (path, cli_output_flags (cli), &error))
        {
          cli_error_gerror (cli, error);
          ok = FALSE;
        }
    }
  va_end (ap);
  return ok;
}

static const CliOption *
find_option (const CliCommand *command,
             const char       *name,
             gsize             len)
{
  const CliOption *builtin[] = { &db_option, &help_option };

  for (const CliOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (strlen (o->name) == len && strncmp (o->name, name, len) == 0)
      return o;
  for (guint i = 0; i < G_N_ELEMENTS (builtin); i++)
    if (strlen (builtin[i]->name) == len && strncmp (builtin[i]->name, name, len) == 0)
      return builtin[i];
  return NULL;
}

static const CliOption *
find_short_option (const CliCommand *command,
                   char              c)
{
  for (const CliOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (o->short_name != 0 && o->short_name == c)
      return o;
  return NULL;
}

/* The name of positional argument `i` from the command's "A B" list; the
 * last name stands for any further ones ("FILE…"). */
static char *
arg_name_at (const CliCommand *command,
             guint             i)
{
  g_auto(GStrv) names = g_strsplit (command->arg_name ? command->arg_name : "ARGUMENT", " ", -1);
  guint n = g_strv_length (names);

  return g_strdup (n == 0 ? "ARGUMENT" : names[MIN (i, n - 1)]);
}

static void
store_value (Cli             *cli,
             const CliOption *option,
             const char      *value)
{
  g_hash_table_insert (cli->values, (gpointer) option->name, (gpointer) value);
  if (option->kind == CLI_OPT_LIST)
    {
      GPtrArray *list = g_hash_table_lookup (cli->lists, option->name);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (cli->lists, (gpointer) option->name, list);
        }
      g_ptr_array_add (list, (gpointer) value);
    }
}

gboolean
cli_parse_command (Cli               *cli,
                   const CliCommand  *command,
                   int                argc,
                   char             **argv,
                   CliExit           *out_exit)
{
  g_autofree char *problem = NULL;
  gboolean only_args = FALSE;
  gboolean help = FALSE;

  cli->command = command;
  for (int i = 0; i < argc; i++)
    {
      const char *a = argv[i];

      if (only_args)
        {
          g_ptr_array_add (cli->args, (gpointer) a);
          continue;
        }
      if (g_str_equal (a, "--"))
        {
          only_args = TRUE;
          continue;
        }
      if (g_str_equal (a, "-h"))
        {
          help = TRUE;
          continue;
        }
      if (g_str_has_prefix (a, "--"))
        {
          const char *name = a + 2;
          const char *eq = strchr (name, '=');
          gsize len = eq != NULL ? (gsize) (eq - name) : strlen (name);
          const CliOption *option = find_option (command, name, len);

          if (option == NULL)
            {
              if (problem == NULL)
                problem = g_strdup_printf (_("unknown option “--%.*s”"), (int) len, name);
              continue;
            }
          if (option == &help_option)
            {
              help = TRUE;
              continue;
            }
          if (option->kind == CLI_OPT_FLAG)
            {
              if (eq != NULL && problem == NULL)
                problem = g_strdup_printf (_("option “--%s” takes no value"), option->name);
              store_value (cli, option, "");
              continue;
            }
          if (eq != NULL)
            store_value (cli, option, eq + 1);
          else if (i + 1 < argc)
            store_value (cli, option, argv[++i]);
          else if (problem == NULL)
            problem = g_strdup_printf (_("option “--%s” needs a value (%s)"), option->name,
                                       option->arg);
          continue;
        }
      if (a[0] == '-' && a[1] != '\0')
        {
          const CliOption *option = find_short_option (command, a[1]);

          if (option == NULL || (option->kind == CLI_OPT_FLAG && a[2] != '\0'))
            {
              if (problem == NULL)
                problem = g_strdup_printf (_("unknown option “%s”"), a);
            }
          else if (option->kind == CLI_OPT_FLAG)
            store_value (cli, option, "");
          else if (a[2] != '\0')
            store_value (cli, option, a + 2);   /* -oFILE */
          else if (i + 1 < argc)
            store_value (cli, option, argv[++i]);
          else if (problem == NULL)
            problem = g_strdup_printf (_("option “-%c” needs a value (%s)"), option->short_name,
                                       option->arg);
          continue;
        }
      g_ptr_array_add (cli->args, (gpointer) a);
    }

  /* --help wins over everything else on the line: someone asking how a
   * command works is not helped by an error about it. */
  if (help)
    {
      cli_print_command_help (command);
      *out_exit = CLI_EXIT_OK;
      return FALSE;
    }
  if (problem != NULL)
    {
      *out_exit = cli_usage_error (cli, "%s", problem);
      return FALSE;
    }
  if (cli->args->len < command->min_args)
    {
      g_autofree char *name = arg_name_at (command, cli->args->len);

      *out_exit = cli_usage_error (cli, _("missing argument %s"), name);
      return FALSE;
    }
  if (cli->args->len > command->max_args)
    {
      *out_exit = cli_usage_error (cli, _("unexpected argument “%s”"),
                                   (const char *) g_ptr_array_index (cli->args, command->max_args));
      return FALSE;
    }
  for (const CliOption *o = command->options; o != NULL && o->name != NULL; o++)
    if (o->required && !cli_has (cli, o->name))
      {
        *out_exit = cli_usage_error (cli, _("option “--%s” is required"), o->name);
        return FALSE;
      }
  if (cli_has (cli, "db"))
    {
      const char *db = cli_get (cli, "db");

      if (*db == '\0')
        {
          *out_exit = cli_usage_error (cli, _("option “--db” needs a path"));
          return FALSE;
        }
      g_free (cli->db_path);
      cli->db_path = g_strdup (db);
    }
  *out_exit = CLI_EXIT_OK;
  return TRUE;
}

gboolean
cli_has (Cli        *cli,
         const char *option)
{
  return g_hash_table_contains (cli->values, option);
}

const char *
cli_get (Cli        *cli,
         const char *option)
{
  return g_hash_table_lookup (cli->values, option);
}

/* Returns: (transfer full) (nullable): the values of a repeatable option in
 * the order given, or NULL when it was not given at all. */
char **
cli_dup_list (Cli        *cli,
              const char *option)
{
  GPtrArray *list = g_hash_table_lookup (cli->lists, option);
  GStrvBuilder *builder;
  char **strv;

  if (list == NULL)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (list, i));
  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return strv;
}

const char *
cli_arg (Cli   *cli,
         guint  i)
{
  return i < cli->args->len ? g_ptr_array_index (cli->args, i) : NULL;
}

gboolean
cli_has_any (Cli               *cli,
             const char *const *options)
{
  for (guint i = 0; options[i] != NULL; i++)
    if (cli_has (cli, options[i]))
      return TRUE;
  return FALSE;
}

/* ---- help ---------------------------------------------------------- */

static char *
option_label (const CliOption *o)
{
  g_autofree char *short_dash = o->short_name != 0 ? g_strdup_printf ("-%c, ", o->short_name)
                                                    : NULL;
  const char *dash = o == &help_option ? "-h, " : short_dash ? short_dash : "";

  if (o->kind == CLI_OPT_FLAG)
    return g_strdup_printf ("%s--%s", dash, o->name);
  return g_strdup_printf ("%s--%s %s", dash, o->name, o->arg);
}

static void
print_option_rows (const CliOption **options,
                   guint             n)
{
  glong width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = option_label (options[i]);

      width = MAX (width, cli_display_width (label));
    }
  width = MIN (width, 30);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = option_label (options[i]);
      glong w = cli_display_width (label);

      printf ("  %s", label);
      if (w > width)
        printf ("\n  %*s", (int) width, "");
      else
        printf ("%*s", (int) (width - w), "");
      printf ("  %s", _(options[i]->help));
      if (options[i]->required)
        printf (" %s", _("(required)"));
      printf ("\n");
    }
}

void
cli_print_command_help (const CliCommand *command)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new ();

  if (command->group != NULL)
    printf (_("Usage: %s [--db PATH] %s %s %s\n"), CLI_PROGRAM, command->group, command->name,
            command->synopsis);
  else
    printf (_("Usage: %s [--db PATH] %s %s\n"), CLI_PROGRAM, command->name, command->synopsis);
  printf ("\n%s\n", _(command->summary));
  if (command->details != NULL)
    printf ("\n%s\n", _(command->details));
  for (const CliOption *o = command->options; o != NULL && o->name != NULL; o++)
    g_ptr_array_add (options, (gpointer) o);
  g_ptr_array_add (options, (gpointer) &db_option);
  g_ptr_array_add (options, (gpointer) &help_option);
  printf ("\n%s\n", _("Options:"));
  print_option_rows ((const CliOption **) options->pdata, options->len);
}

void
cli_print_group_help (const char       *group,
                      const CliCommand *commands)
{
  glong width = 0;

  printf (_("Usage: %s [--db PATH] %s COMMAND [ARGUMENT…] [OPTION…]\n"), CLI_PROGRAM, group);
  printf ("\n%s\n", _("Commands:"));
  for (const CliCommand *c = commands; c->name != NULL; c++)
    width = MAX (width, cli_display_width (c->name));
  for (const CliCommand *c = commands; c->name != NULL; c++)
    printf ("  %s%*s  %s\n", c->name, (int) (width - cli_display_width (c->name)), "",
            _(c->summary));
  printf ("\n");
  printf (_("Run “%s %s COMMAND --help” for the options of a command.\n"), CLI_PROGRAM, group);
}

/* ---- asking ------------------------------------------------------- */

gboolean
cli_confirm (Cli        *cli,
             const char *question,
             const char *not_done)
{
  char answer[64] = "";

  if (cli_has (cli, "yes"))
    return TRUE;
  if (!isatty (STDIN_FILENO))
    {
      cli_error (cli, _("%s: confirm with --yes (there is no terminal to ask on)"), not_done);
      return FALSE;
    }
  printf ("%s [y/N] ", question);
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) != NULL)
    {
      g_strstrip (answer);
      if (g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
          g_str_equal (answer, "是"))
        return TRUE;
    }
  cli_error (cli, _("%s: not confirmed"), not_done);
  return FALSE;
}

/* ---- the store and option values ----------------------------------- */

char *
cli_dup_db_path (Cli *cli)
{
  g_autofree char *path = jc_store_resolve_path (cli->db_path);
  g_autoptr(GError) error = NULL;

  /* a PostgreSQL URI is no file name: refused when malformed, else taken
   * as it is, never made absolute into a folder "postgresql:" */
  if (!jc_db_location_check (path, &error))
    {
      cli_error_gerror (cli, error);
      return NULL;
    }
  if (jc_db_location_kind (path) == JC_DB_LOCATION_POSTGRESQL)
    return g_steal_pointer (&path);
  /* Absolute: core builds file:// URLs and sibling paths from it (the
   * demo's feed file), and those need an absolute path. */
  return g_canonicalize_filename (path, NULL);
}

/* A write that waits over a second for another writer says so on stderr
 * (once per wait), then goes on waiting. */
static void
on_store_busy_cb (JcStore  *store,
                  gpointer  user_data)
{
  g_printerr ("%s\n", _("waiting for another desk or program to finish writing to the "
                        "database…"));
}

JcStore *
cli_open_store (Cli      *cli,
                gboolean  create)
{
  g_autofree char *path = cli_dup_db_path (cli);
  g_autoptr(GError) error = NULL;
  JcStore *store;

  if (path == NULL)
    return NULL;
  if (!create && jc_db_location_kind (path) == JC_DB_LOCATION_PATH &&
      !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      cli_error (cli, _("there is no database “%s”; create it with “%s init”"), path,
                 CLI_PROGRAM);
      return NULL;
    }
  store = jc_store_open (path, &error);
  if (store == NULL)
    cli_error_gerror (cli, error);
  else
    jc_store_set_busy_func (store, on_store_busy_cb, NULL);
  return store;
}

/* A field parser's answer for an option: a bad value is reported and
 * counted.  Returns `parsed`. */
static gboolean
check_parsed (Cli      *cli,
              gboolean  parsed,
              GError  **error)
{
  if (!parsed)
    cli_error_gerror (cli, *error);
  return parsed;
}

typedef gboolean (*RangedParser) (JcField      field,
                                  const char  *text,
                                  gint64       min,
                                  gint64       max,
                                  gint64      *out,
                                  GError     **error);

/* The option's value through a core parser of whole numbers or
 * milli-units. */
static gboolean
opt_ranged (Cli          *cli,
            const char   *option,
            RangedParser  parse,
            JcField       field,
            gint64        min,
            gint64        max,
            gint64       *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = cli_get (cli, option);

  if (text == NULL)
    return FALSE;
  return check_parsed (cli, parse (field, text, min, max, out, &error), &error);
}

gboolean
cli_opt_int (Cli        *cli,
             const char *option,
             JcField     field,
             gint64      min,
             gint64      max,
             gint64     *out)
{
  return opt_ranged (cli, option, jc_parse_int_field, field, min, max, out);
}
gboolean
cli_opt_int_labeled (Cli        *cli,
                     const char *option,
                     const char *label,
                     gint64      min,
                     gint64      max,
                     gint64     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = cli_get (cli, option);

  if (text == NULL)
    return FALSE;
  if (!jc_parse_int_field (JC_FIELD_NONE, text, min, max, out, &error))
    {
      /* JC_FIELD_NONE has no name: the message starts ": …". */
      if (g_str_has_prefix (error->message, ": "))
        cli_error (cli, "%s%s", label, error->message);
      else
        cli_error_gerror (cli, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
cli_opt_milli (Cli        *cli,
               const char *option,
               JcField     field,
               gint64      min,
               gint64      max,
               gint64     *out)
{
  return opt_ranged (cli, option, jc_parse_milli_field, field, min, max, out);
}
gboolean
cli_opt_degrees (Cli        *cli,
                 const char *option,
                 JcField     field,
                 double      min,
                 double      max,
                 double     *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = cli_get (cli, option);

  if (text == NULL)
    return FALSE;
  return check_parsed (cli, jc_parse_degrees_field (field, text, min, max, out, &error), &error);
}

gboolean
cli_opt_time (Cli        *cli,
              const char *option,
              JcField     field,
              int        *out)
{
  g_autoptr(GError) error = NULL;
  const char *text = cli_get (cli, option);

  if (text == NULL)
    return FALSE;
  return check_parsed (cli, jc_parse_time_field (field, text, out, &error), &error);
}

gboolean
cli_parse_date (const char *text,
                GDate      *out)
{
  if (!jc_date_parse (text, out))
    return FALSE;
  if (g_date_get_year (out) < 1900)
    {
      g_date_clear (out, 1);
      return FALSE;
    }
  return TRUE;
}

void
cli_format_date (const GDate *date,
                 char         out[11])
{
  jc_date_format (date, out);
}

gboolean
cli_opt_date (Cli        *cli,
              const char *option,
              char        out[11])
{
  const char *text = cli_get (cli, option);
  GDate date;

  if (text == NULL)
    return FALSE;
  if (!cli_parse_date (text, &date))
    {
      cli_error (cli, _("%s: “%s” is not a date (YYYY-MM-DD)"), option, text);
      return FALSE;
    }
  cli_format_date (&date, out);
  return TRUE;
}

/* Today's local date, or JICAI_TODAY=YYYY-MM-DD (so that tests and
 * screenshots see the same world whatever day they run). */
gboolean
cli_get_today (Cli   *cli,
               GDate *out)
{
  g_autoptr(GError) error = NULL;

  if (!jc_date_today (out, &error))
    {
      g_date_clear (out, 1);
      cli_error (cli, "%s", error->message);
      return FALSE;
    }
  if (g_date_get_year (out) < 1900)
    {
      g_date_clear (out, 1);
      cli_error (cli, _("JICAI_TODAY: “%s” is not a date (YYYY-MM-DD)"), g_getenv ("JICAI_TODAY"));
      return FALSE;
    }
  return TRUE;
}

int
cli_active_option (Cli *cli)
{
  if (cli_has (cli, "active"))
    return 1;
  if (cli_has (cli, "inactive"))
    return 0;
  return -1;
}

CliExit
cli_check_active (Cli *cli)
{
  if (cli_has (cli, "active") && cli_has (cli, "inactive"))
    return cli_usage_error (cli, _("options “--active” and “--inactive” exclude each other"));
  return CLI_EXIT_OK;
}
