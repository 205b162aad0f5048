/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-list-page.c: the list, search, toolbar and selection of a master-data
 * page. */
#include "config.h"

#define G_LOG_DOMAIN "jc-list-page"

#include <glib/gi18n.h>

#include "jc-list-page.h"

typedef struct {
  JcStore            *store;       /* borrowed from the application */
  gboolean            show_inactive;
  char               *summary;     /* "17 canteens", for the header bar */
  char               *query;       /* case-folded search text */
  GListStore         *records;     /* every record, active or not */
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  char               *load_error;  /* the last load failed: why; NULL when it did not */
  AdwStatusPage      *error_page;  /* the stack's "error" page, made here */

  /* from the subclass's template */
  GtkEditable        *search_entry;
  GtkWidget          *show_inactive_check;  /* NULL: the page has none */
  GtkColumnView      *column_view;
  GtkStack           *stack;
  AdwStatusPage      *no_results_page;
  GtkButton          *toggle_active_button;
  GtkButton          *toggle_active_icon_button;
} JcListPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JcListPage, jc_list_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_INACTIVE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GET_PRIV(self) ((JcListPagePrivate *) jc_list_page_get_instance_private (self))

/* ---- filtering and state ---------------------------------------------- */

static gboolean
match_cb (gpointer item,
          gpointer user_data)
{
  JcListPage *self = user_data;
  JcListPagePrivate *priv = GET_PRIV (self);

  if (!jc_record_get_active (item) && !priv->show_inactive)
    return FALSE;
  return JC_LIST_PAGE_GET_CLASS (self)->match (self, jc_record_get_data (item),
                                               priv->query ? priv->query : "");
}

JcRecord *
jc_list_page_get_selected (JcListPage *self)
{
  g_return_val_if_fail (JC_IS_LIST_PAGE (self), NULL);

  return gtk_single_selection_get_selected_item (GET_PRIV (self)->selection);
}

