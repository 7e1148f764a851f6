/* remora-session-selection.c: what is selected, for every view, and the
 * markers A and B set by the same gestures. A view asks the session to
 * select (a place on a row, an event by id); the session asks the store
 * what is there off the main thread and says what it found through its
 * "selection" and "detail" properties. No view tells another.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-session-private.h"

static const RemoraSelection nothing = { -1, 0, 0, REMORA_SELECTION_NONE, -1, 0 };

static gboolean
selection_equal (const RemoraSelection *a, const RemoraSelection *b)
{
  return a->row == b->row && a->begin_ns == b->begin_ns && a->end_ns == b->end_ns &&
         a->kind == b->kind && a->event_id == b->event_id && a->buffer_id == b->buffer_id;
}

/* The selection becomes @s, with @detail (taken) as what it holds. */
static void
set_selection (RemoraSession *self, const RemoraSelection *s, RemoraDetail *detail)
{
  gboolean moved = !selection_equal (&self->selection, s);

  self->selection = *s;
  g_clear_pointer (&self->detail, remora_detail_free);
  self->detail = detail;
  if (moved)
    _remora_session_notify (self, PROP_SELECTION);
  _remora_session_notify (self, PROP_DETAIL);
  if (moved)
    _remora_session_changed (self);
}

void
_remora_session_clear_selection (RemoraSession *self)
{
  if (self->selecting)
    g_cancellable_cancel (self->selecting);
  g_clear_object (&self->selecting);
  if (self->selection.kind != REMORA_SELECTION_NONE || self->detail != NULL)
    set_selection (self, &nothing, NULL);
}

/* A new question: the one asked before it, if not answered yet, is not
 * wanted (answers come from a pool of threads, in any order). */
static GCancellable *
new_question (RemoraSession *self)
{
  if (self->selecting)
    g_cancellable_cancel (self->selecting);
  g_clear_object (&self->selecting);
  self->selecting = g_cancellable_new ();
  return g_object_ref (self->selecting);
}

/**
 * remora_session_set_marker:
 * @self: a #RemoraSession
 * @name: a marker's name ("A", "B")
 * @ts: where it goes
 *
 * Puts marker @name at @ts, moving it if it is set.
 */
void
remora_session_set_marker (RemoraSession *self, const char *name, gint64 ts)
{
  const GArray *markers;

  g_return_if_fail (REMORA_IS_SESSION (self));
  markers = remora_session_get_markers (self);
  for (guint i = 0; i < markers->len; i++)
    if (g_str_equal (g_array_index (markers, RemoraMarker, i).name, name))
      {
        if (g_array_index (markers, RemoraMarker, i).ts == ts)
          return;
        remora_session_remove_marker (self, i);
        break;
      }
  remora_session_add_marker (self, name, ts);
}

/* A marker set at @ts goes onto the event @d found there, unless it was
 * moved meanwhile. */
static void
snap_marker (RemoraSession *self, const char *name, gint64 ts, const RemoraDetail *d)
{
  const GArray *markers = remora_session_get_markers (self);

  if (!d->has_event)
    return;
  for (guint i = 0; i < markers->len; i++)
    {
      const RemoraMarker *m = &g_array_index (markers, RemoraMarker, i);
      if (g_str_equal (m->name, name) && m->ts == ts)
        {
          remora_session_set_marker (self, name, d->event.ts);
          return;
        }
    }
}

/* Moves the visible range, keeping its width, to show @ts. */
static void
reveal (RemoraSession *self, gint64 ts)
{
  const RemoraViewport *vp = remora_session_get_viewport (self);
  gint64                width = remora_time_range_get_duration (&vp->visible);

  if (ts < vp->visible.begin_ns || ts >= vp->visible.end_ns)
    remora_session_set_visible (self, ts - width / 2, ts - width / 2 + width);
}

typedef struct
{
  RemoraSession    *self;
  GCancellable     *cancellable;
  RemoraSelectFlags flags;
  gint64            ts; /* where it was asked: marker A went there */
} Question;

static void
question_free (Question *q)
{
  g_object_unref (q->self);
  g_object_unref (q->cancellable);
  g_free (q);
}

