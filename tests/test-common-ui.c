/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parts the pages share (ui/common/), on real widgets under Xvfb: the
 * date bar steps a day back and on, asks the page's leave function before
 * a change the person asked for and keeps its date when refused, takes a
 * date set by the page without asking, and is built from a template; the
 * print operation counts the pages of a three-page document as the
 * printer's page gives them (an export to PDF: no dialog) and draws each
 * once; the preview window shows "Page N of M" and turns the pages within
 * bounds; the save chooser hands a chosen existing file on (after the
 * chooser's own "Replace") with JC_OUTPUT_REPLACE and a new one with
 * JC_OUTPUT_NONE, nothing on cancel, and goes with its page; a worker task
 * (jc-task) runs its function on a worker thread with a connection of its
 * own to the page's database (a write there is read by the page's store),
 * hands back its result or its error, does not run when cancelled first
 * (unless told to report anyway), refuses a database whose file is gone
 * rather than creating an empty one, runs without a database when given
 * none, opens a path on the worker, brings a plain JcTaskData when given no
 * data, and posts to the main context (never running the posted function
 * on the worker).  PNGs go to $JICAI_SCREENSHOT_DIR: common-date-bar-en.png,
 * common-preview-en.png. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jc-date-bar.h"
#include "jc-db.h"
#include "jc-doc-preview.h"
#include "jc-paged-doc.h"
#include "jc-print-operation.h"
#include "jc-save-file.h"
#include "jc-task.h"
#include "jc-test-ui.h"

/* ---- a document of three pages ----------------------------------------- */

typedef struct {
  guint n_drawn;
} ThreePages;

static guint
three_get_n_pages (gconstpointer data,
                   double        page_w,
                   double        page_h)
{
  return 3;
}

static void
three_draw_page (gconstpointer data,
                 cairo_t      *cr,
                 guint         page,
                 double        page_w,
                 double        page_h)
{
  ThreePages *three = (ThreePages *) data;

  three->n_drawn++;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.6);
  cairo_rectangle (cr, 40, 40 + 100 * page, page_w - 80, 60);
  cairo_fill (cr);
  cairo_restore (cr);
}

static const JcPagedDocFuncs three_funcs = { three_get_n_pages, three_draw_page };

static JcPagedDoc *
three_new (ThreePages **out)
{
  ThreePages *three = g_new0 (ThreePages, 1);

  *out = three;
  return jc_paged_doc_new ("Three pages", &three_funcs, three, g_free);
}

/* ---- the date bar -------------------------------------------------------- */

typedef struct {
  gboolean allow;
  guint    n_asked;
  char    *asked;
} Leave;

