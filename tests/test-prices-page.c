/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The market prices page as a person uses it, on real widgets under Xvfb:
 * a database with a few items and 60 days of quotes (a holiday week
 * without any, one item gone stale, names nobody mapped), the page in a
 * window, read on worker threads; searching by pinyin initials, the
 * history chart and its ranges; mapping names from "To Map" by a
 * suggestion and by searching; fetching a Xinfadi page from a file:// source
 * through the Fetch button; a failing source; an empty database.  PNGs in
 * $JICAI_SCREENSHOT_DIR: prices-<lang>.png, prices-tomap-<lang>.png, … */
#include "config.h"

#include <adwaita.h>
#include <curl/curl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "jc-test-prices.h"
#include "jc-test-ui.h"
#include "jc-demo.h"
#include "jc-test-server.h"
#include "jc-price-chart.h"
#include "jc-prices-page-private.h"
#include "jc-held-view-private.h"
#include "jc-unmapped-view-private.h"

static struct {
  char      *dir;
  char      *db_path;
  char      *feed_path;
} fx;

/* ---- the database ----------------------------------------------------- */

static JcItem *
insert_item (JcStore    *store,
             const char *code,
             const char *name,
             const char *category,
             JcBaseUnit  unit)
{
  JcItem *item = jc_item_new ();
  g_autoptr(GError) error = NULL;

  item->code = g_strdup (code);
  item->name = g_strdup (name);
  item->category = g_strdup (category);
  item->base_unit = unit;
  if (unit == JC_BASE_UNIT_PIECE)
    item->piece_mass_mg = 60000;
  assert_true (jc_store_insert_item (store, item, &error));
  assert_no_error (error);
  return item;
}

static void
put (JcStore      *store,
     gint64        source,
     const JcItem *item,
     const char   *name,
     const char   *category,
     const char   *unit,
     const char   *date,
     gint64        avg)
{
  JcPriceQuote q = { name, category, "", "冀", unit, date, avg - avg / 10, avg, avg + avg / 8, 0 };
  g_autoptr(GError) error = NULL;
  JcPutResult r;

  assert_true (jc_price_put_quote (store, source, 0, &q, item, &r, &error));
  assert_no_error (error);
}

static gboolean
national_day (const GDate *d)
{
  return g_date_get_month (d) == G_DATE_OCTOBER && g_date_get_day (d) <= 7;
}

/* 60 days up to the day before TODAY, but for the National Day week. */
static void
fill_db (const char *path)
{
  static const struct {
    const char *code, *name, *category, *market_category, *unit;
    JcBaseUnit base;
    gint64 base_price;   /* per `unit` */
    int last_day;        /* days before TODAY of the last quote */
  } goods[] = {
    { "V001", "大白菜", "veg", "蔬菜", "斤", JC_BASE_UNIT_KG, 600, 1 },
    { "V004", "小白菜", "veg", "蔬菜", "斤", JC_BASE_UNIT_KG, 1300, 1 },
    { "V010", "菠菜", "veg", "蔬菜", "斤", JC_BASE_UNIT_KG, 2600, 18 },
    { "V039", "土豆", "veg", "蔬菜", "斤", JC_BASE_UNIT_KG, 900, 1 },
    { "V051", "大葱", "veg", "蔬菜", "斤", JC_BASE_UNIT_KG, 1500, 1 },
    { "F001", "富士苹果", "fruit", "水果", "斤", JC_BASE_UNIT_KG, 4200, 1 },
    { "M001", "鸡蛋", "meat", "肉禽蛋", "个", JC_BASE_UNIT_PIECE, 780, 1 },
  };
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(GError) error = NULL;
  GDate today;

  store = jc_store_open (path, &error);
  assert_no_error (error);
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_filename_to_uri (fx.feed_path, NULL, NULL);
  assert_true (jc_store_insert_source (store, src, &error));
  assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_parse (&today, TODAY);
  assert_true (jc_store_begin (store, &error));
  for (guint g = 0; g < G_N_ELEMENTS (goods); g++)
    {
      g_autoptr(JcItem) item = insert_item (store, goods[g].code, goods[g].name, goods[g].category,
                                            goods[g].base);

      for (int back = 60; back >= goods[g].last_day; back--)
        {
          GDate d = today;
          char date[11];
          /* a slow wave, different per item */
          gint64 avg = goods[g].base_price + goods[g].base_price * ((back * (int) (g + 3)) % 17 - 8) / 60;

          g_date_subtract_days (&d, (guint) back);
          if (national_day (&d))
            continue;
          g_snprintf (date, sizeof date, "%04u-%02u-%02u", g_date_get_year (&d),
                      g_date_get_month (&d), g_date_get_day (&d));
          put (store, src->id, item, goods[g].name, goods[g].market_category, goods[g].unit, date,
               avg);
          /* names the catalog does not know, stored unmapped */
          if (g == 0 && back <= 10)
            put (store, src->id, NULL, "黄心大白菜", "蔬菜", "斤", date, avg + 40);
          if (g == 3 && back <= 3)
            put (store, src->id, NULL, "马铃薯", "蔬菜", "斤", date, avg - 50);
        }
    }
  assert_true (jc_store_commit (store, &error));
}

static int
setup (void **state)
{
  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "jicai.db", NULL);
  fx.feed_path = g_build_filename (fx.dir, "getPriceData.json", NULL);
  jc_test_set_screenshot_dir (fx.dir);
  fill_db (fx.db_path);
  return 0;
}

