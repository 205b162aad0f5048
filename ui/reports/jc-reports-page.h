/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page.h: the monthly cost review of a month, for all canteens or
 * one — the key figures and the claim check of the PDF's cover, the same
 * charts (13-month spend, our price index against the market's, the
 * year-on-year decomposition, spend by canteen and by category), the top
 * price movers with each item's last 13 months; the review as PDF, XLSX,
 * CSV and print.  Every database call runs on a worker thread
 * (jc-report-tasks.h) with its own store on the given store's file; a new
 * month cancels the computation of the one before. */
#pragma once

#include <adwaita.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_TYPE_REPORTS_PAGE (jc_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (JcReportsPage, jc_reports_page, JC, REPORTS_PAGE, AdwBin)

/* `store` (nullable, transfer none): the database; it must stay open
 * until another is set.  Every worker opens its own store on its file. */
GtkWidget  *jc_reports_page_new          (JcStore       *store);
void        jc_reports_page_set_store    (JcReportsPage *self,
                                          JcStore       *store);
JcStore    *jc_reports_page_get_store    (JcReportsPage *self);
/* The file of the store shown, NULL: none. */
const char *jc_reports_page_get_db_path  (JcReportsPage *self);
/* "YYYY-MM"; the month before today's ($JICAI_TODAY moves today) at first. */
void        jc_reports_page_set_month    (JcReportsPage *self,
                                          const char    *month);
const char *jc_reports_page_get_month    (JcReportsPage *self);
void        jc_reports_page_reload       (JcReportsPage *self);

G_END_DECLS
