/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-vfs.h: a SQLite VFS for the fault tests (jc-test-vfs.c) that
 * wraps the default one and, when told, makes the disk "full" after a
 * number of bytes, fails a sync, opens the database read-only, or refuses
 * to create the -wal/-shm files beside it — without root, without a small
 * filesystem.  Installed as the default VFS of the test process only; the
 * production code has no hook for it.  Not for other suites. */
#pragma once

#include <glib.h>

/* Registers the shim as the default VFS (once); every fault off. */
void     jc_test_vfs_install           (void);
/* Turns every fault off and the counters to zero. */
void     jc_test_vfs_reset             (void);
/* Writes to files whose name ends in `suffix` (NULL: any file) succeed
 * until `budget` bytes are written in all; the write that crosses it
 * writes what still fits and fails with `rc` (SQLITE_FULL,
 * SQLITE_IOERR_WRITE, …), and so does every later one. */
void     jc_test_vfs_fail_writes       (const char *suffix,
                                        gint64      budget,
                                        int         rc);
/* The `nth` sync from now on (1: the next) fails with `rc`. */
void     jc_test_vfs_fail_sync         (guint       nth,
                                        int         rc);
/* A main database opened from now on is opened read-only, as the unix VFS
 * does when the file's permissions refuse writing. */
void     jc_test_vfs_read_only         (gboolean    read_only);
/* The -wal file and the shared memory cannot be created: a read-only
 * folder. */
void     jc_test_vfs_no_side_files     (gboolean    refuse);
/* Writes and syncs refused since the last reset. */
guint    jc_test_vfs_failures          (void);
