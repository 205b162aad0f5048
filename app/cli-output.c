/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-output.c: what jicai-cli prints — one line on stderr per problem,
 * aligned tables for people (Chinese characters take two terminal columns)
 * and JSON for programs (integers printed as integers, never in exponent
 * form).  It reads no option and calls nothing of cli-args.c, which calls
 * it: the parser stands above the printer. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "cli-private.h"
#include "jc-format.h"

/* ---- error lines ---------------------------------------------------- */

static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  /* One problem, one line: a message with a newline in a value (a name
   * typed with one) must not look like two. */
  for (char *p = line; *p; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return line;
}

static void print_error_line (Cli        *cli,
                              const char *format,
                              va_list     args) G_GNUC_PRINTF (2, 0);

static void
print_error_line (Cli        *cli,
                  const char *format,
                  va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  g_autofree char *line = one_line (message);

  if (cli != NULL && cli->what != NULL)
    fprintf (stderr, "%s: %s: %s\n", CLI_PROGRAM, cli->what, line);
  else
    fprintf (stderr, "%s: %s\n", CLI_PROGRAM, line);
}

void
cli_error (Cli        *cli,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  print_error_line (cli, format, args);
  va_end (args);
  if (cli != NULL)
    cli->n_errors++;
}

void
cli_error_gerror (Cli          *cli,
                  const GError *error)
{
  if (g_error_matches (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_EXISTS))
    cli_error (cli, _("%s; pass --force to replace it"), error->message);
  else
    cli_error (cli, "%s", error->message);
}

CliExit
cli_fail (Cli          *cli,
          const GError *error)
{
  cli_error_gerror (cli, error);
  return CLI_EXIT_FAILED;
}

CliExit
cli_usage_error (Cli        *cli,
                 const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  print_error_line (cli, format, args);
  va_end (args);
  if (cli != NULL && cli->what != NULL)
    fprintf (stderr, _("Try “%s %s --help” for more information.\n"), CLI_PROGRAM, cli->what);
  else
    fprintf (stderr, _("Try “%s --help” for more information.\n"), CLI_PROGRAM);
  return CLI_EXIT_USAGE;
}

/* ---- text for people ------------------------------------------------ */

/* The columns a terminal gives `text`: wide (CJK) characters take two,
 * combining marks none. */
glong
cli_display_width (const char *text)
{
  glong width = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

void
cli_progress_draw (double      fraction,
                   const char *label)
{
  enum { BAR = 30 };
  char bar[BAR + 1];
  int filled;

  if (fraction < 0)
    {
      /* \033[K clears what a longer previous label left on the line. */
      fprintf (stderr, "\r%s\033[K", label);
      fflush (stderr);
      return;
    }
  fraction = CLAMP (fraction, 0.0, 1.0);
  filled = (int) (fraction * BAR + 0.5);
  memset (bar, '#', (size_t) filled);
  memset (bar + filled, '-', (size_t) (BAR - filled));
  bar[BAR] = '\0';
  fprintf (stderr, "\r[%s] %3d%% %s\033[K", bar, (int) (fraction * 100 + 0.5), label);
  fflush (stderr);
}

void
cli_progress_clear (void)
{
  fputs ("\r\033[K", stderr);
  fflush (stderr);
}

struct _CliTable {
  guint      n_columns;
  gboolean  *right;
  GPtrArray *rows;    /* of GStrv */
};

CliTable *
cli_table_new (guint n_columns)
{
  CliTable *table = g_new0 (CliTable, 1);

  table->n_columns = n_columns;
  table->right = g_new0 (gboolean, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
cli_table_free (CliTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table->right);
  g_free (table);
}

void
cli_table_set_right (CliTable *table,
                     guint     column)
{
  g_return_if_fail (column < table->n_columns);
  table->right[column] = TRUE;
}

/* A cell shows on one line: tabs and newlines typed into a name become
 * spaces, and text that is not UTF-8 is shown with replacement marks. */
static char *
clean_cell (const char *text)
{
  char *cell;

  if (text == NULL)
    return g_strdup ("");
  cell = g_utf8_make_valid (text, -1);
  for (char *p = cell; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return cell;
}

void
cli_table_add (CliTable *table,
               ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    row[i] = clean_cell (va_arg (args, const char *));
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

void
cli_table_print (CliTable *table,
                 FILE     *out)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], cli_display_width (row[c]));
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          glong pad = widths[c] - cli_display_width (row[c]);

          if (c > 0)
            g_string_append (line, "  ");
          if (table->right[c])
            {
              for (glong i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
              g_string_append (line, row[c]);
            }
          else
            {
              g_string_append (line, row[c]);
              for (glong i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
            }
        }
      /* No trailing blanks: they trip up diff and line-based tools. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      fprintf (out, "%s\n", line->str);
    }
}

/* Money in the text for people is written as the screens write it: digits
 * grouped, the sign before the currency sign, a fall with the true minus
 * sign.  JSON and CSV carry integer fen and never come here. */
char *
cli_format_money (gint64 fen)
{
  return jc_format_money (fen, JC_FORMAT_GROUPS | JC_FORMAT_YUAN | JC_FORMAT_TRUE_MINUS);
}

char *
cli_format_change_percent (gint64 permille)
{
  return jc_format_permille_percent (permille, JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS);
}

/* cJSON keeps numbers as doubles and prints those beyond int range with
 * %g, which turns 10^15 into "1e+15".  Quantities and money are integers in
 * the contract, so they go out as raw integer text. */
void
cli_json_add_int (cJSON      *object,
                  const char *name,
                  gint64      value)
{
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  cJSON_AddRawToObject (object, name, text);
}

void
cli_json_add_int_or_null (cJSON      *object,
                          const char *name,
                          gint64      value,
                          gboolean    is_null)
{
  if (is_null)
    cJSON_AddNullToObject (object, name);
  else
    cli_json_add_int (object, name, value);
}

void
cli_json_add_strv (cJSON       *object,
                   const char  *name,
                   char       **strv)
{
  cJSON *array = cJSON_AddArrayToObject (object, name);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    cJSON_AddItemToArray (array, cJSON_CreateString (strv[i]));
}

void
cli_json_add_ptr_array (cJSON      *object,
                        const char *name,
                        GPtrArray  *strings)
{
  cJSON *array = cJSON_AddArrayToObject (object, name);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    cJSON_AddItemToArray (array, cJSON_CreateString (g_ptr_array_index (strings, i)));
}

void
cli_json_add_str_or_null (cJSON      *object,
                          const char *name,
                          const char *value,
                          gboolean    empty_is_null)
{
  if (value == NULL || (empty_is_null && *value == '\0'))
    cJSON_AddNullToObject (object, name);
  else
    cJSON_AddStringToObject (object, name, value);
}

gboolean
cli_json_print (Cli         *cli,
                const cJSON *document)
{
  char *text = cJSON_Print (document);

  if (text == NULL)
    {
      cli_error (cli, _("out of memory while writing JSON"));
      return FALSE;
    }
  fputs (text, stdout);
  fputc ('\n', stdout);
  cJSON_free (text);
  return TRUE;
}

CliExit
cli_finish_output (Cli     *cli,
                   CliExit  status)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;

      cli_error (cli, _("could not write the output: %s"), g_strerror (saved));
      return CLI_EXIT_FAILED;
    }
  return status;
}
