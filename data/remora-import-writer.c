/* remora-import-writer.c: the store writer: the batches, the writer
 * thread's inserts, the small tables, the headers, meta, and the
 * temporary file renamed into place
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-import-private.h"

/* Batches ------------------------------------------------------------------ */

static void
clear_string_field (GArray *array, gsize offset)
{
  for (guint i = 0; i < array->len; i++)
    g_free (*(char **) (array->data + i * g_array_get_element_size (array) + offset));
}

static void
batch_reset (Batch *b)
{
  for (guint i = 0; i < b->chunks->len; i++)
    g_bytes_unref (g_array_index (b->chunks, ChunkRec, i).data);
  for (guint i = 0; i < b->lods->len; i++)
    g_bytes_unref (g_array_index (b->lods, LodRec, i).data);
  g_array_set_size (b->lods, 0);
  clear_string_field (b->prints, G_STRUCT_OFFSET (PrintRec, text));
  clear_string_field (b->types, G_STRUCT_OFFSET (TypeRec, system));
  clear_string_field (b->types, G_STRUCT_OFFSET (TypeRec, name));
  g_array_set_size (b->events, 0);
  g_array_set_size (b->chunks, 0);
  g_array_set_size (b->chunk_types, 0);
  g_array_set_size (b->chunk_pids, 0);
  g_array_set_size (b->chunk_cpus, 0);
  g_array_set_size (b->slices, 0);
  g_array_set_size (b->wakeups, 0);
  g_array_set_size (b->blocks, 0);
  g_array_set_size (b->lost, 0);
  g_array_set_size (b->prints, 0);
  g_array_set_size (b->types, 0);
  b->first_id = -1;
  b->final = FALSE;
}

Batch *
remora_import_batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);
  b->events = g_array_sized_new (FALSE, FALSE, sizeof (EventRec), BATCH_EVENTS);
  b->chunks = g_array_new (FALSE, FALSE, sizeof (ChunkRec));
  b->chunk_types = g_array_new (FALSE, FALSE, sizeof (ChunkKeyRec));
  b->chunk_pids = g_array_new (FALSE, FALSE, sizeof (ChunkKeyRec));
  b->chunk_cpus = g_array_new (FALSE, FALSE, sizeof (ChunkKeyRec));
  b->slices = g_array_new (FALSE, FALSE, sizeof (SliceRec));
  b->wakeups = g_array_new (FALSE, FALSE, sizeof (WakeupRec));
  b->blocks = g_array_new (FALSE, FALSE, sizeof (BlockRec));
  b->lost = g_array_new (FALSE, FALSE, sizeof (LostRec));
  b->prints = g_array_new (FALSE, FALSE, sizeof (PrintRec));
  b->types = g_array_new (FALSE, FALSE, sizeof (TypeRec));
  b->lods = g_array_new (FALSE, FALSE, sizeof (LodRec));
  b->first_id = -1;
  return b;
}

void
remora_import_batch_free (Batch *b)
{
  batch_reset (b);
  g_array_unref (b->events);
  g_array_unref (b->chunks);
  g_array_unref (b->chunk_types);
  g_array_unref (b->chunk_pids);
  g_array_unref (b->chunk_cpus);
  g_array_unref (b->slices);
  g_array_unref (b->wakeups);
  g_array_unref (b->blocks);
  g_array_unref (b->lost);
  g_array_unref (b->prints);
  g_array_unref (b->types);
  g_array_unref (b->lods);
  g_free (b);
}

/* Writer thread ------------------------------------------------------------ */

static gboolean
step (Import *im, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return remora_sqlite_check (im->db, rc, _ ("write the store"), im->store_path, error);
}

/* Many rows per statement: a step per row costs more than the insert. */
typedef void (*BindRow) (sqlite3_stmt *st, int at, gconstpointer row, gpointer data);

/* Inserts @rows with @many (ROWS_PER_INSERT rows of @columns) while there
 * are that many, then one by one with @one; @bind binds a row's values from
 * parameter @at + 1 on. */
static gboolean
insert_rows (Import       *im,
             sqlite3_stmt *one,
             sqlite3_stmt *many,
             int           columns,
             GArray       *rows,
             BindRow       bind,
             gpointer      data,
             GError      **error)
{
  guint size = g_array_get_element_size (rows);

  for (guint i = 0; i < rows->len;)
    {
      gboolean      full = rows->len - i >= ROWS_PER_INSERT;
      guint         n = full ? ROWS_PER_INSERT : 1;
      sqlite3_stmt *st = full ? many : one;

      for (guint k = 0; k < n; k++)
        bind (st, columns * (int) k, rows->data + (gsize) (i + k) * size, data);
      if (!step (im, st, error))
        return FALSE;
      i += n;
    }
  return TRUE;
}

