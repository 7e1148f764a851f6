/* test-render-filter.c: a filter applied to the timeline changes more than
 * its event ticks (issue 24, finding 8): the slices of the tasks and CPUs it
 * leaves out are drawn in the theme's grey, unnamed (or not at all when the
 * user asks so), and those it keeps in their colours.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <math.h>

#include "remora-render.h"
#include "remora-test-util.h"

#define KEPT_PID      141
#define LEFT_OUT_PID  173
#define KEPT_CPU_ONLY 2

static RemoraStore *store;

static RemoraEventMask *
run_filter (RemoraFilter *filter)
{
  g_autoptr (RemoraFilterJob) job = remora_filter_job_new (store, filter);
  g_autoptr (GError) error = NULL;
  RemoraEventMask *mask = remora_filter_job_run (job, NULL, &error);

  g_assert_no_error (error);
  return mask;
}

/* The pixel at (@x, @y) of @surface, as 0xRRGGBB. */
static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  guint8 *row =
      cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);

  return ((guint32 *) row)[x] & 0xffffff;
}

static guint32
rgb (const RemoraRgba *c)
{
  return (guint32) lround (c->r * 255) << 16 | (guint32) lround (c->g * 255) << 8 |
         (guint32) lround (c->b * 255);
}

/* Paints the one-millisecond range of the golden scene (CPU rows 0-3, task
 * rows of KEPT_PID and LEFT_OUT_PID, no links) with @filter applied, and
 * checks every column of every row that shows a task: grey where the
 * filter leaves the task (or the CPU) out, never grey where it keeps it. */
static void
check_filter (RemoraFilter *filter, gboolean by_cpu, gboolean hide)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraEventMask) mask = run_filter (filter);
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  gint64              first = remora_store_get_info (store)->first_ts, begin, end;
  RemoraTimelineStyle style;
  const RemoraTheme  *theme = remora_theme_get (FALSE);
  guint32             grey = rgb (&theme->left_out);
  cairo_surface_t    *surface;
  cairo_t            *cr;
  int                 plot_x, checked_kept = 0, checked_left_out = 0;

  g_assert_true (remora_parse_time ("@5.8925", first, &begin, &error));
  g_assert_true (remora_parse_time ("@5.8935", first, &end, &error));
  remora_session_set_visible (session, begin, end);
  for (int cpu = 0; cpu < 4; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  remora_session_add_row (session, REMORA_ROW_TASK, 0, KEPT_PID, NULL);
  remora_session_add_row (session, REMORA_ROW_TASK, 0, LEFT_OUT_PID, NULL);
  remora_session_set_links (session, FALSE);
  remora_session_set_mask (session, mask);
  remora_session_set_hide_left_out (session, hide);
  remora_timeline_style_init (&style);
  style.width = 800;
  style.height = 300;
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, style.width, style.height);
  cr = cairo_create (surface);
  g_assert_true (remora_timeline_paint (frame, NULL, &style, cr, &error));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  plot_x = (int) remora_timeline_get_plot_x (&style);

  for (guint r = 0; r < frame->n_rows; r++)
    {
      const RemoraFrameRow *row = &frame->rows[r];
      int                   top = -1, bottom = -1;

      for (int y = 0; y < style.height; y++)
        if (remora_timeline_get_row_at (&style, frame, y) == (int) r)
          {
            if (top < 0)
              top = y;
            bottom = y;
          }
      g_assert_cmpint (top, >=, 0);
      for (int c = 1; c + 1 < frame->columns; c++)
        {
          gboolean   kept;
          int        y;
          RemoraRgba color;

          if (row->spec.kind == REMORA_ROW_CPU)
            {
              const RemoraCpuColumn *cols = row->cpu_columns;

              /* inside a run of one task, under the notch of several */
              if (cols[c].pid < 0 || cols[c - 1].pid != cols[c].pid ||
                  cols[c + 1].pid != cols[c].pid || cols[c].n_tasks > 1)
                continue;
              kept = by_cpu ? row->spec.id == KEPT_CPU_ONLY : cols[c].pid == KEPT_PID;
              color = remora_theme_task_color (theme, cols[c].pid);
              y = top + (bottom - top) / 4;
            }
          else
            {
              const RemoraTaskColumn *cols = row->task_columns;

              if (cols[c].state != REMORA_TASK_STATE_RUNNING ||
                  cols[c - 1].state != cols[c].state || cols[c + 1].state != cols[c].state)
                continue;
              kept = by_cpu || row->spec.id == KEPT_PID;
              color = remora_theme_task_color (theme, row->spec.id);
              y = top + (bottom - top) / 4;
            }
          if (kept)
            {
              g_assert_cmphex (pixel (surface, plot_x + c, y), !=, grey);
              checked_kept++;
            }
          else if (hide)
            {
              /* not drawn: neither grey nor the task's colour */
              guint32 px = pixel (surface, plot_x + c, y);

              g_assert_cmphex (px, !=, grey);
              g_assert_cmphex (px, !=, rgb (&color));
              checked_left_out++;
            }
          else
            {
              g_assert_cmphex (pixel (surface, plot_x + c, y), ==, grey);
              checked_left_out++;
            }
        }
    }
  /* both kinds were there to see */
  g_assert_cmpint (checked_kept, >, 20);
  g_assert_cmpint (checked_left_out, >, 20);
  cairo_surface_destroy (surface);
}

