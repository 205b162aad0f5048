/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-ui-util.h: small helpers shared by the pages and editors — columns of
 * master-data lists, unit names as a person reads them, toasts and error
 * dialogs.  No business rule lives here. */
#pragma once

#include <adwaita.h>

#include "jc-master.h"
#include "jc-record.h"

G_BEGIN_DECLS

typedef enum {
  JC_COLUMN_TEXT,    /* left-aligned, ellipsized, tooltip with the full text */
  JC_COLUMN_NUMBER,  /* right-aligned tabular figures */
  JC_COLUMN_ACTIVE,  /* a check mark for active records */
  JC_COLUMN_NAME,    /* a short text never cut (a name): the column is as
                      * wide as its longest one, the others give way */
} JcColumnKind;

/* `data` is the struct of a JcRecord.  Text functions return a newly
 * allocated string (NULL: empty). */
typedef char *(*JcColumnTextFunc)    (gconstpointer data,
                                      gpointer      user_data);
typedef int   (*JcColumnCompareFunc) (gconstpointer a,
                                      gconstpointer b,
                                      gpointer      user_data);

GtkColumnViewColumn *jc_column_new (const char          *title,
                                    JcColumnKind         kind,
                                    JcColumnTextFunc     text,
                                    JcColumnCompareFunc  compare,
                                    gpointer             user_data,
                                    gboolean             expand);

int         jc_ui_compare_text          (const char   *a,
                                         const char   *b);
int         jc_ui_compare_int           (gint64        a,
                                         gint64        b);
const char *jc_ui_base_unit_label       (JcBaseUnit    unit);
char       *jc_ui_join_aliases          (char * const *aliases);
char      **jc_ui_split_aliases         (const char   *text);
char       *jc_ui_format_degrees        (double        degrees);
char       *jc_ui_format_window         (int           start,
                                         int           end);
void        jc_ui_toast                 (GtkWidget    *widget,
                                         const char   *message);
void        jc_ui_show_error            (GtkWidget    *widget,
                                         const char   *heading,
                                         const char   *message);
void        jc_ui_select_position       (GtkColumnView *column_view,
                                         guint          position);

/* The answer to a question that needs a reason: the reason, trimmed and
 * never empty, and the dialog (its data set by the caller). */
typedef void (*JcReasonFunc) (AdwMessageDialog *dialog,
                              const char       *reason,
                              gpointer          owner);

/* Asks `heading` / `body` on the window of `parent` with a reason entry
 * (`placeholder`), Cancel and the destructive answer `response` labelled
 * `label`, enabled only while the reason is not blank.  Enter in the
 * reason answers and closes the dialog; the answer is given once.
 * `callback` runs with the reason on that answer while `owner` (a
 * GObject) lives; Cancel, Escape and closing answer nothing.  The dialog
 * is presented with the reason focused; returns it (borrowed). */
AdwMessageDialog *jc_ui_ask_reason      (GtkWidget    *parent,
                                         const char   *heading,
                                         const char   *body,
                                         const char   *placeholder,
                                         const char   *response,
                                         const char   *label,
                                         JcReasonFunc  callback,
                                         gpointer      owner);

G_END_DECLS
