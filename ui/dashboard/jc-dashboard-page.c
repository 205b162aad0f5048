/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-dashboard-page.c: today's state at a glance.  The page only shows:
 * the figures are core/jc-dashboard.c's, read on a worker thread by
 * jc-dashboard-tasks.c; here they become tiles of labels.  No store call,
 * no computation of a figure here. */
#include "config.h"

#define G_LOG_DOMAIN "jc-dashboard-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-dashboard-page-private.h"
#include "jc-dashboard-tasks.h"
#include "jc-date.h"
#include "jc-order-format.h"
#include "jc-task.h"

/* ---- the page ------------------------------------------------------------ */

struct _JcDashboardPage {
  AdwBin         parent_instance;

  JcStore       *store;        /* borrowed: the window's; read only when set */
  char          *db_path;      /* its file, copied when it was set */
  char           date[11];
  GCancellable  *cancellable;
  gboolean       loading;
  GHashTable    *labels;       /* name → GtkLabel (borrowed: in the tiles) */
  GHashTable    *tiles;        /* section → GtkButton */

  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  GtkLabel      *heading_label;
  GtkFlowBox    *flow;
};

G_DEFINE_FINAL_TYPE (JcDashboardPage, jc_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

enum {
  OPEN_SECTION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkLabel *
add_label (JcDashboardPage *self,
           GtkBox          *box,
           const char      *name,
           const char      *css_class,
           const char      *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Bounds the natural width, so three tiles fit a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (css_class != NULL)
    {
      g_auto(GStrv) classes = g_strsplit (css_class, " ", -1);

      for (guint i = 0; classes[i] != NULL; i++)
        gtk_widget_add_css_class (label, classes[i]);
    }
  gtk_box_append (box, label);
  if (name != NULL)
    g_hash_table_replace (self->labels, g_strdup (name), label);
  return GTK_LABEL (label);
}

static GtkBox *
add_tile (JcDashboardPage *self,
          const char      *section,
          const char      *icon,
          const char      *title,
          const char      *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (button, "card");
  gtk_widget_set_valign (button, GTK_ALIGN_FILL);
  gtk_widget_set_size_request (button, 280, -1);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.open-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", section);
  gtk_widget_set_name (button, section);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (box, GTK_ALIGN_START);

  gtk_widget_add_css_class (image, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (head), image);
  gtk_box_append (GTK_BOX (head), label);
  gtk_box_append (GTK_BOX (box), head);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_flow_box_append (self->flow, button);
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  g_hash_table_replace (self->tiles, g_strdup (section), button);
  return GTK_BOX (box);
}

static void
clear_tiles (JcDashboardPage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->labels);
  g_hash_table_remove_all (self->tiles);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
}

static char *
format_percent (gint64 permille)
{
  gint64 a = ABS (permille);

  /* TRANSLATORS: a price change, "+12.5%" */
  return g_strdup_printf (C_("change", "%s%lld.%lld%%"),
                          permille > 0 ? "+" : permille < 0 ? "−" : "", (long long) (a / 10),
                          (long long) (a % 10));
}

static void
fill_orders (JcDashboardPage *self,
             const JcDashboard *d)
{
  GtkBox *box = add_tile (self, "orders", "document-edit-symbolic",
                          _("Orders for Tomorrow"), _("Open the orders of tomorrow"));
  g_autofree char *date = g_strdup_printf (_("Delivery date %s"), d->tomorrow);
  g_autofree char *count = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *left = NULL;

  add_label (self, box, "orders-date", "dim-label caption", date);
  if (d->orders_error != NULL)
    {
      add_label (self, box, "orders-error", "error", d->orders_error);
      return;
    }
  if (d->n_canteens == 0)
    {
      add_label (self, box, "orders-empty", "dim-label", _("No canteens yet — add canteens to take orders."));
      return;
    }
  count = g_strdup_printf (ngettext ("%u of %u canteen submitted", "%u of %u canteens submitted", d->n_canteens),
                           d->n_submitted, d->n_canteens);
  add_label (self, box, "orders-count", "title-3", count);
  {
    g_autofree char *drafts = g_strdup_printf (ngettext ("%u draft", "%u drafts", d->n_draft),
                                               d->n_draft);

    /* TRANSLATORS: "3 drafts · 2 not started" */
    detail = g_strdup_printf (_("%s · %u not started"), drafts, d->n_not_started);
  }
  add_label (self, box, "orders-detail", NULL, detail);
  left = d->cutoff != NULL ? jc_order_format_cutoff (d->cutoff, NULL, NULL) : g_strdup (_("No cutoff set"));
  add_label (self, box, "orders-cutoff", d->past_cutoff ? "warning" : "dim-label", left);
  if (d->n_late_out > 0)
    {
      g_autofree char *late = g_strdup_printf (ngettext ("%u late order is not in the locked plan",
                                                         "%u late orders are not in the locked plan",
                                                         d->n_late_out), d->n_late_out);

      add_label (self, box, "orders-late", "warning", late);
    }
  if (d->waiting->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < d->waiting->len && i < JC_DASHBOARD_N_WAITING_SHOWN; i++)
        {
          const JcDashboardWaiting *w = d->waiting->pdata[i];

          if (i > 0)
            g_string_append (names, _(", "));
          g_string_append (names, w->canteen_name);
        }
      if (d->waiting->len > JC_DASHBOARD_N_WAITING_SHOWN)
        g_string_append_printf (names, ngettext (" and %u more", " and %u more",
                                                 d->waiting->len - JC_DASHBOARD_N_WAITING_SHOWN),
                                d->waiting->len - JC_DASHBOARD_N_WAITING_SHOWN);
      text = g_strdup_printf (_("Waiting for: %s"), names->str);
      add_label (self, box, "orders-waiting", NULL, text);
    }
  else
    add_label (self, box, "orders-waiting", "success", _("Every canteen has submitted."));
}

