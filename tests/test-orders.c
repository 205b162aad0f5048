/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Orders: optimistic locking, cutoff, lock and amendments, audit, spikes. */
#include "config.h"

#include <string.h>

#include "jc-test-util.h"
#include "jc-test-store.h"
#include "jc-error.h"
#include "jc-format.h"
#include "jc-orders.h"
#include "jc-prices.h"
#include "jc-store-private.h"

typedef struct {
  char    *dir;
  char    *path;
  JcStore *store;
  JcItem  *cabbage;
  JcItem  *eggs;
} Fixture;

#define DATE "2026-12-01"

static int
setup (void **state)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autoptr(JcCanteen) c = jc_canteen_new ();

  f->dir = jc_test_tmpdir ();
  f->path = jc_test_store_location_in (f->dir);
  f->store = jc_store_open (f->path, NULL);
  f->cabbage = jc_item_new ();
  f->cabbage->code = g_strdup ("V001");
  f->cabbage->name = g_strdup ("大白菜");
  f->cabbage->category = g_strdup ("veg");
  assert_true (jc_store_insert_item (f->store, f->cabbage, NULL));
  f->eggs = jc_item_new ();
  f->eggs->code = g_strdup ("M001");
  f->eggs->name = g_strdup ("鸡蛋");
  f->eggs->category = g_strdup ("meat");
  f->eggs->base_unit = JC_BASE_UNIT_PIECE;
  f->eggs->piece_mass_mg = 50000;
  assert_true (jc_store_insert_item (f->store, f->eggs, NULL));
  c->code = g_strdup ("CT01");
  c->name = g_strdup ("市政府机关食堂");
  c->lat = 31.23;
  c->lon = 121.47;
  assert_true (jc_store_insert_canteen (f->store, c, NULL));
  c->id = 0;
  g_free (c->code);
  c->code = g_strdup ("CT02");
  assert_true (jc_store_insert_canteen (f->store, c, NULL));
  *state = f;
  return 0;
}

static int
teardown (void **state)
{
  Fixture *f = *state;

  jc_store_free (f->store);
  jc_item_free (f->cabbage);
  jc_item_free (f->eggs);
  jc_test_rmtree (f->dir);
  g_free (f->dir);
  jc_test_store_location_free (f->path);
  g_free (f);
  return 0;
}

/* 10:00 local on the day before DATE: before the default 14:00 cutoff. */
static GDateTime *
before_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 10, 0, 0);
}

static GDateTime *
after_cutoff (void)
{
  return g_date_time_new_local (2026, 11, 30, 14, 0, 1);
}

static void
add_line (JcOrder      *order,
          const JcItem *item,
          const char   *qty,
          const char   *unit)
{
  g_autoptr(GError) error = NULL;
  JcOrderLine *l = jc_order_line_parse (item, qty, unit, "", &error);

  assert_no_error (error);
  g_ptr_array_add (order->lines, l);
}

static void
test_line_parse (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrderLine) a = jc_order_line_parse (f->cabbage, "30", "斤", "要新鲜", &error);
  g_autoptr(JcOrderLine) b = jc_order_line_parse (f->eggs, "2", "kg", NULL, &error);

  assert_int_equal (a->qty_milli, 15000);
  assert_int_equal (a->unit_qty_milli, 30000);
  assert_string_equal (a->unit, "斤");
  assert_string_equal (a->note, "要新鲜");
  assert_int_equal (b->qty_milli, 40000);   /* 2 kg of 50 g eggs */

  assert_null (jc_order_line_parse (f->cabbage, "-1", "kg", NULL, &error));
  assert_contains (error->message, "negative");
  g_clear_error (&error);
  assert_null (jc_order_line_parse (f->cabbage, "abc", "kg", NULL, &error));
  assert_contains (error->message, "“abc” is not a number");
  g_clear_error (&error);
  assert_null (jc_order_line_parse (f->cabbage, "1", "furlong", NULL, &error));
  assert_contains (error->message, "furlong");
  g_clear_error (&error);
  assert_null (jc_order_line_parse (f->cabbage, "1", "箱", NULL, &error));
  assert_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE);
  g_clear_error (&error);
  assert_null (jc_order_line_parse (f->cabbage, "999999999999999999", "吨", NULL, &error));
  assert_contains (error->message, "too large");
  g_clear_error (&error);

  /* a note: at most JC_MAX_TEXT_CHARS characters, refused and not cut above */
  {
    g_autoptr(GString) note = g_string_new (NULL);
    g_autoptr(JcOrderLine) c = NULL;

    for (guint i = 0; i < JC_MAX_TEXT_CHARS; i++)
      g_string_append (note, "鲜");
    c = jc_order_line_parse (f->cabbage, "1", "kg", note->str, &error);
    assert_no_error (error);
    assert_string_equal (c->note, note->str);
    g_string_append_c (note, '!');
    assert_null (jc_order_line_parse (f->cabbage, "1", "kg", note->str, &error));
    assert_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_INVALID_LINE);
    assert_contains (error->message, "note: longer than 200 characters");
    g_clear_error (&error);
  }

  /* a 10 MB quantity: the message quotes 80 characters of it */
  {
    g_autofree char *huge = g_strnfill (10 * 1024 * 1024, '9');

    huge[5] = 'x';
    assert_null (jc_order_line_parse (f->cabbage, huge, "kg", NULL, &error));
    assert_contains (error->message, "is not a number");
    assert_true (strlen (error->message) < 300);
  }
}

