/* remora-import-decode.c: decoding the records of the trace into rows,
 * pairs, summaries and batches for the writer (the reader thread's work)
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-import-private.h"

/* Hands the current batch to the writer and takes a free one (blocking while
 * the writer is behind, which bounds memory). */
void
remora_import_flush_batch (Import *im, gboolean final)
{
  im->cur->final = final;
  g_async_queue_push (im->filled, im->cur);
  im->cur = final ? NULL : g_async_queue_pop (im->free_batches);
}

/* Reader ------------------------------------------------------------------- */

/* Chunk tallies -------------------------------------------------------------- */

void
remora_import_chunk_tally_init (ChunkTally *t)
{
  t->slots = g_hash_table_new (NULL, NULL);
  t->keys = g_array_new (FALSE, FALSE, sizeof (ChunkKeyRec));
  t->last = 0;
}

void
remora_import_chunk_tally_clear (ChunkTally *t)
{
  g_clear_pointer (&t->slots, g_hash_table_unref);
  g_clear_pointer (&t->keys, g_array_unref);
}

/* One more event of @key (−1 and up) in the chunk being filled: consecutive
 * events mostly share their keys, so the last one is looked at first. */
static inline void
tally_add (ChunkTally *t, gint32 buffer, gint32 key)
{
  ChunkKeyRec *k;
  guint        slot;

  if (t->keys->len > 0)
    {
      k = &g_array_index (t->keys, ChunkKeyRec, t->last);
      if (k->key == key && k->buffer == buffer)
        {
          k->events++;
          return;
        }
    }
  slot = GPOINTER_TO_UINT (
      g_hash_table_lookup (t->slots, GUINT_TO_POINTER (((guint) buffer << 16 | (guint) key) + 1)));
  if (slot == 0)
    {
      ChunkKeyRec add = { 0, 0, buffer, key };

      g_array_append_val (t->keys, add);
      slot = t->keys->len;
      g_hash_table_insert (t->slots, GUINT_TO_POINTER (((guint) buffer << 16 | (guint) key) + 1),
                           GUINT_TO_POINTER (slot));
    }
  t->last = slot - 1;
  g_array_index (t->keys, ChunkKeyRec, t->last).events++;
}

/* Hands the chunk's keys to the batch, in key order */
static int
compare_chunk_keys (gconstpointer a, gconstpointer b)
{
  const ChunkKeyRec *x = a, *y = b;

  if (x->buffer != y->buffer)
    return x->buffer < y->buffer ? -1 : 1;
  return x->key < y->key ? -1 : x->key > y->key;
}

static void
tally_flush (ChunkTally *t, gint64 chunk, GArray *out)
{
  g_array_sort (t->keys, compare_chunk_keys);
  for (guint i = 0; i < t->keys->len; i++)
    g_array_index (t->keys, ChunkKeyRec, i).chunk = chunk;
  g_array_append_vals (out, t->keys->data, t->keys->len);
  g_array_set_size (t->keys, 0);
  g_hash_table_remove_all (t->slots);
  t->last = 0;
}

/* Compresses the payloads of the last (up to) 1024 events into one chunk:
 * a zstd frame of u32 count, count × u16 sizes, then the payloads (LE). */
void
remora_import_flush_chunk (Import *im)
{
  ChunkRec c;
  guint32  n = GUINT32_TO_LE (im->chunk_count);
  gsize    head = 4 + 2 * (gsize) im->chunk_count;
  gsize    payloads = im->chunk_data->len - CHUNK_HEAD;
  gsize    bound, len;

  if (im->chunk_count == 0)
    return;

  /* the count before the sizes; the payloads right after the sizes (they
   * already are, unless the chunk is short: the trace's last) */
  memcpy (im->chunk_data->data, &n, 4);
  if (head < CHUNK_HEAD)
    memmove (im->chunk_data->data + head, im->chunk_data->data + CHUNK_HEAD, payloads);
  bound = ZSTD_compressBound (head + payloads);
  g_byte_array_set_size (im->zbuf, bound);
  len = ZSTD_compressCCtx (im->zctx, im->zbuf->data, bound, im->chunk_data->data, head + payloads,
                           ZSTD_LEVEL);
  g_assert (!ZSTD_isError (len));

  c.chunk = (im->next_id - 1) >> REMORA_STORE_CHUNK_SHIFT;
  c.first_id = im->next_id - im->chunk_count;
  c.last_id = im->next_id - 1;
  c.first_ts = im->chunk_first_ts;
  c.last_ts = im->prev_ts;
  c.data = g_bytes_new (im->zbuf->data, len);
  g_array_append_val (im->cur->chunks, c);
  tally_flush (&im->chunk_types, c.chunk, im->cur->chunk_types);
  tally_flush (&im->chunk_pids, c.chunk, im->cur->chunk_pids);
  tally_flush (&im->chunk_cpus, c.chunk, im->cur->chunk_cpus);
  g_byte_array_set_size (im->chunk_data, CHUNK_HEAD);
  im->chunk_count = 0;
}

