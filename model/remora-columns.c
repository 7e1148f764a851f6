/* remora-columns.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remora-columns-private.h"
#include "remora-cpu-row.h"

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

/* The id of the buffer named @buffer, or -1 when the store has none. */
gboolean
remora_columns_buffer_id (RemoraStore *store, const char *buffer, int *id, GError **error)
{
  g_autoptr (RemoraCachedStmt) st =
      remora_store_prepare_cached (store, "SELECT id FROM buffers WHERE name = ?", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_text (st, 1, buffer, -1, SQLITE_STATIC);
  rc = sqlite3_step (st);
  *id = rc == SQLITE_ROW ? sqlite3_column_int (st, 0) : -1;
  return remora_store_check (store, rc, error);
}

/* What both row models do first: the buffer's id, the summary level for
 * @width columns over @range, and the columns' @width + 1 edges (free them),
 * or NULL on error. */
gint64 *
remora_columns_layout (RemoraStore           *store,
                       const char            *buffer,
                       const RemoraTimeRange *range,
                       int                    width,
                       int                   *buffer_id,
                       int                   *level,
                       GError               **error)
{
  gint64 *edges;

  if (!remora_columns_buffer_id (store, buffer, buffer_id, error))
    return NULL;
  *level = remora_cpu_row_choose_level (range, width,
                                        (int) remora_store_get_meta_int (store, "lod_levels", 0));
  edges = g_new (gint64, width + 1);
  remora_cpu_row_column_edges (range, width, *level, edges);
  return edges;
}

/**
 * remora_columns_read_cpu_cells:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @cpu: the CPU
 * @level: the summary level
 * @first_cell: the first cell of the level to read
 * @end_cell: the cell after the last
 * @func: called with each cell that holds anything, in time order
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Reads and decodes the lod_cpu blocks that hold cells [@first_cell,
 * @end_cell) of one CPU.
 *
 * Returns: %FALSE with @error set if the store fails or a block is damaged.
 */
gboolean
remora_columns_read_cpu_cells (RemoraStore      *store,
                               int               buffer_id,
                               int               cpu,
                               int               level,
                               gint64            first_cell,
                               gint64            end_cell,
                               RemoraCpuCellFunc func,
                               gpointer          user_data,
                               GError          **error)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (RemoraLodRun));
  g_autoptr (RemoraCachedStmt) st = NULL;
  RemoraLodCell cells[REMORA_LOD_BLOCK_CELLS];
  int           rc;

  if (end_cell <= first_cell)
    return TRUE;
  st = remora_store_prepare_cached (
      store,
      "SELECT block, data FROM lod_cpu WHERE level = ?1 AND buffer_id = ?2 "
      "AND cpu = ?3 AND block BETWEEN ?4 AND ?5 ORDER BY block",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, level);
  sqlite3_bind_int (st, 2, buffer_id);
  sqlite3_bind_int (st, 3, cpu);
  sqlite3_bind_int64 (st, 4, first_cell >> REMORA_LOD_BLOCK_SHIFT);
  sqlite3_bind_int64 (st, 5, (end_cell - 1) >> REMORA_LOD_BLOCK_SHIFT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 block = sqlite3_column_int64 (st, 0);

      if (!remora_lod_decode_block (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1),
                                    cells, runs))
        return remora_columns_decode_failed (store, error);
      for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
        {
          gint64 cell = (block << REMORA_LOD_BLOCK_SHIFT) + i;
          if (cell >= first_cell && cell < end_cell &&
              (cells[i].n_runs > 0 || cells[i].events > 0 || cells[i].lost > 0))
            func (cell, &cells[i], user_data);
        }
    }
  return remora_store_check (store, rc, error);
}

