/* test-model-cpu-row.c: what a CPU row shows, per pixel column, equals a
 * brute-force computation over every slice and event of the CPU, at random
 * ranges and zooms, from the level-of-detail cells and from the raw rows.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "remora-test-util.h"

typedef struct
{
  int    pid;
  gint64 start;
  gint64 end;
} Slice;

typedef struct
{
  char   *buffer;
  int     cpu;
  GArray *slices; /* Slice */
  GArray *events; /* gint64 ts */
  GArray *lost;   /* gint64 ts */
} CpuData;

static void
cpu_data_free (gpointer p)
{
  CpuData *d = p;
  g_free (d->buffer);
  g_array_unref (d->slices);
  g_array_unref (d->events);
  g_array_unref (d->lost);
  g_free (d);
}

static GPtrArray *
load_cpus (RemoraStore *store)
{
  GPtrArray    *cpus = g_ptr_array_new_with_free_func (cpu_data_free);
  sqlite3      *db = remora_store_get_db (store);
  sqlite3_stmt *st = NULL, *q = NULL;

  g_assert_cmpint (
      sqlite3_prepare_v2 (db,
                          "SELECT b.name, c.cpu FROM cpus c JOIN buffers b ON b.id = c.buffer_id "
                          "ORDER BY b.name, c.cpu",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      CpuData *d = g_new0 (CpuData, 1);
      d->buffer = g_strdup ((const char *) sqlite3_column_text (st, 0));
      d->cpu = sqlite3_column_int (st, 1);
      d->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
      d->events = g_array_new (FALSE, FALSE, sizeof (gint64));
      d->lost = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT pid, start_ts, end_ts FROM sched_slices "
                                           "WHERE buffer_id = (SELECT id FROM buffers WHERE "
                                           "name = ?) AND cpu = ?",
                                           -1, &q, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (q, 1, d->buffer, -1, SQLITE_STATIC);
      sqlite3_bind_int (q, 2, d->cpu);
      while (sqlite3_step (q) == SQLITE_ROW)
        {
          Slice s = { sqlite3_column_int (q, 0), sqlite3_column_int64 (q, 1),
                      sqlite3_column_int64 (q, 2) };
          g_array_append_val (d->slices, s);
        }
      sqlite3_finalize (q);

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ts FROM events WHERE buffer = ? AND cpu = ?",
                                           -1, &q, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (q, 1, d->buffer, -1, SQLITE_STATIC);
      sqlite3_bind_int (q, 2, d->cpu);
      while (sqlite3_step (q) == SQLITE_ROW)
        {
          gint64 ts = sqlite3_column_int64 (q, 0);
          g_array_append_val (d->events, ts);
        }
      sqlite3_finalize (q);

      g_assert_cmpint (sqlite3_prepare_v2 (
                           db,
                           "SELECT ts FROM lost_events WHERE buffer_id = (SELECT id FROM buffers "
                           "WHERE name = ?) AND cpu = ?",
                           -1, &q, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (q, 1, d->buffer, -1, SQLITE_STATIC);
      sqlite3_bind_int (q, 2, d->cpu);
      while (sqlite3_step (q) == SQLITE_ROW)
        {
          gint64 ts = sqlite3_column_int64 (q, 0);
          g_array_append_val (d->lost, ts);
        }
      sqlite3_finalize (q);
      g_ptr_array_add (cpus, d);
    }
  sqlite3_finalize (st);
  return cpus;
}

/* Everything below recomputes a row by brute force: every slice against
 * every column it touches, every event against every column. */
static void
brute_force (const CpuData *d, const gint64 *edges, int width, RemoraCpuColumn *want)
{
  g_autoptr (GHashTable) per_pid = NULL;

  for (int c = 0; c < width; c++)
    {
      GHashTableIter iter;
      gpointer       key, value;

      per_pid = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      memset (&want[c], 0, sizeof want[c]);
      want[c].begin_ns = edges[c];
      want[c].end_ns = edges[c + 1];
      want[c].pid = -1;
      for (guint i = 0; i < d->slices->len; i++)
        {
          const Slice *s = &g_array_index (d->slices, Slice, i);
          gint64       ns = MIN (s->end, edges[c + 1]) - MAX (s->start, edges[c]);
          gint64      *sum;
          if (ns <= 0 || s->pid == 0)
            continue;
          sum = g_hash_table_lookup (per_pid, GINT_TO_POINTER (s->pid));
          if (sum == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (per_pid, GINT_TO_POINTER (s->pid), sum);
            }
          *sum += ns;
        }
      g_hash_table_iter_init (&iter, per_pid);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          int    pid = GPOINTER_TO_INT (key);
          gint64 ns = *(gint64 *) value;
          gint64 best =
              want[c].pid < 0
                  ? -1
                  : *(gint64 *) g_hash_table_lookup (per_pid, GINT_TO_POINTER (want[c].pid));
          want[c].n_tasks++;
          want[c].busy_ns += ns;
          if (ns > best || (ns == best && pid < want[c].pid))
            want[c].pid = pid;
        }
      g_clear_pointer (&per_pid, g_hash_table_unref);
      for (guint i = 0; i < d->events->len; i++)
        {
          gint64 ts = g_array_index (d->events, gint64, i);
          want[c].events += ts >= edges[c] && ts < edges[c + 1];
        }
      for (guint i = 0; i < d->lost->len; i++)
        {
          gint64 ts = g_array_index (d->lost, gint64, i);
          want[c].lost += ts >= edges[c] && ts < edges[c + 1];
        }
    }
}

static int
compare_slices (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Slice *) a)->start, y = ((const Slice *) b)->start;
  return (x > y) - (x < y);
}

