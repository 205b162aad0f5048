/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page.c: the delivery plan of a date — figures, routes,
 * map — its hand edits, the solver and the documents. */
#include "config.h"

#define G_LOG_DOMAIN "jc-deliveries-page"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jc-deliveries-page-private.h"
#include "jc-delivery-map.h"
#include "jc-delivery-tasks.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-task.h"
#include "jc-ui-util.h"

#define DEFAULT_SOLVER_SECONDS 5.0

/* What a row of the list stands for. */
typedef struct {
  int route;   /* routes->len: the unassigned stops */
  int index;   /* -1: the route's header */
} RowInfo;

struct _JcDeliveriesPage {
  AdwBin              parent_instance;

  char               *db_path;
  char                date[11];
  GCancellable       *cancellable;        /* every worker of the page */
  GCancellable       *load_cancellable;
  GCancellable       *solve_cancellable;  /* stops the solver, keeps the best */
  gboolean            loading;
  gboolean            working;            /* a save or export runs */
  gboolean            solving;
  gboolean            printing;
  gboolean            stopped;            /* the solver was stopped by hand */
  JcDeliveryPlanRef  *ref;                /* the plan on show, NULL: none */
  gboolean            plan_locked;
  char              **late_not_in;     /* late orders not in the locked plan */
  guint               n_vehicles;
  gboolean            dirty;              /* hand edits not saved */
  int                 sel_route;          /* -1: nothing selected */
  int                 sel_index;          /* -1: the route itself */
  gboolean            syncing;            /* the page selects a row itself */
  double              solver_seconds;
  char               *pending_date;       /* asked to discard edits for it */
  GMenu              *move_menu;
  GtkFileChooserNative *chooser;
  GtkPrintOperation  *print_op;
  GtkWindow          *dialog;             /* weak: a confirmation on show */

  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
  GtkLabel           *status_label;
  GtkSpinner         *spinner;
  GtkWidget          *edited_box;
  GtkLabel           *edited_label;
  GtkWidget          *build_button;
  GtkMenuButton      *output_button;
  GtkPopover         *output_popover;
  GtkCheckButton     *sheets_check;
  GtkCheckButton     *picking_check;
  GtkCheckButton     *notes_check;
  GtkWidget          *progress_box;
  GtkProgressBar     *progress_bar;
  GtkWidget          *figures_box;
  GtkLabel           *routes_label;
  GtkLabel           *distance_label;
  GtkLabel           *load_label;
  GtkLabel           *late_label;
  GtkLabel           *unassigned_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkStack           *content_stack;
  GtkPaned           *paned;
  GtkLabel           *selection_label;
  GtkMenuButton      *move_button;
  GtkListBox         *stops_list;
  GtkDrawingArea     *map_area;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (JcDeliveriesPage, jc_deliveries_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_plan      (JcDeliveriesPage *self);
static void update_actions (JcDeliveriesPage *self);
static void refresh        (JcDeliveriesPage *self);
static void rebuild_move_menu (JcDeliveriesPage *self);

static JcDeliveryPlan *
current_plan (JcDeliveriesPage *self)
{
  return self->ref != NULL ? self->ref->plan : NULL;
}

/* ---- formats ------------------------------------------------------------ */

static char *
format_km (gint64 metres)
{
  gint64 tenths = (MAX (metres, 0) + 50) / 100;

  /* TRANSLATORS: a distance in kilometres, "12.3 km" */
  return g_strdup_printf (C_("distance", "%lld.%lld km"), (long long) (tenths / 10),
                          (long long) (tenths % 10));
}

static char *
format_tonnes (gint64 grams)
{
  gint64 hundredths = (MAX (grams, 0) + 5000) / 10000;

  /* TRANSLATORS: a mass in tonnes, "1.25 t" */
  return g_strdup_printf (C_("mass", "%lld.%02lld t"), (long long) (hundredths / 100),
                          (long long) (hundredths % 100));
}

/* To 0.1 kg: what a loader reads; the documents carry the exact lines. */
static char *
format_kg (gint64 grams)
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

static char *
format_clock (int seconds)
{
  return jc_format_time (MAX (seconds, 0) / 60 % (24 * 60));
}

static gint64
used_capacity_g (const JcDeliveryPlan *plan)
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

static guint
routes_used (const JcDeliveryPlan *plan)
{
  guint n = 0;

  for (guint r = 0; r < plan->routes->len; r++)
    if (((JcDeliveryRoute *) plan->routes->pdata[r])->stops->len > 0)
      n++;
  return n;
}

static JcDeliveryDocs
chosen_docs (JcDeliveriesPage *self)
{
  JcDeliveryDocs docs = 0;

  if (gtk_check_button_get_active (self->sheets_check))
    docs |= JC_DELIVERY_DOC_ROUTE_SHEETS;
  if (gtk_check_button_get_active (self->picking_check))
    docs |= JC_DELIVERY_DOC_PICKING_LISTS;
  if (gtk_check_button_get_active (self->notes_check))
    docs |= JC_DELIVERY_DOC_NOTES;
  return docs;
}

/* ---- the selection -------------------------------------------------------- */

static const JcDeliveryStop *
selected_stop (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);

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
  JcDeliveryPlan *plan = current_plan (self);

  if (plan == NULL || self->sel_route < 0 || (guint) self->sel_route >= plan->routes->len)
    return -1;
  return self->sel_route;
}

static void
clamp_selection (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);

