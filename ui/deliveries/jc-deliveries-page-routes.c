/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page-routes.c: the deliveries page's routes — the
 * selection, the list of routes and their stops (badges, loads, drag and
 * drop between routes), the move menu and the map.  It shows the plan on
 * show and hands moves to the actions; it starts no worker. */
#include "config.h"

#define G_LOG_DOMAIN "jc-deliveries-page"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jc-deliveries-page-private.h"
#include "jc-format.h"
#include "jc-delivery-map.h"
#include "jc-delivery-tasks.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-task.h"
#include "jc-ui-util.h"

/* ---- formats ------------------------------------------------------------ */

char *
_jc_deliveries_page_format_km (gint64 metres)
{
  gint64 tenths = (MAX (metres, 0) + 50) / 100;

  /* TRANSLATORS: a distance in kilometres, "12.3 km" */
  return g_strdup_printf (C_("distance", "%lld.%lld km"), (long long) (tenths / 10),
                          (long long) (tenths % 10));
}

char *
_jc_deliveries_page_format_tonnes (gint64 grams)
{
  gint64 hundredths = (MAX (grams, 0) + 5000) / 10000;

  /* TRANSLATORS: a mass in tonnes, "1.25 t" */
  return g_strdup_printf (C_("mass", "%lld.%02lld t"), (long long) (hundredths / 100),
                          (long long) (hundredths % 100));
}

/* To 0.1 kg: what a loader reads; the documents carry the exact lines. */
char *
_jc_deliveries_page_format_kg (gint64 grams)
{
  gint64 tenths = (MAX (grams, 0) + 50) / 100;
  g_autofree char *number = NULL;

  if (tenths % 10 == 0)
    number = g_strdup_printf ("%lld", (long long) (tenths / 10));
  else
    number = g_strdup_printf ("%lld.%lld", (long long) (tenths / 10), (long long) (tenths % 10));
  /* TRANSLATORS: a mass in kilograms, "123.4 kg" */
  return g_strdup_printf (C_("mass", "%s kg"), number);
}

gint64
_jc_deliveries_page_used_capacity_g (const JcDeliveryPlan *plan)
{
  gint64 used = 0, all = 0;

  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      all += route->capacity_kg * 1000;
      if (route->stops->len > 0)
        used += route->capacity_kg * 1000;
    }
  return used > 0 ? used : all;
}

guint
_jc_deliveries_page_routes_used (const JcDeliveryPlan *plan)
{
  guint n = 0;

  for (guint r = 0; r < plan->routes->len; r++)
    if (((JcDeliveryRoute *) plan->routes->pdata[r])->stops->len > 0)
      n++;
  return n;
}

/* ---- the selection -------------------------------------------------------- */

const JcDeliveryStop *
_jc_deliveries_page_selected_stop (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);

  if (plan == NULL || self->sel_route < 0 || self->sel_index < 0)
    return NULL;
  if ((guint) self->sel_route < plan->routes->len)
    {
      JcDeliveryRoute *route = plan->routes->pdata[self->sel_route];

      return (guint) self->sel_index < route->stops->len ? route->stops->pdata[self->sel_index]
                                                          : NULL;
    }
  if ((guint) self->sel_route == plan->routes->len &&
      (guint) self->sel_index < plan->unassigned->len)
    return plan->unassigned->pdata[self->sel_index];
  return NULL;
}

static int
highlight_route (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);

  if (plan == NULL || self->sel_route < 0 || (guint) self->sel_route >= plan->routes->len)
    return -1;
  return self->sel_route;
}

void
_jc_deliveries_page_clamp_selection (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);

  if (plan == NULL || self->sel_route < 0 || (guint) self->sel_route > plan->routes->len ||
      (self->sel_index >= 0 && _jc_deliveries_page_selected_stop (self) == NULL))
    {
      self->sel_route = -1;
      self->sel_index = -1;
    }
}

