/* remora-task-state.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-task-state.h"

/**
 * remora_task_state_from_text:
 * @end_state: (nullable): a sched_slices.end_state: "S", "D", "R+", "T|t", …
 *
 * Returns: the state a task is in after a slice that ended so: runnable when
 *   preempted (R, R+), sleeping (S), blocked (D), other, or unknown (NULL).
 */
RemoraTaskState
remora_task_state_from_text (const char *end_state)
{
  if (end_state == NULL || end_state[0] == 0)
    return REMORA_TASK_STATE_UNKNOWN;
  if (end_state[0] == 'R')
    return REMORA_TASK_STATE_RUNNABLE;
  /* several flags ("S|D"): the first names the state */
  if (end_state[0] == 'S')
    return REMORA_TASK_STATE_SLEEPING;
  if (end_state[0] == 'D')
    return REMORA_TASK_STATE_BLOCKED;
  return REMORA_TASK_STATE_OTHER;
}

/**
 * remora_task_state_from_raw:
 * @prev_state: sched_switch's prev_state
 *
 * Returns: the state it leaves the task in: runnable when preempted (no
 *   state bit), else by the first TASK_REPORT bit (S, D, then other).
 */
RemoraTaskState
remora_task_state_from_raw (gint64 prev_state)
{
  gint64 bits = prev_state & 0xff;

  if (bits == 0)
    return REMORA_TASK_STATE_RUNNABLE;
  if (bits & 0x01)
    return REMORA_TASK_STATE_SLEEPING;
  if (bits & 0x02)
    return REMORA_TASK_STATE_BLOCKED;
  return REMORA_TASK_STATE_OTHER;
}

/**
 * remora_task_state_format:
 * @prev_state: sched_switch's prev_state
 * @text: (out caller-allocates): at least 24 bytes
 *
 * Writes the state as the kernel's own sched_switch format prints it (the
 * TASK_REPORT bits of Linux 4.14 and later, as `trace-cmd report -N` shows
 * them): S, D, T, t, X, Z, P, I joined by |, R when none is set, and + when
 * the task was preempted (TASK_REPORT_MAX). The store, the listing, the
 * details and the timeline all say it so.
 *
 * Returns: @text
 */
char *
remora_task_state_format (gint64 prev_state, char *text)
{
  static const char letters[] = "SDTtXZPI";
  guint             n = 0;
  gint64            bits = prev_state & 0xff;

  for (int bit = 0; bit < 8; bit++)
    if (bits & (1 << bit))
      {
        if (n > 0)
          text[n++] = '|';
        text[n++] = letters[bit];
      }
  if (n == 0)
    text[n++] = 'R';
  if (prev_state & 0x100)
    text[n++] = '+';
  text[n] = 0;
  return text;
}
