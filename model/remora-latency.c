/* remora-latency.c: the measured latencies of a trace, for the latency
 * pane and its plots: sorted, filtered, grouped, binned
 *
 * The pairs are read once, off the UI thread (some 30 ms for 50 k), and
 * kept with the names of their tasks; what a view asks of them (an order,
 * a selection, groups, a histogram, a scatter plot's density) is computed
 * from memory, also off the UI thread, and handed over.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-latency.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "remora-format.h"

struct _RemoraLatencyTable
{
  RemoraLatencyKind kind;
  GArray           *pairs; /* RemoraLatencyPair, by first event */
  GStringChunk     *names;
  const char      **tasks;  /* per pair: "comm-pid" of the issuer or the woken task */
  const char      **wakers; /* per pair: "comm-pid" of the waker */
};

static void
table_free (gpointer p)
{
  RemoraLatencyTable *t = p;

  g_clear_pointer (&t->pairs, g_array_unref);
  g_clear_pointer (&t->names, g_string_chunk_free);
  g_free (t->tasks);
  g_free (t->wakers);
}

RemoraLatencyTable *
remora_latency_table_ref (RemoraLatencyTable *table)
{
  return g_atomic_rc_box_acquire (table);
}

void
remora_latency_table_unref (RemoraLatencyTable *table)
{
  if (table != NULL)
    g_atomic_rc_box_release_full (table, table_free);
}

/* A task's last label, by pid: most pairs of a task have the name the one
 * before had (names are interned: the same name is the same pointer). */
typedef struct
{
  const char *comm;
  const char *label;
} LastLabel;

/* "comm-pid" as trace-cmd names a task, "<idle>" for pid 0 */
static const char *
task_label (RemoraLatencyTable      *t,
            GHashTable              *last,
            const RemoraNameHistory *names,
            const char              *comm,
            int                      pid,
            gint64                   ts)
{
  LastLabel       *l;
  g_autofree char *label = NULL;

  if (pid == 0)
    return "<idle>";
  if (comm == NULL && names != NULL)
    comm = remora_name_history_lookup (names, pid, ts);
  l = g_hash_table_lookup (last, GINT_TO_POINTER (pid));
  if (l != NULL && l->comm == comm)
    return l->label;
  label = g_strdup_printf ("%s-%d", comm ? comm : "<...>", pid);
  if (l == NULL)
    {
      l = g_new0 (LastLabel, 1);
      g_hash_table_insert (last, GINT_TO_POINTER (pid), l);
    }
  l->comm = comm;
  l->label = g_string_chunk_insert_const (t->names, label);
  return l->label;
}

/**
 * remora_latency_table_read:
 * @store: a #RemoraStore, used on this thread
 * @kind: block requests or wakeups
 * @error: a location for a #GError
 *
 * Reads every pair of @kind with a latency, with its tasks' names.
 *
 * Returns: (transfer full): the table, or %NULL with @error set.
 */
RemoraLatencyTable *
remora_latency_table_read (RemoraStore *store, RemoraLatencyKind kind, GError **error)
{
  g_autoptr (RemoraLatencyTable) t = g_atomic_rc_box_new0 (RemoraLatencyTable);
  RemoraNameHistory *names;

  t->kind = kind;
  t->names = g_string_chunk_new (4096);
  if ((t->pairs = remora_store_read_latency_pairs (store, kind, t->names, error)) == NULL ||
      (names = remora_store_get_name_history (store, error)) == NULL)
    return NULL;
  t->tasks = g_new0 (const char *, MAX (1, t->pairs->len));
  t->wakers = g_new0 (const char *, MAX (1, t->pairs->len));
  {
    g_autoptr (GHashTable) tasks = g_hash_table_new_full (NULL, NULL, NULL, g_free);
    g_autoptr (GHashTable) wakers = g_hash_table_new_full (NULL, NULL, NULL, g_free);

    for (guint i = 0; i < t->pairs->len; i++)
      {
        const RemoraLatencyPair *p = &g_array_index (t->pairs, RemoraLatencyPair, i);

        t->tasks[i] = task_label (t, tasks, names, p->comm, p->pid, p->start_ts);
        t->wakers[i] =
            p->other_pid >= 0 ? task_label (t, wakers, names, NULL, p->other_pid, p->start_ts) : "";
      }
  }
  return g_steal_pointer (&t);
}

