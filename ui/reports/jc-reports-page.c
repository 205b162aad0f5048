/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page.c: the monthly cost review on screen, its documents and
 * its print job.  The figures and the charts are jc-report's and
 * jc-chart's, the same the PDF shows. */
#include "config.h"

#define G_LOG_DOMAIN "jc-reports-page"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-order-row.h"
#include "jc-report-doc.h"
#include "jc-report-tasks.h"
#include "jc-reports-page-private.h"
#include "jc-task.h"
#include "jc-ui-util.h"
#include "jc-units.h"

/* ---- months as a person reads them ------------------------------------- */

static const char *const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

static gboolean
split_month (const char *month,
             int        *year,
             int        *mon)
{
  char check[8];

  if (!jc_report_month_shift (month, 0, check))
    return FALSE;
  *year = atoi (check);
  *mon = atoi (check + 5);
  return TRUE;
}

/* "October 2026" */
static char *
format_month (const char *month)
{
  int year, mon;

  if (!split_month (month, &year, &mon))
    return g_strdup (month ? month : "");
  /* TRANSLATORS: a month and its year: "October 2026"; reorder with %2$d
   * and %1$s, e.g. "%2$d年%1$s" */
  return g_strdup_printf (C_("month and year", "%1$s %2$d"),
                          g_dpgettext2 (NULL, "month", month_names[mon - 1]), year);
}

