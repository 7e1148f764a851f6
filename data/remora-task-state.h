/* remora-task-state.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <glib.h>

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
 *
 * What a task is doing, as the task summaries (lod_task, see SCHEMA.md)
 * number it and every view shows it: defined here once.
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

RemoraTaskState remora_task_state_from_text (const char *end_state);
RemoraTaskState remora_task_state_from_raw (gint64 prev_state);
char           *remora_task_state_format (gint64 prev_state, char *text);

G_END_DECLS
