/* remora-trace-reader.c
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
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remora-child-private.h"
#include "remora-data-error.h"
#include "remora-payload-private.h"
#include "remora-trace-reader-private.h"
#include "remora-tracecmd-private.h"

/* The stream, in the machine's byte order (both ends are this process's code):
 *   OPENED messages: u32 MSG_OPENED, u32 buffer index (0 top, i + 1 instance i)
 *   one HEADER: u32 MSG_HEADER, u32 n_buffers, i64 first_ts, i64 last_ts,
 *     u32 compression length + bytes, then per buffer u32 name length + bytes, u32 cpus
 *   records: RecordHeader + size bytes; an END record (buffer END_BUFFER) closes it.
 * A child that dies leaves the stream cut: the parent keeps what came before. */

#define MSG_OPENED  0x4f50454eu
#define MSG_HEADER  0x48454144u
#define END_BUFFER  0xffffu
#define MAX_BUFFERS 250
#define WRITE_BUF   (256 * 1024)

typedef struct
{
  guint64 ts;
  gint64  missed;
  gint32  cpu;
  guint16 buffer;
  guint16 size;
  guint32 flags; /* REMORA_RAW_RECORD_* */
  guint32 padding;
} RecordHeader;

struct _RemoraTraceReader
{
  int           fd;
  pid_t         pid;
  GCancellable *cancellable;
  char         *display_path;
  int           n_buffers;
  char        **names;
  int          *cpus;
  int           skipped;
  gint64        first_ts;
  gint64        last_ts;
  char         *compression;
  gboolean      ended; /* END record seen */
  gboolean      cut;   /* the stream stopped without END */
  gint64        records;
  gint64        last_good_ts;
  gboolean      stalled;   /* the child sent nothing for REMORA_CHILD_STALL_MS */
  gboolean      cancelled; /* the wait for the child was cancelled */
  int           status;    /* waitpid status once reaped */
  gboolean      reaped;

  /* input buffer */
  guint8         *buf;
  gsize           buf_size;
  gsize           buf_start;
  gsize           buf_end;
  RemoraRawRecord record;
};

/* Child side --------------------------------------------------------------- */

static gboolean record_fits_page (const struct tep_record *rec, guint page_size);

typedef struct
{
  int                     fd;
  guint8                 *buf;
  gsize                   len;
  int                     n_handles;
  guint                   page_size;
  int                     common_size; /* of every record's common fields, or -1 */
  struct tracecmd_input **handles;
} ChildOut;

/* Is @rec what its format says, inside its page? libtracecmd hands out
 * whatever a damaged page holds: ids that name no event, lengths past the
 * page, timestamps from nowhere. A record that is not is sent marked, and
 * its time does not count for its CPU's order. */
static gboolean
child_record_valid (const ChildOut *out, struct tracecmd_input *handle, struct tep_record *rec)
{
  return record_fits_page (rec, out->page_size) &&
         remora_payload_check (tracecmd_get_tep (handle), out->common_size, rec, NULL) ==
             REMORA_PAYLOAD_OK;
}

static void
child_flush (ChildOut *out)
{
  gsize done = 0;

  while (done < out->len)
    {
      ssize_t n = write (out->fd, out->buf + done, out->len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4); /* the parent is gone */
      done += n;
    }
  out->len = 0;
}

static void
child_put (ChildOut *out, const void *data, gsize len)
{
  if (out->len + len > WRITE_BUF)
    child_flush (out);
  if (len > WRITE_BUF)
    {
      out->len = 0;
      for (gsize done = 0; done < len;)
        {
          ssize_t n = write (out->fd, (const guint8 *) data + done, len - done);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            _exit (4);
          done += n;
        }
      return;
    }
  memcpy (out->buf + out->len, data, len);
  out->len += len;
}

static void
child_put_u32 (ChildOut *out, guint32 v)
{
  child_put (out, &v, 4);
}

