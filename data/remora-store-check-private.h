/* remora-store-check-private.h: the checks a store passes before it is read
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean remora_store_damaged (GError **error, const char *path, const char *what);
gboolean remora_store_check_file_size (const char *path, GError **error);
gboolean remora_store_check_schema (sqlite3 *db, const char *path, GError **error);
gboolean remora_store_check_btrees (
    sqlite3 *db, const char *path, gint64 events, gint64 buffers, GError **error);

G_END_DECLS
