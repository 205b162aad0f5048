/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page.c: the purchase plan of a delivery date, its actuals and its
 * documents. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-page"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

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

/* ---- a plan shared by the rows, the preview and a print job ------------- */

typedef struct {
  JcPlan *plan;
} PlanRef;

static void
plan_ref_clear (PlanRef *ref)
{
  g_clear_pointer (&ref->plan, jc_plan_free);
}

static PlanRef *
plan_ref_new (JcPlan *plan)
{
  PlanRef *ref = g_atomic_rc_box_new0 (PlanRef);

  ref->plan = plan;
  return ref;
}

static PlanRef *
plan_ref_ref (PlanRef *ref)
{
  return g_atomic_rc_box_acquire (ref);
}

static void
plan_ref_unref (PlanRef *ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) plan_ref_clear);
}

/* ---- the rows of the table ---------------------------------------------- */

typedef enum {
  ROW_CATEGORY,
  ROW_LINE,
  ROW_TOTAL,
} RowKind;

typedef struct {
  RowKind     kind;
  PlanRef    *ref;
  JcPlanLine *line;         /* ROW_LINE, owned by ref->plan */
  char       *title;        /* ROW_CATEGORY */
  gint64      planned_fen;  /* the category's or the plan's */
  gint64      actual_fen;   /* Σ recorded actual costs */
  guint       n_actual;
} PlanRow;

static void
plan_row_free (PlanRow *row)
{
  plan_ref_unref (row->ref);
  g_free (row->title);
  g_free (row);
}

static PlanRow *
plan_row_new (RowKind  kind,
              PlanRef *ref)
{
  PlanRow *row = g_new0 (PlanRow, 1);

  row->kind = kind;
  row->ref = plan_ref_ref (ref);
  return row;
}

static const PlanRow *
row_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

struct _JcPlanPage {
  AdwBin              parent_instance;

  char               *db_path;
  char                date[11];
  GCancellable       *cancellable;       /* every worker of the page */
  GCancellable       *load_cancellable;
  gboolean            loading;
  gboolean            working;           /* a lock, unlock, record or export runs */
  PlanRef            *ref;               /* the plan on show, NULL: none */
  char               *keep_item;         /* the line to select after a load */
  gint64              keep_supplement;   /* its supplement, 0: the plan's own line */
  int                 threshold;         /* ‰ */
  GListStore         *rows;              /* JcOrderRow of PlanRow */
  GtkSingleSelection *selection;
  GtkFileChooserNative *chooser;
  GtkWindow          *unlock_dialog;     /* weak */
  GtkWindow          *remove_dialog;     /* weak */
  /* The actuals entries: the line they hold, whether something was typed
   * since the page filled them, and the saves not finished yet (one after
   * another, so that a clerk typing line after line never waits). */
  char               *form_item;
  gint64              form_supplement;   /* 0: the plan's own line, else a 补单 line */
  gboolean            form_dirty;
  gboolean            form_filling;      /* the page sets the entries' text */
  gboolean            rows_filling;      /* fill_rows() replaces the rows */
  gboolean            reverting;         /* back to a line that could not be saved */
  GtkEntry           *error_entry;       /* the entry the error is about, NULL: a save's */
  GQueue             *saves;             /* PendingSave */
  gboolean            saving;
  /* The window is closing: it closes when the saves are done. */
  GtkWindow          *close_window;      /* weak: the window held open for the saves */
  gulong              close_handler;     /* on the root's close-request */
  gboolean            close_pending;     /* close it when the last save is done */
  gboolean            close_allowed;     /* the saves are done, or the clerk let them go */
  GtkWindow          *lock_dialog;       /* weak: "lock with canteens missing?" */
  JcPlanLate         *late;              /* late orders not in the plan, or NULL */
  GCancellable       *late_cancellable;
  GtkInfoBar         *late_bar;          /* "N late orders are not in the locked plan" */
  GtkLabel           *late_label;
  GtkBox             *late_list;         /* a row per late order, with its actions */
  GtkWindow          *preview;           /* weak */
  GtkPrintOperation  *print_op;
  GSettings          *settings;          /* the variance limit is kept there */

  GtkMenuButton      *date_button;
  GtkPopover         *date_popover;
  GtkCalendar        *calendar;
  GtkLabel           *status_label;
  GtkSpinner         *spinner;
  GtkSpinButton      *threshold_spin;
  GtkWidget          *lock_button;
  GtkWidget          *unlock_button;
  GtkLabel           *lines_label;
  GtkLabel           *canteens_label;
  GtkLabel           *planned_label;
  GtkLabel           *actual_label;
  GtkLabel           *difference_label;
  GtkInfoBar         *info_bar;
  GtkLabel           *info_label;
  GtkStack           *content_stack;
  GtkColumnView      *plan_view;
  GtkColumnView      *names_view;       /* the item column, kept in sight */
  GtkFlowBox         *figures_box;
  GtkScrolledWindow  *names_scroller;
  GtkScrolledWindow  *plan_scroller;
  AdwStatusPage      *error_page;
  GtkLabel           *drill_title;
  GtkGrid            *drill_grid;
  GtkLabel           *drill_total;
  GtkLabel           *actual_title;
  GtkWidget          *actual_box;
  GtkEntry           *qty_entry;
  GtkEntry           *price_entry;
  GtkLabel           *qty_unit_label;
  GtkLabel           *price_unit_label;
  GtkLabel           *actual_error;
};

G_DEFINE_FINAL_TYPE (JcPlanPage, jc_plan_page, ADW_TYPE_BIN)

/* What was typed for a line, waiting for its worker. */
typedef struct {
  char   date[11];
  char  *item_code;
  gint64 supplement_id;
  char  *item_name;
  char  *qty_text;
  char  *price_text;
  gint64 qty_milli;
  gint64 price_milliyuan;
} PendingSave;

static void
pending_save_free (PendingSave *ps)
{
  g_free (ps->item_code);
  g_free (ps->item_name);
  g_free (ps->qty_text);
  g_free (ps->price_text);
  g_free (ps);
}

/* A line of the plan is its item and, for a supplementary purchase (补单)
 * of a late order, its supplement: the same item may be on both. */
static gboolean
is_line (const JcPlanLine *l,
         const char       *item_code,
         gint64            supplement_id)
{
  return l != NULL && item_code != NULL && l->supplement_id == supplement_id &&
         g_str_equal (l->item_code, item_code);
}

static guint    find_line   (JcPlanPage *self,
                             const char *item_code,
                             gint64      supplement_id);
static gboolean select_line (JcPlanPage *self,
                             const char *item_code,
                             gint64      supplement_id);

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_plan      (JcPlanPage *self);
static void update_late    (JcPlanPage *self);
static void update_actions (JcPlanPage *self);

static const JcPlan *
current_plan (JcPlanPage *self)
{
  return self->ref != NULL ? self->ref->plan : NULL;
}

/* ---- cells ------------------------------------------------------------- */

static char *
format_variance (gint64 permille)
{
  /* TRANSLATORS: a change in per mille with its sign, "+12‰" */
  return g_strdup_printf (C_("variance", "%+lld‰"), (long long) permille);
}

static char *
format_signed_money (gint64 fen)
{
  g_autofree char *money = jc_order_format_money (fen);

  return fen > 0 ? g_strconcat ("+", money, NULL) : g_steal_pointer (&money);
}

static const char *
variance_css (JcPlanPage *self,
              gint64      permille)
{
  gint64 a = permille < 0 ? -permille : permille;

  if (a > 2 * (gint64) self->threshold)
    return "error";
  if (a > self->threshold)
    return "warning";
  return NULL;
}

/* What a cell shows: its text, a tooltip, a style class; `stale` for the
 * reference price's mark.  One place, so the tests read what is shown. */
