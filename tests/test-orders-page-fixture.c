/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-orders-page-fixture.c: the database, the page and the keys the
 * orders page's and the order editor's UI tests share (see
 * test-orders-page-fixture.h).
 *
 * Keys.  GTK 4 has no public way to synthesize a key event, so press()
 * below walks the same path a key press takes: from the window down to the
 * focus widget (capture phase), then back up (bubble phase), and at each
 * widget hands the key to its controllers — our own GtkEventControllerKeys
 * (named "jc-…") get their "key-pressed" signal emitted, and every
 * GtkShortcutController (the widget classes' key bindings: Tab in
 * GtkWindow, Return in GtkText, arrows and Return in the list views,
 * Ctrl+Return in the editor) has the action of the shortcut whose trigger
 * is that key activated.  So a Tab really moves the focus through
 * GtkWindow's "move-focus", and Enter on a board row goes through the
 * list's own "activate".  Text is typed by setting the entry's text, which
 * is what an input method's commit does. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "test-orders-page-fixture.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-record.h"

OrdersFixture fx;

/* ---- helpers ----------------------------------------------------------- */

/* ---- keys (see the comment at the top) ---------------------------------- */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     mods)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, mods) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)),
                            keyval, mods);
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) ==
             gdk_keyval_to_lower (keyval) &&
           gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods;
  return FALSE;
}

static gboolean
deliver_key (GtkWidget          *widget,
             GtkPropagationPhase phase,
             guint               keyval,
             GdkModifierType     mods)
{
  g_autoptr(GListModel) controllers = NULL;

  if (!gtk_widget_is_sensitive (widget))
    return FALSE;
  controllers = gtk_widget_observe_controllers (widget);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const char *name = gtk_event_controller_get_name (controller);

      if (gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && name != NULL && g_str_has_prefix (name, "jc-"))
        {
          gboolean handled = FALSE;

          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
          if (handled)
            return TRUE;
        }
      else if (GTK_IS_SHORTCUT_CONTROLLER (controller))
        {
          GListModel *shortcuts = G_LIST_MODEL (controller);

          for (guint k = 0; k < g_list_model_get_n_items (shortcuts); k++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, k);

              if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, mods) &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}

/* A key press at the focus widget of `window`. */
gboolean
press (GtkWindow      *window,
       guint           keyval,
       GdkModifierType mods)
{
  GtkWidget *target = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean handled = FALSE;

  if (target == NULL)
    target = GTK_WIDGET (window);
  for (GtkWidget *w = target; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; !handled && i < path->len; i++)
    handled = deliver_key (path->pdata[i], GTK_PHASE_CAPTURE, keyval, mods);
  if (!handled)
    handled = deliver_key (target, GTK_PHASE_TARGET, keyval, mods);
  for (guint i = path->len; !handled && i > 0; i--)
    handled = deliver_key (path->pdata[i - 1], GTK_PHASE_BUBBLE, keyval, mods);
  jc_test_pump (10);
  return handled;
}

