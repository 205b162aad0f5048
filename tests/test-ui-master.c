/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The master-data pages as a person uses them, on real widgets under
 * Xvfb, over a database with the demo world (test-ui-fixture.h): a canteen
 * added through the editor (a wrong latitude first), deactivated and
 * edited by activating its row, the catalog searched by pinyin initials, an
 * item added, price sources added, edited, disabled and removed, and a
 * price source list that cannot be read. */
#include "config.h"

#include "test-ui-fixture.h"

/* ---- adding a canteen ------------------------------------------------- */

static void
test_add_canteen (void **state)
{
  JcWindow *window;
  JcCanteenEditor *editor;
  GtkWidget *save;
  GtkWidget *lat;
  GtkLabel *caption;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcCanteen) saved = NULL;
  g_autoptr(JcCanteen) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  GListModel *shown;
  gboolean listed = FALSE;

  jc_test_set_language ("en");
  window = open_window ();
  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  before = jc_store_list_canteens (jc_application_get_store (fx.app), TRUE, &error);
  assert_non_null (before);
  existing = jc_canteen_copy (g_ptr_array_index (before, 0));

  /* Ctrl+N */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) != NULL, 2000);
  editor = JC_CANTEEN_EDITOR (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  save = _jc_canteen_editor_get_save_button (editor);
  lat = _jc_canteen_editor_get_row (editor, JC_FIELD_LAT);
  caption = _jc_canteen_editor_get_caption (editor, JC_FIELD_LAT);
  assert_false (gtk_widget_get_sensitive (save));  /* nothing filled in yet */

  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)), "TEST1");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_NAME)),
                         "测试机关食堂");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_AGENCY)),
                         "市测试局");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_ADDRESS)),
                         "黄浦区测试路1号");
  gtk_editable_set_text (GTK_EDITABLE (lat), "95");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_LON)),
                         "121.4737");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_WINDOW_START)),
                         "07:15");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_WINDOW_END)),
                         "08:45");
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_DINERS)), "350");
  jc_test_settle (GTK_WIDGET (editor));

  /* A latitude of 95 is wrong: Save is off, the row is marked, the caption
   * under its group names the field and the value. */
  assert_false (gtk_widget_get_sensitive (save));
  assert_true (gtk_widget_has_css_class (lat, "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "latitude");
  assert_contains (gtk_label_get_text (caption), "95");
  assert_false (gtk_widget_has_css_class (_jc_canteen_editor_get_row (editor, JC_FIELD_LON),
                                          "error"));
  jc_test_screenshot (GTK_WIDGET (editor), "canteen-editor-error-en");

  gtk_editable_set_text (GTK_EDITABLE (lat), "31.2304");
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  assert_false (gtk_widget_has_css_class (lat, "error"));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));

  /* A code another canteen has is flagged as it is typed, before any
   * Save: the message goes on the code row, Save waits for a different
   * code, nothing is written. */
  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)),
                         existing->code);
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) == GTK_WINDOW (editor));
  assert_true (gtk_widget_has_css_class (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE),
                                         "error"));
  assert_contains (gtk_label_get_text (_jc_canteen_editor_get_caption (editor, JC_FIELD_CODE)),
                   existing->code);
  assert_false (gtk_widget_get_sensitive (save));
  after = jc_store_list_canteens (jc_application_get_store (fx.app), TRUE, &error);
  assert_int_equal (after->len, before->len);
  jc_test_screenshot (GTK_WIDGET (editor), "canteen-editor-duplicate-en");

  gtk_editable_set_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE)), "TEST1");
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));

  /* In the database, as a second connection reads it. */
  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  saved = jc_store_get_canteen (check, "TEST1", &error);
  assert_no_error (error);
  assert_non_null (saved);
  assert_string_equal (saved->name, "测试机关食堂");
  assert_string_equal (saved->agency, "市测试局");
  assert_string_equal (saved->address, "黄浦区测试路1号");
  assert_true (fabs (saved->lat - 31.2304) < 1e-9);
  assert_true (fabs (saved->lon - 121.4737) < 1e-9);
  assert_int_equal (saved->window_start, 7 * 60 + 15);
  assert_int_equal (saved->window_end, 8 * 60 + 45);
  assert_int_equal (saved->diners, 350);
  assert_true (saved->active);

  /* And in the list, selected. */
  jc_test_settle (GTK_WIDGET (window));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (_jc_window_get_page (window, "canteens")));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);

      if (g_str_equal (jc_record_get_key (record), "TEST1"))
        {
          listed = TRUE;
          assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (shown), i));
        }
    }
  assert_true (listed);
  jc_test_screenshot (GTK_WIDGET (window), "canteens-added-en");
  close_window (window);
}

