/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-plan.c: `jicai-cli plan`, `plan lock|unlock`, `purchases
 * record|list` and `statement`.
 *
 * The plan shown is jc_plan_load(): the locked snapshot with what was
 * bought applied, or — before the lock — computed from the orders as they
 * are now.  Locks, unlocks and purchases are recorded with the OS user's
 * name. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli-private.h"
#include "jc-orders.h"
#include "jc-plan-doc.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-purchases.h"

static const CliOption plan_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  CLI_JSON_OPTION,
  { "pdf", CLI_OPT_VALUE, "FILE", N_("also write the purchase order as a PDF (A4)"), FALSE },
  { "xlsx", CLI_OPT_VALUE, "FILE",
    N_("also write the plan as a workbook (the lines, and the allocation to canteens)"), FALSE },
  CLI_FORCE_OPTION,
  { NULL }
};

static const CliOption lock_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "yes", CLI_OPT_FLAG, NULL, N_("lock without asking, even with canteens not in"), FALSE, 'y' },
  { NULL }
};

static const CliOption supplement_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen whose late order is bought"), TRUE },
  { "reason", CLI_OPT_VALUE, "TEXT", N_("a note for the audit trail"), FALSE },
  { "yes", CLI_OPT_FLAG, NULL, N_("buy without asking for confirmation"), FALSE, 'y' },
  { NULL }
};

static const CliOption unlock_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "reason", CLI_OPT_VALUE, "TEXT", N_("why the plan is unlocked (kept in the audit trail)"),
    TRUE },
  { NULL }
};

static const CliOption record_options[] = {
  { NULL }
};

static const CliOption purchases_remove_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "item", CLI_OPT_VALUE, "CODE", N_("the item whose recorded purchase is removed"), TRUE },
  { "reason", CLI_OPT_VALUE, "TEXT", N_("why it is removed (kept in the audit trail)"), TRUE },
  { NULL }
};

static const CliOption purchases_list_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption statement_options[] = {
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen"), TRUE },
  { "month", CLI_OPT_VALUE, "MONTH",
    N_("the month, YYYY-MM (or one delivery date, YYYY-MM-DD)"), TRUE },
  CLI_JSON_OPTION,
  { "pdf", CLI_OPT_VALUE, "FILE", N_("also write the statement as a PDF (A4)"), FALSE },
  { "xlsx", CLI_OPT_VALUE, "FILE", N_("also write the statement as a workbook"), FALSE },
  CLI_FORCE_OPTION,
  { NULL }
};

/* ---- shared --------------------------------------------------------- */

static const char *
plan_status_to_string (JcPlanStatus status)
{
  return status == JC_PLAN_LOCKED ? "locked" : "open";
}

static JcPlan *
load_plan (Cli      *cli,
           JcStore  *store,
           const char *date)
{
  g_autoptr(GError) error = NULL;
  JcPlan *plan = jc_plan_load (store, date, jc_store_get_stale_days (store), &error);

  if (plan == NULL)
    cli_error_gerror (cli, error);
  return plan;
}

/* ---- plan ----------------------------------------------------------- */

/* The orders of the date accepted after the lock and not in the plan:
 * NULL with an error reported. */
static GPtrArray *
load_pending (Cli        *cli,
              JcStore    *store,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pending = jc_orders_list_pending_late (store, date, &error);

  if (pending == NULL)
    cli_error_gerror (cli, error);
  return pending;
}

