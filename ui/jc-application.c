/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-application.c: the GUI application — options, app actions, the store
 * of the main thread (a file, or the office database the connect dialog
 * opened), and "today". */
#include "config.h"

#define G_LOG_DOMAIN "jc-application"

#include <glib/gi18n.h>

#include "jc-application.h"
#include "jc-date.h"
#include "jc-db-location.h"
#include "jc-preferences-window.h"
#include "jc-window.h"

struct _JcApplication {
  AdwApplication parent_instance;
  char          *db_path;
  char          *local_path;   /* the file used when not on the office database */
  JcStore       *store;
  GError        *store_error;
  gboolean       started;
};

G_DEFINE_FINAL_TYPE (JcApplication, jc_application, ADW_TYPE_APPLICATION)

enum {
  STORE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Opens the database when its file exists.  A missing file is not an
 * error: the window offers to start one (empty or with the demo). */
static void
reload_store (JcApplication *self)
{
  JcStore *old = g_steal_pointer (&self->store);

  g_clear_error (&self->store_error);
  /* the office database is opened (or said to be unavailable), never
   * offered to be made as a missing file is */
  if (jc_db_location_kind (self->db_path) == JC_DB_LOCATION_POSTGRESQL)
    self->store = jc_store_open (self->db_path, &self->store_error);
  else if (jc_db_location_check (self->db_path, &self->store_error) &&
           g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    self->store = jc_store_open (self->db_path, &self->store_error);
  /* Windows switch to the new store before the old one is closed. */
  g_signal_emit (self, signals[STORE_CHANGED], 0);
  g_clear_pointer (&old, jc_store_free);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Closing (not destroying) lets each window save its size, and the
   * plan page what is typed in it: a window held open for that closes
   * itself when done, and the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  if (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL)
    g_application_quit (app);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  JcPreferencesWindow *prefs = jc_preferences_window_new (parent,
                                                         jc_application_get_store (JC_APPLICATION (user_data)));

  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The Jicai contributors", NULL };

  adw_show_about_window (parent,
                         /* TRANSLATORS: the application's name; in Chinese it is 集采 */
                         "application-name", _("Jicai"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Centralized procurement of raw materials for agency "
                                       "canteens: it keeps the catalog, the canteens and the "
                                       "vehicles, follows wholesale market prices, collects "
                                       "the canteens’ daily orders, and makes the purchase "
                                       "plan, the delivery plan and the monthly cost review."),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
};

static void
jc_application_startup (GApplication *app)
{
  JcApplication *self = JC_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (jc_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);

  self->started = TRUE;
  reload_store (self);
}

static void
jc_application_activate (GApplication *app)
{
  JcApplication *self = JC_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (jc_window_new (self));
  gtk_window_present (window);
}

static int
jc_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  JcApplication *self = JC_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    jc_application_set_db_path (self, db);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jicai %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
jc_application_finalize (GObject *object)
{
  JcApplication *self = JC_APPLICATION (object);

  g_clear_pointer (&self->store, jc_store_free);
  g_clear_error (&self->store_error);
  g_free (self->db_path);
  g_free (self->local_path);
  G_OBJECT_CLASS (jc_application_parent_class)->finalize (object);
}

static void
jc_application_class_init (JcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = jc_application_finalize;
  app_class->startup = jc_application_startup;
  app_class->activate = jc_application_activate;
  app_class->handle_local_options = jc_application_handle_local_options;

  /**
   * JcApplication::store-changed:
   * The store was opened, replaced or closed; jc_application_get_store()
   * and jc_application_get_store_error() say what there is now.
   */
  signals[STORE_CHANGED] = g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
jc_application_init (JcApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The database file (default: $JICAI_DB, else the user data folder)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  self->db_path = jc_store_resolve_path (NULL);
  self->local_path = jc_db_location_kind (self->db_path) == JC_DB_LOCATION_PATH
                       ? g_strdup (self->db_path) : jc_store_default_path ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

JcApplication *
jc_application_new (void)
{
  return g_object_new (JC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/jicai/Jicai",
                       NULL);
}

/**
 * jc_application_get_db_path:
 * Returns: (transfer none): the database file the application uses.
 */
const char *
jc_application_get_db_path (JcApplication *self)
{
  g_return_val_if_fail (JC_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * jc_application_set_db_path:
 * Uses another database file (NULL: $JICAI_DB, else the default).  After
 * startup this closes the current store and opens the new file if it
 * exists, emitting JcApplication::store-changed.
 */
void
jc_application_set_db_path (JcApplication *self,
                            const char    *path)
{
  g_autofree char *old = NULL;

  g_return_if_fail (JC_IS_APPLICATION (self));

  old = self->db_path;   /* `path` may be this very string */
  self->db_path = jc_store_resolve_path (path);
  if (jc_db_location_kind (self->db_path) == JC_DB_LOCATION_PATH)
    {
      g_free (self->local_path);
      self->local_path = g_strdup (self->db_path);
    }
  if (self->started)
    reload_store (self);
}

/**
 * jc_application_get_local_path:
 * Returns: (transfer none): the database file on this computer: the one
 * used last, else --db or $JICAI_DB when a path, else the default.  What
 * "Use a File on This Computer" goes back to.
 */
const char *
jc_application_get_local_path (JcApplication *self)
{
  g_return_val_if_fail (JC_IS_APPLICATION (self), NULL);

  return self->local_path;
}

/**
 * jc_application_use_store:
 * @store: (transfer full): a store open on `location` (the connect dialog
 *   opened it on its worker thread)
 * Makes `location` the application's database and `store` its store,
 * emitting JcApplication::store-changed; the windows switch to it before
 * the store open until now is closed.
 */
void
jc_application_use_store (JcApplication *self,
                          const char    *location,
                          JcStore       *store)
{
  JcStore *old;

  g_return_if_fail (JC_IS_APPLICATION (self));
  g_return_if_fail (location != NULL && store != NULL);

  old = g_steal_pointer (&self->store);
  g_free (self->db_path);
  self->db_path = g_strdup (location);
  if (jc_db_location_kind (location) == JC_DB_LOCATION_PATH)
    {
      g_free (self->local_path);
      self->local_path = g_strdup (location);
    }
  g_clear_error (&self->store_error);
  self->store = store;
  g_signal_emit (self, signals[STORE_CHANGED], 0);
  g_clear_pointer (&old, jc_store_free);
}

/**
 * jc_application_get_store:
 * Returns: (transfer none) (nullable): the open store of the main thread,
 * NULL when there is no database yet or it could not be opened.  It stays
 * valid until JcApplication::store-changed.
 */
JcStore *
jc_application_get_store (JcApplication *self)
{
  g_return_val_if_fail (JC_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * jc_application_get_store_error:
 * Returns: (transfer none) (nullable): why the database could not be
 * opened, or NULL.
 */
const GError *
jc_application_get_store_error (JcApplication *self)
{
  g_return_val_if_fail (JC_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * jc_application_open_store:
 * Opens the database, creating the file when it does not exist yet.
 * Opening is quick (a new file gets its tables, an old one is migrated),
 * so it runs on the main thread.  Emits JcApplication::store-changed
 * either way.
 * Returns: TRUE when a store is open, else FALSE with `error` set.
 */
gboolean
jc_application_open_store (JcApplication  *self,
                           GError        **error)
{
  g_return_val_if_fail (JC_IS_APPLICATION (self), FALSE);

  if (self->store != NULL)
    return TRUE;
  g_clear_error (&self->store_error);
  self->store = jc_store_open (self->db_path, &self->store_error);
  g_signal_emit (self, signals[STORE_CHANGED], 0);
  if (self->store == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->store_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * jc_application_get_today:
 * Sets `today` to the local date, or to $JICAI_TODAY (YYYY-MM-DD) when it
 * is set, so that tests and demonstrations get the same dates every time.
 */
void
jc_application_get_today (JcApplication *self,
                          GDate         *today)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (today != NULL);

  if (!jc_date_today (today, &error))
    g_message ("JICAI_TODAY=%s is not a date (YYYY-MM-DD); using the local date",
               g_getenv ("JICAI_TODAY"));
}
