/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-report.c: `jicai-cli report`, the monthly cost review.  Everything
 * is computed by jc_report_build(); this file only prints it: a summary
 * for a person and the JSON document of docs/cli.md; the files are
 * jc-report-doc.h's. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-private.h"
#include "jc-prices.h"
#include "jc-report.h"
#include "jc-report-doc.h"
#include "jc-units.h"

static const CliOption report_options[] = {
  { "month", CLI_OPT_VALUE, "MONTH", N_("the month, YYYY-MM"), TRUE },
  { "canteen", CLI_OPT_VALUE, "CODE", N_("only this canteen's shares"), FALSE },
  CLI_JSON_OPTION,
  { "csv", CLI_OPT_VALUE, "FILE",
    N_("also write the by-item table (against the same month a year before) as CSV"), FALSE },
  { "pdf", CLI_OPT_VALUE, "FILE",
    N_("also write the review as an A4 PDF (key figures, charts, tables)"), FALSE },
  { "xlsx", CLI_OPT_VALUE, "FILE",
    N_("also write the review as a workbook, one sheet per table"), FALSE },
  CLI_FORCE_OPTION,
  { NULL }
};

/* "+12.3%", "−4.0%", or "—" without a base or with a zero one */
static char *
percent (const JcReportComparison *c)
{
  if (!c->has_base || c->base_fen == 0)
    return g_strdup ("—");
  return cli_format_change_percent (jc_change_permille (c->base_fen + c->change_fen,
                                                        c->base_fen));
}

static void
add_double_or_null (cJSON      *o,
                    const char *name,
                    double      value,
                    gboolean    is_null)
{
  if (is_null)
    cJSON_AddNullToObject (o, name);
  else
    cJSON_AddNumberToObject (o, name, value);
}

static cJSON *
report_to_json (const JcReport *r)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *canteens = cJSON_CreateObject ();
  cJSON *cats = cJSON_CreateObject ();
  cJSON *mom = cJSON_CreateObject ();
  cJSON *yoy = cJSON_CreateObject ();
  const JcReportComparison *y = &r->yoy;
  gboolean no_y = !y->has_base;
  gboolean no_idx = no_y || !y->d.has_indices;
  gboolean no_mkt = no_y || !y->has_market;

  cJSON_AddStringToObject (o, "month", r->month);
  cli_json_add_int (o, "spend_fen", r->spend_fen);
  cli_json_add_int (o, "provisional_days", r->provisional_days);
  cJSON_AddItemToObject (o, "by_canteen", canteens);
  for (guint i = 0; i < r->by_canteen->len; i++)
    {
      const JcReportAmount *a = g_ptr_array_index (r->by_canteen, i);

      cli_json_add_int (canteens, a->key, a->fen);
    }
  cJSON_AddItemToObject (o, "by_category", cats);
  for (guint i = 0; i < r->by_category->len; i++)
    {
      const JcReportAmount *a = g_ptr_array_index (r->by_category, i);

      cli_json_add_int (cats, a->key, a->fen);
    }
  cJSON_AddItemToObject (o, "mom", mom);
  cli_json_add_int_or_null (mom, "base_fen", r->mom.base_fen, !r->mom.has_base);
  cli_json_add_int_or_null (mom, "change_fen", r->mom.change_fen, !r->mom.has_base);
  cJSON_AddItemToObject (o, "yoy", yoy);
  cli_json_add_int_or_null (yoy, "base_fen", y->base_fen, no_y);
  cli_json_add_int_or_null (yoy, "change_fen", y->change_fen, no_y);
  cli_json_add_int_or_null (yoy, "price_effect_fen", y->d.price_effect_fen, no_y);
  cli_json_add_int_or_null (yoy, "volume_effect_fen", y->d.volume_effect_fen, no_y);
  cli_json_add_int_or_null (yoy, "new_fen", y->d.new_fen, no_y);
  cli_json_add_int_or_null (yoy, "dropped_fen", y->d.dropped_fen, no_y);
  add_double_or_null (yoy, "laspeyres", y->d.laspeyres, no_idx);
  add_double_or_null (yoy, "paasche", y->d.paasche, no_idx);
  add_double_or_null (yoy, "fisher", y->d.fisher, no_idx);
  add_double_or_null (yoy, "market_laspeyres", y->market_laspeyres, no_mkt);
  add_double_or_null (yoy, "market_paasche", y->market_paasche, no_mkt);
  add_double_or_null (yoy, "market_fisher", y->market_fisher, no_mkt);
  cli_json_add_int (o, "savings_vs_market_fen", r->savings_vs_market_fen);
  /* more than the contract: */
  if (r->canteen != NULL)
    cJSON_AddStringToObject (o, "canteen", r->canteen);
  cli_json_add_int (o, "days", r->n_days);
  return o;
}