/* ---- deactivating, and editing by activating a row --------------------- */

static gboolean
shown_has (GListModel *shown,
           const char *key,
           guint      *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);

      if (g_str_equal (jc_record_get_key (record), key))
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_deactivate_canteen (void **state)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JcCanteen) stored = NULL;
  g_autoptr(GError) error = NULL;
  JcCanteensPage *page;
  GListModel *shown;
  JcWindow *window;
  JcCanteenEditor *editor;
  guint position = 0;

  jc_test_set_language ("en");
  g_settings_set_boolean (settings, "show-inactive", FALSE);
  window = open_window ();
  jc_window_show_section (window, "canteens");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_CANTEENS_PAGE (_jc_window_get_page (window, "canteens"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  assert_true (shown_has (shown, "CT02", &position));

  /* Double-click or Enter on a row opens it in the editor. */
  g_signal_emit_by_name (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), "activate", position);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR) != NULL, 2000);
  editor = JC_CANTEEN_EDITOR (jc_test_find_toplevel (JC_TYPE_CANTEEN_EDITOR));
  assert_non_null (editor);
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_canteen_editor_get_row (editor, JC_FIELD_CODE))),
                       "CT02");
  gtk_window_destroy (GTK_WINDOW (editor));
  jc_test_pump (30);

  /* Deactivated: still in the store, gone from the list of active ones. */
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  stored = jc_store_get_canteen (jc_application_get_store (fx.app), "CT02", &error);
  assert_no_error (error);
  assert_false (stored->active);
  assert_false (shown_has (shown, "CT02", NULL));

  /* "Show deactivated" (one setting for all lists) brings it back. */
  g_settings_set_boolean (settings, "show-inactive", TRUE);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (shown_has (shown, "CT02", &position));
  jc_test_screenshot (GTK_WIDGET (window), "canteens-deactivated-en");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  g_clear_pointer (&stored, jc_canteen_free);
  stored = jc_store_get_canteen (jc_application_get_store (fx.app), "CT02", &error);
  assert_true (stored->active);
  g_settings_set_boolean (settings, "show-inactive", FALSE);
  close_window (window);
}

/* ---- searching the catalog -------------------------------------------- */

