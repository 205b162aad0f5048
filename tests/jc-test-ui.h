/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the UI tests share: driving the GTK main loop by hand under Xvfb,
 * waiting until a window is mapped and has drawn, writing a PNG of a widget
 * to $JICAI_SCREENSHOT_DIR, switching the language of the translations, and
 * finding what is on screen.  Linked into every test of the `ui` suite
 * (tests/meson.build); it asserts through cmocka, so it is for tests only. */
#pragma once

#include <adwaita.h>

#include "jc-test-util.h"

G_BEGIN_DECLS

/* What every UI test's main() does before it runs its tests: the C.UTF-8
 * locale with LANGUAGE=zh_CN (Chinese first: GLib decides once per process
 * whether to translate, and a process that has only seen English decides not
 * to), the cairo renderer (the same screenshots on any machine), libadwaita's
 * own style sheet (GTK_THEME unset), the message catalogues of the build
 * ($JICAI_LOCALEDIR), then gtk_init() and adw_init(). */
void        jc_test_ui_init             (void);

/* Sets where jc_test_screenshot() writes: $JICAI_SCREENSHOT_DIR, or
 * `fallback` (usually the test's temporary folder) when that is unset; the
 * folder is created.  NULL forgets the folder. */
void        jc_test_set_screenshot_dir  (const char *fallback);
const char *jc_test_get_screenshot_dir  (void);

/* Runs the default main context for `ms` milliseconds. */
void        jc_test_pump                (guint       ms);

/* Runs the main context until `done` holds, for at most `ms` milliseconds. */
#define jc_test_pump_until(done, ms)                                         \
  G_STMT_START {                                                             \
    gint64 end_ = g_get_monotonic_time () + (gint64) (ms) * 1000;            \
    while (!(done) && g_get_monotonic_time () < end_)                        \
      jc_test_pump (5);                                                      \
  } G_STMT_END

/* Waits until `widget` is mapped and has a size, then lets it paint a few
 * frames: lists create their rows while they are allocated. */
void        jc_test_settle              (GtkWidget  *widget);

/* A tick callback that counts the frames `widget` draws into the guint at
 * `user_data`: gtk_widget_add_tick_callback (w, jc_test_count_frame_cb,
 * &frames, NULL) shows whether a window keeps drawing during long work. */
gboolean    jc_test_count_frame_cb      (GtkWidget     *widget,
                                         GdkFrameClock *clock,
                                         gpointer       user_data);

/* A new window of `width` × `height` holding `child`, presented (not yet
 * settled).  GTK owns it; end it with jc_test_close_window(). */
GtkWindow  *jc_test_present             (GtkWidget  *child,
                                         int         width,
                                         int         height);
void        jc_test_close_window        (GtkWindow  *window);

/* Writes what `widget` shows to <screenshot dir>/<name>.png. */
void        jc_test_screenshot          (GtkWidget  *widget,
                                         const char *name);

/* Switches the translations to `language` ("en", "zh_CN") from now on. */
void        jc_test_set_language        (const char *language);

/* The first visible toplevel of `type`, or NULL (borrowed). */
GtkWindow  *jc_test_find_toplevel       (GType       type);

/* Waits for a message dialog to show, and returns it (borrowed). */
AdwMessageDialog *jc_test_wait_for_dialog (void);

/* What a click on a response button does: the response, then the close. */
void        jc_test_respond             (AdwMessageDialog *dialog,
                                         const char       *response);

/* Appends the texts of the mapped labels under `widget` to `out`
 * (borrowed strings). */
void        jc_test_collect_shown_labels (GtkWidget *widget,
                                          GPtrArray *out);

/* The mapped label under `widget` that shows exactly `text`, or NULL. */
GtkWidget  *jc_test_find_label          (GtkWidget  *widget,
                                         const char *text);

/* Enter in an entry: its text's "activate", which the entry passes on. */
void        jc_test_enter               (GtkEditable *entry);

G_END_DECLS
