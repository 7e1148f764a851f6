/* remora-lod.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-lod-private.h"

/* level-0 cells a CPU's window holds at most */
#define REMORA_LOD_MAX_WINDOW ((gint64) 1 << 22)

typedef struct
{
  gint32 pid;
  gint64 ns;
} Run;

typedef struct
{
  guint32 events;
  guint32 lost;
  guint32 n;
  guint32 cap;
  Run    *runs;
} Cell;

typedef struct
{
  gint64 index; /* block index, -1 while none is open */
  Cell   cells[REMORA_LOD_BLOCK_CELLS];
} Block;

typedef struct
{
  int     buffer;
  int     cpu;
  gint64  base;       /* level-0 cell index of window[0] */
  GArray *window;     /* Cell: level-0 cells not final yet, from base on */
  gint64  next_final; /* the first level-0 cell not finalized yet */
  Block   levels[REMORA_LOD_MAX_LEVELS];
  gint64  open_at[REMORA_LOD_MAX_LEVELS]; /* the cell being filled per level, or -1 */
} CpuLod;

struct _RemoraLodBuilder
{
  int               n_levels;
  RemoraLodEmitTask emit_task;
  GPtrArray        *task_buffers; /* per buffer: pid -> TaskLod */
  gint64            span_begin;   /* task summaries cover whole top-level cells */
  gint64            span_end;
  gint64            first_ts; /* the trace's span: data outside it is damage */
  gint64            last_ts;
  RemoraLodEmit     emit;
  gpointer          user_data;
  GPtrArray        *buffers; /* GPtrArray of CpuLod* per buffer */
  GByteArray       *encoded;
};

static void task_lod_free (gpointer data);
static void task_finish (RemoraLodBuilder *self, gpointer task);

/* Cells ------------------------------------------------------------------- */

static void
cell_add_run (Cell *c, int pid, gint64 ns)
{
  for (guint i = 0; i < c->n; i++)
    if (c->runs[i].pid == pid)
      {
        c->runs[i].ns += ns;
        return;
      }
  if (c->n == c->cap)
    {
      c->cap = c->cap ? c->cap * 2 : 2;
      c->runs = g_renew (Run, c->runs, c->cap);
    }
  c->runs[c->n].pid = pid;
  c->runs[c->n].ns = ns;
  c->n++;
}

static void
cell_merge (Cell *dst, const Cell *src)
{
  dst->events += src->events;
  dst->lost += src->lost;
  for (guint i = 0; i < src->n; i++)
    cell_add_run (dst, src->runs[i].pid, src->runs[i].ns);
}

static gboolean
cell_is_empty (const Cell *c)
{
  return c->n == 0 && c->events == 0 && c->lost == 0;
}

static void
cell_reset (Cell *c)
{
  c->n = 0;
  c->events = 0;
  c->lost = 0;
}

static void
cell_free_runs (Cell *c)
{
  g_clear_pointer (&c->runs, g_free);
  c->n = c->cap = 0;
}

/* Encoding ---------------------------------------------------------------- */

/* Writes @v as an unsigned LEB128 varint at @p (at most 10 bytes). */
static inline guint8 *
write_varint (guint8 *p, guint64 v)
{
  while (v >= 0x80)
    {
      *p++ = (v & 0x7f) | 0x80;
      v >>= 7;
    }
  *p++ = v;
  return p;
}

/* Room for @n more bytes at the end of @out: where they start. */
static inline guint8 *
reserve (GByteArray *out, gsize n)
{
  guint len = out->len;

  g_byte_array_set_size (out, len + n);
  return out->data + len;
}

/* Ends @out at @p, within what reserve() gave. */
static inline void
commit (GByteArray *out, const guint8 *p)
{
  g_byte_array_set_size (out, p - out->data);
}

static inline gboolean
get_varint (const guint8 **p, const guint8 *end, guint64 *v)
{
  guint64 r = 0;

  /* most values are below 128: one byte */
  if (G_LIKELY (*p < end && !(**p & 0x80)))
    {
      *v = *(*p)++;
      return TRUE;
    }

  for (int shift = 0; shift < 64; shift += 7)
    {
      guint8 b;
      if (*p >= end)
        return FALSE;
      b = *(*p)++;
      r |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *v = r;
          return TRUE;
        }
    }
  return FALSE;
}

/* The number of cells stored, then each stored (not empty) cell: offset in
 * the block, n, n × (pid, run_ns), events, lost; all unsigned LEB128. */
