/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-feed.c: the batch and the cleaning rules shared by every feed adapter
 * (see jc-feed.h for the rules and their order). */
#include "config.h"

#define G_LOG_DOMAIN "jc-feed"

#include <glib/gi18n-lib.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

#include "jc-error.h"
#include "jc-feed.h"
#include "jc-feed-private.h"
#include "jc-format.h"
#include "jc-units.h"

G_DEFINE_QUARK (jc-feed-error-quark, jc_feed_error)

/* unit_cache values: what a unit text is. */
#define UNIT_UNKNOWN   1
#define UNIT_NOT_MASS  2
#define UNIT_MASS_BASE 3  /* + grams of one unit */

/* Consecutive rows mostly repeat their unit, spec, origin and category:
 * remembering the last raw text of each field skips the intern table. */
typedef enum {
  SLOT_NAME,
  SLOT_CATEGORY,
  SLOT_SPEC,
  SLOT_ORIGIN,
  SLOT_UNIT,
  N_SLOTS
} Slot;

typedef struct {
  GString    *raw;       /* as it came */
  const char *interned;  /* NULL: nothing yet */
} LastText;

struct _JcFeedBatch {
  char          from[11];       /* "" when open */
  char          to[11];
  GArray       *quotes;         /* JcQuote */
  GArray       *rejects;        /* JcReject */
  guint         counts[JC_N_REJECT_REASONS];
  guint         n_seen;
  guint         n_duplicates;
  guint         n_swap_fits;
  GStringChunk *strings;        /* every string of every quote, interned */
  GHashTable   *unit_cache;     /* interned unit → UNIT_* code */
  GHashTable   *package_cache;  /* interned package → 1 + grams, 1: none */
  guint32      *slots;          /* duplicate set: quote index + 1, 0 empty */
  guint         n_slots;        /* a power of two */
  GString      *scratch;        /* for trimming */
  LastText      last[N_SLOTS];  /* the previous row's texts, per field */
  GString      *usda_name;
  GString      *usda_spec;
  GPtrArray    *warnings;
};

/* A row on its way in.  avg == NULL with avg_midpoint: computed. */
typedef struct {
  guint       line;
  const char *name;
  const char *category;
  const char *spec;
  const char *origin;
  const char *unit;
  const char *date;
  const char *low;
  const char *avg;
  const char *high;
  gboolean    avg_midpoint;
  const char *mostly_low;
  const char *mostly_high;
  gboolean    unit_is_package;
} RawRow;

static const struct {
  const char *key;
  const char *text;
} reasons[JC_N_REJECT_REASONS] = {
  [JC_REJECT_ZERO_PRICE] = { "zero_price", N_("all prices zero") },
  [JC_REJECT_LOW_ABOVE_HIGH] = { "low_above_high", N_("low price above high price") },
  [JC_REJECT_AVG_OUTSIDE] = { "avg_outside", N_("average outside low…high") },
  [JC_REJECT_UNIT_IN_PRICE] = { "unit_in_price", N_("unit text in a price") },
  [JC_REJECT_BAD_NUMBER] = { "bad_number", N_("price not a number") },
  [JC_REJECT_NEGATIVE] = { "negative", N_("negative price") },
  [JC_REJECT_UNKNOWN_UNIT] = { "unknown_unit", N_("unknown unit") },
  [JC_REJECT_EMPTY_NAME] = { "empty_name", N_("empty product name") },
  [JC_REJECT_BAD_DATE] = { "bad_date", N_("date not understood") },
  [JC_REJECT_DATE_OUT_OF_RANGE] = { "date_out_of_range", N_("date outside the requested range") },
  [JC_REJECT_MISSING_FIELD] = { "missing_field", N_("field missing") },
  [JC_REJECT_TEXT_TOO_LONG] = { "text_too_long", N_("text too long") },
};

const char *
jc_reject_reason_to_string (JcRejectReason reason)
{
  g_return_val_if_fail (reason < JC_N_REJECT_REASONS, "");
  return _(reasons[reason].text);
}

const char *
jc_reject_reason_to_key (JcRejectReason reason)
{
  g_return_val_if_fail (reason < JC_N_REJECT_REASONS, "");
  return reasons[reason].key;
}

/* ---- texts ---- */

