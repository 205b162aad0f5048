/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-board-columns.h: the columns of the orders page's board. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void jc_order_board_add_columns (GtkColumnView *view);

G_END_DECLS
