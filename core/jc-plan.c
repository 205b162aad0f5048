/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-store-orders.h"
#include "jc-store-plan.h"

void
_jc_plan_line_free (JcPlanLine *l)
{
  if (l == NULL)
    return;
  g_free (l->item_code);
  g_free (l->item_name);
  g_free (l->category);
  g_free (l->category_name);
  g_free (l->supplement_canteen_name);
  if (l->shares != NULL)
    g_array_unref (l->shares);
  g_free (l);
}

void
jc_plan_free (JcPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->lines);
  g_ptr_array_unref (plan->no_price);
  g_free (plan->locked_at);
  g_free (plan->locked_by);
  g_clear_pointer (&plan->canteen_names, g_hash_table_unref);
  g_free (plan);
}

const char *
jc_plan_get_canteen_name (const JcPlan *plan,
                          const char   *code)
{
  const char *name;

  g_return_val_if_fail (plan != NULL && code != NULL, NULL);
  name = plan->canteen_names != NULL ? g_hash_table_lookup (plan->canteen_names, code) : NULL;
  return name != NULL && *name != '\0' ? name : code;
}

/**
 * jc_plan_line_compute:
 * From line->demand_milli, loss_permille, pack_milli and (when has_price)
 * price_milliyuan, computes gross, packs, purchase and cost exactly, and
 * splits the cost over line->shares by their quantities.
 */
