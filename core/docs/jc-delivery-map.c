/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-delivery-map.c: the map of a delivery plan on any cairo surface — the
 * deliveries page, a print page, a route sheet in a PDF.
 *
 * No tiles and no network: the map is the plan's own points on a plain
 * background, projected equirectangularly around their mean latitude, with
 * a scale bar.  Everything is computed from the plan alone, in a fixed
 * order, so the same plan at the same size draws the same pixels, and the
 * hit test finds a stop where the drawing put it (both go through
 * compute_geometry()).  It must not include GTK or read the store. */
#include "config.h"

#define G_LOG_DOMAIN "jc-delivery-map"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "jc-delivery-map.h"

#define MAP_FONT_FAMILY "Noto Sans CJK SC"
#define EARTH_RADIUS_M 6371008.8
#define MIN_SPAN_DEG 0.006     /* about 650 m: a single point still gets a map */
#define HIT_SLOP 3.0

/* Okabe & Ito's palette without its yellow (unreadable on a light ground)
 * and its vermilion (red means late or overloaded here), completed with
 * Tol's indigo, olive and wine. */
static const double palette[JC_DELIVERY_MAP_N_COLORS][3] = {
  { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 },  /* blue */
  { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 },  /* orange */
  { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 },  /* bluish green */
  { 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 },  /* reddish purple */
  { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 },  /* sky blue */
  { 0x33 / 255.0, 0x22 / 255.0, 0x88 / 255.0 },  /* indigo */
  { 0x99 / 255.0, 0x99 / 255.0, 0x33 / 255.0 },  /* olive */
  { 0x88 / 255.0, 0x22 / 255.0, 0x55 / 255.0 },  /* wine */
};

static const double grey[3] = { 0.55, 0.55, 0.55 };
static const double alarm_red[3] = { 0.84, 0.0, 0.0 };
static const double ink[3] = { 0.20, 0.20, 0.22 };

void
jc_delivery_map_route_color (guint   route,
                             double *red,
                             double *green,
                             double *blue)
{
  const double *c = palette[route % JC_DELIVERY_MAP_N_COLORS];

  *red = c[0];
  *green = c[1];
  *blue = c[2];
}

static gboolean
strip_suffix (char       *s,
              const char *suffix)
{
  gsize n = strlen (s), k = strlen (suffix);

  if (n > k && strcmp (s + n - k, suffix) == 0)
    {
      s[n - k] = '\0';
      return TRUE;
    }
  return FALSE;
}

char *
jc_delivery_map_short_name (const char *canteen_name)
{
  g_autofree char *s = g_strdup (canteen_name != NULL ? canteen_name : "");

  strip_suffix (s, "食堂");
  strip_suffix (s, "机关");
  if (*s == '\0')
    return g_strdup (canteen_name != NULL ? canteen_name : "");
  return g_steal_pointer (&s);
}

/* ---- geometry, shared by the drawing and the hit test ------------------- */

typedef struct {
  guint                 route;      /* plan->routes->len: unassigned */
  guint                 index;
  const JcDeliveryStop *stop;
  double                x, y;
} Placed;

typedef struct {
  double  x, y;
} Point;

typedef struct {
  gboolean empty;
  double   kx;           /* cos (mean latitude) */
  double   min_x, max_y; /* projected degrees */
  double   scale;        /* units per projected degree */
  double   ox, oy;
  double   r;            /* radius of a stop */
  double   font_px;
  GArray  *placed;       /* Placed, in drawing order of routes, then unassigned */
  GArray  *depots;       /* Point, one per distinct depot position */
  GArray  *route_depot;  /* Point per route */
} Geometry;

static void
geometry_clear (Geometry *g)
{
  g_clear_pointer (&g->placed, g_array_unref);
  g_clear_pointer (&g->depots, g_array_unref);
  g_clear_pointer (&g->route_depot, g_array_unref);
}

static void
project (const Geometry *g,
         double          lat,
         double          lon,
         double         *x,
         double         *y)
{
  *x = g->ox + (lon * g->kx - g->min_x) * g->scale;
  *y = g->oy + (g->max_y - lat) * g->scale;
}

