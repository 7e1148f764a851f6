/* test-model-latency.c: the latency pane's numbers are remora stats': the
 * pairs, their summary, the groups by device and kind; orders, selections,
 * a histogram and a scatter plot's density that lose no pair. On the
 * committed fixture, and on ../shared/traces when it is there.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-test-util.h"

static void
assert_summary_equal (const RemoraLatencySummary *a, const RemoraLatencySummary *b)
{
  g_assert_cmpint (a->count, ==, b->count);
  g_assert_cmpint (a->min_ns, ==, b->min_ns);
  g_assert_cmpint (a->p50_ns, ==, b->p50_ns);
  g_assert_cmpint (a->p90_ns, ==, b->p90_ns);
  g_assert_cmpint (a->p99_ns, ==, b->p99_ns);
  g_assert_cmpint (a->max_ns, ==, b->max_ns);
  g_assert_cmpfloat_with_epsilon (a->mean_ns, b->mean_ns, 1e-6 * MAX (1, b->mean_ns));
}

static void
check_orders (RemoraLatencyTable *t)
{
  for (int col = 0; col < REMORA_LATENCY_N_COLUMNS; col++)
    for (int desc = 0; desc < 2; desc++)
      {
        g_autoptr (GArray) rows = remora_latency_table_select (t, NULL);

        remora_latency_table_sort (t, rows, col, desc);
        g_assert_cmpuint (rows->len, ==, remora_latency_table_get_n (t));
        if (col != REMORA_LATENCY_COLUMN_LATENCY)
          continue;
        for (guint k = 1; k < rows->len; k++)
          {
            gint64 a = remora_latency_table_get (t, g_array_index (rows, guint, k - 1))->latency_ns;
            gint64 b = remora_latency_table_get (t, g_array_index (rows, guint, k))->latency_ns;
            g_assert_true (desc ? a >= b : a <= b);
          }
      }
}

static void
check_plots (RemoraLatencyTable *t, const RemoraTraceInfo *info)
{
  RemoraLatencyHistogram h;
  RemoraTimeRange        whole = remora_time_range_make (info->first_ts, info->last_ts + 1);
  g_autofree guint32    *grid = g_new (guint32, 200 * 80);
  guint64                sum = 0;

  remora_latency_table_histogram (t, NULL, 10, &h);
  g_assert_cmpint (h.n_bins, >, 0);
  for (int b = 0; b < h.n_bins; b++)
    {
      g_assert_cmpint (h.edges[b], <, h.edges[b + 1]);
      sum += h.counts[b];
      g_assert_cmpuint (h.counts[b], <=, h.most);
    }
  g_assert_cmpuint (sum, ==, remora_latency_table_get_n (t));
  /* each pair in the bin of its latency */
  for (guint i = 0; i < remora_latency_table_get_n (t); i += 7)
    {
      gint64 v = MAX (1, remora_latency_table_get (t, i)->latency_ns);
      g_assert_cmpint (h.edges[0], <=, v);
      g_assert_cmpint (v, <, h.edges[h.n_bins]);
    }
  remora_latency_table_scatter (t, NULL, &whole, h.latency.min_ns, h.latency.max_ns, 200, 80, grid);
  sum = 0;
  for (int c = 0; c < 200 * 80; c++)
    sum += grid[c];
  g_assert_cmpuint (sum, ==, remora_latency_table_get_n (t));
}