static gint64
field_num (struct tep_format_field *field, struct tep_record *rec, gint64 fallback)
{
  unsigned long long val;

  if (field == NULL || tep_read_number_field (field, rec->data, &val) != 0)
    return fallback;
  /* sign-extend signed fields narrower than 64 bits */
  if ((field->flags & TEP_FIELD_IS_SIGNED) && field->size < 8)
    {
      int shift = 64 - field->size * 8;
      return ((gint64) (val << shift)) >> shift;
    }
  return (gint64) val;
}

/* Copies a char[N] field (NUL-padded) into @out. */
static const char *
field_str (struct tep_format_field *field, struct tep_record *rec, char *out, gsize out_size)
{
  int offset, size;

  if (field == NULL)
    return NULL;
  offset = field->offset;
  size = field->size;
  if (field->flags & TEP_FIELD_IS_DYNAMIC)
    {
      unsigned long long dyn;
      if (tep_read_number_field (field, rec->data, &dyn) != 0)
        return NULL;
      offset = dyn & 0xffff;
      size = dyn >> 16;
    }
  if (offset < 0 || size < 0 || offset + size > rec->size)
    return NULL;
  size = MIN ((gsize) size, out_size - 1);
  memcpy (out, (const char *) rec->data + offset, size);
  out[size] = 0;
  return out;
}

/* @comm is @pid's name at @ts: the first one seen, or a change, is kept as a
 * row of task_names. The idle task (pid 0) is <idle> on every CPU, never the
 * swapper/N a scheduler event names it. */
static void
note_name (Import *im, int pid, gint64 ts, const char *comm)
{
  const char *old;
  NameRec     n = { .ts = ts, .pid = pid };

  if (comm == NULL || comm[0] == 0 || pid <= 0)
    return;
  old = g_hash_table_lookup (im->names_now, GINT_TO_POINTER (pid));
  if (old != NULL && strcmp (old, comm) == 0)
    return;
  g_hash_table_insert (im->names_now, GINT_TO_POINTER (pid), g_strdup (comm));
  g_strlcpy (n.comm, comm, sizeof n.comm);
  n.seq = im->names->len;
  g_array_append_val (im->names, n);
}

/* The same, from a scheduler event's fields, which also give tasks its one
 * name per pid (the last). */
static void
remember_comm (Import *im, int pid, gint64 ts, const char *comm)
{
  const char *old;

  if (comm == NULL || comm[0] == 0)
    return;
  note_name (im, pid, ts, comm);
  old = g_hash_table_lookup (im->comms, GINT_TO_POINTER (pid));
  if (old == NULL || strcmp (old, comm) != 0)
    g_hash_table_insert (im->comms, GINT_TO_POINTER (pid), g_strdup (comm));
}

static gint64
intern_symbol (Import *im, struct tep_handle *tep, guint64 addr)
{
  gpointer  value;
  SymbolRec s = { (gint64) addr };

  if (g_hash_table_lookup_extended (im->symbols, &addr, NULL, &value))
    return GPOINTER_TO_SIZE (value);
  s.name = g_strdup (tep_find_function (tep, addr));
  g_array_append_val (im->symbol_rows, s);
  g_hash_table_insert (im->symbols, g_memdup2 (&addr, sizeof addr),
                       GSIZE_TO_POINTER (im->symbol_rows->len));
  return im->symbol_rows->len;
}

static void
emit_wakeup (const RemoraWakeupRow *row, gpointer user_data)
{
  BufferState *b = user_data;
  WakeupRec    w = { .buffer = b->index, .row = *row };
  g_array_append_val (b->im->cur->wakeups, w);
  remora_lod_builder_add_task_wakeup (b->im->lod, b->index, row->pid, row->wakeup_ts);
}

