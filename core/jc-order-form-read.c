/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form-read.c: order files into a JcParsedForm — the filled
 * lines as text, each with the row it came from.  No catalog, no store:
 * only what the file itself says, and whether it is a form at all.
 *
 * Files come from outside, so everything is bounded before it is read:
 * the file's size from its metadata, each zip entry's unpacked size and
 * ratio from the zip's directory (never by inflating first), every read
 * into a buffer of the size the directory declared.  XML parts are parsed
 * without network access, without entity substitution, and a part that
 * declares a DTD is refused outright (OOXML parts never have one), so
 * neither external entities nor entity expansion bombs get a chance. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-form"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <zip.h>

#include "jc-csv.h"
#include "jc-input.h"
#include "jc-output.h"
#include "jc-order-form.h"
#include "jc-units.h"
#include "jc-xlsx-read.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static const char *field_labels[JC_FORM_N_FIELDS] = {
  [JC_FORM_FIELD_CANTEEN] = N_("canteen"),
  [JC_FORM_FIELD_DATE] = N_("delivery date"),
  [JC_FORM_FIELD_ITEM] = N_("item code"),
  [JC_FORM_FIELD_NAME] = N_("item name"),
  [JC_FORM_FIELD_UNIT] = N_("unit"),
  [JC_FORM_FIELD_QTY] = N_("quantity"),
  [JC_FORM_FIELD_NOTE] = N_("note"),
};

/* ---- messages and parsed forms ---------------------------------------- */

/**
 * jc_form_message_new:
 * A message located at `row` (0: the whole file) and `column` (NULL: no
 * column) of `file`.  Free with jc_form_message_free().
 */
JcFormMessage *
jc_form_message_new (JcFormMessageKind  kind,
                     const char        *file,
                     JcFormFormat       format,
                     guint              row,
                     const char        *column,
                     const char        *message)
{
  JcFormMessage *m = g_new0 (JcFormMessage, 1);
  gboolean csv = format == JC_FORM_FORMAT_CSV;

  m->kind = kind;
  m->file = g_strdup (file);
  m->row = row;
  m->column = g_strdup (column);
  m->message = g_strdup (message);
  if (row == 0 && g_str_has_prefix (message, file))
    m->text = g_strdup (message);   /* it names the file already */
  else if (row == 0)
    m->text = g_strdup_printf ("%s: %s", file, message);
  /* Whole sentences, so that a translation can order them ("第 14 行，E 列"). */
  else if (column == NULL)
    m->text = g_strdup_printf (csv ? _("%s: line %u: %s") : _("%s: row %u: %s"), file, row,
                               message);
  else
    m->text = g_strdup_printf (csv ? _("%s: line %u, column %s: %s") : _("%s: row %u, column %s: %s"),
                               file, row, column, message);
  return m;
}

void
jc_form_message_free (JcFormMessage *m)
{
  if (m == NULL)
    return;
  g_free (m->file);
  g_free (m->column);
  g_free (m->message);
  g_free (m->text);
  g_free (m);
}

static JcFormRow *
form_row_new (guint row)
{
  JcFormRow *r = g_new0 (JcFormRow, 1);

  r->row = row;
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    r->values[i] = g_strdup ("");
  return r;
}

void
jc_form_row_free (JcFormRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    g_free (row->values[i]);
  g_free (row);
}

static void
form_row_set (JcFormRow   *row,
              JcFormField  field,
              const char  *text)
{
  g_free (row->values[field]);
  row->values[field] = g_strstrip (g_strdup (text ? text : ""));
}

static JcParsedForm *
parsed_form_new (const char   *path,
                 JcFormFormat  format)
{
  JcParsedForm *f = g_new0 (JcParsedForm, 1);

  f->path = g_strdup (path);
  f->format = format;
  f->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_row_free);
  f->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_message_free);
  return f;
}

