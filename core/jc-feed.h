/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed.h: the price feed parsers.
 *
 * Pure functions from the bytes of a feed (a Xinfadi getPriceData JSON page,
 * a CSV file, a USDA MARS JSON report) to cleaned quote rows plus a report of
 * every row that was refused and why.  Nothing here touches SQL, HTTP or the
 * catalog: the fetcher hands us bytes, the store takes the quotes.
 *
 * Every adapter passes each row, with its texts exactly as they came, to one
 * function (jc_feed_batch_add_raw(), or jc_feed_batch_add_usda() for USDA
 * rows), which applies the cleaning rules below.  A row is never dropped
 * without a count:  n_seen = quotes + rejects + n_duplicates, always.
 *
 * Cleaning rules, checked in this order (the first that fails names the
 * reject reason):
 *   1. name, unit, date or a price absent (NULL; a missing JSON member; a
 *      JSON member of the wrong type; a CSV line with the wrong number of
 *      fields)                                         → MISSING_FIELD
 *   2. date not YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], YYYY/M/D or M/D/YYYY, or
 *      not a real calendar day in 1900…2999            → BAD_DATE
 *   3. date outside the batch's [from, to]             → DATE_OUT_OF_RANGE
 *   4. name empty after trimming                       → EMPTY_NAME
 *   5. unit not known to jc_unit_is_known() (USDA packages are exempt: they
 *      are kept as quoted, see unit_milli_kg)          → UNKNOWN_UNIT
 *   6. each price in the order low, avg, high:
 *      "", "--", "N/A", "null", "1,2", "1e3", too large → BAD_NUMBER
 *      a number followed by text: "2.7（个）", "1.2元"    → UNIT_IN_PRICE
 *      below zero                                        → NEGATIVE
 *   7. low = avg = high = 0                            → ZERO_PRICE
 *   8. low > high                                      → LOW_ABOVE_HIGH
 *   9. avg < low or avg > high                         → AVG_OUTSIDE
 * "Trimming" removes ASCII white space, U+FEFF (byte-order marks, also
 * mid-file), U+3000 and U+00A0 at both ends of every text.  Prices are
 * kept exactly as quoted (jc_decimal_parse, up to nine decimals; a tenth
 * is BAD_NUMBER) and also as milli-yuan per the quoted unit, half up beyond
 * three decimals, for showing and comparing.
 *
 * A row identical to a kept one in name, spec, origin, unit, date and the
 * three prices (after trimming and parsing: "6" = "6.00") is a duplicate:
 * it is counted in n_duplicates and not kept again.  The category is not
 * part of the key.  Rejected rows are not de-duplicated: each is reported.
 *
 * Speed: strings of kept quotes are interned in one GStringChunk owned by
 * the batch; duplicates are found through an open-addressing hash of the
 * key.  No allocation per kept row beyond the quote array's growth; the
 * 110,609-row vegetable file parses in well under 0.1 s on one core.
 *
 * Threads: a batch belongs to one thread at a time; the functions keep no
 * global state. */
#pragma once

#include <glib.h>

#include "jc-units.h"

G_BEGIN_DECLS

#define JC_FEED_ERROR (jc_feed_error_quark ())

/* A GError from a parser means the whole input was refused; the batch is
 * then unchanged.  Problems with single rows are rejects, not errors. */
typedef enum {
  JC_FEED_ERROR_MALFORMED,       /* not JSON, truncated JSON, an HTML page instead of
                                  * JSON, an empty body, a JSON envelope without "list"
                                  * (an array) or "count", or without "results" */
  JC_FEED_ERROR_ENCODING,        /* binary data (a NUL byte) */
  JC_FEED_ERROR_UNKNOWN_FORMAT,  /* a CSV whose first line is neither a header we know
                                  * nor one of the header-less Xinfadi layouts */
  JC_FEED_ERROR_BAD_MAPPING,     /* a column mapping that does not parse, or that names
                                  * a column the file does not have */
} JcFeedError;

GQuark jc_feed_error_quark (void);

