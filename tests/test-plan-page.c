/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The purchase plan page as procurement staff use it, on real widgets under
 * Xvfb: the plan of a delivery date from the submitted orders of three
 * canteens (lines, totals, the warnings for a missing and a stale price);
 * locking through the Lock button; an actual purchase typed into the
 * quantity and price entries (a wrong quantity first: an inline error and
 * nothing saved), read back from the database and its variances shown;
 * unlocking asks for a reason and is refused while purchases are recorded;
 * the preview of the purchase order; the table at 1280 px and at the
 * smallest window, 881 × 600, item names in sight and nothing cut.  PNGs
 * go to $JICAI_SCREENSHOT_DIR: plan-en.png, plan-zh_CN.png,
 * plan-locked-en.png, plan-preview-en.png, plan-1280-<lang>.png,
 * plan-881-<lang>.png. */
#include "config.h"

#include "test-plan-page.h"

PlanPageFixture fx;

/* ---- helpers ----------------------------------------------------------- */

/* A button's "activate" shows it pressed and clicks it a moment later. */
static void
click_unlock (JcPlanPage *page)
{
  assert_true (gtk_widget_activate (_jc_plan_page_get_unlock_button (page)));
  jc_test_pump_until (_jc_plan_page_get_unlock_dialog (page) != NULL, 5000);
  jc_test_pump (50);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

JcPlan *
load_plan (const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  JcPlan *plan;

  assert_no_error (error);
  plan = jc_plan_load (store, date, jc_store_get_stale_days (store), &error);
  assert_no_error (error);
  assert_non_null (plan);
  return plan;
}

/* A late order of `canteen` for a locked `date`: accepted with a reason,
 * after the cutoff. */
void
submit_late (const char *date,
             const char *canteen,
             const char *item_code,
             gint64      qty_milli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcItem) item = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  JcOrderLine *line = jc_order_line_new ();

  assert_no_error (error);
  order = jc_store_get_order (store, canteen, date, &error);
  assert_no_error (error);
  item = jc_store_get_item (store, item_code, &error);
  assert_no_error (error);
  line->item_id = item->id;
  line->item_code = g_strdup (item->code);
  line->qty_milli = qty_milli;
  line->unit_qty_milli = qty_milli;
  g_ptr_array_add (order->lines, line);
  assert_true (jc_orders_save (store, order,
                                    JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE, "staff",
                                    "电话补报", now, &error));
  assert_no_error (error);
  assert_int_equal (order->after_lock, JC_ORDER_AFTER_LOCK_PENDING);
}

/* Lock from the page: it asks first, naming the canteens that are not in. */
AdwMessageDialog *
click_lock_expecting_question (JcPlanPage *page)
{
  assert_true (gtk_widget_activate (_jc_plan_page_get_lock_button (page)));
  jc_test_pump_until (_jc_plan_page_get_lock_dialog (page) != NULL, 10000);
  assert_non_null (_jc_plan_page_get_lock_dialog (page));
  jc_test_pump (50);
  return ADW_MESSAGE_DIALOG (_jc_plan_page_get_lock_dialog (page));
}

void
reload (JcPlanPage *page)
{
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.reload", NULL));
  wait_idle_page (page);
}

/* ---- the database ------------------------------------------------------ */

typedef struct {
  const char *code, *name, *category;
  JcBaseUnit  unit;
  int         loss;
  gint64      pack_milli;
  gint64      price_milliyuan;  /* per base unit; 0: no quote */
  const char *price_date;
} ItemDef;

static const ItemDef items[] = {
  { "V001", "大白菜", "veg", JC_BASE_UNIT_KG, 100, 0, 1280, DATE },
  { "V002", "西红柿", "veg", JC_BASE_UNIT_KG, 50, 0, 6000, DATE },
  { "M001", "五花肉", "meat", JC_BASE_UNIT_KG, 0, 0, 28000, DATE },
  { "G001", "大米", "grain", JC_BASE_UNIT_KG, 0, 25000, 4000, DATE_BEFORE },  /* stale */
  { "C001", "酱油", "condiment", JC_BASE_UNIT_L, 0, 0, 0, NULL },             /* no price */
};

