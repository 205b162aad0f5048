/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-canteens-page.c: the canteens list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-canteens-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-canteen-editor.h"
#include "jc-canteens-page-private.h"
#include "jc-master-save.h"
#include "jc-ui-util.h"

struct _JcCanteensPage {
  JcListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (JcCanteensPage, jc_canteens_page, JC_TYPE_LIST_PAGE)

/* ---- columns ---------------------------------------------------------- */

static char *
window_text (gconstpointer data, gpointer user_data)
{
  const JcCanteen *c = data;

  return jc_ui_format_window (c->window_start, c->window_end);
}

static int
window_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const JcCanteen *ca = a, *cb = b;
  int r = jc_ui_compare_int (ca->window_start, cb->window_start);

  return r != 0 ? r : jc_ui_compare_int (ca->window_end, cb->window_end);
}

/* ---- what JcListPage asks ----------------------------------------------- */

/* Every one, active or not: the page filters. */
static GPtrArray *
list_all (JcStore  *store,
          GError  **error)
{
  return jc_store_list_canteens (store, TRUE, error);
}

static gboolean
match (JcListPage   *page,
       gconstpointer data,
       const char   *query)
{
  const JcCanteen *c = data;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  if (*query == '\0')
    return TRUE;
  code = g_utf8_casefold (c->code, -1);
  name = g_utf8_casefold (c->name, -1);
  return g_str_has_prefix (code, query) || strstr (name, query) != NULL;
}

static char *
describe_count (JcListPage *page,
                guint       n_shown,
                guint       n_listed)
{
  const char *query = jc_list_page_get_query (page);

  if (query != NULL && *query != '\0')
    /* TRANSLATORS: "3 of 17 canteens" shown by a search */
    return g_strdup_printf (ngettext ("%u of %u canteen", "%u of %u canteens", n_listed),
                            n_shown, n_listed);
  return g_strdup_printf (ngettext ("%u canteen", "%u canteens", n_shown), n_shown);
}

static char *
describe_no_results (JcListPage *page,
                     const char *search)
{
  if (search != NULL)
    return g_strdup_printf (_("No canteen matches “%s”. Search looks at codes and names."),
                            search);
  return g_strdup (_("Every canteen is deactivated. Turn on “Show deactivated” to see them."));
}

static GtkWindow *
new_editor (JcListPage   *page,
            GtkWindow    *parent,
            JcStore      *store,
            gconstpointer data)
{
  return GTK_WINDOW (jc_canteen_editor_new (parent, store, data));
}

static char *
describe_saved (JcListPage *page,
                const char *code)
{
  return g_strdup_printf (_("Canteen “%s” saved"), code);
}

static gboolean
set_active (JcListPage    *page,
            JcStore       *store,
            gconstpointer  data,
            gboolean       active,
            GError       **error)
{
  g_autoptr(JcCanteen) copy = jc_canteen_copy (data);

  copy->active = active;
  return jc_master_save_canteen (store, copy, error);
}

static char *
describe_toggled (JcListPage    *page,
                  gconstpointer  data,
                  gboolean       active)
{
  const JcCanteen *canteen = data;

  return g_strdup_printf (active ? _("Canteen “%s” is active again")
                                 : _("Canteen “%s” deactivated"), canteen->code);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_canteens_page_class_init (JcCanteensPageClass *klass)
{
  JcListPageClass *page_class = JC_LIST_PAGE_CLASS (klass);

  page_class->activate_label = N_("_Activate");
  page_class->deactivate_label = N_("_Deactivate");
  page_class->activate_tooltip = N_("Make the selected canteen active again");
  page_class->deactivate_tooltip = N_("Deactivate the selected canteen: it gets no more orders "
                                      "or deliveries, and its history stays");
  page_class->list = list_all;
  page_class->wrap = (JcRecord *(*) (gpointer)) jc_record_new_canteen;
  page_class->load_error_title = N_("Could Not Read the Canteens");
  page_class->match = match;
  page_class->describe_count = describe_count;
  page_class->describe_no_results = describe_no_results;
  page_class->new_editor = new_editor;
  page_class->describe_saved = describe_saved;
  page_class->set_active = set_active;
  page_class->describe_toggled = describe_toggled;
  page_class->toggle_error_title = N_("Could Not Change the Canteen");

  jc_list_page_class_set_template (GTK_WIDGET_CLASS (klass),
                                   "/io/github/jicai/Jicai/ui/jc-canteens-page.ui",
                                   "toggle_active_button", "toggle_active_icon_button",
                                   "show_inactive_check");
}

static void
jc_canteens_page_init (JcCanteensPage *self)
{
  const JcListColumn columns[] = {
    { C_("column title", "Code"), JC_COLUMN_TEXT, NULL, NULL, FALSE,
      JC_LIST_FIELD (STRING, JcCanteen, code) },
    { C_("column title", "Name"), JC_COLUMN_TEXT, NULL, NULL, TRUE,
      JC_LIST_FIELD (STRING, JcCanteen, name) },
    { C_("column title", "Agency"), JC_COLUMN_TEXT, NULL, NULL, TRUE,
      JC_LIST_FIELD (STRING, JcCanteen, agency) },
    { C_("column title", "Address"), JC_COLUMN_TEXT, NULL, NULL, TRUE,
      JC_LIST_FIELD (STRING, JcCanteen, address) },
    { C_("column title", "Delivery Window"), JC_COLUMN_TEXT, window_text, window_compare, FALSE },
    { C_("column title", "Diners"), JC_COLUMN_NUMBER, NULL, NULL, FALSE,
      JC_LIST_FIELD (INT, JcCanteen, diners) },
    { C_("column title", "Active"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  jc_list_page_add_columns (JC_LIST_PAGE (self), columns, G_N_ELEMENTS (columns));
}

/**
 * jc_canteens_page_set_store:
 * @store: (nullable) (transfer none): the store to show; it must stay open
 *   until another is set
 */
void
jc_canteens_page_set_store (JcCanteensPage *self,
                            JcStore        *store)
{
  g_return_if_fail (JC_IS_CANTEENS_PAGE (self));

  jc_list_page_set_store (JC_LIST_PAGE (self), store);
}

/**
 * jc_canteens_page_reload:
 * Reads the canteens from the store again, keeping the selection.
 */
void
jc_canteens_page_reload (JcCanteensPage *self)
{
  g_return_if_fail (JC_IS_CANTEENS_PAGE (self));

  jc_list_page_reload_and_select (JC_LIST_PAGE (self), NULL);
}
