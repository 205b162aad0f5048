/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-input.h: reading a file from outside — a price file, an order form,
 * purchases, a distance matrix — whole into memory, safely.
 *
 * It refuses the open database and its files (jc_output_check_input), a
 * folder, a pipe, a device or a socket (named as such: opening a pipe must
 * never hang the app), and a file above the caller's size cap, before
 * reading a byte; it reads without mapping (a mapped file that shrinks
 * under the reader kills the process with SIGBUS) and refuses a file that
 * changed while it was read.  No parsing here, and no writing. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JC_INPUT_ERROR (jc_input_error_quark ())

typedef enum {
  JC_INPUT_ERROR_FAILED,      /* could not open or read it */
  JC_INPUT_ERROR_NOT_FILE,    /* a folder, pipe, device or socket */
  JC_INPUT_ERROR_TOO_LARGE,   /* above the cap */
  JC_INPUT_ERROR_CHANGED,     /* changed while it was read */
} JcInputError;

GQuark  jc_input_error_quark (void);

/* The bytes of the file at `path`, at most `max_bytes` of them.  `what`
 * names the kind of file in messages, translated, with its article
 * (_("an order file")).  Messages name the file and what to do.  The open
 * database is refused with jc_output_check_input()'s JC_OUTPUT_ERROR. */
GBytes *jc_input_read_file   (const char  *path,
                              guint64      max_bytes,
                              const char  *what,
                              GError     **error);

/* Only the checks that need no reading: TRUE for a regular file (or a
 * link to one); FALSE naming a folder, pipe, device or socket
 * (JC_INPUT_ERROR_NOT_FILE), or why it cannot be looked at
 * (JC_INPUT_ERROR_FAILED). */
gboolean jc_input_check_file (const char  *path,
                              const char  *what,
                              GError     **error);

/* "20.0 MiB": a size in messages (no non-breaking space). */
char   *jc_input_format_size (guint64      bytes);

G_END_DECLS
