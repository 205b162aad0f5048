/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-form.c: inline validation for the editors. */
#include "config.h"

#define G_LOG_DOMAIN "jc-form"

#include <glib/gi18n.h>

#include "jc-form.h"

typedef struct {
  JcField    field;
  GtkWidget *row;       /* a GtkEditable (AdwEntryRow) or an AdwComboRow; owned */
  GtkLabel  *caption;   /* owned */
  gulong     handler;
  char      *error;     /* this round's message, NULL: fine */
} FormField;

struct _JcForm {
  GArray            *fields;
  GtkLabel          *general_caption;
  char              *general_error;
  int                reached;          /* index of the furthest row touched, -1: none */
  JcField            rejected_field;   /* what the store refused, while unchanged */
  char              *rejected_value;
  char              *rejected_message;
  char              *rejected_general;
  JcFormChangedFunc  changed;
  gpointer           user_data;
};

static void
form_field_clear (gpointer data)
{
  FormField *f = data;

  if (f->handler != 0)
    g_signal_handler_disconnect (f->row, f->handler);
  g_clear_object (&f->row);
  g_clear_object (&f->caption);
  g_clear_pointer (&f->error, g_free);
}

/**
 * jc_form_new:
 * `changed` runs after any row of the form changed (the editor validates
 * again there).
 * Returns: (transfer full): a new form; free with jc_form_free().
 */
JcForm *
jc_form_new (JcFormChangedFunc changed,
             gpointer          user_data)
{
  JcForm *form = g_new0 (JcForm, 1);

  form->fields = g_array_new (FALSE, TRUE, sizeof (FormField));
  g_array_set_clear_func (form->fields, form_field_clear);
  form->reached = -1;
  form->changed = changed;
  form->user_data = user_data;
  return form;
}

void
jc_form_free (JcForm *form)
{
  if (form == NULL)
    return;
  g_array_unref (form->fields);
  g_clear_object (&form->general_caption);
  g_free (form->general_error);
  g_free (form->rejected_value);
  g_free (form->rejected_message);
  g_free (form->rejected_general);
  g_free (form);
}

static int
field_index (JcForm  *form,
             JcField  field)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_array_index (form->fields, FormField, i).field == field)
      return (int) i;
  return -1;
}

static char *
row_value (GtkWidget *row)
{
  if (GTK_IS_EDITABLE (row))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  if (ADW_IS_COMBO_ROW (row))
    return g_strdup_printf ("%u", adw_combo_row_get_selected (ADW_COMBO_ROW (row)));
  return g_strdup ("");
}

static void
row_changed (JcForm    *form,
             GtkWidget *row)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_array_index (form->fields, FormField, i).row == row)
      form->reached = MAX (form->reached, (int) i);
  g_clear_pointer (&form->rejected_general, g_free);
  if (form->changed != NULL)
    form->changed (form->user_data);
}

static void
editable_changed_cb (GtkEditable *editable,
                     JcForm      *form)
{
  row_changed (form, GTK_WIDGET (editable));
}

static void
combo_selected_cb (GObject    *combo,
                   GParamSpec *pspec,
                   JcForm     *form)
{
  row_changed (form, GTK_WIDGET (combo));
}

/**
 * jc_form_add_field:
 * Registers the row that shows `field` and the caption label under its
 * group.  Rows are added in the order a person fills them in.
 */
void
jc_form_add_field (JcForm    *form,
                   JcField    field,
                   GtkWidget *row,
                   GtkLabel  *caption)
{
  FormField f = { 0 };

  g_return_if_fail (form != NULL);
  g_return_if_fail (GTK_IS_EDITABLE (row) || ADW_IS_COMBO_ROW (row));
  g_return_if_fail (GTK_IS_LABEL (caption));

  f.field = field;
  f.row = g_object_ref (row);
  f.caption = g_object_ref (caption);
  if (GTK_IS_EDITABLE (row))
    f.handler = g_signal_connect (row, "changed", G_CALLBACK (editable_changed_cb), form);
  else
    f.handler = g_signal_connect (row, "notify::selected", G_CALLBACK (combo_selected_cb), form);
  g_array_append_val (form->fields, f);
}

/**
 * jc_form_set_general_caption:
 * The label for errors that belong to no row (the database failed).
 */
void
jc_form_set_general_caption (JcForm   *form,
                             GtkLabel *caption)
{
  g_return_if_fail (form != NULL);

  g_set_object (&form->general_caption, caption);
}

