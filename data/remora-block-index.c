/* remora-block-index.c: a buffer's block requests in memory, per device,
 * laid out in lanes, with the queue depth over time and the stretches when
 * each CPU sat idle while a request was in flight
 *
 * Read once per store connection and buffer, by the first frame that shows
 * a device or the shading (some 20 ms for 50 k requests): a frame then
 * finds a range's requests by a binary search per lane and a column's queue
 * depth from block summaries, at a cost that follows its pixels.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "remora-block-index-private.h"
#include "remora-data-error.h"
#include "remora-store-private.h"

/* the depth's steps are summarised in blocks of this many */
#define DEPTH_BLOCK 64

struct _RemoraBlockDevice
{
  int                 dev;
  RemoraBlockRequest *requests; /* in issue order */
  guint               n;
  int                 n_lanes;
  guint              *lane_start; /* n_lanes + 1 offsets into lane_items */
  guint              *lane_items; /* request indexes, per lane in issue order */
  int                 max_depth;
  /* the queue depth: from step_ts[i] until the next step, step_depth[i] */
  gint64  *step_ts;
  guint16 *step_depth;
  guint    n_steps;
  /* each block's minimum and maximum, and sparse tables over blocks: level k
   * entry b covers blocks b … b + 2^k − 1 */
  guint     n_blocks;
  int       n_levels;
  guint16 **sparse_min;
  guint16 **sparse_max;
};

typedef struct
{
  int     cpu;
  GArray *spans; /* RemoraSpan, idle with a request in flight */
  gint64 *cum;   /* cum[i]: the length of spans 0 … i − 1 */
} CpuIdle;

struct _RemoraBlockIndex
{
  RemoraBlockDevice *devices;
  guint              n_devices;
  CpuIdle           *cpus;
  guint              n_cpus;
  gboolean           has_idle_io;
};

/* Building ----------------------------------------------------------------- */

/**
 * remora_block_kind_parse:
 * @kind: (nullable): a request's kind as `block_requests.kind` says it
 *
 * Returns: the #RemoraBlockKind it names (%REMORA_BLOCK_OTHER for anything
 *   else).
 */
RemoraBlockKind
remora_block_kind_parse (const char *kind)
{
  static const char *const names[] = { "read", "write", "flush", "discard" };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (kind, names[i]) == 0)
      return (RemoraBlockKind) i;
  return REMORA_BLOCK_OTHER;
}

/**
 * remora_block_dev_parse:
 * @text: (nullable): a device as the store keeps it, "MAJOR,MINOR"
 *
 * Returns: the device, REMORA_BLOCK_DEV(), or -1 when @text is not that.
 */
int
remora_block_dev_parse (const char *text)
{
  g_auto (GStrv) parts = text ? g_strsplit (text, ",", 3) : NULL;
  guint64 major, minor;

  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 4095, &major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 0xfffff, &minor, NULL))
    return -1;
  return REMORA_BLOCK_DEV ((int) major, (int) minor);
}

/**
 * remora_block_dev_name:
 * @dev: a device (REMORA_BLOCK_DEV())
 *
 * Returns: (transfer full): its name as trace-cmd prints it, "MAJOR,MINOR".
 */
char *
remora_block_dev_name (int dev)
{
  return g_strdup_printf ("%d,%d", REMORA_BLOCK_DEV_MAJOR (dev), REMORA_BLOCK_DEV_MINOR (dev));
}

/* A binary heap of gint64 keys with an int each, the smallest key on top. */
typedef struct
{
  gint64 key;
  int    value;
} HeapItem;

