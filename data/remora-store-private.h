/* remora-store-private.h: what data/'s own readers use of a store
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#pragma once

#include <sqlite3.h>
#include <traceevent/event-parse.h>

/* a private header is the layer's inside: it may include the layer's
 * headers one by one (tests that include it are inside too) */
#ifndef REMORA_DATA_COMPILATION
#define REMORA_DATA_COMPILATION
#endif
#include "remora-library-locks.h"
#include "remora-payload-private.h"
#include "remora-store.h"

G_BEGIN_DECLS

/* Events per chunk of ids (event_payloads, event_chunks, chunk_types,
 * chunk_pids, chunk_cpus): 1 << REMORA_STORE_CHUNK_SHIFT */
#define REMORA_STORE_CHUNK_SHIFT 10

/* The same in SQL: the chunk of id @x, the first and the last id of chunk
 * @x (@x an SQL expression, as a string literal) */
#define REMORA_STORE_SQL_CHUNK_OF(x)    "((" x ") >> " G_STRINGIFY (REMORA_STORE_CHUNK_SHIFT) ")"
#define REMORA_STORE_SQL_CHUNK_FIRST(x) "((" x ") << " G_STRINGIFY (REMORA_STORE_CHUNK_SHIFT) ")"
#define REMORA_STORE_SQL_CHUNK_LAST(x)                                                             \
  "((((" x ") + 1) << " G_STRINGIFY (REMORA_STORE_CHUNK_SHIFT) ") - 1)"

/* The ranges of a sound store's values (see remora_store_column_in()):
 * timestamps and durations as the meta table's (any difference or sum of two
 * fits in a gint64), event ids and counts, CPUs, 32-bit numbers */
#define REMORA_STORE_MAX_TS  ((gint64) 1 << 62)
#define REMORA_STORE_MAX_ID  ((gint64) 1 << 40)
#define REMORA_STORE_MAX_CPU 8191

sqlite3 *remora_store_get_db (RemoraStore *self);
gboolean remora_store_check (RemoraStore *self, int rc, GError **error);
gint64   remora_store_column_out_of_range (
      RemoraStore *self, sqlite3_stmt *st, int col, gint64 value, gint64 min, gint64 max);

/* An integer a store holds, checked before anything computes with it: a
 * value out of [@min, @max] (a damaged or hostile store; a real or a text
 * where an integer belongs reads as its integer value) is noted, for the
 * next remora_store_check() to refuse the store, and comes back clamped into
 * the range meanwhile, so that no arithmetic on it can overflow. */
static inline gint64
remora_store_column_in (RemoraStore *self, sqlite3_stmt *st, int col, gint64 min, gint64 max)
{
  gint64 v = sqlite3_column_int64 (st, col);

  if (G_LIKELY (v >= min && v <= max))
    return v;
  return remora_store_column_out_of_range (self, st, col, v, min, max);
}

/* a time or a duration */
static inline gint64
remora_store_column_ts (RemoraStore *self, sqlite3_stmt *st, int col)
{
  return remora_store_column_in (self, st, col, 0, REMORA_STORE_MAX_TS);
}

/* an event id, or a count of events */
static inline gint64
remora_store_column_id (RemoraStore *self, sqlite3_stmt *st, int col)
{
  return remora_store_column_in (self, st, col, 0, REMORA_STORE_MAX_ID);
}

static inline int
remora_store_column_cpu (RemoraStore *self, sqlite3_stmt *st, int col)
{
  return (int) remora_store_column_in (self, st, col, 0, REMORA_STORE_MAX_CPU);
}

/* a pid, a type id, an error code: any 32-bit number */
static inline gint32
remora_store_column_int32 (RemoraStore *self, sqlite3_stmt *st, int col)
{
  return (gint32) remora_store_column_in (self, st, col, G_MININT32, G_MAXINT32);
}

/* a time or duration that may be NULL: @fallback then */
static inline gint64
remora_store_column_ts_or (RemoraStore *self, sqlite3_stmt *st, int col, gint64 fallback)
{
  return sqlite3_column_type (st, col) == SQLITE_NULL ? fallback
                                                      : remora_store_column_ts (self, st, col);
}
sqlite3_stmt      *remora_store_prepare_cached (RemoraStore *self, const char *sql, GError **error);
char              *remora_store_dup_meta (RemoraStore *self, const char *key);
gint64             remora_store_get_meta_int (RemoraStore *self, const char *key, gint64 fallback);
struct tep_handle *remora_store_get_tep (RemoraStore *self, GError **error);
int                remora_store_dup_headers_fd (RemoraStore *self);
void               remora_store_trust_headers (const void *data, gsize len);
struct tep_event_filter *remora_store_compile_filter (RemoraStore       *store,
                                                      struct tep_handle *tep,
                                                      const char        *expression,
                                                      GError           **error);
void                     remora_store_print_event (struct tep_handle *tep,
                                                   struct trace_seq  *seq,
                                                   struct tep_record *rec,
                                                   const char        *what);
char                    *remora_store_dup_event_text_at (
                       RemoraStore *self, gint64 event_id, gint64 ts, int cpu, const char *what, GError **error);
gboolean remora_store_locate_event (
    RemoraStore *self, gint64 event_id, gint64 *ts, int *cpu, GError **error);
gboolean remora_store_read_record (
    RemoraStore *self, gint64 event_id, gint64 ts, int cpu, struct tep_record *rec, GError **error);
char *remora_store_describe_damaged (RemoraPayloadCheck check,
                                     struct tep_record *rec,
                                     struct tep_event  *event);

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
