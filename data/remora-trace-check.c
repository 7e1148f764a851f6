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
#include <sys/wait.h>
#include <unistd.h>

#include "remora-child-private.h"
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

static gboolean
write_all (int out, const char *buf, gsize len, const char *path, GError **error)
{
  for (gsize done = 0; done < len;)
    {
      ssize_t w = write (out, buf + done, len - done);
      if (w < 0 && errno == EINTR)
        continue;
      if (w < 0)
        {
          int errsv = errno;
          g_set_error (error, REMORA_DATA_ERROR,
                       errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                       _ ("Failed to write a scratch copy of “%s”: %s"), path, g_strerror (errsv));
          return FALSE;
        }
      done += w;
    }
  return TRUE;
}

/* What the child learns of a version 6 file's headers. */
typedef struct
{
  gint32 ok;
  gint32 cpus;
  gint32 big_endian;
  gint64 table; /* file offset of the CPU data table */
} V6Layout;

/* In a child: reads the headers with libtracecmd's own reader (libtraceevent
 * parses every event format there, and crashes on some damaged ones); once
 * it reaches the flyrecord state, the file position is at the table of
 * (offset, size) pairs, one per CPU. */
static void
read_v6_layout_child (int out_fd, gpointer user_data)
{
  int                    fd = GPOINTER_TO_INT (user_data);
  struct tracecmd_input *handle;
  V6Layout               layout = { 0 };

  if (lseek (fd, 0, SEEK_SET) == 0 && (handle = tracecmd_alloc_fd (fd, 0)) != NULL &&
      tracecmd_read_headers (handle, REMORA_TRACECMD_FILE_CPU_FLYRECORD) == 0)
    {
      struct tep_handle *tep = tracecmd_get_tep (handle);
      layout.ok = 1;
      layout.cpus = tracecmd_cpus (handle);
      layout.big_endian = tep_is_file_bigendian (tep);
      layout.table = lseek (fd, 0, SEEK_CUR);
    }
  if (write (out_fd, &layout, sizeof layout) != sizeof layout)
    _exit (4);
}

/* The same in a spawned child, on its descriptor @fd. */
void
remora_trace_check_v6_layout_job (int fd, char **args, int out_fd)
{
  if (fd < 0)
    _exit (2);
  read_v6_layout_child (out_fd, GINT_TO_POINTER (fd));
}

static guint64
file_u64 (const V6Layout *layout, const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return layout->big_endian ? GUINT64_FROM_BE (v) : GUINT64_FROM_LE (v);
}

/* Reads and checks the CPU data table of a version 6 file: every CPU's data
 * comes after the table and before the next CPU's. A file cut inside its CPU
 * data is fine (what is there is read); overlapping or backward regions are
 * damage. */
static gboolean
check_v6_layout (
    RemoraTraceCheck *check, int fd, const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (GBytes) answer = NULL;
  g_autofree guint8 *table = NULL;
  const V6Layout    *layout;
  guint64            expected_end = 0, prev_end;
  gboolean           stalled;
  int                status;

  /* a new process of this program (see remora_child_spawn_run()); forked
   * when it cannot be started */
  answer = remora_child_spawn_run ("v6-layout", NULL, fd, sizeof (V6Layout), cancellable, &status,
                                   &stalled, NULL);
  if (answer == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error))
    answer = remora_child_run (read_v6_layout_child, GINT_TO_POINTER (fd), sizeof (V6Layout),
                               cancellable, &status, &stalled, error);
  if (answer == NULL)
    return FALSE;
  if (g_bytes_get_size (answer) != sizeof (V6Layout))
    {
      /* a child that stalled was killed: that is what to say, not the signal */
      if (stalled)
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                     _ ("Failed to read “%s”: its headers are damaged (libtracecmd stopped "
                        "making progress on them)"),
                     path);
      else if (WIFSIGNALED (status))
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                     _ ("Failed to read “%s”: its headers are damaged (libtraceevent crashed on "
                        "them with signal %d)"),
                     path, WTERMSIG (status));
      else
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                     _ ("Failed to read “%s”: its headers are damaged"), path);
      return FALSE;
    }
  layout = g_bytes_get_data (answer, NULL);
  if (!layout->ok)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                   _ ("Failed to read “%s”: its header is truncated or damaged"), path);
      return FALSE;
    }
  if (layout->cpus <= 0 || layout->cpus > REMORA_TRACE_MAX_CPUS || layout->table <= 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to read “%s”: its CPU data table is damaged"), path);
      return FALSE;
    }

  table = g_malloc ((gsize) layout->cpus * 16);
  if (pread (fd, table, (gsize) layout->cpus * 16, layout->table) != (ssize_t) layout->cpus * 16)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                   _ ("Failed to read “%s”: the file ends inside its CPU data table"), path);
      return FALSE;
    }

  check->cpu_data_bytes = 0;
  check->missing_bytes = 0;
  check->table_offset = layout->table;
  check->big_endian = layout->big_endian;
  check->cpu_data = g_array_new (FALSE, FALSE, sizeof (guint64));
  prev_end = (guint64) layout->table + (guint64) layout->cpus * 16;
  for (int cpu = 0; cpu < layout->cpus; cpu++)
    {
      guint64 offset = file_u64 (layout, table + 16 * cpu);
      guint64 size = file_u64 (layout, table + 16 * cpu + 8);

      if (size > 0 &&
          (offset > G_MAXINT64 || size > G_MAXINT64 || offset + size < offset || offset < prev_end))
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                       _ ("Failed to read “%s”: its CPU data table is damaged (the data of CPU "
                          "%d overlaps what comes before it)"),
                       path, cpu);
          return FALSE;
        }
      g_array_append_val (check->cpu_data, offset);
      g_array_append_val (check->cpu_data, size);
      if (size == 0)
        continue;
      check->cpu_data_bytes += size;
      if (offset + size > (guint64) check->file_size)
        {
          guint64 present = offset < (guint64) check->file_size ? check->file_size - offset : 0;
          check->missing_bytes += size - present;
        }
      prev_end = offset + size;
      expected_end = MAX (expected_end, prev_end);
    }
  check->expected_end = expected_end;
  return TRUE;
}

