/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pinyin initials, the way a clerk searches: dbc → 大白菜. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-pinyin.h"

static void
check (const char *name,
       const char *expected)
{
  g_autofree char *got = jc_pinyin_initials (name);

  if (g_strcmp0 (got, expected) != 0)
    fail_msg ("%s: expected “%s”, got “%s”", name, expected, got);
}

static void
test_common_names (void **state)
{
  check ("大白菜", "dbc");
  check ("土豆", "td");
  check ("西红柿", "xhs");
  check ("黄瓜", "hg");
  check ("菠菜", "bc");
  check ("胡萝卜", "hlb");
  check ("猪肉", "zr");
  check ("鸡蛋", "jd");
  check ("草鱼", "cy");
  check ("豆腐", "df");
  check ("大米", "dm");
  check ("茼蒿", "th");
  check ("鲈鱼", "ly");
  check ("莴笋", "ws");
  check ("荸荠", "bj");
}

static void
test_mixed_and_bad (void **state)
{
  check ("", "");
  check ("A级鸡蛋", "ajjd");
  check ("5号菜", "5hc");
  check ("白菜（精品）", "bcjp");
  {
    g_autofree char *s = jc_pinyin_initials ("\xff\xfe");

    assert_string_equal (s, "");
  }
  {
    g_autofree char *s = jc_pinyin_initials (NULL);

    assert_string_equal (s, "");
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_common_names),
    cmocka_unit_test (test_mixed_and_bad),
  };

  return cmocka_run_group_tests_name ("pinyin", tests, NULL, NULL);
}
