/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-tasks.c: the Prices section's database work on GTask threads
 * (jc-task).  It must not touch a widget nor write SQL: the page and its
 * views call these, the workers call core. */
#include "config.h"

#define G_LOG_DOMAIN "jc-price-tasks"

#include <glib/gi18n.h>

#include "jc-price-import.h"
#include "jc-price-tasks.h"
#include "jc-suggest.h"
#include "jc-task.h"

/* One task data for every call; base.date is the day (or the last day). */
typedef struct {
  JcTaskData    base;
  gint64        id;             /* the item (history), the held price */
  char         *from;
  char         *market_name;
  char         *item_code;
  char         *source_name;
  char         *item_name;      /* out: the mapped item's name */
  guint         rows;           /* out: the prices mapped */
  gboolean      per_pack;
  guint         max_suggestions;
  /* the fetch */
  GPtrArray    *files;
  JcPriceFetchProgressFunc progress;
  GCancellable *cancellable;
  guint         source_index;
  guint         n_sources;
  char         *source_name_now;
  gboolean      no_source;
  gboolean      all_disabled;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td->from);
  g_free (td->market_name);
  g_free (td->item_code);
  g_free (td->source_name);
  g_free (td->item_name);
  g_clear_pointer (&td->files, g_ptr_array_unref);
  g_clear_object (&td->cancellable);
  g_free (td->source_name_now);
  g_free (td);
}

static GTask *
task_new (JcStore             *store,
          const char          *date,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          TaskData           **out)
{
  TaskData *td = g_new0 (TaskData, 1);

  *out = td;
  return jc_task_new_for_store (td, (GDestroyNotify) task_data_free, store, date, tag,
                                cancellable, callback, user_data);
}


/* ---- the market ----------------------------------------------------------- */

void
jc_price_market_free (JcPriceMarket *market)
{
  g_clear_pointer (&market->categories, g_ptr_array_unref);
  g_clear_pointer (&market->rows, g_ptr_array_unref);
  g_free (market);
}

static gpointer
load_market_func (JcStore       *store,
                  gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcPriceMarket) market = g_new0 (JcPriceMarket, 1);

  market->categories = jc_store_list_categories (store, error);
  if (market->categories != NULL)
    market->rows = jc_store_market_overview (store, td->base.date,
                                             jc_store_get_stale_days (store), error);
  return market->rows != NULL ? g_steal_pointer (&market) : NULL;
}

void
jc_price_task_load_market (JcStore             *store,
                           const char          *date,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, date, jc_price_task_load_market, cancellable, callback, user_data, &td);
  jc_task_run_pointer (task, load_market_func, (GDestroyNotify) jc_price_market_free);
}

JcPriceMarket *
jc_price_task_load_market_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return jc_task_propagate_pointer (result, jc_price_task_load_market, error);
}

/* ---- history -------------------------------------------------------------- */

static gpointer
history_func (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  TaskData *td = task_data;

  return jc_store_price_history (store, td->id, td->from, td->base.date, error);
}

void
jc_price_task_history (JcStore             *store,
                       gint64               item_id,
                       const char          *from,
                       const char          *to,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, to, jc_price_task_history, cancellable, callback, user_data, &td);
  td->id = item_id;
  td->from = g_strdup (from);
  jc_task_run_pointer (task, history_func, (GDestroyNotify) g_array_unref);
}

GArray *
jc_price_task_history_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_price_task_history, error);
}

/* ---- fetching and importing ----------------------------------------------- */

void
jc_price_fetch_report_free (JcPriceFetchReport *report)
{
  g_free (report->from);
  g_free (report->to);
  g_clear_pointer (&report->errors, g_ptr_array_unref);
  g_free (report);
}

/* Main thread: the fetch's progress while it is not cancelled. */
static void
show_progress (GObject    *target,
               gpointer    task_data,
               double      fraction,
               const char *text)
{
  TaskData *td = task_data;

  if (!g_cancellable_is_cancelled (td->cancellable))
    td->progress (target, td->cancellable, fraction, text);
}

