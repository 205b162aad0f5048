/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The delivery map on an image surface, without GTK: each stop is drawn in
 * its route's colour where the hit test finds it, the geography keeps its
 * orientation (north up, east right), a highlighted route stays in full
 * colour while the others dim, a late stop gets its red ring, a canteen
 * split over two vehicles shows as two clickable stops, empty corners hit
 * nothing, and the same plan draws the same pixels twice. */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jc-test-util.h"
#include "jc-delivery-doc.h"
#include "jc-delivery-map.h"
#include "jc-paged-doc.h"

#define W 640
#define H 420

/* ---- a plan filled by hand ---------------------------------------------- */

static JcDeliveryStop *
stop_new (const char *code,
          const char *name,
          double      lat,
          double      lon,
          gboolean    late)
{
  JcDeliveryStop *s = g_new0 (JcDeliveryStop, 1);

  s->canteen_code = g_strdup (code);
  s->canteen_name = g_strdup (name);
  s->lat = lat;
  s->lon = lon;
  s->part = s->n_parts = 1;
  s->late = late;
  s->load_g = 100000;
  return s;
}

static void
stop_free (JcDeliveryStop *s)
{
  g_free (s->canteen_code);
  g_free (s->canteen_name);
  g_free (s);
}

static JcDeliveryRoute *
route_new (const char *plate)
{
  JcDeliveryRoute *r = g_new0 (JcDeliveryRoute, 1);

  r->plate = g_strdup (plate);
  r->capacity_kg = 2000;
  r->depot = g_strdup ("江桥");
  r->depot_lat = 31.200;
  r->depot_lon = 121.450;
  r->stops = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  return r;
}

static void
route_free (JcDeliveryRoute *r)
{
  g_free (r->plate);
  g_free (r->depot);
  g_ptr_array_unref (r->stops);
  g_free (r);
}

static JcDeliveryPlan *
plan_new (void)
{
  JcDeliveryPlan *p = g_new0 (JcDeliveryPlan, 1);

  g_strlcpy (p->date, "2026-12-01", sizeof p->date);
  p->routes = g_ptr_array_new_with_free_func ((GDestroyNotify) route_free);
  p->unassigned = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);
  p->no_mass = g_ptr_array_new_with_free_func (g_free);
  return p;
}

static void
plan_free (JcDeliveryPlan *p)
{
  g_ptr_array_unref (p->routes);
  g_ptr_array_unref (p->unassigned);
  g_ptr_array_unref (p->no_mass);
  g_free (p);
}

typedef JcDeliveryPlan JcDeliveryPlan_;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcDeliveryPlan_, plan_free)

/* Route 0: A (north-east), B (further north-east, late); route 1: C (south-
 * west); unassigned: D (east). */
static JcDeliveryPlan *
sample_plan (void)
{
  JcDeliveryPlan *p = plan_new ();
  JcDeliveryRoute *r0 = route_new ("沪A10001");
  JcDeliveryRoute *r1 = route_new ("沪A10002");

  g_ptr_array_add (r0->stops, stop_new ("CT01", "市政府机关食堂", 31.230, 121.470, FALSE));
  g_ptr_array_add (r0->stops, stop_new ("CT02", "市财政局食堂", 31.250, 121.490, TRUE));
  g_ptr_array_add (r1->stops, stop_new ("CT03", "市档案局食堂", 31.180, 121.400, FALSE));
  g_ptr_array_add (p->routes, r0);
  g_ptr_array_add (p->routes, r1);
  g_ptr_array_add (p->unassigned, stop_new ("CT04", "市卫健委食堂", 31.210, 121.520, FALSE));
  return p;
}

/* ---- pixels --------------------------------------------------------------- */