static char *
join_canteens (GPtrArray *orders)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < orders->len; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            ((JcOrder *) g_ptr_array_index (orders, i))->canteen_code);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static cJSON *
plan_to_json (const JcPlan *plan,
              GPtrArray    *pending)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *lines = cJSON_CreateArray ();

  cJSON_AddStringToObject (o, "date", plan->date);
  cJSON_AddStringToObject (o, "status", plan_status_to_string (plan->status));
  cli_json_add_int (o, "total_cost_fen", plan->total_cost_fen);
  cJSON_AddItemToObject (o, "lines", lines);
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      cJSON *j = cJSON_CreateObject ();

      cJSON_AddItemToArray (lines, j);
      cJSON_AddStringToObject (j, "item", l->item_code);
      cli_json_add_int (j, "demand_milli", l->demand_milli);
      cli_json_add_int (j, "gross_milli", l->gross_milli);
      cli_json_add_int_or_null (j, "packs", l->packs, l->packs < 0);
      cli_json_add_int (j, "purchase_milli", l->purchase_milli);
      cli_json_add_int_or_null (j, "price_milliyuan", l->price_milliyuan, !l->has_price);
      cli_json_add_str_or_null (j, "price_date", l->has_price ? l->price_date : NULL, TRUE);
      cJSON_AddBoolToObject (j, "stale", l->stale);
      cli_json_add_int (j, "cost_fen", l->cost_fen);
      /* more than the contract: */
      cJSON_AddStringToObject (j, "name", l->item_name);
      cJSON_AddStringToObject (j, "category", l->category);
      cJSON_AddStringToObject (j, "base_unit", jc_base_unit_to_string (l->base_unit));
      cli_json_add_int (j, "loss_permille", l->loss_permille);
      cli_json_add_int_or_null (j, "pack_milli", l->pack_milli, l->pack_milli <= 0);
      cli_json_add_int_or_null (j, "actual_qty_milli", l->actual_qty_milli, !l->has_actual);
      cli_json_add_int_or_null (j, "actual_price_milliyuan", l->actual_price_milliyuan,
                                !l->has_actual);
      cli_json_add_int_or_null (j, "actual_cost_fen", l->actual_cost_fen, !l->has_actual);
      cJSON_AddBoolToObject (j, "supplement", l->supplement_id != 0);
      cli_json_add_int_or_null (j, "supplement_id", l->supplement_id, l->supplement_id == 0);
      cli_json_add_str_or_null (j, "supplement_canteen",
                                l->supplement_id != 0 && l->shares->len > 0
                                  ? g_array_index (l->shares, JcPlanShare, 0).canteen_code : NULL,
                                TRUE);
    }
  {
    cJSON *late = cJSON_CreateArray ();

    cJSON_AddItemToObject (o, "late_orders", late);
    for (guint i = 0; pending != NULL && i < pending->len; i++)
      {
        const JcOrder *order = g_ptr_array_index (pending, i);
        cJSON *j = cJSON_CreateObject ();

        cJSON_AddItemToArray (late, j);
        cJSON_AddStringToObject (j, "canteen", order->canteen_code);
        cli_json_add_int (j, "version", order->version);
        cli_json_add_str_or_null (j, "submitted_at", order->submitted_at, TRUE);
        cli_json_add_str_or_null (j, "updated_at", order->updated_at, TRUE);
        cli_json_add_int (j, "n_lines", order->lines->len);
      }
  }
  cli_json_add_int (o, "n_supplements", plan->n_supplements);
  cli_json_add_ptr_array (o, "no_price", plan->no_price);
  cli_json_add_int (o, "actual_total_fen", plan->actual_total_fen);
  cli_json_add_int (o, "n_actual", plan->n_actual);
  cli_json_add_int (o, "n_stale", plan->n_stale);
  cli_json_add_int (o, "n_canteens", plan->n_canteens);
  cli_json_add_str_or_null (o, "locked_at", plan->locked_at, TRUE);
  cli_json_add_str_or_null (o, "locked_by", plan->locked_by, TRUE);
  return o;
}

static void
print_pending (const char *date,
               GPtrArray  *pending)
{
  g_autofree char *codes = NULL;

  if (pending == NULL || pending->len == 0)
    return;
  codes = join_canteens (pending);
  printf (ngettext ("%u late order is not in the locked plan: %s\n",
                    "%u late orders are not in the locked plan: %s\n", pending->len),
          pending->len, codes);
  /* TRANSLATORS: the three commands are not translated; %s is the date */
  printf (_("  settle each: plan supplement --date %s --canteen CODE (buy it), "
            "orders decline --date %s --canteen CODE --reason TEXT, "
            "or plan reopen --date %s --reason TEXT\n"), date, date, date);
}

