/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-master.c: the SQL of master data: categories, catalog items
 * with their aliases, canteens and vehicles. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-pinyin.h"
#include "jc-store-private.h"

/* ---- categories ---------------------------------------------------- */

static JcCategory *
category_from_row (sqlite3_stmt *stmt)
{
  JcCategory *c = jc_category_new ();

  c->code = _jc_store_column_dup (stmt, 0);
  c->name = _jc_store_column_dup (stmt, 1);
  c->position = sqlite3_column_int (stmt, 2);
  return c;
}

GPtrArray *
jc_store_list_categories (JcStore  *store,
                          GError  **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT code, name, position FROM categories ORDER BY position, code", error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, category_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, _("Could not read the categories"), error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

JcCategory *
jc_store_find_category (JcStore     *store,
                        const char  *code_or_name,
                        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT code, name, position FROM categories WHERE code = ? OR name = ?", error);
  JcCategory *c = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, code_or_name);
  _jc_store_bind_text (stmt, 2, code_or_name);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = category_from_row (stmt);
  sqlite3_reset (stmt);
  if (c == NULL)
    g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY,
                 _("category: unknown category “%s”"), code_or_name ? code_or_name : "");
  return c;
}

/* ---- items --------------------------------------------------------- */

#define ITEM_COLUMNS \
  "i.id, i.code, i.name, c.code, i.pinyin, i.base_unit, i.pack_milli, " \
  "i.piece_mass_mg, i.loss_permille, i.active "

static JcItem *
item_from_row (sqlite3_stmt *stmt)
{
  JcItem *item = jc_item_new ();

  item->id = sqlite3_column_int64 (stmt, 0);
  item->code = _jc_store_column_dup (stmt, 1);
  item->name = _jc_store_column_dup (stmt, 2);
  item->category = _jc_store_column_dup (stmt, 3);
  item->pinyin = _jc_store_column_dup (stmt, 4);
  if (!jc_base_unit_from_string ((const char *) sqlite3_column_text (stmt, 5), &item->base_unit))
    item->base_unit = JC_BASE_UNIT_KG;
  item->pack_milli = sqlite3_column_int64 (stmt, 6);
  item->piece_mass_mg = sqlite3_column_int64 (stmt, 7);
  item->loss_permille = sqlite3_column_int (stmt, 8);
  item->active = sqlite3_column_int (stmt, 9) != 0;
  return item;
}

/* Fills in the aliases of `items` (sorted by nothing in particular) with one
 * query rather than one per item. */
static gboolean
load_aliases (JcStore    *store,
              GPtrArray  *items,
              gint64      only_id,
              GError    **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT item_id, alias FROM item_aliases WHERE item_id = ? OR ? = 0 ORDER BY item_id, alias",
    error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_id, &item->id, item);
    }
  sqlite3_bind_int64 (stmt, 1, only_id);
  sqlite3_bind_int64 (stmt, 2, only_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      JcItem *item = g_hash_table_lookup (by_id, &id);
      GPtrArray *list;

      if (item == NULL)
        continue;
      list = g_hash_table_lookup (lists, &item->id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (lists, &item->id, list);
        }
      g_ptr_array_add (list, _jc_store_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not read the aliases"), error);
  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JcItem *item = g_hash_table_lookup (by_id, key);
      GPtrArray *list = value;

      g_ptr_array_add (list, NULL);
      g_strfreev (item->aliases);
      item->aliases = (char **) g_ptr_array_steal (list, NULL);
    }
  return TRUE;
}

