/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-cli.h: the helpers the CLI test files share (jc-test-cli.c).
 * The names are short on purpose: the tests read as the commands they run,
 * db (f, "catalog", "list", "--json", NULL).  Not for other suites. */
#pragma once

#include <cjson/cJSON.h>
#include <glib.h>

#include "jc-test-util.h"
#include "jc-prices.h"
#include "jc-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cJSON, cJSON_Delete)

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

void         run_free           (Run               *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* One test's folder and database; the fixture of setup()/setup_db():
 * `path` is the database's location on the engine of the run
 * (jc-test-store.h), in `dir` on SQLite. */
typedef JcTestDbFile Fixture;

#define FUTURE "2099-12-01"   /* long before its cutoff */
#define PAST "2020-01-06"     /* long after its cutoff */

/* Runs jicai-cli ($JICAI_CLI) with `args` in the C locale, without JICAI_DB
 * or JICAI_TODAY, stdin from /dev/null; `env` is NULL or "KEY=VALUE"
 * strings added to the environment. */
Run         *run_argv           (const char *const *env,
                                 const char *const *args);
/* run (env, "catalog", "list", NULL) */
Run         *run                (const char *const *env,
                                 const char        *first,
                                 ...) G_GNUC_NULL_TERMINATED;
/* db (f, "catalog", "list", NULL): with --db pointing at the fixture. */
Run         *db                 (Fixture           *f,
                                 const char        *first,
                                 ...) G_GNUC_NULL_TERMINATED;
/* dbe (f, env, "prices", "fetch", NULL): with --db and extra environment. */
Run         *dbe                (Fixture           *f,
                                 const char *const *env,
                                 const char        *first,
                                 ...) G_GNUC_NULL_TERMINATED;

guint        count_lines        (const char        *text);
/* Prints the run's status and both streams (on a failure). */
void         dump               (const Run         *r);
/* Exit 0 and nothing on stderr. */
void         assert_ok          (const Run         *r);
/* Exit 1 with exactly one line on stderr containing `expected`, and no
 * output. */
void         assert_failure     (const Run         *r,
                                 const char        *expected);
/* Exit 1 with a line on stderr containing `expected`, and no output. */
void         assert_refused     (const Run         *r,
                                 const char        *expected);
/* Exit 2: one line naming the problem, one pointing at --help. */
void         assert_usage       (const Run         *r,
                                 const char        *expected);

/* The run's stdout as JSON (the run must have succeeded); free it. */
cJSON       *parse_json         (const Run         *r);
cJSON       *find_by            (cJSON             *array,
                                 const char        *key,
                                 const char        *value);
const char  *json_str           (cJSON             *o,
                                 const char        *key);
double       json_num           (cJSON             *o,
                                 const char        *key);
gint64       json_int           (cJSON             *o,
                                 const char        *key);
gboolean     json_bool          (cJSON             *o,
                                 const char        *key);
guint        json_size          (cJSON             *array);
void         assert_json_null   (cJSON             *o,
                                 const char        *key);
/* The object has exactly these members, in this order. */
void         assert_keys        (cJSON             *o,
                                 const char *const *keys);
/* `KIND list --json --all` as JSON. */
cJSON       *list_json          (Fixture           *f,
                                 const char        *kind);

/* cmocka fixtures: a fresh folder and location (setup), and an initialised
 * database there (setup_db); teardown removes both. */
int          setup              (void             **state);
int          setup_db           (void             **state);
int          teardown           (void             **state);

/* Writes `len` bytes (-1: a string) to a file in the fixture's folder.
 * Returns: (transfer full): its path. */
char        *write_file         (Fixture           *f,
                                 const char        *name,
                                 const char        *data,
                                 gssize             len);
gint64       count_prices       (Fixture           *f);

void         add_sample_item    (Fixture           *f,
                                 const char        *code);
void         add_sample_canteen (Fixture           *f,
                                 const char        *code,
                                 const char        *name);
void         add_sample_vehicle (Fixture           *f,
                                 const char        *plate);
/* 大白菜 and 土豆 by weight (土豆 in 箱 of 20 kg, alias 马铃薯), 鸡蛋
 * counted (50 g each). */
void         add_price_catalog  (Fixture           *f);
/* The price catalog and two canteens, c01 and c02. */
void         add_order_world    (Fixture           *f);

/* A command that must be refused: its words after --db, and the message. */
typedef struct {
  const char *args[20];
  const char *expected;
} BadCase;

/* Each case fails with exit 1 and the one line `expected`, and the
 * database is what it was (jc_test_store_snapshot(): on SQLite the file
 * byte for byte). */
void         check_bad_cases    (Fixture           *f,
                                 const BadCase     *cases,
                                 guint              n);

/* A getPriceData answer as the Xinfadi API gives it: six records of
 * 2026-11-28 (see jc-test-cli.c). */
extern const char xinfadi_page[];