static void
check_row (
    RemoraStore *store, const CpuData *d, const RemoraTimeRange *range, int width, int *levels_seen)
{
  g_autoptr (GError) error = NULL;
  g_autofree RemoraCpuColumn *got = g_new0 (RemoraCpuColumn, width);
  g_autofree RemoraCpuColumn *want = g_new0 (RemoraCpuColumn, width);
  g_autofree gint64          *edges = g_new0 (gint64, width + 1);
  int                         level = -2;
  static int                  calls;
  /* every other row is asked inside a snapshot, as a frame asks it: its
   * events then come from the frame's census, not from an index per row */
  gboolean snapshot = calls++ % 2 == 1;

  if (snapshot)
    g_assert_true (remora_store_begin_snapshot (store, NULL));
  g_assert_true (remora_cpu_row_query (store, remora_test_buffer_id (store, d->buffer), d->cpu,
                                       range, width, got, &level, &error));
  g_assert_no_error (error);
  if (snapshot)
    {
      /* asked again in the same snapshot (the census reused): the same */
      g_autofree RemoraCpuColumn *again = g_new0 (RemoraCpuColumn, width);
      g_assert_true (remora_cpu_row_query (store, remora_test_buffer_id (store, d->buffer), d->cpu,
                                           range, width, again, NULL, &error));
      g_assert_cmpmem (again, sizeof *again * width, got, sizeof *got * width);
      remora_store_end_snapshot (store);
    }
  g_assert_cmpint (level, >=, -1);
  levels_seen[level + 1]++;

  remora_columns_edges (range, width, level, edges);
  for (int c = 0; c < width; c++)
    {
      g_assert_cmpint (edges[c], <=, edges[c + 1]);
      if (level >= 0)
        {
          /* snapped to cells, by less than a column */
          g_assert_cmpint (edges[c] % REMORA_LOD_CELL_NS (level), ==, 0);
          g_assert_cmpint (edges[c + 1], >, edges[c]);
        }
    }
  brute_force (d, edges, width, want);
  /* zoomed in: the exact slices and events, with their times */
  if (level < 0)
    {
      g_autoptr (GArray) slices = remora_cpu_row_dup_slices (
          store, remora_test_buffer_id (store, d->buffer), d->cpu, range, &error);
      g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (Slice));
      g_assert_no_error (error);
      for (guint i = 0; i < d->slices->len; i++)
        {
          const Slice *sl = &g_array_index (d->slices, Slice, i);
          if (sl->start < range->end_ns && sl->end > range->begin_ns)
            g_array_append_val (expected, *sl);
        }
      g_array_sort (expected, compare_slices);
      g_assert_cmpuint (slices->len, ==, expected->len);
      for (guint i = 0; i < slices->len; i++)
        {
          const RemoraCpuSlice *s = &g_array_index (slices, RemoraCpuSlice, i);
          const Slice          *w = &g_array_index (expected, Slice, i);
          g_assert_cmpint (s->begin_ns, ==, w->start);
          g_assert_cmpint (s->end_ns, ==, w->end);
          g_assert_cmpint (s->pid, ==, w->pid);
        }
      remora_test_check_row_events (store, remora_test_buffer_id (store, d->buffer), FALSE, d->cpu,
                                    range, d->events);
    }
  for (int c = 0; c < width; c++)
    {
      if (memcmp (&got[c], &want[c], sizeof got[c]) != 0)
        g_error ("buffer “%s” cpu %d, range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                 "), width %d, level %d, column %d [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                 "): got pid %d tasks %u busy %" G_GINT64_FORMAT " events %u lost %u, want pid %d "
                 "tasks %u busy %" G_GINT64_FORMAT " events %u lost %u",
                 d->buffer, d->cpu, range->begin_ns, range->end_ns, width, level, c, edges[c],
                 edges[c + 1], got[c].pid, got[c].n_tasks, got[c].busy_ns, got[c].events,
                 got[c].lost, want[c].pid, want[c].n_tasks, want[c].busy_ns, want[c].events,
                 want[c].lost);
    }
}

