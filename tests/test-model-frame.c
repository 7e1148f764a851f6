/* test-model-frame.c: sessions and frames on a committed trace. A frame's
 * rows are what the row models answer for the same range and width; its
 * names and links are the store's; a frame answered on a worker is the one
 * answered in place; a newer request cancels an older one; and a frame paints
 * without its store, also as a preview over another range.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-render.h"
#include "remora-test-util.h"

static RemoraStore *store;
static char        *store_dir;

/* whole trace, 1 ms, 20 µs (absolute seconds from the golden scenes) */
static const struct
{
  gint64 begin, end;
} ranges[] = { { 0, 0 }, { 5892500000, 5893500000 }, { 5893071000, 5893091000 } };

static RemoraSession *
new_session (int r)
{
  RemoraSession *session = remora_session_new (store);

  if (ranges[r].end)
    remora_session_set_visible (session, ranges[r].begin, ranges[r].end);
  for (int cpu = 0; cpu < 4; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  remora_session_add_row (session, REMORA_ROW_TASK, 0, 141, NULL);
  remora_session_add_row (session, REMORA_ROW_TASK, 0, 173, "a label");
  return session;
}

static void
assert_frames_equal (const RemoraFrame *a, const RemoraFrame *b)
{
  g_assert_cmpint (a->range.begin_ns, ==, b->range.begin_ns);
  g_assert_cmpint (a->range.end_ns, ==, b->range.end_ns);
  g_assert_cmpint (a->columns, ==, b->columns);
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  for (guint i = 0; i < a->n_rows; i++)
    {
      g_assert_cmpint (a->rows[i].level, ==, b->rows[i].level);
      if (a->rows[i].spec.kind == REMORA_ROW_CPU)
        g_assert_cmpmem (a->rows[i].cpu_columns, sizeof (RemoraCpuColumn) * a->columns,
                         b->rows[i].cpu_columns, sizeof (RemoraCpuColumn) * b->columns);
      else
        g_assert_cmpmem (a->rows[i].task_columns, sizeof (RemoraTaskColumn) * a->columns,
                         b->rows[i].task_columns, sizeof (RemoraTaskColumn) * b->columns);
    }
  g_assert_true ((a->wakeup_links == NULL) == (b->wakeup_links == NULL));
  for (guint i = 0; a->wakeup_links && i < a->wakeup_links->len; i++)
    {
      const RemoraWakeupLink *x = &g_array_index (a->wakeup_links, RemoraWakeupLink, i);
      const RemoraWakeupLink *y = &g_array_index (b->wakeup_links, RemoraWakeupLink, i);
      g_assert_cmpuint (a->wakeup_links->len, ==, b->wakeup_links->len);
      g_assert_true (x->wakeup_ts == y->wakeup_ts && x->switch_ts == y->switch_ts &&
                     x->wakeup_cpu == y->wakeup_cpu && x->switch_cpu == y->switch_cpu);
    }
}

static gint64
sql_int (const char *sql, gint64 a, gint64 b)
{
  sqlite3_stmt *st = NULL;
  gint64        v;

  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store), sql, -1, &st, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (st, 1, a);
  sqlite3_bind_int64 (st, 2, b);
  g_assert_cmpint (sqlite3_step (st), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (st, 0);
  sqlite3_finalize (st);
  return v;
}

/* The frame's rows are the row models' answers; its names are the store's;
 * its links are the wakeups that cross the range. */
static void
test_frame_is_the_rows (gconstpointer data)
{
  int r = GPOINTER_TO_INT (data);
  g_autoptr (RemoraSession) session = new_session (r);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraFrame) frame = remora_session_compute_frame (session, 642, &error);
  const RemoraTimeRange *range = &remora_session_get_viewport (session)->visible;
  int                    named = 0;

  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_true (remora_time_range_equal (&frame->range, range));
  g_assert_cmpint (frame->columns, ==, 642);
  g_assert_cmpuint (frame->n_rows, ==, 6);
  g_assert_cmpint (frame->info->first_ts, ==, remora_store_get_info (store)->first_ts);
  for (guint i = 0; i < frame->n_rows; i++)
    {
      const RemoraFrameRow *row = &frame->rows[i];
      int                   level;

      if (row->spec.kind == REMORA_ROW_CPU)
        {
          g_autofree RemoraCpuColumn *want = g_new0 (RemoraCpuColumn, 642);
          g_assert_true (
              remora_cpu_row_query (store, 0, row->spec.id, range, 642, want, &level, &error));
          g_assert_cmpmem (row->cpu_columns, sizeof *want * 642, want, sizeof *want * 642);
          /* the tasks of runs wide enough to be named are named as the store
           * names them at that time */
          for (int c = 0, end; c < 642; c = end)
            {
              for (end = c + 1; end < 642 && want[end].pid == want[c].pid;)
                end++;
              if (want[c].pid > 0 && end - c > REMORA_FRAME_NAMED_RUN)
                {
                  gint64           at = want[c].begin_ns;
                  g_autofree char *sql = g_strdup_printf (
                      "SELECT count(*) FROM task_names WHERE pid = ?1 AND comm = '%s' AND "
                      "since_ts = (SELECT coalesce (max (since_ts), 0) FROM task_names "
                      "WHERE pid = ?1 AND since_ts <= ?2)",
                      remora_frame_get_task_name (frame, want[c].pid, at));
                  g_assert_cmpint (sql_int (sql, want[c].pid, at), ==, 1);
                  named++;
                }
            }
        }
      else
        {
          g_autofree RemoraTaskColumn *want = g_new0 (RemoraTaskColumn, 642);
          g_assert_true (
              remora_task_row_query (store, 0, row->spec.id, range, 642, want, &level, &error));
          g_assert_cmpmem (row->task_columns, sizeof *want * 642, want, sizeof *want * 642);
        }
      g_assert_no_error (error);
      g_assert_cmpint (row->level, ==, level);
    }
  g_assert_cmpint (named, >, 0);
  g_assert_cmpstr (frame->rows[5].spec.label, ==, "a label");
  g_assert_null (frame->rows[4].spec.label);

  /* links: every wakeup of the top-level buffer that crosses the range, or
   * none when there are too many to draw */
  {
    gint64 crossing = sql_int ("SELECT count(*) FROM wakeups WHERE buffer_id = 0 AND switch_ts IS "
                               "NOT NULL AND wakeup_ts < ?2 AND switch_ts > ?1",
                               range->begin_ns, range->end_ns);
    gint64 starting = sql_int ("SELECT count(*) FROM wakeups WHERE wakeup_ts >= ?1 AND "
                               "wakeup_ts < ?2",
                               range->begin_ns, range->end_ns);

    if (starting > REMORA_FRAME_MAX_LINKS || crossing > REMORA_FRAME_MAX_LINKS)
      g_assert_null (frame->wakeup_links);
    else
      {
        g_assert_nonnull (frame->wakeup_links);
        g_assert_cmpint (frame->wakeup_links->len, ==, crossing);
        for (guint i = 0; i < frame->wakeup_links->len; i++)
          {
            const RemoraWakeupLink *l = &g_array_index (frame->wakeup_links, RemoraWakeupLink, i);
            g_assert_cmpint (l->wakeup_ts, <, range->end_ns);
            g_assert_cmpint (l->switch_ts, >, range->begin_ns);
          }
      }
    if (r == 0)
      g_assert_null (frame->wakeup_links); /* the whole trace has thousands */
    if (r == 2)
      g_assert_cmpint (crossing, >, 0);
  }

  /* without links */
  {
    g_autoptr (RemoraFrame) plain = NULL;
    remora_session_set_links (session, FALSE);
    plain = remora_session_compute_frame (session, 642, &error);
    g_assert_no_error (error);
    g_assert_null (plain->wakeup_links);
    g_assert_null (plain->block_links);
  }
}

