/* remora-event-mask.c: what a filter keeps of a trace's events, found off
 * the caller's thread
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-event-mask.h"

#include <string.h>

/* Filters ------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (RemoraFilter, remora_filter, remora_filter_copy, remora_filter_free)

/**
 * remora_filter_new:
 *
 * Returns: (transfer full): a filter that keeps everything.
 */
RemoraFilter *
remora_filter_new (void)
{
  return g_new0 (RemoraFilter, 1);
}

static GArray *
array_copy (GArray *a)
{
  GArray *b;

  if (a == NULL)
    return NULL;
  b = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (a), a->len);
  g_array_append_vals (b, a->data, a->len);
  return b;
}

/**
 * remora_filter_copy:
 * @filter: a #RemoraFilter
 *
 * Returns: (transfer full): a copy.
 */
RemoraFilter *
remora_filter_copy (const RemoraFilter *filter)
{
  RemoraFilter *copy = remora_filter_new ();

  copy->cpus = array_copy (filter->cpus);
  copy->pids = array_copy (filter->pids);
  copy->types = array_copy (filter->types);
  copy->expression = g_strdup (filter->expression);
  copy->text = g_strdup (filter->text);
  return copy;
}

/**
 * remora_filter_free:
 * @filter: a #RemoraFilter
 */
void
remora_filter_free (RemoraFilter *filter)
{
  if (filter == NULL)
    return;
  g_clear_pointer (&filter->cpus, g_array_unref);
  g_clear_pointer (&filter->pids, g_array_unref);
  g_clear_pointer (&filter->types, g_array_unref);
  g_free (filter->expression);
  g_free (filter->text);
  g_free (filter);
}

/**
 * remora_filter_is_empty:
 * @filter: (nullable): a #RemoraFilter
 *
 * Returns: whether it keeps every event.
 */
gboolean
remora_filter_is_empty (const RemoraFilter *filter)
{
  return filter == NULL || (filter->cpus == NULL && filter->pids == NULL && filter->types == NULL &&
                            filter->expression == NULL && filter->text == NULL);
}

/**
 * remora_filter_has_event_parts:
 * @filter: (nullable): a #RemoraFilter
 *
 * Returns: whether it keeps some events and not others of one CPU and task
 *   (by their type, fields or text).
 */
gboolean
remora_filter_has_event_parts (const RemoraFilter *filter)
{
  return filter != NULL &&
         (filter->types != NULL || filter->expression != NULL || filter->text != NULL);
}

static gboolean
array_equal (GArray *a, GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && g_array_get_element_size (a) == g_array_get_element_size (b) &&
         memcmp (a->data, b->data, (gsize) a->len * g_array_get_element_size (a)) == 0;
}

/**
 * remora_filter_equal:
 * @a: (nullable): a #RemoraFilter
 * @b: (nullable): another
 *
 * Returns: whether both keep the same events.
 */
gboolean
remora_filter_equal (const RemoraFilter *a, const RemoraFilter *b)
{
  if (remora_filter_is_empty (a) || remora_filter_is_empty (b))
    return remora_filter_is_empty (a) == remora_filter_is_empty (b);
  return array_equal (a->cpus, b->cpus) && array_equal (a->pids, b->pids) &&
         array_equal (a->types, b->types) && g_strcmp0 (a->expression, b->expression) == 0 &&
         g_strcmp0 (a->text, b->text) == 0;
}

/**
 * remora_filter_keeps_cpu:
 * @filter: (nullable): a #RemoraFilter
 * @cpu: a CPU
 *
 * Returns: whether the filter's CPUs include @cpu.
 */
gboolean
remora_filter_keeps_cpu (const RemoraFilter *filter, int cpu)
{
  if (filter == NULL || filter->cpus == NULL)
    return TRUE;
  for (guint i = 0; i < filter->cpus->len; i++)
    if (g_array_index (filter->cpus, int, i) == cpu)
      return TRUE;
  return FALSE;
}

/**
 * remora_filter_keeps_pid:
 * @filter: (nullable): a #RemoraFilter
 * @pid: a task
 *
 * Returns: whether the filter's tasks include @pid.
 */
