/* remora-trace-stats.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-trace-stats.h"

#include <string.h>

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

static gboolean
nth_latency (RemoraStore *store,
             const char  *table,
             const char  *where,
             gint64       index,
             gint64      *value,
             GError     **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT latency_ns FROM %s WHERE latency_ns IS NOT NULL "
                                          "AND (%s) ORDER BY latency_ns LIMIT 1 OFFSET ?",
                                          table, where);
  int              rc;

  if (!prepare (store, sql, &st, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, index);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (st, 0);
  return remora_store_check (store, rc, error);
}

/**
 * remora_latency_summary_query:
 * @summary: (out caller-allocates): the summary
 * @store: a #RemoraStore
 * @table: a pair table with a `latency_ns` column (`wakeups`, `block_requests`)
 * @where: an SQL condition on its rows (trusted text, not user input)
 * @error: a location for a #GError
 *
 * Summarises the measured latencies (rows with a latency) of @table.
 *
 * Returns: %TRUE on success.
 */
gboolean
remora_latency_summary_query (RemoraLatencySummary *summary,
                              RemoraStore          *store,
                              const char           *table,
                              const char           *where,
                              GError              **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(latency_ns), min(latency_ns), "
                                          "max(latency_ns), avg(latency_ns) FROM %s "
                                          "WHERE latency_ns IS NOT NULL AND (%s)",
                                          table, where);
  int              rc;
  static const int percents[] = { 50, 90, 99 };
  gint64          *targets[] = { &summary->p50_ns, &summary->p90_ns, &summary->p99_ns };

  memset (summary, 0, sizeof *summary);
  if (!prepare (store, sql, &st, error))
    return FALSE;
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    return remora_store_check (store, rc, error);
  summary->count = sqlite3_column_int64 (st, 0);
  if (summary->count == 0)
    return TRUE;
  summary->min_ns = sqlite3_column_int64 (st, 1);
  summary->max_ns = sqlite3_column_int64 (st, 2);
  summary->mean_ns = sqlite3_column_double (st, 3);
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    if (!nth_latency (store, table, where, remora_nearest_rank_index (summary->count, percents[i]),
                      targets[i], error))
      return FALSE;
  return TRUE;
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

static void
clear_cpu_stats (gpointer p)
{
  g_free (((RemoraCpuStats *) p)->buffer);
}

static void
clear_block_group (gpointer p)
{
  RemoraBlockGroup *g = p;
  g_free (g->dev);
  g_free (g->kind);
}

static void
clear_pair_count (gpointer p)
{
  RemoraPairCount *c = p;
  g_free (c->buffer);
  g_free (c->name);
}

/* The request's operation from its rwbs: the first of R, W, D after an
 * optional leading F (a preflush); a lone flush is "FF" or "F". */
static const char *
rwbs_kind_sql (void)
{
  return "CASE "
         "WHEN ltrim(rwbs, 'F') LIKE 'R%' THEN 'read' "
         "WHEN ltrim(rwbs, 'F') LIKE 'W%' THEN 'write' "
         "WHEN ltrim(rwbs, 'F') LIKE 'D%' THEN 'discard' "
         "WHEN rwbs LIKE 'F%' THEN 'flush' "
         "ELSE 'other' END";
}

/**
 * remora_trace_stats_new:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Reads the figures of `remora stats` from @store.
 *
 * Returns: (transfer full): the stats, or %NULL with @error set.
 */
