/* remora-session.c: what a view of a trace is looking at
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-session-private.h"

/**
 * RemoraSession:
 *
 * The state of one view of a trace: its store, the visible range (a
 * #RemoraViewport), the rows, the markers, the selection and whether links
 * are drawn. The window, `remora export` and saved investigations share it.
 * It lives on the main thread and says #RemoraSession::changed after every
 * change; frames are asked of it for a number of pixel columns and
 * answered off that thread, from a copy of its state, by a worker with a
 * store connection of its own. A newer request cancels the older one.
 */

G_DEFINE_FINAL_TYPE (RemoraSession, remora_session, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GParamSpec *properties[N_PROPS];

static void
changed (RemoraSession *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_remora_session_changed (RemoraSession *self)
{
  changed (self);
}

void
_remora_session_notify (RemoraSession *self, guint prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

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

/**
 * remora_session_new:
 * @store: the store to view
 *
 * Returns: (transfer full): a session showing the whole trace, without rows.
 */
RemoraSession *
remora_session_new (RemoraStore *store)
{
  RemoraSession         *self;
  const RemoraTraceInfo *info;
  RemoraTimeRange        trace;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  self = g_object_new (REMORA_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  info = remora_store_get_info (store);
  trace = remora_time_range_make (info->first_ts, info->last_ts + 1);
  remora_viewport_init (&self->viewport, &trace, 1);
  return self;
}

/**
 * remora_session_note_problem:
 * @self: a #RemoraSession
 * @error: why a view could not read what it asked of the store (a
 *   cancellation is no problem and is ignored)
 *
 * Says, once for every view that watches @self, that the store failed a
 * view (a damaged summary block, a damaged page): the first problem is kept
 * as #RemoraSession:problem; those after it are the same store's. Main
 * thread only.
 */
void
remora_session_note_problem (RemoraSession *self, const GError *error)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->problem != NULL)
    return;
  self->problem = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

/**
 * remora_session_get_problem:
 * @self: a #RemoraSession
 *
 * Returns: (nullable): the first problem a view met reading the store, or
 *   %NULL.
 */
const char *
remora_session_get_problem (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->problem;
}

static void
remora_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemoraSession *self = REMORA_SESSION (object);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_SELECTION:
      g_value_set_pointer (value, &self->selection);
      break;
    case PROP_FILTER:
      g_value_set_pointer (value, self->filter);
      break;
    case PROP_ABSOLUTE_TIME:
      g_value_set_boolean (value, self->absolute_time);
      break;
    case PROP_FOLLOWS:
      g_value_set_boolean (value, self->follows[REMORA_FOLLOW_TIMELINE] &&
                                      self->follows[REMORA_FOLLOW_LIST]);
      break;
    case PROP_DETAIL:
      g_value_set_pointer (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

RemoraStore *
remora_session_get_store (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->store;
}

const RemoraTraceInfo *
remora_session_get_info (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return remora_store_get_info (self->store);
}

/* The visible range ----------------------------------------------------------- */

/**
 * remora_session_get_viewport:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none): the trace's span, the visible range and the
 *   width it is drawn on.
 */
const RemoraViewport *
remora_session_get_viewport (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return &self->viewport;
}

/**
 * remora_session_set_width:
 * @self: a #RemoraSession
 * @width_px: how many pixels the visible range is drawn across
 *
 * What zooming and panning by pixels (remora_session_zoom(),
 * remora_session_pan()) measure against.
 */
void
remora_session_set_width (RemoraSession *self, int width_px)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (MAX (1, width_px) == self->viewport.width_px)
    return;
  self->viewport.width_px = MAX (1, width_px);
  changed (self);
}

/**
 * remora_session_set_visible:
 * @self: a #RemoraSession
 * @begin_ns: the first nanosecond to show
 * @end_ns: the nanosecond after the last
 *
 * Shows [@begin_ns, @end_ns), kept inside the trace and at least
 * %REMORA_VIEWPORT_MIN_DURATION_NS long (see remora_viewport_set_visible()).
 */
void
remora_session_set_visible (RemoraSession *self, gint64 begin_ns, gint64 end_ns)
{
  RemoraTimeRange before;

  g_return_if_fail (REMORA_IS_SESSION (self));
  before = self->viewport.visible;
  remora_viewport_set_visible (&self->viewport, begin_ns, end_ns);
  if (!remora_time_range_equal (&before, &self->viewport.visible))
    changed (self);
}

/**
 * remora_session_zoom:
 * @self: a #RemoraSession
 * @factor: more than 1 zooms in
 * @focus_px: the pixel (from the left) that keeps its time
 */
void
remora_session_zoom (RemoraSession *self, double factor, double focus_px)
{
  RemoraTimeRange before;

  g_return_if_fail (REMORA_IS_SESSION (self));
  before = self->viewport.visible;
  remora_viewport_zoom (&self->viewport, factor, focus_px);
  if (!remora_time_range_equal (&before, &self->viewport.visible))
    changed (self);
}

/**
 * remora_session_pan:
 * @self: a #RemoraSession
 * @delta_px: how far to move, in pixels (positive: later)
 */
void
remora_session_pan (RemoraSession *self, double delta_px)
{
  RemoraTimeRange before;

  g_return_if_fail (REMORA_IS_SESSION (self));
  before = self->viewport.visible;
  remora_viewport_pan (&self->viewport, delta_px);
  if (!remora_time_range_equal (&before, &self->viewport.visible))
    changed (self);
}

/* Rows ---------------------------------------------------------------------- */

/**
 * remora_session_get_rows:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none) (element-type RemoraRowSpec): the rows, top to
 *   bottom.
 */
const GArray *
remora_session_get_rows (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->rows;
}

/**
 * remora_session_add_row:
 * @self: a #RemoraSession
 * @kind: a CPU row or a task row
 * @buffer_id: the buffer (0 for the top-level one)
 * @id: the CPU or the pid
 * @label: (nullable): the row's label, %NULL for the usual one
 *
 * Adds a row at the bottom.
 */
void
remora_session_add_row (
    RemoraSession *self, RemoraRowKind kind, int buffer_id, int id, const char *label)
{
  RemoraRowSpec r = { kind, buffer_id, id, g_strdup (label) };

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_array_append_val (self->rows, r);
  changed (self);
}

void
remora_session_remove_row (RemoraSession *self, guint index)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (index < self->rows->len);
  g_array_remove_index (self->rows, index);
  if (self->selection.row == (int) index)
    self->selection.row = -1;
  else if (self->selection.row > (int) index)
    self->selection.row--;
  changed (self);
}

/**
 * remora_session_move_row:
 * @self: a #RemoraSession
 * @index: a row
 * @to: where it goes (its index afterwards)
 */
void
remora_session_move_row (RemoraSession *self, guint index, guint to)
{
  RemoraRowSpec r;

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (index < self->rows->len && to < self->rows->len);
  if (index == to)
    return;
  r = g_array_index (self->rows, RemoraRowSpec, index);
  g_array_index (self->rows, RemoraRowSpec, index).label = NULL;
  g_array_remove_index (self->rows, index);
  g_array_insert_val (self->rows, to, r);
  if (self->selection.row == (int) index)
    self->selection.row = (int) to;
  else if (self->selection.row >= 0)
    {
      int s = self->selection.row;
      if ((int) index < s && s <= (int) to)
        s--;
      else if ((int) to <= s && s < (int) index)
        s++;
      self->selection.row = s;
    }
  changed (self);
}

/* Markers and the selection ---------------------------------------------------- */

const GArray *
remora_session_get_markers (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->markers;
}

static int
compare_markers (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const RemoraMarker *) a)->ts, y = ((const RemoraMarker *) b)->ts;
  return (x > y) - (x < y);
}