  if (plan == NULL || self->sel_route < 0 || (guint) self->sel_route > plan->routes->len ||
      (self->sel_index >= 0 && selected_stop (self) == NULL))
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

static void
update_selection_label (JcDeliveriesPage *self)
{
  const JcDeliveryStop *s = selected_stop (self);
  JcDeliveryPlan *plan = current_plan (self);
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
  JcDeliveryPlan *plan = current_plan (self);
  const JcDeliveryRoute *route = plan->routes->pdata[r];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
  GtkWidget *plate, *load_label, *times;
  g_autofree char *distance = format_km (route->distance_m);
  g_autofree char *load = format_tonnes (route->load_g);
  g_autofree char *capacity = format_tonnes (route->capacity_kg * 1000);
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
      g_autofree char *over = format_kg (route->overload_g);
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
      g_autofree char *depart = format_clock (route->depart_s);
      g_autofree char *back = format_clock (route->return_s);
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
      g_autofree char *over = format_kg (route->overload_g);
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
  JcDeliveryPlan *plan = current_plan (self);
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
  g_autofree char *load = format_kg (s->load_g);
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
      g_autofree char *at = format_clock (s->arrival_s);
      g_autofree char *start = format_clock (s->start_s);

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

static void move_selected_to (JcDeliveriesPage *self,
                              int               to_route,
                              int               to_index);

static gboolean
drop_move_idle (gpointer data)
{
  DropMove *m = data;
  JcDeliveriesPage *self = m->self;

  self->sel_route = m->from_route;
  self->sel_index = m->from_index;
  move_selected_to (self, m->to_route, m->to_index);
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
  JcDeliveryPlan *plan = self != NULL ? current_plan (self) : NULL;
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

static void
rebuild_list (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);
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
  update_selection_label (self);
  rebuild_move_menu (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  update_actions (self);
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

static void
map_draw_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  JcDeliveriesPage *self = user_data;
  JcDeliveryPlan *plan = current_plan (self);

  double x, y, r;

  if (plan == NULL)
    return;
  jc_delivery_draw_map (cr, plan, width, height, highlight_route (self));
  /* the selected stop: a ring in the theme's focus colour around it */
  if (selected_stop (self) != NULL &&
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
  JcDeliveryPlan *plan = current_plan (self);
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
  update_selection_label (self);
  rebuild_move_menu (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  update_actions (self);
}

static void
on_map_pressed_cb (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   JcDeliveriesPage *self)
{
  click_map (self, x, y);
}

/* ---- figures, status, warnings --------------------------------------------------- */

static void
set_label_css (GtkLabel   *label,
               const char *css)
{
  static const char *classes[] = { "error", "success", "dim-label", "warning" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css);
}

static void
update_figures (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);
  g_autofree char *routes = NULL, *distance = NULL, *load = NULL, *late = NULL;
  g_autofree char *unassigned = NULL;

  gtk_widget_set_visible (self->figures_box, plan != NULL);
  if (plan == NULL)
    return;
  {
    guint used = routes_used (plan);

    /* TRANSLATORS: key figure: "3 of 4 vehicles used" */
    routes = g_strdup_printf (ngettext ("%u of %u vehicle used", "%u of %u vehicles used",
                                        plan->routes->len),
                              used, plan->routes->len);
  }
  {
    g_autofree char *km = format_km (plan->distance_m);

    /* TRANSLATORS: key figure: the total distance driven */
    distance = g_strdup_printf (_("Distance %s"), km);
  }
  {
    g_autofree char *t = format_tonnes (plan->load_g);
    g_autofree char *cap = format_tonnes (used_capacity_g (plan));

    /* TRANSLATORS: key figure: "Load 5.21 t of 8.00 t" */
    load = g_strdup_printf (_("Load %s of %s"), t, cap);
  }
  late = g_strdup_printf (ngettext ("%d late stop", "%d late stops", plan->n_late), plan->n_late);
  unassigned = g_strdup_printf (ngettext ("%u unassigned", "%u unassigned",
                                          plan->unassigned->len),
                                plan->unassigned->len);
  gtk_label_set_text (self->routes_label, routes);
  gtk_label_set_text (self->distance_label, distance);
  gtk_label_set_text (self->load_label, load);
  gtk_label_set_text (self->late_label, late);
  gtk_label_set_text (self->unassigned_label, unassigned);
  set_label_css (self->load_label, plan->overload_g > 0 ? "error" : NULL);
  set_label_css (self->late_label, plan->n_late > 0 ? "error" : "dim-label");
  set_label_css (self->unassigned_label, plan->unassigned->len > 0 ? "error" : "dim-label");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->load_label),
                               _("The load carried against the capacity of the vehicles used"));
}

static void
update_status (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  set_label_css (self->status_label, NULL);
  if (plan == NULL)
    text = g_strdup ("");
  else if (plan->saved_at != NULL)
    {
      g_autofree char *at = jc_order_format_timestamp (plan->saved_at, FALSE);

      /* TRANSLATORS: the delivery plan's status: "Saved by wang at 2026-11-30 16:05" */
      text = g_strdup_printf (_("Saved by %s at %s"), plan->saved_by ? plan->saved_by : "", at);
    }
  else
    text = g_strdup (_("Not saved"));
  if (plan != NULL && plan->edited && !self->dirty)
    {
      char *more = g_strdup_printf (C_("delivery status", "%s · changed by hand"), text);

      g_free (text);
      text = more;
    }
  if (plan != NULL)
    {
      if (plan->from_matrix)
        tooltip = g_strdup (_("Distances from the imported distance matrix"));
      else
        {
          /* TRANSLATORS: the detour factor, "1.30" */
          g_autofree char *factor = g_strdup_printf ("%d.%02d", plan->detour_permille / 1000,
                                                     plan->detour_permille % 1000 / 10);

          tooltip = g_strdup_printf (_("Distances: straight line × %s (no matrix imported "
                                       "for every pair)"), factor);
        }
    }
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tooltip);
  gtk_widget_set_visible (self->edited_box, self->dirty);
  /* While edited, what is saved matters less than that the edits are not:
   * the status gives its room to Save and Discard. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), !self->dirty);
}

static void
update_warnings (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_late = self->late_not_in != NULL ? g_strv_length (self->late_not_in) : 0;

  if (n_late > 0)
    {
      /* TRANSLATORS: the list separator between canteen codes */
      g_autofree char *codes = g_strjoinv (C_("list separator", ", "), self->late_not_in);

      g_string_append_printf (text, ngettext ("Not delivered: the late order of %s is not in the "
                                              "locked plan. Settle it on the purchase plan "
                                              "first.",
                                              "Not delivered: the late orders of %s are not in "
                                              "the locked plan. Settle them on the purchase plan "
                                              "first.", n_late), codes);
    }
  if (plan != NULL && plan->unassigned->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < plan->unassigned->len; i++)
        {
          const JcDeliveryStop *s = plan->unassigned->pdata[i];

          if (names->len > 0)
            g_string_append (names, C_("list separator", ", "));
          /* TRANSLATORS: a canteen's name and code in a list */
          g_string_append_printf (names, C_("canteen", "%s (%s)"), s->canteen_name,
                                  s->canteen_code);
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("The fleet cannot serve %s in its window or "
                                              "with its load.",
                                              "The fleet cannot serve %s in their windows or "
                                              "with their loads.", plan->unassigned->len),
                              names->str);
    }
  if (plan != NULL && plan->overload_g > 0)
    {
      g_autofree char *over = format_kg (plan->overload_g);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("The vehicles are overloaded by %s in all: move stops "
                                      "to another vehicle or re-optimise."), over);
    }
  if (plan != NULL && plan->no_mass->len > 0)
    {
      g_autoptr(GString) codes = g_string_new (NULL);

      for (guint i = 0; i < plan->no_mass->len; i++)
        {
          if (codes->len > 0)
            g_string_append (codes, C_("list separator", ", "));
          g_string_append (codes, plan->no_mass->pdata[i]);
        }
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("No piece mass for %s: counted as 0 kg in the "
                                              "loads.",
                                              "No piece mass for %s: counted as 0 kg in the "
                                              "loads.", plan->no_mass->len),
                              codes->str);
    }
  gtk_label_set_text (self->info_label, text->str);
  gtk_info_bar_set_revealed (self->info_bar, text->len > 0);
}

