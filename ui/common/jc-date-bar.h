/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-date-bar.h: the day a page shows, and the way a person changes it —
 * previous and next day buttons (Alt+Left, Alt+Right) around a button that
 * shows the date and opens a calendar.  One widget for the orders, plan,
 * deliveries and dashboard pages.
 *
 * The bar holds a "YYYY-MM-DD" date and says when it changes (notify::date);
 * it loads nothing and knows no page.  Before a change the person asked for
 * it calls the page's leave function, which may refuse (unsaved edits: the
 * page asks and later calls jc_date_bar_set_date()).  A template that holds
 * a JcDateBar needs g_type_ensure (JC_TYPE_DATE_BAR) in its class_init. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define JC_TYPE_DATE_BAR (jc_date_bar_get_type ())
G_DECLARE_FINAL_TYPE (JcDateBar, jc_date_bar, JC, DATE_BAR, GtkWidget)

/* Called before the person's change to `new_date`; FALSE keeps the date
 * (the bar shows it again). */
typedef gboolean (*JcDateBarLeaveFunc) (JcDateBar  *bar,
                                        const char *new_date,
                                        gpointer    user_data);

/* A bar showing tomorrow, the next delivery day. */
GtkWidget  *jc_date_bar_new              (void);

const char *jc_date_bar_get_date         (JcDateBar          *bar);
/* Shows `date` ("YYYY-MM-DD") without asking the leave function; a date
 * that is not one is a programmer error (a critical). */
void        jc_date_bar_set_date         (JcDateBar          *bar,
                                          const char         *date);
void        jc_date_bar_set_leave_func   (JcDateBar          *bar,
                                          JcDateBarLeaveFunc  func,
                                          gpointer            user_data,
                                          GDestroyNotify      destroy);

/* What the person's previous/next buttons and a calendar day do: asks the
 * leave function, then changes the date.  Returns TRUE when it changed. */
gboolean    jc_date_bar_step             (JcDateBar          *bar,
                                          int                 days);
gboolean    jc_date_bar_choose           (JcDateBar          *bar,
                                          const char         *date);

/* Whether the previous/next buttons and their keys step (the orders page
 * turns them off while an order is open); the calendar stays. */
void        jc_date_bar_set_steps_enabled (JcDateBar         *bar,
                                           gboolean           enabled);

/* Adds Alt+Left and Alt+Right to `widget` (the page the bar belongs to),
 * so the keys step the day wherever the focus is inside the page.
 * Without this they work while the focus is in the bar. */
void        jc_date_bar_add_shortcuts    (JcDateBar          *bar,
                                          GtkWidget          *widget);

/* `date` ("YYYY-MM-DD") as the bar shows it, with the weekday, for the
 * pages to write their dates the same way; `date` itself when it is not
 * one.  Returns a newly allocated string. */
char       *jc_date_bar_format_date      (const char         *date);

G_END_DECLS
