/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the rows as shown. */
#pragma once

#include "jc-held-view.h"
#include "jc-prices.h"

G_BEGIN_DECLS

guint              _jc_held_view_get_n_rows  (JcHeldView *self);
const JcHeldQuote *_jc_held_view_get_row     (JcHeldView *self,
                                              guint       position);
/* The row's widget (an AdwActionRow), to read its texts. */
GtkWidget         *_jc_held_view_get_row_widget (JcHeldView *self,
                                                 guint       position);

G_END_DECLS
