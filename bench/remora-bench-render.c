/* remora-bench-render.c: the time to answer and draw one 1920×1080 timeline
 * frame (every CPU row and the 30 busiest tasks) at 20 zoom levels, from the
 * whole trace down to 10 µs, centred on the trace's middle: the first frame
 * of each zoom, p50 and p99 of the repeats, and the rows' queries alone (the
 * model's share); then peak RSS and the time to export the whole trace to PNG.
 * Run by bench/render; not part of the tests. With REMORA_BENCH_PROFILE set it
 * also prints, on stderr, the time SQLite spent in each statement and the CPU
 * rows' share of the model's time.
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
#include "remora-store-private.h"

static GHashTable *prof_ns, *prof_n;

static int
on_profile (unsigned type, void *ctx, void *p, void *x)
{
  const char *sql = sqlite3_sql (p);
  gint64      ns = *(sqlite3_int64 *) x;
  (void) type;
  (void) ctx;
  g_hash_table_insert (
      prof_ns, (gpointer) sql,
      GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (prof_ns, sql)) + ns));
  g_hash_table_insert (prof_n, (gpointer) sql,
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (prof_n, sql)) + 1));
  return 0;
}

/* The model's share of a frame: every row's query alone, in one snapshot,
 * as the renderer asks them (1762 columns: 1920 minus labels and margin). */
static double cpu_rows_ms;

