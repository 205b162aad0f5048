/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io.c: reads the public vehicle-routing benchmark formats
 * (TSPLIB95 / CVRPLIB `.vrp`, Solomon VRPTW `.txt`) into a JcRouteProblem,
 * writes and reads the CVRPLIB `.sol` text.  Everything in a file is
 * checked before it is used: a bad file gets one message naming the file,
 * the line and what is wrong, and nothing is returned.  This module never
 * solves anything (jc-route.c does). */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io.h"

G_DEFINE_QUARK (jc-route-io-error-quark, jc_route_io_error)

/* Bounds that keep every sum of distances and loads far inside 64 bits
 * (20 000 nodes × 2.9e12 thousandths). */
#define MAX_COORD    1e9
#define MAX_CAPACITY G_GINT64_CONSTANT (1000000000000)

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

typedef struct {
  const char  *file;       /* for messages */
  char       **lines;      /* NULL-terminated, '\r' stripped */
  int          n_lines;
  int          i;          /* the next line to read (0-based) */
} Reader;

static void
reader_init (Reader     *r,
             const char *file,
             const char *data,
             gsize       length)
{
  g_autofree char *copy = g_strndup (data, length);

  r->file = file;
  r->lines = g_strsplit (copy, "\n", -1);
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

static void
reader_clear (Reader *r)
{
  g_strfreev (r->lines);
  r->lines = NULL;
}

/* The 1-based line number of the last line (for "the file ends …"). */
static int
last_line (const Reader *r)
{
  return MAX (r->n_lines, 1);
}

static void set_error (GError     **error,
                       int          code,
                       const char  *file,
                       int          line,
                       const char  *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
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

static char **
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

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
parse_int (const char *text,
           gint64     *out)
{
  gint64 v;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64 / 4, G_MAXINT64 / 4, &v, NULL))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
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
static gboolean
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
static gboolean
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
static gint64
dist_euc_2d (double dx,
             double dy)
{
  return (gint64) (sqrt (dx * dx + dy * dy) + 0.5);
}

static gint64
dist_exact_2d (double dx,
               double dy)
{
  return (gint64) llround (sqrt (dx * dx + dy * dy) * 1000.0);
}

/* Solomon: the distance truncated to one decimal, ×10.  With whole
 * coordinates this is the exact integer square root of 100·(dx²+dy²). */
static gint64
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

typedef gint64 (*DistFunc) (double dx, double dy);

static void
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

/* ---- TSPLIB95 / CVRPLIB .vrp ---------------------------------------- */

typedef enum {
  WEIGHT_NONE,
  WEIGHT_EUC_2D,
  WEIGHT_EXACT_2D,
  WEIGHT_EXPLICIT,
} WeightType;

typedef enum {
  FORMAT_NONE,
  FORMAT_FULL_MATRIX,
  FORMAT_LOWER_ROW,
  FORMAT_LOWER_DIAG_ROW,
  FORMAT_UPPER_ROW,
  FORMAT_UPPER_DIAG_ROW,
  FORMAT_FUNCTION,
} WeightFormat;

typedef struct {
  Reader          r;
  int             dimension;      /* 0: not yet */
  int             dimension_line;
  gint64          capacity;       /* 0: not yet */
  int             vehicles;       /* -1: not given */
  WeightType      weight_type;
  int             weight_type_line;
  WeightFormat    weight_format;
  int             weight_format_line;
  double          distance;       /* < 0: none */
  double          service_time;
  char           *name;
  char           *comment;
  double         *x, *y;
  gint64         *demand;
  int            *demand_line;    /* where each node's demand was read */
  gboolean        have_coords, have_demand, have_depot, have_weights;
  gint64         *weights;        /* n×n for EXPLICIT */
} Vrp;

static void
vrp_clear (Vrp *v)
{
  reader_clear (&v->r);
  g_free (v->name);
  g_free (v->comment);
  g_free (v->x);
  g_free (v->y);
  g_free (v->demand);
  g_free (v->demand_line);
  g_free (v->weights);
}

/* A line that starts a section or holds a keyword (starts with a letter). */
static gboolean
is_keyword_line (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  return g_ascii_isalpha (*line);
}

/* The section name of a line, "" when it is not a *_SECTION / EOF line. */
static char *
section_name (const char *line)
{
  g_autofree char *s = g_strstrip (g_strdup (line));
  gsize len = strlen (s);

  while (len > 0 && (s[len - 1] == ':' || g_ascii_isspace (s[len - 1])))
    s[--len] = '\0';
  if (g_str_has_suffix (s, "_SECTION") || g_str_equal (s, "EOF"))
    return g_steal_pointer (&s);
  return g_strdup ("");
}

static gboolean
need_dimension (Vrp         *v,
                const char  *section,
                GError     **error)
{
  if (v->dimension > 0)
    return TRUE;
  set_error (error, JC_ROUTE_IO_ERROR_MISSING, v->r.file, v->r.i,
             _("%s comes before DIMENSION: the number of nodes must be given first"), section);
  return FALSE;
}

/* Reads the rows "ID v1 … vk" of a section with one row per node: ends at
 * the next keyword line or at the end of the file.  Calls `row` for each. */
typedef gboolean (*RowFunc) (Vrp         *v,
                             int          node,
                             char       **words,
                             int          line,
                             GError     **error);

static gboolean
read_node_rows (Vrp         *v,
                const char  *section,
                int          n_values,
                RowFunc      row,
                GError     **error)
{
  g_autofree gboolean *seen = g_new0 (gboolean, v->dimension);
  int count = 0;

  if (!need_dimension (v, section, error))
    return FALSE;
  while (v->r.i < v->r.n_lines && count < v->dimension)
    {
      const char *line = v->r.lines[v->r.i];
      int line_no = v->r.i + 1;
      g_auto(GStrv) words = NULL;
      gint64 id;

      if (is_blank (line))
        {
          v->r.i++;
          continue;
        }
      if (is_keyword_line (line))
        break;
      v->r.i++;
      words = split_words (line);
      if ((int) g_strv_length (words) != n_values + 1)
        {
          g_autofree char *shown = g_strstrip (g_strdup (line));

          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                     ngettext ("%s: a row must be a node number and %d value, not “%s”",
                               "%s: a row must be a node number and %d values, not “%s”",
                               (unsigned long) MAX (n_values, 0)),
                     section, n_values, shown);
          return FALSE;
        }
      if (!parse_int (words[0], &id))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                     _("%s: node number “%s” is not a whole number"), section, words[0]);
          return FALSE;
        }
      if (id < 1 || id > v->dimension)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line_no,
                     _("%s: node %lld is out of range 1…%d (DIMENSION %d)"),
                     section, (long long) id, v->dimension, v->dimension);
          return FALSE;
        }
      if (seen[id - 1])
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line_no,
                     _("%s: node %lld is given twice"), section, (long long) id);
          return FALSE;
        }
      seen[id - 1] = TRUE;
      if (!row (v, (int) id - 1, words + 1, line_no, error))
        return FALSE;
      count++;
    }
  if (count == v->dimension)
    {
      /* one row too many shows up as a node out of range */
      while (v->r.i < v->r.n_lines && is_blank (v->r.lines[v->r.i]))
        v->r.i++;
      if (v->r.i < v->r.n_lines && !is_keyword_line (v->r.lines[v->r.i]))
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, v->r.i + 1,
                     _("%s has more rows than DIMENSION %d"), section, v->dimension);
          return FALSE;
        }
      return TRUE;
    }
  if (v->r.i >= v->r.n_lines)
    set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, last_line (&v->r),
               ngettext ("the file ends inside %s: %d of the %d node (DIMENSION) given",
                         "the file ends inside %s: %d of the %d nodes (DIMENSION) given",
                         (unsigned long) MAX (v->dimension, 0)),
               section, count, v->dimension);
  else
    set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, v->r.i + 1,
               ngettext ("%s gives %d node, but DIMENSION is %d",
                         "%s gives %d nodes, but DIMENSION is %d", (unsigned long) MAX (count, 0)),
               section, count, v->dimension);
  return FALSE;
}