void
jc_parsed_form_free (JcParsedForm *form)
{
  if (form == NULL)
    return;
  g_free (form->path);
  g_free (form->canteen);
  g_free (form->date);
  for (guint i = 0; i < JC_FORM_N_FIELDS; i++)
    g_free (form->columns[i]);
  g_ptr_array_unref (form->rows);
  g_ptr_array_unref (form->problems);
  g_free (form);
}

/**
 * jc_parsed_form_locate:
 * Where `field` of the line at `row` is, as a person finds it: "row 14,
 * column E (quantity)" or "line 7, column qty".  Free with g_free().
 */
char *
jc_parsed_form_locate (const JcParsedForm *form,
                       guint               row,
                       JcFormField         field)
{
  guint r = form->fixed_rows[field] ? form->fixed_rows[field] : row;
  const char *col = form->columns[field];
  gboolean csv = form->format == JC_FORM_FORMAT_CSV;

  if (col == NULL)
    return g_strdup_printf (csv ? _("line %u") : _("row %u"), r);
  return g_strdup_printf (csv ? _("line %u, column %s") : _("row %u, column %s"), r, col);
}

static void G_GNUC_PRINTF (4, 5)
add_problem (JcParsedForm *form,
             guint         row,
             const char   *column,
             const char   *fmt,
             ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_ptr_array_add (form->problems,
                   jc_form_message_new (JC_FORM_MESSAGE_ERROR, form->path, form->format, row,
                                        column, msg));
}

/* ---- the file ---------------------------------------------------------- */

/* "20.0 MiB", with a plain space (GLib puts a no-break space there), so
 * that a message reads and greps the same in a terminal and a log. */
