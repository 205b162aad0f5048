/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report.h: the monthly cost review of DESIGN.md ("Monthly cost review
 * (month M)"): spend of month M by canteen, category and item, its change
 * against M−1 and M−12, the price/volume/new/dropped decomposition, the
 * basket price indices (ours and the market's) and the savings against the
 * market.  Read-only; it never writes the store.
 *
 * Definitions where DESIGN.md is silent:
 *
 * - Only locked plans count (an open day has no snapshot to review).  A
 *   line's cost and quantity are the recorded purchase's; a line without
 *   one counts at its planned cost and purchase quantity, and a day with
 *   at least one such line is a provisional day.  A line with neither a
 *   purchase nor a price costs 0 and adds no quantity.
 * - A period "has data" when it holds at least one locked plan line (with
 *   a canteen: one line that canteen has a share of).  A base without data
 *   gives no base, no change and no decomposition (has_base FALSE).
 * - An item is "bought" in a period when its quantity there is > 0.  An
 *   item with quantity 0 (a zero-quantity purchase) is kept out of
 *   p = c / q and the indices; any cost it carries still counts in the
 *   spend and, in the decomposition, in "new" (period 1) or "dropped"
 *   (period 0), so the four parts always add up to the change.
 * - The indices exist when there is at least one common item and their
 *   denominators are > 0.  The market's indices run over the common items
 *   that have a market monthly mean in both months.
 * - With a canteen, each line's cost is that canteen's share (as the
 *   allocation gives it), and its quantity is the canteen's share of the
 *   line's quantity by the same largest-remainder method; the savings are
 *   the canteen's share of the reference-price cost minus its share of the
 *   actual cost. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_REPORT_ERROR (jc_report_error_quark ())

typedef enum {
  JC_REPORT_ERROR_INVALID,      /* a bad month */
  JC_REPORT_ERROR_OVERFLOW,     /* a sum beyond 64 bits */
} JcReportError;

GQuark jc_report_error_quark (void);

/* One item's totals in one period: the input of the decomposition. */
typedef struct {
  gint64 item_id;
  gint64 cost_fen;
  gint64 qty_milli;
} JcReportItem;

typedef struct {
  gint64   change_fen;          /* Σ c1 − Σ c0 over all items */
  gint64   price_effect_fen;
  gint64   volume_effect_fen;   /* round_half_away (Σ p0 (q1 − q0)), exact */
  gint64   new_fen;             /* ≥ 0 for non-negative costs */
  gint64   dropped_fen;         /* ≤ 0 for non-negative costs */
  guint    n_common;
  gboolean has_indices;
  double   laspeyres;           /* Σ p1 q0 / Σ p0 q0 */
  double   paasche;             /* Σ p1 q1 / Σ p0 q1 */
  double   fisher;              /* √(L·P) */
} JcDecomposition;

/* A comparison of month M with a base month. */
typedef struct {
  char            month[8];     /* the base, YYYY-MM */
  gboolean        has_base;     /* FALSE: the base has no data; the rest is unset */
  gint64          base_fen;
  gint64          change_fen;
  JcDecomposition d;
  gboolean        has_market;
  double          market_laspeyres;
  double          market_paasche;
  double          market_fisher;
} JcReportComparison;

typedef struct {
  char   *key;                  /* canteen code or category name */
  gint64  fen;
} JcReportAmount;

/* One item of the by-item table: its totals in M, M−1 and M−12. */
typedef enum {
  JC_REPORT_M,
  JC_REPORT_MOM_BASE,
  JC_REPORT_YOY_BASE,
  JC_REPORT_N_PERIODS,
} JcReportPeriod;

typedef struct {
  gint64  item_id;
  char   *item_code;
  char   *item_name;
  char   *category_name;
  int     category_position;
  gboolean in[JC_REPORT_N_PERIODS];   /* has a line in the period */
  gint64  qty_milli[JC_REPORT_N_PERIODS];
  gint64  cost_fen[JC_REPORT_N_PERIODS];
} JcReportRow;

typedef struct {
  char       month[8];
  char      *canteen;           /* NULL: all canteens */
  gint64     spend_fen;
  guint      n_days;            /* locked delivery days in M */
  guint      provisional_days;
  GPtrArray *by_canteen;        /* JcReportAmount *, by code */
  GPtrArray *by_category;       /* JcReportAmount *, by category position */
  GPtrArray *rows;              /* JcReportRow *, by category position, item code */
  JcReportComparison mom;
  JcReportComparison yoy;
  gint64     savings_vs_market_fen;
  guint      n_savings_lines;   /* lines with both a purchase and a reference price */
} JcReport;

void      jc_report_free      (JcReport *report);

/* jc_report_build:
 * The review of `month` ("YYYY-MM"), for all canteens or the one whose
 * code is `canteen_or_null`.  Reads five queries per month involved (M,
 * M−1, M−12), never one per day.  Returns a new report (jc_report_free),
 * or NULL with JC_REPORT_ERROR_INVALID for a bad month,
 * JC_STORE_ERROR_NOT_FOUND for an unknown canteen, or a store error. */
JcReport *jc_report_build     (JcStore     *store,
                               const char  *month,
                               const char  *canteen_or_null,
                               GError     **error);

/* jc_report_decompose:
 * The price/volume/new/dropped decomposition and our indices between
 * period 0 (`p0`) and period 1 (`p1`), items matched by item_id (an id
 * repeated in one array is summed).  Pure.  FALSE with
 * JC_REPORT_ERROR_OVERFLOW when a sum leaves 64 bits. */
gboolean  jc_report_decompose (const JcReportItem *p0,
                               guint               n0,
                               const JcReportItem *p1,
                               guint               n1,
                               JcDecomposition    *out,
                               GError            **error);

/* jc_report_trend:
 * The spend of the `n` months ending with `month`, oldest first, into
 * `out_fen` (and their "YYYY-MM" into `out_months` when not NULL); with
 * `out_ours` / `out_market`, a chained Fisher index of our unit costs and
 * of the market's (100 in the first month, each later month linked by its
 * Fisher index against the month before; NaN where a month has no link, the
 * chain carrying on from the last level).  One jc_report_build() per
 * month. */
gboolean  jc_report_trend       (JcStore     *store,
                                 const char  *month,
                                 const char  *canteen_or_null,
                                 guint        n,
                                 char       (*out_months)[8],
                                 gint64      *out_fen,
                                 double      *out_ours,
                                 double      *out_market,
                                 GError     **error);
/* jc_report_spend_trend: jc_report_trend() for all canteens, spend only. */
gboolean  jc_report_spend_trend (JcStore     *store,
                                 const char  *month,
                                 guint        n,
                                 gint64      *out_fen,
                                 GError     **error);

/* ---- for the Reports page --------------------------------------------- */

/* An item bought (quantity > 0, cost > 0 in the base) in both month M and
 * a base period, with its unit costs and the market's monthly means. */
typedef struct {
  const JcReportRow *row;             /* borrowed from the report */
  gint64   unit0_milliyuan;           /* c0 / q0 per base unit, rounded */
  gint64   unit1_milliyuan;           /* c1 / q1 per base unit, rounded */
  double   change;                    /* (c1/q1) / (c0/q0) − 1, a ratio */
  gint64   price_effect_fen;          /* c1 − round (c0 · q1 / q0): its part of the price effect */
  gboolean has_market;                /* a market monthly mean in both months */
  gint64   market0_milliyuan;         /* the market's monthly means, rounded */
  gint64   market1_milliyuan;
  double   market_change;             /* m1 / m0 − 1 (from the unrounded means) */
} JcReportMover;

/* jc_report_movers:
 * The items of `report` bought in both M and `base` (JC_REPORT_MOM_BASE or
 * JC_REPORT_YOY_BASE), largest |change| first (ties by item code), at most
 * `max` of them (0: all) — the order of the PDF's table of movers.  With a
 * `store`, the market's monthly means of M and the base are read (one
 * query per month); without one has_market stays FALSE.  The movers borrow
 * the report's rows.  Returns a GArray of JcReportMover, or NULL with an
 * error. */
GArray   *jc_report_movers        (JcStore            *store,
                                   const JcReport     *report,
                                   JcReportPeriod      base,
                                   guint               max,
                                   GError            **error);

/* One month of one item: what was bought, its unit cost and the market's
 * monthly mean price. */
typedef struct {
  char     month[8];
  gboolean in;                        /* a locked plan line in the month */
  gint64   qty_milli;
  gint64   cost_fen;
  gboolean has_unit_cost;             /* qty > 0 */
  gint64   unit_cost_milliyuan;       /* cost / qty per base unit, rounded */
  gboolean has_market;
  gint64   market_milliyuan;          /* the market's monthly mean, rounded */
} JcReportItemMonth;

/* jc_report_item_history:
 * The `n` months ending with `month` (oldest first) of the item `item_code`
 * for all canteens or one, as jc_report_build() counts them (one build per
 * month) and the market's monthly mean as the indices use it.
 * JC_STORE_ERROR_NOT_FOUND for an unknown item or canteen. */
gboolean  jc_report_item_history  (JcStore            *store,
                                   const char         *month,
                                   const char         *canteen_or_null,
                                   const char         *item_code,
                                   guint               n,
                                   JcReportItemMonth  *out,
                                   GError            **error);

/* jc_report_month_shift:
 * `month` ("YYYY-MM") moved by `months` (negative: back) into `out`; FALSE
 * for a bad month. */
gboolean  jc_report_month_shift   (const char         *month,
                                   int                 months,
                                   char                out[8]);

/* jc_report_spend_between: the spend of all canteens on the locked
 * delivery dates from `from` to `to` inclusive ("YYYY-MM-DD"), counted as
 * the review counts it (actual, else planned cost), and the number of
 * those dates. */
gboolean  jc_report_spend_between (JcStore     *store,
                                   const char  *from,
                                   const char  *to,
                                   gint64      *out_fen,
                                   guint       *out_days,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcReport, jc_report_free)

G_END_DECLS
