/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-prices.c: the SQL of price sources, of quotes (writing them with
 * their revisions and hold flag, listing them, their history) and of the
 * reference price.  The mapping of market names, held quotes and category
 * ranges are in jc-store-price-held.c; staged imports in
 * jc-store-price-stage.c; the fetch log and the market overview in
 * jc-store-market.c.  No reader here may see a staged import's quotes
 * (JC_PRICE_PUBLISHED) but the import itself. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

/* ---- sources ------------------------------------------------------- */

#define SOURCE_COLUMNS "id, name, adapter, url, params, credentials, priority, enabled, schedule "

static gpointer
source_from_row (JcDbStmt *stmt)
{
  JcSource *s = jc_source_new ();

  g_free (s->params);
  g_free (s->credentials);
  g_free (s->schedule);
  s->id = jc_db_column_int64 (stmt, 0);
  s->name = _jc_store_column_dup (stmt, 1);
  s->adapter = _jc_store_column_dup (stmt, 2);
  s->url = _jc_store_column_dup (stmt, 3);
  s->params = _jc_store_column_dup (stmt, 4);
  s->credentials = _jc_store_column_dup (stmt, 5);
  s->priority = (int) jc_db_column_int64 (stmt, 6);
  s->enabled = (int) jc_db_column_int64 (stmt, 7) != 0;
  s->schedule = _jc_store_column_dup (stmt, 8);
  return s;
}

GPtrArray *
jc_store_list_sources (JcStore  *store,
                       GError  **error)
{
  return _jc_store_query_all (store,
    "SELECT " SOURCE_COLUMNS "FROM price_sources ORDER BY priority, name",
    source_from_row, (GDestroyNotify) jc_source_free, _("Could not read the price sources"), error,
    "");
}

JcSource *
jc_store_get_source (JcStore     *store,
                     const char  *name,
                     GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT " SOURCE_COLUMNS "FROM price_sources WHERE name = ?", error);
  JcSource *s;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", name);
  s = _jc_store_step_first (store, stmt, source_from_row, NULL, NULL);
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
  JcDbStmt *stmt;
  gint64 one = 0;

  /* the source's own rules are checked by jc_master_save_source() */
  stmt = _jc_store_prepare (store, "SELECT 1 FROM price_sources WHERE name = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "si", s->name, s->id);
  if (_jc_store_step_int64 (store, stmt, &one, NULL, NULL) > 0)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NAME,
                   _("name: “%s” is already used by another price source"), s->name);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  /* an update binds the id as its ninth parameter, an insert returns it */
  _jc_store_bind (stmt, out_id == NULL ? "sssssdbsi" : "sssssdbs", s->name, s->adapter, s->url,
                  s->params, s->credentials, s->priority, s->enabled, s->schedule, s->id);
  if (!_jc_store_step_returning (store, stmt, out_id != NULL ? out_id : &one,
                                 _("Could not save the price source"), error))
    return FALSE;
  if (out_id == NULL && _jc_store_changes (store) == 0)
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
  JcDbStmt *stmt = _jc_store_prepare (store, "SELECT COUNT(*) FROM prices p WHERE source_id = ? AND"
                                          JC_PRICE_PUBLISHED ("p"),
                                          error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  _jc_store_bind (stmt, "i", source_id);
  if (_jc_store_step_int64 (store, stmt, &n, _("Could not count the prices"), error) < 1)
    return -1;
  return n;
}

gboolean
jc_store_delete_source (JcStore     *store,
                        const char  *name,
                        GError     **error)
{
  if (!_jc_store_run (store, "DELETE FROM price_sources WHERE name = ?",
                      _("Could not remove the price source"), error, "s", name))
    return FALSE;
  if (_jc_store_changes (store) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No price source “%s”"),
                   name ? name : "");
      return FALSE;
    }
  return TRUE;
}

