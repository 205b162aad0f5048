/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-held-view.c: prices held for review.  Its loading and actions run in
 * jc-price-tasks.c: it must not read the database nor run a thread. */
#include "config.h"

#define G_LOG_DOMAIN "jc-held-view"

#include <glib/gi18n.h>

#include "jc-held-view-private.h"
#include "jc-price-tasks.h"
#include "jc-prices.h"
#include "jc-store.h"
#include "jc-task.h"

/* ---- one row: a held quote -------------------------------------------- */

#define JC_TYPE_HELD_ROW (jc_held_row_get_type ())
G_DECLARE_FINAL_TYPE (JcHeldRow, jc_held_row, JC, HELD_ROW, GObject)

struct _JcHeldRow {
  GObject      parent_instance;
  JcHeldQuote *h;
};

G_DEFINE_FINAL_TYPE (JcHeldRow, jc_held_row, G_TYPE_OBJECT)

static void
jc_held_row_finalize (GObject *object)
{
  g_clear_pointer (&JC_HELD_ROW (object)->h, jc_held_quote_free);
  G_OBJECT_CLASS (jc_held_row_parent_class)->finalize (object);
}

static void
jc_held_row_class_init (JcHeldRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_held_row_finalize;
}

static void
jc_held_row_init (JcHeldRow *self)
{
}

/* ---- the view ----------------------------------------------------------- */

struct _JcHeldView {
  AdwBin         parent_instance;

  GtkStack      *stack;
  GtkListBox    *list_box;
  AdwStatusPage *error_page;
  GListStore    *rows;

  JcStore       *store;              /* borrowed */
  char          *db_path;            /* its file */
  GCancellable  *cancellable;         /* the load; restarted by each reload */
  GCancellable  *action_cancellable;  /* release and per pack: only at dispose */
  gboolean       loading;
  gboolean       acting;
};

G_DEFINE_FINAL_TYPE (JcHeldView, jc_held_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_N_HELD,
  PROP_BUSY,
  N_PROPS
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_busy (JcHeldView *self,
          gboolean   *flag,
          gboolean    value)
{
  gboolean was = self->loading || self->acting;

  *flag = value;
  if (was != (self->loading || self->acting))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "held.release", !self->acting);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "held.per-pack", !self->acting);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static char *
format_per (gint64      milliyuan,
            const char *unit)
{
  g_autofree char *price = jc_format_price (milliyuan);

  return g_strdup_printf ("%s/%s", price, unit);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  JcHeldRow *row = item;
  const JcHeldQuote *h = row->h;
  g_autofree char *title = NULL;
  g_autofree char *quoted = format_per (h->avg_milliyuan, *h->quoted_per ? h->quoted_per : h->unit);
  g_autofree char *base = format_per (h->base_avg_milliyuan,
                                      jc_base_unit_to_display (h->units.base_unit));
  g_autofree char *ref = NULL;
  g_autofree char *suggestion = jc_held_quote_dup_suggestion (h);
  g_autofree char *subtitle = NULL;
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* no mnemonics on the rows' buttons: every row has them, and Alt+R is
   * the banner's Review */
  GtkWidget *release = gtk_button_new_with_label (_("Release"));

  if (h->has_median)
    {
      g_autofree char *m = jc_format_price (h->median_milliyuan);

      /* TRANSLATORS: the median of an item's prices over its last 30 market days */
      ref = g_strdup_printf (_("median %s"), m);
    }
  else if (h->has_range)
    {
      g_autofree char *lo = jc_format_price (h->range_low_milliyuan);
      g_autofree char *hi = jc_format_price (h->range_high_milliyuan);

      /* TRANSLATORS: the price range of the item's category */
      ref = g_strdup_printf (_("range %s–%s"), lo, hi);
    }
  else
    ref = g_strdup ("—");
  /* TRANSLATORS: a held price: market name → item code and name */
  title = g_strdup_printf (_("%s → %s %s"), h->market_name, h->item_code, h->item_name);
  /* TRANSLATORS: a held price: date · source · price as quoted = per base
   * unit (what it was compared with) and a suggestion */
  subtitle = g_strdup_printf (_("%s · %s · %s = %s (%s) %s"), h->date, h->source_name, quoted,
                              base, ref, *suggestion ? suggestion : _("check the source's unit"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (action_row), 2);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (h->units.pack_milli > 0)
    {
      GtkWidget *per_pack = gtk_button_new_with_label (_("Quoted per Pack"));

      gtk_widget_set_tooltip_text (per_pack,
                                   _("The source's price of this name is for a whole pack: "
                                     "convert its prices and release those then in range"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (per_pack), "held.per-pack");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (per_pack), "x", h->id);
      if (h->suggest == JC_HOLD_SUGGEST_PACK)
        gtk_widget_add_css_class (per_pack, "suggested-action");
      gtk_box_append (GTK_BOX (box), per_pack);
    }
  gtk_widget_set_tooltip_text (release, _("The price is right as it is: use it"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (release), "held.release");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (release), "x", h->id);
  gtk_box_append (GTK_BOX (box), release);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), box);
  return action_row;
}

static void
show_rows (JcHeldView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
}

/* ---- load --------------------------------------------------------------- */

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcHeldView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) held = jc_price_task_load_held_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer load runs, or the view is gone */
  set_busy (self, &self->loading, FALSE);
  g_list_store_remove_all (self->rows);
  if (held == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HELD]);
      return;
    }
  for (guint i = 0; i < held->len; i++)
    {
      JcHeldRow *row = g_object_new (JC_TYPE_HELD_ROW, NULL);

      row->h = g_steal_pointer (&held->pdata[i]);
      g_list_store_append (self->rows, row);
      g_object_unref (row);
    }
  show_rows (self);
}

