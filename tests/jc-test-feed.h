/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the feed suites share (test-feed.c, the cleaning rules, the JSON
 * feeds and the real files; test-feed-csv.c, the CSV feed): parsing a text
 * or a file into a batch and asserting its counts, quotes and rejects. */
#pragma once

#include <string.h>

#include "jc-test-util.h"
#include "jc-format.h"
#include "jc-feed.h"
#include "jc-units.h"

#define N_REASONS JC_N_REJECT_REASONS
#define NO_REJECTS ((const guint[N_REASONS]) { 0 })

/* ---- helpers ---- */

static G_GNUC_UNUSED void
assert_invariant (JcFeedBatch *b)
{
  guint sum = 0;

  for (guint i = 0; i < N_REASONS; i++)
    sum += jc_feed_batch_count_rejects (b, i);
  assert_int_equal (sum, jc_feed_batch_get_n_rejected (b));
  assert_int_equal (jc_feed_batch_get_rejects (b)->len, jc_feed_batch_get_n_rejected (b));
  /* no row vanishes without a count */
  assert_int_equal (jc_feed_batch_get_n_seen (b),
                    jc_feed_batch_get_quotes (b)->len + jc_feed_batch_get_n_rejected (b) +
                    jc_feed_batch_get_n_duplicates (b));
}

static G_GNUC_UNUSED void
assert_counts (JcFeedBatch *b,
               guint        seen,
               guint        quotes,
               guint        dups,
               const guint  rejects[N_REASONS])
{
  for (guint i = 0; i < N_REASONS; i++)
    if (jc_feed_batch_count_rejects (b, i) != rejects[i])
      fail_msg ("%s: %u rejects, expected %u", jc_reject_reason_to_key (i),
                jc_feed_batch_count_rejects (b, i), rejects[i]);
  assert_int_equal (jc_feed_batch_get_n_seen (b), seen);
  assert_int_equal (jc_feed_batch_get_quotes (b)->len, quotes);
  assert_int_equal (jc_feed_batch_get_n_duplicates (b), dups);
  assert_invariant (b);
}

static G_GNUC_UNUSED const JcQuote *
quote_at (JcFeedBatch *b,
          guint        i)
{
  GArray *q = jc_feed_batch_get_quotes (b);

  assert_true (i < q->len);
  return &g_array_index (q, JcQuote, i);
}

static G_GNUC_UNUSED const JcQuote *
find_quote (JcFeedBatch *b,
            const char  *name,
            const char  *date)
{
  GArray *q = jc_feed_batch_get_quotes (b);

  for (guint i = 0; i < q->len; i++)
    {
      const JcQuote *x = &g_array_index (q, JcQuote, i);

      if (g_str_equal (x->market_name, name) && (date == NULL || g_str_equal (x->date, date)))
        return x;
    }
  fail_msg ("no quote “%s” on %s", name, date ? date : "any day");
  return NULL;
}

static G_GNUC_UNUSED const JcReject *
reject_at (JcFeedBatch *b,
           guint        i)
{
  GArray *r = jc_feed_batch_get_rejects (b);

  assert_true (i < r->len);
  return &g_array_index (r, JcReject, i);
}

static G_GNUC_UNUSED void
assert_quote (const JcQuote *q,
              const char    *name,
              const char    *unit,
              const char    *date,
              gint64         low,
              gint64         avg,
              gint64         high)
{
  assert_string_equal (q->market_name, name);
  assert_string_equal (q->unit, unit);
  assert_string_equal (q->date, date);
  assert_int_equal (q->low_milliyuan, low);
  assert_int_equal (q->avg_milliyuan, avg);
  assert_int_equal (q->high_milliyuan, high);
}

static G_GNUC_UNUSED gboolean
has_warning (JcFeedBatch *b,
             const char  *needle)
{
  GPtrArray *w = jc_feed_batch_get_warnings (b);

  for (guint i = 0; i < w->len; i++)
    if (strstr (g_ptr_array_index (w, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

static G_GNUC_UNUSED JcFeedBatch *
parse_csv_text (const char         *text,
                const JcCsvMapping *mapping)
{
  g_autoptr(GError) error = NULL;
  JcFeedBatch *b = jc_feed_batch_new (NULL, NULL);

  assert_true (jc_feed_parse_csv (text, strlen (text), mapping, b, &error));
  assert_no_error (error);
  return b;
}

static G_GNUC_UNUSED JcFeedBatch *
parse_xinfadi_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JcFeedBatch *b = jc_feed_batch_new (NULL, NULL);

  assert_true (jc_feed_parse_xinfadi (text, strlen (text), b, NULL, &error));
  assert_no_error (error);
  return b;
}

static G_GNUC_UNUSED JcFeedBatch *
parse_usda_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  JcFeedBatch *b = jc_feed_batch_new (NULL, NULL);

  assert_true (jc_feed_parse_usda (text, strlen (text), b, &error));
  assert_no_error (error);
  return b;
}

typedef enum {
  FMT_CSV,
  FMT_XINFADI,
  FMT_USDA,
} Fmt;

/* Parses a file; NULL (with *error) when the parser refuses it, and then
 * the batch must have stayed empty. */
static G_GNUC_UNUSED JcFeedBatch *
parse_path (const char  *path,
            Fmt          fmt,
            const char  *mapping_text,
            GError     **error)
{
  g_autoptr(GBytes) bytes = jc_test_read (path);
  g_autoptr(JcFeedBatch) b = jc_feed_batch_new (NULL, NULL);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JcCsvMapping m;
  gboolean ok = FALSE;

  if (mapping_text != NULL)
    {
      g_autoptr(GError) merr = NULL;

      assert_true (jc_csv_mapping_parse (mapping_text, &m, &merr));
      assert_no_error (merr);
    }
  switch (fmt)
    {
    case FMT_CSV:
      ok = jc_feed_parse_csv (data, len, mapping_text ? &m : NULL, b, error);
      break;
    case FMT_XINFADI:
      ok = jc_feed_parse_xinfadi (data, len, b, NULL, error);
      break;
    case FMT_USDA:
      ok = jc_feed_parse_usda (data, len, b, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      assert_int_equal (jc_feed_batch_get_n_seen (b), 0);
      assert_int_equal (jc_feed_batch_get_warnings (b)->len, 0);
      return NULL;
    }
  assert_invariant (b);
  return g_steal_pointer (&b);
}

static G_GNUC_UNUSED JcFeedBatch *
parse_path_ok (const char *path,
               Fmt         fmt,
               const char *mapping_text)
{
  g_autoptr(GError) error = NULL;
  JcFeedBatch *b = parse_path (path, fmt, mapping_text, &error);

  assert_no_error (error);
  assert_non_null (b);
  return b;
}

static G_GNUC_UNUSED char *
fixture (const char *name)
{
  const char *dir = g_getenv ("JICAI_TEST_DATA");

  assert_non_null (dir);
  return g_build_filename (dir, "feeds", name, NULL);
}

/* ---- reasons ---- */
