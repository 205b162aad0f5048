/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-prices-held.c: `jicai-cli prices unmapped|map|held|release|ranges|range`
 * — the market names without an item, the prices held for review and the
 * category ranges that decide what is held.  Only parsing the command line
 * and printing: the rules are in core (jc-price-hold.c, the store). */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <string.h>

#include "cli-prices-private.h"
#include "cli-private.h"
#include "jc-price-import.h"
#include "jc-prices.h"

/* ---- unmapped and map ----------------------------------------------- */

CliExit
cli_prices_run_unmapped (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  names = jc_store_list_unmapped (store, &error);
  if (names == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < names->len; i++)
        {
          JcUnmapped *u = g_ptr_array_index (names, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "market_name", u->market_name);
          cJSON_AddStringToObject (o, "category", u->category ? u->category : "");
          cJSON_AddStringToObject (o, "unit", u->unit);
          cli_json_add_int (o, "rows", u->n_rows);
          cJSON_AddStringToObject (o, "last_date", u->last_date);
          cli_json_add_int (o, "last_avg_milliyuan", u->last_avg_milliyuan);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (6);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 3);
      cli_table_set_right (table, 5);
      if (names->len > 0)
        cli_table_add (table, _("market name"), _("category"), _("unit"), _("quotes"),
                       _("last day"), _("last avg ¥"));
      for (guint i = 0; i < names->len; i++)
        {
          JcUnmapped *u = g_ptr_array_index (names, i);
          g_autofree char *n = g_strdup_printf ("%u", u->n_rows);
          g_autofree char *avg = jc_format_price (u->last_avg_milliyuan);
          g_autofree char *per = g_strdup_printf ("%s/%s", avg, u->unit);

          cli_table_add (table, u->market_name, u->category, u->unit, n, u->last_date, per);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u unmapped name", "%u unmapped names", names->len),
                               names->len);
      printf ("%s\n", count);
      if (names->len > 0)
        printf (_("Map one with “%s prices map MARKET_NAME ITEM_CODE”.\n"), CLI_PROGRAM);
    }
  return CLI_EXIT_OK;
}

CliExit
cli_prices_run_map (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = cli_arg (cli, 0);
  const char *code = cli_get (cli, "item");
  const char *per = NULL;
  guint n_per = 0;
  JcMapResult res = { 0 };

  if (*name == '\0')
    {
      cli_error (cli, _("market name: a name is required"));
      return CLI_EXIT_FAILED;
    }
  if (cli_arg (cli, 1) != NULL)
    {
      if (code != NULL && strcmp (code, cli_arg (cli, 1)) != 0)
        {
          cli_error (cli, _("item: give the item once, as ITEM_CODE or with --item"));
          return CLI_EXIT_FAILED;
        }
      code = cli_arg (cli, 1);
    }
  if (code == NULL || *code == '\0')
    {
      cli_error (cli, _("item: the catalog item is required (--item CODE)"));
      return CLI_EXIT_FAILED;
    }
  if (cli_has (cli, "per-pack"))
    per = "pack", n_per++;
  if (cli_has (cli, "per-piece"))
    per = "piece", n_per++;
  if (cli_get (cli, "per") != NULL)
    per = cli_get (cli, "per"), n_per++;
  if (cli_has (cli, "per-printed-unit"))
    per = "", n_per++;
  if (n_per > 1)
    {
      cli_error (cli, _("quoted per: give one of --per-pack, --per-piece, --per UNIT and "
                        "--per-printed-unit"));
      return CLI_EXIT_FAILED;
    }
  if (per != NULL && *per == '\0' && cli_get (cli, "per") != NULL)
    {
      cli_error (cli, _("--per: a unit is required, e.g. 斤 or “5 L”"));
      return CLI_EXIT_FAILED;
    }
  if (n_per == 0 && cli_get (cli, "source") != NULL)
    {
      cli_error (cli, _("--source: only with --per-pack, --per-piece, --per UNIT or "
                        "--per-printed-unit (a name maps to an item for every source)"));
      return CLI_EXIT_FAILED;
    }
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  item = jc_store_get_item (store, code, &error);
  if (item == NULL ||
      !jc_price_map_market_name_as (store, name, code, cli_get (cli, "source"), per, &res, &error))
    return cli_fail (cli, error);
  if (res.mapped == 0 && per != NULL)
    printf (_("Mapped “%s” to %s (%s).\n"), name, item->code, item->name);
  else
    printf (ngettext ("Mapped “%s” to %s (%s): %u quote now has prices per %s.\n",
                      "Mapped “%s” to %s (%s): %u quotes now have prices per %s.\n", res.mapped),
            name, item->code, item->name, res.mapped, jc_base_unit_to_display (item->base_unit));
  if (per != NULL && *per != '\0')
    printf (ngettext ("%u quote of “%s” is read as quoted per %s.\n",
                      "%u quotes of “%s” are read as quoted per %s.\n", res.converted),
            res.converted, name, per);
  else if (per != NULL)
    printf (_("Quotes of “%s” are read per the unit the source prints.\n"), name);
  if (res.released > 0)
    printf (ngettext ("%u held price is now in range and released.\n",
                      "%u held prices are now in range and released.\n", res.released),
            res.released);
  if (res.held > 0)
    printf (ngettext ("%u price of “%s” is still held; see “%s prices held”.\n",
                      "%u prices of “%s” are still held; see “%s prices held”.\n", res.held),
            res.held, name, CLI_PROGRAM);
  return CLI_EXIT_OK;
}

