/* remora-frame.c: one timeline frame, asked and answered
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-frame.h"

#include <string.h>

#include "remora-columns-private.h"

G_DEFINE_BOXED_TYPE (RemoraFrame, remora_frame, remora_frame_ref, remora_frame_unref)

/* Requests ----------------------------------------------------------------- */

static void
clear_row_spec (gpointer p)
{
  g_free (((RemoraRowSpec *) p)->label);
}

static void
clear_marker (gpointer p)
{
  g_free (((RemoraMarker *) p)->name);
}

static GArray *
new_rows (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (RemoraRowSpec));
  g_array_set_clear_func (rows, clear_row_spec);
  return rows;
}

static GArray *
new_markers (void)
{
  GArray *markers = g_array_new (FALSE, TRUE, sizeof (RemoraMarker));
  g_array_set_clear_func (markers, clear_marker);
  return markers;
}

/**
 * remora_frame_request_init:
 * @request: (out caller-allocates): a request, cleared with
 *   remora_frame_request_clear()
 *
 * An empty request: no rows, no markers, nothing selected, links on.
 */
void
remora_frame_request_init (RemoraFrameRequest *request)
{
  memset (request, 0, sizeof *request);
  request->columns = 1;
  request->rows = new_rows ();
  request->markers = new_markers ();
  request->selection.row = -1;
  request->links = REMORA_LINKS_ALL;
}

void
remora_frame_request_clear (RemoraFrameRequest *request)
{
  g_clear_pointer (&request->rows, g_array_unref);
  g_clear_pointer (&request->markers, g_array_unref);
  g_clear_pointer (&request->mask, remora_event_mask_unref);
}

/**
 * remora_frame_request_copy:
 * @dest: (out caller-allocates): the copy, cleared with
 *   remora_frame_request_clear()
 * @src: a request
 *
 * A deep copy, for a worker to keep.
 */
void
remora_frame_request_copy (RemoraFrameRequest *dest, const RemoraFrameRequest *src)
{
  *dest = *src;
  dest->rows = new_rows ();
  dest->markers = new_markers ();
  dest->mask = src->mask ? remora_event_mask_ref (src->mask) : NULL;
  for (guint i = 0; i < src->rows->len; i++)
    {
      RemoraRowSpec r = g_array_index (src->rows, RemoraRowSpec, i);
      r.label = g_strdup (r.label);
      g_array_append_val (dest->rows, r);
    }
  for (guint i = 0; src->markers && i < src->markers->len; i++)
    {
      RemoraMarker m = g_array_index (src->markers, RemoraMarker, i);
      m.name = g_strdup (m.name);
      g_array_append_val (dest->markers, m);
    }
}

/* Column blocks ------------------------------------------------------------ */

/* The blocks of rows' columns that frames gone have left, for the next
 * frames of the same width: fresh blocks of that size would be fresh pages
 * every frame, faulted in and cleared by the kernel (a few MB a frame). */
#define POOL_MAX_BYTES (64 << 20)

static GMutex     pool_lock;
static GPtrArray *pool;
static gsize      pool_block;

static gpointer
take_block (gsize size)
{
  gpointer block = NULL;

  g_mutex_lock (&pool_lock);
  if (pool != NULL && pool_block == size && pool->len > 0)
    block = g_ptr_array_steal_index_fast (pool, pool->len - 1);
  g_mutex_unlock (&pool_lock);
  return block ? block : g_malloc (size);
}

static void
give_block (gpointer block, gsize size)
{
  if (block == NULL)
    return;
  g_mutex_lock (&pool_lock);
  if (pool == NULL)
    pool = g_ptr_array_new_with_free_func (g_free);
  if (pool_block != size)
    {
      g_ptr_array_set_size (pool, 0);
      pool_block = size;
    }
  if ((pool->len + 1) * size <= POOL_MAX_BYTES)
    {
      g_ptr_array_add (pool, block);
      block = NULL;
    }
  g_mutex_unlock (&pool_lock);
  g_free (block);
}

