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

#include "remora-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  gint64 begin, end;
} Span;

static gboolean
prepare (RemoraStore *store, const char *sql, sqlite3_stmt **st, GError **error)
{
  return remora_store_check (
      store, sqlite3_prepare_v2 (remora_store_get_db (store), sql, -1, st, NULL), error);
}

/* The times of @buffer_id when at least one request it paired with a
 * completion was in flight, on any device: the union of the requests'
 * spans from issue to completion, in order, none touching the next. */
static GArray *
read_in_flight (RemoraStore *store, gint64 buffer_id, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  if (!prepare (store,
                "SELECT issue_ts, complete_ts FROM block_requests WHERE buffer_id = ?1 AND "
                "latency_ns IS NOT NULL AND complete_ts IS NOT NULL ORDER BY issue_ts",
                &st, error))
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
             guint              *next)
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

      if (s->begin >= end)
        break;
      c->idle_io_ns += MIN (end, s->end) - MAX (begin, s->begin);
    }
}

/* One CPU's stretches, from its scheduler slices: a slice starts at a
 * sched_switch when the slice before it ended with one (a state recorded);
 * the first slice, and one after lost events, are of an unknown task. */
static gboolean
read_cpu (RemoraStore        *store,
          gint64              buffer_id,
          gint64              trace_end,
          const GArray       *flight,
          RemoraIdleDuringIo *c,
          GError            **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  gboolean known = FALSE, have = FALSE, idle = FALSE;
  gint64   begin = 0, end = 0;
  guint    next = 0;
  int      rc;

  if (!prepare (store,
                "SELECT start_ts, end_ts, pid, end_state_raw IS NOT NULL FROM sched_slices "
                "WHERE cpu = ?1 AND buffer_id = ?2 ORDER BY start_ts",
                &st, error))
    return FALSE;
  sqlite3_bind_int (st, 1, c->cpu);
  sqlite3_bind_int64 (st, 2, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      gint64   b = remora_store_column_ts (store, st, 0);
      gint64   e = remora_store_column_ts (store, st, 1);
      gint64   pid = remora_store_column_in (store, st, 2, G_MININT32, G_MAXINT32);
      gboolean switched = sqlite3_column_int (st, 3) != 0;

      /* the slice before this one, now that it is not the last */
      if (have)
        add_stretch (c, idle, begin, end, flight, &next);
      have = known;
      idle = pid == 0;
      begin = b;
      end = e;
      known = switched;
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  /* the last slice, known, runs on to the trace's end */
  if (have)
    add_stretch (c, idle, begin, MAX (end, trace_end), flight, &next);
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
  g_autoptr (GArray) flight = NULL;
  g_autoptr (sqlite3_stmt) st = NULL;
  gint64 trace_end = remora_store_get_info (store)->last_ts;
  gint64 flight_of = -1;
  int    rc;

  g_array_set_clear_func (out, clear_idle);
  if (!prepare (store,
                "SELECT b.id, b.name, c.cpu FROM cpus c JOIN buffers b ON b.id = c.buffer_id "
                "ORDER BY b.name, c.cpu",
                &st, error))
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
      if (buffer_id != flight_of)
        {
          g_clear_pointer (&flight, g_array_unref);
          if ((flight = read_in_flight (store, buffer_id, error)) == NULL)
            return NULL;
          flight_of = buffer_id;
        }
      if (!read_cpu (store, buffer_id, trace_end, flight, c, error))
        return NULL;
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_steal_pointer (&out);
}
