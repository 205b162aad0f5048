/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-preferences-window.c: order cutoff, the office calendar, price
 * staleness, the daily backups' folder and number kept, deactivated
 * records.  Every change is saved at once; a cutoff that is not a time is
 * shown as wrong and not saved.
 *
 * The cutoff and the staleness window are the office's rules, not one
 * desk's taste: they live in the database (settings "cutoff_time" and
 * "stale_days"), where the CLI, the planner and every other desk read
 * them; so do "backup_dir" and "backup_keep" (core/jc-backup.h), which
 * `jicai-cli backup --daily` and the window's daily backup use.  They are
 * read when the window opens (two one-row reads and the
 * calendar's few entries) and written on a worker thread.  "Show deactivated" is this desk's own and
 * stays in GSettings. */
#include "config.h"

#define G_LOG_DOMAIN "jc-preferences-window"

#include <glib/gi18n.h>

#include "jc-backup.h"
#include "jc-calendar.h"
#include "jc-date.h"
#include "jc-master.h"
#include "jc-preferences-window-private.h"
#include "jc-prices.h"
#include "jc-save-file.h"

struct _JcPreferencesWindow {
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *db_path;      /* NULL: no database, office rules read-only */
  gboolean              loading;      /* filling the rows: do not write back */
  guint                 n_writes;     /* writes still running, for the tests */

  GtkWidget            *cutoff_row;
  GtkLabel             *cutoff_caption;
  GtkAdjustment        *stale_days_adjustment;
  GtkWidget            *stale_days_row;
  GtkWidget            *show_inactive_switch;

  GtkWidget            *backup_group;
  AdwActionRow         *backup_dir_row;
  GtkWidget            *backup_dir_button;
  GtkWidget            *backup_dir_reset_button;
  AdwActionRow         *backup_keep_row;
  GtkAdjustment        *backup_keep_adjustment;
  GtkLabel             *backup_caption;
  char                 *backup_default_dir;  /* "backups" beside the database */
  char                 *backup_dir;          /* the setting shown; NULL: the default */

  GtkWidget            *calendar_group;
  GtkWidget            *calendar_date_row;
  AdwComboRow          *calendar_kind_row;
  GtkWidget            *calendar_name_row;
  GtkWidget            *calendar_add_button;
  GtkLabel             *calendar_caption;
  GtkListBox           *calendar_list;
};

G_DEFINE_FINAL_TYPE (JcPreferencesWindow, jc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef struct {
  char *path;
  char *key;
  char *value;
} WriteData;

static void
write_data_free (WriteData *d)
{
  g_free (d->path);
  g_free (d->key);
  g_free (d->value);
  g_free (d);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (d->path, &error);

  if (store == NULL || !jc_store_set_setting (store, d->key, d->value, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  JcPreferencesWindow *self = JC_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;

  self->n_writes--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      g_warning ("Could not save a setting: %s", error->message);
    }
}

/* Saves an office setting in the database, off the main thread. */
static void
save_office_setting (JcPreferencesWindow *self,
                     const char          *key,
                     const char          *value)
{
  g_autoptr(GTask) task = NULL;
  WriteData *d;

  if (self->loading || self->db_path == NULL)
    return;
  d = g_new0 (WriteData, 1);
  d->path = g_strdup (self->db_path);
  d->key = g_strdup (key);
  d->value = g_strdup (value);
  task = g_task_new (self, NULL, write_done_cb, NULL);
  g_task_set_task_data (task, d, (GDestroyNotify) write_data_free);
  self->n_writes++;
  g_task_run_in_thread (task, write_thread);
}

static void
on_stale_days_changed_cb (JcPreferencesWindow *self)
{
  g_autofree char *v = g_strdup_printf ("%d", (int) gtk_adjustment_get_value (self->stale_days_adjustment));

  save_office_setting (self, "stale_days", v);
}

static void
on_cutoff_changed_cb (JcPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cutoff_row));
  int minutes = 0;

  if (jc_parse_time_field (JC_FIELD_NONE, text, &minutes, NULL))
    {
      g_autofree char *normalized = jc_format_time (minutes);

      gtk_widget_remove_css_class (self->cutoff_row, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->cutoff_caption), FALSE);
      save_office_setting (self, "cutoff_time", normalized);
    }
  else
    {
      g_autofree char *shown = g_strstrip (g_strdup (text));
      g_autofree char *message = NULL;

      /* Core's message names a record field; this one is a setting. */
      message = g_strdup_printf (_("Order cutoff: “%s” is not a time of day. Write it as HH:MM, "
                                   "for example 14:00."), shown);
      gtk_label_set_text (self->cutoff_caption, message);
      gtk_widget_add_css_class (self->cutoff_row, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->cutoff_caption), TRUE);
    }
}

