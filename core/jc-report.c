/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report.c: the monthly cost review (see jc-report.h for the exact
 * definitions).  Money stays integer fen throughout; only the indices,
 * which are dimensionless ratios, are doubles.  The decomposition of a
 * change (price, volume, new, dropped) is jc-report-decompose.c's. */
#include "config.h"

#define G_LOG_DOMAIN "jc-report"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jc-date.h"
#include "jc-error.h"
#include "jc-master.h"
#include "jc-plan.h"
#include "jc-report.h"
#include "jc-report-private.h"
#include "jc-store-report.h"
#include "jc-units.h"

G_DEFINE_QUARK (jc-report-error-quark, jc_report_error)

/* ---- reading a month ------------------------------------------------ */

typedef struct {
  char     date[11];
  gint64   item_id;
  gint64   supplement_id;  /* 0, or the supplementary purchase's */
  gint64   cost;         /* what counts: actual, else planned, else 0 */
  gint64   qty;          /* 0 when the line adds no quantity */
  gboolean has_actual;
  gboolean has_savings;
  gint64   ref_cost;     /* the actual quantity at the plan's reference price */
  JcReportRow *row;
} LineRec;

typedef struct {
  char   code[33];
  gint64 qty;
  gint64 share;
} ShareRec;

typedef struct {
  char   *name;
  int     position;
  gint64  fen;
} CatAcc;

typedef struct {
  JcStore        *store;
  JcReport       *report;
  JcReportPeriod  period;
  const char     *canteen;         /* filter, or NULL */
  GHashTable     *rows;            /* item id → JcReportRow * (in report->rows) */
  GHashTable     *by_canteen;      /* code → gint64 * (M only) */
  GHashTable     *by_category;     /* name → CatAcc * (M only) */
  GArray         *lines;           /* LineRec, when shares are read */
  guint           line_index;
  GArray         *group;           /* ShareRec of the current line */
  char            group_date[11];
  gint64          group_item;
  gint64          group_supplement;
  /* the period's totals */
  gboolean        has_data;
  gint64          spend;
  guint           n_days;
  guint           provisional_days;
  gint64          savings;
  guint           n_savings;
  char            day[11];
  gboolean        day_provisional;
  GError         *error;
} Ctx;

static void
row_free (JcReportRow *row)
{
  g_free (row->item_code);
  g_free (row->item_name);
  g_free (row->category_name);
  g_free (row);
}

static void
amount_free (JcReportAmount *a)
{
  g_free (a->key);
  g_free (a);
}

static void
cat_acc_free (CatAcc *c)
{
  g_free (c->name);
  g_free (c);
}

void
jc_report_free (JcReport *report)
{
  if (report == NULL)
    return;
  g_free (report->canteen);
  g_clear_pointer (&report->by_canteen, g_ptr_array_unref);
  g_clear_pointer (&report->by_category, g_ptr_array_unref);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_free (report);
}

static void
ctx_overflow (Ctx *ctx)
{
  if (ctx->error == NULL)
    g_set_error (&ctx->error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                 _("A report total is too large"));
}

static void
ctx_add (Ctx    *ctx,
         gint64 *acc,
         gint64  v)
{
  if (__builtin_add_overflow (*acc, v, acc))
    ctx_overflow (ctx);
}

static void
flush_day (Ctx *ctx)
{
  if (ctx->day[0] == '\0')
    return;
  ctx->n_days++;
  if (ctx->day_provisional)
    ctx->provisional_days++;
  ctx->day[0] = '\0';
  ctx->day_provisional = FALSE;
}

/* Counts one line (or one canteen's part of it) in the period. */
static void
account (Ctx           *ctx,
         const LineRec *rec,
         gint64         cost,
         gint64         qty,
         gboolean       has_savings,
         gint64         savings)
{
  JcReportRow *row = rec->row;

  if (strcmp (ctx->day, rec->date) != 0)
    {
      flush_day (ctx);
      memcpy (ctx->day, rec->date, sizeof ctx->day);
    }
  if (!rec->has_actual)
    ctx->day_provisional = TRUE;
  ctx->has_data = TRUE;
  row->in[ctx->period] = TRUE;
  ctx_add (ctx, &row->cost_fen[ctx->period], cost);
  ctx_add (ctx, &row->qty_milli[ctx->period], qty);
  ctx_add (ctx, &ctx->spend, cost);
  if (has_savings)
    {
      ctx_add (ctx, &ctx->savings, savings);
      ctx->n_savings++;
    }
  if (ctx->by_category != NULL)
    {
      CatAcc *cat = g_hash_table_lookup (ctx->by_category, row->category_name);

      if (cat == NULL)
        {
          cat = g_new0 (CatAcc, 1);
          cat->name = g_strdup (row->category_name);
          cat->position = row->category_position;
          g_hash_table_insert (ctx->by_category, cat->name, cat);
        }
      ctx_add (ctx, &cat->fen, cost);
    }
}