/**
 * remora_session_add_marker:
 * @self: a #RemoraSession
 * @name: the marker's name
 * @ts: the time it marks
 *
 * Adds a marker; markers stay in time order.
 */
void
remora_session_add_marker (RemoraSession *self, const char *name, gint64 ts)
{
  RemoraMarker m = { g_strdup (name), ts };

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_array_append_val (self->markers, m);
  g_array_sort (self->markers, compare_markers);
  changed (self);
}

void
remora_session_remove_marker (RemoraSession *self, guint index)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (index < self->markers->len);
  g_array_remove_index (self->markers, index);
  changed (self);
}

/**
 * remora_session_rename_marker:
 * @self: a #RemoraSession
 * @index: a marker
 * @name: its new name
 */
void
remora_session_rename_marker (RemoraSession *self, guint index, const char *name)
{
  RemoraMarker *m;

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (index < self->markers->len && name != NULL);
  m = &g_array_index (self->markers, RemoraMarker, index);
  if (g_str_equal (m->name, name))
    return;
  g_free (m->name);
  m->name = g_strdup (name);
  changed (self);
}

const RemoraSelection *
remora_session_get_selection (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return &self->selection;
}

/**
 * remora_session_select:
 * @self: a #RemoraSession
 * @row: a row index, or -1 to select nothing
 * @begin_ns: the start of the slice or the event's time
 * @end_ns: the slice's end (exclusive), or @begin_ns for an event
 */