RemoraTraceStats *
remora_trace_stats_new (RemoraStore *store, GError **error)
{
  g_autoptr (RemoraTraceStats) stats = g_new0 (RemoraTraceStats, 1);
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  stats->event_counts = g_array_new (FALSE, TRUE, sizeof (RemoraEventCount));
  g_array_set_clear_func (stats->event_counts, clear_event_count);
  stats->cpu_stats = g_array_new (FALSE, TRUE, sizeof (RemoraCpuStats));
  g_array_set_clear_func (stats->cpu_stats, clear_cpu_stats);
  stats->block_groups = g_array_new (FALSE, TRUE, sizeof (RemoraBlockGroup));
  g_array_set_clear_func (stats->block_groups, clear_block_group);
  stats->pair_counts = g_array_new (FALSE, TRUE, sizeof (RemoraPairCount));
  g_array_set_clear_func (stats->pair_counts, clear_pair_count);

  stats->trace_path = remora_store_dup_meta (store, "source_path");
  stats->kernel = remora_store_dup_meta (store, "kernel");
  stats->clock = remora_store_dup_meta (store, "clock");
  stats->trace_cmd_version = remora_store_dup_meta (store, "trace_cmd_version");
  stats->compression = remora_store_dup_meta (store, "compression");
  stats->file_version = (int) remora_store_get_meta_int (store, "file_version", 0);
  stats->cpus = (int) remora_store_get_meta_int (store, "cpus", 0);
  stats->partial = remora_store_get_meta_int (store, "partial", 0) != 0;
  stats->partial_reason = remora_store_dup_meta (store, "partial_reason");
  stats->events = remora_store_get_meta_int (store, "events", 0);
  stats->first_ts = remora_store_get_meta_int (store, "first_ts", 0);
  stats->last_ts = remora_store_get_meta_int (store, "last_ts", 0);

  if (!prepare (store,
                "SELECT b.name, t.system, t.name, sum(t.count) AS n FROM event_types t "
                "JOIN buffers b ON b.id = t.buffer_id GROUP BY b.name, t.system, t.name "
                "ORDER BY n DESC, t.name",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraEventCount c = { dup_column (st, 0), dup_column (st, 1), dup_column (st, 2),
                             sqlite3_column_int64 (st, 3) };
      g_array_append_val (stats->event_counts, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  if (!prepare (store,
                "SELECT buffer, cpu, events, first_ts, last_ts, lost_events, lost_marks "
                "FROM cpus ORDER BY buffer, cpu",
                &st, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraCpuStats c = { dup_column (st, 0),           sqlite3_column_int (st, 1),
                           sqlite3_column_int64 (st, 2), sqlite3_column_int64 (st, 3),
                           sqlite3_column_int64 (st, 4), sqlite3_column_int64 (st, 5),
                           sqlite3_column_int64 (st, 6) };
      stats->lost_events += c.lost_events;
      stats->lost_marks += c.lost_marks;
      g_array_append_val (stats->cpu_stats, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  if (!prepare (store, "SELECT buffer, name, value FROM pair_counts ORDER BY buffer, name", &st,
                error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraPairCount c = { dup_column (st, 0), dup_column (st, 1), sqlite3_column_int64 (st, 2) };
      g_array_append_val (stats->pair_counts, c);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  if (!prepare (store, "SELECT count(*) FROM tasks", &st, error))
    return NULL;
  if ((rc = sqlite3_step (st)) == SQLITE_ROW)
    stats->tasks = sqlite3_column_int64 (st, 0);
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_clear_pointer (&st, sqlite3_finalize);

  if (!remora_latency_summary_query (&stats->wakeup_latency, store, "wakeups", "1", error) ||
      !remora_latency_summary_query (&stats->block_latency, store, "block_requests", "1", error))
    return NULL;

  {
    g_autofree char *sql = g_strdup_printf ("SELECT DISTINCT dev, %s AS kind FROM block_requests "
                                            "WHERE latency_ns IS NOT NULL ORDER BY dev, kind",
                                            rwbs_kind_sql ());
    g_autoptr (GPtrArray) devs = g_ptr_array_new_with_free_func (g_free);
    g_autoptr (GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);

    if (!prepare (store, sql, &st, error))
      return NULL;
    while ((rc = sqlite3_step (st)) == SQLITE_ROW)
      {
        g_ptr_array_add (devs, dup_column (st, 0));
        g_ptr_array_add (kinds, dup_column (st, 1));
      }
    if (!remora_store_check (store, rc, error))
      return NULL;
    g_clear_pointer (&st, sqlite3_finalize);

    for (guint i = 0; i < devs->len; i++)
      {
        RemoraBlockGroup g = { g_strdup (devs->pdata[i]), g_strdup (kinds->pdata[i]) };
        char            *quoted = sqlite3_mprintf ("%Q", (char *) devs->pdata[i]);
        g_autofree char *dev_sql = g_strdup (quoted);
        g_autofree char *where = g_strdup_printf ("dev = %s AND %s = '%s'", dev_sql,
                                                  rwbs_kind_sql (), (char *) kinds->pdata[i]);
        sqlite3_free (quoted);
        g_array_append_val (stats->block_groups, g);
        if (!remora_latency_summary_query (
                &g_array_index (stats->block_groups, RemoraBlockGroup, i).latency, store,
                "block_requests", where, error))
          return NULL;
      }
  }

  return g_steal_pointer (&stats);
}

/**
 * remora_trace_stats_get_pair_count:
 * @stats: a #RemoraTraceStats
 * @buffer: a buffer name ("" for the top-level buffer), or %NULL for all
 * @name: a counter of the pair_counts table
 *
 * Returns: the counter's value, summed over buffers when @buffer is %NULL.
 */
gint64
remora_trace_stats_get_pair_count (RemoraTraceStats *stats, const char *buffer, const char *name)
{
  gint64 sum = 0;

  for (guint i = 0; i < stats->pair_counts->len; i++)
    {
      RemoraPairCount *c = &g_array_index (stats->pair_counts, RemoraPairCount, i);
      if ((buffer == NULL || strcmp (buffer, c->buffer) == 0) && strcmp (name, c->name) == 0)
        sum += c->value;
    }
  return sum;
}

void
remora_trace_stats_free (RemoraTraceStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->trace_path);
  g_free (stats->kernel);
  g_free (stats->clock);
  g_free (stats->trace_cmd_version);
  g_free (stats->compression);
  g_free (stats->partial_reason);
  g_clear_pointer (&stats->event_counts, g_array_unref);
  g_clear_pointer (&stats->cpu_stats, g_array_unref);
  g_clear_pointer (&stats->block_groups, g_array_unref);
  g_clear_pointer (&stats->pair_counts, g_array_unref);
  g_free (stats);
}
