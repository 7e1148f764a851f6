/* remora-trace-stats.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-trace-stats.h"

#include <string.h>

/**
 * remora_trace_stats_new:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Gathers the figures of `remora stats` from @store.
 *
 * Returns: (transfer full): the stats, or %NULL with @error set.
 */
RemoraTraceStats *
remora_trace_stats_new (RemoraStore *store, GError **error)
{
  g_autoptr (RemoraTraceStats) stats = g_new0 (RemoraTraceStats, 1);
  const RemoraTraceInfo *info = remora_store_get_info (store);

  stats->trace_path = g_strdup (info->source_path);
  stats->kernel = g_strdup (info->kernel);
  stats->clock = g_strdup (info->clock);
  stats->trace_cmd_version = g_strdup (info->trace_cmd_version);
  stats->compression = g_strdup (info->compression);
  stats->file_version = info->file_version;
  stats->cpus = info->cpus;
  stats->partial = info->partial;
  stats->partial_reason = g_strdup (info->partial_reason);
  stats->events = info->events;
  stats->first_ts = info->first_ts;
  stats->last_ts = info->last_ts;

  if ((stats->event_counts = remora_store_read_event_counts (store, error)) == NULL ||
      (stats->cpu_stats = remora_store_read_cpu_stats (store, error)) == NULL ||
      (stats->pair_counts = remora_store_read_pair_counts (store, error)) == NULL ||
      !remora_store_count_tasks (store, &stats->tasks_emitting, &stats->tasks_named, error) ||
      !remora_store_read_latency (store, REMORA_LATENCY_WAKEUP, NULL, NULL, &stats->wakeup_latency,
                                  error) ||
      !remora_store_read_latency (store, REMORA_LATENCY_BLOCK, NULL, NULL, &stats->block_latency,
                                  error) ||
      (stats->block_groups = remora_store_read_block_groups (store, error)) == NULL ||
      (stats->idle_during_io = remora_store_read_idle_during_io (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < stats->cpu_stats->len; i++)
    {
      RemoraCpuStats *c = &g_array_index (stats->cpu_stats, RemoraCpuStats, i);
      stats->lost_events += c->lost_events;
      stats->lost_marks += c->lost_marks;
    }
  return g_steal_pointer (&stats);
}

/**
 * remora_trace_stats_get_pair_count:
 * @stats: a #RemoraTraceStats
 * @buffer: a buffer name ("" for the top-level buffer), or %NULL for all
 * @name: a counter of the pair_counts table
 *
 * Returns: the counter's value, summed over buffers when @buffer is %NULL.
 */
gint64
remora_trace_stats_get_pair_count (RemoraTraceStats *stats, const char *buffer, const char *name)
{
  gint64 sum = 0;

  for (guint i = 0; i < stats->pair_counts->len; i++)
    {
      RemoraPairCount *c = &g_array_index (stats->pair_counts, RemoraPairCount, i);
      if ((buffer == NULL || strcmp (buffer, c->buffer) == 0) && strcmp (name, c->name) == 0)
        sum += c->value;
    }
  return sum;
}

void
remora_trace_stats_free (RemoraTraceStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->trace_path);
  g_free (stats->kernel);
  g_free (stats->clock);
  g_free (stats->trace_cmd_version);
  g_free (stats->compression);
  g_free (stats->partial_reason);
  g_clear_pointer (&stats->event_counts, g_array_unref);
  g_clear_pointer (&stats->cpu_stats, g_array_unref);
  g_clear_pointer (&stats->block_groups, g_array_unref);
  g_clear_pointer (&stats->pair_counts, g_array_unref);
  g_clear_pointer (&stats->idle_during_io, g_array_unref);
  g_free (stats);
}
