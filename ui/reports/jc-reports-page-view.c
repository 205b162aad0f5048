/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page-view.c: how the Reports page shows a month — the key
 * figures and the claim check, the charts (jc-chart's, the same the PDF
 * draws), the movers table with its cells and sort orders, and the texts
 * of amounts and changes.  It must not read the database nor start work:
 * the page hands it a JcReportData. */
#include "config.h"

#define G_LOG_DOMAIN "jc-reports-page"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-columns.h"
#include "jc-format.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-order-row.h"
#include "jc-report-doc.h"
#include "jc-report-tasks.h"
#include "jc-reports-page-private.h"
#include "jc-task.h"
#include "jc-ui-util.h"
#include "jc-units.h"

/* ---- numbers ------------------------------------------------------------- */

/* The name of the canteen whose code is `code`, or NULL (borrowed). */
const char *
_jc_reports_canteen_name (const JcReportData *data,
              const char         *code)
{
  for (guint i = 0; data != NULL && data->canteens != NULL && i < data->canteens->len; i++)
    {
      const JcCanteen *c = g_ptr_array_index (data->canteens, i);

      if (g_strcmp0 (c->code, code) == 0)
        return c->name != NULL && *c->name != '\0' ? c->name : NULL;
    }
  return NULL;
}


/* An amount that may be below zero, with the true minus sign U+2212 as the
 * Dashboard writes it: "−¥3.00"; with `plus` a rise gets a "+". */
static char *
format_money_sign (gint64   fen,
                   gboolean plus)
{
  JcFormatFlags flags = JC_FORMAT_TRUE_MINUS | (plus ? JC_FORMAT_PLUS : JC_FORMAT_NONE);
  g_autofree char *money = jc_order_format_money (fen < 0 ? -fen : fen);

  return g_strconcat (jc_format_sign (fen, flags), money, NULL);
}

static char *
format_signed_money (gint64 fen)
{
  return format_money_sign (fen, TRUE);
}

/* a ratio as a signed percentage with one decimal, "+12.3%", and more
 * (up to three) when a change that is not zero would read as 0.0%: the
 * sign shown is always the sign of the change, as its colour is, a fall
 * with the true minus sign "−" */
static char *
format_ratio (double ratio)
{
  double pct = ratio * 100.0;
  int decimals = 1;
  const char *sign;

  if (!isfinite (pct) || pct == 0)
    pct = 0;   /* no "-0.0%" */
  while (pct != 0 && decimals < 3 && round (fabs (pct) * pow (10, decimals)) == 0)
    decimals++;
  /* a zero keeps its "+0.0%", as printf's "%+" wrote it */
  sign = jc_format_sign (pct < 0 ? -1 : 1, JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS);
  if (pct != 0 && round (fabs (pct) * pow (10, decimals)) == 0)
    /* TRANSLATORS: a change too small to show in percent; %s is its sign,
     * "+" or "−" */
    return g_strdup_printf (C_("change", "%s<0.001%%"), sign);
  /* TRANSLATORS: a change in percent, "+12.3%"; %s is its sign, "+" or
   * "−", the * the number of decimals */
  return g_strdup_printf (C_("change", "%s%.*f%%"), sign, decimals, fabs (pct));
}

/* A key figure's change against its base as a percentage with two
 * decimals and the true minus sign: "+43.17%", "−2.08%"; "—" without a
 * base or with a zero one (jc_report_format_change() for the screen). */
static char *
format_comparison (const JcReportComparison *c)
{
  char *text = NULL;

  if (c->has_base)
    text = jc_format_percent (c->change_fen, c->base_fen,
                              JC_FORMAT_PLUS | JC_FORMAT_TRUE_MINUS);
  return text != NULL ? text : g_strdup ("—");
}

/* a unit cost per base unit, always three decimals so a column lines up */
char *
_jc_reports_format_unit_cost (gint64 milliyuan)
{
  return jc_format_decimal (milliyuan, 3, 3);
}

/* ---- the movers' rows ----------------------------------------------------- */



static void
mover_row_free (JcReportsMoverRow *row)
{
  jc_report_data_unref (row->data);
  g_free (row);
}

const JcReportMover *
_jc_reports_mover_of (const JcReportsMoverRow *row)
{
  return &g_array_index (row->data->movers[row->base], JcReportMover, row->index);
}

const JcReportsMoverRow *
_jc_reports_row_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

/* ---- the key figures ------------------------------------------------------- */

