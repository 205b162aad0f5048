/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-master.c: the SQL of master data: categories, catalog items
 * with their aliases, canteens and vehicles.  Each table is read through
 * read_row()/collect() and written through one MasterTable (its INSERT,
 * its UPDATE and how a record binds to them).  It checks only what the
 * database decides (the category exists, a code, plate or alias is not
 * taken): the rules of a record are the domain's (jc-master-save.c
 * validates before it calls here). */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-pinyin.h"
#include "jc-store-private.h"

/* Every row `stmt` gives, each made by `from_row`; `what` says what could
 * not be read. */
static GPtrArray *
collect (JcStore        *store,
         JcDbStmt *	stmt,
         gpointer      (*from_row) (JcDbStmt *),
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_func);
  JcDbStep rc;

  while ((rc = jc_db_step (stmt, NULL)) == JC_DB_ROW)
    g_ptr_array_add (out, from_row (stmt));
  jc_db_reset (stmt);
  if (rc != JC_DB_DONE)
    {
      _jc_store_db_failed (store, what, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Reads the one row `sql` selects by `key` into *out (NULL when there is
 * none); *rc is the step's result.  FALSE when the statement could not be
 * prepared (error set). */
static gboolean
read_row (JcStore       *store,
          const char    *sql,
          const char    *key,
          gpointer     (*from_row) (JcDbStmt *),
          gpointer      *out,
          JcDbStep      *rc,
          GError       **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  *rc = jc_db_step (stmt, NULL);
  if (*rc == JC_DB_ROW)
    *out = from_row (stmt);
  jc_db_reset (stmt);
  return TRUE;
}

/* ---- categories ---------------------------------------------------- */

static JcCategory *
category_from_row (JcDbStmt *stmt)
{
  JcCategory *c = jc_category_new ();

  c->code = _jc_store_column_dup (stmt, 0);
  c->name = _jc_store_column_dup (stmt, 1);
  c->position = (int) jc_db_column_int64 (stmt, 2);
  return c;
}

GPtrArray *
jc_store_list_categories (JcStore  *store,
                          GError  **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT code, name, position FROM categories ORDER BY position, code", error);

  if (stmt == NULL)
    return NULL;
  return collect (store, stmt, (gpointer) category_from_row, (GDestroyNotify) jc_category_free,
                  _("Could not read the categories"), error);
}

JcCategory *
jc_store_find_category (JcStore     *store,
                        const char  *code_or_name,
                        GError     **error)
{
  JcCategory *c = NULL;
  JcDbStep rc;

  if (!read_row (store, "SELECT code, name, position FROM categories WHERE code = ?1 OR name = ?1",
                 code_or_name, (gpointer) category_from_row, (gpointer *) &c, &rc, error))
    return NULL;
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
item_from_row (JcDbStmt *stmt)
{
  JcItem *item = jc_item_new ();

  item->id = jc_db_column_int64 (stmt, 0);
  item->code = _jc_store_column_dup (stmt, 1);
  item->name = _jc_store_column_dup (stmt, 2);
  item->category = _jc_store_column_dup (stmt, 3);
  item->pinyin = _jc_store_column_dup (stmt, 4);
  if (!jc_base_unit_from_string (jc_db_column_text (stmt, 5), &item->base_unit))
    item->base_unit = JC_BASE_UNIT_KG;
  item->pack_milli = jc_db_column_int64 (stmt, 6);
  item->piece_mass_mg = jc_db_column_int64 (stmt, 7);
  item->loss_permille = (int) jc_db_column_int64 (stmt, 8);
  item->active = (int) jc_db_column_int64 (stmt, 9) != 0;
  return item;
}

static const char *
item_key (gconstpointer record)
{
  return ((const JcItem *) record)->code;
}

static void
item_taken (GError     **error,
            const char  *code)
{
  g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
               _("code: “%s” is already used by another item"), code);
}

static void
item_missing (GError     **error,
              const char  *code)
{
  g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No catalog item “%s”"), code);
}

/* Fills in the aliases of `items` (sorted by nothing in particular) with one
 * query rather than one per item. */
static gboolean
load_aliases (JcStore    *store,
              GPtrArray  *items,
              gint64      only_id,
              GError    **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT item_id, alias FROM item_aliases WHERE item_id = ? OR ? = 0 ORDER BY item_id, alias",
    error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) lists = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  JcDbStep rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_id, &item->id, item);
    }
  jc_db_bind_int64 (stmt, 1, only_id);
  jc_db_bind_int64 (stmt, 2, only_id);
  while ((rc = jc_db_step (stmt, NULL)) == JC_DB_ROW)
    {
      gint64 id = jc_db_column_int64 (stmt, 0);
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
  jc_db_reset (stmt);
  if (rc != JC_DB_DONE)
    return _jc_store_db_failed (store, _("Could not read the aliases"), error);
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

GPtrArray *
jc_store_list_items (JcStore   *store,
                     gboolean   include_inactive,
                     GError   **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store,
    "SELECT " ITEM_COLUMNS "FROM items i JOIN categories c ON c.id = i.category_id "
    "WHERE i.active = 1 OR ? = 1 ORDER BY c.position, i.code", error);
  g_autoptr(GPtrArray) items = NULL;

  if (stmt == NULL)
    return NULL;
  jc_db_bind_int64 (stmt, 1, include_inactive ? 1 : 0);
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
  JcItem *item = NULL;
  JcDbStep rc = JC_DB_DONE;

  if (!read_row (store, sql, key, (gpointer) item_from_row, (gpointer *) &item, &rc, error))
    return NULL;
  if (rc == JC_DB_ERROR)
    _jc_store_db_failed (store, _("Could not read the catalog"), error);
  else if (item == NULL)
    item_missing (error, key ? key : "");
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

/* Whether another row than `except_id` has `key`, by `sql` (?1 the key,
 * ?2 the id): a code, plate or alias already taken. */
static gboolean
exists (JcStore     *store,
        const char  *sql,
        const char  *key,
        gint64       except_id,
        gboolean    *out,
        GError     **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, sql, error);
  JcDbStep rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  jc_db_bind_int64 (stmt, 2, except_id);
  rc = jc_db_step (stmt, NULL);
  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR)
    return _jc_store_db_failed (store, _("Could not check for duplicates"), error);
  *out = rc == JC_DB_ROW;
  return TRUE;
}

