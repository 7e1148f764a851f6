/* remora-frame.h: one timeline frame, asked and answered
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_MODEL_INSIDE) && !defined(REMORA_MODEL_COMPILATION)
#error "Only <remora-model.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-cpu-row.h"
#include "remora-data.h"
#include "remora-event-mask.h"
#include "remora-task-row.h"
#include "remora-time-range.h"
#include "remora-view-spec.h"

G_BEGIN_DECLS

/* Links are answered when the range holds at most this many of a kind. */
#define REMORA_FRAME_MAX_LINKS 400

/* A CPU row's painter names the task of a run of more than this many
 * columns (where it has room to); remora_frame_get_task_name() names any
 * task at any time. */
#define REMORA_FRAME_NAMED_RUN 30

/**
 * RemoraLinks:
 * @REMORA_LINKS_NONE: no links
 * @REMORA_LINKS_WAKEUPS: a wakeup's arrow to the switch that ran the task
 * @REMORA_LINKS_BLOCK: a block request's span, issue to completion
 * @REMORA_LINKS_ALL: both
 *
 * The kinds of links between paired events a frame answers.
 */
typedef enum
{
  REMORA_LINKS_NONE = 0,
  REMORA_LINKS_WAKEUPS = 1 << 0,
  REMORA_LINKS_BLOCK = 1 << 1,
  REMORA_LINKS_ALL = REMORA_LINKS_WAKEUPS | REMORA_LINKS_BLOCK,
} RemoraLinks;

/**
 * RemoraFrameRequest:
 * @range: the time range across the rows
 * @columns: how many pixel columns each row answers
 * @rows: (element-type RemoraRowSpec): the rows, top to bottom
 * @markers: (element-type RemoraMarker) (nullable): markers, in time order
 * @selection: what is selected
 * @links: the kinds of links to answer (wakeup to switch, block issue to
 *   completion) between the CPU rows of the first row's buffer
 * @mask: (nullable): the events a filter keeps: the rows count only those
 * @hide_left_out: whether the slices of the tasks and CPUs the filter of
 *   @mask leaves out are hidden rather than greyed
 * @idle_io: whether CPU rows say where the CPU sat idle while a block
 *   request was in flight
 *
 * What a frame is asked for: a copy of a session's state at one moment, so
 * that the session may change while a worker answers it.
 */
typedef struct
{
  RemoraTimeRange  range;
  int              columns;
  GArray          *rows;
  GArray          *markers;
  RemoraSelection  selection;
  RemoraLinks      links;
  RemoraEventMask *mask;
  gboolean         hide_left_out;
  gboolean         idle_io;
} RemoraFrameRequest;

/**
 * RemoraFrameRow:
 * @spec: the row asked for (its label copied)
 * @level: the summary level its columns were read from, -1 for slices and
 *   events
 * @cpu_columns: (array length=columns): for a CPU row, its columns
 * @task_columns: (array length=columns): for a task row, its columns
 * @unreadable: the store could not answer the row (it is damaged: see
 *   #RemoraFrame.problem); its columns say nothing
 * @data_end_ns: for a CPU row of a trace cut short, where its data ends
 *   (its last record; the trace's first time when it has none): it has none
 *   after; %G_MAXINT64 otherwise
 * @idle_io: (array length=columns) (nullable): for a CPU row, when asked
 *   and the CPU sat idle with a request in flight somewhere in the trace,
 *   the share of each column it did (0 to 1)
 * @blocks: (nullable): for a device row, or a CPU row with @idle_io, its
 *   buffer's block requests
 * @device: (nullable): for a device row, the device (%NULL when it issued
 *   no request)
 * @boxes: (element-type guint) (nullable): for a device row at level -1,
 *   its requests that show in the range (indexes into the device's
 *   requests, remora_block_device_get_requests())
 * @depth_min: (array length=columns) (nullable): for a device row at level
 *   0 (too many requests to draw one by one), the fewest in flight in each
 *   column
 * @depth_max: (array length=columns) (nullable): and the most
 * @lanes: for a device row, how many lanes it shows (at most
 *   %REMORA_BLOCK_MAX_LANES)
 * @overflow: for a device row at level -1, how many of @boxes lie in lanes
 *   past @lanes (not drawn one by one)
 * @depth_peak: for a device row, the most requests in flight in the range
 */
typedef struct
{
  RemoraRowSpec            spec;
  int                      level;
  RemoraCpuColumn         *cpu_columns;
  RemoraTaskColumn        *task_columns;
  gboolean                 unreadable;
  gint64                   data_end_ns;
  float                   *idle_io;
  RemoraBlockIndex        *blocks;
  const RemoraBlockDevice *device;
  GArray                  *boxes;
  guint16                 *depth_min;
  guint16                 *depth_max;
  int                      lanes;
  guint                    overflow;
  int                      depth_peak;
} RemoraFrameRow;

/**
 * RemoraFrame:
 * @info: the trace's description
 * @range: the time range across the rows
 * @columns: how many columns each row has
 * @n_rows: how many rows
 * @rows: (array length=n_rows): the rows, top to bottom
 * @links_buffer_id: the buffer whose CPU rows @wakeup_links and
 *   @block_links join
 * @wakeup_links: (element-type RemoraWakeupLink) (nullable): the wakeups
 *   that cross the range, or %NULL when not asked for or too many to draw
 * @block_links: (element-type RemoraBlockLink) (nullable): likewise the
 *   block requests
 * @markers: (element-type RemoraMarker): the markers, in time order
 * @selection: what is selected
 * @mask: (nullable): the filter's mask the rows' events were counted with
 * @hide_left_out: as the request asked
 * @problem: (nullable): why rows are unreadable or the links missing (the
 *   first error the store gave), %NULL when everything was read
 *
 * The answer to a #RemoraFrameRequest: everything a painter needs, without
 * a store. Immutable and reference-counted: a worker makes it, any thread
 * paints it.
 */
typedef struct
{
  RemoraTraceInfo *info;
  RemoraTimeRange  range;
  int              columns;
  guint            n_rows;
  RemoraFrameRow  *rows;
  int              links_buffer_id;
  GArray          *wakeup_links;
  GArray          *block_links;
  GArray          *markers;
  RemoraSelection  selection;
  RemoraEventMask *mask;
  gboolean         hide_left_out;
  char            *problem;
  /*< private >*/
  RemoraNameHistory *names;
} RemoraFrame;

typedef struct _RemoraFrameJob RemoraFrameJob;

#define REMORA_TYPE_FRAME (remora_frame_get_type ())

GType              remora_frame_get_type (void) G_GNUC_CONST;
RemoraFrame       *remora_frame_compute (RemoraStore              *store,
                                         const RemoraFrameRequest *request,
                                         GCancellable             *cancellable,
                                         GError                  **error);
RemoraFrameJob    *remora_frame_job_start (RemoraStore              *store,
                                           const RemoraFrameRequest *request,
                                           GCancellable             *cancellable);
const RemoraFrame *remora_frame_job_get_frame (RemoraFrameJob *job);
RemoraFrame       *remora_frame_job_finish (RemoraFrameJob *job, GError **error);
RemoraFrame       *remora_frame_ref (RemoraFrame *frame);
void               remora_frame_unref (RemoraFrame *frame);
const char        *remora_frame_get_task_name (const RemoraFrame *frame, int pid, gint64 ts);

void remora_frame_request_init (RemoraFrameRequest *request);
void remora_frame_request_clear (RemoraFrameRequest *request);
void remora_frame_request_copy (RemoraFrameRequest *dest, const RemoraFrameRequest *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraFrame, remora_frame_unref)

G_END_DECLS
