/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-format.c: money, timestamps, cutoff and statuses as a person reads them. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-format"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "jc-order-format.h"
#include "jc-format.h"
#include "jc-units.h"

/**
 * jc_order_format_money:
 * Returns: (transfer full): fen as yuan with digit groups, "¥1,234.50".
 */
char *
jc_order_format_money (gint64 fen)
{
  return jc_format_money (fen, JC_FORMAT_GROUPS | JC_FORMAT_YUAN);
}

/**
 * jc_order_format_timestamp:
 * Returns: (transfer full): an ISO 8601 time (as the store writes it, in
 * UTC) in local time: "2026-11-30 14:05", or with `short_form` only the
 * time when it is today; "" for NULL or an empty text.
 */
char *
jc_order_format_timestamp (const char *iso_utc,
                           gboolean    short_form)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (iso_utc == NULL || *iso_utc == '\0')
    return g_strdup ("");
  at = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (at == NULL)
    return g_strdup (iso_utc);
  local = g_date_time_to_local (at);
  if (short_form && g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* TRANSLATORS: a time today, g_date_time_format() codes */
    return g_date_time_format (local, C_("time today", "%H:%M"));
  /* TRANSLATORS: a date and time, g_date_time_format() codes */
  return g_date_time_format (local, C_("date and time", "%Y-%m-%d %H:%M"));
}

/**
 * jc_order_format_duration:
 * Returns: (transfer full): a time span in days, hours and minutes, short:
 * "3 h 20 min".
 */
char *
jc_order_format_duration (GTimeSpan span)
{
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  int days = (int) (minutes / (24 * 60));
  int hours = (int) (minutes / 60 % 24);
  int mins = (int) (minutes % 60);

  if (days > 0)
    /* TRANSLATORS: days and hours left, short; Chinese: "%d 天 %d 小时" */
    return g_strdup_printf (C_("duration", "%d d %d h"), days, hours);
  if (hours > 0)
    /* TRANSLATORS: hours and minutes left, short; Chinese: "%d 小时 %d 分钟" */
    return g_strdup_printf (C_("duration", "%d h %d min"), hours, mins);
  /* TRANSLATORS: minutes left, short; Chinese: "%d 分钟" */
  return g_strdup_printf (C_("duration", "%d min"), MAX (mins, 1));
}

