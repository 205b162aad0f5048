/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-tasks.h: the Prices section's database work, on worker threads.
 *
 * Every call runs on a GTask thread (jc-task) with its own connection to
 * the database of the `store` it is given (jc_store_open_same(): a JcStore
 * is one connection for one thread, the given store itself is never used
 * off the main thread), makes the core calls (jc-prices.h,
 * jc-price-import.h, jc-suggest.h), closes its connection and hands back plain values the main thread owns after _finish.  A
 * worker never creates a database that is not there.  Nothing here touches
 * a widget and nothing here writes SQL.  Pass a reference to the widget as
 * `user_data` and drop it in the callback.  A cancelled call finishes with
 * G_IO_ERROR_CANCELLED (except the fetch: see jc_price_task_fetch()). */
#pragma once

#include <gio/gio.h>

#include "jc-prices.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* ---- the market of a day (the page's "Today") --------------------------- */

typedef struct {
  GPtrArray *categories;   /* JcCategory */
  GPtrArray *rows;         /* JcMarketRow */
} JcPriceMarket;

void           jc_price_market_free          (JcPriceMarket *market);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPriceMarket, jc_price_market_free)

/* The categories and jc_store_market_overview() of `date` with the office's
 * staleness window. */
void           jc_price_task_load_market     (JcStore             *store,
                                              const char          *date,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the market. */
JcPriceMarket *jc_price_task_load_market_finish (GAsyncResult     *result,
                                                 GError          **error);

/* ---- an item's history ---------------------------------------------------- */

/* `from` NULL: from the first day there is. */
void           jc_price_task_history         (JcStore             *store,
                                              gint64               item_id,
                                              const char          *from,
                                              const char          *to,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): jc_store_price_history()'s points. */
GArray        *jc_price_task_history_finish  (GAsyncResult        *result,
                                              GError             **error);

/* ---- fetching and importing --------------------------------------------- */

typedef struct {
  char      *from;          /* the days fetched; NULL for an import */
  char      *to;
  gboolean   imported;      /* files were imported, not sources fetched */
  guint      n_sources;     /* sources or files tried */
  guint      n_ok;
  guint      pages;
  guint      rows_new;
  guint      rows_changed;
  guint      rows_same;
  guint      rows_rejected;
  guint      rows_duplicate;
  guint      rows_unmapped;
  gboolean   cancelled;
  GPtrArray *errors;        /* char *, one per source or file that failed */
} JcPriceFetchReport;

void           jc_price_fetch_report_free    (JcPriceFetchReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPriceFetchReport, jc_price_fetch_report_free)

/* Called on the main thread (the thread-default context of the caller of
 * jc_price_task_fetch()) while the worker runs, with a reference to
 * `target` held for the call.  `fraction` < 0: unknown.  Not called once
 * `cancellable` is cancelled. */
typedef void (*JcPriceFetchProgressFunc) (gpointer      target,
                                          GCancellable *cancellable,
                                          double        fraction,
                                          const char   *text);

/* `target` is borrowed: `user_data` must hold a reference to it until
 * `callback` has run (the page passes itself in both).
 * Fetches `from`..`to` from every enabled source (`files` NULL), or imports
 * `files` (taken; paths of CSV, Xinfadi or USDA JSON files, each its own
 * transaction).  A cancelled fetch still finishes with the report of the
 * sources it finished (`cancelled` set). */
void           jc_price_task_fetch           (JcStore                  *store,
                                              const char               *from,
                                              const char               *to,
                                              GPtrArray                *files,
                                              JcPriceFetchProgressFunc  progress,
                                              GObject                  *target,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
/* `out_no_source`: set when there is not one price source;
 * `out_all_disabled`: when every source is disabled (both with an error
 * that says so, G_IO_ERROR_NOT_FOUND).
 * Returns: (transfer full) (nullable): the report. */
JcPriceFetchReport *jc_price_task_fetch_finish (GAsyncResult       *result,
                                                gboolean           *out_no_source,
                                                gboolean           *out_all_disabled,
                                                GError            **error);

/* ---- the prices held for review ------------------------------------------- */

void           jc_price_task_load_held       (JcStore             *store,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): JcHeldQuote *, as jc_price_list_held(). */
GPtrArray     *jc_price_task_load_held_finish (GAsyncResult       *result,
                                               GError            **error);

/* Settles the held price `h`: releases it as it is (`per_pack` FALSE), or
 * maps its market name, for its source, as quoted per the item's pack. */
void           jc_price_task_settle_held     (JcStore             *store,
                                              const JcHeldQuote   *h,
                                              gboolean             per_pack,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean       jc_price_task_settle_held_finish (GAsyncResult     *result,
                                                 GError          **error);

/* ---- the market names to map ---------------------------------------------- */

typedef struct {
  GPtrArray *unmapped;     /* JcUnmapped */
  GPtrArray *suggestions;  /* GArray of JcSuggestion per unmapped name, indexing items */
  GPtrArray *items;        /* JcItem, every active item */
} JcPriceUnmapped;

void           jc_price_unmapped_free        (JcPriceUnmapped *unmapped);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcPriceUnmapped, jc_price_unmapped_free)

/* The unmapped names, each with the (at most `max_suggestions`) items
 * jc_suggest_items() finds for it in its category. */
void           jc_price_task_load_unmapped   (JcStore             *store,
                                              guint                max_suggestions,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full): the names and their suggestions. */
JcPriceUnmapped *jc_price_task_load_unmapped_finish (GAsyncResult  *result,
                                                     GError       **error);

/* Maps `market_name` to the item `item_code`. */
void           jc_price_task_map_name        (JcStore             *store,
                                              const char          *market_name,
                                              const char          *item_code,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* `out_item_name`: (transfer full): the item's name; `out_rows`: the
 * prices that now count for it. */
gboolean       jc_price_task_map_name_finish (GAsyncResult        *result,
                                              char               **out_item_name,
                                              guint               *out_rows,
                                              GError             **error);

G_END_DECLS