gboolean
jc_plan_line_compute (JcPlanLine  *l,
                      GError     **error)
{
  if (!jc_mul_div_round (l->demand_milli, 1000 + l->loss_permille, 1000, &l->gross_milli, error))
    return FALSE;
  if (l->pack_milli > 0)
    {
      l->packs = l->gross_milli / l->pack_milli + (l->gross_milli % l->pack_milli != 0 ? 1 : 0);
      if (__builtin_mul_overflow (l->packs, l->pack_milli, &l->purchase_milli))
        {
          g_set_error_literal (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW, "the value is too large");
          return FALSE;
        }
    }
  else
    {
      l->packs = -1;
      l->purchase_milli = l->gross_milli;
    }
  l->cost_fen = 0;
  if (l->has_price && !jc_line_cost_fen (l->purchase_milli, l->price_milliyuan, &l->cost_fen, error))
    return FALSE;
  if (l->shares != NULL && l->shares->len > 0)
    {
      guint n = l->shares->len;
      g_autofree gint64 *w = g_new (gint64, n);
      g_autofree gint64 *s = g_new (gint64, n);
      g_autofree const char **keys = g_new (const char *, n);

      for (guint i = 0; i < n; i++)
        {
          JcPlanShare *sh = &g_array_index (l->shares, JcPlanShare, i);

          w[i] = sh->qty_milli;
          keys[i] = sh->canteen_code;
        }
      if (!jc_allocate (l->cost_fen, w, keys, n, s, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        g_array_index (l->shares, JcPlanShare, i).share_fen = s[i];
    }
  return TRUE;
}

typedef struct {
  guint       index;
  __int128    remainder;
  const char *key;
} Rem;

static int
cmp_rem (gconstpointer a,
         gconstpointer b)
{
  const Rem *x = a, *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

/**
 * jc_allocate:
 * Splits total_fen (≥ 0) in proportion to weights (≥ 0) by the largest
 * remainder method: each share is the floor of its exact proportional
 * share, and the fen left over go one each to the largest remainders,
 * ties to the smaller tie key.  The shares add up to total_fen exactly.
 * All weights zero: all shares zero (and total_fen must be zero).
 */
gboolean
jc_allocate (gint64        total_fen,
             const gint64 *weights,
             const char  **tie_keys,
             guint         n,
             gint64       *out_shares,
             GError      **error)
{
  g_autofree Rem *rems = NULL;
  __int128 sum_w = 0;
  gint64 given = 0;

  g_return_val_if_fail (total_fen >= 0, FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (weights[i] < 0)
        {
          g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NEGATIVE,
                       "a quantity to share by is negative");
          return FALSE;
        }
      sum_w += weights[i];
    }
  if (sum_w == 0)
    {
      for (guint i = 0; i < n; i++)
        out_shares[i] = 0;
      if (total_fen != 0)
        {
          g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE,
                       "a cost of %" G_GINT64_FORMAT " fen has no quantities to be shared by",
                       total_fen);
          return FALSE;
        }
      return TRUE;
    }
  rems = g_new (Rem, n);
  for (guint i = 0; i < n; i++)
    {
      __int128 p = (__int128) total_fen * weights[i];

      out_shares[i] = (gint64) (p / sum_w);
      given += out_shares[i];
      rems[i].index = i;
      rems[i].remainder = p % sum_w;
      rems[i].key = tie_keys ? tie_keys[i] : NULL;
    }
  qsort (rems, n, sizeof (Rem), cmp_rem);
  for (gint64 left = total_fen - given, k = 0; left > 0; left--, k++)
    out_shares[rems[k].index]++;
  return TRUE;
}

typedef struct {
  JcPlan     *plan;
  GHashTable *by_item;   /* item id → JcPlanLine */
  GHashTable *items;     /* item id → JcItem */
  GHashTable *cats;      /* code → JcCategory */
  gboolean    failed;
} Build;

static void
add_demand (gint64      canteen_id,
            const char *canteen_code,
            gint64      item_id,
            gint64      qty_milli,
            gpointer    data)
{
  Build *b = data;
  JcPlanLine *l = g_hash_table_lookup (b->by_item, &item_id);
  JcPlanShare share = { 0 };

  if (l == NULL)
    {
      JcItem *item = g_hash_table_lookup (b->items, &item_id);
      JcCategory *cat;

      if (item == NULL)
        {
          b->failed = TRUE;
          return;
        }
      cat = g_hash_table_lookup (b->cats, item->category);
      l = g_new0 (JcPlanLine, 1);
      l->item_id = item_id;
      l->item_code = g_strdup (item->code);
      l->item_name = g_strdup (item->name);
      l->category = g_strdup (item->category);
      l->category_name = g_strdup (cat ? cat->name : item->category);
      l->category_position = cat ? cat->position : 999;
      l->base_unit = item->base_unit;
      l->loss_permille = item->loss_permille;
      l->pack_milli = item->pack_milli;
      l->shares = g_array_new (FALSE, TRUE, sizeof (JcPlanShare));
      g_hash_table_insert (b->by_item, &l->item_id, l);
      g_ptr_array_add (b->plan->lines, l);
    }
  l->demand_milli += qty_milli;
  share.canteen_id = canteen_id;
  g_strlcpy (share.canteen_code, canteen_code, sizeof share.canteen_code);
  share.qty_milli = qty_milli;
  g_array_append_val (l->shares, share);
}

static int
cmp_lines (gconstpointer a,
           gconstpointer b)
{
  const JcPlanLine *x = *(JcPlanLine * const *) a, *y = *(JcPlanLine * const *) b;

  if (x->category_position != y->category_position)
    return x->category_position < y->category_position ? -1 : 1;
  return strcmp (x->item_code, y->item_code);
}

static int
cmp_shares (gconstpointer a,
            gconstpointer b)
{
  return strcmp (((const JcPlanShare *) a)->canteen_code, ((const JcPlanShare *) b)->canteen_code);
}

/**
 * jc_plan_build:
 * The purchase plan of `date` from its submitted and locked orders.
 */
JcPlan *
jc_plan_build (JcStore     *store,
               const char  *date,
               int          stale_days,
               GError     **error)
{
  g_autoptr(JcPlan) plan = g_new0 (JcPlan, 1);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GHashTable) prices = NULL;
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) item_map = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) cat_map = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) canteens = g_hash_table_new (g_int64_hash, g_int64_equal);
  Build b;

  plan->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_plan_line_free);
  plan->no_price = g_ptr_array_new_with_free_func (g_free);
  prices = jc_store_reference_prices (store, date, stale_days, error);
  if (prices == NULL)
    return NULL;
  g_strlcpy (plan->date, date, sizeof plan->date);
  items = jc_store_list_items (store, TRUE, error);
  cats = jc_store_list_categories (store, error);
  if (items == NULL || cats == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *it = items->pdata[i];

      g_hash_table_insert (item_map, &it->id, it);
    }
  for (guint i = 0; i < cats->len; i++)
    {
      JcCategory *c = cats->pdata[i];

      g_hash_table_insert (cat_map, c->code, c);
    }
  b.plan = plan;
  b.by_item = by_item;
  b.items = item_map;
  b.cats = cat_map;
  b.failed = FALSE;
  if (!_jc_store_foreach_plan_demand (store, date, add_demand, &b, error))
    return NULL;
  if (b.failed)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_FAILED,
                   _("An order of %s names an item that is not in the catalog"), date);
      return NULL;
    }
  g_ptr_array_sort (plan->lines, cmp_lines);
  for (guint i = 0; i < plan->lines->len; i++)
    {
      JcPlanLine *l = plan->lines->pdata[i];
      JcRefPrice *ref = g_hash_table_lookup (prices, &l->item_id);

      g_array_sort (l->shares, cmp_shares);
      for (guint k = 0; k < l->shares->len; k++)
        g_hash_table_add (canteens, &g_array_index (l->shares, JcPlanShare, k).canteen_id);
      if (ref != NULL && ref->found)
        {
          l->has_price = TRUE;
          l->stale = ref->stale;
          l->price_milliyuan = ref->price_milliyuan;
          g_strlcpy (l->price_date, ref->date, sizeof l->price_date);
          if (l->stale)
            plan->n_stale++;
        }
      else
        g_ptr_array_add (plan->no_price, g_strdup (l->item_code));
      if (!jc_plan_line_compute (l, error) ||
          !jc_checked_add (plan->total_cost_fen, l->cost_fen, &plan->total_cost_fen, error))
        return NULL;
    }
  plan->n_canteens = g_hash_table_size (canteens);
  return g_steal_pointer (&plan);
}

