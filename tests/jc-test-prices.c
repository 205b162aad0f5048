/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-prices.c: the Prices page in a window of its own, and finding
 * what it shows, for tests/test-prices-page.c.  Asserts through cmocka: for
 * tests only. */
#include "config.h"

#include "jc-test-prices.h"

gboolean
labels_have (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  jc_test_collect_shown_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* The mapped button (or menu button) whose action target is `target`. */
GtkWidget *
find_button (GtkWidget  *widget,
             GVariant   *target)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget))
    {
      GVariant *t = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (t != NULL && g_variant_equal (t, target))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
count_mapped_warnings (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)),
                                          "dialog-warning-symbolic") == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_mapped_warnings (child);
  return n;
}

guint
find_row (JcPricesPage *page,
          const char   *code)
{
  GListModel *shown = _jc_prices_page_get_shown (page);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    if (g_strcmp0 (_jc_prices_page_get_row (page, i)->item_code, code) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

void
wait_loaded (JcPricesPage *page)
{
  jc_test_pump (20);
  jc_test_pump_until (!_jc_prices_page_get_loading (page), 10000);
  assert_false (_jc_prices_page_get_loading (page));
}

/* Takes `store` (NULL: no database). */
Shown
open_page_on (JcStore *store)
{
  Shown s;

  s.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (s.window), 1200, 820);
  s.store = store;
  s.page = JC_PRICES_PAGE (jc_prices_page_new (s.store));
  jc_prices_page_set_date (s.page, TODAY);
  gtk_window_set_child (GTK_WINDOW (s.window), GTK_WIDGET (s.page));
  gtk_window_present (GTK_WINDOW (s.window));
  jc_test_settle (s.window);
  wait_loaded (s.page);
  jc_test_settle (s.window);
  return s;
}

Shown
open_page (const char *db_path)
{
  JcStore *store = jc_store_open (db_path, NULL);

  assert_non_null (store);
  return open_page_on (store);
}

void
close_page (Shown *s)
{
  /* the page is given a store that stays open until another is set */
  jc_prices_page_set_store (s->page, NULL);
  gtk_window_destroy (GTK_WINDOW (s->window));
  jc_test_pump (50);
  g_clear_pointer (&s->store, jc_store_free);
}

void
select_code (Shown      *s,
             const char *code)
{
  guint pos = find_row (s->page, code);

  assert_int_not_equal (pos, GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (_jc_prices_page_get_shown (s->page)), pos,
                                   TRUE);
  wait_loaded (s->page);
  jc_test_settle (s->window);
}
