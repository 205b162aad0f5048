/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "jc-window"

#include <glib/gi18n.h>

#include "jc-window.h"

struct _JcWindow {
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (JcWindow, jc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
jc_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_WINDOW);
  G_OBJECT_CLASS (jc_window_parent_class)->dispose (object);
}

static void
jc_window_class_init (JcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jicai/Jicai/ui/jc-window.ui");
}

static void
jc_window_init (JcWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JcWindow *
jc_window_new (JcApplication *app)
{
  return g_object_new (JC_TYPE_WINDOW, "application", app, NULL);
}
