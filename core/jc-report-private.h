/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-report-private.h: what the cost review's builder (jc-report.c) and its
 * decomposition (jc-report-decompose.c) share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* *acc += v; FALSE with JC_REPORT_ERROR_OVERFLOW when it would overflow. */
gboolean _jc_report_add_i64 (gint64  *acc,
                             gint64   v,
                             GError **error);

G_END_DECLS
