/* remora-busiest-tasks.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-busiest-tasks.h"

#include "remora-columns-private.h"

/* A range read from summaries spans at least this many of the level's cells,
 * so the cells cut by its two ends are a small part of it. */
#define MIN_CELLS 1024

/* Run time per task: totals, found by pid (pid -> index + 1). */
typedef struct
{
  GHashTable *index;
  GArray     *totals; /* RemoraTaskTotal */
} Sums;

static void
sums_add (Sums *sums, int pid, gint64 ns)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (sums->index, GINT_TO_POINTER (pid)));

  if (i == 0)
    {
      RemoraTaskTotal t = { pid, 0 };
      g_array_append_val (sums->totals, t);
      i = sums->totals->len;
      g_hash_table_insert (sums->index, GINT_TO_POINTER (pid), GUINT_TO_POINTER (i));
    }
  g_array_index (sums->totals, RemoraTaskTotal, i - 1).run_ns += ns;
}

static int
compare_totals (gconstpointer a, gconstpointer b)
{
  const RemoraTaskTotal *x = a, *y = b;

  if (x->run_ns != y->run_ns)
    return x->run_ns > y->run_ns ? -1 : 1;
  return (x->pid > y->pid) - (x->pid < y->pid);
}

static void
add_run (gint32 pid, gint64 run_ns, gpointer user_data)
{
  sums_add (user_data, pid, run_ns);
}

static void
add_cell (gint64 cell, const RemoraLodCell *c, gpointer user_data)
{
  for (guint r = 0; r < c->n_runs; r++)
    if (c->runs[r].pid != 0)
      sums_add (user_data, c->runs[r].pid, c->runs[r].run_ns);
}

/* The cells of level @level wholly inside the range, of every CPU. */
static gboolean
sum_cells (RemoraStore           *store,
           int                    buffer_id,
           int                    level,
           const RemoraTimeRange *range,
           Sums                  *sums,
           GError               **error)
{
  int shift = REMORA_LOD_CELL_SHIFT (level);
  /* [first, end): the cells that begin and end inside the range */
  gint64 first = (range->begin_ns + REMORA_LOD_CELL_NS (level) - 1) >> shift;
  gint64 end = range->end_ns >> shift;
  g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (int));

  if (!remora_store_read_cpus (store, buffer_id, cpus, error))
    return FALSE;
  for (guint i = 0; i < cpus->len; i++)
    if (!remora_store_read_cpu_cells (store, buffer_id, g_array_index (cpus, int, i), level, first,
                                      end, add_cell, sums, error))
      return FALSE;
  return TRUE;
}

/**
 * remora_busiest_tasks:
 * @store: a #RemoraStore
 * @buffer_id: the buffer (0 for the top-level one)
 * @range: a time range
 * @n: how many tasks at most
 * @error: a location for a #GError
 *
 * The tasks that ran longest in @range on the buffer's CPUs, idle aside,
 * longest first (ties: lower pid first): the rows a view shows by default.
 * A range shorter than 1024 of the finest summary cells is measured exactly
 * from its slices; a longer one from the summary cells that lie wholly inside
 * it, so that it costs about a thousand cells per CPU whatever the trace's
 * size, and each task's time may miss what it ran in the two cells cut by the
 * range's ends (at most 1/512 of the range per CPU).
 *
 * Returns: (transfer full) (element-type RemoraTaskTotal): up to @n tasks
 *   with their run time, or %NULL with @error set.
 */
GArray *
remora_busiest_tasks (
    RemoraStore *store, int buffer_id, const RemoraTimeRange *range, int n, GError **error)
{
  g_autoptr (GHashTable) index = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraTaskTotal));
  Sums   sums = { index, out };
  gint64 len = remora_time_range_get_duration (range);
  int    n_levels;
  int    level = -1;

  g_return_val_if_fail (REMORA_IS_STORE (store), NULL);
  n_levels = remora_store_get_info (store)->lod_levels;
  for (int k = 0; k < n_levels; k++)
    if (REMORA_LOD_CELL_NS (k) * MIN_CELLS <= len)
      level = k;
  if (len > 0 && !(level < 0 ? remora_store_sum_task_runs (store, buffer_id, range->begin_ns,
                                                           range->end_ns, add_run, &sums, error)
                             : sum_cells (store, buffer_id, level, range, &sums, error)))
    return NULL;
  g_array_sort (out, compare_totals);
  while (out->len > 0 && g_array_index (out, RemoraTaskTotal, out->len - 1).run_ns <= 0)
    g_array_set_size (out, out->len - 1);
  if (out->len > (guint) MAX (0, n))
    g_array_set_size (out, MAX (0, n));
  return g_steal_pointer (&out);
}
