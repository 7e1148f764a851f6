/* remora-child-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Helper processes.
 *
 * libtracecmd 1.3.1 and libtraceevent 1.7 crash, allocate without bound or
 * loop on some damaged files, at open (while parsing the headers and event
 * formats) and while reading pages. Remora hands a file to them for the first
 * time only in a child process: a crash ends the child, a stall is ended by
 * the parent, and the parent reads the same bytes itself only once a child
 * got through them. A child dies with its parent (PR_SET_PDEATHSIG).
 */

typedef enum
{
  REMORA_CHILD_WAIT_READY,
  REMORA_CHILD_WAIT_CANCELLED,
  REMORA_CHILD_WAIT_STALLED,
} RemoraChildWait;

/* How long a child may go without sending a byte before it counts as stuck:
 * long enough for libtracecmd to decompress a large chunk on a busy machine. */
#define REMORA_CHILD_STALL_MS 20000

typedef void (*RemoraChildFunc) (int out_fd, gpointer user_data);

/* how a spawned child is told its job, and where the descriptor the parent
 * gives it is */
#define REMORA_CHILD_FLAG "--remora-child"
#define REMORA_CHILD_FD   3

/* A job a spawned child runs (a fresh process of the same program, started
 * with posix_spawn(): unlike fork(), it leaves the parent's memory alone,
 * where a fork write-protects every page, and the parent's threads then
 * fault once on each page they write: tens of milliseconds on the UI thread
 * of a window). @fd is the descriptor the parent gave (-1 for none), @args
 * the job's arguments; the answer goes to @out_fd. */
typedef void (*RemoraChildJob) (int fd, char **args, int out_fd);

pid_t remora_child_fork (int *read_fd, GError **error);
void  remora_child_forbid_spawn (void);
pid_t
remora_child_spawn (const char *job, const char *const *args, int fd, int *read_fd, GError **error);
GBytes         *remora_child_spawn_run (const char        *job,
                                        const char *const *args,
                                        int                fd,
                                        gsize              max_bytes,
                                        GCancellable      *cancellable,
                                        int               *status,
                                        gboolean          *stalled,
                                        GError           **error);
void            remora_store_try_headers_job (int fd, char **args, int out_fd);
void            remora_store_check_filter_job (int fd, char **args, int out_fd);
void            remora_trace_reader_job (int fd, char **args, int out_fd);
void            remora_trace_check_v6_layout_job (int fd, char **args, int out_fd);
void            remora_child_setup (pid_t parent);
RemoraChildWait remora_child_wait_readable (int fd, GCancellable *cancellable, int timeout_ms);
void            remora_child_reap (pid_t pid, gboolean kill_it, int *status);
GBytes         *remora_child_run (RemoraChildFunc func,
                                  gpointer        user_data,
                                  gsize           max_bytes,
                                  GCancellable   *cancellable,
                                  int            *status,
                                  gboolean       *stalled,
                                  GError        **error);

G_END_DECLS
