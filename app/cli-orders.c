/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-orders.c: `jicai-cli orders template|import|list|show|submit|history`.
 *
 * Every save goes through jc_orders_save(), which checks the version
 * the change was based on: two people (or two scripts) changing the same
 * order cannot overwrite each other; the second is refused and told so.
 * Changes are recorded with the OS user's name. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "jc-order-form.h"
#include "jc-order-form-write.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"

static const CliOption template_options[] = {
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen the form is for"), TRUE },
  CLI_DELIVERY_DATE_OPTION,
  { "output", CLI_OPT_VALUE, "FILE",
    N_("where to write it: FILE.xlsx (a protected workbook) or FILE.csv"), TRUE, 'o' },
  CLI_FORCE_OPTION,
  { NULL }
};

static const CliOption import_options[] = {
  { "yes", CLI_OPT_FLAG, NULL, N_("import without asking for confirmation"), FALSE, 'y' },
  { "accept-late", CLI_OPT_VALUE, "REASON",
    N_("accept orders after the cutoff (and changes to locked orders) for this reason"), FALSE },
  { NULL }
};

static const CliOption list_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "json", CLI_OPT_FLAG, NULL, N_("print one JSON document (the stored orders)"), FALSE },
  { NULL }
};

static const CliOption show_options[] = {
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen"), TRUE },
  CLI_DELIVERY_DATE_OPTION,
  CLI_JSON_OPTION,
  { NULL }
};

static const CliOption submit_options[] = {
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen"), TRUE },
  CLI_DELIVERY_DATE_OPTION,
  { "item", CLI_OPT_LIST, "CODE=QTY[UNIT]",
    N_("set a line, e.g. dbc=30斤, egg=2箱, oil=5 (base unit); 0 removes it (repeatable)"),
    FALSE },
  { "note", CLI_OPT_LIST, "CODE=TEXT", N_("a note on the line of CODE (repeatable)"), FALSE },
  { "replace", CLI_OPT_FLAG, NULL,
    N_("the --item lines are the whole order: remove the other lines"), FALSE },
  { "accept-late", CLI_OPT_VALUE, "REASON",
    N_("accept the change after the cutoff (or to a locked order) for this reason"), FALSE },
  { "expect-version", CLI_OPT_VALUE, "N",
    N_("refuse unless the stored order is still at version N (from “orders show --json”)"),
    FALSE },
  { NULL }
};

static const CliOption decline_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "canteen", CLI_OPT_VALUE, "CODE", N_("the canteen whose late order is declined"), TRUE },
  { "reason", CLI_OPT_VALUE, "TEXT", N_("why, for the canteen to see"), TRUE },
  { NULL }
};

static const CliOption cutoff_options[] = {
  CLI_DELIVERY_DATE_OPTION,
  { "at", CLI_OPT_VALUE, "YYYY-MM-DDTHH:MM",
    N_("close the orders of this date at this local time (on the delivery date at the latest)"),
    FALSE },
  { "reset", CLI_OPT_FLAG, NULL, N_("the office default again (the cutoff time on the day before)"),
    FALSE },
  CLI_JSON_OPTION,
  { NULL }
};

/* ---- shared --------------------------------------------------------- */

static gboolean
read_date (Cli  *cli,
           char  date[11])
{
  return cli_opt_date (cli, "date", date);
}

static gboolean
read_reason (Cli         *cli,
             const char **out)
{
  const char *reason = cli_get (cli, "accept-late");
  g_autofree char *trimmed = NULL;

  *out = NULL;
  if (reason == NULL)
    return TRUE;
  trimmed = g_strstrip (g_strdup (reason));
  if (*trimmed == '\0')
    {
      cli_error (cli, _("accept-late: a reason is required"));
      return FALSE;
    }
  *out = reason;
  return TRUE;
}

