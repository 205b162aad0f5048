/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-import.c: filled order forms into orders.
 *
 * Prepare reads every file, checks every line against the catalog and the
 * canteens, and shows per canteen and date what would change in the
 * stored order — storing nothing.  Apply stores each file that had no
 * error in one transaction, each order saved at the version prepare read,
 * so a change made meanwhile by someone else is a conflict and nothing of
 * that file is kept.  A file's lines are the canteen's whole order for the
 * date: a stored line the file does not have is removed (the preview says
 * so).  Imported orders are submitted. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-form"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jc-error.h"
#include "jc-format.h"
#include "jc-order-form.h"
#include "jc-pinyin.h"
#include "jc-suggest.h"

#define N_SUGGESTIONS 3

/* ---- plan structures --------------------------------------------------- */

void
jc_import_change_free (JcImportChange *c)
{
  if (c == NULL)
    return;
  g_free (c->item_code);
  g_free (c->item_name);
  g_free (c->before_text);
  g_free (c->after_text);
  g_free (c);
}

void
jc_import_order_free (JcImportOrder *o)
{
  if (o == NULL)
    return;
  g_free (o->canteen_code);
  g_free (o->canteen_name);
  g_clear_pointer (&o->changes, g_ptr_array_unref);
  jc_order_free (o->order);
  g_free (o);
}

void
jc_import_file_free (JcImportFile *f)
{
  if (f == NULL)
    return;
  g_free (f->path);
  g_ptr_array_unref (f->errors);
  g_ptr_array_unref (f->warnings);
  g_ptr_array_unref (f->orders);
  g_free (f->outcome);
  g_free (f);
}

void
jc_import_plan_free (JcImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->files);
  g_free (plan->reason);
  g_free (plan);
}

/**
 * jc_import_plan_set_reason:
 * The reason recorded with orders imported after the cutoff (with
 * JC_ORDER_SAVE_ACCEPT_LATE) or into locked orders (amendments).
 */
void
jc_import_plan_set_reason (JcImportPlan *plan,
                           const char   *reason)
{
  g_return_if_fail (plan != NULL);

  g_free (plan->reason);
  plan->reason = g_strdup (reason);
}

gboolean
jc_import_plan_has_errors (const JcImportPlan *plan)
{
  for (guint i = 0; i < plan->files->len; i++)
    if (((JcImportFile *) plan->files->pdata[i])->errors->len > 0)
      return TRUE;
  return FALSE;
}

gboolean
jc_import_plan_has_warnings (const JcImportPlan *plan)
{
  for (guint i = 0; i < plan->files->len; i++)
    if (((JcImportFile *) plan->files->pdata[i])->warnings->len > 0)
      return TRUE;
  return FALSE;
}

static JcImportFile *
import_file_new (const char *path)
{
  JcImportFile *f = g_new0 (JcImportFile, 1);

  f->path = g_strdup (path);
  f->format = JC_FORM_FORMAT_CSV;
  f->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_message_free);
  f->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_form_message_free);
  f->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_import_order_free);
  f->state = JC_IMPORT_FILE_READY;
  return f;
}

static JcOrder *
order_copy (const JcOrder *o)
{
  JcOrder *c = jc_order_new ();

  c->id = o->id;
  c->canteen_id = o->canteen_id;
  c->canteen_code = g_strdup (o->canteen_code);
  memcpy (c->date, o->date, sizeof c->date);
  c->status = o->status;
  c->version = o->version;
  c->late = o->late;
  c->after_lock = o->after_lock;
  c->decline_reason = g_strdup (o->decline_reason);
  c->updated_at = g_strdup (o->updated_at);
  c->submitted_at = g_strdup (o->submitted_at);
  for (guint i = 0; i < o->lines->len; i++)
    g_ptr_array_add (c->lines, jc_order_line_copy (o->lines->pdata[i]));
  return c;
}

/* ---- messages ---------------------------------------------------------- */

typedef struct {
  JcStore        *store;
  GDateTime      *now;
  JcImportFile   *file;
  JcParsedForm   *form;
  GHashTable     *items;         /* text → JcItem * (NULL value: unknown) */
  GHashTable     *canteens;      /* code → JcCanteen * */
  GPtrArray      *canteen_list;
  GPtrArray      *catalog;       /* active items, for suggestions; loaded when needed */
  GHashTable     *reported;      /* "field|value" already reported in this file */
} Ctx;

static void G_GNUC_PRINTF (5, 6)
file_message (Ctx               *ctx,
              JcFormMessageKind  kind,
              guint              row,
              JcFormField        field,
              const char        *fmt,
              ...)
{
  g_autofree char *msg = NULL;
  JcParsedForm *form = ctx->form;
  JcImportFile *file = ctx->file;
  const char *column = NULL;
  va_list args;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  if (form != NULL && (guint) field < JC_FORM_N_FIELDS && row > 0)
    {
      column = form->columns[field];
      if (form->fixed_rows[field] != 0)
        row = form->fixed_rows[field];
    }
  if (kind != JC_FORM_MESSAGE_ERROR)
    {
      g_ptr_array_add (file->warnings,
                       jc_form_message_new (kind, file->path, file->format, row, column, msg));
      return;
    }
  file->n_errors++;
  if (file->errors->len < JC_ORDER_FORM_MAX_ERRORS)
    g_ptr_array_add (file->errors,
                     jc_form_message_new (kind, file->path, file->format, row, column, msg));
}

