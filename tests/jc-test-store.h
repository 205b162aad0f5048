/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-store.h: where a store suite keeps its database, on either
 * engine, and the raw checks a test makes beside the store.
 *
 * The engine is chosen once per run by the environment: SQLite unless
 * $JICAI_TEST_ENGINE is "postgresql", then the server of $JICAI_TEST_PG
 * (a libpq URI or `service=NAME`; tools/jicai-dev.sh test sets it inside a
 * throw-away pg_virtualenv cluster).  Each location is fresh and empty: an
 * SQLite file in a temporary folder, or a PostgreSQL schema of its own,
 * selected through the location itself (libpq `options=-csearch_path=…`),
 * so that every connection of the test — the store's, jicai-cli's, the raw
 * checks' — lands in it.  jc_test_store_location_free() drops it.
 *
 * The raw checks open a second connection through the driver layer
 * (jc-db.h), never sqlite3_* and never the store's own connection: what
 * they see is what the store committed.  They must not decide anything
 * about the store; a failed check fails the test with the SQL and the
 * engine's message. */
#pragma once

#include <glib.h>

#include "jc-test-util.h"

G_BEGIN_DECLS

/* TRUE when this run's locations are on PostgreSQL. */
gboolean jc_test_store_on_pg               (void);

/* Call first in main(): when PostgreSQL is asked ($JICAI_TEST_ENGINE) but
 * $JICAI_TEST_PG is not set, says so loudly on stderr and exits 77 (a
 * skip for meson), or 1 when $JICAI_REQUIRE_PG is "1" (.ci/run sets it).
 * `suite` names the suite in the message. */
void     jc_test_store_init                (const char *suite);

/* A fresh, empty database location for this test (see above).  Nothing
 * exists there yet on SQLite; on PostgreSQL the schema exists and is
 * empty.  Free it with jc_test_store_location_free(); what a test leaves
 * undropped (a failed test) is dropped when the process exits. */
char    *jc_test_store_location            (void);
/* The same in `dir`, a folder of the test's: on SQLite the file
 * `dir`/jicai.db (not yet created; jc_test_store_location_free() leaves the
 * folder to its owner), on PostgreSQL a fresh schema as above. */
char    *jc_test_store_location_in         (const char *dir);
/* Removes the database of `location` (the file's folder, or the schema
 * with everything in it) and frees the string.  NULL is ignored. */
void     jc_test_store_location_free       (char       *location);

/* The fixture of the suites whose every test starts with no database
 * (jc-test-util.h's JcTestDbFile): a fresh folder for the test's files and
 * `path`, the location of its database — dir/jicai.db on SQLite, as
 * jc_test_db_file_setup() gives, or a fresh schema on PostgreSQL. */
int      jc_test_store_setup               (void      **state);
int      jc_test_store_teardown            (void      **state);
#define jc_test_store_unit_test(fn)                                           \
  cmocka_unit_test_setup_teardown (fn, jc_test_store_setup, jc_test_store_teardown)

/* In a test that holds on SQLite only (a file's bytes, WAL, the online
 * backup, the VFS): on PostgreSQL says why and skips the test. */
#define jc_test_store_sqlite_only(why)                                        \
  G_STMT_START {                                                              \
    if (jc_test_store_on_pg ())                                               \
      {                                                                       \
        print_message ("SQLite only: %s\n", (why));                           \
        skip ();                                                              \
      }                                                                       \
  } G_STMT_END

/* The first column of the first row of `sql` as a number; the query must
 * return a row. */
gint64   jc_test_db_count                  (const char *location,
                                            const char *sql);
/* The first column of the first row of `sql` as text (NULL for SQL NULL);
 * the query must return a row.
 * Returns: (transfer full) (nullable): the text. */
char    *jc_test_db_text                   (const char *location,
                                            const char *sql);
/* Every row of `sql`, each column followed by "|" (NULL as "NULL"), each
 * row by "\n": what a test compares whole.
 * Returns: (transfer full): the rows. */
char    *jc_test_db_rows                   (const char *location,
                                            const char *sql);
/* Runs `sql` (no parameters, no rows); committed when it returns.  A
 * missing SQLite file is created, as the sqlite3 shell would.
 * Returns: the rows the statement changed (its last statement's, when
 * SQLite is given several). */
gint64   jc_test_db_exec                   (const char *location,
                                            const char *sql);
/* The names of the tables of the database, sorted, without SQLite's own.
 * Returns: (transfer full) (element-type utf8): the names. */
GPtrArray *jc_test_db_tables               (const char *location);

/* What a test compares to see that an operation left the database as it
 * was: on SQLite the file's bytes (nothing written at all), on PostgreSQL
 * every row of every table of the schema, each table's rows sorted.
 * Returns: (transfer full): the snapshot. */
GBytes    *jc_test_store_snapshot          (const char *location);

G_END_DECLS