static gboolean
coord_row (Vrp         *v,
           int          node,
           char       **words,
           int          line,
           GError     **error)
{
  if (!parse_double (words[0], &v->x[node]) || !parse_double (words[1], &v->y[node]))
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line,
                 _("NODE_COORD_SECTION: node %d: coordinates “%s %s” are not numbers"),
                 node + 1, words[0], words[1]);
      return FALSE;
    }
  if (fabs (v->x[node]) > MAX_COORD || fabs (v->y[node]) > MAX_COORD)
    {
      set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line,
                 _("NODE_COORD_SECTION: node %d: coordinates “%s %s” are too large (at most "
                   "1000000000 either way)"), node + 1, words[0], words[1]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
demand_row (Vrp         *v,
            int          node,
            char       **words,
            int          line,
            GError     **error)
{
  gint64 d;

  if (!parse_whole (words[0], &d))
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line,
                 _("DEMAND_SECTION: node %d: demand “%s” is not a whole number"),
                 node + 1, words[0]);
      return FALSE;
    }
  if (d < 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line,
                 _("DEMAND_SECTION: node %d: demand %lld is negative"), node + 1, (long long) d);
      return FALSE;
    }
  v->demand[node] = d;
  v->demand_line[node] = line;
  return TRUE;
}

static gboolean
read_depots (Vrp     *v,
             GError **error)
{
  int n_depots = 0;

  if (!need_dimension (v, "DEPOT_SECTION", error))
    return FALSE;
  while (v->r.i < v->r.n_lines)
    {
      const char *line = v->r.lines[v->r.i];
      int line_no = v->r.i + 1;
      g_auto(GStrv) words = NULL;

      if (is_blank (line))
        {
          v->r.i++;
          continue;
        }
      if (is_keyword_line (line))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                     _("DEPOT_SECTION must end with -1 before the next section"));
          return FALSE;
        }
      v->r.i++;
      words = split_words (line);
      for (guint k = 0; words[k] != NULL; k++)
        {
          gint64 id;

          if (!parse_int (words[k], &id))
            {
              set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                         _("DEPOT_SECTION: “%s” is not a node number"), words[k]);
              return FALSE;
            }
          if (id == -1)
            {
              if (words[k + 1] != NULL)
                {
                  set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                             _("DEPOT_SECTION: “%s” after the closing -1"), words[k + 1]);
                  return FALSE;
                }
              if (n_depots == 0)
                {
                  set_error (error, JC_ROUTE_IO_ERROR_MISSING, v->r.file, line_no,
                             _("DEPOT_SECTION names no depot"));
                  return FALSE;
                }
              v->have_depot = TRUE;
              return TRUE;
            }
          if (id < 1 || id > v->dimension)
            {
              set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line_no,
                         _("DEPOT_SECTION: node %lld is out of range 1…%d (DIMENSION %d)"),
                         (long long) id, v->dimension, v->dimension);
              return FALSE;
            }
          if (n_depots > 0)
            {
              set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, v->r.file, line_no,
                         _("DEPOT_SECTION: a second depot (node %lld); only one depot is supported"),
                         (long long) id);
              return FALSE;
            }
          if (id != 1)
            {
              set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, v->r.file, line_no,
                         _("DEPOT_SECTION: the depot is node %lld; only node 1 as the depot is "
                           "supported (the .sol numbering assumes it)"), (long long) id);
              return FALSE;
            }
          n_depots++;
        }
    }
  set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, last_line (&v->r),
             _("the file ends inside DEPOT_SECTION (no closing -1)"));
  return FALSE;
}

static const char *
format_name (WeightFormat f)
{
  switch (f)
    {
    case FORMAT_FULL_MATRIX: return "FULL_MATRIX";
    case FORMAT_LOWER_ROW: return "LOWER_ROW";
    case FORMAT_LOWER_DIAG_ROW: return "LOWER_DIAG_ROW";
    case FORMAT_UPPER_ROW: return "UPPER_ROW";
    case FORMAT_UPPER_DIAG_ROW: return "UPPER_DIAG_ROW";
    case FORMAT_FUNCTION: return "FUNCTION";
    case FORMAT_NONE:
    default: return "";
    }
}