static void
print_plan (const JcPlan *plan)
{
  g_autoptr(CliTable) table = cli_table_new (10);
  g_autofree char *total = cli_format_money (plan->total_cost_fen);

  if (plan->status == JC_PLAN_LOCKED)
    printf (_("Purchase plan for %s: locked by %s at %s\n"), plan->date,
            plan->locked_by ? plan->locked_by : "", plan->locked_at ? plan->locked_at : "");
  else
    printf (_("Purchase plan for %s: open (computed from the orders as they are now)\n"),
            plan->date);
  for (guint c = 2; c <= 8; c++)
    if (c != 6)
      cli_table_set_right (table, c);
  if (plan->lines->len > 0)
    cli_table_add (table, _("item"), _("name"), _("demand"), _("gross"), _("packs"),
                   _("purchase"), _("unit"), _("price ¥"), _("cost ¥"), "");
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
      g_autofree char *demand = jc_format_qty (l->demand_milli);
      g_autofree char *gross = jc_format_qty (l->gross_milli);
      g_autofree char *packs = l->packs >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, l->packs)
                                             : g_strdup ("—");
      g_autofree char *purchase = jc_format_qty (l->purchase_milli);
      g_autofree char *price = l->has_price ? jc_format_price (l->price_milliyuan)
                                            : g_strdup ("—");
      g_autofree char *cost = l->has_price ? jc_format_fen (l->cost_fen) : g_strdup ("—");
      g_autoptr(GString) flags = g_string_new (NULL);

      if (!l->has_price)
        g_string_append (flags, _("no price"));
      if (l->stale)
        g_string_append_printf (flags, _("stale (%s)"), l->price_date);
      if (l->has_actual)
        {
          g_autofree char *actual = cli_format_money (l->actual_cost_fen);

          g_string_append_printf (flags, "%s%s %s", flags->len ? "; " : "", _("bought"), actual);
        }
      if (l->supplement_id != 0 && l->shares->len > 0)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, l->supplement_id);

          if (flags->len > 0)
            g_string_append (flags, "; ");
          /* TRANSLATORS: a supplementary purchase (补单) line: its number, the late canteen */
          g_string_append_printf (flags, _("supplementary #%s for %s"), id,
                                  g_array_index (l->shares, JcPlanShare, 0).canteen_code);
        }
      cli_table_add (table, l->item_code, l->item_name, demand, gross, packs, purchase,
                     jc_base_unit_to_display (l->base_unit), price, cost, flags->str);
    }
  cli_table_print (table, stdout);
  printf (ngettext ("%u line from %u canteens; total %s\n",
                    "%u lines from %u canteens; total %s\n", plan->lines->len),
          plan->lines->len, plan->n_canteens, total);
  if (plan->n_actual > 0)
    {
      g_autofree char *actual = cli_format_money (plan->actual_total_fen);

      printf (ngettext ("Actual: %s (%u line bought, the rest as planned)\n",
                        "Actual: %s (%u lines bought, the rest as planned)\n", plan->n_actual),
              actual, plan->n_actual);
    }
  if (plan->no_price->len > 0)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < plan->no_price->len; i++)
        g_string_append_printf (codes, "%s%s", i ? ", " : "",
                                (char *) g_ptr_array_index (plan->no_price, i));
      printf (_("No price (not in the total): %s\n"), codes->str);
    }
}

