/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-catalog-page.c: the catalog list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-catalog-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-item-editor.h"
#include "jc-catalog-page-private.h"
#include "jc-record.h"
#include "jc-ui-util.h"

struct _JcCatalogPage {
  AdwBin              parent_instance;

  JcStore            *store;       /* borrowed from the application */
  gboolean            show_inactive;
  char               *summary;     /* "17 canteens", for the header bar */
  char               *query;       /* case-folded search text */
  GListStore         *records;     /* every item, active or not */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GPtrArray          *categories;      /* JcCategory, in their order */
  GHashTable         *category_by_code;/* code → JcCategory in categories */
  char               *category_filter; /* a category code, NULL: all */
  GtkStringList      *category_names;  /* the dropdown's model */

  GtkEditable        *search_entry;
  GtkDropDown        *category_dropdown;
  GtkWidget          *show_inactive_check;
  GtkColumnView      *column_view;
  GtkStack           *stack;
  AdwStatusPage      *no_results_page;
  GtkButton          *toggle_active_button;
  GtkButton          *toggle_active_icon_button;
};

G_DEFINE_FINAL_TYPE (JcCatalogPage, jc_catalog_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_INACTIVE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- columns ---------------------------------------------------------- */

static char *
code_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcItem *) data)->code);
}

static int
code_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcItem *) a)->code, ((const JcItem *) b)->code);
}

static char *
name_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcItem *) data)->name);
}

/* Chinese names sort by their pinyin initials, as a person looks them up. */
static int
name_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const JcItem *ia = a, *ib = b;
  int r = g_strcmp0 (ia->pinyin, ib->pinyin);

  return r != 0 ? r : jc_ui_compare_text (ia->name, ib->name);
}

static char *
category_text (gconstpointer data, gpointer user_data)
{
  JcCatalogPage *self = user_data;
  const JcItem *item = data;
  JcCategory *cat = g_hash_table_lookup (self->category_by_code, item->category);

  return g_strdup (cat != NULL ? cat->name : item->category);
}

static int
category_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  JcCatalogPage *self = user_data;
  JcCategory *ca = g_hash_table_lookup (self->category_by_code, ((const JcItem *) a)->category);
  JcCategory *cb = g_hash_table_lookup (self->category_by_code, ((const JcItem *) b)->category);

  return jc_ui_compare_int (ca ? ca->position : G_MAXINT, cb ? cb->position : G_MAXINT);
}

static char *
unit_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (jc_ui_base_unit_label (((const JcItem *) data)->base_unit));
}

static int
unit_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcItem *) a)->base_unit, ((const JcItem *) b)->base_unit);
}

static char *
pack_text (gconstpointer data, gpointer user_data)
{
  const JcItem *item = data;
  g_autofree char *qty = NULL;

  if (item->pack_milli <= 0)
    return NULL;
  qty = jc_format_qty (item->pack_milli);
  /* TRANSLATORS: a quantity and its unit, such as "15 kg" */
  return g_strdup_printf (C_("quantity with unit", "%s %s"), qty,
                          jc_ui_base_unit_label (item->base_unit));
}

static int
pack_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcItem *) a)->pack_milli, ((const JcItem *) b)->pack_milli);
}

static char *
loss_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%d", ((const JcItem *) data)->loss_permille);
}

static int
loss_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcItem *) a)->loss_permille,
                            ((const JcItem *) b)->loss_permille);
}

static char *
aliases_text (gconstpointer data, gpointer user_data)
{
  return jc_ui_join_aliases (((const JcItem *) data)->aliases);
}

static int
aliases_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  g_autofree char *ta = aliases_text (a, user_data);
  g_autofree char *tb = aliases_text (b, user_data);

  return jc_ui_compare_text (ta, tb);
}

