/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-private.h: the table each engine of the driver layer fills (as
 * curl's vtls backends fill a `struct Curl_ssl`), and the parts of a
 * connection and a statement every engine shares.  For jc-db*.c only. */
#pragma once

#include "jc-db.h"

G_BEGIN_DECLS

typedef struct {
  JcDbEngine   engine;
  /* What jc_db_begin() runs. */
  const char  *begin_sql;

  JcDb       *(*open)           (const char     *location,
                                 JcDbOpenFlags   flags,
                                 GError        **error);
  void        (*close)          (JcDb           *db);
  JcDbStmt   *(*prepare)        (JcDb           *db,
                                 const char     *sql,
                                 GError        **error);
  void        (*stmt_free)      (JcDbStmt       *stmt);
  void        (*reset)          (JcDbStmt       *stmt);
  int         (*param_count)    (JcDbStmt       *stmt);
  void        (*bind_null)      (JcDbStmt       *stmt,
                                 int             i);
  void        (*bind_int64)     (JcDbStmt       *stmt,
                                 int             i,
                                 gint64          v);
  void        (*bind_text)      (JcDbStmt       *stmt,
                                 int             i,
                                 const char     *text);
  void        (*bind_double)    (JcDbStmt       *stmt,
                                 int             i,
                                 double          v);
  JcDbStep    (*step)           (JcDbStmt       *stmt,
                                 GError        **error);
  int         (*column_count)   (JcDbStmt       *stmt);
  gboolean    (*column_is_null) (JcDbStmt       *stmt,
                                 int             i);
  gint64      (*column_int64)   (JcDbStmt       *stmt,
                                 int             i);
  const char *(*column_text)    (JcDbStmt       *stmt,
                                 int             i);
  double      (*column_double)  (JcDbStmt       *stmt,
                                 int             i);
  gint64      (*changes)        (JcDb           *db);
  gboolean    (*exec)           (JcDb           *db,
                                 const char     *sql,
                                 GError        **error);
  gboolean    (*in_transaction) (JcDb           *db);
  int         (*server_version) (JcDb           *db);
} JcDbDriver;

/* The first member of each engine's connection. */
struct _JcDb {
  const JcDbDriver *driver;
  GHashTable       *stmts;  /* address of the SQL → JcDbStmt, prepared once */
};

/* The first member of each engine's statement. */
struct _JcDbStmt {
  JcDb *db;
};

extern const JcDbDriver _jc_db_sqlite_driver;
extern const JcDbDriver _jc_db_pg_driver;

/* Sets a JC_STORE_ERROR `code` with `what: detail`; FALSE. */
gboolean _jc_db_set_error (GError     **error,
                           int          code,
                           const char  *what,
                           const char  *detail);

/* TRUE when libpq can read the PostgreSQL `location`, else FALSE with
 * JC_STORE_ERROR_BAD_LOCATION naming it malformed. */
gboolean _jc_db_location_readable (const char  *location,
                                   GError     **error);

G_END_DECLS
