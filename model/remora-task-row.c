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
  g_autoptr (RemoraCachedStmt) st = NULL;
  gint64 wake_lo, wake_hi;
  int    rc;

  /* the slice running at the range's start (the last that began before it),
   * those inside, and the first after it: enough to know every gap */
  st = remora_store_prepare_cached (
      store,
      "SELECT start_ts, end_ts, cpu, end_state FROM sched_slices WHERE buffer = ?1 AND pid = ?2 "
      "AND start_ts >= coalesce((SELECT max(start_ts) FROM sched_slices WHERE buffer = ?1 "
      "AND pid = ?2 AND start_ts <= ?3), -9223372036854775807) "
      "AND start_ts <= coalesce((SELECT min(start_ts) FROM sched_slices WHERE buffer = ?1 "
      "AND pid = ?2 AND start_ts >= ?4), ?4) ORDER BY start_ts",
      error);
  if (st == NULL)
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
  g_clear_pointer (&st, remora_cached_stmt_release);

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
  st = remora_store_prepare_cached (store,
                                    "SELECT wakeup_ts FROM wakeups WHERE buffer = ?1 AND pid = ?2 "
                                    "AND wakeup_ts >= ?3 AND wakeup_ts < ?4 ORDER BY wakeup_ts",
                                    error);
  if (st == NULL)
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

/* Per column run time per CPU, growing as CPUs show up. */
typedef struct
{
  int     width;
  int     n_cpus;
  gint64 *ns; /* width × n_cpus */
} CpuTimes;

static void
cpu_times_add (CpuTimes *t, int column, int cpu, gint64 ns)
{
  if (cpu < 0 || cpu > 65535)
    return;
  if (cpu >= t->n_cpus)
    {
      int     n = MAX (cpu + 1, t->n_cpus * 2);
      gint64 *grown = g_new0 (gint64, (gsize) t->width * n);
      for (int c = 0; c < t->width; c++)
        memcpy (grown + (gsize) c * n, t->ns + (gsize) c * t->n_cpus, sizeof (gint64) * t->n_cpus);
      g_free (t->ns);
      t->ns = grown;
      t->n_cpus = n;
    }
  t->ns[(gsize) column * t->n_cpus + cpu] += ns;
}

/* Adds [begin, end) in @state (on @cpu) to the columns it overlaps; @hint is
 * a column found for an earlier time, or -1. Returns the last column it
 * reached (a hint for the next span), or -1. */
static int
add_span (int               hint,
          RemoraTaskColumn *columns,
          CpuTimes         *cpus,
          const gint64     *edges,
          int               width,
          gint64            begin,
          gint64            end,
          int               state,
          int               cpu)
{
  int c = remora_columns_find_from (edges, width, begin, hint);

  if (end <= begin)
    return c;
  if (c < 0)
    {
      if (begin >= edges[width])
        return -1;
      c = 0;
    }
  for (; c < width && edges[c] < end; c++)
    {
      gint64 ns = MIN (end, edges[c + 1]) - MAX (begin, edges[c]);
      if (ns <= 0)
        continue;
      columns[c].state_ns[state] += ns;
      if (state == REMORA_TASK_STATE_RUNNING)
        cpu_times_add (cpus, c, cpu, ns);
    }
  return c > 0 ? c - 1 : -1;
}

static gboolean
fill_exact (RemoraStore           *store,
            const char            *buffer,
            int                    buffer_id,
            int                    pid,
            const RemoraTimeRange *range,
            const gint64          *edges,
            int                    width,
            RemoraTaskColumn      *columns,
            CpuTimes              *cpus,
            GError               **error)
{
  g_autoptr (GArray) intervals = remora_task_row_dup_intervals (store, buffer, pid, range, error);
  g_autofree guint32 *counts = g_new0 (guint32, width);
  int                 hint = -1;

  if (intervals == NULL)
    return FALSE;
  for (guint i = 0; i < intervals->len; i++)
    {
      const RemoraTaskInterval *iv = &g_array_index (intervals, RemoraTaskInterval, i);
      hint = add_span (hint, columns, cpus, edges, width, iv->begin_ns, iv->end_ns, iv->state,
                       iv->cpu);
    }

  /* the task's events */
  if (!remora_columns_count_events (store, TRUE, pid, buffer_id, edges, width, counts, error))
    return FALSE;
  for (int c = 0; c < width; c++)
    columns[c].events += counts[c];
  return TRUE;
}

/* From lod_task: stored cells as they are, the cells between them in the
 * state the previous stored cell ended in. */
