/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-report.h: the SQL of the monthly cost review
 * (jc-store-report.c), for jc-report.c: whole date ranges read in one
 * query each, handed row by row to the caller, who computes. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

/* Monthly cost review (jc-store-report.c), for jc-report.c.  Each reads a
 * whole date range [from, to) in one query, in (date, item id, supplement
 * id) order: a line of a locked plan has supplement id 0, a supplementary
 * purchase (补单) its own id, and its one share is the late canteen's. */
typedef struct {
  const char *date;
  gint64      item_id;
  gint64      supplement_id;
  const char *item_code;
  const char *item_name;
  const char *category_name;
  int         category_position;
  gint64      purchase_milli;
  gboolean    has_price;
  gint64      price_milliyuan;
  gint64      cost_fen;        /* planned */
  gboolean    has_actual;
  gint64      actual_qty_milli;
  gint64      actual_cost_fen;
} JcStoreReportLine;

gboolean      _jc_store_foreach_report_line (JcStore  *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (const JcStoreReportLine *line,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
gboolean      _jc_store_foreach_report_share (JcStore *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (const char *date,
                                                              gint64      item_id,
                                                              gint64      supplement_id,
                                                              const char *canteen_code,
                                                              gint64      qty_milli,
                                                              gint64      share_fen,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);
/* The reference source's daily average price of each item over [from,
 * to): per item and day, the preferred enabled source that quoted it (as
 * jc_store_reference_price() chooses), the mean of its quotes rounded
 * half up.  In (item id, date) order. */
gboolean      _jc_store_foreach_market_day (JcStore   *store,
                                         const char   *from,
                                         const char   *to,
                                         void        (*func) (gint64      item_id,
                                                              const char *date,
                                                              gint64      avg_milliyuan,
                                                              gpointer    data),
                                         gpointer      data,
                                         GError      **error);

G_END_DECLS
