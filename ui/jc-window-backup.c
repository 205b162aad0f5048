/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-window-backup.c: the main window's backups (jc-window-backup.h) —
 * Back Up the Database… (a file the user names), Restore the Database… (a
 * backup chosen and confirmed) and the office's daily backup, made once
 * the window is on screen when today's is not there yet.  It asks, starts
 * the workers of jc-backup-tasks.c and tells the outcome; it must not copy
 * or check a database itself, nor block the main thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-window"

#include <glib/gi18n.h>

#include "jc-application.h"
#include "jc-backup-tasks.h"
#include "jc-date.h"
#include "jc-save-file.h"
#include "jc-ui-util.h"
#include "jc-window-backup.h"
#include "jc-window-private.h"

struct _JcWindowBackup {
  JcWindow             *window;         /* the owner, which frees this at dispose */
  gboolean              backing_up;     /* a backup or restore the user asked for */
  char                 *backup_path;    /* the backup under way or last made */
  GtkFileChooserNative *chooser;        /* the restore's, while open */
  gulong                map_handler;
  guint                 daily_idle;
  gboolean              daily_finished;
  char                 *daily_error;    /* why today's backup failed, for Details */
};

/* Daily backups whose result has not arrived yet, over all windows. */
static guint n_daily_running;

static JcApplication *
get_app (JcWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  return JC_IS_APPLICATION (app) ? JC_APPLICATION (app) : NULL;
}

/* ---- Back Up the Database -------------------------------------------- */

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(JcWindow) self = user_data;
  JcWindowBackup *b = _jc_window_get_backup (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = jc_backup_task_run_finish (result, &error);

  if (b == NULL)
    return;
  b->backing_up = FALSE;
  _jc_window_update_actions (self);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Back Up the Database"), error->message);
      return;
    }
  {
    g_autofree char *name = g_filename_display_basename (b->backup_path);
    /* TRANSLATORS: a toast; %s is the backup file's name */
    g_autofree char *message = g_strdup_printf (_("Backed up to %s"), name);

    _jc_window_toast (self, message);
  }
}

static void
on_backup_path_cb (GtkWidget     *parent,
                   const char    *path,
                   JcOutputFlags  flags,
                   gpointer       user_data)
{
  JcWindow *self = JC_WINDOW (parent);
  JcWindowBackup *b = _jc_window_get_backup (self);
  JcApplication *app = get_app (self);
  JcStore *store = app ? jc_application_get_store (app) : NULL;

  if (b == NULL || store == NULL || b->backing_up)
    return;
  b->backing_up = TRUE;
  _jc_window_update_actions (self);
  g_free (b->backup_path);
  b->backup_path = g_strdup (path);
  jc_backup_task_run (store, path, (flags & JC_OUTPUT_REPLACE) != 0, NULL, NULL, NULL,
                      on_backup_done_cb, g_object_ref (self));
}

void
_jc_window_backup_to (JcWindow   *self,
                      const char *path)
{
  on_backup_path_cb (GTK_WIDGET (self), path, JC_OUTPUT_NONE, NULL);
}

gboolean
_jc_window_is_backing_up (JcWindow *self)
{
  JcWindowBackup *b = _jc_window_get_backup (self);

  return b != NULL && b->backing_up;
}

/* Back Up the Database: a copy of the whole database, consistent while
 * the pages work (SQLite's online backup), into a file the user names. */
static void
backup_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  char today[JC_DATE_LEN];
  g_autofree char *name = NULL;

  jc_date_today_string (today);
  /* TRANSLATORS: the suggested file name of a backup; %s is today's date */
  name = g_strdup_printf (_("jicai-backup-%s.db"), today);
  jc_save_file_choose (widget, _("Back Up the Database"), name, _("jicai databases"), "*.db",
                       on_backup_path_cb, NULL, NULL);
}

/* ---- Restore the Database -------------------------------------------- */

