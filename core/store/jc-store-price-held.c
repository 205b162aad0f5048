/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-price-held.c: the SQL of mapping market names to catalog items
 * (converting their quotes), of held quotes and of category price ranges. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-calendar.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

/* ---- mapping ------------------------------------------------------- */

static gpointer
unmapped_from_row (JcDbStmt *stmt)
{
  JcUnmapped *u = g_new0 (JcUnmapped, 1);

  u->market_name = _jc_store_column_dup (stmt, 0);
  u->category = _jc_store_column_dup (stmt, 1);
  u->unit = _jc_store_column_dup (stmt, 2);
  u->n_rows = (guint) jc_db_column_int64 (stmt, 3);
  g_strlcpy (u->last_date, jc_db_column_text (stmt, 4), sizeof u->last_date);
  u->last_avg_milliyuan = jc_db_column_int64 (stmt, 5);
  return u;
}

GPtrArray *
jc_store_list_unmapped (JcStore  *store,
                        GError  **error)
{
  return _jc_store_query_all (store,
    "SELECT p.market_name, MAX(p.category), p.unit, COUNT(*), MAX(p.date), "
    "  (SELECT q.avg_milliyuan FROM prices q WHERE q.market_name = p.market_name "
    "   AND q.unit = p.unit AND q.item_id IS NULL AND" JC_PRICE_PUBLISHED ("q")
    "   ORDER BY q.date DESC LIMIT 1) "
    "FROM prices p WHERE p.item_id IS NULL AND" JC_PRICE_PUBLISHED ("p")
    "GROUP BY p.market_name, p.unit ORDER BY COUNT(*) DESC, p.market_name, p.unit",
    unmapped_from_row, (GDestroyNotify) jc_unmapped_free, _("Could not read the unmapped names"),
    error, "");
}

void
jc_name_quote_clear (gpointer data)
{
  g_free (((JcNameQuote *) data)->unit);
  g_free (((JcNameQuote *) data)->quoted_per);
}

gboolean
jc_store_set_quoted_per (JcStore     *store,
                         gint64       source_id,
                         const char  *market_name,
                         const char  *quoted_per,
                         GError     **error)
{
  if (!_jc_store_run (store,
        "DELETE FROM price_quoted_per WHERE market_name = ? AND COALESCE(source_id, 0) = ?",
        _("Could not save how a market name is quoted"), error, "si", market_name, source_id))
    return FALSE;
  if (*quoted_per == '\0')
    return TRUE;
  return _jc_store_run (store,
    "INSERT INTO price_quoted_per (source_id, market_name, quoted_per) VALUES (?, ?, ?)",
    _("Could not save how a market name is quoted"), error, "kss", source_id, market_name,
    quoted_per);
}

gboolean
jc_store_audit_hold (JcStore     *store,
                     gint64       price_id,
                     const char  *action,
                     const char  *quoted_per,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return _jc_store_run (store,
    "INSERT INTO price_hold_audit (price_id, at, who, action, quoted_per, reason) "
    "VALUES (?, ?, ?, ?, ?, ?)", _("Could not record what was done with a held price"), error,
    "isssss", price_id, stamp, g_get_user_name (), action, quoted_per, reason);
}

static void
append_name_quote (JcDbStmt *stmt,
                   gpointer      data)
{
  JcNameQuote nq = { 0 };

  nq.id = jc_db_column_int64 (stmt, 0);
  nq.source_id = jc_db_column_int64 (stmt, 1);
  g_strlcpy (nq.date, jc_db_column_text (stmt, 2), sizeof nq.date);
  nq.unit = _jc_store_column_dup (stmt, 3);
  nq.unit_milli_kg = jc_db_column_int64 (stmt, 4);
  for (int k = 0; k < 3; k++)
    nq.price[k] = jc_db_column_int64 (stmt, 5 + k);
  nq.unmapped = (int) jc_db_column_int64 (stmt, 8) != 0;
  nq.held = (int) jc_db_column_int64 (stmt, 9) != 0;
  nq.quoted_per = _jc_store_column_dup (stmt, 10);
  /* rows stored before the exact figures were kept convert from the
   * milli-yuan */
  nq.has_exact = TRUE;
  for (int k = 0; k < 3; k++)
    if (jc_db_column_is_null (stmt, 11 + k) ||
        !jc_decimal_parse (jc_db_column_text (stmt, 11 + k),
                           &nq.exact[k], NULL))
      nq.has_exact = FALSE;
  g_array_append_val ((GArray *) data, nq);
}

