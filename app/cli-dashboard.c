/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-dashboard.c: `jicai-cli dashboard`, the day at a glance — the same
 * tiles as the app’s Dashboard page, as text in the user's language or as
 * one JSON document (docs/cli.md).  Every figure is jc_dashboard_read()'s
 * (core/jc-dashboard.c); this file only prints them. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli-private.h"
#include "jc-dashboard.h"
#include "jc-units.h"

static const CliOption dashboard_options[] = {
  { "date", CLI_OPT_VALUE, "DATE", N_("the day, YYYY-MM-DD (default: today)"), FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

/* ---- JSON ------------------------------------------------------------- */

static const char *
waiting_status (const JcDashboardWaiting *w)
{
  return w->status == JC_ORDER_DRAFT ? "draft" : "not_started";
}

static cJSON *
orders_to_json (const JcDashboard *d)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *waiting = cJSON_CreateArray ();

  cJSON_AddStringToObject (o, "delivery_date", d->tomorrow);
  cli_json_add_str_or_null (o, "error", d->orders_error, FALSE);
  cli_json_add_int (o, "canteens", d->n_canteens);
  cli_json_add_int (o, "submitted", d->n_submitted);
  cli_json_add_int (o, "draft", d->n_draft);
  cli_json_add_int (o, "not_started", d->n_not_started);
  cli_json_add_int (o, "late_not_in_plan", d->n_late_out);
  cli_json_add_str_or_null (o, "cutoff", d->cutoff, TRUE);
  cJSON_AddBoolToObject (o, "past_cutoff", d->past_cutoff);
  for (guint i = 0; i < d->waiting->len; i++)
    {
      const JcDashboardWaiting *w = d->waiting->pdata[i];
      cJSON *one = cJSON_CreateObject ();

      cJSON_AddStringToObject (one, "canteen", w->canteen_code);
      cJSON_AddStringToObject (one, "name", w->canteen_name);
      cJSON_AddStringToObject (one, "status", waiting_status (w));
      cJSON_AddItemToArray (waiting, one);
    }
  cJSON_AddItemToObject (o, "waiting", waiting);
  return o;
}

static cJSON *
fetch_to_json (const JcDashboard *d)
{
  cJSON *o = cJSON_CreateObject ();
  const JcFetchLogEntry *f = d->fetch;

  cli_json_add_str_or_null (o, "error", d->fetch_error, FALSE);
  cli_json_add_int (o, "unmapped_names", d->n_unmapped);
  if (f == NULL)
    {
      cJSON_AddNullToObject (o, "latest");
      return o;
    }
  {
    cJSON *latest = cJSON_CreateObject ();

    cli_json_add_str_or_null (latest, "source", f->source_name, FALSE);
    cli_json_add_str_or_null (latest, "status", f->status, FALSE);
    cli_json_add_str_or_null (latest, "started_at", f->started_at, TRUE);
    cli_json_add_str_or_null (latest, "finished_at", f->finished_at, TRUE);
    cli_json_add_int (latest, "rows_new", f->rows_new);
    cli_json_add_int (latest, "rows_changed", f->rows_changed);
    cli_json_add_int (latest, "rows_rejected", f->rows_rejected);
    cli_json_add_int (latest, "rows_unmapped", f->rows_unmapped);
    cli_json_add_str_or_null (latest, "message", f->message, TRUE);
    cJSON_AddItemToObject (o, "latest", latest);
  }
  return o;
}

static cJSON *
movers_to_json (GPtrArray *movers)
{
  cJSON *a = cJSON_CreateArray ();

  for (guint i = 0; i < movers->len; i++)
    {
      const JcDashboardMover *m = movers->pdata[i];
      cJSON *o = cJSON_CreateObject ();

      cJSON_AddStringToObject (o, "item", m->item_code);
      cJSON_AddStringToObject (o, "name", m->item_name);
      cli_json_add_int (o, "avg_milliyuan", m->avg_milliyuan);
      cli_json_add_int (o, "prev_avg_milliyuan", m->prev_avg_milliyuan);
      cli_json_add_int (o, "change_permille", m->change_permille);
      cJSON_AddItemToArray (a, o);
    }
  return a;
}

static cJSON *
dashboard_to_json (const JcDashboard *d,
                   gboolean           empty)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *market = cJSON_CreateObject ();
  cJSON *plan = cJSON_CreateObject ();
  cJSON *month = cJSON_CreateObject ();
  cJSON *last_year = cJSON_CreateObject ();

  cJSON_AddStringToObject (o, "date", d->today);
  cJSON_AddBoolToObject (o, "empty", empty);
  cJSON_AddItemToObject (o, "orders", orders_to_json (d));
  cJSON_AddItemToObject (o, "fetch", fetch_to_json (d));

  cli_json_add_str_or_null (market, "error", d->market_error, FALSE);
  cJSON_AddItemToObject (market, "up", movers_to_json (d->up));
  cJSON_AddItemToObject (market, "down", movers_to_json (d->down));
  cJSON_AddItemToObject (o, "market", market);

  cJSON_AddStringToObject (plan, "date", d->tomorrow);
  cli_json_add_str_or_null (plan, "error", d->plan_error, FALSE);
  cJSON_AddStringToObject (plan, "status", d->plan_status == JC_PLAN_LOCKED ? "locked" : "open");
  cli_json_add_int (plan, "lines", d->plan_n_lines);
  cli_json_add_int (plan, "total_cost_fen", d->plan_total_cost_fen);
  cli_json_add_ptr_array (plan, "no_price", d->plan_no_price);
  cJSON_AddItemToObject (o, "plan", plan);

  cli_json_add_str_or_null (month, "error", d->month_error, FALSE);
  cJSON_AddStringToObject (month, "from", d->month_from);
  cJSON_AddStringToObject (month, "to", d->month_to);
  cli_json_add_int (month, "spend_fen", d->month_fen);
  cli_json_add_int (month, "days", d->month_days);
  cJSON_AddStringToObject (last_year, "from", d->ly_from);
  cJSON_AddStringToObject (last_year, "to", d->ly_to);
  cli_json_add_int (last_year, "spend_fen", d->ly_fen);
  cli_json_add_int (last_year, "days", d->ly_days);
  cJSON_AddItemToObject (month, "last_year", last_year);
  cli_json_add_int_or_null (month, "change_fen", d->yoy_change_fen, !d->has_yoy);
  cli_json_add_int_or_null (month, "change_permille", d->yoy_permille, !d->has_yoy);
  cJSON_AddItemToObject (o, "month", month);
  return o;
}

