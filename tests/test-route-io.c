/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The benchmark instance formats (jc-route-io): what is read from real
 * CVRPLIB / Solomon files and from hand-written EXPLICIT matrices, the
 * published solutions read back and found feasible at their printed cost,
 * every kind of bad file refused with FILE:LINE, the .sol text exactly, and
 * `jicai-cli route solve` as a user runs it. */
#include "config.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"
#include "jc-route-io.h"
#include "jc-route.h"

static char *
fixture (const char *name)
{
  const char *dir = g_getenv ("JICAI_TEST_DATA");

  assert_non_null (dir);
  return g_build_filename (dir, "cvrp", name, NULL);
}

static JcRouteProblem *
read_fixture (const char       *name,
              gboolean          limit_fleet,
              JcRouteInstance **inst)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  JcRouteProblem *p = jc_route_read_file (path, limit_fleet, inst, &error);

  if (p == NULL)
    fail_msg ("%s: %s", name, error->message);
  return p;
}

static gint64
d (const JcRouteProblem *p,
   int                   i,
   int                   j)
{
  return jc_route_dist (p, i, j);
}

/* ---- real files ----------------------------------------------------- */

static void
test_read_augerat (void **state)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("A-n32-k5.vrp", TRUE, &inst);

  (void) state;
  assert_string_equal (inst->name, "A-n32-k5");
  assert_int_equal (inst->format, JC_ROUTE_FORMAT_VRP);
  assert_int_equal (inst->dimension, 32);
  assert_int_equal (p->n_nodes, 32);
  assert_int_equal (p->n_depots, 1);
  assert_int_equal (inst->capacity, 100);
  assert_int_equal (inst->scale, 1);
  assert_int_equal (inst->vehicles, 5);
  assert_true (inst->fleet_is_limit);   /* "No of trucks: 5" */
  assert_int_equal (p->n_types, 1);
  assert_int_equal (p->types[0].capacity, 100);
  assert_int_equal (p->types[0].count, 5);
  assert_int_equal (p->demand[0], 0);
  assert_int_equal (p->demand[1], 19);
  assert_int_equal (p->demand[2], 21);
  /* node 1 (82,76), node 2 (96,44): √1220 = 34.93 → 35; node 3 (50,5):
   * √6065 = 77.88 → 78 (TSPLIB nint) */
  assert_int_equal (d (p, 0, 1), 35);
  assert_int_equal (d (p, 1, 0), 35);
  assert_int_equal (d (p, 0, 2), 78);
  assert_int_equal (d (p, 5, 5), 0);
  assert_true (inst->x[0] == 82 && inst->y[0] == 76);

  /* unlimited on request */
  {
    g_autoptr(JcRouteProblem) q = read_fixture ("A-n32-k5.vrp", FALSE, NULL);

    assert_int_equal (q->types[0].count, -1);
  }
}

static void
test_read_augerat_p (void **state)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("P-n16-k8.vrp", TRUE, &inst);

  (void) state;
  assert_int_equal (inst->dimension, 16);
  assert_int_equal (inst->capacity, 35);
  assert_int_equal (inst->vehicles, 8);
  assert_int_equal (p->demand[2], 30);
  assert_int_equal (p->demand[15], 11);
  /* (30,40)–(37,52): √193 = 13.89 → 14 */
  assert_int_equal (d (p, 0, 1), 14);
}

static void
test_read_exact_2d (void **state)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("CMT1.vrp", TRUE, &inst);

  (void) state;
  assert_int_equal (inst->dimension, 51);
  assert_int_equal (inst->capacity, 160);
  assert_int_equal (inst->scale, 1000);
  assert_int_equal (inst->vehicles, 5);      /* VEHICLES : 5 */
  assert_true (inst->fleet_is_limit);
  assert_string_equal (inst->comment, "524.61");
  /* (30,40)–(37,52): √193 = 13.892443… → 13892 thousandths */
  assert_int_equal (d (p, 0, 1), 13892);
}

static void
test_read_solomon (void **state)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("C101.txt", TRUE, &inst);

  (void) state;
  assert_string_equal (inst->name, "C101");
  assert_int_equal (inst->format, JC_ROUTE_FORMAT_SOLOMON);
  assert_int_equal (inst->dimension, 101);
  assert_int_equal (inst->capacity, 200);
  assert_int_equal (inst->vehicles, 25);
  assert_true (inst->fleet_is_limit);
  assert_int_equal (inst->scale, 10);
  assert_int_equal (p->types[0].count, 25);
  /* the depot's window is the vehicles' working day, ×10 */
  assert_int_equal (p->types[0].earliest, 0);
  assert_int_equal (p->types[0].latest, 12360);
  /* customer 1: 45 68 10 912 967 90 */
  assert_int_equal (p->demand[1], 10);
  assert_int_equal (p->ready[1], 9120);
  assert_int_equal (p->due[1], 9670);
  assert_int_equal (p->service[1], 900);
  /* (40,50)–(45,68): √349 = 18.681… truncated to 18.6 → 186, not 187 */
  assert_int_equal (d (p, 0, 1), 186);
  /* (45,68)–(45,70) = 2 exactly → 20 */
  assert_int_equal (d (p, 1, 2), 20);
  /* travel time is the distance */
  assert_null (p->time);
}

