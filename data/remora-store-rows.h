/* remora-store-rows.h: the typed reads a timeline's rows ask of a store
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include "remora-lod.h"
#include "remora-store.h"
#include "remora-task-state.h"

G_BEGIN_DECLS

/*
 * Every read takes a buffer by id (RemoraBufferInfo.id, 0 for the top-level
 * buffer; remora_trace_info_find_buffer() finds one by name), times in the
 * trace's nanoseconds, and answers in time order. An id the trace does not
 * have reads as an empty buffer. They run on the thread that uses the store
 * (a worker has a store of its own: remora_store_open(), or
 * remora_store_get_companion() for a helper), inside a snapshot when a batch
 * of them makes one frame.
 */

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
 * RemoraTaskSlice:
 * @begin_ns: when the task started running
 * @end_ns: when it stopped
 * @cpu: where it ran
 * @after: the state it was switched out in (unknown at a gap or the end)
 */
typedef struct
{
  gint64          begin_ns;
  gint64          end_ns;
  gint32          cpu;
  RemoraTaskState after;
} RemoraTaskSlice;

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

/**
 * RemoraEventSpan:
 * @first_id: the first event id at or after the span's start (1 << 62 when
 *   none is)
 * @last_id: the last id up to the chunk holding the span's end, or -1
 * @max_type: the largest event type id, or -1
 *
 * The ids that may hold the events of a time span (ids follow time).
 */
typedef struct
{
  gint64 first_id;
  gint64 last_id;
  gint64 max_type;
} RemoraEventSpan;

/**
 * RemoraWakeupLink:
 * @wakeup_ts: when the task was woken
 * @wakeup_cpu: the CPU that woke it
 * @switch_ts: when it was switched in
 * @switch_cpu: where
 * @pid: the task woken
 * @wakeup_event_id: the wakeup's event
 * @switch_event_id: the switch's event
 */
typedef struct
{
  gint64 wakeup_ts;
  gint32 wakeup_cpu;
  gint64 switch_ts;
  gint32 switch_cpu;
  gint32 pid;
  gint64 wakeup_event_id;
  gint64 switch_event_id;
} RemoraWakeupLink;

/**
 * RemoraBlockLink:
 * @issue_ts: when the request was issued
 * @complete_ts: when it completed
 * @issue_cpu: the CPU that issued it
 * @pid: the task that issued it
 * @issue_event_id: the issue's event
 * @complete_event_id: the completion's event
 * @complete_cpu: the CPU that completed it
 */
typedef struct
{
  gint64 issue_ts;
  gint64 complete_ts;
  gint32 issue_cpu;
  gint32 pid;
  gint64 issue_event_id;
  gint64 complete_event_id;
  gint32 complete_cpu;
} RemoraBlockLink;

/**
 * RemoraSliceInfo:
 * @cpu: where the task ran
 * @pid: the task (0: idle)
 * @begin_ns: when it was switched in
 * @end_ns: when it was switched out
 * @end_state: (nullable): the state it was switched out in, as the kernel
 *   names it ("S", "D", "R+", …), or %NULL at a gap or the CPU's end
 *
 * One slice, whole.
 */
typedef struct
{
  gint32 cpu;
  gint32 pid;
  gint64 begin_ns;
  gint64 end_ns;
  char  *end_state;
} RemoraSliceInfo;

/**
 * RemoraWakeupInfo:
 * @wakeup_ts: when the task was woken
 * @wakeup_cpu: the CPU that woke it
 * @waker_pid: the task that woke it
 * @latency_ns: from the wakeup to the switch that ran the task
 */
typedef struct
{
  gint64 wakeup_ts;
  gint32 wakeup_cpu;
  gint32 waker_pid;
  gint64 latency_ns;
} RemoraWakeupInfo;

/**
 * RemoraTaskSummary:
 * @pid: a task (idle aside)
 * @comm: its name
 * @run_ns: how long it ran in the buffer, on all its CPUs
 */
typedef struct
{
  gint32 pid;
  char  *comm;
  gint64 run_ns;
} RemoraTaskSummary;

/* Called for each row read; return FALSE to stop reading. */
typedef gboolean (*RemoraEventRowFunc) (
    gint64 ts, gint32 cpu, gint32 pid, gint64 type, gpointer user_data);
typedef void (*RemoraTimeFunc) (gint64 ts, gpointer user_data);
typedef void (*RemoraStampFunc) (gint64 id, gint64 ts, gpointer user_data);
typedef void (*RemoraCpuCellFunc) (gint64 cell, const RemoraLodCell *c, gpointer user_data);
typedef void (*RemoraTaskCellFunc) (gint64 cell, const RemoraLodTaskCell *c, gpointer user_data);

gboolean remora_store_read_cpu_slices (RemoraStore *store,
                                       int          buffer_id,
                                       int          cpu,
                                       gint64       begin_ns,
                                       gint64       end_ns,
                                       GArray      *slices,
                                       GError     **error);
gboolean remora_store_read_lost_marks (RemoraStore   *store,
                                       int            buffer_id,
                                       int            cpu,
                                       gint64         begin_ns,
                                       gint64         end_ns,
                                       RemoraTimeFunc func,
                                       gpointer       user_data,
                                       GError       **error);