static int
teardown (void **state)
{
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  g_free (fx.feed_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* ---- the market ------------------------------------------------------- */

static void
check_market (Shown *s)
{
  GListModel *shown = _jc_prices_page_get_shown (s->page);
  const JcMarketRow *row;
  guint pos;

  assert_string_equal (_jc_prices_page_get_market_state (s->page), "list");
  assert_int_equal (g_list_model_get_n_items (shown), 7);

  /* 大白菜 on the 27th, per kg: the quote was per 斤 */
  pos = find_row (s->page, "V001");
  row = _jc_prices_page_get_row (s->page, pos);
  assert_string_equal (row->date, "2026-11-27");
  assert_false (row->stale);
  assert_true (row->avg_milliyuan > 1000 && row->avg_milliyuan < 1500);
  assert_true (row->has_prev_day);
  assert_true (row->has_prev_week);
  /* 菠菜 was last quoted 18 days ago: stale, and marked so */
  row = _jc_prices_page_get_row (s->page, find_row (s->page, "V010"));
  assert_true (row->stale);
  assert_true (count_mapped_warnings (_jc_prices_page_get_column_view (s->page)) >= 1);
  /* eggs per piece */
  row = _jc_prices_page_get_row (s->page, find_row (s->page, "M001"));
  assert_int_equal (row->base_unit, JC_BASE_UNIT_PIECE);
  assert_true (labels_have (_jc_prices_page_get_column_view (s->page), "菠菜"));
}

static void
search_dbc (Shown *s)
{
  GListModel *shown = _jc_prices_page_get_shown (s->page);
  GtkWidget *cv = _jc_prices_page_get_column_view (s->page);

  gtk_editable_set_text (_jc_prices_page_get_search_entry (s->page), "dbc");
  /* GtkSearchEntry waits a moment before it searches */
  jc_test_pump_until (g_list_model_get_n_items (shown) == 1, 3000);
  jc_test_settle (s->window);
  assert_int_equal (g_list_model_get_n_items (shown), 1);
  assert_string_equal (_jc_prices_page_get_row (s->page, 0)->item_name, "大白菜");
  assert_true (labels_have (cv, "大白菜"));
  assert_false (labels_have (cv, "小白菜"));
  assert_false (labels_have (cv, "土豆"));
}

static gboolean
range_is (JcPricesPage *page,
          const char   *range)
{
  g_autofree char *now = NULL;

  g_object_get (page, "range", &now, NULL);
  return g_strcmp0 (now, range) == 0;
}

/* The chart of the selected item, for a range. */
static void
check_chart (Shown      *s,
             const char *range,
             guint       min_points,
             guint       max_points)
{
  JcPriceChart *chart = _jc_prices_page_get_chart (s->page);
  JcChart *c = jc_price_chart_get_chart (chart);
  gint64 lo = G_MAXINT64, hi = 0, ymin, ymax;
  guint n = jc_price_chart_get_n_points (chart);

  assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  assert_true (n >= min_points && n <= max_points);
  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, jc_chart_get_point (c, i)->low_milliyuan);
      hi = MAX (hi, jc_chart_get_point (c, i)->high_milliyuan);
    }
  /* painted at least once since the points came */
  assert_true (jc_chart_get_y_range (c, &ymin, &ymax));
  assert_true (ymin <= lo && ymax >= hi);
  assert_string_equal (jc_chart_get_point (c, n - 1)->date, "2026-11-27");
  assert_true (range_is (s->page, range));
}

static void
click_range (Shown      *s,
             const char *range)
{
  GtkWidget *button = _jc_prices_page_get_range_button (s->page, range);

  /* a click: GtkButton finishes an activation a moment later */
  gtk_widget_activate (button);
  jc_test_pump_until (range_is (s->page, range), 2000);
  assert_true (range_is (s->page, range));
  assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  wait_loaded (s->page);
  jc_test_settle (s->window);
}

static void
market (const char *language)
{
  Shown s;
  JcPriceChart *chart;
  GtkDropDown *dropdown;
  g_autofree char *name = NULL;
  g_autofree char *tomap = NULL;

  jc_test_set_language (language);
  s = open_page (fx.db_path);
  check_market (&s);
  search_dbc (&s);
  select_code (&s, "V001");
  chart = _jc_prices_page_get_chart (s.page);
  /* 3 months by default: all 60 days but the 7 of the holiday */
  check_chart (&s, "3m", 52, 53);
  click_range (&s, "1m");
  check_chart (&s, "1m", 25, 31);
  click_range (&s, "all");
  check_chart (&s, "all", 52, 53);
  click_range (&s, "3m");

  /* the pointer over the last day */
  jc_price_chart_set_hover (chart, (int) jc_price_chart_get_n_points (chart) - 1);
  assert_non_null (jc_price_chart_get_hover_text (chart));
  assert_contains (jc_price_chart_get_hover_text (chart), "2026-11-27");
  jc_test_settle (s.window);

  /* the search cleared and the fruit only: the selection stays with the item */
  gtk_editable_set_text (_jc_prices_page_get_search_entry (s.page), "");
  jc_test_pump_until (g_list_model_get_n_items (_jc_prices_page_get_shown (s.page)) == 7, 3000);
  jc_test_settle (s.window);
  name = g_strdup_printf ("prices-%s", language);
  jc_test_screenshot (s.window, name);

  /* sorted by the average, dearest first; then back to the catalog order */
  {
    GtkColumnView *cv = GTK_COLUMN_VIEW (_jc_prices_page_get_column_view (s.page));
    g_autoptr(GtkColumnViewColumn) avg = g_list_model_get_item (gtk_column_view_get_columns (cv), 4);
    GListModel *rows = _jc_prices_page_get_shown (s.page);

    gtk_column_view_sort_by_column (cv, avg, GTK_SORT_DESCENDING);
    jc_test_pump (20);
    assert_string_equal (_jc_prices_page_get_row (s.page, 0)->item_code, "F001");
    for (guint i = 1; i < g_list_model_get_n_items (rows); i++)
      assert_true (_jc_prices_page_get_row (s.page, i - 1)->avg_milliyuan >=
                   _jc_prices_page_get_row (s.page, i)->avg_milliyuan);
    gtk_column_view_sort_by_column (cv, NULL, GTK_SORT_ASCENDING);
    jc_test_pump (20);
    assert_string_equal (_jc_prices_page_get_row (s.page, 0)->item_code, "V001");
  }

  dropdown = _jc_prices_page_get_category_dropdown (s.page);
  gtk_drop_down_set_selected (dropdown, 2);  /* after "All": 蔬菜, 水果 */
  jc_test_pump_until (g_list_model_get_n_items (_jc_prices_page_get_shown (s.page)) == 1, 3000);
  assert_int_equal (g_list_model_get_n_items (_jc_prices_page_get_shown (s.page)), 1);
  assert_string_equal (_jc_prices_page_get_row (s.page, 0)->item_code, "F001");
  gtk_drop_down_set_selected (dropdown, 0);
  jc_test_pump_until (g_list_model_get_n_items (_jc_prices_page_get_shown (s.page)) == 7, 3000);

  /* the names to map, as they look before anything is mapped */
  gtk_widget_activate_action (GTK_WIDGET (s.page), "prices.show-view", "s", "to-map");
  jc_test_settle (s.window);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  tomap = g_strdup_printf ("prices-tomap-%s", language);
  jc_test_screenshot (s.window, tomap);
  close_page (&s);
}

