/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-db-uri.c: the office database's location from typed fields and back
 * (jc-db-uri.h).  Percent-encoding is done here by hand, byte by byte:
 * GUri leaves `:` and sub-delimiters in the user information, which libpq
 * would read as the start of a password.  It must not connect, link libpq
 * or carry a password. */
#include "config.h"

#define G_LOG_DOMAIN "jc-db-uri"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "jc-db-uri.h"
#include "jc-error.h"

static const char *const sslmodes[] = { "prefer", "require", "verify-full", NULL };

const char * const *
jc_db_pg_sslmodes (void)
{
  return sslmodes;
}

void
jc_db_pg_fields_free (JcDbPgFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->host);
  g_free (fields->port);
  g_free (fields->dbname);
  g_free (fields->user);
  g_free (fields->sslmode);
  g_free (fields);
}

/* `text` percent-encoded; `also` names characters kept as they are (an
 * IPv6 address's colons inside its brackets). */
static void
append_encoded (GString    *out,
                const char *text,
                const char *also)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
        (also != NULL && strchr (also, *p) != NULL))
      g_string_append_c (out, (char) *p);
    else
      g_string_append_printf (out, "%%%02X", *p);
}

static gboolean
has_control (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* `text` without leading and trailing blanks, or NULL with `error` set
 * when nothing is left or it holds a control character or is not UTF-8. */
static char *
field_text (const char  *text,
            JcField      field,
            const char  *name,
            GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*s == '\0')
    {
      /* TRANSLATORS: %s is a field of the connection: "Host", "Database" … */
      g_set_error (error, JC_VALIDATE_ERROR, field, _("%s is empty: fill it in"), name);
      return NULL;
    }
  if (!g_utf8_validate (s, -1, NULL) || has_control (s))
    {
      g_set_error (error, JC_VALIDATE_ERROR, field,
                   _("%s holds a character that cannot be part of a connection"), name);
      return NULL;
    }
  return g_steal_pointer (&s);
}

/* An IPv6 address: hexadecimal digits and colons (an IPv4 tail may have
 * dots), with an optional zone after `%`. */
static gboolean
is_ipv6 (const char *host)
{
  const char *p = host;
  guint colons = 0;

  for (; *p != '\0' && *p != '%'; p++)
    {
      if (*p == ':')
        colons++;
      else if (!g_ascii_isxdigit (*p) && *p != '.')
        return FALSE;
    }
  if (*p == '%')
    {
      if (p[1] == '\0')
        return FALSE;
      for (p++; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
          return FALSE;
    }
  return colons >= 2;
}

char *
jc_db_location_build_pg (const char  *host,
                         const char  *port,
                         const char  *dbname,
                         const char  *user,
                         const char  *sslmode,
                         GError     **error)
{
  g_autofree char *h = NULL, *p = NULL, *d = NULL, *u = NULL;
  const char *mode = sslmode != NULL && *sslmode != '\0' ? sslmode : "prefer";
  gboolean ipv6 = FALSE;
  guint64 port_number = 0;
  GString *out;

  h = field_text (host, JC_FIELD_HOST, _("Host"), error);
  if (h == NULL)
    return NULL;
  /* an IPv6 address typed in brackets, as in a URI */
  if (h[0] == '[' && h[strlen (h) - 1] == ']')
    {
      char *inner = g_strndup (h + 1, strlen (h) - 2);

      g_free (h);
      h = inner;
      if (!is_ipv6 (h))
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_HOST,
                       _("Host “[%s]” is not an IPv6 address"), h);
          return NULL;
        }
    }
  if (strpbrk (h, " \t,[]") != NULL)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_HOST,
                   _("Host “%s” is not a server name or address: it may not hold blanks, "
                     "commas or brackets"), h);
      return NULL;
    }
  if (strchr (h, ':') != NULL)
    {
      if (!is_ipv6 (h))
        {
          g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_HOST,
                       _("Host “%s” is not a server name or address (give the port in its "
                         "own field)"), h);
          return NULL;
        }
      ipv6 = TRUE;
    }

  p = field_text (port, JC_FIELD_PORT, _("Port"), error);
  if (p == NULL)
    return NULL;
  if (!g_ascii_string_to_unsigned (p, 10, 1, 65535, &port_number, NULL))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_PORT,
                   _("Port “%s” is not a number from 1 to 65535"), p);
      return NULL;
    }

  d = field_text (dbname, JC_FIELD_DATABASE, _("Database"), error);
  if (d == NULL)
    return NULL;
  u = field_text (user, JC_FIELD_USER, _("User"), error);
  if (u == NULL)
    return NULL;
  if (!g_strv_contains (sslmodes, mode))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_SSLMODE,
                   _("Encryption “%s” is not one of prefer, require, verify-full"), mode);
      return NULL;
    }

  out = g_string_new ("postgresql://");
  append_encoded (out, u, NULL);
  g_string_append_c (out, '@');
  if (ipv6)
    g_string_append_c (out, '[');
  append_encoded (out, h, ipv6 ? ":" : NULL);
  if (ipv6)
    g_string_append_c (out, ']');
  g_string_append_printf (out, ":%" G_GUINT64_FORMAT "/", port_number);
  append_encoded (out, d, NULL);
  g_string_append_printf (out, "?sslmode=%s", mode);
  return g_string_free (out, FALSE);
}