void
jc_held_view_reload (JcHeldView *self)
{
  g_return_if_fail (JC_IS_HELD_VIEW (self));

  jc_task_restart_cancellable (&self->cancellable);
  if (self->store == NULL)
    {
      set_busy (self, &self->loading, FALSE);
      g_list_store_remove_all (self->rows);
      show_rows (self);
      return;
    }
  set_busy (self, &self->loading, TRUE);
  jc_price_task_load_held (self->store, self->cancellable, load_done_cb, g_object_ref (self));
}

/* ---- release and quoted per pack ------------------------------------------ */

static void
action_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcHeldView) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, &self->acting, FALSE);
  if (!jc_price_task_settle_held_finish (result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Could Not Settle the Held Price"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      jc_held_view_reload (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  jc_held_view_reload (self);
}

static JcHeldQuote *
find_held (JcHeldView *self,
           gint64      id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcHeldRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row->h->id == id)
        return row->h;
    }
  return NULL;
}

static void
run_action (JcHeldView *self,
            gint64      id,
            gboolean    per_pack)
{
  const JcHeldQuote *h = find_held (self, id);

  if (h == NULL || self->store == NULL || self->acting)
    return;
  set_busy (self, &self->acting, TRUE);
  jc_price_task_settle_held (self->store, h, per_pack, self->action_cancellable, action_done_cb,
                             g_object_ref (self));
}

static void
release_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  run_action (JC_HELD_VIEW (widget), g_variant_get_int64 (param), FALSE);
}

static void
per_pack_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  run_action (JC_HELD_VIEW (widget), g_variant_get_int64 (param), TRUE);
}

/* ---- public --------------------------------------------------------------- */

GtkWidget *
jc_held_view_new (void)
{
  return g_object_new (JC_TYPE_HELD_VIEW, NULL);
}

void
jc_held_view_set_store (JcHeldView *self,
                        JcStore    *store)
{
  g_return_if_fail (JC_IS_HELD_VIEW (self));

  self->store = store;
  jc_task_set_db_path (&self->db_path, store != NULL ? jc_store_get_path (store) : NULL);
  jc_held_view_reload (self);
}

const char *
jc_held_view_get_db_path (JcHeldView *self)
{
  g_return_val_if_fail (JC_IS_HELD_VIEW (self), NULL);
  return self->db_path;
}

guint
jc_held_view_get_n_held (JcHeldView *self)
{
  g_return_val_if_fail (JC_IS_HELD_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

gboolean
jc_held_view_get_busy (JcHeldView *self)
{
  g_return_val_if_fail (JC_IS_HELD_VIEW (self), FALSE);
  return self->loading || self->acting;
}

guint
_jc_held_view_get_n_rows (JcHeldView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

const JcHeldQuote *
_jc_held_view_get_row (JcHeldView *self,
                       guint       position)
{
  g_autoptr(JcHeldRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  return row != NULL ? row->h : NULL;
}

GtkWidget *
_jc_held_view_get_row_widget (JcHeldView *self,
                              guint       position)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, (int) position));
}

/* ---- GObject -------------------------------------------------------------- */

static void
jc_held_view_dispose (GObject *object)
{
  JcHeldView *self = JC_HELD_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->action_cancellable != NULL)
    g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);
  G_OBJECT_CLASS (jc_held_view_parent_class)->dispose (object);
}

static void
jc_held_view_finalize (GObject *object)
{
  JcHeldView *self = JC_HELD_VIEW (object);

  g_clear_object (&self->rows);
  g_free (self->db_path);
  G_OBJECT_CLASS (jc_held_view_parent_class)->finalize (object);
}

static void
jc_held_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JcHeldView *self = JC_HELD_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_HELD:
      g_value_set_uint (value, jc_held_view_get_n_held (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, jc_held_view_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_held_view_class_init (JcHeldViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_held_view_dispose;
  object_class->finalize = jc_held_view_finalize;
  object_class->get_property = jc_held_view_get_property;

  properties[PROP_N_HELD] =
    g_param_spec_uint ("n-held", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Held prices were released or converted: the prices they feed changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "held.release", "x", release_action_cb);
  gtk_widget_class_install_action (widget_class, "held.per-pack", "x", per_pack_action_cb);
}

static void
jc_held_view_init (JcHeldView *self)
{
  GtkWidget *empty = adw_status_page_new ();
  GtkWidget *error = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (
    _("These prices are far from their item's usual price (more than 5× or below ⅕ of the "
      "median of its last 30 market days, or outside the category's range): plans and reports "
      "leave them out. Release a price that is right as it is, or say that the source's price "
      "is for a whole pack."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->rows = g_list_store_new (JC_TYPE_HELD_ROW);
  self->action_cancellable = g_cancellable_new ();
  self->stack = GTK_STACK (gtk_stack_new ());

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Held Prices"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("A price far from its item's usual price is held here for "
                                     "review before plans use it."));
  gtk_stack_add_named (self->stack, empty, "empty");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (error), "dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (error), _("Could Not Read the Held Prices"));
  self->error_page = ADW_STATUS_PAGE (error);
  gtk_stack_add_named (self->stack, error, "error");

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->rows), create_row_cb, self, NULL);
  gtk_box_append (GTK_BOX (box), intro);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_box));
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");

  gtk_stack_set_visible_child_name (self->stack, "empty");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}
