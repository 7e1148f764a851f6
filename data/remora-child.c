/* remora-child.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remora-child-private.h"
#include "remora-data-error.h"
#include "remora-library-locks.h"
#include "remora-tracecmd-private.h"

/* A child that wants more memory than this is lost in a damaged file: no
 * trace's headers or read-ahead need it (libtracecmd keeps a compressed
 * trace's decompressed CPU data, 650 MB for 13.5 M events). */
#define CHILD_MEMORY_LIMIT ((rlim_t) 16 << 30)

/**
 * remora_child_fork:
 * @read_fd: (out): the parent's end of a pipe (in the child: its end)
 * @error: a location for a #GError
 *
 * Forks. In the parent, returns the child's pid and sets @read_fd to the
 * reading end of a pipe; in the child, returns 0 and sets @read_fd to the
 * writing end. Returns -1 with @error set on failure.
 */
pid_t
remora_child_fork (int *read_fd, GError **error)
{
  pid_t parent = getpid ();
  pid_t pid;
  int   fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return -1;
  fcntl (fds[0], F_SETPIPE_SZ, 1 << 20);
  /* not while another thread is in dlopen() (libtracecmd's plugins) or
   * parses formats (a child inherits none of the parse, but AddressSanitizer's
   * allocator, which does not lock itself around fork(), could be held by
   * it) */
  remora_store_lock_libraries ();
  remora_store_lock_parser ();
  pid = fork ();
  remora_store_unlock_parser ();
  remora_store_unlock_libraries ();
  if (pid < 0)
    {
      int errsv = errno;
      close (fds[0]);
      close (fds[1]);
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to start a helper process: %s"), g_strerror (errsv));
      return -1;
    }
  if (pid == 0)
    {
      close (fds[0]);
      remora_child_setup (parent);
      *read_fd = fds[1];
      return 0;
    }
  close (fds[1]);
  *read_fd = fds[0];
  return pid;
}

/**
 * remora_child_setup:
 * @parent: the parent's pid, as it was before fork()
 *
 * In a freshly forked child: dies with the parent, default signal
 * dispositions (the parent's handlers are GLib's), library chatter off, and
 * a bound on memory so that a damaged size cannot take the machine's.
 */
void
remora_child_setup (pid_t parent)
{
  struct rlimit limit;

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (getppid () != parent)
    _exit (9); /* the parent died before the line above */
  signal (SIGPIPE, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer maps terabytes of shadow */
  if (getrlimit (RLIMIT_AS, &limit) == 0 &&
      (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > CHILD_MEMORY_LIMIT))
    {
      limit.rlim_cur = CHILD_MEMORY_LIMIT;
      setrlimit (RLIMIT_AS, &limit);
    }
#else
  (void) limit;
#endif
  tracecmd_set_loglevel (TEP_LOG_NONE);
  tep_set_loglevel (TEP_LOG_NONE);
}

/**
 * remora_child_wait_readable:
 * @fd: a child's pipe
 * @cancellable: (nullable): ends the wait when cancelled
 * @timeout_ms: how long to wait at most
 *
 * Returns: whether @fd can be read (data or its end), the wait was
 *   cancelled, or nothing came for @timeout_ms.
 */
RemoraChildWait
remora_child_wait_readable (int fd, GCancellable *cancellable, int timeout_ms)
{
  struct pollfd   fds[2] = { { .fd = fd, .events = POLLIN } };
  gint64          deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int             n = 1;
  RemoraChildWait ret = REMORA_CHILD_WAIT_STALLED;

  if (cancellable != NULL && (fds[1].fd = g_cancellable_get_fd (cancellable)) >= 0)
    {
      fds[1].events = POLLIN;
      n = 2;
    }
  for (;;)
    {
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      int    rc;

      if (g_cancellable_is_cancelled (cancellable))
        {
          ret = REMORA_CHILD_WAIT_CANCELLED;
          break;
        }
      if (left <= 0)
        break;
      rc = poll (fds, n, (int) MIN (left, 1000));
      if (rc < 0 && errno != EINTR)
        {
          ret = REMORA_CHILD_WAIT_READY; /* let read() report it */
          break;
        }
      if (rc > 0 && fds[0].revents != 0)
        {
          ret = REMORA_CHILD_WAIT_READY;
          break;
        }
    }
  if (n == 2)
    g_cancellable_release_fd (cancellable);
  return ret;
}

/**
 * remora_child_reap:
 * @pid: a child
 * @kill_it: send it SIGKILL first
 * @status: (out) (optional): its wait status
 */
void
remora_child_reap (pid_t pid, gboolean kill_it, int *status)
{
  int st = 0;

  if (pid <= 0)
    return;
  if (kill_it)
    kill (pid, SIGKILL);
  while (waitpid (pid, &st, 0) < 0 && errno == EINTR)
    ;
  if (status)
    *status = st;
}

/* Spawned children ------------------------------------------------------------ */

static gboolean spawn_forbidden;

/**
 * remora_child_forbid_spawn:
 *
 * Makes every helper process a fork of this one from now on: for a program
 * that is not Remora (the `sqlite3` shell that loaded the extension), which
 * would not run the job it was started for.
 */
void
remora_child_forbid_spawn (void)
{
  g_atomic_int_set (&spawn_forbidden, TRUE);
}

/**
 * remora_child_spawn:
 * @job: the name of a job (see remora-child-jobs.c)
 * @args: (array zero-terminated=1) (nullable): its arguments
 * @fd: a descriptor the child gets as its descriptor 3, or -1
 * @read_fd: (out): the reading end of the pipe the child answers on
 * @error: a location for a #GError
 *
 * Starts `PROGRAM --remora-child PID JOB ARGS…` (see
 * remora_child_spawn_run()).
 *
 * Returns: the child's pid, or -1 with @error set when it cannot be started.
 */
pid_t
remora_child_spawn (const char *job, const char *const *args, int fd, int *read_fd, GError **error)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  posix_spawn_file_actions_t actions;
  pid_t                      pid = -1;
  int                        fds[2];
  int                        rc;

  if (g_atomic_int_get (&spawn_forbidden))
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   "helper processes of this program are forked");
      return -1;
    }
  if (!g_unix_open_pipe (fds, FD_CLOEXEC, error))
    return -1;
  fcntl (fds[0], F_SETPIPE_SZ, 1 << 20);
  g_ptr_array_add (argv, g_strdup ("remora"));
  g_ptr_array_add (argv, g_strdup (REMORA_CHILD_FLAG));
  g_ptr_array_add (argv, g_strdup_printf ("%d", (int) getpid ()));
  g_ptr_array_add (argv, g_strdup (job));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, fds[1], 1);
  if (fd >= 0)
    posix_spawn_file_actions_adddup2 (&actions, fd, REMORA_CHILD_FD);
  rc = posix_spawn (&pid, "/proc/self/exe", &actions, NULL, (char **) argv->pdata, environ);
  posix_spawn_file_actions_destroy (&actions);
  close (fds[1]);
  if (rc != 0)
    {
      close (fds[0]);
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to start a helper process: %s"), g_strerror (rc));
      return -1;
    }
  *read_fd = fds[0];
  return pid;
}

