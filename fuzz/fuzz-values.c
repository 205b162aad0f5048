/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-values: the parsers of single values typed or read from files —
 * dates and months (jc-date), decimals, quantities, prices and units
 * (jc-units), an order line as typed (jc_order_line_parse), a USDA
 * package text, a --columns mapping, a cell reference.  Each line of the
 * input goes through every one of them; a decimal converts through the
 * unit named on the next line. */
#include "fuzz-common.h"
#include "jc-date.h"
#include "jc-feed.h"
#include "jc-master.h"
#include "jc-orders.h"
#include "jc-units.h"
#include "jc-xlsx-read.h"

static const JcItemUnits item_units[] = {
  { JC_BASE_UNIT_KG, 0, 0 },
  { JC_BASE_UNIT_PIECE, 12000, 250000 },
  { JC_BASE_UNIT_L, 5000, 0 },
};

static void
one_value (const char *text,
           const char *next)
{
  g_autoptr(GError) error = NULL;
  JcDecimal dec;
  GDate date;
  gint64 v;
  int y, m;

  if (jc_date_parse (text, &date))
    {
      char out[JC_DATE_LEN];

      jc_date_format (&date, out);
      jc_date_shift (text, 1, out);
    }
  if (jc_month_parse (text, &y, &m))
    {
      char first[JC_DATE_LEN];

      jc_month_get_n_days (text);
      jc_month_first_day (text, first);
    }
  jc_base_unit_from_string (text, &(JcBaseUnit) { 0 });
  jc_unit_is_known (text);
  for (int scale = 0; scale <= 3; scale++)
    {
      jc_parse_decimal (text, scale, &v, &error);
      g_clear_error (&error);
    }
  if (jc_decimal_parse (text, &dec, &error))
    {
      g_free (jc_decimal_to_string (&dec));
      jc_decimal_sign (&dec);
      for (guint i = 0; i < G_N_ELEMENTS (item_units); i++)
        {
          JcUnitFactor factor;
          g_autoptr(GError) local = NULL;

          if (!jc_unit_resolve (&item_units[i], next, &factor, &local))
            continue;
          jc_decimal_qty_to_base (&dec, &factor, &v, NULL);
          jc_decimal_price_to_base (&dec, &factor, &v, NULL);
        }
    }
  g_clear_error (&error);
  g_free (jc_decimal_text_from_double_text (text));
  jc_usda_package_to_kg_milli (text, &v);
  {
    JcCsvMapping mapping;
    guint col, row;

    if (jc_csv_mapping_parse (text, &mapping, NULL))
      g_free (jc_csv_mapping_to_string (&mapping));
    jc_xlsx_parse_ref (text, &col, &row);
  }
  {
    char *aliases[] = { (char *) "白菜", NULL };
    JcItem item = { 1, (char *) "V001", (char *) "大白菜", (char *) "veg", (char *) "dbc",
                    aliases, JC_BASE_UNIT_KG, 10000, 0, 50, TRUE };
    JcOrderLine *line = jc_order_line_parse (&item, text, next, text, NULL);

    g_clear_pointer (&line, jc_order_line_free);
  }
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 64);

  for (guint i = 0; lines[i] != NULL; i++)
    one_value (lines[i], lines[i + 1] != NULL ? lines[i + 1] : "");
  return 0;
}
