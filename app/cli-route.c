/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-route.c: `jicai-cli route solve`, the benchmark mode of the route
 * solver.  Reads a public instance (jc-route-io), runs jc_route_solve on
 * the CPU clock, checks the answer with jc_route_solution_check and prints
 * it as CVRPLIB `.sol` text (or JSON).  No database is involved. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-route-io.h"
#include "jc-route.h"
#include "jc-units.h"

#define DEFAULT_SECONDS 10.0
#define MAX_SECONDS (7.0 * 24 * 3600)

static const CliOption route_solve_options[] = {
  { "seconds", CLI_OPT_VALUE, "S",
    N_("CPU seconds to search (default 10; with --iterations alone: no time limit)"), FALSE },
  { "seed", CLI_OPT_VALUE, "N", N_("the random seed (default 1)"), FALSE },
  { "iterations", CLI_OPT_VALUE, "N",
    N_("stop after N iterations: the same seed gives the same routes on any machine"), FALSE },
  { "fleet", CLI_OPT_VALUE, "limited|unlimited",
    N_("keep to the instance's number of vehicles, or not (default: limited when the file "
       "states a fleet: VEHICLES, Solomon NUMBER, Augerat “No of trucks”)"), FALSE },
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document instead of the .sol text"), FALSE },
  { "verbose", CLI_OPT_FLAG, NULL,
    N_("print the summary line on stderr even when it is not a terminal"), FALSE },
  { NULL }
};

typedef struct {
  const char *name;
  double      last_drawn;
  gint64      scale;
} Progress;

static int
count_routes (const JcRouteSolution *s)
{
  int k = 0;

  for (int r = 0; r < s->n_routes; r++)
    if (s->routes[r].n_stops > 0)
      k++;
  return k;
}

static void
on_progress_cb (double                 fraction,
                const JcRouteSolution *best,
                gpointer               user_data)
{
  Progress *p = user_data;
  g_autofree char *label = NULL;
  g_autofree char *cost = NULL;

  /* at most every 1 % so a fast terminal is not flooded */
  if (fraction < 1.0 && fraction - p->last_drawn < 0.01 && p->last_drawn >= 0)
    return;
  p->last_drawn = fraction;
  if (best != NULL)
    {
      int n = count_routes (best);

      if (p->scale > 1)
        cost = g_strdup_printf ("%.*f", p->scale >= 1000 ? 3 : p->scale >= 100 ? 2 : 1,
                                (double) best->distance / (double) p->scale);
      else
        cost = g_strdup_printf ("%lld", (long long) best->distance);
      label = g_strdup_printf (ngettext ("%s: best %s, %d route", "%s: best %s, %d routes", n),
                               p->name, cost, n);
    }
  else
    label = g_strdup (p->name);
  cli_progress_draw (fraction, label);
}

/* The solve runs in a worker thread while this one waits in a main loop
 * for it or for Ctrl-C / SIGTERM, which cancel it (the solver then returns
 * the best solution so far). */
typedef struct {
  const JcRouteProblem *problem;
  JcRouteOptions       *options;
  GCancellable         *cancellable;
  GMainLoop            *loop;
  Progress             *progress;
  gboolean              tty;
  JcRouteSolution      *solution;
  GError               *error;
  guint                 signal_ids[2];
} Solve;

