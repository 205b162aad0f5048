/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the cmocka suites. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

/* Runs a tool (pdftotext, pdftoppm, …) and returns its standard output;
 * a tool that cannot run or fails fails the test, with its messages. */
/* The PostgreSQL server of the run ($JICAI_TEST_PG).  Without one, says
 * loudly that `what` was not tested on the second engine and exits: 77 (a
 * skip for meson), or 1 when $JICAI_REQUIRE_PG is "1" (.ci/run sets it). */
static inline const char *
jc_test_pg_server_or_exit (const char *what)
{
  const char *pg = g_getenv ("JICAI_TEST_PG");
  gboolean required;

  if (pg != NULL && *pg != '\0')
    return pg;
  required = g_strcmp0 (g_getenv ("JICAI_REQUIRE_PG"), "1") == 0;
  fprintf (stderr, "\n%s: PostgreSQL: $JICAI_TEST_PG is not set, so %s was not tested on the "
                   "second engine.\n"
                   "  tools/jicai-dev.sh test runs it in a throw-away cluster "
                   "(pg_virtualenv, Debian's postgresql package).\n\n",
           required ? "FAILED ($JICAI_REQUIRE_PG=1)" : "SKIPPED", what);
  exit (required ? 1 : 77);
}

static inline char *
jc_test_run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error))
    fail_msg ("%s: %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    fail_msg ("%s: %s\n%s", argv[0], error->message, err ? err : "");
  return out;
}

/* A fresh temporary folder per call; removed by jc_test_rmtree(). */
static inline char *
jc_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("jicai-test-XXXXXX", &error);

  assert_non_null (dir);
  return dir;
}

static inline void
jc_test_rmtree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        jc_test_rmtree (child);
      else
        g_remove (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

/* The fixture of the suites whose every test starts with no database: a
 * fresh folder and the name of a database file in it, not yet created. */
typedef struct {
  char *dir;
  char *path;   /* dir/jicai.db */
} JcTestDbFile;

static inline int
jc_test_db_file_setup (void **state)
{
  JcTestDbFile *f = g_new0 (JcTestDbFile, 1);

  f->dir = jc_test_tmpdir ();
  f->path = g_build_filename (f->dir, "jicai.db", NULL);
  *state = f;
  return 0;
}

static inline int
jc_test_db_file_teardown (void **state)
{
  JcTestDbFile *f = *state;

  jc_test_rmtree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f);
  return 0;
}

/* A test run between jc_test_db_file_setup() and _teardown(). */
#define jc_test_db_file_unit_test(fn)                                         \
  cmocka_unit_test_setup_teardown (fn, jc_test_db_file_setup, jc_test_db_file_teardown)

static inline GBytes *
jc_test_read (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static inline int
jc_test_compare_names (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The names in `dir`, sorted, joined by spaces: what a test compares to
 * see that nothing was left behind. */
static inline char *
jc_test_list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  assert_non_null (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, jc_test_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

#define assert_error(err, dom_, code_)                                       \
  G_STMT_START {                                                             \
    if ((err) == NULL || (err)->domain != (dom_) || (err)->code != (int) (code_)) \
      fail_msg ("expected error %s:%d, got %s", #dom_, (int) (code_),       \
                (err) ? (err)->message : "no error");                       \
  } G_STMT_END

#define assert_no_error(err)                                                 \
  G_STMT_START {                                                             \
    if ((err) != NULL)                                                       \
      fail_msg ("unexpected error: %s", (err)->message);                    \
  } G_STMT_END

#define assert_contains(haystack, needle)                                    \
  G_STMT_START {                                                             \
    const char *h_ = (haystack);                                             \
    if (h_ == NULL || strstr (h_, (needle)) == NULL)                         \
      fail_msg ("“%s” does not contain “%s”", h_ ? h_ : "(null)", (needle)); \
  } G_STMT_END