static void
rebuild_move_menu (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);

  g_menu_remove_all (self->move_menu);
  for (guint r = 0; plan != NULL && r < plan->routes->len; r++)
    {
      const JcDeliveryRoute *route = plan->routes->pdata[r];
      g_autofree char *load = NULL;
      g_autofree char *cap = format_tonnes (route->capacity_kg * 1000);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* the stop's own vehicle is not a place to move it to */
      if ((int) r == self->sel_route)
        continue;
      load = format_tonnes (route->load_g);
      /* TRANSLATORS: an entry of the Move To menu: plate, load, capacity */
      label = g_strdup_printf (_("%s (%s of %s)"), route->plate, load, cap);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "deliveries.move-to",
                                               g_variant_new_int32 ((gint32) r));
      g_menu_append_item (self->move_menu, item);
    }
}

static void
refresh (JcDeliveriesPage *self)
{
  clamp_selection (self);
  update_status (self);
  update_figures (self);
  update_warnings (self);
  rebuild_list (self);
  rebuild_move_menu (self);
  update_selection_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  update_actions (self);
}

static void
update_actions (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = current_plan (self);
  gboolean idle = self->db_path != NULL && !self->loading && !self->working && !self->solving;
  gboolean editable = idle && !self->printing && plan != NULL;
  const JcDeliveryStop *stop = selected_stop (self);
  gboolean in_route = stop != NULL && (guint) self->sel_route < plan->routes->len;
  guint len = in_route ? ((JcDeliveryRoute *) plan->routes->pdata[self->sel_route])->stops->len
                       : 0;
  gboolean docs = plan != NULL && chosen_docs (self) != 0 && routes_used (plan) > 0;
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "deliveries.reload", self->db_path != NULL);
  gtk_widget_action_set_enabled (w, "deliveries.build", idle && self->plan_locked);
  gtk_widget_action_set_enabled (w, "deliveries.cancel-build", self->solving);
  gtk_widget_action_set_enabled (w, "deliveries.save", idle && self->dirty);
  gtk_widget_action_set_enabled (w, "deliveries.discard", idle && self->dirty);
  gtk_widget_action_set_enabled (w, "deliveries.move-up",
                                 editable && in_route && self->sel_index > 0);
  gtk_widget_action_set_enabled (w, "deliveries.move-down",
                                 editable && in_route && (guint) self->sel_index + 1 < len);
  /* an unassigned stop can go to a vehicle too */
  gtk_widget_action_set_enabled (w, "deliveries.move-to", editable && stop != NULL);
  gtk_widget_action_set_enabled (w, "deliveries.show-move-menu", editable && stop != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), editable && stop != NULL);
  gtk_widget_action_set_enabled (w, "deliveries.print", docs && !self->printing);
  gtk_widget_action_set_enabled (w, "deliveries.export-pdf", docs && idle);
  gtk_widget_set_visible (GTK_WIDGET (self->output_button), plan != NULL);
  gtk_widget_set_visible (self->build_button, plan != NULL);
}

