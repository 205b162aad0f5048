/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the plan page's tests share: the fixture (a database of three
 * canteens' orders over four delivery dates, the store the pages are given)
 * and the helpers that open the page and drive it.  test-plan-page.c holds
 * the fixture, the plan's screens, locking and unlocking;
 * test-plan-page-actuals.c the recording of what was bought, the late
 * orders, the close that waits for the saves and the reason dialogs. */
#pragma once

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "jc-test-ui.h"
#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-ui-util.h"
#include "jc-plan-page-private.h"
#include "jc-plan-tasks.h"
#include "jc-plan.h"
#include "jc-prices.h"

#define DATE "2026-12-01"
#define DATE_BEFORE "2026-11-27"   /* Friday: stale for Tuesday's plan, made on Monday */
#define DATE2 "2026-12-02"
#define DATE3 "2026-12-03"   /* locked: typing in what was bought */
#define DATE4 "2026-12-04"   /* the late orders in Chinese */

typedef struct {
  char    *dir;
  char    *db_path;
  JcStore *store;    /* the store the pages are given, open for the test */
} PlanPageFixture;

extern PlanPageFixture fx;

/* test-plan-page.c: the page opened and driven */
JcPlan             *load_plan (const char *date);
void                submit_late (const char *date,
                                 const char *canteen,
                                 const char *item_code,
                                 gint64 qty_milli);
AdwMessageDialog   *click_lock_expecting_question (JcPlanPage *page);
void                reload (JcPlanPage *page);
GtkWindow          *open_page (const char *date, JcPlanPage **out_page);
void                wait_idle (JcPlanPage *page);
void                wait_idle_page (JcPlanPage *page);
const char         *label_text (JcPlanPage *page, const char *name);

/* test-plan-page-actuals.c */
void test_recording (void **state);
void test_late_orders (void **state);
void test_close_saves (void **state);
void test_reason_dialog (void **state);
