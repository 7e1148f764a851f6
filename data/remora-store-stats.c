/* remora-store-stats.c: the typed reads of a trace's counts and latencies
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-stats.h"

#include <string.h>

#include "remora-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/**
 * remora_nearest_rank_index:
 * @n: how many values
 * @percent: the percentile, 1 to 100
 *
 * Returns: the 0-based index of the nearest-rank percentile in @n sorted
 *   values, ceil(percent × n / 100) − 1, or -1 when @n is 0.
 */
gint64
remora_nearest_rank_index (gint64 n, int percent)
{
  if (n <= 0)
    return -1;
  return MAX ((gint64) 0, (percent * n + 99) / 100 - 1);
}

static gboolean
prepare (RemoraStore *store, const char *sql, sqlite3_stmt **st, GError **error)
{
  return remora_store_check (
      store, sqlite3_prepare_v2 (remora_store_get_db (store), sql, -1, st, NULL), error);
}

/* The rows of a latency kind: ?1 and ?2 are a device and an operation, or
 * NULL for all. */
static const char *
latency_table (RemoraLatencyKind kind)
{
  return kind == REMORA_LATENCY_WAKEUP ? "wakeups WHERE latency_ns IS NOT NULL"
                                       : "block_requests WHERE latency_ns IS NOT NULL "
                                         "AND (?1 IS NULL OR dev = ?1) "
                                         "AND (?2 IS NULL OR kind = ?2)";
}

static void
bind_group (sqlite3_stmt *st, RemoraLatencyKind kind, const char *dev, const char *op)
{
  if (kind == REMORA_LATENCY_BLOCK)
    {
      if (dev)
        sqlite3_bind_text (st, 1, dev, -1, SQLITE_STATIC);
      if (op)
        sqlite3_bind_text (st, 2, op, -1, SQLITE_STATIC);
    }
}

/**
 * remora_store_read_latency:
 * @store: a #RemoraStore
 * @kind: which latencies
 * @dev: (nullable): for block requests, only this device ("MAJOR,MINOR")
 * @op: (nullable): for block requests, only this operation ("read",
 *   "write", "flush", "discard", "other")
 * @summary: (out caller-allocates): the summary of the measured latencies
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_read_latency (RemoraStore          *store,
                           RemoraLatencyKind     kind,
                           const char           *dev,
                           const char           *op,
                           RemoraLatencySummary *summary,
                           GError              **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(latency_ns), min(latency_ns), max(latency_ns), avg(latency_ns) FROM %s",
      latency_table (kind));
  g_autofree char *nth_sql = g_strdup_printf (
      "SELECT latency_ns FROM %s ORDER BY latency_ns LIMIT 1 OFFSET ?3", latency_table (kind));
  static const int percents[] = { 50, 90, 99 };
  gint64          *targets[] = { &summary->p50_ns, &summary->p90_ns, &summary->p99_ns };
  int              rc;

  memset (summary, 0, sizeof *summary);
  if (kind == REMORA_LATENCY_WAKEUP)
    {
      g_free (nth_sql);
      nth_sql = g_strdup ("SELECT latency_ns FROM wakeups WHERE latency_ns IS NOT NULL "
                          "ORDER BY latency_ns LIMIT 1 OFFSET ?");
    }
  if (!prepare (store, sql, &st, error))
    return FALSE;
  bind_group (st, kind, dev, op);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    return remora_store_check (store, rc, error);
  summary->count = remora_store_column_id (store, st, 0);
  if (summary->count == 0)
    return remora_store_check (store, rc, error);
  summary->min_ns = remora_store_column_ts (store, st, 1);
  summary->max_ns = remora_store_column_ts (store, st, 2);
  summary->mean_ns = sqlite3_column_double (st, 3);
  g_clear_pointer (&st, sqlite3_finalize);

  if (!prepare (store, nth_sql, &st, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      sqlite3_reset (st);
      bind_group (st, kind, dev, op);
      sqlite3_bind_int64 (st, kind == REMORA_LATENCY_WAKEUP ? 1 : 3,
                          remora_nearest_rank_index (summary->count, percents[i]));
      rc = sqlite3_step (st);
      if (rc == SQLITE_ROW)
        *targets[i] = remora_store_column_ts (store, st, 0);
      else if (!remora_store_check (store, rc, error))
        return FALSE;
    }
  return remora_store_check (store, SQLITE_OK, error);
}

static char *
dup_column (sqlite3_stmt *st, int col)
{
  const unsigned char *text = sqlite3_column_text (st, col);
  return g_strdup (text ? (const char *) text : "");
}

static void
clear_event_count (gpointer p)
{
  RemoraEventCount *c = p;
  g_free (c->buffer);
  g_free (c->system);
  g_free (c->name);
}

/**
 * remora_store_read_event_counts:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type RemoraEventCount): the events of
 *   each name in each buffer, most frequent first, or %NULL with @error set.
 */