static void
test_catalog_search (void **state)
{
  JcWindow *window;
  JcCatalogPage *page;
  GListModel *shown;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n_matching = 0;
  guint n_all;
  gboolean has_dbc = FALSE;

  jc_test_set_language ("en");
  window = open_window ();
  /* Ctrl+F lands in the search entry of the page on show. */
  jc_window_show_section (window, "catalog");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_CATALOG_PAGE (_jc_window_get_page (window, "catalog"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  n_all = g_list_model_get_n_items (shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  jc_test_pump (20);
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
    GtkWidget *entry = GTK_WIDGET (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)));

    assert_non_null (focus);
    assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  items = jc_store_list_items (jc_application_get_store (fx.app), FALSE, &error);
  assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (jc_item_matches (g_ptr_array_index (items, i), "dbc"))
      n_matching++;
  assert_true (n_matching >= 1);
  assert_true (n_matching < n_all);

  gtk_editable_set_text (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)), "dbc");
  /* GtkSearchEntry waits a moment before it searches. */
  jc_test_pump_until (g_list_model_get_n_items (shown) == n_matching, 3000);
  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (g_list_model_get_n_items (shown), n_matching);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (shown, i);
      const JcItem *item = jc_record_get_data (record);

      assert_true (jc_item_matches (item, "dbc"));
      if (g_str_equal (item->name, "大白菜"))
        has_dbc = TRUE;
    }
  assert_true (has_dbc);

  /* What is on screen, not only the model. */
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (strv_has (labels, "大白菜"));
  assert_false (strv_has (labels, "土豆"));
  assert_false (strv_has (labels, "小白菜"));
  jc_test_screenshot (GTK_WIDGET (window), "catalog-search-en");

  gtk_editable_set_text (_jc_list_page_get_search_entry (JC_LIST_PAGE (page)), "");
  jc_test_pump_until (g_list_model_get_n_items (shown) == n_all, 3000);
  assert_int_equal (g_list_model_get_n_items (shown), n_all);
  close_window (window);
}

/* ---- adding an item -------------------------------------------------- */

static void
test_add_item (void **state)
{
  JcWindow *window;
  JcItemEditor *editor;
  GtkWidget *save;
  GtkWidget *pack;
  GtkLabel *caption;
  g_autoptr(JcStore) check = NULL;
  g_autoptr(JcItem) saved = NULL;
  g_autoptr(GError) error = NULL;

  jc_test_set_language ("en");
  window = open_window ();
  jc_window_show_section (window, "catalog");
  jc_test_settle (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR) != NULL, 2000);
  editor = JC_ITEM_EDITOR (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  save = _jc_item_editor_get_save_button (editor);
  pack = _jc_item_editor_get_row (editor, JC_FIELD_PACK);
  caption = _jc_item_editor_get_caption (editor, JC_FIELD_PACK);

  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_CODE)), "T900");
  /* The pinyin initials follow the name. */
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_NAME)), "测试白菜");
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_item_editor_get_pinyin_row (editor))),
                       "csbc");
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_ALIASES)),
                         "试验白菜、 实验白菜 ,");
  gtk_editable_set_text (GTK_EDITABLE (pack), "12.5kg");
  gtk_editable_set_text (GTK_EDITABLE (_jc_item_editor_get_row (editor, JC_FIELD_LOSS)), "80");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (save));
  assert_true (gtk_widget_has_css_class (pack, "error"));
  assert_contains (gtk_label_get_text (caption), "pack size");
  assert_contains (gtk_label_get_text (caption), "12.5kg");

  gtk_editable_set_text (GTK_EDITABLE (pack), "12.5");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_has_css_class (pack, "error"));
  assert_true (gtk_widget_get_sensitive (save));

  /* a piece mass with decimals in any mass unit; a tenth decimal is
   * refused naming the field */
  {
    GtkWidget *mass = _jc_item_editor_get_row (editor, JC_FIELD_PIECE_MASS);
    GtkLabel *mass_caption = _jc_item_editor_get_caption (editor, JC_FIELD_PIECE_MASS);

    gtk_editable_set_text (GTK_EDITABLE (mass), "52.5000000001");
    jc_test_settle (GTK_WIDGET (editor));
    assert_true (gtk_widget_has_css_class (mass, "error"));
    assert_false (gtk_widget_get_sensitive (save));
    assert_contains (gtk_label_get_text (mass_caption), "piece mass");
    assert_contains (gtk_label_get_text (mass_caption), "more than 9 decimals");
    jc_test_screenshot (GTK_WIDGET (editor), "item-editor-piece-mass-error");
    gtk_editable_set_text (GTK_EDITABLE (mass), "0.0525 kg");
    jc_test_settle (GTK_WIDGET (editor));
    assert_false (gtk_widget_has_css_class (mass, "error"));
    assert_true (gtk_widget_get_sensitive (save));
  }
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_ITEM_EDITOR));

  check = jc_store_open (fx.db_path, &error);
  assert_no_error (error);
  saved = jc_store_get_item (check, "T900", &error);
  assert_no_error (error);
  assert_string_equal (saved->name, "测试白菜");
  assert_string_equal (saved->pinyin, "csbc");
  assert_int_equal (saved->pack_milli, 12500);
  assert_int_equal (saved->piece_mass_mg, 52500);
  assert_int_equal (saved->loss_permille, 80);
  assert_int_equal (saved->base_unit, JC_BASE_UNIT_KG);
  assert_int_equal (g_strv_length (saved->aliases), 2);
  assert_true (g_strv_contains ((const char * const *) saved->aliases, "试验白菜"));
  assert_true (g_strv_contains ((const char * const *) saved->aliases, "实验白菜"));
  close_window (window);
}

