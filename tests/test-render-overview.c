/* test-render-overview.c: the overview strip, as the window paints it (the
 * CPUs' activity kept in an image, the visible range framed over it at each
 * step of a zoom), is the strip painted in one go, pixel for pixel; its bars
 * show where the CPUs ran, the range outside the view is dimmed.
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

static cairo_surface_t *
new_surface (const RemoraTimelineStyle *style)
{
  return cairo_image_surface_create (CAIRO_FORMAT_RGB24, style->width, style->height);
}

/* How many pixels of column @x, rows 4 to the bottom, differ from the
 * background at the top of the column. */
static int
column_ink (cairo_surface_t *s, int x)
{
  int     stride = cairo_image_surface_get_stride (s);
  guint8 *data = cairo_image_surface_get_data (s);
  guint32 top = ((guint32 *) (data + 5 * stride))[0] & 0xffffff;
  int     ink = 0;

  for (int y = 5; y < cairo_image_surface_get_height (s) - 1; y++)
    ink += (((guint32 *) (data + y * stride))[x] & 0xffffff) != top;
  return ink;
}

static void
test_kept_image_is_the_strip (void)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  const RemoraTraceInfo *info = remora_store_get_info (store);
  RemoraTimelineStyle    style;
  RemoraTimeRange        visible;
  cairo_surface_t       *whole, *kept, *shown;
  cairo_t               *cr;
  int                    x0, inked = 0;

  remora_timeline_style_init (&style);
  style.width = 900;
  style.height = 40;
  style.theme = remora_theme_get (FALSE);
  for (int cpu = 0; cpu < info->cpus; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  g_assert_no_error (error);
  /* a view of the second tenth of the trace */
  visible.begin_ns = frame->range.begin_ns + remora_time_range_get_duration (&frame->range) / 10;
  visible.end_ns = visible.begin_ns + remora_time_range_get_duration (&frame->range) / 10;

  whole = new_surface (&style);
  cr = cairo_create (whole);
  g_assert_true (remora_overview_paint (frame, &visible, &style, cr, &error));
  cairo_destroy (cr);

  kept = new_surface (&style);
  cr = cairo_create (kept);
  remora_overview_paint_activity (frame, &style, cr);
  cairo_destroy (cr);
  shown = new_surface (&style);
  cr = cairo_create (shown);
  cairo_set_source_surface (cr, kept, 0, 0);
  cairo_paint (cr);
  remora_overview_paint_visible (frame, &visible, &style, cr);
  cairo_destroy (cr);

  cairo_surface_flush (whole);
  cairo_surface_flush (shown);
  g_assert_cmpint (cairo_image_surface_get_stride (whole), ==,
                   cairo_image_surface_get_stride (shown));
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (whole),
                           cairo_image_surface_get_data (shown),
                           (size_t) cairo_image_surface_get_stride (whole) * style.height),
                   ==, 0);

  /* the CPUs ran: most columns of the activity have a bar */
  x0 = (int) remora_timeline_get_plot_x (&style);
  for (int c = 0; c < frame->columns; c++)
    inked += column_ink (kept, x0 + c) > 0;
  g_assert_cmpint (inked, >, frame->columns / 2);
  /* outside the view, dimmed: the same column is lighter in the strip shown
   * than in the activity alone, inside it is the same */
  {
    int     stride = cairo_image_surface_get_stride (kept);
    int     y = style.height - 3;
    int     out = x0 + frame->columns * 7 / 10, in = x0 + frame->columns * 15 / 100;
    guint8 *k = cairo_image_surface_get_data (kept) + y * stride;
    guint8 *s = cairo_image_surface_get_data (shown) + y * stride;

    g_assert_cmpint (k[out * 4 + 1], <, s[out * 4 + 1]);
    g_assert_cmpint (((guint32 *) k)[in] & 0xffffff, ==, ((guint32 *) s)[in] & 0xffffff);
  }
  cairo_surface_destroy (whole);
  cairo_surface_destroy (kept);
  cairo_surface_destroy (shown);
}

/* A window's thread paints the timeline and the overview in turn, on two
 * kinds of surface (here: scale 1 and scale 2): the timeline's texts, laid
 * out once, are not laid out again at the next frame. They were, at every
 * frame of a zoom (the laid out texts of one kind of surface were thrown
 * away when the thread painted on the other). */
static void
test_texts_kept_between_frames (void)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  const RemoraTraceInfo *info = remora_store_get_info (store);
  RemoraTimelineStyle    style, strip;
  cairo_surface_t       *rows, *overview;
  guint64                first, again;

  remora_timeline_style_init (&style);
  style.width = 900;
  style.height = 300;
  style.theme = remora_theme_get (FALSE);
  strip = style;
  strip.height = 40;
  for (int cpu = 0; cpu < info->cpus; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  g_assert_no_error (error);
  rows = new_surface (&style);
  overview = cairo_image_surface_create (CAIRO_FORMAT_RGB24, strip.width * 2, strip.height * 2);
  cairo_surface_set_device_scale (overview, 2, 2);

  for (int i = 0; i < 3; i++)
    {
      cairo_t *cr = cairo_create (rows);

      g_assert_true (remora_timeline_paint (frame, &frame->range, &style, cr, &error));
      cairo_destroy (cr);
      if (i == 0)
        first = remora_paint_texts_laid_out ();
      cr = cairo_create (overview);
      g_assert_true (remora_overview_paint (frame, &frame->range, &strip, cr, &error));
      cairo_destroy (cr);
    }
  again = remora_paint_texts_laid_out ();
  /* the first frame laid out the rows' names and the axis' labels at least */
  g_assert_cmpuint (first, >=, (guint64) info->cpus + 2);
  /* the overview's own texts, once; the timeline's, never again */
  g_test_message ("laid out %" G_GUINT64_FORMAT " then %" G_GUINT64_FORMAT, first, again - first);
  g_assert_cmpuint (again - first, <=, 4);
  cairo_surface_destroy (rows);
  cairo_surface_destroy (overview);
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
  g_test_add_func ("/remora/render/overview/kept-image-is-the-strip", test_kept_image_is_the_strip);
  g_test_add_func ("/remora/render/overview/texts-kept-between-frames",
                   test_texts_kept_between_frames);
  ret = g_test_run ();
  g_clear_object (&store);
  remora_test_rmdir (dir);
  return ret;
}