#define file_error(ctx, row, field, ...) \
  file_message ((ctx), JC_FORM_MESSAGE_ERROR, (row), (field), __VA_ARGS__)

/* Reports a bad canteen or date value once per file, not on every line. */
static gboolean
first_report (Ctx         *ctx,
              JcFormField  field,
              const char  *value)
{
  g_autofree char *key = g_strdup_printf ("%d|%s", (int) field, value);

  if (g_hash_table_contains (ctx->reported, key))
    return FALSE;
  g_hash_table_add (ctx->reported, g_steal_pointer (&key));
  return TRUE;
}

/* ---- suggestions ------------------------------------------------------- */

typedef struct {
  const JcItem *item;
  guint         score;
} Scored;

static int
cmp_scored (gconstpointer a,
            gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return strcmp (x->item->code, y->item->code);
}

/* "大白菜 (V001), 小白菜 (V002), 白萝卜 (V003)": the catalog items nearest
 * to what was typed — by edit distance on characters (name, aliases,
 * code) and on pinyin initials, so "大白采" and "dbc" both find 大白菜. */
static char *
suggest_items (Ctx         *ctx,
               const char  *typed)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *typed_py = NULL;

  if (ctx->catalog == NULL)
    {
      ctx->catalog = jc_store_list_items (ctx->store, FALSE, NULL);
      if (ctx->catalog == NULL)
        return NULL;
    }
  if (typed == NULL || *typed == '\0' || ctx->catalog->len == 0)
    return NULL;
  typed_py = jc_pinyin_initials (typed);
  for (guint i = 0; i < ctx->catalog->len; i++)
    {
      const JcItem *item = ctx->catalog->pdata[i];
      guint text = MIN (jc_suggest_edit_distance (typed, item->name), jc_suggest_edit_distance (typed, item->code));
      guint py = G_MAXUINT / 4;
      Scored s;

      for (char **a = item->aliases; a != NULL && *a != NULL; a++)
        text = MIN (text, jc_suggest_edit_distance (typed, *a));
      if (typed_py != NULL && *typed_py != '\0' && item->pinyin != NULL && *item->pinyin != '\0')
        py = jc_suggest_edit_distance (typed_py, item->pinyin);
      /* Characters count double; the initials break ties and find what
         was typed in pinyin. */
      s.item = item;
      s.score = MIN (text * 2 + MIN (py, 2u), py * 2 + 1);
      g_array_append_val (scored, s);
    }
  g_array_sort (scored, cmp_scored);
  for (guint i = 0; i < scored->len && i < N_SUGGESTIONS; i++)
    {
      const Scored *s = &g_array_index (scored, Scored, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s (%s)", s->item->name, s->item->code);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- lookups ----------------------------------------------------------- */

static JcItem *
lookup_item (Ctx        *ctx,
             const char *text)
{
  JcItem *item;
  gpointer found;

  if (g_hash_table_lookup_extended (ctx->items, text, NULL, &found))
    return found;
  item = jc_store_get_item (ctx->store, text, NULL);
  if (item == NULL)
    item = jc_store_find_item_by_name (ctx->store, text, NULL);
  if (item == NULL)
    {
      g_autofree char *upper = g_ascii_strup (text, -1);

      if (!g_str_equal (upper, text))
        item = jc_store_get_item (ctx->store, upper, NULL);
    }
  g_hash_table_insert (ctx->items, g_strdup (text), item);
  return item;
}

static const JcCanteen *
lookup_canteen (Ctx        *ctx,
                const char *text)
{
  const JcCanteen *c = g_hash_table_lookup (ctx->canteens, text);

  if (c != NULL)
    return c;
  for (guint i = 0; i < ctx->canteen_list->len; i++)
    {
      const JcCanteen *x = ctx->canteen_list->pdata[i];

      if (g_ascii_strcasecmp (x->code, text) == 0 || g_strcmp0 (x->name, text) == 0)
        return x;
    }
  return NULL;
}

/* "2026-12-01", also as Excel rewrites it in a CSV ("2026/12/1"), into
 * YYYY-MM-DD; NULL when it is not a date. */
static char *
normalize_date (const char *text)
{
  guint64 y = 0, m = 0, d = 0;
  g_auto(GStrv) parts = NULL;

  if (text == NULL || strlen (text) > 10)
    return NULL;
  if (strchr (text, '-') != NULL)
    parts = g_strsplit (text, "-", -1);
  else if (strchr (text, '/') != NULL)
    parts = g_strsplit (text, "/", -1);
  else if (strchr (text, '.') != NULL)
    parts = g_strsplit (text, ".", -1);
  else
    return NULL;
  if (g_strv_length (parts) != 3 || strlen (parts[0]) != 4 ||
      strlen (parts[1]) < 1 || strlen (parts[1]) > 2 || strlen (parts[2]) < 1 || strlen (parts[2]) > 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1900, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL) ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", (guint) y, (guint) m, (guint) d);
}

static gboolean
looks_like_exponent (const char *text)
{
  gboolean has_e = FALSE, has_digit = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (*p == 'e' || *p == 'E')
        has_e = TRUE;
      else if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (*p != '.' && *p != '+' && *p != '-' && !g_ascii_isspace (*p))
        return FALSE;
    }
  return has_e && has_digit;
}

static char *
units_for (const JcItem *item)
{
  JcItemUnits iu = jc_item_get_units (item);
  g_auto(GStrv) units = jc_unit_list_for_item (&iu);

  return g_strjoinv (", ", units);
}

/* Is `unit` a pack (箱, 袋, …)?  It is if it would resolve had the item a
 * pack size. */
static gboolean
is_pack_unit (const JcItemUnits *iu,
              const char        *unit)
{
  JcItemUnits with_pack = *iu;
  JcUnitFactor f;

  with_pack.pack_milli = 1000;
  return jc_unit_resolve (&with_pack, unit, &f, NULL);
}

/* ---- one line ---------------------------------------------------------- */

typedef struct {
  char        *canteen_code;
  char         date[11];
  gint64       canteen_id;
  char        *canteen_name;
  guint        first_row;
  GPtrArray   *lines;        /* JcOrderLine * */
  GHashTable  *rows;         /* item id → row */
} Group;

static void
group_free (Group *g)
{
  g_free (g->canteen_code);
  g_free (g->canteen_name);
  g_ptr_array_unref (g->lines);
  g_hash_table_unref (g->rows);
  g_free (g);
}

/* The line of a form row, or NULL (an error was reported, or there is
 * nothing to order on it). */
static JcOrderLine *
check_line (Ctx              *ctx,
            const JcFormRow  *row,
            const JcItem     *item)
{
  const char *qty_text = row->values[JC_FORM_FIELD_QTY];
  const char *unit = row->values[JC_FORM_FIELD_UNIT];
  const char *note = row->values[JC_FORM_FIELD_NOTE];
  JcItemUnits iu = jc_item_get_units (item);
  g_autoptr(GError) local = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *qv = jc_format_quote_value (qty_text);  /* for messages */
  g_autofree char *uv = jc_format_quote_value (unit);
  JcUnitFactor f;
  JcDecimal q;
  gint64 base = 0;
  JcOrderLine *line;

  if (*qty_text == '\0')
    {
      file_message (ctx, JC_FORM_MESSAGE_NOTICE, row->row, JC_FORM_FIELD_NOTE,
                    _("a note without a quantity is ignored (%s)"), item->name);
      return NULL;
    }
  if (looks_like_exponent (qty_text))
    {
      file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                  _("“%s” is written with an exponent; type the quantity as a plain number "
                    "(like 0.5 or 120)"), qv);
      return NULL;
    }
  if (!jc_decimal_parse (qty_text, &q, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_OVERFLOW))
        file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                    _("“%s” is an absurd quantity; check the number"), qv);
      else if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
        file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                    ngettext ("“%s” has more than %d decimal; round it to %d at most",
                              "“%s” has more than %d decimals; round it to %d at most",
                              JC_DECIMAL_MAX_DECIMALS),
                    qv, JC_DECIMAL_MAX_DECIMALS, JC_DECIMAL_MAX_DECIMALS);
      else if (g_ascii_isdigit (qty_text[0]))
        file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                    _("“%s” is not a number; type only the number (the unit has its own column)"),
                    qv);
      else
        file_error (ctx, row->row, JC_FORM_FIELD_QTY, _("“%s” is not a number"), qv);
      return NULL;
    }
  if (jc_decimal_sign (&q) < 0)
    {
      file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                  _("“%s” is negative; a quantity is 0 or more"), qv);
      return NULL;
    }
  allowed = units_for (item);
  if (!jc_unit_resolve (&iu, unit, &f, &local))
    {
      if (g_error_matches (local, JC_UNITS_ERROR, JC_UNITS_ERROR_UNKNOWN_UNIT))
        file_error (ctx, row->row, JC_FORM_FIELD_UNIT,
                    _("unknown unit “%s”; %s (%s) is ordered in %s"), uv, item->name,
                    item->code, allowed);
      else if (item->pack_milli <= 0 && is_pack_unit (&iu, unit))
        file_error (ctx, row->row, JC_FORM_FIELD_UNIT,
                    _("%s (%s) has no pack size, so it cannot be ordered in “%s”; use %s"),
                    item->name, item->code, uv, allowed);
      else
        file_error (ctx, row->row, JC_FORM_FIELD_UNIT,
                    _("%s (%s) cannot be ordered in “%s”; use %s"), item->name, item->code,
                    uv, allowed);
      return NULL;
    }
  if (!jc_decimal_qty_to_base (&q, &f, &base, NULL) ||
      base > (gint64) JC_ORDER_FORM_ABSURD_UNITS * 1000)
    {
      file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                  _("%s %s of %s is absurd (more than %d %s); check the number"), qv,
                  *unit ? uv : jc_order_form_unit_display (item->base_unit), item->name,
                  JC_ORDER_FORM_ABSURD_UNITS, jc_order_form_unit_display (item->base_unit));
      return NULL;
    }
  if (g_utf8_strlen (note, -1) > JC_MAX_TEXT_CHARS)
    {
      file_error (ctx, row->row, JC_FORM_FIELD_NOTE,
                  ngettext ("the note is longer than %d character",
                            "the note is longer than %d characters", JC_MAX_TEXT_CHARS),
                  JC_MAX_TEXT_CHARS);
      return NULL;
    }
  if (jc_decimal_is_zero (&q))
    {
      if (*note != '\0')
        file_message (ctx, JC_FORM_MESSAGE_NOTICE, row->row, JC_FORM_FIELD_NOTE,
                      _("the quantity is 0, so %s is not ordered and the note is ignored"),
                      item->name);
      return NULL;
    }
  if (base == 0)
    {
      /* a line of nothing would block the month's plan and statements */
      file_error (ctx, row->row, JC_FORM_FIELD_QTY,
                  _("%s %s of %s is less than the smallest quantity, 0.001 %s; "
                    "order at least that much or leave the line empty"), qv,
                  *unit ? uv : jc_order_form_unit_display (item->base_unit), item->name,
                  jc_order_form_unit_display (item->base_unit));
      return NULL;
    }
  g_clear_error (&local);
  line = jc_order_line_parse (item, qty_text, unit, note, &local);
  if (line == NULL)
    file_error (ctx, row->row, JC_FORM_FIELD_QTY, "%s", local->message);
  return line;
}