static void
emit_block (RemoraLodBuilder *self, CpuLod *cl, int level)
{
  Block *b = &cl->levels[level];
  int    stored = 0;

  if (b->index < 0)
    return;
  for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
    stored += !cell_is_empty (&b->cells[i]);
  if (stored > 0)
    {
      guint8 *p;

      g_byte_array_set_size (self->encoded, 0);
      p = write_varint (reserve (self->encoded, 10), stored);
      commit (self->encoded, p);
      for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
        {
          Cell *c = &b->cells[i];
          if (cell_is_empty (c))
            continue;
          /* offset, n, n × (pid, run_ns), events, lost: 10 bytes each at most */
          p = reserve (self->encoded, (4 + 2 * (gsize) c->n) * 10);
          p = write_varint (p, i);
          p = write_varint (p, c->n);
          for (guint r = 0; r < c->n; r++)
            {
              p = write_varint (p, (guint32) c->runs[r].pid);
              p = write_varint (p, (guint64) c->runs[r].ns);
            }
          p = write_varint (p, c->events);
          p = write_varint (p, c->lost);
          commit (self->encoded, p);
        }
      self->emit (level, cl->buffer, cl->cpu, b->index, self->encoded->data, self->encoded->len,
                  self->user_data);
    }
  for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
    cell_reset (&b->cells[i]);
  b->index = -1;
}

/**
 * remora_lod_decode_block:
 * @data: a lod_cpu row's data
 * @len: its length
 * @cells: (out caller-allocates) (array fixed-size=64): the block's cells
 * @runs: a #GArray of #RemoraLodRun that receives the runs; @cells point into it
 *
 * Returns: %FALSE if @data is damaged.
 */
gboolean
remora_lod_decode_block (const guint8 *data, gsize len, RemoraLodCell *cells, GArray *runs)
{
  const guint8 *p = data;
  const guint8 *end = data + len;
  guint         first[REMORA_LOD_BLOCK_CELLS];
  RemoraLodRun *out;
  guint         n_runs = 0;
  guint64       n_stored;
  int           next = 0; /* the lowest offset the next stored cell may have */

  /* a run takes two bytes at least: room for all of them, written in place */
  g_array_set_size (runs, len / 2 + 1);
  out = (RemoraLodRun *) (void *) runs->data;
  memset (cells, 0, sizeof *cells * REMORA_LOD_BLOCK_CELLS);
  if (!get_varint (&p, end, &n_stored) || n_stored > REMORA_LOD_BLOCK_CELLS)
    return FALSE;
  for (guint64 k = 0; k < n_stored; k++)
    {
      guint64 offset, n, events, lost;

      /* offsets grow: a cell once */
      if (!get_varint (&p, end, &offset) || offset >= REMORA_LOD_BLOCK_CELLS ||
          (int) offset < next || !get_varint (&p, end, &n) || n > (guint64) (end - p) / 2)
        return FALSE;
      next = (int) offset + 1;
      first[offset] = n_runs;
      for (guint64 r = 0; r < n; r++)
        {
          guint64 pid, ns;
          if (!get_varint (&p, end, &pid) || !get_varint (&p, end, &ns))
            return FALSE;
          out[n_runs].pid = (gint32) pid;
          out[n_runs].run_ns = (gint64) ns;
          n_runs++;
        }
      if (!get_varint (&p, end, &events) || !get_varint (&p, end, &lost))
        return FALSE;
      cells[offset].events = (guint32) events;
      cells[offset].lost = (guint32) lost;
      cells[offset].n_runs = (guint32) n;
    }
  g_array_set_size (runs, n_runs);
  /* the runs array is complete: now the cells can point into it */
  for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
    cells[i].runs = cells[i].n_runs ? &g_array_index (runs, RemoraLodRun, first[i]) : NULL;
  return p == end;
}

/* Building ---------------------------------------------------------------- */

/**
 * remora_lod_levels_for_span:
 * @first_ts: the trace's first timestamp
 * @last_ts: its last
 *
 * Returns: how many levels a trace needs: up to the first whose one block
 *   covers the whole span.
 */
int
remora_lod_levels_for_span (gint64 first_ts, gint64 last_ts)
{
  gint64 span = MAX (1, last_ts - first_ts);
  int    k = 1;

  while (k < REMORA_LOD_MAX_LEVELS && (REMORA_LOD_CELL_NS (k - 1) << REMORA_LOD_BLOCK_SHIFT) < span)
    k++;
  return k;
}

