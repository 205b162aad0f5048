/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page.c: the purchase plan of a delivery date, its actuals and its
 * documents — the page itself: construction, properties, the date, the
 * status and key figures, the warnings, the drill-down and the loading.
 * The table's rows and columns are in jc-plan-page-table.c, recording what
 * was bought in jc-plan-page-actuals.c, the actions in
 * jc-plan-page-actions.c; they share the struct in jc-plan-page-private.h.
 * No database call here: the workers of jc-plan-tasks.c do them. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-date.h"
#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-order-row.h"
#include "jc-plan-page-private.h"
#include "jc-plan-tasks.h"
#include "jc-prices.h"
#include "jc-statements-dialog.h"
#include "jc-task.h"
#include "jc-ui-util.h"
#include "jc-plan-doc.h"

G_DEFINE_FINAL_TYPE (JcPlanPage, jc_plan_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the date ------------------------------------------------------------- */

static void show_date (JcPlanPage *self,
                       const char *date);

/* What was typed for the day left is saved, for that day; a wrong value
 * is let go with its error. */
static void
leave_day (JcPlanPage *self)
{
  if (self->form_dirty && !_jc_plan_page_leave_form (self))
    jc_ui_toast (GTK_WIDGET (self), gtk_label_get_text (self->actual_error));
}

/* Before the person changes the day in the date bar. */
static gboolean
date_bar_leave_cb (JcDateBar  *bar,
                   const char *new_date,
                   gpointer    user_data)
{
  JcPlanPage *self = user_data;

  if (!g_str_equal (new_date, self->date))
    leave_day (self);
  return TRUE;
}

/* The person changed the day in the date bar. */
static void
on_date_bar_date_cb (JcPlanPage *self)
{
  show_date (self, jc_date_bar_get_date (self->date_bar));
}

/* ---- the figures, the warnings, the drill-down ------------------------------ */

static void
update_status (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (plan == NULL)
    text = g_strdup ("");
  else if (plan->status == JC_PLAN_LOCKED)
    {
      g_autofree char *at = jc_order_format_timestamp (plan->locked_at, FALSE);

      /* TRANSLATORS: the plan's status: "Locked by wang at 2026-11-30 16:05" */
      text = g_strdup_printf (_("Locked by %s at %s"), plan->locked_by ? plan->locked_by : "",
                              at);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
  else
    text = g_strdup (_("Open: computed from the submitted orders"));
  gtk_label_set_text (self->status_label, text);
}

/* The canteens that ordered something: those with a share of a line.  The
 * locked snapshot does not keep plan->n_canteens, the shares it keeps. */
static guint
count_canteens (const JcPlan *plan)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      for (guint k = 0; k < l->shares->len; k++)
        {
          JcPlanShare *s = &g_array_index (l->shares, JcPlanShare, k);

          if (s->qty_milli > 0)
            g_hash_table_add (seen, s->canteen_code);
        }
    }
  return MAX (plan->n_canteens, g_hash_table_size (seen));
}

