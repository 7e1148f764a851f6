/* remora-lod.c
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <string.h>

#include "remora-lod-private.h"

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
} CpuLod;

struct _RemoraLodBuilder
{
  int           n_levels;
  gint64        first_ts; /* the trace's span: data outside it is damage */
  gint64        last_ts;
  RemoraLodEmit emit;
  gpointer      user_data;
  GPtrArray    *buffers; /* GPtrArray of CpuLod* per buffer */
  GByteArray   *encoded;
};

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

static void
put_varint (GByteArray *out, guint64 v)
{
  guint8 buf[10];
  int    n = 0;

  do
    {
      buf[n] = v & 0x7f;
      v >>= 7;
      if (v)
        buf[n] |= 0x80;
      n++;
    }
  while (v);
  g_byte_array_append (out, buf, n);
}

static gboolean
get_varint (const guint8 **p, const guint8 *end, guint64 *v)
{
  guint64 r = 0;

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

/* Each cell: n, n × (pid, run_ns), events, lost; all unsigned LEB128. */
static void
emit_block (RemoraLodBuilder *self, CpuLod *cl, int level)
{
  Block   *b = &cl->levels[level];
  gboolean any = FALSE;

  if (b->index < 0)
    return;
  for (int i = 0; i < REMORA_LOD_BLOCK_CELLS && !any; i++)
    any = !cell_is_empty (&b->cells[i]);
  if (any)
    {
      g_byte_array_set_size (self->encoded, 0);
      for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
        {
          Cell *c = &b->cells[i];
          put_varint (self->encoded, c->n);
          for (guint r = 0; r < c->n; r++)
            {
              put_varint (self->encoded, (guint32) c->runs[r].pid);
              put_varint (self->encoded, (guint64) c->runs[r].ns);
            }
          put_varint (self->encoded, c->events);
          put_varint (self->encoded, c->lost);
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

  g_array_set_size (runs, 0);
  for (int i = 0; i < REMORA_LOD_BLOCK_CELLS; i++)
    {
      guint64 n, events, lost;

      if (!get_varint (&p, end, &n) || n > len)
        return FALSE;
      first[i] = runs->len;
      for (guint64 r = 0; r < n; r++)
        {
          guint64      pid, ns;
          RemoraLodRun run;
          if (!get_varint (&p, end, &pid) || !get_varint (&p, end, &ns))
            return FALSE;
          run.pid = (gint32) pid;
          run.run_ns = (gint64) ns;
          g_array_append_val (runs, run);
        }
      if (!get_varint (&p, end, &events) || !get_varint (&p, end, &lost))
        return FALSE;
      cells[i].events = (guint32) events;
      cells[i].lost = (guint32) lost;
      cells[i].n_runs = (guint32) n;
    }
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
remora_lod_builder_new (gint64 first_ts, gint64 last_ts, RemoraLodEmit emit, gpointer user_data)
{
  RemoraLodBuilder *self = g_new0 (RemoraLodBuilder, 1);

  self->n_levels = remora_lod_levels_for_span (first_ts, last_ts);
  self->first_ts = MAX (0, first_ts);
  self->last_ts = MAX (self->first_ts, last_ts);
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
        cl->levels[k].index = -1;
      g_ptr_array_index (cpus, cpu) = cl;
    }
  return cl;
}

/* The pending level-0 cell @index, created (empty) if needed. */
static Cell *
window_cell (CpuLod *cl, gint64 index)
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
  if ((guint64) (index - cl->base) >= cl->window->len)
    g_array_set_size (cl->window, index - cl->base + 1);
  return &g_array_index (cl->window, Cell, index - cl->base);
}

/* Folds a final level-0 cell into the open block of every level. */
static void
fold_cell (RemoraLodBuilder *self, CpuLod *cl, gint64 index, const Cell *cell)
{
  for (int k = 0; k < self->n_levels; k++)
    {
      gint64 at = index >> (REMORA_LOD_LEVEL_SHIFT * k);
      gint64 block = at >> REMORA_LOD_BLOCK_SHIFT;
      Block *b = &cl->levels[k];

      if (b->index != block)
        {
          emit_block (self, cl, k);
          b->index = block;
        }
      cell_merge (&b->cells[at & (REMORA_LOD_BLOCK_CELLS - 1)], cell);
    }
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
      cell_add_run (window_cell (cl, i), pid, ns);
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
  c = window_cell (get_cpu (self, buffer, cpu), ts >> REMORA_LOD_SHIFT0);
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
          for (int k = 0; k < self->n_levels; k++)
            emit_block (self, cl, k);
        }
    }
}
