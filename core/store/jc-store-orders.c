/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-orders.c: the SQL of orders, their lines, audit and cutoffs. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-orders.h"
#include "jc-store-private.h"

static JcOrderStatus
status_from_string (const char *s)
{
  if (g_strcmp0 (s, "draft") == 0)
    return JC_ORDER_DRAFT;
  if (g_strcmp0 (s, "submitted") == 0)
    return JC_ORDER_SUBMITTED;
  if (g_strcmp0 (s, "locked") == 0)
    return JC_ORDER_LOCKED;
  return JC_ORDER_NOT_STARTED;
}

static JcOrderAfterLock
after_lock_from_string (const char *s)
{
  if (g_strcmp0 (s, "pending") == 0)
    return JC_ORDER_AFTER_LOCK_PENDING;
  if (g_strcmp0 (s, "supplemented") == 0)
    return JC_ORDER_AFTER_LOCK_SUPPLEMENTED;
  if (g_strcmp0 (s, "declined") == 0)
    return JC_ORDER_AFTER_LOCK_DECLINED;
  return JC_ORDER_AFTER_LOCK_NONE;
}

static char *
now_iso (GDateTime *now)
{
  g_autoptr(GDateTime) utc = now ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
canteen_id_for (JcStore     *store,
                const char  *code,
                GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, "SELECT id FROM canteens WHERE code = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  _jc_store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"),
                 code ? code : "");
  return id;
}

