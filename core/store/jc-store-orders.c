/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-orders.c: the SQL of orders, their lines, audit and cutoffs:
 * plain reads and writes.  It decides nothing about what an order may
 * become: jc-orders.c does, and writes through these. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
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

gint64
_jc_store_canteen_id (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, "SELECT id FROM canteens WHERE code = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  _jc_store_bind (stmt, "s", code);
  _jc_store_step_int64 (store, stmt, &id, NULL, NULL);
  if (id == 0)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"),
                 code ? code : "");
  return id;
}

static gpointer
order_line_from_row (JcDbStmt *stmt)
{
  JcOrderLine *l = jc_order_line_new ();

  g_free (l->unit);
  g_free (l->note);
  l->item_id = jc_db_column_int64 (stmt, 0);
  l->item_code = _jc_store_column_dup (stmt, 1);
  l->item_name = _jc_store_column_dup (stmt, 2);
  l->qty_milli = jc_db_column_int64 (stmt, 3);
  l->unit = _jc_store_column_dup (stmt, 4);
  l->unit_qty_milli = jc_db_column_int64 (stmt, 5);
  l->note = _jc_store_column_dup (stmt, 6);
  return l;
}

static gboolean
load_lines (JcStore    *store,
            JcOrder    *order,
            GError    **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT l.item_id, i.code, i.name, l.qty_milli, l.unit, l.unit_qty_milli, l.note "
    "FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = ? ORDER BY i.code",
    error);
  GPtrArray *lines;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "i", order->id);
  lines = _jc_store_step_all (store, stmt, order_line_from_row, (GDestroyNotify) jc_order_line_free,
                              _("Could not read the order lines"), error);
  if (lines == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (order->lines, lines);
  return TRUE;
}

static gpointer
order_from_row (JcDbStmt *stmt)
{
  JcOrder *order = jc_order_new ();

  order->id = jc_db_column_int64 (stmt, 0);
  order->status = status_from_string (jc_db_column_text (stmt, 1));
  order->version = (int) jc_db_column_int64 (stmt, 2);
  order->late = (int) jc_db_column_int64 (stmt, 3) != 0;
  order->updated_at = _jc_store_column_dup (stmt, 4);
  order->submitted_at = _jc_store_column_dup (stmt, 5);
  order->after_lock = after_lock_from_string (jc_db_column_text (stmt, 6));
  order->decline_reason = _jc_store_column_dup (stmt, 7);
  return order;
}

/* The stored order, or NULL (no error) when there is none. */
JcOrder *
_jc_store_order_load (JcStore     *store,
                      gint64       canteen_id,
                      const char  *canteen_code,
                      const char  *date,
                      GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT id, status, version, late, updated_at, submitted_at, after_lock, decline_reason "
    "FROM orders "
    "WHERE canteen_id = ? AND delivery_date = ?", error);
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) local = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "is", canteen_id, date);
  order = _jc_store_step_first (store, stmt, order_from_row, _("Could not read the order"), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
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
  if (!jc_date_is_valid (date))
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
  return _jc_store_run (store,
    "INSERT INTO order_audit (order_id, at, who, action, item_id, before, after, reason, version) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _("Could not write the order history"), error,
    "isssksssd", order_id, at, who, action, item_id, before, after, reason, version);
}
static gboolean
write_line (JcStore            *store,
            const char         *sql,
            gint64              order_id,
            const JcOrderLine  *l,
            GError            **error)
{
  return _jc_store_run (store, sql, _("Could not save an order line"), error, "isisii",
                        l->qty_milli, l->unit, l->unit_qty_milli, l->note, order_id, l->item_id);
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "INSERT INTO orders (canteen_id, delivery_date, status, version, created_at, updated_at, "
    "submitted_at, late, after_lock) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?) RETURNING id", error);

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "isssssbs", order->canteen_id, order->date,
                  jc_order_status_to_string (status), at, at, submitted_at, late,
                  jc_order_after_lock_to_string (after_lock));
  return _jc_store_step_returning (store, stmt, &order->id, _("Could not save the order"), error);
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
  if (!_jc_store_run (store,
        "UPDATE orders SET status = ?, version = version + 1, updated_at = ?, "
        "submitted_at = CASE WHEN ? = 1 THEN ? ELSE submitted_at END, "
        "late = CASE WHEN ? = 1 THEN 1 ELSE late END, after_lock = ?, "
        "decline_reason = CASE WHEN ? = 'declined' THEN decline_reason ELSE '' END "
        "WHERE id = ? AND version = ?", _("Could not save the order"), error,
        "ssbsbssid", jc_order_status_to_string (status), at, submitted_at != NULL, submitted_at,
        late, jc_order_after_lock_to_string (after_lock), jc_order_after_lock_to_string (after_lock),
        order->id, version))
    return FALSE;
  if (_jc_store_changes (store) != 1)
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
  return _jc_store_run (store, "DELETE FROM order_lines WHERE order_id = ? AND item_id = ?",
                        _("Could not remove an order line"), error, "ii", order_id, item_id);
}