static char *
format_cell (JcPlanPage    *self,
             const PlanRow *row,
             JcPlanColumn   column,
             char         **out_tooltip,
             const char   **out_css,
             gboolean      *out_stale)
{
  const JcPlanLine *l = row->line;

  *out_tooltip = NULL;
  *out_css = NULL;
  *out_stale = FALSE;
  if (row->kind != ROW_LINE)
    {
      *out_css = "heading";
      if (column == JC_PLAN_COLUMN_ITEM)
        return row->kind == ROW_TOTAL ? g_strdup (C_("plan table", "Total"))
                                      : g_strdup (row->title);
      if (column == JC_PLAN_COLUMN_COST)
        return jc_order_format_money (row->planned_fen);
      if (column == JC_PLAN_COLUMN_ACTUAL_COST && row->n_actual > 0)
        return jc_order_format_money (row->actual_fen);
      return NULL;
    }

  switch (column)
    {
    case JC_PLAN_COLUMN_ITEM:
      *out_tooltip = g_strdup_printf ("%s %s", l->item_code, l->item_name);
      if (l->supplement_id != 0 && l->shares->len > 0)
        /* TRANSLATORS: a supplementary line: the item's name, the late canteen's code */
        return g_strdup_printf (_("%s · for %s"), l->item_name,
                                g_array_index (l->shares, JcPlanShare, 0).canteen_code);
      return g_strdup (l->item_name);
    case JC_PLAN_COLUMN_DEMAND:
      return jc_format_qty (l->demand_milli);
    case JC_PLAN_COLUMN_LOSS:
      return g_strdup_printf ("%d", l->loss_permille);
    case JC_PLAN_COLUMN_GROSS:
      return jc_format_qty (l->gross_milli);
    case JC_PLAN_COLUMN_PACKS:
      if (l->packs < 0)
        return NULL;
      {
        g_autofree char *pack = jc_format_qty (l->pack_milli);

        /* TRANSLATORS: tooltip of the packs column: "packs of 25 kg" */
        *out_tooltip = g_strdup_printf (_("Packs of %s %s"), pack,
                                        jc_ui_base_unit_label (l->base_unit));
      }
      return g_strdup_printf ("%" G_GINT64_FORMAT, l->packs);
    case JC_PLAN_COLUMN_PURCHASE:
      return jc_format_qty (l->purchase_milli);
    case JC_PLAN_COLUMN_UNIT:
      return g_strdup (jc_ui_base_unit_label (l->base_unit));
    case JC_PLAN_COLUMN_PRICE:
      if (!l->has_price)
        {
          *out_css = "dim-label";
          *out_tooltip = g_strdup (_("No reference price: the line is left out of the total"));
          return g_strdup (C_("reference price", "no price"));
        }
      if (l->stale)
        {
          *out_stale = TRUE;
          /* TRANSLATORS: tooltip of a stale reference price */
          *out_tooltip = g_strdup_printf (_("Price of %s"), l->price_date);
        }
      return jc_format_price (l->price_milliyuan);
    case JC_PLAN_COLUMN_COST:
      if (!l->has_price)
        {
          *out_css = "dim-label";
          return g_strdup ("—");
        }
      return jc_order_format_money (l->cost_fen);
    case JC_PLAN_COLUMN_ACTUAL_QTY:
      return l->has_actual ? jc_format_qty (l->actual_qty_milli) : NULL;
    case JC_PLAN_COLUMN_ACTUAL_PRICE:
      return l->has_actual ? jc_format_price (l->actual_price_milliyuan) : NULL;
    case JC_PLAN_COLUMN_ACTUAL_COST:
      return l->has_actual ? jc_order_format_money (l->actual_cost_fen) : NULL;
    case JC_PLAN_COLUMN_QTY_VARIANCE:
      if (l->has_actual && l->purchase_milli > 0)
        {
          gint64 v = jc_change_permille (l->actual_qty_milli, l->purchase_milli);

          *out_css = variance_css (self, v);
          *out_tooltip = g_strdup (_("Bought against planned purchase quantity"));
          return format_variance (v);
        }
      return NULL;
    case JC_PLAN_COLUMN_PRICE_VARIANCE:
      if (l->has_actual && l->has_price && l->price_milliyuan > 0)
        {
          gint64 v = jc_change_permille (l->actual_price_milliyuan, l->price_milliyuan);

          *out_css = variance_css (self, v);
          *out_tooltip = g_strdup (_("Paid against the reference price"));
          return format_variance (v);
        }
      return NULL;
    case JC_PLAN_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

typedef struct {
  JcPlanPage   *self;   /* not a reference: the page owns the column view */
  JcPlanColumn  column;
} ColumnData;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               ColumnData               *cd)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  /* Every cell as tall as a line of Chinese: the item names are a view of
   * their own, and its rows must line up with the table's, whose figures
   * alone would make lower rows. */
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, "国Ag");
    int h = 0;

    pango_layout_get_pixel_size (layout, NULL, &h);
    gtk_widget_set_size_request (label, -1, h);
  }
  if (cd->column == JC_PLAN_COLUMN_ITEM || cd->column == JC_PLAN_COLUMN_UNIT)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  if (cd->column == JC_PLAN_COLUMN_PRICE)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_visible (icon, FALSE);
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ColumnData               *cd)
{
  const PlanRow *row = row_of (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  static const char *classes[] = { "heading", "dim-label", "warning", "error" };
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  const char *css;
  gboolean stale;

  text = format_cell (cd->self, row, cd->column, &tooltip, &css, &stale);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (label, classes[i]);
  /* A heading (a category, the total) in bold at the size of the other
   * rows: .heading's heavier Chinese face is taller, and the rows of the
   * names view must stay as high as the table's. */
  if (g_strcmp0 (css, "heading") == 0)
    {
      PangoAttrList *bold = pango_attr_list_new ();

      pango_attr_list_insert (bold, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_label_set_attributes (GTK_LABEL (label), bold);
      pango_attr_list_unref (bold);
    }
  else
    {
      gtk_label_set_attributes (GTK_LABEL (label), NULL);
      if (css != NULL)
        gtk_widget_add_css_class (label, css);
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (box, tooltip);
  if (icon != label)
    gtk_widget_set_visible (icon, stale);
}

/* A column of `view` with `title`, at least `width` pixels and as wide as
 * its title needs (the Chinese titles are wider than the English ones). */
static void
append_column (JcPlanPage   *self,
               GtkColumnView *view,
               const char   *title,
               JcPlanColumn  column,
               int           width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *cd = g_new0 (ColumnData, 1);
  g_autoptr(GtkColumnViewColumn) col = NULL;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), title);
  PangoAttrList *attrs = pango_attr_list_new ();
  int title_w, title_h;

  /* the header is bold */
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &title_w, &title_h);

  cd->self = self;
  cd->column = column;
  g_signal_connect_data (factory, "setup", G_CALLBACK (cell_setup_cb), cd,
                         (GClosureNotify) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), cd);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  /* the header's padding and the separator on each side */
  gtk_column_view_column_set_fixed_width (col, MAX (width, title_w + 28));
  gtk_column_view_append_column (view, col);
}

static void
add_columns (JcPlanPage *self)
{
  struct {
    const char  *title;
    JcPlanColumn column;
    int          width;
  } columns[] = {
    { C_("plan column", "Demand"), JC_PLAN_COLUMN_DEMAND, 70 },
    { C_("plan column", "Loss ‰"), JC_PLAN_COLUMN_LOSS, 64 },
    { C_("plan column", "Gross"), JC_PLAN_COLUMN_GROSS, 70 },
    { C_("plan column", "Packs"), JC_PLAN_COLUMN_PACKS, 56 },
    { C_("plan column", "Purchase"), JC_PLAN_COLUMN_PURCHASE, 80 },
    { C_("plan column", "Unit"), JC_PLAN_COLUMN_UNIT, 48 },
    { C_("plan column", "Ref. Price ¥"), JC_PLAN_COLUMN_PRICE, 96 },
    { C_("plan column", "Planned ¥"), JC_PLAN_COLUMN_COST, 96 },
    { C_("plan column", "Actual Qty"), JC_PLAN_COLUMN_ACTUAL_QTY, 84 },
    { C_("plan column", "Actual Price ¥"), JC_PLAN_COLUMN_ACTUAL_PRICE, 96 },
    { C_("plan column", "Actual ¥"), JC_PLAN_COLUMN_ACTUAL_COST, 96 },
    { C_("plan column", "Qty Var. ‰"), JC_PLAN_COLUMN_QTY_VARIANCE, 80 },
    { C_("plan column", "Price Var. ‰"), JC_PLAN_COLUMN_PRICE_VARIANCE, 80 },
  };

  /* The item names in their own view, which does not scroll sideways; the
   * two views show the same rows and selection and scroll up and down as
   * one: the names view follows the table's vertical adjustment. */
  append_column (self, self->names_view, C_("plan column", "Item"), JC_PLAN_COLUMN_ITEM, 140);
  gtk_scrolled_window_set_vadjustment (self->names_scroller,
                                       gtk_scrolled_window_get_vadjustment (self->plan_scroller));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_column (self, self->plan_view, columns[i].title, columns[i].column,
                   columns[i].width);
}

