/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed-package.c: what a USDA MARS package weighs when its text says
 * so ("40 lb cartons", "sacks 10 5-lb film bags").  A leaf: the cleaning
 * rules of jc-feed.c call it; it calls no feed code and reads no feed. */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib.h>
#include <string.h>

#include "jc-feed.h"

/* ---- packages ---- */

/* grams of one unit = num / den */
static const struct {
  const char *word;
  gint64      num;
  gint64      den;
} mass_words[] = {
  { "lb", 45359237, 100000 },          /* 0.45359237 kg exactly */
  { "lbs", 45359237, 100000 },
  { "pound", 45359237, 100000 },
  { "pounds", 45359237, 100000 },
  { "cwt", 45359237, 1000 },           /* hundredweight, 100 lb */
  { "oz", 45359237, 1600000 },         /* 1/16 lb */
  { "ounce", 45359237, 1600000 },
  { "ounces", 45359237, 1600000 },
  { "kg", 1000, 1 },
  { "kgs", 1000, 1 },
  { "kilo", 1000, 1 },
  { "kilos", 1000, 1 },
  { "kilogram", 1000, 1 },
  { "kilograms", 1000, 1 },
  { "g", 1, 1 },
  { "gram", 1, 1 },
  { "grams", 1, 1 },
};

static gboolean
read_digits (const char **pp,
             gint64      *out)
{
  const char *p = *pp;
  gint64 v = 0;
  int n = 0;

  while (g_ascii_isdigit (*p) && n < 9)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n == 0 || g_ascii_isdigit (*p))
    return FALSE;
  *pp = p;
  *out = v;
  return TRUE;
}

/* "40", "2.5", "4 1/2", "3/4" → num / den.  *integer: it was a plain
 * whole number (a count). */
static gboolean
read_number (const char **pp,
             gint64      *num,
             gint64      *den,
             gboolean    *integer)
{
  const char *p = *pp;
  gint64 a, b, c;

  if (!read_digits (&p, &a))
    return FALSE;
  *num = a;
  *den = 1;
  *integer = TRUE;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          if (*den >= 1000000)
            return FALSE;
          *num = *num * 10 + (*p - '0');
          *den *= 10;
          p++;
        }
      *integer = FALSE;
    }
  else if (*p == '/' && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_digits (&p, &b) || b == 0)
        return FALSE;
      *den = b;
      *integer = FALSE;
    }
  else if (*p == ' ' && g_ascii_isdigit (p[1]))
    {
      /* "4 1/2": only when a fraction follows, else it is "12 6-oz" */
      const char *q = p + 1;

      if (read_digits (&q, &b) && *q == '/' && g_ascii_isdigit (q[1]))
        {
          q++;
          if (!read_digits (&q, &c) || c == 0)
            return FALSE;
          *num = a * c + b;
          *den = c;
          *integer = FALSE;
          p = q;
        }
    }
  *pp = p;
  return TRUE;
}

/* After a number: " lb", "-lb", "lb", "lb." followed by a non-letter. */
static gboolean
read_mass_word (const char **pp,
                gint64      *num,
                gint64      *den)
{
  const char *p = *pp;
  const char *w;
  gsize n;

  if (*p == ' ' || *p == '-')
    p++;
  w = p;
  while (g_ascii_isalpha (*p))
    p++;
  n = p - w;
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (mass_words); i++)
    if (strlen (mass_words[i].word) == n && strncmp (mass_words[i].word, w, n) == 0)
      {
        if (*p == '.')
          p++;
        *num = mass_words[i].num;
        *den = mass_words[i].den;
        *pp = p;
        return TRUE;
      }
  return FALSE;
}

static gboolean
grams (gint64  count,
       gint64  num,
       gint64  den,
       gint64  unit_num,
       gint64  unit_den,
       gint64 *out)
{
  gint64 g;

  /* count × num/den × unit_num/unit_den, rounded half up once */
  if (!jc_mul_div_round (count * num, unit_num, den * unit_den, &g, NULL) || g <= 0)
    return FALSE;
  *out = g;
  return TRUE;
}

gboolean
jc_usda_package_to_kg_milli (const char *package,
                             gint64     *milli_kg)
{
  g_autofree char *text = NULL;
  const char *p;
  gint64 num, den, unum, uden;
  gboolean integer;

  g_return_val_if_fail (milli_kg != NULL, FALSE);

  *milli_kg = 0;
  if (package == NULL)
    return FALSE;
  text = g_strstrip (g_ascii_strdown (package, -1));
  p = text;
  if (g_str_has_prefix (p, "per "))
    p += 4;

  /* a bare unit: "lb", "cwt" */
  if (read_mass_word (&p, &unum, &uden) && *p == '\0')
    return grams (1, 1, 1, unum, uden, milli_kg);
  p = text;

  /* skip leading words: "sacks 10 5-lb film bags" */
  while (*p != '\0' && !g_ascii_isdigit (*p))
    {
      if (!g_ascii_isalpha (*p) && *p != ' ')
        return FALSE;
      p++;
    }
  if (!read_number (&p, &num, &den, &integer))
    return FALSE;
  /* "40 lb cartons", "5 kg/11 lb flats" (the first mass counts) */
  if (read_mass_word (&p, &unum, &uden))
    return grams (1, num, den, unum, uden, milli_kg);
  /* "10 5-lb film bags", "12 6-oz cups": a count of fixed sub-packs */
  if (integer && *p == ' ' && g_ascii_isdigit (p[1]))
    {
      gint64 count = num;

      p++;
      if (read_number (&p, &num, &den, &integer) && read_mass_word (&p, &unum, &uden))
        return grams (count, num, den, unum, uden, milli_kg);
    }
  return FALSE;
}

/* ---- reports ---- */
