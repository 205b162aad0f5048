/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-delivery.c: the SQL of deliveries — the imported distance
 * matrix and the saved delivery plans with their stops and lines. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-store-delivery.h"
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

      ok = _jc_store_run (store,
             "INSERT INTO delivery_matrix (from_key, to_key, distance_m, time_s) VALUES (?, ?, ?, ?)",
             _("Could not store the distance matrix"), error, "ssiN", p->from_key, p->to_key,
             p->distance_m, p->time_s >= 0, p->time_s);
    }
  return _jc_store_savepoint_end (store, ok, ok ? error : NULL) && ok;
}

static void
add_pair (JcDbStmt *stmt,
          gpointer      data)
{
  JcDeliveryPair *p = g_new0 (JcDeliveryPair, 1);

  p->from_key = _jc_store_column_dup (stmt, 0);
  p->to_key = _jc_store_column_dup (stmt, 1);
  p->distance_m = jc_db_column_int64 (stmt, 2);
  p->time_s = jc_db_column_is_null (stmt, 3) ? -1 : jc_db_column_int64 (stmt, 3);
  g_hash_table_insert (data, g_strdup_printf ("%s\t%s", p->from_key, p->to_key), p);
}

GHashTable *
_jc_store_delivery_matrix_read (JcStore  *store,
                                GError  **error)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) _jc_delivery_pair_free);
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT from_key, to_key, distance_m, time_s FROM delivery_matrix", error);

  if (stmt == NULL)
    return NULL;
  if (!_jc_store_step_each (store, stmt, add_pair, pairs, _("Could not read the distance matrix"),
                            error))
    return NULL;
  return g_steal_pointer (&pairs);
}

