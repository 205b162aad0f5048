/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-unmapped-view.h: the market names no catalog item claims yet ("To
 * map"), with the items they most likely mean (core/jc-suggest) and a
 * one-click Map per suggestion, plus a search over every item for the
 * names no suggestion fits.  Loading and mapping run on jc-price-tasks.h's
 * worker threads, each on its own JcStore on the given store's file. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_UNMAPPED_VIEW (jc_unmapped_view_get_type ())
G_DECLARE_FINAL_TYPE (JcUnmappedView, jc_unmapped_view, JC, UNMAPPED_VIEW, AdwBin)

GtkWidget  *jc_unmapped_view_new          (void);
/* `store` (transfer none; it must stay open until another is set), NULL:
 * no database; shows the empty state.  Reloads. */
void        jc_unmapped_view_set_store    (JcUnmappedView *self,
                                           JcStore        *store);
/* The file of the store shown, NULL: none. */
const char *jc_unmapped_view_get_db_path  (JcUnmappedView *self);
void        jc_unmapped_view_reload       (JcUnmappedView *self);
/* How many market names wait (as last loaded). */
guint       jc_unmapped_view_get_n_names  (JcUnmappedView *self);
/* TRUE while a load or a mapping runs. */
gboolean    jc_unmapped_view_get_busy     (JcUnmappedView *self);

G_END_DECLS
