/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The orders page as a clerk uses it, on real widgets under Xvfb: the
 * board of a delivery date, a phoned-in order typed with the keyboard only
 * (pinyin initials, Enter, quantity, Tab, unit, Enter — a wrong quantity,
 * an item entered again, a line deleted), submitted with Ctrl+Enter and
 * read back from the database; a late submission with unusual quantities
 * after the cutoff; an amendment to a locked order; order files imported
 * (into a locked order, with a reason).  PNGs of the board, the editor
 * and the import preview in English and Chinese go to
 * $JICAI_SCREENSHOT_DIR/orders-*-<lang>.png.
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

#include "jc-test-ui.h"
#include "jc-order-editor-private.h"
#include "jc-order-import-dialog-private.h"
#include "jc-orders-page-private.h"
#include "jc-orders.h"
#include "jc-plan.h"
#include "jc-prices.h"
#include "jc-record.h"

static struct {
  char *dir;
  char *db_path;
  char  date[11];        /* the delivery date: its cutoff is weeks ahead */
  char  late_date[11];   /* a week later, with its cutoff set in the past */
} fx;

/* ---- helpers ----------------------------------------------------------- */

/* ---- keys (see the comment at the top) --------------------------------- */

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
static gboolean
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
static void
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

static gboolean
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
          assert_true (jc_store_put_quote (store, source->id, 0, &q, item, &r, &error));
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

static int
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

static GtkWindow *
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

static JcOrderEditor *
wait_for_editor (GtkWindow    *window,
                 JcOrdersPage *page)
{
  JcOrderEditor *editor = _jc_orders_page_get_editor (page);

  jc_test_pump_until (_jc_order_editor_is_ready (editor) && _jc_orders_page_is_settled (page), 10000);
  assert_true (_jc_order_editor_is_ready (editor));
  jc_test_settle (GTK_WIDGET (window));
  return editor;
}

static const JcOrderLine *
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

static const char *
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

static JcOrderImportDialog *
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

static char *good_csv;
static char *bad_csv;

static void
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

/* ---- screenshots in Chinese -------------------------------------------- */

static void
test_screens_zh_CN (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  JcOrderImportDialog *dialog;

  jc_test_set_language ("zh_CN");
  window = open_page (fx.date, &page);
  assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (page)), 3);
  jc_test_screenshot (GTK_WIDGET (window), "orders-board-zh_CN");

  jc_orders_page_open_order (page, "CT02");
  wait_for_editor (window, page);
  jc_test_screenshot (GTK_WIDGET (window), "orders-editor-zh_CN");

  write_import_files ();
  dialog = import (page, good_csv, bad_csv);
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-import-zh_CN");
  gtk_window_close (GTK_WINDOW (dialog));
  jc_test_pump (50);
  jc_test_close_window (window);
}

/* ---- a phoned-in order, keyboard only ------------------------------------ */

