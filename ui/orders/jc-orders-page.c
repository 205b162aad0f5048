/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-orders-page.c: the board of a delivery date and the order editor. */
#include "config.h"

#define G_LOG_DOMAIN "jc-orders-page"

#include <glib/gi18n.h>
#include <stdio.h>

#include "jc-date-bar.h"
#include "jc-date.h"
#include "jc-order-board-columns.h"
#include "jc-order-editor.h"
#include "jc-order-format.h"
#include "jc-order-import-dialog.h"
#include "jc-order-row.h"
#include "jc-order-tasks.h"
#include "jc-orders-page-private.h"
#include "jc-save-file.h"
#include "jc-task.h"
#include "jc-ui-util.h"

struct _JcOrdersPage {
  AdwBin              parent_instance;

  char               *db_path;
  char                date[11];
  char               *cutoff;          /* of the board on show */
  GCancellable       *cancellable;     /* every worker of the page */
  GCancellable       *board_cancellable;
  gboolean            loading;
  gboolean            loaded;          /* the board on show is of `date` */
  guint               tick_id;
  GListStore         *board;           /* JcOrderRow of JcOrderBoardLine */
  GtkSingleSelection *selection;
  GtkWindow          *import_dialog;   /* weak */
  GtkFileChooserNative *chooser;

  GtkStack           *stack;
  JcDateBar          *date_bar;
  GtkLabel           *cutoff_label;
  GtkMenuButton      *cutoff_button;
  GtkPopover         *cutoff_popover;
  GtkLabel           *cutoff_title;
  GtkEntry           *cutoff_entry;
  GtkLabel           *cutoff_error;
  GtkSpinner         *board_spinner;
  GtkLabel           *count_label;
  GtkStack           *board_stack;
  GtkColumnView      *board_view;
  AdwStatusPage      *board_error_page;
  JcOrderEditor      *editor;
};

G_DEFINE_FINAL_TYPE (JcOrdersPage, jc_orders_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_board (JcOrdersPage *self);

static const JcOrderBoardLine *
line_of (gpointer item)
{
  return jc_order_row_get_data (JC_ORDER_ROW (item));
}

/* ---- the date and the cutoff ------------------------------------------ */

static void
update_cutoff_label (JcOrdersPage *self)
{
  g_autofree char *text = NULL;
  gboolean past = FALSE;

  text = self->loaded ? jc_order_format_cutoff (self->cutoff, NULL, &past) : g_strdup ("");
  gtk_label_set_text (self->cutoff_label, text);
  if (past)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->cutoff_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cutoff_label),
                                   _("Orders for this date can only change as late amendments "
                                     "that procurement staff accept, with a reason"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->cutoff_label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->cutoff_label),
                                   _("Canteens submit their orders until the cutoff"));
    }
}

/* ---- the cutoff of one date ------------------------------------------- */

static void
show_cutoff_error (JcOrdersPage *self,
                   const char   *message)
{
  gtk_label_set_text (self->cutoff_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cutoff_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->cutoff_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->cutoff_entry), "error");
}

static void
on_cutoff_popover_show_cb (JcOrdersPage *self)
{
  g_autofree char *title = g_strdup_printf (_("Orders for %s close at"), self->date);
  g_autofree char *shown = g_strdup (self->cutoff ? self->cutoff : "");

  g_strdelimit (shown, "T", ' ');
  gtk_label_set_text (self->cutoff_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->cutoff_entry), shown);
  show_cutoff_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->cutoff_entry));
}

static void
cutoff_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(JcOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jc_order_task_set_cutoff_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_cutoff_error (self, error->message);
      return;
    }
  gtk_popover_popdown (self->cutoff_popover);
  jc_orders_page_reload (self);
}

static void
change_cutoff (JcOrdersPage *self,
               const char   *cutoff)
{
  if (self->db_path == NULL)
    return;
  jc_order_task_set_cutoff (self->db_path, self->date, cutoff, self->cancellable, cutoff_done_cb,
                            g_object_ref (self));
}

/* What a person types: "2026-11-30 16:00" (or with a T, or 16:00 alone
 * for the day before delivery) → "2026-11-30T16:00"; NULL if it is none
 * of these. */