gboolean
remora_filter_keeps_pid (const RemoraFilter *filter, int pid)
{
  if (filter == NULL || filter->pids == NULL)
    return TRUE;
  for (guint i = 0; i < filter->pids->len; i++)
    if (g_array_index (filter->pids, gint32, i) == pid)
      return TRUE;
  return FALSE;
}

/* Masks --------------------------------------------------------------------- */

/* events under which one thread filters the whole trace */
#define SMALL_TRACE (1 << 18)

/* words per block of the rank index */
#define RANK_WORDS 8

typedef struct
{
  gint64  cell;
  guint32 count;
} CellCount;

/* One CPU's or task's matches per time cell: sorted cells and the matches
 * before each. */
typedef struct
{
  guint    n;
  gint64  *cells;
  guint64 *before; /* n + 1 */
} Cells;

struct _RemoraEventMask
{
  gatomicrefcount ref;
  RemoraFilter   *filter;
  gint64          n_events;
  gsize           n_words;
  guint64        *words;
  guint64        *ranks; /* set bits before each block of RANK_WORDS words */
  gint64          count;
  GHashTable     *cells; /* Key -> Cells */
};

G_DEFINE_BOXED_TYPE (RemoraEventMask,
                     remora_event_mask,
                     remora_event_mask_ref,
                     remora_event_mask_unref)

static gint64
cells_key (gboolean by_pid, int buffer_id, int id)
{
  return ((gint64) (by_pid ? 1 : 0) << 62) | ((gint64) (buffer_id & 0x3fffffff) << 32) |
         (guint32) id;
}

static void
cells_free (gpointer data)
{
  Cells *c = data;

  g_free (c->cells);
  g_free (c->before);
  g_free (c);
}

/**
 * remora_event_mask_ref:
 * @mask: a #RemoraEventMask
 *
 * Returns: @mask
 */
RemoraEventMask *
remora_event_mask_ref (RemoraEventMask *mask)
{
  g_atomic_ref_count_inc (&mask->ref);
  return mask;
}

/**
 * remora_event_mask_unref:
 * @mask: a #RemoraEventMask
 */
void
remora_event_mask_unref (RemoraEventMask *mask)
{
  if (mask == NULL || !g_atomic_ref_count_dec (&mask->ref))
    return;
  remora_filter_free (mask->filter);
  g_free (mask->words);
  g_free (mask->ranks);
  g_clear_pointer (&mask->cells, g_hash_table_unref);
  g_free (mask);
}

/**
 * remora_event_mask_get_filter:
 * @mask: a #RemoraEventMask
 *
 * Returns: (transfer none): the filter it answers.
 */
const RemoraFilter *
remora_event_mask_get_filter (const RemoraEventMask *mask)
{
  return mask->filter;
}

/**
 * remora_event_mask_get_n_events:
 * @mask: a #RemoraEventMask
 *
 * Returns: the trace's events, kept or not.
 */
gint64
remora_event_mask_get_n_events (const RemoraEventMask *mask)
{
  return mask->n_events;
}

/**
 * remora_event_mask_get_count:
 * @mask: a #RemoraEventMask
 *
 * Returns: how many events it keeps.
 */
gint64
remora_event_mask_get_count (const RemoraEventMask *mask)
{
  return mask->count;
}

/**
 * remora_event_mask_contains:
 * @mask: a #RemoraEventMask
 * @id: an event
 *
 * Returns: whether @mask keeps event @id.
 */
gboolean
remora_event_mask_contains (const RemoraEventMask *mask, gint64 id)
{
  if (id < 0 || id >= mask->n_events)
    return FALSE;
  return (mask->words[id >> 6] >> (id & 63)) & 1;
}

/**
 * remora_event_mask_next:
 * @mask: a #RemoraEventMask
 * @id: an event
 *
 * Returns: the first event at or after @id the mask keeps, -1 for none.
 */
