/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-order-import-dialog.c: the preview and the import of order files. */
#include "config.h"

#define G_LOG_DOMAIN "jc-order-import-dialog"

#include <glib/gi18n.h>

#include "jc-date-bar.h"
#include "jc-order-format.h"
#include "jc-order-import-dialog-private.h"
#include "jc-order-tasks.h"

struct _JcOrderImportDialog {
  AdwWindow           parent_instance;

  char               *db_path;
  char              **paths;
  JcImportPlan       *plan;          /* NULL while a worker has it */
  GCancellable       *cancellable;
  gboolean            busy;
  gboolean            needs_reason;
  guint               n_stored;      /* files stored by this dialog */

  AdwWindowTitle     *window_title;
  GtkWidget          *import_button;
  GtkSpinner         *spinner;
  GtkStack           *stack;
  GtkLabel           *summary_label;
  AdwPreferencesGroup *reason_group;
  AdwEntryRow        *reason_row;
  GtkBox             *preview_box;
  AdwStatusPage      *error_page;
};

G_DEFINE_FINAL_TYPE (JcOrderImportDialog, jc_order_import_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- state ----------------------------------------------------------------- */

static gboolean
has_ready_file (const JcImportPlan *plan)
{
  for (guint i = 0; plan != NULL && i < plan->files->len; i++)
    {
      const JcImportFile *f = plan->files->pdata[i];

      if (f->state == JC_IMPORT_FILE_READY || f->state == JC_IMPORT_FILE_FAILED)
        return TRUE;
    }
  return FALSE;
}

/* Orders past their cutoff or locked need the reason of an amendment. */
static gboolean
plan_needs_reason (const JcImportPlan *plan)
{
  for (guint i = 0; plan != NULL && i < plan->files->len; i++)
    {
      const JcImportFile *f = plan->files->pdata[i];

      if (f->state != JC_IMPORT_FILE_READY && f->state != JC_IMPORT_FILE_FAILED)
        continue;
      for (guint k = 0; k < f->orders->len; k++)
        {
          const JcImportOrder *io = f->orders->pdata[k];

          if (io->late || io->status == JC_ORDER_LOCKED)
            return TRUE;
        }
    }
  return FALSE;
}

static char *
dup_reason (JcOrderImportDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
}

static void
update_state (JcOrderImportDialog *self)
{
  g_autofree char *reason = dup_reason (self);
  gboolean can = !self->busy && has_ready_file (self->plan) &&
                 (!self->needs_reason || *reason != '\0');

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.apply", can);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_box), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_group), !self->busy);
}

static void
on_reason_changed_cb (JcOrderImportDialog *self)
{
  update_state (self);
}

/* ---- the preview ------------------------------------------------------------ */

static char *
locate (const JcImportFile  *file,
        const JcFormMessage *m)
{
  if (m->row == 0)
    return g_strdup (_("The file as a whole"));
  if (file->format == JC_FORM_FORMAT_CSV)
    {
      if (m->column != NULL)
        /* TRANSLATORS: where in a CSV file: a line number and a column name */
        return g_strdup_printf (_("Line %u, column %s"), m->row, m->column);
      /* TRANSLATORS: where in a CSV file */
      return g_strdup_printf (_("Line %u"), m->row);
    }
  if (m->column != NULL)
    /* TRANSLATORS: where in a spreadsheet: a row number and a column, "E (quantity)" */
    return g_strdup_printf (_("Row %u, column %s"), m->row, m->column);
  /* TRANSLATORS: where in a spreadsheet */
  return g_strdup_printf (_("Row %u"), m->row);
}

static GtkWidget *
message_row (const JcImportFile  *file,
             const JcFormMessage *m,
             const char          *icon,
             const char          *css)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *where = locate (file, m);
  g_autofree char *title = g_markup_escape_text (m->message, -1);
  g_autofree char *subtitle = g_markup_escape_text (where, -1);

  gtk_widget_add_css_class (image, css);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static GtkWidget *
change_row (const JcImportChange *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *image;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  const char *icon;
  const char *before = c->before_text && *c->before_text ? c->before_text : "—";
  const char *after = c->after_text && *c->after_text ? c->after_text : "—";

  switch (c->kind)
    {
    case JC_IMPORT_CHANGE_ADD:
      icon = "list-add-symbolic";
      break;
    case JC_IMPORT_CHANGE_REMOVE:
      icon = "list-remove-symbolic";
      break;
    case JC_IMPORT_CHANGE_CHANGE:
    default:
      icon = "document-edit-symbolic";
      break;
    }
  image = gtk_image_new_from_icon_name (icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
  /* TRANSLATORS: an item's code and name */
  title = g_strdup_printf (C_("item", "%s %s"), c->item_code, c->item_name ? c->item_name : "");
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  /* TRANSLATORS: a line's quantity before and after the import */
  subtitle = g_strdup_printf (C_("import change", "%s → %s"), before, after);
  g_free (escaped);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "numeric");
  return row;
}

/* The lines of an order are made when it is first opened: a file of many
 * canteens stays quick to show. */
static void
on_order_expanded_cb (AdwExpanderRow *expander,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  const JcImportOrder *io = g_object_get_data (G_OBJECT (expander), "jc-order");

  if (!adw_expander_row_get_expanded (expander) || io == NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "jc-order", NULL);
  for (guint i = 0; i < io->changes->len; i++)
    adw_expander_row_add_row (expander, change_row (io->changes->pdata[i]));
}

static GtkWidget *
order_row (const JcImportOrder *io,
           gboolean             expand)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *status = gtk_label_new (NULL);
  g_autofree char *date = jc_date_bar_format_date (io->date);
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint add = 0, change = 0, remove = 0;

  for (guint i = 0; i < io->changes->len; i++)
    {
      const JcImportChange *c = io->changes->pdata[i];

      switch (c->kind)
        {
        case JC_IMPORT_CHANGE_ADD:
          add++;
          break;
        case JC_IMPORT_CHANGE_REMOVE:
          remove++;
          break;
        case JC_IMPORT_CHANGE_CHANGE:
        default:
          change++;
          break;
        }
    }
  /* TRANSLATORS: a canteen's code and name, and the delivery date */
  title = g_strdup_printf (C_("import order", "%s %s · %s"), io->canteen_code,
                           io->canteen_name ? io->canteen_name : "", date);
  escaped = g_markup_escape_text (title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  /* TRANSLATORS: what an import changes in one order */
  g_string_append_printf (subtitle, _("%u added, %u changed, %u removed, %u unchanged"), add,
                          change, remove, io->n_unchanged);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  jc_order_set_status_pill (status, io->status);
  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (status, _("The order’s status now; imported orders are submitted"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), status);
  if (io->late)
    {
      GtkWidget *late = gtk_label_new (C_("order flag", "Late"));

      gtk_widget_add_css_class (late, "jc-pill");
      gtk_widget_add_css_class (late, "late");
      gtk_widget_set_valign (late, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (late, _("After the cutoff: imported as a late amendment"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), late);
    }
  if (io->changes->len == 0)
    gtk_widget_set_sensitive (row, FALSE);
  else
    {
      g_object_set_data (G_OBJECT (row), "jc-order", (gpointer) io);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_order_expanded_cb), NULL);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expand);
    }
  return row;
}