void
remora_session_select (RemoraSession *self, int row, gint64 begin_ns, gint64 end_ns)
{
  RemoraSelection s = { row,
                        begin_ns,
                        MAX (begin_ns, end_ns),
                        end_ns > begin_ns ? REMORA_SELECTION_SLICE : REMORA_SELECTION_EVENT,
                        -1,
                        0 };

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (row < (int) self->rows->len);
  if (row < 0)
    {
      _remora_session_clear_selection (self);
      return;
    }
  if (s.row == self->selection.row && s.begin_ns == self->selection.begin_ns &&
      s.end_ns == self->selection.end_ns && s.kind == self->selection.kind)
    return;
  if (self->selecting)
    g_cancellable_cancel (self->selecting);
  g_clear_object (&self->selecting);
  s.buffer_id = g_array_index (self->rows, RemoraRowSpec, row).buffer_id;
  self->selection = s;
  g_clear_pointer (&self->detail, remora_detail_free);
  _remora_session_notify (self, PROP_SELECTION);
  _remora_session_notify (self, PROP_DETAIL);
  changed (self);
}

gboolean
remora_session_get_links (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), FALSE);
  return self->links != REMORA_LINKS_NONE;
}

/**
 * remora_session_set_links:
 * @self: a #RemoraSession
 * @links: whether frames answer the links between events (wakeup to
 *   switch, block issue to completion): every kind, or none
 */
void
remora_session_set_links (RemoraSession *self, gboolean links)
{
  remora_session_set_link_kinds (self, links ? REMORA_LINKS_ALL : REMORA_LINKS_NONE);
}

/**
 * remora_session_get_link_kinds:
 * @self: a #RemoraSession
 *
 * Returns: the kinds of links frames answer
 */
RemoraLinks
remora_session_get_link_kinds (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), REMORA_LINKS_NONE);
  return self->links;
}

/**
 * remora_session_set_link_kinds:
 * @self: a #RemoraSession
 * @kinds: the kinds of links frames answer: each can be switched off
 */
void
remora_session_set_link_kinds (RemoraSession *self, RemoraLinks kinds)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  kinds &= REMORA_LINKS_ALL;
  if (kinds == self->links)
    return;
  self->links = kinds;
  changed (self);
}

/**
 * remora_session_set_hide_left_out:
 * @self: a #RemoraSession
 * @hide: whether the timeline hides the slices of the tasks and CPUs the
 *   filter applied to it leaves out, rather than greying them
 */
void
remora_session_set_hide_left_out (RemoraSession *self, gboolean hide)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (!hide == !self->hide_left_out)
    return;
  self->hide_left_out = !!hide;
  changed (self);
}

gboolean
remora_session_get_hide_left_out (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), FALSE);
  return self->hide_left_out;
}

/**
 * remora_session_set_idle_io:
 * @self: a #RemoraSession
 * @shade: whether CPU rows shade where the CPU sat idle while a block
 *   request was in flight
 */
void
remora_session_set_idle_io (RemoraSession *self, gboolean shade)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (!shade == !self->idle_io)
    return;
  self->idle_io = !!shade;
  changed (self);
}

gboolean
remora_session_get_idle_io (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), FALSE);
  return self->idle_io;
}

