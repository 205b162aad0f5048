/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-text.c: text and table rows shared by the printed documents. */
#include "config.h"

#include "jc-doc-text.h"

static void
set_font (PangoLayout *layout,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, JC_DOC_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
}

void
jc_doc_show_text (cairo_t        *cr,
                  PangoLayout    *layout,
                  double          size,
                  gboolean        bold,
                  double          x,
                  double          y,
                  double          width,
                  PangoAlignment  align,
                  const char     *text)
{
  if (text == NULL || *text == '\0')
    return;
  set_font (layout, size, bold);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
jc_doc_show_wrapped (cairo_t        *cr,
                     PangoLayout    *layout,
                     double          size,
                     gboolean        bold,
                     double          x,
                     double          y,
                     double          width,
                     PangoAlignment  align,
                     const char     *text)
{
  if (text == NULL || *text == '\0')
    return;
  set_font (layout, size, bold);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

void
jc_doc_draw_cells (cairo_t            *cr,
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
                   double              table_width)
{
  double x = left;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < n_cols; c++)
    {
      double w = cols[c].width;

      if (c == 0 && label_row)
        {
          guint next = 1;

          /* a label spans the empty cells after it */
          while (next < n_cols && cells[next] == NULL)
            w += cols[next++].width;
        }
      jc_doc_show_text (cr, layout, size, bold, x + 2, y + (h - size * 1.45) / 2, w - 4,
                        cols[c].right && !(c == 0 && label_row) ? PANGO_ALIGN_RIGHT
                                                                 : PANGO_ALIGN_LEFT,
                        cells[c]);
      x += cols[c].width;
    }
  cairo_set_line_width (cr, label_row ? 0.6 : 0.3);
  if (!label_row)
    cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_move_to (cr, left, y + h);
  cairo_line_to (cr, left + table_width, y + h);
  cairo_stroke (cr);
}
