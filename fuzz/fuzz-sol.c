/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-sol: a CVRPLIB `.sol` file through jc_route_read_sol() from a file
 * under /tmp, against a fixed seven-customer instance. */
#include "fuzz-common.h"
#include "jc-route-io.h"

static JcRouteProblem *problem;

static const char instance_text[] =
  "NAME : fuzz-n8-k3\n"
  "TYPE : CVRP\n"
  "DIMENSION : 8\n"
  "EDGE_WEIGHT_TYPE : EUC_2D\n"
  "CAPACITY : 10\n"
  "NODE_COORD_SECTION\n"
  "1 0 0\n2 1 0\n3 2 0\n4 0 1\n5 0 2\n6 3 3\n7 5 1\n8 1 5\n"
  "DEMAND_SECTION\n"
  "1 0\n2 3\n3 3\n4 3\n5 3\n6 3\n7 3\n8 3\n"
  "DEPOT_SECTION\n 1\n -1\nEOF\n";

static void
free_problem (void)
{
  g_clear_pointer (&problem, jc_route_problem_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  problem = jc_route_read_data ("fuzz.vrp", instance_text, sizeof instance_text - 1,
                                FALSE, NULL, &error);
  if (problem == NULL)
    {
      g_printerr ("fuzz: instance: %s\n", error->message);
      abort ();
    }
  atexit (free_problem);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = fuzz_write_file ("fuzz.sol", data, size);
  g_autoptr(JcRouteSolution) solution = NULL;
  g_autoptr(GError) error = NULL;
  double cost = 0;

  solution = jc_route_read_sol (path, problem, &cost, &error);
  g_unlink (path);
  return 0;
}
