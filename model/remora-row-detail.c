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

/**
 * remora_cpu_row_dup_slices:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
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
    RemoraStore *store, int buffer_id, int cpu, const RemoraTimeRange *range, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraCpuSlice));

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  if (!remora_store_read_cpu_slices (store, buffer_id, cpu, range->begin_ns, range->end_ns, out,
                                     error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * remora_row_dup_events:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
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
                       int                    buffer_id,
                       gboolean               by_pid,
                       int                    id,
                       const RemoraTimeRange *range,
                       guint                  max,
                       gboolean              *more,
                       GError               **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  return remora_store_read_row_events (store, buffer_id, by_pid, id, range->begin_ns, range->end_ns,
                                       max, more, error);
}
