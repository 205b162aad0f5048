/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-plan.c: the SQL of locked plans, purchases and the plan audit. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-plan.h"
#include "jc-store-private.h"

gboolean
_jc_store_plan_is_locked (JcStore     *store,
                          const char  *date,
                          gboolean    *locked,
                          GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, "SELECT 1 FROM plans WHERE delivery_date = ?", error);
  gint64 one = 0;
  int found;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "s", date);
  found = _jc_store_step_int64 (store, stmt, &one, _("Could not read the plan"), error);
  if (found < 0)
    return FALSE;
  *locked = found > 0;
  return TRUE;
}

gboolean
_jc_store_plan_write (JcStore        *store,
                      gconstpointer   data,
                      int             stale_days,
                      const char     *who,
                      GError        **error)
{
  const JcPlan *plan = data;
  g_autofree char *at = _jc_store_now_iso ();

  if (!_jc_store_run (store,
        "INSERT INTO plans (delivery_date, locked_at, locked_by, stale_days, total_cost_fen) "
        "VALUES (?, ?, ?, ?, ?)", _("Could not lock the plan"), error,
        "sssdi", plan->date, at, who, stale_days, plan->total_cost_fen))
    return FALSE;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      JcPlanLine *l = plan->lines->pdata[i];

      if (!_jc_store_run (store,
            "INSERT INTO plan_lines (delivery_date, item_id, demand_milli, loss_permille, pack_milli, "
            "gross_milli, packs, purchase_milli, price_milliyuan, price_date, stale, cost_fen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _("Could not lock the plan"), error,
            "siidiiiiNsbi", plan->date, l->item_id, l->demand_milli, l->loss_permille,
            l->pack_milli, l->gross_milli, l->packs, l->purchase_milli, l->has_price,
            l->price_milliyuan, l->price_date, l->stale, l->cost_fen))
        return FALSE;
      for (guint k = 0; k < l->shares->len; k++)
        {
          JcPlanShare *sh = &g_array_index (l->shares, JcPlanShare, k);

          if (!_jc_store_run (store,
                "INSERT INTO plan_shares (delivery_date, item_id, canteen_id, qty_milli, share_fen) "
                "VALUES (?, ?, ?, ?, ?)", _("Could not lock the plan"), error,
                "siiii", plan->date, l->item_id, sh->canteen_id, sh->qty_milli, sh->share_fen))
            return FALSE;
        }
    }
  return TRUE;
}

/* A plan line from the 20 columns starting at `c`: item id, code, name,
 * category code, name and position, base unit, loss, pack, demand, gross,
 * packs, purchase, price, price date, stale, cost, actual quantity, price and
 * cost — the same for the plan's own lines and its supplementary ones. */
static JcPlanLine *
plan_line_from_columns (JcDbStmt *stmt,
                        int           c)
{
  JcPlanLine *l = g_new0 (JcPlanLine, 1);

  l->item_id = jc_db_column_int64 (stmt, c);
  l->item_code = _jc_store_column_dup (stmt, c + 1);
  l->item_name = _jc_store_column_dup (stmt, c + 2);
  l->category = _jc_store_column_dup (stmt, c + 3);
  l->category_name = _jc_store_column_dup (stmt, c + 4);
  l->category_position = (int) jc_db_column_int64 (stmt, c + 5);
  if (!jc_base_unit_from_string (jc_db_column_text (stmt, c + 6), &l->base_unit))
    l->base_unit = JC_BASE_UNIT_KG;
  l->loss_permille = (int) jc_db_column_int64 (stmt, c + 7);
  l->pack_milli = jc_db_column_int64 (stmt, c + 8);
  l->demand_milli = jc_db_column_int64 (stmt, c + 9);
  l->gross_milli = jc_db_column_int64 (stmt, c + 10);
  l->packs = jc_db_column_int64 (stmt, c + 11);
  l->purchase_milli = jc_db_column_int64 (stmt, c + 12);
  l->has_price = !jc_db_column_is_null (stmt, c + 13);
  l->price_milliyuan = jc_db_column_int64 (stmt, c + 13);
  g_strlcpy (l->price_date, jc_db_column_text (stmt, c + 14), sizeof l->price_date);
  l->stale = (int) jc_db_column_int64 (stmt, c + 15) != 0;
  l->cost_fen = jc_db_column_int64 (stmt, c + 16);
  l->has_actual = !jc_db_column_is_null (stmt, c + 17);
  l->actual_qty_milli = jc_db_column_int64 (stmt, c + 17);
  l->actual_price_milliyuan = jc_db_column_int64 (stmt, c + 18);
  l->actual_cost_fen = jc_db_column_int64 (stmt, c + 19);
  l->shares = g_array_new (FALSE, TRUE, sizeof (JcPlanShare));
  return l;
}