static CliExit
run_plan (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  const char *pdf = cli_get (cli, "pdf");
  const char *xlsx = cli_get (cli, "xlsx");
  gboolean json = cli_has (cli, "json");
  gboolean ok;
  char date[11];

  ok = cli_opt_date (cli, "date", date);
  if (!ok)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL || !cli_check_outputs (cli, "pdf", "xlsx", NULL))
    return CLI_EXIT_FAILED;
  plan = load_plan (cli, store, date);
  if (plan == NULL)
    return CLI_EXIT_FAILED;
  pending = load_pending (cli, store, date);
  if (pending == NULL)
    return CLI_EXIT_FAILED;
  if (pdf != NULL && !jc_plan_export_pdf (plan, pdf, cli_output_flags (cli), &error))
    return cli_fail (cli, error);
  if (xlsx != NULL && !jc_plan_export_xlsx (plan, xlsx, cli_output_flags (cli), &error))
    {
      return cli_fail (cli, error);
    }
  if (json)
    {
      g_autoptr(cJSON) o = plan_to_json (plan, pending);

      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
      return CLI_EXIT_OK;
    }
  print_plan (plan);
  print_pending (date, pending);
  if (pdf != NULL)
    printf (_("Wrote %s\n"), pdf);
  if (xlsx != NULL)
    printf (_("Wrote %s\n"), xlsx);
  return CLI_EXIT_OK;
}

/* ---- lock / unlock -------------------------------------------------- */

static CliExit
run_lock (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;
  char date[11];

  if (!cli_opt_date (cli, "date", date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  missing = jc_orders_missing_canteens (store, date, &error);
  if (missing == NULL)
    return cli_fail (cli, error);
  if (missing->len > 0)
    {
      g_autofree char *question = NULL;
      g_autofree char *not_done = NULL;

      printf (ngettext ("%u canteen is not in the plan for %s:\n",
                        "%u canteens are not in the plan for %s:\n", missing->len),
              missing->len, date);
      for (guint i = 0; i < missing->len; i++)
        {
          JcBoardRow *r = g_ptr_array_index (missing, i);

          printf ("  %s  %s  (%s)\n", r->canteen_code, r->canteen_name,
                  r->status == JC_ORDER_DRAFT ? _("a draft, not submitted") : _("no order"));
        }
      question = g_strdup_printf (_("Lock the plan for %s without them? An order they submit "
                                    "later is a late order outside the locked plan."), date);
      not_done = g_strdup_printf (_("the plan for %s was not locked"), date);
      if (!cli_confirm (cli, question, not_done))
        return CLI_EXIT_FAILED;
    }
  if (!jc_plan_lock (store, date, jc_store_get_stale_days (store), g_get_user_name (), &error))
    return cli_fail (cli, error);
  plan = load_plan (cli, store, date);
  if (plan == NULL)
    return CLI_EXIT_FAILED;
  total = cli_format_money (plan->total_cost_fen);
  printf (ngettext ("Locked the plan for %s: %u line, total %s.\n",
                    "Locked the plan for %s: %u lines, total %s.\n", plan->lines->len),
          date, plan->lines->len, total);
  return CLI_EXIT_OK;
}

static CliExit
run_unlock (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (cli_get (cli, "reason")));
  gboolean ok;
  char date[11];

  ok = cli_opt_date (cli, "date", date);
  if (*reason == '\0')
    {
      cli_error (cli, _("reason: a reason is required"));
      ok = FALSE;
    }
  if (!ok)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_plan_unlock (store, date, g_get_user_name (), reason, &error))
    return cli_fail (cli, error);
  printf (_("Unlocked the plan for %s; its orders can be changed again.\n"), date);
  return CLI_EXIT_OK;
}

