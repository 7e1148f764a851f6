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

static cairo_surface_t *
render (const Scene *s)
{
  g_autoptr (RemoraTimelineScene) scene = remora_timeline_scene_new (store);
  g_autoptr (GError) error = NULL;
  gint64           first = remora_store_get_meta_int (store, "first_ts", 0);
  cairo_surface_t *surface;
  cairo_t         *cr;

  if (s->from)
    {
      g_assert_true (remora_parse_time (s->from, first, &scene->range.begin_ns, &error));
      g_assert_true (remora_parse_time (s->to, first, &scene->range.end_ns, &error));
    }
  for (int cpu = 0; cpu < 4; cpu++)
    remora_timeline_scene_add_row (scene, REMORA_ROW_CPU, "", cpu, NULL);
  if (s->from && !s->dark)
    {
      /* two markers and the time between them */
      remora_timeline_scene_add_marker (scene, "wake", 5892800000);
      remora_timeline_scene_add_marker (scene, "run", 5893081497);
    }
  for (int i = 0; i < 3 && s->tasks[i]; i++)
    remora_timeline_scene_add_row (scene, REMORA_ROW_TASK, "", s->tasks[i], NULL);
  scene->width = 800;
  scene->height = 300;
  scene->theme = remora_theme_get (s->dark);
  scene->title_block = s->title;
  scene->title = g_strdup (s->name);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, scene->width, scene->height);
  cr = cairo_create (surface);
  g_assert_true (remora_timeline_render (scene, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_golden (gconstpointer data)
{
  const Scene     *s = data;
  cairo_surface_t *actual = render (s);
  g_autofree char *file = g_strconcat (s->name, ".png", NULL);
  g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", file, NULL);
  cairo_surface_t *golden;
  int              w, h, stride, differing = 0, worst = 0;
  guint8          *a, *g, *d_data;
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
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, h);
  stride = cairo_image_surface_get_stride (actual);
  g_assert_cmpint (cairo_image_surface_get_stride (golden), ==, stride);
  a = cairo_image_surface_get_data (actual);
  g = cairo_image_surface_get_data (golden);
  diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  d_data = cairo_image_surface_get_data (diff);
  memcpy (d_data, g, (gsize) stride * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *pa = a + y * stride + 4 * x, *pg = g + y * stride + 4 * x;
        int     d = 0;
        for (int k = 0; k < 4; k++)
          d = MAX (d, ABS ((int) pa[k] - (int) pg[k]));
        worst = MAX (worst, d);
        if (d > CHANNEL_TOLERANCE)
          {
            guint8 *pd = d_data + y * stride + 4 * x;
            differing++;
            /* the diff image: the reference, red where it differs */
            pd[0] = 0, pd[1] = 0, pd[2] = 255, pd[3] = 255;
          }
      }
  cairo_surface_mark_dirty (diff);
  g_test_message ("%s: %d pixels differ beyond %d (largest channel difference %d)", s->name,
                  differing, CHANNEL_TOLERANCE, worst);
  if (differing > PIXEL_SHARE * w * h)
    {
      g_autofree char *actual_name = g_strconcat (s->name, ".actual.png", NULL);
      g_autofree char *diff_name = g_strconcat (s->name, ".diff.png", NULL);
      g_autofree char *actual_path = g_test_build_filename (G_TEST_BUILT, actual_name, NULL);
      g_autofree char *diff_path = g_test_build_filename (G_TEST_BUILT, diff_name, NULL);
      cairo_surface_write_to_png (actual, actual_path);
      cairo_surface_write_to_png (diff, diff_path);
      g_error ("%s differs from its golden image in %d pixels: see %s and %s", s->name, differing,
               actual_path, diff_path);
    }
  cairo_surface_destroy (diff);
  cairo_surface_destroy (golden);
  cairo_surface_destroy (actual);
}

static void
test_exports (void)
{
  static const struct
  {
    const char *name;
    const char *magic;
  } formats[] = { { "x.png", "\x89PNG" }, { "x.svg", "<?xml" }, { "x.pdf", "%PDF" } };
  g_autoptr (RemoraTimelineScene) scene = remora_timeline_scene_new (store);

  remora_timeline_scene_add_row (scene, REMORA_ROW_CPU, "", 0, NULL);
  remora_timeline_scene_add_row (scene, REMORA_ROW_TASK, "", 141, NULL);
  scene->width = 640;
  scene->height = 200;
  scene->title_block = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (store_dir, formats[i].name, NULL);
      g_autofree char *contents = NULL;
      gsize            len;

      g_assert_true (remora_export_scene (scene, path, 2.0, &error));
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
    g_assert_false (remora_export_scene (scene, path, 1.0, &error));
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
      g_test_add_data_func (path, &scenes[i], test_golden);
    }
  g_test_add_func ("/remora/render/export/formats", test_exports);
  ret = g_test_run ();
  g_clear_object (&store);
  remora_test_rmdir (store_dir);
  g_free (store_dir);
  return ret;
}
