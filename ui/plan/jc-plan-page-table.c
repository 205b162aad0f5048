/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-plan-page-table.c: the plan page's table — its rows (categories, the
 * lines, the total) over a shared plan, the columns and what each cell
 * shows, finding and selecting a line.  It draws from the plan on show and
 * never starts a worker or changes the page's state beyond the rows. */
#include "config.h"

#define G_LOG_DOMAIN "jc-plan-page"

#include <glib/gi18n.h>

#include "jc-order-format.h"
#include "jc-orders.h"
#include "jc-plan-page-private.h"
#include "jc-prices.h"
#include "jc-ui-util.h"

static guint find_line (JcPlanPage *self,
                        const char *item_code,
                        gint64      supplement_id);

/* ---- a plan shared by the rows, the preview and a print job ------------- */

static void
plan_ref_clear (PlanRef *ref)
{
  g_clear_pointer (&ref->plan, jc_plan_free);
}

PlanRef *
_jc_plan_ref_new (JcPlan *plan)
{
  PlanRef *ref = g_atomic_rc_box_new0 (PlanRef);

  ref->plan = plan;
  return ref;
}

PlanRef *
_jc_plan_ref_ref (PlanRef *ref)
{
  return g_atomic_rc_box_acquire (ref);
}

void
_jc_plan_ref_unref (PlanRef *ref)
{
  g_atomic_rc_box_release_full (ref, (GDestroyNotify) plan_ref_clear);
}

/* ---- the rows of the table ---------------------------------------------- */

static void
plan_row_free (PlanRow *row)
{
  _jc_plan_ref_unref (row->ref);
  g_free (row->title);
  g_free (row);
}

static PlanRow *
plan_row_new (RowKind  kind,
              PlanRef *ref)
{
  PlanRow *row = g_new0 (PlanRow, 1);

  row->kind = kind;
  row->ref = _jc_plan_ref_ref (ref);
  return row;
}

/* ---- cells ------------------------------------------------------------- */

static char *
format_variance (gint64 permille)
{
  /* TRANSLATORS: a change in per mille with its sign, "+12‰" */
  return g_strdup_printf (C_("variance", "%+lld‰"), (long long) permille);
}

char *
_jc_plan_page_format_signed_money (gint64 fen)
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
  const PlanRow *row = _jc_plan_row_of (gtk_list_item_get_item (list_item));
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

void
_jc_plan_page_add_columns (JcPlanPage *self)
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

void
_jc_plan_page_refresh_cells (JcPlanPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  /* The same rows, bound again with the new highlights. */
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->rows), 0, n, n);
}

const JcPlanLine *
_jc_plan_page_selected_line (JcPlanPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  const PlanRow *row = item ? _jc_plan_row_of (item) : NULL;

  return row != NULL && row->kind == ROW_LINE ? row->line : NULL;
}

void
_jc_plan_page_fill_rows (JcPlanPage *self,
                         PlanRef    *ref)
{
  const JcPlan *plan = ref->plan;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  PlanRow *category = NULL;
  PlanRow *total = plan_row_new (ROW_TOTAL, ref);
  guint select = GTK_INVALID_LIST_POSITION, first_line = GTK_INVALID_LIST_POSITION;
  const JcPlanLine *current = _jc_plan_page_selected_line (self);

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
      if (_jc_plan_line_is (l, self->keep_item, self->keep_supplement))
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

gboolean
_jc_plan_page_select_line (JcPlanPage *self,
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
      const PlanRow *row = _jc_plan_row_of (item);

      if (row->kind == ROW_LINE && _jc_plan_line_is (row->line, item_code, supplement_id))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
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
  text = format_cell (self, _jc_plan_row_of (item), column, &tooltip, &css, &stale);
  if (out_css != NULL)
    *out_css = css;
  return text;
}