static gboolean
valid_position (double lat,
                double lon)
{
  return isfinite (lat) && isfinite (lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
         lon <= 180 && !(lat == 0 && lon == 0);
}

typedef struct {
  double lat_sum, min_lat, max_lat, min_lon, max_lon;
  guint  n;
} Bounds;

static void
bounds_add (Bounds *b,
            double  lat,
            double  lon)
{
  if (!valid_position (lat, lon))
    return;
  if (b->n == 0)
    {
      b->min_lat = b->max_lat = lat;
      b->min_lon = b->max_lon = lon;
    }
  b->min_lat = MIN (b->min_lat, lat);
  b->max_lat = MAX (b->max_lat, lat);
  b->min_lon = MIN (b->min_lon, lon);
  b->max_lon = MAX (b->max_lon, lon);
  b->lat_sum += lat;
  b->n++;
}

/* The free spot nearest a stop's true position: stops at one address (a
 * canteen split over two vehicles, offices in one compound) are set around
 * it so each can be seen and clicked. */
static void
place_point (Geometry *g,
             double    x,
             double    y,
             double   *out_x,
             double   *out_y)
{
  double min_d = 1.9 * g->r;

  for (guint k = 0; k < 19; k++)
    {
      double cx = x, cy = y;
      gboolean free_spot = TRUE;

      if (k > 0)
        {
          guint ring = k <= 6 ? 1 : 2;
          guint slot = k <= 6 ? k - 1 : k - 7;
          guint n_slots = ring == 1 ? 6 : 12;
          double a = -G_PI / 2 + 2 * G_PI * slot / n_slots;

          cx = x + cos (a) * 2.05 * g->r * ring;
          cy = y + sin (a) * 2.05 * g->r * ring;
        }
      for (guint i = 0; i < g->placed->len && free_spot; i++)
        {
          const Placed *p = &g_array_index (g->placed, Placed, i);

          if (hypot (p->x - cx, p->y - cy) < min_d)
            free_spot = FALSE;
        }
      for (guint i = 0; i < g->depots->len && free_spot; i++)
        {
          const Point *p = &g_array_index (g->depots, Point, i);

          if (hypot (p->x - cx, p->y - cy) < min_d)
            free_spot = FALSE;
        }
      if (free_spot)
        {
          *out_x = cx;
          *out_y = cy;
          return;
        }
    }
  *out_x = x;
  *out_y = y;
}

static void
add_stop (Geometry             *g,
          guint                 route,
          guint                 index,
          const JcDeliveryStop *s,
          double                fallback_x,
          double                fallback_y)
{
  Placed p = { route, index, s, 0, 0 };
  double x = fallback_x, y = fallback_y;

  if (valid_position (s->lat, s->lon))
    project (g, s->lat, s->lon, &x, &y);
  place_point (g, x, y, &p.x, &p.y);
  g_array_append_val (g->placed, p);
}

static void
compute_geometry (const JcDeliveryPlan *plan,
                  double                width,
                  double                height,
                  Geometry             *g)
{
  Bounds b = { 0 };
  double span_x, span_y, margin, bottom, avail_w, avail_h, unit;

  memset (g, 0, sizeof *g);
  g->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g->depots = g_array_new (FALSE, FALSE, sizeof (Point));
  g->route_depot = g_array_new (FALSE, FALSE, sizeof (Point));

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      bounds_add (&b, route->depot_lat, route->depot_lon);
      for (guint i = 0; i < route->stops->len; i++)
        {
          const JcDeliveryStop *s = route->stops->pdata[i];

          bounds_add (&b, s->lat, s->lon);
        }
    }
  for (guint i = 0; plan->unassigned != NULL && i < plan->unassigned->len; i++)
    {
      const JcDeliveryStop *s = plan->unassigned->pdata[i];

      bounds_add (&b, s->lat, s->lon);
    }

  unit = CLAMP ((width + height) / 900.0, 0.9, 1.25);
  g->r = 8.5 * unit;
  g->font_px = 10.5 * unit;
  g->empty = b.n == 0 || width < 4 * g->r || height < 4 * g->r;
  if (g->empty)
    return;

  g->kx = cos (b.lat_sum / b.n * G_PI / 180.0);
  g->min_x = b.min_lon * g->kx;
  g->max_y = b.max_lat;
  span_x = (b.max_lon - b.min_lon) * g->kx;
  span_y = b.max_lat - b.min_lat;
  if (span_x < MIN_SPAN_DEG)
    {
      g->min_x -= (MIN_SPAN_DEG - span_x) / 2;
      span_x = MIN_SPAN_DEG;
    }
  if (span_y < MIN_SPAN_DEG)
    {
      g->max_y += (MIN_SPAN_DEG - span_y) / 2;
      span_y = MIN_SPAN_DEG;
    }
  margin = MAX (2.5 * g->r + 4, MIN (width, height) * 0.06);
  bottom = margin + g->font_px * 1.6;   /* the scale bar's strip */
  avail_w = MAX (width - 2 * margin, 1);
  avail_h = MAX (height - margin - bottom, 1);
  g->scale = MIN (avail_w / span_x, avail_h / span_y);
  g->ox = margin + (avail_w - span_x * g->scale) / 2;
  g->oy = margin + (avail_h - span_y * g->scale) / 2;

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      Point d = { width / 2, height / 2 };
      gboolean seen = FALSE;

      if (valid_position (route->depot_lat, route->depot_lon))
        project (g, route->depot_lat, route->depot_lon, &d.x, &d.y);
      g_array_append_val (g->route_depot, d);
      for (guint k = 0; k < g->depots->len && !seen; k++)
        {
          const Point *p = &g_array_index (g->depots, Point, k);

          seen = fabs (p->x - d.x) < 0.5 && fabs (p->y - d.y) < 0.5;
        }
      if (!seen)
        g_array_append_val (g->depots, d);
    }
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      const Point *d = &g_array_index (g->route_depot, Point, r);

      for (guint i = 0; i < route->stops->len; i++)
        add_stop (g, r, i, route->stops->pdata[i], d->x, d->y);
    }
  for (guint i = 0; plan->unassigned != NULL && i < plan->unassigned->len; i++)
    add_stop (g, plan->routes->len, i, plan->unassigned->pdata[i], width / 2, height / 2);
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct {
  double x, y, w, h;
} Box;

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
box_hits_circle (const Box *b,
                 double     cx,
                 double     cy,
                 double     r)
{
  double nx = CLAMP (cx, b->x, b->x + b->w);
  double ny = CLAMP (cy, b->y, b->y + b->h);

  return hypot (nx - cx, ny - cy) < r;
}