gint64
remora_event_mask_next (const RemoraEventMask *mask, gint64 id)
{
  gsize   w;
  guint64 word;

  if (id < 0)
    id = 0;
  if (id >= mask->n_events)
    return -1;
  w = id >> 6;
  word = mask->words[w] & (~G_GUINT64_CONSTANT (0) << (id & 63));
  while (word == 0)
    {
      if (++w >= mask->n_words)
        return -1;
      word = mask->words[w];
    }
  id = (gint64) (w << 6) + __builtin_ctzll (word);
  return id < mask->n_events ? id : -1;
}

/**
 * remora_event_mask_rank:
 * @mask: a #RemoraEventMask
 * @id: an event
 *
 * Returns: how many events before @id the mask keeps (the position of @id's
 *   row in a list of them).
 */
gint64
remora_event_mask_rank (const RemoraEventMask *mask, gint64 id)
{
  gsize  w, block;
  gint64 n;

  if (id <= 0)
    return 0;
  if (id >= mask->n_events)
    return mask->count;
  w = id >> 6;
  block = w / RANK_WORDS;
  n = mask->ranks[block];
  for (gsize i = block * RANK_WORDS; i < w; i++)
    n += __builtin_popcountll (mask->words[i]);
  if (id & 63)
    n += __builtin_popcountll (mask->words[w] & ((G_GUINT64_CONSTANT (1) << (id & 63)) - 1));
  return n;
}

/**
 * remora_event_mask_select:
 * @mask: a #RemoraEventMask
 * @k: a position among the events kept
 *
 * Returns: the id of the @k-th event kept (from 0), -1 when it keeps fewer.
 */
gint64
remora_event_mask_select (const RemoraEventMask *mask, gint64 k)
{
  gsize lo = 0, hi = (mask->n_words + RANK_WORDS - 1) / RANK_WORDS;

  if (k < 0 || k >= mask->count)
    return -1;
  /* the last block with fewer than k + 1 kept before it */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;
      if (mask->ranks[mid] <= (guint64) k)
        lo = mid;
      else
        hi = mid;
    }
  k -= mask->ranks[lo];
  for (gsize w = lo * RANK_WORDS; w < mask->n_words; w++)
    {
      guint64 word = mask->words[w];
      int     n = __builtin_popcountll (word);

      if (k >= n)
        {
          k -= n;
          continue;
        }
      while (k-- > 0)
        word &= word - 1;
      return (gint64) (w << 6) + __builtin_ctzll (word);
    }
  return -1;
}

/**
 * remora_event_mask_count_cells:
 * @mask: a #RemoraEventMask
 * @by_pid: %TRUE for a task's events, %FALSE for a CPU's
 * @buffer_id: the buffer
 * @id: the task or CPU
 * @first_cell: the first time cell (a time shifted right by
 *   %REMORA_EVENT_MASK_CELL_SHIFT)
 * @end_cell: the cell after the last
 *
 * Returns: how many kept events of the CPU or task fall in the cells.
 */
gint64
remora_event_mask_count_cells (const RemoraEventMask *mask,
                               gboolean               by_pid,
                               int                    buffer_id,
                               int                    id,
                               gint64                 first_cell,
                               gint64                 end_cell)
{
  gint64       key = cells_key (by_pid, buffer_id, id);
  const Cells *c = g_hash_table_lookup (mask->cells, &key);
  guint        lo, hi, a, b;

  if (c == NULL || end_cell <= first_cell)
    return 0;
  /* the first cell at or after each end */
  lo = 0, hi = c->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (c->cells[mid] < first_cell)
        lo = mid + 1;
      else
        hi = mid;
    }
  a = lo;
  hi = c->n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (c->cells[mid] < end_cell)
        lo = mid + 1;
      else
        hi = mid;
    }
  b = lo;
  return (gint64) (c->before[b] - c->before[a]);
}

/* Jobs ---------------------------------------------------------------------- */

struct _RemoraFilterJob
{
  gatomicrefcount ref;
  char           *path;
  gint64          n_events;
  RemoraFilter   *filter;
  gpointer        scanned[2]; /* atomic: how many events each half has looked at */
  gboolean        scan_all;   /* read every row, even for a filter that rejects few */
  gboolean        all_but;    /* answered as every event but those rejected */
};

