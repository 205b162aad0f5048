/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-prices-page-actions.c: what the Prices page does — fetch from the
 * sources, import price files (with progress, Cancel and a report in the
 * info bar), the page's actions and the responses of its bars.  The work
 * itself runs in jc-price-tasks.c; nothing here opens a store, starts a
 * thread or reads the database. */
#include "config.h"

#define G_LOG_DOMAIN "jc-prices-page"

#include <glib/gi18n.h>

#include "jc-date.h"
#include "jc-price-tasks.h"
#include "jc-prices-page-private.h"

/* ---- fetching and importing ----------------------------------------------- */

static void start_work (JcPricesPage *self,
                        GPtrArray    *files);

static void
show_info (JcPricesPage   *self,
           GtkMessageType  type,
           const char     *text,
           gboolean        offer_mapping)
{
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_label_set_text (self->info_label, text);
  gtk_widget_set_visible (self->info_map_button, offer_mapping);
  gtk_widget_set_visible (self->info_source_button, FALSE);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static char *
describe_fetch (const JcPriceFetchReport *r)
{
  GString *s = g_string_new (NULL);

  if (r->cancelled)
    g_string_append (s, _("Fetch cancelled: the source being fetched kept nothing."));
  if (r->n_ok > 0 && r->imported)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* TRANSLATORS: after importing price files: files imported, then rows
       * new, changed, unchanged, refused, and to map */
      g_string_append_printf (s, ngettext ("Imported %u file: %u new, %u changed, %u unchanged, "
                                           "%u rejected, %u to map.",
                                           "Imported %u files: %u new, %u changed, %u unchanged, "
                                           "%u rejected, %u to map.", r->n_ok),
                              r->n_ok, r->rows_new, r->rows_changed, r->rows_same,
                              r->rows_rejected, r->rows_unmapped);
    }
  else if (r->n_ok > 0)
    {
      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* TRANSLATORS: after a fetch: the number of sources that answered,
       * the first and the last day fetched, then rows new, changed,
       * unchanged, refused, and stored under a market name no item claims
       * yet (to map) */
      g_string_append_printf (s, ngettext ("Fetched %2$s to %3$s from %1$u source: %4$u new, "
                                           "%5$u changed, %6$u unchanged, %7$u rejected, "
                                           "%8$u to map.",
                                           "Fetched %2$s to %3$s from %1$u sources: %4$u new, "
                                           "%5$u changed, %6$u unchanged, %7$u rejected, "
                                           "%8$u to map.", r->n_ok),
                              r->n_ok, r->from, r->to, r->rows_new, r->rows_changed, r->rows_same,
                              r->rows_rejected, r->rows_unmapped);
    }
  for (guint i = 0; i < r->errors->len; i++)
    {
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, g_ptr_array_index (r->errors, i));
    }
  return g_string_free (s, FALSE);
}

static void
fetch_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(JcPricesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean no_source = FALSE, all_disabled = FALSE;
  g_autoptr(JcPriceFetchReport) r = jc_price_task_fetch_finish (result, &no_source, &all_disabled,
                                                                &error);
  g_autofree char *text = NULL;
  GtkMessageType type;

  if (self->disposed)
    return;
  g_clear_object (&self->fetch_cancellable);
  _jc_prices_page_update_busy (self);
  _jc_prices_page_notify_fetching (self);
  if (r == NULL && (no_source || all_disabled))
    {
      /* Nothing to fetch from: the way to a source, not an error. */
      show_info (self, GTK_MESSAGE_INFO, error->message, FALSE);
      self->offer_add_source = no_source;
      gtk_button_set_label (GTK_BUTTON (self->info_source_button),
                            no_source ? _("_Add Price Source…") : _("Open Price _Sources"));
      gtk_widget_set_visible (self->info_source_button, TRUE);
      gtk_widget_grab_focus (self->info_source_button);
      return;
    }
  if (r == NULL)
    {
      /* TRANSLATORS: the reason follows */
      text = g_strdup_printf (_("Could not fetch prices: %s"), error->message);
      show_info (self, GTK_MESSAGE_ERROR, text, FALSE);
      return;
    }
  text = describe_fetch (r);
  if (r->errors->len > 0)
    type = r->n_ok > 0 ? GTK_MESSAGE_WARNING : GTK_MESSAGE_ERROR;
  else
    type = r->cancelled ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO;
  show_info (self, type, text, r->rows_unmapped > 0);
  /* what is stored now */
  jc_prices_page_reload (self);
}

/**
 * jc_prices_page_fetch:
 * Fetches the FETCH_DAYS days up to the page's date from every enabled
 * source on a worker thread, showing progress; the prices are read again
 * when it is done.
 */
void
jc_prices_page_fetch (JcPricesPage *self)
{
  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  start_work (self, NULL);
}

/**
 * jc_prices_page_import_paths:
 * Imports saved price files (CSV, Xinfadi or USDA JSON) on a worker thread,
 * with the same progress, Cancel and report as a fetch.  Each file is one
 * transaction: all of it or nothing.
 */