static void
add_canteen (Ctx        *ctx,
             const char *code,
             gint64      fen)
{
  gint64 *acc = g_hash_table_lookup (ctx->by_canteen, code);

  if (acc == NULL)
    {
      acc = g_new0 (gint64, 1);
      g_hash_table_insert (ctx->by_canteen, g_strdup (code), acc);
    }
  ctx_add (ctx, acc, fen);
}

static void
on_line (const JcStoreReportLine *l,
         gpointer                 data)
{
  Ctx *ctx = data;
  LineRec rec = { 0 };
  JcReportRow *row;

  if (ctx->error != NULL)
    return;
  row = g_hash_table_lookup (ctx->rows, &l->item_id);
  if (row == NULL)
    {
      row = g_new0 (JcReportRow, 1);
      row->item_id = l->item_id;
      row->item_code = g_strdup (l->item_code);
      row->item_name = g_strdup (l->item_name);
      row->category_name = g_strdup (l->category_name);
      row->category_position = l->category_position;
      g_ptr_array_add (ctx->report->rows, row);
      g_hash_table_insert (ctx->rows, &row->item_id, row);
    }
  g_strlcpy (rec.date, l->date, sizeof rec.date);
  rec.item_id = l->item_id;
  rec.supplement_id = l->supplement_id;
  rec.row = row;
  rec.has_actual = l->has_actual;
  if (l->has_actual)
    {
      rec.cost = l->actual_cost_fen;
      rec.qty = l->actual_qty_milli;
      if (l->has_price)
        {
          if (!jc_line_cost_fen (l->actual_qty_milli, l->price_milliyuan, &rec.ref_cost,
                                 &ctx->error))
            return;
          rec.has_savings = TRUE;
        }
    }
  else if (l->has_price)
    {
      rec.cost = l->cost_fen;
      rec.qty = l->purchase_milli;
    }
  if (ctx->lines != NULL)
    g_array_append_val (ctx->lines, rec);
  if (ctx->canteen == NULL)
    account (ctx, &rec, rec.cost, rec.qty, rec.has_savings, rec.ref_cost - rec.cost);
}

/* The shares of one line are all in: split what the line counts among
 * its canteens. */
static void
split_group (Ctx      *ctx,
             ShareRec *s,
             guint     n)
{
  LineRec *rec = NULL;
  g_autofree gint64 *w = NULL;
  g_autofree gint64 *out = NULL;
  g_autofree const char **keys = NULL;
  gint64 qty_c = 0, ref_c = 0, cost_c = 0;
  guint me = G_MAXUINT;

  if (n == 0 || ctx->error != NULL)
    return;
  while (ctx->line_index < ctx->lines->len)
    {
      LineRec *r = &g_array_index (ctx->lines, LineRec, ctx->line_index);
      int c = strcmp (r->date, ctx->group_date);

      if (c > 0 || (c == 0 && r->item_id > ctx->group_item) ||
          (c == 0 && r->item_id == ctx->group_item && r->supplement_id >= ctx->group_supplement))
        break;
      ctx->line_index++;
    }
  if (ctx->line_index < ctx->lines->len)
    {
      rec = &g_array_index (ctx->lines, LineRec, ctx->line_index);
      if (strcmp (rec->date, ctx->group_date) != 0 || rec->item_id != ctx->group_item ||
          rec->supplement_id != ctx->group_supplement)
        rec = NULL;
    }
  if (rec == NULL)
    return;    /* shares without a line: the foreign key forbids it */

  if (ctx->canteen != NULL)
    {
      for (guint k = 0; k < n; k++)
        if (strcmp (s[k].code, ctx->canteen) == 0)
          me = k;
      if (me == G_MAXUINT)
        return;
    }
  if (!rec->has_actual && ctx->canteen == NULL)
    {
      for (guint k = 0; k < n; k++)
        add_canteen (ctx, s[k].code, s[k].share);
      return;
    }
  w = g_new (gint64, n);
  out = g_new (gint64, n);
  keys = g_new (const char *, n);
  for (guint k = 0; k < n; k++)
    {
      w[k] = s[k].qty;
      keys[k] = s[k].code;
    }
  if (rec->has_actual)
    {
      if (!jc_allocate (rec->cost, w, keys, n, out, &ctx->error))
        return;
      for (guint k = 0; k < n; k++)
        s[k].share = out[k];
    }
  if (ctx->canteen == NULL)
    {
      for (guint k = 0; k < n; k++)
        add_canteen (ctx, s[k].code, s[k].share);
      return;
    }
  cost_c = s[me].share;
  if (rec->qty > 0)
    {
      if (!jc_allocate (rec->qty, w, keys, n, out, &ctx->error))
        return;
      qty_c = out[me];
    }
  if (rec->has_savings)
    {
      if (!jc_allocate (rec->ref_cost, w, keys, n, out, &ctx->error))
        return;
      ref_c = out[me];
    }
  if (ctx->by_canteen != NULL)
    add_canteen (ctx, ctx->canteen, cost_c);
  account (ctx, rec, cost_c, qty_c, rec->has_savings, ref_c - cost_c);
}