/* Advances (i, j) to the next cell the format lists; FALSE after the last. */
static gboolean
next_cell (WeightFormat  f,
           int           n,
           int          *i,
           int          *j)
{
  (*j)++;
  switch (f)
    {
    case FORMAT_FULL_MATRIX:
      if (*j >= n) { (*i)++; *j = 0; }
      break;
    case FORMAT_UPPER_ROW:
      if (*j >= n) { (*i)++; *j = *i + 1; }
      if (*i >= n - 1) return FALSE;
      break;
    case FORMAT_UPPER_DIAG_ROW:
      if (*j >= n) { (*i)++; *j = *i; }
      break;
    case FORMAT_LOWER_ROW:
      if (*j >= *i) { (*i)++; *j = 0; }
      break;
    case FORMAT_LOWER_DIAG_ROW:
      if (*j > *i) { (*i)++; *j = 0; }
      break;
    case FORMAT_NONE:
    case FORMAT_FUNCTION:
    default:
      g_assert_not_reached ();
    }
  return *i < n;
}

static void
first_cell (WeightFormat  f,
            int          *i,
            int          *j)
{
  switch (f)
    {
    case FORMAT_UPPER_ROW: *i = 0; *j = 1; break;
    case FORMAT_LOWER_ROW: *i = 1; *j = 0; break;
    case FORMAT_FULL_MATRIX:
    case FORMAT_UPPER_DIAG_ROW:
    case FORMAT_LOWER_DIAG_ROW:
    case FORMAT_NONE:
    case FORMAT_FUNCTION:
    default:
      *i = 0; *j = 0; break;
    }
}

static gint64
n_cells (WeightFormat f,
         gint64       n)
{
  switch (f)
    {
    case FORMAT_FULL_MATRIX: return n * n;
    case FORMAT_UPPER_ROW:
    case FORMAT_LOWER_ROW: return n * (n - 1) / 2;
    case FORMAT_UPPER_DIAG_ROW:
    case FORMAT_LOWER_DIAG_ROW: return n * (n + 1) / 2;
    case FORMAT_NONE:
    case FORMAT_FUNCTION:
    default: return 0;
    }
}

static gboolean
read_weights (Vrp     *v,
              GError **error)
{
  int n = v->dimension;
  gint64 want, got = 0;
  int i, j;
  gboolean more = TRUE;

  if (!need_dimension (v, "EDGE_WEIGHT_SECTION", error))
    return FALSE;
  if (v->weight_type != WEIGHT_EXPLICIT)
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, v->r.i,
                 _("EDGE_WEIGHT_SECTION needs EDGE_WEIGHT_TYPE : EXPLICIT before it"));
      return FALSE;
    }
  if (v->weight_format == FORMAT_NONE || v->weight_format == FORMAT_FUNCTION)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, v->r.file, v->r.i,
                 _("EDGE_WEIGHT_SECTION needs an EDGE_WEIGHT_FORMAT (FULL_MATRIX, LOWER_ROW, "
                   "LOWER_DIAG_ROW, UPPER_ROW or UPPER_DIAG_ROW) before it"));
      return FALSE;
    }
  want = n_cells (v->weight_format, n);
  v->weights = g_new0 (gint64, (gsize) n * (gsize) n);
  first_cell (v->weight_format, &i, &j);
  if (want == 0)
    more = FALSE;
  while (more && v->r.i < v->r.n_lines)
    {
      const char *line = v->r.lines[v->r.i];
      int line_no = v->r.i + 1;
      g_auto(GStrv) words = NULL;

      if (is_keyword_line (line))
        break;
      v->r.i++;
      words = split_words (line);
      for (guint k = 0; words[k] != NULL; k++)
        {
          double w;
          gint64 iw;

          if (!more)
            {
              set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line_no,
                         _("EDGE_WEIGHT_SECTION has more numbers than the %lld that %s needs "
                           "for DIMENSION %d"),
                         (long long) want, format_name (v->weight_format), n);
              return FALSE;
            }
          if (!parse_double (words[k], &w))
            {
              set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, line_no,
                         _("EDGE_WEIGHT_SECTION: “%s” is not a number"), words[k]);
              return FALSE;
            }
          if (w < 0)
            {
              set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, line_no,
                         _("EDGE_WEIGHT_SECTION: the weight from node %d to node %d is "
                           "negative (%s)"), i + 1, j + 1, words[k]);
              return FALSE;
            }
          iw = (gint64) (w + 0.5);   /* whole in every known file; nint otherwise */
          if (i != j)
            {
              v->weights[(gsize) i * n + j] = iw;
              if (v->weight_format != FORMAT_FULL_MATRIX)
                v->weights[(gsize) j * n + i] = iw;
            }
          got++;
          more = next_cell (v->weight_format, n, &i, &j);
        }
    }
  if (!more)
    {
      while (v->r.i < v->r.n_lines && is_blank (v->r.lines[v->r.i]))
        v->r.i++;
      v->have_weights = TRUE;
      return TRUE;
    }
  if (v->r.i >= v->r.n_lines)
    set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, v->r.file, last_line (&v->r),
               ngettext ("the file ends inside EDGE_WEIGHT_SECTION: %lld of the %lld number that "
                         "%s needs for DIMENSION %d",
                         "the file ends inside EDGE_WEIGHT_SECTION: %lld of the %lld numbers that "
                         "%s needs for DIMENSION %d", (unsigned long) CLAMP (want, 0, G_MAXLONG)),
               (long long) got, (long long) want, format_name (v->weight_format), n);
  else
    set_error (error, JC_ROUTE_IO_ERROR_VALUE, v->r.file, v->r.i + 1,
               ngettext ("EDGE_WEIGHT_SECTION gives %lld number, but %s needs %lld for DIMENSION %d",
                         "EDGE_WEIGHT_SECTION gives %lld numbers, but %s needs %lld for "
                         "DIMENSION %d", (unsigned long) CLAMP (got, 0, G_MAXLONG)),
               (long long) got, format_name (v->weight_format), (long long) want, n);
  return FALSE;
}

