/* remora-tracecmd-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <sys/types.h>
#include <trace-cmd/trace-cmd.h>

G_BEGIN_DECLS

/* libtracecmd 1.3 (trace-cmd 3.1) exports these functions but its public header
 * does not declare them; trace-cmd's own tools (report, dump, convert) use them.
 * The prototypes below are those of trace-cmd 3.1's trace-cmd-private.h. They
 * let Remora read the file's metadata (version, uname, clock), check the CPU
 * data layout before the library touches it (libtracecmd 1.3.1 crashes on some
 * truncated files), and copy the headers into the store so that events can be
 * decoded later without the .dat file. */

/* enum tracecmd_file_states of trace-cmd 3.1 */
#define REMORA_TRACECMD_FILE_ALL_EVENTS    4
#define REMORA_TRACECMD_FILE_CMD_LINES     7
#define REMORA_TRACECMD_FILE_CPU_FLYRECORD 11

struct tracecmd_output;

struct tracecmd_input  *tracecmd_alloc_fd (int fd, int flags);
int                     tracecmd_read_headers (struct tracecmd_input *handle, int state);
int                     tracecmd_cpus (struct tracecmd_input *handle);
unsigned long           tracecmd_get_in_file_version (struct tracecmd_input *handle);
const char             *tracecmd_get_uname (struct tracecmd_input *handle);
const char             *tracecmd_get_version (struct tracecmd_input *handle);
const char             *tracecmd_get_trace_clock (struct tracecmd_input *handle);
int                     tracecmd_get_file_compress_proto (struct tracecmd_input *handle,
                                                          const char           **name,
                                                          const char           **version);
struct tracecmd_output *tracecmd_copy (struct tracecmd_input *ihandle,
                                       const char            *file,
                                       int                    state,
                                       int                    file_version,
                                       const char            *compression);
void                    tracecmd_output_close (struct tracecmd_output *handle);
struct tep_record      *tracecmd_read_cpu_last (struct tracecmd_input *handle, int cpu);
int                     tracecmd_page_size (struct tracecmd_input *handle);
struct tep_record *tracecmd_read_prev (struct tracecmd_input *handle, struct tep_record *record);
void tracecmd_set_all_cpus_to_timestamp (struct tracecmd_input *handle, unsigned long long time);

G_END_DECLS