static void
refresh_cells (JcPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  /* The same rows, bound again with the new highlights. */
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->rows), 0, n, n);
}

/* ---- the date ------------------------------------------------------------- */

static void
update_date_widgets (JcPlanPage *self)
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
on_calendar_day_selected_cb (JcPlanPage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (dt, "%Y-%m-%d");

  gtk_popover_popdown (self->date_popover);
  jc_plan_page_set_date (self, date);
}

static void
shift_date (JcPlanPage *self,
            int         days)
{
  char date[11];

  if (jc_order_date_shift (self->date, days, date))
    jc_plan_page_set_date (self, date);
}

/* ---- the figures, the warnings, the drill-down ------------------------------ */

static const JcPlanLine *
selected_line (JcPlanPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  const PlanRow *row = item ? row_of (item) : NULL;

  return row != NULL && row->kind == ROW_LINE ? row->line : NULL;
}

static void
update_status (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);
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
  const JcPlan *plan = current_plan (self);
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
      g_autofree char *diff = format_signed_money (actual_fen - planned_of_actual);

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
  const JcPlan *plan = current_plan (self);
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

static void
update_drill (JcPlanPage *self)
{
  const JcPlanLine *l = selected_line (self);
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
      drill_add (self, (int) i + 1, jc_plan_get_canteen_name (current_plan (self), s->canteen_code),
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

static void
clear_actual_error (JcPlanPage *self)
{
  gtk_label_set_text (self->actual_error, "");
  gtk_widget_set_visible (GTK_WIDGET (self->actual_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->qty_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->price_entry), "error");
  self->error_entry = NULL;
}

static void
show_actual_error (JcPlanPage *self,
                   GtkEntry   *entry,
                   const char *message)
{
  gtk_label_set_text (self->actual_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->actual_error), TRUE);
  self->error_entry = entry;
  if (entry != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
    }
}

/* The page's own change of an entry: not typing. */
static void
fill_entry (JcPlanPage *self,
            GtkEntry   *entry,
            const char *text)
{
  self->form_filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  self->form_filling = FALSE;
}

static void
update_actual_form (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);
  const JcPlanLine *l = selected_line (self);
  gboolean locked = plan != NULL && plan->status == JC_PLAN_LOCKED;
  gboolean keep_typed;
  g_autofree char *title = NULL;

  /* A reload (after the previous line's save) while this line's values are
   * being typed keeps them. */
  keep_typed = self->form_dirty && is_line (l, self->form_item, self->form_supplement);
  if (!keep_typed)
    clear_actual_error (self);
  if (!locked)
    title = g_strdup (_("Lock the plan to record what was bought"));
  else if (l == NULL)
    title = g_strdup (_("Select a line to record what was bought"));
  else
    /* TRANSLATORS: heading of the actuals entry: "Bought: 大白菜" */
    title = g_strdup_printf (_("Bought: %s"), l->item_name);
  gtk_label_set_text (self->actual_title, title);
  if (l == NULL)
    {
      fill_entry (self, self->qty_entry, "");
      fill_entry (self, self->price_entry, "");
      gtk_label_set_text (self->qty_unit_label, "");
      gtk_label_set_text (self->price_unit_label, "");
      g_clear_pointer (&self->form_item, g_free);
      self->form_dirty = FALSE;
      return;
    }
  {
    g_autofree char *qty = jc_format_qty (l->has_actual ? l->actual_qty_milli : l->purchase_milli);
    g_autofree char *price = NULL;
    g_autofree char *per = NULL;

    if (l->has_actual)
      price = jc_format_price (l->actual_price_milliyuan);
    else if (l->has_price)
      price = jc_format_price (l->price_milliyuan);
    if (!keep_typed)
      {
        fill_entry (self, self->qty_entry, l->has_actual ? qty : "");
        fill_entry (self, self->price_entry, l->has_actual && price ? price : "");
        g_free (self->form_item);
        self->form_item = g_strdup (l->item_code);
        self->form_supplement = l->supplement_id;
        self->form_dirty = FALSE;
      }
    gtk_entry_set_placeholder_text (self->qty_entry, l->has_actual ? NULL : qty);
    gtk_entry_set_placeholder_text (self->price_entry, l->has_actual ? NULL : price);
    gtk_label_set_text (self->qty_unit_label, jc_ui_base_unit_label (l->base_unit));
    /* TRANSLATORS: a unit price: "¥/kg" */
    per = g_strdup_printf (_("¥/%s"), jc_ui_base_unit_label (l->base_unit));
    gtk_label_set_text (self->price_unit_label, per);
  }
}

static gboolean leave_form (JcPlanPage *self);

static void
on_selection_changed_cb (JcPlanPage *self)
{
  const JcPlanLine *l;

  if (self->rows_filling || self->reverting)
    return;
  l = selected_line (self);
  /* Leaving a line with typed values saves them; values that cannot be
   * saved bring the selection back to their line, with the error. */
  if (self->form_dirty && self->form_item != NULL &&
      !is_line (l, self->form_item, self->form_supplement) && !leave_form (self))
    {
      guint position = GTK_INVALID_LIST_POSITION;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

      for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
          const PlanRow *row = row_of (item);

          if (row->kind == ROW_LINE && is_line (row->line, self->form_item, self->form_supplement))
            position = i;
        }
      if (position != GTK_INVALID_LIST_POSITION)
        {
          self->reverting = TRUE;
          gtk_single_selection_set_selected (self->selection, position);
          self->reverting = FALSE;
          update_drill (self);
          update_actions (self);
          return;
        }
    }
  update_drill (self);
  update_actual_form (self);
  update_actions (self);
}

static void
set_actual_sensitive (JcPlanPage *self,
                      gboolean    sensitive)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A text entry that turns insensitive with the focus keeps its cursor
   * blinking: the focus goes back to the table first. */
  if (!sensitive && focus != NULL && gtk_widget_is_ancestor (focus, self->actual_box))
    gtk_widget_grab_focus (GTK_WIDGET (self->plan_view));
  gtk_widget_set_sensitive (self->actual_box, sensitive);
}

static void
update_actions (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);
  gboolean idle = self->db_path != NULL && !self->loading && !self->working && !self->saving;
  const JcPlanLine *line = selected_line (self);
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
  set_actual_sensitive (self, can_record && locked);
}

/* ---- loading ---------------------------------------------------------------- */

static void
set_busy (JcPlanPage *self)
{
  gboolean busy = self->loading || self->working || self->saving;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  update_actions (self);
}

static void
fill_rows (JcPlanPage *self,
           PlanRef    *ref)
{
  const JcPlan *plan = ref->plan;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  PlanRow *category = NULL;
  PlanRow *total = plan_row_new (ROW_TOTAL, ref);
  guint select = GTK_INVALID_LIST_POSITION, first_line = GTK_INVALID_LIST_POSITION;
  const JcPlanLine *current = selected_line (self);

  /* the line selected now, not when the load began: the clerk moves on
   * while the plan is read again after a save */
  if (current != NULL)
    {
      g_free (self->keep_item);
      self->keep_item = g_strdup (current->item_code);
      self->keep_supplement = current->supplement_id;
    }

  for (guint i = 0; i < plan->lines->len; i++)
    {
      JcPlanLine *l = plan->lines->pdata[i];
      /* the supplementary purchases (补单) of late orders, in a group of their own */
      const char *title = l->supplement_id != 0 ? _("Supplementary purchases")
                          : l->category_name ? l->category_name : l->category;
      PlanRow *row;

      if (category == NULL || g_strcmp0 (category->title, title) != 0)
        {
          category = plan_row_new (ROW_CATEGORY, ref);
          category->title = g_strdup (title);
          g_ptr_array_add (items, jc_order_row_new (category, (GDestroyNotify) plan_row_free));
        }
      row = plan_row_new (ROW_LINE, ref);
      row->line = l;
      jc_checked_add (category->planned_fen, l->cost_fen, &category->planned_fen, NULL);
      if (l->has_actual)
        {
          jc_checked_add (category->actual_fen, l->actual_cost_fen, &category->actual_fen, NULL);
          jc_checked_add (total->actual_fen, l->actual_cost_fen, &total->actual_fen, NULL);
          category->n_actual++;
          total->n_actual++;
        }
      if (first_line == GTK_INVALID_LIST_POSITION)
        first_line = items->len;
      if (is_line (l, self->keep_item, self->keep_supplement))
        select = items->len;
      g_ptr_array_add (items, jc_order_row_new (row, (GDestroyNotify) plan_row_free));
    }
  total->planned_fen = plan->total_cost_fen;
  if (plan->lines->len > 0)
    g_ptr_array_add (items, jc_order_row_new (total, (GDestroyNotify) plan_row_free));
  else
    plan_row_free (total);

  /* the selection changes on the way: not a person leaving a line */
  self->rows_filling = TRUE;
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  if (select == GTK_INVALID_LIST_POSITION)
    select = first_line;
  gtk_single_selection_set_selected (self->selection, select);
  self->rows_filling = FALSE;
}

