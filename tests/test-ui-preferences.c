/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The preferences as a person uses them, on real widgets under Xvfb, over
 * a database with the demo world (test-ui-fixture.h): the office's cutoff
 * and staleness saved to the database at once (a wrong time shown, not
 * saved), read-only without a database, and the office calendar's days. */
#include "config.h"

#include "jc-backup.h"
#include "test-ui-fixture.h"

/* ---- preferences ------------------------------------------------------ */

static char *
stored_setting (const char *key)
{
  g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

  return store ? jc_store_get_setting (store, key) : NULL;
}

/* The cutoff and the staleness window are the office's: they are saved in
 * the database, where the CLI and the planner read them. */
static void
test_preferences (void **state)
{
  g_autofree char *cutoff = NULL;
  JcPreferencesWindow *prefs;
  GtkEditable *row;
  GtkLabel *caption;

  jc_test_set_language ("en");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "cutoff_time", "14:00", NULL));
  }
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  row = _jc_preferences_window_get_cutoff_row (prefs);
  caption = _jc_preferences_window_get_cutoff_caption (prefs);
  assert_string_equal (gtk_editable_get_text (row), "14:00");
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);  /* opening writes nothing */

  gtk_editable_set_text (row, "25:00");
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "25:00");
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  cutoff = stored_setting ("cutoff_time");
  assert_string_equal (cutoff, "14:00");  /* a wrong time is not saved */
  g_clear_pointer (&cutoff, g_free);

  gtk_editable_set_text (row, "9:30");
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  cutoff = stored_setting ("cutoff_time");
  assert_string_equal (cutoff, "09:30");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autofree char *rule = jc_orders_cutoff_for (store, "2026-12-01");

    assert_string_equal (rule, "2026-11-30T09:30");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);

  /* no database: the office rules cannot be edited */
  prefs = jc_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_get_sensitive (GTK_WIDGET (_jc_preferences_window_get_cutoff_row (prefs))));
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
}

/* The office calendar in Preferences: a bad date is told at once, a
 * holiday added with Enter moves Monday's cutoff to Thursday, a holiday
 * on a Saturday is refused with core's reason, the remove button takes
 * the entry away again.  2026-12-04 is a Friday. */
