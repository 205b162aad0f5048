/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db.h: the driver layer under the store — one connection to SQLite or
 * to PostgreSQL behind the same few calls: open, prepare (SQL written with
 * `?` placeholders), bind, step, read columns, changes, exec, transactions,
 * and every engine error turned into a JC_STORE_ERROR code.
 *
 * Only the store (core/store/) and the tests include it.  It must not hold
 * SQL of the domain, decide anything, or paper over the engines' dialects:
 * the SQL text it is given runs as written (only `?` becomes `$n` on
 * PostgreSQL).  Where the dialects differ is the store's business
 * (docs/ARCHITECTURE.md, "The driver layer"). */
#pragma once

#include <glib.h>

#include "jc-db-location.h"

G_BEGIN_DECLS

typedef struct _JcDb     JcDb;
typedef struct _JcDbStmt JcDbStmt;

typedef enum {
  JC_DB_ENGINE_SQLITE,
  JC_DB_ENGINE_POSTGRESQL,
} JcDbEngine;

typedef enum {
  JC_DB_OPEN_DEFAULT = 0,
  JC_DB_OPEN_CREATE  = 1 << 0,  /* SQLite: create the file when missing */
} JcDbOpenFlags;

/* What jc_db_step() found. */
typedef enum {
  JC_DB_ROW,    /* a row is ready to be read */
  JC_DB_DONE,   /* no more rows: the statement ran to its end */
  JC_DB_ERROR,  /* failed; `error` says why */
} JcDbStep;

/* Opens `location`: a path is an SQLite file, a PostgreSQL URI or
 * `service=NAME` a connection (jc_db_location_kind()).  SQLite gets foreign
 * keys on, a busy timeout and extended result codes; PostgreSQL UTF-8 as
 * the client encoding.  Nothing else of the database is read or changed.
 * Returns: (transfer full): the connection, or NULL with `error` set. */
JcDb       *jc_db_open            (const char     *location,
                                   JcDbOpenFlags   flags,
                                   GError        **error);
void        jc_db_close           (JcDb           *db);
JcDbEngine  jc_db_get_engine      (JcDb           *db);
/* The engine's version: PostgreSQL's server as PQserverVersion() (150004
 * for 15.4), SQLite's library as sqlite3_libversion_number() (3040001). */
int         jc_db_server_version  (JcDb           *db);

/* A statement of `sql`, prepared once per connection and kept (the cache
 * is keyed by the address of `sql`, which must therefore be a string
 * that lives as long as the connection: a literal).  Reset and without
 * bindings on return.  The connection owns it.
 * Returns: (transfer none): the statement, or NULL with `error` set. */
JcDbStmt   *jc_db_prepare         (JcDb           *db,
                                   const char     *sql,
                                   GError        **error);
/* A statement of `sql` of its own, not cached (`sql` is copied): for
 * SQL made at run time.  Free it with jc_db_stmt_free() before closing
 * the connection. */
JcDbStmt   *jc_db_stmt_new        (JcDb           *db,
                                   const char     *sql,
                                   GError        **error);
void        jc_db_stmt_free       (JcDbStmt       *stmt);
/* Back to before the first step, bindings cleared. */
void        jc_db_reset           (JcDbStmt       *stmt);
int         jc_db_param_count     (JcDbStmt       *stmt);

/* Parameters count from 1, as in SQLite.  A text is copied; a NULL text
 * binds SQL NULL. */
void        jc_db_bind_null       (JcDbStmt       *stmt,
                                   int             i);
void        jc_db_bind_int64      (JcDbStmt       *stmt,
                                   int             i,
                                   gint64          v);
void        jc_db_bind_text       (JcDbStmt       *stmt,
                                   int             i,
                                   const char     *text);
void        jc_db_bind_double     (JcDbStmt       *stmt,
                                   int             i,
                                   double          v);

/* The next row, or the end.  After JC_DB_DONE, reset before running the
 * statement again (SQLite would run it again by itself, PostgreSQL not). */
JcDbStep    jc_db_step            (JcDbStmt       *stmt,
                                   GError        **error);

/* Columns of the current row count from 0.  A text is valid until the
 * next step or reset; NULL reads as NULL text, 0 and 0.0. */
int         jc_db_column_count    (JcDbStmt       *stmt);
gboolean    jc_db_column_is_null  (JcDbStmt       *stmt,
                                   int             i);
gint64      jc_db_column_int64    (JcDbStmt       *stmt,
                                   int             i);
const char *jc_db_column_text     (JcDbStmt       *stmt,
                                   int             i);
double      jc_db_column_double   (JcDbStmt       *stmt,
                                   int             i);

/* Rows changed by the last statement that ran to its end. */
gint64      jc_db_changes         (JcDb           *db);
/* Runs SQL without parameters or rows (several statements on SQLite). */
gboolean    jc_db_exec            (JcDb           *db,
                                   const char     *sql,
                                   GError        **error);
/* BEGIN IMMEDIATE on SQLite (writers queue on the busy timeout);
 * BEGIN ISOLATION LEVEL SERIALIZABLE on PostgreSQL (a conflict is
 * JC_STORE_ERROR_BUSY: run the unit again). */
gboolean    jc_db_begin           (JcDb           *db,
                                   GError        **error);
gboolean    jc_db_commit          (JcDb           *db,
                                   GError        **error);
/* Undoes the open transaction, if any. */
void        jc_db_rollback        (JcDb           *db);
gboolean    jc_db_in_transaction  (JcDb           *db);

/* Internal, for the PostgreSQL driver and its tests: `sql` with each `?`
 * outside string literals, quoted identifiers and comments numbered
 * `$1`…`$n`; the count in `out_n`. */
char       *_jc_db_number_placeholders (const char *sql,
                                        int        *out_n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDb, jc_db_close)

G_END_DECLS
