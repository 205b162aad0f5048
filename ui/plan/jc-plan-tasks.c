/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-tasks.c: the purchase plan UI's database work on GTask threads. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-tasks"

#include "jc-plan-tasks.h"
#include "jc-task.h"
#include "jc-prices.h"
#include "jc-plan-doc.h"
#include "jc-orders.h"

typedef struct {
  JcTaskData        base;
  char             *who;
  char             *reason;
  char             *item_code;
  char             *path;
  gint64            supplement_id;
  gint64            qty_milli;
  gint64            price_milliyuan;
  JcPlanExportKind  kind;
  JcOutputFlags     flags;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td->who);
  g_free (td->reason);
  g_free (td->item_code);
  g_free (td->path);
  g_free (td);
}

/* The task on its own connection to the database of `store`. */
static GTask *
task_new (JcStore             *store,
          const char          *date,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          TaskData           **out)
{
  *out = g_new0 (TaskData, 1);
  return jc_task_new_for_store (*out, (GDestroyNotify) task_data_free, store, date, tag,
                                cancellable, callback, user_data);
}

/* ---- load ---------------------------------------------------------------- */

static gpointer
load_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;

  return jc_plan_load (store, td->base.date, jc_store_get_stale_days (store), error);
}

void
jc_plan_task_load (JcStore             *store,
                   const char          *date,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_load, cancellable, callback,
                                    user_data, &td);

  jc_task_run_pointer (task, load_func, (GDestroyNotify) jc_plan_free);
}

JcPlan *
jc_plan_task_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  return jc_task_propagate_pointer (result, jc_plan_task_load, error);
}

/* ---- lock, unlock, record -------------------------------------------------- */

static gboolean
lock_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;

  return jc_plan_lock (store, td->base.date, jc_store_get_stale_days (store), td->who, error);
}

void
jc_plan_task_lock (JcStore             *store,
                   const char          *date,
                   const char          *who,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->who = g_strdup (who);
  jc_task_run_boolean (task, lock_func);
}

static gboolean
unlock_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;

  return jc_plan_unlock (store, td->base.date, td->who, td->reason, error);
}

void
jc_plan_task_unlock (JcStore             *store,
                     const char          *date,
                     const char          *who,
                     const char          *reason,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->who = g_strdup (who);
  td->reason = g_strdup (reason);
  jc_task_run_boolean (task, unlock_func);
}

/* ---- late orders --------------------------------------------------------- */

void
jc_plan_late_free (JcPlanLate *late)
{
  if (late == NULL)
    return;
  g_clear_pointer (&late->pending, g_ptr_array_unref);
  g_clear_pointer (&late->missing, g_ptr_array_unref);
  g_free (late);
}

static gpointer
late_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcPlanLate) late = g_new0 (JcPlanLate, 1);

  late->pending = jc_orders_list_pending_late (store, td->base.date, error);
  if (late->pending != NULL)
    late->missing = jc_orders_missing_canteens (store, td->base.date, error);
  return late->missing != NULL ? g_steal_pointer (&late) : NULL;
}

void
jc_plan_task_late (JcStore             *store,
                   const char          *date,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_late, cancellable, callback,
                                    user_data, &td);

  jc_task_run_pointer (task, late_func, (GDestroyNotify) jc_plan_late_free);
}

JcPlanLate *
jc_plan_task_late_finish (GAsyncResult  *result,
                          GError       **error)
{
  return jc_task_propagate_pointer (result, jc_plan_task_late, error);
}

static gboolean
settle_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;

  if (td->reason != NULL)
    return jc_orders_decline (store, td->base.date, td->item_code, td->who, td->reason, error);
  return jc_plan_supplement (store, td->base.date, td->item_code, td->who, NULL, NULL, error);
}

void
jc_plan_task_supplement (JcStore             *store,
                         const char          *date,
                         const char          *canteen,
                         const char          *who,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->item_code = g_strdup (canteen);   /* the canteen code */
  td->who = g_strdup (who);
  jc_task_run_boolean (task, settle_func);
}

void
jc_plan_supplement_preview_free (JcPlanSupplementPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->canteen_code);
  g_free (preview->canteen_name);
  g_free (preview);
}