RemoraLodBuilder *
remora_lod_builder_new (gint64            first_ts,
                        gint64            last_ts,
                        RemoraLodEmit     emit,
                        RemoraLodEmitTask emit_task,
                        gpointer          user_data)
{
  RemoraLodBuilder *self = g_new0 (RemoraLodBuilder, 1);
  int               top;

  self->n_levels = remora_lod_levels_for_span (first_ts, last_ts);
  self->first_ts = MAX (0, first_ts);
  self->last_ts = MAX (self->first_ts, last_ts);
  top = REMORA_LOD_CELL_SHIFT (self->n_levels - 1);
  self->span_begin = (self->first_ts >> top) << top;
  self->span_end = ((self->last_ts >> top) + 1) << top;
  self->emit_task = emit_task;
  self->task_buffers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  self->emit = emit;
  self->user_data = user_data;
  self->buffers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->encoded = g_byte_array_new ();
  return self;
}

static void
cpu_lod_free (gpointer data)
{
  CpuLod *cl = data;

  if (cl == NULL) /* a CPU of the buffer that had no data */
    return;
  for (guint i = 0; i < cl->window->len; i++)
    cell_free_runs (&g_array_index (cl->window, Cell, i));
  g_array_unref (cl->window);
  for (int k = 0; k < REMORA_LOD_MAX_LEVELS; k++)
    for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
      cell_free_runs (&cl->levels[k].cells[i]);
  g_free (cl);
}

void
remora_lod_builder_free (RemoraLodBuilder *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->buffers);
  g_ptr_array_unref (self->task_buffers);
  g_byte_array_unref (self->encoded);
  g_free (self);
}

static CpuLod *
get_cpu (RemoraLodBuilder *self, int buffer, int cpu)
{
  GPtrArray *cpus;
  CpuLod    *cl;

  while (self->buffers->len <= (guint) buffer)
    g_ptr_array_add (self->buffers, g_ptr_array_new_with_free_func (cpu_lod_free));
  cpus = g_ptr_array_index (self->buffers, buffer);
  while (cpus->len <= (guint) cpu)
    g_ptr_array_add (cpus, NULL);
  cl = g_ptr_array_index (cpus, cpu);
  if (cl == NULL)
    {
      cl = g_new0 (CpuLod, 1);
      cl->buffer = buffer;
      cl->cpu = cpu;
      cl->base = -1;
      cl->next_final = G_MININT64;
      cl->window = g_array_new (FALSE, TRUE, sizeof (Cell));
      for (int k = 0; k < REMORA_LOD_MAX_LEVELS; k++)
        {
          cl->levels[k].index = -1;
          cl->open_at[k] = -1;
        }
      g_ptr_array_index (cpus, cpu) = cl;
    }
  return cl;
}

static void finalize_until (RemoraLodBuilder *self, CpuLod *cl, gint64 limit);

/* The pending level-0 cell @index, created (empty) if needed. */
static Cell *
window_cell (RemoraLodBuilder *self, CpuLod *cl, gint64 index)
{
  if (cl->base < 0)
    {
      cl->base = index;
      if (cl->next_final == G_MININT64)
        cl->next_final = index;
    }
  if (index < cl->base)
    {
      /* cells before the window were finalized: by the builder's contract
       * nothing arrives for them; keep the data in the earliest open cell */
      index = cl->base;
    }
  /* A CPU silent for longer than the window holds (18 minutes of cells, at
   * 24 bytes each): the cells of the gap that are furthest back are folded
   * first, so memory stays bounded (their share of a slice still open across
   * the gap then goes to the first cell kept). */
  if (index - cl->base >= REMORA_LOD_MAX_WINDOW)
    finalize_until (self, cl, index - REMORA_LOD_MAX_WINDOW + 1);
  if ((guint64) (index - cl->base) >= cl->window->len)
    g_array_set_size (cl->window, index - cl->base + 1);
  return &g_array_index (cl->window, Cell, index - cl->base);
}

static void fold_into (RemoraLodBuilder *self, CpuLod *cl, int k, gint64 at, const Cell *cell);

/* Level @k's open cell is complete: it goes into the level above. */
static void
close_cell (RemoraLodBuilder *self, CpuLod *cl, int k)
{
  gint64 at = cl->open_at[k];

  cl->open_at[k] = -1;
  if (at >= 0 && k + 1 < self->n_levels)
    fold_into (self, cl, k + 1, at >> REMORA_LOD_LEVEL_SHIFT,
               &cl->levels[k].cells[at & (REMORA_LOD_BLOCK_CELLS - 1)]);
}