/* ---- held and release ----------------------------------------------- */

CliExit
cli_prices_run_held (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GError) error = NULL;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  held = jc_price_list_held (store, &error);
  if (held == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < held->len; i++)
        {
          JcHeldQuote *h = g_ptr_array_index (held, i);
          g_autofree char *text = jc_held_quote_dup_suggestion (h);
          const char *kind = jc_hold_suggest_to_string (h->suggest);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cli_json_add_int (o, "id", h->id);
          cJSON_AddStringToObject (o, "source", h->source_name);
          cJSON_AddStringToObject (o, "market_name", h->market_name);
          cJSON_AddStringToObject (o, "item", h->item_code);
          cJSON_AddStringToObject (o, "date", h->date);
          cJSON_AddStringToObject (o, "market_unit", h->unit);
          cJSON_AddStringToObject (o, "quoted_per", h->quoted_per);
          cli_json_add_int (o, "low_milliyuan", h->low_milliyuan);
          cli_json_add_int (o, "avg_milliyuan", h->avg_milliyuan);
          cli_json_add_int (o, "high_milliyuan", h->high_milliyuan);
          cJSON_AddStringToObject (o, "unit", jc_base_unit_to_string (h->units.base_unit));
          cli_json_add_int (o, "base_low_milliyuan", h->base_low_milliyuan);
          cli_json_add_int (o, "base_avg_milliyuan", h->base_avg_milliyuan);
          cli_json_add_int (o, "base_high_milliyuan", h->base_high_milliyuan);
          cli_json_add_int_or_null (o, "median_milliyuan", h->median_milliyuan, !h->has_median);
          cli_json_add_int_or_null (o, "range_low_milliyuan", h->range_low_milliyuan,
                                    !h->has_range);
          cli_json_add_int_or_null (o, "range_high_milliyuan", h->range_high_milliyuan,
                                    !h->has_range);
          cli_json_add_str_or_null (o, "suggest", kind, FALSE);
          cli_json_add_str_or_null (o, "suggest_unit", h->suggest_unit, FALSE);
          cli_json_add_int_or_null (o, "suggested_avg_milliyuan", h->suggested_avg_milliyuan,
                                    h->suggest == JC_HOLD_SUGGEST_NONE);
          cli_json_add_str_or_null (o, "suggestion", text, FALSE);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (9);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 0);
      cli_table_set_right (table, 5);
      cli_table_set_right (table, 6);
      cli_table_set_right (table, 7);
      if (held->len > 0)
        cli_table_add (table, _("id"), _("date"), _("source"), _("market name"), _("item"),
                       _("as quoted ¥"), _("per base unit ¥"), _("compared with ¥"),
                       _("suggestion"));
      for (guint i = 0; i < held->len; i++)
        {
          JcHeldQuote *h = g_ptr_array_index (held, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, h->id);
          g_autofree char *avg = jc_format_price (h->avg_milliyuan);
          g_autofree char *quoted = g_strdup_printf ("%s/%s", avg,
                                                     *h->quoted_per ? h->quoted_per : h->unit);
          g_autofree char *bavg = jc_format_price (h->base_avg_milliyuan);
          g_autofree char *base = g_strdup_printf ("%s/%s", bavg,
                                                   jc_base_unit_to_display (h->units.base_unit));
          g_autofree char *ref = NULL;
          g_autofree char *text = jc_held_quote_dup_suggestion (h);

          if (h->has_median)
            {
              g_autofree char *m = jc_format_price (h->median_milliyuan);

              /* TRANSLATORS: the median of an item's prices over its last 30 market days */
              ref = g_strdup_printf (_("median %s"), m);
            }
          else if (h->has_range)
            {
              g_autofree char *lo = jc_format_price (h->range_low_milliyuan);
              g_autofree char *hi = jc_format_price (h->range_high_milliyuan);

              /* TRANSLATORS: the price range of the item's category */
              ref = g_strdup_printf (_("range %s–%s"), lo, hi);
            }
          else
            ref = g_strdup ("—");
          cli_table_add (table, id, h->date, h->source_name, h->market_name, h->item_code, quoted,
                         base, ref, *text ? text : _("check the source's unit"));
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u held price", "%u held prices", held->len), held->len);
      printf ("%s\n", count);
      if (held->len > 0)
        printf (_("Accept one as it is with “%s prices release ID”, or say how the source quotes "
                  "it with “%s prices map MARKET_NAME --item CODE --per-pack” (--per-piece, "
                  "--per UNIT).\n"), CLI_PROGRAM, CLI_PROGRAM);
    }
  return CLI_EXIT_OK;
}

