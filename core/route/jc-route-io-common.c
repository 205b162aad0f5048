/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io-common.c: the shared part of the route file readers — the
 * error domain, the line reader and its tokens, the one way a bad file is
 * named ("file:line: what"), the distances of coordinates.  The format
 * readers (jc-route-io-vrp.c, jc-route-io-solomon.c, jc-route-io-sol.c)
 * and the entry points (jc-route-io.c) call it; it calls none of them and
 * holds no format's rules. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io-private.h"

G_DEFINE_QUARK (jc-route-io-error-quark, jc_route_io_error)

void
jc_route_instance_free (JcRouteInstance *instance)
{
  if (instance == NULL)
    return;
  g_free (instance->name);
  g_free (instance->comment);
  g_free (instance->x);
  g_free (instance->y);
  g_free (instance);
}

/* ---- lines and tokens ---------------------------------------------- */


void
reader_init (Reader     *r,
             const char *file,
             const char *data,
             gsize       length)
{
  g_autofree char *copy = g_strndup (data, length);

  r->file = file;
  /* not g_strsplit: its strstr per line is quadratic under ASan */
  r->lines = g_strsplit_set (copy, "\n", -1);
  r->n_lines = (int) g_strv_length (r->lines);
  /* a final newline leaves an empty last piece that is not a line */
  if (r->n_lines > 0 && r->lines[r->n_lines - 1][0] == '\0')
    {
      r->n_lines--;
      g_free (r->lines[r->n_lines]);
      r->lines[r->n_lines] = NULL;
    }
  for (int i = 0; i < r->n_lines; i++)
    {
      gsize len = strlen (r->lines[i]);

      if (len > 0 && r->lines[i][len - 1] == '\r')
        r->lines[i][len - 1] = '\0';
    }
  r->i = 0;
}

void
reader_clear (Reader *r)
{
  g_strfreev (r->lines);
  r->lines = NULL;
}

/* The 1-based line number of the last line (for "the file ends …"). */
int
last_line (const Reader *r)
{
  return MAX (r->n_lines, 1);
}

void
set_error (GError     **error,
           int          code,
           const char  *file,
           int          line,
           const char  *format,
           ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, JC_ROUTE_IO_ERROR, code, "%s:%d: %s", file, line, what);
}

char **
split_words (const char *line)
{
  g_auto(GStrv) parts = g_strsplit_set (line, " \t", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

gboolean
parse_int (const char *text,
           gint64     *out)
{
  gint64 v;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64 / 4, G_MAXINT64 / 4, &v, NULL))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (text[0] == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v) || fabs (v) > 1e12)
    return FALSE;
  *out = v;
  return TRUE;
}

/* A whole number written "12" or "12.0" (some files print integers with a
 * decimal point). */
gboolean
parse_whole (const char *text,
             gint64     *out)
{
  double d;

  if (parse_int (text, out))
    return TRUE;
  if (!parse_double (text, &d) || d != floor (d))
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

/* Refuses NUL bytes and text that is not UTF-8, naming the line. */
gboolean
check_text (const char  *file,
            const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end = NULL;
  const char *nul = memchr (data, '\0', length);
  gsize upto;
  int line = 1;

  if (length == 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, 1, _("the file is empty"));
      return FALSE;
    }
  upto = nul != NULL ? (gsize) (nul - data) : length;
  if (g_utf8_validate (data, (gssize) upto, &end) && nul == NULL)
    return TRUE;
  if (nul != NULL && end == data + upto)
    end = nul;
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
             _("binary data (byte 0x%02x at offset %lu): not a text instance file"),
             (guint) (guchar) *end, (gulong) (end - data));
  return FALSE;
}

/* ---- distances ------------------------------------------------------- */

static gint64
isqrt64 (gint64 v)
{
  gint64 r = (gint64) sqrt ((double) v);

  while (r > 0 && r * r > v)
    r--;
  while ((r + 1) * (r + 1) <= v)
    r++;
  return r;
}

/* TSPLIB nint of the Euclidean distance. */
gint64
dist_euc_2d (double dx,
             double dy)
{
  return (gint64) (sqrt (dx * dx + dy * dy) + 0.5);
}

gint64
dist_exact_2d (double dx,
               double dy)
{
  return (gint64) llround (sqrt (dx * dx + dy * dy) * 1000.0);
}

/* Solomon: the distance truncated to one decimal, ×10.  With whole
 * coordinates this is the exact integer square root of 100·(dx²+dy²). */
gint64
dist_solomon (double dx,
              double dy)
{
  if (dx == floor (dx) && dy == floor (dy) && fabs (dx) < 1e6 && fabs (dy) < 1e6)
    {
      gint64 ix = (gint64) dx, iy = (gint64) dy;

      return isqrt64 (100 * (ix * ix + iy * iy));
    }
  return (gint64) floor (sqrt (dx * dx + dy * dy) * 10.0 + 1e-9);
}

void
fill_from_coords (JcRouteProblem *p,
                  const double   *x,
                  const double   *y,
                  DistFunc        f)
{
  int n = p->n_nodes;

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      p->dist[(gsize) i * (gsize) n + (gsize) j] = i == j ? 0 : f (x[i] - x[j], y[i] - y[j]);
}

/* The next non-blank line's index, or n_lines. */
int
next_nonblank (const Reader *r,
               int           i)
{
  while (i < r->n_lines && is_blank (r->lines[i]))
    i++;
  return i;
}

gboolean
word_line_is (const char *line,
              const char *word)
{
  g_autofree char *s = g_strstrip (g_strdup (line));

  return g_ascii_strcasecmp (s, word) == 0;
}