static void
import_progress_cb (JcImportPhase phase,
                    guint         done,
                    guint         total,
                    guint         rows,
                    gpointer      user_data)
{
  TaskData *td = user_data;
  double part = total > 0 ? (double) done / total : 0.5;
  char *text;

  if (phase == JC_IMPORT_PHASE_FETCHING)
    {
      part *= 0.8;
      if (total > 0)
        /* TRANSLATORS: fetch progress: source name, pages fetched, pages in all, rows read */
        text = g_strdup_printf (ngettext ("%s: page %u of %u, %u row", "%s: page %u of %u, %u rows",
                                          rows), td->source_name_now, done, total, rows);
      else
        text = g_strdup_printf (ngettext ("%s: page %u, %u row", "%s: page %u, %u rows", rows),
                                td->source_name_now, done, rows);
    }
  else if (phase == JC_IMPORT_PHASE_WAITING)
    /* TRANSLATORS: fetch progress: source name; another desk imports into the database */
    text = g_strdup_printf (_("%s: waiting for another desk’s import to finish…"),
                            td->source_name_now);
  else
    {
      part = 0.8 + 0.2 * part;
      /* TRANSLATORS: fetch progress: source name, rows stored, rows in all */
      text = g_strdup_printf (ngettext ("%s: storing %u of %u row", "%s: storing %u of %u rows",
                                        total),
                              td->source_name_now, done, total);
    }
  jc_task_progress (td, (td->source_index + part) / MAX (td->n_sources, 1), text);
}

static void
add_report (JcPriceFetchReport   *r,
            const JcImportReport *report)
{
  r->n_ok++;
  r->pages += report->pages;
  r->rows_new += report->rows_new;
  r->rows_changed += report->rows_changed;
  r->rows_same += report->rows_same;
  r->rows_rejected += report->rows_rejected;
  r->rows_duplicate += report->rows_duplicate;
  r->rows_unmapped += report->rows_unmapped;
}

static JcPriceFetchReport *
report_new (TaskData *td,
            guint     n_sources)
{
  JcPriceFetchReport *r = g_new0 (JcPriceFetchReport, 1);

  r->errors = g_ptr_array_new_with_free_func (g_free);
  r->from = g_strdup (td->from);
  r->to = g_strdup (td->base.date);
  r->imported = td->files != NULL;
  r->n_sources = n_sources;
  td->n_sources = n_sources;
  return r;
}

/* Imports saved feeds (the format is guessed from the content), each file
 * its own transaction. */
static JcPriceFetchReport *
import_files (JcStore      *store,
              TaskData     *td,
              GCancellable *cancellable)
{
  JcPriceFetchReport *r = report_new (td, td->files->len);

  for (guint i = 0; i < td->files->len; i++)
    {
      const char *path = g_ptr_array_index (td->files, i);
      g_autoptr(GError) local = NULL;
      JcImportReport report;

      td->source_index = i;
      g_free (td->source_name_now);
      td->source_name_now = g_path_get_basename (path);
      jc_import_report_init (&report);
      if (jc_prices_import_file (store, path, NULL, NULL, NULL, NULL, NULL, cancellable,
                                 import_progress_cb, td, &report, &local))
        add_report (r, &report);
      else if (g_cancellable_is_cancelled (cancellable))
        {
          jc_import_report_clear (&report);
          r->cancelled = TRUE;
          break;
        }
      else
        g_ptr_array_add (r->errors, g_strdup (local->message));
      jc_import_report_clear (&report);
    }
  return r;
}

