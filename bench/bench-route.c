/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the route solver on the public vehicle-routing sets
 * (Augerat A/B/P, Christofides–Mingozzi–Toth, Uchoa et al. X, Solomon
 * VRPTW), against each instance's best known cost.
 *
 *   bench-route [--sets A,B,P,X,CMT,solomon] [--seconds S] [--seed N]
 *               [--max-customers N] [--min-customers N] [--every K]
 *               [--offset O] [--jobs J] [--fleet limited|unlimited] [--markdown]
 *               [DATA_DIR]          (default ../shared/data/cvrp)
 *
 * Each instance is solved for S seconds of the solving thread's CPU time
 * (the machine may be shared), the answer is checked with
 * jc_route_solution_check, and the gap to the best known is printed:
 * the `.sol` Cost for A, B, P, X and Solomon (CVRPLIB's one-decimal
 * truncation), the COMMENT for CMT.  The fleet follows `jicai-cli route
 * solve`'s default: limited where the file states it (Augerat, CMT,
 * Solomon), not for X.  Not a test: it prints figures; docs/BENCHMARKS.md
 * records them. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jc-route-io.h"
#include "jc-route.h"

typedef struct {
  char     *set;
  char     *path;
  char     *name;
  int       customers;
  /* results */
  gboolean  done;
  char     *error;        /* a failure: read, solve or check */
  double    best_known;   /* < 0: none */
  char     *best_text;
  double    found;
  char     *found_text;
  double    gap;          /* percent; NAN without a best known */
  int       routes;
  double    seconds;
  guint64   iterations;
} Job;

typedef struct {
  GMutex    lock;
  GCond     cond;
  double    seconds;
  guint64   seed;
  int       fleet;        /* -1 default, 0 unlimited, 1 limited */
} Shared;

static Shared shared;

static void
job_free (Job *j)
{
  g_free (j->set);
  g_free (j->path);
  g_free (j->name);
  g_free (j->error);
  g_free (j->best_text);
  g_free (j->found_text);
  g_free (j);
}

static char *
format_scaled (gint64 v,
               gint64 scale)
{
  int decimals = 0;

  for (gint64 s = scale; s >= 10; s /= 10)
    decimals++;
  if (decimals == 0)
    return g_strdup_printf ("%lld", (long long) v);
  return g_strdup_printf ("%.*f", decimals, (double) v / (double) scale);
}

/* The best known: CMT's COMMENT ("524.61"), else the Cost of NAME.sol. */
static gboolean
best_known (Job                   *j,
            const JcRouteInstance *inst,
            const JcRouteProblem  *problem,
            GError               **error)
{
  g_autofree char *base = g_strndup (j->path, strrchr (j->path, '.') - j->path);
  g_autofree char *sol = g_strconcat (base, ".sol", NULL);
  g_autoptr(JcRouteSolution) s = NULL;
  double cost = -1;

  if (g_str_equal (j->set, "CMT") && inst->comment != NULL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (inst->comment, &end);

      if (end != inst->comment && v > 0)
        {
          j->best_known = v;
          j->best_text = g_strdup (inst->comment);
          g_strstrip (j->best_text);
          return TRUE;
        }
    }
  if (!g_file_test (sol, G_FILE_TEST_EXISTS))
    {
      j->best_known = -1;
      j->best_text = g_strdup ("—");
      return TRUE;
    }
  s = jc_route_read_sol (sol, problem, &cost, error);
  if (s == NULL)
    return FALSE;
  j->best_known = cost;
  {
    int decimals = 0;

    for (gint64 sc = inst->scale; sc >= 10; sc /= 10)
      decimals++;
    j->best_text = g_strdup_printf ("%.*f", decimals, cost);
  }
  return TRUE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *j = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) problem = NULL;
  g_autoptr(JcRouteSolution) s = NULL;
  JcRouteOptions options;
  gboolean limited;

  (void) user_data;
  problem = jc_route_read_file (j->path, TRUE, &inst, &error);
  if (problem != NULL)
    {
      limited = shared.fleet >= 0 ? shared.fleet == 1 : inst->fleet_is_limit;
      problem->types[0].count = limited && inst->vehicles > 0 ? inst->vehicles : -1;
    }
  if (problem != NULL && best_known (j, inst, problem, &error))
    {
      jc_route_options_init (&options);
      options.seconds = shared.seconds;
      options.max_iterations = 0;
      options.seed = shared.seed;
      options.clock = JC_ROUTE_CLOCK_CPU;
      s = jc_route_solve (problem, &options, NULL, NULL, NULL, &error);
    }
  if (s != NULL && jc_route_solution_check (problem, s, &error))
    {
      if (s->n_unassigned > 0)
        g_set_error (&error, JC_ROUTE_ERROR, JC_ROUTE_ERROR_INFEASIBLE,
                     "%d customers unassigned", s->n_unassigned);
    }
  g_mutex_lock (&shared.lock);
  if (error != NULL)
    j->error = g_strdup (error->message);
  else
    {
      j->found = (double) s->distance / (double) inst->scale;
      j->found_text = format_scaled (s->distance, inst->scale);
      j->gap = j->best_known > 0 ? 100.0 * (j->found - j->best_known) / j->best_known : NAN;
      j->routes = 0;
      for (int r = 0; r < s->n_routes; r++)
        if (s->routes[r].n_stops > 0)
          j->routes++;
      j->seconds = s->seconds;
      j->iterations = s->iterations;
    }
  j->done = TRUE;
  g_cond_broadcast (&shared.cond);
  g_mutex_unlock (&shared.lock);
}