char *
_jc_orders_page_parse_cutoff (const char *delivery_date,
                              const char *text)
{
  g_autofree char *t = g_strstrip (g_strdup (text ? text : ""));
  int y, mo, d, h, mi;
  char tail;

  if (sscanf (t, "%4d-%2d-%2d%*[ T]%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) == 5 &&
      g_date_valid_dmy (d, mo, y) && h >= 0 && h <= 23 && mi >= 0 && mi <= 59)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
  if (sscanf (t, "%2d:%2d%c", &h, &mi, &tail) == 2 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59)
    {
      char day[JC_DATE_LEN];

      if (!jc_date_shift (delivery_date, -1, day))
        return NULL;
      return g_strdup_printf ("%sT%02d:%02d", day, h, mi);
    }
  return NULL;
}

static void
set_cutoff_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cutoff_entry));
  g_autofree char *cutoff = _jc_orders_page_parse_cutoff (self->date, text);

  if (cutoff == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date and time: type it as 2026-11-30 16:00, or only "
                           "16:00 for the day before delivery"), text);

      show_cutoff_error (self, message);
      return;
    }
  change_cutoff (self, cutoff);
}

static void
on_cutoff_entry_activate_cb (JcOrdersPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "orders.set-cutoff", NULL);
}

static void
reset_cutoff_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  change_cutoff (JC_ORDERS_PAGE (widget), NULL);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_cutoff_label (user_data);
  return G_SOURCE_CONTINUE;
}

/* The person changed the day in the date bar. */
static void
on_date_bar_date_cb (JcOrdersPage *self)
{
  jc_orders_page_set_date (self, jc_date_bar_get_date (self->date_bar));
}

static gboolean
is_editing (JcOrdersPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor");
}

/* Before the person changes the day: with an order open, leaving the day
 * leaves the order.  The editor closes at once when nothing is unsaved;
 * otherwise it asks, and the day stays until the person has answered. */
static gboolean
date_bar_leave_cb (JcDateBar  *bar,
                   const char *new_date,
                   gpointer    user_data)
{
  JcOrdersPage *self = user_data;

  if (!is_editing (self))
    return TRUE;
  jc_order_editor_request_close (self->editor);
  return !is_editing (self);
}

/* ---- loading the board ------------------------------------------------ */

static void
update_counts (JcOrdersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->board));
  guint n_submitted = 0;
  gint64 total = 0;
  g_autofree char *text = NULL;
  g_autofree char *money = NULL;
  g_autofree char *tooltip = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->board), i);
      const JcBoardRow *r = line_of (row)->row;

      if (r->status == JC_ORDER_SUBMITTED || r->status == JC_ORDER_LOCKED)
        n_submitted++;
      jc_checked_add (total, r->est_cost_fen, &total, NULL);
    }
  /* TRANSLATORS: "12 of 17 submitted": canteens whose order for the date is
   * submitted (or locked) of all canteens */
  text = g_strdup_printf (ngettext ("%u of %u submitted", "%u of %u submitted", n), n_submitted, n);
  gtk_label_set_text (self->count_label, n > 0 ? text : "");
  money = jc_order_format_money (total);
  /* TRANSLATORS: the estimated cost of all orders of the day, drafts included */
  tooltip = g_strdup_printf (_("All orders of the day, drafts included: about %s at the reference "
                               "prices"), money);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), n > 0 ? tooltip : NULL);
}

static void
update_actions (JcOrdersPage *self)
{
  gboolean has_db = self->db_path != NULL;
  gboolean selected = gtk_single_selection_get_selected_item (self->selection) != NULL;
  gboolean editing = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.reload", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.import", has_db);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.open", has_db && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.save-template",
                                 has_db && (selected || editing));
  jc_date_bar_set_steps_enabled (self->date_bar, !editing);
}

