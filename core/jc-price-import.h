/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-import.h: a fetch or an import of market prices, from bytes to
 * stored quotes: parse with the source's adapter, map market names to
 * catalog items, store — staged in bounded transactions and published at
 * once, so that all of it or nothing is seen, and one line in the fetch
 * log whatever happens.  Runs in a worker thread: it blocks. */
#pragma once

#include <gio/gio.h>

#include "jc-feed.h"
#include "jc-fetch.h"
#include "jc-prices.h"

G_BEGIN_DECLS

/* A price file imported from disk may be this large at the most (about
 * eight million CSV rows); larger is refused before reading. */
#define JC_PRICE_IMPORT_MAX_FILE_BYTES ((guint64) 512 * 1024 * 1024)

typedef struct {
  guint      pages;
  guint      rows_seen;
  guint      rows_new;
  guint      rows_changed;
  guint      rows_same;
  guint      rows_rejected;
  guint      rows_duplicate;
  guint      rows_unmapped;      /* stored, but their name or unit is not mapped yet */
  guint      rows_held;          /* stored, mapped, but held for review (jc_price_list_held) */
  guint      rejected_by_reason[JC_N_REJECT_REASONS];
  GPtrArray *reject_examples;    /* char *: "line 12: avgPrice “2.7（个）” …", the first few per reason */
  GPtrArray *warnings;           /* char *, from the parser */
  GPtrArray *unmapped_names;     /* char *, distinct */
  gint64     fetch_log_id;
} JcImportReport;

typedef enum {
  JC_IMPORT_PHASE_FETCHING,
  JC_IMPORT_PHASE_STORING,
  JC_IMPORT_PHASE_WAITING,   /* for another desk's import to finish */
} JcImportPhase;

/* Pages fetched of pages expected (0: not known yet), rows so far.  Called
 * from the working thread. */
typedef void (*JcImportProgress) (JcImportPhase phase,
                                  guint         done,
                                  guint         total,
                                  guint         rows,
                                  gpointer      user_data);

void     jc_import_report_init  (JcImportReport *report);
void     jc_import_report_clear (JcImportReport *report);

gboolean jc_prices_import_file  (JcStore            *store,
                                 const char         *path,
                                 const char         *format,     /* NULL: guess */
                                 const JcCsvMapping *mapping,    /* NULL: from the header */
                                 const char         *source_name,
                                 const char         *from,
                                 const char         *to,
                                 GCancellable       *cancellable,
                                 JcImportProgress    progress,
                                 gpointer            user_data,
                                 JcImportReport     *report,
                                 GError            **error);

gboolean jc_prices_fetch_source (JcStore               *store,
                                 const JcSource        *source,
                                 const char            *from,
                                 const char            *to,
                                 const JcFetchOptions  *options,   /* NULL: defaults */
                                 GCancellable          *cancellable,
                                 JcImportProgress       progress,
                                 gpointer               user_data,
                                 JcImportReport        *report,
                                 GError               **error);

G_END_DECLS
