/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-save-file.h: the one way a page asks where to save an export — a
 * save chooser over the page's window with a suggested name and its file
 * filters, or a folder chooser for an export of many files; the save
 * chooser itself asks before replacing an existing file, and the answer
 * reaches the writer as JcOutputFlags (core/jc-output.h).  It only asks:
 * writing is the page's worker task. */
#pragma once

#include <gtk/gtk.h>

#include "jc-output.h"

G_BEGIN_DECLS

/* The chosen file: `flags` is JC_OUTPUT_REPLACE when the file existed (the
 * chooser's confirmation was given), JC_OUTPUT_NONE when it did not — a
 * file that appears in between is not replaced. */
typedef void (*JcSaveFileFunc) (GtkWidget     *parent,
                                const char    *path,
                                JcOutputFlags  flags,
                                gpointer       user_data);

/* A filter of the save chooser: `name` shown ("PDF documents"), files
 * matching `pattern` ("*.pdf": the suffix, in any case; or any glob). */
typedef struct {
  const char *name;
  const char *pattern;
} JcSaveFileFilter;

/* Shows the chooser titled `title` over the window of `parent`, the name
 * `suggested_name` filled in, one filter `filter_name` for `pattern`
 * ("*.pdf": the suffix, in any case).  `func` runs once when a file is
 * chosen and `parent` still lives; not on cancel.  `destroy` frees
 * `user_data` in every case.  A second call on the same parent replaces an
 * open chooser (its `func` is not called); the chooser goes with the
 * parent. */
void jc_save_file_choose (GtkWidget      *parent,
                          const char     *title,
                          const char     *suggested_name,
                          const char     *filter_name,
                          const char     *pattern,
                          JcSaveFileFunc  func,
                          gpointer        user_data,
                          GDestroyNotify  destroy);

/* The same with `n_filters` filters (0: none), the first chosen at first,
 * opening in `folder` when it is not NULL. */
void jc_save_file_choose_full (GtkWidget              *parent,
                               const char             *title,
                               const char             *suggested_name,
                               const char             *folder,
                               const JcSaveFileFilter *filters,
                               guint                   n_filters,
                               JcSaveFileFunc          func,
                               gpointer                user_data,
                               GDestroyNotify          destroy);

/* A folder chooser titled `title` (its answer "_Select"), opening in
 * `folder` when it is not NULL: `func` receives the chosen folder with
 * JC_OUTPUT_NONE (what is in it is the writer's question).  Otherwise as
 * jc_save_file_choose(), and sharing its one open chooser a parent. */
void jc_save_file_choose_folder (GtkWidget      *parent,
                                 const char     *title,
                                 const char     *folder,
                                 JcSaveFileFunc  func,
                                 gpointer        user_data,
                                 GDestroyNotify  destroy);

G_END_DECLS