/**
 * remora_session_set_absolute_time:
 * @self: a #RemoraSession
 * @absolute: whether times are shown as recorded rather than from the
 *   trace's start
 *
 * A display toggle every view follows (#RemoraSession:absolute-time): the
 * list's times, the timeline's axis.
 */
void
remora_session_set_absolute_time (RemoraSession *self, gboolean absolute)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (!absolute == !self->absolute_time)
    return;
  self->absolute_time = !!absolute;
  _remora_session_notify (self, PROP_ABSOLUTE_TIME);
}

gboolean
remora_session_get_absolute_time (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), FALSE);
  return self->absolute_time;
}

/**
 * remora_session_set_follows:
 * @self: a #RemoraSession
 * @follow: which view follows which
 * @on: whether it does
 *
 * A display toggle the views watch (#RemoraSession:follows is notified).
 */
void
remora_session_set_follows (RemoraSession *self, RemoraFollow follow, gboolean on)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (follow < REMORA_N_FOLLOWS);
  if (!on == !self->follows[follow])
    return;
  self->follows[follow] = !!on;
  _remora_session_notify (self, PROP_FOLLOWS);
}

gboolean
remora_session_get_follows (RemoraSession *self, RemoraFollow follow)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), FALSE);
  g_return_val_if_fail (follow < REMORA_N_FOLLOWS, FALSE);
  return self->follows[follow];
}

/**
 * remora_session_set_mask:
 * @self: a #RemoraSession
 * @mask: (nullable): the events a filter keeps, %NULL for all: frames
 *   count and mark only those
 */
void
remora_session_set_mask (RemoraSession *self, RemoraEventMask *mask)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (mask == self->mask)
    return;
  g_clear_pointer (&self->mask, remora_event_mask_unref);
  self->mask = mask ? remora_event_mask_ref (mask) : NULL;
  changed (self);
}

/**
 * remora_session_get_mask:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none) (nullable): the mask the frames use.
 */
RemoraEventMask *
remora_session_get_mask (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->mask;
}

/**
 * remora_session_set_filter:
 * @self: a #RemoraSession
 * @filter: (nullable): the filter applied, %NULL for none
 * @target: what it applies to
 * @mask: (nullable): what it keeps (its job's answer), %NULL for every event
 *
 * The filter the user applied: the views watch it (#RemoraSession:filter);
 * the frames count and mark only what @mask keeps when @target has the
 * timeline.
 */
void
remora_session_set_filter (RemoraSession      *self,
                           const RemoraFilter *filter,
                           RemoraFilterTarget  target,
                           RemoraEventMask    *mask)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  if (remora_filter_is_empty (filter))
    filter = NULL, mask = NULL;
  if (mask == self->filter_mask && target == self->filter_target &&
      (filter == NULL) == (self->filter == NULL) &&
      (filter == NULL || remora_filter_equal (filter, self->filter)))
    return;
  g_clear_pointer (&self->filter, remora_filter_free);
  self->filter = filter ? remora_filter_copy (filter) : NULL;
  self->filter_target = target;
  g_clear_pointer (&self->filter_mask, remora_event_mask_unref);
  self->filter_mask = mask ? remora_event_mask_ref (mask) : NULL;
  _remora_session_notify (self, PROP_FILTER);
  remora_session_set_mask (self, target != REMORA_FILTER_TARGET_LIST ? mask : NULL);
}

/**
 * remora_session_get_filter:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none) (nullable): the filter applied, %NULL for none.
 */
const RemoraFilter *
remora_session_get_filter (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->filter;
}

/**
 * remora_session_get_filter_target:
 * @self: a #RemoraSession
 *
 * Returns: what the filter applied applies to.
 */
RemoraFilterTarget
remora_session_get_filter_target (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), REMORA_FILTER_TARGET_BOTH);
  return self->filter_target;
}

/**
 * remora_session_get_filter_mask:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none) (nullable): what the filter applied keeps, %NULL
 *   for every event.
 */
RemoraEventMask *
remora_session_get_filter_mask (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->filter_mask;
}

/* Frames -------------------------------------------------------------------- */

/**
 * remora_session_make_request:
 * @self: a #RemoraSession
 * @columns: how many pixel columns to answer
 * @request: (out caller-allocates): a copy of the session's state, cleared
 *   with remora_frame_request_clear()
 */