/* ---- EXPLICIT formats, hand-written ---------------------------------- */

#define EXPLICIT_HEAD(fmt)                                                   \
  "NAME : m4\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EXPLICIT\n"    \
  "EDGE_WEIGHT_FORMAT : " fmt "\nCAPACITY : 10\nEDGE_WEIGHT_SECTION\n"
#define EXPLICIT_TAIL                                                        \
  "DEMAND_SECTION\n1 0\n2 1\n3 2\n4 3\nDEPOT_SECTION\n1\n-1\nEOF\n"

static JcRouteProblem *
read_text (const char       *name,
           const char       *text,
           JcRouteInstance **inst,
           GError          **error)
{
  return jc_route_read_data (name, text, strlen (text), TRUE, inst, error);
}

static void
test_explicit_formats (void **state)
{
  /* the symmetric matrix d01=3 d02=5 d03=7 d12=4 d13=6 d23=2, written five
   * ways, with the numbers spread over lines differently each time */
  static const char *const files[] = {
    EXPLICIT_HEAD ("FULL_MATRIX") "0 3 5 7\n3 0 4 6\n5 4 0 2\n7 6 2 0\n" EXPLICIT_TAIL,
    EXPLICIT_HEAD ("UPPER_ROW") "3 5 7 4\n6 2\n" EXPLICIT_TAIL,
    EXPLICIT_HEAD ("UPPER_DIAG_ROW") "0 3 5 7\n0 4 6\n0 2\n0\n" EXPLICIT_TAIL,
    EXPLICIT_HEAD ("LOWER_ROW") "3\n5 4\n7 6 2\n" EXPLICIT_TAIL,
    EXPLICIT_HEAD ("LOWER_DIAG_ROW") "0 3 0 5 4 0 7 6 2 0\n" EXPLICIT_TAIL,
  };
  static const gint64 want[4][4] = {
    { 0, 3, 5, 7 }, { 3, 0, 4, 6 }, { 5, 4, 0, 2 }, { 7, 6, 2, 0 },
  };

  (void) state;
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JcRouteInstance) inst = NULL;
      g_autoptr(JcRouteProblem) p = read_text ("m4.vrp", files[f], &inst, &error);

      if (p == NULL)
        fail_msg ("format %u: %s", f, error->message);
      assert_int_equal (inst->scale, 1);
      assert_null (inst->x);
      assert_int_equal (p->demand[3], 3);
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
          if (d (p, i, j) != want[i][j])
            fail_msg ("format %u: d(%d,%d) = %lld, want %lld", f, i, j,
                      (long long) d (p, i, j), (long long) want[i][j]);
    }
}

static void
test_explicit_asymmetric (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteProblem) p =
    read_text ("a.vrp", EXPLICIT_HEAD ("FULL_MATRIX")
               "0 1 2 3\n10 0 4 5\n20 40 0 6\n30 50 60 0\n" EXPLICIT_TAIL, NULL, &error);

  (void) state;
  assert_non_null (p);
  assert_int_equal (d (p, 0, 1), 1);
  assert_int_equal (d (p, 1, 0), 10);
  assert_int_equal (d (p, 3, 2), 60);
  assert_int_equal (d (p, 2, 3), 6);
}

/* DISTANCE (route length) and SERVICE_TIME become the vehicles' latest
 * return and each customer's service time, in the instance's scale. */
static void
test_distance_service (void **state)
{
  const char *text =
    "NAME : cmt-like\nTYPE : CVRP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EXACT_2D\n"
    "CAPACITY : 10\nDISTANCE : 200\nSERVICE_TIME : 10\nVEHICLES : 2\n"
    "NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 3 4\nDEMAND_SECTION\n1 0\n2 1\n3 1\n"
    "DEPOT_SECTION\n1\n-1\nEOF\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_text ("c.vrp", text, &inst, &error);

  (void) state;
  if (p == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (inst->scale, 1000);
  assert_int_equal (p->types[0].latest, 200000);
  assert_int_equal (p->types[0].count, 2);
  assert_int_equal (p->service[0], 0);
  assert_int_equal (p->service[1], 10000);
  assert_int_equal (d (p, 0, 1), 1414);    /* √2 */
  assert_int_equal (d (p, 0, 2), 5000);
}

/* ---- the published solutions read back -------------------------------- */

static void
check_sol (const char *vrp,
           const char *sol,
           gboolean    limit_fleet,
           int         want_routes)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture (vrp, limit_fleet, &inst);
  g_autofree char *path = fixture (sol);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteSolution) s = NULL;
  double cost = -1, mine, tolerance;
  int edges = 0;

  s = jc_route_read_sol (path, p, &cost, &error);
  if (s == NULL)
    fail_msg ("%s: %s", sol, error->message);
  assert_int_equal (s->n_routes, want_routes);
  if (!jc_route_solution_check (p, s, &error))
    fail_msg ("%s: %s", sol, error->message);
  for (int r = 0; r < s->n_routes; r++)
    edges += s->routes[r].n_stops + 1;
  mine = (double) s->distance / (double) inst->scale;
  /* whole units: exact; CMT: printed to 2 decimals from unrounded
   * distances, ours rounds each edge to 1/1000 */
  tolerance = inst->scale == 1000 ? 0.005 + 0.0005 * edges : 1e-9;
  if (fabs (mine - cost) > tolerance)
    fail_msg ("%s: recomputed %.4f, printed %.4f", sol, mine, cost);
}