JcPlanLine *
jc_plan_find_line (JcPlan     *plan,
                   const char *item_code)
{
  for (guint i = 0; i < plan->lines->len; i++)
    {
      JcPlanLine *l = plan->lines->pdata[i];

      if (g_strcmp0 (l->item_code, item_code) == 0)
        return l;
    }
  return NULL;
}

/* Where a purchase is recorded, the canteens share its actual cost. */
static gboolean
apply_actuals (JcPlan  *plan,
               GError **error)
{
  plan->actual_total_fen = 0;
  plan->n_actual = 0;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      JcPlanLine *l = plan->lines->pdata[i];
      gint64 cost = l->has_actual ? l->actual_cost_fen : l->cost_fen;

      if (l->has_actual)
        {
          guint n = l->shares->len;
          g_autofree gint64 *w = g_new (gint64, MAX (n, 1));
          g_autofree gint64 *out = g_new (gint64, MAX (n, 1));
          g_autofree const char **keys = g_new (const char *, MAX (n, 1));

          plan->n_actual++;
          for (guint k = 0; k < n; k++)
            {
              w[k] = g_array_index (l->shares, JcPlanShare, k).qty_milli;
              keys[k] = g_array_index (l->shares, JcPlanShare, k).canteen_code;
            }
          if (!jc_allocate (l->actual_cost_fen, w, keys, n, out, error))
            return FALSE;
          for (guint k = 0; k < n; k++)
            g_array_index (l->shares, JcPlanShare, k).share_fen = out[k];
        }
      if (!jc_checked_add (plan->actual_total_fen, cost, &plan->actual_total_fen, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * jc_plan_load:
 * The plan of `date`: the snapshot taken when it was locked (with the
 * purchases recorded since), else the plan computed from the orders now.
 */
JcPlan *
jc_plan_load (JcStore     *store,
              const char  *date,
              int          stale_days,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(JcPlan) plan = _jc_store_plan_read (store, date, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (plan == NULL)
    {
      plan = jc_plan_build (store, date, stale_days, error);
      if (plan == NULL)
        return NULL;
    }
  if (!apply_actuals (plan, error))
    return NULL;
  /* the shares name their canteens by code; a reader knows them by name */
  {
    g_autoptr(GPtrArray) canteens = jc_store_list_canteens (store, TRUE, error);

    if (canteens == NULL)
      return NULL;
    plan->canteen_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    for (guint i = 0; i < canteens->len; i++)
      {
        const JcCanteen *c = g_ptr_array_index (canteens, i);

        g_hash_table_insert (plan->canteen_names, g_strdup (c->code), g_strdup (c->name));
      }
  }
  return g_steal_pointer (&plan);
}

/**
 * jc_plan_lock:
 * Freezes the date's orders and stores the plan as it is now, in one
 * transaction.  Refused when already locked or when no order is submitted.
 */
/* Locks the date's plan inside the caller's transaction; returns the plan
 * as locked in `out_plan` when not NULL. */
gboolean
_jc_plan_lock_in_transaction (JcStore     *store,
                              const char  *date,
                              int          stale_days,
                              const char  *who,
                              JcPlan     **out_plan,
                              GError     **error)
{
  g_autoptr(JcPlan) plan = NULL;
  gboolean locked = FALSE;

  if (!_jc_store_plan_is_locked (store, date, &locked, error))
    return FALSE;
  if (locked)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("The plan for %s is already locked"), date);
      return FALSE;
    }
  plan = jc_plan_build (store, date, stale_days, error);
  if (plan == NULL)
    return FALSE;
  if (plan->lines->len == 0)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("There are no submitted orders for %s: nothing to lock"), date);
      return FALSE;
    }
  if (!jc_store_lock_orders (store, date, TRUE, who, NULL, NULL, error) ||
      !_jc_store_plan_write (store, plan, stale_days, who, error) ||
      !_jc_store_plan_audit (store, date, who, "lock", "", error))
    return FALSE;
  if (out_plan != NULL)
    *out_plan = g_steal_pointer (&plan);
  return TRUE;
}

