/* remora-bench-latency.c: what the latency views ask of a store, timed on
 * one thread from a fresh connection (bench/latency runs it):
 *
 *   remora-bench-latency STORE
 *
 * prints one line each, in ms: "idle" (every CPU's idle time and idle time
 * with I/O in flight, remora_store_read_idle_during_io()), "index" (the
 * block requests by device and lane with the shading's spans, what the
 * first frame with device rows reads), "table-block" and "table-sched"
 * (every pair read with its names: the latency pane's tab), "sort-block"
 * and "sort-sched" (the slowest sort of a tab by any of its columns),
 * "histogram-sched" (a 1200 × 600 plot drawn).
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <remora-render.h>
#include <stdio.h>

static double
ms_since (gint64 t)
{
  return (g_get_monotonic_time () - t) / 1e3;
}

static RemoraStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  RemoraStore *store = remora_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("remora-bench-latency: %s\n", error->message);
      exit (1);
    }
  return store;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  gint64 t;

  if (argc != 2)
    {
      g_printerr ("usage: remora-bench-latency STORE\n");
      return 2;
    }
  {
    g_autoptr (RemoraStore) store = open_store (argv[1]);
    g_autoptr (GArray) idle = NULL;

    t = g_get_monotonic_time ();
    idle = remora_store_read_idle_during_io (store, &error);
    g_assert_no_error (error);
    printf ("idle %.2f\n", ms_since (t));
  }
  {
    g_autoptr (RemoraStore) store = open_store (argv[1]);
    g_autoptr (RemoraBlockIndex) index = NULL;

    t = g_get_monotonic_time ();
    index = remora_store_get_block_index (store, 0, &error);
    g_assert_no_error (error);
    printf ("index %.2f\n", ms_since (t));
  }
  for (int kind = 0; kind < 2; kind++)
    {
      g_autoptr (RemoraStore) store = open_store (argv[1]);
      g_autoptr (RemoraLatencyTable) table = NULL;
      const char *name = kind == REMORA_LATENCY_BLOCK ? "block" : "sched";
      double      slowest = 0;

      t = g_get_monotonic_time ();
      table = remora_latency_table_read (store, kind, &error);
      g_assert_no_error (error);
      printf ("table-%s %.2f %u\n", name, ms_since (t), remora_latency_table_get_n (table));
      for (int c = 0; c < REMORA_LATENCY_N_COLUMNS; c++)
        {
          g_autoptr (GArray) rows = remora_latency_table_select (table, NULL);

          t = g_get_monotonic_time ();
          remora_latency_table_sort (table, rows, c, c == REMORA_LATENCY_COLUMN_LATENCY);
          slowest = MAX (slowest, ms_since (t));
        }
      printf ("sort-%s %.2f\n", name, slowest);
      if (kind == REMORA_LATENCY_WAKEUP)
        {
          const RemoraTraceInfo *info = remora_store_get_info (store);
          RemoraLatencyPlotStyle style;
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200, 600);
          cairo_t         *cr = cairo_create (surface);

          remora_latency_plot_style_init (&style);
          style.width = 1200;
          style.height = 600;
          style.range = remora_time_range_make (info->first_ts, info->last_ts + 1);
          t = g_get_monotonic_time ();
          remora_latency_plot_paint (table, NULL, REMORA_LATENCY_PLOT_HISTOGRAM, &style, cr, NULL);
          printf ("histogram-%s %.2f\n", name, ms_since (t));
          t = g_get_monotonic_time ();
          remora_latency_plot_paint (table, NULL, REMORA_LATENCY_PLOT_SCATTER, &style, cr, NULL);
          printf ("scatter-%s %.2f\n", name, ms_since (t));
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
  return 0;
}
