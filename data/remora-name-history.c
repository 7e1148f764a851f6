/* remora-name-history.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-name-history.h"

#include "remora-store-private.h"

typedef struct
{
  gint64      since_ns;
  gint32      pid;
  const char *comm;
} Name;

struct _RemoraNameHistory
{
  Name         *names; /* by pid, then since_ns */
  guint         n;
  GStringChunk *strings;
};

static void
name_history_clear (gpointer data)
{
  RemoraNameHistory *self = data;

  g_free (self->names);
  g_string_chunk_free (self->strings);
}

/**
 * remora_name_history_read:
 * @store: a #RemoraStore, used on this thread
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the names of the store's tasks over time, or
 *   %NULL with @error set.
 */
RemoraNameHistory *
remora_name_history_read (RemoraStore *store, GError **error)
{
  g_autoptr (RemoraNameHistory) self = g_atomic_rc_box_new0 (RemoraNameHistory);
  g_autoptr (GArray) names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_autoptr (RemoraCachedStmt) st = NULL;
  int rc;

  self->strings = g_string_chunk_new (4096);
  st = remora_store_prepare_cached (
      store, "SELECT pid, since_ts, comm FROM task_names ORDER BY pid, since_ts", error);
  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *comm = (const char *) sqlite3_column_text (st, 2);
      Name n = { remora_store_column_ts (store, st, 1), remora_store_column_int32 (store, st, 0),
                 g_string_chunk_insert_const (self->strings, comm ? comm : "") };
      g_array_append_val (names, n);
    }
  if (!remora_store_check (store, rc, error))
    return NULL;
  self->n = names->len;
  self->names = (Name *) (void *) g_array_free (g_steal_pointer (&names), FALSE);
  return g_steal_pointer (&self);
}

RemoraNameHistory *
remora_name_history_ref (RemoraNameHistory *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
remora_name_history_unref (RemoraNameHistory *self)
{
  g_atomic_rc_box_release_full (self, name_history_clear);
}

/**
 * remora_name_history_lookup:
 * @self: a #RemoraNameHistory
 * @pid: a task
 * @ts: a time, ns as recorded
 *
 * Returns: (nullable): the name @pid had at @ts (its first one before it
 *   was first seen), or %NULL for a pid the store does not name.
 */
const char *
remora_name_history_lookup (const RemoraNameHistory *self, int pid, gint64 ts)
{
  guint lo = 0, hi = self->n;

  /* the first entry after (pid, ts) */
  while (lo < hi)
    {
      guint       mid = lo + (hi - lo) / 2;
      const Name *n = &self->names[mid];

      if (n->pid < pid || (n->pid == pid && n->since_ns <= ts))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo > 0 && self->names[lo - 1].pid == pid)
    return self->names[lo - 1].comm;
  /* before the first: the first */
  if (lo < self->n && self->names[lo].pid == pid)
    return self->names[lo].comm;
  return NULL;
}

/**
 * remora_name_history_get_size:
 * @self: a #RemoraNameHistory
 *
 * Returns: how many names it holds (each task's first and its changes).
 */
guint
remora_name_history_get_size (const RemoraNameHistory *self)
{
  return self->n;
}
