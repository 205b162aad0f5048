/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-units"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "jc-error.h"
#include "jc-format.h"
#include "jc-units.h"

const char *
jc_base_unit_to_string (JcBaseUnit unit)
{
  switch (unit)
    {
    case JC_BASE_UNIT_KG: return "kg";
    case JC_BASE_UNIT_PIECE: return "piece";
    case JC_BASE_UNIT_L: return "L";
    default: g_return_val_if_reached ("kg");
    }
}

/* The unit as a Chinese user writes it on an order. */
const char *
jc_base_unit_to_display (JcBaseUnit unit)
{
  switch (unit)
    {
    case JC_BASE_UNIT_KG: return "kg";
    case JC_BASE_UNIT_PIECE: return "个";
    case JC_BASE_UNIT_L: return "L";
    default: g_return_val_if_reached ("kg");
    }
}

gboolean
jc_base_unit_from_string (const char *text,
                          JcBaseUnit *out)
{
  if (text == NULL)
    return FALSE;
  if (g_str_equal (text, "kg") || g_str_equal (text, "公斤") || g_str_equal (text, "千克"))
    *out = JC_BASE_UNIT_KG;
  else if (g_str_equal (text, "piece") || g_str_equal (text, "个"))
    *out = JC_BASE_UNIT_PIECE;
  else if (g_str_equal (text, "L") || g_str_equal (text, "l") || g_str_equal (text, "升"))
    *out = JC_BASE_UNIT_L;
  else
    return FALSE;
  return TRUE;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW,
                       _("the value is too large"));
  return FALSE;
}

/* round_half_up (a × b / den), halves away from zero; den > 0. */
gboolean
jc_mul_div_round (gint64   a,
                  gint64   b,
                  gint64   den,
                  gint64  *out,
                  GError **error)
{
  __int128 p, q, r;
  gboolean neg;

  g_return_val_if_fail (den > 0, FALSE);

  p = (__int128) a * (__int128) b;
  neg = p < 0;
  if (neg)
    p = -p;
  q = p / den;
  r = p % den;
  if (r * 2 >= den)
    q += 1;
  if (neg)
    q = -q;
  if (q > G_MAXINT64 || q < -G_MAXINT64)
    return set_overflow (error);
  *out = (gint64) q;
  return TRUE;
}

/* DESIGN.md: line cost in fen = round_half_up (qty_milli × price_milliyuan / 10000). */
gboolean
jc_line_cost_fen (gint64   qty_milli,
                  gint64   price_milliyuan,
                  gint64  *out_fen,
                  GError **error)
{
  return jc_mul_div_round (qty_milli, price_milliyuan, 10000, out_fen, error);
}

gboolean
jc_checked_add (gint64   a,
                gint64   b,
                gint64  *out,
                GError **error)
{
  gint64 r;

  if (__builtin_add_overflow (a, b, &r))
    return set_overflow (error);
  *out = r;
  return TRUE;
}

