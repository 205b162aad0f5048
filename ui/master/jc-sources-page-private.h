/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown (the list's
 * widgets are JcListPage's: _jc_list_page_get_search_entry() and others). */
#pragma once

#include "jc-list-page.h"
#include "jc-prices.h"
#include "jc-sources-page.h"

G_BEGIN_DECLS

const JcSource *_jc_sources_page_get_source       (JcSourcesPage *self,
                                                   guint          position);
/* TRUE while a removal is being prepared or done on a worker thread. */
gboolean        _jc_sources_page_get_busy         (JcSourcesPage *self);

G_END_DECLS
