/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-columns.h: the columns of the pages' own column views (the order
 * board, the order lines, the market prices, the unmapped names, the
 * review's movers), made from a table: one GtkSignalListItemFactory a
 * column, whose "setup" and "bind" handlers — and the compare function of
 * its GtkCustomSorter — receive the column's number as user data
 * (GINT_TO_POINTER).  It only builds columns: what a cell shows and how
 * rows compare stay with the page.  (The master-data lists, whose rows are
 * JcRecords, make theirs with jc_column_new() in jc-ui-util.h.) */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct {
  const char           *title;    /* NULL: none yet (set later) */
  int                   column;   /* the callbacks' user data, as GINT_TO_POINTER */
  gboolean              expand;
  int                   width;    /* the fixed width in pixels; 0: none */
  gboolean              unsorted; /* no sorter, even with a compare function */
  GtkColumnViewColumn **out;      /* (nullable): where to keep the column,
                                   * borrowed (the view owns it) */
} JcColumnSpec;

/* Appends a resizable column to `view` for each of the `n_specs` specs, in
 * order: `setup` and `bind` are the factory's handlers, `compare` (may be
 * NULL: nothing sorts) the sorter's function.  `owner` (may be NULL) is
 * what jc_columns_get_owner() gives the handlers back. */
void     jc_columns_add       (GtkColumnView      *view,
                               const JcColumnSpec *specs,
                               guint               n_specs,
                               GCallback           setup,
                               GCallback           bind,
                               GCompareDataFunc    compare,
                               gpointer            owner);

/* The `owner` given to jc_columns_add() for the column of `factory`. */
gpointer jc_columns_get_owner (GtkListItemFactory *factory);

G_END_DECLS
