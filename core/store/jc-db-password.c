/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-password.c: the office database's passwords of this process, in
 * memory only (jc-db-password.h).  One table under a lock, since workers
 * open their connections on their own threads; the password of an explicit
 * jc_db_open_with_password() travels in a thread-local, so that another
 * thread's open never sees it.  It must not write, log or show a password,
 * nor know libpq beyond what jc-db-pg.c asks of it. */
#include "config.h"

#define G_LOG_DOMAIN "jc-db"

#include <string.h>

#include "jc-db-password.h"

static GMutex lock;
static GHashTable *passwords;  /* location → password */
static _Thread_local const char *opening_password;
static _Thread_local gboolean opening_with_password;

static void
free_password (gpointer data)
{
  char *password = data;

  /* not left behind in freed memory */
  memset (password, 0, strlen (password));
  g_free (password);
}

JcDb *
jc_db_open_with_password (const char     *location,
                          const char     *password,
                          JcDbOpenFlags   flags,
                          GError        **error)
{
  JcDb *db;

  g_return_val_if_fail (location != NULL, NULL);

  opening_password = password;
  opening_with_password = TRUE;
  db = jc_db_open (location, flags, error);
  opening_password = NULL;
  opening_with_password = FALSE;
  return db;
}

void
jc_db_set_password (const char *location,
                    const char *password)
{
  g_return_if_fail (location != NULL);

  g_mutex_lock (&lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_password);
  if (password != NULL)
    g_hash_table_insert (passwords, g_strdup (location), g_strdup (password));
  else
    g_hash_table_remove (passwords, location);
  g_mutex_unlock (&lock);
}

gboolean
jc_db_has_password (const char *location)
{
  gboolean has;

  g_mutex_lock (&lock);
  has = passwords != NULL && g_hash_table_contains (passwords, location);
  g_mutex_unlock (&lock);
  return has;
}

char *
_jc_db_password_for (const char *location)
{
  char *password = NULL;

  if (opening_with_password)
    return g_strdup (opening_password);
  g_mutex_lock (&lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, location));
  g_mutex_unlock (&lock);
  return password;
}
