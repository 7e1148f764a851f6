/* remora-store.h
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#if !defined(REMORA_DATA_INSIDE) && !defined(REMORA_DATA_COMPILATION)
#error "Only <remora-data.h> can be included directly."
#endif

#include <gio/gio.h>

#include "remora-trace-info.h"

G_BEGIN_DECLS

/* PRAGMA user_version of a complete store written by this importer. */
#define REMORA_STORE_SCHEMA_VERSION 7

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

RemoraStore           *remora_store_open (const char *path, GError **error);
const char            *remora_store_get_path (RemoraStore *self);
const RemoraTraceInfo *remora_store_get_info (RemoraStore *self);
RemoraStore           *remora_store_get_companion (RemoraStore *self, GError **error);
gboolean remora_store_matches_trace (RemoraStore *self, const char *trace_path, char **reason);

gboolean remora_store_begin_snapshot (RemoraStore *self, GError **error);
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
char    *remora_store_dup_event_latency (RemoraStore *self, gint64 event_id, GError **error);
gboolean remora_store_load_formats (RemoraStore *self, GError **error);

G_END_DECLS