static CliExit
run_supplement (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  g_autofree char *not_done = NULL;
  g_autofree char *total = NULL;
  const char *code = cli_get (cli, "canteen");
  gint64 added_fen = 0;
  guint n = 0, before = 0;
  char date[11];

  if (!cli_opt_date (cli, "date", date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  order = jc_store_get_order (store, code, date, &error);
  if (order == NULL)
    return cli_fail (cli, error);
  if (order->after_lock != JC_ORDER_AFTER_LOCK_PENDING)
    {
      cli_error (cli, _("%s has no late order for %s waiting outside the locked plan"), code,
                 date);
      return CLI_EXIT_FAILED;
    }
  printf (_("The late order of %s for %s (version %d):\n"), code, date, order->version);
  for (guint i = 0; i < order->lines->len; i++)
    {
      const JcOrderLine *l = g_ptr_array_index (order->lines, i);
      g_autofree char *q = jc_format_qty (l->qty_milli);

      printf ("  %s  %s  %s\n", l->item_code, l->item_name ? l->item_name : "", q);
    }
  question = g_strdup_printf (_("Buy it as a supplementary purchase of the locked plan for %s?"),
                              date);
  not_done = g_strdup_printf (_("nothing was bought for %s"), code);
  if (!cli_confirm (cli, question, not_done))
    return CLI_EXIT_FAILED;
  plan = load_plan (cli, store, date);
  if (plan == NULL)
    return CLI_EXIT_FAILED;
  before = plan->lines->len;
  if (!jc_plan_supplement (store, date, code, g_get_user_name (), cli_get (cli, "reason"), &n,
                           &error))
    return cli_fail (cli, error);
  g_clear_pointer (&plan, jc_plan_free);
  plan = load_plan (cli, store, date);
  if (plan == NULL)
    return CLI_EXIT_FAILED;
  for (guint i = before; i < plan->lines->len; i++)
    added_fen += ((JcPlanLine *) g_ptr_array_index (plan->lines, i))->cost_fen;
  total = cli_format_money (added_fen);
  printf (ngettext ("Bought the late order of %s as a supplementary purchase: %u line, %s; "
                    "it is in the locked plan for %s now.\n",
                    "Bought the late order of %s as a supplementary purchase: %u lines, %s; "
                    "it is in the locked plan for %s now.\n", n),
          code, n, total, date);
  return CLI_EXIT_OK;
}

/* ---- purchases ------------------------------------------------------ */

static CliExit
run_record (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const char *path = cli_arg (cli, 0);
  guint n = 0;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_purchases_import_csv (store, path, g_get_user_name (), problems, &n, &error))
    {
      for (guint i = 0; i < problems->len; i++)
        cli_error (cli, "%s", (char *) g_ptr_array_index (problems, i));
      return cli_fail (cli, error);
    }
  printf (ngettext ("Recorded %u purchase from %s.\n", "Recorded %u purchases from %s.\n", n),
          n, path);
  return CLI_EXIT_OK;
}

static CliExit
run_purchases_remove (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strstrip (g_strdup (cli_get (cli, "reason")));
  const char *item = cli_get (cli, "item");
  gboolean ok;
  char date[11];

  ok = cli_opt_date (cli, "date", date);
  if (*reason == '\0')
    {
      cli_error (cli, _("reason: a reason is required"));
      ok = FALSE;
    }
  if (!ok)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_plan_remove_purchase (store, date, item, g_get_user_name (), reason, &error))
    return cli_fail (cli, error);
  printf (_("Removed the purchase of %s recorded for %s; the plan's planned cost counts again "
            "for it.\n"), item, date);
  return CLI_EXIT_OK;
}