/* "2026-11-30T14:00" as a local time. */
static GDateTime *
parse_cutoff (const char *cutoff)
{
  int y, mo, d, h, mi;

  if (cutoff == NULL || sscanf (cutoff, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

/* "2 h 05 min left", "passed 1 d 3 h ago". */
static char *
describe_cutoff (const char *cutoff)
{
  g_autoptr(GDateTime) at = parse_cutoff (cutoff);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *shown = g_strdup (cutoff ? cutoff : "");
  g_autofree char *span = NULL;
  GTimeSpan diff;
  gint64 minutes, days, hours;

  g_strdelimit (shown, "T", ' ');
  if (at == NULL)
    return g_steal_pointer (&shown);
  diff = g_date_time_difference (at, now);
  minutes = (diff < 0 ? -diff : diff) / G_TIME_SPAN_MINUTE;
  days = minutes / (24 * 60);
  hours = (minutes / 60) % 24;
  minutes %= 60;
  if (days > 0)
    span = g_strdup_printf (_("%lld d %lld h"), (long long) days, (long long) hours);
  else if (hours > 0)
    span = g_strdup_printf (_("%lld h %02lld min"), (long long) hours, (long long) minutes);
  else
    span = g_strdup_printf (_("%lld min"), (long long) minutes);
  if (diff > 0)
    return g_strdup_printf (_("%s (%s left)"), shown, span);
  return g_strdup_printf (_("%s (passed %s ago)"), shown, span);
}

static GHashTable *
items_by_code (GPtrArray *items)
{
  GHashTable *h = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (h, item->code, item);
    }
  return h;
}

static cJSON *
lines_to_json (const JcOrder *order,
               GHashTable    *items)
{
  cJSON *array = cJSON_CreateArray ();

  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = g_ptr_array_index (order->lines, i);
      JcItem *item = g_hash_table_lookup (items, l->item_code);
      cJSON *o = cJSON_CreateObject ();

      cJSON_AddItemToArray (array, o);
      cJSON_AddStringToObject (o, "item", l->item_code);
      cJSON_AddStringToObject (o, "name", l->item_name ? l->item_name : "");
      cli_json_add_int (o, "qty_milli", l->qty_milli);
      cJSON_AddStringToObject (o, "base_unit",
                               item ? jc_base_unit_to_string (item->base_unit) : "");
      cJSON_AddStringToObject (o, "unit", l->unit ? l->unit : "");
      cli_json_add_int (o, "unit_qty_milli", l->unit_qty_milli);
      cJSON_AddStringToObject (o, "note", l->note ? l->note : "");
    }
  return array;
}

/* Is the plan of the date locked?  -1 with an error reported. */
static int
plan_locked (Cli        *cli,
             JcStore    *store,
             const char *date)
{
  g_autoptr(GError) error = NULL;
  gboolean locked = FALSE;

  if (!jc_plan_is_locked (store, date, &locked, &error))
    {
      cli_error_gerror (cli, error);
      return -1;
    }
  return locked ? 1 : 0;
}

/* `locked`: whether the date's plan is locked (in_locked_plan is null when
 * it is not). */
static void
add_order_fields (cJSON         *o,
                  const JcOrder *order,
                  GHashTable    *items,
                  gboolean       locked)
{
  cJSON_AddStringToObject (o, "canteen", order->canteen_code);
  cJSON_AddStringToObject (o, "date", order->date);
  cJSON_AddStringToObject (o, "status", jc_order_status_to_string (order->status));
  cli_json_add_int (o, "version", order->version);
  cJSON_AddBoolToObject (o, "late", order->late);
  cli_json_add_str_or_null (o, "submitted_at", order->submitted_at, TRUE);
  cli_json_add_str_or_null (o, "updated_at", order->updated_at, TRUE);
  cJSON_AddItemToObject (o, "lines", lines_to_json (order, items));
  if (locked)
    cJSON_AddBoolToObject (o, "in_locked_plan", jc_order_in_locked_plan (order));
  else
    cJSON_AddNullToObject (o, "in_locked_plan");
  cli_json_add_str_or_null (o, "after_lock", jc_order_after_lock_to_string (order->after_lock),
                            TRUE);
  cli_json_add_str_or_null (o, "decline_reason", order->decline_reason, TRUE);
}

static char *
line_quantity (const JcOrderLine *l,
               const JcItem      *item)
{
  g_autofree char *q = jc_format_qty (l->unit_qty_milli);
  g_autofree char *base = jc_format_qty (l->qty_milli);
  const char *base_unit = item ? jc_base_unit_to_display (item->base_unit) : "";

  if (l->unit == NULL || *l->unit == '\0' || g_strcmp0 (l->unit, base_unit) == 0 ||
      (item != NULL && g_strcmp0 (l->unit, jc_base_unit_to_string (item->base_unit)) == 0))
    return g_strdup_printf ("%s %s", base, base_unit);
  return g_strdup_printf ("%s %s (%s %s)", q, l->unit, base, base_unit);
}

/* ---- template ------------------------------------------------------- */

static CliExit
run_template (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *canteen = cli_get (cli, "canteen");
  const char *output = cli_get (cli, "output");
  g_autofree char *lower = g_ascii_strdown (output, -1);
  gboolean xlsx = g_str_has_suffix (lower, ".xlsx");
  gboolean csv = g_str_has_suffix (lower, ".csv");
  char date[11];
  gboolean ok;

  read_date (cli, date);
  if (!xlsx && !csv)
    cli_error (cli, _("output: “%s” must end in .xlsx or .csv"), output);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL || !cli_check_outputs (cli, "output", NULL))
    return CLI_EXIT_FAILED;
  if (xlsx)
    ok = jc_order_form_write (store, canteen, date, output, cli_output_flags (cli), &error);
  else
    ok = jc_order_form_write_csv (store, canteen, date, output, cli_output_flags (cli), &error);
  if (!ok)
    return cli_fail (cli, error);
  printf (_("Wrote the order form of %s for %s to “%s”.\n"), canteen, date, output);
  return CLI_EXIT_OK;
}