static void
update_figures (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  g_autofree char *lines = NULL, *canteens = NULL, *planned = NULL, *actual = NULL;
  g_autofree char *difference = NULL;
  gint64 actual_fen = 0, planned_of_actual = 0;
  guint n_canteens;

  gtk_widget_set_visible (GTK_WIDGET (self->figures_box), plan != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->difference_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->difference_label), "success");
  if (plan == NULL)
    return;
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      if (!l->has_actual)
        continue;
      jc_checked_add (actual_fen, l->actual_cost_fen, &actual_fen, NULL);
      jc_checked_add (planned_of_actual, l->cost_fen, &planned_of_actual, NULL);
    }
  lines = g_strdup_printf (ngettext ("%u line", "%u lines", plan->lines->len), plan->lines->len);
  n_canteens = count_canteens (plan);
  canteens = g_strdup_printf (ngettext ("%u canteen", "%u canteens", n_canteens), n_canteens);
  {
    g_autofree char *money = jc_order_format_money (plan->total_cost_fen);

    /* TRANSLATORS: key figure: the plan's total at the reference prices */
    planned = g_strdup_printf (_("Planned %s"), money);
  }
  if (plan->n_actual > 0)
    {
      g_autofree char *money = jc_order_format_money (actual_fen);
      g_autofree char *diff = _jc_plan_page_format_signed_money (actual_fen - planned_of_actual);

      /* TRANSLATORS: key figure: "Actual ¥27.97 (1 of 3 lines)" */
      actual = g_strdup_printf (ngettext ("Actual %s (%u of %u line)",
                                          "Actual %s (%u of %u lines)", plan->lines->len),
                                money, plan->n_actual, plan->lines->len);
      /* TRANSLATORS: key figure: actual against planned cost of the recorded lines */
      difference = g_strdup_printf (_("Difference %s"), diff);
      gtk_widget_add_css_class (GTK_WIDGET (self->difference_label),
                                actual_fen > planned_of_actual ? "error" : "success");
    }
  else
    {
      actual = g_strdup (_("Actual: nothing recorded"));
      difference = g_strdup ("");
    }
  gtk_label_set_text (self->lines_label, lines);
  gtk_label_set_text (self->canteens_label, canteens);
  gtk_label_set_text (self->planned_label, planned);
  gtk_label_set_text (self->actual_label, actual);
  gtk_label_set_text (self->difference_label, difference);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->difference_label),
                               _("Actual against planned cost of the lines with a recorded purchase"));
}

static void
update_warnings (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  g_autoptr(GString) text = g_string_new (NULL);

  if (plan != NULL && plan->no_price->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < plan->no_price->len; i++)
        {
          const char *code = plan->no_price->pdata[i];
          const JcPlanLine *l = jc_plan_find_line ((JcPlan *) plan, code);

          if (names->len > 0)
            /* TRANSLATORS: the separator between items in a list */
            g_string_append (names, C_("list separator", ", "));
          g_string_append_printf (names, "%s (%s)", l ? l->item_name : code, code);
        }
      g_string_append_printf (text,
                              ngettext ("No reference price for %s: left out of the total.",
                                        "No reference price for %s: left out of the total.",
                                        plan->no_price->len),
                              names->str);
    }
  if (plan != NULL && plan->n_stale > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("%u reference price is older than the last working "
                                        "day before delivery (marked with a warning sign).",
                                        "%u reference prices are older than the last working "
                                        "day before delivery (marked with a warning sign).",
                                        plan->n_stale),
                              plan->n_stale);
    }
  gtk_label_set_text (self->info_label, text->str);
  gtk_info_bar_set_revealed (self->info_bar, text->len > 0);
}

/* `tooltip`: NULL, or the first cell's tooltip (the canteen's code) */
static void
drill_add (JcPlanPage *self,
           int         row,
           const char *a,
           const char *b,
           const char *c,
           const char *tooltip,
           gboolean    dim)
{
  const char *texts[] = { a, b, c };

  for (int i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (texts[i]);

      if (i == 0)
        {
          /* a long canteen name wraps rather than widening the panel */
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
          gtk_widget_set_tooltip_text (label, tooltip);
        }
      gtk_label_set_xalign (GTK_LABEL (label), i == 0 ? 0.0f : 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      if (dim)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->drill_grid, label, i, row, 1, 1);
    }
}

void
_jc_plan_page_update_drill (JcPlanPage *self)
{
  const JcPlanLine *l = _jc_plan_page_selected_line (self);
  GtkWidget *child;
  g_autofree char *title = NULL;
  g_autofree char *total_text = NULL;
  gint64 total = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->drill_grid))) != NULL)
    gtk_grid_remove (self->drill_grid, child);
  if (l == NULL)
    {
      gtk_label_set_text (self->drill_title, _("Select a line to see each canteen’s share"));
      gtk_label_set_text (self->drill_total, "");
      return;
    }
  /* TRANSLATORS: heading of the drill-down: "大白菜 by canteen" */
  title = g_strdup_printf (_("%s by canteen"), l->item_name);
  gtk_label_set_text (self->drill_title, title);
  drill_add (self, 0, C_("drill-down", "Canteen"), C_("drill-down", "Quantity"),
             C_("drill-down", "Share"), NULL, TRUE);
  for (guint i = 0; i < l->shares->len; i++)
    {
      const JcPlanShare *s = &g_array_index (l->shares, JcPlanShare, i);
      g_autofree char *qty = jc_order_format_base_qty (s->qty_milli, l->base_unit);
      g_autofree char *share = jc_order_format_money (s->share_fen);

      jc_checked_add (total, s->share_fen, &total, NULL);
      drill_add (self, (int) i + 1, jc_plan_get_canteen_name (_jc_plan_page_current_plan (self),
                                                              s->canteen_code),
                 qty, share, s->canteen_code, FALSE);
    }
  {
    g_autofree char *money = jc_order_format_money (total);

    if (l->has_actual)
      /* TRANSLATORS: the sum of the shares: the line's actual cost */
      total_text = g_strdup_printf (_("Shares total %s = actual cost"), money);
    else if (l->has_price)
      total_text = g_strdup_printf (_("Shares total %s = planned cost"), money);
    else
      total_text = g_strdup (_("No price: nothing to share yet"));
  }
  gtk_label_set_text (self->drill_total, total_text);
}

