/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-route-io.c: the entry points of the route file readers — tell a
 * Solomon file from a TSPLIB/CVRPLIB one and hand it to its reader
 * (jc-route-io-vrp.c, jc-route-io-solomon.c; the .sol text is in
 * jc-route-io-sol.c); the line reader, errors and distances they share
 * are jc-route-io-common.c.  This module never solves anything
 * (jc-route.c does) and holds no format's rules. */
#include "config.h"

#define G_LOG_DOMAIN "jc-route-io"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-route-io-private.h"

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
  Reader r = { 0 };
  JcRouteProblem *p = NULL;

  g_return_val_if_fail (name_for_messages != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_instance != NULL)
    *out_instance = NULL;
  if (!check_text (name_for_messages, data, length, error))
    return NULL;
  reader_init (&r, name_for_messages, data, length);
  if (next_nonblank (&r, 0) >= r.n_lines)
    set_error (error, JC_ROUTE_IO_ERROR_SYNTAX, name_for_messages, last_line (&r),
               _("the file has only blank lines"));
  else if (looks_solomon (&r))
    p = _jc_route_io_read_solomon (&r, limit_fleet, out_instance, error);
  else
    p = _jc_route_io_read_vrp (&r, limit_fleet, out_instance, error);
  reader_clear (&r);
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
