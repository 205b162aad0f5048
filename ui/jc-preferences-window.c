/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-preferences-window.c: order cutoff, price staleness, deactivated
 * records.  Every change is saved at once; a cutoff that is not a time is
 * shown as wrong and not saved. */
#include "config.h"

#define G_LOG_DOMAIN "jc-preferences-window"

#include <glib/gi18n.h>

#include "jc-master.h"
#include "jc-preferences-window-private.h"

struct _JcPreferencesWindow {
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkWidget            *cutoff_row;
  GtkLabel             *cutoff_caption;
  GtkAdjustment        *stale_days_adjustment;
  GtkWidget            *show_inactive_switch;
};

G_DEFINE_FINAL_TYPE (JcPreferencesWindow, jc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

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
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "cutoff-time", normalized);
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

static void
jc_preferences_window_dispose (GObject *object)
{
  JcPreferencesWindow *self = JC_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_child (widget_class, JcPreferencesWindow, show_inactive_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_cutoff_changed_cb);
}

static void
jc_preferences_window_init (JcPreferencesWindow *self)
{
  g_autofree char *cutoff = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The row is filled before the settings are known, so that filling it
   * does not write the setting back. */
  self->settings = NULL;
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    cutoff = g_settings_get_string (settings, "cutoff-time");
    gtk_editable_set_text (GTK_EDITABLE (self->cutoff_row), cutoff);
    self->settings = g_steal_pointer (&settings);
  }
  g_settings_bind (self->settings, "stale-days", self->stale_days_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-inactive", self->show_inactive_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * jc_preferences_window_new:
 * Returns: (transfer none): the preferences, modal for `parent`.
 */
JcPreferencesWindow *
jc_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (JC_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
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
