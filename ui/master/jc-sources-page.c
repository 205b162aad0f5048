/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-sources-page.c: the price sources list. */
#include "config.h"

#define G_LOG_DOMAIN "jc-sources-page"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-fetch.h"
#include "jc-record.h"
#include "jc-source-editor.h"
#include "jc-sources-page-private.h"
#include "jc-master-save.h"
#include "jc-ui-util.h"

/* How far back the fetch log is read for each source's last fetch. */
#define FETCH_LOG_LIMIT 500

/* One line of the list: the source and what is shown of it. */
typedef struct {
  JcSource *source;
  char     *url_shown;     /* without credentials, secret query values as *** */
  char     *last_fetch;    /* NULL: never fetched */
} SourceRow;

struct _JcSourcesPage {
  JcListPage          parent_instance;

  GCancellable       *cancellable; /* the removal on a worker thread */
  gboolean            busy;
  GtkWindow          *remove_dialog; /* weak: the question on show */
};

G_DEFINE_FINAL_TYPE (JcSourcesPage, jc_sources_page, JC_TYPE_LIST_PAGE)


static void
source_row_free (gpointer data)
{
  SourceRow *row = data;

  jc_source_free (row->source);
  g_free (row->url_shown);
  g_free (row->last_fetch);
  g_free (row);
}

static const JcSource *
record_source (JcRecord *record)
{
  return ((const SourceRow *) jc_record_get_data (record))->source;
}

/* ---- columns ---------------------------------------------------------- */

/* The adapter as the person reads it. */
static const char *
adapter_label (const char *adapter)
{
  if (g_strcmp0 (adapter, "xinfadi") == 0)
    return C_("price adapter", "Xinfadi");
  if (g_strcmp0 (adapter, "csv") == 0)
    return C_("price adapter", "CSV");
  if (g_strcmp0 (adapter, "usda") == 0)
    return C_("price adapter", "USDA");
  return adapter;
}

static char *
name_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (((const SourceRow *) data)->source->name);
}

static int
name_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const SourceRow *) a)->source->name,
                             ((const SourceRow *) b)->source->name);
}

static char *
adapter_text (gconstpointer data, gpointer user_data)
{
  return g_strdup (adapter_label (((const SourceRow *) data)->source->adapter));
}

static int
adapter_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (adapter_label (((const SourceRow *) a)->source->adapter),
                             adapter_label (((const SourceRow *) b)->source->adapter));
}

static char *
priority_text (gconstpointer data, gpointer user_data)
{
  return g_strdup_printf ("%d", ((const SourceRow *) data)->source->priority);
}

static int
priority_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (((const SourceRow *) a)->source->priority,
                            ((const SourceRow *) b)->source->priority);
}

static char *
schedule_text (gconstpointer data, gpointer user_data)
{
  const char *schedule = ((const SourceRow *) data)->source->schedule;

  return g_strdup (schedule != NULL && *schedule != '\0' ? schedule : "—");
}

static int
schedule_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const SourceRow *) a)->source->schedule,
                             ((const SourceRow *) b)->source->schedule);
}

static gboolean
has_credentials (const JcSource *source)
{
  return source->credentials != NULL && *source->credentials != '\0';
}

static char *
credentials_text (gconstpointer data, gpointer user_data)
{
  /* TRANSLATORS: the credentials column: the source has credentials stored */
  return g_strdup (has_credentials (((const SourceRow *) data)->source) ? C_("credentials", "Set")
                                                                        : "—");
}

static int
credentials_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_int (has_credentials (((const SourceRow *) a)->source),
                            has_credentials (((const SourceRow *) b)->source));
}

static char *
last_fetch_text (gconstpointer data, gpointer user_data)
{
  const char *text = ((const SourceRow *) data)->last_fetch;

  return g_strdup (text != NULL ? text : C_("last fetch", "Never"));
}

static int
last_fetch_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return jc_ui_compare_text (((const SourceRow *) a)->last_fetch,
                             ((const SourceRow *) b)->last_fetch);
}

/* ---- filtering and state ---------------------------------------------- */