static void
emit_block (const RemoraBlockRow *row, gpointer user_data)
{
  BufferState *b = user_data;
  BlockRec     k = { .buffer = b->index, .row = *row };
  g_array_append_val (b->im->cur->blocks, k);
}

static int
event_id_of (struct tep_handle *tep, const char *system, const char *name)
{
  struct tep_event *event = tep_find_event_by_name (tep, system, name);
  return event ? event->id : -1;
}

static struct tep_format_field *
find_field (struct tep_handle *tep, int id, const char *name)
{
  struct tep_event *event = id >= 0 ? tep_find_event (tep, id) : NULL;
  return event ? tep_find_any_field (event, name) : NULL;
}

static void
buffer_state_setup (BufferState *b)
{
  struct tep_handle *tep = b->tep;

  b->id_switch = event_id_of (tep, "sched", "sched_switch");
  b->id_wakeup = event_id_of (tep, "sched", "sched_wakeup");
  b->id_wakeup_new = event_id_of (tep, "sched", "sched_wakeup_new");
  b->id_issue = event_id_of (tep, "block", "block_rq_issue");
  b->id_complete = event_id_of (tep, "block", "block_rq_complete");
  b->id_requeue = event_id_of (tep, "block", "block_rq_requeue");
  b->id_print = event_id_of (tep, "ftrace", "print");
  b->id_fentry = event_id_of (tep, "ftrace", "funcgraph_entry");
  b->id_fexit = event_id_of (tep, "ftrace", "funcgraph_exit");
  b->id_function = event_id_of (tep, "ftrace", "function");
  b->id_exec = event_id_of (tep, "sched", "sched_process_exec");
  b->id_fork = event_id_of (tep, "sched", "sched_process_fork");
  b->id_rename = event_id_of (tep, "task", "task_rename");

  b->sw_prev_comm = find_field (tep, b->id_switch, "prev_comm");
  b->sw_prev_pid = find_field (tep, b->id_switch, "prev_pid");
  b->sw_prev_prio = find_field (tep, b->id_switch, "prev_prio");
  b->sw_prev_state = find_field (tep, b->id_switch, "prev_state");
  b->sw_next_comm = find_field (tep, b->id_switch, "next_comm");
  b->sw_next_pid = find_field (tep, b->id_switch, "next_pid");
  b->sw_next_prio = find_field (tep, b->id_switch, "next_prio");
  b->wk_comm = find_field (tep, b->id_wakeup, "comm");
  b->wk_pid = find_field (tep, b->id_wakeup, "pid");
  b->wk_target_cpu = find_field (tep, b->id_wakeup, "target_cpu");
  b->wn_comm = find_field (tep, b->id_wakeup_new, "comm");
  b->wn_pid = find_field (tep, b->id_wakeup_new, "pid");
  b->wn_target_cpu = find_field (tep, b->id_wakeup_new, "target_cpu");
  /* every other sched event whose comm and pid are one task's, as it is
   * then (sched_process_wait's comm is the waiter's, its pid the waited
   * for's) */
  b->namers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (struct tep_event **e = tep_list_events (tep, TEP_EVENT_SORT_ID); e && *e; e++)
    {
      struct tep_format_field *comm = tep_find_field (*e, "comm");
      struct tep_format_field *pid = tep_find_field (*e, "pid");

      if (comm != NULL && pid != NULL && g_strcmp0 ((*e)->system, "sched") == 0 &&
          g_strcmp0 ((*e)->name, "sched_process_wait") != 0 && (*e)->id != b->id_wakeup &&
          (*e)->id != b->id_wakeup_new)
        {
          NameFields *f = g_new (NameFields, 1);
          f->comm = comm;
          f->pid = pid;
          g_hash_table_insert (b->namers, GINT_TO_POINTER ((*e)->id), f);
        }
    }
  b->ex_filename = find_field (tep, b->id_exec, "filename");
  b->ex_pid = find_field (tep, b->id_exec, "pid");
  b->fk_parent_comm = find_field (tep, b->id_fork, "parent_comm");
  b->fk_parent_pid = find_field (tep, b->id_fork, "parent_pid");
  b->fk_child_comm = find_field (tep, b->id_fork, "child_comm");
  b->fk_child_pid = find_field (tep, b->id_fork, "child_pid");
  b->rn_pid = find_field (tep, b->id_rename, "pid");
  b->rn_newcomm = find_field (tep, b->id_rename, "newcomm");
  b->is_dev = find_field (tep, b->id_issue, "dev");
  b->is_sector = find_field (tep, b->id_issue, "sector");
  b->is_nr_sector = find_field (tep, b->id_issue, "nr_sector");
  b->is_rwbs = find_field (tep, b->id_issue, "rwbs");
  b->co_dev = find_field (tep, b->id_complete, "dev");
  b->co_sector = find_field (tep, b->id_complete, "sector");
  b->co_nr_sector = find_field (tep, b->id_complete, "nr_sector");
  b->co_rwbs = find_field (tep, b->id_complete, "rwbs");
  b->co_error = find_field (tep, b->id_complete, "error");
  b->rq_dev = find_field (tep, b->id_requeue, "dev");
  b->rq_sector = find_field (tep, b->id_requeue, "sector");
  b->rq_nr_sector = find_field (tep, b->id_requeue, "nr_sector");
  b->rq_rwbs = find_field (tep, b->id_requeue, "rwbs");
  b->pr_buf = find_field (tep, b->id_print, "buf");
  b->fe_func = find_field (tep, b->id_fentry, "func");
  b->fe_depth = find_field (tep, b->id_fentry, "depth");
  b->fx_func = find_field (tep, b->id_fexit, "func");
  b->fx_depth = find_field (tep, b->id_fexit, "depth");
  b->fx_calltime = find_field (tep, b->id_fexit, "calltime");
  b->fx_rettime = find_field (tep, b->id_fexit, "rettime");
  b->fn_ip = find_field (tep, b->id_function, "ip");
  b->fn_parent_ip = find_field (tep, b->id_function, "parent_ip");

  /* Pairing needs all of a pair's fields; without them the pair is not built. */
  if (!b->sw_prev_pid || !b->sw_next_pid)
    b->id_switch = -1;
  if (!b->wk_pid)
    b->id_wakeup = -1;
  if (!b->wn_pid)
    b->id_wakeup_new = -1;
  if (!b->is_dev || !b->is_sector || !b->is_nr_sector)
    b->id_issue = -1;
  if (!b->co_dev || !b->co_sector || !b->co_nr_sector)
    b->id_complete = -1;
  if (!b->rq_dev || !b->rq_sector || !b->rq_nr_sector)
    b->id_requeue = -1;
  if (!b->fe_func)
    b->id_fentry = -1;
  if (!b->fx_func)
    b->id_fexit = -1;
  if (!b->fn_ip)
    b->id_function = -1;
}

