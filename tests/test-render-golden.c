/* test-render-golden.c: fixed scenes of a committed trace, drawn into images
 * of a fixed size, compared with tests/golden/NAME.png pixel by pixel (as
 * cairo's test suite does): a few pixels may differ a little, no more. On a
 * failure NAME.actual.png and NAME.diff.png are written to the build
 * directory. REMORA_UPDATE_GOLDEN=1 rewrites the references instead.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "remora-render.h"
#include "remora-test-util.h"

#define CHANNEL_TOLERANCE 24    /* per channel, of 255 */
#define PIXEL_SHARE       0.002 /* at most 0.2 % of the pixels beyond it */

static RemoraStore *store;
static char        *store_dir;

typedef struct
{
  const char *name;
  const char *from; /* absolute seconds */
  const char *to;
  gboolean    dark;
  gboolean    title;
  int         tasks[3];
} Scene;

static const Scene scenes[] = {
  { "whole-trace", NULL, NULL, FALSE, TRUE, { 146, 141, 173 } },
  { "one-millisecond", "@5.8925", "@5.8935", FALSE, FALSE, { 141, 173, 0 } },
  { "twenty-microseconds-dark", "@5.893071", "@5.893091", TRUE, TRUE, { 141, 173, 0 } },
};

/* How a scene is drawn: straight onto an image (rows written into its
 * pixels), through a recording surface replayed onto an image (rows as
 * cairo rectangles, as SVG and PDF get them), or onto an image under a clip
 * that cuts the rows (rows through a band image). */
typedef enum
{
  DRAW_IMAGE,
  DRAW_PATHS,
  DRAW_CLIPPED,
} DrawMode;