gboolean
_jc_store_delivery_delete (JcStore    *store,
                           const char *date,
                           GError    **error)
{
  /* the lines go with their stops, the stops with their plan (cascade);
   * spelled out so that it holds without foreign keys too */
  static const char * const sql[] = {
    ("DELETE FROM delivery_stop_lines WHERE stop_id IN "
     "(SELECT id FROM delivery_stops WHERE delivery_date = ?)"),
    "DELETE FROM delivery_stops WHERE delivery_date = ?",
    "DELETE FROM delivery_plans WHERE delivery_date = ?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!_jc_store_run (store, sql[i], _("Could not delete the delivery plan"), error, "s", date))
      return FALSE;
  return TRUE;
}

static gboolean
write_stop (JcStore              *store,
            const char           *date,
            gint64                vehicle_id,
            int                   position,
            const JcDeliveryStop *stop,
            GError              **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "INSERT INTO delivery_stops (delivery_date, vehicle_id, position, canteen_id, part, n_parts) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id", error);
  gint64 stop_id = 0;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind (stmt, "skdidd", date, vehicle_id, position, stop->canteen_id, stop->part,
                  stop->n_parts);
  if (!_jc_store_step_returning (store, stmt, &stop_id, _("Could not save the delivery plan"), error))
    return FALSE;
  for (guint i = 0; i < stop->lines->len; i++)
    {
      const JcDeliveryLine *l = stop->lines->pdata[i];

      if (!_jc_store_run (store,
            "INSERT INTO delivery_stop_lines (stop_id, item_id, qty_milli) VALUES (?, ?, ?)",
            _("Could not save the delivery plan"), error, "iii", stop_id, l->item_id, l->qty_milli))
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
  gboolean ok;

  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = _jc_store_delivery_delete (store, plan->date, error) &&
       _jc_store_run (store,
         "INSERT INTO delivery_plans (delivery_date, saved_at, saved_by, edited, solve_seconds, "
         "detour_permille) VALUES (?, ?, ?, ?, ?, ?)", _("Could not save the delivery plan"), error,
         "sssbfd", plan->date, saved_at, who, plan->edited, (double) plan->solve_seconds,
         plan->detour_permille);
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

static gpointer
delivery_plan_from_row (JcDbStmt *stmt)
{
  JcDeliveryPlan *plan = _jc_delivery_plan_new ("");

  plan->saved_at = _jc_store_column_dup (stmt, 0);
  plan->saved_by = _jc_store_column_dup (stmt, 1);
  plan->edited = (int) jc_db_column_int64 (stmt, 2) != 0;
  plan->solve_seconds = jc_db_column_double (stmt, 3);
  plan->detour_permille = (int) jc_db_column_int64 (stmt, 4);
  return plan;
}

/* The plan being read, its stops by id (the ids kept in `ids`) and the
 * route the last stop went to. */
typedef struct {
  JcDeliveryPlan  *plan;
  GHashTable      *stops;
  GArray          *ids;
  JcDeliveryRoute *route;
} StopsRead;

static void
add_stop (JcDbStmt *stmt,
          gpointer      data)
{
  StopsRead *read = data;
  JcDeliveryStop *stop = _jc_delivery_stop_new ();
  gint64 id = jc_db_column_int64 (stmt, 0);
  gboolean has_vehicle = !jc_db_column_is_null (stmt, 1);
  gint64 vehicle_id = jc_db_column_int64 (stmt, 1);

  stop->canteen_id = jc_db_column_int64 (stmt, 2);
  stop->part = (int) jc_db_column_int64 (stmt, 3);
  stop->n_parts = (int) jc_db_column_int64 (stmt, 4);
  if (!has_vehicle)
    g_ptr_array_add (read->plan->unassigned, stop);
  else
    {
      if (read->route == NULL || read->route->vehicle_id != vehicle_id)
        {
          read->route = _jc_delivery_route_new ();
          read->route->vehicle_id = vehicle_id;
          g_ptr_array_add (read->plan->routes, read->route);
        }
      g_ptr_array_add (read->route->stops, stop);
    }
  g_array_append_val (read->ids, id);
  g_hash_table_insert (read->stops, &g_array_index (read->ids, gint64, read->ids->len - 1), stop);
}

static void
add_stop_line (JcDbStmt *stmt,
               gpointer      data)
{
  gint64 stop_id = jc_db_column_int64 (stmt, 0);
  JcDeliveryStop *stop = g_hash_table_lookup (data, &stop_id);
  JcDeliveryLine *l;

  if (stop == NULL)
    return;
  l = g_new0 (JcDeliveryLine, 1);
  l->item_id = jc_db_column_int64 (stmt, 1);
  l->qty_milli = jc_db_column_int64 (stmt, 2);
  g_ptr_array_add (stop->lines, l);
}

JcDeliveryPlan *
_jc_store_delivery_read (JcStore    *store,
                         const char *date,
                         GError    **error)
{
  g_autoptr(JcDeliveryPlan) plan = NULL;
  g_autoptr(GHashTable) stops = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) local = NULL;
  StopsRead read;
  JcDbStmt *stmt;

  stmt = _jc_store_prepare (store,
    "SELECT saved_at, saved_by, edited, solve_seconds, detour_permille FROM delivery_plans "
    "WHERE delivery_date = ?", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  plan = _jc_store_step_first (store, stmt, delivery_plan_from_row,
                               _("Could not read the delivery plan"), &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (plan == NULL)
    return NULL;
  g_strlcpy (plan->date, date, sizeof plan->date);
  read = (StopsRead) { plan, stops, ids, NULL };

  /* unassigned (NULL vehicle) first, then by vehicle and position */
  stmt = _jc_store_prepare (store,
    "SELECT id, vehicle_id, canteen_id, part, n_parts FROM delivery_stops "
    "WHERE delivery_date = ? ORDER BY vehicle_id IS NOT NULL, vehicle_id, position, id", error);
  if (stmt == NULL)
    return NULL;
  _jc_store_bind (stmt, "s", date);
  if (!_jc_store_step_each (store, stmt, add_stop, &read, _("Could not read the delivery plan"),
                            error))
    return NULL;
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
  _jc_store_bind (stmt, "s", date);
  if (!_jc_store_step_each (store, stmt, add_stop_line, stops, _("Could not read the delivery plan"),
                            error))
    return NULL;
  return g_steal_pointer (&plan);
}
