/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io-sol.c: the CVRPLIB `.sol` text — written from a solution
 * (routes as node numbers, the cost in the instance's own scale, exactly)
 * and read back against its instance, every route and node checked.  It
 * must not solve anything. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io-private.h"

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