static void
flush_group (Ctx *ctx)
{
  /* emptied only after the split: with G_DEBUG=gc-friendly, GLib zeroes
   * the elements a shrink drops */
  split_group (ctx, (ShareRec *) (gpointer) ctx->group->data, ctx->group->len);
  g_array_set_size (ctx->group, 0);
}

static void
on_share (const char *date,
          gint64      item_id,
          gint64      supplement_id,
          const char *canteen_code,
          gint64      qty_milli,
          gint64      share_fen,
          gpointer    data)
{
  Ctx *ctx = data;
  ShareRec s;

  if (ctx->error != NULL)
    return;
  if (item_id != ctx->group_item || supplement_id != ctx->group_supplement ||
      strcmp (date, ctx->group_date) != 0)
    {
      flush_group (ctx);
      g_strlcpy (ctx->group_date, date, sizeof ctx->group_date);
      ctx->group_item = item_id;
      ctx->group_supplement = supplement_id;
    }
  g_strlcpy (s.code, canteen_code, sizeof s.code);
  s.qty = qty_milli;
  s.share = share_fen;
  g_array_append_val (ctx->group, s);
}

typedef struct {
  gint64 sum;
  gint64 n;
} MeanAcc;

static void
on_market_day (gint64      item_id,
               const char *date,
               gint64      avg_milliyuan,
               gpointer    data)
{
  GHashTable *means = data;
  MeanAcc *m = g_hash_table_lookup (means, &item_id);

  (void) date;
  if (m == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = item_id;
      m = g_new0 (MeanAcc, 1);
      g_hash_table_insert (means, key, m);
    }
  m->sum += avg_milliyuan;
  m->n++;
}

/* The month's first day and the next month's (past every date of 9999). */
static void
month_range (int   year,
             int   month,
             char  from[JC_DATE_LEN],
             char  to[JC_DATE_LEN])
{
  char m[JC_MONTH_LEN], next[JC_MONTH_LEN];

  jc_month_format (year, month, m);
  jc_month_first_day (m, from);
  if (!jc_month_shift (m, 1, next) || !jc_month_first_day (next, to))
    g_strlcpy (to, "9999-12-32", JC_DATE_LEN);
}

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  return jc_month_parse (text, year, month) && *year >= 1000;
}

/* Reads one month into the report's rows; fills the period's totals. */
static gboolean
read_period (Ctx          *ctx,
             int           year,
             int           month,
             GHashTable   *means,
             GError      **error)
{
  char from[11], to[11];
  gboolean want_shares = ctx->canteen != NULL || ctx->period == JC_REPORT_M;

  month_range (year, month, from, to);
  if (want_shares)
    {
      ctx->lines = g_array_new (FALSE, FALSE, sizeof (LineRec));
      ctx->group = g_array_new (FALSE, FALSE, sizeof (ShareRec));
    }
  if (_jc_store_foreach_report_line (ctx->store, from, to, on_line, ctx, error) &&
      ctx->error == NULL && want_shares &&
      _jc_store_foreach_report_share (ctx->store, from, to, on_share, ctx, error))
    flush_group (ctx);
  flush_day (ctx);
  g_clear_pointer (&ctx->lines, g_array_unref);
  g_clear_pointer (&ctx->group, g_array_unref);
  ctx->line_index = 0;
  ctx->group_date[0] = '\0';
  ctx->group_item = 0;
  ctx->group_supplement = 0;
  if (error != NULL && *error != NULL)
    return FALSE;
  if (ctx->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&ctx->error));
      return FALSE;
    }
  return _jc_store_foreach_market_day (ctx->store, from, to, on_market_day, means, error);
}

