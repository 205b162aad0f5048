/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-xlsx: the XLSX reader (jc-xlsx-read) on a workbook in memory, with
 * the order form's limits: every sheet streamed, every cell's date text
 * taken, the defined names looked up. */
#include "fuzz-common.h"
#include "jc-order-form.h"
#include "jc-xlsx-read.h"

static const JcXlsxLimits limits = {
  .max_part_bytes = JC_ORDER_FORM_MAX_PART_BYTES,
  .max_total_bytes = JC_ORDER_FORM_MAX_TOTAL_BYTES,
  .max_ratio = JC_ORDER_FORM_MAX_RATIO,
  .ratio_min_bytes = JC_ORDER_FORM_RATIO_MIN_BYTES,
  .max_entries = JC_ORDER_FORM_MAX_ENTRIES,
};

static void
on_cell (const JcXlsxCell *cell,
         gpointer          user_data)
{
  guint *n = user_data;

  g_free (jc_xlsx_cell_date_text (cell));
  g_free (jc_xlsx_col_letters (cell->col));
  (*n)++;
}

static void
on_row_end (guint    row,
            gpointer user_data)
{
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
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcXlsx) xlsx = jc_xlsx_open ("fuzz.xlsx", bytes, &limits, &error);
  guint n = 0;

  if (xlsx == NULL)
    return 0;
  jc_xlsx_get_defined_name (xlsx, "JicaiForm");
  jc_xlsx_find_sheet (xlsx, "订货单");
  for (guint i = 0; i < jc_xlsx_get_n_sheets (xlsx); i++)
    {
      g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) sheet_error = NULL;

      jc_xlsx_read_sheet (xlsx, jc_xlsx_get_sheet (xlsx, i), on_cell, on_row_end, &n,
                          merges, &sheet_error);
    }
  return 0;
}
