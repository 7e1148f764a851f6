/* remora-store-listing.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-store-listing.h"

#include <glib/gi18n-lib.h>

#include "remora-data-error.h"
#include "remora-name-history.h"
#include "remora-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static int
compare_lost_rows (gconstpointer a, gconstpointer b)
{
  const RemoraLostRow *x = a, *y = b;

  return x->event_id < y->event_id ? -1 : x->event_id > y->event_id;
}

/* The columns of the listings' query: e.id, e.ts, e.cpu, e.pid, e.name,
 * e.buffer, t.comm, e.buffer_id. */
#define LISTED_COLUMNS                                                                             \
  "SELECT e.id, e.ts, e.cpu, e.pid, e.name, e.buffer, t.comm, e.buffer_id "                        \
  "FROM events e LEFT JOIN tasks t ON t.pid = e.pid "

/* The event of a row of LISTED_COLUMNS, its task named as it was then. */
static void
read_listed (RemoraStore *store, sqlite3_stmt *st, RemoraNameHistory *names, RemoraListedEvent *e)
{
  const char *buffer = (const char *) sqlite3_column_text (st, 5);

  *e = (RemoraListedEvent){ remora_store_column_id (store, st, 0),
                            remora_store_column_ts (store, st, 1),
                            remora_store_column_cpu (store, st, 2),
                            remora_store_column_int32 (store, st, 3),
                            (const char *) sqlite3_column_text (st, 4),
                            buffer ? buffer : "",
                            (const char *) sqlite3_column_text (st, 6),
                            remora_store_column_int32 (store, st, 7),
                            NULL,
                            NULL,
                            NULL };
  e->task = remora_name_history_lookup (names, e->pid, e->ts);
  if (e->task == NULL)
    e->task = e->pid == 0 ? "<idle>" : e->comm ? e->comm : "<...>";
}

/**
 * remora_store_list_events:
 * @store: a #RemoraStore
 * @first_id: the first event's id
 * @name: (nullable): only events of this name
 * @limit: how many at most, or -1 for all
 * @func: called with each event in id order; returns %FALSE with its
 *   error set to stop
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set when the store or @func fails.
 */
gboolean
remora_store_list_events (RemoraStore          *store,
                          gint64                first_id,
                          const char           *name,
                          gint64                limit,
                          RemoraListedEventFunc func,
                          gpointer              user_data,
                          GError              **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  RemoraNameHistory *names = remora_store_get_name_history (store, error);
  int                rc;

  if (names == NULL)
    return FALSE;
  rc = sqlite3_prepare_v2 (remora_store_get_db (store),
                           LISTED_COLUMNS "WHERE e.id >= ?1 AND (?2 IS NULL OR e.name = ?2) "
                                          "ORDER BY e.id LIMIT ?3",
                           -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, first_id);
  if (name)
    sqlite3_bind_text (st, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, 3, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraListedEvent e;

      read_listed (store, st, names, &e);
      if (!func (&e, user_data, error))
        return FALSE;
    }
  return remora_store_check (store, rc, error);
}

/* Seeking the next event wanted costs about as much as stepping over this
 * many rows. */
#define SEEK_ROWS 64

/**
 * remora_store_list_chosen_events:
 * @store: a #RemoraStore
 * @next: says which event is wanted next
 * @next_data: for @next
 * @texts: whether to decode each event's info and latency flags
 * @func: called with each event wanted, in id order; returns %FALSE with
 *   its error set to stop
 * @user_data: for @func
 * @error: a location for a #GError
 *
 * The events @next wants, in one pass over the rows: the rows between two
 * events wanted are stepped over when they are few, sought past when they
 * are many.
 *
 * Returns: %FALSE with @error set when the store or @func fails.
 */