RemoraLatencyKind
remora_latency_table_get_kind (const RemoraLatencyTable *table)
{
  return table->kind;
}

guint
remora_latency_table_get_n (const RemoraLatencyTable *table)
{
  return table->pairs->len;
}

const RemoraLatencyPair *
remora_latency_table_get (const RemoraLatencyTable *table, guint i)
{
  g_return_val_if_fail (i < table->pairs->len, NULL);
  return &g_array_index (table->pairs, RemoraLatencyPair, i);
}

/**
 * remora_latency_table_get_task:
 * @table: a table
 * @i: a pair
 *
 * Returns: "comm-pid" of the task that issued the request, or was woken.
 */
const char *
remora_latency_table_get_task (const RemoraLatencyTable *table, guint i)
{
  g_return_val_if_fail (i < table->pairs->len, NULL);
  return table->tasks[i];
}

/**
 * remora_latency_table_get_waker:
 * @table: a table
 * @i: a pair
 *
 * Returns: "comm-pid" of the task that woke it, "" for a request.
 */
const char *
remora_latency_table_get_waker (const RemoraLatencyTable *table, guint i)
{
  g_return_val_if_fail (i < table->pairs->len, NULL);
  return table->wakers[i];
}

/**
 * remora_latency_table_dup_cell:
 * @table: a table
 * @i: a pair
 * @column: one of its columns
 * @origin: what times count from (the trace's first, or 0 for absolute)
 *
 * Returns: (transfer full): the cell's text, as a table shows it.
 */
char *
remora_latency_table_dup_cell (const RemoraLatencyTable *table,
                               guint                     i,
                               RemoraLatencyColumn       column,
                               gint64                    origin)
{
  const RemoraLatencyPair *p = remora_latency_table_get (table, i);

  switch (column)
    {
    case REMORA_LATENCY_COLUMN_LATENCY:
      return remora_format_duration (p->latency_ns);
    case REMORA_LATENCY_COLUMN_START:
      return remora_format_timestamp (p->start_ts - origin);
    case REMORA_LATENCY_COLUMN_END:
      return remora_format_timestamp (p->end_ts - origin);
    case REMORA_LATENCY_COLUMN_DEVICE:
      return p->dev >= 0 ? remora_block_dev_name (p->dev) : g_strdup ("");
    case REMORA_LATENCY_COLUMN_KIND:
      return g_strdup (p->dev >= 0 ? remora_format_block_kind (p->kind) : "");
    case REMORA_LATENCY_COLUMN_SECTOR:
      return g_strdup_printf ("%lld", (long long) p->sector);
    case REMORA_LATENCY_COLUMN_SIZE:
      return g_format_size_full ((guint64) p->nr_sector * 512, G_FORMAT_SIZE_IEC_UNITS);
    case REMORA_LATENCY_COLUMN_TASK:
      return g_strdup (table->tasks[i]);
    case REMORA_LATENCY_COLUMN_PID:
      return g_strdup_printf ("%d", p->pid);
    case REMORA_LATENCY_COLUMN_START_CPU:
      return g_strdup_printf ("%d", p->start_cpu);
    case REMORA_LATENCY_COLUMN_END_CPU:
      return p->end_cpu >= 0 ? g_strdup_printf ("%d", p->end_cpu) : g_strdup ("");
    case REMORA_LATENCY_COLUMN_TARGET_CPU:
      return p->target_cpu >= 0 ? g_strdup_printf ("%d", p->target_cpu) : g_strdup ("");
    case REMORA_LATENCY_COLUMN_WAKER:
      return g_strdup (table->wakers[i]);
    case REMORA_LATENCY_COLUMN_NEW_TASK:
      /* Translators: a wakeup of a new task (sched_wakeup_new), in the latency table */
      return g_strdup (p->new_task ? _ ("new") : "");
    case REMORA_LATENCY_N_COLUMNS:
    default:
      return g_strdup ("");
    }
}

