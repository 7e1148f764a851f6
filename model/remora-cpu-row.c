/* remora-cpu-row.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-cpu-row.h"

#include <string.h>

#include "remora-columns-private.h"

/* Run time per task in the column being summed, to find the longest. Columns
 * are met in non-decreasing order (slices and cells come in time order); a
 * column is finished when the next one opens. The runs are found by pid
 * through a small open-addressing hash: a wide column of a busy CPU holds
 * hundreds of tasks. */
typedef struct
{
  RemoraCpuColumn *columns;
  int              column; /* the open column, -1 before the first */
  GArray          *runs;   /* RemoraLodRun of the open column */
  guint           *slots;  /* index in runs + 1, or 0 */
  guint            mask;   /* slots - 1, slots a power of two */
} Sums;

static void
sums_init (Sums *sums, RemoraCpuColumn *columns)
{
  sums->columns = columns;
  sums->column = -1;
  sums->runs = g_array_new (FALSE, FALSE, sizeof (RemoraLodRun));
  sums->mask = 255;
  sums->slots = g_new0 (guint, sums->mask + 1);
}

static guint
slot_of (guint mask, int pid)
{
  return ((guint32) pid * 0x9e3779b1u >> 8) & mask;
}

static void
sums_close (Sums *sums)
{
  RemoraCpuColumn *col;
  gint64           best_ns = -1;

  if (sums->column < 0)
    return;
  col = &sums->columns[sums->column];
  for (guint i = 0; i < sums->runs->len; i++)
    {
      RemoraLodRun *r = &g_array_index (sums->runs, RemoraLodRun, i);
      if (r->pid == 0 || r->run_ns <= 0)
        continue;
      col->n_tasks++;
      col->busy_ns += r->run_ns;
      /* the longest, ties to the lower pid */
      if (r->run_ns > best_ns || (r->run_ns == best_ns && r->pid < col->pid))
        {
          best_ns = r->run_ns;
          col->pid = r->pid;
        }
    }
  if (sums->runs->len > 0)
    memset (sums->slots, 0, sizeof (guint) * (sums->mask + 1));
  g_array_set_size (sums->runs, 0);
  sums->column = -1;
}

static void
sums_add (Sums *sums, int column, int pid, gint64 ns)
{
  guint k;

  if (column != sums->column)
    {
      g_warn_if_fail (column > sums->column);
      sums_close (sums);
      sums->column = column;
    }
  for (k = slot_of (sums->mask, pid); sums->slots[k]; k = (k + 1) & sums->mask)
    {
      RemoraLodRun *r = &g_array_index (sums->runs, RemoraLodRun, sums->slots[k] - 1);
      if (r->pid == pid)
        {
          r->run_ns += ns;
          return;
        }
    }
  {
    RemoraLodRun r = { pid, ns };
    g_array_append_val (sums->runs, r);
    sums->slots[k] = sums->runs->len;
  }
  if (sums->runs->len * 2 > sums->mask)
    {
      /* grow and rehash */
      sums->mask = sums->mask * 2 + 1;
      g_free (sums->slots);
      sums->slots = g_new0 (guint, sums->mask + 1);
      for (guint i = 0; i < sums->runs->len; i++)
        {
          int pid_i = g_array_index (sums->runs, RemoraLodRun, i).pid;
          for (k = slot_of (sums->mask, pid_i); sums->slots[k]; k = (k + 1) & sums->mask)
            ;
          sums->slots[k] = i + 1;
        }
    }
}

static void
sums_finish (Sums *sums)
{
  sums_close (sums);
  g_array_unref (sums->runs);
  g_free (sums->slots);
}

typedef struct
{
  const gint64    *edges;
  int              width;
  RemoraCpuColumn *columns;
} LostFill;

static void
add_lost (gint64 ts, gpointer user_data)
{
  LostFill *f = user_data;
  int       c = remora_columns_find (f->edges, f->width, ts);

  if (c >= 0)
    f->columns[c].lost++;
}

