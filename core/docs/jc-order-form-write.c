/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form-write.c: the order forms a canteen fills in — an XLSX
 * workbook (libxlsxwriter) and a CSV.  The XLSX form carries a marker
 * (canteen and date) in a hidden cell, a defined name and a visible line,
 * so that an import can tell whose form it is and for which day. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-form"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jc-error.h"
#include "jc-order-form.h"
#include "jc-date.h"
#include "jc-order-form-write.h"
#include "jc-xlsx-formats.h"

static const char *help_zh =
  "只在“数量”列（E列）填写要订的数量，单位见“单位”列（C列）；不订的品种请留空。"
  "要求写在“备注”列（F列）。请勿修改其他内容，保存为 XLSX 后交回。"
  "截止时间后交回的订单需采购员确认。";
static const char *help_en =
  "Type the quantity to order in the Quantity column (E), in the unit shown in column C; "
  "leave items you do not need empty.  Notes go in column F.  Change nothing else, save as "
  "XLSX and send it back.  An order sent after the cutoff needs procurement's approval.";

static const char *headers[] = {
  JC_ORDER_FORM_HEADING_CODE, JC_ORDER_FORM_HEADING_NAME, JC_ORDER_FORM_HEADING_UNIT,
  JC_ORDER_FORM_HEADING_LAST, JC_ORDER_FORM_HEADING_QTY, JC_ORDER_FORM_HEADING_NOTE,
};

static gboolean
check_date (const char  *date,
            GError     **error)
{
  if (!jc_date_is_valid (date))
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE,
                   _("date: “%s” is not a date (YYYY-MM-DD)"), date ? date : "");
      return FALSE;
    }
  return TRUE;
}

/* What every form needs from the store: the canteen, the active catalog,
 * the category names. */
typedef struct {
  JcCanteen  *canteen;
  GPtrArray  *items;        /* JcItem *, active, by category then code */
  GHashTable *categories;   /* code → name (borrowed from cats) */
  GPtrArray  *cats;
} FormData;

static void
form_data_clear (FormData *fd)
{
  g_clear_pointer (&fd->canteen, jc_canteen_free);
  g_clear_pointer (&fd->items, g_ptr_array_unref);
  g_clear_pointer (&fd->categories, g_hash_table_unref);
  g_clear_pointer (&fd->cats, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormData, form_data_clear)

static gboolean
form_data_load (JcStore     *store,
                const char  *canteen_code,
                const char  *date,
                FormData    *fd,
                GError     **error)
{
  if (!check_date (date, error))
    return FALSE;
  fd->canteen = jc_store_get_canteen (store, canteen_code, error);
  if (fd->canteen == NULL)
    return FALSE;
  fd->items = jc_store_list_items (store, FALSE, error);
  if (fd->items == NULL)
    return FALSE;
  fd->cats = jc_store_list_categories (store, error);
  if (fd->cats == NULL)
    return FALSE;
  fd->categories = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < fd->cats->len; i++)
    {
      JcCategory *c = fd->cats->pdata[i];

      g_hash_table_insert (fd->categories, c->code, c->name);
    }
  return TRUE;
}

/* Writes to a temporary file beside `path` and renames it into place, so
 * that a failed write never leaves half a form under the real name. */
static gboolean
lxw_check (lxw_error    err,
           const char  *path,
           GError     **error)
{
  if (err == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
               _("Could not write the order form %s: %s"), path, lxw_strerror (err));
  return FALSE;
}

typedef struct {
  lxw_format *title;
  lxw_format *label;
  lxw_format *value;
  lxw_format *help;
  lxw_format *header;
  lxw_format *category;
  lxw_format *locked;
  lxw_format *last_week;
  lxw_format *qty;
  lxw_format *note;
} Formats;

