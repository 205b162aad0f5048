/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-types.c: the price records of jc-prices.h — new, copy, free —
 * a source's validation, a quote's prices per base unit and the change in
 * permille.  Plain values: no SQL, no store (the store and the domain both
 * use them). */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-prices.h"

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
  if (jc_text_is_blank (source->name))
    return source_error (error, JC_FIELD_NAME, _("name"), _("is only blank space"));
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
  /* only blank space is no schedule, as jc_master_save_source() stores it */
  if (!jc_text_is_blank (source->schedule) &&
      !jc_parse_time_field (JC_FIELD_SCHEDULE, source->schedule, &minutes, NULL))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_SCHEDULE,
                   _("schedule: “%s” is not a time of day (HH:MM)"), source->schedule);
      return FALSE;
    }
  return TRUE;
}

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
