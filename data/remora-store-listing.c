/* remora-store-listing.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-listing.h"

#include "remora-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/**
 * remora_store_list_events:
 * @store: a #RemoraStore
 * @first_id: the first event's id
 * @name: (nullable): only events of this name
 * @limit: how many at most, or -1 for all
 * @func: called with each event in id order; returns %FALSE with its
 *   error set to stop
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when the store or @func fails.
 */
gboolean
remora_store_list_events (RemoraStore          *store,
                          gint64                first_id,
                          const char           *name,
                          gint64                limit,
                          RemoraListedEventFunc func,
                          gpointer              user_data,
                          GError              **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (remora_store_get_db (store),
                           "SELECT e.id, e.ts, e.cpu, e.pid, e.name, e.buffer, t.comm "
                           "FROM events e LEFT JOIN tasks t ON t.pid = e.pid "
                           "WHERE e.id >= ?1 AND (?2 IS NULL OR e.name = ?2) ORDER BY e.id "
                           "LIMIT ?3",
                           -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, first_id);
  if (name)
    sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char       *buffer = (const char *) sqlite3_column_text (st, 5);
      RemoraListedEvent e = { sqlite3_column_int64 (st, 0),
                              sqlite3_column_int64 (st, 1),
                              sqlite3_column_int (st, 2),
                              sqlite3_column_int (st, 3),
                              (const char *) sqlite3_column_text (st, 4),
                              buffer ? buffer : "",
                              (const char *) sqlite3_column_text (st, 6) };
      if (!func (&e, user_data, error))
        return FALSE;
    }
  return remora_store_check (store, rc, error);
}
