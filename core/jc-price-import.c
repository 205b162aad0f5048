/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-import.c: fetching and importing market prices — parse with
 * the source's adapter, map market names, hold outliers and store, staged
 * in bounded transactions and published at once (jc_store_stage_*), with
 * one fetch log line whatever happens.  No SQL here; nothing of a failed
 * or cancelled import may stay visible. */
#include "config.h"

#define G_LOG_DOMAIN "jc-price-import"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-input.h"
#include "jc-output.h"
#include "jc-error.h"
#include "jc-price-import.h"
#include "jc-store.h"

#define MAX_EXAMPLES_PER_REASON 5
#define XINFADI_DEFAULT_LIMIT "20"
#define MAX_PAGES 100000
/* Quotes per transaction of a staged import: between two, another desk's
 * write gets its turn.  JICAI_IMPORT_CHUNK_ROWS sets another (at least
 * 100), for the tests that kill an import between chunks. */
#define CHUNK_ROWS 20000

static guint
chunk_rows (void)
{
  const char *env = g_getenv ("JICAI_IMPORT_CHUNK_ROWS");
  guint64 n = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 0;

  return n >= 100 && n <= G_MAXUINT ? (guint) n : CHUNK_ROWS;
}

typedef struct {
  JcImportProgress progress;
  gpointer         user_data;
} Waiting;

static void
on_waiting_cb (JcStore  *store,
               gpointer  user_data)
{
  Waiting *w = user_data;

  if (w->progress != NULL)
    w->progress (JC_IMPORT_PHASE_WAITING, 0, 0, 0, w->user_data);
}

void
jc_import_report_init (JcImportReport *r)
{
  memset (r, 0, sizeof *r);
  r->reject_examples = g_ptr_array_new_with_free_func (g_free);
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->unmapped_names = g_ptr_array_new_with_free_func (g_free);
}

void
jc_import_report_clear (JcImportReport *r)
{
  g_clear_pointer (&r->reject_examples, g_ptr_array_unref);
  g_clear_pointer (&r->warnings, g_ptr_array_unref);
  g_clear_pointer (&r->unmapped_names, g_ptr_array_unref);
}

/* Market name → catalog item, through names and aliases; items owned by
 * `items`. */
static GHashTable *
name_map (GPtrArray *items)
{
  GHashTable *map = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      JcItem *it = items->pdata[i];

      for (char **a = it->aliases; a && *a; a++)
        g_hash_table_insert (map, *a, it);
    }
  /* names win over aliases */
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *it = items->pdata[i];

      g_hash_table_insert (map, it->name, it);
    }
  return map;
}

static void
fill_rejects (JcImportReport *r,
              JcFeedBatch    *batch)
{
  GArray *rejects = jc_feed_batch_get_rejects (batch);
  GPtrArray *warnings = jc_feed_batch_get_warnings (batch);
  guint shown[JC_N_REJECT_REASONS] = { 0 };

  r->rows_seen += jc_feed_batch_get_n_seen (batch);
  r->rows_rejected += jc_feed_batch_get_n_rejected (batch);
  r->rows_duplicate += jc_feed_batch_get_n_duplicates (batch);
  for (guint k = 0; k < JC_N_REJECT_REASONS; k++)
    r->rejected_by_reason[k] += jc_feed_batch_count_rejects (batch, k);
  for (guint i = 0; i < rejects->len; i++)
    {
      JcReject *rj = &g_array_index (rejects, JcReject, i);

      if (shown[rj->reason]++ >= MAX_EXAMPLES_PER_REASON)
        continue;
      g_ptr_array_add (r->reject_examples,
                       g_strdup_printf (_("line %u: %s (%s)"), rj->line, rj->detail,
                                        jc_reject_reason_to_string (rj->reason)));
    }
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    g_ptr_array_add (r->warnings, g_strdup (warnings->pdata[i]));
}

/* Stores the batch's quotes and the fetch log line, staged in chunks of
 * chunk_rows() quotes and published at once; on failure removes what was
 * staged (the caller logs the failure). */