/**
 * remora_filter_job_new:
 * @store: the store (its path: the job's threads open their own)
 * @filter: what to keep
 *
 * Returns: (transfer full): a job that finds the events @filter keeps.
 */
RemoraFilterJob *
remora_filter_job_new (RemoraStore *store, const RemoraFilter *filter)
{
  RemoraFilterJob *job = g_new0 (RemoraFilterJob, 1);

  g_atomic_ref_count_init (&job->ref);
  job->path = g_strdup (remora_store_get_path (store));
  job->n_events = remora_store_get_info (store)->events;
  job->filter = remora_filter_copy (filter);
  return job;
}

/**
 * remora_filter_job_ref:
 * @job: a #RemoraFilterJob
 *
 * Returns: @job
 */
RemoraFilterJob *
remora_filter_job_ref (RemoraFilterJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

/**
 * remora_filter_job_unref:
 * @job: a #RemoraFilterJob
 */
void
remora_filter_job_unref (RemoraFilterJob *job)
{
  if (job == NULL || !g_atomic_ref_count_dec (&job->ref))
    return;
  g_free (job->path);
  remora_filter_free (job->filter);
  g_free (job);
}

/**
 * remora_filter_job_set_scan_all:
 * @job: a #RemoraFilterJob
 * @scan_all: whether to read every row
 *
 * Reads every row (or the rows of an index) even when the filter keeps
 * events of some types or CPUs only and rejects few of them, which it
 * otherwise answers as every event but those it rejects, with the
 * summaries' per-cell counts (to compare the two in tests).
 */
void
remora_filter_job_set_scan_all (RemoraFilterJob *job, gboolean scan_all)
{
  job->scan_all = scan_all;
}

/**
 * remora_filter_job_get_all_but:
 * @job: a #RemoraFilterJob that ran
 *
 * Returns: whether it answered as every event but those its filter
 *   rejects (see remora_filter_job_set_scan_all()).
 */
gboolean
remora_filter_job_get_all_but (RemoraFilterJob *job)
{
  return job->all_but;
}

/**
 * remora_filter_job_get_fraction:
 * @job: a #RemoraFilterJob
 *
 * Returns: how much of the trace the job has looked at, 0 to 1; from any
 *   thread.
 */
double
remora_filter_job_get_fraction (RemoraFilterJob *job)
{
  gint64 done = (gint64) (gintptr) g_atomic_pointer_get ((gpointer *) &job->scanned[0]) +
                (gint64) (gintptr) g_atomic_pointer_get ((gpointer *) &job->scanned[1]);
  return job->n_events > 0 ? CLAMP ((double) done / job->n_events, 0.0, 1.0) : 1.0;
}

/* one half of the trace, on one thread with its own store */
typedef struct
{
  RemoraFilterJob  *job;
  int               half;
  gint64            first_id, last_id;
  guint64          *words;       /* shared: the halves write words of their own */
  GHashTable       *cells;       /* Key -> GArray of CellCount */
  gint64            last_key[2]; /* the CPU's and the task's of the last match */
  GArray           *last_cells[2];
  gint64            count;
  RemoraEventFilter spec;
  GCancellable     *cancellable;
  GError           *error;
} Half;

static GArray *
half_cells (Half *h, gint64 key)
{
  GArray *a = g_hash_table_lookup (h->cells, &key);

  if (a == NULL)
    {
      a = g_array_new (FALSE, FALSE, sizeof (CellCount));
      g_hash_table_insert (h->cells, g_memdup2 (&key, sizeof key), a);
    }
  return a;
}

static void
add_cell (GArray *a, gint64 cell)
{
  if (a->len > 0)
    {
      CellCount *last = &g_array_index (a, CellCount, a->len - 1);
      if (last->cell == cell)
        {
          last->count++;
          return;
        }
    }
  g_array_append_val (a, ((CellCount){ cell, 1 }));
}

static gboolean
on_matches (const RemoraFilterMatch *m, guint n, gint64 scanned, gpointer user_data)
{
  Half *h = user_data;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = m[i].id;
      gint64 cell = m[i].ts >> REMORA_EVENT_MASK_CELL_SHIFT;

      if (id < 0 || id >= h->job->n_events)
        continue;
      h->words[id >> 6] |= G_GUINT64_CONSTANT (1) << (id & 63);
      h->count++;
      /* matches come in runs of one CPU and one task */
      for (int k = 0; k < 2; k++)
        {
          gint64 key = cells_key (k == 1, m[i].buffer_id, k == 1 ? m[i].pid : m[i].cpu);

          if (h->last_cells[k] == NULL || h->last_key[k] != key)
            {
              h->last_cells[k] = half_cells (h, key);
              h->last_key[k] = key;
            }
          add_cell (h->last_cells[k], cell);
        }
    }
  g_atomic_pointer_set ((gpointer *) &h->job->scanned[h->half], (gpointer) (gintptr) scanned);
  return !g_cancellable_is_cancelled (h->cancellable);
}