static gpointer
fetch_func (JcStore       *store,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) enabled = g_ptr_array_new ();
  JcPriceFetchReport *r;

  if (td->files != NULL)
    return import_files (store, td, cancellable);
  sources = jc_store_list_sources (store, error);
  if (sources == NULL)
    return NULL;
  for (guint i = 0; i < sources->len; i++)
    if (((JcSource *) g_ptr_array_index (sources, i))->enabled)
      g_ptr_array_add (enabled, g_ptr_array_index (sources, i));
  if (enabled->len == 0)
    {
      /* the page offers the way out; the message says what is missing */
      td->no_source = sources->len == 0;
      td->all_disabled = sources->len > 0;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           sources->len == 0
                           ? _("There is no price source to fetch from yet. Add the market’s "
                               "price source (its address and format) first.")
                           : _("Every price source is disabled. Enable one on the Price "
                               "Sources page first."));
      return NULL;
    }

  r = report_new (td, enabled->len);
  for (guint i = 0; i < enabled->len; i++)
    {
      const JcSource *src = g_ptr_array_index (enabled, i);
      g_autoptr(GError) local = NULL;
      JcImportReport report;

      td->source_index = i;
      g_free (td->source_name_now);
      td->source_name_now = g_strdup (src->name);
      /* TRANSLATORS: fetch progress: the source being asked */
      jc_task_progress (td, (double) i / enabled->len,
                        g_strdup_printf (_("%s: connecting…"), src->name));
      jc_import_report_init (&report);
      if (jc_prices_fetch_source (store, src, td->from, td->base.date, NULL, cancellable,
                                  import_progress_cb, td, &report, &local))
        add_report (r, &report);
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
               g_cancellable_is_cancelled (cancellable))
        {
          jc_import_report_clear (&report);
          r->cancelled = TRUE;
          break;
        }
      else
        g_ptr_array_add (r->errors, g_strdup (local->message));
      jc_import_report_clear (&report);
    }
  return r;
}

void
jc_price_task_fetch (JcStore                  *store,
                     const char               *from,
                     const char               *to,
                     GPtrArray                *files,
                     JcPriceFetchProgressFunc  progress,
                     GObject                  *target,
                     GCancellable             *cancellable,
                     GAsyncReadyCallback       callback,
                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  task = task_new (store, to, jc_price_task_fetch, cancellable, callback, user_data, &td);
  td->from = g_strdup (from);
  td->files = files;
  td->progress = progress;
  if (progress != NULL)
    jc_task_set_progress (task, target, show_progress);
  td->cancellable = g_object_ref (cancellable);
  /* a cancelled fetch still reports the sources it finished */
  g_task_set_check_cancellable (task, FALSE);
  jc_task_run_pointer (task, fetch_func, (GDestroyNotify) jc_price_fetch_report_free);
}

JcPriceFetchReport *
jc_price_task_fetch_finish (GAsyncResult  *result,
                            gboolean      *out_no_source,
                            gboolean      *out_all_disabled,
                            GError       **error)
{
  TaskData *td;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  td = g_task_get_task_data (G_TASK (result));
  if (out_no_source != NULL)
    *out_no_source = td->no_source;
  if (out_all_disabled != NULL)
    *out_all_disabled = td->all_disabled;
  return jc_task_propagate_pointer (result, jc_price_task_fetch, error);
}

/* ---- held prices ---------------------------------------------------------- */

static gpointer
load_held_func (JcStore       *store,
                gpointer       task_data,
                GCancellable  *cancellable,
                GError       **error)
{
  return jc_price_list_held (store, error);
}

void
jc_price_task_load_held (JcStore             *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, NULL, jc_price_task_load_held, cancellable, callback, user_data, &td);
  jc_task_run_pointer (task, load_held_func, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
jc_price_task_load_held_finish (GAsyncResult  *result,
                                GError       **error)
{
  return jc_task_propagate_pointer (result, jc_price_task_load_held, error);
}

static gboolean
settle_held_func (JcStore       *store,
                  gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TaskData *td = task_data;

  if (td->per_pack)
    return jc_price_map_market_name_as (store, td->market_name, td->item_code, td->source_name,
                                        "pack", NULL, error);
  return jc_store_release_held (store, &td->id, 1, FALSE, NULL, NULL, error);
}

void
jc_price_task_settle_held (JcStore             *store,
                           const JcHeldQuote   *h,
                           gboolean             per_pack,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, NULL, jc_price_task_settle_held, cancellable, callback, user_data, &td);
  td->id = h->id;
  td->per_pack = per_pack;
  td->market_name = g_strdup (h->market_name);
  td->item_code = g_strdup (h->item_code);
  td->source_name = g_strdup (h->source_name);
  jc_task_run_boolean (task, settle_held_func);
}

