/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-tasks.h: the Dashboard page's database work, on a worker
 * thread.
 *
 * The call runs on a GTask thread (jc-task.h) on its own connection to the
 * database of `store` (jc_store_open_same(); the page's store itself is
 * never used off the main thread), reads the day with jc_dashboard_read()
 * (core/jc-dashboard.h), closes the connection and hands back the figures
 * the main thread owns after _finish.  Nothing here touches a widget, formats a figure or writes SQL.
 * Pass a reference to the widget as `user_data` and drop it in the
 * callback.  A cancelled call finishes with G_IO_ERROR_CANCELLED. */
#pragma once

#include <gio/gio.h>

#include "jc-dashboard.h"
#include "jc-store.h"

G_BEGIN_DECLS

/* Reads the dashboard of `today` ("YYYY-MM-DD"). */
void         jc_dashboard_task_load        (JcStore             *store,
                                            const char          *today,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Returns: (transfer full): the figures; NULL with `error` set when the
 * database could not be opened or the call was cancelled. */
JcDashboard *jc_dashboard_task_load_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
