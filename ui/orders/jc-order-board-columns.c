/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-board-columns.c: the columns of the orders page's board — one
 * row per canteen: code, name, status, lines, estimated cost, the late and
 * after-lock flags, the last change — how each cell is made, filled and
 * sorted.  It only draws rows it is given: it loads nothing and knows
 * nothing of the page. */
#include "config.h"

#define G_LOG_DOMAIN "jc-orders-page"

#include <glib/gi18n.h>

#include "jc-columns.h"
#include "jc-order-board-columns.h"
#include "jc-order-format.h"
#include "jc-order-row.h"
#include "jc-order-tasks.h"
#include "jc-ui-util.h"

typedef enum {
  COLUMN_CODE,
  COLUMN_CANTEEN,
  COLUMN_STATUS,
  COLUMN_LINES,
  COLUMN_COST,
  COLUMN_LATE,
  COLUMN_CHANGED,
} BoardColumn;

static const JcOrderBoardLine *
board_line_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

static void
board_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  BoardColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  switch (column)
    {
    case COLUMN_STATUS:
    case COLUMN_LATE:
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      break;
    case COLUMN_LINES:
    case COLUMN_COST:
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      break;
    case COLUMN_CODE:
    case COLUMN_CANTEEN:
    case COLUMN_CHANGED:
    default:
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      break;
    }
  if (column == COLUMN_CHANGED)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
board_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  BoardColumn column = GPOINTER_TO_INT (user_data);
  const JcOrderBoardLine *line = board_line_of (gtk_list_item_get_item (list_item));
  const JcBoardRow *row = line->row;
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (column)
    {
    case COLUMN_CODE:
      text = g_strdup (row->canteen_code);
      break;
    case COLUMN_CANTEEN:
      text = g_strdup (row->canteen_name);
      tooltip = g_strdup (row->canteen_name);
      break;
    case COLUMN_STATUS:
      jc_order_set_status_pill (label, row->status);
      return;
    case COLUMN_LINES:
      text = row->status == JC_ORDER_NOT_STARTED ? g_strdup ("") : g_strdup_printf ("%u", row->n_lines);
      break;
    case COLUMN_COST:
      if (row->n_lines == 0)
        text = g_strdup ("");
      else if (row->n_no_price == row->n_lines)
        text = g_strdup (C_("estimated cost", "no price"));
      else
        text = jc_order_format_money (row->est_cost_fen);
      if (row->n_no_price > 0)
        tooltip = g_strdup_printf (ngettext ("%u line has no reference price and is not counted",
                                             "%u lines have no reference price and are not counted",
                                             row->n_no_price),
                                   row->n_no_price);
      gtk_widget_set_opacity (label, row->n_no_price == row->n_lines ? 0.55 : 1.0);
      break;
    case COLUMN_LATE:
      gtk_widget_set_visible (label, row->late || row->after_lock != JC_ORDER_AFTER_LOCK_NONE);
      gtk_widget_add_css_class (label, "jc-pill");
      gtk_widget_add_css_class (label, "late");
      switch (row->after_lock)
        {
        case JC_ORDER_AFTER_LOCK_PENDING:
          gtk_label_set_text (GTK_LABEL (label), C_("order flag", "Not in plan"));
          gtk_widget_set_tooltip_text (label, _("Accepted after the plan was locked: not in the "
                                                "locked plan until procurement settles it"));
          break;
        case JC_ORDER_AFTER_LOCK_DECLINED:
          gtk_label_set_text (GTK_LABEL (label), C_("order flag", "Declined"));
          gtk_widget_set_tooltip_text (label, _("Declined by procurement: open the order for "
                                                "the reason"));
          break;
        case JC_ORDER_AFTER_LOCK_SUPPLEMENTED:
          gtk_label_set_text (GTK_LABEL (label), C_("order flag", "Supplementary"));
          gtk_widget_set_tooltip_text (label, _("Accepted after the plan was locked and bought "
                                                "as a supplementary purchase"));
          break;
        case JC_ORDER_AFTER_LOCK_NONE:
        default:
          gtk_label_set_text (GTK_LABEL (label), C_("order flag", "Late"));
          gtk_widget_set_tooltip_text (label, _("Changed after the cutoff as a late amendment"));
          break;
        }
      return;
    case COLUMN_CHANGED:
      text = jc_order_format_timestamp (line->updated_at, TRUE);
      tooltip = jc_order_format_timestamp (line->updated_at, FALSE);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip && *tooltip ? tooltip : NULL);
}

static int
board_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  BoardColumn column = GPOINTER_TO_INT (user_data);
  const JcOrderBoardLine *la = board_line_of ((gpointer) a), *lb = board_line_of ((gpointer) b);
  const JcBoardRow *ra = la->row, *rb = lb->row;
  int r = 0;

  switch (column)
    {
    case COLUMN_CANTEEN:
      r = jc_ui_compare_text (ra->canteen_name, rb->canteen_name);
      break;
    case COLUMN_STATUS:
      r = jc_ui_compare_int (ra->status, rb->status);
      break;
    case COLUMN_LINES:
      r = jc_ui_compare_int (ra->n_lines, rb->n_lines);
      break;
    case COLUMN_COST:
      r = jc_ui_compare_int (ra->est_cost_fen, rb->est_cost_fen);
      break;
    case COLUMN_LATE:
      r = jc_ui_compare_int (rb->late, ra->late);
      break;
    case COLUMN_CHANGED:
      r = jc_ui_compare_text (la->updated_at, lb->updated_at);
      break;
    case COLUMN_CODE:
    default:
      break;
    }
  if (r == 0)
    r = jc_ui_compare_text (ra->canteen_code, rb->canteen_code);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/**
 * jc_order_board_add_columns:
 * Appends the board's columns to `view`, each with its sorter.  The
 * view's model holds JcOrderRow of JcOrderBoardLine.
 */
void
jc_order_board_add_columns (GtkColumnView *view)
{
  const JcColumnSpec columns[] = {
    { C_("column title", "Code"), COLUMN_CODE, FALSE, 80 },
    { C_("column title", "Canteen"), COLUMN_CANTEEN, TRUE, 220 },
    { C_("column title", "Status"), COLUMN_STATUS, FALSE, 120 },
    { C_("column title", "Lines"), COLUMN_LINES, FALSE, 70 },
    { C_("column title", "Estimated Cost"), COLUMN_COST, FALSE, 140 },
    { C_("column title", "Late"), COLUMN_LATE, FALSE, 110 },
    { C_("column title", "Last Change"), COLUMN_CHANGED, FALSE, 150 },
  };

  jc_columns_add (view, columns, G_N_ELEMENTS (columns), G_CALLBACK (board_setup_cb),
                  G_CALLBACK (board_bind_cb), board_compare_cb, NULL);
}