/**
 * jc_plan_lock:
 * Freezes the date's orders and stores the plan as it is now, in one
 * transaction.  Refused when already locked or when no order is submitted.
 */
gboolean
jc_plan_lock (JcStore     *store,
              const char  *date,
              int          stale_days,
              const char  *who,
              GError     **error)
{
  if (who == NULL)
    who = g_get_user_name ();
  if (!jc_store_begin (store, error))
    return FALSE;
  if (!_jc_plan_lock_in_transaction (store, date, stale_days, who, NULL, error) ||
      !jc_store_commit (store, error))
    {
      jc_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_plan_is_locked (JcStore     *store,
                   const char  *date,
                   gboolean    *out_locked,
                   GError     **error)
{
  g_return_val_if_fail (out_locked != NULL, FALSE);

  return _jc_store_plan_is_locked (store, date, out_locked, error);
}

gboolean
jc_plan_unlock (JcStore     *store,
                const char  *date,
                const char  *who,
                const char  *reason,
                GError     **error)
{
  gboolean locked = FALSE;
  gboolean ok;
  gint64 n;

  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("Unlocking the plan for %s needs a reason"), date);
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  if (!jc_store_begin (store, error))
    return FALSE;
  ok = _jc_store_plan_is_locked (store, date, &locked, error);
  if (ok && !locked)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("The plan for %s is not locked"), date);
      ok = FALSE;
    }
  if (ok)
    {
      n = _jc_store_count_purchases (store, date, error);
      ok = n >= 0;
      if (ok && n > 0)
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                       _("Purchases are recorded for %s; the plan they were bought against "
                         "cannot be unlocked"), date);
          ok = FALSE;
        }
    }
  ok = ok && _jc_store_plan_delete (store, date, error) &&
       jc_store_lock_orders (store, date, FALSE, who, reason, NULL, error) &&
       _jc_store_orders_reopen_late (store, date, who, reason, error) &&
       _jc_store_plan_audit (store, date, who, "unlock", reason, error) &&
       jc_store_commit (store, error);
  if (!ok)
    jc_store_rollback (store);
  return ok;
}

/* A recorded purchase's quantity and price are within what the money type
 * holds. */
static gboolean
check_purchase (gint64   qty_milli,
                gint64   price_milliyuan,
                GError **error)
{
  if (qty_milli < 0 || qty_milli > JC_MAX_MILLI)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("quantity: %lld is out of range"), (long long) qty_milli);
      return FALSE;
    }
  if (price_milliyuan < 0 || price_milliyuan > JC_MAX_MILLI)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("price: %lld is out of range"), (long long) price_milliyuan);
      return FALSE;
    }
  return TRUE;
}

/**
 * jc_plan_record_purchase:
 * Records what was actually bought of an item of the date's locked plan:
 * quantity (milli base units) and unit price (milli-yuan per base unit);
 * the cost is round_half_up (qty × price / 10000) fen.  Recording again
 * replaces the earlier record.
 */
