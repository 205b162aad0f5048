/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-sources-page.h: the price sources of the master data — where the
 * market prices come from (adapter, address, priority, daily schedule),
 * how each one's last fetch went, and the editor to add, edit, disable or
 * remove one.  Addresses are shown without credentials; stored credentials
 * are never shown at all.  Removing a source that brought prices asks
 * first and runs on a worker thread with its own JcStore. */
#pragma once

#include <adwaita.h>

#include "jc-list-page.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_SOURCES_PAGE (jc_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (JcSourcesPage, jc_sources_page, JC, SOURCES_PAGE, JcListPage)

void jc_sources_page_set_store (JcSourcesPage *self,
                                JcStore       *store);
void jc_sources_page_reload    (JcSourcesPage *self);

G_END_DECLS