/* The file's bytes, refusing before reading what is too large or empty. */
static GBytes *
read_bounded (const char  *path,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = jc_input_read_file (path, JC_ORDER_FORM_MAX_FILE_BYTES,
                                                _("an order file"), &local);

  if (bytes == NULL)
    {
      if (local->domain == JC_INPUT_ERROR)
        g_set_error_literal (error, JC_ORDER_FORM_ERROR,
                             local->code == JC_INPUT_ERROR_TOO_LARGE ? JC_ORDER_FORM_ERROR_TOO_LARGE
                                                                     : JC_ORDER_FORM_ERROR_FAILED,
                             local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY,
                   _("%s is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

static gboolean
has_suffix_ci (const char *path,
               const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, suffix);
}

/* ---- XLSX: the form sheet ---------------------------------------------- */

#define N_KEPT_COLS (JC_ORDER_FORM_COL_MARKER + 1)

typedef struct {
  JcParsedForm *form;
  char         *marker_cell;
  JcXlsxCell    canteen_cell;
  JcXlsxCell    date_cell;
  char         *headings[JC_ORDER_FORM_COL_NOTE + 1];
  JcXlsxCell    row_cells[N_KEPT_COLS];   /* the current row, A to H */
  guint         row;
} FormSheet;

static void
form_sheet_clear_row (FormSheet *fs)
{
  for (guint i = 0; i < N_KEPT_COLS; i++)
    jc_xlsx_cell_clear (&fs->row_cells[i]);
}

static const char *
column_field_label (guint col)
{
  switch (col)
    {
    case JC_ORDER_FORM_COL_CODE: return _(field_labels[JC_FORM_FIELD_ITEM]);
    case JC_ORDER_FORM_COL_NAME: return _(field_labels[JC_FORM_FIELD_NAME]);
    case JC_ORDER_FORM_COL_UNIT: return _(field_labels[JC_FORM_FIELD_UNIT]);
    case JC_ORDER_FORM_COL_LAST_WEEK: return _("last week");
    case JC_ORDER_FORM_COL_QTY: return _(field_labels[JC_FORM_FIELD_QTY]);
    case JC_ORDER_FORM_COL_NOTE: return _(field_labels[JC_FORM_FIELD_NOTE]);
    default: return NULL;
    }
}

/* "E (quantity)" for the form's columns, "G" for the others.  In the
 * header block, B is the canteen or the date. */
static char *
column_name (guint col,
             guint row)
{
  g_autofree char *letters = jc_xlsx_col_letters (col);
  const char *label = NULL;

  if (row >= JC_ORDER_FORM_ROW_HEADER)
    label = column_field_label (col);
  else if (row == JC_ORDER_FORM_ROW_CANTEEN && col == 1)
    label = _(field_labels[JC_FORM_FIELD_CANTEEN]);
  else if (row == JC_ORDER_FORM_ROW_DATE && col == 1)
    label = _(field_labels[JC_FORM_FIELD_DATE]);
  if (label == NULL)
    return g_steal_pointer (&letters);
  return g_strdup_printf ("%s (%s)", letters, label);
}

static void
copy_cell (JcXlsxCell       *dst,
           const JcXlsxCell *src)
{
  jc_xlsx_cell_clear (dst);
  *dst = *src;
  dst->text = g_strdup (src->text);
}

static void
on_form_cell (const JcXlsxCell *cell,
              gpointer    data)
{
  FormSheet *fs = data;

  if (cell->formula)
    {
      g_autofree char *col = column_name (cell->col, cell->row);

      add_problem (fs->form, cell->row, col, _("formulas are not accepted, type the number"));
      return;
    }
  if (cell->row < JC_ORDER_FORM_FIRST_ROW)
    {
      if (cell->row == JC_ORDER_FORM_ROW_TITLE && cell->col == JC_ORDER_FORM_COL_MARKER &&
          cell->kind == JC_XLSX_CELL_STRING)
        {
          g_free (fs->marker_cell);
          fs->marker_cell = g_strdup (cell->text);
        }
      else if (cell->row == JC_ORDER_FORM_ROW_CANTEEN && cell->col == 1)
        copy_cell (&fs->canteen_cell, cell);
      else if (cell->row == JC_ORDER_FORM_ROW_DATE && cell->col == 1)
        copy_cell (&fs->date_cell, cell);
      else if (cell->row == JC_ORDER_FORM_ROW_HEADER && cell->col <= JC_ORDER_FORM_COL_NOTE)
        {
          g_free (fs->headings[cell->col]);
          fs->headings[cell->col] = g_strdup (cell->text);
        }
      return;
    }
  if (cell->col < N_KEPT_COLS)
    {
      copy_cell (&fs->row_cells[cell->col], cell);
      fs->row = cell->row;
      return;
    }
  if (cell->text != NULL && *cell->text != '\0')
    {
      g_autofree char *col = column_name (cell->col, cell->row);

      add_problem (fs->form, cell->row, col,
                   _("“%s” is outside the form; quantities go in column E and notes in column F"),
                   cell->text);
    }
}

static const char *
cell_text (const JcXlsxCell *c)
{
  return c->text ? c->text : "";
}

static void
on_form_row_end (guint    row,
                 gpointer data)
{
  FormSheet *fs = data;
  JcXlsxCell *qty = &fs->row_cells[JC_ORDER_FORM_COL_QTY];
  JcXlsxCell *note = &fs->row_cells[JC_ORDER_FORM_COL_NOTE];
  JcXlsxCell *code = &fs->row_cells[JC_ORDER_FORM_COL_CODE];
  g_autofree char *qty_col = column_name (JC_ORDER_FORM_COL_QTY, row);
  g_autofree char *qty_text = g_strstrip (g_strdup (cell_text (qty)));
  g_autofree char *note_text = g_strstrip (g_strdup (cell_text (note)));
  JcFormRow *r;

  if (row < JC_ORDER_FORM_FIRST_ROW || fs->row != row)
    {
      form_sheet_clear_row (fs);
      return;
    }
  for (guint c = 0; c < N_KEPT_COLS; c++)
    {
      JcXlsxCell *cell = &fs->row_cells[c];

      if (cell->text == NULL || *cell->text == '\0' || c == JC_ORDER_FORM_COL_QTY || c == JC_ORDER_FORM_COL_NOTE ||
          c == JC_ORDER_FORM_COL_CODE || c == JC_ORDER_FORM_COL_NAME ||
          c == JC_ORDER_FORM_COL_UNIT || c == JC_ORDER_FORM_COL_LAST_WEEK)
        continue;
      {
        g_autofree char *col = column_name (c, row);

        add_problem (fs->form, row, col,
                     _("“%s” is outside the form; quantities go in column E and notes in column F"),
                     cell->text);
      }
    }
  if (*qty_text == '\0' && *note_text == '\0')
    {
      form_sheet_clear_row (fs);
      return;
    }
  if (qty->text != NULL && (qty->kind == JC_XLSX_CELL_BOOL || qty->kind == JC_XLSX_CELL_ERROR))
    {
      add_problem (fs->form, row, qty_col,
                   qty->kind == JC_XLSX_CELL_ERROR
                     ? _("“%s” is a spreadsheet error, not a number")
                     : _("“%s” is not a number"), qty->text);
      form_sheet_clear_row (fs);
      return;
    }
  if (code->text == NULL || *g_strstrip (code->text) == '\0')
    {
      if (*qty_text != '\0')
        add_problem (fs->form, row, qty_col,
                     _("this row has no item (it is a category heading or outside the catalog); "
                       "put quantities on the item rows"));
      else
        {
          g_autofree char *note_col = column_name (JC_ORDER_FORM_COL_NOTE, row);

          add_problem (fs->form, row, note_col,
                       _("this row has no item (it is a category heading or outside the catalog); "
                         "put notes on the item rows"));
        }
      form_sheet_clear_row (fs);
      return;
    }
  r = form_row_new (row);
  form_row_set (r, JC_FORM_FIELD_ITEM, code->text);
  form_row_set (r, JC_FORM_FIELD_NAME, fs->row_cells[JC_ORDER_FORM_COL_NAME].text);
  form_row_set (r, JC_FORM_FIELD_UNIT, fs->row_cells[JC_ORDER_FORM_COL_UNIT].text);
  form_row_set (r, JC_FORM_FIELD_QTY, qty_text);
  form_row_set (r, JC_FORM_FIELD_NOTE, note_text);
  g_ptr_array_add (fs->form->rows, r);
  form_sheet_clear_row (fs);
}

static void
form_sheet_clear (FormSheet *fs)
{
  form_sheet_clear_row (fs);
  jc_xlsx_cell_clear (&fs->canteen_cell);
  jc_xlsx_cell_clear (&fs->date_cell);
  g_free (fs->marker_cell);
  for (guint i = 0; i < G_N_ELEMENTS (fs->headings); i++)
    g_free (fs->headings[i]);
}

static gboolean
split_marker (const char  *path,
              const char  *marker,
              char       **canteen,
              char       **date,
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (marker, ";", -1);

  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], JC_ORDER_FORM_MARKER_PREFIX) &&
      *parts[1] != '\0')
    {
      *canteen = g_strdup (parts[1]);
      *date = g_strdup (parts[2]);
      return TRUE;
    }
  if (g_str_has_prefix (marker, "jicai-order-form "))
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                 _("%s is an order form this version of jicai does not know (“%s”); "
                   "make a new form"), path, parts[0]);
  else
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                 _("%s is not a jicai order form (its form marker “%s” is not one)"), path, marker);
  return FALSE;
}

