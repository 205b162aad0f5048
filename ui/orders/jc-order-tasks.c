/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-tasks.c: the orders UI's database work on GTask threads. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-tasks"

#include "jc-order-tasks.h"
#include "jc-task.h"

/* ---- results ----------------------------------------------------------- */

void
jc_order_board_line_free (JcOrderBoardLine *line)
{
  if (line == NULL)
    return;
  jc_board_row_free (line->row);
  g_free (line->updated_at);
  g_free (line);
}

void
jc_order_board_free (JcOrderBoard *board)
{
  if (board == NULL)
    return;
  g_free (board->date);
  g_free (board->cutoff);
  g_clear_pointer (&board->lines, g_ptr_array_unref);
  g_free (board);
}

void
jc_order_editor_data_free (JcOrderEditorData *data)
{
  if (data == NULL)
    return;
  jc_order_free (data->order);
  g_free (data->canteen_name);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_clear_pointer (&data->prices, g_hash_table_unref);
  g_clear_pointer (&data->spikes, g_ptr_array_unref);
  g_free (data->cutoff);
  g_free (data);
}

void
jc_order_save_result_free (JcOrderSaveResult *result)
{
  if (result == NULL)
    return;
  jc_order_free (result->order);
  g_clear_pointer (&result->spikes, g_ptr_array_unref);
  g_free (result);
}

void
jc_order_import_result_free (JcOrderImportResult *result)
{
  if (result == NULL)
    return;
  jc_import_plan_free (result->plan);
  g_clear_error (&result->error);
  g_free (result);
}

/**
 * jc_order_dup:
 * Returns: (transfer full): a deep copy of `order`, lines included.
 */
JcOrder *
jc_order_dup (const JcOrder *order)
{
  JcOrder *copy = jc_order_new ();

  copy->id = order->id;
  copy->canteen_id = order->canteen_id;
  copy->canteen_code = g_strdup (order->canteen_code);
  g_strlcpy (copy->date, order->date, sizeof copy->date);
  copy->status = order->status;
  copy->version = order->version;
  copy->late = order->late;
  copy->updated_at = g_strdup (order->updated_at);
  copy->submitted_at = g_strdup (order->submitted_at);
  for (guint i = 0; i < order->lines->len; i++)
    g_ptr_array_add (copy->lines, jc_order_line_copy (order->lines->pdata[i]));
  return copy;
}

/* ---- plumbing ---------------------------------------------------------- */

/* What a worker needs; every field is owned by the task. */
typedef struct {
  JcTaskData        base;
  char             *canteen;
  char             *path;
  char             *reason;
  char             *cutoff;
  char            **paths;
  JcOrder          *order;
  JcImportPlan     *plan;
  JcOrderSaveFlags  flags;
  JcOutputFlags     output_flags;
  gboolean          check_spikes;
  gint64            order_id;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td->canteen);
  g_free (td->path);
  g_free (td->reason);
  g_free (td->cutoff);
  g_strfreev (td->paths);
  jc_order_free (td->order);
  jc_import_plan_free (td->plan);
  g_free (td);
}

static GTask *
task_new (const char          *db_path,
          const char          *date,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          TaskData           **out)
{
  *out = g_new0 (TaskData, 1);
  return jc_task_new (*out, (GDestroyNotify) task_data_free, db_path, date, tag, cancellable,
                      callback, user_data);
}

/* ---- the board --------------------------------------------------------- */

static gpointer
load_board_func (JcStore       *store,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcOrderBoard) board = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GHashTable) updated = g_hash_table_new (g_str_hash, g_str_equal);

  rows = jc_orders_board (store, td->base.date, jc_store_get_stale_days (store), error);
  /* The board rows have no time of the last change: the orders do. */
  if (rows != NULL)
    orders = jc_store_list_orders (store, td->base.date, error);
  if (orders == NULL)
    return NULL;
  for (guint i = 0; i < orders->len; i++)
    {
      JcOrder *o = orders->pdata[i];

      g_hash_table_insert (updated, o->canteen_code, o->updated_at);
    }

  board = g_new0 (JcOrderBoard, 1);
  board->date = g_strdup (td->base.date);
  board->cutoff = jc_orders_cutoff_for (store, td->base.date);
  board->past_cutoff = jc_orders_is_past_cutoff (store, td->base.date, NULL);
  board->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_board_line_free);
  for (guint i = 0; i < rows->len; i++)
    {
      JcOrderBoardLine *line = g_new0 (JcOrderBoardLine, 1);
      const char *at;

      line->row = g_steal_pointer (&rows->pdata[i]);
      at = g_hash_table_lookup (updated, line->row->canteen_code);
      line->updated_at = at != NULL && *at != '\0' ? g_strdup (at) : NULL;
      g_ptr_array_add (board->lines, line);
    }
  return g_steal_pointer (&board);
}

/**
 * jc_order_task_load_board:
 * Reads the board of a delivery date: every active canteen with its
 * order's status, lines, estimated cost and last change, and the cutoff.
 */
