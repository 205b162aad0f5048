/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices.h: price sources, market quotes and the reference price.
 *
 * A quote is stored as the market published it (name, spec, origin, unit,
 * low/avg/high per that unit) and, once its market name is mapped to a
 * catalog item, also per the item's base unit.  Re-storing the same quote
 * changes nothing; a changed price replaces the old one and the change is
 * kept in price_revisions.  The reference price is the one function that
 * the plan, the order editor and the reports all use. */
#pragma once

#include <glib.h>

#include "jc-store.h"
#include "jc-units.h"

G_BEGIN_DECLS

typedef struct {
  gint64    id;
  char     *name;
  char     *adapter;      /* "xinfadi", "csv", "usda", "json" */
  char     *url;          /* http(s)://, file:// */
  char     *params;       /* adapter parameters, "key=value&…" */
  char     *credentials;  /* never printed or logged */
  int       priority;     /* lower comes first */
  gboolean  enabled;
  char     *schedule;     /* daily "HH:MM", "" for none */
} JcSource;

typedef struct {
  const char *market_name;
  const char *category;
  const char *spec;
  const char *origin;
  const char *unit;
  const char *date;           /* YYYY-MM-DD */
  gint64      low_milliyuan;  /* per `unit` */
  gint64      avg_milliyuan;
  gint64      high_milliyuan;
  gint64      unit_milli_kg;  /* mass of one `unit` when it is a package of
                               * known mass the unit table does not know
                               * ("40 lb cartons"), else 0 */
  const JcDecimal *exact;     /* low, avg, high exactly as quoted, converted
                               * to the base unit with one rounding; NULL:
                               * the *_milliyuan are exact */
} JcPriceQuote;

typedef enum {
  JC_PUT_NEW,
  JC_PUT_CHANGED,
  JC_PUT_SAME,
} JcPutResult;

typedef struct {
  gint64 id;
  gint64 source_id;
  char   source_name[64];
  char   date[11];
  char  *market_name;
  char  *spec;
  char  *origin;
  char  *unit;
  char  *item_code;           /* NULL while unmapped */
  gint64 low_milliyuan;       /* per base unit when mapped, else per unit */
  gint64 avg_milliyuan;
  gint64 high_milliyuan;
  gboolean per_base_unit;
} JcPriceRow;

typedef struct {
  gboolean found;
  gboolean stale;             /* dated before the last working day before D */
  gint64   price_milliyuan;   /* per base unit */
  char     date[11];
  gint64   source_id;
} JcRefPrice;

typedef struct {
  char   date[11];
  gint64 low_milliyuan;
  gint64 avg_milliyuan;
  gint64 high_milliyuan;
} JcPricePoint;

typedef struct {
  char   *market_name;
  char   *category;
  char   *unit;
  guint   n_rows;
  char    last_date[11];
  gint64  last_avg_milliyuan;  /* per `unit` */
} JcUnmapped;

typedef struct {
  gint64  id;
  char   *source_name;
  char   *started_at;
  char   *finished_at;
  char   *status;
  guint   rows_seen, rows_new, rows_changed, rows_same;
  guint   rows_rejected, rows_duplicate, rows_unmapped;
  char   *rejects;   /* JSON: {"reason": count, …} */
  char   *message;
} JcFetchLogEntry;

/* One line of "the market today": an item's latest price on or before the
 * day, per base unit, and its change against the previous market day and
 * against a week before. */
typedef struct {
  gint64      item_id;
  char       *item_code;
  char       *item_name;
  char       *category;        /* code */
  char       *pinyin;
  JcBaseUnit  base_unit;
  char       *spec;
  char       *origin;
  char        date[11];        /* of the price shown */
  gboolean    stale;           /* older than the staleness window */
  gint64      low_milliyuan;
  gint64      avg_milliyuan;
  gint64      high_milliyuan;
  gboolean    has_prev_day;
  gint64      prev_day_avg_milliyuan;
  gboolean    has_prev_week;
  gint64      prev_week_avg_milliyuan;
} JcMarketRow;

#define JC_DEFAULT_STALE_DAYS 7

/* The office's staleness window in days (setting "stale_days", 1–60,
 * JC_DEFAULT_STALE_DAYS when unset): how long a market price stays usable
 * as the reference.  Every desk reads the same value from the database. */