const char *
_jc_feed_skip_blank (const char *p,
                     const char *end)
{
  for (;;)
    {
      const guchar *u = (const guchar *) p;

      if (p < end && (*p == ' ' || (*p >= '\t' && *p <= '\r')))
        p += 1;
      else if (end - p >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)  /* U+FEFF */
        p += 3;
      else if (end - p >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)  /* U+3000 */
        p += 3;
      else if (end - p >= 2 && u[0] == 0xC2 && u[1] == 0xA0)                 /* U+00A0 */
        p += 2;
      else
        return p;
    }
}

/* Lead bytes are never continuation bytes, so these suffixes cannot be the
 * tail of another character. */
static const char *
skip_blank_back (const char *start,
                 const char *end)
{
  for (;;)
    {
      const guchar *u = (const guchar *) end;

      if (end > start && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
        end -= 1;
      else if (end - start >= 3 && u[-3] == 0xEF && u[-2] == 0xBB && u[-1] == 0xBF)
        end -= 3;
      else if (end - start >= 3 && u[-3] == 0xE3 && u[-2] == 0x80 && u[-1] == 0x80)
        end -= 3;
      else if (end - start >= 2 && u[-2] == 0xC2 && u[-1] == 0xA0)
        end -= 2;
      else
        return end;
    }
}

static void
trim_range (const char  *s,
            const char **out_start,
            const char **out_end)
{
  const char *end = s + strlen (s);
  const char *start = _jc_feed_skip_blank (s, end);

  *out_start = start;
  *out_end = skip_blank_back (start, end);
}

static gboolean
is_blank (const char *s)
{
  const char *a, *b;

  trim_range (s, &a, &b);
  return a == b;
}

static const char *intern_text (JcFeedBatch *batch,
                                const char  *s);

/* The trimmed text, valid UTF-8, interned in the batch. */
static const char *
intern (JcFeedBatch *batch,
        Slot         slot,
        const char  *s)
{
  LastText *last = &batch->last[slot];

  if (s == NULL)
    s = "";
  if (last->interned != NULL && strcmp (s, last->raw->str) == 0)
    return last->interned;
  g_string_assign (last->raw, s);
  last->interned = intern_text (batch, s);
  return last->interned;
}

static const char *
intern_text (JcFeedBatch *batch,
             const char  *s)
{
  const char *start, *end;
  const char *text;

  trim_range (s, &start, &end);
  if (start == s && *end == '\0')
    text = s;
  else
    {
      g_string_truncate (batch->scratch, 0);
      g_string_append_len (batch->scratch, start, end - start);
      text = batch->scratch->str;
    }
  if (G_UNLIKELY (!g_utf8_validate (text, -1, NULL)))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return g_string_chunk_insert_const (batch->strings, valid);
    }
  return g_string_chunk_insert_const (batch->strings, text);
}

/* A value for a message: at most 60 bytes, cut at a character boundary. */
static char *
clip (const char *s)
{
  gsize len;
  const char *cut;

  if (s == NULL)
    return g_strdup ("(null)");
  len = strlen (s);
  if (len <= 60)
    return g_utf8_make_valid (s, -1);
  cut = s + 60;
  while (cut > s && ((guchar) *cut & 0xC0) == 0x80)
    cut--;
  {
    g_autofree char *head = g_utf8_make_valid (s, cut - s);

    return g_strconcat (head, "…", NULL);
  }
}

/* ---- rejects ---- */

static void G_GNUC_PRINTF (4, 0)
reject_valist (JcFeedBatch    *batch,
               JcRejectReason  reason,
               guint           line,
               const char     *format,
               va_list         args)
{
  JcReject r;

  r.reason = reason;
  r.line = line;
  r.detail = g_strdup_vprintf (format, args);
  g_array_append_val (batch->rejects, r);
  batch->counts[reason]++;
}

static void G_GNUC_PRINTF (4, 5)
reject (JcFeedBatch    *batch,
        JcRejectReason  reason,
        guint           line,
        const char     *format,
        ...)
{
  va_list args;

  va_start (args, format);
  reject_valist (batch, reason, line, format, args);
  va_end (args);
}

void
jc_feed_batch_reject (JcFeedBatch    *batch,
                      JcRejectReason  reason,
                      guint           line,
                      const char     *format,
                      ...)
{
  va_list args;

  g_return_if_fail (batch != NULL);
  g_return_if_fail (reason < JC_N_REJECT_REASONS);
  g_return_if_fail (format != NULL);

  batch->n_seen++;
  va_start (args, format);
  reject_valist (batch, reason, line, format, args);
  va_end (args);
}

