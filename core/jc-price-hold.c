/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-hold.c: what a "quoted per" override means for an item, the
 * outlier rule that holds a quote, the suggestion shown with a held
 * quote, and storing a quote held or not: this decides, through the
 * store's plain reads (an item's median, a category's range) and writes.
 * No SQL here (that is core/store/). */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-error.h"
#include "jc-master-save.h"
#include "jc-prices.h"

/**
 * jc_quoted_per_factor:
 * One "quoted per" (see jc-prices.h) in the item's base units: "pack", "piece",
 * or a unit with an optional amount ("斤", "5 L", "2.5 kg").  Fails with a
 * message naming what does not fit the item.
 */
gboolean
jc_quoted_per_factor (const JcItem  *item,
                      const char    *quoted_per,
                      JcUnitFactor  *out,
                      GError       **error)
{
  g_autofree char *t = g_strstrip (g_strdup (quoted_per ? quoted_per : ""));
  JcItemUnits units;
  const char *p = t;
  gint64 amount = 1000;
  JcUnitFactor f;

  g_return_val_if_fail (item != NULL, FALSE);

  units = jc_item_get_units (item);
  if (*t == '\0')
    {
      g_set_error_literal (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                           _("quoted per: a pack, a piece or a unit is required"));
      return FALSE;
    }
  if (strcmp (t, "pack") == 0)
    {
      if (units.pack_milli <= 0)
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                       _("quoted per pack: item %s has no pack size; set one first"), item->code);
          return FALSE;
        }
      return jc_unit_resolve (&units, "箱", out, error);
    }
  if (strcmp (t, "piece") == 0)
    {
      if (!jc_unit_resolve (&units, "个", out, NULL))
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                       _("quoted per piece: item %s is sold by weight and has no mean piece "
                         "mass; set one first"), item->code);
          return FALSE;
        }
      return TRUE;
    }
  if (g_ascii_isdigit (*p))
    {
      g_autofree char *number = NULL;

      while (g_ascii_isdigit (*p) || *p == '.')
        p++;
      number = g_strndup (t, (gsize) (p - t));
      if (!jc_parse_decimal (number, 3, &amount, NULL) || amount <= 0 || amount > JC_MAX_MILLI / 1000)
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                       _("quoted per “%s”: “%s” is not a positive amount"), t, number);
          return FALSE;
        }
      while (*p == ' ')
        p++;
    }
  if (!jc_unit_resolve (&units, p, &f, error))
    {
      g_prefix_error (error, _("quoted per “%s”: "), t);
      return FALSE;
    }
  out->num = f.num * amount;
  out->den = f.den * 1000;
  return TRUE;
}

gboolean
jc_price_quote_to_base_as (const JcItem        *item,
                           const JcPriceQuote  *q,
                           const char          *quoted_per,
                           gint64               base[3])
{
  JcUnitFactor f;

  if (quoted_per == NULL || *quoted_per == '\0')
    return jc_price_quote_to_base (item, q, base);
  if (item == NULL || !jc_quoted_per_factor (item, quoted_per, &f, NULL))
    return FALSE;
  if (q->exact != NULL)
    return jc_decimal_price_to_base (&q->exact[0], &f, &base[0], NULL) &&
           jc_decimal_price_to_base (&q->exact[1], &f, &base[1], NULL) &&
           jc_decimal_price_to_base (&q->exact[2], &f, &base[2], NULL);
  return jc_price_to_base (q->low_milliyuan, &f, &base[0], NULL) &&
         jc_price_to_base (q->avg_milliyuan, &f, &base[1], NULL) &&
         jc_price_to_base (q->high_milliyuan, &f, &base[2], NULL);
}

/* More than 5× or less than ⅕ of the median: exact, in integers. */
gboolean
jc_price_is_outlier (gint64 avg,
                     gint64 median)
{
  if (median <= 0)
    return FALSE;
  return avg > median * JC_HOLD_FACTOR || avg * JC_HOLD_FACTOR < median;
}

const char *
jc_hold_suggest_to_string (JcHoldSuggest s)
{
  switch (s)
    {
    case JC_HOLD_SUGGEST_PACK: return "pack";
    case JC_HOLD_SUGGEST_PIECE: return "piece";
    case JC_HOLD_SUGGEST_UNIT: return "unit";
    case JC_HOLD_SUGGEST_TEN_HIGH: return "ten_high";
    case JC_HOLD_SUGGEST_TEN_LOW: return "ten_low";
    case JC_HOLD_SUGGEST_NONE:
    default:
      return NULL;
    }
}

/* How far `v` is from what the quote was compared with (a ratio, not
 * money: it only ranks the candidates); < 0 when `v` does not fit. */