static gboolean
store_batch (JcStore           *store,
             JcSource          *source,
             JcFeedBatch       *batch,
             const char        *started_at,
             GCancellable      *cancellable,
             JcImportProgress   progress,
             gpointer           user_data,
             JcImportReport    *r,
             GError           **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) map = NULL;
  g_autoptr(GHashTable) unmapped = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *rejects_json = jc_feed_batch_dup_rejects_json (batch);
  GArray *quotes = jc_feed_batch_get_quotes (batch);
  JcFetchLogEntry e = { 0 };
  gboolean created = source->id == 0;
  Waiting waiting = { progress, user_data };
  guint chunk = chunk_rows ();
  gboolean ok;

  fill_rejects (r, batch);
  items = jc_store_list_items (store, TRUE, error);
  if (items == NULL)
    return FALSE;
  map = name_map (items);

  e.source_name = source->name;
  e.started_at = (char *) started_at;
  e.status = (char *) "ok";
  /* a source made for this import is stored with it, or not at all */
  r->fetch_log_id = jc_store_stage_begin (store, source, &e, cancellable, on_waiting_cb, &waiting,
                                          error);
  if (r->fetch_log_id <= 0)
    return FALSE;
  ok = TRUE;
  for (guint i = 0; ok && i < quotes->len; i++)
    {
      JcQuote *q = &g_array_index (quotes, JcQuote, i);
      JcItem *item = g_hash_table_lookup (map, q->market_name);
      JcPriceQuote pq = {
        q->market_name, q->category, q->spec, q->origin, q->unit, q->date,
        q->low_milliyuan, q->avg_milliyuan, q->high_milliyuan, q->unit_milli_kg, q->exact,
      };
      JcPutResult put;
      gboolean mapped = FALSE, held = FALSE;

      if (!jc_price_put_quote_full (store, source->id, r->fetch_log_id, &pq, item, &put, &mapped,
                                    &held, error))
        {
          g_prefix_error (error, _("line %u (%s): "), q->line, q->market_name);
          ok = FALSE;
          break;
        }
      switch (put)
        {
        case JC_PUT_NEW: r->rows_new++; break;
        case JC_PUT_CHANGED: r->rows_changed++; break;
        case JC_PUT_SAME: r->rows_same++; break;
        default: g_assert_not_reached ();
        }
      if (held)
        r->rows_held++;
      if (!mapped)
        {
          r->rows_unmapped++;
          if (!g_hash_table_contains (unmapped, q->market_name))
            {
              g_hash_table_add (unmapped, (gpointer) q->market_name);
              g_ptr_array_add (r->unmapped_names, g_strdup (q->market_name));
            }
        }
      if ((i + 1) % chunk == 0 && i + 1 < quotes->len && !jc_store_stage_next_chunk (store, error))
        {
          ok = FALSE;
          break;
        }
      if (i % 4096 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else if (progress != NULL)
            progress (JC_IMPORT_PHASE_STORING, i, quotes->len, i, user_data);
        }
    }
  if (ok)
    {
      g_autofree char *finished = jc_timestamp_format (NULL);

      e.finished_at = finished;
      e.rows_seen = r->rows_seen;
      e.rows_new = r->rows_new;
      e.rows_changed = r->rows_changed;
      e.rows_same = r->rows_same;
      e.rows_rejected = r->rows_rejected;
      e.rows_duplicate = r->rows_duplicate;
      e.rows_unmapped = r->rows_unmapped;
      e.rejects = rejects_json;
      /* the last chunk committed first: the publish is a transaction of
       * its own, as short as the changed quotes allow */
      ok = jc_store_stage_next_chunk (store, error) &&
           jc_store_finish_fetch_log (store, r->fetch_log_id, &e, error) &&
           jc_store_stage_publish (store, error);
    }
  if (!ok)
    jc_store_stage_discard (store);
  if (!ok && created)
    source->id = 0;
  return ok;
}