static void
test_market_zh_CN (void **state)
{
  market ("zh_CN");
}

static void
test_market_en (void **state)
{
  market ("en");
}

/* ---- held ------------------------------------------------------------- */

/* 金龙鱼调和油 at 13 元/kg from another source for ten days, then the
 * market's 61.5 "per 斤" (a 5 L drum) twice, and 大白菜 typed ten times too
 * high once. */
static char *
fill_held_db (const char *name)
{
  g_autofree char *path = g_build_filename (fx.dir, name, NULL);
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(JcSource) src = jc_source_new ();
  g_autoptr(JcSource) other = jc_source_new ();
  g_autoptr(JcItem) oil = jc_item_new ();
  g_autoptr(JcItem) cabbage = NULL;
  char date[11];

  assert_non_null (store);
  src->name = g_strdup ("新发地");
  src->adapter = g_strdup ("xinfadi");
  src->url = g_filename_to_uri (fx.feed_path, NULL, NULL);
  assert_true (jc_store_insert_source (store, src, NULL));
  other->name = g_strdup ("粮油批发");
  other->adapter = g_strdup ("csv");
  other->url = g_strdup ("file:///nowhere/oil.csv");
  other->priority = 50;
  assert_true (jc_store_insert_source (store, other, NULL));
  oil->code = g_strdup ("G010");
  oil->name = g_strdup ("金龙鱼调和油");
  oil->category = g_strdup ("grain");
  oil->base_unit = JC_BASE_UNIT_KG;
  oil->pack_milli = 4600;
  assert_true (jc_store_insert_item (store, oil, NULL));
  cabbage = insert_item (store, "V001", "大白菜", "veg", JC_BASE_UNIT_KG);
  for (int day = 10; day <= 27; day++)
    {
      g_snprintf (date, sizeof date, "2026-11-%02d", day);
      if (day <= 19)
        {
          put (store, other->id, oil, "金龙鱼调和油", "粮油", "kg", date, 13000);
          put (store, src->id, cabbage, "大白菜", "蔬菜", "斤", date, 600);
        }
      else if (day >= 26)
        put (store, src->id, oil, "金龙鱼调和油", "粮油", "斤", date, 61500);
    }
  put (store, src->id, cabbage, "大白菜", "蔬菜", "斤", "2026-11-27", 6000);
  assert_int_equal (jc_store_count_held (store, NULL), 3);
  return g_steal_pointer (&path);
}

