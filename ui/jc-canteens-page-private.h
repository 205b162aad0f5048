/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown. */
#pragma once

#include "jc-canteens-page.h"

G_BEGIN_DECLS

GtkEditable *_jc_canteens_page_get_search_entry (JcCanteensPage *self);
GListModel  *_jc_canteens_page_get_shown        (JcCanteensPage *self);
GtkWidget   *_jc_canteens_page_get_column_view  (JcCanteensPage *self);

G_END_DECLS