static void
on_answer (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Question      *q = user_data;
  RemoraSession *self = q->self;
  RemoraDetail  *d = remora_session_query_detail_finish (self, result, NULL);

  if (d == NULL || g_cancellable_is_cancelled (q->cancellable))
    {
      g_clear_pointer (&d, remora_detail_free);
      question_free (q);
      return;
    }
  {
    RemoraSelection s = nothing;

    s.row = d->row;
    s.buffer_id = d->spec.buffer_id;
    /* a device's request, an event near the place, else the slice, else
     * the task's state */
    if (d->has_request)
      {
        s.kind = REMORA_SELECTION_REQUEST;
        s.begin_ns = d->request.issue_ts;
        s.end_ns = d->request.end_ts;
        s.event_id = d->request.id;
      }
    else if (d->has_event)
      {
        s.kind = REMORA_SELECTION_EVENT;
        s.begin_ns = s.end_ns = d->event.ts;
        s.event_id = d->event.id;
      }
    else if (d->has_slice)
      {
        s.kind = REMORA_SELECTION_SLICE;
        s.begin_ns = d->slice.begin_ns;
        s.end_ns = d->slice.end_ns;
      }
    else if (d->spec.kind == REMORA_ROW_TASK && d->state_end_ns > d->state_begin_ns)
      {
        s.kind = REMORA_SELECTION_STATE;
        s.begin_ns = d->state_begin_ns;
        s.end_ns = d->state_end_ns;
      }
    else
      s = nothing;
    /* a request: A and B on its issue and its completion, exactly */
    if (d->has_request && (q->flags & REMORA_SELECT_MARK_A))
      {
        remora_session_set_marker (self, "A", d->request.issue_ts);
        if (d->request.flags & REMORA_BLOCK_COMPLETED)
          remora_session_set_marker (self, "B", d->request.end_ts);
      }
    else if (q->flags & REMORA_SELECT_MARK_A)
      snap_marker (self, "A", q->ts, d);
    if ((q->flags & REMORA_SELECT_REVEAL) && s.kind != REMORA_SELECTION_NONE)
      reveal (self, s.begin_ns);
    g_clear_object (&self->selecting);
    set_selection (self, &s, d);
  }
  question_free (q);
}

static Question *
new_question_call (RemoraSession *self, RemoraSelectFlags flags, gint64 ts)
{
  Question *q = g_new0 (Question, 1);

  q->self = g_object_ref (self);
  q->cancellable = new_question (self);
  q->flags = flags;
  q->ts = ts;
  return q;
}

/**
 * remora_session_select_at:
 * @self: a #RemoraSession
 * @row: a row
 * @ts: a time on it
 * @tolerance_ns: how far from @ts an event may lie to be the one selected
 * @flags: %REMORA_SELECT_MARK_A to put marker A at @ts at once and onto the
 *   event found (a click)
 *
 * Selects what @row holds at @ts: the nearest event within @tolerance_ns,
 * else the slice there, else the task's state. The answer comes off the
 * main thread; a selection asked after it wins over it.
 */
void
remora_session_select_at (
    RemoraSession *self, int row, gint64 ts, gint64 tolerance_ns, RemoraSelectFlags flags)
{
  Question *q;

  g_return_if_fail (REMORA_IS_SESSION (self));
  g_return_if_fail (row >= 0 && row < (int) remora_session_get_rows (self)->len);
  if (flags & REMORA_SELECT_MARK_A)
    remora_session_set_marker (self, "A", ts);
  q = new_question_call (self, flags, ts);
  remora_session_query_detail_async (self, row, ts, tolerance_ns, q->cancellable, on_answer, q);
}

/**
 * remora_session_select_request:
 * @self: a #RemoraSession
 * @row: a device's row
 * @request_id: one of its requests (a row of `block_requests`)
 * @flags: %REMORA_SELECT_MARK_A to put markers A and B on its issue and its
 *   completion; %REMORA_SELECT_REVEAL to move the visible range to it
 *
 * Selects a block request: the pair of its issue and its completion.
 */
void
remora_session_select_request (RemoraSession    *self,
                               int               row,
                               gint64            request_id,
                               RemoraSelectFlags flags)
{
  const GArray *rows;
  Question     *q;

  g_return_if_fail (REMORA_IS_SESSION (self));
  rows = remora_session_get_rows (self);
  g_return_if_fail (row >= 0 && row < (int) rows->len);
  g_return_if_fail (g_array_index (rows, RemoraRowSpec, row).kind == REMORA_ROW_DEVICE);
  q = new_question_call (self, flags, -1);
  _remora_session_query (self, row, &g_array_index (rows, RemoraRowSpec, row), -1, 0, request_id,
                         q->cancellable, on_answer, q);
}

