/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the UI tests: the state and the real widgets of the statements
 * dialog, and its export without the native file chooser. */
#pragma once

#include "jc-statements-dialog.h"
#include "jc-statements-tasks.h"

G_BEGIN_DECLS

gboolean     _jc_statements_dialog_is_busy        (JcStatementsDialog *self);
/* The month choices ("YYYY-MM"), latest last, and the canteen choices:
 * "All canteens" first, then "CODE name" of each active canteen. */
GListModel  *_jc_statements_dialog_get_months     (JcStatementsDialog *self);
GListModel  *_jc_statements_dialog_get_canteens   (JcStatementsDialog *self);
const char  *_jc_statements_dialog_get_month      (JcStatementsDialog *self);
/* Selects through the combo rows; canteen NULL: all canteens.  FALSE for
 * a month or canteen not on offer. */
gboolean     _jc_statements_dialog_select         (JcStatementsDialog *self,
                                                   const char         *month,
                                                   const char         *canteen,
                                                   JcStatementsFormat  format);
/* What Export… does once the chooser answered: `path` is the folder (all
 * canteens) or the file (one canteen). */
void         _jc_statements_dialog_export_to      (JcStatementsDialog *self,
                                                   const char         *path);
/* The question asked before statements already in the chosen folder are
 * replaced ("cancel" or "replace"), or NULL when none is open. */
AdwMessageDialog *_jc_statements_dialog_get_replace_question (JcStatementsDialog *self);
/* The worker waits this long after writing each file before it keeps it,
 * so that a test can cancel while a file is being written. */
void         _jc_statements_dialog_set_step_delay (JcStatementsDialog *self,
                                                   guint               ms);
/* Files of the run so far (or of the last run). */
guint        _jc_statements_dialog_get_n_written  (JcStatementsDialog *self);
GtkLabel    *_jc_statements_dialog_get_result     (JcStatementsDialog *self);
GtkProgressBar *_jc_statements_dialog_get_progress (JcStatementsDialog *self);
GtkWidget   *_jc_statements_dialog_get_open_button (JcStatementsDialog *self);

G_END_DECLS
