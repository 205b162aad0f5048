/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-test-vfs.c: the fault-injecting SQLite VFS of the fault tests (see
 * jc-test-vfs.h).  Every call goes to the default VFS it wraps; only the
 * faults asked for are added.  It must not change what reaches the disk
 * when no fault is asked for, and it is never linked into jicai itself. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "jc-test-vfs.h"

typedef struct {
  sqlite3_file  base;
  sqlite3_file *real;   /* the wrapped VFS's file, just after this struct */
  const char   *name;   /* valid until xClose (SQLite's promise) */
} FaultFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs fault_vfs;

static struct {
  char     *suffix;       /* NULL: every file */
  gint64    budget;       /* bytes that may still be written; -1: no limit */
  int       write_rc;
  guint     sync_countdown;
  int       sync_rc;
  gboolean  read_only;
  gboolean  no_side_files;
  guint     failures;
} faults = { NULL, -1, SQLITE_OK, 0, SQLITE_OK, FALSE, FALSE, 0 };

#define REAL(file) (((FaultFile *) (file))->real)

static int
fault_close (sqlite3_file *file)
{
  return REAL (file)->pMethods->xClose (REAL (file));
}

static int
fault_read (sqlite3_file  *file,
            void          *buf,
            int            amount,
            sqlite3_int64  offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buf, amount, offset);
}

static gboolean
watched (sqlite3_file *file)
{
  const char *name = ((FaultFile *) file)->name;

  return faults.suffix == NULL || (name != NULL && g_str_has_suffix (name, faults.suffix));
}

/* Within the budget a write goes through; the one that crosses it writes
 * what still fits (a disk filling up mid-write) and fails. */
static int
fault_write (sqlite3_file  *file,
             const void    *buf,
             int            amount,
             sqlite3_int64  offset)
{
  if (faults.budget >= 0 && watched (file))
    {
      if (amount > faults.budget)
        {
          if (faults.budget > 0)
            REAL (file)->pMethods->xWrite (REAL (file), buf, (int) faults.budget, offset);
          faults.budget = 0;
          faults.failures++;
          return faults.write_rc;
        }
      faults.budget -= amount;
    }
  return REAL (file)->pMethods->xWrite (REAL (file), buf, amount, offset);
}

static int
fault_truncate (sqlite3_file  *file,
                sqlite3_int64  size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
fault_sync (sqlite3_file *file,
            int           flags)
{
  if (faults.sync_countdown > 0 && --faults.sync_countdown == 0)
    {
      faults.failures++;
      return faults.sync_rc;
    }
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
fault_file_size (sqlite3_file  *file,
                 sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
fault_lock (sqlite3_file *file,
            int           level)
{
  return REAL (file)->pMethods->xLock (REAL (file), level);
}

static int
fault_unlock (sqlite3_file *file,
              int           level)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), level);
}

static int
fault_check_reserved (sqlite3_file *file,
                      int          *out)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), out);
}

static int
fault_file_control (sqlite3_file *file,
                    int           op,
                    void         *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
fault_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
fault_device (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

/* The shared memory beside a WAL database: refused like the -wal file when
 * the folder is "read-only". */
static int
fault_shm_map (sqlite3_file  *file,
               int            region,
               int            size,
               int            extend,
               void volatile **out)
{
  if (faults.no_side_files)
    {
      faults.failures++;
      return SQLITE_CANTOPEN;
    }
  return REAL (file)->pMethods->xShmMap (REAL (file), region, size, extend, out);
}

static int
fault_shm_lock (sqlite3_file *file,
                int           offset,
                int           n,
                int           flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
fault_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
fault_shm_unmap (sqlite3_file *file,
                 int           delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
fault_fetch (sqlite3_file   *file,
             sqlite3_int64   offset,
             int             amount,
             void          **out)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, out);
}

static int
fault_unfetch (sqlite3_file  *file,
               sqlite3_int64  offset,
               void          *p)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, p);
}

static const sqlite3_io_methods fault_methods = {
  3,
  fault_close,
  fault_read,
  fault_write,
  fault_truncate,
  fault_sync,
  fault_file_size,
  fault_lock,
  fault_unlock,
  fault_check_reserved,
  fault_file_control,
  fault_sector_size,
  fault_device,
  fault_shm_map,
  fault_shm_lock,
  fault_shm_barrier,
  fault_shm_unmap,
  fault_fetch,
  fault_unfetch,
};

static int
fault_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  FaultFile *f = (FaultFile *) file;
  int rc;

  (void) vfs;
  f->real = (sqlite3_file *) (f + 1);
  f->name = name;
  f->base.pMethods = NULL;
  if (faults.no_side_files && (flags & SQLITE_OPEN_WAL) != 0)
    {
      faults.failures++;
      return SQLITE_CANTOPEN;
    }
  /* what the unix VFS does when open(O_RDWR) is refused: read-only */
  if (faults.read_only && (flags & SQLITE_OPEN_MAIN_DB) != 0 &&
      (flags & SQLITE_OPEN_READWRITE) != 0)
    flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  if (f->real->pMethods != NULL)
    f->base.pMethods = &fault_methods;
  return rc;
}

void
jc_test_vfs_install (void)
{
  if (real_vfs == NULL)
    {
      real_vfs = sqlite3_vfs_find (NULL);
      g_assert (real_vfs != NULL && real_vfs->iVersion >= 1);
      fault_vfs = *real_vfs;
      fault_vfs.zName = "jicai-test-fault";
      fault_vfs.szOsFile = (int) sizeof (FaultFile) + real_vfs->szOsFile;
      fault_vfs.pNext = NULL;
      fault_vfs.xOpen = fault_open;
      g_assert (sqlite3_vfs_register (&fault_vfs, 1) == SQLITE_OK);
    }
  jc_test_vfs_reset ();
}

void
jc_test_vfs_reset (void)
{
  g_clear_pointer (&faults.suffix, g_free);
  faults.budget = -1;
  faults.write_rc = SQLITE_OK;
  faults.sync_countdown = 0;
  faults.sync_rc = SQLITE_OK;
  faults.read_only = FALSE;
  faults.no_side_files = FALSE;
  faults.failures = 0;
}

void
jc_test_vfs_fail_writes (const char *suffix,
                         gint64      budget,
                         int         rc)
{
  g_free (faults.suffix);
  faults.suffix = g_strdup (suffix);
  faults.budget = budget;
  faults.write_rc = rc;
}

void
jc_test_vfs_fail_sync (guint nth,
                       int   rc)
{
  faults.sync_countdown = nth;
  faults.sync_rc = rc;
}

void
jc_test_vfs_read_only (gboolean read_only)
{
  faults.read_only = read_only;
}

void
jc_test_vfs_no_side_files (gboolean refuse)
{
  faults.no_side_files = refuse;
}

guint
jc_test_vfs_failures (void)
{
  return faults.failures;
}