static void
set_busy (JcDeliveriesPage *self)
{
  gboolean busy = self->loading || self->working;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (self->progress_box, self->solving);
  update_actions (self);
}

/* ---- the plan on show --------------------------------------------------------------- */

static void
show_plan (JcDeliveriesPage *self,
           JcDeliveryPlan   *plan)
{
  JcDeliveryPlanRef *old = self->ref;

  self->ref = plan != NULL ? jc_delivery_plan_ref_new (plan) : NULL;
  g_clear_pointer (&old, jc_delivery_plan_ref_unref);
  self->dirty = FALSE;
  refresh (self);
}

static void
show_state_page (JcDeliveriesPage *self)
{
  const char *name;

  if (self->ref != NULL)
    name = "plan";
  else if (!self->plan_locked)
    name = "no-plan";
  else if (self->n_vehicles == 0)
    name = "no-vehicles";
  else
    name = "no-delivery";
  gtk_stack_set_visible_child_name (self->content_stack, name);
}

static void
on_plan_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDeliveryState *state = jc_delivery_task_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);
  if (state == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      show_plan (self, NULL);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    {
      self->plan_locked = state->plan_locked;
      self->n_vehicles = state->n_vehicles;
      g_strfreev (self->late_not_in);
      self->late_not_in = g_steal_pointer (&state->late_not_in);
      show_plan (self, g_steal_pointer (&state->plan));
      show_state_page (self);
      jc_delivery_state_free (state);
    }
  set_busy (self);
}

static void
load_plan (JcDeliveriesPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->db_path == NULL)
    {
      self->loading = FALSE;
      show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-database");
      set_busy (self);
      return;
    }
  self->loading = TRUE;
  if (self->ref == NULL || !g_str_equal (self->ref->plan->date, self->date))
    {
      show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }
  self->load_cancellable = g_cancellable_new ();
  set_busy (self);
  jc_delivery_task_load (self->db_path, self->date, self->load_cancellable, on_plan_loaded,
                         g_object_ref (self));
}

/* ---- moving stops by hand ------------------------------------------------------------- */

static void
move_selected_to (JcDeliveriesPage *self,
                  int               to_route,
                  int               to_index)
{
  JcDeliveryPlan *plan = current_plan (self);
  g_autoptr(GError) error = NULL;
  JcDeliveryRoute *dest;

  if (plan == NULL || selected_stop (self) == NULL || to_route < 0 ||
      (guint) to_route >= plan->routes->len || self->loading || self->working ||
      self->solving || self->printing)
    return;
  if (to_route == self->sel_route && to_index == self->sel_index)
    return;
  if (!jc_delivery_move_stop (plan, (guint) self->sel_route, (guint) self->sel_index,
                              (guint) to_route, (guint) MAX (to_index, 0), &error))
    {
      jc_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  dest = plan->routes->pdata[to_route];
  self->sel_route = to_route;
  self->sel_index = MIN (MAX (to_index, 0), (int) dest->stops->len - 1);
  self->dirty = TRUE;
  refresh (self);
}

static void
move_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  move_selected_to (self, self->sel_route, self->sel_index - 1);
}