static gpointer
half_thread (gpointer data)
{
  Half *h = data;
  g_autoptr (RemoraStore) store = NULL;

  remora_lower_thread_priority ();
  if (h->first_id > h->last_id)
    return NULL;
  if ((store = remora_store_open (h->job->path, &h->error)) == NULL)
    return NULL;
  remora_store_filter_events (store, &h->spec, h->first_id, h->last_id, on_matches, h,
                              h->cancellable, &h->error);
  return NULL;
}

static int
cmp_cell (gconstpointer a, gconstpointer b)
{
  const CellCount *x = a, *y = b;

  return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* The cells of one key from sorted counts: equal cells merged, empty ones
 * left out. */
static Cells *
cells_of (GArray *a)
{
  Cells *c = g_new0 (Cells, 1);
  guint  n = 0;

  c->cells = g_new (gint64, MAX (a->len, 1));
  c->before = g_new (guint64, a->len + 1);
  c->before[0] = 0;
  for (guint i = 0; i < a->len; i++)
    {
      const CellCount *cc = &g_array_index (a, CellCount, i);

      if (cc->count == 0)
        continue;
      if (n > 0 && c->cells[n - 1] == cc->cell)
        {
          c->before[n] += cc->count;
          continue;
        }
      c->cells[n] = cc->cell;
      c->before[n + 1] = c->before[n] + cc->count;
      n++;
    }
  c->n = n;
  return c;
}

/* Both halves' cells of one key, sorted, equal cells merged. */
static Cells *
merge_cells (GArray *a, GArray *b)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (CellCount));
  gboolean sorted = TRUE;

  if (a != NULL)
    g_array_append_vals (all, a->data, a->len);
  if (b != NULL)
    g_array_append_vals (all, b->data, b->len);
  for (guint i = 1; i < all->len && sorted; i++)
    sorted = g_array_index (all, CellCount, i - 1).cell < g_array_index (all, CellCount, i).cell;
  if (!sorted)
    g_array_sort (all, cmp_cell);
  return cells_of (all);
}

/* the filter as the data layer takes it: byte sets */
static void
spec_init (RemoraEventFilter *spec, const RemoraFilter *f, guint8 **cpus, guint8 **types)
{
  memset (spec, 0, sizeof *spec);
  if (f->cpus != NULL)
    {
      int max = -1;
      for (guint i = 0; i < f->cpus->len; i++)
        max = MAX (max, g_array_index (f->cpus, int, i));
      *cpus = g_new0 (guint8, max + 1 + 1);
      for (guint i = 0; i < f->cpus->len; i++)
        if (g_array_index (f->cpus, int, i) >= 0)
          (*cpus)[g_array_index (f->cpus, int, i)] = 1;
      spec->cpus = *cpus;
      spec->n_cpus = max + 1;
    }
  if (f->types != NULL)
    {
      gint64 max = -1;
      for (guint i = 0; i < f->types->len; i++)
        max = MAX (max, g_array_index (f->types, gint64, i));
      max = MIN (max, 1 << 24);
      *types = g_new0 (guint8, max + 1 + 1);
      for (guint i = 0; i < f->types->len; i++)
        {
          gint64 t = g_array_index (f->types, gint64, i);
          if (t >= 0 && t <= max)
            (*types)[t] = 1;
        }
      spec->types = *types;
      spec->n_types = max + 1;
    }
  if (f->pids != NULL)
    {
      spec->pids = (const gint32 *) f->pids->data;
      spec->n_pids = f->pids->len;
    }
  spec->expression = f->expression;
  spec->text = f->text;
}