static const gint64 pow10_table[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* Parses a plain decimal ("3", "3.2", "-0.125", " 12.50 ") exactly, as the
 * integer of its digits over a power of ten.  No exponents, no thousands
 * separators, no unit text.  Trailing zeros after the point change nothing
 * ("1.5000000000" is 1.5); a nonzero digit beyond the ninth decimal is
 * refused with JC_UNITS_ERROR_TOO_PRECISE, a value whose digits do not fit
 * in 64 bits with JC_UNITS_ERROR_OVERFLOW. */
gboolean
jc_decimal_parse (const char *text,
                  JcDecimal  *out,
                  GError    **error)
{
  const char *p;
  const char *frac = NULL;
  gboolean neg = FALSE;
  gboolean any_digit = FALSE;
  __int128 value = 0;
  int n_frac = 0;
  int decimals = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    text = "";
  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+' || *p == '-')
    {
      neg = *p == '-';
      p++;
    }
  for (; g_ascii_isdigit (*p); p++)
    {
      any_digit = TRUE;
      value = value * 10 + (*p - '0');
      if (value > G_MAXINT64)
        return set_overflow (error);
    }
  if (*p == '.')
    {
      p++;
      frac = p;
      for (; g_ascii_isdigit (*p); p++)
        {
          any_digit = TRUE;
          n_frac++;
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (!any_digit || *p != '\0')
    {
      g_autofree char *v = jc_format_quote_value (text);

      g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_INVALID_NUMBER,
                   _("“%s” is not a number"), v);
      return FALSE;
    }
  /* the decimals that matter: trailing zeros do not */
  while (n_frac > 0 && frac[n_frac - 1] == '0')
    n_frac--;
  if (n_frac > JC_DECIMAL_MAX_DECIMALS)
    {
      g_autofree char *v = jc_format_quote_value (text);

      g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE,
                   ngettext ("“%s” has more than %d decimal", "“%s” has more than %d decimals",
                             JC_DECIMAL_MAX_DECIMALS),
                   v, JC_DECIMAL_MAX_DECIMALS);
      return FALSE;
    }
  for (decimals = 0; decimals < n_frac; decimals++)
    {
      value = value * 10 + (frac[decimals] - '0');
      if (value > G_MAXINT64)
        return set_overflow (error);
    }
  out->num = neg ? -(gint64) value : (gint64) value;
  out->decimals = decimals;
  return TRUE;
}

/* round_half_up (value × 10^scale × mul / div), halves away from zero, in
 * one step on 128-bit integers; refuses a result beyond 64 bits (or an
 * intermediate beyond 128) with JC_UNITS_ERROR_OVERFLOW.  mul ≥ 0, div > 0,
 * 0 ≤ scale ≤ 9. */
gboolean
jc_decimal_scale (const JcDecimal *value,
                  int              scale,
                  gint64           mul,
                  gint64           div,
                  gint64          *out,
                  GError         **error)
{
  __int128 n, d, q, r;
  gboolean neg;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (value->decimals >= 0 && value->decimals <= JC_DECIMAL_MAX_DECIMALS, FALSE);
  g_return_val_if_fail (scale >= 0 && scale <= JC_DECIMAL_MAX_DECIMALS, FALSE);
  g_return_val_if_fail (mul >= 0 && div > 0, FALSE);

  n = value->num;
  neg = n < 0;
  if (neg)
    n = -n;
  /* |num| < 2^63, 10^9 < 2^30, mul < 2^63: the product stays below 2^126 */
  if (__builtin_mul_overflow (n, (__int128) pow10_table[scale], &n) ||
      __builtin_mul_overflow (n, (__int128) mul, &n))
    return set_overflow (error);
  d = (__int128) pow10_table[value->decimals] * div;
  q = n / d;
  r = n % d;
  if (r >= d - r)
    q += 1;
  if (q > G_MAXINT64)
    return set_overflow (error);
  *out = neg ? -(gint64) q : (gint64) q;
  return TRUE;
}

/* A quantity typed in some unit, in milli base units: value × 1000 × num /
 * den, rounded once. */
gboolean
jc_decimal_qty_to_base (const JcDecimal    *qty,
                        const JcUnitFactor *factor,
                        gint64             *out_milli,
                        GError            **error)
{
  gint64 r;

  if (!jc_decimal_scale (qty, 3, factor->num, factor->den, &r, error))
    return FALSE;
  if (r > JC_MAX_MILLI || r < -JC_MAX_MILLI)
    return set_overflow (error);
  *out_milli = r;
  return TRUE;
}

/* A price typed per some unit, in milli-yuan per base unit: value × 1000 ×
 * den / num, rounded once. */
gboolean
jc_decimal_price_to_base (const JcDecimal    *price,
                          const JcUnitFactor *factor,
                          gint64             *out_milliyuan,
                          GError            **error)
{
  gint64 r;

  if (!jc_decimal_scale (price, 3, factor->den, factor->num, &r, error))
    return FALSE;
  if (r > JC_MAX_MILLI || r < -JC_MAX_MILLI)
    return set_overflow (error);
  *out_milliyuan = r;
  return TRUE;
}

JcDecimal
jc_decimal_from_milli (gint64 milli)
{
  JcDecimal d = { milli, 3 };

  return d;
}

gboolean
jc_decimal_is_zero (const JcDecimal *value)
{
  return value->num == 0;
}

int
jc_decimal_sign (const JcDecimal *value)
{
  return value->num > 0 ? 1 : value->num < 0 ? -1 : 0;
}

/* The decimal as jc_decimal_parse() reads it back: "1.00045", "-3",
 * "0.000000001"; trailing zeros dropped. */
char *
jc_decimal_to_string (const JcDecimal *value)
{
  guint64 mag, div = 1;
  gint64 num = value->num;
  int decimals = value->decimals;
  char frac[JC_DECIMAL_MAX_DECIMALS + 1];

  g_return_val_if_fail (decimals >= 0 && decimals <= JC_DECIMAL_MAX_DECIMALS, NULL);

  while (decimals > 0 && num % 10 == 0)
    {
      num /= 10;
      decimals--;
    }
  for (int i = 0; i < decimals; i++)
    div *= 10;
  mag = num < 0 ? (guint64) (-(num + 1)) + 1 : (guint64) num;
  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, num < 0 ? "-" : "", mag);
  g_snprintf (frac, sizeof frac, "%0*" G_GUINT64_FORMAT, decimals, mag % div);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%s", num < 0 ? "-" : "", mag / div, frac);
}

