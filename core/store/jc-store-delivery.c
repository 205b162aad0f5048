/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-delivery.c: the SQL of deliveries — the imported distance
 * matrix and the saved delivery plans with their stops and lines. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-delivery-private.h"
#include "jc-store-private.h"

gboolean
_jc_store_delivery_matrix_replace (JcStore    *store,
                                   GPtrArray  *pairs,
                                   GError    **error)
{
  gboolean ok = TRUE;

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = _jc_store_exec (store, "DELETE FROM delivery_matrix", error);
  for (guint i = 0; ok && pairs != NULL && i < pairs->len; i++)
    {
      const JcDeliveryPair *p = pairs->pdata[i];
      sqlite3_stmt *stmt = _jc_store_prepare (store,
        "INSERT INTO delivery_matrix (from_key, to_key, distance_m, time_s) VALUES (?, ?, ?, ?)",
        error);

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      _jc_store_bind_text (stmt, 1, p->from_key);
      _jc_store_bind_text (stmt, 2, p->to_key);
      sqlite3_bind_int64 (stmt, 3, p->distance_m);
      if (p->time_s >= 0)
        sqlite3_bind_int64 (stmt, 4, p->time_s);
      else
        sqlite3_bind_null (stmt, 4);
      ok = _jc_store_step_done (store, stmt, _("Could not store the distance matrix"), error);
    }
  return _jc_store_savepoint_end (store, ok, ok ? error : NULL) && ok;
}

GHashTable *
_jc_store_delivery_matrix_read (JcStore  *store,
                                GError  **error)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) _jc_delivery_pair_free);
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT from_key, to_key, distance_m, time_s FROM delivery_matrix", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcDeliveryPair *p = g_new0 (JcDeliveryPair, 1);

      p->from_key = _jc_store_column_dup (stmt, 0);
      p->to_key = _jc_store_column_dup (stmt, 1);
      p->distance_m = sqlite3_column_int64 (stmt, 2);
      p->time_s = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
      g_hash_table_insert (pairs, g_strdup_printf ("%s\t%s", p->from_key, p->to_key), p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the distance matrix"), error);
      return NULL;
    }
  return g_steal_pointer (&pairs);
}

