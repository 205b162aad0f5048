/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-tasks.h: the purchase plan UI's database work, on worker threads.
 *
 * Every call takes the page's `store` and runs on a GTask thread (jc-task)
 * with its own connection to the same database (jc_store_open_same() when
 * the call is made, on the calling thread), makes the core calls
 * (jc-plan.h, jc-plan-doc.h), closes that connection and hands back plain values the main
 * thread owns after _finish.  Nothing here touches a widget and nothing
 * here writes SQL.  Pass a reference to the widget as `user_data` and drop
 * it in the callback.  A cancelled call finishes with
 * G_IO_ERROR_CANCELLED. */
#pragma once

#include <gio/gio.h>

#include "jc-plan.h"
#include "jc-output.h"
#include "jc-store.h"

G_BEGIN_DECLS

typedef enum {
  JC_PLAN_EXPORT_PDF,
  JC_PLAN_EXPORT_XLSX,
} JcPlanExportKind;

void      jc_plan_task_load          (JcStore             *store,
                                      const char          *date,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns: (transfer full): the plan of the date as jc_plan_load() reads it
 * with the office's staleness window. */
JcPlan   *jc_plan_task_load_finish   (GAsyncResult        *result,
                                      GError             **error);

void      jc_plan_task_lock          (JcStore             *store,
                                      const char          *date,
                                      const char          *who,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void      jc_plan_task_unlock        (JcStore             *store,
                                      const char          *date,
                                      const char          *who,
                                      const char          *reason,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* `supplement_id`: 0 for a line of the plan as locked, else the
 * supplementary line whose purchase is recorded. */
void      jc_plan_task_record        (JcStore             *store,
                                      const char          *date,
                                      const char          *item_code,
                                      gint64               supplement_id,
                                      gint64               qty_milli,
                                      gint64               price_milliyuan,
                                      const char          *who,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* jc_plan_remove_purchase() of the item's recorded purchase, for a reason;
 * finish with jc_plan_task_finish(). */
void      jc_plan_task_remove_purchase (JcStore             *store,
                                        const char          *date,
                                        const char          *item_code,
                                        const char          *who,
                                        const char          *reason,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* Reads the plan of the date afresh on the worker and writes its purchase
 * order to `path` (jc_plan_export_pdf() or jc_plan_export_xlsx()); `flags`
 * as the save chooser answered (JC_OUTPUT_REPLACE: the file may be
 * replaced). */
void      jc_plan_task_export        (JcStore             *store,
                                      const char          *date,
                                      JcPlanExportKind     kind,
                                      const char          *path,
                                      JcOutputFlags        flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Who is not in the plan of a date: the orders accepted after the lock
 * that are not in it, and the active canteens with a draft or no order. */
typedef struct {
  GPtrArray *pending;   /* JcOrder * */
  GPtrArray *missing;   /* JcBoardRow * */
} JcPlanLate;

void      jc_plan_late_free          (JcPlanLate          *late);
void      jc_plan_task_late          (JcStore             *store,
                                      const char          *date,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns: (transfer full) */
JcPlanLate *jc_plan_task_late_finish (GAsyncResult        *result,
                                      GError             **error);
/* A pending late order of `canteen`: bought as a supplementary purchase,
 * or (with a reason) declined. */
void      jc_plan_task_supplement    (JcStore             *store,
                                      const char          *date,
                                      const char          *canteen,
                                      const char          *who,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* What buying the late order of `canteen` would buy, nothing stored
 * (jc_plan_supplement_preview()), with the canteen's name. */
typedef struct {
  char   *canteen_code;
  char   *canteen_name;
  guint   n_lines;
  gint64  cost_fen;
  guint   n_no_price;
} JcPlanSupplementPreview;

void      jc_plan_supplement_preview_free (JcPlanSupplementPreview *preview);
void      jc_plan_task_supplement_preview (JcStore             *store,
                                           const char          *date,
                                           const char          *canteen,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns: (transfer full) */
JcPlanSupplementPreview *jc_plan_task_supplement_preview_finish (GAsyncResult  *result,
                                                                 GError       **error);
void      jc_plan_task_decline       (JcStore             *store,
                                      const char          *date,
                                      const char          *canteen,
                                      const char          *who,
                                      const char          *reason,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The end of lock, unlock, record, supplement, decline and export. */
gboolean  jc_plan_task_finish        (GAsyncResult        *result,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPlanLate, jc_plan_late_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPlanSupplementPreview, jc_plan_supplement_preview_free)

G_END_DECLS