/* The month before today's ($JICAI_TODAY, YYYY-MM-DD, moves today). */
static void
default_month (char out[8])
{
  const char *env = g_getenv ("JICAI_TODAY");
  int y = 0, m = 0, d = 0;
  char extra, today[8];

  if (env != NULL && sscanf (env, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 &&
      g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    g_snprintf (today, sizeof today, "%04d-%02d", y, m);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = g_date_time_format (now, "%Y-%m");

      g_strlcpy (today, text, sizeof today);
    }
  if (!jc_report_month_shift (today, -1, out))
    g_strlcpy (out, "2026-01", 8);
}

static gboolean
chinese_ui (void)
{
  const char *const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

/* ---- numbers ------------------------------------------------------------- */

/* The name of the canteen whose code is `code`, or NULL (borrowed). */
static const char *
canteen_name (const JcReportData *data,
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


static char *
format_signed_money (gint64 fen)
{
  g_autofree char *money = jc_order_format_money (fen);

  return fen > 0 ? g_strconcat ("+", money, NULL) : g_steal_pointer (&money);
}

/* a ratio as a signed percentage with one decimal, "+12.3%", and more
 * (up to three) when a change that is not zero would read as 0.0%: the
 * sign shown is always the sign of the change, as its colour is */
static char *
format_ratio (double ratio)
{
  double pct = ratio * 100.0;
  int decimals = 1;

  if (!isfinite (pct) || pct == 0)
    pct = 0;   /* no "-0.0%" */
  while (pct != 0 && decimals < 3 && round (fabs (pct) * pow (10, decimals)) == 0)
    decimals++;
  if (pct != 0 && round (fabs (pct) * pow (10, decimals)) == 0)
    /* TRANSLATORS: a change too small to show in percent, with its sign */
    return g_strdup (pct < 0 ? C_("change", "-<0.001%") : C_("change", "+<0.001%"));
  /* TRANSLATORS: a change in percent with its sign, "+12.3%"; the * is the
   * number of decimals */
  return g_strdup_printf (C_("change", "%+.*f%%"), decimals, pct);
}

/* a unit cost per base unit, always three decimals so a column lines up */
static char *
format_unit_cost (gint64 milliyuan)
{
  return jc_format_decimal (milliyuan, 3, 3);
}

/* ---- the movers' rows ----------------------------------------------------- */

typedef struct {
  JcReportData   *data;
  JcReportPeriod  base;
  guint           index;
} MoverRow;

static void
mover_row_free (MoverRow *row)
{
  jc_report_data_unref (row->data);
  g_free (row);
}

static const JcReportMover *
mover_of (const MoverRow *row)
{
  return &g_array_index (row->data->movers[row->base], JcReportMover, row->index);
}

static const MoverRow *
row_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

/* ---- the page ------------------------------------------------------------- */

struct _JcReportsPage {
  AdwBin                parent_instance;

  char                 *db_path;
  char                  month[8];
  char                 *canteen;          /* NULL: all canteens */
  JcReportPeriod        base;             /* of the movers table */
  GCancellable         *cancellable;      /* exports, print, the item's months */
  GCancellable         *load_cancellable;
  gboolean              loading;
  guint                 working;
  JcReportData         *data;             /* on show, NULL: none */
  int                   popover_year;
  GPtrArray            *canteen_codes;    /* char *, parallel to the drop-down after "All" */
  gboolean              filling_canteens;
  GListStore           *movers;           /* JcOrderRow of MoverRow */
  GtkSortListModel     *sorted;           /* the movers in the column view's order */
  GtkSingleSelection   *selection;
  GtkFileChooserNative *chooser;
  GtkWindow            *item_dialog;      /* weak */
  GCancellable         *item_cancellable;
  GtkPrintOperation    *print_op;
  char                 *print_export;     /* the tests' print-to-file */

  GtkLabel             *figure_value[JC_REPORTS_N_FIGURES];
  GtkLabel             *figure_note[JC_REPORTS_N_FIGURES];
  GtkWidget            *figure_card[JC_REPORTS_N_FIGURES];
  GtkWidget            *chart[JC_REPORTS_N_CHARTS];
  GtkLabel             *chart_title[JC_REPORTS_N_CHARTS];
  GtkWidget            *month_buttons[12];

  GtkMenuButton        *month_button;
  GtkPopover           *month_popover;
  GtkLabel             *year_label;
  GtkGrid              *month_grid;
  GtkDropDown          *canteen_dropdown;
  GtkWidget            *export_button;
  GtkStringList        *canteen_list;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkStack             *content_stack;
  AdwStatusPage        *error_page;
  AdwStatusPage        *empty_page;
  GtkLabel             *title_label;
  GtkGrid              *figures_grid;
  GtkLabel             *claim_label;
  GtkLabel             *decomposition_label;
  GtkGrid              *charts_grid;
  GtkLabel             *movers_title;
  GtkDropDown          *base_dropdown;
  GtkStack             *movers_stack;
  GtkColumnView        *movers_view;
  GtkLabel             *movers_empty;
};

G_DEFINE_FINAL_TYPE (JcReportsPage, jc_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_MONTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_report    (JcReportsPage *self);
static void update_actions (JcReportsPage *self);

static const JcReport *
current_report (JcReportsPage *self)
{
  return self->data != NULL ? self->data->report : NULL;
}

static gboolean
has_data (JcReportsPage *self)
{
  const JcReport *r = current_report (self);

  return r != NULL && r->n_days > 0;
}

/* ---- the key figures ------------------------------------------------------- */

static void
add_figure (JcReportsPage   *self,
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
  g_autofree char *pct = jc_report_format_change (c);
  g_autofree char *base = format_month (c->month);
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

static void
update_figures (JcReportsPage *self)
{
  const JcReport *r = current_report (self);
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

  base = format_month (y->month);
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

  savings = jc_order_format_money (r->savings_vs_market_fen);
  savings_note = g_strdup_printf (ngettext ("%u line with a reference price",
                                            "%u lines with a reference price",
                                            r->n_savings_lines), r->n_savings_lines);
  set_figure (self, JC_REPORTS_FIGURE_SAVINGS, savings, savings_note,
              _("What the purchases would have cost at the plans’ reference (market) prices, "
                "less what they cost"),
              r->savings_vs_market_fen > 0 ? "success"
                : r->savings_vs_market_fen < 0 ? "error" : NULL);
}

static void
update_texts (JcReportsPage *self)
{
  const JcReport *r = current_report (self);
  const JcReportComparison *y;
  g_autofree char *month = format_month (self->month);
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
      const char *name = canteen_name (self->data, r->canteen);

      /* TRANSLATORS: the review's title for one canteen: "October 2026 · 市委机关食堂" */
      title = g_strdup_printf (_("%s · %s"), month, name != NULL ? name : r->canteen);
    }
  else
    title = g_strdup_printf (_("%s · all canteens"), month);
  gtk_label_set_text (self->title_label, title);

  /* the PDF cover's sentence, in the language of the window */
  claim = jc_report_claim_text (r, !chinese_ui ());
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

  base = format_month (self->base == JC_REPORT_MOM_BASE ? r->mom.month : y->month);
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
      const char *name = data != NULL ? canteen_name (data, a->key) : NULL;

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
  const JcReport *r = current_report (self);
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

static void
add_chart (JcReportsPage  *self,
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

static void
update_charts (JcReportsPage *self)
{
  const JcReport *r = current_report (self);

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
static char *
format_mover_cell (const MoverRow        *row,
                   JcReportsMoverColumn   column,
                   char                 **out_tooltip,
                   const char           **out_css)
{
  const JcReportMover *m = mover_of (row);

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
      return format_unit_cost (m->unit0_milliyuan);
    case JC_REPORTS_MOVER_NOW:
      return format_unit_cost (m->unit1_milliyuan);
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

  text = format_mover_cell (row_of (gtk_list_item_get_item (list_item)), column, &tooltip, &css);
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
  const MoverRow *ra = row_of ((gpointer) a), *rb = row_of ((gpointer) b);
  const JcReportMover *x = mover_of (ra), *y = mover_of (rb);
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

static void
add_mover_columns (JcReportsPage *self)
{
  for (guint i = 0; i < JC_REPORTS_N_MOVER_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) col = NULL;
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_movers, GINT_TO_POINTER (i), NULL);

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      col = gtk_column_view_column_new (NULL, factory);
      gtk_column_view_column_set_resizable (col, TRUE);
      gtk_column_view_column_set_expand (col, i == JC_REPORTS_MOVER_ITEM);
      gtk_column_view_column_set_fixed_width (col, i == JC_REPORTS_MOVER_ITEM ? 160 : 120);
      gtk_column_view_column_set_sorter (col, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_append_column (self->movers_view, col);
    }
}

static void
update_mover_titles (JcReportsPage *self)
{
  const JcReport *r = current_report (self);
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

static void
fill_movers (JcReportsPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const GArray *movers = self->data != NULL ? self->data->movers[self->base] : NULL;

  for (guint i = 0; movers != NULL && i < movers->len; i++)
    {
      MoverRow *row = g_new0 (MoverRow, 1);

      row->data = jc_report_data_ref (self->data);
      row->base = self->base;
      row->index = i;
      g_ptr_array_add (items, jc_order_row_new (row, (GDestroyNotify) mover_row_free));
    }
  g_list_store_splice (self->movers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->movers)),
                       items->pdata, items->len);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_mover_titles (self);
  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->movers_stack, "table");
  else
    {
      g_autofree char *base = NULL;
      g_autofree char *text = NULL;
      const JcReport *r = current_report (self);

      if (r != NULL)
        {
          base = format_month (self->base == JC_REPORT_MOM_BASE ? r->mom.month : r->yoy.month);
          /* TRANSLATORS: the movers table is empty */
          text = g_strdup_printf (_("No item was bought both in %s and this month"), base);
        }
      gtk_label_set_text (self->movers_empty, text ? text : "");
      gtk_stack_set_visible_child_name (self->movers_stack, "none");
    }
}

static void
on_base_changed_cb (JcReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->base_dropdown);

  self->base = selected == 1 ? JC_REPORT_MOM_BASE : JC_REPORT_YOY_BASE;
  fill_movers (self);
  update_texts (self);
}

/* ---- one item's months ------------------------------------------------------------ */

typedef struct {
  char      *code;
  char      *name;
  GArray    *months;      /* JcReportItemMonth, NULL: being read */
  GtkStack  *stack;
  GtkWidget *price_area;
  GtkWidget *spend_area;
  GtkGrid   *grid;
  AdwStatusPage *error;
} ItemDialog;

static void
item_dialog_free (ItemDialog *d)
{
  g_free (d->code);
  g_free (d->name);
  g_clear_pointer (&d->months, g_array_unref);
  g_free (d);
}

static void
item_price_draw_cb (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  ItemDialog *d = user_data;
  gint64 ours[JC_REPORT_TASK_MONTHS], market[JC_REPORT_TASK_MONTHS];
  gboolean has_ours[JC_REPORT_TASK_MONTHS], has_market[JC_REPORT_TASK_MONTHS];
  const char *labels[JC_REPORT_TASK_MONTHS];
  guint n;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (d->months == NULL)
    return;
  n = MIN (d->months->len, JC_REPORT_TASK_MONTHS);
  for (guint i = 0; i < n; i++)
    {
      const JcReportItemMonth *m = &g_array_index (d->months, JcReportItemMonth, i);

      ours[i] = m->unit_cost_milliyuan;
      has_ours[i] = m->has_unit_cost;
      market[i] = m->market_milliyuan;
      has_market[i] = m->has_market;
      labels[i] = m->month + 2;
    }
  jc_chart_paint_price_compare (cr, 8, 8, width - 16, height - 16, ours, has_ours, market,
                                has_market, _("Our unit cost"), _("Market monthly mean"),
                                labels, n);
}

static void
item_spend_draw_cb (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  ItemDialog *d = user_data;
  gint64 fen[JC_REPORT_TASK_MONTHS];
  const char *labels[JC_REPORT_TASK_MONTHS];
  guint n;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (d->months == NULL)
    return;
  n = MIN (d->months->len, JC_REPORT_TASK_MONTHS);
  for (guint i = 0; i < n; i++)
    {
      const JcReportItemMonth *m = &g_array_index (d->months, JcReportItemMonth, i);

      fen[i] = m->cost_fen;
      labels[i] = m->month + 2;
    }
  jc_chart_paint_spend_trend (cr, 8, 8, width - 16, height - 16, fen, labels, n);
}

static void
grid_add (GtkGrid    *grid,
          int         row,
          int         column,
          const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  if (heading)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
item_dialog_fill (ItemDialog *d)
{
  const char *headings[] = {
    C_("item history", "Month"), C_("item history", "Quantity"), C_("item history", "Spend"),
    C_("item history", "Unit cost ¥"), C_("item history", "Market ¥"),
  };

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    grid_add (d->grid, 0, (int) c, headings[c], TRUE);
  for (guint i = 0; i < d->months->len; i++)
    {
      const JcReportItemMonth *m = &g_array_index (d->months, JcReportItemMonth, i);
      g_autofree char *qty = m->in ? jc_format_qty (m->qty_milli) : g_strdup ("—");
      g_autofree char *spend = m->in ? jc_order_format_money (m->cost_fen) : g_strdup ("—");
      g_autofree char *unit = m->has_unit_cost ? format_unit_cost (m->unit_cost_milliyuan)
                                               : g_strdup ("—");
      g_autofree char *market = m->has_market ? format_unit_cost (m->market_milliyuan)
                                              : g_strdup ("—");
      g_autofree char *month = format_month (m->month);
      int row = (int) (d->months->len - i);   /* the latest first */

      grid_add (d->grid, row, 0, month, FALSE);
      grid_add (d->grid, row, 1, qty, FALSE);
      grid_add (d->grid, row, 2, spend, FALSE);
      grid_add (d->grid, row, 3, unit, FALSE);
      grid_add (d->grid, row, 4, market, FALSE);
    }
  gtk_widget_queue_draw (d->price_area);
  gtk_widget_queue_draw (d->spend_area);
  gtk_stack_set_visible_child_name (d->stack, "history");
}

static void
on_history_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JcReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *months = jc_report_task_history_finish (result, &error);
  ItemDialog *d;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->item_dialog == NULL)
    {
      g_clear_pointer (&months, g_array_unref);
      return;
    }
  d = g_object_get_data (G_OBJECT (self->item_dialog), "jc-item");
  if (months == NULL)
    {
      adw_status_page_set_description (d->error, error->message);
      gtk_stack_set_visible_child_name (d->stack, "error");
      return;
    }
  d->months = months;
  item_dialog_fill (d);
}

static void
on_item_dialog_destroy_cb (GtkWidget     *window,
                           JcReportsPage *self)
{
  if (self->item_cancellable != NULL)
    g_cancellable_cancel (self->item_cancellable);
}

static GtkWidget *
scrolled_card_area (GtkWidget           **out_area,
                    GtkDrawingAreaDrawFunc draw,
                    gpointer               data,
                    int                    height)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, data, NULL);
  gtk_frame_set_child (GTK_FRAME (frame), area);
  *out_area = area;
  return frame;
}

static void
open_item (JcReportsPage       *self,
           const JcReportRow   *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *header, *stack, *box, *heading, *scroller, *grid, *loading, *error;
  g_autofree char *title = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *month = format_month (self->month);
  ItemDialog *d;

  if (self->db_path == NULL)
    return;
  if (self->item_dialog != NULL)
    gtk_window_destroy (self->item_dialog);
  if (self->item_cancellable != NULL)
    g_cancellable_cancel (self->item_cancellable);
  g_clear_object (&self->item_cancellable);
  self->item_cancellable = g_cancellable_new ();

  d = g_new0 (ItemDialog, 1);
  d->code = g_strdup (item->item_code);
  d->name = g_strdup (item->item_name);

  window = gtk_window_new ();
  /* TRANSLATORS: the item detail's title: "大白菜 (V001)" */
  title = g_strdup_printf (_("%s (%s)"), item->item_name, item->item_code);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 720);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_set_data_full (G_OBJECT (window), "jc-item", d, (GDestroyNotify) item_dialog_free);
  header = gtk_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  stack = gtk_stack_new ();
  d->stack = GTK_STACK (stack);
  loading = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (loading));
  gtk_widget_set_size_request (loading, 32, 32);
  gtk_widget_set_halign (loading, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  gtk_stack_add_named (d->stack, loading, "loading");
  error = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (error), _("Could Not Read the Item’s Months"));
  d->error = ADW_STATUS_PAGE (error);
  gtk_stack_add_named (d->stack, error, "error");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  /* TRANSLATORS: the item detail's subtitle: "13 months to October 2026 · CT01" */
  sub = self->canteen != NULL ? g_strdup_printf (_("13 months to %s · %s"), month,
                                                 canteen_name (self->data, self->canteen) != NULL
                                                   ? canteen_name (self->data, self->canteen)
                                                   : self->canteen)
                              : g_strdup_printf (_("13 months to %s · all canteens"), month);
  heading = gtk_label_new (sub);
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (box), heading);
  heading = gtk_label_new (_("Unit cost against the market’s monthly mean, ¥ per base unit"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scrolled_card_area (&d->price_area, item_price_draw_cb, d, 230));
  heading = gtk_label_new (_("Spend"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), scrolled_card_area (&d->spend_area, item_spend_draw_cb, d, 150));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_margin_top (grid, 6);
  d->grid = GTK_GRID (grid);
  gtk_box_append (GTK_BOX (box), grid);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_stack_add_named (d->stack, scroller, "history");
  gtk_stack_set_visible_child_name (d->stack, "loading");
  gtk_window_set_child (GTK_WINDOW (window), stack);

  g_signal_connect_object (window, "destroy", G_CALLBACK (on_item_dialog_destroy_cb), self, 0);
  g_set_weak_pointer (&self->item_dialog, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));

  jc_report_task_history (self->db_path, self->month, self->canteen, item->item_code,
                          self->item_cancellable, on_history_done, g_object_ref (self));
}