static void
test_preferences_calendar (void **state)
{
  const char *languages[] = { "en", "zh_CN" };
  JcPreferencesWindow *prefs;
  GtkEditable *date_row;
  GtkLabel *caption;
  GtkListBox *list;

  jc_test_set_language ("en");
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "cutoff_time", "14:00", NULL));
  }
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 900);
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  date_row = _jc_preferences_window_get_calendar_date_row (prefs);
  caption = _jc_preferences_window_get_calendar_caption (prefs);
  list = _jc_preferences_window_get_calendar_list (prefs);
  assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));

  /* a date that is none: said under the rows, nothing written */
  gtk_editable_set_text (date_row, "2026-13-01");
  jc_test_enter (date_row);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "“2026-13-01” is not a date (YYYY-MM-DD)");
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);

  /* Friday a holiday, by Enter in the name */
  gtk_editable_set_text (date_row, "2026-12-04");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 0);
  gtk_editable_set_text (_jc_preferences_window_get_calendar_name_row (prefs), "测试假日");
  jc_test_enter (_jc_preferences_window_get_calendar_name_row (prefs));
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_get_visible (GTK_WIDGET (caption)));
  assert_string_equal (gtk_editable_get_text (date_row), "");
  assert_non_null (gtk_widget_get_first_child (GTK_WIDGET (list)));
  assert_null (gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (list))));
  assert_non_null (jc_test_find_label (GTK_WIDGET (list), "2026-12-04 · 测试假日"));
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autofree char *cutoff = jc_orders_cutoff_for (store, "2026-12-07");

    assert_string_equal (cutoff, "2026-12-03T14:00");
  }

  /* a 调休 workday, by the Add button */
  gtk_editable_set_text (date_row, "2026-12-05");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 1);
  g_signal_emit_by_name (_jc_preferences_window_get_calendar_add_button (prefs), "clicked");
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_non_null (jc_test_find_label (GTK_WIDGET (list), "2026-12-05"));

  /* a holiday on a Sunday: core's reason, the entry not added */
  gtk_editable_set_text (date_row, "2026-12-06");
  adw_combo_row_set_selected (_jc_preferences_window_get_calendar_kind_row (prefs), 0);
  jc_test_enter (date_row);
  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_get_mapped (GTK_WIDGET (caption)));
  assert_contains (gtk_label_get_text (caption), "2026-12-06 is a Saturday or Sunday");
  assert_string_equal (gtk_editable_get_text (date_row), "2026-12-06");  /* kept to correct */

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-calendar-%s", languages[i]);
      JcPreferencesWindow *shown;

      jc_test_set_language (languages[i]);
      shown = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
      gtk_window_set_default_size (GTK_WINDOW (shown), 640, 1000);
      gtk_window_present (GTK_WINDOW (shown));
      jc_test_settle (GTK_WIDGET (shown));
      jc_test_screenshot (GTK_WIDGET (shown), name);
      gtk_window_destroy (GTK_WINDOW (shown));
      jc_test_pump (30);
    }
  jc_test_set_language ("en");

  /* the remove buttons take both away */
  for (guint n = 2; n > 0; n--)
    {
      GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
      GtkWidget *button = NULL;

      assert_non_null (row);
      for (GtkWidget *w = row; w != NULL;)
        {
          if (GTK_IS_BUTTON (w))
            {
              button = w;
              break;
            }
          if (gtk_widget_get_first_child (w) != NULL)
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w != row && gtk_widget_get_next_sibling (w) == NULL)
                w = gtk_widget_get_parent (w);
              w = w == row ? NULL : gtk_widget_get_next_sibling (w);
            }
        }
      assert_non_null (button);
      g_signal_emit_by_name (button, "clicked");
      while (_jc_preferences_window_get_n_writes (prefs) > 0)
        jc_test_pump (10);
      jc_test_settle (GTK_WIDGET (prefs));
    }
  assert_null (gtk_widget_get_first_child (GTK_WIDGET (list)));
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);
    g_autoptr(GPtrArray) entries = jc_store_list_calendar (store, NULL, NULL, NULL);
    g_autofree char *cutoff = jc_orders_cutoff_for (store, "2026-12-07");

    assert_int_equal (entries->len, 0);
    assert_string_equal (cutoff, "2026-12-04T14:00");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
}