/* ---- backups ------------------------------------------------------------ */

/* Shows the folder the daily backups go to; `dir` NULL or "": the default. */
static void
show_backup_dir (JcPreferencesWindow *self,
                 const char          *dir)
{
  gboolean is_default = dir == NULL || *dir == '\0';
  g_autofree char *escaped = NULL;

  g_free (self->backup_dir);
  self->backup_dir = is_default ? NULL : g_strdup (dir);
  /* the subtitle is markup; a folder's name is not */
  escaped = g_markup_escape_text (is_default ? (self->backup_default_dir ? self->backup_default_dir
                                                                         : "")
                                             : dir, -1);
  adw_action_row_set_subtitle (self->backup_dir_row, escaped);
  gtk_widget_set_sensitive (self->backup_dir_reset_button,
                            self->db_path != NULL && !is_default);
}

static void
set_backup_dir (JcPreferencesWindow *self,
                const char          *dir)
{
  if (self->db_path == NULL)
    return;
  show_backup_dir (self, dir);
  save_office_setting (self, "backup_dir", dir != NULL ? dir : "");
}

static void
on_backup_dir_chosen_cb (GtkWidget     *parent,
                         const char    *path,
                         JcOutputFlags  flags,
                         gpointer       user_data)
{
  set_backup_dir (JC_PREFERENCES_WINDOW (parent), path);
}

static void
on_backup_dir_choose_cb (JcPreferencesWindow *self)
{
  g_autofree char *folder = NULL;

  if (self->db_path == NULL)
    return;
  /* opens where the backups are, or the nearest folder above there is */
  folder = g_strdup (self->backup_dir != NULL ? self->backup_dir : self->backup_default_dir);
  while (folder != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      char *parent = g_path_get_dirname (folder);

      if (g_str_equal (parent, folder))
        g_clear_pointer (&parent, g_free);
      g_free (folder);
      folder = parent;
    }
  jc_save_file_choose_folder (GTK_WIDGET (self), _("Backup Folder"), folder,
                              on_backup_dir_chosen_cb, NULL, NULL);
}

static void
on_backup_dir_reset_cb (JcPreferencesWindow *self)
{
  set_backup_dir (self, NULL);
  gtk_widget_grab_focus (self->backup_dir_button);
}

static void
on_backup_keep_changed_cb (JcPreferencesWindow *self)
{
  g_autofree char *v = g_strdup_printf ("%d", (int) gtk_adjustment_get_value (self->backup_keep_adjustment));

  save_office_setting (self, "backup_keep", v);
}

/* The folder and the number kept as the daily backup will use them; a
 * number kept that is no number is said, and shown as the default. */
static void
load_backup_settings (JcPreferencesWindow *self,
                      JcStore             *store)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  int keep = JC_BACKUP_KEEP_DEFAULT;

  if (store != NULL)
    {
      g_autofree char *policy_dir = NULL;

      self->backup_default_dir = jc_backup_default_dir (store);
      dir = jc_store_get_setting (store, "backup_dir");
      if (!jc_backup_get_policy (store, NULL, 0, &policy_dir, &keep, &error))
        keep = JC_BACKUP_KEEP_DEFAULT;
    }
  gtk_label_set_text (self->backup_caption, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->backup_caption), error != NULL);
  gtk_adjustment_set_value (self->backup_keep_adjustment, keep);
  show_backup_dir (self, dir);
  gtk_widget_set_sensitive (self->backup_group, store != NULL);
}

/* ---- the office calendar ------------------------------------------------ */

typedef struct {
  char           *path;
  char           *date;      /* to add or remove */
  gboolean        add;
  JcCalendarKind  kind;
  char           *name;
} CalendarData;

static void
calendar_data_free (CalendarData *d)
{
  g_free (d->path);
  g_free (d->date);
  g_free (d->name);
  g_free (d);
}

static void
show_calendar_error (JcPreferencesWindow *self,
                     const char          *message)
{
  gtk_label_set_text (self->calendar_caption, message);
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_caption), message != NULL);
}

static void on_calendar_remove_cb (GtkButton           *button,
                                   JcPreferencesWindow *self);