/* One table of master data: how it is read, written and named. */
typedef struct {
  /* SELECT … WHERE active = 1 OR ?1 = 1, and SELECT … WHERE key = ?1 */
  const char    *list_sql;
  const char    *get_sql;
  gpointer     (*from_row) (JcDbStmt *stmt);
  GDestroyNotify free_func;
  const char    *list_failed;  /* N_() */
  /* INSERT … RETURNING id, and UPDATE … WHERE id = ?(n_columns + 1) */
  const char    *insert_sql;
  const char    *update_sql;
  int            n_columns;
  /* Binds the record's columns to ?1…?n_columns; `extra` is the item's
   * category id. */
  void         (*bind) (JcDbStmt *	stmt,
                        gconstpointer  record,
                        gint64         extra);
  const char    *save_failed;  /* N_() */
  /* SELECT 1 … WHERE key = ?1 AND id <> ?2: the key is taken */
  const char    *taken_sql;
  const char  *(*get_key) (gconstpointer record);
  /* The errors that name the key: taken by another row, no such row. */
  void         (*set_taken)   (GError     **error,
                               const char  *key);
  void         (*set_missing) (GError     **error,
                               const char  *key);
  const char    *delete_sql;
  const char    *kind;         /* N_(): "canteen" */
} MasterTable;

