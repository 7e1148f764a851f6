/* test-model-task-row.c: what a task row shows, per pixel column, equals a
 * computation over all of the task's slices, wakeups and events, at random
 * ranges and zooms; and every nanosecond of a column is in exactly one state.
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
  gint64 start, end;
  int    cpu;
  char   state[16];
} TSlice;

/* The timeline of a task over all time, written out plainly: for each
 * instant, which state. Intervals are (begin, end, state, cpu). */
static GArray *
full_timeline (RemoraStore *store, int pid)
{
  GArray       *slices = g_array_new (FALSE, FALSE, sizeof (TSlice));
  GArray       *wakeups = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray       *out = g_array_new (FALSE, FALSE, sizeof (RemoraTaskInterval));
  sqlite3_stmt *st = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                       "SELECT start_ts, end_ts, cpu, coalesce(end_state, '') "
                                       "FROM sched_slices WHERE buffer_id = 0 AND pid = ? "
                                       "ORDER BY start_ts",
                                       -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int (st, 1, pid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      TSlice s = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                   sqlite3_column_int (st, 2) };
      g_strlcpy (s.state, (const char *) sqlite3_column_text (st, 3), sizeof s.state);
      g_array_append_val (slices, s);
    }
  sqlite3_finalize (st);
  g_assert_cmpint (
      sqlite3_prepare_v2 (remora_store_get_db (store),
                          "SELECT wakeup_ts FROM wakeups WHERE buffer_id = 0 AND pid = ? "
                          "ORDER BY wakeup_ts",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_int (st, 1, pid);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      gint64 ts = sqlite3_column_int64 (st, 0);
      g_array_append_val (wakeups, ts);
    }
  sqlite3_finalize (st);

  for (guint i = 0; i <= slices->len; i++)
    {
      gint64      gap_begin = i ? g_array_index (slices, TSlice, i - 1).end : G_MININT64;
      gint64      gap_end = i < slices->len ? g_array_index (slices, TSlice, i).start : G_MAXINT64;
      const char *st_text = i ? g_array_index (slices, TSlice, i - 1).state : "";
      RemoraTaskState    gap_state = !st_text[0]         ? REMORA_TASK_STATE_UNKNOWN
                                     : st_text[0] == 'R' ? REMORA_TASK_STATE_RUNNABLE
                                     : st_text[0] == 'S' ? REMORA_TASK_STATE_SLEEPING
                                     : st_text[0] == 'D' ? REMORA_TASK_STATE_BLOCKED
                                                         : REMORA_TASK_STATE_OTHER;
      gint64             wake = G_MAXINT64;
      RemoraTaskInterval iv;

      for (guint w = 0; w < wakeups->len; w++)
        {
          gint64 t = g_array_index (wakeups, gint64, w);
          if (t >= gap_begin && t < gap_end)
            {
              wake = t;
              break;
            }
        }
      if (gap_state == REMORA_TASK_STATE_RUNNABLE)
        wake = G_MAXINT64;
      if (gap_end > gap_begin)
        {
          iv = (RemoraTaskInterval){ gap_begin, MIN (wake, gap_end), gap_state, -1 };
          if (iv.end_ns > iv.begin_ns)
            g_array_append_val (out, iv);
          if (wake < gap_end)
            {
              iv = (RemoraTaskInterval){ wake, gap_end, REMORA_TASK_STATE_RUNNABLE, -1 };
              g_array_append_val (out, iv);
            }
        }
      if (i < slices->len)
        {
          const TSlice *s = &g_array_index (slices, TSlice, i);
          iv = (RemoraTaskInterval){ s->start, s->end, REMORA_TASK_STATE_RUNNING, s->cpu };
          if (iv.end_ns > iv.begin_ns)
            g_array_append_val (out, iv);
        }
    }
  g_array_unref (slices);
  g_array_unref (wakeups);
  return out;
}

static int levels_seen[REMORA_LOD_MAX_LEVELS + 1];

