/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-item-editor.c: add or edit a catalog item. */
#include "config.h"

#define G_LOG_DOMAIN "jc-item-editor"

#include <glib/gi18n.h>

#include "jc-form.h"
#include "jc-item-editor-private.h"
#include "jc-pinyin.h"
#include "jc-ui-util.h"

struct _JcItemEditor {
  AdwWindow       parent_instance;

  JcStore        *store;          /* borrowed from the application */
  JcItem         *original;       /* NULL: a new item */
  JcForm         *form;
  GPtrArray      *category_codes; /* parallel to the category row's model */
  char           *pinyin_auto;    /* what we filled in; replaced while unedited */
  GtkWidget      *pack_unit_label;

  AdwWindowTitle *window_title;
  GtkWidget      *save_button;
  GtkWidget      *code_row;
  GtkWidget      *name_row;
  GtkWidget      *category_row;
  GtkWidget      *pinyin_row;
  GtkWidget      *aliases_row;
  GtkWidget      *base_unit_row;
  GtkWidget      *pack_row;
  GtkWidget      *piece_mass_row;
  GtkWidget      *loss_row;
  GtkSwitch      *active_switch;
  GtkLabel       *general_caption;
  GtkLabel       *item_caption;
  GtkLabel       *units_caption;
};

G_DEFINE_FINAL_TYPE (JcItemEditor, jc_item_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
substitute (gpointer record,
            JcField  field)
{
  JcItem *item = record;

  switch ((int) field)
    {
    case JC_FIELD_CODE: g_free (item->code); item->code = g_strdup ("x"); return TRUE;
    case JC_FIELD_NAME: g_free (item->name); item->name = g_strdup ("x"); return TRUE;
    case JC_FIELD_CATEGORY: g_free (item->category); item->category = g_strdup ("x"); return TRUE;
    case JC_FIELD_PACK: item->pack_milli = 0; return TRUE;
    case JC_FIELD_PIECE_MASS: item->piece_mass_mg = 0; return TRUE;
    case JC_FIELD_LOSS: item->loss_permille = 0; return TRUE;
    case JC_FIELD_ALIASES:
      g_strfreev (item->aliases);
      item->aliases = g_new0 (char *, 1);
      return TRUE;
    default: return FALSE;
    }
}

static JcItem *
validate (JcItemEditor *self)
{
  JcForm *form = self->form;
  g_autoptr(JcItem) item = self->original ? jc_item_copy (self->original) : jc_item_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = jc_form_dup_text (form, JC_FIELD_PACK);
  g_autofree char *piece = jc_form_dup_text (form, JC_FIELD_PIECE_MASS);
  g_autofree char *loss = jc_form_dup_text (form, JC_FIELD_LOSS);
  g_autofree char *aliases = jc_form_dup_text (form, JC_FIELD_ALIASES);
  guint category = adw_combo_row_get_selected (ADW_COMBO_ROW (self->category_row));
  gint64 v = 0;
  gboolean valid;

  jc_form_reset (form);
  g_free (item->code);
  item->code = jc_form_dup_text (form, JC_FIELD_CODE);
  g_free (item->name);
  item->name = jc_form_dup_text (form, JC_FIELD_NAME);
  g_free (item->category);
  item->category = g_strdup (category < self->category_codes->len
                             ? g_ptr_array_index (self->category_codes, category) : "");
  g_free (item->pinyin);
  {
    g_autofree char *pinyin = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pinyin_row))));

    /* Search compares case-folded text: keep the initials lower case. */
    item->pinyin = g_utf8_strdown (pinyin, -1);
  }
  g_strfreev (item->aliases);
  item->aliases = jc_ui_split_aliases (aliases);
  item->base_unit = (JcBaseUnit) adw_combo_row_get_selected (ADW_COMBO_ROW (self->base_unit_row));
  item->active = gtk_switch_get_active (self->active_switch);

  /* Pack and piece mass are optional: empty means none. */
  item->pack_milli = 0;
  if (*pack != '\0')
    jc_form_check (form, jc_parse_milli_field (JC_FIELD_PACK, pack, 1, JC_MAX_MILLI,
                                               &item->pack_milli, &error),
                   &error, substitute, item);
  item->piece_mass_mg = 0;
  if (*piece != '\0')
    jc_form_check (form, jc_parse_piece_mass (piece, &item->piece_mass_mg, &error),
                   &error, substitute, item);
  if (jc_form_check (form, jc_parse_int_field (JC_FIELD_LOSS, loss, 0, 999, &v, &error),
                     &error, substitute, item))
    item->loss_permille = (int) v;

  jc_form_check_record (form, (JcFormValidateFunc) jc_item_validate, substitute, item);

  valid = jc_form_finish (form, GTK_WIDGET (self), self->store != NULL);
  return valid ? g_steal_pointer (&item) : NULL;
}