static gboolean
fill_lod (RemoraStore      *store,
          int               buffer_id,
          int               pid,
          int               level,
          const gint64     *edges,
          int               width,
          RemoraTaskColumn *columns,
          CpuTimes         *cpus,
          GError          **error)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (RemoraLodRun));
  g_autoptr (RemoraCachedStmt) st = NULL;
  RemoraLodTaskCell cells[REMORA_LOD_BLOCK_CELLS];
  int               shift = REMORA_LOD_CELL_SHIFT (level);
  /* nothing lies before time 0: cells from there on */
  gint64 first_cell = MAX (0, edges[0] >> shift);
  gint64 end_cell = MAX (first_cell, edges[width] >> shift);
  gint64 cursor = first_cell;
  int    carry_state = REMORA_TASK_STATE_UNKNOWN, carry_cpu = -1;
  int    rc, n, hint = -1;

  /* the state carried into the range: the last stored cell before it */
  st = remora_store_prepare_cached (
      store,
      "SELECT block, data FROM lod_task WHERE level = ?1 AND buffer_id = ?2 "
      "AND pid = ?3 AND block <= ?4 ORDER BY block DESC LIMIT 2",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, level);
  sqlite3_bind_int (st, 2, buffer_id);
  sqlite3_bind_int (st, 3, pid);
  sqlite3_bind_int64 (st, 4, first_cell >> REMORA_LOD_BLOCK_SHIFT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64   block = sqlite3_column_int64 (st, 0);
      gboolean found = FALSE;

      if (!remora_lod_decode_task_block (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1),
                                         cells, &n, runs))
        return remora_columns_decode_failed (store, error);
      for (int i = n - 1; i >= 0 && !found; i--)
        if ((block << REMORA_LOD_BLOCK_SHIFT) + cells[i].offset < first_cell)
          {
            carry_state = cells[i].end_state;
            carry_cpu = cells[i].end_cpu;
            found = TRUE;
          }
      if (found)
        break;
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  g_clear_pointer (&st, remora_cached_stmt_release);

  st = remora_store_prepare_cached (
      store,
      "SELECT block, data FROM lod_task WHERE level = ?1 AND buffer_id = ?2 "
      "AND pid = ?3 AND block BETWEEN ?4 AND ?5 ORDER BY block",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, level);
  sqlite3_bind_int (st, 2, buffer_id);
  sqlite3_bind_int (st, 3, pid);
  sqlite3_bind_int64 (st, 4, first_cell >> REMORA_LOD_BLOCK_SHIFT);
  sqlite3_bind_int64 (st, 5, (end_cell - 1) >> REMORA_LOD_BLOCK_SHIFT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 block = sqlite3_column_int64 (st, 0);

      if (!remora_lod_decode_task_block (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1),
                                         cells, &n, runs))
        return remora_columns_decode_failed (store, error);
      for (int i = 0; i < n; i++)
        {
          gint64 cell = (block << REMORA_LOD_BLOCK_SHIFT) + cells[i].offset;
          int    c;

          if (cell < first_cell || cell >= end_cell)
            continue;
          hint = add_span (hint, columns, cpus, edges, width, cursor << shift, cell << shift,
                           carry_state, carry_cpu);
          c = remora_columns_find_from (edges, width, cell << shift, hint);
          hint = c;
          if (c >= 0)
            {
              for (int s = 0; s < REMORA_TASK_N_STATES; s++)
                columns[c].state_ns[s] += cells[i].state_ns[s];
              for (guint r = 0; r < cells[i].n_cpus; r++)
                cpu_times_add (cpus, c, cells[i].cpus[r].pid, cells[i].cpus[r].run_ns);
              columns[c].events += cells[i].events;
            }
          carry_state = cells[i].end_state;
          carry_cpu = cells[i].end_cpu;
          cursor = cell + 1;
        }
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  add_span (hint, columns, cpus, edges, width, cursor << shift, end_cell << shift, carry_state,
            carry_cpu);
  return TRUE;
}

/**
 * remora_task_row_query:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
 * @pid: the task
 * @range: the time range across the row
 * @width: the number of columns (pixels)
 * @columns: (out caller-allocates) (array): @width columns
 * @level: (out) (optional): the summary level read, -1 for slices and wakeups
 * @error: a location for a #GError
 *
 * Answers what each pixel column of a task row shows: from the task's
 * summary cells (lod_task) when a column spans at least one cell, with column
 * edges rounded down to cells as remora_cpu_row_column_edges() does; from its
 * slices, wakeups and events when zoomed in further.
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
                       int                   *level,
                       GError               **error)
{
  g_autofree gint64 *edges = NULL;
  CpuTimes           cpus = { width, 0, NULL };
  int                lvl, buffer_id;
  gboolean           ok;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  g_return_val_if_fail (width > 0, FALSE);

  edges = remora_columns_layout (store, buffer, range, width, &buffer_id, &lvl, error);
  if (edges == NULL)
    return FALSE;
  memset (columns, 0, sizeof *columns * width);
  for (int c = 0; c < width; c++)
    {
      columns[c].begin_ns = edges[c];
      columns[c].end_ns = edges[c + 1];
      columns[c].cpu = -1;
    }
  cpus.n_cpus = (int) CLAMP (remora_store_get_meta_int (store, "cpus", 1), 1, 4096);
  cpus.ns = g_new0 (gint64, (gsize) width * cpus.n_cpus);

  if (lvl < 0)
    ok = fill_exact (store, buffer, buffer_id, pid, range, edges, width, columns, &cpus, error);
  else
    ok = fill_lod (store, buffer_id, pid, lvl, edges, width, columns, &cpus, error);

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
      for (int cpu = 0; cpu < cpus.n_cpus; cpu++)
        if (cpus.ns[(gsize) c * cpus.n_cpus + cpu] > best)
          {
            best = cpus.ns[(gsize) c * cpus.n_cpus + cpu];
            columns[c].cpu = cpu;
          }
    }
  g_free (cpus.ns);
  if (level)
    *level = lvl;
  return ok;
}
