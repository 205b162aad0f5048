/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-form-write.h: writing the order form a canteen fills in — an
 * XLSX workbook (libxlsxwriter) with its marker, or a CSV.  What the form
 * means (columns, headings, marker) is in jc-order-form.h. */
#pragma once

#include <glib.h>

#include "jc-order-form.h"

G_BEGIN_DECLS

gboolean        jc_order_form_write       (JcStore      *store,
                                           const char   *canteen_code,
                                           const char   *date,
                                           const char   *path,
                                           JcOutputFlags flags,
                                           GError      **error);
gboolean        jc_order_form_write_csv   (JcStore      *store,
                                           const char   *canteen_code,
                                           const char   *date,
                                           const char   *path,
                                           JcOutputFlags flags,
                                           GError      **error);

G_END_DECLS
