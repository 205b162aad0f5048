/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-route: a routing instance (.vrp TSPLIB/CVRPLIB or Solomon, told by
 * the content) through jc_route_read_data(), with and without the fleet
 * limit; never solved. */
#include "fuzz-common.h"
#include "jc-route-io.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JcRouteInstance) instance = NULL;
  g_autoptr(JcRouteProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  gboolean limit_fleet = size > 0 && (data[size - 1] & 1);

  problem = jc_route_read_data ("fuzz.vrp", (const char *) data, size, limit_fleet,
                                &instance, &error);
  return 0;
}
