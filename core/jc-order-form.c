/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form.c: what the order form's writer (core/docs/
 * jc-order-form-write.c) and its reader and importer share — the error
 * domain, the marker that names a form's canteen and date, and the unit a
 * form shows.  It must not read or write a file. */
#include "config.h"

#include "jc-order-form.h"

G_DEFINE_QUARK (jc-order-form-error-quark, jc_order_form_error)

/**
 * jc_order_form_marker:
 * The machine-readable marker of a form: "jicai-order-form v1;CT01;2026-12-01".
 * Free with g_free().
 */
char *
jc_order_form_marker (const char *canteen_code,
                      const char *date)
{
  return g_strdup_printf ("%s;%s;%s", JC_ORDER_FORM_MARKER_PREFIX, canteen_code, date);
}

/* The unit a form shows for an item's base unit. */
const char *
jc_order_form_unit_display (JcBaseUnit unit)
{
  switch (unit)
    {
    case JC_BASE_UNIT_KG: return "公斤";
    case JC_BASE_UNIT_PIECE: return "个";
    case JC_BASE_UNIT_L: return "L";
    default: g_return_val_if_reached ("公斤");
    }
}