static gint32
type_of (Import *im, BufferState *b, int tep_id)
{
  struct tep_event *event;
  TypeRec           t;

  /* a record too damaged to have an id is filed under the last one */
  if (tep_id < 0 || tep_id >= TEP_ID_MAP_SIZE)
    tep_id = TEP_ID_MAP_SIZE - 1;
  if (b->type_map[tep_id] != 0)
    return b->type_map[tep_id] - 1;

  event = tep_find_event (b->tep, tep_id);
  t.id = im->n_types++;
  t.buffer = b->index;
  t.tep_id = tep_id;
  if (event != NULL)
    {
      t.system = g_strdup (event->system ? event->system : "");
      t.name = g_strdup (event->name ? event->name : "");
      t.parsed = (event->flags & TEP_EVENT_FL_FAILED) == 0;
    }
  else
    {
      /* An id with no format in the file: keep the record under a name that
       * says so; its fields cannot be decoded. */
      t.system = g_strdup ("");
      t.name = tep_id == TEP_ID_MAP_SIZE - 1 ? g_strdup ("damaged_record")
                                             : g_strdup_printf ("unknown_event_%d", tep_id);
      t.parsed = FALSE;
    }
  g_array_append_val (im->cur->types, t);
  b->type_map[tep_id] = t.id + 1;
  return t.id;
}

void
remora_import_emit_lod (
    int level, int buffer, int cpu, gint64 block, const guint8 *data, gsize len, gpointer user_data)
{
  Import *im = user_data;
  LodRec  l = { level, buffer, cpu, block, g_bytes_new (data, len), FALSE };
  g_array_append_val (im->cur->lods, l);
}