void
jc_order_task_load_board (const char          *db_path,
                          const char          *date,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, date, jc_order_task_load_board, cancellable, callback,
                                    user_data, &td);

  jc_task_run_pointer (task, load_board_func, (GDestroyNotify) jc_order_board_free);
}

/**
 * jc_order_task_load_board_finish:
 * Returns: (transfer full): the board, or NULL with `error` set.
 */
JcOrderBoard *
jc_order_task_load_board_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_load_board, error);
}

/* ---- one order --------------------------------------------------------- */

static gpointer
load_order_func (JcStore       *store,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcOrderEditorData) data = g_new0 (JcOrderEditorData, 1);
  g_autoptr(JcCanteen) canteen = jc_store_get_canteen (store, td->canteen, error);

  if (canteen == NULL)
    return NULL;
  data->canteen_name = g_strdup (canteen->name);
  if ((data->order = jc_store_get_order (store, td->canteen, td->base.date, error)) == NULL ||
      (data->items = jc_store_list_items (store, FALSE, error)) == NULL ||
      (data->prices = jc_store_reference_prices (store, td->base.date,
                                                 jc_store_get_stale_days (store),
                                                 error)) == NULL ||
      (data->spikes = jc_orders_find_spikes (store, data->order, error)) == NULL)
    return NULL;
  data->cutoff = jc_orders_cutoff_for (store, td->base.date);
  data->past_cutoff = jc_orders_is_past_cutoff (store, td->base.date, NULL);
  return g_steal_pointer (&data);
}

/**
 * jc_order_task_load_order:
 * Reads a canteen's order of a delivery date (a new empty one when none is
 * stored), the active catalog, the date's reference prices, the unusual
 * quantities of the stored lines and the cutoff.
 */
void
jc_order_task_load_order (const char          *db_path,
                          const char          *canteen_code,
                          const char          *date,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, date, jc_order_task_load_order, cancellable, callback,
                                    user_data, &td);

  td->canteen = g_strdup (canteen_code);
  jc_task_run_pointer (task, load_order_func, (GDestroyNotify) jc_order_editor_data_free);
}

JcOrderEditorData *
jc_order_task_load_order_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_load_order, error);
}

/* ---- unusual quantities ------------------------------------------------ */

static gpointer
find_spikes_func (JcStore       *store,
                  gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TaskData *td = task_data;

  return jc_orders_find_spikes (store, td->order, error);
}

/**
 * jc_order_task_find_spikes:
 * The lines of `order` (copied) more than 5× the canteen's 8-week median:
 * JcSpike *s.
 */
void
jc_order_task_find_spikes (const char          *db_path,
                           const JcOrder       *order,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, NULL, jc_order_task_find_spikes, cancellable, callback,
                                    user_data, &td);

  td->order = jc_order_dup (order);
  jc_task_run_pointer (task, find_spikes_func, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
jc_order_task_find_spikes_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_find_spikes, error);
}

/* ---- saving ------------------------------------------------------------ */

static gpointer
save_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcOrderSaveResult) result = g_new0 (JcOrderSaveResult, 1);

  if (td->check_spikes)
    {
      result->spikes = jc_orders_find_spikes (store, td->order, error);
      if (result->spikes == NULL)
        return NULL;
      if (result->spikes->len > 0)
        return g_steal_pointer (&result);
    }
  else
    result->spikes = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_spike_free);
  /* NULL: the store records the OS user. */
  if (!jc_orders_save (store, td->order, td->flags, NULL, td->reason, NULL, error))
    return NULL;
  result->order = g_steal_pointer (&td->order);
  return g_steal_pointer (&result);
}

/**
 * jc_order_task_save:
 * Saves a copy of `order` with jc_orders_save().  With `check_spikes`
 * it first looks for unusual quantities and, if there are any, saves
 * nothing and returns them to be confirmed.
 */
void
jc_order_task_save (const char          *db_path,
                    const JcOrder       *order,
                    JcOrderSaveFlags     flags,
                    const char          *reason,
                    gboolean             check_spikes,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, NULL, jc_order_task_save, cancellable, callback,
                                    user_data, &td);

  td->order = jc_order_dup (order);
  td->flags = flags;
  td->reason = g_strdup (reason);
  td->check_spikes = check_spikes;
  jc_task_run_pointer (task, save_func, (GDestroyNotify) jc_order_save_result_free);
}

JcOrderSaveResult *
jc_order_task_save_finish (GAsyncResult  *result,
                           GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_save, error);
}

/* ---- history ----------------------------------------------------------- */

static gpointer
history_func (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  TaskData *td = task_data;

  return jc_store_order_history (store, td->order_id, error);
}

/**
 * jc_order_task_history:
 * The audit trail of an order: JcAuditEntry *s, oldest first.
 */
void
jc_order_task_history (const char          *db_path,
                       gint64               order_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, NULL, jc_order_task_history, cancellable, callback,
                                    user_data, &td);

  td->order_id = order_id;
  jc_task_run_pointer (task, history_func, (GDestroyNotify) g_ptr_array_unref);
}

GPtrArray *
jc_order_task_history_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_history, error);
}

/* ---- last week --------------------------------------------------------- */

