/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-price-chart.c: the price history widget. */
#include "config.h"

#define G_LOG_DOMAIN "jc-price-chart"

#include <glib/gi18n.h>

#include "jc-price-chart.h"

struct _JcPriceChart {
  GtkWidget  parent_instance;

  JcChart   *chart;
  char      *hover_text;
};

G_DEFINE_FINAL_TYPE (JcPriceChart, jc_price_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_POINTS,
  PROP_HOVER_INDEX,
  PROP_HOVER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JcChartColor
color_from_rgba (const GdkRGBA *rgba,
                 double         alpha)
{
  return (JcChartColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

/* The chart in the colours of the theme, light or dark. */
static void
make_style (JcPriceChart *self,
            JcChartStyle *style,
            char        **font)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  PangoContext *pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (pango);
  GdkRGBA fg, accent, bg;

  jc_chart_style_init (style);
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "popover_bg_color", &bg))
    gdk_rgba_parse (&bg, "#ffffff");
  style->foreground = color_from_rgba (&fg, 0.85);
  style->grid = color_from_rgba (&fg, 0.12);
  style->guide = color_from_rgba (&fg, 0.5);
  style->band = color_from_rgba (&accent, 0.22);
  style->line = color_from_rgba (&accent, 1.0);
  style->label_bg = color_from_rgba (&bg, 0.95);
  *font = desc != NULL ? pango_font_description_to_string (desc) : NULL;
  style->font = *font;
}

static void
jc_price_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  JcPriceChart *self = JC_PRICE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autofree char *font = NULL;
  JcChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  make_style (self, &style, &font);
  jc_chart_set_style (self->chart, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  jc_chart_paint (self->chart, cr, width, height);
  cairo_destroy (cr);
}

static void
jc_price_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 560;
    }
  else
    {
      *minimum = 140;
      *natural = 240;
    }
}

static void
update_hover_text (JcPriceChart *self)
{
  int hover = jc_chart_get_hover (self->chart);
  g_autofree char *text = NULL;

  if (hover >= 0)
    text = jc_chart_describe_point (jc_chart_get_point (self->chart, (guint) hover));
  if (g_strcmp0 (text, self->hover_text) == 0)
    return;
  g_free (self->hover_text);
  self->hover_text = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->hover_text ? self->hover_text : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

void
jc_price_chart_set_hover (JcPriceChart *self,
                          int           index)
{
  g_return_if_fail (JC_IS_PRICE_CHART (self));

  if (index >= (int) jc_chart_get_n_points (self->chart))
    index = -1;
  if (index < 0)
    index = -1;
  if (jc_chart_get_hover (self->chart) == index)
    return;
  jc_chart_set_hover (self->chart, index);
  update_hover_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_INDEX]);
}

int
jc_price_chart_get_hover (JcPriceChart *self)
{
  g_return_val_if_fail (JC_IS_PRICE_CHART (self), -1);

  return jc_chart_get_hover (self->chart);
}

const char *
jc_price_chart_get_hover_text (JcPriceChart *self)
{
  g_return_val_if_fail (JC_IS_PRICE_CHART (self), NULL);

  return self->hover_text;
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              JcPriceChart             *self)
{
  jc_price_chart_set_hover (self, jc_chart_index_at (self->chart, x));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             JcPriceChart             *self)
{
  jc_price_chart_set_hover (self, -1);
}

/* Left and Right step through the days, Home and End jump to the ends. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   JcPriceChart          *self)
{
  int n = (int) jc_chart_get_n_points (self->chart);
  int hover = jc_chart_get_hover (self->chart);

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      jc_price_chart_set_hover (self, hover < 0 ? n - 1 : MAX (hover - 1, 0));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      jc_price_chart_set_hover (self, hover < 0 ? n - 1 : MIN (hover + 1, n - 1));
      return TRUE;
    case GDK_KEY_Home:
      jc_price_chart_set_hover (self, 0);
      return TRUE;
    case GDK_KEY_End:
      jc_price_chart_set_hover (self, n - 1);
      return TRUE;
    case GDK_KEY_Escape:
      if (hover < 0)
        return FALSE;
      jc_price_chart_set_hover (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
jc_price_chart_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JcPriceChart *self = JC_PRICE_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, jc_chart_get_n_points (self->chart));
      break;
    case PROP_HOVER_INDEX:
      g_value_set_int (value, jc_chart_get_hover (self->chart));
      break;
    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_price_chart_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JcPriceChart *self = JC_PRICE_CHART (object);

  switch (prop_id)
    {
    case PROP_HOVER_INDEX:
      jc_price_chart_set_hover (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_price_chart_finalize (GObject *object)
{
  JcPriceChart *self = JC_PRICE_CHART (object);

  g_clear_pointer (&self->chart, jc_chart_free);
  g_free (self->hover_text);
  G_OBJECT_CLASS (jc_price_chart_parent_class)->finalize (object);
}

static void
jc_price_chart_class_init (JcPriceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_price_chart_get_property;
  object_class->set_property = jc_price_chart_set_property;
  object_class->finalize = jc_price_chart_finalize;
  widget_class->snapshot = jc_price_chart_snapshot;
  widget_class->measure = jc_price_chart_measure;

  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HOVER_INDEX] =
    g_param_spec_int ("hover-index", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pricechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jc_price_chart_init (JcPriceChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  self->chart = jc_chart_new ();
  jc_chart_set_empty_text (self->chart, _("No prices in this period"));
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Price history"), -1);
}

GtkWidget *
jc_price_chart_new (void)
{
  return g_object_new (JC_TYPE_PRICE_CHART, NULL);
}

/**
 * jc_price_chart_set_points:
 * Shows `points` (copied) over [from, to]; the hover goes away.
 */
void
jc_price_chart_set_points (JcPriceChart *self,
                           GArray       *points,
                           const char   *from,
                           const char   *to)
{
  guint before;
  int hover_before;

  g_return_if_fail (JC_IS_PRICE_CHART (self));

  before = jc_chart_get_n_points (self->chart);
  hover_before = jc_chart_get_hover (self->chart);
  jc_chart_set_points (self->chart,
                       points ? (const JcPricePoint *) (gpointer) points->data : NULL,
                       points ? points->len : 0);
  jc_chart_set_domain (self->chart, from, to);
  update_hover_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (before != jc_chart_get_n_points (self->chart))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  if (hover_before != jc_chart_get_hover (self->chart))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_INDEX]);
}

guint
jc_price_chart_get_n_points (JcPriceChart *self)
{
  g_return_val_if_fail (JC_IS_PRICE_CHART (self), 0);

  return jc_chart_get_n_points (self->chart);
}

void
jc_price_chart_set_unit (JcPriceChart *self,
                         const char   *unit)
{
  g_return_if_fail (JC_IS_PRICE_CHART (self));

  jc_chart_set_unit (self->chart, unit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

JcChart *
jc_price_chart_get_chart (JcPriceChart *self)
{
  g_return_val_if_fail (JC_IS_PRICE_CHART (self), NULL);

  return self->chart;
}