static void
check_task (RemoraStore *store,
            int          pid,
            GArray      *timeline,
            GArray      *events,
            gint64       first,
            gint64       span,
            GRand       *rand)
{
  static const int widths[] = { 1, 5, 33, 300, 1920 };

  for (int round = 0; round < 25; round++)
    {
      g_autoptr (GError) error = NULL;
      double          f = g_rand_double (rand);
      gint64          len = MAX (50, (gint64) (50 * pow ((double) span * 1.2 / 50, f)));
      gint64          begin = first - span / 20 + (gint64) (g_rand_double (rand) * span);
      RemoraTimeRange range = { begin, begin + len };
      int             width = widths[g_rand_int_range (rand, 0, G_N_ELEMENTS (widths))];
      int             level = -2;
      g_autofree RemoraTaskColumn *got = g_new0 (RemoraTaskColumn, width);
      g_autofree gint64           *edges = g_new0 (gint64, width + 1);

      /* every other row is asked inside a snapshot, as a frame asks it: its
       * events then come from the frame's census, not from an index per row */
      gboolean snapshot = round % 2 == 1;

      if (round == 0)
        range = (RemoraTimeRange){ first, first + span + 1 };
      if (snapshot)
        g_assert_true (remora_store_begin_snapshot (store, NULL));
      g_assert_true (remora_task_row_query (store, 0, pid, &range, width, got, &level, &error));
      g_assert_no_error (error);
      if (snapshot)
        remora_store_end_snapshot (store);
      /* zoomed in: the task's events with their times */
      if (level < 0)
        remora_test_check_row_events (store, 0, TRUE, pid, &range, events);
      levels_seen[level + 1]++;
      remora_columns_edges (&range, width, level, edges);
      for (int c = 0; c < width; c++)
        {
          gint64  want_ns[REMORA_TASK_N_STATES] = { 0 };
          gint64  total = 0;
          guint32 want_events = 0;
          g_autoptr (GHashTable) cpu_ns = g_hash_table_new_full (NULL, NULL, NULL, g_free);
          int    want_cpu = -1;
          gint64 best = 0;

          g_assert_cmpint (got[c].begin_ns, ==, edges[c]);
          g_assert_cmpint (got[c].end_ns, ==, edges[c + 1]);
          for (guint i = 0; i < timeline->len; i++)
            {
              const RemoraTaskInterval *iv = &g_array_index (timeline, RemoraTaskInterval, i);
              gint64 ns = MIN (iv->end_ns, edges[c + 1]) - MAX (iv->begin_ns, edges[c]);
              if (ns <= 0)
                continue;
              want_ns[iv->state] += ns;
              if (iv->state == REMORA_TASK_STATE_RUNNING)
                {
                  gint64 *v = g_hash_table_lookup (cpu_ns, GINT_TO_POINTER (iv->cpu));
                  if (!v)
                    g_hash_table_insert (cpu_ns, GINT_TO_POINTER (iv->cpu), v = g_new0 (gint64, 1));
                  *v += ns;
                }
            }
          for (int s = 0; s < REMORA_TASK_N_STATES; s++)
            {
              if (want_ns[s] != got[c].state_ns[s])
                g_error ("pid %d range [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") width %d "
                         "level %d column %d [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                         ") state %d: got %" G_GINT64_FORMAT " want %" G_GINT64_FORMAT
                         " (got %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                         "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                         " want %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                         "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ")",
                         pid, range.begin_ns, range.end_ns, width, level, c, edges[c], edges[c + 1],
                         s, got[c].state_ns[s], want_ns[s], got[c].state_ns[0], got[c].state_ns[1],
                         got[c].state_ns[2], got[c].state_ns[3], got[c].state_ns[4],
                         got[c].state_ns[5], want_ns[0], want_ns[1], want_ns[2], want_ns[3],
                         want_ns[4], want_ns[5]);
              total += got[c].state_ns[s];
            }
          /* every nanosecond in exactly one state */
          g_assert_cmpint (total, ==, edges[c + 1] - edges[c]);
          for (int cpu = 0; cpu < 256; cpu++)
            {
              gint64 *v = g_hash_table_lookup (cpu_ns, GINT_TO_POINTER (cpu));
              if (v && *v > best)
                {
                  best = *v;
                  want_cpu = cpu;
                }
            }
          g_assert_cmpint (got[c].cpu, ==, want_cpu);
          for (guint i = 0; i < events->len; i++)
            {
              gint64 ts = g_array_index (events, gint64, i);
              want_events += ts >= edges[c] && ts < edges[c + 1];
            }
          g_assert_cmpuint (got[c].events, ==, want_events);
        }
    }
}