/* A price source list that cannot be read is an error with a Retry, not
 * the "No Price Sources Yet" screen; an empty one is that screen.  The
 * table is renamed away under the page, then back. */
static void
test_sources_error (void **state)
{
  const char *languages[] = { "en", "zh_CN" };
  g_autofree char *path = g_build_filename (fx.dir, "sources-error.db", NULL);
  g_autoptr(JcStore) store = jc_store_open (path, NULL);
  JcSourcesPage *page;
  GtkWindow *window;
  GtkWidget *retry;

  assert_non_null (store);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *empty_name = g_strdup_printf ("sources-empty-%s", languages[i]);
      g_autofree char *error_name = g_strdup_printf ("sources-error-%s", languages[i]);

      jc_test_set_language (languages[i]);
      page = g_object_new (JC_TYPE_SOURCES_PAGE, NULL);
      window = jc_test_present (GTK_WIDGET (page), 1000, 640);
      jc_sources_page_set_store (page, store);
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "empty");
      assert_false (jc_list_page_has_load_error (JC_LIST_PAGE (page)));
      jc_test_screenshot (GTK_WIDGET (window), empty_name);

      assert_true (_jc_store_exec (store, "ALTER TABLE price_sources RENAME TO price_sources_away",
                                   NULL));
      jc_sources_page_reload (page);
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "error");
      assert_true (jc_list_page_has_load_error (JC_LIST_PAGE (page)));
      assert_contains (adw_status_page_get_description (_jc_list_page_get_error_page (JC_LIST_PAGE (page))),
                       "price_sources");
      if (i == 0)
        assert_string_equal (adw_status_page_get_title (_jc_list_page_get_error_page (JC_LIST_PAGE (page))),
                             "Could Not Read the Price Sources");
      jc_test_screenshot (GTK_WIDGET (window), error_name);

      /* the table back, Retry: the list (empty) again */
      assert_true (_jc_store_exec (store, "ALTER TABLE price_sources_away RENAME TO price_sources",
                                   NULL));
      retry = adw_status_page_get_child (_jc_list_page_get_error_page (JC_LIST_PAGE (page)));
      assert_true (GTK_IS_BUTTON (retry));
      g_signal_emit_by_name (retry, "clicked");
      jc_test_settle (GTK_WIDGET (window));
      assert_string_equal (_jc_list_page_get_state (JC_LIST_PAGE (page)), "empty");
      jc_test_close_window (window);
    }
  jc_test_set_language ("en");
}

/* ---- price sources ----------------------------------------------------- */

static JcSourceEditor *
wait_source_editor (void)
{
  JcSourceEditor *editor;

  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) != NULL, 2000);
  editor = JC_SOURCE_EDITOR (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR));
  assert_non_null (editor);
  jc_test_settle (GTK_WIDGET (editor));
  return editor;
}

static void
set_row (JcSourceEditor *editor,
         JcField         field,
         const char     *text)
{
  gtk_editable_set_text (GTK_EDITABLE (_jc_source_editor_get_row (editor, field)), text);
}