static gboolean
leave_cb (JcDateBar  *bar,
          const char *new_date,
          gpointer    user_data)
{
  Leave *leave = user_data;

  leave->n_asked++;
  g_free (leave->asked);
  leave->asked = g_strdup (new_date);
  return leave->allow;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static void
test_date_bar (void **state)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  JcDateBar *bar = JC_DATE_BAR (jc_date_bar_new ());
  GtkWindow *window;
  Leave leave = { TRUE, 0, NULL };
  guint n_notify = 0;

  jc_test_set_language ("en");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bar));
  jc_date_bar_add_shortcuts (bar, box);
  window = jc_test_present (box, 420, 60);
  jc_test_settle (GTK_WIDGET (window));

  /* The page sets the date: no question asked, one notify. */
  g_signal_connect (bar, "notify::date", G_CALLBACK (count_notify_cb), &n_notify);
  jc_date_bar_set_leave_func (bar, leave_cb, &leave, NULL);
  jc_date_bar_set_date (bar, "2026-12-31");
  assert_string_equal (jc_date_bar_get_date (bar), "2026-12-31");
  assert_int_equal (leave.n_asked, 0);
  assert_int_equal (n_notify, 1);
  jc_date_bar_set_date (bar, "2026-12-31");
  assert_int_equal (n_notify, 1);
  assert_non_null (jc_test_find_label (GTK_WIDGET (bar), "Thu 31 Dec 2026"));

  /* Next and previous, as the buttons do: across the year and back. */
  assert_true (gtk_widget_activate_action (GTK_WIDGET (bar), "date-bar.next-day", NULL));
  assert_string_equal (jc_date_bar_get_date (bar), "2027-01-01");
  assert_int_equal (leave.n_asked, 1);
  assert_string_equal (leave.asked, "2027-01-01");
  assert_true (jc_date_bar_step (bar, -1));
  assert_string_equal (jc_date_bar_get_date (bar), "2026-12-31");
  assert_int_equal (n_notify, 3);
  jc_test_settle (GTK_WIDGET (window));
  jc_test_screenshot (GTK_WIDGET (window), "common-date-bar-en");

  /* Refused: the date stays, nothing notified. */
  leave.allow = FALSE;
  assert_false (jc_date_bar_step (bar, 1));
  assert_string_equal (jc_date_bar_get_date (bar), "2026-12-31");
  assert_string_equal (leave.asked, "2027-01-01");
  assert_false (jc_date_bar_choose (bar, "2026-12-01"));
  assert_string_equal (jc_date_bar_get_date (bar), "2026-12-31");
  assert_int_equal (leave.n_asked, 4);
  assert_int_equal (n_notify, 3);
  /* The page answered "discard" and sets the date it was asked for. */
  jc_date_bar_set_date (bar, "2027-01-01");
  assert_string_equal (jc_date_bar_get_date (bar), "2027-01-01");
  assert_int_equal (n_notify, 4);

  /* The same day is no change and no question. */
  leave.allow = TRUE;
  assert_false (jc_date_bar_choose (bar, "2027-01-01"));
  assert_int_equal (leave.n_asked, 4);

  /* Steps off (an order open): the buttons and keys do nothing. */
  jc_date_bar_set_steps_enabled (bar, FALSE);
  assert_false (jc_date_bar_step (bar, 1));
  gtk_widget_activate_action (GTK_WIDGET (bar), "date-bar.next-day", NULL);
  assert_string_equal (jc_date_bar_get_date (bar), "2027-01-01");
  jc_date_bar_set_steps_enabled (bar, TRUE);
  assert_true (jc_date_bar_step (bar, 1));
  assert_string_equal (jc_date_bar_get_date (bar), "2027-01-02");

  g_free (leave.asked);
  jc_test_close_window (window);
}

/* A template names the bar and sets its date. */
static void
test_date_bar_template (void **state)
{
  static const char ui[] =
    "<interface>"
    "  <object class='GtkBox' id='box'>"
    "    <child>"
    "      <object class='JcDateBar' id='bar'>"
    "        <property name='date'>2026-11-28</property>"
    "      </object>"
    "    </child>"
    "  </object>"
    "</interface>";
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GtkWidget) box = NULL;
  GObject *bar;

  g_type_ensure (JC_TYPE_DATE_BAR);
  builder = gtk_builder_new_from_string (ui, -1);
  box = g_object_ref_sink (GTK_WIDGET (gtk_builder_get_object (builder, "box")));
  bar = gtk_builder_get_object (builder, "bar");
  assert_true (JC_IS_DATE_BAR (bar));
  assert_string_equal (jc_date_bar_get_date (JC_DATE_BAR (bar)), "2026-11-28");
}

/* ---- the print operation ------------------------------------------------ */

static void
test_print_operation (void **state)
{
  ThreePages *three = NULL;
  g_autoptr(JcPagedDoc) doc = three_new (&three);
  g_autoptr(JcPrintOperation) op = jc_print_operation_new (doc);
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *pdf = g_build_filename (dir, "three.pdf", NULL);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  int n_pages = 0;
  g_autofree char *job = NULL;

  assert_ptr_equal (jc_print_operation_get_doc (op), doc);
  g_object_get (op, "job-name", &job, NULL);
  assert_string_equal (job, "Three pages");
  assert_string_equal (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (
                         gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (op)))),
                       GTK_PAPER_NAME_A4);

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, &error);
  assert_null (error);
  assert_int_equal (result, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_get (op, "n-pages", &n_pages, NULL);
  assert_int_equal (n_pages, 3);
  assert_int_equal (three->n_drawn, 3);
  assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  jc_test_rmtree (dir);
}

/* ---- the preview --------------------------------------------------------- */