void
remora_session_make_request (RemoraSession *self, int columns, RemoraFrameRequest *request)
{
  RemoraFrameRequest view;

  g_return_if_fail (REMORA_IS_SESSION (self));
  view.range = self->viewport.visible;
  view.columns = MAX (1, columns);
  view.rows = self->rows;
  view.markers = self->markers;
  view.selection = self->selection;
  view.links = self->links;
  view.mask = self->mask;
  view.hide_left_out = self->hide_left_out;
  view.idle_io = self->idle_io;
  remora_frame_request_copy (request, &view);
}

/**
 * remora_session_start_frame:
 * @self: a #RemoraSession
 * @columns: how many pixel columns to answer
 *
 * Starts answering a frame on this thread with the session's own store, for
 * the command line and tests, which have nothing else to do meanwhile but to
 * paint what needs no columns (see #RemoraFrameJob).
 *
 * Returns: (transfer full): the job; finish it with
 *   remora_frame_job_finish().
 */
RemoraFrameJob *
remora_session_start_frame (RemoraSession *self, int columns)
{
  RemoraFrameRequest request;
  RemoraFrameJob    *job;

  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  remora_session_make_request (self, columns, &request);
  job = remora_frame_job_start (self->store, &request, NULL);
  remora_frame_request_clear (&request);
  return job;
}

/**
 * remora_session_compute_frame:
 * @self: a #RemoraSession
 * @columns: how many pixel columns to answer
 * @error: a location for a #GError
 *
 * Answers a frame on this thread with the session's own store.
 *
 * Returns: (transfer full): the frame, or %NULL with @error set.
 */
RemoraFrame *
remora_session_compute_frame (RemoraSession *self, int columns, GError **error)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return remora_frame_job_finish (remora_session_start_frame (self, columns), error);
}

typedef struct
{
  RemoraFrameRequest request;
  char              *store_path;
} FrameJob;

static void
frame_job_free (gpointer data)
{
  FrameJob *job = data;

  remora_frame_request_clear (&job->request);
  g_free (job->store_path);
  g_free (job);
}

static void
frame_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraSession *self = source_object;
  FrameJob      *job = task_data;
  GError        *error = NULL;
  RemoraFrame   *frame = NULL;

  remora_lower_thread_priority ();
  g_mutex_lock (&self->worker_lock);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      if (self->worker_store == NULL)
        self->worker_store = remora_store_open (job->store_path, &error);
      if (self->worker_store != NULL)
        frame = remora_frame_compute (self->worker_store, &job->request, cancellable, &error);
    }
  g_mutex_unlock (&self->worker_lock);
  if (frame != NULL)
    g_task_return_pointer (task, frame, (GDestroyNotify) remora_frame_unref);
  else
    g_task_return_error (task, error);
}

static void
warm_up_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraSession *self = source_object;
  const char    *path = task_data;

  remora_lower_thread_priority ();
  g_mutex_lock (&self->worker_lock);
  if (self->worker_store == NULL)
    self->worker_store = remora_store_open (path, NULL);
  /* a failure here is met again, and reported, by the query that needs it */
  if (self->worker_store != NULL && remora_store_load_formats (self->worker_store, NULL))
    remora_store_get_name_history (self->worker_store, NULL);
  g_mutex_unlock (&self->worker_lock);
  g_task_return_boolean (task, TRUE);
}

/**
 * remora_session_warm_up:
 * @self: a #RemoraSession
 *
 * Reads, off the caller's thread, what the first detail asked of the
 * session would read (the trace's formats, the names of its tasks), so that
 * the first click answers as fast as the next: best called once the first
 * frame is shown (frames wait for it meanwhile).
 */
void
remora_session_warm_up (RemoraSession *self)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (REMORA_IS_SESSION (self));
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, remora_session_warm_up);
  g_task_set_task_data (task, g_strdup (remora_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, warm_up_thread);
}