static gboolean
on_solved_cb (gpointer user_data)
{
  Solve *job = user_data;

  g_main_loop_quit (job->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
solve_thread (gpointer user_data)
{
  Solve *job = user_data;

  job->solution = jc_route_solve (job->problem, job->options, job->cancellable,
                                  job->tty ? on_progress_cb : NULL, job->progress, &job->error);
  g_idle_add (on_solved_cb, job);
  return NULL;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  Solve *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
solve_in_thread (Solve *job)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  sigset_t block, old;
  GThread *thread;

  job->loop = loop;
  job->signal_ids[0] = g_unix_signal_add (SIGINT, on_signal_cb, job);
  job->signal_ids[1] = g_unix_signal_add (SIGTERM, on_signal_cb, job);
  sigemptyset (&block);
  sigaddset (&block, SIGINT);
  sigaddset (&block, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &block, &old);
  thread = g_thread_new ("jicai-route", solve_thread, job);
  pthread_sigmask (SIG_SETMASK, &old, NULL);
  g_main_loop_run (loop);
  g_thread_join (thread);
  for (guint i = 0; i < G_N_ELEMENTS (job->signal_ids); i++)
    g_source_remove (job->signal_ids[i]);
  job->loop = NULL;
}

static gboolean
parse_seconds (Cli    *cli,
               double *out)
{
  const char *text = cli_get (cli, "seconds");
  char *end = NULL;
  double v;

  if (text == NULL)
    return TRUE;
  v = g_ascii_strtod (text, &end);
  /* a plain decimal only: strtod() also reads "0x10" and "1e1" */
  if (!jc_text_is_plain_decimal (text) || end == text || *end != '\0' || v != v)
    {
      cli_error (cli, _("seconds: “%s” is not a number"), text);
      return FALSE;
    }
  if (v <= 0 || v > MAX_SECONDS)
    {
      cli_error (cli, _("seconds: “%s” is out of range (more than 0, at most %d)"), text,
                 (int) MAX_SECONDS);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static cJSON *
solution_to_json (const JcRouteInstance *inst,
                  const JcRouteProblem  *problem,
                  const JcRouteSolution *s,
                  const char            *sol_text,
                  guint64                seed,
                  gboolean               limited)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *routes = cJSON_CreateArray ();
  const char *cost_line = strstr (sol_text, "Cost ");
  g_autofree char *cost = g_strdup (cost_line != NULL ? cost_line + 5 : "");

  g_strchomp (cost);
  cJSON_AddStringToObject (o, "instance", inst->name);
  cJSON_AddStringToObject (o, "format", inst->format == JC_ROUTE_FORMAT_SOLOMON ? "solomon" : "vrp");
  cli_json_add_int (o, "customers", problem->n_nodes - problem->n_depots);
  cli_json_add_int (o, "capacity", inst->capacity);
  cli_json_add_int_or_null (o, "fleet", problem->types[0].count, !limited);
  cli_json_add_int (o, "scale", inst->scale);
  cli_json_add_int (o, "distance_scaled", s->distance);
  /* the cost as the .sol prints it: a string, so no binary rounding */
  cJSON_AddStringToObject (o, "cost", cost);
  cli_json_add_int (o, "n_routes", count_routes (s));
  for (int r = 0; r < s->n_routes; r++)
    {
      const JcRoute *route = &s->routes[r];
      cJSON *stops;

      if (route->n_stops == 0)
        continue;
      stops = cJSON_CreateArray ();
      for (int i = 0; i < route->n_stops; i++)
        cJSON_AddItemToArray (stops, cJSON_CreateNumber (route->stops[i] - problem->n_depots + 1));
      cJSON_AddItemToArray (routes, stops);
    }
  cJSON_AddItemToObject (o, "routes", routes);
  cli_json_add_int (o, "seed", (gint64) seed);
  cli_json_add_int (o, "iterations", (gint64) s->iterations);
  cJSON_AddNumberToObject (o, "cpu_seconds", s->seconds);
  return o;
}

static CliExit
run_route_solve (Cli *cli)
{
  const char *path = cli_arg (cli, 0);
  const char *fleet = cli_get (cli, "fleet");
  g_autoptr(GError) error = NULL;
  g_autoptr(JcRouteInstance) inst = NULL;
  g_autoptr(JcRouteProblem) problem = NULL;
  g_autoptr(JcRouteSolution) solution = NULL;
  g_autofree char *sol_text = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  JcRouteOptions options;
  Solve job = { 0 };
  gboolean interrupted;
  Progress progress = { 0 };
  gint64 seed = 1, iterations = 0;
  double seconds = DEFAULT_SECONDS;
  gboolean tty = isatty (STDERR_FILENO);
  gboolean limited;

  jc_route_options_init (&options);
  if (cli_has (cli, "iterations") && !cli_has (cli, "seconds"))
    seconds = 0;
  parse_seconds (cli, &seconds);
  cli_opt_int_labeled (cli, "seed", "seed", 0, G_MAXINT64, &seed);
  cli_opt_int_labeled (cli, "iterations", "iterations", 1, G_MAXINT64, &iterations);
  if (fleet != NULL && !g_str_equal (fleet, "limited") && !g_str_equal (fleet, "unlimited"))
    cli_error (cli, _("fleet: “%s” is neither “limited” nor “unlimited”"), fleet);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  problem = jc_route_read_file (path, TRUE, &inst, &error);
  if (problem == NULL)
    return cli_fail (cli, error);
  /* The default keeps to the fleet only where the published best known
   * solutions do (Augerat, CMT, Solomon); the X set's -kN is the minimum
   * number of routes, and its best known solutions use more. */
  limited = fleet != NULL ? g_str_equal (fleet, "limited") : inst->fleet_is_limit;
  if (!limited || inst->vehicles <= 0)
    problem->types[0].count = -1;
  else
    problem->types[0].count = inst->vehicles;
  limited = problem->types[0].count > 0;
  if (!jc_route_problem_validate (problem, &error))
    {
      cli_error (cli, "%s: %s", path, error->message);
      return CLI_EXIT_FAILED;
    }

  options.seconds = seconds;
  options.max_iterations = (guint64) iterations;
  options.seed = (guint64) seed;
  options.clock = JC_ROUTE_CLOCK_CPU;
  progress.name = inst->name;
  progress.last_drawn = -1;
  progress.scale = inst->scale;
  cancellable = g_cancellable_new ();
  job.problem = problem;
  job.options = &options;
  job.cancellable = cancellable;
  job.progress = &progress;
  job.tty = tty;
  solve_in_thread (&job);
  solution = g_steal_pointer (&job.solution);
  if (tty)
    cli_progress_clear ();
  if (solution == NULL)
    {
      cli_error (cli, "%s: %s", path, job.error->message);
      g_clear_error (&job.error);
      return CLI_EXIT_FAILED;
    }
  interrupted = g_cancellable_is_cancelled (cancellable);
  if (!jc_route_solution_check (problem, solution, &error))
    {
      cli_error (cli, _("%s: the solver's answer fails the check: %s"), path, error->message);
      return CLI_EXIT_FAILED;
    }
  if (solution->n_unassigned > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (int i = 0; i < solution->n_unassigned && i < 20; i++)
        g_string_append_printf (list, "%s%d", i > 0 ? " " : "",
                                solution->unassigned[i] - problem->n_depots + 1);
      if (solution->n_unassigned > 20)
        g_string_append (list, " …");
      if (limited)
        cli_error (cli,
                   ngettext ("%s: %d customer could not be served within the fleet (try "
                             "--fleet unlimited) (%s); no solution printed",
                             "%s: %d customers could not be served within the fleet (try "
                             "--fleet unlimited) (%s); no solution printed",
                             solution->n_unassigned),
                   path, solution->n_unassigned, list->str);
      else
        cli_error (cli,
                   ngettext ("%s: %d customer could not be served within the fleet (%s); "
                             "no solution printed",
                             "%s: %d customers could not be served within the fleet (%s); "
                             "no solution printed", solution->n_unassigned),
                   path, solution->n_unassigned, list->str);
      return CLI_EXIT_FAILED;
    }

  sol_text = jc_route_format_sol (inst, problem, solution);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) doc = solution_to_json (inst, problem, solution, sol_text,
                                               (guint64) seed, limited);

      if (!cli_json_print (cli, doc))
        return CLI_EXIT_FAILED;
    }
  else
    fputs (sol_text, stdout);

  if (tty || cli_has (cli, "verbose"))
    {
      const char *cost_line = strstr (sol_text, "Cost ");
      g_autofree char *cost = g_strdup (cost_line != NULL ? cost_line + 5 : "");
      int n = count_routes (solution);
      g_autofree char *n_iterations =
        g_strdup_printf (ngettext ("%llu iteration", "%llu iterations",
                                   (unsigned long) MIN (solution->iterations, G_MAXULONG)),
                         (unsigned long long) solution->iterations);

      g_strchomp (cost);
      fflush (stdout);
      /* TRANSLATORS: the fourth %s is "1200 iterations" */
      fprintf (stderr, ngettext ("%s: %d route, cost %s, %.1f CPU s, %s, fleet %s\n",
                                 "%s: %d routes, cost %s, %.1f CPU s, %s, fleet %s\n", n),
               inst->name, n, cost, solution->seconds, n_iterations,
               limited ? _("limited") : _("unlimited"));
    }
  if (interrupted)
    {
      fflush (stdout);
      cli_error (cli, _("interrupted after %.1f CPU s: the best solution found so far was "
                        "printed"), solution->seconds);
      return CLI_EXIT_FAILED;
    }
  return CLI_EXIT_OK;
}

const CliCommand cli_route_commands[] = {
  { "route", "solve", "FILE [--seconds S] [--seed N] [--iterations N] "
    "[--fleet limited|unlimited] [--json] [--verbose]",
    N_("Solve a CVRPLIB .vrp or Solomon VRPTW instance; print the CVRPLIB .sol text."),
    N_("The benchmark mode of the delivery route solver.  Distances follow each set's "
       "convention: TSPLIB EUC_2D rounded to the nearest integer, EXACT_2D kept to 1/1000, "
       "Solomon truncated to one decimal.  Time is CPU time of the solving thread.  Run with "
       "--iterations for a result that depends only on the seed."),
    "FILE", 1, 1, route_solve_options, run_route_solve },
  { NULL }
};