static guint
find_held (JcHeldView *view,
           const char *code)
{
  for (guint i = 0; i < _jc_held_view_get_n_rows (view); i++)
    if (g_strcmp0 (_jc_held_view_get_row (view, i)->item_code, code) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
held (const char *language)
{
  g_autofree char *name = g_strdup_printf ("held-%s.db", language);
  g_autofree char *path = fill_held_db (name);
  g_autofree char *shot = NULL;
  JcHeldView *view;
  GtkWidget *bar;
  const JcHeldQuote *h;
  g_autoptr(GVariant) target = NULL;
  GtkWidget *button;
  Shown s;
  guint pos;

  jc_test_set_language (language);
  s = open_page (path);
  view = _jc_prices_page_get_held_view (s.page);
  bar = _jc_prices_page_get_held_bar (s.page);
  jc_test_pump_until (!jc_held_view_get_busy (view), 5000);
  jc_test_settle (s.window);

  /* the banner on the market page says how many are held */
  assert_int_equal (jc_held_view_get_n_held (view), 3);
  assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  if (g_str_equal (language, "en"))
    assert_true (labels_have (bar, "3 prices are held for review: they are far from their items' "
                                   "usual prices, and plans leave them out until they are "
                                   "released or their unit is corrected."));
  /* the market leaves the held prices out: oil as of the 19th, 13 元/kg */
  pos = find_row (s.page, "G010");
  assert_int_not_equal (pos, GTK_INVALID_LIST_POSITION);
  assert_string_equal (_jc_prices_page_get_row (s.page, pos)->date, "2026-11-19");
  assert_int_equal (_jc_prices_page_get_row (s.page, pos)->avg_milliyuan, 13000);
  shot = g_strdup_printf ("prices-held-bar-%s", language);
  jc_test_screenshot (s.window, shot);

  /* Review… shows the held prices with their suggestion */
  gtk_info_bar_response (GTK_INFO_BAR (bar), 1);
  jc_test_settle (s.window);
  assert_string_equal (adw_view_stack_get_visible_child_name (
                         ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (view),
                                                                  ADW_TYPE_VIEW_STACK))),
                       "held");
  pos = find_held (view, "G010");
  h = _jc_held_view_get_row (view, pos);
  assert_int_equal (h->suggest, JC_HOLD_SUGGEST_PACK);
  assert_int_equal (h->base_avg_milliyuan, 123000);
  assert_int_equal (h->median_milliyuan, 13000);
  if (g_str_equal (language, "en"))
    assert_true (labels_have (_jc_held_view_get_row_widget (view, pos),
                              "2026-11-27 · 新发地 · 61.50/斤 = 123.00/kg (median 13.00) "
                              "quoted per pack (4.6 kg)?"));
  g_clear_pointer (&shot, g_free);
  shot = g_strdup_printf ("prices-held-%s", language);
  jc_test_screenshot (s.window, shot);
  if (!g_str_equal (language, "en"))
    {
      close_page (&s);
      return;
    }

  /* Quoted per Pack: both oil prices convert (13.37 元/kg) and are released */
  target = g_variant_ref_sink (g_variant_new_int64 (h->id));
  button = find_button (_jc_held_view_get_row_widget (view, pos), target);
  assert_non_null (button);
  assert_string_equal (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "held.per-pack");
  gtk_widget_activate (button);
  jc_test_pump_until (jc_held_view_get_n_held (view) == 1 && !jc_held_view_get_busy (view), 5000);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  assert_int_equal (jc_held_view_get_n_held (view), 1);
  pos = find_row (s.page, "G010");
  assert_string_equal (_jc_prices_page_get_row (s.page, pos)->date, "2026-11-27");
  assert_int_equal (_jc_prices_page_get_row (s.page, pos)->avg_milliyuan, 13370);

  /* the cabbage has no pack: Release only; then nothing is held */
  pos = find_held (view, "V001");
  h = _jc_held_view_get_row (view, pos);
  assert_int_equal (h->suggest, JC_HOLD_SUGGEST_TEN_HIGH);
  g_clear_pointer (&target, g_variant_unref);
  target = g_variant_ref_sink (g_variant_new_int64 (h->id));
  button = find_button (_jc_held_view_get_row_widget (view, pos), target);
  assert_non_null (button);
  assert_string_equal (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), "held.release");
  gtk_widget_activate (button);
  jc_test_pump_until (jc_held_view_get_n_held (view) == 0 && !jc_held_view_get_busy (view), 5000);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  assert_int_equal (jc_held_view_get_n_held (view), 0);
  assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  pos = find_row (s.page, "V001");
  assert_int_equal (_jc_prices_page_get_row (s.page, pos)->avg_milliyuan, 12000);
  jc_test_screenshot (s.window, "prices-held-done-en");
  close_page (&s);
}

static void
test_held_zh_CN (void **state)
{
  held ("zh_CN");
}

static void
test_held_en (void **state)
{
  held ("en");
}

/* ---- to map ----------------------------------------------------------- */