static void
test_save_and_audit (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT01", DATE, &error);
  g_autoptr(JcOrder) again = NULL;
  g_autoptr(GPtrArray) hist = NULL;

  assert_int_equal (order->status, JC_ORDER_NOT_STARTED);
  assert_int_equal (order->version, 0);
  add_line (order, f->cabbage, "30", "斤");
  add_line (order, f->eggs, "300", "个");
  assert_true (jc_orders_save (f->store, order, 0, "alice", NULL, now, &error));
  assert_no_error (error);
  assert_int_equal (order->version, 1);
  assert_int_equal (order->status, JC_ORDER_DRAFT);

  /* change one line, remove the other, submit */
  ((JcOrderLine *) order->lines->pdata[0])->qty_milli = 20000;
  ((JcOrderLine *) order->lines->pdata[0])->unit_qty_milli = 40000;
  g_ptr_array_remove_index (order->lines, 1);
  assert_true (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT, "bob", NULL, now, &error));
  assert_int_equal (order->version, 2);
  assert_int_equal (order->status, JC_ORDER_SUBMITTED);

  /* saving it again unchanged makes no new version and no audit line */
  assert_true (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT, "bob", NULL, now, &error));
  assert_int_equal (order->version, 2);

  again = jc_store_get_order (f->store, "CT01", DATE, &error);
  assert_int_equal (again->lines->len, 1);
  assert_int_equal (((JcOrderLine *) again->lines->pdata[0])->qty_milli, 20000);
  assert_int_equal (again->status, JC_ORDER_SUBMITTED);
  assert_int_equal (again->version, 2);

  hist = jc_store_order_history (f->store, order->id, &error);
  /* create, add ×2, change, remove, submit */
  assert_int_equal (hist->len, 6);
  assert_string_equal (((JcAuditEntry *) hist->pdata[0])->action, "create");
  assert_string_equal (((JcAuditEntry *) hist->pdata[0])->who, "alice");
  {
    gboolean saw_change = FALSE, saw_remove = FALSE;

    for (guint i = 0; i < hist->len; i++)
      {
        JcAuditEntry *e = hist->pdata[i];

        if (g_str_equal (e->action, "change"))
          {
            saw_change = TRUE;
            assert_string_equal (e->item_code, "V001");
            assert_contains (e->before, "30 斤 (15)");
            assert_contains (e->after, "40 斤 (20)");
            assert_string_equal (e->who, "bob");
          }
        if (g_str_equal (e->action, "remove"))
          {
            saw_remove = TRUE;
            assert_string_equal (e->item_code, "M001");
            assert_string_equal (e->after, "");
          }
      }
    assert_true (saw_change && saw_remove);
  }
}

/* Two desks edit the same order: the second save gets a conflict and the
 * first one's change survives. */
