/* remora-task-row.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-task-row.h"

#include <string.h>

#include "remora-columns-private.h"
#include "remora-cpu-row.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  gint64          start;
  gint64          end;
  gint32          cpu;
  RemoraTaskState after; /* the state it left the CPU in */
} SliceInfo;

/**
 * remora_task_state_from_text:
 * @end_state: (nullable): a sched_slices.end_state: "S", "D", "R+", "T|t", …
 *
 * Returns: the state a task is in after a slice that ended so: runnable when
 *   preempted (R, R+), sleeping (S), blocked (D), other, or unknown (NULL).
 */
RemoraTaskState
remora_task_state_from_text (const char *end_state)
{
  if (end_state == NULL || end_state[0] == 0)
    return REMORA_TASK_STATE_UNKNOWN;
  if (end_state[0] == 'R')
    return REMORA_TASK_STATE_RUNNABLE;
  /* several flags ("S|D"): the first names the state */
  if (end_state[0] == 'S')
    return REMORA_TASK_STATE_SLEEPING;
  if (end_state[0] == 'D')
    return REMORA_TASK_STATE_BLOCKED;
  return REMORA_TASK_STATE_OTHER;
}

static void
emit (GArray *out, gint64 begin, gint64 end, RemoraTaskState state, int cpu, gint64 lo, gint64 hi)
{
  RemoraTaskInterval iv;

  begin = MAX (begin, lo);
  end = MIN (end, hi);
  if (end <= begin)
    return;
  iv.begin_ns = begin;
  iv.end_ns = end;
  iv.state = state;
  iv.cpu = cpu;
  g_array_append_val (out, iv);
}

/* Between two slices the task is in the state the first left it in, until a
 * wakeup (if one came) makes it runnable until the second. */
static void
emit_gap (GArray         *out,
          gint64          begin,
          gint64          end,
          RemoraTaskState state,
          const GArray   *wakeups,
          guint          *w,
          gint64          lo,
          gint64          hi)
{
  while (*w < wakeups->len && g_array_index (wakeups, gint64, *w) < begin)
    (*w)++;
  if (state != REMORA_TASK_STATE_RUNNABLE && *w < wakeups->len &&
      g_array_index (wakeups, gint64, *w) < end)
    {
      gint64 wake = g_array_index (wakeups, gint64, *w);
      emit (out, begin, wake, state, -1, lo, hi);
      emit (out, wake, end, REMORA_TASK_STATE_RUNNABLE, -1, lo, hi);
    }
  else
    emit (out, begin, end, state, -1, lo, hi);
}

static void
build_intervals (const GArray *slices, const GArray *wakeups, gint64 lo, gint64 hi, GArray *out)
{
  guint w = 0;

  for (guint i = 0; i <= slices->len; i++)
    {
      const SliceInfo *prev = i > 0 ? &g_array_index (slices, SliceInfo, i - 1) : NULL;
      const SliceInfo *next = i < slices->len ? &g_array_index (slices, SliceInfo, i) : NULL;

      emit_gap (out, prev ? prev->end : G_MININT64, next ? next->start : G_MAXINT64,
                prev ? prev->after : REMORA_TASK_STATE_UNKNOWN, wakeups, &w, lo, hi);
      if (next)
        emit (out, next->start, next->end, REMORA_TASK_STATE_RUNNING, next->cpu, lo, hi);
    }
}

/**
 * remora_task_row_dup_intervals:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
 * @pid: the task
 * @range: the time range
 * @error: a location for a #GError
 *
 * The task's timeline within @range: running slices, and between them the
 * state it was switched out in, runnable from a wakeup to its next slice.
 *
 * Returns: (transfer full) (element-type RemoraTaskInterval): the stretches,
 *   in time order, clipped to @range; %NULL with @error set on failure.
 */