void
jc_feed_batch_add_warning (JcFeedBatch *batch,
                           const char  *format,
                           ...)
{
  va_list args;

  g_return_if_fail (batch != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  g_ptr_array_add (batch->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---- dates ---- */

static gboolean
read_uint (const char **pp,
           const char  *end,
           int          min_digits,
           int          max_digits,
           int         *out)
{
  const char *p = *pp;
  int v = 0;
  int n = 0;

  while (p < end && n < max_digits && g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n < min_digits || (p < end && g_ascii_isdigit (*p)))
    return FALSE;
  *pp = p;
  *out = v;
  return TRUE;
}

/* " HH:MM[:SS[.fff]][Z|±hh[:]mm]" or "T…" after a date; the time is
 * checked and dropped. */
static gboolean
skip_time (const char *p,
           const char *end)
{
  int h, m, s;

  if (p == end)
    return TRUE;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  p++;
  if (!read_uint (&p, end, 1, 2, &h) || h > 23 || p == end || *p++ != ':' ||
      !read_uint (&p, end, 2, 2, &m) || m > 59)
    return FALSE;
  if (p < end && *p == ':')
    {
      p++;
      if (!read_uint (&p, end, 2, 2, &s) || s > 60)
        return FALSE;
      if (p < end && *p == '.')
        {
          p++;
          if (p == end || !g_ascii_isdigit (*p))
            return FALSE;
          while (p < end && g_ascii_isdigit (*p))
            p++;
        }
    }
  if (p < end && *p == 'Z')
    p++;
  else if (p < end && (*p == '+' || *p == '-'))
    {
      int tz;

      p++;
      if (!read_uint (&p, end, 2, 2, &tz))
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (!read_uint (&p, end, 2, 2, &tz))
        return FALSE;
    }
  return p == end;
}

/* YYYY-MM-DD, YYYY/M/D (with an optional time), M/D/YYYY → "YYYY-MM-DD". */
static gboolean
parse_date (const char *text,
            char        out[11])
{
  const char *p, *end;
  int y, m, d;

  trim_range (text, &p, &end);
  if (end - p >= 8 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
      g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && (p[4] == '-' || p[4] == '/'))
    {
      char sep = p[4];

      if (!read_uint (&p, end, 4, 4, &y))
        return FALSE;
      p++;
      if (!read_uint (&p, end, 1, 2, &m) || p == end || *p++ != sep ||
          !read_uint (&p, end, 1, 2, &d) || !skip_time (p, end))
        return FALSE;
    }
  else
    {
      if (!read_uint (&p, end, 1, 2, &m) || p == end || *p++ != '/' ||
          !read_uint (&p, end, 1, 2, &d) || p == end || *p++ != '/' ||
          !read_uint (&p, end, 4, 4, &y) || p != end)
        return FALSE;
    }
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 ||
      d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y))
    return FALSE;
  /* by hand: this runs for every row */
  out[0] = (char) ('0' + y / 1000);
  out[1] = (char) ('0' + y / 100 % 10);
  out[2] = (char) ('0' + y / 10 % 10);
  out[3] = (char) ('0' + y % 10);
  out[4] = '-';
  out[5] = (char) ('0' + m / 10);
  out[6] = (char) ('0' + m % 10);
  out[7] = '-';
  out[8] = (char) ('0' + d / 10);
  out[9] = (char) ('0' + d % 10);
  out[10] = '\0';
  return TRUE;
}

/* ---- prices ---- */

/* (a + b) / 2 exactly where nine decimals hold it, else rounded half up
 * at the ninth.  Both are prices below JC_MAX_MILLI milli-yuan; a sum that
 * would not fit falls back to fewer decimals. */
static JcDecimal
midpoint (const JcDecimal *a,
          const JcDecimal *b)
{
  static const gint64 p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                100000000, 1000000000 };
  int d = MAX (a->decimals, b->decimals);
  __int128 sum = (__int128) a->num * p10[d - a->decimals] + (__int128) b->num * p10[d - b->decimals];
  JcDecimal m;

  while (sum % 2 != 0 && d < JC_DECIMAL_MAX_DECIMALS && sum * 10 <= (__int128) G_MAXINT64)
    {
      sum *= 10;
      d++;
    }
  sum = sum % 2 == 0 ? sum / 2 : (sum + 1) / 2;
  while (sum > G_MAXINT64 && d > 0)
    {
      sum = (sum + 5) / 10;
      d--;
    }
  m.num = (gint64) MIN (sum, (__int128) G_MAXINT64);
  m.decimals = d;
  return m;
}