/* Selecting and sorting ---------------------------------------------------- */

/**
 * remora_latency_filter_init:
 * @filter: (out caller-allocates): a filter that keeps every pair
 */
void
remora_latency_filter_init (RemoraLatencyFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  filter->pid = filter->cpu = filter->dev = filter->kind = -1;
}

/**
 * remora_latency_table_select:
 * @table: a table
 * @filter: (nullable): what to keep, %NULL for every pair
 *
 * Returns: (transfer full) (element-type guint): the pairs kept, in the
 *   table's order (by first event).
 */
GArray *
remora_latency_table_select (const RemoraLatencyTable *table, const RemoraLatencyFilter *filter)
{
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), table->pairs->len);

  for (guint i = 0; i < table->pairs->len; i++)
    {
      const RemoraLatencyPair *p = &g_array_index (table->pairs, RemoraLatencyPair, i);

      if (filter != NULL &&
          ((!remora_time_range_is_empty (&filter->range) &&
            !remora_time_range_contains (&filter->range, p->start_ts)) ||
           (filter->pid >= 0 && p->pid != filter->pid) ||
           (filter->cpu >= 0 && p->start_cpu != filter->cpu && p->end_cpu != filter->cpu) ||
           (filter->dev >= 0 && p->dev != filter->dev) ||
           (filter->kind >= 0 && (p->dev < 0 || p->kind != filter->kind)) ||
           p->latency_ns < filter->min_latency_ns ||
           (filter->task != NULL && filter->task[0] != '\0' &&
            strstr (table->tasks[i], filter->task) == NULL)))
        continue;
      g_array_append_val (rows, i);
    }
  return rows;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b))

/* A row to sort: its key in the column, its latency, its pair. */
typedef struct
{
  gint64 key;
  gint64 latency;
  guint  index;
} SortRow;

static int
compare_ascending (const void *a, const void *b)
{
  const SortRow *x = a, *y = b;

  if (x->key != y->key)
    return CMP (x->key, y->key);
  /* ties: the longer first, then the earlier */
  if (x->latency != y->latency)
    return CMP (y->latency, x->latency);
  return CMP (x->index, y->index);
}

static int
compare_descending (const void *a, const void *b)
{
  const SortRow *x = a, *y = b;

  if (x->key != y->key)
    return CMP (y->key, x->key);
  if (x->latency != y->latency)
    return CMP (y->latency, x->latency);
  return CMP (x->index, y->index);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Each distinct text of @texts (interned: one pointer per text) to its
 * rank in byte order, so that a sort by text compares numbers. */
static GHashTable *
rank_texts (const char **texts, guint n)
{
  GHashTable *ranks = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) distinct = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (ranks, texts[i]))
      {
        g_hash_table_add (ranks, (gpointer) texts[i]);
        g_ptr_array_add (distinct, (gpointer) texts[i]);
      }
  g_ptr_array_sort (distinct, compare_strings);
  g_hash_table_remove_all (ranks);
  for (guint k = 0; k < distinct->len; k++)
    g_hash_table_insert (ranks, g_ptr_array_index (distinct, k), GUINT_TO_POINTER (k));
  return ranks;
}

