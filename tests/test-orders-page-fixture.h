/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-orders-page-fixture.h: what the orders page's tests and the order
 * editor's tests share — one database (three canteens, thirty items,
 * market prices, eight weeks of orders), the page opened on it, keys
 * pressed as GTK would deliver them, order files to import.  The tests of
 * both files run in one process, in the order main() in
 * test-orders-page.c lists them: each goes on from the database the one
 * before left (an order locked in one is imported into in the next). */
#pragma once

#include <adwaita.h>

#include "jc-test-ui.h"
#include "jc-order-editor-private.h"
#include "jc-order-import-dialog-private.h"
#include "jc-orders-page-private.h"
#include "jc-orders.h"

G_BEGIN_DECLS

typedef struct {
  char *dir;
  char *db_path;
  char  date[11];        /* the delivery date: its cutoff is weeks ahead */
  char  late_date[11];   /* a week later, with its cutoff set in the past */
} OrdersFixture;

extern OrdersFixture fx;
extern char *good_csv;   /* written by write_import_files() */
extern char *bad_csv;

gboolean             press              (GtkWindow       *window,
                                         guint            keyval,
                                         GdkModifierType  mods);
void                 type_text          (GtkWindow       *window,
                                         const char      *text);
gboolean             focus_is_in        (GtkWindow       *window,
                                         gpointer         widget);
int                  setup              (void           **state);
int                  teardown           (void           **state);
GtkWindow           *open_page          (const char      *date,
                                         JcOrdersPage   **out_page);
JcOrderEditor       *wait_for_editor    (GtkWindow       *window,
                                         JcOrdersPage    *page);
const JcOrderLine   *line_of_item       (JcOrderEditor   *editor,
                                         const char      *code);
const char          *completion_name    (JcOrderEditor   *editor,
                                         guint            position);
JcOrderImportDialog *import             (JcOrdersPage    *page,
                                         const char      *good,
                                         const char      *bad);
void                 write_import_files (void);

/* The order editor's tests, in test-order-editor.c. */
void test_keyboard_entry   (void **state);
void test_late_submit      (void **state);
void test_locked_amendment (void **state);

G_END_DECLS
