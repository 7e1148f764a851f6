/* remora-frame.c: one timeline frame, asked and answered
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-frame.h"

#include <string.h>

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
  request->links = TRUE;
}

void
remora_frame_request_clear (RemoraFrameRequest *request)
{
  g_clear_pointer (&request->rows, g_array_unref);
  g_clear_pointer (&request->markers, g_array_unref);
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

/* Frames ------------------------------------------------------------------- */

static void
frame_clear (gpointer p)
{
  RemoraFrame *frame = p;

  for (guint i = 0; i < frame->n_rows; i++)
    {
      g_free (frame->rows[i].spec.label);
      g_free (frame->rows[i].cpu_columns);
      g_free (frame->rows[i].task_columns);
    }
  g_free (frame->rows);
  g_clear_pointer (&frame->wakeup_links, g_array_unref);
  g_clear_pointer (&frame->block_links, g_array_unref);
  g_clear_pointer (&frame->markers, g_array_unref);
  g_clear_pointer (&frame->names, g_hash_table_unref);
  g_clear_pointer (&frame->info, remora_trace_info_unref);
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
 * @pid: a task of one of its rows or columns
 *
 * Returns: the task's name as the store knows it, or "<...>" (as trace-cmd
 *   prints an unknown task).
 */
const char *
remora_frame_get_task_name (const RemoraFrame *frame, int pid)
{
  const char *name = g_hash_table_lookup (frame->names, GINT_TO_POINTER (pid));
  return name ? name : "<...>";
}

/* The rows' queries, answered by the calling thread and, on a machine with
 * more than one core, a helper thread with a connection of its own: each
 * takes the next row not taken yet. */
typedef struct
{
  RemoraFrame  *frame;
  GCancellable *cancellable;
  GError      **errors; /* per row */
  int           next;   /* atomic: the next row to take */
  RemoraStore  *helper_store;
} RowJobs;

static void
query_rows (RowJobs *jobs, RemoraStore *store)
{
  RemoraFrame *frame = jobs->frame;
  int          n = (int) frame->n_rows;
  int          i;

  while ((i = g_atomic_int_add (&jobs->next, 1)) < n)
    {
      RemoraFrameRow *row = &frame->rows[i];

      if (g_cancellable_set_error_if_cancelled (jobs->cancellable, &jobs->errors[i]))
        continue;
      if (row->spec.kind == REMORA_ROW_CPU)
        remora_cpu_row_query (store, row->spec.buffer_id, row->spec.id, &frame->range,
                              frame->columns, row->cpu_columns, &row->level, &jobs->errors[i]);
      else
        remora_task_row_query (store, row->spec.buffer_id, row->spec.id, &frame->range,
                               frame->columns, row->task_columns, &row->level, &jobs->errors[i]);
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
  if (jobs->frame->n_rows < 2 || g_get_num_processors () < 2)
    return NULL;
  jobs->helper_store = remora_store_get_companion (store, NULL);
  if (jobs->helper_store == NULL)
    return NULL;
  return g_thread_try_new ("remora-rows", helper_main, jobs, NULL);
}

/* The names of the frame's tasks: its task rows and the tasks its CPU rows
 * show. */
static gboolean
read_names (RemoraStore *store, RemoraFrame *frame, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < frame->n_rows; i++)
    {
      const RemoraFrameRow *row = &frame->rows[i];
      int                   last = -1;

      if (row->spec.kind == REMORA_ROW_TASK)
        {
          if (g_hash_table_add (seen, GINT_TO_POINTER (row->spec.id)))
            g_array_append_val (pids, row->spec.id);
          continue;
        }
      for (int c = 0; c < frame->columns; c++)
        {
          int pid = row->cpu_columns[c].pid;
          if (pid < 0 || pid == last)
            continue;
          last = pid;
          if (g_hash_table_add (seen, GINT_TO_POINTER (pid)))
            g_array_append_val (pids, pid);
        }
    }
  return remora_store_read_task_names (store, (const int *) (void *) pids->data, pids->len,
                                       frame->names, error);
}