static char *
file_description (const JcImportFile *file)
{
  guint n_lines = 0;

  for (guint i = 0; i < file->orders->len; i++)
    n_lines += ((const JcImportOrder *) file->orders->pdata[i])->changes->len;
  switch (file->state)
    {
    case JC_IMPORT_FILE_INVALID:
      return g_strdup_printf (ngettext ("%u error: this file will not be imported. Correct it and "
                                        "import it again.",
                                        "%u errors: this file will not be imported. Correct them "
                                        "and import it again.", file->n_errors),
                              file->n_errors);
    case JC_IMPORT_FILE_STORED:
    case JC_IMPORT_FILE_FAILED:
      return g_strdup (file->outcome ? file->outcome : "");
    case JC_IMPORT_FILE_READY:
    default:
      {
        g_autofree char *orders = g_strdup_printf (ngettext ("%u order", "%u orders",
                                                             file->orders->len),
                                                   file->orders->len);
        g_autofree char *changes = g_strdup_printf (ngettext ("%u line changes", "%u lines change",
                                                              n_lines),
                                                    n_lines);

        /* TRANSLATORS: a file ready to import: "2 orders" and "12 lines change" */
        return g_strdup_printf (_("Ready: %s, %s"), orders, changes);
      }
    }
}

static void
build_preview (JcOrderImportDialog *self)
{
  GtkWidget *child;
  guint n_ready = 0, n_invalid = 0, n_stored = 0, n_failed = 0;
  guint n_orders = 0;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_box))) != NULL)
    gtk_box_remove (self->preview_box, child);
  /* A few orders are shown open, line by line; many stay closed. */
  for (guint i = 0; i < self->plan->files->len; i++)
    n_orders += ((const JcImportFile *) self->plan->files->pdata[i])->orders->len;

  for (guint i = 0; i < self->plan->files->len; i++)
    {
      const JcImportFile *file = self->plan->files->pdata[i];
      GtkWidget *group = adw_preferences_group_new ();
      g_autofree char *name = g_path_get_basename (file->path);
      g_autofree char *title = g_markup_escape_text (name, -1);
      g_autofree char *description = file_description (file);
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      GtkWidget *icon;

      switch (file->state)
        {
        case JC_IMPORT_FILE_INVALID:
          n_invalid++;
          icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
          gtk_widget_add_css_class (icon, "error");
          break;
        case JC_IMPORT_FILE_STORED:
          n_stored++;
          icon = gtk_image_new_from_icon_name ("object-select-symbolic");
          gtk_widget_add_css_class (icon, "success");
          break;
        case JC_IMPORT_FILE_FAILED:
          n_failed++;
          icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
          break;
        case JC_IMPORT_FILE_READY:
        default:
          n_ready++;
          icon = gtk_image_new_from_icon_name ("document-open-symbolic");
          break;
        }
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
      gtk_widget_set_tooltip_text (icon, file->path);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), icon);

      for (guint k = 0; k < file->errors->len; k++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   message_row (file, file->errors->pdata[k],
                                                "dialog-error-symbolic", "error"));
      if (file->n_errors > file->errors->len)
        {
          GtkWidget *more = adw_action_row_new ();
          g_autofree char *text = NULL;
          guint n_more = file->n_errors - file->errors->len;

          text = g_strdup_printf (ngettext ("… and %u more error", "… and %u more errors", n_more),
                                  n_more);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), more);
        }
      for (guint k = 0; k < file->warnings->len; k++)
        {
          const JcFormMessage *m = file->warnings->pdata[k];

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     message_row (file, m,
                                                  m->kind == JC_FORM_MESSAGE_NOTICE
                                                  ? "dialog-information-symbolic"
                                                  : "dialog-warning-symbolic",
                                                  m->kind == JC_FORM_MESSAGE_NOTICE
                                                  ? "dim-label" : "warning"));
        }
      for (guint k = 0; k < file->orders->len; k++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   order_row (file->orders->pdata[k], n_orders <= 3));
      gtk_box_append (self->preview_box, group);
    }

  if (n_stored > 0 && n_ready == 0 && n_failed == 0)
    summary = g_strdup_printf (ngettext ("%u file imported.", "%u files imported.", n_stored),
                               n_stored);
  else if (n_ready + n_failed > 0)
    summary = g_strdup_printf (ngettext ("%u file can be imported; the orders in it are submitted "
                                         "and replace what the canteens had.",
                                         "%u files can be imported; the orders in them are "
                                         "submitted and replace what the canteens had.",
                                         n_ready + n_failed),
                               n_ready + n_failed);
  else
    summary = g_strdup (_("No file can be imported: correct the errors below and try again."));
  if (n_invalid > 0 && (n_ready + n_failed) > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext (" %u file has errors and is left out.",
                                                         " %u files have errors and are left out.",
                                                         n_invalid),
                                               n_invalid);
      g_autofree char *joined = g_strconcat (summary, more, NULL);

      g_free (summary);
      summary = g_steal_pointer (&joined);
    }
  gtk_label_set_text (self->summary_label, summary);
  subtitle = g_strdup_printf (ngettext ("%u file", "%u files", self->plan->files->len),
                              self->plan->files->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  self->needs_reason = plan_needs_reason (self->plan);
  if (self->needs_reason)
    adw_preferences_group_set_description (self->reason_group,
                                           _("Some orders are past their cutoff or locked in the "
                                             "purchase plan. Procurement staff accept them as late "
                                             "amendments, recorded with your name and this "
                                             "reason."));
  gtk_widget_set_visible (GTK_WIDGET (self->reason_group), self->needs_reason);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_state (self);
}