static gint64 item_ids[G_N_ELEMENTS (items)];
static gint64 canteen_ids[3];

static gint64
item_id (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].code, code))
      return item_ids[i];
  fail_msg ("no item %s", code);
  return 0;
}

static void
put_order (JcStore    *store,
           guint       canteen,
           const char *date,
           const char *codes[],
           gint64      qty[],
           guint       n)
{
  g_autoptr(GError) error = NULL;
  JcStoreOrderLine lines[8] = { { 0 } };

  for (guint i = 0; i < n; i++)
    {
      lines[i].item_id = item_id (codes[i]);
      lines[i].qty_milli = qty[i];
    }
  assert_true (jc_store_put_order (store, canteen_ids[canteen], date, "submitted", lines, n,
                                   &error));
  assert_no_error (error);
}

static int
setup (void **state)
{
  static const struct { const char *code, *name; } canteens[] = {
    { "CT01", "市政府机关食堂" },
    { "CT02", "市政大厦机关食堂" },
    { "CT03", "徐汇区机关食堂" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcSource) source = jc_source_new ();

  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "plan.db", NULL);
  jc_test_set_screenshot_dir (fx.dir);

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(JcItem) item = jc_item_new ();

      item->code = g_strdup (items[i].code);
      item->name = g_strdup (items[i].name);
      item->category = g_strdup (items[i].category);
      item->base_unit = items[i].unit;
      item->loss_permille = items[i].loss;
      item->pack_milli = items[i].pack_milli;
      assert_true (jc_store_insert_item (store, item, &error));
      assert_no_error (error);
      item_ids[i] = item->id;
    }
  for (guint i = 0; i < G_N_ELEMENTS (canteens); i++)
    {
      g_autoptr(JcCanteen) c = jc_canteen_new ();

      c->code = g_strdup (canteens[i].code);
      c->name = g_strdup (canteens[i].name);
      c->lat = 31.23;
      c->lon = 121.47;
      c->diners = 400;
      assert_true (jc_store_insert_canteen (store, c, &error));
      assert_no_error (error);
      canteen_ids[i] = c->id;
    }
  source->name = g_strdup ("新发地");
  source->adapter = g_strdup ("xinfadi");
  source->url = g_strdup ("http://127.0.0.1:1/getPriceData.html");
  source->priority = 10;
  assert_true (jc_store_insert_source (store, source, &error));
  assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        g_autoptr(JcItem) item = NULL;
        JcPriceQuote q = { items[i].name, "", "", "", "kg", NULL, 0, 0, 0, 0 };
        JcPutResult r;

        if (items[i].price_milliyuan == 0)
          continue;
        /* the quotes of DATE, and the same a day later for DATE2 */
        q.date = k == 0 ? items[i].price_date : DATE2;
        q.low_milliyuan = q.avg_milliyuan = q.high_milliyuan = items[i].price_milliyuan;
        item = jc_store_get_item (store, items[i].code, &error);
        assert_no_error (error);
        assert_true (jc_price_put_quote (store, source->id, 0, &q, item, &r, &error));
        assert_no_error (error);
      }

  {
    const char *c1[] = { "V001", "G001", "M001" };
    gint64 q1[] = { 10000, 30000, 5000 };
    const char *c2[] = { "V001", "V002", "C001" };
    gint64 q2[] = { 10000, 8000, 2000 };
    const char *c3[] = { "V002", "M001", "G001" };
    gint64 q3[] = { 4000, 3000, 10000 };
    const char *d2[] = { "V001" };
    gint64 dq[] = { 6000 };

    put_order (store, 0, DATE, c1, q1, 3);
    put_order (store, 1, DATE, c2, q2, 3);
    put_order (store, 2, DATE, c3, q3, 3);
    put_order (store, 0, DATE2, d2, dq, 1);
    put_order (store, 0, DATE3, c1, q1, 3);
    put_order (store, 1, DATE3, c2, q2, 3);
    assert_true (jc_plan_lock (store, DATE3, jc_store_get_stale_days (store), "测试", &error));
    assert_no_error (error);
    put_order (store, 0, DATE4, d2, dq, 1);
  }
  fx.store = g_steal_pointer (&store);
  return 0;
}

