/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-canteens-page.h: the canteens of the master data — a sortable list
 * with search, and the editor to add, edit, deactivate. */
#pragma once

#include <adwaita.h>

#include "jc-list-page.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_CANTEENS_PAGE (jc_canteens_page_get_type ())
G_DECLARE_FINAL_TYPE (JcCanteensPage, jc_canteens_page, JC, CANTEENS_PAGE, JcListPage)

void jc_canteens_page_set_store (JcCanteensPage *self,
                                 JcStore        *store);
void jc_canteens_page_reload    (JcCanteensPage *self);

G_END_DECLS