static const JcItem *
check_item (Ctx             *ctx,
            const JcFormRow *row)
{
  const char *text = row->values[JC_FORM_FIELD_ITEM];
  const char *name = row->values[JC_FORM_FIELD_NAME];
  g_autofree char *near = NULL;
  g_autofree char *tv = NULL;  /* for messages */
  g_autofree char *nv = NULL;
  const JcItem *item;

  if (*text == '\0')
    {
      if (ctx->form->format == JC_FORM_FORMAT_CSV)
        file_error (ctx, row->row, JC_FORM_FIELD_ITEM, _("the item is missing"));
      else
        file_error (ctx, row->row, JC_FORM_FIELD_ITEM, _("the item code is missing"));
      return NULL;
    }
  item = lookup_item (ctx, text);
  if (item != NULL && !item->active)
    {
      file_error (ctx, row->row, JC_FORM_FIELD_ITEM,
                  _("%s (%s) is no longer in the catalog; leave it out or ask procurement"),
                  item->name, item->code);
      return NULL;
    }
  if (item != NULL)
    return item;
  near = suggest_items (ctx, *name ? name : text);
  tv = jc_format_quote_value (text);
  nv = jc_format_quote_value (name);
  if (ctx->form->format == JC_FORM_FORMAT_XLSX && *name != '\0')
    file_error (ctx, row->row, JC_FORM_FIELD_ITEM,
                near ? _("unknown item code “%s” (%s); did you mean %s?")
                     : _("unknown item code “%s” (%s)%s"),
                tv, nv, near ? near : "");
  else
    file_error (ctx, row->row, JC_FORM_FIELD_ITEM,
                near ? _("unknown item “%s”; did you mean %s?") : _("unknown item “%s”%s"),
                tv, near ? near : "");
  return NULL;
}