static void
make_formats (lxw_workbook *wb,
              Formats      *f)
{
  f->title = workbook_add_format (wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 14);

  f->label = workbook_add_format (wb);
  format_set_bold (f->label);

  f->value = workbook_add_format (wb);

  f->help = workbook_add_format (wb);
  format_set_font_color (f->help, 0x555555);

  /* the workbooks' column headings, on one line */
  f->header = jc_xlsx_add_header_format (wb, FALSE);

  f->category = workbook_add_format (wb);
  format_set_bold (f->category);
  format_set_bg_color (f->category, 0xEDEDED);

  f->locked = workbook_add_format (wb);
  format_set_border (f->locked, LXW_BORDER_THIN);

  f->last_week = workbook_add_format (wb);
  format_set_border (f->last_week, LXW_BORDER_THIN);
  format_set_font_color (f->last_week, 0x777777);

  /* The two columns a canteen fills in: unlocked, and tinted so that they
   * stand out. */
  f->qty = workbook_add_format (wb);
  format_set_unlocked (f->qty);
  format_set_border (f->qty, LXW_BORDER_THIN);
  format_set_bg_color (f->qty, 0xFFF2CC);

  f->note = workbook_add_format (wb);
  format_set_unlocked (f->note);
  format_set_border (f->note, LXW_BORDER_THIN);
  format_set_bg_color (f->note, 0xFFF2CC);
}

/* Writes the workbook to `tmp`; messages name `path`, the file the
 * person asked for. */
