/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-roles-pg.c: the roles of the office database, enforced by
 * PostgreSQL itself (issue 14 items 3 and 7): the group roles and their
 * GRANTs, the users table (login → role, canteen), jicai_now() and the
 * cutoff guard of canteen managers, the row-level security policies, the
 * actor stamps of the audit columns, the SECURITY DEFINER functions that
 * add and remove users, and the refusals turned into sentences.
 *
 * It must not decide in C what a user may do (the database does, so that
 * no client can skip it), hold SQL of the domain's reads and writes (the
 * subject files do), or touch SQLite: on a file there are no roles. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "jc-db.h"
#include "jc-error.h"
#include "jc-store-roles-pg.h"

/* The SQL an administrator runs once per office database, after the
 * baseline.  @S@ is the schema (quoted), @P@ the prefix of the group roles
 * (checked: [a-z][a-z0-9_]*).  Every part may run again. */
static const char install_sql[] =
  /* -- the group roles: no login of their own; a person's login is a
   *    member of one of them.  BYPASSRLS is not inherited: pg_dump runs
   *    with --role=@P@_backup (docs/DEPLOYMENT.md). */
  "DO $do$ BEGIN"
  "  IF to_regclass('@S@.orders') IS NULL OR to_regclass('@S@.canteens') IS NULL THEN"
  "    RAISE EXCEPTION USING ERRCODE = '55000',"
  "      MESSAGE = 'the jicai baseline is not installed in this schema';"
  "  END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@P@_procurement') THEN"
  "    CREATE ROLE @P@_procurement NOLOGIN;"
  "  END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@P@_canteen') THEN"
  "    CREATE ROLE @P@_canteen NOLOGIN;"
  "  END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@P@_reviewer') THEN"
  "    CREATE ROLE @P@_reviewer NOLOGIN;"
  "  END IF;"
  "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '@P@_backup') THEN"
  "    CREATE ROLE @P@_backup NOLOGIN BYPASSRLS;"
  "  END IF;"
  "END $do$;"

  /* -- who is who: a login, its role, a canteen manager's canteen */
  "CREATE TABLE IF NOT EXISTS @S@.users ("
  "  name TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('procurement', 'canteen', 'reviewer')),"
  "  canteen_id BIGINT REFERENCES @S@.canteens (id),"
  "  CHECK ((role = 'canteen') = (canteen_id IS NOT NULL)));"

  /* -- the office's wall-clock time, in the zone of the administrator's
   *    session when installed.  Created once: the demo and the tests
   *    redefine it as the administrator, and installing again keeps that.
   *    No setting a client can change moves it (the function carries its
   *    own TimeZone). */
  "DO $do$ BEGIN"
  "  IF to_regprocedure('@S@.jicai_now()') IS NULL THEN"
  "    EXECUTE format('CREATE FUNCTION @S@.jicai_now () RETURNS timestamp LANGUAGE sql STABLE"
  "                    SET TimeZone = %L AS ''SELECT localtimestamp(0)''',"
  "                   current_setting('TimeZone'));"
  "  END IF;"
  "END $do$;"

  /* -- a login's role and canteen (none while the canteen is
   *    deactivated: its manager then reads and writes no rows of it).
   *    SECURITY DEFINER: nobody but procurement and reviewers reads the
   *    users table itself. */
  "CREATE OR REPLACE FUNCTION @S@.jicai_role_of (who name) RETURNS text"
  "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @S@, pg_temp"
  "  AS $fn$ SELECT role FROM @S@.users WHERE users.name = who $fn$;"
  "CREATE OR REPLACE FUNCTION @S@.jicai_canteen_of (who name) RETURNS bigint"
  "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = @S@, pg_temp"
  "  AS $fn$ SELECT u.canteen_id FROM @S@.users u JOIN @S@.canteens c ON c.id = u.canteen_id"
  "         WHERE u.name = who AND u.role = 'canteen' AND c.active = 1 $fn$;"

  /* -- the cutoff of a delivery date as jc_orders_cutoff_for() finds it:
   *    the one set for the date (procurement reopens a date by setting a
   *    later one), else the office's cutoff time (setting cutoff_time,
   *    14:00) on the last working day before it by the calendar */
  "CREATE OR REPLACE FUNCTION @S@.jicai_cutoff (d text) RETURNS timestamp"
  "  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "DECLARE"
  "  set_at text;"
  "  t text;"
  "  day date;"
  "  k text;"
  "BEGIN"
  "  SELECT cutoff_at INTO set_at FROM @S@.order_cutoffs WHERE delivery_date = d;"
  "  IF set_at IS NOT NULL THEN"
  "    RETURN to_timestamp(set_at, 'YYYY-MM-DD\"T\"HH24:MI')::timestamp;"
  "  END IF;"
  "  SELECT value INTO t FROM @S@.settings WHERE key = 'cutoff_time';"
  "  IF t IS NULL OR t !~ '^([01]?[0-9]|2[0-3]):[0-5][0-9]$' THEN"
  "    t := '14:00';"
  "  END IF;"
  "  day := d::date - 1;"
  "  FOR i IN 1 .. 64 LOOP"
  "    SELECT kind INTO k FROM @S@.calendar_entries WHERE date = to_char(day, 'YYYY-MM-DD');"
  "    IF k = 'workday' OR (k IS NULL AND extract(isodow FROM day) < 6) THEN"
  "      RETURN day + t::time;"
  "    END IF;"
  "    day := day - 1;"
  "  END LOOP;"
  "  RETURN (d::date - 1) + t::time;"
  "END $fn$;"

  /* -- the cutoff guard: a canteen manager writes an order, its lines or
   *    its history only before the cutoff of its delivery date */
  "CREATE OR REPLACE FUNCTION @S@.jicai_check_cutoff (d text) RETURNS void"
  "  LANGUAGE plpgsql STABLE SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "DECLARE"
  "  c timestamp;"
  "BEGIN"
  "  IF d IS NULL OR @S@.jicai_role_of (current_user) IS DISTINCT FROM 'canteen' THEN"
  "    RETURN;"
  "  END IF;"
  "  c := @S@.jicai_cutoff (d);"
  "  IF @S@.jicai_now () > c THEN"
  "    RAISE EXCEPTION USING ERRCODE = '42501',"
  "      MESSAGE = format('the order of %s is closed: its cutoff passed at %s', d,"
  "                       to_char(c, 'YYYY-MM-DD\"T\"HH24:MI'));"
  "  END IF;"
  "END $fn$;"
  "CREATE OR REPLACE FUNCTION @S@.jicai_guard_orders () RETURNS trigger"
  "  LANGUAGE plpgsql SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "BEGIN"
  "  IF TG_OP <> 'INSERT' THEN"
  "    PERFORM @S@.jicai_check_cutoff (OLD.delivery_date);"
  "  END IF;"
  "  IF TG_OP = 'DELETE' THEN"
  "    RETURN OLD;"
  "  END IF;"
  "  PERFORM @S@.jicai_check_cutoff (NEW.delivery_date);"
  "  RETURN NEW;"
  "END $fn$;"
  "CREATE OR REPLACE FUNCTION @S@.jicai_guard_order_rows () RETURNS trigger"
  "  LANGUAGE plpgsql SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "BEGIN"
  "  IF TG_OP <> 'INSERT' THEN"
  "    PERFORM @S@.jicai_check_cutoff ((SELECT delivery_date FROM @S@.orders WHERE id = OLD.order_id));"
  "  END IF;"
  "  IF TG_OP = 'DELETE' THEN"
  "    RETURN OLD;"
  "  END IF;"
  "  PERFORM @S@.jicai_check_cutoff ((SELECT delivery_date FROM @S@.orders WHERE id = NEW.order_id));"
  "  RETURN NEW;"
  "END $fn$;"
  "DROP TRIGGER IF EXISTS jicai_guard ON @S@.orders;"
  "CREATE TRIGGER jicai_guard BEFORE INSERT OR UPDATE OR DELETE ON @S@.orders"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_guard_orders ();"
  "DROP TRIGGER IF EXISTS jicai_guard ON @S@.order_lines;"
  "CREATE TRIGGER jicai_guard BEFORE INSERT OR UPDATE OR DELETE ON @S@.order_lines"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_guard_order_rows ();"
  "DROP TRIGGER IF EXISTS jicai_guard ON @S@.order_audit;"
  "CREATE TRIGGER jicai_guard BEFORE INSERT OR UPDATE OR DELETE ON @S@.order_audit"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_guard_order_rows ();"

  /* -- who acted: the column named by the trigger's first argument on
   *    insert (its second, when given, on an update that fills it) is the
   *    session's login for every user of the office, whatever the client
   *    wrote.  The administrator's own sessions (copying a database,
   *    restoring one) keep what they write. */
  "CREATE OR REPLACE FUNCTION @S@.jicai_stamp_actor () RETURNS trigger"
  "  LANGUAGE plpgsql SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "DECLARE"
  "  col text;"
  "BEGIN"
  "  IF @S@.jicai_role_of (session_user) IS NULL THEN"
  "    RETURN NEW;"
  "  END IF;"
  "  IF TG_OP = 'INSERT' THEN"
  "    col := TG_ARGV[0];"
  "  ELSIF TG_NARGS > 1 AND coalesce(to_jsonb(NEW) ->> TG_ARGV[1], '') <> '' THEN"
  "    col := TG_ARGV[1];"
  "  ELSE"
  "    RETURN NEW;"
  "  END IF;"
  "  NEW := jsonb_populate_record(NEW, jsonb_build_object(col, session_user::text));"
  "  RETURN NEW;"
  "END $fn$;"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.order_audit;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT ON @S@.order_audit"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('who');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.plan_audit;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT ON @S@.plan_audit"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('who');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.price_hold_audit;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT ON @S@.price_hold_audit"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('who');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.plans;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT ON @S@.plans"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('locked_by');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.purchases;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT OR UPDATE ON @S@.purchases"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('recorded_by', 'recorded_by');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.plan_supplements;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT OR UPDATE ON @S@.plan_supplements"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('added_by', 'recorded_by');"
  "DROP TRIGGER IF EXISTS jicai_actor ON @S@.delivery_plans;"
  "CREATE TRIGGER jicai_actor BEFORE INSERT OR UPDATE ON @S@.delivery_plans"
  "  FOR EACH ROW EXECUTE FUNCTION @S@.jicai_stamp_actor ('saved_by', 'saved_by');"

  /* -- adding and removing users: the administrator's functions, so that
   *    procurement needs no CREATEROLE.  Names are checked here, where
   *    they become SQL (format's %I and %L quote them too). */
  "CREATE OR REPLACE FUNCTION @S@.jicai_user_add (new_name text, new_role text,"
  "                                              canteen_code text, password text)"
  "  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "DECLARE"
  "  cid bigint;"
  "BEGIN"
  "  IF new_name IS NULL OR new_name !~ '^[a-z][a-z0-9_.-]{0,62}$' OR new_name LIKE 'pg\\_%'"
  "     OR new_name LIKE '@P@\\_%' THEN"
  "    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('bad user name %s', new_name);"
  "  END IF;"
  "  IF new_role IS NULL OR new_role NOT IN ('procurement', 'canteen', 'reviewer') THEN"
  "    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('bad role %s', new_role);"
  "  END IF;"
  "  IF new_role = 'canteen' THEN"
  "    SELECT id INTO cid FROM @S@.canteens WHERE code = canteen_code AND active = 1;"
  "    IF cid IS NULL THEN"
  "      RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = format('no active canteen %s', canteen_code);"
  "    END IF;"
  "  ELSIF coalesce(canteen_code, '') <> '' THEN"
  "    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'only canteen managers have a canteen';"
  "  END IF;"
  "  IF password IS NULL OR password = '' THEN"
  "    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a user needs a password';"
  "  END IF;"
  "  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_name) THEN"
  "    RAISE EXCEPTION USING ERRCODE = '23505', MESSAGE = format('a role %s exists', new_name);"
  "  END IF;"
  "  EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', new_name, password,"
  "                 '@P@_' || new_role);"
  "  INSERT INTO @S@.users (name, role, canteen_id) VALUES (new_name, new_role, cid);"
  "END $fn$;"
  "CREATE OR REPLACE FUNCTION @S@.jicai_user_remove (old_name text)"
  "  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = @S@, pg_temp"
  "  AS $fn$"
  "BEGIN"
  "  DELETE FROM @S@.users WHERE name = old_name;"
  "  IF NOT FOUND THEN"
  "    RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format('no user %s', old_name);"
  "  END IF;"
  "  EXECUTE format('DROP ROLE IF EXISTS %I', old_name);"
  "END $fn$;"
  "REVOKE ALL ON FUNCTION @S@.jicai_user_add (text, text, text, text) FROM PUBLIC;"
  "REVOKE ALL ON FUNCTION @S@.jicai_user_remove (text) FROM PUBLIC;"
  "GRANT EXECUTE ON FUNCTION @S@.jicai_user_add (text, text, text, text) TO @P@_procurement;"
  "GRANT EXECUTE ON FUNCTION @S@.jicai_user_remove (text) TO @P@_procurement;"

  /* -- GRANTs.  Procurement: every row of every table (not the users
   *    table, changed only through the functions above, nor the schema's
   *    version).  Reviewers and the backup role: read everything. */
  "GRANT USAGE ON SCHEMA @S@ TO @P@_procurement, @P@_canteen, @P@_reviewer, @P@_backup;"
  "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA @S@ TO @P@_procurement;"
  "REVOKE INSERT, UPDATE, DELETE ON @S@.users, @S@.schema_version FROM @P@_procurement;"
  "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA @S@ TO @P@_procurement;"
  "GRANT SELECT ON ALL TABLES IN SCHEMA @S@ TO @P@_reviewer, @P@_backup;"
  "GRANT SELECT ON ALL SEQUENCES IN SCHEMA @S@ TO @P@_reviewer, @P@_backup;"
  "ALTER DEFAULT PRIVILEGES IN SCHEMA @S@"
  "  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO @P@_procurement;"
  "ALTER DEFAULT PRIVILEGES IN SCHEMA @S@ GRANT USAGE, SELECT ON SEQUENCES TO @P@_procurement;"
  "ALTER DEFAULT PRIVILEGES IN SCHEMA @S@ GRANT SELECT ON TABLES TO @P@_reviewer, @P@_backup;"
  "ALTER DEFAULT PRIVILEGES IN SCHEMA @S@ GRANT SELECT ON SEQUENCES TO @P@_reviewer, @P@_backup;"
  /* Canteen managers: the catalog, the market prices (price sources
   * without their credentials), the settings, calendar and cutoffs that
   * make an order's cutoff, whether a date's plan is locked; their own
   * canteen, orders, lines and history (rows: the policies below); the
   * shares stored for their canteen when procurement locks (plan_shares,
   * plan_supplements); their own stop of each delivery.  Nothing else. */
  "GRANT SELECT ON @S@.schema_version, @S@.settings, @S@.categories, @S@.items,"
  "  @S@.item_aliases, @S@.prices, @S@.price_imports, @S@.calendar_entries,"
  "  @S@.order_cutoffs, @S@.plans, @S@.canteens, @S@.plan_shares, @S@.plan_supplements,"
  "  @S@.delivery_plans, @S@.delivery_stops, @S@.delivery_stop_lines TO @P@_canteen;"
  "GRANT SELECT (id, name, adapter, priority, enabled) ON @S@.price_sources TO @P@_canteen;"
  "GRANT SELECT, INSERT, UPDATE, DELETE ON @S@.orders, @S@.order_lines TO @P@_canteen;"
  "GRANT SELECT, INSERT ON @S@.order_audit TO @P@_canteen;"
  "DO $do$"
  "DECLARE"
  "  t text;"
  "  s text;"
  "BEGIN"
  "  FOREACH t IN ARRAY ARRAY['orders', 'order_lines', 'order_audit'] LOOP"
  "    s := pg_get_serial_sequence('@S@.' || t, 'id');"
  "    IF s IS NOT NULL THEN"
  "      EXECUTE format('GRANT USAGE ON SEQUENCE %s TO @P@_canteen', s);"
  "    END IF;"
  "  END LOOP;"
  "END $do$;"

  /* -- row-level security: procurement every row, reviewers every row to
   *    read, canteen managers their own canteen's (the backup role
   *    bypasses it; the administrator owns the tables) */
  "DO $do$"
  "DECLARE"
  "  t text;"
  "  mine text;"
  "  canteen_writes boolean;"
  "BEGIN"
  "  FOR t, mine, canteen_writes IN VALUES"
  "    ('orders', 'canteen_id = @S@.jicai_canteen_of (current_user)', true),"
  "    ('order_lines', 'order_id IN (SELECT o.id FROM @S@.orders o"
  "       WHERE o.canteen_id = @S@.jicai_canteen_of (current_user))', true),"
  "    ('order_audit', 'order_id IN (SELECT o.id FROM @S@.orders o"
  "       WHERE o.canteen_id = @S@.jicai_canteen_of (current_user))', true),"
  "    ('canteens', 'id = @S@.jicai_canteen_of (current_user)', false),"
  "    ('plan_shares', 'canteen_id = @S@.jicai_canteen_of (current_user)', false),"
  "    ('plan_supplements', 'canteen_id = @S@.jicai_canteen_of (current_user)', false),"
  "    ('delivery_stops', 'canteen_id = @S@.jicai_canteen_of (current_user)', false),"
  "    ('delivery_stop_lines', 'stop_id IN (SELECT s.id FROM @S@.delivery_stops s"
  "       WHERE s.canteen_id = @S@.jicai_canteen_of (current_user))', false)"
  "  LOOP"
  "    EXECUTE format('ALTER TABLE @S@.%I ENABLE ROW LEVEL SECURITY', t);"
  "    EXECUTE format('DROP POLICY IF EXISTS jicai_procurement ON @S@.%I', t);"
  "    EXECUTE format('CREATE POLICY jicai_procurement ON @S@.%I TO @P@_procurement"
  "                    USING (true) WITH CHECK (true)', t);"
  "    EXECUTE format('DROP POLICY IF EXISTS jicai_read_all ON @S@.%I', t);"
  "    EXECUTE format('CREATE POLICY jicai_read_all ON @S@.%I FOR SELECT"
  "                    TO @P@_reviewer, @P@_backup USING (true)', t);"
  "    EXECUTE format('DROP POLICY IF EXISTS jicai_canteen ON @S@.%I', t);"
  "    IF canteen_writes THEN"
  "      EXECUTE format('CREATE POLICY jicai_canteen ON @S@.%I TO @P@_canteen"
  "                      USING (%s) WITH CHECK (%s)', t, mine, mine);"
  "    ELSE"
  "      EXECUTE format('CREATE POLICY jicai_canteen ON @S@.%I FOR SELECT TO @P@_canteen"
  "                      USING (%s)', t, mine);"
  "    END IF;"
  "  END LOOP;"
  "END $do$;";