void
jc_list_page_update_actions (JcListPage *self)
{
  JcListPagePrivate *priv = GET_PRIV (self);
  JcListPageClass *klass = JC_LIST_PAGE_GET_CLASS (self);
  JcRecord *record = jc_list_page_get_selected (self);
  gboolean activate = record != NULL && !jc_record_get_active (record);
  const char *tooltip = _(activate ? klass->activate_tooltip : klass->deactivate_tooltip);

  gtk_button_set_label (priv->toggle_active_button,
                        _(activate ? klass->activate_label : klass->deactivate_label));
  gtk_button_set_icon_name (priv->toggle_active_icon_button,
                            activate ? "object-select-symbolic" : "action-unavailable-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (priv->toggle_active_button), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (priv->toggle_active_icon_button), tooltip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.add", priv->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.toggle-active", record != NULL);
  if (klass->update_actions != NULL)
    klass->update_actions (self, record);
}

static gboolean
has_query (JcListPagePrivate *priv)
{
  return priv->query != NULL && *priv->query != '\0';
}

static void
update_state (JcListPage *self)
{
  JcListPagePrivate *priv = GET_PRIV (self);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (priv->records));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (priv->filtered));
  guint n_listed = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (G_LIST_MODEL (priv->records), i);

      if (priv->show_inactive || jc_record_get_active (record))
        n_listed++;
    }
  if (n_all > 0)
    count = JC_LIST_PAGE_GET_CLASS (self)->describe_count (self, n_shown, n_listed);
  if (g_strcmp0 (count, priv->summary) != 0)
    {
      g_free (priv->summary);
      priv->summary = g_steal_pointer (&count);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (priv->search_entry), n_all > 0);
  if (priv->show_inactive_check != NULL)
    gtk_widget_set_sensitive (priv->show_inactive_check, n_all > 0);
  if (priv->load_error != NULL)
    {
      /* an error is not an empty list: say what went wrong, offer Retry */
      g_autofree char *escaped = g_markup_escape_text (priv->load_error, -1);

      adw_status_page_set_description (priv->error_page, escaped);
      gtk_stack_set_visible_child_name (priv->stack, "error");
    }
  else if (n_all == 0)
    gtk_stack_set_visible_child_name (priv->stack, "empty");
  else if (n_shown == 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *escaped = NULL;

      text = JC_LIST_PAGE_GET_CLASS (self)->describe_no_results (
        self, has_query (priv) ? gtk_editable_get_text (priv->search_entry) : NULL);
      escaped = g_markup_escape_text (text, -1);
      adw_status_page_set_description (priv->no_results_page, escaped);
      gtk_stack_set_visible_child_name (priv->stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (priv->stack, "list");
  jc_list_page_update_actions (self);
}

void
jc_list_page_refilter (JcListPage *self)
{
  g_return_if_fail (JC_IS_LIST_PAGE (self));

  gtk_filter_changed (GTK_FILTER (GET_PRIV (self)->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_search_changed_cb (JcListPage *self)
{
  JcListPagePrivate *priv = GET_PRIV (self);

  g_free (priv->query);
  priv->query = g_utf8_casefold (gtk_editable_get_text (priv->search_entry), -1);
  g_strstrip (priv->query);
  jc_list_page_refilter (self);
}

/* Escape in the search entry clears it. */
static void
on_stop_search_cb (JcListPage *self)
{
  gtk_editable_set_text (GET_PRIV (self)->search_entry, "");
}

static guint
find_position (JcListPage *self,
               const char *key)
{
  GListModel *model = G_LIST_MODEL (GET_PRIV (self)->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JcRecord) record = g_list_model_get_item (model, i);

      if (g_strcmp0 (jc_record_get_key (record), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
jc_list_page_reload_and_select (JcListPage *self,
                                const char *key)
{
  JcListPagePrivate *priv;
  g_autofree char *keep = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  guint position;

  g_return_if_fail (JC_IS_LIST_PAGE (self));

  priv = GET_PRIV (self);
  if (key == NULL && jc_list_page_get_selected (self) != NULL)
    keep = g_strdup (jc_record_get_key (jc_list_page_get_selected (self)));
  else
    keep = g_strdup (key);

  g_clear_pointer (&priv->load_error, g_free);
  JC_LIST_PAGE_GET_CLASS (self)->load (self, priv->store, records);
  g_list_store_splice (priv->records, 0, g_list_model_get_n_items (G_LIST_MODEL (priv->records)),
                       records->pdata, records->len);

  position = keep ? find_position (self, keep) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION && key != NULL &&
      *gtk_editable_get_text (priv->search_entry) != '\0')
    {
      /* The saved record does not match the search: show it anyway. */
      gtk_editable_set_text (priv->search_entry, "");
      on_search_changed_cb (self);
      position = find_position (self, key);
    }
  if (position != GTK_INVALID_LIST_POSITION)
    jc_ui_select_position (priv->column_view, position);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (priv->selection));
  update_state (self);
}

/* ---- actions ---------------------------------------------------------- */

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JcListPage *self = JC_LIST_PAGE (widget);
  JcListPagePrivate *priv = GET_PRIV (self);

  if (priv->store != NULL)
    JC_LIST_PAGE_GET_CLASS (self)->open_editor (self, priv->store, NULL);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  JcListPage *self = JC_LIST_PAGE (widget);
  JcListPagePrivate *priv = GET_PRIV (self);
  JcRecord *record = jc_list_page_get_selected (self);

  if (record != NULL && priv->store != NULL)
    JC_LIST_PAGE_GET_CLASS (self)->open_editor (self, priv->store, jc_record_get_data (record));
}

static void
toggle_active_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  JcListPage *self = JC_LIST_PAGE (widget);
  JcListPagePrivate *priv = GET_PRIV (self);
  JcRecord *record = jc_list_page_get_selected (self);

  if (record != NULL && priv->store != NULL)
    JC_LIST_PAGE_GET_CLASS (self)->toggle_active (self, priv->store, record);
}

static void
default_load (JcListPage *self,
              JcStore    *store,
              GPtrArray  *records)
{
  JcListPageClass *klass = JC_LIST_PAGE_GET_CLASS (self);
  g_autoptr(GPtrArray) structs = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  structs = klass->list (store, &error);
  if (structs == NULL)
    jc_list_page_set_load_error (self, _(klass->load_error_title), error->message);
  else
    jc_list_page_take_records (records, structs, (JcListPageWrapFunc) klass->wrap);
}

static void
on_editor_saved_cb (JcListPage *self,
                    const char *key,
                    GtkWindow  *editor)
{
  g_autofree char *message = JC_LIST_PAGE_GET_CLASS (self)->describe_saved (self, key);

  jc_list_page_reload_and_select (self, key);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
default_open_editor (JcListPage   *self,
                     JcStore      *store,
                     gconstpointer data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *editor;

  editor = JC_LIST_PAGE_GET_CLASS (self)->new_editor (self,
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                      store, data);
  if (editor == NULL)
    return;
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (editor);
}

static void
default_toggle_active (JcListPage *self,
                       JcStore    *store,
                       JcRecord   *record)
{
  JcListPageClass *klass = JC_LIST_PAGE_GET_CLASS (self);
  g_autofree char *key = g_strdup (jc_record_get_key (record));
  gboolean active = !jc_record_get_active (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!klass->set_active (self, store, jc_record_get_data (record), active, &error))
    {
      jc_ui_show_error (GTK_WIDGET (self), _(klass->toggle_error_title), error->message);
      return;
    }
  message = klass->describe_toggled (self, jc_record_get_data (record), active);
  jc_list_page_reload_and_select (self, key);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (GET_PRIV (JC_LIST_PAGE (widget))->search_entry));
}

static void
on_column_view_activate_cb (JcListPage *self,
                            guint       position)
{
  gtk_single_selection_set_selected (GET_PRIV (self)->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "page.edit", NULL);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_list_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  JcListPagePrivate *priv = GET_PRIV (JC_LIST_PAGE (object));

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      g_value_set_boolean (value, priv->show_inactive);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, priv->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jc_list_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  JcListPage *self = JC_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_INACTIVE:
      jc_list_page_set_show_inactive (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/**
 * jc_list_page_set_load_error:
 * For the load vfunc: the records could not be read.  The page shows
 * `title` and `message` with a Retry button instead of the list (never
 * the empty screen) until a load succeeds.
 */
void
jc_list_page_set_load_error (JcListPage *self,
                             const char *title,
                             const char *message)
{
  JcListPagePrivate *priv;

  g_return_if_fail (JC_IS_LIST_PAGE (self));

  priv = GET_PRIV (self);
  g_free (priv->load_error);
  priv->load_error = g_strdup (message ? message : "");
  adw_status_page_set_title (priv->error_page, title);
}

gboolean
jc_list_page_has_load_error (JcListPage *self)
{
  g_return_val_if_fail (JC_IS_LIST_PAGE (self), FALSE);

  return GET_PRIV (self)->load_error != NULL;
}

static void
on_retry_clicked_cb (JcListPage *self)
{
  jc_list_page_reload_and_select (self, NULL);
}

static void
add_error_page (JcListPage *self)
{
  JcListPagePrivate *priv = GET_PRIV (self);
  GtkWidget *retry = gtk_button_new_with_mnemonic (_("_Retry"));

  priv->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (priv->error_page, "dialog-error-symbolic");
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "pill");
  gtk_widget_add_css_class (retry, "suggested-action");
  g_signal_connect_object (retry, "clicked", G_CALLBACK (on_retry_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_child (priv->error_page, retry);
  gtk_stack_add_named (priv->stack, GTK_WIDGET (priv->error_page), "error");
}

/* After the subclass's template: the models under its column view. */
static void
jc_list_page_constructed (GObject *object)
{
  JcListPage *self = JC_LIST_PAGE (object);
  JcListPagePrivate *priv = GET_PRIV (self);
  GtkSortListModel *sorted;

  G_OBJECT_CLASS (jc_list_page_parent_class)->constructed (object);

  add_error_page (self);
  priv->records = g_list_store_new (JC_TYPE_RECORD);
  priv->filter = gtk_custom_filter_new (match_cb, self, NULL);
  priv->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (priv->records)),
                                              g_object_ref (GTK_FILTER (priv->filter)));
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (priv->filtered)),
                                    g_object_ref (gtk_column_view_get_sorter (priv->column_view)));
  priv->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (priv->selection, FALSE);
  gtk_single_selection_set_can_unselect (priv->selection, TRUE);
  gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (priv->selection));
  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (priv->search_entry),
                                           GTK_WIDGET (priv->column_view));

  g_signal_connect_object (priv->selection, "notify::selected",
                           G_CALLBACK (jc_list_page_update_actions), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
jc_list_page_dispose (GObject *object)
{
  JcListPagePrivate *priv = GET_PRIV (JC_LIST_PAGE (object));

  /* the subclass's template, which this class's children belong to */
  gtk_widget_dispose_template (GTK_WIDGET (object), G_OBJECT_TYPE (object));

  g_clear_object (&priv->selection);
  g_clear_object (&priv->filtered);
  g_clear_object (&priv->filter);
  g_clear_object (&priv->records);
  G_OBJECT_CLASS (jc_list_page_parent_class)->dispose (object);
}

static void
jc_list_page_finalize (GObject *object)
{
  JcListPagePrivate *priv = GET_PRIV (JC_LIST_PAGE (object));

  g_free (priv->query);
  g_free (priv->summary);
  g_free (priv->load_error);
  G_OBJECT_CLASS (jc_list_page_parent_class)->finalize (object);
}

static void
jc_list_page_class_init (JcListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = jc_list_page_get_property;
  object_class->set_property = jc_list_page_set_property;
  object_class->constructed = jc_list_page_constructed;
  object_class->dispose = jc_list_page_dispose;
  object_class->finalize = jc_list_page_finalize;
  klass->load = default_load;
  klass->open_editor = default_open_editor;
  klass->toggle_active = default_toggle_active;

  properties[PROP_SHOW_INACTIVE] =
    g_param_spec_boolean ("show-inactive", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many records are listed, for the header bar; NULL when none. */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "page.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "page.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "page.toggle-active", NULL,
                                   toggle_active_activated);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_activated);
}

static void
jc_list_page_init (JcListPage *self)
{
}

void
jc_list_page_class_set_template (GtkWidgetClass *widget_class,
                                 const char     *resource_path,
                                 const char     *toggle_button_id,
                                 const char     *toggle_icon_button_id,
                                 const char     *show_inactive_id)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), JC_TYPE_LIST_PAGE));

  gtk_widget_class_set_template_from_resource (widget_class, resource_path);
  /* The children land in this class's private part of the instance. */
  gtk_widget_class_bind_template_child_full (widget_class, "search_entry", FALSE,
                                             G_PRIVATE_OFFSET (JcListPage, search_entry));
  gtk_widget_class_bind_template_child_full (widget_class, "column_view", FALSE,
                                             G_PRIVATE_OFFSET (JcListPage, column_view));
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE,
                                             G_PRIVATE_OFFSET (JcListPage, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "no_results_page", FALSE,
                                             G_PRIVATE_OFFSET (JcListPage, no_results_page));
  gtk_widget_class_bind_template_child_full (widget_class, toggle_button_id, FALSE,
                                             G_PRIVATE_OFFSET (JcListPage, toggle_active_button));
  gtk_widget_class_bind_template_child_full (widget_class, toggle_icon_button_id, FALSE,
                                             G_PRIVATE_OFFSET (JcListPage,
                                                               toggle_active_icon_button));
  if (show_inactive_id != NULL)
    gtk_widget_class_bind_template_child_full (widget_class, show_inactive_id, FALSE,
                                               G_PRIVATE_OFFSET (JcListPage,
                                                                 show_inactive_check));
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