void
_jc_reports_page_add_figure (JcReportsPage   *self,
            JcReportsFigure  figure,
            const char      *title)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *value = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "jc-report-figure");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  for (GtkWidget *w = heading; w != NULL; w = w == heading ? value : w == value ? note : NULL)
    {
      gtk_widget_set_margin_start (w, 12);
      gtk_widget_set_margin_end (w, 12);
      gtk_box_append (GTK_BOX (card), w);
    }
  gtk_widget_set_margin_top (heading, 10);
  gtk_widget_set_margin_bottom (note, 10);
  gtk_grid_attach (self->figures_grid, card, (int) figure % 3, (int) figure / 3, 1, 1);
  self->figure_card[figure] = card;
  self->figure_value[figure] = GTK_LABEL (value);
  self->figure_note[figure] = GTK_LABEL (note);
}

static void
set_figure (JcReportsPage   *self,
            JcReportsFigure  figure,
            const char      *value,
            const char      *note,
            const char      *tooltip,
            const char      *css)
{
  GtkWidget *label = GTK_WIDGET (self->figure_value[figure]);

  gtk_label_set_text (self->figure_value[figure], value);
  gtk_label_set_text (self->figure_note[figure], note ? note : "");
  gtk_widget_set_tooltip_text (self->figure_card[figure], tooltip);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
}

static void
set_comparison (JcReportsPage            *self,
                JcReportsFigure           figure,
                const JcReportComparison *c)
{
  g_autofree char *pct = format_comparison (c);
  g_autofree char *base = _jc_reports_format_month (c->month);
  g_autofree char *note = NULL;
  g_autofree char *tooltip = NULL;
  const char *css = NULL;

  if (!c->has_base)
    {
      /* TRANSLATORS: a key figure's note: "Against September 2026" */
      note = g_strdup_printf (_("Against %s"), base);
      /* TRANSLATORS: tooltip of a change without a base month */
      tooltip = g_strdup_printf (_("No locked plans in %s: there is no base to compare with"),
                                 base);
    }
  else
    {
      g_autofree char *change = format_signed_money (c->change_fen);
      g_autofree char *money = jc_order_format_money (c->base_fen);

      /* TRANSLATORS: a key figure's note: "+¥97.70 against October 2025" */
      note = g_strdup_printf (_("%s against %s"), change, base);
      /* TRANSLATORS: tooltip: the base month's spend */
      tooltip = g_strdup_printf (_("Spend in %s: %s"), base, money);
      if (c->base_fen == 0)
        tooltip = (g_free (tooltip), g_strdup_printf (_("Nothing was spent in %s: no percentage"),
                                                      base));
      css = c->change_fen > 0 ? "error" : c->change_fen < 0 ? "success" : NULL;
    }
  set_figure (self, figure, pct, note, tooltip, css);
}

void
_jc_reports_page_update_figures (JcReportsPage *self)
{
  const JcReport *r = _jc_reports_page_current_report (self);
  const JcReportComparison *y;
  g_autofree char *spend = NULL, *spend_note = NULL;
  g_autofree char *ours = NULL, *market = NULL, *savings = NULL, *savings_note = NULL;
  g_autofree char *base = NULL, *index_note = NULL;
  const char *ours_tip = NULL, *market_tip = NULL;
  g_autofree char *no_base_tip = NULL;

  if (r == NULL)
    return;
  y = &r->yoy;
  spend = jc_order_format_money (r->spend_fen);
  spend_note = g_strdup_printf (ngettext ("%u locked day, %u provisional",
                                          "%u locked days, %u provisional", r->n_days),
                                r->n_days, r->provisional_days);
  set_figure (self, JC_REPORTS_FIGURE_SPEND, spend, spend_note,
              _("The allocated actual cost of the month’s locked plans; a day without all its "
                "purchases recorded counts at its planned cost (provisional)"), NULL);
  set_comparison (self, JC_REPORTS_FIGURE_MOM, &r->mom);
  set_comparison (self, JC_REPORTS_FIGURE_YOY, y);

  base = _jc_reports_format_month (y->month);
  /* TRANSLATORS: note of the price indices: "Fisher, October 2025 = 100" */
  index_note = g_strdup_printf (_("Fisher, %s = 100"), base);
  no_base_tip = g_strdup_printf (_("No locked plans in %s: there is no base to compare with"),
                                 base);
  ours = jc_report_format_index (y->has_base && y->d.has_indices, y->d.fisher);
  market = jc_report_format_index (y->has_base && y->has_market, y->market_fisher);
  if (!y->has_base)
    ours_tip = market_tip = no_base_tip;
  else
    {
      ours_tip = y->d.has_indices
                   ? _("Our unit costs of the items bought in both months, against a year before")
                   : _("No item was bought in both months");
      market_tip = y->has_market
                     ? _("The market’s monthly mean prices of the same items, weighted the "
                         "same way")
                     : _("The market has no prices for the items bought in both months");
    }
  set_figure (self, JC_REPORTS_FIGURE_OUR_INDEX, ours, index_note, ours_tip, NULL);
  set_figure (self, JC_REPORTS_FIGURE_MARKET_INDEX, market, index_note, market_tip, NULL);

  savings = format_money_sign (r->savings_vs_market_fen, FALSE);
  savings_note = g_strdup_printf (ngettext ("%u line with a reference price",
                                            "%u lines with a reference price",
                                            r->n_savings_lines), r->n_savings_lines);
  set_figure (self, JC_REPORTS_FIGURE_SAVINGS, savings, savings_note,
              _("What the purchases would have cost at the plans’ reference (market) prices, "
                "less what they cost"),
              r->savings_vs_market_fen > 0 ? "success"
                : r->savings_vs_market_fen < 0 ? "error" : NULL);
}

