/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-tasks.c: the deliveries page's work on GTask threads. */
#include "config.h"

#define G_LOG_DOMAIN "jc-delivery-tasks"

#include <glib/gi18n.h>

#include "jc-delivery-tasks.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-task.h"

/* ---- the shared plan ----------------------------------------------------- */

static void
plan_ref_clear (JcDeliveryPlanRef *ref)
{
  g_clear_pointer (&ref->plan, jc_delivery_plan_free);
}

JcDeliveryPlanRef *
jc_delivery_plan_ref_new (JcDeliveryPlan *plan)
{
  JcDeliveryPlanRef *ref = g_atomic_rc_box_new0 (JcDeliveryPlanRef);

  ref->plan = plan;
  return ref;
}

JcDeliveryPlanRef *
jc_delivery_plan_ref_ref (JcDeliveryPlanRef *ref)
{
  return g_atomic_rc_box_acquire (ref);
}

void
jc_delivery_plan_ref_unref (JcDeliveryPlanRef *ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) plan_ref_clear);
}

void
jc_delivery_state_free (JcDeliveryState *state)
{
  if (state == NULL)
    return;
  g_clear_pointer (&state->plan, jc_delivery_plan_free);
  g_strfreev (state->late_not_in);
  g_free (state);
}

/* ---- task plumbing ----------------------------------------------------------- */

typedef struct {
  JcTaskData              base;
  char                   *who;
  char                   *path;
  double                  seconds;
  JcDeliveryDocs          docs;
  JcOutputFlags           flags;
  JcDeliveryPlanRef      *ref;
  GCancellable           *solve_cancellable;
  JcDeliveryTaskProgress  progress;
} TaskData;

static void
task_data_free (TaskData *td)
{
  jc_task_data_clear (&td->base);
  g_free (td->who);
  g_free (td->path);
  g_clear_pointer (&td->ref, jc_delivery_plan_ref_unref);
  g_clear_object (&td->solve_cancellable);
  g_free (td);
}

/* The task on its own connection to the database of `store` (NULL: a task
 * without the database). */
static GTask *
task_new (JcStore             *store,
          const char          *date,
          gpointer             tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data,
          TaskData           **out)
{
  TaskData *td = g_new0 (TaskData, 1);

  *out = td;
  return jc_task_new_for_store (td, (GDestroyNotify) task_data_free, store, date, tag,
                                cancellable, callback, user_data);
}

/* ---- load ------------------------------------------------------------------------ */

static gpointer
load_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;
  g_autoptr(JcDeliveryState) state = g_new0 (JcDeliveryState, 1);
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  GError *local = NULL;

  state->plan = jc_delivery_load (store, td->base.date, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  vehicles = jc_store_list_vehicles (store, FALSE, error);
  if (vehicles == NULL)
    return NULL;
  state->n_vehicles = vehicles->len;
  pending = jc_orders_list_pending_late (store, td->base.date, error);
  if (pending == NULL)
    return NULL;
  for (guint i = 0; i < pending->len; i++)
    g_strv_builder_add (codes, ((JcOrder *) pending->pdata[i])->canteen_code);
  state->late_not_in = g_strv_builder_end (codes);
  if (state->plan != NULL)
    state->plan_locked = TRUE;
  else
    {
      g_autoptr(JcPlan) plan = jc_plan_load (store, td->base.date, jc_store_get_stale_days (store),
                                             error);

      if (plan == NULL)
        return NULL;
      state->plan_locked = plan->status == JC_PLAN_LOCKED;
    }
  return g_steal_pointer (&state);
}

void
jc_delivery_task_load (JcStore             *store,
                       const char          *date,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_delivery_task_load, cancellable, callback,
                                    user_data, &td);

  jc_task_run_pointer (task, load_func, (GDestroyNotify) jc_delivery_state_free);
}

JcDeliveryState *
jc_delivery_task_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_load, error);
}

/* ---- build --------------------------------------------------------------------------- */

static void
show_progress (GObject    *target,
               gpointer    task_data,
               double      fraction,
               const char *text)
{
  TaskData *td = task_data;

  td->progress (target, fraction);
}

/* From the solving thread: hand the fraction to the main thread. */
static void
build_progress (double                 fraction,
                const JcRouteSolution *best,
                gpointer               user_data)
{
  jc_task_progress (user_data, fraction, NULL);
}

static gpointer
build_func (JcStore       *store,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  TaskData *td = task_data;
  JcRouteOptions options;

  jc_route_options_init (&options);
  if (td->seconds > 0)
    options.seconds = td->seconds;
  return jc_delivery_build (store, td->base.date, &options, td->who, td->solve_cancellable,
                            build_progress, td, error);
}

void
jc_delivery_task_build (JcStore                *store,
                        const char             *date,
                        double                  seconds,
                        const char             *who,
                        GCancellable           *solve_cancellable,
                        GObject                *progress_target,
                        JcDeliveryTaskProgress  progress,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, date, jc_delivery_task_build, cancellable, callback,
                                    user_data, &td);

  td->seconds = seconds;
  td->who = g_strdup (who);
  td->solve_cancellable = solve_cancellable != NULL ? g_object_ref (solve_cancellable) : NULL;
  td->progress = progress;
  if (progress != NULL)
    jc_task_set_progress (task, progress_target, show_progress);
  jc_task_run_pointer (task, build_func, (GDestroyNotify) jc_delivery_plan_free);
}

JcDeliveryPlan *
jc_delivery_task_build_finish (GAsyncResult  *result,
                               GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_build, error);
}

/* ---- save ------------------------------------------------------------------------------ */

static gpointer
save_func (JcStore       *store,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  TaskData *td = task_data;
  JcDeliveryPlan *plan;
  GError *local = NULL;

  if (!jc_delivery_save (store, td->ref->plan, td->who, error))
    return NULL;
  /* What the page shows next is what is stored. */
  plan = jc_delivery_load (store, td->base.date, &local);
  if (plan == NULL && local == NULL)
    g_set_error_literal (&local, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_FAILED,
                         _("The saved delivery plan could not be read back"));
  if (plan == NULL)
    g_propagate_error (error, local);
  return plan;
}

void
jc_delivery_task_save (JcStore             *store,
                       JcDeliveryPlanRef   *ref,
                       const char          *who,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (store, ref->plan->date, jc_delivery_task_save, cancellable,
                                    callback, user_data, &td);

  td->ref = jc_delivery_plan_ref_ref (ref);
  td->who = g_strdup (who);
  jc_task_run_pointer (task, save_func, (GDestroyNotify) jc_delivery_plan_free);
}

JcDeliveryPlan *
jc_delivery_task_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_save, error);
}

/* ---- export ------------------------------------------------------------------------------ */

static gboolean
export_func (JcStore       *store,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  TaskData *td = task_data;

  return jc_delivery_export_pdf (td->ref->plan, td->docs, td->path, td->flags, error);
}

void
jc_delivery_task_export (JcDeliveryPlanRef   *ref,
                         JcDeliveryDocs       docs,
                         const char          *path,
                         JcOutputFlags        flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TaskData *td;
  g_autoptr(GTask) task = task_new (NULL, ref->plan->date, jc_delivery_task_export, cancellable,
                                    callback, user_data, &td);

  td->ref = jc_delivery_plan_ref_ref (ref);
  td->docs = docs;
  td->flags = flags;
  td->path = g_strdup (path);
  jc_task_run_boolean (task, export_func);
}

gboolean
jc_delivery_task_export_finish (GAsyncResult  *result,
                                GError       **error)
{
  return jc_task_propagate_boolean (result, jc_delivery_task_export, error);
}
