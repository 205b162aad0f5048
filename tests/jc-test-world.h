/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monthly cost review's world, shared by test-report.c,
 * test-report-doc.c and test-reports-page.c: five items, two canteens, two
 * market sources, and locked plans built through the real API (orders,
 * lock, purchases, market quotes) in three months —
 *
 *   2025-10 (M−12)  one day, 3 items bought: spend 22630 fen
 *   2026-09 (M−1)   one day, V001 bought: spend 2400 fen
 *   2026-10 (M)     three days (one provisional, one zero-quantity line):
 *                   spend 32400 fen, CT01 17900, CT02 14500
 *
 * Header-only (static inline), as jc-test-util.h, so each suite includes
 * it without another source in its build rule. */
#pragma once

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-master.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"

typedef struct {
  char     *dir;
  char     *path;       /* the database's location (jc-test-store.h) */
  JcStore  *store;
  GPtrArray *items;     /* JcItem * */
  JcSource *src;
  JcSource *src2;
} JcTestWorld;

static inline JcItem *
jc_test_world_item (JcTestWorld *w,
                    const char *code)
{
  for (guint i = 0; i < w->items->len; i++)
    {
      JcItem *it = g_ptr_array_index (w->items, i);

      if (strcmp (it->code, code) == 0)
        return it;
    }
  fail_msg ("no item %s", code);
  return NULL;
}

static inline void
jc_test_world_quote (JcTestWorld *w,
                     JcSource   *src,
                     const char *code,
                     const char *date,
                     gint64      avg)
{
  JcItem *it = jc_test_world_item (w, code);
  JcPriceQuote q = { it->name, "", "", "", "kg", date, avg, avg, avg, 0 };
  JcPutResult put;
  g_autoptr(GError) error = NULL;

  assert_true (jc_price_put_quote (w->store, src->id, 0, &q, it, &put, &error));
  assert_no_error (error);
}

