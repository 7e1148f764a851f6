/* remora-store-pairs.h: every measured pair of a kind, for latency views
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-store-stats.h"

G_BEGIN_DECLS

/**
 * RemoraLatencyPair:
 * @id: its row in `block_requests` or `wakeups`
 * @buffer_id: its buffer
 * @latency_ns: from the first event to the second
 * @start_ts: the issue, or the wakeup
 * @end_ts: the completion, or the switch that ran the task
 * @start_cpu: the issuing CPU, or the waking one
 * @end_cpu: the completing CPU, or the CPU the task ran on
 * @pid: the issuing task, or the woken one
 * @other_pid: the waker (wakeups), else -1
 * @target_cpu: the CPU the wakeup targeted (wakeups), else -1
 * @dev: the device, REMORA_BLOCK_DEV() (requests), else -1
 * @kind: a #RemoraBlockKind (requests)
 * @new_task: a wakeup of a new task (`sched_wakeup_new`)
 * @sector: the first sector (requests)
 * @nr_sector: how many sectors (requests)
 * @start_event_id: the first event
 * @end_event_id: the second event
 * @comm: (nullable): the woken task's name as the wakeup gave it (wakeups)
 *
 * One measured latency: a block request completed, or a wakeup followed by
 * the switch that ran the task.
 */
typedef struct
{
  gint64      id;
  gint64      latency_ns;
  gint64      start_ts;
  gint64      end_ts;
  gint64      sector;
  gint64      start_event_id;
  gint64      end_event_id;
  gint32      buffer_id;
  gint32      start_cpu;
  gint32      end_cpu;
  gint32      pid;
  gint32      other_pid;
  gint32      target_cpu;
  gint32      dev;
  gint32      nr_sector;
  guint8      kind;
  gboolean    new_task;
  const char *comm;
} RemoraLatencyPair;

GArray *remora_store_read_latency_pairs (RemoraStore      *store,
                                         RemoraLatencyKind kind,
                                         GStringChunk     *names,
                                         GError          **error);

G_END_DECLS