static void
on_movers_activate_cb (JcReportsPage *self,
                       guint          position)
{
  g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    open_item (self, mover_of (row_of (item))->row);
}

/* ---- the month ----------------------------------------------------------------------- */

static void
update_month_widgets (JcReportsPage *self)
{
  g_autofree char *label = format_month (self->month);
  g_autofree char *year = NULL;
  int y, m;

  gtk_menu_button_set_label (self->month_button, label);
  if (!split_month (self->month, &y, &m))
    return;
  year = g_strdup_printf ("%d", self->popover_year);
  gtk_label_set_text (self->year_label, year);
  for (int i = 0; i < 12; i++)
    {
      if (self->popover_year == y && i + 1 == m)
        gtk_widget_add_css_class (self->month_buttons[i], "suggested-action");
      else
        gtk_widget_remove_css_class (self->month_buttons[i], "suggested-action");
    }
}

static void
on_month_button_clicked_cb (GtkButton     *button,
                            JcReportsPage *self)
{
  int m = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "jc-month"));
  char month[8];

  g_snprintf (month, sizeof month, "%04d-%02d", self->popover_year, m);
  gtk_popover_popdown (self->month_popover);
  jc_reports_page_set_month (self, month);
}

static void
on_year_previous_cb (JcReportsPage *self)
{
  if (self->popover_year > 1000)
    self->popover_year--;
  update_month_widgets (self);
}