static gboolean
write_workbook (JcStore      *store,
                FormData     *fd,
                const char   *date,
                const char   *tmp,
                const char   *path,
                GError      **error)
{
  lxw_workbook_options opts = { .constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0 };
  lxw_workbook *wb = workbook_new_opt (tmp, &opts);
  lxw_worksheet *ws;
  lxw_protection prot = { 0 };
  lxw_data_validation dv = { 0 };
  lxw_row_col_options hidden = { .hidden = 1, .level = 0, .collapsed = 0 };
  g_autofree char *marker = jc_order_form_marker (fd->canteen->code, date);
  g_autofree char *name_formula = NULL;
  g_autofree char *cutoff = jc_orders_cutoff_for (store, date);
  g_autoptr(JcOrder) last = NULL;
  g_autoptr(GHashTable) last_qty = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *title = NULL;
  const char *prev_cat = NULL;
  char prev_date[11];
  lxw_row_t r;
  lxw_row_t first_item_row = 0, last_item_row = 0;
  Formats f;

  if (wb == NULL)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not create the order form %s"), path);
      return FALSE;
    }
  make_formats (wb, &f);
  ws = workbook_add_worksheet (wb, date);
  if (ws == NULL)
    {
      workbook_close (wb);
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_FAILED,
                   _("Could not create the order form %s"), path);
      return FALSE;
    }

  /* Last week's order, same weekday, for reference. */
  jc_date_shift (date, -7, prev_date);
  last = jc_store_get_order (store, fd->canteen->code, prev_date, error);
  if (last == NULL)
    {
      workbook_close (wb);
      return FALSE;
    }
  for (guint i = 0; i < last->lines->len; i++)
    {
      JcOrderLine *l = last->lines->pdata[i];

      g_hash_table_insert (last_qty, &l->item_id, &l->qty_milli);
    }

  worksheet_set_column (ws, JC_ORDER_FORM_COL_CODE, JC_ORDER_FORM_COL_CODE, 12, NULL);
  worksheet_set_column (ws, JC_ORDER_FORM_COL_NAME, JC_ORDER_FORM_COL_NAME, 20, NULL);
  worksheet_set_column (ws, JC_ORDER_FORM_COL_UNIT, JC_ORDER_FORM_COL_UNIT, 10, NULL);
  worksheet_set_column (ws, JC_ORDER_FORM_COL_LAST_WEEK, JC_ORDER_FORM_COL_LAST_WEEK, 14, NULL);
  worksheet_set_column (ws, JC_ORDER_FORM_COL_QTY, JC_ORDER_FORM_COL_QTY, 14, NULL);
  worksheet_set_column (ws, JC_ORDER_FORM_COL_NOTE, JC_ORDER_FORM_COL_NOTE, 30, NULL);
  worksheet_set_column_opt (ws, JC_ORDER_FORM_COL_MARKER, JC_ORDER_FORM_COL_MARKER,
                            LXW_DEF_COL_WIDTH, NULL, &hidden);

  /* The header block. */
  title = g_strdup_printf ("集采订货单 Order form — %s %s", fd->canteen->code, fd->canteen->name);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_TITLE - 1, 0, title, f.title);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_TITLE - 1, JC_ORDER_FORM_COL_MARKER, marker, NULL);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_CANTEEN - 1, 0, "食堂 Canteen", f.label);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_CANTEEN - 1, 1, fd->canteen->code, f.value);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_CANTEEN - 1, 2, fd->canteen->name, f.value);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_DATE - 1, 0, "送货日期 Delivery date", f.label);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_DATE - 1, 1, date, f.value);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_CUTOFF - 1, 0, "截止时间 Cutoff", f.label);
  g_strdelimit (cutoff, "T", ' ');
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_CUTOFF - 1, 1, cutoff, f.value);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_HELP_ZH - 1, 0, "填写说明", f.label);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_HELP_ZH - 1, 1, help_zh, f.help);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_HELP_EN - 1, 0, "Instructions", f.label);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_HELP_EN - 1, 1, help_en, f.help);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_FORM_ID - 1, 0, "表单标识 Form ID", f.label);
  worksheet_write_string (ws, JC_ORDER_FORM_ROW_FORM_ID - 1, 1, marker, f.help);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (ws, JC_ORDER_FORM_ROW_HEADER - 1, (lxw_col_t) c, headers[c], f.header);

  /* The catalog, a heading row per category. */
  r = JC_ORDER_FORM_FIRST_ROW - 1;
  for (guint i = 0; i < fd->items->len; i++, r++)
    {
      JcItem *item = fd->items->pdata[i];
      gint64 *lw = g_hash_table_lookup (last_qty, &item->id);

      if (prev_cat == NULL || g_strcmp0 (prev_cat, item->category) != 0)
        {
          const char *cat_name = g_hash_table_lookup (fd->categories, item->category);

          for (lxw_col_t c = 0; c <= JC_ORDER_FORM_COL_NOTE; c++)
            worksheet_write_blank (ws, r, c, f.category);
          worksheet_write_string (ws, r, JC_ORDER_FORM_COL_NAME,
                                  cat_name ? cat_name : item->category, f.category);
          prev_cat = item->category;
          r++;
        }
      worksheet_write_string (ws, r, JC_ORDER_FORM_COL_CODE, item->code, f.locked);
      worksheet_write_string (ws, r, JC_ORDER_FORM_COL_NAME, item->name, f.locked);
      worksheet_write_string (ws, r, JC_ORDER_FORM_COL_UNIT,
                              jc_order_form_unit_display (item->base_unit), f.locked);
      if (lw != NULL)
        /* libxlsxwriter only takes doubles; milli-units below 2^53 convert
         * exactly to the nearest double and print back as the same decimal. */
        worksheet_write_number (ws, r, JC_ORDER_FORM_COL_LAST_WEEK, (double) *lw / 1000.0,
                                f.last_week);
      else
        worksheet_write_blank (ws, r, JC_ORDER_FORM_COL_LAST_WEEK, f.last_week);
      worksheet_write_blank (ws, r, JC_ORDER_FORM_COL_QTY, f.qty);
      worksheet_write_blank (ws, r, JC_ORDER_FORM_COL_NOTE, f.note);
      if (first_item_row == 0)
        first_item_row = r;
      last_item_row = r;
    }

  if (first_item_row > 0)
    {
      dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
      dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      dv.minimum_number = 0;
      dv.maximum_number = JC_ORDER_FORM_ABSURD_UNITS;
      dv.ignore_blank = LXW_VALIDATION_ON;
      dv.show_input = LXW_VALIDATION_ON;
      dv.show_error = LXW_VALIDATION_ON;
      dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      dv.input_title = (char *) "数量 Quantity";
      dv.input_message = (char *) "请填写要订的数量（0 以上的数字，单位见 C 列）；不订请留空。";
      dv.error_title = (char *) "数量不对";
      dv.error_message = (char *) "数量必须是 0 到 100000 之间的数字，不能写单位或文字。";
      if (!lxw_check (worksheet_data_validation_range (ws, first_item_row, JC_ORDER_FORM_COL_QTY,
                                                       last_item_row, JC_ORDER_FORM_COL_QTY, &dv),
                      path, error))
        {
          workbook_close (wb);
          return FALSE;
        }
    }
  worksheet_freeze_panes (ws, JC_ORDER_FORM_ROW_HEADER, 0);

  /* Protected without a password: it stops accidental edits of the
   * catalog, not a determined person; the import checks everything anyway.
   * Resizing rows and columns stays allowed. */
  prot.format_columns = 1;
  prot.format_rows = 1;
  worksheet_protect (ws, NULL, &prot);

  name_formula = g_strdup_printf ("=\"%s\"", marker);
  if (!lxw_check (workbook_define_name (wb, JC_ORDER_FORM_DEFINED_NAME, name_formula), path, error))
    {
      workbook_close (wb);
      return FALSE;
    }
  return lxw_check (workbook_close (wb), path, error);
}