void
remora_import_emit_lod_task (
    int level, int buffer, int pid, gint64 block, const guint8 *data, gsize len, gpointer user_data)
{
  Import *im = user_data;
  LodRec  l = { level, buffer, pid, block, g_bytes_new (data, len), TRUE };
  g_array_append_val (im->cur->lods, l);
}

/* The state a slice left its task in, as the task summaries number states. */
static int
task_state_after (const SliceRec *s)
{
  return s->has_state ? (int) remora_task_state_from_raw (s->state_raw)
                      : (int) REMORA_TASK_STATE_UNKNOWN;
}

/* Ends the open slice at @ts with no end state (a gap, or the CPU's end). */
void
remora_import_end_slice (Import *im, BufferState *b, CpuState *cs, int cpu, gint64 ts)
{
  if (cs->slice_known && ts >= cs->slice_start)
    {
      SliceRec s = { .buffer = b->index,
                     .cpu = cpu,
                     .pid = cs->slice_pid,
                     .prio = cs->slice_prio,
                     .start_ts = cs->slice_start,
                     .end_ts = ts };
      g_array_append_val (im->cur->slices, s);
      remora_lod_builder_add_slice (im->lod, b->index, cpu, s.pid, s.start_ts, s.end_ts);
      remora_lod_builder_add_task_slice (im->lod, b->index, s.pid, cpu, s.start_ts, s.end_ts,
                                         task_state_after (&s));
    }
  cs->slice_known = FALSE;
  cs->slice_start = ts;
}

static void
on_switch (Import *im, BufferState *b, CpuState *cs, struct tep_record *rec, gint64 id, int cpu)
{
  char     prev_comm[17], next_comm[17];
  int      prev_pid = (int) field_num (b->sw_prev_pid, rec, -1);
  int      next_pid = (int) field_num (b->sw_next_pid, rec, -1);
  SliceRec s;

  remember_comm (im, prev_pid, (gint64) rec->ts,
                 field_str (b->sw_prev_comm, rec, prev_comm, sizeof prev_comm));
  remember_comm (im, next_pid, (gint64) rec->ts,
                 field_str (b->sw_next_comm, rec, next_comm, sizeof next_comm));

  /* What ran before this switch: since the previous switch, or since the CPU's
   * first record (the first slice is clipped to the CPU's data). */
  s.buffer = b->index;
  s.cpu = cpu;
  s.pid = prev_pid;
  s.prio = cs->slice_known ? cs->slice_prio : (int) field_num (b->sw_prev_prio, rec, -1);
  s.start_ts = cs->slice_start;
  s.end_ts = (gint64) rec->ts;
  s.has_state = b->sw_prev_state != NULL;
  s.state_raw = field_num (b->sw_prev_state, rec, 0);
  g_array_append_val (im->cur->slices, s);
  remora_lod_builder_add_slice (im->lod, b->index, cpu, s.pid, s.start_ts, s.end_ts);
  remora_lod_builder_add_task_slice (im->lod, b->index, s.pid, cpu, s.start_ts, s.end_ts,
                                     task_state_after (&s));

  cs->slice_known = TRUE;
  cs->slice_start = (gint64) rec->ts;
  cs->slice_pid = next_pid;
  cs->slice_prio = (int) field_num (b->sw_next_prio, rec, -1);

  remora_wakeup_pairer_switch (&b->wakeups, id, (gint64) rec->ts, cpu, prev_pid, next_pid);
}

static void
on_block (BufferState *b, struct tep_record *rec, gint64 id, int cpu, int pid, int type)
{
  char rwbs[9];

  if (type == b->id_issue)
    remora_block_pairer_issue (
        &b->blocks, id, (gint64) rec->ts, cpu, pid, (guint32) field_num (b->is_dev, rec, 0),
        (guint64) field_num (b->is_sector, rec, 0), (guint32) field_num (b->is_nr_sector, rec, 0),
        field_str (b->is_rwbs, rec, rwbs, sizeof rwbs));
  else if (type == b->id_complete)
    remora_block_pairer_complete (
        &b->blocks, id, (gint64) rec->ts, cpu, (guint32) field_num (b->co_dev, rec, 0),
        (guint64) field_num (b->co_sector, rec, 0), (guint32) field_num (b->co_nr_sector, rec, 0),
        field_str (b->co_rwbs, rec, rwbs, sizeof rwbs), (int) field_num (b->co_error, rec, 0));
  else
    remora_block_pairer_requeue (
        &b->blocks, id, (gint64) rec->ts, cpu, (guint32) field_num (b->rq_dev, rec, 0),
        (guint64) field_num (b->rq_sector, rec, 0), (guint32) field_num (b->rq_nr_sector, rec, 0),
        field_str (b->rq_rwbs, rec, rwbs, sizeof rwbs));
}