static void
on_year_next_cb (JcReportsPage *self)
{
  if (self->popover_year < 9999)
    self->popover_year++;
  update_month_widgets (self);
}

static void
on_month_popover_show_cb (JcReportsPage *self)
{
  int y, m;

  if (split_month (self->month, &y, &m))
    self->popover_year = y;
  update_month_widgets (self);
}

static void
shift_month (JcReportsPage *self,
             int            months)
{
  char month[8];

  if (jc_report_month_shift (self->month, months, month))
    jc_reports_page_set_month (self, month);
}

static void
previous_month_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  shift_month (JC_REPORTS_PAGE (widget), -1);
}

static void
next_month_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  shift_month (JC_REPORTS_PAGE (widget), 1);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_report (JC_REPORTS_PAGE (widget));
}

/* ---- the canteens ---------------------------------------------------------------------- */

static void
fill_canteens (JcReportsPage *self)
{
  GPtrArray *canteens = self->data != NULL ? self->data->canteens : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gboolean same;
  guint selected = 0;

  if (canteens == NULL)
    return;
  same = canteens->len == self->canteen_codes->len;
  for (guint i = 0; same && i < canteens->len; i++)
    same = g_str_equal (((JcCanteen *) canteens->pdata[i])->code,
                        self->canteen_codes->pdata[i]);
  if (same && g_list_model_get_n_items (G_LIST_MODEL (self->canteen_list)) == canteens->len + 1)
    return;

  self->filling_canteens = TRUE;
  g_ptr_array_set_size (self->canteen_codes, 0);
  g_ptr_array_add (labels, g_strdup (_("All canteens")));
  for (guint i = 0; i < canteens->len; i++)
    {
      const JcCanteen *c = canteens->pdata[i];

      g_ptr_array_add (self->canteen_codes, g_strdup (c->code));
      g_ptr_array_add (labels, g_strdup_printf ("%s %s", c->code, c->name ? c->name : ""));
      if (g_strcmp0 (self->canteen, c->code) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->canteen_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->canteen_list)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->canteen_dropdown, selected);
  self->filling_canteens = FALSE;
}