/**
 * remora_session_select_event:
 * @self: a #RemoraSession
 * @event_id: an event
 * @ts: its time
 * @buffer_id: its buffer
 * @cpu: its CPU
 * @flags: %REMORA_SELECT_REVEAL to move the visible range to it
 *
 * Selects one event (another at the same time is not taken for it), on its
 * CPU's row when the session shows one. Selecting the event selected does
 * nothing.
 */
void
remora_session_select_event (RemoraSession    *self,
                             gint64            event_id,
                             gint64            ts,
                             int               buffer_id,
                             int               cpu,
                             RemoraSelectFlags flags)
{
  const GArray *rows;
  RemoraRowSpec spec = { REMORA_ROW_CPU, buffer_id, cpu, NULL };
  int           row = -1;
  Question     *q;

  g_return_if_fail (REMORA_IS_SESSION (self));
  if (self->selection.kind == REMORA_SELECTION_EVENT && self->selection.event_id == event_id &&
      self->selecting == NULL)
    {
      if (flags & REMORA_SELECT_REVEAL)
        reveal (self, ts);
      return;
    }
  rows = remora_session_get_rows (self);
  for (guint i = 0; i < rows->len && row < 0; i++)
    {
      const RemoraRowSpec *r = &g_array_index (rows, RemoraRowSpec, i);
      if (r->kind == REMORA_ROW_CPU && r->buffer_id == buffer_id && r->id == cpu)
        row = (int) i;
    }
  if (flags & REMORA_SELECT_REVEAL)
    reveal (self, ts);
  q = new_question_call (self, flags & ~REMORA_SELECT_MARK_A, ts);
  _remora_session_query (self, row, row >= 0 ? &g_array_index (rows, RemoraRowSpec, row) : &spec,
                         ts, 0, event_id, q->cancellable, on_answer, q);
}

/**
 * remora_session_clear_selection:
 * @self: a #RemoraSession
 *
 * Selects nothing.
 */
void
remora_session_clear_selection (RemoraSession *self)
{
  g_return_if_fail (REMORA_IS_SESSION (self));
  _remora_session_clear_selection (self);
}

/**
 * remora_session_get_detail:
 * @self: a #RemoraSession
 *
 * Returns: (transfer none) (nullable): what the selection holds (its slice,
 *   wakeup, event and fields), %NULL when nothing is selected or before the
 *   answer.
 */
const RemoraDetail *
remora_session_get_detail (RemoraSession *self)
{
  g_return_val_if_fail (REMORA_IS_SESSION (self), NULL);
  return self->detail;
}

typedef struct
{
  RemoraSession *self;
  char          *name;
  gint64         ts;
} Snap;

static void
on_snap (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Snap *snap = user_data;
  g_autoptr (RemoraDetail) d = remora_session_query_detail_finish (snap->self, result, NULL);

  if (d != NULL)
    snap_marker (snap->self, snap->name, snap->ts, d);
  g_object_unref (snap->self);
  g_free (snap->name);
  g_free (snap);
}

/**
 * remora_session_mark_at:
 * @self: a #RemoraSession
 * @name: a marker ("A", "B")
 * @row: a row, or -1
 * @ts: where the marker goes
 * @tolerance_ns: how far from @ts an event of @row may lie to take it
 *
 * Puts marker @name at @ts at once, and onto the nearest event of @row
 * within @tolerance_ns once the store has said which (a Shift+click).
 */
void
remora_session_mark_at (
    RemoraSession *self, const char *name, int row, gint64 ts, gint64 tolerance_ns)
{
  Snap *snap;

  g_return_if_fail (REMORA_IS_SESSION (self));
  remora_session_set_marker (self, name, ts);
  if (row < 0 || row >= (int) remora_session_get_rows (self)->len)
    return;
  snap = g_new0 (Snap, 1);
  snap->self = g_object_ref (self);
  snap->name = g_strdup (name);
  snap->ts = ts;
  remora_session_query_detail_async (self, row, ts, tolerance_ns, NULL, on_snap, snap);
}