static void
on_restore_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JcWindow) self = user_data;
  JcWindowBackup *b = _jc_window_get_backup (self);
  JcApplication *app = get_app (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = jc_restore_task_run_finish (result, &error);

  if (b == NULL)
    return;
  b->backing_up = FALSE;
  _jc_window_update_actions (self);
  if (aside == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Restore the Database"), error->message);
      return;
    }
  /* every page reads the restored database afresh */
  if (app != NULL)
    {
      /* a copy: setting the path frees the one it is given back */
      g_autofree char *db_path = g_strdup (jc_application_get_db_path (app));

      jc_application_set_db_path (app, db_path);
    }
  {
    g_autofree char *name = g_filename_display_basename (aside);
    /* TRANSLATORS: a toast; %s is the file the replaced database is kept in */
    g_autofree char *message = g_strdup_printf (_("Database restored; the one it replaced is "
                                                  "kept as %s"), name);

    _jc_window_toast (self, message);
  }
}

static void
start_restore (JcWindow   *self,
               const char *path)
{
  JcWindowBackup *b = _jc_window_get_backup (self);
  JcApplication *app = get_app (self);
  g_autofree char *db_path = NULL;

  if (b == NULL || app == NULL || b->backing_up)
    return;
  db_path = g_strdup (jc_application_get_db_path (app));
  b->backing_up = TRUE;
  _jc_window_update_actions (self);
  jc_restore_task_run (db_path, path, NULL, on_restore_done_cb, g_object_ref (self));
}

void
_jc_window_restore_from (JcWindow   *self,
                         const char *path)
{
  start_restore (self, path);
}

static void
on_restore_confirm_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JcWindow         *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "jc-restore-path");

  if (g_str_equal (response, "restore") && path != NULL)
    start_restore (self, path);
}