/* Merges @cell into cell @at of level @k. Levels fill from the one below:
 * a level-k cell goes up when the next level-k cell opens, so each level
 * merges a quarter as many cells as the one below, not every level-0 cell. */
static void
fold_into (RemoraLodBuilder *self, CpuLod *cl, int k, gint64 at, const Cell *cell)
{
  gint64 block = at >> REMORA_LOD_BLOCK_SHIFT;
  Block *b = &cl->levels[k];

  if (cl->open_at[k] != at)
    close_cell (self, cl, k); /* before its block can be emitted */
  if (b->index != block)
    {
      emit_block (self, cl, k);
      b->index = block;
    }
  cell_merge (&b->cells[at & (REMORA_LOD_BLOCK_CELLS - 1)], cell);
  cl->open_at[k] = at;
}

/* Folds a final level-0 cell into the levels. */
static void
fold_cell (RemoraLodBuilder *self, CpuLod *cl, gint64 index, const Cell *cell)
{
  fold_into (self, cl, 0, index, cell);
}

static void
finalize_until (RemoraLodBuilder *self, CpuLod *cl, gint64 limit)
{
  guint n = 0;

  if (cl->base < 0 || limit <= cl->next_final)
    return;
  while (n < cl->window->len && cl->base + (gint64) n < limit)
    {
      Cell *c = &g_array_index (cl->window, Cell, n);
      if (!cell_is_empty (c))
        fold_cell (self, cl, cl->base + n, c);
      cell_free_runs (c);
      n++;
    }
  if (n > 0)
    g_array_remove_range (cl->window, 0, n);
  cl->base += n;
  cl->next_final = limit;
  if (cl->base < limit)
    cl->base = limit;
}

/**
 * remora_lod_builder_add_slice:
 * @self: a builder
 * @buffer: the buffer's index
 * @cpu: the CPU
 * @pid: the task that ran (0 for idle)
 * @start_ts: when it started running
 * @end_ts: when it stopped
 *
 * Adds a sched_slices row: its run time goes to every level-0 cell it
 * overlaps, exactly. Every event of @cpu before @end_ts must have been added.
 */
void
remora_lod_builder_add_slice (
    RemoraLodBuilder *self, int buffer, int cpu, int pid, gint64 start_ts, gint64 end_ts)
{
  CpuLod *cl;
  gint64  first, last;

  /* a damaged record's time can be anything: keep to the trace's span */
  start_ts = MAX (start_ts, self->first_ts);
  end_ts = MIN (end_ts, self->last_ts + 1);
  if (end_ts <= start_ts)
    return;
  cl = get_cpu (self, buffer, cpu);
  first = start_ts >> REMORA_LOD_SHIFT0;
  last = (end_ts - 1) >> REMORA_LOD_SHIFT0;
  for (gint64 i = first; i <= last; i++)
    {
      gint64 cell_begin = i << REMORA_LOD_SHIFT0;
      gint64 cell_end = cell_begin + REMORA_LOD_CELL_NS (0);
      gint64 ns = MIN (end_ts, cell_end) - MAX (start_ts, cell_begin);
      cell_add_run (window_cell (self, cl, i), pid, ns);
      /* Every event of this CPU before end_ts is in (the builder's contract),
       * so the cells this slice covers whole are final: fold them as they
       * come, or a long slice would hold millions of cells at once. */
      if (i - cl->base >= 4096 && i < last)
        finalize_until (self, cl, i);
    }
}

/**
 * remora_lod_builder_add_event:
 * @self: a builder
 * @buffer: the buffer's index
 * @cpu: the CPU
 * @ts: the event's timestamp
 * @lost_before: %TRUE if events were lost just before it
 *
 * Counts an event (and a lost-event mark) in its level-0 cell.
 */
void
remora_lod_builder_add_event (
    RemoraLodBuilder *self, int buffer, int cpu, gint64 ts, gboolean lost_before)
{
  Cell *c;

  if (ts < self->first_ts || ts > self->last_ts)
    return;
  {
    CpuLod *cl = get_cpu (self, buffer, cpu);
    c = window_cell (self, cl, ts >> REMORA_LOD_SHIFT0);
  }
  c->events++;
  if (lost_before)
    c->lost++;
}