static gboolean
contains_folded (const char *text,
                 const char *query)
{
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);

  return strstr (folded, query) != NULL;
}

static gboolean
match (JcListPage   *page,
       gconstpointer data,
       const char   *query)
{
  const SourceRow *row = data;

  if (*query == '\0')
    return TRUE;
  return contains_folded (row->source->name, query) ||
         contains_folded (row->source->adapter, query) ||
         contains_folded (adapter_label (row->source->adapter), query) ||
         contains_folded (row->url_shown, query);
}

/* Nothing changes a source while a removal is under way. */
static void
update_actions (JcListPage *page,
                JcRecord   *record)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (page);
  gboolean can_change = record != NULL && jc_list_page_get_store (page) != NULL && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.edit", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.toggle-active", can_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remove", can_change);
}

static char *
describe_count (JcListPage *page,
                guint       n_shown,
                guint       n_all)
{
  const char *query = jc_list_page_get_query (page);

  if (query != NULL && *query != '\0')
    /* TRANSLATORS: "1 of 3 sources" shown by a search */
    return g_strdup_printf (ngettext ("%u of %u source", "%u of %u sources", n_all),
                            n_shown, n_all);
  return g_strdup_printf (ngettext ("%u source", "%u sources", n_shown), n_shown);
}

static char *
describe_no_results (JcListPage *page,
                     const char *search)
{
  return g_strdup_printf (_("No price source matches “%s”. Search looks at names, adapters "
                            "and addresses."),
                          search != NULL ? search : "");
}

/* "2026-11-27T05:30:00Z" → "2026-11-27 13:30" in local time. */
static char *
format_timestamp (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = iso ? g_date_time_new_from_iso8601 (iso, utc) : NULL;
  g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* What the last fetch of a source did, in a line. */
static char *
describe_fetch (const JcFetchLogEntry *e)
{
  g_autofree char *when = format_timestamp (e->finished_at && *e->finished_at ? e->finished_at
                                                                               : e->started_at);

  if (g_strcmp0 (e->status, "failed") == 0)
    {
      g_autofree char *message = g_strdup (e->message ? e->message : "");

      g_strdelimit (message, "\r\n", ' ');
      /* TRANSLATORS: the last fetch of a price source: when, then why it failed */
      return g_strdup_printf (C_("last fetch", "%s: failed — %s"), when, message);
    }
  if (g_strcmp0 (e->status, "cancelled") == 0)
    /* TRANSLATORS: the last fetch of a price source, cancelled at that time */
    return g_strdup_printf (C_("last fetch", "%s: cancelled"), when);
  /* TRANSLATORS: the last fetch of a price source: when, prices new and changed */
  return g_strdup_printf (C_("last fetch", "%s: %u new, %u changed"), when, e->rows_new,
                          e->rows_changed);
}

/* The sources with their last fetches. */
static void
load (JcListPage *page,
      JcStore    *store,
      GPtrArray  *records)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  if (store != NULL)
    {
      sources = jc_store_list_sources (store, &error);
      if (sources == NULL)
        jc_list_page_set_load_error (page, _("Could Not Read the Price Sources"),
                                     error->message);
      g_clear_error (&error);
      /* The newest first: the first entry of a name is its last fetch.  A
       * log that cannot be read leaves the column empty, not the list. */
      log = jc_store_list_fetch_log (store, FETCH_LOG_LIMIT, &error);
      if (log == NULL)
        g_message ("The fetch log could not be read: %s", error->message);
    }
  for (guint i = 0; log != NULL && i < log->len; i++)
    {
      JcFetchLogEntry *e = g_ptr_array_index (log, i);

      if (e->source_name != NULL && !g_hash_table_contains (last, e->source_name))
        g_hash_table_insert (last, e->source_name, e);
    }
  if (sources != NULL)
    {
      gsize n = 0;
      g_autofree gpointer *data = g_ptr_array_steal (sources, &n);

      /* The rows take the structs over, in the store's order (priority). */
      for (gsize i = 0; i < n; i++)
        {
          SourceRow *row = g_new0 (SourceRow, 1);
          const JcFetchLogEntry *e;

          row->source = data[i];
          row->url_shown = jc_fetch_display_url (row->source->url ? row->source->url : "");
          e = g_hash_table_lookup (last, row->source->name);
          row->last_fetch = e != NULL ? describe_fetch (e) : NULL;
          g_ptr_array_add (records, jc_record_new (row, source_row_free, row->source->name,
                                                   row->source->enabled));
        }
    }
}