static void
child_put_str (ChildOut *out, const char *s)
{
  guint32 len = s ? (guint32) strlen (s) : 0;
  child_put_u32 (out, len);
  if (len)
    child_put (out, s, len);
}

/* A record's payload must lie inside its ring-buffer page: a damaged length
 * word makes libtraceevent's kbuffer hand out a size that runs past the page
 * (and past libtracecmd's buffer). Pages are page_size-aligned in the CPU's
 * data, so the record's offset within its page is offset % page_size. */
static gboolean
record_fits_page (const struct tep_record *rec, guint page_size)
{
  guint64 in_page = rec->offset % page_size;

  return rec->size >= 0 && rec->record_size >= rec->size &&
         in_page + (guint64) rec->record_size <= page_size && rec->size <= 0xfffe;
}

static void
child_record (ChildOut *out, int buffer, struct tep_record *rec, guint32 flags)
{
  RecordHeader h = { 0 };

  if (!record_fits_page (rec, out->page_size))
    flags |= REMORA_RAW_RECORD_DAMAGED_SIZE;
  h.ts = rec->ts;
  h.missed = rec->missed_events;
  h.cpu = rec->cpu;
  h.buffer = (guint16) buffer;
  h.size = (flags & REMORA_RAW_RECORD_DAMAGED_SIZE) ? 0 : (guint16) rec->size;
  h.flags = flags;
  child_put (out, &h, sizeof h);
  if (h.size > 0)
    child_put (out, rec->data, h.size);
}

/* One CPU of one buffer, read ahead in runs of records: libtracecmd 1.3.1
 * decompresses a CPU's data chunk by chunk and keeps few chunks, so taking
 * records from CPUs in turn, one at a time, decompresses the same chunks over
 * and over (tracecmd_iterate_events walks a large compressed trace several
 * times slower than reading each CPU in runs). */
/* records read past a run to judge its timestamps */
#define JUDGE_AHEAD 8

typedef struct
{
  struct tracecmd_input *handle;
  struct tep_record    **ahead;
  guint8                *flags;             /* REMORA_RAW_RECORD_* per record ahead */
  struct tep_record     *next[JUDGE_AHEAD]; /* read, not judged yet */
  gboolean               next_valid[JUDGE_AHEAD];
  int                    n_next;
  const ChildOut        *out;
  guint64                clock; /* the stream's time so far */
  int                    has_clock;
  int                    buffer;
  int                    cpu;
  int                    len;
  int                    pos;
  int                    started;
  int                    eof;
  int                    done;
} Stream;

static struct tep_record *
stream_read (Stream *s)
{
  struct tep_record *rec;

  if (s->eof)
    return NULL;
  rec = s->started ? tracecmd_read_data (s->handle, s->cpu)
                   : tracecmd_read_cpu_first (s->handle, s->cpu);
  s->started = 1;
  if (rec == NULL)
    s->eof = 1;
  return rec;
}

/* A CPU's records come in time order. A damaged timestamp breaks the order:
 * a record before the CPU's time so far, or after one of the few records
 * that follow it, is marked damaged and given the time so far, so that the
 * merge keeps the CPU's records together and in order. */
static guint8
stream_judge (Stream *s, struct tep_record *rec, gboolean valid)
{
  guint64 later = G_MAXUINT64;

  for (int i = 0; i < s->n_next; i++)
    if (s->next_valid[i])
      later = MIN (later, s->next[i]->ts);
  if (!valid)
    {
      /* counted as damage by the importer; its time means nothing */
      if (s->has_clock)
        rec->ts = s->clock;
      else if (later != G_MAXUINT64)
        rec->ts = later;
      return 0;
    }
  if (s->has_clock && rec->ts < s->clock)
    {
      rec->ts = s->clock;
      return REMORA_RAW_RECORD_DAMAGED_TIME;
    }
  if (rec->ts > later)
    {
      rec->ts = s->has_clock ? s->clock : later;
      return REMORA_RAW_RECORD_DAMAGED_TIME;
    }
  s->clock = rec->ts;
  s->has_clock = 1;
  return 0;
}