static void
test_keyboard_entry (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  GtkWidget *board;
  GtkEntry *item_entry, *qty_entry, *note_entry;
  GtkDropDown *unit;
  GtkPopover *completion;
  GtkLabel *error_label;
  GListModel *lines;
  const JcOrderLine *line;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;

  jc_test_set_language ("en");
  window = open_page (fx.date, &page);
  assert_int_equal (g_list_model_get_n_items (_jc_orders_page_get_board (page)), 3);
  assert_string_equal (gtk_label_get_text (_jc_orders_page_get_count_label (page)),
                       "1 of 3 submitted");
  assert_contains (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "left");

  /* The board: focus it; Alt+Right and Alt+Left step a day; Down, Up,
   * Enter on CT01. */
  board = _jc_orders_page_get_board_view (page);
  gtk_widget_grab_focus (board);
  jc_test_pump (20);
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Right, GDK_ALT_MASK));
  assert_string_not_equal (jc_orders_page_get_date (page), fx.date);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  /* The board of the next day came in; the keyboard is still on it. */
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Left, GDK_ALT_MASK));
  assert_string_equal (jc_orders_page_get_date (page), fx.date);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (focus_is_in (window, board));
  assert_true (press (window, GDK_KEY_Down, 0));
  assert_int_equal (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (_jc_orders_page_get_board (page))), 1);
  assert_true (press (window, GDK_KEY_Up, 0));
  assert_int_equal (gtk_single_selection_get_selected (
                      GTK_SINGLE_SELECTION (_jc_orders_page_get_board (page))), 0);
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (_jc_orders_page_is_editing (page));
  editor = wait_for_editor (window, page);
  assert_string_equal (jc_order_editor_get_canteen (editor), "CT01");

  item_entry = _jc_order_editor_get_item_entry (editor);
  qty_entry = _jc_order_editor_get_qty_entry (editor);
  note_entry = _jc_order_editor_get_note_entry (editor);
  unit = _jc_order_editor_get_unit_dropdown (editor);
  completion = _jc_order_editor_get_completion_popover (editor);
  error_label = _jc_order_editor_get_error_label (editor);
  lines = _jc_order_editor_get_lines (editor);
  assert_true (focus_is_in (window, item_entry));
  assert_int_equal (g_list_model_get_n_items (lines), 0);

  /* 1. dbc → 大白菜 first; Enter; 30; Tab; j → 斤; Enter. */
  type_text (window, "dbc");
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_get_visible (GTK_WIDGET (completion)));
  assert_string_equal (completion_name (editor, 0), "大白菜");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (completion)));
  assert_true (focus_is_in (window, qty_entry));
  type_text (window, "30");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (focus_is_in (window, unit));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "kg");
  assert_true (press (window, GDK_KEY_j, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "斤");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 1);
  line = line_of_item (editor, "V001");
  assert_non_null (line);
  assert_int_equal (line->qty_milli, 15000);
  assert_string_equal (line->unit, "斤");
  assert_true (focus_is_in (window, item_entry));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), "");

  /* 2. xbc Enter 12.5 Enter: the base unit, kg. */
  type_text (window, "xbc");
  assert_string_equal (completion_name (editor, 0), "小白菜");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "12.5");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 2);
  assert_int_equal (line_of_item (editor, "V002")->qty_milli, 12500);

  /* 3. 大 lists several items; Down picks the second; a note after two Tabs. */
  type_text (window, "大");
  assert_true (g_list_model_get_n_items (_jc_order_editor_get_completion (editor)) >= 3);
  second = g_strdup (completion_name (editor, 1));
  jc_test_settle (GTK_WIDGET (completion));
  jc_test_screenshot (GTK_WIDGET (completion), "orders-completion-en");
  assert_true (press (window, GDK_KEY_Down, 0));
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), second);
  type_text (window, "2");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_true (focus_is_in (window, note_entry));
  type_text (window, "要新鲜");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);

  /* 4. A bad quantity: the error under the row names the field, nothing added. */
  type_text (window, "td");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "-1");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_contains (gtk_label_get_text (error_label), "quantity");
  assert_contains (gtk_label_get_text (error_label), "-1");
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (qty_entry), "error"));
  assert_true (focus_is_in (window, qty_entry));
  jc_test_settle (GTK_WIDGET (window));
  type_text (window, "20");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 4);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  assert_int_equal (line_of_item (editor, "V004")->qty_milli, 20000);

  /* 5. Eggs by weight: 3 kg of 50 g eggs are 60 pieces. */
  type_text (window, "jd");
  assert_string_equal (completion_name (editor, 0), "鸡蛋");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "3");
  assert_true (press (window, GDK_KEY_Tab, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "个");
  assert_true (press (window, GDK_KEY_k, 0));
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "kg");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (line_of_item (editor, "M002")->qty_milli, 60000);

  /* 6. 大白菜 again: its line comes back into the row; 40 斤 replaces 30 斤. */
  type_text (window, "dbc");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (qty_entry)), "30");
  assert_string_equal (gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (unit))), "斤");
  type_text (window, "40");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_int_equal (line_of_item (editor, "V001")->qty_milli, 20000);

  /* 7. 芹菜 by its code, then Delete takes it off again. */
  type_text (window, "V011");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "5");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 6);
  assert_non_null (line_of_item (editor, "V011"));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    if (g_str_equal (_jc_order_editor_get_line (editor, i, NULL)->item_code, "V011"))
      gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (lines), i);
  gtk_widget_grab_focus (_jc_order_editor_get_lines_view (editor));
  assert_true (press (window, GDK_KEY_Delete, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_null (line_of_item (editor, "V011"));
  assert_true (jc_order_editor_get_modified (editor));

  /* 8. Shift+Tab from the item entry reaches the lines; Down to 小白菜;
   * Enter brings it into the entry row: 13 kg instead of 12.5. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  /* GtkWindow binds Shift+Tab as Tab with Shift (GTK matches the
   * ISO_Left_Tab an X server sends to it by keycode). */
  assert_true (press (window, GDK_KEY_Tab, GDK_SHIFT_MASK));
  assert_true (focus_is_in (window, _jc_order_editor_get_lines_view (editor)));
  assert_true (press (window, GDK_KEY_Home, 0));
  for (guint i = 0; i < 6; i++)
    {
      guint selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (lines));

      if (selected != GTK_INVALID_LIST_POSITION &&
          g_str_equal (_jc_order_editor_get_line (editor, selected, NULL)->item_code, "V002"))
        break;
      assert_true (press (window, GDK_KEY_Down, 0));
    }
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (focus_is_in (window, qty_entry));
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (item_entry)), "小白菜");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (qty_entry)), "12.5");
  type_text (window, "13");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 5);
  assert_int_equal (line_of_item (editor, "V002")->qty_milli, 13000);

  /* Ready to submit: a look at it, with the next item half typed. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  type_text (window, "hg");
  jc_test_settle (GTK_WIDGET (window));
  assert_contains (gtk_label_get_text (_jc_order_editor_get_totals_label (editor)), "5 lines");
  jc_test_screenshot (GTK_WIDGET (window), "orders-editor-en");
  type_text (window, "");

  /* Ctrl+Enter submits. */
  assert_true (press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
  jc_test_pump_until (_jc_order_editor_is_ready (editor) &&
              _jc_order_editor_get_status (editor) == JC_ORDER_SUBMITTED, 10000);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_SUBMITTED);
  assert_false (jc_order_editor_get_modified (editor));
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* In the database, as another connection reads it: exactly the typed lines. */
  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT01", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_SUBMITTED);
  assert_int_equal (order->lines->len, 5);
  {
    static const struct { const char *code; gint64 qty; gint64 unit_qty; const char *unit; } want[] = {
      { "M002", 60000, 3000, "kg" },
      { "V001", 20000, 40000, "斤" },
      { "V002", 13000, 13000, "kg" },
      { "V004", 20000, 20000, "kg" },
    };
    guint found = 0;

    for (guint i = 0; i < order->lines->len; i++)
      {
        JcOrderLine *l = order->lines->pdata[i];

        for (guint k = 0; k < G_N_ELEMENTS (want); k++)
          if (g_str_equal (l->item_code, want[k].code))
            {
              assert_int_equal (l->qty_milli, want[k].qty);
              assert_int_equal (l->unit_qty_milli, want[k].unit_qty);
              assert_string_equal (l->unit, want[k].unit);
              found++;
            }
        if (g_str_equal (l->item_name, second))
          {
            assert_int_equal (l->qty_milli, 2000);
            assert_string_equal (l->note, "要新鲜");
          }
      }
    assert_int_equal (found, G_N_ELEMENTS (want));
  }

  /* Escape: back to the board, which shows the submission. */
  gtk_widget_grab_focus (GTK_WIDGET (item_entry));
  assert_true (press (window, GDK_KEY_Escape, 0));
  assert_false (_jc_orders_page_is_editing (page));
  jc_test_pump_until (!_jc_orders_page_is_loading (page) && _jc_orders_page_is_settled (page), 10000);
  jc_test_settle (GTK_WIDGET (window));
  assert_string_equal (gtk_label_get_text (_jc_orders_page_get_count_label (page)),
                       "2 of 3 submitted");
  jc_test_screenshot (GTK_WIDGET (window), "orders-board-en");
  jc_test_close_window (window);
}