/* The error of a summary block that does not decode. */
gboolean
remora_columns_decode_failed (RemoraStore *store, GError **error)
{
  g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
               _ ("Failed to read the store “%s”: a summary block is damaged"),
               remora_store_get_path (store));
  return FALSE;
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
  sqlite3_stmt      *st; /* cached by the store */
  gint64             first_id = 0, last_id = -1, max_type = -1;
  int                rc, hint = -1;

  *failed = FALSE;
  if (!remora_store_in_snapshot (store))
    return NULL;
  key = g_strdup_printf ("remora-census:%d:%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, buffer_id,
                         width, edges[0], edges[width]);
  census = remora_store_get_snapshot_data (store, key);
  if (census != NULL)
    return memcmp (census->edges, edges, sizeof (gint64) * (width + 1)) == 0 ? census : NULL;

  st = remora_store_prepare_cached (store,
                                    "SELECT " REMORA_COLUMNS_FIRST_ID ", " REMORA_COLUMNS_LAST_ID
                                    ", (SELECT max(id) FROM event_types)",
                                    error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int64 (st, 2, edges[0]);
  sqlite3_bind_int64 (st, 3, edges[width]);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      /* the first id is 1 << 62 when nothing lies at or after the span */
      first_id = sqlite3_column_int64 (st, 0);
      last_id = sqlite3_column_type (st, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (st, 1);
      max_type = sqlite3_column_type (st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (st, 2);
      rc = sqlite3_step (st);
    }
  sqlite3_reset (st);
  if (!remora_store_check (store, rc, error))
    goto fail;
  if (last_id - first_id >= CENSUS_MAX_EVENTS || max_type > 1 << 20)
    return NULL;

  /* the buffer's event types */
  in_buffer = g_new0 (guint8, max_type + 2);
  st = remora_store_prepare_cached (store, "SELECT id FROM event_types WHERE buffer_id = ?", error);
  if (st == NULL)
    goto fail;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 type = sqlite3_column_int64 (st, 0);
      if (type >= 0 && type <= max_type)
        in_buffer[type] = 1;
    }
  sqlite3_reset (st);
  if (!remora_store_check (store, rc, error))
    goto fail;

  st = remora_store_prepare_cached (
      store, "SELECT ts, cpu, pid, type FROM event_rows WHERE id BETWEEN ?1 AND ?2", error);
  if (st == NULL)
    goto fail;
  census = g_new0 (Census, 1);
  census->width = width;
  census->edges = g_memdup2 (edges, sizeof (gint64) * (width + 1));
  census->by_cpu = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  census->by_pid = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  sqlite3_bind_int64 (st, 1, first_id);
  sqlite3_bind_int64 (st, 2, last_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 ts = sqlite3_column_int64 (st, 0);
      gint64 type = sqlite3_column_int64 (st, 3);
      int    c;

      if (ts < edges[0] || ts >= edges[width] || type < 0 || type > max_type || !in_buffer[type])
        continue;
      c = hint = remora_columns_find_from (edges, width, ts, hint);
      if (c < 0)
        continue;
      census_counts (census, census->by_cpu, sqlite3_column_int (st, 1))[c]++;
      census_counts (census, census->by_pid, sqlite3_column_int (st, 2))[c]++;
      if (g_hash_table_size (census->by_pid) > CENSUS_MAX_TASKS)
        break;
    }
  sqlite3_reset (st);
  if (!remora_store_check (store, rc, error))
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

/* Adds to @counts[c] the events of buffer @buffer_id in column c that a CPU
 * (@by_pid FALSE) or a task (@by_pid TRUE) numbered @id recorded: from the
 * frame's census when a snapshot is open, else the id range of the columns'
 * span from event_chunks, then that CPU's or task's rows by their index. */
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
#define EVENTS_IN_RANGE(who)                                                                       \
  "SELECT ts FROM event_rows WHERE " who " = ?1 AND id BETWEEN " REMORA_COLUMNS_FIRST_ID           \
  " AND " REMORA_COLUMNS_LAST_ID                                                                   \
  " AND ts >= ?2 AND ts < ?3 AND type IN (SELECT id FROM event_types WHERE buffer_id = ?4)"
  gboolean failed;
  Census  *census = census_get (store, buffer_id, edges, width, &failed, error);
  int      rc;

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
  {
    g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
        store, by_pid ? EVENTS_IN_RANGE ("pid") : EVENTS_IN_RANGE ("cpu"), error);
#undef EVENTS_IN_RANGE

    if (st == NULL)
      return FALSE;
    sqlite3_bind_int (st, 1, id);
    sqlite3_bind_int64 (st, 2, edges[0]);
    sqlite3_bind_int64 (st, 3, edges[width]);
    sqlite3_bind_int (st, 4, buffer_id);
    while ((rc = sqlite3_step (st)) == SQLITE_ROW)
      {
        int c = remora_columns_find (edges, width, sqlite3_column_int64 (st, 0));
        if (c >= 0)
          counts[c]++;
      }
    return remora_store_check (store, rc, error);
  }
}