gboolean
jc_plan_record_purchase (JcStore     *store,
                         const char  *date,
                         const char  *item_code,
                         gint64       qty_milli,
                         gint64       price_milliyuan,
                         const char  *who,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GError) local = NULL;
  JcPlanLine *line;
  gint64 cost = 0;

  if (!check_purchase (qty_milli, price_milliyuan, error))
    return FALSE;
  plan = _jc_store_plan_read (store, date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (plan == NULL)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("The plan for %s is not locked; lock it before recording purchases"), date);
      return FALSE;
    }
  line = jc_plan_find_line (plan, item_code);
  if (line == NULL)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("item: “%s” is not in the plan for %s"), item_code ? item_code : "", date);
      return FALSE;
    }
  if (line->demand_milli <= 0)
    {
      /* its cost could be shared by nobody: plan, statements and the
       * month's review would all fail on it */
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                   _("item: nobody ordered %s for %s, so nothing bought of it can be charged to a "
                     "canteen; record purchases only for ordered items"),
                   item_code, date);
      return FALSE;
    }
  if (!jc_line_cost_fen (qty_milli, price_milliyuan, &cost, error))
    return FALSE;
  return _jc_store_put_purchase (store, date, line->item_id, qty_milli, price_milliyuan, cost,
                                 who ? who : g_get_user_name (), note ? note : "", error);
}

/**
 * jc_plan_remove_purchase:
 * Removes the purchase recorded for `item_code` on the date's locked plan,
 * and writes who removed it and why into the plan's history, in one
 * transaction.  The way out of a purchase recorded against the wrong line
 * (one nobody ordered, whose cost no canteen can be charged).  Fails with
 * JC_ORDERS_ERROR_FAILED when the reason is empty or no purchase is
 * recorded there.
 */
gboolean
jc_plan_remove_purchase (JcStore     *store,
                         const char  *date,
                         const char  *item_code,
                         const char  *who,
                         const char  *reason,
                         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *audit = NULL;
  g_autoptr(JcItem) item = NULL;
  gboolean removed = FALSE;
  gboolean ok;

  g_return_val_if_fail (store != NULL && date != NULL && item_code != NULL, FALSE);

  if (*stripped == '\0')
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("Removing a recorded purchase needs a reason"));
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  item = jc_store_get_item (store, item_code, error);
  if (item == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                     _("item: “%s” is not a catalog code"), item_code);
      return FALSE;
    }
  if (!jc_store_begin (store, error))
    return FALSE;
  ok = _jc_store_delete_purchase (store, date, item->id, &removed, error);
  if (ok && !removed)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("No purchase of %s is recorded for %s"), item->code, date);
      ok = FALSE;
    }
  /* the audit names the item: plan_audit has no item column */
  audit = g_strdup_printf ("%s: %s", item->code, stripped);
  ok = ok && _jc_store_plan_audit (store, date, who, "remove-purchase", audit, error) &&
       jc_store_commit (store, error);
  if (!ok)
    jc_store_rollback (store);
  return ok;
}