static const char *
fetch_status_display (const char *status)
{
  if (g_strcmp0 (status, "ok") == 0)
    return C_("fetch status", "Succeeded");
  if (g_strcmp0 (status, "failed") == 0)
    return C_("fetch status", "Failed");
  if (g_strcmp0 (status, "cancelled") == 0)
    return C_("fetch status", "Cancelled");
  return status;
}

static void
fill_fetch (JcDashboardPage *self,
            const JcDashboard *d)
{
  GtkBox *box = add_tile (self, "prices", "emblem-synchronizing-symbolic",
                          _("Latest Price Fetch"), _("Open the prices"));
  const JcFetchLogEntry *f = d->fetch;
  g_autofree char *when = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *unmapped = NULL;
  g_autofree char *head = NULL;
  gboolean ok;

  if (d->fetch_error != NULL)
    {
      add_label (self, box, "fetch-error", "error", d->fetch_error);
      return;
    }
  if (f == NULL)
    {
      add_label (self, box, "fetch-empty", "dim-label", _("No price fetch yet — add a source and fetch the prices."));
      return;
    }
  ok = g_strcmp0 (f->status, "ok") == 0;
  add_label (self, box, "fetch-status", ok ? "title-3 success" : "title-3 error",
             fetch_status_display (f->status));
  when = jc_order_format_timestamp (f->finished_at && *f->finished_at ? f->finished_at : f->started_at, FALSE);
  /* TRANSLATORS: source name, then when */
  head = g_strdup_printf (_("%s · %s"), f->source_name ? f->source_name : "", when ? when : "");
  add_label (self, box, "fetch-source", "dim-label", head);
  counts = g_strdup_printf (_("%u new · %u changed · %u rejected · %u unmapped"),
                            f->rows_new, f->rows_changed, f->rows_rejected, f->rows_unmapped);
  add_label (self, box, "fetch-counts", NULL, counts);
  /* a failure's reason, or where the prices came from (the demo's) */
  if (f->message != NULL && *f->message != '\0')
    add_label (self, box, "fetch-message", ok ? "dim-label caption" : "error", f->message);
  unmapped = g_strdup_printf (ngettext ("%u market name to map", "%u market names to map", d->n_unmapped),
                              d->n_unmapped);
  add_label (self, box, "fetch-unmapped", d->n_unmapped > 0 ? "warning" : "dim-label", unmapped);
}