static void
add_columns (JcCatalogPage *self)
{
  struct {
    const char *title;
    JcColumnKind kind;
    JcColumnTextFunc text;
    JcColumnCompareFunc compare;
    gboolean expand;
  } columns[] = {
    { C_("column title", "Code"), JC_COLUMN_TEXT, code_text, code_compare, FALSE },
    { C_("column title", "Name"), JC_COLUMN_TEXT, name_text, name_compare, TRUE },
    { C_("column title", "Category"), JC_COLUMN_TEXT, category_text, category_compare, FALSE },
    { C_("column title", "Base Unit"), JC_COLUMN_TEXT, unit_text, unit_compare, FALSE },
    { C_("column title", "Pack"), JC_COLUMN_NUMBER, pack_text, pack_compare, FALSE },
    { C_("column title", "Loss ‰"), JC_COLUMN_NUMBER, loss_text, loss_compare, FALSE },
    { C_("column title", "Aliases"), JC_COLUMN_TEXT, aliases_text, aliases_compare, TRUE },
    { C_("column title", "Active"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = jc_column_new (columns[i].title, columns[i].kind,
                                                          columns[i].text, columns[i].compare,
                                                          self, columns[i].expand);

      gtk_column_view_append_column (self->column_view, col);
    }
}

/* ---- filtering and state ---------------------------------------------- */

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  JcCatalogPage *self = user_data;
  const JcItem *it = jc_record_get_data (item);

  if (!it->active && !self->show_inactive)
    return FALSE;
  if (self->category_filter != NULL && g_strcmp0 (it->category, self->category_filter) != 0)
    return FALSE;
  /* Name, pinyin initials ("dbc" finds 大白菜), code or alias. */
  return jc_item_matches (it, self->query);
}

static JcRecord *
get_selected (JcCatalogPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (JcCatalogPage *self)
{
  JcRecord *record = get_selected (self);
  gboolean activate = record != NULL && !jc_record_get_active (record);
  const char *tooltip = activate ? _("Make the selected item active again")
                                 : _("Deactivate the selected item: canteens can no longer "
                                     "order it, and its prices and history stay");

  gtk_button_set_label (self->toggle_active_button, activate ? _("_Activate") : _("_Deactivate"));
  gtk_button_set_icon_name (self->toggle_active_icon_button,
                            activate ? "object-select-symbolic" : "action-unavailable-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle_active_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->toggle_active_icon_button), tooltip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.toggle-active", record != NULL);
}

static void
update_state (JcCatalogPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint n_listed = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      if (self->show_inactive || jc_record_get_active (record))
        n_listed++;
    }
  if (self->query != NULL && *self->query != '\0')
    /* TRANSLATORS: "3 of 162 items" shown by a search */
    count = g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", n_listed),
                             n_shown, n_listed);
  else if (self->category_filter != NULL)
    count = g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", n_listed),
                             n_shown, n_listed);
  else
    count = g_strdup_printf (ngettext ("%u item", "%u items", n_shown), n_shown);
  if (n_all == 0)
    g_clear_pointer (&count, g_free);
  if (g_strcmp0 (count, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&count);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_all > 0);
  gtk_widget_set_sensitive (self->show_inactive_check, n_all > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), n_all > 0);
  if (n_all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n_shown == 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      if (self->query != NULL && *self->query != '\0')
        text = g_strdup_printf (_("No item matches “%s”. Search looks at names, pinyin initials, "
                                  "codes and aliases."),
                                gtk_editable_get_text (self->search_entry));
      else if (self->category_filter != NULL)
        text = g_strdup (_("This category has no items yet."));
      else
        text = g_strdup (_("Every item is deactivated. Turn on “Show deactivated” to see them."));
      escaped = g_markup_escape_text (text, -1);
      adw_status_page_set_description (self->no_results_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  update_actions (self);
}

static void
on_search_changed_cb (JcCatalogPage *self)
{
  g_free (self->query);
  /* jc_item_matches() folds the case itself. */
  self->query = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Escape in the search entry clears it. */
static void
on_stop_search_cb (JcCatalogPage *self)
{
  gtk_editable_set_text (self->search_entry, "");
}

static guint
find_position (JcCatalogPage *self,
               const char    *key)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (jc_record_get_key (record), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
on_category_selected_cb (JcCatalogPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  const char *code = NULL;

  /* Position 0 is "All categories". */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->categories->len)
    code = ((JcCategory *) g_ptr_array_index (self->categories, selected - 1))->code;
  if (g_strcmp0 (code, self->category_filter) == 0)
    return;
  g_free (self->category_filter);
  self->category_filter = g_strdup (code);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* The category names come from the store (they are data, named as the
 * market names them); the dropdown keeps its choice across reloads. */
static void
reload_categories (JcCatalogPage *self)
{
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (self->category_filter);
  guint selected = 0;

  if (self->store != NULL)
    {
      cats = jc_store_list_categories (self->store, &error);
      if (cats == NULL)
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Read the Categories"), error->message);
    }
  if (cats == NULL)
    cats = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  g_hash_table_remove_all (self->category_by_code);
  g_ptr_array_unref (self->categories);
  self->categories = g_steal_pointer (&cats);

  g_signal_handlers_block_by_func (self->category_dropdown, on_category_selected_cb, self);
  gtk_string_list_splice (self->category_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->category_names)) - 1,
                          NULL);
  for (guint i = 0; i < self->categories->len; i++)
    {
      JcCategory *cat = g_ptr_array_index (self->categories, i);

      g_hash_table_insert (self->category_by_code, cat->code, cat);
      gtk_string_list_append (self->category_names, cat->name);
      if (g_strcmp0 (cat->code, keep) == 0)
        selected = i + 1;
    }
  gtk_drop_down_set_selected (self->category_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->category_dropdown, on_category_selected_cb, self);
  if (selected == 0)
    g_clear_pointer (&self->category_filter, g_free);
}

/* Reloads from the store and selects `key` (or keeps the selection). */
static void
reload_and_select (JcCatalogPage *self,
                   const char    *key)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint position;

  if (key == NULL && get_selected (self) != NULL)
    keep = g_strdup (jc_record_get_key (get_selected (self)));
  else
    keep = g_strdup (key);

  reload_categories (self);
  if (self->store != NULL)
    {
      items = jc_store_list_items (self->store, TRUE, &error);
      if (items == NULL)
        jc_ui_show_error (GTK_WIDGET (self), _("Could Not Read the Catalog"), error->message);
    }
  if (items != NULL)
    {
      gsize n = 0;
      g_autofree gpointer *data = g_ptr_array_steal (items, &n);

      /* The records take the structs over, in the store's order. */
      for (gsize i = 0; i < n; i++)
        g_ptr_array_add (records, jc_record_new_item (data[i]));
    }
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)),
                       records->pdata, records->len);

  position = keep ? find_position (self, keep) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && key != NULL &&
      *gtk_editable_get_text (self->search_entry) != '\0')
    {
      /* The saved item does not match the search: show it anyway. */
      gtk_editable_set_text (self->search_entry, "");
      on_search_changed_cb (self);
      position = find_position (self, key);
    }
  if (position != GTK_INVALID_LIST_POSITION)
    jc_ui_select_position (self->column_view, position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  update_state (self);
}