/* The canteen of a row, or NULL after reporting why not. */
static const JcCanteen *
check_canteen (Ctx             *ctx,
               const JcFormRow *row)
{
  const char *text = row->values[JC_FORM_FIELD_CANTEEN];
  const JcCanteen *c;

  if (*text == '\0')
    {
      file_error (ctx, row->row, JC_FORM_FIELD_CANTEEN, _("the canteen is missing"));
      return NULL;
    }
  c = lookup_canteen (ctx, text);
  if (c == NULL)
    {
      if (first_report (ctx, JC_FORM_FIELD_CANTEEN, text))
        {
          g_autoptr(GString) known = g_string_new (NULL);
          g_autofree char *v = jc_format_quote_value (text);

          for (guint i = 0; i < ctx->canteen_list->len && i < 10; i++)
            {
              const JcCanteen *x = ctx->canteen_list->pdata[i];

              if (!x->active)
                continue;
              g_string_append_printf (known, "%s%s", known->len ? ", " : "", x->code);
            }
          file_error (ctx, row->row, JC_FORM_FIELD_CANTEEN,
                      _("no canteen “%s” (the canteens are %s%s)"), v, known->str,
                      ctx->canteen_list->len > 10 ? ", …" : "");
        }
      return NULL;
    }
  if (!c->active)
    {
      if (first_report (ctx, JC_FORM_FIELD_CANTEEN, text))
        file_error (ctx, row->row, JC_FORM_FIELD_CANTEEN,
                    _("canteen %s (%s) no longer orders (it is inactive)"), c->code, c->name);
      return NULL;
    }
  return c;
}