/* A number a program wrote out from a binary double ("2.2999999999999998",
 * which is how Excel keeps a typed 2.3) as the decimal a person typed: the
 * shortest one of at most 15 significant digits that gives the same double
 * (DBL_DIG: every decimal of up to 15 significant digits survives the trip
 * through a double).  Returns NULL when `text` is not such a number: not a
 * plain decimal, 15 significant digits or fewer (taken as written), or no
 * decimal of 15 digits gives its double back (then the text is taken as
 * written, and refused if it has more than nine decimals). */
char *
jc_decimal_text_from_double_text (const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  int significant = 0;
  gboolean leading = TRUE;
  double v;

  for (const char *p = t; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (*p != '0')
            leading = FALSE;
          if (!leading)
            significant++;
        }
      else if (*p != '.' && !(p == t && (*p == '-' || *p == '+')))
        return NULL;
    }
  if (significant <= 15)
    return NULL;
  v = g_ascii_strtod (t, &end);
  if (end == t || *end != '\0' || !isfinite (v))
    return NULL;
  for (int digits = 1; digits <= 15; digits++)
    {
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        return strchr (buf, 'e') == NULL && strchr (buf, 'E') == NULL ? g_strdup (buf) : NULL;
    }
  return NULL;
}

/* Parses a plain decimal as jc_decimal_parse() does and returns it scaled
 * by 10^scale, rounded half up once. */
gboolean
jc_text_is_plain_decimal (const char *text)
{
  const char *p = text;
  gboolean digit = FALSE, dot = FALSE;

  if (p == NULL)
    return FALSE;
  if (*p == '+' || *p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  return digit;
}

gboolean
jc_parse_decimal (const char *text,
                  int         scale,
                  gint64     *out,
                  GError    **error)
{
  JcDecimal d;

  g_return_val_if_fail (scale >= 0 && scale <= 6, FALSE);

  if (!jc_decimal_parse (text, &d, error))
    return FALSE;
  return jc_decimal_scale (&d, scale, 1, 1, out, error);
}

typedef struct {
  const char *names;  /* '|'-separated spellings */
  JcBaseUnit  dimension;
  gint64      num;    /* 1 unit = num / den of the dimension's base unit */
  gint64      den;
} UnitDef;

/* Mass and volume units with their exact relation to kg and L. */
static const UnitDef fixed_units[] = {
  { "kg|KG|Kg|公斤|千克", JC_BASE_UNIT_KG, 1, 1 },
  { "g|G|克", JC_BASE_UNIT_KG, 1, 1000 },
  { "斤|市斤", JC_BASE_UNIT_KG, 1, 2 },
  { "两", JC_BASE_UNIT_KG, 1, 20 },
  { "吨|t|T", JC_BASE_UNIT_KG, 1000, 1 },
  { "L|l|升|公升", JC_BASE_UNIT_L, 1, 1 },
  { "ml|mL|ML|毫升", JC_BASE_UNIT_L, 1, 1000 },
  { "个|只|枚|头|根|颗|piece|pieces|pc|pcs", JC_BASE_UNIT_PIECE, 1, 1 },
};

static const char *pack_names = "箱|袋|筐|包|桶|件|盒|pack";

static gboolean
names_contain (const char *names,
               const char *text)
{
  gsize len = strlen (text);
  const char *p = names;

  if (len == 0)
    return FALSE;
  while (p != NULL && *p != '\0')
    {
      const char *bar = strchr (p, '|');
      gsize n = bar != NULL ? (gsize) (bar - p) : strlen (p);

      if (n == len && strncmp (p, text, len) == 0)
        return TRUE;
      p = bar != NULL ? bar + 1 : NULL;
    }
  return FALSE;
}

gboolean
jc_unit_is_known (const char *unit_text)
{
  g_autofree char *t = g_strstrip (g_strdup (unit_text ? unit_text : ""));

  if (names_contain (pack_names, t))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fixed_units); i++)
    if (names_contain (fixed_units[i].names, t))
      return TRUE;
  return FALSE;
}

