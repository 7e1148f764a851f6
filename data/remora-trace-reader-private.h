/* remora-trace-reader-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * RemoraTraceReader:
 *
 * Walks a trace.dat's records in a child process and hands them to the parent
 * through a pipe. libtracecmd 1.3.1 and libtraceevent 1.7 crash on some
 * damaged files (at open, and in kbuffer while loading a corrupt page); in the
 * child such a crash only ends the stream, and every record sent before it is
 * already in the parent. The child runs nothing but libtracecmd (without
 * plugins), write() and _exit(), which is safe after fork() even when the
 * parent has other threads.
 *
 * Records come merged by timestamp over every CPU of every buffer, as
 * tracecmd_iterate_events_multi() merges them. Not thread-safe: use a reader
 * from one thread.
 */
typedef struct _RemoraTraceReader RemoraTraceReader;

/* A record that libtracecmd handed out damaged: its payload ran past its
 * page (and is dropped), or its timestamp broke its CPU's time order (and
 * was set to the CPU's time so far). */
#define REMORA_RAW_RECORD_DAMAGED_SIZE (1u << 0)
#define REMORA_RAW_RECORD_DAMAGED_TIME (1u << 1)

typedef struct
{
  gint64        ts;
  gint64        missed_events; /* as libtracecmd sets it: 0, a count, or -1 for unknown */
  int           cpu;
  int           buffer; /* 0 for the top-level buffer, i + 1 for instance i */
  int           size;
  guint         flags; /* REMORA_RAW_RECORD_* */
  const guint8 *data;  /* valid until the next call */
} RemoraRawRecord;

RemoraTraceReader     *remora_trace_reader_start (const char   *path,
                                                  const char   *display_path,
                                                  GCancellable *cancellable,
                                                  GError      **error);
int                    remora_trace_reader_get_n_buffers (RemoraTraceReader *self);
const char            *remora_trace_reader_get_buffer_name (RemoraTraceReader *self, int buffer);
int                    remora_trace_reader_get_buffer_cpus (RemoraTraceReader *self, int buffer);
int                    remora_trace_reader_get_n_instances_skipped (RemoraTraceReader *self);
gint64                 remora_trace_reader_get_first_ts (RemoraTraceReader *self);
gint64                 remora_trace_reader_get_last_ts (RemoraTraceReader *self);
const char            *remora_trace_reader_get_compression (RemoraTraceReader *self);
const RemoraRawRecord *remora_trace_reader_next (RemoraTraceReader *self);
char                  *remora_trace_reader_dup_damage (RemoraTraceReader *self);
void                   remora_trace_reader_free (RemoraTraceReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraTraceReader, remora_trace_reader_free)

G_END_DECLS
