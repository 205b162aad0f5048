/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-save-file.c: the save chooser the pages' exports share
 * (jc-save-file.h).  It asks for a file name and hands it on with the
 * flags the writer needs; it never writes a file. */
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
  g_clear_weak_pointer (&req->parent);
  if (req->destroy != NULL)
    req->destroy (req->user_data);
  g_free (req);
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
      JcOutputFlags flags = g_file_test (path, G_FILE_TEST_EXISTS) ? JC_OUTPUT_REPLACE
                                                                   : JC_OUTPUT_NONE;

      req->func (parent, path, flags, req->user_data);
    }
  if (parent != NULL)
    save_request_free (req);
  /* else the parent's data already freed the request with the parent */
}

/**
 * jc_save_file_choose:
 * @pattern: "*.pdf", or any glob
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
  GtkRoot *root;
  g_autoptr(GtkFileFilter) filter = NULL;
  SaveRequest *req;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (func != NULL);

  root = gtk_widget_get_root (parent);
  req = g_new0 (SaveRequest, 1);
  req->func = func;
  req->user_data = user_data;
  req->destroy = destroy;
  g_set_weak_pointer (&req->parent, parent);
  req->chooser = gtk_file_chooser_native_new (title,
                                              GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                              _("_Cancel"));
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (req->chooser), suggested_name);
  if (pattern != NULL)
    {
      filter = gtk_file_filter_new ();
      if (filter_name != NULL)
        gtk_file_filter_set_name (filter, filter_name);
      if (g_str_has_prefix (pattern, "*.") && strpbrk (pattern + 2, "*?[") == NULL)
        gtk_file_filter_add_suffix (filter, pattern + 2);
      else
        gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (req->chooser), filter);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (req->chooser), TRUE);
  g_signal_connect (req->chooser, "response", G_CALLBACK (on_chooser_response_cb), req);
  /* replaces (and so destroys) a chooser still open on this parent */
  g_object_set_data_full (G_OBJECT (parent), CHOOSER_KEY, req,
                          (GDestroyNotify) save_request_free);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (req->chooser));
}
