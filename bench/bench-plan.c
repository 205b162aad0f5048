/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark: the consolidated purchase plan of one delivery date with
 * 1,000 canteens × 60 order lines (60,000 lines over a 300-item catalog,
 * every item priced that day), beside sqlite3's own CLI running the bare
 * demand query — Σ qty per item over the date's submitted orders — on the
 * same file in the same run.  Best of 5 each.
 *
 *   bench-plan [DB_PATH]   (default: a temporary file, removed after)
 *
 * Not a test: it prints figures; docs/BENCHMARKS.md records them.  The one
 * SQL text here is what sqlite3 is given to compare against; jicai's own
 * reads go through the store like everywhere else. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jc-master.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-store.h"

#define N_CANTEENS 1000
#define N_LINES    60
#define N_ITEMS    300
#define DATE       "2026-12-01"
#define ROUNDS     5

static const char *const categories[] = { "veg", "fruit", "meat" };

static void
die_on (GError *error)
{
  if (error != NULL)
    {
      fprintf (stderr, "bench-plan: %s\n", error->message);
      exit (1);
    }
}

static void
generate (JcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_item_free);
  JcStoreOrderLine lines[N_LINES];

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
      JcPriceQuote q = { 0 };
      JcPutResult put;
      gint64 price = g_rand_int_range (rand, 500, 40000);

      item->code = g_strdup_printf ("I%03u", i);
      item->name = g_strdup_printf ("品种%03u", i);
      item->category = g_strdup (categories[i % G_N_ELEMENTS (categories)]);
      item->loss_permille = (int) (i % 7) * 10;
      item->pack_milli = i % 5 == 0 ? 25000 : 0;
      jc_store_insert_item (store, item, &error);
      die_on (error);
      q.market_name = item->name;
      q.category = "";
      q.spec = "";
      q.origin = "";
      q.unit = "kg";
      q.date = DATE;
      q.low_milliyuan = price;
      q.avg_milliyuan = price;
      q.high_milliyuan = price;
      jc_price_put_quote (store, src->id, 0, &q, item, &put, &error);
      die_on (error);
      g_ptr_array_add (items, item);
    }
  for (guint c = 0; c < N_CANTEENS; c++)
    {
      g_autoptr(JcCanteen) canteen = jc_canteen_new ();
      guint start = (guint) g_rand_int_range (rand, 0, N_ITEMS);

      canteen->code = g_strdup_printf ("C%04u", c);
      canteen->name = g_strdup_printf ("食堂%04u", c);
      canteen->lat = 39.9;
      canteen->lon = 116.4;
      jc_store_insert_canteen (store, canteen, &error);
      die_on (error);
      for (guint l = 0; l < N_LINES; l++)
        {
          JcItem *item = items->pdata[(start + l * 5) % N_ITEMS];

          lines[l].item_id = item->id;
          lines[l].qty_milli = g_rand_int_range (rand, 1, 200) * 500;
          lines[l].unit = NULL;
          lines[l].unit_qty_milli = lines[l].qty_milli;
        }
      jc_store_put_order (store, canteen->id, DATE, "submitted", lines, N_LINES, &error);
      die_on (error);
    }
  jc_store_commit (store, &error);
  die_on (error);
}

/* sqlite3's CLI on the same file: the time of the whole process (start,
 * open, query, print) and the query's own time from `.timer on`. */
static void
time_sqlite3 (const char *path,
              double     *best_spawn_ms,
              double     *best_query_ms,
              guint      *n_rows)
{
  const char *sql =
    "SELECT l.item_id, SUM(l.qty_milli) FROM order_lines l "
    "JOIN orders o ON o.id = l.order_id "
    "WHERE o.delivery_date = '" DATE "' AND o.status IN ('submitted', 'locked') "
    "GROUP BY l.item_id;";
  g_autofree char *script = NULL;
  g_autofree char *read = NULL;
  g_autoptr(GError) werror = NULL;
  const char *argv[] = { "sqlite3", path, NULL, NULL };
  int fd;

  /* `.timer` only reports statements it reads from a script */
  fd = g_file_open_tmp ("bench-plan-XXXXXX.sql", &script, &werror);
  die_on (werror);
  close (fd);
  {
    g_autofree char *text = g_strdup_printf (".timer on\n%s\n", sql);

    g_file_set_contents (script, text, -1, &werror);
    die_on (werror);
  }
  read = g_strdup_printf (".read %s", script);
  argv[2] = read;

  *best_spawn_ms = *best_query_ms = G_MAXDOUBLE;
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      int status = 0;
      const char *timer;
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                         &status, &error))
        die_on (error);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      *best_spawn_ms = MIN (*best_spawn_ms, ms);
      *n_rows = 0;
      for (const char *p = out; *p; p++)
        if (*p == '\n')
          (*n_rows)++;
      timer = strstr (out, "Run Time: real ");
      if (timer != NULL)
        {
          *best_query_ms = MIN (*best_query_ms,
                                g_ascii_strtod (timer + strlen ("Run Time: real "), NULL) * 1000.0);
          (*n_rows)--;
        }
    }
  g_remove (script);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  JcStore *store;
  double best_build = G_MAXDOUBLE, spawn_ms, query_ms;
  guint n_rows = 0, n_lines = 0;
  gint64 total = 0;
  gint64 t0;

  if (argc > 1)
    path = g_strdup (argv[1]);
  else
    {
      dir = g_dir_make_tmp ("bench-plan-XXXXXX", &error);
      die_on (error);
      path = g_build_filename (dir, "plan.db", NULL);
    }
  g_remove (path);
  store = jc_store_open (path, &error);
  die_on (error);
  t0 = g_get_monotonic_time ();
  generate (store);
  printf ("generated %u canteens × %u lines, %u items in %.1f s: %s\n", N_CANTEENS, N_LINES,
          N_ITEMS, (double) (g_get_monotonic_time () - t0) / 1e6, path);

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(JcPlan) plan = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      plan = jc_plan_build (store, DATE, 7, &error);
      ms = (double) (g_get_monotonic_time () - t0) / 1000.0;
      die_on (error);
      best_build = MIN (best_build, ms);
      n_lines = plan->lines->len;
      total = plan->total_cost_fen;
    }
  jc_store_free (store);

  time_sqlite3 (path, &spawn_ms, &query_ms, &n_rows);
  printf ("jc_plan_build (reads, allocation, costs): best of %d %8.1f ms  (%u lines, total %"
          G_GINT64_FORMAT " fen)\n", ROUNDS, best_build, n_lines, total);
  printf ("sqlite3 CLI demand query, whole process:  best of %d %8.1f ms  (%u rows)\n", ROUNDS,
          spawn_ms, n_rows);
  if (query_ms < G_MAXDOUBLE)
    printf ("sqlite3 CLI demand query, .timer real:    best of %d %8.1f ms\n", ROUNDS, query_ms);
  printf ("ratio build / sqlite3 process: %.2f", best_build / spawn_ms);
  if (query_ms < G_MAXDOUBLE && query_ms > 0)
    printf ("; build / sqlite3 query: %.2f", best_build / query_ms);
  printf ("\n");

  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }
  return 0;
}
