/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page.h: the monthly cost review of a month, for all canteens or
 * one — the key figures and the claim check of the PDF's cover, the same
 * charts (13-month spend, our price index against the market's, the
 * year-on-year decomposition, spend by canteen and by category), the top
 * price movers with each item's last 13 months; the review as PDF, XLSX,
 * CSV and print.  Every database call runs on a worker thread with its own
 * store on the database file; a new month cancels the computation of the
 * one before. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_REPORTS_PAGE (jc_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (JcReportsPage, jc_reports_page, JC, REPORTS_PAGE, AdwBin)

GtkWidget  *jc_reports_page_new          (const char    *db_path);
void        jc_reports_page_set_db_path  (JcReportsPage *self,
                                          const char    *db_path);
const char *jc_reports_page_get_db_path  (JcReportsPage *self);
/* "YYYY-MM"; the month before today's ($JICAI_TODAY moves today) at first. */
void        jc_reports_page_set_month    (JcReportsPage *self,
                                          const char    *month);
const char *jc_reports_page_get_month    (JcReportsPage *self);
void        jc_reports_page_reload       (JcReportsPage *self);

G_END_DECLS