/* The pair's key in @column (texts by their @ranks). */
static gint64
key_of (const RemoraLatencyTable *t,
        guint                     i,
        RemoraLatencyColumn       column,
        GHashTable               *ranks,
        const int                *kind_rank)
{
  const RemoraLatencyPair *p = &g_array_index (t->pairs, RemoraLatencyPair, i);

  switch (column)
    {
    case REMORA_LATENCY_COLUMN_LATENCY:
      return p->latency_ns;
    case REMORA_LATENCY_COLUMN_START:
      return p->start_ts;
    case REMORA_LATENCY_COLUMN_END:
      return p->end_ts;
    case REMORA_LATENCY_COLUMN_DEVICE:
      return p->dev;
    case REMORA_LATENCY_COLUMN_KIND:
      return kind_rank[MIN (p->kind, REMORA_BLOCK_OTHER)];
    case REMORA_LATENCY_COLUMN_SECTOR:
      return p->sector;
    case REMORA_LATENCY_COLUMN_SIZE:
      return p->nr_sector;
    case REMORA_LATENCY_COLUMN_TASK:
      return GPOINTER_TO_UINT (g_hash_table_lookup (ranks, t->tasks[i]));
    case REMORA_LATENCY_COLUMN_PID:
      return p->pid;
    case REMORA_LATENCY_COLUMN_START_CPU:
      return p->start_cpu;
    case REMORA_LATENCY_COLUMN_END_CPU:
      return p->end_cpu;
    case REMORA_LATENCY_COLUMN_TARGET_CPU:
      return p->target_cpu;
    case REMORA_LATENCY_COLUMN_WAKER:
      return GPOINTER_TO_UINT (g_hash_table_lookup (ranks, t->wakers[i]));
    case REMORA_LATENCY_COLUMN_NEW_TASK:
      return p->new_task;
    case REMORA_LATENCY_N_COLUMNS:
    default:
      return 0;
    }
}

/**
 * remora_latency_table_sort:
 * @table: a table
 * @rows: (element-type guint): pairs of @table, sorted in place
 * @column: by what
 * @descending: the largest first
 *
 * Sorts @rows by @column (texts in byte order, kinds by their names); pairs
 * alike in it by latency, the longest first, then by their first events.
 * Keys are read once per row and texts ranked once: some 30 ms for 200 k
 * pairs.
 */
void
remora_latency_table_sort (const RemoraLatencyTable *table,
                           GArray                   *rows,
                           RemoraLatencyColumn       column,
                           gboolean                  descending)
{
  g_autofree SortRow *keys = g_new (SortRow, MAX (1, rows->len));
  g_autoptr (GHashTable) ranks = NULL;
  int kind_rank[REMORA_BLOCK_N_KINDS];

  if (column == REMORA_LATENCY_COLUMN_TASK)
    ranks = rank_texts (table->tasks, table->pairs->len);
  else if (column == REMORA_LATENCY_COLUMN_WAKER)
    ranks = rank_texts (table->wakers, table->pairs->len);
  for (int k = 0; k < REMORA_BLOCK_N_KINDS; k++)
    {
      kind_rank[k] = 0;
      for (int o = 0; o < REMORA_BLOCK_N_KINDS; o++)
        kind_rank[k] += g_strcmp0 (remora_format_block_kind (o), remora_format_block_kind (k)) < 0;
    }
  for (guint k = 0; k < rows->len; k++)
    {
      guint i = g_array_index (rows, guint, k);

      keys[k] = (SortRow){ key_of (table, i, column, ranks, kind_rank),
                           g_array_index (table->pairs, RemoraLatencyPair, i).latency_ns, i };
    }
  qsort (keys, rows->len, sizeof (SortRow), descending ? compare_descending : compare_ascending);
  for (guint k = 0; k < rows->len; k++)
    g_array_index (rows, guint, k) = keys[k].index;
}

/* Groups ------------------------------------------------------------------- */

static int
compare_latency (gconstpointer a, gconstpointer b)
{
  return CMP (*(const gint64 *) a, *(const gint64 *) b);
}

/* A summary of @values (sorted here), as remora stats makes one. */
static void
summarise (GArray *values, RemoraLatencySummary *s, gint64 *total)
{
  gint64 *v = (gint64 *) (gpointer) values->data;
  double  sum = 0;

  memset (s, 0, sizeof *s);
  *total = 0;
  if (values->len == 0)
    return;
  g_array_sort (values, compare_latency);
  for (guint i = 0; i < values->len; i++)
    {
      *total += v[i];
      sum += (double) v[i];
    }
  s->count = values->len;
  s->min_ns = v[0];
  s->max_ns = v[values->len - 1];
  s->p50_ns = v[remora_nearest_rank_index (s->count, 50)];
  s->p90_ns = v[remora_nearest_rank_index (s->count, 90)];
  s->p99_ns = v[remora_nearest_rank_index (s->count, 99)];
  s->mean_ns = sum / (double) s->count;
}

