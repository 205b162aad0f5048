/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo world: what `init --demo` promises. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-demo.h"
#include "jc-prices.h"
#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store.h"
#include "jc-test-store.h"

/* What the store committed, through a second connection. */
static gint64
query_int (JcStore    *store,
           const char *sql)
{
  return jc_test_db_count (jc_store_get_path (store), sql);
}

static char *
query_text (JcStore    *store,
            const char *sql)
{
  return jc_test_db_text (jc_store_get_path (store), sql);
}

static void
test_demo_world (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (path, &error);
  g_autoptr(GPtrArray) canteens = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GDate today;
  JcDemoSummary sum = { 0 };
  GHashTable *cats = g_hash_table_new (g_str_hash, g_str_equal);

  g_date_set_dmy (&today, 29, G_DATE_NOVEMBER, 2026);
  assert_true (jc_demo_load (store, &today, NULL, NULL, NULL, &sum, &error));
  assert_no_error (error);

  /* the prices come with one fetch log entry saying where they came from */
  {
    g_autoptr(GPtrArray) log = jc_store_list_fetch_log (store, 10, &error);
    g_autofree char *range = NULL;
    g_autofree char *rows = g_strdup_printf ("; %u rows", sum.n_prices);
    const JcFetchLogEntry *e;

    assert_no_error (error);
    assert_int_equal (log->len, 1);
    e = log->pdata[0];
    assert_string_equal (e->source_name, "新发地");
    assert_string_equal (e->status, "ok");
    assert_int_equal (e->rows_seen, sum.n_prices);
    assert_int_equal (e->rows_new, sum.n_prices);
    assert_int_equal (e->rows_rejected, 0);
    assert_contains (e->message, "Beijing Xinfadi market");
    range = g_strdup_printf ("moved to %s … 2026-11-29", sum.first_date);
    assert_contains (e->message, range);
    assert_contains (e->message, rows);
    assert_true (e->finished_at != NULL && *e->finished_at != '\0');
  }

  canteens = jc_store_list_canteens (store, TRUE, &error);
  items = jc_store_list_items (store, TRUE, &error);
  vehicles = jc_store_list_vehicles (store, TRUE, &error);
  assert_int_equal (canteens->len, 17);
  assert_true (items->len >= 150);
  assert_int_equal (vehicles->len, 4);
  assert_int_equal (sum.n_canteens, 17);
  assert_int_equal (sum.n_items, items->len);

  /* Shanghai's urban area */
  for (guint i = 0; i < canteens->len; i++)
    {
      JcCanteen *c = canteens->pdata[i];

      assert_true (c->lat > 30.9 && c->lat < 31.5);
      assert_true (c->lon > 121.1 && c->lon < 121.9);
      assert_true (c->diners > 0);
      assert_true (c->window_end > c->window_start);
    }
  for (guint i = 0; i < items->len; i++)
    {
      JcItem *it = items->pdata[i];

      g_hash_table_add (cats, it->category);
      assert_true (strlen (it->pinyin) > 0);
    }
  /* all seven categories */
  assert_int_equal (g_hash_table_size (cats), 7);
  g_hash_table_unref (cats);

  /* at least 14 months of prices, ending today */
  last = query_text (store, "SELECT MAX(date) FROM prices");
  first = query_text (store, "SELECT MIN(date) FROM prices");
  assert_string_equal (last, "2026-11-29");
  assert_true (g_strcmp0 (first, "2025-09-29") <= 0);
  assert_string_equal (sum.last_date, "2026-11-29");
  /* every item has a price history, and no price is zero or out of order */
  assert_int_equal (query_int (store, "SELECT COUNT(DISTINCT item_id) FROM prices"), items->len);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM prices WHERE low_milliyuan <= 0"), 0);
  assert_true (query_int (store, "SELECT MIN(n) FROM (SELECT COUNT(*) AS n FROM prices GROUP BY item_id) t") >= 300);

  /* The market prints the oils' 5 L drum price "per 斤"; the demo maps
   * them as quoted per pack, so oil costs 10–40 元/kg, not 107–290, and
   * no demo price is held for review. */
  assert_int_equal (jc_store_count_held (store, NULL), 0);
  {
    static const char *const oils[] = { "G010", "G011", "G012" };
    g_autoptr(GHashTable) refs = jc_store_reference_prices (store, "2026-11-29", 7, &error);

    assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (oils); i++)
      {
        g_autoptr(JcItem) oil = jc_store_get_item (store, oils[i], &error);
        JcRefPrice *ref;

        assert_no_error (error);
        assert_int_equal (oil->pack_milli, 4600);
        ref = g_hash_table_lookup (refs, &oil->id);
        assert_non_null (ref);
        assert_in_range (ref->price_milliyuan, 10000, 40000);
      }
    /* 金龙鱼调和油: 61.5 per drum of 4.6 kg, one rounding */
    assert_int_equal (query_int (store, "SELECT base_avg FROM prices p JOIN items i ON i.id = p.item_id "
                                        "WHERE i.code = 'G010' AND p.date = '2026-11-29'"), 13370);
    assert_int_equal (query_int (store, "SELECT avg_milliyuan FROM prices p JOIN items i "
                                        "ON i.id = p.item_id WHERE i.code = 'G010' "
                                        "AND p.date = '2026-11-29'"), 61500);
  }

  /* orders for the same span: weekdays only, none before the first price */
  assert_true (sum.n_orders > 17 * 250);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM orders"), sum.n_orders);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM order_lines"), sum.n_order_lines);
  assert_true (query_int (store, "SELECT COUNT(*) FROM orders o WHERE o.delivery_date < "
                                 "(SELECT MIN(date) FROM prices)") == 0);
  assert_true (query_int (store, "SELECT COUNT(*) FROM orders WHERE delivery_date = '2026-11-28'") == 0);
  assert_true (query_int (store, "SELECT COUNT(*) FROM orders WHERE delivery_date = '2026-11-27'") == 17);
  assert_true (query_int (store, "SELECT COUNT(*) FROM order_lines WHERE qty_milli <= 0") == 0);
  /* pieces are ordered whole (eggs, not half an egg) */
  assert_true (query_int (store, "SELECT COUNT(*) FROM order_lines l JOIN items i ON i.id = l.item_id "
                                 "WHERE i.base_unit = 'piece'") > 0);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM order_lines l JOIN items i ON i.id = l.item_id "
                                      "WHERE i.base_unit = 'piece' AND l.qty_milli % 1000 <> 0"), 0);
  {
    /* a canteen with more diners orders more over the period */
    gint64 big = query_int (store,
      "SELECT SUM(l.qty_milli) FROM order_lines l JOIN orders o ON o.id = l.order_id "
      "JOIN canteens c ON c.id = o.canteen_id WHERE c.diners = (SELECT MAX(diners) FROM canteens)");
    gint64 small = query_int (store,
      "SELECT SUM(l.qty_milli) FROM order_lines l JOIN orders o ON o.id = l.order_id "
      "JOIN canteens c ON c.id = o.canteen_id WHERE c.diners = (SELECT MIN(diners) FROM canteens)");

    assert_true (big > small);
  }

  /* past delivery dates are locked and bought; today's and tomorrow's not */
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM plans"), sum.n_plans);
  assert_true (sum.n_plans > 250);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM plans WHERE delivery_date >= '2026-11-29'"), 0);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM orders WHERE delivery_date < '2026-11-29' "
                                      "AND status <> 'locked'"), 0);
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM purchases"), sum.n_purchases);
  /* actual prices sit a little under the reference, never above it */
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM purchases p JOIN plan_lines l "
                                      "ON l.delivery_date = p.delivery_date AND l.item_id = p.item_id "
                                      "WHERE p.price_milliyuan > l.price_milliyuan"), 0);
  /* the shares of every locked line add up to its planned cost */
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM plan_lines l WHERE l.cost_fen <> "
                                      "(SELECT SUM(s.share_fen) FROM plan_shares s WHERE "
                                      "s.delivery_date = l.delivery_date AND s.item_id = l.item_id)"), 0);

  /* a second load is refused and changes nothing */
  {
    gint64 before = query_int (store, "SELECT COUNT(*) FROM order_lines");

    assert_false (jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error));
    assert_error (error, JC_DEMO_ERROR, JC_DEMO_ERROR_NOT_EMPTY);
    assert_int_equal (query_int (store, "SELECT COUNT(*) FROM order_lines"), before);
  }
  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