static cairo_surface_t *
draw (const JcDeliveryPlan *plan,
      int                   highlight)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);

  jc_delivery_draw_map (cr, plan, W, H, highlight);
  assert_int_equal (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *s,
       int              x,
       int              y,
       int              rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (s);
  guint32 v;

  memcpy (&v, data + y * cairo_image_surface_get_stride (s) + x * 4, sizeof v);

  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

static gboolean
pixel_is_red (cairo_surface_t *s,
              int              x,
              int              y)
{
  int rgb[3];

  pixel (s, x, y, rgb);
  return rgb[0] > 170 && rgb[1] < 70 && rgb[2] < 70;
}

static gboolean
pixel_is (cairo_surface_t *s,
          int              x,
          int              y,
          const double     c[3])
{
  int rgb[3];

  pixel (s, x, y, rgb);
  for (int k = 0; k < 3; k++)
    if (abs (rgb[k] - (int) lround (c[k] * 255)) > 3)
      return FALSE;
  return TRUE;
}

typedef struct {
  double cx, cy;
  guint  n;
} Region;

/* Where the hit test answers (route, index): its centre and size. */
static Region
hit_region (const JcDeliveryPlan *plan,
            guint                 route,
            guint                 index)
{
  Region r = { 0, 0, 0 };

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint hr, hi;

        if (jc_delivery_map_hit (plan, W, H, x + 0.5, y + 0.5, &hr, &hi) && hr == route &&
            hi == index)
          {
            r.cx += x + 0.5;
            r.cy += y + 0.5;
            r.n++;
          }
      }
  assert_true (r.n > 0);
  r.cx /= r.n;
  r.cy /= r.n;
  return r;
}

/* The share of the pixels within `radius` of (cx, cy) that are `c`. */
static double
share_of_color (cairo_surface_t *s,
                double           cx,
                double           cy,
                double           radius,
                const double     c[3])
{
  guint all = 0, match = 0;

  for (int y = (int) (cy - radius); y <= (int) (cy + radius); y++)
    for (int x = (int) (cx - radius); x <= (int) (cx + radius); x++)
      {
        if (x < 0 || y < 0 || x >= W || y >= H || hypot (x + 0.5 - cx, y + 0.5 - cy) > radius)
          continue;
        all++;
        if (pixel_is (s, x, y, c))
          match++;
      }
  return all > 0 ? (double) match / all : 0;
}

