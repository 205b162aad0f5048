/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-prices.c: the SQL of price sources, quotes, revisions, the fetch
 * log and the reference price. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

JcSource *
jc_source_new (void)
{
  JcSource *s = g_new0 (JcSource, 1);

  s->priority = 100;
  s->enabled = TRUE;
  s->params = g_strdup ("");
  s->credentials = g_strdup ("");
  s->schedule = g_strdup ("");
  return s;
}

JcSource *
jc_source_copy (const JcSource *source)
{
  JcSource *s = g_memdup2 (source, sizeof *source);

  s->name = g_strdup (source->name);
  s->adapter = g_strdup (source->adapter);
  s->url = g_strdup (source->url);
  s->params = g_strdup (source->params);
  s->credentials = g_strdup (source->credentials);
  s->schedule = g_strdup (source->schedule);
  return s;
}

void
jc_source_free (JcSource *source)
{
  if (source == NULL)
    return;
  g_free (source->name);
  g_free (source->adapter);
  g_free (source->url);
  g_free (source->params);
  if (source->credentials != NULL)
    memset (source->credentials, 0, strlen (source->credentials));
  g_free (source->credentials);
  g_free (source->schedule);
  g_free (source);
}

void
jc_price_row_free (JcPriceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->market_name);
  g_free (row->spec);
  g_free (row->origin);
  g_free (row->unit);
  g_free (row->item_code);
  g_free (row);
}

void
jc_unmapped_free (JcUnmapped *u)
{
  if (u == NULL)
    return;
  g_free (u->market_name);
  g_free (u->category);
  g_free (u->unit);
  g_free (u);
}

void
jc_fetch_log_entry_free (JcFetchLogEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->source_name);
  g_free (e->started_at);
  g_free (e->finished_at);
  g_free (e->status);
  g_free (e->rejects);
  g_free (e->message);
  g_free (e);
}

static gboolean
source_error (GError    **error,
              JcField     field,
              const char *what,
              const char *value)
{
  g_set_error (error, JC_VALIDATE_ERROR, field, "%s: %s", what, value);
  return FALSE;
}

/* Each error names its field (JC_VALIDATE_ERROR, JcField), so that an
 * editor can show it beside the right row.  Credentials are never quoted. */
gboolean
jc_source_validate (const JcSource  *source,
                    GError         **error)
{
  static const char *adapters[] = { "xinfadi", "csv", "usda", NULL };
  int minutes;

  if (source->name == NULL || *source->name == '\0')
    return source_error (error, JC_FIELD_NAME, _("name"), _("is required"));
  if (g_utf8_strlen (source->name, -1) > 64)
    return source_error (error, JC_FIELD_NAME, _("name"), _("is longer than 64 characters"));
  if (source->adapter == NULL || !g_strv_contains (adapters, source->adapter))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_ADAPTER,
                   _("adapter: unknown adapter “%s” (xinfadi, csv or usda)"),
                   source->adapter ? source->adapter : "");
      return FALSE;
    }
  if (source->url == NULL ||
      !(g_str_has_prefix (source->url, "http://") || g_str_has_prefix (source->url, "https://") ||
        g_str_has_prefix (source->url, "file://")))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_URL,
                   _("url: “%s” is not an http://, https:// or file:// address"),
                   source->url ? source->url : "");
      return FALSE;
    }
  /* jc_fetch() refuses them too: a line break would end the header. */
  if (source->credentials != NULL && strpbrk (source->credentials, "\r\n") != NULL)
    {
      g_set_error_literal (error, JC_VALIDATE_ERROR, JC_FIELD_CREDENTIALS,
                           _("credentials: a line break is not allowed"));
      return FALSE;
    }
  if (source->priority < 0 || source->priority > 1000)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_PRIORITY,
                   _("priority: %d is out of range (0 to 1000)"), source->priority);
      return FALSE;
    }
  if (source->schedule != NULL && *source->schedule != '\0' &&
      !jc_parse_time_field (JC_FIELD_SCHEDULE, source->schedule, &minutes, NULL))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_SCHEDULE,
                   _("schedule: “%s” is not a time of day (HH:MM)"), source->schedule);
      return FALSE;
    }
  return TRUE;
}

/* ---- sources ------------------------------------------------------- */

#define SOURCE_COLUMNS "id, name, adapter, url, params, credentials, priority, enabled, schedule "

static JcSource *
source_from_row (sqlite3_stmt *stmt)
{
  JcSource *s = jc_source_new ();

  g_free (s->params);
  g_free (s->credentials);
  g_free (s->schedule);
  s->id = sqlite3_column_int64 (stmt, 0);
  s->name = _jc_store_column_dup (stmt, 1);
  s->adapter = _jc_store_column_dup (stmt, 2);
  s->url = _jc_store_column_dup (stmt, 3);
  s->params = _jc_store_column_dup (stmt, 4);
  s->credentials = _jc_store_column_dup (stmt, 5);
  s->priority = sqlite3_column_int (stmt, 6);
  s->enabled = sqlite3_column_int (stmt, 7) != 0;
  s->schedule = _jc_store_column_dup (stmt, 8);
  return s;
}

GPtrArray *
jc_store_list_sources (JcStore  *store,
                       GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " SOURCE_COLUMNS "FROM price_sources ORDER BY priority, name", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_source_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, source_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the price sources"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

JcSource *
jc_store_get_source (JcStore     *store,
                     const char  *name,
                     GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " SOURCE_COLUMNS "FROM price_sources WHERE name = ?", error);
  JcSource *s = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    s = source_from_row (stmt);
  sqlite3_reset (stmt);
  if (s == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No price source “%s”"),
                 name ? name : "");
  return s;
}

static gboolean
write_source (JcStore         *store,
              const char      *sql,
              const JcSource  *s,
              gint64          *out_id,
              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!jc_source_validate (s, error))
    return FALSE;
  stmt = _jc_store_prepare (store, "SELECT 1 FROM price_sources WHERE name = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, s->name);
  sqlite3_bind_int64 (stmt, 2, s->id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME,
                   _("name: “%s” is already used by another price source"), s->name);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, s->name);
  _jc_store_bind_text (stmt, 2, s->adapter);
  _jc_store_bind_text (stmt, 3, s->url);
  _jc_store_bind_text (stmt, 4, s->params);
  _jc_store_bind_text (stmt, 5, s->credentials);
  sqlite3_bind_int (stmt, 6, s->priority);
  sqlite3_bind_int (stmt, 7, s->enabled ? 1 : 0);
  _jc_store_bind_text (stmt, 8, s->schedule);
  if (out_id == NULL)
    sqlite3_bind_int64 (stmt, 9, s->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not save the price source"), error);
  if (out_id == NULL && sqlite3_changes (_jc_store_get_db (store)) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No price source “%s”"),
                   s->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_store_insert_source (JcStore   *store,
                        JcSource  *source,
                        GError   **error)
{
  gint64 id = 0;

  source->id = 0;
  if (!write_source (store,
        "INSERT INTO price_sources (name, adapter, url, params, credentials, priority, enabled, "
        "schedule) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", source, &id, error))
    return FALSE;
  source->id = id;
  return TRUE;
}

gboolean
jc_store_update_source (JcStore         *store,
                        const JcSource  *source,
                        GError         **error)
{
  g_return_val_if_fail (source->id > 0, FALSE);

  return write_source (store,
    "UPDATE price_sources SET name = ?, adapter = ?, url = ?, params = ?, credentials = ?, "
    "priority = ?, enabled = ?, schedule = ? WHERE id = ?", source, NULL, error);
}

gint64
jc_store_count_source_prices (JcStore  *store,
                              gint64    source_id,
                              GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, "SELECT COUNT(*) FROM prices WHERE source_id = ?",
                                          error);
  gint64 n = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    _jc_store_set_error (store, rc, _("Could not count the prices"), error);
  return n;
}

gboolean
jc_store_delete_source (JcStore     *store,
                        const char  *name,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, "DELETE FROM price_sources WHERE name = ?", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, name);
  if (!_jc_store_step_done (store, stmt, _("Could not remove the price source"), error))
    return FALSE;
  if (sqlite3_changes (_jc_store_get_db (store)) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No price source “%s”"),
                   name ? name : "");
      return FALSE;
    }
  return TRUE;
}

