/* test-model-device-rows.c: block devices' rows and the shading of idle
 * CPUs with I/O in flight, against brute force over the store's
 * `block_requests`: lanes never overlap, every request appears once in each
 * frame that shows them one by one, the queue depth per column is the
 * most and fewest in flight, and the idle times with I/O in flight add up
 * to remora stats' on every CPU. On the committed fixture, and on
 * ../shared/traces when it is there.
 *
 * Copyright 2026 The Remora authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include "config.h"

#include "remora-test-util.h"

/* The requests' spans as drawn: issue to completion, to the trace's end
 * when never completed, none for a requeued one. */
typedef struct
{
  gint64 id, dev, begin, end;
} Span;

static GArray *
read_spans (RemoraStore *store)
{
  GArray       *out = g_array_new (FALSE, FALSE, sizeof (Span));
  sqlite3_stmt *st = NULL;
  gint64        last = remora_store_get_info (store)->last_ts;

  g_assert_cmpint (
      sqlite3_prepare_v2 (remora_store_get_db (store),
                          "SELECT id, dev, issue_ts, CASE WHEN latency_ns IS NOT NULL THEN "
                          "complete_ts WHEN requeued THEN issue_ts ELSE max(?1, issue_ts) END "
                          "FROM block_requests WHERE buffer_id = 0",
                          -1, &st, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_int64 (st, 1, last);
  while (sqlite3_step (st) == SQLITE_ROW)
    {
      const char *dev = (const char *) sqlite3_column_text (st, 1);
      int         major, minor;
      Span        s;

      g_assert_cmpint (sscanf (dev, "%d,%d", &major, &minor), ==, 2);
      s = (Span){ sqlite3_column_int64 (st, 0), REMORA_BLOCK_DEV (major, minor),
                  sqlite3_column_int64 (st, 2), sqlite3_column_int64 (st, 3) };
      g_array_append_val (out, s);
    }
  sqlite3_finalize (st);
  return out;
}

/* Lanes: each request in one, none overlapping another of its lane, as many
 * lanes as requests in flight at once (a request of no length may take one
 * more). */
static void
check_lanes (const RemoraBlockDevice *d)
{
  guint                     n;
  const RemoraBlockRequest *r = remora_block_device_get_requests (d, &n);
  int                       lanes = remora_block_device_get_n_lanes (d);
  g_autofree gint64        *lane_end = g_new0 (gint64, MAX (1, lanes));

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (r[i].lane, >=, 0);
      g_assert_cmpint (r[i].lane, <, lanes);
      if (i > 0)
        g_assert_cmpint (r[i - 1].issue_ts, <=, r[i].issue_ts);
      g_assert_cmpint (lane_end[r[i].lane], <=, r[i].issue_ts);
      lane_end[r[i].lane] = r[i].end_ts;
    }
  g_assert_cmpint (lanes, <=, remora_block_device_get_max_depth (d) + 1);
  g_assert_cmpint (lanes, >=, remora_block_device_get_max_depth (d));
}

/* A frame of one device row over [@begin, @end): its boxes are the requests
 * that show there, each once; or its depth per column is the brute force's. */
static gboolean
check_frame (RemoraStore *store, const GArray *spans, int dev, gint64 begin, gint64 end, int width)
{
  g_autoptr (RemoraSession) session = remora_session_new (store);
  g_autoptr (RemoraFrame) frame = NULL;
  g_autoptr (GError) error = NULL;
  const RemoraFrameRow     *row;
  guint                     n;
  const RemoraBlockRequest *requests;

  remora_session_set_visible (session, begin, end);
  remora_session_add_row (session, REMORA_ROW_DEVICE, 0, dev, NULL);
  frame = remora_session_compute_frame (session, width, &error);
  g_assert_no_error (error);
  row = &frame->rows[0];
  begin = frame->range.begin_ns;
  end = frame->range.end_ns;
  g_assert_nonnull (row->device);
  requests = remora_block_device_get_requests (row->device, &n);
  if (row->boxes != NULL)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint expected = 0, overflow = 0;

      g_assert_cmpint (row->level, ==, -1);
      for (guint i = 0; i < row->boxes->len; i++)
        {
          const RemoraBlockRequest *r = &requests[g_array_index (row->boxes, guint, i)];

          g_assert_false (g_hash_table_contains (seen, &r->id));
          g_hash_table_add (seen, (gpointer) &r->id);
          overflow += r->lane >= row->lanes;
        }
      g_assert_cmpuint (overflow, ==, row->overflow);
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *s = &g_array_index (spans, Span, i);
          gboolean    shows = s->dev == dev && s->begin < end &&
                           (s->end > begin || (s->end == s->begin && s->begin >= begin));

          g_assert_true (shows == g_hash_table_contains (seen, &s->id));
          expected += shows;
        }
      g_assert_cmpuint (expected, ==, row->boxes->len);
      return TRUE;
    }
  /* the depth: check a few columns against the spans */
  g_assert_cmpint (row->level, ==, 0);
  g_assert_nonnull (row->depth_max);
  for (int c = 0; c < width; c += MAX (1, width / 7))
    {
      gint64 c0 = begin + (end - begin) * c / width, c1 = begin + (end - begin) * (c + 1) / width;
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
      int lo = G_MAXINT, hi = 0;

      /* the depth at the column's start and at each change inside it */
      g_array_append_val (times, c0);
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *s = &g_array_index (spans, Span, i);
          if (s->dev != dev || s->end <= s->begin)
            continue;
          if (s->begin > c0 && s->begin < c1)
            g_array_append_val (times, s->begin);
          if (s->end > c0 && s->end < c1)
            g_array_append_val (times, s->end);
        }
      for (guint t = 0; t < times->len; t++)
        {
          gint64 at = g_array_index (times, gint64, t);
          int    depth = 0;

          for (guint i = 0; i < spans->len; i++)
            {
              const Span *s = &g_array_index (spans, Span, i);
              depth += s->dev == dev && s->begin <= at && s->end > at;
            }
          lo = MIN (lo, depth);
          hi = MAX (hi, depth);
        }
      g_assert_cmpint (row->depth_min[c], ==, lo);
      g_assert_cmpint (row->depth_max[c], ==, hi);
    }
  return FALSE;
}