/* A locked plan's header row, without its date and lines. */
static gpointer
plan_from_row (JcDbStmt *stmt)
{
  JcPlan *plan = g_new0 (JcPlan, 1);

  plan->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_plan_line_free);
  plan->no_price = g_ptr_array_new_with_free_func (g_free);
  plan->status = JC_PLAN_LOCKED;
  plan->locked_at = _jc_store_column_dup (stmt, 0);
  plan->locked_by = _jc_store_column_dup (stmt, 1);
  plan->total_cost_fen = jc_db_column_int64 (stmt, 2);
  return plan;
}

/* The plan being read, its lines by item id and the canteens sharing it. */
typedef struct {
  JcPlan     *plan;
  GHashTable *by_item;
  GHashTable *canteens;
} PlanRead;

static void
add_plan_line (JcDbStmt *stmt,
               gpointer      data)
{
  PlanRead *read = data;
  JcPlanLine *l = plan_line_from_columns (stmt, 0);

  if (!l->has_price)
    g_ptr_array_add (read->plan->no_price, g_strdup (l->item_code));
  if (l->stale)
    read->plan->n_stale++;
  g_ptr_array_add (read->plan->lines, l);
  g_hash_table_insert (read->by_item, &l->item_id, l);
}

static void
add_plan_share (JcDbStmt *stmt,
                gpointer      data)
{
  PlanRead *read = data;
  gint64 item_id = jc_db_column_int64 (stmt, 0);
  JcPlanLine *l = g_hash_table_lookup (read->by_item, &item_id);
  JcPlanShare sh = { 0 };

  if (l == NULL)
    return;
  sh.canteen_id = jc_db_column_int64 (stmt, 1);
  g_strlcpy (sh.canteen_code, jc_db_column_text (stmt, 2), sizeof sh.canteen_code);
  sh.qty_milli = jc_db_column_int64 (stmt, 3);
  sh.share_fen = jc_db_column_int64 (stmt, 4);
  g_array_append_val (l->shares, sh);
  g_hash_table_add (read->canteens, GSIZE_TO_POINTER ((gsize) sh.canteen_id));
}

static void
add_plan_supplement (JcDbStmt *stmt,
                     gpointer      data)
{
  PlanRead *read = data;
  JcPlan *plan = read->plan;
  JcPlanLine *l = plan_line_from_columns (stmt, 1);
  JcPlanShare sh = { 0 };

  l->supplement_id = jc_db_column_int64 (stmt, 0);
  sh.canteen_id = jc_db_column_int64 (stmt, 21);
  g_strlcpy (sh.canteen_code, jc_db_column_text (stmt, 22), sizeof sh.canteen_code);
  l->supplement_canteen_name = _jc_store_column_dup (stmt, 23);
  sh.qty_milli = l->demand_milli;
  sh.share_fen = l->cost_fen;
  g_array_append_val (l->shares, sh);
  g_hash_table_add (read->canteens, GSIZE_TO_POINTER ((gsize) sh.canteen_id));
  if (!l->has_price && !g_ptr_array_find_with_equal_func (plan->no_price, l->item_code,
                                                           g_str_equal, NULL))
    g_ptr_array_add (plan->no_price, g_strdup (l->item_code));
  if (l->stale)
    plan->n_stale++;
  plan->total_cost_fen += l->cost_fen;
  plan->n_supplements++;
  g_ptr_array_add (plan->lines, l);
}

