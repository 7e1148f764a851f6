/* remora-columns.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-columns-private.h"

/* Level-of-detail cells are used once a column is at least one level-0 cell
 * wide: then every column covers at least one whole cell, and snapping its
 * edges down to cells moves them by less than a column. */
#define CELLS_PER_COLUMN 1

/**
 * remora_columns_choose_level:
 * @range: the time range across the row
 * @width: the number of columns
 * @n_levels: how many levels the store has (RemoraTraceInfo.lod_levels)
 *
 * Returns: the summary level a row of @width columns over @range reads: the
 *   coarsest whose cells are at most a column wide, or -1 to read slices and
 *   events (columns narrower than a level-0 cell).
 */
int
remora_columns_choose_level (const RemoraTimeRange *range, int width, int n_levels)
{
  double per_column = (double) remora_time_range_get_duration (range) / MAX (1, width);
  int    level = -1;

  for (int k = 0; k < n_levels; k++)
    if ((double) REMORA_LOD_CELL_NS (k) * CELLS_PER_COLUMN <= per_column)
      level = k;
  return level;
}

/**
 * remora_columns_edges:
 * @range: the time range across the row
 * @width: the number of columns
 * @level: the level from remora_columns_choose_level()
 * @edges: (out caller-allocates) (array): @width + 1 timestamps
 *
 * Column i spans [@edges[i], @edges[i + 1]). With @level -1 the edges split
 * @range evenly (to the nanosecond); with a level they are those times rounded
 * down to the level's cells. CPU rows and task rows cut time alike.
 */
void
remora_columns_edges (const RemoraTimeRange *range, int width, int level, gint64 *edges)
{
  gint64   len = MAX (0, remora_time_range_get_duration (range));
  gboolean narrow = len <= G_MAXINT64 / MAX (1, width); /* len * i fits in 64 bits */

  for (int i = 0; i <= width; i++)
    {
      /* the same quotient either way; 128-bit division is a library call */
      gint64 t = range->begin_ns + (narrow ? len * i / MAX (1, width)
                                           : (gint64) ((__int128) len * i / MAX (1, width)));
      if (level >= 0)
        t = remora_columns_floor (t, REMORA_LOD_CELL_SHIFT (level));
      edges[i] = t;
    }
}

/**
 * remora_columns_find:
 * @edges: (array): @width + 1 sorted column edges; column i is
 *   [@edges[i], @edges[i + 1])
 * @width: the number of columns
 * @ts: a time
 *
 * Returns: the column holding @ts (the last of equal edges, since a column
 *   whose edges are equal holds nothing), or -1 outside all of them.
 */
int
remora_columns_find (const gint64 *edges, int width, gint64 ts)
{
  int lo = 0, hi = width;

  if (ts < edges[0] || ts >= edges[width])
    return -1;
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;
      if (edges[mid] <= ts)
        lo = mid;
      else
        hi = mid;
    }
  while (lo < width - 1 && edges[lo + 1] <= ts)
    lo++;
  return lo;
}

/**
 * remora_columns_find_from:
 * @edges: as for remora_columns_find()
 * @width: the number of columns
 * @ts: a time
 * @hint: the column found for an earlier time, or -1
 *
 * remora_columns_find() for times met in increasing order: walks forward
 * from @hint, so a row's cells or slices cost O(1) each instead of a
 * bisection.
 *
 * Returns: the same column as remora_columns_find().
 */
int
remora_columns_find_from (const gint64 *edges, int width, gint64 ts, int hint)
{
  if (hint < 0 || hint >= width || ts < edges[hint] || ts >= edges[width])
    return remora_columns_find (edges, width, ts);
  for (int k = 0; k < 16; k++, hint++)
    if (hint == width - 1 || edges[hint + 1] > ts)
      return hint;
  return remora_columns_find (edges, width, ts);
}

/* What both row models do first: the summary level for @width columns over
 * @range and the columns' @width + 1 edges (free them). */
gint64 *
remora_columns_layout (RemoraStore *store, const RemoraTimeRange *range, int width, int *level)
{
  gint64 *edges;

  *level = remora_columns_choose_level (range, width, remora_store_get_info (store)->lod_levels);
  edges = g_new (gint64, width + 1);
  remora_columns_edges (range, width, *level, edges);
  return edges;
}

/* A frame's events counted per column for every CPU and every task at once,
 * from one pass over the events in its span (in id order, which is time
 * order): a frame of zoomed-in rows then reads each event once instead of
 * once per row through an index. Kept while the store's snapshot is open. */
typedef struct
{
  int         width;
  gint64     *edges;
  GHashTable *by_cpu; /* cpu -> guint32[width] */
  GHashTable *by_pid; /* pid -> guint32[width] */
} Census;

/* A census is built when the span holds at most this many events (of all
 * buffers) and tasks; past that the per-row index reads are cheaper, and the
 * census's memory (a count per column per task) stays bounded. */
#define CENSUS_MAX_EVENTS 4000000
#define CENSUS_MAX_TASKS  2048

