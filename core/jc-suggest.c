/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-suggest.c: catalog items for a market name. */
#include "config.h"

#define G_LOG_DOMAIN "jc-suggest"

#include <string.h>

#include "jc-suggest.h"

#define CATEGORY_BONUS 30
#define MAX_CHARS 64   /* names are short; longer ones are cut for the matrices */

/* The name without what brackets hold (“（精品）”, “(袋装)”, “【特】”) and
 * without blanks, case-folded, as characters. */
static gunichar *
clean_name (const char *name,
            glong      *out_len)
{
  g_autofree char *folded = g_utf8_casefold (name ? name : "", -1);
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;
  int depth = 0;
  gunichar *chars;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '(' || c == 0xFF08 || c == '[' || c == 0x3010 || c == 0xFF3B)
        depth++;
      else if (c == ')' || c == 0xFF09 || c == ']' || c == 0x3011 || c == 0xFF3D)
        depth = MAX (depth - 1, 0);
      else if (depth == 0 && !g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (s, c);
    }
  text = g_string_free (s, FALSE);
  chars = g_utf8_to_ucs4_fast (text, -1, out_len);
  if (*out_len > MAX_CHARS)
    {
      *out_len = MAX_CHARS;
      chars[MAX_CHARS] = 0;
    }
  return chars;
}

static glong
longest_common_run (const gunichar *a,
                    glong           la,
                    const gunichar *b,
                    glong           lb)
{
  glong best = 0;

  for (glong i = 0; i < la; i++)
    for (glong j = 0; j < lb; j++)
      {
        glong k = 0;

        while (i + k < la && j + k < lb && a[i + k] == b[j + k])
          k++;
        best = MAX (best, k);
      }
  return best;
}

/* Characters in common, each counted as often as both have it. */
static glong
shared_chars (const gunichar *a,
              glong           la,
              const gunichar *b,
              glong           lb)
{
  gboolean used[MAX_CHARS] = { FALSE };
  glong n = 0;

  for (glong i = 0; i < la; i++)
    for (glong j = 0; j < lb; j++)
      if (!used[j] && a[i] == b[j])
        {
          used[j] = TRUE;
          n++;
          break;
        }
  return n;
}

static glong
edit_distance (const gunichar *a,
               glong           la,
               const gunichar *b,
               glong           lb)
{
  glong row[MAX_CHARS + 1];

  for (glong j = 0; j <= lb; j++)
    row[j] = j;
  for (glong i = 1; i <= la; i++)
    {
      glong diag = row[0];

      row[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          glong up = row[j];
          glong best = MIN (row[j] + 1, row[j - 1] + 1);

          best = MIN (best, diag + (a[i - 1] == b[j - 1] ? 0 : 1));
          diag = up;
          row[j] = best;
        }
    }
  return row[lb];
}

guint
jc_suggest_edit_distance (const char *a,
                          const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree gunichar *ua = NULL;
  g_autofree gunichar *ub = NULL;
  glong na = 0, nb = 0;

  ua = g_utf8_to_ucs4_fast (fa, -1, &na);
  ub = g_utf8_to_ucs4_fast (fb, -1, &nb);
  return (guint) edit_distance (ua, MIN (na, MAX_CHARS), ub, MIN (nb, MAX_CHARS));
}

static int
score_names (const gunichar *a,
             glong           la,
             const char     *candidate)
{
  glong lb = 0;
  g_autofree gunichar *b = clean_name (candidate, &lb);
  glong run, shared, dist, longer;
  int score;

  if (la == 0 || lb == 0)
    return 0;
  if (la == lb && memcmp (a, b, sizeof (gunichar) * (gsize) la) == 0)
    return 1000;
  run = longest_common_run (a, la, b, lb);
  if (run == 0)
    return 0;
  longer = MAX (la, lb);
  /* 黄心大白菜 holds 大白菜: a kind of it, the likeliest meaning */
  if (run == lb)
    return 700 + (int) (250 * lb / la);
  if (run == la)
    return 650 + (int) (250 * la / lb);
  shared = shared_chars (a, la, b, lb);
  dist = edit_distance (a, la, b, lb);
  score = (int) (300 * 2 * shared / (la + lb) + 300 * run / MIN (la, lb));
  /* few edits apart (洋白菜 / 圆白菜) */
  score += (int) (100 * (longer - dist) / longer);
  /* one character in common (大蒜, 大白菜) is chance, not a likeness */
  if (run < 2)
    score = MIN (score, JC_SUGGEST_MIN_SCORE / 2);
  return MIN (score, 690);
}

static int
score_item (const gunichar *a,
            glong           la,
            const JcItem   *item)
{
  int best = score_names (a, la, item->name);

  for (char **alias = item->aliases; alias != NULL && *alias != NULL && best < 1000; alias++)
    best = MAX (best, score_names (a, la, *alias));
  return best;
}

/**
 * jc_suggest_score:
 * Returns: 0 (nothing alike) to 1000 (the same name or alias).
 */
int
jc_suggest_score (const char   *market_name,
                  const JcItem *item)
{
  glong la = 0;
  g_autofree gunichar *a = NULL;

  g_return_val_if_fail (item != NULL, 0);

  a = clean_name (market_name, &la);
  return score_item (a, la, item);
}

static int
compare_suggestions (gconstpointer pa,
                     gconstpointer pb,
                     gpointer      user_data)
{
  const JcSuggestion *a = pa, *b = pb;
  GPtrArray *items = user_data;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return g_strcmp0 (((JcItem *) g_ptr_array_index (items, a->index))->code,
                    ((JcItem *) g_ptr_array_index (items, b->index))->code);
}

/**
 * jc_suggest_items:
 * Returns: (transfer full): a GArray of JcSuggestion, best first.
 */
GArray *
jc_suggest_items (const char *market_name,
                  const char *category_code,
                  GPtrArray  *items,
                  guint       max)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (JcSuggestion));
  g_autofree gunichar *a = NULL;
  glong la = 0;

  g_return_val_if_fail (items != NULL, out);

  a = clean_name (market_name, &la);
  for (guint i = 0; i < items->len; i++)
    {
      const JcItem *item = g_ptr_array_index (items, i);
      JcSuggestion s = { i, score_item (a, la, item) };

      if (s.score <= 0)
        continue;
      if (category_code != NULL && g_strcmp0 (item->category, category_code) == 0)
        s.score = MIN (s.score + CATEGORY_BONUS, 1000);
      if (s.score >= JC_SUGGEST_MIN_SCORE)
        g_array_append_val (out, s);
    }
  g_array_sort_with_data (out, compare_suggestions, items);
  if (out->len > max)
    g_array_set_size (out, max);
  return out;
}