/* Skips the rows of a section we do not use (DISPLAY_DATA_SECTION). */
static void
skip_section (Vrp *v)
{
  while (v->r.i < v->r.n_lines && !is_keyword_line (v->r.lines[v->r.i]))
    v->r.i++;
}

static gboolean
read_header_value (Vrp         *v,
                   const char  *key,
                   const char  *value,
                   int          line,
                   GError     **error)
{
  const char *file = v->r.file;

  if (g_str_equal (key, "NAME"))
    {
      g_free (v->name);
      v->name = g_strdup (value);
      return TRUE;
    }
  if (g_str_equal (key, "COMMENT"))
    {
      if (v->comment == NULL)
        v->comment = g_strdup (value);
      else
        {
          char *joined = g_strdup_printf ("%s %s", v->comment, value);

          g_free (v->comment);
          v->comment = joined;
        }
      return TRUE;
    }
  if (g_str_equal (key, "TYPE"))
    {
      if (!g_str_equal (value, "CVRP"))
        {
          set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line,
                     _("TYPE “%s” is not supported (only CVRP)"), value);
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (key, "DIMENSION"))
    {
      gint64 d;

      if (v->dimension > 0)
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                     _("DIMENSION is given twice (first on line %d)"), v->dimension_line);
          return FALSE;
        }
      if (!parse_int (value, &d))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                     _("DIMENSION “%s” is not a whole number"), value);
          return FALSE;
        }
      if (d < 2)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                     _("DIMENSION %lld: an instance needs the depot and at least one customer"),
                     (long long) d);
          return FALSE;
        }
      if (d > JC_ROUTE_IO_MAX_NODES)
        {
          set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line,
                     ngettext ("DIMENSION %lld is above the %d node this program accepts (the "
                               "solver keeps a full %lld × %lld distance matrix)",
                               "DIMENSION %lld is above the %d nodes this program accepts (the "
                               "solver keeps a full %lld × %lld distance matrix)",
                               JC_ROUTE_IO_MAX_NODES),
                     (long long) d, JC_ROUTE_IO_MAX_NODES, (long long) d, (long long) d);
          return FALSE;
        }
      v->dimension = (int) d;
      v->dimension_line = line;
      v->x = g_new0 (double, d);
      v->y = g_new0 (double, d);
      v->demand = g_new0 (gint64, d);
      v->demand_line = g_new0 (int, d);
      return TRUE;
    }
  if (g_str_equal (key, "CAPACITY"))
    {
      gint64 c;

      if (!parse_whole (value, &c))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                     _("CAPACITY “%s” is not a whole number"), value);
          return FALSE;
        }
      if (c <= 0)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                     _("CAPACITY %lld must be positive"), (long long) c);
          return FALSE;
        }
      if (c > MAX_CAPACITY)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                     _("CAPACITY %lld is too large (at most %lld)"), (long long) c,
                     (long long) MAX_CAPACITY);
          return FALSE;
        }
      v->capacity = c;
      return TRUE;
    }
  if (g_str_equal (key, "VEHICLES"))
    {
      gint64 k;

      if (!parse_int (value, &k))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                     _("VEHICLES “%s” is not a whole number"), value);
          return FALSE;
        }
      if (k <= 0 || k > G_MAXINT / 2)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                     _("VEHICLES %lld must be positive"), (long long) k);
          return FALSE;
        }
      v->vehicles = (int) k;
      return TRUE;
    }
  if (g_str_equal (key, "DISTANCE") || g_str_equal (key, "SERVICE_TIME"))
    {
      double d;

      if (!parse_double (value, &d))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                     _("%s “%s” is not a number"), key, value);
          return FALSE;
        }
      if (d < 0 || (d == 0 && g_str_equal (key, "DISTANCE")))
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                     _("%s %s must be positive"), key, value);
          return FALSE;
        }
      if (g_str_equal (key, "DISTANCE"))
        v->distance = d;
      else
        v->service_time = d;
      return TRUE;
    }
  if (g_str_equal (key, "EDGE_WEIGHT_TYPE"))
    {
      if (g_str_equal (value, "EUC_2D"))
        v->weight_type = WEIGHT_EUC_2D;
      else if (g_str_equal (value, "EXACT_2D"))
        v->weight_type = WEIGHT_EXACT_2D;
      else if (g_str_equal (value, "EXPLICIT"))
        v->weight_type = WEIGHT_EXPLICIT;
      else
        {
          set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line,
                     _("EDGE_WEIGHT_TYPE “%s” is not supported (EUC_2D, EXACT_2D or EXPLICIT)"),
                     value);
          return FALSE;
        }
      v->weight_type_line = line;
      return TRUE;
    }
  if (g_str_equal (key, "EDGE_WEIGHT_FORMAT"))
    {
      static const struct { const char *name; WeightFormat f; } formats[] = {
        { "FULL_MATRIX", FORMAT_FULL_MATRIX },
        { "LOWER_ROW", FORMAT_LOWER_ROW },
        { "LOWER_DIAG_ROW", FORMAT_LOWER_DIAG_ROW },
        { "UPPER_ROW", FORMAT_UPPER_ROW },
        { "UPPER_DIAG_ROW", FORMAT_UPPER_DIAG_ROW },
        { "FUNCTION", FORMAT_FUNCTION },
      };

      for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
        if (g_str_equal (value, formats[k].name))
          {
            v->weight_format = formats[k].f;
            v->weight_format_line = line;
            return TRUE;
          }
      set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line,
                 _("EDGE_WEIGHT_FORMAT “%s” is not supported (FULL_MATRIX, LOWER_ROW, "
                   "LOWER_DIAG_ROW, UPPER_ROW or UPPER_DIAG_ROW)"), value);
      return FALSE;
    }
  if (g_str_equal (key, "NODE_COORD_TYPE") || g_str_equal (key, "DISPLAY_DATA_TYPE"))
    return TRUE;
  set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line,
             _("unknown keyword “%s”"), key);
  return FALSE;
}