static void
show_plan (JcPlanPage *self,
           JcPlan     *plan)
{
  PlanRef *old = self->ref;

  /* The rows hold the plan too: the old one goes with its last row. */
  self->ref = plan != NULL ? plan_ref_new (plan) : NULL;
  if (self->ref != NULL)
    fill_rows (self, self->ref);
  else
    {
      self->rows_filling = TRUE;
      g_list_store_remove_all (self->rows);
      self->rows_filling = FALSE;
    }
  g_clear_pointer (&old, plan_ref_unref);
  g_clear_pointer (&self->keep_item, g_free);

  update_status (self);
  update_figures (self);
  update_warnings (self);
  update_late (self);
  update_drill (self);
  update_actual_form (self);
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
  set_busy (self);
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
  update_late (self);
}

static void
load_plan (JcPlanPage *self)
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
  if (self->keep_item == NULL && selected_line (self) != NULL)
    {
      self->keep_item = g_strdup (selected_line (self)->item_code);
      self->keep_supplement = selected_line (self)->supplement_id;
    }
  self->loading = TRUE;
  if (self->ref == NULL || !g_str_equal (self->ref->plan->date, self->date))
    {
      show_plan (self, NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "loading");
    }
  self->load_cancellable = g_cancellable_new ();
  set_busy (self);
  jc_plan_task_load (self->db_path, self->date, self->load_cancellable, on_plan_loaded,
                     g_object_ref (self));
  if (self->late_cancellable != NULL)
    g_cancellable_cancel (self->late_cancellable);
  g_clear_object (&self->late_cancellable);
  self->late_cancellable = g_cancellable_new ();
  jc_plan_task_late (self->db_path, self->date, self->late_cancellable, on_late_loaded,
                     g_object_ref (self));
}

/* ---- lock, unlock -------------------------------------------------------------- */

static GCancellable *
work_cancellable (JcPlanPage *self)
{
  return self->cancellable;
}

/* The end of a lock, an unlock, a settled late order or a removed purchase on
 * the worker: the page is idle again and shows the error under
 * `heading`, or `toast` and the plan read again. */
static void
finish_work (JcPlanPage   *self,
             GAsyncResult *result,
             const char   *heading,
             const char   *toast)
{
  g_autoptr(GError) error = NULL;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  set_busy (self);
  if (error != NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), heading, error->message);
      return;
    }
  jc_ui_toast (GTK_WIDGET (self), toast);
  load_plan (self);
}

static void
on_lock_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Lock the Plan"),
               _("Plan locked: the orders of the day are frozen"));
}

static void
start_lock (JcPlanPage *self)
{
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_lock (self->db_path, self->date, g_get_user_name (), work_cancellable (self),
                     on_lock_done, g_object_ref (self));
}

static void
on_lock_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JcPlanPage       *self)
{
  if (g_str_equal (response, "lock") && self->db_path != NULL && !self->working)
    start_lock (self);
}

/* "A, B, C and 4 more": at most `shown` names of the canteens. */
static char *
format_canteen_names (GPtrArray *rows,
                      guint      shown)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = MIN (rows->len, shown);

  for (guint i = 0; i < n; i++)
    {
      JcBoardRow *r = rows->pdata[i];

      if (i > 0)
        g_string_append (names, C_("list separator", ", "));
      g_string_append (names, r->canteen_name);
    }
  if (rows->len > n)
    /* TRANSLATORS: after a list of canteen names: "and 4 more" */
    g_string_append_printf (names, ngettext (" and %u more", " and %u more", rows->len - n),
                            rows->len - n);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
ask_lock (JcPlanPage *self,
          GPtrArray  *missing)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *date = jc_order_format_date (self->date);
  g_autofree char *names = format_canteen_names (missing, 6);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (ngettext ("%u Canteen Is Not In", "%u Canteens Are Not In",
                                       missing->len), missing->len);
  /* TRANSLATORS: %s the canteens' names ("A, B and 3 more"), %s the delivery date */
  body = g_strdup_printf (_("%s have no submitted order for %s (a draft or none). Lock the plan "
                            "without them? An order they submit later is a late order, outside "
                            "the locked plan until you settle it."), names, date);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "lock", _("_Lock Without Them"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lock",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_lock_response_cb), self, 0);
  g_set_weak_pointer (&self->lock_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_lock_check_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlanLate) late = jc_plan_task_late_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  set_busy (self);
  if (late == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Lock the Plan"), error->message);
      return;
    }
  if (late->missing->len > 0)
    ask_lock (self, late->missing);
  else
    start_lock (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  /* Who is not in, read afresh: the lock asks first when anyone is missing. */
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_late (self->db_path, self->date, work_cancellable (self), on_lock_check_done,
                     g_object_ref (self));
}

/* ---- late orders: supplementary purchase, decline ---------------------------- */

static void
on_settle_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Settle the Late Order"),
               _("Late order settled"));
}