void
_jc_plan_page_update_actions (JcPlanPage *self)
{
  const JcPlan *plan = _jc_plan_page_current_plan (self);
  gboolean idle = self->db_path != NULL && !self->loading && !self->working && !self->saving;
  const JcPlanLine *line = _jc_plan_page_selected_line (self);
  /* typing and saving go on while earlier saves run and the plan reloads */
  gboolean can_record = self->db_path != NULL && !self->working && line != NULL;
  gboolean open = plan != NULL && plan->status == JC_PLAN_OPEN;
  gboolean locked = plan != NULL && plan->status == JC_PLAN_LOCKED;
  gboolean lines = plan != NULL && plan->lines->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.reload", self->db_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.lock", idle && open && lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.unlock", idle && locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.supplement", idle && locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.decline", idle && locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.record", can_record && locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.remove-purchase",
                                 idle && locked && line != NULL && line->has_actual);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export-pdf", idle && lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.export-xlsx", idle && lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.print", lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.preview", lines);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.statements", self->db_path != NULL);
  gtk_widget_set_visible (self->lock_button, !locked);
  gtk_widget_set_visible (self->unlock_button, locked);
  _jc_plan_page_set_actual_sensitive (self, can_record && locked);
}

/* ---- loading ---------------------------------------------------------------- */

void
_jc_plan_page_set_busy (JcPlanPage *self)
{
  gboolean busy = self->loading || self->working || self->saving;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  _jc_plan_page_update_actions (self);
}

static void
show_plan (JcPlanPage *self,
           JcPlan     *plan)
{
  PlanRef *old = self->ref;

  /* The rows hold the plan too: the old one goes with its last row. */
  self->ref = plan != NULL ? _jc_plan_ref_new (plan) : NULL;
  if (self->ref != NULL)
    _jc_plan_page_fill_rows (self, self->ref);
  else
    {
      self->rows_filling = TRUE;
      g_list_store_remove_all (self->rows);
      self->rows_filling = FALSE;
    }
  g_clear_pointer (&old, _jc_plan_ref_unref);
  g_clear_pointer (&self->keep_item, g_free);

  update_status (self);
  update_figures (self);
  update_warnings (self);
  _jc_plan_page_update_late (self);
  _jc_plan_page_update_drill (self);
  _jc_plan_page_update_actual_form (self);
  if (plan != NULL)
    gtk_stack_set_visible_child_name (self->content_stack,
                                      plan->lines->len > 0 ? "plan" : "empty");
}

static void
on_plan_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcPlan *plan = jc_plan_task_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);
  if (plan == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      show_plan (self, NULL);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    show_plan (self, plan);
  _jc_plan_page_set_busy (self);
}

static void
on_late_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JcPlanLate *late = jc_plan_task_late_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->late_cancellable);
  g_clear_pointer (&self->late, jc_plan_late_free);
  self->late = late;   /* NULL on an error: the plan's own load reports it */
  _jc_plan_page_update_late (self);
}

