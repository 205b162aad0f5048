/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-save-file.c: the save chooser the pages' exports share
 * (jc-save-file.h).  It asks for a file or folder name and hands it on
 * with the flags the writer needs; it never writes a file. */
#include "config.h"

#define G_LOG_DOMAIN "jc-save-file"

#include <glib/gi18n.h>
#include <string.h>

#include "jc-save-file.h"

/* Where the open chooser hangs on its parent. */
#define CHOOSER_KEY "jc-save-file-chooser"

typedef struct {
  GtkFileChooserNative *chooser;
  GtkWidget            *parent;    /* weak */
  gulong                destroy_id; /* on the parent */
  gboolean              folder;    /* a folder was asked for */
  JcSaveFileFunc        func;
  gpointer              user_data;
  GDestroyNotify        destroy;
} SaveRequest;

static void
save_request_free (SaveRequest *req)
{
  g_signal_handlers_disconnect_by_data (req->chooser, req);
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (req->chooser));
  g_object_unref (req->chooser);
  if (req->parent != NULL)
    g_clear_signal_handler (&req->destroy_id, req->parent);
  g_clear_weak_pointer (&req->parent);
  if (req->destroy != NULL)
    req->destroy (req->user_data);
  g_free (req);
}

/* The chooser goes when its parent is destroyed, not only when it is
 * finalized (a dialog still referenced somewhere). */
static void
on_parent_destroy_cb (GtkWidget *parent,
                      gpointer   user_data)
{
  g_object_set_data (G_OBJECT (parent), CHOOSER_KEY, NULL);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        SaveRequest     *req)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GtkWidget) parent = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file ? g_file_get_path (file) : NULL;
  if (req->parent != NULL)
    {
      parent = g_object_ref (req->parent);
      /* the request is ours now; freed below */
      g_object_steal_data (G_OBJECT (parent), CHOOSER_KEY);
    }
  if (path != NULL && parent != NULL)
    {
      JcOutputFlags flags = !req->folder && g_file_test (path, G_FILE_TEST_EXISTS)
                            ? JC_OUTPUT_REPLACE : JC_OUTPUT_NONE;

      req->func (parent, path, flags, req->user_data);
    }
  if (parent != NULL)
    save_request_free (req);
  /* else the parent's data already freed the request with the parent */
}

static GtkFileFilter *
filter_new (const JcSaveFileFilter *f)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (f->name != NULL)
    gtk_file_filter_set_name (filter, f->name);
  if (g_str_has_prefix (f->pattern, "*.") && strpbrk (f->pattern + 2, "*?[") == NULL)
    gtk_file_filter_add_suffix (filter, f->pattern + 2);
  else
    gtk_file_filter_add_pattern (filter, f->pattern);
  return filter;
}

/* Shows a chooser of `action` over the window of `parent`, with its name,
 * first folder and filters; the request hangs on `parent`. */
static void
choose (GtkWidget              *parent,
        const char             *title,
        GtkFileChooserAction    action,
        const char             *suggested_name,
        const char             *folder,
        const JcSaveFileFilter *filters,
        guint                   n_filters,
        JcSaveFileFunc          func,
        gpointer                user_data,
        GDestroyNotify          destroy)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  gboolean is_folder = action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  SaveRequest *req;

  req = g_new0 (SaveRequest, 1);
  req->folder = is_folder;
  req->func = func;
  req->user_data = user_data;
  req->destroy = destroy;
  g_set_weak_pointer (&req->parent, parent);
  req->chooser = gtk_file_chooser_native_new (title,
                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              action, is_folder ? _("_Select") : _("_Save"),
                                              _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (req->chooser), suggested_name);
  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = filter_new (&filters[i]);

      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (req->chooser), filter);
    }
  if (folder != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (req->chooser), file, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (req->chooser), TRUE);
  g_signal_connect (req->chooser, "response", G_CALLBACK (on_chooser_response_cb), req);
  /* replaces (and so destroys) a chooser still open on this parent */
  g_object_set_data_full (G_OBJECT (parent), CHOOSER_KEY, req,
                          (GDestroyNotify) save_request_free);
  req->destroy_id = g_signal_connect (parent, "destroy", G_CALLBACK (on_parent_destroy_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (req->chooser));
}

/**
 * jc_save_file_choose:
 * @pattern: (nullable): "*.pdf", or any glob; NULL: no filter
 * Asks where to save; see jc-save-file.h.
 */
void
jc_save_file_choose (GtkWidget      *parent,
                     const char     *title,
                     const char     *suggested_name,
                     const char     *filter_name,
                     const char     *pattern,
                     JcSaveFileFunc  func,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  JcSaveFileFilter filter = { filter_name, pattern };

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (func != NULL);

  choose (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, suggested_name, NULL, &filter,
          pattern != NULL ? 1 : 0, func, user_data, destroy);
}

/**
 * jc_save_file_choose_full:
 * @folder: (nullable): where the chooser opens
 * @filters: (array length=n_filters): the filters, the first chosen at first
 * Asks where to save; see jc-save-file.h.
 */
void
jc_save_file_choose_full (GtkWidget              *parent,
                          const char             *title,
                          const char             *suggested_name,
                          const char             *folder,
                          const JcSaveFileFilter *filters,
                          guint                   n_filters,
                          JcSaveFileFunc          func,
                          gpointer                user_data,
                          GDestroyNotify          destroy)
{
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (filters != NULL || n_filters == 0);
  g_return_if_fail (func != NULL);

  for (guint i = 0; i < n_filters; i++)
    g_return_if_fail (filters[i].pattern != NULL);
  choose (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, suggested_name, folder, filters,
          n_filters, func, user_data, destroy);
}

/**
 * jc_save_file_choose_folder:
 * @folder: (nullable): where the chooser opens
 * Asks for a folder to save in; see jc-save-file.h.
 */
void
jc_save_file_choose_folder (GtkWidget      *parent,
                            const char     *title,
                            const char     *folder,
                            JcSaveFileFunc  func,
                            gpointer        user_data,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (func != NULL);

  choose (parent, title, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL, folder, NULL, 0, func,
          user_data, destroy);
}
