/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-doc.c: the delivery documents as paged A4 pages on any
 * cairo_t — a route sheet per vehicle (stops, times, loads, the map, the
 * loading order), a picking list per stop (by category) and a delivery
 * note per stop with signature lines — and their PDF.
 *
 * Each document is a section: a title, header lines, columns and rows of
 * already formatted text, paginated on its own and always starting on a
 * new page; the page numbers run over the whole set.  The screen preview,
 * the print and the PDF draw the same pages.  Labels are bilingual,
 * Chinese first. */
#include "config.h"

#define G_LOG_DOMAIN "jicai-delivery-doc"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-delivery-doc.h"
#include "jc-doc-text.h"
#include "jc-format.h"
#include "jc-master.h"
#include "jc-output.h"
#include "jc-units.h"

/* The map is drawn by jc-delivery-map.c; until it is linked in, a framed
 * box stands in its place. */
#pragma weak jc_delivery_draw_map

#define A4_W        595.2756
#define A4_H        841.8898
#define MARGIN      36.0
#define MAX_COLS    8

#define H_HEADER    24.0
#define H_CATEGORY  16.0
#define H_LINE      13.0
#define H_TOTAL     20.0
#define H_TEXT      14.0
#define H_SPACE     10.0
#define H_SIGN      72.0
#define H_MAP       300.0
#define H_INFO      14.0

typedef enum {
  ROW_CATEGORY,
  ROW_LINE,
  ROW_TOTAL,
  ROW_TEXT,
  ROW_WARNING,
  ROW_SPACE,
  ROW_SIGN,
  ROW_MAP,
} RowKind;

typedef struct {
  RowKind  kind;
  int      route;             /* ROW_MAP: the route highlighted */
  gboolean keep;              /* stays on the page of the row before it */
  char    *cells[MAX_COLS];
} Row;

typedef JcDocColumn Column;

typedef struct {
  char         *title;
  GPtrArray    *info;
  const Column *cols;
  guint         n_cols;
  GPtrArray    *rows;
  const char  **signers;
  GArray       *page_starts;
} Section;

typedef struct {
  const JcDeliveryPlan *plan;
  GPtrArray            *sections;   /* Section * */
  char                 *generated_at;
  guint                 n_pages;
} Docs;

