/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What jicai-cli writes and reads as files: every export refuses the open
 * database and its -wal (even with --force), refuses an existing file
 * without --force and replaces it with it, leaves no temporary file behind,
 * and the database stays whole; a price CSV with a stray quote is refused
 * naming the line, and nothing of it is imported. */
#include "config.h"

#include <cjson/cJSON.h>
#include "jc-test-store.h"
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jc-test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

#define TODAY "2026-12-07"
#define DAY   "2026-12-04"   /* a locked plan of the demo */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

typedef JcTestDbFile Fixture;

/* jicai-cli --db PATH ARGS…, with TODAY as today. */
static Run *
run_argv (const char         *db_path,
          const char *const  *args)
{
  const char *cli = g_getenv ("JICAI_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  Run *run = g_new0 (Run, 1);
  int wait_status = 0;

  assert_non_null (cli);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "JICAI_TODAY", TODAY, TRUE);
  envp = g_environ_unsetenv (envp, "JICAI_DB");
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    fail_msg ("could not run %s: %s", cli, error->message);
  assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  return run;
}

static Run *
run (const char *db_path,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, db_path);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return run_argv (db_path, (const char *const *) args->pdata);
}

static void
assert_ok (Run *r)
{
  if (r->status != 0)
    fail_msg ("exit %d: %s", r->status, r->err);
}

static void
assert_refused (Run        *r,
                const char *needle)
{
  if (r->status != 1)
    fail_msg ("expected exit 1, got %d: %s%s", r->status, r->out, r->err);
  assert_contains (r->err, needle);
}

static int
setup_demo (void **state)
{
  Fixture *f;
  g_autoptr(Run) r = NULL;

  jc_test_db_file_setup (state);
  f = *state;
  r = run (f->path, "init", "--demo", NULL);
  assert_ok (r);
  return 0;
}

static int
setup_empty (void **state)
{
  Fixture *f;
  g_autoptr(Run) r = NULL;

  jc_test_db_file_setup (state);
  f = *state;
  r = run (f->path, "init", NULL);
  assert_ok (r);
  return 0;
}

/* The database is whole and still has its data. */
static void
assert_database_whole (const char *path)
{
  g_autofree char *name = jc_test_db_text (path, "SELECT name FROM items WHERE code = 'V001'");

  if (!jc_test_store_on_pg ())
    {
      /* the file's own check; on PostgreSQL wholeness is the server's */
      g_autofree char *check = jc_test_db_text (path, "PRAGMA integrity_check");

      assert_string_equal (check, "ok");
    }
  assert_non_null (name);
  assert_true (name[0] != '\0');
}

/* No hidden temporary file or “.part” file is left in `dir`. */
static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  assert_non_null (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (name[0] == '.' || strstr (name, ".part") != NULL)
      fail_msg ("a temporary file was left behind: %s", name);
}

static char *
read_text (const char *path)
{
  char *data = NULL;

  assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

typedef struct {
  const char *what;
  const char *args[10];    /* the command before the file option */
  const char *option;      /* "--pdf", "-o" */
  const char *suffix;      /* ".pdf" */
  const char *magic;       /* how the written file starts */
} Export;

static const Export exports[] = {
  { "plan-pdf", { "plan", "--date", DAY }, "--pdf", ".pdf", "%PDF" },
  { "plan-xlsx", { "plan", "--date", DAY }, "--xlsx", ".xlsx", "PK" },
  { "statement-pdf", { "statement", "--canteen", "CT01", "--month", "2026-11" }, "--pdf", ".pdf",
    "%PDF" },
  { "statement-xlsx", { "statement", "--canteen", "CT01", "--month", "2026-11" }, "--xlsx",
    ".xlsx", "PK" },
  { "report-csv", { "report", "--month", "2026-11" }, "--csv", ".csv", "item,category" },
  { "report-pdf", { "report", "--month", "2026-11" }, "--pdf", ".pdf", "%PDF" },
  { "report-xlsx", { "report", "--month", "2026-11" }, "--xlsx", ".xlsx", "PK" },
  { "deliver-pdf", { "deliver", "--date", DAY, "--iterations", "50" }, "--pdf", ".pdf", "%PDF" },
  { "template-xlsx", { "orders", "template", "--canteen", "CT01", "--date", "2026-12-08" }, "-o",
    ".xlsx", "PK" },
  { "template-csv", { "orders", "template", "--canteen", "CT01", "--date", "2026-12-08" }, "-o",
    ".csv", "\xEF\xBB\xBF" "canteen,date" },
};

/* Runs export `e` writing `target`, with --force when `force`. */
static Run *
run_export (Fixture      *f,
            const Export *e,
            const char   *target,
            gboolean      force)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  for (guint i = 0; e->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) e->args[i]);
  g_ptr_array_add (args, (gpointer) e->option);
  g_ptr_array_add (args, (gpointer) target);
  if (force)
    g_ptr_array_add (args, (gpointer) "--force");
  g_ptr_array_add (args, NULL);
  return run_argv (f->path, (const char *const *) args->pdata);
}

