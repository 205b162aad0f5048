/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-source-editor.c: add or edit a price source. */
#include "config.h"

#define G_LOG_DOMAIN "jc-source-editor"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-fetch.h"
#include "jc-form.h"
#include "jc-source-editor-private.h"
#include "jc-ui-util.h"

/* The adapters core fetches, in the order the drop-down lists them. */
static const struct {
  const char *id;
  const char *label;        /* NC_ ("price adapter", …) */
  const char *explanation;
} adapters[] = {
  { "xinfadi", NC_("price adapter", "Xinfadi"),
    N_("The Beijing Xinfadi wholesale market’s daily price list (its JSON answer)") },
  { "csv", NC_("price adapter", "CSV"),
    N_("A CSV price file with a Xinfadi or USDA header, in UTF-8 or GBK") },
  { "usda", NC_("price adapter", "USDA"),
    N_("A USDA Market News terminal market report (JSON)") },
};

struct _JcSourceEditor {
  AdwWindow       parent_instance;

  JcStore        *store;      /* borrowed from the application */
  JcSource       *original;   /* NULL: a new source */
  JcForm         *form;
  gboolean        clear_credentials;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkWidget      *name_row;
  AdwComboRow    *adapter_row;
  GtkWidget      *url_row;
  GtkWidget      *params_row;
  GtkWidget      *credentials_row;
  GtkWidget      *clear_button;
  GtkLabel       *credentials_note;
  GtkWidget      *priority_row;
  GtkWidget      *schedule_row;
  GtkSwitch      *enabled_switch;
  GtkLabel       *general_caption;
  GtkLabel       *source_caption;
  GtkLabel       *credentials_caption;
  GtkLabel       *fetch_caption;
};

G_DEFINE_FINAL_TYPE (JcSourceEditor, jc_source_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Puts a value core accepts in place of a wrong one, so that validating
 * again finds the next wrong field. */
static gboolean
substitute (gpointer record,
            JcField  field)
{
  JcSource *s = record;

  switch ((int) field)
    {
    case JC_FIELD_NAME: set_string (&s->name, "x"); return TRUE;
    case JC_FIELD_ADAPTER: set_string (&s->adapter, adapters[0].id); return TRUE;
    case JC_FIELD_URL: set_string (&s->url, "https://example.invalid/"); return TRUE;
    case JC_FIELD_CREDENTIALS: set_string (&s->credentials, ""); return TRUE;
    case JC_FIELD_PRIORITY: s->priority = 100; return TRUE;
    case JC_FIELD_SCHEDULE: set_string (&s->schedule, ""); return TRUE;
    default: return FALSE;
    }
}

/* The login belongs under Credentials, where it is never shown again; in
 * the address it would be (the CLI refuses it the same way). */
static gboolean
check_url_login (const char  *url,
                 GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);

  if (uri == NULL)
    {
      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_URL, _("url: “%s” is not a valid address"),
                   url);
      return FALSE;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_autofree char *shown = jc_fetch_display_url (url);

      g_set_error (error, JC_VALIDATE_ERROR, JC_FIELD_URL,
                   _("url: “%s” has a login in it; put it under Credentials instead"), shown);
      return FALSE;
    }
  return TRUE;
}

static const char *
selected_adapter (JcSourceEditor *self)
{
  guint i = adw_combo_row_get_selected (self->adapter_row);

  return i < G_N_ELEMENTS (adapters) ? adapters[i].id : adapters[0].id;
}

static gboolean
has_stored_credentials (JcSourceEditor *self)
{
  return self->original != NULL && self->original->credentials != NULL &&
         *self->original->credentials != '\0';
}

/* What happens to the stored credentials on Save, in a line under the row. */
static void
update_credentials_note (JcSourceEditor *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->credentials_row));
  const char *note = NULL;

  if (has_stored_credentials (self))
    {
      if (*typed != '\0')
        note = _("What you typed replaces the stored credentials.");
      else if (self->clear_credentials)
        note = _("The stored credentials are removed when you save.");
      else
        note = _("Credentials are stored. Leave the field empty to keep them.");
    }
  gtk_label_set_text (self->credentials_note, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->credentials_note), note != NULL);
  gtk_widget_set_visible (self->clear_button, has_stored_credentials (self));
  gtk_button_set_label (GTK_BUTTON (self->clear_button),
                        self->clear_credentials ? _("_Keep") : _("C_lear"));
  gtk_widget_set_tooltip_text (self->clear_button,
                               self->clear_credentials
                               ? _("Keep the stored credentials")
                               : _("Remove the stored credentials when saving"));
}

