/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-reports-page.c: the monthly cost review on screen — the page's
 * construction and properties, the month and canteen it shows, and loading
 * them (on jc-report-tasks.c's workers).  What it shows is drawn by
 * jc-reports-page-view.c, an item's months by jc-reports-item-dialog.c, its
 * documents and print job by jc-reports-page-actions.c; the struct they
 * share is in jc-reports-page-private.h.  It must not read the database
 * itself nor run a thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-reports-page"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jc-chart.h"
#include "jc-date.h"
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

/* "October 2026" */
char *
_jc_reports_format_month (const char *month)
{
  int year, mon;

  if (!jc_month_parse (month, &year, &mon))
    return g_strdup (month ? month : "");
  /* TRANSLATORS: a month and its year: "October 2026"; reorder with %2$d
   * and %1$s, e.g. "%2$d年%1$s" */
  return g_strdup_printf (C_("month and year", "%1$s %2$d"),
                          g_dpgettext2 (NULL, "month", month_names[mon - 1]), year);
}

/* The month before today's (jc-date's today: $JICAI_TODAY moves it). */
static void
default_month (char out[JC_MONTH_LEN])
{
  char today[JC_DATE_LEN], month[JC_MONTH_LEN];

  jc_date_today_string (today);
  if (!jc_date_get_month (today, month) || !jc_month_shift (month, -1, out))
    g_strlcpy (out, "2026-01", JC_MONTH_LEN);
}

gboolean
_jc_reports_chinese_ui (void)
{
  const char *const *names = g_get_language_names ();

  return names[0] != NULL && g_str_has_prefix (names[0], "zh");
}

/* ---- the page ------------------------------------------------------------- */



G_DEFINE_FINAL_TYPE (JcReportsPage, jc_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_MONTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_report    (JcReportsPage *self);

const JcReport *
_jc_reports_page_current_report (JcReportsPage *self)
{
  return self->data != NULL ? self->data->report : NULL;
}

static gboolean
has_data (JcReportsPage *self)
{
  const JcReport *r = _jc_reports_page_current_report (self);

  return r != NULL && r->n_days > 0;
}

/* ---- the month ----------------------------------------------------------------------- */

static void
update_month_widgets (JcReportsPage *self)
{
  g_autofree char *label = _jc_reports_format_month (self->month);
  g_autofree char *year = NULL;
  int y, m;

  gtk_menu_button_set_label (self->month_button, label);
  if (!jc_month_parse (self->month, &y, &m))
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
  char month[JC_MONTH_LEN];

  jc_month_format (self->popover_year, m, month);
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

  if (jc_month_parse (self->month, &y, &m))
    self->popover_year = y;
  update_month_widgets (self);
}

static void
shift_month (JcReportsPage *self,
             int            months)
{
  char month[JC_MONTH_LEN];

  if (jc_month_shift (self->month, months, month))
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

void
_jc_reports_page_update_actions (JcReportsPage *self)
{
  gboolean idle = self->store != NULL && !self->loading;
  gboolean busy = self->loading || self->working > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.reload", self->store != NULL);
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
  const JcReport *r = _jc_reports_page_current_report (self);
  g_autofree char *month = _jc_reports_format_month (self->month);
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
  _jc_reports_page_fill_movers (self);
  if (old != NULL)
    jc_report_data_unref (old);
  _jc_reports_page_update_figures (self);
  _jc_reports_page_update_texts (self);
  _jc_reports_page_update_charts (self);
  if (data != NULL)
    {
      if (has_data (self))
        gtk_stack_set_visible_child_name (self->content_stack, "report");
      else
        {
          g_autofree char *month = _jc_reports_format_month (self->month);
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
  _jc_reports_page_update_actions (self);
}

static void
load_report (JcReportsPage *self)
{
  /* a month picked while another is computed: the other is dropped */
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->store == NULL)
    {
      self->loading = FALSE;
      show_data (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-database");
      update_status (self);
      _jc_reports_page_update_actions (self);
      return;
    }
  self->loading = TRUE;
  if (self->data == NULL || !g_str_equal (self->data->report->month, self->month) ||
      g_strcmp0 (self->data->report->canteen, self->canteen) != 0)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  self->load_cancellable = g_cancellable_new ();
  update_status (self);
  _jc_reports_page_update_actions (self);
  jc_report_task_load (self->store, self->month, self->canteen, self->load_cancellable,
                       on_report_loaded, g_object_ref (self));
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
   * The file of the page's store (jc_reports_page_set_store()); every
   * worker of the page opens its own store on it.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_movers_activate_cb",
                                                G_CALLBACK (_jc_reports_page_on_movers_activate_cb));

  gtk_widget_class_install_action (widget_class, "reports.previous-month", NULL,
                                   previous_month_activated);
  gtk_widget_class_install_action (widget_class, "reports.next-month", NULL,
                                   next_month_activated);
  gtk_widget_class_install_action (widget_class, "reports.reload", NULL, reload_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "reports.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "reports.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reports.reload", NULL);
  _jc_reports_page_class_actions_init (widget_class);
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
    _jc_reports_page_add_figure (self, (JcReportsFigure) i, figures[i]);
  _jc_reports_page_add_chart (self, JC_REPORTS_CHART_TREND, 0, 0, 1, 250);
  _jc_reports_page_add_chart (self, JC_REPORTS_CHART_INDEX, 1, 0, 1, 250);
  _jc_reports_page_add_chart (self, JC_REPORTS_CHART_WATERFALL, 0, 1, 1, 250);
  _jc_reports_page_add_chart (self, JC_REPORTS_CHART_CANTEENS, 1, 1, 1, 120);
  _jc_reports_page_add_chart (self, JC_REPORTS_CHART_CATEGORIES, 0, 2, 2, 120);
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
                           G_CALLBACK (_jc_reports_page_on_base_changed_cb), self, G_CONNECT_SWAPPED);

  self->movers = g_list_store_new (JC_TYPE_ORDER_ROW);
  sorter = gtk_column_view_get_sorter (self->movers_view);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->movers)),
                                          g_object_ref (sorter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->movers_view, GTK_SELECTION_MODEL (self->selection));
  _jc_reports_page_add_mover_columns (self);
  _jc_reports_page_update_mover_titles (self);

  update_month_widgets (self);
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  _jc_reports_page_update_actions (self);
}

/**
 * jc_reports_page_new:
 * @store: (nullable) (transfer none): the database
 * Returns: (transfer floating): a new Reports page showing the month
 * before today's.
 */
GtkWidget *
jc_reports_page_new (JcStore *store)
{
  JcReportsPage *self = g_object_new (JC_TYPE_REPORTS_PAGE, NULL);

  jc_reports_page_set_store (self, store);
  return GTK_WIDGET (self);
}

/**
 * jc_reports_page_set_store:
 * @store: (nullable) (transfer none): the database, NULL for none; it must
 *   stay open until another is set
 * Another file shows its review afresh; the same file reads nothing.
 */
void
jc_reports_page_set_store (JcReportsPage *self,
                           JcStore       *store)
{
  g_return_if_fail (JC_IS_REPORTS_PAGE (self));

  self->store = store;
  if (!jc_task_set_db_path (&self->db_path, store != NULL ? jc_store_get_path (store) : NULL))
    return;
  /* Work under way belongs to the other database. */
  jc_task_restart_cancellable (&self->cancellable);
  self->working = 0;
  g_clear_pointer (&self->canteen, g_free);
  show_data (self, NULL);
  load_report (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

JcStore *
jc_reports_page_get_store (JcReportsPage *self)
{
  g_return_val_if_fail (JC_IS_REPORTS_PAGE (self), NULL);

  return self->store;
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

  if (!jc_task_set_date (self->month, sizeof self->month, month, jc_month_shift,
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
  return _jc_reports_page_current_report (self);
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
  text = _jc_reports_format_mover_cell (_jc_reports_row_of (item), column, &tooltip, &css);
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

      if (g_str_equal (_jc_reports_mover_of (_jc_reports_row_of (item))->row->item_code, item_code))
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

void
_jc_reports_page_export_to (JcReportsPage      *self,
                            JcReportExportKind  kind,
                            const char         *path)
{
  _jc_reports_page_start_export (self, kind, path);
}

void
_jc_reports_page_print_to_file (JcReportsPage *self,
                                const char    *path)
{
  g_free (self->print_export);
  self->print_export = g_strdup (path);
  gtk_widget_activate_action (GTK_WIDGET (self), "reports.print", NULL);
}
