/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-decompose.c: the decomposition of a change in spend between
 * two periods into price, volume, new and dropped items (see jc-report.h
 * for the exact definitions).  Pure: no store, no I/O.  Money stays integer
 * fen; the volume effect is a sum of rationals c0·(q1 − q0)/q0 added
 * exactly (GMP) and rounded once. */
#include "config.h"

#define G_LOG_DOMAIN "jc-report"

#include <glib/gi18n-lib.h>
#include <gmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jc-report.h"
#include "jc-report-private.h"

/* ---- the decomposition (pure) --------------------------------------- */

static int
cmp_item (const void *a,
          const void *b)
{
  gint64 x = ((const JcReportItem *) a)->item_id;
  gint64 y = ((const JcReportItem *) b)->item_id;

  return x < y ? -1 : x > y;
}

gboolean
_jc_report_add_i64 (gint64  *acc,
                    gint64   v,
                    GError **error)
{
  if (__builtin_add_overflow (*acc, v, acc))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                   _("A report total is too large"));
      return FALSE;
    }
  return TRUE;
}

/* A sorted copy with repeated ids summed; *n_out its length. */
static JcReportItem *
sorted_items (const JcReportItem *items,
              guint               n,
              guint              *n_out,
              GError            **error)
{
  g_autofree JcReportItem *copy = g_new (JcReportItem, MAX (n, 1));
  guint k = 0;

  if (n > 0)
    memcpy (copy, items, n * sizeof *items);
  qsort (copy, n, sizeof *copy, cmp_item);
  for (guint i = 0; i < n; i++)
    {
      if (k > 0 && copy[k - 1].item_id == copy[i].item_id)
        {
          if (!_jc_report_add_i64 (&copy[k - 1].cost_fen, copy[i].cost_fen, error) ||
              !_jc_report_add_i64 (&copy[k - 1].qty_milli, copy[i].qty_milli, error))
            return NULL;
        }
      else
        copy[k++] = copy[i];
    }
  *n_out = k;
  return g_steal_pointer (&copy);
}

/* round half away from zero of the exact rational q */
static gboolean
round_mpq (const mpq_t  q,
           gint64      *out,
           GError     **error)
{
  mpz_t t, d2;
  gboolean ok;
  int sign = mpq_sgn (q);

  mpz_init (t);
  mpz_init (d2);
  mpz_abs (t, mpq_numref (q));
  mpz_mul_2exp (t, t, 1);
  mpz_add (t, t, mpq_denref (q));           /* 2|n| + d */
  mpz_mul_2exp (d2, mpq_denref (q), 1);     /* 2d */
  mpz_fdiv_q (t, t, d2);
  if (sign < 0)
    mpz_neg (t, t);
  ok = mpz_fits_slong_p (t);
  *out = ok ? (gint64) mpz_get_si (t) : 0;
  mpz_clear (t);
  mpz_clear (d2);
  if (!ok)
    g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                 _("The volume effect is too large"));
  return ok;
}

gboolean
jc_report_decompose (const JcReportItem *p0,
                     guint               n0,
                     const JcReportItem *p1,
                     guint               n1,
                     JcDecomposition    *out,
                     GError            **error)
{
  g_autofree JcReportItem *a = NULL;
  g_autofree JcReportItem *b = NULL;
  guint na = 0, nb = 0, i = 0, j = 0;
  gint64 sum0 = 0, sum1 = 0, common0 = 0, common1 = 0;
  long double l_num = 0, l_den = 0, p_num = 0, p_den = 0;
  mpq_t vol, term;
  gboolean ok = TRUE;

  g_return_val_if_fail (out != NULL, FALSE);
  memset (out, 0, sizeof *out);
  a = sorted_items (p0, n0, &na, error);
  if (a == NULL)
    return FALSE;
  b = sorted_items (p1, n1, &nb, error);
  if (b == NULL)
    return FALSE;

  mpq_init (vol);
  mpq_init (term);
  while (ok && (i < na || j < nb))
    {
      const JcReportItem *x = i < na ? &a[i] : NULL;
      const JcReportItem *y = j < nb ? &b[j] : NULL;

      if (x != NULL && (y == NULL || x->item_id < y->item_id))
        {
          ok = _jc_report_add_i64 (&sum0, x->cost_fen, error) && _jc_report_add_i64 (&out->dropped_fen, -x->cost_fen, error);
          i++;
        }
      else if (y != NULL && (x == NULL || y->item_id < x->item_id))
        {
          ok = _jc_report_add_i64 (&sum1, y->cost_fen, error) && _jc_report_add_i64 (&out->new_fen, y->cost_fen, error);
          j++;
        }
      else
        {
          ok = _jc_report_add_i64 (&sum0, x->cost_fen, error) && _jc_report_add_i64 (&sum1, y->cost_fen, error);
          if (ok && x->qty_milli > 0 && y->qty_milli > 0)
            {
              /* common: c0 (q1 − q0) / q0, exactly */
              ok = _jc_report_add_i64 (&common0, x->cost_fen, error) &&
                   _jc_report_add_i64 (&common1, y->cost_fen, error);
              mpz_set_si (mpq_numref (term), x->cost_fen);
              mpz_mul_si (mpq_numref (term), mpq_numref (term), y->qty_milli - x->qty_milli);
              mpz_set_si (mpq_denref (term), x->qty_milli);
              mpq_canonicalize (term);
              mpq_add (vol, vol, term);
              out->n_common++;
              l_num += (long double) y->cost_fen * x->qty_milli / y->qty_milli;
              l_den += x->cost_fen;
              p_num += y->cost_fen;
              p_den += (long double) x->cost_fen * y->qty_milli / x->qty_milli;
            }
          else if (ok)
            {
              /* not bought in one of the periods (quantity 0) */
              ok = _jc_report_add_i64 (&out->dropped_fen, -x->cost_fen, error) &&
                   _jc_report_add_i64 (&out->new_fen, y->cost_fen, error);
            }
          i++;
          j++;
        }
    }
  if (ok)
    ok = round_mpq (vol, &out->volume_effect_fen, error);
  mpq_clear (vol);
  mpq_clear (term);
  if (!ok)
    return FALSE;

  if (__builtin_sub_overflow (sum1, sum0, &out->change_fen) ||
      __builtin_sub_overflow (common1 - common0, out->volume_effect_fen, &out->price_effect_fen))
    {
      g_set_error (error, JC_REPORT_ERROR, JC_REPORT_ERROR_OVERFLOW,
                   _("A report total is too large"));
      return FALSE;
    }
  if (out->n_common > 0 && l_den > 0 && p_den > 0)
    {
      out->laspeyres = (double) (l_num / l_den);
      out->paasche = (double) (p_num / p_den);
      if (out->laspeyres * out->paasche >= 0)
        {
          out->fisher = sqrt (out->laspeyres * out->paasche);
          out->has_indices = TRUE;
        }
    }
  /* price + volume + new + dropped = change, by construction */
  g_assert (out->price_effect_fen + out->volume_effect_fen + out->new_fen + out->dropped_fen ==
            out->change_fen);
  return TRUE;
}