static void
test_exports (void **state)
{
  Fixture *f = *state;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      const Export *e = &exports[i];
      g_autofree char *name = g_strconcat (e->what, e->suffix, NULL);
      g_autofree char *target = g_build_filename (f->dir, name, NULL);
      g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", name, NULL);
      g_autofree char *text = NULL;

      print_message ("%s\n", e->what);
      /* the database, with and without --force, its -wal and -shm, and
       * another name for it (the form template takes only .xlsx and .csv
       * names, and refuses the others for that already) */
      {
        g_autofree char *alias_name = g_strconcat ("alias", e->suffix, NULL);
        g_autofree char *alias = g_build_filename (f->dir, alias_name, NULL);
        gboolean named = g_str_equal (e->option, "-o");
        const char *db_needle = named ? "must end in .xlsx or .csv" : "is the open database";
        g_autoptr(Run) plain = run_export (f, e, f->path, FALSE);
        g_autoptr(Run) forced = run_export (f, e, f->path, TRUE);
        g_autoptr(Run) to_wal = run_export (f, e, wal, TRUE);
        g_autoptr(Run) to_shm = run_export (f, e, shm, TRUE);
        g_autoptr(Run) to_alias = NULL;

        assert_int_equal (symlink (f->path, alias), 0);
        to_alias = run_export (f, e, alias, TRUE);
        g_unlink (alias);
        assert_refused (plain, db_needle);
        assert_refused (forced, db_needle);
        assert_refused (to_wal, db_needle);
        assert_refused (to_shm, db_needle);
        assert_refused (to_alias, "is the open database");
        assert_contains (to_alias->err, "Choose another file name");
        assert_database_whole (f->path);
      }
      /* a new file */
      {
        g_autoptr(Run) r = run_export (f, e, target, FALSE);

        assert_ok (r);
        text = read_text (target);
        assert_true (g_str_has_prefix (text, e->magic));
        g_clear_pointer (&text, g_free);
      }
      /* an existing file: refused without --force, left as it was */
      assert_true (g_file_set_contents (target, "mine", -1, NULL));
      {
        g_autoptr(Run) r = run_export (f, e, target, FALSE);

        assert_refused (r, "exists; pass --force to replace it");
        assert_contains (r->err, target);
        text = read_text (target);
        assert_string_equal (text, "mine");
        g_clear_pointer (&text, g_free);
      }
      /* … and replaced with it */
      {
        g_autoptr(Run) r = run_export (f, e, target, TRUE);

        assert_ok (r);
        text = read_text (target);
        assert_true (g_str_has_prefix (text, e->magic));
      }
      /* a folder that does not exist: refused, nothing left */
      {
        g_autoptr(Run) r = run_export (f, e, missing, TRUE);

        assert_refused (r, "No such file or directory");
      }
      assert_no_temp_files (f->dir);
      assert_database_whole (f->path);
    }
}

/* Two files in one command: the second refused, so neither is written. */
static void
test_all_checked_first (void **state)
{
  Fixture *f = *state;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(Run) r = NULL;

  assert_true (g_file_set_contents (pdf, "mine", -1, NULL));
  r = run (f->path, "report", "--month", "2026-11", "--csv", csv, "--pdf", pdf, NULL);
  assert_refused (r, "exists; pass --force to replace it");
  assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  assert_no_temp_files (f->dir);
}

/* ---- a stray quote in a price CSV ----------------------------------- */