/**
 * jc_form_get_row:
 * Returns: (transfer none) (nullable): the row that shows `field`.
 */
GtkWidget *
jc_form_get_row (JcForm  *form,
                 JcField  field)
{
  int i = field_index (form, field);

  return i < 0 ? NULL : g_array_index (form->fields, FormField, i).row;
}

/**
 * jc_form_get_caption:
 * Returns: (transfer none) (nullable): the caption under the group of the
 * row that shows `field`.
 */
GtkLabel *
jc_form_get_caption (JcForm  *form,
                     JcField  field)
{
  int i = field_index (form, field);

  return i < 0 ? NULL : g_array_index (form->fields, FormField, i).caption;
}

/**
 * jc_form_dup_text:
 * Returns: (transfer full): the text of the row of `field` without the
 * blanks around it ("" for a row that has no text).
 */
char *
jc_form_dup_text (JcForm  *form,
                  JcField  field)
{
  GtkWidget *row = jc_form_get_row (form, field);

  if (row == NULL || !GTK_IS_EDITABLE (row))
    return g_strdup ("");
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/**
 * jc_form_untouch_all:
 * Forgets which rows the person has reached, after the editor filled them.
 */
void
jc_form_untouch_all (JcForm *form)
{
  form->reached = -1;
}

/**
 * jc_form_reset:
 * Starts a round of validation: forgets this round's errors.
 */
void
jc_form_reset (JcForm *form)
{
  for (guint i = 0; i < form->fields->len; i++)
    g_clear_pointer (&g_array_index (form->fields, FormField, i).error, g_free);
  g_clear_pointer (&form->general_error, g_free);
}

/**
 * jc_form_add_error:
 * Records an error: a JC_VALIDATE_ERROR goes to the row of its field (the
 * first error of a row wins), anything else to the general caption.
 */
void
jc_form_add_error (JcForm       *form,
                   const GError *error)
{
  int i = -1;

  g_return_if_fail (error != NULL);

  if (error->domain == JC_VALIDATE_ERROR)
    i = field_index (form, (JcField) error->code);
  if (i >= 0)
    {
      FormField *f = &g_array_index (form->fields, FormField, i);

      if (f->error == NULL)
        f->error = g_strdup (error->message);
    }
  else if (form->general_error == NULL)
    form->general_error = g_strdup (error->message);
}

gboolean
jc_form_has_error (JcForm  *form,
                   JcField  field)
{
  int i = field_index (form, field);

  return i >= 0 && g_array_index (form->fields, FormField, i).error != NULL;
}

/**
 * jc_form_is_valid:
 * Returns: TRUE when no row has an error (shown or not).  General errors
 * (a busy database) do not count: saving again may work.
 */
gboolean
jc_form_is_valid (JcForm *form)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_array_index (form->fields, FormField, i).error != NULL)
      return FALSE;
  return TRUE;
}

/**
 * jc_form_reject:
 * Remembers why the store refused to save: the message stays on its row
 * while the row holds the refused value (and on the general caption until
 * any row changes).  Call before validating again.
 */
void
jc_form_reject (JcForm       *form,
                const GError *error)
{
  int i = -1;

  g_return_if_fail (error != NULL);

  g_clear_pointer (&form->rejected_value, g_free);
  g_clear_pointer (&form->rejected_message, g_free);
  g_clear_pointer (&form->rejected_general, g_free);
  form->rejected_field = JC_FIELD_NONE;
  if (error->domain == JC_VALIDATE_ERROR)
    i = field_index (form, (JcField) error->code);
  if (i >= 0)
    {
      FormField *f = &g_array_index (form->fields, FormField, i);

      form->rejected_field = f->field;
      form->rejected_value = row_value (f->row);
      form->rejected_message = g_strdup (error->message);
      form->reached = MAX (form->reached, i);
    }
  else
    form->rejected_general = g_strdup (error->message);
}

static void
apply_rejection (JcForm *form)
{
  int i = field_index (form, form->rejected_field);

  if (form->rejected_general != NULL && form->general_error == NULL)
    form->general_error = g_strdup (form->rejected_general);
  if (i >= 0 && form->rejected_field != JC_FIELD_NONE)
    {
      FormField *f = &g_array_index (form->fields, FormField, i);
      g_autofree char *now = row_value (f->row);

      if (g_strcmp0 (now, form->rejected_value) == 0)
        {
          if (f->error == NULL)
            f->error = g_strdup (form->rejected_message);
        }
      else
        {
          form->rejected_field = JC_FIELD_NONE;
          g_clear_pointer (&form->rejected_value, g_free);
          g_clear_pointer (&form->rejected_message, g_free);
        }
    }
}

