/* remora-store-pairs.c: every measured pair of a kind, for latency views
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-pairs.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "remora-block-index.h"
#include "remora-data-error.h"
#include "remora-store-private.h"

/**
 * remora_store_read_latency_pairs:
 * @store: a #RemoraStore, used on this thread
 * @kind: block requests or wakeups
 * @names: (nullable): where the wakeups' task names are kept
 * @error: a location for a #GError
 *
 * Every pair of @kind with a latency, in every buffer, as remora stats
 * counts them, in the order of their first events.
 *
 * Returns: (transfer full) (element-type RemoraLatencyPair): the pairs, or
 *   %NULL with @error set.
 */
GArray *
remora_store_read_latency_pairs (RemoraStore      *store,
                                 RemoraLatencyKind kind,
                                 GStringChunk     *names,
                                 GError          **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraLatencyPair));
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (
      store,
      kind == REMORA_LATENCY_BLOCK
          ? "SELECT id, buffer_id, latency_ns, issue_ts, complete_ts, issue_cpu, complete_cpu, "
            "issue_pid, dev, kind, sector, nr_sector, issue_event_id, complete_event_id "
            "FROM block_requests WHERE latency_ns IS NOT NULL ORDER BY issue_ts, id"
          : "SELECT id, buffer_id, latency_ns, wakeup_ts, switch_ts, wakeup_cpu, switch_cpu, "
            "pid, waker_pid, target_cpu, new_task, comm, wakeup_event_id, switch_event_id "
            "FROM wakeups WHERE latency_ns IS NOT NULL ORDER BY wakeup_ts, id",
      error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraLatencyPair p = { 0 };

      p.id = remora_store_column_id (store, st, 0);
      p.buffer_id = (gint32) remora_store_column_id (store, st, 1);
      p.latency_ns = remora_store_column_ts (store, st, 2);
      p.start_ts = remora_store_column_ts (store, st, 3);
      p.end_ts = remora_store_column_ts_or (store, st, 4, p.start_ts + p.latency_ns);
      p.start_cpu = remora_store_column_cpu (store, st, 5);
      p.end_cpu =
          sqlite3_column_type (st, 6) == SQLITE_NULL ? -1 : remora_store_column_cpu (store, st, 6);
      p.pid = remora_store_column_int32 (store, st, 7);
      p.start_event_id = remora_store_column_id (store, st, 12);
      p.end_event_id =
          sqlite3_column_type (st, 13) == SQLITE_NULL ? -1 : remora_store_column_id (store, st, 13);
      if (kind == REMORA_LATENCY_BLOCK)
        {
          const char *dev = (const char *) sqlite3_column_text (st, 8);

          p.other_pid = -1;
          p.target_cpu = -1;
          if ((p.dev = remora_block_dev_parse (dev)) < 0)
            {
              g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                           _ ("The store “%s” is damaged: block request %lld names the device "
                              "“%s”, not MAJOR,MINOR"),
                           remora_store_get_path (store), (long long) p.id, dev ? dev : "");
              return NULL;
            }
          p.kind = remora_block_kind_parse ((const char *) sqlite3_column_text (st, 9));
          p.sector = sqlite3_column_int64 (st, 10);
          p.nr_sector = (gint32) remora_store_column_in (store, st, 11, 0, G_MAXINT32);
        }
      else
        {
          const char *comm = (const char *) sqlite3_column_text (st, 11);

          p.dev = -1;
          p.other_pid = remora_store_column_int32 (store, st, 8);
          p.target_cpu = sqlite3_column_type (st, 9) == SQLITE_NULL
                             ? -1
                             : remora_store_column_cpu (store, st, 9);
          p.new_task = sqlite3_column_int (st, 10) != 0;
          p.comm = names && comm ? g_string_chunk_insert_const (names, comm) : NULL;
        }
      g_array_append_val (out, p);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}