/* One cleaned quote, per the unit as quoted.  The strings are owned by the
 * batch (interned: equal strings are the same pointer) and live as long as
 * it does.
 *
 * Money: the *_milliyuan fields are thousandths of the feed's currency.
 * Xinfadi quotes yuan; USDA MARS quotes US dollars per package, and we keep
 * those integers as they are (milli-USD): converting currency is not a
 * parser's business. */
typedef struct {
  const char *market_name;  /* prodName / 品名 / USDA "commodity variety", trimmed */
  const char *category;     /* prodCat / USDA category, "" if none */
  const char *spec;         /* specInfo / 规格 / USDA item size, properties, grade
                             * and "organic", "" if none */
  const char *origin;       /* place / 产地 / USDA origin, "" if none */
  const char *unit;         /* unitInfo / 单位 / USDA package, as quoted (trimmed):
                             * 斤, 箱, 个, kg, "40 lb cartons", "cartons 2 layer"… */
  char        date[11];     /* YYYY-MM-DD */
  gint64      low_milliyuan;
  gint64      avg_milliyuan;
  gint64      high_milliyuan;
  JcDecimal   exact[3];      /* low, avg, high exactly as quoted (up to nine
                              * decimals): the *_milliyuan above are these
                              * rounded once, for showing and comparing */
  gint64      unit_milli_kg; /* the mass of one `unit` in grams (milli-kg) when it is
                              * fixed: 斤 500, 两 50, kg 1000, "40 lb cartons" 18144,
                              * "sacks 10 5-lb film bags" 22680; 0 when it is not
                              * (个, 箱, "cartons 2 layer", "flats 12 1-pint cups") */
  guint       line;         /* 1-based: the CSV line where the row starts, or the
                             * index of the record in the JSON array */
} JcQuote;

typedef enum {
  JC_REJECT_ZERO_PRICE,
  JC_REJECT_LOW_ABOVE_HIGH,
  JC_REJECT_AVG_OUTSIDE,
  JC_REJECT_UNIT_IN_PRICE,
  JC_REJECT_BAD_NUMBER,
  JC_REJECT_NEGATIVE,
  JC_REJECT_UNKNOWN_UNIT,
  JC_REJECT_EMPTY_NAME,
  JC_REJECT_BAD_DATE,
  JC_REJECT_DATE_OUT_OF_RANGE,
  JC_REJECT_MISSING_FIELD,
  JC_REJECT_TEXT_TOO_LONG,   /* name, category, spec or origin above JC_MAX_TEXT_CHARS */
  JC_N_REJECT_REASONS
} JcRejectReason;

/* A short translated phrase: "all prices zero". */
const char *jc_reject_reason_to_string (JcRejectReason reason);
/* A stable ASCII key for JSON and logs: "zero_price". */
const char *jc_reject_reason_to_key    (JcRejectReason reason);

typedef struct {
  JcRejectReason reason;
  guint          line;    /* as JcQuote.line */
  char          *detail;  /* translated; names the field and quotes its value
                           * (long values are cut at 60 bytes; a TEXT_TOO_LONG
                           * value at JC_QUOTE_MAX_CHARS characters) */
} JcReject;

typedef struct _JcFeedBatch JcFeedBatch;

/* A batch collects the rows of one or more parses.  `from` and `to`
 * (YYYY-MM-DD, inclusive, NULL: open) limit the dates kept; rows outside are
 * DATE_OUT_OF_RANGE.  Returns NULL (and warns) when a limit is not a date. */
JcFeedBatch *jc_feed_batch_new             (const char     *from_date_or_null,
                                            const char     *to_date_or_null);
void         jc_feed_batch_free            (JcFeedBatch    *batch);

/* Borrowed GArray of JcQuote, in input order. */
GArray      *jc_feed_batch_get_quotes      (JcFeedBatch    *batch);
/* Borrowed GArray of JcReject, in input order. */
GArray      *jc_feed_batch_get_rejects     (JcFeedBatch    *batch);
guint        jc_feed_batch_count_rejects   (JcFeedBatch    *batch,
                                            JcRejectReason  reason);
