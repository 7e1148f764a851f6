/* remora-sqlite-private.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean
remora_sqlite_check (sqlite3 *db, int rc, const char *action, const char *path, GError **error);
gboolean remora_sqlite_exec (
    sqlite3 *db, const char *sql, const char *action, const char *path, GError **error);
gboolean remora_sqlite_prepare (sqlite3       *db,
                                const char    *sql,
                                gboolean       persistent,
                                sqlite3_stmt **stmt,
                                const char    *path,
                                GError       **error);
void     remora_sqlite_watch_cancellable (sqlite3 *db, GCancellable *cancellable);
void     remora_sqlite_bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text);
void
remora_sqlite_bind_int64_or_null (sqlite3_stmt *stmt, int index, gboolean is_null, gint64 value);

G_END_DECLS