/* ---- import --------------------------------------------------------- */

static void
print_import_order (const JcImportOrder *io)
{
  guint add = 0, change = 0, remove = 0;

  for (guint k = 0; k < io->changes->len; k++)
    {
      const JcImportChange *c = g_ptr_array_index (io->changes, k);

      if (c->kind == JC_IMPORT_CHANGE_ADD)
        add++;
      else if (c->kind == JC_IMPORT_CHANGE_CHANGE)
        change++;
      else
        remove++;
    }
  printf (_("  %s %s, %s (%s, version %d): %u added, %u changed, %u removed, %u unchanged%s\n"),
          io->canteen_code, io->canteen_name ? io->canteen_name : "", io->date,
          jc_order_status_to_string (io->status), io->version, add, change, remove,
          io->n_unchanged, io->late ? _(", after the cutoff") : "");
  for (guint k = 0; k < io->changes->len; k++)
    {
      const JcImportChange *c = g_ptr_array_index (io->changes, k);

      switch (c->kind)
        {
        case JC_IMPORT_CHANGE_ADD:
          printf ("    + %s %s: %s\n", c->item_code, c->item_name, c->after_text);
          break;
        case JC_IMPORT_CHANGE_CHANGE:
          printf ("    ~ %s %s: %s → %s\n", c->item_code, c->item_name, c->before_text,
                  c->after_text);
          break;
        case JC_IMPORT_CHANGE_REMOVE:
        default:
          printf ("    - %s %s: %s\n", c->item_code, c->item_name, c->before_text);
          break;
        }
    }
}