static gboolean
reduce (gint64 num, gint64 den, JcUnitFactor *out)
{
  gint64 a = num, b = den;

  while (b != 0)
    {
      gint64 t = a % b;
      a = b;
      b = t;
    }
  out->num = num / a;
  out->den = den / a;
  return TRUE;
}

/* What one `unit_text` is in the item's base unit.  Mass units convert to a
 * piece base through the mean piece mass and back; a pack unit needs the
 * item's pack.  Fails with UNKNOWN_UNIT or NOT_CONVERTIBLE. */
gboolean
jc_unit_resolve (const JcItemUnits *item,
                 const char        *unit_text,
                 JcUnitFactor      *out,
                 GError           **error)
{
  g_autofree char *t = NULL;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  t = g_strstrip (g_strdup (unit_text ? unit_text : ""));
  if (*t == '\0')
    return reduce (1, 1, out);  /* no unit: the base unit */

  if (names_contain (pack_names, t))
    {
      if (item->pack_milli <= 0)
        {
          g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE,
                       _("unit “%s”: this item has no pack size"), t);
          return FALSE;
        }
      return reduce (item->pack_milli, 1000, out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixed_units); i++)
    {
      const UnitDef *u = &fixed_units[i];

      if (!names_contain (u->names, t))
        continue;
      if (u->dimension == item->base_unit)
        return reduce (u->num, u->den, out);
      if (u->dimension == JC_BASE_UNIT_KG && item->base_unit == JC_BASE_UNIT_PIECE &&
          item->piece_mass_mg > 0)
        /* 1 unit = num/den kg = num*10^6/(den*mass_mg) pieces */
        return reduce (u->num * 1000000, u->den * item->piece_mass_mg, out);
      if (u->dimension == JC_BASE_UNIT_PIECE && item->base_unit == JC_BASE_UNIT_KG &&
          item->piece_mass_mg > 0)
        return reduce (item->piece_mass_mg, 1000000, out);
      g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_NOT_CONVERTIBLE,
                   _("unit “%s” cannot be converted to %s for this item"), t,
                   jc_base_unit_to_string (item->base_unit));
      return FALSE;
    }

  {
    g_autofree char *v = jc_format_quote_value (t);

    g_set_error (error, JC_UNITS_ERROR, JC_UNITS_ERROR_UNKNOWN_UNIT,
                 _("unknown unit “%s”"), v);
  }
  return FALSE;
}

/* The units an order for this item may use, base unit first. */
char **
jc_unit_list_for_item (const JcItemUnits *item)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  switch (item->base_unit)
    {
    case JC_BASE_UNIT_KG:
      g_strv_builder_add_many (b, "kg", "斤", "两", "g", NULL);
      if (item->piece_mass_mg > 0)
        g_strv_builder_add (b, "个");
      break;
    case JC_BASE_UNIT_PIECE:
      g_strv_builder_add (b, "个");
      if (item->piece_mass_mg > 0)
        g_strv_builder_add_many (b, "kg", "斤", NULL);
      break;
    case JC_BASE_UNIT_L:
      g_strv_builder_add_many (b, "L", "ml", NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  if (item->pack_milli > 0)
    g_strv_builder_add (b, "箱");
  return g_strv_builder_end (b);
}

/* A quantity given in some unit (milli of that unit) in milli base units. */
gboolean
jc_qty_to_base (gint64              qty_milli,
                const JcUnitFactor *factor,
                gint64             *out_milli,
                GError            **error)
{
  gint64 r;

  if (!jc_mul_div_round (qty_milli, factor->num, factor->den, &r, error))
    return FALSE;
  if (r > JC_MAX_MILLI || r < -JC_MAX_MILLI)
    return set_overflow (error);
  *out_milli = r;
  return TRUE;
}

/* A price per unit as a price per base unit: price × den / num. */
gboolean
jc_price_to_base (gint64              price_milliyuan,
                  const JcUnitFactor *factor,
                  gint64             *out_milliyuan,
                  GError            **error)
{
  gint64 r;

  if (!jc_mul_div_round (price_milliyuan, factor->den, factor->num, &r, error))
    return FALSE;
  if (r > JC_MAX_MILLI || r < -JC_MAX_MILLI)
    return set_overflow (error);
  *out_milliyuan = r;
  return TRUE;
}
