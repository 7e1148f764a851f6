/* remora-task-row.h
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
 * RemoraTaskState:
 * @REMORA_TASK_STATE_UNKNOWN: before the task shows in the trace, or after a
 *   slice whose end is not known (lost events, the end of a CPU's data)
 * @REMORA_TASK_STATE_RUNNING: on a CPU
 * @REMORA_TASK_STATE_RUNNABLE: woken (or preempted) and waiting for a CPU
 * @REMORA_TASK_STATE_SLEEPING: switched out in state S (interruptible)
 * @REMORA_TASK_STATE_BLOCKED: switched out in state D (uninterruptible, I/O)
 * @REMORA_TASK_STATE_OTHER: switched out in another state (T, t, I, P, X, Z)
 */
typedef enum
{
  REMORA_TASK_STATE_UNKNOWN,
  REMORA_TASK_STATE_RUNNING,
  REMORA_TASK_STATE_RUNNABLE,
  REMORA_TASK_STATE_SLEEPING,
  REMORA_TASK_STATE_BLOCKED,
  REMORA_TASK_STATE_OTHER,
  REMORA_TASK_N_STATES
} RemoraTaskState;

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

RemoraTaskState remora_task_state_from_text (const char *end_state);
GArray         *remora_task_row_dup_intervals (
            RemoraStore *store, const char *buffer, int pid, const RemoraTimeRange *range, GError **error);
gboolean remora_task_row_query (RemoraStore           *store,
                                const char            *buffer,
                                int                    pid,
                                const RemoraTimeRange *range,
                                int                    width,
                                RemoraTaskColumn      *columns,
                                int                   *level,
                                GError               **error);

G_END_DECLS
