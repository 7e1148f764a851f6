/* remora-store-rows.c: the typed reads a timeline's rows ask of a store
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-rows.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zstd.h>

#include "remora-data-error.h"
#include "remora-store-private.h"

/* The largest lod_cpu block read once decompressed */
#define MAX_LOD_BLOCK_BYTES (64 * 1024 * 1024)

/* Each thread's zstd context for lod_cpu blocks: one made per block would
 * cost more than the block's decoding. */
static GPrivate lod_dctx = G_PRIVATE_INIT ((GDestroyNotify) ZSTD_freeDCtx);

/* SQL for the id range of the events in [?2, ?3), from event_chunks (ids
 * follow time): the first id is 1 << 62 when no event lies at or after ?2. */
#define FIRST_ID                                                                                   \
  "coalesce((SELECT first_id FROM event_chunks WHERE last_ts >= ?2 "                               \
  "ORDER BY last_ts LIMIT 1), 1 << 62)"
#define LAST_ID                                                                                    \
  "coalesce((SELECT last_id FROM event_chunks WHERE last_ts >= ?3 "                                \
  "ORDER BY last_ts LIMIT 1), (SELECT max(id) FROM event_rows))"

/* The chunks holding events of task ?1, or of CPU ?1 of buffer ?4, as `c`
 * (chunk_pids, chunk_cpus), and the rows of each in [FIRST_ID, LAST_ID] as
 * `n`: a join read chunk by chunk, each chunk's rows in id order. */
#define CHUNKS_OF_PID  "chunk_pids c"
#define CHUNKS_OF_CPU  "chunk_cpus c"
#define CHUNK_KEY_PID  "c.pid = ?1"
#define CHUNK_KEY_CPU  "c.buffer_id = ?4 AND c.cpu = ?1"
#define FIRST_CHUNK    REMORA_STORE_SQL_CHUNK_OF (FIRST_ID)
#define LAST_CHUNK     REMORA_STORE_SQL_CHUNK_OF (LAST_ID)
#define CHUNK_FIRST_ID REMORA_STORE_SQL_CHUNK_FIRST ("c.chunk")
#define CHUNK_LAST_ID  REMORA_STORE_SQL_CHUNK_LAST ("c.chunk")
#define CHUNKS_IN_RANGE                                                                            \
  " AND c.chunk BETWEEN " FIRST_CHUNK " AND " LAST_CHUNK " AND n.id BETWEEN " CHUNK_FIRST_ID       \
  " AND " CHUNK_LAST_ID " AND n.id BETWEEN " FIRST_ID " AND " LAST_ID

/* A summary block's number as stored: cells block << REMORA_LOD_BLOCK_SHIFT
 * onwards of its level, cells of timestamps below 2^62 (checked when the
 * store opens): neither a cell's number nor its time can overflow. */
static inline gboolean
block_ok (gint64 block, int level)
{
  return level >= 0 && level < REMORA_LOD_MAX_LEVELS && block >= 0 &&
         block <= ((gint64) 1 << 62) >> (REMORA_LOD_CELL_SHIFT (level) + REMORA_LOD_BLOCK_SHIFT);
}

static gboolean
decode_failed (RemoraStore *store, GError **error)
{
  g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
               _ ("Failed to read the store “%s”: a summary block is damaged"),
               remora_store_get_path (store));
  return FALSE;
}