static void
census_free (gpointer data)
{
  Census *census = data;

  g_hash_table_unref (census->by_cpu);
  g_hash_table_unref (census->by_pid);
  g_free (census->edges);
  g_free (census);
}

static guint32 *
census_counts (Census *census, GHashTable *table, int id)
{
  guint32 *counts = g_hash_table_lookup (table, GINT_TO_POINTER (id));

  if (counts == NULL)
    {
      counts = g_new0 (guint32, census->width);
      g_hash_table_insert (table, GINT_TO_POINTER (id), counts);
    }
  return counts;
}

typedef struct
{
  Census       *census;
  const guint8 *in_buffer;
  gint64        max_type;
  int           hint;
} CensusFill;

static gboolean
census_add (gint64 ts, gint32 cpu, gint32 pid, gint64 type, gpointer user_data)
{
  CensusFill *f = user_data;
  Census     *census = f->census;
  int         c;

  if (ts < census->edges[0] || ts >= census->edges[census->width] || type < 0 ||
      type > f->max_type || !f->in_buffer[type])
    return TRUE;
  c = f->hint = remora_columns_find_from (census->edges, census->width, ts, f->hint);
  if (c < 0)
    return TRUE;
  census_counts (census, census->by_cpu, cpu)[c]++;
  census_counts (census, census->by_pid, pid)[c]++;
  return g_hash_table_size (census->by_pid) <= CENSUS_MAX_TASKS;
}

/* The census of @edges in the open snapshot, built on first use; NULL when
 * no snapshot is open or the span holds too many events. */
static Census *
census_get (RemoraStore  *store,
            int           buffer_id,
            const gint64 *edges,
            int           width,
            gboolean     *failed,
            GError      **error)
{
  g_autofree char   *key = NULL;
  g_autofree guint8 *in_buffer = NULL; /* by type id */
  Census            *census;
  RemoraEventSpan    span;
  CensusFill         fill;

  *failed = FALSE;
  if (!remora_store_in_snapshot (store))
    return NULL;
  key = g_strdup_printf ("remora-census:%d:%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, buffer_id,
                         width, edges[0], edges[width]);
  census = remora_store_get_snapshot_data (store, key);
  if (census != NULL)
    return memcmp (census->edges, edges, sizeof (gint64) * (width + 1)) == 0 ? census : NULL;

  if (!remora_store_read_event_span (store, edges[0], edges[width], &span, error))
    goto fail;
  if (span.last_id - span.first_id >= CENSUS_MAX_EVENTS || span.max_type > 1 << 20)
    return NULL;

  /* the buffer's event types */
  in_buffer = g_new0 (guint8, span.max_type + 2);
  if (!remora_store_read_buffer_types (store, buffer_id, in_buffer, span.max_type, error))
    goto fail;

  census = g_new0 (Census, 1);
  census->width = width;
  census->edges = g_memdup2 (edges, sizeof (gint64) * (width + 1));
  census->by_cpu = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  census->by_pid = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  fill = (CensusFill){ census, in_buffer, span.max_type, -1 };
  if (!remora_store_scan_events (store, span.first_id, span.last_id, census_add, &fill, error))
    {
      census_free (census);
      goto fail;
    }
  if (g_hash_table_size (census->by_pid) > CENSUS_MAX_TASKS)
    {
      census_free (census);
      return NULL;
    }
  remora_store_set_snapshot_data (store, key, census, census_free);
  return census;

fail:
  *failed = TRUE;
  return NULL;
}

typedef struct
{
  const gint64 *edges;
  int           width;
  guint32      *counts;
} CountFill;

static void
count_one (gint64 ts, gpointer user_data)
{
  CountFill *f = user_data;
  int        c = remora_columns_find (f->edges, f->width, ts);

  if (c >= 0)
    f->counts[c]++;
}

/* Adds to @counts[c] the events of buffer @buffer_id in column c that a CPU
 * (@by_pid FALSE) or a task (@by_pid TRUE) numbered @id recorded: from the
 * frame's census when a snapshot is open, else that CPU's or task's events
 * by their index. */
gboolean
remora_columns_count_events (RemoraStore  *store,
                             gboolean      by_pid,
                             int           id,
                             int           buffer_id,
                             const gint64 *edges,
                             int           width,
                             guint32      *counts,
                             GError      **error)
{
  gboolean  failed;
  Census   *census = census_get (store, buffer_id, edges, width, &failed, error);
  CountFill fill = { edges, width, counts };

  if (failed)
    return FALSE;
  if (census != NULL)
    {
      guint32 *have =
          g_hash_table_lookup (by_pid ? census->by_pid : census->by_cpu, GINT_TO_POINTER (id));
      for (int c = 0; have && c < width; c++)
        counts[c] += have[c];
      return TRUE;
    }
  return remora_store_read_event_times (store, buffer_id, by_pid, id, edges[0], edges[width],
                                        count_one, &fill, error);
}
