/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-held-view.h: the prices held for review ("Held"): each with what it
 * was compared with and the suggestion of core (jc_held_quote_suggest), and
 * two actions, Release (accept it as it is) and Quoted per Pack (map its
 * market name, for its source, as quoted per the item's pack).  Loading and
 * both actions run on jc-price-tasks.h's worker threads, each on its own
 * JcStore on the given store's file. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_HELD_VIEW (jc_held_view_get_type ())
G_DECLARE_FINAL_TYPE (JcHeldView, jc_held_view, JC, HELD_VIEW, AdwBin)

GtkWidget  *jc_held_view_new          (void);
/* `store` (transfer none; it must stay open until another is set), NULL:
 * no database; shows the empty state.  Reloads. */
void        jc_held_view_set_store    (JcHeldView *self,
                                       JcStore    *store);
/* The file of the store shown, NULL: none. */
const char *jc_held_view_get_db_path  (JcHeldView *self);
void        jc_held_view_reload       (JcHeldView *self);
/* How many prices are held (as last loaded): the "n-held" property. */
guint       jc_held_view_get_n_held   (JcHeldView *self);
/* TRUE while a load or an action runs: the "busy" property. */
gboolean    jc_held_view_get_busy     (JcHeldView *self);

G_END_DECLS