static gboolean
load_lines (JcStore    *store,
            JcOrder    *order,
            GError    **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT l.item_id, i.code, i.name, l.qty_milli, l.unit, l.unit_qty_milli, l.note "
    "FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = ? ORDER BY i.code",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcOrderLine *l = jc_order_line_new ();

      g_free (l->unit);
      g_free (l->note);
      l->item_id = sqlite3_column_int64 (stmt, 0);
      l->item_code = _jc_store_column_dup (stmt, 1);
      l->item_name = _jc_store_column_dup (stmt, 2);
      l->qty_milli = sqlite3_column_int64 (stmt, 3);
      l->unit = _jc_store_column_dup (stmt, 4);
      l->unit_qty_milli = sqlite3_column_int64 (stmt, 5);
      l->note = _jc_store_column_dup (stmt, 6);
      g_ptr_array_add (order->lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the order lines"), error);
  return TRUE;
}

/* The stored order, or NULL (no error) when there is none. */
static JcOrder *
load_order (JcStore     *store,
            gint64       canteen_id,
            const char  *canteen_code,
            const char  *date,
            GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT id, status, version, late, updated_at, submitted_at, after_lock, decline_reason "
    "FROM orders "
    "WHERE canteen_id = ? AND delivery_date = ?", error);
  g_autoptr(JcOrder) order = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, canteen_id);
  _jc_store_bind_text (stmt, 2, date);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      order = jc_order_new ();
      order->id = sqlite3_column_int64 (stmt, 0);
      order->status = status_from_string ((const char *) sqlite3_column_text (stmt, 1));
      order->version = sqlite3_column_int (stmt, 2);
      order->late = sqlite3_column_int (stmt, 3) != 0;
      order->updated_at = _jc_store_column_dup (stmt, 4);
      order->submitted_at = _jc_store_column_dup (stmt, 5);
      order->after_lock = after_lock_from_string ((const char *) sqlite3_column_text (stmt, 6));
      order->decline_reason = _jc_store_column_dup (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the order"), error);
      return NULL;
    }
  if (order == NULL)
    return NULL;
  order->canteen_id = canteen_id;
  order->canteen_code = g_strdup (canteen_code);
  g_strlcpy (order->date, date, sizeof order->date);
  if (!load_lines (store, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

static gboolean
check_date (const char  *date,
            GError     **error)
{
  GDate d;

  g_date_clear (&d, 1);
  if (date != NULL && strlen (date) == 10)
    g_date_set_parse (&d, date);
  if (date == NULL || strlen (date) != 10 || !g_date_valid (&d) || date[4] != '-')
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * jc_store_get_order:
 * The order of a canteen for a delivery date; when none is stored yet, a
 * new empty order (id 0, version 0, JC_ORDER_NOT_STARTED) to fill in.
 */
JcOrder *
jc_store_get_order (JcStore     *store,
                    const char  *canteen_code,
                    const char  *date,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;
  JcOrder *order;
  gint64 canteen_id;

  if (!check_date (date, error))
    return NULL;
  canteen_id = canteen_id_for (store, canteen_code, error);
  if (canteen_id == 0)
    return NULL;
  order = load_order (store, canteen_id, canteen_code, date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (order == NULL)
    {
      order = jc_order_new ();
      order->canteen_id = canteen_id;
      order->canteen_code = g_strdup (canteen_code);
      g_strlcpy (order->date, date, sizeof order->date);
    }
  return order;
}

static char *
line_text (const JcOrderLine *l)
{
  g_autofree char *q = jc_format_qty (l->unit_qty_milli);
  g_autofree char *base = jc_format_qty (l->qty_milli);

  if (l->note != NULL && *l->note != '\0')
    return g_strdup_printf ("%s %s (%s) — %s", q, l->unit && *l->unit ? l->unit : "", base, l->note);
  return g_strdup_printf ("%s %s (%s)", q, l->unit && *l->unit ? l->unit : "", base);
}

static gboolean
audit (JcStore     *store,
       gint64       order_id,
       const char  *at,
       const char  *who,
       const char  *action,
       gint64       item_id,
       const char  *before,
       const char  *after,
       const char  *reason,
       int          version,
       GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO order_audit (order_id, at, who, action, item_id, before, after, reason, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  _jc_store_bind_text (stmt, 2, at);
  _jc_store_bind_text (stmt, 3, who);
  _jc_store_bind_text (stmt, 4, action);
  if (item_id > 0)
    sqlite3_bind_int64 (stmt, 5, item_id);
  else
    sqlite3_bind_null (stmt, 5);
  _jc_store_bind_text (stmt, 6, before);
  _jc_store_bind_text (stmt, 7, after);
  _jc_store_bind_text (stmt, 8, reason);
  sqlite3_bind_int (stmt, 9, version);
  return _jc_store_step_done (store, stmt, _("Could not write the order history"), error);
}

static gboolean
validate_lines (const JcOrder  *order,
                GError        **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];

      if (l->item_id <= 0)
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u: no catalog item"), i + 1);
          return FALSE;
        }
      if (l->qty_milli < 0 || l->qty_milli > JC_MAX_MILLI)
        {
          g_autofree char *q = jc_format_qty (l->qty_milli);

          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u (%s): quantity %s is out of range"), i + 1,
                       l->item_code ? l->item_code : "", q);
          return FALSE;
        }
      if (g_hash_table_contains (seen, &l->item_id))
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE,
                       _("line %u (%s): the item is already on the order"), i + 1,
                       l->item_code ? l->item_code : "");
          return FALSE;
        }
      g_hash_table_add (seen, &l->item_id);
    }
  return TRUE;
}

static gboolean
write_line (JcStore            *store,
            const char         *sql,
            gint64              order_id,
            const JcOrderLine  *l,
            GError            **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->qty_milli);
  _jc_store_bind_text (stmt, 2, l->unit);
  sqlite3_bind_int64 (stmt, 3, l->unit_qty_milli);
  _jc_store_bind_text (stmt, 4, l->note);
  sqlite3_bind_int64 (stmt, 5, order_id);
  sqlite3_bind_int64 (stmt, 6, l->item_id);
  return _jc_store_step_done (store, stmt, _("Could not save an order line"), error);
}

static gboolean
same_line (const JcOrderLine *a,
           const JcOrderLine *b)
{
  return a->qty_milli == b->qty_milli && a->unit_qty_milli == b->unit_qty_milli &&
         g_strcmp0 (a->unit ? a->unit : "", b->unit ? b->unit : "") == 0 &&
         g_strcmp0 (a->note ? a->note : "", b->note ? b->note : "") == 0;
}

