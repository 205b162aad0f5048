/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-vehicles-page.h: the vehicles of the master data — a sortable list
 * with search, and the editor to add, edit, deactivate. */
#pragma once

#include <adwaita.h>

#include "jc-list-page.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_VEHICLES_PAGE (jc_vehicles_page_get_type ())
G_DECLARE_FINAL_TYPE (JcVehiclesPage, jc_vehicles_page, JC, VEHICLES_PAGE, JcListPage)

void jc_vehicles_page_set_store (JcVehiclesPage *self,
                                 JcStore        *store);
void jc_vehicles_page_reload    (JcVehiclesPage *self);

G_END_DECLS