static gboolean
parse_vrp (Vrp     *v,
           GError **error)
{
  const char *file = v->r.file;

  v->vehicles = -1;
  v->distance = -1;
  while (v->r.i < v->r.n_lines)
    {
      const char *line = v->r.lines[v->r.i];
      int line_no = v->r.i + 1;
      g_autofree char *section = NULL;
      const char *colon;

      if (is_blank (line))
        {
          v->r.i++;
          continue;
        }
      section = section_name (line);
      if (section[0] != '\0')
        {
          v->r.i++;
          if (g_str_equal (section, "EOF"))
            break;
          if ((g_str_equal (section, "NODE_COORD_SECTION") && v->have_coords)
              || (g_str_equal (section, "DEMAND_SECTION") && v->have_demand)
              || (g_str_equal (section, "DEPOT_SECTION") && v->have_depot)
              || (g_str_equal (section, "EDGE_WEIGHT_SECTION") && v->have_weights))
            {
              set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line_no,
                         _("%s is given twice"), section);
              return FALSE;
            }
          if (g_str_equal (section, "NODE_COORD_SECTION"))
            {
              if (!read_node_rows (v, section, 2, coord_row, error))
                return FALSE;
              v->have_coords = TRUE;
            }
          else if (g_str_equal (section, "DEMAND_SECTION"))
            {
              if (!read_node_rows (v, section, 1, demand_row, error))
                return FALSE;
              v->have_demand = TRUE;
            }
          else if (g_str_equal (section, "DEPOT_SECTION"))
            {
              if (!read_depots (v, error))
                return FALSE;
            }
          else if (g_str_equal (section, "EDGE_WEIGHT_SECTION"))
            {
              if (!read_weights (v, error))
                return FALSE;
            }
          else if (g_str_equal (section, "DISPLAY_DATA_SECTION"))
            skip_section (v);
          else
            {
              set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, line_no,
                         _("%s is not supported (time windows, pickups and other variants "
                           "of a .vrp file are not read)"), section);
              return FALSE;
            }
          continue;
        }
      colon = strchr (line, ':');
      if (colon == NULL)
        {
          g_autofree char *shown = g_strstrip (g_strdup (line));

          if (g_utf8_strlen (shown, -1) > 40)
            {
              char *cut = g_utf8_substring (shown, 0, 40);

              g_free (shown);
              shown = g_strconcat (cut, "…", NULL);
              g_free (cut);
            }
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line_no,
                     _("“%s” is neither a “KEYWORD : value” line nor a section"), shown);
          return FALSE;
        }
      else
        {
          g_autofree char *key = g_strstrip (g_strndup (line, (gsize) (colon - line)));
          g_autofree char *value = g_strstrip (g_strdup (colon + 1));

          v->r.i++;
          if (!read_header_value (v, key, value, line_no, error))
            return FALSE;
        }
    }

  /* what must be there */
  if (v->dimension == 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without a DIMENSION line"));
      return FALSE;
    }
  if (v->capacity == 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without a CAPACITY line (a CVRP instance needs the vehicle "
                   "capacity)"));
      return FALSE;
    }
  if (v->weight_type == WEIGHT_NONE)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without an EDGE_WEIGHT_TYPE line"));
      return FALSE;
    }
  if (v->weight_type != WEIGHT_EXPLICIT && !v->have_coords)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without a NODE_COORD_SECTION (EDGE_WEIGHT_TYPE on line %d "
                   "needs coordinates)"), v->weight_type_line);
      return FALSE;
    }
  if (v->weight_type == WEIGHT_EXPLICIT && !v->have_weights)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without an EDGE_WEIGHT_SECTION (EDGE_WEIGHT_TYPE EXPLICIT on "
                   "line %d)"), v->weight_type_line);
      return FALSE;
    }
  if (!v->have_demand)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without a DEMAND_SECTION"));
      return FALSE;
    }
  if (!v->have_depot)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (&v->r),
                 _("the file ends without a DEPOT_SECTION"));
      return FALSE;
    }
  if (v->demand[0] != 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, v->demand_line[0],
                 _("the depot (node 1) has demand %lld; it must be 0"),
                 (long long) v->demand[0]);
      return FALSE;
    }
  for (int k = 1; k < v->dimension; k++)
    if (v->demand[k] > v->capacity)
      {
        set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, v->demand_line[k],
                   _("node %d: demand %lld is above the vehicle CAPACITY %lld: no route can "
                     "serve it"), k + 1, (long long) v->demand[k], (long long) v->capacity);
        return FALSE;
      }
  return TRUE;
}

/* k of "-kN" at the end of an Augerat/Uchoa name, or -1. */
static int
vehicles_from_name (const char *name)
{
  const char *k;
  gint64 n;

  if (name == NULL)
    return -1;
  k = strrchr (name, 'k');
  if (k == NULL || k == name || k[-1] != '-')
    return -1;
  if (!g_ascii_string_to_signed (k + 1, 10, 1, G_MAXINT / 2, &n, NULL))
    return -1;
  return (int) n;
}

/* N of "No of trucks: N" in an Augerat COMMENT, or -1. */
static int
vehicles_from_comment (const char *comment)
{
  const char *p;

  if (comment == NULL)
    return -1;
  p = strstr (comment, "No of trucks:");
  if (p == NULL)
    return -1;
  p += strlen ("No of trucks:");
  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (*p))
    return -1;
  return (int) g_ascii_strtoll (p, NULL, 10);
}