static void
form_changed_cb (gpointer user_data)
{
  /* validating marks the rows; the value itself is not needed here */
  JcItem *item = validate (JC_ITEM_EDITOR (user_data));

  g_clear_pointer (&item, jc_item_free);
}

/* The initials follow the name until the person edits them. */
static void
on_name_changed_cb (JcItemEditor *self)
{
  const char *now = gtk_editable_get_text (GTK_EDITABLE (self->pinyin_row));
  g_autofree char *name = NULL;

  if (*now != '\0' && g_strcmp0 (now, self->pinyin_auto) != 0)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_free (self->pinyin_auto);
  self->pinyin_auto = jc_pinyin_initials (name);
  gtk_editable_set_text (GTK_EDITABLE (self->pinyin_row), self->pinyin_auto);
}

static void
on_pinyin_changed_cb (JcItemEditor *self)
{
  form_changed_cb (self);
}

static void
on_base_unit_changed_cb (JcItemEditor *self)
{
  JcBaseUnit unit = (JcBaseUnit) adw_combo_row_get_selected (ADW_COMBO_ROW (self->base_unit_row));

  gtk_label_set_text (GTK_LABEL (self->pack_unit_label), jc_ui_base_unit_label (unit));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcItemEditor *self = JC_ITEM_EDITOR (widget);
  g_autoptr(JcItem) item = validate (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (item == NULL || self->store == NULL)
    return;
  if (self->original != NULL)
    ok = jc_store_update_item (self->store, item, &error);
  else
    ok = jc_store_insert_item (self->store, item, &error);
  if (!jc_form_check_save (self->form, ok, &error))
    return;
  g_signal_emit (self, signals[SAVED], 0, item->code);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jc_item_editor_dispose (GObject *object)
{
  JcItemEditor *self = JC_ITEM_EDITOR (object);

  g_clear_pointer (&self->form, jc_form_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_ITEM_EDITOR);
  G_OBJECT_CLASS (jc_item_editor_parent_class)->dispose (object);
}

static void
jc_item_editor_finalize (GObject *object)
{
  JcItemEditor *self = JC_ITEM_EDITOR (object);

  g_clear_pointer (&self->original, jc_item_free);
  g_clear_pointer (&self->category_codes, g_ptr_array_unref);
  g_free (self->pinyin_auto);
  G_OBJECT_CLASS (jc_item_editor_parent_class)->finalize (object);
}

static void
jc_item_editor_class_init (JcItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jc_item_editor_dispose;
  object_class->finalize = jc_item_editor_finalize;

  /**
   * JcItemEditor::saved:
   * @code: the code of the item as saved
   * The item is in the store; the editor closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, pinyin_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, aliases_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, base_unit_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, pack_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, piece_mass_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, loss_row);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, active_switch);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, general_caption);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, item_caption);
  gtk_widget_class_bind_template_child (widget_class, JcItemEditor, units_caption);

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
jc_item_editor_init (JcItemEditor *self)
{
  JcForm *form;
  g_autoptr(GtkStringList) units = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_codes = g_ptr_array_new_with_free_func (g_free);

  /* In the order of JcBaseUnit. */
  gtk_string_list_append (units, jc_ui_base_unit_label (JC_BASE_UNIT_KG));
  gtk_string_list_append (units, jc_ui_base_unit_label (JC_BASE_UNIT_PIECE));
  gtk_string_list_append (units, jc_ui_base_unit_label (JC_BASE_UNIT_L));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->base_unit_row), G_LIST_MODEL (units));

  self->pack_unit_label = gtk_label_new (jc_ui_base_unit_label (JC_BASE_UNIT_KG));
  gtk_widget_add_css_class (self->pack_unit_label, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->pack_row), self->pack_unit_label);

  self->form = form = jc_form_new (form_changed_cb, self);
  jc_form_set_general_caption (form, self->general_caption);
  jc_form_add_field (form, JC_FIELD_CODE, self->code_row, self->item_caption);
  jc_form_add_field (form, JC_FIELD_NAME, self->name_row, self->item_caption);
  jc_form_add_field (form, JC_FIELD_CATEGORY, self->category_row, self->item_caption);
  jc_form_add_field (form, JC_FIELD_ALIASES, self->aliases_row, self->item_caption);
  jc_form_add_field (form, JC_FIELD_BASE_UNIT, self->base_unit_row, self->units_caption);
  jc_form_add_field (form, JC_FIELD_PACK, self->pack_row, self->units_caption);
  jc_form_add_field (form, JC_FIELD_PIECE_MASS, self->piece_mass_row, self->units_caption);
  jc_form_add_field (form, JC_FIELD_LOSS, self->loss_row, self->units_caption);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (on_name_changed_cb), self);
  g_signal_connect_swapped (self->pinyin_row, "changed", G_CALLBACK (on_pinyin_changed_cb), self);
  g_signal_connect_swapped (self->base_unit_row, "notify::selected",
                            G_CALLBACK (on_base_unit_changed_cb), self);

  set_text (self->loss_row, "0");
  adw_window_title_set_title (self->window_title, _("New Item"));
  jc_form_untouch_all (form);
  form_changed_cb (self);
}