/* ---- quotes -------------------------------------------------------- */

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
bind_text_or_null (JcDbStmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    _jc_store_bind_text (stmt, i, text);
  else
    jc_db_bind_null (stmt, i);
}

/* The quote's texts outlive the statement's step: no copy. */
static void
bind_static (JcDbStmt *stmt,
             int           i,
             const char   *text)
{
  jc_db_bind_text_static (stmt, i, text ? text : "");
}

void
_jc_store_bind_nullable (JcDbStmt *stmt,
                         int           i,
                         gboolean      present,
                         gint64        v)
{
  if (present)
    jc_db_bind_int64 (stmt, i, v);
  else
    jc_db_bind_null (stmt, i);
}

/* ---- holding ------------------------------------------------------ */

/* Half-up mean of non-negative integers. */
gint64
_jc_store_mean_half_up (gint64 sum,
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
gboolean
jc_store_get_item_median (JcStore     *store,
                          gint64       item_id,
                          const char  *date,
                          gboolean    *found,
                          gint64      *median,
                          GError     **error)
{
  guint n_changes = 0;
  gint64 own = _jc_store_get_stage (store, &n_changes);
  /* Its own staged quotes count for the import writing them, as they did
   * when one transaction held the whole import; so do the changes it has
   * staged for quotes already published (read as the publish will write
   * them, in the slower form only while there are some). */
  JcDbStmt *stmt = n_changes == 0 ? _jc_store_prepare (store,
    "SELECT date, base_avg FROM prices WHERE item_id = ?1 AND item_id IS NOT NULL AND held = 0 "
    "AND base_avg IS NOT NULL AND date < ?2 "
    "AND COALESCE(fetch_id, 0) NOT IN (SELECT fetch_id FROM price_imports WHERE fetch_id <> ?3) "
    "ORDER BY date DESC", error) : _jc_store_prepare (store,
    "SELECT p.date, COALESCE(c.base_avg, p.base_avg) FROM prices p "
    "LEFT JOIN price_import_changes c "
    "  ON c.id = (SELECT MAX(id) FROM price_import_changes WHERE price_id = p.id AND fetch_id = ?3) "
    "WHERE p.item_id = ?1 AND p.item_id IS NOT NULL AND COALESCE(c.held, p.held) = 0 "
    "AND COALESCE(c.base_avg, p.base_avg) IS NOT NULL AND p.date < ?2 "
    "AND COALESCE(p.fetch_id, 0) NOT IN (SELECT fetch_id FROM price_imports WHERE fetch_id <> ?3) "
    "ORDER BY p.date DESC", error);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  char last[11] = "";
  guint days = 0;
  JcDbStep rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  jc_db_bind_int64 (stmt, 1, item_id);
  _jc_store_bind_text (stmt, 2, date);
  jc_db_bind_int64 (stmt, 3, own);
  while ((rc = jc_db_step (stmt, NULL)) == JC_DB_ROW)
    {
      const char *d = jc_db_column_text (stmt, 0);
      gint64 v = jc_db_column_int64 (stmt, 1);

      if (strcmp (d, last) != 0)
        {
          if (days == JC_HOLD_HISTORY_DAYS)
            break;
          days++;
          g_strlcpy (last, d, sizeof last);
        }
      g_array_append_val (values, v);
    }
  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    return _jc_store_db_failed (store, _("Could not read the price history"), error);
  if (values->len == 0)
    return TRUE;
  g_array_sort (values, compare_gint64);
  if (values->len % 2 == 1)
    *median = g_array_index (values, gint64, values->len / 2);
  else
    *median = _jc_store_mean_half_up (g_array_index (values, gint64, values->len / 2 - 1) +
                            g_array_index (values, gint64, values->len / 2), 2);
  *found = TRUE;
  return TRUE;
}

gboolean
jc_store_get_category_range (JcStore      *store,
                             const JcItem *item,
                             gboolean     *found,
                             gint64       *low,
                             gint64       *high,
                             GError      **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT r.low_milliyuan, r.high_milliyuan FROM price_ranges r "
    "JOIN categories c ON c.id = r.category_id WHERE c.code = ? AND r.base_unit = ?", error);
  JcDbStep rc;

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, item->category);
  _jc_store_bind_text (stmt, 2, jc_base_unit_to_string (item->base_unit));
  rc = jc_db_step (stmt, NULL);
  if (rc == JC_DB_ROW)
    {
      *found = TRUE;
      *low = jc_db_column_int64 (stmt, 0);
      *high = jc_db_column_int64 (stmt, 1);
    }
  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    return _jc_store_db_failed (store, _("Could not read the price ranges"), error);
  return TRUE;
}