static struct tep_record *
stream_peek (Stream *s, int max_ahead)
{
  if (s->pos < s->len)
    return s->ahead[s->pos];
  if (s->done)
    return NULL;
  s->len = s->pos = 0;
  while (s->len < max_ahead)
    {
      struct tep_record *rec;
      gboolean           valid;

      while (s->n_next < JUDGE_AHEAD && !s->eof)
        {
          struct tep_record *r = stream_read (s);
          if (r != NULL)
            {
              s->next_valid[s->n_next] = child_record_valid (s->out, s->handle, r);
              s->next[s->n_next++] = r;
            }
        }
      if (s->n_next == 0)
        {
          s->done = 1;
          break;
        }
      rec = s->next[0];
      valid = s->next_valid[0];
      memmove (s->next, s->next + 1, (s->n_next - 1) * sizeof *s->next);
      memmove (s->next_valid, s->next_valid + 1, (s->n_next - 1) * sizeof *s->next_valid);
      s->n_next--;
      s->flags[s->len] = stream_judge (s, rec, valid);
      s->ahead[s->len++] = rec;
    }
  return s->len > 0 ? s->ahead[0] : NULL;
}

/* Is stream a's next record before stream b's? Ties go to the earlier stream
 * (buffer, then CPU), as tracecmd_iterate_events_multi() orders them. */
static int
stream_before (Stream *streams, int a, int b)
{
  unsigned long long ta = streams[a].ahead[streams[a].pos]->ts;
  unsigned long long tb = streams[b].ahead[streams[b].pos]->ts;
  return ta < tb || (ta == tb && a < b);
}

static void
heap_down (Stream *streams, int *heap, int n, int i)
{
  for (;;)
    {
      int l = 2 * i + 1, r = l + 1, m = i, t;
      if (l < n && stream_before (streams, heap[l], heap[m]))
        m = l;
      if (r < n && stream_before (streams, heap[r], heap[m]))
        m = r;
      if (m == i)
        return;
      t = heap[i];
      heap[i] = heap[m];
      heap[m] = t;
      i = m;
    }
}

/* Merges every CPU of every buffer by timestamp and sends the records. */
static void
child_walk (ChildOut *out)
{
  Stream *streams;
  int    *heap;
  int     n = 0, n_heap = 0, max_ahead;

  for (int h = 0; h < out->n_handles; h++)
    n += tracecmd_cpus (out->handles[h]);
  if (n == 0)
    return;
  streams = calloc (n, sizeof *streams);
  heap = calloc (n, sizeof *heap);
  if (streams == NULL || heap == NULL)
    _exit (6);
  /* about 16,000 records held in all, at least 64 per CPU */
  max_ahead = MAX (64, 16384 / n);
  n = 0;
  for (int h = 0; h < out->n_handles; h++)
    for (int cpu = 0; cpu < tracecmd_cpus (out->handles[h]); cpu++)
      {
        Stream *s = &streams[n++];
        s->handle = out->handles[h];
        s->out = out;
        s->buffer = h;
        s->cpu = cpu;
        s->ahead = calloc (max_ahead, sizeof *s->ahead);
        s->flags = calloc (max_ahead, 1);
        if (s->ahead == NULL || s->flags == NULL)
          _exit (6);
      }

  for (int i = 0; i < n; i++)
    if (stream_peek (&streams[i], max_ahead) != NULL)
      heap[n_heap++] = i;
  for (int i = n_heap / 2 - 1; i >= 0; i--)
    heap_down (streams, heap, n_heap, i);

  while (n_heap > 0)
    {
      Stream            *s = &streams[heap[0]];
      guint8             flags = s->flags[s->pos];
      struct tep_record *rec = s->ahead[s->pos++];

      child_record (out, s->buffer, rec, flags);
      tracecmd_free_record (rec);
      if (stream_peek (s, max_ahead) == NULL)
        heap[0] = heap[--n_heap];
      heap_down (streams, heap, n_heap, 0);
    }
}

