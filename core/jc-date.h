/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-date.h: calendar dates and months as the rest of jicai writes them —
 * "YYYY-MM-DD" and "YYYY-MM" — parsed strictly (four-digit year, two-digit
 * month and day, a day that exists), shifted by days or months, and "today"
 * in one place, honouring $JICAI_TODAY so that tests and demonstrations see
 * the same world whatever day they run.
 *
 * Plain text and GDate only: no time of day, no time zone beyond "local",
 * no working days (jc-calendar knows the office calendar), no I/O. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Room for "YYYY-MM-DD" and "YYYY-MM" with their terminating NUL. */
#define JC_DATE_LEN  11
#define JC_MONTH_LEN 8

/* ---- days ---------------------------------------------------------------- */

/* TRUE when `text` is exactly "YYYY-MM-DD" (digits, '-' at 4 and 7) and names
 * a day of the calendar (year 0001 to 9999; 29 February only in leap years).
 * `out` (may be NULL) then holds that day; otherwise it is cleared. */
gboolean     jc_date_parse           (const char  *text,
                                      GDate       *out);
gboolean     jc_date_is_valid        (const char  *text);
/* TRUE when `date` is a date; else FALSE with JC_VALIDATE_ERROR saying
 * "FIELD: “…” is not a date (YYYY-MM-DD)" (no prefix when `field` is NULL). */
gboolean     jc_date_check           (const char  *field,
                                      const char  *date,
                                      GError     **error);

/* "YYYY-MM-DD" of a valid GDate. */
void         jc_date_format          (const GDate *date,
                                      char         out[JC_DATE_LEN]);

/* The valid day `days` days after `date` (before when negative) in `out`;
 * FALSE when `date` is not a date or the result leaves years 1 to 9999. */
gboolean     jc_date_shift           (const char  *date,
                                      int          days,
                                      char         out[JC_DATE_LEN]);

/* Days from `from` to `to` (negative when `to` is earlier) in `out_days`;
 * FALSE when either is not a date. */
gboolean     jc_date_days_between    (const char  *from,
                                      const char  *to,
                                      int         *out_days);

/* "YYYY-MM" of the month holding `date`; FALSE when `date` is not a date. */
gboolean     jc_date_get_month       (const char  *date,
                                      char         out[JC_MONTH_LEN]);

/* ---- today ---------------------------------------------------------------- */

/* Today: the local date, or $JICAI_TODAY (YYYY-MM-DD) when it is set and not
 * empty.  When $JICAI_TODAY is set but is not a date, `out` still receives
 * the local date and the function returns FALSE with an error
 * (G_OPTION_ERROR_BAD_VALUE) saying so — the CLI refuses to go on, the
 * GUI logs it and goes on with the local date. */
gboolean     jc_date_today           (GDate       *out,
                                      GError     **error);
/* The same as text; the local date when $JICAI_TODAY is bad. */
void         jc_date_today_string    (char         out[JC_DATE_LEN]);

/* ---- timestamps ------------------------------------------------------------ */

/* The stored form of a moment: UTC, "2026-12-07T15:38:16Z".  `at` may be in
 * any time zone; NULL means now.  Free with g_free(). */
char        *jc_timestamp_format     (GDateTime   *at);

/* ---- months --------------------------------------------------------------- */

/* TRUE when `text` is exactly "YYYY-MM" (year 0001–9999, month 01–12); the
 * parts go to `out_year` and `out_month` when not NULL. */
gboolean     jc_month_parse          (const char  *text,
                                      int         *out_year,
                                      int         *out_month);
/* "YYYY-MM" of year `year` (1–9999) and month `month` (1–12). */
void         jc_month_format         (int          year,
                                      int          month,
                                      char         out[JC_MONTH_LEN]);
/* The month `months` months after `month` (before when negative). */
gboolean     jc_month_shift          (const char  *month,
                                      int          months,
                                      char         out[JC_MONTH_LEN]);
/* Days in the month (28 to 31); 0 when `month` is not a month. */
int          jc_month_get_n_days     (const char  *month);
/* "YYYY-MM-01" and the month's last day. */
gboolean     jc_month_first_day      (const char  *month,
                                      char         out[JC_DATE_LEN]);
gboolean     jc_month_last_day       (const char  *month,
                                      char         out[JC_DATE_LEN]);

G_END_DECLS