guint        jc_feed_batch_get_n_rejected  (JcFeedBatch    *batch);
guint        jc_feed_batch_get_n_seen      (JcFeedBatch    *batch);
guint        jc_feed_batch_get_n_duplicates (JcFeedBatch   *batch);
/* Rows refused as LOW_ABOVE_HIGH or AVG_OUTSIDE that would have passed with
 * the average and the high price exchanged: many of them mean mislabelled
 * columns (the 2021q4 Xinfadi scrapes). */
guint        jc_feed_batch_get_n_swap_fits (JcFeedBatch    *batch);
/* {"avg_outside":530,"low_above_high":3}: the reasons with a non-zero
 * count, by key.  Free with g_free(). */
char        *jc_feed_batch_dup_rejects_json (JcFeedBatch   *batch);
/* Borrowed array of translated notes a person should read: the encoding
 * that was assumed, columns that look swapped and the mapping to try. */
GPtrArray   *jc_feed_batch_get_warnings    (JcFeedBatch    *batch);

/* The one place where a raw row is checked and cleaned (see the rules at
 * the top).  Texts as they came; category, spec and origin may be NULL
 * ("").  `line` is only used in messages. */
void         jc_feed_batch_add_raw         (JcFeedBatch    *batch,
                                            guint           line,
                                            const char     *name,
                                            const char     *category,
                                            const char     *spec,
                                            const char     *origin,
                                            const char     *unit,
                                            const char     *date,
                                            const char     *low,
                                            const char     *avg,
                                            const char     *high);

/* One USDA MARS "Report Details" row, texts as they came (NULL: absent or
 * JSON null).  Only commodity, package, report_date, low and high are
 * required. */
typedef struct {
  const char *report_date;   /* MM/DD/YYYY on the wire, YYYY-MM-DD in re-shaped CSVs */
  const char *commodity;
  const char *variety;
  const char *package;       /* "package" on the wire, "pack_size" in re-shaped CSVs */
  const char *item_size;
  const char *properties;
  const char *grade;
  const char *organic;       /* "Y", "yes", "true" add "organic" to the spec */
  const char *origin;
  const char *category;
  const char *low;
  const char *high;
  const char *mostly_low;
  const char *mostly_high;
} JcUsdaRow;

/* Cleans a USDA row: name = commodity + " " + variety; unit = the package
 * text, kept even when jc_usda_package_to_kg_milli() cannot convert it (the
 * item mapping decides), so UNKNOWN_UNIT applies only to an empty package;
 * avg = the midpoint of mostly_low and mostly_high when both are numbers,
 * else of low and high, rounded half up to the milli (mostly prices that
 * are absent, null, "N/A" or not numbers are ignored); then the common
 * rules. */
void         jc_feed_batch_add_usda        (JcFeedBatch    *batch,
                                            guint           line,
                                            const JcUsdaRow *row);

/* For adapters: counts a row that cannot even be handed to add_raw (a CSV
 * line with the wrong number of fields, a JSON record that is not an
 * object or has a member of the wrong type). */
void         jc_feed_batch_reject          (JcFeedBatch    *batch,
                                            JcRejectReason  reason,
                                            guint           line,
                                            const char     *format,
                                            ...) G_GNUC_PRINTF (4, 5);
/* For adapters: `data` as UTF-8.  *converted is NULL when it already is
 * (no copy), else a new NUL-terminated string (g_free): the bytes read as
 * GB18030 (which covers GBK) when most non-ASCII text is not UTF-8 and the
 * bytes are GB18030, else the UTF-8 with every invalid byte replaced by
 * U+FFFD (a damaged UTF-8 file is not mistaken for GBK mojibake).  In both cases *note (g_free) says what
 * was done, for jc_feed_batch_add_warning() once the parse succeeded.
 * Fails only for a NUL byte (binary data), with JC_FEED_ERROR_ENCODING. */
gboolean     jc_feed_decode                (const char     *data,
                                            gsize           len,
                                            char          **converted,
                                            gsize          *converted_len,
                                            char          **note,
                                            GError        **error);
/* For adapters: adds a note for jc_feed_batch_get_warnings(). */
void         jc_feed_batch_add_warning     (JcFeedBatch    *batch,
                                            const char     *format,
                                            ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcFeedBatch, jc_feed_batch_free)