gboolean
_jc_store_delivery_delete (JcStore    *store,
                           const char *date,
                           GError    **error)
{
  sqlite3_stmt *stmt;

  /* the lines go with their stops, the stops with their plan (cascade);
   * spelled out so that it holds without foreign keys too */
  stmt = _jc_store_prepare (store,
    "DELETE FROM delivery_stop_lines WHERE stop_id IN "
    "(SELECT id FROM delivery_stops WHERE delivery_date = ?)", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  if (!_jc_store_step_done (store, stmt, _("Could not delete the delivery plan"), error))
    return FALSE;
  stmt = _jc_store_prepare (store, "DELETE FROM delivery_stops WHERE delivery_date = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  if (!_jc_store_step_done (store, stmt, _("Could not delete the delivery plan"), error))
    return FALSE;
  stmt = _jc_store_prepare (store, "DELETE FROM delivery_plans WHERE delivery_date = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  return _jc_store_step_done (store, stmt, _("Could not delete the delivery plan"), error);
}

static gboolean
write_stop (JcStore              *store,
            const char           *date,
            gint64                vehicle_id,
            int                   position,
            const JcDeliveryStop *stop,
            GError              **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "INSERT INTO delivery_stops (delivery_date, vehicle_id, position, canteen_id, part, n_parts) "
    "VALUES (?, ?, ?, ?, ?, ?)", error);
  gint64 stop_id;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, date);
  if (vehicle_id > 0)
    sqlite3_bind_int64 (stmt, 2, vehicle_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int (stmt, 3, position);
  sqlite3_bind_int64 (stmt, 4, stop->canteen_id);
  sqlite3_bind_int (stmt, 5, stop->part);
  sqlite3_bind_int (stmt, 6, stop->n_parts);
  if (!_jc_store_step_done (store, stmt, _("Could not save the delivery plan"), error))
    return FALSE;
  stop_id = sqlite3_last_insert_rowid (_jc_store_get_db (store));
  for (guint i = 0; i < stop->lines->len; i++)
    {
      const JcDeliveryLine *l = stop->lines->pdata[i];

      stmt = _jc_store_prepare (store,
        "INSERT INTO delivery_stop_lines (stop_id, item_id, qty_milli) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stop_id);
      sqlite3_bind_int64 (stmt, 2, l->item_id);
      sqlite3_bind_int64 (stmt, 3, l->qty_milli);
      if (!_jc_store_step_done (store, stmt, _("Could not save the delivery plan"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_jc_store_delivery_write (JcStore              *store,
                          const JcDeliveryPlan *plan,
                          const char           *saved_at,
                          const char           *who,
                          GError              **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = _jc_store_delivery_delete (store, plan->date, error);
  if (ok)
    {
      stmt = _jc_store_prepare (store,
        "INSERT INTO delivery_plans (delivery_date, saved_at, saved_by, edited, solve_seconds, "
        "detour_permille) VALUES (?, ?, ?, ?, ?, ?)", error);
      ok = stmt != NULL;
      if (ok)
        {
          _jc_store_bind_text (stmt, 1, plan->date);
          _jc_store_bind_text (stmt, 2, saved_at);
          _jc_store_bind_text (stmt, 3, who);
          sqlite3_bind_int (stmt, 4, plan->edited ? 1 : 0);
          sqlite3_bind_double (stmt, 5, plan->solve_seconds);
          sqlite3_bind_int (stmt, 6, plan->detour_permille);
          ok = _jc_store_step_done (store, stmt, _("Could not save the delivery plan"), error);
        }
    }
  for (guint r = 0; ok && r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint s = 0; ok && s < route->stops->len; s++)
        ok = write_stop (store, plan->date, route->vehicle_id, (int) s, route->stops->pdata[s], error);
    }
  for (guint s = 0; ok && s < plan->unassigned->len; s++)
    ok = write_stop (store, plan->date, 0, (int) s, plan->unassigned->pdata[s], error);
  return _jc_store_savepoint_end (store, ok, ok ? error : NULL) && ok;
}

JcDeliveryPlan *
_jc_store_delivery_read (JcStore    *store,
                         const char *date,
                         GError    **error)
{
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autoptr(GHashTable) stops = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JcDeliveryRoute *route = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _jc_store_prepare (store,
    "SELECT saved_at, saved_by, edited, solve_seconds, detour_permille FROM delivery_plans "
    "WHERE delivery_date = ?", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      plan = _jc_delivery_plan_new (date);
      plan->saved_at = _jc_store_column_dup (stmt, 0);
      plan->saved_by = _jc_store_column_dup (stmt, 1);
      plan->edited = sqlite3_column_int (stmt, 2) != 0;
      plan->solve_seconds = sqlite3_column_double (stmt, 3);
      plan->detour_permille = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the delivery plan"), error);
      return NULL;
    }
  if (plan == NULL)
    return NULL;

  /* unassigned (NULL vehicle) first, then by vehicle and position */
  stmt = _jc_store_prepare (store,
    "SELECT id, vehicle_id, canteen_id, part, n_parts FROM delivery_stops "
    "WHERE delivery_date = ? ORDER BY vehicle_id IS NOT NULL, vehicle_id, position, id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JcDeliveryStop *stop = _jc_delivery_stop_new ();
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean has_vehicle = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      gint64 vehicle_id = sqlite3_column_int64 (stmt, 1);

      stop->canteen_id = sqlite3_column_int64 (stmt, 2);
      stop->part = sqlite3_column_int (stmt, 3);
      stop->n_parts = sqlite3_column_int (stmt, 4);
      if (!has_vehicle)
        g_ptr_array_add (plan->unassigned, stop);
      else
        {
          if (route == NULL || route->vehicle_id != vehicle_id)
            {
              route = _jc_delivery_route_new ();
              route->vehicle_id = vehicle_id;
              g_ptr_array_add (plan->routes, route);
            }
          g_ptr_array_add (route->stops, stop);
        }
      g_array_append_val (ids, id);
      g_hash_table_insert (stops, &g_array_index (ids, gint64, ids->len - 1), stop);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the delivery plan"), error);
      return NULL;
    }
  /* the hash keys point into `ids`, which has stopped growing only now:
   * rebuild the table on stable addresses */
  g_hash_table_remove_all (stops);
  {
    guint k = 0;

    for (guint s = 0; s < plan->unassigned->len; s++)
      g_hash_table_insert (stops, &g_array_index (ids, gint64, k++), plan->unassigned->pdata[s]);
    for (guint r = 0; r < plan->routes->len; r++)
      {
        JcDeliveryRoute *rt = plan->routes->pdata[r];

        for (guint s = 0; s < rt->stops->len; s++)
          g_hash_table_insert (stops, &g_array_index (ids, gint64, k++), rt->stops->pdata[s]);
      }
  }

  stmt = _jc_store_prepare (store,
    "SELECT l.stop_id, l.item_id, l.qty_milli FROM delivery_stop_lines l "
    "JOIN delivery_stops s ON s.id = l.stop_id WHERE s.delivery_date = ? "
    "ORDER BY l.stop_id, l.item_id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 stop_id = sqlite3_column_int64 (stmt, 0);
      JcDeliveryStop *stop = g_hash_table_lookup (stops, &stop_id);
      JcDeliveryLine *l;

      if (stop == NULL)
        continue;
      l = g_new0 (JcDeliveryLine, 1);
      l->item_id = sqlite3_column_int64 (stmt, 1);
      l->qty_milli = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (stop->lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the delivery plan"), error);
      return NULL;
    }
  return g_steal_pointer (&plan);
}