static JcSource *
validate (JcSourceEditor *self)
{
  JcForm *form = self->form;
  g_autoptr(JcSource) s = self->original ? jc_source_copy (self->original) : jc_source_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *priority = jc_form_dup_text (form, JC_FIELD_PRIORITY);
  g_autofree char *schedule = jc_form_dup_text (form, JC_FIELD_SCHEDULE);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->credentials_row));
  gint64 n = 0;
  gboolean valid;

  jc_form_reset (form);
  g_free (s->name);
  s->name = jc_form_dup_text (form, JC_FIELD_NAME);
  set_string (&s->adapter, selected_adapter (self));
  g_free (s->url);
  s->url = jc_form_dup_text (form, JC_FIELD_URL);
  g_free (s->params);
  s->params = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->params_row))));
  /* Typed credentials replace the stored ones; empty keeps them, unless
   * Clear was pressed. */
  if (*typed != '\0')
    set_string (&s->credentials, typed);
  else if (self->clear_credentials || self->original == NULL)
    set_string (&s->credentials, "");
  s->enabled = gtk_switch_get_active (self->enabled_switch);

  if (jc_form_check (form, jc_parse_int_field (JC_FIELD_PRIORITY, priority, 0, 1000, &n, &error),
                     &error, substitute, s))
    s->priority = (int) n;
  if (*schedule == '\0')
    set_string (&s->schedule, "");
  else
    {
      int minutes = 0;

      if (jc_form_check (form, jc_parse_time_field (JC_FIELD_SCHEDULE, schedule, &minutes, &error),
                         &error, substitute, s))
        {
          g_free (s->schedule);
          s->schedule = jc_format_time (minutes);
        }
    }

  jc_form_check_record (form, (JcFormValidateFunc) jc_source_validate, substitute, s);
  if (!jc_form_has_error (form, JC_FIELD_URL) && !check_url_login (s->url, &error))
    jc_form_add_error (form, error);

  valid = jc_form_finish (form, GTK_WIDGET (self), self->store != NULL);
  update_credentials_note (self);
  return valid ? g_steal_pointer (&s) : NULL;
}

static void
form_changed_cb (gpointer user_data)
{
  /* validating marks the rows; the value itself is not needed here */
  JcSource *s = validate (JC_SOURCE_EDITOR (user_data));

  g_clear_pointer (&s, jc_source_free);
}

static void
update_adapter_explanation (JcSourceEditor *self)
{
  guint i = adw_combo_row_get_selected (self->adapter_row);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->adapter_row),
                               i < G_N_ELEMENTS (adapters) ? _(adapters[i].explanation) : "");
}

