/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-catalog-page.h: the catalog of the master data — a sortable list
 * with search (name, pinyin initials, code, alias) and a category filter,
 * and the editor to add, edit, deactivate. */
#pragma once

#include <adwaita.h>

#include "jc-list-page.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_CATALOG_PAGE (jc_catalog_page_get_type ())
G_DECLARE_FINAL_TYPE (JcCatalogPage, jc_catalog_page, JC, CATALOG_PAGE, JcListPage)

void jc_catalog_page_set_store (JcCatalogPage *self,
                                JcStore       *store);
void jc_catalog_page_reload    (JcCatalogPage *self);

G_END_DECLS