static GPtrArray *
list_rows (JcStore            *store,
           const MasterTable  *table,
           gboolean            include_inactive,
           GError            **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, table->list_sql, error);

  if (stmt == NULL)
    return NULL;
  jc_db_bind_int64 (stmt, 1, include_inactive ? 1 : 0);
  return collect (store, stmt, table->from_row, table->free_func, _(table->list_failed), error);
}

static gpointer
get_row (JcStore            *store,
         const MasterTable  *table,
         const char         *key,
         GError            **error)
{
  gpointer record = NULL;
  JcDbStep rc;

  if (!read_row (store, table->get_sql, key, table->from_row, &record, &rc, error))
    return NULL;
  if (record == NULL)
    table->set_missing (error, key ? key : "");
  return record;
}

/* FALSE with the table's "taken" error when another row than `id` has
 * the record's key. */
static gboolean
check_taken (JcStore            *store,
             const MasterTable  *table,
             gconstpointer       record,
             gint64              id,
             GError            **error)
{
  gboolean dup = FALSE;

  if (!exists (store, table->taken_sql, table->get_key (record), id, &dup, error))
    return FALSE;
  if (dup)
    {
      table->set_taken (error, table->get_key (record));
      return FALSE;
    }
  return TRUE;
}

/* Inserts the record when *id is 0 (setting *id to the new row's id), else
 * updates the row *id.  An UPDATE that changed nothing is not an error
 * here: the caller says what was not found (no row changed). */
static gboolean
write_row (JcStore            *store,
           const MasterTable  *table,
           gconstpointer       record,
           gint64              extra,
           gint64             *id,
           GError            **error)
{
  gboolean insert = *id == 0;
  JcDbStmt *stmt = _jc_store_prepare (store, insert ? table->insert_sql : table->update_sql,
                                          error);
  JcDbStep rc;

  if (stmt == NULL)
    return FALSE;
  table->bind (stmt, record, extra);
  if (!insert)
    jc_db_bind_int64 (stmt, table->n_columns + 1, *id);
  rc = jc_db_step (stmt, NULL);
  if (rc == JC_DB_ROW && insert)
    {
      *id = jc_db_column_int64 (stmt, 0);
      rc = jc_db_step (stmt, NULL);
    }
  jc_db_reset (stmt);
  if (rc != JC_DB_DONE)
    return _jc_store_db_failed (store, _(table->save_failed), error);
  return TRUE;
}

static gboolean
nothing_changed (JcStore *store)
{
  return _jc_store_changes (store) == 0;
}

/* A table without a savepoint of its own (canteens, vehicles): the key
 * checked, then the row written — a new one (*id set) when *id is 0, else
 * the row *id, which must exist. */
static gboolean
save_row (JcStore            *store,
          const MasterTable  *table,
          gconstpointer       record,
          gint64             *id,
          GError            **error)
{
  gboolean insert = *id == 0;

  if (!check_taken (store, table, record, *id, error) ||
      !write_row (store, table, record, 0, id, error))
    return FALSE;
  if (!insert && nothing_changed (store))
    {
      table->set_missing (error, table->get_key (record));
      return FALSE;
    }
  return TRUE;
}

/* Deletes a row that nothing refers to.  A row with history (prices, orders)
 * is refused with IN_USE: deactivating keeps that history readable. */
static gboolean
delete_row (JcStore            *store,
            const MasterTable  *table,
            const char         *key,
            GError            **error)
{
  JcDbStmt *stmt = _jc_store_prepare (store, table->delete_sql, error);
  const char *kind = _(table->kind);
  JcDbStep rc;

  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, key);
  rc = jc_db_step (stmt, NULL);
  jc_db_reset (stmt);
  if (rc == JC_DB_ERROR && _jc_store_last_code (store) == JC_STORE_ERROR_CONSTRAINT)
    return _jc_store_error_printf (error, JC_STORE_ERROR_IN_USE,
                            _("%s “%s” has history (prices or orders) and cannot be removed; "
                              "deactivate it instead"), kind, key);
  if (rc != JC_DB_DONE)
    return _jc_store_db_failed (store, kind, error);
  if (nothing_changed (store))
    return _jc_store_error_printf (error, JC_STORE_ERROR_NOT_FOUND, _("No %s “%s”"), kind, key);
  return TRUE;
}