static guint
find_canteen (JcOrdersPage *self,
              const char   *code)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; code != NULL && i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (model, i);

      if (g_strcmp0 (line_of (row)->row->canteen_code, code) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
same_canteens (JcOrdersPage *self,
               GPtrArray    *lines)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->board));

  if (n != lines->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->board), i);
      const JcOrderBoardLine *line = lines->pdata[i];

      if (g_strcmp0 (line_of (row)->row->canteen_code, line->row->canteen_code) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
on_board_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JcOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrderBoard) board = jc_order_task_load_board_finish (result, &error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *keep = NULL;
  JcOrderRow *selected;
  guint position;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_clear_object (&self->board_cancellable);
  gtk_spinner_stop (self->board_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->board_spinner), FALSE);
  if (board == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      self->loaded = FALSE;
      adw_status_page_set_description (self->board_error_page, escaped);
      gtk_stack_set_visible_child_name (self->board_stack, "error");
      g_list_store_remove_all (self->board);
      update_cutoff_label (self);
      update_counts (self);
      update_actions (self);
      return;
    }

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    keep = g_strdup (line_of (selected)->row->canteen_code);
  g_free (self->cutoff);
  self->cutoff = g_strdup (board->cutoff);
  self->loaded = TRUE;
  if (same_canteens (self, board->lines))
    {
      /* The same canteens: the same rows with new contents, so the row
       * widgets, the selection and the keyboard focus stay where they are. */
      guint n = board->lines->len;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->board), i);

          jc_order_row_replace_data (row, g_steal_pointer (&board->lines->pdata[i]));
          g_ptr_array_add (rows, g_steal_pointer (&row));
        }
      g_list_model_items_changed (G_LIST_MODEL (self->board), 0, n, n);
    }
  else
    {
      for (guint i = 0; i < board->lines->len; i++)
        g_ptr_array_add (rows, jc_order_row_new (g_steal_pointer (&board->lines->pdata[i]),
                                                 (GDestroyNotify) jc_order_board_line_free));
      g_list_store_splice (self->board, 0, g_list_model_get_n_items (G_LIST_MODEL (self->board)),
                           rows->pdata, rows->len);
    }
  position = find_canteen (self, keep);
  if (position == GTK_INVALID_LIST_POSITION && rows->len > 0)
    position = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  gtk_stack_set_visible_child_name (self->board_stack, rows->len > 0 ? "list" : "empty");
  update_cutoff_label (self);
  update_counts (self);
  update_actions (self);
}

static void
load_board (JcOrdersPage *self)
{
  if (self->board_cancellable != NULL)
    g_cancellable_cancel (self->board_cancellable);
  g_clear_object (&self->board_cancellable);
  update_actions (self);
  if (self->db_path == NULL)
    {
      self->loading = FALSE;
      self->loaded = FALSE;
      g_list_store_remove_all (self->board);
      gtk_stack_set_visible_child_name (self->board_stack, "no-database");
      update_cutoff_label (self);
      update_counts (self);
      return;
    }
  self->loading = TRUE;
  /* A list on show stays while the next one loads (the focus stays in
   * it too); a spinner beside the cutoff says so. */
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->board_stack), "list"))
    gtk_stack_set_visible_child_name (self->board_stack, "loading");
  gtk_widget_set_visible (GTK_WIDGET (self->board_spinner), TRUE);
  gtk_spinner_start (self->board_spinner);
  self->board_cancellable = g_cancellable_new ();
  jc_order_task_load_board (self->db_path, self->date, self->board_cancellable, on_board_loaded,
                            g_object_ref (self));
}

/* ---- the editor --------------------------------------------------------- */

static void
open_editor (JcOrdersPage *self,
             const char   *canteen_code)
{
  if (self->db_path == NULL || canteen_code == NULL)
    return;
  jc_order_editor_load (self->editor, self->db_path, canteen_code, self->date);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  update_actions (self);
}

static void
on_board_view_activate_cb (JcOrdersPage *self,
                           guint         position)
{
  g_autoptr(JcOrderRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  open_editor (self, line_of (row)->row->canteen_code);
}

static void
on_editor_closed_cb (JcOrdersPage *self)
{
  guint position;

  gtk_stack_set_visible_child_name (self->stack, "board");
  load_board (self);
  /* Back where the person was: on the canteen's row. */
  position = find_canteen (self, jc_order_editor_get_canteen (self->editor));
  if (position != GTK_INVALID_LIST_POSITION)
    jc_ui_select_position (self->board_view, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->board_view));
  update_actions (self);
}

static void
on_editor_saved_cb (JcOrdersPage *self)
{
  /* The board behind the editor follows, so it is current on return. */
  load_board (self);
}

/* ---- actions ------------------------------------------------------------ */

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  load_board (JC_ORDERS_PAGE (widget));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (widget);
  JcOrderRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row != NULL)
    open_editor (self, line_of (row)->row->canteen_code);
}

static void
on_import_chooser_response (JcOrdersPage         *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
  if (files != NULL && g_list_model_get_n_items (files) > 0)
    jc_orders_page_import_files (self, files);
}