static gsize
block_size (int columns)
{
  return MAX (sizeof (RemoraCpuColumn), sizeof (RemoraTaskColumn)) * (gsize) columns;
}

/* Frames ------------------------------------------------------------------- */

static void
frame_clear (gpointer p)
{
  RemoraFrame *frame = p;

  for (guint i = 0; i < frame->n_rows; i++)
    {
      g_free (frame->rows[i].spec.label);
      give_block (frame->rows[i].cpu_columns, block_size (frame->columns));
      give_block (frame->rows[i].task_columns, block_size (frame->columns));
      g_free (frame->rows[i].idle_io);
      g_clear_pointer (&frame->rows[i].blocks, remora_block_index_unref);
      g_clear_pointer (&frame->rows[i].boxes, g_array_unref);
      g_free (frame->rows[i].depth_min);
      g_free (frame->rows[i].depth_max);
    }
  g_free (frame->rows);
  g_clear_pointer (&frame->wakeup_links, g_array_unref);
  g_clear_pointer (&frame->block_links, g_array_unref);
  g_clear_pointer (&frame->markers, g_array_unref);
  g_clear_pointer (&frame->names, remora_name_history_unref);
  g_clear_pointer (&frame->info, remora_trace_info_unref);
  g_clear_pointer (&frame->mask, remora_event_mask_unref);
  g_clear_pointer (&frame->problem, g_free);
}

RemoraFrame *
remora_frame_ref (RemoraFrame *frame)
{
  return g_atomic_rc_box_acquire (frame);
}

void
remora_frame_unref (RemoraFrame *frame)
{
  if (frame != NULL)
    g_atomic_rc_box_release_full (frame, frame_clear);
}

/**
 * remora_frame_get_task_name:
 * @frame: a #RemoraFrame
 * @pid: a task
 * @ts: a time
 *
 * Returns: the name the task had at @ts as the store knows it, or "<...>"
 *   (as trace-cmd prints an unknown task).
 */
const char *
remora_frame_get_task_name (const RemoraFrame *frame, int pid, gint64 ts)
{
  const char *name = frame->names ? remora_name_history_lookup (frame->names, pid, ts) : NULL;
  return name ? name : "<...>";
}

static gboolean
read_links (RemoraStore *store, RemoraFrame *frame, RemoraLinks kinds, GError **error);
/* The rows' queries and the links', answered by the calling thread and, on a
 * machine with more than one core, a helper thread with a connection of its
 * own: each takes the next job not taken yet (job n_rows is the links). */
typedef struct
{
  RemoraFrame  *frame;
  GCancellable *cancellable;
  GError      **errors; /* per job */
  int           n_jobs;
  int           next; /* atomic: the next job to take */
  RemoraStore  *helper_store;
  RemoraLinks   links; /* the kinds of links asked for */
} RowJobs;

/* A row's events when a filter applies: those its mask keeps. */
typedef struct
{
  const RemoraEventMask *mask;
  const gint64          *edges;
  int                    width;
  guint32               *counts;
  int                    hint;
} KeptFill;

static void
count_kept (gint64 id, gint64 ts, gpointer user_data)
{
  KeptFill *f = user_data;
  int       c;

  if (!remora_event_mask_contains (f->mask, id))
    return;
  c = f->hint = remora_columns_find_from (f->edges, f->width, ts, f->hint);
  if (c >= 0)
    f->counts[c]++;
}