static const char *expected_headings[] = {
  JC_ORDER_FORM_HEADING_CODE, JC_ORDER_FORM_HEADING_NAME, JC_ORDER_FORM_HEADING_UNIT,
  JC_ORDER_FORM_HEADING_LAST, JC_ORDER_FORM_HEADING_QTY, JC_ORDER_FORM_HEADING_NOTE,
};

/* Does a sheet after the first hold anything? */
typedef struct {
  gboolean found;
  guint    row;
  guint    col;
} AnyData;

static void
on_any_cell (const JcXlsxCell *cell,
             gpointer    data)
{
  AnyData *a = data;

  if (a->found || ((cell->text == NULL || *cell->text == '\0') && !cell->formula))
    return;
  a->found = TRUE;
  a->row = cell->row;
  a->col = cell->col;
}

/* The reader's error as the order form's (the codes correspond). */
static void
set_xlsx_error (GError **error,
                GError  *local)
{
  JcOrderFormError code = JC_ORDER_FORM_ERROR_FAILED;

  if (local->domain == JC_XLSX_ERROR)
    switch ((JcXlsxError) local->code)
      {
      case JC_XLSX_ERROR_FAILED:
        code = JC_ORDER_FORM_ERROR_FAILED;
        break;
      case JC_XLSX_ERROR_TOO_LARGE:
        code = JC_ORDER_FORM_ERROR_TOO_LARGE;
        break;
      case JC_XLSX_ERROR_NOT_XLSX:
        code = JC_ORDER_FORM_ERROR_NOT_XLSX;
        break;
      case JC_XLSX_ERROR_MALFORMED:
        code = JC_ORDER_FORM_ERROR_MALFORMED;
        break;
      default:
        break;
      }
  g_set_error_literal (error, JC_ORDER_FORM_ERROR, code, local->message);
}

