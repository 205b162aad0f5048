/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-csv.h: the one CSV reader of core, on libcsv — for the price feeds,
 * the order forms, the purchases and the distance matrix.
 *
 * Two steps.  jc_csv_decode() turns a file's bytes into UTF-8 text: a
 * UTF-8 BOM dropped, UTF-16 and binary refused, UTF-8 taken as is, else
 * GB18030 (what Chinese Excel writes for "CSV (逗号分隔)") converted.
 * jc_csv_parse() then splits UTF-8 text into records, strictly: a stray
 * quote refuses the whole file, naming the line where the quote opened,
 * rather than swallowing the rest of the file into one field.  Each record
 * knows the line it starts on (a quoted field may span lines; a file with
 * CR line ends counts its lines by the CR).
 *
 * This module knows no columns and no meaning: it does not read files from
 * disk, trim fields, skip headers or decide what a blank record means. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JC_CSV_ERROR (jc_csv_error_quark ())

typedef enum {
  JC_CSV_ERROR_FAILED,           /* out of memory in libcsv */
  JC_CSV_ERROR_UTF16,            /* UTF-16 text (a UTF-16 BOM) */
  JC_CSV_ERROR_BINARY,           /* a NUL byte: not a text file */
  JC_CSV_ERROR_ENCODING,         /* neither UTF-8 nor GB18030 */
  JC_CSV_ERROR_QUOTE_UNCLOSED,   /* a quote opens a field that never ends */
  JC_CSV_ERROR_QUOTE_TRAILING,   /* a quoted field is followed by more text */
  JC_CSV_ERROR_QUOTE_INSIDE,     /* a quote in the middle of an unquoted field */
  JC_CSV_ERROR_MALFORMED,        /* anything else libcsv refuses */
} JcCsvError;

GQuark       jc_csv_error_quark     (void);

typedef enum {
  JC_CSV_ENCODING_UTF8,
  JC_CSV_ENCODING_GB18030,
} JcCsvEncoding;

/* The UTF-8 text of `data` (NUL-terminated, its length in `out_len`), or
 * NULL with an error in JC_CSV_ERROR naming `name` (a file name for
 * messages).  `out_encoding` (may be NULL) says what the bytes were. */
char        *jc_csv_decode          (const char     *data,
                                     gsize           len,
                                     const char     *name,
                                     gsize          *out_len,
                                     JcCsvEncoding  *out_encoding,
                                     GError        **error);

/* One record, lent to the row function for the time of the call. */
typedef struct {
  guint              line;       /* 1-based line the record starts on */
  guint              n_fields;   /* at least 1 */
  const char *const *fields;     /* n_fields strings, then NULL; not trimmed */
} JcCsvRow;

/* Called for each record in file order.  FALSE (with `error` set) stops
 * the reading; jc_csv_parse() then returns FALSE with that error. */
typedef gboolean (*JcCsvRowFunc) (const JcCsvRow  *row,
                                  gpointer         user_data,
                                  GError         **error);

/* Where a refused file went wrong (for callers that word it their way). */
typedef struct {
  guint line;        /* the line named by the message (where a quote opened) */
  guint end_line;    /* the line the parser gave up on */
  guint field;       /* 1-based field of the record on `line` */
} JcCsvStop;

/* Splits `text` (UTF-8, `len` bytes) into records, calling `func` for each.
 * Empty lines give no record.  On a malformed file: FALSE, an error in
 * JC_CSV_ERROR whose message names the line ("Line 6: a quote opens a field
 * that never ends …"), prefixed by "`name`: " when `name` is not NULL,
 * and `stop` (may be NULL) filled. */
gboolean     jc_csv_parse           (const char     *text,
                                     gsize           len,
                                     const char     *name,
                                     JcCsvRowFunc    func,
                                     gpointer        user_data,
                                     JcCsvStop      *stop,
                                     GError        **error);

/* A record kept: jc_csv_read_records() returns them in an array. */
typedef struct {
  guint  line;
  guint  n_fields;
  GStrv  fields;
} JcCsvRecord;

void         jc_csv_record_free     (JcCsvRecord    *record);

/* Every record of `text` as a GPtrArray of JcCsvRecord (owning them), or
 * NULL with the error of jc_csv_parse(). */
GPtrArray   *jc_csv_read_records    (const char     *text,
                                     gsize           len,
                                     const char     *name,
                                     JcCsvStop      *stop,
                                     GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcCsvRecord, jc_csv_record_free)

G_END_DECLS