/* ---- after the cutoff ------------------------------------------------------ */

static void
count_saved_cb (guint *n)
{
  (*n)++;
}

static void
test_late_submit (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  AdwMessageDialog *dialog;
  GListModel *lines;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean spike = FALSE;
  gboolean saw_late = FALSE;
  g_autoptr(GtkEditable) reason_entry = NULL;
  guint n_saved = 0;
  guint n_submits = 0;

  jc_test_set_language ("en");
  window = open_page (fx.late_date, &page);
  assert_contains (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "Cutoff passed");
  jc_orders_page_open_order (page, "CT02");
  editor = wait_for_editor (window, page);
  lines = _jc_order_editor_get_lines (editor);

  /* Ctrl+Shift+C: last week's draft of CT02, two lines. */
  assert_true (press (window, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  jc_test_pump_until (g_list_model_get_n_items (lines) == 2 && _jc_order_editor_is_ready (editor), 10000);
  assert_int_equal (g_list_model_get_n_items (lines), 2);
  assert_non_null (line_of_item (editor, "V007"));

  /* 150 kg of 大白菜: fifteen times the usual 10 kg. */
  gtk_widget_grab_focus (GTK_WIDGET (_jc_order_editor_get_item_entry (editor)));
  type_text (window, "dbc");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "150");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_int_equal (g_list_model_get_n_items (lines), 3);
  /* The flag comes once the typing pauses. */
  jc_test_pump_until ((_jc_order_editor_get_line (editor, 2, &spike), spike), 5000);
  assert_true (spike);

  /* Submit: first the unusual quantity, then the cutoff. */
  assert_true (press (window, GDK_KEY_Return, GDK_CONTROL_MASK));
  dialog = jc_test_wait_for_dialog ();
  assert_contains (adw_message_dialog_get_body (dialog), "大白菜");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-spikes-en");
  jc_test_respond (dialog, "submit");
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog), "Accept a Late Amendment?");
  assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Canteen phoned at 15:10, visitors tomorrow");
  assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-late-en");
  /* Enter in the reason: the dialog closes at once and the order is
   * submitted once; a second Enter (a held-down key) sends nothing more. */
  reason_entry = g_object_ref (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)));
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_saved_cb), &n_saved);
  jc_test_enter (reason_entry);
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  jc_test_enter (reason_entry);
  jc_test_pump_until (_jc_order_editor_is_ready (editor) &&
              _jc_order_editor_get_status (editor) == JC_ORDER_SUBMITTED, 10000);
  jc_test_pump (300);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_SUBMITTED);
  assert_int_equal (n_saved, 1);
  assert_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_signal_handlers_disconnect_by_data (editor, &n_saved);

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT02", fx.late_date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_SUBMITTED);
  assert_true (order->late);
  assert_int_equal (order->lines->len, 3);
  history = jc_store_order_history (check, order->id, &error);
  assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      JcAuditEntry *e = history->pdata[i];

      if (g_str_equal (e->action, "submit"))
        n_submits++;
      if (g_str_equal (e->action, "late"))
        {
          saw_late = TRUE;
          assert_string_equal (e->reason, "Canteen phoned at 15:10, visitors tomorrow");
        }
    }
  assert_true (saw_late);
  assert_int_equal (n_submits, 1);

  /* Ctrl+H: the history pane, newest first. */
  assert_true (press (window, GDK_KEY_h, GDK_CONTROL_MASK));
  jc_test_pump_until (g_list_model_get_n_items (_jc_order_editor_get_history (editor)) == history->len,
              5000);
  assert_int_equal (g_list_model_get_n_items (_jc_order_editor_get_history (editor)), history->len);
  jc_test_pump (600);  /* the pane slides in */
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "orders-history-en");
  jc_test_close_window (window);
}

