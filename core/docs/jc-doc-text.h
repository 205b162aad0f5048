/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-text.h: what the printed documents (purchase order, statements,
 * delivery documents, the cost review) share: text in the documents' font,
 * a table's header and rows of cells under their columns, a category band,
 * a note line, signature lines and the page footer.  It draws what it is
 * given: it knows no document, paginates nothing and formats no number. */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define JC_DOC_FONT_FAMILY "Noto Sans CJK SC"

typedef struct {
  const char *label;          /* two lines: Chinese, English */
  double      width;
  gboolean    right;
} JcDocColumn;

/* `text` at (x, y) in `size` points, cut with "…" to `width` (≤ 0: as
 * wide as it is).  NULL or "" draws nothing. */
void jc_doc_show_text    (cairo_t        *cr,
                          PangoLayout    *layout,
                          double          size,
                          gboolean        bold,
                          double          x,
                          double          y,
                          double          width,
                          PangoAlignment  align,
                          const char     *text);
/* The same, wrapped onto more lines at `width` instead of cut. */
void jc_doc_show_wrapped (cairo_t        *cr,
                          PangoLayout    *layout,
                          double          size,
                          gboolean        bold,
                          double          x,
                          double          y,
                          double          width,
                          PangoAlignment  align,
                          const char     *text);

/* One row of a table from x = `left`: each cell under its column (right
 * aligned where the column is), a first cell that is a label (`label_row`)
 * spanning the empty cells after it, then the rule under the row — light
 * under a plain line, dark under a label row — across `table_width`. */
void jc_doc_draw_cells   (cairo_t            *cr,
                          PangoLayout        *layout,
                          const JcDocColumn  *cols,
                          guint               n_cols,
                          char * const       *cells,
                          gboolean            label_row,
                          double              left,
                          double              y,
                          double              h,
                          double              size,
                          gboolean            bold,
                          double              table_width);

/* The table's header from x = `left`: a tinted band `h` high across
 * `table_width` and each column's two-line label (small, bold) in it.
 * Nothing without columns. */
void jc_doc_draw_header  (cairo_t            *cr,
                          PangoLayout        *layout,
                          const JcDocColumn  *cols,
                          guint               n_cols,
                          double              left,
                          double              y,
                          double              h,
                          double              table_width);

/* A category heading: a grey band `h` high across `table_width` with
 * `text` in bold. */
void jc_doc_draw_band    (cairo_t            *cr,
                          PangoLayout        *layout,
                          double              left,
                          double              y,
                          double              h,
                          double              table_width,
                          const char         *text);

/* A line of text across the table: dark `grey` (0 black … 1 white), or a
 * warning in bold red. */
void jc_doc_draw_note    (cairo_t            *cr,
                          PangoLayout        *layout,
                          double              left,
                          double              y,
                          double              table_width,
                          double              grey,
                          gboolean            warning,
                          const char         *text);

/* Where the signature block puts its lines, relative to its top. */
typedef struct {
  const char *date_label;     /* under each signer: "日期 Date：" */
  double      sign_line;      /* the line to sign on */
  double      date_text;      /* the date label */
  double      date_indent;    /* where the date line starts after the label */
  double      date_line;      /* the line for the date */
} JcDocSignLayout;

/* One slot per entry of the NULL-terminated `signers` (none: nothing),
 * side by side across `table_width`: the signer's label, a line to sign
 * on, the date label and its line. */
void jc_doc_draw_signatures (cairo_t               *cr,
                             PangoLayout           *layout,
                             const char * const    *signers,
                             const JcDocSignLayout *sign,
                             double                 left,
                             double                 y,
                             double                 table_width);

/* The footer of an A4 page `page_h` high: a rule `margin` + 14 above the
 * bottom, "生成于 Generated at …" on the left and "第 N 页 / 共 M 页 · Page N
 * of M" (`page` 0-based) on the right under it. */
void jc_doc_draw_footer  (cairo_t            *cr,
                          PangoLayout        *layout,
                          double              left,
                          double              width,
                          double              page_h,
                          double              margin,
                          const char         *generated_at,
                          guint               page,
                          guint               n_pages);

/* "YYYY-MM-DD HH:MM", now, local time: the documents' "generated at". */
char *jc_doc_generated_at (void);

G_END_DECLS