gboolean
jc_store_list_name_quotes (JcStore     *store,
                           const char  *market_name,
                           gint64       source_id,
                           gint64       item_id,
                           GArray      *out,
                           GError     **error)
{
  return _jc_store_query_each (store,
    "SELECT id, source_id, date, unit, unit_milli_kg, low_milliyuan, avg_milliyuan, "
    "high_milliyuan, item_id IS NULL, held, quoted_per, low_exact, avg_exact, high_exact "
    "FROM prices "
    "WHERE market_name = ? AND (source_id = ? OR ? = 0) AND (item_id IS NULL OR item_id = ?) "
    "ORDER BY date, id",
    append_name_quote, out, _("Could not read the prices"), error, "siii", market_name, source_id,
    source_id, item_id);
}

/**
 * jc_store_set_quote_mapping:
 * Writes a stored quote as mapped to `item_id` with its per-base-unit
 * prices through `quoted_per`, held or not as given; the median it was
 * held against is written only when `evaluated`.
 */
gboolean
jc_store_set_quote_mapping (JcStore       *store,
                            gint64         price_id,
                            gint64         item_id,
                            const gint64   base[3],
                            const char    *quoted_per,
                            gboolean       held,
                            gboolean       evaluated,
                            gboolean       has_median,
                            gint64         median,
                            GError       **error)
{
  return _jc_store_run (store,
    "UPDATE prices SET item_id = ?, base_low = ?, base_avg = ?, base_high = ?, quoted_per = ?, "
    "held = ?, held_median = CASE WHEN ? = 1 THEN ? ELSE held_median END WHERE id = ?",
    _("Could not map the prices"), error, "iiiisbbNi", item_id, base[0], base[1], base[2],
    quoted_per, held, evaluated, held && has_median, median, price_id);
}

/* ---- held quotes ---------------------------------------------------- */

gint64
jc_store_count_held (JcStore  *store,
                     GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM prices p WHERE held = 1 AND"
                          JC_PRICE_PUBLISHED ("p"), error);
}

static gpointer
held_quote_from_row (JcDbStmt *stmt)
{
  JcHeldQuote *h = g_new0 (JcHeldQuote, 1);

  h->id = jc_db_column_int64 (stmt, 0);
  g_strlcpy (h->source_name, jc_db_column_text (stmt, 1), sizeof h->source_name);
  g_strlcpy (h->date, jc_db_column_text (stmt, 2), sizeof h->date);
  h->market_name = _jc_store_column_dup (stmt, 3);
  h->spec = _jc_store_column_dup (stmt, 4);
  h->origin = _jc_store_column_dup (stmt, 5);
  h->unit = _jc_store_column_dup (stmt, 6);
  h->quoted_per = _jc_store_column_dup (stmt, 7);
  h->item_code = _jc_store_column_dup (stmt, 8);
  h->item_name = _jc_store_column_dup (stmt, 9);
  h->category = _jc_store_column_dup (stmt, 10);
  if (!jc_base_unit_from_string (jc_db_column_text (stmt, 11),
                                 &h->units.base_unit))
    h->units.base_unit = JC_BASE_UNIT_KG;
  h->units.pack_milli = jc_db_column_int64 (stmt, 12);
  h->units.piece_mass_mg = jc_db_column_int64 (stmt, 13);
  h->low_milliyuan = jc_db_column_int64 (stmt, 14);
  h->avg_milliyuan = jc_db_column_int64 (stmt, 15);
  h->high_milliyuan = jc_db_column_int64 (stmt, 16);
  h->base_low_milliyuan = jc_db_column_int64 (stmt, 17);
  h->base_avg_milliyuan = jc_db_column_int64 (stmt, 18);
  h->base_high_milliyuan = jc_db_column_int64 (stmt, 19);
  h->has_median = !jc_db_column_is_null (stmt, 20);
  h->median_milliyuan = jc_db_column_int64 (stmt, 20);
  h->has_range = !h->has_median && !jc_db_column_is_null (stmt, 21);
  h->range_low_milliyuan = h->has_range ? jc_db_column_int64 (stmt, 21) : 0;
  h->range_high_milliyuan = h->has_range ? jc_db_column_int64 (stmt, 22) : 0;
  return h;
}