/* ---- the cutoff of one date ---------------------------------------------- */

static char *
cutoff_in_store (const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, &error);

  assert_no_error (error);
  return jc_orders_cutoff_for (store, date);
}

/* Procurement moves one date's cutoff from the popover beside it: a bad
 * time is refused in place and nothing is stored; "16:30" alone means the
 * day before; the board shows the new cutoff; the office default comes
 * back with one button. */
static void
test_cutoff_override (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  GDate day;
  char date[11], before[11];
  g_autofree char *expect = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *office = NULL;
  g_autofree char *parsed = NULL;

  jc_test_set_language ("en");
  g_date_clear (&day, 1);
  g_date_set_parse (&day, fx.date);
  g_date_add_days (&day, 3);
  g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
  g_date_subtract_days (&day, 1);
  g_date_strftime (before, sizeof before, "%Y-%m-%d", &day);
  office = cutoff_in_store (date);

  /* what a person may type */
  parsed = _jc_orders_page_parse_cutoff (date, "16:30");
  expect = g_strdup_printf ("%sT16:30", before);
  assert_string_equal (parsed, expect);
  g_clear_pointer (&parsed, g_free);
  parsed = _jc_orders_page_parse_cutoff (date, " 2026-11-30 08:05 ");
  assert_string_equal (parsed, "2026-11-30T08:05");
  g_clear_pointer (&parsed, g_free);
  assert_null (_jc_orders_page_parse_cutoff (date, "25:00"));
  assert_null (_jc_orders_page_parse_cutoff (date, "2026-02-30 10:00"));
  assert_null (_jc_orders_page_parse_cutoff (date, "tomorrow"));
  assert_null (_jc_orders_page_parse_cutoff (date, "16:30 extra"));

  window = open_page (date, &page);
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))));

  /* a bad time: said beside the entry, nothing stored */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "half past four");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump (50);
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_error (page))));
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                           "“half past four”"));
  stored = cutoff_in_store (date);
  assert_string_equal (stored, office);
  g_clear_pointer (&stored, g_free);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page)), "orders-cutoff-error-en");

  /* after the delivery date: refused by core, the message shown */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "2099-12-31 10:00");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                              "after the delivery date") != NULL, 5000);
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_error (page)),
                           "after the delivery date"));

  /* "16:30": the day before, stored, the board reads it back */
  gtk_editable_set_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page)), "16:30");
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.set-cutoff", NULL);
  jc_test_pump_until (!gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))) &&
                      !_jc_orders_page_is_loading (page), 5000);
  stored = cutoff_in_store (date);
  assert_string_equal (stored, expect);
  g_clear_pointer (&stored, g_free);
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "16:30") != NULL,
                      5000);
  assert_non_null (strstr (gtk_label_get_text (_jc_orders_page_get_cutoff_label (page)), "16:30"));

  /* the office default again */
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autofree char *shown = g_strdup_printf ("%s 16:30", before);

    /* the popover opens on the cutoff in force */
    assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_orders_page_get_cutoff_entry (page))),
                         shown);
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "orders.reset-cutoff", NULL);
  jc_test_pump_until (!gtk_widget_get_visible (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page))) &&
                      !_jc_orders_page_is_loading (page), 5000);
  stored = cutoff_in_store (date);
  assert_string_equal (stored, office);
  jc_test_close_window (window);

  /* the popover in Chinese, for a person to look at */
  jc_test_set_language ("zh_CN");
  window = open_page (date, &page);
  gtk_popover_popup (_jc_orders_page_get_cutoff_popover (page));
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (_jc_orders_page_get_cutoff_popover (page)), "orders-cutoff-zh_CN");
  jc_test_close_window (window);
  jc_test_set_language ("en");
}