static void
check_store (RemoraStore *store)
{
  g_autoptr (GError) error = NULL;
  const RemoraTraceInfo *info = remora_store_get_info (store);

  for (int kind = 0; kind < 2; kind++)
    {
      g_autoptr (RemoraLatencyTable) t = remora_latency_table_read (store, kind, &error);
      RemoraLatencySummary mine, stats;
      RemoraLatencyFilter  f;
      g_autoptr (GArray) half = NULL;
      g_autoptr (GArray) slow = NULL;
      guint expected = 0;

      g_assert_no_error (error);
      g_assert_true (remora_store_read_latency (store, kind, NULL, NULL, &stats, &error));
      remora_latency_summarise (t, NULL, &mine, NULL);
      assert_summary_equal (&mine, &stats);
      g_assert_cmpuint (remora_latency_table_get_n (t), >, 0);
      check_orders (t);
      check_plots (t, info);
      /* a selection: the first half of the trace, then the slow ones */
      remora_latency_filter_init (&f);
      f.range = remora_time_range_make (info->first_ts, (info->first_ts + info->last_ts) / 2);
      half = remora_latency_table_select (t, &f);
      for (guint i = 0; i < remora_latency_table_get_n (t); i++)
        expected += remora_latency_table_get (t, i)->start_ts < f.range.end_ns;
      g_assert_cmpuint (half->len, ==, expected);
      remora_latency_filter_init (&f);
      f.min_latency_ns = stats.p90_ns;
      slow = remora_latency_table_select (t, &f);
      g_assert_cmpuint (slow->len, >=,
                        stats.count - remora_nearest_rank_index (stats.count, 90) - 1);
      g_assert_cmpuint (slow->len, <, stats.count + 1);
      /* a task's pairs, by a part of its name */
      {
        const char      *task = remora_latency_table_get_task (t, 0);
        g_autofree char *part = g_strndup (task, MAX (1, strlen (task) / 2));
        g_autoptr (GArray) kept = NULL;
        guint want = 0;

        remora_latency_filter_init (&f);
        f.task = part;
        kept = remora_latency_table_select (t, &f);
        for (guint i = 0; i < remora_latency_table_get_n (t); i++)
          want += strstr (remora_latency_table_get_task (t, i), part) != NULL;
        g_assert_cmpuint (kept->len, ==, want);
        g_assert_cmpuint (kept->len, >, 0);
      }
      if (kind == REMORA_LATENCY_BLOCK)
        {
          /* a device's requests of one kind */
          const RemoraLatencyPair *first = remora_latency_table_get (t, 0);
          g_autoptr (GArray) of_dev = NULL;
          guint want = 0;

          remora_latency_filter_init (&f);
          f.dev = first->dev;
          f.kind = first->kind;
          of_dev = remora_latency_table_select (t, &f);
          for (guint i = 0; i < remora_latency_table_get_n (t); i++)
            want += remora_latency_table_get (t, i)->dev == first->dev &&
                    remora_latency_table_get (t, i)->kind == first->kind;
          g_assert_cmpuint (of_dev->len, ==, want);
          g_assert_cmpuint (want, >, 0);
        }
      if (kind == REMORA_LATENCY_BLOCK)
        {
          /* by device and kind, as remora stats groups them */
          g_autoptr (GArray) groups =
              remora_latency_table_groups (t, NULL, REMORA_LATENCY_BY_DEVICE_KIND);
          g_autoptr (GArray) theirs = remora_store_read_block_groups (store, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (groups->len, ==, theirs->len);
          for (guint i = 0; i < theirs->len; i++)
            {
              const RemoraBlockGroup *g = &g_array_index (theirs, RemoraBlockGroup, i);
              g_autofree char        *label = g_strdup_printf ("%s %s", g->dev, g->kind);
              gboolean                found = FALSE;

              for (guint k = 0; k < groups->len; k++)
                {
                  const RemoraLatencyGroup *m = &g_array_index (groups, RemoraLatencyGroup, k);
                  if (g_str_equal (m->label, label))
                    {
                      assert_summary_equal (&m->latency, &g->latency);
                      found = TRUE;
                    }
                }
              g_assert_true (found);
            }
        }
      else
        {
          /* by task: the counts add up */
          g_autoptr (GArray) groups = remora_latency_table_groups (t, NULL, REMORA_LATENCY_BY_TASK);
          gint64 count = 0;

          for (guint k = 0; k < groups->len; k++)
            count += g_array_index (groups, RemoraLatencyGroup, k).latency.count;
          g_assert_cmpint (count, ==, stats.count);
        }
    }
}

static void
test_fixture (void)
{
  g_autofree char *trace = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autoptr (RemoraStore) store = remora_test_import (trace, dir, NULL);

  check_store (store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_shared (gconstpointer data)
{
  g_autofree char *dir = NULL, *copy = NULL;
  g_autoptr (RemoraStore) store = remora_test_open_shared (data, &dir, &copy);

  if (store == NULL)
    return;
  check_store (store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/model/latency/fixture", test_fixture);
  g_test_add_data_func ("/remora/model/latency/shared/sched-block-small", "sched-block-small.dat",
                        test_shared);
  g_test_add_data_func ("/remora/model/latency/shared/sched-block-v7-zstd",
                        "sched-block-v7-zstd.dat", test_shared);
  g_test_add_data_func ("/remora/model/latency/shared/medium-mixed", "medium-mixed.dat",
                        test_shared);
  return g_test_run ();
}
