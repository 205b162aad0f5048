/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard.h: the day at a glance, as figures — the read model behind
 * the Dashboard page and `jicai-cli dashboard`.  For a day ("today") it
 * reads from a store: the orders for the next day against the cutoff, the
 * latest price fetch and the market names to map, the day's biggest market
 * moves, the purchase plan of the next day, and the month's spend so far
 * against the same days a year before.
 *
 * Plain data: money in fen, prices in milli-yuan, changes in per-mille,
 * dates ISO.  No GTK, no SQL (it asks the store and the domain modules) and
 * no formatting: the page and the CLI each say the figures their own way.
 * Each tile carries its own error, so one tile that cannot be read does not
 * hide the others. */
#pragma once

#include <gio/gio.h>

#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* At most this many movers each way; canteens waiting, the page shows
 * this many by name. */
#define JC_DASHBOARD_N_MOVERS 5
#define JC_DASHBOARD_N_WAITING_SHOWN 4

typedef struct {
  char   *item_code;
  char   *item_name;
  gint64  avg_milliyuan;        /* today's average, per base unit */
  gint64  prev_avg_milliyuan;   /* the previous market day's */
  gint64  change_permille;      /* never 0 */
} JcDashboardMover;

typedef struct {
  char          *canteen_code;
  char          *canteen_name;
  JcOrderStatus  status;        /* JC_ORDER_DRAFT or JC_ORDER_NOT_STARTED */
} JcDashboardWaiting;

typedef struct {
  char             today[11];
  char             tomorrow[11];      /* the delivery date of the orders and the plan */

  /* the orders for tomorrow */
  char            *orders_error;      /* NULL: read */
  guint            n_canteens;
  guint            n_submitted;       /* submitted or locked */
  guint            n_draft;
  guint            n_not_started;
  guint            n_late_out;        /* late orders not in the locked plan */
  GPtrArray       *waiting;           /* JcDashboardWaiting: drafts, then not started */
  char            *cutoff;            /* local "YYYY-MM-DDTHH:MM", NULL: none set */
  gboolean         past_cutoff;

  /* the latest price fetch */
  char            *fetch_error;
  JcFetchLogEntry *fetch;             /* NULL: none yet */
  guint            n_unmapped;        /* market names to map */

  /* the day's market, against the day before */
  char            *market_error;
  GPtrArray       *up;                /* JcDashboardMover, largest rise first */
  GPtrArray       *down;              /* JcDashboardMover, largest fall first */

  /* the purchase plan of tomorrow */
  char            *plan_error;
  JcPlanStatus     plan_status;
  guint            plan_n_lines;
  gint64           plan_total_cost_fen;
  GPtrArray       *plan_no_price;     /* char *: item codes without a price */

  /* the month so far (locked delivery days), and the same days a year before */
  char            *month_error;
  char             month_from[11], month_to[11];
  char             ly_from[11], ly_to[11];
  gint64           month_fen;
  guint            month_days;
  gint64           ly_fen;
  guint            ly_days;
  gboolean         has_yoy;           /* last year has spend to compare with */
  gint64           yoy_change_fen;    /* month_fen − ly_fen */
  gint64           yoy_permille;      /* of ly_fen, half away from zero */
} JcDashboard;

void         jc_dashboard_free  (JcDashboard   *dashboard);

/* jc_dashboard_read: the figures of `today` ("YYYY-MM-DD", a real day).
 * A tile that cannot be read has its *_error set; the call itself fails
 * only for a bad date (G_IO_ERROR_INVALID_ARGUMENT) or when `cancellable`
 * is cancelled between tiles (G_IO_ERROR_CANCELLED).
 * Returns: (transfer full) (nullable): the dashboard. */
JcDashboard *jc_dashboard_read  (JcStore       *store,
                                 const char    *today,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* The same days a year before: the 29th of February a year later is the
 * 28th.  `today` must be valid; writes "YYYY-MM-DD" into the four. */
gboolean     jc_dashboard_month_periods (const char *today,
                                         char        month_from[11],
                                         char        ly_from[11],
                                         char        ly_to[11]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDashboard, jc_dashboard_free)

G_END_DECLS