static int
teardown (void **state)
{
  jc_test_pump (50);
  g_clear_pointer (&fx.store, jc_store_free);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* ---- the page ----------------------------------------------------------- */

static GtkWindow *
open_page_sized (const char  *date,
                 int          width,
                 int          height,
                 JcPlanPage **out_page)
{
  GtkWidget *page = jc_plan_page_new (fx.store);
  GtkWindow *window;

  jc_plan_page_set_date (JC_PLAN_PAGE (page), date);
  window = jc_test_present (page, width, height);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_pump_until (!_jc_plan_page_is_busy (JC_PLAN_PAGE (page)), 10000);
  assert_false (_jc_plan_page_is_busy (JC_PLAN_PAGE (page)));
  jc_test_settle (GTK_WIDGET (window));
  *out_page = JC_PLAN_PAGE (page);
  return window;
}

GtkWindow *
open_page (const char  *date,
           JcPlanPage **out_page)
{
  return open_page_sized (date, 1280, 760, out_page);
}

void
wait_idle (JcPlanPage *page)
{
  jc_test_pump (20);
  jc_test_pump_until (!_jc_plan_page_is_busy (page), 10000);
  assert_false (_jc_plan_page_is_busy (page));
  jc_test_pump (20);
}

void
wait_idle_page (JcPlanPage *page)
{
  /* the plan and the late orders load side by side */
  wait_idle (page);
  jc_test_pump (300);
  wait_idle (page);
}

const char *
label_text (JcPlanPage *page,
            const char *name)
{
  return gtk_label_get_text (_jc_plan_page_get_label (page, name));
}

/* ---- Chinese first: GLib decides once per process whether to translate -- */

static void
test_screens_zh_CN (void **state)
{
  JcPlanPage *page;
  GtkWindow *window;

  jc_test_set_language ("zh_CN");
  window = open_page (DATE, &page);
  assert_true (_jc_plan_page_select_item (page, "G001"));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-zh_CN");
  jc_test_close_window (window);

  /* the recording of what was bought, with an error on the quantity */
  window = open_page (DATE3, &page);
  assert_true (_jc_plan_page_select_item (page, "V002"));
  jc_test_pump (20);
  gtk_editable_set_text (_jc_plan_page_get_qty_entry (page), "8,2");
  gtk_editable_set_text (_jc_plan_page_get_price_entry (page), "6.10");
  jc_test_enter (_jc_plan_page_get_price_entry (page));
  jc_test_pump (20);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_plan_page_get_label (page, "actual-error"))));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-recording-zh_CN");
  /* fixed: the error goes, and the values are saved on leaving the line */
  gtk_editable_set_text (_jc_plan_page_get_qty_entry (page), "8.2");
  assert_false (gtk_widget_get_visible (GTK_WIDGET (_jc_plan_page_get_label (page, "actual-error"))));
  jc_test_close_window (window);

  /* the lock's question and the late orders' banner, in Chinese */
  window = open_page (DATE4, &page);
  {
    AdwMessageDialog *dialog = click_lock_expecting_question (page);

    assert_contains (adw_message_dialog_get_body (dialog), "市政大厦机关食堂");
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "plan-lock-missing-zh_CN");
    jc_test_respond (dialog, "lock");
  }
  wait_idle_page (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page)->status == JC_PLAN_LOCKED, 10000);
  submit_late (DATE4, "CT02", "V002", 5000);
  reload (page);
  assert_true (gtk_widget_get_visible (_jc_plan_page_get_late_bar (page)));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-late-zh_CN");
  /* Buy as Supplementary asks first, in Chinese */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "plan.supplement", "s", "CT02"));
  {
    AdwMessageDialog *dialog = jc_test_wait_for_dialog ();

    assert_string_equal (adw_message_dialog_get_heading (dialog),
                         "将 市政大厦机关食堂（CT02）的迟到订单作为补单采购？");
    assert_contains (adw_message_dialog_get_body (dialog), "按计划价格采购 1 行");
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "plan-supplement-ask-zh_CN");
    jc_test_respond (dialog, "cancel");
  }
  wait_idle_page (page);
  jc_test_close_window (window);
}

