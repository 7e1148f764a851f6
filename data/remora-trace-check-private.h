/* remora-trace-check-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* More CPUs than any machine has: a count above it is damage. */
#define REMORA_TRACE_MAX_CPUS 8192

/*
 * RemoraTraceCheck:
 *
 * What Remora learned about a trace.dat before letting libtracecmd iterate it.
 * libtracecmd 1.3.1 crashes inside tracecmd_open() on a version 6 file whose
 * CPU data runs past the end of the file, so the check reads the CPU data
 * layout (with libtracecmd's own header reader, in a child process, since
 * libtraceevent crashes on some damaged event formats) and, when the file
 * was cut short, makes a copy whose table declares only the whole pages that
 * are there, so the library reads every event that survived and nothing
 * else. (RemoraTraceReader survives the other crashes.)
 */
typedef struct
{
  int    file_version;
  gint64 file_size;
  guint  page_size; /* from the file's header, checked: a power of two */
  /* Version 6 only: bytes of CPU data declared by the file, and how many of
   * them are missing because the file was cut short. */
  guint64  cpu_data_bytes;
  guint64  missing_bytes;
  guint64  expected_end; /* where the last CPU's data should end */
  gint64   table_offset; /* of the CPU data table in the file */
  gboolean big_endian;
  /* (offset, size) of each CPU's data, as guint64 pairs */
  GArray *cpu_data;
  /* The file to hand to libtracecmd: the trace itself, or a padded copy. */
  char    *readable_path;
  gboolean readable_is_copy;
} RemoraTraceCheck;

gboolean remora_trace_check_run (RemoraTraceCheck *check,
                                 const char       *path,
                                 const char       *scratch_prefix,
                                 GCancellable     *cancellable,
                                 GError          **error);
void     remora_trace_check_clear (RemoraTraceCheck *check);

G_END_DECLS
