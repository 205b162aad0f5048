/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-orders.h: the SQL of orders, their lines, history and cutoffs
 * (jc-store-orders.c) — plain reads and writes.  What an order may become
 * (versions, lock, cutoff, late amendments, status) is decided in
 * jc-orders.c, which writes through these inside one unit of writing
 * (jc_store_write_begin/end). */
#pragma once

#include <glib.h>

#include "jc-order-types.h"
#include "jc-store.h"

G_BEGIN_DECLS

JcOrder     *jc_store_get_order      (JcStore     *store,
                                      const char  *canteen_code,
                                      const char  *date,
                                      GError     **error);
gboolean     jc_store_lock_orders    (JcStore     *store,
                                      const char  *date,
                                      gboolean     lock,
                                      const char  *who,
                                      const char  *reason,
                                      guint       *out_n,
                                      GError     **error);
GPtrArray   *jc_store_list_orders    (JcStore     *store,
                                      const char  *date,
                                      GError     **error);
GPtrArray   *jc_store_order_history  (JcStore     *store,
                                      gint64       order_id,
                                      GError     **error);

/* The order of a canteen and date with its lines; NULL without an error
 * when none is stored. */
JcOrder      *_jc_store_order_load      (JcStore      *store,
                                         gint64        canteen_id,
                                         const char   *canteen_code,
                                         const char   *date,
                                         GError      **error);
/* Inserts the order's head (canteen_id, date; version 1) and sets
 * order->id.  `submitted_at` "" when it is not submitted. */
gboolean      _jc_store_order_insert    (JcStore      *store,
                                         JcOrder      *order,
                                         JcOrderStatus status,
                                         const char   *at,
                                         const char   *submitted_at,
                                         gboolean      late,
                                         JcOrderAfterLock after_lock,
                                         GError      **error);
/* Writes the head of the stored order `id` if it is still at `version`
 * (then version + 1); JC_STORE_ERROR_CONFLICT when it is not.
 * `submitted_at` NULL keeps the stored one; `late` only ever sets it. */
gboolean      _jc_store_order_update    (JcStore      *store,
                                         const JcOrder *order,
                                         int           version,
                                         JcOrderStatus status,
                                         const char   *at,
                                         const char   *submitted_at,
                                         gboolean      late,
                                         JcOrderAfterLock after_lock,
                                         GError      **error);
gboolean      _jc_store_order_line_insert (JcStore    *store,
                                         gint64        order_id,
                                         const JcOrderLine *line,
                                         GError      **error);
gboolean      _jc_store_order_line_update (JcStore    *store,
                                         gint64        order_id,
                                         const JcOrderLine *line,
                                         GError      **error);
gboolean      _jc_store_order_line_delete (JcStore    *store,
                                         gint64        order_id,
                                         gint64        item_id,
                                         GError      **error);
/* One line of the order's history (item_id 0: the order as a whole). */
gboolean      _jc_store_order_audit     (JcStore      *store,
                                         gint64        order_id,
                                         const char   *at,
                                         const char   *who,
                                         const char   *action,
                                         gint64        item_id,
                                         const char   *before,
                                         const char   *after,
                                         const char   *reason,
                                         int           version,
                                         GError      **error);
/* Marks the order `id` at `version` declined with the canteen's reason
 * (version + 1); JC_STORE_ERROR_CONFLICT when it is no longer at it. */
gboolean      _jc_store_order_decline   (JcStore      *store,
                                         gint64        order_id,
                                         int           version,
                                         const char   *reason,
                                         const char   *at,
                                         GError      **error);
/* The id of the canteen `code`; 0 with JC_STORE_ERROR_NOT_FOUND. */
gint64        _jc_store_canteen_id      (JcStore      *store,
                                         const char   *code,
                                         GError      **error);

char         *_jc_store_get_cutoff      (JcStore      *store,
                                         const char   *date);
gboolean      _jc_store_set_cutoff      (JcStore      *store,
                                         const char   *date,
                                         const char   *cutoff,
                                         GError      **error);
GPtrArray    *_jc_store_board_rows      (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_foreach_order_line (JcStore   *store,
                                         const char   *date,
                                         void        (*func) (const char *canteen,
                                                              gint64      item_id,
                                                              gint64      qty_milli,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
gboolean      _jc_store_foreach_plan_demand (JcStore  *store,
                                         const char   *date,
                                         void        (*func) (gint64      canteen_id,
                                                              const char *canteen_code,
                                                              gint64      item_id,
                                                              gint64      qty_milli,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
GArray       *_jc_store_item_order_history (JcStore   *store,
                                         gint64        canteen_id,
                                         gint64        item_id,
                                         const char   *from,
                                         const char   *to,
                                         GError      **error);

/* Late orders, for jc-plan.c. */
gboolean      _jc_store_orders_reopen_late (JcStore   *store,
                                         const char   *date,
                                         const char   *who,
                                         const char   *reason,
                                         GError      **error);
gboolean      _jc_store_order_set_supplemented (JcStore *store,
                                         gint64        order_id,
                                         const char   *who,
                                         const char   *reason,
                                         int           version,
                                         GError      **error);

G_END_DECLS