static void
test_to_map (void **state)
{
  Shown s;
  JcUnmappedView *view;
  GListModel *shown;
  const char * const *suggested;
  GtkWidget *button;
  GtkWidget *popover;
  GtkWidget *entry = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(GPtrArray) unmapped = NULL;
  g_autoptr(GError) error = NULL;
  guint potato = GTK_INVALID_LIST_POSITION;
  gint64 rows_before;

  jc_test_set_language ("en");
  s = open_page (fx.db_path);
  view = _jc_prices_page_get_unmapped_view (s.page);
  shown = _jc_unmapped_view_get_shown (view);
  gtk_widget_activate_action (GTK_WIDGET (s.page), "prices.show-view", "s", "to-map");
  jc_test_settle (s.window);
  assert_int_equal (jc_unmapped_view_get_n_names (view), 2);
  assert_int_equal (g_list_model_get_n_items (shown), 2);

  /* 黄心大白菜 has the most quotes: first, with 大白菜 first among its suggestions */
  assert_string_equal (_jc_unmapped_view_get_row (view, 0)->market_name, "黄心大白菜");
  assert_int_equal (_jc_unmapped_view_get_row (view, 0)->n_rows, 10);
  suggested = _jc_unmapped_view_get_suggestions (view, 0);
  assert_non_null (suggested[0]);
  assert_string_equal (suggested[0], "V001");
  /* 马铃薯 looks like nothing in the catalog: no suggestion */
  assert_string_equal (_jc_unmapped_view_get_row (view, 1)->market_name, "马铃薯");
  assert_null (_jc_unmapped_view_get_suggestions (view, 1)[0]);

  /* one click on the suggestion */
  target = g_variant_ref_sink (g_variant_new ("(ss)", "黄心大白菜", "V001"));
  button = find_button (_jc_unmapped_view_get_column_view (view), target);
  assert_non_null (button);
  assert_string_equal (gtk_button_get_label (GTK_BUTTON (button)), "大白菜");
  gtk_widget_activate (button);
  jc_test_pump_until (jc_unmapped_view_get_n_names (view) == 1, 5000);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  assert_int_equal (jc_unmapped_view_get_n_names (view), 1);
  jc_test_screenshot (s.window, "prices-tomap-mapped-en");

  /* the other one through the search over every item: 土豆 by its initials */
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    if (g_str_equal (_jc_unmapped_view_get_row (view, i)->market_name, "马铃薯"))
      potato = i;
  assert_int_equal (potato, 0);
  {
    GtkWidget *menu_button = NULL;
    GtkWidget *w = _jc_unmapped_view_get_column_view (view);
    GPtrArray *stack = g_ptr_array_new ();

    /* the only mapped menu button is the row's "Other Item…" */
    g_ptr_array_add (stack, w);
    while (stack->len > 0 && menu_button == NULL)
      {
        GtkWidget *cur = g_ptr_array_steal_index (stack, stack->len - 1);

        if (!gtk_widget_get_mapped (cur))
          continue;
        if (GTK_IS_MENU_BUTTON (cur))
          menu_button = cur;
        for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_ptr_array_unref (stack);
    assert_non_null (menu_button);
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
    jc_test_settle (s.window);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
    assert_non_null (popover);
    jc_test_pump_until (gtk_widget_get_mapped (popover), 2000);
    for (GtkWidget *c = gtk_widget_get_first_child (gtk_popover_get_child (GTK_POPOVER (popover)));
         c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_SEARCH_ENTRY (c))
        entry = c;
    assert_non_null (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "td");
    jc_test_pump (400);
    jc_test_settle (s.window);
    assert_true (labels_have (popover, "土豆"));
    assert_false (labels_have (popover, "大白菜"));
    jc_test_screenshot (s.window, "prices-tomap-search-en");
    /* Enter takes the first match */
    g_signal_emit_by_name (entry, "activate");
  }
  jc_test_pump_until (jc_unmapped_view_get_n_names (view) == 0, 5000);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  assert_int_equal (jc_unmapped_view_get_n_names (view), 0);
  jc_test_screenshot (s.window, "prices-tomap-done-en");

  /* in the database, as another connection reads it */
  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  unmapped = jc_store_list_unmapped (check, &error);
  assert_int_equal (unmapped->len, 0);
  {
    g_autoptr(JcItem) potato_item = jc_store_get_item (check, "V039", &error);

    assert_true (g_strv_contains ((const char * const *) potato_item->aliases, "马铃薯"));
  }
  rows_before = jc_store_count_prices (check, &error);
  assert_true (rows_before > 0);
  close_page (&s);
}

/* ---- fetching --------------------------------------------------------- */

static void
write_feed (void)
{
  const char *json =
    "{\"current\":1,\"limit\":20,\"count\":4,\"list\":["
    "{\"prodName\":\"大白菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"0.55\",\"avgPrice\":\"0.58\","
    "\"highPrice\":\"0.6\",\"place\":\"冀\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
    "\"pubDate\":\"2026-11-28 00:00:00\"},"
    "{\"prodName\":\"土豆\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"0.8\",\"avgPrice\":\"0.9\","
    "\"highPrice\":\"1.0\",\"place\":\"内蒙\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
    "\"pubDate\":\"2026-11-28 00:00:00\"},"
    "{\"prodName\":\"荷兰豆\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"4.5\",\"avgPrice\":\"5\","
    "\"highPrice\":\"5.5\",\"place\":\"滇\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
    "\"pubDate\":\"2026-11-28 00:00:00\"},"
    "{\"prodName\":\"菠菜\",\"prodCat\":\"蔬菜\",\"lowPrice\":\"0\",\"avgPrice\":\"0\","
    "\"highPrice\":\"0\",\"place\":\"\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
    "\"pubDate\":\"2026-11-28 00:00:00\"}]}";

  assert_true (g_file_set_contents (fx.feed_path, json, -1, NULL));
}

static void
test_fetch (void **state)
{
  Shown s;
  GtkWidget *button;
  JcPriceChart *chart;
  const JcMarketRow *row;
  const char *info;
  guint frames = 0;
  guint id;
  guint n_before;

  jc_test_set_language ("en");
  write_feed ();
  s = open_page (fx.db_path);
  select_code (&s, "V001");
  chart = _jc_prices_page_get_chart (s.page);
  n_before = jc_price_chart_get_n_points (chart);
  row = _jc_prices_page_get_row (s.page, find_row (s.page, "V001"));
  assert_string_equal (row->date, "2026-11-27");

  button = _jc_prices_page_get_fetch_button (s.page);
  assert_true (gtk_widget_get_sensitive (button));
  id = gtk_widget_add_tick_callback (s.window, jc_test_count_frame_cb, &frames, NULL);
  gtk_widget_activate (button);
  jc_test_pump_until (jc_prices_page_get_fetching (s.page), 2000);
  jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 30000);
  assert_false (jc_prices_page_get_fetching (s.page));
  wait_loaded (s.page);
  jc_test_settle (s.window);
  gtk_widget_remove_tick_callback (s.window, id);
  assert_true (frames >= 3);

  info = _jc_prices_page_get_info_text (s.page);
  assert_non_null (info);
  assert_int_equal (gtk_info_bar_get_message_type (_jc_prices_page_get_info_bar (s.page)),
                    GTK_MESSAGE_INFO);
  assert_contains (info, "2026-11-22 to 2026-11-28");
  assert_contains (info, "3 new");
  assert_contains (info, "1 rejected");
  assert_contains (info, "1 to map");

  /* the new price shows, per kg: 0.58 元/斤 = 1.16 元/kg */
  row = _jc_prices_page_get_row (s.page, find_row (s.page, "V001"));
  assert_string_equal (row->date, TODAY);
  assert_int_equal (row->avg_milliyuan, 1160);
  assert_int_equal (row->low_milliyuan, 1100);
  assert_int_equal (row->high_milliyuan, 1200);
  /* the feed's place is the origin, shown in its column; no spec, no column */
  assert_string_equal (row->origin, "冀");
  assert_true (_jc_prices_page_column_shown (s.page, "origin"));
  assert_true (labels_have (_jc_prices_page_get_column_view (s.page), "冀"));
  assert_false (_jc_prices_page_column_shown (s.page, "spec"));
  /* with a figure space where a third decimal would be: the points line up */
  assert_true (labels_have (_jc_prices_page_get_column_view (s.page), "1.16\u2007"));
  /* still selected, its chart a day longer */
  assert_int_equal (jc_price_chart_get_n_points (chart), n_before + 1);
  /* 荷兰豆 waits to be mapped */
  assert_int_equal (jc_unmapped_view_get_n_names (_jc_prices_page_get_unmapped_view (s.page)), 1);
  jc_test_screenshot (s.window, "prices-fetched-en");

  /* the same again: nothing new, nothing changed */
  gtk_widget_activate (button);
  jc_test_pump_until (jc_prices_page_get_fetching (s.page), 2000);
  jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 30000);
  wait_loaded (s.page);
  assert_contains (_jc_prices_page_get_info_text (s.page), "0 new, 0 changed, 3 unchanged");
  close_page (&s);
}

