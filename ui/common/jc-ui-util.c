/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-ui-util.c: helpers shared by the pages and editors. */
#include "config.h"

#define G_LOG_DOMAIN "jc-ui-util"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-ui-util.h"

typedef struct {
  JcColumnKind         kind;
  JcColumnTextFunc     text;
  JcColumnCompareFunc  compare;
  gpointer             user_data;
} ColumnData;

static void
column_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 ColumnData               *column)
{
  GtkWidget *child;

  if (column->kind == JC_COLUMN_ACTIVE)
    {
      child = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_single_line_mode (GTK_LABEL (child), TRUE);
      if (column->kind == JC_COLUMN_NUMBER)
        {
          gtk_label_set_xalign (GTK_LABEL (child), 1.0f);
          gtk_widget_add_css_class (child, "numeric");
        }
      else
        {
          gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
          if (column->kind == JC_COLUMN_TEXT)
            gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
    }
  gtk_list_item_set_child (list_item, child);
}

static void
column_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ColumnData               *column)
{
  JcRecord *record = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  gboolean active = jc_record_get_active (record);

  if (column->kind == JC_COLUMN_ACTIVE)
    {
      gtk_widget_set_visible (child, active);
      gtk_widget_set_tooltip_text (child, active ? _("Active") : NULL);
      return;
    }
  {
    g_autofree char *text = column->text (jc_record_get_data (record), column->user_data);

    gtk_label_set_text (GTK_LABEL (child), text ? text : "");
    /* The full text when it is cut off; numbers are never cut. */
    if (column->kind == JC_COLUMN_TEXT)
      gtk_widget_set_tooltip_text (child, text && *text ? text : NULL);
  }
  /* Deactivated records stay readable but step back. */
  if (active)
    gtk_widget_remove_css_class (child, "dim-label");
  else
    gtk_widget_add_css_class (child, "dim-label");
}

static int
column_compare_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ColumnData *column = user_data;
  JcRecord *ra = JC_RECORD ((gpointer) a);
  JcRecord *rb = JC_RECORD ((gpointer) b);
  int r;

  if (column->kind == JC_COLUMN_ACTIVE)
    r = jc_ui_compare_int (jc_record_get_active (rb), jc_record_get_active (ra));
  else
    r = column->compare (jc_record_get_data (ra), jc_record_get_data (rb), column->user_data);
  if (r == 0)
    r = jc_ui_compare_text (jc_record_get_key (ra), jc_record_get_key (rb));
  return r < 0 ? GTK_ORDERING_SMALLER : r > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
column_data_release (gpointer data)
{
  g_rc_box_release (data);
}

/**
 * jc_column_new:
 * A sortable, resizable column over JcRecord items: `text` makes the cell
 * text (not used for JC_COLUMN_ACTIVE), `compare` orders two records' structs
 * (ties fall back to the record key).  `user_data` must outlive the column.
 * Returns: (transfer full): the column.
 */
GtkColumnViewColumn *
jc_column_new (const char          *title,
               JcColumnKind         kind,
               JcColumnTextFunc     text,
               JcColumnCompareFunc  compare,
               gpointer             user_data,
               gboolean             expand)
{
  ColumnData *column = g_rc_box_new0 (ColumnData);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = NULL;
  GtkColumnViewColumn *col;

  g_return_val_if_fail (kind == JC_COLUMN_ACTIVE || (text != NULL && compare != NULL), NULL);

  column->kind = kind;
  column->text = text;
  column->compare = compare;
  column->user_data = user_data;

  g_signal_connect (factory, "setup", G_CALLBACK (column_setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (column_bind_cb), column);
  g_object_set_data_full (G_OBJECT (factory), "jc-column", g_rc_box_acquire (column),
                          column_data_release);
  sorter = GTK_SORTER (gtk_custom_sorter_new (column_compare_cb, column, column_data_release));

  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  return col;
}

int
jc_ui_compare_text (const char *a,
                    const char *b)
{
  return g_utf8_collate (a ? a : "", b ? b : "");
}

int
jc_ui_compare_int (gint64 a,
                   gint64 b)
{
  return (a > b) - (a < b);
}

/**
 * jc_ui_base_unit_label:
 * Returns: (transfer none): the base unit as the user's language names it.
 */
const char *
jc_ui_base_unit_label (JcBaseUnit unit)
{
  switch (unit)
    {
    case JC_BASE_UNIT_KG: return C_("base unit", "kg");
    case JC_BASE_UNIT_PIECE: return C_("base unit", "piece");
    case JC_BASE_UNIT_L: return C_("base unit", "L");
    default: g_return_val_if_reached ("");
    }
}

/**
 * jc_ui_join_aliases:
 * Returns: (transfer full): the aliases as one line, for lists and entries.
 */
char *
jc_ui_join_aliases (char * const *aliases)
{
  /* TRANSLATORS: separates an item's aliases in a list; Chinese uses "、" */
  return g_strjoinv (C_("list separator", ", "), (char **) aliases);
}

/**
 * jc_ui_split_aliases:
 * Splits what a person typed into aliases: commas (also full-width ones),
 * "、" and semicolons separate; blanks around each are dropped, and so are
 * empty ones.
 * Returns: (transfer full): a NULL-terminated array, never NULL.
 */
char **
jc_ui_split_aliases (const char *text)
{
  static const char *separators[] = { "，", "、", "；", ";" };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *normalized = g_strdup (text ? text : "");
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      g_auto(GStrv) pieces = g_strsplit (normalized, separators[i], -1);

      g_free (normalized);
      normalized = g_strjoinv (",", pieces);
    }
  parts = g_strsplit (normalized, ",", -1);
  for (char **p = parts; *p != NULL; p++)
    {
      g_strstrip (*p);
      if (**p != '\0')
        g_strv_builder_add (builder, *p);
    }
  return g_strv_builder_end (builder);
}