/**
 * remora_store_read_cpu_slices:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @cpu: the CPU
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @slices: (element-type RemoraCpuSlice): where the slices are appended
 * @error: a location for a #GError
 *
 * The CPU's slices that overlap the range (idle ones too, pid 0), with their
 * own begin and end. Reads every one: for zoomed-in views, where they are few.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_cpu_slices (RemoraStore *store,
                              int          buffer_id,
                              int          cpu,
                              gint64       begin_ns,
                              gint64       end_ns,
                              GArray      *slices,
                              GError     **error)
{
  /* those starting inside, and the one running at the range's start (the
   * last that started at or before it) */
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (
      store,
      "SELECT pid, start_ts, end_ts FROM sched_slices WHERE buffer_id = ?1 AND cpu = ?2 "
      "AND start_ts < ?4 AND start_ts >= coalesce((SELECT max(start_ts) FROM sched_slices "
      "WHERE buffer_id = ?1 AND cpu = ?2 AND start_ts <= ?3), ?3) AND end_ts > ?3 ORDER BY "
      "start_ts",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, cpu);
  sqlite3_bind_int64 (st, 3, begin_ns);
  sqlite3_bind_int64 (st, 4, end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraCpuSlice s = { remora_store_column_ts (store, st, 1),
                           remora_store_column_ts (store, st, 2),
                           remora_store_column_int32 (store, st, 0) };
      g_array_append_val (slices, s);
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_lost_marks:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @cpu: the CPU
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @func: called with the time of each gap of lost events in the range
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_lost_marks (RemoraStore   *store,
                              int            buffer_id,
                              int            cpu,
                              gint64         begin_ns,
                              gint64         end_ns,
                              RemoraTimeFunc func,
                              gpointer       user_data,
                              GError       **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (store,
                                    "SELECT ts FROM lost_events WHERE buffer_id = ?1 AND cpu = ?2 "
                                    "AND ts >= ?3 AND ts < ?4",
                                    error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, cpu);
  sqlite3_bind_int64 (st, 3, begin_ns);
  sqlite3_bind_int64 (st, 4, end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    func (remora_store_column_ts (store, st, 0), user_data);
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_task_slices:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @pid: the task
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @slices: (element-type RemoraTaskSlice): where the slices are appended
 * @error: a location for a #GError
 *
 * The task's slices that start in the range, with the one running at (or
 * last before) its start and the first after its end: enough to know every
 * gap between them.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_task_slices (RemoraStore *store,
                               int          buffer_id,
                               int          pid,
                               gint64       begin_ns,
                               gint64       end_ns,
                               GArray      *slices,
                               GError     **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (
      store,
      "SELECT start_ts, end_ts, cpu, end_state FROM sched_slices WHERE buffer_id = ?1 AND pid = ?2 "
      "AND start_ts >= coalesce((SELECT max(start_ts) FROM sched_slices WHERE buffer_id = ?1 "
      "AND pid = ?2 AND start_ts <= ?3), -9223372036854775807) "
      "AND start_ts <= coalesce((SELECT min(start_ts) FROM sched_slices WHERE buffer_id = ?1 "
      "AND pid = ?2 AND start_ts >= ?4), ?4) ORDER BY start_ts",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, pid);
  sqlite3_bind_int64 (st, 3, begin_ns);
  sqlite3_bind_int64 (st, 4, end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraTaskSlice s = {
        remora_store_column_ts (store, st, 0), remora_store_column_ts (store, st, 1),
        remora_store_column_cpu (store, st, 2),
        remora_task_state_from_text ((const char *) sqlite3_column_text (st, 3))
      };
      g_array_append_val (slices, s);
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_wakeup_times:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @pid: the task
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @times: (element-type gint64): where the wakeups' times are appended
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_wakeup_times (RemoraStore *store,
                                int          buffer_id,
                                int          pid,
                                gint64       begin_ns,
                                gint64       end_ns,
                                GArray      *times,
                                GError     **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (
      store,
      "SELECT wakeup_ts FROM wakeups WHERE buffer_id = ?1 AND pid = ?2 "
      "AND wakeup_ts >= ?3 AND wakeup_ts < ?4 ORDER BY wakeup_ts",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, pid);
  sqlite3_bind_int64 (st, 3, begin_ns);
  sqlite3_bind_int64 (st, 4, end_ns);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 ts = remora_store_column_ts (store, st, 0);
      g_array_append_val (times, ts);
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_cpus:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @cpus: (element-type int): where the buffer's CPUs are appended
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_cpus (RemoraStore *store, int buffer_id, GArray *cpus, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (store, "SELECT cpu FROM cpus WHERE buffer_id = ?", error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int cpu = remora_store_column_cpu (store, st, 0);
      g_array_append_val (cpus, cpu);
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_cpu_extent:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @cpu: the CPU
 * @first_ns: (out): its first record's time, or -1 when it has none
 * @last_ns: (out): its last record's time, or -1
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_cpu_extent (
    RemoraStore *store, int buffer_id, int cpu, gint64 *first_ns, gint64 *last_ns, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, "SELECT first_ts, last_ts FROM cpus WHERE buffer_id = ?1 AND cpu = ?2", error);
  int rc;

  *first_ns = *last_ns = -1;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, cpu);
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      *first_ns = remora_store_column_ts_or (store, st, 0, -1);
      *last_ns = remora_store_column_ts_or (store, st, 1, -1);
      rc = SQLITE_DONE;
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_sum_task_runs:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @func: called with each task (idle aside) and how long it ran in the range
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Sums every slice of the range, exactly: for short ranges.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_sum_task_runs (RemoraStore *store,
                            int          buffer_id,
                            gint64       begin_ns,
                            gint64       end_ns,
                            void (*func) (gint32 pid, gint64 run_ns, gpointer user_data),
                            gpointer user_data,
                            GError **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  st = remora_store_prepare_cached (
      store,
      "SELECT pid, sum(min(end_ts, ?2) - max(start_ts, ?1)) FROM sched_slices "
      "WHERE buffer_id = ?3 AND pid != 0 AND start_ts < ?2 AND end_ts > ?1 GROUP BY pid",
      error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, begin_ns);
  sqlite3_bind_int64 (st, 2, end_ns);
  sqlite3_bind_int (st, 3, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    func (remora_store_column_int32 (store, st, 0), remora_store_column_ts (store, st, 1),
          user_data);
  return remora_store_check (store, rc, error);
}

/* Summaries ---------------------------------------------------------------- */

/**
 * remora_store_read_cpu_cells:
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
remora_store_read_cpu_cells (RemoraStore      *store,
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
  g_autoptr (GByteArray) raw = g_byte_array_new ();
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
      gint64             block = sqlite3_column_int64 (st, 0);
      const void        *z = sqlite3_column_blob (st, 1);
      gsize              zlen = sqlite3_column_bytes (st, 1);
      unsigned long long size = ZSTD_getFrameContentSize (z, zlen);
      gsize              got;

      /* a zstd frame (see SCHEMA.md); a block of 64 cells has no more runs
       * than 64 × the tasks a CPU can switch to */
      if (!block_ok (block, level) || size == ZSTD_CONTENTSIZE_ERROR ||
          size == ZSTD_CONTENTSIZE_UNKNOWN || size > MAX_LOD_BLOCK_BYTES)
        return decode_failed (store, error);
      g_byte_array_set_size (raw, MAX (size, 1));
      if (g_private_get (&lod_dctx) == NULL)
        g_private_set (&lod_dctx, ZSTD_createDCtx ());
      got = ZSTD_decompressDCtx (g_private_get (&lod_dctx), raw->data, size, z, zlen);
      if (ZSTD_isError (got) || got != size ||
          !remora_lod_decode_block (raw->data, size, cells, runs))
        return decode_failed (store, error);
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

/**
 * remora_store_read_task_state_before:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @pid: the task
 * @level: the summary level
 * @cell: a cell of the level
 * @state: (out): the state the task was in at the end of its last stored
 *   cell before @cell (unknown when there is none)
 * @cpu: (out): the CPU it was on then, or -1
 * @error: a location for a #GError
 *
 * What a task row carries into a range that starts at @cell: the cells in
 * between are not stored (nothing changed in them).
 *
 * Returns: %FALSE with @error set if the store fails or a block is damaged.
 */
gboolean
remora_store_read_task_state_before (RemoraStore     *store,
                                     int              buffer_id,
                                     int              pid,
                                     int              level,
                                     gint64           cell,
                                     RemoraTaskState *state,
                                     int             *cpu,
                                     GError         **error)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (RemoraLodRun));
  g_autoptr (RemoraCachedStmt) st = NULL;
  RemoraLodTaskCell cells[REMORA_LOD_BLOCK_CELLS];
  int               rc, n;

  *state = REMORA_TASK_STATE_UNKNOWN;
  *cpu = -1;
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
  sqlite3_bind_int64 (st, 4, cell >> REMORA_LOD_BLOCK_SHIFT);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64   block = sqlite3_column_int64 (st, 0);
      gboolean found = FALSE;

      if (!block_ok (block, level) ||
          !remora_lod_decode_task_block (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1),
                                         cells, &n, runs))
        return decode_failed (store, error);
      for (int i = n - 1; i >= 0 && !found; i--)
        if ((block << REMORA_LOD_BLOCK_SHIFT) + cells[i].offset < cell)
          {
            *state = cells[i].end_state;
            *cpu = cells[i].end_cpu;
            found = TRUE;
          }
      if (found)
        break;
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_task_cells:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @pid: the task
 * @level: the summary level
 * @first_cell: the first cell of the level to read
 * @end_cell: the cell after the last
 * @func: called with each stored cell in [@first_cell, @end_cell), in time
 *   order
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Reads and decodes the task's lod_task blocks over the cells.
 *
 * Returns: %FALSE with @error set if the store fails or a block is damaged.
 */
gboolean
remora_store_read_task_cells (RemoraStore       *store,
                              int                buffer_id,
                              int                pid,
                              int                level,
                              gint64             first_cell,
                              gint64             end_cell,
                              RemoraTaskCellFunc func,
                              gpointer           user_data,
                              GError           **error)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (RemoraLodRun));
  g_autoptr (RemoraCachedStmt) st = NULL;
  RemoraLodTaskCell cells[REMORA_LOD_BLOCK_CELLS];
  int               rc, n;

  if (end_cell <= first_cell)
    return TRUE;
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

      if (!block_ok (block, level) ||
          !remora_lod_decode_task_block (sqlite3_column_blob (st, 1), sqlite3_column_bytes (st, 1),
                                         cells, &n, runs))
        return decode_failed (store, error);
      for (int i = 0; i < n; i++)
        {
          gint64 cell = (block << REMORA_LOD_BLOCK_SHIFT) + cells[i].offset;
          if (cell >= first_cell && cell < end_cell)
            func (cell, &cells[i], user_data);
        }
    }
  return remora_store_check (store, rc, error);
}

/* Events ------------------------------------------------------------------- */

/**
 * remora_store_read_event_span:
 * @store: a #RemoraStore
 * @begin_ns: the span's start
 * @end_ns: its end (exclusive)
 * @span: (out caller-allocates): the ids that may hold its events
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_event_span (
    RemoraStore *store, gint64 begin_ns, gint64 end_ns, RemoraEventSpan *span, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, "SELECT " FIRST_ID ", " LAST_ID ", (SELECT max(id) FROM event_types)", error);
  int rc;

  span->first_id = 0;
  span->last_id = -1;
  span->max_type = -1;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 2, begin_ns);
  sqlite3_bind_int64 (st, 3, end_ns);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      /* FIRST_ID is 1 << 62 past the last event */
      span->first_id = remora_store_column_in (store, st, 0, 0, (gint64) 1 << 62);
      span->last_id =
          sqlite3_column_type (st, 1) == SQLITE_NULL ? -1 : remora_store_column_id (store, st, 1);
      span->max_type = sqlite3_column_type (st, 2) == SQLITE_NULL
                           ? -1
                           : remora_store_column_in (store, st, 2, 0, G_MAXINT32);
      rc = sqlite3_step (st);
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_buffer_types:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @in_buffer: (array): @max_type + 1 flags, set to 1 for each event type of
 *   the buffer
 * @max_type: the largest type id (remora_store_read_event_span())
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_buffer_types (
    RemoraStore *store, int buffer_id, guint8 *in_buffer, gint64 max_type, GError **error)
{
  g_autoptr (RemoraCachedStmt) st =
      remora_store_prepare_cached (store, "SELECT id FROM event_types WHERE buffer_id = ?", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64 type = sqlite3_column_int64 (st, 0);
      if (type >= 0 && type <= max_type)
        in_buffer[type] = 1;
    }
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_scan_events:
 * @store: a #RemoraStore
 * @first_id: the first event id
 * @last_id: the last
 * @func: called with each event's time, CPU, pid and type, in id order,
 *   until it returns %FALSE
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_scan_events (RemoraStore       *store,
                          gint64             first_id,
                          gint64             last_id,
                          RemoraEventRowFunc func,
                          gpointer           user_data,
                          GError           **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, "SELECT ts, cpu, pid, type FROM event_rows WHERE id BETWEEN ?1 AND ?2", error);
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, first_id);
  sqlite3_bind_int64 (st, 2, last_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (!func (remora_store_column_ts (store, st, 0), remora_store_column_cpu (store, st, 1),
               remora_store_column_int32 (store, st, 2),
               remora_store_column_in (store, st, 3, 0, G_MAXINT32), user_data))
      return remora_store_check (store, SQLITE_OK, error);
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_event_times:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @by_pid: %TRUE for the events task @id emitted, %FALSE for those CPU @id
 *   recorded
 * @id: the task or CPU
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @func: called with each event's time
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Reads the events through the index on the CPU or task, within the ids of
 * the range.
 *
 * Returns: %FALSE with @error set on failure.
 */
/* remora_store_read_event_times() through remora_store_read_event_stamps() */
typedef struct
{
  RemoraTimeFunc func;
  gpointer       user_data;
} TimeOfStamp;

static void
time_of_stamp (gint64 id, gint64 ts, gpointer user_data)
{
  TimeOfStamp *t = user_data;

  t->func (ts, t->user_data);
}

gboolean
remora_store_read_event_times (RemoraStore   *store,
                               int            buffer_id,
                               gboolean       by_pid,
                               int            id,
                               gint64         begin_ns,
                               gint64         end_ns,
                               RemoraTimeFunc func,
                               gpointer       user_data,
                               GError       **error)
{
  TimeOfStamp t = { func, user_data };

  return remora_store_read_event_stamps (store, buffer_id, by_pid, id, begin_ns, end_ns,
                                         time_of_stamp, &t, error);
}

/**
 * remora_store_read_event_stamps:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @by_pid: %TRUE for the events task @id emitted, %FALSE for those CPU @id
 *   recorded
 * @id: the task or CPU
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @func: called with each event's id and time
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Reads the events through the index on the CPU or task, within the ids of
 * the range.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_event_stamps (RemoraStore    *store,
                                int             buffer_id,
                                gboolean        by_pid,
                                int             id,
                                gint64          begin_ns,
                                gint64          end_ns,
                                RemoraStampFunc func,
                                gpointer        user_data,
                                GError        **error)
{
#define EVENTS_IN_RANGE(chunks, who)                                                               \
  "SELECT n.id, n.ts FROM " CHUNKS_OF_##chunks                                                     \
      " CROSS JOIN event_rows n WHERE " CHUNK_KEY_##chunks CHUNKS_IN_RANGE                         \
      " AND n." who " = ?1 AND n.ts >= ?2 AND n.ts < ?3"                                           \
      " AND n.type IN (SELECT id FROM event_types WHERE buffer_id = ?4) ORDER BY c.chunk, n.id"
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, by_pid ? EVENTS_IN_RANGE (PID, "pid") : EVENTS_IN_RANGE (CPU, "cpu"), error);
#undef EVENTS_IN_RANGE
  int rc;

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, id);
  sqlite3_bind_int64 (st, 2, begin_ns);
  sqlite3_bind_int64 (st, 3, end_ns);
  sqlite3_bind_int (st, 4, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    func (remora_store_column_id (store, st, 0), remora_store_column_ts (store, st, 1), user_data);
  return remora_store_check (store, rc, error);
}

/**
 * remora_store_read_row_events:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @by_pid: %TRUE for a task row's events (recorded while task @id ran),
 *   %FALSE for a CPU row's (recorded on CPU @id)
 * @id: the CPU or the task
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @max: how many events at most
 * @more: (out) (optional): set to whether the range holds more than @max
 * @error: a location for a #GError
 *
 * The row's events in the range, in time order, with their times and names.
 *
 * Returns: (transfer full) (element-type RemoraRowEvent): the events, or
 *   %NULL with @error set.
 */
GArray *
remora_store_read_row_events (RemoraStore *store,
                              int          buffer_id,
                              gboolean     by_pid,
                              int          id,
                              gint64       begin_ns,
                              gint64       end_ns,
                              guint        max,
                              gboolean    *more,
                              GError     **error)
{
#define ROW_EVENTS(chunks, who)                                                                    \
  "SELECT n.id, n.ts, n.cpu, n.pid, t.name FROM " CHUNKS_OF_##chunks                               \
      " CROSS JOIN event_rows n "                                                                  \
      "JOIN event_types t ON t.id = n.type WHERE " CHUNK_KEY_##chunks CHUNKS_IN_RANGE              \
      " AND n." who " = ?1"                                                                        \
      " AND n.ts >= ?2 AND n.ts < ?3 AND t.buffer_id = ?4 ORDER BY c.chunk, n.id LIMIT ?5"
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (RemoraRowEvent));
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, by_pid ? ROW_EVENTS (PID, "pid") : ROW_EVENTS (CPU, "cpu"), error);
#undef ROW_EVENTS
  int rc;

  if (more)
    *more = FALSE;
  if (st == NULL)
    return NULL;
  sqlite3_bind_int (st, 1, id);
  sqlite3_bind_int64 (st, 2, begin_ns);
  sqlite3_bind_int64 (st, 3, end_ns);
  sqlite3_bind_int (st, 4, buffer_id);
  sqlite3_bind_int64 (st, 5, (gint64) max + 1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraRowEvent e = { remora_store_column_id (store, st, 0),
                           remora_store_column_ts (store, st, 1),
                           remora_store_column_cpu (store, st, 2),
                           remora_store_column_int32 (store, st, 3),
                           g_intern_string ((const char *) sqlite3_column_text (st, 4)) };
      if (out->len == max)
        {
          if (more)
            *more = TRUE;
          continue;
        }
      g_array_append_val (out, e);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* Links -------------------------------------------------------------------- */

/* How far before a range a link may start: the longest one of the kind in
 * the trace (an index's last entry) plus one, at most @cap. */
static gboolean
lookback (RemoraStore *store, const char *sql, gint64 cap, gint64 *out, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (store, sql, error);
  int rc;

  *out = 0;
  if (st == NULL)
    return FALSE;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *out = MIN (remora_store_column_ts_or (store, st, 0, 0) + 1, cap);
  return remora_store_check (store, rc, error);
}

/* Runs @sql (bound to the range, @max + 1, the buffer and how far
 * before the range a link may start) and appends its rows' int64 columns
 * to @values, each checked as @kinds says ('t' a time, 'c' a CPU, 'p' a
 * pid, 'i' an event id), or sets
 * *@too_many when there are more than @max.
 * @count_sql counts the links that start in the range from an index alone,
 * so that a range with thousands of them costs a count, not a fetch. */
static gboolean
read_links (RemoraStore *store,
            int          buffer_id,
            const char  *count_sql,
            const char  *sql,
            const char  *lookback_sql,
            gint64       lookback_cap,
            const char  *kinds,
            gint64       begin_ns,
            gint64       end_ns,
            guint        max,
            GArray      *values,
            gboolean    *too_many,
            GError     **error)
{
  sqlite3_stmt *st;
  gint64        back;
  int           rc;
  guint         n = 0;

  *too_many = FALSE;
  if (!lookback (store, lookback_sql, lookback_cap, &back, error))
    return FALSE;
  st = remora_store_prepare_cached (store, count_sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, begin_ns);
  sqlite3_bind_int64 (st, 2, end_ns);
  sqlite3_bind_int64 (st, 3, (gint64) max + 1);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (st);
      return remora_store_check (store, rc, error);
    }
  *too_many = remora_store_column_id (store, st, 0) > max;
  sqlite3_reset (st);
  if (*too_many)
    return TRUE;

  st = remora_store_prepare_cached (store, sql, error);
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, begin_ns);
  sqlite3_bind_int64 (st, 2, end_ns);
  sqlite3_bind_int64 (st, 3, (gint64) max + 1);
  sqlite3_bind_int (st, 4, buffer_id);
  sqlite3_bind_int64 (st, 5, begin_ns - back);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      n++;
      for (int k = 0; kinds[k]; k++)
        {
          gint64 v = kinds[k] == 'c'   ? remora_store_column_cpu (store, st, k)
                     : kinds[k] == 'p' ? remora_store_column_int32 (store, st, k)
                     : kinds[k] == 'i' ? remora_store_column_id (store, st, k)
                                       : remora_store_column_ts (store, st, k);
          g_array_append_val (values, v);
        }
    }
  sqlite3_reset (st);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  *too_many = n > max;
  return TRUE;
}

