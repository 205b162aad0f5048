/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests of the window and the master-data pages share
 * (test-ui.c, test-ui-master.c, test-ui-preferences.c): a database with the
 * demo world (or a small fixture while resources/demo/ holds placeholders)
 * in a temporary folder, the application on it, "today" fixed at the
 * demo's last market day, and opening and closing the main window.  Each
 * test program links it once (tests/meson.build). */
#pragma once

#include <adwaita.h>
#include <curl/curl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "jc-test-ui.h"
#include "jc-application.h"
#include "jc-canteen-editor-private.h"
#include "jc-canteens-page-private.h"
#include "jc-catalog-page-private.h"
#include "jc-demo.h"
#include "jc-item-editor-private.h"
#include "jc-orders.h"
#include "jc-orders-page-private.h"
#include "jc-plan-page-private.h"
#include "jc-preferences-window-private.h"
#include "jc-calendar.h"
#include "jc-store-private.h"
#include "jc-prices-page-private.h"
#include "jc-record.h"
#include "jc-source-editor-private.h"
#include "jc-sources-page-private.h"
#include "jc-vehicle-editor.h"
#include "jc-vehicles-page-private.h"
#include "jc-window-private.h"

/* The demo's last market day; the application's "today" in these tests. */
#define TODAY "2026-11-27"
#define TOMORROW "2026-11-28"

typedef struct {
  char          *dir;
  char          *db_path;
  JcApplication *app;
} TestUiFixture;

extern TestUiFixture fx;

JcWindow *open_window         (void);
void      close_window        (JcWindow   *window);
gboolean  strv_has            (GPtrArray  *texts,
                               const char *text);
/* Whether resources/demo/ holds placeholders (the small fixture is loaded). */
gboolean  demo_is_placeholder (void);

/* Runs `tests` as one group over the fixture (set up once, torn down
 * once), as every test program's main() does: JICAI_TODAY, curl, GTK. */
int       test_ui_run         (const char              *name,
                               const struct CMUnitTest *tests,
                               size_t                   n_tests);