/* The time of a CPU's first (or last) record, for the trace's span: the
 * first of a run of EDGE_RUN valid records in time order, looked for among
 * the CPU's first (last) EDGE_LOOK records, since a damaged page can hold
 * records that look valid one by one with times from anywhere. */
#define EDGE_RUN  8
#define EDGE_LOOK 512

static gboolean
cpu_edge (const ChildOut *out, struct tracecmd_input *handle, int cpu, gboolean last, gint64 *ts)
{
  struct tep_record *rec =
      last ? tracecmd_read_cpu_last (handle, cpu) : tracecmd_read_cpu_first (handle, cpu);
  gint64   run_start = 0, prev = 0;
  int      run = 0;
  gboolean found = FALSE;

  for (int i = 0; rec != NULL && i < EDGE_LOOK; i++)
    {
      struct tep_record *next;
      gint64             t = (gint64) rec->ts;

      if (!child_record_valid (out, handle, rec) || t < 0 ||
          (run > 0 && (last ? t > prev : t < prev)))
        run = 0;
      if (child_record_valid (out, handle, rec) && t >= 0)
        {
          if (run == 0)
            run_start = t;
          run++;
          prev = t;
        }
      if (run >= EDGE_RUN)
        {
          *ts = run_start;
          found = TRUE;
          break;
        }
      next = last ? tracecmd_read_prev (handle, rec) : tracecmd_read_data (handle, cpu);
      tracecmd_free_record (rec);
      rec = next;
    }
  tracecmd_free_record (rec);
  return found;
}

G_GNUC_NORETURN static void
child_main (const char *path, int fd, int max_instances)
{
  static guint8          buf[WRITE_BUF];
  struct tracecmd_input *handles[MAX_BUFFERS + 1];
  ChildOut               out = { .fd = fd, .buf = buf, .handles = handles };
  const char            *comp_name = NULL, *comp_version = NULL;
  struct tracecmd_input *top;
  int                    n_instances;
  gint64                 first = G_MAXINT64, last = G_MININT64;
  RecordHeader           end = { .buffer = END_BUFFER };

  top = tracecmd_open (path, TRACECMD_FL_LOAD_NO_PLUGINS);
  if (top == NULL)
    _exit (3);
  out.page_size = (guint) tracecmd_page_size (top);
  out.common_size = remora_payload_common_size (tracecmd_get_tep (top));
  if (out.page_size < 4096 || (out.page_size & (out.page_size - 1)) != 0)
    _exit (3);
  handles[0] = top;
  out.n_handles = 1;
  child_put_u32 (&out, MSG_OPENED);
  child_put_u32 (&out, 0);
  child_flush (&out);

  n_instances = MIN (tracecmd_buffer_instances (top), MAX_BUFFERS);
  if (max_instances >= 0)
    n_instances = MIN (n_instances, max_instances);
  for (int i = 0; i < n_instances; i++)
    {
      struct tracecmd_input *inst = tracecmd_buffer_instance_handle (top, i);
      if (inst == NULL)
        _exit (5);
      handles[out.n_handles++] = inst;
      child_put_u32 (&out, MSG_OPENED);
      child_put_u32 (&out, i + 1);
      child_flush (&out);
    }

  /* the time span, for progress; reading the last records moves the cursors */
  for (int h = 0; h < out.n_handles; h++)
    {
      int cpus = tracecmd_cpus (handles[h]);
      for (int cpu = 0; cpu < cpus; cpu++)
        {
          gint64 t;

          if (cpu_edge (&out, handles[h], cpu, FALSE, &t))
            first = MIN (first, t);
          if (cpu_edge (&out, handles[h], cpu, TRUE, &t))
            last = MAX (last, t);
        }
      tracecmd_set_all_cpus_to_timestamp (handles[h], 0);
    }
  if (first > last)
    first = last = 0;

  if (tracecmd_get_file_compress_proto (top, &comp_name, &comp_version) < 0)
    comp_name = NULL;
  child_put_u32 (&out, MSG_HEADER);
  child_put_u32 (&out, out.n_handles);
  child_put_u32 (&out, tracecmd_buffer_instances (top));
  child_put (&out, &first, 8);
  child_put (&out, &last, 8);
  child_put_str (&out, comp_name);
  for (int h = 0; h < out.n_handles; h++)
    {
      child_put_str (&out, h == 0 ? "" : tracecmd_buffer_instance_name (top, h - 1));
      child_put_u32 (&out, tracecmd_cpus (handles[h]));
    }

  child_walk (&out);
  child_put (&out, &end, sizeof end);
  child_flush (&out);
  _exit (0);
}