static void
add_movers (JcDashboardPage *self,
            GtkBox          *box,
            GPtrArray       *movers,
            const char      *prefix,
            const char      *css_class)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  for (guint i = 0; i < movers->len; i++)
    {
      const JcDashboardMover *m = movers->pdata[i];
      g_autofree char *pct = format_percent (m->change_permille);
      g_autofree char *key = g_strdup_printf ("%s-name-%u", prefix, i);
      g_autofree char *pkey = g_strdup_printf ("%s-pct-%u", prefix, i);
      GtkWidget *name = gtk_label_new (m->item_name);
      GtkWidget *value = gtk_label_new (pct);

      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_widget_set_tooltip_text (name, m->item_name);
      gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (value, css_class);
      gtk_grid_attach (GTK_GRID (grid), name, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, (int) i, 1, 1);
      g_hash_table_replace (self->labels, g_steal_pointer (&key), name);
      g_hash_table_replace (self->labels, g_steal_pointer (&pkey), value);
    }
  gtk_box_append (box, grid);
}

static void
fill_market (JcDashboardPage *self,
             const JcDashboard *d)
{
  /* Both price tiles open the prices: the first one (the fetch's) stays
   * the one looked up, under its own key. */
  gpointer first_key = NULL;
  gpointer first_tile = NULL;
  gboolean had_first = g_hash_table_steal_extended (self->tiles, "prices", &first_key, &first_tile);
  GtkBox *box = add_tile (self, "prices", "view-sort-descending-symbolic",
                          _("Today’s Biggest Market Moves"), _("Open the prices"));
  g_autofree char *sub = g_strdup_printf (_("Average price against the day before, %s"), d->today);

  if (had_first)
    g_hash_table_replace (self->tiles, first_key, first_tile);
  add_label (self, box, "market-date", "dim-label caption", sub);
  if (d->market_error != NULL)
    {
      add_label (self, box, "market-error", "error", d->market_error);
      return;
    }
  if (d->up->len == 0 && d->down->len == 0)
    {
      add_label (self, box, "market-empty", "dim-label", _("No price changes today."));
      return;
    }
  add_label (self, box, NULL, "caption-heading", _("Up"));
  if (d->up->len > 0)
    add_movers (self, box, d->up, "up", "error");
  else
    add_label (self, box, NULL, "dim-label", _("Nothing went up."));
  add_label (self, box, NULL, "caption-heading", _("Down"));
  if (d->down->len > 0)
    add_movers (self, box, d->down, "down", "success");
  else
    add_label (self, box, NULL, "dim-label", _("Nothing went down."));
}

static void
fill_plan (JcDashboardPage *self,
           const JcDashboard *d)
{
  GtkBox *box = add_tile (self, "plan", "view-list-symbolic",
                          _("Purchase Plan"), _("Open the purchase plan"));
  g_autofree char *date = g_strdup_printf (_("Delivery date %s"), d->tomorrow);
  g_autofree char *total = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *no_price = NULL;

  add_label (self, box, "plan-date", "dim-label caption", date);
  if (d->plan_error != NULL)
    {
      add_label (self, box, "plan-error", "error", d->plan_error);
      return;
    }
  if (d->plan_n_lines == 0)
    {
      add_label (self, box, "plan-empty", "dim-label", _("Nothing to buy yet — no orders for this date."));
      return;
    }
  add_label (self, box, "plan-status", d->plan_status == JC_PLAN_LOCKED ? "success" : "accent",
             d->plan_status == JC_PLAN_LOCKED ? C_("plan status", "Locked") : C_("plan status", "Open"));
  total = jc_order_format_money (d->plan_total_cost_fen);
  add_label (self, box, "plan-total", "title-3 numeric", total);
  lines = g_strdup_printf (ngettext ("%u line", "%u lines", d->plan_n_lines), d->plan_n_lines);
  add_label (self, box, "plan-lines", NULL, lines);
  if (d->plan_no_price->len > 0)
    {
      no_price = g_strdup_printf (ngettext ("%u item has no price and is not in the total",
                                            "%u items have no price and are not in the total",
                                            d->plan_no_price->len),
                                  d->plan_no_price->len);
      add_label (self, box, "plan-no-price", "warning", no_price);
    }
}