static gboolean
market_mean (GHashTable *means,
             gint64      item_id,
             double     *out)
{
  MeanAcc *m = g_hash_table_lookup (means, &item_id);

  if (m == NULL || m->n == 0)
    return FALSE;
  *out = (double) m->sum / (double) m->n;
  return TRUE;
}

static gboolean
compare (JcReport           *report,
         JcReportPeriod      base,
         gboolean            has_data,
         gint64              base_fen,
         GHashTable         *means_m,
         GHashTable         *means_base,
         JcReportComparison *cmp,
         GError            **error)
{
  g_autofree JcReportItem *p0 = g_new (JcReportItem, report->rows->len + 1);
  g_autofree JcReportItem *p1 = g_new (JcReportItem, report->rows->len + 1);
  guint n0 = 0, n1 = 0;
  long double l_num = 0, l_den = 0, p_num = 0, p_den = 0;
  guint n_market = 0;

  cmp->has_base = has_data;
  if (!has_data)
    return TRUE;
  cmp->base_fen = base_fen;
  if (__builtin_sub_overflow (report->spend_fen, base_fen, &cmp->change_fen))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                   _("A report total is too large"));
      return FALSE;
    }
  for (guint i = 0; i < report->rows->len; i++)
    {
      JcReportRow *r = g_ptr_array_index (report->rows, i);
      double m0, m1;

      if (r->in[base])
        p0[n0++] = (JcReportItem) { r->item_id, r->cost_fen[base], r->qty_milli[base] };
      if (r->in[JC_REPORT_M])
        p1[n1++] = (JcReportItem) { r->item_id, r->cost_fen[JC_REPORT_M], r->qty_milli[JC_REPORT_M] };
      if (r->qty_milli[base] > 0 && r->qty_milli[JC_REPORT_M] > 0 &&
          market_mean (means_base, r->item_id, &m0) && market_mean (means_m, r->item_id, &m1))
        {
          l_num += (long double) m1 * r->qty_milli[base];
          l_den += (long double) m0 * r->qty_milli[base];
          p_num += (long double) m1 * r->qty_milli[JC_REPORT_M];
          p_den += (long double) m0 * r->qty_milli[JC_REPORT_M];
          n_market++;
        }
    }
  if (!jc_report_decompose (p0, n0, p1, n1, &cmp->d, error))
    return FALSE;
  g_warn_if_fail (cmp->d.change_fen == cmp->change_fen);
  if (n_market > 0 && l_den > 0 && p_den > 0)
    {
      cmp->has_market = TRUE;
      cmp->market_laspeyres = (double) (l_num / l_den);
      cmp->market_paasche = (double) (p_num / p_den);
      cmp->market_fisher = sqrt (cmp->market_laspeyres * cmp->market_paasche);
    }
  return TRUE;
}

static int
cmp_row (gconstpointer a,
         gconstpointer b)
{
  const JcReportRow *x = *(JcReportRow *const *) a;
  const JcReportRow *y = *(JcReportRow *const *) b;

  if (x->category_position != y->category_position)
    return x->category_position < y->category_position ? -1 : 1;
  return strcmp (x->item_code, y->item_code);
}

static int
cmp_amount (gconstpointer a,
            gconstpointer b)
{
  return strcmp ((*(JcReportAmount *const *) a)->key, (*(JcReportAmount *const *) b)->key);
}