/* ---- a locked order ---------------------------------------------------------- */

static void
test_locked_amendment (void **state)
{
  JcOrdersPage *page;
  JcOrderEditor *editor;
  GtkWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_amend = FALSE;
  guint n_locked = 0;

  /* Procurement locks the day's submitted orders for the purchase plan. */
  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  assert_true (jc_store_lock_orders (store, fx.date, TRUE, "planner", NULL, &n_locked, &error));
  assert_no_error (error);
  assert_int_equal (n_locked, 2);

  jc_test_set_language ("en");
  window = open_page (fx.date, &page);
  jc_orders_page_open_order (page, "CT01");
  editor = wait_for_editor (window, page);
  assert_int_equal (_jc_order_editor_get_status (editor), JC_ORDER_LOCKED);

  /* 2 kg of 黄瓜 more, Ctrl+S: an amendment, with a reason. */
  type_text (window, "hg");
  assert_true (press (window, GDK_KEY_Return, 0));
  type_text (window, "2");
  assert_true (press (window, GDK_KEY_Return, 0));
  assert_true (press (window, GDK_KEY_s, GDK_CONTROL_MASK));
  dialog = jc_test_wait_for_dialog ();
  assert_string_equal (adw_message_dialog_get_heading (dialog), "Amend a Locked Order?");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Kitchen asked for cucumbers");
  jc_test_respond (dialog, "accept");
  jc_test_pump_until (_jc_order_editor_is_ready (editor) && !jc_order_editor_get_modified (editor), 10000);
  assert_false (jc_order_editor_get_modified (editor));

  order = jc_store_get_order (store, "CT01", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->status, JC_ORDER_LOCKED);
  assert_int_equal (order->lines->len, 6);
  history = jc_store_order_history (store, order->id, &error);
  assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      JcAuditEntry *e = history->pdata[i];

      if (g_str_equal (e->action, "amend"))
        {
          saw_amend = TRUE;
          assert_string_equal (e->item_code, "V008");
          assert_string_equal (e->reason, "Kitchen asked for cucumbers");
        }
    }
  assert_true (saw_amend);
  jc_test_close_window (window);
}

/* ---- importing files ---------------------------------------------------------- */