/* The locked snapshot of a date with its purchases, or NULL (no error)
 * when the date's plan is not locked. */
gpointer
_jc_store_plan_read (JcStore     *store,
                     const char  *date,
                     GError     **error)
{
  g_autoptr(JcPlan) plan = NULL;
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) canteens = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) local = NULL;
  PlanRead read;
  JcDbStmt *stmt;

  stmt = _jc_store_prepare (store,
    "SELECT locked_at, locked_by, total_cost_fen FROM plans WHERE delivery_date = ?", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  plan = _jc_store_step_first (store, stmt, plan_from_row, _("Could not read the plan"), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (plan == NULL)
    return NULL;
  g_strlcpy (plan->date, date, sizeof plan->date);
  read = (PlanRead) { plan, by_item, canteens };

  stmt = _jc_store_prepare (store,
    "SELECT l.item_id, i.code, i.name, c.code, c.name, c.position, i.base_unit, l.loss_permille, "
    "l.pack_milli, l.demand_milli, l.gross_milli, l.packs, l.purchase_milli, l.price_milliyuan, "
    "l.price_date, l.stale, l.cost_fen, p.qty_milli, p.price_milliyuan, p.cost_fen "
    "FROM plan_lines l JOIN items i ON i.id = l.item_id JOIN categories c ON c.id = i.category_id "
    "LEFT JOIN purchases p ON p.delivery_date = l.delivery_date AND p.item_id = l.item_id "
    "WHERE l.delivery_date = ? ORDER BY c.position, i.code", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  if (!_jc_store_step_each (store, stmt, add_plan_line, &read, _("Could not read the plan"), error))
    return NULL;

  stmt = _jc_store_prepare (store,
    "SELECT s.item_id, s.canteen_id, c.code, s.qty_milli, s.share_fen FROM plan_shares s "
    "JOIN canteens c ON c.id = s.canteen_id WHERE s.delivery_date = ? ORDER BY s.item_id, c.code",
    error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  if (!_jc_store_step_each (store, stmt, add_plan_share, &read, _("Could not read the plan"), error))
    return NULL;

  /* the supplementary lines, after the plan as locked, in the order added */
  stmt = _jc_store_prepare (store,
    "SELECT s.id, s.item_id, i.code, i.name, c.code, c.name, c.position, i.base_unit, "
    "s.loss_permille, s.pack_milli, s.demand_milli, s.gross_milli, s.packs, s.purchase_milli, "
    "s.price_milliyuan, s.price_date, s.stale, s.cost_fen, s.actual_qty_milli, "
    "s.actual_price_milliyuan, s.actual_cost_fen, s.canteen_id, t.code, t.name "
    "FROM plan_supplements s JOIN items i ON i.id = s.item_id "
    "JOIN categories c ON c.id = i.category_id JOIN canteens t ON t.id = s.canteen_id "
    "WHERE s.delivery_date = ? ORDER BY s.id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  if (!_jc_store_step_each (store, stmt, add_plan_supplement, &read,
                            _("Could not read the supplementary purchases"), error))
    return NULL;
  plan->n_canteens = g_hash_table_size (canteens);
  return g_steal_pointer (&plan);
}

/* A supplementary line of the locked plan of `date` for one canteen;
 * returns its id, or 0 with `error` set. */
gint64
_jc_store_plan_add_supplement (JcStore        *store,
                               const char     *date,
                               gint64          canteen_id,
                               gconstpointer   data,
                               const char     *who,
                               GError        **error)
{
  const JcPlanLine *l = data;
  g_autofree char *at = _jc_store_now_iso ();
  JcDbStmt *stmt = _jc_store_prepare (store,
    "INSERT INTO plan_supplements (delivery_date, item_id, canteen_id, demand_milli, "
    "loss_permille, pack_milli, gross_milli, packs, purchase_milli, price_milliyuan, price_date, "
    "stale, cost_fen, added_at, added_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  _jc_store_bind (stmt, "siiidiiiiNsbiss", date, l->item_id, canteen_id, l->demand_milli,
                  l->loss_permille, l->pack_milli, l->gross_milli, l->packs, l->purchase_milli,
                  l->has_price, l->price_milliyuan, l->price_date, l->stale, l->cost_fen, at, who);
  if (!_jc_store_step_returning (store, stmt, &id, _("Could not add the supplementary purchase"),
                                 error))
    return 0;
  return id;
}

gboolean
_jc_store_put_supplement_purchase (JcStore     *store,
                                   const char  *date,
                                   gint64       supplement_id,
                                   gint64       qty_milli,
                                   gint64       price_milliyuan,
                                   gint64       cost_fen,
                                   const char  *who,
                                   const char  *note,
                                   GError     **error)
{
  g_autofree char *at = _jc_store_now_iso ();

  if (!_jc_store_run (store,
        "UPDATE plan_supplements SET actual_qty_milli = ?, actual_price_milliyuan = ?, "
        "actual_cost_fen = ?, recorded_at = ?, recorded_by = ?, note = ? "
        "WHERE id = ? AND delivery_date = ?", _("Could not record the purchase"), error,
        "iiisssis", qty_milli, price_milliyuan, cost_fen, at, who, note, supplement_id, date))
    return FALSE;
  if (_jc_store_changes (store) != 1)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                   _("supplementary line %lld is not in the plan for %s"),
                   (long long) supplement_id, date);
      return FALSE;
    }
  return TRUE;
}

