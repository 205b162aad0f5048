/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-roles-pg.h: who may do what on the office database — the
 * PostgreSQL group roles, GRANTs and row-level security an administrator
 * installs once per database after the baseline, the users of the office
 * (a login role each, mapped to a role and a canteen), who acted, and the
 * database's refusals as sentences a person understands.
 *
 * The _jc_store_pg_* calls take a JcDb (jc-db.h) and are for the store
 * and the tests; the jc_store_users_* calls are the ones jicai-cli uses.
 * None of it decides what a user may do: PostgreSQL does, with what
 * _jc_store_pg_install_roles() installed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JcDb JcDb;

/* One user of the office database, as `users list` shows it. */
typedef struct {
  char *name;     /* the PostgreSQL login */
  char *role;     /* "procurement", "canteen" or "reviewer" */
  char *canteen;  /* a canteen manager's canteen code, else "" */
} JcStoreUser;

void jc_store_user_free (JcStoreUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcStoreUser, jc_store_user_free)

/* The group roles of an office database are named PREFIX_procurement,
 * PREFIX_canteen, PREFIX_reviewer and PREFIX_backup; the prefix is
 * "jicai" (tests use one of their own: roles belong to the whole
 * cluster). */
#define JC_STORE_ROLE_PREFIX "jicai"

/* Installs (again: it is idempotent) the roles, GRANTs, the users table,
 * jicai_now() (created once: a redefinition by the administrator stays),
 * the cutoff guard, the actor stamps and the row-level security policies
 * in the current schema of `db`, which must hold the baseline.  Run by the
 * administrator (a superuser: BYPASSRLS needs one). */
gboolean     _jc_store_pg_install_roles          (JcDb        *db,
                                                  GError     **error);
gboolean     _jc_store_pg_install_roles_prefixed (JcDb        *db,
                                                  const char  *prefix,
                                                  GError     **error);

/* Adds a login `name` with `password` in the group of `role`
 * ("procurement", "canteen" with `canteen_code`, "reviewer") and its
 * mapping row, through the administrator's SECURITY DEFINER function:
 * procurement staff need no CREATEROLE.  A password of printable ASCII
 * travels as its SCRAM verifier, never as itself. */
gboolean     _jc_store_pg_user_add     (JcDb        *db,
                                        const char  *name,
                                        const char  *role,
                                        const char  *canteen_code,
                                        const char  *password,
                                        GError     **error);
/* The SCRAM-SHA-256 verifier PostgreSQL keeps for `password` (4096
 * iterations, `salt`), for CREATE ROLE … PASSWORD: _jc_store_pg_user_add()
 * sends it instead of an ASCII password. */
char        *_jc_store_pg_scram_verifier (const char   *password,
                                          const guint8 *salt,
                                          gsize         salt_len);
/* Drops the login of a user of the office (never another role). */
gboolean     _jc_store_pg_user_remove  (JcDb        *db,
                                        const char  *name,
                                        GError     **error);
/* Returns: (transfer full) (element-type JcStoreUser): the users by name. */
GPtrArray   *_jc_store_pg_user_list    (JcDb        *db,
                                        GError     **error);

/* The role of the connected user ("procurement", "canteen", "reviewer"),
 * NULL for a login that is no user of the office (the administrator). */
char        *_jc_store_pg_session_role (JcDb        *db);

/* Who acted, for the audit columns: on SQLite the login of this desk (as
 * before); on PostgreSQL the database user of the session
 * (`session_user`: the login that authenticated, whatever role a SECURITY
 * DEFINER function or SET ROLE runs as).  On PostgreSQL the database also
 * stamps it itself, by trigger, for every user of the office. */
char        *_jc_store_actor           (JcDb        *db);

/* A refusal of the office database (SQLSTATE 42501: a privilege, a
 * row-level security policy, the cutoff guard) as a sentence for the
 * person of `role` (NULL when unknown).  `sqlstate` may be NULL when only
 * the message is known (JC_STORE_ERROR_DENIED says it was a refusal).
 * Returns: (transfer full) (nullable): the sentence, NULL when `message`
 * is no refusal. */
char        *_jc_store_pg_denied_text  (const char  *sqlstate,
                                        const char  *message,
                                        const char  *role);

/* For jicai-cli until jc_store_open() opens the office database: each opens
 * `location` (a path is refused: roles need the office database,
 * JC_STORE_ERROR_UNSUPPORTED), runs the _jc_store_pg_* call, closes. */
gboolean     jc_store_users_setup      (const char  *location,
                                        GError     **error);
gboolean     jc_store_users_add        (const char  *location,
                                        const char  *name,
                                        const char  *role,
                                        const char  *canteen_code,
                                        const char  *password,
                                        GError     **error);
gboolean     jc_store_users_remove     (const char  *location,
                                        const char  *name,
                                        GError     **error);
GPtrArray   *jc_store_users_list       (const char  *location,
                                        GError     **error);

G_END_DECLS