/* Every event but a few ------------------------------------------------------ */

static void
on_cell_events (
    gboolean by_pid, int buffer_id, int id, gint64 cell, guint32 events, gpointer user_data)
{
  GHashTable *cells = user_data;
  gint64      key = cells_key (by_pid, buffer_id, id);
  GArray     *a = g_hash_table_lookup (cells, &key);

  if (a == NULL)
    {
      a = g_array_new (FALSE, FALSE, sizeof (CellCount));
      g_hash_table_insert (cells, g_memdup2 (&key, sizeof key), a);
    }
  g_array_append_val (a, ((CellCount){ cell, events }));
}

typedef struct
{
  RemoraFilterJob *job;
  guint64         *words;
  GHashTable      *cells; /* Key -> GArray of CellCount, sorted */
  gint64           last_key[2];
  GArray          *last_cells[2];
  GCancellable    *cancellable;
} Rejecting;

static void
take_from_cell (GArray *a, gint64 cell)
{
  guint lo = 0, hi = a != NULL ? a->len : 0;

  while (lo < hi)
    {
      guint      mid = lo + (hi - lo) / 2;
      CellCount *c = &g_array_index (a, CellCount, mid);

      if (c->cell < cell)
        lo = mid + 1;
      else if (c->cell > cell)
        hi = mid;
      else
        {
          if (c->count > 0)
            c->count--;
          return;
        }
    }
}

static gboolean
on_rejected (const RemoraFilterMatch *m, guint n, gint64 scanned, gpointer user_data)
{
  Rejecting *r = user_data;

  for (guint i = 0; i < n; i++)
    {
      gint64 id = m[i].id;
      gint64 cell = m[i].ts >> REMORA_EVENT_MASK_CELL_SHIFT;

      if (id < 0 || id >= r->job->n_events)
        continue;
      r->words[id >> 6] &= ~(G_GUINT64_CONSTANT (1) << (id & 63));
      for (int k = 0; k < 2; k++)
        {
          gint64 key = cells_key (k == 1, m[i].buffer_id, k == 1 ? m[i].pid : m[i].cpu);

          if (r->last_key[k] != key)
            {
              r->last_cells[k] = g_hash_table_lookup (r->cells, &key);
              r->last_key[k] = key;
            }
          take_from_cell (r->last_cells[k], cell);
        }
    }
  return !g_cancellable_is_cancelled (r->cancellable);
}

/* A filter that keeps events of some types or some CPUs only, and rejects
 * a quarter of the trace or less: every event, less those it rejects (read
 * through an index), and the summaries' per-cell event counts less theirs,
 * instead of reading every row. TRUE when it answered (or failed: @error
 * set), FALSE when the filter is not of that kind. */