gboolean
_jc_store_order_decline (JcStore     *store,
                         gint64       order_id,
                         int          version,
                         const char  *reason,
                         const char  *at,
                         GError     **error)
{
  return _jc_store_run (store,
    "UPDATE orders SET after_lock = 'declined', decline_reason = ?, version = version + 1, "
    "updated_at = ? WHERE id = ? AND version = ?", _("Could not decline the order"), error,
    "ssid", reason, at, order_id, version);
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
  g_autofree char *at = _jc_store_now_iso ();
  const char *from = lock ? "submitted" : "locked";
  const char *to = lock ? "locked" : "submitted";
  gboolean ok;
  guint n;

  if (!check_date (date, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = _jc_store_run (store,
         "INSERT INTO order_audit (order_id, at, who, action, before, after, reason, version) "
         "SELECT id, ?, ?, ?, status, ?, ?, version + 1 FROM orders "
         "WHERE delivery_date = ? AND status = ? AND (? = 0 OR after_lock <> 'declined')",
         _("Could not write the order history"), error,
         "sssssssb", at, who, lock ? "lock" : "unlock", to, reason, date, from, lock) &&
       _jc_store_run (store,
         "UPDATE orders SET status = ?, version = version + 1, updated_at = ? "
         "WHERE delivery_date = ? AND status = ? AND (? = 0 OR after_lock <> 'declined')",
         _("Could not lock the orders"), error, "ssssb", to, at, date, from, lock);
  n = ok ? (guint) _jc_store_changes (store) : 0;
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
  g_autofree char *at = _jc_store_now_iso ();

  return _jc_store_run (store,
           "INSERT INTO order_audit (order_id, at, who, action, before, after, reason, version) "
           "SELECT id, ?, ?, 'reopen', after_lock, '', ?, version FROM orders "
           "WHERE delivery_date = ? AND after_lock IN ('pending', 'supplemented')",
           _("Could not write the order history"), error, "ssss", at, who, reason, date) &&
         _jc_store_run (store,
           "UPDATE orders SET after_lock = '' "
           "WHERE delivery_date = ? AND after_lock IN ('pending', 'supplemented')",
           _("Could not reopen the late orders"), error, "s", date);
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
  g_autofree char *at = _jc_store_now_iso ();

  if (!_jc_store_run (store,
        "UPDATE orders SET after_lock = 'supplemented', status = 'locked', version = version + 1, "
        "updated_at = ? WHERE id = ? AND version = ? AND after_lock = 'pending'",
        _("Could not update the order"), error, "sid", at, order_id, version))
    return FALSE;
  if (_jc_store_changes (store) != 1)
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
  JcDbStmt *stmt;
  g_autoptr(GPtrArray) canteens = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_free);

  if (!check_date (date, error))
    return NULL;
  stmt = _jc_store_prepare (store,
    "SELECT o.canteen_id, c.code FROM orders o JOIN canteens c ON c.id = o.canteen_id "
    "WHERE o.delivery_date = ? ORDER BY c.code", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  canteens = _jc_store_step_all (store, stmt, _jc_store_id_text_from_row, _jc_store_id_text_free,
                                 _("Could not read the orders"), error);
  if (canteens == NULL)
    return NULL;
  for (guint i = 0; i < canteens->len; i++)
    {
      const JcStoreIdText *c = canteens->pdata[i];
      JcOrder *order = _jc_store_order_load (store, c->id, c->text, date, error);

      if (order == NULL)
        return NULL;
      g_ptr_array_add (out, order);
    }
  return g_steal_pointer (&out);
}

static gpointer
audit_entry_from_row (JcDbStmt *stmt)
{
  JcAuditEntry *e = g_new0 (JcAuditEntry, 1);

  e->id = jc_db_column_int64 (stmt, 0);
  e->at = _jc_store_column_dup (stmt, 1);
  e->who = _jc_store_column_dup (stmt, 2);
  e->action = _jc_store_column_dup (stmt, 3);
  e->item_code = jc_db_column_is_null (stmt, 4) ? NULL : _jc_store_column_dup (stmt, 4);
  e->before = _jc_store_column_dup (stmt, 5);
  e->after = _jc_store_column_dup (stmt, 6);
  e->reason = _jc_store_column_dup (stmt, 7);
  e->version = (int) jc_db_column_int64 (stmt, 8);
  return e;
}

GPtrArray *
jc_store_order_history (JcStore     *store,
                        gint64       order_id,
                        GError     **error)
{
  return _jc_store_query_all (store,
    "SELECT a.id, a.at, a.who, a.action, i.code, a.before, a.after, a.reason, a.version "
    "FROM order_audit a LEFT JOIN items i ON i.id = a.item_id WHERE a.order_id = ? "
    "ORDER BY a.id",
    audit_entry_from_row, (GDestroyNotify) jc_audit_entry_free,
    _("Could not read the order history"), error, "i", order_id);
}

char *
_jc_store_get_cutoff (JcStore    *store,
                      const char *date)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT cutoff_at FROM order_cutoffs WHERE delivery_date = ?", NULL);

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  return _jc_store_step_first (store, stmt, _jc_store_text_from_row, NULL, NULL);
}

gboolean
_jc_store_set_cutoff (JcStore     *store,
                      const char  *date,
                      const char  *cutoff,
                      GError     **error)
{
  /* NULL: the date follows the office default again */
  if (cutoff == NULL)
    return _jc_store_run (store, "DELETE FROM order_cutoffs WHERE delivery_date = ?",
                          _("Could not save the cutoff"), error, "s", date);
  return _jc_store_run (store,
    "INSERT INTO order_cutoffs (delivery_date, cutoff_at) VALUES (?, ?) "
    "ON CONFLICT (delivery_date) DO UPDATE SET cutoff_at = excluded.cutoff_at",
    _("Could not save the cutoff"), error, "ss", date, cutoff);
}

static gpointer
board_row_from_row (JcDbStmt *stmt)
{
  JcBoardRow *r = g_new0 (JcBoardRow, 1);

  r->canteen_code = _jc_store_column_dup (stmt, 0);
  r->canteen_name = _jc_store_column_dup (stmt, 1);
  r->status = status_from_string (jc_db_column_text (stmt, 2));
  r->version = (int) jc_db_column_int64 (stmt, 3);
  r->late = (int) jc_db_column_int64 (stmt, 4) != 0;
  r->n_lines = (guint) (int) jc_db_column_int64 (stmt, 5);
  r->after_lock = after_lock_from_string (jc_db_column_text (stmt, 6));
  return r;
}

/* Board rows without costs: every active canteen, with or without order. */
GPtrArray *
_jc_store_board_rows (JcStore     *store,
                      const char  *date,
                      GError     **error)
{
  return _jc_store_query_all (store,
    "SELECT c.code, c.name, o.status, o.version, o.late, "
    "  (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id), o.after_lock "
    "FROM canteens c LEFT JOIN orders o ON o.canteen_id = c.id AND o.delivery_date = ? "
    "WHERE c.active = 1 ORDER BY c.code",
    board_row_from_row, (GDestroyNotify) jc_board_row_free, _("Could not read the orders"), error,
    "s", date);
}

/* A caller's function and data, for the rows of _jc_store_step_each(). */
typedef struct {
  void   (*func) (const char *canteen, gint64 item_id, gint64 qty_milli, gpointer data);
  gpointer data;
} LineCall;

typedef struct {
  void   (*func) (gint64 canteen_id, const char *canteen_code, gint64 item_id,
                  gint64 qty_milli, gpointer data);
  gpointer data;
} DemandCall;

static void
call_order_line (JcDbStmt *stmt,
                 gpointer      data)
{
  LineCall *call = data;

  call->func (
    jc_db_column_text (stmt, 0), jc_db_column_int64 (stmt, 1),
    jc_db_column_int64 (stmt, 2), call->data);
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
  LineCall call = { func, data };

  return _jc_store_query_each (store,
    "SELECT c.code, l.item_id, l.qty_milli FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id JOIN canteens c ON c.id = o.canteen_id "
    "WHERE o.delivery_date = ?",
    call_order_line, &call, _("Could not read the order lines"), error, "s", date);
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT l.qty_milli FROM order_lines l JOIN orders o ON o.id = l.order_id "
    "WHERE o.canteen_id = ? AND l.item_id = ? AND o.delivery_date >= ? AND o.delivery_date < ? "
    "AND o.status <> 'draft'", error);
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "iiss", canteen_id, item_id, from, to);
  if (!_jc_store_step_each (store, stmt, _jc_store_append_int64, out,
                            _("Could not read the order history"), error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
call_plan_demand (JcDbStmt *stmt,
                  gpointer      data)
{
  DemandCall *call = data;

  call->func (
    jc_db_column_int64 (stmt, 0), jc_db_column_text (stmt, 1),
    jc_db_column_int64 (stmt, 2), jc_db_column_int64 (stmt, 3), call->data);
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
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT o.canteen_id, c.code, l.item_id, l.qty_milli FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id JOIN canteens c ON c.id = o.canteen_id "
    /* a line of 0 (kept by a database from before every entry refused
     * one) orders nothing: no plan line whose cost nobody could share */
    "WHERE o.delivery_date = ? AND o.status IN ('submitted', 'locked') AND l.qty_milli > 0 "
    "AND o.after_lock <> 'declined'",
    error);
  DemandCall call = { func, data };

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "s", date);
  return _jc_store_step_each (store, stmt, call_plan_demand, &call,
                              _("Could not read the orders"), error);
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
  JcDbStmt *stmt;
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
      _jc_store_bind (stmt, "isss", canteen_id, delivery_date, status, stamp);
      ok = _jc_store_step_returning (store, stmt, &order_id, _("Could not save the order"), error) &&
           order_id > 0;
    }
  for (guint i = 0; ok && i < n_lines; i++)
    ok = _jc_store_run (store,
           "INSERT INTO order_lines (order_id, item_id, qty_milli, unit, unit_qty_milli) "
           "VALUES (?, ?, ?, ?, ?)", _("Could not save an order line"), error, "iiisi",
           order_id, lines[i].item_id, lines[i].qty_milli, lines[i].unit,
           lines[i].unit ? lines[i].unit_qty_milli : lines[i].qty_milli);
  return _jc_store_savepoint_end (store, ok, error) && ok;
}
