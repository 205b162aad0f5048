/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-record.h: one master-data record (a JcItem, JcCanteen, JcVehicle, or
 * a page's own row struct) as a GObject, so that list models and column
 * views can hold it.  The record owns its struct; pages read it, never
 * change it in place. */
#pragma once

#include <glib-object.h>

#include "jc-master.h"

G_BEGIN_DECLS

#define JC_TYPE_RECORD (jc_record_get_type ())
G_DECLARE_FINAL_TYPE (JcRecord, jc_record, JC, RECORD, GObject)

JcRecord   *jc_record_new         (gpointer        data,
                                   GDestroyNotify  free_func,
                                   const char     *key,
                                   gboolean        active);
JcRecord   *jc_record_new_item    (JcItem    *item);
JcRecord   *jc_record_new_canteen (JcCanteen *canteen);
JcRecord   *jc_record_new_vehicle (JcVehicle *vehicle);
gpointer    jc_record_get_data    (JcRecord  *self);
const char *jc_record_get_key     (JcRecord  *self);
gboolean    jc_record_get_active  (JcRecord  *self);

G_END_DECLS