static char *
stop_title (const JcDeliveryStop *s)
{
  if (s->n_parts > 1)
    /* TRANSLATORS: a canteen whose load is split over vehicles: "市政府机关食堂 (1/2)" */
    return g_strdup_printf (C_("stop", "%s (%d/%d)"), s->canteen_name, s->part, s->n_parts);
  return g_strdup (s->canteen_name);
}

void
_jc_deliveries_page_update_selection_label (JcDeliveriesPage *self)
{
  const JcDeliveryStop *s = _jc_deliveries_page_selected_stop (self);
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  g_autofree char *text = NULL;

  if (s != NULL)
    {
      g_autofree char *title = stop_title (s);

      /* TRANSLATORS: the stop the move buttons act on */
      text = g_strdup_printf (_("Stop: %s"), title);
    }
  else if (plan != NULL && highlight_route (self) >= 0)
    text = g_strdup (((JcDeliveryRoute *) plan->routes->pdata[highlight_route (self)])->plate);
  else
    text = g_strdup (_("Select a stop to move it"));
  gtk_label_set_text (self->selection_label, text);
}

/* ---- the list of routes and stops ----------------------------------------- */

static RowInfo *
row_info (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "jc-row") : NULL;
}

typedef struct {
  int      route;     /* -1: grey (unassigned) */
  int      number;    /* 0: none (a header's swatch, an unassigned stop) */
  gboolean late;
} BadgeData;

static void
badge_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  BadgeData *b = user_data;
  double r = MIN (width, height) / 2.0 - 1.5;
  double red = 0.55, green = 0.55, blue = 0.55;

  if (b->route >= 0)
    jc_delivery_map_route_color ((guint) b->route, &red, &green, &blue);
  if (b->late)
    {
      cairo_arc (cr, width / 2.0, height / 2.0, r + 0.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.84, 0, 0);
      cairo_fill (cr);
      r -= 2;
    }
  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, red, green, blue);
  cairo_fill (cr);
  if (b->number > 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      char text[16];
      int tw, th;

      pango_font_description_set_absolute_size (font, r * 1.15 * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      g_snprintf (text, sizeof text, "%d", b->number);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5)
        cairo_set_source_rgb (cr, 0, 0, 0);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
}

static GtkWidget *
badge_new (int      route,
           int      number,
           gboolean late,
           int      size)
{
  GtkWidget *area = gtk_drawing_area_new ();
  BadgeData *b = g_new0 (BadgeData, 1);

  b->route = route;
  b->number = number;
  b->late = late;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), badge_draw_cb, b, g_free);
  return area;
}

static GtkWidget *
label_new (const char *text,
           float       xalign,
           const char *css,
           gboolean    ellipsize)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
    }
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
row_new (JcDeliveriesPage *self,
         int               route,
         int               index,
         GtkWidget        *child);