static void
route_color (guint  route,
             double c[3])
{
  jc_delivery_map_route_color (route, &c[0], &c[1], &c[2]);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_stops_in_route_colors (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = sample_plan ();
  cairo_surface_t *s = draw (plan, -1);
  Region a = hit_region (plan, 0, 0);
  Region b = hit_region (plan, 0, 1);
  Region c = hit_region (plan, 1, 0);
  Region d = hit_region (plan, 2, 0);
  double c0[3], c1[3];
  guint route, index;

  /* a picture for a person to look at */
  if (g_getenv ("JICAI_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("JICAI_SCREENSHOT_DIR"),
                                                "delivery-map.png", NULL);

      g_mkdir_with_parents (g_getenv ("JICAI_SCREENSHOT_DIR"), 0755);
      assert_int_equal (cairo_surface_write_to_png (s, path), CAIRO_STATUS_SUCCESS);
    }
  route_color (0, c0);
  route_color (1, c1);
  /* the two palettes' first colours differ: the test could not tell otherwise */
  assert_true (fabs (c0[0] - c1[0]) + fabs (c0[1] - c1[1]) + fabs (c0[2] - c1[2]) > 0.3);

  /* a stop is a disc of its route's colour where the hit test finds it */
  assert_true (share_of_color (s, a.cx, a.cy, 6, c0) > 0.5);
  assert_true (share_of_color (s, b.cx, b.cy, 6, c0) > 0.5);
  assert_true (share_of_color (s, c.cx, c.cy, 6, c1) > 0.5);
  assert_true (share_of_color (s, c.cx, c.cy, 6, c0) < 0.05);
  assert_true (share_of_color (s, a.cx, a.cy, 6, c1) < 0.05);
  /* unassigned: grey, not a route colour */
  assert_true (share_of_color (s, d.cx, d.cy, 6, c0) < 0.05);
  assert_true (share_of_color (s, d.cx, d.cy, 6, c1) < 0.05);

  /* north up, east right: B is north-east of A, A north-east of C, D east */
  assert_true (b.cx > a.cx && b.cy < a.cy);
  assert_true (a.cx > c.cx && a.cy < c.cy);
  assert_true (d.cx > a.cx);
  /* the points fill the map: the extremes are near opposite margins */
  assert_true (c.cx < W * 0.25 && d.cx > W * 0.75);
  assert_true (b.cy < H * 0.25 && c.cy > H * 0.65);

  /* the hit test at a drawn stop's centre finds exactly that stop */
  assert_true (jc_delivery_map_hit (plan, W, H, a.cx, a.cy, &route, &index));
  assert_int_equal (route, 0);
  assert_int_equal (index, 0);
  assert_true (jc_delivery_map_hit (plan, W, H, c.cx + 3, c.cy - 2, &route, &index));
  assert_int_equal (route, 1);
  assert_int_equal (index, 0);
  assert_true (jc_delivery_map_hit (plan, W, H, d.cx, d.cy, &route, &index));
  assert_int_equal (route, JC_DELIVERY_MAP_UNASSIGNED (plan));
  assert_int_equal (index, 0);
  /* and nothing in the empty corners */
  assert_false (jc_delivery_map_hit (plan, W, H, 3, 3, &route, &index));
  assert_false (jc_delivery_map_hit (plan, W, H, W - 3, 3, &route, &index));
  assert_false (jc_delivery_map_hit (plan, W, H, W - 3, H - 3, &route, &index));
  assert_false (jc_delivery_map_hit (plan, W, H, 3, H - 3, &route, &index));
  /* the position the map reports is the one it draws and hits */
  {
    const Region *regions[] = { &a, &b, &c, &d };
    const guint where[][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 2, 0 } };

    for (guint k = 0; k < G_N_ELEMENTS (regions); k++)
      {
        double px, py, pr;

        assert_true (jc_delivery_map_stop_position (plan, W, H, where[k][0], where[k][1],
                                                    &px, &py, &pr));
        assert_true (fabs (px - regions[k]->cx) < 1.0 && fabs (py - regions[k]->cy) < 1.0);
        assert_true (pr > 4 && pr < 15);
      }
    assert_false (jc_delivery_map_stop_position (plan, W, H, 0, 2, &(double) { 0 },
                                                 &(double) { 0 }, &(double) { 0 }));
    assert_false (jc_delivery_map_stop_position (plan, W, H, 3, 0, &(double) { 0 },
                                                 &(double) { 0 }, &(double) { 0 }));
  }
  /* a stop's disc is small: 30 units away is empty ground */
  assert_false (jc_delivery_map_hit (plan, W, H, a.cx, a.cy + 30, &route, &index));
  cairo_surface_destroy (s);
}

static void
test_late_ring_and_highlight (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = sample_plan ();
  cairo_surface_t *plain = draw (plan, -1);
  cairo_surface_t *lit = draw (plan, 1);
  Region a = hit_region (plan, 0, 0);
  Region b = hit_region (plan, 0, 1);
  Region c = hit_region (plan, 1, 0);
  double c0[3], c1[3];
  guint red_b = 0, red_a = 0;

  route_color (0, c0);
  route_color (1, c1);
  /* B is late: a red ring around it, none around A */
  for (int k = 0; k < 72; k++)
    {
      double t = k * G_PI / 36;

      for (double rr = 9; rr <= 14; rr += 0.5)
        {
          if (pixel_is_red (plain, (int) (b.cx + cos (t) * rr), (int) (b.cy + sin (t) * rr)))
            red_b++;
          if (pixel_is_red (plain, (int) (a.cx + cos (t) * rr), (int) (a.cy + sin (t) * rr)))
            red_a++;
        }
    }
  assert_true (red_b > 60);
  assert_int_equal (red_a, 0);

  /* Highlighting route 1 keeps its stop in full colour and dims route 0. */
  assert_true (share_of_color (lit, c.cx, c.cy, 6, c1) > 0.5);
  assert_true (share_of_color (lit, a.cx, a.cy, 6, c0) < 0.05);
  assert_true (share_of_color (plain, a.cx, a.cy, 6, c0) > 0.5);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
}

