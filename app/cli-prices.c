/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-prices.c: `jicai-cli prices fetch|import|list|log|today`, and the
 * table of every `prices` subcommand (unmapped, map, held, release, ranges
 * and range are in cli-prices-held.c).
 *
 * fetch and import block on the network and the disk, so they run in a
 * worker thread while the main thread waits in a main loop for SIGINT or
 * SIGTERM: the first one cancels the work through a GCancellable (the
 * transfer stops within milliseconds, the transaction of the source being
 * stored rolls back, the fetch log says "cancelled"); a second one ends
 * the program at once.  Each source or file is its own transaction. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli-prices-private.h"
#include "cli-private.h"
#include "jc-price-import.h"
#include "jc-format.h"
#include "jc-prices.h"

#define DEFAULT_LOG_LIMIT 20

static const CliOption fetch_options[] = {
  { "source", CLI_OPT_LIST, "NAME",
    N_("fetch this source (repeatable; default: every enabled source)"), FALSE },
  { "from", CLI_OPT_VALUE, "DATE",
    N_("first market day, YYYY-MM-DD (default: --to if given, else today)"), FALSE },
  { "to", CLI_OPT_VALUE, "DATE", N_("last market day, YYYY-MM-DD (default: today)"), FALSE },
  { "json", CLI_OPT_FLAG, NULL, N_("print the reports as one JSON document"), FALSE },
  { NULL }
};

static const CliOption import_options[] = {
  { "format", CLI_OPT_VALUE, "FORMAT",
    N_("xinfadi (a saved getPriceData page), csv or usda (default: guessed)"), FALSE },
  { "source", CLI_OPT_VALUE, "NAME",
    N_("the source the prices belong to, created if needed (default: “Import FILE”)"), FALSE },
  { "columns", CLI_OPT_VALUE, "MAPPING",
    N_("CSV columns, 0-based: name=0,low=1,avg=2,high=3,date=6[,unit=5,spec=4,origin=…]"), FALSE },
  { "from", CLI_OPT_VALUE, "DATE", N_("keep only quotes on or after DATE"), FALSE },
  { "to", CLI_OPT_VALUE, "DATE", N_("keep only quotes on or before DATE"), FALSE },
  { "json", CLI_OPT_FLAG, NULL, N_("print the reports as one JSON document"), FALSE },
  { NULL }
};

