/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-demo-task.h: loading the demo world without blocking the UI.  The
 * worker thread opens its own JcStore on the database file (a JcStore is
 * one connection for one thread), runs jc_demo_load() and closes it; the
 * caller opens the file again on its thread once the task is done.
 * Progress is delivered on the caller's main context. */
#pragma once

#include <gio/gio.h>

#include "jc-demo.h"

G_BEGIN_DECLS

typedef void (*JcDemoTaskProgressFunc) (GObject    *source,
                                        double      fraction,
                                        const char *what);

void     jc_demo_task_run_async  (GObject                *source,
                                  const char             *path,
                                  const GDate            *today,
                                  JcDemoTaskProgressFunc  progress,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data);
gboolean jc_demo_task_run_finish (GAsyncResult           *result,
                                  JcDemoSummary          *summary,
                                  GError                **error);

G_END_DECLS