static char *
check_date (Ctx             *ctx,
            const JcFormRow *row)
{
  const char *text = row->values[JC_FORM_FIELD_DATE];
  char *date;

  if (*text == '\0')
    {
      file_error (ctx, row->row, JC_FORM_FIELD_DATE, _("the date is missing"));
      return NULL;
    }
  date = normalize_date (text);
  if (date == NULL && first_report (ctx, JC_FORM_FIELD_DATE, text))
    {
      g_autofree char *v = jc_format_quote_value (text);

      file_error (ctx, row->row, JC_FORM_FIELD_DATE, _("“%s” is not a date (YYYY-MM-DD)"), v);
    }
  return date;
}

/* ---- the preview ------------------------------------------------------- */

static char *
line_text (const JcOrderLine *l)
{
  g_autofree char *q = jc_format_qty (l->unit_qty_milli);

  return g_strdup_printf ("%s %s", q, l->unit ? l->unit : "");
}

static gboolean
same_line (const JcOrderLine *a,
           const JcOrderLine *b)
{
  return a->qty_milli == b->qty_milli && a->unit_qty_milli == b->unit_qty_milli &&
         g_strcmp0 (a->unit, b->unit) == 0 && g_strcmp0 (a->note, b->note) == 0;
}

static int
cmp_line_code (gconstpointer a,
               gconstpointer b)
{
  const JcOrderLine *x = *(JcOrderLine * const *) a, *y = *(JcOrderLine * const *) b;

  return strcmp (x->item_code, y->item_code);
}

static int
cmp_change (gconstpointer a,
            gconstpointer b)
{
  const JcImportChange *x = *(JcImportChange * const *) a, *y = *(JcImportChange * const *) b;

  return strcmp (x->item_code, y->item_code);
}

static JcImportChange *
change_new (JcImportChangeKind  kind,
            const JcOrderLine  *before,
            const JcOrderLine  *after,
            guint               row)
{
  JcImportChange *c = g_new0 (JcImportChange, 1);
  const JcOrderLine *l = after ? after : before;

  c->kind = kind;
  c->item_code = g_strdup (l->item_code);
  c->item_name = g_strdup (l->item_name);
  c->before_milli = before ? before->qty_milli : 0;
  c->after_milli = after ? after->qty_milli : 0;
  c->before_text = before ? line_text (before) : g_strdup ("");
  c->after_text = after ? line_text (after) : g_strdup ("");
  c->row = row;
  return c;
}

/* The order `group` would make: the stored one's id, version and status,
 * the file's lines; with the changes, spikes, lateness. */
static JcImportOrder *
build_order (Ctx      *ctx,
             Group    *group,
             GError  **error)
{
  g_autoptr(JcOrder) stored = jc_store_get_order (ctx->store, group->canteen_code, group->date, error);
  g_autoptr(GHashTable) old = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) spikes = NULL;
  JcImportOrder *io;

  if (stored == NULL)
    return NULL;
  io = g_new0 (JcImportOrder, 1);
  io->canteen_code = g_strdup (group->canteen_code);
  io->canteen_name = g_strdup (group->canteen_name);
  memcpy (io->date, group->date, sizeof io->date);
  io->status = stored->status;
  io->version = stored->version;
  io->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_import_change_free);

  for (guint i = 0; i < stored->lines->len; i++)
    {
      JcOrderLine *l = stored->lines->pdata[i];

      g_hash_table_insert (old, &l->item_id, l);
    }
  g_ptr_array_sort (group->lines, cmp_line_code);
  for (guint i = 0; i < group->lines->len; i++)
    {
      JcOrderLine *l = group->lines->pdata[i];
      JcOrderLine *was = g_hash_table_lookup (old, &l->item_id);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (group->rows, &l->item_id));

      if (was == NULL)
        g_ptr_array_add (io->changes, change_new (JC_IMPORT_CHANGE_ADD, NULL, l, row));
      else
        {
          if (!same_line (was, l))
            g_ptr_array_add (io->changes, change_new (JC_IMPORT_CHANGE_CHANGE, was, l, row));
          else
            io->n_unchanged++;
          g_hash_table_remove (old, &l->item_id);
        }
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, old);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (io->changes, change_new (JC_IMPORT_CHANGE_REMOVE, value, NULL, 0));
  }
  g_ptr_array_sort (io->changes, cmp_change);

  /* The new state, based on the version just read. */
  g_ptr_array_set_size (stored->lines, 0);
  for (guint i = 0; i < group->lines->len; i++)
    g_ptr_array_add (stored->lines, jc_order_line_copy (group->lines->pdata[i]));
  io->order = g_steal_pointer (&stored);

  spikes = jc_orders_find_spikes (ctx->store, io->order, error);
  if (spikes == NULL)
    {
      jc_import_order_free (io);
      return NULL;
    }
  for (guint i = 0; i < spikes->len; i++)
    {
      JcSpike *s = spikes->pdata[i];
      g_autofree char *q = jc_format_qty (s->qty_milli);
      g_autofree char *m = jc_format_qty (s->median_milli);
      guint row = 0;
      const char *name = s->item_code;
      const char *unit = "";

      for (guint k = 0; k < io->order->lines->len; k++)
        {
          JcOrderLine *l = io->order->lines->pdata[k];

          if (g_str_equal (l->item_code, s->item_code))
            {
              row = GPOINTER_TO_UINT (g_hash_table_lookup (group->rows, &l->item_id));
              name = l->item_name;
            }
        }
      {
        const JcItem *item = lookup_item (ctx, s->item_code);

        if (item != NULL)
          unit = jc_base_unit_to_string (item->base_unit);
      }
      file_message (ctx, JC_FORM_MESSAGE_SPIKE, row, JC_FORM_FIELD_QTY,
                    _("%s %s of %s for %s is more than 5 times this canteen's usual %s %s "
                      "(the median of the last 8 weeks); confirm it is right"),
                    q, unit, name, group->canteen_code, m, unit);
    }

  io->late = jc_orders_is_past_cutoff (ctx->store, io->date, ctx->now);
  if (io->late)
    {
      g_autofree char *cutoff = jc_orders_cutoff_for (ctx->store, io->date);

      g_strdelimit (cutoff, "T", ' ');
      file_message (ctx, JC_FORM_MESSAGE_LATE, group->first_row, JC_FORM_FIELD_DATE,
                    _("the cutoff for %s's order of %s was %s; importing it needs procurement "
                      "to accept a late amendment, with a reason"),
                    io->canteen_code, io->date, cutoff);
    }
  if (io->status == JC_ORDER_LOCKED)
    file_message (ctx, JC_FORM_MESSAGE_LOCKED, group->first_row, JC_FORM_FIELD_DATE,
                  _("the order of %s for %s is locked; importing changes it as an amendment, "
                    "which needs a reason"), io->canteen_code, io->date);
  return io;
}