void
_jc_reports_page_update_texts (JcReportsPage *self)
{
  const JcReport *r = _jc_reports_page_current_report (self);
  const JcReportComparison *y;
  g_autofree char *month = _jc_reports_format_month (self->month);
  g_autofree char *title = NULL;
  g_autofree char *claim = NULL;
  g_autofree char *decomposition = NULL;
  g_autofree char *movers = NULL;
  g_autofree char *base = NULL;

  if (r == NULL)
    return;
  y = &r->yoy;
  if (r->canteen != NULL)
    {
      const char *name = _jc_reports_canteen_name (self->data, r->canteen);

      /* TRANSLATORS: the review's title for one canteen: "October 2026 · 市委机关食堂" */
      title = g_strdup_printf (_("%s · %s"), month, name != NULL ? name : r->canteen);
    }
  else
    title = g_strdup_printf (_("%s · all canteens"), month);
  gtk_label_set_text (self->title_label, title);

  /* the PDF cover's sentence, in the language of the window */
  claim = jc_report_claim_text (r, !_jc_reports_chinese_ui ());
  gtk_label_set_text (self->claim_label, claim);
  if (y->has_base)
    {
      g_autofree char *ch = format_signed_money (y->change_fen);
      g_autofree char *pe = format_signed_money (y->d.price_effect_fen);
      g_autofree char *ve = format_signed_money (y->d.volume_effect_fen);
      g_autofree char *ne = format_signed_money (y->d.new_fen);
      g_autofree char *de = format_signed_money (y->d.dropped_fen);

      /* TRANSLATORS: the year-on-year change split into its four parts */
      decomposition = g_strdup_printf (_("Change %s = price %s + volume %s + new items %s + "
                                         "dropped items %s"), ch, pe, ve, ne, de);
    }
  else
    decomposition = g_strdup (_("No decomposition: nothing to compare with a year before"));
  gtk_label_set_text (self->decomposition_label, decomposition);

  base = _jc_reports_format_month (self->base == JC_REPORT_MOM_BASE ? r->mom.month : y->month);
  /* TRANSLATORS: heading of the movers table: "Top price movers against October 2025" */
  movers = g_strdup_printf (_("Top price movers against %s"), base);
  gtk_label_set_text (self->movers_title, movers);
}

/* ---- the charts ------------------------------------------------------------- */