static void
test_deterministic (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = sample_plan ();
  cairo_surface_t *one = draw (plan, 0);
  cairo_surface_t *two = draw (plan, 0);
  cairo_surface_t *other = draw (plan, 1);
  gsize size = (gsize) cairo_image_surface_get_stride (one) * H;

  assert_memory_equal (cairo_image_surface_get_data (one), cairo_image_surface_get_data (two),
                       size);
  assert_memory_not_equal (cairo_image_surface_get_data (one),
                           cairo_image_surface_get_data (other), size);
  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
  cairo_surface_destroy (other);
}

/* A canteen split over two vehicles: two stops at one address, both seen
 * and both clickable; a stop at the depot's address too. */
static void
test_same_address (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = sample_plan ();
  JcDeliveryRoute *r1 = plan->routes->pdata[1];
  JcDeliveryStop *split = stop_new ("CT01", "市政府机关食堂", 31.230, 121.470, FALSE);
  Region first, second;

  split->part = 2;
  split->n_parts = 2;
  ((JcDeliveryStop *) ((JcDeliveryRoute *) plan->routes->pdata[0])->stops->pdata[0])->n_parts = 2;
  g_ptr_array_add (r1->stops, split);
  g_ptr_array_add (r1->stops, stop_new ("CT09", "市仓库", 31.200, 121.450, FALSE));
  first = hit_region (plan, 0, 0);
  second = hit_region (plan, 1, 1);
  assert_true (hypot (first.cx - second.cx, first.cy - second.cy) > 12);
  assert_true (first.n > 100 && second.n > 100);
  (void) hit_region (plan, 1, 2);
}