static void
bind_event (sqlite3_stmt *st, int at, gconstpointer row, gpointer data)
{
  const Batch    *b = data;
  const EventRec *e = row;

  sqlite3_bind_int64 (st, at + 1, b->first_id + (e - (const EventRec *) (void *) b->events->data));
  sqlite3_bind_int64 (st, at + 2, e->ts);
  sqlite3_bind_int (st, at + 3, e->cpu);
  sqlite3_bind_int (st, at + 4, e->pid);
  sqlite3_bind_int (st, at + 5, e->type);
}

/* chunk_types and chunk_pids: key, chunk, events; chunk_cpus (@data not
 * %NULL): buffer_id first */
static void
bind_chunk_key (sqlite3_stmt *st, int at, gconstpointer row, gpointer data)
{
  const ChunkKeyRec *k = row;

  if (data != NULL)
    sqlite3_bind_int (st, ++at, k->buffer);
  sqlite3_bind_int (st, at + 1, k->key);
  sqlite3_bind_int64 (st, at + 2, k->chunk);
  sqlite3_bind_int64 (st, at + 3, k->events);
}

static void
bind_slice (sqlite3_stmt *st, int at, gconstpointer row, gpointer data)
{
  const SliceRec *s = row;

  sqlite3_bind_int (st, at + 1, s->buffer);
  sqlite3_bind_int (st, at + 2, s->cpu);
  sqlite3_bind_int (st, at + 3, s->pid);
  sqlite3_bind_int64 (st, at + 4, s->start_ts);
  sqlite3_bind_int64 (st, at + 5, s->end_ts);
  if (s->has_state)
    {
      char text[32];

      sqlite3_bind_text (st, at + 6, remora_task_state_format (s->state_raw, text), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, at + 7, s->state_raw);
    }
  else
    {
      sqlite3_bind_null (st, at + 6);
      sqlite3_bind_null (st, at + 7);
    }
  remora_sqlite_bind_int64_or_null (st, at + 8, s->prio < 0, s->prio);
}