/* Collects what the child writes to @fd, at most @max_bytes. */
static GBytes *
collect (pid_t         pid,
         int           fd,
         gsize         max_bytes,
         GCancellable *cancellable,
         int          *status,
         gboolean     *stalled,
         GError      **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  gboolean killed = FALSE;

  for (;;)
    {
      guint8          buf[16384];
      ssize_t         n;
      RemoraChildWait w = remora_child_wait_readable (fd, cancellable, REMORA_CHILD_STALL_MS);

      if (w == REMORA_CHILD_WAIT_CANCELLED)
        {
          close (fd);
          remora_child_reap (pid, TRUE, status);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
      if (w == REMORA_CHILD_WAIT_STALLED)
        {
          *stalled = TRUE;
          killed = TRUE;
          break;
        }
      n = read (fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (out->len + (gsize) n > max_bytes)
        {
          killed = TRUE;
          break;
        }
      g_byte_array_append (out, buf, n);
    }
  close (fd);
  remora_child_reap (pid, killed, status);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * remora_child_spawn_run:
 * @job: the name of a job (see remora-child-jobs.c)
 * @args: (array zero-terminated=1) (nullable): its arguments
 * @fd: a descriptor the child gets as its descriptor 3, or -1
 * @max_bytes: the most the answer may hold
 * @cancellable: (nullable): a #GCancellable
 * @status: (out): the child's wait status
 * @stalled: (out): set when the child sent nothing for %REMORA_CHILD_STALL_MS
 * @error: a location for a #GError, set only when the child could not be
 *   started or the wait was cancelled
 *
 * Runs @job in a new process of this program and collects what it wrote, as
 * remora_child_run() does for a function in a forked child.
 *
 * Returns: (transfer full): the bytes the child wrote, or %NULL with @error
 *   set.
 */
GBytes *
remora_child_spawn_run (const char        *job,
                        const char *const *args,
                        int                fd,
                        gsize              max_bytes,
                        GCancellable      *cancellable,
                        int               *status,
                        gboolean          *stalled,
                        GError           **error)
{
  int   read_fd;
  pid_t pid;

  *stalled = FALSE;
  *status = 0;
  pid = remora_child_spawn (job, args, fd, &read_fd, error);
  if (pid < 0)
    return NULL;
  return collect (pid, read_fd, max_bytes, cancellable, status, stalled, error);
}

/**
 * remora_child_run:
 * @func: runs in the child and writes its answer to the fd it is given
 * @user_data: for @func
 * @max_bytes: the most the answer may hold
 * @cancellable: (nullable): a #GCancellable
 * @status: (out): the child's wait status
 * @stalled: (out): set when the child sent nothing for %REMORA_CHILD_STALL_MS
 * @error: a location for a #GError, set only when the child could not be
 *   started or the wait was cancelled
 *
 * Runs @func in a child process and collects what it wrote.
 *
 * Returns: (transfer full): the bytes the child wrote (perhaps fewer than it
 *   meant to, if it crashed: see @status), or %NULL with @error set.
 */
GBytes *
remora_child_run (RemoraChildFunc func,
                  gpointer        user_data,
                  gsize           max_bytes,
                  GCancellable   *cancellable,
                  int            *status,
                  gboolean       *stalled,
                  GError        **error)
{
  int   fd;
  pid_t pid;

  *stalled = FALSE;
  *status = 0;
  pid = remora_child_fork (&fd, error);
  if (pid < 0)
    return NULL;
  if (pid == 0)
    {
      func (fd, user_data);
      _exit (0);
    }
  return collect (pid, fd, max_bytes, cancellable, status, stalled, error);
}
