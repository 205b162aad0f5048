/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-connect-dialog.c: "Connect to Office Database".  The fields become a
 * location through core (jc_db_location_build_pg: validated, escaped, no
 * password); a wrong field is marked and named.  The attempt runs on a
 * GTask thread — libpq's connect, then the store's open — with a spinner
 * and Cancel; what the driver or the store says is shown in the dialog,
 * and the application keeps what it had open until the new store is
 * there.  The password goes to libpq as a connection parameter
 * (jc-db-password.h) and, when "Remember Password" is on, to the keyring
 * (jc-office-secret.h); the last location (without password) is kept in
 * GSettings "office-location" and offered next time.
 *
 * It must not put a password in a location, a setting, a label or a log,
 * nor block the main thread on the network or the keyring. */
#include "config.h"

#define G_LOG_DOMAIN "jc-connect-dialog"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-connect-dialog-private.h"
#include "jc-db-location.h"
#include "jc-db-password.h"
#include "jc-db-uri.h"
#include "jc-error.h"
#include "jc-office-secret.h"

struct _JcConnectDialog {
  AdwWindow             parent_instance;

  JcApplication        *app;
  GSettings            *settings;
  GCancellable         *cancellable;        /* the connection attempt running, or NULL */
  GCancellable         *lookup_cancellable;
  gboolean              lookup_done;

  GtkWidget            *fields_group;
  GtkWidget            *host_row;
  GtkWidget            *port_row;
  GtkWidget            *database_row;
  GtkWidget            *user_row;
  GtkWidget            *password_row;
  AdwComboRow          *sslmode_row;
  GtkSwitch            *remember_switch;
  GtkLabel             *error_label;
  GtkWidget            *connect_button;
  GtkSpinner           *spinner;
  GtkWidget            *use_file_button;
};

G_DEFINE_FINAL_TYPE (JcConnectDialog, jc_connect_dialog, ADW_TYPE_WINDOW)

/* ---- what the window shows ---------------------------------------------- */

char *
jc_connect_describe_location (const char  *location,
                              char       **tooltip)
{
  g_autoptr(JcDbPgFields) fields = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  if (jc_db_location_kind (location) == JC_DB_LOCATION_PATH)
    {
      if (tooltip != NULL)
        *tooltip = g_strdup (location);
      return g_filename_display_basename (location);
    }
  if (tooltip != NULL)
    *tooltip = jc_db_location_display (location);
  fields = jc_db_location_split_pg (location);
  if (fields != NULL)
    /* TRANSLATORS: the database open in the window: the database's name
     * and its server */
    return g_strdup_printf (_("office database %s on %s"), fields->dbname, fields->host);
  {
    g_autofree char *display = jc_db_location_display (location);

    /* TRANSLATORS: %s is a connection as libpq reads it, e.g. service=office */
    return g_strdup_printf (_("office database %s"), display);
  }
}

/* ---- the fields ----------------------------------------------------------- */

static GtkWidget *
row_of_field (JcConnectDialog *self,
              int              field)
{
  switch (field)
    {
    case JC_FIELD_HOST: return self->host_row;
    case JC_FIELD_PORT: return self->port_row;
    case JC_FIELD_DATABASE: return self->database_row;
    case JC_FIELD_USER: return self->user_row;
    case JC_FIELD_SSLMODE: return GTK_WIDGET (self->sslmode_row);
    default: return NULL;
    }
}