/* ---- text ------------------------------------------------------------- */

static void
heading (const char *title)
{
  printf ("\n%s\n", title);
}

static void
line (const char *text)
{
  printf ("  %s\n", text);
}

static void
print_orders (const JcDashboard *d)
{
  g_autofree char *date = g_strdup_printf (_("Delivery date %s"), d->tomorrow);
  g_autofree char *count = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *detail = NULL;

  heading (_("Orders for Tomorrow"));
  line (date);
  if (d->orders_error != NULL)
    {
      line (d->orders_error);
      return;
    }
  if (d->n_canteens == 0)
    {
      line (_("No canteens yet — add canteens to take orders."));
      return;
    }
  count = g_strdup_printf (ngettext ("%u of %u canteen submitted", "%u of %u canteens submitted",
                                     d->n_canteens), d->n_submitted, d->n_canteens);
  line (count);
  drafts = g_strdup_printf (ngettext ("%u draft", "%u drafts", d->n_draft), d->n_draft);
  /* TRANSLATORS: "3 drafts · 2 not started" */
  detail = g_strdup_printf (_("%s · %u not started"), drafts, d->n_not_started);
  line (detail);
  if (d->cutoff != NULL)
    {
      g_autofree char *shown = g_strdup (d->cutoff);
      g_autofree char *text = NULL;

      g_strdelimit (shown, "T", ' ');
      text = d->past_cutoff ? g_strdup_printf (_("Cutoff passed (%s)"), shown)
                            /* TRANSLATORS: the cutoff for orders, "2026-11-27 14:00" */
                            : g_strdup_printf (_("Cutoff %s"), shown);
      line (text);
    }
  else
    line (_("No cutoff set"));
  if (d->n_late_out > 0)
    {
      g_autofree char *late = g_strdup_printf (ngettext ("%u late order is not in the locked plan",
                                                         "%u late orders are not in the locked plan",
                                                         d->n_late_out), d->n_late_out);

      line (late);
    }
  if (d->waiting->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      /* all of them: a terminal scrolls */
      for (guint i = 0; i < d->waiting->len; i++)
        {
          const JcDashboardWaiting *w = d->waiting->pdata[i];

          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, w->canteen_name);
        }
      text = g_strdup_printf (_("Waiting for: %s"), names->str);
      line (text);
    }
  else
    line (_("Every canteen has submitted."));
}

