/* test-render-links.c: the links drawn in their own colours, a wakeup's
 * arrow in one and a block request's span in another (not the text's ink),
 * only when links are on, and named in an export's legend when it has room.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "remora-render.h"
#include "remora-test-util.h"

static RemoraStore *store;

/* Pixels of rows @y0 to @y1 (not included) within @tolerance of @c in every
 * channel. */
static int
count_color (cairo_surface_t *s, int y0, int y1, const RemoraRgba *c, int tolerance)
{
  int     stride = cairo_image_surface_get_stride (s);
  guint8 *data = cairo_image_surface_get_data (s);
  int     r = (int) (c->r * 255 + 0.5), g = (int) (c->g * 255 + 0.5), b = (int) (c->b * 255 + 0.5);
  int     n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      {
        guint32 p = ((guint32 *) (data + y * stride))[x];
        if (abs ((int) (p >> 16 & 0xff) - r) <= tolerance &&
            abs ((int) (p >> 8 & 0xff) - g) <= tolerance && abs ((int) (p & 0xff) - b) <= tolerance)
          n++;
      }
  return n;
}

/* The trace from @from to @to (absolute seconds, or all of it), its four
 * CPU rows, @width wide with an export's title block and legend. */
static cairo_surface_t *
paint (const char *from, const char *to, gboolean links, int width, RemoraFrame **out)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (GError) error = NULL;
  gint64              first = remora_store_get_info (store)->first_ts, begin, end;
  RemoraTimelineStyle style;
  cairo_surface_t    *surface;
  cairo_t            *cr;

  if (from)
    {
      g_assert_true (remora_parse_time (from, first, &begin, &error));
      g_assert_true (remora_parse_time (to, first, &end, &error));
      remora_session_set_visible (session, begin, end);
    }
  for (int cpu = 0; cpu < 4; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  remora_session_set_links (session, links);
  remora_timeline_style_init (&style);
  style.width = width;
  style.height = remora_timeline_get_height_for_rows (TRUE, 4);
  style.title_block = TRUE;
  style.title = "links";
  *out = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, style.width, style.height);
  cr = cairo_create (surface);
  g_assert_true (remora_timeline_paint (*out, NULL, &style, cr, &error));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_own_colours (void)
{
  const RemoraTheme *theme = remora_theme_get (FALSE);
  RemoraFrame       *frame;
  cairo_surface_t   *on, *off;
  int                h, legend;

  /* a millisecond with wakeups and a block request's issue (its tick on the
   * issuing CPU's row) */
  on = paint ("@5.8884", "@5.8894", TRUE, 1400, &frame);
  g_assert_nonnull (frame->wakeup_links);
  g_assert_cmpuint (frame->wakeup_links->len, >, 0);
  g_assert_nonnull (frame->block_links);
  g_assert_cmpuint (frame->block_links->len, >, 0);
  remora_frame_unref (frame);
  off = paint ("@5.8884", "@5.8894", FALSE, 1400, &frame);
  remora_frame_unref (frame);
  h = cairo_image_surface_get_height (on);
  legend = h - 28;

  /* in the rows: each kind in its colour with links on, neither without */
  g_assert_cmpint (count_color (on, 0, legend, &theme->wakeup_link, 8), >, 10);
  g_assert_cmpint (count_color (on, 0, legend, &theme->block_link, 8), >, 10);
  g_assert_cmpint (count_color (off, 0, legend, &theme->wakeup_link, 8), ==, 0);
  g_assert_cmpint (count_color (off, 0, legend, &theme->block_link, 8), ==, 0);
  /* in the legend, both named when the picture has them */
  g_assert_cmpint (count_color (on, legend, h, &theme->wakeup_link, 8), >, 5);
  g_assert_cmpint (count_color (on, legend, h, &theme->block_link, 8), >, 5);
  g_assert_cmpint (count_color (off, legend, h, &theme->wakeup_link, 8), ==, 0);
  g_assert_cmpint (count_color (off, legend, h, &theme->block_link, 8), ==, 0);
  cairo_surface_destroy (on);
  cairo_surface_destroy (off);
}

static void
test_legend_without_room (void)
{
  const RemoraTheme *theme = remora_theme_get (FALSE);
  RemoraFrame       *frame;
  cairo_surface_t   *narrow;
  int                h, w, stride;
  guint8            *data;
  guint32            right;

  /* 500 pixels: no room for the links' entries after the slices' */
  narrow = paint ("@5.8925", "@5.8935", TRUE, 500, &frame);
  remora_frame_unref (frame);
  h = cairo_image_surface_get_height (narrow);
  w = cairo_image_surface_get_width (narrow);
  g_assert_cmpint (count_color (narrow, h - 28, h, &theme->wakeup_link, 8), ==, 0);
  g_assert_cmpint (count_color (narrow, h - 28, h, &theme->block_link, 8), ==, 0);
  /* and nothing written into the legend's last pixels but the background */
  stride = cairo_image_surface_get_stride (narrow);
  data = cairo_image_surface_get_data (narrow);
  for (int y = h - 28; y < h; y++)
    {
      right = ((guint32 *) (data + y * stride))[w - 2] & 0xffffff;
      g_assert_cmphex (right, ==, 0xffffff);
    }
  cairo_surface_destroy (narrow);
}

int
main (int argc, char **argv)
{
  g_autofree char *trace = NULL;
  g_autofree char *dir = NULL;
  int              status;

  g_test_init (&argc, &argv, NULL);
  trace = remora_test_fixture_path ("sched-block-v6.dat");
  dir = remora_test_make_tmpdir ();
  store = remora_test_import (trace, dir, NULL);
  g_test_add_func ("/remora/render/links/own-colours", test_own_colours);
  g_test_add_func ("/remora/render/links/legend-without-room", test_legend_without_room);
  status = g_test_run ();
  g_object_unref (store);
  remora_test_rmdir (dir);
  return status;
}