/* The busiest tasks of @range in @buffer against every slice: sorted, idle
 * left out, each total exact for a short range and at most two summary cells
 * per CPU short of exact for a long one, and no task left out that ran
 * clearly longer than the last one kept. */
static void
check_busiest (RemoraStore           *store,
               GPtrArray             *cpus,
               const char            *buffer,
               const RemoraTimeRange *range)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) exact = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr (GArray) got = NULL;
  gint64 len = remora_time_range_get_duration (range);
  gint64 slack = 0;
  int    n_cpus = 0;

  for (guint i = 0; i < cpus->len; i++)
    {
      const CpuData *d = g_ptr_array_index (cpus, i);
      if (!g_str_equal (d->buffer, buffer))
        continue;
      n_cpus++;
      for (guint k = 0; k < d->slices->len; k++)
        {
          const Slice *sl = &g_array_index (d->slices, Slice, k);
          gint64       ns = MIN (sl->end, range->end_ns) - MAX (sl->start, range->begin_ns);
          gint64      *v;
          if (ns <= 0 || sl->pid == 0)
            continue;
          v = g_hash_table_lookup (exact, GINT_TO_POINTER (sl->pid));
          if (v == NULL)
            g_hash_table_insert (exact, GINT_TO_POINTER (sl->pid), v = g_new0 (gint64, 1));
          *v += ns;
        }
    }
  /* summaries are read from ranges of at least 1024 finest cells */
  if (len >= 1024 * REMORA_LOD_CELL_NS (0))
    slack = 2 * (len / 1024) * n_cpus;

  got = remora_busiest_tasks (store, remora_test_buffer_id (store, buffer), range, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, <=, 5);
  g_assert_cmpuint (got->len, <=, g_hash_table_size (exact));
  for (guint i = 0; i < got->len; i++)
    {
      const RemoraTaskTotal *t = &g_array_index (got, RemoraTaskTotal, i);
      gint64                *want = g_hash_table_lookup (exact, GINT_TO_POINTER (t->pid));

      g_assert_cmpint (t->pid, !=, 0);
      g_assert_nonnull (want);
      g_assert_cmpint (t->run_ns, <=, *want);
      g_assert_cmpint (t->run_ns, >=, *want - slack);
      if (i > 0)
        g_assert_cmpint (t->run_ns, <=, g_array_index (got, RemoraTaskTotal, i - 1).run_ns);
    }
  if (got->len == 5)
    {
      gint64         last = g_array_index (got, RemoraTaskTotal, 4).run_ns;
      GHashTableIter it;
      gpointer       key, value;

      g_hash_table_iter_init (&it, exact);
      while (g_hash_table_iter_next (&it, &key, &value))
        {
          gboolean kept = FALSE;
          for (guint i = 0; i < got->len; i++)
            kept |= g_array_index (got, RemoraTaskTotal, i).pid == GPOINTER_TO_INT (key);
          if (!kept)
            g_assert_cmpint (*(gint64 *) value, <=, last + slack);
        }
    }
  else if (slack == 0)
    g_assert_cmpuint (got->len, ==, g_hash_table_size (exact));
}