/* Would saving `order` over `old` change nothing at all? */
static gboolean
order_unchanged (const JcOrder    *old,
                 const JcOrder    *order,
                 JcOrderSaveFlags  flags)
{
  g_autoptr(GHashTable) by_item = g_hash_table_new (g_int64_hash, g_int64_equal);

  if ((flags & JC_ORDER_SAVE_SUBMIT) && old->status == JC_ORDER_DRAFT)
    return FALSE;
  if (old->lines->len != order->lines->len)
    return FALSE;
  for (guint i = 0; i < old->lines->len; i++)
    {
      JcOrderLine *l = old->lines->pdata[i];

      g_hash_table_insert (by_item, &l->item_id, l);
    }
  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];
      JcOrderLine *was = g_hash_table_lookup (by_item, &l->item_id);

      if (was == NULL || !same_line (was, l))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_order_locked (JcStore          *store,
                   JcOrder          *order,
                   JcOrderSaveFlags  flags,
                   const char       *who,
                   const char       *reason,
                   GDateTime        *now,
                   GError          **error)
{
  g_autoptr(JcOrder) old = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GHashTable) old_lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *at = now_iso (now);
  gboolean has_reason = reason != NULL && *reason != '\0';
  gboolean late = FALSE;
  gboolean plan_locked = FALSE;
  gboolean after_lock = FALSE;
  JcOrderAfterLock after_state;
  JcOrderStatus status;
  sqlite3_stmt *stmt;
  const char *change_action;
  int version;

  old = load_order (store, order->canteen_id, order->canteen_code, order->date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if ((old == NULL && order->id != 0) || (old != NULL && old->id != order->id) ||
      (old != NULL && old->version != order->version))
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT,
                   _("The order of %s for %s was changed by someone else since it was opened "
                     "(version %d, now %d); reload it and make the change again"),
                   order->canteen_code, order->date, order->version, old ? old->version : 0);
      return FALSE;
    }
  if (old != NULL && order_unchanged (old, order, flags))
    return TRUE;   /* nothing to save: no new version, no audit line */
  if (old != NULL && old->status == JC_ORDER_LOCKED && !has_reason)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("The order of %s for %s is locked; a change is an amendment and needs a reason"),
                   order->canteen_code, order->date);
      return FALSE;
    }
  if (!_jc_store_plan_is_locked (store, order->date, &plan_locked, error))
    return FALSE;
  /* Once the plan is locked, submitting an order or changing one that was
   * submitted no longer reaches the plan: it is accepted only with a
   * reason, and it stays out of the locked plan until procurement settles
   * it (reopen, supplementary purchase, decline).  A draft stays a draft. */
  after_lock = plan_locked &&
               ((flags & JC_ORDER_SAVE_SUBMIT) ||
                (old != NULL && (old->status == JC_ORDER_SUBMITTED || old->status == JC_ORDER_LOCKED)));
  if (after_lock && !has_reason)
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("The plan for %s is locked: the order of %s would not be in it, so it is "
                     "accepted only as a late order with a reason"),
                   order->date, order->canteen_code);
      return FALSE;
    }
  if (jc_orders_is_past_cutoff (store, order->date, now))
    {
      g_autofree char *cutoff = jc_orders_cutoff_for (store, order->date);

      if (!(flags & JC_ORDER_SAVE_ACCEPT_LATE))
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF,
                       _("The cutoff for %s was %s; procurement staff can accept the change as a "
                         "late amendment"), order->date, cutoff);
          return FALSE;
        }
      if (!has_reason)
        {
          g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF,
                       _("A late amendment for %s needs a reason"), order->date);
          return FALSE;
        }
      late = TRUE;
    }
  if (!validate_lines (order, error))
    return FALSE;

  status = old ? old->status : JC_ORDER_DRAFT;
  if ((flags & JC_ORDER_SAVE_SUBMIT) && status != JC_ORDER_LOCKED)
    status = JC_ORDER_SUBMITTED;
  version = old ? old->version + 1 : 1;
  change_action = old && old->status == JC_ORDER_LOCKED ? "amend" : NULL;
  after_state = old ? old->after_lock : JC_ORDER_AFTER_LOCK_NONE;
  if (after_lock)
    {
      after_state = JC_ORDER_AFTER_LOCK_PENDING;
      late = TRUE;
    }
  else if (!plan_locked && (flags & JC_ORDER_SAVE_SUBMIT))
    after_state = JC_ORDER_AFTER_LOCK_NONE;   /* a declined order submitted again after a reopen */

  if (old == NULL)
    {
      stmt = _jc_store_prepare (store,
        "INSERT INTO orders (canteen_id, delivery_date, status, version, created_at, updated_at, "
        "submitted_at, late, after_lock) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order->canteen_id);
      _jc_store_bind_text (stmt, 2, order->date);
      _jc_store_bind_text (stmt, 3, jc_order_status_to_string (status));
      _jc_store_bind_text (stmt, 4, at);
      _jc_store_bind_text (stmt, 5, at);
      _jc_store_bind_text (stmt, 6, status == JC_ORDER_SUBMITTED ? at : "");
      sqlite3_bind_int (stmt, 7, late ? 1 : 0);
      _jc_store_bind_text (stmt, 8, jc_order_after_lock_to_string (after_state));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        order->id = sqlite3_column_int64 (stmt, 0);
      if (!_jc_store_step_done (store, stmt, _("Could not save the order"), error))
        return FALSE;
      if (!audit (store, order->id, at, who, "create", 0, "", "", reason, version, error))
        return FALSE;
    }
  else
    {
      stmt = _jc_store_prepare (store,
        "UPDATE orders SET status = ?, version = version + 1, updated_at = ?, "
        "submitted_at = CASE WHEN ? = 1 THEN ? ELSE submitted_at END, "
        "late = CASE WHEN ? = 1 THEN 1 ELSE late END, after_lock = ?, "
        "decline_reason = CASE WHEN ? = 'declined' THEN decline_reason ELSE '' END "
        "WHERE id = ? AND version = ?", error);
      if (stmt == NULL)
        return FALSE;
      _jc_store_bind_text (stmt, 1, jc_order_status_to_string (status));
      _jc_store_bind_text (stmt, 2, at);
      sqlite3_bind_int (stmt, 3, status == JC_ORDER_SUBMITTED && old->status != JC_ORDER_SUBMITTED);
      _jc_store_bind_text (stmt, 4, at);
      sqlite3_bind_int (stmt, 5, late ? 1 : 0);
      _jc_store_bind_text (stmt, 6, jc_order_after_lock_to_string (after_state));
      _jc_store_bind_text (stmt, 7, jc_order_after_lock_to_string (after_state));
      sqlite3_bind_int64 (stmt, 8, order->id);
      sqlite3_bind_int (stmt, 9, order->version);
      if (!_jc_store_step_done (store, stmt, _("Could not save the order"), error))
        return FALSE;
      if (sqlite3_changes (_jc_store_get_db (store)) != 1)
        {
          g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT,
                       _("The order of %s for %s was changed by someone else since it was opened; "
                         "reload it and make the change again"), order->canteen_code, order->date);
          return FALSE;
        }
      for (guint i = 0; i < old->lines->len; i++)
        {
          JcOrderLine *l = old->lines->pdata[i];

          g_hash_table_insert (old_lines, &l->item_id, l);
        }
    }

  for (guint i = 0; i < order->lines->len; i++)
    {
      JcOrderLine *l = order->lines->pdata[i];
      JcOrderLine *was = g_hash_table_lookup (old_lines, &l->item_id);
      g_autofree char *after = line_text (l);

      if (was == NULL)
        {
          if (!write_line (store,
                "INSERT INTO order_lines (qty_milli, unit, unit_qty_milli, note, order_id, item_id) "
                "VALUES (?, ?, ?, ?, ?, ?)", order->id, l, error) ||
              !audit (store, order->id, at, who, change_action ? change_action : "add", l->item_id,
                      "", after, reason, version, error))
            return FALSE;
        }
      else
        {
          g_hash_table_remove (old_lines, &l->item_id);
          if (!same_line (was, l))
            {
              g_autofree char *before = line_text (was);

              if (!write_line (store,
                    "UPDATE order_lines SET qty_milli = ?, unit = ?, unit_qty_milli = ?, note = ? "
                    "WHERE order_id = ? AND item_id = ?", order->id, l, error) ||
                  !audit (store, order->id, at, who, change_action ? change_action : "change",
                          l->item_id, before, after, reason, version, error))
                return FALSE;
            }
        }
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, old_lines);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        JcOrderLine *was = value;
        g_autofree char *before = line_text (was);

        stmt = _jc_store_prepare (store,
          "DELETE FROM order_lines WHERE order_id = ? AND item_id = ?", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, order->id);
        sqlite3_bind_int64 (stmt, 2, was->item_id);
        if (!_jc_store_step_done (store, stmt, _("Could not remove an order line"), error) ||
            !audit (store, order->id, at, who, change_action ? change_action : "remove",
                    was->item_id, before, "", reason, version, error))
          return FALSE;
      }
  }
  if (status == JC_ORDER_SUBMITTED && (old == NULL || old->status != JC_ORDER_SUBMITTED) &&
      !audit (store, order->id, at, who, "submit", 0, old ? jc_order_status_to_string (old->status) : "",
              "submitted", reason, version, error))
    return FALSE;
  if (late && !audit (store, order->id, at, who, "late", 0, "", "", reason, version, error))
    return FALSE;
  if (after_lock &&
      !audit (store, order->id, at, who, "after-lock", 0, "", "pending", reason, version, error))
    return FALSE;

  order->version = version;
  order->status = status;
  order->late = order->late || late;
  order->after_lock = after_state;
  if (after_state != JC_ORDER_AFTER_LOCK_DECLINED)
    g_clear_pointer (&order->decline_reason, g_free);
  g_free (order->updated_at);
  order->updated_at = g_strdup (at);
  return TRUE;
}

