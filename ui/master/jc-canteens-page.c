/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-canteens-page.c: the canteens list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-canteens-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-canteen-editor.h"
#include "jc-canteens-page-private.h"
#include "jc-ui-util.h"

struct _JcCanteensPage {
  JcListPage parent_instance;
};

G_DEFINE_FINAL_TYPE (JcCanteensPage, jc_canteens_page, JC_TYPE_LIST_PAGE)

/* ---- columns ---------------------------------------------------------- */

static char *
code_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcCanteen *) data)->code);
}

static int
code_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcCanteen *) a)->code, ((const JcCanteen *) b)->code);
}

static char *
name_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcCanteen *) data)->name);
}

static int
name_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcCanteen *) a)->name, ((const JcCanteen *) b)->name);
}

static char *
agency_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcCanteen *) data)->agency);
}

static int
agency_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcCanteen *) a)->agency, ((const JcCanteen *) b)->agency);
}

static char *
address_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const JcCanteen *) data)->address);
}

static int
address_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const JcCanteen *) a)->address, ((const JcCanteen *) b)->address);
}

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

static char *
diners_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%d", ((const JcCanteen *) data)->diners);
}

static int
diners_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const JcCanteen *) a)->diners, ((const JcCanteen *) b)->diners);
}

/* ---- what JcListPage asks ----------------------------------------------- */

static void
load (JcListPage *page,
      JcStore    *store,
      GPtrArray  *records)
{
  g_autoptr(GPtrArray) canteens = NULL;
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    {
      canteens = jc_store_list_canteens (store, TRUE, &error);
      if (canteens == NULL)
        jc_list_page_set_load_error (page, _("Could Not Read the Canteens"), error->message);
    }
  if (canteens != NULL)
    jc_list_page_take_records (records, canteens, (JcListPageWrapFunc) jc_record_new_canteen);
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

static void
on_editor_saved_cb (JcListPage *page,
                    const char *code,
                    GtkWindow  *editor)
{
  g_autofree char *message = g_strdup_printf (_("Canteen “%s” saved"), code);

  jc_list_page_reload_and_select (page, code);
  jc_ui_toast (GTK_WIDGET (page), message);
}

static void
open_editor (JcListPage   *page,
             JcStore      *store,
             gconstpointer data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (page));
  JcCanteenEditor *editor;

  editor = jc_canteen_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store, data);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), page,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
toggle_active (JcListPage *page,
               JcStore    *store,
               JcRecord   *record)
{
  g_autoptr(JcCanteen) c = jc_canteen_copy (jc_record_get_data (record));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  c->active = !c->active;
  if (!jc_store_update_canteen (store, c, &error))
    {
      jc_ui_show_error (GTK_WIDGET (page), _("Could Not Change the Canteen"), error->message);
      return;
    }
  message = g_strdup_printf (c->active ? _("Canteen “%s” is active again")
                                       : _("Canteen “%s” deactivated"), c->code);
  jc_list_page_reload_and_select (page, c->code);
  jc_ui_toast (GTK_WIDGET (page), message);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_canteens_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), JC_TYPE_CANTEENS_PAGE);
  G_OBJECT_CLASS (jc_canteens_page_parent_class)->dispose (object);
}

static void
jc_canteens_page_class_init (JcCanteensPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  JcListPageClass *page_class = JC_LIST_PAGE_CLASS (klass);

  object_class->dispose = jc_canteens_page_dispose;

  page_class->activate_label = N_("_Activate");
  page_class->deactivate_label = N_("_Deactivate");
  page_class->activate_tooltip = N_("Make the selected canteen active again");
  page_class->deactivate_tooltip = N_("Deactivate the selected canteen: it gets no more orders "
                                      "or deliveries, and its history stays");
  page_class->load = load;
  page_class->match = match;
  page_class->describe_count = describe_count;
  page_class->describe_no_results = describe_no_results;
  page_class->open_editor = open_editor;
  page_class->toggle_active = toggle_active;

  jc_list_page_class_set_template (GTK_WIDGET_CLASS (klass),
                                   "/io/github/jicai/Jicai/ui/jc-canteens-page.ui",
                                   "toggle_active_button", "toggle_active_icon_button",
                                   "show_inactive_check");
}

static void
jc_canteens_page_init (JcCanteensPage *self)
{
  const JcListColumn columns[] = {
    { C_("column title", "Code"), JC_COLUMN_TEXT, code_text, code_compare, FALSE },
    { C_("column title", "Name"), JC_COLUMN_TEXT, name_text, name_compare, TRUE },
    { C_("column title", "Agency"), JC_COLUMN_TEXT, agency_text, agency_compare, TRUE },
    { C_("column title", "Address"), JC_COLUMN_TEXT, address_text, address_compare, TRUE },
    { C_("column title", "Delivery Window"), JC_COLUMN_TEXT, window_text, window_compare, FALSE },
    { C_("column title", "Diners"), JC_COLUMN_NUMBER, diners_text, diners_compare, FALSE },
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