static void
test_preview (void **state)
{
  ThreePages *three = NULL;
  g_autoptr(JcPagedDoc) doc = three_new (&three);
  GtkWidget *page = gtk_button_new_with_label ("page");
  GtkWindow *window;
  JcDocPreviewWindow *preview;
  JcDocPreview *view;

  jc_test_set_language ("en");
  window = jc_test_present (page, 200, 100);
  jc_test_settle (GTK_WIDGET (window));

  preview = jc_doc_preview_window_new (page, doc);
  jc_doc_preview_window_set_print_action (preview, "page.print");
  jc_doc_preview_window_set_export_action (preview, "page.export-pdf", TRUE);
  gtk_window_present (GTK_WINDOW (preview));
  jc_test_settle (GTK_WIDGET (preview));
  view = jc_doc_preview_window_get_preview (preview);
  assert_string_equal (gtk_window_get_title (GTK_WINDOW (preview)), "Three pages");
  assert_ptr_equal (gtk_window_get_transient_for (GTK_WINDOW (preview)), window);
  assert_int_equal (jc_doc_preview_get_n_pages (view), 3);
  assert_int_equal (jc_doc_preview_get_page (view), 0);
  assert_string_equal (jc_doc_preview_window_get_counter (preview), "Page 1 of 3");
  assert_true (three->n_drawn > 0);

  jc_doc_preview_window_turn (preview, -1);
  assert_int_equal (jc_doc_preview_get_page (view), 0);
  jc_doc_preview_window_turn (preview, 1);
  jc_doc_preview_window_turn (preview, 1);
  assert_string_equal (jc_doc_preview_window_get_counter (preview), "Page 3 of 3");
  jc_doc_preview_window_turn (preview, 1);
  assert_int_equal (jc_doc_preview_get_page (view), 2);
  jc_test_settle (GTK_WIDGET (preview));
  jc_test_screenshot (GTK_WIDGET (preview), "common-preview-en");
  jc_doc_preview_set_page (view, 1);
  assert_string_equal (jc_doc_preview_window_get_counter (preview), "Page 2 of 3");

  gtk_window_close (GTK_WINDOW (preview));
  jc_test_pump (50);
  assert_null (jc_test_find_toplevel (JC_TYPE_DOC_PREVIEW_WINDOW));
  jc_test_close_window (window);
}

/* ---- the save chooser ---------------------------------------------------- */

typedef struct {
  guint          n_called;
  guint          n_destroyed;
  char          *path;
  JcOutputFlags  flags;
  GtkWidget     *parent;
} Saved;

static void
saved_cb (GtkWidget     *parent,
          const char    *path,
          JcOutputFlags  flags,
          gpointer       user_data)
{
  Saved *saved = user_data;

  saved->n_called++;
  g_free (saved->path);
  saved->path = g_strdup (path);
  saved->flags = flags;
  saved->parent = parent;
}

static void
saved_destroy (gpointer user_data)
{
  Saved *saved = user_data;

  saved->n_destroyed++;
}

static GtkWindow *
wait_for_chooser (void)
{
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL, 3000);
  return jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static gboolean
chooser_has_file (GtkWindow  *chooser,
                  const char *path)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *chosen_path = chosen ? g_file_get_path (chosen) : NULL;

  return g_strcmp0 (chosen_path, path) == 0;
}

static gboolean
chooser_in_folder (GtkWindow  *chooser,
                   const char *path)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_autofree char *folder_path = folder ? g_file_get_path (folder) : NULL;

  return g_strcmp0 (folder_path, path) == 0;
}

static void
answer_chooser (const char *path,
                int         response)
{
  GtkWindow *chooser = wait_for_chooser ();

  assert_non_null (chooser);
  if (path != NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      /* the chooser opens in the current folder, the test's own */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      jc_test_pump_until (chooser_has_file (chooser, path), 3000);
      assert_true (chooser_has_file (chooser, path));
    }
  if (response == GTK_RESPONSE_ACCEPT)
    {
      /* the chooser's own Save button, whatever answer it gives */
      GtkWidget *save = gtk_window_get_default_widget (chooser);

      assert_non_null (save);
      response = gtk_dialog_get_response_for_widget (GTK_DIALOG (chooser), save);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), response);
  if (response == GTK_RESPONSE_ACCEPT && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* The chooser asks before replacing: "Replace". */
      GtkWindow *confirm;

      jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL, 3000);
      confirm = jc_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);
      assert_non_null (confirm);
      assert_ptr_equal (gtk_window_get_transient_for (confirm), chooser);
      gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
    }
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
  jc_test_pump (20);
}