static int
cmp_cat (gconstpointer a,
         gconstpointer b)
{
  const CatAcc *x = *(CatAcc *const *) a;
  const CatAcc *y = *(CatAcc *const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return strcmp (x->name, y->name);
}

static void
free_means (GHashTable **means)
{
  for (guint p = 0; p < JC_REPORT_N_PERIODS; p++)
    g_clear_pointer (&means[p], g_hash_table_unref);
}

JcReport *
jc_report_build (JcStore     *store,
                 const char  *month,
                 const char  *canteen_or_null,
                 GError     **error)
{
  g_autoptr(JcReport) report = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) by_canteen = NULL;
  g_autoptr(GHashTable) by_category = NULL;
  GHashTable *means[JC_REPORT_N_PERIODS] = { NULL };
  gboolean has_data[JC_REPORT_N_PERIODS] = { FALSE };
  gint64 spend[JC_REPORT_N_PERIODS] = { 0 };
  int year, mon;
  int ym[JC_REPORT_N_PERIODS][2];
  gboolean ok = TRUE;

  g_return_val_if_fail (store != NULL, NULL);

  if (!parse_month (month, &year, &mon))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID,
                   _("month: “%s” is not a month (YYYY-MM)"), month ? month : "");
      return NULL;
    }
  report = g_new0 (JcReport, 1);
  g_strlcpy (report->month, month, sizeof report->month);
  if (canteen_or_null != NULL)
    {
      g_autoptr(JcCanteen) canteen = jc_store_get_canteen (store, canteen_or_null, error);

      if (canteen == NULL)
        return NULL;
      report->canteen = g_strdup (canteen->code);
    }
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->by_canteen = g_ptr_array_new_with_free_func ((GDestroyNotify) amount_free);
  report->by_category = g_ptr_array_new_with_free_func ((GDestroyNotify) amount_free);
  rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  by_canteen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  by_category = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cat_acc_free);

  ym[JC_REPORT_M][0] = year;
  ym[JC_REPORT_M][1] = mon;
  ym[JC_REPORT_MOM_BASE][0] = mon == 1 ? year - 1 : year;
  ym[JC_REPORT_MOM_BASE][1] = mon == 1 ? 12 : mon - 1;
  ym[JC_REPORT_YOY_BASE][0] = year - 1;
  ym[JC_REPORT_YOY_BASE][1] = mon;
  jc_month_format (ym[JC_REPORT_MOM_BASE][0], ym[JC_REPORT_MOM_BASE][1], report->mom.month);
  jc_month_format (ym[JC_REPORT_YOY_BASE][0], ym[JC_REPORT_YOY_BASE][1], report->yoy.month);

  for (guint p = 0; ok && p < JC_REPORT_N_PERIODS; p++)
    {
      Ctx ctx = { 0 };

      ctx.store = store;
      ctx.report = report;
      ctx.period = (JcReportPeriod) p;
      ctx.canteen = report->canteen;
      ctx.rows = rows;
      if (p == JC_REPORT_M)
        {
          ctx.by_canteen = by_canteen;
          ctx.by_category = by_category;
        }
      means[p] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      ok = read_period (&ctx, ym[p][0], ym[p][1], means[p], error);
      has_data[p] = ctx.has_data;
      spend[p] = ctx.spend;
      if (p == JC_REPORT_M)
        {
          report->spend_fen = ctx.spend;
          report->n_days = ctx.n_days;
          report->provisional_days = ctx.provisional_days;
          report->savings_vs_market_fen = ctx.savings;
          report->n_savings_lines = ctx.n_savings;
        }
    }
  if (!ok)
    {
      free_means (means);
      return NULL;
    }

  /* with a canteen, items only other canteens bought */
  for (guint i = report->rows->len; i > 0; i--)
    {
      JcReportRow *r = g_ptr_array_index (report->rows, i - 1);

      if (!r->in[JC_REPORT_M] && !r->in[JC_REPORT_MOM_BASE] && !r->in[JC_REPORT_YOY_BASE])
        g_ptr_array_remove_index_fast (report->rows, i - 1);
    }
  g_ptr_array_sort (report->rows, cmp_row);
  {
    GHashTableIter iter;
    gpointer key, value;
    g_autoptr(GPtrArray) cats = g_ptr_array_new ();

    g_hash_table_iter_init (&iter, by_canteen);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        JcReportAmount *a = g_new0 (JcReportAmount, 1);

        a->key = g_strdup (key);
        a->fen = *(gint64 *) value;
        g_ptr_array_add (report->by_canteen, a);
      }
    g_ptr_array_sort (report->by_canteen, cmp_amount);
    g_hash_table_iter_init (&iter, by_category);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_ptr_array_add (cats, value);
    g_ptr_array_sort (cats, cmp_cat);
    for (guint i = 0; i < cats->len; i++)
      {
        CatAcc *c = g_ptr_array_index (cats, i);
        JcReportAmount *a = g_new0 (JcReportAmount, 1);

        a->key = g_strdup (c->name);
        a->fen = c->fen;
        g_ptr_array_add (report->by_category, a);
      }
  }

  ok = compare (report, JC_REPORT_MOM_BASE, has_data[JC_REPORT_MOM_BASE],
                spend[JC_REPORT_MOM_BASE], means[JC_REPORT_M], means[JC_REPORT_MOM_BASE],
                &report->mom, error) &&
       compare (report, JC_REPORT_YOY_BASE, has_data[JC_REPORT_YOY_BASE],
                spend[JC_REPORT_YOY_BASE], means[JC_REPORT_M], means[JC_REPORT_YOY_BASE],
                &report->yoy, error);
  free_means (means);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

