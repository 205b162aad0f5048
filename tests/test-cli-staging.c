/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A large `jicai-cli prices import` beside another desk's writes (issue 13
 * item 6): the import stages its quotes in bounded transactions that no
 * reader sees and publishes them at once, so an `orders submit` run while
 * it imports succeeds at once, and a reader sees the old count of prices
 * until the import is published, then the new one. */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-cli.h"
#include "jc-test-store.h"

#define N_NAMES 500
#define N_DAYS 800   /* 400,000 quotes: a few seconds of importing */

/* What the store committed, through a second connection. */
static gint64
raw_count (JcStore    *store,
           const char *sql)
{
  return jc_test_db_count (jc_store_get_path (store), sql);
}

/* N_NAMES market names the catalog does not know × N_DAYS days. */
static char *
write_big_csv (Fixture *f)
{
  g_autoptr(GString) text = g_string_new ("品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n");
  GDate day;

  g_date_set_dmy (&day, 1, 1, 2023);
  for (guint d = 0; d < N_DAYS; d++)
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      for (guint m = 0; m < N_NAMES; m++)
        g_string_append_printf (text, "市场菜%03u,1.%u,1.%u,2.%u,,冀,斤,%s\n", m, m % 10, m % 10,
                                m % 10, date);
      g_date_add_days (&day, 1);
    }
  return write_file (f, "big.csv", text->str, (gssize) text->len);
}

static GPid
start_import (Fixture    *f,
              const char *csv,
              const char *err_path)
{
  const char *argv[] = { g_getenv ("JICAI_CLI"), "--db", f->path, "prices", "import", csv,
                         "--source", "big", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int err_fd = open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  GPid pid = 0;

  assert_non_null (argv[0]);
  assert_true (err_fd >= 0);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_unsetenv (env, "JICAI_DB");
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) env,
                                         G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDIN_FROM_DEV_NULL |
                                         G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, -1, -1, err_fd,
                                         NULL, NULL, 0, &pid, NULL, NULL, NULL, &error))
    fail_msg ("could not run jicai-cli: %s", error->message);
  close (err_fd);
  return pid;
}

/* Waits for the child; fails the test unless it exited 0. */
static void
finish_import (GPid        pid,
               const char *err_path)
{
  int status = 0;

  assert_int_equal (waitpid (pid, &status, 0), pid);
  g_spawn_close_pid (pid);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *err = NULL;

      g_file_get_contents (err_path, &err, NULL, NULL);
      fail_msg ("the import failed (status %d): %s", status, err ? err : "");
    }
}

static void
test_submit_beside_import (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *err_path = g_build_filename (f->dir, "import.err", NULL);
  g_autoptr(JcStore) reader = NULL;
  g_autoptr(Run) submit = NULL;
  g_autoptr(Run) list = NULL;
  gint64 before, start, waited;
  gboolean staging = FALSE;
  GPid pid;

  add_order_world (f);
  csv = write_big_csv (f);
  reader = jc_store_open (f->path, &error);
  assert_no_error (error);
  before = jc_store_count_prices (reader, &error);
  assert_no_error (error);

  pid = start_import (f, csv, err_path);
  /* until the import has committed chunks it has not published */
  start = g_get_monotonic_time ();
  while (!staging && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        fail_msg ("the import ended before it was seen staging");
      staging = raw_count (reader, "SELECT COUNT(*) FROM price_imports") == 1 &&
                raw_count (reader, "SELECT COUNT(*) FROM prices") > before;
      if (!staging)
        g_usleep (10000);
    }
  assert_true (staging);
  /* a reader sees the old count */
  assert_int_equal (jc_store_count_prices (reader, NULL), before);

  /* another desk submits an order while the import goes on */
  start = g_get_monotonic_time ();
  submit = db (f, "orders", "submit", "--canteen", "c01", "--date", FUTURE, "--item", "dbc=30斤",
               NULL);
  waited = g_get_monotonic_time () - start;
  /* it may meet one of the import's chunk commits and say that it waits
   * (under the sanitizers a chunk takes long enough): that line and
   * nothing else */
  if (submit->status != 0 ||
      (submit->err[0] != '\0' &&
       g_strcmp0 (submit->err, "waiting for another desk or program to finish writing to the "
                               "database…\n") != 0))
    {
      dump (submit);
      fail_msg ("expected success, at most saying that it waited");
    }
  assert_contains (submit->out, "Submitted the order of c01 for " FUTURE);
  /* it did not wait for the import: the import is still staged, unseen */
  if (raw_count (reader, "SELECT COUNT(*) FROM price_imports") != 1)
    fail_msg ("the import was published before the submit ended (%.2f s): make the file larger",
              waited / 1e6);
  assert_int_equal (jc_store_count_prices (reader, NULL), before);
  print_message ("the submit took %.2f s while the import ran\n", waited / 1e6);

  finish_import (pid, err_path);
  /* all of it at once */
  assert_int_equal (jc_store_count_prices (reader, NULL), before + N_NAMES * N_DAYS);
  assert_int_equal (raw_count (reader, "SELECT COUNT(*) FROM price_imports"), 0);
  list = db (f, "orders", "list", "--date", FUTURE, NULL);
  assert_ok (list);
  assert_contains (list->out, "1 submitted");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown (test_submit_beside_import, setup_db, teardown),
  };

  jc_test_store_init ("cli-staging");
  return cmocka_run_group_tests_name ("cli-staging", tests, NULL, NULL);
}