static CliExit
run_purchases_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcPlan) plan = NULL;
  char date[11];

  if (!cli_opt_date (cli, "date", date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  plan = load_plan (cli, store, date);
  if (plan == NULL)
    return CLI_EXIT_FAILED;

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) o = cJSON_CreateObject ();
      cJSON *lines = cJSON_CreateArray ();

      cJSON_AddStringToObject (o, "date", plan->date);
      cJSON_AddStringToObject (o, "status", plan_status_to_string (plan->status));
      cli_json_add_int (o, "planned_total_fen", plan->total_cost_fen);
      cli_json_add_int (o, "actual_total_fen", plan->actual_total_fen);
      cli_json_add_int (o, "n_actual", plan->n_actual);
      cJSON_AddItemToObject (o, "lines", lines);
      for (guint i = 0; i < plan->lines->len; i++)
        {
          const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
          cJSON *j = cJSON_CreateObject ();
          gboolean both = l->has_actual && l->has_price;

          cJSON_AddItemToArray (lines, j);
          cJSON_AddStringToObject (j, "item", l->item_code);
          cJSON_AddStringToObject (j, "name", l->item_name);
          cJSON_AddStringToObject (j, "base_unit", jc_base_unit_to_string (l->base_unit));
          cli_json_add_int (j, "planned_qty_milli", l->purchase_milli);
          cli_json_add_int_or_null (j, "actual_qty_milli", l->actual_qty_milli, !l->has_actual);
          cli_json_add_int_or_null (j, "qty_change_permille",
                                    jc_change_permille (l->actual_qty_milli, l->purchase_milli),
                                    !l->has_actual || l->purchase_milli <= 0);
          cli_json_add_int_or_null (j, "planned_price_milliyuan", l->price_milliyuan,
                                    !l->has_price);
          cli_json_add_int_or_null (j, "actual_price_milliyuan", l->actual_price_milliyuan,
                                    !l->has_actual);
          cli_json_add_int_or_null (j, "price_change_permille",
                                    jc_change_permille (l->actual_price_milliyuan,
                                                        l->price_milliyuan),
                                    !both || l->price_milliyuan <= 0);
          cli_json_add_int_or_null (j, "planned_cost_fen", l->cost_fen, !l->has_price);
          cli_json_add_int_or_null (j, "actual_cost_fen", l->actual_cost_fen, !l->has_actual);
        }
      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (10);
      g_autofree char *planned = cli_format_money (plan->total_cost_fen);
      g_autofree char *actual = cli_format_money (plan->actual_total_fen);

      for (guint c = 2; c < 10; c++)
        cli_table_set_right (table, c);
      if (plan->lines->len > 0)
        cli_table_add (table, _("item"), _("name"), _("planned qty"), _("bought"), _("qty ‰"),
                       _("plan price"), _("paid price"), _("price ‰"), _("plan ¥"), _("paid ¥"));
      for (guint i = 0; i < plan->lines->len; i++)
        {
          const JcPlanLine *l = g_ptr_array_index (plan->lines, i);
          g_autofree char *pq = jc_format_qty (l->purchase_milli);
          g_autofree char *aq = l->has_actual ? jc_format_qty (l->actual_qty_milli) : NULL;
          g_autofree char *qv = l->has_actual && l->purchase_milli > 0
            ? g_strdup_printf ("%+" G_GINT64_FORMAT,
                               jc_change_permille (l->actual_qty_milli, l->purchase_milli))
            : NULL;
          g_autofree char *pp = l->has_price ? jc_format_price (l->price_milliyuan) : g_strdup ("—");
          g_autofree char *ap = l->has_actual ? jc_format_price (l->actual_price_milliyuan) : NULL;
          g_autofree char *pv = l->has_actual && l->has_price && l->price_milliyuan > 0
            ? g_strdup_printf ("%+" G_GINT64_FORMAT,
                               jc_change_permille (l->actual_price_milliyuan, l->price_milliyuan))
            : NULL;
          g_autofree char *pc = l->has_price ? jc_format_fen (l->cost_fen) : g_strdup ("—");
          g_autofree char *ac = l->has_actual ? jc_format_fen (l->actual_cost_fen) : NULL;

          cli_table_add (table, l->item_code, l->item_name, pq, aq, qv, pp, ap, pv, pc, ac);
        }
      cli_table_print (table, stdout);
      printf (ngettext ("Planned %s; actual %s (%u of %u line bought, the rest as planned)\n",
                        "Planned %s; actual %s (%u of %u lines bought, the rest as planned)\n",
                        plan->lines->len),
              planned, actual, plan->n_actual, plan->lines->len);
    }
  return CLI_EXIT_OK;
}

/* ---- statement ------------------------------------------------------ */

