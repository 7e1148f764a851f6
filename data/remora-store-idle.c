/* remora-store-idle.c: how long each CPU was idle, and idle while block I/O
 * was in flight (the definitions are SCHEMA.md's, "Idle while I/O is in
 * flight")
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-idle.h"

#include "remora-block-index-private.h"
#include "remora-store-private.h"

typedef RemoraSpan Span;

/* The times of @buffer_id when at least one request it paired with a
 * completion was in flight, on any device: the union of the requests'
 * spans from issue to completion, in order, none touching the next. */
static GArray *
read_in_flight (RemoraStore *store, gint64 buffer_id, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  if ((st = remora_store_prepare_cached (
           store,
           "SELECT issue_ts, complete_ts FROM block_requests WHERE buffer_id = ?1 AND "
           "latency_ns IS NOT NULL AND complete_ts IS NOT NULL ORDER BY issue_ts",
           error)) == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Span  s = { remora_store_column_ts (store, st, 0), remora_store_column_ts (store, st, 1) };
      Span *last = out->len ? &g_array_index (out, Span, out->len - 1) : NULL;

      if (s.end <= s.begin)
        continue;
      if (last != NULL && s.begin <= last->end)
        last->end = MAX (last->end, s.end);
      else
        g_array_append_val (out, s);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}

/* Adds the stretch [@begin, @end) of @c, idle or not, and what of it lies in
 * @flight (from its span *@next on, which moves on as stretches do). */
static void
add_stretch (RemoraIdleDuringIo *c,
             gboolean            idle,
             gint64              begin,
             gint64              end,
             const GArray       *flight,
             guint              *next,
             GArray             *spans)
{
  if (end <= begin)
    return;
  c->known_ns += end - begin;
  if (!idle)
    return;
  c->idle_ns += end - begin;
  while (*next < flight->len && g_array_index (flight, Span, *next).end <= begin)
    (*next)++;
  for (guint i = *next; i < flight->len; i++)
    {
      const Span *s = &g_array_index (flight, Span, i);

      Span both = { MAX (begin, s->begin), MIN (end, s->end) };

      if (s->begin >= end)
        break;
      c->idle_io_ns += both.end - both.begin;
      if (spans != NULL)
        g_array_append_val (spans, both);
    }
}

/* One CPU's walk through its scheduler slices, in order: a slice starts at a
 * sched_switch when the slice before it ended with one (a state recorded);
 * the first slice, and one after lost events, are of an unknown task. */
typedef struct
{
  gboolean known; /* the next slice starts at a switch */
  gboolean have;  /* a known slice is held, to add once the next is seen */
  gboolean idle;
  gint64   begin, end;
  guint    next; /* the first span in flight that may still overlap */
  gint64   last_begin;
  gboolean started;
  GArray  *spans; /* (nullable): where the idle stretches in flight go */
} Walk;

static gboolean
walk_slice (Walk               *w,
            RemoraIdleDuringIo *c,
            const GArray       *flight,
            gint64              begin,
            gint64              end,
            gint64              pid,
            gboolean            switched)
{
  if (w->started && begin < w->last_begin)
    return FALSE; /* out of order */
  w->started = TRUE;
  w->last_begin = begin;
  /* the slice before this one, now that it is not the last (ending where
   * this one begins at the latest: slices that overlap, in a store Remora did
   * not write, count once) */
  if (w->have)
    add_stretch (c, w->idle, w->begin, MIN (w->end, begin), flight, &w->next, w->spans);
  w->have = w->known;
  w->idle = pid == 0;
  w->begin = begin;
  w->end = end;
  w->known = switched;
  return TRUE;
}

/* the last slice, known, runs on to the trace's end */
static void
walk_end (Walk *w, RemoraIdleDuringIo *c, const GArray *flight, gint64 trace_end)
{
  if (w->have)
    add_stretch (c, w->idle, w->begin, MAX (w->end, trace_end), flight, &w->next, w->spans);
}

/* The slices of one CPU, in order through the index (when those of the
 * whole buffer did not come in order). */
static gboolean
read_cpu (RemoraStore        *store,
          gint64              buffer_id,
          gint64              trace_end,
          const GArray       *flight,
          RemoraIdleDuringIo *c,
          GArray             *spans,
          GError            **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  Walk w = { 0 };
  int  rc;

  w.spans = spans;
  if (spans != NULL)
    g_array_set_size (spans, 0);

  c->known_ns = c->idle_ns = c->idle_io_ns = 0;
  if ((st = remora_store_prepare_cached (
           store,
           "SELECT start_ts, end_ts, pid, end_state_raw IS NOT NULL FROM sched_slices "
           "WHERE cpu = ?1 AND buffer_id = ?2 ORDER BY start_ts",
           error)) == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, c->cpu);
  sqlite3_bind_int64 (st, 2, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    walk_slice (&w, c, flight, remora_store_column_ts (store, st, 0),
                remora_store_column_ts (store, st, 1),
                remora_store_column_in (store, st, 2, G_MININT32, G_MAXINT32),
                sqlite3_column_int (st, 3) != 0);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  walk_end (&w, c, flight, trace_end);
  return TRUE;
}

/* The CPUs out[first] to out[first + n − 1] of @buffer_id, in one scan of
 * its slices in the order the importer wrote them (each CPU's in time
 * order, as they ended): a third of walking each CPU through the index.
 * A CPU whose slices do not come in order (a store not written by Remora)
 * is walked through the index. */
static gboolean
read_buffer (RemoraStore  *store,
             gint64        buffer_id,
             gint64        trace_end,
             GArray       *out,
             guint         first,
             guint         n,
             const GArray *flight,
             GPtrArray    *spans,
             GError      **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  g_autofree Walk     *walks = g_new0 (Walk, n);
  g_autofree gboolean *unordered = g_new0 (gboolean, n);
  g_autoptr (GHashTable) index = g_hash_table_new (NULL, NULL);
  int rc;

  for (guint i = 0; i < n; i++)
    walks[i].spans = spans ? g_ptr_array_index (spans, first + i) : NULL;
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (index,
                         GINT_TO_POINTER (g_array_index (out, RemoraIdleDuringIo, first + i).cpu),
                         GUINT_TO_POINTER (i + 1));
  if ((st = remora_store_prepare_cached (
           store,
           "SELECT cpu, start_ts, end_ts, pid, end_state_raw IS NOT NULL FROM sched_slices "
           "WHERE buffer_id = ?1",
           error)) == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      guint i = GPOINTER_TO_UINT (
          g_hash_table_lookup (index, GINT_TO_POINTER (remora_store_column_cpu (store, st, 0))));
      RemoraIdleDuringIo *c;

      if (i-- == 0 || unordered[i])
        continue; /* a CPU the cpus table does not list counts nowhere */
      c = &g_array_index (out, RemoraIdleDuringIo, first + i);
      if (!walk_slice (&walks[i], c, flight, remora_store_column_ts (store, st, 1),
                       remora_store_column_ts (store, st, 2),
                       remora_store_column_in (store, st, 3, G_MININT32, G_MAXINT32),
                       sqlite3_column_int (st, 4) != 0))
        unordered[i] = TRUE;
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      RemoraIdleDuringIo *c = &g_array_index (out, RemoraIdleDuringIo, first + i);

      if (!unordered[i])
        walk_end (&walks[i], c, flight, trace_end);
      else if (!read_cpu (store, buffer_id, trace_end, flight, c, walks[i].spans, error))
        return FALSE;
    }
  return TRUE;
}

static void
clear_idle (gpointer p)
{
  g_free (((RemoraIdleDuringIo *) p)->buffer);
}

/**
 * remora_store_read_idle_during_io:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * How long each CPU of each buffer was idle, and idle while at least one
 * block request was in flight, by SCHEMA.md's definitions ("Idle while I/O
 * is in flight").
 *
 * Returns: (transfer full) (element-type RemoraIdleDuringIo): one per CPU of
 *   every buffer that has CPUs, by buffer name and CPU, or %NULL with
 *   @error set.
 */
GArray *
remora_store_read_idle_during_io (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraIdleDuringIo));
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (RemoraCachedStmt) st = NULL;
  gint64 trace_end = remora_store_get_info (store)->last_ts;
  int    rc;

  g_array_set_clear_func (out, clear_idle);
  if ((st = remora_store_prepare_cached (
           store,
           "SELECT b.id, b.name, c.cpu FROM cpus c JOIN buffers b ON b.id = c.buffer_id "
           "ORDER BY b.name, c.cpu",
           error)) == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64              buffer_id = remora_store_column_id (store, st, 0);
      const char         *name = (const char *) sqlite3_column_text (st, 1);
      RemoraIdleDuringIo *c;

      g_array_set_size (out, out->len + 1);
      c = &g_array_index (out, RemoraIdleDuringIo, out->len - 1);
      c->buffer = g_strdup (name ? name : "");
      c->cpu = remora_store_column_cpu (store, st, 2);
      g_array_append_val (ids, buffer_id);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  /* each buffer's CPUs, which the order puts together */
  for (guint first = 0; first < out->len;)
    {
      gint64 buffer_id = g_array_index (ids, gint64, first);
      guint  n = 1;
      g_autoptr (GArray) flight = NULL;

      while (first + n < out->len && g_array_index (ids, gint64, first + n) == buffer_id)
        n++;
      if ((flight = read_in_flight (store, buffer_id, error)) == NULL ||
          !read_buffer (store, buffer_id, trace_end, out, first, n, flight, NULL, error))
        return NULL;
      first += n;
    }
  return g_steal_pointer (&out);
}

/**
 * _remora_store_read_idle_io_spans:
 * @store: a #RemoraStore
 * @buffer_id: a buffer
 * @cpus: (element-type int): where the buffer's CPUs go, in order
 * @spans: (element-type GArray): where, for each of them, the stretches
 *   when it was idle with a request in flight go (#RemoraSpan, in order,
 *   disjoint)
 * @error: a location for a #GError
 *
 * The stretches whose lengths remora_store_read_idle_during_io() adds up
 * as idle_io_ns, by the same definitions.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
_remora_store_read_idle_io_spans (
    RemoraStore *store, int buffer_id, GArray *cpus, GPtrArray *spans, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, TRUE, sizeof (RemoraIdleDuringIo));
  g_autoptr (GArray) flight = NULL;
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  if ((st = remora_store_prepare_cached (
           store, "SELECT cpu FROM cpus WHERE buffer_id = ?1 ORDER BY cpu", error)) == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraIdleDuringIo c = { NULL, remora_store_column_cpu (store, st, 0) };

      g_array_append_val (out, c);
      g_array_append_val (cpus, c.cpu);
      g_ptr_array_add (spans, g_array_new (FALSE, FALSE, sizeof (Span)));
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  if (out->len == 0)
    return TRUE;
  if ((flight = read_in_flight (store, buffer_id, error)) == NULL)
    return FALSE;
  return read_buffer (store, buffer_id, remora_store_get_info (store)->last_ts, out, 0, out->len,
                      flight, spans, error);
}