static void
bind_item (JcDbStmt *	stmt,
           gconstpointer  record,
           gint64         category_id)
{
  const JcItem *item = record;
  g_autofree char *pinyin = NULL;

  if (item->pinyin == NULL || *item->pinyin == '\0')
    pinyin = jc_pinyin_initials (item->name);
  else
    pinyin = g_strdup (item->pinyin);
  _jc_store_bind_text (stmt, 1, item->code);
  _jc_store_bind_text (stmt, 2, item->name);
  jc_db_bind_int64 (stmt, 3, category_id);
  _jc_store_bind_text (stmt, 4, pinyin);
  _jc_store_bind_text (stmt, 5, jc_base_unit_to_string (item->base_unit));
  if (item->pack_milli > 0)
    jc_db_bind_int64 (stmt, 6, item->pack_milli);
  else
    jc_db_bind_null (stmt, 6);
  if (item->piece_mass_mg > 0)
    jc_db_bind_int64 (stmt, 7, item->piece_mass_mg);
  else
    jc_db_bind_null (stmt, 7);
  jc_db_bind_int64 (stmt, 8, item->loss_permille);
  jc_db_bind_int64 (stmt, 9, item->active ? 1 : 0);
}

/* Items are listed and read with their aliases (jc_store_list_items()). */
static const MasterTable item_table = {
  .insert_sql =
    "INSERT INTO items (code, name, category_id, pinyin, base_unit, pack_milli, "
    "piece_mass_mg, loss_permille, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
  .update_sql =
    "UPDATE items SET code = ?, name = ?, category_id = ?, pinyin = ?, base_unit = ?, "
    "pack_milli = ?, piece_mass_mg = ?, loss_permille = ?, active = ? WHERE id = ?",
  .n_columns = 9,
  .bind = bind_item,
  .save_failed = N_("Could not save the item"),
  .taken_sql = "SELECT 1 FROM items WHERE code = ? AND id <> ?",
  .get_key = item_key,
  .set_taken = item_taken,
  .set_missing = item_missing,
  .delete_sql = "DELETE FROM items WHERE code = ?",
  .kind = N_("catalog item"),
};

/* Checks what only the database can: the category exists, code and aliases
 * are not taken by another item. */
static gboolean
check_item (JcStore       *store,
            const JcItem  *item,
            gint64        *category_id,
            GError       **error)
{
  JcDbStmt *stmt;
  gboolean dup = FALSE;

  stmt = _jc_store_prepare (store, "SELECT id FROM categories WHERE code = ? OR name = ?", error);
  if (stmt == NULL)
    return FALSE;
  _jc_store_bind_text (stmt, 1, item->category);
  _jc_store_bind_text (stmt, 2, item->category);
  if (jc_db_step (stmt, NULL) != JC_DB_ROW)
    {
      jc_db_reset (stmt);
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CATEGORY,
                   _("category: unknown category “%s”"), item->category);
      return FALSE;
    }
  *category_id = jc_db_column_int64 (stmt, 0);
  jc_db_reset (stmt);

  if (!check_taken (store, &item_table, item, item->id, error))
    return FALSE;
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