static void
cancel_pending (GCancellable *caller, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/**
 * remora_session_request_frame_async:
 * @self: a #RemoraSession
 * @columns: how many pixel columns to answer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Answers a frame of the session as it is now on a worker thread, with a
 * store connection of its own (and a helper thread's, on two cores). The
 * request before it, if still running, is cancelled: its callback gets
 * G_IO_ERROR_CANCELLED.
 */
void
remora_session_request_frame_async (RemoraSession      *self,
                                    int                 columns,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GCancellable) own = g_cancellable_new ();
  FrameJob *job = g_new0 (FrameJob, 1);

  g_return_if_fail (REMORA_IS_SESSION (self));
  if (self->pending)
    g_cancellable_cancel (self->pending);
  g_set_object (&self->pending, own);
  if (cancellable)
    g_cancellable_connect (cancellable, G_CALLBACK (cancel_pending), g_object_ref (own),
                           g_object_unref);
  remora_session_make_request (self, columns, &job->request);
  job->store_path = g_strdup (remora_store_get_path (self->store));
  task = g_task_new (self, own, callback, user_data);
  g_task_set_source_tag (task, remora_session_request_frame_async);
  g_task_set_task_data (task, job, frame_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, frame_thread);
}

/**
 * remora_session_request_frame_finish:
 * @self: a #RemoraSession
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the frame, or %NULL with @error set.
 */
RemoraFrame *
remora_session_request_frame_finish (RemoraSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Details ----------------------------------------------------------------- */

typedef struct
{
  RemoraRowSpec spec;
  int           row;
  gint64        ts;
  gint64        tolerance_ns;
  gint64        event_id;
  char         *store_path;
} DetailJob;

static void
detail_job_free (gpointer data)
{
  DetailJob *job = data;

  g_free (job->spec.label);
  g_free (job->store_path);
  g_free (job);
}

static void
detail_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  RemoraSession *self = source_object;
  DetailJob     *job = task_data;
  GError        *error = NULL;
  RemoraDetail  *detail = NULL;

  remora_lower_thread_priority ();
  g_mutex_lock (&self->worker_lock);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      if (self->worker_store == NULL)
        self->worker_store = remora_store_open (job->store_path, &error);
      if (self->worker_store != NULL)
        detail = remora_detail_query_event (self->worker_store, job->row, &job->spec, job->ts,
                                            job->tolerance_ns, job->event_id, &error);
    }
  g_mutex_unlock (&self->worker_lock);
  if (detail != NULL)
    g_task_return_pointer (task, detail, (GDestroyNotify) remora_detail_free);
  else
    g_task_return_error (task, error);
}

/**
 * remora_session_query_detail_async:
 * @self: a #RemoraSession
 * @row: a row
 * @ts: a time
 * @tolerance_ns: how far from @ts an event may lie to be named
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Asks what row @row holds at @ts (remora_detail_query()) on the session's
 * worker, after the frames asked before it.
 */
void
remora_session_query_detail_async (RemoraSession      *self,
                                   int                 row,
                                   gint64              ts,
                                   gint64              tolerance_ns,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  remora_session_query_event_async (self, row, ts, tolerance_ns, -1, cancellable, callback,
                                    user_data);
}

/**
 * remora_session_query_event_async:
 * @self: a #RemoraSession
 * @row: a row
 * @ts: a time
 * @tolerance_ns: how far from @ts an event may lie to be named
 * @event_id: the event to name when it is near @ts, or -1 for the nearest
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * remora_session_query_detail_async() naming one event
 * (remora_detail_query_event()); finished with
 * remora_session_query_detail_finish().
 */
void
remora_session_query_event_async (RemoraSession      *self,
                                  int                 row,
                                  gint64              ts,
                                  gint64              tolerance_ns,
                                  gint64              event_id,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (row >= 0 && row < (int) self->rows->len);
  _remora_session_query (self, row, &g_array_index (self->rows, RemoraRowSpec, row), ts,
                         tolerance_ns, event_id, cancellable, callback, user_data);
}

/* A detail of what the row @spec (index @row of the session's rows, or -1
 * for a row it does not show) holds at @ts. */