static void
test_empty_plan (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = plan_new ();
  cairo_surface_t *s;
  guint route, index;
  int bg[3], px[3];
  guint dark = 0;

  /* no routes at all, then a route without stops: a plain map, no hits */
  s = draw (plan, -1);
  assert_false (jc_delivery_map_hit (plan, W, H, W / 2.0, H / 2.0, &route, &index));
  pixel (s, W / 2, H / 2, bg);
  cairo_surface_destroy (s);
  g_ptr_array_add (plan->routes, route_new ("沪A10001"));
  s = draw (plan, 0);
  assert_false (jc_delivery_map_hit (plan, W, H, W / 2.0, H / 2.0, &route, &index));
  /* the depot's square stands near the middle */
  for (int y = H / 2 - 30; y < H / 2 + 30; y++)
    for (int x = W / 2 - 30; x < W / 2 + 30; x++)
      {
        pixel (s, x, y, px);
        if (px[0] + px[1] + px[2] < 200)
          dark++;
      }
  assert_true (bg[0] + bg[1] + bg[2] > 600);
  assert_true (dark > 20);
  cairo_surface_destroy (s);
  /* a tiny or empty surface draws nothing and does not crash */
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  {
    cairo_t *cr = cairo_create (s);

    jc_delivery_draw_map (cr, plan, 0, 0, -1);
    jc_delivery_draw_map (cr, plan, 4, 4, 5);
    assert_int_equal (cairo_status (cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (s);
}

static void
test_short_name (void **state)
{
  g_autofree char *a = jc_delivery_map_short_name ("市政府机关食堂");
  g_autofree char *b = jc_delivery_map_short_name ("市财政局食堂");
  g_autofree char *c = jc_delivery_map_short_name ("食堂");
  g_autofree char *d = jc_delivery_map_short_name ("Canteen");

  assert_string_equal (a, "市政府");
  assert_string_equal (b, "市财政局");
  assert_string_equal (c, "食堂");
  assert_string_equal (d, "Canteen");
}

/* The PDF route sheets draw the same map: a PDF surface takes it too. */
static void
test_pdf_surface (void **state)
{
  g_autoptr(JcDeliveryPlan_) plan = sample_plan ();
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  cairo_surface_t *s = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (s);
  g_autoptr(GBytes) bytes = NULL;

  cairo_translate (cr, 40, 60);
  jc_delivery_draw_map (cr, plan, 515, 360, 0);
  cairo_show_page (cr);
  assert_int_equal (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (s);
  assert_int_equal (cairo_surface_status (s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
  bytes = jc_test_read (path);
  assert_true (g_bytes_get_size (bytes) > 1000);
  jc_test_rmtree (dir);
}

static void
release_plan (gpointer data)
{
  JcDeliveryPlan *plan = data;

  for (guint r = 0; r < plan->routes->len; r++)
    {
      JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        g_clear_pointer (&((JcDeliveryStop *) route->stops->pdata[i])->lines, g_ptr_array_unref);
    }
  for (guint i = 0; i < plan->unassigned->len; i++)
    g_clear_pointer (&((JcDeliveryStop *) plan->unassigned->pdata[i])->lines, g_ptr_array_unref);
  plan_free (plan);
}

/* The number of pages of a PDF file, as pdfinfo reads it. */
static guint
pdf_n_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = jc_test_run_tool (argv);
  const char *line = strstr (info, "Pages:");

  assert_non_null (line);
  return (guint) atoi (line + strlen ("Pages:"));
}

/* The delivery documents as a paged document: as many pages as
 * jc_delivery_doc_n_pages() counts, and the PDF written through it has as
 * many; the document keeps the plan until its last reference goes. */
static void
test_paged_doc (void **state)
{
  JcDeliveryPlan *plan = sample_plan ();
  g_autofree char *dir = jc_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "deliveries.pdf", NULL);
  g_autoptr(GError) error = NULL;
  JcPagedDoc *doc;
  guint n;

  for (guint r = 0; r < plan->routes->len; r++)
    {
      JcDeliveryRoute *route = plan->routes->pdata[r];

      for (guint i = 0; i < route->stops->len; i++)
        ((JcDeliveryStop *) route->stops->pdata[i])->lines = g_ptr_array_new ();
    }
  for (guint i = 0; i < plan->unassigned->len; i++)
    ((JcDeliveryStop *) plan->unassigned->pdata[i])->lines = g_ptr_array_new ();

  n = jc_delivery_doc_n_pages (plan, JC_DELIVERY_DOC_ALL, 595.2756, 841.8898);
  assert_true (n >= 3);
  doc = jc_delivery_doc_paged_new (plan, JC_DELIVERY_DOC_ALL, plan, release_plan);
  assert_int_equal (jc_paged_doc_get_n_pages (doc, 595.2756, 841.8898), n);
  assert_int_equal (jc_paged_doc_get_n_pages (doc, 300, 200), n);
  assert_non_null (strstr (jc_paged_doc_get_title (doc), "2026-12-01"));
  assert_true (jc_paged_doc_write_pdf (doc, path, JC_OUTPUT_NONE, &error));
  assert_no_error (error);
  assert_int_equal (pdf_n_pages (path), n);
  jc_paged_doc_unref (doc);   /* frees the plan */
  jc_test_rmtree (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_stops_in_route_colors),
    cmocka_unit_test (test_late_ring_and_highlight),
    cmocka_unit_test (test_deterministic),
    cmocka_unit_test (test_same_address),
    cmocka_unit_test (test_empty_plan),
    cmocka_unit_test (test_short_name),
    cmocka_unit_test (test_pdf_surface),
    cmocka_unit_test (test_paged_doc),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