static void
move_down_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  move_selected_to (self, self->sel_route, self->sel_index + 1);
}

/* To the end of another vehicle's route. */
static void
move_to_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  JcDeliveryPlan *plan = current_plan (self);
  int to = g_variant_get_int32 (parameter);
  JcDeliveryRoute *dest;

  if (plan == NULL || to < 0 || (guint) to >= plan->routes->len || to == self->sel_route)
    return;
  dest = plan->routes->pdata[to];
  move_selected_to (self, to, (int) dest->stops->len);
}

static void
show_move_menu_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_menu_button_popup (JC_DELIVERIES_PAGE (widget)->move_button);
}

/* ---- save, discard, re-optimise ----------------------------------------------------------- */

static void
on_save_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDeliveryPlan *plan = jc_delivery_task_save_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  if (plan == NULL)
    {
      set_busy (self);
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Save the Routes"), error->message);
      return;
    }
  show_plan (self, plan);
  show_state_page (self);
  set_busy (self);
  jc_ui_toast (GTK_WIDGET (self), _("Routes saved"));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  if (self->ref == NULL || self->db_path == NULL || !self->dirty)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_delivery_task_save (self->db_path, self->ref, g_get_user_name (), self->cancellable,
                         on_save_done, g_object_ref (self));
}

static void
discard_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  self->dirty = FALSE;
  load_plan (self);
}

static void
on_build_progress (GObject *target,
                   double   fraction)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (target);

  if (self->solving)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

static void
on_build_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDeliveryPlan *plan = jc_delivery_task_build_finish (result, &error);

  /* Stop cancels the solver, which then returns its best: a cancelled
   * task means the page moved on (another date or file, or it went away). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->solving = FALSE;
  g_clear_object (&self->solve_cancellable);
  if (plan == NULL)
    {
      set_busy (self);
      if (g_error_matches (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_PLAN))
        {
          self->plan_locked = FALSE;
          show_plan (self, NULL);
          show_state_page (self);
        }
      else if (g_error_matches (error, JC_DELIVERY_ERROR, JC_DELIVERY_ERROR_NO_VEHICLES))
        {
          self->n_vehicles = 0;
          show_plan (self, NULL);
          show_state_page (self);
        }
      else
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Plan the Deliveries"),
                          error->message);
      set_busy (self);
      return;
    }
  show_plan (self, plan);
  show_state_page (self);
  set_busy (self);
  {
    g_autofree char *km = format_km (plan->distance_m);
    g_autofree char *text = NULL;

    if (self->stopped)
      /* TRANSLATORS: a toast after stopping the solver; %s the total distance */
      text = g_strdup_printf (_("Stopped: the best routes so far are kept, %s"), km);
    else
      /* TRANSLATORS: a toast after planning; %s the total distance */
      text = g_strdup_printf (_("Routes planned and saved: %s"), km);
    jc_ui_toast (GTK_WIDGET (self), text);
  }
  self->stopped = FALSE;
}

static void
start_build (JcDeliveriesPage *self)
{
  if (self->db_path == NULL || self->solving)
    return;
  self->solving = TRUE;
  self->stopped = FALSE;
  self->dirty = FALSE;
  g_clear_object (&self->solve_cancellable);
  self->solve_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Planning the routes…"));
  set_busy (self);
  jc_delivery_task_build (self->db_path, self->date, self->solver_seconds, g_get_user_name (),
                          self->solve_cancellable, G_OBJECT (self), on_build_progress,
                          self->cancellable, on_build_done, g_object_ref (self));
}

static void
on_build_confirm_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JcDeliveriesPage *self)
{
  if (g_str_equal (response, "reoptimise"))
    start_build (self);
}

static GtkWidget *
confirm_dialog_new (JcDeliveriesPage *self,
                    const char       *heading,
                    const char       *body,
                    const char       *response_id,
                    const char       *response_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  return dialog;
}

static void
build_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  GtkWidget *dialog;

  if (!self->dirty)
    {
      start_build (self);
      return;
    }
  dialog = confirm_dialog_new (self, _("Re-optimise the Routes?"),
                               _("The routes changed by hand are not saved. The solver plans "
                                 "all routes afresh and the changes are lost."),
                               "reoptimise", _("_Re-optimise"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_build_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_build_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  if (self->solve_cancellable == NULL)
    return;
  self->stopped = TRUE;
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping…"));
  g_cancellable_cancel (self->solve_cancellable);
}

/* ---- the date -------------------------------------------------------------------------------- */

static void
update_date_widgets (JcDeliveriesPage *self)
{
  g_autofree char *label = jc_order_format_date (self->date);
  int y, m, d;

  gtk_menu_button_set_label (self->date_button, label);
  if (sscanf (self->date, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (y, m, d, 0, 0, 0);

      if (dt != NULL)
        {
          g_signal_handlers_block_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                           self);
          gtk_calendar_select_day (self->calendar, dt);
          g_signal_handlers_unblock_matched (self->calendar, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                             NULL, self);
        }
    }
}

static void
on_date_confirm_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JcDeliveriesPage *self)
{
  g_autofree char *date = g_steal_pointer (&self->pending_date);

  if (g_str_equal (response, "discard") && date != NULL)
    {
      self->dirty = FALSE;
      jc_deliveries_page_set_date (self, date);
    }
  else
    update_date_widgets (self);
}