/**
 * remora_lod_builder_advance:
 * @self: a builder
 * @buffer: the buffer's index
 * @cpu: the CPU
 * @final_before_ts: nothing more will be added on this CPU before this time
 *
 * Finalizes the cells that end at or before @final_before_ts.
 */
void
remora_lod_builder_advance (RemoraLodBuilder *self, int buffer, int cpu, gint64 final_before_ts)
{
  if (final_before_ts < 0)
    return;
  finalize_until (self, get_cpu (self, buffer, cpu), final_before_ts >> REMORA_LOD_SHIFT0);
}

/**
 * remora_lod_builder_finish:
 * @self: a builder
 *
 * Finalizes every cell and emits the last blocks.
 */
void
remora_lod_builder_finish (RemoraLodBuilder *self)
{
  for (guint b = 0; b < self->buffers->len; b++)
    {
      GPtrArray *cpus = g_ptr_array_index (self->buffers, b);
      for (guint c = 0; c < cpus->len; c++)
        {
          CpuLod *cl = g_ptr_array_index (cpus, c);
          if (cl == NULL)
            continue;
          if (cl->base >= 0)
            finalize_until (self, cl, cl->base + cl->window->len);
          /* the open cells go up, lowest level first, then every block out */
          for (int k = 0; k < self->n_levels; k++)
            close_cell (self, cl, k);
          for (int k = 0; k < self->n_levels; k++)
            emit_block (self, cl, k);
        }
    }
  for (guint b = 0; b < self->task_buffers->len; b++)
    {
      GHashTableIter iter;
      gpointer       value;
      g_hash_table_iter_init (&iter, g_ptr_array_index (self->task_buffers, b));
      while (g_hash_table_iter_next (&iter, NULL, &value))
        task_finish (self, value);
    }
}

/* Task summaries ------------------------------------------------------------
 *
 * A task's timeline arrives as contiguous segments (a state, and the CPU when
 * running) in time order, plus its events. Every level sweeps the same
 * segments into its own cells. A cell is stored only if it is not wholly in
 * the state carried over from the previous cell: a task asleep for minutes
 * stores nothing for them. Each stored cell records the state at its end,
 * which later cells carry. */

typedef struct
{
  gint64  state_ns[REMORA_LOD_TASK_STATES];
  guint32 events;
  guint32 n_cpus;
  Run     cpus[2]; /* run time per CPU; a cell rarely sees more (kept small:
                    * one of these per level of every task seen) */
  Run    *more;    /* beyond those */
  guint32 n_more;
} TaskContent;

typedef struct
{
  gint64      index; /* the open cell, -1 when none */
  TaskContent content;
  gboolean    stored; /* differs from the carried state somewhere */
  gint32      carry_state;
  gint32      carry_cpu;
  gint64      block;   /* the block being encoded, -1 when none */
  GByteArray *encoded; /* its cells; NULL when none (most tasks sleep) */
  guint       n_encoded;
} TaskLevel;

typedef struct
{
  int       buffer;
  int       pid;
  gint64    swept;      /* segments are accounted up to here */
  gint64    last_end;   /* the end of the task's last slice, or G_MININT64 */
  gint32    last_after; /* the state it left the CPU in */
  gint64    wakeup_ts;  /* its latest wakeup, G_MININT64 once used */
  GArray   *events;     /* timestamps not swept yet */
  int       n_levels;
  TaskLevel levels[]; /* n_levels of them, the builder's */
} TaskLod;

static void
content_add_cpu (TaskContent *c, int cpu, gint64 ns)
{
  for (guint i = 0; i < c->n_cpus; i++)
    if (c->cpus[i].pid == cpu)
      {
        c->cpus[i].ns += ns;
        return;
      }
  for (guint i = 0; i < c->n_more; i++)
    if (c->more[i].pid == cpu)
      {
        c->more[i].ns += ns;
        return;
      }
  if (c->n_cpus < G_N_ELEMENTS (c->cpus))
    {
      c->cpus[c->n_cpus].pid = cpu;
      c->cpus[c->n_cpus].ns = ns;
      c->n_cpus++;
      return;
    }
  c->more = g_renew (Run, c->more, c->n_more + 1);
  c->more[c->n_more].pid = cpu;
  c->more[c->n_more].ns = ns;
  c->n_more++;
}

static void
content_clear (TaskContent *c)
{
  g_free (c->more);
  memset (c, 0, sizeof *c);
}