/* ---- the plan as computed, locked, bought, unlocked ---------------------- */

static void
test_plan (void **state)
{
  g_autoptr(JcPlan) plan = NULL;
  g_autofree char *total = NULL;
  g_autofree char *cell = NULL;
  JcPlanPage *page;
  GtkWindow *window;
  GListModel *rows;
  guint n_lines = 0;

  jc_test_set_language ("en");
  plan = load_plan (DATE);
  assert_int_equal (plan->status, JC_PLAN_OPEN);
  assert_int_equal (plan->lines->len, 5);
  window = open_page (DATE, &page);

  /* What the page shows is what core computes. */
  rows = _jc_plan_page_get_rows (page);
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];
      g_autofree char *name = _jc_plan_page_dup_cell_text (page, l->item_code,
                                                           JC_PLAN_COLUMN_ITEM, NULL);
      g_autofree char *cost = _jc_plan_page_dup_cell_text (page, l->item_code,
                                                           JC_PLAN_COLUMN_COST, NULL);
      g_autofree char *want = l->has_price ? jc_order_format_money (l->cost_fen) : g_strdup ("—");

      assert_non_null (name);
      assert_string_equal (name, l->item_name);
      assert_string_equal (cost, want);
      n_lines++;
    }
  /* five lines, four categories, the totals row */
  assert_int_equal (g_list_model_get_n_items (rows), n_lines + 4 + 1);
  total = jc_order_format_money (plan->total_cost_fen);
  cell = _jc_plan_page_dup_cell_text (page, NULL, JC_PLAN_COLUMN_COST, NULL);
  assert_string_equal (cell, total);
  assert_true (jc_test_find_label (_jc_plan_page_get_view (page), total));
  assert_contains (label_text (page, "planned"), total);
  assert_string_equal (label_text (page, "lines"), "5 lines");
  assert_string_equal (label_text (page, "canteens"), "3 canteens");
  assert_contains (label_text (page, "status"), "Open");
  /* warnings: 酱油 has no price (never zero), 大米's price is a day old */
  assert_contains (label_text (page, "info"), "酱油 (C001)");
  assert_contains (label_text (page, "info"), "1 reference price is older");
  g_clear_pointer (&cell, g_free);
  cell = _jc_plan_page_dup_cell_text (page, "C001", JC_PLAN_COLUMN_PRICE, NULL);
  assert_string_equal (cell, "no price");
  /* the drill-down of 大白菜: 11 kg each for CT01 and CT02, shares to the fen */
  assert_true (_jc_plan_page_select_item (page, "V001"));
  jc_test_pump (20);
  {
    const JcPlanLine *veg = jc_plan_find_line (plan, "V001");
    g_autofree char *line_cost = jc_order_format_money (veg->cost_fen);
    g_autofree char *share0 = jc_order_format_money (g_array_index (veg->shares, JcPlanShare, 0).share_fen);

    assert_contains (label_text (page, "drill-title"), "大白菜");
    assert_contains (label_text (page, "drill-total"), line_cost);
    /* the canteens by name, as the rest of the screen names them; the
     * code in the name's tooltip */
    {
      GtkWidget *name = jc_test_find_label (GTK_WIDGET (page), "市政府机关食堂");

      assert_non_null (name);
      assert_string_equal (gtk_widget_get_tooltip_text (name), "CT01");
      assert_null (jc_test_find_label (GTK_WIDGET (page), "CT01"));
    }
    assert_true (jc_test_find_label (GTK_WIDGET (page), share0));
  }
  /* No actuals on an open plan. */
  assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_jc_plan_page_get_qty_entry (page))) &&
                gtk_widget_is_sensitive (GTK_WIDGET (_jc_plan_page_get_qty_entry (page))));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-en");

  /* Lock through the real button. */
  assert_true (gtk_widget_get_visible (_jc_plan_page_get_lock_button (page)));
  gtk_widget_activate (_jc_plan_page_get_lock_button (page));
  wait_idle (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page) != NULL &&
              _jc_plan_page_get_plan (page)->status == JC_PLAN_LOCKED, 10000);
  wait_idle (page);
  assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_LOCKED);
  assert_contains (label_text (page, "status"), "Locked by ");
  assert_string_equal (label_text (page, "canteens"), "3 canteens");
  assert_true (gtk_widget_get_visible (_jc_plan_page_get_unlock_button (page)));
  assert_false (gtk_widget_get_visible (_jc_plan_page_get_lock_button (page)));
  {
    g_autoptr(JcPlan) locked = load_plan (DATE);

    assert_int_equal (locked->status, JC_PLAN_LOCKED);
    assert_int_equal (locked->total_cost_fen, plan->total_cost_fen);
  }

  /* Record what was bought of 大白菜: a bad quantity first. */
  assert_true (_jc_plan_page_select_item (page, "V001"));
  jc_test_pump (20);
  assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_jc_plan_page_get_qty_entry (page))));
  gtk_editable_set_text (_jc_plan_page_get_qty_entry (page), "21,5kg");
  jc_test_enter (_jc_plan_page_get_qty_entry (page));
  jc_test_pump (20);
  /* Enter in the quantity moves on to the price. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *price = GTK_WIDGET (_jc_plan_page_get_price_entry (page));

    if (!(focus != NULL && (focus == price || gtk_widget_is_ancestor (focus, price))))
      fail_msg ("focus on %s", focus ? G_OBJECT_TYPE_NAME (focus) : "nothing");
  }
  gtk_editable_set_text (_jc_plan_page_get_price_entry (page), "1.50");
  jc_test_enter (_jc_plan_page_get_price_entry (page));
  jc_test_pump (50);
  assert_contains (label_text (page, "actual-error"), "Actual quantity");
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_plan_page_get_label (page, "actual-error"))));
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (_jc_plan_page_get_qty_entry (page)), "error"));
  assert_false (_jc_plan_page_is_busy (page));
  {
    g_autoptr(JcPlan) p = load_plan (DATE);

    assert_false (jc_plan_find_line (p, "V001")->has_actual);
  }
  /* a price of zero names the price */
  gtk_editable_set_text (_jc_plan_page_get_qty_entry (page), "21.5");
  gtk_editable_set_text (_jc_plan_page_get_price_entry (page), "0");
  jc_test_enter (_jc_plan_page_get_price_entry (page));
  jc_test_pump (50);
  assert_contains (label_text (page, "actual-error"), "Actual price");
  assert_false (_jc_plan_page_is_busy (page));

  /* 21.5 kg at 1.50 ¥/kg. */
  gtk_editable_set_text (_jc_plan_page_get_qty_entry (page), "21.5");
  jc_test_enter (_jc_plan_page_get_qty_entry (page));
  gtk_editable_set_text (_jc_plan_page_get_price_entry (page), "1.50");
  jc_test_enter (_jc_plan_page_get_price_entry (page));
  wait_idle (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page) != NULL &&
              jc_plan_find_line ((JcPlan *) _jc_plan_page_get_plan (page), "V001")->has_actual,
              10000);
  wait_idle (page);
  /* Enter in the price went on to the next line; back to 大白菜 */
  assert_true (_jc_plan_page_select_item (page, "V001"));
  jc_test_pump (20);
  {
    g_autoptr(JcPlan) p = load_plan (DATE);
    const JcPlanLine *veg = jc_plan_find_line (p, "V001");
    g_autofree char *qvar = NULL, *pvar = NULL, *acost = NULL, *want_cost = NULL;
    const char *qcss = NULL, *pcss = NULL;

    assert_true (veg->has_actual);
    assert_int_equal (veg->actual_qty_milli, 21500);
    assert_int_equal (veg->actual_price_milliyuan, 1500);
    assert_int_equal (veg->actual_cost_fen, 3225);
    /* 21.5 against 22 kg: −23‰; 1.50 against 1.28 ¥: +172‰, over twice the limit */
    qvar = _jc_plan_page_dup_cell_text (page, "V001", JC_PLAN_COLUMN_QTY_VARIANCE, &qcss);
    pvar = _jc_plan_page_dup_cell_text (page, "V001", JC_PLAN_COLUMN_PRICE_VARIANCE, &pcss);
    assert_string_equal (qvar, "-23‰");
    assert_null (qcss);
    assert_string_equal (pvar, "+172‰");
    assert_string_equal (pcss, "error");
    jc_test_settle (GTK_WIDGET (window));
    {
      GtkWidget *shown = jc_test_find_label (_jc_plan_page_get_view (page), "+172‰");

      assert_non_null (shown);
      assert_true (gtk_widget_has_css_class (shown, "error"));
    }
    /* the limit is the page's: 100‰ makes +172‰ a warning, 200‰ nothing */
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_label_get_mnemonic_widget (
        GTK_LABEL (jc_test_find_label (GTK_WIDGET (page), "Variance limit ‰"))));
      g_autofree char *again = NULL;

      gtk_spin_button_set_value (spin, 100);
      jc_test_pump (20);
      again = _jc_plan_page_dup_cell_text (page, "V001", JC_PLAN_COLUMN_PRICE_VARIANCE, &pcss);
      assert_string_equal (pcss, "warning");
      assert_true (gtk_widget_has_css_class (jc_test_find_label (_jc_plan_page_get_view (page),
                                                                "+172‰"), "warning"));
      gtk_spin_button_set_value (spin, 200);
      jc_test_pump (20);
      g_clear_pointer (&again, g_free);
      again = _jc_plan_page_dup_cell_text (page, "V001", JC_PLAN_COLUMN_PRICE_VARIANCE, &pcss);
      assert_null (pcss);
      gtk_spin_button_set_value (spin, 50);
      jc_test_pump (20);
    }
    acost = _jc_plan_page_dup_cell_text (page, "V001", JC_PLAN_COLUMN_ACTUAL_COST, NULL);
    want_cost = jc_order_format_money (3225);
    assert_string_equal (acost, want_cost);
    assert_contains (label_text (page, "actual"), want_cost);
    assert_contains (label_text (page, "drill-total"), want_cost);
    assert_contains (label_text (page, "difference"), "+");
  }
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "plan-locked-en");

  /* The preview of the purchase order. */
  gtk_widget_activate_action (GTK_WIDGET (page), "plan.preview", NULL);
  jc_test_pump (50);
  {
    GtkWindow *preview = _jc_plan_page_get_preview (page);

    assert_non_null (preview);
    assert_true (_jc_plan_preview_get_n_pages (preview) >= 1);
    assert_int_equal (_jc_plan_preview_get_page (preview), 0);
    jc_test_settle (GTK_WIDGET (preview));
    jc_test_screenshot (GTK_WIDGET (preview), "plan-preview-en");
    gtk_window_close (preview);
    jc_test_pump (50);
    assert_null (_jc_plan_page_get_preview (page));
  }

  /* The export the file chooser leads to, on its worker: a PDF and a workbook. */
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *path = g_build_filename (fx.dir, k == 0 ? "order.pdf" : "order.xlsx", NULL);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      jc_plan_task_export (fx.store, DATE, k == 0 ? JC_PLAN_EXPORT_PDF : JC_PLAN_EXPORT_XLSX,
                           path, JC_OUTPUT_REPLACE, NULL, store_result_cb, &result);
      jc_test_pump_until (result != NULL, 10000);
      assert_non_null (result);
      assert_true (jc_plan_task_finish (result, &error));
      assert_no_error (error);
      bytes = jc_test_read (path);
      assert_true (g_bytes_get_size (bytes) > 4);
      assert_memory_equal (g_bytes_get_data (bytes, NULL), k == 0 ? "%PDF" : "PK\003\004", 4);
    }

  /* Unlock asks for a reason, and is refused while purchases exist. */
  click_unlock (page);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (_jc_plan_page_get_unlock_dialog (page));
    AdwMessageDialog *error;
    GtkWidget *entry;

    assert_non_null (dialog);
    assert_false (adw_message_dialog_get_response_enabled (dialog, "unlock"));
    entry = adw_message_dialog_get_extra_child (dialog);
    gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
    assert_false (adw_message_dialog_get_response_enabled (dialog, "unlock"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "价格有误");
    assert_true (adw_message_dialog_get_response_enabled (dialog, "unlock"));
    jc_test_respond (dialog, "unlock");
    wait_idle (page);
    error = jc_test_wait_for_dialog ();
    assert_string_equal (adw_message_dialog_get_heading (error), "Could Not Unlock the Plan");
    assert_contains (adw_message_dialog_get_body (error), "Purchases are recorded");
    jc_test_respond (error, "close");
  }
  {
    g_autoptr(JcPlan) p = load_plan (DATE);

    assert_int_equal (p->status, JC_PLAN_LOCKED);
  }
  jc_test_close_window (window);
}