/* What an input method commits. */
void
type_text (GtkWindow  *window,
           const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *entry = focus;

  while (entry != NULL && !GTK_IS_ENTRY (entry))
    entry = gtk_widget_get_parent (entry);
  assert_non_null (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  jc_test_pump (10);
}

gboolean
focus_is_in (GtkWindow *window,
             gpointer   widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* ---- the database ------------------------------------------------------ */

typedef struct {
  const char *code, *name, *category;
  JcBaseUnit  unit;
  gint64      pack_milli;
  gint64      piece_mass_mg;
  gint64      price_milliyuan;  /* per base unit; 0: no quote */
} ItemDef;

static const ItemDef items[] = {
  { "V001", "大白菜", "veg", JC_BASE_UNIT_KG, 0, 0, 1600 },
  { "V002", "小白菜", "veg", JC_BASE_UNIT_KG, 0, 0, 3200 },
  { "V003", "白萝卜", "veg", JC_BASE_UNIT_KG, 0, 0, 1800 },
  { "V004", "土豆", "veg", JC_BASE_UNIT_KG, 20000, 0, 2600 },
  { "V005", "大葱", "veg", JC_BASE_UNIT_KG, 0, 0, 4400 },
  { "V006", "大蒜", "veg", JC_BASE_UNIT_KG, 0, 0, 9000 },
  { "V007", "西红柿", "veg", JC_BASE_UNIT_KG, 0, 0, 6000 },
  { "V008", "黄瓜", "veg", JC_BASE_UNIT_KG, 0, 0, 4800 },
  { "V009", "茄子", "veg", JC_BASE_UNIT_KG, 0, 0, 5000 },
  { "V010", "青椒", "veg", JC_BASE_UNIT_KG, 0, 0, 6400 },
  { "V011", "芹菜", "veg", JC_BASE_UNIT_KG, 0, 0, 3000 },
  { "V012", "菠菜", "veg", JC_BASE_UNIT_KG, 0, 0, 7000 },
  { "V013", "生菜", "veg", JC_BASE_UNIT_KG, 0, 0, 5600 },
  { "V014", "胡萝卜", "veg", JC_BASE_UNIT_KG, 0, 0, 2400 },
  { "V015", "洋葱", "veg", JC_BASE_UNIT_KG, 0, 0, 2200 },
  { "V016", "冬瓜", "veg", JC_BASE_UNIT_KG, 0, 0, 1400 },
  { "V017", "南瓜", "veg", JC_BASE_UNIT_KG, 0, 0, 2000 },
  { "V018", "豆角", "veg", JC_BASE_UNIT_KG, 0, 0, 8000 },
  { "V019", "韭菜", "veg", JC_BASE_UNIT_KG, 0, 0, 6600 },
  { "V020", "香菇", "veg", JC_BASE_UNIT_KG, 0, 0, 14000 },
  { "M001", "五花肉", "meat", JC_BASE_UNIT_KG, 0, 0, 28000 },
  { "M002", "鸡蛋", "meat", JC_BASE_UNIT_PIECE, 0, 50000, 500 },
  { "M003", "鸡胸肉", "meat", JC_BASE_UNIT_KG, 0, 0, 19000 },
  { "M004", "牛肉", "meat", JC_BASE_UNIT_KG, 0, 0, 76000 },
  { "A001", "带鱼", "aquatic", JC_BASE_UNIT_KG, 0, 0, 36000 },
  { "S001", "北豆腐", "soy", JC_BASE_UNIT_KG, 0, 0, 6000 },
  { "S002", "豆浆", "soy", JC_BASE_UNIT_L, 0, 0, 4000 },
  { "G001", "大米", "grain", JC_BASE_UNIT_KG, 25000, 0, 5200 },
  { "G002", "食用油", "grain", JC_BASE_UNIT_L, 0, 0, 15000 },
  { "C001", "酱油", "condiment", JC_BASE_UNIT_L, 0, 0, 0 },
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
           const char *status,
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
  assert_true (jc_store_put_order (store, canteen_ids[canteen], date, status, lines, n, &error));
  assert_no_error (error);
}

static void
date_plus (char out[11], int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *text = g_date_time_format (then, "%Y-%m-%d");

  g_strlcpy (out, text, 11);
}

static void
shift (char out[11], const char *date, int days)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  assert_true (g_date_valid (&d));
  if (days >= 0)
    g_date_add_days (&d, days);
  else
    g_date_subtract_days (&d, -days);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
}

int
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
  char yesterday[11], cutoff[17], day[11];

  fx.dir = jc_test_tmpdir ();
  fx.db_path = g_build_filename (fx.dir, "orders.db", NULL);
  jc_test_set_screenshot_dir (fx.dir);
  /* The cutoff is the real clock's business: a delivery date weeks ahead
   * has its cutoff in the future whatever the day the test runs. */
  date_plus (fx.date, 30);
  shift (fx.late_date, fx.date, 7);

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(JcItem) item = jc_item_new ();

      item->code = g_strdup (items[i].code);
      item->name = g_strdup (items[i].name);
      item->category = g_strdup (items[i].category);
      item->base_unit = items[i].unit;
      item->pack_milli = items[i].pack_milli;
      item->piece_mass_mg = items[i].piece_mass_mg;
      if (g_str_equal (items[i].code, "V004"))
        {
          g_strfreev (item->aliases);
          item->aliases = g_strsplit ("马铃薯", ",", -1);
        }
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

  /* Market prices the day before each delivery date; 酱油 has none. */
  source->name = g_strdup ("新发地");
  source->adapter = g_strdup ("xinfadi");
  source->url = g_strdup ("http://127.0.0.1:1/getPriceData.html");
  source->priority = 10;
  assert_true (jc_store_insert_source (store, source, &error));
  assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      shift (day, k == 0 ? fx.date : fx.late_date, -1);
      for (guint i = 0; i < G_N_ELEMENTS (items); i++)
        {
          g_autoptr(JcItem) item = NULL;
          JcPriceQuote q = { items[i].name, "", "", "", "", day, 0, 0, 0, 0 };
          JcPutResult r;

          if (items[i].price_milliyuan == 0)
            continue;
          q.unit = items[i].unit == JC_BASE_UNIT_KG ? "kg" : items[i].unit == JC_BASE_UNIT_L ? "L" : "个";
          q.low_milliyuan = q.avg_milliyuan = q.high_milliyuan = items[i].price_milliyuan;
          item = jc_store_get_item (store, items[i].code, &error);
          assert_no_error (error);
          assert_true (jc_price_put_quote (store, source->id, 0, &q, item, &r, &error));
          assert_no_error (error);
        }
    }

  /* Eight weeks of 10 kg of 大白菜 for CT01 and CT02: 150 kg is unusual. */
  for (int week = 1; week <= 8; week++)
    {
      const char *codes[] = { "V001", "V008" };
      gint64 qty[] = { 10000, 4000 };

      shift (day, fx.date, -7 * week);
      put_order (store, 0, day, "submitted", codes, qty, 2);
      put_order (store, 1, day, "submitted", codes, qty, 2);
    }
  /* The date on the board: CT02 has a draft, CT03 has submitted. */
  {
    const char *draft[] = { "V002", "V007" };
    gint64 draft_qty[] = { 5000, 8000 };
    const char *sub[] = { "V001", "V008", "C001" };
    gint64 sub_qty[] = { 8000, 5000, 2000 };

    put_order (store, 1, fx.date, "draft", draft, draft_qty, 2);
    put_order (store, 2, fx.date, "submitted", sub, sub_qty, 3);
  }
  /* The later date's cutoff passed yesterday morning. */
  date_plus (yesterday, -1);
  g_snprintf (cutoff, sizeof cutoff, "%sT10:00", yesterday);
  assert_true (jc_orders_set_cutoff (store, fx.late_date, cutoff, &error));
  assert_no_error (error);
  return 0;
}

