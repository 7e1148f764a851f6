/* kshark-frames.c: KernelShark's side of bench/render: load a trace with
 * libkshark, then time ksmodel_set_bining + ksmodel_fill (1920 bins) for the
 * same 20 ranges as remora-bench-render; p50 and p99 per level.
 * Built by bench/render with pkg-config libkshark; not part of the tests.
 *
 * Copyright 2026 The Remora authors
 * SPDX-License-Identifier: GPL-2.0-or-later */

#include <kernelshark/libkshark-model.h>
#include <kernelshark/libkshark.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double
now (void)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static int
cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  struct kshark_context    *ctx = NULL;
  struct kshark_entry     **rows = NULL;
  struct kshark_trace_histo histo;
  int                       repeats = argc > 2 ? atoi (argv[2]) : 15;
  double                    times[1000];
  ssize_t                   n;
  int64_t                   first, last, span, mid;

  if (argc < 2 || !kshark_instance (&ctx) || kshark_open (ctx, argv[1]) < 0)
    return 1;
  n = kshark_load_all_entries (ctx, &rows);
  if (n <= 0)
    return 1;
  first = rows[0]->ts;
  last = rows[n - 1]->ts;
  span = last - first;
  mid = first + span / 2;
  ksmodel_init (&histo);
  printf ("level range_ns p50_ms p99_ms\n");
  for (int level = 0; level < 20; level++)
    {
      int64_t len = (int64_t) (span * pow (10000.0 / span, level / 19.0));
      for (int r = 0; r < repeats && r < 1000; r++)
        {
          double t0 = now ();
          ksmodel_set_bining (&histo, 1920, mid - len / 2, mid - len / 2 + len);
          ksmodel_fill (&histo, rows, n);
          times[r] = (now () - t0) * 1000;
        }
      qsort (times, repeats, sizeof (double), cmp);
      printf ("%d %lld %.2f %.2f\n", level, (long long) len, times[(repeats + 1) / 2 - 1],
              times[(99 * repeats + 99) / 100 - 1]);
    }
  {
    struct rusage ru;
    getrusage (RUSAGE_SELF, &ru);
    printf ("peak_rss_mb %.1f\n", ru.ru_maxrss / 1024.0);
  }
  return 0;
}