gboolean
remora_store_list_chosen_events (RemoraStore          *store,
                                 RemoraNextIdFunc      next,
                                 gpointer              next_data,
                                 gboolean              texts,
                                 RemoraListedEventFunc func,
                                 gpointer              user_data,
                                 GError              **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  RemoraNameHistory *names = remora_store_get_name_history (store, error);
  gint64             want = next (0, next_data);
  int                rc = SQLITE_DONE;

  if (names == NULL)
    return FALSE;
  if (want < 0)
    return TRUE;
  rc = sqlite3_prepare_v2 (remora_store_get_db (store),
                           LISTED_COLUMNS "WHERE e.id >= ?1 ORDER BY e.id", -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, want);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autofree char  *info = NULL;
      g_autofree char  *latency = NULL;
      RemoraListedEvent e;

      if (sqlite3_column_int64 (st, 0) < want)
        continue;
      read_listed (store, st, names, &e);
      if (e.id > want)
        {
          /* the one wanted is not in the store: sought from here on */
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
                       _ ("The store “%s” has no event %lld"), remora_store_get_path (store),
                       (long long) want);
          return FALSE;
        }
      if (texts)
        {
          if ((info = remora_store_dup_event_text_at (store, e.id, e.ts, e.cpu, TEP_PRINT_INFO,
                                                      error)) == NULL ||
              (latency = remora_store_dup_event_text_at (store, e.id, e.ts, e.cpu,
                                                         TEP_PRINT_LATENCY, error)) == NULL)
            return FALSE;
          e.info = info;
          e.latency = latency;
        }
      if (!func (&e, user_data, error))
        return FALSE;
      if ((want = next (e.id + 1, next_data)) < 0)
        return TRUE;
      if (want - e.id > SEEK_ROWS)
        {
          sqlite3_reset (st);
          sqlite3_bind_int64 (st, 1, want);
        }
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  if (want >= 0)
    {
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
                   _ ("The store “%s” has no event %lld"), remora_store_get_path (store),
                   (long long) want);
      return FALSE;
    }
  return TRUE;
}

/**
 * remora_store_read_lost_rows:
 * @store: a #RemoraStore
 * @error: a location for a #GError
 *
 * Every gap of lost events with the event it comes before, in the order of
 * those events (a gap after a CPU's last event is not listed: no record
 * follows it, and `trace-cmd report` prints nothing for it either).
 *
 * Returns: (transfer full) (element-type RemoraLostRow): the gaps, or %NULL
 *   with @error set.
 */
GArray *
remora_store_read_lost_rows (RemoraStore *store, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (RemoraLostRow));
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  /* the first record of the gap's CPU (and buffer) at or after its time; ids
   * follow time, so the search starts at the chunk holding that time */
  rc = sqlite3_prepare_v2 (
      remora_store_get_db (store),
      "SELECT (SELECT min(e.id) FROM event_rows e JOIN event_types t ON t.id = e.type "
      "         WHERE e.cpu = l.cpu AND t.buffer_id = l.buffer_id AND e.ts >= l.ts "
      "           AND e.id >= coalesce((SELECT first_id FROM event_chunks "
      "                                  WHERE last_ts >= l.ts ORDER BY last_ts LIMIT 1), "
      "                                1 << 62)) AS id, "
      "       l.buffer_id, l.cpu, l.count FROM lost_events l",
      -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      RemoraLostRow r = {
        sqlite3_column_type (st, 0) == SQLITE_NULL ? 0 : remora_store_column_id (store, st, 0),
        remora_store_column_int32 (store, st, 1), remora_store_column_cpu (store, st, 2),
        sqlite3_column_type (st, 3) == SQLITE_NULL
            ? -1
            : remora_store_column_in (store, st, 3, 0, REMORA_STORE_MAX_TS)
      };
      if (sqlite3_column_type (st, 0) != SQLITE_NULL)
        g_array_append_val (rows, r);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  g_array_sort (rows, compare_lost_rows);
  return g_steal_pointer (&rows);
}

/**
 * remora_store_find_event_at:
 * @store: a #RemoraStore
 * @ts: a time, ns as recorded
 * @id: (out): the first event at or after @ts, or the last event when none
 *   is
 * @error: a location for a #GError
 *
 * Returns: %FALSE with @error set on failure or when the store has no
 *   events.
 */
gboolean
remora_store_find_event_at (RemoraStore *store, gint64 ts, gint64 *id, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (
      remora_store_get_db (store),
      "SELECT coalesce((SELECT min(id) FROM event_rows WHERE ts >= ?1 AND id BETWEEN "
      "  (SELECT first_id FROM event_chunks WHERE last_ts >= ?1 ORDER BY last_ts LIMIT 1) AND "
      "  (SELECT last_id FROM event_chunks WHERE last_ts >= ?1 ORDER BY last_ts LIMIT 1)), "
      "  (SELECT max(id) FROM event_rows))",
      -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, ts);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    {
      *id = remora_store_column_id (store, st, 0);
      return remora_store_check (store, rc, error);
    }
  if (remora_store_check (store, rc == SQLITE_ROW ? SQLITE_DONE : rc, error))
    g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NOT_FOUND_IN_STORE,
                 _ ("The store “%s” has no events"), remora_store_get_path (store));
  return FALSE;
}