static JcRouteProblem *
build_vrp (Vrp               *v,
           const char        *file,
           gboolean           limit_fleet,
           JcRouteInstance  **out_instance)
{
  int n = v->dimension;
  JcRouteProblem *p = jc_route_problem_new (1, n - 1, 1);
  JcRouteInstance *inst = g_new0 (JcRouteInstance, 1);
  int from_comment = vehicles_from_comment (v->comment);

  inst->name = v->name != NULL ? g_strdup (v->name) : g_path_get_basename (file);
  inst->comment = g_strdup (v->comment);
  inst->format = JC_ROUTE_FORMAT_VRP;
  inst->dimension = n;
  inst->capacity = v->capacity;
  inst->scale = v->weight_type == WEIGHT_EXACT_2D ? 1000 : 1;
  if (v->vehicles > 0)
    {
      inst->vehicles = v->vehicles;
      inst->fleet_is_limit = TRUE;
    }
  else if (from_comment > 0)
    {
      inst->vehicles = from_comment;
      inst->fleet_is_limit = TRUE;
    }
  else
    {
      inst->vehicles = vehicles_from_name (inst->name);
      inst->fleet_is_limit = FALSE;
    }
  inst->distance_limit = v->distance >= 0 ? (gint64) llround (v->distance * inst->scale)
                                          : JC_ROUTE_NO_LIMIT;
  inst->service_time = (gint64) llround (v->service_time * inst->scale);
  if (v->have_coords)
    {
      inst->x = g_memdup2 (v->x, sizeof (double) * n);
      inst->y = g_memdup2 (v->y, sizeof (double) * n);
    }

  if (v->weight_type == WEIGHT_EXPLICIT)
    memcpy (p->dist, v->weights, sizeof (gint64) * (gsize) n * (gsize) n);
  else
    fill_from_coords (p, v->x, v->y,
                      v->weight_type == WEIGHT_EXACT_2D ? dist_exact_2d : dist_euc_2d);
  for (int k = 0; k < n; k++)
    {
      p->demand[k] = k == 0 ? 0 : v->demand[k];
      p->service[k] = k == 0 ? 0 : inst->service_time;
    }
  p->types[0].depot = 0;
  p->types[0].capacity = v->capacity;
  p->types[0].earliest = 0;
  p->types[0].latest = inst->distance_limit;
  p->types[0].count = limit_fleet && inst->vehicles > 0 ? inst->vehicles : -1;
  p->types[0].time = NULL;

  if (out_instance != NULL)
    *out_instance = inst;
  else
    jc_route_instance_free (inst);
  return p;
}

/* ---- Solomon VRPTW --------------------------------------------------- */

typedef struct {
  double x, y;
  gint64 demand, ready, due, service;
  int    line;
} SolomonRow;

/* The next non-blank line's index, or n_lines. */
static int
next_nonblank (const Reader *r,
               int           i)
{
  while (i < r->n_lines && is_blank (r->lines[i]))
    i++;
  return i;
}

static gboolean
word_line_is (const char *line,
              const char *word)
{
  g_autofree char *s = g_strstrip (g_strdup (line));

  return g_ascii_strcasecmp (s, word) == 0;
}

static gboolean
solomon_time (const char *file,
              int         line,
              const char *what,
              const char *text,
              gint64     *out,
              GError    **error)
{
  double d;

  if (!parse_double (text, &d))
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, line,
                 _("%s “%s” is not a number"), what, text);
      return FALSE;
    }
  if (d < 0)
    {
      set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, line,
                 _("%s %s is negative"), what, text);
      return FALSE;
    }
  *out = (gint64) llround (d * 10.0);
  return TRUE;
}