/* ---- Xinfadi: POST http://www.xinfadi.com.cn/getPriceData.html ---- */

typedef struct {
  gint64 current;     /* page number, 0 if the response had none */
  gint64 limit;       /* rows per page, 0 if the response had none */
  gint64 count;       /* rows in the whole result */
  guint  n_records;   /* elements of "list" on this page */
} JcXinfadiPage;

/* Parses one getPriceData response: {"current", "limit", "count", "list":
 * [{"prodName", "prodCat", "lowPrice", "avgPrice", "highPrice", "place",
 * "specInfo", "unitInfo", "pubDate", …}]}.  Prices may be strings or
 * numbers (numbers are read back with 15 significant digits, exact for any
 * price); null or a missing optional text (prodCat, specInfo, place) is "".
 * A record that is not an object, or whose prodName, unitInfo or pubDate is
 * missing, null or not a string, is MISSING_FIELD; a price that is null or
 * not a string or number is BAD_NUMBER.  `page_out` may be NULL.
 * Fails with JC_FEED_ERROR_MALFORMED (an HTML page, not JSON, truncated, no
 * "list" array, no numeric "count") or _ENCODING; the batch is then
 * unchanged. */
gboolean     jc_feed_parse_xinfadi         (const char     *data,
                                            gsize           len,
                                            JcFeedBatch    *batch,
                                            JcXinfadiPage  *page_out,
                                            GError        **error);

/* ---- CSV ---- */

/* Which column (0-based) holds each field; -1: the file has none.  Without
 * a unit column the unit is 斤 (Xinfadi quotes per 斤). */
typedef struct {
  int name;
  int category;
  int spec;
  int origin;
  int unit;
  int date;
  int low;
  int avg;
  int high;
} JcCsvMapping;

/* Sets every column to -1. */
void         jc_csv_mapping_init           (JcCsvMapping   *mapping);
/* Parses "name=2,low=3,high=4,avg=5,origin=6,unit=7,date=8" (0-based
 * columns; keys name, category, spec, origin, unit, date, low, avg, high;
 * "place" = origin, "cat" = category) into `mapping`.  name, date, low, avg
 * and high are required.  Fails with JC_FEED_ERROR_BAD_MAPPING naming the
 * part that is wrong. */
gboolean     jc_csv_mapping_parse          (const char     *text,
                                            JcCsvMapping   *mapping,
                                            GError        **error);
/* The text jc_csv_mapping_parse() reads back.  Free with g_free(). */
char        *jc_csv_mapping_to_string      (const JcCsvMapping *mapping);

/* Parses a CSV price file (RFC 4180 through libcsv: quotes, CRLF, LF, even
 * CR CR LF).  Encoding: UTF-8 with or without BOM; when the bytes are not
 * UTF-8 they are read as GB18030 (which covers GBK), and when they are not
 * that either the bad bytes become U+FFFD; a warning says which.
 *
 * Layout, from the first line, unless `mapping` is given:
 *  - a Xinfadi header, any order, Chinese or English: 品名|prodName,
 *    最低价|lowPrice, 平均价|avgPrice, 最高价|highPrice, 发布日期|pubDate,
 *    and optionally 规格|specInfo, 产地|place, 单位|unitInfo,
 *    类别|分类|prodCat; other columns are ignored;
 *  - a USDA header (commodity, report_date, low_price, high_price and
 *    package or pack_size, optionally variety, mostly_low_price, …): rows go
 *    through jc_feed_batch_add_usda();
 *  - no header, the first line's columns 1–3 numbers: the html-table
 *    layouts, 7 columns 品名,最低价,平均价,最高价,规格/产地,单位,发布日期 or
 *    6 columns without 单位 (规格/产地 is one mixed column and goes to spec
 *    as it is).
 * With a `mapping` the columns are taken from it, and the first line is
 * skipped as a header when two of its fields are header names we know or
 * when none of its mapped price fields holds a digit.
 *
 * Every line must have as many fields as the first; one that does not is
 * MISSING_FIELD with its line number.  Empty lines are skipped, not
 * counted.  When most rows fail because the average and high columns look
 * exchanged, a warning gives the --columns mapping that fixes it.
 * Fails with _ENCODING, _UNKNOWN_FORMAT, _BAD_MAPPING or _MALFORMED (an
 * empty file); the batch is then unchanged. */