static double
fit_score (const JcHeldQuote *h,
           gint64             v)
{
  double d;

  if (v <= 0)
    return -1;
  if (h->has_median)
    {
      d = fabs (log ((double) v / (double) h->median_milliyuan));
      return d <= log (2.0) ? d : -1;
    }
  /* a range says only in or out: the first reading that fits wins (a
   * pack before a piece, a unit, a typing slip) */
  if (h->has_range)
    return v < h->range_low_milliyuan || v > h->range_high_milliyuan ? -1 : 0;
  return -1;
}

/**
 * jc_held_quote_suggest:
 * What the source may have meant: the price read per pack, per piece, per
 * 斤 or kg instead of the printed unit, or typed ten times too high or too
 * low — the reading whose per-base-unit price comes closest to the median
 * (within a factor of 2), or without one the first that falls in the
 * category range.
 */
void
jc_held_quote_suggest (JcHeldQuote *h)
{
  static const char *kg_units[] = { "斤", "kg", NULL };
  static const char *l_units[] = { "L", NULL };
  double best = G_MAXDOUBLE;
  const char **units = h->units.base_unit == JC_BASE_UNIT_KG ? kg_units :
                       h->units.base_unit == JC_BASE_UNIT_L ? l_units : NULL;
  JcUnitFactor f;
  gint64 v;

  h->suggest = JC_HOLD_SUGGEST_NONE;
  g_clear_pointer (&h->suggest_unit, g_free);
  h->suggested_avg_milliyuan = 0;

#define CONSIDER(kind, value, unit_text) \
  G_STMT_START { \
    double s_ = fit_score (h, (value)); \
    if (s_ >= 0 && s_ < best) \
      { \
        best = s_; \
        h->suggest = (kind); \
        h->suggested_avg_milliyuan = (value); \
        g_free (h->suggest_unit); \
        h->suggest_unit = g_strdup (unit_text); \
      } \
  } G_STMT_END

  /* a reading that gives the price it already has is no suggestion */
  if (h->units.pack_milli > 0 && jc_unit_resolve (&h->units, "箱", &f, NULL) &&
      jc_price_to_base (h->avg_milliyuan, &f, &v, NULL) && v != h->base_avg_milliyuan)
    CONSIDER (JC_HOLD_SUGGEST_PACK, v, NULL);
  if (jc_unit_resolve (&h->units, "个", &f, NULL) &&
      jc_price_to_base (h->avg_milliyuan, &f, &v, NULL) && v != h->base_avg_milliyuan)
    CONSIDER (JC_HOLD_SUGGEST_PIECE, v, NULL);
  for (guint i = 0; units != NULL && units[i] != NULL; i++)
    if (jc_unit_resolve (&h->units, units[i], &f, NULL) &&
        jc_price_to_base (h->avg_milliyuan, &f, &v, NULL) && v != h->base_avg_milliyuan)
      CONSIDER (JC_HOLD_SUGGEST_UNIT, v, units[i]);
  if (jc_mul_div_round (h->base_avg_milliyuan, 1, 10, &v, NULL))
    CONSIDER (JC_HOLD_SUGGEST_TEN_HIGH, v, NULL);
  if (jc_mul_div_round (h->base_avg_milliyuan, 10, 1, &v, NULL))
    CONSIDER (JC_HOLD_SUGGEST_TEN_LOW, v, NULL);
#undef CONSIDER
}

char *
jc_held_quote_dup_suggestion (const JcHeldQuote *h)
{
  switch (h->suggest)
    {
    case JC_HOLD_SUGGEST_PACK:
      {
        g_autofree char *size = jc_format_qty (h->units.pack_milli);

        /* TRANSLATORS: a held price; %s %s is the item's pack, e.g. "4.6 kg" */
        return g_strdup_printf (_("quoted per pack (%s %s)?"), size,
                                jc_base_unit_to_display (h->units.base_unit));
      }
    case JC_HOLD_SUGGEST_PIECE:
      return g_strdup (_("quoted per piece?"));
    case JC_HOLD_SUGGEST_UNIT:
      /* TRANSLATORS: a held price; %s is a unit such as 斤 or kg */
      return g_strdup_printf (_("quoted per %s?"), h->suggest_unit ? h->suggest_unit : "");
    case JC_HOLD_SUGGEST_TEN_HIGH:
      return g_strdup (_("typed ten times too high?"));
    case JC_HOLD_SUGGEST_TEN_LOW:
      return g_strdup (_("typed ten times too low?"));
    case JC_HOLD_SUGGEST_NONE:
    default:
      return g_strdup ("");
    }
}

/* ---- holding quotes as they are stored ------------------------------ */

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
  if (!jc_store_get_item_median (store, item->id, date, has_median, median, error))
    return FALSE;
  if (*has_median)
    {
      *held = jc_price_is_outlier (avg, *median);
      return TRUE;
    }
  if (!jc_store_get_category_range (store, item, &found, &low, &high, error))
    return FALSE;
  *held = found && (avg < low || avg > high);
  return TRUE;
}

