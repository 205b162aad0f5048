/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-columns.c: columns of a column view from a table (jc-columns.h).  It
 * builds factories, sorters and columns; it never fills a cell. */
#include "config.h"

#define G_LOG_DOMAIN "jc-columns"

#include "jc-columns.h"

/* Where a factory keeps the owner given to jc_columns_add(). */
#define OWNER_KEY "jc-columns-owner"

/**
 * jc_columns_add:
 * @specs: (array length=n_specs): the columns, in order
 * @compare: (nullable): how rows compare for a column; NULL: no sorting
 * @owner: (nullable): for the handlers, through jc_columns_get_owner()
 * Appends the columns; see jc-columns.h.
 */
void
jc_columns_add (GtkColumnView      *view,
                const JcColumnSpec *specs,
                guint               n_specs,
                GCallback           setup,
                GCallback           bind,
                GCompareDataFunc    compare,
                gpointer            owner)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (specs != NULL || n_specs == 0);
  g_return_if_fail (setup != NULL && bind != NULL);

  for (guint i = 0; i < n_specs; i++)
    {
      const JcColumnSpec *spec = &specs[i];
      gpointer data = GINT_TO_POINTER (spec->column);
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      if (owner != NULL)
        g_object_set_data (G_OBJECT (factory), OWNER_KEY, owner);
      g_signal_connect (factory, "setup", setup, data);
      g_signal_connect (factory, "bind", bind, data);
      /* the column takes the factory */
      column = gtk_column_view_column_new (spec->title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, spec->expand);
      if (spec->width > 0)
        gtk_column_view_column_set_fixed_width (column, spec->width);
      if (compare != NULL && !spec->unsorted)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, data, NULL));

          gtk_column_view_column_set_sorter (column, sorter);
        }
      gtk_column_view_append_column (view, column);
      if (spec->out != NULL)
        *spec->out = column;
    }
}

/**
 * jc_columns_get_owner:
 * Returns: (transfer none) (nullable): the owner of the factory's column.
 */
gpointer
jc_columns_get_owner (GtkListItemFactory *factory)
{
  g_return_val_if_fail (GTK_IS_LIST_ITEM_FACTORY (factory), NULL);

  return g_object_get_data (G_OBJECT (factory), OWNER_KEY);
}