static void
mask_events (RemoraStore *store, RemoraFrame *frame, RemoraFrameRow *row, GError **error)
{
  gboolean            by_pid = row->spec.kind == REMORA_ROW_TASK;
  int                 width = frame->columns;
  g_autofree gint64  *edges = g_new (gint64, width + 1);
  g_autofree guint32 *counts = g_new0 (guint32, width);

  for (int c = 0; c < width; c++)
    edges[c] = by_pid ? row->task_columns[c].begin_ns : row->cpu_columns[c].begin_ns;
  edges[width] = by_pid ? row->task_columns[width - 1].end_ns : row->cpu_columns[width - 1].end_ns;
  if (row->level >= 0)
    {
      /* summary columns span whole cells, of the mask's size or more */
      for (int c = 0; c < width; c++)
        counts[c] = (guint32) remora_event_mask_count_cells (
            frame->mask, by_pid, row->spec.buffer_id, row->spec.id,
            edges[c] >> REMORA_EVENT_MASK_CELL_SHIFT, edges[c + 1] >> REMORA_EVENT_MASK_CELL_SHIFT);
    }
  else
    {
      KeptFill f = { frame->mask, edges, width, counts, -1 };

      if (!remora_store_read_event_stamps (store, row->spec.buffer_id, by_pid, row->spec.id,
                                           edges[0], edges[width], count_kept, &f, error))
        return;
    }
  for (int c = 0; c < width; c++)
    {
      if (by_pid)
        row->task_columns[c].events = counts[c];
      else
        row->cpu_columns[c].events = counts[c];
    }
}

/* A device row: its requests one by one when the range holds few enough to
 * tell apart (on average at least two columns each), else the queue depth
 * per column. */
static void
answer_device (RemoraFrame *frame, RemoraFrameRow *row)
{
  const RemoraBlockDevice *d = row->device;
  gint64                   begin = frame->range.begin_ns, end = frame->range.end_ns;
  int                      width = frame->columns;
  guint                    most = (guint) MAX (1, width / 2);

  if (d == NULL)
    return;
  row->lanes = MIN (remora_block_device_get_n_lanes (d), REMORA_BLOCK_MAX_LANES);
  if (remora_block_device_count_issued (d, begin, end) <= most)
    {
      const RemoraBlockRequest *requests;
      guint                     n;

      row->boxes = g_array_new (FALSE, FALSE, sizeof (guint));
      remora_block_device_collect (d, begin, end, 2 * most, row->boxes);
      if (row->boxes->len <= 2 * most)
        {
          row->level = -1;
          requests = remora_block_device_get_requests (d, &n);
          for (guint i = 0; i < row->boxes->len; i++)
            if (requests[g_array_index (row->boxes, guint, i)].lane >= row->lanes)
              row->overflow++;
        }
      else
        g_clear_pointer (&row->boxes, g_array_unref);
    }
  {
    g_autofree gint64 *edges = g_new (gint64, width + 1);

    gint64 dur = end - begin;

    for (int c = 0; c <= width; c++)
      edges[c] = begin + dur * c / width;
    row->depth_min = g_new (guint16, width);
    row->depth_max = g_new (guint16, width);
    remora_block_device_get_depth (d, edges, width, row->depth_min, row->depth_max);
    for (int c = 0; c < width; c++)
      row->depth_peak = MAX (row->depth_peak, row->depth_max[c]);
    if (row->boxes != NULL)
      {
        g_clear_pointer (&row->depth_min, g_free);
        g_clear_pointer (&row->depth_max, g_free);
      }
    else
      row->level = 0;
  }
}

/* A CPU row's share of each column idle with a request in flight. */
static void
answer_idle_io (RemoraFrame *frame, RemoraFrameRow *row)
{
  if (row->blocks == NULL || !remora_block_index_has_idle_io (row->blocks))
    return;
  row->idle_io = g_new (float, frame->columns);
  for (int c = 0; c < frame->columns; c++)
    {
      const RemoraCpuColumn *col = &row->cpu_columns[c];
      gint64                 len = col->end_ns - col->begin_ns;

      row->idle_io[c] = len > 0 ? (float) remora_block_index_get_idle_io (
                                      row->blocks, row->spec.id, col->begin_ns, col->end_ns) /
                                      (float) len
                                : 0;
    }
}