static GDateTime *
parse_cutoff (const char *cutoff)
{
  int y, mo, d, h, mi;

  if (cutoff == NULL || sscanf (cutoff, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

/**
 * jc_order_format_cutoff_time:
 * @cutoff: the cutoff as jc_orders_cutoff_for() gives it, local "YYYY-MM-DDTHH:MM"
 * @now: (nullable): the time to count from; NULL: the clock
 * Returns: (transfer full): when the cutoff is, seen from `now`: "14:00
 * today", "10:00 yesterday", "Mon 28 Dec 14:00"; "" when `cutoff` is not
 * a time.
 */
char *
jc_order_format_cutoff_time (const char *cutoff,
                             GDateTime  *now)
{
  g_autoptr(GDateTime) real_now = NULL;
  g_autoptr(GDateTime) at = parse_cutoff (cutoff);
  g_autofree char *hhmm = NULL;
  GDate at_day, now_day;
  int days;

  if (at == NULL)
    return g_strdup ("");
  if (now == NULL)
    now = real_now = g_date_time_new_now_local ();
  hhmm = g_date_time_format (at, C_("time today", "%H:%M"));
  g_date_clear (&at_day, 1);
  g_date_clear (&now_day, 1);
  g_date_set_dmy (&at_day, (GDateDay) g_date_time_get_day_of_month (at),
                  (GDateMonth) g_date_time_get_month (at), (GDateYear) g_date_time_get_year (at));
  g_date_set_dmy (&now_day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  days = g_date_days_between (&now_day, &at_day);
  if (days == 0)
    /* TRANSLATORS: %s is a time; Chinese: "今天 %s" */
    return g_strdup_printf (_("%s today"), hhmm);
  if (days == 1)
    /* TRANSLATORS: %s is a time; Chinese: "明天 %s" */
    return g_strdup_printf (_("%s tomorrow"), hhmm);
  if (days == -1)
    /* TRANSLATORS: %s is a time; Chinese: "昨天 %s" */
    return g_strdup_printf (_("%s yesterday"), hhmm);
  /* TRANSLATORS: the cutoff on another day, g_date_time_format() codes; Chinese: "%-m月%-d日 %H:%M" */
  return g_date_time_format (at, C_("cutoff date", "%a %-d %b %H:%M"));
}

/**
 * jc_order_format_cutoff:
 * @cutoff: the cutoff as jc_orders_cutoff_for() gives it, local "YYYY-MM-DDTHH:MM"
 * @now: (nullable): the time to count from; NULL: the clock
 * @out_past: (out) (optional): whether `now` is after the cutoff
 * Returns: (transfer full): "Cutoff 14:00 today — 3 h 20 min left" or
 * "Cutoff passed (14:00 yesterday)".
 */
char *
jc_order_format_cutoff (const char *cutoff,
                        GDateTime  *now,
                        gboolean   *out_past)
{
  g_autoptr(GDateTime) real_now = NULL;
  g_autoptr(GDateTime) at = parse_cutoff (cutoff);
  g_autofree char *when = NULL;
  gboolean past;

  if (out_past != NULL)
    *out_past = FALSE;
  if (at == NULL)
    return g_strdup ("");
  if (now == NULL)
    now = real_now = g_date_time_new_now_local ();
  past = g_date_time_compare (now, at) > 0;
  if (out_past != NULL)
    *out_past = past;
  when = jc_order_format_cutoff_time (cutoff, now);
  if (past)
    /* TRANSLATORS: %s is when the cutoff was, e.g. "14:00 yesterday" */
    return g_strdup_printf (_("Cutoff passed (%s)"), when);
  {
    g_autofree char *left = jc_order_format_duration (g_date_time_difference (at, now));

    /* TRANSLATORS: the cutoff for orders and the time left until it, e.g.
     * "Cutoff 14:00 today — 3 h 20 min left"; Chinese: "截单时间 %s — 还剩 %s" */
    return g_strdup_printf (_("Cutoff %s — %s left"), when, left);
  }
}

/**
 * jc_order_format_base_qty:
 * Returns: (transfer full): a quantity in milli base units with its unit:
 * "15 kg", "60 pieces".
 */
char *
jc_order_format_base_qty (gint64     qty_milli,
                          JcBaseUnit unit)
{
  g_autofree char *qty = jc_format_qty (qty_milli);

  switch (unit)
    {
    case JC_BASE_UNIT_PIECE:
      /* TRANSLATORS: a number of pieces; Chinese: "%s 个" */
      return g_strdup_printf (ngettext ("%s piece", "%s pieces",
                                        qty_milli == 1000 ? 1 : 2), qty);
    case JC_BASE_UNIT_L:
      /* TRANSLATORS: litres, "2.5 L" */
      return g_strdup_printf (C_("quantity", "%s L"), qty);
    case JC_BASE_UNIT_KG:
    default:
      /* TRANSLATORS: kilograms, "15 kg"; Chinese: "%s 公斤" or keep kg */
      return g_strdup_printf (C_("quantity", "%s kg"), qty);
    }
}

/**
 * jc_order_format_action:
 * Returns: (transfer none): an audit action ("add", "late", …) for a person.
 */
const char *
jc_order_format_action (const char *action)
{
  static const struct { const char *action; const char *text; } actions[] = {
    { "create", NC_("order history", "Created") },
    { "add", NC_("order history", "Line added") },
    { "change", NC_("order history", "Line changed") },
    { "remove", NC_("order history", "Line removed") },
    { "submit", NC_("order history", "Submitted") },
    { "lock", NC_("order history", "Locked") },
    { "unlock", NC_("order history", "Unlocked") },
    { "amend", NC_("order history", "Amended") },
    { "late", NC_("order history", "Late amendment accepted") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (action, actions[i].action) == 0)
      return g_dpgettext2 (NULL, "order history", actions[i].text);
  return action ? action : "";
}

/**
 * jc_order_set_status_pill:
 * Shows `status` on a label as a coloured pill.
 */
void
jc_order_set_status_pill (GtkWidget     *label,
                          JcOrderStatus  status)
{
  static const char *classes[] = { "not-started", "draft", "submitted", "locked" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_add_css_class (label, "jc-pill");
  if ((guint) status < G_N_ELEMENTS (classes))
    gtk_widget_add_css_class (label, classes[status]);
  gtk_label_set_text (GTK_LABEL (label), jc_order_status_to_display (status));
}

/* The pills of the orders UI.  Loaded once for the default display, at
 * application priority so a theme's own rules stay below them. */
static const char style[] =
  ".jc-pill { border-radius: 999px; padding: 1px 10px; font-size: 0.9em; font-weight: bold; }\n"
  ".jc-pill.not-started { background-color: alpha(currentColor, 0.08); color: alpha(currentColor, 0.7); }\n"
  ".jc-pill.draft { background-color: @warning_bg_color; color: @warning_fg_color; }\n"
  ".jc-pill.submitted { background-color: @success_bg_color; color: @success_fg_color; }\n"
  ".jc-pill.locked { background-color: @accent_bg_color; color: @accent_fg_color; }\n"
  ".jc-pill.late { background-color: @error_bg_color; color: @error_fg_color; }\n"
  ".jc-pill.spike { background-color: @warning_bg_color; color: @warning_fg_color; }\n"
  ".jc-entry-row { padding: 6px 12px; }\n"
  ".jc-entry-error { color: @error_color; }\n";

void
jc_order_ensure_style (void)
{
  static gboolean done = FALSE;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done || display == NULL)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, style, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