gboolean remora_store_read_task_slices (RemoraStore *store,
                                        int          buffer_id,
                                        int          pid,
                                        gint64       begin_ns,
                                        gint64       end_ns,
                                        GArray      *slices,
                                        GError     **error);
gboolean remora_store_read_wakeup_times (RemoraStore *store,
                                         int          buffer_id,
                                         int          pid,
                                         gint64       begin_ns,
                                         gint64       end_ns,
                                         GArray      *times,
                                         GError     **error);
gboolean remora_store_read_cpus (RemoraStore *store, int buffer_id, GArray *cpus, GError **error);
gboolean remora_store_read_cpu_extent (
    RemoraStore *store, int buffer_id, int cpu, gint64 *first_ns, gint64 *last_ns, GError **error);
gboolean remora_store_sum_task_runs (RemoraStore *store,
                                     int          buffer_id,
                                     gint64       begin_ns,
                                     gint64       end_ns,
                                     void (*func) (gint32 pid, gint64 run_ns, gpointer user_data),
                                     gpointer user_data,
                                     GError **error);

gboolean remora_store_read_cpu_cells (RemoraStore      *store,
                                      int               buffer_id,
                                      int               cpu,
                                      int               level,
                                      gint64            first_cell,
                                      gint64            end_cell,
                                      RemoraCpuCellFunc func,
                                      gpointer          user_data,
                                      GError          **error);
gboolean remora_store_read_task_cells (RemoraStore       *store,
                                       int                buffer_id,
                                       int                pid,
                                       int                level,
                                       gint64             first_cell,
                                       gint64             end_cell,
                                       RemoraTaskCellFunc func,
                                       gpointer           user_data,
                                       GError           **error);
gboolean remora_store_read_task_state_before (RemoraStore     *store,
                                              int              buffer_id,
                                              int              pid,
                                              int              level,
                                              gint64           cell,
                                              RemoraTaskState *state,
                                              int             *cpu,
                                              GError         **error);

gboolean remora_store_read_event_span (
    RemoraStore *store, gint64 begin_ns, gint64 end_ns, RemoraEventSpan *span, GError **error);
gboolean remora_store_read_buffer_types (
    RemoraStore *store, int buffer_id, guint8 *in_buffer, gint64 max_type, GError **error);
gboolean remora_store_scan_events (RemoraStore       *store,
                                   gint64             first_id,
                                   gint64             last_id,
                                   RemoraEventRowFunc func,
                                   gpointer           user_data,
                                   GError           **error);
gboolean remora_store_read_event_times (RemoraStore   *store,
                                        int            buffer_id,
                                        gboolean       by_pid,
                                        int            id,
                                        gint64         begin_ns,
                                        gint64         end_ns,
                                        RemoraTimeFunc func,
                                        gpointer       user_data,
                                        GError       **error);
gboolean remora_store_read_event_stamps (RemoraStore    *store,
                                         int             buffer_id,
                                         gboolean        by_pid,
                                         int             id,
                                         gint64          begin_ns,
                                         gint64          end_ns,
                                         RemoraStampFunc func,
                                         gpointer        user_data,
                                         GError        **error);
GArray  *remora_store_read_row_events (RemoraStore *store,
                                       int          buffer_id,
                                       gboolean     by_pid,
                                       int          id,
                                       gint64       begin_ns,
                                       gint64       end_ns,
                                       guint        max,
                                       gboolean    *more,
                                       GError     **error);

gboolean remora_store_read_wakeup_links (RemoraStore *store,
                                         int          buffer_id,
                                         gint64       begin_ns,
                                         gint64       end_ns,
                                         guint        max,
                                         GArray      *links,
                                         gboolean    *too_many,
                                         GError     **error);
gboolean remora_store_read_block_links (RemoraStore *store,
                                        int          buffer_id,
                                        gint64       begin_ns,
                                        gint64       end_ns,
                                        guint        max,
                                        GArray      *links,
                                        gboolean    *too_many,
                                        GError     **error);

gboolean remora_store_read_slice_at (RemoraStore     *store,
                                     int              buffer_id,
                                     gboolean         by_pid,
                                     int              id,
                                     gint64           ts,
                                     RemoraSliceInfo *slice,
                                     gboolean        *found,
                                     GError         **error);
void     remora_slice_info_clear (RemoraSliceInfo *slice);
gboolean remora_store_read_wakeup_for_switch (RemoraStore      *store,
                                              int               buffer_id,
                                              int               pid,
                                              gint64            switch_ts,
                                              RemoraWakeupInfo *wakeup,
                                              gboolean         *found,
                                              GError          **error);
GArray  *remora_store_read_task_summaries (RemoraStore *store, int buffer_id, GError **error);
gboolean remora_store_read_task_names (
    RemoraStore *store, const int *pids, guint n_pids, GHashTable *names, GError **error);
gboolean
remora_store_find_tasks (RemoraStore *store, const char *pid_or_name, GArray *pids, GError **error);

G_END_DECLS