gboolean     jc_feed_parse_csv             (const char         *data,
                                            gsize               len,
                                            const JcCsvMapping *mapping_or_null,
                                            JcFeedBatch        *batch,
                                            GError            **error);

/* ---- USDA AMS MyMarketNews (MARS) ---- */

/* Parses {"results": [{report_date, commodity, variety, package, item_size,
 * low_price, high_price, mostly_low_price, mostly_high_price, origin, …}]}
 * or, as /reports/{slug}?allSections=true answers, an array of sections
 * each with "results" (the "Report Details" section when one is named so).
 * Prices may be strings, numbers, null or "N/A".  Records go through
 * jc_feed_batch_add_usda(); a record that is not an object, or with a text
 * member that is not a string, is MISSING_FIELD.  Fails with
 * JC_FEED_ERROR_MALFORMED or _ENCODING; the batch is then unchanged. */
gboolean     jc_feed_parse_usda            (const char     *data,
                                            gsize           len,
                                            JcFeedBatch    *batch,
                                            GError        **error);

/* The mass of one USDA package in grams (milli-kg), when the package text
 * states it: a leading "40 lb", "25-lb", "4 1/2 lb", "5 kg", "10 oz" (the
 * first mass given: "5 kg/11 lb flats" is 5 kg), or a count of sub-packs
 * "sacks 10 5-lb film bags", "cartons 30 1-lb film bags", "flats 12 6-oz
 * cups", or a bare "lb", "cwt" (100 lb), "kg".  1 lb = 0.45359237 kg and
 * 1 oz = 1/16 lb exactly; the result is rounded half up once.  Volume,
 * layer and count packages ("1 1/9 bushel cartons", "cartons 2 layer",
 * "flats 12 1-pint cups", "cartons") weigh what their commodity weighs, so
 * they return FALSE: guessing is the item mapping's job. */
gboolean     jc_usda_package_to_kg_milli   (const char     *package,
                                            gint64         *milli_kg);

/* ---- Which parser: the adapter table ---- */

typedef enum {
  JC_FEED_FORMAT_XINFADI,
  JC_FEED_FORMAT_CSV,
  JC_FEED_FORMAT_USDA,
} JcFeedFormat;

/* One feed adapter, as curl's vtls backends: one entry per feed, each in
 * its own file, found in one table (jc-feed-adapters.c) — no `switch`
 * over the feeds anywhere. */
typedef struct {
  const char         *name;     /* "xinfadi": the source's adapter name */
  const char         *alias;    /* another accepted name, or NULL */
  JcFeedFormat        format;
  /* TRUE when the first bytes look like this feed; NULL: the fallback. */
  gboolean          (*sniff)  (const char          *data,
                               gsize                len);
  /* The whole of `data` into `batch`.  `mapping` is for CSV files,
   * `page_out` for paged feeds; both may be NULL. */
  gboolean          (*parse)  (const char          *data,
                               gsize                len,
                               const JcCsvMapping  *mapping,
                               JcFeedBatch         *batch,
                               JcXinfadiPage       *page_out,
                               GError             **error);
  /* Fetched page by page (a form POST per page, jc-price-import.c), not
   * in one request. */
  gboolean            paged;
} JcFeedAdapter;

/* The adapter named `name` (case-insensitive; aliases too), or NULL. */
const JcFeedAdapter *jc_feed_adapter_lookup   (const char     *name);
const JcFeedAdapter *jc_feed_adapter_get      (JcFeedFormat    format);

const char  *jc_feed_format_to_string      (JcFeedFormat    format);
gboolean     jc_feed_format_from_string    (const char     *text,
                                            JcFeedFormat   *format);
/* A guess from the first bytes: a JSON object with "list" is Xinfadi,
 * other JSON is USDA, anything else CSV.  Decides nothing: the parser
 * still checks everything. */
JcFeedFormat jc_feed_guess_format          (const char     *data,
                                            gsize           len);

G_END_DECLS