typedef struct
{
  GMainLoop   *loop;
  int          pending;
  RemoraFrame *frames[4];
  GError      *errors[4];
} Async;

typedef struct
{
  Async *async;
  int    index;
} Slot;

static void
on_frame (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Slot  *slot = user_data;
  Async *a = slot->async;

  a->frames[slot->index] = remora_session_request_frame_finish (REMORA_SESSION (object), result,
                                                                &a->errors[slot->index]);
  if (--a->pending == 0)
    g_main_loop_quit (a->loop);
}

/* Frames on a worker are the frames answered in place; a newer request
 * cancels an older one; a cancelled caller's cancellable cancels. */
static void
test_async (void)
{
  g_autoptr (RemoraSession) session = new_session (1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  RemoraFrame *wanted[3];
  Async        a = { g_main_loop_new (NULL, FALSE) };
  Slot         slots[4];
  guint        changes = 0;

  g_signal_connect_swapped (session, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  /* three states of the session, each asked in turn without waiting */
  for (int i = 0; i < 3; i++)
    {
      slots[i] = (Slot){ &a, i };
      if (i > 0)
        remora_session_zoom (session, 2.0, 100);
      wanted[i] = remora_session_compute_frame (session, 500, &error);
      g_assert_no_error (error);
      a.pending++;
      remora_session_request_frame_async (session, 500, NULL, on_frame, &slots[i]);
    }
  g_assert_cmpuint (changes, ==, 2);
  /* and one whose caller has given up already */
  g_cancellable_cancel (cancelled);
  slots[3] = (Slot){ &a, 3 };
  a.pending++;
  remora_session_request_frame_async (session, 500, cancelled, on_frame, &slots[3]);
  g_main_loop_run (a.loop);

  for (int i = 0; i < 2; i++)
    {
      /* cancelled by the next request, or answered before it came: never
       * the wrong answer */
      if (a.frames[i] == NULL)
        g_assert_error (a.errors[i], G_IO_ERROR, G_IO_ERROR_CANCELLED);
      else
        assert_frames_equal (a.frames[i], wanted[i]);
    }
  /* the third was cancelled by the fourth, its state the same */
  g_assert_true (a.frames[2] == NULL || a.errors[2] == NULL);
  if (a.frames[2])
    assert_frames_equal (a.frames[2], wanted[2]);
  g_assert_null (a.frames[3]);
  g_assert_error (a.errors[3], G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* asked alone, it is answered */
  slots[0] = (Slot){ &a, 0 };
  g_clear_pointer (&a.frames[0], remora_frame_unref);
  g_clear_error (&a.errors[0]);
  a.pending = 1;
  remora_session_request_frame_async (session, 500, NULL, on_frame, &slots[0]);
  g_main_loop_run (a.loop);
  g_assert_no_error (a.errors[0]);
  assert_frames_equal (a.frames[0], wanted[2]);

  for (int i = 0; i < 4; i++)
    {
      g_clear_pointer (&a.frames[i], remora_frame_unref);
      g_clear_error (&a.errors[i]);
    }
  for (int i = 0; i < 3; i++)
    remora_frame_unref (wanted[i]);
  g_main_loop_unref (a.loop);
}

/* A session's rows, markers and selection, and what it says of changes. */
static void
test_session_state (void)
{
  g_autoptr (RemoraSession) session = new_session (0);
  const RemoraViewport *vp = remora_session_get_viewport (session);
  guint                 changes = 0;
  const GArray         *rows;

  g_signal_connect_swapped (session, "changed", G_CALLBACK (g_atomic_int_inc), &changes);
  g_assert_cmpint (vp->trace.begin_ns, ==, remora_store_get_info (store)->first_ts);
  g_assert_cmpint (vp->trace.end_ns, ==, remora_store_get_info (store)->last_ts + 1);
  g_assert_true (remora_time_range_equal (&vp->visible, &vp->trace));

  remora_session_select (session, 4, 100, 200);
  remora_session_move_row (session, 4, 0);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, 0);
  rows = remora_session_get_rows (session);
  g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).kind, ==, REMORA_ROW_TASK);
  g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 0).id, ==, 141);
  g_assert_cmpint (g_array_index (rows, RemoraRowSpec, 1).id, ==, 0);
  remora_session_move_row (session, 2, 0);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, 1);
  remora_session_remove_row (session, 1);
  g_assert_cmpint (remora_session_get_selection (session)->row, ==, -1);
  g_assert_cmpuint (rows->len, ==, 5);

  remora_session_add_marker (session, "B", 300);
  remora_session_add_marker (session, "A", 200);
  g_assert_cmpstr (g_array_index (remora_session_get_markers (session), RemoraMarker, 0).name, ==,
                   "A");
  /* the same state again is no change */
  remora_session_set_links (session, TRUE);
  remora_session_set_visible (session, vp->trace.begin_ns, vp->trace.end_ns);
  g_assert_cmpuint (changes, ==, 6);
  remora_session_set_visible (session, vp->trace.begin_ns, vp->trace.begin_ns + 1000);
  g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==, 1000);
  remora_session_pan (session, -50);
  g_assert_cmpint (vp->visible.begin_ns, ==, vp->trace.begin_ns);
  g_assert_cmpuint (changes, ==, 7);

  /* the follow toggles: on at first, each notified once when it changes,
   * neither a change of what the frames show */
  {
    guint follows = 0;

    g_signal_connect_swapped (session, "notify::follows", G_CALLBACK (g_atomic_int_inc), &follows);
    g_assert_true (remora_session_get_follows (session, REMORA_FOLLOW_TIMELINE));
    g_assert_true (remora_session_get_follows (session, REMORA_FOLLOW_LIST));
    remora_session_set_follows (session, REMORA_FOLLOW_LIST, FALSE);
    remora_session_set_follows (session, REMORA_FOLLOW_LIST, FALSE);
    g_assert_false (remora_session_get_follows (session, REMORA_FOLLOW_LIST));
    g_assert_true (remora_session_get_follows (session, REMORA_FOLLOW_TIMELINE));
    g_assert_cmpuint (follows, ==, 1);
    g_assert_cmpuint (changes, ==, 7);
  }
}