static int
cmp_import_order (gconstpointer a,
                  gconstpointer b)
{
  const JcImportOrder *x = *(JcImportOrder * const *) a, *y = *(JcImportOrder * const *) b;
  int c = strcmp (x->canteen_code, y->canteen_code);

  return c != 0 ? c : strcmp (x->date, y->date);
}

/* ---- one file ---------------------------------------------------------- */

static gboolean
prepare_file (Ctx         *ctx,
              GHashTable  *seen_orders,
              GError     **error)
{
  JcImportFile *file = ctx->file;
  g_autoptr(GError) local = NULL;
  g_autoptr(JcParsedForm) form = jc_order_form_read (file->path, &local);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) group_free);
  g_autoptr(GHashTable) first_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order_keys = g_ptr_array_new_with_free_func (g_free);

  if (g_str_has_suffix (file->path, ".xlsx") || g_str_has_suffix (file->path, ".XLSX"))
    file->format = JC_FORM_FORMAT_XLSX;
  if (form == NULL)
    {
      /* The file as a whole: its message names it. */
      file->n_errors++;
      g_ptr_array_add (file->errors,
                       jc_form_message_new (JC_FORM_MESSAGE_ERROR, file->path, file->format, 0,
                                            NULL, local->message));
      file->state = JC_IMPORT_FILE_INVALID;
      return TRUE;
    }
  file->format = form->format;
  ctx->form = form;
  for (guint i = 0; i < form->problems->len; i++)
    {
      JcFormMessage *m = form->problems->pdata[i];

      file->n_errors++;
      if (file->errors->len < JC_ORDER_FORM_MAX_ERRORS)
        g_ptr_array_add (file->errors,
                         jc_form_message_new (m->kind, m->file, form->format, m->row, m->column,
                                              m->message));
    }

  for (guint i = 0; i < form->rows->len; i++)
    {
      JcFormRow *row = form->rows->pdata[i];
      const JcCanteen *canteen = check_canteen (ctx, row);
      g_autofree char *date = check_date (ctx, row);
      const JcItem *item = check_item (ctx, row);
      g_autofree char *group_key = NULL;
      g_autofree char *line_key = NULL;
      JcOrderLine *line;
      Group *g;
      gpointer first;

      if (item == NULL)
        continue;
      line = check_line (ctx, row, item);
      if (line == NULL || canteen == NULL || date == NULL)
        {
          jc_order_line_free (line);
          continue;
        }
      line_key = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT, canteen->code, date, item->id);
      if (g_hash_table_lookup_extended (first_rows, line_key, NULL, &first))
        {
          file_error (ctx, row->row, JC_FORM_FIELD_ITEM,
                      form->format == JC_FORM_FORMAT_CSV
                        ? _("%s (%s) is already ordered on line %u for %s on %s; put it on one line")
                        : _("%s (%s) is already ordered on row %u for %s on %s; put it on one line"),
                      item->name, item->code, GPOINTER_TO_UINT (first), canteen->code, date);
          jc_order_line_free (line);
          continue;
        }
      g_hash_table_insert (first_rows, g_steal_pointer (&line_key), GUINT_TO_POINTER (row->row));
      group_key = g_strdup_printf ("%s|%s", canteen->code, date);
      g = g_hash_table_lookup (groups, group_key);
      if (g == NULL)
        {
          g = g_new0 (Group, 1);
          g->canteen_code = g_strdup (canteen->code);
          g->canteen_name = g_strdup (canteen->name);
          g->canteen_id = canteen->id;
          g_strlcpy (g->date, date, sizeof g->date);
          g->first_row = row->row;
          g->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_line_free);
          g->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          g_ptr_array_add (order_keys, g_strdup (group_key));
          g_hash_table_insert (groups, g_steal_pointer (&group_key), g);
        }
      g_ptr_array_add (g->lines, line);
      g_hash_table_insert (g->rows, g_memdup2 (&item->id, sizeof item->id),
                           GUINT_TO_POINTER (row->row));
    }

  if (file->n_errors == 0 && g_hash_table_size (groups) == 0)
    file_error (ctx, 0, JC_FORM_FIELD_QTY,
                _("%s has no quantities filled in; there is nothing to import"), file->path);
  if (file->n_errors == 0)
    for (guint i = 0; i < order_keys->len; i++)
      {
        const char *other = g_hash_table_lookup (seen_orders, order_keys->pdata[i]);
        Group *g = g_hash_table_lookup (groups, order_keys->pdata[i]);

        if (other != NULL)
          file_error (ctx, 0, JC_FORM_FIELD_QTY,
                      _("%s has the order of %s for %s, which %s also has; import one file per "
                        "canteen and day"), file->path, g->canteen_code, g->date, other);
      }
  if (file->n_errors > JC_ORDER_FORM_MAX_ERRORS)
    {
      g_autofree char *more = g_strdup_printf (_("%s has %u more errors not shown; fix these first"),
                                               file->path,
                                               file->n_errors - JC_ORDER_FORM_MAX_ERRORS);

      g_ptr_array_add (file->errors,
                       jc_form_message_new (JC_FORM_MESSAGE_ERROR, file->path, file->format, 0,
                                            NULL, more));
    }
  if (file->n_errors > 0)
    {
      /* Nothing of a file with an error is stored, so nothing to preview. */
      file->state = JC_IMPORT_FILE_INVALID;
      g_ptr_array_set_size (file->warnings, 0);
      ctx->form = NULL;
      return TRUE;
    }

  for (guint i = 0; i < order_keys->len; i++)
    {
      Group *g = g_hash_table_lookup (groups, order_keys->pdata[i]);
      JcImportOrder *io = build_order (ctx, g, error);

      if (io == NULL)
        {
          ctx->form = NULL;
          return FALSE;
        }
      g_ptr_array_add (file->orders, io);
      g_hash_table_insert (seen_orders, g_strdup (order_keys->pdata[i]), file->path);
    }
  g_ptr_array_sort (file->orders, cmp_import_order);
  ctx->form = NULL;
  return TRUE;
}

