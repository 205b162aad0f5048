/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown. */
#pragma once

#include "jc-prices.h"
#include "jc-sources-page.h"

G_BEGIN_DECLS

GtkEditable    *_jc_sources_page_get_search_entry (JcSourcesPage *self);
GListModel     *_jc_sources_page_get_shown        (JcSourcesPage *self);
GtkWidget      *_jc_sources_page_get_column_view  (JcSourcesPage *self);
const JcSource *_jc_sources_page_get_source       (JcSourcesPage *self,
                                                   guint          position);
/* TRUE while a removal is being prepared or done on a worker thread. */
gboolean        _jc_sources_page_get_busy         (JcSourcesPage *self);

G_END_DECLS
