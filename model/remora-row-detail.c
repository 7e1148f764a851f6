/* remora-row-detail.c: what a row holds, exactly, in a short range (a
 * zoomed-in view, a tooltip, a selection): its slices and its events with
 * their times.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-row-detail.h"

#include "remora-columns-private.h"

/**
 * remora_cpu_row_dup_slices:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
 * @cpu: the CPU
 * @range: the time range
 * @error: a location for a #GError
 *
 * The CPU's slices that overlap @range (idle ones too, pid 0), in time
 * order, with their own begin and end. Reads every slice in @range: meant
 * for zoomed-in views, where they are few.
 *
 * Returns: (transfer full) (element-type RemoraCpuSlice): the slices, or
 *   %NULL with @error set.
 */
GArray *
remora_cpu_row_dup_slices (
    RemoraStore *store, const char *buffer, int cpu, const RemoraTimeRange *range, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraCpuSlice));
  /* those starting inside, and the one running at the range's start (the
   * last that started at or before it) */
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      "SELECT pid, start_ts, end_ts FROM sched_slices WHERE buffer = ?1 AND cpu = ?2 "
      "AND start_ts < ?4 AND start_ts >= coalesce((SELECT max(start_ts) FROM sched_slices "
      "WHERE buffer = ?1 AND cpu = ?2 AND start_ts <= ?3), ?3) AND end_ts > ?3 ORDER BY start_ts",
      error);
  int rc;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  if (st == NULL)
    return NULL;
  sqlite3_bind_text (st, 1, buffer, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, cpu);
  sqlite3_bind_int64 (st, 3, range->begin_ns);
  sqlite3_bind_int64 (st, 4, range->end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraCpuSlice s = { sqlite3_column_int64 (st, 1), sqlite3_column_int64 (st, 2),
                           sqlite3_column_int (st, 0) };
      g_array_append_val (out, s);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * remora_row_dup_events:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
 * @by_pid: %TRUE for a task row's events (recorded while task @id ran),
 *   %FALSE for a CPU row's (recorded on CPU @id)
 * @id: the CPU or the task
 * @range: the time range
 * @max: how many events at most
 * @more: (out) (optional): set to whether @range holds more than @max
 * @error: a location for a #GError
 *
 * The row's events in @range, in time order, with their times and names.
 *
 * Returns: (transfer full) (element-type RemoraRowEvent): the events, or
 *   %NULL with @error set.
 */
GArray *
remora_row_dup_events (RemoraStore           *store,
                       const char            *buffer,
                       gboolean               by_pid,
                       int                    id,
                       const RemoraTimeRange *range,
                       guint                  max,
                       gboolean              *more,
                       GError               **error)
{
#define ROW_EVENTS(who)                                                                            \
  "SELECT e.id, e.ts, e.cpu, e.pid, t.name FROM event_rows e JOIN event_types t ON t.id = e.type " \
  "WHERE e." who " = ?1 AND e.id BETWEEN " REMORA_COLUMNS_FIRST_ID " AND " REMORA_COLUMNS_LAST_ID  \
  " AND e.ts >= ?2 AND e.ts < ?3 AND t.buffer_id = ?4 ORDER BY e.id LIMIT ?5"
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraRowEvent));
  g_autoptr (RemoraCachedStmt) st = NULL;
  int buffer_id, rc;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  if (more)
    *more = FALSE;
  if (!remora_columns_buffer_id (store, buffer, &buffer_id, error))
    return NULL;
  st = remora_store_prepare_cached (store, by_pid ? ROW_EVENTS ("pid") : ROW_EVENTS ("cpu"), error);
#undef ROW_EVENTS
  if (st == NULL)
    return NULL;
  sqlite3_bind_int (st, 1, id);
  sqlite3_bind_int64 (st, 2, range->begin_ns);
  sqlite3_bind_int64 (st, 3, range->end_ns);
  sqlite3_bind_int (st, 4, buffer_id);
  sqlite3_bind_int64 (st, 5, (gint64) max + 1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraRowEvent e = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                           sqlite3_column_int (st, 2), sqlite3_column_int (st, 3),
                           g_intern_string ((const char *) sqlite3_column_text (st, 4)) };
      if (out->len == max)
        {
          if (more)
            *more = TRUE;
          continue;
        }
      g_array_append_val (out, e);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}