/* A field column's user_data: its offset and type in one pointer. */
#define FIELD_PACK(f)        GSIZE_TO_POINTER (((f)->offset << 2) | (gsize) (f)->type)
#define FIELD_OFFSET(data)   (GPOINTER_TO_SIZE (data) >> 2)
#define FIELD_TYPE(data)     ((JcListFieldType) (GPOINTER_TO_SIZE (data) & 3))

static gint64
field_int (gconstpointer record,
           gpointer      field)
{
  if (FIELD_TYPE (field) == JC_LIST_FIELD_INT)
    return G_STRUCT_MEMBER (int, (gpointer) record, FIELD_OFFSET (field));
  return G_STRUCT_MEMBER (gint64, (gpointer) record, FIELD_OFFSET (field));
}

static char *
field_text (gconstpointer record,
            gpointer      field)
{
  if (FIELD_TYPE (field) == JC_LIST_FIELD_STRING)
    return g_strdup (G_STRUCT_MEMBER (const char *, (gpointer) record, FIELD_OFFSET (field)));
  return g_strdup_printf ("%" G_GINT64_FORMAT, field_int (record, field));
}

static int
field_compare (gconstpointer a,
               gconstpointer b,
               gpointer      field)
{
  if (FIELD_TYPE (field) == JC_LIST_FIELD_STRING)
    return jc_ui_compare_text (G_STRUCT_MEMBER (const char *, (gpointer) a, FIELD_OFFSET (field)),
                               G_STRUCT_MEMBER (const char *, (gpointer) b, FIELD_OFFSET (field)));
  return jc_ui_compare_int (field_int (a, field), field_int (b, field));
}

