/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page-view.c: how the Prices page shows the market — a row
 * object per item, the column view's cells, columns and sort order, and
 * the texts of prices and changes.  It must not read the database nor
 * start work: the page hands it rows. */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-columns.h"
#include "jc-prices-page-private.h"
#include "jc-ui-util.h"
#include "jc-units.h"

/* ---- one row of the market -------------------------------------------- */

G_DEFINE_FINAL_TYPE (JcMarketObject, jc_market_object, G_TYPE_OBJECT)

static void
jc_market_object_finalize (GObject *object)
{
  g_clear_pointer (&JC_MARKET_OBJECT (object)->row, jc_market_row_free);
  G_OBJECT_CLASS (jc_market_object_parent_class)->finalize (object);
}

static void
jc_market_object_class_init (JcMarketObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jc_market_object_finalize;
}

static void
jc_market_object_init (JcMarketObject *self)
{
}

JcMarketObject *
_jc_market_object_new (JcMarketRow *row)
{
  JcMarketObject *self = g_object_new (JC_TYPE_MARKET_OBJECT, NULL);

  self->row = row;
  return self;
}

/* ---- texts ------------------------------------------------------------ */

const char *
_jc_price_unit_label (JcBaseUnit unit)
{
  switch (unit)
    {
    /* TRANSLATORS: a price per base unit; Chinese: "元/kg" */
    case JC_BASE_UNIT_KG: return C_("price unit", "¥/kg");
    /* TRANSLATORS: a price per piece; Chinese: "元/个" */
    case JC_BASE_UNIT_PIECE: return C_("price unit", "¥/piece");
    /* TRANSLATORS: a price per litre; Chinese: "元/L" */
    case JC_BASE_UNIT_L: return C_("price unit", "¥/L");
    default: return "";
    }
}

/* A price for a column of prices: 2 or 3 decimals as the value has them,
 * exact; a figure space (as wide as a digit in tabular figures) stands in
 * for a missing third decimal, so that the decimal points line up. */
static char *
format_price_cell (gint64 milliyuan)
{
  char *text = jc_format_price (milliyuan);
  const char *dot = strchr (text, '.');

  if (dot != NULL && strlen (dot + 1) == 2)
    {
      char *padded = g_strconcat (text, "\u2007", NULL);

      g_free (text);
      return padded;
    }
  return text;
}

/* "↑ 3.4%": a change in ‰ as a percentage with one decimal. */
static char *
format_change (gint64 permille)
{
  g_autofree char *number = jc_format_decimal (permille < 0 ? -permille : permille, 1, 1);

  if (permille > 0)
    return g_strdup_printf ("↑ %s%%", number);
  if (permille < 0)
    return g_strdup_printf ("↓ %s%%", number);
  return g_strdup_printf ("%s%%", number);
}

/* ---- cells ------------------------------------------------------------ */

typedef enum {
  COL_ITEM,
  COL_SPEC,
  COL_ORIGIN,
  COL_LOW,
  COL_AVG,
  COL_HIGH,
  COL_UNIT,
  COL_DAY,
  COL_WEEK,
  COL_DATE,
} Column;

static gboolean
column_is_number (Column col)
{
  return col == COL_LOW || col == COL_AVG || col == COL_HIGH || col == COL_DAY || col == COL_WEEK;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column_is_number (col))
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (col == COL_DATE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_list_item_set_child (list_item, box);
      return;
    }
  gtk_list_item_set_child (list_item, label);
}

static void
set_change_class (GtkWidget *label,
                  gint64     permille,
                  gboolean   known)
{
  /* as Chinese markets show it: red is up, green is down */
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "dim-label");
  if (!known || permille == 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, permille > 0 ? "error" : "success");
}

