/* remora-trace-stats.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"

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
  char                *dev;
  char                *kind; /* "read", "write", "flush", "discard", "other" */
  RemoraLatencySummary latency;
} RemoraBlockGroup;

typedef struct
{
  char  *buffer;
  char  *name;
  gint64 value;
} RemoraPairCount;

typedef struct
{
  /* from meta */
  char    *trace_path;
  char    *kernel;
  char    *clock;
  char    *trace_cmd_version;
  char    *compression;
  int      file_version;
  int      cpus;
  gboolean partial;
  char    *partial_reason;

  gint64 events;
  gint64 first_ts;
  gint64 last_ts;
  gint64 tasks;
  gint64 lost_events;
  gint64 lost_marks;

  GArray              *event_counts; /* RemoraEventCount, most frequent first */
  GArray              *cpu_stats;    /* RemoraCpuStats */
  GArray              *pair_counts;  /* RemoraPairCount */
  RemoraLatencySummary wakeup_latency;
  RemoraLatencySummary block_latency;
  GArray              *block_groups; /* RemoraBlockGroup */
} RemoraTraceStats;

gboolean remora_latency_summary_query (RemoraLatencySummary *summary,
                                       RemoraStore          *store,
                                       const char           *table,
                                       const char           *where,
                                       GError              **error);
gint64   remora_nearest_rank_index (gint64 n, int percent);

RemoraTraceStats *remora_trace_stats_new (RemoraStore *store, GError **error);
void              remora_trace_stats_free (RemoraTraceStats *stats);
gint64
remora_trace_stats_get_pair_count (RemoraTraceStats *stats, const char *buffer, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTraceStats, remora_trace_stats_free)

G_END_DECLS