GArray *
remora_store_read_event_counts (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraEventCount));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  g_array_set_clear_func (out, clear_event_count);
  if (!prepare (store,
                "SELECT b.name, t.system, t.name, sum(t.count) AS n FROM event_types t "
                "JOIN buffers b ON b.id = t.buffer_id GROUP BY b.name, t.system, t.name "
                "ORDER BY n DESC, t.name",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraEventCount c = { dup_column (st, 0), dup_column (st, 1), dup_column (st, 2),
                             remora_store_column_id (store, st, 3) };
      g_array_append_val (out, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
clear_cpu_stats (gpointer p)
{
  g_free (((RemoraCpuStats *) p)->buffer);
}

/**
 * remora_store_read_cpu_stats:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type RemoraCpuStats): each CPU of each
 *   buffer, or %NULL with @error set.
 */
GArray *
remora_store_read_cpu_stats (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraCpuStats));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  g_array_set_clear_func (out, clear_cpu_stats);
  if (!prepare (store,
                "SELECT b.name, c.cpu, c.events, c.first_ts, c.last_ts, c.lost_events, "
                "c.lost_marks FROM cpus c JOIN buffers b ON b.id = c.buffer_id ORDER BY b.name, "
                "c.cpu",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraCpuStats c = { dup_column (st, 0),
                           remora_store_column_cpu (store, st, 1),
                           remora_store_column_id (store, st, 2),
                           remora_store_column_ts_or (store, st, 3, 0),
                           remora_store_column_ts_or (store, st, 4, 0),
                           remora_store_column_in (store, st, 5, 0, REMORA_STORE_MAX_TS),
                           remora_store_column_id (store, st, 6) };
      g_array_append_val (out, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
clear_pair_count (gpointer p)
{
  RemoraPairCount *c = p;
  g_free (c->buffer);
  g_free (c->name);
}

/**
 * remora_store_read_pair_counts:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type RemoraPairCount): the pairing's
 *   counters (see SCHEMA.md, pair_counts), or %NULL with @error set.
 */
GArray *
remora_store_read_pair_counts (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraPairCount));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  g_array_set_clear_func (out, clear_pair_count);
  if (!prepare (store,
                "SELECT b.name, c.name, c.value FROM pair_counts c JOIN buffers b ON "
                "b.id = c.buffer_id ORDER BY b.name, c.name",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraPairCount c = { dup_column (st, 0), dup_column (st, 1),
                            remora_store_column_id (store, st, 2) };
      g_array_append_val (out, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

static void
clear_block_group (gpointer p)
{
  RemoraBlockGroup *g = p;
  g_free (g->dev);
  g_free (g->kind);
}

/**
 * remora_store_read_block_groups:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type RemoraBlockGroup): each device that
 *   has measured requests, its requests of every kind ("all") then each
 *   operation, with their latency summary, or %NULL with @error set.
 */
GArray *
remora_store_read_block_groups (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraBlockGroup));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  g_array_set_clear_func (out, clear_block_group);
  /* each device's requests of every kind first, then by kind */
  if (!prepare (store,
                "SELECT dev, kind FROM (SELECT DISTINCT dev, NULL AS kind FROM block_requests "
                "WHERE latency_ns IS NOT NULL UNION "
                "SELECT DISTINCT dev, kind FROM block_requests "
                "WHERE latency_ns IS NOT NULL) ORDER BY dev, kind IS NOT NULL, kind",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraBlockGroup g = { dup_column (st, 0), sqlite3_column_type (st, 1) == SQLITE_NULL
                                                     ? g_strdup ("all")
                                                     : dup_column (st, 1) };
      g_array_append_val (out, g);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  for (guint i = 0; i < out->len; i++)
    {
      RemoraBlockGroup *g = &g_array_index (out, RemoraBlockGroup, i);
      if (!remora_store_read_latency (store, REMORA_LATENCY_BLOCK, g->dev,
                                      g_str_equal (g->kind, "all") ? NULL : g->kind, &g->latency,
                                      error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

/**
 * remora_store_count_tasks:
 * @store: a #RemoraStore
 * @emitting: (out): how many pids emitted events (idle, pid 0, included)
 * @named: (out): how many pids the trace names anywhere: those, and those
 *   only named in a scheduler event's fields (a task woken or switched to
 *   that emitted nothing)
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_count_tasks (RemoraStore *store, gint64 *emitting, gint64 *named, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  *emitting = *named = 0;
  /* tasks holds every pid the trace names, those that emitted events too:
   * one look into chunk_pids each */
  if (!prepare (store,
                "SELECT (SELECT count(*) FROM tasks t WHERE EXISTS "
                "(SELECT 1 FROM chunk_pids e WHERE e.pid = t.pid)), (SELECT count(*) FROM tasks)",
                &st, error))
    return FALSE;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      *emitting = sqlite3_column_int64 (st, 0);
      *named = sqlite3_column_int64 (st, 1);
    }
  return rc == SQLITE_ROW || remora_store_check (store, rc, error);
}