static double
model_ms (RemoraSession *session, int width)
{
  RemoraStore           *store = remora_session_get_store (session);
  const GArray          *rows = remora_session_get_rows (session);
  const RemoraTimeRange *range = &remora_session_get_viewport (session)->visible;
  gint64                 t0 = g_get_monotonic_time ();
  gpointer cols = g_malloc0 (MAX (sizeof (RemoraCpuColumn), sizeof (RemoraTaskColumn)) * width);

  remora_store_begin_snapshot (store, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const RemoraRowSpec *r = &g_array_index (rows, RemoraRowSpec, i);
      if (r->kind == REMORA_ROW_CPU)
        {
          gint64 c0 = g_get_monotonic_time ();
          remora_cpu_row_query (store, r->buffer_id, r->id, range, width, cols, NULL, NULL);
          cpu_rows_ms += (g_get_monotonic_time () - c0) / 1000.0;
        }
      else
        remora_task_row_query (store, r->buffer_id, r->id, range, width, cols, NULL, NULL);
    }
  remora_store_end_snapshot (store);
  g_free (cols);
  return (g_get_monotonic_time () - t0) / 1000.0;
}

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
  g_autoptr (RemoraSession) session = NULL;
  RemoraTimelineStyle style;
  int                 columns;
  int                 repeats = argc > 2 ? atoi (argv[2]) : 15;
  int                 only_level = argc > 3 ? atoi (argv[3]) : -1; /* for profiling */
  gint64              first, last, span, mid;
  cairo_surface_t    *surface;
  struct rusage       ru;
  double              peak_anon = 0;

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
  session = remora_session_new (store);
  /* the helper thread's connection, opened with the view rather than in its
   * first frame */
  remora_store_get_companion (store, NULL);
  if (g_getenv ("REMORA_BENCH_PROFILE"))
    {
      prof_ns = g_hash_table_new (g_str_hash, g_str_equal);
      prof_n = g_hash_table_new (g_str_hash, g_str_equal);
      sqlite3_trace_v2 (remora_store_get_db (store), SQLITE_TRACE_PROFILE, on_profile, NULL);
    }
  first = remora_session_get_viewport (session)->trace.begin_ns;
  last = remora_session_get_viewport (session)->trace.end_ns;
  span = last - first;
  mid = first + span / 2;
  for (int cpu = 0; cpu < remora_store_get_info (store)->cpus; cpu++)
    remora_session_add_row (session, REMORA_ROW_CPU, 0, cpu, NULL);
  {
    g_autoptr (GArray) busiest = remora_busiest_tasks (
        store, 0, &remora_session_get_viewport (session)->visible, 30, &error);
    if (busiest == NULL)
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
    for (guint i = 0; i < busiest->len; i++)
      remora_session_add_row (session, REMORA_ROW_TASK, 0,
                              g_array_index (busiest, RemoraTaskTotal, i).pid, NULL);
  }
  remora_timeline_style_init (&style);
  style.width = 1920;
  style.height = 1080;
  columns = remora_timeline_get_columns (&style);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

  printf ("level range_ns p50_ms p99_ms first_ms model_p50_ms\n");
  for (int level = 0; level < 20; level++)
    {
      gint64 len = (gint64) (span * pow (10000.0 / span, level / 19.0));
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      double first_ms = 0, model_p50;

      if (only_level >= 0 && level != only_level)
        continue;
      remora_session_set_visible (session, mid - len / 2, mid - len / 2 + len);
      /* the first frame at a new zoom also faults in the store's pages
       * (cold): timed apart, then the repeats */
      for (int r = -1; r < repeats; r++)
        {
          cairo_t *cr = cairo_create (surface);
          gint64   t0 = g_get_monotonic_time ();
          double   ms;

          /* as a view that answers its own frames: what needs no columns is
           * painted while the helper thread answers rows, then this thread
           * takes the rows left and paints the rest */
          RemoraFrameJob *job = remora_session_start_frame (session, columns);
          g_autoptr (RemoraFrame) frame = NULL;

          remora_timeline_paint_chrome (remora_frame_job_get_frame (job), NULL, &style, cr, NULL);
          frame = remora_frame_job_finish (job, &error);
          if (frame == NULL || !remora_timeline_paint_body (frame, NULL, &style, cr, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          cairo_surface_flush (surface);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          cairo_destroy (cr);
          if (r < 0)
            {
              first_ms = ms;
              continue;
            }
          g_array_append_val (times, ms);
          peak_anon = MAX (peak_anon, anon_rss_mb ());
        }
      g_array_sort (times, compare_doubles);
      {
        g_autoptr (GArray) model = g_array_new (FALSE, FALSE, sizeof (double));
        cpu_rows_ms = 0;
        for (int r = 0; r < MAX (3, repeats / 3); r++)
          {
            double ms = model_ms (session, columns);
            g_array_append_val (model, ms);
          }
        g_array_sort (model, compare_doubles);
        model_p50 = g_array_index (model, double, (model->len + 1) / 2 - 1);
        if (g_getenv ("REMORA_BENCH_PROFILE"))
          fprintf (stderr, "level %d: CPU rows %.2f ms of the model's %.2f ms (mean)\n", level,
                   cpu_rows_ms / model->len, model_p50);
      }
      printf ("%d %" G_GINT64_FORMAT " %.2f %.2f %.2f %.2f\n", level, len,
              g_array_index (times, double, (times->len + 1) / 2 - 1),
              g_array_index (times, double, (99 * times->len + 99) / 100 - 1), first_ms, model_p50);
    }
  cairo_surface_destroy (surface);

  {
    g_autofree char *png = g_build_filename (g_get_tmp_dir (), "remora-bench-whole.png", NULL);
    gint64           t0;
    g_autoptr (RemoraFrame) frame = NULL;
    remora_session_set_visible (session, first, last);
    style.title_block = TRUE;
    t0 = g_get_monotonic_time ();
    frame = remora_session_compute_frame (session, columns, &error);
    if (frame == NULL || !remora_export_frame (frame, &style, png, 1.0, &error))
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
    printf ("export_whole_png_s %.3f\n", (g_get_monotonic_time () - t0) / 1e6);
    g_unlink (png);
  }
  if (prof_ns)
    {
      GHashTableIter it;
      gpointer       k, v;
      g_hash_table_iter_init (&it, prof_ns);
      while (g_hash_table_iter_next (&it, &k, &v))
        fprintf (stderr, "%8.1f ms %7zu x  %.150s\n", GPOINTER_TO_SIZE (v) / 1e6,
                 GPOINTER_TO_SIZE (g_hash_table_lookup (prof_n, k)), (const char *) k);
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("peak_rss_mb %.1f\n", ru.ru_maxrss / 1024.0);
  printf ("peak_anon_mb %.1f\n", peak_anon);
  return 0;
}