static JcRouteProblem *
parse_solomon (Reader            *r,
               gboolean           limit_fleet,
               JcRouteInstance  **out_instance,
               GError           **error)
{
  const char *file = r->file;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SolomonRow));
  g_autofree char *name = NULL;
  gint64 number = 0, capacity = 0;
  int i, n;
  JcRouteProblem *p;
  JcRouteInstance *inst;

  i = next_nonblank (r, 0);
  name = g_strstrip (g_strdup (r->lines[i]));
  i = next_nonblank (r, i + 1);
  if (i >= r->n_lines || !word_line_is (r->lines[i], "VEHICLE"))
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, MIN (i + 1, last_line (r)),
                 _("a Solomon file has a VEHICLE block after the name line"));
      return NULL;
    }
  i = next_nonblank (r, i + 1);
  if (i >= r->n_lines || strstr (r->lines[i], "NUMBER") == NULL
      || strstr (r->lines[i], "CAPACITY") == NULL)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, MIN (i + 1, last_line (r)),
                 _("the VEHICLE block needs its “NUMBER CAPACITY” header"));
      return NULL;
    }
  i = next_nonblank (r, i + 1);
  if (i >= r->n_lines)
    {
      set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, last_line (r),
                 _("the file ends inside the VEHICLE block"));
      return NULL;
    }
  else
    {
      g_auto(GStrv) w = split_words (r->lines[i]);

      if (g_strv_length (w) != 2 || !parse_int (w[0], &number) || !parse_whole (w[1], &capacity))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, i + 1,
                     _("the VEHICLE line must be two whole numbers, NUMBER and CAPACITY"));
          return NULL;
        }
      if (number <= 0 || number > G_MAXINT / 2)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("vehicle NUMBER %lld must be positive"), (long long) number);
          return NULL;
        }
      if (capacity > MAX_CAPACITY)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("vehicle CAPACITY %lld is too large (at most %lld)"), (long long) capacity,
                     (long long) MAX_CAPACITY);
          return NULL;
        }
      if (capacity <= 0)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("vehicle CAPACITY %lld must be positive"), (long long) capacity);
          return NULL;
        }
    }
  i = next_nonblank (r, i + 1);
  if (i >= r->n_lines || !word_line_is (r->lines[i], "CUSTOMER"))
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, MIN (i + 1, last_line (r)),
                 _("the CUSTOMER block must follow the VEHICLE block"));
      return NULL;
    }
  i = next_nonblank (r, i + 1);
  if (i >= r->n_lines || strstr (r->lines[i], "CUST") == NULL)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, MIN (i + 1, last_line (r)),
                 _("the CUSTOMER block needs its column header (CUST NO. XCOORD. …)"));
      return NULL;
    }
  for (i = i + 1; i < r->n_lines; i++)
    {
      g_auto(GStrv) w = NULL;
      SolomonRow row = { 0 };
      gint64 id;

      if (is_blank (r->lines[i]))
        continue;
      w = split_words (r->lines[i]);
      if (g_strv_length (w) != 7)
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, i + 1,
                     _("a customer row has 7 numbers (CUST NO., XCOORD., YCOORD., DEMAND, "
                       "READY TIME, DUE DATE, SERVICE TIME), not %u"), g_strv_length (w));
          return NULL;
        }
      if (!parse_int (w[0], &id))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, i + 1,
                     _("customer number “%s” is not a whole number"), w[0]);
          return NULL;
        }
      if (id != (gint64) rows->len)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("customer %lld where customer %u was expected (rows are numbered 0, 1, "
                       "2 … with the depot first; a duplicate or a gap)"),
                     (long long) id, rows->len);
          return NULL;
        }
      if (rows->len >= JC_ROUTE_IO_MAX_NODES)
        {
          set_error (error, JC_ROUTE_IO_ERROR_UNSUPPORTED, file, i + 1,
                     ngettext ("more than the %d node this program accepts",
                               "more than the %d nodes this program accepts", JC_ROUTE_IO_MAX_NODES),
                     JC_ROUTE_IO_MAX_NODES);
          return NULL;
        }
      if (!parse_double (w[1], &row.x) || !parse_double (w[2], &row.y)
          || fabs (row.x) > MAX_COORD || fabs (row.y) > MAX_COORD)
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, i + 1,
                     _("customer %lld: coordinates “%s %s” are not numbers"),
                     (long long) id, w[1], w[2]);
          return NULL;
        }
      if (!parse_whole (w[3], &row.demand))
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, file, i + 1,
                     _("customer %lld: demand “%s” is not a whole number"), (long long) id, w[3]);
          return NULL;
        }
      if (row.demand < 0)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("customer %lld: demand %lld is negative"), (long long) id,
                     (long long) row.demand);
          return NULL;
        }
      if (id == 0 && row.demand != 0)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("the depot (customer 0) has demand %lld; it must be 0"),
                     (long long) row.demand);
          return NULL;
        }
      if (row.demand > capacity)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("customer %lld: demand %lld is above the vehicle CAPACITY %lld: no route "
                       "can serve it"), (long long) id, (long long) row.demand,
                     (long long) capacity);
          return NULL;
        }
      /* the file's own column names, not translated */
      if (!solomon_time (file, i + 1, "READY TIME", w[4], &row.ready, error)
          || !solomon_time (file, i + 1, "DUE DATE", w[5], &row.due, error)
          || !solomon_time (file, i + 1, "SERVICE TIME", w[6], &row.service, error))
        return NULL;
      if (row.due < row.ready)
        {
          set_error (error, JC_ROUTE_IO_ERROR_VALUE, file, i + 1,
                     _("customer %lld: DUE DATE %s is before READY TIME %s"),
                     (long long) id, w[5], w[4]);
          return NULL;
        }
      row.line = i + 1;
      g_array_append_val (rows, row);
    }
  if (rows->len < 2)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, file, last_line (r),
                 _("the file ends before the depot and at least one customer are given"));
      return NULL;
    }

  n = (int) rows->len;
  p = jc_route_problem_new (1, n - 1, 1);
  inst = g_new0 (JcRouteInstance, 1);
  inst->name = g_strdup (name);
  inst->format = JC_ROUTE_FORMAT_SOLOMON;
  inst->dimension = n;
  inst->capacity = capacity;
  inst->vehicles = (int) number;
  inst->fleet_is_limit = TRUE;
  inst->scale = 10;
  inst->distance_limit = JC_ROUTE_NO_LIMIT;
  inst->x = g_new (double, n);
  inst->y = g_new (double, n);
  for (int k = 0; k < n; k++)
    {
      const SolomonRow *row = &g_array_index (rows, SolomonRow, k);

      inst->x[k] = row->x;
      inst->y[k] = row->y;
      p->demand[k] = row->demand;
      p->ready[k] = k == 0 ? 0 : row->ready;
      p->due[k] = k == 0 ? JC_ROUTE_NO_LIMIT : row->due;
      p->service[k] = k == 0 ? 0 : row->service;
    }
  fill_from_coords (p, inst->x, inst->y, dist_solomon);
  p->types[0].depot = 0;
  p->types[0].capacity = capacity;
  p->types[0].earliest = g_array_index (rows, SolomonRow, 0).ready;
  p->types[0].latest = g_array_index (rows, SolomonRow, 0).due;
  p->types[0].count = limit_fleet ? (int) number : -1;
  p->types[0].time = NULL;
  if (out_instance != NULL)
    *out_instance = inst;
  else
    jc_route_instance_free (inst);
  return p;
}

/* ---- entry points -------------------------------------------------- */

/* Solomon: a name line, then a line "VEHICLE" (blank lines between). */
static gboolean
looks_solomon (const Reader *r)
{
  int i = next_nonblank (r, 0);

  if (i >= r->n_lines)
    return FALSE;
  i = next_nonblank (r, i + 1);
  return i < r->n_lines && word_line_is (r->lines[i], "VEHICLE");
}

JcRouteProblem *
jc_route_read_data (const char       *name_for_messages,
                    const char       *data,
                    gsize             length,
                    gboolean          limit_fleet,
                    JcRouteInstance **out_instance,
                    GError          **error)
{
  Vrp v = { 0 };
  JcRouteProblem *p = NULL;

  g_return_val_if_fail (name_for_messages != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_instance != NULL)
    *out_instance = NULL;
  if (!check_text (name_for_messages, data, length, error))
    return NULL;
  reader_init (&v.r, name_for_messages, data, length);
  if (next_nonblank (&v.r, 0) >= v.r.n_lines)
    set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, name_for_messages, last_line (&v.r),
               _("the file has only blank lines"));
  else if (looks_solomon (&v.r))
    p = parse_solomon (&v.r, limit_fleet, out_instance, error);
  else
    {
      int first = next_nonblank (&v.r, 0);
      g_autofree char *section = section_name (v.r.lines[first]);

      if (strchr (v.r.lines[first], ':') == NULL && section[0] == '\0')
        set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, name_for_messages, first + 1,
                   _("not a TSPLIB/CVRPLIB .vrp file (no “KEYWORD : value” line) nor a Solomon "
                     "file (no VEHICLE block after the name)"));
      else if (parse_vrp (&v, error))
        p = build_vrp (&v, name_for_messages, limit_fleet, out_instance);
    }
  vrp_clear (&v);
  return p;
}

