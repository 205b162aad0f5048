/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-input: a file from outside is read whole and unmapped; a folder, a
 * pipe, a device, the open database and a file above its cap are refused
 * by name before a byte is read; a file that changes while it is read is
 * refused. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "jc-test-util.h"
#include "jc-input.h"
#include "jc-output.h"
#include "jc-store.h"

static void
test_regular (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "prices.csv", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) none = NULL;

  assert_true (g_file_set_contents (path, "date,item\n2026-12-07,白菜\n", -1, NULL));
  assert_true (g_file_set_contents (empty, "", 0, NULL));
  bytes = jc_input_read_file (path, 1024, "a price file", &error);
  assert_no_error (error);
  assert_int_equal (g_bytes_get_size (bytes), strlen ("date,item\n2026-12-07,白菜\n"));
  assert_memory_equal (g_bytes_get_data (bytes, NULL), "date,item\n", 10);
  none = jc_input_read_file (empty, 1024, "a price file", &error);
  assert_no_error (error);
  assert_int_equal (g_bytes_get_size (none), 0);
  jc_test_rmtree (dir);
}

static void
test_not_files (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autoptr(GError) error = NULL;

  /* a folder */
  assert_null (jc_input_read_file (dir, 1024, "a price file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_NOT_FILE);
  assert_non_null (strstr (error->message, "is a folder, not a price file"));
  g_clear_error (&error);
  /* a pipe: refused at once, never waited on */
  assert_int_equal (mkfifo (fifo, 0600), 0);
  assert_null (jc_input_read_file (fifo, 1024, "a price file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_NOT_FILE);
  assert_non_null (strstr (error->message, "is a pipe, not a price file"));
  g_clear_error (&error);
  /* a device: /dev/null is not "no such file" */
  assert_null (jc_input_read_file ("/dev/null", 1024, "an order file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_NOT_FILE);
  assert_string_equal (error->message,
                       "/dev/null is a device, not an order file; choose the file itself");
  g_clear_error (&error);
  assert_null (jc_input_read_file (missing, 1024, "a price file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_FAILED);
  assert_non_null (strstr (error->message, "No such file"));
  g_clear_error (&error);
  jc_test_rmtree (dir);
}

static void
test_cap_and_database (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "jicai.db", NULL);
  g_autofree char *big = g_strnfill (3 * 1024 * 1024, 'x');
  g_autoptr(JcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  assert_true (g_file_set_contents (path, big, -1, NULL));
  assert_null (jc_input_read_file (path, 2 * 1024 * 1024, "a price file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_TOO_LARGE);
  assert_non_null (strstr (error->message, "big.csv is too large (3.0 MiB; a price file may be at most 2.0 MiB)"));
  g_clear_error (&error);

  store = jc_store_open (db, &error);
  assert_no_error (error);
  assert_null (jc_input_read_file (db, 1024 * 1024, "a price file", &error));
  assert_error (error, JC_OUTPUT_ERROR, JC_OUTPUT_ERROR_DATABASE);
  g_clear_error (&error);
  g_clear_pointer (&store, jc_store_free);
  jc_test_rmtree (dir);
}

/* A file whose length is not what it said when opened — here a /proc file,
 * which says 0 bytes and reads more — is refused as changed, as a file cut
 * short or grown by another program while it is read would be. */
static void
test_changed (void **state)
{
  g_autoptr(GError) error = NULL;

  assert_null (jc_input_read_file ("/proc/self/status", 1024 * 1024, "a price file", &error));
  assert_error (error, JC_INPUT_ERROR, JC_INPUT_ERROR_CHANGED);
  assert_non_null (strstr (error->message, "changed while it was being read"));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_regular),
    cmocka_unit_test (test_not_files),
    cmocka_unit_test (test_cap_and_database),
    cmocka_unit_test (test_changed),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