/* JC_N_REJECT_REASONS when `text` is a price, with *out set. */
static JcRejectReason
parse_price (const char *text,
             gint64     *out,
             JcDecimal  *exact)
{
  const char *start, *end, *p, *num_end;
  char buf[48];
  gboolean digits = FALSE;

  trim_range (text, &start, &end);
  p = start;
  if (p < end && (*p == '+' || *p == '-'))
    p++;
  while (p < end && g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }
  if (!digits)
    return JC_REJECT_BAD_NUMBER;
  num_end = p;
  p = _jc_feed_skip_blank (p, end);
  if (p < end)
    {
      guchar c = (guchar) *p;

      /* "1e5" is a number we refuse, not a number with a unit */
      if ((c == 'e' || c == 'E') &&
          ((p + 1 < end && g_ascii_isdigit (p[1])) ||
           (p + 2 < end && (p[1] == '+' || p[1] == '-') && g_ascii_isdigit (p[2]))))
        return JC_REJECT_BAD_NUMBER;
      if (c >= 0x80 || g_ascii_isalpha (c) || c == '(' || c == '/' || c == '$')
        return JC_REJECT_UNIT_IN_PRICE;
      return JC_REJECT_BAD_NUMBER;
    }
  if ((gsize) (num_end - start) >= sizeof buf)
    return JC_REJECT_BAD_NUMBER;
  memcpy (buf, start, num_end - start);
  buf[num_end - start] = '\0';
  /* kept exactly as quoted (up to nine decimals): the conversion to the
   * item's base unit rounds once, from this */
  /* "2.2999999999999998": a double written out in full by a spreadsheet */
  {
    g_autofree char *typed = jc_decimal_text_from_double_text (buf);

    if (typed != NULL)
      g_strlcpy (buf, typed, sizeof buf);
  }
  if (!jc_decimal_parse (buf, exact, NULL) ||
      !jc_decimal_scale (exact, 3, 1, 1, out, NULL) ||
      *out > JC_MAX_MILLI || *out < -JC_MAX_MILLI)
    return JC_REJECT_BAD_NUMBER;
  if (*out < 0)
    return JC_REJECT_NEGATIVE;
  return JC_N_REJECT_REASONS;
}