void
_jc_plan_page_load_plan (JcPlanPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->db_path == NULL)
    {
      self->loading = FALSE;
      show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-database");
      _jc_plan_page_set_busy (self);
      return;
    }
  if (self->keep_item == NULL && _jc_plan_page_selected_line (self) != NULL)
    {
      self->keep_item = g_strdup (_jc_plan_page_selected_line (self)->item_code);
      self->keep_supplement = _jc_plan_page_selected_line (self)->supplement_id;
    }
  self->loading = TRUE;
  if (self->ref == NULL || !g_str_equal (self->ref->plan->date, self->date))
    {
      show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }
  self->load_cancellable = g_cancellable_new ();
  _jc_plan_page_set_busy (self);
  jc_plan_task_load (self->store, self->date, self->load_cancellable, on_plan_loaded,
                     g_object_ref (self));
  if (self->late_cancellable != NULL)
    g_cancellable_cancel (self->late_cancellable);
  g_clear_object (&self->late_cancellable);
  self->late_cancellable = g_cancellable_new ();
  jc_plan_task_late (self->store, self->date, self->late_cancellable, on_late_loaded,
                     g_object_ref (self));
}

static void
on_threshold_changed_cb (JcPlanPage *self)
{
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);
  _jc_plan_page_refresh_cells (self);
}

/* ---- GObject ---------------------------------------------------------------------- */

/* The window's close waits for the saves of what was typed: see
 * _jc_plan_page_on_root_close_request_cb(). */
static void
jc_plan_page_root (GtkWidget *widget)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (jc_plan_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    self->close_handler =
      g_signal_connect_object (root, "close-request",
                               G_CALLBACK (_jc_plan_page_on_root_close_request_cb), self, 0);
}

static void
jc_plan_page_unroot (GtkWidget *widget)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->close_handler != 0 && root != NULL)
    g_signal_handler_disconnect (root, self->close_handler);
  self->close_handler = 0;
  GTK_WIDGET_CLASS (jc_plan_page_parent_class)->unroot (widget);
}

static void
jc_plan_page_map (GtkWidget *widget)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  GTK_WIDGET_CLASS (jc_plan_page_parent_class)->map (widget);
  /* Orders change on other pages and desks: a fresh plan when shown. */
  if (!self->loading && !self->working && self->db_path != NULL)
    _jc_plan_page_load_plan (self);
}

static void
jc_plan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JcPlanPage *self = JC_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_pointer (value, self->store);
      break;
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
jc_plan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JcPlanPage *self = JC_PLAN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      jc_plan_page_set_store (self, g_value_get_pointer (value));
      break;
    case PROP_DATE:
      if (g_value_get_string (value) != NULL)
        jc_plan_page_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_plan_page_dispose (GObject *object)
{
  JcPlanPage *self = JC_PLAN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->late_cancellable != NULL)
    g_cancellable_cancel (self->late_cancellable);
  g_clear_object (&self->late_cancellable);
  g_clear_pointer (&self->late, jc_plan_late_free);
  if (self->lock_dialog != NULL)
    gtk_window_destroy (self->lock_dialog);
  g_clear_weak_pointer (&self->lock_dialog);
  if (self->preview != NULL)
    gtk_window_destroy (self->preview);
  g_clear_weak_pointer (&self->preview);
  g_clear_weak_pointer (&self->unlock_dialog);
  g_clear_weak_pointer (&self->remove_dialog);
  g_clear_weak_pointer (&self->close_window);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_PLAN_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->ref, _jc_plan_ref_unref);
  G_OBJECT_CLASS (jc_plan_page_parent_class)->dispose (object);
}