gboolean
jc_price_task_settle_held_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return jc_task_propagate_boolean (result, jc_price_task_settle_held, error);
}

/* ---- names to map --------------------------------------------------------- */

void
jc_price_unmapped_free (JcPriceUnmapped *unmapped)
{
  g_clear_pointer (&unmapped->unmapped, g_ptr_array_unref);
  g_clear_pointer (&unmapped->suggestions, g_ptr_array_unref);
  g_clear_pointer (&unmapped->items, g_ptr_array_unref);
  g_free (unmapped);
}

/* The market names the feed filed under a category name, in the codes of
 * the catalog. */
static const char *
category_code (GPtrArray  *categories,
               const char *market_category)
{
  for (guint i = 0; i < categories->len; i++)
    {
      JcCategory *c = g_ptr_array_index (categories, i);

      if (g_strcmp0 (c->name, market_category) == 0 || g_strcmp0 (c->code, market_category) == 0)
        return c->code;
    }
  return NULL;
}

static gpointer
load_unmapped_func (JcStore       *store,
                    gpointer       task_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(JcPriceUnmapped) r = g_new0 (JcPriceUnmapped, 1);

  r->unmapped = jc_store_list_unmapped (store, error);
  if (r->unmapped != NULL)
    categories = jc_store_list_categories (store, error);
  if (categories != NULL)
    r->items = jc_store_list_items (store, FALSE, error);
  if (r->items == NULL)
    return NULL;
  r->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < r->unmapped->len; i++)
    {
      JcUnmapped *u = g_ptr_array_index (r->unmapped, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      g_ptr_array_add (r->suggestions,
                       jc_suggest_items (u->market_name, category_code (categories, u->category),
                                         r->items, td->max_suggestions));
    }
  return g_cancellable_set_error_if_cancelled (cancellable, error) ? NULL : g_steal_pointer (&r);
}

void
jc_price_task_load_unmapped (JcStore             *store,
                             guint                max_suggestions,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, NULL, jc_price_task_load_unmapped, cancellable, callback, user_data,
                   &td);
  td->max_suggestions = max_suggestions;
  jc_task_run_pointer (task, load_unmapped_func, (GDestroyNotify) jc_price_unmapped_free);
}

JcPriceUnmapped *
jc_price_task_load_unmapped_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return jc_task_propagate_pointer (result, jc_price_task_load_unmapped, error);
}

static gboolean
map_name_func (JcStore       *store,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcItem) item = jc_store_get_item (store, td->item_code, error);

  if (item == NULL ||
      !jc_price_map_market_name (store, td->market_name, td->item_code, &td->rows, error))
    return FALSE;
  td->item_name = g_strdup (item->name);
  return TRUE;
}

void
jc_price_task_map_name (JcStore             *store,
                        const char          *market_name,
                        const char          *item_code,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *td;

  task = task_new (store, NULL, jc_price_task_map_name, cancellable, callback, user_data, &td);
  td->market_name = g_strdup (market_name);
  td->item_code = g_strdup (item_code);
  jc_task_run_boolean (task, map_name_func);
}

gboolean
jc_price_task_map_name_finish (GAsyncResult  *result,
                               char         **out_item_name,
                               guint         *out_rows,
                               GError       **error)
{
  TaskData *td;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  td = g_task_get_task_data (G_TASK (result));
  if (!jc_task_propagate_boolean (result, jc_price_task_map_name, error))
    return FALSE;
  if (out_item_name != NULL)
    *out_item_name = g_strdup (td->item_name);
  if (out_rows != NULL)
    *out_rows = td->rows;
  return TRUE;
}