/* Parent side -------------------------------------------------------------- */

/* Makes @want bytes available at buf_start; FALSE at the end of the stream. */
static gboolean
fill (RemoraTraceReader *self, gsize want)
{
  if (self->buf_end - self->buf_start >= want)
    return TRUE;
  if (self->buf_start > 0)
    {
      memmove (self->buf, self->buf + self->buf_start, self->buf_end - self->buf_start);
      self->buf_end -= self->buf_start;
      self->buf_start = 0;
    }
  if (want > self->buf_size)
    {
      self->buf_size = want;
      self->buf = g_realloc (self->buf, self->buf_size);
    }
  while (self->buf_end < want)
    {
      ssize_t         n;
      RemoraChildWait w;

      if (self->fd < 0)
        return FALSE;
      w = remora_child_wait_readable (self->fd, self->cancellable, REMORA_CHILD_STALL_MS);
      if (w == REMORA_CHILD_WAIT_CANCELLED)
        {
          self->cancelled = TRUE;
          return FALSE;
        }
      if (w == REMORA_CHILD_WAIT_STALLED)
        {
          self->stalled = TRUE;
          return FALSE;
        }
      n = read (self->fd, self->buf + self->buf_end, self->buf_size - self->buf_end);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      self->buf_end += n;
    }
  return TRUE;
}

static gboolean
take (RemoraTraceReader *self, void *out, gsize len)
{
  if (!fill (self, len))
    return FALSE;
  memcpy (out, self->buf + self->buf_start, len);
  self->buf_start += len;
  return TRUE;
}

static char *
take_str (RemoraTraceReader *self)
{
  guint32 len;
  char   *s;

  if (!take (self, &len, 4) || len > 4096)
    return NULL;
  s = g_malloc0 (len + 1);
  if (len && !take (self, s, len))
    {
      g_free (s);
      return NULL;
    }
  return s;
}

static void
reap (RemoraTraceReader *self, gboolean kill_it)
{
  if (self->pid <= 0 || self->reaped)
    return;
  remora_child_reap (self->pid, kill_it, &self->status);
  self->reaped = TRUE;
}

/* The same in a spawned child: the path and the instances to open in
 * @args. */
void
remora_trace_reader_job (int fd, char **args, int out_fd)
{
  if (args[0] == NULL || args[1] == NULL)
    _exit (2);
  child_main (args[0], out_fd, (int) g_ascii_strtoll (args[1], NULL, 10));
}

static gboolean
spawn (RemoraTraceReader *self, const char *path, int max_instances, GError **error)
{
  g_autofree char *instances = g_strdup_printf ("%d", max_instances);
  const char      *args[] = { path, instances, NULL };
  int              fd;

  /* a new process of this program (see remora_child_spawn_run()); forked
   * when it cannot be started */
  self->pid = remora_child_spawn ("read-trace", args, -1, &fd, NULL);
  if (self->pid < 0)
    self->pid = remora_child_fork (&fd, error);
  if (self->pid < 0)
    {
      g_prefix_error (error, _ ("Failed to read “%s”: "), self->display_path);
      return FALSE;
    }
  if (self->pid == 0)
    child_main (path, fd, max_instances);
  self->fd = fd;
  self->reaped = FALSE;
  self->buf_start = self->buf_end = 0;
  return TRUE;
}

