/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-master-editor.c: the window, form, Save action and "saved" signal
 * the master-data editors share.  It knows no record type and holds no
 * rule: the subclass reads and validates, the domain saves. */
#include "config.h"

#define G_LOG_DOMAIN "jc-master-editor"

#include "jc-master-editor.h"

typedef struct {
  JcStore        *store;      /* borrowed from the application */
  JcForm         *form;

  /* from the subclass's template */
  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkLabel       *general_caption;
} JcMasterEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JcMasterEditor, jc_master_editor, ADW_TYPE_WINDOW)

#define GET_PRIV(self) ((JcMasterEditorPrivate *) jc_master_editor_get_instance_private (self))

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
jc_master_editor_changed (JcMasterEditor *self)
{
  JcMasterEditorClass *klass = JC_MASTER_EDITOR_GET_CLASS (self);
  gpointer record = klass->build (self);

  if (record != NULL)
    klass->free_record (record);
}

static void
form_changed_cb (gpointer user_data)
{
  jc_master_editor_changed (JC_MASTER_EDITOR (user_data));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcMasterEditor *self = JC_MASTER_EDITOR (widget);
  JcMasterEditorPrivate *priv = GET_PRIV (self);
  JcMasterEditorClass *klass = JC_MASTER_EDITOR_GET_CLASS (self);
  gpointer record = klass->build (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Nothing is written unless every field is valid. */
  if (record == NULL)
    return;
  if (priv->store == NULL)
    {
      klass->free_record (record);
      return;
    }
  ok = klass->save (priv->store, record, &error);
  if (jc_form_check_save (priv->form, ok, &error))
    {
      g_signal_emit (self, signals[SAVED], 0, klass->get_key (record));
      gtk_window_destroy (GTK_WINDOW (self));
    }
  klass->free_record (record);
}

static void
jc_master_editor_dispose (GObject *object)
{
  JcMasterEditorPrivate *priv = GET_PRIV (JC_MASTER_EDITOR (object));

  g_clear_pointer (&priv->form, jc_form_free);
  /* the subclass's template, which this class's children belong to */
  gtk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));
  G_OBJECT_CLASS (jc_master_editor_parent_class)->dispose (object);
}

static void
jc_master_editor_class_init (JcMasterEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_master_editor_dispose;

  /**
   * JcMasterEditor::saved:
   * @key: the code, plate or name of the record as saved
   * The record is in the store; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jc_master_editor_init (JcMasterEditor *self)
{
  GET_PRIV (self)->form = jc_form_new (form_changed_cb, self);
}

void
jc_master_editor_class_set_template (GtkWidgetClass *widget_class,
                                     const char     *resource_path)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), JC_TYPE_MASTER_EDITOR));

  gtk_widget_class_set_template_from_resource (widget_class, resource_path);
  /* The children land in this class's private part of the instance. */
  gtk_widget_class_bind_template_child_full (widget_class, "window_title", FALSE,
                                             G_PRIVATE_OFFSET (JcMasterEditor, window_title));
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE,
                                             G_PRIVATE_OFFSET (JcMasterEditor, save_button));
  gtk_widget_class_bind_template_child_full (widget_class, "general_caption", FALSE,
                                             G_PRIVATE_OFFSET (JcMasterEditor, general_caption));
}

/* Called by the subclass's init after its template: the general caption
 * is known only then. */
static void
ensure_general_caption (JcMasterEditor *self)
{
  JcMasterEditorPrivate *priv = GET_PRIV (self);

  if (priv->general_caption != NULL)
    jc_form_set_general_caption (priv->form, priv->general_caption);
}

JcStore *
jc_master_editor_get_store (JcMasterEditor *self)
{
  g_return_val_if_fail (JC_IS_MASTER_EDITOR (self), NULL);

  return GET_PRIV (self)->store;
}

void
jc_master_editor_set_store (JcMasterEditor *self,
                            JcStore        *store)
{
  g_return_if_fail (JC_IS_MASTER_EDITOR (self));

  GET_PRIV (self)->store = store;
}

/**
 * jc_master_editor_get_form:
 * Returns: (transfer none): the form; its general caption is the
 *   template's "general_caption".
 */
JcForm *
jc_master_editor_get_form (JcMasterEditor *self)
{
  g_return_val_if_fail (JC_IS_MASTER_EDITOR (self), NULL);

  ensure_general_caption (self);
  return GET_PRIV (self)->form;
}

void
jc_master_editor_set_title (JcMasterEditor *self,
                            const char     *title,
                            const char     *subtitle)
{
  JcMasterEditorPrivate *priv;

  g_return_if_fail (JC_IS_MASTER_EDITOR (self));

  priv = GET_PRIV (self);
  adw_window_title_set_title (priv->window_title, title);
  if (subtitle != NULL)
    adw_window_title_set_subtitle (priv->window_title, subtitle);
}

void
jc_master_editor_start (JcMasterEditor *self)
{
  g_return_if_fail (JC_IS_MASTER_EDITOR (self));

  jc_form_untouch_all (GET_PRIV (self)->form);
  jc_master_editor_changed (self);
}

void
jc_master_editor_set_text (GtkWidget  *row,
                           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

GtkWidget *
_jc_master_editor_get_row (JcMasterEditor *self,
                           JcField         field)
{
  return jc_form_get_row (GET_PRIV (self)->form, field);
}

GtkLabel *
_jc_master_editor_get_caption (JcMasterEditor *self,
                               JcField         field)
{
  return jc_form_get_caption (GET_PRIV (self)->form, field);
}

GtkWidget *
_jc_master_editor_get_save_button (JcMasterEditor *self)
{
  return GET_PRIV (self)->save_button;
}