static void
bind_wakeup (sqlite3_stmt *st, int at, gconstpointer row, gpointer data)
{
  const WakeupRec       *w = row;
  const RemoraWakeupRow *r = &w->row;
  gboolean               open = r->switch_event_id < 0;

  sqlite3_bind_int (st, at + 1, w->buffer);
  sqlite3_bind_int (st, at + 2, r->pid);
  sqlite3_bind_text (st, at + 3, r->comm, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (st, at + 4, r->wakeup_ts);
  sqlite3_bind_int (st, at + 5, r->wakeup_cpu);
  remora_sqlite_bind_int64_or_null (st, at + 6, r->target_cpu < 0, r->target_cpu);
  remora_sqlite_bind_int64_or_null (st, at + 7, open, r->switch_ts);
  remora_sqlite_bind_int64_or_null (st, at + 8, open, r->switch_cpu);
  remora_sqlite_bind_int64_or_null (st, at + 9, open, r->switch_ts - r->wakeup_ts);
  sqlite3_bind_int (st, at + 10, r->new_task);
  sqlite3_bind_int (st, at + 11, r->waker_pid);
  sqlite3_bind_int64 (st, at + 12, r->wakeup_event_id);
  remora_sqlite_bind_int64_or_null (st, at + 13, open, r->switch_event_id);
}

/* The event types, the event rows and the payload chunks */
static gboolean
write_rows (Import *im, Batch *b, GError **error)
{
  for (guint i = 0; i < b->types->len; i++)
    {
      TypeRec *t = &g_array_index (b->types, TypeRec, i);
      sqlite3_bind_int (im->st_type, 1, t->id);
      sqlite3_bind_int (im->st_type, 2, t->buffer);
      sqlite3_bind_int (im->st_type, 3, t->tep_id);
      sqlite3_bind_text (im->st_type, 4, t->system, -1, SQLITE_STATIC);
      sqlite3_bind_text (im->st_type, 5, t->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (im->st_type, 6, t->parsed);
      if (!step (im, im->st_type, error))
        return FALSE;
    }

  if (!insert_rows (im, im->st_event, im->st_events, 5, b->events, bind_event, b, error))
    return FALSE;

  for (guint i = 0; i < b->chunks->len; i++)
    {
      ChunkRec     *c = &g_array_index (b->chunks, ChunkRec, i);
      gsize         len;
      gconstpointer data = g_bytes_get_data (c->data, &len);
      sqlite3_bind_int64 (im->st_chunk, 1, c->chunk);
      sqlite3_bind_blob (im->st_chunk, 2, data, (int) len, SQLITE_STATIC);
      if (!step (im, im->st_chunk, error))
        return FALSE;
      sqlite3_bind_int64 (im->st_chunk_span, 1, c->chunk);
      sqlite3_bind_int64 (im->st_chunk_span, 2, c->first_id);
      sqlite3_bind_int64 (im->st_chunk_span, 3, c->last_id);
      sqlite3_bind_int64 (im->st_chunk_span, 4, c->first_ts);
      sqlite3_bind_int64 (im->st_chunk_span, 5, c->last_ts);
      if (!step (im, im->st_chunk_span, error))
        return FALSE;
    }
  return insert_rows (im, im->st_chunk_type, im->st_chunk_types, 3, b->chunk_types, bind_chunk_key,
                      NULL, error) &&
         insert_rows (im, im->st_chunk_pid, im->st_chunk_pids, 3, b->chunk_pids, bind_chunk_key,
                      NULL, error) &&
         insert_rows (im, im->st_chunk_cpu, im->st_chunk_cpus, 4, b->chunk_cpus, bind_chunk_key,
                      GINT_TO_POINTER (TRUE), error);
}

/* What ran on each CPU (sched_slices) and the measured wakeups */
static gboolean
write_sched (Import *im, Batch *b, GError **error)
{
  return insert_rows (im, im->st_slice, im->st_slices, 8, b->slices, bind_slice, NULL, error) &&
         insert_rows (im, im->st_wakeup, im->st_wakeups, 13, b->wakeups, bind_wakeup, NULL, error);
}

/* The block requests and the gaps of lost events */
static gboolean
write_blocks_and_gaps (Import *im, Batch *b, GError **error)
{
  for (guint i = 0; i < b->blocks->len; i++)
    {
      BlockRec             *k = &g_array_index (b->blocks, BlockRec, i);
      const RemoraBlockRow *r = &k->row;
      gboolean              open = r->complete_event_id < 0;
      sqlite3_stmt         *st = im->st_block;
      char                  dev[32];

      g_snprintf (dev, sizeof dev, "%u,%u", r->dev >> 20, r->dev & 0xfffff);
      sqlite3_bind_int (st, 1, k->buffer);
      sqlite3_bind_text (st, 2, dev, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (st, 3, (gint64) r->sector);
      sqlite3_bind_int64 (st, 4, r->nr_sector);
      sqlite3_bind_text (st, 5, r->rwbs, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (st, 6, r->issue_ts);
      sqlite3_bind_int (st, 7, r->issue_cpu);
      sqlite3_bind_int (st, 8, r->issue_pid);
      remora_sqlite_bind_int64_or_null (st, 9, open, r->complete_ts);
      remora_sqlite_bind_int64_or_null (st, 10, open, r->complete_cpu);
      remora_sqlite_bind_int64_or_null (st, 11, open, r->complete_ts - r->issue_ts);
      remora_sqlite_bind_int64_or_null (st, 12, open, r->error);
      sqlite3_bind_int (st, 13, r->requeued);
      sqlite3_bind_int64 (st, 14, r->issue_event_id);
      remora_sqlite_bind_int64_or_null (st, 15, open, r->complete_event_id);
      if (!step (im, st, error))
        return FALSE;
    }

  for (guint i = 0; i < b->lost->len; i++)
    {
      LostRec *l = &g_array_index (b->lost, LostRec, i);
      sqlite3_bind_int (im->st_lost, 1, l->buffer);
      sqlite3_bind_int (im->st_lost, 2, l->cpu);
      sqlite3_bind_int64 (im->st_lost, 3, l->ts);
      remora_sqlite_bind_int64_or_null (im->st_lost, 4, !l->known, l->count);
      if (!step (im, im->st_lost, error))
        return FALSE;
    }
  return TRUE;
}

/* Trace_marker texts and the summaries' blocks */
static gboolean
write_prints_and_summaries (Import *im, Batch *b, GError **error)
{
  for (guint i = 0; i < b->prints->len; i++)
    {
      PrintRec *p = &g_array_index (b->prints, PrintRec, i);
      sqlite3_bind_int64 (im->st_print, 1, p->event_id);
      sqlite3_bind_text (im->st_print, 2, p->text, -1, SQLITE_STATIC);
      if (!step (im, im->st_print, error))
        return FALSE;
    }

  for (guint i = 0; i < b->lods->len; i++)
    {
      LodRec       *l = &g_array_index (b->lods, LodRec, i);
      gsize         len;
      gconstpointer data = g_bytes_get_data (l->data, &len);
      sqlite3_stmt *st = l->task ? im->st_lod_task : im->st_lod;

      /* CPU blocks as zstd frames: their tasks repeat from cell to cell */
      if (!l->task)
        {
          gsize bound = ZSTD_compressBound (len);

          g_byte_array_set_size (im->lod_zbuf, bound);
          len = ZSTD_compressCCtx (im->lod_zctx, im->lod_zbuf->data, bound, data, len, ZSTD_LEVEL);
          g_assert (!ZSTD_isError (len));
          data = im->lod_zbuf->data;
        }
      sqlite3_bind_int (st, 1, l->level);
      sqlite3_bind_int (st, 2, l->buffer);
      sqlite3_bind_int (st, 3, l->key);
      sqlite3_bind_int64 (st, 4, l->block);
      sqlite3_bind_blob (st, 5, data, (int) len, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_batch (Import *im, Batch *b, GError **error)
{
  return write_rows (im, b, error) && write_sched (im, b, error) &&
         write_blocks_and_gaps (im, b, error) && write_prints_and_summaries (im, b, error);
}

gpointer
remora_import_writer_thread (gpointer data)
{
  Import *im = data;

  for (;;)
    {
      Batch   *b = g_async_queue_pop (im->filled);
      gboolean final = b->final;

      if (!g_atomic_int_get (&im->writer_failed))
        {
          GError *error = NULL;
          if (!write_batch (im, b, &error))
            {
              im->writer_error = error;
              g_atomic_int_set (&im->writer_failed, 1);
            }
        }
      batch_reset (b);
      g_async_queue_push (im->free_batches, b);
      if (final)
        break;
    }
  return NULL;
}

/* Finishing ---------------------------------------------------------------- */

gboolean
remora_import_exec_resource (Import *im, const char *resource, GError **error)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (resource, 0, error);
  g_autofree char *sql = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return remora_sqlite_exec (im->db, sql, _ ("write the store"), im->store_path, error);
}

static gboolean
put_meta (
    Import *im, const char *key, const char *text, gint64 num, gboolean is_text, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;

  if (!remora_sqlite_prepare (im->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                              FALSE, &st, im->store_path, error))
    return FALSE;
  sqlite3_bind_text (st, 1, key, -1, SQLITE_STATIC);
  if (is_text)
    remora_sqlite_bind_text_or_null (st, 2, text);
  else
    sqlite3_bind_int64 (st, 2, num);
  return remora_sqlite_check (im->db, sqlite3_step (st), _ ("write the store"), im->store_path,
                              error);
}

#define META_TEXT(k, v)                                                                            \
  if (!put_meta (im, k, v, 0, TRUE, error))                                                        \
    return FALSE;
#define META_INT(k, v)                                                                             \
  if (!put_meta (im, k, NULL, v, FALSE, error))                                                    \
    return FALSE;

static int
compare_names (gconstpointer a, gconstpointer b)
{
  const NameRec *x = a, *y = b;

  if (x->pid != y->pid)
    return x->pid < y->pid ? -1 : 1;
  if (x->ts != y->ts)
    return x->ts < y->ts ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* task_names: each pid's first name since 0 (the trace's beginning, or
 * whenever the pid came to be before it was first seen), then a row at each
 * change; the idle task is <idle>. */
static gboolean
write_task_names (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;
  const NameRec *last = NULL;

  if (!remora_sqlite_prepare (
          im->db, "INSERT OR REPLACE INTO task_names (pid, since_ts, comm) VALUES (?, ?, ?)", FALSE,
          &st, im->store_path, error))
    return FALSE;
  if ((im->pid_bits[0] & 1) || g_hash_table_contains (im->comms, GINT_TO_POINTER (0)))
    {
      sqlite3_bind_int (st, 1, 0);
      sqlite3_bind_int64 (st, 2, 0);
      sqlite3_bind_text (st, 3, "<idle>", -1, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
    }
  g_array_sort (im->names, compare_names);
  for (guint i = 0; i < im->names->len; i++)
    {
      const NameRec *n = &g_array_index (im->names, NameRec, i);
      gboolean       first = last == NULL || last->pid != n->pid;

      if (!first && strcmp (last->comm, n->comm) == 0)
        continue;
      sqlite3_bind_int (st, 1, n->pid);
      sqlite3_bind_int64 (st, 2, first ? 0 : n->ts);
      sqlite3_bind_text (st, 3, n->comm, -1, SQLITE_STATIC);
      if (!step (im, st, error))
        return FALSE;
      last = n;
    }
  return TRUE;
}

/* Each buffer, its CPUs, and the counters of its pairings. */
static gboolean
write_buffers (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st_buf = NULL;
  g_autoptr (sqlite3_stmt) st_cpu = NULL;
  g_autoptr (sqlite3_stmt) st_count = NULL;

  if (!remora_sqlite_prepare (im->db, "INSERT INTO buffers (id, name, cpus) VALUES (?, ?, ?)",
                              FALSE, &st_buf, im->store_path, error) ||
      !remora_sqlite_prepare (im->db,
                              "INSERT INTO cpus (buffer_id, cpu, first_ts, last_ts, events, "
                              "lost_events, lost_marks) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              FALSE, &st_cpu, im->store_path, error) ||
      !remora_sqlite_prepare (im->db,
                              "INSERT INTO pair_counts (buffer_id, name, value) VALUES (?, ?, ?)",
                              FALSE, &st_count, im->store_path, error))
    return FALSE;

  for (guint i = 0; i < im->buffers->len; i++)
    {
      BufferState              *b = g_ptr_array_index (im->buffers, i);
      const RemoraWakeupPairer *w = &b->wakeups;
      const RemoraBlockPairer  *k = &b->blocks;
      int                       cpus = MAX ((int) b->cpus->len, b->ncpus);
      const struct
      {
        const char *name;
        gint64      value;
      } counts[] = {
        { "sched_wakeup", w->wakeups },
        { "sched_wakeup_new", w->wakeups_new },
        { "wakeups_matched", w->matched },
        { "wakeup_while_running", w->wakeup_while_running },
        { "duplicate_wakeups", w->duplicate_wakeups },
        { "stale_dropped", w->stale_dropped },
        { "wakeups_unmatched_at_end", w->unmatched_at_end },
        { "block_issued", k->issued },
        { "block_completed", k->completed },
        { "block_matched", k->matched },
        { "block_zero_length_matched", k->zero_length_matched },
        { "block_complete_without_issue", k->complete_without_issue },
        { "block_complete_without_issue_zero_length", k->complete_without_issue_zero_length },
        { "block_requeue_events", k->requeue_events },
        { "block_requeued", k->requeued },
        { "block_issued_not_completed", k->issued_not_completed },
        { "block_complete_with_error", k->complete_with_error },
      };

      sqlite3_bind_int (st_buf, 1, b->index);
      sqlite3_bind_text (st_buf, 2, b->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (st_buf, 3, cpus);
      if (!step (im, st_buf, error))
        return FALSE;

      for (int cpu = 0; cpu < cpus; cpu++)
        {
          CpuState *cs = cpu_state (b, cpu);
          sqlite3_bind_int (st_cpu, 1, b->index);
          sqlite3_bind_int (st_cpu, 2, cpu);
          remora_sqlite_bind_int64_or_null (st_cpu, 3, cs->first_ts < 0, cs->first_ts);
          remora_sqlite_bind_int64_or_null (st_cpu, 4, cs->last_ts < 0, cs->last_ts);
          sqlite3_bind_int64 (st_cpu, 5, cs->events);
          sqlite3_bind_int64 (st_cpu, 6, cs->lost_known);
          sqlite3_bind_int64 (st_cpu, 7, cs->lost_marks);
          if (!step (im, st_cpu, error))
            return FALSE;
        }

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          sqlite3_bind_int (st_count, 1, b->index);
          sqlite3_bind_text (st_count, 2, counts[c].name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (st_count, 3, counts[c].value);
          if (!step (im, st_count, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Every task with its last name, and those that emitted events but never
 * showed in a sched event's fields with the name of the trace's saved
 * cmdlines (their first task_names row too). */
static gboolean
write_tasks (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st_task = NULL;
  g_autoptr (GArray) pids = g_array_new (FALSE, FALSE, sizeof (int));
  BufferState   *top = g_ptr_array_index (im->buffers, 0);
  GHashTableIter iter;
  gpointer       key, value;

  if (!remora_sqlite_prepare (im->db, "INSERT OR REPLACE INTO tasks (pid, comm) VALUES (?, ?)",
                              FALSE, &st_task, im->store_path, error))
    return FALSE;
  g_hash_table_iter_init (&iter, im->comms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_bind_int (st_task, 1, GPOINTER_TO_INT (key));
      sqlite3_bind_text (st_task, 2, value, -1, SQLITE_STATIC);
      if (!step (im, st_task, error))
        return FALSE;
    }

  for (int pid = 0; pid < PID_BITS; pid++)
    if ((im->pid_bits[pid >> 3] & (1 << (pid & 7))) &&
        !g_hash_table_contains (im->comms, GINT_TO_POINTER (pid)))
      g_array_append_val (pids, pid);
  g_hash_table_iter_init (&iter, im->big_pids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (im->comms, key))
      {
        int pid = GPOINTER_TO_INT (key);
        g_array_append_val (pids, pid);
      }
  for (guint i = 0; i < pids->len; i++)
    {
      int         pid = g_array_index (pids, int, i);
      const char *comm = pid == 0 ? "<idle>" : tep_data_comm_from_pid (top->tep, pid);
      NameRec     n = { .ts = 0, .pid = pid, .seq = im->names->len };

      sqlite3_bind_int (st_task, 1, pid);
      sqlite3_bind_text (st_task, 2, comm ? comm : "<...>", -1, SQLITE_TRANSIENT);
      if (!step (im, st_task, error))
        return FALSE;
      if (pid != 0 && !g_hash_table_contains (im->names_now, GINT_TO_POINTER (pid)))
        {
          g_strlcpy (n.comm, comm ? comm : "<...>", sizeof n.comm);
          g_array_append_val (im->names, n);
        }
    }
  return TRUE;
}

/* How many records each event type has. */
static gboolean
write_type_counts (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st_type = NULL;

  if (!remora_sqlite_prepare (im->db, "UPDATE event_types SET count = ? WHERE id = ?", FALSE,
                              &st_type, im->store_path, error))
    return FALSE;
  for (guint i = 0; i < im->type_counts->len; i++)
    {
      sqlite3_bind_int64 (st_type, 1, g_array_index (im->type_counts, gint64, i));
      sqlite3_bind_int (st_type, 2, (int) i);
      if (!step (im, st_type, error))
        return FALSE;
    }
  return TRUE;
}

void
remora_import_symbol_clear (gpointer data)
{
  g_free (((SymbolRec *) data)->name);
}

/* The functions the function events named, and what they said of each */
static gboolean
write_symbols (Import *im, GError **error)
{
  g_autoptr (sqlite3_stmt) st = NULL;

  if (!remora_sqlite_prepare (im->db,
                              "INSERT INTO symbols (id, addr, name, calls, returns, total_ns, "
                              "max_ns) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              FALSE, &st, im->store_path, error))
    return FALSE;
  for (guint i = 0; i < im->symbol_rows->len; i++)
    {
      const SymbolRec *s = &g_array_index (im->symbol_rows, SymbolRec, i);

      sqlite3_bind_int64 (st, 1, i + 1);
      sqlite3_bind_int64 (st, 2, s->addr);
      remora_sqlite_bind_text_or_null (st, 3, s->name);
      sqlite3_bind_int64 (st, 4, s->calls);
      sqlite3_bind_int64 (st, 5, s->returns);
      sqlite3_bind_int64 (st, 6, s->total_ns);
      remora_sqlite_bind_int64_or_null (st, 7, s->returns == 0, s->max_ns);
      if (!step (im, st, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
remora_import_write_small_tables (Import *im, GError **error)
{
  return write_buffers (im, error) && write_tasks (im, error) && write_task_names (im, error) &&
         write_type_counts (im, error) && write_symbols (im, error);
}

/* Copies the trace's headers (formats, kallsyms, printk formats, cmdlines)
 * into the store as a trace-cmd file without CPU data, so that payloads can be
 * decoded with libtraceevent once the .dat is gone. */
gboolean
remora_import_write_headers (Import     *im,
                             const char *readable_path,
                             const char *scratch_prefix,
                             GError    **error)
{
  g_autofree char       *tmpl = g_strconcat (scratch_prefix, "headers-XXXXXX", NULL);
  struct tracecmd_input *head = im->head;
  g_autoptr (sqlite3_stmt) st = NULL;
  g_autofree char        *contents = NULL;
  struct tracecmd_output *out;
  gsize                   len;
  int                     fd;
  gboolean                ok;

  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOSPC ? REMORA_DATA_ERROR_NO_SPACE : REMORA_DATA_ERROR_STORE,
                   _ ("Failed to write the store “%s”: %s"), im->store_path, g_strerror (errsv));
      return FALSE;
    }
  close (fd);

  /* A compressed input passes its compression on to the copy; naming one as
   * well makes libtracecmd 1.3.1 allocate a second compressor and leak the
   * first. */
  out = head ? tracecmd_copy (head, tmpl, REMORA_TRACECMD_FILE_CMD_LINES, 7,
                              remora_trace_reader_get_compression (im->reader) ? NULL : "zstd")
             : NULL;
  if (head != NULL && out == NULL)
    out = tracecmd_copy (head, tmpl, REMORA_TRACECMD_FILE_CMD_LINES, 6, NULL);
  if (out == NULL)
    {
      g_unlink (tmpl);
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_CORRUPT,
                   _ ("Failed to copy the headers of “%s”"), im->trace_path);
      return FALSE;
    }
  tracecmd_output_close (out);
  ok = g_file_get_contents (tmpl, &contents, &len, error);
  g_unlink (tmpl);
  if (!ok)
    return FALSE;

  if (!remora_sqlite_prepare (im->db, "INSERT INTO trace_headers (id, data) VALUES (0, ?)", FALSE,
                              &st, im->store_path, error))
    return FALSE;
  sqlite3_bind_blob64 (st, 1, contents, len, SQLITE_STATIC);
  if (!remora_sqlite_check (im->db, sqlite3_step (st), _ ("write the store"), im->store_path,
                            error))
    return FALSE;
  /* libtracecmd wrote them from headers this process has read (after a
   * child did): the store's readers in this process need not try them in a
   * child again */
  remora_store_trust_headers (contents, len);
  return TRUE;
}

/* INSERT INTO @table_columns of one row, and of ROWS_PER_INSERT rows: a
 * statement per row costs more than the insert itself. */
static gboolean
prepare_inserts (Import        *im,
                 const char    *table_columns,
                 int            columns,
                 sqlite3_stmt **one,
                 sqlite3_stmt **many,
                 GError       **error)
{
  g_autoptr (GString) row = g_string_new ("(?");
  g_autoptr (GString) sql = g_string_new (NULL);

  for (int c = 1; c < columns; c++)
    g_string_append (row, ", ?");
  g_string_append_c (row, ')');
  g_string_printf (sql, "INSERT INTO %s VALUES %s", table_columns, row->str);
  if (!remora_sqlite_prepare (im->db, sql->str, TRUE, one, im->store_path, error))
    return FALSE;
  for (int k = 1; k < ROWS_PER_INSERT; k++)
    g_string_append_printf (sql, ", %s", row->str);
  return remora_sqlite_prepare (im->db, sql->str, TRUE, many, im->store_path, error);
}

gboolean
remora_import_prepare_writer (Import *im, GError **error)
{
  if (!prepare_inserts (im, "event_rows (id, ts, cpu, pid, type)", 5, &im->st_event, &im->st_events,
                        error) ||
      !prepare_inserts (im,
                        "sched_slices (buffer_id, cpu, pid, start_ts, end_ts, end_state, "
                        "end_state_raw, prio)",
                        8, &im->st_slice, &im->st_slices, error) ||
      !prepare_inserts (im,
                        "wakeups (buffer_id, pid, comm, wakeup_ts, wakeup_cpu, target_cpu, "
                        "switch_ts, switch_cpu, latency_ns, new_task, waker_pid, "
                        "wakeup_event_id, switch_event_id)",
                        13, &im->st_wakeup, &im->st_wakeups, error) ||
      !prepare_inserts (im, "chunk_types (type, chunk, events)", 3, &im->st_chunk_type,
                        &im->st_chunk_types, error) ||
      !prepare_inserts (im, "chunk_pids (pid, chunk, events)", 3, &im->st_chunk_pid,
                        &im->st_chunk_pids, error) ||
      !prepare_inserts (im, "chunk_cpus (buffer_id, cpu, chunk, events)", 4, &im->st_chunk_cpu,
                        &im->st_chunk_cpus, error))
    return FALSE;
  return remora_sqlite_prepare (im->db, "INSERT INTO event_payloads (chunk, data) VALUES (?, ?)",
                                TRUE, &im->st_chunk, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO event_chunks (chunk, first_id, last_id, first_ts, "
                                "last_ts) VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_chunk_span, im->store_path, error) &&
         remora_sqlite_prepare (
             im->db,
             "INSERT INTO block_requests (buffer_id, dev, sector, nr_sector, rwbs, "
             "issue_ts, issue_cpu, issue_pid, complete_ts, complete_cpu, "
             "latency_ns, error, requeued, issue_event_id, complete_event_id) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             TRUE, &im->st_block, im->store_path, error) &&
         remora_sqlite_prepare (
             im->db, "INSERT INTO lost_events (buffer_id, cpu, ts, count) VALUES (?, ?, ?, ?)",
             TRUE, &im->st_lost, im->store_path, error) &&
         remora_sqlite_prepare (im->db, "INSERT INTO prints (event_id, text) VALUES (?, ?)", TRUE,
                                &im->st_print, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO event_types (id, buffer_id, tep_id, system, name, "
                                "parsed) VALUES (?, ?, ?, ?, ?, ?)",
                                TRUE, &im->st_type, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO lod_cpu (level, buffer_id, cpu, block, data) "
                                "VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_lod, im->store_path, error) &&
         remora_sqlite_prepare (im->db,
                                "INSERT INTO lod_task (level, buffer_id, pid, block, data) "
                                "VALUES (?, ?, ?, ?, ?)",
                                TRUE, &im->st_lod_task, im->store_path, error);
}

void
remora_import_finalize_statements (Import *im)
{
  g_clear_pointer (&im->st_event, sqlite3_finalize);
  g_clear_pointer (&im->st_events, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_span, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_type, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_types, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_pid, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_pids, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_cpu, sqlite3_finalize);
  g_clear_pointer (&im->st_chunk_cpus, sqlite3_finalize);
  g_clear_pointer (&im->st_slice, sqlite3_finalize);
  g_clear_pointer (&im->st_wakeup, sqlite3_finalize);
  g_clear_pointer (&im->st_block, sqlite3_finalize);
  g_clear_pointer (&im->st_lost, sqlite3_finalize);
  g_clear_pointer (&im->st_print, sqlite3_finalize);
  g_clear_pointer (&im->st_slices, sqlite3_finalize);
  g_clear_pointer (&im->st_wakeups, sqlite3_finalize);
  g_clear_pointer (&im->st_type, sqlite3_finalize);
  g_clear_pointer (&im->st_lod, sqlite3_finalize);
  g_clear_pointer (&im->st_lod_task, sqlite3_finalize);
}

gboolean
remora_import_open_temporary_store (Import *im, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (im->store_path);
  int              rc;

  if (g_access (dir, W_OK) != 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR,
                   errsv == ENOENT ? REMORA_DATA_ERROR_NOT_FOUND : REMORA_DATA_ERROR_PERMISSION,
                   _ ("Failed to create the store “%s”: %s"), im->store_path, g_strerror (errsv));
      return FALSE;
    }

  im->tmp_path =
      g_strdup_printf ("%s.tmp-%d-%08x", im->store_path, (int) getpid (), g_random_int ());
  rc = sqlite3_open_v2 (im->tmp_path, &im->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                            SQLITE_OPEN_EXCLUSIVE,
                        NULL);
  if (!remora_sqlite_check (im->db, rc, _ ("create the store"), im->store_path, error))
    return FALSE;
  sqlite3_extended_result_codes (im->db, 1);
  remora_sqlite_watch_cancellable (im->db, im->cancellable);

  /* A temporary file, renamed only when complete: no journal is needed. */
  return remora_sqlite_exec (im->db,
                             "PRAGMA page_size = 16384;"
                             "PRAGMA journal_mode = OFF;"
                             "PRAGMA synchronous = OFF;"
                             "PRAGMA locking_mode = EXCLUSIVE;"
                             "PRAGMA cache_size = -65536;"
                             "PRAGMA temp_store = FILE;"
                             "PRAGMA threads = 0;",
                             _ ("create the store"), im->store_path, error) &&
         remora_import_exec_resource (im, "/io/github/remora/data/remora-schema.sql", error) &&
         remora_sqlite_exec (im->db, "BEGIN", _ ("write the store"), im->store_path, error);
}

gboolean
remora_import_sync_and_rename (Import *im, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (im->store_path);
  int              fd = g_open (im->tmp_path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      if (fsync (fd) != 0 && errno == ENOSPC)
        {
          close (fd);
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_NO_SPACE,
                       _ ("Failed to write the store “%s”: the disk is full"), im->store_path);
          return FALSE;
        }
      close (fd);
    }
  if (g_rename (im->tmp_path, im->store_path) != 0)
    {
      int errsv = errno;
      g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                   _ ("Failed to move the new store into place as “%s”: %s"), im->store_path,
                   g_strerror (errsv));
      return FALSE;
    }
  g_clear_pointer (&im->tmp_path, g_free);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
remora_import_write_meta (Import                       *im,
                          const RemoraTraceCheck       *check,
                          const RemoraTraceFingerprint *fp,
                          const char                   *partial_message,
                          GError                      **error)
{
  BufferState     *top = g_ptr_array_index (im->buffers, 0);
  const char      *uname = tracecmd_get_uname (im->head);
  const char      *comp_name = remora_trace_reader_get_compression (im->reader);
  g_autofree char *abs_path = NULL;
  g_autofree char *release = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  gint64           lost = 0;

  if (g_path_is_absolute (im->trace_path))
    abs_path = g_strdup (im->trace_path);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      abs_path = g_build_filename (cwd, im->trace_path, NULL);
    }
  if (uname != NULL)
    {
      /* "Linux host 6.1.0-56-amd64 x86_64": the release is the third word */
      g_auto (GStrv) words = g_strsplit (uname, " ", 4);
      if (g_strv_length (words) >= 3)
        release = g_strdup (words[2]);
    }
  for (guint i = 0; i < im->buffers->len; i++)
    {
      BufferState *b = g_ptr_array_index (im->buffers, i);
      for (guint c = 0; c < b->cpus->len; c++)
        lost += g_array_index (b->cpus, CpuState, c).lost_known;
    }

  META_INT ("schema_version", REMORA_STORE_SCHEMA_VERSION);
  META_INT ("importer_version", REMORA_IMPORTER_VERSION);
  META_TEXT ("remora_version", PACKAGE_VERSION);
  META_TEXT ("imported_at", now_text);
  META_TEXT ("source_path", abs_path);
  META_INT ("source_size", fp->size);
  META_INT ("source_mtime_us", fp->mtime_us);
  META_TEXT ("header_hash", fp->hash);
  META_INT ("file_version", check->file_version);
  META_TEXT ("compression", comp_name ? comp_name : "none");
  META_TEXT ("trace_cmd_version", tracecmd_get_version (im->head));
  META_TEXT ("uname", uname);
  META_TEXT ("kernel", release);
  META_TEXT ("clock", tracecmd_get_trace_clock (im->head));
  META_INT ("cpus", top->ncpus);
  META_INT ("buffers", im->buffers->len);
  META_INT ("events", im->next_id);
  META_INT ("first_ts", im->next_id > 0 ? im->first_ts : 0);
  META_INT ("last_ts", im->next_id > 0 ? im->last_ts : 0);
  META_INT ("lost_events", lost);
  META_INT ("long_size", tep_get_long_size (top->tep));
  META_INT ("ts_monotonic", im->ts_monotonic);
  META_INT ("lod_levels", remora_lod_levels_for_span (im->first_ts, im->last_ts));
  META_INT ("partial", partial_message != NULL);
  META_TEXT ("partial_reason", partial_message);
  META_INT ("missing_bytes", (gint64) check->missing_bytes);
  META_INT ("damaged_unknown", im->damaged_unknown);
  META_INT ("damaged_payload", im->damaged_payload);
  META_INT ("damaged_time", im->damaged_time);
  META_INT ("damaged_span", im->damaged_span);
  META_INT ("complete", 1);
  return TRUE;
}