static void
save_source_editor (JcSourceEditor *editor)
{
  GtkWidget *save = _jc_source_editor_get_save_button (editor);

  jc_test_settle (GTK_WIDGET (editor));
  assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate (save);
  jc_test_pump_until (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) == NULL, 2000);
  assert_null (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR));
}

static JcSource *
stored_source (const char *name)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_get_source (store, name, NULL) : NULL;
}

static gint64
stored_source_prices (gint64 id)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_count_source_prices (store, id, NULL) : -1;
}

static void
select_source (JcSourcesPage *page,
               const char    *name)
{
  GListModel *shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  guint position = 0;

  assert_true (shown_has (shown, name, &position));
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (shown), position, TRUE);
}

static AdwMessageDialog *
wait_message_dialog (void)
{
  jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  assert_non_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  return ADW_MESSAGE_DIALOG (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
answer_message_dialog (AdwMessageDialog *dialog,
                       const char       *response)
{
  adw_message_dialog_response (dialog, response);
  jc_test_pump (30);
  if (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == GTK_WINDOW (dialog))
    gtk_window_destroy (GTK_WINDOW (dialog));
  jc_test_pump (30);
}

static gboolean
labels_contain (GPtrArray  *labels,
                const char *needle)
{
  for (guint i = 0; i < labels->len; i++)
    if (strstr (g_ptr_array_index (labels, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

#define TEST_SOURCE "测试批发市场"

/* Fetch Prices from the menu, then the sources as a person manages them:
 * a source added through the editor (a wrong address first, then a name
 * another source has), edited to disabled (its credentials kept, then
 * cleared), the demo's market asked to be removed (its prices would go:
 * Disable is offered, and taken), and a source without prices removed. */
static void
test_sources (void **state)
{
  g_autoptr(JcSource) xfd = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *caption_text = NULL;
  JcWindow *window;
  JcSourcesPage *page;
  JcPricesPage *prices;
  JcSourceEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *url;
  GListModel *shown;
  gint64 n_prices;
  guint n_before;

  if (demo_is_placeholder ())
    skip ();  /* the demo's market source and its prices are needed */
  xfd = stored_source ("新发地");
  assert_non_null (xfd);
  n_prices = stored_source_prices (xfd->id);
  jc_test_set_language ("en");
  window = open_window ();

  /* Fetch Prices: the prices section fetches from the demo's file://
   * source, on its worker thread. */
  prices = JC_PRICES_PAGE (_jc_window_get_page (window, "prices"));
  jc_window_show_section (window, "dashboard");
  jc_test_settle (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch-prices", NULL);
  assert_string_equal (jc_window_get_section (window), "prices");
  jc_test_pump_until (jc_prices_page_get_fetching (prices), 2000);
  jc_test_pump_until (!jc_prices_page_get_fetching (prices), 30000);
  assert_false (jc_prices_page_get_fetching (prices));
  jc_test_pump_until (!_jc_prices_page_get_loading (prices), 10000);

  /* Alt+0 */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "sources");
  jc_test_settle (GTK_WIDGET (window));
  page = JC_SOURCES_PAGE (_jc_window_get_page (window, "sources"));
  shown = _jc_list_page_get_shown (JC_LIST_PAGE (page));
  n_before = g_list_model_get_n_items (shown);
  assert_true (shown_has (shown, "新发地", NULL));
  /* The fetch is in the log: the list says how it went. */
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (labels_contain (labels, " new, "));
  g_ptr_array_set_size (labels, 0);

  /* Ctrl+N: a wrong address keeps Save off and says why on its row. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-record", NULL);
  editor = wait_source_editor ();
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  url = _jc_source_editor_get_row (editor, JC_FIELD_URL);
  set_row (editor, JC_FIELD_NAME, "新发地");
  adw_combo_row_set_selected (ADW_COMBO_ROW (_jc_source_editor_get_row (editor, JC_FIELD_ADAPTER)),
                              1);  /* csv */
  set_row (editor, JC_FIELD_URL, "ftp://x");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_true (gtk_widget_has_css_class (url, "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (_jc_source_editor_get_caption (editor, JC_FIELD_URL))));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_URL)),
                   "ftp://x");
  assert_false (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"));
  jc_test_screenshot (GTK_WIDGET (editor), "source-editor-error-en");

  /* A login in the address belongs under Credentials. */
  set_row (editor, JC_FIELD_URL, "https://bob:hunter22@prices.example/daily.csv");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_true (gtk_widget_has_css_class (url, "error"));
  assert_null (strstr (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_URL)),
                       "hunter22"));

  set_row (editor, JC_FIELD_URL, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
  gtk_editable_set_text (GTK_EDITABLE (_jc_source_editor_get_params_row (editor)), "limit=50");
  set_row (editor, JC_FIELD_CREDENTIALS, "bob:hunter22");
  set_row (editor, JC_FIELD_PRIORITY, "1001");
  set_row (editor, JC_FIELD_SCHEDULE, "6:15");
  jc_test_settle (GTK_WIDGET (editor));
  assert_false (gtk_widget_has_css_class (url, "error"));
  assert_true (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_PRIORITY),
                                         "error"));
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  set_row (editor, JC_FIELD_PRIORITY, "20");
  jc_test_settle (GTK_WIDGET (editor));

  /* The name is the store's to refuse: the message on the name row,
   * nothing written. */
  gtk_widget_activate (_jc_source_editor_get_save_button (editor));
  jc_test_pump_until (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"),
              2000);
  jc_test_settle (GTK_WIDGET (editor));
  assert_true (jc_test_find_toplevel (JC_TYPE_SOURCE_EDITOR) == GTK_WINDOW (editor));
  assert_true (gtk_widget_has_css_class (_jc_source_editor_get_row (editor, JC_FIELD_NAME), "error"));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_caption (editor, JC_FIELD_NAME)),
                   "新发地");
  assert_false (gtk_widget_get_sensitive (_jc_source_editor_get_save_button (editor)));
  assert_int_equal (g_list_model_get_n_items (shown), n_before);

  set_row (editor, JC_FIELD_NAME, TEST_SOURCE);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_non_null (saved);
    assert_string_equal (saved->adapter, "csv");
    assert_string_equal (saved->url, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
    assert_string_equal (saved->params, "limit=50");
    assert_string_equal (saved->credentials, "bob:hunter22");
    assert_int_equal (saved->priority, 20);
    assert_string_equal (saved->schedule, "06:15");
    assert_true (saved->enabled);
  }
  /* Listed and selected; the secrets are not on screen. */
  jc_test_settle (GTK_WIDGET (window));
  assert_int_equal (g_list_model_get_n_items (shown), n_before + 1);
  {
    guint position = 0;

    assert_true (shown_has (shown, TEST_SOURCE, &position));
    assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (shown), position));
  }
  jc_test_collect_shown_labels (_jc_list_page_get_column_view (JC_LIST_PAGE (page)), labels);
  assert_true (labels_contain (labels, "api_key=***"));
  assert_false (labels_contain (labels, "SECRET42"));
  assert_false (labels_contain (labels, "hunter22"));
  assert_true (strv_has (labels, "Set"));
  g_ptr_array_set_size (labels, 0);
  /* A source's name is never cut, however narrow the window: the address
   * and the last fetch give way ("新发地" was "新…" at 881 px). */
  {
    GtkWidget *name = jc_test_find_label (_jc_list_page_get_column_view (JC_LIST_PAGE (page)),
                                          "新发地");
    int min = 0, nat = 0;

    assert_non_null (name);
    gtk_widget_measure (name, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    assert_int_equal (min, nat);
    assert_true (gtk_widget_get_width (name) >= nat);
  }
  jc_test_screenshot (GTK_WIDGET (window), "sources-added-en");

  /* Edit: the credentials are not shown back; empty keeps them. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit", NULL);
  editor = wait_source_editor ();
  assert_string_equal (gtk_editable_get_text (GTK_EDITABLE (_jc_source_editor_get_row (editor, JC_FIELD_CREDENTIALS))),
                       "");
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (_jc_source_editor_get_credentials_note (editor))));
  assert_contains (gtk_label_get_text (_jc_source_editor_get_credentials_note (editor)),
                   "Leave the field empty");
  assert_true (gtk_widget_get_mapped (_jc_source_editor_get_clear_button (editor)));
  jc_test_screenshot (GTK_WIDGET (editor), "source-editor-edit-en");
  gtk_switch_set_active (_jc_source_editor_get_enabled_switch (editor), FALSE);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_false (saved->enabled);
    assert_string_equal (saved->credentials, "bob:hunter22");
    assert_string_equal (saved->url, "https://prices.example/daily.csv?day=1&api_key=SECRET42");
  }

  /* Clear removes them. */
  gtk_widget_activate_action (GTK_WIDGET (page), "page.edit", NULL);
  editor = wait_source_editor ();
  gtk_widget_activate (_jc_source_editor_get_clear_button (editor));
  jc_test_pump_until (strstr (gtk_label_get_text (_jc_source_editor_get_credentials_note (editor)),
                      "removed") != NULL, 2000);
  save_source_editor (editor);
  {
    g_autoptr(JcSource) saved = stored_source (TEST_SOURCE);

    assert_string_equal (saved->credentials, "");
    assert_false (saved->enabled);
  }

  /* Removing the demo's market would take its prices: the question says
   * how many and offers Disable (the default). */
  assert_true (n_prices > 0);
  select_source (page, "新发地");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.remove", NULL);
  dialog = wait_message_dialog ();
  caption_text = g_strdup_printf ("%u stored prices", (guint) n_prices);
  assert_contains (adw_message_dialog_get_body (dialog), caption_text);
  assert_true (adw_message_dialog_has_response (dialog, "disable"));
  assert_true (adw_message_dialog_has_response (dialog, "delete"));
  assert_string_equal (adw_message_dialog_get_default_response (dialog), "disable");
  jc_test_settle (GTK_WIDGET (dialog));
  jc_test_screenshot (GTK_WIDGET (dialog), "sources-remove-en");
  answer_message_dialog (dialog, "disable");
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autoptr(JcSource) kept = stored_source ("新发地");

    assert_non_null (kept);
    assert_false (kept->enabled);
    assert_int_equal (stored_source_prices (kept->id), n_prices);
  }
  /* (enabled again for the tests after this one) */
  select_source (page, "新发地");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.toggle-active", NULL);
  jc_test_settle (GTK_WIDGET (window));
  {
    g_autoptr(JcSource) kept = stored_source ("新发地");

    assert_true (kept->enabled);
  }

  /* A source without prices goes after a plain question. */
  select_source (page, TEST_SOURCE);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.remove", NULL);
  dialog = wait_message_dialog ();
  assert_false (adw_message_dialog_has_response (dialog, "disable"));
  answer_message_dialog (dialog, "delete");
  jc_test_pump_until (!_jc_sources_page_get_busy (page), 10000);
  assert_false (_jc_sources_page_get_busy (page));
  jc_test_settle (GTK_WIDGET (window));
  assert_null (stored_source (TEST_SOURCE));
  assert_false (shown_has (shown, TEST_SOURCE, NULL));
  assert_int_equal (g_list_model_get_n_items (shown), n_before);
  close_window (window);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_add_canteen),
    cmocka_unit_test (test_deactivate_canteen),
    cmocka_unit_test (test_catalog_search),
    cmocka_unit_test (test_add_item),
    cmocka_unit_test (test_sources_error),
    cmocka_unit_test (test_sources),
  };

  return test_ui_run ("ui-master", tests, G_N_ELEMENTS (tests));
}