/**
 * jc_store_save_order:
 * Saves `order` (its lines are the new state) if it is still at
 * order->version; on success order->id, version and status are updated.
 * One transaction: refused or failed, nothing changes.
 */
gboolean
jc_store_save_order (JcStore           *store,
                     JcOrder           *order,
                     JcOrderSaveFlags   flags,
                     const char        *who,
                     const char        *reason,
                     GDateTime         *now,
                     GError           **error)
{
  gint64 id = order->id;
  int version = order->version;
  gboolean ok;

  g_return_val_if_fail (order != NULL && order->canteen_id > 0, FALSE);

  if (!check_date (order->date, error))
    return FALSE;
  if (who == NULL)
    who = g_get_user_name ();
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = save_order_locked (store, order, flags, who, reason, now, error);
  if (!ok)
    {
      order->id = id;
      order->version = version;
    }
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

gboolean
jc_store_lock_orders (JcStore     *store,
                      const char  *date,
                      gboolean     lock,
                      const char  *who,
                      const char  *reason,
                      guint       *out_n,
                      GError     **error)
{
  g_autofree char *at = now_iso (NULL);
  sqlite3_stmt *stmt;
  gboolean ok;
  guint n;

  if (!check_date (date, error))
    return FALSE;
  if (!lock && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED,
                   _("Unlocking the orders of %s needs a reason"), date);
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO order_audit (order_id, at, who, action, before, after, reason, version) "
    "SELECT id, ?, ?, ?, status, ?, ?, version + 1 FROM orders "
    "WHERE delivery_date = ? AND status = ? AND (? = 0 OR after_lock <> 'declined')", error);
  ok = stmt != NULL;
  if (ok)
    {
      _jc_store_bind_text (stmt, 1, at);
      _jc_store_bind_text (stmt, 2, who);
      _jc_store_bind_text (stmt, 3, lock ? "lock" : "unlock");
      _jc_store_bind_text (stmt, 4, lock ? "locked" : "submitted");
      _jc_store_bind_text (stmt, 5, reason);
      _jc_store_bind_text (stmt, 6, date);
      _jc_store_bind_text (stmt, 7, lock ? "submitted" : "locked");
      sqlite3_bind_int (stmt, 8, lock ? 1 : 0);
      ok = _jc_store_step_done (store, stmt, _("Could not write the order history"), error);
    }
  stmt = ok ? _jc_store_prepare (store,
    "UPDATE orders SET status = ?, version = version + 1, updated_at = ? "
    "WHERE delivery_date = ? AND status = ? AND (? = 0 OR after_lock <> 'declined')", error) : NULL;
  ok = ok && stmt != NULL;
  if (ok)
    {
      _jc_store_bind_text (stmt, 1, lock ? "locked" : "submitted");
      _jc_store_bind_text (stmt, 2, at);
      _jc_store_bind_text (stmt, 3, date);
      _jc_store_bind_text (stmt, 4, lock ? "submitted" : "locked");
      sqlite3_bind_int (stmt, 5, lock ? 1 : 0);
      ok = _jc_store_step_done (store, stmt, _("Could not lock the orders"), error);
    }
  n = ok ? (guint) sqlite3_changes (_jc_store_get_db (store)) : 0;
  if (!_jc_store_savepoint_end (store, ok, error) || !ok)
    return FALSE;
  if (out_n != NULL)
    *out_n = n;
  return TRUE;
}