static gboolean
keep_all_but (RemoraFilterJob         *job,
              const RemoraEventFilter *spec,
              RemoraEventMask         *mask,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autoptr (RemoraStore) store = NULL;
  g_autofree guint8 *values = NULL;
  RemoraEventFilter  complement;
  Rejecting          r = { job, mask->words };
  gboolean           ok;

  if (spec->expression != NULL || spec->text != NULL || spec->pids != NULL ||
      (store = remora_store_open (job->path, error)) == NULL)
    return store == NULL && error != NULL && *error != NULL;
  if (!remora_store_filter_complement (store, spec, &complement, &values, error))
    return error != NULL && *error != NULL;
  job->all_but = TRUE;
  r.cells =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  r.last_key[0] = r.last_key[1] = -1;
  r.cancellable = cancellable;
  memset (mask->words, 0xff, mask->n_words * sizeof (guint64));
  if (job->n_events % 64 != 0)
    mask->words[mask->n_words - 1] = (G_GUINT64_CONSTANT (1) << (job->n_events % 64)) - 1;
  ok = remora_store_read_cell_events (store, on_cell_events, r.cells, error) &&
       remora_store_filter_events (store, &complement, 0, job->n_events - 1, on_rejected, &r,
                                   cancellable, error);
  if (ok)
    {
      GHashTableIter it;
      gpointer       key, value;

      g_hash_table_iter_init (&it, r.cells);
      while (g_hash_table_iter_next (&it, &key, &value))
        g_hash_table_insert (mask->cells, g_memdup2 (key, sizeof (gint64)), cells_of (value));
    }
  g_hash_table_unref (r.cells);
  g_atomic_pointer_set ((gpointer *) &job->scanned[0], (gpointer) (gintptr) job->n_events);
  return TRUE;
}

static int
cmp_pid (gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * remora_filter_job_run:
 * @job: a #RemoraFilterJob
 * @cancellable: (nullable): a #GCancellable
 * @error: a location for a #GError
 *
 * Finds the events the filter keeps, on this thread and one more, each
 * reading half of the trace through a store of its own.
 *
 * Returns: (transfer full): the mask, or %NULL with @error set (also when
 *   cancelled).
 */
RemoraEventMask *
remora_filter_job_run (RemoraFilterJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (RemoraFilter) filter = remora_filter_copy (job->filter);
  g_autofree guint8 *cpus = NULL;
  g_autofree guint8 *types = NULL;
  RemoraEventMask   *mask;
  gint64             mid;
  Half               halves[2];
  GThread           *second;

  if (filter->pids != NULL)
    g_array_sort (filter->pids, cmp_pid);
  mask = g_new0 (RemoraEventMask, 1);
  g_atomic_ref_count_init (&mask->ref);
  mask->filter = remora_filter_copy (filter);
  mask->n_events = job->n_events;
  mask->n_words = (job->n_events + 63) / 64;
  mask->words = g_new0 (guint64, MAX (mask->n_words, 1));
  mask->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, cells_free);

  /* the halves split at a word's edge; a small trace is read by one (a
   * second store to open costs more than it saves) */
  mid = job->n_events < SMALL_TRACE ? job->n_events : (job->n_events / 2) & ~(gint64) 63;
  for (int i = 0; i < 2; i++)
    {
      halves[i] =
          (Half){ job, i, i == 0 ? 0 : mid, i == 0 ? mid - 1 : job->n_events - 1, mask->words };
      halves[i].cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_array_unref);
      halves[i].cancellable = cancellable;
    }
  spec_init (&halves[0].spec, filter, &cpus, &types);
  halves[1].spec = halves[0].spec;
  if (!(job->scan_all == FALSE &&
        keep_all_but (job, &halves[0].spec, mask, cancellable, &halves[0].error)))
    {
      second = g_thread_new ("remora-filter", half_thread, &halves[1]);
      half_thread (&halves[0]);
      g_thread_join (second);
    }

  for (int i = 0; i < 2; i++)
    if (halves[i].error != NULL && (error == NULL || *error == NULL))
      g_propagate_error (error, g_steal_pointer (&halves[i].error));
    else
      g_clear_error (&halves[i].error);
  if ((error != NULL && *error != NULL) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      for (int i = 0; i < 2; i++)
        g_hash_table_unref (halves[i].cells);
      remora_event_mask_unref (mask);
      return NULL;
    }

  /* ranks, cells */
  {
    gsize   blocks = (mask->n_words + RANK_WORDS - 1) / RANK_WORDS;
    guint64 n = 0;

    mask->ranks = g_new0 (guint64, MAX (blocks, 1));
    for (gsize b = 0; b < blocks; b++)
      {
        mask->ranks[b] = n;
        for (gsize w = b * RANK_WORDS; w < MIN ((b + 1) * RANK_WORDS, mask->n_words); w++)
          n += __builtin_popcountll (mask->words[w]);
      }
    mask->count = (gint64) n;
  }
  {
    GHashTableIter it;
    gpointer       key, value;

    g_hash_table_iter_init (&it, halves[0].cells);
    while (g_hash_table_iter_next (&it, &key, &value))
      g_hash_table_insert (mask->cells, g_memdup2 (key, sizeof (gint64)),
                           merge_cells (value, g_hash_table_lookup (halves[1].cells, key)));
    g_hash_table_iter_init (&it, halves[1].cells);
    while (g_hash_table_iter_next (&it, &key, &value))
      if (!g_hash_table_contains (mask->cells, key))
        g_hash_table_insert (mask->cells, g_memdup2 (key, sizeof (gint64)),
                             merge_cells (NULL, value));
  }
  for (int i = 0; i < 2; i++)
    g_hash_table_unref (halves[i].cells);
  return mask;
}