static void
check_store (RemoraStore *store, int rounds)
{
  g_autoptr (GPtrArray) cpus = load_cpus (store);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261126);
  gint64           first = remora_store_get_meta_int (store, "first_ts", 0);
  gint64           last = remora_store_get_meta_int (store, "last_ts", 0);
  gint64           span = MAX (1, last - first);
  int              levels_seen[REMORA_LOD_MAX_LEVELS + 1] = { 0 };
  static const int widths[] = { 1, 3, 17, 64, 200, 640, 1920 };

  for (guint i = 0; i < cpus->len; i++)
    {
      const CpuData  *d = g_ptr_array_index (cpus, i);
      RemoraTimeRange whole = { first, last + 1 };
      RemoraTimeRange before = { first - span, first - span / 2 };
      RemoraTimeRange after = { last + 10, last + span };

      /* the whole trace, and ranges outside it */
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        check_row (store, d, &whole, widths[w], levels_seen);
      check_row (store, d, &before, 100, levels_seen);
      check_row (store, d, &after, 100, levels_seen);

      /* a range of one event */
      if (d->events->len > 0)
        {
          gint64                      ts = g_array_index (d->events, gint64, d->events->len / 2);
          RemoraTimeRange             one = { ts, ts + 1 };
          g_autofree RemoraCpuColumn *col = g_new0 (RemoraCpuColumn, 1);
          g_autoptr (GError) error = NULL;
          check_row (store, d, &one, 1, levels_seen);
          g_assert_true (remora_cpu_row_query (store, remora_test_buffer_id (store, d->buffer),
                                               d->cpu, &one, 1, col, NULL, &error));
          g_assert_cmpuint (col[0].events, >=, 1);
        }

      /* random ranges and zooms */
      for (int r = 0; r < rounds; r++)
        {
          /* lengths from 100 ns to the whole span, evenly in log scale */
          double          f = g_rand_double (rand);
          gint64          len = MAX (100, (gint64) (100 * pow ((double) span / 100, f)));
          gint64          begin = first - span / 20 + (gint64) (g_rand_double (rand) * span);
          RemoraTimeRange range = { begin, begin + len };
          check_row (store, d, &range, widths[g_rand_int_range (rand, 0, G_N_ELEMENTS (widths))],
                     levels_seen);
          if (r % 4 == 0)
            check_busiest (store, cpus, d->buffer, &range);
        }
      check_busiest (store, cpus, d->buffer, &whole);
    }
  for (int k = 0; k <= REMORA_LOD_MAX_LEVELS; k++)
    if (levels_seen[k])
      g_test_message ("level %d: %d rows", k - 1, levels_seen[k]);
  /* both ways of answering were exercised */
  g_assert_cmpint (levels_seen[0], >, 0);
  g_assert_cmpint (levels_seen[1], >, 0);
}

static void
test_fixture (gconstpointer data)
{
  g_autofree char *file = g_strconcat (data, ".dat", NULL);
  g_autofree char *trace = remora_test_fixture_path (file);
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autoptr (RemoraStore) store = remora_test_import (trace, dir, NULL);

  check_store (store, 60);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

/* A longer trace reaches more levels; run when ../shared is there. */
static void
test_shared_trace (void)
{
  g_autofree char *trace = g_build_filename (g_getenv ("G_TEST_SRCDIR") ?: ".", "..", "..",
                                             "shared", "traces", "sched-block-small.dat", NULL);
  g_autofree char *dir = NULL;
  g_autoptr (RemoraStore) store = NULL;

  if (!g_file_test (trace, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/traces is not there");
      return;
    }
  dir = remora_test_make_tmpdir ();
  store = remora_test_import (trace, dir, NULL);
  check_store (store, 40);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/remora/model/cpu-row/brute-force/sched-block-v6", "sched-block-v6",
                        test_fixture);
  g_test_add_data_func ("/remora/model/cpu-row/brute-force/multi-buffer-v7", "multi-buffer-v7",
                        test_fixture);
  g_test_add_data_func ("/remora/model/cpu-row/brute-force/function-graph-v7", "function-graph-v7",
                        test_fixture);
  g_test_add_func ("/remora/model/cpu-row/brute-force/shared-sched-block-small", test_shared_trace);
  return g_test_run ();
}