gboolean
_jc_store_plan_delete (JcStore     *store,
                       const char  *date,
                       GError     **error)
{
  return _jc_store_run (store, "DELETE FROM plans WHERE delivery_date = ?",
                        _("Could not unlock the plan"), error, "s", date);
}

gboolean
_jc_store_plan_audit (JcStore     *store,
                      const char  *date,
                      const char  *who,
                      const char  *action,
                      const char  *reason,
                      GError     **error)
{
  g_autofree char *at = _jc_store_now_iso ();

  return _jc_store_run (store,
    "INSERT INTO plan_audit (delivery_date, at, who, action, reason) VALUES (?, ?, ?, ?, ?)",
    _("Could not write the plan history"), error, "sssss", date, at, who, action, reason);
}

gboolean
_jc_store_put_purchase (JcStore     *store,
                        const char  *date,
                        gint64       item_id,
                        gint64       qty_milli,
                        gint64       price_milliyuan,
                        gint64       cost_fen,
                        const char  *who,
                        const char  *note,
                        GError     **error)
{
  g_autofree char *at = _jc_store_now_iso ();

  return _jc_store_run (store,
    "INSERT INTO purchases (delivery_date, item_id, qty_milli, price_milliyuan, cost_fen, "
    "recorded_at, recorded_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (delivery_date, item_id) DO UPDATE SET qty_milli = excluded.qty_milli, "
    "price_milliyuan = excluded.price_milliyuan, cost_fen = excluded.cost_fen, "
    "recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by, note = excluded.note",
    _("Could not record the purchase"), error,
    "siiiisss", date, item_id, qty_milli, price_milliyuan, cost_fen, at, who, note);
}

/* Deletes the purchase of an item on a date; *out_removed says whether
 * there was one. */
gboolean
_jc_store_delete_purchase (JcStore     *store,
                           const char  *date,
                           gint64       item_id,
                           gboolean    *out_removed,
                           GError     **error)
{
  if (!_jc_store_run (store, "DELETE FROM purchases WHERE delivery_date = ? AND item_id = ?",
                      _("Could not remove the purchase"), error, "si", date, item_id))
    return FALSE;
  *out_removed = _jc_store_changes (store) > 0;
  return TRUE;
}

gint64
_jc_store_count_purchases (JcStore     *store,
                           const char  *date,
                           GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT (SELECT COUNT(*) FROM purchases WHERE delivery_date = ?1) + "
    "(SELECT COUNT(*) FROM plan_supplements WHERE delivery_date = ?1 "
    "AND actual_qty_milli IS NOT NULL)", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  _jc_store_bind (stmt, "s", date);
  if (_jc_store_step_int64 (store, stmt, &n, _("Could not read the purchases"), error) < 1)
    return -1;
  return n;
}