static void
close_stream (RemoraTraceReader *self)
{
  if (self->fd >= 0)
    close (self->fd);
  self->fd = -1;
}

/**
 * remora_trace_reader_start:
 * @path: the file to read (perhaps a padded copy)
 * @display_path: the trace's name in messages
 * @cancellable: (nullable): a #GCancellable, checked between steps
 * @error: a location for a #GError
 *
 * Forks the reading process and waits for the trace's buffers to be opened.
 * An instance buffer whose opening crashes libtracecmd is skipped, with those
 * after it.
 *
 * Returns: (transfer full): the reader, or %NULL if the trace cannot be opened.
 */
RemoraTraceReader *
remora_trace_reader_start (const char   *path,
                           const char   *display_path,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (RemoraTraceReader) self = g_new0 (RemoraTraceReader, 1);
  int max_instances = -1;

  self->fd = -1;
  self->display_path = g_strdup (display_path);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->buf_size = 1 << 20;
  self->buf = g_malloc (self->buf_size);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      int      opened = 0;
      guint32  word;
      gboolean header = FALSE;

      if (!spawn (self, path, max_instances, error))
        return NULL;
      while (take (self, &word, 4))
        {
          guint32 index;
          if (word == MSG_OPENED && take (self, &index, 4))
            opened = (int) index + 1;
          else
            {
              header = word == MSG_HEADER;
              break;
            }
        }
      if (header)
        {
          guint32          n, total;
          g_autofree char *comp = NULL;
          gboolean         ok = take (self, &n, 4) && n >= 1 && n <= MAX_BUFFERS + 1 &&
                        take (self, &total, 4) && take (self, &self->first_ts, 8) &&
                        take (self, &self->last_ts, 8) && (comp = take_str (self)) != NULL;
          if (ok)
            {
              self->n_buffers = (int) n;
              self->names = g_new0 (char *, n + 1);
              self->cpus = g_new0 (int, n);
              self->compression = g_steal_pointer (&comp);
              for (guint32 i = 0; ok && i < n; i++)
                {
                  guint32 cpus = 0;
                  ok = (self->names[i] = take_str (self)) != NULL && take (self, &cpus, 4);
                  self->cpus[i] = (int) cpus;
                }
            }
          if (ok)
            {
              self->skipped = MAX (0, (int) total - (self->n_buffers - 1));
              return g_steal_pointer (&self);
            }
        }

      /* the child died before it sent its header */
      close_stream (self);
      reap (self, TRUE);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (opened == 0 || attempt == 1 || self->stalled)
        {
          if (self->stalled)
            g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                         _ ("Failed to read “%s”: the trace is damaged (libtracecmd stopped "
                            "making progress opening it)"),
                         display_path);
          else if (WIFSIGNALED (self->status))
            g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                         _ ("Failed to read “%s”: the trace is damaged (libtracecmd crashed on it "
                            "with signal %d)"),
                         display_path, WTERMSIG (self->status));
          else
            g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                         _ ("Failed to read “%s”: the trace is truncated or damaged (libtracecmd "
                            "cannot open it)"),
                         display_path);
          return NULL;
        }
      /* the top-level buffer and opened - 1 instances opened: skip the rest */
      max_instances = opened - 1;
    }
  g_assert_not_reached ();
}

int
remora_trace_reader_get_n_buffers (RemoraTraceReader *self)
{
  return self->n_buffers;
}