static cairo_surface_t *
paint (const RemoraFrame *frame, const RemoraTimeRange *view, const RemoraTimelineStyle *style)
{
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_ARGB32, style->width, style->height);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (remora_timeline_paint (frame, view, style, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static const guint32 *
pixel_row (cairo_surface_t *s, int y)
{
  return (const guint32 *) (void *) (cairo_image_surface_get_data (s) +
                                     (gsize) y * cairo_image_surface_get_stride (s));
}

/* A frame paints after its store and session are gone; over its own range
 * it is the same picture as without one; over a range moved by whole
 * columns its rows move by as many pixels. */
static void
test_paint_without_store (void)
{
  g_autoptr (GError) error = NULL;
  RemoraTimelineStyle style;
  RemoraFrame        *frame;
  RemoraTimeRange     moved;
  cairo_surface_t    *plain, *same, *shifted;
  gint64              per_column;
  int                 columns, moved_px = 37, differing = 0, compared = 0;

  remora_timeline_style_init (&style);
  style.width = 800;
  style.height = 300;
  columns = remora_timeline_get_columns (&style);
  {
    RemoraSession        *session = new_session (1);
    const RemoraViewport *vp = remora_session_get_viewport (session);
    /* a range of a whole number of nanoseconds per column */
    per_column = remora_time_range_get_duration (&vp->visible) / columns;
    remora_session_set_visible (session, vp->visible.begin_ns,
                                vp->visible.begin_ns + per_column * columns);
    remora_session_set_links (session, FALSE);
    frame = remora_session_compute_frame (session, columns, &error);
    g_assert_no_error (error);
    g_object_unref (session);
  }
  moved = remora_time_range_make (frame->range.begin_ns - per_column * moved_px,
                                  frame->range.end_ns - per_column * moved_px);
  plain = paint (frame, NULL, &style);
  same = paint (frame, &frame->range, &style);
  shifted = paint (frame, &moved, &style);
  g_assert_cmpmem (
      cairo_image_surface_get_data (plain), cairo_image_surface_get_stride (plain) * style.height,
      cairo_image_surface_get_data (same), cairo_image_surface_get_stride (same) * style.height);
  /* the top lines of each row (above the names inside slices): moved whole */
  for (guint i = 0; i < frame->n_rows; i++)
    for (int dy = 3; dy < 7; dy++)
      {
        int            y = 26 + 3 + (int) i * 36 + dy;
        const guint32 *a = pixel_row (plain, y), *b = pixel_row (shifted, y);
        for (int x = 150; x + moved_px < 150 + columns; x++)
          {
            compared++;
            differing += a[x] != b[x + moved_px];
          }
      }
  g_assert_cmpint (compared, >, 10000);
  g_assert_cmpint (differing, ==, 0);
  /* and what it paints depends on the frame: another range paints otherwise */
  {
    const guint32 *a = pixel_row (plain, 26 + 3 + 4), *b = pixel_row (shifted, 26 + 3 + 4);
    g_assert_true (memcmp (a + 150, b + 150, 4 * columns) != 0);
  }
  /* a frame painted over a range two million times narrower (the view zoomed
   * far in before its own frame came): painted, the rows left for their
   * own frame (it once overflowed the row's image) */
  {
    RemoraTimeRange tiny =
        remora_time_range_make (frame->range.begin_ns + 1000, frame->range.begin_ns + 1500);
    cairo_surface_t *far = paint (frame, &tiny, &style);
    cairo_surface_destroy (far);
  }
  cairo_surface_destroy (plain);
  cairo_surface_destroy (same);
  cairo_surface_destroy (shifted);
  remora_frame_unref (frame);
}

/* What a task row holds at a time: the stretch of its timeline around it,
 * whole, as the task's intervals over the whole trace have it. */
static void
test_task_detail (void)
{
  const RemoraTraceInfo *info = remora_store_get_info (store);
  RemoraTimeRange        whole = remora_time_range_make (info->first_ts, info->last_ts + 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) all = remora_task_row_dup_intervals (store, 0, 141, &whole, &error);
  RemoraRowSpec spec = { REMORA_ROW_TASK, 0, 141, NULL };
  guint         checked = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i += MAX (1, all->len / 25))
    {
      const RemoraTaskInterval *x = &g_array_index (all, RemoraTaskInterval, i);
      gint64                    ts = x->begin_ns + (x->end_ns - x->begin_ns) / 2;
      g_autoptr (RemoraDetail) d = remora_detail_query (store, 0, &spec, ts, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (d->state, ==, x->state);
      g_assert_cmpint (d->state_begin_ns, ==, x->begin_ns);
      g_assert_cmpint (d->state_end_ns, ==, x->end_ns);
      g_assert_cmpint (d->has_slice, ==, x->state == REMORA_TASK_STATE_RUNNING);
      checked++;
    }
  g_assert_cmpuint (checked, >, 10);
}

static gboolean
detail_answered (gpointer data)
{
  return remora_session_get_detail (data) != NULL;
}

static gint64 the_id;

static gboolean
selected_the_id (gpointer data)
{
  return remora_session_get_selection (data)->event_id == the_id &&
         remora_session_get_detail (data) != NULL;
}

/* Runs the main context until @cond holds, for at most ten seconds. */
static gboolean
iterate_until (GSourceFunc cond, gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return cond (data);
}

/* The selection is the session's, for every view: by place (a click, with
 * marker A onto the event found), by event id (the list's row, on a CPU
 * row shown or not), and what it holds once answered. */
static void
test_session_selection (void)
{
  g_autoptr (RemoraSession) session = new_session (1);
  const RemoraSelection *sel = remora_session_get_selection (session);
  const GArray          *markers = remora_session_get_markers (session);
  guint                  notified = 0;
  gint64                 id, ts, near;
  int                    cpu;

  g_signal_connect_swapped (session, "notify::selection", G_CALLBACK (g_atomic_int_inc), &notified);
  /* an event of CPU 1 in the range, and a time 2 µs after it (none other
   * nearer) */
  ts = remora_test_query_int (store, "SELECT ts FROM events WHERE id = (SELECT min(id) FROM events "
                                     "WHERE cpu = 1 AND ts > 5892700000)");
  near = ts + 2000;
  g_assert_cmpint (remora_test_query_int (store, "SELECT count(*) FROM events WHERE cpu = 1 AND "
                                                 "ts > 5892700000 AND ts < 5892700000 + 0"),
                   ==, 0);
  /* a click near the event on CPU 1's row (row 1): it, and marker A on it */
  remora_session_select_at (session, 1, near, 5000, REMORA_SELECT_MARK_A);
  g_assert_cmpuint (markers->len, ==, 1);
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 0).ts, ==, near);
  g_assert_true (iterate_until (detail_answered, session));
  g_assert_cmpint (sel->kind, ==, REMORA_SELECTION_EVENT);
  g_assert_cmpint (sel->row, ==, 1);
  g_assert_cmpint (remora_session_get_detail (session)->event.ts, ==, sel->begin_ns);
  g_assert_cmpint (g_array_index (markers, RemoraMarker, 0).ts, ==, sel->begin_ns);
  g_assert_cmpuint (notified, ==, 1);

  /* the event by id: the same selection is no change */
  remora_session_select_event (session, sel->event_id, sel->begin_ns, 0, 1, 0);
  g_assert_cmpuint (notified, ==, 1);

  /* an event of a CPU with no row: selected all the same, on no row */
  remora_session_remove_row (session, 2);
  cpu = 2;
  id =
      remora_test_query_int (store, "SELECT min(id) FROM events WHERE cpu = 2 AND ts > 5892700000");
  ts = remora_test_query_int (store, "SELECT ts FROM events WHERE id = (SELECT min(id) FROM events "
                                     "WHERE cpu = 2 AND ts > 5892700000)");
  /* (the selection and what it holds change together, when answered) */
  remora_session_select_event (session, id, ts, 0, cpu, REMORA_SELECT_REVEAL);
  the_id = id;
  g_assert_true (iterate_until (selected_the_id, session));
  g_assert_cmpint (sel->kind, ==, REMORA_SELECTION_EVENT);
  g_assert_cmpint (sel->event_id, ==, id);
  g_assert_cmpint (sel->row, ==, -1);
  g_assert_cmpint (remora_session_get_detail (session)->event.cpu, ==, cpu);

  /* far outside the range: REVEAL moves it there, keeping its width */
  {
    const RemoraViewport *vp = remora_session_get_viewport (session);
    gint64                width = remora_time_range_get_duration (&vp->visible);
    gint64 late = remora_test_query_int (store, "SELECT max(id) FROM events WHERE cpu = 0");
    gint64 late_ts = remora_test_query_int (store, "SELECT max(ts) FROM events WHERE cpu = 0");

    remora_session_select_event (session, late, late_ts, 0, 0, REMORA_SELECT_REVEAL);
    g_assert_cmpint (vp->visible.begin_ns, <=, late_ts);
    g_assert_cmpint (vp->visible.end_ns, >, late_ts);
    g_assert_cmpint (remora_time_range_get_duration (&vp->visible), ==, width);
  }

  remora_session_clear_selection (session);
  g_assert_cmpint (sel->kind, ==, REMORA_SELECTION_NONE);
  g_assert_cmpint (sel->row, ==, -1);
  g_assert_null (remora_session_get_detail (session));
}

