/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-prices.h: the Prices page in a window of its own, and finding
 * what it shows, for tests/test-prices-page.c. */
#pragma once

#include "jc-test-ui.h"
#include "jc-prices-page-private.h"
#include "jc-held-view-private.h"
#include "jc-unmapped-view-private.h"

G_BEGIN_DECLS

/* The market day the tests' pages show. */
#define TODAY "2026-11-28"

typedef struct {
  GtkWidget    *window;
  JcPricesPage *page;
  JcStore      *store;
} Shown;

/* Whether a label shown under `widget` reads `text`. */
gboolean   labels_have           (GtkWidget    *widget,
                                  const char   *text);
/* The mapped button (or menu button) whose action target is `target`. */
GtkWidget *find_button           (GtkWidget    *widget,
                                  GVariant     *target);
guint      count_mapped_warnings (GtkWidget    *widget);
/* The row of the item `code` in the page's list, or GTK_INVALID_LIST_POSITION. */
guint      find_row              (JcPricesPage *page,
                                  const char   *code);
void       wait_loaded           (JcPricesPage *page);
/* The page in a window of its own on `store` (taken; NULL: no database). */
Shown      open_page_on          (JcStore      *store);
/* The same on a store opened on `db_path`. */
Shown      open_page             (const char   *db_path);
/* Closes the window, then the page's store. */
void       close_page            (Shown        *s);
void       select_code           (Shown        *s,
                                  const char   *code);

G_END_DECLS