/* Inside the caller's transaction: the late orders of a reopened plan are
 * ordinary orders again (they will be in the plan when it is locked
 * again); declined ones stay declined.  Each is audited. */
gboolean
_jc_store_orders_reopen_late (JcStore     *store,
                              const char  *date,
                              const char  *who,
                              const char  *reason,
                              GError     **error)
{
  g_autofree char *at = now_iso (NULL);
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO order_audit (order_id, at, who, action, before, after, reason, version) "
    "SELECT id, ?, ?, 'reopen', after_lock, '', ?, version FROM orders "
    "WHERE delivery_date = ? AND after_lock IN ('pending', 'supplemented')", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, at);
  _jc_store_bind_text (stmt, 2, who);
  _jc_store_bind_text (stmt, 3, reason);
  _jc_store_bind_text (stmt, 4, date);
  if (!_jc_store_step_done (store, stmt, _("Could not write the order history"), error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "UPDATE orders SET after_lock = '' "
    "WHERE delivery_date = ? AND after_lock IN ('pending', 'supplemented')", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  return _jc_store_step_done (store, stmt, _("Could not reopen the late orders"), error);
}

/* Inside the caller's transaction: a pending late order settled by a
 * supplementary purchase is in the locked plan now (and frozen with it). */
gboolean
_jc_store_order_set_supplemented (JcStore     *store,
                                  gint64       order_id,
                                  const char  *who,
                                  const char  *reason,
                                  int          version,
                                  GError     **error)
{
  g_autofree char *at = now_iso (NULL);
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "UPDATE orders SET after_lock = 'supplemented', status = 'locked', version = version + 1, "
    "updated_at = ? WHERE id = ? AND version = ? AND after_lock = 'pending'", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, order_id);
  sqlite3_bind_int (stmt, 3, version);
  if (!_jc_store_step_done (store, stmt, _("Could not update the order"), error))
    return FALSE;
  if (sqlite3_changes (_jc_store_get_db (store)) != 1)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT,
                   _("The order was changed by someone else meanwhile; look at it again"));
      return FALSE;
    }
  return audit (store, order_id, at, who, "supplement", 0, "pending", "supplemented", reason,
                version + 1, error);
}