static void
test_prices_stray_quote (void **state)
{
  Fixture *f = *state;
  const char *data = g_getenv ("JICAI_TEST_DATA");
  g_autofree char *bad = g_build_filename (data, "feeds", "xinfadi-veg-2013-2016-stray-quote.csv",
                                           NULL);
  g_autofree char *good = g_build_filename (data, "feeds", "xinfadi-veg-2013-2016-excerpt.csv",
                                            NULL);
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) log = NULL;
  g_autoptr(cJSON) rows = NULL;

  r = run (f->path, "prices", "import", bad, NULL);
  assert_refused (r, bad);
  assert_contains (r->err, "Line 6: a quote opens a field that never ends");
  assert_contains (r->err, "Nothing was imported");
  /* nothing of it: no price row */
  list = run (f->path, "prices", "list", "--json", NULL);
  assert_ok (list);
  rows = cJSON_Parse (list->out);
  assert_true (cJSON_IsArray (rows));
  assert_int_equal (cJSON_GetArraySize (rows), 0);

  /* the same file without the quote imports */
  log = run (f->path, "prices", "import", good, NULL);
  assert_ok (log);
}

/* The database given as the file to import is not opened outside SQLite
 * (closing it would drop the command's locks on it): refused, untouched. */
static void
test_import_database_refused (void **state)
{
  Fixture *f = *state;
  const char *const commands[][4] = {
    { "prices", "import", NULL },
    { "orders", "import", NULL },
    { "purchases", "record", NULL },
    { "deliver", "matrix", "import", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Run) r = NULL;

      for (guint k = 0; commands[i][k] != NULL; k++)
        g_ptr_array_add (args, (gpointer) commands[i][k]);
      g_ptr_array_add (args, f->path);
      g_ptr_array_add (args, NULL);
      r = run_argv (f->path, (const char *const *) args->pdata);
      assert_refused (r, "not a file to import");
    }
  /* nor as a file:// price source (curl would open it) */
  {
    g_autofree char *url = g_filename_to_uri (f->path, NULL, NULL);
    g_autoptr(Run) add = run (f->path, "sources", "add", "self", "--adapter", "csv", "--url", url,
                              NULL);
    g_autoptr(Run) fetch = NULL;

    assert_ok (add);
    fetch = run (f->path, "prices", "fetch", "--source", "self", NULL);
    assert_true (fetch->status != 0);
    assert_contains (fetch->err, "it is the open database, not a price feed");
  }
  {
    g_autoptr(Run) list = run (f->path, "catalog", "list", NULL);

    assert_ok (list);
  }
}

/* A folder, a pipe or a device given as the file to import is named as
 * such, at once (a pipe is never waited on), for every importer. */
static void
test_import_not_files (void **state)
{
  Fixture *f = *state;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.csv", NULL);
  const char *const commands[][4] = {
    { "prices", "import", NULL },
    { "orders", "import", NULL },
    { "purchases", "record", NULL },
    { "deliver", "matrix", "import", NULL },
  };
  const struct {
    const char *path;
    const char *kind;
  } inputs[] = {
    { f->dir, "is a folder, not " },
    { fifo, "is a pipe, not " },
    { "/dev/null", "is a device, not " },
  };

  assert_int_equal (mkfifo (fifo, 0600), 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    for (guint j = 0; j < G_N_ELEMENTS (inputs); j++)
      {
        g_autoptr(GPtrArray) args = g_ptr_array_new ();
        g_autoptr(Run) r = NULL;

        for (guint k = 0; commands[i][k] != NULL; k++)
          g_ptr_array_add (args, (gpointer) commands[i][k]);
        g_ptr_array_add (args, (gpointer) inputs[j].path);
        g_ptr_array_add (args, NULL);
        r = run_argv (f->path, (const char *const *) args->pdata);
        assert_refused (r, inputs[j].kind);
      }
}

int
main (void)
{
  const struct CMUnitTest demo_tests[] = {
    cmocka_unit_test (test_exports),
    cmocka_unit_test (test_all_checked_first),
  };
  const struct CMUnitTest empty_tests[] = {
    cmocka_unit_test_setup_teardown (test_prices_stray_quote, setup_empty,
                                     jc_test_db_file_teardown),
    cmocka_unit_test_setup_teardown (test_import_database_refused, setup_empty,
                                     jc_test_db_file_teardown),
    cmocka_unit_test_setup_teardown (test_import_not_files, setup_empty,
                                     jc_test_db_file_teardown),
  };
  int failed = 0;

  failed += cmocka_run_group_tests_name ("exports", demo_tests, setup_demo,
                                         jc_test_db_file_teardown);
  failed += cmocka_run_group_tests_name ("prices", empty_tests, NULL, NULL);
  return failed;
}