/* After a failure: one line in the fetch log, outside the rolled-back
 * transaction. */
static void
log_failure (JcStore        *store,
             const JcSource *source,
             const char     *started_at,
             const GError   *error)
{
  g_autofree char *finished = jc_timestamp_format (NULL);
  JcFetchLogEntry e = { 0 };

  e.source_name = source->name;
  e.started_at = (char *) started_at;
  e.finished_at = finished;
  e.status = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? (char *) "cancelled"
                                                                        : (char *) "failed";
  e.message = error ? error->message : (char *) "";
  jc_store_log_fetch (store, &e, source->id > 0 ? source->id : 0, NULL);
}

static gboolean
parse_bytes (JcFeedFormat         format,
             const JcCsvMapping  *mapping,
             const char          *data,
             gsize                len,
             JcFeedBatch         *batch,
             JcXinfadiPage       *page,
             GError             **error)
{
  return jc_feed_adapter_get (format)->parse (data, len, mapping, batch, page, error);
}

/* The source named `name`, or a new one for files imported without a
 * configured source. */
static JcSource *
source_for_import (JcStore     *store,
                   const char  *name,
                   const char  *format,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JcSource) s = jc_store_get_source (store, name, &local);
  g_autofree char *uri = NULL;

  if (s != NULL)
    return g_steal_pointer (&s);
  if (!g_error_matches (local, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  /* a new source, stored with the import's rows (id 0 until then) */
  s = jc_source_new ();
  s->name = g_strdup (name);
  s->adapter = g_strdup (format);
  s->url = g_strdup (uri ? uri : "file:///");
  s->enabled = TRUE;
  s->priority = 100;
  if (!jc_source_validate (s, error))
    return NULL;
  return g_steal_pointer (&s);
}

/**
 * jc_prices_import_file:
 * Imports a saved feed (a Xinfadi JSON page, a CSV file, a USDA JSON
 * report) into the source `source_name` (created if it does not exist).
 * All of it or nothing; the fetch log records it either way.
 */
gboolean
jc_prices_import_file (JcStore            *store,
                       const char         *path,
                       const char         *format_name,
                       const JcCsvMapping *mapping,
                       const char         *source_name,
                       const char         *from,
                       const char         *to,
                       GCancellable       *cancellable,
                       JcImportProgress    progress,
                       gpointer            user_data,
                       JcImportReport     *r,
                       GError            **error)
{
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JcFeedBatch) batch = NULL;
  g_autoptr(JcSource) source = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *started = jc_timestamp_format (NULL);
  g_autofree char *name = NULL;
  JcFeedFormat format;
  const char *data;
  gsize len;

  /* read, not mapped: a mapped file cut short under us is a SIGBUS */
  file = jc_input_read_file (path, JC_PRICE_IMPORT_MAX_FILE_BYTES, _("a price file"), error);
  if (file == NULL)
    return FALSE;
  data = g_bytes_get_data (file, &len);
  if (format_name != NULL)
    {
      if (!jc_feed_format_from_string (format_name, &format))
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                       _("format: unknown format “%s” (xinfadi, csv or usda)"), format_name);
          return FALSE;
        }
    }
  else
    format = jc_feed_guess_format (data ? data : "", len);
  if (source_name == NULL || *source_name == '\0')
    {
      g_autofree char *base = g_path_get_basename (path);

      name = g_strdup_printf (_("Import %s"), base);
    }
  else
    name = g_strdup (source_name);
  source = source_for_import (store, name, jc_feed_format_to_string (format), path, error);
  if (source == NULL)
    return FALSE;

  batch = jc_feed_batch_new (from, to);
  if (batch == NULL)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” or “%s” is not a date (YYYY-MM-DD)"), from ? from : "",
                   to ? to : "");
      return FALSE;
    }
  if (!parse_bytes (format, mapping, data ? data : "", len, batch, NULL, &local))
    {
      g_prefix_error (&local, "%s: ", path);
      log_failure (store, source, started, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  r->pages = 1;
  if (!store_batch (store, source, batch, started, cancellable, progress, user_data, r, &local))
    {
      log_failure (store, source, started, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* "a=1&b=2" → hash table of the source's adapter parameters. */
static GHashTable *
parse_params (const char *params)
{
  GHashTable *h = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) parts = g_strsplit (params ? params : "", "&", -1);

  for (char **p = parts; *p; p++)
    {
      char *eq = strchr (*p, '=');

      if (**p == '\0')
        continue;
      if (eq == NULL)
        g_hash_table_insert (h, g_strdup (*p), g_strdup (""));
      else
        g_hash_table_insert (h, g_strndup (*p, eq - *p), g_uri_unescape_string (eq + 1, NULL));
    }
  return h;
}

static char *
slash_date (const char *iso)
{
  if (iso == NULL || strlen (iso) != 10)
    return g_strdup ("");
  return g_strdup_printf ("%.4s/%.2s/%.2s", iso, iso + 5, iso + 8);
}

static const char *
param (GHashTable *h,
       const char *key,
       const char *fallback)
{
  const char *v = g_hash_table_lookup (h, key);

  return v ? v : fallback;
}

/* Fetches every page of a Xinfadi query into `batch`.  The result must not
 * change while it is being paged through: a different count on a later
 * page fails the whole fetch. */
static gboolean
fetch_xinfadi (const JcSource        *source,
               const char            *from,
               const char            *to,
               const JcFetchOptions  *options,
               GCancellable          *cancellable,
               JcImportProgress       progress,
               gpointer               user_data,
               JcFeedBatch           *batch,
               JcImportReport        *r,
               GError               **error)
{
  g_autoptr(GHashTable) params = parse_params (source->params);
  g_autofree char *start = slash_date (from);
  g_autofree char *end = slash_date (to);
  gboolean is_file = g_str_has_prefix (source->url, "file://");
  gint64 count = -1, limit = g_ascii_strtoll (param (params, "limit", XINFADI_DEFAULT_LIMIT), NULL, 10);
  guint pages = 1;
  guint64 n_received = 0;

  if (limit <= 0 || limit > 10000)
    limit = 20;
  for (guint page = 1; page <= pages; page++)
    {
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      g_autofree char *limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
      g_autofree char *form = jc_fetch_form_encode ("limit", limit_text, "current", page_text,
                                                    "pubDateStartTime", start,
                                                    "pubDateEndTime", end,
                                                    "prodPcatid", param (params, "prodPcatid", ""),
                                                    "prodCatid", param (params, "prodCatid", ""),
                                                    "prodName", param (params, "prodName", ""),
                                                    NULL);
      g_autoptr(GBytes) body = NULL;
      JcXinfadiPage info = { 0 };
      gsize len;
      const char *data;

      body = jc_fetch (source->url, form, options, cancellable, NULL, NULL, NULL, error);
      if (body == NULL)
        return FALSE;
      data = g_bytes_get_data (body, &len);
      if (!jc_feed_parse_xinfadi (data ? data : "", len, batch, &info, error))
        {
          g_prefix_error (error, _("page %u: "), page);
          return FALSE;
        }
      r->pages = page;
      if (count < 0)
        {
          count = info.count;
          if (!is_file && count > 0)
            {
              gint64 n = (count + limit - 1) / limit;

              if (n > MAX_PAGES)
                {
                  g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                               ngettext ("The source announces %lld rows, %lld page: more than "
                                         "%d; narrow the dates",
                                         "The source announces %lld rows, %lld pages: more than "
                                         "%d; narrow the dates", (unsigned long) n),
                               (long long) count, (long long) n,
                               MAX_PAGES);
                  return FALSE;
                }
              pages = (guint) n;
            }
        }
      else if (info.count != count)
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                       ngettext ("The result changed while it was being fetched: page 1 announced "
                                 "%lld row, page %u announces %lld; nothing was stored, fetch again",
                                 "The result changed while it was being fetched: page 1 announced "
                                 "%lld rows, page %u announces %lld; nothing was stored, fetch "
                                 "again", (unsigned long) CLAMP (count, 0, G_MAXLONG)),
                       (long long) count, page, (long long) info.count);
          return FALSE;
        }
      /* A page larger than asked, or more rows than announced, is not the
       * paging we follow: refused before it can fill the database. */
      if (!is_file && info.n_records > limit)
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                       ngettext ("Page %u has %u row, more than the %lld asked for; nothing was "
                                 "stored. Check the source’s address and parameters",
                                 "Page %u has %u rows, more than the %lld asked for; nothing was "
                                 "stored. Check the source’s address and parameters",
                                 info.n_records),
                       page, info.n_records, (long long) limit);
          return FALSE;
        }
      n_received += info.n_records;
      if ((gint64) n_received > MAX (count, 0))
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                       ngettext ("The source sent %llu row by page %u, more than the %lld it "
                                 "announced; nothing was stored. Check the source’s address and "
                                 "parameters",
                                 "The source sent %llu rows by page %u, more than the %lld it "
                                 "announced; nothing was stored. Check the source’s address and "
                                 "parameters", (unsigned long) MIN (n_received, G_MAXULONG)),
                       (unsigned long long) n_received, page, (long long) MAX (count, 0));
          return FALSE;
        }
      if (info.n_records == 0 && page < pages)
        {
          g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_MALFORMED,
                       _("Page %u of %u came back empty; nothing was stored, fetch again"),
                       page, pages);
          return FALSE;
        }
      if (progress != NULL)
        progress (JC_IMPORT_PHASE_FETCHING, page, pages, jc_feed_batch_get_n_seen (batch), user_data);
    }
  return TRUE;
}

