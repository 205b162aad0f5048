/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-text.h: what the printed documents (purchase order, statements,
 * delivery documents, the cost review) share: text in the documents' font
 * and a table row of cells under their columns. */
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

G_END_DECLS
