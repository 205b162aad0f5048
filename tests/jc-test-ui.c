/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jc-test-ui.h"

static char *screenshot_dir;

void
jc_test_ui_init (void)
{
  const char *localedir = g_getenv ("JICAI_LOCALEDIR");

  /* LANGUAGE only counts when the locale is not plain "C". */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  /* Screenshots the same on any machine. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* libadwaita leaves its style sheet out when GTK_THEME is set: the
   * screenshots show the app as it runs. */
  g_unsetenv ("GTK_THEME");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();
}

void
jc_test_set_screenshot_dir (const char *fallback)
{
  const char *dir = g_getenv ("JICAI_SCREENSHOT_DIR");

  g_clear_pointer (&screenshot_dir, g_free);
  if (fallback == NULL)
    return;
  screenshot_dir = g_strdup (dir != NULL && *dir != '\0' ? dir : fallback);
  g_mkdir_with_parents (screenshot_dir, 0755);
}

const char *
jc_test_get_screenshot_dir (void)
{
  return screenshot_dir;
}

void
jc_test_pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  while (g_get_monotonic_time () < end);
}

gboolean
jc_test_count_frame_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

void
jc_test_settle (GtkWidget *widget)
{
  guint frames = 0;
  guint id;

  jc_test_pump_until (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0, 5000);
  assert_true (gtk_widget_get_mapped (widget));
  id = gtk_widget_add_tick_callback (widget, jc_test_count_frame_cb, &frames, NULL);
  jc_test_pump_until (frames >= 3, 5000);
  gtk_widget_remove_tick_callback (widget, id);
  jc_test_pump (30);
}

GtkWindow *
jc_test_present (GtkWidget *child,
                 int        width,
                 int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  return window;
}

void
jc_test_close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  jc_test_pump (100);
}

void
jc_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  graphene_rect_t bounds;

  assert_non_null (screenshot_dir);
  path = g_build_filename (screenshot_dir, file, NULL);
  assert_true (width > 0 && height > 0);
  /* A widget that was just switched to may not have laid out yet (a busy
   * machine draws fewer frames): then it has nothing to show; wait. */
  for (guint tries = 0; node == NULL && tries < 100; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        jc_test_pump (20);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  assert_non_null (node);
  graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  assert_non_null (texture);
  assert_true (gdk_texture_save_to_png (texture, path));
}

void
jc_test_set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Makes gettext forget the translations it looked up so far. */
  textdomain (GETTEXT_PACKAGE);
}

GtkWindow *
jc_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;  /* the list of toplevels keeps it */
    }
  return NULL;
}

AdwMessageDialog *
jc_test_wait_for_dialog (void)
{
  jc_test_pump_until (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, 10000);
  assert_non_null (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  jc_test_pump (50);
  return ADW_MESSAGE_DIALOG (jc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

void
jc_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  jc_test_pump (20);
}

void
jc_test_collect_shown_labels (GtkWidget *widget,
                              GPtrArray *out)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    jc_test_collect_shown_labels (child, out);
}

GtkWidget *
jc_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = jc_test_find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
jc_test_enter (GtkEditable *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (entry);

  assert_non_null (text);
  g_signal_emit_by_name (text, "activate");
  jc_test_pump (10);
}
