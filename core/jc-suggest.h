/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-suggest.h: which catalog items a market name most likely means, so a
 * person maps “黄心大白菜” to 大白菜 with one click.  Ranks by containment
 * (one name inside the other), the longest run of shared characters, the
 * characters shared at all and the edit distance, over the item's name and
 * aliases, with a small bonus for the same category.  Pure: no store, no
 * GTK, any thread. */
#pragma once

#include <glib.h>

#include "jc-master.h"

G_BEGIN_DECLS

#define JC_SUGGEST_MIN_SCORE 250

typedef struct {
  guint index;   /* of the item in the array given */
  int   score;   /* 1…1000, higher is closer; 1000: the same name */
} JcSuggestion;

/* How close `market_name` is to the item (0: not at all). */
int     jc_suggest_score (const char   *market_name,
                          const JcItem *item);

/* The items of `items` (JcItem *) that score at least JC_SUGGEST_MIN_SCORE,
 * best first (ties by code), at most `max`.  `category_code` (NULL: not
 * known) favours items of that category.  Returns a GArray of
 * JcSuggestion, owned by the caller, never NULL. */
GArray *jc_suggest_items (const char   *market_name,
                          const char   *category_code,
                          GPtrArray    *items,
                          guint         max);

/* The edit distance (Levenshtein, in characters) between `a` and `b`,
 * case-folded, each cut to its first 64 characters. */
guint   jc_suggest_edit_distance (const char *a,
                                  const char *b);

G_END_DECLS