static void
jc_plan_page_finalize (GObject *object)
{
  JcPlanPage *self = JC_PLAN_PAGE (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  g_free (self->keep_item);
  g_free (self->form_item);
  g_queue_free_full (self->saves, (GDestroyNotify) _jc_plan_page_pending_save_free);
  G_OBJECT_CLASS (jc_plan_page_parent_class)->finalize (object);
}

static void
jc_plan_page_class_init (JcPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_plan_page_get_property;
  object_class->set_property = jc_plan_page_set_property;
  object_class->dispose = jc_plan_page_dispose;
  object_class->finalize = jc_plan_page_finalize;
  widget_class->map = jc_plan_page_map;
  widget_class->root = jc_plan_page_root;
  widget_class->unroot = jc_plan_page_unroot;

  /**
   * JcPlanPage:store:
   * The JcStore the page works on, borrowed: the application's, which
   * outlives the page's use of it (the window gives the page the new store
   * before the old one is closed).  The page's workers open their own
   * connection to the same database.  NULL: no database.
   */
  properties[PROP_STORE] =
    g_param_spec_pointer ("store", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcPlanPage:db-path:
   * The database file of the store, NULL: none.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcPlanPage:date:
   * The delivery date of the plan on show, "YYYY-MM-DD"; tomorrow at first.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JC_TYPE_DATE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, date_bar);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, names_view);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, names_scroller);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, plan_scroller);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, lock_button);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, lines_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, canteens_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, planned_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, actual_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, difference_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, info_bar);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, plan_view);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, drill_title);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, drill_grid);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, drill_total);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, actual_title);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, actual_box);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, qty_entry);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, price_entry);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, qty_unit_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, price_unit_label);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, actual_error);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bar_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed_cb);
  _jc_plan_page_class_actuals_init (widget_class);
  _jc_plan_page_class_actions_init (widget_class);


}