static TaskLod *
get_task (RemoraLodBuilder *self, int buffer, int pid)
{
  GHashTable *tasks;
  TaskLod    *t;

  while (self->task_buffers->len <= (guint) buffer)
    g_ptr_array_add (self->task_buffers, g_hash_table_new_full (NULL, NULL, NULL, task_lod_free));
  tasks = g_ptr_array_index (self->task_buffers, buffer);
  t = g_hash_table_lookup (tasks, GINT_TO_POINTER (pid));
  if (t == NULL)
    {
      t = g_malloc0 (sizeof (TaskLod) + (gsize) self->n_levels * sizeof (TaskLevel));
      t->n_levels = self->n_levels;
      t->buffer = buffer;
      t->pid = pid;
      t->swept = self->span_begin;
      t->last_end = G_MININT64;
      t->last_after = 0;
      t->wakeup_ts = G_MININT64;
      t->events = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (int k = 0; k < t->n_levels; k++)
        {
          t->levels[k].index = -1;
          t->levels[k].block = -1;
          t->levels[k].carry_cpu = -1;
        }
      g_hash_table_insert (tasks, GINT_TO_POINTER (pid), t);
    }
  return t;
}

static void
task_emit_block (RemoraLodBuilder *self, TaskLod *t, int level)
{
  TaskLevel *L = &t->levels[level];

  if (L->block >= 0 && L->n_encoded > 0)
    {
      GByteArray *out = self->encoded;
      g_byte_array_set_size (out, 0);
      commit (out, write_varint (reserve (out, 10), L->n_encoded));
      g_byte_array_append (out, L->encoded->data, L->encoded->len);
      self->emit_task (level, t->buffer, t->pid, L->block, out->data, out->len, self->user_data);
    }
  /* freed, not kept: tens of thousands of tasks times the levels add up */
  g_clear_pointer (&L->encoded, g_byte_array_unref);
  L->n_encoded = 0;
  L->block = -1;
}

/* Closes the open cell of a level: stores it if it has to be. */
static void
task_close_cell (RemoraLodBuilder *self, TaskLod *t, int level)
{
  TaskLevel   *L = &t->levels[level];
  TaskContent *c = &L->content;
  guint        mask = 0;
  gint64       block;
  guint8      *p;

  if (L->index < 0)
    return;
  if (L->stored)
    {
      block = L->index >> REMORA_LOD_BLOCK_SHIFT;
      if (block != L->block)
        {
          task_emit_block (self, t, level);
          L->block = block;
        }
      /* offset, mask of states with time, their times, CPUs, events, end */
      if (L->encoded == NULL)
        L->encoded = g_byte_array_new ();
      /* 10 bytes per number at most */
      p = reserve (L->encoded,
                   (2 + REMORA_LOD_TASK_STATES + 1 + 2 * (gsize) (c->n_cpus + c->n_more) + 3) * 10);
      p = write_varint (p, L->index & (REMORA_LOD_BLOCK_CELLS - 1));
      for (int s = 0; s < REMORA_LOD_TASK_STATES; s++)
        if (c->state_ns[s] > 0)
          mask |= 1u << s;
      p = write_varint (p, mask);
      for (int s = 0; s < REMORA_LOD_TASK_STATES; s++)
        if (c->state_ns[s] > 0)
          p = write_varint (p, (guint64) c->state_ns[s]);
      p = write_varint (p, c->n_cpus + c->n_more);
      for (guint i = 0; i < c->n_cpus; i++)
        {
          p = write_varint (p, (guint32) c->cpus[i].pid);
          p = write_varint (p, (guint64) c->cpus[i].ns);
        }
      for (guint i = 0; i < c->n_more; i++)
        {
          p = write_varint (p, (guint32) c->more[i].pid);
          p = write_varint (p, (guint64) c->more[i].ns);
        }
      p = write_varint (p, c->events);
      p = write_varint (p, (guint32) L->carry_state);
      p = write_varint (p, (guint32) (L->carry_cpu + 1));
      commit (L->encoded, p);
      L->n_encoded++;
    }
  content_clear (c);
  L->index = -1;
  L->stored = FALSE;
}

/* Sweeps one level over [a, b) in @state (on @cpu when running); @events are
 * the task's event timestamps in [a, b), sorted. */