/* `widget` is shown whole: as wide as it would like to be (a label: not
 * ellipsized), and inside the window. */
static void
assert_shown_whole (GtkWidget  *widget,
                    GtkWindow  *window,
                    const char *what)
{
  graphene_rect_t bounds;
  int min = 0, nat = 0;

  assert_true (gtk_widget_get_mapped (widget));
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (gtk_widget_get_width (widget) < nat)
    fail_msg ("%s: %d px wide, it needs %d", what, gtk_widget_get_width (widget), nat);
  assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  if (bounds.origin.x < 0 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (GTK_WIDGET (window)) + 0.5)
    fail_msg ("%s: from x = %.0f to %.0f, outside the window of %d px", what, bounds.origin.x,
              bounds.origin.x + bounds.size.width, gtk_widget_get_width (GTK_WIDGET (window)));
}

/* The header titles of a column view, as labels (borrowed). */
static void
collect_header_labels (GtkWidget *widget,
                       GPtrArray *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c) && gtk_widget_get_mapped (c))
        g_ptr_array_add (out, c);
      /* the rows are a list view: the header is all that comes before it */
      if (!GTK_IS_LIST_VIEW (c))
        collect_header_labels (c, out);
    }
}

/* The plan at the widths of the application's window: 1280 px (the page
 * gets 1280 less the sidebar's 221) and the smallest window, 881 × 600
 * (the sidebar folded away).  The item names stay in sight when the table
 * is scrolled to its right end, every column's title is shown whole, and
 * nothing of the header — the lock status above all — is cut. */