/* A long price file imported from the page: 3 years of daily quotes of
 * 12 items (13,000+ rows); the window keeps drawing while it runs, and the
 * report counts every row. */
static void
test_import_file (void **state)
{
  g_autofree char *csv = g_build_filename (fx.dir, "three-years.csv", NULL);
  g_autoptr(GString) text = g_string_new ("品名,最低价,平均价,最高价,规格,产地,单位,发布日期\n");
  const char *names[] = { "大白菜", "小白菜", "菠菜", "土豆", "大葱", "黄瓜",
                          "茄子", "冬瓜", "南瓜", "韭菜", "芹菜", "生菜" };
  const char *paths[2] = { csv, NULL };
  guint frames = 0, rows = 0;
  const char *info;
  Shown s;
  GDate d;
  guint id;

  g_date_set_dmy (&d, 1, 1, 2023);
  for (guint day = 0; day < 3 * 365; day++, g_date_add_days (&d, 1))
    for (guint i = 0; i < G_N_ELEMENTS (names); i++, rows++)
      g_string_append_printf (text, "%s,%u.%02u,%u.%02u,%u.%02u,普通,冀,斤,%04d-%02d-%02d\n",
                              names[i], 1 + i % 3, day % 50, 1 + i % 3, day % 50 + 20,
                              1 + i % 3, day % 50 + 40, g_date_get_year (&d),
                              g_date_get_month (&d), g_date_get_day (&d));
  assert_true (g_file_set_contents (csv, text->str, text->len, NULL));

  jc_test_set_language ("en");
  s = open_page (fx.db_path);
  id = gtk_widget_add_tick_callback (s.window, jc_test_count_frame_cb, &frames, NULL);
  jc_prices_page_import_paths (s.page, paths);
  assert_true (jc_prices_page_get_fetching (s.page));
  jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 60000);
  assert_false (jc_prices_page_get_fetching (s.page));
  wait_loaded (s.page);
  jc_test_settle (s.window);
  gtk_widget_remove_tick_callback (s.window, id);
  assert_true (frames >= 3);
  info = _jc_prices_page_get_info_text (s.page);
  assert_non_null (info);
  assert_contains (info, "Imported 1 file");
  {
    g_autofree char *expect = g_strdup_printf ("%u new", rows);

    assert_contains (info, expect);
  }
  close_page (&s);
}

/* A source that fails: the message names the file, nothing changes. */
static void
test_fetch_error (void **state)
{
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcSource) src = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fx.dir, "missing.json", NULL);
  Shown s;
  gint64 before;

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  src = jc_store_get_source (store, "新发地", &error);
  assert_no_error (error);
  g_free (src->url);
  src->url = g_filename_to_uri (missing, NULL, NULL);
  assert_true (jc_store_update_source (store, src, &error));
  before = jc_store_count_prices (store, NULL);

  jc_test_set_language ("en");
  s = open_page (fx.db_path);
  gtk_widget_activate (_jc_prices_page_get_fetch_button (s.page));
  jc_test_pump_until (jc_prices_page_get_fetching (s.page), 2000);
  jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 30000);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  assert_int_equal (gtk_info_bar_get_message_type (_jc_prices_page_get_info_bar (s.page)),
                    GTK_MESSAGE_ERROR);
  assert_contains (_jc_prices_page_get_info_text (s.page), "missing.json");
  assert_contains (_jc_prices_page_get_info_text (s.page), "新发地");
  assert_int_equal (jc_store_count_prices (store, NULL), before);
  jc_test_screenshot (s.window, "prices-fetch-error-en");
  close_page (&s);
}

/* ---- a slow source ------------------------------------------------------ */

/* Page 1 of 2 comes at once, page 2 never: the window keeps drawing, the
 * progress says how far it got, Cancel ends it at once and nothing is
 * stored; a window closed in the middle of a fetch goes away cleanly. */