/**
 * jc_prices_fetch_source:
 * Fetches a source over HTTP (or file://) for [from, to] and stores what it
 * returns: all pages, staged and published at once, one fetch-log line.
 */
gboolean
jc_prices_fetch_source (JcStore               *store,
                        const JcSource        *source,
                        const char            *from,
                        const char            *to,
                        const JcFetchOptions  *options,
                        GCancellable          *cancellable,
                        JcImportProgress       progress,
                        gpointer               user_data,
                        JcImportReport        *r,
                        GError               **error)
{
  g_autoptr(JcFeedBatch) batch = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *started = jc_timestamp_format (NULL);
  JcFetchOptions opts;
  JcFeedFormat format;
  gboolean ok;

  if (options != NULL)
    opts = *options;
  else
    jc_fetch_options_init (&opts);
  if (opts.credentials == NULL && source->credentials != NULL && *source->credentials != '\0')
    opts.credentials = source->credentials;
  if (!jc_feed_format_from_string (source->adapter, &format))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("Source %s: the adapter “%s” cannot be fetched"), source->name, source->adapter);
      return FALSE;
    }
  batch = jc_feed_batch_new (from, to);
  if (batch == NULL)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” or “%s” is not a date (YYYY-MM-DD)"), from ? from : "",
                   to ? to : "");
      return FALSE;
    }
  if (jc_feed_adapter_get (format)->paged)
    ok = fetch_xinfadi (source, from, to, &opts, cancellable, progress, user_data, batch, r, &local);
  else
    {
      g_autoptr(GBytes) body = jc_fetch (source->url, NULL, &opts, cancellable, NULL, NULL, NULL,
                                         &local);
      gsize len = 0;
      const char *data = body ? g_bytes_get_data (body, &len) : NULL;

      ok = body != NULL && parse_bytes (format, NULL, data ? data : "", len, batch, NULL, &local);
      r->pages = ok ? 1 : 0;
    }
  if (ok)
    {
      g_autoptr(JcSource) copy = jc_source_copy (source);

      ok = store_batch (store, copy, batch, started, cancellable, progress, user_data, r, &local);
    }
  if (!ok)
    {
      g_prefix_error (&local, _("Source %s: "), source->name);
      log_failure (store, source, started, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