/**
 * jc_report_trend:
 * The spend of the `n` months ending with `month` (oldest first) for all
 * canteens or one, and optionally a chained Fisher index of our unit costs
 * and of the market's over the same months (100 in the first month; each
 * month's link is its Fisher index against the month before).  A month
 * whose link is missing gets NaN and the chain carries on from the last
 * level.  Builds one report per month.
 */
gboolean
jc_report_trend (JcStore     *store,
                 const char  *month,
                 const char  *canteen_or_null,
                 guint        n,
                 char       (*out_months)[8],
                 gint64      *out_fen,
                 double      *out_ours,
                 double      *out_market,
                 GError     **error)
{
  int year, mon;
  double ours = 100.0, market = 100.0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (n == 0 || out_fen != NULL, FALSE);

  if (!parse_month (month, &year, &mon))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID,
                   _("month: “%s” is not a month (YYYY-MM)"), month ? month : "");
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      int back = (int) (n - 1 - i);
      int total = year * 12 + (mon - 1) - back;
      char m[8];
      g_autoptr(JcReport) r = NULL;

      jc_month_format (total / 12, total % 12 + 1, m);
      r = jc_report_build (store, m, canteen_or_null, error);
      if (r == NULL)
        return FALSE;
      out_fen[i] = r->spend_fen;
      if (out_months != NULL)
        memcpy (out_months[i], m, sizeof m);
      if (out_ours != NULL)
        {
          if (i == 0)
            out_ours[i] = ours;
          else if (r->mom.has_base && r->mom.d.has_indices)
            out_ours[i] = ours = ours * r->mom.d.fisher;
          else
            out_ours[i] = NAN;
        }
      if (out_market != NULL)
        {
          if (i == 0)
            out_market[i] = market;
          else if (r->mom.has_base && r->mom.has_market)
            out_market[i] = market = market * r->mom.market_fisher;
          else
            out_market[i] = NAN;
        }
    }
  return TRUE;
}

/**
 * jc_report_spend_trend:
 * The spend of all canteens in the `n` months ending with `month`, oldest
 * first.
 */
gboolean
jc_report_spend_trend (JcStore     *store,
                       const char  *month,
                       guint        n,
                       gint64      *out_fen,
                       GError     **error)
{
  return jc_report_trend (store, month, NULL, n, NULL, out_fen, NULL, NULL, error);
}

typedef struct {
  gint64      spend;
  GHashTable *days;
  gboolean    failed;
  GError     *error;
} SpendCtx;

static void
spend_line (const JcStoreReportLine *l,
            gpointer                 data)
{
  SpendCtx *ctx = data;
  gint64 cost;

  if (ctx->failed)
    return;
  /* As the review counts it: the actual cost, the planned one where no
   * purchase is recorded, nothing for a line without a price. */
  if (l->has_actual)
    cost = l->actual_cost_fen;
  else if (l->has_price)
    cost = l->cost_fen;
  else
    cost = 0;
  if (!_jc_report_add_i64 (&ctx->spend, cost, &ctx->error))
    ctx->failed = TRUE;
  g_hash_table_add (ctx->days, g_strdup (l->date));
}

/**
 * jc_report_spend_between:
 * The spend of all canteens on the locked delivery dates from `from` up to
 * and including `to` ("YYYY-MM-DD"), counted as the review counts it, and
 * how many delivery dates that is.  The dashboard compares the month so far
 * with the same days a year before with it.
 */