static void
on_supplement_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           JcPlanPage       *self)
{
  const char *canteen = g_object_get_data (G_OBJECT (dialog), "canteen");

  if (!g_str_equal (response, "supplement") || self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_supplement (self->db_path, self->date, canteen, g_get_user_name (),
                           work_cancellable (self), on_settle_done, g_object_ref (self));
}

/* What would be bought is known: ask, naming the canteen, the lines and
 * their cost at the plan's prices. */
static void
on_supplement_preview_done (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcPlanSupplementPreview) preview = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *money = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root;
  GtkWidget *dialog;

  preview = jc_plan_task_supplement_preview_finish (result, &error);
  if (preview == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  set_busy (self);
  if (preview == NULL)
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Settle the Late Order"), error->message);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  date = jc_order_format_date (self->date);
  money = jc_order_format_money (preview->cost_fen);
  /* TRANSLATORS: %s the canteen's name, then its code */
  heading = g_strdup_printf (_("Buy the Late Order of %s (%s) as Supplementary?"),
                             preview->canteen_name, preview->canteen_code);
  /* TRANSLATORS: the number of lines, the delivery date, the cost */
  g_string_append_printf (body, ngettext ("%u line is bought for %s at the plan's prices: %s, "
                                          "charged to this canteen alone.",
                                          "%u lines are bought for %s at the plan's prices: %s, "
                                          "charged to this canteen alone.", preview->n_lines),
                          preview->n_lines, date, money);
  if (preview->n_no_price > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, ngettext ("%u of them has no price and is not in that cost.",
                                              "%u of them have no price and are not in that cost.",
                                              preview->n_no_price), preview->n_no_price);
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "supplement", _("_Buy as Supplementary"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "supplement",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "supplement");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "canteen", g_strdup (preview->canteen_code), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_supplement_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
supplement_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  if (self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_supplement_preview (self->db_path, self->date,
                                   g_variant_get_string (parameter, NULL),
                                   work_cancellable (self), on_supplement_preview_done,
                                   g_object_ref (self));
}

static void
on_decline_reason_cb (AdwMessageDialog *dialog,
                      const char       *reason,
                      gpointer          owner)
{
  JcPlanPage *self = owner;
  const char *canteen = g_object_get_data (G_OBJECT (dialog), "canteen");

  if (self->db_path == NULL || self->working)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_decline (self->db_path, self->date, canteen, g_get_user_name (), reason,
                        work_cancellable (self), on_settle_done, g_object_ref (self));
}

static void
decline_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  const char *canteen = g_variant_get_string (parameter, NULL);
  g_autofree char *date = jc_order_format_date (self->date);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  heading = g_strdup_printf (_("Decline the Late Order of %s?"), canteen);
  /* TRANSLATORS: %s the delivery date */
  body = g_strdup_printf (_("It is not delivered on %s and not charged. The canteen sees the "
                            "reason with its order."), date);
  dialog = jc_ui_ask_reason (widget, heading, body, _("Reason the canteen will see"), "decline",
                             _("_Decline"), on_decline_reason_cb, self);
  g_object_set_data_full (G_OBJECT (dialog), "canteen", g_strdup (canteen), g_free);
}

static GtkWidget *
late_button (const char *label,
             const char *action,
             const char *canteen)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (canteen != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                            g_variant_new_string (canteen));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* The banner of the late orders that are not in the locked plan: one row
 * each with its actions, and the plan's reopen. */
static void
update_late (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);
  GtkWidget *child;
  guint n = self->late != NULL ? self->late->pending->len : 0;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->late_list))) != NULL)
    gtk_box_remove (self->late_list, child);
  if (plan == NULL || plan->status != JC_PLAN_LOCKED || n == 0)
    {
      gtk_info_bar_set_revealed (self->late_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->late_bar), FALSE);
      return;
    }
  text = g_strdup_printf (ngettext ("%u late order is not in the locked plan: it is neither "
                                    "bought nor delivered until you buy it as a supplementary "
                                    "purchase, decline it, or reopen the plan.",
                                    "%u late orders are not in the locked plan: they are neither "
                                    "bought nor delivered until you buy each as a supplementary "
                                    "purchase, decline it, or reopen the plan.", n), n);
  gtk_label_set_text (self->late_label, text);
  for (guint i = 0; i < n; i++)
    {
      const JcOrder *o = self->late->pending->pdata[i];
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label;
      g_autofree char *what = NULL;
      g_autofree char *when = NULL;

      if (o->updated_at != NULL && strlen (o->updated_at) >= 16)
        when = g_strndup (o->updated_at + 11, 5);
      /* TRANSLATORS: a late order: canteen code, number of lines, when (UTC HH:MM) */
      what = g_strdup_printf (ngettext ("%s · %u line · %s UTC", "%s · %u lines · %s UTC",
                                        o->lines->len),
                              o->canteen_code, o->lines->len, when ? when : "—");
      label = gtk_label_new (what);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (row), late_button (_("_Buy as Supplementary"), "plan.supplement",
                                                  o->canteen_code));
      gtk_box_append (GTK_BOX (row), late_button (_("_Decline…"), "plan.decline",
                                                  o->canteen_code));
      gtk_box_append (self->late_list, row);
    }
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_widget_set_halign (row, GTK_ALIGN_END);
    gtk_box_append (GTK_BOX (row), late_button (_("_Reopen the Plan…"), "plan.unlock", NULL));
    gtk_box_append (self->late_list, row);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->late_bar), TRUE);
  gtk_info_bar_set_revealed (self->late_bar, TRUE);
}

static void
build_late_bar (JcPlanPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->info_bar));

  self->late_bar = GTK_INFO_BAR (gtk_info_bar_new ());
  gtk_info_bar_set_message_type (self->late_bar, GTK_MESSAGE_WARNING);
  gtk_widget_add_css_class (GTK_WIDGET (self->late_bar), "late-orders");
  self->late_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->late_label, TRUE);
  gtk_label_set_wrap_mode (self->late_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->late_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->late_label), "heading");
  self->late_list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->late_list));
  gtk_widget_set_hexpand (box, TRUE);
  gtk_info_bar_add_child (self->late_bar, box);
  gtk_info_bar_set_revealed (self->late_bar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->late_bar), FALSE);
  gtk_widget_insert_after (GTK_WIDGET (self->late_bar), parent, GTK_WIDGET (self->info_bar));
}

static void
on_unlock_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Unlock the Plan"),
               _("Plan unlocked: the orders can change again"));
}

static void
on_unlock_reason_cb (AdwMessageDialog *dialog,
                     const char       *reason,
                     gpointer          owner)
{
  JcPlanPage *self = owner;

  if (self->db_path == NULL)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_unlock (self->db_path, self->date, g_get_user_name (), reason,
                       work_cancellable (self), on_unlock_done, g_object_ref (self));
}

static void
unlock_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  g_autofree char *date = jc_order_format_date (self->date);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* TRANSLATORS: the body of the unlock dialog; %s is the delivery date */
  body = g_strdup_printf (_("The orders of %s open again for changes and the plan is computed "
                            "afresh. Say why; the reason is kept with the plan."), date);
  dialog = jc_ui_ask_reason (widget, _("Unlock the Plan?"), body, _("Reason"), "unlock",
                             _("_Unlock"), on_unlock_reason_cb, self);
  g_set_weak_pointer (&self->unlock_dialog, GTK_WINDOW (dialog));
}

/* ---- recording actuals ------------------------------------------------------------ */

/* The typed actual quantity (base units) or price (yuan per base unit):
 * exact, rounded once to the milli-unit, greater than zero.  FALSE with
 * the message to show. */
static gboolean
parse_actual (GtkEntry  *entry,
              gboolean   is_price,
              gint64    *out,
              char     **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;
  JcUnitFactor one = { 1, 1 };
  JcDecimal d;
  gint64 v = 0;
  gboolean ok;

  ok = jc_decimal_parse (text, &d, &error) && jc_decimal_qty_to_base (&d, &one, &v, &error);
  if (!ok && g_error_matches (error, JC_UNITS_ERROR, JC_UNITS_ERROR_TOO_PRECISE))
    {
      *message = is_price
        ? g_strdup_printf (ngettext ("Actual price: “%s” has more than %d decimal",
                                     "Actual price: “%s” has more than %d decimals",
                                     JC_DECIMAL_MAX_DECIMALS),
                           text, JC_DECIMAL_MAX_DECIMALS)
        : g_strdup_printf (ngettext ("Actual quantity: “%s” has more than %d decimal",
                                     "Actual quantity: “%s” has more than %d decimals",
                                     JC_DECIMAL_MAX_DECIMALS),
                           text, JC_DECIMAL_MAX_DECIMALS);
      return FALSE;
    }
  if (!ok || v <= 0 || v > JC_MAX_MILLI)
    {
      *message = is_price
        ? g_strdup (_("Actual price: enter the price in yuan per base unit, greater than "
                      "zero, like 1.30"))
        : g_strdup (_("Actual quantity: enter an amount greater than zero, like 21.5"));
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static void
on_actual_entry_changed_cb (JcPlanPage  *self,
                            GtkEditable *entry)
{
  gint64 v;
  g_autofree char *message = NULL;

  if (self->form_filling)
    return;
  self->form_dirty = TRUE;
  /* the error goes as soon as the value it is about is right */
  if (self->error_entry == NULL)
    clear_actual_error (self);
  else if (GTK_ENTRY (entry) == self->error_entry &&
           parse_actual (self->error_entry, self->error_entry == self->price_entry, &v, &message))
    clear_actual_error (self);
}

static void
on_qty_entry_activate_cb (JcPlanPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->price_entry));
}

static void start_next_save (JcPlanPage *self);

