/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the monthly cost review over two years of locked plans with
 * purchases at 1,000 canteens (weekdays, 60 items, each canteen ordering
 * each item with probability 1/3: ~20,000 shares a day, ~10 million in
 * all), beside the same aggregation done by pandas
 * (bench/report_pandas.py, Debian's python3-pandas) on the same file in the same run.  Best of 3.
 *
 *   bench-report [DB_PATH]   (default: a temporary file, removed after;
 *                             an existing DB_PATH is reused as it is)
 *
 * The world is written through the store's own plan and purchase writers
 * (jc-store-private.h) without going through orders, which would only
 * slow the generation down: the report reads plans, shares, purchases and
 * prices, nothing else.  The last two days are left without purchases so
 * the month has provisional days. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jc-master.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-report.h"
#include "jc-store-private.h"
#include "jc-units.h"

#define N_CANTEENS 1000
#define N_ITEMS    60
#define MONTH      "2026-11"
#define ROUNDS     3

static const char *const categories[] = { "veg", "fruit", "meat", "aquatic", "soy", "grain" };

static void
die_on (GError *error)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      exit (1);
    }
}

static void
generate (JcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_item_free);
  gint64 canteen_ids[N_CANTEENS];
  char canteen_codes[N_CANTEENS][8];
  gint64 price[N_ITEMS];
  GDate day, last;
  guint n_days = 0;
  gint64 n_shares = 0;

  jc_store_begin (store, &error);
  die_on (error);
  src->name = g_strdup ("bench");
  src->adapter = g_strdup ("csv");
  src->url = g_strdup ("file:///dev/null");
  jc_store_insert_source (store, src, &error);
  die_on (error);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      JcItem *item = jc_item_new ();

      item->code = g_strdup_printf ("B%03u", i);
      item->name = g_strdup_printf ("品种%03u", i);
      item->category = g_strdup (categories[i % G_N_ELEMENTS (categories)]);
      jc_store_insert_item (store, item, &error);
      die_on (error);
      g_ptr_array_add (items, item);
      price[i] = g_rand_int_range (rand, 1000, 60000);
    }
  for (guint c = 0; c < N_CANTEENS; c++)
    {
      g_autoptr(JcCanteen) canteen = jc_canteen_new ();

      g_snprintf (canteen_codes[c], sizeof canteen_codes[c], "C%04u", c);
      canteen->code = g_strdup (canteen_codes[c]);
      canteen->name = g_strdup_printf ("食堂%04u", c);
      canteen->lat = 39.9;
      canteen->lon = 116.4;
      jc_store_insert_canteen (store, canteen, &error);
      die_on (error);
      canteen_ids[c] = canteen->id;
    }

  g_date_clear (&day, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&day, 1, 12, 2024);
  g_date_set_dmy (&last, 30, 11, 2026);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      g_autoptr(JcPlan) plan = NULL;
      GDateWeekday wd = g_date_get_weekday (&day);
      gboolean provisional = g_date_days_between (&day, &last) < 2;
      gint64 w[N_CANTEENS];
      const char *keys[N_CANTEENS];
      gint64 out[N_CANTEENS];
      char date[11];

      if (wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY)
        continue;
      g_snprintf (date, sizeof date, "%04u-%02u-%02u", g_date_get_year (&day),
                  g_date_get_month (&day), g_date_get_day (&day));
      plan = g_new0 (JcPlan, 1);
      g_strlcpy (plan->date, date, sizeof plan->date);
      plan->status = JC_PLAN_LOCKED;
      plan->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _jc_plan_line_free);
      plan->no_price = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < N_ITEMS; i++)
        {
          JcItem *item = g_ptr_array_index (items, i);
          JcPlanLine *l = g_new0 (JcPlanLine, 1);
          JcPriceQuote q = { item->name, "", "", "", "kg", date, 0, 0, 0, 0 };
          JcPutResult put;
          guint n = 0;

          /* a random walk of ±2 %, and the day's quote */
          price[i] += (gint64) g_rand_int_range (rand, -20, 21) * price[i] / 1000;
          price[i] = MAX (price[i], 500);
          q.low_milliyuan = q.avg_milliyuan = q.high_milliyuan = price[i];
          jc_price_put_quote (store, src->id, 0, &q, item, &put, &error);
          die_on (error);

          l->item_id = item->id;
          l->item_code = g_strdup (item->code);
          l->packs = -1;
          l->has_price = TRUE;
          l->price_milliyuan = price[i];
          g_strlcpy (l->price_date, date, sizeof l->price_date);
          l->shares = g_array_new (FALSE, FALSE, sizeof (JcPlanShare));
          for (guint c = 0; c < N_CANTEENS; c++)
            {
              JcPlanShare sh = { 0 };

              if (g_rand_int_range (rand, 0, 3) != 0)
                continue;
              sh.canteen_id = canteen_ids[c];
              g_strlcpy (sh.canteen_code, canteen_codes[c], sizeof sh.canteen_code);
              sh.qty_milli = g_rand_int_range (rand, 1, 400) * 100;
              l->demand_milli += sh.qty_milli;
              w[n] = sh.qty_milli;
              keys[n] = canteen_codes[c];
              g_array_append_val (l->shares, sh);
              n++;
            }
          l->gross_milli = l->purchase_milli = l->demand_milli;
          jc_line_cost_fen (l->purchase_milli, l->price_milliyuan, &l->cost_fen, &error);
          die_on (error);
          jc_allocate (l->cost_fen, w, keys, n, out, &error);
          die_on (error);
          for (guint k = 0; k < n; k++)
            g_array_index (l->shares, JcPlanShare, k).share_fen = out[k];
          plan->total_cost_fen += l->cost_fen;
          n_shares += n;
          g_ptr_array_add (plan->lines, l);
        }
      _jc_store_plan_write (store, plan, 7, "bench", &error);
      die_on (error);
      for (guint i = 0; !provisional && i < plan->lines->len; i++)
        {
          JcPlanLine *l = plan->lines->pdata[i];
          /* bought within ±3 % of plan, at ±5 % of the reference */
          gint64 qty = l->purchase_milli + (gint64) g_rand_int_range (rand, -30, 31) *
                                           l->purchase_milli / 1000;
          gint64 p = l->price_milliyuan + (gint64) g_rand_int_range (rand, -50, 51) *
                                          l->price_milliyuan / 1000;
          gint64 cost;

          jc_line_cost_fen (qty, p, &cost, &error);
          die_on (error);
          _jc_store_put_purchase (store, date, l->item_id, qty, p, cost, "bench", "", &error);
          die_on (error);
        }
      n_days++;
    }
  jc_store_commit (store, &error);
  die_on (error);
  printf ("generated %u days, %" G_GINT64_FORMAT " shares\n", n_days, n_shares);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* pandas on the same file: its own timing (reads included, interpreter
 * start excluded), from its last line "pandas_ms=…". */