/**
 * remora_store_read_wakeup_links:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @max: how many links at most
 * @links: (element-type RemoraWakeupLink): where the wakeups that cross the
 *   range (woken before its end, switched in after its start; at most 1 s
 *   before it) are appended, in wakeup order
 * @too_many: (out): set when the range holds more than @max (then @links is
 *   left as it was)
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_wakeup_links (RemoraStore *store,
                                int          buffer_id,
                                gint64       begin_ns,
                                gint64       end_ns,
                                guint        max,
                                GArray      *links,
                                gboolean    *too_many,
                                GError     **error)
{
  g_autoptr (GArray) v = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!read_links (store, buffer_id,
                   "SELECT count(*) FROM (SELECT 1 FROM wakeups "
                   "WHERE wakeup_ts >= ?1 AND wakeup_ts < ?2 LIMIT ?3)",
                   "SELECT wakeup_ts, wakeup_cpu, switch_ts, switch_cpu, pid, wakeup_event_id, "
                   "switch_event_id FROM wakeups "
                   "WHERE buffer_id = ?4 AND switch_ts IS NOT NULL AND switch_event_id IS NOT NULL "
                   "AND wakeup_ts < ?2 "
                   "AND switch_ts > ?1 AND wakeup_ts > ?5 "
                   "ORDER BY wakeup_ts LIMIT ?3",
                   "SELECT max(latency_ns) FROM wakeups", G_GINT64_CONSTANT (1000000000), "tctcpii",
                   begin_ns, end_ns, max, v, too_many, error))
    return FALSE;
  for (guint i = 0; !*too_many && i + 6 < v->len; i += 7)
    {
      gint64          *l = &g_array_index (v, gint64, i);
      RemoraWakeupLink link = {
        l[0], (gint32) l[1], l[2], (gint32) l[3], (gint32) l[4], l[5], l[6]
      };
      g_array_append_val (links, link);
    }
  return TRUE;
}

/**
 * remora_store_read_block_links:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @begin_ns: the range's start
 * @end_ns: its end (exclusive)
 * @max: how many at most
 * @links: (element-type RemoraBlockLink): where the block requests that
 *   cross the range (issued before its end, completed after its start; at
 *   most 10 s before it) are appended, in issue order
 * @too_many: (out): set when the range holds more than @max
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_block_links (RemoraStore *store,
                               int          buffer_id,
                               gint64       begin_ns,
                               gint64       end_ns,
                               guint        max,
                               GArray      *links,
                               gboolean    *too_many,
                               GError     **error)
{
  g_autoptr (GArray) v = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!read_links (
          store, buffer_id,
          "SELECT count(*) FROM (SELECT 1 FROM block_requests "
          "WHERE issue_ts >= ?1 AND issue_ts < ?2 LIMIT ?3)",
          "SELECT issue_ts, complete_ts, issue_cpu, issue_pid, issue_event_id, "
          "complete_event_id, complete_cpu FROM block_requests "
          "WHERE buffer_id = ?4 AND complete_ts IS NOT NULL "
          "AND complete_event_id IS NOT NULL AND complete_cpu IS NOT NULL AND issue_ts < ?2 "
          "AND complete_ts > ?1 AND issue_ts > ?5 "
          "ORDER BY issue_ts LIMIT ?3",
          "SELECT max(latency_ns) FROM block_requests", G_GINT64_CONSTANT (10000000000), "ttcpiic",
          begin_ns, end_ns, max, v, too_many, error))
    return FALSE;
  for (guint i = 0; !*too_many && i + 6 < v->len; i += 7)
    {
      gint64         *b = &g_array_index (v, gint64, i);
      RemoraBlockLink link = {
        b[0], b[1], (gint32) b[2], (gint32) b[3], b[4], b[5], (gint32) b[6]
      };
      g_array_append_val (links, link);
    }
  return TRUE;
}

/* One slice, one wakeup ------------------------------------------------------- */

