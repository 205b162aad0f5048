/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-types.h: the records of orders — an order, its lines, its
 * history, a board row — with their states and their new/copy/free.  Plain
 * values: the store reads and writes them, the orders module (jc-orders.h)
 * decides what they may become.  Nothing here reads the database. */
#pragma once

#include <glib.h>

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrder, jc_order_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOrderLine, jc_order_line_free)

G_END_DECLS