static void
row_free (Row *row)
{
  for (guint i = 0; i < MAX_COLS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static void
section_free (Section *s)
{
  g_free (s->title);
  g_ptr_array_unref (s->info);
  g_ptr_array_unref (s->rows);
  g_array_unref (s->page_starts);
  g_free (s);
}

static void
docs_free (Docs *d)
{
  g_ptr_array_unref (d->sections);
  g_free (d->generated_at);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Docs, docs_free)

static Section *
section_new (Docs         *d,
             const Column *cols,
             guint         n_cols,
             char         *title)
{
  Section *s = g_new0 (Section, 1);

  g_assert (n_cols <= MAX_COLS);
  s->title = title;
  s->info = g_ptr_array_new_with_free_func (g_free);
  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  s->cols = cols;
  s->n_cols = n_cols;
  s->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (d->sections, s);
  return s;
}

/* Adds a row; the n_cols cells are taken (NULL: empty). */
static Row *
section_add (Section *s,
             RowKind  kind,
             ...)
{
  Row *row = g_new0 (Row, 1);
  va_list ap;

  row->kind = kind;
  va_start (ap, kind);
  for (guint i = 0; i < s->n_cols; i++)
    row->cells[i] = va_arg (ap, char *);
  va_end (ap);
  g_ptr_array_add (s->rows, row);
  return row;
}

static Row *
section_add_text (Section *s,
                  RowKind  kind,
                  char    *text)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->cells[0] = text;
  g_ptr_array_add (s->rows, row);
  return row;
}

static double
row_height (RowKind kind)
{
  switch (kind)
    {
    case ROW_CATEGORY: return H_CATEGORY;
    case ROW_LINE: return H_LINE;
    case ROW_TOTAL: return H_TOTAL;
    case ROW_TEXT:
    case ROW_WARNING: return H_TEXT;
    case ROW_SPACE: return H_SPACE;
    case ROW_SIGN: return H_SIGN;
    case ROW_MAP: return H_MAP;
    default: g_return_val_if_reached (H_LINE);
    }
}

static double
body_top (const Section *s)
{
  return MARGIN + 44.0 + H_INFO * s->info->len + 8.0;
}

static double
body_bottom (void)
{
  return A4_H - MARGIN - 22.0;
}

static void
section_paginate (Section *s)
{
  double top = body_top (s) + H_HEADER;
  double y = top;
  guint first = 0;

  g_array_set_size (s->page_starts, 0);
  g_array_append_val (s->page_starts, first);
  for (guint i = 0; i < s->rows->len; i++)
    {
      Row *row = g_ptr_array_index (s->rows, i);
      double h = row_height (row->kind);
      double need = h + (row->kind == ROW_CATEGORY ? H_LINE : 0.0);

      guint start = g_array_index (s->page_starts, guint, s->page_starts->len - 1);

      if (y + need > body_bottom () && i > start)
        {
          guint b = i;

          /* a total and the signatures go over with the last line */
          while (b > start + 1 && ((Row *) g_ptr_array_index (s->rows, b))->keep)
            b--;
          g_array_append_val (s->page_starts, b);
          y = top;
          i = b - 1;
          continue;
        }
      y += h;
    }
}

/* ---- formatting ------------------------------------------------------ */

static char *
fmt_window (const JcDeliveryStop *s)
{
  return g_strdup_printf ("%02d:%02d–%02d:%02d", s->window_start / 60, s->window_start % 60,
                          s->window_end / 60, s->window_end % 60);
}

static char *
fmt_kg (gint64 g)
{
  return jc_format_decimal (g, 3, 1);
}

static char *
fmt_km (gint64 m)
{
  return jc_format_km (m);
}

static char *
stop_label (const JcDeliveryStop *s)
{
  if (s->n_parts > 1)
    return g_strdup_printf ("%s（%d/%d）", s->canteen_name, s->part, s->n_parts);
  return g_strdup (s->canteen_name);
}

/* ---- the documents ----------------------------------------------------- */

static const Column route_columns[] = {
  { "序\nNo.", 22, TRUE },
  { "食堂\nCanteen", 112, FALSE },
  { "地址\nAddress", 128, FALSE },
  { "时间窗\nWindow", 72, FALSE },
  { "到达\nArrival", 44, TRUE },
  { "载重 kg\nLoad", 60, TRUE },
  { "里程 km\nLeg", 46, TRUE },
  { "签收\nSigned", 39, FALSE },
};

static const char *driver_signers[] = { "司机 Driver：", "调度 Dispatcher：", NULL };

static void
add_route_sheet (Docs                  *d,
                 guint                  r)
{
  const JcDeliveryPlan *plan = d->plan;
  const JcDeliveryRoute *route = plan->routes->pdata[r];
  Section *s = section_new (d, route_columns, G_N_ELEMENTS (route_columns),
                            g_strdup_printf ("配送路线单 Route sheet — %s", route->plate));
  g_autofree char *dep = jc_format_clock (route->depart_s);
  g_autofree char *ret = jc_format_clock (route->return_s);
  g_autofree char *km = fmt_km (route->distance_m);
  g_autofree char *load = fmt_kg (route->load_g);
  g_autoptr(GString) order = g_string_new ("装车顺序（先装最后一站）Loading order — load last stop first:");

  s->signers = driver_signers;
  g_ptr_array_add (s->info, g_strdup_printf ("配送日期 Delivery date: %s · 车辆 Vehicle: %s · "
                                             "核载 Capacity: %lld kg",
                                             plan->date, route->plate,
                                             (long long) route->capacity_kg));
  g_ptr_array_add (s->info, g_strdup_printf ("出发地 Depot: %s · 出发 Departure: %s · "
                                             "返回 Return: %s",
                                             route->depot, dep, ret));
  g_ptr_array_add (s->info, g_strdup_printf ("总里程 Total distance: %s km · 总载重 Total load: "
                                             "%s kg · 站数 Stops: %u",
                                             km, load, route->stops->len));
  for (guint i = 0; i < route->stops->len; i++)
    {
      const JcDeliveryStop *st = route->stops->pdata[i];
      g_autofree char *arr = jc_format_clock (st->start_s);

      section_add (s, ROW_LINE, g_strdup_printf ("%u", i + 1), stop_label (st),
                   g_strdup (st->address), fmt_window (st),
                   st->late ? g_strdup_printf ("%s 迟", arr) : g_strdup (arr),
                   fmt_kg (st->load_g), fmt_km (st->leg_m), NULL);
    }
  if (route->stops->len > 0)
    {
      gint64 back = route->distance_m;

      for (guint i = 0; i < route->stops->len; i++)
        back -= ((JcDeliveryStop *) route->stops->pdata[i])->leg_m;
      section_add (s, ROW_LINE, NULL, g_strdup ("返回 Back to depot"),
                   g_strdup (route->depot), NULL, g_strdup (ret), NULL, fmt_km (back), NULL);
    }
  section_add (s, ROW_TOTAL, g_strdup ("合计 Total"), NULL, NULL, NULL, NULL,
               g_strdup (load), g_strdup (km), NULL);
  if (route->overload_g > 0)
    {
      g_autofree char *over = fmt_kg (route->overload_g);

      section_add_text (s, ROW_WARNING, g_strdup_printf ("超载 Overloaded by %s kg", over));
    }
  if (route->n_late > 0)
    section_add_text (s, ROW_WARNING, g_strdup_printf ("迟到 Late at %d stop(s)", route->n_late));
  section_add (s, ROW_SPACE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  section_add_text (s, ROW_TEXT, g_string_free (g_steal_pointer (&order), FALSE));
  for (guint i = route->stops->len; i > 0; i--)
    {
      const JcDeliveryStop *st = route->stops->pdata[i - 1];
      g_autofree char *label = stop_label (st);
      g_autofree char *mass = fmt_kg (st->load_g);

      section_add_text (s, ROW_TEXT, g_strdup_printf ("    %s第 %u 站 Stop %u · %s %s · %s kg",
                                                      i == route->stops->len ? "先装 First: " : "",
                                                      i, i, st->canteen_code, label, mass));
    }
  section_add (s, ROW_SPACE, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
  section_add (s, ROW_MAP, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)->route = (int) r;
  section_add (s, ROW_SIGN, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

static const Column picking_columns[] = {
  { "编码\nCode", 60, FALSE },
  { "品名\nItem", 170, FALSE },
  { "数量\nQuantity", 80, TRUE },
  { "单位\nUnit", 50, FALSE },
  { "重量 kg\nMass", 70, TRUE },
  { "已拣\nPicked", 93, FALSE },
};

static const char *picker_signers[] = { "拣货 Picker：", "复核 Checker：", NULL };

/* Lines by category, with a heading per category; returns the mass. */
static gint64
add_lines (Section              *s,
           const JcDeliveryStop *st)
{
  const char *cat = NULL;
  gint64 mass = 0;

  for (guint i = 0; i < st->lines->len; i++)
    {
      const JcDeliveryLine *l = st->lines->pdata[i];

      if (cat == NULL || g_strcmp0 (cat, l->category) != 0)
        {
          cat = l->category;
          section_add_text (s, ROW_CATEGORY, g_strdup (l->category_name));
        }
      section_add (s, ROW_LINE, g_strdup (l->item_code), g_strdup (l->item_name),
                   jc_format_qty (l->qty_milli), g_strdup (jc_base_unit_to_display (l->base_unit)),
                   fmt_kg (l->mass_g), NULL);
      mass += l->mass_g;
    }
  return mass;
}

static const char *
plate_of_stop (const JcDeliveryPlan *plan,
               const JcDeliveryStop *st,
               guint                *out_index)
{
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        if (route->stops->pdata[i] == st)
          {
            *out_index = i + 1;
            return route->plate;
          }
    }
  *out_index = 0;
  return NULL;
}

static void
add_picking_list (Docs                 *d,
                  const JcDeliveryStop *st)
{
  g_autofree char *label = stop_label (st);
  Section *s = section_new (d, picking_columns, G_N_ELEMENTS (picking_columns),
                            g_strdup_printf ("拣货单 Picking list — %s", label));
  guint index;
  const char *plate = plate_of_stop (d->plan, st, &index);
  g_autofree char *mass = NULL;

  s->signers = picker_signers;
  g_ptr_array_add (s->info, g_strdup_printf ("配送日期 Delivery date: %s · 食堂 Canteen: %s %s",
                                             d->plan->date, st->canteen_code, label));
  if (plate != NULL)
    g_ptr_array_add (s->info, g_strdup_printf ("车辆 Vehicle: %s · 第 %u 站 Stop %u", plate,
                                               index, index));
  else
    g_ptr_array_add (s->info, g_strdup ("未安排车辆 Not assigned to a vehicle"));
  mass = fmt_kg (add_lines (s, st));
  section_add (s, ROW_TOTAL, g_strdup ("合计 Total"), NULL, NULL, NULL, g_strdup (mass), NULL)->keep = TRUE;
  section_add (s, ROW_SIGN, NULL, NULL, NULL, NULL, NULL, NULL)->keep = TRUE;
}

static const Column note_columns[] = {
  { "编码\nCode", 60, FALSE },
  { "品名\nItem", 170, FALSE },
  { "数量\nQuantity", 80, TRUE },
  { "单位\nUnit", 50, FALSE },
  { "重量 kg\nMass", 70, TRUE },
  { "实收\nReceived", 93, FALSE },
};

static const char *note_signers[] = { "司机 Driver：", "食堂收货人 Canteen receiver：", NULL };

static void
add_note (Docs                 *d,
          const JcDeliveryStop *st)
{
  g_autofree char *label = stop_label (st);
  Section *s = section_new (d, note_columns, G_N_ELEMENTS (note_columns),
                            g_strdup_printf ("送货单 Delivery note — %s", label));
  guint index;
  const char *plate = plate_of_stop (d->plan, st, &index);
  g_autofree char *window = fmt_window (st);
  g_autofree char *mass = NULL;

  s->signers = note_signers;
  g_ptr_array_add (s->info, g_strdup_printf ("配送日期 Delivery date: %s · 食堂 Canteen: %s %s",
                                             d->plan->date, st->canteen_code, label));
  g_ptr_array_add (s->info, g_strdup_printf ("地址 Address: %s · 时间窗 Window: %s",
                                             st->address, window));
  if (plate != NULL)
    {
      g_autofree char *arr = jc_format_clock (st->start_s);

      g_ptr_array_add (s->info, g_strdup_printf ("车辆 Vehicle: %s · 第 %u 站 Stop %u · "
                                                 "预计到达 Expected: %s", plate, index, index, arr));
    }
  mass = fmt_kg (add_lines (s, st));
  section_add (s, ROW_TOTAL, g_strdup ("合计 Total"), NULL, NULL, NULL, g_strdup (mass), NULL)->keep = TRUE;
  section_add (s, ROW_SPACE, NULL, NULL, NULL, NULL, NULL, NULL)->keep = TRUE;
  /* one line each: together they do not fit the width of the page */
  section_add_text (s, ROW_TEXT, g_strdup ("货已按上列数量收讫，如有差异请在“实收”栏注明。"))->keep = TRUE;
  section_add_text (s, ROW_TEXT, g_strdup ("Goods received as listed; note any difference under "
                                           "Received."))->keep = TRUE;
  section_add (s, ROW_SIGN, NULL, NULL, NULL, NULL, NULL, NULL)->keep = TRUE;
}

static Docs *
docs_new (const JcDeliveryPlan *plan,
          JcDeliveryDocs        which)
{
  Docs *d = g_new0 (Docs, 1);
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();

  d->plan = plan;
  d->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  d->generated_at = jc_doc_generated_at ();
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        g_ptr_array_add (stops, route->stops->pdata[i]);
    }
  for (guint i = 0; i < plan->unassigned->len; i++)
    g_ptr_array_add (stops, plan->unassigned->pdata[i]);

  if (which & JC_DELIVERY_DOC_ROUTE_SHEETS)
    for (guint r = 0; r < plan->routes->len; r++)
      if (((JcDeliveryRoute *) plan->routes->pdata[r])->stops->len > 0)
        add_route_sheet (d, r);
  if (which & JC_DELIVERY_DOC_PICKING_LISTS)
    for (guint i = 0; i < stops->len; i++)
      add_picking_list (d, stops->pdata[i]);
  if (which & JC_DELIVERY_DOC_NOTES)
    for (guint r = 0; r < plan->routes->len; r++)
      {
        const JcDeliveryRoute *route = plan->routes->pdata[r];

        for (guint i = 0; i < route->stops->len; i++)
          add_note (d, route->stops->pdata[i]);
      }
  if (d->sections->len == 0)
    {
      Section *s = section_new (d, note_columns, 0, g_strdup_printf ("配送计划 Delivery plan %s",
                                                                      plan->date));

      section_add_text (s, ROW_TEXT, g_strdup ("没有要送的货。Nothing to deliver."));
    }
  for (guint i = 0; i < d->sections->len; i++)
    {
      Section *s = d->sections->pdata[i];

      section_paginate (s);
      d->n_pages += s->page_starts->len;
    }
  return d;
}

/* ---- drawing ------------------------------------------------------- */

static double
table_width (void)
{
  return A4_W - 2 * MARGIN;
}

static const JcDocSignLayout delivery_sign = { "日期时间 Date/time：", 44, 50, 80, 62 };

static void
draw_map_box (cairo_t              *cr,
              PangoLayout          *layout,
              const JcDeliveryPlan *plan,
              int                   route,
              double                y)
{
  double w = table_width (), h = H_MAP - 8;

  cairo_save (cr);
  cairo_rectangle (cr, MARGIN, y + 4, w, h);
  cairo_clip (cr);
  if (jc_delivery_draw_map != NULL)
    {
      cairo_translate (cr, MARGIN, y + 4);
      jc_delivery_draw_map (cr, plan, w, h, route);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
      cairo_rectangle (cr, MARGIN, y + 4, w, h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
      jc_doc_show_text (cr, layout, 9.0, FALSE, MARGIN, y + 4 + h / 2 - 8, w, PANGO_ALIGN_CENTER,
                 "地图 Map");
    }
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 0.6);
  cairo_rectangle (cr, MARGIN, y + 4, w, h);
  cairo_stroke (cr);
}

static void
draw_row (cairo_t              *cr,
          PangoLayout          *layout,
          const JcDeliveryPlan *plan,
          const Section        *s,
          const Row            *row,
          double                y)
{
  double width = table_width ();
  double h = row_height (row->kind);
  gboolean bold = row->kind == ROW_TOTAL;
  double size = row->kind == ROW_TOTAL ? 9.0 : 8.0;

  switch (row->kind)
    {
    case ROW_CATEGORY:
      jc_doc_draw_band (cr, layout, MARGIN, y, h, width, row->cells[0]);
      return;
    case ROW_TEXT:
    case ROW_WARNING:
      jc_doc_draw_note (cr, layout, MARGIN, y, width, 0.2, row->kind == ROW_WARNING,
                        row->cells[0]);
      return;
    case ROW_SPACE:
      return;
    case ROW_SIGN:
      jc_doc_draw_signatures (cr, layout, s->signers, &delivery_sign, MARGIN, y, width);
      return;
    case ROW_MAP:
      draw_map_box (cr, layout, plan, row->route, y);
      return;
    case ROW_LINE:
    case ROW_TOTAL:
    default:
      break;
    }

  jc_doc_draw_cells (cr, layout, s->cols, s->n_cols, row->cells, row->kind != ROW_LINE,
                     MARGIN, y, h, size, bold, width);
}

static void
docs_draw_page (cairo_t    *cr,
                const Docs *d,
                guint       page,
                double      page_w,
                double      page_h)
{
  double scale = MIN (page_w / A4_W, page_h / A4_H);
  const Section *s = NULL;
  guint local = page, first, end;
  PangoLayout *layout;
  double y;
  g_autofree char *head = NULL;

  g_return_if_fail (page < d->n_pages);
  for (guint i = 0; i < d->sections->len; i++)
    {
      s = d->sections->pdata[i];
      if (local < s->page_starts->len)
        break;
      local -= s->page_starts->len;
    }
  first = g_array_index (s->page_starts, guint, local);
  end = local + 1 < s->page_starts->len ? g_array_index (s->page_starts, guint, local + 1)
                                        : s->rows->len;

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, A4_W, A4_H);
  cairo_fill (cr);
  layout = pango_cairo_create_layout (cr);

  /* page header */
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  head = g_strdup_printf ("集采 · 配送计划 Delivery plan %s", d->plan->date);
  jc_doc_show_text (cr, layout, 7.0, FALSE, MARGIN, MARGIN - 14, table_width (), PANGO_ALIGN_RIGHT, head);
  cairo_set_source_rgb (cr, 0, 0, 0);
  jc_doc_show_text (cr, layout, 15.0, TRUE, MARGIN, MARGIN, table_width (), PANGO_ALIGN_LEFT, s->title);
  if (local > 0)
    jc_doc_show_text (cr, layout, 8.0, FALSE, MARGIN, MARGIN + 24, 0, PANGO_ALIGN_LEFT, "（续 continued）");
  y = MARGIN + 44.0;
  for (guint i = 0; i < s->info->len; i++)
    {
      jc_doc_show_text (cr, layout, 8.5, FALSE, MARGIN, y, table_width (), PANGO_ALIGN_LEFT,
                 g_ptr_array_index (s->info, i));
      y += H_INFO;
    }
  y = body_top (s);
  jc_doc_draw_header (cr, layout, s->cols, s->n_cols, MARGIN, y, H_HEADER, table_width ());
  y += H_HEADER;
  for (guint i = first; i < end; i++)
    {
      const Row *row = g_ptr_array_index (s->rows, i);

      draw_row (cr, layout, d->plan, s, row, y);
      y += row_height (row->kind);
    }

  jc_doc_draw_footer (cr, layout, MARGIN, table_width (), A4_H, MARGIN, d->generated_at, page,
                      d->n_pages);
  g_object_unref (layout);
  cairo_restore (cr);
}

/* ---- public ------------------------------------------------------------ */

guint
jc_delivery_doc_n_pages (const JcDeliveryPlan *plan,
                         JcDeliveryDocs        docs,
                         double                page_w,
                         double                page_h)
{
  g_autoptr(Docs) d = NULL;

  g_return_val_if_fail (plan != NULL, 0);
  d = docs_new (plan, docs);
  return d->n_pages;
}

void
jc_delivery_doc_draw_page (cairo_t              *cr,
                           const JcDeliveryPlan *plan,
                           JcDeliveryDocs        docs,
                           guint                 page,
                           double                page_w,
                           double                page_h)
{
  g_autoptr(Docs) d = NULL;

  g_return_if_fail (cr != NULL && plan != NULL);
  d = docs_new (plan, docs);
  g_return_if_fail (page < d->n_pages);
  docs_draw_page (cr, d, page, page_w, page_h);
}

/* The paged document holds the laid-out sections (their own copies of
 * every cell) and the plan, which the route sheets' maps draw from. */
typedef struct {
  Docs           *docs;
  gpointer        owner;
  GDestroyNotify  release;
} Paged;

static void
paged_free (gpointer data)
{
  Paged *p = data;

  docs_free (p->docs);
  if (p->release != NULL)
    p->release (p->owner);
  g_free (p);
}

static guint
paged_n_pages (gconstpointer data,
               double        page_w,
               double        page_h)
{
  const Paged *p = data;

  return p->docs->n_pages;
}

static void
paged_draw_page (gconstpointer data,
                 cairo_t      *cr,
                 guint         page,
                 double        page_w,
                 double        page_h)
{
  const Paged *p = data;

  g_return_if_fail (page < p->docs->n_pages);
  docs_draw_page (cr, p->docs, page, page_w, page_h);
}

static const JcPagedDocFuncs paged_funcs = { paged_n_pages, paged_draw_page };

JcPagedDoc *
jc_delivery_doc_paged_new (const JcDeliveryPlan *plan,
                           JcDeliveryDocs        docs,
                           gpointer              owner,
                           GDestroyNotify        release)
{
  g_autofree char *title = NULL;
  Paged *p;

  g_return_val_if_fail (plan != NULL, NULL);
  p = g_new0 (Paged, 1);
  p->docs = docs_new (plan, docs);
  p->owner = owner;
  p->release = release;
  /* TRANSLATORS: the print job's name; %s the delivery date */
  title = g_strdup_printf (_("Deliveries %s"), plan->date);
  return jc_paged_doc_new (title, &paged_funcs, p, paged_free);
}

gboolean
jc_delivery_export_pdf (const JcDeliveryPlan *plan,
                        JcDeliveryDocs        docs,
                        const char           *path,
                        JcOutputFlags         flags,
                        GError              **error)
{
  g_autoptr(JcPagedDoc) paged = NULL;

  g_return_val_if_fail (plan != NULL && path != NULL, FALSE);
  paged = jc_delivery_doc_paged_new (plan, docs, NULL, NULL);
  return jc_paged_doc_write_pdf (paged, path, flags, error);
}
