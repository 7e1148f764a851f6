/* remora-trace-check.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "remora-data-autocleanups-private.h"
#include "remora-data-error.h"
#include "remora-trace-check-private.h"
#include "remora-tracecmd-private.h"

/* A trace.dat starts with these 10 bytes, then the version as a decimal string. */
static const char trace_magic[10] = { 23, 8, 68, 't', 'r', 'a', 'c', 'i', 'n', 'g' };

static void
set_errno_error (GError **error, int errsv, const char *path)
{
  int code;

  switch (errsv)
    {
    case ENOENT:
    case ENOTDIR:
      code = REMORA_DATA_ERROR_NOT_FOUND;
      break;
    case EACCES:
    case EPERM:
      code = REMORA_DATA_ERROR_PERMISSION;
      break;
    default:
      code = REMORA_DATA_ERROR_CORRUPT;
      break;
    }
  g_set_error (error, REMORA_DATA_ERROR, code, _ ("Failed to open “%s”: %s"), path,
               g_strerror (errsv));
}

/* Reads the CPU data table of a version 6 file with libtracecmd's header reader:
 * after tracecmd_read_headers() reaches the flyrecord state, the file position is
 * at the table of (offset, size) pairs, one per CPU, in the file's byte order. */
static gboolean
check_v6_layout (RemoraTraceCheck *check, int fd, const char *path, GError **error)
{
  g_autoptr (RemoraTracecmdInput) handle = NULL;
  struct tep_handle *tep;
  guint64            expected_end = 0;
  off_t              table;
  int                hfd;
  int                cpus;

  hfd = dup (fd);
  if (hfd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  if (lseek (hfd, 0, SEEK_SET) < 0 || !(handle = tracecmd_alloc_fd (hfd, 0)))
    {
      close (hfd);
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                   _ ("Failed to read “%s”: its header is truncated or damaged"), path);
      return FALSE;
    }
  if (tracecmd_read_headers (handle, REMORA_TRACECMD_FILE_CPU_FLYRECORD) < 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                   _ ("Failed to read “%s”: its header is truncated or damaged"), path);
      return FALSE;
    }

  tep = tracecmd_get_tep (handle);
  cpus = tracecmd_cpus (handle);
  table = lseek (hfd, 0, SEEK_CUR);
  if (cpus <= 0 || cpus > 8192 || table < 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to read “%s”: its CPU data table is damaged"), path);
      return FALSE;
    }

  check->cpu_data_bytes = 0;
  check->missing_bytes = 0;
  check->cpu_data = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (int cpu = 0; cpu < cpus; cpu++)
    {
      guint64 pair[2];
      guint64 offset, size, end;

      if (pread (hfd, pair, sizeof pair, table + (off_t) sizeof pair * cpu) != sizeof pair)
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                       _ ("Failed to read “%s”: the file ends inside its CPU data table"), path);
          return FALSE;
        }
      offset = tep_read_number (tep, &pair[0], 8);
      size = tep_read_number (tep, &pair[1], 8);
      if (offset > G_MAXINT64 || size > G_MAXINT64 || offset + size < offset)
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                       _ ("Failed to read “%s”: its CPU data table is damaged"), path);
          return FALSE;
        }
      end = offset + size;
      g_array_append_val (check->cpu_data, offset);
      g_array_append_val (check->cpu_data, size);
      check->cpu_data_bytes += size;
      if (size > 0 && end > (guint64) check->file_size)
        {
          guint64 present = offset < (guint64) check->file_size ? check->file_size - offset : 0;
          check->missing_bytes += size - present;
        }
      expected_end = MAX (expected_end, end);
    }

  /* A file cut inside its CPU data would crash libtracecmd 1.3.1: remember how
   * long it should be so a padded copy can be read instead. */
  if (check->missing_bytes > 0 && expected_end > (guint64) check->file_size &&
      expected_end - (guint64) check->file_size > (guint64) 64 * 1024 * 1024 * 1024)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to read “%s”: its CPU data table is damaged"), path);
      return FALSE;
    }
  check->file_version = 6;
  check->expected_end = expected_end;
  return TRUE;
}