gboolean
jc_report_spend_between (JcStore     *store,
                         const char  *from,
                         const char  *to,
                         gint64      *out_fen,
                         guint       *out_days,
                         GError     **error)
{
  SpendCtx ctx = { 0 };
  char end_text[JC_DATE_LEN];

  g_return_val_if_fail (store != NULL && from != NULL && to != NULL, FALSE);

  if (!jc_date_is_valid (from) || !jc_date_shift (to, 1, end_text))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID,
                   _("“%s” to “%s” is not a period of dates (YYYY-MM-DD)"), from, to);
      return FALSE;
    }
  ctx.days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!_jc_store_foreach_report_line (store, from, end_text, spend_line, &ctx, error))
    {
      g_hash_table_unref (ctx.days);
      return FALSE;
    }
  if (ctx.failed)
    {
      g_propagate_error (error, ctx.error);
      g_hash_table_unref (ctx.days);
      return FALSE;
    }
  if (out_fen != NULL)
    *out_fen = ctx.spend;
  if (out_days != NULL)
    *out_days = g_hash_table_size (ctx.days);
  g_hash_table_unref (ctx.days);
  return TRUE;
}

/* ---- for the Reports page ------------------------------------------- */

/**
 * jc_report_month_shift:
 * `month` moved by `months` months into `out` ("YYYY-MM").
 */
gboolean
jc_report_month_shift (const char *month,
                       int         months,
                       char        out[8])
{
  int year, mon;

  return parse_month (month, &year, &mon) && jc_month_shift (month, months, out) &&
         parse_month (out, &year, &mon);
}

/* The market's monthly means of `month` (item id → MeanAcc). */
static GHashTable *
read_means (JcStore     *store,
            const char  *month,
            GError     **error)
{
  g_autoptr(GHashTable) means = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_free);
  char from[11], to[11];
  int year, mon;

  if (!parse_month (month, &year, &mon))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID,
                   _("month: “%s” is not a month (YYYY-MM)"), month ? month : "");
      return NULL;
    }
  month_range (year, mon, from, to);
  if (!_jc_store_foreach_market_day (store, from, to, on_market_day, means, error))
    return NULL;
  return g_steal_pointer (&means);
}

static gboolean
rounded_mean (GHashTable *means,
              gint64      item_id,
              gint64     *out)
{
  MeanAcc *m = means != NULL ? g_hash_table_lookup (means, &item_id) : NULL;

  return m != NULL && m->n > 0 && jc_mul_div_round (m->sum, 1, m->n, out, NULL);
}

/* cost / qty per base unit in milli-yuan: fen × 10000 / milli */
static gboolean
unit_cost (gint64  cost_fen,
           gint64  qty_milli,
           gint64 *out)
{
  return qty_milli > 0 && jc_mul_div_round (cost_fen, 10000, qty_milli, out, NULL);
}

static int
cmp_report_mover (gconstpointer a,
                  gconstpointer b)
{
  const JcReportMover *x = a, *y = b;
  double dx = fabs (x->change), dy = fabs (y->change);

  if (dx != dy)
    return dx > dy ? -1 : 1;
  return strcmp (x->row->item_code, y->row->item_code);
}

/**
 * jc_report_movers:
 * Returns: (transfer full): the items bought in both periods, largest unit
 * cost change first.
 */
GArray *
jc_report_movers (JcStore         *store,
                  const JcReport  *report,
                  JcReportPeriod   base,
                  guint            max,
                  GError         **error)
{
  g_autoptr(GArray) movers = g_array_new (FALSE, TRUE, sizeof (JcReportMover));
  g_autoptr(GHashTable) means0 = NULL;
  g_autoptr(GHashTable) means1 = NULL;
  const char *base_month;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (base == JC_REPORT_MOM_BASE || base == JC_REPORT_YOY_BASE, NULL);

  base_month = base == JC_REPORT_MOM_BASE ? report->mom.month : report->yoy.month;
  if (store != NULL)
    {
      means0 = read_means (store, base_month, error);
      if (means0 == NULL)
        return NULL;
      means1 = read_means (store, report->month, error);
      if (means1 == NULL)
        return NULL;
    }
  for (guint i = 0; i < report->rows->len; i++)
    {
      const JcReportRow *row = g_ptr_array_index (report->rows, i);
      gint64 q0 = row->qty_milli[base], c0 = row->cost_fen[base];
      gint64 q1 = row->qty_milli[JC_REPORT_M], c1 = row->cost_fen[JC_REPORT_M];
      JcReportMover m = { 0 };
      gint64 at_old_price;

      if (!row->in[JC_REPORT_M] || !row->in[base] || q0 <= 0 || q1 <= 0 || c0 <= 0)
        continue;
      m.row = row;
      if (!unit_cost (c0, q0, &m.unit0_milliyuan) || !unit_cost (c1, q1, &m.unit1_milliyuan) ||
          !jc_mul_div_round (c0, q1, q0, &at_old_price, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                         _("A report total is too large"));
          return NULL;
        }
      m.change = ((double) c1 / (double) q1) / ((double) c0 / (double) q0) - 1.0;
      m.price_effect_fen = c1 - at_old_price;
      if (rounded_mean (means0, row->item_id, &m.market0_milliyuan) &&
          rounded_mean (means1, row->item_id, &m.market1_milliyuan))
        {
          double mean0 = 0, mean1 = 0;

          if (market_mean (means0, row->item_id, &mean0) &&
              market_mean (means1, row->item_id, &mean1) && mean0 > 0)
            {
              m.has_market = TRUE;
              m.market_change = mean1 / mean0 - 1.0;
            }
        }
      g_array_append_val (movers, m);
    }
  g_array_sort (movers, cmp_report_mover);
  if (max > 0 && movers->len > max)
    g_array_set_size (movers, max);
  return g_steal_pointer (&movers);
}

