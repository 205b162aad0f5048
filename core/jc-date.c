/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-date.c: see jc-date.h. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-error.h"

/* `n` ASCII digits at `p` as a number, or -1. */
static int
read_digits (const char *p,
             int         n)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      v = v * 10 + (p[i] - '0');
    }
  return v;
}

gboolean
jc_date_parse (const char *text,
               GDate      *out)
{
  int y, m, d;

  if (out != NULL)
    g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  y = read_digits (text, 4);
  m = read_digits (text + 5, 2);
  d = read_digits (text + 8, 2);
  if (y < 1 || m < 1 || d < 1 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

gboolean
jc_date_is_valid (const char *text)
{
  return jc_date_parse (text, NULL);
}

gboolean
jc_date_check (const char  *field,
               const char  *date,
               GError     **error)
{
  const char *text = date != NULL ? date : "";

  if (jc_date_parse (date, NULL))
    return TRUE;
  if (field == NULL)
    g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                 _("“%s” is not a date (YYYY-MM-DD)"), text);
  else if (strcmp (field, "date") == 0)
    g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                 _("date: “%s” is not a date (YYYY-MM-DD)"), text);
  else
    g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                 _("%s: “%s” is not a date (YYYY-MM-DD)"), field, text);
  return FALSE;
}

void
jc_date_format (const GDate *date,
                char         out[JC_DATE_LEN])
{
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_snprintf (out, JC_DATE_LEN, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

gboolean
jc_date_shift (const char *date,
               int         days,
               char        out[JC_DATE_LEN])
{
  GDate d;
  guint32 julian;

  if (!jc_date_parse (date, &d))
    return FALSE;
  julian = g_date_get_julian (&d);
  if (days < 0 && (guint32) -(gint64) days >= julian)
    return FALSE;
  if (days > 0)
    g_date_add_days (&d, (guint) days);
  else if (days < 0)
    g_date_subtract_days (&d, (guint) -(gint64) days);
  if (!g_date_valid (&d) || g_date_get_year (&d) > 9999)
    return FALSE;
  jc_date_format (&d, out);
  return TRUE;
}

gboolean
jc_date_days_between (const char *from,
                      const char *to,
                      int        *out_days)
{
  GDate a, b;

  if (!jc_date_parse (from, &a) || !jc_date_parse (to, &b))
    return FALSE;
  if (out_days != NULL)
    *out_days = g_date_days_between (&a, &b);
  return TRUE;
}

gboolean
jc_date_get_month (const char *date,
                   char        out[JC_MONTH_LEN])
{
  if (!jc_date_is_valid (date))
    return FALSE;
  memcpy (out, date, 7);
  out[7] = '\0';
  return TRUE;
}

/* ---- today ---------------------------------------------------------------- */

gboolean
jc_date_today (GDate   *out,
               GError **error)
{
  const char *env = g_getenv ("JICAI_TODAY");
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (env != NULL && *env != '\0' && jc_date_parse (env, out))
    return TRUE;
  now = g_date_time_new_now_local ();
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  if (env != NULL && *env != '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("JICAI_TODAY: “%s” is not a date (YYYY-MM-DD)"), env);
      return FALSE;
    }
  return TRUE;
}

void
jc_date_today_string (char out[JC_DATE_LEN])
{
  GDate d;

  jc_date_today (&d, NULL);
  jc_date_format (&d, out);
}

/* ---- timestamps ------------------------------------------------------------ */

char *
jc_timestamp_format (GDateTime *at)
{
  g_autoptr(GDateTime) utc = at != NULL ? g_date_time_to_utc (at) : g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- months --------------------------------------------------------------- */

gboolean
jc_month_parse (const char *text,
                int        *out_year,
                int        *out_month)
{
  int y, m;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  y = read_digits (text, 4);
  m = read_digits (text + 5, 2);
  if (y < 1 || m < 1 || m > 12)
    return FALSE;
  if (out_year != NULL)
    *out_year = y;
  if (out_month != NULL)
    *out_month = m;
  return TRUE;
}

void
jc_month_format (int  year,
                 int  month,
                 char out[JC_MONTH_LEN])
{
  g_return_if_fail (year >= 1 && year <= 9999 && month >= 1 && month <= 12);

  g_snprintf (out, JC_MONTH_LEN, "%04d-%02d", year, month);
}

gboolean
jc_month_shift (const char *month,
                int         months,
                char        out[JC_MONTH_LEN])
{
  int y, m;
  gint64 total;

  if (!jc_month_parse (month, &y, &m))
    return FALSE;
  total = (gint64) y * 12 + (m - 1) + months;
  if (total < 12 || total >= (gint64) 10000 * 12)
    return FALSE;
  jc_month_format ((int) (total / 12), (int) (total % 12) + 1, out);
  return TRUE;
}

int
jc_month_get_n_days (const char *month)
{
  int y, m;

  if (!jc_month_parse (month, &y, &m))
    return 0;
  return g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y);
}

gboolean
jc_month_first_day (const char *month,
                    char        out[JC_DATE_LEN])
{
  if (!jc_month_parse (month, NULL, NULL))
    return FALSE;
  g_snprintf (out, JC_DATE_LEN, "%s-01", month);
  return TRUE;
}

gboolean
jc_month_last_day (const char *month,
                   char        out[JC_DATE_LEN])
{
  int n = jc_month_get_n_days (month);

  if (n == 0)
    return FALSE;
  g_snprintf (out, JC_DATE_LEN, "%.7s-%02d", month, n);
  return TRUE;
}
