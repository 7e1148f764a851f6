/* remora-trace-stats.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include "remora-data.h"

G_BEGIN_DECLS

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
  gint64 tasks_emitting; /* pids that emitted events, idle included */
  gint64 tasks_named;    /* pids named anywhere (also in scheduler fields) */
  gint64 lost_events;
  gint64 lost_marks;

  GArray              *event_counts; /* RemoraEventCount, most frequent first */
  GArray              *cpu_stats;    /* RemoraCpuStats */
  GArray              *pair_counts;  /* RemoraPairCount */
  RemoraLatencySummary wakeup_latency;
  RemoraLatencySummary block_latency;
  GArray              *block_groups;   /* RemoraBlockGroup */
  GArray              *idle_during_io; /* RemoraIdleDuringIo, by buffer and CPU */
} RemoraTraceStats;

RemoraTraceStats *remora_trace_stats_new (RemoraStore *store, GError **error);
void              remora_trace_stats_free (RemoraTraceStats *stats);
gint64
remora_trace_stats_get_pair_count (RemoraTraceStats *stats, const char *buffer, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTraceStats, remora_trace_stats_free)

G_END_DECLS
