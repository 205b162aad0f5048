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
  GWeakRef                progress_target;
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
  g_weak_ref_clear (&td->progress_target);
  g_free (td);
}

/* The task on the database file of `store` (NULL: a task without the
 * database): its worker opens its own connection. */
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

  g_weak_ref_init (&td->progress_target, NULL);
  *out = td;
  return jc_task_new (td, (GDestroyNotify) task_data_free,
                      store != NULL ? jc_store_get_path (store) : NULL, date, tag,
                      cancellable, callback, user_data);
}

/* ---- load ------------------------------------------------------------------------ */

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(JcStore) store = jc_task_open_store (task);
  g_autoptr(GPtrArray) vehicles = NULL;
  JcDeliveryState *state;
  GError *error = NULL;

  if (store == NULL)
    return;
  state = g_new0 (JcDeliveryState, 1);
  state->plan = jc_delivery_load (store, td->base.date, &error);
  if (error != NULL)
    {
      jc_delivery_state_free (state);
      g_task_return_error (task, error);
      return;
    }
  vehicles = jc_store_list_vehicles (store, FALSE, &error);
  if (vehicles == NULL)
    {
      jc_delivery_state_free (state);
      g_task_return_error (task, error);
      return;
    }
  state->n_vehicles = vehicles->len;
  {
    g_autoptr(GPtrArray) pending = jc_orders_list_pending_late (store, td->base.date, &error);
    g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

    if (pending == NULL)
      {
        jc_delivery_state_free (state);
        g_task_return_error (task, error);
        return;
      }
    for (guint i = 0; i < pending->len; i++)
      g_strv_builder_add (codes, ((JcOrder *) pending->pdata[i])->canteen_code);
    state->late_not_in = g_strv_builder_end (codes);
  }
  if (state->plan != NULL)
    state->plan_locked = TRUE;
  else
    {
      g_autoptr(JcPlan) plan = jc_plan_load (store, td->base.date, jc_store_get_stale_days (store),
                                             &error);

      if (plan == NULL)
        {
          jc_delivery_state_free (state);
          g_task_return_error (task, error);
          return;
        }
      state->plan_locked = plan->status == JC_PLAN_LOCKED;
    }
  g_task_return_pointer (task, state, (GDestroyNotify) jc_delivery_state_free);
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

  g_task_run_in_thread (task, load_thread);
}

JcDeliveryState *
jc_delivery_task_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_load, error);
}

/* ---- build --------------------------------------------------------------------------- */

typedef struct {
  GWeakRef                target;
  JcDeliveryTaskProgress  progress;
  double                  fraction;
} ProgressCall;

static void
progress_call_free (ProgressCall *call)
{
  g_weak_ref_clear (&call->target);
  g_free (call);
}

static gboolean
progress_idle (gpointer data)
{
  ProgressCall *call = data;
  g_autoptr(GObject) target = g_weak_ref_get (&call->target);

  if (target != NULL)
    call->progress (target, call->fraction);
  return G_SOURCE_REMOVE;
}

/* From the solving thread: hand the fraction to the main thread. */
static void
build_progress (double                 fraction,
                const JcRouteSolution *best,
                gpointer               user_data)
{
  TaskData *td = user_data;
  g_autoptr(GObject) target = g_weak_ref_get (&td->progress_target);
  ProgressCall *call;

  if (target == NULL || td->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  g_weak_ref_init (&call->target, target);
  call->progress = td->progress;
  call->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, call, (GDestroyNotify) progress_call_free);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(JcStore) store = jc_task_open_store (task);
  JcRouteOptions options;
  JcDeliveryPlan *plan;
  GError *error = NULL;

  if (store == NULL)
    return;
  jc_route_options_init (&options);
  if (td->seconds > 0)
    options.seconds = td->seconds;
  plan = jc_delivery_build (store, td->base.date, &options, td->who, td->solve_cancellable,
                            build_progress, td, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) jc_delivery_plan_free);
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
  g_weak_ref_set (&td->progress_target, progress_target);
  td->progress = progress;
  g_task_run_in_thread (task, build_thread);
}

JcDeliveryPlan *
jc_delivery_task_build_finish (GAsyncResult  *result,
                               GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_build, error);
}

/* ---- save ------------------------------------------------------------------------------ */

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *td = task_data;
  g_autoptr(JcStore) store = jc_task_open_store (task);
  JcDeliveryPlan *plan;
  GError *error = NULL;

  if (store == NULL)
    return;
  if (!jc_delivery_save (store, td->ref->plan, td->who, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* What the page shows next is what is stored. */
  plan = jc_delivery_load (store, td->base.date, &error);
  if (plan == NULL && error == NULL)
    g_set_error_literal (&error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_FAILED,
                         _("The saved delivery plan could not be read back"));
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) jc_delivery_plan_free);
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
  g_task_run_in_thread (task, save_thread);
}

JcDeliveryPlan *
jc_delivery_task_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  return jc_task_propagate_pointer (result, jc_delivery_task_save, error);
}

/* ---- export ------------------------------------------------------------------------------ */

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *td = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (jc_delivery_export_pdf (td->ref->plan, td->docs, td->path, td->flags,
                              &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
  g_task_run_in_thread (task, export_thread);
}

gboolean
jc_delivery_task_export_finish (GAsyncResult  *result,
                                GError       **error)
{
  return jc_task_propagate_boolean (result, jc_delivery_task_export, error);
}
