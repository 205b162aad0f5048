/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-date-bar.c: the previous/next day buttons around the date button and
 * its calendar popover (jc-date-bar.h).  It holds a date and asks the
 * page's leave function before the person changes it; it never loads,
 * saves or asks anything itself. */
#include "config.h"

#define G_LOG_DOMAIN "jc-date-bar"

#include <glib/gi18n.h>

#include "jc-date-bar.h"
#include "jc-date.h"

struct _JcDateBar
{
  GtkWidget           parent_instance;

  GtkWidget          *previous;
  GtkMenuButton      *date_button;
  GtkPopover         *popover;
  GtkCalendar        *calendar;
  GtkWidget          *next;

  char                date[JC_DATE_LEN];
  gboolean            steps_enabled;

  JcDateBarLeaveFunc  leave_func;
  gpointer            leave_data;
  GDestroyNotify      leave_destroy;
};

G_DEFINE_FINAL_TYPE (JcDateBar, jc_date_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- dates -------------------------------------------------------------- */

/* Local midnight of a "YYYY-MM-DD" date; NULL when it is not one. */
static GDateTime *
date_time_new (const char *date)
{
  GDate day;

  if (!jc_date_parse (date, &day))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                g_date_get_day (&day), 0, 0, 0);
}

/**
 * jc_date_bar_format_date:
 * @date: "YYYY-MM-DD"
 * The date as the bar shows it, with the weekday; the pages write their
 * dates (titles, dialogs) the same way.
 * Returns: (transfer full): the date for a person to read; `date` itself
 * when it is not a date.
 */
char *
jc_date_bar_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = date_time_new (date);

  if (dt == NULL)
    return g_strdup (date ? date : "");
  /* TRANSLATORS: a delivery date, g_date_time_format() codes; Chinese: "%Y年%-m月%-d日 %a" */
  return g_date_time_format (dt, C_("delivery date", "%a %-d %b %Y"));
}

/* ---- showing the date --------------------------------------------------- */

static void
update_widgets (JcDateBar *self)
{
  g_autofree char *label = jc_date_bar_format_date (self->date);
  g_autoptr(GDateTime) dt = date_time_new (self->date);

  gtk_menu_button_set_label (self->date_button, label);
  if (dt != NULL)
    {
      g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                       self);
      gtk_calendar_select_day (self->calendar, dt);
      g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                         NULL, self);
    }
}

static void
update_actions (JcDateBar *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date-bar.previous-day", self->steps_enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "date-bar.next-day", self->steps_enabled);
}

/* ---- the person's changes ---------------------------------------------- */

static gboolean
request_date (JcDateBar  *self,
              const char *date)
{
  if (g_str_equal (date, self->date))
    {
      update_widgets (self);
      return FALSE;
    }
  if (self->leave_func != NULL && !self->leave_func (self, date, self->leave_data))
    {
      update_widgets (self);
      return FALSE;
    }
  jc_date_bar_set_date (self, date);
  return TRUE;
}

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             JcDateBar   *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

  gtk_popover_popdown (self->popover);
  request_date (self, date);
}

static void
previous_day_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  jc_date_bar_step (JC_DATE_BAR (widget), -1);
}

static void
next_day_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  jc_date_bar_step (JC_DATE_BAR (widget), 1);
}

/* ---- the type ----------------------------------------------------------- */

static void
jc_date_bar_dispose (GObject *object)
{
  JcDateBar *self = JC_DATE_BAR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->leave_destroy != NULL)
    self->leave_destroy (self->leave_data);
  self->leave_func = NULL;
  self->leave_data = NULL;
  self->leave_destroy = NULL;

  G_OBJECT_CLASS (jc_date_bar_parent_class)->dispose (object);
}

static void
jc_date_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  JcDateBar *self = JC_DATE_BAR (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_date_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  JcDateBar *self = JC_DATE_BAR (object);

  switch (prop_id)
    {
    case PROP_DATE:
      jc_date_bar_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_date_bar_class_init (JcDateBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_date_bar_dispose;
  object_class->get_property = jc_date_bar_get_property;
  object_class->set_property = jc_date_bar_set_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "date-bar.previous-day", NULL,
                                   previous_day_activated);
  gtk_widget_class_install_action (widget_class, "date-bar.next-day", NULL, next_day_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "date-bar.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "date-bar.next-day", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
jc_date_bar_init (JcDateBar *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");
  GtkWidget *calendar;

  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  self->steps_enabled = TRUE;
  g_strlcpy (self->date, date, sizeof self->date);

  self->previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->previous), "date-bar.previous-day");
  gtk_widget_set_tooltip_text (self->previous, _("Previous delivery day (Alt+Left)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Previous delivery day (Alt+Left)"), -1);
  gtk_widget_set_parent (self->previous, GTK_WIDGET (self));

  self->date_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_button), _("Choose the delivery date"));
  self->popover = GTK_POPOVER (gtk_popover_new ());
  calendar = gtk_calendar_new ();
  self->calendar = GTK_CALENDAR (calendar);
  gtk_popover_set_child (self->popover, calendar);
  gtk_menu_button_set_popover (self->date_button, GTK_WIDGET (self->popover));
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_calendar_day_selected_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->date_button), GTK_WIDGET (self));

  self->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next), "date-bar.next-day");
  gtk_widget_set_tooltip_text (self->next, _("Next delivery day (Alt+Right)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Next delivery day (Alt+Right)"), -1);
  gtk_widget_set_parent (self->next, GTK_WIDGET (self));

  update_widgets (self);
  update_actions (self);
}

