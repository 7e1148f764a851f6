/* remora-pairing.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-pairing-private.h"

/* Wakeups -------------------------------------------------------------- */

void
remora_wakeup_pairer_init (RemoraWakeupPairer *self, RemoraWakeupEmit emit, gpointer user_data)
{
  memset (self, 0, sizeof *self);
  self->emit = emit;
  self->user_data = user_data;
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->running_on = g_hash_table_new (NULL, NULL);
  self->running = g_array_new (FALSE, FALSE, sizeof (int));
}

void
remora_wakeup_pairer_clear (RemoraWakeupPairer *self)
{
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->running_on, g_hash_table_unref);
  g_clear_pointer (&self->running, g_array_unref);
}

static int *
running_slot (RemoraWakeupPairer *self, int cpu)
{
  g_assert (cpu >= 0);
  while (self->running->len <= (guint) cpu)
    {
      int unknown = -1;
      g_array_append_val (self->running, unknown);
    }
  return &g_array_index (self->running, int, cpu);
}

static void
set_running (RemoraWakeupPairer *self, int cpu, int pid)
{
  int *slot = running_slot (self, cpu);

  if (*slot > 0 &&
      GPOINTER_TO_INT (g_hash_table_lookup (self->running_on, GINT_TO_POINTER (*slot))) == cpu + 1)
    g_hash_table_remove (self->running_on, GINT_TO_POINTER (*slot));
  *slot = pid;
  if (pid > 0)
    g_hash_table_insert (self->running_on, GINT_TO_POINTER (pid), GINT_TO_POINTER (cpu + 1));
}

/* A sched_wakeup or sched_wakeup_new for @pid. */
void
remora_wakeup_pairer_wakeup (RemoraWakeupPairer *self,
                             gint64              event_id,
                             gint64              ts,
                             int                 cpu,
                             int                 pid,
                             const char         *comm,
                             int                 target_cpu,
                             gboolean            new_task,
                             int                 waker_pid)
{
  RemoraWakeupRow *row;

  if (new_task)
    self->wakeups_new++;
  else
    self->wakeups++;

  if (pid == 0)
    return;
  if (g_hash_table_contains (self->running_on, GINT_TO_POINTER (pid)))
    {
      self->wakeup_while_running++;
      return;
    }
  if (g_hash_table_contains (self->pending, GINT_TO_POINTER (pid)))
    {
      self->duplicate_wakeups++;
      return;
    }

  row = g_new0 (RemoraWakeupRow, 1);
  row->wakeup_event_id = event_id;
  row->switch_event_id = -1;
  row->wakeup_ts = ts;
  row->pid = pid;
  row->wakeup_cpu = cpu;
  row->target_cpu = target_cpu;
  row->switch_cpu = -1;
  row->waker_pid = waker_pid;
  row->new_task = new_task;
  g_strlcpy (row->comm, comm ? comm : "", sizeof row->comm);
  g_hash_table_insert (self->pending, GINT_TO_POINTER (pid), row);
}

void
remora_wakeup_pairer_switch (
    RemoraWakeupPairer *self, gint64 event_id, gint64 ts, int cpu, int prev_pid, int next_pid)
{
  RemoraWakeupRow *row;

  /* The task switched out while a wakeup was pending: it was running unseen,
   * so the wakeup measured nothing. */
  if (prev_pid != 0 && g_hash_table_remove (self->pending, GINT_TO_POINTER (prev_pid)))
    self->stale_dropped++;

  if (next_pid != 0 &&
      (row = g_hash_table_lookup (self->pending, GINT_TO_POINTER (next_pid))) != NULL)
    {
      row->switch_event_id = event_id;
      row->switch_ts = ts;
      row->switch_cpu = cpu;
      self->matched++;
      self->emit (row, self->user_data);
      g_hash_table_remove (self->pending, GINT_TO_POINTER (next_pid));
    }

  set_running (self, cpu, next_pid);
}

/* Events were lost on @cpu: which task runs there is unknown again. */
void
remora_wakeup_pairer_lost (RemoraWakeupPairer *self, int cpu)
{
  set_running (self, cpu, -1);
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const RemoraWakeupRow *ra = *(RemoraWakeupRow *const *) a;
  const RemoraWakeupRow *rb = *(RemoraWakeupRow *const *) b;
  return (ra->wakeup_event_id > rb->wakeup_event_id) - (ra->wakeup_event_id < rb->wakeup_event_id);
}

/* Emits the wakeups still pending, with no switch, in time order. */
void
remora_wakeup_pairer_finish (RemoraWakeupPairer *self)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    self->emit (g_ptr_array_index (rows, i), self->user_data);
  self->unmatched_at_end += rows->len;
  g_hash_table_remove_all (self->pending);
}

/* Block requests ------------------------------------------------------- */

typedef struct
{
  guint32 dev;
  guint32 zero_length;
  guint64 sector;
  char    rwbs[9];
} BlockKey;

static guint
block_key_hash (gconstpointer p)
{
  const BlockKey *k = p;
  guint           h = g_int64_hash (&k->sector) ^ (k->dev * 2654435761u) ^ k->zero_length;
  if (k->zero_length)
    h ^= g_str_hash (k->rwbs);
  return h;
}

