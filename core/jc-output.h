/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-output.h: where every exported file is written.  The target is
 * checked first — never an open database or its -wal/-shm/-journal (by
 * identity: device and inode where the file exists, else by its resolved
 * path), never a folder, never an existing file unless the caller was told
 * to replace it — then the document is written to a temporary file in the
 * same folder (“.NAME.XXXXXX”), synced and renamed into place, so a reader
 * sees the old file or the whole new one and a failure leaves nothing
 * behind.  This module never opens a database file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JC_OUTPUT_ERROR (jc_output_error_quark ())
GQuark jc_output_error_quark (void);

typedef enum {
  JC_OUTPUT_ERROR_DATABASE,   /* the target is an open database or one of its files */
  JC_OUTPUT_ERROR_EXISTS,     /* the target exists and replacing was not allowed */
  JC_OUTPUT_ERROR_FOLDER,     /* the target is a folder */
  JC_OUTPUT_ERROR_FAILED,     /* the file system refused */
} JcOutputError;

typedef enum {
  JC_OUTPUT_NONE    = 0,
  JC_OUTPUT_REPLACE = 1 << 0,  /* an existing file (not a database) may be replaced */
} JcOutputFlags;

typedef struct _JcOutput JcOutput;

/* Checks `path` as a target without writing anything: the errors of
 * jc_output_begin(). */
gboolean    jc_output_check          (const char     *path,
                                      JcOutputFlags   flags,
                                      GError        **error);

/* Refuses to read `path` as an import file when it is one of the files
 * of an open database: opening and closing it would drop this process's
 * locks on the database.  JC_OUTPUT_ERROR_DATABASE. */
gboolean    jc_output_check_input    (const char     *path,
                                      GError        **error);

/* Checks `path` and creates the temporary file beside it.  Returns
 * (transfer full) the output, or NULL with JC_OUTPUT_ERROR set. */
JcOutput   *jc_output_begin          (const char     *path,
                                      JcOutputFlags   flags,
                                      GError        **error);
/* The temporary file to write the document to (cairo and libxlsxwriter
 * take a file name); borrowed. */
const char *jc_output_get_temp_path  (JcOutput       *output);
const char *jc_output_get_path       (JcOutput       *output);
/* Appends bytes to the temporary file. */
gboolean    jc_output_write          (JcOutput       *output,
                                      const void     *data,
                                      gsize           len,
                                      GError        **error);
/* Syncs the temporary file and renames it to the target (checked again).
 * On failure the temporary file is removed and the target is as it was. */
gboolean    jc_output_commit         (JcOutput       *output,
                                      GError        **error);
/* Removes the temporary file unless committed. */
void        jc_output_free           (JcOutput       *output);

/* Writes `data` to `path` in one go through jc_output_begin()/commit(). */
gboolean    jc_output_save           (const char     *path,
                                      JcOutputFlags   flags,
                                      const void     *data,
                                      gsize           len,
                                      GError        **error);

/* The database files the store has open in this process: the targets
 * every output refuses.  Counted: each protect needs one unprotect. */
void        _jc_output_protect       (const char     *db_path);
void        _jc_output_unprotect     (const char     *db_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JcOutput, jc_output_free)

G_END_DECLS
