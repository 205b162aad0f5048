/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form.h: the order forms canteens fill in outside the app.
 *
 * Three layers, each usable on its own:
 *
 *  - writing (jc-order-form-write.c): the XLSX form of one canteen and
 *    delivery date — the active catalog by category, the quantity and note
 *    columns the only unlocked cells — and the CSV form;
 *  - reading (jc-order-form-read.c): an XLSX or CSV file into a neutral
 *    JcParsedForm (the text of each filled line with its row), refusing
 *    what is not a form: not a zip, a zip bomb, a file over 20 MB, an empty
 *    file, formulas, merged cells over the lines, data on other sheets;
 *  - importing (jc-order-import.c): the parsed lines checked against the
 *    catalog and the canteens, a preview of what would change in each
 *    stored order, then every order of a file saved in one transaction.
 *
 * Nothing here writes SQL: the store does.  Nothing here holds a quantity
 * in floating point, except the one conversion libxlsxwriter's API forces
 * when the template shows last week's quantities. */
#pragma once

#include <glib.h>

#include "jc-orders.h"
#include "jc-output.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_ORDER_FORM_ERROR (jc_order_form_error_quark ())

typedef enum {
  JC_ORDER_FORM_ERROR_FAILED,
  JC_ORDER_FORM_ERROR_TOO_LARGE,    /* over the file or unpacked size limits */
  JC_ORDER_FORM_ERROR_EMPTY,
  JC_ORDER_FORM_ERROR_NOT_XLSX,     /* not a zip, or a zip that is not a workbook */
  JC_ORDER_FORM_ERROR_NOT_FORM,     /* a workbook without the form marker */
  JC_ORDER_FORM_ERROR_ENCODING,     /* CSV neither UTF-8 nor GB18030 */
  JC_ORDER_FORM_ERROR_MALFORMED,    /* broken XML or CSV syntax */
  JC_ORDER_FORM_ERROR_NOT_IMPORTED, /* jc_order_import_apply: some files not stored */
} JcOrderFormError;

/* Limits on what a file may be before we read it. */
#define JC_ORDER_FORM_MAX_FILE_BYTES   (20 * 1024 * 1024)  /* the file on disk */
#define JC_ORDER_FORM_MAX_PART_BYTES   (20 * 1024 * 1024)  /* one unpacked zip entry */
#define JC_ORDER_FORM_MAX_TOTAL_BYTES  (50 * 1024 * 1024)  /* all entries unpacked */
#define JC_ORDER_FORM_MAX_RATIO        100                 /* unpacked/packed, large entries */
#define JC_ORDER_FORM_RATIO_MIN_BYTES  (1024 * 1024)       /* "large" for the ratio check */
#define JC_ORDER_FORM_MAX_ENTRIES      10000
#define JC_ORDER_FORM_MAX_ERRORS       50                  /* kept per file; the rest counted */
/* An order line above this many base units (kg, pieces, L) is refused as
 * absurd; it is also the template's data validation maximum. */
#define JC_ORDER_FORM_ABSURD_UNITS     100000

/* The XLSX form's layout (rows 1-based, columns 0-based as A = 0).  The
 * sheet is protected, so a person filling it in cannot move these. */
#define JC_ORDER_FORM_MARKER_PREFIX   "jicai-order-form v1"
#define JC_ORDER_FORM_DEFINED_NAME    "jicai_form"
#define JC_ORDER_FORM_ROW_TITLE       1
#define JC_ORDER_FORM_ROW_CANTEEN     2   /* B: code, C: name */
#define JC_ORDER_FORM_ROW_DATE        3   /* B: delivery date */
#define JC_ORDER_FORM_ROW_CUTOFF      4
#define JC_ORDER_FORM_ROW_HELP_ZH     5
#define JC_ORDER_FORM_ROW_HELP_EN     6
#define JC_ORDER_FORM_ROW_FORM_ID     7   /* B: the marker, visible */
#define JC_ORDER_FORM_ROW_HEADER      8
#define JC_ORDER_FORM_FIRST_ROW       9   /* category headings and items from here */
#define JC_ORDER_FORM_COL_CODE        0   /* A */
#define JC_ORDER_FORM_COL_NAME        1   /* B; also a category heading's name */
#define JC_ORDER_FORM_COL_UNIT        2   /* C */
#define JC_ORDER_FORM_COL_LAST_WEEK   3   /* D */
#define JC_ORDER_FORM_COL_QTY         4   /* E, unlocked */
#define JC_ORDER_FORM_COL_NOTE        5   /* F, unlocked */
#define JC_ORDER_FORM_COL_MARKER      7   /* H, hidden; H1 holds the marker */
/* The column headings of row 8, A to F. */
#define JC_ORDER_FORM_HEADING_CODE    "编码 Code"
#define JC_ORDER_FORM_HEADING_NAME    "品名 Item"
#define JC_ORDER_FORM_HEADING_UNIT    "单位 Unit"
#define JC_ORDER_FORM_HEADING_LAST    "上周 Last week"
#define JC_ORDER_FORM_HEADING_QTY     "数量 Quantity"
#define JC_ORDER_FORM_HEADING_NOTE    "备注 Note"

