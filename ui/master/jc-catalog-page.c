/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-catalog-page.c: the catalog list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-catalog-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-item-editor.h"
#include "jc-catalog-page-private.h"
#include "jc-master-save.h"
#include "jc-ui-util.h"

struct _JcCatalogPage {
  JcListPage          parent_instance;

  GPtrArray          *categories;      /* JcCategory, in their order */
  GHashTable         *category_by_code;/* code → JcCategory in categories */
  char               *category_filter; /* a category code, NULL: all */
  GtkStringList      *category_names;  /* the dropdown's model */

  GtkDropDown        *category_dropdown;
};

G_DEFINE_FINAL_TYPE (JcCatalogPage, jc_catalog_page, JC_TYPE_LIST_PAGE)

/* ---- columns ---------------------------------------------------------- */

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

/* ---- the category filter ---------------------------------------------- */

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
  jc_list_page_refilter (JC_LIST_PAGE (self));
}

/* The category names come from the store (they are data, named as the
 * market names them); the dropdown keeps its choice across reloads. */
static void
reload_categories (JcCatalogPage *self,
                   JcStore       *store)
{
  g_autoptr(GPtrArray) cats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (self->category_filter);
  guint selected = 0;

  if (store != NULL)
    {
      cats = jc_store_list_categories (store, &error);
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

/* ---- what JcListPage asks ----------------------------------------------- */

static void
load (JcListPage *page,
      JcStore    *store,
      GPtrArray  *records)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  reload_categories (JC_CATALOG_PAGE (page), store);
  if (store != NULL)
    {
      items = jc_store_list_items (store, TRUE, &error);
      if (items == NULL)
        jc_list_page_set_load_error (page, _("Could Not Read the Catalog"), error->message);
    }
  if (items != NULL)
    jc_list_page_take_records (records, items, (JcListPageWrapFunc) jc_record_new_item);
}

static gboolean
match (JcListPage   *page,
       gconstpointer data,
       const char   *query)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (page);
  const JcItem *it = data;

  if (self->category_filter != NULL && g_strcmp0 (it->category, self->category_filter) != 0)
    return FALSE;
  /* Name, pinyin initials ("dbc" finds 大白菜), code or alias. */
  return jc_item_matches (it, query);
}

static char *
describe_count (JcListPage *page,
                guint       n_shown,
                guint       n_listed)
{
  const char *query = jc_list_page_get_query (page);

  if (query != NULL && *query != '\0')
    /* TRANSLATORS: "3 of 162 items" shown by a search */
    return g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", n_listed),
                            n_shown, n_listed);
  if (JC_CATALOG_PAGE (page)->category_filter != NULL)
    return g_strdup_printf (ngettext ("%u of %u item", "%u of %u items", n_listed),
                            n_shown, n_listed);
  return g_strdup_printf (ngettext ("%u item", "%u items", n_shown), n_shown);
}

static char *
describe_no_results (JcListPage *page,
                     const char *search)
{
  if (search != NULL)
    return g_strdup_printf (_("No item matches “%s”. Search looks at names, pinyin initials, "
                              "codes and aliases."),
                            search);
  if (JC_CATALOG_PAGE (page)->category_filter != NULL)
    return g_strdup (_("This category has no items yet."));
  return g_strdup (_("Every item is deactivated. Turn on “Show deactivated” to see them."));
}

static GtkWindow *
new_editor (JcListPage   *page,
            GtkWindow    *parent,
            JcStore      *store,
            gconstpointer data)
{
  return GTK_WINDOW (jc_item_editor_new (parent, store, data));
}

static char *
describe_saved (JcListPage *page,
                const char *code)
{
  return g_strdup_printf (_("Item “%s” saved"), code);
}

static gboolean
set_active (JcListPage    *page,
            JcStore       *store,
            gconstpointer  data,
            gboolean       active,
            GError       **error)
{
  g_autoptr(JcItem) copy = jc_item_copy (data);

  copy->active = active;
  return jc_master_save_item (store, copy, error);
}

