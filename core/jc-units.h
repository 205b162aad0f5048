/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-units.h: exact integer quantities, prices and money.
 *
 * Quantities are milli-units of an item's base unit (kg, piece, L), prices
 * milli-yuan per base unit, money fen.  Nothing here uses floating point.  A
 * conversion that does not come out whole rounds half up (away from zero for
 * negative values), once, at the edge.  Every operation refuses overflow with
 * JC_UNITS_ERROR_OVERFLOW instead of wrapping. */
#pragma once

#include <glib.h>

#include "jc-format.h"

G_BEGIN_DECLS

typedef enum {
  JC_BASE_UNIT_KG,
  JC_BASE_UNIT_PIECE,
  JC_BASE_UNIT_L,
} JcBaseUnit;

/* How an item counts: what a unit text like "斤" or "箱" means for it. */
typedef struct {
  JcBaseUnit base_unit;
  gint64     pack_milli;    /* one pack in milli base units, 0: no pack */
  gint64     piece_mass_mg; /* mean mass of one piece in milligrams, 0: unknown */
} JcItemUnits;

/* 1 unit = num / den base units. */
typedef struct {
  gint64 num;
  gint64 den;
} JcUnitFactor;

/* The largest quantity or price we accept anywhere: 10^15 milli-units
 * (10^12 kg), far above any real order, far enough below overflow that
 * sums of many of them still fit in 64 bits. */
#define JC_MAX_MILLI G_GINT64_CONSTANT (1000000000000000)

const char *jc_base_unit_to_string   (JcBaseUnit   unit);
const char *jc_base_unit_to_display  (JcBaseUnit   unit);
gboolean    jc_base_unit_from_string (const char  *text,
                                      JcBaseUnit  *out);

gboolean jc_mul_div_round  (gint64   a,
                            gint64   b,
                            gint64   den,
                            gint64  *out,
                            GError **error);
gboolean jc_line_cost_fen  (gint64   qty_milli,
                            gint64   price_milliyuan,
                            gint64  *out_fen,
                            GError **error);
gboolean jc_checked_add    (gint64   a,
                            gint64   b,
                            gint64  *out,
                            GError **error);

/* A decimal exactly as typed: num / 10^decimals.  "1.0009" is {10009, 4}.
 * Conversions take it whole and round once, at the end, so that 1.0009 斤
 * is 500.45 g → 500 g, never 1.001 斤 → 500.5 g → 501 g. */
typedef struct {
  gint64 num;
  int    decimals;  /* 0 … JC_DECIMAL_MAX_DECIMALS */
} JcDecimal;

/* Every field takes up to nine decimals; a tenth significant one is
 * refused (JC_UNITS_ERROR_TOO_PRECISE), never rounded away silently. */
#define JC_DECIMAL_MAX_DECIMALS 9

gboolean jc_decimal_parse  (const char *text,
                            JcDecimal  *out,
                            GError    **error);
gboolean jc_decimal_scale  (const JcDecimal *value,
                            int              scale,
                            gint64           mul,
                            gint64           div,
                            gint64          *out,
                            GError         **error);
gboolean jc_decimal_qty_to_base   (const JcDecimal    *qty,
                                   const JcUnitFactor *factor,
                                   gint64             *out_milli,
                                   GError            **error);
gboolean jc_decimal_price_to_base (const JcDecimal    *price,
                                   const JcUnitFactor *factor,
                                   gint64             *out_milliyuan,
                                   GError            **error);
JcDecimal jc_decimal_from_milli   (gint64              milli);
char     *jc_decimal_text_from_double_text (const char *text);
gboolean  jc_decimal_is_zero      (const JcDecimal    *value);
int       jc_decimal_sign         (const JcDecimal    *value);
char     *jc_decimal_to_string    (const JcDecimal    *value);

gboolean jc_parse_decimal  (const char *text,
                            int         scale,
                            gint64     *out,
                            GError    **error);

/* TRUE when `text` is written as a plain decimal: an optional sign, ASCII
 * digits and at most one ".", at least one digit, nothing around.  What
 * strtod() also takes — "0x10", "1e3", "inf", "nan", blanks — is not. */
gboolean jc_text_is_plain_decimal (const char *text);

/* jc_format_decimal(), jc_format_fen(), jc_format_price(),
 * jc_format_qty(): jc-format.h. */

gboolean jc_unit_is_known  (const char *unit_text);
gboolean jc_unit_resolve   (const JcItemUnits *item,
                            const char        *unit_text,
                            JcUnitFactor      *out,
                            GError           **error);
char   **jc_unit_list_for_item (const JcItemUnits *item);
gboolean jc_qty_to_base    (gint64              qty_milli,
                            const JcUnitFactor *factor,
                            gint64             *out_milli,
                            GError            **error);
gboolean jc_price_to_base  (gint64              price_milliyuan,
                            const JcUnitFactor *factor,
                            gint64             *out_milliyuan,
                            GError            **error);

G_END_DECLS