static void
query_rows (RowJobs *jobs, RemoraStore *store)
{
  RemoraFrame *frame = jobs->frame;
  int          i;

  while ((i = g_atomic_int_add (&jobs->next, 1)) < jobs->n_jobs)
    {
      RemoraFrameRow *row = &frame->rows[MIN (i, (int) frame->n_rows - 1)];

      if (g_cancellable_set_error_if_cancelled (jobs->cancellable, &jobs->errors[i]))
        continue;
      if (i == (int) frame->n_rows)
        {
          read_links (store, frame, jobs->links, &jobs->errors[i]);
          continue;
        }
      if (row->unreadable)
        continue;
      if (row->spec.kind == REMORA_ROW_DEVICE)
        {
          answer_device (frame, row);
          continue;
        }
      if (row->spec.kind == REMORA_ROW_CPU)
        {
          remora_cpu_row_query (store, row->spec.buffer_id, row->spec.id, &frame->range,
                                frame->columns, row->cpu_columns, &row->level, &jobs->errors[i]);
          /* a trace cut short: the CPU's data may end before the trace does */
          if (frame->info->missing_bytes > 0 && jobs->errors[i] == NULL)
            {
              gint64 first, last;

              if (remora_store_read_cpu_extent (store, row->spec.buffer_id, row->spec.id, &first,
                                                &last, &jobs->errors[i]))
                row->data_end_ns = last >= 0 ? last : frame->info->first_ts;
            }
          if (jobs->errors[i] == NULL)
            answer_idle_io (frame, row);
        }
      else
        remora_task_row_query (store, row->spec.buffer_id, row->spec.id, &frame->range,
                               frame->columns, row->task_columns, &row->level, &jobs->errors[i]);
      if (frame->mask != NULL && jobs->errors[i] == NULL)
        mask_events (store, frame, row, &jobs->errors[i]);
    }
}

static gpointer
helper_main (gpointer data)
{
  RowJobs *jobs = data;

  /* without a snapshot of its own it leaves the rows to the caller */
  if (!remora_store_begin_snapshot (jobs->helper_store, NULL))
    return NULL;
  query_rows (jobs, jobs->helper_store);
  remora_store_end_snapshot (jobs->helper_store);
  return NULL;
}

/* Starts the helper thread on the rows when there is a second core, a second
 * connection and a thread to be had; NULL when this thread does it all. */
static GThread *
start_row_jobs (RowJobs *jobs, RemoraStore *store)
{
  if (jobs->n_jobs < 2 || g_get_num_processors () < 2)
    return NULL;
  jobs->helper_store = remora_store_get_companion (store, NULL);
  if (jobs->helper_store == NULL)
    return NULL;
  return g_thread_try_new ("remora-rows", helper_main, jobs, NULL);
}

static gboolean
read_links (RemoraStore *store, RemoraFrame *frame, RemoraLinks kinds, GError **error)
{
  g_autoptr (GArray) wakeups = g_array_new (FALSE, FALSE, sizeof (RemoraWakeupLink));
  g_autoptr (GArray) blocks = g_array_new (FALSE, FALSE, sizeof (RemoraBlockLink));
  gboolean too_many;

  if (kinds & REMORA_LINKS_WAKEUPS)
    {
      if (!remora_store_read_wakeup_links (store, frame->links_buffer_id, frame->range.begin_ns,
                                           frame->range.end_ns, REMORA_FRAME_MAX_LINKS, wakeups,
                                           &too_many, error))
        return FALSE;
      if (!too_many)
        frame->wakeup_links = g_steal_pointer (&wakeups);
    }
  if (kinds & REMORA_LINKS_BLOCK)
    {
      if (!remora_store_read_block_links (store, frame->links_buffer_id, frame->range.begin_ns,
                                          frame->range.end_ns, REMORA_FRAME_MAX_LINKS, blocks,
                                          &too_many, error))
        return FALSE;
      if (!too_many)
        frame->block_links = g_steal_pointer (&blocks);
    }
  return TRUE;
}

