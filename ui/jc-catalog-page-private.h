/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown. */
#pragma once

#include "jc-catalog-page.h"

G_BEGIN_DECLS

GtkEditable *_jc_catalog_page_get_search_entry (JcCatalogPage *self);
GListModel  *_jc_catalog_page_get_shown        (JcCatalogPage *self);
GtkWidget   *_jc_catalog_page_get_column_view  (JcCatalogPage *self);

G_END_DECLS