static void
on_func (Import *im, BufferState *b, struct tep_record *rec, int type)
{
  gint64     func;
  SymbolRec *st;

  if (type == b->id_function)
    {
      func = intern_symbol (im, b->tep, field_num (b->fn_ip, rec, 0));
      if (b->fn_parent_ip != NULL)
        intern_symbol (im, b->tep, field_num (b->fn_parent_ip, rec, 0));
    }
  else if (type == b->id_fentry)
    func = intern_symbol (im, b->tep, field_num (b->fe_func, rec, 0));
  else
    func = intern_symbol (im, b->tep, field_num (b->fx_func, rec, 0));
  st = &g_array_index (im->symbol_rows, SymbolRec, func - 1);
  if (type != b->id_fexit)
    st->calls++;
  else if (b->fx_calltime != NULL && b->fx_rettime != NULL)
    {
      /* the kernel's u64 times: a damaged pair can be any two numbers */
      guint64 ret = (guint64) field_num (b->fx_rettime, rec, 0);
      guint64 call = (guint64) field_num (b->fx_calltime, rec, 0);

      if (ret >= call && ret - call <= G_MAXINT64 / 2)
        {
          st->returns++;
          st->total_ns = MIN (st->total_ns + (gint64) (ret - call), G_MAXINT64 / 2);
          st->max_ns = MAX (st->max_ns, (gint64) (ret - call));
        }
    }
}

static void
on_print (Import *im, BufferState *b, struct tep_record *rec, gint64 id)
{
  PrintRec p;
  int      offset = b->pr_buf->offset;
  int      len;

  if (offset >= rec->size)
    return;
  len = strnlen ((const char *) rec->data + offset, rec->size - offset);
  while (len > 0 && ((const char *) rec->data)[offset + len - 1] == '\n')
    len--;
  p.event_id = id;
  p.text = g_strndup ((const char *) rec->data + offset, len);
  g_array_append_val (im->cur->prints, p);
}

/* The events that name a task as it is at that moment, besides the
 * switches and wakeups: sched_waking, sched_process_fork (the child is named
 * at birth), sched_process_exec (the kernel names the task after the base
 * name of what it runs, 15 bytes at most) and task_rename. */
static void
on_name (Import *im, BufferState *b, struct tep_record *rec, int tep_type)
{
  gint64 ts = (gint64) rec->ts;
  char   comm[17];

  if (tep_type == b->id_fork)
    {
      note_name (im, (int) field_num (b->fk_parent_pid, rec, -1), ts,
                 field_str (b->fk_parent_comm, rec, comm, sizeof comm));
      note_name (im, (int) field_num (b->fk_child_pid, rec, -1), ts,
                 field_str (b->fk_child_comm, rec, comm, sizeof comm));
    }
  else if (tep_type == b->id_rename)
    note_name (im, (int) field_num (b->rn_pid, rec, -1), ts,
               field_str (b->rn_newcomm, rec, comm, sizeof comm));
  else if (tep_type == b->id_exec)
    {
      char        path[4096];
      const char *base = field_str (b->ex_filename, rec, path, sizeof path);

      if (base == NULL)
        return;
      if (strrchr (base, '/') != NULL)
        base = strrchr (base, '/') + 1;
      g_strlcpy (comm, base, 16);
      note_name (im, (int) field_num (b->ex_pid, rec, -1), ts, comm);
    }
  else
    {
      NameFields *f = g_hash_table_lookup (b->namers, GINT_TO_POINTER (tep_type));
      note_name (im, (int) field_num (f->pid, rec, -1), ts,
                 field_str (f->comm, rec, comm, sizeof comm));
    }
}

/* Checks a record against its format and counts it damaged (kept, as
 * trace-cmd report shows it too, but with none of its fields decoded) when
 * it does not fit. Returns its event id in the trace, −1 when unknown. */