int
teardown (void **state)
{
  jc_test_pump (50);
  jc_test_rmtree (fx.dir);
  g_free (fx.dir);
  g_free (fx.db_path);
  jc_test_set_screenshot_dir (NULL);
  return 0;
}

/* ---- the page ----------------------------------------------------------- */

GtkWindow *
open_page (const char    *date,
           JcOrdersPage **out_page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);
  GtkWidget *page;
  GtkWindow *window;

  assert_no_error (error);
  /* The page takes the store's file; its workers open their own stores. */
  page = jc_orders_page_new (store);

  jc_orders_page_set_date (JC_ORDERS_PAGE (page), date);
  window = jc_test_present (page, 1180, 720);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_pump_until (!_jc_orders_page_is_loading (JC_ORDERS_PAGE (page)), 10000);
  assert_false (_jc_orders_page_is_loading (JC_ORDERS_PAGE (page)));
  jc_test_settle (GTK_WIDGET (window));
  *out_page = JC_ORDERS_PAGE (page);
  return window;
}

JcOrderEditor *
wait_for_editor (GtkWindow    *window,
                 JcOrdersPage *page)
{
  JcOrderEditor *editor = _jc_orders_page_get_editor (page);

  jc_test_pump_until (_jc_order_editor_is_ready (editor) && _jc_orders_page_is_settled (page), 10000);
  assert_true (_jc_order_editor_is_ready (editor));
  jc_test_settle (GTK_WIDGET (window));
  return editor;
}

const JcOrderLine *
line_of_item (JcOrderEditor *editor,
              const char    *code)
{
  GListModel *lines = _jc_order_editor_get_lines (editor);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      const JcOrderLine *l = _jc_order_editor_get_line (editor, i, NULL);

      if (g_str_equal (l->item_code, code))
        return l;
    }
  return NULL;
}

const char *
completion_name (JcOrderEditor *editor,
                 guint          position)
{
  g_autoptr(GObject) record = g_list_model_get_item (_jc_order_editor_get_completion (editor),
                                                     position);

  assert_non_null (record);
  return ((const JcItem *) jc_record_get_data (JC_RECORD (record)))->name;
}

static char *
write_file (const char *name,
            const char *text)
{
  char *path = g_build_filename (fx.dir, name, NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

JcOrderImportDialog *
import (JcOrdersPage *page,
        const char   *good,
        const char   *bad)
{
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) a = g_file_new_for_path (good);
  g_autoptr(GFile) b = g_file_new_for_path (bad);
  JcOrderImportDialog *dialog;

  g_list_store_append (files, a);
  g_list_store_append (files, b);
  jc_orders_page_import_files (page, G_LIST_MODEL (files));
  dialog = JC_ORDER_IMPORT_DIALOG (_jc_orders_page_get_import_dialog (page));
  assert_non_null (dialog);
  jc_test_pump_until (!_jc_order_import_dialog_is_busy (dialog), 10000);
  assert_false (_jc_order_import_dialog_is_busy (dialog));
  jc_test_settle (GTK_WIDGET (dialog));
  return dialog;
}

char *good_csv;
char *bad_csv;

void
write_import_files (void)
{
  g_autofree char *good = g_strdup_printf ("canteen,date,item,qty,unit,note\n"
                                           "CT03,%s,大白菜,40,斤,\n"
                                           "CT03,%s,V005,6,kg,切段\n"
                                           "CT03,%s,鸡蛋,300,个,\n", fx.date, fx.date, fx.date);
  g_autofree char *bad = g_strdup_printf ("canteen,date,item,qty,unit,note\n"
                                          "CT01,%s,白菜帮子,3,kg,\n"
                                          "CT01,%s,大白菜,-2,kg,\n"
                                          "CT09,%s,大白菜,1,kg,\n", fx.date, fx.date, fx.date);

  if (good_csv == NULL)
    {
      good_csv = write_file ("CT03-orders.csv", good);
      bad_csv = write_file ("CT01-orders.csv", bad);
    }
}