static void
test_narrow (void **state)
{
  static const char *languages[] = { "zh_CN", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      JcPlanPage *page;
      GtkWindow *window;
      GtkAdjustment *h;
      g_autoptr(GPtrArray) titles = g_ptr_array_new ();
      g_autofree char *wide = g_strdup_printf ("plan-1280-%s", languages[l]);
      g_autofree char *narrow = g_strdup_printf ("plan-881-%s", languages[l]);
      GtkWidget *names;

      jc_test_set_language (languages[l]);
      window = open_page_sized (DATE, 1280 - 221, 740, &page);
      names = _jc_plan_page_get_names_view (page);
      h = gtk_scrolled_window_get_hadjustment (_jc_plan_page_get_scroller (page));
      /* the table is wider than the page: it scrolls sideways */
      assert_true (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h));
      gtk_adjustment_set_value (h, gtk_adjustment_get_upper (h) - gtk_adjustment_get_page_size (h));
      jc_test_settle (GTK_WIDGET (window));
      assert_true (gtk_adjustment_get_value (h) > 0);
      /* scrolled to the right end: the names are still there, in the window */
      assert_shown_whole (names, window, "the item names");
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          GtkWidget *label = jc_test_find_label (names, items[i].name);

          if (label == NULL)
            fail_msg ("%s: item %s not shown beside the scrolled table", languages[l],
                      items[i].name);
          assert_shown_whole (label, window, items[i].name);
        }
      /* and the last columns' titles are whole: "数量偏差 ‰" */
      collect_header_labels (_jc_plan_page_get_view (page), titles);
      assert_true (titles->len >= 2);
      for (guint i = 0; i < titles->len; i++)
        {
          GtkWidget *t = titles->pdata[i];
          int min, nat;

          gtk_widget_measure (t, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          if (gtk_widget_get_width (t) < nat)
            fail_msg ("%s: the column title “%s” is cut (%d of %d px)", languages[l],
                      gtk_label_get_text (GTK_LABEL (t)), gtk_widget_get_width (t), nat);
        }
      /* the two views' rows line up: a name beside its own figures */
      {
        GtkWidget *name = jc_test_find_label (names, "五花肉");
        GtkWidget *cost = jc_test_find_label (_jc_plan_page_get_view (page), "28.00");
        graphene_rect_t a, b;

        assert_non_null (name);
        assert_non_null (cost);
        assert_true (gtk_widget_compute_bounds (name, GTK_WIDGET (window), &a));
        assert_true (gtk_widget_compute_bounds (cost, GTK_WIDGET (window), &b));
        if (fabs ((a.origin.y + a.size.height / 2) - (b.origin.y + b.size.height / 2)) > 1.0)
          fail_msg ("%s: 五花肉 at y = %.0f, its price at y = %.0f", languages[l], a.origin.y,
                    b.origin.y);
      }
      jc_test_screenshot (GTK_WIDGET (window), wide);
      jc_test_close_window (window);

      window = open_page_sized (DATE, 881, 600, &page);
      jc_test_screenshot (GTK_WIDGET (window), narrow);
      {
        int min = 0, nat = 0;

        /* the page fits the window: nothing is pushed out on the right */
        gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL,
                            NULL);
        if (min > 881)
          fail_msg ("%s: the page needs %d px, the window has 881", languages[l], min);
      }
      assert_true (g_utf8_strlen (label_text (page, "status"), -1) > 0);
      assert_shown_whole (GTK_WIDGET (_jc_plan_page_get_label (page, "status")), window,
                          "the lock status");
      assert_shown_whole (_jc_plan_page_get_names_view (page), window, "the item names");
      jc_test_close_window (window);
    }
}