static void
test_import (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  JcOrderImportDialog *dialog;
  const JcImportPlan *plan;
  const JcImportFile *good, *bad;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gboolean row_column = FALSE;

  jc_test_set_language ("en");
  write_import_files ();
  window = open_page (fx.date, &page);
  dialog = import (page, good_csv, bad_csv);
  plan = _jc_order_import_dialog_get_plan (dialog);
  assert_non_null (plan);
  assert_int_equal (plan->files->len, 2);
  good = plan->files->pdata[0];
  bad = plan->files->pdata[1];
  assert_int_equal (good->state, JC_IMPORT_FILE_READY);
  assert_int_equal (bad->state, JC_IMPORT_FILE_INVALID);
  assert_true (bad->n_errors >= 3);
  for (guint i = 0; i < bad->errors->len; i++)
    {
      JcFormMessage *m = bad->errors->pdata[i];

      if (m->row == 3 && m->column != NULL)
        row_column = TRUE;
    }
  assert_true (row_column);
  /* CT03's order is locked (test_locked_amendment): the import is an
   * amendment, and waits for its reason. */
  assert_false (gtk_widget_get_sensitive (_jc_order_import_dialog_get_import_button (dialog)));
  gtk_editable_set_text (_jc_order_import_dialog_get_reason (dialog), "Revised order by e-mail");
  jc_test_pump (20);
  assert_true (gtk_widget_get_sensitive (_jc_order_import_dialog_get_import_button (dialog)));
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "orders-import-en");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL);
  jc_test_pump_until (_jc_orders_page_get_import_dialog (page) == NULL, 10000);
  assert_null (_jc_orders_page_get_import_dialog (page));

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  order = jc_store_get_order (check, "CT03", fx.date, &error);
  assert_no_error (error);
  assert_int_equal (order->lines->len, 3);
  jc_test_pump_until (!_jc_orders_page_is_loading (page), 10000);
  jc_test_close_window (window);
}

/* ---- a late order after the plan's lock ------------------------------------ */

/* The board marks an order accepted after the plan was locked as not in
 * the plan, and a declined one as declined. */
static void
test_not_in_plan (void **state)
{
  JcOrdersPage *page;
  GtkWindow *window;
  g_autoptr(JcStore) store = NULL;
  g_autoptr(JcOrder) order = NULL;
  g_autoptr(JcItem) item = NULL;
  g_autoptr(GError) error = NULL;
  JcOrderLine *line = jc_order_line_new ();

  store = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  assert_true (jc_plan_lock (store, fx.late_date, 7, "planner", &error));
  assert_no_error (error);
  order = jc_store_get_order (store, "CT03", fx.late_date, &error);
  assert_no_error (error);
  item = jc_store_get_item (store, "V007", &error);
  assert_no_error (error);
  line->item_id = item->id;
  line->item_code = g_strdup (item->code);
  line->qty_milli = line->unit_qty_milli = 4000;
  g_ptr_array_add (order->lines, line);
  assert_true (jc_store_save_order (store, order, JC_ORDER_SAVE_SUBMIT | JC_ORDER_SAVE_ACCEPT_LATE,
                                    "planner", "电话补报", NULL, &error));
  assert_no_error (error);

  jc_test_set_language ("en");
  window = open_page (fx.late_date, &page);
  assert_non_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Not in plan"));
  jc_test_screenshot (GTK_WIDGET (window), "orders-not-in-plan-en");
  jc_test_close_window (window);

  assert_true (jc_orders_decline (store, fx.late_date, "CT03", "planner", "车辆已满", &error));
  assert_no_error (error);
  window = open_page (fx.late_date, &page);
  assert_non_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Declined"));
  assert_null (jc_test_find_label (_jc_orders_page_get_board_view (page), "Not in plan"));
  jc_test_close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    /* Chinese first: GLib decides once per process whether to translate. */
    cmocka_unit_test (test_screens_zh_CN),
    cmocka_unit_test (test_keyboard_entry),
    cmocka_unit_test (test_late_submit),
    cmocka_unit_test (test_cutoff_override),
    cmocka_unit_test (test_locked_amendment),
    cmocka_unit_test (test_import),
    cmocka_unit_test (test_not_in_plan),
  };
  int ret;

  jc_test_ui_init ();
  ret = cmocka_run_group_tests (tests, setup, teardown);
  g_free (good_csv);
  g_free (bad_csv);
  return ret;
}