/**
 * jc_orders_decline:
 * Declines the pending late order of `canteen_code` for `date` with a
 * reason the canteen sees.  Refused without a reason or when the order is
 * not a late order waiting outside the locked plan.
 */
gboolean
jc_orders_decline (JcStore     *store,
                   const char  *date,
                   const char  *canteen_code,
                   const char  *who,
                   const char  *reason,
                   GError     **error)
{
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *at = now_iso (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (reason ? reason : ""));
  sqlite3_stmt *stmt;
  gint64 canteen_id;
  gboolean ok;

  if (!check_date (date, error))
    return FALSE;
  if (*trimmed == '\0')
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("Declining the late order of %s for %s needs a reason the canteen will see"),
                   canteen_code ? canteen_code : "", date);
      return FALSE;
    }
  if (who == NULL)
    who = g_get_user_name ();
  canteen_id = canteen_id_for (store, canteen_code, error);
  if (canteen_id == 0)
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  order = load_order (store, canteen_id, canteen_code, date, &local);
  ok = local == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local));
  if (ok && (order == NULL || order->after_lock != JC_ORDER_AFTER_LOCK_PENDING))
    {
      g_set_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_FAILED,
                   _("%s has no late order for %s waiting outside the locked plan"),
                   canteen_code, date);
      ok = FALSE;
    }
  stmt = ok ? _jc_store_prepare (store,
    "UPDATE orders SET after_lock = 'declined', decline_reason = ?, version = version + 1, "
    "updated_at = ? WHERE id = ? AND version = ?", error) : NULL;
  ok = ok && stmt != NULL;
  if (ok)
    {
      _jc_store_bind_text (stmt, 1, trimmed);
      _jc_store_bind_text (stmt, 2, at);
      sqlite3_bind_int64 (stmt, 3, order->id);
      sqlite3_bind_int (stmt, 4, order->version);
      ok = _jc_store_step_done (store, stmt, _("Could not decline the order"), error) &&
           audit (store, order->id, at, who, "decline", 0, "pending", "declined", trimmed,
                  order->version + 1, error);
    }
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