static int
classify (Import *im, BufferState *b, struct tep_record *rec, guint flags, gboolean *damaged)
{
  struct tep_event *event = NULL;

  *damaged = TRUE;
  if (flags & REMORA_RAW_RECORD_DAMAGED_TIME)
    im->damaged_time++;
  if ((gint64) rec->ts < im->first_ts || (gint64) rec->ts > im->last_ts)
    im->damaged_span++;
  if (flags & REMORA_RAW_RECORD_DAMAGED_SIZE)
    {
      im->damaged_payload++;
      return -1;
    }
  switch (remora_payload_check (b->tep, im->common_size, rec, &event))
    {
    case REMORA_PAYLOAD_OK:
      *damaged = FALSE;
      return event->id;
    case REMORA_PAYLOAD_UNKNOWN:
      im->damaged_unknown++;
      return tep_data_type (b->tep, rec); /* kept as unknown_event_ID */
    case REMORA_PAYLOAD_SHORT:
    case REMORA_PAYLOAD_MISFIT:
    default:
      im->damaged_payload++;
      /* a misfit still has its id: it is counted under its event */
      return event ? event->id : -1;
    }
}

/* The kernel lost events on @cpu before @rec */
static void
on_gap (Import *im, BufferState *b, CpuState *cs, int cpu, struct tep_record *rec)
{
  LostRec l = { .buffer = b->index, .cpu = cpu, .ts = (gint64) rec->ts };

  l.known = rec->missed_events > 0;
  l.count = l.known ? rec->missed_events : 0;
  if (l.known)
    cs->lost_known += rec->missed_events;
  cs->lost_marks++;
  g_array_append_val (im->cur->lost, l);
  remora_wakeup_pairer_lost (&b->wakeups, cpu);
  /* What ran through the gap is unknown: end the open slice here. */
  remora_import_end_slice (im, b, cs, cpu, (gint64) rec->ts);
}

/* The record's row, summaries, counts, payload and chunk tallies */
static void
add_row (Import *im, BufferState *b, CpuState *cs, const EventRec *e, struct tep_record *rec)
{
  guint16 size16 = GUINT16_TO_LE ((guint16) rec->size);

  /* Level-of-detail cells: this CPU gets nothing more before its open slice
   * began (a buffer without sched_switch has no slices: before this record). */
  remora_lod_builder_add_event (im->lod, b->index, e->cpu, e->ts, rec->missed_events != 0);
  if (e->pid >= 0)
    remora_lod_builder_add_task_event (im->lod, b->index, e->pid, e->ts);
  remora_lod_builder_advance (im->lod, b->index, e->cpu,
                              b->id_switch >= 0 ? cs->slice_start : e->ts);

  if (im->cur->first_id < 0)
    im->cur->first_id = im->next_id;
  g_array_append_val (im->cur->events, *e);

  if (e->type >= 0)
    {
      if ((guint) e->type >= im->type_counts->len)
        g_array_set_size (im->type_counts, e->type + 1);
      g_array_index (im->type_counts, gint64, e->type)++;
    }
  if (e->pid >= 0 && e->pid < PID_BITS)
    im->pid_bits[e->pid >> 3] |= 1 << (e->pid & 7);
  else if (e->pid >= 0)
    g_hash_table_add (im->big_pids, GINT_TO_POINTER (e->pid));
  if (e->ts < im->prev_ts)
    im->ts_monotonic = FALSE;
  im->prev_ts = e->ts;

  /* payload into the current chunk */
  if (im->chunk_count == 0)
    im->chunk_first_ts = e->ts;
  memcpy (im->chunk_data->data + 4 + 2 * (gsize) im->chunk_count, &size16, 2);
  g_byte_array_append (im->chunk_data, rec->data, rec->size);
  im->chunk_count++;
  im->next_id++;
  tally_add (&im->chunk_types, 0, e->type);
  tally_add (&im->chunk_pids, 0, e->pid);
  tally_add (&im->chunk_cpus, b->index, e->cpu);
}

