/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Suggestions for unmapped market names: the catalog item a person would
 * pick comes first. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-suggest.h"

static JcItem *
item (const char *code,
      const char *name,
      const char *category,
      const char *alias)
{
  JcItem *it = jc_item_new ();

  it->code = g_strdup (code);
  it->name = g_strdup (name);
  it->category = g_strdup (category);
  if (alias != NULL)
    {
      g_strfreev (it->aliases);
      it->aliases = g_new0 (char *, 2);
      it->aliases[0] = g_strdup (alias);
    }
  return it;
}

static GPtrArray *
catalog (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_item_free);

  g_ptr_array_add (items, item ("V001", "大白菜", "veg", NULL));
  g_ptr_array_add (items, item ("V002", "圆白菜", "veg", "洋白菜"));
  g_ptr_array_add (items, item ("V004", "小白菜", "veg", NULL));
  g_ptr_array_add (items, item ("V039", "土豆", "veg", NULL));
  g_ptr_array_add (items, item ("V051", "大葱", "veg", NULL));
  g_ptr_array_add (items, item ("F001", "富士苹果", "fruit", NULL));
  g_ptr_array_add (items, item ("F002", "香蕉", "fruit", NULL));
  g_ptr_array_add (items, item ("M001", "猪五花肉", "meat", NULL));
  return items;
}

static const char *
code_at (GPtrArray *items,
         GArray    *s,
         guint      i)
{
  return ((JcItem *) g_ptr_array_index (items, g_array_index (s, JcSuggestion, i).index))->code;
}

static void
test_kind_of (void **state)
{
  g_autoptr(GPtrArray) items = catalog ();
  g_autoptr(GArray) s = jc_suggest_items ("黄心大白菜", "veg", items, 3);

  assert_true (s->len >= 2);
  assert_string_equal (code_at (items, s, 0), "V001");
  /* 小白菜 shares 白菜: a second guess, far below */
  assert_true (g_array_index (s, JcSuggestion, 0).score > g_array_index (s, JcSuggestion, 1).score + 200);
  for (guint i = 0; i < s->len; i++)
    assert_string_not_equal (code_at (items, s, i), "V039");
}

static void
test_brackets_and_alias (void **state)
{
  g_autoptr(GPtrArray) items = catalog ();
  g_autoptr(GArray) a = jc_suggest_items ("土豆（精品）", NULL, items, 3);
  g_autoptr(GArray) b = jc_suggest_items ("洋白菜", "veg", items, 3);
  g_autoptr(GArray) c = jc_suggest_items ("红富士苹果", "fruit", items, 3);

  assert_true (a->len >= 1);
  assert_string_equal (code_at (items, a, 0), "V039");
  assert_int_equal (g_array_index (a, JcSuggestion, 0).score, 1000);
  /* an alias counts as the name */
  assert_string_equal (code_at (items, b, 0), "V002");
  assert_int_equal (g_array_index (b, JcSuggestion, 0).score, 1000);
  assert_string_equal (code_at (items, c, 0), "F001");
}

static void
test_nothing_alike (void **state)
{
  g_autoptr(GPtrArray) items = catalog ();
  g_autoptr(GArray) s = jc_suggest_items ("榴莲", "fruit", items, 3);
  g_autoptr(GArray) e = jc_suggest_items ("", NULL, items, 3);
  g_autoptr(GArray) one = jc_suggest_items ("大白菜心", NULL, items, 1);

  assert_int_equal (s->len, 0);
  assert_int_equal (e->len, 0);
  assert_int_equal (one->len, 1);
  /* one shared character is not a suggestion */
  assert_true (jc_suggest_score ("大蒜", g_ptr_array_index (items, 0)) < JC_SUGGEST_MIN_SCORE);
}

/* Near names of the same length, a few edits apart, rank by closeness. */
static void
test_near (void **state)
{
  g_autoptr(GPtrArray) items = catalog ();
  JcItem *round_cabbage = g_ptr_array_index (items, 1);
  JcItem *small_cabbage = g_ptr_array_index (items, 2);

  assert_true (jc_suggest_score ("圆白菜头", round_cabbage) > jc_suggest_score ("圆白菜头", small_cabbage));
  assert_true (jc_suggest_score ("小白菜", small_cabbage) == 1000);
  assert_true (jc_suggest_score ("白菜", small_cabbage) >= JC_SUGGEST_MIN_SCORE);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kind_of),
    cmocka_unit_test (test_brackets_and_alias),
    cmocka_unit_test (test_nothing_alike),
    cmocka_unit_test (test_near),
  };

  return cmocka_run_group_tests_name ("suggest", tests, NULL, NULL);
}