static void
test_save_file (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *old = g_build_filename (dir, "old.pdf", NULL);
  g_autofree char *fresh = g_build_filename (dir, "fresh.pdf", NULL);
  GtkWidget *page = gtk_button_new_with_label ("page");
  GtkWindow *window;
  Saved saved = { 0 };
  g_autofree char *cwd = g_get_current_dir ();

  jc_test_set_language ("en");
  assert_int_equal (g_chdir (dir), 0);
  window = jc_test_present (page, 200, 100);
  jc_test_settle (GTK_WIDGET (window));
  assert_true (g_file_set_contents (old, "old", -1, NULL));

  /* An existing file, the chooser's own confirmation given: replace. */
  jc_save_file_choose (page, "Export", "suggested.pdf", "PDF documents", "*.pdf", saved_cb,
                       &saved, saved_destroy);
  {
    GtkWindow *chooser = wait_for_chooser ();

    assert_non_null (chooser);
    assert_string_equal (gtk_window_get_title (chooser), "Export");
    assert_ptr_equal (gtk_window_get_transient_for (chooser), window);
  }
  answer_chooser (old, GTK_RESPONSE_ACCEPT);
  assert_int_equal (saved.n_called, 1);
  assert_int_equal (saved.n_destroyed, 1);
  assert_string_equal (saved.path, old);
  assert_int_equal (saved.flags, JC_OUTPUT_REPLACE);
  assert_ptr_equal (saved.parent, page);

  /* A new file: nothing to replace. */
  jc_save_file_choose (page, "Export", "suggested.pdf", "PDF documents", "*.pdf", saved_cb,
                       &saved, saved_destroy);
  answer_chooser (fresh, GTK_RESPONSE_ACCEPT);
  assert_int_equal (saved.n_called, 2);
  assert_string_equal (saved.path, fresh);
  assert_int_equal (saved.flags, JC_OUTPUT_NONE);

  /* Cancelled: not called, the data freed. */
  jc_save_file_choose (page, "Export", "suggested.pdf", "PDF documents", "*.pdf", saved_cb,
                       &saved, saved_destroy);
  answer_chooser (NULL, GTK_RESPONSE_CANCEL);
  assert_int_equal (saved.n_called, 2);
  assert_int_equal (saved.n_destroyed, 3);

  /* The page goes while the chooser is open: the chooser goes too. */
  jc_save_file_choose (page, "Export", "suggested.pdf", "PDF documents", "*.pdf", saved_cb,
                       &saved, saved_destroy);
  assert_non_null (wait_for_chooser ());
  jc_test_close_window (window);
  jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
  assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  assert_int_equal (saved.n_called, 2);
  assert_int_equal (saved.n_destroyed, 4);

  g_free (saved.path);
  assert_int_equal (g_chdir (cwd), 0);
  jc_test_rmtree (dir);
}

/* ---- worker tasks ---------------------------------------------------------- */

typedef struct {
  JcTaskData   base;
  gpointer     posted;         /* Posted: see post_from_worker() */
  gboolean     fail;
  gboolean     ran;
  GThread     *thread;
  JcStore     *worker_store;   /* compared only */
  char        *worker_path;
} Work;

static void
work_free (Work *w)
{
  jc_task_data_clear (&w->base);
  g_free (w->worker_path);
  g_free (w);
}

static gpointer
work_pointer (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  Work *w = task_data;

  w->ran = TRUE;
  w->thread = g_thread_self ();
  w->worker_store = store;
  w->worker_path = store != NULL ? g_strdup (jc_store_get_path (store)) : NULL;
  if (w->fail)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "the disk is full");
      return NULL;
    }
  /* written on the worker's connection, read back on the page's */
  if (store != NULL && !jc_store_set_setting (store, "task-test", w->base.date, error))
    return NULL;
  return g_strdup_printf ("done %s", w->base.date);
}

