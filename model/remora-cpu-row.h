/* remora-cpu-row.h
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
 * RemoraCpuColumn:
 * @begin_ns: the column's first nanosecond
 * @end_ns: the nanosecond after its last
 * @pid: the task other than idle that ran longest in the column (ties: the
 *   lower pid), or -1 when none ran
 * @n_tasks: how many tasks other than idle ran in it
 * @busy_ns: how long tasks other than idle ran in it
 * @events: events recorded on the CPU in it
 * @lost: gaps of lost events in it
 *
 * What one pixel column of a CPU row shows.
 */
typedef struct
{
  gint64  begin_ns;
  gint64  end_ns;
  gint32  pid;
  guint32 n_tasks;
  gint64  busy_ns;
  guint32 events;
  guint32 lost;
} RemoraCpuColumn;

gboolean remora_cpu_row_query (RemoraStore           *store,
                               int                    buffer_id,
                               int                    cpu,
                               const RemoraTimeRange *range,
                               int                    width,
                               RemoraCpuColumn       *columns,
                               int                   *level,
                               GError               **error);

G_END_DECLS