static void
on_record_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;
  PendingSave *ps;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ps = g_queue_pop_head (self->saves);
  if (error != NULL)
    {
      g_autofree char *message = NULL;
      const JcPlanLine *l = selected_line (self);

      /* a save failed: the window stays open on the error */
      self->close_pending = FALSE;

      /* TRANSLATORS: a save of the actuals failed: "Not saved: 大白菜 (41 kg at 2.40): …" */
      message = g_strdup_printf (_("Not saved: %s (%s at %s): %s"), ps->item_name, ps->qty_text,
                                 ps->price_text, error->message);
      /* The values come back into the entries when nothing else is typed
       * there; the message names them in any case. */
      if (g_str_equal (ps->date, self->date) && !self->form_dirty)
        {
          g_free (self->keep_item);
          self->keep_item = g_strdup (ps->item_code);
          self->keep_supplement = ps->supplement_id;
          if (l != NULL && !is_line (l, ps->item_code, ps->supplement_id))
            select_line (self, ps->item_code, ps->supplement_id);
          fill_entry (self, self->qty_entry, ps->qty_text);
          fill_entry (self, self->price_entry, ps->price_text);
          g_free (self->form_item);
          self->form_item = g_strdup (ps->item_code);
          self->form_supplement = ps->supplement_id;
          self->form_dirty = TRUE;
        }
      show_actual_error (self, NULL, message);
    }
  else
    {
      g_autofree char *saved = g_strdup_printf (_("Saved: %s"), ps->item_name);

      jc_ui_toast (GTK_WIDGET (self), saved);
    }
  pending_save_free (ps);
  start_next_save (self);
}

/* One save at a time, in the order typed; the plan is read again when the
 * last one is done. */
static void
start_next_save (JcPlanPage *self)
{
  PendingSave *ps = g_queue_peek_head (self->saves);

  if (ps == NULL)
    {
      self->saving = FALSE;
      set_busy (self);
      if (self->close_pending && self->close_window != NULL)
        {
          /* all typed values are stored: the window closes as asked */
          self->close_pending = FALSE;
          self->close_allowed = TRUE;
          gtk_window_close (self->close_window);
          return;
        }
      self->close_pending = FALSE;
      load_plan (self);
      return;
    }
  self->saving = TRUE;
  set_busy (self);
  jc_plan_task_record (self->db_path, ps->date, ps->item_code, ps->supplement_id, ps->qty_milli,
                       ps->price_milliyuan,
                       g_get_user_name (), work_cancellable (self), on_record_done,
                       g_object_ref (self));
}

/* The name of the item the entries hold. */
static const char *
current_form_name (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);

  for (guint i = 0; plan != NULL && i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      if (is_line (l, self->form_item, self->form_supplement))
        return l->item_name;
    }
  return self->form_item;
}

/* Checks the entries and queues their save for the line they hold.  FALSE
 * (with the error shown on the entry) when a value is wrong. */
static gboolean
save_form (JcPlanPage *self)
{
  const JcPlan *plan = current_plan (self);
  g_autofree char *message = NULL;
  PendingSave *ps;
  gint64 qty = 0, price = 0;
  const char *name = self->form_item;

  if (plan == NULL || self->form_item == NULL)
    return FALSE;
  clear_actual_error (self);
  if (!parse_actual (self->qty_entry, FALSE, &qty, &message))
    {
      show_actual_error (self, self->qty_entry, message);
      return FALSE;
    }
  if (!parse_actual (self->price_entry, TRUE, &price, &message))
    {
      show_actual_error (self, self->price_entry, message);
      return FALSE;
    }
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const JcPlanLine *l = plan->lines->pdata[i];

      if (is_line (l, self->form_item, self->form_supplement))
        name = l->item_name;
    }
  ps = g_new0 (PendingSave, 1);
  g_strlcpy (ps->date, self->date, sizeof ps->date);
  ps->item_code = g_strdup (self->form_item);
  ps->supplement_id = self->form_supplement;
  ps->item_name = g_strdup (name);
  ps->qty_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->qty_entry))));
  ps->price_text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->price_entry))));
  ps->qty_milli = qty;
  ps->price_milliyuan = price;
  self->form_dirty = FALSE;
  g_queue_push_tail (self->saves, ps);
  if (!self->saving)
    start_next_save (self);
  return TRUE;
}

/* The entries are about to show another line (or another day): what was
 * typed is saved.  Both cleared: nothing to save.  FALSE: a value is
 * wrong, the error is shown and the values stay. */
static gboolean
leave_form (JcPlanPage *self)
{
  const char *qty = gtk_editable_get_text (GTK_EDITABLE (self->qty_entry));
  const char *price = gtk_editable_get_text (GTK_EDITABLE (self->price_entry));
  g_autofree char *q = g_strstrip (g_strdup (qty));
  g_autofree char *p = g_strstrip (g_strdup (price));

  if (!self->form_dirty || self->form_item == NULL)
    return TRUE;
  if (*q == '\0' && *p == '\0')
    {
      self->form_dirty = FALSE;
      return TRUE;
    }
  return save_form (self);
}

static void
on_unsaved_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        JcPlanPage       *self)
{
  if (!g_str_equal (response, "close") || self->close_window == NULL)
    return;
  /* what is typed is let go, as the clerk chose */
  self->form_dirty = FALSE;
  self->close_allowed = TRUE;
  gtk_window_close (self->close_window);
}

/* The window is asked to close (its close button, Ctrl+W, the app's
 * quit): what is typed in the actuals and not saved yet is saved first,
 * on the worker, and the window closes when every save is done.  A typed
 * value that is wrong holds the close with a question; a failed save holds
 * it with its error on the page. */
static gboolean
on_root_close_request_cb (GtkWindow  *window,
                          JcPlanPage *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->close_allowed || self->db_path == NULL)
    return FALSE;
  g_set_weak_pointer (&self->close_window, window);
  if (!self->saving && gtk_widget_is_sensitive (self->actual_box) && !leave_form (self))
    {
      /* TRANSLATORS: %s the item whose typed purchase is wrong */
      heading = g_strdup_printf (_("The Purchase of %s Is Not Saved"),
                                 self->form_item != NULL ? current_form_name (self) : "");
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading,
                                                           gtk_label_get_text (self->actual_error)));
      adw_message_dialog_add_responses (dialog,
                                        "keep", _("_Keep Editing"),
                                        "close", _("_Close Without Saving"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "keep");
      adw_message_dialog_set_close_response (dialog, "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (!self->saving)
    return FALSE;
  self->close_pending = TRUE;
  return TRUE;
}

static void
jc_plan_page_root (GtkWidget *widget)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (jc_plan_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    self->close_handler = g_signal_connect_object (root, "close-request",
                                                   G_CALLBACK (on_root_close_request_cb), self, 0);
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
record_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  if (selected_line (self) == NULL)
    return;
  save_form (self);
}

/* Enter in the price: save, and on to the quantity of the next line. */
static void
on_price_entry_activate_cb (JcPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint current = gtk_single_selection_get_selected (self->selection);

  if (selected_line (self) == NULL || !gtk_widget_is_sensitive (self->actual_box) ||
      !save_form (self))
    return;
  for (guint i = current + 1; current != GTK_INVALID_LIST_POSITION && i < n; i++)
    {
      g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      if (row_of (item)->kind == ROW_LINE)
        {
          jc_ui_select_position (self->plan_view, i);
          gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
          return;
        }
    }
}

/* ---- removing a recorded purchase ---------------------------------------------- */

static void
on_remove_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;

  finish_work (self, result, _("Could Not Remove the Purchase"),
               _("Purchase removed"));
}

static void
on_remove_reason_cb (AdwMessageDialog *dialog,
                     const char       *reason,
                     gpointer          owner)
{
  JcPlanPage *self = owner;
  const char *item_code = g_object_get_data (G_OBJECT (dialog), "item-code");

  if (self->db_path == NULL || item_code == NULL)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_remove_purchase (self->db_path, self->date, item_code, g_get_user_name (), reason,
                                work_cancellable (self), on_remove_done, g_object_ref (self));
}

static void
remove_purchase_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  const JcPlanLine *l = selected_line (self);
  g_autofree char *date = jc_order_format_date (self->date);
  g_autofree char *qty = NULL;
  g_autofree char *price = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (l == NULL || !l->has_actual)
    return;
  qty = jc_format_qty (l->actual_qty_milli);
  price = jc_format_price (l->actual_price_milliyuan);
  /* TRANSLATORS: the body of the remove-purchase dialog: item, delivery
   * date, quantity, its unit, price, the unit it is per */
  body = g_strdup_printf (_("The purchase of %s recorded for %s (%s %s at %s ¥/%s) is removed "
                            "and the line counts at its planned cost again. Say why; the reason "
                            "is kept with the plan."),
                          l->item_name, date, qty, jc_ui_base_unit_label (l->base_unit), price,
                          jc_ui_base_unit_label (l->base_unit));
  dialog = jc_ui_ask_reason (widget, _("Remove the Recorded Purchase?"), body, _("Reason"),
                             "remove", _("_Remove"), on_remove_reason_cb, self);
  g_object_set_data_full (G_OBJECT (dialog), "item-code", g_strdup (l->item_code), g_free);
  g_set_weak_pointer (&self->remove_dialog, GTK_WINDOW (dialog));
}

