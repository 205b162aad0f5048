/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan.h: the consolidated purchase plan of a delivery date and the
 * exact split of costs back to the canteens, as DESIGN.md defines them:
 *
 *   demand   = Σ canteens' ordered quantities (submitted or locked orders)
 *   gross    = round_half_up (demand × (1000 + loss‰) / 1000)
 *   purchase = ceil (gross / pack) × pack, or gross without a pack
 *   price    = the reference price (stale or missing flagged, never zero)
 *   cost     = round_half_up (purchase × price / 10000) fen
 *
 * and each line's cost is shared in proportion to the ordered quantities
 * by the largest-remainder method (ties: canteen code ascending), so the
 * shares add up to the cost to the fen. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 canteen_id;
  char   canteen_code[33];
  gint64 qty_milli;
  gint64 share_fen;
} JcPlanShare;

typedef struct {
  gint64      item_id;
  char       *item_code;
  char       *item_name;
  char       *category;        /* code */
  char       *category_name;
  int         category_position;
  JcBaseUnit  base_unit;
  int         loss_permille;
  gint64      pack_milli;      /* 0: no pack */
  gint64      demand_milli;
  gint64      gross_milli;
  gint64      packs;           /* -1: no pack */
  gint64      purchase_milli;
  gboolean    has_price;
  gboolean    stale;
  gint64      price_milliyuan;
  char        price_date[11];
  gint64      cost_fen;        /* 0 when !has_price (and left out of the total) */
  gboolean    has_actual;      /* what was bought is recorded */
  gint64      actual_qty_milli;
  gint64      actual_price_milliyuan;
  gint64      actual_cost_fen;
  GArray     *shares;          /* JcPlanShare, by canteen code: of the actual cost when
                                * recorded, else of the planned cost */
  gint64      supplement_id;   /* 0: a line of the plan as locked; else a supplementary
                                * purchase (补单) for one late canteen, after the others */
  char       *supplement_canteen_name;  /* a supplementary line: that canteen's name */
} JcPlanLine;

typedef enum {
  JC_PLAN_OPEN,                /* computed from the orders as they are now */
  JC_PLAN_LOCKED,              /* the snapshot taken at lock */
} JcPlanStatus;

typedef struct {
  char          date[11];
  JcPlanStatus  status;
  char         *locked_at;
  char         *locked_by;
  gint64        actual_total_fen;  /* Σ actual cost, planned where none is recorded */
  guint         n_actual;          /* lines with a recorded purchase */
  GPtrArray    *lines;         /* JcPlanLine *, by category position then item code */
  gint64     total_cost_fen;
  GPtrArray *no_price;         /* item codes (char *) */
  guint      n_stale;
  guint      n_canteens;
  guint      n_supplements;    /* supplementary lines (in `lines`, in total_cost_fen) */
  GHashTable *canteen_names;   /* canteen code → name, inactive ones too (jc_plan_load) */
} JcPlan;

void      jc_plan_free      (JcPlan *plan);
/* The name of the canteen `code` as jc_plan_load() read it, else `code`
 * itself.  Returns: (transfer none) */
const char *jc_plan_get_canteen_name (const JcPlan *plan,
                                      const char   *code);
void      _jc_plan_line_free (JcPlanLine *line);

gboolean  jc_plan_line_compute (JcPlanLine  *line,
                                GError     **error);
JcPlan   *jc_plan_build     (JcStore     *store,
                             const char  *date,
                             int          stale_days,
                             GError     **error);

JcPlan   *jc_plan_load      (JcStore     *store,
                             const char  *date,
                             int          stale_days,
                             GError     **error);
gboolean  jc_plan_lock      (JcStore     *store,
                             const char  *date,
                             int          stale_days,
                             const char  *who,
                             GError     **error);
/* Is the plan of `date` locked?  FALSE with `error` set on a read error. */
gboolean  jc_plan_is_locked (JcStore     *store,
                             const char  *date,
                             gboolean    *out_locked,
                             GError     **error);
gboolean  jc_plan_unlock    (JcStore     *store,
                             const char  *date,
                             const char  *who,
                             const char  *reason,
                             GError     **error);
gboolean  jc_plan_record_purchase (JcStore    *store,
                             const char  *date,
                             const char  *item_code,
                             gint64       qty_milli,
                             gint64       price_milliyuan,
                             const char  *who,
                             const char  *note,
                             GError     **error);
gboolean  jc_plan_remove_purchase (JcStore    *store,
                             const char  *date,
                             const char  *item_code,
                             const char  *who,
                             const char  *reason,
                             GError     **error);
gboolean  _jc_plan_lock_in_transaction (JcStore  *store,
                             const char  *date,
                             int          stale_days,
                             const char  *who,
                             JcPlan     **out_plan,
                             GError     **error);
JcPlanLine *jc_plan_find_line (JcPlan    *plan,
                             const char  *item_code);

/* Buys the pending late order of `canteen_code` as a supplementary
 * purchase (补单) of the locked plan of `date`: each item the canteen now
 * orders beyond what the plan already carries for it becomes a
 * supplementary line, priced like the plan (the plan line's reference
 * price, else the reference price now), costed and shared to the canteen
 * alone.  The order is then in the locked plan.  One transaction; audited
 * on the order and the plan.  *out_n: the supplementary lines added. */
gboolean  jc_plan_supplement (JcStore    *store,
                             const char  *date,
                             const char  *canteen_code,
                             const char  *who,
                             const char  *reason,
                             guint       *out_n,
                             GError     **error);
/* What jc_plan_supplement() would buy now, nothing stored: *out_n lines
 * costing *out_cost_fen at the plan's prices, *out_no_price of them
 * without a price (not in the cost). */
gboolean  jc_plan_supplement_preview (JcStore *store,
                             const char  *date,
                             const char  *canteen_code,
                             guint       *out_n,
                             gint64      *out_cost_fen,
                             guint       *out_no_price,
                             GError     **error);
/* Records what was actually bought for a supplementary line, like
 * jc_plan_record_purchase() for a plan line. */
gboolean  jc_plan_record_supplement_purchase (JcStore *store,
                             const char  *date,
                             gint64       supplement_id,
                             gint64       qty_milli,
                             gint64       price_milliyuan,
                             const char  *who,
                             const char  *note,
                             GError     **error);

gboolean  jc_allocate       (gint64        total_fen,
                             const gint64 *weights,
                             const char  **tie_keys,
                             guint         n,
                             gint64       *out_shares,
                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPlan, jc_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPlanLine, _jc_plan_line_free)

G_END_DECLS