/**
 * remora_latency_summarise:
 * @table: a table
 * @rows: (element-type guint) (nullable): pairs of @table, %NULL for all
 * @summary: (out caller-allocates): their summary
 * @total_ns: (out) (optional): the sum of their latencies
 */
void
remora_latency_summarise (const RemoraLatencyTable *table,
                          const GArray             *rows,
                          RemoraLatencySummary     *summary,
                          gint64                   *total_ns)
{
  guint n = rows ? rows->len : table->pairs->len;
  g_autoptr (GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  gint64 total;

  g_array_set_size (values, n);
  for (guint k = 0; k < n; k++)
    {
      guint i = rows ? g_array_index (rows, guint, k) : k;
      g_array_index (values, gint64, k) =
          g_array_index (table->pairs, RemoraLatencyPair, i).latency_ns;
    }
  summarise (values, summary, &total);
  if (total_ns)
    *total_ns = total;
}

static void
clear_group (gpointer p)
{
  g_free (((RemoraLatencyGroup *) p)->label);
}

typedef struct
{
  gint64  key;
  char   *label;
  GArray *values;
} Bucket;

static int
compare_buckets (gconstpointer a, gconstpointer b)
{
  const Bucket *x = a, *y = b;
  return CMP (x->key, y->key);
}

/**
 * remora_latency_table_groups:
 * @table: a table
 * @rows: (element-type guint) (nullable): pairs of @table, %NULL for all
 * @by: how to group them
 *
 * Returns: (transfer full) (element-type RemoraLatencyGroup): the groups:
 *   by device (its requests of every kind, "all", then each kind), by task
 *   or by CPU, in that order.
 */
GArray *
remora_latency_table_groups (const RemoraLatencyTable *table,
                             const GArray             *rows,
                             RemoraLatencyGroupBy      by)
{
  /* key -> its bucket's index in list, plus one */
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (Bucket));
  GArray *out = g_array_new (FALSE, TRUE, sizeof (RemoraLatencyGroup));
  guint   n = rows ? rows->len : table->pairs->len;

  g_array_set_clear_func (out, clear_group);
  for (guint k = 0; k < n; k++)
    {
      guint                    i = rows ? g_array_index (rows, guint, k) : k;
      const RemoraLatencyPair *p = &g_array_index (table->pairs, RemoraLatencyPair, i);
      gint64                   keys[2];
      int                      n_keys = 1;

      switch (by)
        {
        case REMORA_LATENCY_BY_DEVICE_KIND:
          /* the device's "all" sorts before its kinds */
          keys[0] = (gint64) p->dev << 4;
          keys[1] = ((gint64) p->dev << 4) + 1 + p->kind;
          n_keys = 2;
          break;
        case REMORA_LATENCY_BY_TASK:
          keys[0] = p->pid;
          break;
        case REMORA_LATENCY_BY_CPU:
        default:
          keys[0] = p->end_cpu;
          break;
        }
      for (int k2 = 0; k2 < n_keys; k2++)
        {
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &keys[k2]));

          if (at == 0)
            {
              Bucket nb = { keys[k2], NULL, g_array_new (FALSE, FALSE, sizeof (gint64)) };

              if (by == REMORA_LATENCY_BY_DEVICE_KIND)
                {
                  g_autofree char *dev = remora_block_dev_name (p->dev);
                  /* Translators: a device's requests of every kind, in the latency pane */
                  nb.label = g_strdup_printf (
                      "%s %s", dev, k2 == 0 ? _ ("all") : remora_format_block_kind (p->kind));
                }
              else if (by == REMORA_LATENCY_BY_TASK)
                nb.label = g_strdup (table->tasks[i]);
              else
                /* Translators: a CPU's pairs, in the latency pane */
                nb.label = g_strdup_printf (_ ("CPU %d"), p->end_cpu);
              g_array_append_val (list, nb);
              at = list->len;
              g_hash_table_insert (index, g_memdup2 (&keys[k2], sizeof (gint64)),
                                   GUINT_TO_POINTER (at));
            }
          g_array_append_val (g_array_index (list, Bucket, at - 1).values, p->latency_ns);
        }
    }
  g_array_sort (list, compare_buckets);
  for (guint b = 0; b < list->len; b++)
    {
      Bucket            *bucket = &g_array_index (list, Bucket, b);
      RemoraLatencyGroup g = { bucket->label, { 0 }, 0 };

      summarise (bucket->values, &g.latency, &g.total_ns);
      g_array_unref (bucket->values);
      g_array_append_val (out, g);
    }
  return out;
}

