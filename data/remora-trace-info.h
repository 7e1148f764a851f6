/* remora-trace-info.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RemoraBufferInfo:
 * @id: the buffer's id, the key of every read by buffer (0: the top-level
 *   buffer)
 * @name: "" for the top-level buffer, else the instance's name
 * @cpus: how many CPUs it recorded
 */
typedef struct
{
  int   id;
  char *name;
  int   cpus;
} RemoraBufferInfo;

/**
 * RemoraTraceInfo:
 * @first_ts: the first event's time, ns as recorded
 * @last_ts: the last event's time
 * @cpus: how many CPUs the trace has
 * @lod_levels: how many levels of summaries the store holds
 * @events: how many records the store holds
 * @file_version: the trace.dat version, 6 or 7
 * @source_path: the trace the store was imported from
 * @kernel: the kernel release
 * @uname: the recording machine's uname -a, or %NULL
 * @clock: the trace clock
 * @trace_cmd_version: the trace-cmd that recorded it
 * @compression: "none", or the compression of a v7 file
 * @partial: whether only part of the trace could be read
 * @partial_reason: (nullable): why, as a sentence
 * @damaged_unknown: damaged records by kind (see SCHEMA.md): unknown ids
 * @damaged_payload: records that do not fit their format
 * @damaged_time: records out of time order
 * @damaged_span: records outside the trace's span
 * @missing_bytes: the CPU data a trace cut short lacks (0 when whole): a
 *   CPU whose data was cut has none after its last record
 * @buffers: (element-type RemoraBufferInfo): the buffers, by id
 *
 * What the store says of its trace, read once when it is opened: immutable
 * and reference-counted, so a frame answered on a worker can carry it.
 */
typedef struct
{
  gint64   first_ts;
  gint64   last_ts;
  int      cpus;
  int      lod_levels;
  gint64   events;
  int      file_version;
  char    *source_path;
  char    *kernel;
  char    *uname;
  char    *clock;
  char    *trace_cmd_version;
  char    *compression;
  gboolean partial;
  char    *partial_reason;
  gint64   damaged_unknown;
  gint64   damaged_payload;
  gint64   damaged_time;
  gint64   damaged_span;
  gint64   missing_bytes;
  GArray  *buffers;
} RemoraTraceInfo;

#define REMORA_TYPE_TRACE_INFO (remora_trace_info_get_type ())

GType                   remora_trace_info_get_type (void) G_GNUC_CONST;
RemoraTraceInfo        *remora_trace_info_ref (RemoraTraceInfo *info);
void                    remora_trace_info_unref (RemoraTraceInfo *info);
const RemoraBufferInfo *remora_trace_info_find_buffer (const RemoraTraceInfo *info,
                                                       const char            *name);
const char             *remora_trace_info_get_buffer_name (const RemoraTraceInfo *info, int id);
char                   *remora_trace_info_dup_host (const RemoraTraceInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTraceInfo, remora_trace_info_unref)

G_END_DECLS