static const char *
chart_title (JcReportsChart chart)
{
  switch (chart)
    {
    case JC_REPORTS_CHART_TREND:
      return _("Spend over 13 months");
    case JC_REPORTS_CHART_INDEX:
      return _("Price index, ours against the market’s (chained Fisher, first month = 100)");
    case JC_REPORTS_CHART_WATERFALL:
      return _("Year-on-year change, decomposed");
    case JC_REPORTS_CHART_CANTEENS:
      return _("Spend by canteen");
    case JC_REPORTS_CHART_CATEGORIES:
      return _("Spend by category");
    case JC_REPORTS_N_CHARTS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* Bars of `amounts`; with `data`, the keys are canteen codes, shown by the
 * canteen's name where it fits. */
static void
paint_amounts (cairo_t            *cr,
               double              w,
               double              h,
               GPtrArray          *amounts,
               const JcReportData *data)
{
  g_autofree gint64 *values = g_new0 (gint64, MAX (amounts->len, 1));
  g_autofree const char **labels = g_new0 (const char *, MAX (amounts->len, 1));
  g_autofree const char **names = g_new0 (const char *, MAX (amounts->len, 1));

  for (guint i = 0; i < amounts->len; i++)
    {
      const JcReportAmount *a = g_ptr_array_index (amounts, i);
      const char *name = data != NULL ? _jc_reports_canteen_name (data, a->key) : NULL;

      values[i] = a->fen;
      labels[i] = a->key;
      names[i] = name != NULL ? name : a->key;
    }
  if (data != NULL)
    jc_chart_paint_named_bars (cr, 8, 8, w - 16, h - 16, values, names, labels, amounts->len);
  else
    jc_chart_paint_bars (cr, 8, 8, w - 16, h - 16, values, labels, amounts->len);
}

static void
chart_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  JcReportsPage *self = user_data;
  JcReportsChart chart = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "jc-chart"));
  const JcReportData *d = self->data;
  const JcReport *r = _jc_reports_page_current_report (self);
  const char *labels[JC_REPORT_TASK_MONTHS];

  /* the charts are drawn for paper: a white card in any theme */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (r == NULL)
    return;
  for (guint i = 0; i < JC_REPORT_TASK_MONTHS; i++)
    labels[i] = d->months[i] + 2;   /* "26-10", as the PDF */
  switch (chart)
    {
    case JC_REPORTS_CHART_TREND:
      jc_chart_paint_spend_trend (cr, 8, 8, width - 16, height - 16, d->trend_fen, labels,
                                  JC_REPORT_TASK_MONTHS);
      break;
    case JC_REPORTS_CHART_INDEX:
      jc_chart_paint_index_compare (cr, 8, 8, width - 16, height - 16, d->ours, d->market,
                                    labels, JC_REPORT_TASK_MONTHS);
      break;
    case JC_REPORTS_CHART_WATERFALL:
      if (r->yoy.has_base)
        {
          const char *parts[] = {
            C_("waterfall", "A year before"), C_("waterfall", "Price"),
            C_("waterfall", "Volume"), C_("waterfall", "New"), C_("waterfall", "Dropped"),
            C_("waterfall", "This month"),
          };
          const JcReportComparison *y = &r->yoy;

          jc_chart_paint_waterfall (cr, 8, 8, width - 16, height - 16, y->base_fen,
                                    y->d.price_effect_fen, y->d.volume_effect_fen, y->d.new_fen,
                                    y->d.dropped_fen, y->base_fen + y->change_fen, parts);
        }
      else
        {
          PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area),
                                  _("No data in the same month a year before"));
          int tw, th;

          pango_layout_get_pixel_size (layout, &tw, &th);
          cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
          cairo_move_to (cr, (width - tw) / 2.0, (height - th) / 2.0);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
      break;
    case JC_REPORTS_CHART_CANTEENS:
      paint_amounts (cr, width, height, r->by_canteen, d);
      break;
    case JC_REPORTS_CHART_CATEGORIES:
      paint_amounts (cr, width, height, r->by_category, NULL);
      break;
    case JC_REPORTS_N_CHARTS:
    default:
      g_assert_not_reached ();
    }
}

void
_jc_reports_page_add_chart (JcReportsPage  *self,
           JcReportsChart  chart,
           int             column,
           int             row,
           int             span,
           int             height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (chart_title (chart));
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_size_request (area, 280, -1);
  g_object_set_data (G_OBJECT (area), "jc-chart", GINT_TO_POINTER (chart));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), chart_draw_cb, self, NULL);
  gtk_frame_set_child (GTK_FRAME (frame), area);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_grid_attach (self->charts_grid, box, column, row, span, 1);
  self->chart[chart] = area;
  self->chart_title[chart] = GTK_LABEL (title);
}

void
_jc_reports_page_update_charts (JcReportsPage *self)
{
  const JcReport *r = _jc_reports_page_current_report (self);

  if (r != NULL)
    {
      GtkDrawingArea *canteens = GTK_DRAWING_AREA (self->chart[JC_REPORTS_CHART_CANTEENS]);
      GtkDrawingArea *categories = GTK_DRAWING_AREA (self->chart[JC_REPORTS_CHART_CATEGORIES]);

      /* one bar about every 28 px, as the PDF */
      gtk_drawing_area_set_content_height (canteens,
                                           CLAMP (28 * (int) r->by_canteen->len + 24, 120, 600));
      gtk_drawing_area_set_content_height (categories,
                                           CLAMP (28 * (int) r->by_category->len + 24, 120, 600));
    }
  for (guint i = 0; i < JC_REPORTS_N_CHARTS; i++)
    gtk_widget_queue_draw (self->chart[i]);
}