static void
test_sol_read_back (void **state)
{
  (void) state;
  check_sol ("A-n32-k5.vrp", "A-n32-k5.sol", TRUE, 5);
  check_sol ("P-n16-k8.vrp", "P-n16-k8.sol", TRUE, 8);
  check_sol ("CMT1.vrp", "CMT1.sol", TRUE, 5);
  check_sol ("C101.txt", "C101.sol", TRUE, 10);
  check_sol ("E-tiny-n5-k2.vrp", "E-tiny-n5-k2.sol", TRUE, 2);
}

static void
test_sol_exact_values (void **state)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("C101.txt", TRUE, &inst);
  g_autofree char *path = fixture ("C101.sol");
  g_autoptr(JcRouteSolution) s = NULL;
  double cost = 0;

  (void) state;
  s = jc_route_read_sol (path, p, &cost, NULL);
  assert_non_null (s);
  /* 827.3 is the CVRPLIB (truncated) cost: exactly 8273 tenths here */
  assert_int_equal (s->distance, 8273);
  assert_true (cost == 827.3);
  /* Route #1 starts 5 3 7: customers numbered as nodes */
  assert_int_equal (s->routes[0].stops[0], 5);
  assert_int_equal (s->routes[0].stops[2], 7);
}

static void
test_sol_bad (void **state)
{
  g_autoptr(JcRouteProblem) p = read_fixture ("P-n16-k8.vrp", TRUE, NULL);
  g_autofree char *dir = jc_test_tmpdir ();
  static const struct { const char *text; const char *want; } cases[] = {
    { "Route #1: 1 2\nRoute #2: 3 99\nCost 5\n", "x.sol:2: customer 99 is out of range 1…15" },
    { "Route #1: 1 two\nCost 5\n", "x.sol:1: customer “two” is not a whole number" },
    { "Route #1: 1 2\n", "x.sol:1: the file ends without a “Cost” line" },
    { "Route #1: 1 2\nTotal 7\nCost 5\n", "x.sol:2: neither" },
    { "Route #1: 1 2\nCost many\n", "x.sol:2: Cost “many” is not a number" },
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, "x.sol", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JcRouteSolution) s = NULL;

      assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      s = jc_route_read_sol (path, p, NULL, &error);
      assert_null (s);
      assert_non_null (error);
      if (strstr (error->message, cases[i].want) == NULL)
        fail_msg ("case %u: “%s” does not contain “%s”", i, error->message, cases[i].want);
    }
  jc_test_rmtree (dir);
}

/* Every instance of the shared benchmark data reads, and its published
 * solution is feasible (with the fleet `route solve` uses by default) at its
 * printed cost.  Skipped when ../shared/data is not there. */
