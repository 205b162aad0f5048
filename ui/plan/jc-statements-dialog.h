/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-statements-dialog.h: the canteen statements (对账单) of a month for
 * one canteen or for all active canteens at once, as PDF or XLSX files
 * (jc_statement_export_pdf() / _xlsx()).  The canteens are read and the
 * files written on GTask threads with their own store on the database
 * file; the export shows its progress and can be cancelled, and a
 * cancelled run leaves no half-written file behind. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define JC_TYPE_STATEMENTS_DIALOG (jc_statements_dialog_get_type ())
G_DECLARE_FINAL_TYPE (JcStatementsDialog, jc_statements_dialog, JC, STATEMENTS_DIALOG, AdwWindow)

JcStatementsDialog *jc_statements_dialog_new (GtkWindow  *parent,
                                              const char *db_path,
                                              const char *date);

G_END_DECLS