static void
task_sweep_level (RemoraLodBuilder *self,
                  TaskLod          *t,
                  int               level,
                  gint64            a,
                  gint64            b,
                  int               state,
                  int               cpu,
                  const gint64     *events,
                  guint             n_events_all)
{
  TaskLevel *L = &t->levels[level];
  int        shift = REMORA_LOD_CELL_SHIFT (level);
  guint      e = 0;

  while (a < b)
    {
      gint64 cell = a >> shift;
      gint64 cell_begin = cell << shift;
      gint64 cell_end = cell_begin + ((gint64) 1 << shift);
      gint64 piece_end = MIN (b, cell_end);
      guint  n_events = 0;

      while (e < n_events_all && events[e] < piece_end)
        {
          n_events++;
          e++;
        }

      if (L->index != cell)
        {
          task_close_cell (self, t, level);
          /* whole cells in the carried state, without events: nothing to store */
          if (a == cell_begin && n_events == 0 && state == L->carry_state && cpu == L->carry_cpu &&
              b >= cell_end)
            {
              gint64 skip_to = (b >> shift) << shift;
              /* events later in the segment stop the skip at their cell */
              if (e < n_events_all)
                skip_to = MIN (skip_to, (events[e] >> shift) << shift);
              a = MAX (skip_to, cell_end);
              continue;
            }
          L->index = cell;
          L->stored = FALSE;
        }
      L->content.state_ns[state] += piece_end - a;
      if (cpu >= 0)
        content_add_cpu (&L->content, cpu, piece_end - a);
      L->content.events += n_events;
      if (n_events > 0 || state != L->carry_state || cpu != L->carry_cpu)
        L->stored = TRUE;
      L->carry_state = state;
      L->carry_cpu = cpu;
      a = piece_end;
      if (a == cell_end)
        task_close_cell (self, t, level);
    }
}

/* Sweeps every level over [a, b), bounded to the summaries' span. */
static void
task_segment (RemoraLodBuilder *self, TaskLod *t, gint64 a, gint64 b, int state, int cpu)
{
  guint n = 0;

  a = MAX (a, t->swept);
  b = MIN (b, self->span_end);
  if (b <= a)
    return;
  /* the task's events before @b, swept into every level, then dropped */
  while (n < t->events->len && g_array_index (t->events, gint64, n) < b)
    n++;
  for (int k = 0; k < self->n_levels; k++)
    task_sweep_level (self, t, k, a, b, state, cpu, (const gint64 *) (void *) t->events->data, n);
  if (n > 0)
    g_array_remove_range (t->events, 0, n);
  t->swept = b;
}

/* The gap before a slice that starts at @until: the state the last slice
 * left it in, runnable from its wakeup. */
static void
task_gap (RemoraLodBuilder *self, TaskLod *t, gint64 until)
{
  gint64 begin = t->last_end;
  int    state = t->last_end == G_MININT64 ? 0 : t->last_after;

  if (state != REMORA_TASK_STATE_RUNNABLE && t->wakeup_ts != G_MININT64 && t->wakeup_ts >= begin &&
      t->wakeup_ts < until)
    {
      task_segment (self, t, begin, t->wakeup_ts, state, -1);
      task_segment (self, t, t->wakeup_ts, until, REMORA_TASK_STATE_RUNNABLE, -1);
    }
  else
    task_segment (self, t, begin, until, state, -1);
}

/**
 * remora_lod_builder_add_task_slice:
 * @self: a builder
 * @buffer: the buffer's index
 * @pid: the task (not 0)
 * @cpu: where it ran
 * @start_ts: when it started running
 * @end_ts: when it stopped
 * @after: the state it left the CPU in (a #RemoraTaskState)
 *
 * Adds a slice of the task. Its slices and wakeups come in time order, and
 * every event of the task before @end_ts has been added.
 */
void
remora_lod_builder_add_task_slice (
    RemoraLodBuilder *self, int buffer, int pid, int cpu, gint64 start_ts, gint64 end_ts, int after)
{
  TaskLod *t;

  if (pid <= 0 || end_ts < start_ts)
    return;
  t = get_task (self, buffer, pid);
  if (start_ts < t->last_end)
    start_ts = t->last_end; /* overlapping slices (clipped first slices): keep time order */
  task_gap (self, t, start_ts);
  task_segment (self, t, start_ts, end_ts, REMORA_TASK_STATE_RUNNING, cpu);
  t->last_end = MAX (end_ts, start_ts);
  t->last_after = after;
  t->wakeup_ts = G_MININT64;
}

/**
 * remora_lod_builder_add_task_wakeup:
 * @self: a builder
 * @buffer: the buffer's index
 * @pid: the task
 * @wakeup_ts: a measured wakeup (a wakeups row)
 */
