/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the orders page. */
#pragma once

#include "jc-order-editor.h"
#include "jc-orders-page.h"

G_BEGIN_DECLS

GtkWidget     *_jc_orders_page_get_board_view    (JcOrdersPage *self);
GListModel    *_jc_orders_page_get_board         (JcOrdersPage *self);
JcOrderEditor *_jc_orders_page_get_editor        (JcOrdersPage *self);
gboolean       _jc_orders_page_is_loading        (JcOrdersPage *self);
gboolean       _jc_orders_page_is_editing        (JcOrdersPage *self);
gboolean       _jc_orders_page_is_settled        (JcOrdersPage *self);
GtkLabel      *_jc_orders_page_get_cutoff_label  (JcOrdersPage *self);
GtkLabel      *_jc_orders_page_get_count_label   (JcOrdersPage *self);
GtkWindow     *_jc_orders_page_get_import_dialog (JcOrdersPage *self);
GtkPopover    *_jc_orders_page_get_cutoff_popover (JcOrdersPage *self);
GtkEntry      *_jc_orders_page_get_cutoff_entry  (JcOrdersPage *self);
GtkLabel      *_jc_orders_page_get_cutoff_error  (JcOrdersPage *self);
char          *_jc_orders_page_parse_cutoff      (const char   *delivery_date,
                                                  const char   *text);

G_END_DECLS