/**
 * remora_store_read_slice_at:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @by_pid: %TRUE to find task @id's slice, %FALSE CPU @id's
 * @id: the task or the CPU
 * @ts: a time
 * @slice: (out caller-allocates): the slice running at @ts, cleared with
 *   remora_slice_info_clear()
 * @found: (out): whether one was
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_slice_at (RemoraStore     *store,
                            int              buffer_id,
                            gboolean         by_pid,
                            int              id,
                            gint64           ts,
                            RemoraSliceInfo *slice,
                            gboolean        *found,
                            GError         **error)
{
#define SLICE_AT(who)                                                                              \
  "SELECT cpu, pid, start_ts, end_ts, end_state FROM sched_slices WHERE buffer_id = ?1 AND " who   \
  " = ?2 AND start_ts <= ?3 AND end_ts > ?3 ORDER BY start_ts DESC LIMIT 1"
  g_autoptr (RemoraCachedStmt) st =
      remora_store_prepare_cached (store, by_pid ? SLICE_AT ("pid") : SLICE_AT ("cpu"), error);
#undef SLICE_AT
  int rc;

  memset (slice, 0, sizeof *slice);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, id);
  sqlite3_bind_int64 (st, 3, ts);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      const char *state = (const char *) sqlite3_column_text (st, 4);
      *slice = (RemoraSliceInfo){ remora_store_column_cpu (store, st, 0),
                                  remora_store_column_int32 (store, st, 1),
                                  remora_store_column_ts (store, st, 2),
                                  remora_store_column_ts (store, st, 3), g_strdup (state) };
      *found = TRUE;
      return remora_store_check (store, rc, error);
    }
  return remora_store_check (store, rc, error);
}

void
remora_slice_info_clear (RemoraSliceInfo *slice)
{
  g_clear_pointer (&slice->end_state, g_free);
}

/**
 * remora_store_read_wakeup_for_switch:
 * @store: a #RemoraStore
 * @buffer_id: the buffer
 * @pid: a task
 * @switch_ts: when it was switched in
 * @wakeup: (out caller-allocates): the wakeup paired with that switch
 * @found: (out): whether one was (a task preempted and run again was not
 *   woken)
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_wakeup_for_switch (RemoraStore      *store,
                                     int               buffer_id,
                                     int               pid,
                                     gint64            switch_ts,
                                     RemoraWakeupInfo *wakeup,
                                     gboolean         *found,
                                     GError          **error)
{
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      "SELECT wakeup_ts, wakeup_cpu, waker_pid, latency_ns FROM wakeups WHERE buffer_id = ?1 "
      "AND pid = ?2 AND switch_ts = ?3 AND wakeup_ts <= ?3 AND wakeup_ts >= ?3 - 10000000000 "
      "ORDER BY wakeup_ts DESC LIMIT 1",
      error);
  int rc;

  memset (wakeup, 0, sizeof *wakeup);
  *found = FALSE;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  sqlite3_bind_int (st, 2, pid);
  sqlite3_bind_int64 (st, 3, switch_ts);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      *wakeup = (RemoraWakeupInfo){ remora_store_column_ts (store, st, 0),
                                    remora_store_column_cpu (store, st, 1),
                                    remora_store_column_int32 (store, st, 2),
                                    remora_store_column_ts_or (store, st, 3, 0) };
      *found = TRUE;
      return remora_store_check (store, rc, error);
    }
  return remora_store_check (store, rc, error);
}

/* Tasks -------------------------------------------------------------------- */