static void
test_real_data (void **state)
{
  static const char *const sets[] = { "A", "B", "P", "CMT", "X", "solomon" };
  const char *shared = g_getenv ("JICAI_SHARED_DATA");
  g_autofree char *root = shared != NULL ? g_build_filename (shared, "cvrp", NULL) : NULL;
  int n_checked = 0;

  (void) state;
  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      print_message ("skipped: no benchmark data at %s\n", root != NULL ? root : "(unset)");
      g_clear_pointer (&root, g_free);  /* skip() jumps over the cleanup */
      skip ();
    }
  for (guint k = 0; k < G_N_ELEMENTS (sets); k++)
    {
      g_autofree char *dir = g_build_filename (root, sets[k], NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *entry;

      assert_non_null (d);
      while ((entry = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *sol = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(JcRouteInstance) inst = NULL;
          g_autoptr(JcRouteProblem) p = NULL;
          g_autoptr(JcRouteSolution) s = NULL;
          double cost = 0, mine, tolerance;
          int edges = 0;

          if (!g_str_has_suffix (entry, ".vrp") && !g_str_has_suffix (entry, ".txt"))
            continue;
          path = g_build_filename (dir, entry, NULL);
          p = jc_route_read_file (path, TRUE, &inst, &error);
          if (p == NULL)
            fail_msg ("%s", error->message);
          if (!inst->fleet_is_limit)
            p->types[0].count = -1;
          sol = g_strconcat (path, NULL);
          strcpy (sol + strlen (sol) - 4, ".sol");
          if (!g_file_test (sol, G_FILE_TEST_EXISTS))
            continue;   /* CMT5: only a non-BKS LKH tour under another name */
          s = jc_route_read_sol (sol, p, &cost, &error);
          if (s == NULL)
            fail_msg ("%s", error->message);
          if (!jc_route_solution_check (p, s, &error))
            fail_msg ("%s: %s", sol, error->message);
          for (int r = 0; r < s->n_routes; r++)
            edges += s->routes[r].n_stops + 1;
          mine = (double) s->distance / (double) inst->scale;
          tolerance = inst->scale == 1000 ? 0.005 + 0.0005 * edges : 1e-6;
          if (fabs (mine - cost) > tolerance)
            fail_msg ("%s: recomputed %.4f, printed %.4f", sol, mine, cost);
          n_checked++;
        }
    }
  /* 27 + 23 + 24 + 6 + 100 + 56 */
  assert_int_equal (n_checked, 236);
}

/* ---- bad files -------------------------------------------------------- */

/* A good tiny instance; each case changes a line of it. */
static const char *const tiny[] = {
  "NAME : t-n4-k2",                /* 1 */
  "TYPE : CVRP",                   /* 2 */
  "DIMENSION : 4",                 /* 3 */
  "EDGE_WEIGHT_TYPE : EUC_2D",     /* 4 */
  "CAPACITY : 10",                 /* 5 */
  "NODE_COORD_SECTION",            /* 6 */
  "1 0 0",                         /* 7 */
  "2 3 4",                         /* 8 */
  "3 6 8",                         /* 9 */
  "4 0 5",                         /* 10 */
  "DEMAND_SECTION",                /* 11 */
  "1 0",                           /* 12 */
  "2 4",                           /* 13 */
  "3 5",                           /* 14 */
  "4 6",                           /* 15 */
  "DEPOT_SECTION",                 /* 16 */
  " 1",                            /* 17 */
  " -1",                           /* 18 */
  "EOF",                           /* 19 */
};

/* The tiny file with line `line` (1-based) replaced by `with` (NULL:
 * removed), or cut after line `cut` when cut > 0. */
static char *
tiny_with (int         line,
           const char *with,
           int         cut)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < (int) G_N_ELEMENTS (tiny); i++)
    {
      if (cut > 0 && i >= cut)
        break;
      if (i + 1 == line)
        {
          if (with != NULL)
            g_string_append_printf (s, "%s\n", with);
          continue;
        }
      g_string_append_printf (s, "%s\n", tiny[i]);
    }
  return g_string_free (s, FALSE);
}

static void
expect_refused (const char *what,
                const char *text,
                gsize       length,
                int         code,
                const char *want_prefix,
                const char *want_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = jc_route_read_data ("t.vrp", text, length, TRUE, &inst, &error);

  if (p != NULL)
    fail_msg ("%s: accepted", what);
  assert_null (inst);
  assert_non_null (error);
  if (error->domain != JC_ROUTE_IO_ERROR || error->code != code)
    fail_msg ("%s: code %d (want %d): %s", what, error->code, code, error->message);
  if (!g_str_has_prefix (error->message, want_prefix) || strstr (error->message, want_part) == NULL)
    fail_msg ("%s: “%s” (want “%s” … “%s”)", what, error->message, want_prefix, want_part);
}