/* ---- public ------------------------------------------------------------- */

GtkWidget *
jc_date_bar_new (void)
{
  return g_object_new (JC_TYPE_DATE_BAR, NULL);
}

const char *
jc_date_bar_get_date (JcDateBar *self)
{
  g_return_val_if_fail (JC_IS_DATE_BAR (self), NULL);

  return self->date;
}

/**
 * jc_date_bar_set_date:
 * @date: "YYYY-MM-DD"
 * Shows `date` without asking the leave function; notifies "date" when it
 * changed.
 */
void
jc_date_bar_set_date (JcDateBar  *self,
                      const char *date)
{
  char normal[JC_DATE_LEN];

  g_return_if_fail (JC_IS_DATE_BAR (self));

  if (!jc_date_shift (date, 0, normal))
    {
      g_critical ("%s: “%s” is not a date (YYYY-MM-DD)", G_STRFUNC, date ? date : "(null)");
      return;
    }
  if (g_str_equal (normal, self->date))
    return;
  g_strlcpy (self->date, normal, sizeof self->date);
  update_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/**
 * jc_date_bar_set_leave_func:
 * Sets the function asked before the person changes the date (NULL: none);
 * `destroy` frees `user_data` when replaced or when the bar is disposed.
 */
void
jc_date_bar_set_leave_func (JcDateBar          *self,
                            JcDateBarLeaveFunc  func,
                            gpointer            user_data,
                            GDestroyNotify      destroy)
{
  g_return_if_fail (JC_IS_DATE_BAR (self));

  if (self->leave_destroy != NULL)
    self->leave_destroy (self->leave_data);
  self->leave_func = func;
  self->leave_data = user_data;
  self->leave_destroy = destroy;
}

/**
 * jc_date_bar_step:
 * @days: -1 for the previous day, 1 for the next
 * What the previous/next buttons do: nothing while steps are off, else
 * asks the leave function and moves the date.
 * Returns: TRUE when the date changed.
 */
gboolean
jc_date_bar_step (JcDateBar *self,
                  int        days)
{
  char date[JC_DATE_LEN];

  g_return_val_if_fail (JC_IS_DATE_BAR (self), FALSE);

  if (!self->steps_enabled || days == 0 || !jc_date_shift (self->date, days, date))
    return FALSE;
  return request_date (self, date);
}

/**
 * jc_date_bar_choose:
 * What a day picked in the calendar does: asks the leave function and
 * shows `date` ("YYYY-MM-DD").
 * Returns: TRUE when the date changed.
 */
gboolean
jc_date_bar_choose (JcDateBar  *self,
                    const char *date)
{
  g_return_val_if_fail (JC_IS_DATE_BAR (self), FALSE);
  g_return_val_if_fail (jc_date_is_valid (date), FALSE);

  return request_date (self, date);
}

void
jc_date_bar_set_steps_enabled (JcDateBar *self,
                               gboolean   enabled)
{
  g_return_if_fail (JC_IS_DATE_BAR (self));

  self->steps_enabled = !!enabled;
  update_actions (self);
}

static gboolean
shortcut_step_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  g_autoptr(GtkWidget) bar = g_weak_ref_get (user_data);

  if (bar == NULL || !gtk_widget_is_sensitive (bar))
    return FALSE;
  jc_date_bar_step (JC_DATE_BAR (bar), g_variant_get_int32 (args));
  return TRUE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * jc_date_bar_add_shortcuts:
 * @widget: the page holding the bar
 * Alt+Left and Alt+Right anywhere in `widget` step the bar's day.
 */
void
jc_date_bar_add_shortcuts (JcDateBar *self,
                           GtkWidget *widget)
{
  GtkEventController *keys;
  struct { guint key; int step; } bindings[] = { { GDK_KEY_Left, -1 }, { GDK_KEY_Right, 1 } };

  g_return_if_fail (JC_IS_DATE_BAR (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (keys),
        gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (bindings[i].key, GDK_ALT_MASK),
                                         gtk_callback_action_new (shortcut_step_cb, ref,
                                                                  weak_ref_free),
                                         "i", bindings[i].step));
    }
  gtk_widget_add_controller (widget, keys);
}