/* ---- workers ------------------------------------------------------------------ */

static void
on_prepared (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JcOrderImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  JcImportPlan *plan = jc_order_task_import_prepare_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (plan == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_state (self);
      return;
    }
  self->plan = plan;
  build_preview (self);
}

static void
on_applied (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(JcOrderImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcOrderImportResult) applied = jc_order_task_import_apply_finish (result, &error);
  guint n_stored = 0;
  gboolean all_valid_stored = TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  if (applied == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
      update_state (self);
      return;
    }
  self->plan = g_steal_pointer (&applied->plan);
  for (guint i = 0; i < self->plan->files->len; i++)
    {
      const JcImportFile *f = self->plan->files->pdata[i];

      if (f->state == JC_IMPORT_FILE_STORED)
        n_stored++;
      else if (f->state == JC_IMPORT_FILE_FAILED)
        all_valid_stored = FALSE;
    }
  if (n_stored > self->n_stored)
    {
      self->n_stored = n_stored;
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, n_stored);
    }
  if (all_valid_stored)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Some files were refused (changed meanwhile, the cutoff): say why. */
  build_preview (self);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  JcOrderImportDialog *self = JC_ORDER_IMPORT_DIALOG (widget);
  g_autofree char *reason = dup_reason (self);
  JcOrderSaveFlags flags = JC_ORDER_SAVE_DEFAULT;

  if (self->busy || self->plan == NULL || !has_ready_file (self->plan))
    return;
  if (self->needs_reason)
    {
      if (*reason == '\0')
        return;
      jc_import_plan_set_reason (self->plan, reason);
      flags |= JC_ORDER_SAVE_ACCEPT_LATE;
    }
  self->busy = TRUE;
  update_state (self);
  /* The worker has the plan now; the preview waits, insensitive. */
  jc_order_task_import_apply (self->db_path, g_steal_pointer (&self->plan), flags, self->cancellable,
                              on_applied, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------------- */

static void
jc_order_import_dialog_dispose (GObject *object)
{
  JcOrderImportDialog *self = JC_ORDER_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_ORDER_IMPORT_DIALOG);
  G_OBJECT_CLASS (jc_order_import_dialog_parent_class)->dispose (object);
}

