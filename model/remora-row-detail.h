/* remora-row-detail.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include "remora-data.h"
#include "remora-time-range.h"

G_BEGIN_DECLS

/**
 * RemoraCpuSlice:
 * @begin_ns: when the task started running on the CPU
 * @end_ns: when it stopped
 * @pid: the task (0: idle)
 *
 * One stretch of one task on a CPU, exactly as recorded (not clipped to a
 * range).
 */
typedef struct
{
  gint64 begin_ns;
  gint64 end_ns;
  gint32 pid;
} RemoraCpuSlice;

/**
 * RemoraRowEvent:
 * @id: the event's id in the store (events.id: time order)
 * @ts: when it was recorded, in ns
 * @cpu: the CPU that recorded it
 * @pid: the task that was running (common_pid)
 * @name: (not nullable): the event's name, interned
 *
 * One event of a CPU row or a task row.
 */
typedef struct
{
  gint64      id;
  gint64      ts;
  gint32      cpu;
  gint32      pid;
  const char *name;
} RemoraRowEvent;

GArray *remora_cpu_row_dup_slices (
    RemoraStore *store, const char *buffer, int cpu, const RemoraTimeRange *range, GError **error);
GArray *remora_row_dup_events (RemoraStore           *store,
                               const char            *buffer,
                               gboolean               by_pid,
                               int                    id,
                               const RemoraTimeRange *range,
                               guint                  max,
                               gboolean              *more,
                               GError               **error);

G_END_DECLS
