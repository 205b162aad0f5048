/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-tasks.h: the database work of the orders UI, on worker threads.
 *
 * Every call runs on a GTask thread that opens its own JcStore on `db_path`
 * (a JcStore is one connection for one thread; WAL lets it read and write
 * beside the main thread's), makes the core calls, closes the store and
 * hands back plain structs that the main thread owns after _finish.
 * Nothing here touches a widget and nothing here writes SQL.
 *
 * The callbacks get the task's `user_data` as given; pass a reference to
 * the widget and drop it in the callback, so the widget is never finalized
 * on a worker thread.  A cancelled call finishes with G_IO_ERROR_CANCELLED. */
#pragma once

#include <gio/gio.h>

#include "jc-order-form.h"
#include "jc-order-form-write.h"
#include "jc-orders.h"
#include "jc-prices.h"

G_BEGIN_DECLS

/* One canteen on the board of a delivery date. */
typedef struct {
  JcBoardRow *row;
  char       *updated_at;   /* ISO 8601 UTC of the order's last change; NULL: no order */
} JcOrderBoardLine;

typedef struct {
  char      *date;
  char      *cutoff;        /* local "YYYY-MM-DDTHH:MM" */
  gboolean   past_cutoff;
  GPtrArray *lines;         /* JcOrderBoardLine *, by canteen code */
} JcOrderBoard;

/* What the order editor needs to show and check one order. */
typedef struct {
  JcOrder    *order;
  char       *canteen_name;
  GPtrArray  *items;        /* JcItem *: the active catalog */
  GHashTable *prices;       /* gint64 * item id → JcRefPrice * (reference prices of the date) */
  GPtrArray  *spikes;       /* JcSpike * of the stored lines */
  char       *cutoff;
  gboolean    past_cutoff;
} JcOrderEditorData;

/* A save either stored the order (`order` is its new state) or, when
 * spikes were to be checked first and there are some, stored nothing and
 * lists them for a person to confirm. */
typedef struct {
  JcOrder   *order;         /* NULL when not saved */
  GPtrArray *spikes;        /* JcSpike *, never NULL */
} JcOrderSaveResult;

typedef struct {
  JcImportPlan *plan;
  GError       *error;      /* JC_ORDER_FORM_ERROR_NOT_IMPORTED: some files refused */
} JcOrderImportResult;

void                jc_order_board_line_free       (JcOrderBoardLine *line);
void                jc_order_board_free            (JcOrderBoard *board);
void                jc_order_editor_data_free      (JcOrderEditorData *data);
void                jc_order_save_result_free      (JcOrderSaveResult *result);
void                jc_order_import_result_free    (JcOrderImportResult *result);
JcOrder            *jc_order_dup                   (const JcOrder *order);

void                jc_order_task_load_board       (const char          *db_path,
                                                    const char          *date,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcOrderBoard       *jc_order_task_load_board_finish (GAsyncResult       *result,
                                                    GError             **error);

void                jc_order_task_load_order       (const char          *db_path,
                                                    const char          *canteen_code,
                                                    const char          *date,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcOrderEditorData  *jc_order_task_load_order_finish (GAsyncResult       *result,
                                                    GError             **error);

void                jc_order_task_find_spikes      (const char          *db_path,
                                                    const JcOrder       *order,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray          *jc_order_task_find_spikes_finish (GAsyncResult      *result,
                                                    GError             **error);

void                jc_order_task_save             (const char          *db_path,
                                                    const JcOrder       *order,
                                                    JcOrderSaveFlags     flags,
                                                    const char          *reason,
                                                    gboolean             check_spikes,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcOrderSaveResult  *jc_order_task_save_finish      (GAsyncResult        *result,
                                                    GError             **error);

void                jc_order_task_history          (const char          *db_path,
                                                    gint64               order_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray          *jc_order_task_history_finish   (GAsyncResult        *result,
                                                    GError             **error);

void                jc_order_task_copy_last_week   (const char          *db_path,
                                                    const char          *canteen_code,
                                                    const char          *date,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcOrder            *jc_order_task_copy_last_week_finish (GAsyncResult   *result,
                                                    GError             **error);

void                jc_order_task_import_prepare   (const char          *db_path,
                                                    const char * const  *paths,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcImportPlan       *jc_order_task_import_prepare_finish (GAsyncResult   *result,
                                                    GError             **error);

void                jc_order_task_import_apply     (const char          *db_path,
                                                    JcImportPlan        *plan,
                                                    JcOrderSaveFlags     flags,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JcOrderImportResult *jc_order_task_import_apply_finish (GAsyncResult    *result,
                                                    GError             **error);

void                jc_order_task_write_form       (const char          *db_path,
                                                    const char          *canteen_code,
                                                    const char          *date,
                                                    const char          *path,
                                                    JcOutputFlags        flags,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            jc_order_task_write_form_finish (GAsyncResult       *result,
                                                    GError             **error);

void                jc_order_task_set_cutoff       (const char          *db_path,
                                                    const char          *date,
                                                    const char          *cutoff,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            jc_order_task_set_cutoff_finish (GAsyncResult       *result,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderBoard, jc_order_board_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderEditorData, jc_order_editor_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderSaveResult, jc_order_save_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderImportResult, jc_order_import_result_free)

G_END_DECLS
