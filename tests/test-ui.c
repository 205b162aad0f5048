/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder while the suite is written; replaced before anything lands. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

static void
test_placeholder (void **state)
{
  assert_true (0);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_placeholder),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
