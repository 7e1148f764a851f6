/* remora-columns.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-columns-private.h"

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
