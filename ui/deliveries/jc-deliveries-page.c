/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-deliveries-page.c: the delivery plan of a date — figures, routes,
 * map — its hand edits, the solver and the documents.  This file is the page
 * itself: construction, properties, the date, the figures, status and
 * warnings, loading.  The list of routes and the map are in
 * jc-deliveries-page-routes.c, the actions in jc-deliveries-page-actions.c;
 * they share the struct in jc-deliveries-page-private.h.  No database call
 * and no thread here: jc-delivery-tasks.c runs them. */
#include "config.h"

#define G_LOG_DOMAIN "jc-deliveries-page"

#include <glib/gi18n.h>

#include "jc-deliveries-page-private.h"
#include "jc-delivery-map.h"
#include "jc-delivery-tasks.h"
#include "jc-date.h"
#include "jc-master.h"
#include "jc-order-format.h"
#include "jc-task.h"
#include "jc-ui-util.h"

G_DEFINE_FINAL_TYPE (JcDeliveriesPage, jc_deliveries_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  g_autofree char *routes = NULL, *distance = NULL, *load = NULL, *late = NULL;
  g_autofree char *unassigned = NULL;

  gtk_widget_set_visible (self->figures_box, plan != NULL);
  if (plan == NULL)
    return;
  {
    guint used = _jc_deliveries_page_routes_used (plan);

    /* TRANSLATORS: key figure: "3 of 4 vehicles used" */
    routes = g_strdup_printf (ngettext ("%u of %u vehicle used", "%u of %u vehicles used",
                                        plan->routes->len),
                              used, plan->routes->len);
  }
  {
    g_autofree char *km = _jc_deliveries_page_format_km (plan->distance_m);

    /* TRANSLATORS: key figure: the total distance driven */
    distance = g_strdup_printf (_("Distance %s"), km);
  }
  {
    g_autofree char *t = _jc_deliveries_page_format_tonnes (plan->load_g);
    g_autofree char *cap =
      _jc_deliveries_page_format_tonnes (_jc_deliveries_page_used_capacity_g (plan));

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
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
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
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
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
      g_autofree char *over = _jc_deliveries_page_format_kg (plan->overload_g);

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

void
_jc_deliveries_page_refresh (JcDeliveriesPage *self)
{
  _jc_deliveries_page_clamp_selection (self);
  update_status (self);
  update_figures (self);
  update_warnings (self);
  _jc_deliveries_page_rebuild_list (self);
  _jc_deliveries_page_rebuild_move_menu (self);
  _jc_deliveries_page_update_selection_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
  _jc_deliveries_page_update_actions (self);
}

void
_jc_deliveries_page_update_actions (JcDeliveriesPage *self)
{
  JcDeliveryPlan *plan = _jc_deliveries_page_current_plan (self);
  gboolean idle = self->db_path != NULL && !self->loading && !self->working && !self->solving;
  gboolean editable = idle && !self->printing && plan != NULL;
  const JcDeliveryStop *stop = _jc_deliveries_page_selected_stop (self);
  gboolean in_route = stop != NULL && (guint) self->sel_route < plan->routes->len;
  guint len = in_route ? ((JcDeliveryRoute *) plan->routes->pdata[self->sel_route])->stops->len
                       : 0;
  gboolean docs = plan != NULL && _jc_deliveries_page_chosen_docs (self) != 0 &&
                  _jc_deliveries_page_routes_used (plan) > 0;
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

void
_jc_deliveries_page_set_busy (JcDeliveriesPage *self)
{
  gboolean busy = self->loading || self->working;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (self->progress_box, self->solving);
  _jc_deliveries_page_update_actions (self);
}

/* ---- the plan on show --------------------------------------------------------------- */

void
_jc_deliveries_page_show_plan (JcDeliveriesPage *self,
                               JcDeliveryPlan   *plan)
{
  JcDeliveryPlanRef *old = self->ref;

  self->ref = plan != NULL ? jc_delivery_plan_ref_new (plan) : NULL;
  g_clear_pointer (&old, jc_delivery_plan_ref_unref);
  self->dirty = FALSE;
  _jc_deliveries_page_refresh (self);
}

void
_jc_deliveries_page_show_state_page (JcDeliveriesPage *self)
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

      _jc_deliveries_page_show_plan (self, NULL);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else
    {
      self->plan_locked = state->plan_locked;
      self->n_vehicles = state->n_vehicles;
      g_strfreev (self->late_not_in);
      self->late_not_in = g_steal_pointer (&state->late_not_in);
      _jc_deliveries_page_show_plan (self, g_steal_pointer (&state->plan));
      _jc_deliveries_page_show_state_page (self);
      jc_delivery_state_free (state);
    }
  _jc_deliveries_page_set_busy (self);
}

void
_jc_deliveries_page_load_plan (JcDeliveriesPage *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->db_path == NULL)
    {
      self->loading = FALSE;
      _jc_deliveries_page_show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "no-database");
      _jc_deliveries_page_set_busy (self);
      return;
    }
  self->loading = TRUE;
  if (self->ref == NULL || !g_str_equal (self->ref->plan->date, self->date))
    {
      _jc_deliveries_page_show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }
  self->load_cancellable = g_cancellable_new ();
  _jc_deliveries_page_set_busy (self);
  jc_delivery_task_load (self->store, self->date, self->load_cancellable, on_plan_loaded,
                         g_object_ref (self));
}