static void
check_store (RemoraStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemoraBlockIndex) index = remora_store_get_block_index (store, 0, &error);
  g_autoptr (GArray) spans = read_spans (store);
  g_autoptr (GArray) idle = remora_store_read_idle_during_io (store, &error);
  const RemoraTraceInfo *info = remora_store_get_info (store);
  guint                  total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (remora_block_index_get_n_devices (index), >, 0);
  for (guint i = 0; i < remora_block_index_get_n_devices (index); i++)
    {
      const RemoraBlockDevice  *d = remora_block_index_get_device (index, i);
      int                       dev = remora_block_device_get_dev (d);
      guint                     n, boxes = 0, depths = 0;
      const RemoraBlockRequest *r = remora_block_device_get_requests (d, &n);

      total += n;
      check_lanes (d);
      /* the whole trace, then windows of 10 ms and 100 µs about requests */
      boxes += check_frame (store, spans, dev, info->first_ts, info->last_ts + 1, 1200);
      depths += !check_frame (store, spans, dev, info->first_ts, info->last_ts + 1, 40);
      for (guint k = 0; k < n; k += MAX (1, n / 9))
        {
          boxes += check_frame (store, spans, dev, r[k].issue_ts - 5000000, r[k].issue_ts + 5000000,
                                1200);
          boxes +=
              check_frame (store, spans, dev, r[k].issue_ts - 20000, r[k].issue_ts + 80000, 1200);
        }
      g_assert_cmpuint (boxes, >, 0);
      g_assert_cmpuint (depths, >, 0);
    }
  g_assert_cmpuint (total, ==, spans->len);
  /* the idle times with I/O in flight, per CPU, are remora stats' */
  for (guint i = 0; i < idle->len; i++)
    {
      const RemoraIdleDuringIo *c = &g_array_index (idle, RemoraIdleDuringIo, i);

      if (c->buffer[0] != '\0')
        continue;
      g_assert_cmpint (
          remora_block_index_get_idle_io (index, c->cpu, info->first_ts, info->last_ts + 1), ==,
          c->idle_io_ns);
    }
}

static void
test_fixture (void)
{
  g_autofree char *trace = remora_test_fixture_path ("sched-block-v6.dat");
  g_autofree char *dir = remora_test_make_tmpdir ();
  g_autoptr (RemoraStore) store = remora_test_import (trace, dir, NULL);

  check_store (store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

static void
test_shared (gconstpointer data)
{
  g_autofree char *dir = NULL, *copy = NULL;
  g_autoptr (RemoraStore) store = remora_test_open_shared (data, &dir, &copy);

  if (store == NULL)
    return;
  check_store (store);
  g_clear_object (&store);
  remora_test_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/remora/model/device-rows/fixture", test_fixture);
  g_test_add_data_func ("/remora/model/device-rows/shared/sched-block-small",
                        "sched-block-small.dat", test_shared);
  g_test_add_data_func ("/remora/model/device-rows/shared/sched-block-v7-zstd",
                        "sched-block-v7-zstd.dat", test_shared);
  return g_test_run ();
}