CliExit
cli_prices_run_release (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean all = cli_has (cli, "all");
  guint n = 0;

  for (guint i = 0; cli_arg (cli, i) != NULL; i++)
    {
      gint64 id;

      if (!g_ascii_string_to_signed (cli_arg (cli, i), 10, 1, G_MAXINT64, &id, NULL))
        cli_error (cli, _("ID: “%s” is not the id of a held price (see “%s prices held”)"),
                   cli_arg (cli, i), CLI_PROGRAM);
      else
        g_array_append_val (ids, id);
    }
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;
  if (all == (ids->len > 0))
    {
      cli_error (cli, _("give the ids of held prices, or --all"));
      return CLI_EXIT_FAILED;
    }
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_store_release_held (store, ids->len > 0 ? &g_array_index (ids, gint64, 0) : NULL,
                              ids->len, all,
                              cli_get (cli, "reason"), &n, &error))
    return cli_fail (cli, error);
  printf (ngettext ("Released %u held price: it is used as it is.\n",
                    "Released %u held prices: they are used as they are.\n", n), n);
  return CLI_EXIT_OK;
}

/* ---- category ranges ------------------------------------------------ */

CliExit
cli_prices_run_ranges (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) ranges = NULL;
  g_autoptr(GError) error = NULL;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  ranges = jc_store_list_price_ranges (store, &error);
  if (ranges == NULL)
    return cli_fail (cli, error);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < ranges->len; i++)
        {
          JcPriceRange *r = g_ptr_array_index (ranges, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "category", r->category);
          cJSON_AddStringToObject (o, "unit", jc_base_unit_to_string (r->base_unit));
          cli_json_add_int (o, "low_milliyuan", r->low_milliyuan);
          cli_json_add_int (o, "high_milliyuan", r->high_milliyuan);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (4);

      cli_table_set_right (table, 2);
      cli_table_set_right (table, 3);
      if (ranges->len > 0)
        cli_table_add (table, _("category"), _("per"), _("low ¥"), _("high ¥"));
      for (guint i = 0; i < ranges->len; i++)
        {
          JcPriceRange *r = g_ptr_array_index (ranges, i);
          g_autofree char *low = jc_format_price (r->low_milliyuan);
          g_autofree char *high = jc_format_price (r->high_milliyuan);

          cli_table_add (table, r->category, jc_base_unit_to_display (r->base_unit), low, high);
        }
      cli_table_print (table, stdout);
      printf (_("A new price of an item with no earlier price is held for review when it is "
                "outside its category's range.\n"));
    }
  return CLI_EXIT_OK;
}

static gboolean
opt_yuan (Cli        *cli,
          const char *option,
          gint64     *out)
{
  const char *text = cli_get (cli, option);

  if (text == NULL)
    {
      cli_error (cli, _("--%s: a price in yuan is required (or --remove)"), option);
      return FALSE;
    }
  if (!jc_parse_decimal (text, 3, out, NULL) || *out <= 0)
    {
      cli_error (cli, _("--%s: “%s” is not a price in yuan above 0 (e.g. 1.5)"), option, text);
      return FALSE;
    }
  return TRUE;
}

CliExit
cli_prices_run_range (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *category = cli_arg (cli, 0);
  JcBaseUnit unit;
  gint64 low = 0, high = 0;
  gboolean remove = cli_has (cli, "remove");

  if (!jc_base_unit_from_string (cli_get (cli, "unit"), &unit))
    cli_error (cli, _("--unit: “%s” is not a base unit (kg, piece or L)"), cli_get (cli, "unit"));
  if (remove && (cli_get (cli, "low") != NULL || cli_get (cli, "high") != NULL))
    cli_error (cli, _("--remove: not with --low or --high"));
  else if (!remove && opt_yuan (cli, "low", &low) && opt_yuan (cli, "high", &high) && high <= low)
    cli_error (cli, _("--high: the highest price must be above the lowest"));
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_store_set_price_range (store, category, unit, low, high, &error))
    return cli_fail (cli, error);
  if (remove)
    printf (_("Removed the price range of %s per %s.\n"), category,
            jc_base_unit_to_display (unit));
  else
    {
      g_autofree char *lo = jc_format_price (low);
      g_autofree char *hi = jc_format_price (high);

      printf (_("The usual prices of %s are now %s to %s ¥ per %s.\n"), category, lo, hi,
              jc_base_unit_to_display (unit));
    }
  return CLI_EXIT_OK;
}