void
jc_list_page_add_columns (JcListPage         *self,
                          const JcListColumn *columns,
                          guint               n_columns)
{
  JcListPagePrivate *priv;

  g_return_if_fail (JC_IS_LIST_PAGE (self));

  priv = GET_PRIV (self);
  for (guint i = 0; i < n_columns; i++)
    {
      const JcListColumn *c = &columns[i];
      g_autoptr(GtkColumnViewColumn) col = NULL;

      if (c->field.type != JC_LIST_FIELD_NONE)
        col = jc_column_new (c->title, c->kind, field_text, field_compare, FIELD_PACK (&c->field),
                             c->expand);
      else
        col = jc_column_new (c->title, c->kind, c->text, c->compare, self, c->expand);

      gtk_column_view_append_column (priv->column_view, col);
    }
}

void
jc_list_page_take_records (GPtrArray          *records,
                           GPtrArray          *structs,
                           JcListPageWrapFunc  wrap)
{
  gsize n = 0;
  g_autofree gpointer *data = g_ptr_array_steal (structs, &n);

  /* The records take the structs over. */
  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (records, wrap (data[i]));
}

/**
 * jc_list_page_set_store:
 * @store: (nullable) (transfer none): the store to show; it must stay open
 *   until another is set
 */
void
jc_list_page_set_store (JcListPage *self,
                        JcStore    *store)
{
  g_return_if_fail (JC_IS_LIST_PAGE (self));

  GET_PRIV (self)->store = store;
  jc_list_page_reload_and_select (self, NULL);
}