static GtkWindow *
get_parent_window (JcOrdersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkFileFilter *
order_form_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Order forms (XLSX, CSV)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  return filter;
}

static void
choose_import_files (JcOrdersPage *self)
{
  g_autoptr(GtkFileFilter) filter = order_form_filter ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Order Forms"), get_parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_import_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_orders_page_import_files (JC_ORDERS_PAGE (widget), NULL);
}

static void
on_form_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  JcOrdersPage *self = g_object_get_data (G_OBJECT (file), "jc-page");
  g_autofree char *message = NULL;
  g_autofree char *name = g_file_get_basename (file);

  if (!jc_order_task_write_form_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Save the Order Form"), error->message);
      return;
    }
  message = g_strdup_printf (_("Order form saved as “%s”"), name);
  jc_ui_toast (GTK_WIDGET (self), message);
}

/* The file is chosen: the form is written on a worker thread. */
static void
on_template_file_chosen (GtkWidget     *parent,
                         const char    *path,
                         JcOutputFlags  flags,
                         gpointer       user_data)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (parent);
  const char *canteen = user_data;
  g_autoptr(GFile) file = NULL;

  if (self->db_path == NULL)
    return;
  file = g_file_new_for_path (path);
  /* The GFile carries a strong reference to the page to the callback. */
  g_object_set_data_full (G_OBJECT (file), "jc-page", g_object_ref (self), g_object_unref);
  jc_order_task_write_form (self->db_path, canteen, self->date, path, flags, self->cancellable,
                            on_form_written, g_object_ref (file));
}

static void
save_template_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (widget);
  JcOrderRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  JcSaveFileFilter filters[2];
  const char *canteen;

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor"))
    canteen = jc_order_editor_get_canteen (self->editor);
  else
    canteen = row != NULL ? line_of (row)->row->canteen_code : NULL;
  if (canteen == NULL || self->chooser != NULL)
    return;

  /* TRANSLATORS: the title of the file chooser; %s is a canteen code */
  title = g_strdup_printf (_("Save the Order Form of %s"), canteen);
  /* TRANSLATORS: the file name an order form is saved under; keep the
   * placeholders: a canteen code and a date */
  name = g_strdup_printf (_("order-form-%s-%s.xlsx"), canteen, self->date);
  filters[0] = (JcSaveFileFilter) { _("Excel workbook (XLSX)"), "*.xlsx" };
  filters[1] = (JcSaveFileFilter) { _("CSV"), "*.csv" };
  /* A name ending in .csv gets the CSV form. */
  jc_save_file_choose_full (GTK_WIDGET (self), title, name, NULL, filters, G_N_ELEMENTS (filters),
                            on_template_file_chosen, g_strdup (canteen), g_free);
}

/* ---- dropping files ------------------------------------------------------ */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            JcOrdersPage  *self)
{
  GdkFileList *list;
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GSList *l;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->db_path == NULL)
    return FALSE;
  list = g_value_get_boxed (value);
  l = gdk_file_list_get_files (list);
  for (GSList *it = l; it != NULL; it = it->next)
    g_list_store_append (files, it->data);
  g_slist_free (l);
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;
  jc_orders_page_import_files (self, G_LIST_MODEL (files));
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
jc_orders_page_map (GtkWidget *widget)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (widget);

  GTK_WIDGET_CLASS (jc_orders_page_parent_class)->map (widget);
  /* The time left counts down while the page is on screen. */
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (20, tick_cb, self);
  update_cutoff_label (self);
  /* Other desks and pages change orders and canteens: a fresh board. */
  if (!self->loading && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "board"))
    load_board (self);
}

static void
jc_orders_page_unmap (GtkWidget *widget)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (jc_orders_page_parent_class)->unmap (widget);
}

static void
jc_orders_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (object);

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
jc_orders_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      if (g_value_get_string (value) != NULL)
        jc_orders_page_set_date (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_orders_page_dispose (GObject *object)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->board_cancellable != NULL)
    g_cancellable_cancel (self->board_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_weak_pointer (&self->import_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_ORDERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->board);
  G_OBJECT_CLASS (jc_orders_page_parent_class)->dispose (object);
}