/**
 * RemoraFrameJob:
 *
 * A frame being answered: remora_frame_job_start() reads what does not
 * depend on the rows' columns (the rows asked for, the task rows' names, the
 * trace's description) and sets a helper thread on the rows; meanwhile the
 * caller may paint what needs no more (render's remora_timeline_paint_chrome()
 * of remora_frame_job_get_frame()); remora_frame_job_finish() takes the rows
 * left, joins the helper and hands the complete frame over.
 */
struct _RemoraFrameJob
{
  RemoraStore *store;
  RemoraFrame *frame;
  RowJobs      jobs;
  GThread     *helper;
  gboolean     own_snapshot;
  GError      *error;
};

/**
 * remora_frame_job_start:
 * @store: the store to read, on this thread (a helper thread reads its
 *   companion)
 * @request: what to answer
 * @cancellable: (nullable): stops the answer between rows
 *
 * Starts answering @request. Finish it with remora_frame_job_finish() on
 * the same thread; until then @store is the job's.
 *
 * Returns: (transfer full): the job.
 */
RemoraFrameJob *
remora_frame_job_start (RemoraStore              *store,
                        const RemoraFrameRequest *request,
                        GCancellable             *cancellable)
{
  RemoraFrameJob *job;
  RemoraFrame    *frame;
  guint           n;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  g_return_val_if_fail (request->columns > 0, NULL);

  n = request->rows->len;
  job = g_new0 (RemoraFrameJob, 1);
  job->store = g_object_ref (store);
  job->frame = frame = g_atomic_rc_box_new0 (RemoraFrame);
  frame->info = remora_trace_info_ref ((RemoraTraceInfo *) remora_store_get_info (store));
  frame->range = request->range;
  frame->columns = request->columns;
  frame->n_rows = n;
  frame->rows = g_new0 (RemoraFrameRow, MAX (1, n));
  frame->markers = new_markers ();
  frame->selection = request->selection;
  frame->mask = request->mask ? remora_event_mask_ref (request->mask) : NULL;
  frame->hide_left_out = request->hide_left_out;
  frame->links_buffer_id = n > 0 ? g_array_index (request->rows, RemoraRowSpec, 0).buffer_id : 0;
  for (guint i = 0; i < n; i++)
    {
      RemoraFrameRow *row = &frame->rows[i];

      row->spec = g_array_index (request->rows, RemoraRowSpec, i);
      row->spec.label = g_strdup (row->spec.label);
      row->data_end_ns = G_MAXINT64;
      if (row->spec.kind == REMORA_ROW_CPU)
        row->cpu_columns = take_block (block_size (request->columns));
      else if (row->spec.kind == REMORA_ROW_TASK)
        row->task_columns = take_block (block_size (request->columns));
    }
  for (guint i = 0; request->markers && i < request->markers->len; i++)
    {
      RemoraMarker m = g_array_index (request->markers, RemoraMarker, i);
      m.name = g_strdup (m.name);
      g_array_append_val (frame->markers, m);
    }

  /* one read transaction for the whole frame: one lock, one check that the
   * file is unchanged, instead of one per query */
  job->own_snapshot = !remora_store_in_snapshot (store);
  if (!remora_store_begin_snapshot (store, &job->error))
    {
      job->own_snapshot = FALSE;
      return job;
    }
  /* the block requests of the rows that show them, read once per store
   * (before the helper starts on the rows) */
  for (guint i = 0; i < n; i++)
    {
      RemoraFrameRow *row = &frame->rows[i];
      g_autoptr (GError) e = NULL;

      if (row->spec.kind != REMORA_ROW_DEVICE &&
          !(row->spec.kind == REMORA_ROW_CPU && request->idle_io))
        continue;
      row->blocks = remora_store_get_block_index (store, row->spec.buffer_id, &e);
      if (row->blocks == NULL)
        {
          row->unreadable = TRUE;
          if (frame->problem == NULL)
            frame->problem = g_strdup (e->message);
        }
      else if (row->spec.kind == REMORA_ROW_DEVICE)
        row->device = remora_block_index_find_device (row->blocks, row->spec.id);
    }
  job->jobs.frame = frame;
  job->jobs.cancellable = cancellable;
  job->jobs.links = request->links;
  job->jobs.n_jobs = (int) n + (request->links != REMORA_LINKS_NONE && n > 0 ? 1 : 0);
  job->jobs.errors = g_new0 (GError *, MAX (1, job->jobs.n_jobs));
  job->helper = start_row_jobs (&job->jobs, store);
  /* while the helper answers rows (read once per connection) */
  frame->names = remora_store_get_name_history (store, &job->error);
  if (frame->names != NULL)
    remora_name_history_ref (frame->names);
  return job;
}