static CliExit
run_import (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  const char *reason = NULL;
  guint n_ready = 0, n_orders = 0;
  gboolean any_bad = FALSE;

  read_reason (cli, &reason);
  for (guint i = 0; i < cli->args->len; i++)
    {
      const char *path = g_ptr_array_index (cli->args, i);

      cli_check_input_file (cli, path, _("an order file"));
      g_ptr_array_add (paths, (gpointer) path);
    }
  g_ptr_array_add (paths, NULL);
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  plan = jc_order_import_prepare (store, (const char * const *) paths->pdata, &error);
  if (plan == NULL)
    return cli_fail (cli, error);
  if (reason != NULL)
    jc_import_plan_set_reason (plan, reason);

  /* The preview: what each file would change; its problems on stderr. */
  for (guint i = 0; i < plan->files->len; i++)
    {
      JcImportFile *file = g_ptr_array_index (plan->files, i);

      for (guint k = 0; k < file->errors->len; k++)
        cli_error (cli, "%s", ((JcFormMessage *) g_ptr_array_index (file->errors, k))->text);
      if (file->state == JC_IMPORT_FILE_INVALID)
        {
          any_bad = TRUE;
          continue;
        }
      n_ready++;
      printf ("%s:\n", file->path);
      for (guint k = 0; k < file->orders->len; k++)
        {
          print_import_order (g_ptr_array_index (file->orders, k));
          n_orders++;
        }
      for (guint k = 0; k < file->warnings->len; k++)
        printf (_("  warning: %s\n"),
                ((JcFormMessage *) g_ptr_array_index (file->warnings, k))->text);
    }
  if (n_ready == 0)
    return CLI_EXIT_FAILED;

  {
    g_autofree char *question = g_strdup_printf (ngettext ("Import %u order from %u file?",
                                                           "Import %u orders from %u files?",
                                                           n_orders),
                                                 n_orders, n_ready);

    if (!cli_confirm (cli, question, _("nothing was imported")))
      return CLI_EXIT_FAILED;
  }

  if (!jc_order_import_apply (store, plan,
                              reason != NULL ? JC_ORDER_SAVE_ACCEPT_LATE : JC_ORDER_SAVE_DEFAULT,
                              g_get_user_name (), NULL, &error))
    {
      if (!g_error_matches (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_IMPORTED))
        return cli_fail (cli, error);
    }
  for (guint i = 0; i < plan->files->len; i++)
    {
      JcImportFile *file = g_ptr_array_index (plan->files, i);

      if (file->state == JC_IMPORT_FILE_STORED)
        printf ("%s\n", file->outcome);
      else if (file->state == JC_IMPORT_FILE_FAILED)
        {
          cli_error (cli, "%s", file->outcome);
          any_bad = TRUE;
        }
    }
  return any_bad || cli->n_errors > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

/* ---- list ----------------------------------------------------------- */

static CliExit
run_list (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GError) error = NULL;
  char date[11];

  if (!read_date (cli, date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  items = jc_store_list_items (store, TRUE, &error);
  if (items == NULL)
    return cli_fail (cli, error);
  by_code = items_by_code (items);

  if (cli_has (cli, "json"))
    {
      g_autoptr(GPtrArray) orders = jc_store_list_orders (store, date, &error);
      g_autoptr(cJSON) array = NULL;
      int locked;

      if (orders == NULL)
        return cli_fail (cli, error);
      locked = plan_locked (cli, store, date);
      if (locked < 0)
        return CLI_EXIT_FAILED;
      array = cJSON_CreateArray ();
      for (guint i = 0; i < orders->len; i++)
        {
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          add_order_fields (o, g_ptr_array_index (orders, i), by_code, locked == 1);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(GPtrArray) board = jc_orders_board (store, date, jc_store_get_stale_days (store), &error);
      g_autoptr(CliTable) table = cli_table_new (6);
      g_autofree char *cutoff = NULL;
      g_autofree char *when = NULL;
      guint counts[JC_ORDER_LOCKED + 1] = { 0 };
      guint n_out = 0;

      if (board == NULL)
        return cli_fail (cli, error);
      cutoff = jc_orders_cutoff_for (store, date);
      when = describe_cutoff (cutoff);
      printf (_("Orders for delivery on %s; cutoff %s\n"), date, when);
      cli_table_set_right (table, 3);
      cli_table_set_right (table, 4);
      if (board->len > 0)
        cli_table_add (table, _("canteen"), _("name"), _("status"), _("lines"),
                       _("est. cost ¥"), "");
      for (guint i = 0; i < board->len; i++)
        {
          JcBoardRow *r = g_ptr_array_index (board, i);
          g_autofree char *lines = g_strdup_printf ("%u", r->n_lines);
          g_autofree char *cost = jc_format_fen (r->est_cost_fen);
          g_autofree char *shown = NULL;
          g_autoptr(GString) flags = g_string_new (NULL);

          if (r->status <= JC_ORDER_LOCKED)
            counts[r->status]++;
          if (r->n_no_price > 0)
            g_string_append_printf (flags, ngettext ("%u line without a price",
                                                     "%u lines without a price", r->n_no_price),
                                    r->n_no_price);
          if (r->late)
            g_string_append_printf (flags, "%s%s", flags->len ? "; " : "", _("late"));
          if (r->after_lock == JC_ORDER_AFTER_LOCK_PENDING ||
              r->after_lock == JC_ORDER_AFTER_LOCK_DECLINED)
            {
              n_out++;
              g_string_append_printf (flags, "%s%s", flags->len ? "; " : "",
                                      jc_order_after_lock_to_display (r->after_lock));
            }
          else if (r->after_lock == JC_ORDER_AFTER_LOCK_SUPPLEMENTED)
            g_string_append_printf (flags, "%s%s", flags->len ? "; " : "",
                                    jc_order_after_lock_to_display (r->after_lock));
          shown = r->status == JC_ORDER_NOT_STARTED ? g_strdup ("—") : g_strdup (cost);
          cli_table_add (table, r->canteen_code, r->canteen_name,
                         jc_order_status_to_display (r->status), lines, shown, flags->str);
        }
      cli_table_print (table, stdout);
      printf (ngettext ("%u canteen: %u submitted, %u locked, %u draft, %u not started\n",
                        "%u canteens: %u submitted, %u locked, %u draft, %u not started\n",
                        board->len),
              board->len, counts[JC_ORDER_SUBMITTED], counts[JC_ORDER_LOCKED],
              counts[JC_ORDER_DRAFT], counts[JC_ORDER_NOT_STARTED]);
      if (n_out > 0)
        printf (ngettext ("%u order accepted after the lock is not in the locked plan\n",
                          "%u orders accepted after the lock are not in the locked plan\n",
                          n_out), n_out);
    }
  return CLI_EXIT_OK;
}

/* ---- show ----------------------------------------------------------- */

static CliExit
run_show (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcCanteen) canteen = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cutoff = NULL;
  const char *code = cli_get (cli, "canteen");
  char date[11];

  if (!read_date (cli, date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  canteen = jc_store_get_canteen (store, code, &error);
  if (canteen != NULL)
    order = jc_store_get_order (store, code, date, &error);
  if (order != NULL)
    items = jc_store_list_items (store, TRUE, &error);
  if (items == NULL)
    return cli_fail (cli, error);
  by_code = items_by_code (items);
  cutoff = jc_orders_cutoff_for (store, date);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) o = cJSON_CreateObject ();
      int locked = plan_locked (cli, store, date);

      if (locked < 0)
        return CLI_EXIT_FAILED;
      add_order_fields (o, order, by_code, locked == 1);
      cJSON_AddStringToObject (o, "canteen_name", canteen->name);
      cJSON_AddStringToObject (o, "cutoff", cutoff);
      cJSON_AddBoolToObject (o, "past_cutoff", jc_orders_is_past_cutoff (store, date, NULL));
      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (4);
      g_autofree char *when = describe_cutoff (cutoff);
      g_autofree char *count = NULL;

      printf (_("Order of %s (%s) for %s: %s, version %d%s\n"), order->canteen_code,
              canteen->name, date, jc_order_status_to_display (order->status), order->version,
              order->late ? _(", late") : "");
      printf (_("Cutoff %s\n"), when);
      if (order->after_lock == JC_ORDER_AFTER_LOCK_PENDING)
        printf (_("Accepted after the plan was locked: not in the locked plan until procurement "
                  "settles it\n"));
      else if (order->after_lock == JC_ORDER_AFTER_LOCK_DECLINED)
        printf (_("Declined by procurement: %s\n"), order->decline_reason);
      else if (order->after_lock == JC_ORDER_AFTER_LOCK_SUPPLEMENTED)
        printf (_("Accepted after the plan was locked and bought as a supplementary purchase\n"));
      if (order->lines->len > 0)
        cli_table_add (table, _("item"), _("name"), _("quantity"), _("note"));
      for (guint i = 0; i < order->lines->len; i++)
        {
          JcOrderLine *l = g_ptr_array_index (order->lines, i);
          g_autofree char *qty = line_quantity (l, g_hash_table_lookup (by_code, l->item_code));

          cli_table_add (table, l->item_code, l->item_name, qty, l->note);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u line", "%u lines", order->lines->len),
                               order->lines->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

/* ---- submit --------------------------------------------------------- */

typedef struct {
  char *code;     /* as typed: a code, a name or an alias */
  char *qty;
  char *unit;
  char *note;     /* NULL: keep the line's note */
} ItemArg;

static void
item_arg_free (ItemArg *a)
{
  g_free (a->code);
  g_free (a->qty);
  g_free (a->unit);
  g_free (a->note);
  g_free (a);
}

/* "dbc=30斤" → code "dbc", qty "30", unit "斤"; "oil=5" → unit "". */
static ItemArg *
parse_item_arg (Cli        *cli,
                const char *text)
{
  const char *eq = strchr (text, '=');
  const char *p;
  ItemArg *a;

  if (eq == NULL || eq == text || eq[1] == '\0')
    {
      cli_error (cli, _("item: “%s” is not CODE=QTY[UNIT] (e.g. dbc=30斤)"), text);
      return NULL;
    }
  a = g_new0 (ItemArg, 1);
  a->code = g_strstrip (g_strndup (text, (gsize) (eq - text)));
  for (p = eq + 1; *p == ' '; p++)
    ;
  eq = p;
  while (*p != '\0' && strchr ("0123456789.+-", *p) != NULL)
    p++;
  a->qty = g_strndup (eq, (gsize) (p - eq));
  a->unit = g_strstrip (g_strdup (p));
  if (*a->qty == '\0')
    {
      /* no number at all: let the quantity parser name the whole text */
      g_free (a->qty);
      a->qty = g_strdup (eq);
      g_free (a->unit);
      a->unit = g_strdup ("");
    }
  return a;
}

static JcItem *
find_item (JcStore     *store,
           const char  *text,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  JcItem *item = jc_store_get_item (store, text, &local);

  if (item != NULL)
    return item;
  if (!g_error_matches (local, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  item = jc_store_find_item_by_name (store, text, NULL);
  if (item == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                 _("item: no catalog item has the code or name “%s”"), text);
  return item;
}

static JcOrderLine *
find_line (JcOrder *order,
           gint64   item_id,
           guint   *index)
{
  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = g_ptr_array_index (order->lines, i);

      if (l->item_id == item_id)
        {
          if (index != NULL)
            *index = i;
          return l;
        }
    }
  return NULL;
}

/* Puts the --item lines on `order`; every bad one is reported. */
static void
apply_items (Cli        *cli,
             JcStore    *store,
             JcOrder    *order,
             GPtrArray  *args,
             GHashTable *notes,
             guint       counts[3])
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();

  for (guint i = 0; i < args->len; i++)
    {
      ItemArg *a = g_ptr_array_index (args, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(JcItem) item = find_item (store, a->code, &error);
      g_autoptr(JcOrderLine) line = NULL;
      JcOrderLine *old;
      guint index = 0;
      const char *note;

      if (item == NULL)
        {
          cli_error_gerror (cli, error);
          continue;
        }
      if (g_hash_table_contains (seen, item->code))
        {
          cli_error (cli, _("item: %s (%s) is given twice"), item->code, item->name);
          continue;
        }
      g_hash_table_add (seen, g_strdup (item->code));
      if (!item->active)
        {
          cli_error (cli, _("item: %s (%s) is inactive and cannot be ordered"), item->code,
                     item->name);
          continue;
        }
      old = find_line (order, item->id, &index);
      note = g_hash_table_lookup (notes, item->code);
      if (note == NULL)
        note = g_hash_table_lookup (notes, a->code);
      if (note == NULL && old != NULL)
        note = old->note;
      line = jc_order_line_parse (item, a->qty, a->unit, note, &error);
      if (line == NULL)
        {
          cli_error (cli, "%s: %s", item->code, error->message);
          continue;
        }
      g_hash_table_remove (notes, item->code);
      g_hash_table_remove (notes, a->code);
      if (line->qty_milli == 0)
        {
          if (old != NULL)
            {
              g_ptr_array_remove_index (order->lines, index);
              counts[2]++;
            }
          continue;
        }
      if (old == NULL)
        counts[0]++;
      else
        {
          if (old->qty_milli != line->qty_milli || old->unit_qty_milli != line->unit_qty_milli ||
              g_strcmp0 (old->unit, line->unit) != 0 || g_strcmp0 (old->note, line->note) != 0)
            counts[1]++;
          g_ptr_array_remove_index (order->lines, index);
        }
      g_ptr_array_add (keep, line);
      g_ptr_array_add (order->lines, g_steal_pointer (&line));
    }

  if (cli_has (cli, "replace"))
    for (guint i = order->lines->len; i > 0; i--)
      {
        JcOrderLine *l = g_ptr_array_index (order->lines, i - 1);

        if (!g_ptr_array_find (keep, l, NULL))
          {
            g_ptr_array_remove_index (order->lines, i - 1);
            counts[2]++;
          }
      }

  /* Notes for lines already on the order and not given with --item. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, notes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autoptr(JcItem) item = find_item (store, key, NULL);
        JcOrderLine *l = item ? find_line (order, item->id, NULL) : NULL;

        if (l == NULL)
          {
            cli_error (cli, _("note: %s is not on the order; give it with --item"),
                       (const char *) key);
            continue;
          }
        if (g_strcmp0 (l->note, value) != 0)
          counts[1]++;
        cli_set_str (&l->note, value);
      }
  }
}

static CliExit
run_submit (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) item_arg_free);
  g_autoptr(GHashTable) notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) spikes = NULL;
  g_auto(GStrv) item_texts = cli_dup_list (cli, "item");
  g_auto(GStrv) note_texts = cli_dup_list (cli, "note");
  const char *code = cli_get (cli, "canteen");
  const char *reason = NULL;
  gint64 expect = -1;
  guint counts[3] = { 0 };   /* added, changed, removed */
  JcOrderSaveFlags flags = JC_ORDER_SAVE_SUBMIT;
  char date[11];
  int old_version;

  /* Everything that needs no database first. */
  read_date (cli, date);
  read_reason (cli, &reason);
  cli_opt_int_labeled (cli, "expect-version", _("expect-version"), 0, G_MAXINT, &expect);
  for (guint i = 0; item_texts != NULL && item_texts[i] != NULL; i++)
    {
      ItemArg *a = parse_item_arg (cli, item_texts[i]);

      if (a != NULL)
        g_ptr_array_add (args, a);
    }
  for (guint i = 0; note_texts != NULL && note_texts[i] != NULL; i++)
    {
      const char *eq = strchr (note_texts[i], '=');

      if (eq == NULL || eq == note_texts[i])
        cli_error (cli, _("note: “%s” is not CODE=TEXT"), note_texts[i]);
      else
        g_hash_table_insert (notes, g_strndup (note_texts[i], (gsize) (eq - note_texts[i])),
                             g_strdup (eq + 1));
    }
  if (cli->n_errors > 0)
    return CLI_EXIT_FAILED;

  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  /* Read and write in one immediate transaction: no other writer can slip
   * in between, and a change made before is caught by the version. */
  if (!jc_store_begin (store, &error))
    return cli_fail (cli, error);
  order = jc_store_get_order (store, code, date, &error);
  if (order == NULL)
    {
      jc_store_rollback (store);
      return cli_fail (cli, error);
    }
  old_version = order->version;
  apply_items (cli, store, order, args, notes, counts);
  if (cli->n_errors == 0 && order->lines->len == 0)
    cli_error (cli, _("the order of %s for %s has no lines; give them with --item CODE=QTY"),
               code, date);
  if (cli->n_errors > 0)
    {
      jc_store_rollback (store);
      return CLI_EXIT_FAILED;
    }
  if (expect >= 0)
    order->version = (int) expect;   /* the save is based on what the caller saw */
  if (reason != NULL)
    flags |= JC_ORDER_SAVE_ACCEPT_LATE;
  spikes = jc_orders_find_spikes (store, order, NULL);
  if (!jc_orders_save (store, order, flags, g_get_user_name (), reason, NULL, &error) ||
      !jc_store_commit (store, &error))
    {
      jc_store_rollback (store);
      if (g_error_matches (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF) ||
          g_error_matches (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED))
        cli_error (cli, _("%s; give --accept-late REASON"), error->message);
      else
        cli_error_gerror (cli, error);
      return CLI_EXIT_FAILED;
    }

  printf (ngettext ("Submitted the order of %s for %s: version %d → %d, %u line (%u added, "
                    "%u changed, %u removed)%s.\n",
                    "Submitted the order of %s for %s: version %d → %d, %u lines (%u added, "
                    "%u changed, %u removed)%s.\n", order->lines->len),
          code, date, old_version, order->version, order->lines->len, counts[0], counts[1],
          counts[2], reason != NULL && order->late ? _(", accepted late") : "");
  for (guint i = 0; spikes != NULL && i < spikes->len; i++)
    {
      JcSpike *s = g_ptr_array_index (spikes, i);
      g_autofree char *q = jc_format_qty (s->qty_milli);
      g_autofree char *m = jc_format_qty (s->median_milli);

      printf (_("  note: %s %s is more than 5 times this canteen's usual %s (the median of the "
                "last 8 weeks); check it\n"), s->item_code, q, m);
    }
  return CLI_EXIT_OK;
}

/* ---- history -------------------------------------------------------- */

static CliExit
run_history (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = cli_get (cli, "canteen");
  char date[11];

  if (!read_date (cli, date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  order = jc_store_get_order (store, code, date, &error);
  if (order == NULL)
    return cli_fail (cli, error);
  if (order->id > 0)
    entries = jc_store_order_history (store, order->id, &error);
  else
    entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_audit_entry_free);
  if (entries == NULL)
    return cli_fail (cli, error);

  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) array = cJSON_CreateArray ();

      for (guint i = 0; i < entries->len; i++)
        {
          JcAuditEntry *e = g_ptr_array_index (entries, i);
          cJSON *o = cJSON_CreateObject ();

          cJSON_AddItemToArray (array, o);
          cJSON_AddStringToObject (o, "at", e->at);
          cJSON_AddStringToObject (o, "who", e->who);
          cJSON_AddStringToObject (o, "action", e->action);
          cli_json_add_str_or_null (o, "item", e->item_code, TRUE);
          cJSON_AddStringToObject (o, "before", e->before ? e->before : "");
          cJSON_AddStringToObject (o, "after", e->after ? e->after : "");
          cli_json_add_str_or_null (o, "reason", e->reason, TRUE);
          cli_json_add_int (o, "version", e->version);
        }
      if (!cli_json_print (cli, array))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autoptr(CliTable) table = cli_table_new (7);
      g_autofree char *count = NULL;

      cli_table_set_right (table, 6);
      if (entries->len > 0)
        cli_table_add (table, _("when"), _("who"), _("action"), _("item"), _("change"),
                       _("reason"), _("version"));
      for (guint i = 0; i < entries->len; i++)
        {
          JcAuditEntry *e = g_ptr_array_index (entries, i);
          g_autofree char *version = g_strdup_printf ("%d", e->version);
          g_autofree char *change = NULL;
          gboolean has_before = e->before && *e->before;
          gboolean has_after = e->after && *e->after;

          if (has_before && has_after)
            change = g_strdup_printf ("%s → %s", e->before, e->after);
          else if (has_after)
            change = g_strdup_printf ("→ %s", e->after);
          else if (has_before)
            change = g_strdup_printf ("%s →", e->before);
          cli_table_add (table, e->at, e->who, e->action, e->item_code, change, e->reason,
                         version);
        }
      cli_table_print (table, stdout);
      count = g_strdup_printf (ngettext ("%u entry", "%u entries", entries->len), entries->len);
      printf ("%s\n", count);
    }
  return CLI_EXIT_OK;
}

static CliExit
run_cutoff (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cutoff = NULL;
  const char *at = cli_get (cli, "at");
  char date[11];
  gboolean set;

  if (!read_date (cli, date))
    return CLI_EXIT_FAILED;
  if (at != NULL && cli_has (cli, "reset"))
    return cli_usage_error (cli, _("--at and --reset exclude each other"));
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if ((at != NULL && !jc_orders_set_cutoff (store, date, at, &error)) ||
      (cli_has (cli, "reset") && !jc_orders_reset_cutoff (store, date, &error)))
    return cli_fail (cli, error);
  cutoff = jc_orders_cutoff_for (store, date);
  set = jc_orders_cutoff_is_set (store, date);
  if (cli_has (cli, "json"))
    {
      g_autoptr(cJSON) o = cJSON_CreateObject ();

      cJSON_AddStringToObject (o, "date", date);
      cJSON_AddStringToObject (o, "cutoff", cutoff);
      cJSON_AddBoolToObject (o, "set_for_date", set);
      cJSON_AddBoolToObject (o, "past_cutoff", jc_orders_is_past_cutoff (store, date, NULL));
      if (!cli_json_print (cli, o))
        return CLI_EXIT_FAILED;
    }
  else
    {
      g_autofree char *when = describe_cutoff (cutoff);

      printf (set ? _("Orders for delivery on %s close at %s; set for this date\n")
                  : _("Orders for delivery on %s close at %s; the office default\n"),
              date, when);
    }
  return CLI_EXIT_OK;
}

/* ---- decline ------------------------------------------------------- */

static CliExit
run_decline (Cli *cli)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *code = cli_get (cli, "canteen");
  char date[11];

  if (!read_date (cli, date))
    return CLI_EXIT_FAILED;
  store = cli_open_store (cli, FALSE);
  if (store == NULL)
    return CLI_EXIT_FAILED;
  if (!jc_orders_decline (store, date, code, g_get_user_name (), cli_get (cli, "reason"), &error))
    return cli_fail (cli, error);
  printf (_("Declined the late order of %s for %s; the canteen sees the reason, and nothing of "
            "it is delivered or charged.\n"), code, date);
  return CLI_EXIT_OK;
}

const CliCommand cli_orders_commands[] = {
  { "orders", "template", "--canteen CODE --date DATE -o FILE.xlsx|FILE.csv [--force]",
    N_("Write the order form a canteen fills in."),
    N_("The XLSX form lists the active catalog by category with last week's quantities; only "
       "the quantity and note cells can be edited. The CSV form has the header "
       "canteen,date,item,qty,unit,note."),
    NULL, 0, 0, template_options, run_template },
  { "orders", "import", "FILE… [--yes] [--accept-late REASON]",
    N_("Import filled order forms (XLSX or CSV, UTF-8 or GB18030)."),
    N_("Shows what each file would change and asks before storing (--yes: do not ask). A file "
       "with any error stores nothing; each file is one transaction. A file's lines are the "
       "whole order of its canteen for the date; imported orders are submitted."),
    "FILE…", 1, G_MAXUINT, import_options, run_import },
  { "orders", "list", "--date DATE [--json]",
    N_("Show the orders of a delivery date: every canteen's status, lines and cost."),
    N_("The table is the board of every active canteen; --json prints the stored orders."),
    NULL, 0, 0, list_options, run_list },
  { "orders", "show", "--canteen CODE --date DATE [--json]",
    N_("Show one canteen's order."),
    NULL, NULL, 0, 0, show_options, run_show },
  { "orders", "submit", "--canteen CODE --date DATE --item CODE=QTY[UNIT]… [OPTION…]",
    N_("Set lines of a canteen's order and submit it."),
    N_("Lines not named with --item stay as they are (--replace removes them); quantity 0 "
       "removes a line. After the cutoff the change is refused unless --accept-late gives a "
       "reason. If someone else changed the order meanwhile, nothing is saved."),
    NULL, 0, 0, submit_options, run_submit },
  { "orders", "cutoff", "--date DATE [--at YYYY-MM-DDTHH:MM | --reset] [--json]",
    N_("Show or change when the orders of a delivery date close."),
    N_("By default orders close at the office's cutoff time on the day before delivery; --at "
       "sets another time for this date only, --reset goes back to the default."),
    NULL, 0, 0, cutoff_options, run_cutoff },
  { "orders", "decline", "--date DATE --canteen CODE --reason TEXT",
    N_("Decline a late order that is not in the locked plan, with a reason the canteen sees."),
    N_("The order is neither delivered nor charged; “orders list” and “orders show” give the "
       "reason. See also “plan supplement” and “plan reopen”."),
    NULL, 0, 0, decline_options, run_decline },
  { "orders", "history", "--canteen CODE --date DATE [--json]",
    N_("Show the audit trail of an order: when, who, what, before and after, why."),
    NULL, NULL, 0, 0, show_options, run_history },
  { NULL }
};
