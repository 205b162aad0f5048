/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-format.c: see jc-format.h.  Integer arithmetic only. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "jc-format.h"

const char *
jc_format_sign (gint64        value,
                JcFormatFlags flags)
{
  if (value < 0)
    return (flags & JC_FORMAT_TRUE_MINUS) ? "\u2212" : "-";
  if (value > 0 && (flags & JC_FORMAT_PLUS))
    return "+";
  return "";
}

/* |value| without overflow for G_MININT64. */
static guint64
magnitude (gint64 value)
{
  return value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
}

static void
append_grouped (GString    *s,
                const char *digits,
                gboolean    groups)
{
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (groups && i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
}

char *
jc_format_decimal_full (gint64        value,
                        int           scale,
                        int           min_decimals,
                        JcFormatFlags flags)
{
  guint64 mag, div = 1;
  char ip[24], frac[8];
  int len;
  GString *s;

  g_return_val_if_fail (scale >= 0 && scale <= 6, NULL);
  g_return_val_if_fail (min_decimals <= scale, NULL);

  for (int i = 0; i < scale; i++)
    div *= 10;
  mag = magnitude (value);
  g_snprintf (ip, sizeof ip, "%" G_GUINT64_FORMAT, mag / div);
  g_snprintf (frac, sizeof frac, "%0*" G_GUINT64_FORMAT, scale, mag % div);
  len = scale;
  while (len > min_decimals && frac[len - 1] == '0')
    len--;
  frac[len] = '\0';

  s = g_string_new (jc_format_sign (value, flags));
  if (flags & JC_FORMAT_YUAN)
    g_string_append (s, "¥");
  append_grouped (s, ip, (flags & JC_FORMAT_GROUPS) != 0);
  if (len > 0)
    {
      g_string_append_c (s, '.');
      g_string_append (s, frac);
    }
  return g_string_free (s, FALSE);
}

char *
jc_format_decimal (gint64 value,
                   int    scale,
                   int    min_decimals)
{
  return jc_format_decimal_full (value, scale, min_decimals, JC_FORMAT_NONE);
}

char *
jc_format_fen (gint64 fen)
{
  return jc_format_decimal (fen, 2, 2);
}

char *
jc_format_money (gint64        fen,
                 JcFormatFlags flags)
{
  return jc_format_decimal_full (fen, 2, 2, flags);
}

char *
jc_format_price (gint64 milliyuan)
{
  return jc_format_decimal (milliyuan, 3, 2);
}

char *
jc_format_qty (gint64 milli)
{
  return jc_format_decimal (milli, 3, 0);
}

char *
jc_format_qty_unit (gint64      milli,
                    const char *unit)
{
  g_autofree char *number = jc_format_qty (milli);

  return g_strdup_printf ("%s %s", number, unit != NULL ? unit : "");
}

char *
jc_format_km (gint64 metres)
{
  return jc_format_decimal ((metres + 50) / 100, 1, 1);
}

char *
jc_format_clock (gint64 seconds)
{
  gint64 m = (MAX (seconds, 0) + 30) / 60 % (24 * 60);

  return g_strdup_printf ("%02d:%02d", (int) (m / 60), (int) (m % 60));
}

/* change / base in hundredths of a percent, halves away from zero; FALSE
 * without a base. */
static gboolean
basis_points (gint64  change,
              gint64  base,
              gint64 *out)
{
  gint64 num, q, r;

  if (base == 0)
    return FALSE;
  if (ABS (change) > G_MAXINT64 / 10000)
    {
      /* beyond ±9.2 × 10^14 fen the ratio is rounded through a double */
      *out = (gint64) llround ((double) change / (double) base * 10000.0);
      return TRUE;
    }
  num = change * 10000;
  q = num / base;
  r = num % base;
  if (2 * ABS (r) >= ABS (base))
    q += (num < 0) != (base < 0) ? -1 : 1;
  *out = q;
  return TRUE;
}

static char *
format_bp (gint64        bp,
           JcFormatFlags flags)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT "%%",
                          jc_format_sign (bp, flags), ABS (bp) / 100, ABS (bp) % 100);
}

char *
jc_format_share_percent (gint64        part,
                         gint64        whole,
                         JcFormatFlags flags)
{
  gint64 bp;

  if (!basis_points (part, whole, &bp))
    return NULL;
  return format_bp (bp, flags);
}

char *
jc_format_percent (gint64        change,
                   gint64        base,
                   JcFormatFlags flags)
{
  gboolean negative = (change < 0) != (base < 0) && change != 0;
  const char *s = jc_format_sign (negative ? -1 : change != 0 ? 1 : 0, flags);
  gint64 bp, scale = 10000;

  if (!basis_points (change, base, &bp))
    return NULL;
  if (change == 0)
    return g_strdup ("0.00%");
  if (bp != 0)
    return format_bp (bp, flags);
  for (int decimals = 3; decimals <= 4; decimals++)
    {
      gint64 q, r, num;

      scale *= 10;
      if (ABS (change) > G_MAXINT64 / scale)
        break;
      num = ABS (change) * scale;
      q = num / ABS (base);
      r = num % ABS (base);
      if (2 * r >= ABS (base))
        q++;
      if (q != 0)
        {
          g_autofree char *digits = g_strdup_printf ("%0*" G_GINT64_FORMAT, decimals, q);

          return g_strdup_printf ("%s0.%s%%", s, digits);
        }
    }
  return g_strdup_printf ("%s<0.0001%%", s);
}

char *
jc_format_permille_percent (gint64        permille,
                            JcFormatFlags flags)
{
  g_autofree char *number = jc_format_decimal_full (permille, 1, 1,
                                                    flags & ~(JC_FORMAT_GROUPS | JC_FORMAT_YUAN));

  return g_strdup_printf ("%s%%", number);
}

gsize
jc_format_count_chars (const char *text)
{
  gsize n = 0;

  if (text == NULL)
    return 0;
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if ((*p & 0xC0) != 0x80)
      n++;
  return n;
}

char *
jc_format_quote_value (const char *text)
{
  /* JC_QUOTE_MAX_CHARS + 1 characters take at most this many bytes, and
   * g_utf8_make_valid() turns no byte into less than one character */
  const gsize window = (JC_QUOTE_MAX_CHARS + 1) * 4;
  gsize len = 0;
  g_autofree char *valid = NULL;

  if (text == NULL)
    return g_strdup ("");
  while (len <= window && text[len] != '\0')
    len++;
  valid = g_utf8_make_valid (text, MIN (len, window));
  if (len <= window && g_utf8_strlen (valid, -1) <= JC_QUOTE_MAX_CHARS)
    return g_steal_pointer (&valid);
  *g_utf8_offset_to_pointer (valid, JC_QUOTE_MAX_CHARS) = '\0';
  return g_strconcat (valid, "…", NULL);
}