/* ---- actions ---------------------------------------------------------- */

static void
on_editor_saved_cb (JcCatalogPage *self,
                    const char    *code,
                    GtkWindow     *editor)
{
  g_autofree char *message = g_strdup_printf (_("Item “%s” saved"), code);

  reload_and_select (self, code);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
open_editor (JcCatalogPage *self,
             const JcItem  *item)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  JcItemEditor *editor;

  if (self->store == NULL)
    return;
  editor = jc_item_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                               item);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (JC_CATALOG_PAGE (widget), NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (widget);
  JcRecord *record = get_selected (self);

  if (record != NULL)
    open_editor (self, jc_record_get_data (record));
}

static void
toggle_active_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (widget);
  JcRecord *record = get_selected (self);
  g_autoptr(JcItem) it = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (record == NULL || self->store == NULL)
    return;
  it = jc_item_copy (jc_record_get_data (record));
  it->active = !it->active;
  if (!jc_store_update_item (self->store, it, &error))
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Change the Item"), error->message);
      return;
    }
  message = g_strdup_printf (it->active ? _("Item “%s” is active again")
                                        : _("Item “%s” deactivated"), it->name);
  reload_and_select (self, it->code);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_column_view_activate_cb (JcCatalogPage *self,
                            guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "page.edit", NULL);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_catalog_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      g_value_set_boolean (value, self->show_inactive);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_catalog_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      if (self->show_inactive != g_value_get_boolean (value))
        {
          self->show_inactive = g_value_get_boolean (value);
          if (self->filter == NULL)  /* still building the template */
            {
              g_object_notify_by_pspec (object, pspec);
              break;
            }
          gtk_filter_changed (GTK_FILTER (self->filter), self->show_inactive
                                                         ? GTK_FILTER_CHANGE_LESS_STRICT
                                                         : GTK_FILTER_CHANGE_MORE_STRICT);
          update_state (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_catalog_page_dispose (GObject *object)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_CATALOG_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->records);
  g_clear_object (&self->category_names);
  G_OBJECT_CLASS (jc_catalog_page_parent_class)->dispose (object);
}

