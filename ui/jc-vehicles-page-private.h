/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets and the rows as shown. */
#pragma once

#include "jc-vehicles-page.h"

G_BEGIN_DECLS

GtkEditable *_jc_vehicles_page_get_search_entry (JcVehiclesPage *self);
GListModel  *_jc_vehicles_page_get_shown        (JcVehiclesPage *self);
GtkWidget   *_jc_vehicles_page_get_column_view  (JcVehiclesPage *self);

G_END_DECLS