/* Fills the list with `entries` (JcCalendarEntry *s, NULL: none). */
static void
fill_calendar (JcPreferencesWindow *self,
               GPtrArray           *entries)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->calendar_list))) != NULL)
    gtk_list_box_remove (self->calendar_list, child);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const JcCalendarEntry *e = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Remove the entry of %s"), e->date);
      g_autofree char *title = NULL;
      const char *kind = e->kind == JC_CALENDAR_WORKDAY ? _("调休 workday: the office works")
                                                         : _("Holiday: the office does not work");

      /* TRANSLATORS: a calendar entry: its date, then its name */
      title = e->name && *e->name ? g_strdup_printf (_("%s · %s"), e->date, e->name)
                                  : g_strdup (e->date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_object_set_data_full (G_OBJECT (remove), "date", g_strdup (e->date), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_calendar_remove_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_widget_set_name (row, e->date);
      gtk_list_box_append (self->calendar_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_list), entries != NULL && entries->len > 0);
}

static void
calendar_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CalendarData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (d->path, &error);
  gboolean ok;
  GPtrArray *entries;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (d->add)
    ok = jc_calendar_add_entry (store, d->date, d->kind, d->name, &error);
  else
    ok = jc_store_remove_calendar_entry (store, d->date, &error);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  entries = jc_store_list_calendar (store, NULL, NULL, &error);
  if (entries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

static void
calendar_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  JcPreferencesWindow *self = JC_PREFERENCES_WINDOW (source);
  CalendarData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = g_task_propagate_pointer (G_TASK (result), &error);

  self->n_writes--;
  gtk_widget_set_sensitive (self->calendar_group, TRUE);
  if (entries == NULL)
    {
      show_calendar_error (self, error->message);
      gtk_widget_grab_focus (d->add ? self->calendar_date_row : GTK_WIDGET (self->calendar_list));
      return;
    }
  show_calendar_error (self, NULL);
  fill_calendar (self, entries);
  if (d->add)
    {
      g_autofree char *message = g_strdup_printf (_("Added %s to the office calendar"), d->date);

      gtk_editable_set_text (GTK_EDITABLE (self->calendar_date_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->calendar_name_row), "");
      gtk_widget_grab_focus (self->calendar_date_row);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Removed %s from the office calendar"), d->date);

      gtk_widget_grab_focus (self->calendar_date_row);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
    }
}

static void
run_calendar_change (JcPreferencesWindow *self,
                     CalendarData        *d)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, calendar_done_cb, NULL);

  d->path = g_strdup (self->db_path);
  g_task_set_task_data (task, d, (GDestroyNotify) calendar_data_free);
  self->n_writes++;
  /* one change at a time */
  gtk_widget_set_sensitive (self->calendar_group, FALSE);
  g_task_run_in_thread (task, calendar_thread);
}

/* Add (the button, or Enter in the date or the name): checks the date
 * here so a typing mistake is told at once, the rest in core. */
static void
on_calendar_add_cb (JcPreferencesWindow *self)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->calendar_date_row))));
  g_autoptr(GError) error = NULL;
  CalendarData *d;

  if (self->db_path == NULL || !gtk_widget_get_sensitive (self->calendar_group))
    return;
  if (!jc_date_check (_("Date"), date, &error))
    {
      show_calendar_error (self, error->message);
      gtk_widget_grab_focus (self->calendar_date_row);
      return;
    }
  d = g_new0 (CalendarData, 1);
  d->add = TRUE;
  d->date = g_steal_pointer (&date);
  d->kind = adw_combo_row_get_selected (self->calendar_kind_row) == 1 ? JC_CALENDAR_WORKDAY
                                                                      : JC_CALENDAR_HOLIDAY;
  d->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->calendar_name_row)));
  run_calendar_change (self, d);
}

static void
on_calendar_remove_cb (GtkButton           *button,
                       JcPreferencesWindow *self)
{
  CalendarData *d;

  if (self->db_path == NULL || !gtk_widget_get_sensitive (self->calendar_group))
    return;
  d = g_new0 (CalendarData, 1);
  d->date = g_strdup (g_object_get_data (G_OBJECT (button), "date"));
  run_calendar_change (self, d);
}

static void
jc_preferences_window_dispose (GObject *object)
{
  JcPreferencesWindow *self = JC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->backup_default_dir, g_free);
  g_clear_pointer (&self->backup_dir, g_free);
  G_OBJECT_CLASS (jc_preferences_window_parent_class)->dispose (object);
}

static void
jc_preferences_window_class_init (JcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, cutoff_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, cutoff_caption);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, stale_days_adjustment);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, stale_days_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, show_inactive_switch);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_group);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_date_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_kind_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_name_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_add_button);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_caption);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, calendar_list);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_dir_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_dir_button);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_dir_reset_button);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_keep_row);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_keep_adjustment);
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, backup_caption);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_dir_choose_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_dir_reset_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_backup_keep_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cutoff_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stale_days_changed_cb);
}

