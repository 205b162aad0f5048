/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-record.c: a master-data struct wrapped for list models. */
#include "config.h"

#define G_LOG_DOMAIN "jc-record"

#include "jc-record.h"

struct _JcRecord {
  GObject         parent_instance;
  gpointer        data;
  GDestroyNotify  free_func;
  const char     *key;     /* points into data: the code or plate */
  gboolean        active;
};

G_DEFINE_FINAL_TYPE (JcRecord, jc_record, G_TYPE_OBJECT)

static void
jc_record_finalize (GObject *object)
{
  JcRecord *self = JC_RECORD (object);

  if (self->free_func != NULL)
    g_clear_pointer (&self->data, self->free_func);
  G_OBJECT_CLASS (jc_record_parent_class)->finalize (object);
}

static void
jc_record_class_init (JcRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_record_finalize;
}

static void
jc_record_init (JcRecord *self)
{
}

static JcRecord *
record_new (gpointer        data,
            GDestroyNotify  free_func,
            const char     *key,
            gboolean        active)
{
  JcRecord *self = g_object_new (JC_TYPE_RECORD, NULL);

  self->data = data;
  self->free_func = free_func;
  self->key = key;
  self->active = active;
  return self;
}

/**
 * jc_record_new:
 * @data: the struct; the record owns it and frees it with `free_func`
 * @key: the record's code, pointing into `data` (it must live as long)
 * Returns: (transfer full): a record of any struct a page lists.
 */
JcRecord *
jc_record_new (gpointer        data,
               GDestroyNotify  free_func,
               const char     *key,
               gboolean        active)
{
  g_return_val_if_fail (data != NULL, NULL);

  return record_new (data, free_func, key, active);
}

/**
 * jc_record_new_item:
 * Returns: (transfer full): a record that takes ownership of `item`.
 */
JcRecord *
jc_record_new_item (JcItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  return record_new (item, (GDestroyNotify) jc_item_free, item->code, item->active);
}

/**
 * jc_record_new_canteen:
 * Returns: (transfer full): a record that takes ownership of `canteen`.
 */
JcRecord *
jc_record_new_canteen (JcCanteen *canteen)
{
  g_return_val_if_fail (canteen != NULL, NULL);

  return record_new (canteen, (GDestroyNotify) jc_canteen_free, canteen->code, canteen->active);
}

/**
 * jc_record_new_vehicle:
 * Returns: (transfer full): a record that takes ownership of `vehicle`.
 */
JcRecord *
jc_record_new_vehicle (JcVehicle *vehicle)
{
  g_return_val_if_fail (vehicle != NULL, NULL);

  return record_new (vehicle, (GDestroyNotify) jc_vehicle_free, vehicle->plate, vehicle->active);
}

/**
 * jc_record_get_data:
 * Returns: (transfer none): the wrapped struct.
 */
gpointer
jc_record_get_data (JcRecord *self)
{
  g_return_val_if_fail (JC_IS_RECORD (self), NULL);

  return self->data;
}

/**
 * jc_record_get_key:
 * Returns: (transfer none): the record's code (a vehicle's plate).
 */
const char *
jc_record_get_key (JcRecord *self)
{
  g_return_val_if_fail (JC_IS_RECORD (self), NULL);

  return self->key;
}

gboolean
jc_record_get_active (JcRecord *self)
{
  g_return_val_if_fail (JC_IS_RECORD (self), FALSE);

  return self->active;
}