void
remora_lod_builder_add_task_wakeup (RemoraLodBuilder *self, int buffer, int pid, gint64 wakeup_ts)
{
  TaskLod *t;

  if (pid <= 0)
    return;
  t = get_task (self, buffer, pid);
  if (t->wakeup_ts == G_MININT64 || wakeup_ts < t->wakeup_ts)
    t->wakeup_ts = wakeup_ts;
}

/**
 * remora_lod_builder_add_task_event:
 * @self: a builder
 * @buffer: the buffer's index
 * @pid: the event's common_pid
 * @ts: its timestamp
 */
void
remora_lod_builder_add_task_event (RemoraLodBuilder *self, int buffer, int pid, gint64 ts)
{
  TaskLod *t;

  if (pid <= 0 || ts < self->first_ts || ts > self->last_ts)
    return;
  t = get_task (self, buffer, pid);
  if (ts < t->swept)
    return; /* only damaged data goes back in time */
  g_array_append_val (t->events, ts);
}

static void
task_finish (RemoraLodBuilder *self, gpointer task)
{
  TaskLod *t = task;

  /* the last gap runs to the end of the summaries' span */
  task_gap (self, t, self->span_end);
  for (int k = 0; k < self->n_levels; k++)
    {
      task_close_cell (self, t, k);
      task_emit_block (self, t, k);
    }
}

static void
task_lod_free (gpointer data)
{
  TaskLod *t = data;

  for (int k = 0; k < t->n_levels; k++)
    {
      content_clear (&t->levels[k].content);
      g_clear_pointer (&t->levels[k].encoded, g_byte_array_unref);
    }
  g_array_unref (t->events);
  g_free (t);
}

/**
 * remora_lod_decode_task_block:
 * @data: a lod_task row's data
 * @len: its length
 * @cells: (out caller-allocates) (array fixed-size=64): the block's stored cells
 * @n_cells: (out): how many
 * @runs: a #GArray of #RemoraLodRun that receives the per-CPU times
 *
 * Returns: %FALSE if @data is damaged.
 */
gboolean
remora_lod_decode_task_block (
    const guint8 *data, gsize len, RemoraLodTaskCell *cells, int *n_cells, GArray *runs)
{
  const guint8 *p = data;
  const guint8 *end = data + len;
  guint         first[REMORA_LOD_BLOCK_CELLS];
  guint64       n;

  RemoraLodRun *out;
  guint         n_runs = 0;

  /* a per-CPU time takes two bytes at least: room for all, written in place */
  g_array_set_size (runs, len / 2 + 1);
  out = (RemoraLodRun *) (void *) runs->data;
  if (!get_varint (&p, end, &n) || n > REMORA_LOD_BLOCK_CELLS)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      RemoraLodTaskCell *c = &cells[i];
      guint64            offset, mask, n_cpus, v;

      memset (c, 0, sizeof *c);
      if (!get_varint (&p, end, &offset) || offset >= REMORA_LOD_BLOCK_CELLS ||
          !get_varint (&p, end, &mask))
        return FALSE;
      c->offset = (gint32) offset;
      for (int s = 0; s < REMORA_LOD_TASK_STATES; s++)
        if (mask & (1u << s))
          {
            if (!get_varint (&p, end, &v))
              return FALSE;
            c->state_ns[s] = (gint64) v;
          }
      if (!get_varint (&p, end, &n_cpus) || n_cpus > (guint64) (end - p) / 2)
        return FALSE;
      first[i] = n_runs;
      for (guint64 k = 0; k < n_cpus; k++)
        {
          guint64 cpu, ns;
          if (!get_varint (&p, end, &cpu) || !get_varint (&p, end, &ns))
            return FALSE;
          out[n_runs].pid = (gint32) cpu;
          out[n_runs].run_ns = (gint64) ns;
          n_runs++;
        }
      c->n_cpus = (guint32) n_cpus;
      if (!get_varint (&p, end, &v))
        return FALSE;
      c->events = (guint32) v;
      if (!get_varint (&p, end, &v) || v >= REMORA_LOD_TASK_STATES)
        return FALSE;
      c->end_state = (gint32) v;
      if (!get_varint (&p, end, &v))
        return FALSE;
      c->end_cpu = (gint32) v - 1;
    }
  g_array_set_size (runs, n_runs);
  for (guint i = 0; i < n; i++)
    cells[i].cpus = cells[i].n_cpus ? &g_array_index (runs, RemoraLodRun, first[i]) : NULL;
  *n_cells = (int) n;
  return p == end;
}