/* ---- the editor ------------------------------------------------------- */

static char *
describe_saved (JcListPage *page,
                const char *name)
{
  return g_strdup_printf (_("Price source “%s” saved"), name);
}

static GtkWindow *
new_editor (JcListPage   *page,
            GtkWindow    *parent,
            JcStore      *store,
            gconstpointer data)
{
  /* no editing while a removal is under way; adding is fine */
  if (data != NULL && JC_SOURCES_PAGE (page)->busy)
    return NULL;
  return GTK_WINDOW (jc_source_editor_new (parent, store,
                                           data != NULL ? ((const SourceRow *) data)->source
                                                        : NULL));
}

/* ---- enabling and disabling ------------------------------------------- */

static gboolean
set_enabled (JcSourcesPage  *self,
             const JcSource *source,
             gboolean        enabled)
{
  g_autoptr(JcSource) s = jc_source_copy (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  s->enabled = enabled;
  if (!jc_master_save_source (jc_list_page_get_store (JC_LIST_PAGE (self)), s, &error))
    {
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Change the Price Source"),
                        error->message);
      return FALSE;
    }
  message = g_strdup_printf (enabled ? _("Price source “%s” enabled")
                                     : _("Price source “%s” disabled"), s->name);
  jc_list_page_reload_and_select (JC_LIST_PAGE (self), s->name);
  jc_ui_toast (GTK_WIDGET (self), message);
  return TRUE;
}

static void
toggle_active (JcListPage *page,
               JcStore    *store,
               JcRecord   *record)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (page);

  if (self->busy)
    return;
  set_enabled (self, record_source (record), !jc_record_get_active (record));
}

/* ---- removing, on a worker thread ------------------------------------- */

typedef struct {
  char     *db_path;
  JcSource *source;
  gint64    n_prices;
} RemoveData;

static void
remove_data_free (gpointer data)
{
  RemoveData *d = data;

  g_free (d->db_path);
  jc_source_free (d->source);
  g_free (d);
}

static void
set_busy (JcSourcesPage *self,
          gboolean       busy)
{
  self->busy = busy;
  if (!busy)
    g_clear_object (&self->cancellable);
  jc_list_page_update_actions (JC_LIST_PAGE (self));
}

/* Counts the prices the source brought: prices has no index on the source,
 * so on a large database this is a scan. */
static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RemoveData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (d->db_path, &error);

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  d->n_prices = jc_store_count_source_prices (store, d->source->id, &error);
  if (d->n_prices < 0)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Deletes the source with every quote and revision it brought, in one
 * statement (the foreign keys cascade). */
static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RemoveData *d = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JcStore) store = jc_store_open (d->db_path, &error);

  if (store == NULL || !jc_store_delete_source (store, d->source->name, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (object);
  RemoveData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n = (guint) MIN (d->n_prices, (gint64) G_MAXUINT);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Remove the Price Source"),
                        error->message);
      return;
    }
  set_busy (self, FALSE);
  if (n > 0)
    message = g_strdup_printf (ngettext ("Price source “%s” removed with %u price",
                                         "Price source “%s” removed with %u prices", n),
                               d->source->name, n);
  else
    message = g_strdup_printf (_("Price source “%s” removed"), d->source->name);
  jc_list_page_reload_and_select (JC_LIST_PAGE (self), NULL);
  jc_ui_toast (GTK_WIDGET (self), message);
}