static void
on_plan_view_activate_cb (JcPlanPage *self,
                          guint       position)
{
  const JcPlan *plan = current_plan (self);

  /* Enter on a line of a locked plan: type what was bought. */
  if (plan != NULL && plan->status == JC_PLAN_LOCKED && selected_line (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->qty_entry));
}

static void
on_threshold_changed_cb (JcPlanPage *self)
{
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);
  refresh_cells (self);
}

/* ---- documents: export, print, preview ------------------------------------------ */

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcPlanPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jc_plan_task_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->working = FALSE;
  set_busy (self);
  if (error != NULL)
    jc_ui_show_error (GTK_WIDGET (self), _("Could Not Export the Purchase Order"),
                      error->message);
  else
    jc_ui_toast (GTK_WIDGET (self), _("Purchase order saved"));
}

static void
on_export_chooser_response (JcPlanPage *self,
                            int         response)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  JcPlanExportKind kind;

  if (self->chooser == NULL)
    return;
  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "jc-kind"));
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL || self->db_path == NULL)
    return;
  self->working = TRUE;
  set_busy (self);
  jc_plan_task_export (self->db_path, self->date, kind, path, work_cancellable (self),
                       on_export_done, g_object_ref (self));
}

static void
choose_export_file (JcPlanPage       *self,
                    JcPlanExportKind  kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  self->chooser = gtk_file_chooser_native_new (kind == JC_PLAN_EXPORT_PDF
                                                 ? _("Export the Purchase Order as PDF")
                                                 : _("Export the Purchase Order as XLSX"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  /* TRANSLATORS: the suggested file name of the purchase order; %s the date */
  name = g_strdup_printf (_("purchase-order-%s.%s"), self->date,
                          kind == JC_PLAN_EXPORT_PDF ? "pdf" : "xlsx");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (kind == JC_PLAN_EXPORT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "jc-kind", GINT_TO_POINTER (kind));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_chooser_response),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_export_file (JC_PLAN_PAGE (widget), JC_PLAN_EXPORT_PDF);
}

static void
export_xlsx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  choose_export_file (JC_PLAN_PAGE (widget), JC_PLAN_EXPORT_XLSX);
}

static void
on_begin_print_cb (GtkPrintOperation *op,
                   GtkPrintContext   *context,
                   PlanRef           *ref)
{
  guint n = jc_plan_doc_n_pages (ref->plan, gtk_print_context_get_width (context),
                                 gtk_print_context_get_height (context));

  gtk_print_operation_set_n_pages (op, MAX (n, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *op,
                 GtkPrintContext   *context,
                 int                page,
                 PlanRef           *ref)
{
  jc_plan_doc_draw_page (gtk_print_context_get_cairo_context (context), ref->plan, (guint) page,
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *job = NULL;
  GtkPaperSize *a4;

  if (self->ref == NULL)
    return;
  g_clear_object (&self->print_op);
  self->print_op = gtk_print_operation_new ();
  /* TRANSLATORS: the print job's name; %s the delivery date */
  job = g_strdup_printf (_("Purchase order %s"), self->date);
  gtk_print_operation_set_job_name (self->print_op, job);
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (self->print_op, setup);
  gtk_print_operation_set_unit (self->print_op, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  g_signal_connect_data (self->print_op, "begin-print", G_CALLBACK (on_begin_print_cb),
                         plan_ref_ref (self->ref), (GClosureNotify) plan_ref_unref, 0);
  g_signal_connect_data (self->print_op, "draw-page", G_CALLBACK (on_draw_page_cb),
                         plan_ref_ref (self->ref), (GClosureNotify) plan_ref_unref, 0);
  if (gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    jc_ui_show_error (widget, _("Could Not Print the Purchase Order"), error->message);
}

/* The preview: the purchase order's pages as the PDF and the printer get
 * them, drawn by the same function, one page at a time scaled to fit. */
typedef struct {
  PlanRef   *ref;
  guint      page;
  guint      n_pages;
  GtkWidget *area;
  GtkLabel  *label;
  GtkWidget *previous;
  GtkWidget *next;
} Preview;

static void
preview_free (Preview *p)
{
  plan_ref_unref (p->ref);
  g_free (p);
}

static void
preview_update (Preview *p)
{
  /* TRANSLATORS: the preview's page counter: "Page 1 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), p->page + 1, p->n_pages);

  gtk_label_set_text (p->label, text);
  gtk_widget_set_sensitive (p->previous, p->page > 0);
  gtk_widget_set_sensitive (p->next, p->page + 1 < p->n_pages);
  gtk_widget_queue_draw (p->area);
}

#define PAGE_W JC_PLAN_DOC_A4_WIDTH
#define PAGE_H JC_PLAN_DOC_A4_HEIGHT

static void
preview_draw_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  Preview *p = user_data;
  double margin = 16;
  double s = MIN ((width - 2 * margin) / PAGE_W, (height - 2 * margin) / PAGE_H);
  double x, y;

  if (s <= 0)
    return;
  x = (width - PAGE_W * s) / 2;
  y = (height - PAGE_H * s) / 2;
  cairo_save (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_rectangle (cr, x + 2, y + 3, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, PAGE_W * s, PAGE_H * s);
  cairo_fill (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  jc_plan_doc_draw_page (cr, p->ref->plan, p->page, PAGE_W, PAGE_H);
  cairo_restore (cr);
}

static void
on_preview_previous_cb (GtkButton *button,
                        Preview   *p)
{
  if (p->page > 0)
    p->page--;
  preview_update (p);
}

static void
on_preview_next_cb (GtkButton *button,
                    Preview   *p)
{
  if (p->page + 1 < p->n_pages)
    p->page++;
  preview_update (p);
}

static gboolean
preview_key_cb (GtkWidget *window,
                GVariant  *args,
                gpointer   user_data)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "jc-preview");
  int step = g_variant_get_int32 (args);

  if (step == 0)
    gtk_window_close (GTK_WINDOW (window));
  else if (step < 0)
    on_preview_previous_cb (NULL, p);
  else
    on_preview_next_cb (NULL, p);
  return TRUE;
}

static void
on_preview_export_cb (GtkButton  *button,
                      JcPlanPage *self)
{
  if (self->preview != NULL)
    gtk_window_close (self->preview);
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.export-pdf", NULL);
}

static void
on_preview_print_cb (GtkButton  *button,
                     JcPlanPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "plan.print", NULL);
}

static void
preview_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window, *header, *nav, *export, *print;
  GtkEventController *keys;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  Preview *p;
  struct { guint key; int step; } bindings[] = {
    { GDK_KEY_Escape, 0 }, { GDK_KEY_Page_Up, -1 }, { GDK_KEY_Left, -1 },
    { GDK_KEY_Page_Down, 1 }, { GDK_KEY_Right, 1 },
  };

  if (self->ref == NULL)
    return;
  if (self->preview != NULL)
    gtk_window_destroy (self->preview);
  p = g_new0 (Preview, 1);
  p->ref = plan_ref_ref (self->ref);
  p->n_pages = MAX (jc_plan_doc_n_pages (p->ref->plan, PAGE_W, PAGE_H), 1);

  window = gtk_window_new ();
  date = jc_order_format_date (self->date);
  /* TRANSLATORS: the preview window's title; %s the delivery date */
  title = g_strdup_printf (_("Purchase Order %s"), date);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (window), TRUE);
    }
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_object_set_data_full (G_OBJECT (window), "jc-preview", p, (GDestroyNotify) preview_free);

  header = gtk_header_bar_new ();
  nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  p->previous = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (p->previous, _("Previous page (Page Up)"));
  p->next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (p->next, _("Next page (Page Down)"));
  p->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (p->label), "numeric");
  gtk_box_append (GTK_BOX (nav), p->previous);
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (p->label));
  gtk_box_append (GTK_BOX (nav), p->next);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), nav);
  export = gtk_button_new_with_mnemonic (_("_Export PDF…"));
  gtk_widget_add_css_class (export, "suggested-action");
  gtk_widget_set_sensitive (export, self->db_path != NULL && !self->working);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), export);
  print = gtk_button_new_from_icon_name ("document-print-symbolic");
  gtk_widget_set_tooltip_text (print, _("Print"));
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), print);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  g_signal_connect (p->previous, "clicked", G_CALLBACK (on_preview_previous_cb), p);
  g_signal_connect (p->next, "clicked", G_CALLBACK (on_preview_next_cb), p);
  g_signal_connect_object (export, "clicked", G_CALLBACK (on_preview_export_cb), self, 0);
  g_signal_connect_object (print, "clicked", G_CALLBACK (on_preview_print_cb), self, 0);

  p->area = gtk_drawing_area_new ();
  gtk_widget_set_hexpand (p->area, TRUE);
  gtk_widget_set_vexpand (p->area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (p->area), preview_draw_cb, p, NULL);
  gtk_window_set_child (GTK_WINDOW (window), p->area);

  keys = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (bindings[i].key, 0),
                                       gtk_callback_action_new (preview_key_cb, NULL, NULL),
                                       "i", bindings[i].step));
  gtk_widget_add_controller (window, keys);

  preview_update (p);
  g_set_weak_pointer (&self->preview, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* ---- actions -------------------------------------------------------------------- */

static void
statements_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  JcStatementsDialog *dialog;

  if (self->db_path == NULL)
    return;
  dialog = jc_statements_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->db_path, self->date);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