static void
fill_report (JcDashboardPage *self,
             const JcDashboard *d)
{
  GtkBox *box = add_tile (self, "reports", "x-office-spreadsheet-symbolic",
                          _("Spend This Month"), _("Open the monthly cost review"));
  g_autofree char *sub = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *days = NULL;
  g_autofree char *base = NULL;
  g_autofree char *cmp = NULL;

  if (d->month_error != NULL)
    {
      add_label (self, box, "month-error", "error", d->month_error);
      return;
    }
  sub = g_strdup_printf (_("Locked delivery days %s to %s"), d->month_from, d->month_to);
  add_label (self, box, "month-period", "dim-label caption", sub);
  if (d->month_days == 0)
    {
      add_label (self, box, "month-empty", "dim-label", _("No locked plan this month yet."));
      return;
    }
  spend = jc_order_format_money (d->month_fen);
  add_label (self, box, "month-spend", "title-3 numeric", spend);
  days = g_strdup_printf (ngettext ("%u delivery day", "%u delivery days", d->month_days),
                          d->month_days);
  add_label (self, box, "month-days", NULL, days);
  if (d->has_yoy)
    {
      /* per mille, shown with one decimal as a percent */
      gint64 permille = d->yoy_permille;
      g_autofree char *change = NULL;

      base = jc_order_format_money (d->ly_fen);
      change = g_strdup_printf (C_("change", "%s%lld.%lld%%"), permille < 0 ? "−" : "+",
                                (long long) (ABS (permille) / 10), (long long) (ABS (permille) % 10));
      /* Translators: "Same days last year (2025-11-01 to 2025-11-27): ¥1,234.56, −3.2%" */
      cmp = g_strdup_printf (_("Same days last year (%s to %s): %s, %s"), d->ly_from, d->ly_to,
                             base, change);
      add_label (self, box, "month-yoy", d->yoy_change_fen > 0 ? "warning" : "success", cmp);
    }
  else
    {
      cmp = g_strdup_printf (_("No spend recorded %s to %s (last year)"), d->ly_from, d->ly_to);
      add_label (self, box, "month-yoy", "dim-label", cmp);
    }
}

static void
show (JcDashboardPage *self,
      const JcDashboard *d)
{
  g_autofree char *heading = g_strdup_printf (_("Today, %s"), d->today);

  clear_tiles (self);
  gtk_label_set_text (self->heading_label, heading);
  fill_orders (self, d);
  fill_fetch (self, d);
  fill_market (self, d);
  fill_plan (self, d);
  fill_report (self, d);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(JcDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcDashboard *d = jc_dashboard_task_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&d, jc_dashboard_free);
      return;
    }
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show (self, d);
  jc_dashboard_free (d);
}

static void
load (JcDashboardPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store == NULL)
    {
      self->loading = FALSE;
      clear_tiles (self);
      gtk_stack_set_visible_child_name (self->stack, "no-database");
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  /* Keep the tiles on show while a reload reads; a first load spins. */
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "dashboard"))
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  /* The worker has its own connection to the store's database. */
  jc_dashboard_task_load (self->store, self->date, self->cancellable, load_cb,
                          g_object_ref (self));
}

static void
open_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_SECTION], 0, g_variant_get_string (parameter, NULL));
}

static void
jc_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JcDashboardPage *self = JC_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JcDashboardPage *self = JC_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      if (g_value_get_string (value) != NULL)
        jc_dashboard_page_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_dashboard_page_dispose (GObject *object)
{
  JcDashboardPage *self = JC_DASHBOARD_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->labels != NULL)
    g_hash_table_remove_all (self->labels);
  if (self->tiles != NULL)
    g_hash_table_remove_all (self->tiles);
  /* The stack is both a template child and the bin's child: unparent it
   * once, here, or AdwBin would unparent it again after the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_DASHBOARD_PAGE);
  G_OBJECT_CLASS (jc_dashboard_page_parent_class)->dispose (object);
}

static void
jc_dashboard_page_finalize (GObject *object)
{
  JcDashboardPage *self = JC_DASHBOARD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_free (self->db_path);
  G_OBJECT_CLASS (jc_dashboard_page_parent_class)->finalize (object);
}

static void
jc_dashboard_page_class_init (JcDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_dashboard_page_get_property;
  object_class->set_property = jc_dashboard_page_set_property;
  object_class->dispose = jc_dashboard_page_dispose;
  object_class->finalize = jc_dashboard_page_finalize;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JcDashboardPage::open-section:
   * @section: "orders", "prices", "plan" or "reports"
   * A tile was pressed: the window shows that section.
   */
  signals[OPEN_SECTION] =
    g_signal_new ("open-section", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "dashboard.open-section", "s", open_section_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/jicai/Jicai/ui/jc-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JcDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcDashboardPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcDashboardPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, JcDashboardPage, flow);
}