static double
time_pandas (const char *path,
             const char *script,
             char      **out_summary)
{
  /* Debian's interpreter, where python3-pandas lives, before any other
   * python3 on the PATH */
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                       ? "/usr/bin/python3" : "python3";
  const char *argv[] = { python, script, path, MONTH, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *p;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "bench-report: pandas: %s\n%s", error->message, err ? err : "");
      return -1;
    }
  p = strstr (out, "pandas_ms=");
  if (p == NULL)
    return -1;
  *out_summary = g_strdup (out);
  return g_ascii_strtod (p + strlen ("pandas_ms="), NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *script = NULL;
  g_autofree char *pandas_out = NULL;
  gboolean existing;
  double best = G_MAXDOUBLE, best_pandas = G_MAXDOUBLE;
  double t0;

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
      die_on (error);
      path = g_build_filename (dir, "bench.db", NULL);
    }
  existing = g_file_test (path, G_FILE_TEST_EXISTS);
  store = jc_store_open (path, &error);
  die_on (error);
  if (!existing)
    {
      t0 = now_ms ();
      generate (store);
      printf ("generation: %.1f s\n", (now_ms () - t0) / 1000);
    }

  for (int r = 0; r < ROUNDS; r++)
    {
      g_autoptr(JcReport) report = NULL;

      t0 = now_ms ();
      report = jc_report_build (store, MONTH, NULL, &error);
      die_on (error);
      best = MIN (best, now_ms () - t0);
      if (r == 0)
        printf ("jicai: spend %" G_GINT64_FORMAT " fen, %u days (%u provisional), %u canteens, "
                "yoy change %" G_GINT64_FORMAT " = price %" G_GINT64_FORMAT " + volume %"
                G_GINT64_FORMAT " + new %" G_GINT64_FORMAT " + dropped %" G_GINT64_FORMAT "\n",
                report->spend_fen, report->n_days, report->provisional_days,
                report->by_canteen->len, report->yoy.change_fen, report->yoy.d.price_effect_fen,
                report->yoy.d.volume_effect_fen, report->yoy.d.new_fen, report->yoy.d.dropped_fen);
    }
  printf ("jc_report_build %s:           best of %d %8.1f ms\n", MONTH, ROUNDS, best);

  script = g_build_filename (SRCDIR_BENCH, "report_pandas.py", NULL);
  for (int r = 0; r < ROUNDS; r++)
    {
      g_autofree char *summary = NULL;
      double ms = time_pandas (path, script, &summary);

      if (ms < 0)
        break;
      if (ms < best_pandas)
        {
          best_pandas = ms;
          g_free (pandas_out);
          pandas_out = g_steal_pointer (&summary);
        }
    }
  if (pandas_out != NULL)
    {
      printf ("pandas: %s", pandas_out);
      printf ("pandas (reads included):       best of %d %8.1f ms\n", ROUNDS, best_pandas);
      printf ("ratio pandas / jicai: %.1f×\n", best_pandas / best);
    }

  g_clear_pointer (&store, jc_store_free);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (wal);
      g_remove (shm);
      g_remove (path);
      g_rmdir (dir);
    }
  return 0;
}