/* ---- human ---------------------------------------------------------- */

static int
cmp_abs_change (gconstpointer a,
                gconstpointer b)
{
  const JcReportRow *x = *(JcReportRow *const *) a;
  const JcReportRow *y = *(JcReportRow *const *) b;
  gint64 dx = ABS (x->cost_fen[JC_REPORT_M] - x->cost_fen[JC_REPORT_YOY_BASE]);
  gint64 dy = ABS (y->cost_fen[JC_REPORT_M] - y->cost_fen[JC_REPORT_YOY_BASE]);

  if (dx != dy)
    return dx > dy ? -1 : 1;
  return strcmp (x->item_code, y->item_code);
}

static char *
index_text (gboolean has,
            double   value)
{
  return has ? g_strdup_printf ("%.4f", value) : g_strdup ("—");
}

static void
print_comparison (const char               *label,
                  const JcReportComparison *c)
{
  g_autofree char *base = NULL;
  g_autofree char *change = NULL;
  g_autofree char *pct = NULL;

  if (!c->has_base)
    {
      printf (_("%s (against %s): no data in the base month\n"), label, c->month);
      return;
    }
  base = cli_format_money (c->base_fen);
  change = cli_format_money (c->change_fen);
  pct = percent (c);
  printf (_("%s (against %s): base %s, change %s (%s)\n"), label, c->month, base, change, pct);
}

