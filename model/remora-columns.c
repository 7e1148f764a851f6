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

/* The error of a summary block that does not decode. */
gboolean
remora_columns_decode_failed (RemoraStore *store, GError **error)
{
  g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
               _ ("Failed to read the store “%s”: a summary block is damaged"),
               remora_store_get_path (store));
  return FALSE;
}

/* Adds to @counts[c] the events of buffer @buffer_id in column c that a CPU
 * (@by_pid FALSE) or a task (@by_pid TRUE) numbered @id recorded: the id range
 * of the columns' span from event_chunks, then that CPU's or task's rows by
 * their index. */
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
  "SELECT ts FROM event_rows WHERE " who " = ?1 "                                                  \
  "AND id >= coalesce((SELECT first_id FROM event_chunks WHERE last_ts >= ?2 "                     \
  "ORDER BY last_ts LIMIT 1), 1 << 62) "                                                           \
  "AND id <= coalesce((SELECT last_id FROM event_chunks WHERE last_ts >= ?3 "                      \
  "ORDER BY last_ts LIMIT 1), (SELECT max(id) FROM event_rows)) "                                  \
  "AND ts >= ?2 AND ts < ?3 AND type IN (SELECT id FROM event_types WHERE buffer_id = ?4)"
  g_autoptr (RemoraCachedStmt) st = remora_store_prepare_cached (
      store, by_pid ? EVENTS_IN_RANGE ("pid") : EVENTS_IN_RANGE ("cpu"), error);
#undef EVENTS_IN_RANGE
  int rc;

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