static void
jc_orders_page_finalize (GObject *object)
{
  JcOrdersPage *self = JC_ORDERS_PAGE (object);

  g_clear_object (&self->board_cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  g_free (self->cutoff);
  G_OBJECT_CLASS (jc_orders_page_parent_class)->finalize (object);
}

static void
jc_orders_page_class_init (JcOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_orders_page_get_property;
  object_class->set_property = jc_orders_page_set_property;
  object_class->dispose = jc_orders_page_dispose;
  object_class->finalize = jc_orders_page_finalize;
  widget_class->map = jc_orders_page_map;
  widget_class->unmap = jc_orders_page_unmap;

  /**
   * JcOrdersPage:db-path:
   * The file of the store the page shows (jc_orders_page_set_store());
   * every worker of the page opens its own store on it.  NULL: no
   * database (the page says so).
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * JcOrdersPage:date:
   * The delivery date on show, "YYYY-MM-DD"; tomorrow at first.
   */
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (JC_TYPE_DATE_BAR);
  g_type_ensure (JC_TYPE_ORDER_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, date_bar);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_button);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_popover);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_title);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_entry);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, cutoff_error);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, board_spinner);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, board_stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, board_view);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, board_error_page);
  gtk_widget_class_bind_template_child (widget_class, JcOrdersPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bar_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cutoff_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cutoff_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_board_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_saved_cb);

  gtk_widget_class_install_action (widget_class, "orders.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "orders.set-cutoff", NULL, set_cutoff_activated);
  gtk_widget_class_install_action (widget_class, "orders.reset-cutoff", NULL,
                                   reset_cutoff_activated);
  gtk_widget_class_install_action (widget_class, "orders.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "orders.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "orders.save-template", NULL,
                                   save_template_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "orders.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "orders.reload", NULL);
}

static void
jc_orders_page_init (JcOrdersPage *self)
{
  GtkSortListModel *sorted;
  GtkDropTarget *drop;

  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->board = g_list_store_new (JC_TYPE_ORDER_ROW);
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->board)),
                                    g_object_ref (gtk_column_view_get_sorter (self->board_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->board_view, GTK_SELECTION_MODEL (self->selection));
  jc_order_board_add_columns (self->board_view);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Canteens order for tomorrow (where the bar starts) until someone says
   * otherwise. */
  g_strlcpy (self->date, jc_date_bar_get_date (self->date_bar), sizeof self->date);
  jc_date_bar_set_leave_func (self->date_bar, date_bar_leave_cb, self, NULL);
  /* Alt+Left and Alt+Right step the day wherever the focus is on the page. */
  jc_date_bar_add_shortcuts (self->date_bar, GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->board_stack, "no-database");
  update_actions (self);
}

/**
 * jc_orders_page_new:
 * @store: (nullable) (transfer none): the store to show, as for
 *   jc_orders_page_set_store()
 * Returns: (transfer floating): a new orders page showing tomorrow.
 */
GtkWidget *
jc_orders_page_new (JcStore *store)
{
  GtkWidget *page = g_object_new (JC_TYPE_ORDERS_PAGE, NULL);

  jc_orders_page_set_store (JC_ORDERS_PAGE (page), store);
  return page;
}

/**
 * jc_orders_page_set_store:
 * @store: (nullable) (transfer none): the store to show, NULL for none
 * Shows the board of that store's database; an open editor goes back to
 * the board (its unsaved lines are dropped: they belong to the other
 * database).  The page reads and writes on worker threads, each with its
 * own store on the same file: it keeps the file, not `store`, which the
 * caller may close once another is set.
 */
