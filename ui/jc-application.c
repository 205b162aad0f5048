/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-application"

#include <glib/gi18n.h>

#include "jc-application.h"
#include "jc-window.h"

struct _JcApplication {
  AdwApplication parent_instance;
  char          *db_path;
};

G_DEFINE_FINAL_TYPE (JcApplication, jc_application, ADW_TYPE_APPLICATION)

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

  if (g_variant_dict_lookup (options, "db", "&s", &db))
    {
      g_free (self->db_path);
      self->db_path = jc_store_resolve_path (db);
    }
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

  g_free (self->db_path);
  G_OBJECT_CLASS (jc_application_parent_class)->finalize (object);
}

static void
jc_application_class_init (JcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = jc_application_finalize;
  app_class->activate = jc_application_activate;
  app_class->handle_local_options = jc_application_handle_local_options;
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

const char *
jc_application_get_db_path (JcApplication *self)
{
  return self->db_path;
}
