/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-purchases.c: the purchases CSV.  Read with jc-csv (so each record
 * knows its line), every field checked and converted to base units with
 * jc-units, then recorded in one transaction. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-purchases"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-csv.h"
#include "jc-date.h"
#include "jc-error.h"
#include "jc-format.h"
#include "jc-input.h"
#include "jc-master.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-purchases.h"
#include "jc-units.h"

G_DEFINE_QUARK (jc-purchases-error-quark, jc_purchases_error)

/* canteen is optional (the last): when filled, the line is that
 * canteen's supplementary purchase (补单) of the item */
enum { COL_DATE, COL_ITEM, COL_QTY, COL_UNIT, COL_PRICE, COL_PRICE_UNIT, COL_CANTEEN, N_COLS };
#define N_REQUIRED COL_CANTEEN

static const char *const col_names[N_COLS] = {
  "date", "item", "qty", "unit", "price", "price_unit", "canteen"
};

typedef struct {
  guint  line;
  char   date[11];
  char  *item_code;
  gint64 qty_milli;
  gint64 price_milliyuan;
  gint64 supplement_id;   /* 0: the plan's own line of the item */
} Purchase;

static void
purchase_free (Purchase *p)
{
  g_free (p->item_code);
  g_free (p);
}

/* The supplementary line (补单) of `item` for `canteen` in the plan of
 * `date` (`plans`: date → JcPlan, loaded once per date). */
static gboolean
find_supplement (JcStore     *store,
                 GHashTable  *plans,
                 const char  *date,
                 JcItem      *item,
                 JcCanteen   *canteen,
                 gint64      *out_id,
                 GError     **error)
{
  JcPlan *plan = g_hash_table_lookup (plans, date);
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = 0;

  if (plan == NULL)
    {
      plan = jc_plan_load (store, date, jc_store_get_stale_days (store), error);
      if (plan == NULL)
        return FALSE;
      g_hash_table_insert (plans, g_strdup (date), plan);
    }
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = g_ptr_array_index (plan->lines, i);

      if (l->supplement_id == 0 || l->item_id != item->id || l->shares->len == 0 ||
          g_array_index (l->shares, JcPlanShare, 0).canteen_id != canteen->id)
        continue;
      *out_id = l->supplement_id;
      g_string_append_printf (ids, "%s#%" G_GINT64_FORMAT, n ? C_("list separator", ", ") : "",
                              l->supplement_id);
      n++;
    }
  if (n == 1)
    return TRUE;
  if (n == 0 && plan->status != JC_PLAN_LOCKED)
    g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID,
                 _("the plan for %s is not locked, so it has no supplementary purchases; leave "
                   "the canteen empty to record the plan's own line"), date);
  else if (n == 0)
    g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID,
                 _("%s has no supplementary purchase (补单) of %s %s for %s; buy its late order "
                   "with “plan supplement” first, or leave the canteen empty to record the "
                   "plan's own line"), canteen->code, item->code, item->name, date);
  else
    g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID,
                 _("%s has %u supplementary purchases of %s %s for %s (%s); record them on the "
                   "purchase plan page"), canteen->code, n, item->code, item->name, date,
                 ids->str);
  return FALSE;
}