static void
on_wakeup (Import *im, BufferState *b, struct tep_record *rec, gint64 id, int tep_type, int waker)
{
  gboolean                 is_new = tep_type == b->id_wakeup_new;
  char                     comm[17];
  int                      pid = (int) field_num (is_new ? b->wn_pid : b->wk_pid, rec, 0);
  const char              *c = field_str (is_new ? b->wn_comm : b->wk_comm, rec, comm, sizeof comm);
  struct tep_format_field *target = is_new ? b->wn_target_cpu : b->wk_target_cpu;

  remember_comm (im, pid, (gint64) rec->ts, c);
  remora_wakeup_pairer_wakeup (&b->wakeups, id, (gint64) rec->ts, rec->cpu, pid, c,
                               (int) field_num (target, rec, -1), is_new, waker);
}

/* What an undamaged record of event @tep_type adds to the pairs, the
 * function counts, the prints and the task names */
static void
decode_fields (Import            *im,
               BufferState       *b,
               CpuState          *cs,
               struct tep_record *rec,
               gint64             id,
               int                tep_type,
               int                pid)
{
  if (tep_type == b->id_switch)
    on_switch (im, b, cs, rec, id, rec->cpu);
  else if (tep_type == b->id_wakeup || tep_type == b->id_wakeup_new)
    on_wakeup (im, b, rec, id, tep_type, pid);
  else if (tep_type == b->id_issue || tep_type == b->id_complete || tep_type == b->id_requeue)
    on_block (b, rec, id, rec->cpu, pid, tep_type);
  else if (tep_type == b->id_function || tep_type == b->id_fentry || tep_type == b->id_fexit)
    on_func (im, b, rec, tep_type);
  else if (tep_type == b->id_print && b->pr_buf != NULL)
    on_print (im, b, rec, id);
  else if (tep_type == b->id_exec || tep_type == b->id_fork || tep_type == b->id_rename ||
           g_hash_table_contains (b->namers, GINT_TO_POINTER (tep_type)))
    on_name (im, b, rec, tep_type);
}

/* Returns FALSE to stop: cancelled, or the writer failed. */
gboolean
remora_import_on_record (Import *im, BufferState *b, struct tep_record *rec, guint flags)
{
  CpuState *cs;
  EventRec  e;
  gint64    id = im->next_id;
  gboolean  damaged;
  int       tep_type;

  if (rec->cpu < 0 || rec->cpu >= REMORA_TRACE_MAX_CPUS || rec->size < 0 || rec->size > G_MAXUINT16)
    return TRUE;
  tep_type = classify (im, b, rec, flags, &damaged);

  cs = cpu_state (b, rec->cpu);
  if (cs->first_ts < 0)
    cs->first_ts = cs->slice_start = (gint64) rec->ts;
  cs->last_ts = (gint64) rec->ts;
  cs->events++;
  if (rec->missed_events != 0)
    on_gap (im, b, cs, rec->cpu, rec);

  e.ts = (gint64) rec->ts;
  e.cpu = rec->cpu;
  e.pid = tep_type >= 0 ? tep_data_pid (b->tep, rec) : -1;
  e.type = type_of (im, b, tep_type);
  add_row (im, b, cs, &e, rec);
  if (!damaged)
    decode_fields (im, b, cs, rec, id, tep_type, e.pid);

  if ((im->next_id & ((1 << REMORA_STORE_CHUNK_SHIFT) - 1)) == 0)
    remora_import_flush_chunk (im);
  if (im->cur->events->len >= BATCH_EVENTS)
    remora_import_flush_batch (im, FALSE);

  return TRUE;
}

void
remora_import_buffer_state_free (gpointer data)
{
  BufferState *b = data;

  remora_wakeup_pairer_clear (&b->wakeups);
  remora_block_pairer_clear (&b->blocks);
  g_clear_pointer (&b->cpus, g_array_unref);
  g_clear_pointer (&b->namers, g_hash_table_unref);
  g_free (b->type_map);
  g_free (b->name);
  g_free (b);
}

BufferState *
remora_import_buffer_state_new (
    Import *im, int index, const char *name, int ncpus, struct tep_handle *tep)
{
  BufferState *b = g_new0 (BufferState, 1);

  b->im = im;
  b->index = index;
  b->name = g_strdup (name);
  b->ncpus = ncpus;
  b->tep = tep;
  b->type_map = g_new0 (gint32, TEP_ID_MAP_SIZE);
  b->cpus = g_array_new (FALSE, FALSE, sizeof (CpuState));
  remora_wakeup_pairer_init (&b->wakeups, emit_wakeup, b);
  remora_block_pairer_init (&b->blocks, emit_block, b);
  buffer_state_setup (b);
  return b;
}