static gboolean
write_aliases (JcStore       *store,
               const JcItem  *item,
               GError       **error)
{
  JcDbStmt *del = _jc_store_prepare (store, "DELETE FROM item_aliases WHERE item_id = ?", error);
  JcDbStmt *ins;

  if (del == NULL)
    return FALSE;
  jc_db_bind_int64 (del, 1, item->id);
  if (!_jc_store_step_done (store, del, _("Could not save the aliases"), error))
    return FALSE;
  ins = _jc_store_prepare (store, "INSERT INTO item_aliases (alias, item_id) VALUES (?, ?)", error);
  if (ins == NULL)
    return FALSE;
  for (char **a = item->aliases; a != NULL && *a != NULL; a++)
    {
      jc_db_reset (ins);
      _jc_store_bind_text (ins, 1, *a);
      jc_db_bind_int64 (ins, 2, item->id);
      if (!_jc_store_step_done (store, ins, _("Could not save the aliases"), error))
        return FALSE;
    }
  return TRUE;
}

/* The item's row and its aliases, in one savepoint: a new one when
 * item->id is 0 (its id set), else the row item->id. */
static gboolean
write_item (JcStore  *store,
            JcItem   *item,
            GError  **error)
{
  gint64 category_id = 0;
  gint64 id = item->id;
  gboolean ok;

  if (!check_item (store, item, &category_id, error))
    return FALSE;
  if (!_jc_store_savepoint_begin (store, error))
    return FALSE;
  ok = write_row (store, &item_table, item, category_id, &id, error);
  if (ok && item->id == 0)
    {
      item->id = id;
      ok = id > 0;
    }
  else if (ok && nothing_changed (store))
    {
      item_missing (error, item->code);
      ok = FALSE;
    }
  ok = ok && write_aliases (store, item, error);
  return _jc_store_savepoint_end (store, ok, error) && ok;
}

/**
 * jc_store_insert_item:
 * Stores a new item with its aliases (jc_master_save_item() validates it
 * first); sets item->id (and item->pinyin when it was empty).
 */
gboolean
jc_store_insert_item (JcStore  *store,
                      JcItem   *item,
                      GError  **error)
{
  item->id = 0;
  if (!write_item (store, item, error))
    {
      item->id = 0;
      return FALSE;
    }
  if (item->pinyin == NULL || *item->pinyin == '\0')
    {
      g_free (item->pinyin);
      item->pinyin = jc_pinyin_initials (item->name);
    }
  return TRUE;
}

gboolean
jc_store_update_item (JcStore       *store,
                      const JcItem  *item,
                      GError       **error)
{
  g_return_val_if_fail (item->id > 0, FALSE);

  /* write_item changes an item only when inserting it */
  return write_item (store, (JcItem *) item, error);
}

gboolean
jc_store_delete_item (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  return delete_row (store, &item_table, code, error);
}

/* ---- canteens ------------------------------------------------------ */

#define CANTEEN_COLUMNS \
  "id, code, name, agency, address, lat, lon, window_start, window_end, diners, active "

static JcCanteen *
canteen_from_row (JcDbStmt *stmt)
{
  JcCanteen *c = jc_canteen_new ();

  c->id = jc_db_column_int64 (stmt, 0);
  c->code = _jc_store_column_dup (stmt, 1);
  c->name = _jc_store_column_dup (stmt, 2);
  c->agency = _jc_store_column_dup (stmt, 3);
  c->address = _jc_store_column_dup (stmt, 4);
  c->lat = jc_db_column_double (stmt, 5);
  c->lon = jc_db_column_double (stmt, 6);
  c->window_start = (int) jc_db_column_int64 (stmt, 7);
  c->window_end = (int) jc_db_column_int64 (stmt, 8);
  c->diners = (int) jc_db_column_int64 (stmt, 9);
  c->active = (int) jc_db_column_int64 (stmt, 10) != 0;
  return c;
}

static void
bind_canteen (JcDbStmt *	stmt,
              gconstpointer  record,
              gint64         unused)
{
  const JcCanteen *c = record;

  _jc_store_bind_text (stmt, 1, c->code);
  _jc_store_bind_text (stmt, 2, c->name);
  _jc_store_bind_text (stmt, 3, c->agency);
  _jc_store_bind_text (stmt, 4, c->address);
  jc_db_bind_double (stmt, 5, c->lat);
  jc_db_bind_double (stmt, 6, c->lon);
  jc_db_bind_int64 (stmt, 7, c->window_start);
  jc_db_bind_int64 (stmt, 8, c->window_end);
  jc_db_bind_int64 (stmt, 9, c->diners);
  jc_db_bind_int64 (stmt, 10, c->active ? 1 : 0);
}