static PangoLayout *
new_layout (cairo_t *cr,
            double   size_px,
            gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, MAP_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

static void
set_rgba (cairo_t      *cr,
          const double  c[3],
          double        alpha)
{
  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

static const double *
route_rgb (const JcDeliveryPlan *plan,
           guint                 route)
{
  if (route >= plan->routes->len)
    return grey;
  return palette[route % JC_DELIVERY_MAP_N_COLORS];
}

static double
luminance (const double c[3])
{
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* A "nice" length (1, 2 or 5 × 10^k m) for the scale bar near `target_m`. */
static gint64
nice_metres (double target_m)
{
  gint64 best = 100;

  for (gint64 p = 100; p <= 10000000; p *= 10)
    {
      static const int steps[] = { 1, 2, 5 };

      for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
        if ((double) (p * steps[k]) <= target_m)
          best = p * steps[k];
    }
  return best;
}

static char *
format_km (gint64 metres)
{
  g_autofree char *number = NULL;

  if (metres % 1000 == 0)
    number = g_strdup_printf ("%lld", (long long) (metres / 1000));
  else
    number = g_strdup_printf ("%lld.%lld", (long long) (metres / 1000),
                              (long long) (metres % 1000 / 100));
  /* TRANSLATORS: the length of the map's scale bar: "2 km" */
  return g_strdup_printf (C_("map scale", "%s km"), number);
}

static void
draw_scale_bar (cairo_t        *cr,
                const Geometry *g,
                double          width,
                double          height)
{
  double metres_per_unit = (EARTH_RADIUS_M * G_PI / 180.0) / g->scale;
  gint64 metres = nice_metres (width * 0.18 * metres_per_unit);
  double len = metres / metres_per_unit;
  double x = 10, y = height - 10;
  g_autoptr(PangoLayout) layout = new_layout (cr, g->font_px * 0.95, FALSE);
  g_autofree char *label = format_km (metres);
  int tw, th;

  if (len > width - 40)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_rgba (cr, ink, 0.55);
  cairo_move_to (cr, x, y - 5);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + len, y);
  cairo_line_to (cr, x + len, y - 5);
  cairo_stroke (cr);
  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &tw, &th);
  cairo_move_to (cr, x + len + 6, y - th + 2);
  set_rgba (cr, ink, 0.7);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* A small arrowhead halfway along each leg: which way the vehicle goes. */
static void
draw_arrow (cairo_t *cr,
            double   x1,
            double   y1,
            double   x2,
            double   y2,
            double   size)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len = hypot (dx, dy);
  double ux, uy, mx, my;

  if (len < 5 * size)
    return;
  ux = dx / len;
  uy = dy / len;
  mx = x1 + dx * 0.56 + ux * size * 0.5;
  my = y1 + dy * 0.56 + uy * size * 0.5;
  cairo_move_to (cr, mx, my);
  cairo_line_to (cr, mx - ux * size * 1.6 - uy * size, my - uy * size * 1.6 + ux * size);
  cairo_line_to (cr, mx - ux * size * 1.6 + uy * size, my - uy * size * 1.6 - ux * size);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static const Placed *
find_placed (const Geometry *g,
             guint           route,
             guint           index)
{
  for (guint i = 0; i < g->placed->len; i++)
    {
      const Placed *p = &g_array_index (g->placed, Placed, i);

      if (p->route == route && p->index == index)
        return p;
    }
  return NULL;
}

static void
draw_route_path (cairo_t              *cr,
                 const JcDeliveryPlan *plan,
                 const Geometry       *g,
                 guint                 r,
                 gboolean              dim,
                 gboolean              highlighted)
{
  const JcDeliveryRoute *route = plan->routes->pdata[r];
  const Point *d = &g_array_index (g->route_depot, Point, r);
  const double *c = route_rgb (plan, r);
  double alpha = dim ? 0.28 : 0.9;
  double lw = highlighted ? 3.2 : 2.0;
  double px = d->x, py = d->y;

  if (route->stops->len == 0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, d->x, d->y);
  for (guint i = 0; i < route->stops->len; i++)
    {
      const Placed *p = find_placed (g, r, i);

      cairo_line_to (cr, p->x, p->y);
    }
  cairo_close_path (cr);
  if (route->overload_g > 0)
    {
      /* An overloaded route: a red dashed edge along its line. */
      static const double dash[] = { 6.0, 4.0 };

      cairo_set_line_width (cr, lw + 4);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      set_rgba (cr, alarm_red, dim ? 0.3 : 0.85);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else if (highlighted)
    {
      cairo_set_line_width (cr, lw + 3);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_stroke_preserve (cr);
    }
  cairo_set_line_width (cr, lw);
  set_rgba (cr, c, alpha);
  cairo_stroke (cr);

  for (guint i = 0; i <= route->stops->len; i++)
    {
      const Placed *p = i < route->stops->len ? find_placed (g, r, i) : NULL;
      double nx = p != NULL ? p->x : d->x, ny = p != NULL ? p->y : d->y;

      draw_arrow (cr, px, py, nx, ny, highlighted ? 4.2 : 3.4);
      px = nx;
      py = ny;
    }
  cairo_restore (cr);
}

static void
draw_depots (cairo_t        *cr,
             const Geometry *g)
{
  double s = g->r * 1.5;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < g->depots->len; i++)
    {
      const Point *p = &g_array_index (g->depots, Point, i);

      cairo_rectangle (cr, p->x - s / 2, p->y - s / 2, s, s);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_rgba (cr, ink, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      cairo_rectangle (cr, p->x - s / 5, p->y - s / 5, 2 * s / 5, 2 * s / 5);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
draw_stop (cairo_t              *cr,
           const JcDeliveryPlan *plan,
           const Geometry       *g,
           const Placed         *p,
           PangoLayout          *numbers,
           gboolean              dim)
{
  const double *c = route_rgb (plan, p->route);
  double alpha = dim ? 0.35 : 1.0;
  double r = g->r;

  cairo_save (cr);
  /* show_layout leaves a current point: an arc would join it with a line */
  cairo_new_path (cr);
  if (p->stop->late)
    {
      cairo_arc (cr, p->x, p->y, r + 2.5, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2.6);
      set_rgba (cr, alarm_red, dim ? 0.45 : 1.0);
      cairo_stroke (cr);
    }
  cairo_arc (cr, p->x, p->y, r, 0, 2 * G_PI);
  if (p->route >= plan->routes->len)
    {
      /* Unassigned: a grey disc with a cross, no number. */
      cairo_set_source_rgba (cr, 0.93, 0.93, 0.93, alpha);
      cairo_fill_preserve (cr);
      set_rgba (cr, grey, alpha);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, p->x - r * 0.5, p->y - r * 0.5);
      cairo_line_to (cr, p->x + r * 0.5, p->y + r * 0.5);
      cairo_move_to (cr, p->x + r * 0.5, p->y - r * 0.5);
      cairo_line_to (cr, p->x - r * 0.5, p->y + r * 0.5);
      cairo_stroke (cr);
    }
  else
    {
      char number[16];
      int tw, th;

      set_rgba (cr, c, alpha);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      g_snprintf (number, sizeof number, "%u", p->index + 1);
      pango_layout_set_text (numbers, number, -1);
      pango_layout_get_pixel_size (numbers, &tw, &th);
      /* a dimmed disc is a pale tint: its number reads in dark ink */
      if (dim)
        set_rgba (cr, ink, 0.75);
      else if (luminance (c) > 0.5)
        cairo_set_source_rgba (cr, 0, 0, 0, alpha);
      else
        cairo_set_source_rgba (cr, 1, 1, 1, alpha);
      cairo_move_to (cr, p->x - tw / 2.0, p->y - th / 2.0);
      pango_cairo_show_layout (cr, numbers);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

/* The canteens' short names where they fit: to the right of the point,
 * else to its left, above or below; never over another point or name.
 * The highlighted route's names come first. */
static void
draw_labels (cairo_t              *cr,
             const JcDeliveryPlan *plan,
             const Geometry       *g,
             int                   highlight,
             double                width,
             double                height)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, g->font_px, FALSE);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  double gap = 3;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g->placed->len; i++)
      {
        const Placed *p = &g_array_index (g->placed, Placed, i);
        gboolean mine = highlight >= 0 && p->route == (guint) highlight;
        gboolean dim = highlight >= 0 && !mine;
        g_autofree char *name = NULL;
        int tw, th;
        Box candidates[4];

        if ((pass == 0) != mine)
          continue;
        if (p->stop->canteen_name == NULL || *p->stop->canteen_name == '\0')
          continue;
        /* A split canteen is named once. */
        if (p->stop->canteen_code != NULL &&
            g_hash_table_contains (named, p->stop->canteen_code))
          continue;
        name = jc_delivery_map_short_name (p->stop->canteen_name);
        pango_layout_set_text (layout, name, -1);
        pango_layout_get_pixel_size (layout, &tw, &th);
        candidates[0] = (Box) { p->x + g->r + gap, p->y - th / 2.0, tw, th };
        candidates[1] = (Box) { p->x - g->r - gap - tw, p->y - th / 2.0, tw, th };
        candidates[2] = (Box) { p->x - tw / 2.0, p->y - g->r - gap - th, tw, th };
        candidates[3] = (Box) { p->x - tw / 2.0, p->y + g->r + gap, tw, th };
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          {
            const Box *b = &candidates[k];
            gboolean ok = b->x >= 2 && b->y >= 2 && b->x + b->w <= width - 2 &&
                          b->y + b->h <= height - g->font_px * 1.8;

            for (guint j = 0; j < g->placed->len && ok; j++)
              {
                const Placed *q = &g_array_index (g->placed, Placed, j);

                ok = !box_hits_circle (b, q->x, q->y, g->r + 1.5);
              }
            for (guint j = 0; j < g->depots->len && ok; j++)
              {
                const Point *q = &g_array_index (g->depots, Point, j);

                ok = !box_hits_circle (b, q->x, q->y, g->r + 1.5);
              }
            for (guint j = 0; j < taken->len && ok; j++)
              ok = !boxes_overlap (b, &g_array_index (taken, Box, j));
            if (!ok)
              continue;
            g_array_append_val (taken, *b);
            if (p->stop->canteen_code != NULL)
              g_hash_table_add (named, p->stop->canteen_code);
            /* a halo keeps the name readable over the lines */
            cairo_save (cr);
            cairo_new_path (cr);
            cairo_set_source_rgba (cr, 0.97, 0.97, 0.95, dim ? 0.5 : 0.8);
            cairo_rectangle (cr, b->x - 1, b->y, b->w + 2, b->h);
            cairo_fill (cr);
            if (p->stop->late)
              set_rgba (cr, alarm_red, dim ? 0.55 : 1.0);
            else
              set_rgba (cr, ink, dim ? 0.5 : 1.0);
            cairo_move_to (cr, b->x, b->y);
            pango_cairo_show_layout (cr, layout);
            cairo_restore (cr);
            break;
          }
      }
}

void
jc_delivery_draw_map (cairo_t              *cr,
                      const JcDeliveryPlan *plan,
                      double                width,
                      double                height,
                      int                   highlight_route)
{
  Geometry g;
  g_autoptr(PangoLayout) numbers = NULL;
  int highlight;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (plan != NULL && plan->routes != NULL);

  if (width <= 0 || height <= 0)
    return;
  highlight = highlight_route >= 0 && (guint) highlight_route < plan->routes->len
                ? highlight_route : -1;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.965, 0.961, 0.949);
  cairo_paint (cr);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  compute_geometry (plan, width, height, &g);
  if (g.empty)
    {
      geometry_clear (&g);
      cairo_restore (cr);
      return;
    }
  draw_scale_bar (cr, &g, width, height);

  for (guint r = 0; r < plan->routes->len; r++)
    if ((int) r != highlight)
      draw_route_path (cr, plan, &g, r, highlight >= 0, FALSE);
  if (highlight >= 0)
    draw_route_path (cr, plan, &g, (guint) highlight, FALSE, TRUE);
  draw_depots (cr, &g);

  numbers = new_layout (cr, g.font_px * (g.r > 7 ? 1.0 : 0.9), TRUE);
  for (guint i = 0; i < g.placed->len; i++)
    {
      const Placed *p = &g_array_index (g.placed, Placed, i);

      if (highlight < 0 || p->route != (guint) highlight)
        draw_stop (cr, plan, &g, p, numbers,
                   highlight >= 0 && p->route < plan->routes->len);
    }
  for (guint i = 0; highlight >= 0 && i < g.placed->len; i++)
    {
      const Placed *p = &g_array_index (g.placed, Placed, i);

      if (p->route == (guint) highlight)
        draw_stop (cr, plan, &g, p, numbers, FALSE);
    }
  draw_labels (cr, plan, &g, highlight, width, height);
  cairo_new_path (cr);

  geometry_clear (&g);
  cairo_restore (cr);
}

/* The stop nearest (x, y) within its radius and a little slop.  Stops are
 * placed at least about two radii apart (place_point()), so the answer does
 * not depend on which route is highlighted; an unassigned stop comes back
 * as route JC_DELIVERY_MAP_UNASSIGNED (plan). */
gboolean
jc_delivery_map_hit (const JcDeliveryPlan *plan,
                     double                width,
                     double                height,
                     double                x,
                     double                y,
                     guint                *out_route,
                     guint                *out_index)
{
  Geometry g;
  gboolean found = FALSE;
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (plan != NULL && plan->routes != NULL, FALSE);

  if (width <= 0 || height <= 0)
    return FALSE;
  compute_geometry (plan, width, height, &g);
  if (!g.empty)
    for (guint i = g.placed->len; i-- > 0;)
      {
        const Placed *p = &g_array_index (g.placed, Placed, i);
        double d = hypot (p->x - x, p->y - y);

        /* the nearest within reach; among equals, the one drawn last */
        if (d <= g.r + HIT_SLOP && d < best)
          {
            best = d;
            found = TRUE;
            if (out_route != NULL)
              *out_route = p->route;
            if (out_index != NULL)
              *out_index = p->index;
          }
      }
  geometry_clear (&g);
  return found;
}

gboolean
jc_delivery_map_stop_position (const JcDeliveryPlan *plan,
                               double                width,
                               double                height,
                               guint                 route,
                               guint                 index,
                               double               *x,
                               double               *y,
                               double               *radius)
{
  Geometry g;
  const Placed *p = NULL;

  g_return_val_if_fail (plan != NULL && plan->routes != NULL, FALSE);

  if (width <= 0 || height <= 0)
    return FALSE;
  compute_geometry (plan, width, height, &g);
  if (!g.empty)
    p = find_placed (&g, route, index);
  if (p != NULL)
    {
      *x = p->x;
      *y = p->y;
      *radius = g.r;
    }
  geometry_clear (&g);
  return p != NULL;
}