static gboolean
make_padded_copy (RemoraTraceCheck *check,
                  int               fd,
                  const char       *path,
                  const char       *scratch_prefix,
                  guint64           padded_size,
                  GError          **error)
{
  g_autofree char *tmpl = g_strconcat (scratch_prefix, "padded-XXXXXX.dat", NULL);
  char             buf[1 << 16];
  off_t            off = 0;
  int              out;

  out = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (out < 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                   _ ("Failed to create a scratch copy of “%s” as “%s”: %s"), path, tmpl,
                   g_strerror (errsv));
      return FALSE;
    }

  for (;;)
    {
      ssize_t n = pread (fd, buf, sizeof buf, off);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, path);
          goto fail;
        }
      if (n == 0)
        break;
      for (ssize_t done = 0; done < n;)
        {
          ssize_t w = write (out, buf + done, n - done);
          if (w < 0 && errno == EINTR)
            continue;
          if (w < 0)
            {
              int errsv = errno;
              g_set_error (error, REMORA_DATA_ERROR,
                           errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                           _ ("Failed to write a scratch copy of “%s”: %s"), path,
                           g_strerror (errsv));
              goto fail;
            }
          done += w;
        }
      off += n;
    }

  /* The missing tail reads as zeros: empty ring-buffer pages. */
  if (ftruncate (out, (off_t) padded_size) < 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                   _ ("Failed to write a scratch copy of “%s”: %s"), path, g_strerror (errsv));
      goto fail;
    }
  close (out);
  check->readable_path = g_steal_pointer (&tmpl);
  check->readable_is_copy = TRUE;
  return TRUE;

fail:
  close (out);
  g_unlink (tmpl);
  return FALSE;
}

/**
 * remora_trace_check_run:
 * @check: (out caller-allocates): the result, cleared with remora_trace_check_clear()
 * @path: the trace.dat
 * @scratch_prefix: where a padded copy of a truncated file goes: this prefix
 *   and a random suffix (the importer passes STORE.tmp-PID-, which a later
 *   import removes if this process dies)
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Checks that @path is a trace.dat of a version Remora reads, and for version
 * 6 whether its CPU data was cut short; if so, makes the padded copy that
 * libtracecmd can open.
 *
 * Returns: %TRUE if the trace (or what survives of it) can be imported.
 */
gboolean
remora_trace_check_run (RemoraTraceCheck *check,
                        const char       *path,
                        const char       *scratch_prefix,
                        GCancellable     *cancellable,
                        GError          **error)
{
  struct stat st;
  char        head[16] = { 0 };
  ssize_t     n;
  int         fd;
  gboolean    ret = FALSE;

  g_return_val_if_fail (check != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  memset (check, 0, sizeof *check);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  if (fstat (fd, &st) < 0)
    {
      set_errno_error (error, errno, path);
      goto out;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_A_TRACE,
                   _ ("Failed to read “%s”: it is not a regular file"), path);
      goto out;
    }
  check->file_size = st.st_size;
  if (st.st_size == 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_EMPTY,
                   _ ("Failed to read “%s”: the file is empty"), path);
      goto out;
    }

  n = pread (fd, head, sizeof head, 0);
  if (n < 0)
    {
      set_errno_error (error, errno, path);
      goto out;
    }
  if (n < (ssize_t) sizeof trace_magic || memcmp (head, trace_magic, sizeof trace_magic) != 0)
    {
      if (n > 0 && n < (ssize_t) sizeof trace_magic && memcmp (head, trace_magic, n) == 0)
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                     _ ("Failed to read “%s”: the file is truncated inside its header"), path);
      else
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_A_TRACE,
                     _ ("Failed to read “%s”: it is not a trace-cmd recording (no trace.dat "
                        "signature)"),
                     path);
      goto out;
    }
  /* The version follows the signature as a NUL-terminated decimal string. */
  check->file_version = (int) g_ascii_strtoll (head + sizeof trace_magic, NULL, 10);
  if (check->file_version != 6 && check->file_version != 7)
    {
      if (n < (ssize_t) sizeof head &&
          memchr (head + sizeof trace_magic, 0, n - sizeof trace_magic) == NULL)
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                     _ ("Failed to read “%s”: the file is truncated inside its header"), path);
      else
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_UNSUPPORTED_VERSION,
                     _ ("Failed to read “%s”: trace file version %d is not supported (Remora reads "
                        "versions 6 and 7)"),
                     path, check->file_version);
      goto out;
    }

  if (check->file_version == 6)
    {
      if (!check_v6_layout (check, fd, path, error))
        goto out;
      if (check->missing_bytes > 0 &&
          !make_padded_copy (check, fd, path, scratch_prefix, check->expected_end, error))
        goto out;
    }
  if (check->readable_path == NULL)
    check->readable_path = g_strdup (path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  ret = TRUE;

out:
  close (fd);
  if (!ret)
    remora_trace_check_clear (check);
  return ret;
}

void
remora_trace_check_clear (RemoraTraceCheck *check)
{
  if (check->readable_is_copy && check->readable_path != NULL)
    g_unlink (check->readable_path);
  g_clear_pointer (&check->readable_path, g_free);
  g_clear_pointer (&check->cpu_data, g_array_unref);
  check->readable_is_copy = FALSE;
}