static void
jc_preferences_window_init (JcPreferencesWindow *self)
{
  g_autofree char *keep_text = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  /* the range core accepts, for the CLI and this alike */
  self->loading = TRUE;
  gtk_adjustment_set_upper (self->backup_keep_adjustment, JC_BACKUP_KEEP_MAX);
  self->loading = FALSE;
  keep_text = g_strdup_printf (_("How many daily backups are kept (1 to %d); the oldest beyond "
                                 "that are removed"), JC_BACKUP_KEEP_MAX);
  adw_action_row_set_subtitle (self->backup_keep_row, keep_text);
  g_settings_bind (self->settings, "show-inactive", self->show_inactive_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Fills the office rules from the database, or greys them out when there
 * is none yet. */
static void
load_office_settings (JcPreferencesWindow *self,
                      JcStore             *store)
{
  g_autofree char *cutoff = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int stale = JC_DEFAULT_STALE_DAYS;

  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;

      cutoff = jc_store_get_setting (store, "cutoff_time");
      stale = jc_store_get_stale_days (store);
      entries = jc_store_list_calendar (store, NULL, NULL, &error);
      if (entries == NULL)
        show_calendar_error (self, error->message);
    }
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->cutoff_row), cutoff ? cutoff : "14:00");
  gtk_adjustment_set_value (self->stale_days_adjustment, stale);
  load_backup_settings (self, store);
  self->loading = FALSE;
  gtk_widget_set_sensitive (self->cutoff_row, store != NULL);
  gtk_widget_set_sensitive (self->stale_days_row, store != NULL);
  fill_calendar (self, entries);
  gtk_widget_set_sensitive (self->calendar_group, store != NULL);
}

/**
 * jc_preferences_window_new:
 * @store: (nullable): the open database whose office rules to edit; read
 *   now, on this thread; the writes go through workers of their own
 * Returns: (transfer none): the preferences, modal for `parent`.
 */
JcPreferencesWindow *
jc_preferences_window_new (GtkWindow *parent,
                           JcStore   *store)
{
  JcPreferencesWindow *self = g_object_new (JC_TYPE_PREFERENCES_WINDOW, "transient-for", parent,
                                            NULL);

  self->db_path = store ? g_strdup (jc_store_get_path (store)) : NULL;
  load_office_settings (self, store);
  return self;
}

guint
_jc_preferences_window_get_n_writes (JcPreferencesWindow *self)
{
  return self->n_writes;
}

GtkEditable *
_jc_preferences_window_get_cutoff_row (JcPreferencesWindow *self)
{
  return GTK_EDITABLE (self->cutoff_row);
}

GtkLabel *
_jc_preferences_window_get_cutoff_caption (JcPreferencesWindow *self)
{
  return self->cutoff_caption;
}

GtkEditable *
_jc_preferences_window_get_calendar_date_row (JcPreferencesWindow *self)
{
  return GTK_EDITABLE (self->calendar_date_row);
}

GtkEditable *
_jc_preferences_window_get_calendar_name_row (JcPreferencesWindow *self)
{
  return GTK_EDITABLE (self->calendar_name_row);
}

AdwComboRow *
_jc_preferences_window_get_calendar_kind_row (JcPreferencesWindow *self)
{
  return self->calendar_kind_row;
}

GtkWidget *
_jc_preferences_window_get_calendar_add_button (JcPreferencesWindow *self)
{
  return self->calendar_add_button;
}

GtkLabel *
_jc_preferences_window_get_calendar_caption (JcPreferencesWindow *self)
{
  return self->calendar_caption;
}

GtkListBox *
_jc_preferences_window_get_calendar_list (JcPreferencesWindow *self)
{
  return self->calendar_list;
}

AdwActionRow *
_jc_preferences_window_get_backup_dir_row (JcPreferencesWindow *self)
{
  return self->backup_dir_row;
}

GtkWidget *
_jc_preferences_window_get_backup_dir_reset_button (JcPreferencesWindow *self)
{
  return self->backup_dir_reset_button;
}

GtkAdjustment *
_jc_preferences_window_get_backup_keep_adjustment (JcPreferencesWindow *self)
{
  return self->backup_keep_adjustment;
}

GtkLabel *
_jc_preferences_window_get_backup_caption (JcPreferencesWindow *self)
{
  return self->backup_caption;
}

void
_jc_preferences_window_choose_backup_dir (JcPreferencesWindow *self,
                                          const char          *path)
{
  on_backup_dir_chosen_cb (GTK_WIDGET (self), path, JC_OUTPUT_NONE, NULL);
}