/* ---- quotes -------------------------------------------------------- */

/* The quote's prices per the item's base unit; FALSE when the quote's unit
 * does not convert for the item (or there is no item). */
gboolean
jc_price_quote_to_base (const JcItem        *item,
         const JcPriceQuote  *q,
         gint64               base[3])
{
  JcItemUnits units;
  JcUnitFactor f;

  if (item == NULL)
    return FALSE;
  units = jc_item_get_units (item);
  if (!jc_unit_resolve (&units, q->unit, &f, NULL))
    {
      /* a package of stated mass ("40 lb cartons") for goods sold by weight */
      if (q->unit_milli_kg <= 0 || item->base_unit != JC_BASE_UNIT_KG)
        return FALSE;
      f.num = q->unit_milli_kg;
      f.den = 1000;
    }
  if (q->exact != NULL)
    return jc_decimal_price_to_base (&q->exact[0], &f, &base[0], NULL) &&
           jc_decimal_price_to_base (&q->exact[1], &f, &base[1], NULL) &&
           jc_decimal_price_to_base (&q->exact[2], &f, &base[2], NULL);
  return jc_price_to_base (q->low_milliyuan, &f, &base[0], NULL) &&
         jc_price_to_base (q->avg_milliyuan, &f, &base[1], NULL) &&
         jc_price_to_base (q->high_milliyuan, &f, &base[2], NULL);
}

/* The quote's low, avg and high exactly as quoted ("1.00045"), kept in
 * prices.low_exact … so that a quote mapped or converted later is
 * converted from them, not from the milli-yuan rounded at import; all NULL
 * when the quote has no exact figures. */
static void
exact_texts (const JcPriceQuote *q,
             char               *out[3])
{
  for (int k = 0; k < 3; k++)
    out[k] = q->exact != NULL ? jc_decimal_to_string (&q->exact[k]) : NULL;
}

static void
exact_texts_clear (char *texts[3])
{
  for (int k = 0; k < 3; k++)
    g_clear_pointer (&texts[k], g_free);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    _jc_store_bind_text (stmt, i, text);
  else
    sqlite3_bind_null (stmt, i);
}

/* The quote's texts outlive the statement's step: no copy. */
static void
bind_static (sqlite3_stmt *stmt,
             int           i,
             const char   *text)
{
  sqlite3_bind_text (stmt, i, text ? text : "", -1, SQLITE_STATIC);
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           i,
               gboolean      present,
               gint64        v)
{
  if (present)
    sqlite3_bind_int64 (stmt, i, v);
  else
    sqlite3_bind_null (stmt, i);
}

/* ---- holding ------------------------------------------------------ */

/* Half-up mean of non-negative integers. */
static gint64
mean_half_up (gint64 sum,
              gint64 n)
{
  return n > 0 ? (2 * sum + n) / (2 * n) : 0;
}


static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The item's median price per base unit over its last 30 quoted days
 * before `date`, from quotes that are not held (every source). */
static gboolean
item_median (JcStore     *store,
             gint64       item_id,
             const char  *date,
             gboolean    *found,
             gint64      *median,
             GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT date, base_avg FROM prices WHERE item_id = ? AND item_id IS NOT NULL AND held = 0 "
    "AND base_avg IS NOT NULL AND date < ? ORDER BY date DESC", error);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  char last[11] = "";
  guint days = 0;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  _jc_store_bind_text (stmt, 2, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *d = (const char *) sqlite3_column_text (stmt, 0);
      gint64 v = sqlite3_column_int64 (stmt, 1);

      if (strcmp (d, last) != 0)
        {
          if (days == JC_HOLD_HISTORY_DAYS)
            break;
          days++;
          g_strlcpy (last, d, sizeof last);
        }
      g_array_append_val (values, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the price history"), error);
  if (values->len == 0)
    return TRUE;
  g_array_sort (values, compare_gint64);
  if (values->len % 2 == 1)
    *median = g_array_index (values, gint64, values->len / 2);
  else
    *median = mean_half_up (g_array_index (values, gint64, values->len / 2 - 1) +
                            g_array_index (values, gint64, values->len / 2), 2);
  *found = TRUE;
  return TRUE;
}

static gboolean
category_range (JcStore      *store,
                const JcItem *item,
                gboolean     *found,
                gint64       *low,
                gint64       *high,
                GError      **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT r.low_milliyuan, r.high_milliyuan FROM price_ranges r "
    "JOIN categories c ON c.id = r.category_id WHERE c.code = ? AND r.base_unit = ?", error);
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, item->category);
  _jc_store_bind_text (stmt, 2, jc_base_unit_to_string (item->base_unit));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      *low = sqlite3_column_int64 (stmt, 0);
      *high = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the price ranges"), error);
  return TRUE;
}

/* Whether a quote of `item` on `date` at `avg` per base unit is held:
 * against the item's median when it has history, else against its
 * category's range (none: not held). */
static gboolean
evaluate_hold (JcStore      *store,
               const JcItem *item,
               const char   *date,
               gint64        avg,
               gboolean     *held,
               gboolean     *has_median,
               gint64       *median,
               GError      **error)
{
  gboolean found;
  gint64 low = 0, high = 0;

  *held = FALSE;
  *median = 0;
  if (!item_median (store, item->id, date, has_median, median, error))
    return FALSE;
  if (*has_median)
    {
      *held = jc_price_is_outlier (avg, *median);
      return TRUE;
    }
  if (!category_range (store, item, &found, &low, &high, error))
    return FALSE;
  *held = found && (avg < low || avg > high);
  return TRUE;
}

char *
jc_store_dup_quoted_per (JcStore     *store,
                         gint64       source_id,
                         const char  *market_name,
                         GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT quoted_per FROM price_quoted_per WHERE market_name = ? "
    "AND (source_id = ? OR source_id IS NULL) ORDER BY source_id IS NULL LIMIT 1", error);
  char *out = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, market_name);
  sqlite3_bind_int64 (stmt, 2, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    out = _jc_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read how a market name is quoted"), error);
      return NULL;
    }
  return out != NULL ? out : g_strdup ("");
}

/**
 * jc_store_put_quote:
 * Stores one market quote, keyed by (source, date, name, spec, origin,
 * unit).  New: inserted.  Same prices: nothing changes.  Different prices:
 * updated, and the old and new prices go to price_revisions.
 */