static void
clear_task_summary (gpointer p)
{
  g_free (((RemoraTaskSummary *) p)->comm);
}

/**
 * remora_store_read_task_summaries:
 * @store: a #RemoraStore
 * @buffer_id: the buffer whose run time counts
 * @error: a location for a #GError
 *
 * Every task the store names (idle aside), the longest running first (ties:
 * the lower pid): what a list to pick task rows from shows.
 *
 * Returns: (transfer full) (element-type RemoraTaskSummary): the tasks, or
 *   %NULL with @error set.
 */
GArray *
remora_store_read_task_summaries (RemoraStore *store, int buffer_id, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraTaskSummary));
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      "SELECT t.pid, t.comm, coalesce (r.ns, 0) FROM tasks t LEFT JOIN (SELECT pid, "
      "sum(end_ts - start_ts) AS ns FROM sched_slices WHERE buffer_id = ?1 GROUP BY pid) r "
      "ON r.pid = t.pid WHERE t.pid != 0 ORDER BY 3 DESC, t.pid",
      error);
  int rc;

  g_array_set_clear_func (out, clear_task_summary);
  if (st == NULL)
    return NULL;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char       *comm = (const char *) sqlite3_column_text (st, 1);
      RemoraTaskSummary t = { remora_store_column_int32 (store, st, 0),
                              g_strdup (comm ? comm : "<...>"),
                              remora_store_column_ts (store, st, 2) };
      g_array_append_val (out, t);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * remora_store_read_task_names:
 * @store: a #RemoraStore
 * @pids: (array length=n_pids): tasks
 * @n_pids: how many
 * @names: a table from GINT_TO_POINTER (pid) to a name (freed with g_free):
 *   each task the store names is added
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_task_names (
    RemoraStore *store, const int *pids, guint n_pids, GHashTable *names, GError **error)
{
  for (guint i = 0; i < n_pids; i++)
    {
      g_autoptr (RemoraCachedStmt) st =
          remora_store_prepare_cached (store, "SELECT comm FROM tasks WHERE pid = ?", error);
      int rc;

      if (st == NULL)
        return FALSE;
      sqlite3_bind_int (st, 1, pids[i]);
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
        g_hash_table_insert (names, GINT_TO_POINTER (pids[i]),
                             g_strdup ((const char *) sqlite3_column_text (st, 0)));
      else if (rc != SQLITE_DONE && !remora_store_check (store, rc, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * remora_store_find_tasks:
 * @store: a #RemoraStore
 * @pid_or_name: a pid, or a task name
 * @pids: (element-type int): where the tasks found are appended: the pid if
 *   it ran or emitted events, else every pid of that name, in pid order
 *   (idle, pid 0, aside)
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure (finding none is no failure).
 */
gboolean
remora_store_find_tasks (RemoraStore *store, const char *pid_or_name, GArray *pids, GError **error)
{
  char    *end = NULL;
  gint64   pid = g_ascii_strtoll (pid_or_name, &end, 10);
  gboolean by_pid = end != pid_or_name && *end == 0;
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store,
      by_pid ? "SELECT pid FROM tasks WHERE pid = ? AND pid != 0 AND "
               "(pid IN (SELECT pid FROM sched_slices) OR pid IN (SELECT pid FROM chunk_pids))"
             : "SELECT pid FROM tasks WHERE comm = ? AND pid != 0 ORDER BY pid",
      error);
  int rc;

  if (st == NULL)
    return FALSE;
  if (by_pid)
    sqlite3_bind_int64 (st, 1, pid);
  else
    sqlite3_bind_text (st, 1, pid_or_name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      int p = remora_store_column_int32 (store, st, 0);
      g_array_append_val (pids, p);
    }
  return remora_store_check (store, rc, error);
}