static void
test_conflict (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcStore) other = jc_store_open (f->path, NULL);
  g_autoptr(JcOrder) mine = NULL;
  g_autoptr(JcOrder) theirs = NULL;
  g_autoptr(JcOrder) stored = NULL;
  g_autoptr(JcOrder) first = jc_store_get_order (f->store, "CT01", DATE, NULL);

  add_line (first, f->cabbage, "10", "kg");
  assert_true (jc_orders_save (f->store, first, 0, "a", NULL, now, NULL));

  mine = jc_store_get_order (f->store, "CT01", DATE, NULL);
  theirs = jc_store_get_order (other, "CT01", DATE, NULL);
  add_line (theirs, f->eggs, "100", "个");
  assert_true (jc_orders_save (other, theirs, 0, "b", NULL, now, &error));
  assert_no_error (error);

  add_line (mine, f->eggs, "200", "个");
  assert_false (jc_orders_save (f->store, mine, 0, "a", NULL, now, &error));
  assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT);
  assert_contains (error->message, "changed by someone else");
  assert_int_equal (mine->version, 1);

  stored = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (stored->version, 2);
  assert_int_equal (stored->lines->len, 2);
  /* lines come sorted by item code: M001 (theirs) then V001 (the first save) */
  assert_string_equal (((JcOrderLine *) stored->lines->pdata[0])->item_code, "M001");
  assert_int_equal (((JcOrderLine *) stored->lines->pdata[0])->qty_milli, 100000);
  assert_int_equal (((JcOrderLine *) stored->lines->pdata[1])->qty_milli, 10000);
  g_clear_error (&error);

  /* two desks both creating the same new order */
  {
    g_autoptr(JcOrder) x = jc_store_get_order (f->store, "CT02", DATE, NULL);
    g_autoptr(JcOrder) y = jc_store_get_order (other, "CT02", DATE, NULL);

    assert_true (jc_orders_save (f->store, x, 0, "a", NULL, now, NULL));
    assert_false (jc_orders_save (other, y, 0, "b", NULL, now, &error));
    assert_error (error, JC_STORE_ERROR, JC_STORE_ERROR_CONFLICT);
  }
}

static void
test_cutoff (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) late = after_cutoff ();
  g_autoptr(GDateTime) early = before_cutoff ();
  g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT01", DATE, NULL);
  g_autoptr(GPtrArray) hist = NULL;
  g_autofree char *cutoff = jc_orders_cutoff_for (f->store, DATE);

  assert_string_equal (cutoff, "2026-11-30T14:00");
  assert_false (jc_orders_is_past_cutoff (f->store, DATE, early));
  assert_true (jc_orders_is_past_cutoff (f->store, DATE, late));

  add_line (order, f->cabbage, "10", "kg");
  assert_false (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT, "a", NULL, late, &error));
  assert_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_AFTER_CUTOFF);
  assert_contains (error->message, "2026-11-30T14:00");
  g_clear_error (&error);
  assert_int_equal (order->id, 0);

  /* staff accept it late, but only with a reason */
  assert_false (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE,
                                     "staff", "", late, &error));
  g_clear_error (&error);
  assert_true (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE,
                                    "staff", "电话补单", late, &error));
  assert_no_error (error);
  assert_true (order->late);
  hist = jc_store_order_history (f->store, order->id, NULL);
  assert_string_equal (((JcAuditEntry *) hist->pdata[hist->len - 1])->action, "late");
  assert_string_equal (((JcAuditEntry *) hist->pdata[hist->len - 1])->reason, "电话补单");

  /* a cutoff set for the date, and a configured default time */
  assert_true (jc_orders_set_cutoff (f->store, DATE, "2026-11-30T16:00", &error));
  assert_false (jc_orders_is_past_cutoff (f->store, DATE, late));
  assert_true (jc_orders_cutoff_is_set (f->store, DATE));
  assert_false (jc_orders_set_cutoff (f->store, DATE, "tomorrow", &error));
  assert_contains (error->message, "“tomorrow”");
  g_clear_error (&error);
  /* the time is two digits each, not a sign or a blank sscanf would take */
  for (const char *const *bad = (const char *const[]) { "2026-11-30T-1:00", "2026-11-30T 8:00",
                                                        "2026-11-30T08:+5", "+026-11-30T08:00",
                                                        "2026-11-30 08:00", NULL };
       *bad != NULL; bad++)
    {
      assert_false (jc_orders_set_cutoff (f->store, DATE, *bad, &error));
      assert_contains (error->message, "is not a date and time");
      g_clear_error (&error);
    }
  /* not after the delivery date, and nothing changed by a refusal */
  assert_false (jc_orders_set_cutoff (f->store, DATE, "2026-12-02T08:00", &error));
  assert_contains (error->message, "after the delivery date");
  g_clear_error (&error);
  g_free (cutoff);
  cutoff = jc_orders_cutoff_for (f->store, DATE);
  assert_string_equal (cutoff, "2026-11-30T16:00");
  assert_true (jc_orders_set_cutoff (f->store, DATE, "2026-12-01T06:00", &error));
  assert_no_error (error);
  /* reset: the office default again */
  assert_true (jc_orders_reset_cutoff (f->store, DATE, &error));
  assert_no_error (error);
  assert_false (jc_orders_cutoff_is_set (f->store, DATE));
  assert_true (jc_orders_is_past_cutoff (f->store, DATE, late));
  assert_true (jc_store_set_setting (f->store, "cutoff_time", "10:30", NULL));
  g_free (cutoff);
  cutoff = jc_orders_cutoff_for (f->store, "2026-12-05");
  assert_string_equal (cutoff, "2026-12-04T10:30");
}

