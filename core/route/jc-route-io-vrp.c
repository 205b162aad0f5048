/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io-vrp.c: the TSPLIB95 / CVRPLIB `.vrp` reader — keywords,
 * NODE_COORD / DEMAND / DEPOT sections, explicit weights in every matrix
 * layout.  Everything is checked before it is used; a bad file gets one
 * message naming the file, the line and what is wrong (through
 * set_error(), jc-route-io.c).  It must not solve or write anything. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io-private.h"

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

/* Reads the .vrp text in `r` (taken over: it is cleared here). */
JcRouteProblem *
_jc_route_io_read_vrp (Reader           *r,
                       gboolean          limit_fleet,
                       JcRouteInstance **out_instance,
                       GError          **error)
{
  Vrp v = { 0 };
  JcRouteProblem *p = NULL;
  const char *name_for_messages = r->file;
  int first = next_nonblank (r, 0);
  g_autofree char *section = section_name (r->lines[first]);

  v.r = *r;
  memset (r, 0, sizeof *r);
  if (strchr (v.r.lines[first], ':') == NULL && section[0] == '\0')
    set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, name_for_messages, first + 1,
               _("not a TSPLIB/CVRPLIB .vrp file (no “KEYWORD : value” line) nor a Solomon "
                 "file (no VEHICLE block after the name)"));
  else if (parse_vrp (&v, error))
    p = build_vrp (&v, name_for_messages, limit_fleet, out_instance);
  vrp_clear (&v);
  return p;
}
