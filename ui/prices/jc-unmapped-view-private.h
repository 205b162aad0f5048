/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the rows as shown. */
#pragma once

#include "jc-prices.h"
#include "jc-unmapped-view.h"

G_BEGIN_DECLS

GListModel       *_jc_unmapped_view_get_shown        (JcUnmappedView *self);
const JcUnmapped *_jc_unmapped_view_get_row          (JcUnmappedView *self,
                                                      guint           position);
/* The codes of the items suggested for the row, best first (NULL-terminated,
 * owned by the view). */
const char * const *_jc_unmapped_view_get_suggestions (JcUnmappedView *self,
                                                       guint           position);
GtkWidget        *_jc_unmapped_view_get_column_view  (JcUnmappedView *self);

G_END_DECLS
