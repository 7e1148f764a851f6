/* remora-busiest-tasks.h
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
 * RemoraTaskTotal:
 * @pid: a task
 * @run_ns: how long it ran, on every CPU of the buffer
 *
 * A task's run time within a range.
 */
typedef struct
{
  gint32 pid;
  gint64 run_ns;
} RemoraTaskTotal;

GArray *remora_busiest_tasks (
    RemoraStore *store, int buffer_id, const RemoraTimeRange *range, int n, GError **error);

G_END_DECLS