/* Lock and unlock with a reason on a plan without purchases. */
static void
test_unlock (void **state)
{
  JcPlanPage *page;
  GtkWindow *window;

  jc_test_set_language ("en");
  window = open_page (DATE2, &page);
  assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_OPEN);
  {
    /* CT02 and CT03 have no order for DATE2: the lock asks first */
    AdwMessageDialog *dialog = click_lock_expecting_question (page);

    assert_string_equal (adw_message_dialog_get_heading (dialog), "2 Canteens Are Not In");
    assert_contains (adw_message_dialog_get_body (dialog), "市政大厦机关食堂, 徐汇区机关食堂");
    jc_test_settle (GTK_WIDGET (dialog));
    jc_test_screenshot (GTK_WIDGET (dialog), "plan-lock-missing-en");
    /* Cancel locks nothing */
    jc_test_respond (dialog, "cancel");
    wait_idle_page (page);
    assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_OPEN);
    {
      g_autoptr(JcPlan) p = load_plan (DATE2);

      assert_int_equal (p->status, JC_PLAN_OPEN);
    }
    dialog = click_lock_expecting_question (page);
    jc_test_respond (dialog, "lock");
  }
  wait_idle (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page)->status == JC_PLAN_LOCKED, 10000);
  wait_idle (page);
  assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_LOCKED);
  click_unlock (page);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (_jc_plan_page_get_unlock_dialog (page));

    assert_non_null (dialog);
    /* Cancel leaves it locked. */
    jc_test_respond (dialog, "cancel");
    wait_idle (page);
    assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_LOCKED);
  }
  click_unlock (page);
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (_jc_plan_page_get_unlock_dialog (page));

    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                           "订单有误");
    jc_test_respond (dialog, "unlock");
  }
  wait_idle (page);
  jc_test_pump_until (_jc_plan_page_get_plan (page) != NULL &&
              _jc_plan_page_get_plan (page)->status == JC_PLAN_OPEN, 10000);
  assert_int_equal (_jc_plan_page_get_plan (page)->status, JC_PLAN_OPEN);
  {
    g_autoptr(JcPlan) p = load_plan (DATE2);

    assert_int_equal (p->status, JC_PLAN_OPEN);
  }
  jc_test_close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_plan),
    cmocka_unit_test (test_narrow),
    cmocka_unit_test (test_unlock),
    cmocka_unit_test (test_late_orders),
    cmocka_unit_test (test_recording),
    cmocka_unit_test (test_close_saves),
    cmocka_unit_test (test_reason_dialog),
  };

  jc_test_ui_init ();
  return cmocka_run_group_tests (tests, setup, teardown);
}