static gboolean
supplement_in_transaction (JcStore     *store,
                           const char  *date,
                           const char  *canteen_code,
                           const char  *who,
                           const char  *reason,
                           guint       *out_n,
                           gint64      *out_cost_fen,
                           guint       *out_no_price,
                           GError     **error)
{
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) prices = NULL;
  g_autofree char *note = NULL;
  gint64 cost = 0;
  guint n = 0, no_price = 0;

  plan = _jc_store_plan_read (store, date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (plan == NULL)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("The plan for %s is not locked: its late orders are in it when it is "
                     "locked"), date);
      return FALSE;
    }
  order = jc_store_get_order (store, canteen_code, date, error);
  if (order == NULL)
    return FALSE;
  if (order->after_lock != JC_ORDER_AFTER_LOCK_PENDING)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("%s has no late order for %s waiting outside the locked plan"),
                   canteen_code, date);
      return FALSE;
    }
  prices = jc_store_reference_prices (store, date, jc_store_get_stale_days (store), error);
  if (prices == NULL)
    return FALSE;
  for (guint i = 0; i < order->lines->len; i++)
    {
      const JcOrderLine *ol = order->lines->pdata[i];
      const JcPlanLine *main_line = NULL;
      g_autoptr(JcItem) item = NULL;
      g_autoptr(JcPlanLine) l = NULL;
      gint64 in_plan = 0;

      /* what the locked plan and earlier supplements already carry for
       * this canteen: only the rest is bought now */
      for (guint k = 0; k < plan->lines->len; k++)
        {
          const JcPlanLine *pl = plan->lines->pdata[k];

          if (pl->item_id != ol->item_id)
            continue;
          if (pl->supplement_id == 0)
            main_line = pl;
          for (guint j = 0; j < pl->shares->len; j++)
            {
              const JcPlanShare *sh = &g_array_index (pl->shares, JcPlanShare, j);

              if (sh->canteen_id == order->canteen_id)
                in_plan += sh->qty_milli;
            }
        }
      if (ol->qty_milli <= in_plan)
        continue;
      item = jc_store_get_item (store, ol->item_code, error);
      if (item == NULL)
        return FALSE;
      l = g_new0 (JcPlanLine, 1);
      l->item_id = ol->item_id;
      l->item_code = g_strdup (item->code);
      l->loss_permille = item->loss_permille;
      l->pack_milli = item->pack_milli;
      l->demand_milli = ol->qty_milli - in_plan;
      if (main_line != NULL && main_line->has_price)
        {
          l->has_price = TRUE;
          l->stale = main_line->stale;
          l->price_milliyuan = main_line->price_milliyuan;
          g_strlcpy (l->price_date, main_line->price_date, sizeof l->price_date);
        }
      else
        {
          JcRefPrice *ref = g_hash_table_lookup (prices, &l->item_id);

          if (ref != NULL && ref->found)
            {
              l->has_price = TRUE;
              l->stale = ref->stale;
              l->price_milliyuan = ref->price_milliyuan;
              g_strlcpy (l->price_date, ref->date, sizeof l->price_date);
            }
        }
      if (!jc_plan_line_compute (l, error) ||
          _jc_store_plan_add_supplement (store, date, order->canteen_id, l, who, error) == 0)
        return FALSE;
      if (l->has_price)
        cost += l->cost_fen;
      else
        no_price++;
      n++;
    }
  note = g_strdup_printf ("%s: %u", canteen_code, n);
  if (!_jc_store_order_set_supplemented (store, order->id, who, reason, order->version, error) ||
      !_jc_store_plan_audit (store, date, who, "supplement",
                             reason && *reason ? reason : note, error))
    return FALSE;
  if (out_n != NULL)
    *out_n = n;
  if (out_cost_fen != NULL)
    *out_cost_fen = cost;
  if (out_no_price != NULL)
    *out_no_price = no_price;
  return TRUE;
}

/**
 * jc_plan_supplement:
 * Buys the pending late order of `canteen_code` as a supplementary
 * purchase of the locked plan of `date` (see jc-plan.h).
 */
gboolean
jc_plan_supplement (JcStore     *store,
                    const char  *date,
                    const char  *canteen_code,
                    const char  *who,
                    const char  *reason,
                    guint       *out_n,
                    GError     **error)
{
  g_return_val_if_fail (date != NULL && canteen_code != NULL, FALSE);

  if (who == NULL)
    who = g_get_user_name ();
  if (!jc_store_begin (store, error))
    return FALSE;
  if (!supplement_in_transaction (store, date, canteen_code, who, reason, out_n, NULL, NULL,
                                  error) ||
      !jc_store_commit (store, error))
    {
      jc_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/**
 * jc_plan_supplement_preview:
 * What jc_plan_supplement() would buy now, bought by the same code in a
 * transaction that is always rolled back: nothing is stored.
 */
gboolean
jc_plan_supplement_preview (JcStore     *store,
                            const char  *date,
                            const char  *canteen_code,
                            guint       *out_n,
                            gint64      *out_cost_fen,
                            guint       *out_no_price,
                            GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (date != NULL && canteen_code != NULL, FALSE);

  if (!jc_store_begin (store, error))
    return FALSE;
  ok = supplement_in_transaction (store, date, canteen_code, g_get_user_name (), NULL, out_n,
                                  out_cost_fen, out_no_price, error);
  jc_store_rollback (store);
  return ok;
}

gboolean
jc_plan_record_supplement_purchase (JcStore     *store,
                                    const char  *date,
                                    gint64       supplement_id,
                                    gint64       qty_milli,
                                    gint64       price_milliyuan,
                                    const char  *who,
                                    const char  *note,
                                    GError     **error)
{
  gint64 cost = 0;

  if (!check_purchase (qty_milli, price_milliyuan, error))
    return FALSE;
  if (!jc_line_cost_fen (qty_milli, price_milliyuan, &cost, error))
    return FALSE;
  return _jc_store_put_supplement_purchase (store, date, supplement_id, qty_milli,
                                            price_milliyuan, cost, who ? who : g_get_user_name (),
                                            note ? note : "", error);
}