static void
on_canteen_selected_cb (JcReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->canteen_dropdown);
  const char *code = NULL;

  if (self->filling_canteens)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 &&
      selected - 1 < self->canteen_codes->len)
    code = self->canteen_codes->pdata[selected - 1];
  if (g_strcmp0 (code, self->canteen) == 0)
    return;
  g_free (self->canteen);
  self->canteen = g_strdup (code);
  load_report (self);
}

/* ---- loading ----------------------------------------------------------------------------- */

static void
update_actions (JcReportsPage *self)
{
  gboolean idle = self->db_path != NULL && !self->loading;
  gboolean busy = self->loading || self->working > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.reload", self->db_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", idle && has_data (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-xlsx", idle && has_data (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", idle && has_data (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", idle && has_data (self));
  gtk_widget_set_sensitive (self->export_button, idle && has_data (self));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
update_status (JcReportsPage *self)
{
  const JcReport *r = current_report (self);
  g_autofree char *month = format_month (self->month);
  g_autofree char *text = NULL;

  if (self->loading)
    /* TRANSLATORS: while the review is computed: "Computing October 2026…" */
    text = g_strdup_printf (_("Computing %s…"), month);
  else if (r != NULL && r->provisional_days > 0)
    text = g_strdup_printf (ngettext ("%u provisional day: counted at the planned cost",
                                      "%u provisional days: counted at the planned cost",
                                      r->provisional_days), r->provisional_days);
  else
    text = g_strdup ("");
  gtk_label_set_text (self->status_label, text);
}

static void
show_data (JcReportsPage *self,
           JcReportData  *data)
{
  JcReportData *old = self->data;

  self->data = data;
  if (self->item_dialog != NULL && data == NULL)
    gtk_window_destroy (self->item_dialog);
  fill_canteens (self);
  fill_movers (self);
  if (old != NULL)
    jc_report_data_unref (old);
  update_figures (self);
  update_texts (self);
  update_charts (self);
  if (data != NULL)
    {
      if (has_data (self))
        gtk_stack_set_visible_child_name (self->content_stack, "report");
      else
        {
          g_autofree char *month = format_month (self->month);
          g_autofree char *title = NULL;

          if (data->report->canteen != NULL)
            /* TRANSLATORS: the empty state: "No locked plans for CT01 in November 2026" */
            title = g_strdup_printf (_("No locked plans for %s in %s"), data->report->canteen,
                                     month);
          else
            /* TRANSLATORS: the empty state: "No locked plans in November 2026" */
            title = g_strdup_printf (_("No locked plans in %s"), month);
          adw_status_page_set_title (self->empty_page, title);
          adw_status_page_set_description (self->empty_page,
            _("The review counts the purchase plans once they are locked. Choose another month, "
              "or lock the plans of this one on the Purchase plan page."));
          gtk_stack_set_visible_child_name (self->content_stack, "empty");
        }
    }
}

static void
on_report_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JcReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcReportData *data = jc_report_task_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);
  if (data == NULL)
    {
      show_data (self, NULL);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    show_data (self, data);
  update_status (self);
  update_actions (self);
}

static void
load_report (JcReportsPage *self)
{
  /* a month picked while another is computed: the other is dropped */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->db_path == NULL)
    {
      self->loading = FALSE;
      show_data (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-database");
      update_status (self);
      update_actions (self);
      return;
    }
  self->loading = TRUE;
  if (self->data == NULL || !g_str_equal (self->data->report->month, self->month) ||
      g_strcmp0 (self->data->report->canteen, self->canteen) != 0)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  self->load_cancellable = g_cancellable_new ();
  update_status (self);
  update_actions (self);
  jc_report_task_load (self->db_path, self->month, self->canteen, self->load_cancellable,
                       on_report_loaded, g_object_ref (self));
}

/* ---- exports ------------------------------------------------------------------------------ */

static const char *const export_suffix[] = { "pdf", "xlsx", "csv" };

typedef struct {
  JcReportsPage *self;
  char          *path;
} ExportCall;

static void
export_call_free (ExportCall *call)
{
  g_object_unref (call->self);
  g_free (call->path);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportCall, export_call_free)

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportCall) call = user_data;
  JcReportsPage *self = call->self;
  const char *path = call->path;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);

  if (!jc_report_task_export_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working--;
  update_actions (self);
  if (error != NULL)
    {
      /* TRANSLATORS: heading of an export error: "Could Not Write review-2026-10.pdf" */
      g_autofree char *heading = g_strdup_printf (_("Could Not Write %s"), name);
      g_autofree char *message = g_strdup_printf ("%s\n\n%s", path, error->message);

      jc_ui_show_error (GTK_WIDGET (self), heading, message);
      return;
    }
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
    g_autofree char *escaped = g_markup_escape_text (name, -1);
    /* TRANSLATORS: a toast after an export: "Saved review-2026-10.pdf" */
    g_autofree char *text = g_strdup_printf (_("Saved %s"), escaped);
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    AdwToast *toast = adw_toast_new (text);

    adw_toast_set_button_label (toast, _("Open"));
    adw_toast_set_action_name (toast, "reports.open-file");
    adw_toast_set_action_target_value (toast, g_variant_new_string (uri ? uri : ""));
    if (overlay != NULL)
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    else
      g_object_unref (g_object_ref_sink (toast));
  }
}