static gboolean
read_links (RemoraStore *store, RemoraFrame *frame, GError **error)
{
  g_autoptr (GArray) wakeups = g_array_new (FALSE, FALSE, sizeof (RemoraWakeupLink));
  g_autoptr (GArray) blocks = g_array_new (FALSE, FALSE, sizeof (RemoraBlockLink));
  gboolean too_many;

  if (!remora_store_read_wakeup_links (store, frame->links_buffer_id, frame->range.begin_ns,
                                       frame->range.end_ns, REMORA_FRAME_MAX_LINKS, wakeups,
                                       &too_many, error))
    return FALSE;
  if (!too_many)
    frame->wakeup_links = g_steal_pointer (&wakeups);
  if (!remora_store_read_block_links (store, frame->links_buffer_id, frame->range.begin_ns,
                                      frame->range.end_ns, REMORA_FRAME_MAX_LINKS, blocks,
                                      &too_many, error))
    return FALSE;
  if (!too_many)
    frame->block_links = g_steal_pointer (&blocks);
  return TRUE;
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
 * Returns: (transfer full): the frame, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled).
 */
RemoraFrame *
remora_frame_compute (RemoraStore              *store,
                      const RemoraFrameRequest *request,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) local_error = NULL;
  RowJobs  jobs = { 0 };
  GThread *helper;
  gboolean own_snapshot;
  guint    n;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  g_return_val_if_fail (request->columns > 0, NULL);

  n = request->rows->len;
  frame = g_atomic_rc_box_new0 (RemoraFrame);
  frame->info = remora_trace_info_ref ((RemoraTraceInfo *) remora_store_get_info (store));
  frame->range = request->range;
  frame->columns = request->columns;
  frame->n_rows = n;
  frame->rows = g_new0 (RemoraFrameRow, MAX (1, n));
  frame->names = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  frame->markers = new_markers ();
  frame->selection = request->selection;
  frame->links_buffer_id = n > 0 ? g_array_index (request->rows, RemoraRowSpec, 0).buffer_id : 0;
  for (guint i = 0; i < n; i++)
    {
      RemoraFrameRow *row = &frame->rows[i];

      row->spec = g_array_index (request->rows, RemoraRowSpec, i);
      row->spec.label = g_strdup (row->spec.label);
      if (row->spec.kind == REMORA_ROW_CPU)
        row->cpu_columns = g_new (RemoraCpuColumn, request->columns);
      else
        row->task_columns = g_new (RemoraTaskColumn, request->columns);
    }
  for (guint i = 0; request->markers && i < request->markers->len; i++)
    {
      RemoraMarker m = g_array_index (request->markers, RemoraMarker, i);
      m.name = g_strdup (m.name);
      g_array_append_val (frame->markers, m);
    }

  /* one read transaction for the whole frame: one lock, one check that the
   * file is unchanged, instead of one per query */
  own_snapshot = !remora_store_in_snapshot (store);
  if (!remora_store_begin_snapshot (store, error))
    return NULL;
  jobs.frame = frame;
  jobs.cancellable = cancellable;
  jobs.errors = g_new0 (GError *, MAX (1, n));
  helper = start_row_jobs (&jobs, store);
  query_rows (&jobs, store);
  if (helper)
    g_thread_join (helper);
  for (guint i = 0; i < n; i++)
    {
      if (jobs.errors[i] && !local_error)
        local_error = g_steal_pointer (&jobs.errors[i]);
      g_clear_error (&jobs.errors[i]);
    }
  g_free (jobs.errors);
  if (!local_error)
    read_names (store, frame, &local_error);
  if (!local_error && request->links && n > 0)
    read_links (store, frame, &local_error);
  if (own_snapshot)
    remora_store_end_snapshot (store);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&frame);
}