static void
jc_order_import_dialog_finalize (GObject *object)
{
  JcOrderImportDialog *self = JC_ORDER_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plan, jc_import_plan_free);
  g_free (self->db_path);
  g_strfreev (self->paths);
  G_OBJECT_CLASS (jc_order_import_dialog_parent_class)->finalize (object);
}

static void
jc_order_import_dialog_class_init (JcOrderImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_order_import_dialog_dispose;
  object_class->finalize = jc_order_import_dialog_finalize;

  /**
   * JcOrderImportDialog::imported:
   * @n_files: how many files this dialog has stored so far
   * Files were stored: the orders they hold changed.
   */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-order-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, JcOrderImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jc_order_import_dialog_init (JcOrderImportDialog *self)
{
  jc_order_ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "checking");
  update_state (self);
}

/**
 * jc_order_import_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @db_path: the database file
 * @paths: the order files (XLSX or CSV), NULL-terminated
 * Returns: (transfer none): a new dialog; it starts checking the files at
 * once and is destroyed when closed.
 */
JcOrderImportDialog *
jc_order_import_dialog_new (GtkWindow          *parent,
                            const char         *db_path,
                            const char * const *paths)
{
  JcOrderImportDialog *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (JC_TYPE_ORDER_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->paths = g_strdupv ((char **) paths);
  self->busy = TRUE;
  update_state (self);
  jc_order_task_import_prepare (db_path, paths, self->cancellable, on_prepared,
                                g_object_ref (self));
  return self;
}

/* ---- for the tests ---------------------------------------------------------- */

gboolean
_jc_order_import_dialog_is_busy (JcOrderImportDialog *self)
{
  return self->busy;
}

const JcImportPlan *
_jc_order_import_dialog_get_plan (JcOrderImportDialog *self)
{
  return self->plan;
}

GtkWidget *
_jc_order_import_dialog_get_import_button (JcOrderImportDialog *self)
{
  return self->import_button;
}

GtkEditable *
_jc_order_import_dialog_get_reason (JcOrderImportDialog *self)
{
  return GTK_EDITABLE (self->reason_row);
}

GtkWidget *
_jc_order_import_dialog_get_preview (JcOrderImportDialog *self)
{
  return GTK_WIDGET (self->preview_box);
}