/* ---- the movers table ---------------------------------------------------------- */

/* What a cell shows: its text, a tooltip and a style class.  One place, so
 * the tests read what is shown. */
char *
_jc_reports_format_mover_cell (const JcReportsMoverRow        *row,
                   JcReportsMoverColumn   column,
                   char                 **out_tooltip,
                   const char           **out_css)
{
  const JcReportMover *m = _jc_reports_mover_of (row);

  *out_tooltip = NULL;
  *out_css = NULL;
  switch (column)
    {
    case JC_REPORTS_MOVER_ITEM:
      *out_tooltip = g_strdup_printf ("%s %s", m->row->item_code, m->row->item_name);
      return g_strdup (m->row->item_name);
    case JC_REPORTS_MOVER_CATEGORY:
      return g_strdup (m->row->category_name);
    case JC_REPORTS_MOVER_BEFORE:
      return _jc_reports_format_unit_cost (m->unit0_milliyuan);
    case JC_REPORTS_MOVER_NOW:
      return _jc_reports_format_unit_cost (m->unit1_milliyuan);
    case JC_REPORTS_MOVER_CHANGE:
      *out_css = m->change > 0 ? "error" : m->change < 0 ? "success" : NULL;
      return format_ratio (m->change);
    case JC_REPORTS_MOVER_MARKET:
      if (!m->has_market)
        {
          *out_css = "dim-label";
          *out_tooltip = g_strdup (_("The market has no prices for this item in both months"));
          return g_strdup ("—");
        }
      {
        g_autofree char *p0 = jc_format_price (m->market0_milliyuan);
        g_autofree char *p1 = jc_format_price (m->market1_milliyuan);

        /* TRANSLATORS: tooltip: the market's monthly mean prices, "¥2.10 → ¥2.55" */
        *out_tooltip = g_strdup_printf (_("Market monthly mean ¥%s → ¥%s"), p0, p1);
      }
      return format_ratio (m->market_change);
    case JC_REPORTS_MOVER_EFFECT:
      *out_tooltip = g_strdup (_("What the unit cost’s change added to the spend, at this "
                                 "month’s quantity"));
      *out_css = m->price_effect_fen > 0 ? "error" : m->price_effect_fen < 0 ? "success" : NULL;
      return format_signed_money (m->price_effect_fen);
    case JC_REPORTS_N_MOVER_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  JcReportsMoverColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column == JC_REPORTS_MOVER_ITEM || column == JC_REPORTS_MOVER_CATEGORY)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  JcReportsMoverColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  static const char *classes[] = { "dim-label", "error", "success" };
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  const char *css;

  text = _jc_reports_format_mover_cell (_jc_reports_row_of (gtk_list_item_get_item (list_item)), column, &tooltip, &css);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, tooltip);
}

static int
cmp_gint64 (gint64 a,
            gint64 b)
{
  return a < b ? -1 : a > b;
}

static int
cmp_double (double a,
            double b)
{
  return a < b ? -1 : a > b;
}