/**
 * remora_store_find_neighbour:
 * @store: a #RemoraStore
 * @event_id: an event
 * @alike: what the event looked for shares with it
 * @forward: %TRUE for the next such event, %FALSE for the one before
 * @found: (out): its id, or -1 when there is none
 * @error: a location for a #GError
 *
 * The nearest event after (or before) @event_id with the same name, task or
 * CPU: the chunks that hold such events (chunk_types, chunk_pids,
 * chunk_cpus) are looked into one by one from the event's on, a seek and a
 * read of at most 1024 rows each.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_store_find_neighbour (RemoraStore    *store,
                             gint64          event_id,
                             RemoraNeighbour alike,
                             gboolean        forward,
                             gint64         *found,
                             GError        **error)
{
  /* ?1 the event `e`; for each chunk `c` holding events that share the
   * column with it, from the event's chunk on, the nearest such event in
   * it (an event type belongs to one buffer: the same type is the same name
   * there) */
#define FIRST REMORA_STORE_SQL_CHUNK_FIRST ("c.chunk")
#define LAST  REMORA_STORE_SQL_CHUNK_LAST ("c.chunk")
#define AFTER                                                                                      \
  "n.id BETWEEN max(" FIRST ", ?1 + 1) AND " LAST, "ASC",                                          \
      "c.chunk >= " REMORA_STORE_SQL_CHUNK_OF ("?1") " ORDER BY c.chunk ASC"
#define BEFORE                                                                                     \
  "n.id BETWEEN " FIRST " AND min(" LAST ", ?1 - 1)", "DESC",                                      \
      "c.chunk <= " REMORA_STORE_SQL_CHUNK_OF ("?1") " ORDER BY c.chunk DESC"
#define NEIGHBOUR_(ids, order, chunks, from, key, same)                                            \
  "SELECT (SELECT n.id FROM event_rows n WHERE " ids " AND " same " ORDER BY n.id " order          \
  " LIMIT 1) FROM event_rows e, " from " c WHERE e.id = ?1 AND " key " AND " chunks
#define NEIGHBOUR(...) NEIGHBOUR_ (__VA_ARGS__)
#define TYPE           "chunk_types", "c.type = e.type", "n.type = e.type"
#define PID            "chunk_pids", "c.pid = e.pid", "n.pid = e.pid"
#define CPU                                                                                        \
  "chunk_cpus",                                                                                    \
      "c.cpu = e.cpu AND c.buffer_id = (SELECT buffer_id FROM event_types WHERE id = e.type)",     \
      "n.cpu = e.cpu AND n.type IN (SELECT b.id FROM event_types a JOIN event_types b "            \
      "USING (buffer_id) WHERE a.id = e.type)"
  static const char *const sql[3][2] = {
    { NEIGHBOUR (BEFORE, TYPE), NEIGHBOUR (AFTER, TYPE) },
    { NEIGHBOUR (BEFORE, PID), NEIGHBOUR (AFTER, PID) },
    { NEIGHBOUR (BEFORE, CPU), NEIGHBOUR (AFTER, CPU) },
  };
#undef FIRST
#undef LAST
#undef AFTER
#undef BEFORE
#undef NEIGHBOUR_
#undef NEIGHBOUR
#undef TYPE
#undef PID
#undef CPU
  g_autoptr (sqlite3_stmt) st = NULL;
  int rc;

  g_return_val_if_fail ((guint) alike < 3, FALSE);
  *found = -1;
  rc = sqlite3_prepare_v2 (remora_store_get_db (store), sql[alike][forward ? 1 : 0], -1, &st, NULL);
  if (!remora_store_check (store, rc, error))
    return FALSE;
  sqlite3_bind_int64 (st, 1, event_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    if (sqlite3_column_type (st, 0) != SQLITE_NULL)
      {
        *found = remora_store_column_id (store, st, 0);
        rc = SQLITE_DONE;
        break;
      }
  return remora_store_check (store, rc, error);
}