static const JcXlsxLimits form_limits = {
  .max_part_bytes = JC_ORDER_FORM_MAX_PART_BYTES,
  .max_total_bytes = JC_ORDER_FORM_MAX_TOTAL_BYTES,
  .max_ratio = JC_ORDER_FORM_MAX_RATIO,
  .ratio_min_bytes = JC_ORDER_FORM_RATIO_MIN_BYTES,
  .max_entries = JC_ORDER_FORM_MAX_ENTRIES,
};

static JcParsedForm *
read_xlsx (const char  *path,
           GBytes      *bytes,
           GError     **error)
{
  g_autoptr(JcParsedForm) form = parsed_form_new (path, JC_FORM_FORMAT_XLSX);
  g_autoptr(JcXlsx) x = NULL;
  g_autoptr(GError) local = NULL;
  FormSheet fs = { 0 };
  g_autoptr(GPtrArray) merges = g_ptr_array_new_with_free_func (g_free);
  const JcXlsxSheet *first;
  const char *defined_marker;
  const char *marker;

  x = jc_xlsx_open (path, bytes, &form_limits, &local);
  if (x == NULL)
    {
      set_xlsx_error (error, local);
      return NULL;
    }
  defined_marker = jc_xlsx_get_defined_name (x, JC_ORDER_FORM_DEFINED_NAME);

  first = jc_xlsx_get_sheet (x, 0);
  fs.form = form;
  if (!jc_xlsx_read_sheet (x, first, on_form_cell, on_form_row_end, &fs, merges, &local))
    {
      form_sheet_clear (&fs);
      set_xlsx_error (error, local);
      return NULL;
    }

  /* Whose form is it, for which day?  The hidden cell, else the defined
   * name; when both are there they must agree. */
  if (fs.marker_cell != NULL && g_str_has_prefix (fs.marker_cell, "jicai-order-form"))
    marker = fs.marker_cell;
  else if (defined_marker != NULL && g_str_has_prefix (defined_marker, "jicai-order-form"))
    marker = defined_marker;
  else
    marker = NULL;
  if (marker == NULL)
    {
      form_sheet_clear (&fs);
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_FORM,
                   _("%s is not a jicai order form (it has no form marker); make the form with "
                     "“jicai-cli orders template”"), path);
      return NULL;
    }
  if (!split_marker (path, marker, &form->canteen, &form->date, error))
    {
      form_sheet_clear (&fs);
      return NULL;
    }
  if (fs.marker_cell != NULL && defined_marker != NULL &&
      !g_str_equal (fs.marker_cell, defined_marker))
    add_problem (form, JC_ORDER_FORM_ROW_TITLE, "H",
                 _("the form's markers disagree (“%s” in the cell, “%s” in the workbook); "
                   "make a new form"), fs.marker_cell, defined_marker);

  /* The visible canteen and date must be those of the marker. */
  {
    g_autofree char *canteen = g_strstrip (g_strdup (cell_text (&fs.canteen_cell)));
    g_autofree char *date = jc_xlsx_cell_date_text (&fs.date_cell);
    g_autofree char *ccol = column_name (1, JC_ORDER_FORM_ROW_CANTEEN);
    g_autofree char *dcol = column_name (1, JC_ORDER_FORM_ROW_DATE);

    if (!g_str_equal (canteen, form->canteen))
      add_problem (form, JC_ORDER_FORM_ROW_CANTEEN, ccol,
                   _("the form was made for canteen %s but this cell says “%s”; "
                     "use the form made for your canteen"), form->canteen, canteen);
    if (!g_str_equal (date, form->date))
      add_problem (form, JC_ORDER_FORM_ROW_DATE, dcol,
                   _("the form was made for delivery on %s but this cell says “%s”; "
                     "use the form made for that day"), form->date, date);
  }
  for (guint c = 0; c < G_N_ELEMENTS (expected_headings); c++)
    if (g_strcmp0 (fs.headings[c], expected_headings[c]) != 0)
      {
        g_autofree char *col = jc_xlsx_col_letters (c);

        add_problem (form, JC_ORDER_FORM_ROW_HEADER, col,
                     _("the heading should be “%s”, not “%s”; the form's columns were changed — "
                       "make a new form"), expected_headings[c], fs.headings[c] ? fs.headings[c] : "");
        break;
      }
  form_sheet_clear (&fs);

  /* Merged cells over the order lines would hide or shift quantities. */
  for (guint i = 0; i < merges->len; i++)
    {
      const char *ref = merges->pdata[i];
      g_auto(GStrv) ends = g_strsplit (ref, ":", 2);
      guint c0, r0, c1, r1;

      if (g_strv_length (ends) != 2 || !jc_xlsx_parse_ref (ends[0], &c0, &r0) || !jc_xlsx_parse_ref (ends[1], &c1, &r1))
        continue;
      if (MAX (r0, r1) >= JC_ORDER_FORM_FIRST_ROW)
        {
          guint row = MAX (MIN (r0, r1), JC_ORDER_FORM_FIRST_ROW);
          g_autofree char *col = column_name (MIN (c0, c1), row);

          add_problem (form, row, col,
                       _("merged cells (%s) are not accepted among the order lines; unmerge them"),
                       ref);
        }
    }

  /* Only the first sheet is the form.  Empty extra sheets (Excel's
   * "Sheet2") are harmless; one with data may hold part of the order, so
   * the file is refused rather than read in part. */
  for (guint i = 1; i < jc_xlsx_get_n_sheets (x); i++)
    {
      const JcXlsxSheet *s = jc_xlsx_get_sheet (x, i);
      AnyData any = { FALSE, 0, 0 };

      if (!s->worksheet)
        continue;
      if (!jc_xlsx_read_sheet (x, s, on_any_cell, NULL, &any, NULL, &local))
        {
          set_xlsx_error (error, local);
          return NULL;
        }
      if (any.found)
        {
          g_autofree char *cell = jc_xlsx_col_letters (any.col);

          add_problem (form, 0, NULL,
                       _("%s has data on sheet “%s” (cell %s%u), but an order form has one "
                         "sheet: put the whole order on the first sheet “%s” and delete the "
                         "other sheets"), path, s->name, cell, any.row, first->name);
        }
    }

  form->columns[JC_FORM_FIELD_CANTEEN] = column_name (1, JC_ORDER_FORM_ROW_CANTEEN);
  form->fixed_rows[JC_FORM_FIELD_CANTEEN] = JC_ORDER_FORM_ROW_CANTEEN;
  form->columns[JC_FORM_FIELD_DATE] = column_name (1, JC_ORDER_FORM_ROW_DATE);
  form->fixed_rows[JC_FORM_FIELD_DATE] = JC_ORDER_FORM_ROW_DATE;
  form->columns[JC_FORM_FIELD_ITEM] = column_name (JC_ORDER_FORM_COL_CODE, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_NAME] = column_name (JC_ORDER_FORM_COL_NAME, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_UNIT] = column_name (JC_ORDER_FORM_COL_UNIT, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_QTY] = column_name (JC_ORDER_FORM_COL_QTY, JC_ORDER_FORM_FIRST_ROW);
  form->columns[JC_FORM_FIELD_NOTE] = column_name (JC_ORDER_FORM_COL_NOTE, JC_ORDER_FORM_FIRST_ROW);
  for (guint i = 0; i < form->rows->len; i++)
    {
      JcFormRow *r = form->rows->pdata[i];

      form_row_set (r, JC_FORM_FIELD_CANTEEN, form->canteen);
      form_row_set (r, JC_FORM_FIELD_DATE, form->date);
    }
  return g_steal_pointer (&form);
}