static gboolean
check_price (JcFeedBatch *batch,
             const RawRow *row,
             const char  *what,
             const char  *text,
             gint64      *out,
             JcDecimal   *exact)
{
  JcRejectReason r = parse_price (text, out, exact);
  g_autofree char *v = NULL;
  g_autoptr(GError) precise = NULL;
  g_autofree char *trimmed = NULL;
  JcDecimal d;

  if (r == JC_N_REJECT_REASONS)
    return TRUE;
  v = clip (text);
  what = _(what);
  switch (r)
    {
    case JC_REJECT_UNIT_IN_PRICE:
      reject (batch, r, row->line, _("%s “%s” has text after the number"), what, v);
      break;
    case JC_REJECT_NEGATIVE:
      reject (batch, r, row->line, _("%s “%s” is negative"), what, v);
      break;
    case JC_REJECT_BAD_NUMBER:
      trimmed = g_strstrip (g_strdup (text));
      if (!jc_decimal_parse (trimmed, &d, &precise) &&
          g_error_matches (precise, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        reject (batch, r, row->line,
                ngettext ("%s “%s” has more than %d decimal", "%s “%s” has more than %d decimals",
                          JC_DECIMAL_MAX_DECIMALS),
                what, v, JC_DECIMAL_MAX_DECIMALS);
      else
        reject (batch, r, row->line, _("%s “%s” is not a number"), what, v);
      break;
    case JC_REJECT_ZERO_PRICE:
    case JC_REJECT_LOW_ABOVE_HIGH:
    case JC_REJECT_AVG_OUTSIDE:
    case JC_REJECT_UNKNOWN_UNIT:
    case JC_REJECT_EMPTY_NAME:
    case JC_REJECT_BAD_DATE:
    case JC_REJECT_DATE_OUT_OF_RANGE:
    case JC_REJECT_MISSING_FIELD:
    case JC_REJECT_TEXT_TOO_LONG:
    case JC_N_REJECT_REASONS:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* A text longer than JC_MAX_TEXT_CHARS (trimmed) is refused, never cut:
 * a cut name would be another product. */
static gboolean
check_length (JcFeedBatch  *batch,
              const RawRow *row,
              const char   *what,
              const char   *text)
{
  const char *a, *b;
  gsize n = 0;
  g_autofree char *v = NULL;

  if (text == NULL)
    return TRUE;
  trim_range (text, &a, &b);
  if ((gsize) (b - a) <= JC_MAX_TEXT_CHARS)
    return TRUE;
  for (const char *p = a; p < b; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      n++;
  if (n <= JC_MAX_TEXT_CHARS)
    return TRUE;
  v = jc_format_quote_value (a);
  reject (batch, JC_REJECT_TEXT_TOO_LONG, row->line,
          ngettext ("%s is longer than %d character: “%s”",
                    "%s is longer than %d characters: “%s”", JC_MAX_TEXT_CHARS),
          _(what), JC_MAX_TEXT_CHARS, v);
  return FALSE;
}

/* ---- units ---- */

static guint
unit_code (JcFeedBatch *batch,
           const char  *unit)
{
  static const JcItemUnits by_kg = { JC_BASE_UNIT_KG, 0, 0 };
  gpointer cached = g_hash_table_lookup (batch->unit_cache, unit);
  guint code;
  JcUnitFactor f;

  if (cached != NULL)
    return GPOINTER_TO_UINT (cached);
  if (!jc_unit_is_known (unit))
    code = UNIT_UNKNOWN;
  else if (jc_unit_resolve (&by_kg, unit, &f, NULL) && (1000 * f.num) % f.den == 0)
    code = UNIT_MASS_BASE + (guint) (1000 * f.num / f.den);
  else
    code = UNIT_NOT_MASS;
  g_hash_table_insert (batch->unit_cache, (gpointer) unit, GUINT_TO_POINTER (code));
  return code;
}

static gint64
package_grams (JcFeedBatch *batch,
               const char  *package)
{
  gpointer cached = g_hash_table_lookup (batch->package_cache, package);
  gint64 g = 0;

  if (cached != NULL)
    return (gint64) GPOINTER_TO_SIZE (cached) - 1;
  if (!jc_usda_package_to_kg_milli (package, &g) || g <= 0 || g > G_MAXINT32)
    g = 0;
  g_hash_table_insert (batch->package_cache, (gpointer) package, GSIZE_TO_POINTER ((gsize) g + 1));
  return g;
}

/* ---- duplicates ---- */

static guint64
mix (guint64 h,
     guint64 v)
{
  h ^= v + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) + (h << 6) + (h >> 2);
  return h;
}

static guint32
quote_hash (const JcQuote *q)
{
  guint64 h = 0;

  h = mix (h, (guint64) (gsize) q->market_name);
  h = mix (h, (guint64) (gsize) q->spec);
  h = mix (h, (guint64) (gsize) q->origin);
  h = mix (h, (guint64) (gsize) q->unit);
  h = mix (h, (guint64) q->date[2] << 40 | (guint64) q->date[3] << 32 |
             (guint64) q->date[5] << 24 | (guint64) q->date[6] << 16 |
             (guint64) q->date[8] << 8 | (guint64) q->date[9]);
  h = mix (h, (guint64) q->low_milliyuan);
  h = mix (h, (guint64) q->avg_milliyuan);
  h = mix (h, (guint64) q->high_milliyuan);
  /* finalizer of splitmix64 */
  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94D049BB133111EB);
  h ^= h >> 31;
  return (guint32) h;
}

/* Interned strings: equal texts are equal pointers. */
static gboolean
quote_equal (const JcQuote *a,
             const JcQuote *b)
{
  return a->market_name == b->market_name && a->spec == b->spec &&
         a->origin == b->origin && a->unit == b->unit &&
         a->low_milliyuan == b->low_milliyuan && a->avg_milliyuan == b->avg_milliyuan &&
         a->high_milliyuan == b->high_milliyuan && memcmp (a->date, b->date, 10) == 0;
}

static void
slots_grow (JcFeedBatch *batch)
{
  guint n = batch->n_slots * 2;
  guint32 *slots = g_new0 (guint32, n);

  for (guint i = 0; i < batch->quotes->len; i++)
    {
      guint32 h = quote_hash (&g_array_index (batch->quotes, JcQuote, i)) & (n - 1);

      while (slots[h] != 0)
        h = (h + 1) & (n - 1);
      slots[h] = i + 1;
    }
  g_free (batch->slots);
  batch->slots = slots;
  batch->n_slots = n;
}

/* Appends `q` unless an equal quote is kept already. */
static gboolean
keep_unique (JcFeedBatch   *batch,
             const JcQuote *q)
{
  guint32 h;

  if ((batch->quotes->len + 1) * 2 > batch->n_slots)
    slots_grow (batch);
  h = quote_hash (q) & (batch->n_slots - 1);
  while (batch->slots[h] != 0)
    {
      if (quote_equal (&g_array_index (batch->quotes, JcQuote, batch->slots[h] - 1), q))
        return FALSE;
      h = (h + 1) & (batch->n_slots - 1);
    }
  g_array_append_val (batch->quotes, *q);
  batch->slots[h] = batch->quotes->len;
  return TRUE;
}

/* ---- the rules ---- */

static void
add_row (JcFeedBatch  *batch,
         const RawRow *row)
{
  JcQuote q = { 0 };
  const char *missing = NULL;
  gint64 low, avg = 0, high;

  batch->n_seen++;
  q.line = row->line;

  if (row->name == NULL)
    missing = _("name");
  else if (row->unit == NULL)
    missing = _("unit");
  else if (row->date == NULL)
    missing = _("date");
  else if (row->low == NULL)
    missing = _("low price");
  else if (row->avg == NULL && !row->avg_midpoint)
    missing = _("average price");
  else if (row->high == NULL)
    missing = _("high price");
  if (missing != NULL)
    {
      reject (batch, JC_REJECT_MISSING_FIELD, row->line, _("no %s"), missing);
      return;
    }

  if (!parse_date (row->date, q.date))
    {
      g_autofree char *v = clip (row->date);

      reject (batch, JC_REJECT_BAD_DATE, row->line, _("date “%s” is not a date"), v);
      return;
    }
  if ((batch->from[0] != '\0' && strcmp (q.date, batch->from) < 0) ||
      (batch->to[0] != '\0' && strcmp (q.date, batch->to) > 0))
    {
      reject (batch, JC_REJECT_DATE_OUT_OF_RANGE, row->line,
              _("date %s is outside %s…%s"), q.date, batch->from, batch->to);
      return;
    }

  if (is_blank (row->name))
    {
      reject (batch, JC_REJECT_EMPTY_NAME, row->line, _("the name is empty"));
      return;
    }
  if (!check_length (batch, row, N_("name"), row->name) ||
      !check_length (batch, row, N_("category"), row->category) ||
      !check_length (batch, row, N_("spec"), row->spec) ||
      !check_length (batch, row, N_("origin"), row->origin))
    return;

  q.unit = intern (batch, SLOT_UNIT, row->unit);
  if (row->unit_is_package)
    {
      if (*q.unit == '\0')
        {
          reject (batch, JC_REJECT_UNKNOWN_UNIT, row->line, _("the package is empty"));
          return;
        }
      q.unit_milli_kg = package_grams (batch, q.unit);
    }
  else
    {
      guint code = unit_code (batch, q.unit);

      if (code == UNIT_UNKNOWN)
        {
          g_autofree char *v = clip (q.unit);

          reject (batch, JC_REJECT_UNKNOWN_UNIT, row->line, _("unit “%s” is not known"), v);
          return;
        }
      q.unit_milli_kg = code >= UNIT_MASS_BASE ? code - UNIT_MASS_BASE : 0;
    }

  if (!check_price (batch, row, N_("low price"), row->low, &low, &q.exact[0]))
    return;
  if (!row->avg_midpoint &&
      !check_price (batch, row, N_("average price"), row->avg, &avg, &q.exact[1]))
    return;
  if (!check_price (batch, row, N_("high price"), row->high, &high, &q.exact[2]))
    return;
  if (row->avg_midpoint)
    {
      gint64 ml, mh;
      JcDecimal el, eh;

      /* mostly prices are optional: only a valid pair counts */
      if (row->mostly_low != NULL && row->mostly_high != NULL &&
          parse_price (row->mostly_low, &ml, &el) == JC_N_REJECT_REASONS &&
          parse_price (row->mostly_high, &mh, &eh) == JC_N_REJECT_REASONS)
        {
          avg = (ml + mh + 1) / 2;
          q.exact[1] = midpoint (&el, &eh);
        }
      else
        {
          avg = (low + high + 1) / 2;
          q.exact[1] = midpoint (&q.exact[0], &q.exact[2]);
        }
    }

  if (low == 0 && avg == 0 && high == 0)
    {
      reject (batch, JC_REJECT_ZERO_PRICE, row->line, _("low, average and high are all 0"));
      return;
    }
  if (low > high || avg < low || avg > high)
    {
      g_autofree char *l = jc_format_price (low);
      g_autofree char *a = jc_format_price (avg);
      g_autofree char *h = jc_format_price (high);

      /* with average and high exchanged, would it pass? */
      if (!row->avg_midpoint && low <= high && high <= avg)
        batch->n_swap_fits++;
      if (low > high)
        reject (batch, JC_REJECT_LOW_ABOVE_HIGH, row->line,
                _("low price %s is above high price %s"), l, h);
      else
        reject (batch, JC_REJECT_AVG_OUTSIDE, row->line,
                _("average price %s is outside %s…%s"), a, l, h);
      return;
    }

  q.market_name = intern (batch, SLOT_NAME, row->name);
  q.category = intern (batch, SLOT_CATEGORY, row->category);
  q.spec = intern (batch, SLOT_SPEC, row->spec);
  q.origin = intern (batch, SLOT_ORIGIN, row->origin);
  q.low_milliyuan = low;
  q.avg_milliyuan = avg;
  q.high_milliyuan = high;
  if (!keep_unique (batch, &q))
    batch->n_duplicates++;
}

void
jc_feed_batch_add_raw (JcFeedBatch *batch,
                       guint        line,
                       const char  *name,
                       const char  *category,
                       const char  *spec,
                       const char  *origin,
                       const char  *unit,
                       const char  *date,
                       const char  *low,
                       const char  *avg,
                       const char  *high)
{
  RawRow row = {
    .line = line, .name = name, .category = category, .spec = spec, .origin = origin,
    .unit = unit, .date = date, .low = low, .avg = avg, .high = high,
  };

  g_return_if_fail (batch != NULL);
  add_row (batch, &row);
}

static void
append_word (GString    *s,
             const char *text)
{
  const char *a, *b;

  if (text == NULL)
    return;
  trim_range (text, &a, &b);
  if (a == b)
    return;
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append_len (s, a, b - a);
}

void
jc_feed_batch_add_usda (JcFeedBatch     *batch,
                        guint            line,
                        const JcUsdaRow *usda)
{
  RawRow row = {
    .line = line, .category = usda->category, .origin = usda->origin,
    .unit = usda->package, .date = usda->report_date, .low = usda->low, .high = usda->high,
    .avg_midpoint = TRUE, .mostly_low = usda->mostly_low, .mostly_high = usda->mostly_high,
    .unit_is_package = TRUE,
  };

  g_return_if_fail (batch != NULL);
  g_return_if_fail (usda != NULL);

  if (usda->commodity != NULL)
    {
      g_string_truncate (batch->usda_name, 0);
      append_word (batch->usda_name, usda->commodity);
      append_word (batch->usda_name, usda->variety);
      row.name = batch->usda_name->str;
    }
  g_string_truncate (batch->usda_spec, 0);
  append_word (batch->usda_spec, usda->item_size);
  append_word (batch->usda_spec, usda->properties);
  append_word (batch->usda_spec, usda->grade);
  if (usda->organic != NULL)
    {
      const char *a, *b;

      trim_range (usda->organic, &a, &b);
      if ((b - a == 1 && (*a == 'Y' || *a == 'y')) ||
          (b - a == 3 && g_ascii_strncasecmp (a, "yes", 3) == 0) ||
          (b - a == 4 && g_ascii_strncasecmp (a, "true", 4) == 0))
        append_word (batch->usda_spec, "organic");
    }
  row.spec = batch->usda_spec->str;
  add_row (batch, &row);
}

/* ---- the batch ---- */

static void
clear_reject (gpointer p)
{
  JcReject *r = p;

  g_clear_pointer (&r->detail, g_free);
}

static gboolean
set_limit (const char *text,
           char        out[11])
{
  out[0] = '\0';
  if (text == NULL || *text == '\0')
    return TRUE;
  return parse_date (text, out);
}

JcFeedBatch *
jc_feed_batch_new (const char *from_date_or_null,
                   const char *to_date_or_null)
{
  JcFeedBatch *batch = g_new0 (JcFeedBatch, 1);

  if (!set_limit (from_date_or_null, batch->from) || !set_limit (to_date_or_null, batch->to))
    {
      g_free (batch);
      g_return_val_if_reached (NULL);
    }
  batch->quotes = g_array_sized_new (FALSE, FALSE, sizeof (JcQuote), 1024);
  batch->rejects = g_array_new (FALSE, FALSE, sizeof (JcReject));
  g_array_set_clear_func (batch->rejects, clear_reject);
  batch->strings = g_string_chunk_new (64 * 1024);
  batch->unit_cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  batch->package_cache = g_hash_table_new (g_direct_hash, g_direct_equal);
  batch->n_slots = 2048;
  batch->slots = g_new0 (guint32, batch->n_slots);
  batch->scratch = g_string_sized_new (256);
  for (guint i = 0; i < N_SLOTS; i++)
    batch->last[i].raw = g_string_sized_new (64);
  batch->usda_name = g_string_sized_new (64);
  batch->usda_spec = g_string_sized_new (64);
  batch->warnings = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

void
jc_feed_batch_free (JcFeedBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->quotes);
  g_array_unref (batch->rejects);
  g_string_chunk_free (batch->strings);
  g_hash_table_unref (batch->unit_cache);
  g_hash_table_unref (batch->package_cache);
  g_free (batch->slots);
  g_string_free (batch->scratch, TRUE);
  for (guint i = 0; i < N_SLOTS; i++)
    g_string_free (batch->last[i].raw, TRUE);
  g_string_free (batch->usda_name, TRUE);
  g_string_free (batch->usda_spec, TRUE);
  g_ptr_array_unref (batch->warnings);
  g_free (batch);
}

GArray *
jc_feed_batch_get_quotes (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  return batch->quotes;
}

GArray *
jc_feed_batch_get_rejects (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  return batch->rejects;
}

guint
jc_feed_batch_count_rejects (JcFeedBatch    *batch,
                             JcRejectReason  reason)
{
  g_return_val_if_fail (batch != NULL, 0);
  g_return_val_if_fail (reason < JC_N_REJECT_REASONS, 0);
  return batch->counts[reason];
}

guint
jc_feed_batch_get_n_rejected (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->rejects->len;
}

guint
jc_feed_batch_get_n_seen (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->n_seen;
}

guint
jc_feed_batch_get_n_duplicates (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->n_duplicates;
}

guint
jc_feed_batch_get_n_swap_fits (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);
  return batch->n_swap_fits;
}

char *
jc_feed_batch_dup_rejects_json (JcFeedBatch *batch)
{
  GString *s;
  gboolean first = TRUE;

  g_return_val_if_fail (batch != NULL, NULL);

  s = g_string_new ("{");
  for (guint i = 0; i < JC_N_REJECT_REASONS; i++)
    {
      if (batch->counts[i] == 0)
        continue;
      g_string_append_printf (s, "%s\"%s\":%u", first ? "" : ",", reasons[i].key,
                              batch->counts[i]);
      first = FALSE;
    }
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

GPtrArray *
jc_feed_batch_get_warnings (JcFeedBatch *batch)
{
  g_return_val_if_fail (batch != NULL, NULL);
  return batch->warnings;
}

/* ---- encodings ---- */

gboolean
jc_feed_decode (const char  *data,
                gsize        len,
                char       **converted,
                gsize       *converted_len,
                char       **note,
                GError     **error)
{
  const char *bad = NULL;
  const char *nul;
  gsize n_bad = 0;
  gsize n_chars = 0;  /* valid non-ASCII UTF-8 characters */
  char *out;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (converted != NULL && converted_len != NULL && note != NULL, FALSE);

  *converted = NULL;
  *converted_len = 0;
  *note = NULL;
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, JC_FEED_ERROR, JC_FEED_ERROR_ENCODING,
                   _("The data holds a NUL byte at offset %zu: it is binary, not text"),
                   (gsize) (nul - data));
      return FALSE;
    }
  if (g_utf8_validate (data, len, &bad))
    return TRUE;

  /* UTF-8 with a few damaged bytes, or another encoding?  GBK text read as
   * UTF-8 fails on most of its characters; damaged UTF-8 on a few. */
  for (const char *p = data, *end = data + len; p < end;)
    {
      const char *stop = NULL;
      gboolean valid = g_utf8_validate (p, end - p, &stop);

      for (const char *q = p; q < stop; q++)
        if ((guchar) *q >= 0xC0)
          n_chars++;
      if (valid)
        break;
      n_bad++;
      p = stop + 1;
    }
  if (n_bad * 20 >= n_chars)
    {
      out = g_convert (data, len, "UTF-8", "GB18030", NULL, converted_len, NULL);
      if (out != NULL)
        {
          *converted = out;
          *note = g_strdup (_("The text is not UTF-8; it was read as GB18030 (GBK)"));
          return TRUE;
        }
    }

  out = g_utf8_make_valid (data, len);
  *converted_len = strlen (out);
  *converted = out;
  *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The text is neither UTF-8 nor GB18030: %zu byte (first "
                                        "at offset %zu) was replaced by “�”",
                                        "The text is neither UTF-8 nor GB18030: %zu bytes (first "
                                        "at offset %zu) were replaced by “�”",
                                        n_bad),
                           n_bad, (gsize) (bad - data));
  return TRUE;
}