/* A date a person chose: unsaved hand edits are not dropped without asking. */
static void
choose_date (JcDeliveriesPage *self,
             const char       *date)
{
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!self->dirty || g_str_equal (date, self->date))
    {
      jc_deliveries_page_set_date (self, date);
      return;
    }
  g_free (self->pending_date);
  self->pending_date = g_strdup (date);
  shown = jc_order_format_date (self->date);
  /* TRANSLATORS: %s is the delivery date whose routes were changed */
  body = g_strdup_printf (_("The routes of %s were changed by hand and are not saved."), shown);
  dialog = confirm_dialog_new (self, _("Discard the Changes?"), body, "discard", _("_Discard"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_date_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_calendar_day_selected_cb (JcDeliveriesPage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

  gtk_popover_popdown (self->date_popover);
  choose_date (self, date);
}

static void
shift_date (JcDeliveriesPage *self,
            int               days)
{
  char date[11];

  if (jc_order_date_shift (self->date, days, date))
    choose_date (self, date);
}

static void
previous_day_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  shift_date (JC_DELIVERIES_PAGE (widget), -1);
}

static void
next_day_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shift_date (JC_DELIVERIES_PAGE (widget), 1);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_deliveries_page_reload (JC_DELIVERIES_PAGE (widget));
}

/* ---- documents: print, export ----------------------------------------------------------------- */