static void
test_fetch_cancel (void **state)
{
  g_autoptr(JcTestServer) server = NULL;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcSource) src = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) records = g_string_new (NULL);
  g_autofree char *page1 = NULL;
  JcTestReply first = { 0 };
  JcTestReply stall = { 0 };
  GtkProgressBar *progress = NULL;
  guint frames = 0;
  guint id;
  gint64 before, started;
  Shown s;

  for (guint i = 0; i < 20; i++)
    g_string_append_printf (records, "%s{\"prodName\":\"测试菜%u\",\"prodCat\":\"蔬菜\","
                            "\"lowPrice\":\"1\",\"avgPrice\":\"1.5\",\"highPrice\":\"2\","
                            "\"place\":\"\",\"specInfo\":\"\",\"unitInfo\":\"斤\","
                            "\"pubDate\":\"2026-11-28 00:00:00\"}", i ? "," : "", i);
  page1 = g_strdup_printf ("{\"current\":1,\"limit\":20,\"count\":40,\"list\":[%s]}",
                           records->str);
  server = jc_test_server_new (NULL, NULL, &error);
  assert_no_error (error);
  first.kind = JC_TEST_REPLY_BODY;
  first.content_type = "application/json";
  first.body = page1;
  first.body_len = -1;
  first.times = 1;
  jc_test_server_add_reply (server, "/getPriceData.html", &first);
  stall.kind = JC_TEST_REPLY_STALL;
  stall.content_type = "application/json";
  stall.body = page1;
  stall.body_len = -1;
  stall.size = 16;
  jc_test_server_add_reply (server, "/getPriceData.html", &stall);

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  src = jc_store_get_source (store, "新发地", &error);
  assert_no_error (error);
  g_free (src->url);
  src->url = jc_test_server_url (server, "/getPriceData.html");
  assert_true (jc_store_update_source (store, src, &error));
  before = jc_store_count_prices (store, NULL);

  jc_test_set_language ("en");
  s = open_page (fx.db_path);
  id = gtk_widget_add_tick_callback (s.window, jc_test_count_frame_cb, &frames, NULL);
  gtk_widget_activate (_jc_prices_page_get_fetch_button (s.page));
  jc_test_pump_until (jc_prices_page_get_fetching (s.page), 2000);
  assert_true (jc_prices_page_get_fetching (s.page));
  assert_false (gtk_widget_get_sensitive (_jc_prices_page_get_fetch_button (s.page)));
  for (GtkWidget *w = GTK_WIDGET (s.page); w != NULL && progress == NULL;)
    {
      /* the only progress bar of the page */
      GPtrArray *todo = g_ptr_array_new ();

      g_ptr_array_add (todo, w);
      while (todo->len > 0 && progress == NULL)
        {
          GtkWidget *cur = g_ptr_array_steal_index (todo, todo->len - 1);

          if (GTK_IS_PROGRESS_BAR (cur))
            progress = GTK_PROGRESS_BAR (cur);
          for (GtkWidget *c = gtk_widget_get_first_child (cur); c; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (todo, c);
        }
      g_ptr_array_unref (todo);
      w = NULL;
    }
  assert_non_null (progress);
  /* page 1 came, page 2 hangs: the bar says so and the window draws on */
  jc_test_pump_until (strstr (gtk_progress_bar_get_text (progress) ? gtk_progress_bar_get_text (progress) : "",
                      "page 1 of 2") != NULL, 10000);
  assert_contains (gtk_progress_bar_get_text (progress), "新发地: page 1 of 2, 20 rows");
  assert_true (gtk_progress_bar_get_fraction (progress) > 0.0);
  frames = 0;
  jc_test_pump_until (frames >= 10, 5000);
  assert_true (frames >= 10);
  assert_true (jc_prices_page_get_fetching (s.page));
  jc_test_screenshot (s.window, "prices-fetching-en");

  started = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (s.page), "prices.cancel-fetch", NULL);
  jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 10000);
  assert_false (jc_prices_page_get_fetching (s.page));
  assert_true (g_get_monotonic_time () - started < 3 * G_USEC_PER_SEC);
  gtk_widget_remove_tick_callback (s.window, id);
  wait_loaded (s.page);
  assert_int_equal (gtk_info_bar_get_message_type (_jc_prices_page_get_info_bar (s.page)),
                    GTK_MESSAGE_WARNING);
  assert_contains (_jc_prices_page_get_info_text (s.page), "cancelled");
  assert_int_equal (jc_store_count_prices (store, NULL), before);

  /* again, and the window closed while page 2 hangs */
  jc_test_server_clear (server);
  jc_test_server_add_reply (server, "/getPriceData.html", &first);
  jc_test_server_add_reply (server, "/getPriceData.html", &stall);
  gtk_widget_activate (_jc_prices_page_get_fetch_button (s.page));
  jc_test_pump_until (jc_prices_page_get_fetching (s.page), 2000);
  jc_test_pump_until (jc_test_server_count (server, "/getPriceData.html") >= 2, 10000);
  close_page (&s);
  jc_test_pump (500);
  assert_int_equal (jc_store_count_prices (store, NULL), before);
}

/* ---- no prices -------------------------------------------------------- */

static void
remember_section_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_variant_dup_string (parameter, NULL);
}

