/* remora-bench-render.c: the time to answer and draw one 1920×1080 timeline
 * frame (every CPU row and the 30 busiest tasks) at 20 zoom levels, from the
 * whole trace down to 10 µs, centred on the trace's middle; p50 and p99 per
 * level, then peak RSS and the time to export the whole trace to PNG.
 * Run by bench/render; not part of the tests.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "remora-render.h"

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* The process's resident anonymous memory (heap, stacks, caches), in MB:
 * what drawing allocates, without the store's pages mapped from the file,
 * which the kernel can drop at any time. */
static double
anon_rss_mb (void)
{
  g_autofree char *status = NULL;
  const char      *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "RssAnon:");
  return line ? g_ascii_strtod (line + strlen ("RssAnon:"), NULL) / 1024.0 : 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraStore) store = NULL;
  g_autoptr (RemoraTimelineScene) scene = NULL;
  int              repeats = argc > 2 ? atoi (argv[2]) : 15;
  int              only_level = argc > 3 ? atoi (argv[3]) : -1; /* for profiling */
  gint64           first, last, span, mid;
  cairo_surface_t *surface;
  sqlite3_stmt    *st = NULL;
  struct rusage    ru;
  double           peak_anon = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s STORE [REPEATS [LEVEL]]\n", argv[0]);
      return 2;
    }
  store = remora_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  scene = remora_timeline_scene_new (store);
  first = scene->range.begin_ns;
  last = scene->range.end_ns;
  span = last - first;
  mid = first + span / 2;
  for (int cpu = 0; cpu < remora_store_get_meta_int (store, "cpus", 0); cpu++)
    remora_timeline_scene_add_row (scene, REMORA_ROW_CPU, "", cpu, NULL);
  sqlite3_prepare_v2 (remora_store_get_db (store),
                      "SELECT pid FROM sched_slices WHERE buffer = '' AND pid != 0 GROUP BY pid "
                      "ORDER BY sum(end_ts - start_ts) DESC LIMIT 30",
                      -1, &st, NULL);
  while (sqlite3_step (st) == SQLITE_ROW)
    remora_timeline_scene_add_row (scene, REMORA_ROW_TASK, "", sqlite3_column_int (st, 0), NULL);
  sqlite3_finalize (st);
  scene->width = 1920;
  scene->height = 1080;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

  printf ("level range_ns p50_ms p99_ms\n");
  for (int level = 0; level < 20; level++)
    {
      gint64 len = (gint64) (span * pow (10000.0 / span, level / 19.0));
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      if (only_level >= 0 && level != only_level)
        continue;
      scene->range.begin_ns = mid - len / 2;
      scene->range.end_ns = scene->range.begin_ns + len;
      for (int r = 0; r < repeats; r++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64   t0 = g_get_monotonic_time ();
          double   ms;

          if (!remora_timeline_render (scene, cr, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          cairo_surface_flush (surface);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          cairo_destroy (cr);
          g_array_append_val (times, ms);
          peak_anon = MAX (peak_anon, anon_rss_mb ());
        }
      g_array_sort (times, compare_doubles);
      printf ("%d %" G_GINT64_FORMAT " %.2f %.2f\n", level, len,
              g_array_index (times, double, (times->len + 1) / 2 - 1),
              g_array_index (times, double, (99 * times->len + 99) / 100 - 1));
    }
  cairo_surface_destroy (surface);

  {
    g_autofree char *png = g_build_filename (g_get_tmp_dir (), "remora-bench-whole.png", NULL);
    gint64           t0;
    scene->range.begin_ns = first;
    scene->range.end_ns = last;
    scene->title_block = TRUE;
    t0 = g_get_monotonic_time ();
    if (!remora_export_scene (scene, png, 1.0, &error))
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
    printf ("export_whole_png_s %.3f\n", (g_get_monotonic_time () - t0) / 1e6);
    g_unlink (png);
  }
  getrusage (RUSAGE_SELF, &ru);
  printf ("peak_rss_mb %.1f\n", ru.ru_maxrss / 1024.0);
  printf ("peak_anon_mb %.1f\n", peak_anon);
  return 0;
}