static void
start_export (JcReportsPage      *self,
              JcReportExportKind  kind,
              const char         *path)
{
  ExportCall *call;

  if (self->db_path == NULL || path == NULL)
    return;
  call = g_new0 (ExportCall, 1);
  call->self = g_object_ref (self);
  call->path = g_strdup (path);
  self->working++;
  update_actions (self);
  jc_report_task_export (self->db_path, self->month, self->canteen, kind, path,
                         self->cancellable, on_export_done, call);
}

static void
on_export_chooser_response (JcReportsPage *self,
                            int            response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  JcReportExportKind kind;

  if (self->chooser == NULL)
    return;
  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "jc-kind"));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  path = file ? g_file_get_path (file) : NULL;
  start_export (self, kind, path);
}

static void
choose_export_file (JcReportsPage      *self,
                    JcReportExportKind  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  const char *titles[] = {
    _("Export the Review as PDF"), _("Export the Review as XLSX"),
    _("Export the Items as CSV"),
  };
  const char *filters[] = { _("PDF documents"), _("Excel workbooks"), _("CSV files") };

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (titles[kind],
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  if (self->canteen != NULL)
    /* TRANSLATORS: the suggested file name of the review of one canteen */
    name = g_strdup_printf (_("cost-review-%s-%s.%s"), self->month, self->canteen,
                            export_suffix[kind]);
  else
    /* TRANSLATORS: the suggested file name of the review; %s the month */
    name = g_strdup_printf (_("cost-review-%s.%s"), self->month, export_suffix[kind]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, filters[kind]);
  gtk_file_filter_add_suffix (filter, export_suffix[kind]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "jc-kind", GINT_TO_POINTER (kind));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcReportExportKind kind = JC_REPORT_EXPORT_PDF;

  if (g_str_equal (action_name, "reports.export-xlsx"))
    kind = JC_REPORT_EXPORT_XLSX;
  else if (g_str_equal (action_name, "reports.export-csv"))
    kind = JC_REPORT_EXPORT_CSV;
  choose_export_file (JC_REPORTS_PAGE (widget), kind);
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    jc_ui_show_error (widget, _("Could Not Open the File"), error->message);
}

static void
open_file_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  const char *uri = g_variant_get_string (parameter, NULL);

  if (*uri == '\0')
    return;
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, on_open_done, g_object_ref (widget));
}

/* ---- print --------------------------------------------------------------------------------- */

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  JcReportPages *pages = g_object_get_data (G_OBJECT (op), "jc-pages");

  gtk_print_operation_set_n_pages (op, MAX ((int) jc_report_doc_get_n_pages (pages->doc), 1));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  JcReportPages *pages = g_object_get_data (G_OBJECT (op), "jc-pages");

  jc_report_doc_draw_page (pages->doc, gtk_print_context_get_cairo_context (context),
                           (guint) page, gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

static void
run_print (JcReportsPage *self,
           JcReportPages *pages)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  g_autofree char *export = g_steal_pointer (&self->print_export);
  GtkPaperSize *a4;
  GtkPrintOperationAction action = export != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                  : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;

  g_clear_object (&self->print_op);
  self->print_op = gtk_print_operation_new ();
  /* TRANSLATORS: the print job's name; %s the month */
  job = g_strdup_printf (_("Cost review %s"), pages->report->month);
  gtk_print_operation_set_job_name (self->print_op, job);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, export == NULL);
  if (export != NULL)
    gtk_print_operation_set_export_filename (self->print_op, export);
  g_object_set_data_full (G_OBJECT (self->print_op), "jc-pages", pages,
                          (GDestroyNotify) jc_report_pages_free);
  g_signal_connect (self->print_op, "begin-print", G_CALLBACK (on_begin_print_cb), NULL);
  g_signal_connect (self->print_op, "draw-page", G_CALLBACK (on_draw_page_cb), NULL);
  if (gtk_print_operation_run (self->print_op, action,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Review"), error->message);
}

static void
on_pages_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JcReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcReportPages *pages = jc_report_task_pages_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working--;
  update_actions (self);
  if (pages == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Print the Review"), error->message);
      return;
    }
  run_print (self, pages);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcReportsPage *self = JC_REPORTS_PAGE (widget);

  if (self->db_path == NULL)
    return;
  /* the pages are laid out on a worker: the trend reads 13 months */
  self->working++;
  update_actions (self);
  jc_report_task_pages (self->db_path, self->month, self->canteen, self->cancellable,
                        on_pages_done, g_object_ref (self));
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
jc_reports_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JcReportsPage *self = JC_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    case PROP_MONTH:
      g_value_set_string (value, self->month);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_reports_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JcReportsPage *self = JC_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      jc_reports_page_set_db_path (self, g_value_get_string (value));
      break;
    case PROP_MONTH:
      if (g_value_get_string (value) != NULL)
        jc_reports_page_set_month (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_reports_page_dispose (GObject *object)
{
  JcReportsPage *self = JC_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->item_cancellable != NULL)
    g_cancellable_cancel (self->item_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->item_dialog != NULL)
    gtk_window_destroy (self->item_dialog);
  g_clear_weak_pointer (&self->item_dialog);
  g_clear_object (&self->print_op);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_REPORTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->movers);
  g_clear_pointer (&self->data, jc_report_data_unref);
  G_OBJECT_CLASS (jc_reports_page_parent_class)->dispose (object);
}