void
jc_prices_page_import_paths (JcPricesPage       *self,
                             const char * const *paths)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (files, g_strdup (paths[i]));
  if (files->len > 0)
    start_work (self, g_steal_pointer (&files));
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            JcPricesPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (list, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      jc_prices_page_import_paths (self, (const char * const *) paths->pdata);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* Asks for price files and imports them. */
void
jc_prices_page_import (JcPricesPage *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkRoot *root;

  g_return_if_fail (JC_IS_PRICES_PAGE (self));

  if (self->fetch_cancellable != NULL || self->store == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Import Price Files"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Price files (CSV, JSON)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Main thread, while the fetch runs: `target` is the page. */
static void
fetch_progress_cb (gpointer      target,
                   GCancellable *cancellable,
                   double        fraction,
                   const char   *text)
{
  JcPricesPage *self = target;

  if (self->disposed || self->fetch_cancellable != cancellable)
    return;
  if (fraction < 0)
    gtk_progress_bar_pulse (self->fetch_progress);
  else
    gtk_progress_bar_set_fraction (self->fetch_progress, CLAMP (fraction, 0.0, 1.0));
  gtk_progress_bar_set_text (self->fetch_progress, text);
}

/* Fetches (files NULL) or imports `files` (taken) on a worker thread. */
static void
start_work (JcPricesPage *self,
            GPtrArray    *files)
{
  g_autoptr(GPtrArray) owned = files;
  char from[JC_DATE_LEN];

  if (self->fetch_cancellable != NULL || self->store == NULL ||
      !jc_date_shift (self->date, -(JC_PRICES_FETCH_DAYS - 1), from))
    return;
  self->fetch_cancellable = g_cancellable_new ();

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  gtk_progress_bar_set_fraction (self->fetch_progress, 0.0);
  gtk_progress_bar_set_text (self->fetch_progress, _("Starting…"));
  jc_price_task_fetch (self->store, from, self->date, g_steal_pointer (&owned),
                       fetch_progress_cb, G_OBJECT (self), self->fetch_cancellable, fetch_done_cb,
                       g_object_ref (self));
  _jc_prices_page_update_busy (self);
  _jc_prices_page_notify_fetching (self);
}

gboolean
jc_prices_page_get_fetching (JcPricesPage *self)
{
  g_return_val_if_fail (JC_IS_PRICES_PAGE (self), FALSE);

  return self->fetch_cancellable != NULL;
}

/* ---- actions and the bars' responses -------------------------------------- */

static void
fetch_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  jc_prices_page_fetch (JC_PRICES_PAGE (widget));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_prices_page_import (JC_PRICES_PAGE (widget));
}

static void
cancel_fetch_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);

  if (self->fetch_cancellable != NULL)
    {
      g_cancellable_cancel (self->fetch_cancellable);
      gtk_progress_bar_set_text (self->fetch_progress, _("Cancelling…"));
    }
}

static void
reload_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  jc_prices_page_reload (JC_PRICES_PAGE (widget));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "market");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JcPricesPage *self = JC_PRICES_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
on_info_bar_response_cb (JcPricesPage *self,
                         int           response)
{
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  if (response == 1)
    adw_view_stack_set_visible_child_name (self->view_stack, "to-map");
  else if (response == 2)
    {
      /* the Price Sources page, and its editor on a new source */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-section", "s", "sources");
      if (self->offer_add_source)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.add-record", NULL);
    }
}

static void
on_unmapped_mapped_cb (JcPricesPage   *self,
                       const char     *market_name,
                       const char     *item_code,
                       guint           rows)
{
  /* the mapped quotes now count for their item (or are held); the view
   * reloads itself */
  _jc_prices_page_reload (self, FALSE);
  jc_held_view_reload (self->held_view);
}

static void
on_held_bar_response_cb (JcPricesPage *self,
                         int           response)
{
  if (response == 1)
    adw_view_stack_set_visible_child_name (self->view_stack, "held");
}

static void
on_held_changed_cb (JcPricesPage *self)
{
  /* released or converted prices now count for their items */
  _jc_prices_page_reload (self, FALSE);
}

/* ---- class ---------------------------------------------------------------- */

void
_jc_prices_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unmapped_mapped_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_held_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_held_changed_cb);

  gtk_widget_class_install_action (widget_class, "prices.fetch", NULL, fetch_activated);
  gtk_widget_class_install_action (widget_class, "prices.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "prices.cancel-fetch", NULL,
                                   cancel_fetch_activated);
  gtk_widget_class_install_action (widget_class, "prices.reload", NULL, reload_activated);
  gtk_widget_class_install_action (widget_class, "prices.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "prices.show-view", "s", show_view_activated);
  gtk_widget_class_install_property_action (widget_class, "prices.range", "range");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "prices.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "prices.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "prices.search", NULL);
}
