/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-xlsx-read.h: the one XLSX reader of core, on libzip and libxml2 —
 * a workbook's sheets by name, its shared strings and defined names, and
 * each sheet streamed cell by cell with the cell's reference.
 *
 * Files come from outside, so everything is bounded before it is read:
 * each zip entry's unpacked size and ratio and the total from the zip's
 * directory (never by inflating first), every read into a buffer of the
 * size the directory declared.  XML parts are parsed without network
 * access, without entity substitution, and a part that declares a DTD is
 * refused outright (OOXML parts never have one), so neither external
 * entities nor entity expansion bombs get a chance.  Whether a part
 * declares one is decided by libxml2 parsing its prolog (in UTF-8 or
 * UTF-16 alike), stopping at the DOCTYPE before any declaration is read.
 * An entity reference other than the five predefined ones is an error
 * naming the cell ("Sheet1!B7") or the shared string, never dropped text.
 *
 * This module knows no form and no meaning: which sheet, row or cell
 * matters is the caller's business (jc-order-form-read.c).  It reads
 * bytes already in memory; bounding the file's own size is the caller's. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JC_XLSX_ERROR (jc_xlsx_error_quark ())

typedef enum {
  JC_XLSX_ERROR_FAILED,
  JC_XLSX_ERROR_TOO_LARGE,   /* over the limits: a zip bomb, perhaps */
  JC_XLSX_ERROR_NOT_XLSX,    /* not a zip, or a zip that is not a workbook */
  JC_XLSX_ERROR_MALFORMED,   /* broken XML, a DTD, a missing shared string */
} JcXlsxError;

GQuark       jc_xlsx_error_quark      (void);

/* What the zip's directory may declare. */
typedef struct {
  guint64 max_part_bytes;     /* one unpacked entry */
  guint64 max_total_bytes;    /* all entries unpacked */
  guint64 max_ratio;          /* unpacked/packed, for large entries */
  guint64 ratio_min_bytes;    /* "large" for the ratio check */
  gint64  max_entries;
} JcXlsxLimits;

typedef struct _JcXlsx JcXlsx;

typedef struct {
  char     *name;
  char     *part;        /* "xl/worksheets/sheet1.xml" */
  gboolean  worksheet;   /* FALSE for a chart sheet and the like */
} JcXlsxSheet;

typedef enum {
  JC_XLSX_CELL_NUMBER,
  JC_XLSX_CELL_STRING,
  JC_XLSX_CELL_BOOL,
  JC_XLSX_CELL_ERROR,
  JC_XLSX_CELL_DATE,
} JcXlsxCellKind;

typedef struct {
  guint           row;       /* 1-based, as Excel shows it */
  guint           col;       /* 0-based: A is 0 */
  JcXlsxCellKind  kind;
  gboolean        formula;
  char           *text;      /* shared strings looked up; a number exactly as
                              * typed ("2.3", not "2.2999999999999998") */
} JcXlsxCell;

/* Frees the cell's text (for a copy a caller keeps). */
void         jc_xlsx_cell_clear        (JcXlsxCell          *cell);

/* Opens the workbook held in `bytes` (kept referenced until freed),
 * reading its directory against `limits`, its workbook part and its shared
 * strings.  `name` names the file in messages.  NULL with JC_XLSX_ERROR
 * when it is not a readable workbook. */
JcXlsx      *jc_xlsx_open              (const char          *name,
                                        GBytes              *bytes,
                                        const JcXlsxLimits  *limits,
                                        GError             **error);
void         jc_xlsx_free              (JcXlsx              *xlsx);

/* The sheets in workbook order (at least one). */
guint              jc_xlsx_get_n_sheets    (const JcXlsx *xlsx);
const JcXlsxSheet *jc_xlsx_get_sheet       (const JcXlsx *xlsx,
                                            guint         index);
/* The first sheet named `name`, or NULL. */
const JcXlsxSheet *jc_xlsx_find_sheet      (const JcXlsx *xlsx,
                                            const char   *name);
/* The constant string a defined name holds ("=\"a;b\"" → "a;b"), or NULL. */
const char        *jc_xlsx_get_defined_name (const JcXlsx *xlsx,
                                             const char   *name);

typedef void (*JcXlsxCellFunc)   (const JcXlsxCell *cell,
                                  gpointer          data);
typedef void (*JcXlsxRowEndFunc) (guint             row,
                                  gpointer          data);

/* Streams a sheet: calls `cell_func` for every cell with a value or a
 * formula, `row_end` (may be NULL) after each row, and adds each merged
 * range ("E12:F13") to `merges` (may be NULL). */
gboolean     jc_xlsx_read_sheet        (JcXlsx              *xlsx,
                                        const JcXlsxSheet   *sheet,
                                        JcXlsxCellFunc       cell_func,
                                        JcXlsxRowEndFunc     row_end,
                                        gpointer             data,
                                        GPtrArray           *merges,
                                        GError             **error);

/* "E12" → column 4, row 12.  FALSE if it is not a cell reference. */
gboolean     jc_xlsx_parse_ref         (const char          *ref,
                                        guint               *col,
                                        guint               *row);
/* 0 → "A", 27 → "AB". */
char        *jc_xlsx_col_letters       (guint                col);
/* A cell as a date "YYYY-MM-DD" when it holds one (Excel's day count from
 * 1899-12-30, or an ISO date cell); else its text, trimmed. */
char        *jc_xlsx_cell_date_text    (const JcXlsxCell    *cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcXlsx, jc_xlsx_free)

G_END_DECLS
