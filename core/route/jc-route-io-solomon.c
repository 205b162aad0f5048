/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io-solomon.c: the Solomon VRPTW `.txt` reader — the name, the
 * VEHICLE block (number, capacity), the CUSTOMER table with its time
 * windows and service times; distances truncated to one decimal as the
 * benchmark counts them.  A bad file gets one message naming the file, the
 * line and what is wrong.  It must not solve or write anything. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io-private.h"

/* ---- Solomon VRPTW --------------------------------------------------- */

typedef struct {
  double x, y;
  gint64 demand, ready, due, service;
  int    line;
} SolomonRow;

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

JcRouteProblem *
_jc_route_io_read_solomon (Reader            *r,
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