static const char *
fetch_status_display (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    return C_("fetch status", "Succeeded");
  if (g_strcmp0 (status, "failed") == 0)
    return C_("fetch status", "Failed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return C_("fetch status", "Cancelled");
  return status;
}

static void
print_fetch (const JcDashboard *d)
{
  const JcFetchLogEntry *f = d->fetch;
  g_autofree char *head = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *unmapped = NULL;
  const char *when;

  heading (_("Latest Price Fetch"));
  if (d->fetch_error != NULL)
    {
      line (d->fetch_error);
      return;
    }
  if (f == NULL)
    {
      line (_("No price fetch yet — add a source and fetch the prices."));
      return;
    }
  when = f->finished_at != NULL && *f->finished_at != '\0' ? f->finished_at : f->started_at;
  line (fetch_status_display (f->status));
  /* TRANSLATORS: source name, then when */
  head = g_strdup_printf (_("%s · %s"), f->source_name ? f->source_name : "", when ? when : "");
  line (head);
  counts = g_strdup_printf (_("%u new · %u changed · %u rejected · %u unmapped"),
                            f->rows_new, f->rows_changed, f->rows_rejected, f->rows_unmapped);
  line (counts);
  if (f->message != NULL && *f->message != '\0')
    line (f->message);
  unmapped = g_strdup_printf (ngettext ("%u market name to map", "%u market names to map",
                                        d->n_unmapped), d->n_unmapped);
  line (unmapped);
}

static void
print_movers (GPtrArray *movers)
{
  g_autoptr(CliTable) table = cli_table_new (3);

  cli_table_set_right (table, 2);
  for (guint i = 0; i < movers->len; i++)
    {
      const JcDashboardMover *m = movers->pdata[i];
      g_autofree char *pct = cli_format_change_percent (m->change_permille);

      cli_table_add (table, "  ", m->item_name, pct);
    }
  cli_table_print (table, stdout);
}

static void
print_market (const JcDashboard *d)
{
  g_autofree char *sub = g_strdup_printf (_("Average price against the day before, %s"), d->today);

  heading (_("Today’s Biggest Market Moves"));
  line (sub);
  if (d->market_error != NULL)
    {
      line (d->market_error);
      return;
    }
  if (d->up->len == 0 && d->down->len == 0)
    {
      line (_("No price changes today."));
      return;
    }
  line (_("Up"));
  if (d->up->len > 0)
    print_movers (d->up);
  else
    line (_("Nothing went up."));
  line (_("Down"));
  if (d->down->len > 0)
    print_movers (d->down);
  else
    line (_("Nothing went down."));
}

static void
print_plan (const JcDashboard *d)
{
  g_autofree char *date = g_strdup_printf (_("Delivery date %s"), d->tomorrow);
  g_autofree char *total = NULL;
  g_autofree char *lines = NULL;

  heading (_("Purchase Plan"));
  line (date);
  if (d->plan_error != NULL)
    {
      line (d->plan_error);
      return;
    }
  if (d->plan_n_lines == 0)
    {
      line (_("Nothing to buy yet — no orders for this date."));
      return;
    }
  line (d->plan_status == JC_PLAN_LOCKED ? C_("plan status", "Locked") : C_("plan status", "Open"));
  total = cli_format_money (d->plan_total_cost_fen);
  line (total);
  lines = g_strdup_printf (ngettext ("%u line", "%u lines", d->plan_n_lines), d->plan_n_lines);
  line (lines);
  if (d->plan_no_price->len > 0)
    {
      g_autofree char *no_price = NULL;

      no_price = g_strdup_printf (ngettext ("%u item has no price and is not in the total",
                                            "%u items have no price and are not in the total",
                                            d->plan_no_price->len),
                                  d->plan_no_price->len);
      line (no_price);
    }
}

static void
print_month (const JcDashboard *d)
{
  g_autofree char *sub = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *days = NULL;
  g_autofree char *cmp = NULL;

  heading (_("Spend This Month"));
  if (d->month_error != NULL)
    {
      line (d->month_error);
      return;
    }
  sub = g_strdup_printf (_("Locked delivery days %s to %s"), d->month_from, d->month_to);
  line (sub);
  if (d->month_days == 0)
    {
      line (_("No locked plan this month yet."));
      return;
    }
  spend = cli_format_money (d->month_fen);
  line (spend);
  days = g_strdup_printf (ngettext ("%u delivery day", "%u delivery days", d->month_days),
                          d->month_days);
  line (days);
  if (d->has_yoy)
    {
      g_autofree char *base = cli_format_money (d->ly_fen);
      g_autofree char *change = cli_format_change_percent (d->yoy_permille);

      /* Translators: "Same days last year (2025-11-01 to 2025-11-27): ¥1,234.56, −3.2%" */
      cmp = g_strdup_printf (_("Same days last year (%s to %s): %s, %s"), d->ly_from, d->ly_to,
                             base, change);
    }
  else
    cmp = g_strdup_printf (_("No spend recorded %s to %s (last year)"), d->ly_from, d->ly_to);
  line (cmp);
}

static void
print_dashboard (const JcDashboard *d,
                 gboolean           empty)
{
  g_autofree char *title = g_strdup_printf (_("Today, %s"), d->today);

  printf ("%s\n", title);
  if (empty)
    printf ("\n%s\n", _("The database has no canteens and no items yet: load the demo world "
                        "with “jicai-cli init --demo”, or add them with “jicai-cli canteens add” "
                        "and “jicai-cli catalog add”."));
  print_orders (d);
  print_fetch (d);
  print_market (d);
  print_plan (d);
  print_month (d);
}

/* ---- the command ------------------------------------------------------ */

static CliExit
run_dashboard (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcDashboard) d = NULL;
  g_autoptr(GError) error = NULL;
  char today[11] = "";
  const char *tile_errors[5];
  gboolean empty;

  if (cli_has (cli, "date"))
    {
      if (!cli_opt_date (cli, "date", today))
        return CLI_EXIT_FAILED;
    }
  else
    {
      GDate date;

      if (!cli_get_today (cli, &date))
        return CLI_EXIT_FAILED;
      cli_format_date (&date, today);
    }
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  d = jc_dashboard_read (store, today, NULL, &error);
  if (d == NULL)
    return cli_fail (cli, error);
  empty = jc_store_is_empty (store);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) json = dashboard_to_json (d, empty);

      if (!cli_json_print (cli, json))
        return CLI_EXIT_FAILED;
    }
  else
    print_dashboard (d, empty);
  /* A tile that could not be read is shown, and said once more on stderr. */
  tile_errors[0] = d->orders_error;
  tile_errors[1] = d->fetch_error;
  tile_errors[2] = d->market_error;
  tile_errors[3] = d->plan_error;
  tile_errors[4] = d->month_error;
  for (guint i = 0; i < G_N_ELEMENTS (tile_errors); i++)
    if (tile_errors[i] != NULL)
      cli_error (cli, "%s", tile_errors[i]);
  return cli->n_errors > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

const CliCommand cli_dashboard_command = {
  NULL, "dashboard", "[--date DATE] [--json]",
  N_("Show the day at a glance: orders, prices, market moves, the plan, the month’s spend."),
  N_("The same tiles as the app’s Dashboard for a day (default today, or "
     "$JICAI_TODAY): the orders for the next day against the cutoff, the latest "
     "price fetch, the day’s biggest market moves, the purchase plan of the next "
     "day and the month’s spend so far against the same days a year before.  "
     "Money in JSON is integer fen, prices integer milli-yuan, changes per mille."),
  NULL, 0, 0, dashboard_options, run_dashboard,
};