/* The column's order; ties by the movers' own order (largest change first). */
static int
compare_movers (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  JcReportsMoverColumn column = GPOINTER_TO_INT (user_data);
  const JcReportsMoverRow *ra = _jc_reports_row_of ((gpointer) a), *rb = _jc_reports_row_of ((gpointer) b);
  const JcReportMover *x = _jc_reports_mover_of (ra), *y = _jc_reports_mover_of (rb);
  int c = 0;

  switch (column)
    {
    case JC_REPORTS_MOVER_ITEM:
      c = jc_ui_compare_text (x->row->item_name, y->row->item_name);
      break;
    case JC_REPORTS_MOVER_CATEGORY:
      c = cmp_gint64 (x->row->category_position, y->row->category_position);
      break;
    case JC_REPORTS_MOVER_BEFORE:
      c = cmp_gint64 (x->unit0_milliyuan, y->unit0_milliyuan);
      break;
    case JC_REPORTS_MOVER_NOW:
      c = cmp_gint64 (x->unit1_milliyuan, y->unit1_milliyuan);
      break;
    case JC_REPORTS_MOVER_CHANGE:
      c = cmp_double (x->change, y->change);
      break;
    case JC_REPORTS_MOVER_MARKET:
      /* without a market price: first */
      c = x->has_market != y->has_market ? (x->has_market ? 1 : -1)
                                         : cmp_double (x->market_change, y->market_change);
      break;
    case JC_REPORTS_MOVER_EFFECT:
      c = cmp_gint64 (x->price_effect_fen, y->price_effect_fen);
      break;
    case JC_REPORTS_N_MOVER_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return c != 0 ? c : cmp_gint64 (ra->index, rb->index);
}

void
_jc_reports_page_add_mover_columns (JcReportsPage *self)
{
  JcColumnSpec columns[JC_REPORTS_N_MOVER_COLUMNS];

  /* untitled: the titles name the months compared (below) */
  for (int i = 0; i < JC_REPORTS_N_MOVER_COLUMNS; i++)
    columns[i] = (JcColumnSpec) { NULL, i, i == JC_REPORTS_MOVER_ITEM,
                                  i == JC_REPORTS_MOVER_ITEM ? 160 : 120 };
  jc_columns_add (self->movers_view, columns, G_N_ELEMENTS (columns), G_CALLBACK (cell_setup_cb),
                  G_CALLBACK (cell_bind_cb), compare_movers, NULL);
}

void
_jc_reports_page_update_mover_titles (JcReportsPage *self)
{
  const JcReport *r = _jc_reports_page_current_report (self);
  GListModel *columns = gtk_column_view_get_columns (self->movers_view);
  const char *base = r == NULL ? "" : self->base == JC_REPORT_MOM_BASE ? r->mom.month
                                                                        : r->yoy.month;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  const char *titles[JC_REPORTS_N_MOVER_COLUMNS] = { NULL };

  /* TRANSLATORS: movers column: the unit cost in a month, "2025-10 ¥/unit" */
  before = g_strdup_printf (_("%s ¥/unit"), base);
  now = g_strdup_printf (_("%s ¥/unit"), r != NULL ? r->month : "");
  titles[JC_REPORTS_MOVER_ITEM] = C_("movers column", "Item");
  titles[JC_REPORTS_MOVER_CATEGORY] = C_("movers column", "Category");
  titles[JC_REPORTS_MOVER_BEFORE] = before;
  titles[JC_REPORTS_MOVER_NOW] = now;
  titles[JC_REPORTS_MOVER_CHANGE] = C_("movers column", "Change");
  titles[JC_REPORTS_MOVER_MARKET] = C_("movers column", "Market change");
  titles[JC_REPORTS_MOVER_EFFECT] = C_("movers column", "Cost effect");
  for (guint i = 0; i < JC_REPORTS_N_MOVER_COLUMNS; i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_title (col, titles[i]);
    }
}

void
_jc_reports_page_fill_movers (JcReportsPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const GArray *movers = self->data != NULL ? self->data->movers[self->base] : NULL;

  for (guint i = 0; movers != NULL && i < movers->len; i++)
    {
      JcReportsMoverRow *row = g_new0 (JcReportsMoverRow, 1);

      row->data = jc_report_data_ref (self->data);
      row->base = self->base;
      row->index = i;
      g_ptr_array_add (items, jc_order_row_new (row, (GDestroyNotify) mover_row_free));
    }
  g_list_store_splice (self->movers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->movers)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  _jc_reports_page_update_mover_titles (self);
  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->movers_stack, "table");
  else
    {
      g_autofree char *base = NULL;
      g_autofree char *text = NULL;
      const JcReport *r = _jc_reports_page_current_report (self);

      if (r != NULL)
        {
          base = _jc_reports_format_month (self->base == JC_REPORT_MOM_BASE ? r->mom.month : r->yoy.month);
          /* TRANSLATORS: the movers table is empty */
          text = g_strdup_printf (_("No item was bought both in %s and this month"), base);
        }
      gtk_label_set_text (self->movers_empty, text ? text : "");
      gtk_stack_set_visible_child_name (self->movers_stack, "none");
    }
}

void
_jc_reports_page_on_base_changed_cb (JcReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->base_dropdown);

  self->base = selected == 1 ? JC_REPORT_MOM_BASE : JC_REPORT_YOY_BASE;
  _jc_reports_page_fill_movers (self);
  _jc_reports_page_update_texts (self);
}

