/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders.h: canteen orders for a delivery date.
 *
 * An order moves draft → submitted → locked.  Every save names the version
 * it was based on (optimistic locking): a save based on an old version is
 * refused with JC_STORE_ERROR_CONFLICT and changes nothing, so no update is
 * ever lost.  After the cutoff a change is refused unless procurement staff
 * accept it as a late amendment; after lock every change is an amendment
 * with a reason.  Every change is written to the audit trail with who (the
 * OS user), when, and the line before and after. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_ORDERS_ERROR (jc_orders_error_quark ())

typedef enum {
  JC_ORDERS_ERROR_FAILED,
  JC_ORDERS_ERROR_AFTER_CUTOFF,     /* needs JC_ORDER_ACCEPT_LATE and a reason */
  JC_ORDERS_ERROR_LOCKED,           /* needs a reason (an amendment) */
  JC_ORDERS_ERROR_INVALID_LINE,     /* quantity, unit, duplicate item */
} JcOrdersError;

typedef enum {
  JC_ORDER_NOT_STARTED,
  JC_ORDER_DRAFT,
  JC_ORDER_SUBMITTED,
  JC_ORDER_LOCKED,
} JcOrderStatus;

/* Where an order stands against its date's locked plan.  An order (or an
 * amendment) accepted after the plan was locked is PENDING — not in the
 * locked plan — until procurement reopens the plan (back to NONE),
 * buys it as a supplementary purchase (SUPPLEMENTED) or declines it with a
 * reason the canteen sees (DECLINED: neither delivered nor charged). */
typedef enum {
  JC_ORDER_AFTER_LOCK_NONE,
  JC_ORDER_AFTER_LOCK_PENDING,
  JC_ORDER_AFTER_LOCK_SUPPLEMENTED,
  JC_ORDER_AFTER_LOCK_DECLINED,
} JcOrderAfterLock;

typedef enum {
  JC_ORDER_SAVE_DEFAULT     = 0,
  JC_ORDER_SAVE_SUBMIT      = 1 << 0,  /* save and submit */
  JC_ORDER_SAVE_ACCEPT_LATE = 1 << 1,  /* staff accept a change after the cutoff */
} JcOrderSaveFlags;

typedef struct {
  gint64  item_id;
  char   *item_code;
  char   *item_name;
  gint64  qty_milli;       /* base units */
  char   *unit;            /* as entered ("" = base unit) */
  gint64  unit_qty_milli;  /* as entered, milli of `unit` */
  char   *note;
} JcOrderLine;

typedef struct {
  gint64         id;           /* 0: not stored yet */
  gint64         canteen_id;
  char          *canteen_code;
  char           date[11];
  JcOrderStatus  status;
  int            version;      /* 0 for a new order */
  gboolean       late;
  JcOrderAfterLock after_lock;
  char          *decline_reason; /* "" unless declined */
  char          *updated_at;
  char          *submitted_at;
  GPtrArray     *lines;        /* JcOrderLine *, by item code */
} JcOrder;

typedef struct {
  gint64  id;
  char   *at;
  char   *who;
  char   *action;     /* create, add, change, remove, submit, lock, unlock, amend, late */
  char   *item_code;  /* NULL for order-level entries */
  char   *before;
  char   *after;
  char   *reason;
  int     version;
} JcAuditEntry;

typedef struct {
  char          *canteen_code;
  char          *canteen_name;
  JcOrderStatus  status;
  int            version;
  guint          n_lines;
  gint64         est_cost_fen;   /* lines with a reference price */
  guint          n_no_price;     /* lines without one */
  gboolean       late;
  JcOrderAfterLock after_lock;
} JcBoardRow;

typedef struct {
  char   *item_code;
  gint64  qty_milli;
  gint64  median_milli;   /* of the canteen's last 8 weeks of orders of the item */
} JcSpike;

GQuark       jc_orders_error_quark   (void);
const char  *jc_order_status_to_string (JcOrderStatus status);
const char  *jc_order_status_to_display (JcOrderStatus status);
const char  *jc_order_after_lock_to_string (JcOrderAfterLock state);
const char  *jc_order_after_lock_to_display (JcOrderAfterLock state);
/* Is the order's content in its date's locked plan?  Only meaningful when
 * the plan is locked: drafts, pending and declined orders are not. */
gboolean     jc_order_in_locked_plan (const JcOrder *order);

JcOrderLine *jc_order_line_new       (void);
JcOrderLine *jc_order_line_copy      (const JcOrderLine *line);
void         jc_order_line_free      (JcOrderLine *line);
JcOrder     *jc_order_new            (void);
void         jc_order_free           (JcOrder *order);
void         jc_audit_entry_free     (JcAuditEntry *entry);
void         jc_board_row_free       (JcBoardRow *row);
void         jc_spike_free           (JcSpike *spike);

/* A line from what a person typed: quantity text and unit for the item.
 * Errors name the field and the value. */
JcOrderLine *jc_order_line_parse     (const JcItem *item,
                                      const char   *qty_text,
                                      const char   *unit,
                                      const char   *note,
                                      GError      **error);

char        *jc_orders_cutoff_for    (JcStore     *store,
                                      const char  *date);
gboolean     jc_orders_set_cutoff    (JcStore     *store,
                                      const char  *date,
                                      const char  *cutoff_iso,
                                      GError     **error);
/* The cutoff of one delivery date instead of the office default; on the
 * delivery date at the latest.  Reset: back to the default. */
gboolean     jc_orders_reset_cutoff  (JcStore     *store,
                                      const char  *date,
                                      GError     **error);
gboolean     jc_orders_cutoff_is_set (JcStore     *store,
                                      const char  *date);
gboolean     jc_orders_is_past_cutoff (JcStore    *store,
                                      const char  *date,
                                      GDateTime   *now);

JcOrder     *jc_store_get_order      (JcStore     *store,
                                      const char  *canteen_code,
                                      const char  *date,
                                      GError     **error);
gboolean     jc_store_save_order     (JcStore           *store,
                                      JcOrder           *order,
                                      JcOrderSaveFlags   flags,
                                      const char        *who,
                                      const char        *reason,
                                      GDateTime         *now,
                                      GError           **error);
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
GPtrArray   *jc_orders_board         (JcStore     *store,
                                      const char  *date,
                                      int          stale_days,
                                      GError     **error);
GPtrArray   *jc_orders_find_spikes   (JcStore       *store,
                                      const JcOrder *order,
                                      GError       **error);
/* The active canteens whose order of `date` is not in (a draft, or no
 * order at all), as JcBoardRow (code, name, status), by code. */
GPtrArray   *jc_orders_missing_canteens (JcStore   *store,
                                      const char  *date,
                                      GError     **error);
/* The orders of `date` accepted after its plan was locked and still not
 * in it (JcOrder *, by canteen code). */
GPtrArray   *jc_orders_list_pending_late (JcStore  *store,
                                      const char  *date,
                                      GError     **error);
/* Declines a pending late order with a reason the canteen sees: it is
 * neither delivered nor charged.  Audited; one transaction. */
gboolean     jc_orders_decline       (JcStore     *store,
                                      const char  *date,
                                      const char  *canteen_code,
                                      const char  *who,
                                      const char  *reason,
                                      GError     **error);
JcOrder     *jc_orders_copy_last_week (JcStore    *store,
                                      const char  *canteen_code,
                                      const char  *date,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrder, jc_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderLine, jc_order_line_free)

G_END_DECLS