static void
test_lock_and_amend (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT01", DATE, NULL);
  g_autoptr(GPtrArray) hist = NULL;
  guint n = 0;

  add_line (order, f->cabbage, "10", "kg");
  assert_true (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT, "a", NULL, now, NULL));
  assert_true (jc_orders_lock (f->store, DATE, TRUE, "staff", NULL, &n, &error));
  assert_int_equal (n, 1);
  g_clear_pointer (&order, jc_order_free);
  order = jc_store_get_order (f->store, "CT01", DATE, NULL);
  assert_int_equal (order->status, JC_ORDER_LOCKED);

  ((JcOrderLine *) order->lines->pdata[0])->qty_milli = 12000;
  assert_false (jc_orders_save (f->store, order, 0, "a", NULL, now, &error));
  assert_error (error, JC_ORDERS_ERROR, JC_ORDERS_ERROR_LOCKED);
  g_clear_error (&error);
  assert_true (jc_orders_save (f->store, order, 0, "staff", "食堂加餐", now, &error));
  assert_int_equal (order->status, JC_ORDER_LOCKED);
  hist = jc_store_order_history (f->store, order->id, NULL);
  assert_string_equal (((JcAuditEntry *) hist->pdata[hist->len - 1])->action, "amend");
  assert_string_equal (((JcAuditEntry *) hist->pdata[hist->len - 1])->reason, "食堂加餐");

  assert_false (jc_orders_lock (f->store, DATE, FALSE, "staff", NULL, &n, &error));
  g_clear_error (&error);
  assert_true (jc_orders_lock (f->store, DATE, FALSE, "staff", "计划有误", &n, &error));
  assert_int_equal (n, 1);
}