void
jc_orders_page_set_store (JcOrdersPage *self,
                          JcStore      *store)
{
  g_return_if_fail (JC_IS_ORDERS_PAGE (self));

  if (!jc_task_set_db_path (&self->db_path, store != NULL ? jc_store_get_path (store) : NULL))
    return;
  self->loaded = FALSE;
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor"))
    gtk_stack_set_visible_child_name (self->stack, "board");
  load_board (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/**
 * jc_orders_page_get_db_path:
 * Returns: (transfer none) (nullable): the file of the store on show.
 */
const char *
jc_orders_page_get_db_path (JcOrdersPage *self)
{
  g_return_val_if_fail (JC_IS_ORDERS_PAGE (self), NULL);

  return self->db_path;
}

/**
 * jc_orders_page_set_date:
 * @date: a delivery date, "YYYY-MM-DD"
 * Shows the board of that date (Alt+Left and Alt+Right step a day).
 */
void
jc_orders_page_set_date (JcOrdersPage *self,
                         const char   *date)
{
  g_return_if_fail (JC_IS_ORDERS_PAGE (self));
  g_return_if_fail (date != NULL);

  if (!jc_task_set_date (self->date, sizeof self->date, date, jc_date_shift, G_STRFUNC,
                         "a date (YYYY-MM-DD)"))
    return;
  self->loaded = FALSE;
  jc_date_bar_set_date (self->date_bar, self->date);
  load_board (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

const char *
jc_orders_page_get_date (JcOrdersPage *self)
{
  g_return_val_if_fail (JC_IS_ORDERS_PAGE (self), NULL);

  return self->date;
}

/**
 * jc_orders_page_reload:
 * Reads the board again (a worker thread), keeping the selection.
 */
void
jc_orders_page_reload (JcOrdersPage *self)
{
  g_return_if_fail (JC_IS_ORDERS_PAGE (self));

  load_board (self);
}

/**
 * jc_orders_page_open_order:
 * Opens the order editor on a canteen's order of the date on show.
 */
void
jc_orders_page_open_order (JcOrdersPage *self,
                           const char   *canteen_code)
{
  g_return_if_fail (JC_IS_ORDERS_PAGE (self));
  g_return_if_fail (canteen_code != NULL);

  open_editor (self, canteen_code);
}

static void
on_imported_cb (JcOrdersPage *self,
                guint         n_files)
{
  g_autofree char *message = g_strdup_printf (ngettext ("%u order file imported",
                                                        "%u order files imported", n_files),
                                              n_files);

  load_board (self);
  jc_ui_toast (GTK_WIDGET (self), message);
}

/**
 * jc_orders_page_import_files:
 * @files: (nullable): a list of GFile, or NULL to ask for them with a file
 *   chooser
 * Opens the import dialog on the files: a preview per file and canteen,
 * then the import of the files without errors.
 */
void
jc_orders_page_import_files (JcOrdersPage *self,
                             GListModel   *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  JcOrderImportDialog *dialog;

  g_return_if_fail (JC_IS_ORDERS_PAGE (self));
  g_return_if_fail (files == NULL || G_IS_LIST_MODEL (files));

  if (self->db_path == NULL)
    return;
  if (files == NULL)
    {
      choose_import_files (self);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = G_IS_FILE (file) ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    {
      jc_ui_toast (GTK_WIDGET (self), _("Only files on this computer can be imported"));
      return;
    }
  g_ptr_array_add (paths, NULL);
  dialog = jc_order_import_dialog_new (get_parent_window (self), self->db_path,
                                       (const char * const *) paths->pdata);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->import_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- for the tests -------------------------------------------------------- */

GtkWidget *
_jc_orders_page_get_board_view (JcOrdersPage *self)
{
  return GTK_WIDGET (self->board_view);
}

GListModel *
_jc_orders_page_get_board (JcOrdersPage *self)
{
  return G_LIST_MODEL (self->selection);
}

JcOrderEditor *
_jc_orders_page_get_editor (JcOrdersPage *self)
{
  return self->editor;
}

gboolean
_jc_orders_page_is_loading (JcOrdersPage *self)
{
  return self->loading;
}

gboolean
_jc_orders_page_is_editing (JcOrdersPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->stack), "editor");
}

gboolean
_jc_orders_page_is_settled (JcOrdersPage *self)
{
  return !gtk_stack_get_transition_running (self->stack);
}

GtkLabel *
_jc_orders_page_get_cutoff_label (JcOrdersPage *self)
{
  return self->cutoff_label;
}

GtkLabel *
_jc_orders_page_get_count_label (JcOrdersPage *self)
{
  return self->count_label;
}

GtkWindow *
_jc_orders_page_get_import_dialog (JcOrdersPage *self)
{
  return self->import_dialog;
}

GtkPopover *
_jc_orders_page_get_cutoff_popover (JcOrdersPage *self)
{
  return self->cutoff_popover;
}

GtkEntry *
_jc_orders_page_get_cutoff_entry (JcOrdersPage *self)
{
  return self->cutoff_entry;
}

GtkLabel *
_jc_orders_page_get_cutoff_error (JcOrdersPage *self)
{
  return self->cutoff_error;
}