static gboolean
block_key_equal (gconstpointer a, gconstpointer b)
{
  const BlockKey *ka = a;
  const BlockKey *kb = b;
  return ka->dev == kb->dev && ka->zero_length == kb->zero_length && ka->sector == kb->sector &&
         strcmp (ka->rwbs, kb->rwbs) == 0;
}

static void
free_queue (gpointer data)
{
  g_queue_free_full (data, g_free);
}

void
remora_block_pairer_init (RemoraBlockPairer *self, RemoraBlockEmit emit, gpointer user_data)
{
  memset (self, 0, sizeof *self);
  self->emit = emit;
  self->user_data = user_data;
  self->open = g_hash_table_new_full (block_key_hash, block_key_equal, g_free, free_queue);
}

void
remora_block_pairer_clear (RemoraBlockPairer *self)
{
  g_clear_pointer (&self->open, g_hash_table_unref);
}

/* Zero-length requests (flushes) report sector 0 at issue and 2^64-1 at
 * completion, so they are keyed by (dev, rwbs) instead of (dev, sector). */
static void
make_key (BlockKey *key, guint32 dev, guint64 sector, guint32 nr_sector, const char *rwbs)
{
  memset (key, 0, sizeof *key);
  key->dev = dev;
  if (nr_sector == 0)
    {
      key->zero_length = 1;
      g_strlcpy (key->rwbs, rwbs ? rwbs : "", sizeof key->rwbs);
    }
  else
    key->sector = sector;
}

void
remora_block_pairer_issue (RemoraBlockPairer *self,
                           gint64             event_id,
                           gint64             ts,
                           int                cpu,
                           int                pid,
                           guint32            dev,
                           guint64            sector,
                           guint32            nr_sector,
                           const char        *rwbs)
{
  RemoraBlockRow *row = g_new0 (RemoraBlockRow, 1);
  BlockKey        key;
  GQueue         *queue;

  self->issued++;
  row->issue_event_id = event_id;
  row->complete_event_id = -1;
  row->issue_ts = ts;
  row->issue_cpu = cpu;
  row->issue_pid = pid;
  row->complete_cpu = -1;
  row->dev = dev;
  row->sector = sector;
  row->nr_sector = nr_sector;
  g_strlcpy (row->rwbs, rwbs ? rwbs : "", sizeof row->rwbs);

  make_key (&key, dev, sector, nr_sector, rwbs);
  queue = g_hash_table_lookup (self->open, &key);
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (self->open, g_memdup2 (&key, sizeof key), queue);
    }
  g_queue_push_tail (queue, row);
}

static RemoraBlockRow *
take_oldest (
    RemoraBlockPairer *self, guint32 dev, guint64 sector, guint32 nr_sector, const char *rwbs)
{
  BlockKey key;
  GQueue  *queue;

  make_key (&key, dev, sector, nr_sector, rwbs);
  queue = g_hash_table_lookup (self->open, &key);
  if (queue == NULL)
    return NULL;
  return g_queue_pop_head (queue);
}

void
remora_block_pairer_complete (RemoraBlockPairer *self,
                              gint64             event_id,
                              gint64             ts,
                              int                cpu,
                              guint32            dev,
                              guint64            sector,
                              guint32            nr_sector,
                              const char        *rwbs,
                              int                error)
{
  RemoraBlockRow *row;

  self->completed++;
  if (error != 0)
    self->complete_with_error++;
  row = take_oldest (self, dev, sector, nr_sector, rwbs);
  if (row == NULL)
    {
      self->complete_without_issue++;
      if (nr_sector == 0)
        self->complete_without_issue_zero_length++;
      return;
    }
  row->complete_event_id = event_id;
  row->complete_ts = ts;
  row->complete_cpu = cpu;
  row->error = error;
  self->matched++;
  if (nr_sector == 0)
    self->zero_length_matched++;
  self->emit (row, self->user_data);
  g_free (row);
}

/* A requeue closes the oldest open request without a latency; its next issue
 * starts a new measurement. */
void
remora_block_pairer_requeue (RemoraBlockPairer *self,
                             gint64             event_id,
                             gint64             ts,
                             int                cpu,
                             guint32            dev,
                             guint64            sector,
                             guint32            nr_sector,
                             const char        *rwbs)
{
  RemoraBlockRow *row;

  self->requeue_events++;
  row = take_oldest (self, dev, sector, nr_sector, rwbs);
  if (row == NULL)
    return;
  row->requeued = TRUE;
  self->requeued++;
  self->emit (row, self->user_data);
  g_free (row);
}

static int
compare_block_rows (gconstpointer a, gconstpointer b)
{
  const RemoraBlockRow *ra = *(RemoraBlockRow *const *) a;
  const RemoraBlockRow *rb = *(RemoraBlockRow *const *) b;
  return (ra->issue_event_id > rb->issue_event_id) - (ra->issue_event_id < rb->issue_event_id);
}

/* Emits the requests still open, with no completion, in issue order. */
void
remora_block_pairer_finish (RemoraBlockPairer *self)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->open);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GQueue *queue = value;
      while (!g_queue_is_empty (queue))
        g_ptr_array_add (rows, g_queue_pop_head (queue));
    }
  g_ptr_array_sort (rows, compare_block_rows);
  for (guint i = 0; i < rows->len; i++)
    self->emit (g_ptr_array_index (rows, i), self->user_data);
  self->issued_not_completed += rows->len;
  g_hash_table_remove_all (self->open);
}