gboolean
jc_purchases_import_csv (JcStore     *store,
                         const char  *path,
                         const char  *who,
                         GPtrArray   *problems,
                         guint       *out_n,
                         GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) local_csv = NULL;
  g_autoptr(GPtrArray) purchases = g_ptr_array_new_with_free_func ((GDestroyNotify) purchase_free);
  g_autoptr(GHashTable) plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) jc_plan_free);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  g_autofree char *text = NULL;
  gsize len = 0, text_len = 0;
  int map[N_COLS];
  guint first_problem = problems->len;
  JcCsvRecord *header;

  g_return_val_if_fail (store != NULL && path != NULL && problems != NULL, FALSE);
  if (out_n)
    *out_n = 0;
  bytes = jc_input_read_file (path, JC_PURCHASES_MAX_FILE_BYTES, _("a purchases file"), error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  text = jc_csv_decode (data, len, path, &text_len, NULL, &local_csv);
  if (text != NULL)
    records = jc_csv_read_records (text, text_len, path, NULL, &local_csv);
  if (records == NULL)
    {
      g_set_error_literal (error, JC_PURCHASES_ERROR,
                           text == NULL ? JC_PURCHASES_ERROR_FAILED : JC_PURCHASES_ERROR_INVALID,
                           local_csv->message);
      return FALSE;
    }
  if (records->len == 0)
    {
      g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID, _("%s is empty"), path);
      return FALSE;
    }
  header = records->pdata[0];
  for (guint k = 0; k < N_COLS; k++)
    map[k] = -1;
  for (guint c = 0; header->fields[c] != NULL; c++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header->fields[c]), -1);

      for (guint k = 0; k < N_COLS; k++)
        if (g_str_equal (name, col_names[k]) && map[k] < 0)
          map[k] = (int) c;
    }
  for (guint k = 0; k < N_REQUIRED; k++)
    if (map[k] < 0)
      g_ptr_array_add (problems,
                       g_strdup_printf (_("%s:%u: header: the column “%s” is missing (the header "
                                          "is date,item,qty,unit,price,price_unit)"),
                                        path, header->line, col_names[k]));
  if (problems->len > first_problem)
    goto refuse;

  for (guint r = 1; r < records->len; r++)
    {
      JcCsvRecord *rec = records->pdata[r];
      guint n = g_strv_length (rec->fields);
      const char *f[N_COLS];
      g_autoptr(JcItem) item = NULL;
      g_autoptr(JcCanteen) canteen = NULL;
      g_autoptr(GError) local = NULL;
      gint64 supplement_id = 0;
      JcItemUnits units;
      JcUnitFactor factor;
      JcDecimal qty_typed = { 0, 0 }, price_typed = { 0, 0 };
      gint64 qty = 0, price = 0;
      Purchase *p;
      gboolean bad = FALSE, blank = TRUE;

      for (guint k = 0; k < N_COLS; k++)
        {
          f[k] = map[k] >= 0 && (guint) map[k] < n ? g_strstrip (rec->fields[map[k]]) : "";
          if (*f[k] != '\0')
            blank = FALSE;
        }
      if (blank)
        continue;
#define PROBLEM(col, ...)                                                        \
      G_STMT_START {                                                             \
        g_autofree char *m_ = g_strdup_printf (__VA_ARGS__);                    \
        g_ptr_array_add (problems, g_strdup_printf ("%s:%u:%d: %s: %s", path, rec->line, \
                                                    map[col] + 1, col_names[col], m_)); \
        bad = TRUE;                                                              \
      } G_STMT_END
/* a value from the file, quoted short (jc_format_quote_value) */
#define PROBLEM_VALUE(col, format, value)                                        \
      G_STMT_START {                                                             \
        g_autofree char *v_ = jc_format_quote_value (value);                    \
        PROBLEM (col, format, v_);                                               \
      } G_STMT_END

      if (!jc_date_is_valid (f[COL_DATE]))
        PROBLEM_VALUE (COL_DATE, _("“%s” is not a date (YYYY-MM-DD)"), f[COL_DATE]);
      if (*f[COL_ITEM] == '\0')
        PROBLEM (COL_ITEM, _("an item code or name is required"));
      else
        {
          item = jc_store_get_item (store, f[COL_ITEM], NULL);
          if (item == NULL)
            item = jc_store_find_item_by_name (store, f[COL_ITEM], NULL);
          if (item == NULL)
            PROBLEM_VALUE (COL_ITEM, _("“%s” is not a catalog code or name"), f[COL_ITEM]);
        }
      /* qty and price are kept exactly as typed and rounded once, after
       * the unit conversion */
      if (!jc_decimal_parse (f[COL_QTY], &qty_typed, &local))
        {
          PROBLEM (COL_QTY, "%s", local->message);
          g_clear_error (&local);
        }
      else if (jc_decimal_sign (&qty_typed) < 0)
        PROBLEM_VALUE (COL_QTY, _("“%s” is negative"), f[COL_QTY]);
      if (!jc_decimal_parse (f[COL_PRICE], &price_typed, &local))
        {
          PROBLEM (COL_PRICE, "%s", local->message);
          g_clear_error (&local);
        }
      else if (jc_decimal_sign (&price_typed) < 0)
        PROBLEM_VALUE (COL_PRICE, _("“%s” is negative"), f[COL_PRICE]);
      if (item != NULL)
        {
          units = jc_item_get_units (item);
          factor.num = factor.den = 1;   /* no unit: the base unit */
          if (!bad && *f[COL_UNIT] && !jc_unit_resolve (&units, f[COL_UNIT], &factor, &local))
            {
              PROBLEM (COL_UNIT, "%s", local->message);
              g_clear_error (&local);
            }
          else if (!bad && !jc_decimal_qty_to_base (&qty_typed, &factor, &qty, &local))
            {
              PROBLEM (COL_QTY, "%s", local->message);
              g_clear_error (&local);
            }
          else if (!bad && qty == 0 && !jc_decimal_is_zero (&qty_typed))
            {
              g_autofree char *q_ = jc_format_quote_value (f[COL_QTY]);
              g_autofree char *u_ = jc_format_quote_value (f[COL_UNIT]);

              PROBLEM (COL_QTY, _("%s %s is less than the smallest quantity, 0.001 %s"),
                       q_, *u_ ? u_ : jc_base_unit_to_display (units.base_unit),
                       jc_base_unit_to_display (units.base_unit));
            }
          factor.num = factor.den = 1;
          if (!bad && *f[COL_PRICE_UNIT] &&
              !jc_unit_resolve (&units, f[COL_PRICE_UNIT], &factor, &local))
            {
              PROBLEM (COL_PRICE_UNIT, "%s", local->message);
              g_clear_error (&local);
            }
          else if (!bad && !jc_decimal_price_to_base (&price_typed, &factor, &price, &local))
            {
              PROBLEM (COL_PRICE, "%s", local->message);
              g_clear_error (&local);
            }
        }
      if (*f[COL_CANTEEN] != '\0')
        {
          canteen = jc_store_get_canteen (store, f[COL_CANTEEN], NULL);
          if (canteen == NULL)
            PROBLEM_VALUE (COL_CANTEEN, _("“%s” is not a canteen code"), f[COL_CANTEEN]);
          else if (!bad && !find_supplement (store, plans, f[COL_DATE], item, canteen,
                                             &supplement_id, &local))
            {
              PROBLEM (COL_CANTEEN, "%s", local->message);
              g_clear_error (&local);
            }
        }
#undef PROBLEM_VALUE
#undef PROBLEM
      if (bad)
        continue;
      p = g_new0 (Purchase, 1);
      p->line = rec->line;
      memcpy (p->date, f[COL_DATE], 10);
      p->item_code = g_strdup (item->code);
      p->qty_milli = qty;
      p->price_milliyuan = price;
      p->supplement_id = supplement_id;
      g_ptr_array_add (purchases, p);
    }
  if (purchases->len == 0 && problems->len == first_problem)
    {
      g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID,
                   _("%s has no purchase lines"), path);
      return FALSE;
    }
  if (purchases->len == 0)
    goto refuse;

  /* The good lines are recorded even when others are bad, so that what
   * only the plan can check (locked? in the plan?) is reported too; then
   * all of it is rolled back. */
  if (!jc_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < purchases->len; i++)
    {
      Purchase *p = purchases->pdata[i];
      g_autoptr(GError) local = NULL;

      if (p->supplement_id != 0
          ? !jc_plan_record_supplement_purchase (store, p->date, p->supplement_id, p->qty_milli,
                                                 p->price_milliyuan, who, "", &local)
          : !jc_plan_record_purchase (store, p->date, p->item_code, p->qty_milli,
                                      p->price_milliyuan, who, "", &local))
        g_ptr_array_add (problems, g_strdup_printf ("%s:%u: %s", path, p->line, local->message));
    }
  if (problems->len > first_problem)
    {
      jc_store_rollback (store);
      goto refuse;
    }
  if (!jc_store_commit (store, error))
    return FALSE;
  if (out_n)
    *out_n = purchases->len;
  return TRUE;

refuse:
  g_set_error (error, JC_PURCHASES_ERROR, JC_PURCHASES_ERROR_INVALID,
               ngettext ("%s: %u problem; nothing was stored", "%s: %u problems; nothing was stored",
                         problems->len - first_problem),
               path, problems->len - first_problem);
  return FALSE;
}