/**
 * jc_form_show:
 * Ends a round: adds what the store rejected, then marks the rows and fills
 * the captions.  An error is shown on a row the person has reached (or
 * passed); the others count for jc_form_is_valid() without shouting.
 */
void
jc_form_show (JcForm *form)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer key, value;

  apply_rejection (form);
  for (guint i = 0; i < form->fields->len; i++)
    {
      FormField *f = &g_array_index (form->fields, FormField, i);
      gboolean show = f->error != NULL && (int) i <= form->reached;
      GPtrArray *lines = g_hash_table_lookup (texts, f->caption);

      if (lines == NULL)
        {
          lines = g_ptr_array_new ();
          g_hash_table_insert (texts, f->caption, lines);
        }
      if (show)
        {
          g_ptr_array_add (lines, f->error);
          gtk_widget_add_css_class (f->row, "error");
        }
      else
        gtk_widget_remove_css_class (f->row, "error");
    }
  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *lines = value;
      g_autofree char *text = NULL;

      g_ptr_array_add (lines, NULL);
      text = g_strjoinv ("\n", (char **) lines->pdata);
      gtk_label_set_text (GTK_LABEL (key), text);
      gtk_widget_set_visible (GTK_WIDGET (key), *text != '\0');
    }
  if (form->general_caption != NULL)
    {
      gtk_label_set_text (form->general_caption, form->general_error ? form->general_error : "");
      gtk_widget_set_visible (GTK_WIDGET (form->general_caption), form->general_error != NULL);
    }
}

/**
 * jc_form_set_text:
 * Fills the entry row of `field` (NULL: empty).
 */
void
jc_form_set_text (JcForm     *form,
                  JcField     field,
                  const char *text)
{
  GtkWidget *row = jc_form_get_row (form, field);

  g_return_if_fail (row != NULL && GTK_IS_EDITABLE (row));

  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/**
 * jc_form_check:
 * @parsed: what a core field parser returned
 * @error: (inout): the parser's error; cleared here
 * Takes a parser's answer: a failure shows its error at its row and puts a
 * valid value into `record` in its place (when `substitute` is not NULL),
 * so that validating the record goes on to the next wrong field.
 * Returns: `parsed`.
 */
gboolean
jc_form_check (JcForm               *form,
               gboolean              parsed,
               GError              **error,
               JcFormSubstituteFunc  substitute,
               gpointer              record)
{
  if (parsed)
    return TRUE;
  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  jc_form_add_error (form, *error);
  if (substitute != NULL)
    substitute (record, (JcField) (*error)->code);
  g_clear_error (error);
  return FALSE;
}

/**
 * jc_form_check_record:
 * Validates `record` with the core rules: every rule it breaks gets its
 * message at its row, a valid value put in its place, and the record is
 * asked again — every wrong field gets its message, not only the first.
 */
void
jc_form_check_record (JcForm               *form,
                      JcFormValidateFunc    validate,
                      JcFormSubstituteFunc  substitute,
                      gpointer              record)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 16 && !validate (record, &error); i++)
    {
      jc_form_add_error (form, error);
      if (error->domain != JC_VALIDATE_ERROR || !substitute (record, (JcField) error->code))
        break;
      g_clear_error (&error);
    }
}

/**
 * jc_form_finish:
 * Shows this round's messages and lets the editor's "editor.save" action
 * run only when every field is valid and `can_save`.
 * Returns: whether every field is valid.
 */
gboolean
jc_form_finish (JcForm    *form,
                GtkWidget *editor,
                gboolean   can_save)
{
  gboolean valid;

  jc_form_show (form);
  valid = jc_form_is_valid (form);
  gtk_widget_action_set_enabled (editor, "editor.save", valid && can_save);
  return valid;
}

/**
 * jc_form_check_save:
 * @saved: what the store's insert or update returned
 * @error: (inout): its error; cleared here
 * Takes the store's answer to a save: a refusal (a duplicate code) goes
 * on the form, which validates again to show it.
 * Returns: `saved`.
 */
gboolean
jc_form_check_save (JcForm   *form,
                    gboolean  saved,
                    GError  **error)
{
  if (saved)
    return TRUE;
  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  jc_form_reject (form, *error);
  g_clear_error (error);
  form->changed (form->user_data);
  return FALSE;
}