static void
clear_error (JcConnectDialog *self)
{
  GtkWidget *rows[] = { self->host_row, self->port_row, self->database_row, self->user_row,
                        self->password_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (JcConnectDialog *self,
            GtkWidget       *row,
            const char      *message)
{
  clear_error (self);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
set_busy (JcConnectDialog *self,
          gboolean         busy)
{
  gtk_widget_set_sensitive (self->fields_group, !busy);
  gtk_widget_set_sensitive (self->connect_button, !busy);
  gtk_widget_set_sensitive (self->use_file_button, !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static const char *
row_text (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
on_field_changed_cb (JcConnectDialog *self)
{
  if (self->cancellable == NULL)
    clear_error (self);
}

static void
on_lookup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = jc_office_secret_lookup_finish (result, &error);

  /* cancelled: the dialog closed, or a connection started without it */
  if (self->lookup_cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (password != NULL)
        memset (password, 0, strlen (password));
      return;
    }
  self->lookup_done = TRUE;
  g_clear_object (&self->lookup_cancellable);
  if (error != NULL)
    /* no keyring: the person types the password */
    g_message ("The keyring could not be read: %s", error->message);
  else if (password != NULL && *row_text (self->password_row) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      gtk_switch_set_active (self->remember_switch, TRUE);
    }
  if (password != NULL)
    memset (password, 0, strlen (password));
}

/* The office database used last, and its kept password. */
static void
fill_in (JcConnectDialog *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "office-location");
  g_autoptr(JcDbPgFields) fields = jc_db_location_split_pg (last);
  const char * const *modes = jc_db_pg_sslmodes ();

  if (fields == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->port_row), "5432");
      adw_combo_row_set_selected (self->sslmode_row, 0);
      self->lookup_done = TRUE;
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), fields->host);
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), fields->port);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), fields->dbname);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), fields->user);
  for (guint i = 0; modes[i] != NULL; i++)
    if (g_str_equal (modes[i], fields->sslmode))
      adw_combo_row_set_selected (self->sslmode_row, i);
  clear_error (self);
  self->lookup_cancellable = g_cancellable_new ();
  jc_office_secret_lookup_async (fields, self->lookup_cancellable, on_lookup_cb,
                                 g_object_ref (self));
}

/* ---- connecting ----------------------------------------------------------- */

typedef struct {
  char         *location;
  char         *password;   /* NULL: libpq's ~/.pgpass or none */
  gboolean      remember;
  JcDbPgFields *fields;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  g_free (data->location);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  jc_db_pg_fields_free (data->fields);
  g_free (data);
}

static void
connect_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConnectData *data = task_data;
  GError *error = NULL;
  JcStore *store;

  /* libpq's own sentence first (refused, unknown host, wrong password) */
  {
    g_autoptr(JcDb) db = jc_db_open_with_password (data->location, data->password,
                                                   JC_DB_OPEN_DEFAULT, &error);

    if (db == NULL)
      {
        g_task_return_error (task, error);
        return;
      }
  }
  /* the store's connection, and its workers' later, get it the same way */
  if (data->password != NULL)
    jc_db_set_password (data->location, data->password);
  store = jc_store_open (data->location, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GError) secret_error = NULL;
      gboolean ok;

      if (data->remember && data->password != NULL)
        ok = jc_office_secret_store (data->fields, data->password, cancellable, &secret_error);
      else
        ok = jc_office_secret_clear (data->fields, cancellable, &secret_error);
      if (!ok)
        g_message ("The keyring could not keep the password: %s", secret_error->message);
    }
  g_task_return_pointer (task, store, (GDestroyNotify) jc_store_free);
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  JcConnectDialog *self = JC_CONNECT_DIALOG (source);
  ConnectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  JcStore *store = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancel has already given the dialog back */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&store, jc_store_free);
      return;
    }
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (store == NULL)
    {
      show_error (self, error->domain == JC_STORE_ERROR &&
                        error->code == JC_STORE_ERROR_DENIED ? self->password_row : NULL,
                  error->message);
      return;
    }
  g_settings_set_string (self->settings, "office-location", data->location);
  if (self->app != NULL)
    jc_application_use_store (self->app, data->location, store);
  else
    jc_store_free (store);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_connect_clicked_cb (JcConnectDialog *self)
{
  const char * const *modes = jc_db_pg_sslmodes ();
  guint mode = adw_combo_row_get_selected (self->sslmode_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  const char *password;
  ConnectData *data;
  GTask *task;

  if (self->cancellable != NULL)
    return;
  location = jc_db_location_build_pg (row_text (self->host_row), row_text (self->port_row),
                                      row_text (self->database_row), row_text (self->user_row),
                                      mode < g_strv_length ((char **) modes) ? modes[mode] : NULL,
                                      &error);
  if (location == NULL)
    {
      show_error (self, error->domain == JC_VALIDATE_ERROR ? row_of_field (self, error->code)
                                                           : NULL,
                  error->message);
      return;
    }
  clear_error (self);
  /* a password typed now wins over the keyring's, still on its way */
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_done = TRUE;

  password = row_text (self->password_row);
  data = g_new0 (ConnectData, 1);
  data->location = g_steal_pointer (&location);
  data->password = *password != '\0' ? g_strdup (password) : NULL;
  data->remember = gtk_switch_get_active (self->remember_switch);
  data->fields = jc_db_location_split_pg (data->location);
  g_assert (data->fields != NULL);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, on_connected_cb, NULL);
  g_task_set_source_tag (task, on_connect_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);
  g_task_run_in_thread (task, connect_thread);
  g_object_unref (task);
}