static GtkWidget *
route_row_new (JcDeliveriesPage *self,
               guint             r)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  const JcDeliveryRoute *route = plan->routes->pdata[r];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *plate, *load_label, *times;
  g_autofree char *distance = _jc_deliveries_page_format_km (route->distance_m);
  g_autofree char *load = _jc_deliveries_page_format_tonnes (route->load_g);
  g_autofree char *capacity = _jc_deliveries_page_format_tonnes (route->capacity_kg * 1000);
  g_autofree char *load_text = NULL;
  g_autofree char *times_text = NULL;
  double cap = MAX ((double) route->capacity_kg * 1000, 1);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);

  gtk_box_append (GTK_BOX (top), badge_new ((int) r, 0, FALSE, 14));
  plate = label_new (route->plate, 0, "heading", TRUE);
  gtk_widget_set_hexpand (plate, TRUE);
  gtk_box_append (GTK_BOX (top), plate);
  gtk_box_append (GTK_BOX (top), label_new (distance, 1, "numeric", FALSE));
  gtk_box_append (GTK_BOX (box), top);

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN ((double) route->load_g / cap, 1.0));
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (middle), bar);
  /* TRANSLATORS: a vehicle's load against its capacity: "1.25 t / 2.00 t" */
  load_text = g_strdup_printf (C_("load", "%s / %s"), load, capacity);
  load_label = label_new (load_text, 1, "numeric", FALSE);
  if (route->overload_g > 0)
    {
      g_autofree char *over = _jc_deliveries_page_format_kg (route->overload_g);
      g_autofree char *tip = g_strdup_printf (_("Overloaded by %s"), over);

      gtk_widget_add_css_class (load_label, "error");
      gtk_widget_add_css_class (bar, "error");
      gtk_widget_set_tooltip_text (load_label, tip);
    }
  gtk_box_append (GTK_BOX (middle), load_label);
  gtk_box_append (GTK_BOX (box), middle);

  if (route->stops->len == 0)
    times_text = g_strdup (_("No stops: the vehicle stays at the depot"));
  else
    {
      g_autofree char *depart = jc_format_clock (route->depart_s);
      g_autofree char *back = jc_format_clock (route->return_s);
      g_autofree char *stops = g_strdup_printf (ngettext ("%u stop", "%u stops",
                                                          route->stops->len),
                                                route->stops->len);

      /* TRANSLATORS: a route's times: "06:10 → 08:45 · 5 stops" */
      times_text = g_strdup_printf (_("%s → %s · %s"), depart, back, stops);
      if (route->n_late > 0)
        {
          g_autofree char *late = g_strdup_printf (ngettext ("%d late", "%d late", route->n_late),
                                                   route->n_late);
          char *joined = g_strdup_printf (C_("route summary", "%s · %s"), times_text, late);

          g_free (times_text);
          times_text = joined;
        }
    }
  times = label_new (times_text, 0, route->n_late > 0 || route->overload_g > 0 ? "error"
                                                                              : "dim-label",
                     TRUE);
  gtk_widget_add_css_class (times, "caption");
  gtk_box_append (GTK_BOX (box), times);
  if (route->overload_g > 0)
    {
      g_autofree char *over = _jc_deliveries_page_format_kg (route->overload_g);
      g_autofree char *text = g_strdup_printf (_("Overloaded by %s"), over);
      GtkWidget *label = label_new (text, 0, "error", TRUE);

      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  return row_new (self, (int) r, -1, box);
}

static GtkWidget *
unassigned_header_new (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = label_new (_("Unassigned"), 0, "heading", TRUE);
  GtkWidget *note = label_new (_("The fleet cannot serve these stops as they are"), 0, "error",
                               TRUE);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_box_append (GTK_BOX (top), badge_new (-1, 0, FALSE, 14));
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (box), top);
  gtk_widget_add_css_class (note, "caption");
  gtk_box_append (GTK_BOX (box), note);
  return row_new (self, (int) plan->routes->len, -1, box);
}