/**
 * jc_order_import_prepare_at:
 * Reads and checks every file in `paths` against the catalog and the
 * canteens as of `now` (NULL: the clock) and builds the plan: per file,
 * its errors (each naming the file, row or line, and column; a file with
 * any error will store nothing), its warnings (unusual quantities to
 * confirm, late or locked orders that need a reason) and per canteen and
 * date the preview against the stored order.  Stores nothing.  Returns
 * NULL only when the store fails.  Free with jc_import_plan_free().
 */
JcImportPlan *
jc_order_import_prepare_at (JcStore            *store,
                            const char * const *paths,
                            GDateTime          *now,
                            GError            **error)
{
  g_autoptr(JcImportPlan) plan = g_new0 (JcImportPlan, 1);
  g_autoptr(GHashTable) seen_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) canteens = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) canteen_list = NULL;
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) jc_item_free);
  g_autoptr(GPtrArray) catalog = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  plan->files = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_import_file_free);
  canteen_list = jc_store_list_canteens (store, TRUE, error);
  if (canteen_list == NULL)
    return NULL;
  for (guint i = 0; i < canteen_list->len; i++)
    {
      JcCanteen *c = canteen_list->pdata[i];

      g_hash_table_insert (canteens, c->code, c);
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GHashTable) reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      JcImportFile *file = import_file_new (paths[i]);
      Ctx ctx = { store, now, file, NULL, items, canteens, canteen_list, catalog, reported };
      gboolean ok;

      g_ptr_array_add (plan->files, file);
      ok = prepare_file (&ctx, seen_orders, error);
      catalog = ctx.catalog;  /* loaded once, kept for the next file */
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&plan);
}

/**
 * jc_order_import_prepare:
 * jc_order_import_prepare_at() with the clock's time.
 */
JcImportPlan *
jc_order_import_prepare (JcStore            *store,
                         const char * const *paths,
                         GError            **error)
{
  return jc_order_import_prepare_at (store, paths, NULL, error);
}

/* ---- apply ------------------------------------------------------------- */

static gboolean
order_needs_save (const JcImportOrder *io)
{
  return io->changes->len > 0 ||
         (io->status != JC_ORDER_SUBMITTED && io->status != JC_ORDER_LOCKED);
}

