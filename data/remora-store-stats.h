/* remora-store-stats.h: the typed reads of a trace's counts and latencies
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-store.h"

G_BEGIN_DECLS

/**
 * RemoraLatencySummary:
 *
 * Latencies in ns. Percentiles are nearest rank: p(q) = sorted[ceil(q × n) − 1].
 */
typedef struct
{
  gint64 count;
  gint64 min_ns;
  gint64 p50_ns;
  gint64 p90_ns;
  gint64 p99_ns;
  gint64 max_ns;
  double mean_ns;
} RemoraLatencySummary;

typedef struct
{
  char  *buffer;
  char  *system;
  char  *name;
  gint64 count;
} RemoraEventCount;

typedef struct
{
  char  *buffer;
  int    cpu;
  gint64 events;
  gint64 first_ts;
  gint64 last_ts;
  gint64 lost_events;
  gint64 lost_marks;
} RemoraCpuStats;

typedef struct
{
  char *dev;
  /* from rwbs: the first of R, W, D after an optional leading F (a
   * preflush), a lone flush ("FF", "F"): "read", "write", "discard",
   * "flush", or "other"; "all" for every request of the device */
  char                *kind;
  RemoraLatencySummary latency;
} RemoraBlockGroup;

typedef struct
{
  char  *buffer;
  char  *name;
  gint64 value;
} RemoraPairCount;

/**
 * RemoraLatencyKind:
 * @REMORA_LATENCY_WAKEUP: from a wakeup to the switch that ran the task
 * @REMORA_LATENCY_BLOCK: from a block request's issue to its completion
 */
typedef enum
{
  REMORA_LATENCY_WAKEUP,
  REMORA_LATENCY_BLOCK,
} RemoraLatencyKind;

gint64   remora_nearest_rank_index (gint64 n, int percent);
gboolean remora_store_read_latency (RemoraStore          *store,
                                    RemoraLatencyKind     kind,
                                    const char           *dev,
                                    const char           *op,
                                    RemoraLatencySummary *summary,
                                    GError              **error);
GArray  *remora_store_read_event_counts (RemoraStore *store, GError **error);
GArray  *remora_store_read_cpu_stats (RemoraStore *store, GError **error);
GArray  *remora_store_read_pair_counts (RemoraStore *store, GError **error);
GArray  *remora_store_read_block_groups (RemoraStore *store, GError **error);
gboolean
remora_store_count_tasks (RemoraStore *store, gint64 *emitting, gint64 *named, GError **error);

G_END_DECLS