static void
heap_push (GArray *heap, gint64 key, int value)
{
  HeapItem  item = { key, value };
  HeapItem *h;
  guint     i;

  g_array_append_val (heap, item);
  h = (HeapItem *) heap->data;
  for (i = heap->len - 1; i > 0 && h[(i - 1) / 2].key > h[i].key; i = (i - 1) / 2)
    {
      HeapItem t = h[i];
      h[i] = h[(i - 1) / 2];
      h[(i - 1) / 2] = t;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *h = (HeapItem *) heap->data;
  HeapItem  top = h[0];
  guint     i = 0, n;

  h[0] = h[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint    l = 2 * i + 1, r = l + 1, m = i;
      HeapItem t;

      if (l < n && h[l].key < h[m].key)
        m = l;
      if (r < n && h[r].key < h[m].key)
        m = r;
      if (m == i)
        break;
      t = h[i];
      h[i] = h[m];
      h[m] = t;
      i = m;
    }
  return top;
}

/* Each request in the lowest lane free at its issue (a lane is free once
 * its last request has ended), in issue order. */
static void
assign_lanes (RemoraBlockDevice *d)
{
  g_autoptr (GArray) busy = g_array_new (FALSE, FALSE, sizeof (HeapItem)); /* by end */
  g_autoptr (GArray) free_lanes = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  g_autoptr (GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autofree guint *fill = NULL;

  for (guint i = 0; i < d->n; i++)
    {
      RemoraBlockRequest *r = &d->requests[i];
      int                 lane;

      while (busy->len > 0 && ((HeapItem *) busy->data)[0].key <= r->issue_ts)
        {
          HeapItem done = heap_pop (busy);
          heap_push (free_lanes, done.value, done.value);
        }
      if (free_lanes->len > 0)
        lane = heap_pop (free_lanes).value;
      else
        {
          lane = d->n_lanes++;
          g_array_set_size (counts, d->n_lanes);
        }
      r->lane = lane;
      g_array_index (counts, guint, lane)++;
      heap_push (busy, r->end_ts, lane);
    }
  d->lane_start = g_new0 (guint, d->n_lanes + 1);
  for (int l = 0; l < d->n_lanes; l++)
    d->lane_start[l + 1] = d->lane_start[l] + g_array_index (counts, guint, l);
  d->lane_items = g_new (guint, MAX (1, d->n));
  fill = g_memdup2 (d->lane_start, sizeof (guint) * (d->n_lanes + 1));
  for (guint i = 0; i < d->n; i++)
    {
      int lane = d->requests[i].lane;
      d->lane_items[fill[lane]++] = i;
    }
}

typedef struct
{
  gint64 ts;
  int    delta;
} Step;

static int
compare_steps (gconstpointer a, gconstpointer b)
{
  const Step *x = a, *y = b;
  return x->ts < y->ts ? -1 : x->ts > y->ts;
}

static void
summarise_depth (RemoraBlockDevice *d)
{
  g_autofree Step *steps = g_new (Step, 2 * (gsize) MAX (1, d->n));
  guint            n = 0;
  int              depth = 0;

  for (guint i = 0; i < d->n; i++)
    {
      const RemoraBlockRequest *r = &d->requests[i];

      if (r->end_ts <= r->issue_ts)
        continue;
      steps[n++] = (Step){ r->issue_ts, 1 };
      steps[n++] = (Step){ r->end_ts, -1 };
    }
  qsort (steps, n, sizeof (Step), compare_steps);
  d->step_ts = g_new (gint64, MAX (1, n));
  d->step_depth = g_new (guint16, MAX (1, n));
  for (guint i = 0; i < n; i++)
    {
      depth += steps[i].delta;
      /* the steps of one time are one */
      if (d->n_steps > 0 && d->step_ts[d->n_steps - 1] == steps[i].ts)
        d->n_steps--;
      d->step_ts[d->n_steps] = steps[i].ts;
      d->step_depth[d->n_steps] = (guint16) CLAMP (depth, 0, G_MAXUINT16);
      d->max_depth = MAX (d->max_depth, d->step_depth[d->n_steps]);
      d->n_steps++;
    }
  d->n_blocks = (d->n_steps + DEPTH_BLOCK - 1) / DEPTH_BLOCK;
  d->n_levels = 1;
  while ((1u << d->n_levels) <= d->n_blocks)
    d->n_levels++;
  d->sparse_min = g_new0 (guint16 *, d->n_levels);
  d->sparse_max = g_new0 (guint16 *, d->n_levels);
  d->sparse_min[0] = g_new (guint16, MAX (1, d->n_blocks));
  d->sparse_max[0] = g_new (guint16, MAX (1, d->n_blocks));
  for (guint b = 0; b < d->n_blocks; b++)
    {
      guint16 lo = G_MAXUINT16, hi = 0;

      for (guint i = b * DEPTH_BLOCK; i < MIN (d->n_steps, (b + 1) * DEPTH_BLOCK); i++)
        {
          lo = MIN (lo, d->step_depth[i]);
          hi = MAX (hi, d->step_depth[i]);
        }
      d->sparse_min[0][b] = lo;
      d->sparse_max[0][b] = hi;
    }
  for (int k = 1; k < d->n_levels; k++)
    {
      guint half = 1u << (k - 1);

      d->sparse_min[k] = g_new (guint16, MAX (1, d->n_blocks));
      d->sparse_max[k] = g_new (guint16, MAX (1, d->n_blocks));
      for (guint b = 0; b < d->n_blocks; b++)
        {
          guint o = MIN (b + half, d->n_blocks - 1);
          d->sparse_min[k][b] = MIN (d->sparse_min[k - 1][b], d->sparse_min[k - 1][o]);
          d->sparse_max[k][b] = MAX (d->sparse_max[k - 1][b], d->sparse_max[k - 1][o]);
        }
    }
}

static void
device_clear (RemoraBlockDevice *d)
{
  g_free (d->requests);
  g_free (d->lane_start);
  g_free (d->lane_items);
  g_free (d->step_ts);
  g_free (d->step_depth);
  for (int k = 0; k < d->n_levels; k++)
    {
      g_free (d->sparse_min[k]);
      g_free (d->sparse_max[k]);
    }
  g_free (d->sparse_min);
  g_free (d->sparse_max);
}

static void
index_free (gpointer p)
{
  RemoraBlockIndex *index = p;

  for (guint i = 0; i < index->n_devices; i++)
    device_clear (&index->devices[i]);
  g_free (index->devices);
  for (guint i = 0; i < index->n_cpus; i++)
    {
      g_array_unref (index->cpus[i].spans);
      g_free (index->cpus[i].cum);
    }
  g_free (index->cpus);
}

RemoraBlockIndex *
remora_block_index_ref (RemoraBlockIndex *index)
{
  return g_atomic_rc_box_acquire (index);
}

void
remora_block_index_unref (RemoraBlockIndex *index)
{
  if (index != NULL)
    g_atomic_rc_box_release_full (index, index_free);
}

static int
compare_devs (gconstpointer a, gconstpointer b)
{
  const GArray *x = *(GArray *const *) a, *y = *(GArray *const *) b;
  int           dx = g_array_index (x, int, 0), dy = g_array_index (y, int, 0);
  return dx < dy ? -1 : dx > dy;
}

static gboolean
read_requests (RemoraStore *store, int buffer_id, RemoraBlockIndex *index, GError **error)
{
  g_autoptr (RemoraCachedStmt) st = NULL;
  g_autoptr (GHashTable) by_dev = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) devs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gint64 trace_end = remora_store_get_info (store)->last_ts;
  int    rc;

  if ((st = remora_store_prepare_cached (
           store,
           "SELECT id, dev, sector, nr_sector, kind, issue_ts, complete_ts, latency_ns, "
           "requeued, issue_cpu, complete_cpu, issue_pid, issue_event_id, complete_event_id "
           "FROM block_requests WHERE buffer_id = ?1 ORDER BY issue_ts, id",
           error)) == NULL)
    return FALSE;
  sqlite3_bind_int (st, 1, buffer_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char        *dev_text = (const char *) sqlite3_column_text (st, 1);
      int                dev = remora_block_dev_parse (dev_text);
      RemoraBlockRequest r = { 0 };
      GArray            *list;
      gboolean           completed =
          sqlite3_column_type (st, 6) != SQLITE_NULL && sqlite3_column_type (st, 7) != SQLITE_NULL;

      if (dev < 0)
        {
          g_set_error (error, REMORA_DATA_ERROR, REMORA_DATA_ERROR_STORE,
                       _ ("The store “%s” is damaged: block request %lld names the device “%s”, "
                          "not MAJOR,MINOR"),
                       remora_store_get_path (store), (long long) sqlite3_column_int64 (st, 0),
                       dev_text ? dev_text : "");
          return FALSE;
        }
      r.id = remora_store_column_id (store, st, 0);
      r.sector = sqlite3_column_int64 (st, 2);
      r.nr_sector = remora_store_column_in (store, st, 3, 0, G_MAXINT32);
      r.kind = remora_block_kind_parse ((const char *) sqlite3_column_text (st, 4));
      r.issue_ts = remora_store_column_ts (store, st, 5);
      r.issue_cpu = remora_store_column_cpu (store, st, 9);
      r.issue_pid = remora_store_column_int32 (store, st, 11);
      r.issue_event_id = remora_store_column_id (store, st, 12);
      r.complete_cpu = -1;
      r.complete_event_id = -1;
      if (completed)
        {
          r.flags |= REMORA_BLOCK_COMPLETED;
          r.end_ts = MAX (r.issue_ts, remora_store_column_ts (store, st, 6));
          if (sqlite3_column_type (st, 10) != SQLITE_NULL)
            r.complete_cpu = remora_store_column_cpu (store, st, 10);
          if (sqlite3_column_type (st, 13) != SQLITE_NULL)
            r.complete_event_id = remora_store_column_id (store, st, 13);
        }
      else if (sqlite3_column_int (st, 8) != 0)
        {
          r.flags |= REMORA_BLOCK_REQUEUED;
          r.end_ts = r.issue_ts;
        }
      else
        r.end_ts = MAX (r.issue_ts, trace_end);
      list = g_hash_table_lookup (by_dev, GINT_TO_POINTER (dev + 1));
      if (list == NULL)
        {
          /* element 0 holds the device */
          RemoraBlockRequest head = { .id = dev };

          list = g_array_new (FALSE, FALSE, sizeof (RemoraBlockRequest));
          g_array_append_val (list, head);
          g_hash_table_insert (by_dev, GINT_TO_POINTER (dev + 1), list);
          g_ptr_array_add (devs, list);
        }
      g_array_append_val (list, r);
    }
  if (!remora_store_check (store, rc, error))
    return FALSE;
  g_ptr_array_sort (devs, compare_devs);
  index->n_devices = devs->len;
  index->devices = g_new0 (RemoraBlockDevice, MAX (1, devs->len));
  for (guint i = 0; i < devs->len; i++)
    {
      GArray            *list = g_ptr_array_index (devs, i);
      RemoraBlockDevice *d = &index->devices[i];

      d->dev = (int) g_array_index (list, RemoraBlockRequest, 0).id;
      d->n = list->len - 1;
      d->requests = g_memdup2 (&g_array_index (list, RemoraBlockRequest, 1),
                               sizeof (RemoraBlockRequest) * MAX (1, d->n));
      assign_lanes (d);
      summarise_depth (d);
    }
  return TRUE;
}

static gboolean
read_idle (RemoraStore *store, int buffer_id, RemoraBlockIndex *index, GError **error)
{
  g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  if (!_remora_store_read_idle_io_spans (store, buffer_id, cpus, spans, error))
    return FALSE;
  index->n_cpus = cpus->len;
  index->cpus = g_new0 (CpuIdle, MAX (1, cpus->len));
  for (guint i = 0; i < cpus->len; i++)
    {
      CpuIdle *c = &index->cpus[i];

      c->cpu = g_array_index (cpus, int, i);
      c->spans = g_array_ref (g_ptr_array_index (spans, i));
      c->cum = g_new (gint64, c->spans->len + 1);
      c->cum[0] = 0;
      for (guint k = 0; k < c->spans->len; k++)
        {
          const RemoraSpan *s = &g_array_index (c->spans, RemoraSpan, k);
          c->cum[k + 1] = c->cum[k] + (s->end - s->begin);
        }
      index->has_idle_io |= c->spans->len > 0;
    }
  return TRUE;
}

RemoraBlockIndex *
_remora_block_index_read (RemoraStore *store, int buffer_id, GError **error)
{
  g_autoptr (RemoraBlockIndex) index = g_atomic_rc_box_new0 (RemoraBlockIndex);

  if (!read_requests (store, buffer_id, index, error))
    return NULL;
  /* without requests no CPU sat idle with one in flight */
  if (index->n_devices > 0 && !read_idle (store, buffer_id, index, error))
    return NULL;
  return g_steal_pointer (&index);
}

/* Asking ------------------------------------------------------------------- */

guint
remora_block_index_get_n_devices (const RemoraBlockIndex *index)
{
  return index->n_devices;
}

const RemoraBlockDevice *
remora_block_index_get_device (const RemoraBlockIndex *index, guint i)
{
  g_return_val_if_fail (i < index->n_devices, NULL);
  return &index->devices[i];
}

/**
 * remora_block_index_find_device:
 * @index: a #RemoraBlockIndex
 * @dev: a device
 *
 * Returns: (nullable): the device, or %NULL when it issued no request.
 */
const RemoraBlockDevice *
remora_block_index_find_device (const RemoraBlockIndex *index, int dev)
{
  for (guint i = 0; i < index->n_devices; i++)
    if (index->devices[i].dev == dev)
      return &index->devices[i];
  return NULL;
}

/**
 * remora_block_index_has_idle_io:
 * @index: a #RemoraBlockIndex
 *
 * Returns: whether any CPU sat idle while a request was in flight.
 */
gboolean
remora_block_index_has_idle_io (const RemoraBlockIndex *index)
{
  return index->has_idle_io;
}

/* How long @c was idle with a request in flight before @t. */
static gint64
idle_io_before (const CpuIdle *c, gint64 t)
{
  const RemoraSpan *s = (const RemoraSpan *) c->spans->data;
  guint             lo = 0, hi = c->spans->len;

  /* the spans that begin before t: 0 … lo − 1 */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (s[mid].begin < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == 0)
    return 0;
  return c->cum[lo - 1] + (MIN (t, s[lo - 1].end) - s[lo - 1].begin);
}

/**
 * remora_block_index_get_idle_io:
 * @index: a #RemoraBlockIndex
 * @cpu: a CPU of the index's buffer
 * @begin_ns: a range's start
 * @end_ns: its end
 *
 * Returns: how long of [@begin_ns, @end_ns) @cpu was idle while a request
 *   was in flight (SCHEMA.md, "Idle while I/O is in flight"), in ns.
 */
gint64
remora_block_index_get_idle_io (const RemoraBlockIndex *index,
                                int                     cpu,
                                gint64                  begin_ns,
                                gint64                  end_ns)
{
  for (guint i = 0; i < index->n_cpus; i++)
    if (index->cpus[i].cpu == cpu)
      return end_ns > begin_ns ? idle_io_before (&index->cpus[i], end_ns) -
                                     idle_io_before (&index->cpus[i], begin_ns)
                               : 0;
  return 0;
}

int
remora_block_device_get_dev (const RemoraBlockDevice *device)
{
  return device->dev;
}

/**
 * remora_block_device_get_requests:
 * @device: a device
 * @n: (out): how many
 *
 * Returns: (array length=n): its requests, in issue order.
 */
const RemoraBlockRequest *
remora_block_device_get_requests (const RemoraBlockDevice *device, guint *n)
{
  *n = device->n;
  return device->requests;
}

/**
 * remora_block_device_get_n_lanes:
 * @device: a device
 *
 * Returns: how many lanes its requests need (the most in flight at once, as
 *   the lanes are reused).
 */
int
remora_block_device_get_n_lanes (const RemoraBlockDevice *device)
{
  return device->n_lanes;
}

int
remora_block_device_get_max_depth (const RemoraBlockDevice *device)
{
  return device->max_depth;
}

/* The first request issued at or after @t. */
static guint
first_issued (const RemoraBlockDevice *d, gint64 t)
{
  guint lo = 0, hi = d->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (d->requests[mid].issue_ts < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * remora_block_device_count_issued:
 * @device: a device
 * @begin_ns: a range's start
 * @end_ns: its end
 *
 * Returns: how many requests were issued in [@begin_ns, @end_ns).
 */
guint
remora_block_device_count_issued (const RemoraBlockDevice *device, gint64 begin_ns, gint64 end_ns)
{
  return end_ns > begin_ns ? first_issued (device, end_ns) - first_issued (device, begin_ns) : 0;
}

/* Whether @r shows in a range from @begin: it ends after it, or (a request
 * of no length) lies in it. Within a lane, false and then true. */
static gboolean
reaches (const RemoraBlockRequest *r, gint64 begin)
{
  return r->end_ts > begin || r->issue_ts >= begin;
}

/**
 * remora_block_device_collect:
 * @device: a device
 * @begin_ns: a range's start
 * @end_ns: its end
 * @max: stop after more than this many
 * @out: (element-type guint): where the indexes of the requests that show in
 *   [@begin_ns, @end_ns) go (issued before its end, ended after its start),
 *   lane by lane, each lane's in issue order
 *
 * A binary search per lane and the requests found.
 */
void
remora_block_device_collect (
    const RemoraBlockDevice *device, gint64 begin_ns, gint64 end_ns, guint max, GArray *out)
{
  for (int l = 0; l < device->n_lanes; l++)
    {
      const guint *items = device->lane_items + device->lane_start[l];
      guint        n = device->lane_start[l + 1] - device->lane_start[l];
      guint        lo = 0, hi = n;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          if (!reaches (&device->requests[items[mid]], begin_ns))
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint k = lo; k < n && device->requests[items[k]].issue_ts < end_ns; k++)
        {
          g_array_append_val (out, items[k]);
          if (out->len > max)
            return;
        }
    }
}

/* The depth's minimum and maximum over steps [@a, @b). */
static void
depth_range (const RemoraBlockDevice *d, guint a, guint b, guint16 *lo, guint16 *hi)
{
  while (a < b && a % DEPTH_BLOCK != 0)
    {
      *lo = MIN (*lo, d->step_depth[a]);
      *hi = MAX (*hi, d->step_depth[a]);
      a++;
    }
  while (b > a && b % DEPTH_BLOCK != 0)
    {
      b--;
      *lo = MIN (*lo, d->step_depth[b]);
      *hi = MAX (*hi, d->step_depth[b]);
    }
  if (a < b)
    {
      guint ba = a / DEPTH_BLOCK, bb = b / DEPTH_BLOCK; /* blocks [ba, bb) */
      int   k = (int) g_bit_storage (bb - ba) - 1;

      *lo = MIN (*lo, MIN (d->sparse_min[k][ba], d->sparse_min[k][bb - (1u << k)]));
      *hi = MAX (*hi, MAX (d->sparse_max[k][ba], d->sparse_max[k][bb - (1u << k)]));
    }
}

/* The steps at or before @t: 0 … result − 1. */
static guint
steps_to (const RemoraBlockDevice *d, gint64 t)
{
  guint lo = 0, hi = d->n_steps;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (d->step_ts[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * remora_block_device_get_depth:
 * @device: a device
 * @edges: (array length=columns+1): the columns' edges: column c is
 *   [edges[c], edges[c + 1])
 * @columns: how many columns
 * @min: (array length=columns): where the fewest requests in flight in each
 *   column go
 * @max: (array length=columns): and the most
 *
 * The queue depth per column, from summaries of the depth's steps: some
 * dozens of reads per column, however many requests it spans.
 */
void
remora_block_device_get_depth (
    const RemoraBlockDevice *device, const gint64 *edges, int columns, guint16 *min, guint16 *max)
{
  for (int c = 0; c < columns; c++)
    {
      guint   at = steps_to (device, edges[c]);
      guint   next = MAX (at, steps_to (device, edges[c + 1] - 1));
      guint16 d0 = at > 0 ? device->step_depth[at - 1] : 0;

      /* the depth at the column's start, and the steps inside it */
      min[c] = max[c] = d0;
      depth_range (device, at, next, &min[c], &max[c]);
    }
}

/**
 * remora_store_read_block_rwbs:
 * @store: a #RemoraStore, used on this thread
 * @id: a row of `block_requests`
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the request's `rwbs` as the trace has it
 *   ("WS", "FF", …), "" when there is no such request, or %NULL with @error
 *   set.
 */
char *
remora_store_read_block_rwbs (RemoraStore *store, gint64 id, GError **error)
{
  g_autoptr (RemoraCachedStmt) st =
      remora_store_prepare_cached (store, "SELECT rwbs FROM block_requests WHERE id = ?1", error);
  int rc;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (st, 0) ?: "");
  if (!remora_store_check (store, rc, error))
    return NULL;
  return g_strdup ("");
}

/**
 * remora_block_device_find_request:
 * @device: a device
 * @id: a row of `block_requests`
 *
 * Returns: (nullable): the request, or %NULL when it is not the device's.
 */
const RemoraBlockRequest *
remora_block_device_find_request (const RemoraBlockDevice *device, gint64 id)
{
  for (guint i = 0; i < device->n; i++)
    if (device->requests[i].id == id)
      return &device->requests[i];
  return NULL;
}