int        jc_store_get_stale_days (JcStore        *store);
gboolean   jc_store_set_stale_days (JcStore        *store,
                                    int             days,
                                    GError        **error);

JcSource *jc_source_new      (void);
JcSource *jc_source_copy     (const JcSource *source);
void      jc_source_free     (JcSource *source);
gboolean  jc_source_validate (const JcSource *source,
                              GError        **error);

void      jc_price_row_free  (JcPriceRow *row);
void      jc_unmapped_free   (JcUnmapped *u);
void      jc_fetch_log_entry_free (JcFetchLogEntry *e);

gboolean   jc_price_quote_to_base  (const JcItem       *item,
                                    const JcPriceQuote *quote,
                                    gint64              base[3]);

GPtrArray *jc_store_list_sources   (JcStore        *store,
                                    GError        **error);
JcSource  *jc_store_get_source     (JcStore        *store,
                                    const char     *name,
                                    GError        **error);
gboolean   jc_store_insert_source  (JcStore        *store,
                                    JcSource       *source,
                                    GError        **error);
gboolean   jc_store_update_source  (JcStore        *store,
                                    const JcSource *source,
                                    GError        **error);
/* Quotes stored for the source (mapped or not). */
gint64     jc_store_count_source_prices (JcStore   *store,
                                    gint64          source_id,
                                    GError        **error);
/* Deletes the source AND every quote and revision it brought: callers ask
 * first (jc_store_count_source_prices); disabling keeps the history. */
gboolean   jc_store_delete_source  (JcStore        *store,
                                    const char     *name,
                                    GError        **error);

/* Stores one quote; `item` (NULL: unmapped) converts it to the base unit.
 * A quote whose unit does not convert for the item is stored unmapped. */
gboolean   jc_store_put_quote      (JcStore            *store,
                                    gint64              source_id,
                                    gint64              fetch_id,
                                    const JcPriceQuote *quote,
                                    const JcItem       *item,
                                    JcPutResult        *result,
                                    GError            **error);
gint64     jc_store_count_prices   (JcStore        *store,
                                    GError        **error);
gint64     jc_store_count_revisions (JcStore       *store,
                                    GError        **error);

GPtrArray *jc_store_list_prices    (JcStore        *store,
                                    const char     *item_code,
                                    const char     *from,
                                    const char     *to,
                                    GError        **error);
GArray    *jc_store_price_history  (JcStore        *store,
                                    gint64          item_id,
                                    const char     *from,
                                    const char     *to,
                                    GError        **error);

gboolean   jc_store_reference_price (JcStore       *store,
                                     gint64         item_id,
                                     const char    *date,
                                     int            stale_days,
                                     JcRefPrice    *out,
                                     GError       **error);
GHashTable *jc_store_reference_prices (JcStore     *store,
                                       const char  *date,
                                       int          stale_days,
                                       GError     **error);

/* Every active item with a price in the 60 days up to `date`: JcMarketRow *s
 * by category and code.  One query. */
GPtrArray *jc_store_market_overview (JcStore       *store,
                                     const char    *date,
                                     int            stale_days,
                                     GError       **error);
void       jc_market_row_free      (JcMarketRow    *row);
/* change in ‰ of `now` against `before`, rounded half away from zero */
gint64     jc_change_permille      (gint64          now,
                                    gint64          before);

GPtrArray *jc_store_list_unmapped  (JcStore        *store,
                                    GError        **error);
gboolean   jc_store_map_market_name (JcStore       *store,
                                     const char    *market_name,
                                     const char    *item_code,
                                     guint         *out_rows,
                                     GError       **error);

/* A fetch is logged when it starts (inside its transaction, so its rows
 * can point at it) and finished with its counts; a fetch that failed is
 * logged again after the rollback, so the failure is never lost. */
gint64     jc_store_log_fetch      (JcStore               *store,
                                    const JcFetchLogEntry *entry,
                                    gint64                 source_id,
                                    GError               **error);
gboolean   jc_store_finish_fetch_log (JcStore             *store,
                                    gint64                 id,
                                    const JcFetchLogEntry *entry,
                                    GError               **error);
GPtrArray *jc_store_list_fetch_log (JcStore        *store,
                                    guint           limit,
                                    GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcSource, jc_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPriceRow, jc_price_row_free)

G_END_DECLS