static void
on_cancel_clicked_cb (JcConnectDialog *self)
{
  if (self->cancellable == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* libpq cannot be interrupted: the attempt ends on its thread and what
   * it opened is closed there, unused */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
}

static void
on_use_file_clicked_cb (JcConnectDialog *self)
{
  if (self->cancellable != NULL)
    return;
  if (self->app != NULL)
    jc_application_set_db_path (self->app, jc_application_get_local_path (self->app));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject --------------------------------------------------------------- */

static void
jc_connect_dialog_dispose (GObject *object)
{
  JcConnectDialog *self = JC_CONNECT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->lookup_cancellable != NULL)
    g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_weak_pointer (&self->app);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_CONNECT_DIALOG);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (jc_connect_dialog_parent_class)->dispose (object);
}

static void
jc_connect_dialog_class_init (JcConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_connect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcConnectDialog, use_file_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_file_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jc_connect_dialog_init (JcConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  fill_in (self);
}

JcConnectDialog *
jc_connect_dialog_new (GtkWindow     *parent,
                       JcApplication *app)
{
  JcConnectDialog *self = g_object_new (JC_TYPE_CONNECT_DIALOG,
                                        "transient-for", parent,
                                        NULL);

  g_set_weak_pointer (&self->app, app);
  return self;
}

/* ---- for the tests ---------------------------------------------------------- */

GtkEditable *
_jc_connect_dialog_get_row (JcConnectDialog *self,
                            JcConnectRow     row)
{
  GtkWidget *rows[] = { self->host_row, self->port_row, self->database_row, self->user_row,
                        self->password_row };

  return GTK_EDITABLE (rows[row]);
}

AdwComboRow *
_jc_connect_dialog_get_sslmode (JcConnectDialog *self)
{
  return self->sslmode_row;
}

GtkSwitch *
_jc_connect_dialog_get_remember (JcConnectDialog *self)
{
  return self->remember_switch;
}

const char *
_jc_connect_dialog_get_error (JcConnectDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
           ? gtk_label_get_text (self->error_label) : NULL;
}

GtkWidget *
_jc_connect_dialog_get_spinner (JcConnectDialog *self)
{
  return GTK_WIDGET (self->spinner);
}

gboolean
_jc_connect_dialog_is_busy (JcConnectDialog *self)
{
  return self->cancellable != NULL;
}

gboolean
_jc_connect_dialog_lookup_done (JcConnectDialog *self)
{
  return self->lookup_done;
}

void
_jc_connect_dialog_connect (JcConnectDialog *self)
{
  on_connect_clicked_cb (self);
}

void
_jc_connect_dialog_cancel (JcConnectDialog *self)
{
  on_cancel_clicked_cb (self);
}

void
_jc_connect_dialog_use_file (JcConnectDialog *self)
{
  on_use_file_clicked_cb (self);
}