char *
jc_store_dup_quoted_per (JcStore     *store,
                         gint64       source_id,
                         const char  *market_name,
                         GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT quoted_per FROM price_quoted_per WHERE market_name = ? "
    "AND (source_id = ? OR source_id IS NULL) ORDER BY source_id IS NULL LIMIT 1", error);
  g_autoptr(GError) local = NULL;
  char *out;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "si", market_name, source_id);
  out = _jc_store_step_first (store, stmt, _jc_store_text_from_row,
                              _("Could not read how a market name is quoted"), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return out != NULL ? out : g_strdup ("");
}

/* A published quote that a staged import changes: kept aside until the
 * import is published, when its revision is written and the quote
 * updated (publish_changes). */
static gboolean
stage_change (JcStore             *store,
              gint64               price_id,
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
              GError             **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "INSERT INTO price_import_changes (price_id, fetch_id, changed_at, low_milliyuan, "
    "avg_milliyuan, high_milliyuan, category, item_id, base_low, base_avg, base_high, quoted_per, "
    "held, held_median, low_exact, avg_exact, high_exact) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *stamp = _jc_store_now_iso ();
  guint n_changes = 0;

  if (stmt == NULL)
    return FALSE;
  jc_db_bind_int64 (stmt, 1, price_id);
  jc_db_bind_int64 (stmt, 2, fetch_id);
  _jc_store_bind_text (stmt, 3, stamp);
  jc_db_bind_int64 (stmt, 4, q->low_milliyuan);
  jc_db_bind_int64 (stmt, 5, q->avg_milliyuan);
  jc_db_bind_int64 (stmt, 6, q->high_milliyuan);
  bind_static (stmt, 7, q->category);
  _jc_store_bind_nullable (stmt, 8, mapped, item_id);
  _jc_store_bind_nullable (stmt, 9, mapped, base[0]);
  _jc_store_bind_nullable (stmt, 10, mapped, base[1]);
  _jc_store_bind_nullable (stmt, 11, mapped, base[2]);
  _jc_store_bind_text (stmt, 12, per);
  jc_db_bind_int64 (stmt, 13, held ? 1 : 0);
  _jc_store_bind_nullable (stmt, 14, held && has_median, median);
  for (int k = 0; k < 3; k++)
    bind_text_or_null (stmt, 15 + k, exact[k]);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price"), error))
    return FALSE;
  _jc_store_get_stage (store, &n_changes);
  _jc_store_set_stage (store, fetch_id, n_changes + 1);
  return TRUE;
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
  JcDbStmt *stmt;
  gint64 id, old[3];
  gboolean same_exact = TRUE;
  guint n_changes = 0;
  JcDbStep rc;

  stmt = _jc_store_prepare (store,
    "INSERT INTO prices (source_id, date, market_name, spec, origin, unit, category, "
    "low_milliyuan, avg_milliyuan, high_milliyuan, item_id, base_low, base_avg, base_high, "
    "fetch_id, unit_milli_kg, quoted_per, held, held_median, low_exact, avg_exact, high_exact) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (market_name, source_id, date, spec, origin, unit) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  jc_db_bind_int64 (stmt, 1, source_id);
  bind_static (stmt, 2, q->date);
  bind_static (stmt, 3, q->market_name);
  bind_static (stmt, 4, q->spec);
  bind_static (stmt, 5, q->origin);
  bind_static (stmt, 6, q->unit);
  bind_static (stmt, 7, q->category);
  jc_db_bind_int64 (stmt, 8, q->low_milliyuan);
  jc_db_bind_int64 (stmt, 9, q->avg_milliyuan);
  jc_db_bind_int64 (stmt, 10, q->high_milliyuan);
  _jc_store_bind_nullable (stmt, 11, mapped, item_id);
  _jc_store_bind_nullable (stmt, 12, mapped, base[0]);
  _jc_store_bind_nullable (stmt, 13, mapped, base[1]);
  _jc_store_bind_nullable (stmt, 14, mapped, base[2]);
  _jc_store_bind_nullable (stmt, 15, fetch_id > 0, fetch_id);
  jc_db_bind_int64 (stmt, 16, q->unit_milli_kg);
  _jc_store_bind_text (stmt, 17, per);
  jc_db_bind_int64 (stmt, 18, held ? 1 : 0);
  _jc_store_bind_nullable (stmt, 19, held && has_median, median);
  for (int k = 0; k < 3; k++)
    bind_text_or_null (stmt, 20 + k, exact[k]);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price"), error))
    return FALSE;
  if (_jc_store_changes (store) == 1)
    {
      *result = JC_PUT_NEW;
      return TRUE;
    }

  /* the quote as it stands: as an import that has staged changes will
   * leave it, for a quote may come twice in one file with other prices */
  _jc_store_get_stage (store, &n_changes);
  stmt = n_changes == 0 ? _jc_store_prepare (store,
    "SELECT id, low_milliyuan, avg_milliyuan, high_milliyuan, low_exact, avg_exact, high_exact "
    "FROM prices "
    "WHERE source_id = ? AND date = ? AND market_name = ? AND spec = ? AND origin = ? AND unit = ?",
    error) : _jc_store_prepare (store,
    "SELECT p.id, COALESCE(c.low_milliyuan, p.low_milliyuan), COALESCE(c.avg_milliyuan, p.avg_milliyuan), "
    "COALESCE(c.high_milliyuan, p.high_milliyuan), "
    "CASE WHEN c.id IS NULL THEN p.low_exact ELSE c.low_exact END, "
    "CASE WHEN c.id IS NULL THEN p.avg_exact ELSE c.avg_exact END, "
    "CASE WHEN c.id IS NULL THEN p.high_exact ELSE c.high_exact END "
    "FROM prices p LEFT JOIN price_import_changes c "
    "  ON c.id = (SELECT MAX(id) FROM price_import_changes WHERE price_id = p.id AND fetch_id = ?7) "
    "WHERE p.source_id = ?1 AND p.date = ?2 AND p.market_name = ?3 AND p.spec = ?4 "
    "AND p.origin = ?5 AND p.unit = ?6", error);
  if (stmt == NULL)
    return FALSE;
  jc_db_bind_int64 (stmt, 1, source_id);
  bind_static (stmt, 2, q->date);
  bind_static (stmt, 3, q->market_name);
  bind_static (stmt, 4, q->spec);
  bind_static (stmt, 5, q->origin);
  bind_static (stmt, 6, q->unit);
  if (n_changes > 0)
    jc_db_bind_int64 (stmt, 7, fetch_id);
  rc = jc_db_step (stmt, NULL);
  if (rc != JC_DB_ROW)
    {
      jc_db_reset (stmt);
      return _jc_store_db_failed (store, _("Could not read a price"), error);
    }
  id = jc_db_column_int64 (stmt, 0);
  old[0] = jc_db_column_int64 (stmt, 1);
  old[1] = jc_db_column_int64 (stmt, 2);
  old[2] = jc_db_column_int64 (stmt, 3);
  /* the same quote printed with more decimals is a change too: its exact
   * figures convert to other per-base-unit prices */
  for (int k = 0; k < 3; k++)
    if (exact[k] != NULL)
      {
        /* a row without exact figures: its milli-yuan are exact */
        JcDecimal stored = jc_decimal_from_milli (old[k]);
        g_autofree char *old_text = jc_db_column_is_null (stmt, 4 + k)
                                    ? jc_decimal_to_string (&stored)
                                    : _jc_store_column_dup (stmt, 4 + k);

        if (g_strcmp0 (old_text, exact[k]) != 0)
          same_exact = FALSE;
      }
  jc_db_reset (stmt);
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
    g_autofree char *stamp = _jc_store_now_iso ();

    jc_db_bind_int64 (stmt, 1, id);
    _jc_store_bind_nullable (stmt, 2, fetch_id > 0, fetch_id);
    _jc_store_bind_text (stmt, 3, stamp);
  }
  jc_db_bind_int64 (stmt, 4, old[0]);
  jc_db_bind_int64 (stmt, 5, old[1]);
  jc_db_bind_int64 (stmt, 6, old[2]);
  jc_db_bind_int64 (stmt, 7, q->low_milliyuan);
  jc_db_bind_int64 (stmt, 8, q->avg_milliyuan);
  jc_db_bind_int64 (stmt, 9, q->high_milliyuan);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price revision"), error))
    return FALSE;
  /* staged: the revision is hidden with the import, the new prices wait
   * for its publish */
  if (fetch_id > 0 && fetch_id == _jc_store_get_stage (store, NULL))
    {
      if (!stage_change (store, id, fetch_id, q, item_id, mapped, base, per, held, has_median,
                         median, exact, error))
        return FALSE;
      *result = JC_PUT_CHANGED;
      return TRUE;
    }

  stmt = _jc_store_prepare (store,
    "UPDATE prices SET low_milliyuan = ?, avg_milliyuan = ?, high_milliyuan = ?, category = ?, "
    "item_id = ?, base_low = ?, base_avg = ?, base_high = ?, fetch_id = ?, quoted_per = ?, "
    "held = ?, held_median = ?, low_exact = ?, avg_exact = ?, high_exact = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  jc_db_bind_int64 (stmt, 1, q->low_milliyuan);
  jc_db_bind_int64 (stmt, 2, q->avg_milliyuan);
  jc_db_bind_int64 (stmt, 3, q->high_milliyuan);
  bind_static (stmt, 4, q->category);
  _jc_store_bind_nullable (stmt, 5, mapped, item_id);
  _jc_store_bind_nullable (stmt, 6, mapped, base[0]);
  _jc_store_bind_nullable (stmt, 7, mapped, base[1]);
  _jc_store_bind_nullable (stmt, 8, mapped, base[2]);
  _jc_store_bind_nullable (stmt, 9, fetch_id > 0, fetch_id);
  _jc_store_bind_text (stmt, 10, per);
  jc_db_bind_int64 (stmt, 11, held ? 1 : 0);
  _jc_store_bind_nullable (stmt, 12, held && has_median, median);
  for (int k = 0; k < 3; k++)
    bind_text_or_null (stmt, 13 + k, exact[k]);
  jc_db_bind_int64 (stmt, 16, id);
  if (!_jc_store_step_done (store, stmt, _("Could not save a price"), error))
    return FALSE;
  *result = JC_PUT_CHANGED;
  return TRUE;
}
/**
 * jc_store_write_quote:
 * Stores one market quote as it is given, keyed by (source, date, name,
 * spec, origin, unit).  New: inserted.  Same prices: nothing changes.
 * Different prices: updated, and the old and new prices go to
 * price_revisions.  `item_id` 0 stores it unmapped (`base` and
 * `quoted_per` unused); `held` and the median it was held against are
 * written as they are.
 */
gboolean
jc_store_write_quote (JcStore             *store,
                      gint64               source_id,
                      gint64               fetch_id,
                      const JcPriceQuote  *q,
                      gint64               item_id,
                      const gint64         base[3],
                      const char          *quoted_per,
                      gboolean             held,
                      gboolean             has_median,
                      gint64               median,
                      JcPutResult         *result,
                      GError             **error)
{
  static const gint64 none[3] = { 0 };
  gboolean mapped = item_id > 0;
  char *exact[3] = { NULL };
  gboolean ok;

  exact_texts (q, exact);
  ok = put_quote_rows (store, source_id, fetch_id, q, mapped ? item_id : 0, mapped,
                       mapped ? base : none, mapped && quoted_per != NULL ? quoted_per : "",
                       mapped && held, has_median, median, (const char * const *) exact,
                       result, error);
  exact_texts_clear (exact);
  return ok;
}

gint64
jc_store_count_prices (JcStore  *store,
                       GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM prices p WHERE" JC_PRICE_PUBLISHED ("p"),
                          error);
}

