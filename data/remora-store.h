/* remora-store.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA user_version of a complete store written by this importer. */
#define REMORA_STORE_SCHEMA_VERSION 3

#define REMORA_TYPE_STORE (remora_store_get_type ())

G_DECLARE_FINAL_TYPE (RemoraStore, remora_store, REMORA, STORE, GObject)

/**
 * RemoraTraceFingerprint:
 * @size: the file's size in bytes
 * @mtime_us: its modification time, µs since the epoch
 * @hash: SHA-256 (hex) of its size, first 64 KiB and last 64 KiB
 *
 * What identifies a trace.dat for reusing its store.
 */
typedef struct
{
  gint64 size;
  gint64 mtime_us;
  char  *hash;
} RemoraTraceFingerprint;

gboolean
remora_trace_fingerprint_read (RemoraTraceFingerprint *fp, const char *trace_path, GError **error);
void remora_trace_fingerprint_clear (RemoraTraceFingerprint *fp);

char    *remora_store_path_beside (const char *trace_path);
char    *remora_store_path_in_cache (const char *trace_path);
char    *remora_store_choose_path (const char *trace_path, gboolean *in_cache);
gboolean remora_store_is_store_file (const char *path);

RemoraStore  *remora_store_open (const char *path, GError **error);
const char   *remora_store_get_path (RemoraStore *self);
RemoraStore  *remora_store_get_companion (RemoraStore *self, GError **error);
sqlite3      *remora_store_get_db (RemoraStore *self);
char         *remora_store_dup_meta (RemoraStore *self, const char *key);
gint64        remora_store_get_meta_int (RemoraStore *self, const char *key, gint64 fallback);
gboolean      remora_store_matches_trace (RemoraStore *self, const char *trace_path, char **reason);
gboolean      remora_store_check (RemoraStore *self, int rc, GError **error);
sqlite3_stmt *remora_store_prepare_cached (RemoraStore *self, const char *sql, GError **error);

void     remora_store_begin_snapshot (RemoraStore *self);
void     remora_store_end_snapshot (RemoraStore *self);
gboolean remora_store_in_snapshot (RemoraStore *self);
gpointer remora_store_get_snapshot_data (RemoraStore *self, const char *key);
void     remora_store_set_snapshot_data (RemoraStore   *self,
                                         const char    *key,
                                         gpointer       data,
                                         GDestroyNotify destroy);
char    *remora_store_dup_event_info (RemoraStore *self,
                                      gint64       event_id,
                                      gboolean     raw_fields,
                                      GError     **error);

/* A statement from remora_store_prepare_cached(): released by a reset, the
 * store keeps it prepared. */
typedef sqlite3_stmt RemoraCachedStmt;

static inline void
remora_cached_stmt_release (RemoraCachedStmt *st)
{
  sqlite3_reset (st);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoraCachedStmt, remora_cached_stmt_release)

G_END_DECLS