/* Held quotes, newest first, without their suggestion. */
GPtrArray *
jc_store_read_held (JcStore  *store,
                    GError  **error)
{
  return _jc_store_query_all (store,
    "SELECT p.id, s.name, p.date, p.market_name, p.spec, p.origin, p.unit, p.quoted_per, "
    "i.code, i.name, c.code, i.base_unit, i.pack_milli, i.piece_mass_mg, "
    "p.low_milliyuan, p.avg_milliyuan, p.high_milliyuan, p.base_low, p.base_avg, p.base_high, "
    "p.held_median, r.low_milliyuan, r.high_milliyuan "
    "FROM prices p JOIN price_sources s ON s.id = p.source_id "
    "JOIN items i ON i.id = p.item_id JOIN categories c ON c.id = i.category_id "
    "LEFT JOIN price_ranges r ON r.category_id = i.category_id AND r.base_unit = i.base_unit "
    "WHERE p.held = 1 AND p.item_id IS NOT NULL AND" JC_PRICE_PUBLISHED ("p")
    "ORDER BY p.date DESC, s.priority, p.market_name, p.id",
    held_quote_from_row, (GDestroyNotify) jc_held_quote_free, _("Could not read the held prices"),
    error, "");
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

  if (all)
    {
      JcDbStmt *stmt = _jc_store_prepare (store, "SELECT id FROM prices p WHERE held = 1 AND" JC_PRICE_PUBLISHED ("p")
                                              "ORDER BY id",
                                              error);

      if (stmt == NULL ||
          !_jc_store_step_each (store, stmt, _jc_store_append_int64, todo,
                                _("Could not read the held prices"), error))
        return FALSE;
    }
  else
    g_array_append_vals (todo, ids, n_ids);

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < todo->len; i++)
    {
      gint64 id = g_array_index (todo, gint64, i);

      ok = _jc_store_run (store, "UPDATE prices SET held = 0 WHERE id = ? AND held = 1",
                          _("Could not release a held price"), error, "i", id);
      if (ok && _jc_store_changes (store) == 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                       _("Quote %s is not held (see “prices held”)"), number);
          ok = FALSE;
        }
      ok = ok && jc_store_audit_hold (store, id, "release", NULL, reason, error);
    }
  if (!_jc_store_savepoint_end (store, ok, error) || !ok)
    return FALSE;
  if (out_released != NULL)
    *out_released = todo->len;
  return TRUE;
}

/* ---- category ranges ------------------------------------------------ */

static gpointer
price_range_from_row (JcDbStmt *stmt)
{
  JcPriceRange *r = g_new0 (JcPriceRange, 1);

  r->category = _jc_store_column_dup (stmt, 0);
  if (!jc_base_unit_from_string (jc_db_column_text (stmt, 1), &r->base_unit))
    r->base_unit = JC_BASE_UNIT_KG;
  r->low_milliyuan = jc_db_column_int64 (stmt, 2);
  r->high_milliyuan = jc_db_column_int64 (stmt, 3);
  return r;
}

GPtrArray *
jc_store_list_price_ranges (JcStore  *store,
                            GError  **error)
{
  return _jc_store_query_all (store,
    "SELECT c.code, r.base_unit, r.low_milliyuan, r.high_milliyuan FROM price_ranges r "
    "JOIN categories c ON c.id = r.category_id ORDER BY c.position, r.base_unit",
    price_range_from_row, (GDestroyNotify) jc_price_range_free,
    _("Could not read the price ranges"), error, "");
}

gboolean
jc_store_set_price_range (JcStore     *store,
                          const char  *category,
                          JcBaseUnit   base_unit,
                          gint64       low,
                          gint64       high,
                          GError     **error)
{
  JcDbStmt *stmt;
  gint64 category_id = 0;

  if (!(low == 0 && high == 0) && (low <= 0 || high <= low || high > JC_MAX_MILLI))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("price range: the lowest price must be above 0 and below the highest"));
      return FALSE;
    }
  stmt = _jc_store_prepare (store, "SELECT id FROM categories WHERE code = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "s", category);
  _jc_store_step_int64 (store, stmt, &category_id, NULL, NULL);
  if (category_id == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No category “%s”"),
                   category ? category : "");
      return FALSE;
    }
  if (!_jc_store_run (store, "DELETE FROM price_ranges WHERE category_id = ? AND base_unit = ?",
                      _("Could not save the price range"), error, "is", category_id,
                      jc_base_unit_to_string (base_unit)))
    return FALSE;
  if (low == 0 && high == 0)
    return TRUE;
  return _jc_store_run (store,
    "INSERT INTO price_ranges (category_id, base_unit, low_milliyuan, high_milliyuan) "
    "VALUES (?, ?, ?, ?)", _("Could not save the price range"), error, "isii", category_id,
    jc_base_unit_to_string (base_unit), low, high);
}

