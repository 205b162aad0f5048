/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jc-store-price-stage.c: the SQL of staged imports (issue 13 item 6).  A
 * large price import writes its quotes in bounded transactions under its
 * fetch log id while a price_imports row names it, so that another desk
 * writes between two chunks and no reader sees a part of it
 * (JC_PRICE_PUBLISHED); its changes to published quotes wait in
 * price_import_changes, their revisions hidden the same way.  The publish
 * gives each changed quote its last prices and deletes the row in one
 * short transaction.  What a killed import left is removed at the
 * next open or import.  Decides no business rule: jc-price-import.c says
 * what to stage. */
#include "config.h"

#define G_LOG_DOMAIN "jc-store"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <unistd.h>

#include "jc-error.h"
#include "jc-prices.h"
#include "jc-store-private.h"

/* Rows deleted per transaction when a staged import is removed. */
#define DISCARD_CHUNK_ROWS 20000
/* A staged import whose last chunk is older than this is taken for dead
 * even when its process cannot be asked (another host). */
#define STAGE_STALE_SECONDS 600
/* How long an import waits for another to publish before it gives up. */
#define STAGE_WAIT_SECONDS 900
/* The pause between two chunks: long enough for a writer waiting in the
 * store's busy handler (tries every 2 ms) to take its turn. */
#define STAGE_PAUSE_US 5000

/* Removes a staged import: its quotes and revisions in bounded
 * transactions, then its changes, fetch log line and price_imports row,
 * and the source made for it if nothing else uses it, in a last one. */
static gboolean
discard_import (JcStore  *store,
                gint64    fetch_id,
                gint64    new_source_id,
                GError  **error)
{
  for (;;)
    {
      gboolean done;

      if (!jc_store_begin (store, error))
        return FALSE;
      if (!_jc_store_run (store,
            "DELETE FROM prices WHERE id IN (SELECT id FROM prices WHERE fetch_id = ? LIMIT ?)",
            _("Could not remove an unfinished import"), error, "ii", fetch_id,
            (gint64) DISCARD_CHUNK_ROWS))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      done = _jc_store_changes (store) < DISCARD_CHUNK_ROWS;
      if (!_jc_store_run (store,
            "DELETE FROM price_revisions WHERE id IN "
            "(SELECT id FROM price_revisions WHERE fetch_id = ? LIMIT ?)",
            _("Could not remove an unfinished import"), error, "ii", fetch_id,
            (gint64) DISCARD_CHUNK_ROWS))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      done = done && _jc_store_changes (store) < DISCARD_CHUNK_ROWS;
      if (done &&
          (!_jc_store_run (store, "DELETE FROM price_import_changes WHERE fetch_id = ?",
                           _("Could not remove an unfinished import"), error, "i", fetch_id) ||
           !_jc_store_run (store, "DELETE FROM price_imports WHERE fetch_id = ?",
                           _("Could not remove an unfinished import"), error, "i", fetch_id) ||
           !_jc_store_run (store, "DELETE FROM fetch_log WHERE id = ?",
                           _("Could not remove an unfinished import"), error, "i", fetch_id) ||
           (new_source_id > 0 &&
            !_jc_store_run (store,
              "DELETE FROM price_sources WHERE id = ?1 "
              "AND NOT EXISTS (SELECT 1 FROM prices WHERE source_id = ?1) "
              "AND NOT EXISTS (SELECT 1 FROM fetch_log WHERE source_id = ?1)",
              _("Could not remove an unfinished import"), error, "i", new_source_id))))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      if (!jc_store_commit (store, error))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      if (done)
        return TRUE;
    }
}

/* Removes the staged changes of imports already published, in bounded
 * transactions: after a publish, and at an open (a publish killed before
 * it could). */
static gboolean
drop_published_changes (JcStore  *store,
                        GError  **error)
{
  for (;;)
    {
      gint64 n;

      if (!jc_store_begin (store, error))
        return FALSE;
      if (!_jc_store_run (store,
            "DELETE FROM price_import_changes WHERE id IN (SELECT id FROM price_import_changes "
            "WHERE fetch_id NOT IN (SELECT fetch_id FROM price_imports) LIMIT ?)",
            _("Could not save the import"), error, "i", (gint64) DISCARD_CHUNK_ROWS))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      n = _jc_store_changes (store);
      if (!jc_store_commit (store, error))
        {
          jc_store_rollback (store);
          return FALSE;
        }
      if (n < DISCARD_CHUNK_ROWS)
        return TRUE;
    }
}

typedef struct {
  gint64  fetch_id;
  gint64  new_source_id;
  char   *host;
  gint64  pid;
  gint64  beat;
} StagedImport;

static void
staged_import_clear (gpointer data)
{
  g_free (((StagedImport *) data)->host);
}

