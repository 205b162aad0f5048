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

#include <gio/gio.h>

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
gboolean   jc_price_put_quote      (JcStore            *store,
                                    gint64              source_id,
                                    gint64              fetch_id,
                                    const JcPriceQuote *quote,
                                    const JcItem       *item,
                                    JcPutResult        *result,
                                    GError            **error);
gboolean   jc_price_put_quote_full (JcStore            *store,
                                    gint64              source_id,
                                    gint64              fetch_id,
                                    const JcPriceQuote *quote,
                                    const JcItem       *item,
                                    JcPutResult        *result,
                                    gboolean           *out_mapped,
                                    gboolean           *out_held,
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
/* The store's plain read under them (jc-store-prices.c): the latest day's
 * price per item in [from, to] from the preferred source, stale unset. */
GHashTable *_jc_store_latest_prices  (JcStore     *store,
                                      gint64       item_id,
                                      const char  *from,
                                      const char  *to,
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
gboolean   jc_price_map_market_name (JcStore       *store,
                                     const char    *market_name,
                                     const char    *item_code,
                                     guint         *out_rows,
                                     GError       **error);

/* ---- quoted per, held quotes ----------------------------------------
 *
 * A source can be wrong about its unit: the Xinfadi market prints the price
 * of a 5 L bottle of oil with the unit 斤.  A market name can therefore carry
 * a "quoted per" override, for one source or for every source (a source's
 * own override wins):
 *
 *   ""        the unit the source prints (the default: no override)
 *   "pack"    the item's pack (箱/袋/桶 = pack_milli base units)
 *   "piece"   one piece (the item's mean piece mass for goods sold by weight)
 *   "斤", "kg", "L", "5 L", "2.5 kg", "500 g"
 *             a stated unit, optionally with an amount: a stated pack
 *
 * The quote keeps the figures as printed; its per-base-unit prices are
 * converted through the override with one rounding (half up).
 *
 * A mapped quote whose per-base-unit average is more than 5× or less than
 * ⅕ of the item's median over its last 30 quoted days before the quote's
 * date (non-held quotes of every source), or, with no such history,
 * outside its category's range for its base unit (price_ranges, which an
 * office can change), is stored held: the plan, the review, the price
 * list, the chart, the market overview and the dashboard ignore it until
 * it is released (as it is, audited) or converted by a "quoted per"
 * override that brings it into range. */

#define JC_HOLD_HISTORY_DAYS 30
#define JC_HOLD_FACTOR       5

typedef enum {
  JC_HOLD_SUGGEST_NONE,
  JC_HOLD_SUGGEST_PACK,       /* quoted per pack */
  JC_HOLD_SUGGEST_PIECE,      /* quoted per piece */
  JC_HOLD_SUGGEST_UNIT,       /* quoted per another unit (suggest_unit) */
  JC_HOLD_SUGGEST_TEN_HIGH,   /* typed ten times too high */
  JC_HOLD_SUGGEST_TEN_LOW,    /* typed ten times too low */
} JcHoldSuggest;

typedef struct {
  gint64        id;
  char          source_name[64];
  char          date[11];
  char         *market_name;
  char         *spec;
  char         *origin;
  char         *unit;                 /* as printed by the source */
  char         *quoted_per;           /* the override it was converted with, "" none */
  char         *item_code;
  char         *item_name;
  char         *category;             /* code */
  JcItemUnits   units;
  gint64        low_milliyuan;        /* as printed, per `unit` */
  gint64        avg_milliyuan;
  gint64        high_milliyuan;
  gint64        base_low_milliyuan;   /* per base unit */
  gint64        base_avg_milliyuan;
  gint64        base_high_milliyuan;
  gboolean      has_median;
  gint64        median_milliyuan;     /* what it was compared with */
  gboolean      has_range;            /* without a median: the category range */
  gint64        range_low_milliyuan;
  gint64        range_high_milliyuan;
  JcHoldSuggest suggest;
  char         *suggest_unit;         /* for JC_HOLD_SUGGEST_UNIT: "斤", "kg", … */
  gint64        suggested_avg_milliyuan;  /* per base unit under the suggestion */
} JcHeldQuote;

typedef struct {
  guint mapped;     /* quotes of the name now mapped to the item */
  guint converted;  /* of them, converted through the override */
  guint released;   /* held quotes that are now in range */
  guint held;       /* quotes of the name still (or newly) held */
} JcMapResult;

typedef struct {
  char       *category;      /* code */
  JcBaseUnit  base_unit;
  gint64      low_milliyuan;
  gint64      high_milliyuan;
} JcPriceRange;

/* How many base units one "quoted per" stands for, for this item. */
gboolean   jc_quoted_per_factor     (const JcItem       *item,
                                     const char         *quoted_per,
                                     JcUnitFactor       *out,
                                     GError            **error);
/* The quote's prices per base unit through `quoted_per` ("" or NULL: the
 * quote's own unit); FALSE when they do not convert. */
gboolean   jc_price_quote_to_base_as (const JcItem       *item,
                                      const JcPriceQuote *quote,
                                      const char         *quoted_per,
                                      gint64              base[3]);
/* TRUE when `avg` (per base unit) is to be held against `median`. */
gboolean   jc_price_is_outlier      (gint64              avg,
                                     gint64              median);
/* Fills h->suggest, suggest_unit and suggested_avg_milliyuan. */
void       jc_held_quote_suggest    (JcHeldQuote        *h);
/* "quoted per pack (4.6 kg)?" — translated; "" for none. */
char      *jc_held_quote_dup_suggestion (const JcHeldQuote *h);
const char *jc_hold_suggest_to_string (JcHoldSuggest    s);
void       jc_held_quote_free       (JcHeldQuote        *h);
void       jc_price_range_free      (JcPriceRange       *r);

/* The override of a market name for a source (a source's own first, then
 * the every-source one): a newly allocated string, "" for none. */
char      *jc_store_dup_quoted_per  (JcStore            *store,
                                     gint64              source_id,
                                     const char         *market_name,
                                     GError            **error);
gint64     jc_store_count_held      (JcStore            *store,
                                     GError            **error);
/* Held quotes, newest first: JcHeldQuote *s with their suggestion. */
GPtrArray *jc_price_list_held       (JcStore            *store,
                                     GError            **error);
/* Accepts held quotes as they are (ids; or every held quote when `all`),
 * audited with `reason`.  One transaction; an id that is not a held quote
 * fails it (JC_STORE_ERROR_NOT_FOUND). */
gboolean   jc_store_release_held    (JcStore            *store,
                                     const gint64       *ids,
                                     guint               n_ids,
                                     gboolean            all,
                                     const char         *reason,
                                     guint              *out_released,
                                     GError            **error);
/* Maps a market name to an item (an alias), for `source_name` (NULL: every
 * source) with `quoted_per` (NULL: leave the override as it is; "": the
 * source's own unit), then converts the name's stored quotes and evaluates
 * the held and newly mapped ones again, oldest first.  One transaction. */
gboolean   jc_price_map_market_name_as (JcStore         *store,
                                        const char      *market_name,
                                        const char      *item_code,
                                        const char      *source_name,
                                        const char      *quoted_per,
                                        JcMapResult     *out,
                                        GError         **error);
GPtrArray *jc_store_list_price_ranges (JcStore          *store,
                                       GError          **error);
/* Sets (or with low = high = 0 removes) a category's range. */
gboolean   jc_store_set_price_range (JcStore            *store,
                                     const char         *category,
                                     JcBaseUnit          base_unit,
                                     gint64              low_milliyuan,
                                     gint64              high_milliyuan,
                                     GError            **error);

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

/* A large import is staged: its quotes are written in bounded
 * transactions that no other connection sees, then published in one short
 * transaction (jc-store-prices.c says how). */
gint64     jc_store_stage_begin    (JcStore               *store,
                                    JcSource              *source,
                                    const JcFetchLogEntry *entry,
                                    GCancellable          *cancellable,
                                    JcStoreBusyFunc        waiting,
                                    gpointer               user_data,
                                    GError               **error);
gboolean   jc_store_stage_next_chunk (JcStore             *store,
                                    GError               **error);
gboolean   jc_store_stage_publish  (JcStore               *store,
                                    GError               **error);
void       jc_store_stage_discard  (JcStore               *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcSource, jc_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPriceRow, jc_price_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcHeldQuote, jc_held_quote_free)

/* ---- the store's plain reads and writes behind the hold rule ---------
 * The store decides nothing here: jc-price-hold.c reads the history,
 * decides whether a quote is held and tells the store what to write. */

/* One stored quote of a market name, as jc_store_list_name_quotes() reads
 * it for converting it again. */
typedef struct {
  gint64    id;
  gint64    source_id;
  char      date[11];
  char     *unit;
  gint64    unit_milli_kg;
  gint64    price[3];
  JcDecimal exact[3];    /* as quoted, when has_exact */
  gboolean  has_exact;
  gboolean  unmapped;
  gboolean  held;
  char     *quoted_per;  /* as it was converted */
} JcNameQuote;

/* The clear function of a GArray of JcNameQuote. */
void       jc_name_quote_clear      (gpointer            data);

/* The item's median price per base unit over its last 30 quoted days
 * before `date`, from quotes that are not held; `found` FALSE without
 * history. */
gboolean   jc_store_get_item_median (JcStore            *store,
                                     gint64              item_id,
                                     const char         *date,
                                     gboolean           *found,
                                     gint64             *median,
                                     GError            **error);
/* The range of the item's category for its base unit; `found` FALSE
 * without one. */
gboolean   jc_store_get_category_range (JcStore         *store,
                                        const JcItem    *item,
                                        gboolean        *found,
                                        gint64          *low,
                                        gint64          *high,
                                        GError         **error);
gboolean   jc_store_write_quote     (JcStore            *store,
                                     gint64              source_id,
                                     gint64              fetch_id,
                                     const JcPriceQuote *quote,
                                     gint64              item_id,
                                     const gint64        base[3],
                                     const char         *quoted_per,
                                     gboolean            held,
                                     gboolean            has_median,
                                     gint64              median,
                                     JcPutResult        *result,
                                     GError            **error);
/* Sets a market name's override for a source (0: every source); "" removes
 * it. */
gboolean   jc_store_set_quoted_per  (JcStore            *store,
                                     gint64              source_id,
                                     const char         *market_name,
                                     const char         *quoted_per,
                                     GError            **error);
/* Records what was done with a held quote. */
gboolean   jc_store_audit_hold      (JcStore            *store,
                                     gint64              price_id,
                                     const char         *action,
                                     const char         *quoted_per,
                                     const char         *reason,
                                     GError            **error);
/* Appends to `out` (JcNameQuote) the stored quotes of a market name for a
 * source (0: every source) that are unmapped or mapped to `item_id`,
 * oldest first. */
gboolean   jc_store_list_name_quotes (JcStore           *store,
                                      const char        *market_name,
                                      gint64             source_id,
                                      gint64             item_id,
                                      GArray            *out,
                                      GError           **error);
gboolean   jc_store_set_quote_mapping (JcStore          *store,
                                       gint64            price_id,
                                       gint64            item_id,
                                       const gint64      base[3],
                                       const char       *quoted_per,
                                       gboolean          held,
                                       gboolean          evaluated,
                                       gboolean          has_median,
                                       gint64            median,
                                       GError          **error);
/* Held quotes, newest first, without their suggestion (jc_price_list_held()
 * adds it). */
GPtrArray *jc_store_read_held       (JcStore            *store,
                                     GError            **error);

G_END_DECLS
