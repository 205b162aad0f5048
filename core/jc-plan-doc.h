/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-doc.h: the documents of a purchase plan — the purchase order
 * (采购单) drawn with cairo + pango on any cairo_t (a PDF page, a print
 * page, an on-screen preview), its PDF and XLSX exports, and the monthly
 * per-canteen statement (对账单) built from the plans' allocations.
 *
 * Money stays integer fen everywhere; only the XLSX writer turns fen into
 * a number of yuan, at the cell.  Nothing here runs SQL: the plans come
 * from jc_plan_load(). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "jc-output.h"
#include "jc-paged-doc.h"
#include "jc-plan.h"
#include "jc-store.h"

G_BEGIN_DECLS

#define JC_PLAN_DOC_ERROR (jc_plan_doc_error_quark ())

typedef enum {
  JC_PLAN_DOC_ERROR_FAILED,     /* the file could not be written */
  JC_PLAN_DOC_ERROR_INVALID,    /* a bad canteen, month or date */
} JcPlanDocError;

GQuark    jc_plan_doc_error_quark (void);

/* A4 portrait in PostScript points. */
#define JC_PLAN_DOC_A4_WIDTH  595.2756
#define JC_PLAN_DOC_A4_HEIGHT 841.8898

/* How many pages the purchase order of `plan` takes.  The layout is that of
 * an A4 page scaled to fit page_w × page_h, so the count does not depend on
 * the size. */
guint     jc_plan_doc_n_pages    (const JcPlan *plan,
                                  double        page_w,
                                  double        page_h);
/* Draws page `page` (0-based) of the purchase order on `cr`, in a
 * page_w × page_h area at the origin; the caller's state is restored. */
void      jc_plan_doc_draw_page  (cairo_t      *cr,
                                  const JcPlan *plan,
                                  guint         page,
                                  double        page_w,
                                  double        page_h);

/* The purchase order as a paged document, titled "Purchase order DATE" in
 * the user's language.  It is laid out here, once, and keeps its own copy
 * of every cell: `plan` is not referenced after the call. */
JcPagedDoc *jc_plan_doc_paged_new (const JcPlan *plan);

gboolean  jc_plan_export_pdf     (const JcPlan   *plan,
                                  const char     *path,
                                  JcOutputFlags   flags,
                                  GError        **error);
/* Sheet 1 "采购单 Purchase order": one row per line (numbers as numbers,
 * yuan with a ¥ format), a totals row; sheet 2 "分摊 Allocation": item ×
 * canteen shares. */
gboolean  jc_plan_export_xlsx    (const JcPlan   *plan,
                                  const char     *path,
                                  JcOutputFlags   flags,
                                  GError        **error);

/* ---- per-canteen statements ------------------------------------------- */

typedef struct {
  char       *item_code;
  char       *item_name;
  JcBaseUnit  base_unit;
  gint64      qty_milli;       /* what the canteen ordered */
  gint64      share_fen;       /* its share of the line's cost */
  gboolean    provisional;     /* planned cost: no purchase recorded */
} JcStatementLine;

typedef struct {
  char       date[11];
  GPtrArray *lines;            /* JcStatementLine *, in plan order */
  gint64     total_fen;
  gboolean   provisional;      /* any line at planned cost */
} JcStatementDay;

typedef struct {
  char      *canteen_code;
  char      *canteen_name;
  char      *period;           /* "YYYY-MM" or "YYYY-MM-DD" */
  GPtrArray *days;             /* JcStatementDay *, by date */
  gint64     total_fen;
  guint      n_provisional_days;
} JcStatement;

/* The canteen's statement over `period`: a month "YYYY-MM" or one date
 * "YYYY-MM-DD".  Every day with a locked plan in which the canteen has a
 * share is listed; the shares are those of jc_plan_load(), so they add up
 * to what the plans say.  JC_PLAN_DOC_ERROR_INVALID for a bad period,
 * JC_STORE_ERROR_NOT_FOUND for an unknown canteen. */
JcStatement *jc_statement_build  (JcStore     *store,
                                  const char  *canteen_code,
                                  const char  *period,
                                  GError     **error);
void      jc_statement_free      (JcStatement *statement);

gboolean  jc_statement_export_pdf  (JcStore        *store,
                                    const char     *canteen_code,
                                    const char     *period,
                                    const char     *path,
                                    JcOutputFlags   flags,
                                    GError        **error);
gboolean  jc_statement_export_xlsx (JcStore        *store,
                                    const char     *canteen_code,
                                    const char     *period,
                                    const char     *path,
                                    JcOutputFlags   flags,
                                    GError        **error);
/* Several canteens' statements in one pass over the period (NULL-terminated
 * codes; a GPtrArray of JcStatement in the same order), and writing a built
 * statement. */
GPtrArray *jc_statement_build_many (JcStore            *store,
                                    const char * const *canteen_codes,
                                    const char         *period,
                                    GError            **error);
gboolean  jc_statement_write_pdf   (const JcStatement  *statement,
                                    const char         *path,
                                    JcOutputFlags       flags,
                                    GError            **error);
gboolean  jc_statement_write_xlsx  (const JcStatement  *statement,
                                    const char         *path,
                                    JcOutputFlags       flags,
                                    GError            **error);
/* A built statement as a paged document (the pages of its PDF), titled
 * "Statement CODE PERIOD" in the user's language; laid out once, with its
 * own copy of every cell: `statement` is not referenced after the call. */
JcPagedDoc *jc_statement_doc_paged_new (const JcStatement *statement);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcStatement, jc_statement_free)

G_END_DECLS