static void
append_staged_import (JcDbStmt *stmt,
                      gpointer      data)
{
  StagedImport s;

  s.fetch_id = jc_db_column_int64 (stmt, 0);
  s.new_source_id = jc_db_column_int64 (stmt, 1);
  s.host = _jc_store_column_dup (stmt, 2);
  s.pid = jc_db_column_int64 (stmt, 3);
  s.beat = jc_db_column_int64 (stmt, 4);
  g_array_append_val ((GArray *) data, s);
}

static GArray *
list_staged_imports (JcStore  *store,
                     GError  **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (StagedImport));

  g_array_set_clear_func (out, staged_import_clear);
  if (!_jc_store_query_each (store,
        "SELECT fetch_id, COALESCE(new_source_id, 0), host, pid, beat FROM price_imports "
        "ORDER BY fetch_id", append_staged_import, out,
        _("Could not read the imports under way"), error, ""))
    return NULL;
  return g_steal_pointer (&out);
}

/* A staged import whose process is gone (on this host), or that has not
 * written a chunk for STAGE_STALE_SECONDS: killed, or failed without
 * cleaning up. */
static gboolean
staged_import_is_stale (const StagedImport *s,
                        gint64              now)
{
  if (now - s->beat > STAGE_STALE_SECONDS)
    return TRUE;
  if (g_strcmp0 (s->host, g_get_host_name ()) != 0 || s->pid <= 0 || s->pid > G_MAXINT)
    return FALSE;
  if (s->pid == (gint64) getpid ())
    return FALSE;  /* another thread of ours */
  return kill ((pid_t) s->pid, 0) != 0 && errno == ESRCH;
}