/* A copy of a version 6 file cut inside its CPU data, whose table says how
 * much of each CPU's data is there (whole pages): libtracecmd 1.3.1 crashes
 * in tracecmd_open() when the table promises more than the file holds. */
static gboolean
make_readable_copy (RemoraTraceCheck *check,
                    int               fd,
                    const char       *path,
                    const char       *scratch_prefix,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autofree char *tmpl = g_strconcat (scratch_prefix, "cut-XXXXXX.dat", NULL);
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
      if (!write_all (out, buf, n, path, error))
        goto fail;
      off += n;
      if ((off & ((1 << 24) - 1)) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
    }

  for (guint cpu = 0; cpu < check->cpu_data->len / 2; cpu++)
    {
      guint64 offset = g_array_index (check->cpu_data, guint64, 2 * cpu);
      guint64 size = g_array_index (check->cpu_data, guint64, 2 * cpu + 1);
      guint64 present, v;

      if (size == 0 || offset + size <= (guint64) check->file_size)
        continue;
      present = offset < (guint64) check->file_size ? check->file_size - offset : 0;
      present -= present % check->page_size;
      v = check->big_endian ? GUINT64_TO_BE (present) : GUINT64_TO_LE (present);
      if (pwrite (out, &v, 8, check->table_offset + 16 * cpu + 8) != 8)
        {
          int errsv = errno;
          g_set_error (error, REMORA_DATA_ERROR,
                       errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                       _ ("Failed to write a scratch copy of “%s”: %s"), path, g_strerror (errsv));
          goto fail;
        }
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
  char        head[64] = { 0 };
  const char *version_end;
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
  /* The version follows the signature as a NUL-terminated decimal string,
   * then a byte for the endianness, one for the size of a long and four for
   * the page size, all of which libtracecmd trusts. */
  check->file_version = (int) g_ascii_strtoll (head + sizeof trace_magic, NULL, 10);
  version_end = memchr (head + sizeof trace_magic, 0, n - sizeof trace_magic);
  if (check->file_version != 6 && check->file_version != 7)
    {
      if (version_end == NULL && n < (ssize_t) sizeof head)
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                     _ ("Failed to read “%s”: the file is truncated inside its header"), path);
      else
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_UNSUPPORTED_VERSION,
                     _ ("Failed to read “%s”: trace file version %d is not supported (Remora reads "
                        "versions 6 and 7)"),
                     path, check->file_version);
      goto out;
    }
  if (version_end == NULL || version_end + 7 > head + n)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_TRUNCATED,
                   _ ("Failed to read “%s”: the file is truncated inside its header"), path);
      goto out;
    }
  {
    const guint8 *p = (const guint8 *) version_end + 1;
    guint32       page_size;

    memcpy (&page_size, p + 2, 4);
    page_size = p[0] ? GUINT32_FROM_BE (page_size) : GUINT32_FROM_LE (page_size);
    if (p[0] > 1 || (p[1] != 4 && p[1] != 8))
      {
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                     _ ("Failed to read “%s”: its header is damaged (byte order %d, long size %d)"),
                     path, p[0], p[1]);
        goto out;
      }
    if (page_size < 4096 || page_size > (1u << 20) || (page_size & (page_size - 1)) != 0)
      {
        g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                     _ ("Failed to read “%s”: its header is damaged (a page size of %u bytes)"),
                     path, page_size);
        goto out;
      }
    check->page_size = page_size;
  }

  if (check->file_version == 6)
    {
      if (!check_v6_layout (check, fd, path, cancellable, error))
        goto out;
      if (check->missing_bytes > 0 &&
          !make_readable_copy (check, fd, path, scratch_prefix, cancellable, error))
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