/* The details pane's lines of an event: its fields once each, a block
 * device as trace-cmd prints it (MAJOR,MINOR), a wakeup with its waker's
 * name. */
static void
test_detail_items (void)
{
  gint64 id =
      remora_test_query_int (store, "SELECT min(id) FROM events WHERE name = 'block_rq_issue'");
  gint64 ts = remora_test_query_int (store, "SELECT ts FROM events WHERE id = (SELECT min(id) FROM "
                                            "events WHERE name = 'block_rq_issue')");
  int    cpu = (int) remora_test_query_int (store, "SELECT cpu FROM events WHERE id = (SELECT "
                                                      "min(id) FROM events WHERE name = "
                                                      "'block_rq_issue')");
  RemoraRowSpec spec = { REMORA_ROW_CPU, 0, cpu, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraDetail) d = remora_detail_query_event (store, 0, &spec, ts, 0, id, &error);
  g_autoptr (GArray) items = NULL;
  const char *dev = NULL, *info = NULL;
  guint       devs = 0;

  g_assert_no_error (error);
  g_assert_true (d->has_event);
  g_assert_cmpint (d->event.id, ==, id);
  items = remora_detail_dup_items (d);
  for (guint i = 0; i < items->len; i++)
    {
      const RemoraDetailItem *item = &g_array_index (items, RemoraDetailItem, i);
      if (g_strcmp0 (item->label, "dev") == 0)
        dev = item->value, devs++;
      if (g_strcmp0 (item->label, "Info") == 0)
        info = item->value;
    }
  g_assert_cmpuint (devs, ==, 1);
  g_assert_nonnull (info);
  /* "254,0 RS 4096 () 617264 + 8 [dd]": the same device, written the same */
  g_assert_true (g_str_has_prefix (info, dev));
  g_assert_nonnull (strchr (dev, ','));

  /* a run with the wakeup before it: the waker by name */
  {
    gint64 at = remora_test_query_int (store, "SELECT switch_ts FROM wakeups WHERE waker_pid > 0 "
                                              "AND switch_cpu = 1 ORDER BY id LIMIT 1");
    RemoraRowSpec cpu1 = { REMORA_ROW_CPU, 0, 1, NULL };
    g_autoptr (RemoraDetail) w = remora_detail_query (store, 1, &cpu1, at, 0, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    g_assert_true (w->has_wakeup);
    g_assert_nonnull (w->waker_comm);
    text = remora_detail_dup_text (w);
    g_assert_nonnull (strstr (text, w->waker_comm));
  }
}

int
main (int argc, char **argv)
{
  g_autofree char *trace = NULL;
  int              ret;

  g_test_init (&argc, &argv, NULL);
  trace = remora_test_fixture_path ("sched-block-v6.dat");
  store_dir = remora_test_make_tmpdir ();
  store = remora_test_import (trace, store_dir, NULL);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      g_autofree char *path = g_strdup_printf ("/remora/model/frame/rows/%u", r);
      g_test_add_data_func (path, GINT_TO_POINTER (r), test_frame_is_the_rows);
    }
  g_test_add_func ("/remora/model/frame/async", test_async);
  g_test_add_func ("/remora/model/session/state", test_session_state);
  g_test_add_func ("/remora/model/session/selection", test_session_selection);
  g_test_add_func ("/remora/model/detail/task-row", test_task_detail);
  g_test_add_func ("/remora/model/detail/items", test_detail_items);
  g_test_add_func ("/remora/render/frame/paint-without-store", test_paint_without_store);
  ret = g_test_run ();
  g_clear_object (&store);
  remora_test_rmdir (store_dir);
  g_free (store_dir);
  return ret;
}
