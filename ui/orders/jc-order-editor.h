/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-editor.h: one canteen's order for one delivery date, made for
 * typing a phoned-in order without the mouse: item (name, pinyin initials
 * or code, with a completion list), Tab, quantity, Tab, unit, Tab, note,
 * Enter — and the next line.  Saves, submits, copies last week's order and
 * shows the history, all on worker threads. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_ORDER_EDITOR (jc_order_editor_get_type ())
G_DECLARE_FINAL_TYPE (JcOrderEditor, jc_order_editor, JC, ORDER_EDITOR, AdwBin)

void        jc_order_editor_load          (JcOrderEditor *self,
                                           const char    *db_path,
                                           const char    *canteen_code,
                                           const char    *date);
const char *jc_order_editor_get_canteen   (JcOrderEditor *self);
const char *jc_order_editor_get_date      (JcOrderEditor *self);
gboolean    jc_order_editor_get_modified  (JcOrderEditor *self);
void        jc_order_editor_request_close (JcOrderEditor *self);

G_END_DECLS