static const char *
canteen_key (gconstpointer record)
{
  return ((const JcCanteen *) record)->code;
}

static void
canteen_taken (GError     **error,
               const char  *code)
{
  g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_CODE,
               _("code: “%s” is already used by another canteen"), code);
}

static void
canteen_missing (GError     **error,
                 const char  *code)
{
  g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No canteen “%s”"), code);
}

static const MasterTable canteen_table = {
  .list_sql =
    "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE active = 1 OR ? = 1 ORDER BY code",
  .get_sql = "SELECT " CANTEEN_COLUMNS "FROM canteens WHERE code = ?",
  .from_row = (gpointer) canteen_from_row,
  .free_func = (GDestroyNotify) jc_canteen_free,
  .list_failed = N_("Could not read the canteens"),
  .insert_sql =
    "INSERT INTO canteens (code, name, agency, address, lat, lon, window_start, "
    "window_end, diners, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
  .update_sql =
    "UPDATE canteens SET code = ?, name = ?, agency = ?, address = ?, lat = ?, lon = ?, "
    "window_start = ?, window_end = ?, diners = ?, active = ? WHERE id = ?",
  .n_columns = 10,
  .bind = bind_canteen,
  .save_failed = N_("Could not save the canteen"),
  .taken_sql = "SELECT 1 FROM canteens WHERE code = ? AND id <> ?",
  .get_key = canteen_key,
  .set_taken = canteen_taken,
  .set_missing = canteen_missing,
  .delete_sql = "DELETE FROM canteens WHERE code = ?",
  .kind = N_("canteen"),
};

GPtrArray *
jc_store_list_canteens (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  return list_rows (store, &canteen_table, include_inactive, error);
}

JcCanteen *
jc_store_get_canteen (JcStore     *store,
                      const char  *code,
                      GError     **error)
{
  return get_row (store, &canteen_table, code, error);
}

gboolean
jc_store_insert_canteen (JcStore    *store,
                         JcCanteen  *canteen,
                         GError    **error)
{
  gint64 id = 0;

  canteen->id = 0;
  if (!save_row (store, &canteen_table, canteen, &id, error))
    return FALSE;
  canteen->id = id;
  return TRUE;
}

gboolean
jc_store_update_canteen (JcStore          *store,
                         const JcCanteen  *canteen,
                         GError          **error)
{
  gint64 id = canteen->id;

  g_return_val_if_fail (canteen->id > 0, FALSE);

  return save_row (store, &canteen_table, canteen, &id, error);
}

gboolean
jc_store_delete_canteen (JcStore     *store,
                         const char  *code,
                         GError     **error)
{
  return delete_row (store, &canteen_table, code, error);
}

/* ---- vehicles ------------------------------------------------------ */

#define VEHICLE_COLUMNS \
  "id, plate, capacity_kg, depot, depot_lat, depot_lon, start_time, speed_kmh, service_min, active "

static JcVehicle *
vehicle_from_row (JcDbStmt *stmt)
{
  JcVehicle *v = jc_vehicle_new ();

  v->id = jc_db_column_int64 (stmt, 0);
  v->plate = _jc_store_column_dup (stmt, 1);
  v->capacity_kg = jc_db_column_int64 (stmt, 2);
  v->depot = _jc_store_column_dup (stmt, 3);
  v->depot_lat = jc_db_column_double (stmt, 4);
  v->depot_lon = jc_db_column_double (stmt, 5);
  v->start_time = (int) jc_db_column_int64 (stmt, 6);
  v->speed_kmh = (int) jc_db_column_int64 (stmt, 7);
  v->service_min = (int) jc_db_column_int64 (stmt, 8);
  v->active = (int) jc_db_column_int64 (stmt, 9) != 0;
  return v;
}

