/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-tasks.h: the deliveries page's database, solver and export
 * work, on worker threads.
 *
 * Every call runs on a GTask thread; the database calls take the page's
 * `store` and work on their own connection to the same database
 * (jc_store_open_same() when the call is made, on the calling thread;
 * the page's store itself is never used off it), make the core
 * calls (jc-delivery.h), close that store and hand back plain values the
 * main thread owns after _finish.  Nothing here touches a widget.  Pass a
 * reference to the widget as `user_data` and drop it in the callback.  A
 * cancelled call finishes with G_IO_ERROR_CANCELLED, except the solver run,
 * whose cancel means "stop and keep the best so far". */
#pragma once

#include <gio/gio.h>

#include "jc-delivery.h"
#include "jc-delivery-doc.h"
#include "jc-output.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* A delivery plan shared by the page, a print job and a worker that saves
 * or exports it.  While a worker holds it the page makes no hand edits. */
typedef struct {
  JcDeliveryPlan *plan;
} JcDeliveryPlanRef;

JcDeliveryPlanRef *jc_delivery_plan_ref_new   (JcDeliveryPlan    *plan);
JcDeliveryPlanRef *jc_delivery_plan_ref_ref   (JcDeliveryPlanRef *ref);
void               jc_delivery_plan_ref_unref (JcDeliveryPlanRef *ref);

/* What the page shows for a date. */
typedef struct {
  JcDeliveryPlan *plan;          /* the saved delivery plan, NULL: none */
  gboolean        plan_locked;   /* the purchase plan of the date is locked */
  guint           n_vehicles;    /* active vehicles */
  char          **late_not_in;   /* codes of the canteens whose late order is not in the
                                  * locked plan (so not delivered); never NULL */
} JcDeliveryState;

void             jc_delivery_state_free      (JcDeliveryState *state);

void             jc_delivery_task_load       (JcStore             *store,
                                              const char          *date,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the saved plan of the date (jc_delivery_load())
 * and whether there could be one. */
JcDeliveryState *jc_delivery_task_load_finish (GAsyncResult       *result,
                                               GError            **error);

/* Called on the main thread while the solver runs, with the fraction of its
 * time used; `target` is held weakly and the call skipped once it is gone. */
typedef void (*JcDeliveryTaskProgress) (GObject *target,
                                        double   fraction);

/* Runs jc_delivery_build() (which saves the plan), `seconds` of solver
 * time.  `solve_cancellable` stops the solver with the best plan so far;
 * `cancellable` drops the result (the page went away). */
void             jc_delivery_task_build      (JcStore                *store,
                                              const char             *date,
                                              double                  seconds,
                                              const char             *who,
                                              GCancellable           *solve_cancellable,
                                              GObject                *progress_target,
                                              JcDeliveryTaskProgress  progress,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
/* Returns: (transfer full): the plan built and saved. */
JcDeliveryPlan  *jc_delivery_task_build_finish (GAsyncResult      *result,
                                                GError           **error);

/* Saves the plan held by `ref` (jc_delivery_save()) and reads it back. */
void             jc_delivery_task_save       (JcStore             *store,
                                              JcDeliveryPlanRef   *ref,
                                              const char          *who,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the plan as saved. */
JcDeliveryPlan  *jc_delivery_task_save_finish (GAsyncResult       *result,
                                               GError            **error);

/* Writes the documents of the plan held by `ref` to `path`
 * (jc_delivery_export_pdf()); `flags` as the save chooser answered. */
void             jc_delivery_task_export     (JcDeliveryPlanRef   *ref,
                                              JcDeliveryDocs       docs,
                                              const char          *path,
                                              JcOutputFlags        flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean         jc_delivery_task_export_finish (GAsyncResult     *result,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDeliveryState, jc_delivery_state_free)

G_END_DECLS