/* The CSV form's header, in English or Chinese. */
#define JC_ORDER_FORM_CSV_HEADER      "canteen,date,item,qty,unit,note"
#define JC_ORDER_FORM_CSV_HEADER_ZH   "食堂,日期,品名,数量,单位,备注"

typedef enum {
  JC_FORM_FORMAT_XLSX,
  JC_FORM_FORMAT_CSV,
} JcFormFormat;

/* The fields of an order line in a form. */
typedef enum {
  JC_FORM_FIELD_CANTEEN,
  JC_FORM_FIELD_DATE,
  JC_FORM_FIELD_ITEM,       /* XLSX: the code column; CSV: code, name or alias */
  JC_FORM_FIELD_NAME,       /* XLSX: the item name column; CSV: unused */
  JC_FORM_FIELD_UNIT,
  JC_FORM_FIELD_QTY,
  JC_FORM_FIELD_NOTE,
  JC_FORM_N_FIELDS
} JcFormField;

typedef enum {
  JC_FORM_MESSAGE_ERROR,    /* the file cannot be imported */
  JC_FORM_MESSAGE_SPIKE,    /* > 5× the canteen's 8-week median: confirm */
  JC_FORM_MESSAGE_LATE,     /* after the cutoff: needs ACCEPT_LATE and a reason */
  JC_FORM_MESSAGE_LOCKED,   /* the stored order is locked: an amendment, needs a reason */
  JC_FORM_MESSAGE_NOTICE,   /* something was ignored, e.g. a note without a quantity */
} JcFormMessageKind;

/* One problem or warning, located in the file the way a person finds it:
 * "row 14, column E (quantity)" in a spreadsheet, "line 7, column qty" in
 * a CSV. */
typedef struct {
  JcFormMessageKind  kind;
  char              *file;      /* the path as given */
  guint              row;       /* XLSX row or CSV line; 0: the file as a whole */
  char              *column;    /* "E (quantity)", "qty"; NULL: no column */
  char              *message;   /* what is wrong; file-level messages name the file */
  char              *text;      /* one line: "FILE: row 14, column E (quantity): MESSAGE" */
} JcFormMessage;

/* One filled line of a form, as text, before any checking. */
typedef struct {
  guint  row;                          /* XLSX: sheet row; CSV: line the record starts on */
  char  *values[JC_FORM_N_FIELDS];     /* trimmed text, never NULL ("": empty) */
} JcFormRow;

typedef struct {
  char         *path;
  JcFormFormat  format;
  char         *canteen;                       /* XLSX: from the marker; CSV: NULL */
  char         *date;                          /* XLSX: from the marker; CSV: NULL */
  char         *columns[JC_FORM_N_FIELDS];     /* how messages name a column; NULL: absent */
  guint         fixed_rows[JC_FORM_N_FIELDS];  /* XLSX canteen/date: their header row */
  GPtrArray    *rows;                          /* JcFormRow *: lines with a quantity or a note */
  GPtrArray    *problems;                      /* JcFormMessage *: found while reading */
} JcParsedForm;

typedef enum {
  JC_IMPORT_CHANGE_ADD,
  JC_IMPORT_CHANGE_CHANGE,
  JC_IMPORT_CHANGE_REMOVE,
} JcImportChangeKind;