static void
bind_vehicle (JcDbStmt *	stmt,
              gconstpointer  record,
              gint64         unused)
{
  const JcVehicle *v = record;

  _jc_store_bind_text (stmt, 1, v->plate);
  jc_db_bind_int64 (stmt, 2, v->capacity_kg);
  _jc_store_bind_text (stmt, 3, v->depot);
  jc_db_bind_double (stmt, 4, v->depot_lat);
  jc_db_bind_double (stmt, 5, v->depot_lon);
  jc_db_bind_int64 (stmt, 6, v->start_time);
  jc_db_bind_int64 (stmt, 7, v->speed_kmh);
  jc_db_bind_int64 (stmt, 8, v->service_min);
  jc_db_bind_int64 (stmt, 9, v->active ? 1 : 0);
}

static const char *
vehicle_key (gconstpointer record)
{
  return ((const JcVehicle *) record)->plate;
}

static void
vehicle_taken (GError     **error,
               const char  *plate)
{
  g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_PLATE,
               _("plate: “%s” is already used by another vehicle"), plate);
}

static void
vehicle_missing (GError     **error,
                 const char  *plate)
{
  g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_NOT_FOUND, _("No vehicle “%s”"), plate);
}

static const MasterTable vehicle_table = {
  .list_sql =
    "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE active = 1 OR ? = 1 ORDER BY plate",
  .get_sql = "SELECT " VEHICLE_COLUMNS "FROM vehicles WHERE plate = ?",
  .from_row = (gpointer) vehicle_from_row,
  .free_func = (GDestroyNotify) jc_vehicle_free,
  .list_failed = N_("Could not read the vehicles"),
  .insert_sql =
    "INSERT INTO vehicles (plate, capacity_kg, depot, depot_lat, depot_lon, start_time, "
    "speed_kmh, service_min, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
  .update_sql =
    "UPDATE vehicles SET plate = ?, capacity_kg = ?, depot = ?, depot_lat = ?, depot_lon = ?, "
    "start_time = ?, speed_kmh = ?, service_min = ?, active = ? WHERE id = ?",
  .n_columns = 9,
  .bind = bind_vehicle,
  .save_failed = N_("Could not save the vehicle"),
  .taken_sql = "SELECT 1 FROM vehicles WHERE plate = ? AND id <> ?",
  .get_key = vehicle_key,
  .set_taken = vehicle_taken,
  .set_missing = vehicle_missing,
  .delete_sql = "DELETE FROM vehicles WHERE plate = ?",
  .kind = N_("vehicle"),
};

GPtrArray *
jc_store_list_vehicles (JcStore   *store,
                        gboolean   include_inactive,
                        GError   **error)
{
  return list_rows (store, &vehicle_table, include_inactive, error);
}

JcVehicle *
jc_store_get_vehicle (JcStore     *store,
                      const char  *plate,
                      GError     **error)
{
  return get_row (store, &vehicle_table, plate, error);
}

gboolean
jc_store_insert_vehicle (JcStore    *store,
                         JcVehicle  *vehicle,
                         GError    **error)
{
  gint64 id = 0;

  vehicle->id = 0;
  if (!save_row (store, &vehicle_table, vehicle, &id, error))
    return FALSE;
  vehicle->id = id;
  return TRUE;
}

gboolean
jc_store_update_vehicle (JcStore          *store,
                         const JcVehicle  *vehicle,
                         GError          **error)
{
  gint64 id = vehicle->id;

  g_return_val_if_fail (vehicle->id > 0, FALSE);

  return save_row (store, &vehicle_table, vehicle, &id, error);
}

gboolean
jc_store_delete_vehicle (JcStore     *store,
                         const char  *plate,
                         GError     **error)
{
  return delete_row (store, &vehicle_table, plate, error);
}
