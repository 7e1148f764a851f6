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
#include "remora-row-detail.h"

/* Level-of-detail cells are used once a column is at least one level-0 cell
 * wide: then every column covers at least one whole cell, and snapping its
 * edges down to cells moves them by less than a column. */
#define CELLS_PER_COLUMN 1

/**
 * remora_cpu_row_choose_level:
 * @range: the time range across the row
 * @width: the number of columns
 * @n_levels: how many levels the store has (meta lod_levels)
 *
 * Returns: the summary level a row of @width columns over @range reads: the
 *   coarsest whose cells are at most a column wide, or -1 to read slices and
 *   events (columns narrower than a level-0 cell).
 */
int
remora_cpu_row_choose_level (const RemoraTimeRange *range, int width, int n_levels)
{
  double per_column = (double) remora_time_range_get_duration (range) / MAX (1, width);
  int    level = -1;

  for (int k = 0; k < n_levels; k++)
    if ((double) REMORA_LOD_CELL_NS (k) * CELLS_PER_COLUMN <= per_column)
      level = k;
  return level;
}

/**
 * remora_cpu_row_column_edges:
 * @range: the time range across the row
 * @width: the number of columns
 * @level: the level from remora_cpu_row_choose_level()
 * @edges: (out caller-allocates) (array): @width + 1 timestamps
 *
 * Column i spans [@edges[i], @edges[i + 1]). With @level -1 the edges split
 * @range evenly (to the nanosecond); with a level they are those times rounded
 * down to the level's cells.
 */
void
remora_cpu_row_column_edges (const RemoraTimeRange *range, int width, int level, gint64 *edges)
{
  gint64 len = MAX (0, remora_time_range_get_duration (range));

  for (int i = 0; i <= width; i++)
    {
      /* len * i fits: a day in ns times a 100k-pixel width is below 2^63 */
      gint64 t = range->begin_ns + (gint64) ((__int128) len * i / MAX (1, width));
      if (level >= 0)
        t = remora_columns_floor (t, REMORA_LOD_CELL_SHIFT (level));
      edges[i] = t;
    }
}

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

/* From sched_slices, event_rows and lost_events: exact column edges. */
static gboolean
query_exact (RemoraStore     *store,
             const char      *buffer,
             int              buffer_id,
             int              cpu,
             const gint64    *edges,
             int              width,
             RemoraCpuColumn *columns,
             Sums            *sums,
             GError         **error)
{
  gint64        begin = edges[0], end = edges[width];
  sqlite3_stmt *st = NULL; /* cached by the store */
  int           rc, hint = -1;

  /* slices overlapping [begin, end) */
  {
    RemoraTimeRange span = { begin, end };
    g_autoptr (GArray) slices = remora_cpu_row_dup_slices (store, buffer, cpu, &span, error);

    if (slices == NULL)
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

  st = remora_store_prepare_cached (store,
                                    "SELECT ts FROM lost_events WHERE buffer = ?1 AND cpu = ?2 "
                                    "AND ts >= ?3 AND ts < ?4",
                                    error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, buffer, -1, SQLITE_STATIC);
  sqlite3_bind_int (st, 2, cpu);
  sqlite3_bind_int64 (st, 3, begin);
  sqlite3_bind_int64 (st, 4, end);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int c = remora_columns_find (edges, width, sqlite3_column_int64 (st, 0));
      if (c >= 0)
        columns[c].lost++;
    }
  sqlite3_reset (st);
  return remora_store_check (store, rc, error);
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
  return remora_columns_read_cpu_cells (store, buffer_id, cpu, level, edges[0] >> shift,
                                        edges[width] >> shift, fill_cell, &f, error);
}

/**
 * remora_cpu_row_query:
 * @store: a #RemoraStore
 * @buffer: the buffer's name ("" for the top-level one)
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
                      const char            *buffer,
                      int                    cpu,
                      const RemoraTimeRange *range,
                      int                    width,
                      RemoraCpuColumn       *columns,
                      int                   *level,
                      GError               **error)
{
  g_autofree gint64 *edges = NULL;
  Sums               sums;
  int                buffer_id, lvl;
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
      columns[c].pid = -1;
    }
  sums_init (&sums, columns);
  if (lvl < 0)
    ok = query_exact (store, buffer, buffer_id, cpu, edges, width, columns, &sums, error);
  else
    ok = query_lod (store, buffer_id, cpu, lvl, edges, width, columns, &sums, error);
  sums_finish (&sums);
  if (level)
    *level = lvl;
  return ok;
}
