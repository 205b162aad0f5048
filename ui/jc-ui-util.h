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

G_END_DECLS