typedef struct {
  gint64  item_id;
  int     first;       /* year × 12 + month − 1 of out[0] */
  guint   n;
  gint64 *sum;
  gint64 *count;
} HistoryMarket;

static void
on_history_market_day (gint64      item_id,
                       const char *date,
                       gint64      avg_milliyuan,
                       gpointer    data)
{
  HistoryMarket *h = data;
  int k;

  if (item_id != h->item_id || date == NULL || strlen (date) < 7)
    return;
  k = atoi (date) * 12 + atoi (date + 5) - 1 - h->first;
  if (k < 0 || (guint) k >= h->n)
    return;
  h->sum[k] += avg_milliyuan;
  h->count[k]++;
}

/**
 * jc_report_item_history:
 * One item's months, oldest first, as the review counts them.
 */
gboolean
jc_report_item_history (JcStore            *store,
                        const char         *month,
                        const char         *canteen_or_null,
                        const char         *item_code,
                        guint               n,
                        JcReportItemMonth  *out,
                        GError            **error)
{
  g_autoptr(JcItem) item = NULL;
  g_autofree gint64 *sum = NULL;
  g_autofree gint64 *count = NULL;
  HistoryMarket h = { 0 };
  char first[8], from[11], to[11], unused[11];
  int year, mon, last_year, last_mon;

  g_return_val_if_fail (store != NULL && item_code != NULL, FALSE);
  g_return_val_if_fail (n == 0 || out != NULL, FALSE);

  if (!parse_month (month, &year, &mon) || n == 0 || n > 1200 ||
      !jc_report_month_shift (month, -(int) (n - 1), first))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_INVALID,
                   _("month: “%s” is not a month (YYYY-MM)"), month ? month : "");
      return FALSE;
    }
  item = jc_store_get_item (store, item_code, error);
  if (item == NULL)
    return FALSE;
  memset (out, 0, n * sizeof *out);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcReport) r = NULL;

      jc_report_month_shift (first, (int) i, out[i].month);
      r = jc_report_build (store, out[i].month, canteen_or_null, error);
      if (r == NULL)
        return FALSE;
      for (guint k = 0; k < r->rows->len; k++)
        {
          const JcReportRow *row = g_ptr_array_index (r->rows, k);

          if (row->item_id != item->id || !row->in[JC_REPORT_M])
            continue;
          out[i].in = TRUE;
          out[i].qty_milli = row->qty_milli[JC_REPORT_M];
          out[i].cost_fen = row->cost_fen[JC_REPORT_M];
          out[i].has_unit_cost = unit_cost (out[i].cost_fen, out[i].qty_milli,
                                            &out[i].unit_cost_milliyuan);
        }
    }
  /* the market: one pass over the whole span */
  parse_month (first, &year, &mon);
  parse_month (month, &last_year, &last_mon);
  month_range (year, mon, from, unused);
  month_range (last_year, last_mon, unused, to);
  sum = g_new0 (gint64, n);
  count = g_new0 (gint64, n);
  h.item_id = item->id;
  h.first = year * 12 + mon - 1;
  h.n = n;
  h.sum = sum;
  h.count = count;
  if (!_jc_store_foreach_market_day (store, from, to, on_history_market_day, &h, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    out[i].has_market = count[i] > 0 &&
                        jc_mul_div_round (sum[i], 1, count[i], &out[i].market_milliyuan, NULL);
  return TRUE;
}