static const CliOption list_options[] = {
  { "item", CLI_OPT_VALUE, "CODE", N_("only this catalog item"), FALSE },
  { "from", CLI_OPT_VALUE, "DATE", N_("first day, YYYY-MM-DD"), FALSE },
  { "to", CLI_OPT_VALUE, "DATE", N_("last day, YYYY-MM-DD"), FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption json_options[] = {
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption map_options[] = {
  { "item", CLI_OPT_VALUE, "CODE", N_("the catalog item (or give it after the name)"), FALSE },
  { "source", CLI_OPT_VALUE, "NAME",
    N_("the quoted-per override for this source only (default: every source)"), FALSE },
  { "per-pack", CLI_OPT_FLAG, NULL, N_("the source's price is per pack of the item"), FALSE },
  { "per-piece", CLI_OPT_FLAG, NULL, N_("the source's price is per piece"), FALSE },
  { "per", CLI_OPT_VALUE, "UNIT",
    N_("the source's price is per UNIT: 斤, kg, L, or a stated pack such as “5 L”"), FALSE },
  { "per-printed-unit", CLI_OPT_FLAG, NULL,
    N_("remove the override: the price is per the unit the source prints"), FALSE },
  { NULL }
};

static const CliOption release_options[] = {
  { "all", CLI_OPT_FLAG, NULL, N_("release every held price"), FALSE },
  { "reason", CLI_OPT_VALUE, "TEXT", N_("why they are right as they are (kept in the audit)"),
    FALSE },
  { NULL }
};

static const CliOption range_options[] = {
  { "unit", CLI_OPT_VALUE, "UNIT", N_("the base unit the range is for: kg, piece or L"), TRUE },
  { "low", CLI_OPT_VALUE, "YUAN", N_("the lowest usual price per base unit, in yuan"), FALSE },
  { "high", CLI_OPT_VALUE, "YUAN", N_("the highest usual price per base unit, in yuan"), FALSE },
  { "remove", CLI_OPT_FLAG, NULL, N_("remove the range: no check without history"), FALSE },
  { NULL }
};

static const CliOption log_options[] = {
  { "limit", CLI_OPT_VALUE, "N", N_("the last N fetches, 1 to 10000 (default 20)"), FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption today_options[] = {
  { "date", CLI_OPT_VALUE, "DATE", N_("the market day, YYYY-MM-DD (default: today)"), FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

/* ---- dates ---------------------------------------------------------- */

/* --from and --to into `from`/`to` ("" when not given and no default).
 * With `default_today`: neither given is today alone; --from alone runs
 * to today (or is that one day when it is later); --to alone is that one
 * day.  Reports every bad value. */
static gboolean
read_range (Cli      *cli,
            gboolean  default_today,
            char      from[11],
            char      to[11])
{
  gboolean has_from, has_to;
  guint errors = cli->n_errors;

  from[0] = to[0] = '\0';
  has_from = cli_opt_date (cli, "from", from);
  has_to = cli_opt_date (cli, "to", to);
  if (cli->n_errors > errors)
    return FALSE;
  if (default_today && (!has_from || !has_to))
    {
      GDate today;
      char today_iso[11];

      if (!cli_get_today (cli, &today))
        return FALSE;
      cli_format_date (&today, today_iso);
      if (!has_from && !has_to)
        {
          memcpy (from, today_iso, 11);
          memcpy (to, today_iso, 11);
        }
      else if (!has_to)
        memcpy (to, strcmp (from, today_iso) > 0 ? from : today_iso, 11);
      else
        memcpy (from, to, 11);
      has_from = has_to = TRUE;
    }
  if (has_from && has_to && strcmp (from, to) > 0)
    {
      cli_error (cli, _("to: %s is before --from %s"), to, from);
      return FALSE;
    }
  return TRUE;
}

/* ---- the report of one fetch or import ------------------------------ */

typedef struct {
  char           *source;      /* the source's name */
  char           *file;        /* import: the path; fetch: NULL */
  gboolean        ok;
  char           *error;
  JcImportReport  report;
} Outcome;

static void
outcome_free (Outcome *o)
{
  g_free (o->source);
  g_free (o->file);
  g_free (o->error);
  jc_import_report_clear (&o->report);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

static Outcome *
outcome_new (const char *source,
             const char *file)
{
  Outcome *o = g_new0 (Outcome, 1);

  o->source = g_strdup (source);
  o->file = g_strdup (file);
  jc_import_report_init (&o->report);
  return o;
}

static cJSON *
outcome_to_json (const Outcome *o)
{
  const JcImportReport *r = &o->report;
  cJSON *json = cJSON_CreateObject ();
  cJSON *rejected;

  cJSON_AddStringToObject (json, "source", o->source);
  cli_json_add_str_or_null (json, "file", o->file, FALSE);
  cJSON_AddBoolToObject (json, "ok", o->ok);
  cli_json_add_str_or_null (json, "error", o->error, FALSE);
  cli_json_add_int (json, "pages", r->pages);
  cli_json_add_int (json, "rows_seen", r->rows_seen);
  cli_json_add_int (json, "rows_new", r->rows_new);
  cli_json_add_int (json, "rows_changed", r->rows_changed);
  cli_json_add_int (json, "rows_same", r->rows_same);
  cli_json_add_int (json, "rows_duplicate", r->rows_duplicate);
  cli_json_add_int (json, "rows_rejected", r->rows_rejected);
  rejected = cJSON_AddObjectToObject (json, "rejected");
  for (guint k = 0; k < JC_N_REJECT_REASONS; k++)
    if (r->rejected_by_reason[k] > 0)
      cli_json_add_int (rejected, jc_reject_reason_to_key (k), r->rejected_by_reason[k]);
  cli_json_add_ptr_array (json, "reject_examples", r->reject_examples);
  cli_json_add_int (json, "rows_unmapped", r->rows_unmapped);
  cli_json_add_int (json, "rows_held", r->rows_held);
  cli_json_add_ptr_array (json, "unmapped_names", r->unmapped_names);
  cli_json_add_ptr_array (json, "warnings", r->warnings);
  return json;
}

static void
print_outcome (const Outcome *o)
{
  const JcImportReport *r = &o->report;
  g_autofree char *title = o->file != NULL ? g_strdup_printf ("%s → %s", o->file, o->source)
                                           : g_strdup (o->source);
  g_autofree char *pages = g_strdup_printf (ngettext ("%u page", "%u pages", r->pages), r->pages);
  g_autofree char *seen = g_strdup_printf (ngettext ("%u row seen", "%u rows seen", r->rows_seen),
                                           r->rows_seen);

  /* Rows outside the dates asked for are not bad rows: a file:// source
   * or a saved file holds other days too.  They are counted apart. */
  guint outside = r->rejected_by_reason[JC_REJECT_DATE_OUT_OF_RANGE];
  g_autofree char *outside_suffix =
    g_strdup_printf ("(%s)", jc_reject_reason_to_string (JC_REJECT_DATE_OUT_OF_RANGE));
  gboolean header = FALSE;

  printf (_("%s: %s, %s: %u new, %u changed, %u unchanged, %u duplicated, %u rejected\n"),
          title, pages, seen, r->rows_new, r->rows_changed, r->rows_same, r->rows_duplicate,
          r->rows_rejected - outside);
  if (outside > 0)
    printf (ngettext ("  %u row is for another day than the dates asked for; skipped\n",
                      "  %u rows are for other days than the dates asked for; skipped\n",
                      outside), outside);
  for (guint k = 0; k < JC_N_REJECT_REASONS; k++)
    if (r->rejected_by_reason[k] > 0 && k != JC_REJECT_DATE_OUT_OF_RANGE)
      printf (_("  rejected, %s: %u\n"), jc_reject_reason_to_string (k), r->rejected_by_reason[k]);
  for (guint i = 0; r->reject_examples != NULL && i < r->reject_examples->len; i++)
    {
      g_autofree char *line = g_utf8_make_valid (g_ptr_array_index (r->reject_examples, i), -1);

      if (g_str_has_suffix (line, outside_suffix))
        continue;
      if (!header)
        printf ("  %s\n", _("first rejected rows:"));
      header = TRUE;
      printf ("    %s\n", line);
    }
  if (r->rows_unmapped > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      guint n = r->unmapped_names ? r->unmapped_names->len : 0;

      for (guint i = 0; i < MIN (n, 5u); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (r->unmapped_names, i));
      if (n > 5)
        g_string_append (names, ", …");
      printf (ngettext ("  %u row is not mapped to the catalog yet (%u names: %s); "
                        "see “%s prices unmapped”\n",
                        "  %u rows are not mapped to the catalog yet (%u names: %s); "
                        "see “%s prices unmapped”\n", r->rows_unmapped),
              r->rows_unmapped, n, names->str, CLI_PROGRAM);
    }
  if (r->rows_held > 0)
    printf (ngettext ("  %u price is held for review: far from the item's usual price; "
                      "see “%s prices held”\n",
                      "  %u prices are held for review: far from the items' usual prices; "
                      "see “%s prices held”\n", r->rows_held),
            r->rows_held, CLI_PROGRAM);
  for (guint i = 0; r->warnings != NULL && i < r->warnings->len; i++)
    printf (_("  note: %s\n"), (const char *) g_ptr_array_index (r->warnings, i));
}

/* ---- the worker ----------------------------------------------------- */

typedef struct {
  Cli           *cli;
  JcStore       *store;
  gboolean       tty;          /* draw progress on stderr */
  gboolean       json;
  GCancellable  *cancellable;
  GMainLoop     *loop;
  guint          signal_ids[2];
  const char    *label;        /* what the progress line names */
  /* fetch */
  GPtrArray     *sources;      /* JcSource * */
  char           from[11];
  char           to[11];
  /* import */
  GPtrArray     *files;        /* const char * */
  const char    *format;
  JcCsvMapping  *mapping;
  const char    *source_name;
  /* results */
  GPtrArray     *outcomes;     /* Outcome * */
  guint          n_failed;
  gboolean       cancelled;
} Job;

static void
on_import_progress_cb (JcImportPhase phase,
                       guint         done,
                       guint         total,
                       guint         rows,
                       gpointer      user_data)
{
  Job *job = user_data;
  g_autofree char *label = NULL;
  double fraction = -1;

  if (phase == JC_IMPORT_PHASE_WAITING)
    {
      label = g_strdup_printf (_("%s: waiting for another desk’s import to finish…"), job->label);
      /* said once, on a line of its own, when there is no progress line:
       * the wait may be long */
      if (!job->tty)
        {
          g_printerr ("%s\n", label);
          return;
        }
    }
  else if (!job->tty)
    return;
  else if (phase == JC_IMPORT_PHASE_FETCHING)
    {
      if (total > 0)
        {
          label = g_strdup_printf (ngettext ("%s: page %u of %u, %u row",
                                             "%s: page %u of %u, %u rows", rows),
                                   job->label, done, total, rows);
          fraction = (double) done / total;
        }
      else
        label = g_strdup_printf (ngettext ("%s: page %u, %u row", "%s: page %u, %u rows", rows),
                                 job->label, done, rows);
    }
  else
    {
      label = g_strdup_printf (ngettext ("%s: storing %u of %u row", "%s: storing %u of %u rows",
                                         total),
                               job->label, done, total);
      fraction = total > 0 ? (double) done / total : -1;
    }
  cli_progress_draw (fraction, label);
}

static void
start_progress (Job        *job,
                const char *label,
                const char *what)
{
  job->label = label;
  if (job->tty)
    {
      g_autofree char *line = g_strdup_printf ("%s: %s", label, what);

      cli_progress_draw (-1, line);
    }
}

/* After one source or file: its report on stdout (or kept for --json),
 * its failure as one line on stderr. */
static void
finish_one (Job      *job,
            Outcome  *o,
            GError   *error)
{
  if (job->tty)
    cli_progress_clear ();
  o->ok = error == NULL;
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          job->cancelled = TRUE;
          o->error = g_strdup_printf (_("cancelled; nothing of %s was stored"),
                                      o->file ? o->file : o->source);
        }
      else
        o->error = g_strdup (error->message);
      cli_error (job->cli, "%s", o->error);
      job->n_failed++;
    }
  else if (!job->json)
    print_outcome (o);
  fflush (stdout);
  g_ptr_array_add (job->outcomes, o);
}

/* Queued with g_idle_add(), never g_main_context_invoke(): a worker that
 * finishes before the main thread has entered g_main_loop_run() would
 * take the free context, run this at once, and the quit would be lost. */
static gboolean
on_worker_done_cb (gpointer user_data)
{
  Job *job = user_data;

  g_main_loop_quit (job->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
fetch_worker (gpointer user_data)
{
  Job *job = user_data;

  for (guint i = 0; i < job->sources->len && !job->cancelled; i++)
    {
      JcSource *source = g_ptr_array_index (job->sources, i);
      Outcome *o = outcome_new (source->name, NULL);
      g_autoptr(GError) error = NULL;

      start_progress (job, source->name, _("fetching…"));
      jc_prices_fetch_source (job->store, source, job->from, job->to, NULL, job->cancellable,
                              on_import_progress_cb, job, &o->report, &error);
      finish_one (job, o, error);
    }
  g_idle_add (on_worker_done_cb, job);
  return NULL;
}

/* The name core would give a file imported without --source; chosen here
 * so that a source this command created can be removed again when the
 * import fails. */
static char *
import_source_name (Job        *job,
                    const char *path)
{
  g_autofree char *base = NULL;

  if (job->source_name != NULL)
    return g_strdup (job->source_name);
  base = g_path_get_basename (path);
  return g_strdup_printf (_("Import %s"), base);
}

static gpointer
import_worker (gpointer user_data)
{
  Job *job = user_data;

  for (guint i = 0; i < job->files->len && !job->cancelled; i++)
    {
      const char *path = g_ptr_array_index (job->files, i);
      g_autofree char *name = import_source_name (job, path);
      g_autoptr(JcSource) existing = jc_store_get_source (job->store, name, NULL);
      Outcome *o = outcome_new (name, path);
      g_autoptr(GError) error = NULL;

      start_progress (job, path, _("reading…"));
      if (!jc_prices_import_file (job->store, path, job->format, job->mapping, name,
                                  job->from[0] ? job->from : NULL, job->to[0] ? job->to : NULL,
                                  job->cancellable, on_import_progress_cb, job, &o->report,
                                  &error) &&
          existing == NULL)
        {
          /* Core creates the source before it reads the file: a failed
           * import must not leave an empty source behind. */
          jc_store_delete_source (job->store, name, NULL);
        }
      finish_one (job, o, error);
    }
  g_idle_add (on_worker_done_cb, job);
  return NULL;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  Job *job = user_data;

  /* The first Ctrl-C cancels cleanly; removing the watches restores the
   * default action, so a second one ends the program at once. */
  guint current = g_source_get_id (g_main_current_source ());

  g_cancellable_cancel (job->cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (job->signal_ids); i++)
    if (job->signal_ids[i] != 0 && job->signal_ids[i] != current)
      g_source_remove (job->signal_ids[i]);
  memset (job->signal_ids, 0, sizeof job->signal_ids);
  return G_SOURCE_REMOVE;
}

/* Runs `worker` in a thread while this one waits for it, or for a signal
 * that cancels it.  Then prints the JSON document, if asked for. */
static CliExit
run_job (Job         *job,
         GThreadFunc  worker)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  sigset_t block, old;
  GThread *thread;

  job->loop = loop;
  job->cancellable = cancellable;
  job->tty = isatty (STDERR_FILENO);
  job->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_free);
  job->signal_ids[0] = g_unix_signal_add (SIGINT, on_signal_cb, job);
  job->signal_ids[1] = g_unix_signal_add (SIGTERM, on_signal_cb, job);

  /* The signals are for this thread's main loop, not for the worker's
   * system calls: the worker starts with them blocked. */
  sigemptyset (&block);
  sigaddset (&block, SIGINT);
  sigaddset (&block, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &block, &old);
  thread = g_thread_new ("jicai-prices", worker, job);
  pthread_sigmask (SIG_SETMASK, &old, NULL);

  g_main_loop_run (loop);
  g_thread_join (thread);
  for (guint i = 0; i < G_N_ELEMENTS (job->signal_ids); i++)
    if (job->signal_ids[i] != 0)
      g_source_remove (job->signal_ids[i]);

  if (job->json)
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < job->outcomes->len; i++)
        cJSON_AddItemToArray (array, outcome_to_json (g_ptr_array_index (job->outcomes, i)));
      cli_json_print (job->cli, array);
    }
  g_clear_pointer (&job->outcomes, g_ptr_array_unref);
  job->loop = NULL;
  job->cancellable = NULL;
  return job->n_failed > 0 || job->cli->n_errors > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

/* ---- fetch ---------------------------------------------------------- */

static CliExit
run_fetch (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = cli_dup_list (cli, "source");
  Job job = { 0 };

  if (!read_range (cli, TRUE, job.from, job.to))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;

  if (names != NULL)
    {
      /* Named sources are fetched even when disabled: naming one is asking. */
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_source_free);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(GError) local = NULL;
          JcSource *s = jc_store_get_source (store, names[i], &local);

          if (s == NULL)
            cli_error_gerror (cli, local);
          else
            g_ptr_array_add (sources, s);
        }
      if (cli->n_errors > 0)
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(GPtrArray) all = jc_store_list_sources (store, &error);

      if (all == NULL)
        return cli_fail (cli, error);
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_source_free);
      for (guint i = 0; i < all->len; i++)
        {
          JcSource *s = g_ptr_array_index (all, i);

          if (s->enabled)
            g_ptr_array_add (sources, jc_source_copy (s));
        }
      if (sources->len == 0)
        {
          cli_error (cli, _("there is no enabled price source; add one with “%s sources add”"),
                     CLI_PROGRAM);
          return CLI_EXIT_FAILED;
        }
    }

  job.cli = cli;
  job.store = store;
  job.json = cli_has (cli, "json");
  job.sources = sources;
  return run_job (&job, fetch_worker);
}

/* ---- import --------------------------------------------------------- */

static CliExit
run_import (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  const char *format = cli_get (cli, "format");
  const char *columns = cli_get (cli, "columns");
  const char *source = cli_get (cli, "source");
  JcCsvMapping mapping;
  JcFeedFormat f;
  Job job = { 0 };

  if (format != NULL && !jc_feed_format_from_string (format, &f))
    cli_error (cli, _("format: unknown format “%s” (xinfadi, csv or usda)"), format);
  if (columns != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (format != NULL && jc_feed_format_from_string (format, &f) && f != JC_FEED_FORMAT_CSV)
        cli_error (cli, _("columns: only CSV files have columns (the format is %s)"), format);
      else if (!jc_csv_mapping_parse (columns, &mapping, &error))
        cli_error_gerror (cli, error);
      else if (format == NULL)
        format = "csv";   /* a column mapping means a CSV file */
    }
  if (source != NULL && *source == '\0')
    cli_error (cli, _("source: a name is required"));
  read_range (cli, FALSE, job.from, job.to);
  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *path = g_ptr_array_index (cli->args, i);

      cli_check_input_file (cli, path, _("a price file"));
      g_ptr_array_add (files, (gpointer) path);
    }
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  job.cli = cli;
  job.store = store;
  job.json = cli_has (cli, "json");
  job.files = files;
  job.format = format;
  job.mapping = columns != NULL ? &mapping : NULL;
  job.source_name = source;
  return run_job (&job, import_worker);
}

/* ---- list ----------------------------------------------------------- */

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  const char *code = cli_get (cli, "item");
  char from[11], to[11];

  if (!read_range (cli, FALSE, from, to))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  items = jc_store_list_items (store, TRUE, &error);
  if (items == NULL)
    return cli_fail (cli, error);
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_code, item->code, item);
    }
  if (code != NULL && !g_hash_table_contains (by_code, code))
    {
      cli_error (cli, _("No catalog item “%s”"), code);
      return CLI_EXIT_FAILED;
    }
  rows = jc_store_list_prices (store, code ? code : "", from[0] ? from : NULL,
                               to[0] ? to : NULL, &error);
  if (rows == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < rows->len; i++)
        {
          JcPriceRow *r = g_ptr_array_index (rows, i);
          JcItem *item = g_hash_table_lookup (by_code, r->item_code);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "item", r->item_code);
          cJSON_AddStringToObject (o, "source", r->source_name);
          cJSON_AddStringToObject (o, "date", r->date);
          cli_json_add_int (o, "low_milliyuan", r->low_milliyuan);
          cli_json_add_int (o, "avg_milliyuan", r->avg_milliyuan);
          cli_json_add_int (o, "high_milliyuan", r->high_milliyuan);
          cJSON_AddStringToObject (o, "market_name", r->market_name);
          cJSON_AddStringToObject (o, "spec", r->spec);
          cJSON_AddStringToObject (o, "origin", r->origin);
          cJSON_AddStringToObject (o, "unit",
                                   item ? jc_base_unit_to_string (item->base_unit) : "");
          cJSON_AddStringToObject (o, "market_unit", r->unit);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (10);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 3);
      cli_table_set_right (table, 4);
      cli_table_set_right (table, 5);
      if (rows->len > 0)
        cli_table_add (table, _("date"), _("item"), _("source"), _("low ¥"), _("avg ¥"),
                       _("high ¥"), _("per"), _("market name"), _("spec"), _("origin"));
      for (guint i = 0; i < rows->len; i++)
        {
          JcPriceRow *r = g_ptr_array_index (rows, i);
          JcItem *item = g_hash_table_lookup (by_code, r->item_code);
          g_autofree char *low = jc_format_price (r->low_milliyuan);
          g_autofree char *avg = jc_format_price (r->avg_milliyuan);
          g_autofree char *high = jc_format_price (r->high_milliyuan);

          cli_table_add (table, r->date, r->item_code, r->source_name, low, avg, high,
                         item ? jc_base_unit_to_display (item->base_unit) : "", r->market_name,
                         r->spec, r->origin);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u price", "%u prices", rows->len), rows->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

/* ---- log ------------------------------------------------------------ */

static CliExit
run_log (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 limit = DEFAULT_LOG_LIMIT;

  cli_opt_int_labeled (cli, "limit", _("limit"), 1, 10000, &limit);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  entries = jc_store_list_fetch_log (store, (guint) limit, &error);
  if (entries == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < entries->len; i++)
        {
          JcFetchLogEntry *e = g_ptr_array_index (entries, i);
          cJSON *o = cJSON_CreateObject ();
          cJSON *rejects = e->rejects && *e->rejects ? cJSON_Parse (e->rejects) : NULL;

          cJSON_AddItemToArray (array, o);
          cli_json_add_int (o, "id", e->id);
          cJSON_AddStringToObject (o, "source", e->source_name ? e->source_name : "");
          cJSON_AddStringToObject (o, "started_at", e->started_at ? e->started_at : "");
          cli_json_add_str_or_null (o, "finished_at", e->finished_at, TRUE);
          cJSON_AddStringToObject (o, "status", e->status ? e->status : "");
          cli_json_add_int (o, "rows_seen", e->rows_seen);
          cli_json_add_int (o, "rows_new", e->rows_new);
          cli_json_add_int (o, "rows_changed", e->rows_changed);
          cli_json_add_int (o, "rows_same", e->rows_same);
          cli_json_add_int (o, "rows_duplicate", e->rows_duplicate);
          cli_json_add_int (o, "rows_rejected", e->rows_rejected);
          cli_json_add_int (o, "rows_unmapped", e->rows_unmapped);
          if (!cJSON_IsObject (rejects))
            {
              cJSON_Delete (rejects);
              rejects = cJSON_CreateObject ();
            }
          cJSON_AddItemToObject (o, "rejected", rejects);
          cli_json_add_str_or_null (o, "message", e->message, TRUE);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (9);
      g_autofree char *count = NULL;

      for (guint c = 3; c <= 7; c++)
        cli_table_set_right (table, c);
      if (entries->len > 0)
        cli_table_add (table, _("started"), _("source"), _("status"), _("seen"), _("new"),
                       _("changed"), _("rejected"), _("unmapped"), _("message"));
      for (guint i = 0; i < entries->len; i++)
        {
          JcFetchLogEntry *e = g_ptr_array_index (entries, i);
          g_autofree char *seen = g_strdup_printf ("%u", e->rows_seen);
          g_autofree char *fresh = g_strdup_printf ("%u", e->rows_new);
          g_autofree char *changed = g_strdup_printf ("%u", e->rows_changed);
          g_autofree char *rejected = g_strdup_printf ("%u", e->rows_rejected);
          g_autofree char *unmapped = g_strdup_printf ("%u", e->rows_unmapped);

          cli_table_add (table, e->started_at, e->source_name, e->status, seen, fresh, changed,
                         rejected, unmapped, e->message);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u fetch", "%u fetches", entries->len), entries->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

/* ---- today ---------------------------------------------------------- */

/* A change in ‰ signed as the rest of the text: "+100‰", "−25‰", "0‰";
 * "—" without the earlier price. */
static char *
format_change (gboolean has,
               gint64   now,
               gint64   before)
{
  g_autofree char *number = NULL;

  if (!has)
    return g_strdup ("—");
  number = jc_format_decimal_full (jc_change_permille (now, before), 0, 0,
                                   JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS);
  return g_strconcat (number, "‰", NULL);
}

static CliExit
run_today (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char date[11];

  if (!cli_opt_date (cli, "date", date))
    {
      GDate today;

      if (cli->n_errors > 0 || !cli_get_today (cli, &today))
        return CLI_EXIT_FAILED;
      cli_format_date (&today, date);
    }
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  rows = jc_store_market_overview (store, date, jc_store_get_stale_days (store), &error);
  if (rows == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < rows->len; i++)
        {
          JcMarketRow *r = g_ptr_array_index (rows, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "item", r->item_code);
          cJSON_AddStringToObject (o, "name", r->item_name);
          cJSON_AddStringToObject (o, "category", r->category);
          cJSON_AddStringToObject (o, "unit", jc_base_unit_to_string (r->base_unit));
          cJSON_AddStringToObject (o, "date", r->date);
          cJSON_AddBoolToObject (o, "stale", r->stale);
          cli_json_add_int (o, "low_milliyuan", r->low_milliyuan);
          cli_json_add_int (o, "avg_milliyuan", r->avg_milliyuan);
          cli_json_add_int (o, "high_milliyuan", r->high_milliyuan);
          cli_json_add_int_or_null (o, "prev_day_avg_milliyuan", r->prev_day_avg_milliyuan,
                                    !r->has_prev_day);
          cli_json_add_int_or_null (o, "day_change_permille",
                                    jc_change_permille (r->avg_milliyuan,
                                                        r->prev_day_avg_milliyuan),
                                    !r->has_prev_day);
          cli_json_add_int_or_null (o, "prev_week_avg_milliyuan", r->prev_week_avg_milliyuan,
                                    !r->has_prev_week);
          cli_json_add_int_or_null (o, "week_change_permille",
                                    jc_change_permille (r->avg_milliyuan,
                                                        r->prev_week_avg_milliyuan),
                                    !r->has_prev_week);
          cJSON_AddStringToObject (o, "spec", r->spec ? r->spec : "");
          cJSON_AddStringToObject (o, "origin", r->origin ? r->origin : "");
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (9);
      g_autofree char *count = NULL;
      guint n_stale = 0;

      for (guint c = 4; c <= 6; c++)
        cli_table_set_right (table, c);
      printf (_("The market on %s (per base unit; ‰ against the previous market day and a "
                "week before):\n"), date);
      if (rows->len > 0)
        cli_table_add (table, _("item"), _("name"), _("category"), _("price date"),
                       _("avg ¥"), _("day"), _("week"), _("per"), "");
      for (guint i = 0; i < rows->len; i++)
        {
          JcMarketRow *r = g_ptr_array_index (rows, i);
          g_autofree char *avg = jc_format_price (r->avg_milliyuan);
          g_autofree char *day = format_change (r->has_prev_day, r->avg_milliyuan,
                                                r->prev_day_avg_milliyuan);
          g_autofree char *week = format_change (r->has_prev_week, r->avg_milliyuan,
                                                 r->prev_week_avg_milliyuan);

          n_stale += r->stale ? 1 : 0;
          cli_table_add (table, r->item_code, r->item_name, r->category, r->date, avg, day, week,
                         jc_base_unit_to_display (r->base_unit), r->stale ? _("stale") : "");
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u item", "%u items", rows->len), rows->len);
      if (n_stale > 0)
        printf (ngettext ("%s (%u with a stale price, older than %d day)\n",
                          "%s (%u with a stale price, older than %d days)\n",
                          jc_store_get_stale_days (store)),
                count, n_stale, jc_store_get_stale_days (store));
      else
        printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

const CliCommand cli_prices_commands[] = {
  { "prices", "fetch", "[--source NAME…] [--from DATE] [--to DATE] [--json]",
    N_("Fetch market prices from the price sources."),
    N_("Each source is fetched and stored in one transaction: a source that fails stores "
       "nothing, and the others still run. Ctrl-C cancels cleanly. Today is the local date, "
       "or $JICAI_TODAY (YYYY-MM-DD)."),
    NULL, 0, 0, fetch_options, run_fetch },
  { "prices", "import", "FILE… [--format xinfadi|csv|usda] [--source NAME] [--columns MAPPING]",
    N_("Import saved price files: Xinfadi JSON pages, CSV (UTF-8 or GB18030), USDA reports."),
    N_("Each file is stored in one transaction: a file that fails stores nothing."),
    "FILE…", 1, G_MAXUINT, import_options, run_import },
  { "prices", "list", "[--item CODE] [--from DATE] [--to DATE] [--json]",
    N_("List stored prices per base unit (quotes mapped to catalog items)."),
    N_("Prices are in milli-yuan per base unit in JSON, in yuan in the table."),
    NULL, 0, 0, list_options, run_list },
  { "prices", "unmapped", "[--json]",
    N_("List market names no catalog item has yet."),
    NULL, NULL, 0, 0, json_options, cli_prices_run_unmapped },
  { "prices", "map",
    "MARKET_NAME [ITEM_CODE] [--item CODE] [--source NAME] "
    "[--per-pack|--per-piece|--per UNIT|--per-printed-unit]",
    N_("Map a market name to a catalog item, for stored and future quotes."),
    N_("The name becomes an alias of the item, and the stored quotes of that name get prices "
       "per the item's base unit. A source can be wrong about its unit: --per-pack, --per-piece "
       "or --per UNIT says what its price is really for (for --source only, or every source), "
       "and the held prices of the name that are then in range are released."),
    "MARKET_NAME [ITEM_CODE]", 1, 2, map_options, cli_prices_run_map },
  { "prices", "held", "[--json]",
    N_("List prices held for review, with a suggestion."),
    N_("A mapped price more than 5× or below ⅕ of the item's median over its last 30 quoted "
       "days (without history: outside its category's range) is held: plans, the review and "
       "the price list leave it out until it is released or mapped with its real unit."),
    NULL, 0, 0, json_options, cli_prices_run_held },
  { "prices", "release", "[ID…|--all] [--reason TEXT]",
    N_("Accept held prices as they are."),
    N_("One transaction; each release is recorded with who, when and the reason."),
    "[ID…]", 0, G_MAXUINT, release_options, cli_prices_run_release },
  { "prices", "ranges", "[--json]",
    N_("Show the usual price range of each category, per base unit."),
    N_("A mapped price of an item without history is held for review when it is outside its "
       "category's range."),
    NULL, 0, 0, json_options, cli_prices_run_ranges },
  { "prices", "range", "CATEGORY --unit kg|piece|L (--low YUAN --high YUAN | --remove)",
    N_("Set or remove a category's usual price range."),
    N_("The range applies to prices stored from now on; held prices stay held until released."),
    "CATEGORY", 1, 1, range_options, cli_prices_run_range },
  { "prices", "log", "[--limit N] [--json]",
    N_("Show the fetch log, newest first."),
    NULL, NULL, 0, 0, log_options, run_log },
  { "prices", "today", "[--date DATE] [--json]",
    N_("Show the market: each item's latest price and its change in ‰."),
    N_("A price older than 7 days is marked stale."),
    NULL, 0, 0, today_options, run_today },
  { NULL }
};