static void
run_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GError          *error = NULL;
  RemoraEventMask *mask = remora_filter_job_run (task_data, cancellable, &error);

  if (mask != NULL)
    g_task_return_pointer (task, mask, (GDestroyNotify) remora_event_mask_unref);
  else
    g_task_return_error (task, error);
}

/**
 * remora_filter_job_run_async:
 * @job: a #RemoraFilterJob
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: for @callback
 *
 * Runs the job on a worker: remora_filter_job_run().
 */
void
remora_filter_job_run_async (RemoraFilterJob    *job,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, remora_filter_job_run_async);
  g_task_set_task_data (task, remora_filter_job_ref (job),
                        (GDestroyNotify) remora_filter_job_unref);
  g_task_run_in_thread (task, run_thread);
}

/**
 * remora_filter_job_run_finish:
 * @job: a #RemoraFilterJob
 * @result: the result given to the callback
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the mask, or %NULL with @error set.
 */
RemoraEventMask *
remora_filter_job_run_finish (RemoraFilterJob *job, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* libtraceevent's names that are no format's field */
static const char *const pseudo_fields[] = { "COMM", "CPU", NULL };

/**
 * remora_filter_find_unknown_fields:
 * @expression: a libtraceevent filter expression
 * @known: (element-type utf8 utf8): the trace's field names
 *   (remora_store_read_field_names())
 *
 * The fields that @expression compares (a name before a comparison: `==`,
 * `!=`, `<`, `<=`, `>`, `>=`, `=~`, `!~`, `&`) that no event of the trace
 * has. libtraceevent accepts them, as trace-cmd does, and the comparison
 * then keeps no event: a typing error that deserves a word.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, each once,
 *   in the order written; an empty array when all are known
 */
char **
remora_filter_find_unknown_fields (const char *expression, GHashTable *known)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  const char *p = expression;

  while (p != NULL && *p != '\0')
    {
      const char      *start, *q;
      g_autofree char *name = NULL;

      if (*p == '"' || *p == '\'')
        {
          /* a string: to its closing quote */
          char quote = *p++;

          while (*p != '\0' && *p != quote)
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
          if (*p != '\0')
            p++;
          continue;
        }
      if (!g_ascii_isalpha (*p) && *p != '_')
        {
          p++;
          continue;
        }
      start = p;
      while (g_ascii_isalnum (*p) || *p == '_' || *p == '.')
        p++;
      q = p;
      while (*q == ' ' || *q == '\t')
        q++;
      if (!((q[0] == '=' && (q[1] == '=' || q[1] == '~')) ||
            (q[0] == '!' && (q[1] == '=' || q[1] == '~')) || q[0] == '<' || q[0] == '>' ||
            (q[0] == '&' && q[1] != '&')))
        continue;
      name = g_strndup (start, p - start);
      if (g_hash_table_contains (known, name) || g_strv_contains (pseudo_fields, name))
        continue;
      if (!g_ptr_array_find_with_equal_func (out, name, g_str_equal, NULL))
        g_ptr_array_add (out, g_steal_pointer (&name));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