static gboolean
work_boolean (JcStore       *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  return work_pointer (store, task_data, cancellable, error) != NULL;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  for (guint i = 0; i < 2000 && *slot == NULL; i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  assert_non_null (*slot);
  return *slot;
}

typedef struct {
  GThread *thread;
  guint    n_called;
  guint    n_freed;
} Posted;

static gboolean
posted_cb (gpointer user_data)
{
  Posted *p = user_data;

  p->thread = g_thread_self ();
  p->n_called++;
  return G_SOURCE_REMOVE;
}

static void
posted_free (gpointer user_data)
{
  ((Posted *) user_data)->n_freed++;
}

static gpointer
post_from_worker (JcStore       *store,
                  gpointer       task_data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Work *w = task_data;

  jc_task_post (task_data, posted_cb, w->posted, posted_free);
  return g_strdup ("posted");
}

static gpointer
plain_date (JcStore       *store,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_strdup (((JcTaskData *) task_data)->date);
}

static void
test_task (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "task.db", NULL);
  g_autoptr(JcStore) page = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *text = NULL;
  g_autofree char *setting = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  GThread *main_thread = g_thread_self ();
  Posted posted = { NULL, 0, 0 };
  GTask *task;
  Work *w;

  page = jc_store_open (path, &error);
  assert_null (error);
  assert_non_null (page);

  /* a result, from a worker thread on a connection of its own to the same
   * database: what it writes, the page's store reads */
  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-08", test_task,
                                NULL, store_result_cb, &result);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_null (error);
  assert_string_equal (text, "done 2026-12-08");
  w = g_task_get_task_data (G_TASK (result));
  assert_true (w->ran);
  assert_true (w->thread != main_thread);
  assert_non_null (w->worker_store);
  assert_true (w->worker_store != page);
  assert_string_equal (w->worker_path, jc_store_get_path (page));
  setting = jc_store_get_setting (page, "task-test");
  assert_string_equal (setting, "2026-12-08");
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* an error, as the function gave it */
  w = g_new0 (Work, 1);
  w->fail = TRUE;
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-09", test_task,
                                NULL, store_result_cb, &result);
  jc_task_run_boolean (task, work_boolean);
  g_object_unref (task);
  assert_false (jc_task_propagate_boolean (wait_result (&result), test_task, &error));
  assert_true (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC));
  assert_true (((Work *) g_task_get_task_data (G_TASK (result)))->ran);
  g_clear_error (&error);
  g_clear_object (&result);

  /* cancelled before it runs: the function does not run */
  cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-10", test_task,
                                cancellable, store_result_cb, &result);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  assert_null (jc_task_propagate_pointer (wait_result (&result), test_task, &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  assert_false (((Work *) g_task_get_task_data (G_TASK (result)))->ran);
  g_clear_error (&error);
  g_clear_object (&result);
  g_free (setting);
  setting = jc_store_get_setting (page, "task-test");
  assert_string_equal (setting, "2026-12-08");

  /* ... unless the task reports what it did anyway */
  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-11", test_task,
                                cancellable, store_result_cb, &result);
  g_task_set_check_cancellable (task, FALSE);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_null (error);
  assert_string_equal (text, "done 2026-12-11");
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* no database: the function runs with none */
  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, NULL, "2026-12-12", test_task,
                                NULL, store_result_cb, &result);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_null (error);
  assert_string_equal (text, "done 2026-12-12");
  assert_true (((Work *) g_task_get_task_data (G_TASK (result)))->ran);
  assert_null (((Work *) g_task_get_task_data (G_TASK (result)))->worker_store);
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* a task made from a path opens it on the worker */
  w = g_new0 (Work, 1);
  task = jc_task_new (w, (GDestroyNotify) work_free, path, "2026-12-13", test_task, NULL,
                      store_result_cb, &result);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_null (error);
  assert_string_equal (text, "done 2026-12-13");
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);
  g_free (setting);
  setting = jc_store_get_setting (page, "task-test");
  assert_string_equal (setting, "2026-12-13");

  /* the worker posts to the main context */
  w = g_new0 (Work, 1);
  w->posted = &posted;
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-14", test_task,
                                NULL, store_result_cb, &result);
  jc_task_run_pointer (task, post_from_worker, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_string_equal (text, "posted");
  for (guint i = 0; i < 500 && posted.n_freed == 0; i++)
    g_main_context_iteration (NULL, TRUE);
  assert_int_equal (posted.n_called, 1);
  assert_int_equal (posted.n_freed, 1);
  assert_true (posted.thread == main_thread);
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* no data of its own: a plain JcTaskData */
  task = jc_task_new_for_store (NULL, NULL, page, "2026-12-16", test_task, NULL, store_result_cb,
                                &result);
  jc_task_run_pointer (task, plain_date, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task, &error);
  assert_null (error);
  assert_string_equal (text, "2026-12-16");
  g_clear_object (&result);
  g_clear_pointer (&text, g_free);

  /* the page's file is gone: refused, and no empty database made there */
  assert_int_equal (g_remove (path), 0);
  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-15", test_task,
                                NULL, store_result_cb, &result);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  assert_null (jc_task_propagate_pointer (wait_result (&result), test_task, &error));
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  assert_false (((Work *) g_task_get_task_data (G_TASK (result)))->ran);
  assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_clear_object (&result);

  g_clear_pointer (&page, jc_store_free);
  jc_test_rmtree (dir);
}