static void
start_delete (JcSourcesPage *self,
              RemoveData    *d)
{
  RemoveData *copy = g_new0 (RemoveData, 1);
  g_autoptr(GTask) task = NULL;

  copy->db_path = g_strdup (d->db_path);
  copy->source = jc_source_copy (d->source);
  copy->n_prices = d->n_prices;
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_deleted, NULL);
  g_task_set_source_tag (task, start_delete);
  g_task_set_task_data (task, copy, remove_data_free);
  g_task_run_in_thread (task, delete_thread);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       JcSourcesPage    *self)
{
  RemoveData *d = g_object_get_data (G_OBJECT (dialog), "jc-remove");

  if (d == NULL || jc_list_page_get_store (JC_LIST_PAGE (self)) == NULL || self->busy)
    return;
  if (g_str_equal (response, "disable"))
    set_enabled (self, d->source, FALSE);
  else if (g_str_equal (response, "delete"))
    start_delete (self, d);
}

/* Asks before removing: a source that brought prices takes them along,
 * so the question offers to disable it instead (the default). */
static void
ask_remove (JcSourcesPage *self,
            RemoveData    *d)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Remove “%s”?"), d->source->name);
  g_autofree char *body = NULL;
  guint n = (guint) MIN (d->n_prices, (gint64) G_MAXUINT);
  AdwMessageDialog *dialog;

  if (n > 0)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u stored price comes from this source.",
                                                          "%u stored prices come from this source.",
                                                          n), n);

      body = g_strdup_printf ("%s %s", count,
                              d->source->enabled
                              ? _("Removing the source deletes them and their revisions for good. "
                                  "Disabling it stops fetching and sets its prices aside: they "
                                  "stay stored and count again when it is enabled again.")
                              : _("Removing the source deletes them and their revisions for good. "
                                  "The source is disabled already: keeping it keeps them "
                                  "stored."));
    }
  else
    body = g_strdup (_("No stored price comes from this source. Its fetch log stays."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (n > 0)
    {
      if (d->source->enabled)
        {
          adw_message_dialog_add_response (dialog, "disable", _("_Disable"));
          adw_message_dialog_set_response_appearance (dialog, "disable",
                                                      ADW_RESPONSE_SUGGESTED);
        }
      adw_message_dialog_add_response (dialog, "delete", _("De_lete with Prices"));
      adw_message_dialog_set_default_response (dialog, d->source->enabled ? "disable" : "cancel");
    }
  else
    {
      adw_message_dialog_add_response (dialog, "delete", _("_Remove"));
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "jc-remove", d, remove_data_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  /* Gone with the page or its database. */
  g_set_weak_pointer (&self->remove_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_counted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (object);
  RemoveData *d = g_task_get_task_data (G_TASK (result));
  RemoveData *copy;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      jc_ui_show_error (GTK_WIDGET (self), _("Could Not Remove the Price Source"),
                        error->message);
      return;
    }
  set_busy (self, FALSE);
  copy = g_new0 (RemoveData, 1);
  copy->db_path = g_strdup (d->db_path);
  copy->source = jc_source_copy (d->source);
  copy->n_prices = d->n_prices;
  ask_remove (self, copy);
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (widget);
  JcStore *store = jc_list_page_get_store (JC_LIST_PAGE (self));
  JcRecord *record = jc_list_page_get_selected (JC_LIST_PAGE (self));
  RemoveData *d;
  g_autoptr(GTask) task = NULL;

  if (record == NULL || store == NULL || self->busy)
    return;
  d = g_new0 (RemoveData, 1);
  d->db_path = g_strdup (jc_store_get_path (store));
  d->source = jc_source_copy (record_source (record));
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_counted, NULL);
  g_task_set_source_tag (task, remove_activated);
  g_task_set_task_data (task, d, remove_data_free);
  g_task_run_in_thread (task, count_thread);
}

/* ---- GObject ---------------------------------------------------------- */

static void
jc_sources_page_dispose (GObject *object)
{
  JcSourcesPage *self = JC_SOURCES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->remove_dialog != NULL)
    gtk_window_destroy (self->remove_dialog);
  g_clear_weak_pointer (&self->remove_dialog);
  G_OBJECT_CLASS (jc_sources_page_parent_class)->dispose (object);
}