/* The customer count of a file without reading it all: DIMENSION − 1 or
 * the Solomon rows − 1; -1 when the file does not read. */
static int
count_customers (const char *path)
{
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) p = jc_route_read_file (path, FALSE, &inst, NULL);

  return p != NULL ? p->n_nodes - p->n_depots : -1;
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b)
{
  const Job *x = *(Job *const *) a, *y = *(Job *const *) b;

  if (x->customers != y->customers)
    return x->customers < y->customers ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

G_NORETURN static void
usage (void)
{
  fprintf (stderr,
           "Usage: bench-route [--sets A,B,P,X,CMT,solomon] [--seconds S] [--seed N]\n"
           "                   [--max-customers N] [--min-customers N] [--every K] [--offset O]\n"
           "                   [--jobs J] [--fleet limited|unlimited] [--markdown] [DATA_DIR]\n");
  exit (2);
}

static const char *
need_value (int    argc,
            char **argv,
            int   *i)
{
  if (*i + 1 >= argc)
    usage ();
  return argv[++*i];
}

static gint64
int_value (const char *option,
           const char *text,
           gint64      min)
{
  gint64 v;

  if (!g_ascii_string_to_signed (text, 10, min, G_MAXINT, &v, NULL))
    {
      fprintf (stderr, "bench-route: %s: “%s” is not a whole number ≥ %lld\n", option, text,
               (long long) min);
      exit (2);
    }
  return v;
}

int
main (int   argc,
      char *argv[])
{
  const char *data_dir = "../shared/data/cvrp";
  g_auto(GStrv) sets = g_strsplit ("A,B,P,CMT,X,solomon", ",", -1);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  GThreadPool *pool;
  gint64 max_customers = G_MAXINT, min_customers = 0, every = 1, offset = 0, n_jobs = 1;
  gboolean markdown = FALSE;
  int failures = 0;
  guint printed = 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M UTC");

  shared.seconds = 10;
  shared.seed = 1;
  shared.fleet = -1;
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if (g_str_equal (a, "--sets"))
        {
          g_strfreev (sets);
          sets = g_strsplit (need_value (argc, argv, &i), ",", -1);
        }
      else if (g_str_equal (a, "--seconds"))
        {
          char *end = NULL;
          const char *t = need_value (argc, argv, &i);

          shared.seconds = g_ascii_strtod (t, &end);
          if (end == t || *end != '\0' || !(shared.seconds > 0))
            {
              fprintf (stderr, "bench-route: --seconds: “%s” is not a positive number\n", t);
              return 2;
            }
        }
      else if (g_str_equal (a, "--seed"))
        shared.seed = (guint64) int_value (a, need_value (argc, argv, &i), 0);
      else if (g_str_equal (a, "--max-customers"))
        max_customers = int_value (a, need_value (argc, argv, &i), 1);
      else if (g_str_equal (a, "--min-customers"))
        min_customers = int_value (a, need_value (argc, argv, &i), 0);
      else if (g_str_equal (a, "--every"))
        every = int_value (a, need_value (argc, argv, &i), 1);
      else if (g_str_equal (a, "--offset"))
        offset = int_value (a, need_value (argc, argv, &i), 0);
      else if (g_str_equal (a, "--jobs"))
        n_jobs = int_value (a, need_value (argc, argv, &i), 1);
      else if (g_str_equal (a, "--fleet"))
        {
          const char *t = need_value (argc, argv, &i);

          if (g_str_equal (t, "limited"))
            shared.fleet = 1;
          else if (g_str_equal (t, "unlimited"))
            shared.fleet = 0;
          else
            usage ();
        }
      else if (g_str_equal (a, "--markdown"))
        markdown = TRUE;
      else if (g_str_equal (a, "--help") || g_str_equal (a, "-h"))
        usage ();
      else if (a[0] == '-')
        usage ();
      else
        data_dir = a;
    }
  if (!g_file_test (data_dir, G_FILE_TEST_IS_DIR))
    {
      fprintf (stderr, "bench-route: no benchmark data at %s (the CVRPLIB sets: A/, B/, P/, "
               "CMT/, X/, solomon/); nothing measured\n", data_dir);
      return 77;
    }

  for (guint s = 0; sets[s] != NULL; s++)
    {
      g_autofree char *dir = g_build_filename (data_dir, sets[s], NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      g_autoptr(GPtrArray) found = g_ptr_array_new ();
      const char *entry;
      gint64 k = 0;

      if (d == NULL)
        {
          fprintf (stderr, "bench-route: no folder %s; set %s skipped\n", dir, sets[s]);
          continue;
        }
      while ((entry = g_dir_read_name (d)) != NULL)
        {
          Job *j;

          if (!g_str_has_suffix (entry, ".vrp") && !g_str_has_suffix (entry, ".txt"))
            continue;
          j = g_new0 (Job, 1);
          j->set = g_strdup (sets[s]);
          j->path = g_build_filename (dir, entry, NULL);
          j->name = g_strndup (entry, strlen (entry) - 4);
          j->customers = count_customers (j->path);
          j->gap = NAN;
          g_ptr_array_add (found, j);
        }
      g_ptr_array_sort (found, compare_jobs);
      for (guint i = 0; i < found->len; i++)
        {
          Job *j = found->pdata[i];

          if (j->customers >= 0 && (j->customers < min_customers || j->customers > max_customers))
            {
              job_free (j);
              continue;
            }
          /* --every K --offset O: the O-th, (O+K)-th, … of the set by size */
          if (k < offset || (k - offset) % every != 0)
            {
              k++;
              job_free (j);
              continue;
            }
          k++;
          g_ptr_array_add (jobs, j);
        }
    }
  if (jobs->len == 0)
    {
      fprintf (stderr, "bench-route: no instance in %s matches\n", data_dir);
      return 77;
    }

  {
    g_autofree char *load = NULL;

    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      {
        char *space = strchr (load, ' ');

        if (space != NULL)
          *space = '\0';
      }
    fprintf (markdown ? stdout : stderr, "Machine: %u cores, load average %s at the start.\n%s",
             g_get_num_processors (), load != NULL ? load : "?", markdown ? "\n" : "");
  }
  if (markdown)
    {
      printf ("Run %s, %g CPU s per instance, seed %llu, %lld job(s), fleet %s.\n\n", stamp,
              shared.seconds, (unsigned long long) shared.seed, (long long) n_jobs,
              shared.fleet < 0 ? "as the set's best known (limited: A, B, P, CMT, Solomon; "
              "unlimited: X)" : shared.fleet ? "limited" : "unlimited");
      printf ("| set | instance | n | best known | found | gap %% | routes | CPU s | iterations |\n");
      printf ("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    }
  else
    printf ("%-8s %-14s %5s %11s %11s %8s %6s %7s %12s\n", "set", "instance", "n", "best known",
            "found", "gap %", "routes", "CPU s", "iterations");
  fflush (stdout);

  g_mutex_init (&shared.lock);
  g_cond_init (&shared.cond);
  pool = g_thread_pool_new (run_job, NULL, (int) n_jobs, TRUE, NULL);
  for (guint i = 0; i < jobs->len; i++)
    g_thread_pool_push (pool, jobs->pdata[i], NULL);

  /* rows in order, each as soon as it and those before it are done */
  g_mutex_lock (&shared.lock);
  while (printed < jobs->len)
    {
      Job *j = jobs->pdata[printed];
      g_autofree char *gap = NULL;

      while (!j->done)
        g_cond_wait (&shared.cond, &shared.lock);
      printed++;
      if (j->error != NULL)
        {
          failures++;
          if (markdown)
            printf ("| %s | %s | %d | %s | FAILED: %s | | | | |\n", j->set, j->name, j->customers,
                    j->best_text != NULL ? j->best_text : "", j->error);
          else
            printf ("%-8s %-14s %5d FAILED: %s\n", j->set, j->name, j->customers, j->error);
          fflush (stdout);
          continue;
        }
      /* the CMT BKS are printed to 2 decimals: no "-0.00" */
      gap = isnan (j->gap) ? g_strdup ("—") : g_strdup_printf ("%.2f", fabs (j->gap) < 0.005 ? 0.0 : j->gap);
      if (markdown)
        printf ("| %s | %s | %d | %s | %s | %s | %d | %.1f | %llu |\n", j->set, j->name,
                j->customers, j->best_text, j->found_text, gap, j->routes, j->seconds,
                (unsigned long long) j->iterations);
      else
        printf ("%-8s %-14s %5d %11s %11s %8s %6d %7.1f %12llu\n", j->set, j->name, j->customers,
                j->best_text, j->found_text, gap, j->routes, j->seconds,
                (unsigned long long) j->iterations);
      fflush (stdout);
    }
  g_mutex_unlock (&shared.lock);
  g_thread_pool_free (pool, FALSE, TRUE);

  /* per set: mean gap, how many at (or below) the best known, worst gap */
  printf (markdown ? "\n| set | instances | mean gap %% | at best known | worst gap %% | failed |\n"
                     "|---|---:|---:|---:|---:|---:|\n"
                   : "\n%-8s %9s %10s %13s %11s %6s\n",
          "set", "instances", "mean gap %", "at best known", "worst gap %", "failed");
  for (guint s = 0; sets[s] != NULL; s++)
    {
      int n = 0, at_best = 0, failed = 0;
      double sum = 0, worst = -INFINITY;

      for (guint i = 0; i < jobs->len; i++)
        {
          Job *j = jobs->pdata[i];

          if (!g_str_equal (j->set, sets[s]))
            continue;
          if (j->error != NULL)
            {
              failed++;
              continue;
            }
          if (isnan (j->gap))
            continue;
          n++;
          sum += j->gap;
          worst = MAX (worst, j->gap);
          if (j->gap < 0.0005)
            at_best++;
        }
      if (n == 0 && failed == 0)
        continue;
      if (markdown)
        printf ("| %s | %d | %.2f | %d | %.2f | %d |\n", sets[s], n, n ? sum / n : NAN, at_best,
                worst, failed);
      else
        printf ("%-8s %9d %10.2f %13d %11.2f %6d\n", sets[s], n, n ? sum / n : NAN, at_best,
                worst, failed);
    }
  g_mutex_clear (&shared.lock);
  g_cond_clear (&shared.cond);
  return failures > 0 ? 1 : 0;
}