GArray *
remora_task_row_dup_intervals (
    RemoraStore *store, const char *buffer, int pid, const RemoraTimeRange *range, GError **error)
{
  g_autoptr (GArray) slices = g_array_new (FALSE, FALSE, sizeof (SliceInfo));
  g_autoptr (GArray) wakeups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraTaskInterval));
  g_autoptr (sqlite3_stmt) st = NULL;
  sqlite3 *db = remora_store_get_db (store);
  gint64   wake_lo, wake_hi;
  int      rc;

  /* the slice running at the range's start (the last that began before it),
   * those inside, and the first after it: enough to know every gap */
  rc = sqlite3_prepare_v2 (
      db,
      "SELECT start_ts, end_ts, cpu, end_state FROM sched_slices WHERE buffer = ?1 AND pid = ?2 "
      "AND start_ts >= coalesce((SELECT max(start_ts) FROM sched_slices WHERE buffer = ?1 "
      "AND pid = ?2 AND start_ts <= ?3), -9223372036854775807) "
      "AND start_ts <= coalesce((SELECT min(start_ts) FROM sched_slices WHERE buffer = ?1 "
      "AND pid = ?2 AND start_ts >= ?4), ?4) ORDER BY start_ts",
      -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return NULL;
  sqlite3_bind_text (st, 1, buffer, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, pid);
  sqlite3_bind_int64 (st, 3, range->begin_ns);
  sqlite3_bind_int64 (st, 4, range->end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      SliceInfo s = { sqlite3_column_int64 (st, 0), sqlite3_column_int64 (st, 1),
                      sqlite3_column_int (st, 2),
                      remora_task_state_from_text ((const char *) sqlite3_column_text (st, 3)) };
      g_array_append_val (slices, s);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  /* the wakeups in those gaps: from the first slice fetched (or the trace's
   * beginning, when the task has none before the range) to the last */
  wake_lo = slices->len > 0 && g_array_index (slices, SliceInfo, 0).start <= range->begin_ns
                ? g_array_index (slices, SliceInfo, 0).start
                : G_MININT64 + 1;
  wake_hi = slices->len > 0
                ? MAX (range->end_ns, g_array_index (slices, SliceInfo, slices->len - 1).start)
                : range->end_ns;
  if (slices->len > 0 && g_array_index (slices, SliceInfo, slices->len - 1).start < range->end_ns)
    wake_hi = G_MAXINT64; /* the task's last slice: its gap runs to the end */
  rc = sqlite3_prepare_v2 (db,
                           "SELECT wakeup_ts FROM wakeups WHERE buffer = ?1 AND pid = ?2 "
                           "AND wakeup_ts >= ?3 AND wakeup_ts < ?4 ORDER BY wakeup_ts",
                           -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return NULL;
  sqlite3_bind_text (st, 1, buffer, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, pid);
  sqlite3_bind_int64 (st, 3, wake_lo);
  sqlite3_bind_int64 (st, 4, wake_hi);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 ts = sqlite3_column_int64 (st, 0);
      g_array_append_val (wakeups, ts);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;

  build_intervals (slices, wakeups, range->begin_ns, range->end_ns, out);
  return g_steal_pointer (&out);
}

/**
 * remora_task_row_query:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
 * @pid: the task
 * @range: the time range across the row
 * @width: the number of columns (pixels)
 * @columns: (out caller-allocates) (array): @width columns
 * @error: a location for a #GError
 *
 * Answers what each pixel column of a task row shows, from the task's slices,
 * wakeups and events within @range.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_task_row_query (RemoraStore           *store,
                       const char            *buffer,
                       int                    pid,
                       const RemoraTimeRange *range,
                       int                    width,
                       RemoraTaskColumn      *columns,
                       GError               **error)
{
  g_autofree gint64 *edges = NULL;
  g_autoptr (GArray) intervals = NULL;
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree gint64 *cpu_ns = NULL;
  int                n_cpus, rc;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  g_return_val_if_fail (width > 0, FALSE);

  edges = g_new (gint64, width + 1);
  remora_cpu_row_column_edges (range, width, -1, edges);
  memset (columns, 0, sizeof *columns * width);
  for (int c = 0; c < width; c++)
    {
      columns[c].begin_ns = edges[c];
      columns[c].end_ns = edges[c + 1];
      columns[c].cpu = -1;
    }

  intervals = remora_task_row_dup_intervals (store, buffer, pid, range, error);
  if (intervals == NULL)
    return FALSE;
  n_cpus = (int) MAX (1, remora_store_get_meta_int (store, "cpus", 1));
  for (guint i = 0; i < intervals->len; i++)
    n_cpus = MAX (n_cpus, g_array_index (intervals, RemoraTaskInterval, i).cpu + 1);
  cpu_ns = g_new0 (gint64, (gsize) width * n_cpus);
  for (guint i = 0; i < intervals->len; i++)
    {
      const RemoraTaskInterval *iv = &g_array_index (intervals, RemoraTaskInterval, i);
      for (int c = MAX (0, remora_columns_find (edges, width, iv->begin_ns));
           c < width && edges[c] < iv->end_ns; c++)
        {
          gint64 ns = MIN (iv->end_ns, edges[c + 1]) - MAX (iv->begin_ns, edges[c]);
          if (ns <= 0)
            continue;
          columns[c].state_ns[iv->state] += ns;
          if (iv->state == REMORA_TASK_STATE_RUNNING && iv->cpu >= 0)
            cpu_ns[(gsize) c * n_cpus + iv->cpu] += ns;
        }
    }
  for (int c = 0; c < width; c++)
    {
      gint64 best = 0;

      columns[c].state = REMORA_TASK_STATE_UNKNOWN;
      for (int s = REMORA_TASK_STATE_RUNNING; s < REMORA_TASK_N_STATES; s++)
        if (columns[c].state_ns[s] > best)
          {
            best = columns[c].state_ns[s];
            columns[c].state = s;
          }
      best = 0;
      for (int cpu = 0; cpu < n_cpus; cpu++)
        if (cpu_ns[(gsize) c * n_cpus + cpu] > best)
          {
            best = cpu_ns[(gsize) c * n_cpus + cpu];
            columns[c].cpu = cpu;
          }
    }

  /* the task's events, in the id range of [begin, end) */
  rc = sqlite3_prepare_v2 (
      remora_store_get_db (store),
      "SELECT ts FROM event_rows WHERE pid = ?1 "
      "AND id >= coalesce((SELECT first_id FROM event_chunks WHERE last_ts >= ?2 "
      "ORDER BY last_ts LIMIT 1), 1 << 62) "
      "AND id <= coalesce((SELECT last_id FROM event_chunks WHERE last_ts >= ?3 "
      "ORDER BY last_ts LIMIT 1), (SELECT max(id) FROM event_rows)) "
      "AND ts >= ?2 AND ts < ?3 AND type IN (SELECT t.id FROM event_types t "
      "JOIN buffers b ON b.id = t.buffer_id WHERE b.name = ?4)",
      -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int (st, 1, pid);
  sqlite3_bind_int64 (st, 2, edges[0]);
  sqlite3_bind_int64 (st, 3, edges[width]);
  sqlite3_bind_text (st, 4, buffer, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int c = remora_columns_find (edges, width, sqlite3_column_int64 (st, 0));
      if (c >= 0)
        columns[c].events++;
    }
  return remora_store_check (store, rc, error);
}