static GPtrArray *
collect (JcStore        *store,
         sqlite3_stmt   *stmt,
         gpointer      (*from_row) (sqlite3_stmt *),
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _jc_store_set_error (store, rc, what, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

GPtrArray *
jc_store_list_items (JcStore   *store,
                     gboolean   include_inactive,
                     GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.active = 1 OR ? = 1 ORDER BY c.position, i.code", error);
  g_autoptr(GPtrArray) items = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  items = collect (store, stmt, (gpointer) item_from_row, (GDestroyNotify) jc_item_free,
                   _("Could not read the catalog"), error);
  if (items == NULL || !load_aliases (store, items, 0, error))
    return NULL;
  return g_steal_pointer (&items);
}

static JcItem *
get_item_where (JcStore     *store,
                const char  *sql,
                const char  *key,
                GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  JcItem *item = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    item = item_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _jc_store_set_error (store, rc, _("Could not read the catalog"), error);
  else if (item == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                 _("No catalog item “%s”"), key ? key : "");
  if (item != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, item);
      if (!load_aliases (store, one, item->id, error))
        g_clear_pointer (&item, jc_item_free);
    }
  return item;
}

JcItem *
jc_store_get_item (JcStore     *store,
                   const char  *code,
                   GError     **error)
{
  return get_item_where (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.code = ?", code, error);
}

JcItem *
jc_store_find_item_by_name (JcStore     *store,
                            const char  *name_or_alias,
                            GError     **error)
{
  return get_item_where (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.id = COALESCE ((SELECT MIN(x.id) FROM items x WHERE x.name = ?1),"
    "                       (SELECT a.item_id FROM item_aliases a WHERE a.alias = ?1))",
    name_or_alias, error);
}

static gboolean
exists (JcStore     *store,
        const char  *sql,
        const char  *key,
        gint64       except_id,
        gboolean    *out,
        GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not check for duplicates"), error);
  *out = rc == SQLITE_ROW;
  return TRUE;
}

/* Checks what only the database can: the category exists, code and aliases
 * are not taken by another item. */
static gboolean
check_item (JcStore       *store,
            const JcItem  *item,
            gint64        *category_id,
            GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;

  if (!jc_item_validate (item, error))
    return FALSE;
  stmt = _jc_store_prepare (store, "SELECT id FROM categories WHERE code = ? OR name = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, item->category);
  _jc_store_bind_text (stmt, 2, item->category);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY,
                   _("category: unknown category “%s”"), item->category);
      return FALSE;
    }
  *category_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!exists (store, "SELECT 1 FROM items WHERE code = ? AND id <> ?", item->code, item->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
                   _("code: “%s” is already used by another item"), item->code);
      return FALSE;
    }
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    {
      if (!exists (store, "SELECT 1 FROM item_aliases WHERE alias = ? AND item_id <> ?", *a,
                   item->id, &dup, error))
        return FALSE;
      if (dup)
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_ALIASES,
                       _("aliases: “%s” already names another item"), *a);
          return FALSE;
        }
      for (char **b = item->aliases; b != a; b++)
        if (g_str_equal (*a, *b))
          {
            g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_ALIASES,
                         _("aliases: “%s” is listed twice"), *a);
            return FALSE;
          }
    }
  return TRUE;
}

static void
bind_item (sqlite3_stmt *stmt,
           const JcItem *item,
           gint64        category_id)
{
  g_autofree char *pinyin = NULL;

  if (item->pinyin == NULL || *item->pinyin == '\0')
    pinyin = jc_pinyin_initials (item->name);
  else
    pinyin = g_strdup (item->pinyin);
  _jc_store_bind_text (stmt, 1, item->code);
  _jc_store_bind_text (stmt, 2, item->name);
  sqlite3_bind_int64 (stmt, 3, category_id);
  _jc_store_bind_text (stmt, 4, pinyin);
  _jc_store_bind_text (stmt, 5, jc_base_unit_to_string (item->base_unit));
  if (item->pack_milli > 0)
    sqlite3_bind_int64 (stmt, 6, item->pack_milli);
  else
    sqlite3_bind_null (stmt, 6);
  if (item->piece_mass_mg > 0)
    sqlite3_bind_int64 (stmt, 7, item->piece_mass_mg);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int (stmt, 8, item->loss_permille);
  sqlite3_bind_int (stmt, 9, item->active ? 1 : 0);
}

