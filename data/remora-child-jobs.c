/* remora-child-jobs.c: the jobs a spawned helper process runs, by name,
 * and the constructor that runs one before main() in a process started as
 * `PROGRAM --remora-child PARENT-PID JOB ARGS…` (remora-child.c starts
 * them; the library is linked whole, so this file is in every program).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "remora-child-private.h"

static const struct
{
  const char    *name;
  RemoraChildJob run;
} child_jobs[] = {
  { "try-headers", remora_store_try_headers_job },
  { "check-filter", remora_store_check_filter_job },
  { "read-trace", remora_trace_reader_job },
  { "v6-layout", remora_trace_check_v6_layout_job },
};

/* In a process started by remora_child_spawn_run(): `PROGRAM --remora-child
 * PARENT-PID JOB ARGS…` runs the job before main(), whatever the program
 * (the window, the command line or a test: each links this library), and
 * exits. glibc gives a constructor the program's arguments. */
__attribute__ ((constructor)) static void
remora_child_main (int argc, char **argv, char **envp)
{
  pid_t parent;
  int   out_fd, null_fd;

  if (argc < 4 || argv == NULL || g_strcmp0 (argv[1], REMORA_CHILD_FLAG) != 0)
    return;
  parent = (pid_t) g_ascii_strtoll (argv[2], NULL, 10);
  remora_child_setup (parent);
  /* the answer goes where stdout went; stdout itself to /dev/null, so that
   * what a library prints there cannot mix with it */
  out_fd = fcntl (1, F_DUPFD_CLOEXEC, 10);
  null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  if (out_fd < 0 || null_fd < 0 || dup2 (null_fd, 1) < 0)
    _exit (2);
  for (guint i = 0; i < G_N_ELEMENTS (child_jobs); i++)
    if (g_str_equal (argv[3], child_jobs[i].name))
      {
        child_jobs[i].run (fcntl (REMORA_CHILD_FD, F_GETFD) >= 0 ? REMORA_CHILD_FD : -1, argv + 4,
                           out_fd);
        _exit (0);
      }
  _exit (2);
}
