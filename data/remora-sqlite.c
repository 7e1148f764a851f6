/* remora-sqlite.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remora-data-error.h"
#include "remora-sqlite-private.h"

/**
 * remora_sqlite_check:
 * @db: the connection
 * @rc: a SQLite result code
 * @action: a phrase for the message, such as "write the store"
 * @path: the store's path
 * @error: a location for a #GError
 *
 * Turns a SQLite result code into a #GError: SQLITE_INTERRUPT becomes
 * %G_IO_ERROR_CANCELLED, SQLITE_FULL %REMORA_DATA_ERROR_NO_SPACE, a damaged
 * database %REMORA_DATA_ERROR_STORE_CORRUPT, anything else
 * %REMORA_DATA_ERROR_STORE.
 *
 * Returns: %TRUE if @rc is a success code.
 */
gboolean
remora_sqlite_check (sqlite3 *db, int rc, const char *action, const char *path, GError **error)
{
  g_autofree char *why = NULL;

  /* SQLite's message can quote a damaged store's bytes */
  if ((rc & 0xff) != SQLITE_OK && (rc & 0xff) != SQLITE_ROW && (rc & 0xff) != SQLITE_DONE)
    why = g_utf8_make_valid (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc), -1);
  switch (rc & 0xff)
    {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return TRUE;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled"));
      return FALSE;
    case SQLITE_FULL:
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NO_SPACE,
                   _ ("Failed to %s “%s”: the disk is full"), action, path);
      return FALSE;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE_CORRUPT,
                   _ ("Failed to %s “%s”: the store is damaged (%s)"), action, path, why);
      return FALSE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_PERMISSION,
                   _ ("Failed to %s “%s”: %s"), action, path, why);
      return FALSE;
    default:
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE, _ ("Failed to %s “%s”: %s"),
                   action, path, why);
      return FALSE;
    }
}

gboolean
remora_sqlite_exec (
    sqlite3 *db, const char *sql, const char *action, const char *path, GError **error)
{
  return remora_sqlite_check (db, sqlite3_exec (db, sql, NULL, NULL, NULL), action, path, error);
}

gboolean
remora_sqlite_prepare (sqlite3       *db,
                       const char    *sql,
                       gboolean       persistent,
                       sqlite3_stmt **stmt,
                       const char    *path,
                       GError       **error)
{
  int rc = sqlite3_prepare_v3 (db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, stmt, NULL);
  return remora_sqlite_check (db, rc, _ ("prepare a query on"), path, error);
}

static int
progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/**
 * remora_sqlite_watch_cancellable:
 * @db: the connection
 * @cancellable: (nullable): interrupts long statements on @db when cancelled
 *
 * Long statements (index builds, big queries) check @cancellable every few
 * thousand virtual-machine steps and end with SQLITE_INTERRUPT. The
 * cancellable must outlive its use on @db; pass %NULL to stop watching.
 */
void
remora_sqlite_watch_cancellable (sqlite3 *db, GCancellable *cancellable)
{
  if (cancellable != NULL)
    sqlite3_progress_handler (db, 10000, progress_cb, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

void
remora_sqlite_bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
remora_sqlite_bind_int64_or_null (sqlite3_stmt *stmt, int index, gboolean is_null, gint64 value)
{
  if (is_null)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}
