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
      const RemoraTaskSlice *prev = i > 0 ? &g_array_index (slices, RemoraTaskSlice, i - 1) : NULL;
      const RemoraTaskSlice *next =
          i < slices->len ? &g_array_index (slices, RemoraTaskSlice, i) : NULL;

      emit_gap (out, prev ? prev->end_ns : G_MININT64, next ? next->begin_ns : G_MAXINT64,
                prev ? prev->after : REMORA_TASK_STATE_UNKNOWN, wakeups, &w, lo, hi);
      if (next)
        emit (out, next->begin_ns, next->end_ns, REMORA_TASK_STATE_RUNNING, next->cpu, lo, hi);
    }
}

/**
 * remora_task_row_dup_intervals:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
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
    RemoraStore *store, int buffer_id, int pid, const RemoraTimeRange *range, GError **error)
{
  g_autoptr (GArray) slices = g_array_new (FALSE, FALSE, sizeof (RemoraTaskSlice));
  g_autoptr (GArray) wakeups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraTaskInterval));
  gint64 wake_lo, wake_hi;

  /* the slice running at the range's start (the last that began before it),
   * those inside, and the first after it: enough to know every gap */
  if (!remora_store_read_task_slices (store, buffer_id, pid, range->begin_ns, range->end_ns, slices,
                                      error))
    return NULL;

  /* the wakeups in those gaps: from the first slice fetched (or the trace's
   * beginning, when the task has none before the range) to the last */
  wake_lo =
      slices->len > 0 && g_array_index (slices, RemoraTaskSlice, 0).begin_ns <= range->begin_ns
          ? g_array_index (slices, RemoraTaskSlice, 0).begin_ns
          : G_MININT64 + 1;
  wake_hi =
      slices->len > 0
          ? MAX (range->end_ns, g_array_index (slices, RemoraTaskSlice, slices->len - 1).begin_ns)
          : range->end_ns;
  if (slices->len > 0 &&
      g_array_index (slices, RemoraTaskSlice, slices->len - 1).begin_ns < range->end_ns)
    wake_hi = G_MAXINT64; /* the task's last slice: its gap runs to the end */
  if (!remora_store_read_wakeup_times (store, buffer_id, pid, wake_lo, wake_hi, wakeups, error))
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
            int                    buffer_id,
            int                    pid,
            const RemoraTimeRange *range,
            const gint64          *edges,
            int                    width,
            RemoraTaskColumn      *columns,
            CpuTimes              *cpus,
            GError               **error)
{
  g_autoptr (GArray) intervals =
      remora_task_row_dup_intervals (store, buffer_id, pid, range, error);
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
typedef struct
{
  RemoraTaskColumn *columns;
  CpuTimes         *cpus;
  const gint64     *edges;
  int               width;
  int               shift;
  gint64            cursor; /* the first cell not accounted for */
  int               carry_state, carry_cpu;
  int               hint;
} TaskFill;

static void
fill_cell (gint64 cell, const RemoraLodTaskCell *tc, gpointer user_data)
{
  TaskFill *f = user_data;
  int       c;

  f->hint = add_span (f->hint, f->columns, f->cpus, f->edges, f->width, f->cursor << f->shift,
                      cell << f->shift, f->carry_state, f->carry_cpu);
  c = remora_columns_find_from (f->edges, f->width, cell << f->shift, f->hint);
  f->hint = c;
  if (c >= 0)
    {
      for (int s = 0; s < REMORA_TASK_N_STATES; s++)
        f->columns[c].state_ns[s] += tc->state_ns[s];
      for (guint r = 0; r < tc->n_cpus; r++)
        cpu_times_add (f->cpus, c, tc->cpus[r].pid, tc->cpus[r].run_ns);
      f->columns[c].events += tc->events;
    }
  f->carry_state = tc->end_state;
  f->carry_cpu = tc->end_cpu;
  f->cursor = cell + 1;
}

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
  int shift = REMORA_LOD_CELL_SHIFT (level);
  /* nothing lies before time 0: cells from there on */
  gint64          first_cell = MAX (0, edges[0] >> shift);
  gint64          end_cell = MAX (first_cell, edges[width] >> shift);
  TaskFill        f = { columns, cpus, edges, width, shift, first_cell, 0, -1, -1 };
  RemoraTaskState carry;

  /* the state carried into the range: the last stored cell before it */
  if (!remora_store_read_task_state_before (store, buffer_id, pid, level, first_cell, &carry,
                                            &f.carry_cpu, error))
    return FALSE;
  f.carry_state = carry;
  if (!remora_store_read_task_cells (store, buffer_id, pid, level, first_cell, end_cell, fill_cell,
                                     &f, error))
    return FALSE;
  add_span (f.hint, columns, cpus, edges, width, f.cursor << shift, end_cell << shift,
            f.carry_state, f.carry_cpu);
  return TRUE;
}

/**
 * remora_task_row_query:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
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
                       int                    buffer_id,
                       int                    pid,
                       const RemoraTimeRange *range,
                       int                    width,
                       RemoraTaskColumn      *columns,
                       int                   *level,
                       GError               **error)
{
  g_autofree gint64 *edges = NULL;
  CpuTimes           cpus = { width, 0, NULL };
  int                lvl;
  gboolean           ok;

  g_return_val_if_fail (REMORA_IS_STORE (store), FALSE);
  g_return_val_if_fail (width > 0, FALSE);

  edges = remora_columns_layout (store, range, width, &lvl);
  memset (columns, 0, sizeof *columns * width);
  for (int c = 0; c < width; c++)
    {
      columns[c].begin_ns = edges[c];
      columns[c].end_ns = edges[c + 1];
      columns[c].cpu = -1;
    }
  cpus.n_cpus = CLAMP (remora_store_get_info (store)->cpus, 1, 4096);
  cpus.ns = g_new0 (gint64, (gsize) width * cpus.n_cpus);

  if (lvl < 0)
    ok = fill_exact (store, buffer_id, pid, range, edges, width, columns, &cpus, error);
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
