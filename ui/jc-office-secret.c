/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-office-secret.c: the office database's password in libsecret
 * (jc-office-secret.h).  It must not write a password anywhere else, log
 * it, or put it in an error message. */
#include "config.h"

#define G_LOG_DOMAIN "jc-office-secret"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "jc-office-secret.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "org.jicai.OfficeDatabase", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

/* Copies: libsecret keeps the table (a reference, not a copy) until an
 * asynchronous call ends, after the caller's fields may be gone. */
static GHashTable *
attributes (const JcDbPgFields *fields)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (table, (gpointer) "host", g_strdup (fields->host));
  g_hash_table_insert (table, (gpointer) "port", g_strdup (fields->port));
  g_hash_table_insert (table, (gpointer) "database", g_strdup (fields->dbname));
  g_hash_table_insert (table, (gpointer) "user", g_strdup (fields->user));
  return table;
}

gboolean
jc_office_secret_store (const JcDbPgFields  *fields,
                        const char          *password,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (fields != NULL && password != NULL, FALSE);

  table = attributes (fields);
  /* TRANSLATORS: the keyring's name of a kept password: the user, the
   * database and the server */
  label = g_strdup_printf (_("Jicai office database %s on %s (user %s)"), fields->dbname,
                           fields->host, fields->user);
  return secret_password_storev_sync (get_schema (), table, SECRET_COLLECTION_DEFAULT, label,
                                      password, cancellable, error);
}

char *
jc_office_secret_lookup (const JcDbPgFields  *fields,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(GHashTable) table = NULL;

  g_return_val_if_fail (fields != NULL, NULL);

  table = attributes (fields);
  return secret_password_lookupv_sync (get_schema (), table, cancellable, error);
}

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, g_free);
}

void
jc_office_secret_lookup_async (const JcDbPgFields  *fields,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GHashTable) table = NULL;
  GTask *task;

  g_return_if_fail (fields != NULL);

  table = attributes (fields);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jc_office_secret_lookup_async);
  secret_password_lookupv (get_schema (), table, cancellable, on_lookup_cb, task);
}

char *
jc_office_secret_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
jc_office_secret_clear (const JcDbPgFields  *fields,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (fields != NULL, FALSE);

  table = attributes (fields);
  /* FALSE without an error: there was nothing to forget */
  if (!secret_password_clearv_sync (get_schema (), table, cancellable, &local_error) &&
      local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