void
_remora_session_query (RemoraSession       *self,
                       int                  row,
                       const RemoraRowSpec *spec,
                       gint64               ts,
                       gint64               tolerance_ns,
                       gint64               event_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  DetailJob *job;

  job = g_new0 (DetailJob, 1);
  job->spec = *spec;
  job->spec.label = g_strdup (spec->label);
  job->row = row;
  job->ts = ts;
  job->tolerance_ns = MAX (0, tolerance_ns);
  job->event_id = event_id;
  job->store_path = g_strdup (remora_store_get_path (self->store));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, remora_session_query_event_async);
  g_task_set_task_data (task, job, detail_job_free);
  g_task_run_in_thread (task, detail_thread);
}

/**
 * remora_session_query_detail_finish:
 * @self: a #RemoraSession
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the detail, or %NULL with @error set.
 */
RemoraDetail *
remora_session_query_detail_finish (RemoraSession *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remora_session_dispose (GObject *object)
{
  RemoraSession *self = REMORA_SESSION (object);

  if (self->pending)
    g_cancellable_cancel (self->pending);
  g_clear_object (&self->pending);
  if (self->selecting)
    g_cancellable_cancel (self->selecting);
  g_clear_object (&self->selecting);
  G_OBJECT_CLASS (remora_session_parent_class)->dispose (object);
}

static void
remora_session_finalize (GObject *object)
{
  RemoraSession *self = REMORA_SESSION (object);

  g_clear_object (&self->worker_store);
  g_clear_object (&self->store);
  g_array_unref (self->rows);
  g_clear_pointer (&self->mask, remora_event_mask_unref);
  g_clear_pointer (&self->filter, remora_filter_free);
  g_clear_pointer (&self->filter_mask, remora_event_mask_unref);
  g_array_unref (self->markers);
  g_free (self->problem);
  g_clear_pointer (&self->detail, remora_detail_free);
  g_mutex_clear (&self->worker_lock);
  G_OBJECT_CLASS (remora_session_parent_class)->finalize (object);
}

static void
remora_session_class_init (RemoraSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_session_dispose;
  object_class->finalize = remora_session_finalize;
  object_class->get_property = remora_session_get_property;

  /**
   * RemoraSession:problem:
   *
   * What a view could not read of the store, the first time one could not
   * (remora_session_note_problem()), or %NULL.
   */
  properties[PROP_PROBLEM] =
      g_param_spec_string ("problem", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RemoraSession:selection:
   *
   * What is selected (a #RemoraSelection, remora_session_get_selection()):
   * the views watch it; notified when it changes.
   */
  properties[PROP_SELECTION] = g_param_spec_pointer (
      "selection", NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RemoraSession:detail:
   *
   * What the selection holds (a #RemoraDetail: its slice, wakeup, event and
   * fields), once answered off the main thread (remora_session_get_detail()).
   */
  properties[PROP_DETAIL] = g_param_spec_pointer (
      "detail", NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RemoraSession:filter:
   *
   * The filter applied, what it applies to and what it keeps
   * (remora_session_get_filter(), _get_filter_target(), _get_filter_mask()):
   * notified when any of them changes.
   */
  /**
   * RemoraSession:absolute-time:
   *
   * Whether times are shown as recorded rather than from the trace's start.
   */
  properties[PROP_ABSOLUTE_TIME] =
      g_param_spec_boolean ("absolute-time", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * RemoraSession:follows:
   *
   * Whether both views follow each other's selection; notified when either
   * toggle changes (remora_session_get_follows() says which).
   */
  properties[PROP_FOLLOWS] =
      g_param_spec_boolean ("follows", NULL, NULL, TRUE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] = g_param_spec_pointer (
      "filter", NULL, NULL, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RemoraSession::changed:
   * @self: the session
   *
   * The visible range, the rows, the markers, the selection or the links
   * changed: a view asks for a new frame.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
remora_session_init (RemoraSession *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (RemoraRowSpec));
  g_array_set_clear_func (self->rows, clear_row_spec);
  self->markers = g_array_new (FALSE, TRUE, sizeof (RemoraMarker));
  g_array_set_clear_func (self->markers, clear_marker);
  self->selection.row = -1;
  self->selection.event_id = -1;
  self->links = REMORA_LINKS_ALL;
  self->idle_io = TRUE;
  for (guint i = 0; i < REMORA_N_FOLLOWS; i++)
    self->follows[i] = TRUE;
  g_mutex_init (&self->worker_lock);
}