static gpointer
copy_last_week_func (JcStore       *store,
                     gpointer       task_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TaskData *td = task_data;

  return jc_orders_copy_last_week (store, td->canteen, td->base.date, error);
}

/**
 * jc_order_task_copy_last_week:
 * The order of `date` with the lines of the same canteen's order a week
 * before (jc_orders_copy_last_week()); nothing is stored.
 */
void
jc_order_task_copy_last_week (const char          *db_path,
                              const char          *canteen_code,
                              const char          *date,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, date, jc_order_task_copy_last_week, cancellable,
                                    callback, user_data, &td);

  td->canteen = g_strdup (canteen_code);
  jc_task_run_pointer (task, copy_last_week_func, (GDestroyNotify) jc_order_free);
}

JcOrder *
jc_order_task_copy_last_week_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_copy_last_week, error);
}

/* ---- import ------------------------------------------------------------ */

static gpointer
import_prepare_func (JcStore       *store,
                     gpointer       task_data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TaskData *td = task_data;

  return jc_order_import_prepare (store, (const char * const *) td->paths, error);
}

/**
 * jc_order_task_import_prepare:
 * Reads and checks order files (jc_order_import_prepare()); stores nothing.
 */
void
jc_order_task_import_prepare (const char          *db_path,
                              const char * const  *paths,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, NULL, jc_order_task_import_prepare, cancellable,
                                    callback, user_data, &td);

  td->paths = g_strdupv ((char **) paths);
  jc_task_run_pointer (task, import_prepare_func, (GDestroyNotify) jc_import_plan_free);
}

JcImportPlan *
jc_order_task_import_prepare_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_import_prepare, error);
}

static gpointer
import_apply_func (JcStore       *store,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TaskData *td = task_data;
  JcOrderImportResult *result = g_new0 (JcOrderImportResult, 1);

  /* NULL: the store records the OS user. */
  jc_order_import_apply (store, td->plan, td->flags, NULL, NULL, &result->error);
  result->plan = g_steal_pointer (&td->plan);
  return result;
}

/**
 * jc_order_task_import_apply:
 * @plan: (transfer full): a prepared plan; it comes back in the result with
 *   each file's state and outcome
 * Stores the files without errors (jc_order_import_apply()).
 */
void
jc_order_task_import_apply (const char          *db_path,
                            JcImportPlan        *plan,
                            JcOrderSaveFlags     flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, NULL, jc_order_task_import_apply, cancellable,
                                    callback, user_data, &td);

  td->plan = plan;
  td->flags = flags;
  jc_task_run_pointer (task, import_apply_func, (GDestroyNotify) jc_order_import_result_free);
}

JcOrderImportResult *
jc_order_task_import_apply_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return jc_task_propagate_pointer (result, jc_order_task_import_apply, error);
}

/* ---- order forms ------------------------------------------------------- */

static gboolean
write_form_func (JcStore       *store,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TaskData *td = task_data;

  if (g_str_has_suffix (td->path, ".csv") || g_str_has_suffix (td->path, ".CSV"))
    return jc_order_form_write_csv (store, td->canteen, td->base.date, td->path,
                                    td->output_flags, error);
  return jc_order_form_write (store, td->canteen, td->base.date, td->path, td->output_flags,
                              error);
}

/**
 * jc_order_task_write_form:
 * Writes the order form of a canteen and delivery date to `path`: CSV when
 * the name ends in .csv, else XLSX; `flags` as jc_save_file_choose() gave
 * them (JC_OUTPUT_REPLACE: the person agreed to replace the file).
 */
void
jc_order_task_write_form (const char          *db_path,
                          const char          *canteen_code,
                          const char          *date,
                          const char          *path,
                          JcOutputFlags        flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, date, jc_order_task_write_form, cancellable, callback,
                                    user_data, &td);

  td->canteen = g_strdup (canteen_code);
  td->path = g_strdup (path);
  td->output_flags = flags;
  jc_task_run_boolean (task, write_form_func);
}

gboolean
jc_order_task_write_form_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return jc_task_propagate_boolean (result, jc_order_task_write_form, error);
}

/* ---- the cutoff of a date ---------------------------------------------- */

static gboolean
set_cutoff_func (JcStore       *store,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TaskData *td = task_data;

  if (td->cutoff != NULL)
    return jc_orders_set_cutoff (store, td->base.date, td->cutoff, error);
  return jc_orders_reset_cutoff (store, td->base.date, error);
}

/**
 * jc_order_task_set_cutoff:
 * Sets the cutoff of the delivery date `date` to `cutoff` (local
 * "YYYY-MM-DDTHH:MM"), or back to the office default when `cutoff` is NULL.
 */
void
jc_order_task_set_cutoff (const char          *db_path,
                          const char          *date,
                          const char          *cutoff,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (db_path, date, jc_order_task_set_cutoff, cancellable, callback,
                                    user_data, &td);

  td->cutoff = g_strdup (cutoff);
  jc_task_run_boolean (task, set_cutoff_func);
}

gboolean
jc_order_task_set_cutoff_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return jc_task_propagate_boolean (result, jc_order_task_set_cutoff, error);
}