gboolean
_jc_store_clean_stale_imports (JcStore  *store,
                               GError  **error)
{
  g_autoptr(GArray) staged = list_staged_imports (store, error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (staged == NULL)
    return FALSE;
  {
    gint64 left = 0;
    JcDbStmt *stmt = _jc_store_prepare (store,
      "SELECT EXISTS (SELECT 1 FROM price_import_changes "
      "WHERE fetch_id NOT IN (SELECT fetch_id FROM price_imports))", error);

    if (stmt == NULL ||
        _jc_store_step_int64 (store, stmt, &left, _("Could not read the imports under way"),
                              error) < 1)
      return FALSE;
    if (left && !drop_published_changes (store, error))
      return FALSE;
  }
  for (guint i = 0; i < staged->len; i++)
    {
      StagedImport *s = &g_array_index (staged, StagedImport, i);

      if (staged_import_is_stale (s, now) &&
          !discard_import (store, s->fetch_id, s->new_source_id, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * jc_store_stage_begin:
 * Starts a staged import into `source` (id 0: a source made for it,
 * stored now and removed with the import if it fails): its fetch log line
 * `entry` and its price_imports row are written in a transaction that is
 * left open for the first chunk of quotes; every quote written through
 * this store until jc_store_stage_publish() or jc_store_stage_discard() is
 * staged, seen by no other connection.  What killed imports left is
 * removed first.  While another import is staged (and alive), waits for
 * it — `waiting` is called once — up to STAGE_WAIT_SECONDS, or until
 * `cancellable` is cancelled.
 * Returns: the fetch log id, 0 with `error` set.
 */
gint64
jc_store_stage_begin (JcStore                *store,
                      JcSource               *source,
                      const JcFetchLogEntry  *entry,
                      GCancellable           *cancellable,
                      JcStoreBusyFunc         waiting,
                      gpointer                user_data,
                      GError                **error)
{
  gint64 started = g_get_monotonic_time ();
  gboolean told = FALSE;
  gint64 fetch_id;
  gboolean created = source->id == 0;

  g_return_val_if_fail (_jc_store_get_stage (store, NULL) == 0, 0);

  for (;;)
    {
      gint64 busy = 0;
      JcDbStmt *stmt;

      if (!_jc_store_clean_stale_imports (store, error) || !jc_store_begin (store, error))
        return 0;
      stmt = _jc_store_prepare (store, "SELECT COUNT(*) FROM price_imports", error);
      if (stmt == NULL ||
          _jc_store_step_int64 (store, stmt, &busy, _("Could not read the imports under way"),
                                error) < 1)
        {
          jc_store_rollback (store);
          return 0;
        }
      if (busy == 0)
        break;
      /* another desk's import: one at a time, so that no two stage the
       * same quote */
      jc_store_rollback (store);
      if (g_get_monotonic_time () - started > (gint64) STAGE_WAIT_SECONDS * G_USEC_PER_SEC)
        {
          g_set_error (error, JC_STORE_ERROR, JC_STORE_ERROR_BUSY,
                       ngettext ("Another desk has been importing prices into this database "
                                 "for over %d minute; nothing was imported. Try again when its "
                                 "import has finished",
                                 "Another desk has been importing prices into this database "
                                 "for over %d minutes; nothing was imported. Try again when its "
                                 "import has finished", STAGE_WAIT_SECONDS / 60),
                       STAGE_WAIT_SECONDS / 60);
          return 0;
        }
      if (!told && waiting != NULL)
        waiting (store, user_data);
      told = TRUE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return 0;
      g_usleep (G_USEC_PER_SEC / 5);
    }

  if (created && !jc_store_insert_source (store, source, error))
    {
      jc_store_rollback (store);
      return 0;
    }
  fetch_id = jc_store_log_fetch (store, entry, source->id, error);
  if (fetch_id <= 0 ||
      !_jc_store_run (store,
        "INSERT INTO price_imports (fetch_id, new_source_id, host, pid, beat) VALUES (?, ?, ?, ?, ?)",
        _("Could not start the import"), error, "iksii", fetch_id, created ? source->id : 0,
        g_get_host_name (), (gint64) getpid (), g_get_real_time () / G_USEC_PER_SEC))
    {
      jc_store_rollback (store);
      if (created)
        source->id = 0;
      return 0;
    }
  _jc_store_set_stage (store, fetch_id, 0);
  return fetch_id;
}

/**
 * jc_store_stage_next_chunk:
 * Commits the staged import's chunk (still unseen by others), pauses so
 * that a waiting writer gets its turn, and opens the next.
 */
gboolean
jc_store_stage_next_chunk (JcStore  *store,
                           GError  **error)
{
  gint64 fetch_id = _jc_store_get_stage (store, NULL);

  g_return_val_if_fail (fetch_id > 0, FALSE);

  if (!_jc_store_run (store, "UPDATE price_imports SET beat = ? WHERE fetch_id = ?",
                      _("Could not save the import"), error, "ii",
                      g_get_real_time () / G_USEC_PER_SEC, fetch_id) ||
      !jc_store_commit (store, error))
    return FALSE;
  g_usleep (STAGE_PAUSE_US);
  return jc_store_begin (store, error);
}

/**
 * jc_store_stage_publish:
 * Makes the staged import visible at once: in the open transaction the
 * changed quotes get their last staged prices, the price_imports row goes,
 * and the transaction commits; the staged changes are removed after it.
 */
gboolean
jc_store_stage_publish (JcStore  *store,
                        GError  **error)
{
  guint n_changes = 0;
  gint64 fetch_id = _jc_store_get_stage (store, &n_changes);
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (fetch_id > 0, FALSE);

  /* each changed quote gets its last change (the revisions were written
   * while staging, hidden until now); the changes go after the publish */
  if (n_changes > 0 &&
      !_jc_store_run (store,
         "UPDATE prices SET low_milliyuan = c.low_milliyuan, avg_milliyuan = c.avg_milliyuan, "
         "high_milliyuan = c.high_milliyuan, category = c.category, item_id = c.item_id, "
         "base_low = c.base_low, base_avg = c.base_avg, base_high = c.base_high, "
         "fetch_id = c.fetch_id, quoted_per = c.quoted_per, held = c.held, "
         "held_median = c.held_median, low_exact = c.low_exact, avg_exact = c.avg_exact, "
         "high_exact = c.high_exact "
         "FROM (SELECT * FROM price_import_changes WHERE id IN "
         "  (SELECT MAX(id) FROM price_import_changes WHERE fetch_id = ?1 GROUP BY price_id)) c "
         "WHERE c.price_id = prices.id",
         _("Could not save a price"), error, "i", fetch_id))
    return FALSE;
  if (!_jc_store_run (store, "DELETE FROM price_imports WHERE fetch_id = ?",
                      _("Could not save the import"), error, "i", fetch_id) ||
      !jc_store_commit (store, error))
    return FALSE;
  _jc_store_set_stage (store, 0, 0);
  /* G_MESSAGES_DEBUG=jc-store shows what a publish costs */
  g_debug ("import %" G_GINT64_FORMAT " published in %.3f s (%u changed quotes)", fetch_id,
           (g_get_monotonic_time () - start) / 1e6, n_changes);
  if (n_changes > 0)
    drop_published_changes (store, NULL);
  return TRUE;
}

/**
 * jc_store_stage_discard:
 * Undoes a staged import that failed or was cancelled: the open chunk is
 * rolled back and what earlier chunks staged is removed (as the next open
 * would).  Errors are not reported: a leftover goes at the next open.
 */
void
jc_store_stage_discard (JcStore *store)
{
  gint64 fetch_id = _jc_store_get_stage (store, NULL);
  g_autoptr(GArray) staged = NULL;

  jc_store_rollback (store);
  _jc_store_set_stage (store, 0, 0);
  if (fetch_id <= 0)
    return;
  staged = list_staged_imports (store, NULL);
  for (guint i = 0; staged != NULL && i < staged->len; i++)
    {
      StagedImport *s = &g_array_index (staged, StagedImport, i);

      if (s->fetch_id == fetch_id)
        discard_import (store, s->fetch_id, s->new_source_id, NULL);
    }
}