static char *
describe_toggled (JcListPage    *page,
                  gconstpointer  data,
                  gboolean       active)
{
  const JcItem *item = data;

  return g_strdup_printf (active ? _("Item “%s” is active again")
                                 : _("Item “%s” deactivated"), item->name);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_catalog_page_dispose (GObject *object)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

  G_OBJECT_CLASS (jc_catalog_page_parent_class)->dispose (object);
  g_clear_object (&self->category_names);
}

static void
jc_catalog_page_finalize (GObject *object)
{
  JcCatalogPage *self = JC_CATALOG_PAGE (object);

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
  JcListPageClass *page_class = JC_LIST_PAGE_CLASS (klass);

  object_class->dispose = jc_catalog_page_dispose;
  object_class->finalize = jc_catalog_page_finalize;

  page_class->activate_label = N_("_Activate");
  page_class->deactivate_label = N_("_Deactivate");
  page_class->activate_tooltip = N_("Make the selected item active again");
  page_class->deactivate_tooltip = N_("Deactivate the selected item: canteens can no longer "
                                      "order it, and its prices and history stay");
  page_class->load = load;
  page_class->match = match;
  page_class->describe_count = describe_count;
  page_class->describe_no_results = describe_no_results;
  page_class->new_editor = new_editor;
  page_class->describe_saved = describe_saved;
  page_class->set_active = set_active;
  page_class->describe_toggled = describe_toggled;
  page_class->toggle_error_title = N_("Could Not Change the Item");

  jc_list_page_class_set_template (widget_class, "/io/github/jicai/Jicai/ui/jc-catalog-page.ui",
                                   "toggle_active_button", "toggle_active_icon_button",
                                   "show_inactive_check");
  gtk_widget_class_bind_template_child (widget_class, JcCatalogPage, category_dropdown);
}

static void
jc_catalog_page_init (JcCatalogPage *self)
{
  const JcListColumn columns[] = {
    { C_("column title", "Code"), JC_COLUMN_TEXT, NULL, NULL, FALSE,
      JC_LIST_FIELD (STRING, JcItem, code) },
    { C_("column title", "Name"), JC_COLUMN_TEXT, name_text, name_compare, TRUE },
    { C_("column title", "Category"), JC_COLUMN_TEXT, category_text, category_compare, FALSE },
    { C_("column title", "Base Unit"), JC_COLUMN_TEXT, unit_text, unit_compare, FALSE },
    { C_("column title", "Pack"), JC_COLUMN_NUMBER, pack_text, pack_compare, FALSE },
    { C_("column title", "Loss ‰"), JC_COLUMN_NUMBER, NULL, NULL, FALSE,
      JC_LIST_FIELD (INT, JcItem, loss_permille) },
    { C_("column title", "Aliases"), JC_COLUMN_TEXT, aliases_text, aliases_compare, TRUE },
    { C_("column title", "Active"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) jc_category_free);
  self->category_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->category_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->category_names, _("All categories"));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (self->category_names));
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (on_category_selected_cb), self);
  /* Usable when the search is: when there are items. */
  g_object_bind_property (_jc_list_page_get_search_entry (JC_LIST_PAGE (self)), "sensitive",
                          self->category_dropdown, "sensitive", G_BINDING_SYNC_CREATE);
  jc_list_page_add_columns (JC_LIST_PAGE (self), columns, G_N_ELEMENTS (columns));
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

  jc_list_page_set_store (JC_LIST_PAGE (self), store);
}

/**
 * jc_catalog_page_reload:
 * Reads the catalog from the store again, keeping the selection.
 */
void
jc_catalog_page_reload (JcCatalogPage *self)
{
  g_return_if_fail (JC_IS_CATALOG_PAGE (self));

  jc_list_page_reload_and_select (JC_LIST_PAGE (self), NULL);
}