/**
 * jc_order_form_write:
 * Writes the XLSX order form of `canteen_code` for delivery `date` to
 * `path`: one sheet named by the date, the header block (canteen, date,
 * cutoff, instructions in Chinese and English, the form marker), then the
 * active catalog by category with last week's quantities; only the
 * quantity and note cells are unlocked.  Errors: JC_VALIDATE_ERROR (bad
 * date), JC_STORE_ERROR_NOT_FOUND (no such canteen), JC_ORDER_FORM_ERROR.
 */
gboolean
jc_order_form_write (JcStore        *store,
                     const char     *canteen_code,
                     const char     *date,
                     const char     *path,
                     JcOutputFlags   flags,
                     GError        **error)
{
  g_auto(FormData) fd = { 0 };
  g_autoptr(JcOutput) out = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!form_data_load (store, canteen_code, date, &fd, error))
    return FALSE;
  out = jc_output_begin (path, flags, error);
  if (out == NULL)
    return FALSE;
  return write_workbook (store, &fd, date, jc_output_get_temp_path (out), path, error) &&
         jc_output_commit (out, error);
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * jc_order_form_write_csv:
 * Writes the CSV order form: the header `canteen,date,item,qty,unit,note`
 * and a row per active item with the quantity empty.  Items are named by
 * name (by code when another active item has the same name).  UTF-8 with
 * a byte-order mark and CRLF line ends, which is what makes Chinese Excel
 * open it as UTF-8.  Errors as jc_order_form_write().
 */
gboolean
jc_order_form_write_csv (JcStore        *store,
                         const char     *canteen_code,
                         const char     *date,
                         const char     *path,
                         JcOutputFlags   flags,
                         GError        **error)
{
  g_auto(FormData) fd = { 0 };
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF" JC_ORDER_FORM_CSV_HEADER "\r\n");
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!form_data_load (store, canteen_code, date, &fd, error))
    return FALSE;
  for (guint i = 0; i < fd.items->len; i++)
    {
      JcItem *item = fd.items->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (names, item->name));

      g_hash_table_insert (names, item->name, GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < fd.items->len; i++)
    {
      JcItem *item = fd.items->pdata[i];
      gboolean unique = GPOINTER_TO_UINT (g_hash_table_lookup (names, item->name)) == 1;

      csv_field (out, fd.canteen->code);
      g_string_append_c (out, ',');
      csv_field (out, date);
      g_string_append_c (out, ',');
      csv_field (out, unique ? item->name : item->code);
      g_string_append (out, ",,");
      csv_field (out, jc_order_form_unit_display (item->base_unit));
      g_string_append (out, ",\r\n");
    }
  return jc_output_save (path, flags, out->str, out->len, error);
}