static void
test_board_and_spikes (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 9, 1, 8, 0, 0);
  g_autoptr(GPtrArray) board = NULL;
  g_autoptr(GPtrArray) spikes = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcSource) src = jc_source_new ();
  JcPriceQuote q = { "大白菜", "", "", "", "斤", DATE, 500, 600, 700 };
  JcPutResult put;

  /* eight weeks of 10 kg of cabbage every Tuesday */
  for (int w = 1; w <= 8; w++)
    {
      GDate d;
      char iso[11];
      g_autoptr(JcOrder) o = NULL;

      g_date_set_dmy (&d, 1, 12, 2026);
      g_date_subtract_days (&d, 7 * w);
      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &d);
      o = jc_store_get_order (f->store, "CT01", iso, NULL);
      add_line (o, f->cabbage, w == 3 ? "12" : "10", "kg");
      assert_true (jc_orders_save (f->store, o, JC_ORDER_SAVE_SUBMIT, "a", NULL, now, &error));
    }
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_strdup ("file:///dev/null");
  assert_true (jc_store_insert_source (f->store, src, NULL));
  assert_true (jc_price_put_quote (f->store, src->id, 0, &q, f->cabbage, &put, NULL));

  order = jc_store_get_order (f->store, "CT01", DATE, NULL);
  add_line (order, f->cabbage, "50", "kg");   /* exactly 5× the median: fine */
  add_line (order, f->eggs, "10000", "个");   /* no history: not flagged */
  spikes = jc_orders_find_spikes (f->store, order, &error);
  assert_int_equal (spikes->len, 0);
  g_clear_pointer (&spikes, g_ptr_array_unref);
  ((JcOrderLine *) order->lines->pdata[0])->qty_milli = 50001;
  spikes = jc_orders_find_spikes (f->store, order, &error);
  assert_int_equal (spikes->len, 1);
  assert_int_equal (((JcSpike *) spikes->pdata[0])->median_milli, 10000);
  assert_string_equal (((JcSpike *) spikes->pdata[0])->item_code, "V001");

  assert_true (jc_orders_save (f->store, order, 0, "a", NULL, now, &error));
  board = jc_orders_board (f->store, DATE, 7, &error);
  assert_int_equal (board->len, 2);
  assert_string_equal (((JcBoardRow *) board->pdata[0])->canteen_code, "CT01");
  assert_int_equal (((JcBoardRow *) board->pdata[0])->status, JC_ORDER_DRAFT);
  assert_int_equal (((JcBoardRow *) board->pdata[0])->n_lines, 2);
  /* 50.001 kg × 1.200 元/kg (0.60 元/斤) = 60.0012 元 → 6000 fen; eggs have no price */
  assert_int_equal (((JcBoardRow *) board->pdata[0])->est_cost_fen, 6000);
  assert_int_equal (((JcBoardRow *) board->pdata[0])->n_no_price, 1);
  assert_int_equal (((JcBoardRow *) board->pdata[1])->status, JC_ORDER_NOT_STARTED);

  /* copy from last week replaces the lines with last Tuesday's */
  {
    g_autoptr(JcOrder) copy = jc_orders_copy_last_week (f->store, "CT01", DATE, &error);

    assert_int_equal (copy->lines->len, 1);
    assert_int_equal (((JcOrderLine *) copy->lines->pdata[0])->qty_milli, 10000);
    assert_int_equal (copy->version, order->version);
  }
}

/* Dates are keys: only "YYYY-MM-DD" itself reaches the orders table —
 * "2026-12/01" names a day to GDate but would be a second key for it. */
static void
test_date_shape (void **state)
{
  Fixture *f = *state;
  static const char * const bad[] = { "2026-12/01", "2026/12/01", "2026-12-1x", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT01", bad[i], &error);
      g_autoptr(GPtrArray) all = NULL;

      assert_null (order);
      assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
      g_clear_error (&error);
      all = jc_store_list_orders (f->store, bad[i], &error);
      assert_null (all);
      assert_error (error, JC_VALIDATE_ERROR, JC_FIELD_NONE);
    }
}

/* The reason an unlock needs is the domain's rule (jc_orders_lock); the
 * store writes what it is given, the history saying who and why. */
static void
test_store_lock_only_writes (void **state)
{
  Fixture *f = *state;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = before_cutoff ();
  g_autoptr(JcOrder) order = jc_store_get_order (f->store, "CT01", DATE, NULL);
  g_autoptr(GPtrArray) hist = NULL;
  JcAuditEntry *last;
  guint n = 0;

  add_line (order, f->cabbage, "10", "kg");
  assert_true (jc_orders_save (f->store, order, JC_ORDER_SAVE_SUBMIT, "a", NULL, now, NULL));
  assert_true (jc_orders_lock (f->store, DATE, TRUE, "staff", NULL, &n, &error));
  assert_int_equal (n, 1);
  assert_true (jc_store_lock_orders (f->store, DATE, FALSE, "staff", NULL, &n, &error));
  assert_no_error (error);
  assert_int_equal (n, 1);
  hist = jc_store_order_history (f->store, order->id, NULL);
  last = hist->pdata[hist->len - 1];
  assert_string_equal (last->action, "unlock");
  assert_string_equal (last->who, "staff");
  assert_string_equal (last->reason, "");
}

#define T(fn) cmocka_unit_test_setup_teardown (fn, setup, teardown)

int
main (void)
{
  const struct CMUnitTest tests[] = {
    T (test_line_parse),
    T (test_save_and_audit),
    T (test_conflict),
    T (test_cutoff),
    T (test_lock_and_amend),
    T (test_board_and_spikes),
    T (test_date_shape),
    T (test_store_lock_only_writes),
  };

  jc_test_store_init ("orders");
  return cmocka_run_group_tests_name ("orders", tests, NULL, NULL);
}