static void
jc_reports_page_finalize (GObject *object)
{
  JcReportsPage *self = JC_REPORTS_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->item_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->canteen_codes, g_ptr_array_unref);
  g_free (self->db_path);
  g_free (self->canteen);
  g_free (self->print_export);
  G_OBJECT_CLASS (jc_reports_page_parent_class)->finalize (object);
}

static void
jc_reports_page_class_init (JcReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_reports_page_get_property;
  object_class->set_property = jc_reports_page_set_property;
  object_class->dispose = jc_reports_page_dispose;
  object_class->finalize = jc_reports_page_finalize;

  /**
   * JcReportsPage:db-path:
   * The database file; every worker of the page opens its own store on it.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcReportsPage:month:
   * The month reviewed, "YYYY-MM"; the month before today's at first.
   */
  properties[PROP_MONTH] =
    g_param_spec_string ("month", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, month_popover);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, month_grid);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, canteen_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, canteen_list);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, claim_label);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, decomposition_label);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, charts_grid);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, movers_title);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, base_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, movers_stack);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, movers_view);
  gtk_widget_class_bind_template_child (widget_class, JcReportsPage, movers_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_year_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_year_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_movers_activate_cb);

  gtk_widget_class_install_action (widget_class, "reports.previous-month", NULL,
                                   previous_month_activated);
  gtk_widget_class_install_action (widget_class, "reports.next-month", NULL,
                                   next_month_activated);
  gtk_widget_class_install_action (widget_class, "reports.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-xlsx", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "reports.open-file", "s", open_file_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "reports.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "reports.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reports.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "reports.print", NULL);
}