static void
jc_plan_page_init (JcPlanPage *self)
{

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the figures wrap like text: their boxes are not stops of the Tab key */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  _jc_plan_page_build_late_bar (self);
  self->cancellable = g_cancellable_new ();
  self->saves = g_queue_new ();
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);

  self->rows = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->plan_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->names_view, GTK_SELECTION_MODEL (self->selection));
  _jc_plan_page_add_columns (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (_jc_plan_page_on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The variance limit of the last session; the spin button writes it back. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "plan-variance-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);

  /* The bar starts on tomorrow, the next delivery day. */
  g_strlcpy (self->date, jc_date_bar_get_date (self->date_bar), sizeof self->date);
  jc_date_bar_set_leave_func (self->date_bar, date_bar_leave_cb, self, NULL);
  jc_date_bar_add_shortcuts (self->date_bar, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  update_figures (self);
  _jc_plan_page_update_drill (self);
  _jc_plan_page_update_actual_form (self);
  _jc_plan_page_update_actions (self);
}

/**
 * jc_plan_page_new:
 * @store: (nullable) (transfer none): the store to work on, see
 *   jc_plan_page_set_store()
 * Returns: (transfer floating): a new plan page showing tomorrow.
 */
GtkWidget *
jc_plan_page_new (JcStore *store)
{
  return g_object_new (JC_TYPE_PLAN_PAGE, "store", store, NULL);
}

/**
 * jc_plan_page_set_store:
 * @store: (nullable) (transfer none): the store to work on, NULL for none
 *
 * The page keeps the pointer, not a reference: the caller keeps the store
 * open until it gives the page another one or NULL.  The same database file
 * again (the store opened anew) keeps what is shown; call
 * jc_plan_page_reload() to read it again.
 */
void
jc_plan_page_set_store (JcPlanPage *self,
                        JcStore    *store)
{
  g_return_if_fail (JC_IS_PLAN_PAGE (self));

  if (self->store != store)
    {
      self->store = store;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  if (!jc_task_set_db_path (&self->db_path, store != NULL ? jc_store_get_path (store) : NULL))
    return;
  /* Work under way belongs to the other database. */
  jc_task_restart_cancellable (&self->cancellable);
  self->working = FALSE;
  show_plan (self, NULL);
  _jc_plan_page_load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/**
 * jc_plan_page_get_store:
 * Returns: (nullable) (transfer none): the store the page works on.
 */
JcStore *
jc_plan_page_get_store (JcPlanPage *self)
{
  g_return_val_if_fail (JC_IS_PLAN_PAGE (self), NULL);

  return self->store;
}

/**
 * jc_plan_page_get_db_path:
 * Returns: (nullable): the database file of the page's store.
 */
const char *
jc_plan_page_get_db_path (JcPlanPage *self)
{
  g_return_val_if_fail (JC_IS_PLAN_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_plan_page_set_date:
 * @date: a delivery date, "YYYY-MM-DD"
 * Shows the plan of that date (Alt+Left and Alt+Right step a day).
 */
void
jc_plan_page_set_date (JcPlanPage *self,
                       const char *date)
{
  g_return_if_fail (JC_IS_PLAN_PAGE (self));
  g_return_if_fail (date != NULL);

  if (!g_str_equal (date, self->date))
    leave_day (self);
  show_date (self, date);
}

/* Shows the plan of `date` without asking about what was typed. */
static void
show_date (JcPlanPage *self,
           const char *date)
{
  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_date_shift, G_STRFUNC,
                         "a date (YYYY-MM-DD)"))
    return;
  self->form_dirty = FALSE;
  g_clear_pointer (&self->keep_item, g_free);
  jc_date_bar_set_date (self->date_bar, self->date);
  _jc_plan_page_load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
jc_plan_page_get_date (JcPlanPage *self)
{
  g_return_val_if_fail (JC_IS_PLAN_PAGE (self), NULL);

  return self->date;
}

/**
 * jc_plan_page_reload:
 * Reads the plan again (a worker thread), keeping the selected line.
 */
void
jc_plan_page_reload (JcPlanPage *self)
{
  g_return_if_fail (JC_IS_PLAN_PAGE (self));

  _jc_plan_page_load_plan (self);
}

/* ---- for the tests ---------------------------------------------------------------- */

gboolean
_jc_plan_page_is_busy (JcPlanPage *self)
{
  return self->loading || self->working || self->saving;
}

const JcPlan *
_jc_plan_page_get_plan (JcPlanPage *self)
{
  return _jc_plan_page_current_plan (self);
}

GtkWidget *
_jc_plan_page_get_view (JcPlanPage *self)
{
  return GTK_WIDGET (self->plan_view);
}

GtkWidget *
_jc_plan_page_get_names_view (JcPlanPage *self)
{
  return GTK_WIDGET (self->names_view);
}

GtkScrolledWindow *
_jc_plan_page_get_scroller (JcPlanPage *self)
{
  return self->plan_scroller;
}

GListModel *
_jc_plan_page_get_rows (JcPlanPage *self)
{
  return G_LIST_MODEL (self->selection);
}

gboolean
_jc_plan_page_select_item (JcPlanPage *self,
                           const char *item_code)
{
  return _jc_plan_page_select_line (self, item_code, 0);
}

GtkLabel *
_jc_plan_page_get_label (JcPlanPage *self,
                         const char *name)
{
  struct { const char *name; GtkLabel *label; } labels[] = {
    { "status", self->status_label },
    { "lines", self->lines_label },
    { "canteens", self->canteens_label },
    { "planned", self->planned_label },
    { "actual", self->actual_label },
    { "difference", self->difference_label },
    { "info", self->info_label },
    { "drill-title", self->drill_title },
    { "drill-total", self->drill_total },
    { "actual-error", self->actual_error },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return labels[i].label;
  g_return_val_if_reached (NULL);
}

GtkWidget *
_jc_plan_page_get_late_bar (JcPlanPage *self)
{
  return GTK_WIDGET (self->late_bar);
}

GtkWindow *
_jc_plan_page_get_lock_dialog (JcPlanPage *self)
{
  return self->lock_dialog;
}

GtkWidget *
_jc_plan_page_get_lock_button (JcPlanPage *self)
{
  return self->lock_button;
}

GtkWidget *
_jc_plan_page_get_unlock_button (JcPlanPage *self)
{
  return self->unlock_button;
}

GtkEditable *
_jc_plan_page_get_qty_entry (JcPlanPage *self)
{
  return GTK_EDITABLE (self->qty_entry);
}

GtkEditable *
_jc_plan_page_get_price_entry (JcPlanPage *self)
{
  return GTK_EDITABLE (self->price_entry);
}

GtkWindow *
_jc_plan_page_get_remove_dialog (JcPlanPage *self)
{
  return self->remove_dialog;
}

GtkWindow *
_jc_plan_page_get_unlock_dialog (JcPlanPage *self)
{
  return self->unlock_dialog;
}

GtkWindow *
_jc_plan_page_get_preview (JcPlanPage *self)
{
  return self->preview;
}

GtkSpinButton *
_jc_plan_page_get_threshold_spin (JcPlanPage *self)
{
  return self->threshold_spin;
}
