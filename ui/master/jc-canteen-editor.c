/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-canteen-editor.c: add or edit a canteen. */
#include "config.h"

#define G_LOG_DOMAIN "jc-canteen-editor"

#include <glib/gi18n.h>

#include "jc-canteen-editor-private.h"
#include "jc-form.h"
#include "jc-ui-util.h"

struct _JcCanteenEditor {
  AdwWindow       parent_instance;

  JcStore        *store;      /* borrowed from the application */
  JcCanteen      *original;   /* NULL: a new canteen */
  JcForm         *form;
  GHashTable     *taken;      /* the codes of the other canteens, read at open */

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkWidget      *code_row;
  GtkWidget      *name_row;
  GtkWidget      *agency_row;
  GtkWidget      *address_row;
  GtkWidget      *lat_row;
  GtkWidget      *lon_row;
  GtkWidget      *window_start_row;
  GtkWidget      *window_end_row;
  GtkWidget      *diners_row;
  GtkSwitch      *active_switch;
  GtkLabel       *general_caption;
  GtkLabel       *canteen_caption;
  GtkLabel       *location_caption;
  GtkLabel       *delivery_caption;
};

G_DEFINE_FINAL_TYPE (JcCanteenEditor, jc_canteen_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Puts a value that passes validation into the field that failed, so that
 * asking core again finds the next wrong field: every wrong field gets its
 * message, not only the first. */
static gboolean
substitute (gpointer record,
            JcField  field)
{
  JcCanteen *c = record;

  switch ((int) field)
    {
    case JC_FIELD_CODE: g_free (c->code); c->code = g_strdup ("x"); return TRUE;
    case JC_FIELD_NAME: g_free (c->name); c->name = g_strdup ("x"); return TRUE;
    case JC_FIELD_AGENCY: g_free (c->agency); c->agency = g_strdup (""); return TRUE;
    case JC_FIELD_ADDRESS: g_free (c->address); c->address = g_strdup (""); return TRUE;
    case JC_FIELD_LAT: c->lat = 0; return TRUE;
    case JC_FIELD_LON: c->lon = 0; return TRUE;
    case JC_FIELD_WINDOW_START: c->window_start = 0; return TRUE;
    case JC_FIELD_WINDOW_END: c->window_start = 0; c->window_end = 1; return TRUE;
    case JC_FIELD_DINERS: c->diners = 0; return TRUE;
    default: return FALSE;
    }
}

/* Reads the rows into a canteen and validates it with the core parsers and
 * rules, showing what is wrong.  Returns the canteen when it is valid. */
static JcCanteen *
validate (JcCanteenEditor *self)
{
  JcForm *form = self->form;
  g_autoptr(JcCanteen) c = self->original ? jc_canteen_copy (self->original) : jc_canteen_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lat = jc_form_dup_text (form, JC_FIELD_LAT);
  g_autofree char *lon = jc_form_dup_text (form, JC_FIELD_LON);
  g_autofree char *start = jc_form_dup_text (form, JC_FIELD_WINDOW_START);
  g_autofree char *end = jc_form_dup_text (form, JC_FIELD_WINDOW_END);
  g_autofree char *diners = jc_form_dup_text (form, JC_FIELD_DINERS);
  gint64 n = 0;
  gboolean valid;

  jc_form_reset (form);
  g_free (c->code);
  c->code = jc_form_dup_text (form, JC_FIELD_CODE);
  g_free (c->name);
  c->name = jc_form_dup_text (form, JC_FIELD_NAME);
  g_free (c->agency);
  c->agency = jc_form_dup_text (form, JC_FIELD_AGENCY);
  g_free (c->address);
  c->address = jc_form_dup_text (form, JC_FIELD_ADDRESS);
  c->active = gtk_switch_get_active (self->active_switch);

  jc_form_check (form, jc_parse_degrees_field (JC_FIELD_LAT, lat, -90, 90, &c->lat, &error),
                 &error, substitute, c);
  jc_form_check (form, jc_parse_degrees_field (JC_FIELD_LON, lon, -180, 180, &c->lon, &error),
                 &error, substitute, c);
  jc_form_check (form, jc_parse_time_field (JC_FIELD_WINDOW_START, start, &c->window_start,
                                            &error),
                 &error, substitute, c);
  jc_form_check (form, jc_parse_time_field (JC_FIELD_WINDOW_END, end, &c->window_end, &error),
                 &error, substitute, c);
  /* Diners are optional: empty means not known yet (0). */
  if (*diners != '\0')
    jc_form_check (form, jc_parse_int_field (JC_FIELD_DINERS, diners, 0, 100000, &n, &error),
                   &error, NULL, NULL);
  c->diners = (int) n;

  jc_form_check_record (form, (JcFormValidateFunc) jc_canteen_validate, substitute, c);
  /* A code another canteen has is flagged as it is typed, not on Save (the
   * store still refuses it, should one be added meanwhile). */
  if (self->taken != NULL && c->code != NULL && g_hash_table_contains (self->taken, c->code))
    {
      g_autoptr(GError) taken = g_error_new (JC_VALIDATE_ERROR, JC_FIELD_CODE,
                                             _("code: “%s” is already used by another canteen"),
                                             c->code);

      jc_form_add_error (form, taken);
    }

  valid = jc_form_finish (form, GTK_WIDGET (self), self->store != NULL);
  return valid ? g_steal_pointer (&c) : NULL;
}

static void
form_changed_cb (gpointer user_data)
{
  /* validating marks the rows; the value itself is not needed here */
  JcCanteen *c = validate (JC_CANTEEN_EDITOR (user_data));

  g_clear_pointer (&c, jc_canteen_free);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcCanteenEditor *self = JC_CANTEEN_EDITOR (widget);
  g_autoptr(JcCanteen) c = validate (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Nothing is written unless every field is valid. */
  if (c == NULL || self->store == NULL)
    return;
  if (self->original != NULL)
    ok = jc_store_update_canteen (self->store, c, &error);
  else
    ok = jc_store_insert_canteen (self->store, c, &error);
  if (!jc_form_check_save (self->form, ok, &error))
    return;
  g_signal_emit (self, signals[SAVED], 0, c->code);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jc_canteen_editor_dispose (GObject *object)
{
  JcCanteenEditor *self = JC_CANTEEN_EDITOR (object);

  g_clear_pointer (&self->form, jc_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_CANTEEN_EDITOR);
  G_OBJECT_CLASS (jc_canteen_editor_parent_class)->dispose (object);
}

static void
jc_canteen_editor_finalize (GObject *object)
{
  JcCanteenEditor *self = JC_CANTEEN_EDITOR (object);

  g_clear_pointer (&self->original, jc_canteen_free);
  g_clear_pointer (&self->taken, g_hash_table_unref);
  G_OBJECT_CLASS (jc_canteen_editor_parent_class)->finalize (object);
}

static void
jc_canteen_editor_class_init (JcCanteenEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_canteen_editor_dispose;
  object_class->finalize = jc_canteen_editor_finalize;

  /**
   * JcCanteenEditor::saved:
   * @code: the code of the canteen as saved
   * The canteen is in the store; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-canteen-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, agency_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, lat_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, lon_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, window_start_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, window_end_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, diners_row);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, general_caption);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, canteen_caption);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, location_caption);
  gtk_widget_class_bind_template_child (widget_class, JcCanteenEditor, delivery_caption);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
jc_canteen_editor_init (JcCanteenEditor *self)
{
  JcForm *form;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = form = jc_form_new (form_changed_cb, self);
  jc_form_set_general_caption (form, self->general_caption);
  jc_form_add_field (form, JC_FIELD_CODE, self->code_row, self->canteen_caption);
  jc_form_add_field (form, JC_FIELD_NAME, self->name_row, self->canteen_caption);
  jc_form_add_field (form, JC_FIELD_AGENCY, self->agency_row, self->canteen_caption);
  jc_form_add_field (form, JC_FIELD_ADDRESS, self->address_row, self->canteen_caption);
  jc_form_add_field (form, JC_FIELD_LAT, self->lat_row, self->location_caption);
  jc_form_add_field (form, JC_FIELD_LON, self->lon_row, self->location_caption);
  jc_form_add_field (form, JC_FIELD_WINDOW_START, self->window_start_row, self->delivery_caption);
  jc_form_add_field (form, JC_FIELD_WINDOW_END, self->window_end_row, self->delivery_caption);
  jc_form_add_field (form, JC_FIELD_DINERS, self->diners_row, self->delivery_caption);

  {
    g_autoptr(JcCanteen) defaults = jc_canteen_new ();
    g_autofree char *start = jc_format_time (defaults->window_start);
    g_autofree char *end = jc_format_time (defaults->window_end);

    set_text (self->window_start_row, start);
    set_text (self->window_end_row, end);
  }
  adw_window_title_set_title (self->window_title, _("New Canteen"));
  jc_form_untouch_all (form);
  form_changed_cb (self);
}

static void
load (JcCanteenEditor *self,
      const JcCanteen *c)
{
  g_autofree char *lat = jc_ui_format_degrees (c->lat);
  g_autofree char *lon = jc_ui_format_degrees (c->lon);
  g_autofree char *start = jc_format_time (c->window_start);
  g_autofree char *end = jc_format_time (c->window_end);
  g_autofree char *diners = g_strdup_printf ("%d", c->diners);

  self->original = jc_canteen_copy (c);
  set_text (self->code_row, c->code);
  set_text (self->name_row, c->name);
  set_text (self->agency_row, c->agency);
  set_text (self->address_row, c->address);
  set_text (self->lat_row, lat);
  set_text (self->lon_row, lon);
  set_text (self->window_start_row, start);
  set_text (self->window_end_row, end);
  set_text (self->diners_row, diners);
  gtk_switch_set_active (self->active_switch, c->active);
  adw_window_title_set_title (self->window_title, _("Edit Canteen"));
  adw_window_title_set_subtitle (self->window_title, c->name);
}

/**
 * jc_canteen_editor_new:
 * @parent: the window it is modal for
 * @store: (transfer none): the store to write to; must outlive the editor
 * @canteen: (nullable): the canteen to edit, NULL to add one
 * Returns: (transfer none): the editor, a toplevel the caller presents.
 */
JcCanteenEditor *
jc_canteen_editor_new (GtkWindow       *parent,
                       JcStore         *store,
                       const JcCanteen *canteen)
{
  JcCanteenEditor *self = g_object_new (JC_TYPE_CANTEEN_EDITOR, "transient-for", parent, NULL);

  self->store = store;
  if (canteen != NULL)
    load (self, canteen);
  if (store != NULL)
    {
      /* a short read of the codes, as the save that follows is */
      g_autoptr(GPtrArray) all = jc_store_list_canteens (store, TRUE, NULL);

      self->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; all != NULL && i < all->len; i++)
        {
          const JcCanteen *other = g_ptr_array_index (all, i);

          if (canteen == NULL || g_strcmp0 (other->code, canteen->code) != 0)
            g_hash_table_add (self->taken, g_strdup (other->code));
        }
    }
  jc_form_untouch_all (self->form);
  form_changed_cb (self);
  return self;
}

GtkWidget *
_jc_canteen_editor_get_row (JcCanteenEditor *self,
                            JcField          field)
{
  return jc_form_get_row (self->form, field);
}

GtkLabel *
_jc_canteen_editor_get_caption (JcCanteenEditor *self,
                                JcField          field)
{
  return jc_form_get_caption (self->form, field);
}

GtkWidget *
_jc_canteen_editor_get_save_button (JcCanteenEditor *self)
{
  return self->save_button;
}