const char *
remora_trace_reader_get_buffer_name (RemoraTraceReader *self, int buffer)
{
  g_return_val_if_fail (buffer >= 0 && buffer < self->n_buffers, NULL);
  return self->names[buffer];
}

int
remora_trace_reader_get_buffer_cpus (RemoraTraceReader *self, int buffer)
{
  g_return_val_if_fail (buffer >= 0 && buffer < self->n_buffers, 0);
  return self->cpus[buffer];
}

/* How many instance buffers were skipped because opening them crashed libtracecmd. */
int
remora_trace_reader_get_n_instances_skipped (RemoraTraceReader *self)
{
  return self->skipped;
}

gint64
remora_trace_reader_get_first_ts (RemoraTraceReader *self)
{
  return self->first_ts;
}

gint64
remora_trace_reader_get_last_ts (RemoraTraceReader *self)
{
  return self->last_ts;
}

const char *
remora_trace_reader_get_compression (RemoraTraceReader *self)
{
  return self->compression && self->compression[0] ? self->compression : NULL;
}

/**
 * remora_trace_reader_next:
 * @self: a #RemoraTraceReader
 *
 * Returns: (nullable): the next record, or %NULL at the end of the stream
 *   (the end of the trace, or where the reading process died: see
 *   remora_trace_reader_dup_damage()).
 */
const RemoraRawRecord *
remora_trace_reader_next (RemoraTraceReader *self)
{
  RecordHeader h;

  if (self->ended || self->cut)
    return NULL;
  if (!take (self, &h, sizeof h))
    {
      self->cut = TRUE;
      return NULL;
    }
  if (h.buffer == END_BUFFER)
    {
      self->ended = TRUE;
      return NULL;
    }
  if (h.buffer >= self->n_buffers || !fill (self, h.size))
    {
      self->cut = TRUE;
      return NULL;
    }
  self->record.ts = (gint64) h.ts;
  self->record.missed_events = h.missed;
  self->record.cpu = h.cpu;
  self->record.buffer = h.buffer;
  self->record.size = h.size;
  self->record.flags = h.flags;
  self->record.data = self->buf + self->buf_start;
  self->buf_start += h.size;
  self->records++;
  self->last_good_ts = (gint64) h.ts;
  return &self->record;
}

/**
 * remora_trace_reader_dup_damage:
 * @self: a #RemoraTraceReader whose stream has ended
 *
 * Returns: (transfer full) (nullable): why the stream ended early, or %NULL
 *   if the whole trace was read.
 */
char *
remora_trace_reader_dup_damage (RemoraTraceReader *self)
{
  g_autofree char *when = NULL;

  if (self->ended)
    {
      reap (self, FALSE);
      return NULL;
    }
  close_stream (self);
  reap (self, TRUE);
  when = g_strdup_printf ("%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT,
                          self->last_good_ts / 1000000000, self->last_good_ts % 1000000000);
  if (self->stalled)
    return g_strdup_printf (_ ("The event data is damaged: libtracecmd stopped making progress "
                               "after %lld events, at %s; the events before were imported."),
                            (long long) self->records, when);
  if (WIFSIGNALED (self->status) && WTERMSIG (self->status) != SIGKILL)
    return g_strdup_printf (_ ("The event data is damaged: libtracecmd crashed (signal %d) after "
                               "%lld events, at %s; the events before were "
                               "imported."),
                            WTERMSIG (self->status), (long long) self->records, when);
  return g_strdup_printf (_ ("The event data ends early, after %lld events, at %s; "
                             "the events before were imported."),
                          (long long) self->records, when);
}

void
remora_trace_reader_free (RemoraTraceReader *self)
{
  if (self == NULL)
    return;
  close_stream (self);
  reap (self, TRUE);
  g_clear_object (&self->cancellable);
  g_strfreev (self->names);
  g_free (self->cpus);
  g_free (self->compression);
  g_free (self->display_path);
  g_free (self->buf);
  g_free (self);
}