static cJSON *
statement_to_json (const JcStatement *st)
{
  cJSON *o = cJSON_CreateObject ();
  cJSON *days = cJSON_CreateArray ();

  cJSON_AddStringToObject (o, "canteen", st->canteen_code);
  cJSON_AddStringToObject (o, "name", st->canteen_name);
  cJSON_AddStringToObject (o, "period", st->period);
  cli_json_add_int (o, "total_fen", st->total_fen);
  cli_json_add_int (o, "provisional_days", st->n_provisional_days);
  cJSON_AddItemToObject (o, "days", days);
  for (guint d = 0; d < st->days->len; d++)
    {
      JcStatementDay *day = g_ptr_array_index (st->days, d);
      cJSON *jd = cJSON_CreateObject ();
      cJSON *lines = cJSON_CreateArray ();

      cJSON_AddItemToArray (days, jd);
      cJSON_AddStringToObject (jd, "date", day->date);
      cJSON_AddBoolToObject (jd, "provisional", day->provisional);
      cli_json_add_int (jd, "total_fen", day->total_fen);
      cJSON_AddItemToObject (jd, "lines", lines);
      for (guint i = 0; i < day->lines->len; i++)
        {
          JcStatementLine *l = g_ptr_array_index (day->lines, i);
          cJSON *jl = cJSON_CreateObject ();

          cJSON_AddItemToArray (lines, jl);
          cJSON_AddStringToObject (jl, "item", l->item_code);
          cJSON_AddStringToObject (jl, "name", l->item_name);
          cJSON_AddStringToObject (jl, "base_unit", jc_base_unit_to_string (l->base_unit));
          cli_json_add_int (jl, "qty_milli", l->qty_milli);
          cli_json_add_int (jl, "share_fen", l->share_fen);
          cJSON_AddBoolToObject (jl, "provisional", l->provisional);
        }
    }
  return o;
}

static CliExit
run_statement (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcStatement) st = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = cli_get (cli, "canteen");
  const char *month = cli_get (cli, "month");
  const char *pdf = cli_get (cli, "pdf");
  const char *xlsx = cli_get (cli, "xlsx");
  JcOutputFlags flags = cli_output_flags (cli);

  store = cli_open_store (cli, FALSE);
  if (store == NULL || !cli_check_outputs (cli, "pdf", "xlsx", NULL))
    return CLI_EXIT_FAILED;
  st = jc_statement_build (store, code, month, &error);
  if (st == NULL ||
      (pdf != NULL && !jc_statement_write_pdf (st, pdf, flags, &error)) ||
      (xlsx != NULL && !jc_statement_write_xlsx (st, xlsx, flags, &error)))
    return cli_fail (cli, error);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) o = statement_to_json (st);

      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
      return CLI_EXIT_OK;
    }
  {
    g_autoptr(CliTable) table = cli_table_new (6);
    g_autofree char *total = cli_format_money (st->total_fen);

    printf (_("Statement of %s (%s) for %s\n"), st->canteen_code, st->canteen_name, st->period);
    cli_table_set_right (table, 3);
    cli_table_set_right (table, 4);
    if (st->days->len > 0)
      cli_table_add (table, _("date"), _("item"), _("name"), _("ordered"), _("share ¥"), "");
    for (guint d = 0; d < st->days->len; d++)
      {
        JcStatementDay *day = g_ptr_array_index (st->days, d);
        g_autofree char *day_total = jc_format_fen (day->total_fen);

        for (guint i = 0; i < day->lines->len; i++)
          {
            JcStatementLine *l = g_ptr_array_index (day->lines, i);
            g_autofree char *qty = jc_format_qty (l->qty_milli);
            g_autofree char *shown = g_strdup_printf ("%s %s", qty,
                                                      jc_base_unit_to_display (l->base_unit));
            g_autofree char *share = jc_format_fen (l->share_fen);

            cli_table_add (table, day->date, l->item_code, l->item_name, shown, share,
                           l->provisional ? _("provisional") : "");
          }
        cli_table_add (table, day->date, "", _("day total"), "", day_total, "");
      }
    cli_table_print (table, stdout);
    printf (ngettext ("%u delivery day (%u provisional); total %s\n",
                      "%u delivery days (%u provisional); total %s\n", st->days->len),
            st->days->len, st->n_provisional_days, total);
    if (pdf != NULL)
      printf (_("Wrote %s\n"), pdf);
    if (xlsx != NULL)
      printf (_("Wrote %s\n"), xlsx);
  }
  return CLI_EXIT_OK;
}