/* Shows the backup group at the top of the preferences' scrolled page. */
static void
scroll_to_backups (JcPreferencesWindow *prefs)
{
  GtkWidget *row = GTK_WIDGET (_jc_preferences_window_get_backup_dir_row (prefs));
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t at;

  assert_true (gtk_widget_compute_point (group, content, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            at.y);
  jc_test_settle (GTK_WIDGET (prefs));
}

/* Once the writes are done: the folder shown, and the folder and number
 * kept that the daily backup (and the CLI) will use. */
static void
assert_backup_policy (JcPreferencesWindow *prefs,
                      const char          *dir,
                      int                  keep)
{
  g_autoptr(JcStore) store = NULL;
  g_autofree char *policy_dir = NULL;
  int n = 0;

  while (_jc_preferences_window_get_n_writes (prefs) > 0)
    jc_test_pump (10);
  assert_string_equal (adw_action_row_get_subtitle (_jc_preferences_window_get_backup_dir_row (prefs)),
                       dir);
  store = jc_store_open (fx.db_path, NULL);
  assert_true (jc_backup_get_policy (store, NULL, 0, &policy_dir, &n, NULL));
  assert_string_equal (policy_dir, dir);
  assert_int_equal (n, keep);
}

/* The daily backups' folder and number kept, in Preferences → Backups:
 * stored in the office settings the CLI and the window's daily backup
 * read (jc_backup_get_policy()), the folder chosen with Choose… (a folder
 * chooser) and put back to the default with the reset button, the number
 * from 1 to the most core accepts; a stored number that is none is said.
 * Screenshots preferences-backups-LANG.png. */
static void
test_preferences_backups (void **state)
{
  const char *languages[] = { "en", "zh_CN" };
  g_autofree char *default_dir = g_build_filename (fx.dir, "backups", NULL);
  g_autofree char *chosen = g_build_filename (fx.dir, "office-backups", NULL);
  JcPreferencesWindow *prefs;
  AdwActionRow *dir_row;
  GtkAdjustment *keep;

  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "backup_dir", "", NULL));
    assert_true (jc_store_set_setting (store, "backup_keep", "", NULL));
  }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *shot = g_strdup_printf ("preferences-backups-%s", languages[i]);

      jc_test_set_language (languages[i]);
      prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
      gtk_window_set_default_size (GTK_WINDOW (prefs), 640, 960);
      gtk_window_present (GTK_WINDOW (prefs));
      jc_test_settle (GTK_WIDGET (prefs));
      scroll_to_backups (prefs);
      /* frames, not a fixed pause: on a busy machine the rows the scroll
       * brought in were not allocated yet when the screenshot drew them
       * ("Trying to snapshot GtkButton … without a current allocation",
       * fatal under G_DEBUG=fatal-warnings) */
      jc_test_settle (GTK_WIDGET (prefs));
      jc_test_screenshot (GTK_WIDGET (prefs), shot);
      gtk_window_destroy (GTK_WINDOW (prefs));
      jc_test_pump (30);
    }

  jc_test_set_language ("en");
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  dir_row = _jc_preferences_window_get_backup_dir_row (prefs);
  keep = _jc_preferences_window_get_backup_keep_adjustment (prefs);
  /* the defaults: backups/ beside the database, 14 kept */
  assert_string_equal (adw_action_row_get_subtitle (dir_row), default_dir);
  assert_false (gtk_widget_get_sensitive (_jc_preferences_window_get_backup_dir_reset_button (prefs)));
  assert_int_equal ((int) gtk_adjustment_get_value (keep), JC_BACKUP_KEEP_DEFAULT);
  assert_int_equal ((int) gtk_adjustment_get_lower (keep), 1);
  assert_int_equal ((int) gtk_adjustment_get_upper (keep), JC_BACKUP_KEEP_MAX);
  assert_false (gtk_widget_get_visible (GTK_WIDGET (_jc_preferences_window_get_backup_caption (prefs))));
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);

  /* Choose… opens a folder chooser; Cancel changes nothing */
  gtk_widget_activate (adw_action_row_get_activatable_widget (dir_row));
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  {
    GtkWindow *chooser = jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

    assert_non_null (chooser);
    assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                      GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    jc_test_pump (50);
  }
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);

  /* a folder chosen and a number set: the office's, as the CLI reads them */
  _jc_preferences_window_choose_backup_dir (prefs, chosen);
  gtk_adjustment_set_value (keep, 30);
  assert_backup_policy (prefs, chosen, 30);
  assert_true (gtk_widget_get_sensitive (_jc_preferences_window_get_backup_dir_reset_button (prefs)));

  /* the reset button: the default folder again */
  gtk_widget_activate (_jc_preferences_window_get_backup_dir_reset_button (prefs));
  /* a button clicks after its press animation */
  jc_test_pump_until (g_strcmp0 (adw_action_row_get_subtitle (dir_row), default_dir) == 0, 3000);
  assert_backup_policy (prefs, default_dir, 30);
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);

  /* a number kept that is none, set by hand: said, the default shown */
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "backup_keep", "many", NULL));
  }
  prefs = jc_preferences_window_new (NULL, jc_application_get_store (fx.app));
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  assert_true (gtk_widget_get_visible (GTK_WIDGET (_jc_preferences_window_get_backup_caption (prefs))));
  assert_contains (gtk_label_get_text (_jc_preferences_window_get_backup_caption (prefs)), "many");
  assert_int_equal ((int) gtk_adjustment_get_value (_jc_preferences_window_get_backup_keep_adjustment (prefs)),
                    JC_BACKUP_KEEP_DEFAULT);
  assert_int_equal (_jc_preferences_window_get_n_writes (prefs), 0);
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
  {
    g_autoptr(JcStore) store = jc_store_open (fx.db_path, NULL);

    assert_true (jc_store_set_setting (store, "backup_keep", "", NULL));
  }

  /* no database: nothing to set */
  prefs = jc_preferences_window_new (NULL, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  jc_test_settle (GTK_WIDGET (prefs));
  assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_jc_preferences_window_get_backup_dir_row (prefs))));
  gtk_window_destroy (GTK_WINDOW (prefs));
  jc_test_pump (30);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_preferences),
    cmocka_unit_test (test_preferences_calendar),
    cmocka_unit_test (test_preferences_backups),
  };

  return test_ui_run ("ui-preferences", tests, G_N_ELEMENTS (tests));
}
