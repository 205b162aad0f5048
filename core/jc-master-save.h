/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-master-save.h: where the ui and the CLI save master data (catalog
 * items, canteens, vehicles, price sources): the domain's rules first
 * (jc_*_validate), then the store, which checks only what the database
 * decides (the category exists, a code, plate, alias or name is not
 * taken).  No SQL here, and the store never calls back in here. */
#pragma once

#include <glib.h>

#include "jc-master.h"
#include "jc-prices.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* Each validates the record and stores it: a new one (id 0) is inserted
 * and gets its id, one with an id is updated.  An optional text of only
 * blank space (a canteen's agency or address, a vehicle's depot, a
 * source's parameters, credentials or schedule) is made empty in the
 * record first.  Errors: JC_VALIDATE_ERROR
 * naming the field (the validator's message, or what the store found
 * taken), JC_STORE_ERROR. */
gboolean jc_master_save_item    (JcStore    *store,
                                 JcItem     *item,
                                 GError    **error);
gboolean jc_master_save_canteen (JcStore    *store,
                                 JcCanteen  *canteen,
                                 GError    **error);
gboolean jc_master_save_vehicle (JcStore    *store,
                                 JcVehicle  *vehicle,
                                 GError    **error);
gboolean jc_master_save_source  (JcStore    *store,
                                 JcSource   *source,
                                 GError    **error);

G_END_DECLS