/* A task on the office database connects on its worker: the main thread
 * never waits for the network (on a file it opens the worker's connection
 * at once, to refuse a file deleted under the page).  On $JICAI_TEST_PG, in
 * a schema of its own; a loud skip without it, a failure under
 * $JICAI_REQUIRE_PG. */
static void
test_task_office (void **state)
{
  const char *server = g_getenv ("JICAI_TEST_PG");
  g_autofree char *schema = g_strdup_printf ("jc_test_task_%d", (int) getpid ());
  g_autofree char *sql = NULL;
  g_autofree char *location = NULL;
  g_autoptr(JcDb) admin = NULL;
  g_autoptr(JcStore) page = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  g_autofree char *text = NULL;
  GTask *task;
  Work *w;

  (void) state;
  if (server == NULL || *server == '\0')
    {
      if (g_strcmp0 (g_getenv ("JICAI_REQUIRE_PG"), "1") == 0)
        fail_msg ("JICAI_REQUIRE_PG is 1 but JICAI_TEST_PG is not set");
      print_message ("SKIPPED: the office database task: no PostgreSQL (JICAI_TEST_PG)\n");
      skip ();
    }
  admin = jc_db_open (server, JC_DB_OPEN_DEFAULT, &error);
  assert_no_error (error);
  sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s", schema, schema);
  assert_true (jc_db_exec (admin, sql, &error));
  location = g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", server,
                              strchr (server, '?') != NULL ? "&" : "?", schema);
  page = jc_store_open (location, &error);
  assert_no_error (error);
  assert_true (jc_store_is_office (page));

  w = g_new0 (Work, 1);
  task = jc_task_new_for_store (w, (GDestroyNotify) work_free, page, "2026-12-08", test_task_office,
                                NULL, store_result_cb, &result);
  /* nothing connected on this thread */
  assert_null (w->base.store);
  assert_null (w->base.open_error);
  jc_task_run_pointer (task, work_pointer, g_free);
  g_object_unref (task);
  text = jc_task_propagate_pointer (wait_result (&result), test_task_office, &error);
  assert_no_error (error);
  assert_string_equal (text, "done 2026-12-08");
  w = g_task_get_task_data (G_TASK (result));
  assert_true (w->ran);
  assert_non_null (w->worker_store);
  assert_string_equal (w->worker_path, location);
  g_clear_object (&result);
  g_free (text);
  text = jc_store_get_setting (page, "task-test");
  assert_string_equal (text, "2026-12-08");

  g_clear_pointer (&page, jc_store_free);
  g_free (sql);
  sql = g_strdup_printf ("DROP SCHEMA %s CASCADE", schema);
  assert_true (jc_db_exec (admin, sql, &error));
}


/* Several filters, the first chosen, opening in the folder given; and a
 * folder asked for: the chosen folder reaches the caller, nothing to
 * replace. */