/* ---- CSV --------------------------------------------------------------- */

typedef struct {
  const char  *name;
  JcFormField  field;
} HeaderName;

static const HeaderName header_names[] = {
  { "canteen", JC_FORM_FIELD_CANTEEN }, { "食堂", JC_FORM_FIELD_CANTEEN },
  { "date", JC_FORM_FIELD_DATE }, { "日期", JC_FORM_FIELD_DATE },
  { "item", JC_FORM_FIELD_ITEM }, { "品名", JC_FORM_FIELD_ITEM },
  { "qty", JC_FORM_FIELD_QTY }, { "quantity", JC_FORM_FIELD_QTY }, { "数量", JC_FORM_FIELD_QTY },
  { "unit", JC_FORM_FIELD_UNIT }, { "单位", JC_FORM_FIELD_UNIT },
  { "note", JC_FORM_FIELD_NOTE }, { "备注", JC_FORM_FIELD_NOTE },
};

static gboolean
only_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The records of the CSV, or NULL with JC_ORDER_FORM_ERROR. */
static GPtrArray *
csv_records (const char  *path,
             const char  *text,
             gsize        len,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  JcCsvStop stop;
  GPtrArray *records = jc_csv_read_records (text, len, path, &stop, &local);

  if (records != NULL)
    return records;
  if (local->code == JC_CSV_ERROR_QUOTE_UNCLOSED || local->code == JC_CSV_ERROR_QUOTE_TRAILING ||
      local->code == JC_CSV_ERROR_QUOTE_INSIDE)
    g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                 _("%s: line %u: a quote in the wrong place, or a quoted field that never "
                   "ends (a field with a quote or comma must be in quotes, its quotes "
                   "doubled)"), path, stop.line);
  else
    g_set_error_literal (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                         local->message);
  return NULL;
}