/* All stored orders of a date with their lines, by canteen code. */
GPtrArray *
jc_store_list_orders (JcStore     *store,
                      const char  *date,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_free);
  int rc;

  if (!check_date (date, error))
    return NULL;
  stmt = _jc_store_prepare (store,
    "SELECT c.code, c.id FROM orders o JOIN canteens c ON c.id = o.canteen_id "
    "WHERE o.delivery_date = ? ORDER BY c.code", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 2);

      id[1] = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (ids, id);
      g_ptr_array_add (ids, _jc_store_column_dup (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the orders"), error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i += 2)
    {
      gint64 *id = ids->pdata[i];
      JcOrder *order = load_order (store, id[1], ids->pdata[i + 1], date, error);

      if (order == NULL)
        return NULL;
      g_ptr_array_add (out, order);
    }
  return g_steal_pointer (&out);
}

GPtrArray *
jc_store_order_history (JcStore     *store,
                        gint64       order_id,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT a.id, a.at, a.who, a.action, i.code, a.before, a.after, a.reason, a.version "
    "FROM order_audit a LEFT JOIN items i ON i.id = a.item_id WHERE a.order_id = ? "
    "ORDER BY a.id", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_audit_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcAuditEntry *e = g_new0 (JcAuditEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = _jc_store_column_dup (stmt, 1);
      e->who = _jc_store_column_dup (stmt, 2);
      e->action = _jc_store_column_dup (stmt, 3);
      e->item_code = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL : _jc_store_column_dup (stmt, 4);
      e->before = _jc_store_column_dup (stmt, 5);
      e->after = _jc_store_column_dup (stmt, 6);
      e->reason = _jc_store_column_dup (stmt, 7);
      e->version = sqlite3_column_int (stmt, 8);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the order history"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

char *
_jc_store_get_cutoff (JcStore    *store,
                      const char *date)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT cutoff_at FROM order_cutoffs WHERE delivery_date = ?", NULL);
  char *v = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = _jc_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return v;
}

gboolean
_jc_store_set_cutoff (JcStore     *store,
                      const char  *date,
                      const char  *cutoff,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  /* NULL: the date follows the office default again */
  if (cutoff == NULL)
    stmt = _jc_store_prepare (store, "DELETE FROM order_cutoffs WHERE delivery_date = ?", error);
  else
    stmt = _jc_store_prepare (store,
      "INSERT INTO order_cutoffs (delivery_date, cutoff_at) VALUES (?, ?) "
      "ON CONFLICT (delivery_date) DO UPDATE SET cutoff_at = excluded.cutoff_at", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  if (cutoff != NULL)
    _jc_store_bind_text (stmt, 2, cutoff);
  return _jc_store_step_done (store, stmt, _("Could not save the cutoff"), error);
}

/* Board rows without costs: every active canteen, with or without order. */
GPtrArray *
_jc_store_board_rows (JcStore     *store,
                      const char  *date,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT c.code, c.name, o.status, o.version, o.late, "
    "  (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id), o.after_lock "
    "FROM canteens c LEFT JOIN orders o ON o.canteen_id = c.id AND o.delivery_date = ? "
    "WHERE c.active = 1 ORDER BY c.code", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_board_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcBoardRow *r = g_new0 (JcBoardRow, 1);

      r->canteen_code = _jc_store_column_dup (stmt, 0);
      r->canteen_name = _jc_store_column_dup (stmt, 1);
      r->status = status_from_string ((const char *) sqlite3_column_text (stmt, 2));
      r->version = sqlite3_column_int (stmt, 3);
      r->late = sqlite3_column_int (stmt, 4) != 0;
      r->n_lines = (guint) sqlite3_column_int (stmt, 5);
      r->after_lock = after_lock_from_string ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the orders"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Calls `func` for every line of the date's orders: canteen code, item id,
 * quantity. */
gboolean
_jc_store_foreach_order_line (JcStore     *store,
                              const char  *date,
                              void       (*func) (const char *canteen, gint64 item_id,
                                                  gint64 qty_milli, gpointer data),
                              gpointer     data,
                              GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT c.code, l.item_id, l.qty_milli FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id JOIN canteens c ON c.id = o.canteen_id "
    "WHERE o.delivery_date = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
          sqlite3_column_int64 (stmt, 2), data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the order lines"), error);
  return TRUE;
}

/* The canteen's ordered quantities of an item on delivery dates in
 * [from, to). */
GArray *
_jc_store_item_order_history (JcStore     *store,
                              gint64       canteen_id,
                              gint64       item_id,
                              const char  *from,
                              const char  *to,
                              GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT l.qty_milli FROM order_lines l JOIN orders o ON o.id = l.order_id "
    "WHERE o.canteen_id = ? AND l.item_id = ? AND o.delivery_date >= ? AND o.delivery_date < ? "
    "AND o.status <> 'draft'", error);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, canteen_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  _jc_store_bind_text (stmt, 3, from);
  _jc_store_bind_text (stmt, 4, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 q = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (out, q);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the order history"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* The ordered quantities of submitted and locked orders of a date, the
 * plan's demand. */
gboolean
_jc_store_foreach_plan_demand (JcStore     *store,
                               const char  *date,
                               void       (*func) (gint64 canteen_id, const char *canteen_code,
                                                   gint64 item_id, gint64 qty_milli, gpointer data),
                               gpointer     data,
                               GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT o.canteen_id, c.code, l.item_id, l.qty_milli FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id JOIN canteens c ON c.id = o.canteen_id "
    /* a line of 0 (kept by a database from before every entry refused
     * one) orders nothing: no plan line whose cost nobody could share */
    "WHERE o.delivery_date = ? AND o.status IN ('submitted', 'locked') AND l.qty_milli > 0 "
    "AND o.after_lock <> 'declined'",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3), data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the orders"), error);
  return TRUE;
}

/* ---- bulk writers -------------------------------------------------- */
gint64
jc_store_count_orders (JcStore  *store,
                       GError  **error)
{
  return _jc_store_count (store, "SELECT COUNT(*) FROM orders", error);
}

gboolean
jc_store_put_order (JcStore                 *store,
                    gint64                   canteen_id,
                    const char              *delivery_date,
                    const char              *status,
                    const JcStoreOrderLine  *lines,
                    guint                    n_lines,
                    GError                 **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  gint64 order_id = 0;
  gboolean ok;

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO orders (canteen_id, delivery_date, status, version, created_at, updated_at, "
    "submitted_at) VALUES (?, ?, ?, 1, ?4, ?4, CASE WHEN ?3 = 'draft' THEN '' ELSE ?4 END) "
    "RETURNING id", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, canteen_id);
      _jc_store_bind_text (stmt, 2, delivery_date);
      _jc_store_bind_text (stmt, 3, status);
      _jc_store_bind_text (stmt, 4, stamp);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        order_id = sqlite3_column_int64 (stmt, 0);
      ok = _jc_store_step_done (store, stmt, _("Could not save the order"), error) && order_id > 0;
    }
  if (ok)
    stmt = _jc_store_prepare (store,
      "INSERT INTO order_lines (order_id, item_id, qty_milli, unit, unit_qty_milli) "
      "VALUES (?, ?, ?, ?, ?)", error);
  ok = ok && stmt != NULL;
  for (guint i = 0; ok && i < n_lines; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, order_id);
      sqlite3_bind_int64 (stmt, 2, lines[i].item_id);
      sqlite3_bind_int64 (stmt, 3, lines[i].qty_milli);
      _jc_store_bind_text (stmt, 4, lines[i].unit);
      sqlite3_bind_int64 (stmt, 5, lines[i].unit ? lines[i].unit_qty_milli : lines[i].qty_milli);
      ok = _jc_store_step_done (store, stmt, _("Could not save an order line"), error);
    }
  return _jc_store_savepoint_end (store, ok, error) && ok;
}