static void
jc_catalog_page_finalize (GObject *object)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

  g_free (self->query);
  g_free (self->summary);
  g_free (self->category_filter);
  g_clear_pointer (&self->category_by_code, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  G_OBJECT_CLASS (jc_catalog_page_parent_class)->finalize (object);
}

static void
jc_catalog_page_class_init (JcCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_catalog_page_get_property;
  object_class->set_property = jc_catalog_page_set_property;
  object_class->dispose = jc_catalog_page_dispose;
  object_class->finalize = jc_catalog_page_finalize;

  properties[PROP_SHOW_INACTIVE] =
    g_param_spec_boolean ("show-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many records are listed, for the header bar; NULL when none. */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/jicai/Jicai/ui/jc-catalog-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, show_inactive_check);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, toggle_active_button);
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, toggle_active_icon_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "page.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "page.toggle-active", NULL,
                                   toggle_active_activated);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
}

static void
jc_catalog_page_init (JcCatalogPage *self)
{
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  self->category_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->category_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->category_names, _("All categories"));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->category_names));
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_category_selected_cb), self);

  self->records = g_list_store_new (JC_TYPE_RECORD);
  self->filter = gtk_custom_filter_new (match_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->records)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->search_entry),
                                           GTK_WIDGET (self->column_view));

  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
}

/**
 * jc_catalog_page_set_store:
 * @store: (nullable) (transfer none): the store to show; it must stay open
 *   until another is set
 */
void
jc_catalog_page_set_store (JcCatalogPage *self,
                           JcStore       *store)
{
  g_return_if_fail (JC_IS_CATALOG_PAGE (self));

  self->store = store;
  reload_and_select (self, NULL);
}

/**
 * jc_catalog_page_reload:
 * Reads the catalog from the store again, keeping the selection.
 */
void
jc_catalog_page_reload (JcCatalogPage *self)
{
  g_return_if_fail (JC_IS_CATALOG_PAGE (self));

  reload_and_select (self, NULL);
}

GtkEditable *
_jc_catalog_page_get_search_entry (JcCatalogPage *self)
{
  return self->search_entry;
}

GListModel *
_jc_catalog_page_get_shown (JcCatalogPage *self)
{
  return G_LIST_MODEL (self->selection);
}

GtkWidget *
_jc_catalog_page_get_column_view (JcCatalogPage *self)
{
  return GTK_WIDGET (self->column_view);
}