static GtkWidget *
stop_row_new (JcDeliveriesPage     *self,
              int                   r,
              guint                 i,
              const JcDeliveryStop *s,
              gboolean              assigned)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name, *detail, *arrival;
  g_autofree char *title = stop_title (s);
  g_autofree char *window = jc_ui_format_window (s->window_start, s->window_end);
  g_autofree char *load = _jc_deliveries_page_format_kg (s->load_g);
  g_autofree char *detail_text = NULL;
  g_autofree char *arrival_text = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_box_append (GTK_BOX (box), badge_new (assigned ? r : -1, assigned ? (int) i + 1 : 0,
                                            s->late, 24));
  name = label_new (title, 0, NULL, TRUE);
  gtk_box_append (GTK_BOX (middle), name);
  /* TRANSLATORS: a stop's details: canteen code, delivery window, load */
  detail_text = g_strdup_printf (_("%s · window %s · %s"), s->canteen_code, window, load);
  detail = label_new (detail_text, 0, "dim-label", TRUE);
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (middle), detail);
  gtk_widget_set_hexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (box), middle);

  if (assigned)
    {
      g_autofree char *at = jc_format_clock (s->arrival_s);
      g_autofree char *start = jc_format_clock (s->start_s);

      arrival_text = g_strdup (at);
      if (s->late)
        /* TRANSLATORS: tooltip of a late stop: arrival and start of unloading */
        tooltip = g_strdup_printf (_("Late: arrives %s, unloads from %s, after the window %s"),
                                   at, start, window);
      else if (s->start_s > s->arrival_s)
        tooltip = g_strdup_printf (_("Arrives %s, waits, unloads from %s"), at, start);
      else
        tooltip = g_strdup_printf (_("Arrives %s"), at);
    }
  else
    arrival_text = g_strdup ("—");
  arrival = label_new (arrival_text, 1, "numeric", FALSE);
  gtk_widget_add_css_class (arrival, "heading");
  gtk_box_append (GTK_BOX (right), arrival);
  if (s->late)
    {
      GtkWidget *late = label_new (C_("stop", "late"), 1, "error", FALSE);

      gtk_widget_add_css_class (late, "caption");
      gtk_widget_add_css_class (arrival, "error");
      gtk_widget_add_css_class (name, "error");
      gtk_box_append (GTK_BOX (right), late);
    }
  gtk_widget_set_valign (right, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), right);
  gtk_widget_set_tooltip_text (box, tooltip);
  return row_new (self, r, (int) i, box);
}

/* ---- drag and drop between the routes --------------------------------------- */

typedef struct {
  JcDeliveriesPage *self;
  int               from_route, from_index, to_route, to_index;
} DropMove;

static gboolean
drop_move_idle (gpointer data)
{
  DropMove *m = data;
  JcDeliveriesPage *self = m->self;

  self->sel_route = m->from_route;
  self->sel_index = m->from_index;
  _jc_deliveries_page_move_selected_to (self, m->to_route, m->to_index);
  g_object_unref (self);
  g_free (m);
  return G_SOURCE_REMOVE;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkListBoxRow *row)
{
  RowInfo *info = row_info (row);
  g_autofree char *text = NULL;
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                       JC_TYPE_DELIVERIES_PAGE));

  if (info == NULL || info->index < 0 || self == NULL || self->loading || self->working ||
      self->solving || self->printing)
    return NULL;
  text = g_strdup_printf ("jicai-stop:%s:%d:%d", self->date, info->route, info->index);
  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            GtkListBoxRow *row)
{
  RowInfo *info = row_info (row);
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                       JC_TYPE_DELIVERIES_PAGE));
  JcDeliveryPlan *plan = self != NULL ? _jc_deliveries_page_current_plan (self) : NULL;
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
  char date[11] = "";
  int from_route, from_index;
  DropMove *m;

  if (info == NULL || plan == NULL || text == NULL ||
      sscanf (text, "jicai-stop:%10[0-9-]:%d:%d", date, &from_route, &from_index) != 3 ||
      !g_str_equal (date, self->date) || (guint) info->route >= plan->routes->len)
    return FALSE;
  m = g_new0 (DropMove, 1);
  m->self = g_object_ref (self);
  m->from_route = from_route;
  m->from_index = from_index;
  m->to_route = info->route;
  if (info->index < 0)
    m->to_index = (int) ((JcDeliveryRoute *) plan->routes->pdata[info->route])->stops->len;
  else
    m->to_index = info->index;
  /* Not from inside the drop: the move rebuilds the list this row is in. */
  g_idle_add (drop_move_idle, m);
  return TRUE;
}