static void
jc_dashboard_page_init (JcDashboardPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_strlcpy (self->date, date, sizeof self->date);
  gtk_stack_set_visible_child_name (self->stack, "no-database");
}

/**
 * jc_dashboard_page_new:
 * @store: (nullable) (transfer none): the store to show
 * Returns: (transfer floating): a new dashboard of today (the local clock).
 */
GtkWidget *
jc_dashboard_page_new (JcStore *store)
{
  JcDashboardPage *self = g_object_new (JC_TYPE_DASHBOARD_PAGE, NULL);

  jc_dashboard_page_set_store (self, store);
  return GTK_WIDGET (self);
}

/**
 * jc_dashboard_page_set_store:
 * @store: (nullable) (transfer none): the store to show, NULL for none
 *
 * The page borrows @store: the caller keeps it open until it sets another
 * one or NULL.  The page reads on a worker thread with a connection of its
 * own on the same file; a new store is read at once.
 */
void
jc_dashboard_page_set_store (JcDashboardPage *self,
                             JcStore         *store)
{
  g_return_if_fail (JC_IS_DASHBOARD_PAGE (self));

  /* A store freed and another opened may share an address: the file tells. */
  if (self->store == store &&
      (store == NULL || g_strcmp0 (jc_store_get_path (store), self->db_path) == 0))
    return;
  self->store = store;
  /* Copied now: the window may free a store before it sets the next one. */
  g_clear_pointer (&self->db_path, g_free);
  if (store != NULL)
    self->db_path = g_strdup (jc_store_get_path (store));
  load (self);
}

JcStore *
jc_dashboard_page_get_store (JcDashboardPage *self)
{
  g_return_val_if_fail (JC_IS_DASHBOARD_PAGE (self), NULL);

  return self->store;
}

/* Returns: (nullable): the file of the store shown, as it was when set. */
const char *
jc_dashboard_page_get_db_path (JcDashboardPage *self)
{
  g_return_val_if_fail (JC_IS_DASHBOARD_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_dashboard_page_set_date:
 * @date: today, "YYYY-MM-DD"; tomorrow is the delivery date shown
 */
void
jc_dashboard_page_set_date (JcDashboardPage *self,
                            const char      *date)
{
  g_return_if_fail (JC_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (date != NULL);

  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_date_shift, G_STRFUNC,
                         "a date (YYYY-MM-DD)"))
    return;
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
jc_dashboard_page_get_date (JcDashboardPage *self)
{
  g_return_val_if_fail (JC_IS_DASHBOARD_PAGE (self), NULL);

  return self->date;
}

/**
 * jc_dashboard_page_reload:
 * Reads every tile again (a worker thread).
 */
void
jc_dashboard_page_reload (JcDashboardPage *self)
{
  g_return_if_fail (JC_IS_DASHBOARD_PAGE (self));

  load (self);
}

gboolean
_jc_dashboard_page_is_loading (JcDashboardPage *self)
{
  return self->loading;
}

const char *
_jc_dashboard_page_get_state (JcDashboardPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

GtkButton *
_jc_dashboard_page_get_tile (JcDashboardPage *self,
                             const char      *section)
{
  return g_hash_table_lookup (self->tiles, section);
}

GtkLabel *
_jc_dashboard_page_get_label (JcDashboardPage *self,
                              const char      *name)
{
  return g_hash_table_lookup (self->labels, name);
}