gboolean
jc_store_put_quote (JcStore             *store,
                    gint64               source_id,
                    gint64               fetch_id,
                    const JcPriceQuote  *q,
                    const JcItem        *item,
                    JcPutResult         *result,
                    GError             **error)
{
  return jc_store_put_quote_full (store, source_id, fetch_id, q, item, result, NULL, NULL, error);
}

static gboolean
put_quote_rows (JcStore             *store,
                gint64               source_id,
                gint64               fetch_id,
                const JcPriceQuote  *q,
                gint64               item_id,
                gboolean             mapped,
                const gint64         base[3],
                const char          *per,
                gboolean             held,
                gboolean             has_median,
                gint64               median,
                const char * const  *exact,
                JcPutResult         *result,
                GError             **error)
{
  sqlite3 *db = _jc_store_get_db (store);
  sqlite3_stmt *stmt;
  gint64 id, old[3];
  gboolean same_exact = TRUE;
  int rc;

  stmt = _jc_store_prepare (store,
    "INSERT INTO prices (source_id, date, market_name, spec, origin, unit, category, "
    "low_milliyuan, avg_milliyuan, high_milliyuan, item_id, base_low, base_avg, base_high, "
    "fetch_id, unit_milli_kg, quoted_per, held, held_median, low_exact, avg_exact, high_exact) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (market_name, source_id, date, spec, origin, unit) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_static (stmt, 2, q->date);
  bind_static (stmt, 3, q->market_name);
  bind_static (stmt, 4, q->spec);
  bind_static (stmt, 5, q->origin);
  bind_static (stmt, 6, q->unit);
  bind_static (stmt, 7, q->category);
  sqlite3_bind_int64 (stmt, 8, q->low_milliyuan);
  sqlite3_bind_int64 (stmt, 9, q->avg_milliyuan);
  sqlite3_bind_int64 (stmt, 10, q->high_milliyuan);
  bind_nullable (stmt, 11, mapped, item_id);
  bind_nullable (stmt, 12, mapped, base[0]);
  bind_nullable (stmt, 13, mapped, base[1]);
  bind_nullable (stmt, 14, mapped, base[2]);
  bind_nullable (stmt, 15, fetch_id > 0, fetch_id);
  sqlite3_bind_int64 (stmt, 16, q->unit_milli_kg);
  _jc_store_bind_text (stmt, 17, per);
  sqlite3_bind_int (stmt, 18, held ? 1 : 0);
  bind_nullable (stmt, 19, held && has_median, median);
  for (int k = 0; k < 3; k++)
    bind_text_or_null (stmt, 20 + k, exact[k]);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price"), error))
    return FALSE;
  if (sqlite3_changes (db) == 1)
    {
      *result = JC_PUT_NEW;
      return TRUE;
    }

  stmt = _jc_store_prepare (store,
    "SELECT id, low_milliyuan, avg_milliyuan, high_milliyuan, low_exact, avg_exact, high_exact "
    "FROM prices "
    "WHERE source_id = ? AND date = ? AND market_name = ? AND spec = ? AND origin = ? AND unit = ?",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_static (stmt, 2, q->date);
  bind_static (stmt, 3, q->market_name);
  bind_static (stmt, 4, q->spec);
  bind_static (stmt, 5, q->origin);
  bind_static (stmt, 6, q->unit);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _jc_store_set_error (store, rc, _("Could not read a price"), error);
    }
  id = sqlite3_column_int64 (stmt, 0);
  old[0] = sqlite3_column_int64 (stmt, 1);
  old[1] = sqlite3_column_int64 (stmt, 2);
  old[2] = sqlite3_column_int64 (stmt, 3);
  /* the same quote printed with more decimals is a change too: its exact
   * figures convert to other per-base-unit prices */
  for (int k = 0; k < 3; k++)
    if (exact[k] != NULL)
      {
        /* a row without exact figures: its milli-yuan are exact */
        JcDecimal stored = jc_decimal_from_milli (old[k]);
        g_autofree char *old_text = sqlite3_column_type (stmt, 4 + k) == SQLITE_NULL
                                    ? jc_decimal_to_string (&stored)
                                    : _jc_store_column_dup (stmt, 4 + k);

        if (g_strcmp0 (old_text, exact[k]) != 0)
          same_exact = FALSE;
      }
  sqlite3_reset (stmt);
  if (old[0] == q->low_milliyuan && old[1] == q->avg_milliyuan && old[2] == q->high_milliyuan &&
      same_exact)
    {
      *result = JC_PUT_SAME;
      return TRUE;
    }

  stmt = _jc_store_prepare (store,
    "INSERT INTO price_revisions (price_id, fetch_id, changed_at, old_low, old_avg, old_high, "
    "new_low, new_avg, new_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format_iso8601 (now);

    sqlite3_bind_int64 (stmt, 1, id);
    bind_nullable (stmt, 2, fetch_id > 0, fetch_id);
    _jc_store_bind_text (stmt, 3, stamp);
  }
  sqlite3_bind_int64 (stmt, 4, old[0]);
  sqlite3_bind_int64 (stmt, 5, old[1]);
  sqlite3_bind_int64 (stmt, 6, old[2]);
  sqlite3_bind_int64 (stmt, 7, q->low_milliyuan);
  sqlite3_bind_int64 (stmt, 8, q->avg_milliyuan);
  sqlite3_bind_int64 (stmt, 9, q->high_milliyuan);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price revision"), error))
    return FALSE;

  stmt = _jc_store_prepare (store,
    "UPDATE prices SET low_milliyuan = ?, avg_milliyuan = ?, high_milliyuan = ?, category = ?, "
    "item_id = ?, base_low = ?, base_avg = ?, base_high = ?, fetch_id = ?, quoted_per = ?, "
    "held = ?, held_median = ?, low_exact = ?, avg_exact = ?, high_exact = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, q->low_milliyuan);
  sqlite3_bind_int64 (stmt, 2, q->avg_milliyuan);
  sqlite3_bind_int64 (stmt, 3, q->high_milliyuan);
  bind_static (stmt, 4, q->category);
  bind_nullable (stmt, 5, mapped, item_id);
  bind_nullable (stmt, 6, mapped, base[0]);
  bind_nullable (stmt, 7, mapped, base[1]);
  bind_nullable (stmt, 8, mapped, base[2]);
  bind_nullable (stmt, 9, fetch_id > 0, fetch_id);
  _jc_store_bind_text (stmt, 10, per);
  sqlite3_bind_int (stmt, 11, held ? 1 : 0);
  bind_nullable (stmt, 12, held && has_median, median);
  for (int k = 0; k < 3; k++)
    bind_text_or_null (stmt, 13 + k, exact[k]);
  sqlite3_bind_int64 (stmt, 16, id);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price"), error))
    return FALSE;
  *result = JC_PUT_CHANGED;
  return TRUE;
}
/**
 * jc_store_put_quote_full:
 * jc_store_put_quote(), converting through the name's "quoted per"
 * override and holding an outlier; `out_mapped` says whether it has
 * per-base-unit prices, `out_held` whether it is held.
 */
gboolean
jc_store_put_quote_full (JcStore             *store,
                         gint64               source_id,
                         gint64               fetch_id,
                         const JcPriceQuote  *q,
                         const JcItem        *item,
                         JcPutResult         *result,
                         gboolean            *out_mapped,
                         gboolean            *out_held,
                         GError             **error)
{
  gint64 base[3] = { 0 };
  g_autofree char *per = NULL;
  gboolean mapped, held = FALSE, has_median = FALSE;
  gint64 median = 0;
  char *exact[3] = { NULL };
  gboolean ok;

  if (out_held != NULL)
    *out_held = FALSE;
  if (out_mapped != NULL)
    *out_mapped = FALSE;
  per = item != NULL ? jc_store_dup_quoted_per (store, source_id, q->market_name, error)
                     : g_strdup ("");
  if (per == NULL)
    return FALSE;
  mapped = jc_price_quote_to_base_as (item, q, per, base);
  if (mapped && !evaluate_hold (store, item, q->date, base[1], &held, &has_median, &median, error))
    return FALSE;
  if (!mapped)
    per[0] = '\0';
  if (out_mapped != NULL)
    *out_mapped = mapped;

  exact_texts (q, exact);
  ok = put_quote_rows (store, source_id, fetch_id, q, mapped ? item->id : 0, mapped, base,
                       per, held, has_median, median, (const char * const *) exact, result, error);
  exact_texts_clear (exact);
  if (ok && out_held != NULL && *result != JC_PUT_SAME)
    *out_held = held;
  return ok;
}

gint64
jc_store_count_prices (JcStore  *store,
                       GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM prices", error);
}

gint64
jc_store_count_revisions (JcStore  *store,
                          GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM price_revisions", error);
}

GPtrArray *
jc_store_list_prices (JcStore     *store,
                      const char  *item_code,
                      const char  *from,
                      const char  *to,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT p.id, p.source_id, s.name, p.date, p.market_name, p.spec, p.origin, p.unit, i.code, "
    "p.base_low, p.base_avg, p.base_high "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id JOIN items i ON i.id = p.item_id "
    "WHERE p.base_avg IS NOT NULL AND p.held = 0 AND (i.code = ? OR ? = '') AND p.date >= ? AND p.date <= ? "
    "ORDER BY i.code, p.date, s.priority, p.market_name, p.spec, p.origin, p.unit", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_price_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, item_code);
  _jc_store_bind_text (stmt, 2, item_code);
  _jc_store_bind_text (stmt, 3, from ? from : "0000-00-00");
  _jc_store_bind_text (stmt, 4, to ? to : "9999-99-99");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcPriceRow *r = g_new0 (JcPriceRow, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->source_id = sqlite3_column_int64 (stmt, 1);
      g_strlcpy (r->source_name, (const char *) sqlite3_column_text (stmt, 2), sizeof r->source_name);
      g_strlcpy (r->date, (const char *) sqlite3_column_text (stmt, 3), sizeof r->date);
      r->market_name = _jc_store_column_dup (stmt, 4);
      r->spec = _jc_store_column_dup (stmt, 5);
      r->origin = _jc_store_column_dup (stmt, 6);
      r->unit = _jc_store_column_dup (stmt, 7);
      r->item_code = _jc_store_column_dup (stmt, 8);
      r->low_milliyuan = sqlite3_column_int64 (stmt, 9);
      r->avg_milliyuan = sqlite3_column_int64 (stmt, 10);
      r->high_milliyuan = sqlite3_column_int64 (stmt, 11);
      r->per_base_unit = TRUE;
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the prices"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The day's prices of an item from the preferred source that quoted it
 * over [from, to]: low = lowest, high = highest, avg = mean of the
 * quotes' averages. */
GArray *
jc_store_price_history (JcStore     *store,
                        gint64       item_id,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT p.date, MIN(p.base_low), SUM(p.base_avg), COUNT(*), MAX(p.base_high) "
    "FROM prices p WHERE p.item_id = ? AND p.base_avg IS NOT NULL AND p.held = 0 AND p.date >= ? AND p.date <= ? "
    "AND p.source_id = (SELECT q.source_id FROM prices q JOIN price_sources s ON s.id = q.source_id "
    "  WHERE q.item_id = ? AND q.base_avg IS NOT NULL AND q.held = 0 AND s.enabled = 1 "
    "  ORDER BY s.priority, q.source_id LIMIT 1) "
    "GROUP BY p.date ORDER BY p.date", error);
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (JcPricePoint));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  _jc_store_bind_text (stmt, 2, from ? from : "0000-00-00");
  _jc_store_bind_text (stmt, 3, to ? to : "9999-99-99");
  sqlite3_bind_int64 (stmt, 4, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcPricePoint pt = { { 0 } };

      g_strlcpy (pt.date, (const char *) sqlite3_column_text (stmt, 0), sizeof pt.date);
      pt.low_milliyuan = sqlite3_column_int64 (stmt, 1);
      pt.avg_milliyuan = mean_half_up (sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3));
      pt.high_milliyuan = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (out, pt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the price history"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
window_start (const char  *date,
              int          stale_days,
              char         out[11],
              GError     **error)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date ? date : "");
  if (date == NULL || strlen (date) != 10 || !g_date_valid (&d))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  g_date_subtract_days (&d, (guint) CLAMP (stale_days, 0, 366));
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
  return TRUE;
}

/* Two forms so that each can use its index: one item over (item_id,
 * date), every item over (date). */
#define REF_SQL_HEAD \
  "SELECT p.item_id, p.date, s.priority, p.source_id, SUM(p.base_avg), COUNT(*) " \
  "FROM prices p JOIN price_sources s ON s.id = p.source_id " \
  "WHERE p.item_id IS NOT NULL AND p.base_avg IS NOT NULL AND p.held = 0 AND s.enabled = 1 " \
  "AND p.date >= ? AND p.date <= ? "
#define REF_SQL_TAIL \
  "GROUP BY p.item_id, p.date, s.priority, p.source_id " \
  "ORDER BY p.item_id, p.date DESC, s.priority, p.source_id"
#define REF_SQL_ONE REF_SQL_HEAD "AND p.item_id = ? " REF_SQL_TAIL
#define REF_SQL_ALL REF_SQL_HEAD REF_SQL_TAIL

/* Runs the query and keeps the first row per item: the latest date in the
 * window, then the preferred source. */
static GHashTable *
reference_prices (JcStore     *store,
                  gint64       item_id,
                  const char  *date,
                  int          stale_days,
                  GError     **error)
{
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  char from[11];
  char current_from[11];
  int rc;

  if (!window_start (date, stale_days, from, error) ||
      !jc_store_last_working_day_before (store, date, current_from, error))
    return NULL;
  stmt = _jc_store_prepare (store, item_id > 0 ? REF_SQL_ONE : REF_SQL_ALL, error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, from);
  _jc_store_bind_text (stmt, 2, date);
  if (item_id > 0)
    sqlite3_bind_int64 (stmt, 3, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      JcRefPrice *ref;
      gint64 *key;

      if (g_hash_table_contains (out, &id))
        continue;
      ref = g_new0 (JcRefPrice, 1);
      ref->found = TRUE;
      g_strlcpy (ref->date, (const char *) sqlite3_column_text (stmt, 1), sizeof ref->date);
      /* Monday's plan is made on Friday, on Friday's market */
      ref->stale = strcmp (ref->date, current_from) < 0;
      ref->source_id = sqlite3_column_int64 (stmt, 3);
      ref->price_milliyuan = mean_half_up (sqlite3_column_int64 (stmt, 4),
                                           sqlite3_column_int64 (stmt, 5));
      key = g_new (gint64, 1);
      *key = id;
      g_hash_table_insert (out, key, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the reference prices"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * jc_store_reference_price:
 * DESIGN.md's reference price of an item for date D: the average price of
 * the latest day up to D, within `stale_days` before D, from the preferred
 * enabled source (lowest priority number) that quoted it that day; marked
 * stale when dated before the last working day before D (the office
 * calendar); else out->found is FALSE ("no price" — never zero).
 */
gboolean
jc_store_reference_price (JcStore     *store,
                          gint64       item_id,
                          const char  *date,
                          int          stale_days,
                          JcRefPrice  *out,
                          GError     **error)
{
  g_autoptr(GHashTable) all = NULL;
  JcRefPrice *ref;

  g_return_val_if_fail (item_id > 0, FALSE);

  memset (out, 0, sizeof *out);
  all = reference_prices (store, item_id, date, stale_days, error);
  if (all == NULL)
    return FALSE;
  ref = g_hash_table_lookup (all, &item_id);
  if (ref != NULL)
    *out = *ref;
  return TRUE;
}

/* The same for every item at once: item id (gint64 *) → JcRefPrice *. */
GHashTable *
jc_store_reference_prices (JcStore     *store,
                           const char  *date,
                           int          stale_days,
                           GError     **error)
{
  return reference_prices (store, 0, date, stale_days, error);
}

/* ---- mapping ------------------------------------------------------- */

GPtrArray *
jc_store_list_unmapped (JcStore  *store,
                        GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT p.market_name, MAX(p.category), p.unit, COUNT(*), MAX(p.date), "
    "  (SELECT q.avg_milliyuan FROM prices q WHERE q.market_name = p.market_name "
    "   AND q.unit = p.unit AND q.item_id IS NULL ORDER BY q.date DESC LIMIT 1) "
    "FROM prices p WHERE p.item_id IS NULL "
    "GROUP BY p.market_name, p.unit ORDER BY COUNT(*) DESC, p.market_name, p.unit", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_unmapped_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcUnmapped *u = g_new0 (JcUnmapped, 1);

      u->market_name = _jc_store_column_dup (stmt, 0);
      u->category = _jc_store_column_dup (stmt, 1);
      u->unit = _jc_store_column_dup (stmt, 2);
      u->n_rows = (guint) sqlite3_column_int64 (stmt, 3);
      g_strlcpy (u->last_date, (const char *) sqlite3_column_text (stmt, 4), sizeof u->last_date);
      u->last_avg_milliyuan = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (out, u);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the unmapped names"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* One stored quote of a market name, as jc_store_map_market_name_as()
 * reads it before converting it again. */
typedef struct {
  gint64   id;
  gint64   source_id;
  char     date[11];
  char    *unit;
  gint64   unit_milli_kg;
  gint64   price[3];
  JcDecimal exact[3];    /* as quoted, when has_exact */
  gboolean has_exact;
  gboolean unmapped;
  gboolean held;
  char    *quoted_per;   /* as it was converted */
} NameQuote;

static void
name_quote_clear (gpointer data)
{
  g_free (((NameQuote *) data)->unit);
  g_free (((NameQuote *) data)->quoted_per);
}

static gboolean
write_quoted_per (JcStore     *store,
                  gint64       source_id,
                  const char  *market_name,
                  const char  *quoted_per,
                  GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "DELETE FROM price_quoted_per WHERE market_name = ? AND COALESCE(source_id, 0) = ?", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, market_name);
  sqlite3_bind_int64 (stmt, 2, source_id);
  if (!_jc_store_step_done (store, stmt, _("Could not save how a market name is quoted"), error))
    return FALSE;
  if (*quoted_per == '\0')
    return TRUE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO price_quoted_per (source_id, market_name, quoted_per) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_nullable (stmt, 1, source_id > 0, source_id);
  _jc_store_bind_text (stmt, 2, market_name);
  _jc_store_bind_text (stmt, 3, quoted_per);
  return _jc_store_step_done (store, stmt, _("Could not save how a market name is quoted"), error);
}

static gboolean
audit_hold (JcStore     *store,
            gint64       price_id,
            const char  *action,
            const char  *quoted_per,
            const char  *reason,
            GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO price_hold_audit (price_id, at, who, action, quoted_per, reason) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, price_id);
  _jc_store_bind_text (stmt, 2, stamp);
  _jc_store_bind_text (stmt, 3, g_get_user_name ());
  _jc_store_bind_text (stmt, 4, action);
  _jc_store_bind_text (stmt, 5, quoted_per ? quoted_per : "");
  _jc_store_bind_text (stmt, 6, reason ? reason : "");
  return _jc_store_step_done (store, stmt, _("Could not record what was done with a held price"),
                              error);
}

static gboolean
read_name_quotes (JcStore     *store,
                  const char  *market_name,
                  gint64       source_id,
                  gint64       item_id,
                  GArray      *out,
                  GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT id, source_id, date, unit, unit_milli_kg, low_milliyuan, avg_milliyuan, "
    "high_milliyuan, item_id IS NULL, held, quoted_per, low_exact, avg_exact, high_exact "
    "FROM prices "
    "WHERE market_name = ? AND (source_id = ? OR ? = 0) AND (item_id IS NULL OR item_id = ?) "
    "ORDER BY date, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, market_name);
  sqlite3_bind_int64 (stmt, 2, source_id);
  sqlite3_bind_int64 (stmt, 3, source_id);
  sqlite3_bind_int64 (stmt, 4, item_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NameQuote nq = { 0 };

      nq.id = sqlite3_column_int64 (stmt, 0);
      nq.source_id = sqlite3_column_int64 (stmt, 1);
      g_strlcpy (nq.date, (const char *) sqlite3_column_text (stmt, 2), sizeof nq.date);
      nq.unit = _jc_store_column_dup (stmt, 3);
      nq.unit_milli_kg = sqlite3_column_int64 (stmt, 4);
      for (int k = 0; k < 3; k++)
        nq.price[k] = sqlite3_column_int64 (stmt, 5 + k);
      nq.unmapped = sqlite3_column_int (stmt, 8) != 0;
      nq.held = sqlite3_column_int (stmt, 9) != 0;
      nq.quoted_per = _jc_store_column_dup (stmt, 10);
      /* rows stored before the exact figures were kept convert from the
       * milli-yuan */
      nq.has_exact = TRUE;
      for (int k = 0; k < 3; k++)
        if (sqlite3_column_type (stmt, 11 + k) == SQLITE_NULL ||
            !jc_decimal_parse ((const char *) sqlite3_column_text (stmt, 11 + k),
                               &nq.exact[k], NULL))
          nq.has_exact = FALSE;
      g_array_append_val (out, nq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the prices"), error);
  return TRUE;
}

/* Converts the stored quotes of a name again and evaluates the held, the
 * newly mapped and the ones now read through another "quoted per" (a
 * wrong one holds what it breaks), oldest first, so that a quote released
 * here is history for the next. */
static gboolean
convert_name_quotes (JcStore      *store,
                     const JcItem *item,
                     const char   *market_name,
                     gint64        source_id,
                     JcMapResult  *res,
                     GError      **error)
{
  g_autoptr(GArray) quotes = g_array_new (FALSE, TRUE, sizeof (NameQuote));
  g_autoptr(GHashTable) pers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_array_set_clear_func (quotes, name_quote_clear);
  if (!read_name_quotes (store, market_name, source_id, item->id, quotes, error))
    return FALSE;
  for (guint i = 0; i < quotes->len; i++)
    {
      NameQuote *nq = &g_array_index (quotes, NameQuote, i);
      JcPriceQuote pq = {
        market_name, "", "", "", nq->unit, nq->date,
        nq->price[0], nq->price[1], nq->price[2], nq->unit_milli_kg,
        nq->has_exact ? nq->exact : NULL,
      };
      const char *per = g_hash_table_lookup (pers, &nq->source_id);
      gboolean held = nq->held, has_median = FALSE, evaluate;
      gint64 base[3], median = 0;
      sqlite3_stmt *stmt;

      if (per == NULL)
        {
          char *p = jc_store_dup_quoted_per (store, nq->source_id, market_name, error);

          if (p == NULL)
            return FALSE;
          g_hash_table_insert (pers, g_memdup2 (&nq->source_id, sizeof (gint64)), p);
          per = p;
        }
      if (!jc_price_quote_to_base_as (item, &pq, per, base))
        continue;   /* stays as it was: unmapped, or mapped as before */
      evaluate = nq->held || nq->unmapped || g_strcmp0 (nq->quoted_per, per) != 0;
      if (evaluate &&
          !evaluate_hold (store, item, nq->date, base[1], &held, &has_median, &median, error))
        return FALSE;
      stmt = _jc_store_prepare (store,
        "UPDATE prices SET item_id = ?, base_low = ?, base_avg = ?, base_high = ?, quoted_per = ?, "
        "held = ?, held_median = CASE WHEN ? = 1 THEN ? ELSE held_median END WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item->id);
      for (int k = 0; k < 3; k++)
        sqlite3_bind_int64 (stmt, 2 + k, base[k]);
      _jc_store_bind_text (stmt, 5, per);
      sqlite3_bind_int (stmt, 6, held ? 1 : 0);
      sqlite3_bind_int (stmt, 7, evaluate ? 1 : 0);
      bind_nullable (stmt, 8, held && has_median, median);
      sqlite3_bind_int64 (stmt, 9, nq->id);
      if (!_jc_store_step_done (store, stmt, _("Could not map the prices"), error))
        return FALSE;
      if (nq->unmapped)
        res->mapped++;
      if (*per != '\0')
        res->converted++;
      if (held)
        res->held++;
      if (nq->held && !held)
        {
          res->released++;
          if (!audit_hold (store, nq->id, "convert", per, "", error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * jc_store_map_market_name_as:
 * Maps a market name to a catalog item: the name becomes an alias of the
 * item; with `quoted_per` (not NULL) the name's override for `source_name`
 * (NULL: every source) is set ("" removes it); then every stored quote of
 * that name whose unit converts gets the item and its per-base-unit prices,
 * and the held and newly mapped ones are evaluated again.  One
 * transaction.  Quotes in a unit that does not convert for the item stay
 * on the to-map list.
 */
gboolean
jc_store_map_market_name_as (JcStore      *store,
                             const char   *market_name,
                             const char   *item_code,
                             const char   *source_name,
                             const char   *quoted_per,
                             JcMapResult  *out,
                             GError      **error)
{
  g_autoptr(JcItem) item = NULL;
  g_autoptr(JcSource) source = NULL;
  g_autofree char *per = quoted_per ? g_strstrip (g_strdup (quoted_per)) : NULL;
  JcMapResult res = { 0 };
  gboolean ok = TRUE;

  if (market_name == NULL || *market_name == '\0')
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME, _("name: a market name is required"));
      return FALSE;
    }
  item = jc_store_get_item (store, item_code, error);
  if (item == NULL)
    return FALSE;
  if (source_name != NULL)
    {
      source = jc_store_get_source (store, source_name, error);
      if (source == NULL)
        return FALSE;
    }
  if (per != NULL && *per != '\0')
    {
      JcUnitFactor f;

      if (!jc_quoted_per_factor (item, per, &f, error))
        return FALSE;
    }
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;

  if (g_strcmp0 (item->name, market_name) != 0 &&
      !g_strv_contains ((const char * const *) item->aliases, market_name))
    {
      gsize n_aliases = g_strv_length (item->aliases);

      item->aliases = g_renew (char *, item->aliases, n_aliases + 2);
      item->aliases[n_aliases] = g_strdup (market_name);
      item->aliases[n_aliases + 1] = NULL;
      ok = jc_store_update_item (store, item, error);
    }
  if (ok && per != NULL)
    ok = write_quoted_per (store, source ? source->id : 0, market_name, per, error);
  ok = ok && convert_name_quotes (store, item, market_name, source ? source->id : 0, &res, error);
  if (!_jc_store_savepoint_end (store, ok, error) || !ok)
    return FALSE;
  if (out != NULL)
    *out = res;
  return TRUE;
}

/**
 * jc_store_map_market_name:
 * jc_store_map_market_name_as() for every source, keeping the override;
 * `out_rows` is how many quotes were newly mapped.
 */
gboolean
jc_store_map_market_name (JcStore     *store,
                          const char  *market_name,
                          const char  *item_code,
                          guint       *out_rows,
                          GError     **error)
{
  JcMapResult res = { 0 };

  if (!jc_store_map_market_name_as (store, market_name, item_code, NULL, NULL, &res, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = res.mapped;
  return TRUE;
}

/* ---- held quotes ---------------------------------------------------- */

gint64
jc_store_count_held (JcStore  *store,
                     GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM prices WHERE held = 1", error);
}

GPtrArray *
jc_store_list_held (JcStore  *store,
                    GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT p.id, s.name, p.date, p.market_name, p.spec, p.origin, p.unit, p.quoted_per, "
    "i.code, i.name, c.code, i.base_unit, i.pack_milli, i.piece_mass_mg, "
    "p.low_milliyuan, p.avg_milliyuan, p.high_milliyuan, p.base_low, p.base_avg, p.base_high, "
    "p.held_median, r.low_milliyuan, r.high_milliyuan "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id "
    "JOIN items i ON i.id = p.item_id JOIN categories c ON c.id = i.category_id "
    "LEFT JOIN price_ranges r ON r.category_id = i.category_id AND r.base_unit = i.base_unit "
    "WHERE p.held = 1 AND p.item_id IS NOT NULL "
    "ORDER BY p.date DESC, s.priority, p.market_name, p.id", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_held_quote_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcHeldQuote *h = g_new0 (JcHeldQuote, 1);

      h->id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (h->source_name, (const char *) sqlite3_column_text (stmt, 1), sizeof h->source_name);
      g_strlcpy (h->date, (const char *) sqlite3_column_text (stmt, 2), sizeof h->date);
      h->market_name = _jc_store_column_dup (stmt, 3);
      h->spec = _jc_store_column_dup (stmt, 4);
      h->origin = _jc_store_column_dup (stmt, 5);
      h->unit = _jc_store_column_dup (stmt, 6);
      h->quoted_per = _jc_store_column_dup (stmt, 7);
      h->item_code = _jc_store_column_dup (stmt, 8);
      h->item_name = _jc_store_column_dup (stmt, 9);
      h->category = _jc_store_column_dup (stmt, 10);
      if (!jc_base_unit_from_string ((const char *) sqlite3_column_text (stmt, 11),
                                     &h->units.base_unit))
        h->units.base_unit = JC_BASE_UNIT_KG;
      h->units.pack_milli = sqlite3_column_int64 (stmt, 12);
      h->units.piece_mass_mg = sqlite3_column_int64 (stmt, 13);
      h->low_milliyuan = sqlite3_column_int64 (stmt, 14);
      h->avg_milliyuan = sqlite3_column_int64 (stmt, 15);
      h->high_milliyuan = sqlite3_column_int64 (stmt, 16);
      h->base_low_milliyuan = sqlite3_column_int64 (stmt, 17);
      h->base_avg_milliyuan = sqlite3_column_int64 (stmt, 18);
      h->base_high_milliyuan = sqlite3_column_int64 (stmt, 19);
      h->has_median = sqlite3_column_type (stmt, 20) != SQLITE_NULL;
      h->median_milliyuan = sqlite3_column_int64 (stmt, 20);
      h->has_range = !h->has_median && sqlite3_column_type (stmt, 21) != SQLITE_NULL;
      h->range_low_milliyuan = h->has_range ? sqlite3_column_int64 (stmt, 21) : 0;
      h->range_high_milliyuan = h->has_range ? sqlite3_column_int64 (stmt, 22) : 0;
      jc_held_quote_suggest (h);
      g_ptr_array_add (out, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the held prices"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
jc_store_release_held (JcStore       *store,
                       const gint64  *ids,
                       guint          n_ids,
                       gboolean       all,
                       const char    *reason,
                       guint         *out_released,
                       GError       **error)
{
  g_autoptr(GArray) todo = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;
  int rc;

  if (all)
    {
      sqlite3_stmt *stmt = _jc_store_prepare (store, "SELECT id FROM prices WHERE held = 1 ORDER BY id",
                                              error);

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (todo, id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _jc_store_set_error (store, rc, _("Could not read the held prices"), error);
    }
  else
    g_array_append_vals (todo, ids, n_ids);

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < todo->len; i++)
    {
      gint64 id = g_array_index (todo, gint64, i);
      sqlite3_stmt *stmt = _jc_store_prepare (store,
        "UPDATE prices SET held = 0 WHERE id = ? AND held = 1", error);

      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _jc_store_step_done (store, stmt, _("Could not release a held price"), error);
      if (ok && sqlite3_changes (_jc_store_get_db (store)) == 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                       _("Quote %s is not held (see “prices held”)"), number);
          ok = FALSE;
        }
      ok = ok && audit_hold (store, id, "release", NULL, reason, error);
    }
  if (!_jc_store_savepoint_end (store, ok, error) || !ok)
    return FALSE;
  if (out_released != NULL)
    *out_released = todo->len;
  return TRUE;
}

/* ---- category ranges ------------------------------------------------ */

GPtrArray *
jc_store_list_price_ranges (JcStore  *store,
                            GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT c.code, r.base_unit, r.low_milliyuan, r.high_milliyuan FROM price_ranges r "
    "JOIN categories c ON c.id = r.category_id ORDER BY c.position, r.base_unit", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_price_range_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcPriceRange *r = g_new0 (JcPriceRange, 1);

      r->category = _jc_store_column_dup (stmt, 0);
      if (!jc_base_unit_from_string ((const char *) sqlite3_column_text (stmt, 1), &r->base_unit))
        r->base_unit = JC_BASE_UNIT_KG;
      r->low_milliyuan = sqlite3_column_int64 (stmt, 2);
      r->high_milliyuan = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the price ranges"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
jc_store_set_price_range (JcStore     *store,
                          const char  *category,
                          JcBaseUnit   base_unit,
                          gint64       low,
                          gint64       high,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id = 0;
  int rc;

  if (!(low == 0 && high == 0) && (low <= 0 || high <= low || high > JC_MAX_MILLI))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("price range: the lowest price must be above 0 and below the highest"));
      return FALSE;
    }
  stmt = _jc_store_prepare (store, "SELECT id FROM categories WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, category);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    category_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (category_id == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No category “%s”"),
                   category ? category : "");
      return FALSE;
    }
  stmt = _jc_store_prepare (store,
    "DELETE FROM price_ranges WHERE category_id = ? AND base_unit = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  _jc_store_bind_text (stmt, 2, jc_base_unit_to_string (base_unit));
  if (!_jc_store_step_done (store, stmt, _("Could not save the price range"), error))
    return FALSE;
  if (low == 0 && high == 0)
    return TRUE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO price_ranges (category_id, base_unit, low_milliyuan, high_milliyuan) "
    "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  _jc_store_bind_text (stmt, 2, jc_base_unit_to_string (base_unit));
  sqlite3_bind_int64 (stmt, 3, low);
  sqlite3_bind_int64 (stmt, 4, high);
  return _jc_store_step_done (store, stmt, _("Could not save the price range"), error);
}

/* ---- fetch log ----------------------------------------------------- */

gint64
jc_store_log_fetch (JcStore                *store,
                    const JcFetchLogEntry  *e,
                    gint64                  source_id,
                    GError                **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO fetch_log (source_id, source_name, started_at, finished_at, status, rows_seen, "
    "rows_new, rows_changed, rows_same, rows_rejected, rows_duplicate, rows_unmapped, rejects, "
    "message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  bind_nullable (stmt, 1, source_id > 0, source_id);
  _jc_store_bind_text (stmt, 2, e->source_name);
  _jc_store_bind_text (stmt, 3, e->started_at);
  _jc_store_bind_text (stmt, 4, e->finished_at ? e->finished_at : e->started_at);
  _jc_store_bind_text (stmt, 5, e->status ? e->status : "ok");
  sqlite3_bind_int (stmt, 6, (int) e->rows_seen);
  sqlite3_bind_int (stmt, 7, (int) e->rows_new);
  sqlite3_bind_int (stmt, 8, (int) e->rows_changed);
  sqlite3_bind_int (stmt, 9, (int) e->rows_same);
  sqlite3_bind_int (stmt, 10, (int) e->rows_rejected);
  sqlite3_bind_int (stmt, 11, (int) e->rows_duplicate);
  sqlite3_bind_int (stmt, 12, (int) e->rows_unmapped);
  _jc_store_bind_text (stmt, 13, e->rejects);
  _jc_store_bind_text (stmt, 14, e->message);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (!_jc_store_step_done (store, stmt, _("Could not write the fetch log"), error))
    return 0;
  return id;
}

gboolean
jc_store_finish_fetch_log (JcStore                *store,
                           gint64                  id,
                           const JcFetchLogEntry  *e,
                           GError                **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "UPDATE fetch_log SET finished_at = ?, status = ?, rows_seen = ?, rows_new = ?, "
    "rows_changed = ?, rows_same = ?, rows_rejected = ?, rows_duplicate = ?, rows_unmapped = ?, "
    "rejects = ?, message = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, e->finished_at);
  _jc_store_bind_text (stmt, 2, e->status ? e->status : "ok");
  sqlite3_bind_int (stmt, 3, (int) e->rows_seen);
  sqlite3_bind_int (stmt, 4, (int) e->rows_new);
  sqlite3_bind_int (stmt, 5, (int) e->rows_changed);
  sqlite3_bind_int (stmt, 6, (int) e->rows_same);
  sqlite3_bind_int (stmt, 7, (int) e->rows_rejected);
  sqlite3_bind_int (stmt, 8, (int) e->rows_duplicate);
  sqlite3_bind_int (stmt, 9, (int) e->rows_unmapped);
  _jc_store_bind_text (stmt, 10, e->rejects);
  _jc_store_bind_text (stmt, 11, e->message);
  sqlite3_bind_int64 (stmt, 12, id);
  return _jc_store_step_done (store, stmt, _("Could not write the fetch log"), error);
}

GPtrArray *
jc_store_list_fetch_log (JcStore  *store,
                         guint     limit,
                         GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT id, source_name, started_at, finished_at, status, rows_seen, rows_new, rows_changed, "
    "rows_same, rows_rejected, rows_duplicate, rows_unmapped, rejects, message "
    "FROM fetch_log ORDER BY id DESC LIMIT ?", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_fetch_log_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) MIN (limit, (guint) G_MAXINT));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcFetchLogEntry *e = g_new0 (JcFetchLogEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->source_name = _jc_store_column_dup (stmt, 1);
      e->started_at = _jc_store_column_dup (stmt, 2);
      e->finished_at = _jc_store_column_dup (stmt, 3);
      e->status = _jc_store_column_dup (stmt, 4);
      e->rows_seen = (guint) sqlite3_column_int (stmt, 5);
      e->rows_new = (guint) sqlite3_column_int (stmt, 6);
      e->rows_changed = (guint) sqlite3_column_int (stmt, 7);
      e->rows_same = (guint) sqlite3_column_int (stmt, 8);
      e->rows_rejected = (guint) sqlite3_column_int (stmt, 9);
      e->rows_duplicate = (guint) sqlite3_column_int (stmt, 10);
      e->rows_unmapped = (guint) sqlite3_column_int (stmt, 11);
      e->rejects = _jc_store_column_dup (stmt, 12);
      e->message = _jc_store_column_dup (stmt, 13);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the fetch log"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- the market today ---------------------------------------------- */

void
jc_market_row_free (JcMarketRow *row)
{
  if (row == NULL)
    return;
  g_free (row->item_code);
  g_free (row->item_name);
  g_free (row->category);
  g_free (row->pinyin);
  g_free (row->spec);
  g_free (row->origin);
  g_free (row);
}

gint64
jc_change_permille (gint64 now,
                    gint64 before)
{
  gint64 out = 0;

  if (before <= 0)
    return 0;
  jc_mul_div_round (now - before, 1000, before, &out, NULL);
  return out;
}

static gint64
days_between (const char *a,
              const char *b)
{
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_parse (&da, a);
  g_date_set_parse (&db, b);
  if (!g_date_valid (&da) || !g_date_valid (&db))
    return G_MAXINT;
  return g_date_days_between (&da, &db);
}

GPtrArray *
jc_store_market_overview (JcStore     *store,
                          const char  *date,
                          int          stale_days,
                          GError     **error)
{
  /* per item and day, the preferred source's quotes: the first row per
   * (item, date) in this order */
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_market_row_free);
  JcMarketRow *row = NULL;
  char from[11];
  char last_date[11] = "";
  int rc;

  if (!window_start (date, 60, from, error))
    return NULL;
  stmt = _jc_store_prepare (store,
    "SELECT i.id, i.code, i.name, c.code, i.pinyin, i.base_unit, p.date, s.priority, p.source_id, "
    "  MIN(p.base_low), SUM(p.base_avg), COUNT(*), MAX(p.base_high), MAX(p.spec), MAX(p.origin) "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id "
    "JOIN items i ON i.id = p.item_id JOIN categories c ON c.id = i.category_id "
    "WHERE p.base_avg IS NOT NULL AND p.held = 0 AND s.enabled = 1 AND i.active = 1 "
    "AND p.date >= ? AND p.date <= ? "
    "GROUP BY i.id, i.code, i.name, c.code, c.position, i.pinyin, i.base_unit, p.date, s.priority, "
    "  p.source_id "
    "ORDER BY c.position, i.code, p.date DESC, s.priority, p.source_id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, from);
  _jc_store_bind_text (stmt, 2, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *day = (const char *) sqlite3_column_text (stmt, 6);
      gint64 avg = mean_half_up (sqlite3_column_int64 (stmt, 10), sqlite3_column_int64 (stmt, 11));

      if (row == NULL || row->item_id != id)
        {
          row = g_new0 (JcMarketRow, 1);
          row->item_id = id;
          row->item_code = _jc_store_column_dup (stmt, 1);
          row->item_name = _jc_store_column_dup (stmt, 2);
          row->category = _jc_store_column_dup (stmt, 3);
          row->pinyin = _jc_store_column_dup (stmt, 4);
          if (!jc_base_unit_from_string ((const char *) sqlite3_column_text (stmt, 5), &row->base_unit))
            row->base_unit = JC_BASE_UNIT_KG;
          g_strlcpy (row->date, day, sizeof row->date);
          row->low_milliyuan = sqlite3_column_int64 (stmt, 9);
          row->avg_milliyuan = avg;
          row->high_milliyuan = sqlite3_column_int64 (stmt, 12);
          row->spec = _jc_store_column_dup (stmt, 13);
          row->origin = _jc_store_column_dup (stmt, 14);
          row->stale = days_between (row->date, date) > stale_days;
          g_ptr_array_add (out, row);
          g_strlcpy (last_date, day, sizeof last_date);
          continue;
        }
      if (g_strcmp0 (day, last_date) == 0)
        continue;   /* a less preferred source on the same day */
      g_strlcpy (last_date, day, sizeof last_date);
      if (!row->has_prev_day)
        {
          row->has_prev_day = TRUE;
          row->prev_day_avg_milliyuan = avg;
        }
      if (!row->has_prev_week && days_between (day, row->date) >= 7)
        {
          row->has_prev_week = TRUE;
          row->prev_week_avg_milliyuan = avg;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the market prices"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

int
jc_store_get_stale_days (JcStore *store)
{
  g_autofree char *v = jc_store_get_setting (store, "stale_days");
  gint64 days;

  if (v == NULL || !g_ascii_string_to_signed (v, 10, 1, 60, &days, NULL))
    return JC_DEFAULT_STALE_DAYS;
  return (int) days;
}

gboolean
jc_store_set_stale_days (JcStore  *store,
                         int       days,
                         GError  **error)
{
  g_autofree char *v = NULL;

  if (days < 1 || days > 60)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   ngettext ("staleness window: %d day is out of range (1 to 60)",
                             "staleness window: %d days is out of range (1 to 60)",
                             (unsigned long) ABS (days)),
                   days);
      return FALSE;
    }
  v = g_strdup_printf ("%d", days);
  return jc_store_set_setting (store, "stale_days", v, error);
}