previous_day_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  shift_date (JC_PLAN_PAGE (widget), -1);
}

static void
next_day_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  shift_date (JC_PLAN_PAGE (widget), 1);
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_plan (JC_PLAN_PAGE (widget));
}

/* ---- GObject ---------------------------------------------------------------------- */

static void
jc_plan_page_map (GtkWidget *widget)
{
  JcPlanPage *self = JC_PLAN_PAGE (widget);

  GTK_WIDGET_CLASS (jc_plan_page_parent_class)->map (widget);
  /* Orders change on other pages and desks: a fresh plan when shown. */
  if (!self->loading && !self->working && self->db_path != NULL)
    load_plan (self);
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
    case PROP_DB_PATH:
      jc_plan_page_set_db_path (self, g_value_get_string (value));
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
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->preview != NULL)
    gtk_window_destroy (self->preview);
  g_clear_weak_pointer (&self->preview);
  g_clear_weak_pointer (&self->unlock_dialog);
  g_clear_weak_pointer (&self->remove_dialog);
  g_clear_weak_pointer (&self->close_window);
  g_clear_object (&self->print_op);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_PLAN_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->ref, plan_ref_unref);
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
  g_queue_free_full (self->saves, (GDestroyNotify) pending_save_free);
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
   * JcPlanPage:db-path:
   * The database file; every worker of the page opens its own store on it.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcPlanPage:date:
   * The delivery date of the plan on show, "YYYY-MM-DD"; tomorrow at first.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, date_button);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, JcPlanPage, calendar);
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
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_qty_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_actual_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "plan.previous-day", NULL, previous_day_activated);
  gtk_widget_class_install_action (widget_class, "plan.next-day", NULL, next_day_activated);
  gtk_widget_class_install_action (widget_class, "plan.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "plan.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "plan.unlock", NULL, unlock_activated);
  gtk_widget_class_install_action (widget_class, "plan.supplement", "s", supplement_activated);
  gtk_widget_class_install_action (widget_class, "plan.decline", "s", decline_activated);
  gtk_widget_class_install_action (widget_class, "plan.record", NULL, record_activated);
  gtk_widget_class_install_action (widget_class, "plan.remove-purchase", NULL,
                                   remove_purchase_activated);
  gtk_widget_class_install_action (widget_class, "plan.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "plan.export-xlsx", NULL, export_xlsx_activated);
  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "plan.preview", NULL, preview_activated);
  gtk_widget_class_install_action (widget_class, "plan.statements", NULL, statements_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "plan.previous-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "plan.next-day", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "plan.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "plan.print", NULL);
}

static void
jc_plan_page_init (JcPlanPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *date = g_date_time_format (tomorrow, "%Y-%m-%d");

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the figures wrap like text: their boxes are not stops of the Tab key */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  build_late_bar (self);
  self->cancellable = g_cancellable_new ();
  self->saves = g_queue_new ();
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);

  self->rows = g_list_store_new (JC_TYPE_ORDER_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->plan_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_set_model (self->names_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* The variance limit of the last session; the spin button writes it back. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "plan-variance-threshold", self->threshold_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  self->threshold = gtk_spin_button_get_value_as_int (self->threshold_spin);

  g_strlcpy (self->date, date, sizeof self->date);
  update_date_widgets (self);
  gtk_stack_set_visible_child_name (self->content_stack, "no-database");
  update_figures (self);
  update_drill (self);
  update_actual_form (self);
  update_actions (self);
}

/**
 * jc_plan_page_new:
 * @db_path: (nullable): the database file
 * Returns: (transfer floating): a new plan page showing tomorrow.
 */
GtkWidget *
jc_plan_page_new (const char *db_path)
{
  return g_object_new (JC_TYPE_PLAN_PAGE, "db-path", db_path, NULL);
}

/**
 * jc_plan_page_set_db_path:
 * @db_path: (nullable): another database file, NULL for none
 */
void
jc_plan_page_set_db_path (JcPlanPage *self,
                          const char *db_path)
{
  g_return_if_fail (JC_IS_PLAN_PAGE (self));

  if (!jc_task_set_db_path (&self->db_path, db_path))
    return;
  /* Work under way belongs to the other database. */
  jc_task_restart_cancellable (&self->cancellable);
  self->working = FALSE;
  show_plan (self, NULL);
  load_plan (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

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

  /* what was typed for the day left is saved, for that day */
  if (self->form_dirty && !g_str_equal (date, self->date) && !leave_form (self))
    jc_ui_toast (GTK_WIDGET (self), gtk_label_get_text (self->actual_error));
  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_order_date_shift, G_STRFUNC,
                         "a date (YYYY-MM-DD)"))
    return;
  self->form_dirty = FALSE;
  g_clear_pointer (&self->keep_item, g_free);
  update_date_widgets (self);
  load_plan (self);
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

  load_plan (self);
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
  return current_plan (self);
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

static gboolean
select_line (JcPlanPage *self,
             const char *item_code,
             gint64      supplement_id)
{
  guint position = find_line (self, item_code, supplement_id);

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  jc_ui_select_position (self->plan_view, position);
  return TRUE;
}

static guint
find_line (JcPlanPage *self,
           const char *item_code,
           gint64      supplement_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      const PlanRow *row = row_of (item);

      if (row->kind == ROW_LINE && is_line (row->line, item_code, supplement_id))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
_jc_plan_page_select_item (JcPlanPage *self,
                           const char *item_code)
{
  return select_line (self, item_code, 0);
}

/* The text of a cell as the table shows it; `item_code` NULL: the totals
 * row.  `out_css`: the highlight class, if any. */
char *
_jc_plan_page_dup_cell_text (JcPlanPage   *self,
                             const char   *item_code,
                             JcPlanColumn  column,
                             const char  **out_css)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint position = GTK_INVALID_LIST_POSITION;
  g_autoptr(JcOrderRow) item = NULL;
  g_autofree char *tooltip = NULL;
  const char *css = NULL;
  gboolean stale;
  char *text;

  if (item_code != NULL)
    position = find_line (self, item_code, 0);
  else if (n > 0)
    position = n - 1;
  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  text = format_cell (self, row_of (item), column, &tooltip, &css, &stale);
  if (out_css != NULL)
    *out_css = css;
  return text;
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

guint
_jc_plan_preview_get_n_pages (GtkWindow *preview)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "jc-preview");

  return p != NULL ? p->n_pages : 0;
}

guint
_jc_plan_preview_get_page (GtkWindow *preview)
{
  Preview *p = g_object_get_data (G_OBJECT (preview), "jc-preview");

  return p != NULL ? p->page : 0;
}

GtkSpinButton *
_jc_plan_page_get_threshold_spin (JcPlanPage *self)
{
  return self->threshold_spin;
}