static void
on_clear_clicked_cb (JcSourceEditor *self)
{
  self->clear_credentials = !self->clear_credentials;
  form_changed_cb (self);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcSourceEditor *self = JC_SOURCE_EDITOR (widget);
  g_autoptr(JcSource) s = validate (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (s == NULL || self->store == NULL)
    return;
  if (self->original != NULL)
    ok = jc_store_update_source (self->store, s, &error);
  else
    ok = jc_store_insert_source (self->store, s, &error);
  if (!jc_form_check_save (self->form, ok, &error))
    return;
  g_signal_emit (self, signals[SAVED], 0, s->name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jc_source_editor_dispose (GObject *object)
{
  JcSourceEditor *self = JC_SOURCE_EDITOR (object);

  g_clear_pointer (&self->form, jc_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_SOURCE_EDITOR);
  G_OBJECT_CLASS (jc_source_editor_parent_class)->dispose (object);
}

static void
jc_source_editor_finalize (GObject *object)
{
  JcSourceEditor *self = JC_SOURCE_EDITOR (object);

  g_clear_pointer (&self->original, jc_source_free);
  G_OBJECT_CLASS (jc_source_editor_parent_class)->finalize (object);
}

static void
jc_source_editor_class_init (JcSourceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_source_editor_dispose;
  object_class->finalize = jc_source_editor_finalize;

  /**
   * JcSourceEditor::saved:
   * @name: the name of the source as saved
   * The source is in the store; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-source-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, adapter_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, params_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, credentials_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, clear_button);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, credentials_note);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, general_caption);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, source_caption);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, credentials_caption);
  gtk_widget_class_bind_template_child (widget_class, JcSourceEditor, fetch_caption);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* Everything but the credentials, which are never shown. */
static void
fill (JcSourceEditor *self,
      const JcSource *s)
{
  g_autofree char *priority = g_strdup_printf ("%d", s->priority);

  set_text (self->name_row, s->name);
  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    if (g_strcmp0 (s->adapter, adapters[i].id) == 0)
      adw_combo_row_set_selected (self->adapter_row, i);
  set_text (self->url_row, s->url);
  set_text (self->params_row, s->params);
  set_text (self->priority_row, priority);
  set_text (self->schedule_row, s->schedule);
  gtk_switch_set_active (self->enabled_switch, s->enabled);
}

static void
jc_source_editor_init (JcSourceEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  JcForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (adapters); i++)
    gtk_string_list_append (labels, g_dpgettext2 (NULL, "price adapter", adapters[i].label));
  adw_combo_row_set_model (self->adapter_row, G_LIST_MODEL (labels));
  g_signal_connect_swapped (self->adapter_row, "notify::selected",
                            G_CALLBACK (update_adapter_explanation), self);
  update_adapter_explanation (self);

  self->form = form = jc_form_new (form_changed_cb, self);
  jc_form_set_general_caption (form, self->general_caption);
  jc_form_add_field (form, JC_FIELD_NAME, self->name_row, self->source_caption);
  jc_form_add_field (form, JC_FIELD_ADAPTER, GTK_WIDGET (self->adapter_row), self->source_caption);
  jc_form_add_field (form, JC_FIELD_URL, self->url_row, self->source_caption);
  jc_form_add_field (form, JC_FIELD_CREDENTIALS, self->credentials_row, self->credentials_caption);
  jc_form_add_field (form, JC_FIELD_PRIORITY, self->priority_row, self->fetch_caption);
  jc_form_add_field (form, JC_FIELD_SCHEDULE, self->schedule_row, self->fetch_caption);
  /* Neither is checked, but both can make a saved source different. */
  g_signal_connect_swapped (self->params_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->enabled_switch, "notify::active", G_CALLBACK (form_changed_cb),
                            self);

  {
    g_autoptr(JcSource) defaults = jc_source_new ();

    fill (self, defaults);
  }
  adw_window_title_set_title (self->window_title, _("New Price Source"));
  jc_form_untouch_all (form);
  form_changed_cb (self);
}

/**
 * jc_source_editor_new:
 * @parent: the window it is modal for
 * @store: (transfer none): the store to write to; must outlive the editor
 * @source: (nullable): the source to edit, NULL to add one
 * Returns: (transfer none): the editor, a toplevel the caller presents.
 */
JcSourceEditor *
jc_source_editor_new (GtkWindow      *parent,
                      JcStore        *store,
                      const JcSource *source)
{
  JcSourceEditor *self = g_object_new (JC_TYPE_SOURCE_EDITOR, "transient-for", parent, NULL);

  self->store = store;
  if (source != NULL)
    {
      self->original = jc_source_copy (source);
      fill (self, source);
      adw_window_title_set_title (self->window_title, _("Edit Price Source"));
      adw_window_title_set_subtitle (self->window_title, source->name);
    }
  jc_form_untouch_all (self->form);
  form_changed_cb (self);
  return self;
}

GtkWidget *
_jc_source_editor_get_row (JcSourceEditor *self,
                           JcField         field)
{
  return jc_form_get_row (self->form, field);
}

GtkLabel *
_jc_source_editor_get_caption (JcSourceEditor *self,
                               JcField         field)
{
  return jc_form_get_caption (self->form, field);
}

GtkWidget *
_jc_source_editor_get_params_row (JcSourceEditor *self)
{
  return self->params_row;
}

GtkSwitch *
_jc_source_editor_get_enabled_switch (JcSourceEditor *self)
{
  return self->enabled_switch;
}

GtkWidget *
_jc_source_editor_get_clear_button (JcSourceEditor *self)
{
  return self->clear_button;
}

GtkLabel *
_jc_source_editor_get_credentials_note (JcSourceEditor *self)
{
  return self->credentials_note;
}

GtkWidget *
_jc_source_editor_get_save_button (JcSourceEditor *self)
{
  return self->save_button;
}