static void
print_report (const JcReport *r)
{
  g_autofree char *spend = cli_format_money (r->spend_fen);
  g_autofree char *savings = cli_format_money (r->savings_vs_market_fen);
  const JcReportComparison *y = &r->yoy;

  if (r->canteen != NULL)
    printf (_("Cost review of %s for canteen %s\n"), r->month, r->canteen);
  else
    printf (_("Cost review of %s\n"), r->month);
  printf (_("Spend: %s over %u locked days (%u provisional: counted at the planned cost)\n"),
          spend, r->n_days, r->provisional_days);
  print_comparison (_("Month on month"), &r->mom);
  print_comparison (_("Year on year"), y);
  if (y->has_base)
    {
      g_autofree char *pe = cli_format_money (y->d.price_effect_fen);
      g_autofree char *ve = cli_format_money (y->d.volume_effect_fen);
      g_autofree char *ne = cli_format_money (y->d.new_fen);
      g_autofree char *de = cli_format_money (y->d.dropped_fen);
      g_autofree char *l = index_text (y->d.has_indices, y->d.laspeyres);
      g_autofree char *p = index_text (y->d.has_indices, y->d.paasche);
      g_autofree char *f = index_text (y->d.has_indices, y->d.fisher);
      g_autofree char *ml = index_text (y->has_market, y->market_laspeyres);
      g_autofree char *mp = index_text (y->has_market, y->market_paasche);
      g_autofree char *mf = index_text (y->has_market, y->market_fisher);
      g_autoptr(CliTable) t = cli_table_new (4);

      printf (_("  price effect %s, volume effect %s, new items %s, dropped items %s\n"),
              pe, ve, ne, de);
      cli_table_set_right (t, 1);
      cli_table_set_right (t, 2);
      cli_table_set_right (t, 3);
      cli_table_add (t, _("  price index"), _("Laspeyres"), _("Paasche"), _("Fisher"));
      cli_table_add (t, _("  ours"), l, p, f);
      cli_table_add (t, _("  market"), ml, mp, mf);
      cli_table_print (t, stdout);
    }
  printf (ngettext ("Savings against the market: %s (%u line with a purchase and a reference "
                    "price)\n",
                    "Savings against the market: %s (%u lines with a purchase and a reference "
                    "price)\n", r->n_savings_lines),
          savings, r->n_savings_lines);

  if (r->rows->len > 0)
    {
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autoptr(CliTable) t = cli_table_new (5);

      for (guint i = 0; i < r->rows->len; i++)
        {
          JcReportRow *row = g_ptr_array_index (r->rows, i);

          if (row->in[JC_REPORT_M] || row->in[JC_REPORT_YOY_BASE])
            g_ptr_array_add (sorted, row);
        }
      g_ptr_array_sort (sorted, cmp_abs_change);
      printf (_("Largest changes against %s:\n"), y->month);
      for (guint c = 1; c < 5; c++)
        cli_table_set_right (t, c);
      cli_table_add (t, _("item"), _("name"), _("a year before ¥"), _("this month ¥"), _("change ¥"));
      for (guint i = 0; i < MIN (sorted->len, 10u); i++)
        {
          JcReportRow *row = g_ptr_array_index (sorted, i);
          g_autofree char *c0 = jc_format_fen (row->cost_fen[JC_REPORT_YOY_BASE]);
          g_autofree char *c1 = jc_format_fen (row->cost_fen[JC_REPORT_M]);
          g_autofree char *d = jc_format_fen (row->cost_fen[JC_REPORT_M] -
                                              row->cost_fen[JC_REPORT_YOY_BASE]);

          cli_table_add (t, row->item_code, row->item_name, c0, c1, d);
        }
      cli_table_print (t, stdout);
    }
}

static CliExit
run_report (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *month = cli_get (cli, "month");
  const char *canteen = cli_get (cli, "canteen");
  const char *csv = cli_get (cli, "csv");
  const char *pdf = cli_get (cli, "pdf");
  const char *xlsx = cli_get (cli, "xlsx");
  const char *const files[] = { csv, pdf, xlsx };
  JcOutputFlags flags = cli_output_flags (cli);

  store = cli_open_store (cli, FALSE);
  if (store == NULL || !cli_check_outputs (cli, "csv", "pdf", "xlsx", NULL))
    return CLI_EXIT_FAILED;
  report = jc_report_build (store, month, canteen, &error);
  if (report == NULL || (csv != NULL && !jc_report_export_csv (report, csv, flags, &error))
      || (pdf != NULL && !jc_report_export_pdf (store, report, pdf, flags, &error))
      || (xlsx != NULL && !jc_report_export_xlsx (store, report, xlsx, flags, &error)))
    return cli_fail (cli, error);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) o = report_to_json (report);

      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
      return CLI_EXIT_OK;
    }
  print_report (report);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (files[i] != NULL)
      printf (_("Wrote %s\n"), files[i]);
  return CLI_EXIT_OK;
}

const CliCommand cli_report_command = {
  NULL, "report", "--month YYYY-MM [--canteen CODE] [--json] [--csv FILE] [--pdf FILE] [--xlsx FILE] "
  "[--force]",
  N_("Show the monthly cost review: spend, its change and why, prices against the market."),
  N_("Spend is the allocated actual cost of the month's locked plans; a day whose purchases "
     "are not all recorded counts at its planned cost and is reported as provisional.  The "
     "change against the same month a year before is split into price, volume, new and "
     "dropped items, with price indices for our unit costs and for the market's."),
  NULL, 0, 0, report_options, run_report
};