/* ---- the date -------------------------------------------------------------------------------- */

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
}

/* Before the person changes the day in the date bar: unsaved hand edits
 * are not dropped without asking, and the day stays until the answer. */
static gboolean
date_bar_leave_cb (JcDateBar  *bar,
                   const char *new_date,
                   gpointer    user_data)
{
  JcDeliveriesPage *self = user_data;
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!self->dirty || g_str_equal (new_date, self->date))
    return TRUE;
  g_free (self->pending_date);
  self->pending_date = g_strdup (new_date);
  shown = jc_date_bar_format_date (self->date);
  /* TRANSLATORS: %s is the delivery date whose routes were changed */
  body = g_strdup_printf (_("The routes of %s were changed by hand and are not saved."), shown);
  dialog = _jc_deliveries_page_confirm_dialog_new (self, _("Discard the Changes?"), body,
                                                   "discard", _("_Discard"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_date_confirm_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* The person changed the day in the date bar. */
static void
on_date_bar_date_cb (JcDeliveriesPage *self)
{
  jc_deliveries_page_set_date (self, jc_date_bar_get_date (self->date_bar));
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
    _jc_deliveries_page_load_plan (self);
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
jc_deliveries_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JcDeliveriesPage *self = JC_DELIVERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      jc_deliveries_page_set_store (self, g_value_get_pointer (value));
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
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
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
   * JcDeliveriesPage:store:
   * The JcStore the page works on, borrowed: the application's, which
   * outlives the page's use of it (the window gives the page the new store
   * before the old one is closed).  The page's workers open their own
   * connection to the same database.  NULL: no database.
   */
  properties[PROP_STORE] =
    g_param_spec_pointer ("store", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcDeliveriesPage:db-path:
   * The database file of the store, NULL: none.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcDeliveriesPage:date:
   * The delivery date on show, "YYYY-MM-DD"; tomorrow at first.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JC_TYPE_DATE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-deliveries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcDeliveriesPage, date_bar);
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
  gtk_widget_class_bind_template_callback (widget_class, on_date_bar_date_cb);
  _jc_deliveries_page_class_routes_init (widget_class);
  _jc_deliveries_page_class_actions_init (widget_class);


}

static void
jc_deliveries_page_init (JcDeliveriesPage *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->sel_route = -1;
  self->sel_index = -1;
  self->solver_seconds = DEFAULT_SOLVER_SECONDS;
  self->move_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->move_button, G_MENU_MODEL (self->move_menu));

  gtk_drawing_area_set_draw_func (self->map_area, _jc_deliveries_page_map_draw_cb, self, NULL);
  g_signal_connect_object (click, "pressed", G_CALLBACK (_jc_deliveries_page_on_map_pressed_cb),
                           self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->map_area), GTK_EVENT_CONTROLLER (click));

  /* The bar starts on tomorrow, the next delivery day. */
  g_strlcpy (self->date, jc_date_bar_get_date (self->date_bar), sizeof self->date);
  jc_date_bar_set_leave_func (self->date_bar, date_bar_leave_cb, self, NULL);
  jc_date_bar_add_shortcuts (self->date_bar, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  _jc_deliveries_page_refresh (self);
  _jc_deliveries_page_set_busy (self);
}

/**
 * jc_deliveries_page_new:
 * @store: (nullable) (transfer none): the store to work on, see
 *   jc_deliveries_page_set_store()
 * Returns: (transfer floating): a new deliveries page showing tomorrow.
 */
GtkWidget *
jc_deliveries_page_new (JcStore *store)
{
  return g_object_new (JC_TYPE_DELIVERIES_PAGE, "store", store, NULL);
}

/**
 * jc_deliveries_page_set_store:
 * @store: (nullable) (transfer none): the store to work on, NULL for none
 *
 * The page keeps the pointer, not a reference: the caller keeps the store
 * open until it gives the page another one or NULL.  The same database file
 * again (the store opened anew) keeps what is shown; call
 * jc_deliveries_page_reload() to read it again.  Hand edits not saved
 * belong to the old file and are dropped.
 */
void
jc_deliveries_page_set_store (JcDeliveriesPage *self,
                              JcStore          *store)
{
  g_return_if_fail (JC_IS_DELIVERIES_PAGE (self));

  if (self->store != store)
    {
      self->store = store;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  if (!jc_task_set_db_path (&self->db_path, store != NULL ? jc_store_get_path (store) : NULL))
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
  _jc_deliveries_page_show_plan (self, NULL);
  _jc_deliveries_page_load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/**
 * jc_deliveries_page_get_store:
 * Returns: (nullable) (transfer none): the store the page works on.
 */
JcStore *
jc_deliveries_page_get_store (JcDeliveriesPage *self)
{
  g_return_val_if_fail (JC_IS_DELIVERIES_PAGE (self), NULL);

  return self->store;
}

/**
 * jc_deliveries_page_get_db_path:
 * Returns: (nullable): the database file of the page's store.
 */
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

  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_date_shift, G_STRFUNC,
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
  jc_date_bar_set_date (self->date_bar, self->date);
  _jc_deliveries_page_load_plan (self);
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
  _jc_deliveries_page_load_plan (self);
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
  return _jc_deliveries_page_current_plan (self);
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