JcStore *
jc_list_page_get_store (JcListPage *self)
{
  g_return_val_if_fail (JC_IS_LIST_PAGE (self), NULL);

  return GET_PRIV (self)->store;
}

const char *
jc_list_page_get_query (JcListPage *self)
{
  g_return_val_if_fail (JC_IS_LIST_PAGE (self), NULL);

  return GET_PRIV (self)->query;
}

void
jc_list_page_set_show_inactive (JcListPage *self,
                                gboolean    show_inactive)
{
  JcListPagePrivate *priv;

  g_return_if_fail (JC_IS_LIST_PAGE (self));

  priv = GET_PRIV (self);
  show_inactive = !!show_inactive;
  if (priv->show_inactive == show_inactive)
    return;
  priv->show_inactive = show_inactive;
  if (priv->filter != NULL)  /* else still building the template */
    {
      gtk_filter_changed (GTK_FILTER (priv->filter), show_inactive
                                                     ? GTK_FILTER_CHANGE_LESS_STRICT
                                                     : GTK_FILTER_CHANGE_MORE_STRICT);
      update_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_INACTIVE]);
}

GtkEditable *
_jc_list_page_get_search_entry (JcListPage *self)
{
  return GET_PRIV (self)->search_entry;
}

GListModel *
_jc_list_page_get_shown (JcListPage *self)
{
  return G_LIST_MODEL (GET_PRIV (self)->selection);
}

GtkWidget *
_jc_list_page_get_column_view (JcListPage *self)
{
  return GTK_WIDGET (GET_PRIV (self)->column_view);
}

const char *
_jc_list_page_get_state (JcListPage *self)
{
  return gtk_stack_get_visible_child_name (GET_PRIV (self)->stack);
}

AdwStatusPage *
_jc_list_page_get_error_page (JcListPage *self)
{
  return GET_PRIV (self)->error_page;
}