static JcParsedForm *
read_csv (const char  *path,
          GBytes      *bytes,
          GError     **error)
{
  g_autoptr(JcParsedForm) form = parsed_form_new (path, JC_FORM_FORMAT_CSV);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize len = 0, tlen = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  int map[64];
  guint n_cols;
  JcCsvRecord *header;

  text = jc_csv_decode (data, len, path, &tlen, NULL, &local);
  if (text == NULL)
    {
      g_set_error_literal (error, JC_ORDER_FORM_ERROR,
                           local->code == JC_CSV_ERROR_FAILED ? JC_ORDER_FORM_ERROR_FAILED
                                                              : JC_ORDER_FORM_ERROR_ENCODING,
                           local->message);
      return NULL;
    }
  if (only_blank (text))
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY, _("%s is empty"), path);
      return NULL;
    }
  records = csv_records (path, text, tlen, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_EMPTY, _("%s is empty"), path);
      return NULL;
    }

  header = records->pdata[0];
  n_cols = g_strv_length (header->fields);
  if (n_cols > G_N_ELEMENTS (map))
    n_cols = G_N_ELEMENTS (map);
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header->fields[c]), -1);

      map[c] = -1;
      for (guint k = 0; k < G_N_ELEMENTS (header_names); k++)
        if (g_str_equal (name, header_names[k].name))
          map[c] = (int) header_names[k].field;
      if (map[c] < 0 && *name == '\0')
        continue;   /* a trailing empty heading, as Excel leaves */
      if (map[c] < 0)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: unknown column “%s”; the header must be %s (or %s)"),
                       path, header->line, header->fields[c], JC_ORDER_FORM_CSV_HEADER,
                       JC_ORDER_FORM_CSV_HEADER_ZH);
          return NULL;
        }
      if (form->columns[map[c]] != NULL)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: column “%s” appears twice in the header"),
                       path, header->line, header->fields[c]);
          return NULL;
        }
      form->columns[map[c]] = g_strdup (header->fields[c]);
    }
  {
    static const JcFormField required[] = {
      JC_FORM_FIELD_CANTEEN, JC_FORM_FIELD_DATE, JC_FORM_FIELD_ITEM, JC_FORM_FIELD_QTY,
    };
    static const char *names[] = { "canteen", "date", "item", "qty" };

    for (guint k = 0; k < G_N_ELEMENTS (required); k++)
      if (form->columns[required[k]] == NULL)
        {
          g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_MALFORMED,
                       _("%s: line %u: the header has no “%s” column; it must be %s (or %s)"),
                       path, header->line, names[k], JC_ORDER_FORM_CSV_HEADER,
                       JC_ORDER_FORM_CSV_HEADER_ZH);
          return NULL;
        }
  }

  for (guint i = 1; i < records->len; i++)
    {
      JcCsvRecord *rec = records->pdata[i];
      guint n = g_strv_length (rec->fields);
      gboolean all_blank = TRUE;
      JcFormRow *row;

      for (guint c = 0; c < n; c++)
        if (!only_blank (rec->fields[c]))
          all_blank = FALSE;
      if (all_blank)
        continue;
      for (guint c = n_cols; c < n; c++)
        if (!only_blank (rec->fields[c]))
          {
            add_problem (form, rec->line, NULL,
                         ngettext ("%u field, but the header has %u; a field with a comma must "
                                   "be in quotes",
                                   "%u fields, but the header has %u; a field with a comma must "
                                   "be in quotes", n),
                         n, n_cols);
            break;
          }
      row = form_row_new (rec->line);
      for (guint c = 0; c < MIN (n, n_cols); c++)
        if (map[c] >= 0)
          form_row_set (row, (JcFormField) map[c], rec->fields[c]);
      if (*row->values[JC_FORM_FIELD_QTY] == '\0' && *row->values[JC_FORM_FIELD_NOTE] == '\0')
        {
          jc_form_row_free (row);   /* a line of the template left empty */
          continue;
        }
      g_ptr_array_add (form->rows, row);
    }
  return g_steal_pointer (&form);
}

/* ---- entry point ------------------------------------------------------- */

/**
 * jc_order_form_read:
 * Reads an order file: XLSX (by its .xlsx/.xlsm name, or a zip's
 * signature) or CSV.  Returns the filled lines with any problems found on
 * the way (formulas, merged cells, data on other sheets, ...), or NULL
 * with JC_ORDER_FORM_ERROR when the file as a whole cannot be read: too
 * large (checked before reading), empty, not a zip, a zip bomb, not a
 * jicai form, broken XML or CSV, an unknown text encoding.  The messages
 * name the file.  Free with jc_parsed_form_free().
 */
JcParsedForm *
jc_order_form_read (const char  *path,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const guchar *data;
  gboolean zip_magic;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = read_bounded (path, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_XLSX,
                   _("%s is an old Excel 97–2003 (.xls) or other old Office file; "
                     "save it as .xlsx"), path);
      return NULL;
    }
  zip_magic = len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
  if (has_suffix_ci (path, ".xlsx") || has_suffix_ci (path, ".xlsm") || zip_magic)
    return read_xlsx (path, bytes, error);
  return read_csv (path, bytes, error);
}