/* Plots ---------------------------------------------------------------------- */

/**
 * remora_latency_table_histogram:
 * @table: a table
 * @rows: (element-type guint) (nullable): pairs of @table, %NULL for all
 * @bins_per_decade: how many bins each factor of ten gets (fewer when the
 *   latencies span too many decades for %REMORA_LATENCY_MAX_BINS)
 * @out: (out caller-allocates): the histogram: bins of equal width on a
 *   logarithmic axis, from the decade's step at or below the least latency
 *   to past the greatest, and the pairs' summary
 */
void
remora_latency_table_histogram (const RemoraLatencyTable *table,
                                const GArray             *rows,
                                int                       bins_per_decade,
                                RemoraLatencyHistogram   *out)
{
  guint  n = rows ? rows->len : table->pairs->len;
  double lo, hi;
  int    first, last;

  memset (out, 0, sizeof *out);
  remora_latency_summarise (table, rows, &out->latency, NULL);
  if (n == 0)
    return;
  bins_per_decade = MAX (1, bins_per_decade);
  for (;;)
    {
      lo = log10 ((double) MAX (1, out->latency.min_ns));
      hi = log10 ((double) MAX (1, out->latency.max_ns));
      first = (int) floor (lo * bins_per_decade);
      last = (int) floor (hi * bins_per_decade) + 1;
      if (last - first <= REMORA_LATENCY_MAX_BINS || bins_per_decade == 1)
        break;
      bins_per_decade = MAX (1, bins_per_decade / 2);
    }
  out->n_bins = MIN (last - first, REMORA_LATENCY_MAX_BINS);
  for (int b = 0; b <= out->n_bins; b++)
    out->edges[b] = (gint64) ceil (pow (10, (double) (first + b) / bins_per_decade) - 1e-9);
  /* edges are whole ns: the first at or below the least, the last above
   * the greatest */
  out->edges[0] = MIN (out->edges[0], MAX (1, out->latency.min_ns));
  out->edges[out->n_bins] = MAX (out->edges[out->n_bins], out->latency.max_ns + 1);
  for (guint k = 0; k < n; k++)
    {
      guint  i = rows ? g_array_index (rows, guint, k) : k;
      gint64 v = MAX (1, g_array_index (table->pairs, RemoraLatencyPair, i).latency_ns);
      int    a = 0, z = out->n_bins - 1;

      /* the last bin whose lower edge is at or below v */
      while (a < z)
        {
          int mid = (a + z + 1) / 2;
          if (out->edges[mid] <= v)
            a = mid;
          else
            z = mid - 1;
        }
      out->counts[a]++;
      out->most = MAX (out->most, out->counts[a]);
    }
}

/**
 * remora_latency_table_scatter:
 * @table: a table
 * @rows: (element-type guint) (nullable): pairs of @table, %NULL for all
 * @range: the time across the plot
 * @min_ns: the latency at its bottom (a logarithmic axis)
 * @max_ns: the latency at its top
 * @width: how many columns
 * @height: how many lines
 * @grid: (array): @width × @height counts, line by line from the top: how
 *   many pairs, by their first event's time and their latency, fall in
 *   each cell (those outside are left out)
 *
 * A scatter plot's density: a plot of thousands of pairs costs its cells,
 * not its points.
 */