static void
on_restore_chosen_cb (JcWindow             *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  JcWindowBackup *b = _jc_window_get_backup (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (b != NULL && b->chooser == chooser)
    g_clear_object (&b->chooser);
  if (b == NULL || file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  name = g_filename_display_basename (path);
  /* TRANSLATORS: %s is the backup file's name */
  body = g_strdup_printf (_("Everything in the database is replaced by the backup %s. The "
                            "database as it is now is kept aside beside it, under a dated name."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore the Database?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "jc-restore-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restore the Database…: a backup chosen, confirmed, then written into
 * the database on a worker; the pages read it afresh. */
static void
restore_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcWindow *self = JC_WINDOW (widget);
  JcWindowBackup *b = _jc_window_get_backup (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (b == NULL || b->chooser != NULL)
    return;
  b->chooser = gtk_file_chooser_native_new (_("Restore the Database"), GTK_WINDOW (self),
                                            GTK_FILE_CHOOSER_ACTION_OPEN, _("_Restore…"),
                                            _("_Cancel"));
  gtk_file_filter_set_name (filter, _("jicai databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (b->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (b->chooser), TRUE);
  g_signal_connect_object (b->chooser, "response", G_CALLBACK (on_restore_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (b->chooser));
}

/* ---- the daily backup --------------------------------------------------- */

/* The application is held while the copy runs, so that closing the last
 * window does not end the process half-way through it. */
typedef struct {
  JcWindow      *window;
  GApplication  *app;
} DailyRun;

static void
on_daily_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DailyRun *run = user_data;
  g_autoptr(JcWindow) self = run->window;
  g_autoptr(GApplication) app = run->app;
  JcWindowBackup *b = _jc_window_get_backup (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(JcBackupDaily) daily = jc_daily_backup_task_run_finish (result, &error);

  g_free (run);
  n_daily_running--;
  if (app != NULL)
    g_application_release (app);
  if (b == NULL)
    return;
  b->daily_finished = TRUE;
  if (daily != NULL)
    {
      /* Silent: a backup made is nothing to act on, and it is made on
       * every working day's first start. */
      g_debug ("Daily backup %s: %s, %u older removed", daily->path,
               daily->made ? "made" : "there already", daily->removed);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_free (b->daily_error);
  b->daily_error = g_strdup (error->message);
  {
    /* Stays until dismissed: backups not being made must not go unseen. */
    AdwToast *toast = adw_toast_new (_("Today’s backup of the database could not be made"));

    adw_toast_set_timeout (toast, 0);
    adw_toast_set_button_label (toast, _("_Details"));
    adw_toast_set_action_name (toast, "win.daily-backup-details");
    _jc_window_add_toast (self, toast);
  }
}

static gboolean
start_daily_cb (gpointer user_data)
{
  JcWindow *self = user_data;
  JcWindowBackup *b = _jc_window_get_backup (self);
  JcApplication *app = get_app (self);
  JcStore *store = app ? jc_application_get_store (app) : NULL;
  DailyRun *run;

  if (b == NULL)
    return G_SOURCE_REMOVE;
  b->daily_idle = 0;
  if (store == NULL || jc_store_is_office (store))
    {
      /* no database yet: nothing to keep; the office database is kept
       * by its server (pg_dump, docs/DEPLOYMENT.md) */
      b->daily_finished = TRUE;
      return G_SOURCE_REMOVE;
    }
  run = g_new0 (DailyRun, 1);
  run->window = g_object_ref (self);
  run->app = G_APPLICATION (g_object_ref (app));
  g_application_hold (run->app);
  n_daily_running++;
  jc_daily_backup_task_run (store, NULL, on_daily_done_cb, run);
  return G_SOURCE_REMOVE;
}

/* Once a window, after it is first on screen: the first frame is drawn
 * before the worker starts. */
static void
on_window_map_cb (JcWindow *self)
{
  JcWindowBackup *b = _jc_window_get_backup (self);

  if (b == NULL || b->map_handler == 0)
    return;
  g_clear_signal_handler (&b->map_handler, self);
  b->daily_idle = g_idle_add_full (G_PRIORITY_LOW, start_daily_cb, self, NULL);
}

/* The toast's Details: what went wrong and what to do. */
static void
daily_details_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcWindowBackup *b = _jc_window_get_backup (JC_WINDOW (widget));
  g_autofree char *text = NULL;

  if (b == NULL || b->daily_error == NULL)
    return;
  text = g_strdup_printf ("%s\n\n%s", b->daily_error,
                          _("Choose a backup folder you can write to in Preferences, under "
                            "Backups, or make room on its disk. The next start tries again; "
                            "Back Up the Database… in the menu makes a copy now."));
  jc_ui_show_error (widget, _("Could Not Make Today’s Backup"), text);
}

gboolean
_jc_window_daily_backup_finished (JcWindow *self)
{
  JcWindowBackup *b = _jc_window_get_backup (self);

  return b == NULL || b->daily_finished;
}

guint
_jc_window_count_daily_backups_running (void)
{
  return n_daily_running;
}

const char *
_jc_window_get_daily_backup_error (JcWindow *self)
{
  JcWindowBackup *b = _jc_window_get_backup (self);

  return b != NULL ? b->daily_error : NULL;
}

/* ---- the state ---------------------------------------------------------- */

void
_jc_window_backup_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_activated);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_activated);
  gtk_widget_class_install_action (widget_class, "win.daily-backup-details", NULL,
                                   daily_details_activated);
}

JcWindowBackup *
_jc_window_backup_new (JcWindow *window)
{
  JcWindowBackup *b = g_new0 (JcWindowBackup, 1);

  b->window = window;
  b->map_handler = g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  return b;
}

void
_jc_window_backup_free (JcWindowBackup *b)
{
  if (b == NULL)
    return;
  g_clear_signal_handler (&b->map_handler, b->window);
  g_clear_handle_id (&b->daily_idle, g_source_remove);
  if (b->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (b->chooser));
  g_clear_object (&b->chooser);
  g_free (b->backup_path);
  g_free (b->daily_error);
  g_free (b);
}

gboolean
_jc_window_backup_is_busy (JcWindowBackup *b)
{
  return b->backing_up;
}
