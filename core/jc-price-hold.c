/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-hold.c: what a "quoted per" override means for an item, the
 * outlier rule that holds a quote, and the suggestion shown with a held
 * quote.  No SQL here (that is jc-store-prices.c). */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "jc-error.h"
#include "jc-prices.h"

void
jc_held_quote_free (JcHeldQuote *h)
{
  if (h == NULL)
    return;
  g_free (h->market_name);
  g_free (h->spec);
  g_free (h->origin);
  g_free (h->unit);
  g_free (h->quoted_per);
  g_free (h->item_code);
  g_free (h->item_name);
  g_free (h->category);
  g_free (h->suggest_unit);
  g_free (h);
}

void
jc_price_range_free (JcPriceRange *r)
{
  if (r == NULL)
    return;
  g_free (r->category);
  g_free (r);
}

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