static inline void
jc_test_world_order (JcTestWorld *w,
                     const char *canteen,
                     const char *date,
                     const char *code,
                     const char *qty)
{
  g_autoptr(JcOrder) o = jc_store_get_order (w->store, canteen, date, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2020, 1, 1, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  assert_non_null (o);
  g_ptr_array_add (o->lines,
                   jc_order_line_parse (jc_test_world_item (w, code), qty, "kg", "", NULL));
  assert_true (jc_orders_save (w->store, o, JC_ORDER_SAVE_SUBMIT, "t", NULL, now, &error));
  assert_no_error (error);
}

static inline void
jc_test_world_lock (JcTestWorld *w,
                    const char *date)
{
  g_autoptr(GError) error = NULL;

  assert_true (jc_plan_lock (w->store, date, 7, "staff", &error));
  assert_no_error (error);
}

static inline void
jc_test_world_buy (JcTestWorld *w,
                   const char *date,
                   const char *code,
                   gint64      qty,
                   gint64      price)
{
  g_autoptr(GError) error = NULL;

  assert_true (jc_plan_record_purchase (w->store, date, code, qty, price, "staff", "", &error));
  assert_no_error (error);
}

/* A new world in a new temporary folder, the database at
 * jc_test_store_location_in (dir): <dir>/jicai.db on SQLite. */
static inline JcTestWorld *
jc_test_world_new (void)
{
  JcTestWorld *w = g_new0 (JcTestWorld, 1);
  struct { const char *code, *name, *cat; } items[] = {
    { "V001", "大白菜", "veg" },
    { "M001", "猪肉", "meat" },
    { "A001", "草鱼", "aquatic" },
    { "G001", "花生油", "grain" },
    { "S001", "豆腐", "soy" },
  };
  const char *canteens[] = { "CT01", "CT02" };

  w->dir = jc_test_tmpdir ();
  w->path = jc_test_store_location_in (w->dir);
  w->store = jc_store_open (w->path, NULL);
  assert_non_null (w->store);
  w->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_item_free);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      JcItem *it = jc_item_new ();

      it->code = g_strdup (items[i].code);
      it->name = g_strdup (items[i].name);
      it->category = g_strdup (items[i].cat);
      assert_true (jc_store_insert_item (w->store, it, NULL));
      g_ptr_array_add (w->items, it);
    }
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (canteens[i]);
      c->name = g_strdup (i == 0 ? "一号机关食堂" : "二号机关食堂");
      c->lat = 39.9;
      c->lon = 116.4;
      assert_true (jc_store_insert_canteen (w->store, c, NULL));
    }
  w->src = jc_source_new ();
  w->src->name = g_strdup ("新发地");
  w->src->adapter = g_strdup ("xinfadi");
  w->src->url = g_strdup ("file:///dev/null");
  w->src->priority = 10;
  assert_true (jc_store_insert_source (w->store, w->src, NULL));
  w->src2 = jc_source_new ();
  w->src2->name = g_strdup ("备用");
  w->src2->adapter = g_strdup ("csv");
  w->src2->url = g_strdup ("file:///dev/null");
  w->src2->priority = 200;
  assert_true (jc_store_insert_source (w->store, w->src2, NULL));

  /* M−12 = 2025-10: one day.  Plan V001 40 kg (CT01 10, CT02 30), M001
   * 4 kg (CT01), G001 5 kg (CT02, dropped later).  Bought: V001 37.001 kg
   * at 1.900 → 7030.19 → 7030 fen; M001 4 kg at 24 → 9600; G001 5 kg at
   * 12 → 6000.  Base 22630. */
  jc_test_world_quote (w, w->src, "V001", "2025-10-10", 2000);
  jc_test_world_quote (w, w->src, "V001", "2025-10-11", 2200);   /* market mean 2100 */
  jc_test_world_quote (w, w->src, "M001", "2025-10-10", 25000);
  jc_test_world_quote (w, w->src, "G001", "2025-10-10", 12000);
  jc_test_world_order (w, "CT01", "2025-10-10", "V001", "10");
  jc_test_world_order (w, "CT01", "2025-10-10", "M001", "4");
  jc_test_world_order (w, "CT02", "2025-10-10", "V001", "30");
  jc_test_world_order (w, "CT02", "2025-10-10", "G001", "5");
  jc_test_world_lock (w, "2025-10-10");
  jc_test_world_buy (w, "2025-10-10", "V001", 37001, 1900);
  jc_test_world_buy (w, "2025-10-10", "M001", 4000, 24000);
  jc_test_world_buy (w, "2025-10-10", "G001", 5000, 12000);

  /* M−1 = 2026-09: V001 10 kg bought at 2.4 → 2400. */
  jc_test_world_quote (w, w->src, "V001", "2026-09-15", 2500);
  jc_test_world_order (w, "CT01", "2026-09-15", "V001", "10");
  jc_test_world_lock (w, "2026-09-15");
  jc_test_world_buy (w, "2026-09-15", "V001", 10000, 2400);

  /* M = 2026-10, day 1 (10-10): V001 50 kg (CT01 20, CT02 30), M001 3 kg
   * (CT01 2, CT02 1), A001 3 kg (CT01, new).  Bought V001 at 2.3 → 11500
   * (4600 / 6900), M001 at 31 → 9300 (6200 / 3100), A001 at 15 → 4500. */
  jc_test_world_quote (w, w->src, "V001", "2026-10-10", 2500);
  jc_test_world_quote (w, w->src2, "V001", "2026-10-10", 9999);  /* not the preferred source */
  jc_test_world_quote (w, w->src, "M001", "2026-10-10", 30000);
  jc_test_world_quote (w, w->src, "A001", "2026-10-10", 15000);
  jc_test_world_order (w, "CT01", "2026-10-10", "V001", "20");
  jc_test_world_order (w, "CT01", "2026-10-10", "M001", "2");
  jc_test_world_order (w, "CT01", "2026-10-10", "A001", "3");
  jc_test_world_order (w, "CT02", "2026-10-10", "V001", "30");
  jc_test_world_order (w, "CT02", "2026-10-10", "M001", "1");
  jc_test_world_lock (w, "2026-10-10");
  jc_test_world_buy (w, "2026-10-10", "V001", 50000, 2300);
  jc_test_world_buy (w, "2026-10-10", "M001", 3000, 31000);
  jc_test_world_buy (w, "2026-10-10", "A001", 3000, 15000);

  /* day 2 (10-20), provisional: nothing recorded.  V001 10 kg (CT01) at
   * 2.6 → 2600; M001 1.5 kg (CT02) at 30 → 4500. */
  jc_test_world_quote (w, w->src, "V001", "2026-10-20", 2600);
  jc_test_world_quote (w, w->src, "M001", "2026-10-20", 30000);
  jc_test_world_order (w, "CT01", "2026-10-20", "V001", "10");
  jc_test_world_order (w, "CT02", "2026-10-20", "M001", "1.5");
  jc_test_world_lock (w, "2026-10-20");

  /* day 3 (10-25): S001 ordered, then bought 0 kg: a zero-quantity line. */
  jc_test_world_quote (w, w->src, "S001", "2026-10-25", 5000);
  jc_test_world_order (w, "CT01", "2026-10-25", "S001", "2");
  jc_test_world_lock (w, "2026-10-25");
  jc_test_world_buy (w, "2026-10-25", "S001", 0, 5000);

  return w;
}

/* Closes the store (if still open) and removes the folder. */
static inline void
jc_test_world_free (JcTestWorld *w)
{
  if (w->store != NULL)
    jc_store_free (w->store);
  g_ptr_array_unref (w->items);
  jc_source_free (w->src);
  jc_source_free (w->src2);
  jc_test_store_location_free (w->path);
  jc_test_rmtree (w->dir);
  g_free (w->dir);
  g_free (w);
}