void
remora_latency_table_scatter (const RemoraLatencyTable *table,
                              const GArray             *rows,
                              const RemoraTimeRange    *range,
                              gint64                    min_ns,
                              gint64                    max_ns,
                              int                       width,
                              int                       height,
                              guint32                  *grid)
{
  guint  n = rows ? rows->len : table->pairs->len;
  double lo = log10 ((double) MAX (1, min_ns)), hi = log10 ((double) MAX (min_ns + 1, max_ns));
  double span = (double) MAX (1, remora_time_range_get_duration (range));

  memset (grid, 0, sizeof (guint32) * width * height);
  for (guint k = 0; k < n; k++)
    {
      guint                    i = rows ? g_array_index (rows, guint, k) : k;
      const RemoraLatencyPair *p = &g_array_index (table->pairs, RemoraLatencyPair, i);
      double                   v = log10 ((double) MAX (1, p->latency_ns));
      int x = (int) floor ((double) (p->start_ts - range->begin_ns) / span * width);
      int y = (int) floor ((hi - v) / MAX (1e-9, hi - lo) * height);

      if (p->start_ts < range->begin_ns || p->start_ts >= range->end_ns || p->latency_ns < min_ns ||
          p->latency_ns > max_ns)
        continue;
      grid[CLAMP (y, 0, height - 1) * width + CLAMP (x, 0, width - 1)]++;
    }
}

/* CSV ------------------------------------------------------------------------ */

/**
 * remora_latency_table_write_csv:
 * @table: a table
 * @rows: (element-type guint) (nullable): its pairs to write, in order,
 *   %NULL for all
 * @path: the file
 * @error: a location for a #GError
 *
 * Writes the pairs, one line each after a header, times in ns as recorded
 * and latencies in ns (whatever the locale): for requests latency_ns,
 * issue_ts, complete_ts, dev, kind, sector, nr_sector, task, pid,
 * issue_cpu, complete_cpu; for wakeups latency_ns, wakeup_ts, switch_ts,
 * task, pid, wakeup_cpu, target_cpu, switch_cpu, waker, waker_pid,
 * new_task. The file is replaced only when whole.
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
remora_latency_table_write_csv (const RemoraLatencyTable *table,
                                const GArray             *rows,
                                const char               *path,
                                GError                  **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint n = rows ? rows->len : table->pairs->len;

  if (table->kind == REMORA_LATENCY_BLOCK)
    g_string_append (out, "latency_ns,issue_ts,complete_ts,dev,kind,sector,nr_sector,task,pid,"
                          "issue_cpu,complete_cpu\n");
  else
    g_string_append (out, "latency_ns,wakeup_ts,switch_ts,task,pid,wakeup_cpu,target_cpu,"
                          "switch_cpu,waker,waker_pid,new_task\n");
  for (guint k = 0; k < n; k++)
    {
      guint                    i = rows ? g_array_index (rows, guint, k) : k;
      const RemoraLatencyPair *p = &g_array_index (table->pairs, RemoraLatencyPair, i);
      g_autofree char         *task = remora_format_csv_field (table->tasks[i]);

      if (table->kind == REMORA_LATENCY_BLOCK)
        {
          g_autofree char         *dev = remora_block_dev_name (p->dev);
          static const char *const kinds[] = { "read", "write", "flush", "discard", "other" };

          g_string_append_printf (
              out, "%lld,%lld,%lld,\"%s\",%s,%lld,%d,%s,%d,%d,%d\n", (long long) p->latency_ns,
              (long long) p->start_ts, (long long) p->end_ts, dev, kinds[MIN (p->kind, 4)],
              (long long) p->sector, p->nr_sector, task, p->pid, p->start_cpu, p->end_cpu);
        }
      else
        {
          g_autofree char *waker = remora_format_csv_field (table->wakers[i]);

          g_string_append_printf (out, "%lld,%lld,%lld,%s,%d,%d,%d,%d,%s,%d,%d\n",
                                  (long long) p->latency_ns, (long long) p->start_ts,
                                  (long long) p->end_ts, task, p->pid, p->start_cpu, p->target_cpu,
                                  p->end_cpu, waker, p->other_pid, p->new_task ? 1 : 0);
        }
    }
  if (!g_file_set_contents_full (path, out->str, (gssize) out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0644, error))
    return FALSE;
  return TRUE;
}