/* The same day always produces the same orders. */
static void
test_demo_deterministic (void **state)
{
  char *a_path = jc_test_store_location ();
  char *b_path = jc_test_store_location ();
  g_autoptr(JcStore) a = jc_store_open (a_path, NULL);
  g_autoptr(JcStore) b = jc_store_open (b_path, NULL);
  const char *sql = "SELECT SUM(l.qty_milli * (l.item_id % 97 + 1)) FROM order_lines l";
  GDate today;

  g_date_set_dmy (&today, 3, G_DATE_MARCH, 2027);
  assert_true (jc_demo_load (a, &today, NULL, NULL, NULL, NULL, NULL));
  assert_true (jc_demo_load (b, &today, NULL, NULL, NULL, NULL, NULL));
  assert_int_equal (query_int (a, sql), query_int (b, sql));
  jc_store_free (g_steal_pointer (&a));
  jc_store_free (g_steal_pointer (&b));
  jc_test_store_location_free (a_path);
  jc_test_store_location_free (b_path);
}

static void
cancel_on_progress (double      fraction,
                    const char *what,
                    gpointer    user_data)
{
  if (fraction > 0.2)
    g_cancellable_cancel (user_data);
}

/* Cancelled part-way: nothing is kept. */
static void
test_demo_cancel (void **state)
{
  char *path = jc_test_store_location ();
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_set_dmy (&today, 29, G_DATE_NOVEMBER, 2026);
  assert_false (jc_demo_load (store, &today, cancel_on_progress, cancel, cancel, NULL, &error));
  assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_true (jc_store_is_empty (store));
  assert_int_equal (query_int (store, "SELECT COUNT(*) FROM prices"), 0);
  jc_store_free (g_steal_pointer (&store));
  jc_test_store_location_free (path);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_demo_world),
    cmocka_unit_test (test_demo_deterministic),
    cmocka_unit_test (test_demo_cancel),
  };

  jc_test_store_init ("demo");
  return cmocka_run_group_tests_name ("demo", tests, NULL, NULL);
}
