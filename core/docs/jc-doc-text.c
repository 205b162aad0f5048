/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-doc-text.c: text, table parts, signatures and footers shared by the
 * printed documents.  Draws only what it is given; no document here. */
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
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
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

void
jc_doc_draw_header (cairo_t            *cr,
                    PangoLayout        *layout,
                    const JcDocColumn  *cols,
                    guint               n_cols,
                    double              left,
                    double              y,
                    double              h,
                    double              table_width)
{
  double x = left;

  if (n_cols == 0)
    return;
  cairo_set_source_rgb (cr, 0.85, 0.88, 0.95);
  cairo_rectangle (cr, left, y, table_width, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < n_cols; c++)
    {
      jc_doc_show_text (cr, layout, 6.5, TRUE, x + 2, y + 1, cols[c].width - 4,
                        cols[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, cols[c].label);
      x += cols[c].width;
    }
}

void
jc_doc_draw_band (cairo_t     *cr,
                  PangoLayout *layout,
                  double       left,
                  double       y,
                  double       h,
                  double       table_width,
                  const char  *text)
{
  cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
  cairo_rectangle (cr, left, y + 2, table_width, h - 3);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_text (cr, layout, 8.5, TRUE, left + 2, y + 3, table_width - 4, PANGO_ALIGN_LEFT,
                    text);
}

void
jc_doc_draw_note (cairo_t     *cr,
                  PangoLayout *layout,
                  double       left,
                  double       y,
                  double       table_width,
                  double       grey,
                  gboolean     warning,
                  const char  *text)
{
  if (warning)
    cairo_set_source_rgb (cr, 0.65, 0.1, 0.1);
  else
    cairo_set_source_rgb (cr, grey, grey, grey);
  jc_doc_show_text (cr, layout, 7.5, warning, left, y + 1, table_width, PANGO_ALIGN_LEFT, text);
}

void
jc_doc_draw_signatures (cairo_t               *cr,
                        PangoLayout           *layout,
                        const char * const    *signers,
                        const JcDocSignLayout *sign,
                        double                 left,
                        double                 y,
                        double                 table_width)
{
  guint n = signers != NULL ? g_strv_length ((char **) signers) : 0;

  for (guint i = 0; i < n; i++)
    {
      double slot = table_width / n;
      double x = left + slot * i;

      cairo_set_source_rgb (cr, 0, 0, 0);
      jc_doc_show_text (cr, layout, 8.0, FALSE, x, y + 14, slot - 12, PANGO_ALIGN_LEFT,
                        signers[i]);
      jc_doc_show_text (cr, layout, 7.0, FALSE, x, y + sign->date_text, slot - 12,
                        PANGO_ALIGN_LEFT, sign->date_label);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, x + 2, y + sign->sign_line);
      cairo_line_to (cr, x + slot - 16, y + sign->sign_line);
      cairo_move_to (cr, x + sign->date_indent, y + sign->date_line);
      cairo_line_to (cr, x + slot - 16, y + sign->date_line);
      cairo_stroke (cr);
    }
}

void
jc_doc_draw_footer (cairo_t     *cr,
                    PangoLayout *layout,
                    double       left,
                    double       width,
                    double       page_h,
                    double       margin,
                    const char  *generated_at,
                    guint        page,
                    guint        n_pages)
{
  g_autofree char *generated = g_strdup_printf ("生成于 Generated at %s", generated_at);
  g_autofree char *footer = g_strdup_printf ("第 %u 页 / 共 %u 页 · Page %u of %u", page + 1,
                                             n_pages, page + 1, n_pages);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, left, page_h - margin - 14);
  cairo_line_to (cr, left + width, page_h - margin - 14);
  cairo_stroke (cr);
  jc_doc_show_text (cr, layout, 7.0, FALSE, left, page_h - margin - 11, 0, PANGO_ALIGN_LEFT,
                    generated);
  jc_doc_show_text (cr, layout, 7.0, FALSE, left, page_h - margin - 11, width, PANGO_ALIGN_RIGHT,
                    footer);
}

char *
jc_doc_generated_at (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}
