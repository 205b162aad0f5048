/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the real widgets of the order editor. */
#pragma once

#include "jc-order-editor.h"
#include "jc-orders.h"

G_BEGIN_DECLS

GtkEntry          *_jc_order_editor_get_item_entry         (JcOrderEditor *self);
GtkEntry          *_jc_order_editor_get_qty_entry          (JcOrderEditor *self);
GtkDropDown       *_jc_order_editor_get_unit_dropdown      (JcOrderEditor *self);
GtkEntry          *_jc_order_editor_get_note_entry         (JcOrderEditor *self);
GtkLabel          *_jc_order_editor_get_error_label        (JcOrderEditor *self);
GtkLabel          *_jc_order_editor_get_totals_label       (JcOrderEditor *self);
GtkPopover        *_jc_order_editor_get_completion_popover (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_completion         (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_lines              (JcOrderEditor *self);
GtkWidget         *_jc_order_editor_get_lines_view         (JcOrderEditor *self);
GListModel        *_jc_order_editor_get_history            (JcOrderEditor *self);
const JcOrderLine *_jc_order_editor_get_line               (JcOrderEditor *self,
                                                            guint          position,
                                                            gboolean      *spike);
gboolean           _jc_order_editor_is_ready               (JcOrderEditor *self);
JcOrderStatus      _jc_order_editor_get_status             (JcOrderEditor *self);

G_END_DECLS
