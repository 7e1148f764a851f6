/* remora-task-row.h
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
#include "remora-time-range.h"

G_BEGIN_DECLS

/**
 * RemoraTaskColumn:
 * @begin_ns: the column's first nanosecond
 * @end_ns: the nanosecond after its last
 * @state_ns: how long the task spent in each state within the column
 * @state: the state it spent longest in (unknown only when nothing else)
 * @cpu: the CPU it ran on longest in the column, or -1
 * @events: events the task emitted in the column
 *
 * What one pixel column of a task row shows.
 */
typedef struct
{
  gint64          begin_ns;
  gint64          end_ns;
  gint64          state_ns[REMORA_TASK_N_STATES];
  RemoraTaskState state;
  gint32          cpu;
  guint32         events;
} RemoraTaskColumn;

/**
 * RemoraTaskInterval:
 * @begin_ns: start
 * @end_ns: end (exclusive)
 * @state: the task's state
 * @cpu: the CPU while running, else -1
 *
 * A stretch of a task's timeline.
 */
typedef struct
{
  gint64          begin_ns;
  gint64          end_ns;
  RemoraTaskState state;
  gint32          cpu;
} RemoraTaskInterval;

GArray *remora_task_row_dup_intervals (
    RemoraStore *store, int buffer_id, int pid, const RemoraTimeRange *range, GError **error);
gboolean remora_task_row_query (RemoraStore           *store,
                                int                    buffer_id,
                                int                    pid,
                                const RemoraTimeRange *range,
                                int                    width,
                                RemoraTaskColumn      *columns,
                                int                   *level,
                                GError               **error);

G_END_DECLS