static gboolean
write_aliases (JcStore       *store,
               const JcItem  *item,
               GError       **error)
{
  sqlite3_stmt *del = _jc_store_prepare (store, "DELETE FROM item_aliases WHERE item_id = ?", error);
  sqlite3_stmt *ins;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, item->id);
  if (!_jc_store_step_done (store, del, _("Could not save the aliases"), error))
    return FALSE;
  ins = _jc_store_prepare (store, "INSERT INTO item_aliases (alias, item_id) VALUES (?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    {
      sqlite3_reset (ins);
      _jc_store_bind_text (ins, 1, *a);
      sqlite3_bind_int64 (ins, 2, item->id);
      if (!_jc_store_step_done (store, ins, _("Could not save the aliases"), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * jc_store_insert_item:
 * Validates and stores a new item with its aliases; sets item->id (and
 * item->pinyin when it was empty).
 */
gboolean
jc_store_insert_item (JcStore  *store,
                      JcItem   *item,
                      GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id = 0;
  gboolean ok;

  item->id = 0;
  if (!check_item (store, item, &category_id, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "INSERT INTO items (code, name, category_id, pinyin, base_unit, pack_milli, "
    "piece_mass_mg, loss_permille, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_item (stmt, item, category_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        item->id = sqlite3_column_int64 (stmt, 0);
      ok = _jc_store_step_done (store, stmt, _("Could not save the item"), error) && item->id > 0;
    }
  ok = ok && write_aliases (store, item, error);
  if (ok && (item->pinyin == NULL || *item->pinyin == '\0'))
    {
      g_free (item->pinyin);
      item->pinyin = jc_pinyin_initials (item->name);
    }
  if (!ok)
    item->id = 0;
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

gboolean
jc_store_update_item (JcStore       *store,
                      const JcItem  *item,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id = 0;
  gboolean ok;

  g_return_val_if_fail (item->id > 0, FALSE);

  if (!check_item (store, item, &category_id, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  stmt = _jc_store_prepare (store,
    "UPDATE items SET code = ?, name = ?, category_id = ?, pinyin = ?, base_unit = ?, "
    "pack_milli = ?, piece_mass_mg = ?, loss_permille = ?, active = ? WHERE id = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_item (stmt, item, category_id);
      sqlite3_bind_int64 (stmt, 10, item->id);
      ok = _jc_store_step_done (store, stmt, _("Could not save the item"), error);
    }
  if (ok && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND,
                   _("No catalog item “%s”"), item->code);
      ok = FALSE;
    }
  ok = ok && write_aliases (store, item, error);
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

/* Deletes a row that nothing refers to.  A row with history (prices, orders)
 * is refused with IN_USE: deactivating keeps that history readable. */
static gboolean
delete_row (JcStore     *store,
            const char  *sql,
            const char  *key,
            const char  *kind,
            GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    return _jc_store_error_printf (error, JC_STORE_ERROR_IN_USE,
                            _("%s “%s” has history (prices or orders) and cannot be removed; "
                              "deactivate it instead"), kind, key);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, kind, error);
  if (sqlite3_changes (store->db) == 0)
    return _jc_store_error_printf (error, JC_STORE_ERROR_NOT_FOUND, _("No %s “%s”"), kind, key);
  return TRUE;
}

gboolean
jc_store_delete_item (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  return delete_row (store, "DELETE FROM items WHERE code = ?", code, _("catalog item"), error);
}

/* ---- canteens ------------------------------------------------------ */

#define CANTEEN_COLUMNS \
  "id, code, name, agency, address, lat, lon, window_start, window_end, diners, active "

static JcCanteen *
canteen_from_row (sqlite3_stmt *stmt)
{
  JcCanteen *c = jc_canteen_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->code = _jc_store_column_dup (stmt, 1);
  c->name = _jc_store_column_dup (stmt, 2);
  c->agency = _jc_store_column_dup (stmt, 3);
  c->address = _jc_store_column_dup (stmt, 4);
  c->lat = sqlite3_column_double (stmt, 5);
  c->lon = sqlite3_column_double (stmt, 6);
  c->window_start = sqlite3_column_int (stmt, 7);
  c->window_end = sqlite3_column_int (stmt, 8);
  c->diners = sqlite3_column_int (stmt, 9);
  c->active = sqlite3_column_int (stmt, 10) != 0;
  return c;
}

GPtrArray *
jc_store_list_canteens (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE active = 1 OR ? = 1 ORDER BY code", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  return collect (store, stmt, (gpointer) canteen_from_row, (GDestroyNotify) jc_canteen_free,
                  _("Could not read the canteens"), error);
}

JcCanteen *
jc_store_get_canteen (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE code = ?", error);
  JcCanteen *c = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, code);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = canteen_from_row (stmt);
  sqlite3_reset (stmt);
  if (c == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"),
                 code ? code : "");
  return c;
}

static gboolean
write_canteen (JcStore          *store,
               const char       *sql,
               const JcCanteen  *c,
               gint64           *out_id,
               GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;
  int rc;

  if (!jc_canteen_validate (c, error))
    return FALSE;
  if (!exists (store, "SELECT 1 FROM canteens WHERE code = ? AND id <> ?", c->code, c->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
                   _("code: “%s” is already used by another canteen"), c->code);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, c->code);
  _jc_store_bind_text (stmt, 2, c->name);
  _jc_store_bind_text (stmt, 3, c->agency);
  _jc_store_bind_text (stmt, 4, c->address);
  sqlite3_bind_double (stmt, 5, c->lat);
  sqlite3_bind_double (stmt, 6, c->lon);
  sqlite3_bind_int (stmt, 7, c->window_start);
  sqlite3_bind_int (stmt, 8, c->window_end);
  sqlite3_bind_int (stmt, 9, c->diners);
  sqlite3_bind_int (stmt, 10, c->active ? 1 : 0);
  if (out_id == NULL)
    sqlite3_bind_int64 (stmt, 11, c->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not save the canteen"), error);
  if (out_id == NULL && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"), c->code);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_store_insert_canteen (JcStore    *store,
                         JcCanteen  *canteen,
                         GError    **error)
{
  gint64 id = 0;

  canteen->id = 0;
  if (!write_canteen (store,
        "INSERT INTO canteens (code, name, agency, address, lat, lon, window_start, "
        "window_end, diners, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        canteen, &id, error))
    return FALSE;
  canteen->id = id;
  return TRUE;
}

gboolean
jc_store_update_canteen (JcStore          *store,
                         const JcCanteen  *canteen,
                         GError          **error)
{
  g_return_val_if_fail (canteen->id > 0, FALSE);

  return write_canteen (store,
    "UPDATE canteens SET code = ?, name = ?, agency = ?, address = ?, lat = ?, lon = ?, "
    "window_start = ?, window_end = ?, diners = ?, active = ? WHERE id = ?",
    canteen, NULL, error);
}

gboolean
jc_store_delete_canteen (JcStore     *store,
                         const char  *code,
                         GError     **error)
{
  return delete_row (store, "DELETE FROM canteens WHERE code = ?", code, _("canteen"), error);
}

/* ---- vehicles ------------------------------------------------------ */

#define VEHICLE_COLUMNS \
  "id, plate, capacity_kg, depot, depot_lat, depot_lon, start_time, speed_kmh, service_min, active "

static JcVehicle *
vehicle_from_row (sqlite3_stmt *stmt)
{
  JcVehicle *v = jc_vehicle_new ();

  v->id = sqlite3_column_int64 (stmt, 0);
  v->plate = _jc_store_column_dup (stmt, 1);
  v->capacity_kg = sqlite3_column_int64 (stmt, 2);
  v->depot = _jc_store_column_dup (stmt, 3);
  v->depot_lat = sqlite3_column_double (stmt, 4);
  v->depot_lon = sqlite3_column_double (stmt, 5);
  v->start_time = sqlite3_column_int (stmt, 6);
  v->speed_kmh = sqlite3_column_int (stmt, 7);
  v->service_min = sqlite3_column_int (stmt, 8);
  v->active = sqlite3_column_int (stmt, 9) != 0;
  return v;
}

GPtrArray *
jc_store_list_vehicles (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE active = 1 OR ? = 1 ORDER BY plate", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive ? 1 : 0);
  return collect (store, stmt, (gpointer) vehicle_from_row, (GDestroyNotify) jc_vehicle_free,
                  _("Could not read the vehicles"), error);
}

JcVehicle *
jc_store_get_vehicle (JcStore     *store,
                      const char  *plate,
                      GError     **error)
{
  sqlite3_stmt *stmt = _jc_store_prepare (store,
    "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE plate = ?", error);
  JcVehicle *v = NULL;

  if (stmt == NULL)
    return NULL;
  _jc_store_bind_text (stmt, 1, plate);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = vehicle_from_row (stmt);
  sqlite3_reset (stmt);
  if (v == NULL)
    g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No vehicle “%s”"),
                 plate ? plate : "");
  return v;
}

static gboolean
write_vehicle (JcStore          *store,
               const char       *sql,
               const JcVehicle  *v,
               gint64           *out_id,
               GError          **error)
{
  sqlite3_stmt *stmt;
  gboolean dup = FALSE;
  int rc;

  if (!jc_vehicle_validate (v, error))
    return FALSE;
  if (!exists (store, "SELECT 1 FROM vehicles WHERE plate = ? AND id <> ?", v->plate, v->id,
               &dup, error))
    return FALSE;
  if (dup)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE,
                   _("plate: “%s” is already used by another vehicle"), v->plate);
      return FALSE;
    }
  stmt = _jc_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, v->plate);
  sqlite3_bind_int64 (stmt, 2, v->capacity_kg);
  _jc_store_bind_text (stmt, 3, v->depot);
  sqlite3_bind_double (stmt, 4, v->depot_lat);
  sqlite3_bind_double (stmt, 5, v->depot_lon);
  sqlite3_bind_int (stmt, 6, v->start_time);
  sqlite3_bind_int (stmt, 7, v->speed_kmh);
  sqlite3_bind_int (stmt, 8, v->service_min);
  sqlite3_bind_int (stmt, 9, v->active ? 1 : 0);
  if (out_id == NULL)
    sqlite3_bind_int64 (stmt, 10, v->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && out_id != NULL)
    {
      *out_id = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _jc_store_set_error (store, rc, _("Could not save the vehicle"), error);
  if (out_id == NULL && sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No vehicle “%s”"), v->plate);
      return FALSE;
    }
  return TRUE;
}

gboolean
jc_store_insert_vehicle (JcStore    *store,
                         JcVehicle  *vehicle,
                         GError    **error)
{
  gint64 id = 0;

  vehicle->id = 0;
  if (!write_vehicle (store,
        "INSERT INTO vehicles (plate, capacity_kg, depot, depot_lat, depot_lon, start_time, "
        "speed_kmh, service_min, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        vehicle, &id, error))
    return FALSE;
  vehicle->id = id;
  return TRUE;
}

gboolean
jc_store_update_vehicle (JcStore          *store,
                         const JcVehicle  *vehicle,
                         GError          **error)
{
  g_return_val_if_fail (vehicle->id > 0, FALSE);

  return write_vehicle (store,
    "UPDATE vehicles SET plate = ?, capacity_kg = ?, depot = ?, depot_lat = ?, depot_lon = ?, "
    "start_time = ?, speed_kmh = ?, service_min = ?, active = ? WHERE id = ?",
    vehicle, NULL, error);
}

gboolean
jc_store_delete_vehicle (JcStore     *store,
                         const char  *plate,
                         GError     **error)
{
  return delete_row (store, "DELETE FROM vehicles WHERE plate = ?", plate, _("vehicle"), error);
}