typedef struct {
  JcDeliveryPlanRef *ref;
  JcDeliveryDocs     docs;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  jc_delivery_plan_ref_unref (job->ref);
  g_free (job);
}

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  guint n = jc_delivery_doc_n_pages (job->ref->plan, job->docs,
                                     gtk_print_context_get_width (context),
                                     gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (op, MAX (n, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 PrintJob          *job)
{
  jc_delivery_doc_draw_page (gtk_print_context_get_cairo_context (context), job->ref->plan,
                             job->docs, (guint) page, gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static void
on_print_done_cb (GtkPrintOperation       *op,
                  GtkPrintOperationResult  result,
                  JcDeliveriesPage        *self)
{
  self->printing = FALSE;
  update_actions (self);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (op, &error);
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Delivery Documents"),
                        error != NULL ? error->message : "");
    }
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;
  GtkPaperSize *a4;
  PrintJob *job;
  GtkPrintOperationResult result;

  if (self->ref == NULL || chosen_docs (self) == 0)
    return;
  gtk_popover_popdown (self->output_popover);
  g_clear_object (&self->print_op);
  self->print_op = gtk_print_operation_new ();
  /* TRANSLATORS: the print job's name; %s the delivery date */
  job_name = g_strdup_printf (_("Deliveries %s"), self->date);
  gtk_print_operation_set_job_name (self->print_op, job_name);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  job = g_new0 (PrintJob, 1);
  job->ref = jc_delivery_plan_ref_ref (self->ref);
  job->docs = chosen_docs (self);
  g_signal_connect (self->print_op, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect_data (self->print_op, "draw-page", G_CALLBACK (on_draw_page_cb), job,
                         (GClosureNotify) print_job_free, 0);
  g_signal_connect_object (self->print_op, "done", G_CALLBACK (on_print_done_cb), self, 0);
  /* The pages are drawn from the plan as it is: no moves until printed. */
  self->printing = TRUE;
  update_actions (self);
  result = gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      self->printing = FALSE;
      update_actions (self);
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    jc_ui_show_error (widget, _("Could Not Print the Delivery Documents"), error->message);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcDeliveriesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jc_delivery_task_export_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  set_busy (self);
  if (error != NULL)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Export the Delivery Documents"),
                      error->message);
  else
    jc_ui_toast (GTK_WIDGET (self), _("Delivery documents saved"));
}

static void
export_to (JcDeliveriesPage *self,
           const char       *path)
{
  self->working = TRUE;
  set_busy (self);
  jc_delivery_task_export (self->ref, chosen_docs (self), path, self->cancellable,
                           on_export_done, g_object_ref (self));
}

static void
on_export_chooser_response (JcDeliveriesPage *self,
                            int               response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (self->chooser == NULL)
    return;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL || self->ref == NULL || self->working)
    return;
  export_to (self, path);
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->ref == NULL)
    return;
  gtk_popover_popdown (self->output_popover);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (_("Export the Delivery Documents as PDF"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  /* TRANSLATORS: the suggested file name of the delivery documents; %s the date */
  name = g_strdup_printf (_("deliveries-%s.pdf"), self->date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_docs_toggled_cb (JcDeliveriesPage *self)
{
  update_actions (self);
}

/* ---- GObject ------------------------------------------------------------------------------------- */

static void
jc_deliveries_page_map (GtkWidget *widget)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (widget);

  GTK_WIDGET_CLASS (jc_deliveries_page_parent_class)->map (widget);
  /* Plans, vehicles and canteens change on other pages: read again when
   * shown, unless there are hand edits to keep. */
  if (!self->loading && !self->working && !self->solving && !self->dirty &&
      self->db_path != NULL)
    load_plan (self);
}

static void
jc_deliveries_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_deliveries_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      jc_deliveries_page_set_db_path (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      if (g_value_get_string (value) != NULL)
        jc_deliveries_page_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_deliveries_page_dispose (GObject *object)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->solve_cancellable != NULL)
    g_cancellable_cancel (self->solve_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
  g_clear_object (&self->print_op);
  /* Removing the rows selects none: nothing to show it in any more. */
  if (self->stops_list != NULL)
    g_signal_handlers_disconnect_by_data (self->stops_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_DELIVERIES_PAGE);
  g_clear_object (&self->move_menu);
  g_clear_pointer (&self->ref, jc_delivery_plan_ref_unref);
  G_OBJECT_CLASS (jc_deliveries_page_parent_class)->dispose (object);
}

static void
jc_deliveries_page_finalize (GObject *object)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->solve_cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  g_free (self->pending_date);
  g_strfreev (self->late_not_in);
  G_OBJECT_CLASS (jc_deliveries_page_parent_class)->finalize (object);
}

static void
jc_deliveries_page_class_init (JcDeliveriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_deliveries_page_get_property;
  object_class->set_property = jc_deliveries_page_set_property;
  object_class->dispose = jc_deliveries_page_dispose;
  object_class->finalize = jc_deliveries_page_finalize;
  widget_class->map = jc_deliveries_page_map;

  /**
   * JcDeliveriesPage:db-path:
   * The database file; every worker of the page opens its own store on it.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcDeliveriesPage:date:
   * The delivery date on show, "YYYY-MM-DD"; tomorrow at first.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-deliveries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, edited_box);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, edited_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, build_button);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, output_button);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, output_popover);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, sheets_check);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, picking_check);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, notes_check);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, routes_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, distance_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, load_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, late_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, info_bar);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, paned);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, move_button);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, stops_list);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, map_area);
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_docs_toggled_cb);

  gtk_widget_class_install_action (widget_class, "deliveries.previous-day", NULL,
                                   previous_day_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.next-day", NULL,
                                   next_day_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.build", NULL, build_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.cancel-build", NULL,
                                   cancel_build_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.discard", NULL, discard_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-up", NULL, move_up_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-down", NULL,
                                   move_down_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.move-to", "i", move_to_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.show-move-menu", NULL,
                                   show_move_menu_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "deliveries.export-pdf", NULL,
                                   export_pdf_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "deliveries.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "deliveries.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "deliveries.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "deliveries.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "deliveries.show-move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "deliveries.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "deliveries.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "deliveries.print", NULL);
}

static void
jc_deliveries_page_init (JcDeliveriesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");
  GtkGesture *click = gtk_gesture_click_new ();

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->sel_route = -1;
  self->sel_index = -1;
  self->solver_seconds = DEFAULT_SOLVER_SECONDS;
  self->move_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (self->move_menu));

  gtk_drawing_area_set_draw_func (self->map_area, map_draw_cb, self, NULL);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_map_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map_area), GTK_EVENT_CONTROLLER (click));

  g_strlcpy (self->date, date, sizeof self->date);
  update_date_widgets (self);
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  refresh (self);
  set_busy (self);
}

/**
 * jc_deliveries_page_new:
 * @db_path: (nullable): the database file
 * Returns: (transfer floating): a new deliveries page showing tomorrow.
 */
GtkWidget *
jc_deliveries_page_new (const char *db_path)
{
  return g_object_new (JC_TYPE_DELIVERIES_PAGE, "db-path", db_path, NULL);
}

/**
 * jc_deliveries_page_set_db_path:
 * @db_path: (nullable): another database file, NULL for none
 * Hand edits not saved belong to the old file and are dropped.
 */
void
jc_deliveries_page_set_db_path (JcDeliveriesPage *self,
                                const char       *db_path)
{
  g_return_if_fail (JC_IS_DELIVERIES_PAGE (self));

  if (!jc_task_set_db_path (&self->db_path, db_path))
    return;
  /* Work under way belongs to the other database. */
  jc_task_restart_cancellable (&self->cancellable);
  if (self->solve_cancellable != NULL)
    g_cancellable_cancel (self->solve_cancellable);
  g_clear_object (&self->solve_cancellable);
  self->working = FALSE;
  self->solving = FALSE;
  self->stopped = FALSE;
  self->dirty = FALSE;
  show_plan (self, NULL);
  load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

const char *
jc_deliveries_page_get_db_path (JcDeliveriesPage *self)
{
  g_return_val_if_fail (JC_IS_DELIVERIES_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_deliveries_page_set_date:
 * @date: a delivery date, "YYYY-MM-DD"
 * Shows the deliveries of that date (Alt+Left and Alt+Right step a day,
 * asking first when hand edits are not saved; this call does not ask).
 */
void
jc_deliveries_page_set_date (JcDeliveriesPage *self,
                             const char       *date)
{
  g_return_if_fail (JC_IS_DELIVERIES_PAGE (self));
  g_return_if_fail (date != NULL);

  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_order_date_shift, G_STRFUNC,
                         "a date (YYYY-MM-DD)"))
    return;
  /* A solver run belongs to the other date. */
  if (self->solve_cancellable != NULL)
    {
      jc_task_restart_cancellable (&self->cancellable);
      g_cancellable_cancel (self->solve_cancellable);
      g_clear_object (&self->solve_cancellable);
      self->solving = FALSE;
      self->working = FALSE;
    }
  self->dirty = FALSE;
  self->sel_route = -1;
  self->sel_index = -1;
  update_date_widgets (self);
  load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
jc_deliveries_page_get_date (JcDeliveriesPage *self)
{
  g_return_val_if_fail (JC_IS_DELIVERIES_PAGE (self), NULL);

  return self->date;
}

/**
 * jc_deliveries_page_reload:
 * Reads the deliveries of the date again (a worker thread).  Hand edits not
 * saved are kept: the page then reads nothing (Discard reads the saved
 * plan).
 */
void
jc_deliveries_page_reload (JcDeliveriesPage *self)
{
  g_return_if_fail (JC_IS_DELIVERIES_PAGE (self));

  if (self->dirty || self->solving)
    return;
  load_plan (self);
}

/* ---- for the tests -------------------------------------------------------------------------------- */

gboolean
_jc_deliveries_page_is_busy (JcDeliveriesPage *self)
{
  return self->loading || self->working || self->solving;
}

gboolean
_jc_deliveries_page_is_edited (JcDeliveriesPage *self)
{
  return self->dirty;
}

const JcDeliveryPlan *
_jc_deliveries_page_get_plan (JcDeliveriesPage *self)
{
  return current_plan (self);
}

const char *
_jc_deliveries_page_get_state (JcDeliveriesPage *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkLabel *
_jc_deliveries_page_get_label (JcDeliveriesPage *self,
                               const char       *name)
{
  struct { const char *name; GtkLabel *label; } labels[] = {
    { "status", self->status_label },
    { "edited", self->edited_label },
    { "routes", self->routes_label },
    { "distance", self->distance_label },
    { "load", self->load_label },
    { "late", self->late_label },
    { "unassigned", self->unassigned_label },
    { "info", self->info_label },
    { "selection", self->selection_label },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return labels[i].label;
  g_return_val_if_reached (NULL);
}

GtkWidget *
_jc_deliveries_page_get_list (JcDeliveriesPage *self)
{
  return GTK_WIDGET (self->stops_list);
}

GtkWidget *
_jc_deliveries_page_get_map (JcDeliveriesPage *self)
{
  return GTK_WIDGET (self->map_area);
}

GtkWidget *
_jc_deliveries_page_get_row (JcDeliveriesPage *self,
                             int               route,
                             int               index)
{
  return GTK_WIDGET (find_row (self, route, index));
}

GtkWidget *
_jc_deliveries_page_get_widget (JcDeliveriesPage *self,
                                const char       *name)
{
  struct { const char *name; GtkWidget *widget; } widgets[] = {
    { "edited-box", self->edited_box },
    { "progress-box", self->progress_box },
    { "progress-bar", GTK_WIDGET (self->progress_bar) },
    { "build-button", self->build_button },
    { "move-button", GTK_WIDGET (self->move_button) },
    { "figures", self->figures_box },
    { "paned", GTK_WIDGET (self->paned) },
    { "sheets-check", GTK_WIDGET (self->sheets_check) },
    { "picking-check", GTK_WIDGET (self->picking_check) },
    { "notes-check", GTK_WIDGET (self->notes_check) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    if (g_str_equal (widgets[i].name, name))
      return widgets[i].widget;
  g_return_val_if_reached (NULL);
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

void
_jc_deliveries_page_set_solver_seconds (JcDeliveriesPage *self,
                                        double            seconds)
{
  self->solver_seconds = seconds;
}

GtkWindow *
_jc_deliveries_page_get_dialog (JcDeliveriesPage *self)
{
  return self->dialog;
}

void
_jc_deliveries_page_export_to (JcDeliveriesPage *self,
                               const char       *path)
{
  if (self->ref != NULL && !self->working)
    export_to (self, path);
}