static void
jc_sources_page_class_init (JcSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JcListPageClass *page_class = JC_LIST_PAGE_CLASS (klass);

  object_class->dispose = jc_sources_page_dispose;

  page_class->activate_label = N_("E_nable");
  page_class->deactivate_label = N_("_Disable");
  page_class->activate_tooltip = N_("Enable the selected source: it is fetched again and its "
                                    "prices count again");
  page_class->deactivate_tooltip = N_("Disable the selected source: it is no longer fetched, "
                                      "and its prices are set aside, not deleted");
  page_class->load = load;
  page_class->match = match;
  page_class->describe_count = describe_count;
  page_class->describe_no_results = describe_no_results;
  page_class->new_editor = new_editor;
  page_class->describe_saved = describe_saved;
  page_class->toggle_active = toggle_active;
  page_class->update_actions = update_actions;

  jc_list_page_class_set_template (widget_class, "/io/github/jicai/Jicai/ui/jc-sources-page.ui",
                                   "toggle_enabled_button", "toggle_enabled_icon_button", NULL);
  gtk_widget_class_install_action (widget_class, "page.remove", NULL, remove_activated);
}

static void
jc_sources_page_init (JcSourcesPage *self)
{
  const JcListColumn columns[] = {
    /* "新发地" whole, whatever the width: the address and the last fetch
     * give way (and show their whole text in a tooltip) */
    { C_("column title", "Name"), JC_COLUMN_NAME, name_text, name_compare, FALSE },
    { C_("column title", "Adapter"), JC_COLUMN_NAME, adapter_text, adapter_compare, FALSE },
    { C_("column title", "Priority"), JC_COLUMN_NUMBER, priority_text, priority_compare, FALSE },
    { C_("column title", "Schedule"), JC_COLUMN_TEXT, schedule_text, schedule_compare, FALSE },
    { C_("column title", "Credentials"), JC_COLUMN_TEXT, credentials_text, credentials_compare,
      FALSE },
    { C_("column title", "Address"), JC_COLUMN_TEXT, NULL, NULL, TRUE,
      JC_LIST_FIELD (STRING, SourceRow, url_shown) },
    { C_("column title", "Last Fetch"), JC_COLUMN_TEXT, last_fetch_text, last_fetch_compare,
      TRUE },
    { C_("column title", "Enabled"), JC_COLUMN_ACTIVE, NULL, NULL, FALSE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Disabled sources are listed too, marked so. */
  jc_list_page_set_show_inactive (JC_LIST_PAGE (self), TRUE);
  jc_list_page_add_columns (JC_LIST_PAGE (self), columns, G_N_ELEMENTS (columns));
}

/**
 * jc_sources_page_set_store:
 * @store: (nullable) (transfer none): the store to show; it must stay open
 *   until another is set
 */
void
jc_sources_page_set_store (JcSourcesPage *self,
                           JcStore       *store)
{
  g_return_if_fail (JC_IS_SOURCES_PAGE (self));

  /* A removal under way belongs to the old database: its answer is
   * dropped (the worker finishes on its own store). */
  if (store != jc_list_page_get_store (JC_LIST_PAGE (self)))
    {
      if (self->cancellable != NULL)
        {
          g_cancellable_cancel (self->cancellable);
          set_busy (self, FALSE);
        }
      if (self->remove_dialog != NULL)
        gtk_window_destroy (self->remove_dialog);
    }
  jc_list_page_set_store (JC_LIST_PAGE (self), store);
}

/**
 * jc_sources_page_reload:
 * Reads the sources and their last fetches again, keeping the selection.
 */
void
jc_sources_page_reload (JcSourcesPage *self)
{
  g_return_if_fail (JC_IS_SOURCES_PAGE (self));

  jc_list_page_reload_and_select (JC_LIST_PAGE (self), NULL);
}

const JcSource *
_jc_sources_page_get_source (JcSourcesPage *self,
                             guint          position)
{
  g_autoptr(JcRecord) record = g_list_model_get_item (_jc_list_page_get_shown (JC_LIST_PAGE (self)),
                                                    position);

  /* the list store keeps its own reference */
  return record ? record_source (record) : NULL;
}

gboolean
_jc_sources_page_get_busy (JcSourcesPage *self)
{
  return self->busy;
}