static void
test_by_task (void)
{
  g_autoptr (RemoraFilter) filter = remora_filter_new ();
  gint32 pid = KEPT_PID;

  filter->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_array_append_val (filter->pids, pid);
  check_filter (filter, FALSE, FALSE);
  /* and hidden, when the user asks so */
  check_filter (filter, FALSE, TRUE);
}

static void
test_by_cpu (void)
{
  g_autoptr (RemoraFilter) filter = remora_filter_new ();
  int cpu = KEPT_CPU_ONLY;

  filter->cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (filter->cpus, cpu);
  check_filter (filter, TRUE, FALSE);
  check_filter (filter, TRUE, TRUE);
}

static void
on_notify (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(int *) data)++;
}

/* The session holds the filter applied: what it applies to decides the
 * frames' mask; the views hear of it once per change. */
static void
test_session_holds_filter (void)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFilter) filter = remora_filter_new ();
  g_autoptr (RemoraEventMask) mask = NULL;
  gint32 pid = KEPT_PID;
  int    notified = 0;

  filter->pids = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_array_append_val (filter->pids, pid);
  mask = run_filter (filter);
  g_signal_connect (session, "notify::filter", G_CALLBACK (on_notify), &notified);
  g_assert_null (remora_session_get_filter (session));
  remora_session_set_filter (session, filter, REMORA_FILTER_TARGET_LIST, mask);
  g_assert_cmpint (notified, ==, 1);
  g_assert_true (remora_filter_equal (remora_session_get_filter (session), filter));
  g_assert_true (remora_session_get_filter_mask (session) == mask);
  g_assert_null (remora_session_get_mask (session)); /* the list only */
  remora_session_set_filter (session, filter, REMORA_FILTER_TARGET_LIST, mask);
  g_assert_cmpint (notified, ==, 1); /* the same again: nothing new */
  remora_session_set_filter (session, filter, REMORA_FILTER_TARGET_BOTH, mask);
  g_assert_cmpint (notified, ==, 2);
  g_assert_true (remora_session_get_mask (session) == mask);
  remora_session_set_filter (session, NULL, REMORA_FILTER_TARGET_BOTH, NULL);
  g_assert_cmpint (notified, ==, 3);
  g_assert_null (remora_session_get_filter (session));
  g_assert_null (remora_session_get_mask (session));
}

int
main (int argc, char **argv)
{
  g_autofree char *trace = NULL;
  g_autofree char *dir = NULL;
  int              ret;

  g_test_init (&argc, &argv, NULL);
  trace = remora_test_fixture_path ("sched-block-v6.dat");
  dir = remora_test_make_tmpdir ();
  store = remora_test_import (trace, dir, NULL);
  g_test_add_func ("/remora/render/filter/tasks-left-out-are-grey", test_by_task);
  g_test_add_func ("/remora/render/filter/cpus-left-out-are-grey", test_by_cpu);
  g_test_add_func ("/remora/render/filter/session-holds-filter", test_session_holds_filter);
  ret = g_test_run ();
  g_clear_object (&store);
  remora_test_rmdir (dir);
  return ret;
}