static char *
summary_of (const JcImportFile *file)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < file->orders->len; i++)
    {
      const JcImportOrder *io = file->orders->pdata[i];
      guint add = 0, change = 0, remove = 0;

      for (guint k = 0; k < io->changes->len; k++)
        {
          const JcImportChange *c = io->changes->pdata[k];

          if (c->kind == JC_IMPORT_CHANGE_ADD)
            add++;
          else if (c->kind == JC_IMPORT_CHANGE_CHANGE)
            change++;
          else
            remove++;
        }
      if (s->len > 0)
        g_string_append (s, "; ");
      if (!order_needs_save (io))
        g_string_append_printf (s, _("%s %s: unchanged"), io->canteen_code, io->date);
      else
        g_string_append_printf (s, _("%s %s: %u added, %u changed, %u removed, submitted"),
                                io->canteen_code, io->date, add, change, remove);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static gboolean
apply_file (JcStore           *store,
            JcImportPlan      *plan,
            JcImportFile      *file,
            JcOrderSaveFlags   flags,
            const char        *who,
            GDateTime         *now,
            GError           **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_order_free);

  if (!jc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < file->orders->len; i++)
    {
      JcImportOrder *io = file->orders->pdata[i];
      g_autoptr(JcOrder) copy = NULL;

      if (!order_needs_save (io))
        continue;
      copy = order_copy (io->order);
      if (!jc_orders_save (store, copy, flags | JC_ORDER_SAVE_SUBMIT, who, plan->reason, now,
                                error))
        {
          g_prefix_error (error, "%s %s: ", io->canteen_code, io->date);
          jc_store_rollback (store);
          return FALSE;
        }
      g_ptr_array_add (saved, g_steal_pointer (&copy));
    }
  if (!jc_store_commit (store, error))
    {
      jc_store_rollback (store);
      return FALSE;
    }
  /* Committed: the plan's orders now stand at the saved versions. */
  for (guint i = 0, k = 0; i < file->orders->len; i++)
    {
      JcImportOrder *io = file->orders->pdata[i];

      if (!order_needs_save (io))
        continue;
      jc_order_free (io->order);
      io->order = g_steal_pointer (&saved->pdata[k++]);
      io->version = io->order->version;
      io->status = io->order->status;
    }
  return TRUE;
}

/**
 * jc_order_import_apply:
 * Stores the files of a prepared plan, each in one transaction: every
 * order of the file saved, submitted (JC_ORDER_SAVE_SUBMIT is always
 * added to `flags`), at the version prepare read — or, on any refusal
 * (a conflict with a change made since, the cutoff without
 * JC_ORDER_SAVE_ACCEPT_LATE and a reason, a locked order without a
 * reason), nothing of that file.  Files with errors are refused.  Calling
 * this confirms the plan's warnings.  Each file's state and outcome say
 * what happened.  Returns TRUE when every file was stored; otherwise FALSE
 * with JC_ORDER_FORM_ERROR_NOT_IMPORTED naming the files that were not
 * (the others are stored all the same).
 */
gboolean
jc_order_import_apply (JcStore           *store,
                       JcImportPlan      *plan,
                       JcOrderSaveFlags   flags,
                       const char        *who,
                       GDateTime         *now,
                       GError           **error)
{
  g_autoptr(GString) failed = g_string_new (NULL);
  guint n_failed = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  for (guint i = 0; i < plan->files->len; i++)
    {
      JcImportFile *file = plan->files->pdata[i];
      g_autoptr(GError) local = NULL;
      g_autofree char *summary = NULL;

      switch (file->state)
        {
        case JC_IMPORT_FILE_STORED:
          continue;
        case JC_IMPORT_FILE_INVALID:
          g_free (file->outcome);
          file->outcome = g_strdup_printf (ngettext ("%s was not imported: it has %u error",
                                                     "%s was not imported: it has %u errors",
                                                     file->n_errors),
                                           file->path, file->n_errors);
          n_failed++;
          g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", file->path);
          continue;
        case JC_IMPORT_FILE_READY:
        case JC_IMPORT_FILE_FAILED:
        default:
          break;
        }
      if (!apply_file (store, plan, file, flags, who, now, &local))
        {
          file->state = JC_IMPORT_FILE_FAILED;
          g_free (file->outcome);
          file->outcome = g_strdup_printf (_("%s was not imported, nothing of it was stored: %s"),
                                           file->path, local->message);
          n_failed++;
          g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", file->path);
          continue;
        }
      file->state = JC_IMPORT_FILE_STORED;
      summary = summary_of (file);
      g_free (file->outcome);
      file->outcome = g_strdup_printf (_("%s imported: %s"), file->path, summary);
    }
  if (n_failed > 0)
    {
      g_set_error (error, JC_ORDER_FORM_ERROR, JC_ORDER_FORM_ERROR_NOT_IMPORTED,
                   ngettext ("%u of %u files was not imported: %s",
                             "%u of %u files were not imported: %s", n_failed),
                   n_failed, plan->files->len, failed->str);
      return FALSE;
    }
  return TRUE;
}