/* ---- taking one apart ------------------------------------------------- */

static char *
decode (const char *start,
        gsize       len)
{
  g_autofree char *raw = g_strndup (start, len);
  char *text = g_uri_unescape_string (raw, NULL);

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL) || has_control (text))
    {
      g_free (text);
      return NULL;
    }
  return text;
}

JcDbPgFields *
jc_db_location_split_pg (const char *location)
{
  g_autoptr(JcDbPgFields) fields = NULL;
  const char *p, *at, *slash, *query, *host_end, *port_start;
  guint64 port_number;

  g_return_val_if_fail (location != NULL, NULL);

  if (g_ascii_strncasecmp (location, "postgresql://", strlen ("postgresql://")) == 0)
    p = location + strlen ("postgresql://");
  else if (g_ascii_strncasecmp (location, "postgres://", strlen ("postgres://")) == 0)
    p = location + strlen ("postgres://");
  else
    return NULL;

  fields = g_new0 (JcDbPgFields, 1);
  slash = strchr (p, '/');
  if (slash == NULL)
    return NULL;
  at = memchr (p, '@', slash - p);
  /* a user, and no password (no `:` before the `@`) */
  if (at == NULL || memchr (p, ':', at - p) != NULL)
    return NULL;
  fields->user = decode (p, at - p);
  p = at + 1;
  if (*p == '[')
    {
      host_end = memchr (p, ']', slash - p);
      if (host_end == NULL)
        return NULL;
      fields->host = decode (p + 1, host_end - p - 1);
      port_start = host_end + 1;
    }
  else
    {
      host_end = memchr (p, ':', slash - p);
      if (host_end == NULL)
        host_end = slash;
      fields->host = decode (p, host_end - p);
      port_start = host_end;
    }
  if (port_start == slash)
    fields->port = g_strdup ("5432");
  else if (*port_start == ':')
    {
      g_autofree char *text = g_strndup (port_start + 1, slash - port_start - 1);

      if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port_number, NULL))
        return NULL;
      fields->port = g_strdup_printf ("%" G_GUINT64_FORMAT, port_number);
    }
  else
    return NULL;

  query = strchr (slash, '?');
  fields->dbname = decode (slash + 1, (query != NULL ? query : slash + strlen (slash)) - slash - 1);
  if (query == NULL || query[1] == '\0')
    fields->sslmode = g_strdup ("prefer");
  else if (g_str_has_prefix (query + 1, "sslmode=") &&
           g_strv_contains (sslmodes, query + 1 + strlen ("sslmode=")))
    fields->sslmode = g_strdup (query + 1 + strlen ("sslmode="));
  else
    return NULL;

  if (fields->user == NULL || fields->host == NULL || fields->dbname == NULL)
    return NULL;
  return g_steal_pointer (&fields);
}