static void
load_categories (JcItemEditor *self,
                 const char   *selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GError) error = NULL;
  guint position = 0;

  g_ptr_array_set_size (self->category_codes, 0);
  cats = jc_store_list_categories (self->store, &error);
  if (cats == NULL)
    {
      g_warning ("Could not read the categories: %s", error->message);
      return;
    }
  for (guint i = 0; i < cats->len; i++)
    {
      JcCategory *cat = g_ptr_array_index (cats, i);

      /* Category names are data (as the market names them), not UI text. */
      gtk_string_list_append (names, cat->name);
      g_ptr_array_add (self->category_codes, g_strdup (cat->code));
      if (g_strcmp0 (cat->code, selected) == 0)
        position = i;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->category_row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->category_row), position);
}

static void
load (JcItemEditor *self,
      const JcItem *item)
{
  g_autofree char *aliases = NULL;
  g_autofree char *loss = g_strdup_printf ("%d", item->loss_permille);
  g_autofree char *pack = item->pack_milli > 0 ? jc_format_qty (item->pack_milli) : NULL;
  g_autofree char *piece = item->piece_mass_mg > 0
                           ? jc_format_piece_mass (item->piece_mass_mg) : NULL;

  self->original = jc_item_copy (item);
  /* What the person sees is exactly what is saved: "a, b" reads back as
   * the same two aliases. */
  aliases = g_strjoinv (", ", item->aliases);
  set_text (self->code_row, item->code);
  set_text (self->name_row, item->name);
  set_text (self->pinyin_row, item->pinyin);
  set_text (self->aliases_row, aliases);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->base_unit_row), (guint) item->base_unit);
  set_text (self->pack_row, pack);
  set_text (self->piece_mass_row, piece);
  set_text (self->loss_row, loss);
  gtk_switch_set_active (self->active_switch, item->active);
  adw_window_title_set_title (self->window_title, _("Edit Item"));
  adw_window_title_set_subtitle (self->window_title, item->name);
}

/**
 * jc_item_editor_new:
 * @parent: the window it is modal for
 * @store: (transfer none): the store to write to; must outlive the editor
 * @item: (nullable): the item to edit, NULL to add one
 * Returns: (transfer none): the editor, a toplevel the caller presents.
 */
JcItemEditor *
jc_item_editor_new (GtkWindow    *parent,
                    JcStore      *store,
                    const JcItem *item)
{
  JcItemEditor *self = g_object_new (JC_TYPE_ITEM_EDITOR, "transient-for", parent, NULL);

  self->store = store;
  if (store != NULL)
    load_categories (self, item ? item->category : NULL);
  if (item != NULL)
    load (self, item);
  jc_form_untouch_all (self->form);
  form_changed_cb (self);
  return self;
}

GtkWidget *
_jc_item_editor_get_row (JcItemEditor *self,
                         JcField       field)
{
  return jc_form_get_row (self->form, field);
}

GtkLabel *
_jc_item_editor_get_caption (JcItemEditor *self,
                             JcField       field)
{
  return jc_form_get_caption (self->form, field);
}

GtkWidget *
_jc_item_editor_get_pinyin_row (JcItemEditor *self)
{
  return self->pinyin_row;
}

GtkWidget *
_jc_item_editor_get_save_button (JcItemEditor *self)
{
  return self->save_button;
}