static GtkWidget *
row_new (JcDeliveriesPage *self,
         int               route,
         int               index,
         GtkWidget        *child)
{
  GtkWidget *row = gtk_list_box_row_new ();
  RowInfo *info = g_new0 (RowInfo, 1);
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);

  info->route = route;
  info->index = index;
  g_object_set_data_full (G_OBJECT (row), "jc-row", info, g_free);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  if (index >= 0)
    {
      GtkDragSource *drag = gtk_drag_source_new ();

      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
    }
  else
    gtk_widget_add_css_class (row, "jc-route-header");
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));
  return row;
}

static GtkListBoxRow *
find_row (JcDeliveriesPage *self,
          int               route,
          int               index)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->stops_list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      RowInfo *info = GTK_IS_LIST_BOX_ROW (c) ? row_info (GTK_LIST_BOX_ROW (c)) : NULL;

      if (info != NULL && info->route == route && info->index == index)
        return GTK_LIST_BOX_ROW (c);
    }
  return NULL;
}

static void
select_current_row (JcDeliveriesPage *self,
                    gboolean          focus)
{
  GtkListBoxRow *row = self->sel_route >= 0 ? find_row (self, self->sel_route, self->sel_index)
                                            : NULL;

  self->syncing = TRUE;
  if (row != NULL)
    {
      gtk_list_box_select_row (self->stops_list, row);
      if (focus)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else
    gtk_list_box_unselect_all (self->stops_list);
  self->syncing = FALSE;
}

void
_jc_deliveries_page_rebuild_list (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus,
                                                                 GTK_WIDGET (self->stops_list));
  GtkWidget *child;

  self->syncing = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stops_list))) != NULL)
    gtk_list_box_remove (self->stops_list, child);
  self->syncing = FALSE;
  if (plan == NULL)
    return;
  for (guint r = 0; r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];

      gtk_list_box_append (self->stops_list, route_row_new (self, r));
      for (guint i = 0; i < route->stops->len; i++)
        gtk_list_box_append (self->stops_list,
                             stop_row_new (self, (int) r, i, route->stops->pdata[i], TRUE));
    }
  if (plan->unassigned->len > 0)
    {
      gtk_list_box_append (self->stops_list, unassigned_header_new (self));
      for (guint i = 0; i < plan->unassigned->len; i++)
        gtk_list_box_append (self->stops_list,
                             stop_row_new (self, (int) plan->routes->len, i,
                                           plan->unassigned->pdata[i], FALSE));
    }
  select_current_row (self, had_focus);
}

static void
on_row_selected_cb (JcDeliveriesPage *self,
                    GtkListBoxRow    *row)
{
  RowInfo *info = row_info (row);

  if (self->syncing)
    return;
  if (info == NULL)
    {
      self->sel_route = -1;
      self->sel_index = -1;
    }
  else
    {
      self->sel_route = info->route;
      self->sel_index = info->index;
    }
  _jc_deliveries_page_update_selection_label (self);
  _jc_deliveries_page_rebuild_move_menu (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  _jc_deliveries_page_update_actions (self);
}

/* Enter on a stop: where to move it. */
static void
on_row_activated_cb (JcDeliveriesPage *self,
                     GtkListBoxRow    *row)
{
  RowInfo *info = row_info (row);

  if (info != NULL && info->index >= 0 && gtk_widget_get_sensitive (GTK_WIDGET (self->move_button)))
    gtk_menu_button_popup (self->move_button);
}

/* ---- the map ------------------------------------------------------------------- */

void
_jc_deliveries_page_map_draw_cb (GtkDrawingArea *area,
                                 cairo_t        *cr,
                                 int             width,
                                 int             height,
                                 gpointer        user_data)
{
  JcDeliveriesPage *self = user_data;
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);

  double x, y, r;

  if (plan == NULL)
    return;
  jc_delivery_draw_map (cr, plan, width, height, highlight_route (self));
  /* the selected stop: a ring in the theme's focus colour around it */
  if (_jc_deliveries_page_selected_stop (self) != NULL &&
      jc_delivery_map_stop_position (plan, width, height, (guint) self->sel_route,
                                     (guint) self->sel_index, &x, &y, &r))
    {
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r + 5, 0, 2 * G_PI);
      cairo_set_line_width (cr, 3);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_stroke (cr);
    }
}

