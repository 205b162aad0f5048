/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-purchases.h: recording what was actually bought from a CSV file
 * (`date,item,qty,unit,price,price_unit`, UTF-8 or GB18030).  The whole
 * file is checked first and every bad line reported; it is stored in one
 * transaction, or not at all. */
#pragma once

#include <glib.h>

#include "jc-store.h"

G_BEGIN_DECLS

#define JC_PURCHASES_ERROR (jc_purchases_error_quark ())

/* A purchases file may be this large at the most. */
#define JC_PURCHASES_MAX_FILE_BYTES ((guint64) 64 * 1024 * 1024)

typedef enum {
  JC_PURCHASES_ERROR_FAILED,
  JC_PURCHASES_ERROR_INVALID,   /* bad lines: see the problems */
} JcPurchasesError;

GQuark   jc_purchases_error_quark (void);

/* Reads `path` and records every line with jc_plan_record_purchase() as
 * `who`, in one transaction.  Each problem is appended to `problems` (owned
 * strings "PATH:LINE:COLUMN: field: what is wrong"); with any problem
 * nothing is stored and JC_PURCHASES_ERROR_INVALID is set.  *out_n: the
 * lines recorded. */
gboolean jc_purchases_import_csv  (JcStore     *store,
                                   const char  *path,
                                   const char  *who,
                                   GPtrArray   *problems,
                                   guint       *out_n,
                                   GError     **error);

G_END_DECLS