static void
remember_activated_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
test_empty (void **state)
{
  g_autofree char *path = g_build_filename (fx.dir, "empty.db", NULL);
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  Shown s;

  assert_non_null (store);
  jc_test_set_language ("en");
  s = open_page (path);
  assert_string_equal (_jc_prices_page_get_market_state (s.page), "empty");
  assert_int_equal (g_list_model_get_n_items (_jc_prices_page_get_shown (s.page)), 0);
  jc_test_screenshot (s.window, "prices-empty-en");

  /* No source: Fetch offers to add one, in the app, not a command to
   * type.  The window's actions are stood in for, to see what the button
   * asks of it (the window's own Add on the sources page is test-ui's). */
  {
    g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) show = g_simple_action_new ("show-section", G_VARIANT_TYPE_STRING);
    g_autoptr(GSimpleAction) add = g_simple_action_new ("add-record", NULL);
    g_autofree char *section = NULL;
    gboolean added = FALSE;
    GtkWidget *button = _jc_prices_page_get_info_source_button (s.page);

    g_signal_connect (show, "activate", G_CALLBACK (remember_section_cb), &section);
    g_signal_connect (add, "activate", G_CALLBACK (remember_activated_cb), &added);
    g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (show));
    g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (add));
    gtk_widget_insert_action_group (s.window, "win", G_ACTION_GROUP (win));

    gtk_widget_activate_action (GTK_WIDGET (s.page), "prices.fetch", NULL);
    jc_test_pump_until (!jc_prices_page_get_fetching (s.page), 10000);
    jc_test_pump_until (_jc_prices_page_get_info_text (s.page) != NULL, 2000);
    assert_contains (_jc_prices_page_get_info_text (s.page), "no price source to fetch from yet");
    assert_null (strstr (_jc_prices_page_get_info_text (s.page), "jicai-cli"));
    assert_int_equal (gtk_info_bar_get_message_type (_jc_prices_page_get_info_bar (s.page)),
                      GTK_MESSAGE_INFO);
    jc_test_settle (s.window);
    assert_true (gtk_widget_get_mapped (button));
    assert_string_equal (gtk_button_get_label (GTK_BUTTON (button)), "_Add Price Source…");
    jc_test_screenshot (s.window, "prices-no-source-en");
    gtk_widget_activate (button);   /* clicked after the button's press animation */
    jc_test_pump_until (added, 2000);
    assert_non_null (section);
    assert_string_equal (section, "sources");
    assert_true (added);
    assert_false (gtk_info_bar_get_revealed (_jc_prices_page_get_info_bar (s.page)));
  }
  close_page (&s);

  /* no database at all, and one that is not there */
  s = open_page_on (NULL);
  assert_string_equal (_jc_prices_page_get_market_state (s.page), "empty");
  assert_false (gtk_widget_get_sensitive (_jc_prices_page_get_fetch_button (s.page)));
  close_page (&s);
  {
    g_autofree char *nowhere = g_build_filename (fx.dir, "nowhere", "x.db", NULL);
    g_autofree char *dir = g_path_get_dirname (nowhere);
    JcStore *gone;

    /* a store whose file went away: the workers open their own on the file */
    assert_int_equal (g_mkdir (dir, 0700), 0);
    gone = jc_store_open (nowhere, NULL);
    assert_non_null (gone);
    for (guint i = 0; i < 4; i++)
      {
        const char *suffix[] = { "", "-wal", "-shm", "-journal" };
        g_autofree char *file = g_strconcat (nowhere, suffix[i], NULL);

        g_remove (file);
      }
    assert_int_equal (g_rmdir (dir), 0);
    s = open_page_on (gone);
    assert_string_equal (_jc_prices_page_get_market_state (s.page), "error");
    assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
    close_page (&s);
  }
}

/* ---- the demo world ---------------------------------------------------- */

/* 160-odd items and 15 months of real-shaped prices: the page as the demo
 * shows it, the longest history charted whole. */
static void
test_demo (void **state)
{
  g_autofree char *path = g_build_filename (fx.dir, "demo.db", NULL);
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  JcPriceChart *chart;
  GListModel *shown;
  GDate today;
  Shown s;

  g_date_clear (&today, 1);
  g_date_set_parse (&today, TODAY);
  assert_non_null (store);
  if (!jc_demo_load (store, &today, NULL, NULL, NULL, NULL, &error))
    {
      /* resources/demo/ still holds placeholders */
      skip ();
    }
  jc_test_set_language ("en");
  s = open_page (path);
  shown = _jc_prices_page_get_shown (s.page);
  assert_true (g_list_model_get_n_items (shown) > 100);
  gtk_editable_set_text (_jc_prices_page_get_search_entry (s.page), "dbc");
  jc_test_pump_until (g_list_model_get_n_items (shown) < 10, 3000);
  assert_int_not_equal (find_row (s.page, "V001"), GTK_INVALID_LIST_POSITION);
  select_code (&s, "V001");
  gtk_editable_set_text (_jc_prices_page_get_search_entry (s.page), "");
  jc_test_pump_until (g_list_model_get_n_items (shown) > 100, 3000);
  click_range (&s, "all");
  chart = _jc_prices_page_get_chart (s.page);
  assert_true (jc_price_chart_get_n_points (chart) > 300);
  jc_price_chart_set_hover (chart, (int) jc_price_chart_get_n_points (chart) / 2);
  jc_test_settle (s.window);
  jc_test_screenshot (s.window, "prices-demo-en");
  click_range (&s, "1m");
  jc_test_screenshot (s.window, "prices-demo-1m-en");
  gtk_widget_activate_action (GTK_WIDGET (s.page), "prices.show-view", "s", "to-map");
  wait_loaded (s.page);
  jc_test_settle (s.window);
  jc_test_screenshot (s.window, "prices-demo-tomap-en");
  close_page (&s);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate */
    cmocka_unit_test (test_market_zh_CN),
    cmocka_unit_test (test_held_zh_CN),
    cmocka_unit_test (test_market_en),
    cmocka_unit_test (test_held_en),
    cmocka_unit_test (test_to_map),
    cmocka_unit_test (test_fetch),
    cmocka_unit_test (test_fetch_error),
    cmocka_unit_test (test_import_file),
    cmocka_unit_test (test_fetch_cancel),
    cmocka_unit_test (test_empty),
    cmocka_unit_test (test_demo),
  };
  int rc;

  g_unsetenv ("JICAI_TODAY");
  /* once, before any thread starts, as the application's main does */
  curl_global_init (CURL_GLOBAL_DEFAULT);
  jc_test_ui_init ();
  rc = cmocka_run_group_tests_name ("prices-page", tests, setup, teardown);
  curl_global_cleanup ();
  return rc;
}