/**
 * remora_frame_job_get_frame:
 * @job: a #RemoraFrameJob
 *
 * Returns: (transfer none): the frame as far as it is known before its
 *   rows' columns are: the rows asked for and their labels' names, the
 *   range, the markers, the selection, the trace's description. Only for
 *   remora_timeline_paint_chrome(), until the job is finished.
 */
const RemoraFrame *
remora_frame_job_get_frame (RemoraFrameJob *job)
{
  return job->frame;
}

/**
 * remora_frame_job_finish:
 * @job: (transfer full): a job from remora_frame_job_start()
 * @error: a location for a #GError
 *
 * Answers the rows the helper thread has not taken, on this thread, waits
 * for the helper, and frees @job.
 *
 * Returns: (transfer full): the frame (rows the store could not answer
 *   marked unreadable, and why in its problem), or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled).
 */
RemoraFrame *
remora_frame_job_finish (RemoraFrameJob *job, GError **error)
{
  g_autoptr (GError) local_error = g_steal_pointer (&job->error);
  RemoraFrame *frame = NULL;

  if (job->jobs.errors != NULL)
    {
      query_rows (&job->jobs, job->store);
      if (job->helper)
        g_thread_join (job->helper);
      /* a row the store could not answer (a damaged summary block, a
       * damaged page) leaves the others: it is marked, the links are left
       * out, and the frame says why; a cancel ends it all */
      for (int i = 0; i < job->jobs.n_jobs; i++)
        {
          GError *e = job->jobs.errors[i];

          if (e == NULL)
            continue;
          if (g_error_matches (e, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              if (!local_error)
                local_error = g_steal_pointer (&job->jobs.errors[i]);
            }
          else
            {
              if (i < (int) job->frame->n_rows)
                job->frame->rows[i].unreadable = TRUE;
              else
                {
                  g_clear_pointer (&job->frame->wakeup_links, g_array_unref);
                  g_clear_pointer (&job->frame->block_links, g_array_unref);
                }
              if (job->frame->problem == NULL)
                job->frame->problem = g_strdup (e->message);
            }
          g_clear_error (&job->jobs.errors[i]);
        }
      g_free (job->jobs.errors);
    }
  if (job->own_snapshot)
    remora_store_end_snapshot (job->store);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      remora_frame_unref (job->frame);
    }
  else
    frame = job->frame;
  g_object_unref (job->store);
  g_free (job);
  return frame;
}

/**
 * remora_frame_compute:
 * @store: the store to read, on this thread (a helper thread reads its
 *   companion)
 * @request: what to answer
 * @cancellable: (nullable): stops the answer between rows
 * @error: a location for a #GError
 *
 * Answers @request: every row's columns (about one summary cell per column
 * and row, whatever the trace's size), the names of the tasks they show,
 * and the links of the range when few enough to be read. Reads in one
 * snapshot of the store, split over two threads when there are two cores.
 *
 * Returns: (transfer full): the frame (rows the store could not answer
 *   marked unreadable, and why in its problem), or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled).
 */
RemoraFrame *
remora_frame_compute (RemoraStore              *store,
                      const RemoraFrameRequest *request,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  return remora_frame_job_finish (remora_frame_job_start (store, request, cancellable), error);
}