static void
test_save_file_filters_and_folder (void **state)
{
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *sub = g_build_filename (dir, "statements", NULL);
  g_autofree char *fresh = g_build_filename (dir, "form.csv", NULL);
  const JcSaveFileFilter filters[] = {
    { "Excel workbook (XLSX)", "*.xlsx" },
    { "CSV", "*.csv" },
  };
  GtkWidget *page = gtk_button_new_with_label ("page");
  GtkWindow *window;
  GtkWindow *chooser;
  Saved saved = { 0 };

  jc_test_set_language ("en");
  assert_int_equal (g_mkdir (sub, 0755), 0);
  window = jc_test_present (page, 200, 100);
  jc_test_settle (GTK_WIDGET (window));

  jc_save_file_choose_full (page, "Save the Form", "form.xlsx", dir, filters,
                            G_N_ELEMENTS (filters), saved_cb, &saved, saved_destroy);
  chooser = wait_for_chooser ();
  assert_non_null (chooser);
  assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                    GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autoptr(GListModel) list = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
    g_autoptr(GtkFileFilter) first = NULL;
    g_autoptr(GtkFileFilter) second = NULL;
    GtkFileFilter *current = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

    assert_int_equal (g_list_model_get_n_items (list), 2);
    first = g_list_model_get_item (list, 0);
    second = g_list_model_get_item (list, 1);
    assert_string_equal (gtk_file_filter_get_name (first), "Excel workbook (XLSX)");
    assert_string_equal (gtk_file_filter_get_name (second), "CSV");
    assert_non_null (current);
    assert_string_equal (gtk_file_filter_get_name (current), "Excel workbook (XLSX)");
    jc_test_pump_until (chooser_in_folder (chooser, dir), 3000);
    assert_true (chooser_in_folder (chooser, dir));
  }
  answer_chooser (fresh, GTK_RESPONSE_ACCEPT);
  assert_int_equal (saved.n_called, 1);
  assert_int_equal (saved.n_destroyed, 1);
  assert_string_equal (saved.path, fresh);
  assert_int_equal (saved.flags, JC_OUTPUT_NONE);

  /* A folder: an existing one (the one it opens in, nothing else
   * selected), handed on without JC_OUTPUT_REPLACE. */
  jc_save_file_choose_folder (page, "Choose a Folder", sub, saved_cb, &saved, saved_destroy);
  chooser = wait_for_chooser ();
  assert_non_null (chooser);
  assert_string_equal (gtk_window_get_title (chooser), "Choose a Folder");
  assert_ptr_equal (gtk_window_get_transient_for (chooser), window);
  assert_int_equal (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)),
                    GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  {
    GtkWidget *select;

    jc_test_pump_until (chooser_in_folder (chooser, sub), 3000);
    assert_true (chooser_in_folder (chooser, sub));
    jc_test_pump (50);
    select = gtk_window_get_default_widget (chooser);
    assert_non_null (select);
    gtk_dialog_response (GTK_DIALOG (chooser),
                         gtk_dialog_get_response_for_widget (GTK_DIALOG (chooser), select));
    jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
    jc_test_pump (20);
  }
  assert_int_equal (saved.n_called, 2);
  assert_int_equal (saved.n_destroyed, 2);
  assert_string_equal (saved.path, sub);
  assert_int_equal (saved.flags, JC_OUTPUT_NONE);

  /* A dialog closed while its chooser is open: the chooser goes too. */
  {
    GtkWidget *dialog = gtk_window_new ();

    gtk_window_set_transient_for (GTK_WINDOW (dialog), window);
    gtk_window_present (GTK_WINDOW (dialog));
    jc_save_file_choose_folder (dialog, "Choose a Folder", NULL, saved_cb, &saved, saved_destroy);
    assert_non_null (wait_for_chooser ());
    gtk_window_destroy (GTK_WINDOW (dialog));
    jc_test_pump_until (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL, 3000);
    assert_null (jc_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
    assert_int_equal (saved.n_destroyed, 3);
    assert_int_equal (saved.n_called, 2);
  }
  jc_test_close_window (window);

  g_free (saved.path);
  jc_test_rmtree (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_date_bar),
    cmocka_unit_test (test_date_bar_template),
    cmocka_unit_test (test_print_operation),
    cmocka_unit_test (test_preview),
    cmocka_unit_test (test_save_file),
    cmocka_unit_test (test_task),
    cmocka_unit_test (test_task_office),
    cmocka_unit_test (test_save_file_filters_and_folder),
  };
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  int failed;

  /* The chooser adds a chosen file to the recent files: the test's own,
   * under a name. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_set_prgname ("test-common-ui");
  g_set_application_name ("jicai tests");
  jc_test_ui_init ();
  jc_test_set_screenshot_dir (dir);
  failed = cmocka_run_group_tests (tests, NULL, NULL);
  jc_test_set_screenshot_dir (NULL);
  jc_test_rmtree (dir);
  return failed;
}