/* One line of a preview: what the import would do to a stored line. */
typedef struct {
  JcImportChangeKind  kind;
  char               *item_code;
  char               *item_name;
  gint64              before_milli;   /* base units; 0 for ADD */
  gint64              after_milli;    /* base units; 0 for REMOVE */
  char               *before_text;    /* as entered, "30 斤"; "" for ADD */
  char               *after_text;     /* "" for REMOVE */
  guint               row;            /* where in the file; 0 for REMOVE */
} JcImportChange;

/* One canteen's order for one date in a file, and how it differs from the
 * stored one. */
typedef struct {
  char           *canteen_code;
  char           *canteen_name;
  char            date[11];
  JcOrderStatus   status;        /* the stored order's; NOT_STARTED when none */
  int             version;       /* read by prepare; the save is based on it */
  gboolean        late;          /* past the cutoff when prepared */
  guint           n_unchanged;
  GPtrArray      *changes;       /* JcImportChange *, by item code */
  JcOrder        *order;         /* the state to save: stored id/version, the file's lines */
} JcImportOrder;

typedef enum {
  JC_IMPORT_FILE_READY,          /* checked, no errors, not applied yet */
  JC_IMPORT_FILE_INVALID,        /* has errors: never stored */
  JC_IMPORT_FILE_STORED,         /* applied: every order saved */
  JC_IMPORT_FILE_FAILED,         /* applied but refused (conflict, cutoff, ...): nothing saved */
} JcImportFileState;

typedef struct {
  char              *path;
  JcFormFormat       format;
  GPtrArray         *errors;      /* JcFormMessage *, at most JC_ORDER_FORM_MAX_ERRORS + 1 */
  guint              n_errors;    /* all errors, also those not kept */
  GPtrArray         *warnings;    /* JcFormMessage * */
  GPtrArray         *orders;      /* JcImportOrder *, by canteen and date; empty when INVALID */
  JcImportFileState  state;
  char              *outcome;     /* after apply: what happened, for a person */
} JcImportFile;

typedef struct {
  GPtrArray *files;               /* JcImportFile *, in the order given */
  char      *reason;              /* for late or locked orders: see jc_import_plan_set_reason */
} JcImportPlan;

GQuark          jc_order_form_error_quark (void);

/* Writing: core/docs/jc-order-form-write.h. */
char           *jc_order_form_marker      (const char  *canteen_code,
                                           const char  *date);
const char     *jc_order_form_unit_display (JcBaseUnit  unit);

/* Reading. */
JcParsedForm   *jc_order_form_read        (const char  *path,
                                           GError     **error);
void            jc_parsed_form_free       (JcParsedForm *form);
void            jc_form_row_free          (JcFormRow   *row);
char           *jc_parsed_form_locate     (const JcParsedForm *form,
                                           guint        row,
                                           JcFormField  field);

JcFormMessage  *jc_form_message_new       (JcFormMessageKind  kind,
                                           const char        *file,
                                           JcFormFormat       format,
                                           guint              row,
                                           const char        *column,
                                           const char        *message);
void            jc_form_message_free      (JcFormMessage *message);

/* Importing. */
JcImportPlan   *jc_order_import_prepare   (JcStore            *store,
                                           const char * const *paths,
                                           GError            **error);
JcImportPlan   *jc_order_import_prepare_at (JcStore           *store,
                                           const char * const *paths,
                                           GDateTime          *now,
                                           GError            **error);
void            jc_import_plan_set_reason (JcImportPlan *plan,
                                           const char   *reason);
gboolean        jc_import_plan_has_errors (const JcImportPlan *plan);
gboolean        jc_import_plan_has_warnings (const JcImportPlan *plan);
gboolean        jc_order_import_apply     (JcStore           *store,
                                           JcImportPlan      *plan,
                                           JcOrderSaveFlags   flags,
                                           const char        *who,
                                           GDateTime         *now,
                                           GError           **error);
void            jc_import_plan_free       (JcImportPlan *plan);
void            jc_import_file_free       (JcImportFile *file);
void            jc_import_order_free      (JcImportOrder *order);
void            jc_import_change_free     (JcImportChange *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcParsedForm, jc_parsed_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcFormMessage, jc_form_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcImportPlan, jc_import_plan_free)

G_END_DECLS
