/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-row.c: a plain struct as a list item. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-row"

#include "jc-order-row.h"

struct _JcOrderRow {
  GObject        parent_instance;
  gpointer       data;
  GDestroyNotify free_func;
};

G_DEFINE_FINAL_TYPE (JcOrderRow, jc_order_row, G_TYPE_OBJECT)

static void
jc_order_row_finalize (GObject *object)
{
  JcOrderRow *self = JC_ORDER_ROW (object);

  if (self->free_func != NULL && self->data != NULL)
    self->free_func (self->data);
  G_OBJECT_CLASS (jc_order_row_parent_class)->finalize (object);
}

static void
jc_order_row_class_init (JcOrderRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_order_row_finalize;
}

static void
jc_order_row_init (JcOrderRow *self)
{
}

/**
 * jc_order_row_new:
 * @data: (transfer full): the struct, freed with `free_func` (may be NULL)
 * Returns: (transfer full): a row holding `data`.
 */
JcOrderRow *
jc_order_row_new (gpointer       data,
                  GDestroyNotify free_func)
{
  JcOrderRow *self = g_object_new (JC_TYPE_ORDER_ROW, NULL);

  self->data = data;
  self->free_func = free_func;
  return self;
}

/**
 * jc_order_row_get_data:
 * Returns: (transfer none): the struct.  Rows are replaced rather than
 * changed, except for flags computed later (see the order editor), after
 * which the list emits items-changed for the row.
 */
gpointer
jc_order_row_get_data (JcOrderRow *self)
{
  g_return_val_if_fail (JC_IS_ORDER_ROW (self), NULL);

  return self->data;
}

/**
 * jc_order_row_replace_data:
 * @data: (transfer full): the new struct, freed like the old one
 * Puts `data` in place of the row's struct (which is freed).  The list that
 * holds the row must then emit items-changed for it: the views rebind the
 * same row, and the row widget — with the keyboard focus, if it has it —
 * stays.
 */
void
jc_order_row_replace_data (JcOrderRow *self,
                           gpointer    data)
{
  gpointer old;

  g_return_if_fail (JC_IS_ORDER_ROW (self));

  old = self->data;
  self->data = data;
  if (self->free_func != NULL && old != NULL && old != data)
    self->free_func (old);
}