/**
 * jc_ui_format_degrees:
 * Returns: (transfer full): a latitude or longitude as the shortest text
 * that reads back as the same number.
 */
char *
jc_ui_format_degrees (double degrees)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* 31.255, not 31.254999999999999: the fewest digits that read back as
   * the same double, so saving an untouched row changes nothing. */
  for (int precision = 1; precision <= 17; precision++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", precision);

      g_ascii_formatd (buf, sizeof buf, format, degrees);
      if (g_ascii_strtod (buf, NULL) == degrees)
        break;
    }
  return g_strdup (buf);
}

/**
 * jc_ui_format_window:
 * Returns: (transfer full): a time window such as "07:00–09:00".
 */
char *
jc_ui_format_window (int start,
                     int end)
{
  g_autofree char *s = jc_format_time (start);
  g_autofree char *e = jc_format_time (end);

  /* TRANSLATORS: a time window, from the first time to the second */
  return g_strdup_printf (C_("time window", "%s–%s"), s, e);
}

/**
 * jc_ui_toast:
 * Shows `message` in the window's toast overlay, if it has one.
 */
void
jc_ui_toast (GtkWidget  *widget,
             const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = NULL;

  if (overlay == NULL)
    return;
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

/**
 * jc_ui_show_error:
 * A modal message over the window of `widget`, for errors that belong to no
 * field of a form.
 */
void
jc_ui_show_error (GtkWidget  *widget,
                  const char *heading,
                  const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * jc_ui_select_position:
 * Selects the row at `position` of a column view over a GtkSingleSelection
 * and scrolls it into view.
 */
void
jc_ui_select_position (GtkColumnView *column_view,
                       guint          position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (column_view);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (model)))
    return;
  gtk_selection_model_select_item (model, position, TRUE);
  /* GTK 4.8 has no gtk_column_view_scroll_to(): its inner list view has the
   * action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* ---- a question with a reason -------------------------------------------- */

typedef struct {
  char         *response;
  JcReasonFunc  callback;
  gboolean      answered;
} ReasonAsk;

static void
reason_ask_free (ReasonAsk *ask)
{
  g_free (ask->response);
  g_free (ask);
}

static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  ReasonAsk *ask = g_object_get_data (G_OBJECT (dialog), "jc-reason-ask");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, ask->response,
                                           !ask->answered && *reason != '\0');
}

static void
on_reason_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  ReasonAsk *ask = g_object_get_data (G_OBJECT (dialog), "jc-reason-ask");

  if (!adw_message_dialog_get_response_enabled (dialog, ask->response))
    return;
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, ask->response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
on_reason_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          owner)
{
  ReasonAsk *ask = g_object_get_data (G_OBJECT (dialog), "jc-reason-ask");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *reason = NULL;

  /* The dialog closes next: the reason's text must not keep the focus (and
   * its cursor blinking) into its disposal. */
  gtk_root_set_focus (GTK_ROOT (dialog), NULL);
  if (ask->answered || !g_str_equal (response, ask->response))
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  if (*reason == '\0')
    return;
  ask->answered = TRUE;
  adw_message_dialog_set_response_enabled (dialog, ask->response, FALSE);
  ask->callback (dialog, reason, owner);
}

AdwMessageDialog *
jc_ui_ask_reason (GtkWidget    *parent,
                  const char   *heading,
                  const char   *body,
                  const char   *placeholder,
                  const char   *response,
                  const char   *label,
                  JcReasonFunc  callback,
                  gpointer      owner)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  ReasonAsk *ask;

  g_return_val_if_fail (response != NULL && callback != NULL && G_IS_OBJECT (owner), NULL);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  ask = g_new0 (ReasonAsk, 1);
  ask->response = g_strdup (response);
  ask->callback = callback;
  g_object_set_data_full (G_OBJECT (dialog), "jc-reason-ask", ask,
                          (GDestroyNotify) reason_ask_free);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, response, FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_reason_activate_cb), dialog, 0);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_response_cb), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}