static void
jc_reports_page_init (JcReportsPage *self)
{
  const char *figures[JC_REPORTS_N_FIGURES] = {
    C_("key figure", "Spend"), C_("key figure", "Month on month"),
    C_("key figure", "Year on year"), C_("key figure", "Our price index"),
    C_("key figure", "Market price index"), C_("key figure", "Savings against the market"),
  };
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->canteen_codes = g_ptr_array_new_with_free_func (g_free);
  self->base = JC_REPORT_YOY_BASE;
  default_month (self->month);
  self->popover_year = atoi (self->month);

  for (guint i = 0; i < JC_REPORTS_N_FIGURES; i++)
    add_figure (self, (JcReportsFigure) i, figures[i]);
  add_chart (self, JC_REPORTS_CHART_TREND, 0, 0, 1, 250);
  add_chart (self, JC_REPORTS_CHART_INDEX, 1, 0, 1, 250);
  add_chart (self, JC_REPORTS_CHART_WATERFALL, 0, 1, 1, 250);
  add_chart (self, JC_REPORTS_CHART_CANTEENS, 1, 1, 1, 120);
  add_chart (self, JC_REPORTS_CHART_CATEGORIES, 0, 2, 2, 120);
  gtk_widget_set_valign (gtk_widget_get_parent (gtk_widget_get_parent (
                           self->chart[JC_REPORTS_CHART_CANTEENS])), GTK_ALIGN_START);

  for (int i = 0; i < 12; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (g_dpgettext2 (NULL, "month",
                                                                   month_names[i]));

      g_object_set_data (G_OBJECT (button), "jc-month", GINT_TO_POINTER (i + 1));
      g_signal_connect (button, "clicked", G_CALLBACK (on_month_button_clicked_cb), self);
      gtk_grid_attach (self->month_grid, button, i % 3, i / 3, 1, 1);
      self->month_buttons[i] = button;
    }
  g_signal_connect_object (self->month_popover, "show", G_CALLBACK (on_month_popover_show_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_string_list_append (self->canteen_list, _("All canteens"));
  gtk_drop_down_set_selected (self->canteen_dropdown, 0);
  g_signal_connect_object (self->canteen_dropdown, "notify::selected",
                           G_CALLBACK (on_canteen_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->base_dropdown, "notify::selected",
                           G_CALLBACK (on_base_changed_cb), self, G_CONNECT_SWAPPED);

  self->movers = g_list_store_new (JC_TYPE_ORDER_ROW);
  sorter = gtk_column_view_get_sorter (self->movers_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->movers)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->movers_view, GTK_SELECTION_MODEL (self->selection));
  add_mover_columns (self);
  update_mover_titles (self);

  update_month_widgets (self);
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  update_actions (self);
}

/**
 * jc_reports_page_new:
 * @db_path: (nullable): the database file
 * Returns: (transfer floating): a new Reports page showing the month
 * before today's.
 */
GtkWidget *
jc_reports_page_new (const char *db_path)
{
  return g_object_new (JC_TYPE_REPORTS_PAGE, "db-path", db_path, NULL);
}

/**
 * jc_reports_page_set_db_path:
 * @db_path: (nullable): another database file, NULL for none
 */
void
jc_reports_page_set_db_path (JcReportsPage *self,
                             const char    *db_path)
{
  g_return_if_fail (JC_IS_REPORTS_PAGE (self));

  if (!jc_task_set_db_path (&self->db_path, db_path))
    return;
  /* Work under way belongs to the other database. */
  jc_task_restart_cancellable (&self->cancellable);
  self->working = 0;
  g_clear_pointer (&self->canteen, g_free);
  show_data (self, NULL);
  load_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

const char *
jc_reports_page_get_db_path (JcReportsPage *self)
{
  g_return_val_if_fail (JC_IS_REPORTS_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_reports_page_set_month:
 * @month: "YYYY-MM"
 * Shows the review of that month (Alt+Left and Alt+Right step a month).
 * A computation still running for another month is cancelled.
 */
void
jc_reports_page_set_month (JcReportsPage *self,
                           const char    *month)
{
  g_return_if_fail (JC_IS_REPORTS_PAGE (self));
  g_return_if_fail (month != NULL);

  if (!jc_task_set_date (self->month, sizeof self->month, month, jc_report_month_shift,
                         G_STRFUNC, "a month (YYYY-MM)"))
    return;
  self->popover_year = atoi (self->month);
  update_month_widgets (self);
  load_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
}

const char *
jc_reports_page_get_month (JcReportsPage *self)
{
  g_return_val_if_fail (JC_IS_REPORTS_PAGE (self), NULL);

  return self->month;
}

/**
 * jc_reports_page_reload:
 * Computes the review again (a worker thread).
 */
void
jc_reports_page_reload (JcReportsPage *self)
{
  g_return_if_fail (JC_IS_REPORTS_PAGE (self));

  load_report (self);
}

/* ---- for the tests ------------------------------------------------------------------------ */

gboolean
_jc_reports_page_is_busy (JcReportsPage *self)
{
  return self->loading || self->working > 0;
}

const JcReport *
_jc_reports_page_get_report (JcReportsPage *self)
{
  return current_report (self);
}

const char *
_jc_reports_page_get_state (JcReportsPage *self)
{
  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkLabel *
_jc_reports_page_get_figure (JcReportsPage   *self,
                             JcReportsFigure  figure,
                             gboolean         note)
{
  g_return_val_if_fail (figure < JC_REPORTS_N_FIGURES, NULL);

  return note ? self->figure_note[figure] : self->figure_value[figure];
}

GtkLabel *
_jc_reports_page_get_label (JcReportsPage *self,
                            const char    *name)
{
  struct { const char *name; GtkLabel *label; } labels[] = {
    { "title", self->title_label },
    { "claim", self->claim_label },
    { "decomposition", self->decomposition_label },
    { "status", self->status_label },
    { "movers-title", self->movers_title },
    { "movers-empty", self->movers_empty },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return labels[i].label;
  g_return_val_if_reached (NULL);
}

const char *
_jc_reports_page_get_empty_title (JcReportsPage *self)
{
  return adw_status_page_get_title (self->empty_page);
}

GtkMenuButton *
_jc_reports_page_get_month_button (JcReportsPage *self)
{
  return self->month_button;
}

GtkWidget *
_jc_reports_page_get_chart (JcReportsPage  *self,
                            JcReportsChart  chart)
{
  g_return_val_if_fail (chart < JC_REPORTS_N_CHARTS, NULL);

  return self->chart[chart];
}

gboolean
_jc_reports_page_choose_canteen (JcReportsPage *self,
                                 const char    *code)
{
  if (code == NULL)
    {
      gtk_drop_down_set_selected (self->canteen_dropdown, 0);
      return TRUE;
    }
  for (guint i = 0; i < self->canteen_codes->len; i++)
    if (g_str_equal (self->canteen_codes->pdata[i], code))
      {
        gtk_drop_down_set_selected (self->canteen_dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}

const char *
_jc_reports_page_get_canteen (JcReportsPage *self)
{
  return self->canteen;
}

void
_jc_reports_page_choose_base (JcReportsPage  *self,
                              JcReportPeriod  base)
{
  gtk_drop_down_set_selected (self->base_dropdown, base == JC_REPORT_MOM_BASE ? 1 : 0);
}

guint
_jc_reports_page_get_n_movers (JcReportsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->movers));
}

char *
_jc_reports_page_dup_mover_cell (JcReportsPage         *self,
                                 guint                  position,
                                 JcReportsMoverColumn   column,
                                 const char           **out_css)
{
  g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autofree char *tooltip = NULL;
  const char *css = NULL;
  char *text;

  if (item == NULL)
    return NULL;
  text = format_mover_cell (row_of (item), column, &tooltip, &css);
  if (out_css != NULL)
    *out_css = css;
  return text;
}

gboolean
_jc_reports_page_activate_item (JcReportsPage *self,
                                const char    *item_code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      if (g_str_equal (mover_of (row_of (item))->row->item_code, item_code))
        {
          g_signal_emit_by_name (self->movers_view, "activate", i);
          return TRUE;
        }
    }
  return FALSE;
}

void
_jc_reports_page_sort_movers (JcReportsPage        *self,
                              JcReportsMoverColumn  column,
                              gboolean              ascending)
{
  GListModel *columns = gtk_column_view_get_columns (self->movers_view);
  g_autoptr(GtkColumnViewColumn) col = NULL;

  if (column < JC_REPORTS_N_MOVER_COLUMNS)
    col = g_list_model_get_item (columns, column);
  gtk_column_view_sort_by_column (self->movers_view, col,
                                  ascending ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
}

GtkWindow *
_jc_reports_page_get_item_dialog (JcReportsPage *self)
{
  return self->item_dialog;
}

GArray *
_jc_reports_item_dialog_get_months (GtkWindow *dialog)
{
  ItemDialog *d = g_object_get_data (G_OBJECT (dialog), "jc-item");

  return d != NULL ? d->months : NULL;
}

void
_jc_reports_page_export_to (JcReportsPage      *self,
                            JcReportExportKind  kind,
                            const char         *path)
{
  start_export (self, kind, path);
}

void
_jc_reports_page_print_to_file (JcReportsPage *self,
                                const char    *path)
{
  g_free (self->print_export);
  self->print_export = g_strdup (path);
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.print", NULL);
}