static void
test_fixture (gconstpointer data)
{
  g_autofree char *file = g_strconcat (data, ".dat", NULL);
  g_autofree char *trace = remora_test_fixture_path (file);
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autoptr (RemoraStore) store = remora_test_import (trace, dir, NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64        first = remora_store_get_meta_int (store, "first_ts", 0);
  gint64        span = MAX (1, remora_store_get_meta_int (store, "last_ts", 0) - first);
  sqlite3_stmt *st = NULL;
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));

  /* the busiest tasks, and a few others */
  g_assert_cmpint (
      sqlite3_prepare_v2 (remora_store_get_db (store),
                          "SELECT pid FROM sched_slices WHERE buffer_id = 0 AND pid != 0 "
                          "GROUP BY pid ORDER BY count(*) DESC, pid LIMIT 5",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      int pid = sqlite3_column_int (st, 0);
      g_array_append_val (pids, pid);
    }
  sqlite3_finalize (st);
  {
    int extra[] = { 1, 99999 /* never ran */ };
    for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
      g_array_append_val (pids, extra[i]);
  }

  for (guint i = 0; i < pids->len; i++)
    {
      int pid = g_array_index (pids, int, i);
      g_autoptr (GArray) timeline = full_timeline (store, pid);
      g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_assert_cmpint (sqlite3_prepare_v2 (remora_store_get_db (store),
                                           "SELECT ts FROM events WHERE buffer = '' AND pid = ?",
                                           -1, &st, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_int (st, 1, pid);
      while (sqlite3_step (st) == SQLITE_ROW)
        {
          gint64 ts = sqlite3_column_int64 (st, 0);
          g_array_append_val (events, ts);
        }
      sqlite3_finalize (st);
      check_task (store, pid, timeline, events, first, span, rand);
    }
  /* both ways of answering were exercised */
  g_assert_cmpint (levels_seen[0], >, 0);
  g_assert_cmpint (levels_seen[1], >, 0);
  memset (levels_seen, 0, sizeof levels_seen);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_states (void)
{
  g_assert_cmpint (remora_task_state_from_text (NULL), ==, REMORA_TASK_STATE_UNKNOWN);
  g_assert_cmpint (remora_task_state_from_text ("R+"), ==, REMORA_TASK_STATE_RUNNABLE);
  g_assert_cmpint (remora_task_state_from_text ("R"), ==, REMORA_TASK_STATE_RUNNABLE);
  g_assert_cmpint (remora_task_state_from_text ("S"), ==, REMORA_TASK_STATE_SLEEPING);
  g_assert_cmpint (remora_task_state_from_text ("D"), ==, REMORA_TASK_STATE_BLOCKED);
  g_assert_cmpint (remora_task_state_from_text ("I"), ==, REMORA_TASK_STATE_OTHER);
  g_assert_cmpint (remora_task_state_from_text ("X|Z"), ==, REMORA_TASK_STATE_OTHER);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/model/task-row/states", test_states);
  g_test_add_data_func ("/remora/model/task-row/brute-force/sched-block-v6", "sched-block-v6",
                        test_fixture);
  g_test_add_data_func ("/remora/model/task-row/brute-force/multi-buffer-v7", "multi-buffer-v7",
                        test_fixture);
  g_test_add_data_func ("/remora/model/task-row/brute-force/function-graph-v7", "function-graph-v7",
                        test_fixture);
  return g_test_run ();
}