const CliCommand cli_plan_command = {
  NULL, "plan", "--date DATE [--json] [--pdf FILE] [--xlsx FILE] [--force]",
  N_("Show the consolidated purchase plan of a delivery date."),
  N_("Before the lock the plan is computed from the submitted orders as they are now; after "
     "it, it is the locked snapshot with the recorded purchases. Lines without a price are "
     "listed and left out of the total. See also “plan lock” and “plan unlock”."),
  NULL, 0, 0, plan_options, run_plan
};

const CliCommand cli_plan_commands[] = {
  { "plan", "lock", "--date DATE [--yes]",
    N_("Lock the plan of a delivery date: freeze its orders and keep the plan as it is."),
    N_("Refused when the plan is already locked or no order is submitted. The active canteens "
       "that are not in (a draft, no order) are listed and the lock asks first; without a "
       "terminal it needs --yes."),
    NULL, 0, 0, lock_options, run_lock },
  { "plan", "reopen", "--date DATE --reason TEXT",
    N_("Reopen a locked plan, for a reason: the same as “plan unlock”."),
    N_("Late orders waiting outside the plan become ordinary orders again and are in the plan "
       "when it is locked again; declined ones stay declined. Refused once purchases are "
       "recorded against the plan."),
    NULL, 0, 0, unlock_options, run_unlock },
  { "plan", "supplement", "--date DATE --canteen CODE [--reason TEXT] [--yes]",
    N_("Buy a late order as a supplementary purchase (补单) of the locked plan."),
    N_("Each item the canteen ordered beyond what the plan carries for it becomes a "
       "supplementary line, priced like the plan and charged to that canteen alone; the order "
       "is then in the locked plan. Asks first; without a terminal it needs --yes."),
    NULL, 0, 0, supplement_options, run_supplement },
  { "plan", "unlock", "--date DATE --reason TEXT",
    N_("Unlock a locked plan, for a reason, so that its orders can change again."),
    N_("Refused once purchases are recorded against the plan."),
    NULL, 0, 0, unlock_options, run_unlock },
  { NULL }
};

const CliCommand cli_purchases_commands[] = {
  { "purchases", "record", "FILE",
    N_("Record what was actually bought, from a CSV file."),
    N_("The header is date,item,qty,unit,price,price_unit: item a catalog code or name, qty in "
       "any unit the item converts from, price per price_unit (empty units: the base unit). "
       "UTF-8 or GB18030. Every bad line is reported and then nothing is stored; the plans must "
       "be locked."),
    "FILE", 1, 1, record_options, run_record },
  { "purchases", "list", "--date DATE [--json]",
    N_("Compare the plan of a delivery date with what was bought."),
    NULL, NULL, 0, 0, purchases_list_options, run_purchases_list },
  { "purchases", "remove", "--date DATE --item CODE --reason TEXT",
    N_("Remove a recorded purchase, for a reason."),
    N_("For a purchase recorded against the wrong line. Who removed it and why is kept in the "
       "plan's history; the line counts at its planned cost again until it is recorded anew."),
    NULL, 0, 0, purchases_remove_options, run_purchases_remove },
  { NULL }
};

const CliCommand cli_statement_command = {
  NULL, "statement", "--canteen CODE --month YYYY-MM [--json] [--pdf FILE] [--xlsx FILE] "
  "[--force]",
  N_("Show a canteen's statement: its share of each locked plan of a month."),
  N_("Each delivery day lists the canteen's lines with its share of the cost: the actual cost "
     "where purchases are recorded, else the planned cost, marked provisional."),
  NULL, 0, 0, statement_options, run_statement
};