void
jc_store_user_free (JcStoreUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user->role);
  g_free (user->canteen);
  g_free (user);
}

static gboolean
require_pg (JcDb    *db,
            GError **error)
{
  if (jc_db_get_engine (db) == JC_DB_ENGINE_POSTGRESQL)
    return TRUE;
  g_set_error_literal (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED,
                       _("Users and roles need the office database (PostgreSQL); a database "
                         "file on this desk has none"));
  return FALSE;
}

static gboolean
prefix_is_valid (const char *prefix)
{
  if (prefix == NULL || !g_ascii_islower (prefix[0]) || strlen (prefix) > 40)
    return FALSE;
  for (const char *p = prefix; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* The first column of the first row of `sql` (no parameters), or NULL. */
static char *
query_text (JcDb        *db,
            const char  *sql,
            GError     **error)
{
  JcDbStmt *stmt = jc_db_prepare (db, sql, error);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  if (jc_db_step (stmt, error) == JC_DB_ROW)
    text = g_strdup (jc_db_column_text (stmt, 0));
  jc_db_reset (stmt);
  return text;
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

gboolean
_jc_store_pg_install_roles_prefixed (JcDb        *db,
                                     const char  *prefix,
                                     GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *with_schema = NULL;
  g_autofree char *sql = NULL;

  if (!require_pg (db, error))
    return FALSE;
  if (!prefix_is_valid (prefix))
    {
      g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_FAILED,
                   _("“%s” cannot prefix the names of roles (lowercase letters, digits, _)"),
                   prefix ? prefix : "");
      return FALSE;
    }
  schema = query_text (db, "SELECT quote_ident(current_schema())", &local);
  if (schema == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error_literal (error, JC_STORE_ERROR, JC_STORE_ERROR_FAILED,
                             _("The office database has no current schema to install the roles in"));
      return FALSE;
    }
  with_schema = replace_all (install_sql, "@S@", schema);
  sql = replace_all (with_schema, "@P@", prefix);
  if (!jc_db_begin (db, error))
    return FALSE;
  if (!jc_db_exec (db, sql, &local) || !jc_db_commit (db, &local))
    {
      jc_db_rollback (db);
      g_set_error (error, JC_STORE_ERROR, local->code, _("Could not install the roles: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_jc_store_pg_install_roles (JcDb    *db,
                            GError **error)
{
  return _jc_store_pg_install_roles_prefixed (db, JC_STORE_ROLE_PREFIX, error);
}

/* Runs one statement with text parameters in a transaction of its own
 * (or inside the caller's). */
static gboolean
run_texts (JcDb        *db,
           const char  *sql,
           const char  *what,
           GError     **error,
           guint        n,
           ...)
{
  g_autoptr(GError) local = NULL;
  gboolean own = !jc_db_in_transaction (db);
  JcDbStmt *stmt;
  va_list ap;

  if (own && !jc_db_begin (db, &local))
    goto fail;
  stmt = jc_db_prepare (db, sql, &local);
  if (stmt == NULL)
    goto fail;
  va_start (ap, n);
  for (guint i = 1; i <= n; i++)
    jc_db_bind_text (stmt, i, va_arg (ap, const char *));
  va_end (ap);
  while (TRUE)
    {
      JcDbStep step = jc_db_step (stmt, &local);

      if (step == JC_DB_ERROR)
        {
          jc_db_reset (stmt);
          goto fail;
        }
      if (step == JC_DB_DONE)
        break;
    }
  jc_db_reset (stmt);
  if (own && !jc_db_commit (db, &local))
    goto fail;
  return TRUE;

fail:
  if (own)
    jc_db_rollback (db);
  {
    g_autofree char *role = _jc_store_pg_session_role (db);
    g_autofree char *sentence = local->code == JC_STORE_ERROR_DENIED
                                ? _jc_store_pg_denied_text (NULL, local->message, role) : NULL;

    if (sentence != NULL)
      g_set_error_literal (error, JC_STORE_ERROR, JC_STORE_ERROR_DENIED, sentence);
    else
      g_set_error (error, JC_STORE_ERROR, local->code, "%s: %s", what, local->message);
  }
  return FALSE;
}

/* PBKDF2-HMAC-SHA-256, one block of 32 bytes (RFC 8018), as SCRAM's Hi(). */
static void
salted_password (const char   *password,
                 const guint8 *salt,
                 gsize         salt_len,
                 guint         iterations,
                 guint8        out[32])
{
  static const guint8 block1[4] = { 0, 0, 0, 1 };
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) password,
                                       strlen (password));
  guint8 u[32];
  gsize len = sizeof u;

  {
    g_autoptr(GHmac) h = g_hmac_copy (keyed);

    g_hmac_update (h, salt, salt_len);
    g_hmac_update (h, block1, sizeof block1);
    g_hmac_get_digest (h, u, &len);
  }
  memcpy (out, u, 32);
  for (guint i = 1; i < iterations; i++)
    {
      g_autoptr(GHmac) h = g_hmac_copy (keyed);

      g_hmac_update (h, u, sizeof u);
      len = sizeof u;
      g_hmac_get_digest (h, u, &len);
      for (guint j = 0; j < 32; j++)
        out[j] ^= u[j];
    }
}

static void
hmac_sha256 (const guint8 key[32],
             const char  *text,
             guint8       out[32])
{
  g_autoptr(GHmac) h = g_hmac_new (G_CHECKSUM_SHA256, key, 32);
  gsize len = 32;

  g_hmac_update (h, (const guchar *) text, strlen (text));
  g_hmac_get_digest (h, out, &len);
}

char *
_jc_store_pg_scram_verifier (const char   *password,
                             const guint8 *salt,
                             gsize         salt_len)
{
  guint8 salted[32], client_key[32], stored_key[32], server_key[32];
  gsize len = sizeof stored_key;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *salt64 = g_base64_encode (salt, salt_len);
  g_autofree char *stored64 = NULL;
  g_autofree char *server64 = NULL;

  salted_password (password, salt, salt_len, 4096, salted);
  hmac_sha256 (salted, "Client Key", client_key);
  g_checksum_update (sha, client_key, sizeof client_key);
  g_checksum_get_digest (sha, stored_key, &len);
  hmac_sha256 (salted, "Server Key", server_key);
  stored64 = g_base64_encode (stored_key, sizeof stored_key);
  server64 = g_base64_encode (server_key, sizeof server_key);
  memset (salted, 0, sizeof salted);
  memset (client_key, 0, sizeof client_key);
  return g_strdup_printf ("SCRAM-SHA-256$4096:%s$%s:%s", salt64, stored64, server64);
}

/* The password as the server will keep it: hashed here when that gives
 * the server's own result (SASLprep leaves printable ASCII as it is), so
 * that the password itself never reaches the server, its statement log or
 * its error log; other passwords go as typed and the server hashes them. */
static char *
password_to_send (const char *password)
{
  guint8 salt[16];

  for (const char *p = password; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return g_strdup (password);
  if (getrandom (salt, sizeof salt, 0) != (ssize_t) sizeof salt)
    return g_strdup (password);
  return _jc_store_pg_scram_verifier (password, salt, sizeof salt);
}

gboolean
_jc_store_pg_user_add (JcDb        *db,
                       const char  *name,
                       const char  *role,
                       const char  *canteen_code,
                       const char  *password,
                       GError     **error)
{
  g_autofree char *what = NULL;
  g_autofree char *sent = NULL;

  if (!require_pg (db, error))
    return FALSE;
  what = g_strdup_printf (_("Could not add the user “%s”"), name ? name : "");
  sent = password != NULL && *password != '\0' ? password_to_send (password) : g_strdup ("");
  return run_texts (db, "SELECT jicai_user_add (?, ?, ?, ?)", what, error, 4,
                    name, role, canteen_code ? canteen_code : "", sent);
}

gboolean
_jc_store_pg_user_remove (JcDb        *db,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *what = NULL;

  if (!require_pg (db, error))
    return FALSE;
  what = g_strdup_printf (_("Could not remove the user “%s”"), name ? name : "");
  return run_texts (db, "SELECT jicai_user_remove (?)", what, error, 1, name);
}

GPtrArray *
_jc_store_pg_user_list (JcDb    *db,
                        GError **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_store_user_free);
  g_autoptr(GError) local = NULL;
  JcDbStmt *stmt;
  JcDbStep step;

  if (!require_pg (db, error))
    return NULL;
  stmt = jc_db_prepare (db,
    "SELECT u.name, u.role, COALESCE(c.code, '') FROM users u "
    "LEFT JOIN canteens c ON c.id = u.canteen_id ORDER BY u.name", &local);
  while (stmt != NULL && (step = jc_db_step (stmt, &local)) == JC_DB_ROW)
    {
      JcStoreUser *u = g_new0 (JcStoreUser, 1);

      u->name = g_strdup (jc_db_column_text (stmt, 0));
      u->role = g_strdup (jc_db_column_text (stmt, 1));
      u->canteen = g_strdup (jc_db_column_text (stmt, 2));
      g_ptr_array_add (users, u);
    }
  if (stmt != NULL)
    jc_db_reset (stmt);
  if (local != NULL)
    {
      g_autofree char *role = _jc_store_pg_session_role (db);
      g_autofree char *sentence = local->code == JC_STORE_ERROR_DENIED
                                  ? _jc_store_pg_denied_text (NULL, local->message, role) : NULL;

      if (sentence != NULL)
        g_set_error_literal (error, JC_STORE_ERROR, JC_STORE_ERROR_DENIED, sentence);
      else
        g_set_error (error, JC_STORE_ERROR, local->code, _("Could not read the users: %s"),
                     local->message);
      return NULL;
    }
  return g_steal_pointer (&users);
}

char *
_jc_store_pg_session_role (JcDb *db)
{
  if (jc_db_get_engine (db) != JC_DB_ENGINE_POSTGRESQL || jc_db_in_transaction (db))
    return NULL;   /* inside a failed transaction every statement fails */
  return query_text (db, "SELECT jicai_role_of (current_user)", NULL);
}

char *
_jc_store_actor (JcDb *db)
{
  char *who = NULL;

  if (jc_db_get_engine (db) == JC_DB_ENGINE_POSTGRESQL)
    who = query_text (db, "SELECT session_user", NULL);
  return who != NULL ? who : g_strdup (g_get_user_name ());
}

/* The cutoff guard's own message: "the order of DATE is closed: its cutoff
 * passed at YYYY-MM-DDTHH:MM". */
static char *
cutoff_sentence (const char *message)
{
  const char *p = strstr (message, "the order of ");
  char date[11], day[11], time[6];

  if (p == NULL ||
      sscanf (p, "the order of %10[0-9-] is closed: its cutoff passed at %10[0-9-]T%5[0-9:]",
              date, day, time) != 3)
    return NULL;
  /* TRANSLATORS: the delivery date, the time of the cutoff, its day */
  return g_strdup_printf (_("The order of %s is closed: its cutoff passed at %s on %s"),
                          date, time, day);
}

char *
_jc_store_pg_denied_text (const char *sqlstate,
                          const char *message,
                          const char *role)
{
  char *cutoff;

  if (message == NULL || (sqlstate != NULL && !g_str_equal (sqlstate, "42501")))
    return NULL;
  cutoff = cutoff_sentence (message);
  if (cutoff != NULL)
    return cutoff;
  if (strstr (message, "permission denied") == NULL &&
      strstr (message, "row-level security") == NULL && strstr (message, "must be owner") == NULL)
    return NULL;
  if (strstr (message, "jicai_user_") != NULL)
    return g_strdup (_("Only procurement staff can add or remove users"));
  if (g_strcmp0 (role, "reviewer") == 0)
    return g_strdup (_("Reviewers can read but not change anything"));
  if (g_strcmp0 (role, "canteen") == 0)
    {
      if (strstr (message, "row-level security") != NULL)
        return g_strdup (_("Canteen managers can change only their own canteen's orders"));
      return g_strdup (_("Canteen managers can change only their own canteen's orders; the "
                         "catalog, prices, plans, purchases and vehicles are procurement's"));
    }
  if (g_strcmp0 (role, "procurement") == 0)
    return g_strdup (_("Only the administrator of the office database can change this"));
  return g_strdup (_("This database user has no role in jicai; ask the administrator of the "
                     "office database to add it with “jicai-cli users add”"));
}

/* The one place jicai-cli opens the office database for users until
 * jc_store_open() does. */
static JcDb *
open_office (const char  *location,
             GError     **error)
{
  if (jc_db_location_kind (location) != JC_DB_LOCATION_POSTGRESQL)
    {
      g_set_error_literal (error, JC_STORE_ERROR, JC_STORE_ERROR_UNSUPPORTED,
                           _("Users and roles need the office database (PostgreSQL); a database "
                             "file on this desk has none"));
      return NULL;
    }
  return jc_db_open (location, JC_DB_OPEN_DEFAULT, error);
}

gboolean
jc_store_users_setup (const char  *location,
                      GError     **error)
{
  g_autoptr(JcDb) db = open_office (location, error);

  return db != NULL && _jc_store_pg_install_roles (db, error);
}

gboolean
jc_store_users_add (const char  *location,
                    const char  *name,
                    const char  *role,
                    const char  *canteen_code,
                    const char  *password,
                    GError     **error)
{
  g_autoptr(JcDb) db = open_office (location, error);

  return db != NULL && _jc_store_pg_user_add (db, name, role, canteen_code, password, error);
}

gboolean
jc_store_users_remove (const char  *location,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(JcDb) db = open_office (location, error);

  return db != NULL && _jc_store_pg_user_remove (db, name, error);
}

GPtrArray *
jc_store_users_list (const char  *location,
                     GError     **error)
{
  g_autoptr(JcDb) db = open_office (location, error);

  return db != NULL ? _jc_store_pg_user_list (db, error) : NULL;
}