static void
click_map (JcDeliveriesPage *self,
           double            x,
           double            y)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  guint route, index;

  if (plan == NULL)
    return;
  if (jc_delivery_map_hit (plan, gtk_widget_get_width (GTK_WIDGET (self->map_area)),
                           gtk_widget_get_height (GTK_WIDGET (self->map_area)), x, y, &route,
                           &index))
    {
      self->sel_route = (int) route;
      self->sel_index = (int) index;
    }
  else
    {
      self->sel_route = -1;
      self->sel_index = -1;
    }
  select_current_row (self, FALSE);
  _jc_deliveries_page_update_selection_label (self);
  _jc_deliveries_page_rebuild_move_menu (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  _jc_deliveries_page_update_actions (self);
}

void
_jc_deliveries_page_on_map_pressed_cb (GtkGestureClick  *gesture,
                                       int               n_press,
                                       double            x,
                                       double            y,
                                       JcDeliveriesPage *self)
{
  click_map (self, x, y);
}

void
_jc_deliveries_page_rebuild_move_menu (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);

  g_menu_remove_all (self->move_menu);
  for (guint r = 0; plan != NULL && r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      g_autofree char *load = NULL;
      g_autofree char *cap = _jc_deliveries_page_format_tonnes (route->capacity_kg * 1000);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* the stop's own vehicle is not a place to move it to */
      if ((int) r == self->sel_route)
        continue;
      load = _jc_deliveries_page_format_tonnes (route->load_g);
      /* TRANSLATORS: an entry of the Move To menu: plate, load, capacity */
      label = g_strdup_printf (_("%s (%s of %s)"), route->plate, load, cap);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "deliveries.move-to",
                                               g_variant_new_int32 ((gint32) r));
      g_menu_append_item (self->move_menu, item);
    }
}

GtkWidget *
_jc_deliveries_page_get_row (JcDeliveriesPage *self,
                             int               route,
                             int               index)
{
  return GTK_WIDGET (find_row (self, route, index));
}

gboolean
_jc_deliveries_page_get_selection (JcDeliveriesPage *self,
                                   int              *route,
                                   int              *index)
{
  *route = self->sel_route;
  *index = self->sel_index;
  return self->sel_route >= 0;
}

gboolean
_jc_deliveries_page_select (JcDeliveriesPage *self,
                            int               route,
                            int               index)
{
  GtkListBoxRow *row = find_row (self, route, index);

  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->stops_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return self->sel_route == route && self->sel_index == index;
}

void
_jc_deliveries_page_click_map (JcDeliveriesPage *self,
                               double            x,
                               double            y)
{
  click_map (self, x, y);
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

char *
_jc_deliveries_page_dup_row_text (JcDeliveriesPage *self,
                                  int               route,
                                  int               index)
{
  GtkListBoxRow *row = find_row (self, route, index);
  GString *out;

  if (row == NULL)
    return NULL;
  out = g_string_new (NULL);
  collect_texts (GTK_WIDGET (row), out);
  return g_string_free (out, FALSE);
}

static gboolean
has_css (GtkWidget  *widget,
         const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (has_css (c, css_class))
      return TRUE;
  return FALSE;
}

gboolean
_jc_deliveries_page_row_has_css (JcDeliveriesPage *self,
                                 int               route,
                                 int               index,
                                 const char       *css_class)
{
  GtkListBoxRow *row = find_row (self, route, index);

  return row != NULL && has_css (GTK_WIDGET (row), css_class);
}

/* Binds the route list's callbacks: called from class_init, after the
 * template is set. */
void
_jc_deliveries_page_class_routes_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}