JcRouteProblem *
jc_route_read_file (const char       *path,
                    gboolean          limit_fleet,
                    JcRouteInstance **out_instance,
                    GError          **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_instance != NULL)
    *out_instance = NULL;
  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, JC_ROUTE_IO_ERROR, JC_ROUTE_IO_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, local->message);
      return NULL;
    }
  return jc_route_read_data (path, data, length, limit_fleet, out_instance, error);
}

static int
scale_decimals (gint64 scale)
{
  int d = 0;

  while (scale >= 10)
    {
      scale /= 10;
      d++;
    }
  return d;
}

/* value / scale with the scale's decimals, exactly (no floating point). */
static void
append_scaled (GString *s,
               gint64   value,
               gint64   scale)
{
  int decimals = scale_decimals (scale);

  if (decimals == 0)
    {
      g_string_append_printf (s, "%lld", (long long) value);
      return;
    }
  g_string_append_printf (s, "%s%lld.%0*lld", value < 0 ? "-" : "",
                          (long long) (ABS (value) / scale), decimals,
                          (long long) (ABS (value) % scale));
}

char *
jc_route_format_sol (const JcRouteInstance *instance,
                     const JcRouteProblem  *problem,
                     const JcRouteSolution *solution)
{
  GString *s = g_string_new (NULL);
  int k = 0;
  gint64 total = 0;

  g_return_val_if_fail (instance != NULL, NULL);
  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (solution != NULL, NULL);

  for (int r = 0; r < solution->n_routes; r++)
    {
      const JcRoute *route = &solution->routes[r];

      if (route->n_stops == 0)
        continue;
      g_string_append_printf (s, "Route #%d:", ++k);
      for (int i = 0; i < route->n_stops; i++)
        g_string_append_printf (s, " %d", route->stops[i] - problem->n_depots + 1);
      g_string_append_c (s, '\n');
      total += route->distance;
    }
  g_string_append (s, "Cost ");
  append_scaled (s, total, instance->scale > 0 ? instance->scale : 1);
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

JcRouteSolution *
jc_route_read_sol (const char            *path,
                   const JcRouteProblem  *problem,
                   double                *cost,
                   GError               **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GArray) routes = NULL;
  JcRouteSolution *sol;
  gboolean have_cost = FALSE;
  gsize length = 0;
  Reader r = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (problem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, JC_ROUTE_IO_ERROR, JC_ROUTE_IO_ERROR_READ,
                   _("%s: cannot read the file: %s"), path, local->message);
      return NULL;
    }
  if (!check_text (path, data, length, error))
    return NULL;
  routes = g_array_new (FALSE, TRUE, sizeof (JcRoute));
  reader_init (&r, path, data, length);
  for (int i = 0; i < r.n_lines; i++)
    {
      const char *line = r.lines[i];
      g_autofree char *trimmed = g_strstrip (g_strdup (line));

      if (trimmed[0] == '\0')
        continue;
      if (g_str_has_prefix (trimmed, "Route"))
        {
          const char *colon = strchr (trimmed, ':');
          g_auto(GStrv) w = NULL;
          JcRoute route = { 0 };
          guint n_words;

          if (colon == NULL)
            {
              set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, path, i + 1,
                         _("a route line is “Route #k: customer customer …”"));
              goto fail;
            }
          w = split_words (colon + 1);
          n_words = g_strv_length (w);
          route.type = 0;
          route.n_stops = (int) n_words;
          route.stops = g_new0 (int, MAX (n_words, 1));
          route.arrival = g_new0 (gint64, MAX (n_words, 1));
          route.start = g_new0 (gint64, MAX (n_words, 1));
          g_array_append_val (routes, route);
          for (guint k = 0; k < n_words; k++)
            {
              gint64 c;
              int n_customers = problem->n_nodes - problem->n_depots;

              if (!parse_int (w[k], &c))
                {
                  set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, path, i + 1,
                             _("customer “%s” is not a whole number"), w[k]);
                  goto fail;
                }
              if (c < 1 || c > n_customers)
                {
                  set_error (error, JC_ROUTE_IO_ERROR_VALUE, path, i + 1,
                             _("customer %lld is out of range 1…%d"), (long long) c, n_customers);
                  goto fail;
                }
              g_array_index (routes, JcRoute, routes->len - 1).stops[k]
                = (int) c + problem->n_depots - 1;
            }
        }
      else if (g_str_has_prefix (trimmed, "Cost"))
        {
          double c;
          g_autofree char *value = g_strstrip (g_strdup (trimmed + 4));

          if (!parse_double (value, &c))
            {
              set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, path, i + 1,
                         _("Cost “%s” is not a number"), value);
              goto fail;
            }
          if (cost != NULL)
            *cost = c;
          have_cost = TRUE;
        }
      else
        {
          set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, path, i + 1,
                     _("neither a “Route #k:” line nor a “Cost” line"));
          goto fail;
        }
    }
  if (!have_cost)
    {
      set_error (error, JC_ROUTE_IO_ERROR_MISSING, path, last_line (&r),
                 _("the file ends without a “Cost” line"));
      goto fail;
    }
  reader_clear (&r);
  sol = g_new0 (JcRouteSolution, 1);
  sol->n_routes = (int) routes->len;
  sol->routes = (JcRoute *) (void *) g_array_free (g_steal_pointer (&routes), FALSE);
  jc_route_solution_update (problem, sol);
  return sol;

fail:
  for (guint k = 0; k < routes->len; k++)
    {
      JcRoute *route = &g_array_index (routes, JcRoute, k);

      g_free (route->stops);
      g_free (route->arrival);
      g_free (route->start);
    }
  reader_clear (&r);
  return NULL;
}