gint64
jc_store_count_revisions (JcStore  *store,
                          GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM price_revisions r WHERE"
                          JC_PRICE_PUBLISHED ("r"), error);
}

static gpointer
price_row_from_row (JcDbStmt *stmt)
{
  JcPriceRow *r = g_new0 (JcPriceRow, 1);

  r->id = jc_db_column_int64 (stmt, 0);
  r->source_id = jc_db_column_int64 (stmt, 1);
  g_strlcpy (r->source_name, jc_db_column_text (stmt, 2), sizeof r->source_name);
  g_strlcpy (r->date, jc_db_column_text (stmt, 3), sizeof r->date);
  r->market_name = _jc_store_column_dup (stmt, 4);
  r->spec = _jc_store_column_dup (stmt, 5);
  r->origin = _jc_store_column_dup (stmt, 6);
  r->unit = _jc_store_column_dup (stmt, 7);
  r->item_code = _jc_store_column_dup (stmt, 8);
  r->low_milliyuan = jc_db_column_int64 (stmt, 9);
  r->avg_milliyuan = jc_db_column_int64 (stmt, 10);
  r->high_milliyuan = jc_db_column_int64 (stmt, 11);
  r->per_base_unit = TRUE;
  return r;
}

GPtrArray *
jc_store_list_prices (JcStore     *store,
                      const char  *item_code,
                      const char  *from,
                      const char  *to,
                      GError     **error)
{
  return _jc_store_query_all (store,
    "SELECT p.id, p.source_id, s.name, p.date, p.market_name, p.spec, p.origin, p.unit, i.code, "
    "p.base_low, p.base_avg, p.base_high "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id JOIN items i ON i.id = p.item_id "
    "WHERE p.base_avg IS NOT NULL AND p.held = 0 AND (i.code = ?1 OR ?1 = '') AND p.date >= ?2 AND p.date <= ?3 "
    "AND" JC_PRICE_PUBLISHED ("p")
    "ORDER BY i.code, p.date, s.priority, p.market_name, p.spec, p.origin, p.unit",
    price_row_from_row, (GDestroyNotify) jc_price_row_free, _("Could not read the prices"), error,
    "sss", item_code, from ? from : "0000-00-00", to ? to : "9999-99-99");
}

