/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-output.c: what jicai-cli prints — aligned tables for people (Chinese
 * characters take two terminal columns) and JSON for programs (integers
 * printed as integers, never in exponent form). */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"

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