static void
bind_change (GtkWidget *label,
             gint64     now,
             gboolean   known,
             gint64     before,
             gboolean   week)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *price = NULL;
  gint64 permille = known ? jc_change_permille (now, before) : 0;

  if (known)
    {
      text = format_change (permille);
      price = jc_format_price (before);
      tooltip = week ? g_strdup_printf (_("A week before: %s"), price)
                     : g_strdup_printf (_("The market day before: %s"), price);
    }
  else
    {
      /* TRANSLATORS: no price to compare with */
      text = g_strdup (C_("price change", "—"));
      tooltip = g_strdup (week ? _("No price a week before") : _("No price on an earlier day"));
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, tooltip);
  set_change_class (label, permille, known);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column col = GPOINTER_TO_INT (user_data);
  const JcMarketRow *row = JC_MARKET_OBJECT (gtk_list_item_get_item (list_item))->row;
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch (col)
    {
    case COL_ITEM:
      text = g_strdup (row->item_name);
      /* TRANSLATORS: an item's name and its catalog code */
      tooltip = g_strdup_printf (C_("item with code", "%s (%s)"), row->item_name, row->item_code);
      break;
    case COL_SPEC:
      text = g_strdup (row->spec);
      tooltip = g_strdup (row->spec);
      break;
    case COL_ORIGIN:
      text = g_strdup (row->origin);
      tooltip = g_strdup (row->origin);
      break;
    case COL_LOW:
      text = format_price_cell (row->low_milliyuan);
      break;
    case COL_AVG:
      text = format_price_cell (row->avg_milliyuan);
      break;
    case COL_HIGH:
      text = format_price_cell (row->high_milliyuan);
      break;
    case COL_UNIT:
      text = g_strdup (_jc_price_unit_label (row->base_unit));
      break;
    case COL_DAY:
      bind_change (child, row->avg_milliyuan, row->has_prev_day, row->prev_day_avg_milliyuan, FALSE);
      return;
    case COL_WEEK:
      bind_change (child, row->avg_milliyuan, row->has_prev_week, row->prev_week_avg_milliyuan,
                   TRUE);
      return;
    case COL_DATE:
      {
        GtkWidget *label = gtk_widget_get_first_child (child);
        GtkWidget *icon = gtk_widget_get_next_sibling (label);

        gtk_label_set_text (GTK_LABEL (label), row->date);
        gtk_widget_set_visible (icon, row->stale);
        if (row->stale)
          {
            /* TRANSLATORS: tooltip of a price too old to count as today's */
            tooltip = g_strdup_printf (_("Last quoted on %s"), row->date);
            gtk_widget_add_css_class (label, "warning");
          }
        else
          gtk_widget_remove_css_class (label, "warning");
        gtk_widget_set_tooltip_text (child, tooltip);
        return;
      }
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (child), text ? text : "");
  gtk_widget_set_tooltip_text (child, tooltip && *tooltip ? tooltip : NULL);
}

static gint64
change_key (gint64   now,
            gboolean known,
            gint64   before)
{
  /* no price to compare with sorts below every change */
  return known ? jc_change_permille (now, before) : G_MININT64;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const JcMarketRow *ra = JC_MARKET_OBJECT ((gpointer) a)->row;
  const JcMarketRow *rb = JC_MARKET_OBJECT ((gpointer) b)->row;
  int r = 0;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COL_ITEM:
      /* Chinese names sort by their pinyin initials, as a person looks them up */
      r = g_strcmp0 (ra->pinyin, rb->pinyin);
      if (r == 0)
        r = jc_ui_compare_text (ra->item_name, rb->item_name);
      break;
    case COL_SPEC:
      r = jc_ui_compare_text (ra->spec, rb->spec);
      break;
    case COL_ORIGIN:
      r = jc_ui_compare_text (ra->origin, rb->origin);
      break;
    case COL_LOW:
      r = jc_ui_compare_int (ra->low_milliyuan, rb->low_milliyuan);
      break;
    case COL_AVG:
      r = jc_ui_compare_int (ra->avg_milliyuan, rb->avg_milliyuan);
      break;
    case COL_HIGH:
      r = jc_ui_compare_int (ra->high_milliyuan, rb->high_milliyuan);
      break;
    case COL_UNIT:
      r = jc_ui_compare_int (ra->base_unit, rb->base_unit);
      break;
    case COL_DAY:
      r = jc_ui_compare_int (change_key (ra->avg_milliyuan, ra->has_prev_day, ra->prev_day_avg_milliyuan),
                             change_key (rb->avg_milliyuan, rb->has_prev_day, rb->prev_day_avg_milliyuan));
      break;
    case COL_WEEK:
      r = jc_ui_compare_int (change_key (ra->avg_milliyuan, ra->has_prev_week, ra->prev_week_avg_milliyuan),
                             change_key (rb->avg_milliyuan, rb->has_prev_week, rb->prev_week_avg_milliyuan));
      break;
    case COL_DATE:
      r = g_strcmp0 (ra->date, rb->date);
      break;
    default:
      break;
    }
  if (r == 0)
    r = g_strcmp0 (ra->item_code, rb->item_code);
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

void
_jc_prices_page_add_columns (JcPricesPage *self)
{
  const JcColumnSpec columns[] = {
    { C_("column title", "Item"), COL_ITEM, TRUE },
    { C_("column title", "Spec"), COL_SPEC, .out = &self->spec_column },
    { C_("column title", "Origin"), COL_ORIGIN, .out = &self->origin_column },
    { C_("column title", "Low"), COL_LOW },
    { C_("column title", "Average"), COL_AVG },
    { C_("column title", "High"), COL_HIGH },
    { C_("column title", "Unit"), COL_UNIT },
    { C_("column title", "Day Change"), COL_DAY },
    { C_("column title", "Week Change"), COL_WEEK },
    { C_("column title", "Quoted"), COL_DATE },
  };

  jc_columns_add (self->column_view, columns, G_N_ELEMENTS (columns), G_CALLBACK (cell_setup_cb),
                  G_CALLBACK (cell_bind_cb), compare_rows, NULL);
}