static void
append_price_point (JcDbStmt *stmt,
                    gpointer      data)
{
  JcPricePoint pt = { { 0 } };

  g_strlcpy (pt.date, jc_db_column_text (stmt, 0), sizeof pt.date);
  pt.low_milliyuan = jc_db_column_int64 (stmt, 1);
  pt.avg_milliyuan = _jc_store_mean_half_up (jc_db_column_int64 (stmt, 2), jc_db_column_int64 (stmt, 3));
  pt.high_milliyuan = jc_db_column_int64 (stmt, 4);
  g_array_append_val ((GArray *) data, pt);
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT p.date, MIN(p.base_low), SUM(p.base_avg), COUNT(*), MAX(p.base_high) "
    "FROM prices p WHERE p.item_id = ?1 AND p.base_avg IS NOT NULL AND p.held = 0 AND p.date >= ?2 AND p.date <= ?3 "
    "AND" JC_PRICE_PUBLISHED ("p")
    "AND p.source_id = (SELECT q.source_id FROM prices q JOIN price_sources s ON s.id = q.source_id "
    "  WHERE q.item_id = ?1 AND q.base_avg IS NOT NULL AND q.held = 0 AND s.enabled = 1 AND"
    JC_PRICE_PUBLISHED ("q")
    "  ORDER BY s.priority, q.source_id LIMIT 1) "
    "GROUP BY p.date ORDER BY p.date", error);
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (JcPricePoint));

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "iss", item_id, from ? from : "0000-00-00", to ? to : "9999-99-99");
  if (!_jc_store_step_each (store, stmt, append_price_point, out,
                            _("Could not read the price history"), error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
_jc_store_window_start (const char  *date,
                        int          stale_days,
                        char         out[11],
                        GError     **error)
{
  if (!jc_date_shift (date, -CLAMP (stale_days, 0, 366), out))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  return TRUE;
}

/* Two forms so that each can use its index: one item over (item_id,
 * date), every item over (date). */
#define REF_SQL_HEAD \
  "SELECT p.item_id, p.date, s.priority, p.source_id, SUM(p.base_avg), COUNT(*) " \
  "FROM prices p JOIN price_sources s ON s.id = p.source_id " \
  "WHERE p.item_id IS NOT NULL AND p.base_avg IS NOT NULL AND p.held = 0 AND s.enabled = 1 " \
  "AND p.date >= ? AND p.date <= ? AND" JC_PRICE_PUBLISHED ("p")
#define REF_SQL_TAIL \
  "GROUP BY p.item_id, p.date, s.priority, p.source_id " \
  "ORDER BY p.item_id, p.date DESC, s.priority, p.source_id"
#define REF_SQL_ONE REF_SQL_HEAD "AND p.item_id = ? " REF_SQL_TAIL
#define REF_SQL_ALL REF_SQL_HEAD REF_SQL_TAIL

/* Keeps the first row per item: the latest date in the window, then the
 * preferred source. */
static void
add_reference_price (JcDbStmt *stmt,
                     gpointer      data)
{
  GHashTable *out = data;
  gint64 id = jc_db_column_int64 (stmt, 0);
  JcRefPrice *ref;
  gint64 *key;

  if (g_hash_table_contains (out, &id))
    return;
  ref = g_new0 (JcRefPrice, 1);
  ref->found = TRUE;
  g_strlcpy (ref->date, jc_db_column_text (stmt, 1), sizeof ref->date);
  ref->source_id = jc_db_column_int64 (stmt, 3);
  ref->price_milliyuan = _jc_store_mean_half_up (jc_db_column_int64 (stmt, 4),
                                                 jc_db_column_int64 (stmt, 5));
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (out, key, ref);
}

/* The latest day's price of each item within [from, to] from the preferred
 * enabled source that quoted it (one item when item_id > 0): item id
 * (gint64 *) → JcRefPrice * with found, date, source and price; whether it
 * is stale is the domain's to say (jc-price-reference.c). */
GHashTable *
_jc_store_latest_prices (JcStore     *store,
                         gint64       item_id,
                         const char  *from,
                         const char  *to,
                         GError     **error)
{
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  JcDbStmt *stmt = _jc_store_prepare (store, item_id > 0 ? REF_SQL_ONE : REF_SQL_ALL, error);

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, item_id > 0 ? "ssi" : "ss", from, to, item_id);
  if (!_jc_store_step_each (store, stmt, add_reference_price, out,
                            _("Could not read the reference prices"), error))
    return NULL;
  return g_steal_pointer (&out);
}