/**
 * jc_price_put_quote:
 * Stores one market quote, keyed by (source, date, name, spec, origin,
 * unit).  New: inserted.  Same prices: nothing changes.  Different prices:
 * updated, and the old and new prices go to price_revisions.
 */
gboolean
jc_price_put_quote (JcStore             *store,
                    gint64               source_id,
                    gint64               fetch_id,
                    const JcPriceQuote  *q,
                    const JcItem        *item,
                    JcPutResult         *result,
                    GError             **error)
{
  return jc_price_put_quote_full (store, source_id, fetch_id, q, item, result, NULL, NULL, error);
}

/**
 * jc_price_put_quote_full:
 * jc_price_put_quote(), converting through the name's "quoted per"
 * override and holding an outlier; `out_mapped` says whether it has
 * per-base-unit prices, `out_held` whether it is held.
 */
gboolean
jc_price_put_quote_full (JcStore             *store,
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
  if (out_mapped != NULL)
    *out_mapped = mapped;

  ok = jc_store_write_quote (store, source_id, fetch_id, q, mapped ? item->id : 0, base,
                             mapped ? per : "", held, has_median, median, result, error);
  if (ok && out_held != NULL && *result != JC_PUT_SAME)
    *out_held = held;
  return ok;
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
  g_autoptr(GArray) quotes = g_array_new (FALSE, TRUE, sizeof (JcNameQuote));
  g_autoptr(GHashTable) pers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_array_set_clear_func (quotes, jc_name_quote_clear);
  if (!jc_store_list_name_quotes (store, market_name, source_id, item->id, quotes, error))
    return FALSE;
  for (guint i = 0; i < quotes->len; i++)
    {
      JcNameQuote *nq = &g_array_index (quotes, JcNameQuote, i);
      JcPriceQuote pq = {
        market_name, "", "", "", nq->unit, nq->date,
        nq->price[0], nq->price[1], nq->price[2], nq->unit_milli_kg,
        nq->has_exact ? nq->exact : NULL,
      };
      const char *per = g_hash_table_lookup (pers, &nq->source_id);
      gboolean held = nq->held, has_median = FALSE, evaluate;
      gint64 base[3], median = 0;

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
      if (!jc_store_set_quote_mapping (store, nq->id, item->id, base, per, held, evaluate,
                                       has_median, median, error))
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
          if (!jc_store_audit_hold (store, nq->id, "convert", per, "", error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * jc_price_map_market_name_as:
 * Maps a market name to a catalog item: the name becomes an alias of the
 * item; with `quoted_per` (not NULL) the name's override for `source_name`
 * (NULL: every source) is set ("" removes it); then every stored quote of
 * that name whose unit converts gets the item and its per-base-unit prices,
 * and the held and newly mapped ones are evaluated again.  One
 * transaction.  Quotes in a unit that does not convert for the item stay
 * on the to-map list.
 */
gboolean
jc_price_map_market_name_as (JcStore      *store,
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
  if (!jc_store_write_begin (store, error))
    return FALSE;

  if (g_strcmp0 (item->name, market_name) != 0 &&
      !g_strv_contains ((const char * const *) item->aliases, market_name))
    {
      gsize n_aliases = g_strv_length (item->aliases);

      item->aliases = g_renew (char *, item->aliases, n_aliases + 2);
      item->aliases[n_aliases] = g_strdup (market_name);
      item->aliases[n_aliases + 1] = NULL;
      ok = jc_master_save_item (store, item, error);
    }
  if (ok && per != NULL)
    ok = jc_store_set_quoted_per (store, source ? source->id : 0, market_name, per, error);
  ok = ok && convert_name_quotes (store, item, market_name, source ? source->id : 0, &res, error);
  if (!jc_store_write_end (store, ok, error) || !ok)
    return FALSE;
  if (out != NULL)
    *out = res;
  return TRUE;
}

/**
 * jc_price_map_market_name:
 * jc_price_map_market_name_as() for every source, keeping the override;
 * `out_rows` is how many quotes were newly mapped.
 */
gboolean
jc_price_map_market_name (JcStore     *store,
                          const char  *market_name,
                          const char  *item_code,
                          guint       *out_rows,
                          GError     **error)
{
  JcMapResult res = { 0 };

  if (!jc_price_map_market_name_as (store, market_name, item_code, NULL, NULL, &res, error))
    return FALSE;
  if (out_rows != NULL)
    *out_rows = res.mapped;
  return TRUE;
}

/* Held quotes, newest first, each with its suggestion. */
GPtrArray *
jc_price_list_held (JcStore  *store,
                    GError  **error)
{
  GPtrArray *out = jc_store_read_held (store, error);

  if (out == NULL)
    return NULL;
  for (guint i = 0; i < out->len; i++)
    jc_held_quote_suggest (g_ptr_array_index (out, i));
  return out;
}
