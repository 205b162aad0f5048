/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-plan.h: the SQL of purchase plans, purchases and supplementary
 * purchases (jc-store-plan.c), for jc-plan.c and jc-orders.c.  Plain reads
 * and writes; the plan's rules are jc-plan.c's. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

gboolean      _jc_store_plan_is_locked  (JcStore      *store,
                                         const char   *date,
                                         gboolean     *locked,
                                         GError      **error);
gboolean      _jc_store_plan_write      (JcStore      *store,
                                         gconstpointer plan,
                                         int           stale_days,
                                         const char   *who,
                                         GError      **error);
gpointer      _jc_store_plan_read       (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_plan_delete     (JcStore      *store,
                                         const char   *date,
                                         GError      **error);
gboolean      _jc_store_plan_audit      (JcStore      *store,
                                         const char   *date,
                                         const char   *who,
                                         const char   *action,
                                         const char   *reason,
                                         GError      **error);
gboolean      _jc_store_put_purchase    (JcStore      *store,
                                         const char   *date,
                                         gint64        item_id,
                                         gint64        qty_milli,
                                         gint64        price_milliyuan,
                                         gint64        cost_fen,
                                         const char   *who,
                                         const char   *note,
                                         GError      **error);
gboolean      _jc_store_delete_purchase (JcStore      *store,
                                         const char   *date,
                                         gint64        item_id,
                                         gboolean     *out_removed,
                                         GError      **error);
gint64        _jc_store_plan_add_supplement (JcStore  *store,
                                         const char   *date,
                                         gint64        canteen_id,
                                         gconstpointer line,
                                         const char   *who,
                                         GError      **error);
gboolean      _jc_store_put_supplement_purchase (JcStore *store,
                                         const char   *date,
                                         gint64        supplement_id,
                                         gint64        qty_milli,
                                         gint64        price_milliyuan,
                                         gint64        cost_fen,
                                         const char   *who,
                                         const char   *note,
                                         GError      **error);
gint64        _jc_store_count_purchases (JcStore      *store,
                                         const char   *date,
                                         GError      **error);

G_END_DECLS