static cairo_surface_t *
render_with (const Scene *s, DrawMode mode, double scale)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  gint64              first = remora_store_get_info (store)->first_ts;
  RemoraTimelineStyle style;
  cairo_surface_t    *surface, *target;
  cairo_t            *cr;

  if (s->from)
    {
      gint64 begin, end;
      g_assert_true (remora_parse_time (s->from, first, &begin, &error));
      g_assert_true (remora_parse_time (s->to, first, &end, &error));
      remora_session_set_visible (session, begin, end);
    }
  for (int cpu = 0; cpu < 4; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  /* the trace's block device: its requests one by one */
  remora_session_add_row (session, REMORA_ROW_DEVICE, 0, REMORA_BLOCK_DEV (254, 0), NULL);
  if (s->from && !s->dark)
    {
      /* two markers and the time between them */
      remora_session_add_marker (session, "wake", 5892800000);
      remora_session_add_marker (session, "run", 5893081497);
    }
  for (int i = 0; i < 3 && s->tasks[i]; i++)
    remora_session_add_row (session, REMORA_ROW_TASK, 0, s->tasks[i], NULL);
  remora_timeline_style_init (&style);
  style.width = 800;
  style.height = 360;
  style.theme = remora_theme_get (s->dark);
  style.title_block = s->title;
  style.title = s->name;
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), &error);
  g_assert_no_error (error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (style.width * scale),
                                        (int) (style.height * scale));
  target = mode == DRAW_PATHS ? cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL)
                              : cairo_surface_reference (surface);
  cr = cairo_create (target);
  cairo_scale (cr, scale, scale);
  if (mode == DRAW_CLIPPED)
    {
      /* everything but the last column */
      cairo_rectangle (cr, 0, 0, style.width - 9, style.height);
      cairo_clip (cr);
    }
  g_assert_true (remora_timeline_paint (frame, NULL, &style, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  if (mode == DRAW_PATHS)
    {
      cr = cairo_create (surface);
      cairo_set_source_surface (cr, target, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (target);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
render (const Scene *s)
{
  return render_with (s, DRAW_IMAGE, 1);
}

/* Pixels of @a and @b (same size) that differ by more than the tolerance in
 * some channel, in columns below @max_x; marked red in @diff (a copy of @b)
 * when given. */
static int
count_differing (
    cairo_surface_t *a, cairo_surface_t *b, int max_x, cairo_surface_t *diff, int *worst)
{
  int     w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int     stride = cairo_image_surface_get_stride (a);
  guint8 *pa0 = cairo_image_surface_get_data (a), *pb0 = cairo_image_surface_get_data (b);
  int     differing = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  g_assert_cmpint (cairo_image_surface_get_stride (b), ==, stride);
  if (diff)
    memcpy (cairo_image_surface_get_data (diff), pb0, (gsize) stride * h);
  *worst = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < MIN (w, max_x); x++)
      {
        guint8 *pa = pa0 + y * stride + 4 * x, *pb = pb0 + y * stride + 4 * x;
        int     d = 0;
        for (int k = 0; k < 4; k++)
          d = MAX (d, ABS ((int) pa[k] - (int) pb[k]));
        *worst = MAX (*worst, d);
        if (d > CHANNEL_TOLERANCE)
          {
            differing++;
            if (diff)
              {
                /* the diff image: the reference, red where it differs */
                guint8 *pd = cairo_image_surface_get_data (diff) + y * stride + 4 * x;
                pd[0] = 0, pd[1] = 0, pd[2] = 255, pd[3] = 255;
              }
          }
      }
  if (diff)
    cairo_surface_mark_dirty (diff);
  return differing;
}

/* @actual against the golden image @name (which REMORA_UPDATE_GOLDEN=1
 * writes instead); takes @actual. */
static void
compare_golden (const char *name, cairo_surface_t *actual)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  cairo_surface_t *golden;
  int              w, h, differing, worst;
  cairo_surface_t *diff;

  if (g_strcmp0 (g_getenv ("REMORA_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, golden_path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", golden_path);
      cairo_surface_destroy (actual);
      return;
    }
  golden = cairo_image_surface_create_from_png (golden_path);
  g_assert_cmpint (cairo_surface_status (golden), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (actual);
  h = cairo_image_surface_get_height (actual);
  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  differing = count_differing (actual, golden, w, diff, &worst);
  g_test_message ("%s: %d pixels differ beyond %d (largest channel difference %d)", name, differing,
                  CHANNEL_TOLERANCE, worst);
  if (differing > PIXEL_SHARE * w * h)
    {
      g_autofree char *actual_name = g_strconcat (name, ".actual.png", NULL);
      g_autofree char *diff_name = g_strconcat (name, ".diff.png", NULL);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, actual_name, NULL);
      g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);
      cairo_surface_write_to_png (actual, actual_path);
      cairo_surface_write_to_png (diff, diff_path);
      g_error ("%s differs from its golden image in %d pixels: see %s and %s", name, differing,
               actual_path, diff_path);
    }
  cairo_surface_destroy (diff);
  cairo_surface_destroy (golden);
  cairo_surface_destroy (actual);
}

static void
test_golden (gconstpointer data)
{
  const Scene *s = data;

  compare_golden (s->name, render (s));
}

/* Latency plots of the committed trace: its block requests' histogram, its
 * wakeups over time. */
static const struct
{
  const char           *name;
  RemoraLatencyKind     kind;
  RemoraLatencyPlotKind plot;
  gboolean              dark;
} plots[] = {
  { "latency-block-histogram", REMORA_LATENCY_BLOCK, REMORA_LATENCY_PLOT_HISTOGRAM, FALSE },
  { "latency-sched-scatter-dark", REMORA_LATENCY_WAKEUP, REMORA_LATENCY_PLOT_SCATTER, TRUE },
};

static void
test_latency_plot (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraLatencyTable) table = remora_latency_table_read (store, plots[i].kind, &error);
  const RemoraTraceInfo *info = remora_store_get_info (store);
  RemoraLatencyPlotStyle style;
  cairo_surface_t       *surface;
  cairo_t               *cr;

  g_assert_no_error (error);
  remora_latency_plot_style_init (&style);
  style.width = 800;
  style.height = 360;
  style.theme = remora_theme_get (plots[i].dark);
  style.title_block = TRUE;
  style.subtitle = "sched-block-v6.dat";
  style.range = remora_time_range_make (info->first_ts, info->last_ts + 1);
  style.origin_ns = info->first_ts;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, style.width, style.height);
  cr = cairo_create (surface);
  g_assert_true (remora_latency_plot_paint (table, NULL, plots[i].plot, &style, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  compare_golden (plots[i].name, surface);
}

/* Rows written into an image's pixels (a window's frames, PNG exports) look
 * like the same rows filled as cairo rectangles (SVG and PDF exports), at
 * scale 1 and 2, and like rows drawn through a band image under a clip. */
static void
test_raster_matches_paths (gconstpointer data)
{
  const Scene *s = data;

  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *image = render_with (s, DRAW_IMAGE, scale);
      cairo_surface_t *paths = render_with (s, DRAW_PATHS, scale);
      cairo_surface_t *clipped = render_with (s, DRAW_CLIPPED, scale);
      int              w = cairo_image_surface_get_width (image);
      int              h = cairo_image_surface_get_height (image);
      int              worst, n;

      n = count_differing (image, paths, w, NULL, &worst);
      g_test_message ("%s at scale %d, pixels against rectangles: %d differ (largest %d)", s->name,
                      scale, n, worst);
      g_assert_cmpint (n, <=, PIXEL_SHARE * w * h);
      n = count_differing (image, clipped, (800 - 9) * scale, NULL, &worst);
      g_test_message ("%s at scale %d, pixels against a band image: %d differ (largest %d)",
                      s->name, scale, n, worst);
      g_assert_cmpint (n, <=, PIXEL_SHARE * w * h);
      cairo_surface_destroy (image);
      cairo_surface_destroy (paths);
      cairo_surface_destroy (clipped);
    }
}

static void
test_exports (void)
{
  static const struct
  {
    const char *name;
    const char *magic;
  } formats[] = { { "x.png", "\x89PNG" }, { "x.svg", "<?xml" }, { "x.pdf", "%PDF" } };
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFrame) frame = NULL;
  RemoraTimelineStyle style;

  remora_session_add_row (session, REMORA_ROW_CPU, 0, 0, NULL);
  remora_session_add_row (session, REMORA_ROW_TASK, 0, 141, NULL);
  remora_timeline_style_init (&style);
  style.width = 640;
  style.height = 200;
  style.title_block = TRUE;
  frame = remora_session_compute_frame (session, remora_timeline_get_columns (&style), NULL);
  g_assert_nonnull (frame);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (store_dir, formats[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize            len;

      g_assert_true (remora_export_frame (frame, &style, path, 2.0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_cmpmem (contents, strlen (formats[i].magic), formats[i].magic,
                       strlen (formats[i].magic));
    }
  /* an unknown suffix is an error, not a file */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *path = g_build_filename (store_dir, "x.gif", NULL);
    g_assert_false (remora_export_frame (frame, &style, path, 1.0, &error));
    g_assert_error (error, REMORA_RENDER_ERROR, REMORA_RENDER_ERROR_FORMAT);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* a PNG at scale 2 is twice as large */
  {
    g_autofree char *path = g_build_filename (store_dir, "x.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1280);
    cairo_surface_destroy (png);
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
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/remora/golden/%s", scenes[i].name);
      g_autofree char *path2 = g_strdup_printf ("/remora/render/raster/%s", scenes[i].name);
      g_test_add_data_func (path, &scenes[i], test_golden);
      g_test_add_data_func (path2, &scenes[i], test_raster_matches_paths);
    }
  for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
    {
      g_autofree char *path = g_strdup_printf ("/remora/golden/%s", plots[i].name);
      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_latency_plot);
    }
  g_test_add_func ("/remora/render/export/formats", test_exports);
  ret = g_test_run ();
  g_clear_object (&store);
  remora_test_rmdir (store_dir);
  g_free (store_dir);
  return ret;
}
