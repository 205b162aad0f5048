/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-format.h: the one place numbers become text — money (integer fen),
 * prices (milli-yuan), quantities (milli-units), distances (metres),
 * percentages of exact integer ratios, and the sign of a change.
 *
 * Everything is exact integer arithmetic: no double ever stands between a
 * stored amount and its text.  Whether a fall is written with the ASCII
 * hyphen "-" or the true minus sign U+2212 "−" is decided by one function,
 * jc_format_sign(), through JC_FORMAT_TRUE_MINUS: what files and scripts
 * read (CSV, numbers in XLSX, --json) keeps "-"; the screens, the printed
 * documents and the CLI's text for people ask for "−".
 *
 * It must not translate (the callers put units and words around the
 * numbers in the user's language), read the store, or include GTK. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  JC_FORMAT_NONE       = 0,
  JC_FORMAT_GROUPS     = 1 << 0,  /* digits grouped by three with ",": "1,234.56" */
  JC_FORMAT_YUAN       = 1 << 1,  /* "¥" after the sign: "-¥1.50" */
  JC_FORMAT_PLUS       = 1 << 2,  /* "+" before a value above zero */
  JC_FORMAT_TRUE_MINUS = 1 << 3,  /* U+2212 "−" before a value below zero, not "-" */
} JcFormatFlags;

/* The sign written before `value`: "" for zero (and for a rise without
 * JC_FORMAT_PLUS), "+", "-" or "−".  Static strings. */
const char *jc_format_sign    (gint64         value,
                               JcFormatFlags  flags);

/* value / 10^scale (scale 0…6) with at least min_decimals and at most
 * scale decimals, trailing zeros beyond min_decimals dropped: (12340, 3,
 * 0) is "12.34".  jc_format_decimal_full() adds the sign, groups and ¥ of
 * `flags`. */
char       *jc_format_decimal (gint64         value,
                               int            scale,
                               int            min_decimals);
char       *jc_format_decimal_full (gint64         value,
                                    int            scale,
                                    int            min_decimals,
                                    JcFormatFlags  flags);

/* fen as yuan with two decimals: "1234.56", "-0.05". */
char       *jc_format_fen     (gint64         fen);
/* fen as yuan with two decimals and `flags`: (123456, GROUPS | YUAN) is
 * "¥1,234.56", (-5, YUAN | TRUE_MINUS) "−¥0.05". */
char       *jc_format_money   (gint64         fen,
                               JcFormatFlags  flags);
/* milli-yuan as yuan with two or three decimals: "2.50", "2.125". */
char       *jc_format_price   (gint64         milliyuan);
/* milli-units with up to three decimals, none when whole: "12.5", "3". */
char       *jc_format_qty     (gint64         milli);
/* The same followed by a space and `unit` (already in the user's
 * language): "12.5 kg". */
char       *jc_format_qty_unit (gint64        milli,
                                const char   *unit);
/* metres as kilometres to a tenth, halves up: 12345 → "12.3", 50 → "0.1". */
char       *jc_format_km      (gint64         metres);
/* seconds after midnight as the clock time "HH:MM", to the nearest
 * minute (halves up), on a 24-hour dial (a return at 25:10 reads 01:10);
 * a negative time reads "00:00".  Screens, the CLI and route sheets all
 * show times through this. */
char       *jc_format_clock   (gint64         seconds);

/* change / base as a percentage with two decimals, halves away from zero
 * ("+43.17%" with JC_FORMAT_PLUS), and with up to four when a change that
 * is not zero would read as 0.00% ("-0.0004%"; smaller still
 * "-<0.0001%"), so that a zero is never shown for a rise or a fall.  A
 * zero change is "0.00%".  NULL when `base` is zero. */
char       *jc_format_percent (gint64         change,
                               gint64         base,
                               JcFormatFlags  flags);
/* part / whole as a percentage with exactly two decimals, halves away from
 * zero ("12.50%"; a share too small to show is "0.00%").  NULL when
 * `whole` is zero. */
char       *jc_format_share_percent (gint64        part,
                                     gint64        whole,
                                     JcFormatFlags flags);
/* A change in per mille as a percentage with one decimal: 125 → "12.5%",
 * with the sign of `flags` ("+12.5%", "−0.3%"). */
char       *jc_format_permille_percent (gint64        permille,
                                        JcFormatFlags flags);

/* The longest text from outside that is kept (a market name, a spec, an
 * origin, an order line's note), in characters: a longer one is refused
 * with a message naming the field, never cut and never stored. */
#define JC_MAX_TEXT_CHARS 200
/* How much of a bad value an error message quotes, in characters. */
#define JC_QUOTE_MAX_CHARS 80

/* The number of characters of `text` (NULL: 0), counting every byte
 * that is not a UTF-8 continuation byte: safe on text that is not valid
 * UTF-8, and the same as g_utf8_strlen() on text that is. */
gsize       jc_format_count_chars (const char *text);
/* A value for a message: `text` as valid UTF-8, cut after
 * JC_QUOTE_MAX_CHARS characters with "…" when longer (never inside a
 * character), so that a 10 MB field yields a short message.  NULL reads
 * as "". */
char       *jc_format_quote_value (const char *text);

G_END_DECLS