/* From sched_slices, event_rows and lost_events: exact column edges. */
static gboolean
query_exact (RemoraStore     *store,
             int              buffer_id,
             int              cpu,
             const gint64    *edges,
             int              width,
             RemoraCpuColumn *columns,
             Sums            *sums,
             GError         **error)
{
  gint64   begin = edges[0], end = edges[width];
  LostFill lost = { edges, width, columns };
  int      hint = -1;

  /* slices overlapping [begin, end) */
  {
    g_autoptr (GArray) slices = g_array_new (FALSE, FALSE, sizeof (RemoraCpuSlice));

    if (!remora_store_read_cpu_slices (store, buffer_id, cpu, begin, end, slices, error))
      return FALSE;
    for (guint i = 0; i < slices->len; i++)
      {
        const RemoraCpuSlice *sl = &g_array_index (slices, RemoraCpuSlice, i);
        gint64                s = MAX (begin, sl->begin_ns);
        gint64                e = MIN (end, sl->end_ns);
        int                   c = remora_columns_find_from (edges, width, s, hint);

        hint = c;
        for (; c >= 0 && c < width && edges[c] < e; c++)
          {
            gint64 ns = MIN (e, edges[c + 1]) - MAX (s, edges[c]);
            if (ns > 0)
              sums_add (sums, c, sl->pid, ns);
          }
      }
  }

  /* events */
  {
    g_autofree guint32 *counts = g_new0 (guint32, width);
    if (!remora_columns_count_events (store, FALSE, cpu, buffer_id, edges, width, counts, error))
      return FALSE;
    for (int c = 0; c < width; c++)
      columns[c].events += counts[c];
  }

  return remora_store_read_lost_marks (store, buffer_id, cpu, begin, end, add_lost, &lost, error);
}

/* From lod_cpu: every cell lies wholly in one column. */
typedef struct
{
  const gint64    *edges;
  int              width;
  int              shift;
  int              column; /* the column of the last cell, -1 before it */
  RemoraCpuColumn *columns;
  Sums            *sums;
} LodFill;

static void
fill_cell (gint64 cell, const RemoraLodCell *lc, gpointer user_data)
{
  LodFill *f = user_data;
  gint64   ts = cell << f->shift;
  int      c = f->column;

  if (c < 0 || ts >= f->edges[c + 1] || ts < f->edges[c])
    c = f->column = remora_columns_find_from (f->edges, f->width, ts, c);
  if (c < 0)
    return;
  f->columns[c].events += lc->events;
  f->columns[c].lost += lc->lost;
  for (guint r = 0; r < lc->n_runs; r++)
    sums_add (f->sums, c, lc->runs[r].pid, lc->runs[r].run_ns);
}

static gboolean
query_lod (RemoraStore     *store,
           int              buffer_id,
           int              cpu,
           int              level,
           const gint64    *edges,
           int              width,
           RemoraCpuColumn *columns,
           Sums            *sums,
           GError         **error)
{
  int     shift = REMORA_LOD_CELL_SHIFT (level);
  LodFill f = { edges, width, shift, -1, columns, sums };

  /* edges are multiples of the level's cells: the last one is exclusive */
  return remora_store_read_cpu_cells (store, buffer_id, cpu, level, edges[0] >> shift,
                                      edges[width] >> shift, fill_cell, &f, error);
}

/**
 * remora_cpu_row_query:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
 * @cpu: the CPU
 * @range: the time range across the row
 * @width: the number of columns (pixels)
 * @columns: (out caller-allocates) (array): @width columns
 * @level: (out) (optional): the summary level read, -1 for slices and events
 * @error: a location for a #GError
 *
 * Answers what each pixel column of a CPU row shows. Reads about @width
 * summary cells (or the slices and events in @range when zoomed in far
 * enough that they are few), whatever the size of the trace.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_cpu_row_query (RemoraStore           *store,
                      int                    buffer_id,
                      int                    cpu,
                      const RemoraTimeRange *range,
                      int                    width,
                      RemoraCpuColumn       *columns,
                      int                   *level,
                      GError               **error)
{
  g_autofree gint64 *edges = NULL;
  Sums               sums;
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
      columns[c].pid = -1;
    }
  sums_init (&sums, columns);
  if (lvl < 0)
    ok = query_exact (store, buffer_id, cpu, edges, width, columns, &sums, error);
  else
    ok = query_lod (store, buffer_id, cpu, lvl, edges, width, columns, &sums, error);
  sums_finish (&sums);
  if (level)
    *level = lvl;
  return ok;
}