static gpointer
supplement_preview_func (JcStore       *store,
                         gpointer       task_data,
                         GCancellable  *cancellable,
                         GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcPlanSupplementPreview) preview = g_new0 (JcPlanSupplementPreview, 1);
  g_autoptr(JcCanteen) canteen = jc_store_get_canteen (store, td->item_code, error);

  if (canteen == NULL ||
      !jc_plan_supplement_preview (store, td->base.date, td->item_code, &preview->n_lines,
                                   &preview->cost_fen, &preview->n_no_price, error))
    return NULL;
  preview->canteen_code = g_strdup (canteen->code);
  preview->canteen_name = g_strdup (canteen->name);
  return g_steal_pointer (&preview);
}

void
jc_plan_task_supplement_preview (JcStore             *store,
                                 const char          *date,
                                 const char          *canteen,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_supplement_preview, cancellable,
                                    callback, user_data, &td);

  td->item_code = g_strdup (canteen);   /* the canteen code */
  jc_task_run_pointer (task, supplement_preview_func,
                       (GDestroyNotify) jc_plan_supplement_preview_free);
}

JcPlanSupplementPreview *
jc_plan_task_supplement_preview_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return jc_task_propagate_pointer (result, jc_plan_task_supplement_preview, error);
}

void
jc_plan_task_decline (JcStore             *store,
                      const char          *date,
                      const char          *canteen,
                      const char          *who,
                      const char          *reason,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->item_code = g_strdup (canteen);   /* the canteen code */
  td->who = g_strdup (who);
  td->reason = g_strdup (reason);
  jc_task_run_boolean (task, settle_func);
}

static gboolean
record_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;

  if (td->supplement_id != 0)
    return jc_plan_record_supplement_purchase (store, td->base.date, td->supplement_id,
                                               td->qty_milli, td->price_milliyuan, td->who, "",
                                               error);
  return jc_plan_record_purchase (store, td->base.date, td->item_code, td->qty_milli,
                                  td->price_milliyuan, td->who, "", error);
}

static gboolean
remove_purchase_func (JcStore       *store,
                      gpointer       task_data,
                      GCancellable  *cancellable,
                      GError       **error)
{
  TaskData *td = task_data;

  return jc_plan_remove_purchase (store, td->base.date, td->item_code, td->who, td->reason, error);
}

void
jc_plan_task_remove_purchase (JcStore             *store,
                              const char          *date,
                              const char          *item_code,
                              const char          *who,
                              const char          *reason,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->item_code = g_strdup (item_code);
  td->who = g_strdup (who);
  td->reason = g_strdup (reason);
  jc_task_run_boolean (task, remove_purchase_func);
}

void
jc_plan_task_record (JcStore             *store,
                     const char          *date,
                     const char          *item_code,
                     gint64               supplement_id,
                     gint64               qty_milli,
                     gint64               price_milliyuan,
                     const char          *who,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->item_code = g_strdup (item_code);
  td->supplement_id = supplement_id;
  td->qty_milli = qty_milli;
  td->price_milliyuan = price_milliyuan;
  td->who = g_strdup (who);
  jc_task_run_boolean (task, record_func);
}

/* ---- export ---------------------------------------------------------------- */

static gboolean
export_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcPlan) plan = jc_plan_load (store, td->base.date, jc_store_get_stale_days (store),
                                         error);

  if (plan == NULL)
    return FALSE;
  if (td->kind == JC_PLAN_EXPORT_PDF)
    return jc_plan_export_pdf (plan, td->path, td->flags, error);
  return jc_plan_export_xlsx (plan, td->path, td->flags, error);
}

void
jc_plan_task_export (JcStore             *store,
                     const char          *date,
                     JcPlanExportKind     kind,
                     const char          *path,
                     JcOutputFlags        flags,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_plan_task_finish, cancellable, callback,
                                    user_data, &td);

  td->kind = kind;
  td->flags = flags;
  td->path = g_strdup (path);
  jc_task_run_boolean (task, export_func);
}

gboolean
jc_plan_task_finish (GAsyncResult  *result,
                     GError       **error)
{
  return jc_task_propagate_boolean (result, jc_plan_task_finish, error);
}
