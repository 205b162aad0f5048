/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-orders.c: the SQL of orders, their lines, audit and cutoffs:
 * plain reads and writes.  It decides nothing about what an order may
 * become: jc-orders.c does, and writes through these. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
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

gint64
_jc_store_canteen_id (JcStore     *store,
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
JcOrder *
_jc_store_order_load (JcStore     *store,
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
  canteen_id = _jc_store_canteen_id (store, canteen_code, error);
  if (canteen_id == 0)
    return NULL;
  order = _jc_store_order_load (store, canteen_id, canteen_code, date, &local);
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

gboolean
_jc_store_order_audit (JcStore     *store,
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

gboolean
_jc_store_order_insert (JcStore          *store,
                        JcOrder          *order,
                        JcOrderStatus     status,
                        const char       *at,
                        const char       *submitted_at,
                        gboolean          late,
                        JcOrderAfterLock  after_lock,
                        GError          **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO orders (canteen_id, delivery_date, status, version, created_at, updated_at, "
    "submitted_at, late, after_lock) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order->canteen_id);
  _jc_store_bind_text (stmt, 2, order->date);
  _jc_store_bind_text (stmt, 3, jc_order_status_to_string (status));
  _jc_store_bind_text (stmt, 4, at);
  _jc_store_bind_text (stmt, 5, at);
  _jc_store_bind_text (stmt, 6, submitted_at);
  sqlite3_bind_int (stmt, 7, late ? 1 : 0);
  _jc_store_bind_text (stmt, 8, jc_order_after_lock_to_string (after_lock));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    order->id = sqlite3_column_int64 (stmt, 0);
  return _jc_store_step_done (store, stmt, _("Could not save the order"), error);
}

gboolean
_jc_store_order_update (JcStore          *store,
                        const JcOrder    *order,
                        int               version,
                        JcOrderStatus     status,
                        const char       *at,
                        const char       *submitted_at,
                        gboolean          late,
                        JcOrderAfterLock  after_lock,
                        GError          **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "UPDATE orders SET status = ?, version = version + 1, updated_at = ?, "
    "submitted_at = CASE WHEN ? = 1 THEN ? ELSE submitted_at END, "
    "late = CASE WHEN ? = 1 THEN 1 ELSE late END, after_lock = ?, "
    "decline_reason = CASE WHEN ? = 'declined' THEN decline_reason ELSE '' END "
    "WHERE id = ? AND version = ?", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, jc_order_status_to_string (status));
  _jc_store_bind_text (stmt, 2, at);
  sqlite3_bind_int (stmt, 3, submitted_at != NULL);
  _jc_store_bind_text (stmt, 4, submitted_at);
  sqlite3_bind_int (stmt, 5, late ? 1 : 0);
  _jc_store_bind_text (stmt, 6, jc_order_after_lock_to_string (after_lock));
  _jc_store_bind_text (stmt, 7, jc_order_after_lock_to_string (after_lock));
  sqlite3_bind_int64 (stmt, 8, order->id);
  sqlite3_bind_int (stmt, 9, version);
  if (!_jc_store_step_done (store, stmt, _("Could not save the order"), error))
    return FALSE;
  if (sqlite3_changes (_jc_store_get_db (store)) != 1)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT,
                   _("The order of %s for %s was changed by someone else since it was opened; "
                     "reload it and make the change again"), order->canteen_code, order->date);
      return FALSE;
    }
  return TRUE;
}

gboolean
_jc_store_order_line_insert (JcStore            *store,
                             gint64              order_id,
                             const JcOrderLine  *line,
                             GError            **error)
{
  return write_line (store,
    "INSERT INTO order_lines (qty_milli, unit, unit_qty_milli, note, order_id, item_id) "
    "VALUES (?, ?, ?, ?, ?, ?)", order_id, line, error);
}

gboolean
_jc_store_order_line_update (JcStore            *store,
                             gint64              order_id,
                             const JcOrderLine  *line,
                             GError            **error)
{
  return write_line (store,
    "UPDATE order_lines SET qty_milli = ?, unit = ?, unit_qty_milli = ?, note = ? "
    "WHERE order_id = ? AND item_id = ?", order_id, line, error);
}

gboolean
_jc_store_order_line_delete (JcStore  *store,
                             gint64    order_id,
                             gint64    item_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "DELETE FROM order_lines WHERE order_id = ? AND item_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int64 (stmt, 2, item_id);
  return _jc_store_step_done (store, stmt, _("Could not remove an order line"), error);
}

gboolean
_jc_store_order_decline (JcStore     *store,
                         gint64       order_id,
                         int          version,
                         const char  *reason,
                         const char  *at,
                         GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "UPDATE orders SET after_lock = 'declined', decline_reason = ?, version = version + 1, "
    "updated_at = ? WHERE id = ? AND version = ?", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, reason);
  _jc_store_bind_text (stmt, 2, at);
  sqlite3_bind_int64 (stmt, 3, order_id);
  sqlite3_bind_int (stmt, 4, version);
  return _jc_store_step_done (store, stmt, _("Could not decline the order"), error);
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
  return _jc_store_order_audit (store, order_id, at, who, "supplement", 0, "pending", "supplemented", reason,
                version + 1, error);
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
      JcOrder *order = _jc_store_order_load (store, id[1], ids->pdata[i + 1], date, error);

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
