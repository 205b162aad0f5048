/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-item-dialog.c: one item's last 13 months (its unit cost
 * against the market's, its spend), opened from a row of the movers table.
 * The months are read by jc-report-tasks.c; nothing here reads the
 * database or runs a thread. */
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
      g_autofree char *unit = m->has_unit_cost ? _jc_reports_format_unit_cost (m->unit_cost_milliyuan)
                                               : g_strdup ("—");
      g_autofree char *market = m->has_market ? _jc_reports_format_unit_cost (m->market_milliyuan)
                                              : g_strdup ("—");
      g_autofree char *month = _jc_reports_format_month (m->month);
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
  g_autofree char *month = _jc_reports_format_month (self->month);
  ItemDialog *d;

  if (self->store == NULL)
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
                                                 _jc_reports_canteen_name (self->data, self->canteen) != NULL
                                                   ? _jc_reports_canteen_name (self->data, self->canteen)
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

  jc_report_task_history (self->store, self->month, self->canteen, item->item_code,
                          self->item_cancellable, on_history_done, g_object_ref (self));
}

void
_jc_reports_page_on_movers_activate_cb (JcReportsPage *self,
                       guint          position)
{
  g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    open_item (self, _jc_reports_mover_of (_jc_reports_row_of (item))->row);
}

/* ---- for the tests ---------------------------------------------------------- */

GArray *
_jc_reports_item_dialog_get_months (GtkWindow *dialog)
{
  ItemDialog *d = g_object_get_data (G_OBJECT (dialog), "jc-item");

  return d != NULL ? d->months : NULL;
}