static void
test_tiny_is_good (void **state)
{
  g_autofree char *text = tiny_with (0, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_text ("t.vrp", text, &inst, &error);

  (void) state;
  if (p == NULL)
    fail_msg ("%s", error->message);
  assert_int_equal (d (p, 0, 1), 5);     /* 3-4-5 */
  assert_int_equal (d (p, 0, 2), 10);
  /* -k2 in the name: the fleet when one asks for it, but not one the file
   * states (the X set's k is the minimum number of routes) */
  assert_int_equal (p->types[0].count, 2);
  assert_false (inst->fleet_is_limit);
}

static void
test_bad_vrp (void **state)
{
  static const struct {
    const char *what;
    int         line;        /* replaced */
    const char *with;        /* NULL: removed */
    int         cut;         /* > 0: file cut after this line */
    int         code;
    const char *prefix;
    const char *part;
  } cases[] = {
    { "non-numeric DIMENSION", 3, "DIMENSION : abc", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:3: ", "DIMENSION “abc” is not a whole number" },
    { "DIMENSION above the rows", 3, "DIMENSION : 5", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:11: ", "NODE_COORD_SECTION gives 4 nodes, but DIMENSION is 5" },
    { "DIMENSION below the rows", 3, "DIMENSION : 3", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:10: ", "NODE_COORD_SECTION has more rows than DIMENSION 3" },
    { "huge DIMENSION", 3, "DIMENSION : 200000", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:3: ", "above the 20000 nodes" },
    { "non-numeric coordinate", 8, "2 3 x", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:8: ", "are not numbers" },
    { "short coordinate row", 8, "2 3", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:8: ", "a node number and 2 values" },
    { "duplicate node", 9, "2 6 8", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:9: ", "node 2 is given twice" },
    { "node 0", 7, "0 0 0", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:7: ", "node 0 is out of range" },
    { "negative demand", 14, "3 -5", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:14: ", "demand -5 is negative" },
    { "non-numeric demand", 14, "3 five", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:14: ", "demand “five” is not a whole number" },
    { "demand above capacity", 14, "3 11", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:14: ", "demand 11 is above the vehicle CAPACITY 10" },
    { "depot with demand", 12, "1 2", 0, JC_ROUTE_IO_ERROR_VALUE,
      "t.vrp:12: ", "the depot (node 1) has demand 2" },
    { "unknown EDGE_WEIGHT_TYPE", 4, "EDGE_WEIGHT_TYPE : GEO", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:4: ", "EDGE_WEIGHT_TYPE “GEO” is not supported" },
    { "unknown TYPE", 2, "TYPE : TSP", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:2: ", "TYPE “TSP” is not supported" },
    { "missing CAPACITY", 5, NULL, 0, JC_ROUTE_IO_ERROR_MISSING,
      "t.vrp:18: ", "without a CAPACITY line" },
    { "non-numeric CAPACITY", 5, "CAPACITY : lots", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:5: ", "CAPACITY “lots” is not a whole number" },
    { "missing NODE_COORD_SECTION", 6, "NODE_COORDS", 0, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:6: ", "neither a “KEYWORD : value” line nor a section" },
    { "truncated in NODE_COORD_SECTION", 0, NULL, 8, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:8: ", "the file ends inside NODE_COORD_SECTION: 2 of the 4 nodes" },
    { "truncated in DEPOT_SECTION", 0, NULL, 17, JC_ROUTE_IO_ERROR_SYNTAX,
      "t.vrp:17: ", "ends inside DEPOT_SECTION" },
    { "no DEPOT_SECTION", 0, NULL, 15, JC_ROUTE_IO_ERROR_MISSING,
      "t.vrp:15: ", "without a DEPOT_SECTION" },
    { "no DEMAND_SECTION", 0, NULL, 10, JC_ROUTE_IO_ERROR_MISSING,
      "t.vrp:10: ", "without a DEMAND_SECTION" },
    { "second depot", 17, " 1 2", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:17: ", "only one depot" },
    { "depot not node 1", 17, " 3", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:17: ", "the depot is node 3" },
    { "time windows", 16, "TIME_WINDOW_SECTION", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:16: ", "TIME_WINDOW_SECTION is not supported" },
    { "unknown keyword", 2, "PICKUP : yes", 0, JC_ROUTE_IO_ERROR_UNSUPPORTED,
      "t.vrp:2: ", "unknown keyword “PICKUP”" },
  };

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tiny_with (cases[i].line, cases[i].with, cases[i].cut);

      expect_refused (cases[i].what, text, strlen (text), cases[i].code, cases[i].prefix,
                      cases[i].part);
    }
}

static void
test_bad_vrp_more (void **state)
{
  static const char binary[] = "NAME : x\nTYPE : CVRP\n\x7f" "ELF\x02\x01\x01\x00\x00garbage";
  static const char latin1[] = "NAME : caf\xe9\n";
  const char *coords_first =
    "NAME : x\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n";
  const char *few_weights =
    EXPLICIT_HEAD ("UPPER_ROW") "3 5 7\n4 6\n" EXPLICIT_TAIL;
  const char *many_weights =
    EXPLICIT_HEAD ("UPPER_ROW") "3 5 7\n4 6\n2 9\n" EXPLICIT_TAIL;
  const char *bad_format =
    "NAME : m4\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EXPLICIT\n"
    "EDGE_WEIGHT_FORMAT : UPPER_COL\n";
  const char *weights_eof = EXPLICIT_HEAD ("LOWER_ROW") "3\n5 4\n";
  const char *word_weight = EXPLICIT_HEAD ("LOWER_ROW") "3\n5 x\n7 6 2\n" EXPLICIT_TAIL;
  const char *no_coords =
    "NAME : x\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n"
    "DEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n";
  const char *neither = "hello world\nthis is not an instance\n";
  const char *no_weights =
    "NAME : x\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EXPLICIT\n"
    "EDGE_WEIGHT_FORMAT : FULL_MATRIX\nCAPACITY : 5\n"
    "DEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\nEOF\n";
  const char *no_dimension = "NAME : x\nTYPE : CVRP\nCAPACITY : 5\nEOF\n";
  const char *twice =
    "NAME : x\nTYPE : CVRP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 5\n"
    "NODE_COORD_SECTION\n1 0 0\n2 1 1\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n";

  (void) state;
  expect_refused ("binary", binary, sizeof binary - 1, JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:3: ", "binary data");
  expect_refused ("not UTF-8", latin1, sizeof latin1 - 1, JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:1: ", "binary data");
  expect_refused ("empty", "", 0, JC_ROUTE_IO_ERROR_SYNTAX, "t.vrp:1: ", "empty");
  expect_refused ("section before DIMENSION", coords_first, strlen (coords_first),
                  JC_ROUTE_IO_ERROR_MISSING, "t.vrp:2: ", "comes before DIMENSION");
  expect_refused ("too few weights", few_weights, strlen (few_weights), JC_ROUTE_IO_ERROR_VALUE,
                  "t.vrp:10: ", "EDGE_WEIGHT_SECTION gives 5 numbers, but UPPER_ROW needs 6");
  expect_refused ("too many weights", many_weights, strlen (many_weights),
                  JC_ROUTE_IO_ERROR_VALUE, "t.vrp:10: ", "more numbers than the 6");
  expect_refused ("unknown format", bad_format, strlen (bad_format),
                  JC_ROUTE_IO_ERROR_UNSUPPORTED, "t.vrp:5: ", "EDGE_WEIGHT_FORMAT “UPPER_COL”");
  expect_refused ("EOF in weights", weights_eof, strlen (weights_eof), JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:9: ", "ends inside EDGE_WEIGHT_SECTION: 3 of the 6");
  expect_refused ("word in weights", word_weight, strlen (word_weight), JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:9: ", "“x” is not a number");
  expect_refused ("no coordinates", no_coords, strlen (no_coords), JC_ROUTE_IO_ERROR_MISSING,
                  "t.vrp:12: ", "without a NODE_COORD_SECTION");
  expect_refused ("no weights", no_weights, strlen (no_weights), JC_ROUTE_IO_ERROR_MISSING,
                  "t.vrp:13: ", "without an EDGE_WEIGHT_SECTION");
  expect_refused ("no DIMENSION", no_dimension, strlen (no_dimension), JC_ROUTE_IO_ERROR_MISSING,
                  "t.vrp:4: ", "without a DIMENSION line");
  expect_refused ("section twice", twice, strlen (twice), JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:9: ", "NODE_COORD_SECTION is given twice");
  expect_refused ("neither format", neither, strlen (neither), JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:1: ", "not a TSPLIB/CVRPLIB .vrp file");
}

static void
test_bad_solomon (void **state)
{
  const char *head = "T1\n\nVEHICLE\nNUMBER     CAPACITY\n  3         50\n\nCUSTOMER\n"
                     "CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n"
                     "\n    0      40         50          0          0       1236          0\n";
  static const struct { const char *rows; int code; const char *prefix; const char *part; } cases[] = {
    { "    1      45         68         10        912        967         90\n"
      "    1      45         70         30        825        870         90\n",
      JC_ROUTE_IO_ERROR_VALUE, "t.vrp:12: ", "customer 1 where customer 2 was expected" },
    { "    1      45         6x         10        912        967         90\n",
      JC_ROUTE_IO_ERROR_SYNTAX, "t.vrp:11: ", "coordinates “45 6x” are not numbers" },
    { "    1      45         68         60        912        967         90\n",
      JC_ROUTE_IO_ERROR_VALUE, "t.vrp:11: ", "demand 60 is above the vehicle CAPACITY 50" },
    { "    1      45         68         -1        912        967         90\n",
      JC_ROUTE_IO_ERROR_VALUE, "t.vrp:11: ", "demand -1 is negative" },
    { "    1      45         68         10        912        900         90\n",
      JC_ROUTE_IO_ERROR_VALUE, "t.vrp:11: ", "DUE DATE 900 is before READY TIME 912" },
    { "    1      45         68         10        912\n",
      JC_ROUTE_IO_ERROR_SYNTAX, "t.vrp:11: ", "a customer row has 7 numbers" },
    { "",
      JC_ROUTE_IO_ERROR_MISSING, "t.vrp:10: ", "before the depot and at least one customer" },
  };
  const char *truncated = "T1\n\nVEHICLE\nNUMBER     CAPACITY\n";
  const char *depot_demand = "T1\nVEHICLE\nNUMBER CAPACITY\n3 50\nCUSTOMER\nCUST NO. X\n"
                             "0 40 50 5 0 1236 0\n1 45 68 10 912 967 90\n";

  (void) state;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (head, cases[i].rows, NULL);
      g_autofree char *what = g_strdup_printf ("solomon case %u", i);

      expect_refused (what, text, strlen (text), cases[i].code, cases[i].prefix, cases[i].part);
    }
  expect_refused ("solomon truncated", truncated, strlen (truncated), JC_ROUTE_IO_ERROR_SYNTAX,
                  "t.vrp:4: ", "ends inside the VEHICLE block");
  expect_refused ("solomon depot demand", depot_demand, strlen (depot_demand),
                  JC_ROUTE_IO_ERROR_VALUE, "t.vrp:7: ", "the depot (customer 0) has demand 5");
}

static void
test_missing_file (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteProblem) p = jc_route_read_file ("/nonexistent/x.vrp", TRUE, NULL, &error);

  (void) state;
  assert_null (p);
  assert_error (error, JC_ROUTE_IO_ERROR, JC_ROUTE_IO_ERROR_READ);
  assert_non_null (strstr (error->message, "/nonexistent/x.vrp"));
}

/* ---- the .sol text ------------------------------------------------------ */

static JcRouteSolution *
solution_of (const JcRouteProblem *p,
             const int            *a,
             int                   na,
             const int            *b,
             int                   nb)
{
  JcRouteSolution *s = g_new0 (JcRouteSolution, 1);

  s->n_routes = 3;
  s->routes = g_new0 (JcRoute, 3);
  s->routes[0].n_stops = na;
  s->routes[0].stops = g_memdup2 (a, sizeof (int) * na);
  s->routes[1].n_stops = 0;            /* an empty route is not printed */
  s->routes[1].stops = g_new0 (int, 1);
  s->routes[2].n_stops = nb;
  s->routes[2].stops = g_memdup2 (b, sizeof (int) * nb);
  jc_route_solution_update (p, s);
  return s;
}

static void
test_format_sol (void **state)
{
  static const int a[] = { 2, 1 }, b[] = { 3, 4 };
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("E-tiny-n5-k2.vrp", TRUE, &inst);
  g_autoptr(JcRouteSolution) s = solution_of (p, a, 2, b, 2);
  g_autofree char *text = jc_route_format_sol (inst, p, s);

  (void) state;
  /* 0→2→1→0 = 8+4+5, 0→3→4→0 = 6+3+9 */
  assert_string_equal (text, "Route #1: 2 1\nRoute #2: 3 4\nCost 35\n");
}

static void
test_format_sol_scaled (void **state)
{
  static const int a[] = { 1 }, b[] = { 2 };
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("CMT1.vrp", TRUE, &inst);
  g_autoptr(JcRouteSolution) s = solution_of (p, a, 1, b, 1);
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;

  (void) state;
  /* 2 × 13.892 + 2 × d(0,2): (30,40)-(49,49) = √442 = 21.023796 → 21.024 */
  assert_int_equal (d (p, 0, 2), 21024);
  text = jc_route_format_sol (inst, p, s);
  want = g_strdup ("Route #1: 1\nRoute #2: 2\nCost 69.832\n");
  assert_string_equal (text, want);
}

static void
test_format_sol_solomon (void **state)
{
  static const int a[] = { 5 }, b[] = { 98 };
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture ("C101.txt", TRUE, &inst);
  g_autoptr(JcRouteSolution) s = solution_of (p, a, 1, b, 1);
  g_autofree char *text = jc_route_format_sol (inst, p, s);
  g_autofree char *want = g_strdup_printf ("Route #1: 5\nRoute #2: 98\nCost %lld.%lld\n",
                                           (long long) (s->distance / 10),
                                           (long long) (s->distance % 10));

  (void) state;
  /* 0→5: (40,50)-(42,65) √229 = 15.13 → 151 tenths, both ways */
  assert_int_equal (d (p, 0, 5), 151);
  assert_string_equal (text, want);
  assert_non_null (strstr (text, "."));
}

/* ---- jicai-cli route solve ----------------------------------------------- */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
cli (const char *first,
     ...)
{
  const char *bin = g_getenv ("JICAI_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;
  va_list ap;

  assert_non_null (bin);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_ptr_array_add (argv, (gpointer) bin);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    fail_msg ("could not run %s: %s", bin, error->message);
  assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

/* Writes the printed .sol to a file, reads it back against the instance,
 * checks it and that the printed Cost is the recomputed one. */
static void
check_printed_sol (const char *vrp,
                   const char *text,
                   int         max_routes)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = read_fixture (vrp, TRUE, &inst);
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "out.sol", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteSolution) s = NULL;
  double cost = -1;

  assert_true (g_file_set_contents (path, text, -1, NULL));
  s = jc_route_read_sol (path, p, &cost, &error);
  if (s == NULL)
    fail_msg ("%s: %s\n%s", vrp, error->message, text);
  if (!jc_route_solution_check (p, s, &error))
    fail_msg ("%s: %s\n%s", vrp, error->message, text);
  assert_true (s->n_routes <= max_routes);
  assert_true (fabs ((double) s->distance / (double) inst->scale - cost) < 1e-9);
  jc_test_rmtree (dir);
}

static void
test_cli_solve (void **state)
{
  g_autofree char *path = fixture ("A-n32-k5.vrp");
  g_autoptr(Run) r1 = cli ("route", "solve", path, "--iterations", "3000", "--seed", "1", NULL);
  g_autoptr(Run) r2 = cli ("route", "solve", path, "--iterations", "3000", "--seed", "1", NULL);

  (void) state;
  if (r1->status != 0)
    fail_msg ("exit %d: %s", r1->status, r1->err);
  assert_true (g_str_has_prefix (r1->out, "Route #1: "));
  assert_non_null (strstr (r1->out, "\nCost "));
  /* the summary goes to stderr only on a terminal or with --verbose */
  assert_string_equal (r1->err, "");
  check_printed_sol ("A-n32-k5.vrp", r1->out, 5);
  /* same seed, same iterations: the same routes */
  assert_int_equal (r2->status, 0);
  assert_string_equal (r1->out, r2->out);
}

static void
test_cli_solve_solomon_json (void **state)
{
  g_autofree char *path = fixture ("C101.txt");
  g_autoptr(Run) r = cli ("route", "solve", path, "--iterations", "2000", "--verbose", NULL);
  g_autoptr(Run) j = cli ("route", "solve", path, "--iterations", "2000", "--json", NULL);
  cJSON *doc = NULL;

  (void) state;
  if (r->status != 0)
    fail_msg ("exit %d: %s", r->status, r->err);
  check_printed_sol ("C101.txt", r->out, 25);
  assert_true (g_str_has_prefix (r->err, "C101: "));
  assert_non_null (strstr (r->err, "iterations"));
  assert_int_equal (j->status, 0);
  doc = cJSON_Parse (j->out);
  assert_non_null (doc);
  assert_string_equal (cJSON_GetObjectItem (doc, "instance")->valuestring, "C101");
  assert_int_equal (cJSON_GetObjectItem (doc, "scale")->valueint, 10);
  assert_int_equal (cJSON_GetObjectItem (doc, "fleet")->valueint, 25);
  /* the JSON cost is the .sol's Cost */
  assert_non_null (strstr (r->out, cJSON_GetObjectItem (doc, "cost")->valuestring));
  cJSON_Delete (doc);
}

static void
test_cli_errors (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *bad = g_build_filename (dir, "bad.vrp", NULL);
  g_autofree char *good = fixture ("P-n16-k8.vrp");
  g_autofree char *text = tiny_with (3, "DIMENSION : four", 0);
  g_autofree char *want = NULL;

  (void) state;
  assert_true (g_file_set_contents (bad, text, -1, NULL));
  {
    g_autoptr(Run) r = cli ("route", "solve", bad, "--iterations", "10", NULL);

    want = g_strdup_printf ("%s:3: DIMENSION “four” is not a whole number", bad);
    assert_int_equal (r->status, 1);
    assert_string_equal (r->out, "");
    if (strstr (r->err, want) == NULL)
      fail_msg ("stderr: %s", r->err);
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", "/nonexistent/x.vrp", NULL);

    assert_int_equal (r->status, 1);
    assert_non_null (strstr (r->err, "/nonexistent/x.vrp: cannot read the file"));
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", good, "--seconds", "abc", NULL);

    assert_int_equal (r->status, 1);
    assert_string_equal (r->out, "");
    assert_non_null (strstr (r->err, "seconds: “abc” is not a number"));
  }
  {
    /* strtod() would read it as 16 seconds */
    g_autoptr(Run) r = cli ("route", "solve", good, "--seconds", "0x10", NULL);

    assert_int_equal (r->status, 1);
    assert_string_equal (r->out, "");
    assert_non_null (strstr (r->err, "seconds: “0x10” is not a number"));
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", good, "--seconds", "-3", NULL);

    assert_int_equal (r->status, 1);
    assert_non_null (strstr (r->err, "seconds: “-3” is out of range"));
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", good, "--fleet", "some", NULL);

    assert_int_equal (r->status, 1);
    assert_non_null (strstr (r->err, "fleet: “some”"));
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", NULL);

    assert_int_equal (r->status, 2);
  }
  {
    g_autoptr(Run) r = cli ("route", "solve", good, "--seconds", NULL);

    assert_int_equal (r->status, 2);
  }
  jc_test_rmtree (dir);
}

/* Ctrl-C: the best solution so far is printed, checked, and the exit is 1. */
static void
test_cli_interrupt (void **state)
{
  const char *bin = g_getenv ("JICAI_CLI");
  g_autofree char *path = fixture ("C101.txt");
  const char *argv[] = { bin, "route", "solve", path, "--seconds", "120", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  char buf[4096];
  ssize_t n;
  int out_fd, err_fd, wait_status = 0;
  GPid pid;
  gint64 started = g_get_monotonic_time ();

  (void) state;
  assert_non_null (bin);
  assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                         NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error));
  g_usleep (G_USEC_PER_SEC);
  kill (pid, SIGINT);
  while ((n = read (out_fd, buf, sizeof buf)) > 0)
    g_string_append_len (out, buf, n);
  while ((n = read (err_fd, buf, sizeof buf)) > 0)
    g_string_append_len (err, buf, n);
  close (out_fd);
  close (err_fd);
  assert_int_equal (waitpid (pid, &wait_status, 0), pid);
  g_spawn_close_pid (pid);
  /* well before the 120 s */
  assert_true (g_get_monotonic_time () - started < 60 * G_USEC_PER_SEC);
  assert_true (WIFEXITED (wait_status));
  assert_int_equal (WEXITSTATUS (wait_status), 1);
  if (strstr (err->str, "interrupted after") == NULL)
    fail_msg ("stderr: %s", err->str);
  check_printed_sol ("C101.txt", out->str, 25);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_read_augerat),
    cmocka_unit_test (test_read_augerat_p),
    cmocka_unit_test (test_read_exact_2d),
    cmocka_unit_test (test_read_solomon),
    cmocka_unit_test (test_explicit_formats),
    cmocka_unit_test (test_explicit_asymmetric),
    cmocka_unit_test (test_distance_service),
    cmocka_unit_test (test_sol_read_back),
    cmocka_unit_test (test_sol_exact_values),
    cmocka_unit_test (test_sol_bad),
    cmocka_unit_test (test_real_data),
    cmocka_unit_test (test_tiny_is_good),
    cmocka_unit_test (test_bad_vrp),
    cmocka_unit_test (test_bad_vrp_more),
    cmocka_unit_test (test_bad_solomon),
    cmocka_unit_test (test_missing_file),
    cmocka_unit_test (test_format_sol),
    cmocka_unit_test (test_format_sol_scaled),
    cmocka_unit_test (test_format_sol_solomon),
    cmocka_unit_test (test_cli_solve),
    cmocka_unit_test (test_cli_solve_solomon_json),
    cmocka_unit_test (test_cli_errors),
    cmocka_unit_test (test_cli_interrupt),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
